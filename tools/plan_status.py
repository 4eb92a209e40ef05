"""Each block's testplan (tb/<block>/testplan.toml) and its status after a regression.

Shared by tools/regress.py (which writes sim_build/testplan.md after every full regression) and
tools/testplan.py (the command line, and the testplan/manifest check `make lint` runs).
"""

from __future__ import annotations

import json
import tomllib

from tools.project import SIM_BUILD, TB


def load_plan(block: str) -> dict:
    """tb/<block>/testplan.toml as a dict ({} when the block has none)."""
    path = TB / block / "testplan.toml"
    return tomllib.loads(path.read_text()) if path.exists() else {}


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
