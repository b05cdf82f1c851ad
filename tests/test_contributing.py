"""Contributor workflow: the page scaffold, the Markdown and spelling linters, the PR template."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import DOCS, MINIMAL_PAGES, ROOT, assert_clear_failure

from studyguide.catalog import build_catalog
from studyguide.errors import DataError
from studyguide.frontmatter import parse
from studyguide.placeholders import MARKER

SCRIPT = ROOT / "scripts" / "new_service.py"
BIN = ROOT / ".venv" / "bin"


@pytest.fixture
def docs_copy(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy, ignore=shutil.ignore_patterns("*.quiz.yml", "*.limits.yml"))
    return copy


def run_scaffold(docs, *args):
    return subprocess.run([sys.executable, str(SCRIPT), *args, "--docs", str(docs)], capture_output=True, text=True, timeout=60)


def _catalog(docs, **options):
    sources = [(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")) for p in docs.rglob("*.md") if "includes" not in p.parts]
    return build_catalog(sources, **options)


def test_new_service_writes_a_page_and_its_stubs(docs_copy):
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
        "origin": "added",  # a new page is the project's text: its prose goes in added blocks (issue 19)
        "aliases": ["Private 5G"],
        "tags": ["Networking"],  # the category's usual tag
    }
    assert "/// added" in page.read_text(encoding="utf-8") and "Sources:" in page.read_text(encoding="utf-8")
    catalog = _catalog(docs_copy, allow_placeholders=True)
    assert catalog.by_path["services/networking/private-5g.md"].category == "networking"
    # The quiz and limits stubs sit beside the page; every line to write carries the marker.
    quiz = yaml.safe_load((docs_copy / "services/networking/private-5g.quiz.yml").read_text(encoding="utf-8"))
    assert [q["id"] for q in quiz["questions"]] == ["private-5g-1", "private-5g-2"]  # the standard: two per page
    assert all(q["source"] == "private-5g" and q["services"] == ["private-5g"] for q in quiz["questions"])
    limits_stub = (docs_copy / "services/networking/private-5g.limits.yml").read_text(encoding="utf-8")
    for text in (page.read_text(encoding="utf-8"), limits_stub, yaml.safe_dump(quiz)):
        assert MARKER in text
    assert "reviewed: YYYY-MM" in page.read_text(encoding="utf-8")
    assert "private-5g.quiz.yml" in proc.stdout and "private-5g.limits.yml" in proc.stdout and MARKER in proc.stdout
    # Placeholders are build errors: the catalog (and so the build) refuses the page as written.
    with pytest.raises(DataError) as error:
        _catalog(docs_copy)
    assert str(error.value).startswith("docs/services/networking/private-5g.md:")
    assert "replace the 'TODO(new-service)' text with" in str(error.value)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["networkin", "foo", "--title", "Foo"], "unknown category 'networkin'"),
        (["networking", "vpc", "--title", "Another VPC"], "id 'vpc' is already used by docs/services/networking/vpc.md"),
        (["networking", "Foo_Bar", "--title", "Foo"], "must be lowercase words joined by hyphens"),
        (
            ["networking", "foo", "--title", "Foo", "--alias", "DX"],
            "alias 'DX' is already an alias of docs/services/networking/direct-connect.md",
        ),
        (["networking", "foo", "--title", "Amazon VPC"], "title 'Amazon VPC' is already the title of docs/services/networking/vpc.md"),
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


FILLED_PAGE = """---
id: private-5g
title: AWS Private 5G
type: service
category: networking
aliases:
  - Private 5G
reviewed: 2026-11
---

Private 5G runs a private mobile network on two radio units at a site.
"""
FILLED_LIMITS = """- id: radio-units
  name: Radio units
  value: 2
  unit: count
  adjustable: fixed
  scope: per site
  quote: "two radio units"
"""
FILLED_QUIZ = "questions:\n" + "".join(
    f"""  - id: private-5g-{n}
    kind: recall
    domains: [new-solutions]
    tasks: ["2.1"]
    skills: [2.1.1]
    services: [private-5g]
    choose: 1
    question: How many radio units does the starter network have ({n})?
    options:
      - text: Two
        correct: true
        why: Two radio units.
      - text: One
        why: There are two.
      - text: Four
        why: There are two.
      - text: Eight
        why: There are two.
    explanation: The starter network has two radio units.
    source: private-5g
"""
    for n in (1, 2)
)


@pytest.mark.slow
def test_scaffolded_page_fails_until_written_then_asks_for_a_link(fixture_site):
    proc = run_scaffold(fixture_site.docs, "networking", "private-5g", "--title", "AWS Private 5G")
    assert proc.returncode == 0, proc.stderr
    # 1. As scaffolded: every placeholder is an error naming file and line, before any other check.
    stub = fixture_site.build()
    page = (fixture_site.docs / "services/networking/private-5g.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(page, 1) if "reviewed: YYYY-MM" in text)
    assert_clear_failure(
        stub,
        "placeholder(s) to replace",
        f"docs/services/networking/private-5g.md:{line}: text left by make new-service: replace the 'TODO(new-service)' text "
        "with a line 'reviewed: YYYY-MM'",
        "docs/services/networking/private-5g.quiz.yml:6: text left by make new-service",
        "docs/services/networking/private-5g.limits.yml:3: text left by make new-service",
    )
    assert "scenario stem" not in stub.output and "malformed" not in stub.output  # the marker, not a cryptic consequence
    # 2. Written: it builds, but nothing links to it yet, which the strict build refuses, saying how to fix it.
    fixture_site.write(
        {
            "services/networking/private-5g.md": FILLED_PAGE,
            "services/networking/private-5g.limits.yml": FILLED_LIMITS,
            "services/networking/private-5g.quiz.yml": FILLED_QUIZ,
        }
    )
    lonely = fixture_site.build()
    assert lonely.returncode != 0 and "Traceback" not in lonely.output
    assert lonely.warnings == [
        "WARNING -  hooks/orphans: docs/services/networking/private-5g.md: no other page links to AWS Private 5G, "
        "so readers reach it only from the nav. Mention it by one of its names ('AWS Private 5G', 'Private 5G') "
        "in the text of a related page, and the build links the mention; or add to its 'aliases' the name other pages already "
        "use for it; or link it by hand from a related page with a relative Markdown link to private-5g.md"
    ]
    # 3. Mentioned on a related page: the build links the mention and passes strictly.
    fixture_site.write({"services/networking/vpc.md": MINIMAL_PAGES["services/networking/vpc.md"] + "\nPrivate 5G can sit beside it.\n"})
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    assert not build.warnings
    assert (fixture_site.root / "site" / "services" / "networking" / "private-5g" / "index.html").is_file()


@pytest.fixture
def project_copy(tmp_path):
    """The Makefile, scripts and docs in a scratch folder, using the project's venv."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "scripts", copy / "scripts")  # a copy: the scaffold finds docs/ beside its own file
    (copy / "hooks").symlink_to(ROOT / "hooks")
    shutil.copytree(DOCS, copy / "docs", ignore=shutil.ignore_patterns("*.quiz.yml", "*.limits.yml", "*.corrections.yml"))
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


@pytest.mark.parametrize("title", ["AWS Bob's Tool", 'AWS "Quoted" $HOME `tick` Tool'])
def test_make_new_service_passes_any_title_as_typed(project_copy, title):
    """Arguments reach the script through the environment, never pasted into a shell line."""
    proc = subprocess.run(
        # -o: never remake the venv's stamp from the scratch copy
        ["make", "-o", ".venv/.site-installed", "new-service", "CATEGORY=networking", "ID=bobs-tool", f"TITLE={title}", "ALIASES=Bob's,BT"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "syntax error" not in proc.stderr
    written = project_copy / "docs" / "services" / "networking" / "bobs-tool.md"
    fm = parse(written.read_text(encoding="utf-8"), "bobs-tool.md")
    assert fm.data["title"] == title and fm.data["aliases"] == ["Bob's", "BT"]


def test_make_new_service_without_arguments_prints_the_usage():
    proc = subprocess.run(
        ["make", "-o", ".venv/.site-installed", "new-service", "CATEGORY=networking"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode != 0 and "usage: make new-service CATEGORY=" in proc.stderr


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
