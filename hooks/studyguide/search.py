"""Search tuning: make each page's own names and API spellings findable.

Material's search plugin indexes one entry per section (``location``, ``title``,
``text``, ``tags``, optional ``boost``) and its browser worker builds a lunr.js
index over every field named in the index's ``config.fields``; every query word
becomes a prefix query (``ec2`` → ``ec2*``). This module rewrites the entries of
one page after the plugin made them:

* the page's **names** (title + front-matter aliases, and a section's names from
  the ``sections`` key) go into a ``names`` field of the page's first entry (or
  of that section's entry), so a service's own page ranks first for its name and
  every alias (DX, SCP, TGW…), even where its text never spells it. Words that
  only repeat another page's name are left out ("EC2 Image Builder" does not
  claim "EC2"), and camelCase names also get their lower-case joined spelling
  (``cloudfront``), because the separator in mkdocs.yml splits camelCase;
* **compound spellings** found in the text go into a ``keywords`` field: the
  parts and tails of snake_case names (``wlm_query_slot_count`` → ``slot_count``,
  ``slot``…, the separator keeps snake_case whole) and the joined form of short
  hyphenated or slashed words (``X-Ray`` → ``xray``, ``blue/green`` → ``bluegreen``);
* a per-entry ``boost``: service and concept pages are what people look for;
  listing pages (tags, glossary, category indexes, home, the all-limits page)
  repeat every name and would otherwise crowd them out, so they weigh less.

Plain functions over dicts: unit-tested without MkDocs (tests/test_search_unit.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# The fields this module adds; mkdocs.yml gives their weights under
# ``plugins: search: fields:`` (the browser indexes every field listed there).
EXTRA_FIELDS = ("names", "keywords", "acronyms")

# An acronym alias (AMP, CLI): every query word is a prefix query, so "amp" also matches
# "amplify" and "cli" matches "click". An acronym that starts another page's name word goes in
# a field of its own, weighted above names, so the page whose acronym it is comes first. Only
# those: in that short, heavy field any acronym would also catch query words it starts with.
ACRONYM = re.compile(r"^(?:(?:AWS|Amazon)\s+)?([A-Z][A-Z0-9]{1,7})$")

# Document boosts by kind of page (see page_kind).
BOOST = {"service": 1.5, "concept": 1.5, "listing": 0.2}

VENDOR_WORDS = frozenset({"amazon", "aws"})

_TAG = re.compile(r"<[^>]+>")
# The separator's camelCase rule (mkdocs.yml): a capitalised word after two lower-case
# letters or a digit starts a new token (CloudFront → cloud front, EC2Rescue → ec2 rescue),
# while vCenter, IPv4, VPCs and DynamoDB stay whole.
_CAMEL = re.compile(r"(?:(?<=[a-z]{2})|(?<=\d))(?=[A-Z][a-z])")
_SNAKE = re.compile(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+")


@dataclass(frozen=True)
class PageInfo:
    """What the search tuning needs to know of a page."""

    url: str
    kind: str  # "service", "concept" or "listing"
    id: str = ""
    names: tuple[str, ...] = ()
    sections: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())  # (heading anchor, names of that section)


def page_kind(page_type: str | None) -> str:
    """``service``/``concept`` for catalog pages; ``listing`` for every other page.

    The other pages (home, category indexes, tags, glossary, the all-limits page…)
    list or summarise the catalog pages, so they repeat their names and facts.
    """
    return page_type if page_type in ("service", "concept") else "listing"


def plain_text(html: str) -> str:
    """The words of an index entry's text (Material stores it as HTML with escaped entities)."""
    text = _TAG.sub(" ", html)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def split_camel(word: str) -> list[str]:
    """Cut ``word`` where the separator's camelCase rule cuts it."""
    return [part for part in _CAMEL.split(word) if part]


def tokens(text: str) -> list[str]:
    """Lower-case index words of ``text``, cut as the separator in mkdocs.yml cuts them."""
    out = []
    for word in re.findall(r"[A-Za-z0-9_]+", text):
        out.extend(part.lower() for part in split_camel(word))
    return out


_STRIP = ".,;:!?()[]{}\"'“”‘’"
_COMPOUND = re.compile(r"[A-Za-z]+(?:[-/][A-Za-z]+){1,2}")  # X-Ray, blue/green (not URLs)
# A word (between white space) holding a letter, a - or /, and a letter: the only words that
# can be compounds. Found in one pass over the text instead of looking at every word. The
# look-behind lets a match start only where a word starts: without it the engine tried every
# position of every word, rescanning the word each time (quadratic in its length, 0.06 s a build).
_CANDIDATE = re.compile(r"(?<!\S)\S*?[A-Za-z][-/][A-Za-z]\S*")


def compound_keywords(text: str) -> list[str]:
    """Extra spellings of the compound words in ``text``, lower-case, each once, in order of appearance."""
    found = []
    for match in _CANDIDATE.finditer(text):
        word = match.group(0).strip(_STRIP)
        if _COMPOUND.fullmatch(word):
            found.append((match.start(), word, False))
    if "_" in text:
        found += [(m.start(), m.group(0), True) for m in _SNAKE.finditer(text)]
    out: dict[str, None] = {}
    for _, word, snake in sorted(found):
        if not snake:  # X-Ray → xray, blue/green → bluegreen
            out.setdefault(re.sub(r"[-/]", "", word).lower())
            continue
        parts = [p for p in word.lower().split("_") if p]
        for part in parts:  # wlm_query_slot_count → wlm, query, slot, count
            out.setdefault(part)
        for i in range(1, len(parts) - 1):  # … and its tails: query_slot_count, slot_count
            out.setdefault("_".join(parts[i:]))
    return list(out)


def name_owners(pages: Iterable[tuple[str, Iterable[str]]]) -> dict[tuple[str, ...], str]:
    """Every name of every page, as its index words → the id of the page it belongs to."""
    owners: dict[tuple[str, ...], str] = {}
    for page_id, names in pages:
        for name in names:
            words = tuple(w for w in tokens(name) if w not in VENDOR_WORDS)
            if words:
                owners.setdefault(words, page_id)
    return owners


def _drop_foreign_names(
    words: tuple[str, ...], page_id: str, owners: dict[tuple[str, ...], str], everyday: frozenset[str] = frozenset()
) -> list[str]:
    """Drop a leading run of words that is another page's name: "EC2 Image Builder" keeps image, builder.

    Only a leading run: product families put the parent's name first (EC2 Image Builder,
    Kinesis Data Firehose, IoT Greengrass), while a name that merely ends with another
    page's name is its own thing (Direct Connect is not Amazon Connect). The run stays when
    what is left is only everyday words: "Well-Architected Tool" is not a "tool".
    """
    for j in range(len(words) - 1, 0, -1):  # longest run first, never the whole name
        owner = owners.get(words[:j])
        if owner is not None and owner != page_id:
            rest = list(words[j:])
            return list(words) if all(w in everyday for w in rest) else rest
    return list(words)


def _foreign_camel_part(part: str, page_id: str, owners: dict[tuple[str, ...], str]) -> bool:
    """Is ``part``, cut from a camelCase name, another page's whole one-word name ("artifact" of CodeArtifact)?"""
    owner = owners.get((part,))
    return owner is not None and owner != page_id


def name_keywords(
    names: Iterable[str], page_id: str = "", owners: dict[tuple[str, ...], str] | None = None, everyday: frozenset[str] = frozenset()
) -> list[str]:
    """A page's names as index words, each once.

    Vendor words (Amazon, AWS) and words that only repeat another page's name are
    left out, so that "EC2" leads to Amazon EC2 and not to EC2 Image Builder: each
    name belongs to one page (the catalog's rule), and so does its weight here.
    A camelCase word also gets its joined spelling (CloudFront → cloudfront), and
    a name with a number its joined form ("Route 53" → route53), unless that
    spelling starts with another page's name. A part of a camelCase word that is another
    page's whole name is left out too ("CodeArtifact" keeps code and codeartifact, not artifact).
    """
    owners = owners or {}
    out: dict[str, None] = {}
    for name in names:
        words = tuple(w for w in tokens(name) if w not in VENDOR_WORDS)
        kept = _drop_foreign_names(words, page_id, owners, everyday)
        camel_parts = {p.lower() for w in re.findall(r"[A-Za-z0-9_]+", name) if len(split_camel(w)) > 1 for p in split_camel(w)}
        for word in kept:
            if word in camel_parts and _foreign_camel_part(word, page_id, owners):
                continue
            out.setdefault(word)
        joined = [w.lower() for w in re.findall(r"[A-Za-z0-9_]+", name) if len(split_camel(w)) > 1]
        if len(words) > 1 and any(w.isdigit() for w in words):
            joined.append("".join(words))
        for spelling in joined:
            if not _starts_with_foreign_name(spelling, page_id, owners):
                out.setdefault(spelling)
    return list(out)


def _starts_with_foreign_name(spelling: str, page_id: str, owners: dict[tuple[str, ...], str]) -> bool:
    """Does ``spelling`` start with another page's name, its words joined ("route53" with "route")?"""
    joined = _joined_owners(owners)
    return any(owner != page_id for i in range(1, len(spelling) + 1) for owner in joined.get(spelling[:i], ()))


_joined_cache: tuple[dict | None, dict[str, set[str]]] = (None, {})  # (the owners map it was built from, result)


def _joined_owners(owners: dict[tuple[str, ...], str]) -> dict[str, set[str]]:
    """``{"route53": {"route-53"}, …}``: each name's words joined, to the pages that own it (built once per owners map)."""
    global _joined_cache
    if _joined_cache[0] is not owners:
        joined: dict[str, set[str]] = {}
        for words, owner in owners.items():
            joined.setdefault("".join(words), set()).add(owner)
        _joined_cache = (owners, joined)
    return _joined_cache[1]


def acronyms(names: Iterable[str], owners: dict[tuple[str, ...], str] | None = None) -> list[str]:
    """A page's acronyms that start a longer name word of any page, lower-case: ``AMP`` (amplify), ``CLI`` (click)."""
    words = _name_words(owners or {})
    found = (m.group(1).lower() for m in map(ACRONYM.match, names) if m)
    return [a for a in dict.fromkeys(found) if any(w != a and w.startswith(a) for w in words)]


_words_cache: tuple[dict | None, frozenset[str]] = (None, frozenset())


def _name_words(owners: dict[tuple[str, ...], str]) -> frozenset[str]:
    global _words_cache
    if _words_cache[0] is not owners:
        _words_cache = (owners, frozenset(w for words in owners for w in words))
    return _words_cache[1]


def enrich(
    entries: list[dict], page: PageInfo, owners: dict[tuple[str, ...], str] | None = None, everyday: frozenset[str] = frozenset()
) -> list[dict]:
    """Return the page's index entries with ``names``, ``acronyms``, ``keywords`` and ``boost`` set."""
    out = []
    boost = BOOST.get(page.kind, 1.0)
    sections = dict(page.sections)
    for i, entry in enumerate(entries):
        entry = dict(entry)
        anchor = entry["location"].partition("#")[2]
        names = page.names if i == 0 else sections.get(anchor, ())
        if names:
            entry["names"] = " ".join(name_keywords(names, page.id, owners, everyday))
            short = acronyms(names, owners)
            if short:
                entry["acronyms"] = " ".join(short)
        words = compound_keywords(plain_text(entry.get("title", "")) + " " + plain_text(entry.get("text", "")))
        if words:
            entry["keywords"] = " ".join(words)
        if boost != 1.0:
            entry["boost"] = round(entry.get("boost", 1.0) * boost, 3)
        out.append(entry)
    return out


def page_entries(entries: list[dict], url: str) -> int:
    """Index of the first of the entries at the end of ``entries`` that belong to the page at ``url``."""
    start = len(entries)
    while start > 0 and entries[start - 1]["location"].split("#", 1)[0] == url:
        start -= 1
    return start
