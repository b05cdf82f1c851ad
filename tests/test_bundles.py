"""One stylesheet and one script of ours per page (hooks/bundles.py, phone performance)."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config.config_options import ExtraScriptValue

from studyguide import bundles
from studyguide.errors import DataError
from tests.conftest import ROOT, assert_clear_failure

PAGES = ("index.html", "services/networking/vpc/index.html", "limits/index.html", "practice-exam/index.html", "404.html")


def listed(setting: str) -> list[str]:
    """The files mkdocs.yml lists under extra_css or extra_javascript (its custom tags skipped)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(rf"^{setting}:\n((?:  - .*\n)+)", text, re.MULTILINE).group(1)
    return [str(yaml.safe_load(line.split("#")[0].strip()[2:])) for line in block.splitlines()]


def script(path: str, **attributes) -> ExtraScriptValue:
    value = ExtraScriptValue(path)
    for name, setting in attributes.items():
        setattr(value, name, setting)
    return value


# ------------------------------------------------------------------ the plain module


def test_plain_entries_become_the_bundle_at_the_place_of_the_first():
    module = script("assets/javascripts/chart.js", type="module")
    linked, bundle = bundles.plan(["a.js", module, "b.js", "https://example.org/x.js"], "all.js", "extra_javascript")
    assert linked == ["all.js", module, "https://example.org/x.js"]
    assert bundle.parts == ("a.js", "b.js")


def test_a_list_without_plain_entries_is_left_alone():
    entries = [script("m.js", async_=True)]
    linked, bundle = bundles.plan(entries, "all.js", "extra_javascript")
    assert linked == entries and bundle.parts == ()


def test_join_keeps_list_order_and_names_each_part():
    parts = {"b.css": "b { color: red }\n", "a.css": "\n a { color: blue }"}
    _, bundle = bundles.plan(["b.css", "a.css"], "all.css", "extra_css")
    text = bundles.join(bundle, parts.get)
    assert text == "/* ---- b.css ---- */\nb { color: red }\n\n/* ---- a.css ---- */\na { color: blue }\n"
    start, end = bundles.section(text, "a.css")
    assert text[start:end].endswith("a { color: blue }\n")


def test_scripts_are_kept_apart_by_a_semicolon():
    """A part whose last statement has no ';' must not run into the next part's opening '('."""
    _, bundle = bundles.plan(["a.js", "b.js"], "all.js", "extra_javascript")
    text = bundles.join(bundle, {"a.js": "var a = f", "b.js": "(function () {})();"}.get)
    assert "var a = f\n\n;\n/* ---- b.js ---- */\n(function" in text


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (["a.css", "a.css"], "a.css listed twice"),
        (["all.css"], "all.css is the bundle the build writes"),
    ],
)
def test_a_list_the_bundle_cannot_be_made_from_is_refused(entries, message):
    with pytest.raises(DataError) as error:
        bundles.plan(entries, "all.css", "extra_css")
    assert str(error.value).startswith("mkdocs.yml [extra_css]: ") and message in str(error.value)


def test_a_listed_file_missing_from_docs_is_named():
    _, bundle = bundles.plan(["a.css", "gone.css"], "all.css", "extra_css")
    with pytest.raises(DataError, match=r"^mkdocs.yml \[extra_css\]: gone.css: no such file under docs/$"):
        bundles.join(bundle, {"a.css": "a {}"}.get)


# ------------------------------------------------------------------ the built site


def test_every_page_links_one_stylesheet_and_one_script_of_ours(site):
    for page in PAGES:
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        sheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
        ours = [h for h in sheets if not re.search(r"/(main|palette)\.[0-9a-f]+\.min\.css$", h)]  # all but Material's
        assert len(ours) == 1 and ours[0].endswith(bundles.STYLESHEET), (page, ours)
        scripts = [s["src"] for s in soup.select("script[src]")]
        assert sum(src.endswith(bundles.SCRIPT) for src in scripts) == 1, page
        for part in listed("extra_css") + listed("extra_javascript"):
            assert not any(ref.endswith(part) for ref in sheets + scripts), (page, part)


def test_the_bundles_hold_the_listed_files_in_order_and_only_those(site):
    for setting, uri in (("extra_css", bundles.STYLESHEET), ("extra_javascript", bundles.SCRIPT)):
        parts = listed(setting)
        assert len(parts) >= 4, setting
        text = (site / uri).read_text(encoding="utf-8")
        starts = [bundles.section(text, part)[0] for part in parts]
        assert starts == sorted(starts), setting
        for part in parts:
            start, end = bundles.section(text, part)
            assert (ROOT / "docs" / part).read_text(encoding="utf-8").strip() in text[start:end]
            assert not (site / part).exists(), part  # shipped once, inside the bundle
        assert text.count("/* ---- ") == len(parts)


def test_a_stylesheet_listed_but_missing_fails_the_build_with_its_name(fixture_site):
    config = fixture_site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("extra_css:\n", "extra_css:\n  - assets/stylesheets/missing.css\n"), encoding="utf-8")
    assert_clear_failure(fixture_site.build(), "mkdocs.yml [extra_css]: assets/stylesheets/missing.css: no such file under docs/")


def test_a_docs_file_in_the_bundles_place_fails_the_build(fixture_site):
    assets = fixture_site.docs / "assets"
    assets.unlink()  # the fixture links the repo's assets: work on a copy
    shutil.copytree(ROOT / "docs" / "assets", assets)
    (assets / "stylesheets" / "study.css").write_text("p {}", encoding="utf-8")
    assert_clear_failure(fixture_site.build(), "docs/assets/stylesheets/study.css: the build writes this file from extra_css")
