"""Limit tables in the real built site, and bad limit data failing a fixture site's build."""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import urldefrag

import pytest
from bs4 import BeautifulSoup

from studyguide import bundles, limits
from tests.conftest import DOCS, assert_clear_failure
from tests.test_limits import entry, real_catalog, real_sources


@functools.lru_cache(maxsize=64)
def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@functools.lru_cache(maxsize=64)
def text_of(path) -> str:
    return path.read_text(encoding="utf-8")


def book():
    return limits.load(real_sources(), real_catalog())


def page_html(site, src_path: str):
    return site / src_path.removesuffix(".md") / "index.html"


def cells(row) -> list[str]:
    """Each cell's text; a changed limit's "was …" line (issue 12) comes as one more cell at the end."""
    out, was = [], []
    for td in row.find_all("td"):
        for span in td.select(".sg-limits__was"):
            was.append(" ".join(span.extract().get_text(" ").split()))
        out.append(" ".join(td.get_text(" ").split()))
    return out + was


# ------------------------------------------------------------------ the limits page


def test_limits_page_lists_every_limit_once(site):
    page = soup(site / "limits/index.html")
    rows = page.select(".sg-limits table tbody tr")
    assert len(rows) >= 60
    assert sorted(row["id"] for row in rows) == sorted(limit.anchor for limit in book().all())
    headers = [" ".join(th.get_text().split()) for th in page.select(".sg-limits table thead th")]
    assert headers == ["Service", "Limit", "Default value", "Adjustable", "Scope", "Note", "Source"]


def test_limits_page_links_reach_the_service_page_and_section(site):
    page = soup(site / "limits/index.html")
    checked = 0
    for row in page.select(".sg-limits table tbody tr"):
        for link in row.find_all("a"):
            if link["href"].startswith("https://"):  # a changed limit's AWS source (issue 12)
                assert link["href"].startswith(("https://aws.amazon.com/", "https://docs.aws.amazon.com/")), link["href"]
                continue
            url, fragment = urldefrag(link["href"])
            target = site / posixpath.normpath(posixpath.join("limits", url)) / "index.html"
            assert target.exists(), (row["id"], link["href"])
            if fragment:
                assert f'id="{fragment}"' in text_of(target), (row["id"], link["href"])
            checked += 1
    assert checked >= 3 * 60  # service, name (row anchor on the service page) and source links


def test_limits_page_is_a_complete_plain_table_without_javascript(site):
    page = soup(site / "limits/index.html")
    box = page.select_one(".sg-limits__filter")
    assert box is not None and box.has_attr("hidden")  # shown by limits.js only
    assert not any(row.has_attr("hidden") for row in page.select("tbody tr"))
    # limits.js and limits.css ship inside the site's one script and one stylesheet (hooks/bundles.py)
    assert bundles.marker("assets/javascripts/limits.js") in (site / bundles.SCRIPT).read_text(encoding="utf-8")
    assert bundles.marker("assets/stylesheets/limits.css") in (site / bundles.STYLESHEET).read_text(encoding="utf-8")
    assert page.find("script", src=lambda s: s and s.endswith("assets/javascripts/study.js"))
    assert page.find("link", href=lambda h: h and h.endswith("assets/stylesheets/study.css"))


def test_limits_page_is_in_the_navigation(site):
    home = soup(site / "index.html")
    assert any(a.get("href", "").rstrip("/").endswith("limits") for a in home.select("nav a")), "no nav link to the limits page"


def test_data_files_are_not_published(site):
    assert list(site.rglob("*.limits.yml")) == []


# ------------------------------------------------------------------ tables on service pages


@pytest.mark.parametrize(
    "src_path",
    [
        "services/networking/vpc.md",
        "services/serverless/lambda.md",
        "services/databases/dynamodb.md",
        "services/storage/ebs.md",
        "services/analytics/kinesis-data-streams.md",
    ],
)
def test_service_page_shows_its_own_table(site, src_path):
    entries = book().for_page(src_path)
    assert entries
    page = soup(page_html(site, src_path))
    heading = page.find("h2", id="limits-and-quotas")
    assert heading is not None and heading.get_text().startswith("Limits and quotas")
    table = heading.find_next("table")
    assert table.find_parent(class_="sg-limits") is not None
    ids = [row["id"] for row in table.select("tbody tr")]
    assert ids == [limit.anchor for limit in entries]
    assert all(i.startswith(f"limit-{entries[0].service_id}-") for i in ids)
    for row in table.select("tbody tr"):  # the source column links to a real heading of the page
        link = row.find_all("td")[-1].find("a")
        if link is not None:
            assert page.find(id=link["href"].lstrip("#")) is not None


def test_every_page_with_data_has_a_table_and_no_other_page_does(site):
    with_data = set(book().by_page)
    for md in DOCS.rglob("*.md"):
        src = md.relative_to(DOCS).as_posix()
        if src.startswith("includes/") or src == "limits.md":
            continue
        html = page_html(site, src) if not src.endswith("index.md") else site / src.replace("index.md", "index.html")
        has_table = 'id="limits-and-quotas"' in html.read_text(encoding="utf-8")
        assert has_table == (src in with_data), src


@pytest.mark.parametrize(
    ("src_path", "anchor", "value", "more"),
    [
        ("services/networking/vpc.md", "limit-vpc-subnets-per-vpc", "200", ["Yes", "per VPC", "Limits"]),
        ("services/networking/vpc.md", "limit-vpc-active-peering-connections-per-vpc", "50", ["Yes, up to 125 on request"]),
        ("services/networking/vpc.md", "limit-vpc-attachments-per-transit-gateway", "5,000", ["per transit gateway", "Transit Gateway"]),
        ("services/serverless/lambda.md", "limit-lambda-batch-payload-size", "6 MB", ["No"]),
        ("services/serverless/lambda.md", "limit-lambda-concurrent-executions", "1,000", ["Yes", "per account per Region"]),
        (
            "services/application-integration/sqs.md",
            "limit-sqs-message-size",
            "1,048,576 bytes",  # issue 12: today's value, with the cheat sheet's as "was"
            ["256 KB", "per message", "Changed in 2025: was 262,144 bytes. Note · Source: AWS"],
        ),
        ("services/storage/ebs.md", "limit-ebs-gp3-iops-maximum", "80,000 IOPS", ["Changed in 2025: was 16,000 IOPS."]),
        (
            "services/analytics/kinesis-data-streams.md",
            "limit-kinesis-data-streams-shard-write-throughput",
            "up to 1 MB per second",
            ["per shard"],
        ),
        (
            "services/analytics/kinesis-data-streams.md",
            "limit-kinesis-data-streams-shard-write-records",
            "up to 1,000 records per second",
            [],
        ),
        ("services/analytics/kinesis-data-streams.md", "limit-kinesis-data-streams-retention-maximum", "8,760 hours", ["365 days"]),
        ("services/databases/dynamodb.md", "limit-dynamodb-global-secondary-indexes-per-table", "20", ["per table"]),
        ("services/databases/dynamodb.md", "limit-dynamodb-partition-read-capacity", "3,000 RCU", ["per partition"]),
        (
            "services/serverless/api-gateway.md",
            "limit-api-gateway-integration-timeout",
            "29 seconds",
            ["Changed in 2024. Note · Source: AWS"],
        ),
        ("services/storage/ebs.md", "limit-ebs-gp2-iops-maximum", "16,000 IOPS", ["per volume"]),
        ("services/storage/ebs.md", "limit-ebs-io1-throughput-maximum", "1,000 MiB per second", []),
        ("services/networking/route-53.md", "limit-route-53-api-request-rate", "10 requests per second", ["per account"]),
        ("services/management/trusted-advisor.md", "limit-trusted-advisor-service-quota-alert-threshold", "more than 80%", []),
    ],
)
def test_right_values_on_the_service_page_and_the_limits_page(site, src_path, anchor, value, more):
    for html, offset in ((page_html(site, src_path), 0), (site / "limits/index.html", 1)):
        row = soup(html).find("tr", id=anchor)
        assert row is not None, (html, anchor)
        text = cells(row)
        assert text[1 + offset] == value, text
        for expected in more:
            assert any(expected == cell or expected in cell for cell in text), (expected, text)


def test_marker_places_the_table(fixture_site):
    fixture_site.write(
        {
            "services/networking/vpc.md": (
                "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\naliases: [VPC]\n---\n\n"
                "## Limits\n\n* Subnets per VPC: 200, Adjustable\n\n<!-- limits -->\n\n## After\n\nMore text on DX.\n"
            ),
            "services/networking/vpc.limits.yml": (
                "- id: subnets-per-vpc\n  name: Subnets per VPC\n  value: 200\n  unit: count\n  adjustable: soft\n  scope: per VPC\n"
                '  section: limits\n  quote: "Subnets per VPC: 200, Adjustable"\n  note: "<b>escaped</b>"\n'
            ),
        }
    )
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    html = (build.site / "services/networking/vpc/index.html").read_text(encoding="utf-8")
    assert html.index('id="limits-and-quotas"') < html.index('id="limit-vpc-subnets-per-vpc"') < html.index('id="after"')
    assert "&lt;b&gt;escaped&lt;/b&gt;" in html and "<b>escaped</b>" not in html
    assert "<!-- limits -->" not in html


def test_other_pages_can_link_to_a_limit_anchor_and_the_strict_build_checks_it(fixture_site):
    data = (
        "- id: subnets-per-vpc\n  name: Subnets per VPC\n  value: 200\n  unit: count\n  adjustable: soft\n  scope: per VPC\n"
        '  section: limits\n  quote: "Subnets per VPC: 200, Adjustable"\n'
    )
    home = "---\ntitle: Home\n---\n\nSee [subnets per VPC](services/networking/vpc.md#limit-vpc-{}).\n"
    fixture_site.write({"services/networking/vpc.limits.yml": data, "index.md": home.format("subnets-per-vpc")})
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    assert 'href="services/networking/vpc/#limit-vpc-subnets-per-vpc"' in (build.site / "index.html").read_text(encoding="utf-8")
    fixture_site.write({"index.md": home.format("no-such-limit")})
    build = fixture_site.build()
    assert build.returncode != 0 and "limit-vpc-no-such-limit" in build.output, build.output


# ------------------------------------------------------------------ bad input breaks the build clearly

# One entry of valid limit data, with fields overridden; shared with the unit tests.
yml = entry


VPC_DATA = "services/networking/vpc.limits.yml"
WHERE = "docs/services/networking/vpc.limits.yml"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({VPC_DATA: yml(value=None)}, [f"{WHERE}:1 [subnets-per-vpc]: missing required key 'value'"]),
        ({VPC_DATA: yml(value='"two hundred"')}, [f"{WHERE}:3 [subnets-per-vpc]: 'value' must be a number"]),
        ({VPC_DATA: yml(unit="subnets")}, [f"{WHERE}:4 [subnets-per-vpc]: unknown unit 'subnets'"]),
        ({VPC_DATA: yml(scope='"per galaxy"')}, [f"{WHERE}:6 [subnets-per-vpc]: unknown scope 'per galaxy'"]),
        (
            {"services/networking/vpn.limits.yml": yml()},
            ["docs/services/networking/vpn.limits.yml:1", "unknown service", "docs/services/networking/vpn.md"],
        ),
        ({VPC_DATA: yml() + yml(id="subnets-2")}, [f"{WHERE}:10 [subnets-2]: two entries named 'Subnets per VPC'"]),
        ({VPC_DATA: yml() + "- id: [oops\n"}, [f"{WHERE}:", "malformed YAML"]),
        (
            {VPC_DATA: yml(value="250", quote='"Subnets per VPC: 250, Adjustable"')},
            [f"{WHERE}:8 [subnets-per-vpc]", "the page says"],
        ),  # the 'quote:' line
    ],
    ids=["missing-value", "not-a-number", "unknown-unit", "unknown-scope", "unknown-service", "duplicate-name", "malformed-yaml", "prose"],
)
def test_bad_limit_data_fails_the_build(fixture_site, files, expected):
    fixture_site.write(files)
    assert_clear_failure(fixture_site.build(), *expected)
