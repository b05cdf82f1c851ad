"""Shared fixtures: real builds of the site, fixture sites, and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@dataclass
class Build:
    returncode: int
    output: str  # stdout and stderr together, as a contributor sees them
    site: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith("WARNING")]


def assert_clear_failure(build: Build, *expected: str) -> None:
    """Bad input: a failed build, no traceback, and an ERROR message holding every expected text.

    The message is the ERROR line with its continuation lines (a hook may list several problems).
    """
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    errors = "\n".join(line for line in build.output.splitlines() if not line.startswith(("INFO", "DEBUG")))
    assert "ERROR" in errors, build.output
    for text in expected:
        assert text in errors, errors


def run_mkdocs_build(project: Path, site: Path, *extra: str) -> Build:
    """``mkdocs build --strict`` in ``project``, as `make build` runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """The real site, built once per test session."""
    return run_mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    assert site_build.returncode == 0, site_build.output
    return site_build.site


# -------------------------------------------------------------- fixture sites

MINIMAL_PAGES = {
    "index.md": "---\ntitle: Home\n---\n\nHello.\n",
    "includes/abbreviations.md": "*[VPC]: Amazon Virtual Private Cloud\n",
    "includes/exam-guide.yml": (ROOT / "docs/includes/exam-guide.yml").read_text(encoding="utf-8"),  # the quiz hook reads it
    "services/networking/index.md": "---\ntitle: Networking\norder: 1\ndescription: Networks.\n---\n\n<!-- services-index -->\n",
    "services/networking/vpc.md": (
        "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\naliases:\n  - VPC\ntags:\n  - Networking\n---\n\n"
        "## Limits\n\n* Subnets per VPC: 200, Adjustable\n\n"
        "## Hybrid connectivity\n\nA data centre reaches a VPC over DX.\n"  # every page needs a link from another page
    ),
    "services/networking/direct-connect.md": (
        "---\nid: direct-connect\ntitle: AWS Direct Connect\ntype: service\ncategory: networking\naliases:\n  - DX\n---\n\n"
        "## Gateways\n\nA DX gateway connects to a VPC.\n"
    ),
}


class FixtureSite:
    """A throwaway project using the repo's real mkdocs.yml, hooks and overrides."""

    def __init__(self, root: Path):
        self.root = root
        self.docs = root / "docs"
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        for name in ("hooks", "overrides"):
            (root / name).symlink_to(ROOT / name)
        self.docs.mkdir()
        (self.docs / "assets").symlink_to(ROOT / "docs" / "assets")  # what extra_css and extra_javascript list
        self.write(MINIMAL_PAGES)

    def write(self, pages: dict[str, str]) -> FixtureSite:
        for rel, text in pages.items():
            path = self.docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return self

    def remove(self, rel: str) -> None:
        (self.docs / rel).unlink()

    def build(self) -> Build:
        return run_mkdocs_build(self.root, self.root / "site")


@pytest.fixture
def fixture_site(tmp_path) -> FixtureSite:
    return FixtureSite(tmp_path)


@pytest.fixture
def quiz_fixture_site(fixture_site):
    """The fixture site with two quiz files (their text is in tests/test_quiz_build.py)."""
    from tests.test_quiz_build import DX_PAGE_WITH_MARKER, DX_QUIZ, VPC_QUIZ

    return fixture_site.write(
        {
            "services/networking/vpc.quiz.yml": VPC_QUIZ,
            "services/networking/direct-connect.quiz.yml": DX_QUIZ,
            "services/networking/direct-connect.md": DX_PAGE_WITH_MARKER,
        }
    )


# -------------------------------------------------------------- browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its production base path (site_url's path, e.g. /cheatsheet/).

    Material's instant navigation only intercepts links under that base, so serving
    the site at / would silently fall back to full page loads.
    """

    base = "/"

    def translate_path(self, path):
        if not path.startswith(self.base):
            return str(Path(self.directory) / "__outside_the_site__")  # answered with 404
        return super().translate_path("/" + path[len(self.base) :])

    def do_GET(self):
        # The sitemap lists production URLs. Material's instant navigation takes the
        # host from the page but keeps the sitemap's port, so on a random test port it
        # would never intercept a click: rewrite the sitemap as a preview deploy would.
        if self.path == self.base + "sitemap.xml":
            body = (Path(self.directory) / "sitemap.xml").read_bytes()
            here = f"http://127.0.0.1:{self.server.server_address[1]}{self.base}".encode()
            body = body.replace(site_url_setting().encode(), here)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):  # keep test output readable
        pass


def site_url_setting() -> str:
    import re

    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else "/"


def site_base_path() -> str:
    """The path of mkdocs.yml's site_url, with slashes on both ends."""
    from urllib.parse import urlsplit

    path = urlsplit(site_url_setting()).path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served on 127.0.0.1 by a real HTTP server."""
    base = site_base_path()
    handler = functools.partial(type("SiteHandler", (_QuietHandler,), {"base": base}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{base.rstrip('/')}"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright. In CI a missing browser fails, never skips."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@dataclass
class WatchedPage:
    """A browser tab that records every request and every script error."""

    page: object
    requests: list[str]
    errors: list[str]

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))]


# Lighthouse's mobile preset (a Moto G Power): what `make audit` scores.
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}


def watched_tab(chromium, **context_options):
    context = chromium.new_context(**context_options)
    page = context.new_page()
    watched = WatchedPage(page, [], [])
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and watched.errors.append(msg.text))
    return context, watched


@pytest.fixture
def browser_page(chromium):
    context, watched = watched_tab(chromium)
    yield watched
    context.close()


@pytest.fixture
def phone_page(chromium):
    context, watched = watched_tab(chromium, **PHONE)
    yield watched
    context.close()
