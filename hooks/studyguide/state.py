"""State of the build in progress, shared by the hook files.

``mkdocs serve`` loads hook files once and rebuilds many times, so everything
here is reset at the start of each build (``on_pre_build``), never grown across
rebuilds.
"""

from __future__ import annotations

from .catalog import Catalog
from .corrections import CorrectionBook

catalog: Catalog | None = None
corrections: CorrectionBook | None = None  # hooks/corrections.py loads it; limits cite it


def reset() -> None:
    global catalog, corrections
    catalog = None
    corrections = None


def require_corrections() -> CorrectionBook:
    if corrections is None:  # hooks/limits.py ran before hooks/corrections.py
        raise RuntimeError("the corrections are not loaded: list hooks/corrections.py before hooks/limits.py in mkdocs.yml")
    return corrections


def require_catalog() -> Catalog:
    if catalog is None:  # a hook ran before hooks/catalog.py: a wiring mistake in mkdocs.yml
        raise RuntimeError("the catalog is not loaded: list hooks/catalog.py first under 'hooks:' in mkdocs.yml")
    return catalog
