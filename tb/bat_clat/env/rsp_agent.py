"""Response side: a back-pressure driver on rsp_ready and a monitor of the response stream."""

from __future__ import annotations

from cocotb.triggers import RisingEdge, Timer
from pyuvm import uvm_agent, uvm_analysis_port, uvm_component

from tb.common import seed
from tb.common.base import clock_period_ns, clock_sampler, cycle
from tb.common.sig import bit_reader, int_reader

from .items import Rsp, fanout

IDLE_CLOCKS = 64  # without back-pressure, the driver looks at cfg.bp_prob this often


class RspBackPressure(uvm_component):
    """Drives rsp_ready: low with probability cfg.bp_prob in each cycle (the knob may change mid-test)."""

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.cfg = self.cdb_get("cfg")
        self.rng = seed.rng("rsp_backpressure")

    async def run_phase(self):
        d = self.dut
        ready = d.rsp_ready_i
        ready.value = 1
        edge = RisingEdge(d.clk_i)
        idle = Timer(IDLE_CLOCKS * clock_period_ns(), unit="ns")
        last = 1
        while True:
            p = self.cfg.bp_prob
            if not p:  # no back-pressure: ready stays high; look at the knob again in a while
                if last != 1:
                    ready.value = last = 1
                await idle
                await edge
                continue
            await edge
            v = 0 if self.rng.random() < p else 1
            if v != last:  # write only on a change
                ready.value = last = v


class RspMonitor(uvm_component):
    """Publishes every response handshake; checks that a stalled response holds still."""

    def build_phase(self):
        self.ap = uvm_analysis_port("ap", self)

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.sb = self.cdb_get("scoreboard")  # fails through it (one way to fail)

    async def run_phase(self):
        d = self.dut
        self.held = None  # (tag, status, addr) of a response waiting on rsp_ready
        self.since = 0  # the cycle it was first shown
        # handles and readers once, not per clock; sampled by the run's one clock loop
        valid, ready = bit_reader(d.rsp_valid_o), bit_reader(d.rsp_ready_i)
        tag, status, addr = int_reader(d.rsp_tag_o), int_reader(d.rsp_status_o), int_reader(d.rsp_addr_o)
        write, fail = fanout(self.ap), self.sb.fail

        def sample(live: bool) -> None:
            if not live:
                self.held = None
                return
            held = self.held
            if not valid():
                if held is not None:
                    fail(f"response tag={held[0]} withdrawn while rsp_ready was low")
                return
            now = cycle()
            cur = (tag(), status(), addr())
            if held is not None and cur != held:
                fail(f"response changed while stalled: {held} -> {cur}")
            if held is None:
                self.since = now
            if ready():
                write(Rsp(*cur, cycle=now, stall_cycles=now - self.since))
                self.held = None
            else:
                self.held = cur

        clock_sampler().add(sample, order=1)


class RspAgent(uvm_agent):
    def build_phase(self):
        self.backpressure = RspBackPressure("backpressure", self)
        self.monitor = RspMonitor("monitor", self)
