"""The reader features as Python-Markdown extensions, for every engine (issue 22).

Each module here is an extension named under ``markdown_extensions:`` in mkdocs.yml
(``studyguide.mdext.limits``, ``.listings``, ``.glossary``, ``.corrections``, ``.crosslinks``,
``.quizzes``), so MkDocs 1.6, ProperDocs and Zensical all run it while they convert a page.
The Makefile makes the ``hooks/`` folder importable in every venv it creates (a ``.pth``
file; see the Makefile's ``hooks-path`` rule): no engine puts the repository on ``sys.path``.

**Which page is being converted.** Python-Markdown tells an extension nothing about the
page, and the pages here have no H1 (the title comes from front matter, which the engines
strip before Markdown runs), so the issue's "identify the page by its H1" cannot work.
Both engines, though, register one processor of their own on each page's ``Markdown``
that carries the page, and an extension can read it once conversion runs:

- MkDocs 1.6 / ProperDocs: the ``relpath`` tree processor (``_RelativePathTreeprocessor``),
  with ``.file`` (``src_uri``, ``url``) and ``.config`` (``docs_dir``, ``use_directory_urls``);
- Zensical: the ``rendering_context`` preprocessor (``ContextPreprocessor``), with
  ``.page.path``, ``.page.url`` and ``.config`` (``docs_dir``, ``root_dir``, ``use_directory_urls``).

``page_of`` reads whichever is there and gives the same ``PageRef`` under both engines. We
chose this over a fingerprint of the page's body: category index pages share one body
(``<!-- services-index -->``), and a plugin may edit a page's Markdown before conversion,
so a body fingerprint is neither unique nor stable; the engines' own record of the page is
both. Without either (plain ``markdown.markdown`` in a test), ``page_of`` returns None and
a feature that needs the page (cross-links, notes) leaves the HTML as it is.

**Links.** When a postprocessor runs, MkDocs has already turned the page's ``.md`` links into
URLs; Zensical resolves every relative link of the HTML it gets back against the *source
file* afterwards. ``PageRef.href`` gives each what it expects (a URL, or a ``.md`` link), and
both end as the same URL.

The data each extension needs comes from ``studyguide.sitedata``, loaded once per process
and reloaded when a file's size or modification time changes (each ``mkdocs serve`` rebuild;
each Zensical build, though Zensical reuses a page's cached render while its own text is
unchanged, hence ``make zensical``'s ``--clean``). Bad data raises MkDocs' ``PluginError`` under MkDocs (one ``ERROR`` line, no
traceback) and ``DataError`` elsewhere; ``make zensical`` runs ``make check-content`` first,
so Zensical never meets bad data it would report with a traceback.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..errors import DataError

_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')


@dataclass(frozen=True)
class PageRef:
    """The page being converted, the same under every engine."""

    src: str  # path relative to docs/, with '/' ("services/networking/vpc.md")
    url: str  # its URL relative to the site ("services/networking/vpc/"; "" for the home page)
    docs_dir: Path  # absolute
    use_directory_urls: bool
    engine: str = "mkdocs"  # or "zensical"
    site_dir: Path | None = None  # Zensical only: where the site is written
    build: object = field(default=None, compare=False)  # Zensical only: the build in progress (its config)
    templates: Path | None = None  # the theme's custom_dir (overrides/), where the partials are

    def partials(self, option: str = "") -> Path:
        """The folder holding ``partials/``: the extension's ``templates`` option, else the theme's
        ``custom_dir``, else ``overrides`` beside the docs folder."""
        if option:
            folder = Path(option)
            return folder if folder.is_absolute() else self.docs_dir.parent / folder
        return self.templates or self.docs_dir.parent / "overrides"

    def href(self, src_path: str, anchor: str | None = None) -> str:
        """A link from this page to the page ``src_path`` (relative to docs/), for HTML made after
        the engine resolved the page's own links.

        MkDocs has already turned the page's ``.md`` links into URLs when a postprocessor runs,
        so it gets the final relative URL. Zensical resolves every relative link of the HTML
        it gets back against the *source file*, and rewrites ``.md`` links to URLs (a link
        such as ``../x/`` would gain a ``../``): it gets a ``.md`` link relative to the
        source file, which it turns into the same URL MkDocs writes."""
        if self.engine == "zensical":
            url = posixpath.relpath(src_path, posixpath.dirname(self.src) or ".")
        else:
            url = relative_url(url_of(src_path, self.use_directory_urls), self.url)
        return f"{url}#{anchor}" if anchor else url


def page_of(md) -> PageRef | None:
    """The page ``md`` converts, from the engine's own processor (see the module docstring)."""
    cached = getattr(md, "_studyguide_page", False)
    if cached is not False:
        return cached
    ref = _from_mkdocs(md) or _from_zensical(md)
    md._studyguide_page = ref
    return ref


@functools.lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()  # once per folder, not per page (a resolve is several system calls)


def _from_mkdocs(md) -> PageRef | None:
    if "relpath" not in md.treeprocessors:
        return None
    processor = md.treeprocessors["relpath"]
    file, config = getattr(processor, "file", None), getattr(processor, "config", None)
    if file is None or config is None:
        return None
    custom_dir = getattr(config["theme"], "custom_dir", None)
    return PageRef(
        file.src_uri,
        file.url,
        _resolved(config["docs_dir"]),
        bool(config["use_directory_urls"]),
        templates=Path(custom_dir) if custom_dir else None,
    )


def _from_zensical(md) -> PageRef | None:
    for processor in md.preprocessors:
        if type(processor).__name__ == "ContextPreprocessor":
            page, config = processor.page, processor.config
            docs = Path(config.get("docs_dir", "docs"))
            if not docs.is_absolute():
                docs = Path(config.get("root_dir") or ".") / docs
            site = Path(config.get("site_dir", "site"))
            if not site.is_absolute():
                site = Path(config.get("root_dir") or ".") / site
            use_directory_urls = bool(config.get("use_directory_urls", True))
            build = config.setdefault("_studyguide_build", object())  # one per config Zensical reads
            custom_dir = (config.get("theme") or {}).get("custom_dir")
            templates = Path(config.get("root_dir") or ".") / custom_dir if custom_dir else None
            return PageRef(
                page.path.replace("\\", "/"), page.url, docs.resolve(), use_directory_urls, "zensical", site.resolve(), build, templates
            )
    return None


def url_of(src: str, use_directory_urls: bool = True) -> str:
    """A page's URL relative to the site root, as MkDocs' ``File.url`` gives it."""
    stem, _ = posixpath.splitext(src)
    directory, name = posixpath.split(stem)
    if not use_directory_urls:
        return stem + ".html"
    if name in ("index", "README"):
        return (directory or ".") + "/"
    return stem + "/"


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other``: ``mkdocs.utils.get_relative_url``, copied (Zensical has no MkDocs)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _norm_parts(other), _norm_parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    relurl = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return relurl + "/" if url.endswith("/") else relurl


def _norm_parts(path: str) -> list[str]:
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return path.split("/") if path else []


def build_error(message: str) -> Exception:
    """The error to raise for bad data: MkDocs' PluginError when MkDocs runs (no traceback), else DataError."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # Zensical's venv has no MkDocs
        return _PlainError(message)
    return PluginError(message)


class _PlainError(DataError):
    def __init__(self, message: str):
        super().__init__("", message)
        self.text = message

    def __str__(self) -> str:
        return self.text


def add_anchors(md, ids) -> None:
    """Tell MkDocs about ids in HTML an extension added after its tree processors ran (link checks)."""
    if "mkdocs_extract_anchors" in md.treeprocessors:
        md.treeprocessors["mkdocs_extract_anchors"].present_anchor_ids.update(ids)


class _Start(Preprocessor):
    """First of all: the page's tree is not done yet; the data files, looked at once for this page."""

    def run(self, lines):
        self.md._studyguide_tree_done = False
        page = page_of(self.md)
        if page is not None:  # one look at the data files for every extension of this page
            from .. import sitedata

            sitedata.refresh(page.docs_dir, page.build)
        return lines


class _Done(Treeprocessor):
    """Last of the tree processors: what the postprocessors get next is the page's HTML."""

    def run(self, root):
        self.md._studyguide_tree_done = True


def register_page_marker(md) -> None:
    """Look at the data files once as a page starts converting (``sitedata.refresh``), and mark when
    the page's own tree is finished, so postprocessors can tell the page from its TOC.

    The ``toc`` extension runs every postprocessor over the table of contents it renders, in
    the middle of the tree processors; the page's own HTML reaches them only after the last
    tree processor. ``is_page_html`` tells the two apart."""
    if "studyguide_start" in md.preprocessors:  # every extension asks; once is enough
        return
    md.preprocessors.register(_Start(md), "studyguide_start", 1000)
    md.treeprocessors.register(_Done(md), "studyguide_tree_done", -1000)


def is_page_html(md) -> bool:
    """True in a postprocessor handling the page's HTML (False for the TOC's; see ``register_page_marker``)."""
    return getattr(md, "_studyguide_tree_done", False)


def page_html_of(md) -> PageRef | None:
    """The page whose own HTML a postprocessor is handling; None for plain Markdown or the TOC's HTML."""
    page = page_of(md)
    return page if page is not None and is_page_html(md) else None


_stamps: dict[str, str] = {}  # folder -> its partials' stamp, for the build in progress (``forget_stamps``)


def partials_stamp(folder: Path) -> str:
    """The names, sizes and modification times of the partials under ``folder``: part of the
    cache key of HTML rendered from them, so an edited partial under `mkdocs serve` renders anew.
    (A build's disk cache has the partials' content in its fingerprint as well.) Read once per
    build: each build starts with ``forget_stamps``."""
    stamp = _stamps.get(str(folder))
    if stamp is None:
        try:
            with os.scandir(Path(folder) / "partials") as entries:
                stamp = repr(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries if e.is_file()))
        except OSError:
            stamp = ""
        _stamps[str(folder)] = stamp
    return stamp


def forget_stamps() -> None:
    """A build starts (``on_pre_build``): the partials may have changed since the last one."""
    _stamps.clear()


class WithPartials:
    """Mixed into a processor that renders the theme's partials (found under ``templates_dir``)."""

    def __init__(self, md, templates_dir: str):
        super().__init__(md)
        self.templates_dir = templates_dir


def stash_html(md, html: str) -> str:
    """A placeholder line for a block of ``html`` a preprocessor adds; its ids join MkDocs' anchors.

    The block goes into Python-Markdown's own stash, so the block parser never re-reads it and
    the raw-HTML postprocessor puts it back as written. Python-Markdown's placeholder would not
    survive the whitespace preprocessor (it drops the control characters it is made of), which
    runs after the preprocessors that read the page as written: this placeholder is an HTML
    comment, swapped for the stash's by ``register_unstash``'s preprocessor once that has run."""
    add_anchors(md, _ID.findall(html))
    blocks = md.__dict__.setdefault("_studyguide_blocks", [])
    blocks.append(html)
    return f"<!-- sg-mdext-stash {len(blocks) - 1} -->"


_PLACEHOLDER = re.compile(r"^<!-- sg-mdext-stash (\d+) -->$")


class _Unstash(Preprocessor):
    """The blocks of ``stash_html`` into Python-Markdown's stash, after the whitespace preprocessor."""

    def run(self, lines: list[str]) -> list[str]:
        blocks = self.md.__dict__.get("_studyguide_blocks")
        if not blocks:
            return lines
        out = []
        for line in lines:
            match = _PLACEHOLDER.match(line)
            out.append(self.md.htmlStash.store(blocks[int(match.group(1))]) if match else line)
        self.md._studyguide_blocks = []
        return out


def register_unstash(md) -> None:
    """``_Unstash`` at priority 29: after the whitespace preprocessor (30), before raw HTML (20)."""
    if "studyguide_unstash" not in md.preprocessors:
        md.preprocessors.register(_Unstash(md), "studyguide_unstash", 29)
