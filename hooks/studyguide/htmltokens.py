"""A small tokenizer for the HTML Python-Markdown writes, for hooks that read it per page.

Each page's HTML is regular (every element closed, attributes quoted), so reading it as
a stream of tokens with a stack of open elements answers what the hooks ask, "is this
text inside a heading, code, a skipped class?", at a fraction of a tree parser's cost.
BeautifulSoup's parse of every page was the largest share of the hooks' build time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Comments, raw-text elements (never markup inside), tags, text, a stray "<".
TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|textarea)\b.*?</\1\s*>|<[!?/]?[A-Za-z][^>]*>|[^<]+|<",
    re.DOTALL | re.IGNORECASE,
)
_TAG = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z][\w-]*)(?P<attrs>[^>]*)>\Z", re.DOTALL)
_CLASS = re.compile(r"""(?<![\w-])class\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ID = re.compile(r"""(?<![\w-])id\s*=\s*(?:"([^"]*)"|'([^']*)')""")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@functools.cache
def _attribute(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


def tokens(html: str) -> list[str]:
    return [m.group(0) for m in TOKEN.finditer(html)]


def is_text(token: str) -> bool:
    return token[0] != "<" or token == "<"


@dataclass(frozen=True)
class Tag:
    name: str  # lower case
    close: bool
    attrs: str  # the raw attribute text
    void: bool  # opens nothing: a void element or ``<x/>``

    @property
    def classes(self) -> frozenset[str]:
        if "class" not in self.attrs:
            return frozenset()
        found = _CLASS.search(self.attrs)
        return frozenset((found[1] or found[2] or "").split()) if found else frozenset()

    @property
    def id(self) -> str | None:
        found = _ID.search(self.attrs)
        return (found[1] or found[2]) if found else None

    def has(self, attribute: str) -> bool:
        if attribute not in self.attrs:  # the common case, without a regex
            return False
        return _attribute(attribute).search(self.attrs) is not None


@functools.lru_cache(maxsize=8192)  # most tags repeat: <p>, </li>, <a class="crosslink" …>
def tag(token: str) -> Tag | None:
    """The tag a token holds, or None for text, a comment, a declaration or a raw-text element."""
    found = _TAG.match(token)
    if found is None:
        return None
    name = found["name"].lower()
    return Tag(name, bool(found["close"]), found["attrs"], name in VOID or token.endswith("/>"))
