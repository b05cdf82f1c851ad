"""Issue 12 in Debian's Chromium: the status banner, the What-changed page and the changed limits."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_retired_service_shows_its_banner_under_the_title_and_links_its_successor(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/services/management/opsworks/")
    banner = page.locator("article #service-status")
    expect(banner).to_be_visible()
    assert banner.inner_text().startswith("Retired (May 2024).")
    title = page.locator("article h1").bounding_box()
    box = banner.bounding_box()
    first_text = page.locator("article > p").first.bounding_box()
    assert title["y"] < box["y"] < first_text["y"]  # under the title, before the cheat sheet's words
    source = banner.locator("a.sg-status__source")
    assert source.get_attribute("href").startswith(("https://aws.amazon.com/", "https://docs.aws.amazon.com/"))
    assert browser_page.outside_requests() == []


def test_the_banner_is_in_the_pages_search_entry(site):
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    page = next(e for e in entries if e["location"] == "services/management/opsworks/")
    assert "Retired (May 2024)." in page["text"]


def test_retired_closed_and_renamed_services_carry_a_badge_in_listings_and_the_service_map(site):
    listing = (site / "services/management/index.html").read_text(encoding="utf-8")
    assert '<span class="sg-badge sg-badge--retired">Retired</span>' in listing  # AWS OpsWorks
    smap = (site / "service-map/index.html").read_text(encoding="utf-8")
    assert 'class="sg-map__badge sg-badge--retired"> (retired)</tspan>' in smap
    assert 'class="sg-map__badge sg-badge--renamed"> (renamed)</tspan>' in smap


def _services(page) -> list[str]:
    return page.eval_on_selector_all(".sg-changes__row", "rows => rows.map(r => r.cells[0].innerText)")


def _dates(page) -> list[str]:
    return page.eval_on_selector_all(".sg-changes__row", "rows => rows.map(r => r.dataset.date)")


def test_what_changed_is_grouped_by_service_and_sorts_by_date(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/")
    page.locator("article a[href$='what-changed/']").first.click()  # linked from the home page
    page.wait_for_url("**/what-changed/")
    rows = page.locator(".sg-changes__row")
    expect(rows.first).to_be_visible()  # instant navigation swaps the content in after the URL
    assert rows.count() >= 60
    grouped = _services(page)
    assert grouped == [s for s, _ in sorted(((s, i) for i, s in enumerate(grouped)), key=lambda p: p[1])]
    assert len(set(grouped)) < len(grouped)  # services with several changes sit together
    by_date = page.locator("button[data-sg-order=date]")
    expect(by_date).to_be_visible()
    by_date.click()
    dates = _dates(page)
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    assert by_date.get_attribute("aria-pressed") == "true"
    page.locator("button[data-sg-order=service]").click()
    assert _services(page) == grouped
    # Each row leads to its note on the service page.
    link = rows.first.locator("a", has_text="On the page")
    target = link.get_attribute("href").split("#")[1]
    link.click()
    expect(page.locator(f"#{target}")).to_be_visible()
    assert browser_page.errors == []


def test_the_limits_page_filters_to_changed_rows(browser_page, site_url):
    page = browser_page.page
    page.goto(f"{site_url}/limits/")
    changed = page.locator("#sg-limits-changed")
    expect(changed).to_be_visible()
    total = page.locator(".sg-limits table tbody tr").count()
    changed.check()
    shown = page.eval_on_selector_all(".sg-limits table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.innerText)")
    assert 0 < len(shown) < total
    assert all("Source: AWS" in row for row in shown)
    assert "changed by AWS" in page.locator(".sg-limits__status").inner_text()
    sqs = page.locator("#limit-sqs-message-size")
    expect(sqs).to_be_visible()
    assert "1,048,576 bytes" in sqs.inner_text() and "was 262,144 bytes" in sqs.inner_text()
    changed.uncheck()
    assert page.eval_on_selector_all(".sg-limits table tbody tr", "rows => rows.filter(r => !r.hidden).length") == total
