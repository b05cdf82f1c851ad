"""Hook: Material's search plugin reads each page without the tags it would throw away.

Just before the plugin reads a page, ``page.content`` becomes the search view of it
(hooks/studyguide/searchview.py: no ``data-search-exclude`` elements, cross-link and
tooltip tags unwrapped); just after, the full page is back for the templates. The index
is the same, the written page is the same, and the plugin parses far fewer tags.

Two handlers for one event, around the plugin's own (priority 0): MkDocs' CombinedEvent.
"""

from __future__ import annotations

from mkdocs.plugins import CombinedEvent, event_priority

from studyguide import searchview

_full: dict[str, str] = {}  # page src path -> its content, while the plugin reads the search view


def on_pre_build(config):
    _full.clear()


@event_priority(100)  # before the search plugin reads the page
def _show_search_view(context, page, config, nav):
    # The offline build's print page copies every page's content: leave it whole there.
    if not config.extra.get("print_page") and page.content:
        _full[page.file.src_uri] = page.content
        page.content = searchview.for_search(page.content)
    return context


@event_priority(-50)  # after the search plugin, before the templates render the page
def _show_full_page(context, page, config, nav):
    full = _full.pop(page.file.src_uri, None)
    if full is not None:
        page.content = full
    return context


on_page_context = CombinedEvent(_show_search_view, _show_full_page)
