"""Request agent: sequencer + driver (valid/ready source, optional idle cycles) + monitor.

Tags: a requester must not reuse a tag still outstanding, so sequences take tags from the shared
`TagPool`; the scoreboard gives a tag back when its response arrives (or when a reset forgets it).
"""

from __future__ import annotations

from cocotb.triggers import Event, RisingEdge
from pyuvm import uvm_agent, uvm_analysis_port, uvm_component, uvm_driver, uvm_sequencer

from tb.common import seed
from tb.common.base import cycle, env_started

from .items import Req, ReqItem


class TagPool:
    def __init__(self, tag_width: int):
        self.free = list(range(1 << tag_width))
        self.in_use: set[int] = set()
        self._freed = Event()

    async def acquire(self, rng) -> int:
        while not self.free:
            self._freed.clear()
            await self._freed.wait()
        tag = self.free.pop(rng.randrange(len(self.free)))
        self.in_use.add(tag)
        return tag

    def release(self, tag: int) -> None:
        if tag in self.in_use:
            self.in_use.remove(tag)
            self.free.append(tag)
            self._freed.set()


class ReqDriver(uvm_driver):
    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.cfg = self.cdb_get("cfg")
        self.rng = seed.rng("req_idle")

    async def run_phase(self):
        d = self.dut
        d.req_valid_i.value = 0
        while True:
            item = await self.seq_item_port.get_next_item()
            await self.drive(item)
            self.seq_item_port.item_done()

    async def drive(self, item: ReqItem) -> None:
        d = self.dut
        while self.cfg.idle_prob and self.rng.random() < self.cfg.idle_prob:
            await RisingEdge(d.clk_i)
        while True:
            if not d.rst_ni.value:
                d.req_valid_i.value = 0
                while not d.rst_ni.value:
                    await RisingEdge(d.clk_i)
            d.req_tag_i.value = item.tag
            d.req_func_i.value = item.func
            d.req_service_i.value = item.service
            d.req_offset_i.value = item.offset
            d.req_valid_i.value = 1
            await RisingEdge(d.clk_i)
            while d.rst_ni.value and not d.req_ready_o.value:
                await RisingEdge(d.clk_i)
            if d.rst_ni.value:  # accepted (a reset at this edge drops the request: offer it again)
                break
        d.req_valid_i.value = 0


class ReqMonitor(uvm_component):
    def build_phase(self):
        self.ap = uvm_analysis_port("ap", self)

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")

    async def run_phase(self):
        d = self.dut
        await env_started()
        while True:
            await RisingEdge(d.clk_i)
            if d.rst_ni.value and d.req_valid_i.value and d.req_ready_o.value:
                self.ap.write(
                    Req(
                        tag=int(d.req_tag_i.value),
                        func=int(d.req_func_i.value),
                        service=int(d.req_service_i.value),
                        offset=int(d.req_offset_i.value),
                        cycle=cycle(),
                    )
                )


class ReqAgent(uvm_agent):
    def build_phase(self):
        self.seqr = uvm_sequencer("seqr", self)
        self.driver = ReqDriver("driver", self)
        self.monitor = ReqMonitor("monitor", self)

    def connect_phase(self):
        self.driver.seq_item_port.connect(self.seqr.seq_item_export)
