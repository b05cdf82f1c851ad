"""Issue 20 in built sites: the exam-guide map page lists the whole guide and is built from the
data (a new question changes it), the JSON bank carries tags and the guide, and the practice
and progress pages carry the task controls. The real bank is being tagged elsewhere, so counts
of questions are checked on a fixture site with tagged questions."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup

from studyguide import examguide, quizzes
from tests.conftest import DOCS
from tests.test_readiness_browser import QUESTIONS, quiz_file


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def guide():
    return examguide.read(str(DOCS))


def test_the_map_page_lists_all_20_tasks_and_94_skills_in_the_guides_order(site, guide):
    page = soup_of(site / "exam-guide/index.html")
    article = page.select_one("article")
    assert article.select_one("h1").get_text(strip=True).rstrip("¶") == "Exam guide map"
    tasks = [t["data-task"] for t in article.select("[data-task]")]
    skills = [s["data-skill"] for s in article.select("[data-skill]")]
    assert tasks == list(guide.tasks) and len(tasks) == 20
    assert skills == list(guide.skills) and len(skills) == 94
    for d in guide.domains:
        heading = article.select_one(f"#domain-{d.n}")
        assert heading.get_text(" ", strip=True) == f"Domain {d.n}: {d.name}"
        assert article.select_one(f'a[href="{d.source}"]') is not None  # the official domain page
        assert f"{d.weight}% of the scored content" in heading.find_next("p").get_text()
    for task in guide.tasks.values():
        assert article.select_one(f"#task-{task.id.replace('.', '-')}").get_text(" ", strip=True) == f"Task {task.id}: {task.title}"
    for skill in article.select("[data-skill]"):  # every skill says how it is tested and taught, or that nothing does yet
        text = skill.get_text(" ", strip=True)
        assert guide.skills[skill["data-skill"]].text in text
        assert ("question" in text) and ("Taught on:" in text or "No teaching page linked yet" in text), text
    assert "<!--" not in article.get_text()


def test_the_map_is_in_the_navigation_and_linked_from_the_home_page(site):
    home = soup_of(site / "index.html")
    nav = [a.get_text(strip=True) for a in home.select(".md-tabs__link, nav.md-nav--primary a.md-nav__link")]
    assert "Exam guide map" in nav
    assert home.select_one('article a[href="exam-guide/"]') is not None
    progress = soup_of(site / "progress/index.html").select_one("[data-quiz-progress]")
    assert progress["data-exam-url"] == "../practice-exam/"
    assert progress.select_one(".quiz-progress__tasks") is not None and progress.select_one(".quiz-readiness__projection") is not None


def test_the_json_bank_carries_the_guide_and_every_questions_tags(site, guide):
    bank = json.loads((site / quizzes.BANK_URI).read_text(encoding="utf-8"))
    assert [t["id"] for t in bank["guide"]["tasks"]] == list(guide.tasks)
    assert [s["id"] for t in bank["guide"]["tasks"] for s in t["skills"]] == list(guide.skills)
    assert all(isinstance(q["tasks"], list) and isinstance(q["skills"], list) for q in bank["questions"])
    exam = soup_of(site / "practice-exam/index.html")
    boxes = exam.select(".quiz-exam__tasks input[name=task]")
    assert [b["value"] for b in boxes] == list(guide.tasks)
    tagged = {t for q in bank["questions"] for t in q["tasks"]}
    assert {b["value"] for b in boxes if not b.has_attr("disabled")} == tagged  # a task with no question cannot be chosen


@pytest.mark.slow
def test_fixture_map_links_the_teaching_sections_and_updates_with_a_new_question(fixture_site, guide):
    pages = {name: (DOCS / name).read_text(encoding="utf-8") for name in ("practice-exam.md", "progress.md", "exam-guide.md")}
    fixture_site.write(pages)
    vpc = [q for q in QUESTIONS if q[0].startswith("vpc")]
    dx = [q for q in QUESTIONS if q[0].startswith("direct")]
    fixture_site.write({"services/networking/vpc.quiz.yml": quiz_file(vpc), "services/networking/direct-connect.quiz.yml": quiz_file(dx)})
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    page_path = build.site / "exam-guide/index.html"
    article = soup_of(page_path).select_one("article")
    skill = article.select_one('[data-skill="2.2.1"]')
    assert skill.select_one(".sg-guide-map__tested").get_text(strip=True) == "4 questions"
    links = [(a.get_text(strip=True), a["href"]) for a in skill.select(".sg-guide-map__taught a")]
    assert links == [
        ("AWS Direct Connect › Gateways", "../services/networking/direct-connect/#gateways"),
        ("Amazon VPC › Limits", "../services/networking/vpc/#limits"),
    ]
    for _, href in links:  # each lands on a built page and its section
        path, anchor = href.split("#")
        target = (page_path.parent / PurePosixPath(path) / "index.html").resolve()
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
    task = article.select_one('[data-task="2.2"]')
    assert task.select_one(".sg-guide-map__count").get_text(strip=True) == "4 questions (target: 15)."
    gap = article.select_one('[data-skill="2.2.2"]')
    assert (
        "sg-guide-map__skill--gap" in gap["class"]
        and "No question yet" in gap.get_text()
        and "No teaching page linked yet" in gap.get_text()
    )
    # A new question naming skill 2.2.2 puts it on the map at the next build: nothing is written by hand.
    fixture_site.write(
        {"services/networking/direct-connect.quiz.yml": quiz_file(dx).replace("skills: [2.2.1]", "skills: [2.2.1, 2.2.2]", 1)}
    )
    rebuilt = fixture_site.build()
    assert rebuilt.returncode == 0, rebuilt.output
    article = soup_of(rebuilt.site / "exam-guide/index.html").select_one("article")
    now = article.select_one('[data-skill="2.2.2"]')
    assert now.select_one(".sg-guide-map__tested").get_text(strip=True) == "1 question"
    assert [a.get_text(strip=True) for a in now.select(".sg-guide-map__taught a")] == ["AWS Direct Connect › Gateways"]
