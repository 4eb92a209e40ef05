#!/usr/bin/env python3
"""Map regression results back onto each block's testplan (tb/<block>/testplan.toml).

Reading the plans and the status table live in tools/plan_status.py (tools/regress.py uses them
too); this is the command line and the plan/manifest check.

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
import sys
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/testplan.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools.plan_status import load_plan, report  # noqa: E402
from tools.project import SIM_BUILD, blocks, load_block  # noqa: E402


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--block", action="append")
    args = ap.parse_args()
    names = args.block or blocks()
    if args.check:
        problems = [p for b in names for p in check(b)]
        for p in problems:
            print(f"testplan: {p}")
        if not problems:
            print(f"testplan: {', '.join(names)}: testplans and manifests agree")
        return 1 if problems else 0
    lines = report(names)
    SIM_BUILD.mkdir(exist_ok=True)
    (SIM_BUILD / "testplan.md").write_text("# Testplan status\n" + "\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
