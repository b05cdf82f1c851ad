#!/usr/bin/env python3
"""Scaffold a service page, its quiz file and its limits file: ``make new-service``.

    scripts/new_service.py CATEGORY ID --title "Amazon Foo" [--alias FOO]... [--tag Tag]...

Writes ``docs/services/<CATEGORY>/<ID>.md`` with valid front matter, and beside it
``<ID>.quiz.yml`` (two question stubs: every page needs two questions or more) and
``<ID>.limits.yml`` (one limit stub). Every line still to write is marked
``TODO(new-service): <what to write>``; the build fails on each marker, naming the file
and the line, so scaffold text never ships. Refuses (exit status 2, one line naming the
problem) an unknown category, an id already used by another page, a malformed id, and a
title or alias that already leads to another page; then nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from studyguide.catalog import ID_PATTERN, build_catalog  # noqa: E402
from studyguide.errors import DataError, shown  # noqa: E402
from studyguide.placeholders import MARKER  # noqa: E402

TODO = MARKER + ":"

# A new page is the project's text, not the cheat sheet's: it sits in an added block that ends
# with its sources (CONTRIBUTING.md, "Text beyond the cheat sheet"), and the front matter says
# origin: added.
BODY = f"""
## What it is for

/// added
{TODO} one or two sentences: what {{title}} does and when the exam expects you to pick it.

* {TODO} one fact a line, in your own words; a number here also goes in {{page_id}}.limits.yml.

Sources:

- [{TODO} the title of the AWS page you checked these facts against](https://docs.aws.amazon.com/)
///
"""

# Two stubs: tests/test_content_standard.py wants two questions or more on every page.
QUIZ = """# Questions for services/{category}/{page_id}.md. Schema and the exam's standard: CONTRIBUTING.md, "Quizzes".
questions:
""" + "".join(
    f"""  - id: {{page_id}}-{n}
    kind: scenario
    domains: [new-solutions]
    tasks: ["{TODO} exam-guide task ids, the first in the first domain, like 2.2 (docs/includes/exam-guide.yml)"]
    skills: ["{TODO} skill ids of those tasks, like 2.2.3"]
    services: [{{page_id}}]
    choose: 1
    question: >-
      {TODO} {what} (200 characters or more: the situation, then the constraint that decides).
    options:
      - text: "{TODO} the right answer"
        correct: true
        why: "{TODO} why it is right"
      - text: "{TODO} a plausible wrong answer"
        why: "{TODO} why it is wrong in this scenario"
      - text: "{TODO} a second plausible wrong answer"
        why: "{TODO} why it is wrong in this scenario"
      - text: "{TODO} a third plausible wrong answer"
        why: "{TODO} why it is wrong in this scenario"
    explanation: >-
      {TODO} why the answer is right, in two or three sentences.
    source: {{page_id}}
"""
    for n, what in ((1, "a scenario question on {title}"), (2, "a second scenario question on {title}"))
)

LIMITS = f"""# Limits stated on {{page_id}}.md. Schema and checks: CONTRIBUTING.md, "Limits".
# A page that states no number needs no limits file: delete this one.
- id: "{TODO} a lowercase-hyphenated id, like requests-per-second"
  name: "{TODO} what the row says, like Requests per second"
  value: 0  # the number the page states
  unit: count
  adjustable: unstated
  scope: per account
  quote: "{TODO} the words of the page that state the number"
"""


class ScaffoldError(Exception):
    """A request the scaffold refuses; the message is one line for the contributor."""


def _sources(docs: Path):
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if not rel.startswith("includes/"):
            yield rel, path.read_text(encoding="utf-8")


def default_tags(docs: Path, category: str) -> list[str]:
    """The tag most pages of the category carry (e.g. Networking), else none."""
    counts: Counter[str] = Counter()
    for path in (docs / "services" / category).glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            data = yaml.safe_load(text.split("---", 2)[1]) or {}
            counts.update(t for t in data.get("tags") or [] if isinstance(t, str))
    return [counts.most_common(1)[0][0]] if counts else []


def render(page_id: str, title: str, category: str, aliases: list[str], tags: list[str]) -> str:
    front = {"id": page_id, "title": title, "type": "service", "category": category, "origin": "added", "aliases": aliases, "tags": tags}
    text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=False, indent=2)
    text = text.replace("\n- ", "\n  - ")  # lists indented under their key, like the other pages
    reviewed = f"# {TODO} a line 'reviewed: YYYY-MM', the month you checked these facts against AWS's documentation\n"
    return f"---\n{text}{reviewed}---\n{BODY.format(title=title, page_id=page_id)}"


def stubs(page_id: str, title: str, category: str) -> dict[str, str]:
    """The quiz and limits files beside the page, by file name suffix."""
    # The title goes into a YAML folded scalar: any character is safe there.
    return {
        ".quiz.yml": QUIZ.format(page_id=page_id, title=title, category=category),
        ".limits.yml": LIMITS.format(page_id=page_id),
    }


def scaffold(docs: Path, category: str, page_id: str, title: str, aliases: list[str], tags: list[str] | None = None) -> Path:
    """Write the new page and return its path; raise ScaffoldError when the request is refused."""
    categories = sorted(p.parent.name for p in (docs / "services").glob("*/index.md"))
    if category not in categories:
        raise ScaffoldError(f"unknown category '{category}' (known: {', '.join(categories)})")
    if not ID_PATTERN.match(page_id):
        raise ScaffoldError(f"id '{page_id}' must be lowercase words joined by hyphens, like 'direct-connect'")
    if not title.strip():
        raise ScaffoldError("a title is required, like --title 'Amazon Foo'")
    path = docs / "services" / category / f"{page_id}.md"
    rel = path.relative_to(docs).as_posix()
    sources = dict(_sources(docs))
    try:
        catalog = build_catalog(sources.items(), allow_placeholders=True)
    except DataError as error:
        raise ScaffoldError(f"fix the existing pages first: {error}") from None
    if page_id in catalog.pages:
        raise ScaffoldError(f"id '{page_id}' is already used by {shown(catalog.pages[page_id].src_path)}")
    if path.exists():
        raise ScaffoldError(f"{shown(rel)} already exists")
    text = render(page_id, title.strip(), category, aliases, default_tags(docs, category) if tags is None else tags)
    try:  # the build's own rules, on the pages plus the new one (whose placeholders are the point)
        build_catalog([*sources.items(), (rel, text)], allow_placeholders=True)
    except DataError as error:
        raise ScaffoldError(f"{error} (nothing written)") from None
    extra = {path.with_name(page_id + suffix): body for suffix, body in stubs(page_id, title.strip(), category).items()}
    for existing in extra:
        if existing.exists():
            raise ScaffoldError(f"{existing.relative_to(docs.parent).as_posix()} already exists (nothing written)")
    path.write_text(text, encoding="utf-8")
    for stub, body in extra.items():
        stub.write_text(body, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scaffold docs/services/<category>/<id>.md with valid front matter.")
    parser.add_argument("category", help="folder under docs/services/, e.g. networking")
    parser.add_argument("id", help="stable page id: lowercase words joined by hyphens, e.g. global-accelerator")
    parser.add_argument("--title", required=True, help="display name, e.g. 'AWS Global Accelerator'")
    parser.add_argument("--alias", action="append", default=[], help="another name or abbreviation the text uses (repeatable)")
    parser.add_argument("--tag", action="append", default=None, help="topic tag (repeatable); default: the category's usual tag")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    aliases = [a.strip() for item in args.alias for a in item.split(",") if a.strip()]
    try:
        path = scaffold(args.docs, args.category, args.id, args.title, aliases, args.tag)
    except ScaffoldError as error:
        print(f"new-service: {error}", file=sys.stderr)
        return 2
    for made in (path, path.with_suffix(".quiz.yml"), path.with_suffix(".limits.yml")):
        print(f"Created {made.relative_to(args.docs.parent) if args.docs.parent in made.parents else made}")
    print(f"Next: replace every '{MARKER}' line in these files (the build fails on each, naming file and line),")
    print("then link the page from a related page (or add the alias other pages use), preview with `make serve`")
    print("and run `make test`. CONTRIBUTING.md, 'Add a service page', says what each file holds.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
