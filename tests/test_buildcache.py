"""Issue 22: a build keeps the hooks' results on disk for the next build (studyguide/buildcache.py).

The unit tests drive the store directly; the site tests build a fixture site as `make build` does
and check that a warm build writes the same site, sees edits, and that a failed build or a
changed fingerprint never serves stale results.
"""

from __future__ import annotations

import os
import pickle

import jinja2
import pytest

from studyguide import buildcache
from tests.conftest import assert_clear_failure, run_mkdocs_build


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh on-disk store in tmp_path, with the module's state restored afterwards."""
    monkeypatch.setattr(buildcache, "_caches", [])
    monkeypatch.setattr(buildcache, "_enabled", False)
    monkeypatch.setattr(buildcache, "_store", None)
    monkeypatch.setattr(buildcache, "_fingerprint", "")
    monkeypatch.delenv("STUDYGUIDE_BUILD_CACHE", raising=False)
    code = tmp_path / "code.py"
    code.write_text("version = 1\n")
    return tmp_path / "store", code


def _process(folder, code, name="unit"):
    """What a new `mkdocs build` process does: a fresh cache object, the store opened, a build started."""
    buildcache._caches.clear()
    cache = buildcache.BuildCache(name)
    buildcache.persist(folder, [code])
    cache.start_build()
    return cache


def test_a_result_made_by_one_build_is_read_by_the_next_process(store):
    folder, code = store
    made = []
    first = _process(folder, code)
    assert first.get(buildcache.key("page", "a"), lambda: made.append(1) or "A") == "A"
    buildcache.save_all()
    second = _process(folder, code)
    assert second.get(buildcache.key("page", "a"), lambda: made.append(2) or "again") == "A"
    assert second.get(buildcache.key("page", "b"), lambda: made.append(3) or "B") == "B"  # an edit is a new key
    assert made == [1, 3]


def test_new_code_or_settings_never_read_the_old_results(store):
    folder, code = store
    first = _process(folder, code)
    first.get(buildcache.key("k"), lambda: "old")
    buildcache.save_all()
    code.write_text("version = 2\n")  # the hooks changed: same key, other fingerprint
    assert _process(folder, code).get(buildcache.key("k"), lambda: "new") == "new"
    assert buildcache.fingerprint([code], "a") != buildcache.fingerprint([code], "b")


def test_a_broken_store_is_an_empty_one(store):
    folder, code = store
    folder.mkdir()
    (folder / "unit.pickle").write_bytes(b"not a pickle")
    assert _process(folder, code).get(buildcache.key("k"), lambda: "made") == "made"
    buildcache.save_all()  # and the next build writes a good one over it
    with open(folder / "unit.pickle", "rb") as stream:
        assert list(pickle.load(stream)["entries"].values()) == ["made"]


def test_the_store_keeps_only_what_the_last_build_used_and_is_not_rewritten_when_unchanged(store):
    folder, code = store
    first = _process(folder, code)
    first.get(buildcache.key("a"), lambda: "A")
    first.get(buildcache.key("b"), lambda: "B")
    buildcache.save_all()
    second = _process(folder, code)
    second.get(buildcache.key("a"), lambda: "A2")
    buildcache.save_all()
    with open(folder / "unit.pickle", "rb") as stream:
        assert list(pickle.load(stream)["entries"].values()) == ["A"]
    before = os.stat(folder / "unit.pickle").st_mtime_ns
    third = _process(folder, code)
    third.get(buildcache.key("a"), lambda: "A3")
    buildcache.save_all()
    assert os.stat(folder / "unit.pickle").st_mtime_ns == before


def test_the_environment_can_turn_the_store_off(store, monkeypatch):
    folder, code = store
    monkeypatch.setenv("STUDYGUIDE_BUILD_CACHE", "0")
    cache = _process(folder, code)
    cache.get(buildcache.key("k"), lambda: "made")
    buildcache.save_all()
    assert not folder.exists()


def test_compiled_templates_are_reused_by_the_next_process_until_a_template_changes(store):
    folder, code = store
    sources = {"page.html": "Hello {{ name }}"}

    def render():
        """One process: a new Jinja environment, as each build makes; the templates it compiled."""
        env = jinja2.Environment(loader=jinja2.DictLoader(sources))
        env.bytecode_cache = buildcache.TemplateCode(_process(folder, code, "jinja"))
        compiled, compile_source = [], env.compile
        env.compile = lambda source, name=None, *rest, **kw: compiled.append(name) or compile_source(source, name, *rest, **kw)
        out = env.get_template("page.html").render(name="exam")
        buildcache.save_all()
        return out, compiled

    assert render() == ("Hello exam", ["page.html"])
    assert render() == ("Hello exam", [])  # the next build reads the compiled code
    sources["page.html"] = "Goodbye {{ name }}"
    assert render() == ("Goodbye exam", ["page.html"])  # an edited template is never served stale


# ------------------------------------------------------------------ real builds of a fixture site


def _site_files(site):
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_warm_build_writes_the_same_site_and_sees_an_edit(quiz_fixture_site, monkeypatch):
    monkeypatch.setenv("PYTHONHASHSEED", "1")  # each process orders sets its own way: no key may depend on it
    page = quiz_fixture_site.docs / "services/networking/vpc.md"
    spans = " ".join(f'<span id="mark-{n}"></span>' for n in range(12))  # anchors MkDocs keeps in a set
    page.write_text(page.read_text() + f"\n<p>{spans}</p>\n")
    cold = quiz_fixture_site.build()
    assert cold.returncode == 0, cold.output
    stores = quiz_fixture_site.root / ".cache" / "studyguide-build"
    names = {p.name for p in stores.glob("*.pickle")}
    assert {"catalog.pickle", "quizzes.bank.pickle", "mdext.crosslinks.pages.pickle", "mdext.quizzes.blocks.pickle"} <= names
    cold_files = _site_files(cold.site)
    stored = {p.name: p.stat().st_mtime_ns for p in stores.glob("*.pickle")}
    monkeypatch.setenv("PYTHONHASHSEED", "2")
    warm = run_mkdocs_build(quiz_fixture_site.root, quiz_fixture_site.root / "site-warm")
    assert warm.returncode == 0, warm.output
    assert _site_files(warm.site) == cold_files  # byte for byte
    # Every result was found under the same key, so no store had anything new to write.
    assert {p.name: p.stat().st_mtime_ns for p in stores.glob("*.pickle")} == stored

    page.write_text(page.read_text().replace("A data centre reaches a VPC", "A branch office reaches a VPC"))
    edited = run_mkdocs_build(quiz_fixture_site.root, quiz_fixture_site.root / "site-edited")
    assert edited.returncode == 0, edited.output
    html = (edited.site / "services/networking/vpc/index.html").read_text()
    assert "A branch office reaches a" in html and "A data centre reaches" not in html
    assert 'href="../direct-connect/"' in html  # its cross-link made anew for the new text


def test_a_failed_build_leaves_the_stores_as_they_were(quiz_fixture_site):
    assert quiz_fixture_site.build().returncode == 0
    stores = quiz_fixture_site.root / ".cache" / "studyguide-build"
    before = {p.name: p.read_bytes() for p in stores.glob("*.pickle")}
    quiz = quiz_fixture_site.docs / "services/networking/vpc.quiz.yml"
    quiz.write_text(quiz.read_text().replace("choose: 1", "choose: 7", 1))
    failed = quiz_fixture_site.build()
    assert_clear_failure(failed, "vpc.quiz.yml")
    assert {p.name: p.read_bytes() for p in stores.glob("*.pickle")} == before
