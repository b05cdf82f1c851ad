"""Results kept across `mkdocs serve` rebuilds, keyed by a hash of everything they depend on.

`mkdocs serve` rebuilds the whole site after every save, but an edit to one page leaves
most of the hooks' work unchanged: the other pages' cross-links, the question bank, the
quiz blocks. A hook asks its cache for a result under a key made of *all* its inputs
(the page's HTML, the catalog's fingerprint, the template's source…); any change to an
input is a new key, so a stale result can never be served, and there is nothing to
invalidate by hand.

Under `mkdocs serve` entries live in memory (``enable`` in ``on_startup``). Issue 22: a
``mkdocs build`` keeps them on disk as well (``persist``), one pickle per cache under
``.cache/studyguide-build/``, so a contributor's next build reuses every result whose inputs
are unchanged. A store is read only when its *fingerprint* matches: a digest of the hooks'
code, the theme overrides, mkdocs.yml and the versions of Python and the Markdown packages,
so new code never reads results the old code made. A missing, stale or unreadable store is
an empty one (the build makes everything anew, as a fresh clone does); a store is written
only after a build succeeds, atomically, holding just the entries that build used, so it
does not grow. ``STUDYGUIDE_BUILD_CACHE=0`` turns the disk store off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from jinja2.bccache import Bucket, BytecodeCache

T = TypeVar("T")


_enabled = False
_store: Path | None = None  # folder of the on-disk stores (``mkdocs build``); None: memory only
_fingerprint = ""
_caches: list[BuildCache] = []  # every cache made, to save after a build
STORE_VERSION = 1
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pyyaml", "jinja2")


def enable(on: bool) -> None:
    """Keep results across builds (``on_startup``: True for ``serve``, False for ``build``)."""
    global _enabled, _store
    _enabled = on
    _store = None


def fingerprint(paths: Iterable[Path], settings: str = "") -> str:
    """A digest of every file under ``paths`` (files or folders), of ``settings`` and of the
    packages' versions: whatever could change a stored result without changing its key."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{STORE_VERSION} {sys.version}\n{settings}\n".encode())
    for name in PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    for path in paths:
        path = Path(path)
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            data = file.read_bytes() if file.is_file() else b""
            digest.update(f"{file.as_posix()} {len(data)};".encode())
            digest.update(data)
    return digest.hexdigest()


def persist(folder: Path, inputs: Iterable[Path], settings: str = "") -> None:
    """``mkdocs build``: keep results on disk in ``folder`` too, for the next build.

    ``inputs`` are the files the results depend on beyond their keys (the hooks, the overrides,
    mkdocs.yml), ``settings`` the resolved configuration (mkdocs.yml's ``!ENV`` values change it
    without changing the file). Off when the environment sets ``STUDYGUIDE_BUILD_CACHE=0``."""
    global _enabled, _store, _fingerprint
    if os.environ.get("STUDYGUIDE_BUILD_CACHE", "1") == "0":
        return
    _enabled = True
    _store = Path(folder)
    _fingerprint = fingerprint(inputs, settings)
    for cache in _caches:
        cache.loaded = False  # read the store again: another build may have written it


def save_all() -> None:
    """After a successful build: write each cache's entries of this build to its store."""
    if _store is None:
        return
    for cache in _caches:
        cache.save()


def key(*parts: str | bytes | int | None) -> str:
    """A digest of ``parts``; the separators keep ("ab", "c") and ("a", "bc") apart.

    Without the cache (``mkdocs build``) it is "" at once: callers build keys freely and
    pay for hashing only under `mkdocs serve`."""
    if not _enabled:
        return ""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class BuildCache:
    """One hook's results, kept from one build to the next."""

    def __init__(self, name: str):
        self.name = name
        self._previous: dict[str, Any] = {}
        self._current: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0
        self.loaded = False  # the disk store was read into ``_previous`` (``persist``)
        self._stored: set[str] = set()  # the keys the disk store holds
        _caches.append(self)

    @property
    def path(self) -> Path | None:
        return _store / f"{self.name}.pickle" if _store is not None else None

    def _load(self) -> None:
        """The disk store's entries join the ones to reuse; a missing, stale or broken store adds none."""
        self.loaded = True
        path = self.path
        try:
            with open(path, "rb") as stream:
                stored = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("fingerprint") == _fingerprint and isinstance(stored.get("entries"), dict):
            self._previous = {**stored["entries"], **self._previous}
            self._stored = set(stored["entries"])

    def save(self) -> None:
        """Write this build's entries (only those it used) to the disk store, atomically."""
        path = self.path
        if path is None or not self._current or self._current.keys() == self._stored:
            return  # nothing to keep, or the store already holds exactly these entries
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.name}-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as stream:
                pickle.dump({"fingerprint": _fingerprint, "entries": self._current}, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            self._stored = set(self._current)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def start_build(self) -> None:
        """Call in ``on_pre_build``: the last build's entries become the ones to reuse."""
        if self._current:
            self._previous = self._current
        self._current = {}
        self.hits = self.misses = 0

    def get(self, cache_key: str | Callable[[], str], make: Callable[[], T]) -> T:
        """The result stored under ``cache_key``, or ``make()``'s, stored for the next build.

        ``cache_key`` may be a function giving the key, so that a build without the cache
        (``mkdocs build``) never computes it."""
        if not _enabled:
            self.misses += 1
            return make()
        if callable(cache_key):
            cache_key = cache_key()
        if cache_key in self._current:
            self.hits += 1
            return self._current[cache_key]
        if _store is not None and not self.loaded and cache_key not in self._previous:
            self._load()
        if cache_key in self._previous:
            self.hits += 1
            value = self._previous.pop(cache_key)
        else:
            self.misses += 1
            value = make()
        self._current[cache_key] = value
        return value

    def put(self, cache_key: str, value: Any) -> None:
        """Store a result made outside ``get`` (after a ``get`` of the same key found none)."""
        if _enabled:
            self._current[cache_key] = value

    def clear(self) -> None:
        self._previous.clear()
        self._current.clear()

    def __len__(self) -> int:
        return len(self._current)


class TemplateCode(BytecodeCache):
    """Jinja's compiled templates (the theme's and the overrides'), kept like the hooks' results.

    Every build makes a new Jinja environment, and compiling Material's and our templates anew
    is a fixed cost of each ``mkdocs build`` and each ``serve`` rebuild. The key holds the
    template's name, file and a digest of its source, so an edited template is compiled again;
    the store's fingerprint holds the Jinja and Python versions the code was compiled by."""

    def __init__(self, cache: BuildCache):
        self.cache = cache

    @staticmethod
    def _key(bucket: Bucket) -> str:
        return f"{bucket.key}:{bucket.checksum}"

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.cache.get(self._key(bucket), lambda: None)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.put(self._key(bucket), bucket.bytecode_to_string())
