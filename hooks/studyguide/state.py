"""State of the build in progress, shared by the hook files.

``mkdocs serve`` loads hook files once and rebuilds many times, so everything
here is reset at the start of each build (``on_pre_build``), never grown across
rebuilds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .catalog import Catalog
from .corrections import CorrectionBook

if TYPE_CHECKING:
    from .examguide import Guide
    from .quizzes import Bank

catalog: Catalog | None = None
corrections: CorrectionBook | None = None  # hooks/corrections.py loads it; limits cite it
quiz_bank: Bank | None = None  # hooks/quizzes.py loads it; hooks/anki.py makes the deck from it
exam_guide: Guide | None = None  # hooks/quizzes.py loads it with the bank


def reset() -> None:
    global catalog, corrections, quiz_bank, exam_guide
    catalog = None
    corrections = None
    quiz_bank = None
    exam_guide = None


def require_corrections() -> CorrectionBook:
    if corrections is None:  # hooks/limits.py ran before hooks/corrections.py
        raise RuntimeError("the corrections are not loaded: list hooks/corrections.py before hooks/limits.py in mkdocs.yml")
    return corrections


def require_catalog() -> Catalog:
    if catalog is None:  # a hook ran before hooks/catalog.py: a wiring mistake in mkdocs.yml
        raise RuntimeError("the catalog is not loaded: list hooks/catalog.py first under 'hooks:' in mkdocs.yml")
    return catalog


def require_quiz_bank() -> Bank:
    if quiz_bank is None:  # hooks/anki.py ran before hooks/quizzes.py
        raise RuntimeError("the quiz bank is not loaded: list hooks/quizzes.py before hooks/anki.py in mkdocs.yml")
    return quiz_bank
