"""Issue 14: a page that no other page links to is a build warning (so strict builds fail)."""

from __future__ import annotations

import pytest

from studyguide import orphans
from studyguide.catalog import build_catalog
from tests.conftest import DOCS, MINIMAL_PAGES

GA = "services/networking/global-accelerator.md"  # listed in docs/includes/unlinked-pages.txt (the real site's page has no link yet)
NEW = "services/networking/private-5g.md"
NEW_PAGE = "---\nid: private-5g\ntitle: AWS Private 5G\ntype: service\ncategory: networking\naliases:\n  - Private 5G\n---\n\nText.\n"


def orphan_warnings(build) -> list[str]:
    return [w for w in build.warnings if "hooks/orphans" in w]


def test_link_targets_resolve_relative_links_and_skip_the_rest():
    html = (
        '<p><a class="crosslink" href="../../storage/s3/">S3</a> <a href="../direct-connect/#gateways">DX</a>'
        ' <a href="#here">here</a> <a href="https://aws.amazon.com/">AWS</a> <a href="/abs/">abs</a></p>'
    )
    assert orphans.link_targets(html, "services/networking/vpc/") == {"services/storage/s3", "services/networking/direct-connect"}


def test_unlinked_pages_and_stale_list_entries():
    catalog = build_catalog(MINIMAL_PAGES.items())
    lonely, stale = orphans.unlinked(catalog, linked={"services/networking/vpc.md"}, known=set())
    assert [p.src_path for p in lonely] == ["services/networking/direct-connect.md"]
    lonely, stale = orphans.unlinked(catalog, linked={"services/networking/vpc.md"}, known={"services/networking/direct-connect.md"})
    assert lonely == [] and stale == []
    lonely, stale = orphans.unlinked(catalog, linked=set(catalog.by_path), known={"services/networking/vpc.md"})
    assert lonely == [] and stale == ["services/networking/vpc.md"]


def test_the_message_names_the_page_and_says_how_to_fix_it():
    page = build_catalog(MINIMAL_PAGES.items()).by_path["services/networking/direct-connect.md"]
    text = orphans.message(page)
    assert text.startswith("docs/services/networking/direct-connect.md: no other page links to AWS Direct Connect")
    for fix in ("Mention it by one of its names ('AWS Direct Connect', 'DX')", "'aliases'", "relative Markdown link"):
        assert fix in text


def test_the_list_of_pages_unlinked_so_far_names_real_pages_only():
    known = orphans.known_unlinked(DOCS / orphans.KNOWN_FILE)
    catalog = build_catalog((p.relative_to(DOCS).as_posix(), p.read_text(encoding="utf-8")) for p in DOCS.rglob("*.md"))
    assert known and known <= catalog.by_path.keys(), sorted(known - catalog.by_path.keys())


@pytest.mark.slow
def test_a_new_page_nothing_links_to_fails_the_strict_build(fixture_site):
    # The category listing and the nav list the page; a link from the home page does not count either.
    fixture_site.write({NEW: NEW_PAGE, "index.md": "---\ntitle: Home\n---\n\nSee [Private 5G](services/networking/private-5g.md).\n"})
    build = fixture_site.build()
    assert build.returncode != 0 and "Traceback" not in build.output
    assert len(orphan_warnings(build)) == 1, build.output
    assert "docs/services/networking/private-5g.md: no other page links to AWS Private 5G" in orphan_warnings(build)[0]
    assert "private-5g" in (build.site / "services/networking/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    "vpc_text",
    ["\nPrivate 5G sites reach a VPC.\n", "\nSee [the 5G page](private-5g.md).\n"],
    ids=["mention-the-build-links", "hand-written-link"],
)
def test_a_mention_or_a_hand_written_link_from_another_page_is_enough(fixture_site, vpc_text):
    fixture_site.write({NEW: NEW_PAGE, "services/networking/vpc.md": MINIMAL_PAGES["services/networking/vpc.md"] + vpc_text})
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    assert orphan_warnings(build) == []


@pytest.mark.slow
def test_listed_pages_build_until_linked_then_the_list_must_shrink(fixture_site):
    ga = "---\nid: global-accelerator\ntitle: AWS Global Accelerator\ntype: service\ncategory: networking\n---\n\nText.\n"
    fixture_site.write({GA: ga, orphans.KNOWN_FILE: f"# pages allowed no link\n{GA}\n"})
    assert GA in orphans.known_unlinked(fixture_site.docs / orphans.KNOWN_FILE)
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    fixture_site.write(
        {"services/networking/vpc.md": MINIMAL_PAGES["services/networking/vpc.md"] + "\nAWS Global Accelerator fronts it.\n"}
    )
    build = fixture_site.build()
    assert build.returncode != 0
    assert orphan_warnings(build) == [
        "WARNING -  hooks/orphans: docs/services/networking/global-accelerator.md has links from other pages now: "
        "remove it from docs/includes/unlinked-pages.txt"
    ]
