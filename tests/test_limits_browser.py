"""The limits page in Debian's Chromium: filtering, sorting, instant navigation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ROWS = ".sg-limits table tbody tr"


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(ROWS, "rows => rows.filter(r => !r.hidden).map(r => r.innerText.toLowerCase())")


def type_filter(page, text: str):
    box = page.locator("#sg-limits-filter")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(text, delay=15)  # key by key, as a reader types


def test_filtering_narrows_the_rows(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/limits/")
    page.locator("#sg-limits-filter").wait_for(state="visible")
    total = page.locator(ROWS).count()
    assert total >= 60
    assert len(visible_rows(page)) == total

    type_filter(page, "vpc")
    rows = visible_rows(page)
    assert 0 < len(rows) < total
    assert all("vpc" in row for row in rows)
    assert any("subnets per vpc" in row and "200" in row for row in rows)
    assert "of" in page.locator(".sg-limits__status").inner_text()

    type_filter(page, "per second")
    rows = visible_rows(page)
    assert 0 < len(rows) < total
    assert all("per second" in row for row in rows)
    texts = "\n".join(rows)
    for expected in ("1 mb per second", "1,000 records per second", "5 requests per second"):
        assert expected in texts

    type_filter(page, "no such limit anywhere")
    assert visible_rows(page) == []
    page.locator("#sg-limits-filter").press("Control+a")
    page.locator("#sg-limits-filter").press("Backspace")
    assert len(visible_rows(page)) == total

    assert browser_page.outside_requests() == []
    assert browser_page.errors == []


def test_sorting_by_value_orders_numbers(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/limits/")
    type_filter(page, "per vpc")
    header = page.locator(".sg-limits table thead th", has_text="Default value")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = page.eval_on_selector_all(
        ROWS, "rows => rows.filter(r => !r.hidden).map(r => parseFloat(r.cells[2].getAttribute('data-sort')))"
    )
    assert values == sorted(values) and len(values) >= 3
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    values = page.eval_on_selector_all(
        ROWS, "rows => rows.filter(r => !r.hidden).map(r => parseFloat(r.cells[2].getAttribute('data-sort')))"
    )
    assert values == sorted(values, reverse=True)
    assert browser_page.errors == []


def test_filter_is_set_up_again_when_instant_navigation_swaps_the_page(browser_page, site_url):
    """Material's instant navigation swaps in the new page's HTML and emits document$; limits.js
    must set up the fresh table then. This does the same swap with the page's pristine HTML."""
    page = browser_page.page
    page.goto(f"{site_url}/limits/")
    page.locator("#sg-limits-filter").wait_for(state="visible")
    page.evaluate("window.__still_here = true")
    page.evaluate(
        """async () => {
            const html = await (await fetch(location.href)).text();
            const fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".sg-limits--all");
            document.querySelector(".sg-limits--all").replaceWith(document.adoptNode(fresh));
            window.document$.next(document);
        }"""
    )
    assert page.evaluate("window.__still_here") is True  # no reload: the script re-initialised in place
    page.locator("#sg-limits-filter").wait_for(state="visible")
    assert page.locator(".sg-limits--all").get_attribute("data-sg-ready") == "1"
    type_filter(page, "kinesis")
    rows = visible_rows(page)
    assert rows and all("kinesis" in row for row in rows)
    assert page.locator(".sg-limits table thead th button").count() == 7  # sort buttons added once, not twice
    assert browser_page.outside_requests() == []
    assert browser_page.errors == []


def test_row_anchor_from_the_limits_page_lands_on_the_service_page_row(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/limits/")
    page.locator("tr#limit-vpc-subnets-per-vpc td a", has_text="Subnets per VPC").click()
    page.wait_for_url("**/networking/vpc/#limit-vpc-subnets-per-vpc")
    row = page.locator("tr#limit-vpc-subnets-per-vpc")
    row.wait_for()
    assert "200" in row.inner_text()
    assert browser_page.errors == []
