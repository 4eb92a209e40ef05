"""Register behaviour: VF accesses, bad function numbers, W1C and counter races in the same clock,
the access order (misaligned / unmapped / read-only), counter saturation, region boundaries
(env/reg_rules.py drives the pin-level accesses and predicts from the golden model)."""

from __future__ import annotations

from cocotb.triggers import ClockCycles

from models import dirty_track as dt
from models.dirty_track import DirtyTrackModel, func_reg
from tb.common.base import cycle
from tb.common.regport import SLVERR
from tb.dirty_track.env import reg_rules, regs

from .base import DirtyTrackTest


class VfAccess(DirtyTrackTest):
    """VF register and bitmap accesses: SLVERR, no effect (a VF bitmap read clears nothing), counted;
    PF writes to the bitmap window and unmapped addresses: SLVERR."""

    async def body(self):
        hyp = self.hyp
        await self.start_logging([0], max_pages=256)
        await self.traffic([0], n=200, reports=False)
        nviol = 0
        for vf in (1, 2, 3, 7, 255):
            assert await hyp.write(func_reg(0, dt.CTRL), 0, func=vf) == SLVERR
            assert await hyp.write(func_reg(0, dt.BASE_LO), 0x1000, func=vf) == SLVERR
            assert await hyp.read(func_reg(0, dt.CTRL), func=vf) == (0, SLVERR)
            assert await hyp.read(dt.ID, func=vf) == (0, SLVERR)
            for w in range(hyp.words_in_use(0)):
                assert await hyp.read(hyp.model.bitmap_addr(0, w), func=vf) == (0, SLVERR)
            nviol += 4 + hyp.words_in_use(0)
        assert await hyp.read_ok(func_reg(0, dt.CTRL)) == 1, "a VF write changed the PF's CTRL"
        assert await hyp.read_ok(func_reg(0, dt.BASE_LO)) == hyp.model.funcs[0].base & dt.MASK32
        assert await hyp.read_ok(dt.ACCESS_VIOL_CNT) == nviol
        assert await hyp.read_ok(dt.ERR) & dt.ERR_ACCESS_VIOL
        await hyp.write_ok(dt.ERR, dt.ERR_ACCESS_VIOL)  # write 1 to clear
        assert not await hyp.read_ok(dt.ERR) & dt.ERR_ACCESS_VIOL
        await hyp.write_ok(dt.ACCESS_VIOL_CNT, 0)
        assert await hyp.read_ok(dt.ACCESS_VIOL_CNT) == 0
        # PF: the bitmap window is read-only, and decode holes answer SLVERR
        assert await hyp.write(hyp.model.bitmap_addr(0, 0), 0) == SLVERR
        assert await hyp.read(dt.REG_SPACE) == (0, SLVERR)  # the first word past the register block
        nf, wpf = hyp.model.num_functions, hyp.model.words_per_func
        assert await hyp.read(dt.BITMAP_BASE + 4 * nf * wpf) == (0, SLVERR)
        assert await hyp.read_ok(dt.ACCESS_VIOL_CNT) == 0, "PF decode errors are not VF violations"
        await self.finish(full_sweep=True)  # the marks are all still there


class BadFunction(DirtyTrackTest):
    """Writes with function numbers >= NumFunctions: passed through, counted exactly, sticky flag;
    then the counters preset near all ones saturate."""

    knobs = dict(bad_func_prob=0.3, oor_prob=0.2, reg_traffic_prob=0.0)  # directed counter checks

    async def body(self):
        hyp, funcs = self.hyp, self.all_funcs()
        await self.start_logging(funcs)
        await self.traffic(funcs, n=400)
        assert await hyp.read_ok(dt.ERR) & dt.ERR_BAD_FUNC
        await self.finish()  # BAD_FUNC_CNT checked exactly by the scoreboard
        await hyp.write_ok(dt.ERR, dt.ERR_BAD_FUNC)
        assert not await hyp.read_ok(dt.ERR) & dt.ERR_BAD_FUNC
        # Saturation: counters preset just below all ones count up to it and stay there (the
        # scoreboard's expected counts saturate the same way).
        await hyp.write_ok(dt.BAD_FUNC_CNT, dt.MASK32 - 5)
        for f in funcs:
            await hyp.write_ok(func_reg(f, dt.OOR_CNT), dt.MASK32 - 2)
            await hyp.set_logging(f, True)
        await self.traffic(funcs, n=200)
        await self.finish()
        assert await hyp.read_ok(dt.BAD_FUNC_CNT) == dt.MASK32


class W1cRace(DirtyTrackTest):
    """A write-1-to-clear flag written in exactly the clock its event sets it: FUNC[1].ERR.oor (an
    out-of-range write) and ERR.bad_func (a bad function number), written 0 (or 0x2: only
    access_viol) and written 1, the DMA write swept over a window of clocks around the register
    write. Write 0 never clears; write 1 clears only an event before its clock; an event in the
    same clock (or later) leaves the flag set. The counters count every event."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
        hyp = self.hyp
        f, base = 1, 0x1000_0000
        await hyp.configure(f, base, 16, 0)
        await hyp.set_logging(f, True)
        bad = hyp.model.num_functions
        below = base - 0x1000  # one page below BASE: out of range, marks nothing
        fe, fc = func_reg(f, dt.FERR), func_reg(f, dt.OOR_CNT)
        same = await reg_rules.race_sweep(
            self, fe, [(0x0, 0xF), (0xFFFF_FFFE, 0xF), (0x1, 0xF), (0x1, 0x1), (0x1, 0xE)],
            f, below, reg_rules.OOR_ACT, reg_rules.REG_ACT, range(-9, 1),
            preload=[(fe, 1), (fc, 0)], check=[fe, fc])
        assert same == 5, f"{same} trials hit the same clock (FUNC.ERR.oor)"
        same = await reg_rules.race_sweep(
            self, dt.ERR, [(0x2, 0xF), (0x0, 0xF), (0x1, 0xF), (0x3, 0xF), (0x1, 0xE)],
            bad, 0x2000, reg_rules.BAD_FUNC_ACT, reg_rules.REG_ACT, range(-4, 5),
            preload=[(dt.ERR, 3), (dt.BAD_FUNC_CNT, 0)], check=[dt.ERR, dt.BAD_FUNC_CNT])
        assert same == 5, f"{same} trials hit the same clock (ERR.bad_func)"


class AccessRules(DirtyTrackTest):
    """The access order of docs/dev-guide.md: misaligned (every sub-word offset of registers and
    bitmap words), unmapped (the hole between the top-level registers and FUNC[0], the unused word
    of every FUNC slot, slots the configuration does not have, from the end of the register block
    to the bitmap window, the bitmap window past its last word, the end of the address space) and writes to read-only registers and the bitmap window: SLVERR, read data
    0, no effect (registers compared with the model, marked bitmap words still hold their marks),
    not counted as violations; a VF access at a misaligned address is a violation (access control
    first). The last valid bitmap word and every mapped register answer OKAY."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
        hyp, m = self.hyp, self.hyp.model
        nf, wpf = m.num_functions, m.words_per_func
        pm = DirtyTrackModel(nf, m.pages_per_func)
        # marks in the first word of function 0 and the last word of the last function
        base = 0x2_0000_0000
        for f in (0, nf - 1):
            await hyp.configure(f, base, m.pages_per_func, 0)
            await hyp.set_logging(f, True)
            for a, v in ((func_reg(f, dt.BASE_LO), base & dt.MASK32), (func_reg(f, dt.BASE_HI), base >> 32),
                         (func_reg(f, dt.PAGES), m.pages_per_func), (func_reg(f, dt.CTRL), 1)):
                pm.reg_write(a, v)
        marks = [(0, base + 0x3000), (nf - 1, base + (m.pages_per_func - 1) * 0x1000)]
        for f, a in marks:
            t = await reg_rules.dma_write_at(self.dut, cycle() + 2, f, a)
            assert t > 0
            pm.dma_write(f, a, 0, 0, dt.BURST_INCR)
        await hyp.wait_quiesced()
        last_word = dt.BITMAP_BASE + 4 * (nf * wpf - 1)
        targets = [dt.ID, dt.PARAMS, dt.STATUS, dt.ERR, dt.BAD_FUNC_CNT, dt.ACCESS_VIOL_CNT,
                   func_reg(0, dt.CTRL), func_reg(nf - 1, dt.OOR_CNT), func_reg(0, dt.PAGES),
                   dt.BITMAP_BASE, last_word]
        bad = [a + off for a in targets for off in (1, 2, 3)]  # misaligned
        bad += list(regs.TOP_HOLES)  # words between the top-level registers (0x018, 0x01C)
        bad += [dt.REPORT_STATUS + off for off in (1, 2, 3)] + [dt.REPORT_CTRL + 2]
        bad += [regs.TOP_END, regs.TOP_END + 4, dt.FUNC_BASE - 4, dt.REG_SPACE, dt.BITMAP_BASE - 4,
                dt.BITMAP_BASE - 1, last_word + 4, dt.AXIL_SPACE - 4, dt.AXIL_SPACE - 1]
        bad += [func_reg(f, off) for f in range(dt.MAX_REG_FUNCTIONS) for off in regs.FUNC_SLOT_HOLES]
        bad += [func_reg(f, off) for f in range(nf, dt.MAX_REG_FUNCTIONS) for off in range(0, dt.FUNC_STRIDE, 4)]
        ro = [dt.ID, dt.PARAMS, dt.STATUS, dt.REPORT_STATUS, dt.BITMAP_BASE, dt.BITMAP_BASE + 4, last_word]
        for addr in bad:
            assert pm.reg_kind(addr) in ("misaligned", "unmapped"), hex(addr)
            _, data, resp = await reg_rules.raw_read(hyp, addr)
            assert (data, resp) == (0, SLVERR), f"read 0x{addr:05x}: 0x{data:08x} resp {resp}, expected 0 SLVERR"
            for value in (0xFFFF_FFFF, 0):
                _, resp = await reg_rules.raw_write(hyp, addr, value)
                assert resp == SLVERR, f"write 0x{addr:05x}: resp {resp}, expected SLVERR"
            await reg_rules.check_registers(self)
        for addr in ro:
            assert pm.reg_kind(addr) in ("ro", "bitmap"), hex(addr)
            for value in (0xFFFF_FFFF, 0):
                _, resp = await reg_rules.raw_write(hyp, addr, value)
                assert resp == SLVERR, f"write to read-only 0x{addr:05x}: resp {resp}, expected SLVERR"
                assert pm.reg_write(addr, value) == SLVERR
        await reg_rules.check_registers(self)
        assert pm.access_viol_cnt == 0
        # a VF at a misaligned address: refused by access control first (counted), clears nothing
        _, data, resp = await reg_rules.raw_read(hyp, dt.BITMAP_BASE + 1, func=1)
        assert (data, resp) == (0, SLVERR)
        pm.reg_read(dt.BITMAP_BASE + 1, func=1)
        await reg_rules.check_registers(self)
        # the marks survived every refused access; the last valid word answers OKAY
        for f, a in marks:
            w = (a - base) // 0x1000 // dt.WORD_BITS
            assert await hyp.report_word(f, w) == pm.report(f, w) != 0
        _, data, resp = await reg_rules.raw_read(hyp, last_word)
        assert (data, resp) == (0, dt.OKAY)


class CounterLimits(DirtyTrackTest):
    """Every saturating counter preloaded by software just below all ones, then events: it reaches
    0xFFFFFFFF and stays there. Software writes with full and partial byte strobes racing an event
    (swept over a window of clocks): the event counts on top of the written value (byte-merged),
    saturating; an event before the write's clock is overwritten where bytes are written."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
        hyp, dut = self.hyp, self.dut
        f, base = 1, 0x1000_0000
        await hyp.configure(f, base, 16, 0)
        await hyp.set_logging(f, True)
        bad, below = hyp.model.num_functions, base - 0x1000
        oc = func_reg(f, dt.OOR_CNT)
        pm = DirtyTrackModel(hyp.model.num_functions, hyp.model.pages_per_func)
        pm.funcs[f] = type(pm.funcs[f])(**vars(hyp.model.funcs[f]))
        # saturation, one event at a time
        for cnt, event in ((dt.BAD_FUNC_CNT, "bad"), (oc, "oor"), (dt.ACCESS_VIOL_CNT, "viol")):
            await reg_rules.raw_write(hyp, cnt, 0xFFFF_FFFD)
            pm.reg_write(cnt, 0xFFFF_FFFD)
            for _ in range(6):
                if event == "bad":
                    await reg_rules.dma_write_at(dut, cycle() + 1, bad, 0x3000)
                    pm.dma_write(bad, 0x3000, 0, 0, dt.BURST_INCR)
                elif event == "oor":
                    await reg_rules.dma_write_at(dut, cycle() + 1, f, below)
                    pm.dma_write(f, below, 0, 0, dt.BURST_INCR)
                else:
                    await reg_rules.raw_read(hyp, dt.ID, func=2)
                    pm.reg_read(dt.ID, func=2)
                await ClockCycles(dut.clk_i, 12)
                _, got, resp = await reg_rules.raw_read(hyp, cnt)
                want, _ = pm.reg_read(cnt)
                assert (got, resp) == (want, dt.OKAY), f"0x{cnt:03x} = 0x{got:08x}, model 0x{want:08x}"
            assert got == dt.MASK32
        # software writes racing events, full and partial strobes, near and at saturation
        writes = [(0xFFFF_FFFF, 0xF), (0xFFFF_FFFE, 0xF), (0x0000_0000, 0x1), (0x1234_5678, 0x6),
                  (0x0000_0000, 0x8), (0xFFFF_FFFF, 0x0)]
        for preload in (0xFFFF_FFFD, 0x0000_00FF):
            same = await reg_rules.race_sweep(
                self, oc, writes, f, below, reg_rules.OOR_ACT, reg_rules.CNT_ACT, range(-8, 0),
                preload=[(oc, preload)], check=[oc])
            assert same == len(writes)
            same = await reg_rules.race_sweep(
                self, dt.BAD_FUNC_CNT, writes, bad, 0x3000, reg_rules.BAD_FUNC_ACT, reg_rules.CNT_ACT, range(-1, 4),
                preload=[(dt.BAD_FUNC_CNT, preload)], check=[dt.BAD_FUNC_CNT])
            assert same == len(writes)


class RegionBoundaries(DirtyTrackTest):
    """Every range check at its limit, limit - 1 and limit + 1: for page-size codes 0, 1, 8, 9 and
    10..15 (acting as 9), PAGES 0, 1, 31, 32, 33, PagesPerFunc - 1, PagesPerFunc, PagesPerFunc + 1
    and 0xFFFFFFFF (clamped): writes whose last byte is the region's last byte, one byte more,
    starting at the limit, at BASE, one byte below BASE, entirely below BASE; pages and words
    around the limit. Each phase quiesced, then every word of the function and OOR_CNT / ERR.oor
    compared with the model exactly."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
        hyp, dut = self.hyp, self.dut
        ppf = hyp.model.pages_per_func
        f = 0
        for code in (0, 1, 8, 9, 10, 12, 15):
            shift = dt.page_shift(code)
            p = 1 << shift
            for pages in (0, 1, 31, 32, 33, ppf - 1, ppf, ppf + 1, dt.MASK32):
                await hyp.set_logging(f, False)
                base = self.rng.randrange(1 << (34 - shift), 1 << (40 - shift)) << shift
                await hyp.configure(f, base, pages, code)
                await hyp.set_logging(f, True)
                pm = DirtyTrackModel(hyp.model.num_functions, ppf)
                pm.funcs[f] = type(pm.funcs[f])(**vars(hyp.model.funcs[f]))
                lim = min(pages, ppf)
                end = base + lim * p  # first byte after the region
                cases = [  # (addr, len, size)
                    (end - 4, 0, 2),     # last byte = the region's last byte
                    (end - 1, 1, 0),     # one byte more
                    (end, 0, 0),         # first byte after the region
                    (end - p, 0, 0),     # first byte of the last page
                    (end - p - 1, 0, 0),  # last byte of the page before
                    (base, 0, 0),        # BASE
                    (base - 1, 1, 0),    # one byte below BASE (and BASE)
                    (base - 1, 0, 0),    # entirely below BASE
                    (base + p - 1, 1, 0),  # across the first page boundary
                    (base + (p << 5) - 1, 1, 0),  # across the first word boundary
                ]
                for a, ln, sz in cases:
                    if a < 0:
                        continue
                    await reg_rules.dma_write_at(dut, cycle() + 1, f, a, length=ln, size=sz)
                    pm.dma_write(f, a, ln, sz, dt.BURST_INCR)
                await hyp.wait_quiesced()
                for w in range(hyp.model.words_per_func):
                    got = await hyp.report_word(f, w)
                    want = pm.report(f, w)
                    assert got == want, (f"code {code} pages {pages}: word {w} = 0x{got:08x}, "
                                         f"model 0x{want:08x}")
                for reg in (dt.OOR_CNT, dt.FERR):
                    _, got, _ = await reg_rules.raw_read(hyp, func_reg(f, reg))
                    want, _ = pm.reg_read(func_reg(f, reg))
                    assert got == want, f"code {code} pages {pages}: FUNC+0x{reg:x} = {got}, model {want}"
