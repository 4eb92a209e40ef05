"""Testbench speed: what the full pyuvm environment costs per clock, against a bare cocotb loop.

Two bench tests per block (manifest `bench=True, wallclock=True`: the runner runs them one at a time
after the other runs), on the default configuration, over the same SPEED_CLOCKS clocks after
start-up under `make bench` (SMOKE_CLOCKS in a regression, where they only have to pass):

- `BareLoopTest` (generic, no environment): per clock it awaits one rising edge, writes every input
  port once (random values; clock untouched, reset held inactive) and reads every output port
  once. Records `bare_clocks_per_s`.
- Under `make bench` each is measured over SPEED_WINDOWS consecutive windows of SPEED_CLOCKS clocks
  in one run, and the fastest window is the figure (see `Windows`; every window's rate is kept in
  `*_windows_clocks_per_cpu_s`).
- `TbSpeedMixin` in front of the block's random test at full rate (every agent, scoreboard and
  coverage on): the random test runs unbounded (soak.state.unbounded); once its soak window begins
  (tb/common/soak.py begin(), i.e. after bring-up) the mixin measures SPEED_CLOCKS clocks, then
  stops the traffic loop; the test drains and checks as always. Records `tb_clocks_per_s`.

tools/regress.py collect_bench adds `tb_overhead` = bare_clocks_per_cpu_s / tb_clocks_per_cpu_s
when a block has both. Speed figures are measured and recorded, never asserted.

The ports come from Verilator's generated model header (Vtop.h beside the simulator binary,
/proc/self/exe): VL_IN*/VL_OUT* declare every top-level port with its width.

Both record clocks per wall-clock second (`*_clocks_per_s`) and per CPU second of the simulator
process (`*_clocks_per_cpu_s`, time.process_time(): Verilator and Python run in that one process).
tb_overhead is the CPU ratio: on a shared machine the wall-clock figures move by tens of percent
with the load, the CPU ones by a few (the wall-clock ratio is kept as tb_overhead_wall).

Where the time goes: `VIRTIP_PROFILE=<file>` in the environment of a `test_bench_tb_speed` run
profiles the measured window (see WindowProfiler).
"""

from __future__ import annotations

import collections
import cProfile
import os
import re
import signal
import time
from pathlib import Path

import cocotb
from cocotb.triggers import ClockCycles, Event, RisingEdge, Timer
from pyuvm import uvm_test

from tb.common import base, bench, seed, soak
from tb.common.clock import start_clock

SPEED_CLOCKS = 50_000  # under `make bench` (VIRTIP_BENCH=1)
SPEED_WINDOWS = 3  # under `make bench`: windows of SPEED_CLOCKS measured one after the other, best kept
SMOKE_CLOCKS = 2_000  # in a regression: the benches run (and can fail) but cost CI little


def speed_clocks() -> int:
    return SPEED_CLOCKS if os.environ.get("VIRTIP_BENCH") == "1" else SMOKE_CLOCKS


def speed_windows() -> int:
    return SPEED_WINDOWS if os.environ.get("VIRTIP_BENCH") == "1" else 1


class Windows:
    """Clock rates of consecutive measurement windows; the best one is the figure. Another process
    on the machine (even on the other hardware thread of the same core) can only slow a window
    down, never speed it up, so the fastest window is the closest to the code's own speed (the
    reason timeit reports a minimum)."""

    def __init__(self):
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def add(self, clocks: int, wall: float, cpu: float) -> None:
        self.wall.append(clocks / wall)
        self.cpu.append(clocks / cpu)

    def record(self, prefix: str, logger) -> None:
        bench.record(f"{prefix}_clocks_per_s", round(max(self.wall), 1), logger)
        bench.record(f"{prefix}_clocks_per_cpu_s", round(max(self.cpu), 1), logger)
        bench.record(f"{prefix}_windows_clocks_per_cpu_s", [round(r, 1) for r in self.cpu], logger)
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
        windows = Windows()
        for _ in range(speed_windows()):
            t0, cpu0 = time.perf_counter(), time.process_time()
            for _ in range(self.clocks):
                await edge
                for h, w in ins:
                    h.value = bits(w)
                for h in outs:
                    h.value  # noqa: B018  (the read is what is measured)
            windows.add(self.clocks, time.perf_counter() - t0, time.process_time() - cpu0)
        windows.record("bare", self.logger)
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
        profiler = WindowProfiler.from_env(self.logger)
        windows, done0 = Windows(), soak.state.done
        for _ in range(speed_windows()):
            c0, t0, cpu0 = base.cycle(), time.perf_counter(), time.process_time()
            await Timer(clocks_window * base.clock_period_ns(), unit="ns")  # one trigger, no per-clock work
            wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
            clocks = base.cycle() - c0
            windows.add(clocks, wall, cpu)
            self.logger.info("tb speed: %d clocks, %.1f s (%.1f s CPU)", clocks, wall, cpu)
        if profiler is not None:
            profiler.stop()
        done = (soak.state.done - done0) // len(windows.cpu)
        soak.request_stop()
        await task
        windows.record("tb", self.logger)
        bench.record("tb_txns_in_window", done, self.logger)
        bench.record("tb_speed_clocks", clocks, self.logger)


class WindowProfiler:
    """Where the measured window's time goes, when `VIRTIP_PROFILE=<file>` is set: a `.txt` file gets
    call stacks sampled every millisecond of CPU time (SIGPROF; one line per distinct stack, "count
    frame;frame;...", the folded format of flame-graph tools; cheap enough to leave the figures
    meaningful), any other name a cProfile dump (exact call counts, but it slows every Python call)."""

    def __init__(self, path: str, logger):
        self.path, self.logger = path, logger
        self.samples: collections.Counter[str] = collections.Counter()
        self.cprofile = None
        if path.endswith(".txt"):
            signal.signal(signal.SIGPROF, self._sample)
            signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
        else:
            self.cprofile = cProfile.Profile()
            self.cprofile.enable()

    @classmethod
    def from_env(cls, logger) -> WindowProfiler | None:
        path = os.environ.get("VIRTIP_PROFILE")
        return cls(path, logger) if path else None

    def _sample(self, _signum, frame) -> None:
        stack = []
        while frame is not None:
            code = frame.f_code
            stack.append(f"{Path(code.co_filename).name}:{code.co_name}")
            frame = frame.f_back
        self.samples[";".join(reversed(stack))] += 1

    def stop(self) -> None:
        if self.cprofile is not None:
            self.cprofile.disable()
            self.cprofile.dump_stats(self.path)
        else:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, signal.SIG_DFL)
            with open(self.path, "w") as out:
                for stack, n in self.samples.most_common():
                    out.write(f"{n} {stack}\n")
        self.logger.info("profile of the measured window written to %s", self.path)
