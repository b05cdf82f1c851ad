#!/usr/bin/env python3
"""Check every page's front matter with the build's own catalog rules (a fast pre-commit hook).

Exit status 1 and one line naming the file, line and entry when a page is wrong;
the full strict build (`make build`) checks the rest.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from studyguide.catalog import build_catalog  # noqa: E402
from studyguide.errors import DataError  # noqa: E402


def main(docs: Path = ROOT / "docs") -> int:
    sources = [
        (p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.md")) if "includes" not in p.parts
    ]
    try:
        catalog = build_catalog(sources)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"front matter OK: {len(catalog.pages)} pages in {len(catalog.categories)} categories")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
