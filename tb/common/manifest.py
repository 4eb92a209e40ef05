"""How a block tells the regression runner what to build and run (tb/<block>/manifest.py).

Each block's manifest defines `BLOCK = Block(...)`. The runner builds every configuration in
`configs` once (and once more with coverage for `make coverage`) and runs each test against it, one
simulator process per (test, seed). The list of tests is explicit so that a test that silently
stops running is reported as missing, not as green.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Test:
    name: str  # the @cocotb.test() function's name in the block's test module
    config: str = "default"  # which DUT configuration it runs against
    seeded: bool = True  # random stimulus: run over SEEDS seeds; otherwise once (seed still fixed)
    negative: bool = False  # expect_error=ScoreboardError; also rerun with VIRTIP_INJECT=0
    bench: bool = False  # records benchmark figures; run by `make bench`, once, in regressions too
    timeout_s: int = 600  # wall-clock guard against a hung simulator process


@dataclass(frozen=True)
class Block:
    name: str
    toplevel: str  # HDL top module of the simulation (the DUT itself, or a tb wrapper)
    sources: list[str]  # repo-relative, in compile order (packages first)
    test_module: str  # python module path, e.g. "tb.bat_clat.test_bat_clat"
    tests: list[Test]
    configs: dict[str, dict[str, int]] = field(default_factory=lambda: {"default": {}})
    waivers: list[str] = field(default_factory=list)  # Verilator .vlt files
    clock_period_ns: float = 8.0  # 125 MHz: cycles = simulated time / period
    synth_top: str | None = None  # module to synthesize (defaults to toplevel)
    synth_sources: list[str] | None = None  # defaults to sources
    synth_params: dict[str, int] = field(default_factory=dict)
    lint_top: str | None = None  # module linted with -Wall (defaults to synth top)
