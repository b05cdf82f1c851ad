"""Offline study: the file:// build with search (Material's offline plugin), the print view, ProperDocs."""

from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT
from playwright.sync_api import expect

from studyguide import anki, print_page


def _build(tmp_path_factory, *command, env=None):
    out = tmp_path_factory.mktemp("build") / "site"
    proc = subprocess.run(
        [*command, "--site-dir", str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    warnings = [line for line in (proc.stdout + proc.stderr).splitlines() if line.startswith("WARNING")]
    assert not warnings, warnings
    return out


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    """`make offline`: mkdocs.offline.yml with STUDY_OFFLINE=true."""
    return _build(
        tmp_path_factory, sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.offline.yml", env={"STUDY_OFFLINE": "true"}
    )


@pytest.mark.slow
def test_offline_build_inlines_the_search_index(offline_site):
    assert (offline_site / "search" / "search_index.js").is_file()
    assert (offline_site / "services" / "networking" / "direct-connect.html").is_file()  # page.html links for file://
    assert (offline_site / "print.html").is_file()


@pytest.mark.slow
@pytest.mark.browser
def test_offline_site_searches_from_file_url(offline_site, browser_page):
    page = browser_page.page
    page.goto((offline_site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("DX", delay=30)
    first = page.locator("li.md-search-result__item > a.md-search-result__link").first
    # The worker answers every keystroke: "D" lists other pages first, so wait for the answer to "DX".
    expect(first).to_have_attribute("href", re.compile(r"services/networking/direct-connect\.html"), timeout=15_000)
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and "direct-connect.html" in page.url
    assert not [url for url in browser_page.requests if url.startswith(("http:", "https:"))]
    assert not browser_page.errors


def test_offline_build_ships_the_anki_deck_linked_from_home_and_progress(site, offline_site):
    """Issue 15: the same deck as the published site (same bank, same checkout: the same bytes);
    its notes link to the published pages, which Anki can open, not to files on this disk."""
    deck = offline_site / anki.DECK_URI
    assert deck.read_bytes() == (site / anki.DECK_URI).read_bytes()
    for page in ("index.html", "progress.html"):
        links = re.findall(r'<a [^>]*href="([^"]*\.apkg)"', (offline_site / page).read_text(encoding="utf-8"))
        assert [(offline_site / href).resolve() for href in links] == [deck.resolve()], page


def test_plain_builds_leave_the_offline_plugin_off(site):
    assert not (site / "search" / "search_index.js").exists()


# ------------------------------------------------------------------ print view (print.html in the offline build)


def test_print_view_holds_every_page_once_in_nav_order(offline_site):
    html = (offline_site / "print.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    duplicates = [i for i, n in collections.Counter(ids).items() if n > 1]
    assert not duplicates, duplicates[:5]
    sections = re.findall(r'<section class="print-all__page" id="([^"]+)"', html)
    for slug in ("home", "services-networking-vpc", "services-networking-direct-connect", "concepts-disaster-recovery", "glossary"):
        assert slug in sections, slug
    assert sections.index("services-networking-direct-connect") < sections.index("services-networking-vpc")  # nav order
    assert len(sections) >= 60


def test_print_view_links_and_labels_stay_inside_the_document(offline_site):
    html = (offline_site / "print.html").read_text(encoding="utf-8")
    body = html[html.index('class="print-all"') :]
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    anchors = [h[1:] for h in re.findall(r'href="(#[^"]+)"', body)]
    assert anchors and not [a for a in anchors if a not in ids]
    assert "#services-management-organizations" in body  # a cross-link to another page, now in this document
    references = re.findall(r'\s(?:for|aria-labelledby|aria-describedby)="([^"]+)"', body)
    dangling = [ref for value in references for ref in value.split() if ref not in ids]
    assert not dangling, dangling[:5]


def test_print_view_is_offline_only_and_outside_nav_and_search(site, offline_site):
    assert not (site / "print").exists() and not (site / "print.html").exists()  # not on the published site
    index = json.loads((offline_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("print")]
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav--primary") :]
    assert 'href="print.html"' not in nav
    assert "All pages" not in re.sub(r"<[^>]+>", " ", nav)


def test_print_rewrite_unit():
    pages = [
        ("", "Home", '<p><a href="services/networking/vpc/#dns">DNS</a> <img src="assets/x.png"></p>'),
        (
            "services/networking/vpc/",
            "Amazon <VPC>",
            '<h2 id="dns">DNS</h2><a href="#dns">here</a><a href="https://aws.amazon.com/">out</a>'
            '<label for="q1">Q</label><input id="q1"><div aria-labelledby="dns other"></div>',
        ),
    ]
    home, vpc = print_page.sections(pages, "print/")
    assert '<a href="#services-networking-vpc--dns">' in home.html and 'src="../assets/x.png"' in home.html
    assert 'id="services-networking-vpc--dns"' in vpc.html and 'href="#services-networking-vpc--dns"' in vpc.html
    assert 'href="https://aws.amazon.com/"' in vpc.html
    assert 'for="services-networking-vpc--q1"' in vpc.html
    assert 'aria-labelledby="services-networking-vpc--dns other"' in vpc.html  # an id elsewhere stays as it is
    assert not vpc.has_h1


# ------------------------------------------------------------------ ProperDocs


@pytest.mark.slow
def test_properdocs_builds_the_site_strictly(tmp_path_factory):
    out = _build(tmp_path_factory, str(ROOT / ".venv" / "bin" / "properdocs"), "build", "--strict", "-f", "mkdocs.yml")
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "names" in index["config"]["fields"]  # the hooks ran
    assert any("names" in doc for doc in index["docs"])
    assert (out / "services" / "networking" / "vpc" / "index.html").is_file()
