"""Issue 20 over the real bank: every question names the exam-guide tasks and skills it tests,
every task has 15 questions or more and every skill 2 or more; the guide data holds 20 tasks and
94 skills; a question without tags, or with tags that do not fit, fails with file, line and id."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from studyguide import docsfiles, examguide, quizzes
from studyguide.catalog import build_catalog
from studyguide.errors import DataError
from tests.conftest import DOCS

MIN_PER_TASK = 15
MIN_PER_SKILL = 2


@cache
def real():
    catalog = build_catalog(docsfiles.read(DOCS, ".md"))
    guide = examguide.read(str(DOCS))
    bank, errors = quizzes.load_bank(docsfiles.read(DOCS, quizzes.SUFFIX), catalog, guide)
    assert errors == [], "\n".join(map(str, errors))
    return catalog, guide, bank


def test_the_guide_holds_4_domains_20_tasks_and_94_skills():
    _, guide, _ = real()
    assert [d.weight for d in guide.domains] == [26, 29, 25, 20]
    assert len(guide.tasks) == 20 and len(guide.skills) == 94
    assert all(t.skills for t in guide.tasks.values())


def test_tags_are_required():
    assert quizzes.TAGS_REQUIRED and {"tasks", "skills"} <= quizzes.REQUIRED_KEYS


def test_every_question_names_its_tasks_and_skills():
    _, _, bank = real()
    untagged = [q.id for q in bank.questions if not q.tasks or not q.skills]
    assert untagged == []


def test_every_task_and_skill_is_tested_enough():
    _, guide, bank = real()
    per_task = Counter(t for q in bank.questions for t in q.tasks)
    per_skill = Counter(s for q in bank.questions for s in q.skills)
    thin_tasks = {t: per_task[t] for t in guide.tasks if per_task[t] < MIN_PER_TASK}
    thin_skills = {s: per_skill[s] for s in guide.skills if per_skill[s] < MIN_PER_SKILL}
    assert thin_tasks == {} and thin_skills == {}


QUESTION = """questions:
- id: vpc-one
  kind: scenario
  domains: [new-solutions]
{tags}  services: [vpc]
  choose: 1
  question: >-
    A company runs an application in one VPC and needs private access to Amazon S3 from instances in private subnets
    without a NAT gateway and without public IP addresses, at the lowest cost. Which design meets these requirements?
  options:
  - {{text: A gateway endpoint for S3 in the route tables of the private subnets, correct: true, why: Free and private.}}
  - {{text: An interface endpoint for S3 in every Availability Zone, why: Works but costs per hour and per GB.}}
  - {{text: A NAT gateway in each Availability Zone, why: Costs per hour and per GB and uses public addressing.}}
  - {{text: An internet gateway and public IP addresses on the instances, why: The instances must stay private.}}
  explanation: A gateway endpoint reaches S3 privately at no charge.
  source: vpc
"""


@pytest.mark.parametrize(
    ("tags", "line", "message"),
    [
        ("", 2, "missing required key 'tasks'"),
        ('  tasks: ["9.9"]\n  skills: [9.9.1]\n', 5, "unknown task '9.9'"),
        ('  tasks: ["2.3"]\n  skills: [2.5.1]\n', 6, "skill '2.5.1' belongs to task 2.5"),
        ('  tasks: ["3.2"]\n  skills: [3.2.1]\n', 5, "the first task '3.2' is in domain 'continuous-improvement'"),
        ('  tasks: "2.3"\n  skills: [2.3.5]\n', 5, "'tasks' must be a list"),
        (
            '  tasks: ["2.3", "3.2"]\n  skills: [2.3.5, 3.2.1]\n',
            5,
            "task '3.2' is in domain 'continuous-improvement', which 'domains' does not list",
        ),
    ],
)
def test_bad_tags_name_the_file_line_and_question(tags, line, message):
    catalog, guide, _ = real()
    _, problems = quizzes.load_file("services/networking/vpc.quiz.yml", QUESTION.format(tags=tags), catalog, guide)
    assert any(p.line == line and p.entry == "vpc-one" and message in p.message for p in problems), problems


def test_a_domain_without_any_of_the_questions_tasks_names_its_line():
    catalog, guide, _ = real()
    text = QUESTION.format(tags='  tasks: ["2.3"]\n  skills: [2.3.5]\n').replace(
        "domains: [new-solutions]", "domains: [new-solutions, migration-modernization]"
    )
    _, problems = quizzes.load_file("services/networking/vpc.quiz.yml", text, catalog, guide)
    assert any(
        p.line == 4 and p.entry == "vpc-one" and "domain 'migration-modernization' has none of this question's tasks" in p.message
        for p in problems
    ), problems


def test_good_tags_load():
    catalog, guide, _ = real()
    questions, problems = quizzes.load_file(
        "services/networking/vpc.quiz.yml", QUESTION.format(tags='  tasks: ["2.3", 2.6]\n  skills: [2.3.5, 2.6.3]\n'), catalog, guide
    )
    assert problems == [] and questions[0].tasks == ("2.3", "2.6") and questions[0].skills == ("2.3.5", "2.6.3")


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (("{id: 1.1.2,", "{id: 1.1.1,"), 22, "skill id '1.1.1' is given twice"),
        (("        skills:\n          - {id: 1.2.1", "        notes:\n          - {id: 1.2.1"), 26, "task '1.2' has no skills"),
        (("{id: 2.1.1,", "{id: 2.2.1,"), None, "must be '2.1.<n>'"),
    ],
)
def test_bad_guide_data_names_the_line(edit, line, message):
    text = (DOCS / examguide.PATH).read_text(encoding="utf-8")
    assert edit[0] in text
    with pytest.raises(DataError) as caught:
        examguide.load(text.replace(edit[0], edit[1], 1))
    assert message in caught.value.message
    if line is not None:
        assert caught.value.line == line
