"""Quiz bank logic (hooks/studyguide/quizzes.py), without MkDocs: loading, every bad input, escaping."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from conftest import DOCS

from studyguide import quizzes
from studyguide.catalog import build_catalog

PAGES = {
    "services/networking/index.md": "---\ntitle: Networking\norder: 1\ndescription: Networks.\n---\n",
    "services/networking/vpc.md": "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\n---\n\n## Subnets\n",
    "services/networking/direct-connect.md": (
        "---\nid: direct-connect\ntitle: AWS Direct Connect\ntype: service\ncategory: networking\n---\n"
    ),
    "concepts/disaster-recovery.md": "---\nid: disaster-recovery\ntitle: Disaster recovery\ntype: concept\n---\n",
}
ANCHORS = {"vpc": {"subnets": "Subnets"}, "direct-connect": {}, "disaster-recovery": {}}
VPC_QUIZ = "services/networking/vpc.quiz.yml"


@pytest.fixture(autouse=True)
def _tags_optional(monkeypatch):
    """These tests check the other rules one at a time; tests/test_exam_guide*.py check the tags."""
    monkeypatch.setattr(quizzes, "TAGS_REQUIRED", False)


@pytest.fixture
def catalog():
    return build_catalog(PAGES.items())


def question(**over) -> dict:
    """A valid recall question; ``dump`` gives each option a reason unless the option writes one."""
    q = {
        "id": "vpc-subnets",
        "domains": "[new-solutions]",
        "services": "[vpc]",
        "choose": "1",
        "question": "How many subnets?",
        "options": ["- text: One\n  correct: true", "- text: Two", "- text: Three", "- text: Four"],
        "explanation": "Because **one**.",
        "source": "vpc#subnets",
        "kind": "recall",
    }
    q.update(over)
    return q


def with_reason(option: str) -> str:
    return option if "why:" in option or "nowhy" in option else option + "\n  why: Because."


def dump(*questions: dict) -> str:
    """A quiz file in the writers' layout; None values drop the key."""
    out = ["questions:"]
    for q in questions:
        first = True
        for key, value in q.items():
            if value is None:
                continue
            lead = "  - " if first else "    "
            first = False
            if isinstance(value, list):
                out.append(f"{lead}{key}:")
                out.extend(textwrap.indent(with_reason(item) if key == "options" else item, "      ") for item in value)
            else:
                out.append(f"{lead}{key}: {value}")
    return "\n".join(out) + "\n"


def load(catalog, *files: tuple[str, str]):
    return quizzes.load_bank(files, catalog)


def only_error(catalog, text: str, path: str = VPC_QUIZ) -> str:
    _, errors = load(catalog, (path, text))
    assert len(errors) == 1, [str(e) for e in errors]
    return str(errors[0])


# ---------------------------------------------------------------- good input


def test_a_valid_file_gives_typed_records(catalog):
    text = dump(
        question(),
        question(
            id="vpc-two",
            choose="2",
            options=["- text: A\n  correct: true", "- text: B\n  correct: true", "- text: C", "- text: D", "- text: E"],
        ),
    )
    bank, errors = load(catalog, (VPC_QUIZ, text))
    assert errors == []
    first, second = bank.questions
    assert first == bank.by_id["vpc-subnets"]
    assert first.page_id == "vpc" and first.file == VPC_QUIZ and first.line == 2
    assert first.domains == ("new-solutions",) and first.services == ("vpc",)
    assert first.correct == (0,) and first.source == quizzes.Link("vpc", "subnets", 18, "source")
    assert second.choose == 2 and second.correct == (0, 1) and len(second.options) == 5
    assert bank.by_page["vpc"] == [first, second]
    assert quizzes.check_links(bank, catalog, ANCHORS) == []


def test_the_schema_example_from_the_contributor_guide_loads(catalog):
    text = """\
questions:
  - id: direct-connect-vifs-per-connection
    kind: scenario
    domains: [new-solutions]
    services: [direct-connect, vpc]
    choose: 1
    question: >-
      A company connects 60 VPCs in one Region to its data centre through one AWS Direct
      Connect connection at its main site. The network team wants to keep a single
      connection and avoid managing one virtual interface per VPC. Which design meets
      these requirements?
    options:
      - text: One private VIF per VPC, all of them on the single dedicated connection.
        why: A connection holds at most 50 VIFs, fewer than the 60 VPCs need.
      - text: A Direct Connect gateway attached to the VPCs' virtual private gateways.
        correct: true
        why: One private VIF to the gateway reaches many VPCs' gateways.
      - text: A public VIF to the Region, with each VPC reached over its public endpoints.
        why: A public VIF reaches public AWS endpoints, not the VPCs' private addresses.
      - text: A Site-to-Site VPN per VPC, each tunnel carried over the public VIF.
        why: Sixty VPN tunnels are the per-VPC management the team wants to avoid.
    explanation: >-
      A single connection supports 50 VIFs, and a Direct Connect gateway connects one
      private VIF to up to 10 VGWs, so a gateway scales the connection to many VPCs.
    source: direct-connect
"""
    bank, errors = load(catalog, ("services/networking/direct-connect.quiz.yml", text))
    assert errors == []
    assert bank.questions[0].correct == (1,)
    assert bank.questions[0].text.startswith("A company connects 60 VPCs")
    assert bank.questions[0].kind == "scenario"
    assert bank.questions[0].options[1].why == "One private VIF to the gateway reaches many VPCs' gateways."


# ---------------------------------------------------------------- bad input: one clear error each


def test_no_correct_answer(catalog):
    text = dump(question(options=["- text: One", "- text: Two", "- text: Three", "- text: Four"]))
    assert only_error(catalog, text) == f"docs/{VPC_QUIZ}:7 [vpc-subnets]: no correct answer: mark one option with 'correct: true'"


@pytest.mark.parametrize(("choose", "right"), [(2, 1), (2, 3), (3, 2), (3, 4)])
def test_choose_two_or_three_without_exactly_that_many_correct(catalog, choose, right):
    options = [f"- text: O{i}" + ("\n  correct: true" if i < right else "") for i in range(choose + 3)]
    message = only_error(catalog, dump(question(choose=str(choose), options=options)))
    word = {2: "two", 3: "three"}[choose]
    assert message == f"docs/{VPC_QUIZ}:5 [vpc-subnets]: 'choose: {choose}' needs exactly {word} correct options, found {right}"


def test_choose_one_with_two_correct(catalog):
    options = ["- text: A\n  correct: true", "- text: B\n  correct: true", "- text: C", "- text: D"]
    assert "'choose: 1' needs exactly one correct option, found 2" in only_error(catalog, dump(question(options=options)))


@pytest.mark.parametrize(("choose", "count"), [(1, 3), (1, 5), (2, 4), (2, 6), (3, 5), (3, 7)])
def test_four_five_or_six_options_as_on_the_exam(catalog, choose, count):
    options = [f"- text: O{i}" + ("\n  correct: true" if i < choose else "") for i in range(count)]
    message = only_error(catalog, dump(question(choose=str(choose), options=options)))
    assert f"a 'choose: {choose}' question has {choose + 3} options, found {count}" in message


def test_duplicate_ids_in_one_file(catalog):
    bank, errors = load(catalog, (VPC_QUIZ, dump(question(), question())))
    assert [str(e) for e in errors] == [f"docs/{VPC_QUIZ}:20 [vpc-subnets]: duplicate question id, also used in docs/{VPC_QUIZ}:2"]
    assert len(bank.questions) == 1


def test_duplicate_ids_across_files_name_both_files(catalog):
    # A question may not start with another page's id, so the clash across files is checked
    # with a page whose id is a prefix of the other's.
    pages = {
        **PAGES,
        "services/networking/vpc-lattice.md": "---\nid: vpc-lattice\ntitle: VPC Lattice\ntype: service\ncategory: networking\n---\n",
    }
    cat = build_catalog(pages.items())
    lattice = "services/networking/vpc-lattice.quiz.yml"
    _, errors = quizzes.load_bank([(lattice, dump(question(id="vpc-lattice-one"))), (VPC_QUIZ, dump(question(id="vpc-lattice-one")))], cat)
    assert [str(e) for e in errors] == [f"docs/{VPC_QUIZ}:2 [vpc-lattice-one]: duplicate question id, also used in docs/{lattice}:2"]


def test_unknown_domain(catalog):
    message = only_error(catalog, dump(question(domains="[new-solutions, security]")))
    assert message.startswith(
        f"docs/{VPC_QUIZ}:3 [vpc-subnets]: unknown domain 'security' (known: organizational-complexity, new-solutions"
    )


def test_unknown_service(catalog):
    assert only_error(catalog, dump(question(services="[vpc, transit-gateway]"))) == (
        f"docs/{VPC_QUIZ}:4 [vpc-subnets]: unknown service 'transit-gateway': no page has this id"
    )


def test_source_citing_an_unknown_page(catalog):
    assert (
        only_error(catalog, dump(question(source="vpcs#subnets")))
        == f"docs/{VPC_QUIZ}:18 [vpc-subnets]: 'source' cites unknown page id 'vpcs'"
    )


def test_source_citing_a_missing_section(catalog):
    bank, errors = load(catalog, (VPC_QUIZ, dump(question(source="vpc#sub-nets"))))
    assert errors == []
    problems = quizzes.check_links(bank, catalog, ANCHORS)
    assert [str(e) for e in problems] == [
        f"docs/{VPC_QUIZ}:18 [vpc-subnets]: source 'vpc#sub-nets': no section '#sub-nets' "
        "on docs/services/networking/vpc.md (anchors: subnets)"
    ]


def test_explanation_linking_to_a_missing_section_or_page(catalog):
    bank, errors = load(catalog, (VPC_QUIZ, dump(question(explanation="See [the gateway](direct-connect.md#gateways)."))))
    assert errors == []
    (problem,) = quizzes.check_links(bank, catalog, ANCHORS)
    assert "explanation link 'direct-connect#gateways': no section '#gateways' on docs/services/networking/direct-connect.md" in str(
        problem
    )
    assert "the page has no headings" in str(problem)
    message = only_error(catalog, dump(question(explanation="See [the gateway](transit-gateway.md).")))
    assert "explanation: link 'transit-gateway.md' points to services/networking/transit-gateway.md, which is not a service" in message


@pytest.mark.parametrize(
    ("explanation", "refused"),
    [
        ("[click](javascript:alert(1))", "must be a relative link to a .md page"),
        ("![x](https://example.com/x.png)", "images are not allowed"),
        ("[abs](/services/networking/vpc.md)", "must be a relative link"),
    ],
)
def test_explanation_refuses_script_links_images_and_absolute_paths(catalog, explanation, refused):
    assert refused in only_error(catalog, dump(question(explanation=f"'{explanation}'")))


def test_missing_and_unknown_keys(catalog):
    _, errors = load(catalog, (VPC_QUIZ, dump(question(source=None, answer="A"))))
    messages = [str(e) for e in errors]
    assert (
        f"docs/{VPC_QUIZ}:19 [vpc-subnets]: unknown key 'answer' "
        "(known keys: choose, domains, explanation, id, kind, options, question, services, skills, source, tasks)" in messages
    )
    assert f"docs/{VPC_QUIZ}:2 [vpc-subnets]: missing required key 'source'" in messages
    assert "unknown option key 'correcct'" in only_error(
        catalog, dump(question(options=["- text: A\n  correcct: true", "- text: B", "- text: C", "- text: D"]))
    )
    assert "unknown top-level key 'question'" in only_error(catalog, "question: []\nquestions:\n" + dump(question())[len("questions:\n") :])


def test_malformed_yaml_names_the_line(catalog):
    text = dump(question()).replace("question: How many subnets?", "question: [How many subnets?")
    message = only_error(catalog, text)
    assert message.startswith(f"docs/{VPC_QUIZ}:6: malformed YAML:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty quiz file"),
        ("- a\n", "must be a mapping with one key"),
        ("questions: []\n", "'questions' must be a non-empty list"),
        ("questions:\n  - just text\n", "each question must be a mapping"),
    ],
)
def test_wrong_shapes(catalog, text, message):
    assert message in only_error(catalog, text)


def test_bad_values(catalog):
    assert "'choose' must be 1 (one answer), 2 (choose two) or 3" in only_error(catalog, dump(question(choose="4")))
    assert "'kind' must be scenario or recall (got 'trivia')" in only_error(catalog, dump(question(kind="trivia")))
    assert "'correct' must be true or false" in only_error(
        catalog, dump(question(options=["- text: A\n  correct: yes please", "- text: B", "- text: C", "- text: D"]))
    )
    assert "the option 'A' is given twice" in only_error(
        catalog, dump(question(options=["- text: A\n  correct: true", "- text: A", "- text: C", "- text: D"]))
    )
    assert "'question' must be non-empty text" in only_error(catalog, dump(question(question="''")))
    assert "must start with the page id 'vpc-'" in only_error(catalog, dump(question(id="subnets-count")))
    assert "lowercase words joined by hyphens" in only_error(catalog, dump(question(id="VPC_Subnets")))


def test_an_orphan_quiz_file_is_an_error(catalog):
    path = "services/networking/transit-gateway.quiz.yml"
    assert only_error(catalog, dump(question()), path) == (
        f"docs/{path}:1: quiz file has no content page beside it "
        "(expected docs/services/networking/transit-gateway.md with an id in its front matter)"
    )


def test_all_problems_are_reported_at_once(catalog):
    text = dump(question(domains="[nope]"), question(id="vpc-b", services="[nope]"))
    bank, errors = load(catalog, (VPC_QUIZ, text))
    assert [e.entry for e in errors] == ["vpc-subnets", "vpc-b"]
    assert bank.questions == []


# ---------------------------------------------------------------- rendering


def test_explanation_is_markdown_with_raw_html_escaped(catalog):
    explanation = "'**Bold** <script>alert(1)</script> <img src=x onerror=alert(2)> and [subnets](vpc.md#subnets), [DX](direct-connect.md)'"
    bank, errors = load(catalog, (VPC_QUIZ, dump(question(explanation=explanation))))
    assert errors == []
    html = quizzes.render_explanation(bank.questions[0], catalog, lambda src: "URL(" + src + ")")
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="URL(services/networking/vpc.md)#subnets">subnets</a>' in html
    assert '<a href="URL(services/networking/direct-connect.md)">DX</a>' in html
    assert [(link.page_id, link.anchor) for link in bank.questions[0].explanation_links] == [("vpc", "subnets"), ("direct-connect", None)]


def test_question_view_keeps_texts_raw_for_the_escaping_template(catalog):
    text = dump(
        question(
            question="'<b>Which</b> one?'", options=["- text: <script>x()</script>\n  correct: true", "- text: B", "- text: C", "- text: D"]
        )
    )
    bank, _ = load(catalog, (VPC_QUIZ, text))
    view = quizzes.question_view(bank.questions[0], catalog, ANCHORS, lambda src: src.removesuffix(".md") + "/")
    assert view["question"] == "<b>Which</b> one?"  # escaped by Jinja's autoescape / textContent in JS
    assert view["options"][0] == {"text": "<script>x()</script>", "correct": True, "why": "Because."}
    assert view["source"] == {"url": "services/networking/vpc/#subnets", "title": "Amazon VPC › Subnets"}


def test_bank_json_lists_domains_weights_pages_and_questions(catalog):
    bank, _ = load(catalog, (VPC_QUIZ, dump(question(services="[vpc, direct-connect]"))))
    data = quizzes.bank_json(bank, catalog, ANCHORS, lambda src: src.removesuffix(".md") + "/")
    assert {k: v["weight"] for k, v in data["domains"].items()} == {
        "organizational-complexity": 26,
        "new-solutions": 29,
        "continuous-improvement": 25,
        "migration-modernization": 20,
    }
    assert data["pages"]["direct-connect"] == {
        "title": "AWS Direct Connect",
        "category": "networking",
        "url": "services/networking/direct-connect/",
    }
    assert data["categories"] == {"networking": "Networking"}
    assert [q["id"] for q in data["questions"]] == ["vpc-subnets"]


def test_study_sets_offer_each_domain_and_category_that_has_questions():
    """Issue 15: the practice page's "Questions from" list, with each set's size."""
    bank = {
        "domains": {"a": {"title": "Domain A"}, "b": {"title": "Domain B"}, "c": {"title": "Domain C"}},
        "categories": {"networking": "Networking", "compute": "Compute"},
        "pages": {"vpc": {"category": "networking"}, "ec2": {"category": "compute"}, "ha": {"category": None}},
        "questions": [
            {"page": "vpc", "domains": ["b"]},
            {"page": "vpc", "domains": ["a", "b"]},
            {"page": "ec2", "domains": ["a"]},
            {"page": "ha", "domains": ["b"]},
        ],
    }
    sets = quizzes.study_sets(bank)
    assert sets["domains"] == [("a", "Domain A", 2), ("b", "Domain B", 3)]  # bank order; C has none
    assert sets["categories"] == [("compute", "Compute", 1), ("concepts", "Concepts", 1), ("networking", "Networking", 2)]


def test_insert_block_at_the_marker_or_at_the_end():
    assert quizzes.insert_block("<p>a</p>\n<!-- quiz -->\n<p>b</p>", "<Q>") == "<p>a</p>\n<Q>\n<p>b</p>"
    assert quizzes.insert_block("<p>a</p>", "<Q>") == "<p>a</p>\n<Q>"


def test_anchors_from_toc_walks_nested_items():
    class Item:
        def __init__(self, id, title, children=()):
            self.id, self.title, self.children = id, title, list(children)

    toc = [Item("a", "A", [Item("b", "B  two")]), Item("c", "C")]
    assert quizzes.anchors_from_toc(toc) == {"a": "A", "b": "B two", "c": "C"}


def test_choose_note_is_added_only_when_the_question_lacks_it(catalog):
    two = ["- text: A\n  correct: true", "- text: B\n  correct: true", "- text: C", "- text: D", "- text: E"]
    three = [f"- text: {c}" + ("\n  correct: true" if c in "ABC" else "") for c in "ABCDEF"]
    text = dump(
        question(choose="2", options=two),
        question(id="vpc-b", choose="2", options=two, question="Which two? (Choose two.)"),
        question(id="vpc-c", choose="3", options=three),
        question(id="vpc-d", choose="3", options=three, question="Which three? (Select THREE.)"),
    )
    bank, errors = load(catalog, (VPC_QUIZ, text))
    assert errors == []
    views = [quizzes.question_view(q, catalog, ANCHORS, lambda src: src) for q in bank.questions]
    assert [v["choose_note"] for v in views] == ["Choose two.", None, "Choose three.", None]


# ---------------------------------------------------------------- issue 13: the exam's form


def test_an_option_without_a_reason_is_an_error_naming_file_and_question(catalog):
    options = ["- text: One\n  correct: true\n  why: Right.", "- text: Two  # nowhy", "- text: Three", "- text: Four"]
    message = only_error(catalog, dump(question(options=options)))
    assert message == (
        f"docs/{VPC_QUIZ}:11 [vpc-subnets]: option 'Two' has no reason: add 'why: ...', one sentence on why it is right or wrong"
    )


def test_a_scenario_stem_needs_200_characters(catalog):
    short = "A company runs 40 VPCs. Which design needs the LEAST operational overhead?"
    message = only_error(catalog, dump(question(kind="scenario", question=short)))
    assert message.startswith(f"docs/{VPC_QUIZ}:6 [vpc-subnets]: a scenario stem needs 200 characters or more (has {len(short)})")
    long = short + " " + "The company must keep the existing on-premises firewall in the path of all traffic. " * 2
    assert load(catalog, (VPC_QUIZ, dump(question(kind="scenario", question=long.strip()))))[1] == []


@pytest.mark.parametrize("stem", ["What does the study guide say about subnets?", "Per the cheat sheet, how many?", "The guide says what?"])
def test_a_stem_may_not_name_the_guide(catalog, stem):
    assert "the stem names the study guide or cheat sheet" in only_error(catalog, dump(question(question=f"'{stem}'")))


@pytest.mark.parametrize("text", ["All of the above", "None of the above.", "all of the above options"])
def test_all_or_none_of_the_above_is_refused(catalog, text):
    options = ["- text: One\n  correct: true", "- text: Two", "- text: Three", f"- text: {text}"]
    message = only_error(catalog, dump(question(options=options)))
    assert f"option '{text}': 'all/none of the above' options are not allowed" in message
    assert message.startswith(f"docs/{VPC_QUIZ}:7 [vpc-subnets]")


def test_a_tab_in_the_indentation_says_indent_with_spaces(catalog):
    text = dump(question()).replace("\n      - text: Two", "\n\t  - text: Two", 1)
    message = only_error(catalog, text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("\t"))
    assert message == f"docs/{VPC_QUIZ}:{line}: malformed YAML: indent with spaces, not tabs (YAML does not allow a tab in the indentation)"


def test_placeholders_left_by_the_scaffold_come_before_the_form_checks(catalog):
    text = dump(question(question='"TODO(new-service): a scenario question"'))
    message = only_error(catalog, text)
    assert message.startswith(f"docs/{VPC_QUIZ}:")
    assert "text left by make new-service: replace the 'TODO(new-service)' text with a scenario question" in message


def test_the_plain_prose_shortcut_writes_exactly_what_markdown_writes():
    """Explanations and notes without Markdown syntax skip Python-Markdown (issue 14): the
    shortcut must give the same HTML for every text of the bank and the corrections, and
    step aside for anything Markdown would read as syntax."""
    texts = []
    for path in DOCS.rglob("*.quiz.yml"):
        texts += [q["explanation"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    for path in DOCS.rglob("*.corrections.yml"):
        texts += [r["now"] for r in yaml.safe_load(path.read_text(encoding="utf-8"))]
    tricky = ["1. a list", "- item", "> quote", "# heading", "a *b*", "a & b", "a <b>", "x  \ny", "    code", "snake_case", "a `c`"]
    shortcut = 0
    for text in texts + tricky:
        plain = quizzes._plain_paragraph(text)
        if plain is not None:
            shortcut += 1
            assert plain == quizzes._markdown().convert(text, lambda href: href), text
    assert all(quizzes._plain_paragraph(t) is None for t in tricky)
    assert shortcut > len(texts) / 2  # most texts are plain prose


def test_a_word_broken_across_two_yaml_lines_is_an_error_naming_the_line(catalog):
    # The reader saw "Amazon S3 in us- east-1": a folded line ended in "us-" (review of issue 23).
    broken = question(question=">-\n      How many subnets in us-\n      east-1?")
    message = only_error(catalog, dump(broken))
    assert message.startswith(f"docs/{VPC_QUIZ}:6 [vpc-subnets]:")
    assert "'us- east-1'" in message and "keep 'us-east-1' on one line" in message
    options = ["- text: One\n  correct: true\n  why: A third-\n    party tool.", "- text: Two", "- text: Three", "- text: Four"]
    reason = question(options=options)
    assert "'third- party'" in only_error(catalog, dump(reason))
    suspended = question(explanation=">-\n      A one-\n      or three-year term.")
    assert load(catalog, (VPC_QUIZ, dump(suspended)))[1] == []  # "one- or three-year" is English
