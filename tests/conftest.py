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
    "services/networking/index.md": "---\ntitle: Networking\norder: 1\ndescription: Networks.\n---\n\n<!-- services-index -->\n",
    "services/networking/vpc.md": (
        "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\naliases:\n  - VPC\ntags:\n  - Networking\n---\n\n"
        "## Limits\n\n* Subnets per VPC: 200, Adjustable\n"
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


# -------------------------------------------------------------- browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served on 127.0.0.1 by a real HTTP server."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
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


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    watched = WatchedPage(page, [], [])
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and watched.errors.append(msg.text))
    yield watched
    context.close()
