"""What the site teaches of the exam guide's in-scope services (``docs/includes/in-scope-services.yml``).

Each entry names a service as the guide lists it and where the site teaches it: a page id,
or ``page#anchor`` for a section with its own heading. ``own_words`` counts a page's own
prose from its Markdown: the cheat sheet's words and the project's added blocks, without
headings, comments, source lists, or what lives in the files beside it (quizzes, limits,
correction notes), so a page cannot look deep for its quiz or its tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .added import SOURCES
from .errors import DataError
from .frontmatter import body

PATH = "includes/in-scope-services.yml"  # relative to docs/
MIN_OWN_WORDS = 150
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-/]*")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SKIP_LINE = re.compile(r"^\s*(#{1,6}\s|/{3,}|\*\[[^\]]+\]:)")


@dataclass(frozen=True)
class InScope:
    name: str
    category: str
    page: str
    anchor: str | None
    line: int


def load(text: str, path: str = PATH) -> list[InScope]:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise DataError(path, f"malformed YAML: {exc}") from None
    items = dict((k.value, v) for k, v in root.value).get("services") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(items, yaml.SequenceNode):
        raise DataError(path, "needs a 'services:' list", line=1)
    entries = []
    for node in items.value:
        line = node.start_mark.line + 1
        data = {k.value: v.value for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}
        if not all(isinstance(data.get(k), str) and data[k].strip() for k in ("name", "category", "at")):
            raise DataError(path, "each entry needs 'name', 'category' and 'at' (page id or page#anchor)", line=line)
        page, _, anchor = data["at"].partition("#")
        entries.append(InScope(data["name"], data["category"], page, anchor or None, line))
    return entries


def own_words(markdown_text: str) -> int:
    """Words of a page's own prose (see the module docstring)."""
    text = _COMMENT.sub("", body(markdown_text))
    count = 0
    in_sources = False
    for line in text.split("\n"):
        if re.match(r"^/{3,}\s*$", line):
            in_sources = False  # a block's end closes its source list
            continue
        if SOURCES.match(line):
            in_sources = True
            continue
        if in_sources or _SKIP_LINE.match(line):
            continue
        count += len(_WORD.findall(_LINK.sub(r"\1", line)))
    return count
