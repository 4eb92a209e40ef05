"""Testbench speed (tb/common/speed.py): the full random test at full rate, over the clocks of the
bare cocotb loop (the manifest's shared BARE_LOOP entry); `make bench` records bare_clocks_per_s,
tb_clocks_per_s and tb_overhead."""

from __future__ import annotations

from tb.common.speed import TbSpeedMixin

from .traffic import RandomTrafficFullRate


class TbSpeed(TbSpeedMixin, RandomTrafficFullRate):
    """RandomTrafficFullRate (a write every clock the block takes one, report-and-clear and register
    traffic concurrently, every checker and coverage on), timed over the bare loop's clock count."""
