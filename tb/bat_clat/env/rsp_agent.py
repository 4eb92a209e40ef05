"""Response side: a back-pressure driver on rsp_ready and a monitor of the response stream."""

from __future__ import annotations

from cocotb.triggers import RisingEdge
from pyuvm import uvm_agent, uvm_analysis_port, uvm_component

from tb.common import seed
from tb.common.base import cycle, env_started

from .items import Rsp


class RspBackPressure(uvm_component):
    """Drives rsp_ready: low with probability cfg.bp_prob in each cycle (the knob may change mid-test)."""

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.cfg = self.cdb_get("cfg")
        self.rng = seed.rng("rsp_backpressure")

    async def run_phase(self):
        d = self.dut
        d.rsp_ready_i.value = 1
        while True:
            await RisingEdge(d.clk_i)
            p = self.cfg.bp_prob
            d.rsp_ready_i.value = 0 if (p and self.rng.random() < p) else 1


class RspMonitor(uvm_component):
    """Publishes every response handshake; checks that a stalled response holds still."""

    def build_phase(self):
        self.ap = uvm_analysis_port("ap", self)

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.sb = self.cdb_get("scoreboard")  # fails through it (one way to fail)

    async def run_phase(self):
        d = self.dut
        held = None  # (tag, status, addr) of a response waiting on rsp_ready
        since = 0  # the cycle it was first shown
        await env_started()
        while True:
            await RisingEdge(d.clk_i)
            if not d.rst_ni.value:
                held = None
                continue
            if not d.rsp_valid_o.value:
                if held is not None:
                    self.sb.fail(f"response tag={held[0]} withdrawn while rsp_ready was low")
                continue
            now = cycle()
            cur = (int(d.rsp_tag_o.value), int(d.rsp_status_o.value), int(d.rsp_addr_o.value))
            if held is not None and cur != held:
                self.sb.fail(f"response changed while stalled: {held} -> {cur}")
            if held is None:
                since = now
            if d.rsp_ready_i.value:
                self.ap.write(Rsp(*cur, cycle=now, stall_cycles=now - since))
                held = None
            else:
                held = cur


class RspAgent(uvm_agent):
    def build_phase(self):
        self.backpressure = RspBackPressure("backpressure", self)
        self.monitor = RspMonitor("monitor", self)
