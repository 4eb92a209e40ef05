"""Request agent: sequencer + driver (valid/ready source, optional idle cycles) + monitor.

Tags: a requester must not reuse a tag still outstanding, so sequences take tags from the shared
`TagPool`; the scoreboard gives a tag back when its response arrives (or when a reset forgets it).
"""

from __future__ import annotations

from cocotb.triggers import Event, RisingEdge
from pyuvm import uvm_agent, uvm_analysis_port, uvm_component, uvm_driver, uvm_sequencer

from tb.common import seed
from tb.common.base import clock_sampler, cycle
from tb.common.sig import bit_reader, int_reader, int_writer

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
        self._edge = None

    async def run_phase(self):
        d = self.dut
        d.req_valid_i.value = 0
        while True:
            item = await self.seq_item_port.get_next_item()
            await self.drive(item)
            self.seq_item_port.item_done()

    async def drive(self, item: ReqItem) -> None:
        d = self.dut
        if self._edge is None:  # handles and readers once, not per item
            self._edge, self._rst, self._ready = RisingEdge(d.clk_i), bit_reader(d.rst_ni), bit_reader(d.req_ready_o)
            self._pins = tuple(int_writer(h) for h in (d.req_tag_i, d.req_func_i, d.req_service_i, d.req_offset_i,
                                                        d.req_valid_i))
        edge, rst, ready = self._edge, self._rst, self._ready
        tag_i, func_i, service_i, offset_i, valid_i = self._pins
        while self.cfg.idle_prob and self.rng.random() < self.cfg.idle_prob:
            await edge
        while True:
            if not rst():
                valid_i(0)
                while not rst():
                    await edge
            tag_i(item.tag)
            func_i(item.func)
            service_i(item.service)
            offset_i(item.offset)
            valid_i(1)
            await edge
            while rst() and not ready():
                await edge
            if rst():  # accepted (a reset at this edge drops the request: offer it again)
                break
        valid_i(0)


class ReqMonitor(uvm_component):
    def build_phase(self):
        self.ap = uvm_analysis_port("ap", self)

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")

    async def run_phase(self):
        d = self.dut
        # handles and readers once, not per clock; sampled by the run's one clock loop (first: a read
        # or response in the same clock is published after the request it serves)
        valid, ready = bit_reader(d.req_valid_i), bit_reader(d.req_ready_o)
        tag, func, service, offset = (int_reader(h) for h in (d.req_tag_i, d.req_func_i, d.req_service_i,
                                                                d.req_offset_i))
        write = self.ap.write

        def sample(live: bool) -> None:
            if live and valid() and ready():
                write(Req(tag=tag(), func=func(), service=service(), offset=offset(), cycle=cycle()))

        clock_sampler().add(sample, order=0)


class ReqAgent(uvm_agent):
    def build_phase(self):
        self.seqr = uvm_sequencer("seqr", self)
        self.driver = ReqDriver("driver", self)
        self.monitor = ReqMonitor("monitor", self)

    def connect_phase(self):
        self.driver.seq_item_port.connect(self.seqr.seq_item_export)
