"""Unit tests of the Markdown extensions (hooks/studyguide/mdext/, issue 22) and their data (sitedata).

The extensions learn the page from the engine's own processor on the ``Markdown`` instance
(mdext.page_of). Here a stand-in for Zensical's ``ContextPreprocessor`` (same class name,
``.page`` and ``.config``) or for MkDocs' ``relpath`` tree processor gives them a page of a
small docs folder written to a temporary directory.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from studyguide import catalog as catalog_mod
from studyguide import quizzes, sitedata
from studyguide.mdext import PageRef, build_error, page_of, relative_url, url_of
from studyguide.mdext.quizzes import render_block
from tests.conftest import DOCS, MINIMAL_PAGES, ROOT
from tests.test_corrections import RETIRED_DX, VPC_CORRECTIONS, VPC_LIMITS

ALL = [
    "toc",
    "attr_list",
    "studyguide.mdext.limits",
    "studyguide.mdext.listings",
    "studyguide.mdext.glossary",
    "studyguide.mdext.corrections",
    "studyguide.mdext.crosslinks",
    "studyguide.mdext.quizzes",
]


class ContextPreprocessor(Preprocessor):  # the name Zensical's is found by
    def __init__(self, md, page, config):
        super().__init__(md)
        self.page, self.config = page, config

    def run(self, lines):
        return lines


class _RelPath(Treeprocessor):  # MkDocs' relpath processor: .file and .config
    def __init__(self, md, file, config):
        super().__init__(md)
        self.file, self.config = file, config

    def run(self, root):
        return None


def convert(docs: Path, src: str, text: str, extensions=ALL, engine: str = "zensical", whole: bool = False) -> str:
    """``text`` converted as page ``src`` of ``docs`` under a stand-in of ``engine``.

    ``whole``: Zensical's config lists the extensions, so the whole-site views can convert every page."""
    md = markdown.Markdown(extensions=extensions)
    url = url_of(src)
    if engine == "zensical":
        config = {"docs_dir": str(docs), "root_dir": str(docs.parent), "use_directory_urls": True, "site_dir": "site"}
        if whole:
            config |= {"markdown_extensions": list(extensions), "mdx_configs": {}}
        page = SimpleNamespace(path=src, url=url)
        md.preprocessors.register(ContextPreprocessor(md, page, config), "rendering_context", 0)
    else:
        file = SimpleNamespace(src_uri=src, url=url)
        config = {"docs_dir": str(docs), "use_directory_urls": True, "theme": SimpleNamespace(custom_dir=str(ROOT / "overrides"))}
        md.treeprocessors.register(_RelPath(md, file, config), "relpath", 0)
    return md.convert(text)


@pytest.fixture
def docs(tmp_path) -> Path:
    """A docs folder: the fixture site's pages, with overrides beside it (the partials)."""
    root = tmp_path / "project"
    folder = root / "docs"
    for rel, text in MINIMAL_PAGES.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    (root / "overrides").symlink_to(ROOT / "overrides")
    yield folder
    sitedata.unpin()


def body_of(docs: Path, src: str) -> str:
    from studyguide.frontmatter import body

    return body((docs / src).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the page, its links


def test_the_page_comes_from_either_engines_own_processor(docs):
    for engine in ("zensical", "mkdocs"):
        md = markdown.Markdown()
        if engine == "zensical":
            page = SimpleNamespace(path="services/networking/vpc.md", url="services/networking/vpc/")
            md.preprocessors.register(ContextPreprocessor(md, page, {"docs_dir": str(docs)}), "rendering_context", 0)
        else:
            file = SimpleNamespace(src_uri="services/networking/vpc.md", url="services/networking/vpc/")
            config = {"docs_dir": str(docs), "use_directory_urls": True, "theme": SimpleNamespace(custom_dir=None)}
            md.treeprocessors.register(_RelPath(md, file, config), "relpath", 0)
        ref = page_of(md)
        assert (ref.src, ref.url, ref.docs_dir, ref.engine) == (
            "services/networking/vpc.md",
            "services/networking/vpc/",
            docs.resolve(),
            engine,
        )
    assert page_of(markdown.Markdown()) is None  # plain Markdown: the features that need a page stay off


def test_links_are_urls_for_mkdocs_and_md_links_for_zensical():
    """MkDocs has resolved the page's links when a postprocessor runs; Zensical resolves them after."""
    mk = PageRef("services/networking/vpc.md", "services/networking/vpc/", Path("/d"), True)
    zen = PageRef("services/networking/vpc.md", "services/networking/vpc/", Path("/d"), True, "zensical")
    assert mk.href("services/compute/ec2.md", "limits") == "../../compute/ec2/#limits"
    assert zen.href("services/compute/ec2.md", "limits") == "../compute/ec2.md#limits"
    assert mk.href("index.md") == "../../../" and zen.href("index.md") == "../../index.md"
    assert url_of("services/networking/index.md") == "services/networking/" and url_of("index.md") == "./"
    assert url_of("a/b.md", use_directory_urls=False) == "a/b.html"


@pytest.mark.parametrize(
    ("url", "other"),
    [("services/a/b/", "services/a/c/"), ("", "services/x/"), ("a/b/", "a/b/"), ("x.html", "y/z.html"), ("s/", ""), ("s/", "index.html")],
)
def test_relative_urls_are_mkdocs_own(url, other):
    assert relative_url(url, other) == get_relative_url(url, other)


def test_bad_data_is_a_plugin_error_under_mkdocs():
    """MkDocs prints a PluginError as one ERROR line and exits non-zero: never a traceback."""
    assert isinstance(build_error("docs/x.yml:3 [a]: bad"), PluginError)
    assert str(build_error("docs/x.yml:3 [a]: bad")) == "docs/x.yml:3 [a]: bad"


# ---------------------------------------------------------------- each extension


def test_glossary_tooltips_stay_out_of_headings_and_links_and_the_glossary_page_lists_every_term(docs):
    html = convert(
        docs, "services/networking/direct-connect.md", "## VPC\n\nA VPC and [a VPC link](vpc.md).\n", ["toc", "studyguide.mdext.glossary"]
    )
    assert html.count("<abbr") == 1 and '<abbr title="Amazon Virtual Private Cloud">VPC</abbr> and' in html
    page = convert(docs, "glossary.md", "<!-- glossary -->\n", ["tables", "studyguide.mdext.glossary"])
    assert "<td>Amazon Virtual Private Cloud</td>" in page and 'href="services/networking/vpc.md"' in page


def test_crosslinks_link_the_first_mention_never_the_page_itself(docs):
    text = body_of(docs, "services/networking/vpc.md")
    html = convert(docs, "services/networking/vpc.md", text)
    assert 'href="direct-connect.md"' in html  # DX, as a .md link Zensical resolves
    assert "vpc.md" not in html  # never a page to itself
    mk = convert(docs, "services/networking/vpc.md", text, engine="mkdocs")
    assert '<a class="crosslink" href="../direct-connect/">' in mk


def test_a_correction_note_lands_after_its_words_and_a_missing_quote_names_file_entry_and_line(docs):
    (docs / "services/networking/vpc.corrections.yml").write_text(VPC_CORRECTIONS, encoding="utf-8")
    (docs / "services/networking/direct-connect.md").write_text(RETIRED_DX, encoding="utf-8")
    html = convert(docs, "services/networking/vpc.md", body_of(docs, "services/networking/vpc.md"))
    assert html.count('<div class="sg-correction ') == 1 and "&lt;script&gt;" in html  # raw HTML shown as text
    banner = convert(docs, "services/networking/direct-connect.md", body_of(docs, "services/networking/direct-connect.md"))
    assert banner.startswith('<div class="sg-status sg-status--closed"') and 'href="vpc.md"' in banner  # successor
    assert '<p class="sg-reviewed" data-search-exclude>' in banner  # reviewed: 2026-11
    with pytest.raises(Exception, match=r"docs/services/networking/vpc\.corrections\.yml:2 \[subnets\]: quote not found"):
        convert(docs, "services/networking/vpc.md", "## Limits\n\nNo such words.\n")


def test_a_limit_table_comes_from_the_file_and_a_limit_the_page_contradicts_is_named(docs):
    (docs / "services/networking/vpc.corrections.yml").write_text(VPC_CORRECTIONS, encoding="utf-8")
    (docs / "services/networking/vpc.limits.yml").write_text(VPC_LIMITS, encoding="utf-8")
    text = body_of(docs, "services/networking/vpc.md")
    html = convert(docs, "services/networking/vpc.md", text)
    assert '<h2 id="limits-and-quotas">Limits and quotas</h2>' in html and 'id="limit-vpc-subnets-per-vpc"' in html
    assert "sg-mdext-stash" not in html and "wzxhzdk" not in html  # the table went through the stash whole
    with pytest.raises(Exception, match=r"docs/services/networking/vpc\.limits\.yml:\d+ \[subnets-per-vpc\]"):
        convert(docs, "services/networking/vpc.md", text.replace("200", "250"))


def test_bad_data_files_fail_with_every_problem_named(docs):
    (docs / "services/networking/vpc.limits.yml").write_text("- id: Bad Id\n  name: x\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"problem\(s\) in the limit files:\ndocs/services/networking/vpc\.limits\.yml:1"):
        convert(docs, "services/networking/vpc.md", body_of(docs, "services/networking/vpc.md"))


def test_listings_fill_a_categorys_page(docs):
    html = convert(docs, "services/networking/index.md", "<!-- services-index -->\n", ["tables", "md_in_html", "studyguide.mdext.listings"])
    assert 'href="vpc.md"' in html and 'href="direct-connect.md"' in html


def test_quiz_blocks_are_the_partials_markup_byte_for_byte_for_the_whole_bank():
    """render_block writes what overrides/partials/quiz.html renders, for every page of the real bank."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=True)
    template = env.get_template("partials/quiz.html")
    catalog = sitedata.catalog(DOCS)
    bank = sitedata.quiz_bank(DOCS)
    anchors = sitedata.headings(DOCS)
    assert len(bank.by_page) > 100
    for page_id, questions in bank.by_page.items():
        src = catalog.pages[page_id].src_path
        ref = PageRef(src, url_of(src), DOCS, True)
        views = [quizzes.question_view(q, catalog, anchors, ref.href) for q in questions]
        mine = render_block(page_id, views)
        for view in views:
            view["explanation"] = Markup(view["explanation"])
        assert mine == template.render(page_id=page_id, questions=views), page_id


def test_a_quiz_block_goes_at_its_marker_and_is_never_cross_linked(docs):
    from tests.test_quiz_build import DX_PAGE_WITH_MARKER, DX_QUIZ

    (docs / "services/networking/direct-connect.quiz.yml").write_text(DX_QUIZ, encoding="utf-8")
    (docs / "services/networking/direct-connect.md").write_text(DX_PAGE_WITH_MARKER, encoding="utf-8")
    html = convert(docs, "services/networking/direct-connect.md", body_of(docs, "services/networking/direct-connect.md"))
    block = html[html.index('<section class="quiz"') : html.index("</section>")]
    assert html.index('<section class="quiz"') < html.index("After the quiz")
    assert 'class="crosslink"' not in block and "data-search-exclude" in block


def test_under_zensical_the_service_map_and_mentioned_on_come_from_every_pages_links(docs):
    """MkDocs' hook draws them from the links it collected; Zensical runs no hook, so the
    extension converts every page once more (sitedata keeps the graph until a file changes)."""
    smap = convert(docs, "service-map.md", "<!-- service-map -->\n", whole=True)
    assert '<figure class="sg-map"' in smap and 'xlink:href="../services/networking/vpc/"' in smap
    vpc = convert(docs, "services/networking/vpc.md", body_of(docs, "services/networking/vpc.md"), whole=True)
    aside = vpc[vpc.index('<aside class="sg-crosslinks"') :]
    assert 'id="mentioned-on"' in aside and '<a href="direct-connect.md">AWS Direct Connect</a>' in aside  # DX's page names the VPC
    mk = convert(docs, "services/networking/vpc.md", body_of(docs, "services/networking/vpc.md"), engine="mkdocs")
    assert "sg-crosslinks" not in mk  # under MkDocs the hook and the theme template draw them


# ---------------------------------------------------------------- data: once per process, reloaded on edits


def test_a_book_is_read_once_and_again_after_an_edit(docs):
    sitedata.refresh(docs)
    first = sitedata.catalog(docs)
    sitedata.refresh(docs)
    assert sitedata.catalog(docs) is first  # unchanged files: the same book
    vpc = docs / "services/networking/vpc.md"
    vpc.write_text(vpc.read_text(encoding="utf-8").replace("  - VPC\n", "  - VPC\n  - Virtual Private Cloud\n"), encoding="utf-8")
    later = time.time() + 5
    os.utime(vpc, (later, later))  # a new stamp even on a coarse clock
    sitedata.refresh(docs)
    again = sitedata.catalog(docs)
    assert again is not first and "Virtual Private Cloud" in again.pages["vpc"].aliases


def test_pinned_books_are_the_hooks_until_the_next_build(docs):
    mine = catalog_mod.build_catalog(MINIMAL_PAGES.items())
    sitedata.pin(docs, catalog=mine)
    assert sitedata.catalog(docs) is mine  # MkDocs: the hooks' own, no second reading
    sitedata.unpin()
    assert sitedata.catalog(docs) is not mine


def test_a_bad_page_fails_the_catalog_with_its_line(docs):
    (docs / "services/networking/vpc.md").write_text("---\nid: vpc\ntitle: [\n---\n", encoding="utf-8")
    sitedata.refresh(docs)
    with pytest.raises(Exception, match=r"docs/services/networking/vpc\.md:\d+"):
        sitedata.catalog(docs)
    shutil.rmtree(docs / "services")
