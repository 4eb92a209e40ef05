"""Request agent: sequencer + driver (valid/ready source, optional idle cycles) + monitor.

Tags: a requester must not reuse a tag still outstanding, so sequences take tags from the shared
`TagPool`; the scoreboard gives a tag back when its response arrives (or when a reset forgets it).

The sequencer and driver hand requests over the way pyuvm's do (first come, first served among the
sequences started on the sequencer; a sequence makes its next request when its previous one was
accepted; the driver holds valid through reset and offers the request again), without what that costs
per request: pyuvm's three events per item and the task switches between sequence, sequencer and
driver. A sequence (env/sequences.py
`ReqSeq`) makes a request when asked (`next_request`), the sequencer queues it, and the driver is a
`sample` function of the run's one clock loop (tb/common/sampler.py, after the monitors: the
response monitor has given back this clock's tag before the next request takes one).
"""

from __future__ import annotations

from collections import deque

import cocotb
from cocotb import simulator
from cocotb.triggers import Event
from pyuvm import uvm_agent, uvm_analysis_port, uvm_component, uvm_sequencer

from tb.common import seed
from tb.common.base import clock_sampler, cycle
from tb.common.sig import bit_reader, int_reader, int_writer

from .items import Req, ReqItem, fanout


class TagPool:
    def __init__(self, tag_width: int):
        self.free = list(range(1 << tag_width))
        self.in_use: set[int] = set()
        self._freed = Event()

    def try_acquire(self, rng) -> int | None:
        """A free tag (chosen at random), or None when every tag is outstanding."""
        if not self.free:
            return None
        tag = self.free.pop(rng.randrange(len(self.free)))
        self.in_use.add(tag)
        return tag

    async def acquire(self, rng) -> int:
        while not self.free:
            self._freed.clear()
            await self._freed.wait()
        return self.try_acquire(rng)

    def release(self, tag: int) -> None:
        if tag in self.in_use:
            self.in_use.remove(tag)
            self.free.append(tag)
            self._freed.set()


class ReqSequencer(uvm_sequencer):
    """Requests of the sequences started on it (ReqSeq.body calls `run`), queued for the driver in
    the order they were made."""

    def build_phase(self):
        self.queue: deque = deque()  # (sequence, ReqItem) made and waiting for the driver
        self.driver: ReqDriver | None = None  # set by the agent
        self.tags: TagPool | None = None

    async def run_phase(self):
        pass  # (pyuvm's sequencer forwards items in a task of its own; here `_queue` does)

    async def run(self, seq) -> None:
        """Send `seq`'s requests, one after the other; returns once its last one was accepted."""
        if self.tags is None:
            self.tags = self.cdb_get("tags")
        seq.finished = Event()
        self._advance(seq)
        await seq.finished.wait()

    def _advance(self, seq) -> None:
        """`seq`'s next request (made now, as pyuvm's sequence would make it now): queued, or once a tag
        is free, or the sequence is finished."""
        req = seq.next_request()
        if req is None:
            seq.finished.set()
            return
        tag = self.tags.try_acquire(seq.rng)
        if tag is None:  # every tag outstanding: wait for one as a sequence task would
            cocotb.start_soon(self._when_tag_free(seq, req))
            return
        self._queue(seq, ReqItem(tag, *req))

    async def _when_tag_free(self, seq, req: tuple[int, int, int]) -> None:
        tag = await self.tags.acquire(seq.rng)
        self._queue(seq, ReqItem(tag, *req))

    def _queue(self, seq, item: ReqItem) -> None:
        self.queue.append((seq, item))
        self.driver.take()

    def item_done(self, seq) -> None:
        """The driver's handshake for `seq`'s request: the sequence makes its next one."""
        seq.sent += 1
        self._advance(seq)


class ReqDriver(uvm_component):
    """Drives the sequencer's requests: idle cycles with probability cfg.idle_prob before each, valid
    held until the handshake; a reset drops valid and the request is offered again after it."""

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.cfg = self.cdb_get("cfg")
        self.rng = seed.rng("req_idle")
        d = self.dut
        self._rst, self._ready = bit_reader(d.rst_ni), bit_reader(d.req_ready_o)
        self._pins = tuple(int_writer(h) for h in (d.req_tag_i, d.req_func_i, d.req_service_i, d.req_offset_i))
        self._write_valid = int_writer(d.req_valid_i)
        # the pins as last written (only this driver writes them, and the environment valid=0 during the
        # first reset): a pin is written only when it changes
        self._driven = [None, None, None, None]
        self._valid_driven = None
        self.current = None  # (sequence, ReqItem) taken from the sequencer, not yet accepted
        self._offered = False  # valid is high with `current`
        self._after_reset = False  # `current` waits for the reset to end
        # the time step `current` was taken in: a request taken at a clock edge before the clock loop
        # sampled that edge is driven from then on, and looked at first at the next edge (as a driver
        # task would: it drives, then awaits the next edge)
        self._taken_at = None

    async def run_phase(self):
        self._valid(0)
        clock_sampler().add(self._sample, order=3)

    def _valid(self, v: int) -> None:
        if v != self._valid_driven:
            self._write_valid(v)
            self._valid_driven = v

    def take(self) -> None:
        """Take the sequencer's next request if nothing is in hand (called whenever one is queued)."""
        if self.current is None and self.seqr.queue:
            self.current = self.seqr.queue.popleft()
            self._taken_at = simulator.get_sim_time()
            self._idle_or_drive()

    def _idle_or_drive(self) -> None:
        p = self.cfg.idle_prob
        if p and self.rng.random() < p:
            return  # an idle cycle: drawn again at the next edge
        self._drive()

    def _drive(self) -> None:
        if not self._rst():
            self._valid(0)
            self._after_reset = True
            return
        item = self.current[1]
        driven = self._driven
        for i, v in enumerate((item.tag, item.func, item.service, item.offset)):
            if v != driven[i]:
                self._pins[i](v)
                driven[i] = v
        self._valid(1)
        self._offered = True

    def _sample(self, live: bool) -> None:
        if self.current is None:
            return
        if self._taken_at is not None:
            if simulator.get_sim_time() == self._taken_at:
                return  # taken in this edge's time step, after its handshake (see _taken_at)
            self._taken_at = None
        if self._offered:
            if not live:  # a reset at this edge drops the request: offered again once it ends
                self._offered = False
                self._valid(0)
                self._after_reset = True
            elif self._ready():  # accepted
                self._offered = False
                seq = self.current[0]
                self.current = None
                self.take()
                self.seqr.item_done(seq)
                if not self._offered:  # (valid stays high, unwritten, when the next request follows at once)
                    self._valid(0)
        else:
            if self._after_reset:
                if live:
                    self._after_reset = False
                    self._drive()
            else:
                self._idle_or_drive()


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
        write = fanout(self.ap)

        def sample(live: bool) -> None:
            if live and valid() and ready():
                write(Req(tag=tag(), func=func(), service=service(), offset=offset(), cycle=cycle()))

        clock_sampler().add(sample, order=0)


class ReqAgent(uvm_agent):
    def build_phase(self):
        self.seqr = ReqSequencer("seqr", self)
        self.driver = ReqDriver("driver", self)
        self.monitor = ReqMonitor("monitor", self)

    def connect_phase(self):
        self.seqr.driver = self.driver
        self.driver.seqr = self.seqr
