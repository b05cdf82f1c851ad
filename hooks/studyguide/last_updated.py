"""'Last updated' dates: from git history, or from the file when the build runs outside git.

One ``git log`` call per build reads the date of the last commit of every file under
docs/ (newest first, so the first date seen for a path is its last change). A page
whose file git does not know (outside a work tree, git missing, a new uncommitted
page) falls back to the file's modification time, so every page still shows a date.

Plain functions; unit-tested in tests/test_last_updated.py.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
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


def git_dates(docs_dir: str | os.PathLike) -> dict[str, int] | None:
    """Last-commit times of the files under ``docs_dir`` (paths relative to it), or None outside git."""
    try:
        proc = subprocess.run(
            ["git", "log", f"--format={SEPARATOR}%ct", "--name-only", "--no-renames", "--relative", "--", "."],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    return parse_log(proc.stdout)


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
