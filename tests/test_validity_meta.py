"""Every page has its own meta description (issue 7: SEO, Lighthouse), from front matter
or its opening text (hooks/meta.py, hooks/studyguide/meta.py), escaped in the <head>.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from studyguide import meta
from studyguide.errors import DataError


def description_of(html: str) -> str | None:
    tag = BeautifulSoup(html[: html.find("</head>")], "html.parser").find("meta", attrs={"name": "description"})
    return tag["content"] if tag else None


# ------------------------------------------------------------------ the built site


def test_every_page_has_its_own_description(site):
    seen: dict[str, str] = {}
    problems = []
    for path in sorted(site.rglob("index.html")):
        page = path.relative_to(site).as_posix()
        text = description_of(path.read_text(encoding="utf-8"))
        if not text or len(text.strip()) < 25:
            problems.append(f"{page}: description missing or too short: {text!r}")
            continue
        key = re.sub(r"\W+", " ", text.lower()).strip()
        if key in seen:
            problems.append(f"{page}: same description as {seen[key]}: {text!r}")
        seen[key] = page
        if len(text) > meta.MAX_LENGTH + 40 and "description" not in page:
            problems.append(f"{page}: description of {len(text)} characters")
    assert len(seen) >= 60
    assert problems == [], "\n".join(problems)


def test_service_page_description_comes_from_its_opening_text(site):
    html = (site / "services" / "networking" / "vpc" / "index.html").read_text(encoding="utf-8")
    text = description_of(html)
    assert text.startswith("Amazon VPC: ")
    assert len(text) <= meta.MAX_LENGTH


# ------------------------------------------------------------------ the rules


def test_front_matter_wins():
    assert meta.describe("  Hand  written. ", "<p>Opening text of the page.</p>", "T", "t.md") == "Hand written."


def test_opening_paragraph_with_title_in_front():
    html = (
        '<h1 id="x">T<a class="headerlink" href="#x">¶</a></h1><div class="admonition"><p>Skip me.</p></div>'
        "<p>First <em>real</em> paragraph of the page, long enough to say something.</p>"
    )
    assert meta.describe(None, html, "Amazon T", "t.md") == "Amazon T: First real paragraph of the page, long enough to say something."


def test_list_items_without_their_sub_lists_until_long_enough():
    html = "<ul><li>Short one<ul><li>nested detail</li></ul></li><li>Second item that makes the text long enough.</li><li>Third.</li></ul>"
    assert meta.lead_text(html) == "Short one. Second item that makes the text long enough."


def test_widgets_and_tables_are_not_the_description():
    html = '<section class="quiz" data-search-exclude><p>Question?</p></section><table><tr><td><p>cell</p></td></tr></table>'
    assert meta.lead_text(html) == ""
    assert meta.describe(None, html, "Amazon T", "t.md").startswith("Amazon T: notes for the AWS")


def test_long_text_is_cut_at_a_word_boundary():
    text = meta.shorten("word " * 60)
    assert len(text) <= meta.MAX_LENGTH and text.endswith("word…")


def test_a_description_that_is_not_text_is_a_data_error():
    with pytest.raises(DataError, match=r"docs/t.md \[description\]: front matter 'description' must be a non-empty string"):
        meta.describe(["a", "list"], "", "T", "t.md")


# ------------------------------------------------------------------ through MkDocs


def test_descriptions_are_escaped_and_bad_ones_fail_the_build(fixture_site):
    fixture_site.write(
        {
            "services/networking/vpc.md": (
                "---\nid: vpc\ntitle: Amazon VPC\ntype: service\ncategory: networking\naliases:\n  - VPC\n---\n\n"
                'Quotes " and 1 < 2 & ampersands stay text in the VPC description, never markup.\n\nReached over DX.\n'
            ),
        }
    )
    build = fixture_site.build()
    assert build.returncode == 0, build.output
    html = (build.site / "services" / "networking" / "vpc" / "index.html").read_text(encoding="utf-8")
    assert 'content="Amazon VPC: Quotes &#34; and 1 &lt; 2 &amp; ampersands' in html
    assert description_of(html).startswith('Amazon VPC: Quotes " and 1 < 2 & ampersands')

    fixture_site.write({"index.md": "---\ntitle: Home\ndescription: [not, text]\n---\n\nHello.\n"})
    build = fixture_site.build()
    assert build.returncode != 0
    assert "docs/index.md [description]: front matter 'description' must be a non-empty string" in build.output
    assert "Traceback" not in build.output


def test_long_pages_read_only_their_start_with_the_same_result():
    opening = "<ul><li>A first item that is long enough to describe the page on its own.</li></ul>"
    long_page = opening + "<p>More text.</p>" * 500
    assert meta.lead_text(long_page) == meta.lead_text(opening) == "A first item that is long enough to describe the page on its own."
    # when the start is not enough (a big table first), the whole page is read
    table_first = "<table>" + "<tr><td>cell</td></tr>" * 200 + "</table><p>The page's real opening sentence, after its table.</p>"
    assert meta.lead_text(table_first) == "The page's real opening sentence, after its table."
