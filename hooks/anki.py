"""Hook: the whole question bank as an Anki deck, ``downloads/sap-c02-questions.apkg``.

Wiring only; the notes and the file come from hooks/studyguide/anki.py.
- on_files (after hooks/quizzes.py, which loads the bank): add the deck as a generated
  file. MkDocs copies it into the site like any static file, and the Markdown links to it
  from the home and progress pages are checked like links to any other file: a build
  without this hook fails on them in strict mode instead of shipping a dead link.

``mkdocs serve`` keeps this module loaded: the last deck is kept with a hash of what it
was made from, so a rebuild with an unchanged bank copies its bytes (hashing the bank
takes about 0.01 s, making the deck 0.07 s for 860 questions); any change to a question,
a page title or ``site_url`` makes it anew.
"""

from __future__ import annotations

import os
import time

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from studyguide import anki, buildcache, sitedata, state

log = get_plugin_logger(__name__)

# `mkdocs serve`: the deck's bytes, reused while the bank, the page titles and site_url are unchanged.
_decks = buildcache.BuildCache("anki.deck")


def on_pre_build(config):
    _decks.start_build()


def on_files(files, config):
    if not config.site_url:
        raise PluginError("mkdocs.yml: 'site_url' is required: the Anki deck's notes link to the pages with absolute URLs")
    if files.get_file_from_path(anki.DECK_URI) is not None:
        raise PluginError(f"docs/{anki.DECK_URI}: this path is the generated Anki deck; move or remove the file")
    bank, catalog = state.require_quiz_bank(), state.require_catalog()
    start = time.perf_counter()

    def make() -> bytes:
        stamp = anki.newest_mtime(os.path.join(config.docs_dir, path) for path in anki.source_paths(bank, catalog))
        return anki.package(anki.notes_for(bank, catalog, config.site_url), stamp, anki.description_for(config.site_url))

    misses = _decks.misses
    # The bank's and the catalog's digests are their hooks' cache keys (every quiz file and page):
    # cheaper than printing the 860 questions, and they cover every input of the notes.
    key = lambda: buildcache.key("anki", anki.LAYOUT_VERSION, config.site_url, sitedata.digest(bank), sitedata.digest(catalog))  # noqa: E731
    data = _decks.get(key, make)
    files.append(File.generated(config, anki.DECK_URI, content=data))
    log.debug(
        "anki: %d notes, %d bytes, %s in %.3f s",
        len(bank.questions),
        len(data),
        "built" if _decks.misses > misses else "reused",
        time.perf_counter() - start,
    )
    return files
