"""Performance budget figures (issue 7): page weight, own JS+CSS, search index, serve rebuild.

    make bench-weight                                  # build, measure, check the budgets
    .venv/bin/python scripts/page_weight.py --site site/ --rebuild-runs 3

Sizes are gzip -9 of the files as built, which is what a reader downloads from a
host that compresses. "Own" JS and CSS are the files the project adds (docs/assets/,
overrides/assets/), not Material's bundle. The rebuild time is measured under
`mkdocs serve` on a free 127.0.0.1 port, on a scratch copy of the project: one page
is edited and the clock runs until the server returns the page with the edit.
Deterministic sizes are also tests (tests/test_budgets.py); timings live only here.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

from live_preview import LivePreview  # noqa: E402

from studyguide import bundles  # noqa: E402

KB = 1024
PAGE_BUDGET = 40 * KB  # largest page's HTML, gzipped
# The project's own JS + CSS, gzipped, all together. 15 KB until issue 15 (14.6 KB used), whose
# saved exams, history, export and import, validated storage, study sets and keys took it to
# 20.7 KB: one cached file for the whole site, fetched once (see README, "Your data").
# 28 KB since issues 20 and 21 (21.3 KB used before them): readiness by exam-guide task
# (readiness.js, the task controls, the map's styles) and the confirmation step before
# finishing or resetting, exam-safe keys, last time's result on page quizzes, phone fixes.
OWN_ASSETS_BUDGET = 28 * KB
OWN_ASSET_SOURCES = ("docs", "overrides")  # folders whose .js/.css are copied into the site as-is
EDITED_PAGE = "services/networking/vpc.md"


@dataclass
class Size:
    path: str
    raw: int
    gzipped: int


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def size_of(site: Path, path: Path) -> Size:
    return Size(path.relative_to(site).as_posix(), path.stat().st_size, gzipped_size(path))


def page_sizes(site: Path) -> list[Size]:
    """Every HTML page, largest (gzipped) first."""
    return sorted((size_of(site, p) for p in site.rglob("*.html")), key=lambda s: -s.gzipped)


def own_assets(site: Path, root: Path = ROOT) -> list[Size]:
    """The project's own JS and CSS as built: files under docs/ or overrides/ that land in the
    site as they are, and the two files hooks/bundles.py joins from extra_css and extra_javascript."""
    found = {site / uri: size_of(site, site / uri) for uri in (bundles.STYLESHEET, bundles.SCRIPT) if (site / uri).is_file()}
    for folder in OWN_ASSET_SOURCES:
        base = root / folder
        for source in sorted(base.rglob("*")):
            if source.suffix not in (".js", ".css") or not source.is_file():
                continue
            built = site / source.relative_to(base)
            if built.is_file():
                found[built] = size_of(site, built)
    return sorted(found.values(), key=lambda s: s.path)


def search_index(site: Path) -> Size:
    return size_of(site, site / "search" / "search_index.json")


# ---------------------------------------------------------------- rebuild under `mkdocs serve`


def serve_rebuild_times(runs: int = 3, timeout: float = 300, config: Callable[[str], str] | None = None) -> list[float]:
    """Seconds from saving an edit to one page until `mkdocs serve` serves the rebuilt page.

    ``config`` rewrites mkdocs.yml first (the benchmark's bare MkDocs + Material serve, which is
    not strict: without the hooks, a link to the generated deck is broken)."""
    with tempfile.TemporaryDirectory(prefix="studyguide-serve-") as scratch:
        project = Path(scratch)
        shutil.copytree(ROOT / "docs", project / "docs")
        text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(config(text) if config else text, encoding="utf-8")
        for name in ("hooks", "overrides"):
            (project / name).symlink_to(ROOT / name)
        page = project / "docs" / EDITED_PAGE
        times = []
        with LivePreview(project, timeout=timeout, strict=config is None) as preview:
            preview.wait_for(EDITED_PAGE, "<html")  # the first full build
            original = page.read_text(encoding="utf-8")
            for _ in range(runs):
                # letters only: a number in a page's text is a limit the limits hook would check
                token = "rebuildprobe" + "".join(random.choices(string.ascii_lowercase, k=12))
                time.sleep(1.0)  # let the watcher settle after the previous build
                times.append(preview.time_edit(page, original + f"\n\n{token}\n", EDITED_PAGE, token))
        return times


# ---------------------------------------------------------------- report


def kb(n: int) -> str:
    return f"{n / KB:.1f} KB"


def check(label: str, value: int, budget: int) -> tuple[bool, str]:
    ok = value <= budget
    return ok, f"  [{'ok' if ok else 'OVER'}] {label}: {kb(value)} gzipped (budget {kb(budget)})"


def report(site: Path, rebuild_runs: int) -> tuple[dict, list[str], bool]:
    pages = page_sizes(site)
    assets = own_assets(site)
    index = search_index(site)
    lines = [f"Page weight ({len(pages)} HTML pages, gzip -9)"]
    lines += [f"  {s.gzipped / KB:6.1f} KB  ({s.raw / KB:7.1f} KB raw)  {s.path}" for s in pages[:10]]
    median = statistics.median(s.gzipped for s in pages)
    lines.append(f"  median page {kb(int(median))} gzipped; all pages {kb(sum(s.gzipped for s in pages))}")
    lines.append("Own JS and CSS")
    lines += [f"  {s.gzipped / KB:6.1f} KB  ({s.raw / KB:7.1f} KB raw)  {s.path}" for s in assets]
    own_total = sum(s.gzipped for s in assets)
    lines.append(f"Search index: {kb(index.gzipped)} gzipped ({kb(index.raw)} raw)")
    figures = {
        "pages": [asdict(s) for s in pages],
        "largest_page": asdict(pages[0]),
        "own_assets": [asdict(s) for s in assets],
        "own_assets_gzipped": own_total,
        "search_index": asdict(index),
    }
    if rebuild_runs:
        times = serve_rebuild_times(rebuild_runs)
        figures["serve_rebuild_seconds"] = times
        each = ", ".join(f"{t:.2f}" for t in times)
        lines.append(f"Rebuild under `mkdocs serve` after editing {EDITED_PAGE}: median {statistics.median(times):.2f} s ({each})")
    lines.append("Budgets")
    ok_page, line_page = check(f"largest page ({pages[0].path})", pages[0].gzipped, PAGE_BUDGET)
    ok_assets, line_assets = check("own JS+CSS", own_total, OWN_ASSETS_BUDGET)
    lines += [line_page, line_assets]
    return figures, lines, ok_page and ok_assets


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one into a temp folder)")
    parser.add_argument("--rebuild-runs", type=int, default=3, help="edits timed under mkdocs serve (0: skip)")
    parser.add_argument("--json", type=Path, default=Path(tempfile.gettempdir()) / "studyguide-weight.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="studyguide-weight-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            build(site)
        figures, lines, ok = report(site, args.rebuild_runs)
    print("\n".join(lines))
    args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(f"(figures in {args.json})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
