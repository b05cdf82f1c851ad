"""Pages nothing links to: a reader reaches them only through the nav.

"Links to" means a link in the text of another service or concept page: a cross-link the
build made from a mention, or a Markdown link written by hand. The nav, the category
listings, the service map, "Mentioned on" and the whole-site pages (home, glossary,
limits, tags…) do not count: they list every page anyway.

Pages that had no such link when the rule came in are listed in ``docs/includes/unlinked-pages.txt``
(content, beside the glossary); a listed page that gains a link is reported, so the list only shrinks.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .catalog import Catalog, Page
from .errors import shown

KNOWN_FILE = "includes/unlinked-pages.txt"  # relative to docs/
_HREF = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"", re.IGNORECASE)


def known_unlinked(path: Path) -> set[str]:
    """Page paths (relative to docs/) allowed to have no inbound link yet; ``#`` starts a comment."""
    if not path.exists():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def _url_key(url: str) -> str:
    return posixpath.normpath(unquote(url) or ".").strip("/")


def link_targets(html: str, page_url: str) -> set[str]:
    """The site URLs (normalised, without fragment) that the links of ``html`` lead to."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    out = set()
    for href in _HREF.findall(html):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
            continue  # another site, or a fragment of this page
        out.add(_url_key(posixpath.join(base, parts.path)))
    return out


@dataclass
class Inbound:
    """Who links to whom, filled page by page (``on_page_content``), judged once all are seen."""

    url_of: dict[str, str] = field(default_factory=dict)  # src path -> URL of every catalog page
    seen: set[str] = field(default_factory=set)  # src paths whose HTML was scanned this build
    linked: set[str] = field(default_factory=set)  # src paths that another page links to
    _by_url: dict[str, str] | None = field(default=None, repr=False)

    def add(self, src_path: str, page_url: str, html: str) -> None:
        self.seen.add(src_path)
        if self._by_url is None:  # url_of is complete once the first page is converted
            self._by_url = {_url_key(url): src for src, url in self.url_of.items()}
        for target in link_targets(html, page_url):
            dest = self._by_url.get(target)
            if dest is not None and dest != src_path:
                self.linked.add(dest)

    def complete(self) -> bool:
        """Every catalog page was converted (not so in a ``serve --dirty`` rebuild): the verdict holds."""
        return self.seen >= self.url_of.keys()


def unlinked(catalog: Catalog, linked: Iterable[str], known: set[str]) -> tuple[list[Page], list[str]]:
    """``(pages with no inbound link and not listed, listed pages that are linked now)``."""
    linked = set(linked)
    pages = sorted(catalog.by_path.values(), key=lambda p: p.src_path)
    orphans = [p for p in pages if p.src_path not in linked and p.src_path not in known]
    stale = sorted(src for src in known if src in linked and src in catalog.by_path)
    return orphans, stale


def message(page: Page) -> str:
    names = ", ".join(f"'{n}'" for n in page.names)
    return (
        f"{shown(page.src_path)}: no other page links to {page.title}, so readers reach it only from the nav. "
        f"Mention it by one of its names ({names}) in the text of a related page, and the build links the mention; "
        "or add to its 'aliases' the name other pages already use for it; or link it by hand from a related page "
        f"with a relative Markdown link to {page.src_path.rsplit('/', 1)[1]}"
    )


def stale_message(src_path: str) -> str:
    return f"{shown(src_path)} has links from other pages now: remove it from docs/{KNOWN_FILE}"
