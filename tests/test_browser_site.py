"""The site as a reader meets it, in Debian's Chromium: search, palette, instant navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_search_finds_a_service_and_nothing_leaves_the_machine(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search = page.locator("input.md-search__input")
    search.press_sequentially("Direct Connect", delay=20)
    first = page.locator(".md-search-result__item").first
    # Results follow each keystroke; wait for the answer to the whole query, not to "D".
    expect(first).to_contain_text("Direct Connect", timeout=15_000)
    first.locator("a").first.click()
    page.wait_for_url("**/direct-connect/**")
    # search.highlight marks the query on the target page (after instant navigation swaps it in)
    page.locator("mark[data-md-highlight]").first.wait_for(timeout=10_000)
    assert page.locator("mark[data-md-highlight]").count() > 0
    assert browser_page.outside_requests() == []
    assert browser_page.errors == []


def test_palette_toggle_switches_to_dark_and_back(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/services/networking/vpc/")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    after = body.get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    assert browser_page.errors == []


def test_instant_navigation_keeps_the_page_alive(browser_page, site_url):
    """With navigation.instant, following a link swaps content without a full reload."""
    page = browser_page.page
    page.goto(f"{site_url}/services/networking/")
    page.evaluate("window.__still_here = true")
    # instant navigation rewrites internal links to absolute URLs once it has taken over
    page.locator("article a[href$='/networking/vpc/']").first.click()
    page.wait_for_url("**/networking/vpc/")
    page.locator("h1", has_text="Amazon VPC").wait_for()
    assert page.evaluate("window.__still_here") is True
    assert browser_page.outside_requests() == []
    assert browser_page.errors == []


def test_the_closed_phone_drawer_is_neither_rendered_nor_reached_by_tab(phone_page, site_url):
    """drawer.css: below 76.25em the closed drawer is content-visibility: hidden (issue 7).

    Before, its links sat off screen but rendered: the browser restyled them on every one
    of Material's start-up recalculations, and Tab walked into links nobody could see."""
    page = phone_page.page
    page.goto(f"{site_url}/services/networking/vpc/")
    link = page.locator(".md-sidebar--primary a.md-nav__link[href$='/networking/cloudfront/']")
    expect(link).to_be_hidden()
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate("!document.activeElement.closest('.md-sidebar--primary')")
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/networking/cloudfront/")
    # Material closes the drawer after the (instant) navigation; it stops rendering again
    expect(page.locator(".md-sidebar--primary a.md-nav__link[href$='/networking/vpc/']")).to_be_hidden()
    assert phone_page.outside_requests() == []
    assert phone_page.errors == []


def test_the_desktop_sidebar_is_rendered_as_before(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/services/networking/vpc/")
    expect(page.locator(".md-sidebar--primary a.md-nav__link[href$='/networking/cloudfront/']")).to_be_visible()


def test_materials_palette_clears_the_switching_mark_after_start_up(phone_page, site_url):
    """material-palette.js marks body with data-md-color-switching before the first paint
    (so Material's own set restyles nothing); Material's palette must still remove it, or
    colour transitions would stay off."""
    page = phone_page.page
    # Material's bundle held back: the mark is ours, there from the first paint
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(f"{site_url}/services/networking/vpc/")
    assert page.evaluate("document.body.hasAttribute('data-md-color-switching')")
    page.unroute("**/assets/javascripts/bundle.*.min.js")
    phone_page.errors.clear()  # the held-back bundle's load error
    page.goto(f"{site_url}/services/networking/")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')", timeout=10_000)
    assert phone_page.outside_requests() == []
    assert phone_page.errors == []
