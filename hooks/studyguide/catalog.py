"""The catalog: every page's front matter, validated once per build.

Layout the catalog enforces (CONTRIBUTING.md documents it for contributors):

- ``services/<category>/index.md``: a category, with ``title``, ``order`` and ``description``;
- ``services/<category>/<service>.md``: a service page, ``type: service``;
- ``concepts/<topic>.md``: a cross-cutting concept page, ``type: concept``;
- ``<name>.md`` at the top of docs/, ``services/index.md`` and ``concepts/index.md``: a
  whole-site page (home, glossary, limits, practice exam, listings…), with a ``title`` and
  only Material's keys (``description``, ``hide``, ``search``);
- any other Markdown page is refused, naming the file (and, when it repeats another page's
  id or names, that page too): a stray copy never builds silently.

Service and concept pages need a stable ``id`` and a ``title``; ``aliases`` (other
names and abbreviations the text uses for the page) and ``tags`` are optional lists.
No two pages may share an id, and no name (title or alias) may belong to two pages.

``sections`` (optional) maps a heading anchor of the page to the names that belong
to that section, e.g. ``transit-gateway: [Transit Gateway, TGW]`` on the VPC page:
cross-links then lead to ``vpc/#transit-gateway``. Section names follow the same
one-name-one-place rule as aliases; the cross-link hook checks the anchor exists.

``reviewed`` (``YYYY-MM``) is the month the page's facts were last checked against AWS's
documentation. ``lifecycle`` marks a service AWS retired, closed to new customers or
renamed (see ``read_status``); every view of the page (banner, listings, service map,
search) reads it from here. The key is not ``status``: Material reads a page's ``status``
as the name of its own page-status icon and would print the mapping into a class
attribute (issue 21), so ``status:`` is refused on every page with a pointer to ``lifecycle:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import added, placeholders
from .errors import DataError, shown
from .frontmatter import FrontMatter, parse
from .provenance import month_error, month_label, source_error

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ANCHOR_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:-]*$")  # a heading id as the toc extension writes it

# Keys a page may carry. Unknown keys are refused, so a typo such as ``alias:``
# fails the build instead of being ignored.
PAGE_KEYS = {
    "id",
    "title",
    "type",
    "category",
    "aliases",
    "sections",
    "tags",
    "description",
    "hide",
    "search",
    "reviewed",
    "lifecycle",
    "origin",
}
CATEGORY_KEYS = {"title", "order", "description", "hide", "search"}
SITE_KEYS = {"title", "description", "hide", "search"}
SERVICE_ONLY_KEYS = {"id", "type", "category", "aliases"}  # on a whole-site page: a misplaced service page
EXTRA_KEYS: set[str] = set()  # keys owned by other features (limits, quiz) register here
PAGE_TYPES = {"service", "concept"}

# A service's lifecycle: state -> (badge text, banner lead).
STATUS_STATES = {
    "retired": ("Retired", "Retired"),
    "closed": ("Closed to new customers", "Closed to new customers"),
    "renamed": ("Renamed", "Renamed"),
}
STATUS_KEYS = {"state", "date", "approximate", "successor", "former", "source", "note"}
KEY = "lifecycle"  # the front-matter key of a service's lifecycle (Status)
# Material's own page status: the theme prints its value into a class attribute and shows an
# icon, so the project's mapping there leaked front-matter data into 101 pages (issue 21).
MATERIAL_STATUS_ERROR = (
    "'status' is Material's page-status key, which this site does not use: "
    "a service's lifecycle (state, date, source…) goes under 'lifecycle:', so rename to lifecycle:"
)


@dataclass(frozen=True)
class Status:
    """What AWS did to the service: ``state`` is a key of STATUS_STATES, ``date`` YYYY-MM."""

    state: str
    date: str
    source: str
    successor: str | None = None  # page id of what to use instead
    former: str | None = None  # renamed only: the old name, kept as an alias
    note: str | None = None
    line: int | None = None  # line of 'successor:' (or 'lifecycle:') for cross-page errors
    approximate: bool = False  # the month is an estimate: no source gave it

    @property
    def label(self) -> str:
        return STATUS_STATES[self.state][0]

    @property
    def month(self) -> str:
        """``May 2024``, or ``about May 2024`` when the month is an estimate."""
        return ("about " if self.approximate else "") + month_label(self.date)


@dataclass(frozen=True)
class Page:
    """A service or concept page, as its front matter describes it."""

    id: str
    title: str
    type: str
    src_path: str  # relative to docs/, with forward slashes
    category: str | None = None
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    meta: Mapping = field(default_factory=dict, compare=False, repr=False)
    # (heading anchor, names of that section), in front-matter order
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    reviewed: str | None = None  # YYYY-MM: facts last checked against AWS's documentation
    status: Status | None = None
    origin: str | None = None  # "added": the project wrote the page; None: split from the cheat sheet
    added: tuple[added.Block, ...] = ()  # the page's '/// added' blocks, with their sources

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the text may use for this page: its title first, then aliases."""
        return (self.title, *self.aliases)

    @property
    def section_names(self) -> tuple[tuple[str, str], ...]:
        """``(name, anchor)`` for every name that belongs to a section of this page."""
        return tuple((name, anchor) for anchor, names in self.sections for name in names)


@dataclass(frozen=True)
class Category:
    slug: str
    title: str
    order: int
    description: str
    src_path: str


@dataclass
class Catalog:
    pages: dict[str, Page] = field(default_factory=dict)  # by id
    categories: dict[str, Category] = field(default_factory=dict)  # by slug
    by_path: dict[str, Page] = field(default_factory=dict)
    # The service pages of each category, in title order, made once from ``pages`` and remade
    # when a page is added (build_catalog adds pages, nothing replaces or removes one): a
    # category listing or the service map asks for every category, and a scan of every page
    # each time made them quadratic in the site's size (0.2 s a build at ten times today's size).
    _by_category: tuple[int, dict[str, list[Page]]] | None = field(default=None, init=False, repr=False, compare=False)

    def services_in(self, slug: str) -> list[Page]:
        if self._by_category is None or self._by_category[0] != len(self.pages):
            index: dict[str, list[Page]] = {}
            for page in sorted((p for p in self.pages.values() if p.type == "service"), key=lambda p: sort_title(p.title)):
                index.setdefault(page.category, []).append(page)
            self._by_category = (len(self.pages), index)
        return list(self._by_category[1].get(slug, ()))

    def concepts(self) -> list[Page]:
        return sorted((p for p in self.pages.values() if p.type == "concept"), key=lambda p: sort_title(p.title))

    def ordered_categories(self) -> list[Category]:
        return sorted(self.categories.values(), key=lambda c: (c.order, c.title))


def sort_title(title: str) -> str:
    """Sort "Amazon EC2" and "AWS Batch" by their service name, not by vendor prefix."""
    return re.sub(r"^(Amazon|AWS)\s+", "", title).casefold()


PLACES = "docs/services/<category>/<service>.md, docs/concepts/<topic>.md or, for a whole-site page, docs/<name>.md"


def _kind(src_path: str) -> str:
    """``category``, ``service``, ``concept``, ``site`` (a whole-site page), ``include`` or ``unknown``."""
    parts = src_path.split("/")
    if parts[0] == "includes":  # snippets appended to pages (exclude_docs keeps them out of the build)
        return "include"
    if len(parts) == 3 and parts[0] == "services":
        return "category" if parts[2] == "index.md" else "service"
    if len(parts) == 2 and parts[0] == "concepts":
        return "site" if parts[1] == "index.md" else "concept"
    if len(parts) == 1 or (len(parts) == 2 and parts[0] == "services" and parts[1] == "index.md"):
        return "site"
    return "unknown"


def _require_str(fm: FrontMatter, path: str, key: str) -> str:
    value = fm.data.get(key)
    if value is None:
        raise DataError(path, f"missing required key '{key}'", line=1)
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, f"'{key}' must be a non-empty string", line=fm.line_of(key))
    return value.strip()


def _plain_title(fm: FrontMatter, path: str, key: str = "title") -> str:
    """Titles reach MkDocs' and Material's templates unescaped (nav, <title>, <h1>), so no markup."""
    value = _require_str(fm, path, key)
    if "<" in value or ">" in value:
        raise DataError(path, f"'{key}' is plain text: '<' and '>' are not allowed", line=fm.line_of(key), entry=value)
    return value


def _str_list(fm: FrontMatter, path: str, key: str) -> tuple[str, ...]:
    value = fm.data.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list):
        raise DataError(path, f"'{key}' must be a list", line=fm.line_of(key))
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise DataError(path, f"every item of '{key}' must be a non-empty string", line=fm.line_of(key, i), entry=repr(item))
        out.append(item.strip())
    return tuple(out)


def _sections(fm: FrontMatter, path: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = fm.data.get("sections")
    if value is None:
        return ()
    line = fm.line_of("sections")
    if not isinstance(value, dict):
        raise DataError(path, "'sections' must map a heading anchor to a list of names, like 'transit-gateway: [TGW]'", line=line)
    out = []
    for anchor, names in value.items():
        if not isinstance(anchor, str) or not ANCHOR_PATTERN.match(anchor):
            raise DataError(path, "every key of 'sections' must be a heading anchor, like 'transit-gateway'", line=line, entry=repr(anchor))
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise DataError(path, f"'sections: {anchor}' must be a list of non-empty names", line=line, entry=anchor)
        out.append((anchor, tuple(n.strip() for n in names)))
    return tuple(out)


def _reviewed(fm: FrontMatter, path: str) -> str | None:
    if "reviewed" not in fm.data:
        return None
    value = fm.data["reviewed"]
    problem = month_error(value)
    if problem:
        raise DataError(path, f"'reviewed' {problem}", line=fm.line_of("reviewed"), entry="reviewed")
    return value.strip()


def read_status(fm: FrontMatter, path: str, aliases: tuple[str, ...]) -> Status | None:
    """``lifecycle:`` is a mapping: state, date, source; successor (a page id), former, note."""
    if KEY not in fm.data:
        return None
    value = fm.data[KEY]
    line = fm.line_of(KEY)
    if not isinstance(value, dict):
        raise DataError(path, "'lifecycle' must be a mapping with state, date and source (and successor, former, note)", line=line)

    def at(key: str) -> int | None:
        return fm.line_of(f"{KEY}.{key}") or line

    for key in value:
        if key not in STATUS_KEYS:
            raise DataError(path, f"unknown key 'lifecycle.{key}' (known: {', '.join(sorted(STATUS_KEYS))})", line=at(key), entry=KEY)
    state = value.get("state")
    if state not in STATUS_STATES:
        raise DataError(path, f"'lifecycle.state' must be one of {', '.join(STATUS_STATES)} (got {state!r})", line=at("state"), entry=KEY)
    problem = month_error(value.get("date"))
    if problem:
        raise DataError(path, f"'lifecycle.date' {problem}", line=at("date"), entry=KEY)
    problem = source_error(value.get("source"))
    if problem:
        raise DataError(path, f"'lifecycle.source' {problem}", line=at("source"), entry=KEY)
    approximate = value.get("approximate", False)
    if not isinstance(approximate, bool):
        raise DataError(path, "'lifecycle.approximate' must be true or false", line=at("approximate"), entry=KEY)
    texts = {}
    for key in ("successor", "former", "note"):
        item = value.get(key)
        if item is not None and (not isinstance(item, str) or not item.strip() or "<" in item or ">" in item):
            raise DataError(path, f"'lifecycle.{key}' must be non-empty plain text, without '<' or '>'", line=at(key), entry=KEY)
        texts[key] = item.strip() if item else None
    if state == "renamed":
        if not texts["former"]:
            raise DataError(
                path, "a renamed service needs 'lifecycle.former': its old name, also listed in aliases", line=at("state"), entry=KEY
            )
        if texts["former"].casefold() not in {a.casefold() for a in aliases}:
            raise DataError(
                path,
                f"'lifecycle.former' ('{texts['former']}') must also be an alias, so search and cross-links find the old name",
                line=at("former"),
                entry=KEY,
            )
    elif texts["former"]:
        raise DataError(path, "'lifecycle.former' is for renamed services only", line=at("former"), entry=KEY)
    return Status(
        state,
        value["date"].strip(),
        value["source"].strip(),
        texts["successor"],
        texts["former"],
        texts["note"],
        at("successor"),
        approximate,
    )


def _check_keys(fm: FrontMatter, path: str, allowed: set[str]) -> None:
    for key in fm.data:
        if key == "status":
            raise DataError(path, MATERIAL_STATUS_ERROR, line=fm.line_of(key), entry="status")
        if key not in allowed | EXTRA_KEYS:
            known = ", ".join(sorted(allowed | EXTRA_KEYS))
            raise DataError(path, f"unknown key '{key}' (known keys: {known})", line=fm.line_of(key))


def _origin(fm: FrontMatter, path: str) -> str | None:
    value = fm.data.get("origin")
    if value is None:
        return None
    if value not in added.ORIGINS:
        raise DataError(
            path,
            f"'origin' is 'added' for a page the project wrote (not from the cheat sheet), or absent (got {value!r})",
            line=fm.line_of("origin"),
        )
    return value


def read_page(src_path: str, fm: FrontMatter, folder_category: str | None, text: str = "") -> Page:
    _check_keys(fm, src_path, PAGE_KEYS)
    page_id = _require_str(fm, src_path, "id")
    if not ID_PATTERN.match(page_id):
        raise DataError(
            src_path, "'id' must be lowercase words joined by hyphens, like 'direct-connect'", line=fm.line_of("id"), entry=page_id
        )
    title = _plain_title(fm, src_path)
    page_type = _require_str(fm, src_path, "type")
    expected = "service" if folder_category else "concept"
    if page_type not in PAGE_TYPES:
        raise DataError(src_path, f"'type' must be one of {sorted(PAGE_TYPES)}", line=fm.line_of("type"), entry=page_type)
    if page_type != expected:
        raise DataError(src_path, f"a page in this folder must have 'type: {expected}'", line=fm.line_of("type"), entry=page_type)
    category = None
    if folder_category:
        category = _require_str(fm, src_path, "category")
        if category != folder_category:
            raise DataError(
                src_path, f"'category' must match the page's folder '{folder_category}'", line=fm.line_of("category"), entry=category
            )
    elif "category" in fm.data:
        raise DataError(src_path, "only service pages have a 'category'", line=fm.line_of("category"))
    aliases = _str_list(fm, src_path, "aliases")
    return Page(
        id=page_id,
        title=title,
        type=page_type,
        src_path=src_path,
        category=category,
        aliases=aliases,
        tags=_str_list(fm, src_path, "tags"),
        meta=fm.data,
        sections=_sections(fm, src_path),
        reviewed=_reviewed(fm, src_path),
        status=read_status(fm, src_path, aliases),
        origin=(origin := _origin(fm, src_path)),
        added=tuple(added.blocks(src_path, text, whole_page=origin == "added")),
    )


def read_category(src_path: str, fm: FrontMatter) -> Category:
    _check_keys(fm, src_path, CATEGORY_KEYS)
    title = _plain_title(fm, src_path)
    order = fm.data.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        raise DataError(src_path, "'order' must be a whole number", line=fm.line_of("order") or 1)
    description = _require_str(fm, src_path, "description")
    return Category(src_path.split("/")[1], title, order, description, src_path)


def read_site_page(src_path: str, fm: FrontMatter) -> None:
    """A whole-site page: a plain ``title`` and Material's own keys, nothing else."""
    _check_keys(fm, src_path, SITE_KEYS)
    _plain_title(fm, src_path)


def build_catalog(sources: Iterable[tuple[str, str]], *, allow_placeholders: bool = False) -> Catalog:
    """Validate every page. ``sources`` yields ``(src_path, markdown_text)``.

    Raises ``DataError`` on the first problem in a file; cross-file problems
    (duplicate ids or names, a stray copy of a page) name both files. Text the
    scaffold left (``placeholders.MARKER``) is an error unless ``allow_placeholders``.
    """
    catalog = Catalog()
    front: dict[str, FrontMatter] = {}
    folders: set[str] = set()
    misplaced: list[str] = []
    for src_path, text in sources:
        kind = _kind(src_path)
        if kind == "include":
            continue
        if not allow_placeholders:
            placeholders.check(src_path, text)
        fm = parse(text, src_path)
        front[src_path] = fm
        if kind == "category":
            category = read_category(src_path, fm)
            catalog.categories[category.slug] = category
        elif kind in ("service", "concept"):
            folder = src_path.split("/")[1] if kind == "service" else None
            if folder:
                folders.add(folder)
            page = read_page(src_path, fm, folder, text)
            if page.id in catalog.pages:
                other = catalog.pages[page.id]
                raise DataError(
                    src_path,
                    f"duplicate id '{page.id}', also used by {shown(other.src_path)}:{front[other.src_path].line_of('id')}",
                    line=fm.line_of("id"),
                    entry=page.id,
                )
            catalog.pages[page.id] = page
            catalog.by_path[src_path] = page
        elif kind == "site" and not SERVICE_ONLY_KEYS & fm.data.keys():
            read_site_page(src_path, fm)
        else:  # checked once every page is known, to name the page it copies
            misplaced.append(src_path)
    for src_path in misplaced:
        _refuse_misplaced(src_path, front[src_path], catalog, front)
    for folder in sorted(folders - catalog.categories.keys()):
        raise DataError(
            f"services/{folder}/index.md", f"category folder 'docs/services/{folder}/' needs an index.md with title, order and description"
        )
    _check_names(catalog, front)
    _check_successors(catalog)
    return catalog


def _refuse_misplaced(src_path: str, fm: FrontMatter, catalog: Catalog, front: dict[str, FrontMatter]) -> None:
    """A page outside the known places, or a whole-site page carrying a service's keys."""
    page_id = fm.data.get("id")
    if isinstance(page_id, str) and page_id.strip() in catalog.pages:
        other = catalog.pages[page_id.strip()]
        raise DataError(
            src_path,
            f"this page repeats the id '{other.id}' of {shown(other.src_path)}:{front[other.src_path].line_of('id')}: "
            "a copy of a page would build as a second page with the same names; delete the copy, or give it its own id and names "
            f"and move it to {PLACES}",
            line=fm.line_of("id"),
            entry=other.id,
        )
    names = {n.casefold(): p for p in catalog.pages.values() for n in p.names}
    for key in ("title", "aliases"):
        values = fm.data.get(key)
        for index, value in enumerate(values if isinstance(values, list) else [values]):
            if isinstance(value, str) and value.strip().casefold() in names:
                other = names[value.strip().casefold()]
                raise DataError(
                    src_path,
                    f"'{value.strip()}' is already a name of {shown(other.src_path)} ('{other.id}'): a copy of that page? "
                    f"Delete the copy, or give this page its own names and move it to {PLACES}",
                    line=fm.line_of(key, index if isinstance(values, list) else None),
                    entry=value.strip(),
                )
    if _kind(src_path) == "site":
        raise DataError(
            src_path,
            f"'id', 'type', 'category' and 'aliases' belong to service and concept pages: move the page to {PLACES}",
            line=next((fm.line_of(k) for k in ("id", "type", "category", "aliases") if k in fm.data), 1),
        )
    raise DataError(
        src_path,
        f"a page in a folder the site does not know: every page is a service, concept or whole-site page, so move it to {PLACES}",
        line=1,
    )


def _check_successors(catalog: Catalog) -> None:
    for page in catalog.pages.values():
        status = page.status
        if status and status.successor and status.successor not in catalog.pages:
            raise DataError(
                page.src_path,
                f"'lifecycle.successor' names page id '{status.successor}', which no page has",
                line=status.line,
                entry=KEY,
            )
        if status and status.successor == page.id:
            raise DataError(page.src_path, "'lifecycle.successor' names the page itself", line=status.line, entry=KEY)


def _check_names(catalog: Catalog, front: dict[str, FrontMatter]) -> None:
    """No name may point at two pages: a cross-link could not know where to go."""
    # casefolded name -> (page, line, section anchor or None, "title" | "alias" | "section name")
    owner: dict[str, tuple[Page, int | None, str | None, str]] = {}
    for page in catalog.pages.values():
        fm = front[page.src_path]
        named = [(page.title, fm.line_of("title"), None, "title")]
        named += [(alias, fm.line_of("aliases", i), None, "alias") for i, alias in enumerate(page.aliases)]
        named += [(name, fm.line_of("sections"), anchor, "section name") for name, anchor in page.section_names]
        for name, line, anchor, role in named:
            key = name.casefold()
            if key in owner and owner[key][0].id != page.id:
                first, first_line, _, first_role = owner[key]
                what = "the title" if first_role == "title" else f"{'an' if first_role == 'alias' else 'a'} {first_role}"
                fix = (
                    "two pages cannot share a title: make this one more specific"
                    if role == first_role == "title"
                    else "a name can lead to one page only"
                )
                raise DataError(
                    page.src_path,
                    f"{role} '{name}' is already {what} of {shown(first.src_path)}:{first_line} ('{first.id}'); {fix}",
                    line=line,
                    entry=name,
                )
            if key in owner and owner[key][2] != anchor:
                where = f"section '#{owner[key][2]}'" if owner[key][2] else "the page itself"
                raise DataError(
                    page.src_path,
                    f"name '{name}' already leads to {where} (line {owner[key][1]}); a name can lead to one place only",
                    line=line,
                    entry=name,
                )
            owner.setdefault(key, (page, line, anchor, role))
