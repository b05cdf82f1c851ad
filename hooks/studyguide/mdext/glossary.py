"""Extension ``studyguide.mdext.glossary``: the glossary's tooltips on every page, and the glossary page.

- a tree processor puts ``<abbr title>`` around every term of ``docs/includes/abbreviations.md``
  in the page's prose, in one pass (``studyguide.glossary.GlossaryTooltips``: never in headings,
  code or links);
- a preprocessor replaces ``<!-- glossary -->`` (docs/glossary.md) with the table of every term,
  a term that names a page linking to it (a relative ``.md`` link, which both engines resolve
  and MkDocs checks).

The terms and the catalog come from ``studyguide.sitedata`` (read once, reloaded on edits).
"""

from __future__ import annotations

from pathlib import Path

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .. import glossary, sitedata
from ..errors import DataError
from . import build_error, page_of, register_page_marker


def _docs(md, fallback: str) -> Path:
    page = page_of(md)
    return page.docs_dir if page is not None else Path(fallback).resolve()


class _Tooltips(glossary.GlossaryTooltips):
    def __init__(self, md, docs_dir: str):
        super().__init__(md, {})
        self.docs_dir = docs_dir

    def run(self, root):
        try:
            terms = sitedata.glossary_terms(_docs(self.md, self.docs_dir))
        except DataError as error:
            raise build_error(str(error)) from None
        self.terms, self.regex = _term_map(terms)
        return super().run(root)


_maps: dict[int, tuple[list, dict[str, str], object]] = {}


def _term_map(terms: list[glossary.Term]):
    """``{term: meaning}`` and the regex of every term, made once per list of terms (a new list after an edit)."""
    cached = _maps.get(id(terms))
    if cached is None or cached[0] is not terms:
        _maps.clear()
        meanings = {t.term: t.meaning for t in terms}
        cached = _maps[id(terms)] = (terms, meanings, glossary._terms_regex(tuple(sorted(meanings, key=len, reverse=True))))
    return cached[1], cached[2]


class _GlossaryPage(Preprocessor):
    """The table of every term at ``<!-- glossary -->``."""

    def __init__(self, md, docs_dir: str):
        super().__init__(md)
        self.docs_dir = docs_dir

    def run(self, lines: list[str]) -> list[str]:
        if not any(glossary.GLOSSARY_MARKER in line for line in lines):
            return lines
        page = page_of(self.md)
        docs = _docs(self.md, self.docs_dir)
        try:
            terms, catalog = sitedata.glossary_terms(docs), sitedata.catalog(docs)
        except DataError as error:
            raise build_error(str(error)) from None
        table = glossary.render(terms, catalog, page.src if page else "glossary.md")
        text = "\n".join(lines).replace(glossary.GLOSSARY_MARKER, table)
        return text.split("\n")


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"docs_dir": ["docs", "the docs folder, when the engine does not say (plain Markdown)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        register_page_marker(md)
        docs_dir = self.getConfig("docs_dir")
        # After inline parsing (20) and the page's own abbreviations (7), before the table of contents (5).
        md.treeprocessors.register(_Tooltips(md, docs_dir), "glossary_tooltips", 6.5)
        # Before the block parser; after the engines' own preprocessors that set up the page.
        md.preprocessors.register(_GlossaryPage(md, docs_dir), "glossary_page", 25)


def makeExtension(**kwargs):
    return GlossaryExtension(**kwargs)
