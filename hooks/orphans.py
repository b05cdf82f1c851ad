"""Hook: warn about a service or concept page that no other page links to.

Wiring only; the rule lives in hooks/studyguide/orphans.py. Runs after hooks/crosslinks.py
(mkdocs.yml lists it later), so a page's HTML already holds the cross-links the build made.
The warning goes through MkDocs' logger, so `mkdocs build --strict` (make build, CI) fails.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from studyguide import orphans, quizzes, state

log = get_plugin_logger(__name__)

_inbound = orphans.Inbound()


def on_files(files, config):
    global _inbound
    catalog = state.require_catalog()
    _inbound = orphans.Inbound()
    for src in catalog.by_path:
        file = files.get_file_from_path(src)
        if file is not None:
            _inbound.url_of[src] = file.url
    return files


def on_page_content(html, page, config, files):
    if page.file.src_uri in _inbound.url_of:
        # A link in a question's explanation is not a link in the page's text (the quiz block is
        # in the page's HTML since it became a Markdown extension, issue 22).
        _inbound.add(page.file.src_uri, page.url, quizzes.without_block(html))
    return html


def on_env(env, config, files):
    if not _inbound.complete():  # a `serve --dirty` rebuild converts only the edited pages
        return env
    known = orphans.known_unlinked(Path(config.docs_dir) / orphans.KNOWN_FILE)
    lonely, stale = orphans.unlinked(state.require_catalog(), _inbound.linked, known)
    for page in lonely:
        log.warning(orphans.message(page))
    for src in stale:
        log.warning(orphans.stale_message(src))
    return env
