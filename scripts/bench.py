"""Benchmark: clean strict build time with and without the project's hooks, and the live preview.

    make bench                       # today's site, a synthetic site 10x larger, edit-to-preview
    .venv/bin/python scripts/bench.py --runs 5 --scale 10 --json /tmp/bench.json
    make bench INSTRUCTIONS=1        # also instruction counts under valgrind (load-independent)

Each measurement is a fresh ``mkdocs build --strict`` in a subprocess into an
empty folder, bare and full builds alternating in ``--runs`` pairs; the table shows the
medians, and the median of the pairs' whole-process wall-time ratios (``WALL_BUDGET``). The bare build is
MkDocs + Material on the same pages: a copy of mkdocs.yml (theme, plugins, Markdown
extensions) with the ``hooks:`` list removed, so no cross-links, quizzes, limits and
no glossary tooltips (hooks/glossary.py adds those); pages keep their invisible
markers, which render as HTML comments. The full build may take at most
``RATIO_BUDGET`` times the bare one, on today's site and on the synthetic one, so
the hooks' cost per page stays flat as the site grows. Edit-to-preview is a real
``mkdocs serve``: one page is saved with a new word and the clock runs until the
server returns the page holding it (median of ``--preview-runs`` edits, at most
``PREVIEW_BUDGET`` seconds). The synthetic site copies every service
and concept page ``scale - 1`` more times under renamed category folders, with
renamed ids, titles and aliases, so the catalog stays valid and the text (and its
mentions) is the real one.

The script is a set of functions, one per measurement, so other figures (page
weight, say) can be added as more functions and more keys of the JSON report.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import page_weight  # noqa: E402  (the serve driver and its edit timing)

RATIO_BUDGET = 1.6  # full build / bare MkDocs + Material build of the same pages, CPU time, at most
# Issue 22: what a contributor waits for, the whole `mkdocs build --strict` process (start-up,
# imports, the deck, child processes), full against bare in alternating pairs: the median of the
# pairwise wall-time ratios, at most this much on today's site and on the synthetic one.
WALL_BUDGET = {"today": 1.4, "large": 1.3}
MIN_PAIRS = 8
PREVIEW_BUDGET = 3.0  # seconds from saving a page to `mkdocs serve` returning it, median


@dataclass
class Timing:
    label: str
    pages: int
    runs: list[float]  # CPU seconds (user + system) of each build
    wall: list[float] = field(default_factory=list)  # wall-clock seconds of each build
    strict: bool = True
    failed: str = ""
    lenient: bool = False  # may fall back to a non-strict build (the bare build only)
    cold: bool = False  # without the build cache, as the first build of a fresh clone

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else float("nan")

    @property
    def median_wall(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")


@dataclass
class Comparison:
    size: str
    with_hooks: Timing
    without_hooks: Timing
    overhead: float = field(init=False)

    def __post_init__(self):
        self.overhead = self.with_hooks.median / self.without_hooks.median - 1

    @property
    def ratio(self) -> float:
        return self.with_hooks.median / self.without_hooks.median

    @property
    def pair_ratios(self) -> list[float]:
        """Full / bare wall time of each alternating pair: the machine's drift hits both builds of a pair alike."""
        return [full / bare for full, bare in zip(self.with_hooks.wall, self.without_hooks.wall, strict=False) if bare > 0]

    @property
    def wall_ratio(self) -> float:
        return statistics.median(self.pair_ratios) if self.pair_ratios else float("nan")

    @property
    def wall_budget(self) -> float | None:
        if self.size.startswith("+") or self.size.endswith("cold"):
            return None  # a marginal measurement, or a first build: no budget of its own
        return WALL_BUDGET["today" if self.size == "today" else "large"]

    @property
    def within_budget(self) -> bool:
        budget = self.wall_budget
        return self.ratio <= RATIO_BUDGET and (budget is None or self.wall_ratio <= budget)


# ---------------------------------------------------------------- projects


def make_project(dest: Path, docs: Path, hooks: bool, drop: str = "") -> Path:
    """A project folder using ``docs`` and the repo's hooks/overrides; mkdocs.yml with or without hooks.

    The site's own mkdocs.yml turns on Material's ``navigation.prune`` (each page renders
    only its own branch of the navigation), so the large site is measured as it would ship.
    """
    dest.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not hooks:
        text = strip_hooks(text)
    if drop:
        text = drop_hook(text, drop)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name in ("hooks", "overrides"):
        link = dest / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    if not (dest / "docs").exists():
        (dest / "docs").symlink_to(docs)
    return dest


def drop_hook(config_text: str, hook: str) -> str:
    """mkdocs.yml without one entry of its ``hooks:`` list, e.g. ``hooks/crosslinks.py``."""
    return re.sub(rf"(?m)^\s+- {re.escape(hook)}\b.*\n", "", config_text, count=1)


def strip_hooks(config_text: str) -> str:
    """mkdocs.yml without its top-level ``hooks:`` list (comments and all), nor the project's
    Markdown extensions (``studyguide.mdext.*``, issue 22): the bare build is plain MkDocs + Material."""
    out, skipping, dropping = [], False, None
    for line in config_text.splitlines(keepends=True):
        if dropping is not None:  # the options of a dropped extension: the lines indented under it
            if line.strip() and len(line) - len(line.lstrip()) > dropping:
                continue
            dropping = None
        item = re.match(r"^(\s+)- studyguide\.mdext\.", line)
        if item:
            dropping = len(item.group(1))
            continue
        if re.match(r"^hooks:\s*(#.*)?$", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def synthetic_docs(dest: Path, scale: int) -> int:
    """Copy docs/ to ``dest`` and add ``scale - 1`` renamed copies of every service and concept page.

    Every service and concept page, original or copy, then gets one sentence naming the next
    one's title (a ring), so each has a page that links to it, as the strict build requires
    (hooks/orphans.py); the copy's list of pages allowed no link is emptied accordingly.
    """
    shutil.copytree(ROOT / "docs", dest, symlinks=False)
    services = ROOT / "docs" / "services"
    concepts = ROOT / "docs" / "concepts"
    for k in range(2, scale + 1):
        for category in sorted(p for p in services.iterdir() if p.is_dir()):
            target = dest / "services" / f"{category.name}-x{k}"
            target.mkdir()
            for page in sorted(category.glob("*.md")):
                (target / page.name).write_text(_rename(page.read_text(encoding="utf-8"), k, category.name), encoding="utf-8")
        # concept pages live directly under concepts/: copies get a suffix instead of a folder
        for page in sorted(concepts.glob("*.md")):
            if page.name == "index.md":
                continue
            (dest / "concepts" / f"{page.stem}-x{k}.md").write_text(_rename(page.read_text(encoding="utf-8"), k, None), encoding="utf-8")
    pages = sorted(p for p in [*(dest / "services").glob("*/*.md"), *(dest / "concepts").glob("*.md")] if p.name != "index.md")
    titles = [_title(p.read_text(encoding="utf-8")) for p in pages]
    for i, page in enumerate(pages):
        with page.open("a", encoding="utf-8") as out:  # in an added block: pages the project wrote allow no other prose
            out.write(
                f"\n\n/// added\nSee also {titles[(i + 1) % len(pages)]}.\n\nSources:\n\n- [AWS](https://docs.aws.amazon.com/)\n///\n"
            )
    (dest / "includes" / "unlinked-pages.txt").write_text("", encoding="utf-8")
    return sum(1 for _ in dest.rglob("*.md")) - sum(1 for _ in (dest / "includes").rglob("*.md"))


def _title(text: str) -> str:
    match = re.search(r"^title:\s*(.+)$", text.split("---", 2)[1], re.M) if text.startswith("---") else None
    return yaml.safe_load(match.group(1)) if match else ""


def _rename(text: str, k: int, category: str | None) -> str:
    """Give a copied page a unique id, title and names (front matter only; the body stays)."""
    if not text.startswith("---"):
        return text
    _, front, body = text.split("---", 2)
    data = yaml.safe_load(front) or {}
    suffix = f" X{k}"
    if "id" in data:
        data["id"] = f"{data['id']}-x{k}"
    if "title" in data:
        data["title"] = f"{data['title']}{suffix}"
    if category and "category" in data:
        data["category"] = f"{category}-x{k}"
    if "order" in data:
        data["order"] = data["order"] + 100 * k
    if data.get("aliases"):
        data["aliases"] = [f"{a}{suffix}" for a in data["aliases"]]
    status = data.get("lifecycle")
    if isinstance(status, dict):  # its names and successor follow the copy's
        if status.get("former"):
            status["former"] = f"{status['former']}{suffix}"
        if status.get("successor"):
            status["successor"] = f"{status['successor']}-x{k}"
    if data.get("sections"):
        data["sections"] = {anchor: [f"{n}{suffix}" for n in names] for anchor, names in data["sections"].items()}
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---" + body


# ---------------------------------------------------------------- measurements


def build_once(project: Path, strict: bool = True, cold: bool = False) -> tuple[float, float, int, str]:
    """One clean build: (CPU seconds, wall seconds, exit code, output).

    The build is single-threaded, so its CPU time is its build time on an idle
    machine; unlike wall time it does not grow when other jobs share the CPUs.
    """
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Measure builds as a contributor's machine runs them, with Python's bytecode cache: the
    # warm-up build writes it. (Some sandboxes set PYTHONDONTWRITEBYTECODE, which would make
    # every build recompile the hooks' 5,000 lines, a cost no real machine pays twice.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cold:  # a first build of a checkout: no results kept from a previous build (hooks/studyguide/buildcache.py)
        env["STUDYGUIDE_BUILD_CACHE"] = "0"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site), "--strict" if strict else "--no-strict"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(site, ignore_errors=True)
    return cpu, wall, proc.returncode, proc.stdout + proc.stderr


def measure_once(timing: Timing, project: Path) -> None:
    """One clean build of ``project``, added to ``timing``."""
    cpu, wall, code, output = build_once(project, strict=timing.strict, cold=timing.cold)
    if code != 0 and timing.strict and timing.lenient and not timing.runs:
        # Without hooks, a page may link to a page only a hook generates: measure non-strict then.
        # The full build never falls back: a warning there is a failure.
        timing.strict = False
        timing.failed = (output.strip().splitlines() or ["?"])[-1][:200]
        cpu, wall, code, output = build_once(project, strict=False)
    if code != 0:
        raise SystemExit(f"{timing.label}: the build failed:\n{output[-2000:]}")
    timing.runs.append(round(cpu, 3))
    timing.wall.append(round(wall, 3))
    print(f"  {timing.label}: {cpu:.2f}s CPU, {wall:.2f}s wall", flush=True)


_SUMMARY = re.compile(r"^summary:\s+(\d+)", re.MULTILINE)


def cachegrind_total(out_dir: Path) -> int:
    """Instructions counted in every ``cachegrind`` output file of ``out_dir`` (one per process)."""
    total = 0
    for path in sorted(out_dir.glob("cg.*")):
        found = _SUMMARY.search(path.read_text(encoding="utf-8", errors="replace"))
        if found is None:
            raise SystemExit(f"{path}: no 'summary:' line; was cachegrind stopped?")
        total += int(found.group(1))
    return total


def instructions_once(project: Path, strict: bool = True) -> int | None:
    """Instructions executed by one clean build, the process and its children (git), under valgrind.

    Unlike CPU or wall time, the count does not change when other jobs share the machine, so
    two builds compare exactly on a busy host; it is about 30x slower to take. None without
    valgrind. The Python bytecode cache is warm, as in ``build_once``.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    out = Path(tempfile.mkdtemp(prefix="bench-cg-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes", f"--cachegrind-out-file={out}/cg.%p"]
    cmd += [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site), "--strict" if strict else "--no-strict"]
    try:
        proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"{project}: the build under valgrind failed:\n{(proc.stdout + proc.stderr)[-2000:]}")
        return cachegrind_total(out)
    finally:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def instruction_ratio(work: Path, bare_strict: bool) -> dict:
    """Today's site, one full and one bare build under valgrind: instructions and their ratio ({} without valgrind)."""
    full = make_project(work / "today-hooks", ROOT / "docs", hooks=True)
    bare = make_project(work / "today-plain", ROOT / "docs", hooks=False)
    bare_count = instructions_once(bare, strict=bare_strict)
    full_count = instructions_once(full)
    if bare_count is None or full_count is None:
        return {}
    return {"bare": bare_count, "full": full_count, "ratio": round(full_count / bare_count, 3)}


def instructions_line(counts: dict) -> str:
    return (
        f"instructions (valgrind, the same whatever the machine's load): bare {counts['bare'] / 1e9:.2f} G, "
        f"full {counts['full'] / 1e9:.2f} G, ratio {counts['ratio']:.2f} (today's site, child processes included)"
    )


def compare(size: str, docs: Path, pages: int, runs: int, work: Path, cold: bool = False) -> list[Comparison]:
    """Runs alternate with and without hooks, so a change in the machine's load hits both alike.

    The full build is measured as a contributor runs it after the first build of a checkout:
    the warm-up build fills Python's bytecode cache and the hooks' build cache
    (``.cache/studyguide-build``, results reused while their inputs are byte for byte the same).
    With ``cold``, each pair also times a full build without the build cache, as the first build
    of a fresh clone (or `STUDYGUIDE_BUILD_CACHE=0`) runs: reported, with no budget of its own."""
    with_hooks = make_project(work / f"{size}-hooks", docs, hooks=True)
    without = make_project(work / f"{size}-plain", docs, hooks=False)
    plain = Timing(f"{size}, without hooks", pages, [], lenient=True)
    hooked = Timing(f"{size}, with hooks", pages, [])
    first = Timing(f"{size}, with hooks, no build cache", pages, [], cold=True)
    build_once(with_hooks)  # bytecode, file and build caches
    for _ in range(runs):
        measure_once(plain, without)
        measure_once(hooked, with_hooks)
        if cold:
            measure_once(first, with_hooks)
    return [Comparison(size, hooked, plain)] + ([Comparison(f"{size} cold", first, plain)] if cold else [])


def marginal(hook: str, runs: int, work: Path) -> Comparison:
    """Today's site with every hook against every hook but ``hook``: what that one hook costs."""
    pages = sum(1 for _ in (ROOT / "docs").rglob("*.md")) - sum(1 for _ in (ROOT / "docs" / "includes").rglob("*.md"))
    full = make_project(work / "marginal-all", ROOT / "docs", hooks=True)
    less = make_project(work / "marginal-less", ROOT / "docs", hooks=True, drop=hook)
    without = Timing(f"all hooks but {hook}", pages, [], lenient=True)
    everything = Timing("all hooks", pages, [])
    for _ in range(runs):
        measure_once(without, less)
        measure_once(everything, full)
    return Comparison(f"+{Path(hook).stem}", everything, without)


def hook_breakdown(project: Path) -> dict[str, float]:
    """CPU seconds spent in each hook file's event handlers during one in-process build.

    Tells which hook to optimise when the total overhead is over budget.
    """
    code = """
import json, os, resource, sys, tempfile, time
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config
spent = {}
def wrap(name, fn):
    def timed(*a, **k):
        start = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - start
    return timed
with tempfile.TemporaryDirectory() as site:
    config = load_config("mkdocs.yml", site_dir=site, strict=True)
    plugins = config.plugins
    for event, handlers in plugins.events.items():
        for i, handler in enumerate(handlers):
            module = getattr(handler, "__module__", "") or ""
            path = getattr(sys.modules.get(module), "__file__", "") or ""
            if "/hooks/" in path:
                handlers[i] = wrap(os.path.basename(path), handler)
    start = time.process_time()
    plugins.on_startup(command="build", dirty=False)
    build(config)
    total = time.process_time() - start
print(json.dumps({"total": total, **spent}))
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr[-500:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- report


def table(results: list[Comparison]) -> str:
    head = f"{'site':<10} {'pages':>6} {'bare':>8} {'full':>8} {'ratio':>6}   {'ms/page bare':>12} {'ms/page full':>12}"
    head += f"   {'wall bare':>9} {'wall full':>9} {'wall ratio':>10}  budget"
    rows = [head, "-" * len(head)]
    for r in results:
        verdict = "ok" if r.within_budget else "OVER"
        note = "" if r.without_hooks.strict else "  (bare: non-strict, see JSON)"
        pages = max(r.with_hooks.pages, 1)
        budget = f"<= {RATIO_BUDGET}x CPU" + (f", <= {r.wall_budget}x wall" if r.wall_budget else "")
        rows.append(
            f"{r.size:<10} {r.with_hooks.pages:>6} {r.without_hooks.median:>7.2f}s {r.with_hooks.median:>7.2f}s {r.ratio:>6.2f}"
            f"   {1000 * r.without_hooks.median / pages:>12.1f} {1000 * r.with_hooks.median / pages:>12.1f}"
            f"   {r.without_hooks.median_wall:>8.2f}s {r.with_hooks.median_wall:>8.2f}s {r.wall_ratio:>10.2f}"
            f"  {verdict} ({budget}){note}"
        )
    pairs = len(results[0].with_hooks.runs)
    rows.append(
        f"{pairs} alternating pairs (bare, full); CPU columns: medians of the build process's CPU seconds; "
        "wall ratio: the median of the pairs' whole-process wall-time ratios"
    )
    if pairs < MIN_PAIRS:
        rows.append(f"fewer than {MIN_PAIRS} pairs: the wall ratio is indicative only")
    return "\n".join(rows)


def zensical_times(runs: int) -> list[float]:
    """Wall seconds of whole `zensical build` processes of today's site (`make zensical`'s venv), or [] without it."""
    exe = ROOT / ".venv-zensical" / "bin" / "zensical"
    if not exe.exists():
        return []
    times = []
    for _ in range(runs + 1):  # the first run warms caches and is not counted
        start = time.perf_counter()
        proc = subprocess.run(
            [str(exe), "build", "--clean", "-f", "mkdocs.zensical.yml"], cwd=ROOT, capture_output=True, text=True, check=False
        )
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"zensical build failed:\n{(proc.stdout + proc.stderr)[-2000:]}")
    shutil.rmtree(ROOT / ".site-zensical-tmp", ignore_errors=True)
    return [round(t, 3) for t in times[1:]]


def preview_line(times: list[float], bare: list[float] | None = None) -> str:
    """The median edit against the budget; with ``bare``, beside a bare MkDocs + Material serve of
    the same pages on the same machine, which tells a slow machine from slow hooks."""
    median = statistics.median(times)
    verdict = "ok" if median <= PREVIEW_BUDGET else "OVER"
    each = ", ".join(f"{t:.2f}" for t in times)
    line = f"edit-to-preview under mkdocs serve: median {median:.2f} s ({each})  {verdict} (<= {PREVIEW_BUDGET:.0f} s)"
    if bare:
        each = ", ".join(f"{t:.2f}" for t in bare)
        line += f"\n  bare MkDocs + Material serve, same machine: median {statistics.median(bare):.2f} s ({each})"
    return line


def breakdown_table(breakdown: dict[str, float]) -> str:
    if "error" in breakdown:
        return f"per-hook breakdown failed: {breakdown['error']}"
    total = breakdown.get("total") or float("nan")
    rows = [f"{'hook':<16} {'CPU s':>7} {'share of build':>15}"]
    for name, seconds in sorted(breakdown.items(), key=lambda kv: -kv[1]):
        if name != "total":
            rows.append(f"{name:<16} {seconds:>7.2f} {seconds / total:>14.1%}")
    rows.append(f"{'whole build':<16} {total:>7.2f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=MIN_PAIRS, help="alternating (bare, full) pairs per site")
    parser.add_argument("--scale", type=int, default=10, help="size of the synthetic site, in copies of today's pages")
    parser.add_argument("--json", type=Path, default=Path(tempfile.gettempdir()) / "studyguide-bench.json")
    parser.add_argument("--large-runs", type=int, default=0, help="builds per measurement of the large site (default: --runs)")
    parser.add_argument("--skip-large", action="store_true", help="only today's site")
    parser.add_argument("--marginal", metavar="HOOK", help="also time today's site without one hook, e.g. hooks/crosslinks.py")
    parser.add_argument("--preview-runs", type=int, default=3, help="edits timed under mkdocs serve (0: skip)")
    parser.add_argument(
        "--instructions", action="store_true", help="also count today's builds' instructions under valgrind (load-independent; minutes)"
    )
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        pages = sum(1 for _ in (ROOT / "docs").rglob("*.md")) - sum(1 for _ in (ROOT / "docs" / "includes").rglob("*.md"))
        print(f"today's site: {pages} pages, {args.runs} runs each", flush=True)
        results += compare("today", ROOT / "docs", pages, args.runs, work, cold=True)
        if not args.skip_large:
            big = work / "docs-large"
            big_pages = synthetic_docs(big, args.scale)
            print(f"synthetic site x{args.scale}: {big_pages} pages, {args.runs} runs each", flush=True)
            runs = args.large_runs or args.runs
            results += compare(f"x{args.scale}", big, big_pages, runs, work)
        if args.marginal:
            print(f"today's site without {args.marginal}, {args.runs} runs each", flush=True)
            results.append(marginal(args.marginal, args.runs, work))
        print("per-hook CPU time (one in-process build of today's site)", flush=True)
        breakdown = hook_breakdown(make_project(work / "breakdown", ROOT / "docs", hooks=True))
        instructions = {}
        if args.instructions:
            print("instructions of one bare and one full build of today's site, under valgrind", flush=True)
            instructions = instruction_ratio(work, results[0].without_hooks.strict)
            if not instructions:
                print("  valgrind is not installed: no instruction counts", flush=True)
    print("zensical build of today's site (if .venv-zensical exists: make zensical)", flush=True)
    zensical = zensical_times(args.runs)
    preview, preview_bare = [], []
    if args.preview_runs:
        print(f"edit-to-preview: {args.preview_runs} edits under mkdocs serve, then as many under a bare serve", flush=True)
        preview = page_weight.serve_rebuild_times(args.preview_runs)
        preview_bare = page_weight.serve_rebuild_times(args.preview_runs, config=strip_hooks)
    print()
    print(table(results))
    print()
    print(breakdown_table(breakdown))
    if instructions:
        print()
        print(instructions_line(instructions))
    if zensical:
        each = ", ".join(f"{t:.2f}" for t in zensical)
        print(f"\nzensical build of today's site: median {statistics.median(zensical):.2f} s wall ({each}); hooks do not run there")
    if preview:
        print()
        print(preview_line(preview, preview_bare))
    report = {
        "ratio_budget": RATIO_BUDGET,
        "preview_budget": PREVIEW_BUDGET,
        "preview_seconds": preview,
        "preview_bare_seconds": preview_bare,
        "wall_budget": WALL_BUDGET,
        "zensical_seconds": zensical,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "hook_breakdown": breakdown,
        "instructions": instructions,
        "results": [
            {
                **asdict(r),
                "pair_ratios": [round(x, 3) for x in r.pair_ratios],
                "wall_ratio": r.wall_ratio,
                "with_hooks": {**asdict(r.with_hooks), "median": r.with_hooks.median},
                "without_hooks": {**asdict(r.without_hooks), "median": r.without_hooks.median},
            }
            for r in results
        ],
    }
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwritten to {args.json}")
    ok = all(r.within_budget for r in results) and (not preview or statistics.median(preview) <= PREVIEW_BUDGET)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
