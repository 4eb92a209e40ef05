"""Rank a block's register-to-register paths from its synthesized netlist (before P&R).

`make synth` reports one critical path per run (nextpnr's), several minutes apart. This script
reads the Yosys netlist `make synth` left behind (sim_build/synth/<block>/netlist.json), estimates
every endpoint's arrival time with a simple ECP5 delay model (per-cell delays plus a per-net
routing estimate that grows with fan-out; carry chains and LUT->PFUMX hops are free of routing),
and prints the worst endpoint groups with the RTL lines along their paths. It is a ranking aid
for timing work, not a timing sign-off: nextpnr's figure is the one reported.

    python tools/synth_paths.py [--netlist PATH] [--module bat_clat] [--top 30]

With `--routed PATH` (the pnr_report.json of a run with nextpnr's `--detailed-timing-report`, which
`make synth` writes) the ranking uses the routed arrival of every endpoint instead of the estimate:
it lists every endpoint group that misses the clock period (routed arrival + setup), each with the
count of its endpoints over the period, and the path (RTL lines, signals) the delay model finds
into it. One place-and-route run then shows all the failing paths, not only the worst.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/synth_paths.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools.project import SIM_BUILD  # noqa: E402

# Rough ECP5 speed-8 figures (ns); only their ratios matter for the ranking.
CLK_TO_Q = 0.45
SETUP = 0.1
LUT = 0.25
MUX = 0.15  # PFUMX / L6MUX21 (inputs from the same slice)
CARRY_IN = 0.35  # CCU2C data input -> COUT / S
CARRY_STEP = 0.06  # CIN -> COUT
CARRY_SUM = 0.25  # CIN -> S
RAM_READ = 0.6  # TRELLIS_DPR16X4 RAD -> DO


def net_delay(fanout: int) -> float:
    return 0.45 + 0.15 * math.log2(fanout + 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--block", default="bat_clat")
    ap.add_argument("--netlist", type=Path)
    ap.add_argument("--module", help="module to analyse (default: the block name)")
    ap.add_argument("--top", type=int, default=30, help="endpoint groups to print")
    ap.add_argument("--routed", type=Path,
                    help="pnr_report.json with detailed net timings: rank by routed arrival")
    ap.add_argument("--slack", type=float, default=0.0,
                    help="with --routed: also list groups within this many ns of the period")
    args = ap.parse_args(argv)
    path = args.netlist or SIM_BUILD / "synth" / args.block / "netlist.json"
    mod = json.loads(path.read_text())["modules"][args.module or args.block]

    drivers: dict[int, tuple[str, str]] = {}
    sinks: dict[int, list[tuple[str, str]]] = defaultdict(list)
    cells = mod["cells"]
    for name, c in cells.items():
        for port, bits in c["connections"].items():
            d = c["port_directions"].get(port)
            for b in bits:
                if isinstance(b, str):
                    continue
                if d == "output":
                    drivers[b] = (name, port)
                else:
                    sinks[b].append((name, port))
    port_of_bit: dict[int, str] = {}
    for pname, p in mod["ports"].items():
        for i, b in enumerate(p["bits"]):
            if isinstance(b, int):
                port_of_bit[b] = f"{pname}[{i}]"
    # A bit's best name: a register's own name (`*_q`) over derived ones, the shortest of those.
    names: dict[int, list[str]] = defaultdict(list)
    for nname, n in mod["netnames"].items():
        if n.get("hide_name"):
            continue
        for i, b in enumerate(n["bits"]):
            if isinstance(b, int):
                names[b].append(f"{nname}[{i}]" if len(n["bits"]) > 1 else nname)
    netname = {
        b: min(v, key=lambda x: (not re.search(r"_q\b|_q\[|_q\.", x), "LUT4" in x, len(x)))
        for b, v in names.items()
    }
    # Names written in the RTL (not made up by Yosys from cell names) along a path say what it is.
    rtl_names = {
        b: sorted({re.sub(r"\[\d+\]$", "", x) for x in v if not re.search(r"LUT4|TRELLIS|CCU2C|PFUMX|L6MUX", x)},
                  key=len)
        for b, v in names.items()
    }

    def src(cell: str) -> str:
        s = cells[cell]["attributes"].get("src", "")
        for part in s.split("|"):
            m = re.search(r"rtl/(\S+?):(\d+)", part)
            if m:
                return f"{m.group(1)}:{m.group(2)}"
        return ""

    # Arrival time of every net, memoised depth-first over combinational cells.
    arrival: dict[int, float] = {}
    pred: dict[int, int | None] = {}

    def intra(from_cell: str | None, to_cell: str, to_port: str) -> bool:
        if from_cell is None:
            return False
        ft, tt = cells[from_cell]["type"], cells[to_cell]["type"]
        if tt in ("PFUMX", "L6MUX21") and to_port != "C0" and ft in ("LUT4", "PFUMX"):
            return True
        return ft == "CCU2C" and tt == "CCU2C" and to_port == "CIN"

    def cell_inputs(cell: str, out_port: str) -> list[tuple[str, float]]:
        c = cells[cell]
        t = c["type"]
        if t == "LUT4":
            return [(p, LUT) for p in ("A", "B", "C", "D")]
        if t in ("PFUMX", "L6MUX21"):
            return [("ALUT", MUX), ("BLUT", MUX), ("C0", MUX)] if t == "PFUMX" else [
                ("D0", MUX), ("D1", MUX), ("SD", MUX)]
        if t == "CCU2C":
            ins = [(p, CARRY_IN) for p in ("A0", "B0", "C0", "D0", "A1", "B1", "C1", "D1")]
            return ins + [("CIN", CARRY_STEP if out_port == "COUT" else CARRY_SUM)]
        if t == "TRELLIS_DPR16X4":
            return [("RAD", RAM_READ)]
        return []

    stack_guard: set[int] = set()

    def arr(bit: int) -> float:
        if bit in arrival:
            return arrival[bit]
        if bit in stack_guard:  # combinational loop through an unmodelled cell: cut it
            return 0.0
        stack_guard.add(bit)
        drv = drivers.get(bit)
        best, best_pred = 0.0, None
        if drv is None:
            best = CLK_TO_Q  # block input: a wrapper flop
        else:
            cell, port = drv
            t = cells[cell]["type"]
            if t == "TRELLIS_FF":
                best = CLK_TO_Q
            else:
                for ip, d in cell_inputs(cell, port):
                    for b in cells[cell]["connections"].get(ip, []):
                        if isinstance(b, str):
                            continue
                        src_drv = drivers.get(b)
                        hop = 0.0 if intra(src_drv[0] if src_drv else None, cell, ip) else net_delay(
                            len(sinks[b]))
                        a = arr(b) + hop + d
                        if a > best:
                            best, best_pred = a, b
        stack_guard.discard(bit)
        arrival[bit], pred[bit] = best, best_pred
        return best

    endpoints: list[tuple[float, str, int]] = []
    for name, c in cells.items():
        t = c["type"]
        ports = {"TRELLIS_FF": ("DI", "M", "CE", "LSR"), "TRELLIS_DPR16X4": ("WAD", "WRE", "DI")}.get(t, ())
        if t == "DP16KD":  # block RAM: every clocked input (addresses, data, enables)
            ports = tuple(p for p, d in c["port_directions"].items()
                          if d == "input" and not p.startswith("CLK"))
        for p in ports:
            for b in c["connections"].get(p, []):
                if isinstance(b, int):
                    endpoints.append((arr(b) + net_delay(len(sinks[b])) + SETUP, f"{name}.{p}", b))
    for b, pname in port_of_bit.items():
        if mod["ports"][pname.split("[")[0]]["direction"] == "output":
            endpoints.append((arr(b) + net_delay(len(sinks[b])), f"port {pname}", b))

    def path_of(bit: int) -> list[int]:
        p = [bit]
        while pred.get(p[-1]) is not None:
            p.append(pred[p[-1]])
        return p[::-1]

    def label(bit: int) -> str:
        """A register's name without its bit index (the group of one endpoint/start)."""
        n = netname.get(bit) or port_of_bit.get(bit) or "?"
        return re.sub(r"\[\d+\]$", "", n)

    def group(name: str) -> str:
        cell, _, port = name.rpartition(".")
        if cell in cells and cells[cell]["type"] == "TRELLIS_FF":
            q = next((b for b in cells[cell]["connections"]["Q"] if isinstance(b, int)), None)
            if q is None:
                return name
            lab = label(q)
            # a register Yosys named after the logic around it: its RTL line says more
            if re.search(r"LUT4|TRELLIS|CCU2C|PFUMX|L6MUX", lab) and src(cell):
                return f"{src(cell)} (register).{port}"
            return f"{lab}.{port}"
        return re.sub(r"(_DPR16X4|\[\d+\]|_\d+)+.*$", "", name)

    over: dict[str, int] = defaultdict(int)  # routed: endpoints of a group over the limit
    if args.routed:
        report = json.loads(args.routed.read_text())
        if "detailed_net_timings" not in report:
            print(f"{args.routed}: no detailed net timings (nextpnr --detailed-timing-report)", file=sys.stderr)
            return 2
        period = min(1000.0 / f["constraint"] for f in report["fmax"].values())
        routed: dict[str, float] = {}
        for net in report["detailed_net_timings"]:
            for ep in net["endpoints"]:
                cell = ep["cell"].split(".", 1)[1] if ep["cell"].startswith("u_dut.") else None
                delay = ep["delay"][1] if isinstance(ep["delay"], list) else ep["delay"]
                if cell is not None:
                    key = f"{cell}.{ep['port']}"
                    routed[key] = max(routed.get(key, 0.0), delay)
        limit = period - args.slack
        endpoints = [(routed[name] + SETUP, name, b) for _, name, b in endpoints
                     if name in routed and routed[name] + SETUP > limit]
        for e in endpoints:
            over[group(e[1])] += 1
        print(f"routed: {len(endpoints)} endpoints over {limit:.2f} ns (period {period:.2f} ns) "
              f"in {len(over)} groups; worst first (routed arrival + setup ns, LUT levels of the "
              f"modelled path, endpoints of the group over the limit)")
    best_per_group: dict[str, tuple[float, str, int]] = {}
    for e in endpoints:
        g = group(e[1])
        if g not in best_per_group or e[0] > best_per_group[g][0]:
            best_per_group[g] = e
    ranked = sorted(best_per_group.values(), reverse=True)[: args.top]
    if not args.routed:
        print(f"{len(endpoints)} endpoints; worst {len(ranked)} groups (estimated ns, LUT levels)")
    for est, name, bit in ranked:
        p = path_of(bit)
        start_s = label(p[0])
        lines = []
        for b in p:
            d = drivers.get(b)
            s = src(d[0]) if d else ""
            if s and (not lines or lines[-1] != s):
                lines.append(s)
        levels = sum(1 for b in p[1:] if drivers.get(b) and cells[drivers[b][0]]["type"] == "LUT4")
        signals: list[str] = []
        for b in p[1:]:
            for n in rtl_names.get(b, [])[:1]:
                if n not in signals:
                    signals.append(n)
        count = f" x{over[group(name)]}" if args.routed else ""
        print(f"{est:6.2f} {levels:2d}  {group(name)}{count}  <- {start_s}")
        print(f"        via {' > '.join(signals[:12]) or '-'}")
        if lines:
            print(f"        rtl {' > '.join(lines[:8])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
