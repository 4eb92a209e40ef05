#!/usr/bin/env python3
"""`make merge [SHARDS=dir,dir,...] [OUT=dir]`: combine the folders of sharded regressions
(`make sim|coverage SHARD=i/N`, each in sim_build/shards/<i>/ or wherever CI downloaded it) into
one tree, as if one machine had run every run:

    <out>/runs/...          every shard's run folders (copied; each run belongs to one shard)
    <out>/last_runs.json    the union of the shards' run lists
    <out>/results.xml       one JUnit file           <out>/testplan.md   the testplan status
    <out>/bench/<b>.json    the benchmark figures (tools/regress.py collect_bench on the union)
    <out>/coverage/         when the shards ran with coverage: tools/coverage.py on the union
                            (Verilator .dat files merged by verilator_coverage --write, functional
                            coverage bin by bin: counts add; HTML, lcov, Cobertura, summary.json)

and prints the same summary table `make sim` prints. The default shards are sim_build/shards/*/
and the default tree is sim_build/ itself. Fails (exit 1) if a run failed, a run is listed by two
shards, the shards disagree on their number or seeds, or coverage is below a threshold.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/merge.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools import coverage, plan_status, regress  # noqa: E402
from tools.project import SIM_BUILD, load_block, rel  # noqa: E402


def find_shards(spec: str | None) -> list[Path]:
    """SHARDS=a,b,c, or every folder of sim_build/shards/ holding a last_runs.json."""
    if spec:
        dirs = [Path(d.strip()).resolve() for d in spec.split(",") if d.strip()]
    else:
        dirs = sorted((p.parent for p in (SIM_BUILD / "shards").glob("*/last_runs.json")),
                      key=lambda p: (len(p.name), p.name))
    for d in dirs:
        if not (d / "last_runs.json").exists():
            raise SystemExit(f"merge: {rel(d)} holds no last_runs.json (not a regression's folder)")
    if not dirs:
        raise SystemExit("merge: no shards found under sim_build/shards/; run `make sim SHARD=i/N` first")
    return dirs


def copy_tree(src: Path, dst: Path) -> None:
    if src.resolve() == dst.resolve():
        return
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


def to_run(e: dict, out: Path) -> regress.Run:
    block = load_block(e["block"])
    test = next((t for t in block.tests if t.name == e["test"] and t.config == e["config"]), None)
    if test is None:
        raise SystemExit(f"merge: {e['block']}/{e['test']}@{e['config']} is not in the block's manifest")
    r = regress.Run(block, test, e["seed"], Path(), inject=e["inject"], coverage=bool(e.get("coverage")))
    r.status, r.reason = e["status"], e.get("reason", "")
    r.wall_s, r.sim_time_ns = float(e.get("wall_s", 0)), float(e.get("sim_time_ns", 0))
    r.wave_file = out / e["waves"] if e.get("waves") else None
    return r


def merge(shards: list[Path], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    entries: list[dict] = []
    owner: dict[tuple, Path] = {}
    metas = [json.loads((d / "shard.json").read_text()) for d in shards if (d / "shard.json").exists()]
    problems = []
    if len({(m["of"], m["seed_base"]) for m in metas}) > 1:
        problems.append(f"the shards disagree on their number or seed base: {metas}")
    for d in shards:
        for e in json.loads((d / "last_runs.json").read_text()):
            key = (e["block"], e["test"], e["config"], e["seed"], e["inject"])
            if key in owner:
                problems.append(f"{e['block']}/{e['test']}@{e['config']} seed={e['seed']} ran in {rel(owner[key])} "
                                f"and {rel(d)}")
                continue
            owner[key] = d
            if not e.get("rel"):
                raise SystemExit(f"merge: {rel(d)}/last_runs.json predates sharding (no `rel`); rerun the shard")
            src = d / e["rel"]
            if src.exists():
                copy_tree(src, out / e["rel"])
            if e.get("waves") and (d / e["waves"]).exists():
                copy_tree((d / e["waves"]).parent, (out / e["waves"]).parent)
            entries.append(e)
    # Every shard of the split must be here: a missing one would look like a smaller green run.
    if metas:
        n = metas[0]["of"]
        have = sorted(m["shard"] for m in metas)
        if have != list(range(1, n + 1)):
            problems.append(f"shards present {have}, expected 1..{n}")
        want_runs = metas[0]["all_runs"]
        if len(entries) != want_runs and not problems:
            problems.append(f"{len(entries)} runs in the shards, the split planned {want_runs}")

    regress.SIM_BUILD = plan_status.SIM_BUILD = out
    runs = sorted((to_run(e, out) for e in entries), key=lambda r: (r.block.name, r.name, r.seed))
    regress.write_junit(runs, out / "results.xml")
    regress.write_last_runs(runs)
    print(f"merge: {len(shards)} shards ({', '.join(rel(d) for d in shards)}) -> {rel(out)}: {len(runs)} runs")
    if any(r.test.bench for r in runs):
        regress.collect_bench(runs)
    cov_rc = 0
    if any(r.coverage for r in runs):
        cov_rc = coverage.report(out)
    blocks = sorted({r.block.name for r in runs})
    lines = plan_status.report(blocks)
    (out / "testplan.md").write_text("# Testplan status\n" + "\n".join(lines) + "\n")
    print("\n".join(line for line in lines if "testpoints passing" in line))
    regress.print_summary(runs)
    for p in problems:
        print(f"merge: ERROR: {p}")
    return 0 if not problems and cov_rc == 0 and all(r.status == "PASS" for r in runs) else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shards", help="comma-separated shard folders (default: sim_build/shards/*/)")
    ap.add_argument("--out", type=Path, default=SIM_BUILD, help="the merged tree (default sim_build/)")
    args = ap.parse_args()
    return merge(find_shards(args.shards), args.out.resolve())


if __name__ == "__main__":
    sys.exit(main())
