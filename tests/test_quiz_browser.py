"""The quiz widget, practice exam and progress page in a real Chromium (Debian's, via Playwright)."""

from __future__ import annotations

import json
import posixpath
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def quiz_pages(site) -> list[str]:
    """URLs (relative to the site root) of pages that carry a quiz, in nav order as the footer links them."""
    bank = json.loads((site / "assets/quiz-bank.json").read_text(encoding="utf-8"))
    with_quiz = {q["page"] for q in bank["questions"]}
    return [page["url"] for pid, page in bank["pages"].items() if pid in with_quiz]


def soup(site, url):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def quiz_url(site):
    pages = quiz_pages(site)
    assert pages, "no page carries a quiz"
    return "services/networking/vpc/" if "services/networking/vpc/" in pages else pages[0]


def first_question(page):
    """The page's first question, after opening the collapsed panel the questions wait in, as a reader does."""
    panel = page.locator("section.quiz details.quiz__panel").first
    if not panel.evaluate("d => d.open"):
        panel.locator("> summary").click()
    return page.locator("section.quiz form.quiz__question").first


def answer(form, correct: bool):
    selector = "input[data-correct]" if correct else "input:not([data-correct])"
    choose = int(form.get_attribute("data-choose"))
    inputs = form.locator(selector)
    for i in range(choose if correct else 1):
        inputs.nth(i).check()
    for i in range(0 if correct else choose - 1):  # a wrong multi-answer: one wrong pick, the rest right
        form.locator("input[data-correct]").nth(i).check()
    form.locator("button.quiz__check").click()


def bank_url(page) -> str:
    """The JSON bank, found the way the exam and progress pages find it: Material's config base."""
    base = page.evaluate("JSON.parse(document.getElementById('__config').textContent).base")
    return page.evaluate("base => new URL('assets/quiz-bank.json', new URL(base + '/', location.href)).href", base)


def check_right_answer(page, form):
    """Questions the scripts build from the JSON bank carry no answer in the DOM: look it up in the bank."""
    bank = page.evaluate("url => fetch(url).then(r => r.json())", bank_url(page))
    qid = form.get_attribute("data-question-id")
    q = next(q for q in bank["questions"] if q["id"] == qid)
    for i, option in enumerate(q["options"]):
        if option["correct"]:
            form.locator(f"input[value='{i}']").check()


def serve_sitemap_locally(page, site_url):
    """Material's instant navigation only follows URLs listed in sitemap.xml, which names the
    production site_url; in the test server the site lives at site_url, so list it there."""
    production = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(production, f"{site_url}/"))

    page.route(f"{site_url}/sitemap.xml", handle)


def finish_exam(page, asks=True):
    """ "Finish and score": with questions unanswered or flagged, confirm the step that names them (issue 21)."""
    page.locator('[data-action="finish"]').click()
    dialog = page.locator("dialog.quiz-confirm")
    if asks:
        expect(dialog).to_be_visible()
        dialog.get_by_role("button", name="Finish and score").click()
    expect(dialog).to_have_count(0)


def confirm_step(page, button):
    """Press `button` in the confirmation step that opened (issue 21)."""
    dialog = page.locator("dialog.quiz-confirm")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=button).click()
    expect(dialog).to_have_count(0)


def assert_clean(watched):
    assert watched.errors == []
    assert watched.outside_requests() == []


def test_answer_a_question_see_feedback_and_keep_progress_after_reload(site_url, quiz_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/{quiz_url}")
    total = page.locator("section.quiz form.quiz__question").count()
    progress = page.locator("section.quiz .quiz__progress")
    expect(progress).to_have_text(f"0 of {total} answered correctly")
    form = first_question(page)
    assert not form.locator("details").evaluate("d => d.open")
    answer(form, correct=True)
    feedback = form.locator(".quiz__feedback")
    assert feedback.inner_text() == "Correct."
    assert feedback.get_attribute("aria-live") == "polite"
    assert form.locator("details").evaluate("d => d.open")  # explanation and link to the fact shown
    assert form.locator("details .quiz__source a").is_visible()
    # Issue 13: a reason beside every option, "Right" on the correct ones, "Wrong" on the others.
    options = form.locator(".quiz__options > li")
    for i in range(options.count()):
        option = options.nth(i)
        why = option.locator(".quiz__why")
        expect(why).to_be_visible()
        right = option.locator("input[data-correct]").count() == 1
        assert why.inner_text().startswith("Right: " if right else "Wrong: ")
        value = option.locator("input").get_attribute("value")
        listed = form.locator(f'.quiz__reason[data-option="{value}"] .quiz__why-text').inner_text()
        assert why.inner_text().endswith(listed) and len(listed) > 10
    expect(progress).to_have_text(f"1 of {total} answered correctly")
    second = page.locator("section.quiz form.quiz__question").nth(1)
    if total > 1:
        answer(second, correct=False)
        assert second.locator(".quiz__feedback").inner_text().startswith("Incorrect. The answer is: ")
        assert second.locator("li.is-wrong").count() == 1
    page.reload()
    expect(progress).to_have_text(f"1 of {total} answered correctly")
    assert "was-correct" in first_question(page).get_attribute("class")
    page.locator("section.quiz .quiz__reset").click()
    confirm_step(page, re.compile(r"^Remove \d+ answers?$"))
    expect(progress).to_have_text(f"0 of {total} answered correctly")
    page.reload()
    expect(progress).to_have_text(f"0 of {total} answered correctly")
    assert_clean(browser_page)


def test_choices_are_shuffled_on_each_view(site_url, quiz_url, browser_page):
    page = browser_page.page
    orders = set()
    for _ in range(4):
        page.goto(f"{site_url}/{quiz_url}")
        orders.add(tuple(page.locator("section.quiz form.quiz__question input").evaluate_all("xs => xs.map(x => x.name + x.value)")))
    assert len(orders) > 1
    assert_clean(browser_page)


def test_instant_navigation_keeps_the_widget_working(site, site_url, browser_page):
    pages = quiz_pages(site)
    start = next(
        url
        for url in pages
        if (nxt := soup(site, url).select_one("a.md-footer__link--next"))
        and nxt["href"].startswith("../")
        and soup(site, posixpath.normpath(url + nxt["href"])).select_one("section.quiz")
    )
    target = posixpath.normpath(start + soup(site, start).select_one("a.md-footer__link--next")["href"]) + "/"
    target_id = soup(site, target).select_one("section.quiz")["data-quiz-page"]
    page = browser_page.page
    serve_sitemap_locally(page, site_url)
    page.goto(f"{site_url}/{start}")
    page.wait_for_load_state("networkidle")  # Material's instant navigation is ready once it has the sitemap
    answer(first_question(page), correct=True)
    page.evaluate("window.__no_reload = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(f"{site_url}/{target}")
    page.wait_for_selector(f'section.quiz[data-quiz-page="{target_id}"][data-ready]')
    assert page.evaluate("window.__no_reload") is True  # Material swapped the page in place
    form = first_question(page)
    answer(form, correct=True)
    assert form.locator(".quiz__feedback").inner_text() == "Correct."
    # the progress line updates asynchronously after an instant-navigation swap: wait for it
    expect(page.locator("section.quiz .quiz__progress")).to_have_text(re.compile(r"^1 of "))
    page.go_back()
    page.wait_for_selector("section.quiz[data-ready]")
    expect(page.locator("section.quiz .quiz__progress")).to_have_text(re.compile(r"^1 of "))
    assert_clean(browser_page)


def test_questions_wait_in_a_closed_panel_that_a_link_to_a_question_opens(site, site_url, quiz_url, browser_page):
    """Collapsed, the questions cost a phone no style or layout work until a reader opens them;
    a link to one question opens them, after Material's instant navigation too."""
    page = browser_page.page
    question = soup(site, quiz_url).select_one("section.quiz form.quiz__question")["id"]
    serve_sitemap_locally(page, site_url)
    page.goto(f"{site_url}/{quiz_url}")
    panel = page.locator("section.quiz details.quiz__panel")
    assert not panel.evaluate("d => d.open")
    assert not page.locator(f"#{question} legend").is_visible()
    page.goto(f"{site_url}/services/security/iam/")
    page.wait_for_load_state("networkidle")  # instant navigation is ready once it has the sitemap
    page.evaluate(
        """href => {
            window.__no_reload = true;
            const a = document.createElement('a');
            a.href = href; a.id = 'to-question'; a.textContent = 'question';
            document.querySelector('article').prepend(a);
        }""",
        f"{site_url}/{quiz_url}#{question}",
    )
    page.locator("#to-question").click()
    page.wait_for_url(f"{site_url}/{quiz_url}#{question}")
    expect(page.locator(f"#{question} legend")).to_be_in_viewport()
    assert page.evaluate("window.__no_reload") is True  # Material swapped the page in place
    assert panel.evaluate("d => d.open")
    assert_clean(browser_page)


def test_answer_with_the_keyboard_alone(site_url, quiz_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/{quiz_url}")
    form = first_question(page)
    correct_at = form.locator("input").evaluate_all("xs => xs.findIndex(x => x.hasAttribute('data-correct'))")
    page.locator("section.quiz .quiz__reset").focus()
    page.keyboard.press("Tab")  # into the first question's choices
    assert page.evaluate("document.activeElement.closest('form.quiz__question') !== null")
    if form.get_attribute("data-choose") == "2":
        for _ in range(form.locator("input").count()):
            if page.evaluate("document.activeElement.hasAttribute('data-correct')"):
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    else:
        page.keyboard.press("Space")
        for _ in range(correct_at):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")  # to "Check answer"
    assert page.evaluate("document.activeElement.classList.contains('quiz__check')")
    page.keyboard.press("Enter")
    assert form.locator(".quiz__feedback").inner_text() == "Correct."
    page.keyboard.press("Tab")  # on to the answer's <summary>, still reachable
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert_clean(browser_page)


def test_short_practice_exam_to_its_results(site_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/practice-exam/?n=4&minutes=5")
    setup = page.locator(".quiz-exam__setup")
    setup.wait_for()
    assert setup.locator("input[name=n]").input_value() == "4"
    setup.locator("input[name=n]").fill("3")  # the page's own settings win over the URL's
    page.locator(".quiz-exam__setup button[type=submit]").click()
    timer = page.locator(".quiz-exam__timer")
    assert re.fullmatch(r"Time left 0:0[45]:\d\d", timer.inner_text())
    page.wait_for_function("t => document.querySelector('.quiz-exam__timer').textContent !== t", arg=timer.inner_text())
    cells = page.locator(".quiz-exam__cell")
    assert cells.count() == 3
    # Question 1: answer it right; question 2: flag it; question 3: leave it unanswered.
    question = page.locator(".quiz-exam__question form")
    check_right_answer(page, question)
    page.locator('[data-action="next"]').click()
    page.locator('[data-action="flag"]').click()
    assert page.locator('[data-action="flag"]').get_attribute("aria-pressed") == "true"
    labels = cells.evaluate_all("cs => cs.map(c => c.getAttribute('aria-label'))")
    assert labels == ["Question 1: answered", "Question 2: unanswered, flagged", "Question 3: unanswered"]
    assert "is-answered" in cells.nth(0).get_attribute("class") and "is-flagged" in cells.nth(1).get_attribute("class")
    cells.nth(2).click()
    assert page.locator(".quiz-exam__count").inner_text() == "Question 3 of 3"
    finish_exam(page)
    results = page.locator(".quiz-exam__results")
    results.wait_for()
    assert re.search(r"Score: 1 of 3 \(33%\)", results.inner_text())
    assert results.locator("table caption", has_text="Score by exam domain").count() == 1
    assert results.locator("table caption", has_text="Score by service").count() == 1
    review = results.locator(".quiz-exam__review > li")
    assert review.count() == 2
    bank = page.evaluate("url => fetch(url).then(r => r.json())", bank_url(page))
    by_id = {q["id"]: q for q in bank["questions"]}
    for i in range(2):
        assert review.nth(i).locator(".quiz-exam__mine").inner_text() == "Your answer: (none)"
        # Issue 13: the review gives every option's reason, the correct ones marked "Right".
        reasons = review.nth(i).locator(".quiz__reasons > li")
        q = by_id[review.nth(i).get_attribute("data-question-id")]
        assert reasons.count() == len(q["options"])
        for k, option in enumerate(q["options"]):
            item = reasons.nth(k)
            assert item.locator(".quiz__verdict").inner_text() == ("Right:" if option["correct"] else "Wrong:")
            assert item.locator(".quiz__why-text").inner_text() == option["why"]
        href = review.nth(i).locator(".quiz__source a").get_attribute("href")
        assert href.startswith(site_url + "/")
        assert page.request.get(href).ok
    assert not page.locator(".quiz-exam__run").is_visible()
    assert_clean(browser_page)


def test_progress_page_shows_mastery_and_brings_missed_questions_back(site_url, quiz_url, browser_page):
    page = browser_page.page
    page.goto(f"{site_url}/{quiz_url}")
    form = first_question(page)
    qid = form.get_attribute("data-question-id")
    answer(form, correct=False)
    page.goto(f"{site_url}/progress/")
    page.wait_for_selector(".quiz-progress__table")
    assert page.locator(".quiz-progress__summary").inner_text().startswith("1 of ")
    domain_rows = page.locator(".quiz-progress__domains tr")
    assert domain_rows.count() >= 2
    answered = sum(int(row.locator("td").nth(1).inner_text()) for row in domain_rows.all()[1:])
    assert answered >= 1
    review = page.locator(f'.quiz-progress__review form[data-question-id="{qid}"]')
    assert review.count() == 1
    assert page.locator(".quiz-progress__due").inner_text() == "1 missed question due for review."
    check_right_answer(page, review)
    review.locator("button.quiz__check").click()
    assert review.locator(".quiz__feedback").inner_text() == "Correct. Moved to box 2."
    assert review.locator(".quiz__source a").count() == 1
    page.reload()
    page.wait_for_selector(".quiz-progress__table")
    assert page.locator(f'.quiz-progress__review form[data-question-id="{qid}"]').count() == 0
    assert page.locator(".quiz-progress__due").inner_text().startswith("No missed questions are due now. 1 come back from ")
    assert_clean(browser_page)


def test_practice_exam_draws_by_domain_weight(site_url, browser_page):
    """75 questions from a bank with plenty in each domain: 19/22/19/15 (26/29/25/20%, largest remainder)."""
    page = browser_page.page
    page.goto(f"{site_url}/practice-exam/")
    counts = page.evaluate(
        """() => {
          const domains = {"organizational-complexity": {weight: 26}, "new-solutions": {weight: 29},
                           "continuous-improvement": {weight: 25}, "migration-modernization": {weight: 20}};
          const questions = [];
          for (const d of Object.keys(domains)) for (let i = 0; i < 100; i++) questions.push({id: d + i, domains: [d]});
          const drawn = window.StudyExam.draw({domains, questions}, 75);
          const counts = {};
          for (const q of drawn) counts[q.domains[0]] = (counts[q.domains[0]] || 0) + 1;
          return [counts, new Set(drawn.map(q => q.id)).size];
        }"""
    )
    assert counts == [
        {"organizational-complexity": 19, "new-solutions": 22, "continuous-improvement": 19, "migration-modernization": 15},
        75,
    ]
    real = page.evaluate(
        "url => fetch(url).then(r => r.json())"
        ".then(b => [b.questions.length, new Set(window.StudyExam.draw(b, Math.min(75, b.questions.length)).map(q => q.id)).size])",
        bank_url(page),
    )
    assert real[1] == min(75, real[0])  # no question twice
    assert_clean(browser_page)


def test_practice_exam_ends_when_the_time_is_up(site_url, browser_page):
    page = browser_page.page
    page.clock.install()
    page.goto(f"{site_url}/practice-exam/?n=2&minutes=1")
    page.locator(".quiz-exam__setup button[type=submit]").click()
    assert page.locator(".quiz-exam__timer").inner_text() == "Time left 0:01:00"
    page.clock.fast_forward("00:30")
    assert page.locator(".quiz-exam__timer").inner_text() == "Time left 0:00:30"
    page.clock.fast_forward("00:31")
    results = page.locator(".quiz-exam__results")
    results.wait_for()
    assert results.inner_text().count("Time is up. Score: 0 of 2 (0%).") == 1
    assert results.locator(".quiz-exam__review > li").count() == 2
    assert_clean(browser_page)


def test_scripts_render_bank_texts_as_text_never_html(site_url, browser_page):
    """The exam and review build questions from the JSON bank: texts go in as text nodes."""
    page = browser_page.page
    page.goto(f"{site_url}/practice-exam/")
    found = page.evaluate(
        """() => {
          const evil = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>';
          const q = {id: "x-1", choose: 1, question: evil, options: [evil, "b", "c", "d"].map(text => ({text, correct: false}))};
          const form = window.StudyQuiz.build(q, location.href);
          document.querySelector("article").appendChild(form);
          return [form.querySelectorAll("img, script").length, form.querySelector("legend").textContent];
        }"""
    )
    page.wait_for_timeout(200)
    assert found[0] == 0 and found[1].startswith("<img src=x")
    assert page.evaluate("window.__pwned") is None
    assert browser_page.outside_requests() == []


def test_without_javascript_the_answer_stays_readable_in_details(chromium, site_url, quiz_url):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{quiz_url}")
        form = first_question(page)
        assert form.locator("legend").is_visible() and form.locator("input").first.is_visible()
        assert not form.locator("button.quiz__check").is_visible()  # nothing to click that would not work
        assert not page.locator("section.quiz .quiz__status").is_visible()
        explanation = form.locator(".quiz__explanation")
        assert not explanation.is_visible()
        form.locator("details summary").click()
        assert explanation.is_visible() and form.locator(".quiz__source a").is_visible()
        # Issue 13: one <li> per option with its reason, the correct ones marked, no script needed.
        reasons = form.locator(".quiz__reasons > li.quiz__reason")
        assert reasons.count() == form.locator("input").count()
        assert form.locator(".quiz__reasons > li.quiz__reason--right").count() == int(form.get_attribute("data-choose"))
        assert all(reasons.nth(i).locator(".quiz__why-text").inner_text().strip() for i in range(reasons.count()))
    finally:
        context.close()
