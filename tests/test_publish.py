"""Publishing: the S3 + CloudFront deploy script (dry run and a fake AWS CLI) and the GitHub workflows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import deploy_s3

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / ".venv" / "bin" / "actionlint"


@pytest.fixture
def built(tmp_path):
    """A small site as `make build` lays it out: pages, Material's hashed assets, our own assets."""
    site = tmp_path / "site"
    for rel in (
        "index.html",
        "404.html",
        "services/networking/vpc/index.html",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/javascripts/quiz.js",
        "search/search_index.json",
        "sitemap.xml",
        "downloads/sap-c02-questions.apkg",
    ):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    return site


def test_dry_run_prints_the_exact_commands(built):
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "deploy_s3.py"),
            "--bucket",
            "study-site",
            "--distribution",
            "E2QWRUHAPOMQZL",
            *["--site", str(built)],
            "--dry-run",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    s = str(built)
    hashed = "assets/javascripts/bundle.a5f9d56c.min.js", "assets/stylesheets/main.57a0d79d.min.css"
    assert proc.stdout.splitlines() == [
        f"(dry run) aws s3 sync {s} s3://study-site/ --exclude '*' --include {hashed[0]} --include {hashed[1]}"
        " --cache-control 'public, max-age=31536000, immutable'",
        f"(dry run) aws s3 sync {s} s3://study-site/ --exclude '*.html' --exclude {hashed[0]} --exclude {hashed[1]}"
        " --exclude '*.apkg' --cache-control 'public, max-age=3600'",
        f"(dry run) aws s3 sync {s} s3://study-site/ --exclude '*' --include '*.apkg'"
        " --cache-control 'public, max-age=3600' --content-type application/vnd.anki",
        f"(dry run) aws s3 sync {s} s3://study-site/ --exclude '*' --include '*.html'"
        " --cache-control 'public, max-age=0, must-revalidate' --content-type 'text/html; charset=utf-8'",
        f"(dry run) aws s3 sync {s} s3://study-site/ --delete --size-only --exclude 'assets/*'",
        "(dry run) aws cloudfront get-distribution-config --id E2QWRUHAPOMQZL --output json",
        "(dry run) aws cloudfront update-distribution --id E2QWRUHAPOMQZL --if-match '<ETag>'"
        " --distribution-config 'file://<distribution-config-with-404.json>'",
        "(dry run) aws cloudfront create-invalidation --distribution-id E2QWRUHAPOMQZL --paths '/*'",
    ]


def test_real_run_wires_the_404_page_and_invalidates(built, monkeypatch):
    monkeypatch.setattr(deploy_s3.shutil, "which", lambda name: "/usr/bin/aws")
    ran: list[list[str]] = []
    sent: dict = {}

    def fake_aws(command):
        ran.append(command)
        if command[:3] == ["aws", "cloudfront", "get-distribution-config"]:
            return json.dumps({"ETag": "E3ETAG", "DistributionConfig": {"Comment": "study", "Enabled": True}})
        if command[:3] == ["aws", "cloudfront", "update-distribution"]:
            path = command[command.index("--distribution-config") + 1].removeprefix("file://")
            sent.update(json.loads(Path(path).read_text(encoding="utf-8")))
        return "{}"

    deploy_s3.deploy(built, "study-site", "E2QWRUHAPOMQZL", dry_run=False, run=fake_aws, say=lambda line: None)
    assert [c[:3] for c in ran] == [["aws", "s3", "sync"]] * 5 + [
        ["aws", "cloudfront", "get-distribution-config"],
        ["aws", "cloudfront", "update-distribution"],
        ["aws", "cloudfront", "create-invalidation"],
    ]
    update = ran[6]
    assert update[update.index("--if-match") + 1] == "E3ETAG"
    assert sent["Comment"] == "study" and sent["Enabled"] is True  # the rest of the config is kept
    assert sent["CustomErrorResponses"]["Items"] == [
        {"ErrorCode": 403, "ResponsePagePath": "/404.html", "ResponseCode": "404", "ErrorCachingMinTTL": 60},
        {"ErrorCode": 404, "ResponsePagePath": "/404.html", "ResponseCode": "404", "ErrorCachingMinTTL": 60},
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bucket", "Bad_Bucket", "--distribution", "E2QWRUHAPOMQZL"], "not an S3 bucket name"),
        (["--bucket", "study-site", "--distribution", "nope"], "not a CloudFront distribution id"),
    ],
)
def test_bad_arguments_give_one_clear_line(built, args, message):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "deploy_s3.py"), *args, "--site", str(built), "--dry-run"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_missing_site_is_refused(tmp_path):
    with pytest.raises(deploy_s3.DeployError, match="run `make build` first"):
        deploy_s3.deploy(tmp_path, "study-site", "E2QWRUHAPOMQZL", dry_run=True, say=lambda line: None)


def test_make_deploy_s3_passes_bucket_and_distribution():
    dry = subprocess.run(
        ["make", "-n", "deploy-s3", "BUCKET=study-site", "DISTRIBUTION=E2QWRUHAPOMQZL", "DRY_RUN=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert dry.returncode == 0, dry.stderr
    assert "deploy_s3.py --bucket study-site --distribution E2QWRUHAPOMQZL --dry-run" in dry.stdout
    missing = subprocess.run(["make", "-n", "deploy-s3"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode != 0 and "BUCKET" in missing.stderr


# ------------------------------------------------------------------ GitHub Actions


def test_actionlint_passes_on_the_workflows():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files
    proc = subprocess.run([str(ACTIONLINT), *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope.x }\n", encoding="utf-8"
    )
    proc = subprocess.run([str(ACTIONLINT), str(broken)], capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and proc.stdout


def _ci() -> dict:
    return yaml.load((WORKFLOWS / "ci.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_pull_requests_run_make_test_and_upload_the_site():
    steps = _ci()["jobs"]["test"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "make test" in runs and "make properdocs" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "github.event_name == 'pull_request'"
    assert upload["with"]["path"] == "site/"
    build = next(s for s in steps if s.get("run") == "make build")
    assert steps.index(build) < steps.index(upload)


def test_ci_runs_the_lighthouse_audit_and_keeps_its_reports():
    audit_job = _ci()["jobs"]["audit"]
    assert audit_job["needs"] == "test"
    runs = [s.get("run", "") for s in audit_job["steps"]]
    assert "make audit" in runs
    upload = next(s for s in audit_job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == ".cache/audit/" and upload["if"] == "always()"


def test_main_publishes_to_github_pages_after_the_tests():
    jobs = _ci()["jobs"]
    build, deploy = jobs["pages-build"], jobs["pages-deploy"]
    assert build["needs"] == "test" and "refs/heads/main" in build["if"] and "push" in build["if"]
    uses = [s.get("uses", "") for s in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert deploy["needs"] == "pages-build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert _ci()["permissions"] == {"contents": "read"}  # write access only where Pages needs it


def test_readme_documents_both_ways_to_publish():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Publishing") :]
    for needle in ("GitHub Pages", "make deploy-s3 BUCKET=", "DISTRIBUTION=", "DRY_RUN=1", "404"):
        assert needle in section, needle
