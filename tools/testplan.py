#!/usr/bin/env python3
"""Map regression results back onto each block's testplan (tb/<block>/testplan.toml).

A testpoint is done when every test it names ran and passed in the last regression; a covergroup
is done when the coverage report closed it. `--check` (run by `make lint`) only verifies that the
testplan and the manifest agree: every testpoint names tests the manifest lists, and every listed
test serves some testpoint.

testplan.toml:
    [[testpoint]]
    name = "hit_path"
    stage = "V1"
    goal = "..."
    stimulus = "..."
    checks = "..."
    tests = ["test_random_traffic"]

    [[covergroup]]
    name = "response_cg"
    desc = "..."
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.regress import SIM_BUILD, all_blocks, load_block  # noqa: E402


def load_plan(block: str) -> dict:
    path = ROOT / "tb" / block / "testplan.toml"
    return tomllib.loads(path.read_text()) if path.exists() else {}


def check(block: str) -> list[str]:
    plan = load_plan(block)
    if not plan:
        return [f"{block}: no tb/{block}/testplan.toml"]
    tests = load_block(block).tests
    listed = {t.name for t in tests}
    planned = {t for tp in plan.get("testpoint", []) for t in tp.get("tests", [])}
    problems = [f"{block}: testplan names {t!r}, which the manifest does not list" for t in sorted(planned - listed)]
    problems += [f"{block}: manifest test {t!r} serves no testpoint" for t in sorted(listed - planned)]
    problems += [f"{block}: testpoint {tp['name']!r} has no test" for tp in plan.get("testpoint", []) if not tp.get("tests")]
    seen = [(t.name, t.config) for t in tests]
    problems += [f"{block}: manifest lists {n}@{c} twice" for n, c in sorted(set(seen)) if seen.count((n, c)) > 1]
    if not any(t.negative for t in tests):
        problems.append(f"{block}: no negative test: nothing shows its scoreboard can fail")
    return problems


def report(blocks: list[str]) -> list[str]:
    """Print each testpoint's status from sim_build/last_runs.json; return the lines for testplan.md."""
    runs = json.loads((SIM_BUILD / "last_runs.json").read_text()) if (SIM_BUILD / "last_runs.json").exists() else []
    cov = SIM_BUILD / "coverage" / "summary.json"
    covsum = json.loads(cov.read_text()) if cov.exists() else {}
    lines = []
    for block in blocks:
        plan = load_plan(block)
        if not plan:
            continue
        done = 0
        lines.append(f"\n## {block}\n\n| testpoint | stage | tests | runs passed |\n|---|---|---|---|")
        for tp in plan.get("testpoint", []):
            rs = [r for r in runs if r["block"] == block and r["test"] in tp.get("tests", [])]
            passed = sum(r["status"] == "PASS" for r in rs)
            ran = {r["test"] for r in rs}
            ok = rs and passed == len(rs) and ran == set(tp["tests"])
            done += bool(ok)
            lines.append(f"| {tp['name']} | {tp.get('stage', '')} | {', '.join(tp['tests'])} | "
                         f"{passed}/{len(rs)}{'' if ok else ' (open)'} |")
        cgs = covsum.get(block, {}).get("covergroups", {})
        for cg in plan.get("covergroup", []):
            lines.append(f"| covergroup {cg['name']} | | | {cgs.get(cg['name'], 'not measured')}% |")
        n = len(plan.get("testpoint", []))
        lines.append(f"\n{block}: {done}/{n} testpoints passing in the last regression")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--block", action="append")
    args = ap.parse_args()
    blocks = args.block or all_blocks()
    if args.check:
        problems = [p for b in blocks for p in check(b)]
        for p in problems:
            print(f"testplan: {p}")
        if not problems:
            print(f"testplan: {', '.join(blocks)}: testplans and manifests agree")
        return 1 if problems else 0
    lines = report(blocks)
    (SIM_BUILD / "testplan.md").write_text("# Testplan status\n" + "\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
