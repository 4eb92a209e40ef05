"""Knobs of one port_cfg test (BaseTest.knobs, overridden by the manifest entry) and what the
environment reads from the DUT before reset (DutInfo, ConfigDB "dut_info")."""

from __future__ import annotations

from dataclasses import dataclass

from tb.common.regcheck import CheckedRegisterPort


@dataclass
class TbCfg:
    density: float = 0.7  # filter requests per clock while a test's body runs
    reg_noise: bool = False  # random register accesses while each commit runs
    reg_backpressure: float = 0.0  # register port: chance per clock of pausing AW/W/B/AR/R


@dataclass
class DutInfo:
    """The build parameters every component needs, from the DUT's parameters and port widths (the
    register scoreboard checks them against PARAMS at the first read)."""

    port: CheckedRegisterPort
    mgmt: int  # MgmtFunction: the only function allowed on the register port
    num_lanes: int
    num_vssbs: int
