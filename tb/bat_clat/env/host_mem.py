"""Host memory behind the DUT's AXI4 read master: table words, error regions, stale-value tracking.

`HostMemory` holds 64-bit words. Every write remembers the value it replaced as *stale* until an
invalidation covering that word completes (see models/bat_clat.py, "Caching and stale data");
`candidates(addr)` is what the scoreboard may accept the DUT to have used. Regions registered with
`add_error_region` answer reads with SLVERR or DECERR (BUS_ERROR tests).

`AxiMemSlave` is cocotbext-axi's AXI read slave (AxiSlaveRead) serving `HostMemory`, with random
ARREADY / RVALID stalls through the channels' pause generators, and DECERR besides the SLVERR the
library gives a failing read. On command it also misbehaves like a broken interconnect (`AxiFault`,
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
from dataclasses import dataclass, field

import cocotb
from cocotb.triggers import Event
from cocotbext.axi import AxiReadBus
from cocotbext.axi.axi_slave import AxiSlaveRead
from cocotbext.axi.constants import AxiBurstType, AxiResp

from models.bat_clat import OKAY, BusError, Invalidation


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
        self.faulted: set[int] = set()

    # ---- contents
    def write_word(self, addr: int, value: int, owner: tuple[int, int | None] | None = None) -> None:
        assert addr % 8 == 0
        self.seq += 1
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

    def error_resp(self, addr: int) -> int:
        for lo, hi, resp in self.error_regions:
            if lo <= addr < hi:
                return resp
        return OKAY

    # ---- what the DUT may legitimately have read
    def candidates(self, addr: int) -> list:
        if self.error_resp(addr) != OKAY or (addr & ~7) in self.faulted:
            return [BusError]
        return [s.value for s in self.stale.get(addr, ())] + [self.words.get(addr, 0)]

    def mark(self) -> int:
        """A point in the write history: an invalidation written now covers writes up to here."""
        return self.seq

    def invalidated(self, inv: Invalidation, mark: int) -> None:
        """An invalidation written at `mark` has completed: the values it covers are no longer candidates."""
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

    # ---- AXI slave target (AxiSlaveRead calls this per beat)
    async def read(self, address: int, length: int) -> bytes:
        resp = self.error_resp(address)
        if resp != OKAY:
            raise _AxiError(resp)
        return b"".join(self.words.get(a, 0).to_bytes(8, "little") for a in range(address, address + length, 8))


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


class AxiMemSlave(AxiSlaveRead):
    """AxiSlaveRead serving a HostMemory; a failing beat answers with that region's SLVERR/DECERR."""

    def __init__(self, dut, clock, reset, mem: HostMemory, prefix: str = "m_axi"):
        bus = AxiReadBus.from_prefix(dut, prefix)
        super().__init__(bus, clock, reset, target=mem, reset_active_level=False)
        self.mem = mem
        self.faults: list[AxiFault] = []
        self.stuck: list[tuple[int, int]] = []  # [lo, hi): reads starting there wait for unstick()
        self.unstuck = Event()
        self.stuck_reads = 0  # reads taken while stuck (answered after unstick)

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
        r = self.r_channel._transaction_obj()
        r.rid = rid
        r.rlast = last
        r.rresp = AxiResp(resp)
        r.rdata = data
        await self.r_channel.send(r)

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
            ar = await self.ar_channel.recv()
            arid = int(getattr(ar, "arid", 0))
            addr = int(ar.araddr)
            length = int(getattr(ar, "arlen", 0)) + 1
            size = int(getattr(ar, "arsize", self.max_burst_size))
            burst = AxiBurstType(int(getattr(ar, "arburst", AxiBurstType.INCR)))
            num_bytes = 2**size
            assert 0 < num_bytes <= self.byte_lanes, f"arsize {size} wider than the bus"
            assert burst == AxiBurstType.INCR, f"unexpected burst type {burst}"
            cur = (addr // num_bytes) * num_bytes
            assert 0x1000 - (cur & 0xFFF) >= num_bytes * length, f"burst at 0x{addr:x} crosses 4 KiB"
            if any(lo <= addr < hi for lo, hi in self.stuck):
                self.stuck_reads += 1
                cocotb.start_soon(self._serve_when_unstuck(arid, cur, length, num_bytes))
                continue
            await self._serve(arid, cur, length, num_bytes)

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
            word_addr = (cur // self.byte_lanes) * self.byte_lanes
            r = self.r_channel._transaction_obj()
            r.rid = arid
            r.rlast = n + 1 == last_at
            r.rresp = AxiResp.OKAY
            if n < length:
                try:
                    data = await self._read(word_addr, self.byte_lanes)
                except _AxiError as e:
                    data = bytes(self.byte_lanes)
                    r.rresp = AxiResp(e.resp)
                r.rdata = int.from_bytes(data, "little")
            else:
                r.rdata = fault.junk  # type: ignore[union-attr]
            if fault is not None and n + 1 in fault.resp_at:
                r.rresp = AxiResp(fault.resp_at[n + 1])
            await self.r_channel.send(r)
            cur += num_bytes
        if fault is not None:
            fault.finished.set()


def start_mem_slave(dut, mem: HostMemory, rng: random.Random, ar_prob: float, r_prob: float) -> AxiMemSlave:
    slave = AxiMemSlave(dut, dut.clk_i, dut.rst_ni, mem)
    slave.set_stalls(rng, ar_prob, r_prob)
    return slave

