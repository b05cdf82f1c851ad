"""The benchmark's building blocks (no timed builds here: timings belong to `make bench`)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from studyguide import crosslinks
from studyguide.catalog import build_catalog
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench


def test_strip_hooks_removes_only_the_hooks_list():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    stripped = bench.strip_hooks(text)
    config = yaml.load(stripped, Loader=yaml.BaseLoader)  # BaseLoader: mkdocs.yml holds !!python tags in places
    assert "hooks" not in config
    original = yaml.load(text, Loader=yaml.BaseLoader)
    assert {k: v for k, v in original.items() if k not in ("hooks", "markdown_extensions")} == {
        k: v for k, v in config.items() if k != "markdown_extensions"
    }
    # The project's own Markdown extensions go too (issue 22), options and all; the others stay.
    assert config["markdown_extensions"] == [e for e in original["markdown_extensions"] if "studyguide" not in str(e)]
    assert "hooks/crosslinks.py" in text and "hooks/crosslinks.py" not in stripped


def test_projects_keep_the_sites_theme_and_link_its_docs(tmp_path):
    plain = bench.make_project(tmp_path / "b", ROOT / "docs", hooks=False)
    features = yaml.load((plain / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["theme"]["features"]
    assert "navigation.prune" in features and "navigation.instant" in features
    assert (plain / "docs").resolve() == (ROOT / "docs").resolve()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    dest = tmp_path_factory.mktemp("bench") / "docs"
    pages = bench.synthetic_docs(dest, 3)
    return dest, pages


def test_synthetic_site_is_scale_times_larger_and_valid(synthetic):
    dest, pages = synthetic
    sources = [(p.relative_to(dest).as_posix(), p.read_text(encoding="utf-8")) for p in dest.rglob("*.md")]
    catalog = build_catalog(sources)  # unique ids and names, or this raises
    real = build_catalog((p.relative_to(ROOT / "docs").as_posix(), p.read_text(encoding="utf-8")) for p in (ROOT / "docs").rglob("*.md"))
    assert len(catalog.pages) == 3 * len(real.pages)
    assert len(catalog.categories) == 3 * len(real.categories)
    crosslinks.check_names(catalog)  # the renamed names pass the everyday-word rule too
    assert pages > 2.5 * len(real.pages)


def test_table_reports_the_full_to_bare_ratio_against_the_budget():
    bare = bench.Timing("x", 10, [10.0, 10.2, 9.9], [20.0, 21.0, 19.0])
    full = bench.Timing("y", 10, [15.0, 15.9, 16.5], [24.0, 25.0, 23.0])
    row = bench.table([bench.Comparison("today", full, bare)])
    assert " 1.59 " in row and "ok (<= 1.6x CPU, <= 1.4x wall)" in row  # CPU 15.9 / 10.0
    assert " 1.20 " in row  # the median of the pairs' wall ratios: 24/20, 25/21, 23/19
    assert "1000.0" in row and "1590.0" in row  # milliseconds per page, bare and full
    over = bench.table([bench.Comparison("today", bench.Timing("z", 10, [16.5], [1.0]), bench.Timing("w", 10, [10.0], [1.0]))])
    assert "OVER" in over


def test_the_wall_ratio_is_the_median_of_alternating_pairs_and_judged_per_site():
    bare = bench.Timing("x", 10, [1.0] * 3, [2.0, 4.0, 2.0])
    full = bench.Timing("y", 10, [1.0] * 3, [2.6, 4.4, 3.0])  # pairs: 1.3, 1.1, 1.5
    today = bench.Comparison("today", full, bare)
    assert today.pair_ratios == pytest.approx([1.3, 1.1, 1.5]) and today.wall_ratio == pytest.approx(1.3)
    assert today.within_budget  # 1.3 <= 1.4 today
    assert bench.Comparison("x10", full, bare).within_budget  # 1.3 <= 1.3 on the large site
    slower = bench.Comparison("x10", bench.Timing("z", 10, [1.0] * 3, [2.8, 4.4, 3.0]), bare)  # pairs 1.4, 1.1, 1.5
    assert slower.wall_ratio == pytest.approx(1.4) and not slower.within_budget
    assert "fewer than 8 pairs" in bench.table([today])


def test_preview_line_judges_the_median_edit_against_three_seconds():
    assert bench.preview_line([2.0, 3.5, 2.9]).endswith("ok (<= 3 s)")
    assert "median 3.10 s" in bench.preview_line([3.1, 2.0, 4.0]) and "OVER" in bench.preview_line([3.1, 2.0, 4.0])
    # beside a bare serve of the same pages: the budget still judges the full serve alone
    line = bench.preview_line([3.1, 2.0, 4.0], bare=[2.5, 2.9, 2.7])
    assert "OVER" in line and "bare MkDocs + Material serve, same machine: median 2.70 s" in line


def test_a_bare_serve_of_the_same_pages_serves_an_edit():
    """The preview's baseline: MkDocs + Material serving today's pages without the hooks (not strict:
    the deck the hooks make is missing there) shows an edit, as the full serve does."""
    times = bench.page_weight.serve_rebuild_times(1, config=bench.strip_hooks)
    assert len(times) == 1 and 0 < times[0] < 120


def test_the_bare_build_has_no_glossary_either():
    """The features are hooks and Markdown extensions (issue 22): the bare build is plain MkDocs + Material."""
    stripped = yaml.load(bench.strip_hooks((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), Loader=yaml.BaseLoader)
    assert "hooks" not in stripped
    assert not any("auto_append" in str(ext) for ext in stripped["markdown_extensions"])
    assert not any("studyguide" in str(ext) for ext in stripped["markdown_extensions"])
    assert "pymdownx.snippets" in str(stripped["markdown_extensions"])  # Material's own extensions stay


def test_the_synthetic_site_builds_strictly_with_every_hook(synthetic, tmp_path):
    """Every copy is linked from another page (orphan warnings would fail the strict build)."""
    dest, _ = synthetic
    project = bench.make_project(tmp_path / "hooks", dest, hooks=True)
    _, _, code, output = bench.build_once(project)
    assert code == 0, output[-3000:]
    assert "WARNING" not in output


def test_only_the_bare_build_may_fall_back_to_non_strict(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "build_once", lambda project, strict=True, cold=False: (1.0, 1.0, 1 if strict else 0, "WARNING - x"))
    bare = bench.Timing("bare", 1, [], lenient=True)
    bench.measure_once(bare, tmp_path)
    assert not bare.strict and bare.runs == [1.0]
    with pytest.raises(SystemExit):
        bench.measure_once(bench.Timing("full", 1, []), tmp_path)


def test_drop_hook_removes_one_hook():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = yaml.load(bench.drop_hook(text, "hooks/crosslinks.py"), Loader=yaml.BaseLoader)["hooks"]
    assert "hooks/crosslinks.py" not in hooks
    assert hooks == [h for h in yaml.load(text, Loader=yaml.BaseLoader)["hooks"] if h != "hooks/crosslinks.py"]


def test_make_bench_and_zensical_resolve_their_prerequisites():
    """`make -n` plans both targets: the Zensical venv's stamp is a real path, not '/.installed'."""
    for target in ("bench", "zensical"):
        plan = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False)
        assert plan.returncode == 0, plan.stderr
        assert "No rule to make target" not in plan.stderr


def test_instruction_counts_sum_every_process_of_the_build(tmp_path):
    (tmp_path / "cg.101").write_text("desc: --cache-sim=no\ncmd: python -m mkdocs build\nevents: Ir\nfl=x\n1 5\nsummary: 23858206047\n")
    (tmp_path / "cg.102").write_text("cmd: /usr/bin/git log\nevents: Ir\nsummary: 362614289\n")
    assert bench.cachegrind_total(tmp_path) == 23858206047 + 362614289
    (tmp_path / "cg.103").write_text("cmd: cut short\n")
    with pytest.raises(SystemExit, match="summary"):
        bench.cachegrind_total(tmp_path)
    line = bench.instructions_line({"bare": 12_926_607_092, "full": 24_220_820_336, "ratio": 1.874})
    assert "bare 12.93 G" in line and "full 24.22 G" in line and "ratio 1.87" in line


def test_instruction_counts_need_valgrind(tmp_path, monkeypatch):
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    assert bench.instructions_once(tmp_path) is None
    assert bench.instruction_ratio(tmp_path, bare_strict=False) == {}


def test_make_bench_passes_instructions_on_request():
    plan = subprocess.run(["make", "-n", "bench", "INSTRUCTIONS=1"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert plan.returncode == 0, plan.stderr
    assert "scripts/bench.py --runs 8 --instructions" in plan.stdout
    plain = subprocess.run(["make", "-n", "bench"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert "--instructions" not in plain.stdout


def test_a_cold_build_runs_without_the_build_cache_and_has_no_budget_of_its_own(monkeypatch, tmp_path):
    seen = []

    def fake_run(cmd, cwd, env, **kwargs):
        seen.append(env.get("STUDYGUIDE_BUILD_CACHE"))
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(bench.subprocess, "run", fake_run)
    bench.build_once(tmp_path, cold=True)
    bench.build_once(tmp_path)
    assert seen == ["0", None]  # the first build of a fresh clone, then a contributor's next build
    bare = bench.Timing("x", 10, [1.0], [2.0])
    slow = bench.Comparison("today cold", bench.Timing("y", 10, [1.0], [4.0], cold=True), bare)
    assert slow.wall_budget is None and slow.within_budget is (slow.ratio <= bench.RATIO_BUDGET)
    assert bench.Comparison("today", bench.Timing("y", 10, [1.0], [4.0]), bare).wall_budget == 1.4


def test_the_edit_timer_reads_the_build_epoch_from_the_live_reload_script():
    import live_preview

    page = "<html><body><script>livereload(26400718, 26420363);</script></body></html>"
    assert live_preview._reload_epoch(page) == 26400718
    assert live_preview._reload_epoch("<html>no script</html>") is None  # then it polls the page instead
