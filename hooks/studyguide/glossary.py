"""The glossary: AWS acronyms, defined once, shown as tooltips and on one page.

The definitions live in ``docs/includes/abbreviations.md`` as Markdown
abbreviations (``*[DX]: AWS Direct Connect``). pymdownx.snippets appends that
file to every page, so the ``abbr`` extension turns each acronym into a
tooltip; this module reads the same file to render the glossary page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalog import Catalog
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
