#!/usr/bin/env python3
"""Publish the built site to S3 behind CloudFront with the AWS CLI: ``make deploy-s3``.

    scripts/deploy_s3.py --bucket BUCKET --distribution DISTRIBUTION_ID [--site site] [--dry-run]

What it runs, in this order (``--dry-run`` prints the same commands and runs none):

1. hashed assets (Material's ``bundle.<hash>.min.js``, ``main.<hash>.min.css``…): long
   cache, ``public, max-age=31536000, immutable`` - a new build gives new names;
2. every other file that is not HTML (our own scripts and styles, the search index,
   the sitemap, images): ``public, max-age=3600``, since their names do not change;
   the Anki deck (``*.apkg``) the same, with its own type ``application/vnd.anki`` (the
   AWS CLI guesses types from the machine's mime.types, and most do not know .apkg);
3. the HTML pages last, so a reader never gets a page whose assets are not there yet:
   ``public, max-age=0, must-revalidate``;
4. remove pages that no longer exist (old hashed assets are kept for cached pages);
5. wire the 404 page: CloudFront answers 403 and 404 from S3 with ``/404.html`` and
   status 404 (S3 behind an origin access control answers 403 for a missing key);
6. invalidate ``/*`` so CloudFront fetches the new pages.

Needs the AWS CLI v2 with credentials allowed to write the bucket and update the
distribution. Exit status 2 with one line on bad arguments or a missing site.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LONG_CACHE = "public, max-age=31536000, immutable"
ASSET_CACHE = "public, max-age=3600"
HTML_CACHE = "public, max-age=0, must-revalidate"
ERROR_PAGE = "/404.html"
ANKI_TYPE = "application/vnd.anki"  # Debian's and Anki's own name for .apkg files

# Material's fingerprinted files: name.<8+ hex digits>.min.js|css (and their source maps).
HASHED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)(?:\.map)?$")
BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
DISTRIBUTION = re.compile(r"^[A-Z0-9]{8,20}$")


class DeployError(Exception):
    pass


def hashed_assets(site: Path) -> list[str]:
    """Site-relative paths of the fingerprinted files, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and HASHED.search(p.name))


def sync_commands(site: Path, bucket: str) -> list[list[str]]:
    """The ``aws s3 sync`` commands, in upload order."""
    target = f"s3://{bucket}/"
    source = str(site)
    hashed = hashed_assets(site)
    long_cache = ["aws", "s3", "sync", source, target, "--exclude", "*"]
    for path in hashed:
        long_cache += ["--include", path]
    long_cache += ["--cache-control", LONG_CACHE]
    assets = ["aws", "s3", "sync", source, target, "--exclude", "*.html"]
    for path in hashed:
        assets += ["--exclude", path]
    assets += ["--exclude", "*.apkg", "--cache-control", ASSET_CACHE]
    decks = ["aws", "s3", "sync", source, target, "--exclude", "*", "--include", "*.apkg", "--cache-control", ASSET_CACHE]
    decks += ["--content-type", ANKI_TYPE]
    pages = ["aws", "s3", "sync", source, target, "--exclude", "*", "--include", "*.html", "--cache-control", HTML_CACHE]
    pages += ["--content-type", "text/html; charset=utf-8"]
    prune = ["aws", "s3", "sync", source, target, "--delete", "--size-only", "--exclude", "assets/*"]
    return [long_cache, assets, decks, pages, prune]


def error_responses() -> dict:
    """CloudFront CustomErrorResponses serving the site's 404 page."""
    items = [{"ErrorCode": code, "ResponsePagePath": ERROR_PAGE, "ResponseCode": "404", "ErrorCachingMinTTL": 60} for code in (403, 404)]
    return {"Quantity": len(items), "Items": items}


def with_error_page(distribution_config: dict) -> dict:
    """The distribution config with the 404 page wired (other settings untouched)."""
    config = dict(distribution_config)
    config["CustomErrorResponses"] = error_responses()
    return config


Runner = Callable[[list[str]], str]


def _run(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def deploy(site: Path, bucket: str, distribution: str, dry_run: bool, run: Runner = _run, say: Callable[[str], None] = print) -> list[str]:
    """Publish ``site``; return the commands, as the shell lines it ran (or would run)."""
    if not BUCKET.match(bucket):
        raise DeployError(f"'{bucket}' is not an S3 bucket name")
    if not DISTRIBUTION.match(distribution):
        raise DeployError(f"'{distribution}' is not a CloudFront distribution id (like E2QWRUHAPOMQZL)")
    if not (site / "index.html").is_file() or not (site / "404.html").is_file():
        raise DeployError(f"{site}/ has no index.html and 404.html: run `make build` first")
    if not dry_run and shutil.which("aws") is None:
        raise DeployError("the AWS CLI (`aws`) is not installed: see https://docs.aws.amazon.com/cli/")
    lines: list[str] = []

    def step(command: list[str]) -> str:
        line = shlex.join(command)
        lines.append(line)
        say(("(dry run) " if dry_run else "+ ") + line)
        return "" if dry_run else run(command)

    for command in sync_commands(site, bucket):
        step(command)
    current = step(["aws", "cloudfront", "get-distribution-config", "--id", distribution, "--output", "json"])
    if dry_run:
        etag, config_file = "<ETag>", "file://<distribution-config-with-404.json>"
    else:
        answer = json.loads(current)
        etag = answer["ETag"]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
            json.dump(with_error_page(answer["DistributionConfig"]), handle)
        config_file = f"file://{handle.name}"
    step(["aws", "cloudfront", "update-distribution", "--id", distribution, "--if-match", etag, "--distribution-config", config_file])
    step(["aws", "cloudfront", "create-invalidation", "--distribution-id", distribution, "--paths", "/*"])
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Publish site/ to S3 + CloudFront with the AWS CLI.")
    parser.add_argument("--bucket", required=True, help="S3 bucket name")
    parser.add_argument("--distribution", required=True, help="CloudFront distribution id")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--dry-run", action="store_true", help="print the AWS CLI commands without running them")
    args = parser.parse_args(argv)
    try:
        deploy(args.site, args.bucket, args.distribution, args.dry_run)
    except DeployError as error:
        print(f"deploy-s3: {error}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:
        print(f"deploy-s3: `{shlex.join(error.cmd)}` failed: {(error.stderr or '').strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
