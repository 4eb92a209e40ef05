"""Testbench speed: what the full pyuvm environment costs per clock, against a bare cocotb loop.

Two bench tests per block (manifest `bench=True, wallclock=True`: the runner runs them one at a time
after the other runs), on the default configuration, over the same SPEED_CLOCKS clocks after
start-up under `make bench` (SMOKE_CLOCKS in a regression, where they only have to pass):

- `BareLoopTest` (generic, no environment): per clock it awaits one rising edge, writes every input
  port once (random values; clock untouched, reset held inactive) and reads every output port
  once. Records `bare_clocks_per_s`.
- `TbSpeedMixin` in front of the block's random test at full rate (every agent, scoreboard and
  coverage on): the random test runs unbounded (soak.state.unbounded); once its soak window begins
  (tb/common/soak.py begin(), i.e. after bring-up) the mixin measures SPEED_CLOCKS clocks, then
  stops the traffic loop; the test drains and checks as always. Records `tb_clocks_per_s`.

tools/regress.py collect_bench adds `tb_overhead` = bare_clocks_per_s / tb_clocks_per_s when a
block has both. These are wall-clock figures: measured and recorded, never asserted (a loaded
machine makes both slower; the ratio is the figure to compare).

The ports come from Verilator's generated model header (Vtop.h beside the simulator binary,
/proc/self/exe): VL_IN*/VL_OUT* declare every top-level port with its width.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import cocotb
from cocotb.triggers import ClockCycles, Event, RisingEdge, Timer
from pyuvm import uvm_test

from tb.common import base, bench, seed, soak
from tb.common.clock import start_clock

SPEED_CLOCKS = 50_000  # under `make bench` (VIRTIP_BENCH=1)
SMOKE_CLOCKS = 2_000  # in a regression: the benches run (and can fail) but cost CI little


def speed_clocks() -> int:
    return SPEED_CLOCKS if os.environ.get("VIRTIP_BENCH") == "1" else SMOKE_CLOCKS
_PORT = re.compile(r"\bVL_(IN|OUT|INOUT)(8|16|32|64|W)?\s*\(\s*&(\w+)\s*,\s*(\d+)\s*,\s*(\d+)")


def parse_ports(header_text: str) -> list[tuple[str, str, int]]:
    """(direction "in"/"out"/"inout", name, width) of every port a Verilator model header declares."""
    out = []
    for m in _PORT.finditer(header_text):
        direction, _, name, msb, lsb = m.groups()
        out.append((direction.lower(), name, int(msb) - int(lsb) + 1))
    return out


def model_header() -> Path:
    """Vtop.h of the running simulator (the build folder holds the binary and the header)."""
    exe = Path(os.readlink("/proc/self/exe"))
    return exe.parent / "Vtop.h"


def dut_ports(dut, clock: str, reset: str):
    """(inputs [(handle, width)], outputs [handle]) of the DUT, the clock and reset left out."""
    ports = parse_ports(model_header().read_text())
    if not ports:
        raise RuntimeError(f"no VL_IN/VL_OUT port declarations in {model_header()}")
    ins = [(getattr(dut, n), w) for d, n, w in ports if d == "in" and n not in (clock, reset)]
    outs = [getattr(dut, n) for d, n, _ in ports if d == "out"]
    return ins, outs


class BareLoopTest(uvm_test):
    """The bare cocotb loop: per clock one edge, every input written (random), every output read."""

    async def run_phase(self):
        self.raise_objection()
        seed.announce(self.logger)
        dut, blk = base._run["dut"], base._run["block"]
        ins, outs = dut_ports(dut, blk.clock, blk.reset)
        self.clocks = speed_clocks()
        self.logger.info("bare loop: %d inputs, %d outputs, %d clocks", len(ins), len(outs), self.clocks)
        rng = seed.rng("bare_loop")
        clk, rst = getattr(dut, blk.clock), getattr(dut, blk.reset)
        await start_clock(dut, blk.clock_period_ns, blk.clock, blk.reset)
        await ClockCycles(clk, blk.reset_cycles)
        rst.value = 1  # released, then held inactive: the DUT sees the random inputs
        edge = RisingEdge(clk)
        bits = rng.getrandbits
        for _ in range(100):  # start-up: first Python calls, caches
            await edge
        t0 = time.perf_counter()
        for _ in range(self.clocks):
            await edge
            for h, w in ins:
                h.value = bits(w)
            for h in outs:
                h.value  # noqa: B018  (the read is what is measured)
        wall = time.perf_counter() - t0
        bench.record("bare_clocks_per_s", round(self.clocks / wall, 1), self.logger)
        bench.record("speed_clocks", self.clocks, self.logger)
        self.drop_objection()


class TbSpeedMixin:
    """Put in front of a block's random test class (full-rate knobs): measure SPEED_CLOCKS clocks
    of the whole environment after bring-up, then stop the traffic and let the test end as usual."""

    async def body(self):
        clocks_window = speed_clocks()
        soak.state.unbounded = True
        began = soak.state.begin_event = Event()
        task = cocotb.start_soon(super().body())
        await began.wait()
        c0, t0 = base.cycle(), time.perf_counter()
        await Timer(clocks_window * base.clock_period_ns(), unit="ns")  # one trigger, no per-clock work
        wall = time.perf_counter() - t0
        clocks, done = base.cycle() - c0, soak.state.done
        soak.request_stop()
        await task
        self.logger.info("tb speed: %d clocks, %d transactions, %.1f s", clocks, done, wall)
        bench.record("tb_clocks_per_s", round(clocks / wall, 1), self.logger)
        bench.record("tb_txns_in_window", done, self.logger)
        bench.record("tb_speed_clocks", clocks, self.logger)
