"""Hook: link every mention of a service to its page; backlinks, related services, service map.

Wiring only; the matching lives in hooks/studyguide/crosslinks.py and the graph
in hooks/studyguide/linkgraph.py. Links are made in each page's HTML
(on_page_content), so this hook checks what MkDocs cannot: every target page
exists and every section anchor is a heading of its page; otherwise the build fails.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from studyguide import crosslinks, linkgraph, state
from studyguide.errors import DataError

log = get_plugin_logger(__name__)


class _Build:
    """Everything one build collects; replaced in on_pre_build (``mkdocs serve`` keeps this module)."""

    def __init__(self):
        self.linker: crosslinks.Linker | None = None
        self.files = None
        self.graph = linkgraph.Graph()
        self.map_pages: list = []
        self.contexts: dict[str, dict] = {}


_build = _Build()


def on_pre_build(config):
    global _build
    _build = _Build()


def on_files(files, config):
    catalog = state.require_catalog()
    sources = {f.src_uri: f.content_string for f in files.documentation_pages() if f.src_uri in catalog.by_path}
    try:
        crosslinks.check_names(catalog, sources)
    except DataError as error:
        raise PluginError(str(error)) from None
    _build.linker = crosslinks.Linker(catalog)
    _build.files = files
    return files


def _toc_ids(items) -> set[str]:
    out = set()
    for item in items:
        out.add(item.id)
        out |= _toc_ids(item.children)
    return out


def on_page_content(html, page, config, files):
    catalog = state.require_catalog()
    src = page.file.src_uri
    me = catalog.by_path.get(src)
    if me is not None and me.sections:
        ids = _toc_ids(page.toc.items)
        for anchor, names in me.sections:
            if anchor not in ids:
                raise PluginError(
                    f"{src}: sections: '{anchor}' is not the anchor of a heading on this page "
                    f"(names: {', '.join(names)}; anchors: {', '.join(sorted(ids)) or 'none'})"
                )
    if crosslinks.SERVICE_MAP_MARKER in html:
        _build.map_pages.append(page)

    def href(target: crosslinks.Target) -> str:
        file = files.get_file_from_path(target.src_path)
        if file is None:  # the catalog and the files disagree: never ship a dead link
            raise PluginError(f"{src}: cross-link target {target.src_path} is not a page of this site")
        url = get_relative_url(file.url, page.file.url)
        return f"{url}#{target.anchor}" if target.anchor else url

    html, mentions = _build.linker.link(html, me.id if me else None, href)
    _build.graph.add(me.id if me else None, mentions)
    if me is None and mentions:
        log.debug("%s: %d cross-links", src, len(mentions))
    return html


def on_env(env, config, files):
    catalog = state.require_catalog()
    if _build.map_pages:
        smap = linkgraph.service_map(catalog, _build.graph)
        template = env.get_template("partials/service-map.html")
        for page in _build.map_pages:
            hrefs = {n.id: get_relative_url(files.get_file_from_path(catalog.pages[n.id].src_path).url, page.file.url) for n in smap.nodes}
            page.content = page.content.replace(crosslinks.SERVICE_MAP_MARKER, template.render(smap=smap, hrefs=hrefs))
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


def graph() -> linkgraph.Graph:
    """The link graph of the last build (scripts/links_report.py reads it)."""
    return _build.graph
