"""HTML a hook places in a page's Markdown, kept out of Python-Markdown's way.

A hook that puts a rendered table into the Markdown (so it sits at its marker, among the
page's headings) makes Python-Markdown read the whole table again as a raw HTML block,
with its pure-Python HTML parser: the limit and What-changed tables cost 0.07 s a build
that way. Instead the hook leaves a one-line placeholder in the Markdown and swaps the
HTML in when the page's HTML is ready (``on_page_content``). The output is the same:
Python-Markdown copies a raw HTML block through unchanged.
"""

from __future__ import annotations

import re


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
