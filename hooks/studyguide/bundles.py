"""The project's own stylesheets and scripts ship as one file each (issue 7, phone performance).

Contributors keep one file per feature under docs/assets/ (quiz.css, limits.js, ...) and list
them in mkdocs.yml's ``extra_css`` and ``extra_javascript``, as in any MkDocs site. The build
joins each list, in its order, into one file, and pages link only that file.

Why: every stylesheet in <head> is a request the first paint waits for. Material's two, our
five and Material's two early scripts made nine, and a browser opens at most six connections
to a host, so on a phone the first paint waited for a second round trip (Lighthouse's mobile
preset charged it 0.3 s). The four deferred scripts likewise became one request. List order
is file order, so the cascade and the run order do not change.

Only plain local entries are joined. A script with its own attributes (``type: module``,
``async``) or an entry with a URL keeps its own tag, at its place in the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DataError

STYLESHEET = "assets/stylesheets/study.css"
SCRIPT = "assets/javascripts/study.js"
CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Bundle:
    """One shipped file and the docs/ files it is joined from, in order."""

    uri: str
    setting: str  # the mkdocs.yml list the parts come from, for error messages
    parts: tuple[str, ...]


def _is_plain(entry) -> bool:
    """A local file listed by path only: no URL, no tag attributes of its own."""
    path = str(entry)
    if "://" in path or path.startswith("/"):
        return False
    return not (getattr(entry, "type", "") or getattr(entry, "defer", False) or getattr(entry, "async_", False))


def plan(entries: list, uri: str, setting: str) -> tuple[list, Bundle]:
    """Split a mkdocs.yml list into what pages link (the bundle at the place of its first
    part, other entries unchanged) and the bundle itself."""
    parts = [str(e) for e in entries if _is_plain(e)]
    if not parts:
        return list(entries), Bundle(uri, setting, ())
    if len(set(parts)) != len(parts):
        twice = sorted({p for p in parts if parts.count(p) > 1})
        raise DataError(CONFIG_FILE, f"{', '.join(twice)} listed twice", entry=setting, in_docs=False)
    if uri in parts:
        raise DataError(
            CONFIG_FILE, f"{uri} is the bundle the build writes from this list; list the files it joins", entry=setting, in_docs=False
        )
    linked: list = []
    for entry in entries:
        if not _is_plain(entry):
            linked.append(entry)
        elif str(entry) == parts[0]:  # the bundle takes the place of its first part
            linked.append(uri)
    return linked, Bundle(uri, setting, tuple(parts))


_OPENING = "/* ---- "


def marker(part: str) -> str:
    """The comment that opens ``part`` in a joined bundle."""
    return f"{_OPENING}{part} ---- */"


def join(bundle: Bundle, read) -> str:
    """The parts' text, each under its marker. ``read(uri)`` returns a part's text, or None
    when docs/ has no such file; each part is read once."""
    texts = {part: read(part) for part in bundle.parts}
    missing = [part for part, text in texts.items() if text is None]
    if missing:
        raise DataError(CONFIG_FILE, f"{', '.join(missing)}: no such file under docs/", entry=bundle.setting, in_docs=False)
    # A lone ";" between scripts: a part that ends without one cannot run into the next.
    separator = "\n;\n" if bundle.uri.endswith(".js") else "\n"
    return separator.join(f"{marker(part)}\n{text.strip()}\n" for part, text in texts.items())


def section(text: str, part: str) -> tuple[int, int]:
    """Where ``part`` sits in a joined bundle: (start, end) offsets, for tools and tests."""
    start = text.index(marker(part))
    end = text.find(_OPENING, start + 1)  # the next part's marker
    return start, len(text) if end == -1 else end
