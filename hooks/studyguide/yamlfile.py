"""YAML parsed once into its node tree (for line numbers) and its data, with clear errors.

Shared by the front matter, limit and quiz readers. LibYAML is used when PyYAML was
built with it: same results, several times faster.
"""

from __future__ import annotations

import yaml

from .errors import DataError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def problem_and_line(exc: yaml.YAMLError, first_line: int = 1) -> tuple[str, int]:
    """What the parser complained about, and the file line (``first_line`` is YAML line 0)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return problem, (mark.line + first_line if mark else first_line)


def precise_error(text: str, fast_error: yaml.YAMLError) -> yaml.YAMLError:
    """LibYAML's error, or PyYAML's own for the same text: it names the line more precisely.
    Only runs on malformed input, so the valid path keeps LibYAML's speed."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return exc
    return fast_error


def compose(text: str, path: str, *, what: str = "YAML", first_line: int = 1):
    """``(node, data)`` from one parse; malformed YAML raises ``DataError`` with its line."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        problem, line = problem_and_line(precise_error(text, exc), first_line)
        raise DataError(path, f"malformed {what}: {problem}", line=line) from None
    finally:
        loader.dispose()
    return node, data
