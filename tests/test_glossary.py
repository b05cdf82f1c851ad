"""Glossary tooltips (issue 14): one pass per page, never in headings, code or links."""

from __future__ import annotations

import markdown
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from studyguide import glossary

TERMS = glossary.parse("*[VPC]: Amazon Virtual Private Cloud\n*[DX]: AWS Direct Connect\n*[DX gateway]: A Direct Connect gateway\n", "t.md")


def render(text: str, terms=TERMS) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["abbr", glossary.GlossaryExtension(terms)])
    return BeautifulSoup(html, "html.parser")


def test_terms_in_prose_become_tooltips_with_their_meaning():
    soup = render("A VPC reaches DX through a DX gateway, and VPCs or XVPC are other words.")
    assert [(a.get_text(), a["title"]) for a in soup.find_all("abbr")] == [
        ("VPC", "Amazon Virtual Private Cloud"),
        ("DX", "AWS Direct Connect"),
        ("DX gateway", "A Direct Connect gateway"),  # the longest term wins
    ]


def test_never_in_headings_code_or_links():
    soup = render("## VPC design\n\nUse `VPC` with [the VPC page](vpc.md).\n\n    VPC in code\n\nA **VPC** in bold prose.\n")
    assert [a.get_text() for a in soup.find_all("abbr")] == ["VPC"]
    assert soup.find("abbr").parent.name == "strong"
    assert not soup.select("h2 abbr, code abbr, pre abbr, a abbr")


def test_text_around_a_tooltip_is_kept_in_order():
    soup = render("Before VPC middle DX after.")
    assert soup.get_text() == "Before VPC middle DX after."
    assert str(soup.p).startswith("<p>Before <abbr")


def test_a_page_defining_its_own_abbreviation_keeps_it():
    soup = render("The ABC and the VPC.\n\n*[ABC]: Alphabet\n")
    assert {a.get_text(): a["title"] for a in soup.find_all("abbr")} == {"ABC": "Alphabet", "VPC": "Amazon Virtual Private Cloud"}


def test_the_glossary_is_no_longer_appended_to_every_page():
    """The quadratic path: snippets' auto_append fed 111 definitions through the block parser per page."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            assert "auto_append" not in (ext["pymdownx.snippets"] or {})


def test_a_fixture_site_shows_tooltips_and_follows_an_edited_glossary(fixture_site):
    vpc = fixture_site.docs / "services/networking/vpc.md"
    fixture_site.write({"services/networking/vpc.md": vpc.read_text() + "\n## VPC peering\n\nA VPC in `VPC` code.\n"})
    first = fixture_site.build()
    assert first.returncode == 0, first.output
    page = BeautifulSoup((first.site / "services/networking/vpc/index.html").read_text(), "html.parser").select_one("article")
    assert {a["title"] for a in page.select("abbr")} == {"Amazon Virtual Private Cloud"}
    assert not page.select("h2 abbr, code abbr")
    fixture_site.write({"includes/abbreviations.md": "*[VPC]: Virtual private cloud, edited\n"})
    second = fixture_site.build()
    page = BeautifulSoup((second.site / "services/networking/vpc/index.html").read_text(), "html.parser").select_one("article")
    assert {a["title"] for a in page.select("abbr")} == {"Virtual private cloud, edited"}
