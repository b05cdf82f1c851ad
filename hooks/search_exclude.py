"""Hook: keep what search must not index away from the search plugin's parser.

Before Material's search plugin reads a page, the elements marked ``data-search-exclude``
(quiz widgets, the service map, the review line, and the What-changed and all-limits
tables, which repeat what the service pages say) are set aside, and ``on_post_page``
puts them back, so the written page is unchanged. The plugin would skip them anyway, but
only after parsing every tag: a quarter of its time on this site. Wiring only; the logic
is ``studyguide.htmlstash.set_aside``.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from studyguide import htmlstash

_aside = htmlstash.HtmlStash("search-excluded")  # per build


def on_pre_build(config):
    _aside.clear()


@event_priority(100)  # before the search plugin (priority 0) reads the page
def on_page_context(context, page, config, nav):
    # The offline build's print page copies every page's content: leave it whole there.
    if not config.extra.get("print_page"):
        page.content = htmlstash.set_aside(page.content or "", _aside)
    return context


@event_priority(100)  # first, so the other hooks (the CSP scan) see the page as written
def on_post_page(output, page, config):
    return _aside.restore(output)
