"""Negative tests: a wrong result injected on purpose must fail the scoreboard (and, rerun with
VIRTIP_INJECT=0, the same test must fail for want of it: the runner's can-fail check)."""

from __future__ import annotations

from cocotb.triggers import ClockCycles
from pyuvm import uvm_factory

from models.port_cfg import Lane, Limit, Mode
from tb.common.scoreboard import inject_enabled
from tb.port_cfg.env import regs
from tb.port_cfg.env.filter_agent import FilterMonitor
from tb.port_cfg.env.items import FilterTxn
from tb.port_cfg.env.scoreboard import unpack
from tb.port_cfg.env.sequences import DirectedSeq, RandomValidSeq

from .base import PortCfgTest


class LeakyFilterMonitor(FilterMonitor):
    """The observed DUT answer gets one extra port of another VSSB ORed in."""

    def observe_allowed(self, txn: FilterTxn) -> int:
        if not inject_enabled() or txn.ingress < 0 or txn.ingress >= self.num_lanes:
            return txn.allowed
        act = unpack(txn.cfg, self.num_lanes)
        if not act.is_port(txn.ingress):
            return txn.allowed
        others = [e for e in range(self.num_lanes) if act.is_port(e) and act.vssb[e] != act.vssb[txn.ingress]]
        return txn.allowed | (1 << others[0]) if others else txn.allowed


class LeakTest(PortCfgTest):
    """Negative: a leaked other-VSSB port in the observed filter answer must fail the scoreboard."""

    knobs = {"density": 1.0}

    def build_phase(self):
        uvm_factory().set_type_override_by_type(FilterMonitor, LeakyFilterMonitor)
        super().build_phase()

    async def body(self):
        # Two VSSBs with enabled ports each: any request from a port can leak into the other.
        n = self.info.num_lanes
        lanes = [Lane(True, Mode.NARROW, i % 2) for i in range(n)]
        await DirectedSeq("seq", [(lanes, [Limit()] * self.info.num_vssbs)]).start(self.env.cfg_seqr)
        await ClockCycles(self.env.clk, 50)


class NegativeRegisterReadTest(PortCfgTest):
    """Negative: the register scoreboard sees one read value with a bit flipped (CheckedRegisterPort's
    corrupt_next_read, active only with VIRTIP_INJECT): it must raise ScoreboardError."""

    async def body(self):
        await self.seq(RandomValidSeq, 1).start(self.env.cfg_seqr)
        self.port.corrupt_next_read = True
        await self.port.read(regs.addr("ID"), self.info.mgmt)
