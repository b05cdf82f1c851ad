"""Which pages' facts were checked against AWS's documentation, and when (issue 12).

    make review-report

Lists every service and concept page by its ``reviewed:`` month (front matter), oldest
first, then the pages never reviewed, with each page's count of corrections. Exit status
1 when a page has never been reviewed, so CI can hold the line; the test suite asserts
the same.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "hooks"))

from studyguide import corrections, docsfiles  # noqa: E402
from studyguide.catalog import build_catalog  # noqa: E402
from studyguide.provenance import month_label  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DOCS, help="the docs folder (default: the project's)")
    docs = parser.parse_args(argv).docs
    catalog = build_catalog(docsfiles.read(docs, ".md"))
    book, _errors = corrections.load_book(docsfiles.read(docs, corrections.SUFFIX), catalog)
    reviewed = sorted((p for p in catalog.pages.values() if p.reviewed), key=lambda p: (p.reviewed, p.src_path))
    never = sorted((p for p in catalog.pages.values() if not p.reviewed), key=lambda p: p.src_path)
    by_month = Counter(p.reviewed for p in reviewed)
    print(f"{len(catalog.pages)} service and concept pages: {len(reviewed)} reviewed, {len(never)} never reviewed")
    for month, count in sorted(by_month.items()):
        print(f"  {month_label(month)}: {count} page(s)")
    print()
    print(f"{'reviewed':<10} {'corrections':>11}  page")
    for page in reviewed:
        status = f"  [{page.status.label}]" if page.status else ""
        print(f"{page.reviewed:<10} {len(book.for_page(page.src_path)):>11}  docs/{page.src_path}{status}")
    if never:
        print("\nNever reviewed:")
        for page in never:
            print(f"  docs/{page.src_path}")
    return 1 if never else 0


if __name__ == "__main__":
    sys.exit(main())
