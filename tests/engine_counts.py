"""What a reader sees on each page, counted the same way for a MkDocs and a Zensical build.

Used by tests/test_engines.py (issue 22). Only the page's own content is counted: the
``<article>`` up to the "Mentioned on / Related services" aside (a MkDocs template block), so
the two engines' navigation and theme chrome never enter the figures.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"

_ARTICLE = '<article class="md-content__inner md-typeset">'
_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
# A service or concept page: services/<category>/<page>/ or concepts/<page>/ (not a category index).
_PAGE_URL = re.compile(r"^(?:services/[^/]+/[^/]+|concepts/[^/]+)/$")

FIGURES = {
    "service_links": "links to service and concept pages",
    "tooltips": "<abbr> tooltips",
    "limit_tables": "limit tables",
    "limit_rows": "limit rows",
    "quiz_blocks": "quiz blocks",
    "quiz_questions": "quiz questions",
    "correction_notes": "correction notes",
    "status_banners": "status banners",
    "backlinks": 'links under "Related services" and "Mentioned on"',
}


_ASIDE = '<aside class="sg-crosslinks"'


def content(html: str) -> tuple[str, str]:
    """The page's own content, and the "Related services" / "Mentioned on" aside under it."""
    start = html.find(_ARTICLE)
    if start < 0:
        return "", ""
    end = html.find("</article>", start)
    article = html[start : end if end >= 0 else len(html)]
    cut = article.find(_ASIDE)
    if cut < 0:
        return article, ""
    return article[:cut], article[cut : article.find("</aside>", cut)]


def page_counts(html: str, url: str) -> dict[str, int]:
    """The figures of one page; ``url`` is the page's URL relative to the site ("services/x/y/")."""
    body, aside = content(html)
    links = 0
    for href in _HREF.findall(body):
        if href.startswith(("#", "http:", "https:", "mailto:")):
            continue
        path = href.split("#", 1)[0]
        target = posixpath.normpath(posixpath.join(url, path)).lstrip("./") + "/"
        if _PAGE_URL.match(target):
            links += 1
    return {
        "service_links": links,
        "tooltips": body.count("<abbr "),
        "limit_tables": body.count('<div class="sg-limits'),
        "limit_rows": body.count('class="sg-limits__anchor"'),
        "quiz_blocks": body.count('<section class="quiz"'),
        "quiz_questions": body.count('class="quiz__question"'),
        "correction_notes": body.count('<div class="sg-correction '),
        "status_banners": body.count('<div class="sg-status '),
        "backlinks": len(_HREF.findall(aside)),
    }


def site_counts(site: Path) -> dict[str, dict[str, int]]:
    """``{page URL: figures}`` for every page of a built site (directory URLs)."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        url = "" if rel == "." else rel + "/"
        if url.startswith(("search/", "assets/")):
            continue
        out[url] = page_counts(path.read_text(encoding="utf-8"), url)
    return out


def totals(counts: dict[str, dict[str, int]]) -> dict[str, int]:
    return {key: sum(page[key] for page in counts.values()) for key in FIGURES}


def data_stamp(project: Path) -> str:
    """A digest of what the pages are made from, as `make zensical` passes it (STUDYGUIDE_DATA_STAMP):
    Zensical reuses a page's cached render while its text and the Markdown configuration are
    unchanged, and this digest is part of that configuration."""
    digest = hashlib.sha1()
    for folder in ("docs", "hooks", "overrides"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and path.suffix in (".md", ".yml", ".py", ".txt", ".html") and "__pycache__" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class ZensicalBuild:
    returncode: int
    output: str
    site: Path


def run_zensical_build(project: Path, name: str = ".site-zensical-test") -> ZensicalBuild:
    """``zensical build --strict`` of ``project`` (its mkdocs.yml) into ``project/name``.

    Zensical wants the config, the docs and the site inside one project folder, so a small
    config inheriting mkdocs.yml is written there for the run and removed after."""
    config = project / f"{name}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {name}\n", encoding="utf-8")
    try:
        proc = subprocess.run(
            [str(ZENSICAL), "build", "--strict", "-f", str(config)],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "STUDYGUIDE_DATA_STAMP": data_stamp(project)},
        )
    finally:
        config.unlink(missing_ok=True)
    return ZensicalBuild(proc.returncode, proc.stdout + proc.stderr, project / name)
