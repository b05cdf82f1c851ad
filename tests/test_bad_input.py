"""Broken contributor input fails the build with one clear line, never a traceback."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import MINIMAL_PAGES, ROOT, assert_clear_failure

VPC = "services/networking/vpc.md"


def test_fixture_site_builds_when_valid(fixture_site):
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    assert (build.site / "services/networking/vpc/index.html").exists()


def test_malformed_yaml_names_file_and_line(fixture_site):
    fixture_site.write({VPC: "---\nid: vpc\ntitle: [Amazon VPC\ntype: service\ncategory: networking\n---\n\nText.\n"})
    assert_clear_failure(fixture_site.build(), "docs/services/networking/vpc.md:", "malformed YAML")


def test_missing_required_key(fixture_site):
    fixture_site.write({VPC: "---\nid: vpc\ntype: service\ncategory: networking\n---\n\nText.\n"})
    assert_clear_failure(fixture_site.build(), "docs/services/networking/vpc.md:1", "missing required key 'title'")


def test_duplicate_id_names_both_files(fixture_site):
    fixture_site.write({"services/networking/vpc-copy.md": "---\nid: vpc\ntitle: Copy\ntype: service\ncategory: networking\n---\n"})
    assert_clear_failure(
        fixture_site.build(), "duplicate id 'vpc'", "docs/services/networking/vpc-copy.md:2", "docs/services/networking/vpc.md:2"
    )


def test_duplicate_alias_names_both_files_and_alias(fixture_site):
    fixture_site.write(
        {"services/networking/tgw.md": "---\nid: tgw\ntitle: Transit Gateway\ntype: service\ncategory: networking\naliases:\n  - DX\n---\n"}
    )
    assert_clear_failure(fixture_site.build(), "'DX'", "docs/services/networking/tgw.md:7", "docs/services/networking/direct-connect.md:7")


# ------------------------------------------------------------------ issue 14: every page validated, one path form


def test_a_copy_of_a_service_page_in_another_folder_fails_naming_both_files(fixture_site):
    """Before issue 14 a page outside services/ and concepts/ had no front matter check: this copy built silently."""
    fixture_site.write({"extra/vpc.md": MINIMAL_PAGES[VPC]})
    assert_clear_failure(
        fixture_site.build(), "docs/extra/vpc.md:2 [vpc]: this page repeats the id 'vpc' of docs/services/networking/vpc.md:2"
    )


def test_a_page_in_an_unknown_folder_fails_naming_it(fixture_site):
    fixture_site.write({"extra/notes.md": "---\ntitle: Notes\n---\n\nSome notes.\n"})
    assert_clear_failure(fixture_site.build(), "docs/extra/notes.md:1: a page in a folder the site does not know")


def test_a_whole_site_page_with_a_typo_in_its_front_matter_fails(fixture_site):
    fixture_site.write({"index.md": "---\ntitle: Home\ndescripton: Typo.\n---\n\nHello.\n"})
    assert_clear_failure(fixture_site.build(), "docs/index.md:3: unknown key 'descripton'")


def test_a_tab_in_front_matter_says_indent_with_spaces(fixture_site):
    fixture_site.write({VPC: MINIMAL_PAGES[VPC].replace("  - VPC", "\t- VPC")})
    build = fixture_site.build()
    assert_clear_failure(build, "docs/services/networking/vpc.md:7: malformed YAML front matter: indent with spaces, not tabs")
    assert "cannot start any token" not in build.output


def test_broken_glossary_line(fixture_site):
    fixture_site.write({"includes/abbreviations.md": "*[VPC]: Amazon Virtual Private Cloud\nVPC = oops\n"})
    assert_clear_failure(fixture_site.build(), "includes/abbreviations.md:2")


def test_broken_link_fails_the_strict_build(fixture_site):
    fixture_site.write({"index.md": "---\ntitle: Home\n---\n\nSee [the VPC](services/networking/nope.md).\n"})
    build = fixture_site.build()
    assert build.returncode != 0
    assert any("nope.md" in w for w in build.warnings), build.output


def test_broken_anchor_fails_the_strict_build(fixture_site):
    fixture_site.write({"index.md": "---\ntitle: Home\n---\n\nSee [limits](services/networking/vpc.md#no-such-section).\n"})
    build = fixture_site.build()
    assert build.returncode != 0
    assert any("no-such-section" in w for w in build.warnings), build.output


def test_contributor_text_in_listings_is_escaped(fixture_site):
    fixture_site.write(
        {
            "services/networking/evil.md": (
                "---\nid: evil\ntitle: Evil & co\ntype: service\ncategory: networking\n"
                "aliases:\n  - <script>alert(1)</script>\n---\n\nText on DX.\n"
            ),
            "services/networking/vpc.md": MINIMAL_PAGES["services/networking/vpc.md"]
            + "\nSee [Evil](evil.md).\n",  # every page needs a link
        }
    )
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    html = (build.site / "services/networking/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markup_in_a_title_is_refused(fixture_site):
    """Titles reach Material's templates unescaped (nav, <title>, <h1>): markup fails the build."""
    fixture_site.write(
        {"services/networking/evil.md": "---\nid: evil\ntitle: Evil <b>bold</b>\ntype: service\ncategory: networking\n---\n"}
    )
    assert_clear_failure(fixture_site.build(), "docs/services/networking/evil.md:3", "plain text")


@pytest.mark.slow
def test_make_build_never_leaves_a_half_written_site(fixture_site):
    """`make build` swaps site/ in only after a passing strict build."""
    project = fixture_site.root
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        (project / name).symlink_to(ROOT / name)
    make = ["make", "-s", "build", f"VENV={ROOT / '.venv'}"]
    env = {**os.environ, "MAKEFLAGS": ""}

    ok = subprocess.run(make, cwd=project, capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # The shared venv still imports the project's own hooks/, not this fixture's copy.
    for pth in (ROOT / ".venv").glob("lib/python3*/site-packages/studyguide-hooks.pth"):
        assert pth.read_text(encoding="utf-8").strip() == str(ROOT / "hooks"), pth
    sentinel = project / "site" / "services/networking/vpc/index.html"
    assert sentinel.exists()

    fixture_site.write({VPC: "---\nid: vpc\ntitle: [broken\n---\n"})
    failed = subprocess.run(make, cwd=project, capture_output=True, text=True, env=env)
    assert failed.returncode != 0
    assert sentinel.exists(), "the previous good site must survive a failed build"
