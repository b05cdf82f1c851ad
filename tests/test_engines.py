"""Issue 22: the same site under MkDocs and Zensical, page by page, as a reader counts it.

Both engines build the fixture site and the real site; for every page the test compares the
links to service and concept pages, the tooltips, the limit tables and their rows, the quiz
blocks and their questions, the correction notes and the status banners
(tests/engine_counts.py). and the links under "Related services" and "Mentioned on". The figures must be equal, except
the differences listed in ``EXPLAINED``, which README.md ("Building with Zensical") would
explain: each must still occur, so the list (and the README) cannot go stale. It is empty.

The Zensical venv comes from the Makefile (`make test` and `make test-fast` create it), so
these tests never skip: a missing venv is a failure that says how to make it.
"""

from __future__ import annotations

import shutil

import pytest
from engine_counts import FIGURES, ZENSICAL, run_zensical_build, site_counts, totals

from tests.conftest import ROOT
from tests.test_corrections import RETIRED_DX, VPC_CORRECTIONS, VPC_LIMITS, WHAT_CHANGED
from tests.test_quiz_build import DX_QUIZ, VPC_QUIZ

pytestmark = pytest.mark.slow

# (page URL, figure) -> why Zensical's figure differs from MkDocs'; README.md says the same.
EXPLAINED: dict[tuple[str, str], str] = {}


def _zensical(project):
    if not ZENSICAL.exists():
        pytest.fail(f"{ZENSICAL} is missing: `make test` (or `make zensical`) creates the Zensical venv")
    build = run_zensical_build(project)
    assert build.returncode == 0, build.output[-3000:]
    return build


def differences(mkdocs: dict, zensical: dict) -> dict[tuple[str, str], tuple[int, int]]:
    assert sorted(mkdocs) == sorted(zensical), "both engines write the same pages"
    return {
        (url, key): (mkdocs[url][key], zensical[url][key]) for url in mkdocs for key in FIGURES if mkdocs[url][key] != zensical[url][key]
    }


@pytest.fixture
def full_fixture_site(fixture_site):
    """The fixture site with every feature: quizzes, limits, a correction, a closed service, What changed, the glossary."""
    return fixture_site.write(
        {
            "services/networking/vpc.quiz.yml": VPC_QUIZ,
            "services/networking/direct-connect.quiz.yml": DX_QUIZ,
            "services/networking/vpc.corrections.yml": VPC_CORRECTIONS,
            "services/networking/vpc.limits.yml": VPC_LIMITS,
            "services/networking/direct-connect.md": RETIRED_DX,
            "what-changed.md": WHAT_CHANGED,
            "glossary.md": "---\ntitle: Glossary\n---\n\n<!-- glossary -->\n",
            "service-map.md": "---\ntitle: Service map\n---\n\n<!-- service-map -->\n",
        }
    )


def test_the_fixture_site_shows_the_same_under_both_engines(full_fixture_site):
    built = full_fixture_site.build()
    assert built.returncode == 0, built.output
    mkdocs = site_counts(built.site)
    zensical = site_counts(_zensical(full_fixture_site.root).site)
    assert all(totals(mkdocs).values()), totals(mkdocs)  # every feature is on some page: nothing passes by being absent
    assert differences(mkdocs, zensical) == {}
    vpc = mkdocs["services/networking/vpc/"]
    assert vpc["limit_rows"] == 1 and vpc["correction_notes"] == 1 and vpc["quiz_blocks"] == 1 and vpc["tooltips"] >= 1
    assert mkdocs["services/networking/direct-connect/"]["status_banners"] == 1
    assert mkdocs["service-map/"]["service_links"] == 2 and vpc["backlinks"] >= 1  # the map and "Mentioned on"


def test_the_real_site_shows_the_same_under_both_engines(site):
    build = _zensical(ROOT)
    try:
        mkdocs, zensical = site_counts(site), site_counts(build.site)
    finally:
        shutil.rmtree(build.site, ignore_errors=True)
    found = differences(mkdocs, zensical)
    unexplained = {key: value for key, value in found.items() if key not in EXPLAINED}
    assert unexplained == {}, unexplained
    stale = [key for key in EXPLAINED if key not in found]
    assert stale == [], f"these differences are gone: drop them from EXPLAINED and README.md: {stale}"
    # The figures README.md gives for both engines.
    print("MkDocs:", totals(mkdocs))
    print("Zensical:", totals(zensical))
