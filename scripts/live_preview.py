"""Drive a real `mkdocs serve` on a project folder: start it, edit files, wait for the pages.

Used by the benchmark (edit-to-preview latency, scripts/bench.py and page_weight.py) and
by the tests of the live preview (tests/test_preview.py), so both measure the same thing:
the time from saving a file until the server returns the page with the edit.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_path(project: Path) -> str:
    """`mkdocs serve` serves under site_url's path (e.g. /cheatsheet/)."""
    match = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urllib.parse.urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def fetch(url: str, timeout: float = 30) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, urllib.error.URLError):
        return None


_EPOCH = re.compile(r"livereload\((\d+),\s*\d+\)")


def _reload_epoch(page_html: str) -> int | None:
    """The build epoch in the live-reload script `mkdocs serve` adds to each page, or None."""
    match = _EPOCH.search(page_html)
    return int(match.group(1)) if match else None


class LivePreview:
    """``with LivePreview(project) as preview:`` runs `mkdocs serve --strict` until the block ends."""

    def __init__(self, project: Path, timeout: float = 300, strict: bool = True):
        self.project = project
        self.strict = strict
        self.timeout = timeout
        self.port = free_port()
        self.log_path = project / "serve.log"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> LivePreview:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict" if self.strict else "--no-strict", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=self.project,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()

    def url(self, src_path: str) -> str:
        """The served URL of a page given by its path under docs/ (directory URLs)."""
        page = src_path.removesuffix(".md")
        page = "" if page == "index" else page.removesuffix("/index") + "/"
        return f"http://127.0.0.1:{self.port}{site_path(self.project)}{page}"

    def log_tail(self, lines: int = 20) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])

    def wait_until(self, src_path: str, ready, what: str = "the expected text") -> str:
        """Poll the page until ``ready(html)`` is true; returns that HTML."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited with {self.proc.returncode}:\n{self.log_tail()}")
            body = fetch(self.url(src_path))
            if body is not None and ready(body):
                return body
            time.sleep(0.05)
        raise TimeoutError(f"{self.url(src_path)} never showed {what}:\n{self.log_tail()}")

    def wait_for(self, src_path: str, text: str) -> str:
        return self.wait_until(src_path, lambda body: text in body, repr(text))

    def time_edit(self, path: Path, new_text: str, src_path: str, token: str) -> float:
        """Seconds from writing ``new_text`` to ``path`` until ``src_path`` is served with ``token``.

        Waits as the reader's browser does: the page's live-reload script long-polls
        ``/livereload/<epoch>/<id>``, which the server answers when a rebuild is done, and the
        browser then loads the page once. (Polling the page itself every 50 ms made the server
        answer twenty requests a second while it rebuilt, in the same process: that slowed the
        very rebuild being timed.) Falls back to polling the page when it has no such script."""
        epoch = _reload_epoch(fetch(self.url(src_path)) or "")
        start = time.monotonic()
        path.write_text(new_text, encoding="utf-8")
        if epoch is None:
            self.wait_for(src_path, token)
            return time.monotonic() - start
        deadline = start + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited with {self.proc.returncode}:\n{self.log_tail()}")
            answer = fetch(f"http://127.0.0.1:{self.port}/livereload/{epoch}/1", timeout=self.timeout)
            body = fetch(self.url(src_path))
            if body is not None and token in body:
                return time.monotonic() - start
            epoch = int(answer) if answer and answer.strip().isdigit() else epoch  # a rebuild from before the save
        raise TimeoutError(f"{self.url(src_path)} never showed {token!r}:\n{self.log_tail()}")
