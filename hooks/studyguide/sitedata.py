"""The site's data as the Markdown extensions need it: loaded once per process, reloaded on edits.

The extensions in ``studyguide.mdext`` run inside each page's conversion, under MkDocs or
Zensical, with no hook to tell them a build started. So each book here (the catalog from
every page's front matter, the glossary, the corrections) is kept with the *stamp* of the
files it was read from (path, size, modification time): while the stamp is unchanged the
book is reused, and an edit under ``mkdocs serve`` or ``zensical serve`` is a new stamp, so
the next page converted reads the files again. A stamp costs one walk of docs/.

Under MkDocs the hooks already hold the same books (validated in ``on_files`` with file:line
errors). ``pin`` hands them over for the build in progress: the extensions then skip the walk
and reuse the hooks' objects, so MkDocs reads and validates everything once, as before. The
next ``on_pre_build`` (``unpin``) drops the pin, so a rebuild stamps again.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import glossary as _glossary
from .catalog import Catalog, build_catalog
from .corrections import CorrectionBook, load_book
from .errors import DataError, join_errors

ABBREVIATIONS = "includes/abbreviations.md"  # relative to docs/


def _sort_key(name: str):  # MkDocs' order: index and README first in their folder
    return (os.path.splitext(name)[0] not in ("index", "README"), name)


class BookError(Exception):
    """Several problems in the data files at once (each line names its file, line and entry)."""


def walk(docs: Path, suffixes: tuple[str, ...]) -> list[tuple[str, os.stat_result]]:
    """Every file under ``docs`` ending in one of ``suffixes``, in MkDocs' order, with its stat."""
    out = []
    for folder, dirs, files in os.walk(docs, followlinks=True):
        dirs.sort()
        rel = os.path.relpath(folder, docs).replace(os.sep, "/")
        for name in sorted(files, key=_sort_key):
            if name.endswith(suffixes):
                out.append((name if rel == "." else f"{rel}/{name}", os.stat(os.path.join(folder, name))))
    return out


def _stamp(entries) -> tuple:
    return tuple((rel, st.st_size, st.st_mtime_ns) for rel, st in entries)


# Every file a book is made from ends in one of these.
SUFFIXES = (".md", ".yml", ".yaml")


@dataclass
class _Site:
    """The books of one docs folder."""

    docs: Path
    pinned: dict[str, Any] = field(default_factory=dict)  # book name -> value the hooks handed over
    stamps: dict[str, tuple] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    entries: list | None = None  # the last walk: (path, stat) of every data file
    version: int = 0  # of ``entries``: one more per walk
    checked: dict[str, int] = field(default_factory=dict)  # book name -> version its stamp was checked against
    frozen: bool = False  # a MkDocs build is in progress: files do not change until unpin
    build: object = None  # the Zensical build the last walk was made for


_sites: dict[Path, _Site] = {}


_given: dict[str, _Site] = {}  # the docs folder as a caller names it -> its books (resolving a path costs syscalls)


def _site(docs: Path) -> _Site:
    site = _given.get(str(docs))
    if site is None:
        resolved = Path(docs).resolve()
        site = _sites.get(resolved)
        if site is None:
            site = _sites[resolved] = _Site(resolved)
        _given[str(docs)] = site
    return site


# Zensical converts pages on several threads at once: one lock, so a book is made once, not
# once per thread (reentrant: making the corrections reads the catalog).
_lock = threading.RLock()


def refresh(docs: Path, build: object = None) -> None:
    """A page starts converting: look at the files once for every book (one walk of docs/).

    Inside a MkDocs build (``pin`` was called) the files are the ones the build read: no walk.
    ``build`` names the build in progress when the engine has one (Zensical: its config), so
    its pages share one walk; without it, every page walks."""
    site = _site(docs)
    if site.frozen or (build is not None and build is site.build):
        return
    entries = walk(site.docs, SUFFIXES)
    with _lock:
        site.entries, site.build = entries, build
        site.version += 1


def pin(docs: Path, **books: Any) -> None:
    """The hooks' books for the build in progress (MkDocs): ``catalog=``, ``corrections=``…

    Until ``unpin``, every book is made at most once (the files are the build's)."""
    site = _site(docs)
    if not site.frozen:
        with _lock:
            site.entries = walk(site.docs, SUFFIXES)
            site.version += 1
            site.frozen = True
    site.pinned.update(books)


def unpin(docs: Path | None = None) -> None:
    """A new build starts: stamp the files again (``on_pre_build``)."""
    for site in [_site(docs)] if docs is not None else list(_sites.values()):
        site.pinned.clear()
        site.frozen = False


def _book(docs: Path, name: str, suffixes: tuple[str, ...], make) -> Any:
    """The book ``name``, made by ``make(docs, files)`` from the files ending in ``suffixes``.

    The stamp covers every file of those suffixes, so the book is made again when one of
    them changes, appears or goes."""
    site = _site(docs)
    if name in site.pinned:
        return site.pinned[name]
    with _lock:
        if site.entries is None:
            site.entries = walk(site.docs, SUFFIXES)
            site.version += 1
        if site.checked.get(name) == site.version:  # no walk since the last check: nothing to compare
            return site.values[name]
        entries = [(rel, st) for rel, st in site.entries if rel.endswith(suffixes)]
        stamp = _stamp(entries)
        if site.stamps.get(name) != stamp:
            site.stamps.pop(name, None)  # a failed load must not leave the old stamp behind
            site.checked.pop(name, None)
            site.values[name] = make(site.docs, [rel for rel, _ in entries])
            site.stamps[name] = stamp
        site.checked[name] = site.version
        return site.values[name]


def _read(docs: Path, rels: list[str], suffix: str) -> list[tuple[str, str]]:
    return [(rel, (docs / rel).read_text(encoding="utf-8")) for rel in rels if rel.endswith(suffix)]


def catalog(docs: Path) -> Catalog:
    """Every page's validated front matter (``studyguide.catalog``); DataError on bad input."""
    return _book(docs, "catalog", (".md",), lambda d, rels: build_catalog(_read(d, rels, ".md")))


def glossary_terms(docs: Path) -> list[_glossary.Term]:
    """``docs/includes/abbreviations.md`` parsed; DataError names its line."""

    def make(d: Path, _rels) -> list[_glossary.Term]:
        path = d / ABBREVIATIONS
        if not path.is_file():
            raise DataError(ABBREVIATIONS, "the glossary file is missing")
        return _glossary.parse(path.read_text(encoding="utf-8"), f"docs/{ABBREVIATIONS}")

    return _book(docs, "glossary", ("abbreviations.md",), make)


def corrections(docs: Path) -> CorrectionBook:
    """Every ``*.corrections.yml``, checked against the catalog; BookError lists every problem."""

    def make(d: Path, rels: list[str]) -> CorrectionBook:
        book, errors = load_book(_read(d, rels, ".corrections.yml"), catalog(d))
        if errors:
            raise BookError(f"{len(errors)} problem(s) in the corrections files:\n{join_errors(errors)}")
        return book

    # The pages are part of the stamp: a page renamed or removed changes which records are valid.
    return _book(docs, "corrections", (".md", ".corrections.yml"), make)


def limits(docs: Path):
    """Every ``*.limits.yml`` (``studyguide.limits.LimitBook``), checked against the catalog and the
    corrections they cite; BookError lists every problem, as the MkDocs hook does."""
    from . import limits as _limits

    def make(d: Path, rels: list[str]):
        cat = catalog(d)
        errors = [DataError(r, f"limit files end in '{_limits.SUFFIX}', not '.limits.yaml'") for r in rels if r.endswith(".limits.yaml")]
        book, problems = _limits.load_book(_read(d, rels, _limits.SUFFIX), cat, corrections(d).find)
        errors += problems
        if errors:
            raise BookError(f"{len(errors)} problem(s) in the limit files:\n{join_errors(errors)}")
        return book

    return _book(docs, "limits", (".md", ".corrections.yml", ".limits.yml", ".limits.yaml"), make)


def page_text(docs: Path, src: str) -> str:
    """One page's Markdown, front matter included (the limits page reads other pages' headings)."""
    return (Path(docs) / src).read_text(encoding="utf-8")


def exam_guide(docs: Path):
    """``docs/includes/exam-guide.yml`` (``studyguide.examguide.Guide``); DataError names its line."""
    from . import examguide

    def make(d: Path, _rels):
        path = d / examguide.PATH
        if not path.is_file():
            raise DataError(examguide.PATH, "the exam guide's domains, tasks and skills are missing")
        return examguide.load(path.read_text(encoding="utf-8"))

    return _book(docs, "exam_guide", ("exam-guide.yml",), make)


def quiz_bank(docs: Path):
    """Every ``*.quiz.yml`` (``studyguide.quizzes.Bank``), checked against the catalog and the exam
    guide; BookError lists every problem, as the MkDocs hook does."""
    from . import quizzes

    def make(d: Path, rels: list[str]):
        bank, errors = quizzes.load_bank(_read(d, rels, quizzes.SUFFIX), catalog(d), exam_guide(d))
        if errors:
            raise BookError(f"{len(errors)} problem(s) in the quiz files:\n{join_errors(errors)}")
        return bank

    return _book(docs, "quiz_bank", (".md", ".quiz.yml", "exam-guide.yml"), make)


def headings(docs: Path, slugify=None, separator: str = "-") -> dict[str, dict[str, str]]:
    """``{page id: {anchor: heading title}}`` of every service and concept page, from its Markdown.

    A quiz names the section its fact comes from (``source: vpc#subnets``); the quiz block shows
    that heading's title, which lives on another page than the one converting. The anchors are
    the ``toc`` extension's (``studyguide.limits.sections``), and a page with limits gains the
    "Limits and quotas" heading its table brings."""
    from . import limits as _limits
    from .frontmatter import body

    slug = slugify or _limits.default_slugify

    def make(d: Path, rels: list[str]) -> dict[str, dict[str, str]]:
        cat = catalog(d)
        book = limits(d)
        out: dict[str, dict[str, str]] = {}
        for page in cat.pages.values():
            text = body((d / page.src_path).read_text(encoding="utf-8"))
            if book.for_page(page.src_path) and _limits.PAGE_MARKER not in text:
                text = text.rstrip() + f"\n\n## {_limits.PAGE_HEADING}\n"
            elif book.for_page(page.src_path):
                text = text.replace(_limits.PAGE_MARKER, f"## {_limits.PAGE_HEADING}\n", 1)
            out[page.id] = {a: s.title for a, s in _limits.sections(text, slug, separator).items() if a}
        return out

    return _book(docs, "headings", (".md", ".limits.yml"), make)


def derived(docs: Path, name: str, make) -> Any:
    """A book made from the whole docs folder by ``make(docs, files)`` (the link graph), kept while no file changes."""
    return _book(docs, name, SUFFIXES, make)


_digests: dict[int, tuple[object, str]] = {}


def known_digest(book: object, key: str) -> object:
    """Record that ``book`` was made from inputs whose digest is ``key`` (a hook's cache key):
    ``digest`` then returns it without printing the book (the bank's repr costs 0.05 s)."""
    if key:
        if len(_digests) > 32:
            _digests.clear()
        _digests[id(book)] = (book, key)
    return book


def digest(book: object) -> str:
    """A digest of a book's content (its repr), made once per book object: the keys of the
    results ``mkdocs serve`` keeps across rebuilds (``buildcache``; call only in a key function,
    which a plain build never calls)."""
    from . import buildcache

    cached = _digests.get(id(book))
    if cached is None or cached[0] is not book:
        if len(_digests) > 32:
            _digests.clear()
        cached = _digests[id(book)] = (book, buildcache.key(repr(book)))
    return cached[1]
