"""Hook: what AWS changed since the cheat sheet, on every view of the site.

Wiring only; loading, checks and views live in hooks/studyguide/corrections.py (records)
and hooks/studyguide/catalog.py (a service's ``lifecycle`` and ``reviewed`` month).
- on_files: load and validate every ``*.corrections.yml`` (after the catalog, before limits,
  which cite corrections), with file:line errors before any page converts, and hand the
  records to the Markdown extension (``sitedata.pin``).

The notes after the words they correct, the status banner of a retired, closed or renamed
service, the review month at the foot and the "What changed since the cheat sheet" table are
the Markdown extension studyguide.mdext.corrections, so Zensical shows them too. They are in
the page before the search plugin indexes it, and before the cross-links, so service names in
a note link to their pages.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studyguide import buildcache, corrections, sitedata, state
from studyguide.errors import join_errors
from studyguide.mdext import corrections as mdext_corrections

log = get_plugin_logger(__name__)

# The records, kept while the files and the catalog are unchanged (`serve` in memory, `build` on disk).
_books = buildcache.BuildCache("corrections.book")


def on_pre_build(config):
    _books.start_build()
    mdext_corrections.NOTES.start_build()  # each page's notes, banner and review month


# The records live in studyguide.state, which hooks/catalog.py resets, so hooks/limits.py reads them too.


@event_priority(60)  # after hooks/catalog.py (100), before hooks/limits.py (50), which cites corrections
def on_files(files, config):
    sources = [(f.src_uri, f.content_string) for f in files if f.src_uri.endswith(corrections.SUFFIX)]
    catalog = state.require_catalog()
    key = buildcache.key("corrections", sitedata.digest(catalog), *(part for source in sources for part in source))
    book, errors = _books.get(key, lambda: corrections.load_book(sources, catalog))
    sitedata.known_digest(book, key)
    if errors:
        raise PluginError(f"{len(errors)} problem(s) in the corrections files:\n{join_errors(errors)}")
    state.corrections = book
    sitedata.pin(config.docs_dir, corrections=book)  # the extension studyguide.mdext.corrections uses this one
    log.debug("corrections: %d records for %d pages", len(book.all()), len(book.by_page))
    return files


@event_priority(70)
def on_page_content(html, page, config, files):
    # The notes, the banner and the review month are in ``html`` already (studyguide.mdext.corrections).
    if html.endswith("</p>") and '<p class="sg-reviewed"' in html[-300:]:
        html += "\n"  # Python-Markdown strips the newline after the review month: the page stays byte for byte as before
    return html
