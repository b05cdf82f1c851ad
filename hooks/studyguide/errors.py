"""One error type for bad contributor data, carrying where the problem is."""

from __future__ import annotations


class DataError(Exception):
    """Bad input in a docs file: the message names the file, the line and the entry.

    The hooks turn it into MkDocs' ``PluginError``, which MkDocs prints as one
    ``ERROR -`` line and a non-zero exit, never as a traceback.
    """

    def __init__(self, path: str, message: str, line: int | None = None, entry: str | None = None):
        self.path = path
        self.line = line
        self.entry = entry
        self.message = message
        where = f"{path}:{line}" if line else path
        what = f" [{entry}]" if entry else ""
        super().__init__(f"{where}{what}: {message}")


def join_errors(errors: list[DataError]) -> str:
    """All problems at once, so a contributor fixes them in one round."""
    return "\n".join(str(e) for e in errors)
