"""Testbench speed (tb/common/speed.py): the bare cocotb loop and the full random test at full rate,
over the same clocks; `make bench` records bare_clocks_per_s, tb_clocks_per_s and tb_overhead."""

from __future__ import annotations

from tb.common.speed import BareLoopTest, TbSpeedMixin

from .commits import RandomCommitsTest


class BareLoop(BareLoopTest):
    """Bare cocotb loop on the default build: per clock one edge, every input written, every output read."""


class TbSpeed(TbSpeedMixin, RandomCommitsTest):
    """RandomCommitsTest at full rate (a filter request every clock, register noise without
    back-pressure; every monitor, the scoreboards and coverage on), timed over the bare loop's clocks."""

    knobs = {"density": 1.0, "reg_noise": True, "reg_backpressure": 0.0}
