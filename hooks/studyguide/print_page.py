"""The printable single-page view: every page of the site, in nav order, on one page.

Built by the offline build (``make offline``, mkdocs.offline.yml sets ``extra: print_page``),
as ``print.html`` beside the offline copy: one document of every page is far past the
per-page weight budget of the published site.

``print.md`` is generated in memory (never written to docs/); once every page is
converted, its content becomes the concatenation of all pages, rendered through
``overrides/partials/print-page.html``. So that the result is one valid document:

* every id is prefixed with the page's slug (``services-networking-vpc--dns``), and so
  are the attributes that point at ids (``for``, ``aria-labelledby``…),
* links to pages of the site become links inside the print page (``#slug--anchor``),
* images and other local files are re-pointed relative to the print page.

Plain functions over strings; unit-tested in tests/test_offline.py.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

SRC_URI = "print.md"
# Attributes that hold the ids of other elements: prefixed along with the ids.
ID_REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers", "list")
MARKER = "<!-- print-all-pages -->"
SOURCE = f"""---
title: All pages
description: Every page of the study guide on one page, for printing or saving as a PDF.
search:
  exclude: true
hide:
  - navigation
  - toc
---

{MARKER}
"""


@dataclass(frozen=True)
class Section:
    """One page of the site, ready for the print template."""

    slug: str
    title: str
    url: str
    html: str
    has_h1: bool


def slug_of(url: str) -> str:
    """``services/networking/vpc/`` → ``services-networking-vpc``; the home page → ``home``."""
    stem = url.removesuffix("index.html").removesuffix(".html").strip("/")
    return stem.replace("/", "-") or "home"


def _folder(url: str) -> str:
    """The folder of a page URL, relative to the site root: "a/b/" → "a/b", "a/b.html" → "a", "" → ""."""
    return url.rstrip("/") if url.endswith("/") or not url else posixpath.dirname(url)


def _page_of(target_path: str, slugs: dict[str, str]) -> str | None:
    """The slug of the page a resolved site path points at, or None."""
    for candidate in (target_path, target_path + "/", target_path.removesuffix("index.html")):
        if candidate in slugs:
            return slugs[candidate]
    return None


def rewrite(html: str, page_url: str, print_url: str, slugs: dict[str, str]) -> tuple[str, bool]:
    """Re-anchor one page's content for the print page; also tell whether it has its own h1."""
    # Imported here: only `make offline` writes the print page, and importing BeautifulSoup
    # (with its CSS selector engine) cost every other build and `mkdocs serve` start 0.05 s.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    prefix = slugs[page_url]
    ids = set()
    for element in soup.find_all(id=True):
        ids.add(element["id"])
        element["id"] = f"{prefix}--{element['id']}"
    for attribute in ID_REFERENCES:  # label for=, aria-labelledby=… follow their ids
        for element in soup.find_all(attrs={attribute: True}):
            value = element[attribute]
            tokens = value if isinstance(value, list) else value.split()
            element[attribute] = " ".join(f"{prefix}--{t}" if t in ids else t for t in tokens)
    base = _folder(page_url)  # the folder the page's relative links start from
    print_base = _folder(print_url)
    for tag, attribute in (("a", "href"), ("a", "xlink:href"), ("img", "src"), ("source", "src")):  # xlink:href: the service map
        for element in soup.find_all(tag, attrs={attribute: True}):
            value = element[attribute]
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith(("mailto:", "data:")):
                continue  # external
            if not parts.path:  # "#anchor" on the same page
                if parts.fragment:
                    element[attribute] = f"#{prefix}--{parts.fragment}"
                continue
            target = posixpath.normpath(posixpath.join(base, parts.path))
            target = "" if target == "." else target
            if target.startswith("../"):
                continue  # outside the site: leave it
            slug = _page_of(target, slugs) if tag == "a" else None
            if slug is not None:
                element[attribute] = f"#{slug}--{parts.fragment}" if parts.fragment else f"#{slug}"
            else:
                relative = posixpath.relpath(target or ".", print_base or ".") + ("/" if parts.path.endswith("/") else "")
                element[attribute] = relative + (f"#{parts.fragment}" if parts.fragment else "")
    return str(soup), soup.find("h1") is not None


def sections(pages: list[tuple[str, str, str]], print_url: str) -> list[Section]:
    """``pages`` is ``(url, title, content_html)`` in nav order, the print page left out."""
    slugs = {url: slug_of(url) for url, _, _ in pages}
    out = []
    for url, title, html in pages:
        content, has_h1 = rewrite(html, url, print_url, slugs)
        out.append(Section(slugs[url], title, url, content, has_h1))
    return out
