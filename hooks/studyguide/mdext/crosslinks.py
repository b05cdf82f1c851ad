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

from .. import crosslinks, sitedata
from ..errors import DataError
from . import build_error, is_page_html, page_of, register_page_marker

# src path -> (mentions, hits) of its last conversion; hooks/crosslinks.py takes them.
LINKED: dict[str, tuple[list[crosslinks.Mention], dict]] = {}
_linkers: dict[int, tuple[object, crosslinks.Linker]] = {}

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
        page = page_of(self.md)
        if page is None or not is_page_html(self.md):  # plain Markdown, or the TOC's HTML
            return text
        try:
            catalog = sitedata.catalog(page.docs_dir)
        except DataError as error:
            raise build_error(str(error)) from None
        me = catalog.by_path.get(page.src)
        linker = linker_for(catalog)

        linked, mentions = linker.link(text, me.id if me else None, lambda target: page.href(target.src_path, target.anchor))
        LINKED[page.src] = (mentions, dict(linker.last_hits))
        return linked


class CrosslinksExtension(Extension):
    def extendMarkdown(self, md):
        register_page_marker(md)
        md.postprocessors.register(_Links(md), "studyguide_crosslinks", PRIORITY)


def makeExtension(**kwargs):
    return CrosslinksExtension(**kwargs)
