"""Limits as data: schema, validation, the prose check and formatting, without MkDocs."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
import pytest

from studyguide import limits
from studyguide.catalog import build_catalog
from studyguide.errors import DataError
from tests.conftest import DOCS, ROOT

VPC_PATH = "services/networking/vpc.limits.yml"
FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@functools.cache
def real_catalog():
    return build_catalog((p.relative_to(DOCS).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(DOCS.rglob("*.md")))


def real_sources() -> list[tuple[str, str]]:
    return [(p.relative_to(DOCS).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(DOCS.rglob("*" + limits.SUFFIX))]


def page_sections(page_path: str, text: str | None = None):
    text = (DOCS / page_path).read_text(encoding="utf-8") if text is None else text
    return limits.sections(FRONT.sub("", text, count=1))


def entry(**overrides) -> str:
    fields = {
        "id": "subnets-per-vpc",
        "name": "Subnets per VPC",
        "value": "200",
        "unit": "count",
        "adjustable": "soft",
        "scope": "per VPC",
        "section": "limits",
        "quote": '"Subnets per VPC: 200, Adjustable"',
    }
    fields.update(overrides)
    lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return "- " + "\n  ".join(lines) + "\n"


def load(text: str, path: str = VPC_PATH):
    return limits.load_file(path, text, real_catalog())


# ------------------------------------------------------------------ the real data


def test_every_real_limit_file_is_valid_and_there_are_sixty_or_more():
    book = limits.load(real_sources(), real_catalog())
    assert len(book.all()) >= 60
    for page in ("vpc", "lambda", "dynamodb", "ebs", "kinesis-data-streams", "sqs", "direct-connect", "route-53", "storage-gateway"):
        assert any(limit.service_id == page for limit in book.all()), page


def test_every_real_limit_matches_the_prose_of_its_section():
    book = limits.load(real_sources(), real_catalog())
    problems = []
    for page_path, entries in book.by_page.items():
        sections = page_sections(page_path)
        for limit in entries:
            try:
                limits.check_prose(limit, sections)
            except DataError as error:
                problems.append(str(error))
    assert problems == []


@pytest.mark.parametrize(
    ("service", "limit_id", "value", "unit"),
    [
        ("vpc", "subnets-per-vpc", 200, "count"),
        ("vpc", "transit-gateways-per-vpc", 5, "count"),
        ("lambda", "batch-payload-size", 6, "MB"),
        ("lambda", "concurrent-executions", 1000, "count"),
        ("sqs", "message-size", 262144, "bytes"),
        ("kinesis-data-streams", "shard-write-throughput", 1, "MB/s"),
        ("kinesis-data-streams", "retention-maximum", 8760, "hours"),
        ("dynamodb", "global-secondary-indexes-per-table", 20, "count"),
        ("dynamodb", "local-secondary-indexes-per-table", 5, "count"),
        ("api-gateway", "integration-timeout", 29, "seconds"),
        ("kinesis-data-firehose", "record-size", 1000, "KiB"),
        ("route-53", "multivalue-answer-records", 8, "count"),
        ("ec2", "scheduled-ri-minimum-utilization", 1200, "hours"),
        ("ebs", "io2-iops-maximum", 64000, "IOPS"),
        ("elasticache", "automatic-backup-retention", 35, "days"),
    ],
)
def test_sample_of_right_values(service, limit_id, value, unit):
    book = limits.load(real_sources(), real_catalog())
    found = {(limit.service_id, limit.id): limit for limit in book.all()}
    limit = found[(service, limit_id)]
    assert (limit.value, limit.unit) == (value, unit)


# ------------------------------------------------------------------ prose and data stay honest


def vpc_limit(limit_id: str, data: str | None = None):
    text = data if data is not None else (DOCS / VPC_PATH).read_text(encoding="utf-8")
    return next(limit for limit in load(text) if limit.id == limit_id)


def test_changing_the_number_in_the_prose_fails():
    page = (DOCS / "services/networking/vpc.md").read_text(encoding="utf-8")
    assert "Subnets per VPC: 200" in page
    sections = page_sections("", page.replace("Subnets per VPC: 200", "Subnets per VPC: 250"))
    with pytest.raises(DataError, match=r"the page says 'Subnets per VPC: 250, Adjustable'") as error:
        limits.check_prose(vpc_limit("subnets-per-vpc"), sections)
    assert error.value.file == "docs/" + VPC_PATH
    assert error.value.entry == "subnets-per-vpc"
    quote_line = next(n for n, line in enumerate((DOCS / VPC_PATH).read_text(encoding="utf-8").splitlines(), 1) if "quote:" in line)
    assert quote_line > 2 and error.value.line == quote_line  # the entry's 'quote:' line, not its first line


def test_changing_the_number_in_the_data_fails():
    data = (DOCS / VPC_PATH).read_text(encoding="utf-8").replace("value: 200", "value: 250", 1)
    with pytest.raises(DataError, match=r"value 250 does not match the page"):
        limits.check_prose(vpc_limit("subnets-per-vpc", data), page_sections("services/networking/vpc.md"))


def test_changing_the_number_in_the_quote_fails():
    data = (DOCS / VPC_PATH).read_text(encoding="utf-8").replace('"Subnets per VPC: 200, Adjustable"', '"Subnets per VPC: 250, Adjustable"')
    data = data.replace("value: 200", "value: 250", 1)
    with pytest.raises(DataError, match=r"the page says 'Subnets per VPC: 200, Adjustable'"):
        limits.check_prose(vpc_limit("subnets-per-vpc", data), page_sections("services/networking/vpc.md"))


def test_changing_the_adjustable_maximum_in_the_prose_fails():
    page = (DOCS / "services/networking/vpc.md").read_text(encoding="utf-8").replace("(up to 125)", "(up to 150)")
    with pytest.raises(DataError, match="the page says"):
        limits.check_prose(vpc_limit("active-peering-connections-per-vpc"), page_sections("", page))


def test_a_repeated_phrase_is_checked_where_it_belongs():
    """io1 and io2 both say "Max IOPS per volume: 64000"; editing io1's must not pass on io2's."""
    ebs = (DOCS / "services/storage/ebs.md").read_text(encoding="utf-8")
    book = limits.load_file("services/storage/ebs.limits.yml", (DOCS / "services/storage/ebs.limits.yml").read_text(), real_catalog())
    io1 = next(limit for limit in book if limit.id == "io1-iops-maximum")
    limits.check_prose(io1, page_sections("", ebs))
    edited = ebs.replace("Max IOPS per volume: 64000", "Max IOPS per volume: 50000", 1)
    with pytest.raises(DataError, match="50000"):
        limits.check_prose(io1, page_sections("", edited))


def test_a_quote_missing_from_its_section_fails():
    data = (DOCS / VPC_PATH).read_text(encoding="utf-8").replace("section: limits", "section: dns", 1)
    with pytest.raises(DataError, match=r"is not in section '#dns'"):
        limits.check_prose(vpc_limit("subnets-per-vpc", data), page_sections("services/networking/vpc.md"))


def test_an_unknown_section_fails_and_lists_the_anchors():
    data = (DOCS / VPC_PATH).read_text(encoding="utf-8").replace("section: limits", "section: quotas", 1)
    with pytest.raises(DataError, match=r"'section: quotas' is not a heading anchor .*transit-gateway"):
        limits.check_prose(vpc_limit("subnets-per-vpc", data), page_sections("services/networking/vpc.md"))


def test_numbers_as_pages_write_them():
    assert limits.numbers_in("1,000 KiB, 262,144 bytes, 33.33 GiB, 12,5TB, five requests, a single VIF, io2, base64") == [
        1000,
        262144,
        33.33,
        12.5,
        5,
        1,
    ]


def test_sections_follow_the_toc_anchors():
    sections = limits.sections(
        "Intro 1\n\n## Limits\n\nA: 2\n\n```\n# not a heading\n```\n\n## Batching (event source mappings)\n\n## Limits\n"
    )
    assert list(sections) == [None, "limits", "batching-event-source-mappings", "limits_1"]
    assert sections[None].text == "Intro 1"
    assert "# not a heading" in sections["limits"].text


# ------------------------------------------------------------------ bad input


def test_missing_value():
    with pytest.raises(DataError, match="missing required key 'value'") as error:
        load(entry(value=None))
    assert (error.value.file, error.value.entry) == ("docs/" + VPC_PATH, "subnets-per-vpc")
    assert error.value.line == 1


def test_value_that_is_not_a_number():
    with pytest.raises(DataError, match=r"'value' must be a number, not '200 subnets'") as error:
        load(entry(value="200 subnets"))
    assert error.value.line == 3 and error.value.entry == "subnets-per-vpc"


def test_value_with_thousands_separator_gets_a_hint():
    with pytest.raises(DataError, match=r"write 1000, not 1,000"):
        load(entry(value="1,000"))


def test_unknown_unit():
    with pytest.raises(DataError, match=r"unknown unit 'subnets'") as error:
        load(entry(unit="subnets"))
    assert error.value.line == 4


def test_unknown_scope():
    with pytest.raises(DataError, match=r"unknown scope 'per galaxy'") as error:
        load(entry(scope='"per galaxy"'))
    assert error.value.line == 6


def test_unknown_adjustable_and_qualifier_and_key():
    with pytest.raises(DataError, match="'adjustable' must be one of"):
        load(entry(adjustable="maybe"))
    with pytest.raises(DataError, match="unknown qualifier"):
        load(entry(qualifier="roughly"))
    with pytest.raises(DataError, match="unknown key 'vaule'"):
        load(entry(vaule="3"))


def test_max_only_with_soft_and_not_below_the_value():
    with pytest.raises(DataError, match="only goes with 'adjustable: soft'"):
        load(entry(adjustable="hard", max="300"))
    with pytest.raises(DataError, match="below the default value"):
        load(entry(max="100"))


def test_entry_for_an_unknown_service():
    with pytest.raises(DataError, match=r"unknown service: there is no service page docs/services/networking/vpn.md") as error:
        load(entry(), path="services/networking/vpn.limits.yml")
    assert error.value.file == "docs/services/networking/vpn.limits.yml"


def test_a_file_beside_a_concept_page_is_an_unknown_service():
    with pytest.raises(DataError, match="unknown service"):
        load(entry(), path="concepts/disaster-recovery.limits.yml")


def test_two_entries_with_the_same_name():
    text = entry() + entry(id="subnets-again", name="subnets per VPC")
    with pytest.raises(
        DataError, match=r"two entries named 'subnets per VPC' for Amazon VPC \(the other is 'subnets-per-vpc' on line 1\)"
    ) as error:
        load(text)
    assert error.value.line == 10 and error.value.entry == "subnets-again"


def test_two_entries_with_the_same_id():
    with pytest.raises(DataError, match="duplicate id 'subnets-per-vpc'"):
        load(entry() + entry(name="Other"))


def test_malformed_yaml():
    with pytest.raises(DataError, match="malformed YAML") as error:
        load(entry() + "- id: [unclosed\n  name: x\n")
    assert error.value.file == "docs/" + VPC_PATH and error.value.line is not None and error.value.line >= 9


def test_not_a_list():
    with pytest.raises(DataError, match="must be a YAML list"):
        load("id: x\nname: y\n")


# ------------------------------------------------------------------ formatting and rendering


def make(**fields) -> limits.Limit:
    base = {
        "service_id": "vpc",
        "service": "Amazon VPC",
        "page_path": "services/networking/vpc.md",
        "file": "docs/x.limits.yml",
        "line": 1,
        "id": "x",
        "name": "X",
        "value": 1,
        "unit": "count",
        "adjustable": "soft",
        "scope": "per VPC",
        "quote": "1",
    }
    base.update(fields)
    return limits.Limit(**base)


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"value": 5000}, "5,000"),
        ({"value": 262144, "unit": "bytes"}, "262,144 bytes"),
        ({"value": 6, "unit": "MB"}, "6 MB"),
        ({"value": 1, "unit": "MB/s", "qualifier": "up to"}, "up to 1 MB per second"),
        ({"value": 1000, "unit": "records/s"}, "1,000 records per second"),
        ({"value": 1, "unit": "seconds", "qualifier": "less than"}, "less than 1 second"),
        ({"value": 29, "unit": "seconds"}, "29 seconds"),
        ({"value": 66, "unit": "%"}, "66%"),
        ({"value": 99.999, "unit": "%"}, "99.999%"),
        ({"value": 0.1, "unit": "USD/GB-month"}, "$0.10 per GB-month"),
        ({"value": 0.125, "unit": "USD/GB-month"}, "$0.125 per GB-month"),
        ({"value": 7.68, "unit": "TB"}, "7.68 TB"),
        ({"value": 10, "unit": "x", "qualifier": "up to"}, "up to 10×"),
    ],
)
def test_format_value(fields, text):
    assert limits.format_value(make(**fields)) == text


def test_format_adjustable():
    assert limits.format_adjustable(make(max=125)) == "Yes, up to 125 on request"
    assert limits.format_adjustable(make(adjustable="hard")) == "No"
    assert limits.format_adjustable(make(adjustable="unstated")) == "Not stated"


def template():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=True)
    return env.get_template("partials/limits-table.html")


def test_contributor_text_is_escaped():
    evil = make(name="<b>bold</b>", note='<script>alert(1)</script> & "quotes"', id="evil")
    rows = limits.rows([evil], lambda _: "../vpc/", lambda _: "Limits <i>")
    html = limits.render(template(), rows, all_services=True)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in html
    assert 'id="limit-vpc-evil"' in html


def test_rendered_table_is_one_raw_html_block():
    rows = limits.rows([make(), make(id="y", name="Y", note="n")], lambda _: "", lambda _: "Opening text")
    html = limits.render(template(), rows, all_services=False)
    assert "\n\n" not in html and not any(line.startswith((" ", "\t")) for line in html.splitlines())
    assert html.count("<tr id=") == 2 and "Service</th>" not in html


def test_filter_text_spells_out_rates():
    rows = limits.rows([make(unit="MB/s", scope="per shard")], lambda _: "", lambda _: "Opening text")
    assert "per second" in rows[0].filter_text and "per shard" in rows[0].filter_text


def test_every_unit_and_scope_is_documented_in_contributing():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8") if (ROOT / "CONTRIBUTING.md").exists() else ""
    section = guide.split("## Limits", 1)[1] if "## Limits" in guide else ""
    assert section, "CONTRIBUTING.md needs its '## Limits' section"
    for word in [*limits.UNITS, *limits.SCOPES, *limits.ADJUSTABLE, *limits.QUALIFIERS]:
        assert f"`{word}`" in section, word


def test_no_limit_file_outside_a_service_folder():
    stray = [p for p in Path(DOCS).rglob("*" + limits.SUFFIX) if p.relative_to(DOCS).parts[0] != "services"]
    assert stray == []


def test_a_tab_in_the_indentation_says_indent_with_spaces():
    text = entry().replace("\n  name:", "\n\tname:", 1)
    with pytest.raises(DataError, match="indent with spaces, not tabs") as error:
        load(text)
    assert error.value.line == 2 and "cannot start any token" not in str(error.value)


def test_a_placeholder_left_by_the_scaffold_is_an_error_with_its_line():
    with pytest.raises(DataError, match=r"replace the 'TODO\(new-service\)' text with the words of the page") as error:
        load(entry(quote='"TODO(new-service): the words of the page that state the number"'))
    assert error.value.line == 8 and str(error.value).startswith("docs/services/networking/vpc.limits.yml:8: ")


def test_load_book_reports_every_bad_file_not_only_the_first():
    """The hook and the extensions' loader share limits.load_book: one error per bad file, the good ones kept."""
    sources = real_sources()
    good_path, good_text = sources[0]
    bad = [(VPC_PATH, entry(value="lots")), ("services/networking/no-such-page.limits.yml", entry())]
    book, errors = limits.load_book([(good_path, good_text), *bad], real_catalog(), lambda page, cid: None)
    assert len(errors) == 2 and {e.path for e in errors} == {p for p, _ in bad}, errors
    assert limits.page_path_for(good_path) in book.by_page
