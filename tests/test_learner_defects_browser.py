"""Issue 21 in Debian's Chromium, desktop (1280x800) and phone (390x844): keys never change an
exam answer nor leave the exam, finishing or resetting asks first and names what would be lost,
the results open at the score, page quizzes show how each question went after a reload, and
the small defects of the practice exam and progress page."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.conftest import watched_tab
from tests.test_learner_browser import ANSWERS, EXAM, HISTORY, bank, record, store, stored
from tests.test_quiz_browser import answer, assert_clean, confirm_step, finish_exam, first_question, quiz_url  # noqa: F401

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=list(VIEWPORTS))
def tab(request, chromium):
    context, watched = watched_tab(chromium, **VIEWPORTS[request.param])
    yield watched
    context.close()


def run_exam(page, site_url, ids, mode="exam", minutes=60):
    """A saved exam of these questions, resumed: the questions are known in advance."""
    page.goto(f"{site_url}/practice-exam/")
    page.locator(".quiz-exam__setup:not([hidden]), .quiz-exam__resume:not([hidden])").first.wait_for()
    end = page.evaluate("Date.now()") + minutes * 60_000 if mode == "exam" else 0
    n = len(ids)
    store(page, EXAM, {"mode": mode, "ids": ids, "answers": [[]] * n, "flags": [False] * n, "checked": [False] * n, "at": 0, "end": end})
    page.reload()
    page.locator(".quiz-exam__resume").get_by_role("button", name="Resume").click()
    page.locator(".quiz-exam__question form").wait_for()


def single_choice_ids(page, n):
    return [q["id"] for q in bank(page)["questions"] if q["choose"] == 1][:n]


def saved_answers(page):
    return json.loads(stored(page, EXAM))["answers"]


def test_arrow_keys_move_between_questions_and_never_change_an_answer(site_url, tab):
    page = tab.page
    page.goto(f"{site_url}/practice-exam/")
    run_exam(page, site_url, single_choice_ids(page, 3))
    form = page.locator(".quiz-exam__question form")
    count = page.locator(".quiz-exam__count")
    form.locator("input").nth(1).click()  # the learner picks the second option shown: focus stays on it
    picked = saved_answers(page)[0]
    assert len(picked) == 1
    page.keyboard.press("ArrowRight")  # the browser's radio group would pick the third option and stay
    expect(count).to_have_text("Question 2 of 3")
    assert saved_answers(page)[0] == picked
    page.keyboard.press("ArrowLeft")
    expect(count).to_have_text("Question 1 of 3")
    assert form.locator("input:checked").evaluate_all("xs => xs.map(x => +x.value)") == picked
    form.locator("input:checked").focus()
    for key in ("ArrowDown", "ArrowUp", "ArrowUp", "ArrowDown", "ArrowDown"):
        page.keyboard.press(key)
        assert saved_answers(page)[0] == picked, key
        assert form.locator("input:checked").evaluate_all("xs => xs.map(x => +x.value)") == picked, key
    assert page.evaluate("document.activeElement.type") == "radio"  # up and down moved the focus among the options
    page.keyboard.press("ArrowRight")
    expect(count).to_have_text("Question 2 of 3")
    assert saved_answers(page) == [picked, [], []]
    assert_clean(tab)


def test_material_n_and_p_do_nothing_while_an_exam_runs(site_url, tab):
    page = tab.page
    page.goto(f"{site_url}/practice-exam/")
    assert page.locator("link[rel=next]").count() and page.locator("link[rel=prev]").count()  # Material's targets for n and p
    run_exam(page, site_url, single_choice_ids(page, 2))
    url = page.url
    page.locator(".quiz-exam__question form input").first.click()
    for key in ("n", "p", ".", ","):
        page.keyboard.press(key)
        page.wait_for_timeout(300)
        assert page.url == url, key
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("n")
    page.wait_for_timeout(300)
    assert page.url == url
    expect(page.locator(".quiz-exam__run")).to_be_visible()
    # With no exam running, n is Material's again.
    page.evaluate("k => localStorage.removeItem(k)", EXAM)
    page.reload()
    page.locator(".quiz-exam__setup").wait_for()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("n")
    page.wait_for_url(lambda u: u != url)
    assert_clean(tab)


def test_finishing_with_unanswered_or_flagged_questions_asks_first(site_url, tab):
    page = tab.page
    page.goto(f"{site_url}/practice-exam/")
    run_exam(page, site_url, single_choice_ids(page, 4))
    page.locator(".quiz-exam__question form input").first.check()
    page.locator('[data-action="next"]').click()
    page.locator('[data-action="flag"]').click()
    page.locator('[data-action="finish"]').click()
    dialog = page.locator("dialog.quiz-confirm")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Finish with 3 unanswered and 1 flagged?")
    expect(dialog).to_contain_text("Unanswered questions score as wrong.")
    assert page.evaluate("document.activeElement.textContent") == "Go back"  # the safe choice has the focus
    dialog.get_by_role("button", name="Go back").click()
    expect(dialog).to_have_count(0)
    expect(page.locator(".quiz-exam__run")).to_be_visible()
    assert stored(page, HISTORY) is None and stored(page, EXAM) is not None  # nothing scored, nothing lost
    page.locator('[data-action="finish"]').click()
    page.keyboard.press("Escape")  # Escape is "Go back" too
    expect(dialog).to_have_count(0)
    assert stored(page, HISTORY) is None
    finish_exam(page)
    expect(page.locator(".quiz-exam__results")).to_contain_text("Score: ")
    assert len(json.loads(stored(page, HISTORY))) == 1
    assert_clean(tab)


def test_finishing_with_every_question_answered_and_none_flagged_scores_at_once(site_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/practice-exam/")
    run_exam(page, site_url, single_choice_ids(page, 2))
    page.locator(".quiz-exam__question form input").first.check()
    page.locator('[data-action="next"]').click()
    page.locator(".quiz-exam__question form input").first.check()
    finish_exam(page, asks=False)
    expect(page.locator(".quiz-exam__results")).to_contain_text("Score: ")
    assert_clean(browser_page)


def test_a_resumed_full_exam_opens_its_results_at_the_score_below_the_header(site_url, tab):
    page = tab.page
    page.goto(f"{site_url}/practice-exam/")
    data = bank(page)
    two = [q["id"] for q in data["questions"] if len(q["domains"]) > 1][:3]
    ids = two + [q["id"] for q in data["questions"] if len(q["domains"]) == 1][: 75 - len(two)]
    run_exam(page, site_url, ids)
    page.locator('[data-action="next"]').click()  # part way through, as a resumed learner is
    finish_exam(page)
    results = page.locator(".quiz-exam__results")
    score = results.locator(".quiz-exam__score")
    expect(score).to_be_in_viewport()
    heading = results.get_by_role("heading", name="Results")
    header = page.locator("header.md-header").bounding_box()
    box = heading.bounding_box()
    assert header["y"] + header["height"] <= box["y"] + 1 and box["y"] + box["height"] <= page.viewport_size["height"], (header, box)
    # 75 questions, 3 of them in two domains: the domain rows count 78 and say why
    expect(results.locator(".quiz-exam__domain-note")).to_have_text(
        "The domain rows count 78 questions for the 75 asked: a question that tests more than one exam domain counts in each."
    )
    assert_clean(tab)


def test_a_long_question_stays_inside_its_box(site_url, tab):
    page = tab.page
    page.goto(f"{site_url}/practice-exam/")
    longest = max(bank(page)["questions"], key=lambda q: len(q["question"]))["id"]
    run_exam(page, site_url, [longest])
    fieldset = page.locator(".quiz-exam__question fieldset").bounding_box()
    legend = page.locator(".quiz-exam__question legend").bounding_box()
    # Inside the box, below its top border and padding, over several lines. A legend laid out
    # the usual way starts at the fieldset's own top, its border drawn through the legend's middle.
    assert legend["y"] >= fieldset["y"] + 4 and legend["height"] > 40, (fieldset, legend)
    assert_clean(tab)


def test_reset_all_progress_asks_first_naming_what_goes(site_url, tab):
    page = tab.page
    page.goto(f"{site_url}/progress/")
    ids = [q["id"] for q in bank(page)["questions"][:2]]
    answers = {i: record(1_700_000_000_000) for i in ids}
    store(page, ANSWERS, answers)
    store(page, HISTORY, [{"at": 1_700_000_000_000, "right": 1, "total": 2, "domains": {}}])
    page.reload()
    expect(page.locator(".quiz-progress__exams tbody tr")).to_have_count(1)
    page.locator(".quiz-progress__reset").click()
    dialog = page.locator("dialog.quiz-confirm")
    expect(dialog).to_contain_text("This removes 2 answers and 1 finished exam from this browser.")
    confirm_step(page, "Keep my progress")
    assert json.loads(stored(page, ANSWERS)) == answers and len(json.loads(stored(page, HISTORY))) == 1
    expect(page.locator(".quiz-progress__exams tbody tr")).to_have_count(1)
    page.locator(".quiz-progress__reset").click()
    confirm_step(page, "Remove everything")
    expect(page.locator(".quiz-progress__message")).to_have_text("All answers and exam results were removed from this browser.")
    assert json.loads(stored(page, ANSWERS)) == {} and stored(page, HISTORY) is None
    assert_clean(tab)


def test_a_pages_reset_asks_first_and_answers_show_their_state_after_a_reload(site_url, quiz_url, tab):  # noqa: F811
    page = tab.page
    page.goto(f"{site_url}/{quiz_url}")
    total = page.locator("section.quiz form.quiz__question").count()
    assert total >= 2
    first = first_question(page)
    second = page.locator("section.quiz form.quiz__question").nth(1)
    answer(first, correct=True)
    # "Check answer" shows each reason once: beside its option, not again in the answer panel
    expect(first.locator(".quiz__why").first).to_be_visible()
    expect(first.locator(".quiz__answer")).to_have_attribute("open", "")
    expect(first.locator(".quiz__reasons")).to_be_hidden()
    answer(second, correct=False)
    page.reload()
    summary = page.locator("section.quiz details.quiz__panel > summary")
    expect(summary).to_contain_text("(you answered 2, 1 correctly the last time)")  # seen with the panel closed
    first = first_question(page)
    expect(first.locator(".quiz__last")).to_have_text("Last time: answered correctly.")
    expect(second.locator(".quiz__last")).to_have_text("Last time: answered wrongly. Try it again.")
    colours = [f.locator("fieldset").evaluate("e => getComputedStyle(e).borderLeftColor") for f in (first, second)]
    assert colours[0] != colours[1] and "rgb(46, 125, 50)" in colours  # green beside a right answer, red beside a wrong one
    page.locator("section.quiz .quiz__reset").click()
    dialog = page.locator("dialog.quiz-confirm")
    expect(dialog).to_contain_text(f"This removes your answers to 2 of this page's {total} questions")
    confirm_step(page, "Keep them")
    stored_ids = set(json.loads(stored(page, ANSWERS)))
    assert {first.get_attribute("data-question-id"), second.get_attribute("data-question-id")} <= stored_ids
    expect(first.locator(".quiz__last")).to_be_visible()
    page.locator("section.quiz .quiz__reset").click()
    confirm_step(page, "Remove 2 answers")
    expect(first.locator(".quiz__last")).to_have_count(0)
    expect(summary).not_to_contain_text("you answered")
    assert json.loads(stored(page, ANSWERS)) == {}
    assert_clean(tab)


def test_the_progress_page_names_each_mastery_table_once(site_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/progress/")
    page.locator(".quiz-progress__domains table").wait_for()
    for name in ("Mastery by exam domain", "Mastery by category"):
        shown = page.get_by_text(name, exact=True).evaluate_all(
            "xs => xs.filter(x => x.checkVisibility() && x.getBoundingClientRect().width > 2).length"
        )
        assert shown == 1, name
        assert page.get_by_role("table", name=name).count() == 1  # the caption still names the table
    assert_clean(browser_page)


def test_the_exam_setup_and_what_changed_fit_a_phone(site_url, chromium):
    context, watched = watched_tab(chromium, **VIEWPORTS["phone"])
    page = watched.page
    try:
        for path in ("practice-exam/", "what-changed/"):
            page.goto(f"{site_url}/{path}")
            page.locator(".quiz-exam__setup:not([hidden]), .sg-changes").first.wait_for()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        region = page.get_by_role("region", name="Changes since the cheat sheet")
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls in its own box
        names = region.locator("tbody td:first-child a").evaluate_all(
            "as => as.filter(a => a.getClientRects().length > 1 && !a.textContent.includes(' ')).map(a => a.textContent)"
        )
        assert names == []  # a one-word name never breaks inside the word
        assert_clean(watched)
    finally:
        context.close()
