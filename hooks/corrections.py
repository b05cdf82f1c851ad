"""Hook: what AWS changed since the cheat sheet, on every view of the site.

Wiring only; loading, checks and views live in hooks/studyguide/corrections.py (records)
and hooks/studyguide/catalog.py (a service's ``lifecycle`` and ``reviewed`` month).
- on_files: load and validate every ``*.corrections.yml`` (after the catalog, before limits,
  which cite corrections);
- on_page_markdown: fill the "What changed since the cheat sheet" table at ``<!-- what-changed -->``;
- on_page_content: put each correction's note right after the words it quotes (a quote not
  on the page fails the build), the status banner at the top of a retired, closed or renamed
  service, and the review month at the foot. This runs before the search plugin indexes the
  page, so the notes and the banner are searchable, and before the cross-links (priority 0),
  so service names in a note link to their pages.
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studyguide import corrections, htmlstash, sitedata, state
from studyguide.mdext.corrections import note_text
from studyguide.errors import join_errors
from studyguide.provenance import month_label

log = get_plugin_logger(__name__)

# Per-build state, reset in on_pre_build (mkdocs serve keeps this module loaded); the records
# themselves live in studyguide.state, which hooks/catalog.py resets, so hooks/limits.py reads them too.
_templates = None
_tables = htmlstash.HtmlStash("what-changed")  # the What-changed table, placed once the page is HTML


def on_pre_build(config):
    global _templates
    _templates = config.theme.get_env().overlay(autoescape=True)
    _tables.clear()


@event_priority(60)  # after hooks/catalog.py (100), before hooks/limits.py (50), which cites corrections
def on_files(files, config):
    sources = [(f.src_uri, f.content_string) for f in files if f.src_uri.endswith(corrections.SUFFIX)]
    book, errors = corrections.load_book(sources, state.require_catalog())
    if errors:
        raise PluginError(f"{len(errors)} problem(s) in the corrections files:\n{join_errors(errors)}")
    state.corrections = book
    sitedata.pin(config.docs_dir, corrections=book)  # the extension studyguide.mdext.corrections uses this one
    log.debug("corrections: %d records for %d pages", len(book.all()), len(book.by_page))
    return files


def on_page_markdown(markdown, page, config, files):
    if corrections.INDEX_MARKER not in markdown:
        return markdown
    catalog = state.require_catalog()

    def url_of(src_path: str) -> str:
        return files.get_file_from_path(src_path).url_relative_to(page.file)

    rows = corrections.changes(state.require_corrections(), catalog, url_of, note_text)
    table = _templates.get_template("partials/what-changed.html").render(rows=rows)
    html = "\n".join(line.strip() for line in table.splitlines() if line.strip())  # one raw-HTML block
    return markdown.replace(corrections.INDEX_MARKER, _tables.put(html), 1)


@event_priority(70)
def on_page_content(html, page, config, files):
    # The notes, the banner and the review month are in ``html`` already (studyguide.mdext.corrections);
    # the What-changed table too (studyguide.mdext restores the stashes before the notes and the links).
    html = _tables.restore(html, page.present_anchor_ids)
    if html.endswith("</p>") and '<p class="sg-reviewed"' in html[-300:]:
        html += "\n"  # Python-Markdown strips the newline after the review month: the page stays byte for byte as before
    return html
