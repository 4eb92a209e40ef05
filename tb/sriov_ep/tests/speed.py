"""Testbench speed (tb/common/speed.py): the full random test at full rate, over the clocks of the
bare cocotb loop (the manifest's shared BARE_LOOP entry); `make bench` records bare_clocks_per_s,
tb_clocks_per_s and tb_overhead."""

from __future__ import annotations

from tb.common.speed import TbSpeedMixin

from .traffic import RandomDma


class TbSpeed(TbSpeedMixin, RandomDma):
    """RandomDma at full rate (no idle clocks, no completion back-pressure, no host-memory stalls;
    every agent, the scoreboard and coverage on), timed over the bare loop's clock count."""

    knobs = dict(desc_idle=0.0, data_idle=0.0, cpl_backpressure=0.0, mem_stall=0.0)
