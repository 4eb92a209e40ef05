"""The skeleton every block's testbench is built on (docs/dev-guide.md, "Testbench skeleton").

A block's testbench is four things derived from these classes:

- `BaseEnv` (tb/<b>/env/env.py): the DUT handle and the block's manifest come from ConfigDB; the
  clock and reset are the manifest's (`Block.clock`, `Block.reset`, `Block.clock_period_ns`,
  `Block.reset_cycles`); `start()` starts the clock with reset held, drives every input idle
  (`idle_inputs()`), holds reset, releases it and calls `after_reset()`.
- `BaseTest` (tb/<b>/tests/*.py): the seed is announced, the knobs (class attribute `knobs`,
  overridden by the manifest's `Test.knobs`) become the configuration object (`make_cfg`), the
  environment is built (`env_cls`), and `run_phase` is always: objection, `env.start()`, `body()`
  (the one hook a test writes), `drain()`, objection dropped. The components check in their own
  phases.
- `BaseScoreboard`: one way to fail — `fail()` raises ScoreboardError at the first mismatch with
  the transaction and the clock cycle in the message.
- `cycle()`: the one timebase. Every monitor stamps what it sees with it; benches count in it.

The cocotb tests themselves are not written by hand: tb/common/registry.py makes one per manifest
entry.
"""

from __future__ import annotations

from typing import Any, ClassVar

from cocotb import simulator as _simulator
from cocotb.triggers import ClockCycles, Event, RisingEdge
from pyuvm import ConfigDB, uvm_component, uvm_env, uvm_test

from tb.common import seed, soak
from tb.common.clock import start_clock
from tb.common.manifest import Block
from tb.common.scoreboard import ScoreboardError

_period_ns: float = 8.0  # set from the manifest by start_run() before anything runs
_run: dict[str, Any] = {}  # this simulation's DUT, manifest and manifest entry (start_run())


def start_run(dut, blk: Block, test) -> None:
    """Called by tb/common/registry.py before the pyuvm test is built. pyuvm's run_test() clears
    ConfigDB first, so BaseTest.build_phase publishes these into it."""
    global _period_ns
    _period_ns = float(blk.clock_period_ns)
    _run.update(dut=dut, block=blk, test=test)
    _run.pop("sampler", None)


def clock_period_ns() -> float:
    return _period_ns


def cycle() -> int:
    """The current clock cycle: the number of the last rising edge. The clock starts 1 ns after time
    zero (reset already held, see start_clock()), so edge k is at 1 + k * period ns and this is k
    from that edge until the next one. Benchmarks take differences of it; monitors stamp with it.

    Monitors call it for every transaction, so it works in the simulator's integer time steps (one
    call into the simulator, no unit conversion): the same value as computing it in ns."""
    global _steps
    if _steps is None or _steps[2] != _period_ns:
        _steps = _time_steps()
    t = _sim_time_steps()
    one_ns, period = _steps[0], _steps[1]
    return int((t - one_ns) // period) if t >= one_ns else -1


def clock_time() -> float:
    """The same timebase as cycle(), with the fraction of the clock period: edge k is at k.0, so
    cycle() == floor(clock_time()). The register scoreboard orders software accesses against the
    hardware updates its monitors report by it (an update may sit between two edges)."""
    global _steps
    if _steps is None or _steps[2] != _period_ns:
        _steps = _time_steps()
    return (_sim_time_steps() - _steps[0]) / _steps[1]


_steps: tuple[int, float, float] | None = None  # (steps in 1 ns, steps in a clock period, period in ns)


def _sim_time_steps() -> int:
    hi, lo = _simulator.get_sim_time()
    return (hi << 32) | lo


def _time_steps() -> tuple[int, float, float]:
    per_ns = 10 ** (-9 - _simulator.get_precision())  # precision -12 (ps): 1000 steps per ns
    period = _period_ns * per_ns
    return per_ns, int(period) if period == int(period) else period, _period_ns


def clock_sampler():
    """This run's ClockSampler (tb/common/sampler.py) on the manifest's clock and reset."""
    if "sampler" not in _run:
        from tb.common.sampler import ClockSampler

        dut, blk = _run["dut"], _run["block"]
        _run["sampler"] = ClockSampler(getattr(dut, blk.clock), getattr(dut, blk.reset))
    return _run["sampler"]


async def env_started() -> None:
    """Monitors that judge the DUT's outputs start with this: nothing is checked during the first
    reset and bring-up (Verilator gives undriven state random values until then)."""
    await ConfigDB().get(None, "", "env_started").wait()


def block() -> Block:
    """The manifest of the block under test (ConfigDB "block", set before the test is built)."""
    return ConfigDB().get(None, "", "block")


class BaseEnv(uvm_env):
    """DUT handle, manifest, clock and reset. Subclasses build their components in build_phase
    (call super().build_phase() first) and override `idle_inputs()` / `after_reset()`."""

    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.block: Block = ConfigDB().get(self, "", "block")
        self.clk = getattr(self.dut, self.block.clock)
        self.rst = getattr(self.dut, self.block.reset)
        self.started = Event()  # set once the first reset is over and after_reset() has run
        ConfigDB().set(None, "*", "env_started", self.started)

    def idle_inputs(self) -> None:
        """Drive every DUT input to its idle value (valid low, ready high); called with reset held."""

    async def after_reset(self) -> None:
        """Bring-up after the first reset (read PARAMS, program defaults, start monitors...)."""

    async def start(self) -> None:
        """Clock, idle inputs, `Block.reset_cycles` clocks of reset, release, `after_reset()`."""
        await start_clock(self.dut, self.block.clock_period_ns, self.block.clock, self.block.reset)
        self.idle_inputs()
        await ClockCycles(self.clk, self.block.reset_cycles)
        self.rst.value = 1
        await RisingEdge(self.clk)
        await self.after_reset()
        self.started.set()

    async def clocks(self, n: int) -> None:
        await ClockCycles(self.clk, n)

    async def drain(self) -> None:
        """Wait until nothing is in flight (the block's scoreboards say when); default: 2 clocks."""
        await ClockCycles(self.clk, 2)


def _merged_knobs(cls: type) -> dict[str, Any]:
    """`knobs` of the class and its bases, nearest class winning."""
    out: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        out.update(vars(klass).get("knobs", {}))
    return out


class BaseTest(uvm_test):
    """seed, knobs -> cfg, env, objection, start, `body()`, drain.

    Subclasses set `env_cls`, optionally `knobs` (merged along the class hierarchy, then with the
    manifest entry's knobs), override `make_cfg()` when the knobs become a configuration object,
    and write `body()`."""

    env_cls: ClassVar[type[BaseEnv]]
    knobs: ClassVar[dict[str, Any]] = {}

    def make_cfg(self, knobs: dict[str, Any]) -> Any:
        """The configuration object every component reads from ConfigDB "cfg"."""
        return dict(knobs)

    def build_phase(self):
        self.dut, self.block = _run["dut"], _run["block"]
        ConfigDB().set(None, "*", "dut", self.dut)
        ConfigDB().set(None, "*", "block", self.block)
        self.knobs = {**_merged_knobs(type(self)), **dict(_run["test"].knobs)}
        self.cfg = self.make_cfg(self.knobs)
        ConfigDB().set(None, "*", "cfg", self.cfg)
        self.env = self.env_cls("env", self)
        self.rng = seed.rng("test")
        soak.reset()  # one test per process; a fresh transaction counter all the same

    async def run_phase(self):
        self.raise_objection()
        seed.announce(self.logger)
        if self.knobs:
            self.logger.info("knobs: %s", self.knobs)
        await self.env.start()
        await self.body()
        soak.traffic_done()
        await self.drain()
        soak.finish(self.logger)  # a random test that began a soak window: soak.json (tb/common/soak.py)
        self.drop_objection()

    async def body(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} has no body()")

    async def drain(self) -> None:
        """After body(): wait until everything accepted has been answered and checked."""
        await self.env.drain()


class BaseScoreboard(uvm_component):
    """The one way a scoreboard fails: at the first mismatch, with the transaction printed."""

    def fail(self, what: str, txn: object = None) -> None:
        msg = f"{self.get_full_name()} @ cycle {cycle()}: {what}"
        if txn is not None:
            msg += f"\n    transaction: {txn!r}"
        self.logger.error(msg)
        raise ScoreboardError(msg)

    def expect(self, ok: bool, what: str, txn: object = None) -> None:
        if not ok:
            self.fail(what, txn)
