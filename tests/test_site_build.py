"""The real site: strict build, page count and size, nav, glossary, listings."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from tests.conftest import DOCS


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_words(path) -> int:
    article = soup_of(path).select_one("article")
    return len(re.findall(r"\w+", article.get_text(" "))) if article else 0


def content_pages(site):
    """Built pages that come from a service or concept Markdown file."""
    sources = [p for p in DOCS.rglob("*.md") if p.parts[-2:] != ("includes",) and p.name != "index.md"]
    sources = [p for p in sources if p.relative_to(DOCS).parts[0] in ("services", "concepts")]
    return [site / p.relative_to(DOCS).with_suffix("") / "index.html" for p in sources]


def test_strict_build_has_no_warnings(site_build):
    assert site_build.returncode == 0, site_build.output
    assert site_build.warnings == []
    assert "Traceback" not in site_build.output


def test_sixty_or_more_content_pages_none_over_eight_percent_of_words(site):
    pages = content_pages(site)
    assert len(pages) >= 60
    words = {p: article_words(p) for p in pages}
    total = sum(words.values())
    biggest = max(words, key=words.get)
    assert words[biggest] / total <= 0.08, f"{biggest} holds {words[biggest] / total:.1%} of the words"
    assert all(n > 0 for n in words.values())


def test_services_tab_lists_categories_in_order_with_real_names(site):
    nav = soup_of(site / "services/index.html").select_one("nav.md-nav--primary")
    labels = [label.get_text(" ", strip=True) for label in nav.select("label.md-nav__link, a.md-nav__link")]
    text = " | ".join(labels)
    assert text.index("Networking & Content Delivery") < text.index("Compute") < text.index("Databases")
    assert "networking" not in labels  # folder slugs never reach readers


def test_top_level_tabs_order(site):
    tabs = [a.get_text(strip=True) for a in soup_of(site / "index.html").select(".md-tabs__link")]
    assert tabs[:3] == ["Home", "Concepts", "Services"]


def test_previous_and_next_follow_the_nav_order(site):
    """Pages sort by service name, vendor prefix ignored; the next category follows."""
    footer = soup_of(site / "services/networking/vpc/index.html").select(".md-footer__link")
    labels = [a["aria-label"] for a in footer]
    assert labels == ["Previous: AWS Site-to-Site VPN", "Next: Compute"]


def test_category_index_lists_its_services(site):
    page = soup_of(site / "services/networking/index.html")
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("article table a")}
    assert links["Amazon VPC"] == "vpc/"
    assert links["AWS Direct Connect"] == "direct-connect/"


def test_glossary_tooltips_and_page(site):
    dx = soup_of(site / "services/networking/direct-connect/index.html")
    assert dx.select_one('abbr[title="AWS Direct Connect"]') is not None
    glossary = soup_of(site / "glossary/index.html")
    rows = glossary.select("article table tbody tr")
    assert len(rows) >= 80
    dx_row = next(r for r in rows if r.td.get_text(strip=True) == "DX")
    assert dx_row.select_one("a")["href"].endswith("services/networking/direct-connect/")


def test_edit_links_point_at_the_page_source(site):
    link = soup_of(site / "services/networking/vpc/index.html").select_one("a.md-content__button[href*='/edit/']")
    assert link is not None
    assert link["href"].endswith("/edit/main/docs/services/networking/vpc.md")


def test_tags_index_lists_pages(site):
    tags = soup_of(site / "tags/index.html")
    assert tags.find(string=re.compile("Hybrid connectivity")) is not None
    assert tags.select_one("article a[href*='direct-connect']") is not None


def test_no_page_loads_anything_from_another_host(site):
    """Scripts, styles, fonts, icons and images all come from the site itself."""
    loading = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest", "preconnect", "dns-prefetch"}
    offenders = []
    for path in site.rglob("*.html"):
        page = soup_of(path)
        urls = [tag.get("src", "") for tag in page.select("script[src], img[src], iframe[src], source[src]")]
        urls += [tag["href"] for tag in page.select("link[href]") if loading & set(tag.get("rel", []))]
        offenders += [f"{path.relative_to(site)}: {url}" for url in urls if re.match(r"^(https?:)?//", url)]
    assert offenders == []


def test_no_marker_or_comment_leaks_into_the_text(site):
    """A mangled marker (e.g. `<!-- x -→`) would show up as text instead of being replaced."""
    leaks = [
        str(p.relative_to(site)) for p in site.rglob("*.html") if "<!--" in (soup_of(p).select_one("article") or soup_of(p)).get_text()
    ]
    assert leaks == []
