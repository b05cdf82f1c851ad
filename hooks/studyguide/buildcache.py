"""Results kept across `mkdocs serve` rebuilds, keyed by a hash of everything they depend on.

`mkdocs serve` rebuilds the whole site after every save, but an edit to one page leaves
most of the hooks' work unchanged: the other pages' cross-links, the question bank, the
quiz blocks. A hook asks its cache for a result under a key made of *all* its inputs
(the page's HTML, the catalog's fingerprint, the template's source…); any change to an
input is a new key, so a stale result can never be served, and there is nothing to
invalidate by hand.

Entries live in memory only, and only under `mkdocs serve` (``enable`` in ``on_startup``):
a ``mkdocs build`` neither hashes nor stores anything, so it pays nothing for the cache
and measures the real cost. Each rebuild keeps just the entries it used, so memory does
not grow across rebuilds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


_enabled = False


def enable(on: bool) -> None:
    """Keep results across builds (``on_startup``: True for ``serve``, False for ``build``)."""
    global _enabled
    _enabled = on


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
        if cache_key in self._previous:
            self.hits += 1
            value = self._previous.pop(cache_key)
        else:
            self.misses += 1
            value = make()
        self._current[cache_key] = value
        return value

    def clear(self) -> None:
        self._previous.clear()
        self._current.clear()

    def __len__(self) -> int:
        return len(self._current)
