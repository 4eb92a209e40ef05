"""How a block tells the regression runner what to build and run (tb/<block>/manifest.py).

Each block's manifest defines `BLOCK = Block(...)`. The runner builds every configuration in
`configs` once (and once more with coverage for `make coverage`) and runs each test against it, one
simulator process per (test, seed). The list of tests is explicit so that a test that silently
stops running is reported as missing, not as green.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The bare-loop speed bench (tb/common/speed.py) drives every input with random values, which
# breaks the input protocols the RTL's SVA assume: its run has assertions off. Every other run
# keeps them on.
BARE_LOOP_ARGS = ("+verilator+noassert",)


@dataclass(frozen=True)
class Test:
    name: str  # the cocotb test's name (what `make sim TEST=` selects)
    cls: str  # the pyuvm test it runs: "module.Class" under tb.<block>.tests (or absolute "tb.common.x.Class")
    config: str = "default"  # which DUT configuration it runs against
    seeded: bool = True  # random stimulus: run over SEEDS seeds; otherwise once (seed still fixed)
    negative: bool = False  # expect_error=ScoreboardError; also rerun with VIRTIP_INJECT=0
    bench: bool = False  # records benchmark figures; run by `make bench`, once, in regressions too
    soak: bool = False  # a random test that honours TXNS (tb/common/soak.py): what `make soak` runs
    sim_args: tuple[str, ...] = ()  # extra simulator plusargs (e.g. the bare loop's +verilator+noassert)
    wallclock: bool = False  # measures wall-clock speed (tb/common/speed.py): run alone, after the others
    timeout_s: int = 600  # wall-clock guard against a hung simulator process
    knobs: tuple[tuple[str, object], ...] = ()  # override the test class's knobs (a dict is accepted)

    def __post_init__(self):
        if isinstance(self.knobs, dict):
            object.__setattr__(self, "knobs", tuple(sorted(self.knobs.items())))


# The bare cocotb loop of the testbench-speed bench (tb/common/speed.py), the same for every block:
# each manifest lists this entry beside its own `test_bench_tb_speed`.
BARE_LOOP = Test("test_bench_bare_loop", "tb.common.speed.BareLoopTest", seeded=False, bench=True,
                 sim_args=BARE_LOOP_ARGS, wallclock=True)


@dataclass(frozen=True)
class Block:
    name: str
    toplevel: str  # HDL top module of the simulation (the DUT itself, or a tb wrapper)
    sources: list[str]  # repo-relative, in compile order (packages first)
    tests: list[Test]
    configs: dict[str, dict[str, int]] = field(default_factory=lambda: {"default": {}})
    waivers: list[str] = field(default_factory=list)  # Verilator .vlt files
    clock_period_ns: float = 8.0  # 125 MHz: cycles = simulated time / period
    clock: str = "clk_i"
    reset: str = "rst_ni"  # active low, asynchronous assert (docs/dev-guide.md)
    reset_cycles: int = 5  # clocks of reset at the start of every test
    rtl_dir: str | None = None  # the block's RTL folder (defaults to rtl/<name>)
    kind: str = "block"  # "block": the full skeleton; "library": shared primitives (rtl/common)
    synth_top: str | None = None  # module to synthesize (defaults to toplevel)
    synth_sources: list[str] | None = None  # defaults to sources
    synth_params: dict[str, int] = field(default_factory=dict)
    lint_top: str | None = None  # module linted with -Wall (defaults to synth top)

    @property
    def test_module(self) -> str:
        """The cocotb module: tb/<block>/test_<block>.py, which only registers the manifest's tests."""
        return f"tb.{self.name}.test_{self.name}"

    @property
    def rtl(self) -> str:
        return self.rtl_dir or f"rtl/{self.name}"
