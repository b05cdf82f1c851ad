"""The pages the reader quality gates audit (issue 7), found in the real built site.

Features add markup (quizzes, limit tables), so the audits pick their pages from what
the build produced rather than from a fixed list: "a service page with a quiz and a
limit table" is the first such page in the site. A page that does not exist fails the
audit (never a skip): the gate must see the markup it is meant to check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

HOME = "home"
SERVICE = "service page with a quiz and a limit table"
LIMITS = "limits page"
EXAM = "practice exam"
CHANGES = "what changed page"  # issue 12: badges and the order buttons
RETIRED = "retired service page"  # issue 12: the status banner and correction notes
PROGRESS = "progress page"  # issue 15: tables, export and import
GUIDE_MAP = "exam guide map"  # issue 20: domains, tasks and skills with their gaps
AUDITED = (HOME, SERVICE, LIMITS, EXAM, CHANGES, RETIRED, PROGRESS, GUIDE_MAP)

_FIXED = {
    HOME: "index.html",
    LIMITS: "limits/index.html",
    EXAM: "practice-exam/index.html",
    CHANGES: "what-changed/index.html",
    RETIRED: "services/management/opsworks/index.html",
    PROGRESS: "progress/index.html",
    GUIDE_MAP: "exam-guide/index.html",
}
PREFERRED_SERVICE = "services/networking/vpc/index.html"  # the richest page, when it qualifies


def has_quiz_and_limit_table(html: str) -> bool:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup
    return bool(article.select(".quiz fieldset") and article.select("[class*='limits'] table"))


def service_pages(site: Path) -> list[Path]:
    """Built service pages: site/services/<category>/<service>/index.html."""
    return sorted(site.glob("services/*/*/index.html"))


def find_service_page(site: Path) -> str | None:
    candidates = service_pages(site)
    preferred = site / PREFERRED_SERVICE
    if preferred in candidates:
        candidates.remove(preferred)
        candidates.insert(0, preferred)
    for path in candidates:
        if has_quiz_and_limit_table(path.read_text(encoding="utf-8")):
            return path.relative_to(site).as_posix()
    return None


def page_path(site: Path, which: str) -> str:
    """The site-relative URL path (e.g. "services/networking/vpc/") of an audited page."""
    if which == SERVICE:
        found = find_service_page(site)
        if found is None:
            pytest.fail("no built service page has both a quiz (.quiz fieldset) and a limit table ([class*=limits] table)")
    else:
        found = _FIXED[which]
        if not (site / found).is_file():
            pytest.fail(f"the {which} is missing from the built site: {found}")
    return found.removesuffix("index.html")
