"""Page descriptions for <meta name="description"> (issue 7: search engines, Lighthouse SEO).

A page's description is its front matter ``description`` when it has one, otherwise
the start of its own text: the first paragraph, or the first list items on pages
that open with a list (most service pages do), cut at a word boundary.
Plain functions over strings; hooks/meta.py wires them into MkDocs.
"""

from __future__ import annotations

import copy
import re

from bs4 import BeautifulSoup, Tag

from studyguide.errors import DataError

MAX_LENGTH = 160  # what search engines show before cutting
MIN_LENGTH = 50  # keep reading blocks until the text says something
PREFIX = 1500  # characters of page HTML read first (see lead_text)

# Blocks whose text is not the page's own prose: widgets, notes, tables, code.
SKIP_INSIDE = ("table", "pre", "code", "nav", "aside", "details", "fieldset", "form", "figure", "script", "style")
SKIP_CLASSES = {"admonition", "quiz", "tabbed-set", "md-source-file", "headerlink"}
_SPACE = re.compile(r"\s+")


def _skipped(tag: Tag) -> bool:
    for node in [tag, *tag.parents]:
        if not isinstance(node, Tag):
            continue
        if node.name in SKIP_INSIDE or node.has_attr("data-search-exclude"):
            return True
        if SKIP_CLASSES.intersection(node.get("class") or ()):
            return True
    return False


def _text(tag: Tag) -> str:
    for link in tag.select("a.headerlink, sup"):  # permalinks and footnote markers
        link.decompose()
    return _SPACE.sub(" ", tag.get_text(" ")).strip()


def lead_text(html: str) -> str:
    """The page's opening prose: paragraphs and list items in reading order, up to MIN_LENGTH."""
    # Parsing a whole page costs more than the rest of this hook: try the start of the page
    # first, cut after a closed paragraph or list item, and read it all only if that falls short.
    cut = max(html.rfind("</p>", 0, PREFIX), html.rfind("</li>", 0, PREFIX))
    if len(html) > PREFIX and cut > 0:
        lead = _lead_text(html[: cut + 5])
        if len(lead) >= MIN_LENGTH:
            return lead
    return _lead_text(html)


def _lead_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    parts: list[str] = []
    for block in soup.find_all(["p", "li"]):
        if _skipped(block) or block.find_parent("li"):  # an item's own text already holds its children
            continue
        if block.name == "li":  # the item's own words, not its sub-list
            block = copy.copy(block)
            for sub in block.find_all(["ul", "ol"]):
                sub.decompose()
        text = _text(block)
        if not text:
            continue
        parts.append(text if text[-1] in ".!?:;" else text + ".")
        if sum(len(p) for p in parts) >= MIN_LENGTH:
            break
    return " ".join(parts)


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """Cut at the last word boundary before ``limit`` characters, with an ellipsis."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.–-")
    return cut + "…"


def describe(front_matter: object, html: str, title: str, src_path: str) -> str:
    """The description for one page (front matter wins); never empty."""
    if front_matter is not None:
        if not isinstance(front_matter, str) or not front_matter.strip():
            raise DataError(src_path, "front matter 'description' must be a non-empty string", entry="description")
        return _SPACE.sub(" ", front_matter).strip()
    lead = lead_text(html)
    title = _SPACE.sub(" ", title or "").strip()
    if not lead:
        return f"{title}: notes for the AWS Certified Solutions Architect – Professional (SAP-C02) exam."
    if title and not lead.lower().startswith(title.lower()):
        lead = f"{title}: {lead}"
    return shorten(lead)
