"""Testbench speed (tb/common/speed.py): the bare cocotb loop and the full random test at full rate,
over the same clocks; `make bench` records bare_clocks_per_s, tb_clocks_per_s and tb_overhead."""

from __future__ import annotations

from tb.common.speed import BareLoopTest, TbSpeedMixin

from .traffic import RandomDma


class BareLoop(BareLoopTest):
    """Bare cocotb loop on the default build: per clock one edge, every input written, every output read."""


class TbSpeed(TbSpeedMixin, RandomDma):
    """RandomDma at full rate (no idle clocks, no completion back-pressure, no host-memory stalls;
    every agent, the scoreboard and coverage on), timed over the bare loop's clock count."""

    knobs = dict(desc_idle=0.0, data_idle=0.0, cpl_backpressure=0.0, mem_stall=0.0)
