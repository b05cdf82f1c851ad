"""Quizzes in built sites: the markup contract, links, search exclusion, the JSON bank, bad input, asset size.

The tests on the real site assert structure that holds whatever the question bank holds; the
escaping, marker and bad-input cases use small fixture sites with questions of their own.
"""

from __future__ import annotations

import functools
import gzip
import html
import json
import re
from pathlib import PurePosixPath
from urllib.parse import urldefrag

import pytest
import yaml
from bs4 import BeautifulSoup

from studyguide import bundles
from tests.conftest import DOCS, ROOT

WIDGET_ASSETS = ["docs/assets/javascripts/store.js", "docs/assets/javascripts/quiz.js", "docs/assets/stylesheets/quiz.css"]
APP_ASSETS = ["docs/assets/javascripts/practice-exam.js", "docs/assets/javascripts/progress.js"]


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def quiz_files():
    return sorted(DOCS.glob("**/*.quiz.yml"))


def built_page(site, md_path):
    return site / str(md_path.relative_to(DOCS)).removesuffix(".quiz.yml") / "index.html"


def resolve(site, page_html, href):
    """The file and fragment a relative href on a built page leads to."""
    url, fragment = urldefrag(href)
    base = PurePosixPath(page_html.relative_to(site).as_posix()).parent
    target = site.joinpath(*(base / url).parts) if url else page_html
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


@functools.cache
def ids_on(path) -> frozenset[str]:
    return frozenset(html.unescape(i) for i in re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


@functools.cache
def quiz_block(path):
    """Just the page's quiz block, parsed (parsing whole pages for every check is slow)."""
    text = path.read_text(encoding="utf-8")
    start = text.find('<section class="quiz"')
    blocks = BeautifulSoup(text[start : text.index("</section>", start) + len("</section>")], "html.parser") if start >= 0 else None
    assert text.count('<section class="quiz"') == 1, f"{path}: expected one quiz block"
    return blocks.section


def assert_link_lands(site, page_html, href):
    assert not re.match(r"^[a-z]+:|^/", href), f"{page_html}: link {href!r} is not relative"
    target, fragment = resolve(site, page_html, href)
    assert target.is_file(), f"{page_html}: link {href!r} leads to a missing page {target}"
    if fragment:
        assert fragment in ids_on(target), f"{page_html}: link {href!r}: no #{fragment} on {target}"


def search_text(site) -> str:
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def plain(markup: str, tag: str = " ") -> str:
    """Text of an HTML fragment, entities decoded and white space squashed."""
    return squash(html.unescape(re.sub(r"<[^>]+>", tag, markup)))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- the real site


def test_every_quiz_file_becomes_a_quiz_block_with_the_markup_contract(site):
    for path in quiz_files():
        questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
        page = built_page(site, path)
        block = quiz_block(page)
        assert block.has_attr("data-search-exclude")
        forms = block.select("form.quiz__question")
        assert [f["data-question-id"] for f in forms] == [q["id"] for q in questions]
        for form, q in zip(forms, questions, strict=True):
            (fieldset,) = form.find_all("fieldset")
            assert fieldset.legend is not None and squash(q["question"]) in squash(fieldset.legend.get_text(" "))
            inputs = fieldset.select("input")
            kind = "checkbox" if q["choose"] > 1 else "radio"
            assert [i["type"] for i in inputs] == [kind] * len(q["options"])
            assert len({i["name"] for i in inputs}) == 1
            assert [i.has_attr("data-correct") for i in inputs] == [bool(o.get("correct")) for o in q["options"]]
            assert fieldset.select_one(".quiz__feedback")["aria-live"] == "polite"
            details = fieldset.select_one("details.quiz__answer")
            assert details is not None and not details.has_attr("open")
            assert details.select_one(".quiz__explanation").get_text(strip=True)
            # Issue 13's markup contract: one <li> per option with its reason, the correct ones marked.
            reasons = details.select(".quiz__reasons > li.quiz__reason")
            assert [r["data-option"] for r in reasons] == [str(i) for i in range(len(q["options"]))]
            assert [("quiz__reason--right" in r["class"]) for r in reasons] == [bool(o.get("correct")) for o in q["options"]]
            assert [r.select_one(".quiz__why-text").get_text() for r in reasons] == [" ".join(o["why"].split()) for o in q["options"]]
            assert_link_lands(site, page, details.select_one(".quiz__source a")["href"])
        assert not block.select("section"), "a nested <section> would end Material's search exclusion early"


def test_questions_wait_in_one_closed_panel_that_says_how_many(site):
    """Collapsed, a service page's questions (a third of its elements) cost a phone no style
    or layout work until a reader opens them; the summary says what is inside."""
    for path in quiz_files():
        block = quiz_block(built_page(site, path))
        (panel,) = block.select("details.quiz__panel")
        assert not panel.has_attr("open")
        count = len(block.select("form.quiz__question"))
        assert count and len(panel.select("form.quiz__question")) == count
        summary = panel.find("summary", recursive=False)
        assert squash(summary.get_text()) == f"{count} exam-style question{'s' if count != 1 else ''} on this page"
        assert block.select_one("h2.quiz__title").find_parent("details") is None  # the heading stays in view


def test_every_link_in_quiz_blocks_lands_on_a_real_page_and_section(site):
    checked = 0
    for path in quiz_files():
        page = built_page(site, path)
        for a in quiz_block(page).select("details a[href]"):
            if not a["href"].startswith(("http://", "https://")):
                assert_link_lands(site, page, a["href"])
                checked += 1
    assert checked >= len(quiz_files())


def test_no_quiz_text_reaches_the_search_index(site):
    text = search_text(site)
    for ui in ("Check answer", "Answer and explanation", "Check yourself", "answered correctly", "Start the exam"):
        assert ui not in text
    bank = json.loads((site / "assets/quiz-bank.json").read_text(encoding="utf-8"))
    for q in bank["questions"]:
        assert squash(q["question"]) not in text, f"question {q['id']} is in the search index"
    # Explanations and answers: none may reach the page's index entries, unless the page's own
    # prose (outside the quiz block) says the same words, as explanations that quote a fact do.
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    checked = 0
    for q in bank["questions"]:
        url = bank["pages"][q["page"]]["url"]
        indexed = plain(" ".join(d["text"] for d in entries if d["location"].split("#")[0] == url))
        raw = (site / url / "index.html").read_text(encoding="utf-8")
        start = raw.index('<section class="quiz"')
        outside = raw[:start] + raw[raw.index("</section>", start) :]
        prose = plain(outside) + " | " + plain(outside, "")  # inline tags (abbr, a) may or may not split words
        for piece in [plain(q["explanation"])] + [plain(o["text"]) for o in q["options"] if len(o["text"]) >= 25]:
            if piece not in prose:
                assert piece not in indexed, f"{q['id']}: quiz text in the search index of {url}: {piece[:80]!r}"
                checked += 1
    assert checked >= len(bank["questions"])


def test_the_bank_meets_the_issue_targets(site):
    """Issue 5, done when: 250 or more questions, and 85% or more of the content pages have at least 2."""
    bank = json.loads((site / "assets/quiz-bank.json").read_text(encoding="utf-8"))
    assert len(bank["questions"]) >= 250
    content = [p for p in DOCS.glob("services/*/*.md") if p.name != "index.md"] + [
        p for p in DOCS.glob("concepts/*.md") if p.name != "index.md"
    ]
    per_page = {str(p).removesuffix(".quiz.yml"): len(yaml.safe_load(p.read_text(encoding="utf-8"))["questions"]) for p in quiz_files()}
    with_two = [p for p in content if per_page.get(str(p).removesuffix(".md"), 0) >= 2]
    assert len(with_two) >= 0.85 * len(content), f"{len(with_two)} of {len(content)} content pages have 2+ questions"


def test_quiz_data_files_are_not_published(site):
    assert quiz_files(), "the real site has no quiz files yet"
    assert list(site.glob("**/*.quiz.yml")) == []


def test_the_json_bank_holds_every_question_with_working_links(site):
    bank = json.loads((site / "assets/quiz-bank.json").read_text(encoding="utf-8"))
    ids = [q["id"] for path in quiz_files() for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    assert sorted(q["id"] for q in bank["questions"]) == sorted(ids)
    assert {k: d["weight"] for k, d in bank["domains"].items()} == {
        "organizational-complexity": 26,
        "new-solutions": 29,
        "continuous-improvement": 25,
        "migration-modernization": 20,
    }
    root = site / "index.html"
    for page in bank["pages"].values():
        assert (site / page["url"] / "index.html").is_file()
    for q in bank["questions"]:
        assert_link_lands(site, root, q["source"]["url"])
        assert q["page"] in bank["pages"] and all(s in bank["pages"] for s in q["services"])


def test_practice_exam_and_progress_pages_carry_their_app(site):
    exam = soup_of(site / "practice-exam/index.html").select_one("article section.quiz-exam[data-quiz-exam]")
    assert exam is not None and exam.has_attr("data-search-exclude")
    assert (site / "practice-exam" / exam["data-bank"]).resolve() == (site / "assets/quiz-bank.json").resolve()
    assert exam["data-default-minutes"] == "180"
    total = len(json.loads((site / "assets/quiz-bank.json").read_text(encoding="utf-8"))["questions"])
    assert exam["data-default-count"] == str(min(75, total))
    assert exam.select_one("input[name=n]")["value"] == exam["data-default-count"]
    # Issue 15: practice mode and the sets, each exam domain and category with its size.
    assert [i["value"] for i in exam.select("input[name=mode]")] == ["exam", "practice"]
    sets = [o["value"] for o in exam.select("select[name=set] option")]
    assert sets[0] == "" and sets[-1] == "due"
    assert [s for s in sets if s.startswith("domain:")] == [
        "domain:organizational-complexity",
        "domain:new-solutions",
        "domain:continuous-improvement",
        "domain:migration-modernization",
    ]
    assert "category:networking" in sets
    for label in exam.select("select[name=set] option[value^='category:']"):
        assert re.search(r"\(\d+\)$", label.get_text())
    progress = soup_of(site / "progress/index.html").select_one("article section.quiz-progress[data-quiz-progress]")
    assert progress is not None and progress.has_attr("data-search-exclude")
    assert (site / "progress" / progress["data-bank"]).resolve() == (site / "assets/quiz-bank.json").resolve()


def test_widget_scripts_and_styles_are_registered_and_small(site):
    """The widget's own JS and CSS together 12 KB gzipped or less; with the exam and progress
    pages' scripts 18 KB (issue 15 added saved exams, history, export and import, study sets
    and keys to them: 7.8 KB became 14.0 KB; issue 21 the confirmation steps, exam-safe keys,
    last time's results and layout fixes: 9.0 and 14.1 KB became 10.9 and 16.9 KB)."""
    # Registered: each file ships inside the one stylesheet or script every page links (hooks/bundles.py).
    head = (site / "index.html").read_text(encoding="utf-8")
    shipped = {uri: (site / uri).read_text(encoding="utf-8") for uri in (bundles.STYLESHEET, bundles.SCRIPT) if uri in head}
    for asset in WIDGET_ASSETS + APP_ASSETS:
        part = asset.removeprefix("docs/")
        assert any(bundles.marker(part) in text for text in shipped.values()), part

    def gz(paths):
        return len(gzip.compress(b"".join((ROOT / p).read_bytes() for p in paths), compresslevel=9))

    assert gz(WIDGET_ASSETS) <= 12 * 1024
    assert gz(WIDGET_ASSETS + APP_ASSETS) <= 18 * 1024  # the exam and progress pages fit too


# ---------------------------------------------------------------- fixture sites

VPC_QUIZ = """\
questions:
  - id: vpc-script
    domains: [new-solutions]
    tasks: ["2.1"]
    skills: [2.1.1]
    services: [vpc]
    choose: 1
    question: "Zebraquux <script>alert('q')</script> <b>bold</b> question?"
    options:
      - text: "Zebraopt <script>alert('o')</script>"
        correct: true
        why: "Zebrawhy <script>alert('w')</script> reason."
      - text: Two
        why: "Reason 2."
      - text: Three
        why: "Reason 3."
      - text: Four
        why: "Reason 4."
    explanation: "Zebraexpl **why** <script>alert('e')</script> see [the gateway](direct-connect.md#gateways)."
    source: vpc#limits
    kind: recall
  - id: vpc-choose-two
    domains: [organizational-complexity, migration-modernization]
    tasks: ["1.1", "4.1"]
    skills: [1.1.1, 4.1.1]
    services: [vpc, direct-connect]
    choose: 2
    question: Zebratwo pick two?
    options:
      - text: A
        correct: true
        why: "Reason 5."
      - text: B
        correct: true
        why: "Reason 6."
      - text: C
        why: "Reason 7."
      - text: D
        why: "Reason 8."
      - text: E
        why: "Reason 9."
    explanation: Zebratwo explanation.
    source: direct-connect#gateways
    kind: recall
"""
DX_QUIZ = """\
questions:
  - id: direct-connect-one
    domains: [continuous-improvement]
    tasks: ["3.1"]
    skills: [3.1.1]
    services: [direct-connect]
    choose: 1
    question: Zebradx question?
    options:
      - text: A
        correct: true
        why: "Reason 10."
      - text: B
        why: "Reason 11."
      - text: C
        why: "Reason 12."
      - text: D
        why: "Reason 13."
    explanation: Zebradx explanation.
    source: direct-connect
    kind: recall
"""
DX_PAGE_WITH_MARKER = (
    "---\nid: direct-connect\ntitle: AWS Direct Connect\ntype: service\ncategory: networking\naliases: [DX]\n---\n\n"
    "## Gateways\n\nA DX gateway connects to a VPC.\n\n<!-- quiz -->\n\n## After the quiz\n\nTrailing text.\n"
)


@pytest.mark.slow
def test_fixture_site_escapes_text_places_the_marker_and_links_right(quiz_fixture_site):
    build = quiz_fixture_site.build()
    assert build.returncode == 0, build.output
    site = build.site
    vpc = site / "services/networking/vpc/index.html"
    raw = vpc.read_text(encoding="utf-8")
    assert "alert(" not in re.sub(r"&lt;script&gt;alert\('[qoew]'\)&lt;/script&gt;", "", raw.replace("&#39;", "'"))
    soup = soup_of(vpc)
    block = soup.select_one("section.quiz")
    assert block.select("script") == [] and block.select("b") == []
    assert "Zebraquux <script>alert('q')</script> <b>bold</b> question?" in block.select_one("legend").get_text()
    assert "Zebraopt <script>alert('o')</script>" in block.select_one("label").get_text()
    reason = block.select_one(".quiz__reasons .quiz__why-text")  # issue 13: reasons are contributor text, escaped
    assert reason.get_text() == "Zebrawhy <script>alert('w')</script> reason." and reason.select("script") == []
    explanation = block.select_one(".quiz__explanation")
    assert explanation.select_one("strong").get_text() == "why"
    assert "<script>alert('e')</script>" in explanation.get_text()
    # Links: the explanation's own link and the cited sections, relative and landing on the anchor.
    hrefs = [a["href"] for a in block.select("details a")]
    assert hrefs == ["../direct-connect/#gateways", "./#limits", "../direct-connect/#gateways"]
    for href in hrefs:
        assert_link_lands(site, vpc, href)
    assert block.select_one(".quiz__source a").get_text() == "Amazon VPC › Limits"
    assert [i["type"] for i in block.select("#quiz-vpc-choose-two input")] == ["checkbox"] * 5
    # The marker: the quiz sits where the page asked, before the text that follows it.
    dx = soup_of(site / "services/networking/direct-connect/index.html").select_one("article")
    text = dx.get_text(" ")
    assert text.index("Zebradx question?") < text.index("Trailing text.")
    # Nothing of the quizzes in search, nor the data files in the site; the bank is there.
    index = search_text(site)
    assert "Zebra" not in index
    assert "Trailing text." in index  # the section after the quiz is still indexed
    assert list(site.glob("**/*.quiz.yml")) == []
    bank = json.loads((site / "assets/quiz-bank.json").read_text(encoding="utf-8"))
    assert [q["id"] for q in bank["questions"]] == ["direct-connect-one", "vpc-script", "vpc-choose-two"]
    vpc_q = bank["questions"][1]
    assert vpc_q["source"] == {"url": "services/networking/vpc/#limits", "title": "Amazon VPC › Limits"}
    assert 'href="services/networking/direct-connect/#gateways"' in vpc_q["explanation"]
    assert "<script" not in vpc_q["explanation"]


@pytest.mark.slow
def test_fixture_site_a_missing_section_fails_the_build_with_file_line_and_id(quiz_fixture_site):
    quiz_fixture_site.write({"services/networking/vpc.quiz.yml": VPC_QUIZ.replace("source: vpc#limits", "source: vpc#limitz")})
    build = quiz_fixture_site.build()
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "docs/services/networking/vpc.quiz.yml:20 [vpc-script]: source 'vpc#limitz': no section '#limitz'" in build.output
    assert build.output.count("ERROR") == 1


@pytest.mark.slow
def test_fixture_site_bad_questions_fail_the_build_listing_each_problem(quiz_fixture_site):
    bad = VPC_QUIZ.replace("domains: [new-solutions]", "domains: [new-solution]").replace(
        '        correct: true\n        why: "Reason 5."\n      - text: B\n', '        why: "Reason 5."\n      - text: B\n'
    )
    quiz_fixture_site.write({"services/networking/vpc.quiz.yml": bad, "services/networking/ghost.quiz.yml": DX_QUIZ})
    build = quiz_fixture_site.build()
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "docs/services/networking/vpc.quiz.yml:3 [vpc-script]: unknown domain 'new-solution'" in build.output
    assert (
        "docs/services/networking/vpc.quiz.yml:27 [vpc-choose-two]: 'choose: 2' needs exactly two correct options, found 1" in build.output
    )
    assert "docs/services/networking/ghost.quiz.yml:1: quiz file has no content page beside it" in build.output


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('        why: "Reason 2."\n', ""), "docs/services/networking/vpc.quiz.yml:13 [vpc-script]: option 'Two' has no reason"),
        (("    choose: 2\n", "    choose: 3\n"), "vpc.quiz.yml:29 [vpc-choose-two]: a 'choose: 3' question has 6 options, found 5"),
        (("    kind: recall\n", "    kind: scenario\n"), "[vpc-script]: a scenario stem needs 200 characters or more"),
        (("      - text: Four\n", "      - text: None of the above\n"), "[vpc-script]: option 'None of the above': 'all/none of"),
    ],
    ids=["no-reason", "choose-three-count", "short-scenario", "none-of-the-above"],
)
def test_fixture_site_issue_13_bad_input_fails_the_build_naming_file_and_id(quiz_fixture_site, change, expected):
    old, new = change
    assert old in VPC_QUIZ
    quiz_fixture_site.write({"services/networking/vpc.quiz.yml": VPC_QUIZ.replace(old, new, 1)})
    build = quiz_fixture_site.build()
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert expected in build.output, build.output
