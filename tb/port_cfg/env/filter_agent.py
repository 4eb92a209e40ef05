"""Filter-traffic agent: a driver of random (ingress, egress mask) requests with idle cycles, and a
monitor that pairs each request with its answer and the active outputs in the request's clock."""

from __future__ import annotations

import cocotb
from cocotb.triggers import FallingEdge, RisingEdge
from pyuvm import ConfigDB, uvm_analysis_port, uvm_component

from tb.common import seed
from tb.common.base import cycle, env_started
from tb.common.scoreboard import ScoreboardError
from tb.port_cfg.env.items import FilterTxn


class FilterDriver(uvm_component):
    """Free-running stimulus while enabled: each clock a request with probability `density`."""

    def build_phase(self):
        self.dut = cocotb.top
        self.num_lanes = ConfigDB().get(self, "", "dut_info").num_lanes
        self.rng = seed.rng("filter_driver")
        self.density = 1.0
        self.enabled = False
        self.sent = 0

    def random_request(self) -> tuple[int, int]:
        n = self.num_lanes
        ingress = self.rng.randrange(1 << (n - 1).bit_length())  # whole index range, incl. >= NumLanes
        style = self.rng.random()
        if style < 0.6:
            egress = self.rng.getrandbits(n)
        elif style < 0.8:
            egress = (1 << n) - 1
        else:
            egress = 1 << self.rng.randrange(n)
        return ingress, egress

    async def run_phase(self):
        self.dut.flt_valid_i.value = 0
        self.dut.flt_ingress_i.value = 0
        self.dut.flt_egress_i.value = 0
        while True:
            await RisingEdge(self.dut.clk_i)
            if self.enabled and self.rng.random() < self.density:
                ingress, egress = self.random_request()
                self.dut.flt_ingress_i.value = ingress
                self.dut.flt_egress_i.value = egress
                self.dut.flt_valid_i.value = 1
                self.sent += 1
            else:
                self.dut.flt_valid_i.value = 0

    async def drain(self) -> None:
        self.enabled = False
        for _ in range(3):
            await RisingEdge(self.dut.clk_i)


class FilterMonitor(uvm_component):
    """Samples at the falling edge: requests (with the active outputs of that clock) and answers.
    Between answers, flt_allowed_o must hold the last answer (0 after reset): docs/port_cfg.md,
    "Ports"; checked here, in every clock."""

    def build_phase(self):
        self.dut = cocotb.top
        self.ap = uvm_analysis_port("ap", self)
        self.num_lanes = ConfigDB().get(self, "", "dut_info").num_lanes
        self.pending: list[tuple[int, int, int, tuple[int, int, int]]] = []
        self.cycle = 0
        self.last_allowed = 0  # the last answer (reset value 0)

    def observe_allowed(self, txn: FilterTxn) -> int:
        """The DUT's answer as observed (a hook for error injection)."""
        return txn.allowed

    async def run_phase(self):
        dut = self.dut
        await env_started()
        while True:
            await FallingEdge(dut.clk_i)
            self.cycle = cycle()
            if not int(dut.rst_ni.value):
                self.last_allowed = 0
            elif not int(dut.flt_valid_o.value) and int(dut.flt_allowed_o.value) != self.last_allowed:
                raise ScoreboardError(
                    f"cycle {self.cycle}: flt_allowed_o changed to 0x{int(dut.flt_allowed_o.value):x} with "
                    f"flt_valid_o = 0 (it must hold the last answer, 0x{self.last_allowed:x})"
                )
            if int(dut.flt_valid_o.value):
                self.last_allowed = int(dut.flt_allowed_o.value)
                if not self.pending:
                    txn = FilterTxn(self.cycle, -1, 0, int(dut.flt_allowed_o.value), 0, (0, 0, 0))
                else:
                    cyc, ingress, egress, cfg = self.pending.pop(0)
                    txn = FilterTxn(cyc, ingress, egress, int(dut.flt_allowed_o.value), self.cycle - cyc, cfg)
                txn.allowed = self.observe_allowed(txn)
                self.ap.write(txn)
            if int(dut.flt_valid_i.value):
                cfg = (int(dut.lane_mode_o.value), int(dut.lane_en_o.value), int(dut.port_vssb_o.value))
                self.pending.append(
                    (self.cycle, int(dut.flt_ingress_i.value), int(dut.flt_egress_i.value), cfg)
                )
