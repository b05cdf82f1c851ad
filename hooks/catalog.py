"""Hook: load and validate every page's front matter, order the nav.

Wiring only; the rules live in hooks/studyguide/ (catalog, navigation). The listings are
the Markdown extension studyguide.mdext.listings.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studyguide import buildcache, errors, mdext, navigation, placeholders, sitedata, state
from studyguide.catalog import build_catalog
from studyguide.errors import DataError

log = get_plugin_logger(__name__)

# The catalog, kept while every page's Markdown is unchanged (`serve` in memory, `build` on disk).
_catalogs = buildcache.BuildCache("catalog")


def on_config(config):
    # Messages name files relative to the repository (docs/services/…:LINE), as editors open them.
    errors.set_docs_dir(os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path or ".") or "."))


def on_pre_build(config):
    state.reset()
    _catalogs.start_build()
    mdext.forget_stamps()
    sitedata.unpin()  # a new build: the Markdown extensions read the files' stamps again


# Run before every other on_files handler: the other features read the catalog.
@event_priority(100)
def on_files(files, config):
    # Text `make new-service` left, in pages and data files: every place at once, before other checks.
    left = [e for f in files if f.src_uri.endswith(placeholders.SCANNED) for e in placeholders.find(f.src_uri, f.content_string)]
    if left:
        raise PluginError(f"{len(left)} placeholder(s) to replace:\n{errors.join_errors(left)}")
    sources = [(f.src_uri, f.content_string) for f in files.documentation_pages()]
    key = buildcache.key("catalog", *(part for source in sources for part in source))
    try:
        # Its digest stays its content's (sitedata.digest: 3 ms), not this key: an edit to a page's
        # prose leaves the catalog, and every result keyed on it (links, quiz blocks), unchanged.
        state.catalog = _catalogs.get(key, lambda: build_catalog(sources))
    except DataError as error:
        raise PluginError(str(error)) from None
    catalog = state.catalog
    sitedata.pin(config.docs_dir, catalog=catalog)  # the extensions (studyguide.mdext) use this one
    log.debug("catalog: %d pages, %d categories", len(catalog.pages), len(catalog.categories))
    return files


def on_nav(nav, config, files):
    navigation.order(nav.items, state.require_catalog())
    nav.pages = navigation.pages_in_order(nav.items)
    navigation.relink(nav.pages)
    return nav


# The listings (a category's services, the home page's categories, the concepts) are the
# Markdown extension studyguide.mdext.listings, so Zensical shows them too.
