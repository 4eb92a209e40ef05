"""Host memory behind the DUT's AXI4 read master: table words, error regions, stale-value tracking.

`HostMemory` holds 64-bit words. Every write remembers the value it replaced as *stale* until an
invalidation covering that word completes (see models/bat_clat.py, "Caching and stale data");
`candidates(addr)` is what the scoreboard may accept the DUT to have used. Regions registered with
`add_error_region` answer reads with SLVERR or DECERR (BUS_ERROR tests).

`AxiMemSlave` is cocotbext-axi's AXI read slave (AxiSlaveRead) serving `HostMemory`, with random
ARREADY / RVALID stalls through the channels' pause generators, and DECERR besides the SLVERR the
library gives a failing read.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

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
        if self.error_resp(addr) != OKAY:
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


class AxiMemSlave(AxiSlaveRead):
    """AxiSlaveRead serving a HostMemory; a failing beat answers with that region's SLVERR/DECERR."""

    def __init__(self, dut, clock, reset, mem: HostMemory, prefix: str = "m_axi"):
        bus = AxiReadBus.from_prefix(dut, prefix)
        super().__init__(bus, clock, reset, target=mem, reset_active_level=False)
        self.mem = mem

    def set_stalls(self, rng: random.Random, ar_prob: float, r_prob: float) -> None:
        self.ar_channel.set_pause_generator(pause_generator(rng, ar_prob))
        self.r_channel.set_pause_generator(pause_generator(rng, r_prob))

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
            for n in range(length):
                word_addr = (cur // self.byte_lanes) * self.byte_lanes
                r = self.r_channel._transaction_obj()
                r.rid = arid
                r.rlast = n == length - 1
                r.rresp = AxiResp.OKAY
                try:
                    data = await self._read(word_addr, self.byte_lanes)
                except _AxiError as e:
                    data = bytes(self.byte_lanes)
                    r.rresp = AxiResp(e.resp)
                r.rdata = int.from_bytes(data, "little")
                await self.r_channel.send(r)
                cur += num_bytes


def start_mem_slave(dut, mem: HostMemory, rng: random.Random, ar_prob: float, r_prob: float) -> AxiMemSlave:
    slave = AxiMemSlave(dut, dut.clk_i, dut.rst_ni, mem)
    slave.set_stalls(rng, ar_prob, r_prob)
    return slave

