"""A page as Material's search plugin needs to read it: only what it keeps.

The plugin parses every tag of a page's HTML with Python's HTML parser, and on this site
the hooks add thousands of tags that it then throws away:

- elements marked ``data-search-exclude`` (quiz widgets, the service map, the review line,
  the What-changed and all-limits tables): the plugin skips them, after parsing them;
- the ``<a class="crosslink">`` and ``<abbr>`` around words: the plugin keeps only their
  text (it keeps no ``a`` or ``abbr`` tags).

``for_search`` gives the page without them, for the plugin to read; the page as written
keeps everything (hooks/search_exclude.py swaps the two around the plugin's turn). The
index is the same either way (tested on the whole site), and the plugin's time falls by
a third.
"""

from __future__ import annotations

import functools
import re

from .htmltokens import VOID

EXCLUDE = "data-search-exclude"
_OPEN = re.compile(r"<([a-zA-Z][\w-]*)\b")
_CROSSLINK = re.compile(r'<a class="crosslink" href="[^"]*">(.*?)</a>', re.DOTALL)


def for_search(html: str) -> str:
    """``html`` without the excluded elements, and with cross-link and tooltip tags unwrapped."""
    html = without_excluded(html)
    if '<a class="crosslink"' in html:
        html = _CROSSLINK.sub(r"\1", html)  # a cross-link never holds another link
    if "<abbr" in html:
        html = re.sub(r"</?abbr\b[^>]*>", "", html)
    return html


def without_excluded(html: str) -> str:
    """Every element carrying ``data-search-exclude`` removed, with all it holds.

    Only the outermost marked elements; the HTML is Python-Markdown's or a template's,
    so every element is closed.
    """
    out: list[str] = []
    done = 0
    at = html.find(EXCLUDE)
    while at >= 0:
        start = html.rfind("<", done, at)
        opening = _OPEN.match(html, start) if start >= 0 else None
        if opening is None or html.find(">", start) < at:  # the word in text, not in a tag
            at = html.find(EXCLUDE, at + len(EXCLUDE))
            continue
        name = opening.group(1).lower()
        end = html.find(">", start) + 1 if name in VOID else _element_end(html, start, name)
        out.append(html[done:start])
        done = end
        at = html.find(EXCLUDE, done)
    return "".join(out) + html[done:] if out else html


@functools.lru_cache(maxsize=64)
def _tags_of(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s>/])[^>]*>", re.IGNORECASE)


def _element_end(html: str, start: int, name: str) -> int:
    """The offset just past the element that opens at ``start`` (same-name nesting counted)."""
    depth = 0
    for match in _tags_of(name).finditer(html, start):
        if match.group(1):
            depth -= 1
        elif not match.group(0).endswith("/>"):
            depth += 1
        if depth <= 0:
            return match.end()
    return len(html)
