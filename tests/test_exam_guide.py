"""Issue 20 without MkDocs: the exam guide's data, questions tagged with tasks and skills, the
JSON bank and the Anki tags that carry them, the exam-guide map's views, and the report's
figures (issue 20's per task and skill, issue 23's realism figures) in hooks/studyguide/quizstats.py."""

from __future__ import annotations

import pytest
from conftest import DOCS

from studyguide import anki, examguide, guidemap, quizstats, quizzes
from studyguide.catalog import build_catalog
from studyguide.errors import DataError

PAGES = {
    "services/networking/index.md": "---\ntitle: Networking\norder: 1\ndescription: Networks.\n---\n",
    "services/networking/vpc.md": "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\n---\n\n## Subnets\n",
    "services/networking/direct-connect.md": (
        "---\nid: direct-connect\ntitle: AWS Direct Connect\ntype: service\ncategory: networking\n---\n"
    ),
    "concepts/disaster-recovery.md": "---\nid: disaster-recovery\ntitle: Disaster & recovery\ntype: concept\n---\n",
}
ANCHORS = {"vpc": {"subnets": "Subnets"}, "direct-connect": {}, "disaster-recovery": {}}
DOMAIN_OF = {"1": "organizational-complexity", "2": "new-solutions", "3": "continuous-improvement", "4": "migration-modernization"}


@pytest.fixture(scope="module")
def guide():
    return examguide.read(str(DOCS))


@pytest.fixture(scope="module")
def catalog():
    return build_catalog(PAGES.items())


@pytest.fixture(autouse=True)
def _tags_optional(monkeypatch):
    """Most banks here leave tags out on purpose; the test that requires them sets the flag itself."""
    monkeypatch.setattr(quizzes, "TAGS_REQUIRED", False)


def question(qid: str, tasks: list[str] | None, skills: list[str] | None, source: str = "vpc#subnets", **over) -> str:
    """One recall question as YAML; tasks=None leaves out ``tasks:``, skills=None leaves out ``skills:``."""
    # the domains of its tasks, the first task's first (the build checks that they agree)
    domain = (
        over.pop("domain") if "domain" in over else ", ".join(dict.fromkeys(DOMAIN_OF[t[0]] for t in tasks)) if tasks else "new-solutions"
    )
    lines = [f"  - id: {qid}", "    kind: recall", f"    domains: [{domain}]"]
    if tasks is not None:
        lines.append("    tasks: [" + ", ".join(f'"{t}"' for t in tasks) + "]")
    if skills is not None:
        lines.append("    skills: [" + ", ".join(skills) + "]")
    lines += [
        "    services: [vpc]",
        "    choose: 1",
        f"    question: {over.get('question', 'How many subnets does the VPC need?')}",
        "    options:",
    ]
    for i, text in enumerate(over.get("options", ["One", "Two", "Three", "Four"])):
        lines.append(f"      - text: {text}")
        if i == over.get("right", 0):
            lines.append("        correct: true")
        lines.append("        why: Because.")
    lines += ["    explanation: Because one.", f"    source: {source}"]
    return "\n".join(lines) + "\n"


def load(catalog, guide, *questions: str, path="services/networking/vpc.quiz.yml"):
    return quizzes.load_bank([(path, "questions:\n" + "".join(questions))], catalog, guide)


def bank_of(catalog, guide, *questions: str):
    bank, errors = load(catalog, guide, *questions)
    assert not errors, [str(e) for e in errors]
    return bank


# ---------------------------------------------------------------- the data file


def test_the_project_guide_has_4_domains_20_tasks_94_skills_and_whole_texts(guide):
    assert [d.n for d in guide.domains] == [1, 2, 3, 4]
    assert sum(d.weight for d in guide.domains) == 100
    assert len(guide.tasks) == 20 and len(guide.skills) == 94
    # A comma inside {id: ..., text: ...} ends an unquoted text: every text is whole.
    assert guide.skills["1.1.1"].text == "Choose how many VPCs talk to each other (peering, Transit Gateway, PrivateLink, shared VPCs)"
    assert all(text.count("(") == text.count(")") for text in (s.text for s in guide.skills.values()))


def test_an_unquoted_comma_in_a_skill_text_is_an_error_naming_the_line():
    text = (DOCS / examguide.PATH).read_text(encoding="utf-8")
    broken = text.replace(
        '{id: 1.1.1, text: "Choose how many VPCs talk to each other (peering, Transit',
        "{id: 1.1.1, text: Choose how many VPCs talk to each other (peering, Transit",
    )
    assert broken != text
    with pytest.raises(DataError) as caught:
        examguide.load(broken)
    message = str(caught.value)
    assert "includes/exam-guide.yml:21" in message and "1.1.1" in message and "quote a text that holds one" in message


# ---------------------------------------------------------------- questions


def test_questions_keep_their_tasks_and_skills(catalog, guide):
    bank = bank_of(catalog, guide, question("vpc-a", ["2.2", "3.4"], ["2.2.3", "3.4.1"]), question("vpc-b", None, None))
    assert bank.by_id["vpc-a"].tasks == ("2.2", "3.4") and bank.by_id["vpc-a"].skills == ("2.2.3", "3.4.1")
    assert bank.by_id["vpc-b"].tasks == () and bank.by_id["vpc-b"].skills == ()  # untagged, while TAGS_REQUIRED is False


def test_a_question_without_tasks_is_an_error_once_tags_are_required(catalog, guide, monkeypatch):
    monkeypatch.setattr(quizzes, "TAGS_REQUIRED", True)
    first = question("vpc-tagged", ["2.2"], ["2.2.3"])
    _, errors = load(catalog, guide, first, question("vpc-untagged", None, ["2.2.3"]))
    assert len(errors) == 1, [str(e) for e in errors]
    message = str(errors[0])
    line = 2 + first.count("\n")  # the untagged question's first line
    assert message.startswith(f"docs/services/networking/vpc.quiz.yml:{line} [vpc-untagged]: missing required key 'tasks':"), message
    assert 'tasks: ["2.2"]' in message and "docs/includes/exam-guide.yml" in message  # what to do


@pytest.mark.parametrize(
    ("tasks", "skills", "expected"),
    [
        (["9.9"], ["2.2.3"], "unknown task '9.9'"),
        (["2.2"], ["2.2.99"], "unknown skill '2.2.99'"),
        (["2.2"], ["3.4.1"], "skill '3.4.1' belongs to task 3.4, not in this question's tasks"),
    ],
)
def test_bad_tags_name_file_line_and_question(catalog, guide, tasks, skills, expected):
    _, errors = load(catalog, guide, question("vpc-bad", tasks, skills, domain="new-solutions"))
    assert any(
        str(e).startswith("docs/services/networking/vpc.quiz.yml:") and "[vpc-bad]" in str(e) and expected in str(e) for e in errors
    ), [str(e) for e in errors]


def test_a_first_task_outside_the_first_domain_is_an_error(catalog, guide):
    _, errors = load(catalog, guide, question("vpc-bad", ["3.4"], ["3.4.1"], domain="new-solutions"))
    assert [e.message for e in errors] and "first task '3.4' is in domain 'continuous-improvement'" in errors[0].message


# ---------------------------------------------------------------- the JSON bank and the deck


def test_bank_json_carries_tags_and_the_guide_with_titles_and_skill_texts(catalog, guide):
    bank = bank_of(catalog, guide, question("vpc-a", ["2.2"], ["2.2.3"]), question("vpc-b", None, None))
    data = quizzes.bank_json(bank, catalog, ANCHORS, lambda src: src.removesuffix(".md") + "/", guide)
    assert [(q["id"], q["tasks"], q["skills"]) for q in data["questions"]] == [("vpc-a", ["2.2"], ["2.2.3"]), ("vpc-b", [], [])]
    assert [d["key"] for d in data["guide"]["domains"]] == list(quizzes.DOMAINS)
    tasks = {t["id"]: t for t in data["guide"]["tasks"]}
    assert len(tasks) == 20 and sum(len(t["skills"]) for t in tasks.values()) == 94
    assert tasks["2.2"]["title"] == guide.tasks["2.2"].title and tasks["2.2"]["domain"] == "new-solutions"
    assert tasks["2.2"]["skills"][2] == {"id": "2.2.3", "text": guide.skills["2.2.3"].text}
    sets = quizzes.study_sets(data)
    assert len(sets["tasks"]) == 20 and ("2.2", guide.tasks["2.2"].title, 1) in sets["tasks"] and sets["tasks"][0][2] == 0


def test_anki_notes_carry_task_and_skill_tags_as_the_guide_writes_them(catalog, guide):
    bank = bank_of(catalog, guide, question("vpc-a", ["2.2", "3.4"], ["2.2.3", "3.4.1"]), question("vpc-b", None, None))
    notes = {n.fields[-1]: n for n in anki.notes_for(bank, catalog, "https://example.org/")}
    assert notes["vpc-a"].tags[-4:] == ("task::2.2", "task::3.4", "skill::2.2.3", "skill::3.4.1")
    assert not any(t.startswith(("task::", "skill::")) for t in notes["vpc-b"].tags)


# ---------------------------------------------------------------- the map


def map_views(catalog, guide, *questions):
    bank = bank_of(catalog, guide, *questions)

    def url_of(link):
        return catalog.pages[link.page_id].src_path.removesuffix(".md") + "/" + (f"#{link.anchor}" if link.anchor else "")

    def title_of(link):
        return catalog.pages[link.page_id].title + (f" › {ANCHORS[link.page_id][link.anchor]}" if link.anchor else "")

    domains = guidemap.build(guide, bank.questions, url_of, title_of)
    return domains, guidemap.summary(domains, bank.questions)


def test_map_lists_every_task_and_skill_with_teaching_pages_and_counts(catalog, guide):
    domains, summary = map_views(
        catalog,
        guide,
        question("vpc-a", ["2.2"], ["2.2.3"]),
        question("vpc-b", ["2.2", "3.4"], ["2.2.3", "3.4.1"], source="vpc#subnets"),
        question("vpc-c", ["2.2"], ["2.2.3"], source="disaster-recovery"),
        question("vpc-d", None, None),
    )
    assert [d.n for d in domains] == [1, 2, 3, 4] and [d.weight for d in domains] == [26, 29, 25, 20]
    assert domains[1].source.startswith("https://docs.aws.amazon.com/") and domains[1].questions == 3
    tasks = {t.id: t for d in domains for t in d.tasks}
    skills = {s.id: s for t in tasks.values() for s in t.skills}
    assert len(tasks) == 20 and len(skills) == 94
    assert tasks["2.2"].questions == 3 and tasks["3.4"].questions == 1 and tasks["1.1"].questions == 0
    assert skills["2.2.3"].questions == 3
    # The distinct places the questions cite, most questions first, each linked with its section.
    assert [(p.url, p.title, p.questions) for p in skills["2.2.3"].teachers] == [
        ("services/networking/vpc/#subnets", "Amazon VPC › Subnets", 2),
        ("concepts/disaster-recovery/", "Disaster & recovery", 1),
    ]
    assert skills["2.2.1"].questions == 0 and skills["2.2.1"].teachers == ()  # a gap stays on the map
    assert tasks["2.2"].gaps == len(tasks["2.2"].skills) - 1 and tasks["2.2"].anchor == "task-2-2"
    assert summary == guidemap.Summary(
        tasks=20, skills=94, questions=4, tagged=3, skills_without_questions=92, tasks_below_target=20, skills_below_target=93
    )


def test_map_template_escapes_data_text_and_shows_gaps(catalog, guide):
    from conftest import ROOT
    from jinja2 import Environment, FileSystemLoader

    domains, summary = map_views(catalog, guide, question("vpc-a", ["2.2"], ["2.2.3"], source="disaster-recovery"))
    env = Environment(loader=FileSystemLoader(str(ROOT / "overrides")), autoescape=True)
    html = env.get_template("partials/exam-guide-map.html").render(
        guide=guide, domains=domains, summary=summary, task_target=guidemap.TASK_TARGET, skill_target=guidemap.SKILL_TARGET
    )
    assert html.count('data-task="') == 20 and html.count('data-skill="') == 94
    assert "Disaster &amp; recovery" in html and "Disaster & recovery" not in html
    assert html.count("sg-guide-map__skill--gap") == 93
    assert '<a href="concepts/disaster-recovery/">Disaster &amp; recovery</a>' in html
    assert "1 question</span>" in html and "No question yet" in html and "No teaching page linked yet" in html


# ---------------------------------------------------------------- quizstats: per task and skill


def test_per_task_and_skill_count_every_id_of_the_guide_and_list_the_short_ones(catalog, guide):
    bank = bank_of(catalog, guide, question("vpc-a", ["2.2", "3.4"], ["2.2.3", "3.4.1"]), question("vpc-b", ["2.2"], ["2.2.3"]))
    tasks = quizstats.per_task(bank.questions, guide.tasks)
    skills = quizstats.per_skill(bank.questions, guide.skills)
    assert list(tasks) == list(guide.tasks) and tasks["2.2"] == 2 and tasks["3.4"] == 1 and tasks["1.1"] == 0
    assert list(skills) == list(guide.skills) and skills["2.2.3"] == 2 and skills["3.4.1"] == 1
    assert quizstats.below({"a": 15, "b": 14, "c": 0}, 15) == {"b": 14, "c": 0}
    assert "2.2.3" not in quizstats.below(skills, quizstats.SKILL_TARGET) and "3.4.1" in quizstats.below(skills, 2)


# ---------------------------------------------------------------- quizstats: exam realism (issue 23)


def scenario(catalog, guide, qid, text, options, right=0):
    long = text if len(text) >= 200 else text + " " + "x" * (200 - len(text))
    yaml_text = question(qid, None, None, question=f'"{long}"', options=[f'"{o}"' for o in options], right=right)
    return yaml_text.replace("kind: recall", "kind: scenario")


def test_medians_criterion_and_recall_shares(catalog, guide):
    bank = bank_of(
        catalog,
        guide,
        scenario(
            catalog,
            guide,
            "vpc-s1",
            "Which design meets this with the LEAST operational overhead?",
            ["a" * 10, "b" * 20, "c" * 30, "d" * 40],
        ),
        scenario(
            catalog,
            guide,
            "vpc-s2",
            "Which design is the most cost-effective for the company?" + " y" * 120,
            ["a" * 50] * 1 + ["b" * 60, "c" * 70, "d" * 80],
        ),
        scenario(catalog, guide, "vpc-s3", "Which design meets these requirements?", ["a", "b", "c", "d"]),
        question("vpc-r1", None, None),
    )
    stems = sorted(len(q.text) for q in bank.questions if q.kind == "scenario")
    assert quizstats.median_stem_length(bank.questions) == stems[1]
    option_lengths = sorted([10, 20, 30, 40, 50, 60, 70, 80, 1, 1, 1, 1])
    assert quizstats.median_option_length(bank.questions) == (option_lengths[5] + option_lengths[6]) / 2
    assert quizstats.criterion_share(bank.questions) == pytest.approx(2 / 3)
    assert quizstats.recall_share(bank.questions) == 0.25
    assert quizstats.median([]) == 0.0 and quizstats.median([3, 1, 2]) == 2.0


@pytest.mark.parametrize(
    ("stem", "found"),
    [
        ("Which solution meets the requirements with the LEAST operational overhead?", True),
        ("Which solution is MOST cost-effective?", True),
        ("Which approach requires the fewest changes to the application?", True),
        ("Which option gives the lowest cost?", True),
        ("Which option is the most cost-effective way to store the logs?", True),
        ("Most of the data is read once. Which solution meets these requirements?", False),
        ("The company needs at least two copies. Which solution meets these requirements?", False),
    ],
)
def test_comparative_criterion_as_the_exam_writes_it(stem, found):
    assert quizstats.has_criterion(stem) is found


def test_form_only_solver_reads_length_echo_and_absolute_words_against_chance(catalog, guide):
    stem = "A company stores invoices in Amazon S3 and must keep every invoice for seven years"
    tells = scenario(
        catalog,
        guide,
        "vpc-tells",
        stem,
        [
            "Store the invoices in Amazon S3 with Object Lock in compliance mode for seven years",  # long, echoes: the key
            "Use a Lambda function",
            "Never delete anything",
            "Only use tapes",
        ],
        right=0,
    )
    blind = scenario(
        catalog,
        guide,
        "vpc-blind",
        "Which option meets the requirement?",
        [
            "Use Amazon EFS with lifecycle policies",
            "Always use Amazon S3 with Object Lock",
            "Use Amazon EBS snapshots",
            "Use AWS Backup vaults",
        ],
        right=1,  # the key carries an absolute word and is not the longest: the solver misses it
    )
    bank = bank_of(catalog, guide, tells, blind)
    by_id = bank.by_id
    scores = quizstats.form_scores(by_id["vpc-tells"])
    assert scores.index(max(scores)) == 0 and scores[2] < 0 and scores[3] < 0
    assert quizstats.form_only_pick(by_id["vpc-tells"]) == (0,)
    assert quizstats.form_only_pick(by_id["vpc-blind"]) != (1,)
    assert quizstats.chance(by_id["vpc-tells"]) == 0.25
    assert quizstats.form_only_solver(bank.questions) == (0.5, 0.25)
    assert quizstats.form_only_solver([]) == (0.0, 0.0)


def test_form_only_pick_ignores_option_order_and_chance_counts_multi_answer_sets(catalog, guide):
    bank = bank_of(catalog, guide, question("vpc-a", None, None, options=["Same", "Same too", "Same also", "Samey"]))
    q = bank.questions[0]
    reversed_q = type(q)(**{**q.__dict__, "options": tuple(reversed(q.options))})
    first = {q.options[i].text for i in quizstats.form_only_pick(q)}
    again = {reversed_q.options[i].text for i in quizstats.form_only_pick(reversed_q)}
    assert first == again
    two_of_five = type(q)(**{**q.__dict__, "choose": 2, "options": (*q.options, q.options[0])})
    assert quizstats.chance(two_of_five) == 1 / 10


# ---------------------------------------------------------------- make quiz-report


def test_quiz_report_prints_questions_per_task_and_skill_the_short_ones_and_the_realism_figures(catalog, guide):
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    import quiz_report

    bank = bank_of(catalog, guide, question("vpc-a", ["2.2", "3.4"], ["2.2.3", "3.4.1"]), question("vpc-b", ["2.2"], ["2.2.3"]))
    lines = quiz_report.report(catalog, bank, guide=guide)
    text = "\n".join(lines)
    assert "Questions per exam-guide task and skill (2 of 2 questions name their tasks; target: 15 per task, 2 per skill):" in text
    task_line = next(line for line in lines if line.lstrip().startswith("2.2 "))
    assert task_line.split()[-1] == "2" and guide.tasks["2.2"].title in task_line
    assert "2.2.3: 2  2.2.4: 0" in text
    assert "Tasks below 15 questions: 20" in text and "2.2 (2), 2.3 (0)" in text
    assert "Skills below 2 questions: 93" in text and "3.4.1 (1)" in text and "2.2.3 (" not in text
    for label in (
        "Scenario stems, median length: ",
        "Scenario options, median length: ",
        "Scenario stems with a comparative criterion",
        "Recall questions: 100.0%",
        "Form-only solver (option length, stem words repeated, absolute words): ",
    ):
        assert label in text, label
