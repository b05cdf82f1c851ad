"""Placeholder text left by ``make new-service``: a build error until it is replaced.

The scaffold (scripts/new_service.py) writes the page, its quiz file and its limits file
with lines marked ``TODO(new-service): <what to write here>``. Each marker is a build
error naming the file, the line and what to write, so scaffold text never ships.
"""

from __future__ import annotations

import re

from .errors import DataError

MARKER = "TODO(new-service)"
SCANNED = (".md", ".quiz.yml", ".limits.yml", ".corrections.yml")  # the files a page is made of
_HINT = re.compile(re.escape(MARKER) + r":?\s*(.*)")


def find(path: str, text: str) -> list[DataError]:
    """One error per line of ``text`` holding the marker (none, cheaply, when there is no marker)."""
    if MARKER not in text:
        return []
    errors = []
    for number, line in enumerate(text.splitlines(), 1):
        if MARKER in line:
            hint = _HINT.search(line).group(1).strip().strip("\"'").strip() or "the real text"
            errors.append(DataError(path, f"text left by make new-service: replace the '{MARKER}' text with {hint}", line=number))
    return errors


def check(path: str, text: str) -> None:
    """Raise the first placeholder of ``text`` as ``DataError``, saying how many more the file holds."""
    errors = find(path, text)
    if errors:
        first = errors[0]
        more = f"; {len(errors) - 1} more in this file (lines {', '.join(str(e.line) for e in errors[1:])})" if len(errors) > 1 else ""
        raise DataError(path, first.message + more, line=first.line)
