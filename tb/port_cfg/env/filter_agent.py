"""Filter-traffic agent: a driver of random (ingress, egress mask) requests with idle cycles, and a
monitor that pairs each request with its answer and the active outputs in the request's clock."""

from __future__ import annotations

from collections import deque

import cocotb
from cocotb.triggers import FallingEdge, RisingEdge
from pyuvm import ConfigDB, uvm_analysis_port, uvm_component

from tb.common import seed
from tb.common.base import cycle, env_started
from tb.common.scoreboard import ScoreboardError
from tb.common.sig import bit_reader, int_reader
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
        valid, ingress_i, egress_i = self.dut.flt_valid_i, self.dut.flt_ingress_i, self.dut.flt_egress_i
        edge = RisingEdge(self.dut.clk_i)  # handles and trigger once: this runs every clock
        valid.value = 0
        ingress_i.value = 0
        egress_i.value = 0
        v_last = 0
        while True:
            await edge
            if self.enabled and self.rng.random() < self.density:
                ingress, egress = self.random_request()
                ingress_i.value = ingress
                egress_i.value = egress
                if not v_last:
                    valid.value = v_last = 1
                self.sent += 1
            elif v_last:  # written only on a change
                valid.value = v_last = 0

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
        self.pending: deque[tuple[int, int, int, tuple[int, int, int]]] = deque()
        self.cycle = 0
        self.last_allowed = 0  # the last answer (reset value 0)

    def observe_allowed(self, txn: FilterTxn) -> int:
        """The DUT's answer as observed (a hook for error injection)."""
        return txn.allowed

    async def run_phase(self):
        dut = self.dut
        await env_started()
        # once, not per clock: the trigger and the readers
        edge = FallingEdge(dut.clk_i)
        rst, valid_o, valid_i = bit_reader(dut.rst_ni), bit_reader(dut.flt_valid_o), bit_reader(dut.flt_valid_i)
        allowed_o, ingress_i, egress_i = int_reader(dut.flt_allowed_o), int_reader(dut.flt_ingress_i), int_reader(dut.flt_egress_i)
        mode, en, vssb = int_reader(dut.lane_mode_o), int_reader(dut.lane_en_o), int_reader(dut.port_vssb_o)
        pending = self.pending
        while True:
            await edge
            self.cycle = cycle()
            v_o = valid_o()
            if not rst():
                self.last_allowed = 0
            elif not v_o and allowed_o() != self.last_allowed:
                raise ScoreboardError(
                    f"cycle {self.cycle}: flt_allowed_o changed to 0x{allowed_o():x} with "
                    f"flt_valid_o = 0 (it must hold the last answer, 0x{self.last_allowed:x})"
                )
            if v_o:
                allowed = self.last_allowed = allowed_o()
                if not pending:
                    txn = FilterTxn(self.cycle, -1, 0, allowed, 0, (0, 0, 0))
                else:
                    cyc, ingress, egress, cfg = pending.popleft()
                    txn = FilterTxn(cyc, ingress, egress, allowed, self.cycle - cyc, cfg)
                txn.allowed = self.observe_allowed(txn)
                self.ap.write(txn)
            if valid_i():
                pending.append((self.cycle, ingress_i(), egress_i(), (mode(), en(), vssb())))
