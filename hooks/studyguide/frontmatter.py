"""Read a Markdown file's YAML front matter, keeping the line of every key and item.

MkDocs itself drops malformed front matter silently (the page just loses its
metadata), so the site validates it here first and reports the YAML parser's
own line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import DataError
from .yamlfile import compose

_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    # Line (1-based, in the Markdown file) of each top-level key, of each key of a
    # top-level mapping ("lifecycle.date"), and of each item of a top-level list, as
    # lines[key], lines["key.sub"] and item_lines[key][i].
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    def line_of(self, key: str, index: int | None = None) -> int | None:
        if index is not None and index < len(self.item_lines.get(key, [])):
            return self.item_lines[key][index]
        return self.lines.get(key)


def body(text: str) -> str:
    """The Markdown after the front matter (the whole text when there is none)."""
    match = _FENCE.match(text)
    return text[match.end() :] if match else text


def has_front_matter(text: str) -> bool:
    return text.startswith("---")


def parse(text: str, path: str) -> FrontMatter:
    """Parse the front matter of ``text`` (the whole Markdown file).

    A file without front matter gives an empty ``FrontMatter``. A file that opens
    a front matter block it never closes, or whose YAML is malformed or not a
    mapping, raises ``DataError`` with the line.
    """
    if not has_front_matter(text):
        return FrontMatter({})
    match = _FENCE.match(text)
    if not match:
        raise DataError(path, "front matter opened with '---' is never closed by a '---' line", line=1)
    source = match.group(1) or ""
    offset = 2  # YAML line 0 is the file's line 2, just after the opening '---'
    node, data = compose(source, path, what="YAML front matter", first_line=offset)
    if data is None:
        return FrontMatter({})
    if not isinstance(data, dict):
        raise DataError(path, "front matter must be a YAML mapping of keys to values", line=offset)
    lines: dict[str, int] = {}
    items: dict[str, list[int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + offset
            if key in lines:
                raise DataError(path, f"key '{key}' is given twice (first on line {lines[key]})", line=line)
            lines[key] = line
            if isinstance(value_node, yaml.SequenceNode):
                items[key] = [item.start_mark.line + offset for item in value_node.value]
            elif isinstance(value_node, yaml.MappingNode):  # 'lifecycle.date' and the like, for precise errors
                for sub_key, _ in value_node.value:
                    if isinstance(sub_key, yaml.ScalarNode):
                        lines.setdefault(f"{key}.{sub_key.value}", sub_key.start_mark.line + offset)
    return FrontMatter(data, lines, items)
