"""'Last updated' dates: from git history, or from the file when the build runs outside git.

One ``git log`` call per build reads the date of the last commit of every file under
docs/ (newest first, so the first date seen for a path is its last change). It runs beside
the build (``GitDates``): started before MkDocs reads the files, read when the first page
needs its date, so its 0.1 s runs on another core instead of before everything else. A page
whose file git does not know (outside a work tree, git missing, a new uncommitted
page) falls back to the file's modification time, so every page still shows a date.

Plain functions; unit-tested in tests/test_last_updated.py.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from pathlib import Path

SEPARATOR = "\x1e"  # record separator in the git log output, before each commit's timestamp


def parse_log(output: str) -> dict[str, int]:
    """``git log --format=%x1e%ct --name-only`` output → {path: unix time of its last commit}."""
    dates: dict[str, int] = {}
    for record in output.split(SEPARATOR):
        lines = [line.strip() for line in record.strip().splitlines() if line.strip()]
        if not lines or not lines[0].isdigit():
            continue
        stamp = int(lines[0])
        for path in lines[1:]:
            dates.setdefault(path, stamp)
    return dates


GIT_LOG = ("git", "log", f"--format={SEPARATOR}%ct", "--name-only", "--no-renames", "--relative", "--", ".")
TIMEOUT = 60  # seconds


class GitDates:
    """``git log`` over ``docs_dir``, started at once and read once with ``result()``.

    Its output goes to an unnamed temporary file rather than a pipe, so git never waits
    for a reader while the build goes on. ``close()`` ends it when no page ever asked
    (a build that failed first); ``result()`` closes it too.
    """

    def __init__(self, docs_dir: str | os.PathLike):
        self._out = tempfile.TemporaryFile()  # noqa: SIM115  (closed in close(), after git ends)
        self._dates: dict[str, int] | None = None
        self._done = False
        try:
            self._proc: subprocess.Popen | None = subprocess.Popen(
                GIT_LOG, cwd=docs_dir, stdin=subprocess.DEVNULL, stdout=self._out, stderr=subprocess.DEVNULL
            )
        except OSError:  # git missing, or no such folder
            self._proc = None

    def result(self) -> dict[str, int] | None:
        """Last-commit times of the files under ``docs_dir`` (paths relative to it), or None outside git."""
        if not self._done:
            self._done = True
            try:
                self._dates = self._read()
            finally:
                self.close()
        return self._dates

    def _read(self) -> dict[str, int] | None:
        if self._proc is None:
            return None
        try:
            code = self._proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None
        if code != 0:
            return None
        self._out.seek(0)
        return parse_log(self._out.read().decode("utf-8", errors="replace"))

    def close(self) -> None:
        """Stop git if it still runs, and drop its output."""
        self._done = True
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._out.close()


def git_dates(docs_dir: str | os.PathLike) -> dict[str, int] | None:
    """Last-commit times of the files under ``docs_dir`` (paths relative to it), or None outside git."""
    return GitDates(docs_dir).result()


def page_date(src_uri: str, abs_src_path: str | None, dates: dict[str, int] | None) -> tuple[dt.date, str] | None:
    """``(date, source)`` for a page: ``git`` when its file has history, else ``file``; None for generated pages."""
    if dates and src_uri in dates:
        return dt.datetime.fromtimestamp(dates[src_uri], tz=dt.UTC).date(), "git"
    if abs_src_path and Path(abs_src_path).is_file():
        return dt.datetime.fromtimestamp(Path(abs_src_path).stat().st_mtime, tz=dt.UTC).date(), "file"
    return None


def label(date: dt.date) -> str:
    """What the page shows, e.g. 'Last updated 2026-11-27' (ISO dates read the same everywhere)."""
    return f"Last updated {date.isoformat()}"
