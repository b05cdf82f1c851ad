"""Hook: check the limits of ``<page>.limits.yml`` for the whole site; the tables are an extension.

The "Limits and quotas" table of each page and the table of every limit on the limits page
are the Markdown extension ``studyguide.mdext.limits`` (so Zensical shows them too). This hook
keeps what only MkDocs can do, with file:line errors:
- on_files: load and validate every ``*.limits.yml`` before any page converts (after the
  catalog, priority 100, and the corrections, 60, which limits cite), and hand the book to the
  extension (``sitedata.pin``);
- on_page_markdown: warn about a ``<!-- limits -->`` marker on a page with no limits;
- on_page_content: the anchors the entries name must exist in the rendered page.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studyguide import buildcache, limits, sitedata, state
from studyguide.errors import DataError, join_errors, shown

log = get_plugin_logger(__name__)

_book: limits.LimitBook | None = None  # this build's, set in on_files
# The book, kept while the files, the catalog and the corrections are unchanged (`serve`: memory, `build`: disk).
_books = buildcache.BuildCache("limits.book")


def on_pre_build(config):
    global _book
    _book = None
    _books.start_build()
    limits.skeleton.cache_clear()


@event_priority(50)  # after hooks/catalog.py (100) and hooks/corrections.py (60)
def on_files(files, config):
    global _book
    catalog = state.require_catalog()
    sources = [(f.src_uri, f.content_string) for f in files if f.src_uri.endswith(limits.SUFFIX)]
    stray = [f.src_uri for f in files if f.src_uri.endswith(".limits.yaml")]
    errors = [DataError(s, f"limit files end in '{limits.SUFFIX}', not '.limits.yaml'") for s in stray]
    notes = state.require_corrections()
    key = buildcache.key("limits", sitedata.digest(catalog), sitedata.digest(notes), *(part for source in sources for part in source))
    book, problems = _books.get(key, lambda: limits.load_book(sources, catalog, notes.find))
    errors += problems
    if errors:
        raise PluginError(f"{len(errors)} problem(s) in the limit files:\n{join_errors(errors)}")
    _book = book
    sitedata.pin(config.docs_dir, limits=book)  # the extension studyguide.mdext.limits uses this one
    log.debug("limits: %d entries for %d pages", len(book.all()), len(book.by_page))
    return files


def _require_book() -> limits.LimitBook:
    if _book is None:
        raise RuntimeError("the limits are not loaded: hooks/limits.py's on_files did not run")
    return _book


def on_page_markdown(markdown, page, config, files):
    if limits.PAGE_MARKER in markdown and not _require_book().for_page(page.file.src_uri):
        log.warning(
            "%s: '%s' marks where the limits table goes, but no %s file has entries for this page",
            shown(page.file.src_uri),
            limits.PAGE_MARKER,
            limits.SUFFIX,
        )
    return markdown


@event_priority(90)
def on_page_content(html, page, config, files):
    entries = _require_book().for_page(page.file.src_uri)
    missing = [limit for limit in entries if limit.section and f'id="{limit.section}"' not in html]
    if missing:
        problems = [
            DataError(
                limit.file,
                f"'section: {limit.section}' is not an anchor of the rendered page {shown(limit.page_path)}",
                limit.key_lines.get("section", limit.line),
                limit.id,
            )
            for limit in missing
        ]
        raise PluginError(join_errors(problems))
    return html
