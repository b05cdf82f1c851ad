"""Issue 21: every page of the built site, in Debian's Chromium: none is wider than a 390 px
phone screen, none raises a page error or logs a console error, and no class attribute holds
front-matter data (Material's page `status` once printed the project's mapping into one).

One browser and one tab for every page, each loaded once; nothing is blocked (the site loads
nothing from other hosts, which the other browser tests check). The phone pages with touch
emulation are in tests/test_learner_defects_browser.py."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import watched_tab

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A class token is a CSS identifier: letters, digits, hyphens and underscores. Front matter
# printed into a class shows as quotes, braces, colons, slashes, commas or dots.
CLASS_TOKEN = re.compile(r"^-?[A-Za-z_][\w-]*$")


def site_pages(site) -> list[str]:
    """Every page's URL path relative to the site root ('' for the home page), sorted."""
    pages = []
    for file in sorted(site.rglob("index.html")):
        rel = file.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    assert len(pages) > 100, pages
    return pages


def test_no_class_attribute_on_any_page_holds_front_matter_data(site):
    bad = {}
    for file in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(class_=True):
            odd = [token for token in tag["class"] if not CLASS_TOKEN.match(token)]
            if odd:
                bad.setdefault(file.relative_to(site).as_posix(), []).append(f"<{tag.name} class=...{odd[:3]}>")
        if soup.select(".md-status"):  # Material's page-status icon: the site sets no page status
            bad.setdefault(file.relative_to(site).as_posix(), []).append("Material's .md-status icon")
    assert bad == {}, bad


@pytest.mark.browser
def test_every_page_fits_a_390px_phone_and_raises_no_error_on_desktop_or_phone(chromium, site, site_url):
    """Each page loads once in a 1280x800 desktop tab (script errors), then the same tab narrows
    to 390x844 (Material's phone layout runs, its errors count too) and the page must fit."""
    context, watched = watched_tab(chromium, viewport=DESKTOP)
    page = watched.page
    problems = {}
    try:
        for path in site_pages(site):
            watched.errors.clear()
            page.set_viewport_size(DESKTOP)
            page.goto(f"{site_url}/{path}", wait_until="domcontentloaded")
            if page.locator("[data-bank]").count():  # the exam and progress pages fetch the question bank
                page.wait_for_load_state("networkidle")
            settle(page)
            page.set_viewport_size(PHONE)
            settle(page)
            found = too_wide(page) + list(watched.errors)
            if found:
                problems[path] = found
        assert watched.outside_requests() == []
    finally:
        context.close()
    assert problems == {}


def settle(page):
    """A frame for Material's and the site's scripts to lay the page out."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 30)))")


def too_wide(page) -> list[str]:
    """The page's width beyond the 390 px screen, with the widest elements that cause it."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"]:
        return []
    culprits = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 391 && e.getClientRects().length)
            .filter(e => !e.closest('.md-sidebar, [hidden]'))
            .slice(-3).map(e => e.tagName + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )
    return [f"page is {width} px wide", *culprits]
