"""Accessibility: axe-core finds no serious or critical violation on the audited pages,
in the light and the dark colour scheme, in Debian's Chromium (issue 7).

axe-core comes from the npm registry at the version pinned in tests/axe/package.json,
installed into .cache/axe by `make axe` (a prerequisite of `make test`), and is injected
into the page under test from that file: nothing is fetched while a page is viewed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from audited_pages import AUDITED, page_path

from studyguide import bundles

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

pytestmark = pytest.mark.browser


def run_axe(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make axe` (npm ci of tests/axe/package-lock.json)")
    page.add_script_tag(path=str(AXE))
    # target-size (WCAG 2.2) is off by default in axe; Lighthouse turns it on, so do we.
    options = "{resultTypes: ['violations'], rules: {'target-size': {enabled: true}}}"
    result = page.evaluate(f"() => axe.run(document, {options})")
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            lines.append(f"{v['impact']} {v['id']}: {node['target']} — {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def switch_scheme(page, scheme: str) -> None:
    """Use Material's own palette toggle, as a reader does; it persists in localStorage."""
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != scheme:
        page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == scheme


@pytest.mark.parametrize(
    ("scheme", "device"),
    [("default", "browser_page"), ("slate", "browser_page"), ("default", "phone_page")],
    ids=["light", "dark", "light-phone"],
)
@pytest.mark.parametrize("which", AUDITED)
def test_axe_finds_no_serious_or_critical_violation(request, site, site_url, which, scheme, device):
    browser_page = request.getfixturevalue(device)
    page = browser_page.page
    page.goto(f"{site_url}/{page_path(site, which)}")
    switch_scheme(page, scheme)
    if scheme == "slate":
        # The choice survives a reload: material-palette.js (out of line for the CSP) restores it.
        page.reload()
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    # Open the collapsed quiz panel, so axe checks the questions too (the closed state is a subset).
    page.evaluate("() => document.querySelectorAll('details.quiz__panel').forEach(d => { d.open = true; })")
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert violations == [], f"{which} ({scheme}):\n{describe(violations)}"
    assert browser_page.outside_requests() == []
    assert browser_page.errors == []


def _exam_results(page, site_url):
    page.goto(f"{site_url}/practice-exam/?n=3&minutes=5")
    page.locator(".quiz-exam__setup button[type=submit]").click()
    page.locator('[data-action="finish"]').click()
    page.locator("dialog.quiz-confirm").get_by_role("button", name="Finish and score").click()  # 3 unanswered: issue 21
    page.locator(".quiz-exam__estimate").wait_for()


def _resume_prompt(page, site_url):
    page.goto(f"{site_url}/practice-exam/?n=3&minutes=5")
    page.locator(".quiz-exam__setup button[type=submit]").click()
    page.reload()
    page.locator(".quiz-exam__resume p").wait_for()


def _practice_feedback_and_keys(page, site_url):
    page.goto(f"{site_url}/practice-exam/?n=3")
    page.locator("input[name=mode][value=practice]").check()
    page.locator(".quiz-exam__setup button[type=submit]").click()
    form = page.locator(".quiz-exam__question form")
    form.locator("input").first.check()
    form.locator("button.quiz__check").click()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("?")
    page.locator("dialog.quiz-keys").wait_for()


def _progress_with_history_and_a_notice(page, site_url):
    page.goto(f"{site_url}/progress/")
    page.evaluate(
        """() => {
            localStorage.setItem('sapc02-history-v1', JSON.stringify([{at: Date.now(), right: 2, total: 3,
                domains: {'new-solutions': [1, 2], 'continuous-improvement': [1, 1]}}, 'bad']));
        }"""
    )
    page.reload()
    page.locator(".quiz-progress__exams table").wait_for()
    page.locator(".quiz-progress .quiz-notice").wait_for()
    page.locator(".quiz-progress__import").set_input_files({"name": "x.json", "mimeType": "application/json", "buffer": b"{"})
    page.locator(".quiz-progress__message:not(:empty)").wait_for()


def _finish_confirmation(page, site_url):
    """Issue 21: the step that asks before an exam with unanswered questions is scored."""
    page.goto(f"{site_url}/practice-exam/?n=3&minutes=5")
    page.locator(".quiz-exam__setup button[type=submit]").click()
    page.locator('[data-action="finish"]').click()
    page.locator("dialog.quiz-confirm").wait_for()


LEARNER_STATES = {
    "exam results": _exam_results,
    "finish confirmation": _finish_confirmation,
    "resume prompt": _resume_prompt,
    "practice feedback and keys dialog": _practice_feedback_and_keys,
    "progress history and notices": _progress_with_history_and_a_notice,
}


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
@pytest.mark.parametrize("state", LEARNER_STATES)
def test_axe_passes_the_learner_states(browser_page, site_url, state, scheme):
    """Issue 15: the states the exam and progress pages reach only through use."""
    page = browser_page.page
    page.goto(f"{site_url}/progress/")
    switch_scheme(page, scheme)
    LEARNER_STATES[state](page, site_url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert violations == [], f"{state} ({scheme}):\n{describe(violations)}"
    assert browser_page.errors == []


def test_axe_catches_plain_materials_violations(browser_page, site_url):
    """The audit can fail: on a page without our fixes, axe reports what plain Material gets wrong."""
    page = browser_page.page

    def without_our_fixes(route):  # a11y.css ships inside the site's one stylesheet: cut it out
        response = route.fetch()
        text = response.text()
        start, end = bundles.section(text, "assets/stylesheets/a11y.css")
        route.fulfill(response=response, body=text[:start] + text[end:])

    page.route(f"**/{bundles.STYLESHEET}", without_our_fixes)
    page.goto(f"{site_url}/")
    page.evaluate("() => document.querySelector('.md-search').removeAttribute('aria-label')")
    found = {v["id"] for v in run_axe(page) if v["impact"] in BLOCKING}
    assert {"aria-dialog-name", "color-contrast"} <= found


def test_axe_checks_touch_target_size(phone_page, site_url):
    """Two 10-pixel buttons side by side fail WCAG 2.2 target size, as Lighthouse's audit says."""
    page = phone_page.page
    page.goto(f"{site_url}/")
    page.evaluate(
        """() => {
            const row = document.createElement('p');
            row.innerHTML = '<button style="width:10px;height:10px;padding:0">a</button>'
                          + '<button style="width:10px;height:10px;padding:0">b</button>';
            document.querySelector('article').prepend(row);
        }"""
    )
    assert "target-size" in {v["id"] for v in run_axe(page) if v["impact"] in BLOCKING}
