"""Hook: the glossary as tooltips on every page, and as the glossary page.

Wiring only; parsing and rendering live in hooks/studyguide/glossary.py.

The definitions in docs/includes/abbreviations.md become a small Markdown extension,
added to the site's in ``on_config``, that writes the ``<abbr>`` tooltips in one pass
over each page's tree. Appending the file to every page instead (pymdownx.snippets'
auto_append, read by the ``abbr`` extension) made the block parser re-test the
shrinking definition block once per definition, on every page: 60% of the build,
and quadratic in the glossary's size.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from studyguide import glossary, state
from studyguide.errors import DataError

ABBREVIATIONS = "includes/abbreviations.md"  # relative to docs/

_terms: list[glossary.Term] = []


def on_config(config):
    path = Path(config.docs_dir) / ABBREVIATIONS
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PluginError(f"docs/{ABBREVIATIONS}: the glossary file is missing") from None
    try:
        _terms[:] = glossary.parse(text, f"docs/{ABBREVIATIONS}")
        glossary.configure(config, _terms)
    except DataError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_markdown(markdown, page, config, files):
    if glossary.GLOSSARY_MARKER not in markdown:
        return markdown
    table = glossary.render(_terms, state.require_catalog(), page.file.src_uri)
    return markdown.replace(glossary.GLOSSARY_MARKER, table)
