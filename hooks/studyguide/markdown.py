"""Small helpers for Markdown that hooks generate from contributor data."""

from __future__ import annotations

import html
import re

# The characters Python-Markdown (with the tables extension) lets a backslash escape.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


def escape(text: str) -> str:
    """Contributor text as literal Markdown: HTML escaped, Markdown syntax backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def relative_link(from_src: str, to_src: str) -> str:
    """A relative ``.md`` link between two docs files, which MkDocs then validates."""
    from_parts = from_src.split("/")[:-1]
    to_parts = to_src.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])
