"""Hypervisor agent: the PF driver's side of device DMA logging over AXI4-Lite (RegisterPort).

Every register access goes through the register scoreboard (env/regs.py DirtyTrackRegs, the block's
CheckedRegisterPort: each response and read value checked against the register model at once; its
read / write / read_ok / write_ok are this agent's) and is published with the cycles it spanned
(items.py) on this agent's analysis port. It keeps its own copy of what it has programmed (a DirtyTrackModel used only for its
registers), which the traffic sequence uses to aim writes at the tracked regions. During random
tests it also does random register traffic (`reg_traffic`): reads of every register, counter writes
with full and partial strobes, write-1-to-clear masks, refused VF accesses, racing the DMA events."""

from __future__ import annotations

from cocotb.triggers import ClockCycles, Event, NullTrigger, ReadOnly, RisingEdge
from pyuvm import ConfigDB, uvm_analysis_port, uvm_component

from models import dirty_track as dt
from models.dirty_track import DirtyTrackModel, func_reg
from models.gen import dirty_track_regs as G
from tb.common.base import cycle
from tb.common.regport import OKAY, RegisterPort
from tb.common.scoreboard import ScoreboardError
from tb.common.seed import rng
from tb.dirty_track.env.host_mem import HostMemory
from tb.dirty_track.env.items import (
    CountersEvent,
    DmaReportEvent,
    ParamsEvent,
    QuiesceEvent,
    RegReadEvent,
    RegWriteEvent,
    ReportEvent,
)
from tb.dirty_track.env.regs import DirtyTrackRegs, func_path


class Hypervisor(uvm_component):
    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.cfg = ConfigDB().get(self, "", "cfg")
        self.ap = uvm_analysis_port("ap", self)
        self.rng = rng("hypervisor")
        self.model: DirtyTrackModel | None = None
        self.port: RegisterPort | None = None
        self.regs: DirtyTrackRegs | None = None  # the checked register traffic (built with the port)
        self.reg_rng = rng("reg_traffic")
        self.reads = 0  # register reads issued (bench: report_reads_per_function)
        self.final = False  # reports are part of the final sweep
        self.host: HostMemory | None = None  # host memory on the report-by-DMA master

    # ------------------------------------------------------------------ register accesses
    # All through the checked port; it publishes each access through publish().
    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        return await self.regs.write(addr, value, func, strb)

    async def read(self, addr: int, func: int = 0) -> tuple[int, int]:
        return await self.regs.read(addr, func)

    async def write_ok(self, addr: int, value: int) -> None:
        await self.regs.write_ok(addr, value)

    async def read_ok(self, addr: int) -> int:
        return await self.regs.read_ok(addr)

    def publish(self, ev) -> None:
        """Every access of the checked port: the agent's own copy of what it programmed follows the
        accepted writes; the event goes out on the analysis port."""
        if isinstance(ev, RegReadEvent):
            self.reads += 1
        elif isinstance(ev, RegWriteEvent) and ev.resp == OKAY and ev.func == 0 and ev.addr < dt.REG_SPACE:
            self.model.reg_write(ev.addr, ev.value, strb=ev.strb)
        self.ap.write(ev)

    # ------------------------------------------------------------------ bring-up
    async def start(self) -> None:
        """After reset: wait for the bitmap clear, read PARAMS, publish them."""
        if self.host is None:
            self.host = HostMemory(self.dut, rng("host_mem"), self.logger)
            self.host.stall = self.cfg.mem_stall
        if self.port is None:
            self.port = RegisterPort(self.dut)
            self.port.master.write_if.log.setLevel("WARNING")  # one INFO line per access otherwise
            self.port.master.read_if.log.setLevel("WARNING")
            self.regs = DirtyTrackRegs(self.dut, self.port, listener=self.publish,
                                       log=self.logger)
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
        # PARAMS against the build's parameters (the DUT's own, when the simulator exposes them)
        try:
            nf_build, ppf_build = int(self.dut.NumFunctions.value), int(self.dut.PagesPerFunc.value)
            self.params_source = "the DUT's parameters"
        except AttributeError:
            nf_build, ppf_build = nf, ppf
            self.params_source = "the first read (parameters not visible)"
        self.model = DirtyTrackModel(num_functions=nf, pages_per_func=ppf)
        self.regs.set_params(nf_build, ppf_build)
        self.regs.init_done_required = True
        await self.read_ok(dt.PARAMS)  # now checked against the build's configuration
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
        t0 = cycle()
        value, resp = await self.regs.read(self.model.bitmap_addr(f, w))
        assert resp == OKAY, f"bitmap read f={f} w={w}: resp {resp}"
        self.ap.write(ReportEvent(t0, cycle(), f, w, value, self.final))
        return value

    async def pipelined_reports(self, addrs, ar_pause: float = 0.0, r_pause: float = 0.0,
                                 r=None) -> list[tuple[int, int, int, int, int]]:
        """Bitmap reads issued back to back, pipelined (every AR queued at once, so ARVALID stays
        high and each AR handshake falls in the first clock the slave can take it), with AR and R
        back-pressure (each clock paused with probability ar_pause / r_pause, 0: never). Holds the
        register locks for the whole burst (nothing else in between). Handshakes are taken from the
        pins: each read is published as a ReportEvent spanning its AR handshake to its R handshake
        (a valid word: must answer OKAY; a misaligned or past-the-end word: SLVERR and 0, checked
        by the register scoreboard). Returns (AR edge, R edge, address, RDATA, RRESP) per read, in
        order."""
        dut, port = self.dut, self.port
        r = r if r is not None else self.rng

        def gen(prob):
            while True:
                yield prob > 0 and r.random() < prob

        rif = port.master.read_if
        out: list[tuple[int, int, int, int, int]] = []
        async with self.regs.lock, port.exclusive():
            dut.s_axil_aruser.value = 0
            rif.ar_channel.set_pause_generator(gen(ar_pause))
            rif.r_channel.set_pause_generator(gen(r_pause))
            ars: list[tuple[int, int]] = []
            try:
                events = []
                for a in addrs:  # queued one after another (init_read's tasks may start in any order)
                    busy = rif.in_flight_operations
                    # a 4-byte read at a misaligned address would be split in two ARs: one byte
                    events.append(rif.init_read(a, 4 if a % 4 == 0 else 1))
                    for _ in range(100):
                        if rif.in_flight_operations > busy:
                            break
                        await NullTrigger()
                    assert rif.in_flight_operations > busy, "cocotbext-axi did not take the read"
                while len(out) < len(addrs):
                    # sampled once everything has settled after an edge (cocotbext-axi drives the
                    # next AR in its own edge callback): what the next edge, t, takes
                    await RisingEdge(dut.clk_i)
                    await ReadOnly()
                    t = cycle() + 1
                    if dut.s_axil_arvalid.value and dut.s_axil_arready.value:
                        ars.append((t, int(dut.s_axil_araddr.value)))
                    if dut.s_axil_rvalid.value and dut.s_axil_rready.value:
                        assert ars and len(ars) > len(out), f"R handshake at edge {t} with no read outstanding"
                        t_ar, a = ars[len(out)]
                        out.append((t_ar, t, a, int(dut.s_axil_rdata.value), int(dut.s_axil_rresp.value)))
                        self.reads += 1
                        self._publish_report(t_ar, t, a, out[-1][3], out[-1][4])
                for ev in events:
                    await ev.wait()
            finally:
                # a generator that never pauses (clear_pause_generator would keep the last pause)
                rif.ar_channel.set_pause_generator(gen(0.0))
                rif.r_channel.set_pause_generator(gen(0.0))
        assert [a for _, _, a, _, _ in out] == list(addrs), f"AR order {out} differs from {addrs}"
        for ev, (_, _, a, data, resp) in zip(events, out, strict=True):
            got = ev.data
            lane = (data >> 8 * (a % 4)) & (dt.MASK32 if a % 4 == 0 else 0xFF)
            assert (got.address, int.from_bytes(got.data, "little"), int(got.resp)) == (a, lane, resp)
        return out

    def _publish_report(self, t0: int, t1: int, addr: int, value: int, resp: int) -> None:
        if not self.regs.valid_word(addr):
            self.regs.check_bitmap(addr, value, resp)
            return
        assert resp == OKAY, f"bitmap read 0x{addr:05x}: resp {resp}"
        i = (addr - dt.BITMAP_BASE) // 4
        f, w = divmod(i, self.model.words_per_func)
        self.ap.write(ReportEvent(t0, t1, f, w, value, self.final))

    async def report_function(self, f: int, words=None) -> list[int]:
        words = range(self.model.words_per_func) if words is None else words
        return [await self.report_word(f, w) for w in words]

    # ------------------------------------------------------------------ report by DMA
    async def dma_args(self, f: int, first: int, words: int, addr: int) -> None:
        for reg, v in ((dt.REPORT_ADDR_LO, addr & dt.MASK32), (dt.REPORT_ADDR_HI, addr >> 32 & dt.MASK32),
                       (dt.REPORT_FUNC, f), (dt.REPORT_FIRST, first), (dt.REPORT_WORDS, words)):
            await self.write_ok(reg, v)

    async def wait_report_done(self, limit: int = 20000) -> int:
        for _ in range(limit):
            st = await self.read_ok(dt.REPORT_STATUS)
            if st & dt.RS_DONE:
                if st & dt.RS_BUSY:
                    raise ScoreboardError(f"REPORT_STATUS = 0x{st:x}: done and busy together")
                return st
            await ClockCycles(self.dut.clk_i, self.rng.randint(0, 8))
        raise AssertionError(f"REPORT_STATUS.done not set after {limit} reads")

    async def dma_report(self, f: int, first: int, words: int, addr: int, bus_error: bool = False,
                         during=None) -> int:
        """One report by DMA, the driver's way: arguments, START, poll REPORT_STATUS until done. Checked
        against the golden model (models.dirty_track report_dma / report_bursts): the status (err_args
        exactly when the model refuses the arguments; err_bus exactly when `bus_error`, the host memory
        having been told to answer an error), nothing written for refused arguments, otherwise exactly
        the model's bursts, strobes and bytes [addr, addr + 4 words) and nothing else; every word is
        then published as a ReportEvent (the dirty-page scoreboard judges its value as it judges a
        register report, with the word's W beat as the latest cut). `during(...)`: a coroutine run
        after the START (start-while-busy). Returns REPORT_STATUS."""
        host, model = self.host, self.model
        await self.dma_args(f, first, words, addr)
        ok = model.report_args_ok(addr, f, first, words)
        host.clear()
        t0 = cycle()
        await self.write_ok(dt.REPORT_CTRL, 1)
        busy_start = False
        if during is not None:
            busy_start = await during()
        st = await self.wait_report_done()
        t1 = cycle()
        want = dt.RS_DONE | (0 if ok else dt.RS_ERR_ARGS) | (dt.RS_ERR_BUS if ok and bus_error else 0)
        if st != want:
            raise ScoreboardError(f"report by DMA f={f} first={first} words={words} addr=0x{addr:x}: "
                                  f"REPORT_STATUS 0x{st:x}, expected 0x{want:x}")
        self.ap.write(DmaReportEvent(t0, t1, f, first, words, addr, st, busy_start, bus_error))
        if not ok:
            if host.bursts or host.mem:
                raise ScoreboardError(f"refused report wrote to memory: {host.bursts[:4]}")
            return st
        got = [(b.addr, b.beats) for b in host.bursts]
        bursts = dt.report_bursts(addr, words)
        if got != bursts:
            raise ScoreboardError(f"report bursts {got} differ from the model's {bursts}")
        strobes = [s for b in host.bursts for s in b.strobes]
        want_strb = [0xFF] * (words // 2) + ([0x0F] if words % 2 else [])
        if strobes != want_strb or any(b.t_b is None or b.t_b > t1 for b in host.bursts):
            raise ScoreboardError(f"report strobes {strobes} (expected {want_strb}) or a B response "
                                  f"missing before done: {host.bursts}")
        if set(host.mem) != set(range(addr, addr + 4 * words)):
            raise ScoreboardError("report wrote bytes outside [addr, addr + 4 words) or missed some")
        for i in range(words):
            a = addr + 4 * i
            self.ap.write(ReportEvent(t0, host.byte_time[a], f, first + i, host.word(a), self.final, dma=True))
        return st

    async def dma_report_function(self, f: int, addr: int | None = None) -> None:
        """The whole bitmap of f by DMA (the driver's final report)."""
        addr = addr if addr is not None else 0x8000_0000 + 0x10_0000 * f
        await self.dma_report(f, 0, self.model.words_per_func, addr)

    def random_dma_args(self, f: int) -> tuple[int, int, int]:
        """(first, words, addr): a random good report of f's words in use, sometimes across a 4 KiB
        boundary of the buffer, sometimes one or two words."""
        r = self.rng
        wpf, used = self.model.words_per_func, self.words_in_use(f)
        first = r.randrange(0, max(1, used), 2) if used > 1 else 0
        words = r.choice([1, 2, r.randint(1, 8), r.randint(1, 64), wpf])
        words = max(1, min(words, wpf - first))
        page = r.randrange(1 << 20) << 12
        addr = page + r.choice([0, 8 * r.randrange(512), 0x1000 - 8 * r.randint(1, 20)])
        return first, words, addr

    async def wait_quiesced(self, limit: int = 2000) -> None:
        for _ in range(limit):
            t0 = cycle()
            status = await self.read_ok(dt.STATUS)
            if status & dt.STATUS_QUIESCED:
                self.ap.write(QuiesceEvent(t0, cycle()))
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
            if r.random() < self.cfg.reg_traffic_prob:
                await self.reg_traffic_op()
                continue
            f = r.choice(funcs)
            off = [g for g in funcs if not self.model.funcs[g].log_en]
            if off and r.random() < 0.2:  # a stopped function resumes soon
                await self.set_logging(r.choice(off), True)
                continue
            if r.random() < self.cfg.toggle_prob:
                await self.set_logging(f, not self.model.funcs[f].log_en)
                continue
            if r.random() < self.cfg.dma_report_prob:
                await self.dma_report(f, *self.random_dma_args(f))
                continue
            await self.report_word(f, r.randrange(self.words_in_use(f)))

    async def read_counters(self) -> CountersEvent:
        """Every register of the map read back (each read checked by the register scoreboard)."""
        for reg in G.REGMAP.regs:
            await self.read(reg.offset)
        nf = self.model.num_functions
        ev = CountersEvent([await self.read_ok(func_reg(f, dt.OOR_CNT)) for f in range(nf)],
                           await self.read_ok(dt.BAD_FUNC_CNT))
        self.ap.write(ev)
        return ev

    def check_phase(self):
        if self.regs is not None:
            r = self.regs
            self.logger.info(f"register scoreboard: {r.all_reads_checked} reads and {r.all_writes_checked} writes checked "
                             f"({r.bitmap_reads_checked} bitmap reads passed to the dirty scoreboard); "
                             f"hardware events reported: {dict(r.events)}; PARAMS checked against "
                             f"{getattr(self, 'params_source', '-')}")

    # ------------------------------------------------------------------ random register traffic
    async def reg_traffic_op(self) -> None:
        """One random register access that leaves the logging configuration alone (the register
        scoreboard checks it; races with DMA events happen because traffic runs meanwhile): a read of
        any register of the map (FUNC slots >= NumFunctions included: SLVERR), a counter write (0,
        random, near saturation; full or partial strobes), a write-1-to-clear of a random mask, or a
        refused VF access."""
        r, nf = self.reg_rng, self.model.num_functions
        x = r.random()
        if x < 0.45:
            await self.read(r.choice(G.REGMAP.regs).offset)
        elif x < 0.75:
            cnt = r.choice(["BAD_FUNC_CNT", "ACCESS_VIOL_CNT"] + [func_path(f, "OOR_CNT") for f in range(nf)])
            value = r.choice([0, r.getrandbits(32), dt.MASK32 - r.randrange(4), dt.MASK32,
                              0xFF << 8 * r.randrange(4), (dt.MASK32 - r.randrange(3)) & ~(0xFF << 8 * r.randrange(4))])
            strb = r.choice([0xF, 0xF, r.randrange(16)])
            await self.write(G.REGMAP.addr(cnt), value, strb=strb)
        elif x < 0.95:
            reg = r.choice(["ERR"] + [func_path(f, "ERR") for f in range(nf)])
            await self.write(G.REGMAP.addr(reg), r.getrandbits(32), strb=r.choice([0xF, r.randrange(16)]))
        else:
            vf = r.randint(1, 255)
            if r.random() < 0.5:
                await self.read(r.choice(G.REGMAP.regs).offset, func=vf)
            else:
                await self.write(G.REGMAP.addr(r.choice(["ERR", "BAD_FUNC_CNT"])), r.getrandbits(32), func=vf)
