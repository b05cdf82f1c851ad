"""Service limits as data: load, validate, check against the prose, format for tables.

Each service page may have a data file beside it, ``<page>.limits.yml`` (so
``services/networking/vpc.md`` has ``services/networking/vpc.limits.yml``),
holding a YAML list of entries::

    - id: subnets-per-vpc             # stable: the row anchor is limit-<page id>-<id>
      name: Subnets per VPC
      value: 200                      # a number, as the page states it
      unit: count                     # one of UNITS
      adjustable: soft                # one of ADJUSTABLE
      max: 125                        # optional, soft only: "up to 125 on request"
      qualifier: up to                # optional, one of QUALIFIERS
      scope: per VPC                  # one of SCOPES
      section: limits                 # heading anchor the fact sits under; omit for the opening text
      quote: "Subnets per VPC: 200, Adjustable"   # the words of that section stating the value
      after: "io1:"                   # optional: the quote is the first match after this text
      note: Free text, escaped.       # optional
      current: 250                    # optional: today's value when AWS changed it (same unit)
      correction: subnets-raised      # the id of the page's correction about this limit (required with current)

Ranges ("between 25 MB/s and 40 MB/s", "from 0 to 300 seconds") are two
entries named "…, minimum" and "…, maximum", so each row holds one number.

Keeping prose and data honest (``check_prose``): the quote is turned into a
pattern in which every number is a wildcard, and the first match in the section
must state exactly the quote's numbers; the entry's value (and ``max``) must be
one of them. So editing "200" in the page, or in the data, fails the build.

A limit AWS has changed keeps the page's ``value`` and ``quote`` (the drift check goes on
guarding the cheat sheet's words) and adds ``current`` and ``correction``: the table shows
the current value, "was" the old one, and the source of the correction record
(hooks/studyguide/corrections.py) that ``check_corrections`` finds on the same page.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import yaml

from . import placeholders
from .catalog import Catalog
from .errors import DataError, shown
from .yamlfile import compose

SUFFIX = ".limits.yml"
PAGE_MARKER = "<!-- limits -->"  # where a service page's table goes (default: end of the page)
INDEX_MARKER = "<!-- limits-all -->"  # where the "Limits and quotas" page lists every limit
PAGE_HEADING = "Limits and quotas"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# unit -> (label after the number, long name for the filter, factor to a base unit for sorting)
UNITS: dict[str, tuple[str, str, float]] = {
    "count": ("", "", 1),
    "bytes": ("bytes", "bytes", 1),
    "KB": ("KB", "kilobytes", 1e3),
    "KiB": ("KiB", "kibibytes", 2**10),
    "MB": ("MB", "megabytes", 1e6),
    "MiB": ("MiB", "mebibytes", 2**20),
    "GB": ("GB", "gigabytes", 1e9),
    "GiB": ("GiB", "gibibytes", 2**30),
    "TB": ("TB", "terabytes", 1e12),
    "TiB": ("TiB", "tebibytes", 2**40),
    "PB": ("PB", "petabytes", 1e15),
    "MB/s": ("MB per second", "MB/s megabytes per second", 1e6),
    "MiB/s": ("MiB per second", "MiB/s mebibytes per second", 2**20),
    "GB/s": ("GB per second", "GB/s gigabytes per second", 1e9),
    "IOPS": ("IOPS", "input/output operations", 1),  # not "per second": that filter shows explicit rates
    "requests/s": ("requests per second", "requests/s rate", 1),
    "records/s": ("records per second", "records/s rate", 1),
    "RCU": ("RCU", "read capacity units", 1),
    "WCU": ("WCU", "write capacity units", 1),
    "vCPUs": ("vCPUs", "virtual CPUs", 1),
    "ms": ("ms", "milliseconds", 1e-3),
    "seconds": ("seconds", "seconds time", 1),
    "minutes": ("minutes", "minutes time", 60),
    "hours": ("hours", "hours time", 3600),
    "days": ("days", "days time", 86400),
    "months": ("months", "months time", 30 * 86400),
    "years": ("years", "years time", 365 * 86400),
    "%": ("%", "percent", 1),
    "x": ("×", "times faster", 1),
    "USD/GB-month": ("per GB-month", "USD dollars price", 1),
    "USD/IOPS-month": ("per provisioned IOPS-month", "USD dollars price", 1),
    "USD/MB/s-month": ("per provisioned MB/s-month", "USD dollars price", 1),
}
SINGULAR = {"seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "months": "month", "years": "year", "vCPUs": "vCPU"}

# adjustable -> text shown in the "Adjustable" column
ADJUSTABLE = {
    "soft": "Yes",  # a quota AWS raises on request
    "hard": "No",  # a quota that cannot be raised
    "setting": "Configurable",  # a value you choose within the stated bounds
    "fixed": "Fixed",  # a property of the service or product (size, speed, price), not a quota
    "unstated": "Not stated",  # neither the page nor AWS's quota tables say
}

SCOPES = (
    "per account",
    "per account per Region",
    "per VPC",
    "per transit gateway",
    "per connection",
    "per virtual interface",
    "per Direct Connect gateway",
    "per site",
    "per DNS response",
    "per function",
    "per alias",
    "per event source mapping",
    "per batch",
    "per integration",
    "per message",
    "per record",
    "per shard",
    "per stream",
    "per delivery stream",
    "per table",
    "per partition",
    "per partition key value",
    "per cluster",
    "per node",
    "per global database",
    "per database",
    "per service quota",
    "per volume",
    "per gateway",
    "per tape",
    "per tape library",
    "per device",
    "per reservation",
    "per instance",
    "per accelerator",
    "per search domain",
    "per object",
    "per request",
)

QUALIFIERS = ("up to", "less than", "more than", "at least", "typically")

KEYS = {
    "id",
    "name",
    "value",
    "unit",
    "adjustable",
    "max",
    "qualifier",
    "scope",
    "section",
    "quote",
    "after",
    "note",
    "current",
    "correction",
}
REQUIRED = ("id", "name", "value", "unit", "adjustable", "scope", "quote")

NUMBER_WORDS = {
    "single": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUMBER = r"(?<![A-Za-z0-9_])\d+(?:[.,]\d+)*|\b(?:" + "|".join(NUMBER_WORDS) + r")\b"
NUMBER_RE = re.compile(_NUMBER, re.IGNORECASE)


@dataclass(frozen=True)
class Limit:
    service_id: str  # the page id, e.g. "vpc"
    service: str  # the page title, e.g. "Amazon VPC"
    page_path: str  # "services/networking/vpc.md"
    file: str  # "services/networking/vpc.limits.yml", for messages (DataError adds docs/)
    line: int
    id: str
    name: str
    value: float
    unit: str
    adjustable: str
    scope: str
    quote: str
    section: str | None = None
    max: float | None = None
    qualifier: str | None = None
    after: str | None = None
    note: str | None = None
    current: float | None = None  # today's value, when AWS changed it
    correction: str | None = None  # id of the correction record that sources ``current``
    key_lines: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def anchor(self) -> str:
        return f"limit-{self.service_id}-{self.id}"


@dataclass
class LimitBook:
    """Every limit of the site, by service page path, in file order."""

    by_page: dict[str, list[Limit]] = field(default_factory=dict)

    def all(self) -> list[Limit]:
        return [limit for entries in self.by_page.values() for limit in entries]

    def for_page(self, page_path: str) -> list[Limit]:
        return self.by_page.get(page_path, [])


# ------------------------------------------------------------------ loading


def page_path_for(data_path: str) -> str:
    """``services/networking/vpc.limits.yml`` -> ``services/networking/vpc.md``."""
    return data_path[: -len(SUFFIX)] + ".md"


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def load_file(data_path: str, text: str, catalog: Catalog) -> list[Limit]:
    """Validate one data file; ``data_path`` is relative to docs/ (``services/<category>/<page>.limits.yml``)."""
    path = data_path
    page_path = page_path_for(data_path)
    page = catalog.by_path.get(page_path)
    if page is None or page.type != "service":
        raise DataError(
            path,
            f"entries for an unknown service: there is no service page {shown(page_path)} beside this file "
            "(name the file after its page: services/<category>/<page>.limits.yml)",
            line=1,
        )
    placeholders.check(path, text)
    node, data = compose(text, path)  # node tree for line numbers, data from the same parse
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise DataError(path, "the file must be a YAML list of limit entries ('- id: …')", line=1)
    entries: list[Limit] = []
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, tuple[str, int]] = {}
    for index, (item, item_node) in enumerate(zip(data, node.value, strict=True)):
        line = item_node.start_mark.line + 1
        label = f"entry {index + 1}"
        if not isinstance(item, dict) or not isinstance(item_node, yaml.MappingNode):
            raise DataError(path, "each entry must be a mapping of keys (id, name, value, unit…)", line=line, entry=label)
        key_lines: dict[str, int] = {}
        for key_node, _ in item_node.value:
            if key_node.value in key_lines:
                raise DataError(
                    path, f"key '{key_node.value}' is given twice in this entry", line=key_node.start_mark.line + 1, entry=label
                )
            key_lines[key_node.value] = key_node.start_mark.line + 1
        label = str(item.get("id") or item.get("name") or label)
        limit = _read_entry(item, key_lines, path, line, label, page)
        if limit.id in seen_ids:
            raise DataError(path, f"duplicate id '{limit.id}' (first on line {seen_ids[limit.id]})", line=line, entry=limit.id)
        name_key = limit.name.casefold()
        if name_key in seen_names:
            first_id, first_line = seen_names[name_key]
            raise DataError(
                path,
                f"two entries named '{limit.name}' for {page.title} (the other is '{first_id}' on line {first_line})",
                line=key_lines.get("name", line),
                entry=limit.id,
            )
        seen_ids[limit.id] = line
        seen_names[name_key] = (limit.id, line)
        entries.append(limit)
    return entries


def _read_entry(item: dict, key_lines: dict[str, int], path: str, line: int, label: str, page) -> Limit:
    def where(key: str) -> int:
        return key_lines.get(key, line)

    for key in item:
        if key not in KEYS:
            raise DataError(path, f"unknown key '{key}' (known keys: {', '.join(sorted(KEYS))})", line=where(key), entry=label)
    for key in REQUIRED:
        if item.get(key) is None or (isinstance(item.get(key), str) and not item[key].strip()):
            raise DataError(path, f"missing required key '{key}'", line=where(key), entry=label)
    text = {}
    for key in ("id", "name", "unit", "adjustable", "scope", "quote", "section", "qualifier", "after", "note", "correction"):
        value = item.get(key)
        if value is None:
            continue
        if isinstance(value, bool | int | float) and key in ("note",):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise DataError(path, f"'{key}' must be non-empty text", line=where(key), entry=label)
        text[key] = " ".join(value.split())
    if not ID_PATTERN.match(text["id"]):
        raise DataError(path, "'id' must be lowercase words joined by hyphens, like 'subnets-per-vpc'", line=where("id"), entry=label)
    value = item["value"]
    if not _is_number(value):
        hint = " (write 1000, not 1,000; put the unit in 'unit')" if isinstance(value, str) else ""
        raise DataError(path, f"'value' must be a number, not {value!r}{hint}", line=where("value"), entry=label)
    if text["unit"] not in UNITS:
        raise DataError(path, f"unknown unit '{text['unit']}' (known units: {', '.join(UNITS)})", line=where("unit"), entry=label)
    if text["scope"] not in SCOPES:
        raise DataError(path, f"unknown scope '{text['scope']}' (known scopes: {', '.join(SCOPES)})", line=where("scope"), entry=label)
    if text["adjustable"] not in ADJUSTABLE:
        raise DataError(
            path, f"'adjustable' must be one of {', '.join(ADJUSTABLE)}, not '{text['adjustable']}'", line=where("adjustable"), entry=label
        )
    if "qualifier" in text and text["qualifier"] not in QUALIFIERS:
        raise DataError(
            path, f"unknown qualifier '{text['qualifier']}' (known: {', '.join(QUALIFIERS)})", line=where("qualifier"), entry=label
        )
    maximum = item.get("max")
    if maximum is not None:
        if not _is_number(maximum):
            raise DataError(path, f"'max' must be a number, not {maximum!r}", line=where("max"), entry=label)
        if text["adjustable"] != "soft":
            raise DataError(path, "'max' (up to N on request) only goes with 'adjustable: soft'", line=where("max"), entry=label)
        if maximum < value:
            raise DataError(path, f"'max' ({maximum}) is below the default value ({value})", line=where("max"), entry=label)
    current = item.get("current")
    if current is not None and not _is_number(current):
        raise DataError(path, f"'current' must be a number, not {current!r}", line=where("current"), entry=label)
    if current is not None and "correction" not in text:
        raise DataError(
            path,
            "'current' needs 'correction': the id of the record in the page's corrections file that sources it",
            line=where("current"),
            entry=label,
        )
    if current is not None and _same(current, value):
        raise DataError(path, f"'current' ({format_number(current)}) equals 'value': nothing changed", line=where("current"), entry=label)
    if "section" in text and not ID_PATTERN.match(text["section"].replace("_", "-")):
        raise DataError(path, "'section' is a heading anchor such as 'transit-gateway' (without '#')", line=where("section"), entry=label)
    return Limit(
        service_id=page.id,
        service=page.title,
        page_path=page.src_path,
        file=path,
        line=line,
        id=text["id"],
        name=text["name"],
        value=value,
        unit=text["unit"],
        adjustable=text["adjustable"],
        scope=text["scope"],
        quote=text["quote"],
        section=text.get("section"),
        max=maximum,
        qualifier=text.get("qualifier"),
        after=text.get("after"),
        note=text.get("note"),
        current=current,
        correction=text.get("correction"),
        key_lines=dict(key_lines),
    )


def check_corrections(book: LimitBook, find: Callable[[str, str], object | None]) -> list[DataError]:
    """Every ``correction:`` must name a record of the same page's corrections file;
    ``find(page_path, id)`` looks it up (``CorrectionBook.find``)."""
    errors = []
    for limit in book.all():
        if limit.correction and find(limit.page_path, limit.correction) is None:
            stem = limit.page_path[: -len(".md")]
            errors.append(
                DataError(
                    limit.file,
                    f"'correction: {limit.correction}' is not an id in {stem}.corrections.yml",
                    line=limit.key_lines.get("correction", limit.line),
                    entry=limit.id,
                )
            )
    return errors


def load(sources: Iterable[tuple[str, str]], catalog: Catalog) -> LimitBook:
    """``sources`` yields ``(path relative to docs/, text)`` for every ``*.limits.yml``."""
    book = LimitBook()
    for data_path, text in sorted(sources):
        entries = load_file(data_path, text, catalog)
        if entries:
            book.by_page[page_path_for(data_path)] = entries
    return book


def load_book(
    sources: Iterable[tuple[str, str]], catalog: Catalog, find: Callable[[str, str], object | None]
) -> tuple[LimitBook, list[DataError]]:
    """Every limit file read and checked, collecting all problems instead of stopping at the first:
    the MkDocs hook (hooks/limits.py) and the extensions' loader (studyguide/sitedata.py) share it.
    ``find`` looks up a correction by page and id."""
    book, errors = LimitBook(), []
    for data_path, text in sorted(sources):
        try:
            entries = load_file(data_path, text, catalog)
        except DataError as error:
            errors.append(error)
            continue
        if entries:
            book.by_page[page_path_for(data_path)] = entries
    return book, errors + check_corrections(book, find)


# ------------------------------------------------------------------ sections and the prose check

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Section:
    anchor: str | None  # None: the page's opening text, before the first heading
    title: str
    text: str  # the section's Markdown, whitespace collapsed


def default_slugify(value: str, separator: str) -> str:
    from markdown.extensions.toc import slugify

    return slugify(value, separator)


def sections(markdown: str, slugify: Callable[[str, str], str] = default_slugify, separator: str = "-") -> dict[str | None, Section]:
    """Split a page's Markdown (front matter removed) into sections by heading.

    Anchors follow Python-Markdown's toc extension: slugified heading text,
    ``_1``, ``_2``… for repeats, or an explicit ``{#id}``. The hook checks the
    rendered page really has each anchor, so a drift here fails loudly.
    """
    out: dict[str | None, Section] = {}
    used: set[str] = set()
    anchor, title, lines = None, "", []
    in_fence = False

    def close():
        out[anchor] = Section(anchor, title, " ".join(" ".join(lines).split()))

    for raw in markdown.splitlines():
        if _FENCE.match(raw):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(raw)
        if not match:
            lines.append(raw)
            continue
        close()
        heading = match.group(2)
        explicit = _ATTR_ID.search(heading)
        if explicit:
            heading = heading[: explicit.start()]
            slug = explicit.group(1)
        else:
            plain = _LINK.sub(r"\1", heading).replace("`", "").replace("*", "")
            slug = slugify(plain, separator)
            base, n = slug, 0
            while slug in used:
                n += 1
                slug = f"{base}_{n}"
        used.add(slug)
        anchor, title, lines = slug, _LINK.sub(r"\1", heading).replace("`", "").replace("**", "").strip(), []
    close()
    return out


def parse_number(token: str) -> float:
    word = NUMBER_WORDS.get(token.lower())
    if word is not None:
        return word
    if "," in token:
        parts = token.split(",")
        if all(len(p) == 3 and p.isdigit() for p in parts[1:]) and "." not in parts[-1]:
            token = token.replace(",", "")  # 1,000 / 262,144: thousands separators
        else:
            token = token.replace(",", ".")  # 12,5: a decimal comma
    return float(token)


def numbers_in(text: str) -> list[float]:
    return [parse_number(m.group(0)) for m in NUMBER_RE.finditer(text)]


_SLOT = "\x00"  # stands for any number in a skeleton


@functools.lru_cache(maxsize=512)  # a section is searched once per entry it holds
def skeleton(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with every number replaced by one slot character, case-folded, and its numbers in order.

    "Subnets per VPC: 200" and "subnets per vpc: 250" share a skeleton: finding the quote's
    skeleton in the section's is a plain substring search (fast, no regex per entry).
    """
    numbers = tuple(m.group(0) for m in NUMBER_RE.finditer(text))
    return NUMBER_RE.sub(_SLOT, text).casefold(), numbers


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _line_of(limit: Limit, key: str) -> int:
    """The line of ``key`` in the entry (the entry's first line when the key is absent)."""
    return limit.key_lines.get(key, limit.line)


def check_prose(limit: Limit, page_sections: dict[str | None, Section]) -> None:
    """Raise ``DataError`` unless the section states the entry's value in the quoted words."""
    where = f"section '#{limit.section}'" if limit.section else "the opening text (before the first heading)"
    section = page_sections.get(limit.section)
    if section is None:
        known = ", ".join(sorted(a for a in page_sections if a)) or "none"
        raise DataError(
            limit.file,
            f"'section: {limit.section}' is not a heading anchor of {shown(limit.page_path)} (anchors: {known})",
            _line_of(limit, "section"),
            limit.id,
        )
    quoted = numbers_in(limit.quote)
    if not quoted:
        raise DataError(limit.file, f"the quote {limit.quote!r} states no number", _line_of(limit, "quote"), limit.id)
    for label, number in (("value", limit.value), ("max", limit.max)):
        if number is not None and not any(_same(number, q) for q in quoted):
            raise DataError(
                limit.file,
                f"the {label} {format_number(number)} does not match the page, whose words {limit.quote!r} state "
                f"{', '.join(format_number(q) for q in quoted)}",
                _line_of(limit, label),
                limit.id,
            )
    text, numbers = skeleton(section.text)
    start = 0
    if limit.after:
        start = text.find(skeleton(limit.after)[0])
        if start < 0:
            raise DataError(
                limit.file, f"'after: {limit.after}' is not in {where} of {shown(limit.page_path)}", _line_of(limit, "after"), limit.id
            )
    quote_text, quote_numbers = skeleton(limit.quote)
    found = text.find(quote_text, start)
    if found < 0:
        raise DataError(
            limit.file,
            f"the quote {limit.quote!r} is not in {where} of {shown(limit.page_path)}: copy the words stating the limit from the page",
            _line_of(limit, "quote"),
            limit.id,
        )
    first = text.count(_SLOT, 0, found)
    stated = numbers[first : first + len(quote_numbers)]
    if not all(_same(parse_number(a), parse_number(b)) for a, b in zip(stated, quote_numbers, strict=True)):
        pieces, last = [], 0  # the quote with the page's numbers in it
        for match, stated_number in zip(NUMBER_RE.finditer(limit.quote), stated, strict=True):
            pieces += [limit.quote[last : match.start()], stated_number]
            last = match.end()
        says = "".join(pieces) + limit.quote[last:]
        raise DataError(
            limit.file,
            f"the page says {says!r} but the data quotes {limit.quote!r}: update the entry's value and quote, or the page",
            _line_of(limit, "quote"),
            limit.id,
        )


# ------------------------------------------------------------------ formatting


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def format_value(limit: Limit, value: float | None = None) -> str:
    """``200``, ``6 MB``, ``262,144 bytes``, ``1,000 records per second``, ``66%``, ``$0.125 per GB-month``.
    ``value`` overrides the entry's own (the current value of a changed limit)."""
    value = limit.value if value is None else value
    number = format_number(value)
    label = UNITS[limit.unit][0]
    if limit.unit.startswith("USD/"):
        decimals = max(2, len(repr(float(value)).split(".")[1]))
        text = f"${value:,.{decimals}f} {label}"
    elif limit.unit in ("%", "x"):
        text = f"{number}{label}"
    elif not label:
        text = number
    else:
        if _same(value, 1):
            label = SINGULAR.get(limit.unit, label)
        text = f"{number} {label}"
    return f"{limit.qualifier} {text}" if limit.qualifier else text


def format_adjustable(limit: Limit) -> str:
    if limit.adjustable == "soft" and limit.max is not None:
        return f"Yes, up to {format_number(limit.max)} on request"
    return ADJUSTABLE[limit.adjustable]


def sort_key(limit: Limit) -> float:
    return (limit.value if limit.current is None else limit.current) * UNITS[limit.unit][2]


@dataclass(frozen=True)
class Row:
    """One table row, all text ready for the template (which escapes it)."""

    anchor: str
    service: str
    service_url: str
    name: str
    value: str
    value_sort: float
    adjustable: str
    scope: str
    note: str
    source: str
    source_url: str | None
    filter_text: str
    was: str = ""  # the cheat sheet's value, when AWS changed it
    change_label: str = ""  # "Changed in 2025"
    change_source: str = ""  # the correction's AWS URL
    change_url: str = ""  # the correction's note on the service page


def rows(
    limits: Iterable[Limit],
    page_url: Callable[[Limit], str],
    section_titles: Callable[[Limit], str],
    correction_of: Callable[[Limit], object | None] = lambda _limit: None,
) -> list[Row]:
    """Rows for a table. ``page_url(limit)`` is the service page's URL relative to the page
    showing the table ('' for the page itself); ``correction_of(limit)`` the record behind
    a changed limit (anything with ``label``, ``source`` and ``anchor``)."""
    out = []
    for limit in limits:
        record = correction_of(limit) if limit.correction else None
        url = page_url(limit)
        source = section_titles(limit)
        # the opening text links to the page itself (nothing, on the page itself)
        source_url = f"{url}#{limit.section}" if limit.section else url or None
        value = format_value(limit, limit.current)
        was = format_value(limit) if limit.current is not None else ""
        adjustable = format_adjustable(limit)
        filter_text = " ".join(
            [limit.service, limit.name, value, UNITS[limit.unit][1], adjustable, limit.scope, limit.note or "", source]
            + (["changed", was] if limit.correction else [])
        ).casefold()
        out.append(
            Row(
                anchor=limit.anchor,
                service=limit.service,
                service_url=url,
                name=limit.name,
                value=value,
                value_sort=sort_key(limit),
                adjustable=adjustable,
                scope=limit.scope,
                note=limit.note or "",
                source=source,
                source_url=source_url,
                filter_text=" ".join(filter_text.split()),
                was=was,
                change_label=getattr(record, "label", ""),
                change_source=getattr(record, "source", ""),
                change_url=f"{url}#{record.anchor}" if record is not None else "",
            )
        )
    return out


def render(template, table_rows: list[Row], *, all_services: bool) -> str:
    """The table's HTML from the Jinja template, as one raw-HTML block Markdown leaves alone
    (no blank lines, no indented lines that could read as code)."""
    html = template.render(rows=table_rows, all_services=all_services, count=len(table_rows))
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
