"""Corrections as data: what AWS changed since the cheat sheet, beside the page it corrects.

Each content page may have ``<page>.corrections.yml`` beside it (so ``services/x/sqs.md`` has
``services/x/sqs.corrections.yml``), a YAML list of records::

    - id: message-size                 # stable: the note's anchor is correction-<page id>-<id>
      quote: "Maximum message size is 262,144 bytes (256 KB)"   # words of the page, as a reader sees them
      kind: changed                    # changed | retired | renamed | wrong (never true)
      date: 2025-08                    # YYYY-MM of the change; omitted only for kind: wrong
      approximate: true                # optional: the change is sourced, its month is our best estimate
      now: SQS takes up to 1 MiB ...   # what is true today: Markdown; raw HTML shows as text
      source: https://docs.aws.amazon.com/...   # AWS's own page (provenance.source_error)

The cheat sheet's words stay on the page; the build puts each record's note right after
the first paragraph, list item, heading or table that contains its quote (``place_notes``).
The same records feed the "What changed since the cheat sheet" page and the limit rows
that say ``correction: <id>``, so the site never states two versions of a fact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import unescape as html_unescape

import yaml

from . import placeholders
from .catalog import Catalog, sort_title
from .errors import DataError, shown
from .provenance import month_error, month_label, source_error
from .yamlfile import compose

SUFFIX = ".corrections.yml"
INDEX_MARKER = "<!-- what-changed -->"  # where docs/what-changed.md lists every correction and status
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"id", "quote", "kind", "date", "approximate", "now", "source"}
REQUIRED = {"id", "quote", "kind", "now", "source"}

# kind -> (label on the note and the What-changed page, whether a date is required)
KINDS: dict[str, tuple[str, bool]] = {
    "changed": ("Changed", True),
    "retired": ("Retired", True),
    "renamed": ("Renamed", True),
    "wrong": ("Correction", False),
}

# Elements a note can follow: the innermost one holding the whole quote is chosen.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
BLOCKS = ("p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")


@dataclass(frozen=True)
class Correction:
    id: str
    page_path: str  # the corrected page, relative to docs/
    page_id: str
    file: str  # the corrections file, relative to docs/
    line: int  # line of the record's first key
    quote_line: int
    quote: str
    kind: str
    date: str | None
    now: str  # Markdown
    source: str
    approximate: bool = False  # the month is an estimate: no source gave it

    @property
    def anchor(self) -> str:
        return f"correction-{self.page_id}-{self.id}"

    @property
    def label(self) -> str:
        """``Changed in 2025``, ``Retired in 2024``, or ``Correction`` for a fact never true."""
        word = KINDS[self.kind][0]
        if not self.date:
            return word
        return f"{word} in {'about ' if self.approximate else ''}{self.date[:4]}"

    @property
    def month(self) -> str:
        if not self.date:
            return "Never true"
        return ("about " if self.approximate else "") + month_label(self.date)


@dataclass
class CorrectionBook:
    by_page: dict[str, list[Correction]] = field(default_factory=dict)  # page path -> records

    def for_page(self, page_path: str) -> list[Correction]:
        return self.by_page.get(page_path, [])

    def all(self) -> list[Correction]:
        return [c for records in self.by_page.values() for c in records]

    def find(self, page_path: str, correction_id: str) -> Correction | None:
        return next((c for c in self.for_page(page_path) if c.id == correction_id), None)


def page_path_for(path: str) -> str:
    return path[: -len(SUFFIX)] + ".md"


def _line(node) -> int:
    return node.start_mark.line + 1


def load_file(path: str, text: str, catalog: Catalog) -> tuple[list[Correction], list[DataError]]:
    """Parse and check one corrections file: every problem, each with the line of its key."""
    errors: list[DataError] = []
    page = catalog.by_path.get(page_path_for(path))
    if page is None:
        return [], [DataError(path, f"corrections file has no content page beside it (expected {shown(page_path_for(path))})", line=1)]
    left = placeholders.find(path, text)
    if left:
        return [], left
    try:
        root, data = compose(text, path, what="YAML")
    except DataError as error:
        return [], [error]
    if data is None:
        return [], [DataError(path, "empty corrections file: it needs a list of '- id: ...' records", line=1)]
    if not isinstance(root, yaml.SequenceNode):
        return [], [DataError(path, "a corrections file is a YAML list of records ('- id: ...')", line=_line(root))]
    records: list[Correction] = []
    seen: dict[str, int] = {}
    for node in root.value:
        record = _read(node, path, page.id, errors)
        if record is None:
            continue
        if record.id in seen:
            errors.append(DataError(path, f"duplicate correction id, also on line {seen[record.id]}", line=record.line, entry=record.id))
            continue
        seen[record.id] = record.line
        records.append(record)
    return records, errors


def _read(node, path: str, page_id: str, errors: list[DataError]) -> Correction | None:
    if not isinstance(node, yaml.MappingNode):
        errors.append(DataError(path, "each correction is a mapping: id, quote, kind, date, now, source", line=_line(node)))
        return None
    keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    id_node = keys.get("id", (None, None))[1]
    cid = id_node.value.strip() if isinstance(id_node, yaml.ScalarNode) else None
    entry = cid or f"record on line {_line(node)}"
    before = len(errors)

    def fail(message: str, key: str | None = None) -> None:
        at = _line(keys[key][0]) if key and key in keys else _line(node)
        errors.append(DataError(path, message, line=at, entry=entry))

    for key in keys:
        if key not in KEYS:
            fail(f"unknown key '{key}' (known keys: {', '.join(sorted(KEYS))})", key)
    for key in sorted(REQUIRED - keys.keys()):
        fail(f"missing required key '{key}'")
    if len(errors) > before:
        return None

    def text(key: str) -> str | None:
        value = keys[key][1]
        if not isinstance(value, yaml.ScalarNode) or value.tag != "tag:yaml.org,2002:str" or not value.value.strip():
            fail(f"'{key}' must be non-empty text", key)
            return None
        return re.sub(r"\s+", " ", value.value).strip()

    if not cid or not ID_PATTERN.match(cid):
        fail("'id' must be lowercase words joined by hyphens, like 'message-size'", "id")
    quote, now = text("quote"), text("now")
    kind = keys["kind"][1].value if isinstance(keys["kind"][1], yaml.ScalarNode) else None
    if kind not in KINDS:
        fail(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}", "kind")
    date = None
    if "date" in keys:
        date = keys["date"][1].value if isinstance(keys["date"][1], yaml.ScalarNode) else None
        problem = month_error(date)
        if problem:
            fail(f"'date' {problem}", "date")
    elif kind in KINDS and KINDS[kind][1]:
        fail(f"a '{kind}' correction needs 'date: YYYY-MM', the month AWS made the change")
    approximate = False
    if "approximate" in keys:
        node = keys["approximate"][1]
        if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
            fail("'approximate' must be true or false", "approximate")
        else:
            approximate = node.value.lower() in ("true", "yes", "on")
        if "date" not in keys:
            fail("'approximate' qualifies a 'date': add the month you estimate", "approximate")
    source = keys["source"][1].value if isinstance(keys["source"][1], yaml.ScalarNode) else None
    problem = source_error(source)
    if problem:
        fail(f"'source' {problem}", "source")
    for target in _LINK_TARGET.findall(now or ""):
        if not target.startswith("https://"):
            fail(f"'now' links to '{target}': a note links only to https pages (AWS's documentation)", "now")
    if len(errors) > before:
        return None
    return Correction(
        id=cid,
        page_path=page_path_for(path),
        page_id=page_id,
        file=path,
        line=_line(node),
        quote_line=_line(keys["quote"][0]),
        quote=quote,
        kind=kind,
        date=date.strip() if date else None,
        now=now,
        source=source.strip(),
        approximate=approximate,
    )


def load_book(sources: Iterable[tuple[str, str]], catalog: Catalog) -> tuple[CorrectionBook, list[DataError]]:
    book = CorrectionBook()
    errors: list[DataError] = []
    for path, text in sorted(sources):
        records, problems = load_file(path, text, catalog)
        errors.extend(problems)
        if records:
            book.by_page[page_path_for(path)] = records
    return book, errors


# ---------------------------------------------------------------- placing notes on the page


def normalize(text: str) -> str:
    """Text as compared with a quote: Unicode-normalised, typographic quotes made plain, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_PLAIN)
    return re.sub(r"\s+", " ", text).strip()


_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[^<&]+|[<&]", re.DOTALL)
_SPACES = re.compile(r"\s+")
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
_SKIP_CLASS = re.compile(r"""class=["'][^"']*\b(quiz|sg-correction)\b""")


@dataclass
class _Element:
    name: str
    start: int  # offset of its opening tag in the HTML
    text_start: int  # offset of its first character in the page text
    skip: bool  # inside a quiz or a note: never holds a quote
    end: int = -1  # offset just past its closing tag
    text_end: int = -1


class _Page:
    """The page's text (as ``normalize`` would give it) with, for each character, where it
    came from in the HTML, and every element's span: one pass with one regex, no parse tree.

    Hooks get Python-Markdown's output, whose elements are always closed, so a plain stack
    is enough; a stray closing tag is ignored."""

    def __init__(self, html: str):
        self.elements: list[_Element] = []
        chars: list[str] = []
        length = 0  # of the text so far
        stack: list[_Element] = []
        space = True  # the text ends in a space (or is empty): collapse runs, drop leading spaces
        for match in _TOKEN.finditer(html):
            closing, name, attrs = match.group(1), match.group(2), match.group(3)
            if name is not None:
                name = name.lower()
                if closing:
                    for depth in range(len(stack) - 1, -1, -1):
                        if stack[depth].name == name:
                            for element in stack[depth:]:
                                element.end, element.text_end = match.end(), length
                            del stack[depth:]
                            break
                elif name not in _VOID and not attrs.rstrip().endswith("/"):
                    skip = bool(stack and stack[-1].skip) or bool(_SKIP_CLASS.search(attrs))
                    element = _Element(name, match.start(), length, skip)
                    stack.append(element)
                    self.elements.append(element)
                continue
            token = match.group(0)
            if token.startswith("<!--"):
                continue
            text = html_unescape(token) if token.startswith("&") else token
            text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(_PLAIN))
            if space and text.startswith(" "):
                text = text[1:]
            if text:
                chars.append(text)
                length += len(text)
                space = text.endswith(" ")
        self.text = "".join(chars)

    def holder(self, quote: str) -> _Element | None:
        """The innermost block holding the whole quote, at its first occurrence that a block holds."""
        wanted = normalize(quote)
        found = self.text.find(wanted)
        while found >= 0:
            end = found + len(wanted)
            best = None
            for element in self.elements:
                if element.text_start > found:
                    break  # elements come in document order: later ones start after the quote
                if element.name in BLOCKS and not element.skip and element.text_end >= end:
                    best = element  # a later (nested) block that still holds the quote is more specific
            if best is not None:
                return best
            found = self.text.find(wanted, found + 1)
        return None

    def table_of(self, cell: _Element) -> _Element | None:
        return next((e for e in reversed(self.elements) if e.name == "table" and e.start < cell.start < e.end), None)


def place_notes(html: str, records: list[Correction], render_note: Callable[[Correction], str]) -> tuple[str, list[DataError]]:
    """Insert each record's note after the block that holds its quote; a quote not found is an error.

    A note goes inside a list item (so the list stays one list), after a table for a quote
    in a cell, and after the paragraph or heading otherwise. One scan of the page finds
    every quote (``_Page``): a BeautifulSoup parse and re-serialisation cost ten times more.
    """
    if not records:
        return html, []
    page = _Page(html)
    errors = []
    inserts: list[tuple[int, int, str]] = []  # (HTML offset, record order, note)
    for order, record in enumerate(records):
        block = page.holder(record.quote)
        if block is None:
            errors.append(
                DataError(
                    record.file,
                    f"quote not found on {shown(record.page_path)}: copy the words as the page shows them (no Markdown markup)",
                    line=record.quote_line,
                    entry=record.id,
                )
            )
            continue
        if block.name in ("li", "dd", "blockquote"):
            at = html.rfind("</", block.start, block.end)  # just before the item's own closing tag
        elif block.name in ("td", "th"):
            table = page.table_of(block)
            at = table.end if table is not None else block.end
        else:
            at = block.end
        inserts.append((at, order, render_note(record)))
    for at, _order, note in sorted(inserts, reverse=True):
        html = html[:at] + note + html[at:]
    return html, errors


def quotes_missing(html: str, records: list[Correction]) -> list[DataError]:
    """The quote check alone (``scripts/check_content.py`` runs it without a build)."""
    return place_notes(html, records, lambda _record: "")[1]


# ---------------------------------------------------------------- views


@dataclass(frozen=True)
class Change:
    """One row of the What-changed page: a correction or a service status."""

    service: str  # page title
    service_url: str
    category: str
    kind: str  # changed | retired | renamed | wrong | closed
    label: str
    date: str | None  # YYYY-MM
    month: str
    now_html: str
    source: str
    url: str  # the note (or the banner) on its page

    @property
    def sort_date(self) -> str:
        return self.date or "0000-00"


def changes(
    book: CorrectionBook,
    catalog: Catalog,
    url_of: Callable[[str], str],
    render_markdown: Callable[[str], str],
) -> list[Change]:
    """Every correction and status, grouped by service (by title), oldest first within a service.

    A correction that tells the same event as the service's lifecycle (same month, same source)
    is one row, not two near-duplicates (issue 21): the lifecycle's badge with the correction's
    fuller text and a link to its note."""
    rows: list[Change] = []
    for page in catalog.pages.values():
        base = url_of(page.src_path)
        category = catalog.categories[page.category].title if page.category in catalog.categories else "Concepts"
        records = list(book.for_page(page.src_path))
        if page.status:
            status = page.status
            what = status.note or status_sentence(page, catalog)
            url = base + "#service-status"
            same = next((r for r in records if r.date == status.date and r.source == status.source), None)
            if same is not None:
                records.remove(same)
                what, url = same.now, f"{base}#{same.anchor}"
            rows.append(
                Change(
                    page.title, base, category, status.state, status.label, status.date, status.month,
                    render_markdown(what), status.source, url,
                )
            )  # fmt: skip
        for record in records:
            rows.append(
                Change(
                    page.title, base, category, record.kind, KINDS[record.kind][0], record.date, record.month,
                    render_markdown(record.now), record.source, f"{base}#{record.anchor}",
                )
            )  # fmt: skip
    rows.sort(key=lambda r: (sort_title(r.service), r.sort_date))
    return rows


def status_sentence(page, catalog: Catalog) -> str:
    """The banner's sentence when the front matter gives no ``note``."""
    status = page.status
    successor = catalog.pages[status.successor].title if status.successor else None
    when = status.month
    if status.state == "renamed":
        return f"{status.former} is now called {page.title} (since {when})."
    verb = "was retired" if status.state == "retired" else "closed to new customers"
    tail = f" Use {successor} instead." if successor else ""
    return f"{page.title} {verb} in {when}.{tail}"
