"""Host memory on the report-by-DMA master (m_axi_rep_*): an AXI4 write slave driven on the pins.

Not cocotbext-axi's AxiRamWrite: that model requires AWID/BID (it reads len(bus.awid)), and the
report master has no ID by contract; and its B response is always OKAY, while the bus-error test
needs a chosen BRESP per burst. This one is small and checks the master's side of the contract as
it goes (docs/dirty_track.md "Report by DMA"):
  - AWSIZE 3, AWBURST INCR, AWADDR 8-byte aligned, at most REPORT_MAX_BEATS beats, no burst across
    a 4 KiB boundary;
  - AW and W payloads stable while VALID waits for READY;
  - a W beat is offered only after its burst's AW handshake; WLAST exactly on a burst's last beat.
Random stalls: AWREADY, WREADY and BVALID each paused with probability `stall` per clock (set by the
test; 0: memory always ready). Every write lands in `mem` (address -> byte) with its strobes; every
burst is recorded with its AW edge, the edge of each beat and the B edge. `bresp_fn(burst index)`
chooses each burst's BRESP (OKAY unless a test injects an error).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import cocotb
from cocotb.triggers import ReadOnly, RisingEdge

from models import dirty_track as dt
from tb.common.base import cycle
from tb.common.scoreboard import ScoreboardError
from tb.common.sig import bit_reader, int_reader


@dataclass
class Burst:
    addr: int
    beats: int
    t_aw: int
    t_beats: list[int] = field(default_factory=list)
    strobes: list[int] = field(default_factory=list)
    t_b: int | None = None
    bresp: int = 0
    index: int = 0  # position in HostMemory.bursts (since its last clear)


class HostMemory:
    def __init__(self, dut, rng, log):
        self.dut, self.rng, self.log = dut, rng, log
        self.stall = 0.0
        self.bresp_fn = lambda index: 0
        self.mem: dict[int, int] = {}
        self.byte_time: dict[int, int] = {}  # address -> edge of the W beat that wrote it
        self.bursts: list[Burst] = []
        self.errors = 0
        self._reset_state()
        dut.m_axi_rep_awready.value = 0
        dut.m_axi_rep_wready.value = 0
        dut.m_axi_rep_bvalid.value = 0
        dut.m_axi_rep_bresp.value = 0
        self.task = cocotb.start_soon(self._run())

    def _reset_state(self):
        self.aw_open: deque[Burst] = deque()  # AW taken, W beats not all taken
        self.b_queue: deque[Burst] = deque()  # W done, B not yet sent
        self.b_cur: Burst | None = None
        self.last_aw = None
        self.last_w = None

    def reset(self):
        """The DUT was reset: a half-sent burst is forgotten (the subsystem resets the memory side too)."""
        self._reset_state()
        self.dut.m_axi_rep_bvalid.value = 0  # _run writes bvalid again at the next edge (b_cur is None)

    def fail(self, msg: str):
        self.errors += 1
        self.log.error(f"host memory: {msg}")
        raise ScoreboardError(f"host memory (report by DMA master): {msg}")

    def _pause(self) -> bool:
        return self.stall > 0 and self.rng.random() < self.stall

    async def _run(self):
        d = self.dut
        # handles, readers and triggers once: this runs every clock; outputs written only on a change
        edge, ro = RisingEdge(d.clk_i), ReadOnly()
        rst = bit_reader(d.rst_ni)
        self._awv, self._awr = int_reader(d.m_axi_rep_awvalid), int_reader(d.m_axi_rep_awready)
        self._wv, self._wr = int_reader(d.m_axi_rep_wvalid), int_reader(d.m_axi_rep_wready)
        outs = (d.m_axi_rep_awready, d.m_axi_rep_wready, d.m_axi_rep_bvalid, d.m_axi_rep_bresp)
        last = [None] * len(outs)
        while True:
            await edge
            # drive this clock's readiness (sampled at the next edge)
            vals = [int(not self._pause()), int(not self._pause())]
            if self.b_cur is None and self.b_queue and not self._pause():
                self.b_cur = self.b_queue.popleft()
                self.b_cur.bresp = self.bresp_fn(self.b_cur.index)
            vals += [int(self.b_cur is not None), self.b_cur.bresp if self.b_cur is not None else 0]
            for i, (h, v) in enumerate(zip(outs, vals, strict=True)):
                if v != last[i]:
                    h.value = last[i] = v
            await ro
            if not rst():
                continue
            t = cycle() + 1  # the edge that takes these handshakes
            self._sample(t)

    def _sample(self, t: int):
        d = self.dut
        awv, awr = self._awv(), self._awr()
        wv, wr = self._wv(), self._wr()
        if awv:
            aw = (int(d.m_axi_rep_awaddr.value), int(d.m_axi_rep_awlen.value), int(d.m_axi_rep_awsize.value),
                  int(d.m_axi_rep_awburst.value))
            if self.last_aw is not None and self.last_aw != aw:
                self.fail(f"AW payload changed while waiting for AWREADY: {self.last_aw} -> {aw}")
            self.last_aw = None if awr else aw
            if awr:
                addr, length, size, burst = aw
                if size != 3 or burst != dt.BURST_INCR or addr % 8 or length + 1 > dt.REPORT_MAX_BEATS:
                    self.fail(f"bad AW: addr 0x{addr:x} len {length} size {size} burst {burst}")
                if addr // 4096 != (addr + 8 * (length + 1) - 1) // 4096:
                    self.fail(f"burst at 0x{addr:x}, {length + 1} beats, crosses a 4 KiB boundary")
                b = Burst(addr, length + 1, t, index=len(self.bursts))
                self.bursts.append(b)
                self.aw_open.append(b)
        elif self.last_aw is not None:
            self.fail("AWVALID dropped before AWREADY")
        if wv:
            w = (int(d.m_axi_rep_wdata.value), int(d.m_axi_rep_wstrb.value), int(d.m_axi_rep_wlast.value))
            if self.last_w is not None and self.last_w != w:
                self.fail(f"W payload changed while waiting for WREADY: {self.last_w} -> {w}")
            self.last_w = None if wr else w
            # W only after its burst's AW handshake (an AW taken at this same edge does not count)
            open_before = [b for b in self.aw_open if b.t_aw < t]
            if not open_before:
                self.fail("W beat offered before its burst's AW handshake")
            if wr:
                b = open_before[0]
                data, strb, last = w
                i = len(b.t_beats)
                if last != (i == b.beats - 1):
                    self.fail(f"WLAST {last} on beat {i} of a {b.beats}-beat burst at 0x{b.addr:x}")
                base = b.addr + 8 * i
                for k in range(8):
                    if strb >> k & 1:
                        self.mem[base + k] = data >> (8 * k) & 0xFF
                        self.byte_time[base + k] = t
                b.t_beats.append(t)
                b.strobes.append(strb)
                if last:
                    self.aw_open.remove(b)
                    self.b_queue.append(b)
        elif self.last_w is not None:
            self.fail("WVALID dropped before WREADY")
        if self.b_cur is not None and int(d.m_axi_rep_bready.value):
            self.b_cur.t_b = t
            self.b_cur = None

    # ---------------------------------------------------------------- reading it back
    def word(self, addr: int) -> int | None:
        """The 32-bit little-endian word at addr, or None if any of its bytes was never written."""
        bs = [self.mem.get(addr + k) for k in range(4)]
        return None if None in bs else int.from_bytes(bytes(bs), "little")

    def clear(self):
        self.mem.clear()
        self.byte_time.clear()
        self.bursts.clear()

    @property
    def idle(self) -> bool:
        return not self.aw_open and not self.b_queue and self.b_cur is None
