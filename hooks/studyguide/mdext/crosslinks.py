"""Extension ``studyguide.mdext.crosslinks``: link each mention of a service to its page.

The rules are ``studyguide.crosslinks.Linker``'s (first mention per section, longest name
wins, never in headings, code or links, never a page to itself). It runs as a
**postprocessor** over the page's finished HTML, the last step of the conversion, rather
than as a tree processor: the string linker already avoids a parse tree (a token scan that
rewrites only the text runs that gain a link), and only the finished HTML holds what
readers get linked today: raw HTML blocks, the correction notes and the limit tables,
which other steps add after the tree is serialised. So the links are byte for byte the ones
the MkDocs hook made before issue 22.

The page comes from the engine (``mdext.page_of``), the names from every page's front
matter (``sitedata.catalog``). Each conversion leaves its mentions in ``LINKED`` for MkDocs'
hook (backlinks, related services, the service map, the links report).
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .. import buildcache, crosslinks, linkgraph, sitedata
from ..crosslinks import SERVICE_MAP_MARKER
from ..errors import DataError
from . import WithPartials, build_error, is_page_html, page_html_of, page_of, register_page_marker, relative_url, url_of
from .corrections import templates

# src path -> (mentions, hits) of its last conversion; hooks/crosslinks.py takes them.
LINKED: dict[str, tuple[list[crosslinks.Mention], dict]] = {}
_linkers: dict[int, tuple[object, crosslinks.Linker]] = {}
# Each page's links, kept across `mkdocs serve` rebuilds (hooks/crosslinks.py starts each build).
PAGES = buildcache.BuildCache("mdext.crosslinks.pages")

PRIORITY = 5  # after raw HTML (30), footnotes (25), entities (20) and the notes (7)


def linker_for(catalog) -> crosslinks.Linker:
    """One linker (its compiled matcher) per catalog: made again when the pages' names change."""
    cached = _linkers.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        _linkers.clear()
        cached = _linkers[id(catalog)] = (catalog, crosslinks.Linker(catalog))
    return cached[1]


class _Links(Postprocessor):
    def run(self, text: str) -> str:
        page = page_html_of(self.md)
        if page is None:  # plain Markdown, or the TOC's HTML
            return text
        try:
            catalog = sitedata.catalog(page.docs_dir)
        except DataError as error:
            raise build_error(str(error)) from None
        me = catalog.by_path.get(page.src)
        linker = linker_for(catalog)
        made = []

        def link():
            made.append(True)
            linked, mentions = linker.link(text, me.id if me else None, lambda target: page.href(target.src_path, target.anchor))
            return linked, mentions, dict(linker.last_hits)

        # `mkdocs serve`: a page whose HTML, URL and names are unchanged keeps its links (buildcache).
        key = lambda: buildcache.key(sitedata.digest(catalog), page.src, page.url, page.engine, page.use_directory_urls, text)  # noqa: E731
        linked, mentions, hits = PAGES.get(key, link)
        if not made:
            linker.hits.update(hits)  # from the cache: the links report still counts its matches
        LINKED[page.src] = (mentions, hits)
        return linked


class CrosslinksExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"templates": ["", "the folder holding partials/ (default: the theme's custom_dir)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        register_page_marker(md)
        md.postprocessors.register(_Links(md), "studyguide_crosslinks", PRIORITY)
        # Zensical only, after the quiz block (3): the service map, "Related services", "Mentioned on".
        md.postprocessors.register(_SiteViews(md, self.getConfig("templates")), "studyguide_site_views", 2)


# ---------------------------------------------------------------- Zensical: the whole-site views of the links
#
# Under MkDocs, hooks/crosslinks.py collects every page's links as the pages convert and draws
# the service map and each page's "Mentioned on" and "Related services" once all are converted.
# Zensical runs no hook, and converts pages in no set order, so a page cannot wait for the
# others' links: the first page that needs them converts every service and concept page once
# more, with the same extensions, and keeps the graph until a file changes (``sitedata``).


def site_graph(page, config: dict) -> linkgraph.Graph:
    """Every page's links, from one conversion of each (Zensical: ``config`` is its config)."""

    def make(docs, _rels) -> linkgraph.Graph:
        import markdown

        from ..frontmatter import body

        catalog = sitedata.catalog(docs)
        extensions = [
            e
            for e in config["markdown_extensions"]
            if not (type(e).__name__ == "ContextExtension" or str(e) in ("studyguide.mdext.quizzes", "zensical.extensions.context"))
        ]
        graph = linkgraph.Graph()
        for meta in sorted(catalog.pages.values(), key=lambda p: p.src_path):
            md = markdown.Markdown(extensions=extensions, extension_configs=config.get("mdx_configs") or {})
            md.preprocessors.register(
                _Context(md, meta.src_path, url_of(meta.src_path, page.use_directory_urls), config), "rendering_context", 0
            )
            md._studyguide_graph_pass = True  # no views (and no graph) inside this pass
            md.convert(body((docs / meta.src_path).read_text(encoding="utf-8")))
            mentions, _hits = LINKED.pop(meta.src_path, ([], {}))
            graph.add(meta.id, mentions)
        return graph

    return sitedata.derived(page.docs_dir, "link_graph", make)


class _Context(Preprocessor):
    """Zensical's page context for a conversion of our own (``mdext.page_of`` finds it by name)."""

    def __init__(self, md, src: str, url: str, config: dict):
        super().__init__(md)
        self.page = _PageInfo(src, url)
        self.config = config

    def run(self, lines):
        return lines


_Context.__name__ = "ContextPreprocessor"


class _PageInfo:
    def __init__(self, path: str, url: str):
        self.path, self.url, self.meta = path, url, {}


def _zensical_config(md) -> dict | None:
    for processor in md.preprocessors:
        if type(processor).__name__ == "ContextPreprocessor":
            return processor.config
    return None


class _SiteViews(WithPartials, Postprocessor):
    """Zensical only: the service map at its marker, and "Related services" / "Mentioned on" under each page."""

    def run(self, text: str) -> str:
        page = page_of(self.md)
        if page is None or page.engine != "zensical" or not is_page_html(self.md):
            return text
        if getattr(self.md, "_studyguide_graph_pass", False):
            return text
        catalog = sitedata.catalog(page.docs_dir)
        me = catalog.by_path.get(page.src)
        if me is None and SERVICE_MAP_MARKER not in text:
            return text
        config = _zensical_config(self.md)
        if not config or "markdown_extensions" not in config:  # not Zensical's own context: nothing to convert with
            return text
        graph = site_graph(page, config)
        env = templates(str(page.partials(self.templates_dir)))

        def url(src_path: str, anchor: str | None = None) -> str:  # final URLs: the map's links are xlink:href
            target = relative_url(url_of(src_path, page.use_directory_urls), page.url)
            return f"{target}#{anchor}" if anchor else target

        if SERVICE_MAP_MARKER in text:
            smap = linkgraph.service_map(catalog, graph)
            hrefs = {n.id: url(catalog.pages[n.id].src_path) for n in smap.nodes}
            statuses = {n.id: catalog.pages[n.id].status.state for n in smap.nodes if catalog.pages[n.id].status}
            text = text.replace(
                SERVICE_MAP_MARKER, env.get_template("partials/service-map.html").render(smap=smap, hrefs=hrefs, statuses=statuses)
            )
        if me is not None:
            mentioned_on = []
            for source_id, links in graph.mentioned_on(me.id, catalog):
                source = catalog.pages[source_id]
                sections = [
                    {"title": b.section_title, "href": page.href(source.src_path, b.section_anchor)} for b in links if b.section_anchor
                ]
                mentioned_on.append({"title": source.title, "href": page.href(source.src_path), "sections": sections})
            related = [
                {"title": catalog.pages[i].title, "href": page.href(catalog.pages[i].src_path), "weight": w}
                for i, w in graph.related(me.id, catalog)
            ]
            aside = env.get_template("partials/backlinks.html").render(crosslinks={"mentioned_on": mentioned_on, "related": related})
            text = text + "\n" + aside.strip()
        return text


def makeExtension(**kwargs):
    return CrosslinksExtension(**kwargs)
