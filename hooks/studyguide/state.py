"""State of the build in progress, shared by the hook files.

``mkdocs serve`` loads hook files once and rebuilds many times, so everything
here is reset at the start of each build (``on_pre_build``), never grown across
rebuilds.
"""

from __future__ import annotations

from .catalog import Catalog

catalog: Catalog | None = None


def reset() -> None:
    global catalog
    catalog = None


def require_catalog() -> Catalog:
    if catalog is None:  # a hook ran before hooks/catalog.py: a wiring mistake in mkdocs.yml
        raise RuntimeError("the catalog is not loaded: list hooks/catalog.py first under 'hooks:' in mkdocs.yml")
    return catalog
