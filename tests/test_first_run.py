"""Issue 21 (first run): what `make test` installs, ADDR and `make test-fast` are documented in
the README and `make help`; a first `make serve` or `make build` says it is creating the venv;
the home page gives a study path to pages that exist."""

from __future__ import annotations

import re
import subprocess

from bs4 import BeautifulSoup

from tests.conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def make(*args: str) -> str:
    proc = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def installed_by_make() -> set[str]:
    """Every Debian package the Makefile installs with apt-get, and every npm package it fetches."""
    apt = {name for line in re.findall(r"apt-get install -y -qq ([^>;\n]+)", MAKEFILE) for name in line.split()}
    assert {"chromium", "default-jre-headless", "nodejs", "npm"} <= apt, apt
    return apt | {"axe-core"}  # tests/axe/package.json, by `make axe`


def test_readme_and_make_help_name_everything_make_test_installs():
    help_text = make("help")
    for name in installed_by_make():
        assert re.search(rf"\b{re.escape(name)}\b", README), f"README does not say `make test` installs {name}"
        assert name in help_text or (name in ("nodejs", "npm") and "nodejs/npm" in help_text), f"make help omits {name}"
    assert "npm registry" in README and "npm registry" in help_text
    assert "Java runtime" in README and "Java runtime" in help_text


def test_readme_and_make_help_document_addr_and_test_fast():
    help_text = make("help")
    for text in (README, help_text):
        assert "ADDR=" in text
        assert "make test-fast" in text and "not browser" in text


def test_a_first_build_says_it_is_creating_the_venv(tmp_path):
    """`make -n` lists the recipe a fresh clone would run, echo lines included."""
    for target in ("build", "serve"):
        plan = make("-n", target, f"VENV={tmp_path / 'fresh-venv'}")
        lines = plan.splitlines()
        said = next(i for i, line in enumerate(lines) if "Creating the project venv" in line)
        created = next(i for i, line in enumerate(lines) if " -m venv " in line)
        assert said < created, plan


def test_the_home_page_gives_a_study_path_to_existing_pages(site):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.select_one("article h2#where-to-start")
    assert heading is not None, "no 'Where to start' section on the home page"
    steps = heading.find_next_sibling("ol")
    assert steps is not None and len(steps.find_all("li", recursive=False)) >= 4
    hrefs = [a["href"] for a in steps.find_all("a", href=True)]
    targets = {(site / href.split("#")[0] / "index.html").resolve() for href in hrefs if not href.startswith(("http", "#"))}
    assert all(t.is_file() for t in targets), hrefs
    assert any("practice-exam/" in h for h in hrefs) and any("progress/" in h for h in hrefs)
    text = steps.get_text(" ", strip=True)
    for step in ("diagnostic", "weakest", "drill", "timed"):
        assert step in text.lower(), step
