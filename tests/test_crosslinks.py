"""Cross-link matching and linking, without MkDocs: adversarial HTML in, HTML out."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from studyguide import crosslinks, linkgraph
from studyguide.catalog import build_catalog
from studyguide.errors import DataError

CATEGORIES = [
    ("services/networking/index.md", "---\ntitle: Networking\norder: 1\ndescription: N.\n---\n"),
    ("services/analytics/index.md", "---\ntitle: Analytics\norder: 2\ndescription: A.\n---\n"),
    ("services/security/index.md", "---\ntitle: Security\norder: 3\ndescription: S.\n---\n"),
    ("services/management/index.md", "---\ntitle: Management\norder: 4\ndescription: M.\n---\n"),
    ("services/compute/index.md", "---\ntitle: Compute\norder: 5\ndescription: C.\n---\n"),
    ("services/storage/index.md", "---\ntitle: Storage\norder: 6\ndescription: S.\n---\n"),
]


def page(path, page_id, title, aliases=(), sections=""):
    category = path.split("/")[1]
    alias_yaml = "aliases:\n" + "".join(f"  - {a!r}\n" for a in aliases) if aliases else ""
    return (path, f"---\nid: {page_id}\ntitle: {title}\ntype: service\ncategory: {category}\n{alias_yaml}{sections}---\n\nBody.\n")


PAGES = [
    page("services/networking/vpc.md", "vpc", "Amazon VPC", ["VPC"], "sections:\n  transit-gateway:\n    - Transit Gateway\n    - TGW\n"),
    page("services/networking/direct-connect.md", "direct-connect", "AWS Direct Connect", ["Direct Connect", "DX"]),
    page("services/analytics/kinesis-data-streams.md", "kds", "Amazon Kinesis Data Streams", ["Kinesis", "KDS"]),
    page("services/analytics/kinesis-data-firehose.md", "firehose", "Amazon Kinesis Data Firehose", ["Kinesis Data Firehose", "Firehose"]),
    page("services/security/iam.md", "iam", "AWS Identity and Access Management (IAM)", ["IAM"]),
    page("services/security/iam-identity-center.md", "sso", "AWS IAM Identity Center", ["IAM Identity Center"]),
    page("services/management/config.md", "config", "AWS Config", ["Config rules"]),
    page("services/compute/ec2.md", "ec2", "Amazon EC2", ["EC2"]),
    page("services/compute/lambda.md", "lambda", "AWS Lambda", ["Lambda"], "sections:\n  lambdaedge:\n    - Lambda@Edge\n"),
    page("services/storage/s3.md", "s3", "Amazon S3", ["S3"]),
    page("services/networking/cloudfront.md", "cloudfront", "Amazon CloudFront", ["CloudFront", "Cloudfront"]),
    page("services/management/cur.md", "cur", "AWS Cost and Usage Reports (CUR)", ["Cost & Usage Reports"]),
]


@pytest.fixture(scope="module")
def catalog():
    return build_catalog(CATEGORIES + PAGES)


@pytest.fixture(scope="module")
def linker(catalog):
    return crosslinks.Linker(catalog)


def href(target):
    return f"/{target.page_id}/" + (f"#{target.anchor}" if target.anchor else "")


def run(linker, html, me=None):
    out, mentions = linker.link(html, me, href)
    return out, mentions


def links(html):
    return [(a["href"], a.get_text()) for a in BeautifulSoup(html, "html.parser").select("a.crosslink")]


# ------------------------------------------------------------------ which words count


def test_longest_name_wins(linker):
    out, _ = run(linker, "<p>Kinesis Data Firehose loads S3; IAM Identity Center federates.</p>")
    assert links(out) == [("/firehose/", "Kinesis Data Firehose"), ("/s3/", "S3"), ("/sso/", "IAM Identity Center")]


def test_overlapping_names_pick_the_longest_at_each_position(linker):
    out, _ = run(linker, "<p>Kinesis and Kinesis Data Firehose, then IAM and IAM Identity Center.</p>")
    assert links(out) == [("/kds/", "Kinesis"), ("/firehose/", "Kinesis Data Firehose"), ("/iam/", "IAM"), ("/sso/", "IAM Identity Center")]


def test_multiword_names_ignore_case_single_words_do_not(linker):
    out, _ = run(linker, "<p>kinesis data firehose, aws direct connect, config, lambda, vpc, Cloudfront.</p>")
    assert links(out) == [
        ("/firehose/", "kinesis data firehose"),
        ("/direct-connect/", "aws direct connect"),
        ("/cloudfront/", "Cloudfront"),
    ]


def test_acronyms_only_on_word_boundaries(linker):
    out, _ = run(linker, "<p>EC2ThrottledException, S3Bucket, xDX, myVPC, VPC_ID.</p>")
    assert links(out) == []


def test_plurals_and_possessives(linker):
    out, _ = run(linker, "<p>Two VPCs.</p><h2 id='a'>A</h2><p>S3's bucket.</p><h2 id='b'>B</h2><p>The VPCs' routes.</p>")
    assert [t for _, t in links(out)] == ["VPCs", "S3's", "VPCs'"]


def test_section_names_link_to_the_anchor(linker):
    out, mentions = run(linker, "<p>Attach a TGW; Lambda@Edge runs at the edge, and Lambda elsewhere.</p>")
    assert links(out) == [("/vpc/#transit-gateway", "TGW"), ("/lambda/#lambdaedge", "Lambda@Edge"), ("/lambda/", "Lambda")]
    assert mentions[0].target.anchor == "transit-gateway"


def test_html_entities_are_text(linker):
    out, _ = run(linker, "<p>AT&amp;T uses Cost &amp; Usage Reports and &lt;VPC&gt; tags &amp; S3&#39;s API.</p>")
    assert links(out) == [("/cur/", "Cost & Usage Reports"), ("/vpc/", "VPC"), ("/s3/", "S3's")]
    assert "AT&amp;T" in out and "&lt;" in out  # still escaped on the way out


# ------------------------------------------------------------------ where links never go


@pytest.mark.parametrize(
    "html",
    [
        "<h2 id='x'>Amazon S3 and VPC</h2>",
        "<h3>DX</h3>",
        "<p><code>S3</code> and <code>aws s3 cp</code></p>",
        "<pre><code>VPC = 'S3'</code></pre>",
        "<p><a href='https://example.com'>Amazon S3 docs</a></p>",
        "<p><a href='x'><em>VPC</em> guide</a></p>",
        "<div class='admonition note'><p class='admonition-title'>Amazon S3</p></div>",
        "<p><button>S3</button><kbd>VPC</kbd><script>var VPC = 1;</script></p>",
    ],
)
def test_no_links_inside_headings_code_links(linker, html):
    out, mentions = run(linker, html)
    assert links(out) == [] and mentions == []


def test_abbreviation_tooltips_are_never_entered_or_split(linker):
    html = (
        '<p>A <abbr title="AWS Direct Connect into a VPC">DX</abbr> link, and '
        '<abbr title="AWS Identity and Access Management">IAM</abbr> Identity Center.</p>'
    )
    out, _ = run(linker, html)
    soup = BeautifulSoup(out, "html.parser")
    # The title attribute stays as it was: no link inside the tooltip text.
    assert [a["title"] for a in soup.find_all("abbr")] == ["AWS Direct Connect into a VPC", "AWS Identity and Access Management"]
    anchors = soup.select("a.crosslink")
    assert [a["href"] for a in anchors] == ["/direct-connect/", "/sso/"]
    assert anchors[0].find("abbr") is not None and anchors[0].get_text() == "DX"  # the link wraps the whole abbr
    assert anchors[1].get_text() == "IAM Identity Center"  # a longer name across the abbr wins
    assert not soup.select("abbr a")


def test_a_name_that_would_cut_an_abbreviation_is_not_linked(linker):
    out, _ = run(linker, '<p>The <abbr title="x">S3X</abbr> thing.</p>')
    assert links(out) == []


def test_never_a_self_link_and_own_names_are_consumed(linker):
    out, mentions = run(linker, "<p>Kinesis Data Firehose reads Kinesis. Firehose writes S3.</p>", me="firehose")
    assert links(out) == [("/kds/", "Kinesis"), ("/s3/", "S3")]
    assert all(m.target.page_id != "firehose" for m in mentions)
    out, _ = run(linker, "<p>Attach a Transit Gateway to the VPC.</p>", me="vpc")
    assert links(out) == []  # a section of the page itself is the page itself


# ------------------------------------------------------------------ how often


def test_first_mention_per_section_only(linker):
    html = "<p>S3, S3 and S3.</p><ul><li>S3 again</li></ul><h2 id='two'>Two</h2><p>More S3.</p><p>S3.</p>"
    out, mentions = run(linker, html)
    assert [t for _, t in links(out)] == ["S3", "S3"]
    assert [(m.section_anchor, m.section_title) for m in mentions] == [(None, ""), ("two", "Two")]


def test_a_page_with_a_thousand_mentions(linker):
    sections = "".join(f"<h2 id='s{i}'>Part {i}</h2><p>" + "VPC and S3 and DX and Kinesis. " * 25 + "</p>" for i in range(10))
    assert sections.count("VPC") == 250 and sections.count(" and ") == 750  # 1,000 mentions of names
    out, mentions = run(linker, sections)
    per_target = {}
    for m in mentions:
        per_target[m.target.page_id] = per_target.get(m.target.page_id, 0) + 1
    assert per_target == dict.fromkeys(["vpc", "s3", "direct-connect", "kds"], crosslinks.MAX_LINKS_PER_TARGET)
    assert len(links(out)) == 4 * crosslinks.MAX_LINKS_PER_TARGET
    assert BeautifulSoup(out, "html.parser").get_text() == BeautifulSoup(sections, "html.parser").get_text()  # text unchanged


def test_text_and_markup_survive(linker):
    html = (
        "<p>Use <strong>S3</strong> with <em>VPC</em> endpoints &amp; <abbr title='t'>DX</abbr>.</p>\n<table><tr><td>EC2</td></tr></table>"
    )
    out, _ = run(linker, html)
    assert BeautifulSoup(out, "html.parser").get_text() == BeautifulSoup(html, "html.parser").get_text()
    assert [t for _, t in links(out)] == ["S3", "VPC", "DX", "EC2"]


def test_untouched_blocks_are_passed_through_byte_for_byte(linker):
    block = '<p class="x">Nothing to see &amp; no names here<br>really</p>\n'
    out, _ = run(linker, block + "<p>S3</p>\n")
    assert out.startswith(block)


def test_split_blocks_keeps_nested_blocks_whole():
    html = "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n<p>c</p>\n<div>\n<h2>x</h2>\n</div>\n"
    pieces = crosslinks.split_blocks(html)
    assert "".join(pieces) == html
    assert pieces[0].startswith("<ul>") and pieces[0].rstrip().endswith("</ul>")
    assert all(BeautifulSoup(p, "html.parser").decode() for p in pieces)
    assert pieces[-1].startswith("<div>")


# ------------------------------------------------------------------ the English-word rule


def test_everyday_english_phrase_is_refused():
    words = frozenset({"data", "pipeline", "run", "command", "user", "pool"})
    cat = build_catalog([*CATEGORIES, page("services/analytics/dp.md", "dp", "AWS Data Pipeline", ["Data Pipeline"])])
    with pytest.raises(DataError, match="everyday English") as error:
        crosslinks.check_names(cat, words=words)
    assert error.value.path == "services/analytics/dp.md"
    assert error.value.entry == "Data Pipeline"
    assert crosslinks.EVERYDAY_WORDS_REL in str(error.value)


def test_everyday_rule_reports_the_line_and_spares_titles_and_single_words():
    words = frozenset({"data", "pipeline", "shield"})
    ok = build_catalog([*CATEGORIES, page("services/analytics/dp.md", "dp", "Data Pipeline", ["Shield", "Data Pipeline X"])])
    crosslinks.check_names(ok, words=words)  # title exempt; one word keeps its case; "X" is not everyday
    src = page("services/analytics/dp.md", "dp", "AWS Data Pipeline", ["DP", "data pipelines"])
    bad = build_catalog([*CATEGORIES, src])
    with pytest.raises(DataError) as error:
        crosslinks.check_names(bad, sources={src[0]: src[1]}, words=words)
    assert error.value.line == 8


def test_the_vendored_word_list_catches_real_false_friends():
    assert crosslinks.everyday_phrase("Data Pipeline")  # "streaming data pipelines" in prose
    assert crosslinks.everyday_phrase("Run Command")
    assert crosslinks.everyday_phrase("Global Tables")
    assert not crosslinks.everyday_phrase("Direct Connect")
    assert not crosslinks.everyday_phrase("Transit Gateway")


def test_case_rule():
    assert crosslinks.case_sensitive("DX") and crosslinks.case_sensitive("CloudFront") and crosslinks.case_sensitive("Lambda@Edge")
    assert not crosslinks.case_sensitive("Direct Connect") and not crosslinks.case_sensitive("X-Ray")


# ------------------------------------------------------------------ the graph


def test_neighbours_follow_links_added_after_a_lookup(linker):
    """The neighbours' index is built once, and a later add() (same pair, so the edge
    count stays put) must still show in the weights."""
    graph = linkgraph.Graph()
    graph.add("ec2", run(linker, "<p>VPC.</p>", me="ec2")[1])
    assert graph.neighbours("vpc") == {"ec2": 1}
    graph.add("ec2", run(linker, "<p>VPC.</p>", me="ec2")[1])
    assert graph.neighbours("vpc") == {"ec2": 2}


def test_graph_backlinks_related_and_map(catalog, linker):
    graph = linkgraph.Graph()
    html = "<p>VPC and S3.</p><h2 id='edge'>Edge</h2><p>VPC, CloudFront.</p>"
    graph.add("lambda", run(linker, html, me="lambda")[1])
    graph.add("ec2", run(linker, "<p>VPC, VPC, Lambda.</p>", me="ec2")[1])
    graph.add("vpc", run(linker, "<p>Lambda and the VPC.</p>", me="vpc")[1])
    mentioned = graph.mentioned_on("vpc", catalog)
    assert [source for source, _ in mentioned] == ["ec2", "lambda"]  # sorted by title: EC2, Lambda
    assert [(b.section_anchor, b.section_title) for b in dict(mentioned)["lambda"]] == [(None, ""), ("edge", "Edge")]
    assert graph.related("lambda", catalog)[0] == ("vpc", 3)  # 2 links out + 1 in
    smap = linkgraph.service_map(catalog, graph)
    assert {n.id for n in smap.nodes} == set(catalog.pages)
    assert {(e.a, e.b) for e in smap.edges} >= {("lambda", "vpc"), ("ec2", "lambda")}
    colors = {g.slug: g.color for g in smap.groups}
    assert len(set(colors.values())) == len(colors)  # one colour per category
    assert all(n.color == colors[n.group] for n in smap.nodes)
    assert all(re.fullmatch(r"M[\d.]+,[\d.]+ Q[\d.]+,[\d.]+ [\d.]+,[\d.]+", e.path) for e in smap.edges)


def test_opt_out_marker_and_class(linker):
    assert links(run(linker, "<!-- no-crosslinks --><p>S3 and VPC.</p>")[0]) == []
    out, _ = run(linker, "<div class='no-crosslinks'><p>S3</p></div><p data-no-crosslinks>VPC</p><p>EC2</p>")
    assert links(out) == [("/ec2/", "EC2")]


def test_the_cap_counts_a_page_and_its_sections_together(linker):
    html = "".join(f"<h2 id='s{i}'>S{i}</h2><p>VPC and TGW.</p>" for i in range(4))
    out, _ = run(linker, html)
    assert len([h for h, _ in links(out) if h.startswith("/vpc/")]) == crosslinks.MAX_LINKS_PER_TARGET
