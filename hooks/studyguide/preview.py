"""The live preview (`mkdocs serve`) shows a failed build in the browser.

When a rebuild fails, MkDocs has already emptied the site folder and holds every request
until a build succeeds, so the page a contributor is looking at seems to hang and the
error is only in the terminal. Here the builder moves the last good site aside before
each build and puts it back when the build fails; it then reports the build as done, so
the browser reloads, and a WSGI middleware puts a banner naming the file, line and
message on top of every page until the next good build. (Moving the top-level entries
is a few renames: MkDocs would have deleted the same files anyway.)

Plain Python: ``Preview`` wraps a builder and a WSGI app; hooks/preview.py wires it to
the server that MkDocs passes to ``on_serve``.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable

from jinja2 import Environment

BANNER_ID = "sg-build-error"
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


class _Collect(logging.Handler):
    """Every warning and error MkDocs logs during one build (strict mode fails on warnings)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


class Preview:
    """The failed build's messages, shared by the builder and the middleware."""

    def __init__(self, render_banner: Callable[[list[str]], str]):
        self.render_banner = render_banner
        self._lock = threading.Lock()
        self.messages: list[str] = []  # empty while the last build passed

    @property
    def failed(self) -> bool:
        return bool(self.messages)

    def wrap_builder(self, builder: Callable[..., None], log: logging.Logger, site_dir: str | None = None) -> Callable[..., None]:
        """``builder`` that never raises: a failure restores the last good ``site_dir`` and is kept for the banner."""

        def build(*args, **kwargs) -> None:
            collect = _Collect()
            mkdocs_log = logging.getLogger("mkdocs")
            mkdocs_log.addHandler(collect)
            kept = _move_aside(site_dir) if site_dir else None
            try:
                builder(*args, **kwargs)
            except (Exception, SystemExit) as error:  # MkDocs' Abort is also a SystemExit
                messages = collect.messages + ([str(error)] if str(error) else [])
                if kept:
                    _put_back(kept, site_dir)
                with self._lock:
                    self.messages = messages or ["The build failed (see the terminal)."]
                log.error("The build failed: the browser shows the error. Fix the file and save; the preview reloads.")
                return  # the server counts the build as done and reloads the browser
            finally:
                mkdocs_log.removeHandler(collect)
            if kept:
                threading.Thread(target=shutil.rmtree, args=(kept,), kwargs={"ignore_errors": True}, daemon=True).start()
            with self._lock:
                self.messages = []

        return build

    def wrap_app(self, app: Callable) -> Callable:
        """WSGI middleware: while the last build failed, HTML pages carry the error banner."""

        def middleware(environ, start_response) -> Iterable[bytes]:
            if not self.failed:
                return app(environ, start_response)
            captured: dict = {}

            def keep(status, headers, exc_info=None):
                captured["status"], captured["headers"] = status, headers
                return lambda data: None  # write() is not used by MkDocs' server

            body = b"".join(app(environ, keep))
            headers = captured.get("headers", [])
            if any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
                body = self.add_banner(body)
                headers = [(k, str(len(body)) if k.lower() == "content-length" else v) for k, v in headers]
            start_response(captured.get("status", "200 OK"), headers)
            return [body]

        return middleware

    def add_banner(self, page: bytes) -> bytes:
        with self._lock:
            messages = list(self.messages)
        if not messages:  # a build passed while the request waited for it
            return page
        banner = self.render_banner(messages).encode("utf-8")
        match = _BODY.search(page)
        at = match.end() if match else 0
        return page[:at] + banner + page[at:]


def _move_aside(site_dir: str) -> str | None:
    """Move the site's top-level entries into a sibling folder; returns it (None if nothing to keep)."""
    entries = os.listdir(site_dir) if os.path.isdir(site_dir) else []
    if not entries:
        return None
    kept = tempfile.mkdtemp(prefix=".last-good-", dir=os.path.dirname(os.path.abspath(site_dir)))
    for name in entries:
        os.rename(os.path.join(site_dir, name), os.path.join(kept, name))
    return kept


def _put_back(kept: str, site_dir: str) -> None:
    """Replace whatever a failed build wrote with the last good site."""
    for name in os.listdir(site_dir):
        path = os.path.join(site_dir, name)
        shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
    for name in os.listdir(kept):
        os.rename(os.path.join(kept, name), os.path.join(site_dir, name))
    os.rmdir(kept)


def banner_renderer(env: Environment, template: str = "partials/build-error.html") -> Callable[[list[str]], str]:
    """The banner from the theme's Jinja template (autoescaped: messages quote contributors' text)."""
    loaded = env.overlay(autoescape=True).get_template(template)
    return lambda messages: loaded.render(messages=messages, banner_id=BANNER_ID)


def plain_banner(messages: list[str]) -> str:
    """A banner without the theme (unit tests, or a theme that failed to load)."""
    items = "".join(f"<li>{html.escape(m)}</li>" for m in messages)
    return f'<div id="{BANNER_ID}" role="alert"><p>The last build failed.</p><ul>{items}</ul></div>'
