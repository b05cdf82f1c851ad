"""Contributor workflow: the page scaffold, the Markdown and spelling linters, the PR template."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import DOCS, ROOT

from studyguide.catalog import build_catalog
from studyguide.frontmatter import parse

SCRIPT = ROOT / "scripts" / "new_service.py"
BIN = ROOT / ".venv" / "bin"


@pytest.fixture
def docs_copy(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy, ignore=shutil.ignore_patterns("*.quiz.yml", "*.limits.yml"))
    return copy


def run_scaffold(docs, *args):
    return subprocess.run([sys.executable, str(SCRIPT), *args, "--docs", str(docs)], capture_output=True, text=True, timeout=60)


def _catalog(docs):
    sources = [(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")) for p in docs.rglob("*.md") if "includes" not in p.parts]
    return build_catalog(sources)


def test_new_service_writes_a_page_the_catalog_accepts(docs_copy):
    proc = run_scaffold(docs_copy, "networking", "private-5g", "--title", "AWS Private 5G", "--alias", "Private 5G")
    assert proc.returncode == 0, proc.stderr
    page = docs_copy / "services" / "networking" / "private-5g.md"
    assert page.is_file()
    fm = parse(page.read_text(encoding="utf-8"), "private-5g.md")
    assert fm.data == {
        "id": "private-5g",
        "title": "AWS Private 5G",
        "type": "service",
        "category": "networking",
        "aliases": ["Private 5G"],
        "tags": ["Networking"],  # the category's usual tag
    }
    catalog = _catalog(docs_copy)
    assert catalog.by_path["services/networking/private-5g.md"].category == "networking"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["networkin", "foo", "--title", "Foo"], "unknown category 'networkin'"),
        (["networking", "vpc", "--title", "Another VPC"], "id 'vpc' is already used by docs/services/networking/vpc.md"),
        (["networking", "Foo_Bar", "--title", "Foo"], "must be lowercase words joined by hyphens"),
        (
            ["networking", "foo", "--title", "Foo", "--alias", "DX"],
            "alias 'DX' is already claimed by services/networking/direct-connect.md",
        ),
    ],
)
def test_new_service_refuses_bad_requests(docs_copy, args, message):
    before = sorted(p.relative_to(docs_copy) for p in docs_copy.rglob("*"))
    proc = run_scaffold(docs_copy, *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert sorted(p.relative_to(docs_copy) for p in docs_copy.rglob("*")) == before  # nothing written


@pytest.mark.slow
def test_scaffolded_page_builds_strictly(fixture_site):
    proc = run_scaffold(fixture_site.docs, "networking", "global-accelerator", "--title", "AWS Global Accelerator")
    assert proc.returncode == 0, proc.stderr
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    assert not build.warnings
    assert (fixture_site.root / "site" / "services" / "networking" / "global-accelerator" / "index.html").is_file()


def test_make_new_service_target_passes_its_arguments():
    dry = subprocess.run(
        ["make", "-n", "new-service", "CATEGORY=networking", "ID=foo", "TITLE=AWS Foo", "ALIASES=Foo,FOO"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert dry.returncode == 0, dry.stderr
    line = next(line for line in dry.stdout.splitlines() if "new_service.py" in line)
    assert "networking foo" in line and "--title 'AWS Foo'" in line and "--alias 'Foo,FOO'" in line


# ------------------------------------------------------------------ linters


def _pymarkdown(*paths):
    return subprocess.run([str(BIN / "pymarkdown"), "scan", *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_markdown_lint_passes_on_the_docs():
    proc = _pymarkdown("-r", "-e", "docs/includes/*", "docs", "README.md", "CONTRIBUTING.md", ".github")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("---\ntitle: T\n---\n\nText.\n* a list glued to a paragraph\n", "MD032"),  # renders as plain text in Python-Markdown
        ("---\ntitle: T\n---\n\n# One\n\n# Two\n", "MD025"),
        ("---\ntitle: T\n---\n\nSee <script>x</script>.\n", "MD033"),
        ("---\ntitle: T\n---\n\n## Heading\nText right under it.\n", "MD022"),
    ],
)
def test_markdown_lint_configuration_still_catches_real_problems(tmp_path, text, rule):
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    proc = _pymarkdown(page)
    assert proc.returncode != 0 and rule in proc.stdout, proc.stdout


def test_markdown_lint_accepts_the_sites_conventions(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "---\ntitle: T\ntags:\n  - X\n---\n\n# Heading\n\nA line longer than eighty characters, as the cheat sheet writes its paragraphs"
        + " on one line.\n\n"
        "* item\n    - nested at four spaces\n\n<!-- services-index -->\n\nPress <kbd>/</kbd>.\n",
        encoding="utf-8",
    )
    proc = _pymarkdown(page)
    assert proc.returncode == 0, proc.stdout


def test_spelling_check_passes_and_catches_typos(tmp_path):
    ok = subprocess.run(
        [str(BIN / "codespell"), "docs", "README.md", "CONTRIBUTING.md"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert ok.returncode == 0, ok.stdout
    bad = tmp_path / "bad.md"
    typos = "T" + "eh", "reci" + "eved"  # spelled apart so the repo's own spelling check passes
    bad.write_text(f"{typos[0]} EHR lives in an Amazon S3 bucket, {typos[1]} from a WAN link.\n", encoding="utf-8")
    proc = subprocess.run([str(BIN / "codespell"), str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert typos[0] in proc.stdout and typos[1] in proc.stdout
    assert "EHR" not in proc.stdout and "WAN" not in proc.stdout  # AWS vocabulary from .codespell-words.txt


def test_make_lint_runs_all_three_linters():
    dry = subprocess.run(["make", "-n", "lint"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    for tool in ("ruff check", "ruff format --check", "pymarkdown", "codespell"):
        assert tool in dry.stdout, tool
    test = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "pymarkdown" in test.stdout and "codespell" in test.stdout  # `make test` lints first


def test_pre_commit_hooks_call_the_same_tools():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = " ".join(hook["entry"] for repo in config["repos"] for hook in repo["hooks"])
    for tool in ("ruff check", "ruff format", "pymarkdown", "codespell", "actionlint"):
        assert tool in entries, tool
    assert all(repo["repo"] == "local" for repo in config["repos"])  # no downloads: the project's own pinned tools


def test_pull_request_template_asks_for_the_checks():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("make test", "make serve", "front matter"):
        assert item in text, item
