"""Hypervisor agent: the PF driver's side of device DMA logging over AXI4-Lite (RegisterPort).

Every access is published with the cycles it spanned (events.py). It keeps its own copy of what it
has programmed (a DirtyTrackModel used only for its registers), which the traffic sequence uses to
aim writes at the tracked regions."""

from __future__ import annotations

from cocotb.triggers import ClockCycles, Event, RisingEdge
from pyuvm import ConfigDB, uvm_analysis_port, uvm_component

from models import dirty_track as dt
from models.dirty_track import DirtyTrackModel, func_reg
from tb.common.regport import OKAY, RegisterPort
from tb.common.seed import rng
from tb.dirty_track.env.common import now
from tb.dirty_track.env.events import (
    CountersEvent,
    ParamsEvent,
    QuiesceEvent,
    RegReadEvent,
    RegWriteBegin,
    RegWriteEvent,
    ReportEvent,
)


class Hypervisor(uvm_component):
    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.cfg = ConfigDB().get(self, "", "cfg")
        self.ap = uvm_analysis_port("ap", self)
        self.rng = rng("hypervisor")
        self.model: DirtyTrackModel | None = None
        self.port: RegisterPort | None = None
        self.reads = 0  # register reads issued (bench: report_reads_per_function)
        self.final = False  # reports are part of the final sweep

    # ------------------------------------------------------------------ raw accesses
    async def write(self, addr: int, value: int, func: int = 0) -> int:
        t0 = now()
        self.ap.write(RegWriteBegin(t0, addr, value, func))
        resp = await self.port.write(addr, value, func)
        ev = RegWriteEvent(t0, now(), addr, value, func, resp)
        if resp == OKAY and func == 0 and addr < dt.REG_SPACE:
            self.model.reg_write(addr, value)
        self.ap.write(ev)
        return resp

    async def read(self, addr: int, func: int = 0) -> tuple[int, int]:
        t0 = now()
        value, resp = await self.port.read(addr, func)
        self.reads += 1
        self.ap.write(RegReadEvent(t0, now(), addr, func, value, resp))
        return value, resp

    async def write_ok(self, addr: int, value: int) -> None:
        resp = await self.write(addr, value)
        assert resp == OKAY, f"register write 0x{addr:x}: resp {resp}"

    async def read_ok(self, addr: int) -> int:
        value, resp = await self.read(addr)
        assert resp == OKAY, f"register read 0x{addr:x}: resp {resp}"
        return value

    # ------------------------------------------------------------------ bring-up
    async def start(self) -> None:
        """After reset: wait for the bitmap clear, read PARAMS, publish them."""
        if self.port is None:
            self.port = RegisterPort(self.dut)
            self.port.master.write_if.log.setLevel("WARNING")  # one INFO line per access otherwise
            self.port.master.read_if.log.setLevel("WARNING")
        for _ in range(100000):
            status = await self.read_ok(dt.STATUS)
            if status & dt.STATUS_INIT_DONE:
                break
            await ClockCycles(self.dut.clk_i, 64)
        else:
            raise AssertionError("STATUS.init_done never set after reset")
        params = await self.read_ok(dt.PARAMS)
        assert await self.read_ok(dt.ID) == dt.ID_VALUE
        nf, ppf = params & 0xFF, 1 << ((params >> 8) & 0xFF)
        assert (params >> 16) & 0xFF == dt.WORD_BITS
        self.model = DirtyTrackModel(num_functions=nf, pages_per_func=ppf)
        self.ap.write(ParamsEvent(nf, ppf))

    # ------------------------------------------------------------------ the logging protocol
    async def configure(self, f: int, base: int, pages: int, code: int) -> None:
        """Program a function's region and page size (logging must be off and quiesced)."""
        await self.write_ok(func_reg(f, dt.BASE_LO), base & dt.MASK32)
        await self.write_ok(func_reg(f, dt.BASE_HI), base >> 32)
        await self.write_ok(func_reg(f, dt.PAGES), pages)
        await self.write_ok(func_reg(f, dt.PAGE_SIZE), code)
        await self.write_ok(func_reg(f, dt.FERR), dt.FERR_OOR)
        await self.write_ok(func_reg(f, dt.OOR_CNT), 0)

    async def random_config(self, f: int, max_pages: int = 2048) -> None:
        r = self.rng
        code = r.randrange(dt.NUM_PAGE_SIZES)
        shift = dt.page_shift(code)
        pages = r.randint(1, min(max_pages, self.model.pages_per_func))
        base = r.randrange(1 << (32 - shift), 1 << (44 - shift)) << shift
        await self.configure(f, base, pages, code)

    async def set_logging(self, f: int, on: bool) -> None:
        await self.write_ok(func_reg(f, dt.CTRL), int(on))

    def words_in_use(self, f: int) -> int:
        """Bitmap words that can hold marks under the function's current region."""
        return max(1, -(-self.model.limit(f) // dt.WORD_BITS))

    async def report_word(self, f: int, w: int) -> int:
        t0 = now()
        value, resp = await self.port.read(self.model.bitmap_addr(f, w))
        self.reads += 1
        assert resp == OKAY, f"bitmap read f={f} w={w}: resp {resp}"
        self.ap.write(ReportEvent(t0, now(), f, w, value, self.final))
        return value

    async def report_function(self, f: int, words=None) -> list[int]:
        words = range(self.model.words_per_func) if words is None else words
        return [await self.report_word(f, w) for w in words]

    async def wait_quiesced(self, limit: int = 2000) -> None:
        for _ in range(limit):
            t0 = now()
            status = await self.read_ok(dt.STATUS)
            if status & dt.STATUS_QUIESCED:
                self.ap.write(QuiesceEvent(t0, now()))
                return
        raise AssertionError(f"STATUS.quiesced not set after {limit} reads")

    async def report_loop(self, stop: Event, funcs) -> None:
        """Report-and-clear random words of the logging functions while traffic runs; now and
        then toggle a function's dirty write flag (cfg.toggle_prob)."""
        r, lo_hi = self.rng, self.cfg.report_gap
        while not stop.is_set():
            gap = r.randint(*lo_hi)
            for _ in range(gap):
                await RisingEdge(self.dut.clk_i)
            f = r.choice(funcs)
            off = [g for g in funcs if not self.model.funcs[g].log_en]
            if off and r.random() < 0.2:  # a stopped function resumes soon
                await self.set_logging(r.choice(off), True)
                continue
            if r.random() < self.cfg.toggle_prob:
                await self.set_logging(f, not self.model.funcs[f].log_en)
                continue
            await self.report_word(f, r.randrange(self.words_in_use(f)))

    async def read_counters(self) -> CountersEvent:
        nf = self.model.num_functions
        ev = CountersEvent([await self.read_ok(func_reg(f, dt.OOR_CNT)) for f in range(nf)],
                           await self.read_ok(dt.BAD_FUNC_CNT))
        self.ap.write(ev)
        return ev
