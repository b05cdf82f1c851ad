"""The whole question bank as an Anki deck (``.apkg``), in genanki's format.

One note per question. The front holds the stem and the lettered options; the back the
answer, the explanation, each option's reason and links to the site (absolute URLs from
``site_url``). Tags: ``domain::<key>``, ``category::<slug>`` (``concepts`` for concept
pages, as on the progress page) and ``service::<page id>``.

Identity, so that importing a newer deck updates the cards instead of adding copies:

- ``MODEL_ID`` and ``DECK_ID`` are fixed numbers. Never change them: Anki would see a new
  note type and a new deck.
- each note's GUID is ``genanki.guid_for(GUID_NAMESPACE, question_id)`` (``note_guid``):
  the same question id gives the same note in every build, on every machine. Changing a
  question's id therefore makes a new card and orphans the old one.

Bytes: ``package`` writes the SQLite collection in memory and zips it with fixed entry
dates, so the same notes and the same ``timestamp`` give byte-identical files. Anki
updates an existing note only when the incoming one is newer (its "if newer" import
rule), so the timestamp (note and note-type ``mod``; genanki also counts the note and
card row ids up from it) is the newest modification time of the files the notes are
made from (``newest_mtime``): two builds of the same checkout give the same file, an
edited question gives a newer one. A fresh clone has fresh file times, so its deck has
other row ids and ``mod`` values (never other GUIDs); importing it just rewrites the
same notes.

Text: stems, options and reasons are plain text and escaped here; explanations are the
site's own Markdown rendering (quizzes.render_explanation, raw HTML refused), with page
links made absolute.
"""

from __future__ import annotations

import html
import io
import itertools
import os
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from mkdocs.structure.files import File

from . import quizzes
from .catalog import Catalog

DECK_URI = "downloads/sap-c02-questions.apkg"  # in the built site, beside assets/
# Chosen once at random in genanki's recommended range (2**30 to 2**31); fixed forever.
MODEL_ID = 2083969155
DECK_ID = 1515976017
GUID_NAMESPACE = "sap-c02-study-guide"
DECK_NAME = "AWS SAP-C02 study guide: practice questions"
MODEL_NAME = "SAP-C02 study guide question"
FIELDS = ("Question", "Options", "Answer", "Explanation", "Reasons", "Links", "Id")
LETTERS = "ABCDEF"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold: no build time in the file
# Bump when the note layout changes, so `mkdocs serve` does not reuse a deck built by older code.
LAYOUT_VERSION = 2  # 2: task:: and skill:: tags (issue 20)

QUESTION_TEMPLATE = '<div class="stem">{{Question}}</div>\n<div class="options">{{Options}}</div>'
ANSWER_TEMPLATE = (
    '{{FrontSide}}\n<hr id="answer">\n<div class="answer">{{Answer}}</div>\n'
    '<div class="explanation">{{Explanation}}</div>\n<div class="reasons">{{Reasons}}</div>\n'
    '<div class="links">{{Links}}</div>'
)
CSS = """\
.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 18px;
  line-height: 1.45; text-align: left; max-width: 46em; margin: 0 auto; }
.options p, .reasons li { margin: 0.35em 0; }
.letter { font-weight: bold; }
.right .verdict { color: #1b7a33; }
.wrong .verdict { color: #b3261e; }
.nightMode .right .verdict { color: #7fd48f; }
.nightMode .wrong .verdict { color: #f2a39c; }
.links { font-size: 0.85em; margin-top: 1em; }
"""


@dataclass(frozen=True)
class NoteData:
    """One note as it goes into the deck: HTML fields in ``FIELDS`` order, tags, GUID."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]


def note_guid(question_id: str) -> str:
    """The note's GUID: a function of the question id alone (and a fixed namespace)."""
    import genanki  # only when a deck is made: a build that reuses the deck skips the import

    return genanki.guid_for(GUID_NAMESPACE, question_id)


def tag(kind: str, value: str) -> str:
    """``kind::value`` with the value slugified: Anki tags end at a space."""
    return f"{kind}::{re.sub(r'[^a-z0-9]+', '-', value.casefold()).strip('-')}"


def page_url(site_url: str, src_path: str) -> str:
    """Absolute URL of a page on the published site, ``use_directory_urls`` style whatever
    the build uses (the offline build's ``page.html`` files exist only on the reader's disk)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, File(src_path, None, "", True).url)


def category_of(question: quizzes.Question, catalog: Catalog) -> str:
    return catalog.pages[question.page_id].category or "concepts"


def tags_for(question: quizzes.Question, catalog: Catalog) -> tuple[str, ...]:
    found = [tag("domain", d) for d in question.domains]
    found.append(tag("category", category_of(question, catalog)))
    found += [tag("service", s) for s in question.services]
    # Exam-guide ids as the guide writes them (task::2.2, skill::2.2.3): Anki's browser nests on "::".
    found += [f"task::{t}" for t in question.tasks]
    found += [f"skill::{s}" for s in question.skills]
    return tuple(dict.fromkeys(found))


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def page_urls(site_url: str) -> Callable[[str], str]:
    """``page_url`` for one site, remembering each page's URL (a bank links the same pages often)."""
    known: dict[str, str] = {}

    def url_of(src_path: str) -> str:
        if src_path not in known:
            known[src_path] = page_url(site_url, src_path)
        return known[src_path]

    return url_of


def note_for(question: quizzes.Question, catalog: Catalog, url_of: Callable[[str], str]) -> NoteData:
    """The note of one question; ``url_of`` gives a page's absolute URL (``page_urls``).
    Plain texts are escaped; the explanation is the site's rendering of its Markdown."""
    view = quizzes.question_view(question, catalog, {}, url_of)
    stem = html.escape(view["question"])
    if view["choose_note"]:
        stem += f" <strong>({html.escape(view['choose_note'])})</strong>"
    options = "".join(f'<p><span class="letter">{LETTERS[i]}.</span> {html.escape(o["text"])}</p>' for i, o in enumerate(view["options"]))
    right = [(LETTERS[i], o) for i, o in enumerate(view["options"]) if o["correct"]]
    label = "Answer" if len(right) == 1 else "Answers"
    answer = f"<strong>{label}:</strong> " + "; ".join(
        f'<span class="letter">{letter}.</span> {html.escape(o["text"])}' for letter, o in right
    )
    reasons = "".join(
        f'<li class="{"right" if o["correct"] else "wrong"}"><span class="letter">{LETTERS[i]}.</span> '
        f'<span class="verdict">{"Right" if o["correct"] else "Wrong"}:</span> {html.escape(o["why"])}</li>'
        for i, o in enumerate(view["options"])
    )
    page = catalog.pages[question.page_id]
    links = (
        f"The fact: {_link(view['source']['url'], view['source']['title'])}"
        f" · {_link(url_of(page.src_path) + '#quiz-' + question.id, 'this question on ' + page.title)}"
    )
    fields = (stem, options, answer, view["explanation"], f"<ul>{reasons}</ul>", links, html.escape(question.id))
    return NoteData(note_guid(question.id), fields, tags_for(question, catalog))


def notes_for(bank: quizzes.Bank, catalog: Catalog, site_url: str) -> list[NoteData]:
    url_of = page_urls(site_url)
    return [note_for(q, catalog, url_of) for q in bank.questions]


def source_paths(bank: quizzes.Bank, catalog: Catalog) -> list[str]:
    """The files (relative to docs/) the notes are made from: quiz files and the pages whose titles they show."""
    found = {q.file for q in bank.questions}
    found |= {catalog.pages[pid].src_path for q in bank.questions for pid in (q.page_id, q.source.page_id)}
    return sorted(found)


def newest_mtime(paths: Iterable[str | os.PathLike]) -> int:
    """The newest modification time among ``paths`` in whole seconds (0 for none)."""
    return max((int(os.stat(p).st_mtime) for p in paths), default=0)


_NOTE_ROW = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)"
_CARD_ROW = "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


def package(notes: Iterable[NoteData], timestamp: int, description: str = "") -> bytes:
    """The ``.apkg`` bytes: a zip of ``collection.anki2`` (SQLite) and an empty ``media`` map.

    genanki writes the collection's tables, the deck and the note type (its ``write_to_db``
    of a deck with no notes); the note and card rows are written here, directly, as
    genanki writes them (``Note.write_to_db``, ``Card.write_to_db``: the same columns, ids
    and order, so the same bytes) without building a genanki object per note, its HTML
    check per field and a card list per note: a third of the deck's time. The zip has
    fixed entry dates (genanki's ``write_to_file`` would stamp the build time and go
    through a temporary file), so the bytes depend on the input only.
    """
    import genanki

    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": QUESTION_TEMPLATE, "afmt": ANSWER_TEMPLATE}],
        css=CSS,
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME, description)
    deck.add_model(model)
    mod = int(timestamp)
    ids = itertools.count(timestamp * 1000)  # genanki's ids: each note's, then its card's, counted up
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        genanki.Package(deck).write_to_db(cursor, timestamp, ids)
        for note in notes:
            if len(note.fields) != len(FIELDS) or any(" " in t for t in note.tags):
                raise ValueError(f"note {note.guid}: {len(note.fields)} fields for {len(FIELDS)}, or a tag with a space: {note.tags}")
            note_id = next(ids)
            # id, guid, mid, mod, usn, tags, flds, sfld (the first field), csum, flags, data
            cursor.execute(
                _NOTE_ROW,
                (note_id, note.guid, MODEL_ID, mod, -1, f" {' '.join(note.tags)} ", "\x1f".join(note.fields), note.fields[0], 0, 0, ""),
            )
            # The note type's one card, when its front shows a field (genanki's rule: any of the two
            # fields of QUESTION_TEMPLATE): id, nid, did, ord, mod, usn, type, queue, due, ivl,
            # factor, reps, lapses, left, odue, odid, flags, data
            if note.fields[0] or note.fields[1]:
                cursor.execute(_CARD_ROW, (next(ids), note_id, DECK_ID, 0, mod, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ""))
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in (("collection.anki2", database), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=1)  # 0.01 s, not 0.03 s per build; 470 KB, not 380 KB
    return out.getvalue()


def description_for(site_url: str) -> str:
    return (
        f"Every question of the AWS SAP-C02 study guide, {_link(site_url, site_url)}. "
        "Import a newer copy of this file to update the cards: your reviews are kept."
    )
