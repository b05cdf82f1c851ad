"""Cross-links report for contributors: what the automatic links miss.

    make links-report

Builds the site once (into a temporary folder) with the real hooks, then lists:

1. services named in the text ("Amazon Athena", "AWS Glue") that have no page yet;
2. aliases and section names that never matched any text (a typo, or a name
   nobody uses: drop it or fix it);
3. pages that no other page links to (mention them somewhere, or add the alias
   the text actually uses).

Exit status 0: the report informs, it does not judge. Use --json for a machine-readable copy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from studyguide.crosslinks import Matcher, names_of  # noqa: E402
from studyguide.frontmatter import parse  # noqa: E402

# "Amazon Athena", "AWS Glue DataBrew", "AWS Key Management Service": a vendor word and capitalised words.
PRODUCT = re.compile(r"\b(Amazon|AWS)[ \t]+((?:[A-Z0-9][\w@&-]*)(?:[ \t]+(?:for|and|of|on)(?=[ \t]+[A-Z]))?(?:[ \t]+[A-Z0-9][\w@&-]*)*)")
# AWS words that are not services: no page is missing for them.
NOT_SERVICES = {
    "Region",
    "Regions",
    "Cloud",
    "CLI",
    "API",
    "SDK",
    "Management Console",
    "Console",
    "Support",
    "Tools",
    "Certified",
    "Account",
}
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")


def build_site():
    """Build with the real config and hooks; return (catalog, graph, linker)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory(prefix="links-report-") as site:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    hook = next(p for p in config.plugins.values() if getattr(p, "__file__", "").endswith(os.path.join("hooks", "crosslinks.py")))
    from studyguide import state

    graph, linker = hook.last_build()
    return state.require_catalog(), graph, linker


def unknown_services(catalog) -> dict[str, list[str]]:
    """Product names in the Markdown text that no page's names cover, with the pages naming them."""
    matcher = Matcher(names_of(catalog))
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "docs").rglob("*.md")):
        rel = path.relative_to(ROOT / "docs").as_posix()
        if rel.startswith("includes/"):
            continue
        text = path.read_text(encoding="utf-8")
        fm_end = 0
        if parse(text, rel).data:
            fm_end = text.find("\n---", 3) + 4
        body = LINK_TARGET.sub(" ", CODE.sub(" ", text[fm_end:]))
        for match in PRODUCT.finditer(body):
            phrase = match.group(0)
            product_start = match.start(2) - match.start(0)
            hits = matcher.find(phrase)
            if any(start in (0, product_start) for start, _, _ in hits):
                continue
            # Keep the shortest readable form: vendor + first word(s) up to a lowercase joiner.
            if any(phrase.split(None, 1)[1].startswith(word) for word in NOT_SERVICES):
                continue
            found[phrase].add(rel)
    return {name: sorted(pages) for name, pages in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))}


def unused_names(catalog, hits: Counter) -> list[tuple[str, str, str]]:
    out = []
    for page in sorted(catalog.pages.values(), key=lambda p: p.src_path):
        for alias in page.aliases:
            if not hits.get(alias):
                out.append((page.src_path, "aliases", alias))
        for name, anchor in page.section_names:
            if not hits.get(name):
                out.append((page.src_path, f"sections: {anchor}", name))
    return out


def orphans(catalog, graph) -> list[str]:
    linked = graph.linked_ids()
    return sorted(p.src_path for p in catalog.pages.values() if p.id not in linked)


def report(catalog, graph, linker) -> dict:
    # A name matches case-insensitively when it has several words: count hits per casefold spelling too.
    hits: Counter = Counter()
    for name, n in linker.hits.items():
        hits[name] += n
    return {
        "unknown_services": unknown_services(catalog),
        "unused_names": [{"page": p, "key": k, "name": n} for p, k, n in unused_names(catalog, hits)],
        "orphan_pages": orphans(catalog, graph),
        "links": sum(graph.weights.values()),
        "pages": len(catalog.pages),
    }


def print_report(data: dict) -> None:
    print(f"Cross-links report: {data['links']} links between {data['pages']} pages\n")
    unknown = data["unknown_services"]
    print(f"1. Services named in the text with no page yet ({len(unknown)})")
    for name, pages in unknown.items():
        print(f"   {name:<45} {len(pages)} page(s): {', '.join(pages[:3])}{' …' if len(pages) > 3 else ''}")
    unused = data["unused_names"]
    print(f"\n2. Aliases and section names that never matched any text ({len(unused)})")
    for item in unused:
        print(f"   {item['page']:<55} {item['key']}: {item['name']}")
    orphan = data["orphan_pages"]
    print(f"\n3. Pages no other page links to ({len(orphan)})")
    for path in orphan:
        print(f"   {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    data = report(*build_site())
    print_report(data)
    if args.json:
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
