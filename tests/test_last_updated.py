"""'Last updated' on every page: from git history, and from the file outside git."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import time

from conftest import ROOT

from studyguide import last_updated

STAMP = re.compile(r"Last updated (\d{4}-\d{2}-\d{2})")


def test_parse_log_keeps_the_newest_commit_of_each_file():
    log = "\x1e300\n\nservices/a.md\nindex.md\n\x1e200\n\nservices/a.md\nservices/b.md\n\x1e100\n\nold.md\n"
    assert last_updated.parse_log(log) == {"services/a.md": 300, "index.md": 300, "services/b.md": 200, "old.md": 100}


def test_page_date_prefers_git_then_the_file(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("x", encoding="utf-8")
    os.utime(page, (1614816000, 1614816000))  # 2021-03-04
    assert last_updated.page_date("a.md", str(page), {"a.md": 1577923200}) == (dt.date(2020, 1, 2), "git")
    assert last_updated.page_date("a.md", str(page), {}) == (dt.date(2021, 3, 4), "file")
    assert last_updated.page_date("a.md", str(page), None) == (dt.date(2021, 3, 4), "file")
    assert last_updated.page_date("generated.md", None, None) is None
    assert last_updated.label(dt.date(2021, 3, 4)) == "Last updated 2021-03-04"


def test_git_dates_is_none_outside_a_work_tree(tmp_path):
    assert last_updated.git_dates(tmp_path) is None
    assert last_updated.git_dates(tmp_path / "missing") is None


def test_git_log_runs_beside_the_build(tmp_path, monkeypatch):
    # A git that takes 0.6 s: starting it returns at once, and the dates come when asked.
    script = "sleep 0.6; printf '\\0361700000000\\n\\na.md\\nb/c.md\\n\\0361600000000\\n\\na.md\\n'"
    monkeypatch.setattr(last_updated, "GIT_LOG", ("sh", "-c", script))
    started = time.perf_counter()
    pending = last_updated.GitDates(tmp_path)
    assert time.perf_counter() - started < 0.3
    assert pending.result() == {"a.md": 1700000000, "b/c.md": 1700000000}
    assert time.perf_counter() - started >= 0.6
    assert pending.result() == {"a.md": 1700000000, "b/c.md": 1700000000}  # read once, kept


def test_a_git_log_nobody_reads_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(last_updated, "GIT_LOG", ("sleep", "30"))
    pending = last_updated.GitDates(tmp_path)
    started = time.perf_counter()
    pending.close()
    assert time.perf_counter() - started < 5
    assert pending._proc.returncode is not None  # ended and reaped, no zombie left
    assert pending.result() is None
    monkeypatch.setattr(last_updated, "GIT_LOG", ("false",))  # git failing (not a work tree): None
    assert last_updated.GitDates(tmp_path).result() is None


def _git_date(rel: str) -> str:
    stamp = subprocess.run(["git", "log", "-1", "--format=%ct", "--", rel], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date().isoformat()


def test_real_pages_show_their_last_commit_date(site):
    for rel, url in (("docs/services/networking/vpc.md", "services/networking/vpc/"), ("docs/index.md", "")):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        found = STAMP.search(html)
        assert found, f"{url or 'home'}: no 'Last updated' date"
        assert found.group(1) == _git_date(rel), rel
    missing = [p for p in site.glob("services/*/*/index.html") if not STAMP.search(p.read_text(encoding="utf-8"))]
    assert not missing, f"service pages without a date: {missing[:3]}"


def _set_mtime(path, day: dt.date):
    stamp = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()
    os.utime(path, (stamp, stamp))


def test_outside_git_the_file_date_is_shown(fixture_site):
    vpc = fixture_site.docs / "services" / "networking" / "vpc.md"
    _set_mtime(vpc, dt.date(2021, 3, 4))
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    assert "not in a git work tree" in build.output
    html = (build.site / "services" / "networking" / "vpc" / "index.html").read_text(encoding="utf-8")
    assert STAMP.search(html).group(1) == "2021-03-04"


def test_inside_git_the_commit_date_wins_over_the_file_date(fixture_site):
    root = fixture_site.root
    env = {**os.environ, "GIT_AUTHOR_DATE": "2020-01-02T12:00:00Z", "GIT_COMMITTER_DATE": "2020-01-02T12:00:00Z"}
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "docs"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "pages"],
    ):
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
    _set_mtime(fixture_site.docs / "services" / "networking" / "vpc.md", dt.date(2021, 3, 4))
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    html = (build.site / "services" / "networking" / "vpc" / "index.html").read_text(encoding="utf-8")
    assert STAMP.search(html).group(1) == "2020-01-02"
