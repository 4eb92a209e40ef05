"""Testbench speed (tb/common/speed.py): the full random test at full rate, over the clocks of the
bare cocotb loop (the manifest's shared BARE_LOOP entry); `make bench` records bare_clocks_per_s,
tb_clocks_per_s and tb_overhead."""

from __future__ import annotations

from tb.common.speed import TbSpeedMixin

from .traffic import RandomTrafficTest


class TbSpeed(TbSpeedMixin, RandomTrafficTest):
    """RandomTrafficTest at full rate (no idle cycles, no back-pressure, no memory stalls; every agent,
    the scoreboards and coverage on), timed over the bare loop's clock count after bring-up."""

    knobs = {"idle_prob": 0.0, "bp_prob": 0.0, "ar_stall_prob": 0.0, "r_stall_prob": 0.0, "reg_backpressure": 0.0}
