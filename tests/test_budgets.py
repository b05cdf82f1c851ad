"""Size budgets of the built site (issue 7). Sizes are deterministic, so they are tests;
timings (build, rebuild under `mkdocs serve`) are only in the benchmark (make bench).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import page_weight  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402


def test_largest_page_html_is_at_most_40_kb_gzipped(site):
    largest = page_weight.page_sizes(site)[0]
    assert largest.gzipped <= page_weight.PAGE_BUDGET, f"{largest.path}: {largest.gzipped / 1024:.1f} KB gzipped"


def test_own_js_and_css_are_at_most_28_kb_gzipped(site):
    assets = page_weight.own_assets(site)
    total = sum(a.gzipped for a in assets)
    assert total <= page_weight.OWN_ASSETS_BUDGET, "\n".join(f"{a.path}: {a.gzipped} B" for a in assets)


def test_own_assets_are_the_projects_files_and_only_those(site):
    """The budget counts what the project adds (stylesheets, widget scripts), never Material's bundle."""
    paths = {a.path for a in page_weight.own_assets(site)}
    assert {"assets/stylesheets/study.css", "assets/javascripts/study.js"} <= paths  # extra_css, extra_javascript
    assert "assets/javascripts/material-palette.js" in paths  # Material's inline script, now ours to carry
    assert not any("bundle" in p or p.endswith(".min.css") for p in paths)
    for path in paths:
        assert (site / path).stat().st_size > 0


def test_page_sizes_cover_every_page_largest_first(site):
    sizes = page_weight.page_sizes(site)
    assert len(sizes) == len(list(site.rglob("*.html")))
    assert [s.gzipped for s in sizes] == sorted((s.gzipped for s in sizes), reverse=True)
    assert 0 < sizes[-1].gzipped < sizes[-1].raw


def test_every_published_page_is_held_to_the_page_budget(site):
    """The one page past 40 KB, every page on one page for printing, is built only by
    `make offline` (print.html), so the published site needs no exemption list."""
    assert not (site / "print.html").exists() and not (site / "print").exists()
    assert {s.path for s in page_weight.page_sizes(site)} == {str(p.relative_to(site)) for p in site.rglob("*.html")}


def nav_links(page: Path) -> set[str]:
    nav = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
    return {a["href"] for a in nav.select("a.md-nav__link[href]")}


def test_each_page_carries_only_its_own_branch_of_the_navigation(site):
    """navigation.prune without navigation.sections (mobile performance): the home page
    used to hold all 145 service and category links, 70% of its HTML."""
    home = nav_links(site / "index.html")
    assert "services/networking/" in home  # the Services tab, closed
    assert not [href for href in home if re.match(r"services/[^/]+/[^/]+/", href)]
    vpc = nav_links(site / "services/networking/vpc/index.html")
    assert "../direct-connect/" in vpc  # its own category stays open
    assert not any("/compute/" in href and href.count("/") > 3 for href in vpc)  # other categories stay closed
    assert len(vpc) < 60


def test_scripts_never_hold_the_first_paint(site):
    """Only the two tiny scripts that must run while the page parses (Material's storage
    helpers and the colour scheme, before anything is painted) are synchronous; the bundle
    and the project's scripts are deferred (mobile performance)."""
    for page in ("index.html", "services/networking/vpc/index.html", "practice-exam/index.html"):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        blocking = {Path(s["src"]).name for s in soup.select("script[src]") if not s.has_attr("defer")}
        assert blocking == {"material-base.js", "material-palette.js"}, page
        deferred = [Path(s["src"]).name for s in soup.select("script[src][defer]")]
        bundle = next(name for name in deferred if name.startswith("bundle."))
        # Document order is run order: Material's content scripts, its bundle (document$), then ours.
        assert deferred.index("material-hash-target.js") < deferred.index(bundle) < deferred.index("study.js")


def test_acronyms_use_the_browsers_tooltips_not_materials_script(site):
    """content.tooltips mounted a JavaScript tooltip per [title]: a third of a service
    page's script time, with dozens of <abbr> per page. The title attribute stays."""
    soup = BeautifulSoup((site / "services/networking/vpc/index.html").read_text(encoding="utf-8"), "html.parser")
    features = json.loads(soup.select_one("#__config").string)["features"]
    assert "content.tooltips" not in features
    assert len(soup.select("article abbr[title]")) > 10
