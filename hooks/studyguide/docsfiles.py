"""The docs folder's files as ``(path relative to docs/, text)`` pairs, as the hooks get them from MkDocs.

For the scripts and tests that check content without a build (check_content, quiz_report,
review_report): one reading, sorted, with the same relative paths the hooks see.
"""

from __future__ import annotations

from pathlib import Path


def read(docs: Path, suffix: str) -> list[tuple[str, str]]:
    """Every file under ``docs`` whose name ends in ``suffix`` (``.md``, ``.quiz.yml``…)."""
    return [(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*" + suffix))]
