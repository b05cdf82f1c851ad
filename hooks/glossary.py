"""Hook: render the glossary page from docs/includes/abbreviations.md.

Wiring only; parsing and rendering live in hooks/studyguide/glossary.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from studyguide import glossary, state
from studyguide.errors import DataError

ABBREVIATIONS = "includes/abbreviations.md"  # relative to docs/, as snippets' auto_append names it

_terms: list[glossary.Term] = []


def on_pre_build(config):
    path = Path(config.docs_dir) / ABBREVIATIONS
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PluginError(f"{ABBREVIATIONS}: the glossary file is missing from docs/") from None
    try:
        _terms[:] = glossary.parse(text, f"docs/{ABBREVIATIONS}")
    except DataError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown, page, config, files):
    if glossary.GLOSSARY_MARKER not in markdown:
        return markdown
    table = glossary.render(_terms, state.require_catalog(), page.file.src_uri)
    return markdown.replace(glossary.GLOSSARY_MARKER, table)
