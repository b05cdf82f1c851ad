#!/usr/bin/env python3
"""Scaffold a service page with valid front matter: ``make new-service``.

    scripts/new_service.py CATEGORY ID --title "Amazon Foo" [--alias FOO]... [--tag Tag]...

Writes ``docs/services/<CATEGORY>/<ID>.md``. Refuses (exit status 2, one line
naming the problem) an unknown category, an id already used by another page, a
malformed id, and a title or alias that already leads to another page. The new
page is checked with the same catalog rules the build applies before it is
written, so a scaffolded page always builds.
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
from studyguide.errors import DataError  # noqa: E402

BODY = """
One or two sentences: what {title} does and when the exam expects you to pick it.

## Key facts

* One fact a line, as the cheat sheet states it.
* Limits and quiz questions go in files beside this page (see CONTRIBUTING.md).
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
    front = {"id": page_id, "title": title, "type": "service", "category": category, "aliases": aliases, "tags": tags}
    text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=False, indent=2)
    text = text.replace("\n- ", "\n  - ")  # lists indented under their key, like the other pages
    return f"---\n{text}---\n{BODY.format(title=title)}"


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
        catalog = build_catalog(sources.items())
    except DataError as error:
        raise ScaffoldError(f"fix the existing pages first: {error}") from None
    if page_id in catalog.pages:
        raise ScaffoldError(f"id '{page_id}' is already used by docs/{catalog.pages[page_id].src_path}")
    if path.exists():
        raise ScaffoldError(f"docs/{rel} already exists")
    text = render(page_id, title.strip(), category, aliases, default_tags(docs, category) if tags is None else tags)
    try:  # the build's own rules, on the pages plus the new one
        build_catalog([*sources.items(), (rel, text)])
    except DataError as error:
        raise ScaffoldError(str(error).replace(rel, f"docs/{rel} (not written)")) from None
    path.write_text(text, encoding="utf-8")
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
    print(f"Created {path.relative_to(args.docs.parent) if args.docs.parent in path.parents else path}")
    print("Next: write its facts, then preview with `make serve` and check with `make test`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
