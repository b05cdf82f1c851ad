"""The glossary: AWS acronyms, defined once, shown as tooltips and on one page.

The definitions live in ``docs/includes/abbreviations.md`` as Markdown
abbreviations (``*[DX]: AWS Direct Connect``). ``configure`` adds a small Markdown
extension that turns each acronym into a tooltip on every page in one pass; ``render`` writes the glossary page from the same list.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .catalog import Catalog
from .crosslinks import trie_pattern
from .errors import DataError
from .markdown import escape, relative_link

GLOSSARY_MARKER = "<!-- glossary -->"
_DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.*\S)\s*$")


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    line: int


def parse(text: str, path: str) -> list[Term]:
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("<!--"):
            continue
        match = _DEFINITION.match(line)
        if not match:
            raise DataError(path, "expected an abbreviation like '*[DX]: AWS Direct Connect'", line=number, entry=line[:60])
        term, meaning = match["term"].strip(), match["meaning"]
        if term in seen:
            raise DataError(path, f"'{term}' is defined twice (first on line {seen[term]})", line=number, entry=term)
        seen[term] = number
        terms.append(Term(term, meaning, number))
    return sorted(terms, key=lambda t: t.term.casefold())


class GlossaryTooltips(Treeprocessor):
    """``<abbr title>`` around every glossary term in the page's prose, in one pass per page.

    The ``abbr`` extension's own tree processor with two rules added: it never enters
    headings, code or links (a tooltip there is noise, and a link's text is already
    a target). One regex over all the terms, compiled once per build, not per page.
    """

    SKIP = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "abbr", "script", "style"})

    def __init__(self, md, terms: dict[str, str]):
        super().__init__(md)
        self.terms = terms
        self.regex = _terms_regex(tuple(sorted(terms, key=len, reverse=True)))

    def run(self, root):
        if self.terms:
            self._walk(root)

    def _walk(self, el) -> None:
        # Last child first: the tooltips inserted after a child do not move the children before it,
        # so each child's index is its position in the original list (no search of the parent).
        children = list(el)
        for index in range(len(children) - 1, -1, -1):
            child = children[index]
            if child.tag not in self.SKIP:
                self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail = self._wrap(el, index + 1, child.tail)
        if el.text and not isinstance(el.text, AtomicString):
            el.text = self._wrap(el, 0, el.text)

    def _wrap(self, parent, index: int, text: str) -> str:
        """Insert ``<abbr>`` elements for the terms in ``text`` at ``index``; return the text before them."""
        matches = list(self.regex.finditer(text))
        for match in reversed(matches):
            abbr = etree.Element("abbr", {"title": self.terms[match.group(0)]})
            abbr.text = AtomicString(match.group(0))
            abbr.tail = text[match.end() :]
            parent.insert(index, abbr)
            text = text[: match.start()]
        return text


@functools.lru_cache(maxsize=4)
def _terms_regex(terms: tuple[str, ...]) -> re.Pattern:
    # A trie, not a plain alternation of the terms: the same matches (longest first), 5x faster.
    return re.compile(r"\b(?:" + trie_pattern(terms) + r")\b")


class GlossaryExtension(Extension):
    """Python-Markdown extension that writes the glossary's tooltips (see ``GlossaryTooltips``)."""

    def __init__(self, terms: list[Term]):
        super().__init__()
        self.terms = {t.term: t.meaning for t in terms}

    def extendMarkdown(self, md):
        # After inline parsing (20) and the page's own abbreviations (7), before the table of contents (5).
        md.treeprocessors.register(GlossaryTooltips(md, self.terms), "glossary_tooltips", 6.5)


def configure(config, terms: list[Term]) -> None:
    """Add the glossary's tooltips to the Markdown of every page of ``config`` (a MkDocs config)."""
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, GlossaryExtension)]
    config.markdown_extensions.append(GlossaryExtension(terms))


def render(terms: list[Term], catalog: Catalog, from_src: str) -> str:
    """A table of every term; a term that names a page links to it."""
    pages_by_name = {}
    for page in catalog.pages.values():
        for name in page.names:
            pages_by_name.setdefault(name, page)
    rows = ["| Term | Meaning | Page |", "| --- | --- | --- |"]
    for t in terms:
        page = pages_by_name.get(t.term)
        cell = f"[{escape(page.title)}]({relative_link(from_src, page.src_path)})" if page else ""
        rows.append(f"| {escape(t.term)} | {escape(t.meaning)} | {cell} |")
    return "\n".join(rows) + "\n"
