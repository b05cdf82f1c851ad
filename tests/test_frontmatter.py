"""Front matter parsing and catalog rules, without MkDocs."""

from __future__ import annotations

import dataclasses

import pytest

from studyguide.catalog import build_catalog, sort_title
from studyguide.errors import DataError
from studyguide.frontmatter import parse
from tests.conftest import DOCS

CATEGORY = ("services/networking/index.md", "---\ntitle: Networking\norder: 1\ndescription: Networks.\n---\n")


def service(page_id="vpc", title="Amazon VPC", aliases=("VPC",), category="networking", extra=""):
    alias_yaml = "".join(f"  - {a}\n" for a in aliases)
    return f"---\nid: {page_id}\ntitle: {title}\ntype: service\ncategory: {category}\naliases:\n{alias_yaml}{extra}---\n\nBody.\n"


def test_lines_of_keys_and_items_are_file_lines():
    fm = parse("---\nid: vpc\naliases:\n  - VPC\n  - Virtual Private Cloud\n---\nbody\n", "x.md")
    assert fm.line_of("id") == 2
    assert fm.line_of("aliases") == 3
    assert fm.line_of("aliases", 1) == 5


def test_malformed_yaml_names_file_and_line():
    with pytest.raises(DataError) as error:
        parse("---\nid: vpc\ntitle: [unclosed\naliases: x\n---\n", "services/networking/vpc.md")
    assert error.value.path == "services/networking/vpc.md"
    assert error.value.line is not None and 3 <= error.value.line <= 5
    assert "malformed YAML" in str(error.value)


def test_unclosed_front_matter():
    with pytest.raises(DataError, match="never closed"):
        parse("---\nid: vpc\n\nBody text\n", "a.md")


def test_duplicate_key_is_refused():
    with pytest.raises(DataError, match="given twice") as error:
        parse("---\nid: a\nid: b\n---\n", "a.md")
    assert error.value.line == 3


def test_front_matter_must_be_a_mapping():
    with pytest.raises(DataError, match="mapping"):
        parse("---\n- a\n- b\n---\n", "a.md")


def test_no_front_matter_is_empty():
    assert parse("# Title\n", "a.md").data == {}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("---\ntitle: Amazon VPC\ntype: service\ncategory: networking\n---\n", "missing required key 'id'", 1),
        ("---\nid: Amazon_VPC\ntitle: VPC\ntype: service\ncategory: networking\n---\n", "lowercase words", 2),
        ("---\nid: vpc\ntitle: VPC\ntype: concept\ncategory: networking\n---\n", "type: service", 4),
        ("---\nid: vpc\ntitle: VPC\ntype: service\ncategory: compute\n---\n", "match the page's folder", 5),
        ("---\nid: vpc\ntitle: VPC\ntype: service\ncategory: networking\nalias: [VPC]\n---\n", "unknown key 'alias'", 6),
        ("---\nid: vpc\ntitle: VPC\ntype: service\ncategory: networking\naliases: VPC\n---\n", "must be a list", 6),
        ("---\nid: vpc\ntitle: VPC\ntype: service\ncategory: networking\naliases:\n  - VPC\n  - 12\n---\n", "non-empty string", 8),
    ],
)
def test_page_rules(text, message, line):
    with pytest.raises(DataError, match=message) as error:
        build_catalog([CATEGORY, ("services/networking/vpc.md", text)])
    assert error.value.line == line
    assert error.value.path == "services/networking/vpc.md"


def test_duplicate_id_names_both_files():
    with pytest.raises(DataError, match="duplicate id 'vpc'") as error:
        build_catalog([CATEGORY, ("services/networking/vpc.md", service()), ("services/networking/vpc2.md", service(aliases=("V",)))])
    assert "services/networking/vpc.md" in str(error.value)
    assert error.value.path == "services/networking/vpc2.md"


def test_duplicate_alias_names_both_files_and_the_alias():
    pages = [
        CATEGORY,
        ("services/networking/vpc.md", service()),
        ("services/networking/tgw.md", service("tgw", "Transit Gateway", ("TGW", "VPC"))),
    ]
    with pytest.raises(DataError) as error:
        build_catalog(pages)
    text = str(error.value)
    assert "services/networking/tgw.md:8" in text
    assert "services/networking/vpc.md:7" in text
    assert "'VPC'" in text


def test_alias_equal_to_another_title_is_a_duplicate():
    pages = [CATEGORY, ("services/networking/vpc.md", service()), ("services/networking/x.md", service("x", "X", ("amazon vpc",)))]
    with pytest.raises(DataError, match=r"alias 'amazon vpc' is already the title of docs/services/networking/vpc\.md:3"):
        build_catalog(pages)


def test_a_duplicate_title_is_called_a_title_not_an_alias():
    pages = [CATEGORY, ("services/networking/vpc.md", service()), ("services/networking/vpc2.md", service("vpc2", "Amazon VPC", ("V2",)))]
    with pytest.raises(DataError) as error:
        build_catalog(pages)
    text = str(error.value)
    assert text.startswith("docs/services/networking/vpc2.md:3 [Amazon VPC]: title 'Amazon VPC' is already the title of "), text
    assert "docs/services/networking/vpc.md:3 ('vpc'); two pages cannot share a title" in text
    assert "alias" not in text


def test_a_title_equal_to_another_pages_alias_says_so():
    pages = [CATEGORY, ("services/networking/vpc.md", service()), ("services/networking/v.md", service("v", "VPC", ("V2",)))]
    with pytest.raises(DataError, match=r"title 'VPC' is already an alias of docs/services/networking/vpc\.md:7"):
        build_catalog(pages)


def test_tab_indentation_says_indent_with_spaces():
    text = "---\nid: vpc\ntitle: Amazon VPC\naliases:\n\t- VPC\n---\n"
    with pytest.raises(DataError) as error:
        parse(text, "services/networking/vpc.md")
    assert str(error.value) == (
        "docs/services/networking/vpc.md:5: malformed YAML front matter: indent with spaces, not tabs "
        "(YAML does not allow a tab in the indentation)"
    )
    assert "cannot start any token" not in str(error.value)


def test_errors_name_files_relative_to_the_repository():
    with pytest.raises(DataError) as error:
        build_catalog([CATEGORY, ("services/networking/vpc.md", service(extra="alias: x\n"))])
    assert str(error.value).startswith("docs/services/networking/vpc.md:8: unknown key 'alias'")
    assert error.value.path == "services/networking/vpc.md"  # as MkDocs names it; the message adds docs/


# ------------------------------------------------------------------ every page is a known kind

SITE_PAGE = "---\ntitle: Glossary\ndescription: Terms.\nhide:\n  - toc\n---\n\nText.\n"


@pytest.mark.parametrize("src", ["index.md", "glossary.md", "services/index.md", "concepts/index.md"])
def test_whole_site_pages_are_validated(src):
    build_catalog([CATEGORY, ("services/networking/vpc.md", service()), (src, SITE_PAGE)])
    with pytest.raises(DataError, match="unknown key 'tittle'") as error:
        build_catalog([(src, "---\ntittle: Glossary\n---\n")])
    assert error.value.line == 2
    with pytest.raises(DataError, match="missing required key 'title'"):
        build_catalog([(src, "# Glossary\n")])


@pytest.mark.parametrize("src", ["extra/notes.md", "services/notes.md", "services/networking/more/vpc.md", "concepts/dr/notes.md"])
def test_a_page_in_an_unknown_place_is_refused(src):
    with pytest.raises(DataError, match="a page in a folder the site does not know") as error:
        build_catalog([CATEGORY, (src, SITE_PAGE)])
    assert str(error.value).startswith(f"docs/{src}:1: ")
    assert "docs/services/<category>/<service>.md, docs/concepts/<topic>.md" in str(error.value)


def test_a_copy_of_a_service_page_elsewhere_names_both_files():
    for copy in ("extra/vpc.md", "vpc.md"):  # read before or after the original: the same message
        for pages in (
            [CATEGORY, ("services/networking/vpc.md", service()), (copy, service())],
            [(copy, service()), CATEGORY, ("services/networking/vpc.md", service())],
        ):
            with pytest.raises(DataError) as error:
                build_catalog(pages)
            text = str(error.value)
            assert text.startswith(f"docs/{copy}:2 [vpc]: this page repeats the id 'vpc' of docs/services/networking/vpc.md:2"), text


def test_a_renamed_copy_with_the_same_names_names_both_files():
    with pytest.raises(DataError, match=r"'VPC' is already a name of docs/services/networking/vpc\.md \('vpc'\)") as error:
        build_catalog([CATEGORY, ("services/networking/vpc.md", service()), ("extra/v.md", service("other-vpc", "Other", ("VPC",)))])
    assert str(error.value).startswith("docs/extra/v.md:7")


def test_a_whole_site_page_with_service_keys_is_refused():
    text = "---\ntitle: Notes\ntype: service\n---\n"
    with pytest.raises(DataError, match="belong to service and concept pages") as error:
        build_catalog([("notes.md", text)])
    assert error.value.line == 3


def test_category_folder_needs_an_index():
    with pytest.raises(DataError, match=r"needs an index\.md"):
        build_catalog([("services/networking/vpc.md", service())])


def test_category_order_must_be_a_number():
    with pytest.raises(DataError, match="whole number"):
        build_catalog([("services/networking/index.md", "---\ntitle: N\norder: first\ndescription: d\n---\n")])


def test_concept_pages_have_no_category():
    text = "---\nid: dr\ntitle: Disaster recovery\ntype: concept\ncategory: networking\n---\n"
    with pytest.raises(DataError, match="only service pages"):
        build_catalog([("concepts/dr.md", text)])


def test_the_real_docs_form_a_valid_catalog():
    sources = [
        (p.relative_to(DOCS).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(DOCS.rglob("*.md")) if "includes" not in p.parts
    ]
    catalog = build_catalog(sources)
    services = [p for p in catalog.pages.values() if p.type == "service"]
    assert len(services) >= 100
    assert len(catalog.concepts()) >= 7
    # every service page sits in a known category, and every category has services
    assert {p.category for p in services} == set(catalog.categories)


def _real_catalog():
    return build_catalog(
        (p.relative_to(DOCS).as_posix(), p.read_text(encoding="utf-8")) for p in DOCS.rglob("*.md") if "includes" not in p.parts
    )


def test_services_in_lists_a_categorys_services_in_title_order():
    catalog = _real_catalog()
    for slug in catalog.categories:
        expected = sorted(
            (p for p in catalog.pages.values() if p.type == "service" and p.category == slug), key=lambda p: sort_title(p.title)
        )
        assert catalog.services_in(slug) == expected, slug
        assert catalog.services_in(slug) is not catalog.services_in(slug)  # a new list: callers may change it
    assert catalog.services_in("no-such-category") == []


def test_services_in_reads_the_pages_once_for_every_category():
    # A category listing or the service map asks for every category: one pass over the pages,
    # not one per category (quadratic in the site's size), and a page added later is listed.
    catalog = _real_catalog()

    class CountingPages(dict):
        reads = 0

        def values(self):
            CountingPages.reads += 1
            return super().values()

    catalog.pages = CountingPages(catalog.pages)
    for slug in catalog.categories:
        catalog.services_in(slug)
    assert CountingPages.reads == 1
    page = next(p for p in catalog.pages.values() if p.type == "service")
    extra = dataclasses.replace(page, id="zz-extra", title="Zz Extra", aliases=(), src_path=page.src_path.replace(".md", "-extra.md"))
    catalog.pages[extra.id] = extra
    assert catalog.services_in(page.category)[-1] == extra
