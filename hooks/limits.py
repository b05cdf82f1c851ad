"""Hook: service limits from ``<page>.limits.yml`` as tables on each page and on the limits page.

Wiring only; loading, checks and formatting live in hooks/studyguide/limits.py.
- on_files: load and validate every ``*.limits.yml`` (after the catalog, priority 100);
- on_page_markdown: check each entry's quote against its section of the page, then put
  a "Limits and quotas" heading and table at ``<!-- limits -->`` or at the end of the page,
  and the table of every limit at ``<!-- limits-all -->`` (docs/limits.md);
- on_page_content: swap the tables in for their placeholders (studyguide/htmlstash.py);
  the anchors the entries name must exist in the rendered page.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studyguide import frontmatter, htmlstash, limits, state
from studyguide.catalog import sort_title
from studyguide.errors import DataError, join_errors, shown

log = get_plugin_logger(__name__)

TEMPLATE = "partials/limits-table.html"

# Per-build state, reset in on_pre_build (mkdocs serve keeps this module loaded).
_book: limits.LimitBook | None = None
_template = None
_titles: dict[str, dict[str | None, str]] = {}  # page path -> anchor -> section title
_slugify = None
_tables = htmlstash.HtmlStash("limits")  # the rendered tables, placed once the page is HTML


def on_pre_build(config):
    global _book, _template, _slugify
    _book = None
    _titles.clear()
    _tables.clear()
    limits.skeleton.cache_clear()
    _template = config.theme.get_env().overlay(autoescape=True).get_template(TEMPLATE)
    toc = config.mdx_configs.get("toc", {})
    slugify = toc.get("slugify")
    separator = toc.get("separator", "-")
    _slugify = (slugify, separator) if slugify else (limits.default_slugify, separator)


@event_priority(50)  # after hooks/catalog.py (100), which loads the catalog this needs
def on_files(files, config):
    global _book
    catalog = state.require_catalog()
    sources = [(f.src_uri, f.content_string) for f in files if f.src_uri.endswith(limits.SUFFIX)]
    stray = [f.src_uri for f in files if f.src_uri.endswith(".limits.yaml")]
    errors = [DataError(s, f"limit files end in '{limits.SUFFIX}', not '.limits.yaml'") for s in stray]
    book = limits.LimitBook()
    for src, text in sorted(sources):
        try:
            entries = limits.load_file(src, text, catalog)
        except DataError as error:
            errors.append(error)
            continue
        if entries:
            book.by_page[limits.page_path_for(src)] = entries
    errors += limits.check_corrections(book, state.require_corrections().find)
    if errors:
        raise PluginError(f"{len(errors)} problem(s) in the limit files:\n{join_errors(errors)}")
    _book = book
    log.debug("limits: %d entries for %d pages", len(book.all()), len(book.by_page))
    return files


def _require_book() -> limits.LimitBook:
    if _book is None:
        raise RuntimeError("the limits are not loaded: hooks/limits.py's on_files did not run")
    return _book


def _sections_of(markdown: str):
    slugify, separator = _slugify
    return limits.sections(markdown, slugify, separator)


def _section_titles(sections) -> dict[str | None, str]:
    """What the Source column says: the heading, or "Opening text" before the first heading."""
    return {anchor: section.title if anchor else "Opening text" for anchor, section in sections.items()}


def _page_table(entries: list[limits.Limit], titles: dict[str | None, str]) -> str:
    rows = limits.rows(entries, lambda _limit: "", lambda limit: titles[limit.section], _correction_of)
    return f"## {limits.PAGE_HEADING}\n\n" + _tables.put(limits.render(_template, rows, all_services=False)) + "\n"


@event_priority(50)  # before hooks that append their own blocks at the end of the page
def on_page_markdown(markdown, page, config, files):
    book = _require_book()
    src = page.file.src_uri
    entries = book.for_page(src)
    if entries:
        sections = _sections_of(markdown)
        _titles[src] = _section_titles(sections)
        errors = []
        for limit in entries:
            try:
                limits.check_prose(limit, sections)
            except DataError as error:
                errors.append(error)
        if errors:
            raise PluginError(f"{len(errors)} limit(s) disagree with {shown(src)}:\n{join_errors(errors)}")
        table = _page_table(entries, _titles[src])  # every section exists: check_prose passed
        if limits.PAGE_MARKER not in markdown:  # the standard place: the end of the page
            markdown = markdown.rstrip() + "\n\n" + limits.PAGE_MARKER + "\n"
        markdown = markdown.replace(limits.PAGE_MARKER, table, 1)
    elif limits.PAGE_MARKER in markdown:
        log.warning(
            "%s: '%s' marks where the limits table goes, but no %s file has entries for this page",
            shown(src),
            limits.PAGE_MARKER,
            limits.SUFFIX,
        )
    if limits.INDEX_MARKER in markdown:
        markdown = markdown.replace(limits.INDEX_MARKER, _index_table(book, page, files), 1)
    return markdown


def _index_table(book: limits.LimitBook, page, files) -> str:
    entries = sorted(book.all(), key=lambda limit: (sort_title(limit.service), limit.page_path))

    def url_of(limit):
        return files.get_file_from_path(limit.page_path).url_relative_to(page.file)

    def title_of(limit):
        titles = _titles.get(limit.page_path)
        if titles is None:  # the page is rendered later: read its sections now
            target = files.get_file_from_path(limit.page_path)
            titles = _section_titles(_sections_of(frontmatter.body(target.content_string)))
            _titles[limit.page_path] = titles
        return titles.get(limit.section, limit.section or "Opening text")

    return _tables.put(limits.render(_template, limits.rows(entries, url_of, title_of, _correction_of), all_services=True))


def _correction_of(limit):
    return state.require_corrections().find(limit.page_path, limit.correction)


@event_priority(90)  # first: every other hook sees the page with its tables, as before
def on_page_content(html, page, config, files):
    html = _tables.restore(html, page.present_anchor_ids)
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
