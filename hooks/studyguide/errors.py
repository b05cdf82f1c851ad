"""One error type for bad contributor data, carrying where the problem is.

Every message names its file in one form, relative to the repository (the folder of
mkdocs.yml), with the line: ``docs/services/networking/vpc.quiz.yml:14``, so an editor
or a terminal opens it with a click. The readers work with paths relative to docs/, as
MkDocs gives them (``services/networking/vpc.quiz.yml``); ``shown`` adds the docs folder.
"""

from __future__ import annotations

# The docs folder relative to the repository; hooks/catalog.py sets it from mkdocs.yml's docs_dir.
DOCS_DIR = "docs"


def set_docs_dir(relative: str) -> None:
    global DOCS_DIR
    DOCS_DIR = relative.replace("\\", "/").strip("/")


def shown(path: str) -> str:
    """``services/x.md`` -> ``docs/services/x.md``; a path already under the docs folder is kept."""
    prefix = DOCS_DIR + "/" if DOCS_DIR not in ("", ".") else ""
    return path if not prefix or path.startswith(prefix) else prefix + path


class DataError(Exception):
    """Bad input in a docs file: the message names the file, the line and the entry.

    ``path`` is relative to docs/ (as MkDocs names files) unless ``in_docs=False``
    (``mkdocs.yml``). The hooks turn the error into MkDocs' ``PluginError``, which MkDocs
    prints as one ``ERROR -`` line and a non-zero exit, never as a traceback.
    """

    def __init__(self, path: str, message: str, line: int | None = None, entry: str | None = None, *, in_docs: bool = True):
        self.path = path
        self.line = line
        self.entry = entry
        self.message = message
        self.in_docs = in_docs
        super().__init__(path, message, line, entry)

    @property
    def file(self) -> str:
        """The file as the message names it, relative to the repository."""
        return shown(self.path) if self.in_docs else self.path

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f" [{self.entry}]" if self.entry else ""
        return f"{where}{what}: {self.message}"


def join_errors(errors: list[DataError]) -> str:
    """All problems at once, so a contributor fixes them in one round."""
    return "\n".join(str(e) for e in errors)
