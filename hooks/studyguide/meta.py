"""Page descriptions for <meta name="description"> (issue 7: search engines, Lighthouse SEO).

A page's description is its front matter ``description`` when it has one, otherwise
the start of its own text: the first paragraph, or the first list items on pages
that open with a list (most service pages do), cut at a word boundary.
Plain functions over strings; hooks/meta.py wires them into MkDocs.
"""

from __future__ import annotations

import html as _html
import re

from studyguide import htmltokens
from studyguide.errors import DataError

MAX_LENGTH = 160  # what search engines show before cutting
MIN_LENGTH = 50  # keep reading blocks until the text says something
PREFIX = 1500  # characters of page HTML read first (see lead_text)

# Blocks whose text is not the page's own prose: widgets, notes, tables, code.
SKIP_INSIDE = ("table", "pre", "code", "nav", "aside", "details", "fieldset", "form", "figure", "script", "style")
SKIP_CLASSES = {"admonition", "quiz", "tabbed-set", "md-source-file", "headerlink"}
_SPACE = re.compile(r"\s+")


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
    """Paragraphs and list items outside skipped blocks, each read as the text it holds.

    A list item is read without its sub-lists, and a paragraph inside an item is part of
    the item; permalinks and footnote markers are left out. Text pieces are joined with a
    space, then runs of white space fold into one.
    """
    parts: list[str] = []
    open_: list[tuple[str, bool, bool]] = []  # (name, skips the page's prose, hides its text from the block)
    skipped = hidden = 0
    block: list[str] | None = None
    block_tag = ""
    block_depth = 0  # len(open_) when the block being read opened
    for token in htmltokens.tokens(html):
        if htmltokens.is_text(token):
            if block is not None and not hidden:
                block.append(_html.unescape(token))
            continue
        tag = htmltokens.tag(token)
        if tag is None or tag.void:
            continue
        if tag.close:
            if not any(name == tag.name for name, _, _ in open_):
                continue
            while open_:
                name, skips, hides = open_.pop()
                skipped -= skips
                hidden -= hides
                if name == tag.name:
                    break
            if block is not None and len(open_) < block_depth:
                text = _SPACE.sub(" ", " ".join(block)).strip()
                block = None
                if text:
                    parts.append(text if text[-1] in ".!?:;" else text + ".")
                    if sum(len(p) for p in parts) >= MIN_LENGTH:
                        break
            continue
        classes = tag.classes
        skips = tag.name in SKIP_INSIDE or bool(classes & SKIP_CLASSES) or tag.has("data-search-exclude")
        hides = block is not None and (tag.name == "sup" or "headerlink" in classes or (block_tag == "li" and tag.name in ("ul", "ol")))
        open_.append((tag.name, skips, hides))
        skipped += skips
        hidden += hides
        inside_item = any(name == "li" for name, _, _ in open_[:-1])
        if block is None and tag.name in ("p", "li") and not skipped and not inside_item:
            block, block_tag, block_depth = [], tag.name, len(open_)
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
