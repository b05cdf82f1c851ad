"""`make audit` (scripts/audit.py): how Lighthouse runs are judged and how the site is served
to Lighthouse. Lighthouse itself runs only in `make audit` (a benchmark, not a test)."""

from __future__ import annotations

import gzip
import http.client
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import audit  # noqa: E402


def report(fcp: float, tti: float, performance: float = 0.95, benchmark: float = 1600, tbt: float = 100) -> dict:
    """The parts of a Lighthouse JSON report that scripts/audit.py reads."""
    numeric = {
        "first-contentful-paint": fcp,
        "interactive": tti,
        "largest-contentful-paint": fcp + 300,
        "total-blocking-time": tbt,
    }
    audits = {name: {"numericValue": value, "score": 1, "title": name} for name, value in numeric.items()}
    audits["total-blocking-time"]["score"] = 0.7 if tbt > 300 else 1
    audits["total-blocking-time"]["displayValue"] = f"{tbt} ms"
    categories = {
        "performance": {"score": performance, "auditRefs": [{"id": "total-blocking-time", "weight": 30}]},
        "accessibility": {"score": 1, "auditRefs": []},
        "best-practices": {"score": 1, "auditRefs": []},
        "seo": {"score": 1, "auditRefs": []},
    }
    return {
        "categories": categories,
        "audits": audits,
        "environment": {"benchmarkIndex": benchmark},
        "configSettings": {"throttling": {"cpuSlowdownMultiplier": 4}},
    }


def test_the_median_run_is_the_one_nearest_the_median_fcp_and_tti():
    fast = report(fcp=1200, tti=2000, performance=0.99)
    typical = report(fcp=1500, tti=2600, performance=0.93)
    slow = report(fcp=2400, tti=4500, performance=0.71)
    assert audit.median_run([slow, fast, typical]) is typical
    assert audit.median_run([typical]) is typical


def test_a_tie_goes_to_the_run_with_the_lower_tti():
    a, b = report(fcp=1000, tti=3000), report(fcp=1000, tti=2000)
    assert audit.median_run([a, b]) is b  # both equally far from the medians (1000, 2500)


def test_a_page_is_judged_on_its_median_run_not_its_best_or_worst(capsys):
    runs = iter([report(1200, 2000, 0.99), report(2400, 4500, 0.71), report(1500, 2600, 0.88)])
    chosen = audit.audit_page(lambda page, number: (next(runs), report(1500, 2600, 0.80)), "", runs=3)
    assert audit.scores(chosen)["performance"] == 88
    assert not audit.meets_targets(chosen)
    out = capsys.readouterr().out
    assert out.count("    run ") == 3  # every run is printed
    assert out.count("the same load at the preset's fixed x4: performance 80") == 3


def test_the_cpu_multiplier_is_the_presets_4x_scaled_to_the_hosts_benchmark():
    """Lighthouse's docs/throttling.md: 4x turns a high-end desktop (benchmarkIndex 1500-2000)
    into a mid-tier phone; calibration keeps that phone on slower and faster hosts alike."""
    assert audit.calibrated_slowdown(1500) == 4
    assert audit.calibrated_slowdown(750) == 2
    assert audit.calibrated_slowdown(2000) == 5.33  # a faster host is throttled harder than 4x
    assert audit.calibrated_slowdown(300) == 1  # slower than the simulated phone: no throttling


FAKE_LIGHTHOUSE = r"""
// Stands in for lighthouse/cli/index.js: -G writes artifacts, -A reports what it was given.
const fs = require("fs");
const arg = (name) => (process.argv.find((a) => a.startsWith(name)) || "").slice(name.length);
fs.appendFileSync(process.env.FAKE_LOG, process.argv.slice(3).join(" ") + "\n");
if (arg("-G=")) {
  const settings = { throttlingMethod: "simulate", throttling: { cpuSlowdownMultiplier: 4 } };
  fs.writeFileSync(arg("-G=") + "/artifacts.json", JSON.stringify({ settings, BenchmarkIndex: 900 }));
} else {
  const artifacts = JSON.parse(fs.readFileSync(arg("-A=") + "/artifacts.json"));
  const flag = +arg("--throttling.cpuSlowdownMultiplier=");
  if (flag !== artifacts.settings.throttling.cpuSlowdownMultiplier) process.exit(3);  // Lighthouse refuses this
  fs.writeFileSync(arg("--output-path="), JSON.stringify({ configSettings: { throttling: { cpuSlowdownMultiplier: flag } } }));
}
"""


def test_one_load_is_scored_calibrated_and_at_the_presets_4x(tmp_path, monkeypatch):
    """lighthouse() gathers once, then audits the same artifacts twice: at 4x, and at the
    multiplier due for the benchmark Lighthouse measured during the gather (900 -> x2.4)."""
    cli = tmp_path / "lighthouse.js"
    cli.write_text(FAKE_LIGHTHOUSE, encoding="utf-8")
    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_LOG", str(log))
    judged, preset = audit.lighthouse(cli, "http://127.0.0.1:1/", tmp_path / "vpc-1.json")
    assert judged["configSettings"]["throttling"]["cpuSlowdownMultiplier"] == 2.4
    assert preset["configSettings"]["throttling"]["cpuSlowdownMultiplier"] == 4
    assert (tmp_path / "vpc-1.preset.json").is_file()
    gather, *audits = log.read_text(encoding="utf-8").splitlines()
    assert "-G=" in gather and "--chrome-flags=" in gather
    assert len(audits) == 2 and all("-A=" in line for line in audits)
    fixed, _ = audit.lighthouse(cli, "http://127.0.0.1:1/", tmp_path / "vpc-2.json", cpu_slowdown=4)
    assert fixed["configSettings"]["throttling"]["cpuSlowdownMultiplier"] == 4
    # at the preset's own 4x the two scores are one simulation: audited once, both files written
    assert len(log.read_text(encoding="utf-8").splitlines()) == 3 + 2
    assert (tmp_path / "vpc-2.json").is_file() and (tmp_path / "vpc-2.preset.json").is_file()


def test_a_zero_metric_is_a_value_not_a_gap():
    assert audit.metric(report(1500, 2600, tbt=0), "total-blocking-time") == 0
    assert "TBT 0 ms" in audit.describe(report(1500, 2600, tbt=0))


def test_targets_need_every_category():
    good = report(1500, 2600, performance=0.90)
    assert audit.meets_targets(good)
    good["categories"]["seo"]["score"] = 0.92
    assert not audit.meets_targets(good)


def test_losses_name_the_audits_that_cost_points():
    slow = report(1500, 2600, performance=0.85, tbt=450)
    assert any("total-blocking-time score 0.70 450 ms" in line for line in audit.losses(slow))
    assert audit.losses(report(1500, 2600, performance=1.0)) == []


def test_lighthouse_sees_the_site_as_a_static_host_serves_it(tmp_path):
    """gzip for text and the headers from site/_headers (the CSP), as on a real host."""
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>" + "<p>study</p>" * 200, encoding="utf-8")
    (tmp_path / "_headers").write_text(
        "# comment\n/*\n  Content-Security-Policy: default-src 'self'\n  X-Content-Type-Options: nosniff\n", encoding="utf-8"
    )
    assert audit.site_headers(tmp_path) == [("Content-Security-Policy", "default-src 'self'"), ("X-Content-Type-Options", "nosniff")]
    server, base = audit.serve(tmp_path)
    try:
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body, headers = response.read(), response.headers
    finally:
        server.shutdown()
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Security-Policy"] == "default-src 'self'"
    assert b"<p>study</p>" in gzip.decompress(body)


def test_the_static_host_keeps_connections_alive(tmp_path):
    """Every real host does; under HTTP/1.0 each file opened a new connection, and Lighthouse's
    simulation charged each one a TCP handshake at the mobile preset's 150 ms round trip."""
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (tmp_path / "a.css").write_text("p { color: red }", encoding="utf-8")
    server, _ = audit.serve(tmp_path)
    connection = http.client.HTTPConnection(*server.server_address, timeout=10)
    try:
        for path in ("/", "/a.css", "/"):  # one connection, answered in turn
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.version == 11 and response.status == 200, path
            assert not response.will_close, path
    finally:
        connection.close()
        server.shutdown()
