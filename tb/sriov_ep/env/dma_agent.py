"""The DMA requester side: descriptor driver, payload stream driver, completion monitor.

The descriptor driver offers each item (after its idle clocks) until `desc_ready_o`, stamps the
handshake clock and acceptance order, publishes it (`ap`) and hands its payload beats to the
payload driver, which streams them in acceptance order with random idle clocks (docs/sriov_ep.md:
a descriptor's beats follow those of the descriptor accepted before it). The completion monitor
drives `cpl_ready_i` with random back-pressure and publishes every completion handshake.
"""

from __future__ import annotations

from collections import deque

from cocotb.triggers import Event, RisingEdge
from pyuvm import ConfigDB, uvm_analysis_port, uvm_component, uvm_driver

from tb.common.base import cycle
from tb.common.seed import rng
from tb.sriov_ep.env.items import Completion


class DescDriver(uvm_driver):
    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.ap = uvm_analysis_port("ap", self)
        self.accepted = 0
        self.payload: deque = deque()  # beats waiting for the payload driver, in acceptance order
        self.payload_ready = Event()
        self.hold = False  # the env holds descriptors back around a mid-test reset

    def reset(self) -> None:
        """A DUT reset: the stream restarts empty (docs/sriov_ep.md "Reset")."""
        self.payload.clear()

    async def run_phase(self):
        d, clk = self.dut, self.dut.clk_i
        d.desc_valid_i.value = 0
        while True:
            item = await self.seq_item_port.get_next_item()
            if item.idle:
                d.desc_valid_i.value = 0
                for _ in range(item.idle):
                    await RisingEdge(clk)
            while self.hold or not d.rst_ni.value:
                d.desc_valid_i.value = 0
                await RisingEdge(clk)
            d.desc_tag_i.value, d.desc_func_i.value, d.desc_service_i.value = item.tag, item.func, item.service
            d.desc_offset_i.value, d.desc_len_i.value = item.offset, item.length
            d.desc_valid_i.value = 1
            while True:
                await RisingEdge(clk)
                if not d.rst_ni.value:
                    break  # dropped: never accepted
                if d.desc_ready_o.value:
                    item.accepted, item.seq = cycle(), self.accepted
                    self.accepted += 1
                    self.payload.extend(item.beats)
                    self.payload_ready.set()
                    self.ap.write(item)
                    break
            d.desc_valid_i.value = 0
            self.seq_item_port.item_done()


class PayloadDriver(uvm_component):
    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.cfg = ConfigDB().get(self, "", "cfg")
        self.rng = rng("payload")
        self.src: DescDriver | None = None  # connected by the env
        self.beats_sent = 0

    async def run_phase(self):
        d, clk, src = self.dut, self.dut.clk_i, self.src
        d.data_valid_i.value = 0
        while True:
            if not src.payload:
                d.data_valid_i.value = 0
                src.payload_ready.clear()
                await src.payload_ready.wait()  # woken in the clock of a descriptor handshake
                continue
            if self.cfg.data_idle and self.rng.random() < self.cfg.data_idle:
                d.data_valid_i.value = 0
                await RisingEdge(clk)
                continue
            data, strb = src.payload[0]
            d.data_i.value, d.data_strb_i.value = data, strb
            d.data_valid_i.value = 1
            await RisingEdge(clk)
            if not d.rst_ni.value:
                d.data_valid_i.value = 0
                continue  # the env's reset() emptied the queue
            if d.data_ready_o.value and src.payload:
                src.payload.popleft()
                self.beats_sent += 1


class CplMonitor(uvm_component):
    """cpl_ready_i with back-pressure probability cfg.cpl_backpressure; publishes each completion."""

    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.cfg = ConfigDB().get(self, "", "cfg")
        self.ap = uvm_analysis_port("ap", self)
        self.rng = rng("cpl_ready")
        self.count = 0

    async def run_phase(self):
        d, clk = self.dut, self.dut.clk_i
        bp = self.cfg.cpl_backpressure
        ready = 1
        d.cpl_ready_i.value = ready
        while True:
            await RisingEdge(clk)
            if ready and d.cpl_valid_o.value and d.rst_ni.value:
                self.count += 1
                self.ap.write(Completion(int(d.cpl_tag_o.value), int(d.cpl_status_o.value), cycle()))
            ready = 0 if bp and self.rng.random() < bp else 1
            d.cpl_ready_i.value = ready
