"""Text the project added beyond the cheat sheet: ``/// added`` blocks, each with its sources.

The cheat sheet's own words sit on the pages as they were split from it. Everything this
project writes beyond them goes in an ``added`` block (pymdownx.blocks.admonition, a
Python-Markdown extension, so it renders under any engine that runs the extensions), which
readers see as a marked box, and ends with the sources it was checked against::

    /// added
    What the project wrote, in its own words.

    Sources:

    - [Amazon S3 storage classes](https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html)
    ///

A page the project wrote whole (front matter ``origin: added``) holds its text only in
such blocks: headings, HTML comments and markers may stand outside them, prose may not.
Checked once per build from the Markdown source, so every error names the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import DataError
from .frontmatter import body
from .provenance import source_error

ORIGINS = ("added",)  # front matter 'origin:'; absent means the page was split from the cheat sheet
OPEN = re.compile(r"^(/{3,})\s*added\b(.*)$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
SOURCES = re.compile(r"^\s*\**Sources:?\**\s*$")
SOURCE_ITEM = re.compile(r"^\s*[-*]\s+\[([^\]]+)\]\(([^)\s]+)\)\s*$")
# Lines that may stand outside the blocks of a page the project wrote whole.
OUTSIDE_OK = re.compile(r"^\s*(#{1,6}\s|<!--.*-->\s*$|$)")
HOW = "end the block with a line 'Sources:' and a list of links, one a line: '- [Title](https://docs.aws.amazon.com/...)'"


@dataclass(frozen=True)
class Block:
    start: int  # file line of '/// added'
    end: int  # file line of the closing '///'
    sources: tuple[tuple[str, str], ...]  # (title, url)
    words: int  # words of prose in the block, sources excluded


def blocks(src_path: str, text: str, *, whole_page: bool = False) -> list[Block]:
    """The added blocks of a page, checked; raises ``DataError`` with the file line of the first problem."""
    content = body(text)
    offset = text[: len(text) - len(content)].count("\n")
    lines = content.split("\n")
    found: list[Block] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        fenced = FENCE.match(line)
        if fence:
            if fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence):
                fence = None
            i += 1
            continue
        if fenced:
            fence = fenced.group(1)
            i += 1
            continue
        opened = OPEN.match(line)
        if opened:
            block, i = _block(src_path, lines, i, opened, offset)
            found.append(block)
            continue
        if whole_page and not OUTSIDE_OK.match(line):
            raise DataError(
                src_path,
                "this page has 'origin: added' (the project wrote it), so its text goes inside '/// added' blocks "
                "with their sources; only headings and comments may stand outside them",
                line=i + 1 + offset,
            )
        i += 1
    if whole_page and not found:
        raise DataError(src_path, f"a page with 'origin: added' needs at least one '/// added' block: {HOW}", line=offset + 1)
    return found


def _block(src_path: str, lines: list[str], i: int, opened: re.Match, offset: int) -> tuple[Block, int]:
    start = i
    slashes = opened.group(1)
    close = re.compile(rf"^{slashes}\s*$")
    j = i + 1
    while j < len(lines) and not close.match(lines[j]):
        j += 1
    if j == len(lines):
        raise DataError(src_path, f"this '{slashes} added' block is never closed: end it with a line '{slashes}'", line=start + 1 + offset)
    inner = lines[start + 1 : j]
    marks = [k for k, text in enumerate(inner) if SOURCES.match(text)]
    if not marks:
        raise DataError(src_path, f"this added block lists no sources: {HOW}", line=start + 1 + offset)
    sources = []
    for k in range(marks[-1] + 1, len(inner)):
        text = inner[k]
        if not text.strip():
            continue
        where = start + 2 + k + offset
        item = SOURCE_ITEM.match(text)
        if not item:
            raise DataError(
                src_path, f"after 'Sources:' each line is one source, '- [Title](https://...)' (got '{text.strip()}')", line=where
            )
        problem = source_error(item.group(2))
        if problem:
            raise DataError(src_path, f"source '{item.group(1)}' {problem}", line=where, entry=item.group(2))
        sources.append((item.group(1).strip(), item.group(2)))
    if not sources:
        raise DataError(src_path, f"this added block has 'Sources:' but no source under it: {HOW}", line=start + 2 + marks[-1] + offset)
    words = sum(len(re.findall(r"[A-Za-z0-9][\w'’.-]*", t)) for t in inner[: marks[-1]])
    return Block(start + 1 + offset, j + 1 + offset, tuple(sources), words), j + 1
