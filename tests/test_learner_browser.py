"""Issue 15 in Chromium: the exam survives a reload, progress moves between browsers as a file,
study modes, keyboard keys, styled results, and bad stored data or files never break a page."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.test_quiz_browser import (  # noqa: F401
    answer,
    assert_clean,
    bank_url,
    check_right_answer,
    confirm_step,
    finish_exam,
    first_question,
    quiz_url,
)

pytestmark = pytest.mark.browser

ANSWERS, EXAM, HISTORY = "sapc02-quiz-v1", "sapc02-exam-v1", "sapc02-history-v1"


def stored(page, key):
    return page.evaluate("k => localStorage.getItem(k)", key)


def store(page, key, value):
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value if isinstance(value, str) else json.dumps(value)])


def bank(page):
    return page.evaluate("url => fetch(url).then(r => r.json())", bank_url(page))


def start(page, site_url, n=3, minutes=10, mode="exam", choose_set=""):
    page.goto(f"{site_url}/practice-exam/?n={n}&minutes={minutes}")
    setup = page.locator(".quiz-exam__setup")
    setup.wait_for()
    setup.locator(f"input[name=mode][value={mode}]").check()
    if choose_set:
        setup.locator("select[name=set]").select_option(choose_set)
    setup.locator("button[type=submit]").click()
    page.locator(".quiz-exam__question form").wait_for()


def seconds_left(page) -> int:
    h, m, s = re.fullmatch(r"Time left (\d+):(\d\d):(\d\d)", page.locator(".quiz-exam__timer").inner_text()).groups()
    return int(h) * 3600 + int(m) * 60 + int(s)


def record(at, last=False, box=1, due=0):
    return {"box": box, "right": int(last), "wrong": int(not last), "last": last, "at": at, "due": due}


def test_exam_survives_a_reload_and_resumes_with_its_clock(site_url, browser_page):
    page = browser_page.page
    start(page, site_url, n=3, minutes=10)
    form = page.locator(".quiz-exam__question form")
    check_right_answer(page, form)
    picked = sorted(form.locator("input:checked").evaluate_all("xs => xs.map(x => x.value)"))
    page.locator('[data-action="next"]').click()
    page.locator('[data-action="flag"]').click()
    end = json.loads(stored(page, EXAM))["end"]
    before = seconds_left(page)
    page.wait_for_timeout(1200)
    page.reload()
    prompt = page.locator(".quiz-exam__resume")
    expect(prompt).to_be_visible()
    assert "1 of 3 questions answered" in prompt.inner_text()
    assert not page.locator(".quiz-exam__setup").is_visible()
    prompt.get_by_role("button", name="Resume").click()
    expect(page.locator(".quiz-exam__count")).to_have_text("Question 2 of 3")
    assert page.locator('[data-action="flag"]').get_attribute("aria-pressed") == "true"
    left = seconds_left(page)
    expected = (end - page.evaluate("Date.now()")) / 1000
    assert left < before and abs(left - expected) <= 2, (before, left, expected)
    page.wait_for_function(
        "t => document.querySelector('.quiz-exam__timer').textContent !== t", arg=page.locator(".quiz-exam__timer").inner_text()
    )
    assert seconds_left(page) < left  # still counting down
    page.locator(".quiz-exam__cell").nth(0).click()
    assert sorted(form.locator("input:checked").evaluate_all("xs => xs.map(x => x.value)")) == picked
    labels = page.locator(".quiz-exam__cell").evaluate_all("cs => cs.map(c => c.getAttribute('aria-label'))")
    assert labels == ["Question 1: answered", "Question 2: unanswered, flagged", "Question 3: unanswered"]
    finish_exam(page)
    expect(page.locator(".quiz-exam__results")).to_contain_text("Score: 1 of 3 (33%).")
    assert stored(page, EXAM) is None  # a finished exam leaves nothing to resume
    assert_clean(browser_page)


def test_discard_leaves_the_setup_and_nothing_to_resume(site_url, browser_page):
    page = browser_page.page
    start(page, site_url, n=2)
    page.reload()
    page.locator(".quiz-exam__resume").get_by_role("button", name="Discard").click()
    expect(page.locator(".quiz-exam__setup")).to_be_visible()
    assert stored(page, EXAM) is None
    page.reload()
    expect(page.locator(".quiz-exam__setup")).to_be_visible()
    assert not page.locator(".quiz-exam__resume").is_visible()
    assert_clean(browser_page)


def test_time_running_out_while_away_scores_the_exam_at_its_deadline(site_url, browser_page):
    page = browser_page.page
    start(page, site_url, n=2, minutes=5)
    check_right_answer(page, page.locator(".quiz-exam__question form"))
    saved = json.loads(stored(page, EXAM))
    saved["end"] = page.evaluate("Date.now()") - 60_000
    store(page, EXAM, saved)
    page.goto(f"{site_url}/")
    page.goto(f"{site_url}/practice-exam/")
    results = page.locator(".quiz-exam__results")
    expect(results).to_contain_text("Time ran out while the page was closed: scored as submitted at the deadline. Score: 1 of 2 (50%).")
    assert stored(page, EXAM) is None
    history = json.loads(stored(page, HISTORY))
    assert [(e["at"], e["right"], e["total"]) for e in history] == [(saved["end"], 1, 2)]
    assert_clean(browser_page)


def test_results_and_history_use_materials_tables_with_bars_and_the_750_estimate(site_url, browser_page):
    page = browser_page.page
    start(page, site_url, n=4)
    check_right_answer(page, page.locator(".quiz-exam__question form"))
    finish_exam(page)
    results = page.locator(".quiz-exam__results")
    expect(results.locator(".quiz-exam__estimate")).to_have_text(
        re.compile(r"^Estimated scaled score: 325 on AWS's 100 to 1000 scale, where 750 passes\.$")
    )
    expect(page.locator(".quiz-exam .quiz-estimate-note")).to_contain_text("Only an estimate")
    table = results.locator(".quiz-exam__table table").first
    assert table.get_attribute("class") is None  # Material styles table:not([class])
    style = table.evaluate("t => [getComputedStyle(t).display, getComputedStyle(t.querySelector('th')).paddingLeft]")
    assert style[0] == "inline-block" and float(style[1].removesuffix("px")) > 5  # Material's table, spaced headers
    assert table.locator("thead th").all_inner_texts() == ["Exam domain", "Correct", "Questions", "Score"]
    bars = table.locator("tbody .quiz-bar")
    assert bars.count() >= 1 and re.fullmatch(r"\d+%", bars.first.inner_text())
    assert bars.first.locator(".quiz-bar__track").get_attribute("aria-hidden") == "true"
    page.goto(f"{site_url}/progress/")
    exams = page.locator(".quiz-progress__exams table")
    expect(exams).to_be_visible()
    assert exams.locator("tbody tr").count() == 1
    cells = exams.locator("tbody tr").first.locator("td").all_inner_texts()
    assert cells[0] == "1 of 4 (25%)" and cells[1] == "325"
    assert "750 passes" in exams.locator("thead").inner_text()
    assert exams.locator("tbody .quiz-bar").count() >= 1
    expect(page.locator(".quiz-progress .quiz-estimate-note")).to_contain_text("Only an estimate")
    assert page.locator(".quiz-progress__domains table").evaluate("t => getComputedStyle(t).display") == "inline-block"
    assert_clean(browser_page)


def export_file(page, tmp_path):
    with page.expect_download() as download:
        page.locator(".quiz-progress__export").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_export_in_one_browser_and_import_in_another(chromium, site_url, quiz_url, tmp_path):  # noqa: F811
    first = chromium.new_context()
    page = first.new_page()
    page.goto(f"{site_url}/{quiz_url}")
    form = first_question(page)
    qid = form.get_attribute("data-question-id")
    answer(form, correct=False)
    store(page, HISTORY, [{"at": 1_700_000_000_000, "right": 3, "total": 4, "domains": {"new-solutions": [3, 4]}}])
    page.goto(f"{site_url}/progress/")
    page.locator(".quiz-progress__exams table").wait_for()
    summary = page.locator(".quiz-progress__summary").inner_text()
    path = export_file(page, tmp_path)
    assert re.fullmatch(r"sap-c02-progress-\d{4}-\d\d-\d\d\.json", path.name)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and list(data["answers"]) == [qid] and data["answers"][qid]["box"] == 1
    assert len(data["history"]) == 1
    first.close()

    second = chromium.new_context()
    try:
        page = second.new_page()
        page.goto(f"{site_url}/progress/")
        other = next(q["id"] for q in bank(page)["questions"] if q["id"] != qid)
        now = page.evaluate("Date.now()")
        store(page, ANSWERS, {other: record(now, last=True, box=2, due=now + 864e5)})  # this browser's own answer
        page.reload()
        expect(page.locator(".quiz-progress__summary")).to_have_text(re.compile(r"^1 of "))
        page.locator(".quiz-progress__import").set_input_files(str(path))
        expect(page.locator(".quiz-progress__message")).to_have_text(
            "Imported 1 answer newer than yours and 1 exam result. Nothing was removed."
        )
        assert page.locator(".quiz-progress__message").get_attribute("aria-live") == "polite"
        expect(page.locator(".quiz-progress__summary")).to_have_text(re.compile(r"^2 of "))
        assert set(json.loads(stored(page, ANSWERS))) == {qid, other}  # merged, nothing wiped
        assert page.locator(".quiz-progress__exams tbody tr").count() == 1
        assert page.locator(f'.quiz-progress__review form[data-question-id="{qid}"]').count() == 1  # due again here too
        # the same file again: nothing is newer, the exam is not added twice
        page.locator(".quiz-progress__import").set_input_files(str(path))
        expect(page.locator(".quiz-progress__message")).to_have_text(
            "Imported 0 answers newer than yours and 0 exam results. Nothing was removed."
        )
        page.reload()
        expect(page.locator(".quiz-progress__summary")).to_have_text(re.compile(r"^2 of \d+ questions answered, 1 answered correctly"))
        assert summary.startswith("1 of ")
    finally:
        second.close()


BROKEN_FILES = {
    "invalid JSON": (b'{"version": 1, "answers": {', "not valid JSON"),
    "unknown version": (json.dumps({"version": 99, "answers": {}}).encode(), "not a progress file of version 1 (it says version 99)"),
    "not an object": (b"[1, 2]", "not a progress file of version 1"),
    "wrong answer types": (json.dumps({"version": 1, "answers": {"q": {"box": "two", "right": 1}}}).encode(), "wrong type"),
    "wrong history type": (json.dumps({"version": 1, "answers": {}, "history": {"at": 1}}).encode(), "wrong type"),
}


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_a_broken_import_file_is_refused_and_progress_is_unchanged(site_url, browser_page, name):
    page = browser_page.page
    page.goto(f"{site_url}/progress/")
    qid = bank(page)["questions"][0]["id"]
    store(page, ANSWERS, {qid: record(1_700_000_000_000)})
    store(page, HISTORY, [{"at": 1_700_000_000_000, "right": 1, "total": 2, "domains": {}}])
    before = (stored(page, ANSWERS), stored(page, HISTORY))
    page.reload()
    body, expected = BROKEN_FILES[name]
    page.locator(".quiz-progress__import").set_input_files({"name": "progress.json", "mimeType": "application/json", "buffer": body})
    message = page.locator(".quiz-progress__message")
    expect(message).to_contain_text(expected)
    assert message.inner_text().endswith("so nothing was imported.")
    assert (stored(page, ANSWERS), stored(page, HISTORY)) == before
    assert page.locator(".quiz-progress__summary").inner_text().startswith("1 of ")
    assert_clean(browser_page)


CORRUPT = ["{not json", "42", '"text"', "null", "[1, 2]"]


@pytest.mark.parametrize("value", CORRUPT)
def test_corrupt_storage_never_breaks_a_page(site_url, quiz_url, browser_page, value):  # noqa: F811
    page = browser_page.page
    page.goto(f"{site_url}/progress/")
    for key in (ANSWERS, EXAM, HISTORY):
        store(page, key, value)
    page.goto(f"{site_url}/{quiz_url}")
    expect(page.locator("section.quiz .quiz__progress")).to_have_text(re.compile(r"^0 of \d+ answered correctly$"))
    if value != "null":  # JSON null reads as "nothing saved"
        expect(page.locator("section.quiz .quiz-notice")).to_contain_text("could not be read")
    answer(first_question(page), correct=True)  # still works, and writes good data
    expect(page.locator("section.quiz .quiz__progress")).to_have_text(re.compile(r"^1 of "))
    page.goto(f"{site_url}/practice-exam/")
    expect(page.locator(".quiz-exam__setup")).to_be_visible()
    assert not page.locator(".quiz-exam__resume").is_visible()
    if value != "null":
        expect(page.locator(".quiz-exam .quiz-notice")).to_contain_text("exam in progress could not be read and was discarded")
    page.goto(f"{site_url}/progress/")
    expect(page.locator(".quiz-progress__summary")).to_have_text(re.compile(r"^1 of "))
    expect(page.locator(".quiz-progress__history")).to_contain_text("No finished practice exam yet.")
    assert not page.locator(".quiz-progress .quiz-estimate-note").is_visible()
    if value != "null":
        expect(page.locator(".quiz-progress .quiz-notice")).to_contain_text("saved exam results")
    assert_clean(browser_page)


def test_partly_bad_records_are_ignored_and_the_rest_kept(site_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/progress/")
    ids = [q["id"] for q in bank(page)["questions"][:4]]
    now = page.evaluate("Date.now()")
    good = record(now - 1000, last=True, box=3, due=now + 864e5)
    store(
        page,
        ANSWERS,
        {
            ids[0]: {**good, "extra": "unknown keys are dropped"},
            ids[1]: {"box": 2, "right": 1},  # partial
            ids[2]: {**good, "box": "3"},  # wrong type
            ids[3]: {**good, "box": 9},  # out of range
        },
    )
    good_exam = {"at": now - 5000, "right": 2, "total": 3, "domains": {"new-solutions": [2, 3]}}
    store(
        page,
        HISTORY,
        [good_exam, {"at": "yesterday", "right": 1, "total": 1, "domains": {}}, {"at": 1, "right": 5, "total": 2, "domains": {}}],
    )
    store(page, EXAM, {"mode": "exam", "ids": ["a"], "answers": [[1]], "flags": ["yes"], "checked": [False], "at": 0, "end": now + 1e6})
    page.reload()
    expect(page.locator(".quiz-progress__summary")).to_have_text(re.compile(r"^1 of \d+ questions answered, 1 answered correctly"))
    notice = page.locator(".quiz-progress .quiz-notice")
    expect(notice).to_contain_text("3 of your saved answers had the wrong shape and were ignored; the rest are kept.")
    expect(notice).to_contain_text("2 of your saved exam results had the wrong shape")
    assert notice.get_attribute("role") == "status"
    assert page.locator(".quiz-progress__exams tbody tr").count() == 1
    page.goto(f"{site_url}/practice-exam/")
    expect(page.locator(".quiz-exam__setup")).to_be_visible()
    expect(page.locator(".quiz-exam .quiz-notice")).to_contain_text("discarded")
    assert stored(page, EXAM) is None
    assert_clean(browser_page)


def test_practice_mode_checks_each_answer_with_no_clock(site_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/practice-exam/")
    questions = bank(page)["questions"]
    domain = "migration-modernization"
    start(page, site_url, n=3, mode="practice", choose_set=f"domain:{domain}")
    assert not page.locator(".quiz-exam__timer").is_visible()
    assert page.locator(".quiz-exam__cell").count() == 3
    form = page.locator(".quiz-exam__question form")
    check_right_answer(page, form)
    form.locator("button.quiz__check").click()
    expect(form.locator(".quiz__feedback")).to_have_text("Correct.")
    assert form.locator("input:disabled").count() == form.locator("input").count()
    saved = json.loads(stored(page, EXAM))
    assert saved["mode"] == "practice" and saved["end"] == 0 and saved["checked"][0] is True
    by_id = {q["id"]: q for q in questions}
    assert all(domain in by_id[i]["domains"] for i in saved["ids"])
    assert json.loads(stored(page, ANSWERS))[saved["ids"][0]]["last"] is True  # counted at once
    page.reload()  # practice survives a reload too, with its feedback
    page.locator(".quiz-exam__resume").get_by_role("button", name="Resume").click()
    expect(form.locator(".quiz__feedback")).to_have_text("Correct.")
    page.locator('[data-action="next"]').click()
    check_right_answer(page, form)  # as many options as the question asks for (one option fails a choose-2 or 3)
    form.locator("button.quiz__check").click()
    expect(form.locator(".quiz__feedback")).to_have_text(re.compile(r"^(Correct\.|Incorrect\. The answer is: )"))
    finish_exam(page)
    results = page.locator(".quiz-exam__results")
    expect(results).to_contain_text("Score: ")
    assert results.locator(".quiz-exam__estimate").count() == 0  # no exam, no estimate
    assert not page.locator(".quiz-exam .quiz-estimate-note").is_visible()
    assert stored(page, HISTORY) is None  # practice sets are not exams
    assert_clean(browser_page)


def test_sets_draw_the_chosen_count_from_a_category_or_the_due_questions(site_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/practice-exam/")
    data = bank(page)
    by_id = {q["id"]: q for q in data["questions"]}
    category = "networking"
    start(page, site_url, n=4, mode="exam", choose_set=f"category:{category}")
    ids = json.loads(stored(page, EXAM))["ids"]
    assert len(ids) == 4 and all(data["pages"][by_id[i]["page"]]["category"] == category for i in ids)
    # The due set: two missed questions due now, one not yet due; the count asks for five.
    now = page.evaluate("Date.now()")
    due = [q["id"] for q in data["questions"][:2]]
    later = data["questions"][2]["id"]
    store(
        page,
        ANSWERS,
        {due[0]: record(now - 9, due=now - 9), due[1]: record(now - 9, due=now - 9), later: record(now, box=3, due=now + 864e5)},
    )
    store(page, EXAM, "")  # nothing to resume
    page.evaluate("k => localStorage.removeItem(k)", EXAM)
    start(page, site_url, n=5, mode="practice", choose_set="due")
    assert sorted(json.loads(stored(page, EXAM))["ids"]) == sorted(due)
    expect(page.locator(".quiz-exam__status")).to_have_text("Practice started: 2 questions from Missed questions due for review.")
    page.evaluate("k => localStorage.removeItem(k)", EXAM)
    store(page, ANSWERS, {})
    page.goto(f"{site_url}/practice-exam/")
    page.locator("select[name=set]").select_option("due")
    page.locator(".quiz-exam__setup button[type=submit]").click()
    expect(page.locator(".quiz-exam__status")).to_have_text("No questions are due for review now.")
    assert_clean(browser_page)


def test_keys_pick_check_move_flag_and_list_themselves(site_url, quiz_url, browser_page):  # noqa: F811
    page = browser_page.page
    start(page, site_url, n=3, mode="practice")
    form = page.locator(".quiz-exam__question form")
    choose = int({q["id"]: q for q in bank(page)["questions"]}[form.get_attribute("data-question-id")]["choose"])
    page.locator("body").click(position={"x": 5, "y": 5})
    for key in range(2, choose + 2):  # options 2, 3 (and 4) in the order shown
        page.keyboard.press(str(key))
    shown = form.locator("input").evaluate_all("xs => xs.map(x => x.checked)")
    assert shown == [False] + [True] * choose + [False] * (len(shown) - choose - 1)
    assert "is-answered" in page.locator(".quiz-exam__cell").nth(0).get_attribute("class")
    page.keyboard.press("Enter")
    expect(form.locator(".quiz__feedback")).to_have_text(re.compile(r"^(Correct|Incorrect)"))
    count = page.locator(".quiz-exam__count")
    page.locator("body").click(position={"x": 5, "y": 5})
    for key, expected in (("ArrowRight", 2), ("j", 3), ("k", 2), ("ArrowLeft", 1), ("l", 1)):
        page.keyboard.press(key)
        expect(count).to_have_text(f"Question {expected} of 3")
    page.keyboard.press("m")
    assert page.locator('[data-action="flag"]').get_attribute("aria-pressed") == "true"
    page.keyboard.press("Control+m")  # modifiers are the browser's
    assert page.locator('[data-action="flag"]').get_attribute("aria-pressed") == "true"
    page.keyboard.press("?")
    dialog = page.locator("dialog.quiz-keys")
    expect(dialog).to_be_visible()
    assert dialog.get_by_role("heading").inner_text() == "Keyboard keys"
    assert "m" in dialog.locator("dt").all_inner_texts()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # Never while typing in a field: Material's search box, then the page's own inputs.
    page.goto(f"{site_url}/{quiz_url}")
    question = first_question(page)
    page.locator("input.md-search__input").focus()
    page.keyboard.type("1?")
    assert question.locator("input:checked").count() == 0 and not page.locator("dialog.quiz-keys[open]").count()
    # On a page's quiz, digits answer the question last touched and Enter checks it.
    page.keyboard.press("Escape")  # close the search
    question.locator("input").first.focus()
    correct = question.locator("input").evaluate_all("xs => xs.findIndex(x => x.hasAttribute('data-correct'))")
    if question.get_attribute("data-choose") == "1":
        page.keyboard.press(str(correct + 1))
        page.keyboard.press("Enter")
        expect(question.locator(".quiz__feedback")).to_have_text("Correct.")
    page.evaluate("k => localStorage.removeItem(k)", EXAM)
    page.goto(f"{site_url}/practice-exam/")
    page.locator("input[name=n]").focus()
    page.keyboard.press("?")
    assert not page.locator("dialog.quiz-keys[open]").count()
    assert_clean(browser_page)


def test_exam_resumes_after_instant_navigation_away_and_back(site_url, browser_page):
    from tests.test_quiz_browser import serve_sitemap_locally

    page = browser_page.page
    serve_sitemap_locally(page, site_url)
    start(page, site_url, n=2)
    page.wait_for_load_state("networkidle")
    check_right_answer(page, page.locator(".quiz-exam__question form"))
    page.evaluate("window.__no_reload = true")
    page.locator("article a[href*='progress']").first.click()
    page.wait_for_url(f"{site_url}/progress/")
    page.go_back()
    prompt = page.locator(".quiz-exam__resume")
    expect(prompt).to_be_visible()
    assert page.evaluate("window.__no_reload") is True
    assert "1 of 2 questions answered" in prompt.inner_text()
    assert_clean(browser_page)


def test_reset_removes_answers_and_exam_results_and_says_so(site_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/progress/")
    qid = bank(page)["questions"][0]["id"]
    store(page, ANSWERS, {qid: record(1_700_000_000_000)})
    store(page, HISTORY, [{"at": 1_700_000_000_000, "right": 1, "total": 2, "domains": {}}])
    page.reload()
    expect(page.locator(".quiz-progress__exams tbody tr")).to_have_count(1)
    page.locator(".quiz-progress__reset").click()
    confirm_step(page, "Remove everything")
    expect(page.locator(".quiz-progress__message")).to_have_text("All answers and exam results were removed from this browser.")
    expect(page.locator(".quiz-progress__summary")).to_have_text(re.compile(r"^0 of "))
    expect(page.locator(".quiz-progress__history")).to_contain_text("No finished practice exam yet.")
    assert stored(page, HISTORY) is None and json.loads(stored(page, ANSWERS)) == {}
    assert_clean(browser_page)
