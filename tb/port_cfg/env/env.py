"""The port configurator's pyuvm environments.

RegisterEnv: the DUT's build parameters and the one checked register port (the register
scoreboard, tb/port_cfg/env/regs.py). The directed register tests run on it alone, so nothing else
drives the register port or reacts to a reset they place.

PortCfgEnv adds the agents: register agent (driver + sequencer), filter-traffic agent (driver +
monitor), per-lane output monitor, scoreboard and coverage.
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles
from pyuvm import ConfigDB, uvm_analysis_export

from tb.common import seed
from tb.common.base import BaseEnv
from tb.common.regport import RegisterPort
from tb.port_cfg.env import regs
from tb.port_cfg.env.cfg import DutInfo, TbCfg
from tb.port_cfg.env.coverage import Coverage
from tb.port_cfg.env.filter_agent import FilterDriver, FilterMonitor
from tb.port_cfg.env.port_monitor import PortMonitor
from tb.port_cfg.env.reg_agent import CfgDriver, CfgSequencer
from tb.port_cfg.env.scoreboard import Scoreboard


class RegisterEnv(BaseEnv):
    def build_phase(self):
        super().build_phase()
        dut = self.dut
        self.cfg: TbCfg = ConfigDB().get(self, "", "cfg")
        mgmt = int(dut.MgmtFunction.value)  # the parameter (Verilator: public)
        num_lanes, num_vssbs = len(dut.lane_en_o), int(dut.NumVssbs.value)
        raw = RegisterPort(dut)  # the one AXI4-Lite master, only ever used through the checked port
        port = regs.checked_port(dut, raw, mgmt, num_lanes, num_vssbs)
        self.info = DutInfo(port=port, mgmt=mgmt, num_lanes=num_lanes, num_vssbs=num_vssbs)
        ConfigDB().set(None, "*", "dut_info", self.info)  # sequences read it too

    def idle_inputs(self) -> None:
        d = self.dut
        d.flt_valid_i.value = 0
        d.s_axil_awvalid.value = 0
        d.s_axil_wvalid.value = 0
        d.s_axil_arvalid.value = 0

    async def after_reset(self) -> None:
        await ClockCycles(self.clk, 1)
        port = self.info.port
        port.reset()
        cocotb.start_soon(regs.watch_commits(self.dut, port))
        if self.cfg.reg_backpressure:
            port.port.set_backpressure(seed.rng("backpressure"), self.cfg.reg_backpressure)
        await port.read_ok(regs.addr("PARAMS"), self.info.mgmt)  # checked: PARAMS = the build parameters

    def report(self) -> None:
        port = self.info.port
        self.logger.info(f"register scoreboard: {port.reads_checked} reads, {port.writes_checked} writes checked")


class PortCfgEnv(RegisterEnv):
    def build_phase(self):
        super().build_phase()
        self.cfg_seqr = CfgSequencer("cfg_seqr", self)
        self.cfg_drv = CfgDriver.create("cfg_drv", self)
        self.flt_drv = FilterDriver.create("flt_drv", self)
        self.flt_mon = FilterMonitor.create("flt_mon", self)
        self.port_mon = PortMonitor.create("port_mon", self)
        self.scoreboard = Scoreboard.create("scoreboard", self)
        self.coverage = Coverage.create("coverage", self)

    def connect_phase(self):
        self.cfg_drv.seq_item_port.connect(self.cfg_seqr.seq_item_export)
        sb, cov = self.scoreboard, self.coverage
        # Plain subscribers: analysis ports call write() synchronously, so a ScoreboardError
        # propagates into the publishing component's coroutine and fails the test at once.
        self.cfg_drv.req_ap.connect(_Sub(self, sb.write_request, cov.write_request))
        self.cfg_drv.status_ap.connect(_Sub(self, sb.write_status, cov.write_status))
        self.port_mon.commit_ap.connect(_Sub(self, sb.write_obs))
        self.port_mon.spurious_ap.connect(_Sub(self, sb.write_spurious))
        self.flt_mon.ap.connect(_Sub(self, sb.write_filter, cov.write_filter))

    def end_of_elaboration_phase(self):
        self.flt_drv.density = self.cfg.density
        if self.cfg.reg_noise:
            self.cfg_drv.noise_rng = seed.rng("regnoise")

    async def after_reset(self) -> None:
        await super().after_reset()
        self.flt_drv.enabled = True

    async def drain(self) -> None:
        self.report()
        self.logger.info(f"{self.cfg_drv.noise_ops} random register accesses")
        await self.flt_drv.drain()
        await ClockCycles(self.clk, 2)

    def check_phase(self):
        if self.flt_mon.pending:
            self.scoreboard.fail(f"{len(self.flt_mon.pending)} filter request(s) never answered",
                                 self.flt_mon.pending[0])


class _Sub(uvm_analysis_export):
    """An analysis export that fans one transaction out to a list of callbacks."""

    _count = 0

    def __init__(self, parent, *callbacks):
        _Sub._count += 1
        super().__init__(f"sub{_Sub._count}", parent)
        self.callbacks = callbacks

    def write(self, txn):
        for cb in self.callbacks:
            cb(txn)
