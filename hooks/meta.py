"""Hook: give every page a meta description (front matter, else its opening text).

Wiring only; the rules live in hooks/studyguide/meta.py. overrides/partials/site-meta.html
prints page.meta.description, escaped, in <meta name="description">.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studyguide import buildcache, crosslinks, meta
from studyguide.errors import DataError

# Each page's description, kept while its HTML, title and front matter are unchanged.
_descriptions = buildcache.BuildCache("meta.descriptions")


def on_pre_build(config):
    _descriptions.start_build()


# Early, so the opening text is the page's own Markdown, before widgets are injected.
# The cross-links are made inside the conversion now (studyguide.mdext.crosslinks, issue 22):
# the description reads the text without them, as it did when this hook ran before them.
@event_priority(50)
def on_page_content(html, page, config, files):
    given, title, src = page.meta.get("description"), page.title or "", page.file.src_uri
    try:
        page.meta["description"] = _descriptions.get(
            lambda: buildcache.key(repr(given), title, src, html),
            lambda: meta.describe(given, crosslinks.unlinked(html), title, src),
        )
    except DataError as error:
        raise PluginError(str(error)) from None
    return html
