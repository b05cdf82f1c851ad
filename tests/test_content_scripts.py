"""The content tools a contributor runs without a build (issues 12 and 13):
`make check-content`, `make quiz-report` and `make review-report`, on the real docs and on
broken copies of them, so each one is shown to pass and to fail."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import DOCS, ROOT


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture
def docs_copy(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy, ignore=shutil.ignore_patterns("assets"))
    return copy


def test_check_content_passes_on_the_docs_and_prints_the_figures():
    result = run("check_content.py", "docs/services/storage")
    assert result.returncode == 0, result.stdout + result.stderr
    for label in ("questions:", "scenario share:", "correct option strictly longest", "domains (first domain):", "0 problem(s)"):
        assert label in result.stdout


def test_check_content_names_file_line_and_id_of_each_problem(docs_copy):
    sqs = docs_copy / "services/application-integration/sqs.corrections.yml"
    sqs.write_text(sqs.read_text(encoding="utf-8").replace("262,144 bytes (256 KB)", "262,144 bytes (256 kB)"), encoding="utf-8")
    quiz = docs_copy / "services/storage/s3.quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(re.sub(r"\n {8}why: [^\n]*", "", text, count=1), encoding="utf-8")
    result = run("check_content.py", "--docs", str(docs_copy))
    assert result.returncode == 1
    assert re.search(r"services/application-integration/sqs\.corrections\.yml:\d+ \[message-size\]: quote not found", result.stdout)
    assert re.search(r"services/storage/s3\.quiz\.yml:\d+ \[s3-[a-z0-9-]+\]: option '.+' has no reason", result.stdout)
    assert "2 problem(s)" in result.stdout


def test_quiz_report_prints_every_figure_and_meets_the_standard():
    result = run("quiz_report.py")
    assert result.returncode == 0, result.stdout + result.stderr
    for label in (
        "Questions: ",
        "Scenario questions: ",
        "Correct option strictly the longest, choose 1: ",
        "Correct set exactly the longest options, choose 2 and 3: ",
        "Correct positions as written",
        "Domain shares by first domain",
        "Questions per category:",
        "Questions per page:",
        "Pairs that may test the same fact",
        "Options without a reason: 0",
        "Stems naming the study guide or cheat sheet: 0",
    ):
        assert label in result.stdout, label
    assert result.stdout.rstrip().endswith("Meets the standard.")


def test_quiz_report_fails_a_bank_below_the_standard(docs_copy):
    for quiz in sorted(docs_copy.rglob("*.quiz.yml"))[10:]:
        quiz.unlink()
    result = run("quiz_report.py", "--docs", str(docs_copy))
    assert result.returncode == 1
    assert "Misses the standard:" in result.stdout and "fewer than 670" in result.stdout


def test_review_report_lists_a_page_never_reviewed(docs_copy):
    assert run("review_report.py").returncode == 0
    page = docs_copy / "services/networking/vpc.md"
    page.write_text(re.sub(r"\nreviewed: [0-9-]+", "", page.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    result = run("review_report.py", "--docs", str(docs_copy))
    assert result.returncode == 1
    pages = sum(1 for p in docs_copy.rglob("*.md") if re.search(r"(?m)^type: (service|concept)$", p.read_text(encoding="utf-8")))
    assert f"{pages - 1} reviewed, 1 never reviewed" in result.stdout
    assert result.stdout.rstrip().endswith("docs/services/networking/vpc.md")
