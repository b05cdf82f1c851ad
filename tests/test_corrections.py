"""Issue 12: corrections, service status and review month (hooks/corrections.py and its modules).

Unit tests of the records and their checks, then fixture-site builds: the note after the words
it corrects, the banner, the badges, the review line, the What-changed table and the changed
limit row, and a clear error (file, line, id) for every kind of bad input.
"""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from studyguide import corrections, provenance
from studyguide.catalog import build_catalog
from studyguide.errors import DataError
from tests.conftest import assert_clear_failure

SOURCE = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html"
PAGES = {
    "services/app/index.md": "---\ntitle: App\norder: 1\ndescription: Apps.\n---\n",
    "services/app/sqs.md": "---\nid: sqs\ntitle: Amazon SQS\ntype: service\ncategory: app\n---\n\nMaximum message size is 256 KB.\n",
}
SQS_FILE = "services/app/sqs.corrections.yml"


def record(**over) -> str:
    fields = {
        "id": "message-size",
        "quote": '"Maximum message size is 256 KB"',
        "kind": "changed",
        "date": "2025-08",
        "now": "Up to 1 MiB.",
        "source": SOURCE,
    }
    fields.update(over)
    lines = []
    for i, (key, value) in enumerate((k, v) for k, v in fields.items() if v is not None):
        lines.append(("- " if i == 0 else "  ") + f"{key}: {value}")
    return "\n".join(lines) + "\n"


def load(text: str, path: str = SQS_FILE):
    catalog = build_catalog(PAGES.items())
    return corrections.load_book([(path, text)], catalog)


def only_error(text: str) -> str:
    _, errors = load(text)
    assert len(errors) == 1, [str(e) for e in errors]
    return str(errors[0])


# ---------------------------------------------------------------- records


def test_a_valid_record_loads_with_its_label_and_anchor():
    book, errors = load(record() + record(id="old-rule", kind="wrong", date=None, quote="message size"))
    assert errors == []
    first, second = book.for_page("services/app/sqs.md")
    assert (first.label, first.month, first.quote_line) == ("Changed in 2025", "August 2025", 2)
    assert first.anchor == "correction-sqs-message-size"
    assert (second.label, second.date, second.month) == ("Correction", None, "Never true")
    assert book.find("services/app/sqs.md", "old-rule") is second


@pytest.mark.parametrize(
    ("over", "line", "message"),
    [
        ({"kind": "outdated"}, 3, "unknown kind 'outdated': use one of changed, retired, renamed, wrong"),
        ({"date": "2025-13"}, 4, "'date' has no month 13"),
        ({"date": "Aug 2025"}, 4, "'date' must be a month written YYYY-MM"),
        ({"date": "2031-01"}, 4, "must be a month between 2006-01"),
        ({"date": None}, 1, "a 'changed' correction needs 'date: YYYY-MM'"),
        ({"source": None}, 1, "missing required key 'source'"),
        ({"source": "http://docs.aws.amazon.com/x"}, 6, "'source' must be an https URL"),
        ({"source": "https://stackoverflow.com/q/1"}, 6, "must be on aws.amazon.com, docs.aws.amazon.com or an AWS repository"),
        ({"source": "https://aws.amazon.com.evil.example/x"}, 6, "got host 'aws.amazon.com.evil.example'"),
        ({"id": "Message_Size"}, 1, "'id' must be lowercase words joined by hyphens"),
        ({"now": "'See [this](http://example.com).'"}, 5, "a note links only to https pages"),
        ({"wording": "x"}, 7, "unknown key 'wording'"),
    ],
)
def test_bad_records_name_file_line_and_id(over, line, message):
    error = only_error(record(**over))
    assert error.startswith(f"docs/{SQS_FILE}:{line} [")
    assert message in error


def test_an_estimated_month_says_about():
    book, errors = load(record(approximate="true"))
    assert errors == []
    (estimated,) = book.for_page("services/app/sqs.md")
    assert (estimated.label, estimated.month) == ("Changed in about 2025", "about August 2025")
    assert "'approximate' must be true or false" in only_error(record(approximate="maybe"))
    assert "'approximate' qualifies a 'date'" in only_error(record(kind="wrong", date=None, approximate="true"))


def test_duplicate_ids_and_orphan_files():
    assert "duplicate correction id, also on line 1" in only_error(record() + record())
    _, errors = load(record(), "services/app/sns.corrections.yml")
    assert "has no content page beside it" in str(errors[0])


def test_an_aws_github_repository_is_a_source_but_another_github_owner_is_not():
    assert provenance.source_error("https://github.com/awsdocs/amazon-sqs-developer-guide/blob/main/x.md") is None
    assert provenance.source_error("https://github.com/aws/aws-cli/releases") is None
    assert "AWS repository on GitHub" in provenance.source_error("https://github.com/someone/aws-notes")


def test_month_bounds():
    assert provenance.month_error("2024-05", today=dt.date(2026, 12, 1)) is None
    assert provenance.month_error("2026-12", today=dt.date(2026, 12, 1)) is None
    assert "between 2006-01" in provenance.month_error("2027-01", today=dt.date(2026, 12, 1))
    assert provenance.month_label("2024-05") == "May 2024"


# ---------------------------------------------------------------- placing notes


def _records(*quotes: str) -> list[corrections.Correction]:
    book, errors = load("".join(record(id=f"r{i}", quote=f'"{q}"') for i, q in enumerate(quotes)))
    assert errors == []
    return book.for_page("services/app/sqs.md")


def test_a_note_goes_after_the_paragraph_inside_the_list_item_and_after_the_table():
    html = (
        "<p>Intro.</p><p>Maximum message size is <strong>256 KB</strong>.</p>"
        "<ul><li>First item.<ul><li>Nested 14 days rule.</li></ul></li></ul>"
        "<table><tr><td>Retention</td><td>4 days</td></tr></table><p>After.</p>"
    )
    out, errors = corrections.place_notes(
        html, _records("message size is 256 KB", "Nested 14 days", "Retention"), lambda r: f'<div class="sg-correction">{r.id}</div>'
    )
    assert errors == []
    soup = BeautifulSoup(out, "html.parser")
    notes = soup.select(".sg-correction")
    assert notes[0].find_previous_sibling("p").get_text() == "Maximum message size is 256 KB."
    assert notes[1].parent.get_text().startswith("Nested 14 days rule.")  # inside the innermost item
    assert notes[2].find_previous_sibling().name == "table"


def test_a_quote_not_on_the_page_is_an_error_with_the_quote_line():
    (problem,) = corrections.quotes_missing("<p>Maximum message size is 1 MiB.</p>", _records("message size is 256 KB"))
    assert str(problem) == (
        f"docs/{SQS_FILE}:2 [r0]: quote not found on docs/services/app/sqs.md: copy the words as the page shows them (no Markdown markup)"
    )


def test_quotes_match_across_typographic_quotes_and_line_breaks():
    records = _records("the queue's default")
    assert corrections.quotes_missing("<p>the queue\u2019s\n default</p>", records) == []


def test_quiz_blocks_and_other_notes_never_hold_a_note():
    html = '<section class="quiz"><p>Maximum message size is 256 KB</p></section>'
    assert corrections.quotes_missing(html, _records("Maximum message size is 256 KB"))


# ---------------------------------------------------------------- lifecycle in front matter

STATUS_PAGE = (
    "---\nid: opsworks\ntitle: AWS OpsWorks\ntype: service\ncategory: app\naliases:\n  - OpsWorks Stacks\n"
    "reviewed: 2026-12\nlifecycle:\n  state: {state}\n  date: {date}\n  successor: {successor}\n  source: {source}\n---\n\nText.\n"
)


def status_catalog(**over):
    fields = {"state": "retired", "date": "2024-05", "successor": "sqs", "source": SOURCE}
    fields.update(over)
    return build_catalog({**PAGES, "services/app/opsworks.md": STATUS_PAGE.format(**fields)}.items())


def test_a_status_loads_with_its_label():
    page = status_catalog().pages["opsworks"]
    assert (page.status.state, page.status.label, page.status.successor, page.reviewed) == ("retired", "Retired", "sqs", "2026-12")
    assert corrections.status_sentence(page, status_catalog()) == "AWS OpsWorks was retired in May 2024. Use Amazon SQS instead."


@pytest.mark.parametrize(
    ("over", "line", "message"),
    [
        ({"state": "deprecated"}, 10, "'lifecycle.state' must be one of retired, closed, renamed"),
        ({"date": "2024-5"}, 11, "'lifecycle.date' must be a month written YYYY-MM"),
        ({"successor": "mq"}, 12, "'lifecycle.successor' names page id 'mq', which no page has"),
        ({"source": "https://example.com/eol"}, 13, "'lifecycle.source' must be on aws.amazon.com"),
    ],
)
def test_bad_status_names_file_line_and_key(over, line, message):
    with pytest.raises(DataError) as caught:
        status_catalog(**over)
    assert str(caught.value).startswith(f"docs/services/app/opsworks.md:{line} [lifecycle]: ")
    assert message in str(caught.value)


@pytest.mark.parametrize("where", ["services/app/opsworks.md", "index.md", "services/app/index.md"])
def test_a_status_key_is_refused_naming_file_line_and_the_new_key(where):
    """Issue 21: Material reads a page's ``status`` as its own page-status icon and printed the
    project's mapping into a class attribute; the key is ``lifecycle`` and ``status`` is refused."""
    pages = {**PAGES, "services/app/opsworks.md": STATUS_PAGE.format(state="retired", date="2024-05", successor="sqs", source=SOURCE)}
    text = pages.get(where, "---\ntitle: Home\n---\n\nHello.\n")
    pages[where] = (
        text.replace("lifecycle:", "status:") if "lifecycle:" in text else text.replace("\n---\n", "\nstatus:\n  state: retired\n---\n", 1)
    )
    line = pages[where].split("\n").index("status:") + 1
    with pytest.raises(DataError) as caught:
        build_catalog(pages.items())
    assert str(caught.value).startswith(f"docs/{where}:{line} [status]: ")
    assert "rename to lifecycle:" in str(caught.value)


def test_a_correction_telling_the_lifecycle_event_is_one_row_of_what_changed():
    """Issue 21: App Runner, Pinpoint, Proton and Kendra each had a lifecycle row and a correction
    row saying the same thing; same month and same source make one row with the lifecycle's badge."""
    catalog = status_catalog()
    same = record(id="end-of-support", quote='"Text"', kind="retired", date="2024-05", now="Gone since **May 2024**.")
    other = record(id="older", quote='"Text"', kind="changed", date="2023-01", now="Something else.")
    book, errors = corrections.load_book([("services/app/opsworks.corrections.yml", same + other)], catalog)
    assert errors == []
    rows = [r for r in corrections.changes(book, catalog, lambda path: path, lambda md: md) if r.service == "AWS OpsWorks"]
    assert [(r.kind, r.date, r.now_html) for r in rows] == [
        ("changed", "2023-01", "Something else."),
        ("retired", "2024-05", "Gone since **May 2024**."),
    ]
    assert rows[1].url.endswith("#" + book.find("services/app/opsworks.md", "end-of-support").anchor)
    # a different source keeps two rows
    moved = same.replace(SOURCE, "https://docs.aws.amazon.com/opsworks/latest/userguide/stacks-eol-faqs.html")
    book, _ = corrections.load_book([("services/app/opsworks.corrections.yml", moved)], catalog)
    assert len([r for r in corrections.changes(book, catalog, lambda path: path, lambda md: md) if r.service == "AWS OpsWorks"]) == 2


def test_an_estimated_status_month_says_about():
    text = STATUS_PAGE.format(state="retired", date="2024-05", successor="sqs", source=SOURCE).replace(
        "  date: 2024-05\n", "  date: 2024-05\n  approximate: true\n"
    )
    page = build_catalog({**PAGES, "services/app/opsworks.md": text}.items()).pages["opsworks"]
    assert page.status.month == "about May 2024"


def test_a_renamed_service_keeps_its_former_name_as_an_alias():
    text = STATUS_PAGE.format(state="renamed", date="2024-02", successor="sqs", source=SOURCE).replace(
        "  successor: sqs\n", "  former: AWS OpsWorks Stacks\n"
    )
    with pytest.raises(DataError, match=r"'lifecycle.former' \('AWS OpsWorks Stacks'\) must also be an alias"):
        build_catalog({**PAGES, "services/app/opsworks.md": text}.items())
    fixed = text.replace("  - OpsWorks Stacks\n", "  - OpsWorks Stacks\n  - AWS OpsWorks Stacks\n")
    page = build_catalog({**PAGES, "services/app/opsworks.md": fixed}.items()).pages["opsworks"]
    assert page.status.former == "AWS OpsWorks Stacks"


def test_a_malformed_review_month_is_an_error():
    text = PAGES["services/app/sqs.md"].replace("category: app\n", "category: app\nreviewed: December 2026\n")
    with pytest.raises(DataError, match=r"docs/services/app/sqs.md:6 \[reviewed\]: 'reviewed' must be a month written YYYY-MM"):
        build_catalog({**PAGES, "services/app/sqs.md": text}.items())


# ---------------------------------------------------------------- fixture-site builds

VPC_CORRECTIONS = (
    '- id: subnets\n  quote: "Subnets per VPC: 200"\n  kind: changed\n  date: 2024-01\n'
    "  now: A VPC now takes **300** subnets <script>alert(1)</script>.\n"
    "  source: https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html\n"
)
VPC_LIMITS = (
    "- id: subnets-per-vpc\n  name: Subnets per VPC\n  value: 200\n  unit: count\n  adjustable: soft\n"
    '  scope: per VPC\n  section: limits\n  quote: "Subnets per VPC: 200, Adjustable"\n  current: 300\n  correction: subnets\n'
)
RETIRED_DX = (
    "---\nid: direct-connect\ntitle: AWS Direct Connect\ntype: service\ncategory: networking\naliases:\n  - DX\n"
    "reviewed: 2026-11\nlifecycle:\n  state: closed\n  date: 2025-03\n  successor: vpc\n"
    "  source: https://aws.amazon.com/about-aws/whats-new/2025/03/example/\n---\n\n## Gateways\n\nA DX gateway connects to a VPC.\n"
)
WHAT_CHANGED = "---\ntitle: What changed\n---\n\n# What changed\n\n<!-- what-changed -->\n"


@pytest.fixture
def corrected_site(fixture_site):
    return fixture_site.write(
        {
            "services/networking/vpc.corrections.yml": VPC_CORRECTIONS,
            "services/networking/vpc.limits.yml": VPC_LIMITS,
            "services/networking/direct-connect.md": RETIRED_DX,
            "what-changed.md": WHAT_CHANGED,
        }
    )


@pytest.mark.slow
def test_notes_banner_badges_review_line_and_what_changed_are_built(corrected_site):
    build = corrected_site.build()
    assert build.returncode == 0, build.output
    vpc = BeautifulSoup((build.site / "services/networking/vpc/index.html").read_text(encoding="utf-8"), "html.parser")
    note = vpc.select_one("#correction-vpc-subnets")
    assert note.find_parent("li").get_text().startswith("Subnets per VPC: 200, Adjustable")  # inside the item it corrects
    assert note.select_one(".sg-correction__label").get_text() == "Changed in 2024:"
    assert note.find("strong", string="300") is not None  # Markdown rendered
    assert "<script>alert(1)</script>" not in str(note) and "&lt;script&gt;" in str(note)  # raw HTML shown as text
    assert note.select_one("a.sg-correction__source")["href"].startswith("https://docs.aws.amazon.com/")
    row = vpc.select_one("#limit-vpc-subnets-per-vpc")
    assert "300" in row.get_text() and "was 200" in row.get_text() and row.has_attr("data-changed")
    assert row.select_one(".sg-limits__was a")["href"] == "#correction-vpc-subnets"

    dx = BeautifulSoup((build.site / "services/networking/direct-connect/index.html").read_text(encoding="utf-8"), "html.parser")
    banner = dx.select_one("article #service-status")
    assert banner is not None and banner.find_previous("h1") is not None  # under the title, above the text
    assert "Closed to new customers (March 2025)." in banner.get_text(" ", strip=True)
    assert banner.find("a", string="Amazon VPC")["href"] == "../vpc/"
    assert dx.select_one(".sg-reviewed").get_text() == "Facts checked against AWS documentation in November 2026."
    listing = (build.site / "services/networking/index.html").read_text(encoding="utf-8")
    assert '<span class="sg-badge sg-badge--closed">Closed to new customers</span>' in listing

    changes = BeautifulSoup((build.site / "what-changed/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = changes.select(".sg-changes__row")
    assert [r.select("td")[0].get_text() for r in rows] == ["AWS Direct Connect", "Amazon VPC"]  # grouped by service
    assert [r["data-date"] for r in rows] == ["2025-03", "2024-01"]
    assert rows[1].find("a", string="On the page")["href"] == "../services/networking/vpc/#correction-vpc-subnets"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"services/networking/vpc.corrections.yml": VPC_CORRECTIONS.replace("Subnets per VPC: 200", "Subnets per VPC: 250")},
            ("docs/services/networking/vpc.corrections.yml:2 [subnets]", "quote not found on docs/services/networking/vpc.md"),
        ),
        (
            {"services/networking/vpc.corrections.yml": VPC_CORRECTIONS.replace("  source: https://docs.aws.amazon.com/vpc", "  x: y")},
            ("docs/services/networking/vpc.corrections.yml:1 [subnets]", "missing required key 'source'"),
        ),
        (
            {"services/networking/vpc.corrections.yml": VPC_CORRECTIONS.replace("https://docs.aws.amazon.com", "https://blog.example")},
            ("docs/services/networking/vpc.corrections.yml:6 [subnets]", "'source' must be on aws.amazon.com"),
        ),
        (
            {"services/networking/vpc.corrections.yml": VPC_CORRECTIONS.replace("2024-01", "2024/01")},
            ("docs/services/networking/vpc.corrections.yml:4 [subnets]", "'date' must be a month written YYYY-MM"),
        ),
        (
            {"services/networking/vpc.corrections.yml": VPC_CORRECTIONS.replace("kind: changed", "kind: updated")},
            ("docs/services/networking/vpc.corrections.yml:3 [subnets]", "unknown kind 'updated'"),
        ),
        (
            {"services/networking/direct-connect.md": RETIRED_DX.replace("state: closed", "state: sunset")},
            ("docs/services/networking/direct-connect.md:10 [lifecycle]", "'lifecycle.state' must be one of retired, closed, renamed"),
        ),
        (
            {"services/networking/direct-connect.md": RETIRED_DX.replace("successor: vpc", "successor: transit-gateway")},
            ("docs/services/networking/direct-connect.md:12 [lifecycle]", "names page id 'transit-gateway', which no page has"),
        ),
        (
            {"services/networking/vpc.limits.yml": VPC_LIMITS.replace("correction: subnets", "correction: subnet-count")},
            ("docs/services/networking/vpc.limits.yml:10 [subnets-per-vpc]", "'correction: subnet-count' is not an id in"),
        ),
    ],
    ids=[
        "quote-not-on-page",
        "no-source",
        "non-aws-source",
        "bad-date",
        "unknown-kind",
        "unknown-status",
        "no-successor",
        "limit-cites-none",
    ],
)
def test_bad_input_fails_the_build_naming_file_line_and_id(corrected_site, files, expected):
    corrected_site.write(files)
    assert_clear_failure(corrected_site.build(), *expected)
