"""DMA write-address traffic: the AW source driver, the downstream AW sink, and the AW monitors
(each handshake stamped with tb.common.base.cycle())."""

from __future__ import annotations

from dataclasses import dataclass

from cocotb.triggers import RisingEdge
from pyuvm import ConfigDB, uvm_analysis_port, uvm_component, uvm_driver, uvm_sequencer

from tb.common.base import cycle, env_started
from tb.common.seed import rng
from tb.dirty_track.env.items import AwItem


@dataclass
class AwPins:
    """The AW signals of one side of the DUT (prefix s_axi or m_axi)."""

    dut: object
    prefix: str

    def __getattr__(self, sig):
        return getattr(self.dut, f"{self.prefix}_aw{sig}")


class AwSourceDriver(uvm_driver):
    """Drives s_axi_aw* from the sequencer: optional idle clocks, then valid until ready. Items
    offered while reset is asserted are dropped (AXI: valid is low in reset)."""

    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.pins = AwPins(self.dut, "s_axi")

    async def run_phase(self):
        p, clk = self.pins, self.dut.clk_i
        p.valid.value = 0
        while True:
            item = await self.seq_item_port.get_next_item()
            if item.idle:
                p.valid.value = 0
                for _ in range(item.idle):
                    await RisingEdge(clk)
            while not self.dut.rst_ni.value:
                p.valid.value = 0
                await RisingEdge(clk)
            p.id.value, p.addr.value, p.len.value = item.awid, item.addr, item.length
            p.size.value, p.burst.value, p.user.value = item.size, item.burst, item.func
            p.valid.value = 1
            while True:
                await RisingEdge(clk)
                if not self.dut.rst_ni.value:
                    item.dropped = True
                    break
                if p.ready.value:
                    item.t = cycle()
                    break
            p.valid.value = 0
            self.seq_item_port.item_done()


class AwSink(uvm_component):
    """The downstream side of m_axi_aw*: AWREADY high with probability cfg.ready_prob each clock."""

    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.cfg = ConfigDB().get(self, "", "cfg")
        self.rng = rng("aw_sink")

    async def run_phase(self):
        ready = self.dut.m_axi_awready
        while True:
            ready.value = 1 if self.cfg.ready_prob >= 1.0 or self.rng.random() < self.cfg.ready_prob else 0
            await RisingEdge(self.dut.clk_i)


class AwMonitor(uvm_component):
    """Publishes every AW handshake on one side (prefix) as an AwItem stamped with its cycle."""

    def __init__(self, name, parent, prefix):
        super().__init__(name, parent)
        self.prefix = prefix

    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.pins = AwPins(self.dut, self.prefix)
        self.ap = uvm_analysis_port("ap", self)

    async def run_phase(self):
        p, clk, rst = self.pins, self.dut.clk_i, self.dut.rst_ni
        await env_started()  # nothing to see in the first reset and bring-up (no DMA traffic yet)
        while True:
            await RisingEdge(clk)
            if rst.value and p.valid.value and p.ready.value:
                item = AwItem(awid=int(p.id.value), addr=int(p.addr.value), length=int(p.len.value),
                              size=int(p.size.value), burst=int(p.burst.value), func=int(p.user.value))
                item.t = cycle()
                self.ap.write(item)


class AwAgent(uvm_component):
    """Active agent on the AW input: sequencer + source driver + input monitor."""

    def build_phase(self):
        self.seqr = uvm_sequencer("seqr", self)
        self.driver = AwSourceDriver("driver", self)
        self.monitor = AwMonitor("monitor", self, "s_axi")

    def connect_phase(self):
        self.driver.seq_item_port.connect(self.seqr.seq_item_export)
