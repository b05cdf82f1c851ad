"""HTML a hook places in a page's Markdown, kept out of Python-Markdown's way.

A hook that puts a rendered table into the Markdown (so it sits at its marker, among the
page's headings) makes Python-Markdown read the whole table again as a raw HTML block,
with its pure-Python HTML parser: the limit and What-changed tables cost 0.07 s a build
that way. Instead the hook leaves a one-line placeholder in the Markdown and swaps the
HTML in when the page's HTML is ready (``on_page_content``). The output is the same:
Python-Markdown copies a raw HTML block through unchanged.
"""

from __future__ import annotations

import functools
import re

from .htmltokens import VOID


class HtmlStash:
    """Blocks of HTML by placeholder, for one build (call ``clear`` in ``on_pre_build``).

    ``name`` keeps two hooks' placeholders apart (each restores only its own)."""

    def __init__(self, name: str):
        if not re.fullmatch(r"[a-z][a-z-]*", name):
            raise ValueError(f"a stash name is lower-case letters and hyphens, not {name!r}")
        self._prefix = f"<!-- sg-stash {name} "
        self._placeholder = re.compile(re.escape(self._prefix) + r"(\d+) -->")
        self._blocks: list[str] = []

    def clear(self) -> None:
        self._blocks.clear()

    def put(self, html: str) -> str:
        """The placeholder to write into the Markdown, on a line of its own, for ``html``."""
        self._blocks.append(html)
        return f"{self._prefix}{len(self._blocks) - 1} -->"

    def restore(self, html: str, anchors: set[str] | None = None) -> str:
        """``html`` (a page's HTML) with every placeholder swapped for its block.

        MkDocs gathers a page's anchors while Markdown renders it (for its link checks), so
        the ``id``s of the blocks swapped in are added to ``anchors`` (``page.present_anchor_ids``).
        """
        if self._prefix not in html:
            return html

        def block(match: re.Match) -> str:
            found = self._blocks[int(match.group(1))]
            if anchors is not None:
                anchors.update(_ID.findall(found))
            return found

        return self._placeholder.sub(block, html)


_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')


def set_aside(html: str, stash: HtmlStash, attribute: str = "data-search-exclude") -> str:
    """Every element carrying ``attribute``, with all it holds, swapped for ``stash`` placeholders.

    For HTML a reader sees but search must not index: Material's search plugin skips such
    elements, yet parses every tag of them first (a quarter of its time on this site). Set
    aside before it reads the page (``on_page_context``), put back in ``on_post_page``.
    Only the outermost marked elements are set aside; the HTML is Python-Markdown's or a
    template's, so every element is closed.
    """
    out: list[str] = []
    done = 0
    at = html.find(attribute)
    while at >= 0:
        start = html.rfind("<", done, at)
        opening = _OPEN.match(html, start) if start >= 0 else None
        if opening is None or html.find(">", start) < at:  # the word in text, not in a tag
            at = html.find(attribute, at + len(attribute))
            continue
        name = opening.group(1).lower()
        end = html.find(">", start) + 1 if name in VOID else _element_end(html, start, name)
        out += [html[done:start], stash.put(html[start:end])]
        done = end
        at = html.find(attribute, done)
    return "".join(out) + html[done:] if out else html


_OPEN = re.compile(r"<([a-zA-Z][\w-]*)\b")


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
