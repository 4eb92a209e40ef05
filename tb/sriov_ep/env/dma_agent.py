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
from tb.common.sig import bit_reader, int_reader
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
        d = self.dut
        edge, rst, ready = RisingEdge(d.clk_i), bit_reader(d.rst_ni), bit_reader(d.desc_ready_o)  # once
        d.desc_valid_i.value = 0
        while True:
            item = await self.seq_item_port.get_next_item()
            if item.idle:
                d.desc_valid_i.value = 0
                for _ in range(item.idle):
                    await edge
            while self.hold or not rst():
                d.desc_valid_i.value = 0
                await edge
            d.desc_tag_i.value, d.desc_func_i.value, d.desc_service_i.value = item.tag, item.func, item.service
            d.desc_offset_i.value, d.desc_len_i.value = item.offset, item.length
            d.desc_valid_i.value = 1
            while True:
                await edge
                if not rst():
                    break  # dropped: never accepted
                if ready():
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
        d, src = self.dut, self.src
        # handles, readers and the trigger once (this runs every clock of a payload); valid written
        # only when it changes (env.reset() also drives it low, and so does this loop in reset)
        edge, rst, ready = RisingEdge(d.clk_i), bit_reader(d.rst_ni), bit_reader(d.data_ready_o)
        valid_i, data_i, strb_i = d.data_valid_i, d.data_i, d.data_strb_i
        valid_i.value = v_last = 0
        while True:
            if not src.payload:
                valid_i.value = v_last = 0
                src.payload_ready.clear()
                await src.payload_ready.wait()  # woken in the clock of a descriptor handshake
                continue
            if self.cfg.data_idle and self.rng.random() < self.cfg.data_idle:
                if v_last:
                    valid_i.value = v_last = 0
                await edge
                continue
            data, strb = src.payload[0]
            data_i.value, strb_i.value = data, strb
            if not v_last:
                valid_i.value = v_last = 1
            await edge
            if not rst():
                valid_i.value = v_last = 0
                continue  # the env's reset() emptied the queue
            if ready() and src.payload:
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
        d = self.dut
        bp = self.cfg.cpl_backpressure
        edge, valid, rst = RisingEdge(d.clk_i), bit_reader(d.cpl_valid_o), bit_reader(d.rst_ni)  # once
        tag, status = int_reader(d.cpl_tag_o), int_reader(d.cpl_status_o)
        ready_i = d.cpl_ready_i
        ready = 1
        ready_i.value = ready
        while True:
            await edge
            if ready and valid() and rst():
                self.count += 1
                self.ap.write(Completion(tag(), status(), cycle()))
            if bp:  # written every clock (env.reset() drives it too); without back-pressure it stays 1
                ready = 0 if self.rng.random() < bp else 1
                ready_i.value = ready
