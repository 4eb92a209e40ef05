"""Host memory: one cocotbext-axi `AxiRam` on the subsystem's AXI4 master (tables read by bat_clat,
DMA writes and bitmap reports written through the write port), with random stalls on every channel
write-error pages and read-error pages.

The RAM is `SIZE` bytes. A write to an *error page* (`add_error_page`) is refused: nothing of that
burst's beat is stored and the burst is answered SLVERR (cocotbext-axi answers SLVERR when `_write`
raises). A write at or above `SIZE` is refused the same way and recorded in `out_of_range`: the
scoreboard fails on it (nothing may be written outside host memory). `image()` is the whole memory
as bytes: the scoreboard compares it with the model's image at the end of a test.

A read of a *read-error page* (`add_read_error_page`: a table page of a broken memory) is answered
SLVERR the same way; `table_word` is the model's view of it (`BusError`).

`monitor` counts the W beats and the clocks the port was busy, for the throughput benches, and
keeps every AW seen (AWID, AWUSER) for the checks that need them.
"""

from __future__ import annotations

import random
from collections import deque

import cocotb
from cocotb.triggers import RisingEdge
from cocotbext.axi import AxiBus, AxiRam
from cocotbext.axi.axi_ram import AxiRamRead, AxiRamWrite
from cocotbext.axi.memory import Memory

from models.bat_clat import BusError
from models.sriov_ep import ARB_ID_DMA
from tb.common.base import cycle
from tb.common.sig import bit_reader

SIZE = 1 << 24  # 16 MiB: tables, report buffers and every function's VM region (hypervisor_agent)
PAGE = 4096


class _RefusingWrite(AxiRamWrite):
    """AxiRamWrite whose `_write` refuses error pages and addresses outside the RAM."""

    host: HostMemory

    async def _write(self, address, data):
        host = self.host
        if address + len(data) > SIZE:
            host.out_of_range.append((cycle(), address, len(data)))
            raise ValueError(f"write outside host memory at {address:#x}")
        if address // PAGE in host.error_pages:
            host.refused_writes += 1
            raise ValueError(f"error page {address // PAGE:#x}")
        self.write(address, data)


class _RefusingRead(AxiRamRead):
    """AxiRamRead whose `_read` answers SLVERR on read-error pages (a broken table memory)."""

    host: HostMemory

    async def _read(self, address, length):
        if address // PAGE in self.host.read_error_pages:
            self.host.refused_reads += 1
            raise ValueError(f"read-error page {address // PAGE:#x}")
        return self.read(address % self.size, length)


def _stall_gen(rng: random.Random, prob: float):
    while True:
        yield rng.random() < prob


class _HostRam(AxiRam):
    """cocotbext-axi's AxiRam (one memory, AXI4 read and write slaves) with the refusing write side."""

    def __init__(self, bus, clock, reset, host: HostMemory):
        Memory.__init__(self, SIZE, None)
        self.write_if = _RefusingWrite(bus.write, clock, reset, reset_active_level=False, mem=self.mem)
        self.write_if.host = host
        self.read_if = _RefusingRead(bus.read, clock, reset, reset_active_level=False, mem=self.mem)
        self.read_if.host = host
        for side in (self.write_if, self.read_if):  # one log line per burst is too much per clock
            side.log.disabled = True


class HostMemory:
    def __init__(self, dut, clock, reset, rng: random.Random, stall_prob: float = 0.0):
        self.error_pages: set[int] = set()
        self.refused_writes = 0
        self.read_error_pages: set[int] = set()  # pages whose reads are answered SLVERR
        self.refused_reads = 0
        self.out_of_range: list[tuple[int, int, int]] = []
        self.rng = rng
        self.ram = _HostRam(AxiBus.from_prefix(dut, "m_axi"), clock, reset, self)
        self.set_stalls(stall_prob)

    def set_stalls(self, prob: float) -> None:
        """Random AWREADY/WREADY/BVALID and ARREADY/RVALID pauses with this probability per clock."""
        w, r = self.ram.write_if, self.ram.read_if
        for ch in (w.aw_channel, w.w_channel, w.b_channel, r.ar_channel, r.r_channel):
            if prob > 0:
                ch.set_pause_generator(_stall_gen(random.Random(self.rng.random()), prob))
            else:
                ch.clear_pause_generator()

    def add_error_page(self, addr: int) -> None:
        self.error_pages.add(addr // PAGE)

    def add_read_error_page(self, addr: int) -> None:
        self.read_error_pages.add(addr // PAGE)

    def table_word(self, addr: int) -> int:
        """A word as bat_clat's table walk reads it over the bus: BusError on a read-error page
        (the model's translator reads through this)."""
        if addr // PAGE in self.read_error_pages:
            raise BusError(hex(addr))
        return self.read_word(addr)

    def burst_refused(self, addr: int) -> bool:
        """A burst never crosses a 4 KiB page: it is refused iff its page is an error page."""
        return addr // PAGE in self.error_pages or addr >= SIZE

    # ---- backdoor (what a CPU sees)
    def read(self, addr: int, n: int) -> bytes:
        return bytes(self.ram.read(addr, n))

    def write(self, addr: int, data: bytes) -> None:
        self.ram.write(addr, data)

    def read_word(self, addr: int) -> int:
        return int.from_bytes(self.read(addr, 8), "little")

    def write_word(self, addr: int, value: int) -> None:
        self.write(addr, int(value).to_bytes(8, "little"))

    def image(self) -> bytes:
        """The whole memory (a memory image, not a register: host byte 0 up to SIZE)."""
        return bytes(self.ram.read(address=0, length=SIZE))


class WritePortMonitor:
    """Counts W beats on the host write port (for `dma_beats_per_clk`) and records each AW:
    - `engine_aws`: the engine's bursts (AWID 0) not yet matched by the scoreboard, which pops them
      as descriptors complete (bounded by what is in flight);
    - `pages`: per function, the host pages its engine bursts wrote (bounded by the memory);
    - `report_strays`: dirty_track report bursts (AWID 1) outside `report_window`, if one is set;
    - `aws`: every AW of the run, for tests that look back over a time window; a soak turns this
      history off (`history = False`): it is the one per-transaction record a run would keep."""

    def __init__(self, dut, clock):
        self.dut, self.clock = dut, clock
        self.beats = 0
        self.first_beat: int | None = None
        self.last_beat: int | None = None
        self.history = True
        self.aws: list[tuple[int, int, int, int, int]] = []  # (cycle, awid, awuser, awaddr, awlen)
        self.engine_aws: deque[tuple[int, int, int, int, int]] = deque()  # the same, AWID 0 only
        self.pages: dict[int, set[int]] = {}
        self.report_window: tuple[int, int] | None = None
        self.report_strays: list[tuple[int, int, int, int, int]] = []
        cocotb.start_soon(self._run())

    def reset_counts(self) -> None:
        self.beats, self.first_beat, self.last_beat = 0, None, None

    async def _run(self):
        d = self.dut
        # readers and the trigger once: this runs every clock
        wv, wr, awv, awr = (bit_reader(h) for h in (d.m_axi_wvalid, d.m_axi_wready, d.m_axi_awvalid, d.m_axi_awready))
        edge = RisingEdge(self.clock)
        while True:
            await edge
            if wv() and wr():
                t = cycle()
                self.beats += 1
                self.last_beat = t
                if self.first_beat is None:
                    self.first_beat = t
            if awv() and awr():
                self._aw((cycle(), int(d.m_axi_awid.value), int(d.m_axi_awuser.value),
                          int(d.m_axi_awaddr.value), int(d.m_axi_awlen.value)))

    def _aw(self, aw: tuple[int, int, int, int, int]) -> None:
        if self.history:
            self.aws.append(aw)
        _, awid, awuser, awaddr, _ = aw
        if awid == ARB_ID_DMA:
            self.engine_aws.append(aw)
            self.pages.setdefault(awuser, set()).add(awaddr >> 12)
        elif self.report_window is not None and not self.report_window[0] <= awaddr < self.report_window[1]:
            self.report_strays.append(aw)
