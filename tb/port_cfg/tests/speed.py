"""Testbench speed (tb/common/speed.py): the full random test at full rate, over the clocks of the
bare cocotb loop (the manifest's shared BARE_LOOP entry); `make bench` records bare_clocks_per_s,
tb_clocks_per_s and tb_overhead."""

from __future__ import annotations

from tb.common.speed import TbSpeedMixin

from .commits import RandomCommitsTest


class TbSpeed(TbSpeedMixin, RandomCommitsTest):
    """RandomCommitsTest at full rate (a filter request every clock, register noise without
    back-pressure; every monitor, the scoreboards and coverage on), timed over the bare loop's clocks."""

    knobs = {"density": 1.0, "reg_noise": True, "reg_backpressure": 0.0}
