"""Cross-links on the real built site, and bad input on small fixture sites."""

from __future__ import annotations

import posixpath
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from studyguide.catalog import build_catalog
from studyguide.crosslinks import MAX_LINKS_PER_TARGET
from tests.conftest import DOCS, ROOT, assert_clear_failure


@pytest.fixture(scope="module")
def catalog():
    return build_catalog((p.relative_to(DOCS).as_posix(), p.read_text(encoding="utf-8")) for p in DOCS.rglob("*.md"))


def html_of(site: Path, src_path: str) -> Path:
    return site / src_path.removesuffix(".md").removesuffix("index").strip("/") / "index.html"


def article(site: Path, src_path: str) -> BeautifulSoup:
    soup = BeautifulSoup(html_of(site, src_path).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article.md-content__inner")


def resolve(page_file: Path, href: str, site: Path) -> tuple[Path, str]:
    """The file and fragment a relative link from ``page_file`` leads to."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not href.startswith("/"), href
    target = Path(posixpath.normpath(posixpath.join(page_file.parent.as_posix(), parts.path)))
    if parts.path.endswith("/") or not parts.path:
        target = target / "index.html"
    return target, parts.fragment


def target_src(site: Path, file: Path) -> str:
    return file.relative_to(site).parent.as_posix()


def crosslinks_of(site, src_path):
    return article(site, src_path).select("a.crosslink")


def test_mentions_on_the_vpc_page_link_to_their_pages(site):
    file = html_of(site, "services/networking/vpc.md")
    hrefs = {a.get_text(): resolve(file, a["href"], site)[0] for a in crosslinks_of(site, "services/networking/vpc.md")}
    assert hrefs["Amazon DynamoDB"] == site / "services/databases/dynamodb/index.html"
    assert hrefs["Amazon S3"] == site / "services/storage/s3/index.html"
    assert hrefs["SQS"] == site / "services/application-integration/sqs/index.html"
    assert hrefs["EC2"] == site / "services/compute/ec2/index.html"


@pytest.mark.parametrize(
    ("page", "text", "target"),
    [
        ("services/serverless/lambda.md", "VPC", "services/networking/vpc/"),
        ("services/serverless/lambda.md", "API Gateway", "services/serverless/api-gateway/"),
        ("services/networking/direct-connect.md", "Transit Gateway", "services/networking/vpc/#transit-gateway"),
        ("services/containers/ecs.md", "Parameter Store", "services/management/systems-manager/#parameter-store"),
        ("services/security/guardduty.md", "VPC Flow Logs", "services/networking/vpc/#flow-logs-and-traffic-mirroring"),
    ],
)
def test_known_pairs_link_to_the_page_or_section(site, page, text, target):
    file = html_of(site, page)
    found = []
    for a in crosslinks_of(site, page):
        dest, fragment = resolve(file, a["href"], site)
        found.append((a.get_text(), f"{target_src(site, dest)}/" + (f"#{fragment}" if fragment else "")))
    assert any(text in words and where == target for words, where in found), found


def test_every_crosslink_resolves_to_a_page_and_anchor(site):
    checked = 0
    ids_cache: dict[Path, set[str]] = {}
    for file in site.rglob("index.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.crosslink"):
            dest, fragment = resolve(file, a["href"], site)
            assert dest.exists(), (file, a["href"])
            if fragment:
                if dest not in ids_cache:
                    ids_cache[dest] = {t["id"] for t in BeautifulSoup(dest.read_text(encoding="utf-8"), "html.parser").select("[id]")}
                assert fragment in ids_cache[dest], (file, a["href"])
            checked += 1
    assert checked > 300


def test_no_links_in_headings_code_links_or_tooltips_and_no_self_links(site, catalog):
    for src_path in catalog.by_path:
        file = html_of(site, src_path)
        body = article(site, src_path)
        for a in body.select("a.crosslink"):
            assert not a.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "abbr", "a"]), (src_path, str(a))
            assert not a.find("a"), (src_path, str(a))
            dest, _ = resolve(file, a["href"], site)
            assert dest != file, f"{src_path} links to itself: {a}"
        for abbr in body.select("abbr"):
            assert "<a" not in abbr.get("title", ""), (src_path, str(abbr))


def test_no_page_links_one_target_more_than_a_few_times(site, catalog):
    for src_path in catalog.by_path:
        file = html_of(site, src_path)
        targets = Counter(resolve(file, a["href"], site)[0] for a in crosslinks_of(site, src_path))
        assert not targets or max(targets.values()) <= MAX_LINKS_PER_TARGET, (src_path, targets.most_common(2))


def test_most_service_pages_link_somewhere(site, catalog):
    linking = [p for p in catalog.by_path if crosslinks_of(site, p)]
    assert len(linking) >= len(catalog.by_path) // 2


def test_backlinks_and_related_services(site):
    vpc = article(site, "services/networking/vpc.md")
    aside = vpc.select_one("aside.sg-crosslinks")
    assert aside is not None and aside.has_attr("data-search-exclude")
    mentioned = aside.select(".sg-crosslinks__backlinks li")
    lambda_item = next(li for li in mentioned if li.a.get_text() == "AWS Lambda")
    section = lambda_item.select_one("a.sg-crosslinks__section")
    assert section is not None and section["href"].endswith("serverless/lambda/#lambda-in-a-vpc-ec2throttledexception")
    related = [a.get_text() for a in aside.select(".sg-crosslinks__related a")]
    assert 1 <= len(related) <= 6 and "AWS Site-to-Site VPN" in related
    file = html_of(site, "services/networking/vpc.md")
    for a in aside.select("a"):
        assert resolve(file, a["href"], site)[0].exists(), a["href"]


def test_backlinks_only_on_catalog_pages(site):
    assert article(site, "glossary.md").select_one("aside.sg-crosslinks") is None
    assert article(site, "index.md").select_one("aside.sg-crosslinks") is None


def test_service_map(site, catalog):
    file = site / "service-map/index.html"
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    svg = soup.select_one("figure.sg-map svg")
    assert svg is not None and svg.title and "Service map" in svg.title.get_text()
    nodes = svg.select("a.sg-map__node")
    assert len(nodes) == len(catalog.pages) >= 100
    for node in nodes:
        # xlink:href, which Material's instant navigation leaves alone (issue 21: it assigned to
        # the read-only href of each SVG <a> and threw on every load of the page)
        assert not node.has_attr("href")
        dest, _ = resolve(file, node["xlink:href"], site)
        assert dest.exists(), node["xlink:href"]
    assert len(svg.select("path.sg-map__edge")) > 100
    colours = {c["fill"] for c in svg.select("circle")}
    assert len(colours) == len(catalog.categories) + 1  # one per category, plus the concepts
    assert not [tag for tag in soup.select("[src]") if tag["src"].startswith(("http:", "https:", "//"))]
    assert "<!-- service-map -->" not in file.read_text(encoding="utf-8")


def test_links_report_runs():
    proc = subprocess.run(
        [sys.executable, "scripts/links_report.py"], cwd=ROOT, capture_output=True, text=True, timeout=600, env={"NO_MKDOCS_2_WARNING": "1"}
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "1. Services named in the text with no page yet" in out
    assert "AWS Marketplace" in out  # named on several pages, no page of its own
    assert "2. Aliases and section names that never matched" in out
    assert "3. Pages no other page links to" in out
    assert "Traceback" not in proc.stderr


# ------------------------------------------------------------------ bad input (small fixture sites)


def test_everyday_english_alias_fails_the_build(fixture_site):
    fixture_site.write(
        {
            "services/networking/pipes.md": (
                "---\nid: pipes\ntitle: AWS Pipes\ntype: service\ncategory: networking\n"
                "aliases:\n  - Pipes\n  - data pipeline\n---\n\nPipes.\n"
            )
        }
    )
    assert_clear_failure(
        fixture_site.build(),
        "docs/services/networking/pipes.md:8",
        "'data pipeline'",
        "everyday English",
        "hooks/studyguide/everyday_words.txt",
    )


def test_section_name_claimed_twice_names_both_files(fixture_site):
    fixture_site.write(
        {
            "services/networking/vpc.md": (
                "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\naliases:\n  - VPC\n"
                "sections:\n  gateways:\n    - DX Gateway\n---\n\n## Gateways\n\nText.\n"
            ),
            "services/networking/direct-connect.md": (
                "---\nid: direct-connect\ntitle: AWS Direct Connect\ntype: service\ncategory: networking\naliases:\n  - DX\n"
                "  - DX gateway\n---\n\n## Gateways\n\nA DX gateway connects to a VPC.\n"
            ),
        }
    )
    build = fixture_site.build()
    assert_clear_failure(build, "DX", "services/networking/vpc.md", "services/networking/direct-connect.md")


def test_renamed_section_heading_fails_the_build(fixture_site):
    fixture_site.write(
        {
            "services/networking/vpc.md": (
                "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\naliases:\n  - VPC\n"
                "sections:\n  transit-gateway:\n    - Transit Gateway\n---\n\n## Transit gateways (renamed)\n\nText.\n"
            )
        }
    )
    assert_clear_failure(fixture_site.build(), "services/networking/vpc.md", "'transit-gateway'", "not the anchor of a heading")


def test_fixture_site_links_mentions_with_sections(fixture_site):
    fixture_site.write(
        {
            "services/networking/vpc.md": (
                "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\naliases:\n  - VPC\n"
                "sections:\n  transit-gateway:\n    - Transit Gateway\n    - TGW\n---\n\n"
                "Use DX from a VPC.\n\n## Transit Gateway\n\nText.\n"
            ),
            "services/networking/direct-connect.md": (
                "---\nid: direct-connect\ntitle: AWS Direct Connect\ntype: service\ncategory: networking\naliases:\n  - DX\n---\n\n"
                "## Gateways\n\nA DX gateway connects to a VPC or a TGW. `VPC` in code.\n"
            ),
        }
    )
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    dx = BeautifulSoup((build.site / "services/networking/direct-connect/index.html").read_text(encoding="utf-8"), "html.parser")
    links = [(a["href"], a.get_text()) for a in dx.select("article a.crosslink")]
    assert links == [("../vpc/", "VPC"), ("../vpc/#transit-gateway", "TGW")]
    vpc = BeautifulSoup((build.site / "services/networking/vpc/index.html").read_text(encoding="utf-8"), "html.parser")
    backlinks = vpc.select(".sg-crosslinks__backlinks a")
    assert [a["href"] for a in backlinks] == ["../direct-connect/", "../direct-connect/#gateways"]
