"""Host memory behind the DUT's AXI4 read master: table words, error regions, stale-value tracking.

`HostMemory` holds 64-bit words. Every write remembers the value it replaced as *stale* until an
invalidation covering that word completes (see models/bat_clat.py, "Caching and stale data");
`candidates(addr)` is what the scoreboard may accept the DUT to have used. Regions registered with
`add_error_region` answer reads with SLVERR or DECERR (BUS_ERROR tests).

`AxiMemSlave` is an AXI4 read slave serving `HostMemory` (it behaves as cocotbext-axi's AxiSlaveRead,
written lean for the testbench's speed), with random ARREADY / RVALID stalls through the channels'
pause generators, and a failing read answered with its region's SLVERR or DECERR. On command it also misbehaves like a broken interconnect (`AxiFault`,
queued with `inject`): it holds a read's data until released, ends a burst early or late (RLAST on
the wrong beat, extra beats), answers SLVERR/DECERR on a chosen beat, and sends stray R beats whose
RID matches no outstanding read (`stray_beat`). The contract for each is in docs/bat_clat.md
("Malformed AXI read responses"). Reads of a *stuck* address range (`stick`) are not answered until
`unstick()`, while every other read is served as usual (the noisy neighbour: one function's tables in
memory that does not answer; docs/bat_clat.md, "Miss limit per function").
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from dataclasses import dataclass, field

import cocotb
from cocotb.triggers import Event, FallingEdge, RisingEdge
from cocotbext.axi.constants import AxiBurstType
from pyuvm import ConfigDB

from models.bat_clat import OKAY, BusError, Invalidation
from tb.common.base import clock_sampler
from tb.common.sig import bit_reader, int_reader, int_writer


@dataclass
class _Stale:
    value: int
    seq: int  # write sequence number when it became stale


class HostMemory:
    def __init__(self):
        self.words: dict[int, int] = {}
        self.owner: dict[int, tuple[int, int | None]] = {}  # word -> (function, service or None)
        self.stale: dict[int, list[_Stale]] = {}
        self.seq = 0
        self.error_regions: list[tuple[int, int, int]] = []  # [lo, hi) -> AXI resp
        # words whose next read is answered malformed on purpose (AxiFault): the model then predicts
        # what the contract says for a failing read (BUS_ERROR); the memory itself still serves them
        self._faulted: set[int] = set()
        # changes whenever what candidates() answers may change (checkers cache what they derive from it)
        self.version = 0
        self._cand: dict[int, list] = {}  # candidates() answers at _cand_version
        self._cand_version = 0

    @property
    def faulted(self) -> set[int]:
        return self._faulted

    @faulted.setter
    def faulted(self, words: set[int]) -> None:  # (`mem.faulted |= words` assigns, so it lands here)
        self._faulted = words
        self.version += 1

    # ---- contents
    def write_word(self, addr: int, value: int, owner: tuple[int, int | None] | None = None) -> None:
        assert addr % 8 == 0
        self.seq += 1
        self.version += 1
        old = self.words.get(addr, 0)
        if old != value:
            self.stale.setdefault(addr, []).append(_Stale(old, self.seq))
        self.words[addr] = value
        if owner is not None:
            self.owner[addr] = owner

    def read_word(self, addr: int) -> int:
        if self.error_resp(addr) != OKAY:
            raise BusError(hex(addr))
        return self.words.get(addr & ~7, 0)

    def add_error_region(self, lo: int, hi: int, resp: int) -> None:
        self.error_regions.append((lo, hi, resp))
        self.version += 1

    def error_resp(self, addr: int) -> int:
        for lo, hi, resp in self.error_regions:
            if lo <= addr < hi:
                return resp
        return OKAY

    # ---- what the DUT may legitimately have read
    def candidates(self, addr: int) -> list:
        """The values a read of the word at `addr` may return ([BusError] for a failing read); the
        scoreboard asks for the same few table words again and again, so the answers are kept until
        anything they depend on changes (`version`). The list is shared: callers only read it."""
        if self._cand_version != self.version:
            self._cand.clear()
            self._cand_version = self.version
        out = self._cand.get(addr)
        if out is None:
            if self.error_resp(addr) != OKAY or (addr & ~7) in self._faulted:
                out = [BusError]
            else:
                out = [s.value for s in self.stale.get(addr, ())] + [self.words.get(addr, 0)]
            if len(self._cand) < 4096:
                self._cand[addr] = out
        return out

    def mark(self) -> int:
        """A point in the write history: an invalidation written now covers writes up to here."""
        return self.seq

    def invalidated(self, inv: Invalidation, mark: int) -> None:
        """An invalidation written at `mark` has completed: the values it covers are no longer candidates."""
        self.version += 1
        for addr in list(self.stale):
            f, s = self.owner.get(addr, (None, None))
            if f is not None and not inv.covers(f, s):
                continue
            keep = [st for st in self.stale[addr] if st.seq > mark]
            if keep:
                self.stale[addr] = keep
            else:
                del self.stale[addr]

    def forget_stale(self) -> None:
        """After a reset the caches are empty: only current values remain."""
        self.stale.clear()
        self.version += 1

    # ---- AXI slave target (AxiSlaveRead calls this per beat)
    def read_beat(self, address: int) -> int:
        """The 64-bit word an R beat at `address` carries (_AxiError: the region's error response)."""
        if self.error_regions:
            resp = self.error_resp(address)
            if resp != OKAY:
                raise _AxiError(resp)
        return self.words.get(address, 0)


class _AxiError(Exception):
    def __init__(self, resp: int):
        super().__init__(f"resp {resp}")
        self.resp = resp


def pause_generator(rng: random.Random, prob: float):
    """An endless ready/valid pause pattern: True (stall) with probability `prob` per cycle."""
    if prob <= 0:
        return itertools.repeat(False)
    return (rng.random() < prob for _ in itertools.count())


@dataclass
class AxiFault:
    """How the memory answers the next read that matches `match` ("bat": 2-beat reads, "clat": 1-beat
    reads, "any").

    `beats`: number of R beats sent (None = the burst's length); RLAST is set on beat `last_at`
    (1-based; None = the last beat sent; 0 = on no beat). `resp_at`: {beat: RRESP} overrides.
    `hold`: the data waits until `release()` (the read stays outstanding). Beats past the burst's
    length carry junk data."""

    match: str = "any"
    beats: int | None = None
    last_at: int | None = None
    resp_at: dict[int, int] = field(default_factory=dict)
    hold: bool = False
    hold_before: int | None = None  # with hold: wait for release() before this beat (None = the first)
    junk: int = 0x8000_0000_DEAD_B000
    # filled in by the slave
    arid: int | None = None
    addr: int | None = None
    started: Event = field(default_factory=Event)  # AR taken
    released: Event = field(default_factory=Event)
    finished: Event = field(default_factory=Event)  # last beat sent

    def sent_beats(self, length: int) -> list[tuple[int, bool]]:
        """(RRESP, RLAST) of the beats this fault sends for a read of `length` beats, up to the first
        RLAST (what the DUT sees of that read; see models.bat_clat.read_outcome)."""
        nsend = length if self.beats is None else self.beats
        last_at = nsend if self.last_at is None else self.last_at
        out = []
        for n in range(1, nsend + 1):
            out.append((self.resp_at.get(n, 0), n == last_at))
            if n == last_at:
                break
        return out

    def matches(self, nbeats: int) -> bool:
        return self.match == "any" or (self.match == "bat") == (nbeats == 2)

    def release(self) -> None:
        self.released.set()


class _ArBeat:
    __slots__ = ("arid", "araddr", "arlen", "arsize", "arburst")

    def __init__(self, arid: int, araddr: int, arlen: int, arsize: int, arburst: int):
        self.arid, self.araddr, self.arlen, self.arsize, self.arburst = arid, araddr, arlen, arsize, arburst


class _RBeat:
    __slots__ = ("rid", "rdata", "rresp", "rlast")

    def __init__(self, rid: int, rdata: int, rresp: int, rlast: bool):
        self.rid, self.rdata, self.rresp, self.rlast = rid, rdata, rresp, rlast


class _Channel:
    """One AXI channel of the slave: its queue and its stall pattern (a pause generator: True =
    stall this clock, or the fixed `pause`), with the method names of cocotbext-axi's channels."""

    def __init__(self):
        self.queue: deque = deque()
        self.pause = False
        self.gen = None
        self.added = Event()  # set when an item is queued (the AR side's consumer waits on it)

    def set_pause_generator(self, gen) -> None:
        self.gen = gen

    def clear_pause_generator(self) -> None:
        self.gen = None

    def stalled(self) -> bool:
        return next(self.gen) if self.gen is not None else self.pause

    async def send(self, item) -> None:
        self.queue.append(item)

    async def recv(self):
        while not self.queue:
            self.added.clear()
            await self.added.wait()
        return self.queue.popleft()

    def clear(self) -> None:
        self.queue.clear()


class AxiMemSlave:
    """An AXI4 read slave serving a HostMemory; a failing beat answers with that region's SLVERR/DECERR.

    Written for the testbench's speed (a soak runs it for every clock): a `sample` function of the
    run's one clock loop (tb/common/sampler.py; the first one, as it was the first task at each edge),
    it samples AR and R with the fast readers of tb/common/sig.py and writes a signal only when its
    value changes; `_process_read` turns each AR into R beats. Its behaviour is cocotbext-axi's AxiSlaveRead
    (whose channel method names it keeps): ARREADY high unless the AR channel stalls; RVALID held with
    its beat until RREADY; a reset (rst_ni falling, at any time) drops every queued read and beat and
    drives ARREADY and RVALID low until it ends."""

    byte_lanes = 8
    max_burst_size = 3

    def __init__(self, dut, clock, reset, mem: HostMemory, prefix: str = "m_axi"):
        self.dut, self.clock, self.reset, self.prefix = dut, clock, reset, prefix
        self.mem = mem
        self.ar_channel, self.r_channel = _Channel(), _Channel()
        self.faults: list[AxiFault] = []
        self.stuck: list[tuple[int, int]] = []  # [lo, hi): reads starting there wait for unstick()
        self.unstuck = Event()
        self.stuck_reads = 0  # reads taken while stuck (answered after unstick)
        self._process_read_cr = None
        self._set_arready, self._set_rvalid = int_writer(self._pin("arready")), int_writer(self._pin("rvalid"))
        self._in_reset, self._resets = True, 0
        self._reader_idle = False  # the reader waits for an AR (nothing of its own in progress)
        cocotb.start_soon(self._watch_reset())
        self._init_pins()
        cocotb.start_soon(self._until_sampler())

    async def _until_sampler(self) -> None:
        """Serve every edge from the first on: by this task until the environment has started, then as
        the first `sample` function of the run's one clock loop (one coroutine resume per clock less;
        the loop samples from the first edge after env_started, the edge where this task hands over)."""
        started, edge = ConfigDB().get(None, "", "env_started"), RisingEdge(self.clock)
        while True:
            await edge
            if started.is_set():
                clock_sampler().add(self._sample, order=-1)
                return
            self._sample(True)

    def _pin(self, name: str):
        return getattr(self.dut, f"{self.prefix}_{name}")

    async def _watch_reset(self) -> None:
        """Reset as AxiSlaveRead handles it: at rst_ni's fall, whenever it happens (a pulse may hold
        no clock edge), the reader stops, every queued read and beat is dropped and ARREADY / RVALID
        go low; at its rise the reader starts again."""
        rst = self.reset
        if not bit_reader(rst)():
            await RisingEdge(rst)
        self._process_read_cr = cocotb.start_soon(self._process_read())
        self._in_reset = False
        while True:
            await FallingEdge(rst)
            self._in_reset = True
            self._resets += 1
            if self._process_read_cr is not None:
                self._process_read_cr.cancel()
                self._process_read_cr = None
            self._reader_idle = False
            self.ar_channel.clear()
            self.r_channel.clear()
            self._set_arready(0)
            self._set_rvalid(0)
            await RisingEdge(rst)
            self._process_read_cr = cocotb.start_soon(self._process_read())
            self._in_reset = False

    def _init_pins(self) -> None:
        pin = self._pin
        self._r_pins = tuple(int_writer(pin(n)) for n in ("rid", "rdata", "rresp", "rlast"))
        self._arvalid, self._rready = bit_reader(pin("arvalid")), bit_reader(pin("rready"))
        self._ar_pins = tuple(int_reader(pin(n)) for n in ("arid", "araddr", "arlen", "arsize", "arburst"))
        self._set_arready(0)
        self._set_rvalid(0)
        self._arready = self._rvalid = False  # as driven
        self._seen_resets = self._resets
        self._driven = [None, None, None, None]  # rid, rdata, rresp, rlast as last written

    def _sample(self, _live: bool) -> None:
        """One rising edge: take an AR, hand over / show an R beat, ARREADY for the next clock."""
        if self._seen_resets != self._resets:  # a reset since the last edge drove ARREADY and RVALID low
            self._seen_resets = self._resets
            self._arready = self._rvalid = False
        if self._in_reset:
            return
        ar, r = self.ar_channel, self.r_channel
        if self._arready and self._arvalid():
            arid, araddr, arlen, arsize, arburst = self._ar_pins
            self._accept(_ArBeat(arid(), araddr(), arlen(), arsize(), arburst()))
        if self._rvalid:
            if self._rready():  # the beat shown was taken
                if r.queue and not r.stalled():
                    self._show(r.queue.popleft(), self._driven, self._r_pins)
                else:
                    self._set_rvalid(0)
                    self._rvalid = False
        elif r.queue and not r.stalled():
            self._show(r.queue.popleft(), self._driven, self._r_pins)
            self._set_rvalid(1)
            self._rvalid = True
        ready_next = not ar.stalled()
        if ready_next != self._arready:
            self._arready = ready_next
            self._set_arready(1 if ready_next else 0)

    @staticmethod
    def _show(b: _RBeat, driven: list, pins: tuple) -> None:
        """Put beat `b` on the R signals (only those that change are written)."""
        beat = (b.rid, b.rdata, int(b.rresp), 1 if b.rlast else 0)
        for i, write in enumerate(pins):
            if driven[i] != beat[i]:
                write(beat[i])
                driven[i] = beat[i]

    def stick(self, lo: int, hi: int) -> None:
        """Reads whose address is in [lo, hi) get no data until unstick(); other reads go on."""
        self.stuck.append((lo, hi))
        self.unstuck.clear()

    def unstick(self) -> None:
        self.stuck.clear()
        self.unstuck.set()

    def inject(self, fault: AxiFault) -> AxiFault:
        """Apply `fault` to the next read it matches (faults are taken in the order injected)."""
        self.faults.append(fault)
        return fault

    async def stray_beat(self, rid: int, last: bool = True, resp: int = 0, data: int = 0x8000_0000_0BAD_0000) -> None:
        """Send one R beat that belongs to no read (queued behind the beats already being sent)."""
        await self.r_channel.send(_RBeat(rid, data, resp, last))

    def _take_fault(self, nbeats: int) -> AxiFault | None:
        for i, f in enumerate(self.faults):
            if f.matches(nbeats):
                return self.faults.pop(i)
        return None

    def set_stalls(self, rng: random.Random, ar_prob: float, r_prob: float) -> None:
        for ch, prob in ((self.ar_channel, ar_prob), (self.r_channel, r_prob)):
            if prob > 0:
                ch.set_pause_generator(pause_generator(rng, prob))
            else:  # no stalls: no generator (it would wake a coroutine every clock)
                ch.clear_pause_generator()
                ch.pause = False

    async def _process_read(self):
        # AxiSlaveRead._process_read, with the error response taken from the failing region.
        while True:
            self._reader_idle = True
            ar = await self.ar_channel.recv()
            self._reader_idle = False
            job = self._take(ar)
            if job is not None:
                await self._serve(*job)

    def _take(self, ar: _ArBeat) -> tuple[int, int, int, int] | None:
        """Check an AR; what `_serve` needs for it, or None if it waits for unstick() (served then)."""
        arid, addr, length, size = ar.arid, ar.araddr, ar.arlen + 1, ar.arsize
        num_bytes = 2**size
        assert 0 < num_bytes <= self.byte_lanes, f"arsize {size} wider than the bus"
        # (an int compare: AxiBurstType(value) would build an enum member for every read)
        assert ar.arburst == AxiBurstType.INCR, f"unexpected burst type {ar.arburst}"
        cur = (addr // num_bytes) * num_bytes
        assert 0x1000 - (cur & 0xFFF) >= num_bytes * length, f"burst at 0x{addr:x} crosses 4 KiB"
        if self.stuck and any(lo <= addr < hi for lo, hi in self.stuck):
            self.stuck_reads += 1
            cocotb.start_soon(self._serve_when_unstuck(arid, cur, length, num_bytes))
            return None
        return arid, cur, length, num_bytes

    def _accept(self, ar: _ArBeat) -> None:
        """An AR handshake: served at once when nothing can delay it (no fault queued, the reader
        idle with nothing queued: the same beats, in the same order, as the reader would queue in
        this clock, without waking it); otherwise handed to the reader."""
        if self._reader_idle and not self.faults and not self.ar_channel.queue:
            job = self._take(ar)
            if job is not None:
                self._serve_plain(*job)
            return
        self.ar_channel.queue.append(ar)
        self.ar_channel.added.set()

    def _data_beat(self, arid: int, addr: int, last: bool) -> _RBeat:
        """The R beat of the word at `addr`: its data, or the region's error response and data 0."""
        try:
            return _RBeat(arid, self.mem.read_beat((addr // self.byte_lanes) * self.byte_lanes), 0, last)
        except _AxiError as e:
            return _RBeat(arid, 0, e.resp, last)

    def _serve_plain(self, arid: int, cur: int, length: int, num_bytes: int) -> None:
        """`_serve` without a fault: every beat queued now."""
        for n in range(length):
            self.r_channel.queue.append(self._data_beat(arid, cur + n * num_bytes, n + 1 == length))

    async def _serve_when_unstuck(self, arid: int, cur: int, length: int, num_bytes: int) -> None:
        await self.unstuck.wait()
        await self._serve(arid, cur, length, num_bytes, faults=False)

    async def _serve(self, arid: int, cur: int, length: int, num_bytes: int, faults: bool = True) -> None:
        addr = cur
        fault = self._take_fault(length) if faults else None
        nsend, last_at = length, length
        if fault is not None:
            fault.arid, fault.addr = arid, addr
            fault.started.set()
            nsend = length if fault.beats is None else fault.beats
            last_at = nsend if fault.last_at is None else fault.last_at
        for n in range(nsend):
            if fault is not None and fault.hold and n + 1 == (fault.hold_before or 1):
                await fault.released.wait()
            last = n + 1 == last_at
            if n < length:
                r = self._data_beat(arid, cur, last)
            else:  # a beat past the burst's length (a fault's extra beats): junk data
                r = _RBeat(arid, fault.junk, 0, last)  # type: ignore[union-attr]
            if fault is not None and n + 1 in fault.resp_at:
                r.rresp = fault.resp_at[n + 1]
            await self.r_channel.send(r)
            cur += num_bytes
        if fault is not None:
            fault.finished.set()


def start_mem_slave(dut, mem: HostMemory, rng: random.Random, ar_prob: float, r_prob: float) -> AxiMemSlave:
    slave = AxiMemSlave(dut, dut.clk_i, dut.rst_ni, mem)
    slave.set_stalls(rng, ar_prob, r_prob)
    return slave

