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


def tab_indent_line(text: str, up_to: int | None = None) -> int | None:
    """The first line (0-based) indented with a tab, up to line ``up_to``; YAML allows only spaces there."""
    for number, line in enumerate(text.splitlines()):
        if up_to is not None and number > up_to:
            break
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return number
    return None


def explain(text: str, exc: yaml.YAMLError, first_line: int = 1) -> tuple[str, int]:
    """What to tell the contributor about malformed YAML, and the file line.

    A tab in the indentation gives PyYAML's "found character '\\t' that cannot start any
    token" (or a stranger error further on): say what to do instead.
    """
    problem, line = problem_and_line(exc, first_line)
    tab = tab_indent_line(text, line - first_line)
    if tab is not None:
        return "indent with spaces, not tabs (YAML does not allow a tab in the indentation)", tab + first_line
    return problem, line


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
        problem, line = explain(text, precise_error(text, exc), first_line)
        raise DataError(path, f"malformed {what}: {problem}", line=line) from None
    finally:
        loader.dispose()
    return node, data
