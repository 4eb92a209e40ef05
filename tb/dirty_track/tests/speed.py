"""Testbench speed (tb/common/speed.py): the bare cocotb loop and the full random test at full rate,
over the same clocks; `make bench` records bare_clocks_per_s, tb_clocks_per_s and tb_overhead."""

from __future__ import annotations

from tb.common.speed import BareLoopTest, TbSpeedMixin

from .traffic import RandomTrafficFullRate


class BareLoop(BareLoopTest):
    """Bare cocotb loop on the default build: per clock one edge, every input written, every output read."""


class TbSpeed(TbSpeedMixin, RandomTrafficFullRate):
    """RandomTrafficFullRate (a write every clock the block takes one, report-and-clear and register
    traffic concurrently, every checker and coverage on), timed over the bare loop's clock count."""
