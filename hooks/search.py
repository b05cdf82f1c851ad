"""Hook: tune Material's search index (names, compound spellings, boosts).

Wiring only; the rules live in hooks/studyguide/search.py. Runs after Material's
search plugin has indexed each page (lower priority), and rewrites that page's
entries in the plugin's index before the plugin writes search_index.json.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studyguide import buildcache, crosslinks, search, sitedata, state

log = get_plugin_logger(__name__)

# Every page's names → the page they belong to; built once per build from the catalog.
_owners: dict[tuple[str, ...], str] | None = None


# Each page's tuned entries, kept while its entries, its names and every page's names are unchanged.
_enriched = buildcache.BuildCache("search.entries")


_words = ""  # a digest of the everyday-words list, once per build


def _words_key() -> str:
    global _words
    if not _words:
        _words = buildcache.key(*sorted(crosslinks.everyday_words()))
    return _words


def on_pre_build(config):
    global _owners, _words
    _owners = None
    _words = ""
    _enriched.start_build()


def _search_plugin(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not getattr(plugin, "search_index", None):
        return None
    return plugin


def on_config(config):
    for name, plugin in config.plugins.items():
        if name.endswith("search"):
            missing = [field for field in search.EXTRA_FIELDS if field not in (plugin.config.get("fields") or {})]
            if missing:
                raise PluginError(f"mkdocs.yml: the search plugin needs 'fields:' entries for {', '.join(missing)} (see hooks/search.py)")
    return config


@event_priority(-100)  # after the search plugin's own on_page_context has indexed the page
def on_page_context(context, page, config, nav):
    plugin = _search_plugin(config)
    if plugin is None or not plugin.config.enabled:
        return context
    entries = plugin.search_index.entries
    start = search.page_entries(entries, page.url)
    global _owners
    catalog = state.require_catalog()
    catalog_page = catalog.by_path.get(page.file.src_uri)
    if _owners is None:
        _owners = search.name_owners(
            (p.id, p.names + tuple(n for _, names in getattr(p, "sections", ()) for n in names)) for p in catalog.pages.values()
        )
    info = search.PageInfo(
        id=catalog_page.id if catalog_page else "",
        url=page.url,
        kind=search.page_kind(catalog_page.type if catalog_page else None),
        names=catalog_page.names if catalog_page else (),
        sections=getattr(catalog_page, "sections", ()) if catalog_page else (),
    )
    mine = entries[start:]
    entries[start:] = _enriched.get(
        lambda: buildcache.key(sitedata.digest(catalog), _words_key(), repr(info), repr(mine)),
        lambda: search.enrich(mine, info, _owners, crosslinks.everyday_words()),
    )
    return context
