"""Every internal link and anchor of the built site resolves (issue 7).

MkDocs' strict validation checks the links written in Markdown; this checks the HTML
as shipped, including what themes, hooks and templates add: navigation, tabs, cross-links,
limit-table and quiz markup, footers, scripts and stylesheets.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

LINK_ATTRIBUTES = {"href", "src"}
ROOT = Path(__file__).resolve().parent.parent


def site_prefix() -> str:
    """The path the site is served under (site_url's path, e.g. /cheatsheet/): 404.html links from it."""
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


class PageScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append(value)


def scan(site: Path) -> dict[str, PageScan]:
    pages = {}
    for path in site.rglob("*.html"):
        parser = PageScan()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def target_file(site: Path, path: str) -> str | None:
    """The file a site path is served from, as a static host does (folder → index.html)."""
    rel = unquote(path).lstrip("/")
    candidates = [rel, rel + "index.html"] if rel.endswith("/") or not rel else [rel, rel + "/index.html"]
    for candidate in candidates:
        if candidate and (site / candidate).is_file():
            return candidate
    return None


def broken_links(site: Path, prefix: str = "/") -> list[str]:
    pages = scan(site)
    problems = []
    base = "http://site.invalid" + prefix  # stands for the site root while resolving URLs
    for page, parsed in sorted(pages.items()):
        page_url = urljoin(base, page)
        for link in parsed.links:
            url = urlsplit(urljoin(page_url, link))
            if url.scheme not in ("http", "https") or url.netloc != "site.invalid":
                continue  # other sites, mailto:, data: …
            if not url.path.startswith(prefix):
                problems.append(f"{page}: {link} → outside the site's path {prefix}")
                continue
            target = target_file(site, url.path[len(prefix) :])
            if target is None:
                problems.append(f"{page}: {link} → no such file")
            elif url.fragment and target.endswith(".html") and unquote(url.fragment) not in pages[target].ids:
                problems.append(f"{page}: {link} → no id {url.fragment!r} on {target}")
    return problems


@pytest.fixture(scope="module")
def problems(site):
    return broken_links(site, site_prefix())


def test_every_internal_link_and_anchor_resolves(problems):
    assert problems == [], f"{len(problems)} broken:\n" + "\n".join(problems[:50])


def test_the_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="a/#here">ok</a><a href="https://example.com/x">skip</a>')
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="../missing/">x</a><a href="../#nowhere">x</a><img src="../img.png"><a href="#here">ok</a>'
    )
    assert broken_links(tmp_path) == [
        "a/index.html: ../missing/ → no such file",
        "a/index.html: ../#nowhere → no id 'nowhere' on index.html",
        "a/index.html: ../img.png → no such file",
    ]
