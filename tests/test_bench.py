"""The benchmark's building blocks (no timed builds here: timings belong to `make bench`)."""

from __future__ import annotations

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
    assert {k: v for k, v in original.items() if k != "hooks"} == config
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


def test_table_reports_overhead_against_the_budget():
    fast = bench.Timing("x", 10, [10.0, 10.2, 9.9], [20.0, 21.0, 19.0])
    slow = bench.Timing("y", 10, [12.0, 12.1, 15.0], [24.0, 25.0, 23.0])
    row = bench.table([bench.Comparison("today", slow, fast)])
    assert "21.0%" in row and "ok" in row  # 12.1 / 10.0 - 1
    over = bench.table([bench.Comparison("today", bench.Timing("z", 10, [13.0], [1.0]), bench.Timing("w", 10, [10.0], [1.0]))])
    assert "OVER" in over


def test_drop_hook_removes_one_hook():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = yaml.load(bench.drop_hook(text, "hooks/crosslinks.py"), Loader=yaml.BaseLoader)["hooks"]
    assert "hooks/crosslinks.py" not in hooks
    assert hooks == [h for h in yaml.load(text, Loader=yaml.BaseLoader)["hooks"] if h != "hooks/crosslinks.py"]
