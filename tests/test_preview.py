"""The live preview (issue 14): a failed build shows in the browser; every cache follows edits.

The serve tests run a real `mkdocs serve --strict` on a fixture site (scripts/live_preview.py)
and poll the served pages, as a contributor's browser would.
"""

from __future__ import annotations

import logging
import sys

import pytest
from conftest import ROOT
from mkdocs.exceptions import PluginError

from studyguide import buildcache, preview

sys.path.insert(0, str(ROOT / "scripts"))
from live_preview import LivePreview

# ------------------------------------------------------------------ unit: the banner


def html_app(body: bytes, content_type: str = "text/html"):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]

    return app


def call(app) -> tuple[str, dict, bytes]:
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app({"PATH_INFO": "/"}, start_response))
    return seen["status"], seen["headers"], body


def test_a_failed_build_puts_an_escaped_banner_on_every_page_until_a_good_build():
    state = preview.Preview(preview.plain_banner)
    outcomes = [PluginError("docs/services/x.quiz.yml:7 [q1]: <b>choose</b> must be 1, 2 or 3"), None]

    def builder():
        logging.getLogger("mkdocs.plugins.x").warning("docs/a.md: a warning")
        error = outcomes.pop(0)
        if error:
            raise error

    build = state.wrap_builder(builder, logging.getLogger("test"))
    app = state.wrap_app(html_app(b"<html><body class='x'><p>Page</p></body></html>"))

    build()  # fails: no exception escapes, so MkDocs' server reloads the browser
    status, headers, body = call(app)
    assert status == "200 OK" and body.startswith(b"<html><body class='x'><div id=\"sg-build-error\"")
    assert b"docs/services/x.quiz.yml:7 [q1]: &lt;b&gt;choose&lt;/b&gt;" in body and b"<b>choose" not in body
    assert b"WARNING: docs/a.md: a warning" in body
    assert headers["Content-Length"] == str(len(body))
    assert call(state.wrap_app(html_app(b"{}", "application/json")))[2] == b"{}"  # only HTML pages

    build()  # passes: the banner goes
    assert call(app)[2] == b"<html><body class='x'><p>Page</p></body></html>"


def test_the_banner_template_escapes_messages():
    from jinja2 import Environment, FileSystemLoader

    render = preview.banner_renderer(Environment(loader=FileSystemLoader(str(ROOT / "overrides"))))
    out = render(["docs/x.md:3: <script>alert(1)</script>"])
    assert 'role="alert"' in out and "&lt;script&gt;" in out and "<script>" not in out


# ------------------------------------------------------------------ unit: the build cache


def test_the_cache_reuses_a_result_only_under_the_same_key_and_forgets_unused_ones(monkeypatch):
    monkeypatch.setattr(buildcache, "_enabled", True)  # as under `mkdocs serve`
    cache = buildcache.BuildCache("t")
    made = []

    def make(value):
        return lambda: made.append(value) or value

    cache.start_build()
    assert cache.get(buildcache.key("page", "<p>a</p>"), make("A")) == "A"
    assert cache.get(buildcache.key("other"), make("O")) == "O"
    cache.start_build()  # the next rebuild: "page" unchanged, "other" not asked for
    assert cache.get(buildcache.key("page", "<p>a</p>"), make("A2")) == "A"
    assert cache.get(buildcache.key("page", "<p>b</p>"), make("B")) == "B"  # an edit is a new key
    cache.start_build()
    assert cache.get(buildcache.key("other"), make("O2")) == "O2"  # dropped: memory does not grow
    assert made == ["A", "O", "B", "O2"]
    assert buildcache.key("ab", "c") != buildcache.key("a", "bc")


def test_a_plain_build_neither_hashes_nor_keeps_anything(monkeypatch):
    monkeypatch.setattr(buildcache, "_enabled", False)  # `mkdocs build`
    cache = buildcache.BuildCache("t")
    cache.start_build()

    def never() -> str:
        raise AssertionError("the key is not computed without the cache")

    assert cache.get(never, lambda: "made") == "made" and cache.get(never, lambda: "again") == "again"
    assert len(cache) == 0 and cache.misses == 2
    assert buildcache.key("a page's HTML") == ""  # nothing hashed


# ------------------------------------------------------------------ a real `mkdocs serve`

QUIZ = """\
questions:
  - id: vpc-serve-probe
    domains: [new-solutions]
    tasks: ["2.1"]
    skills: [2.1.1]
    services: [vpc]
    choose: 1
    question: QUESTIONTEXT
    options:
      - text: A
        correct: true
        why: Reason 1.
      - text: B
        why: Reason 2.
      - text: C
        why: Reason 3.
      - text: D
        why: Reason 4.
    explanation: An explanation.
    source: vpc#limits
    kind: recall
"""
LIMITS = (
    "- id: subnets-per-vpc\n  name: Subnets per VPC\n  value: 200\n  unit: count\n  adjustable: soft\n  scope: per VPC\n"
    '  section: limits\n  quote: "Subnets per VPC: 200, Adjustable"\n  note: NOTETEXT\n'
)


@pytest.fixture
def served(fixture_site):
    fixture_site.write(
        {
            "services/networking/vpc.quiz.yml": QUIZ.replace("QUESTIONTEXT", "Firstquestion?"),
            "services/networking/vpc.limits.yml": LIMITS.replace("NOTETEXT", "firstnote"),
        }
    )
    with LivePreview(fixture_site.root, timeout=120) as live:
        live.wait_for("services/networking/vpc.md", "Firstquestion?")
        yield fixture_site, live


@pytest.mark.slow
def test_every_input_of_the_cached_hooks_reaches_the_preview(served):
    """A page, the glossary, a quiz and a limit file edited in turn: each edit shows, nothing stale."""
    site, live = served
    vpc, dx = "services/networking/vpc.md", "services/networking/direct-connect.md"
    assert 'class="crosslink"' in live.wait_for(dx, "A DX gateway")  # DX's page links VPC

    site.write({dx: site.docs.joinpath(dx).read_text() + "\nEditedpage text: a VPC again.\n\n## Edited\n\nVPC here.\n"})
    body = live.wait_for(dx, "Editedpage text")
    assert body.count('class="crosslink"') >= 2  # the new section links VPC again: no stale links
    assert "Direct Connect" in live.wait_for(vpc, "Mentioned on")  # backlinks come from every page

    site.write({"includes/abbreviations.md": "*[VPC]: Editedglossary meaning\n"})
    assert 'title="Editedglossary meaning"' in live.wait_for(dx, "Editedglossary meaning")

    site.write({"services/networking/vpc.quiz.yml": QUIZ.replace("QUESTIONTEXT", "Secondquestion?")})
    body = live.wait_for(vpc, "Secondquestion?")
    assert "Firstquestion?" not in body

    site.write({"services/networking/vpc.limits.yml": LIMITS.replace("NOTETEXT", "secondnote")})
    body = live.wait_for(vpc, "secondnote")
    assert "firstnote" not in body


@pytest.mark.slow
def test_a_broken_build_shows_in_the_browser_and_clears_when_fixed(served):
    site, live = served
    vpc = "services/networking/vpc.md"
    site.write({"services/networking/vpc.quiz.yml": QUIZ.replace("choose: 1", "choose: 7").replace("QUESTIONTEXT", "Brokenq?")})
    body = live.wait_for(vpc, 'id="sg-build-error"')  # the page answers at once, with the banner
    assert "vpc.quiz.yml:" in body and "vpc-serve-probe" in body and "Traceback" not in body
    assert "Firstquestion?" in body  # the last good page stays readable under the banner
    site.write({"services/networking/vpc.quiz.yml": QUIZ.replace("QUESTIONTEXT", "Fixedquestion?")})
    body = live.wait_for(vpc, "Fixedquestion?")
    assert 'id="sg-build-error"' not in body


# ------------------------------------------------------------------ unit: HTML kept out of Markdown


def test_stashed_html_passes_markdown_untouched_and_two_stashes_never_mix():
    import markdown

    from studyguide import htmlstash

    limits, changes = htmlstash.HtmlStash("limits"), htmlstash.HtmlStash("what-changed")
    table = '<table class="t">\n<tr id="row-1"><td>*not emphasis*</td></tr>\n</table>'
    text = f"## Limits\n\n{limits.put(table)}\n\nAfter.\n\n{changes.put('<p>changes</p>')}\n"
    html = markdown.markdown(text)
    assert "<table" not in html  # Python-Markdown never read the table
    anchors = {"limits"}
    out = changes.restore(limits.restore(html, anchors))
    assert anchors == {"limits", "row-1"}  # MkDocs' link checks see the ids the table brings
    assert table in out and "<p>changes</p>" in out and "sg-stash" not in out
    assert limits.restore(changes.restore(html)) == out
    with pytest.raises(ValueError):
        htmlstash.HtmlStash("Bad Name")


def test_the_search_view_drops_excluded_elements_and_unwraps_links_and_tooltips_only():
    from bs4 import BeautifulSoup

    from studyguide import searchview

    page = (
        '<p>Prose names data-search-exclude in its text.</p><div class="a" data-search-exclude><div>inner</div>'
        '<p>x</p></div><p>Use <a class="crosslink" href="../dx/"><abbr title="AWS Direct Connect">DX</abbr> gateways</a>'
        ' or <a href="https://aws.amazon.com/">AWS</a>.</p><input type="checkbox" data-search-exclude>'
        '<p class="r" data-search-exclude>rev</p><h2 id="h">Title</h2>'
    )
    out = searchview.for_search(page)
    assert out == (
        "<p>Prose names data-search-exclude in its text.</p>"
        '<p>Use DX gateways or <a href="https://aws.amazon.com/">AWS</a>.</p><h2 id="h">Title</h2>'
    )
    kept = BeautifulSoup(page, "html.parser")
    for element in kept.select("[data-search-exclude]"):
        element.decompose()
    assert BeautifulSoup(out, "html.parser").get_text() == kept.get_text()  # the words search reads are the same
    assert searchview.for_search("<p>nothing marked</p>") == "<p>nothing marked</p>"


@pytest.mark.slow
def test_a_rebuild_with_nothing_changed_reuses_the_sites_data(quiz_fixture_site, monkeypatch):
    """What `mkdocs serve` does on each save, in one process: the second build reuses the question
    bank, its JSON and the check of the names, while each page's links, notes, tables and quiz
    block are made again as it converts (the Markdown extensions of issue 22: an edit is a miss)."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(quiz_fixture_site.root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    for cache in buildcache._caches:
        cache.clear()  # nothing kept from another test's builds
    stats = []
    for _ in range(2):
        config = load_config(os.path.join(quiz_fixture_site.root, "mkdocs.yml"), site_dir=str(quiz_fixture_site.root / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        crosslinks_hook, quizzes_hook = (config.plugins[f"hooks/{name}.py"] for name in ("crosslinks", "quizzes"))
        stats.append((crosslinks_hook._checked.hits, quizzes_hook._banks.hits, quizzes_hook._rendered.hits))
    buildcache.enable(False)
    assert stats[0] == (0, 0, 0)  # the first build makes everything
    assert stats[1] == (1, 1, 2)  # the rebuild reuses the names' check, the bank, the JSON bank and its text


@pytest.mark.slow
def test_an_edit_to_one_pages_prose_rebuilds_only_that_page(quiz_fixture_site, monkeypatch):
    """`mkdocs serve` after a save: the catalog is read again, but its content (the names) is the
    same, so the bank, every other page's links and notes, and every quiz block are reused."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from studyguide.mdext import corrections as notes_ext
    from studyguide.mdext import crosslinks as links_ext
    from studyguide.mdext import quizzes as quiz_ext

    monkeypatch.chdir(quiz_fixture_site.root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    page = quiz_fixture_site.docs / "services/networking/vpc.md"
    for cache in buildcache._caches:
        cache.clear()  # nothing kept from another test's builds
    stats = []
    for edit in ("", "\nA new sentence about subnets.\n"):
        page.write_text(page.read_text() + edit)
        config = load_config(os.path.join(quiz_fixture_site.root, "mkdocs.yml"), site_dir=str(quiz_fixture_site.root / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        quizzes_hook = config.plugins["hooks/quizzes.py"]
        pages = len([f for f in quiz_fixture_site.docs.rglob("*.md") if "includes" not in f.parts])
        stats.append((pages, links_ext.PAGES.hits, notes_ext.NOTES.hits, quiz_ext.BLOCKS.hits, quizzes_hook._banks.hits))
    buildcache.enable(False)
    pages, link_hits, note_hits, block_hits, bank_hits = stats[1]
    assert stats[0][1:] == (0, 0, 0, 0)
    assert link_hits == note_hits == pages - 1  # every page but the edited one
    assert block_hits == 2 and bank_hits == 1  # both quiz blocks (the edited page's too: its questions are unchanged)
