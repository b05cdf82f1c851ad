"""Extension ``studyguide.mdext.corrections``: what AWS changed since the cheat sheet, on the page.

While a page converts, a postprocessor over its finished HTML (priority 7: after the stashed
tables go in, before the cross-links, so service names in a note are linked as before):

- puts each record of ``<page>.corrections.yml`` right after the words it quotes
  (``studyguide.corrections.place_notes``; a quote not on the page is an error naming the
  file, the record and the line);
- draws the banner of a retired, closed or renamed service (front matter ``lifecycle:``) at the
  top, and the month the page's facts were checked (``reviewed:``) at the foot.

The markup comes from the same partials the MkDocs hook rendered (``overrides/partials/``:
correction-note, status-banner, reviewed), through one Jinja environment per process: the
HTML is the same under every engine. The records come from ``sitedata.corrections``.
"""

from __future__ import annotations

from functools import cache

import jinja2
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

from .. import buildcache, corrections, quizzes, sitedata
from ..errors import DataError, join_errors
from ..provenance import month_label
from . import (
    PageRef,
    WithPartials,
    build_error,
    page_html_of,
    page_of,
    partials_stamp,
    register_page_marker,
    register_unstash,
    stash_html,
)

PRIORITY = 7
# Each page's notes, banner and review month, kept while the page, the records, the catalog and
# the partials are unchanged (hooks/corrections.py starts each build).
NOTES = buildcache.BuildCache("mdext.corrections.notes")


@cache
def templates(folder: str) -> jinja2.Environment:
    """The theme's partials (``custom_dir``), autoescaped, as MkDocs' theme environment loads them."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True, auto_reload=True)


def note_text(text: str) -> str:
    """A note's text: Markdown with raw HTML shown as text (contributor input), one paragraph unwrapped."""
    html = quizzes.render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def render_page(html: str, page: PageRef, catalog, book, env: jinja2.Environment) -> str:
    """``html`` (one page's) with its notes, banner and review month; DataError lists quotes not found."""
    src = page.src
    records = book.for_page(src)
    if records:
        note = env.get_template("partials/correction-note.html")
        html, errors = corrections.place_notes(html, records, lambda r: note.render(record=r, now=Markup(note_text(r.now))))
        if errors:
            raise _Problems(f"{len(errors)} correction(s) quote words not on their page:\n{join_errors(errors)}")
    meta_page = catalog.by_path.get(src)
    if meta_page is None:
        return html
    if meta_page.status:
        successor = catalog.pages.get(meta_page.status.successor) if meta_page.status.successor else None
        banner = env.get_template("partials/status-banner.html").render(
            page=meta_page,
            status=meta_page.status,
            month=meta_page.status.month,
            sentence=meta_page.status.note or corrections.status_sentence(meta_page, catalog),
            successor=successor,
            successor_url=page.href(successor.src_path) if successor else None,
        )
        html = banner + html
    if meta_page.reviewed:
        html = html.rstrip() + "\n" + env.get_template("partials/reviewed.html").render(month=month_label(meta_page.reviewed)) + "\n"
    return html


class _Problems(Exception):
    pass


class _Notes(WithPartials, Postprocessor):
    def run(self, text: str) -> str:
        page = page_html_of(self.md)
        if page is None:  # plain Markdown, or the TOC's HTML
            return text
        folder = page.partials(self.templates_dir)
        try:
            catalog = sitedata.catalog(page.docs_dir)
            book = sitedata.corrections(page.docs_dir)
            key = lambda: buildcache.key(  # noqa: E731
                sitedata.digest(catalog), sitedata.digest(book), partials_stamp(folder), page.src, page.url, page.engine, text
            )
            return NOTES.get(key, lambda: render_page(text, page, catalog, book, templates(str(folder))))
        except (DataError, sitedata.BookError, _Problems) as error:
            raise build_error(str(error)) from None


class _WhatChanged(WithPartials, Preprocessor):
    """The "What changed since the cheat sheet" table at ``<!-- what-changed -->`` (docs/what-changed.md)."""

    def run(self, lines: list[str]) -> list[str]:
        if not any(corrections.INDEX_MARKER in line for line in lines):
            return lines
        page = page_of(self.md)
        if page is None:
            return lines
        try:
            rows = corrections.changes(sitedata.corrections(page.docs_dir), sitedata.catalog(page.docs_dir), page.href, note_text)
        except (DataError, sitedata.BookError) as error:
            raise build_error(str(error)) from None
        table = templates(str(page.partials(self.templates_dir))).get_template("partials/what-changed.html").render(rows=rows)
        html = "\n".join(line.strip() for line in table.splitlines() if line.strip())  # one raw-HTML block
        text = "\n".join(lines).replace(corrections.INDEX_MARKER, stash_html(self.md, html), 1)
        return text.split("\n")


class CorrectionsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"templates": ["", "the folder holding partials/ (default: the theme's custom_dir)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        register_page_marker(md)
        register_unstash(md)
        md.postprocessors.register(_Notes(md, self.getConfig("templates")), "studyguide_corrections", PRIORITY)
        # Before snippets (32) and whitespace normalisation (30), as the MkDocs hook's on_page_markdown.
        md.preprocessors.register(_WhatChanged(md, self.getConfig("templates")), "studyguide_what_changed", 35)


def makeExtension(**kwargs):
    return CorrectionsExtension(**kwargs)
