"""The port configurator's pyuvm environment: register agent (driver + sequencer), filter-traffic
agent (driver + monitor), per-lane output monitor, scoreboard and coverage."""

from __future__ import annotations

from pyuvm import ConfigDB, uvm_analysis_export, uvm_env

from tb.port_cfg.env.coverage import Coverage
from tb.port_cfg.env.filter_agent import FilterDriver, FilterMonitor
from tb.port_cfg.env.port_monitor import PortMonitor
from tb.port_cfg.env.reg_agent import CfgDriver, CfgSequencer
from tb.port_cfg.env.scoreboard import Scoreboard


class PortCfgEnv(uvm_env):
    def build_phase(self):
        assert ConfigDB().get(self, "", "dut_info")
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

    def check_phase(self):
        if self.flt_mon.pending:
            raise AssertionError(f"{len(self.flt_mon.pending)} filter request(s) never answered")


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
