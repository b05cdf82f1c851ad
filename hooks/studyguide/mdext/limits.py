"""Extension ``studyguide.mdext.limits``: the "Limits and quotas" table of a page, and the limits page.

A preprocessor, run on the page's Markdown before anything else reads it (as the MkDocs hook's
``on_page_markdown`` did):

- checks each entry of ``<page>.limits.yml`` against its section of the page
  (``studyguide.limits.check_prose``: the numbers on the page and in the data must agree);
- puts a "Limits and quotas" heading and table at ``<!-- limits -->`` or at the end of the page;
- puts the table of every limit at ``<!-- limits-all -->`` (docs/limits.md).

The table's HTML goes through Python-Markdown's own stash (``md.htmlStash``), so the block
parser never re-reads it and the raw-HTML postprocessor puts it back, as written, before the
correction notes and the cross-links run over it. Markup from ``overrides/partials/limits-table.html``.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .. import frontmatter, limits, sitedata
from ..catalog import sort_title
from ..errors import DataError, join_errors, shown
from . import PageRef, WithPartials, build_error, page_of, register_page_marker, register_unstash, stash_html
from .corrections import templates

TEMPLATE = "partials/limits-table.html"


def _slugify(md):
    """The slugify the page's ``toc`` extension uses, so sections get the anchors the headings get."""
    for ext in md.registeredExtensions:
        if type(ext).__name__ == "TocExtension":
            slugify = ext.getConfig("slugify")
            return (slugify or limits.default_slugify), ext.getConfig("separator") or "-"
    return limits.default_slugify, "-"


def _titles(sections) -> dict[str | None, str]:
    """What the Source column says: the heading, or "Opening text" before the first heading."""
    return {anchor: section.title if anchor else "Opening text" for anchor, section in sections.items()}


class _Limits(WithPartials, Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        page = page_of(self.md)
        if page is None:
            return lines
        text = "\n".join(lines)
        try:
            book = sitedata.limits(page.docs_dir)
        except (DataError, sitedata.BookError) as error:
            raise build_error(str(error)) from None
        entries = book.for_page(page.src)
        if not entries and limits.INDEX_MARKER not in text:
            return lines
        template = templates(str(page.partials(self.templates_dir))).get_template(TEMPLATE)
        slugify, separator = _slugify(self.md)
        try:
            corrections = sitedata.corrections(page.docs_dir)
        except (DataError, sitedata.BookError) as error:
            raise build_error(str(error)) from None

        def correction_of(limit):
            return corrections.find(limit.page_path, limit.correction)

        if entries:
            sections = limits.sections(text, slugify, separator)
            errors = []
            for limit in entries:
                try:
                    limits.check_prose(limit, sections)
                except DataError as error:
                    errors.append(error)
            if errors:
                raise build_error(f"{len(errors)} limit(s) disagree with {shown(page.src)}:\n{join_errors(errors)}")
            titles = _titles(sections)
            rows = limits.rows(entries, lambda _limit: "", lambda limit: titles[limit.section], correction_of)
            table = f"## {limits.PAGE_HEADING}\n\n" + self._stash(limits.render(template, rows, all_services=False)) + "\n"
            if limits.PAGE_MARKER not in text:  # the standard place: the end of the page
                text = text.rstrip() + "\n\n" + limits.PAGE_MARKER + "\n"
            text = text.replace(limits.PAGE_MARKER, table, 1)
        if limits.INDEX_MARKER in text:
            text = text.replace(limits.INDEX_MARKER, self._index(book, page, template, slugify, separator, correction_of), 1)
        return text.split("\n")

    def _stash(self, html: str) -> str:
        return stash_html(self.md, html)

    def _index(self, book, page: PageRef, template, slugify, separator, correction_of) -> str:
        entries = sorted(book.all(), key=lambda limit: (sort_title(limit.service), limit.page_path))
        titles: dict[str, dict] = {}

        def title_of(limit):
            if limit.page_path not in titles:
                body = frontmatter.body(sitedata.page_text(page.docs_dir, limit.page_path))
                titles[limit.page_path] = _titles(limits.sections(body, slugify, separator))
            return titles[limit.page_path].get(limit.section, limit.section or "Opening text")

        rows = limits.rows(entries, lambda limit: page.href(limit.page_path), title_of, correction_of)
        return self._stash(limits.render(template, rows, all_services=True))


class LimitsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"templates": ["", "the folder holding partials/ (default: the theme's custom_dir)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        register_page_marker(md)
        # Before snippets (32) and whitespace normalisation (30): the Markdown as the page holds it.
        md.preprocessors.register(_Limits(md, self.getConfig("templates")), "studyguide_limits", 35)
        register_unstash(md)


def makeExtension(**kwargs):
    return LimitsExtension(**kwargs)
