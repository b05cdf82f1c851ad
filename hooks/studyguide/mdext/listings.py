"""Extension ``studyguide.mdext.listings``: the generated listings, under every engine.

A preprocessor replaces the listing markers with Markdown (``studyguide.listings.expand``):
``<!-- services-index -->`` (a category's services), ``<!-- categories-index -->`` (the home
page's categories) and ``<!-- concepts-index -->``. The links are relative ``.md`` links,
which MkDocs checks and both engines resolve. The catalog comes from ``sitedata``.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .. import listings, sitedata
from ..errors import DataError
from . import build_error, page_of, register_page_marker

MARKERS = (listings.SERVICES_MARKER, listings.CATEGORIES_MARKER, listings.CONCEPTS_MARKER)


class _Listings(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any(marker in line for line in lines for marker in MARKERS):
            return lines
        page = page_of(self.md)
        if page is None:
            return lines
        try:
            catalog = sitedata.catalog(page.docs_dir)
        except DataError as error:
            raise build_error(str(error)) from None
        return listings.expand("\n".join(lines), catalog, page.src).split("\n")


class ListingsExtension(Extension):
    def extendMarkdown(self, md):
        register_page_marker(md)
        # Before the raw-HTML preprocessor (20), which would keep the markers as comments.
        md.preprocessors.register(_Listings(md), "studyguide_listings", 26)


def makeExtension(**kwargs):
    return ListingsExtension(**kwargs)
