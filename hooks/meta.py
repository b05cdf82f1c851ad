"""Hook: give every page a meta description (front matter, else its opening text).

Wiring only; the rules live in hooks/studyguide/meta.py. overrides/partials/site-meta.html
prints page.meta.description, escaped, in <meta name="description">.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studyguide import crosslinks, meta
from studyguide.errors import DataError


# Early, so the opening text is the page's own Markdown, before widgets are injected.
# The cross-links are made inside the conversion now (studyguide.mdext.crosslinks, issue 22):
# the description reads the text without them, as it did when this hook ran before them.
@event_priority(50)
def on_page_content(html, page, config, files):
    try:
        text = crosslinks.unlinked(html)
        page.meta["description"] = meta.describe(page.meta.get("description"), text, page.title or "", page.file.src_uri)
    except DataError as error:
        raise PluginError(str(error)) from None
    return html
