"""The Anki deck of the question bank (issue 15): notes, tags, GUIDs, escaping, the .apkg file,
the serve cache (hooks/studyguide/anki.py, hooks/anki.py), and the deck in built sites.

The offline build's copy is checked in tests/test_offline.py.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import urldefrag

import genanki
import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from studyguide import anki, buildcache, quizzes, state
from studyguide.catalog import build_catalog
from tests.conftest import DOCS, ROOT

SITE_URL = "https://example.org/study/"
PAGES = {
    "services/networking/index.md": "---\ntitle: Networking\norder: 1\ndescription: Networks.\n---\n",
    "services/networking/vpc.md": "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\n---\n\n## Subnets\n",
    "services/networking/direct-connect.md": (
        "---\nid: direct-connect\ntitle: AWS Direct Connect & Friends\ntype: service\ncategory: networking\n---\n"
    ),
    "concepts/disaster-recovery.md": "---\nid: disaster-recovery\ntitle: Disaster recovery\ntype: concept\n---\n",
}
VPC_FILE = """\
questions:
  - id: vpc-subnets
    kind: recall
    domains: [new-solutions, continuous-improvement]
    tasks: ["2.1", "3.1"]
    skills: [2.1.1, 3.1.1]
    services: [vpc, direct-connect]
    choose: 1
    question: "How many <script>alert('stem')</script> subnets & routes?"
    options:
      - text: "One <b>bold</b>"
        why: "Too few <img src=x onerror=alert(1)>."
      - text: Two
        correct: true
        why: "Right: two & only two."
      - text: Three
        why: Too many.
      - text: Four
        why: Far too many.
    explanation: "Because **two**, see [the gateway](direct-connect.md) and <script>alert('expl')</script>."
    source: vpc#subnets
  - id: vpc-pick-two
    kind: recall
    domains: [organizational-complexity]
    tasks: ["1.1"]
    skills: [1.1.1]
    services: [vpc]
    choose: 2
    question: Which two hold?
    options:
      - text: Alpha
        correct: true
        why: Holds.
      - text: Beta
        why: Does not hold.
      - text: Gamma
        correct: true
        why: Holds too.
      - text: Delta
        why: Does not hold.
      - text: Epsilon
        why: Does not hold.
    explanation: Alpha and Gamma.
    source: direct-connect
"""
DR_FILE = """\
questions:
  - id: disaster-recovery-rto
    kind: recall
    domains: [new-solutions]
    tasks: ["2.1"]
    skills: [2.1.1]
    services: [disaster-recovery]
    choose: 1
    question: What is RTO?
    options:
      - text: Time to recover
        correct: true
        why: It is the recovery time objective.
      - text: Data lost
        why: That is RPO.
      - text: A Region
        why: No.
      - text: A service
        why: No.
    explanation: The recovery time objective.
    source: disaster-recovery
"""
QUIZ_FILES = {"services/networking/vpc.quiz.yml": VPC_FILE, "concepts/disaster-recovery.quiz.yml": DR_FILE}


def load(files=QUIZ_FILES, pages=PAGES):
    catalog = build_catalog(pages.items())
    bank, errors = quizzes.load_bank(files.items(), catalog)
    assert not errors, [str(e) for e in errors]
    return bank, catalog


def fields_of(note: anki.NoteData) -> dict[str, str]:
    return dict(zip(anki.FIELDS, note.fields, strict=True))


def hrefs(markup: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', markup)]


def open_deck(data: bytes) -> sqlite3.Connection:
    """The deck's collection.anki2, opened from a copy in memory."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        database = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(database)
    return connection


def note_rows(connection) -> list[dict]:
    rows = connection.execute("SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id").fetchall()
    return [
        {"id": i, "guid": g, "mid": m, "mod": mod, "tags": tags.split(), "fields": dict(zip(anki.FIELDS, flds.split("\x1f"), strict=True))}
        for i, g, m, mod, tags, flds in rows
    ]


# ---------------------------------------------------------------- notes


def test_front_holds_the_escaped_stem_and_lettered_options():
    bank, catalog = load()
    note = fields_of(anki.note_for(bank.by_id["vpc-subnets"], catalog, anki.page_urls(SITE_URL)))
    assert note["Question"] == "How many &lt;script&gt;alert(&#x27;stem&#x27;)&lt;/script&gt; subnets &amp; routes?"
    assert note["Options"] == (
        '<p><span class="letter">A.</span> One &lt;b&gt;bold&lt;/b&gt;</p>'
        '<p><span class="letter">B.</span> Two</p>'
        '<p><span class="letter">C.</span> Three</p>'
        '<p><span class="letter">D.</span> Four</p>'
    )
    two = fields_of(anki.note_for(bank.by_id["vpc-pick-two"], catalog, anki.page_urls(SITE_URL)))
    assert two["Question"] == "Which two hold? <strong>(Choose two.)</strong>"
    assert [m for m in re.findall(r"[A-F]\.", two["Options"])] == ["A.", "B.", "C.", "D.", "E."]


def test_back_holds_answer_explanation_reasons_and_absolute_links():
    bank, catalog = load()
    note = fields_of(anki.note_for(bank.by_id["vpc-subnets"], catalog, anki.page_urls(SITE_URL)))
    assert note["Answer"] == '<strong>Answer:</strong> <span class="letter">B.</span> Two'
    # The site's Markdown rendering, raw HTML shown as text, the page link made absolute.
    assert "<strong>two</strong>" in note["Explanation"]
    assert hrefs(note["Explanation"]) == [SITE_URL + "services/networking/direct-connect/"]
    assert "&lt;script&gt;" in note["Explanation"]
    reasons = re.findall(
        r'<li class="(right|wrong)"><span class="letter">([A-D])\.</span> <span class="verdict">(\w+):</span> (.*?)</li>', note["Reasons"]
    )
    assert reasons == [
        ("wrong", "A", "Wrong", "Too few &lt;img src=x onerror=alert(1)&gt;."),
        ("right", "B", "Right", "Right: two &amp; only two."),
        ("wrong", "C", "Wrong", "Too many."),
        ("wrong", "D", "Wrong", "Far too many."),
    ]
    # The cited section and the question on the page it belongs to.
    assert hrefs(note["Links"]) == [SITE_URL + "services/networking/vpc/#subnets", SITE_URL + "services/networking/vpc/#quiz-vpc-subnets"]
    assert "this question on Amazon VPC" in note["Links"]
    assert note["Id"] == "vpc-subnets"
    two = fields_of(anki.note_for(bank.by_id["vpc-pick-two"], catalog, anki.page_urls(SITE_URL)))
    assert two["Answer"] == '<strong>Answers:</strong> <span class="letter">A.</span> Alpha; <span class="letter">C.</span> Gamma'
    # A page title is text too: escaped in the link.
    assert ">AWS Direct Connect &amp; Friends</a>" in two["Links"]


def test_no_contributor_text_reaches_a_field_as_markup():
    bank, catalog = load()
    for note in anki.notes_for(bank, catalog, SITE_URL):
        for value in note.fields:
            assert not re.search(r"<(script|img|b)\b", value), value
        # genanki's own check (it warns when a field looks like unescaped or broken HTML)
        assert not [f for f in note.fields if genanki.Note._find_invalid_html_tags_in_field(f)], note.fields


def test_tags_name_domain_category_and_service_without_spaces():
    bank, catalog = load()
    by_id = {q.id: anki.note_for(q, catalog, anki.page_urls(SITE_URL)) for q in bank.questions}
    tags = by_id["vpc-subnets"].tags
    assert [t for t in tags if not t.startswith(("task::", "skill::"))] == [
        "domain::new-solutions",
        "domain::continuous-improvement",
        "category::networking",
        "service::vpc",
        "service::direct-connect",
    ]
    assert {"task::2.1", "skill::2.1.1"} <= set(tags)  # the exam-guide tags (tests/test_exam_guide.py checks them in full)
    rto = by_id["disaster-recovery-rto"].tags
    assert [t for t in rto if not t.startswith(("task::", "skill::"))] == [
        "domain::new-solutions",
        "category::concepts",
        "service::disaster-recovery",
    ]
    assert anki.tag("category", "Machine Learning & AI") == "category::machine-learning-ai"
    assert all(" " not in t for note in by_id.values() for t in note.tags)


def test_page_urls_are_the_published_directory_urls():
    assert anki.page_url(SITE_URL, "services/networking/vpc.md") == SITE_URL + "services/networking/vpc/"
    assert anki.page_url(SITE_URL, "index.md") == SITE_URL
    assert anki.page_url(SITE_URL, "concepts/index.md") == SITE_URL + "concepts/"
    assert anki.page_url("https://example.org/study", "glossary.md") == "https://example.org/study/glossary/"


# ---------------------------------------------------------------- GUIDs


def test_guid_is_the_documented_function_of_the_question_id():
    bank, catalog = load()
    for note, question in zip(anki.notes_for(bank, catalog, SITE_URL), bank.questions, strict=True):
        assert note.guid == anki.note_guid(question.id) == genanki.guid_for("sap-c02-study-guide", question.id)
    # Pinned: a genanki upgrade that changed guid_for would duplicate every reader's cards.
    assert anki.note_guid("vpc-subnets") == genanki.guid_for("sap-c02-study-guide", "vpc-subnets")
    assert anki.note_guid("vpc-subnets") == PINNED_GUID


PINNED_GUID = "klUR?+%1k,"


def test_guid_is_the_same_in_another_process_and_differs_between_ids():
    other = subprocess.run(
        [sys.executable, "-c", "from studyguide import anki; print(anki.note_guid('vpc-subnets'))"],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "hooks"), "PYTHONHASHSEED": "12345"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.strip() == anki.note_guid("vpc-subnets")
    ids = [f"vpc-question-{n}" for n in range(2000)]
    assert len({anki.note_guid(i) for i in ids}) == len(ids)


def test_guid_ignores_every_change_but_the_id():
    bank, catalog = load()
    edited, _ = load({**QUIZ_FILES, "services/networking/vpc.quiz.yml": VPC_FILE.replace("How many", "How very many")})
    before = {n.fields[-1]: n for n in anki.notes_for(bank, catalog, SITE_URL)}
    after = {n.fields[-1]: n for n in anki.notes_for(edited, catalog, "https://elsewhere.example/")}
    assert before["vpc-subnets"].fields != after["vpc-subnets"].fields
    assert {i: n.guid for i, n in before.items()} == {i: n.guid for i, n in after.items()}


# ---------------------------------------------------------------- the .apkg


def test_package_is_a_zip_of_an_anki_collection_with_fixed_ids():
    bank, catalog = load()
    notes = anki.notes_for(bank, catalog, SITE_URL)
    connection = open_deck(anki.package(notes, 1_700_000_000, anki.description_for(SITE_URL)))
    rows = note_rows(connection)
    assert [r["guid"] for r in rows] == [anki.note_guid(q.id) for q in bank.questions]
    assert [r["fields"]["Id"] for r in rows] == [q.id for q in bank.questions]
    assert {r["mid"] for r in rows} == {anki.MODEL_ID}
    assert {r["mod"] for r in rows} == {1_700_000_000}
    assert rows[0]["tags"] == list(notes[0].tags)
    # genanki counts note and card ids up from the timestamp in milliseconds: one card per note.
    assert rows[0]["id"] == 1_700_000_000_000
    cards = connection.execute("SELECT nid, did FROM cards").fetchall()
    assert sorted(nid for nid, _ in cards) == [r["id"] for r in rows]
    assert {did for _, did in cards} == {anki.DECK_ID}
    models, decks = (json.loads(v) for v in connection.execute("SELECT models, decks FROM col").fetchone())
    assert models[str(anki.MODEL_ID)]["name"] == anki.MODEL_NAME
    assert [f["name"] for f in models[str(anki.MODEL_ID)]["flds"]] == list(anki.FIELDS)
    assert decks[str(anki.DECK_ID)]["name"] == anki.DECK_NAME


def _genanki_package(notes, timestamp, description=""):
    """The deck as genanki writes it, a genanki.Note per note: what anki.package must equal, byte for byte."""
    model = genanki.Model(
        anki.MODEL_ID,
        anki.MODEL_NAME,
        fields=[{"name": name} for name in anki.FIELDS],
        templates=[{"name": "Question", "qfmt": anki.QUESTION_TEMPLATE, "afmt": anki.ANSWER_TEMPLATE}],
        css=anki.CSS,
    )
    deck = genanki.Deck(anki.DECK_ID, anki.DECK_NAME, description)
    for note in notes:
        deck.add_note(genanki.Note(model=model, fields=list(note.fields), tags=list(note.tags), guid=note.guid))
    connection = sqlite3.connect(":memory:")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # genanki's warning about fields that look like broken HTML
        genanki.Package(deck).write_to_db(connection.cursor(), timestamp, itertools.count(timestamp * 1000))
    connection.commit()
    database = connection.serialize()
    connection.close()
    return database


def test_package_writes_the_rows_genanki_writes_without_a_genanki_note_per_question(monkeypatch):
    bank, catalog = load()
    notes = anki.notes_for(bank, catalog, SITE_URL)
    for timestamp in (1_700_000_000, 1_765_432_100):
        expected = _genanki_package(notes, timestamp, anki.description_for(SITE_URL))
        data = anki.package(notes, timestamp, anki.description_for(SITE_URL))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.read("collection.anki2") == expected  # the same SQLite file, byte for byte

    def no_note(*args, **kwargs):
        raise AssertionError("anki.package writes the note rows itself")

    monkeypatch.setattr(genanki, "Note", no_note)
    assert anki.package(notes, 1_700_000_000) == anki.package(notes, 1_700_000_000)
    with pytest.raises(ValueError, match="space"):
        anki.package([anki.NoteData("g", notes[0].fields, ("a tag",))], 1_700_000_000)


def test_package_bytes_depend_on_the_notes_and_timestamp_only():
    bank, catalog = load()
    first = anki.package(anki.notes_for(bank, catalog, SITE_URL), 1_700_000_000)
    again = anki.package(anki.notes_for(bank, catalog, SITE_URL), 1_700_000_000)
    assert first == again
    later = anki.package(anki.notes_for(bank, catalog, SITE_URL), 1_700_000_500)
    assert later != first
    assert [r["guid"] for r in note_rows(open_deck(later))] == [r["guid"] for r in note_rows(open_deck(first))]
    assert {r["mod"] for r in note_rows(open_deck(later))} == {1_700_000_500}  # newer: Anki's "update if newer" takes it
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_newest_mtime_is_the_latest_source_file(tmp_path):
    old, new = tmp_path / "a.quiz.yml", tmp_path / "b.md"
    old.write_text("x")
    new.write_text("y")
    os.utime(old, (1_600_000_000, 1_600_000_000))
    os.utime(new, (1_650_000_000.7, 1_650_000_000.7))
    assert anki.newest_mtime([old, new]) == 1_650_000_000
    assert anki.newest_mtime([]) == 0
    bank, catalog = load()
    assert anki.source_paths(bank, catalog) == [
        "concepts/disaster-recovery.md",
        "concepts/disaster-recovery.quiz.yml",
        "services/networking/direct-connect.md",
        "services/networking/vpc.md",
        "services/networking/vpc.quiz.yml",
    ]


# ---------------------------------------------------------------- the hook and its cache


@pytest.fixture
def hook_site(tmp_path, monkeypatch):
    """The hook wired as in a build: a docs folder, the config, the bank in the shared state."""
    docs = tmp_path / "docs"
    for rel, text in {**PAGES, **QUIZ_FILES}.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(
        {
            "site_name": "Test",
            "site_url": SITE_URL,
            "docs_dir": str(docs),
            "site_dir": str(tmp_path / "site"),
            "hooks": [str(ROOT / "hooks" / "anki.py")],
        }
    )
    assert config.validate() == ([], [])
    # MkDocs loads a hook file once per process, as `mkdocs serve` does: start each test with an empty cache.
    (hook,) = config.hooks.values()
    monkeypatch.setattr(hook, "_decks", buildcache.BuildCache("test"))
    monkeypatch.setattr(buildcache, "_enabled", True)  # reuse is for `mkdocs serve`
    calls = []
    real_package = anki.package
    monkeypatch.setattr(anki, "package", lambda *args: calls.append(args) or real_package(*args))

    def run(files=QUIZ_FILES, pages=PAGES):
        state.quiz_bank, state.catalog = load(files, pages)
        out = config.plugins.on_files(Files([]), config=config)  # as MkDocs calls it
        deck = out.get_file_from_path(anki.DECK_URI)
        return deck.content_bytes

    yield run, calls, config
    state.reset()


def test_hook_adds_the_deck_and_reuses_it_while_the_bank_is_unchanged(hook_site):
    run, calls, _ = hook_site
    first = run()
    assert len(calls) == 1
    assert [r["fields"]["Id"] for r in note_rows(open_deck(first))] == ["disaster-recovery-rto", "vpc-subnets", "vpc-pick-two"]
    assert run() == first and len(calls) == 1  # a `mkdocs serve` rebuild: bytes copied, nothing rebuilt


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            {"files": {**QUIZ_FILES, "concepts/disaster-recovery.quiz.yml": DR_FILE.replace("That is RPO.", "That is the RPO.")}},
            id="a reason",
        ),
        pytest.param(
            {
                "files": {
                    **QUIZ_FILES,
                    "concepts/disaster-recovery.quiz.yml": DR_FILE.replace("[new-solutions]", "[migration-modernization]"),
                }
            },
            id="a domain",
        ),
        pytest.param({"files": {"services/networking/vpc.quiz.yml": VPC_FILE}}, id="a question removed"),
        pytest.param(
            {
                "pages": {
                    **PAGES,
                    "services/networking/vpc.md": PAGES["services/networking/vpc.md"].replace("Amazon VPC", "Amazon Virtual Private Cloud"),
                }
            },
            id="a page title",
        ),
    ],
)
def test_any_change_to_what_the_notes_show_makes_a_new_deck(hook_site, change):
    run, calls, _ = hook_site
    first = run()
    changed = run(**change)
    assert len(calls) == 2 and changed != first
    assert run(**change) == changed and len(calls) == 2  # and that one is reused in turn


def test_a_new_site_url_makes_a_new_deck(hook_site):
    run, calls, config = hook_site
    first = run()
    config.site_url = "http://127.0.0.1:8000/"  # what `mkdocs serve` sets
    assert run() != first and len(calls) == 2
    assert SITE_URL not in str(note_rows(open_deck(run()))[0]["fields"]["Links"])


def test_hook_refuses_a_missing_site_url_and_a_file_in_the_decks_place(hook_site):
    run, _, config = hook_site
    config.site_url = None
    with pytest.raises(PluginError, match="'site_url' is required"):
        run()
    config.site_url = SITE_URL
    state.quiz_bank, state.catalog = load()
    taken = Files([File(anki.DECK_URI, config.docs_dir, config.site_dir, True)])
    with pytest.raises(PluginError, match=r"docs/downloads/sap-c02-questions\.apkg: this path is the generated Anki deck"):
        config.plugins.on_files(taken, config=config)


# ---------------------------------------------------------------- built sites


def bank_ids() -> list[str]:
    """Question ids straight from the quiz files, independent of the hooks."""
    return [q["id"] for path in sorted(DOCS.glob("**/*.quiz.yml")) for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]


def deck_link(site: Path, page: str) -> Path:
    """The file the page's link to the deck leads to."""
    text = (site / page).read_text(encoding="utf-8")
    found = re.findall(r'<a [^>]*href="([^"]*\.apkg)"', text)
    assert len(found) == 1, found
    return (site / PurePosixPath(page).parent / found[0]).resolve()


def test_built_deck_has_one_note_per_question_with_stable_guids_and_tags(site):
    deck = site / anki.DECK_URI
    rows = note_rows(open_deck(deck.read_bytes()))
    bank = json.loads((site / quizzes.BANK_URI).read_text(encoding="utf-8"))
    ids = [q["id"] for q in bank["questions"]]
    assert len(rows) == len(ids) == len(bank_ids()) and sorted(ids) == sorted(bank_ids())
    assert [r["fields"]["Id"] for r in rows] == ids
    assert [r["guid"] for r in rows] == [anki.note_guid(i) for i in ids]
    for row, q in zip(rows, bank["questions"], strict=True):
        category = bank["pages"][q["page"]]["category"] or "concepts"
        expected = {f"domain::{d}" for d in q["domains"]} | {f"category::{category}"} | {f"service::{s}" for s in q["services"]}
        expected |= {f"task::{t}" for t in q["tasks"]} | {f"skill::{s}" for s in q["skills"]}
        assert set(row["tags"]) == expected, q["id"]
        assert "<script" not in "".join(row["fields"].values())
    print(f"{deck}: {deck.stat().st_size} bytes, {len(rows)} notes")


def test_built_deck_links_land_on_published_pages_and_questions(site):
    """Every link of every note is an absolute URL under site_url that the built site serves."""
    site_url = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    ids_cache: dict[Path, str] = {}
    checked = 0
    for row in note_rows(open_deck((site / anki.DECK_URI).read_bytes())):
        for href in hrefs(row["fields"]["Links"] + row["fields"]["Explanation"]):
            if not href.startswith(site_url):
                assert re.match(r"^https://", href), href  # an explanation's own link to AWS
                continue
            path, fragment = urldefrag(href[len(site_url) :])
            target = site / path / "index.html" if not path or path.endswith("/") else site / path
            assert target.is_file(), href
            if fragment:
                text = ids_cache.setdefault(target, target.read_text(encoding="utf-8"))
                assert f'id="{fragment}"' in text, href
            checked += 1
    assert checked >= 2 * len(bank_ids())


def test_home_and_progress_pages_link_to_the_deck(site):
    deck = (site / anki.DECK_URI).resolve()
    assert deck_link(site, "index.html") == deck
    assert deck_link(site, "progress/index.html") == deck


@pytest.mark.slow
def test_fixture_site_deck_escapes_text_and_is_the_same_file_in_two_builds(quiz_fixture_site):
    first = quiz_fixture_site.build()
    assert first.returncode == 0, first.output
    data = (first.site / anki.DECK_URI).read_bytes()
    rows = note_rows(open_deck(data))
    assert [r["fields"]["Id"] for r in rows] == ["direct-connect-one", "vpc-script", "vpc-choose-two"]
    assert [r["guid"] for r in rows] == [anki.note_guid(r["fields"]["Id"]) for r in rows]
    script = rows[1]["fields"]
    assert "<script" not in "".join(script.values()) and "&lt;script&gt;" in script["Question"]
    assert html.unescape(re.sub(r"<[^>]+>", "", script["Question"])) == "Zebraquux <script>alert('q')</script> <b>bold</b> question?"
    assert hrefs(script["Links"])[0] == "https://sap-c02-study.github.io/cheatsheet/services/networking/vpc/#limits"
    second = quiz_fixture_site.build()
    assert second.returncode == 0, second.output
    assert (second.site / anki.DECK_URI).read_bytes() == data
