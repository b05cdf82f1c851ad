"""Search on the built site: the query suite gate, the search box, and what the index holds.

The ranking is the browser's own: tests/search_harness.py runs each query through
Material's search worker (its lunr.js build) in Debian's Chromium, over the real
search/search_index.json. The search-box test types into Material's UI with
press_sequentially and checks the UI shows the same first result.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import DOCS
from search_harness import load_queries, rank, score

FIRST_GATE = 0.85
TOP3_GATE = 0.97


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the gate


@pytest.mark.browser
def test_query_suite_meets_the_gate(site_url, browser_page):
    queries = load_queries()
    assert len(queries) >= 40
    ranked = rank(browser_page.page, site_url, [q.query for q in queries])
    result = score(queries, ranked)
    print("\nsearch query suite:", result.report())
    assert result.first_ratio >= FIRST_GATE and result.top3_ratio >= TOP3_GATE, result.report()
    assert not browser_page.errors


def test_every_query_names_a_real_page(site):
    for query in load_queries():
        assert (site / query.page / "index.html").is_file(), f"{query.query!r}: no page at {query.page}"


# The vocabulary the issue names: each must lead to its page (first or, for words
# other pages also use, in the top 3), through the browser's own ranking.
REQUIRED = [
    ("S3", "services/storage/s3/", 1),
    ("EC2", "services/compute/ec2/", 1),
    ("DX", "services/networking/direct-connect/", 1),
    ("SCP", "services/management/organizations/", 1),
    ("DAX", "services/databases/dynamodb/", 1),
    ("VGW", "services/networking/site-to-site-vpn/", 1),  # written "(VGW)" in the text
    ("gp3", "services/storage/ebs/", 1),  # "gp3 :" and gp2/gp3
    ("io2", "services/storage/ebs/", 1),  # "(io1 or io2)"
    ("AssumeRoleWithWebIdentity", "services/security/sts/", 1),
    ("enableDnsHostnames", "services/networking/vpc/", 1),
    ("DnsHostnames", "services/networking/vpc/", 3),  # the end of a camelCase name
    ("wlm_query_slot_count", "services/analytics/redshift/", 1),
    ("slot_count", "services/analytics/redshift/", 3),  # the end of a snake_case name
    ("max_connections", "services/databases/rds/", 1),
    ("blue/green", "concepts/deployment-strategies/", 1),
    ("xray", "services/developer-tools/x-ray/", 1),  # X-Ray typed without its hyphen
    ("cloudfront", "services/networking/cloudfront/", 1),  # camelCase name in lower case
    ("CloudFront", "services/networking/cloudfront/", 1),
]


@pytest.mark.browser
def test_aws_vocabulary_is_findable(site_url, browser_page):
    ranked = rank(browser_page.page, site_url, [q for q, _, _ in REQUIRED])
    wrong = [f"{q!r}: want {page} in the top {top}, got {ranked[q][:3]}" for q, page, top in REQUIRED if page not in ranked[q][:top]]
    assert not wrong, "\n".join(wrong)


# Issue 19: every service page the project added is the first result for its name and for
# each of its acronyms (aliases in capitals, such as EKS or AMP), through the browser's ranking.
ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,7}$")


def _added_service_queries() -> dict[str, str]:
    from studyguide import docsfiles
    from studyguide.catalog import build_catalog

    catalog = build_catalog(docsfiles.read(DOCS, ".md"))
    wanted = {}
    for page in catalog.pages.values():
        if page.origin != "added" or page.type != "service":
            continue
        url = page.src_path.removesuffix(".md") + "/"
        for name in (page.title, *(a for a in page.aliases if ACRONYM.match(a))):
            wanted[name] = url
    return wanted


@pytest.mark.browser
def test_each_added_service_is_the_first_result_for_its_name_and_acronyms(site_url, browser_page):
    wanted = _added_service_queries()
    assert len(wanted) >= 40
    ranked = rank(browser_page.page, site_url, list(wanted))
    wrong = [f"{q!r}: want {page} first, got {ranked[q][:3]}" for q, page in wanted.items() if ranked[q][:1] != [page]]
    assert not wrong, "\n".join(wrong)


# ------------------------------------------------------------------ the search box


def _type_and_read(page, query: str) -> list[str]:
    """Type ``query`` into Material's search box and return the result links once they settle."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press("Control+A")
    box.press("Backspace")  # clear the previous query; the new one is typed key by key
    box.press_sequentially(query, delay=20)
    links = page.locator("li.md-search-result__item > a.md-search-result__link")
    previous, stable = None, 0
    for _ in range(60):  # up to 6 s for the worker's answer to the last keystroke
        page.wait_for_timeout(100)
        current = links.evaluate_all("els => els.map(a => a.getAttribute('href'))")
        stable = stable + 1 if current and current == previous else 0
        previous = current
        if stable >= 3:
            break
    return previous or []


@pytest.mark.browser
def test_search_box_shows_the_same_first_result(site_url, browser_page):
    page = browser_page.page
    queries = ["DX", "AssumeRoleWithWebIdentity", "gp3", "wlm_query_slot_count", "SCP", "pilot light"]
    ranked = rank(page, site_url, queries)
    page.goto(site_url + "/services/")
    for query in queries:
        hrefs = _type_and_read(page, query)
        assert hrefs, f"{query!r}: the search box shows no result"
        first = re.split(r"[?#]", hrefs[0].removeprefix(site_url + "/"))[0]
        assert first == ranked[query][0], f"{query!r}: search box shows {hrefs[0]}, the worker ranks {ranked[query][0]} first"
    assert not browser_page.errors


# ------------------------------------------------------------------ the index


def test_index_uses_the_tuned_configuration(index):
    config = index["config"]
    assert "names" in config["fields"] and "keywords" in config["fields"]
    assert config["separator"] != "[\\s\\-]+", "the search separator is Material's default"


def test_service_pages_carry_their_names_and_boost(index):
    by_location = {doc["location"]: doc for doc in index["docs"]}
    dx = by_location["services/networking/direct-connect/"]
    assert {"dx", "direct", "connect", "vif"} <= set(dx["names"].split())
    assert dx["boost"] > 1
    ec2_builder = by_location["services/compute/ec2-image-builder/"]
    assert "ec2" not in ec2_builder["names"].split()  # "EC2" belongs to Amazon EC2
    assert by_location["glossary/"]["boost"] < 1
    vpc_tgw = by_location["services/networking/vpc/#transit-gateway"]
    assert "tgw" in vpc_tgw["names"].split()  # section names from the `sections:` key


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()))


def _quiz_texts() -> list[tuple[Path, str]]:
    out = []
    for path in sorted(DOCS.rglob("*.quiz.yml")):
        for question in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("questions", []):
            for key in ("question", "explanation"):
                if question.get(key):
                    text = re.sub(r"\]\([^)]*\)", "]", question[key])  # a Markdown link shows its words, not its target
                    out.append((path, _words(text)))
    return out


def test_quiz_questions_and_answers_are_not_in_the_index(site, index):
    """Quiz text shows on the page (inside the widget) but never in search_index.json.

    Explanations often quote the page's own prose, which is indexed on purpose;
    those are told apart by looking for the text in the Markdown pages themselves.
    """
    texts = _quiz_texts()
    assert texts, "no docs/**/*.quiz.yml with questions: this test has nothing to check"
    indexed = "\n".join(_words(doc[field]) for doc in index["docs"] for field in ("title", "text"))  # no match across fields
    prose = " ".join(_words(p.read_text(encoding="utf-8")) for p in DOCS.rglob("*.md"))
    # Correction notes (issue 12) are page prose too, indexed on purpose; explanations may repeat them.
    notes = [r["now"] for p in DOCS.rglob("*.corrections.yml") for r in yaml.safe_load(p.read_text(encoding="utf-8"))]
    prose += " " + " ".join(_words(note) for note in notes)
    rendered = " ".join(_words(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
    checked = leaked = 0
    leaks = []
    for path, text in texts:
        probe = " ".join(text.split()[:12])
        if len(probe.split()) < 6 or probe in prose:
            continue  # too short to be distinctive, or the page itself says it
        checked += 1
        assert probe in rendered, f"{path.name}: quiz text not on any page, so the test would prove nothing: {probe!r}"
        if probe in indexed:
            leaked += 1
            leaks.append(f"{path.relative_to(DOCS)}: {probe!r}")
    assert checked >= 10, f"only {checked} quiz texts checked"
    assert not leaked, "quiz text in the search index:\n" + "\n".join(leaks[:10])


@pytest.mark.slow
def test_a_search_config_without_the_hook_fields_fails_clearly(fixture_site):
    config = fixture_site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "        names: {boost: 4}\n" in text
    config.write_text(text.replace("        names: {boost: 4}\n", ""), encoding="utf-8")
    build = fixture_site.build()
    assert build.returncode != 0
    assert "the search plugin needs 'fields:' entries for names" in build.output
    assert "Traceback" not in build.output


def test_aggregate_tables_leave_search_to_the_service_pages(site, index):
    """The What-changed and all-limits tables repeat the service pages (data-search-exclude):
    their pages stay findable by title and intro, while a correction or a limit is found
    on the page where the fact lives. The written pages still show the whole tables."""
    by_location = {doc["location"]: doc for doc in index["docs"]}
    assert "what-changed/" in by_location and "limits/" in by_location
    changes = " ".join(doc["text"] for loc, doc in by_location.items() if loc.startswith("what-changed/"))
    limits_page = " ".join(doc["text"] for loc, doc in by_location.items() if loc.startswith("limits/"))
    sqs = " ".join(doc["text"] for loc, doc in by_location.items() if loc.startswith("services/application-integration/sqs/"))
    assert "1,048,576" not in changes and "1,048,576" not in limits_page
    assert "1,048,576" in sqs or "1 MiB" in sqs  # the SQS message size correction, on the SQS page
    html = (site / "what-changed" / "index.html").read_text(encoding="utf-8")
    assert html.count("<tr") > 100 and "sg-stash" not in html  # set aside for search only
