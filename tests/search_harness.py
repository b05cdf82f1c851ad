"""Run search queries through Material's own search worker in Chromium.

The ranking is the browser's: the page loads the site's search worker
(``assets/javascripts/workers/search.*.min.js``, Material's lunr.js build),
hands it ``search/search_index.json`` exactly as Material's bundle does
(``{config, docs, options}``), and posts each query as the search box would.
The worker answers with result groups, one per page, best first; this module
returns the pages in that order.

Also a small CLI for tuning: ``python tests/search_harness.py SITE_DIR`` builds
nothing, it scores an existing build against tests/search_queries.yml.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")

# Runs in the page. Mirrors Material's setupSearchWorker (integrations/search/worker/_)
# and the message types of integrations/search/worker/message: SETUP=0, READY=1, QUERY=2, RESULT=3.
_RANK_JS = """
async ({queries, limit}) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, base));
  const ask = (message, expected) => new Promise((resolve, reject) => {
    worker.onmessage = event => event.data.type === expected ? resolve(event.data) : reject(event.data);
    worker.onerror = reject;
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}}, 1);
  const out = {};
  for (const query of queries) {
    const result = await ask({type: 2, data: query}, 3);
    out[query] = result.data.items.slice(0, limit).map(group => {
      const top = group.find(item => !item.location.includes("#")) || group[0];
      return new URL(top.location.split("#")[0], base).pathname.slice(base.pathname.length);
    });
  }
  worker.terminate();
  return out;
}
"""


@dataclass(frozen=True)
class Query:
    query: str
    page: str  # the page's URL relative to the site root, e.g. "services/networking/vpc/"
    fact: str = ""


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(item["query"], item["page"], item.get("fact", "")) for item in data["queries"]]


def rank(page, site_url: str, queries: list[str], limit: int = 10) -> dict[str, list[str]]:
    """Page URLs (relative to the site root) in the order the search worker ranks them."""
    page.goto(site_url + "/")
    return page.evaluate(_RANK_JS, {"queries": queries, "limit": limit})


@dataclass
class Score:
    total: int
    first: int
    top3: int
    misses: list[tuple[Query, list[str]]]

    @property
    def first_ratio(self) -> float:
        return self.first / self.total

    @property
    def top3_ratio(self) -> float:
        return self.top3 / self.total

    def report(self) -> str:
        lines = [f"first: {self.first}/{self.total} ({self.first_ratio:.1%}), top 3: {self.top3}/{self.total} ({self.top3_ratio:.1%})"]
        for query, got in self.misses:
            where = got.index(query.page) + 1 if query.page in got else "-"
            lines.append(f"  rank {where}: {query.query!r} -> want {query.page}, got {got[:3]}")
        return "\n".join(lines)


def score(queries: list[Query], ranked: dict[str, list[str]]) -> Score:
    first = top3 = 0
    misses = []
    for query in queries:
        got = ranked[query.query]
        first += bool(got) and got[0] == query.page
        top3 += query.page in got[:3]
        if not got or got[0] != query.page:
            misses.append((query, got))
    return Score(len(queries), first, top3, misses)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(argv: list[str]) -> int:  # pragma: no cover - a tuning aid
    from playwright.sync_api import sync_playwright

    site = Path(argv[1])
    queries = load_queries(Path(argv[2]) if len(argv) > 2 else QUERIES_FILE)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            ranked = rank(page, f"http://127.0.0.1:{server.server_address[1]}", [q.query for q in queries])
            browser.close()
    finally:
        server.shutdown()
    print(score(queries, ranked).report())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv))
