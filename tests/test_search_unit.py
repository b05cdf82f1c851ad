"""Unit tests of the search tuning: the separator in mkdocs.yml and hooks/studyguide/search.py."""

from __future__ import annotations

import re
import time

import pytest
import yaml
from conftest import ROOT

from studyguide import search


def _search_config() -> dict:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            return plugin["search"]
    raise AssertionError("no configured search plugin in mkdocs.yml")


SEPARATOR = re.compile(_search_config()["separator"])


def tokenize(text: str) -> list[str]:
    """Material's tokenizer (integrations/search/internal/_/index.ts split()) in Python, lower-cased."""
    out, index = [], 0
    for match in SEPARATOR.finditer(text):
        if index < match.start():
            out.append(text[index : match.start()].lower())
        index = match.end()
    if index < len(text):
        out.append(text[index:].lower())
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amazon S3, EC2 and DX.", ["amazon", "s3", "ec2", "and", "dx"]),
        ("a virtual private gateway (VGW) per VPC", ["a", "virtual", "private", "gateway", "vgw", "per", "vpc"]),
        ("gp2/gp3 and io1/io2", ["gp2", "gp3", "and", "io1", "io2"]),
        ("enableDnsHostnames: true", ["enable", "dns", "hostnames", "true"]),
        ("AssumeRoleWithWebIdentity", ["assume", "role", "with", "web", "identity"]),
        ("EC2Rescue", ["ec2", "rescue"]),
        ("VPCs, IPv4, vCenter, DynamoDB", ["vpcs", "ipv4", "vcenter", "dynamodb"]),  # not camelCase
        ("set wlm_query_slot_count to 3", ["set", "wlm_query_slot_count", "to", "3"]),
        ("multi-AZ, Site-to-Site", ["multi", "az", "site", "to", "site"]),
        ("SSE-C → SSE-KMS", ["sse", "c", "sse", "kms"]),
        ("version 1.2.3 of rdsadmin.rdsadmin_rman_util", ["version", "1.2.3", "of", "rdsadmin", "rdsadmin_rman_util"]),
        ("Lambda@Edge “quoted” – dash", ["lambda", "edge", "quoted", "dash"]),
        ("R&amp;D &lt;tag&gt;", ["r", "d", "tag"]),
        ("[DAX] {x} 'y'", ["dax", "x", "y"]),
    ],
)
def test_separator_cuts_aws_vocabulary(text, expected):
    assert tokenize(text) == expected


def test_fields_for_the_hook_are_configured():
    fields = _search_config()["fields"]
    for name in ("title", "text", "tags", *search.EXTRA_FIELDS):
        assert name in fields, name


def test_split_camel_matches_the_separator():
    for word in ("CloudFront", "enableDnsHostnames", "EC2Rescue", "VPCs", "IPv4", "vCenter", "DynamoDB", "GuardDuty"):
        assert [p.lower() for p in search.split_camel(word)] == tokenize(word), word


def test_compound_keywords():
    words = search.compound_keywords("Set wlm_query_slot_count; use X-Ray and blue/green, not docs.aws.amazon.com/vpc/latest.")
    assert {"wlm", "query", "slot", "count", "query_slot_count", "slot_count"} <= set(words)
    assert {"xray", "bluegreen"} <= set(words)
    assert not [w for w in words if "latest" in w and w != "latest"]  # no joined URLs
    assert len(words) == len(set(words))


def test_compound_candidates_are_whole_words_found_in_linear_time():
    # The candidates are the white-space-delimited words holding letter, - or /, letter, as the
    # plain pattern \S*[A-Za-z][-/][A-Za-z]\S* finds them (non-breaking and other Unicode spaces
    # delimit words too), but a match may start only where a word starts.
    plain = re.compile(r"\S*[A-Za-z][-/][A-Za-z]\S*")
    for text in ("a-b c/d", "--a-b", "(X-Ray),", "ab-c-d e", "a\u00a0b-c", "a-b\u2028c/d", "\ta-b\n", "éa-bé", "1-2 a-1", "a-"):
        expected = [(m.start(), m.group()) for m in plain.finditer(text)]
        assert [(m.start(), m.group()) for m in search._CANDIDATE.finditer(text)] == expected, text
    # A long word with no compound in it: the plain pattern retried it from each of its
    # positions (quadratic: seconds for this one word); one pass takes milliseconds.
    started = time.process_time()
    assert search.compound_keywords("x" * 30_000 + " X-Ray") == ["xray"]
    assert time.process_time() - started < 0.5


def test_name_keywords_leave_other_pages_names_out():
    owners = search.name_owners(
        [
            ("ec2", ["Amazon EC2", "EC2"]),
            ("ec2-image-builder", ["EC2 Image Builder", "Image Builder"]),
            ("ec2rescue", ["EC2Rescue"]),
            ("kinesis-data-streams", ["Amazon Kinesis Data Streams", "Kinesis"]),
            ("route-53", ["Amazon Route 53", "Route53"]),
            ("cloudfront", ["Amazon CloudFront"]),
        ]
    )
    assert search.name_keywords(["EC2 Image Builder", "Image Builder"], "ec2-image-builder", owners) == ["image", "builder"]
    assert search.name_keywords(["Amazon EC2", "EC2"], "ec2", owners) == ["ec2"]
    # EC2Rescue keeps "rescue" but not a joined spelling that starts with another page's name
    assert search.name_keywords(["EC2Rescue"], "ec2rescue", owners) == ["rescue"]
    assert "kinesis" not in search.name_keywords(["Amazon Kinesis Data Firehose", "Kinesis Data Firehose"], "firehose", owners)
    assert "route53" in search.name_keywords(["Amazon Route 53"], "route-53", owners)
    assert search.name_keywords(["Amazon CloudFront"], "cloudfront", owners) == ["cloud", "front", "cloudfront"]
    # a page's whole name is never dropped, even when it equals another page's name
    assert search.name_keywords(["Kinesis"], "x", owners) == ["kinesis"]


def test_enrich_sets_names_keywords_and_boosts():
    entries = [
        {"location": "services/networking/vpc/", "title": "Amazon VPC", "text": "<p>Hello</p>"},
        {"location": "services/networking/vpc/#transit-gateway", "title": "Transit Gateway", "text": "<p>Use wlm_query_slot_count</p>"},
        {"location": "services/networking/vpc/#dns", "title": "DNS", "text": "", "boost": 2},
    ]
    page = search.PageInfo(
        url="services/networking/vpc/",
        kind="service",
        id="vpc",
        names=("Amazon VPC", "VPC"),
        sections=(("transit-gateway", ("Transit Gateway", "TGW")),),
    )
    out = search.enrich(entries, page)
    assert out[0]["names"] == "vpc"
    assert out[1]["names"] == "transit gateway tgw"
    assert "slot_count" in out[1]["keywords"].split()
    assert "names" not in out[2] and "keywords" not in out[2]
    assert [e["boost"] for e in out] == [1.5, 1.5, 3.0]
    assert entries[0] == {"location": "services/networking/vpc/", "title": "Amazon VPC", "text": "<p>Hello</p>"}  # input untouched
    listing = search.enrich([{"location": "glossary/", "title": "Glossary", "text": ""}], search.PageInfo("glossary/", "listing"))
    assert listing[0]["boost"] < 1


def test_page_kind():
    assert search.page_kind("service") == "service"
    assert search.page_kind("concept") == "concept"
    assert search.page_kind(None) == "listing"


def test_page_entries_finds_the_pages_own_entries():
    entries = [{"location": "a/"}, {"location": "a/#x"}, {"location": ""}, {"location": "#intro"}]
    assert search.page_entries(entries, "") == 2
    entries += [{"location": "b/"}, {"location": "b/#y"}]
    assert search.page_entries(entries, "b/") == 4


def test_a_name_that_is_only_everyday_words_after_another_pages_name_keeps_it():
    """Issue 19: "Well-Architected Tool" must not shrink to "tool", nor CodeArtifact claim "artifact"."""
    owners = search.name_owners(
        [
            ("well-architected-framework", ["AWS Well-Architected Framework", "Well-Architected"]),
            ("well-architected-tool", ["AWS Well-Architected Tool"]),
            ("ec2", ["EC2"]),
            ("artifact", ["AWS Artifact"]),
            ("codeartifact", ["AWS CodeArtifact"]),
        ]
    )
    everyday = frozenset({"tool", "image", "builder"})
    assert search.name_keywords(["AWS Well-Architected Tool"], "well-architected-tool", owners, everyday) == ["well", "architected", "tool"]
    assert search.name_keywords(["AWS Well-Architected Tool"], "well-architected-tool", owners) == ["tool"]  # without the list: dropped
    assert search.name_keywords(["AWS CodeArtifact"], "codeartifact", owners) == ["code", "codeartifact"]
    assert search.name_keywords(["AWS Artifact"], "artifact", owners) == ["artifact"]


def test_an_acronym_that_starts_another_name_word_gets_its_own_field():
    owners = search.name_owners(
        [("amplify", ["AWS Amplify"]), ("amp", ["Amazon Managed Service for Prometheus", "AMP"]), ("byoip", ["BYOIP"])]
    )
    assert search.acronyms(["Amazon Managed Service for Prometheus", "AMP"], owners) == ["amp"]  # "amp" starts "amplify"
    assert search.acronyms(["BYOIP"], owners) == []  # starts nothing: its names field is enough
    assert search.acronyms(["AWS CLI"], search.name_owners([("iot-1-click", ["AWS IoT 1-Click"])])) == ["cli"]
    page = search.PageInfo(url="services/management/amp/", kind="service", id="amp", names=("AMP",))
    [entry] = search.enrich([{"location": "services/management/amp/", "title": "AMP", "text": ""}], page, owners)
    assert entry["acronyms"] == "amp"
