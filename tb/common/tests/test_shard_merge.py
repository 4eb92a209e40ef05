"""The sharding contract, end to end (issue 13): the same selection run once unsharded and as N
shards, the shards merged by tools/merge.py, must give exactly the same totals: runs, passes, JUnit
testcases, every Verilator coverage point's count and every functional coverage bin's count.

It simulates (common_rtl + port_cfg, one seed per test, coverage builds: 37 runs twice; 3-4
minutes on two idle cores once the coverage builds exist, 10 measured at load 9), so it is skipped unless VIRTIP_SHARD_CHECK=1: run it with
`make shard-check` (.ci/run and the GitHub workflow do). SHARD_CHECK_BLOCKS / SHARD_CHECK_N / JOBS
change the selection, the number of shards and the parallel runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from tools.coverage import functional_coverage, parse_dat, run_dir
from tools.project import ROOT

pytestmark = pytest.mark.skipif(os.environ.get("VIRTIP_SHARD_CHECK") != "1",
                                reason="simulates for minutes: `make shard-check` (VIRTIP_SHARD_CHECK=1)")

BLOCKS = os.environ.get("SHARD_CHECK_BLOCKS", "common_rtl,port_cfg").split(",")
N = int(os.environ.get("SHARD_CHECK_N", "3"))
JOBS = os.environ.get("JOBS", "2")


def tool(*args: str) -> int:
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
    print(proc.stdout[-3000:], proc.stderr[-3000:])
    return proc.returncode


def junit(path: Path) -> tuple[Counter, set[tuple[str, str, str]]]:
    totals: Counter = Counter()
    cases = set()
    for s in ET.parse(path).iter("testsuite"):
        for k in ("tests", "failures", "errors"):
            totals[k] += int(s.get(k))
        for tc in s.iter("testcase"):
            verdict = "fail" if tc.find("failure") is not None else "error" if tc.find("error") is not None else "pass"
            cases.add((tc.get("classname"), tc.get("name"), verdict))
    return totals, cases


def figures(tree: Path) -> dict:
    runs = json.loads((tree / "last_runs.json").read_text())
    summary = json.loads((tree / "coverage" / "summary.json").read_text())
    fcov: dict[str, list[Path]] = {}
    for r in runs:
        if r["status"] == "PASS" and (run_dir(tree, r) / "fcov.json").exists():
            fcov.setdefault(r["block"], []).append(run_dir(tree, r) / "fcov.json")
    points = {key: count for key, (_fields, count) in parse_dat(tree / "coverage" / "merged.dat").items()}
    return {
        "runs": sorted((r["block"], r["test"], r["config"], r["seed"], r["inject"], r["status"]) for r in runs),
        "passes": sum(r["status"] == "PASS" for r in runs),
        "coverage": {b: {k: v for k, v in e.items() if k.endswith("_points") or k in ("functional_bins", "covergroups")}
                     for b, e in summary.items()},
        "points": points,
        "bins": functional_coverage(fcov),  # every bin's count, summed over the passing runs
    }


def test_merged_shards_equal_one_unsharded_run(tmp_path):
    sel = [a for b in BLOCKS for a in ("--block", b)]
    common = [*sel, "--coverage", "--seeds", "1", "--seed-base", "13", "--jobs", JOBS, "--no-rerun"]
    full, merged = tmp_path / "full", tmp_path / "merged"
    rc_full = tool("tools/regress.py", *common, "--out", str(full))
    rc_cov_full = tool("tools/coverage.py", "--root", str(full))
    shards = []
    for i in range(1, N + 1):
        shards.append(tmp_path / f"shard{i}")
        tool("tools/regress.py", *common, "--shard", f"{i}/{N}", "--out", str(shards[-1]))
    rc_merge = tool("tools/merge.py", "--shards", ",".join(map(str, shards)), "--out", str(merged))

    one, many = figures(full), figures(merged)
    assert one["runs"] and len(one["runs"]) > N
    for i, s in enumerate(shards):  # a real split: every shard ran some runs, none ran them all
        n = len(json.loads((s / "last_runs.json").read_text()))
        assert 0 < n < len(one["runs"]), f"shard {i + 1} ran {n} runs"
    assert many["runs"] == one["runs"]
    assert many["passes"] == one["passes"]
    assert junit(merged / "results.xml") == junit(full / "results.xml")
    assert many["coverage"] == one["coverage"]
    assert many["points"] == one["points"], "every Verilator coverage point has the same count"
    assert many["bins"] == one["bins"], "every functional coverage bin has the same count"
    assert set(one["bins"]) == set(BLOCKS)
    # merge fails exactly when the unsharded regression or its coverage gate fails
    assert (rc_merge != 0) == (rc_full != 0 or rc_cov_full != 0)
    print(f"shard-check: {len(one['runs'])} runs, {one['passes']} passed, "
          f"{len(one['points'])} coverage points, {N} shards: merged totals equal")
