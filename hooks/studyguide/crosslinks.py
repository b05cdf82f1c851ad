"""Cross-links: link every mention of another page's name in a page's HTML.

Plain Python, no MkDocs: ``Linker.link(html, ...)`` takes the HTML MkDocs made
from a page's Markdown and returns it with mentions turned into links, plus the
list of mentions it linked (for backlinks, related pages and the service map).

Which words count as a mention (see CONTRIBUTING.md, "Cross-links"):

- every page's title, its ``aliases`` and its ``sections`` names;
- a name of one word (``Lambda``, ``DX``, ``CloudFront``) matches with its exact
  case, on word boundaries: ``config`` is not ``Config``, ``EC2ThrottledException``
  holds no ``EC2``;
- a name of several words (spaces, hyphens or slashes) matches without regard to
  case: ``Kinesis data firehose`` is ``Kinesis Data Firehose``;
- plurals and possessives count: ``VPCs``, ``S3's``, ``NAT gateways``.

Linking rules (Wikipedia's): the first mention of a target in each section, at
most ``MAX_LINKS_PER_TARGET`` times per page; the longest name wins; never inside
headings, code, pre, links, buttons or admonition titles; never a page to itself.
An ``<abbr>`` tooltip is never split or entered: when an abbreviation is a whole
mention (or part of a longer one, like ``IAM Identity Center``), the link wraps it.
"""

from __future__ import annotations

import html as _html
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import htmltokens
from .catalog import Catalog
from .errors import DataError
from .frontmatter import parse

MAX_LINKS_PER_TARGET = 3  # links from one page to one other page (its sections included), at most
SERVICE_MAP_MARKER = "<!-- service-map -->"
NO_LINKS_MARKER = "<!-- no-crosslinks -->"  # a page that wants no automatic links

EVERYDAY_WORDS_FILE = Path(__file__).with_name("everyday_words.txt")
EVERYDAY_WORDS_REL = "hooks/studyguide/everyday_words.txt"

# Subtrees never entered: headings, code, existing links, form controls, scripts.
SKIP_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "button", "textarea"}
    | {"select", "option", "label", "summary", "title", "head", "dfn"}
)
SKIP_CLASSES = frozenset({"admonition-title", "headerlink", "md-tag", "no-crosslinks"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WORD_SPLIT = re.compile(r"[\s/\-]+")
_SUFFIX = r"(?:'s|’s|s'|s)?"
# A mention may not sit inside a longer word: no word character (or @, as in
# Lambda@Edge) right before or after it.
_BEFORE = r"(?<![\w@])"
_AFTER = r"(?![\w@])"


@dataclass(frozen=True)
class Target:
    """Where a name leads: a page, or one section of it."""

    page_id: str
    src_path: str
    anchor: str | None = None


@dataclass(frozen=True)
class Name:
    text: str
    target: Target
    case_sensitive: bool


@dataclass(frozen=True)
class Mention:
    """One link the linker made."""

    name: str  # the name as the front matter spells it
    text: str  # the words on the page
    target: Target
    section_anchor: str | None  # the heading the mention sits under (None: the page's top)
    section_title: str


def is_multiword(name: str) -> bool:
    return bool(_WORD_SPLIT.search(name.strip()))


def case_sensitive(name: str) -> bool:
    """One-word names (acronyms, CamelCase, capitalised words) keep their case."""
    return not is_multiword(name)


# ---------------------------------------------------------------- everyday words


@cache
def everyday_words() -> frozenset[str]:
    words = set()
    for line in EVERYDAY_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().casefold()
        if line:
            words.add(line)
    return frozenset(words)


def _everyday(word: str, words: frozenset[str]) -> bool:
    word = word.casefold().strip("'’")
    if word in words:
        return True
    return any(word.endswith(suffix) and word[: -len(suffix)] in words for suffix in ("'s", "’s", "es", "s"))


def everyday_phrase(name: str, words: frozenset[str] | None = None) -> bool:
    """True when every word of ``name`` is an everyday English word ("Run Command", "user pool")."""
    words = everyday_words() if words is None else words
    parts = [p for p in _WORD_SPLIT.split(name.strip()) if p]
    return bool(parts) and all(_everyday(p, words) for p in parts)


def check_names(catalog: Catalog, sources: dict[str, str] | None = None, words: frozenset[str] | None = None) -> None:
    """Refuse an alias or section name matched without regard to case that is everyday English.

    Such a name would link ordinary prose ("streaming data pipelines" to AWS Data
    Pipeline). Titles are exempt: a page's own title is deliberate.
    """
    words = everyday_words() if words is None else words
    sources = {} if sources is None else sources
    for page in sorted(catalog.pages.values(), key=lambda p: p.src_path):
        named = [(a, "aliases", i) for i, a in enumerate(page.aliases)]
        named += [(n, f"sections: {anchor}", None) for n, anchor in page.section_names]
        for name, where, index in named:
            if not case_sensitive(name) and everyday_phrase(name, words):
                line = None
                if page.src_path in sources:  # parsed only now: YAML with line numbers is slow
                    fm = parse(sources[page.src_path], page.src_path)
                    line = fm.line_of("aliases", index) if index is not None else fm.line_of("sections")
                raise DataError(
                    page.src_path,
                    f"{where}: '{name}' is made of everyday English words listed in {EVERYDAY_WORDS_REL}, and names of "
                    "several words match without regard to case, so it would link ordinary prose; use a more specific name "
                    "(e.g. with the service's name in front) or drop it",
                    line=line,
                    entry=name,
                )


# ---------------------------------------------------------------- the matcher


def names_of(catalog: Catalog) -> list[Name]:
    out = []
    for page in catalog.pages.values():
        whole = Target(page.id, page.src_path)
        for name in page.names:
            out.append(Name(name, whole, case_sensitive(name)))
        for name, anchor in page.section_names:
            out.append(Name(name, Target(page.id, page.src_path, anchor), case_sensitive(name)))
    return out


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (already case-folded), longest first, built as a trie."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:  # this node ends a word: the longer branches are tried first (greedy)
            return f"(?:{body})?"
        return body

    return emit(trie)


class Matcher:
    """One compiled regex over every name; longest name first, case rules checked per hit."""

    def __init__(self, names: Iterable[Name]):
        self.by_fold: dict[str, list[Name]] = {}
        for name in names:
            self.by_fold.setdefault(name.text.casefold(), []).append(name)
        self.lengths = sorted({len(k) for k in self.by_fold}, reverse=True)
        if self.by_fold:
            trie = trie_pattern(self.by_fold)
            self.regex = re.compile(f"{_BEFORE}(?P<core>{trie}){_SUFFIX}{_AFTER}", re.IGNORECASE)
        else:
            self.regex = re.compile(r"(?!x)x")

    def _accept(self, core: str) -> Name | None:
        for name in self.by_fold.get(core.casefold(), ()):
            if not name.case_sensitive or name.text == core:
                return name
        return None

    def _fallback(self, text: str, start: int, longest: int) -> tuple[Name, int] | None:
        """A shorter name at ``start`` when the longest hit failed its case rule (rare)."""
        for length in self.lengths:
            if length >= longest:
                continue
            core = text[start : start + length]
            name = self._accept(core)
            if name is None:
                continue
            end = start + length
            suffix = re.match(_SUFFIX + _AFTER, text[end:])
            if suffix:
                return name, end + suffix.end()
        return None

    def find(self, text: str) -> list[tuple[int, int, Name]]:
        """Non-overlapping ``(start, end, name)`` of every mention in ``text``, left to right."""
        found = []
        pos = 0
        while True:
            match = self.regex.search(text, pos)
            if match is None:
                return found
            start = match.start()
            name = self._accept(match["core"])
            if name is not None:
                found.append((start, match.end(), name))
                pos = match.end()
                continue
            fallback = self._fallback(text, start, len(match["core"]))
            if fallback:
                found.append((start, fallback[1], fallback[0]))
                pos = fallback[1]
            else:
                pos = start + 1


# ---------------------------------------------------------------- linking HTML


@dataclass
class _State:
    page_id: str | None
    href: Callable[[Target], str]
    section_anchor: str | None = None
    section_title: str = ""
    in_section: set = field(default_factory=set)
    per_target: dict = field(default_factory=dict)
    mentions: list = field(default_factory=list)
    max_per_target: int = MAX_LINKS_PER_TARGET
    hits: Counter = field(default_factory=Counter)


class Linker:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._matcher: Matcher | None = None
        self.hits: Counter = Counter()  # name -> times it matched text, self-mentions included
        self.last_hits: Counter = Counter()  # the same, for the last page linked

    @property
    def matcher(self) -> Matcher:
        """The compiled names (0.09 s), made on first use: a build whose every page keeps its
        links from the build cache (``buildcache``) never compiles them."""
        if self._matcher is None:
            self._matcher = Matcher(names_of(self.catalog))
        return self._matcher

    def link(self, html: str, page_id: str | None, href: Callable[[Target], str]) -> tuple[str, list[Mention]]:
        """Link the mentions in ``html``; ``href(target)`` gives the URL of a target from this page.

        The page is cut into its top-level blocks; a block whose text holds no name
        that could still be linked is passed through untouched, without parsing it.
        """
        self.last_hits = Counter()
        if NO_LINKS_MARKER in html:
            return html, []
        state = _State(page_id, href, hits=self.last_hits)
        out = []
        for chunk in split_blocks(html):
            heading = _HEADING.match(chunk)
            if heading:
                state.section_anchor = heading["id"] or state.section_anchor
                state.section_title = _html.unescape(_TAGS.sub("", heading["inner"].split('<a class="headerlink"', 1)[0])).strip()
                state.in_section = set()
            rest = chunk[heading.end() if heading else 0 :]
            if not (_HEADING_START.search(rest) or self._worth_parsing(rest, state)):
                out.append(chunk)
                continue
            out.append(self._link_chunk(chunk, state))
        self.hits.update(state.hits)
        return "".join(out), state.mentions

    def _worth_parsing(self, chunk: str, state: _State) -> bool:
        """Could the text of ``chunk`` give a new link? (Tags dropped, entities decoded: a superset test.)"""
        # Like the linker: text runs join across <abbr> tooltips and break at every other tag.
        text = _html.unescape(_TAGS.sub(" ", _ABBR_TAGS.sub("", chunk)))
        worth = False
        for _, _, name in self.matcher.find(text):
            state.hits[name.text] += 1  # every match, linked or not (the links report reads it)
            key = (name.target.page_id, name.target.anchor)
            if (
                name.target.page_id != state.page_id
                and key not in state.in_section
                and state.per_target.get(key[0], 0) < state.max_per_target
            ):
                worth = True
        return worth

    def _link_chunk(self, chunk: str, state: _State) -> str:
        """Link the text runs of one balanced piece of HTML, read as a stream of tokens.

        Python-Markdown's HTML is regular enough for a tokenizer: a stack of open tags
        tells when text sits in a skipped element. Only the text runs that gain a link
        are written anew; every other byte stays as it was. (BeautifulSoup's parse and
        re-serialisation of each block was four fifths of this hook's time.)
        """
        out: list[str] = []
        names: list[str] = []  # open elements, innermost last
        skips: list[bool] = []  # is each open element skipped?
        skipping = 0
        heading: list[str] | None = None  # text of the heading being read
        headerlink = 0  # depth inside the heading's permalink
        run: list[_Piece] = []
        tokens = htmltokens.tokens(chunk)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if htmltokens.is_text(token):
                if heading is not None:
                    if not headerlink:
                        heading.append(_html.unescape(token))
                    out.append(token)
                elif skipping:
                    out.append(token)
                else:
                    run.append(_Piece(token, _html.unescape(token), atom=False))
                i += 1
                continue
            after = _atom_end(tokens, i) if not skipping and heading is None else None
            if after is not None:
                run.append(_Piece("".join(tokens[i:after]), _html.unescape("".join(tokens[i + 1 : after - 1])), atom=True))
                i = after
                continue
            if run:
                out.append(self._link_run(run, state))
                run = []
            out.append(token)
            i += 1
            tag = htmltokens.tag(token)
            if tag is None:  # a comment, a declaration, a raw-text element
                continue
            name = tag.name
            if tag.close:
                if name not in names:
                    continue  # a stray end tag closes nothing
                while names:  # close everything up to the matching element
                    skipping -= skips.pop()
                    if headerlink:
                        headerlink -= 1
                    if names.pop() == name:
                        break
                if heading is not None and not any(n in HEADINGS for n in names):
                    state.section_title = "".join(heading).strip()
                    state.in_section = set()
                    heading = None
                continue
            if tag.void:
                continue
            classes = tag.classes
            if heading is not None and (headerlink or "headerlink" in classes):
                headerlink += 1
            if name in HEADINGS and not skipping and heading is None:
                state.section_anchor = tag.id or state.section_anchor
                heading = []
            skipped = name in SKIP_TAGS or bool(classes & SKIP_CLASSES) or tag.has("data-no-crosslinks")
            names.append(name)
            skips.append(skipped)
            skipping += skipped
        if run:
            out.append(self._link_run(run, state))
        return "".join(out)

    def _link_run(self, run: list[_Piece], state: _State) -> str:
        """A run of text and abbreviations (one element's consecutive children), with its links."""
        original = "".join(p.raw for p in run)
        whole = "".join(p.text for p in run)
        if len(whole) < 2:
            return original
        hits = self.matcher.find(whole)
        if not hits:
            return original
        # Boundaries of the pieces: a mention may not cut through an abbreviation.
        bounds = []
        offset = 0
        for piece in run:
            bounds.append((offset, offset + len(piece.text), piece))
            offset += len(piece.text)
        chosen = []
        for start, end, name in hits:
            if any(a < start < b or a < end < b for a, b, p in bounds if p.atom):
                continue
            target = name.target
            if target.page_id == state.page_id:
                continue  # never a page to itself (its own names are still consumed, so no shorter name links)
            key = (target.page_id, target.anchor)
            if key in state.in_section or state.per_target.get(target.page_id, 0) >= state.max_per_target:
                continue
            state.in_section.add(key)
            state.per_target[target.page_id] = state.per_target.get(target.page_id, 0) + 1
            chosen.append((start, end, name))
            state.mentions.append(Mention(name.text, whole[start:end], target, state.section_anchor, state.section_title))
        if not chosen:
            return original
        return _rebuild(bounds, chosen, state)


@dataclass(frozen=True)
class _Piece:
    """A text token (``raw`` as written, ``text`` decoded) or a whole ``<abbr>`` (an atom)."""

    raw: str
    text: str
    atom: bool


_ABBR_OPEN = re.compile(r"<abbr(?:\s[^>]*)?>\Z", re.IGNORECASE | re.DOTALL)
_ABBR_CLOSE = re.compile(r"</abbr\s*>\Z", re.IGNORECASE)


def _atom_end(tokens: list[str], i: int) -> int | None:
    """The index after ``<abbr …>text</abbr>`` starting at ``tokens[i]``, when it holds only text."""
    if not _ABBR_OPEN.match(tokens[i]):
        return None
    j = i + 1
    while j < len(tokens) and htmltokens.is_text(tokens[j]):
        j += 1
    return j + 1 if j < len(tokens) and _ABBR_CLOSE.match(tokens[j]) else None


_SPLIT = re.compile(r"(?m)^(?=<(?:h[1-6]|p|ul|ol|dl|div|table|pre|blockquote|details|hr|figure|section)[\s>/])")
_HEADING_START = re.compile(r"<h[1-6][\s>]")
_HEADING = re.compile(r"<h(?P<level>[1-6])(?:\s[^>]*?\bid=\"(?P<id>[^\"]*)\")?[^>]*>(?P<inner>.*?)</h(?P=level)>", re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")
_ABBR_TAGS = re.compile(r"</?abbr\b[^>]*>")
_BLOCKS = ("div", "details", "ul", "ol", "table", "blockquote", "section", "article", "figure", "dl")


_OPEN = re.compile(r"<(" + "|".join(_BLOCKS) + r")[\s>]")
_CLOSE = re.compile(r"</(" + "|".join(_BLOCKS) + r")>")


def split_blocks(html: str) -> list[str]:
    """The HTML cut into balanced pieces, each one or more top-level blocks.

    Python-Markdown writes each block at the start of a line. A piece that opens
    a block (a list, a div) without closing it is merged with the next ones
    until the open and close tags balance, so every piece parses on its own.
    """
    out, group, depth = [], [], 0
    for piece in _SPLIT.split(html):
        if not piece:
            continue
        group.append(piece)
        depth += len(_OPEN.findall(piece)) - len(_CLOSE.findall(piece))
        if depth <= 0:
            out.append("".join(group))
            group, depth = [], 0
    if group:
        out.append("".join(group))
    return out or [html]


def _rebuild(bounds: list, chosen: list, state: _State) -> str:
    """The run's HTML with a link around each chosen mention (text escaped as BeautifulSoup wrote it)."""
    out: list[str] = []
    cuts = sorted({p for s, e, _ in chosen for p in (s, e)})
    starts = {s: name for s, e, name in chosen}
    ends = {e for s, e, _ in chosen}
    linking = False

    def at(point: int) -> None:
        nonlocal linking
        if point in ends and linking:
            out.append("</a>")
            linking = False
        if point in starts:
            out.append(_new_link(starts[point], state))
            linking = True

    for a, b, piece in bounds:
        if piece.atom:
            at(a)
            out.append(piece.raw)
            continue
        points = [a] + [c for c in cuts if a < c < b] + [b]
        for p, q in itertools.pairwise(points):
            at(p)
            out.append(_html.escape(piece.text[p - a : q - a], quote=False))
    if linking:
        out.append("</a>")
    return "".join(out)


def _new_link(name: Name, state: _State) -> str:
    href = _html.escape(state.href(name.target), quote=False).replace('"', "&quot;")
    return f'<a class="crosslink" href="{href}">'


_CROSSLINK = re.compile(r'<a class="crosslink" href="[^"]*">(.*?)</a>', re.DOTALL)


def unlinked(html: str) -> str:
    """``html`` without the links this module made (their words stay): the page as written."""
    return _CROSSLINK.sub(r"\1", html) if '<a class="crosslink"' in html else html
