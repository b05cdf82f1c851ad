"""Lighthouse audit (issue 7): `make audit`.

Builds the site (or takes --site), serves it on a free 127.0.0.1 port the way a static
host does (gzip for text, the CSP and headers from site/_headers), and runs Lighthouse
(npm package pinned in scripts/audit/package.json, installed into .cache/lighthouse)
in Debian's Chromium (CHROME_PATH) with the default mobile preset on the home page and
a service page. Targets: 100 for accessibility, best practices and SEO, 90+ performance.
Exits non-zero below target and prints the audits that cost points.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROME = "/usr/bin/chromium"
PAGES = ("", "services/networking/vpc/")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def site_headers(site: Path) -> list[tuple[str, str]]:
    """The headers the site asks for in its _headers file (written by hooks/csp.py)."""
    path = site / "_headers"
    headers = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("  ") and ":" in line:
                name, _, value = line.strip().partition(":")
                headers.append((name.strip(), value.strip()))
    return headers


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host: gzip for text files when the client accepts it, plus the site's headers."""

    extra_headers: tuple[tuple[str, str], ...] = ()

    def end_headers(self):
        for name, value in self.extra_headers:
            self.send_header(name, value)
        self.send_header("Cache-Control", "public, max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()

    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Host", (StaticHost,), {"extra_headers": tuple(site_headers(site))})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(cli: Path, url: str, out: Path, cpu_slowdown: float | None = None) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROME)}
    cmd = [
        "node",
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(TARGETS)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if cpu_slowdown is not None:  # Lighthouse's own knob for calibrating to the host's CPU
        cmd.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}")
    subprocess.run(cmd, env=env, check=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> tuple[dict[str, int], list[str]]:
    scores, losses = {}, []
    for key, category in report["categories"].items():
        scores[key] = round((category["score"] or 0) * 100)
        if scores[key] >= 100:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                losses.append(f"    {key}: {ref['id']} score {audit['score']:.2f} {value} — {audit['title']}")
    return scores, losses


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--lighthouse", type=Path, default=ROOT / ".cache/lighthouse/node_modules/lighthouse/cli/index.js")
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="site paths to audit")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        help="override the mobile preset's 4x CPU throttling (calibration for a slow or busy host; the default is the preset)",
    )
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory(prefix="studyguide-audit-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            build(site)
        server, base = serve(site)
        try:
            for page in args.pages:
                out = Path(tempfile.gettempdir()) / f"studyguide-lighthouse-{page.strip('/').replace('/', '-') or 'home'}.json"
                report = lighthouse(args.lighthouse, base + page, out, args.cpu_slowdown)
                scores, losses = summary(report)
                bench = report.get("environment", {}).get("benchmarkIndex")
                cpu = report["configSettings"]["throttling"]["cpuSlowdownMultiplier"]
                print(f"/{page}: " + ", ".join(f"{k} {v}" for k, v in scores.items()) + f"  (host benchmarkIndex {bench}, CPU x{cpu})")
                print("\n".join(losses))
                print(f"    (full report: {out})")
                ok &= all(scores[k] >= target for k, target in TARGETS.items())
        finally:
            server.shutdown()
    print("Lighthouse targets met" if ok else f"Lighthouse below target ({TARGETS})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
