"""Hook: link every mention of a service to its page; backlinks, related services, service map.

Wiring only; the matching lives in hooks/studyguide/crosslinks.py and the graph
in hooks/studyguide/linkgraph.py. The links themselves are made while each page converts,
by the Markdown extension studyguide.mdext.crosslinks (so Zensical makes them too); this
hook checks the names (no everyday-English alias) before any page converts, collects the
links each page got (on_page_content) for the backlinks, related services and service map,
and checks what MkDocs cannot: every section anchor is a heading of its page.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from studyguide import buildcache, crosslinks, linkgraph, sitedata, state
from studyguide.errors import DataError, shown
from studyguide.mdext import crosslinks as mdext_crosslinks

log = get_plugin_logger(__name__)


class _Build:
    """Everything one build collects; replaced in on_pre_build (``mkdocs serve`` keeps this module)."""

    def __init__(self):
        self.linker: crosslinks.Linker | None = None
        self.files = None
        self.graph = linkgraph.Graph()
        self.map_pages: list = []
        self.anchors: dict[str, set[str]] = {}  # src path -> heading ids, for pages with sections
        self.catalog_key = ""  # every page's names and paths, and the everyday-words list


_build = _Build()
# `mkdocs serve`: the names' check, skipped while the names and the word list are unchanged.
_checked = buildcache.BuildCache("crosslinks.checked")


def on_pre_build(config):
    global _build
    _build = _Build()
    crosslinks.everyday_words.cache_clear()  # `mkdocs serve`: pick up an edited word list
    _checked.start_build()
    mdext_crosslinks.PAGES.start_build()  # `mkdocs serve`: each page's links, reused while unchanged


def on_files(files, config):
    catalog = state.require_catalog()
    _build.catalog_key = buildcache.key(sitedata.digest(catalog), crosslinks.EVERYDAY_WORDS_FILE.read_bytes())

    def check() -> bool:
        try:
            crosslinks.check_names(catalog, _Sources(files))
        except DataError as error:
            raise PluginError(str(error)) from None
        return True

    _checked.get(_build.catalog_key, check)
    _build.linker = mdext_crosslinks.linker_for(catalog)  # the extension's own linker: its hits feed the links report
    _build.linker.hits.clear()
    mdext_crosslinks.LINKED.clear()
    _build.files = files
    return files


class _Sources(dict):
    """Page sources read on demand (only to give the line of a bad name)."""

    def __init__(self, files):
        super().__init__()
        self._files = files

    def __contains__(self, src_path):
        return self._files.get_file_from_path(src_path) is not None

    def __missing__(self, src_path):
        return self._files.get_file_from_path(src_path).content_string


def _toc_ids(items) -> set[str]:
    out = set()
    for item in items:
        out.add(item.id)
        out |= _toc_ids(item.children)
    return out


def on_page_content(html, page, config, files):
    """The links are in ``html`` already (studyguide.mdext.crosslinks): record them for the graph."""
    catalog = state.require_catalog()
    src = page.file.src_uri
    me = catalog.by_path.get(src)
    if me is not None and me.sections:
        _build.anchors[src] = _toc_ids(page.toc.items)  # checked in on_env, once every page is converted
    if crosslinks.SERVICE_MAP_MARKER in html:
        _build.map_pages.append(page)
    mentions, _hits = mdext_crosslinks.LINKED.pop(src, ([], {}))
    _build.graph.add(me.id if me else None, mentions)
    if me is None and mentions:
        log.debug("%s: %d cross-links", src, len(mentions))
    return html


def on_env(env, config, files):
    catalog = state.require_catalog()
    for src, ids in _build.anchors.items():
        for anchor, names in catalog.by_path[src].sections:
            if anchor not in ids:
                raise PluginError(
                    f"{shown(src)}: sections: '{anchor}' is not the anchor of a heading on this page, so links to "
                    f"{', '.join(names)} would be dead (its anchors: {', '.join(sorted(ids)) or 'none'})"
                )
    if _build.map_pages:
        smap = linkgraph.service_map(catalog, _build.graph)
        template = env.get_template("partials/service-map.html")
        for page in _build.map_pages:
            hrefs = {n.id: get_relative_url(files.get_file_from_path(catalog.pages[n.id].src_path).url, page.file.url) for n in smap.nodes}
            statuses = {n.id: catalog.pages[n.id].status.state for n in smap.nodes if catalog.pages[n.id].status}
            page.content = page.content.replace(crosslinks.SERVICE_MAP_MARKER, template.render(smap=smap, hrefs=hrefs, statuses=statuses))
    return env


def on_page_context(context, page, config, nav):
    catalog = state.require_catalog()
    me = catalog.by_path.get(page.file.src_uri)
    if me is None:
        return context
    files = _build.files

    def url(src_path: str, anchor: str | None = None) -> str:
        target = get_relative_url(files.get_file_from_path(src_path).url, page.file.url)
        return f"{target}#{anchor}" if anchor else target

    mentioned_on = []
    for source_id, links in _build.graph.mentioned_on(me.id, catalog):
        source = catalog.pages[source_id]
        sections = [{"title": b.section_title, "href": url(source.src_path, b.section_anchor)} for b in links if b.section_anchor]
        mentioned_on.append({"title": source.title, "href": url(source.src_path), "sections": sections})
    related = [
        {"title": catalog.pages[i].title, "href": url(catalog.pages[i].src_path), "weight": w}
        for i, w in _build.graph.related(me.id, catalog)
    ]
    context["crosslinks"] = {"mentioned_on": mentioned_on, "related": related}
    return context


def last_build() -> tuple[linkgraph.Graph, crosslinks.Linker | None]:
    """The link graph and the linker of the last build (scripts/links_report.py reads them)."""
    return _build.graph, _build.linker
