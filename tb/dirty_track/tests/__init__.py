"""pyuvm tests of dirty_track, each a scenario over the shared environment; manifest.py names, for
each cocotb test, the class here it runs.

Every test runs the same environment and checks: pass-through (AW out == AW in), the scoreboard's
no-lost-page / no-false-dirty invariant with its documented timing tolerance, and the RTL's SVA.
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, Event
from pyuvm import ConfigDB, uvm_test

from models import dirty_track as dt
from models.dirty_track import DirtyTrackModel, func_reg
from tb.common import bench
from tb.common.regport import SLVERR
from tb.common.seed import announce, rng
from tb.dirty_track import rules
from tb.dirty_track.env.common import TbCfg
from tb.dirty_track.env.common import now as dt_now
from tb.dirty_track.env.env import DirtyEnv
from tb.dirty_track.env.sequences import TrafficSeq


class BaseTest(uvm_test):
    """Bring-up, then `scenario()`; the components check in check_phase."""

    knobs: dict = {}

    def build_phase(self):
        ConfigDB().set(None, "*", "dut", cocotb.top)
        self.cfg = TbCfg(**self.knobs)
        ConfigDB().set(None, "*", "cfg", self.cfg)
        self.env = DirtyEnv("env", self)
        self.rng = rng("test")

    async def run_phase(self):
        self.raise_objection()
        announce(self.logger)
        self.dut = cocotb.top
        await self.env.start()
        self.hyp, self.sb = self.env.hyp, self.env.sb
        await self.scenario()
        self.drop_objection()

    # ------------------------------------------------------------------ building blocks
    def all_funcs(self):
        return list(range(self.hyp.model.num_functions))

    async def start_logging(self, funcs, max_pages=2048):
        for f in funcs:
            await self.hyp.random_config(f, max_pages)
            await self.hyp.set_logging(f, True)

    async def traffic(self, funcs, n=None, mode="random", idle=True, reports=True, stream="traffic"):
        """Run a traffic sequence to completion, with concurrent report-and-clear reads."""
        seq = TrafficSeq(n=n, mode=mode, funcs=funcs, idle=idle, stream=stream)
        stop = Event()
        loop = cocotb.start_soon(self.hyp.report_loop(stop, funcs)) if reports else None
        await seq.start(self.env.agent.seqr)
        stop.set()
        if loop is not None:
            await loop
        return seq

    async def finish(self, full_sweep=False):
        """Quiesce, final report of every word that may hold marks (plus a sample of the others, or
        everything), check the counters, stop logging."""
        hyp, sb = self.hyp, self.sb
        await hyp.wait_quiesced()
        hyp.final = True
        words = set(sb.pending_words())
        nf, wpf = hyp.model.num_functions, hyp.model.words_per_func
        if full_sweep:
            words |= {(f, w) for f in range(nf) for w in range(wpf)}
        else:
            words |= {(self.rng.randrange(nf), self.rng.randrange(wpf)) for _ in range(self.cfg.final_sample_words)}
        for f, w in sorted(words):
            await hyp.report_word(f, w)
        hyp.final = False
        sb.check_final()
        await hyp.read_counters()
        for f in range(nf):
            if hyp.model.funcs[f].log_en:
                await hyp.set_logging(f, False)

    async def scenario(self):
        raise NotImplementedError


# ============================================================================ random traffic


class RandomTraffic(BaseTest):
    """All functions logging, random mixed traffic with idle cycles and back-pressure (the register
    port's too), report-and-clear, flag toggles and random register traffic (reads of every
    register, counter writes with full and partial strobes, write-1-to-clear masks, VF accesses)
    running concurrently; final quiesced sweep."""

    knobs = dict(reg_backpressure=0.3)

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        await self.traffic(funcs)
        await self.finish()


class RandomTrafficFullRate(RandomTraffic):
    knobs = dict(idle_prob=0.0, ready_prob=1.0, reg_backpressure=0.0)


class RandomSmall(BaseTest):
    """Small bitmap (config small): regions cover the whole bitmap, more toggles, full sweeps."""

    knobs = dict(toggle_prob=0.06, oor_prob=0.1, reg_backpressure=0.2)

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs, max_pages=10**6)
        await self.traffic(funcs)
        await self.finish(full_sweep=True)


class NegativeDroppedMark(RandomSmall):
    """The scoreboard sees one mark fewer in the final sweep: it must report a lost page."""

    knobs = dict(n_writes=600, inject_drop=True)


class NegativeRegisterRead(RandomSmall):
    """The register scoreboard sees one read value with a bit flipped (CheckedRegisterPort's
    corrupt_next_read, active only with VIRTIP_INJECT): it must raise ScoreboardError."""

    knobs = dict(n_writes=300)

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs, max_pages=10**6)
        await self.traffic(funcs)
        await self.finish()
        self.hyp.regs.checked.corrupt_next_read = True
        await self.hyp.read(dt.ID)







# ============================================================================ directed tests


class VfAccess(BaseTest):
    """VF register and bitmap accesses: SLVERR, no effect (a VF bitmap read clears nothing), counted;
    PF writes to the bitmap window and unmapped addresses: SLVERR."""

    async def scenario(self):
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
        assert await hyp.read(0x1000) == (0, SLVERR)
        nf, wpf = hyp.model.num_functions, hyp.model.words_per_func
        assert await hyp.read(dt.BITMAP_BASE + 4 * nf * wpf) == (0, SLVERR)
        assert await hyp.read_ok(dt.ACCESS_VIOL_CNT) == 0, "PF decode errors are not VF violations"
        await self.finish(full_sweep=True)  # the marks are all still there


class ResetMidTraffic(BaseTest):
    """Reset while writes stream in: everything clears (registers, bitmap), writes held until the
    bitmap is initialised, then logging works again."""

    async def scenario(self):
        hyp, funcs = self.hyp, self.all_funcs()
        await self.start_logging(funcs)
        seq = TrafficSeq(n=self.cfg.n_writes, funcs=funcs)
        task = cocotb.start_soon(seq.start(self.env.agent.seqr))
        await ClockCycles(self.dut.clk_i, 300 + self.rng.randrange(200))
        await self.env.reset()
        await hyp.start()
        for f in funcs:
            for off in (dt.CTRL, dt.PAGES, dt.BASE_LO, dt.OOR_CNT, dt.FERR):
                assert await hyp.read_ok(func_reg(f, off)) == 0, f"FUNC[{f}]+0x{off:x} not reset"
        # (BAD_FUNC_CNT restarts from 0 too: the final counter check compares it with the bad-function
        # writes seen since this reset, exactly; traffic has already resumed, so not read here)
        # the bitmap is clear: any mark left would be a false dirty page for the scoreboard
        for f in funcs:
            await hyp.report_word(f, self.rng.randrange(hyp.model.words_per_func))
        await self.start_logging(funcs)
        await task
        await self.traffic(funcs, n=300)
        await self.finish()


class Quiesce(BaseTest):
    """STATUS.quiesced is 0 while accepted writes are in flight and 1 once all are logged; after it
    reads 1, a report contains every write accepted before (exact final check)."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        hyp = self.hyp
        await self.start_logging([0, 1], max_pages=256)
        done = Event()
        seen = []

        async def poll():
            while not done.is_set():
                seen.append(await hyp.read_ok(dt.STATUS) & dt.STATUS_QUIESCED)

        task = cocotb.start_soon(poll())
        await self.traffic([0, 1], n=400, mode="cross", idle=False, reports=False)
        done.set()
        await task
        assert 0 in seen, "STATUS.quiesced never read 0 while writes were in flight"
        await self.finish(full_sweep=True)
        assert await hyp.read_ok(dt.STATUS) & dt.STATUS_QUIESCED


class ClearCollision(BaseTest):
    """Back-to-back writes into one bitmap word while the hypervisor reads (and clears) that same
    word back to back: reports collide with marks in the same clock and in adjacent RMW stages."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0, same_word_prob=1.0)

    async def scenario(self):
        hyp = self.hyp
        await hyp.configure(0, 0x4000_0000, 256, 0)
        await hyp.set_logging(0, True)
        done = Event()

        async def hammer():
            while not done.is_set():
                await hyp.report_word(0, 0)

        task = cocotb.start_soon(hammer())
        await self.traffic([0], n=800, mode="same_word", idle=False, reports=False)
        done.set()
        await task
        await self.finish(full_sweep=True)


class PipelinedReports(BaseTest):
    """Bitmap reads pipelined back to back (every AR queued at once, so each AR handshake is in the
    first clock the slave takes one and the next read starts as soon as the previous R handshake
    is done), with and without AR and R back-pressure, while DMA writes land marks in the same
    words: bursts of one word read repeatedly, sweeps of consecutive words, random words, and
    misaligned / past-the-end words (SLVERR, 0) between them. A report-and-clear read must clear its
    word exactly once and answer its own word: every mark is in exactly one report (the scoreboard
    explains each report by a cut of the word's writes). After quiesce, the final sweep is
    pipelined too (exact), and a second, sequential sweep must find every word clear."""

    knobs = dict(idle_prob=0.1, ready_prob=0.9, same_word_prob=0.5, oor_prob=0.02)

    def burst(self, r) -> list[int]:
        m, funcs = self.hyp.model, self.all_funcs()
        f = r.choice(funcs)
        nw = self.hyp.words_in_use(f)
        n = r.randint(2, 12)
        kind = r.random()
        if kind < 0.3:  # one word, again and again
            addrs = [m.bitmap_addr(f, r.randrange(nw))] * n
        elif kind < 0.6:  # consecutive words (wrapping inside the function's words in use)
            w0 = r.randrange(nw)
            addrs = [m.bitmap_addr(f, (w0 + i) % nw) for i in range(n)]
        else:  # random words of random functions, repeats likely
            addrs = []
            for _ in range(n):
                g = r.choice(funcs)
                addrs.append(m.bitmap_addr(g, r.randrange(self.hyp.words_in_use(g))))
        if r.random() < 0.2:  # a read of a word that does not exist, in the middle of the burst
            bad = r.choice([addrs[0] + r.randint(1, 3), m.bitmap_addr(m.num_functions, 0)])
            addrs.insert(r.randrange(len(addrs) + 1), bad)
        return addrs

    async def pipelined(self, addrs, r):
        ar_pause = r.choice([0.0, 0.0, 0.0, 0.3])
        r_pause = r.choice([0.0, 0.0, 0.3, 0.6])
        return await self.hyp.pipelined_reports(addrs, ar_pause=ar_pause, r_pause=r_pause, r=r)

    async def scenario(self):
        hyp, funcs = self.hyp, self.all_funcs()
        r = rng("pipelined_reports")
        await self.start_logging(funcs, max_pages=256)  # regions of up to 8 words: reads meet marks
        done = Event()
        bursts = 0

        async def reader():
            nonlocal bursts
            while not done.is_set():
                await self.pipelined(self.burst(r), r)
                bursts += 1
                await ClockCycles(self.dut.clk_i, r.choice([0, 0, 1, 2, 5]))

        task = cocotb.start_soon(reader())
        await self.traffic(funcs, n=self.cfg.n_writes, reports=False)
        done.set()
        await task
        assert bursts >= 20, f"only {bursts} pipelined bursts ran during the traffic"
        # final report, pipelined: exact after STATUS.quiesced (every mark accepted before it)
        await hyp.wait_quiesced()
        hyp.final = True
        words = [hyp.model.bitmap_addr(f, w) for f in funcs for w in range(hyp.model.words_per_func)]
        for i in range(0, len(words), 8):
            await self.pipelined(words[i:i + 8], r)
        hyp.final = False
        self.sb.check_final()
        await self.finish(full_sweep=True)  # every word must now read 0 (a mark left: false dirty)


class FlagToggle(BaseTest):
    """One function's flag toggled repeatedly mid-traffic; the others log undisturbed."""

    knobs = dict(toggle_prob=0.0)

    async def scenario(self):
        hyp, funcs = self.hyp, self.all_funcs()
        await self.start_logging(funcs)
        victim = self.rng.choice(funcs)
        done = Event()

        async def toggler():
            while not done.is_set():
                await ClockCycles(self.dut.clk_i, self.rng.randint(20, 120))
                await hyp.set_logging(victim, not hyp.model.funcs[victim].log_en)

        task = cocotb.start_soon(toggler())
        await self.traffic(funcs)
        done.set()
        await task
        await self.finish()


class PageSizes(BaseTest):
    """Every page size 4 KiB .. 2 MiB: reconfigure (logging off, drained), traffic with crossing
    writes, quiesce, full sweep."""

    knobs = dict(cross_prob=0.3)

    async def scenario(self):
        hyp, funcs = self.hyp, self.all_funcs()
        for code in range(dt.NUM_PAGE_SIZES):
            shift = dt.page_shift(code)
            for f in funcs:
                base = self.rng.randrange(1 << (33 - shift), 1 << (44 - shift)) << shift
                await hyp.configure(f, base, self.rng.randint(64, hyp.model.pages_per_func), code)
                await hyp.set_logging(f, True)
            await self.traffic(funcs, n=120, stream=f"traffic{code}")
            await self.finish(full_sweep=True)


class BadFunction(BaseTest):
    """Writes with function numbers >= NumFunctions: passed through, counted exactly, sticky flag;
    then the counters preset near all ones saturate."""

    knobs = dict(bad_func_prob=0.3, oor_prob=0.2, reg_traffic_prob=0.0)  # directed counter checks

    async def scenario(self):
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


# ============================================================================ register rules


class W1cRace(BaseTest):
    """A write-1-to-clear flag written in exactly the clock its event sets it: FUNC[1].ERR.oor (an
    out-of-range write) and ERR.bad_func (a bad function number), written 0 (or 0x2: only
    access_viol) and written 1, the DMA write swept over a window of clocks around the register
    write. Write 0 never clears; write 1 clears only an event before its clock; an event in the
    same clock (or later) leaves the flag set. The counters count every event."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        hyp = self.hyp
        f, base = 1, 0x1000_0000
        await hyp.configure(f, base, 16, 0)
        await hyp.set_logging(f, True)
        bad = hyp.model.num_functions
        below = base - 0x1000  # one page below BASE: out of range, marks nothing
        fe, fc = func_reg(f, dt.FERR), func_reg(f, dt.OOR_CNT)
        same = await rules.race_sweep(
            self, fe, [(0x0, 0xF), (0xFFFF_FFFE, 0xF), (0x1, 0xF), (0x1, 0x1), (0x1, 0xE)],
            f, below, rules.OOR_ACT, rules.REG_ACT, range(-9, 1),
            preload=[(fe, 1), (fc, 0)], check=[fe, fc])
        assert same == 5, f"{same} trials hit the same clock (FUNC.ERR.oor)"
        same = await rules.race_sweep(
            self, dt.ERR, [(0x2, 0xF), (0x0, 0xF), (0x1, 0xF), (0x3, 0xF), (0x1, 0xE)],
            bad, 0x2000, rules.BAD_FUNC_ACT, rules.REG_ACT, range(-4, 5),
            preload=[(dt.ERR, 3), (dt.BAD_FUNC_CNT, 0)], check=[dt.ERR, dt.BAD_FUNC_CNT])
        assert same == 5, f"{same} trials hit the same clock (ERR.bad_func)"


class AccessRules(BaseTest):
    """The access order of docs/dev-guide.md: misaligned (every sub-word offset of registers and
    bitmap words), unmapped (holes 0x018..0x0FC, offset 0x1C of every FUNC slot, slots the
    configuration does not have, 0x200..0x7FFFF, the bitmap window past its last word, the end of
    the address space) and writes to read-only registers and the bitmap window: SLVERR, read data
    0, no effect (registers compared with the model, marked bitmap words still hold their marks),
    not counted as violations; a VF access at a misaligned address is a violation (access control
    first). The last valid bitmap word and every mapped register answer OKAY."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
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
            t = await rules.dma_write_at(self.dut, dt_now() + 2, f, a)
            assert t > 0
            pm.dma_write(f, a, 0, 0, dt.BURST_INCR)
        await hyp.wait_quiesced()
        last_word = dt.BITMAP_BASE + 4 * (nf * wpf - 1)
        targets = [dt.ID, dt.PARAMS, dt.STATUS, dt.ERR, dt.BAD_FUNC_CNT, dt.ACCESS_VIOL_CNT,
                   func_reg(0, dt.CTRL), func_reg(nf - 1, dt.OOR_CNT), func_reg(0, dt.PAGES),
                   dt.BITMAP_BASE, last_word]
        bad = [a + off for a in targets for off in (1, 2, 3)]  # misaligned
        bad += [0x018, 0x01C, 0x0FC, 0x200, 0x7FFFC, 0x7FFFF, last_word + 4, 0xFFFFC, 0xFFFFF]
        bad += [func_reg(f, 0x1C) for f in range(dt.MAX_REG_FUNCTIONS)]
        bad += [func_reg(f, off) for f in range(nf, dt.MAX_REG_FUNCTIONS) for off in range(0, 0x20, 4)]
        ro = [dt.ID, dt.PARAMS, dt.STATUS, dt.BITMAP_BASE, dt.BITMAP_BASE + 4, last_word]
        for addr in bad:
            assert pm.reg_kind(addr) in ("misaligned", "unmapped"), hex(addr)
            _, data, resp = await rules.raw_read(hyp, addr)
            assert (data, resp) == (0, SLVERR), f"read 0x{addr:05x}: 0x{data:08x} resp {resp}, expected 0 SLVERR"
            for value in (0xFFFF_FFFF, 0):
                _, resp = await rules.raw_write(hyp, addr, value)
                assert resp == SLVERR, f"write 0x{addr:05x}: resp {resp}, expected SLVERR"
            await rules.check_registers(self)
        for addr in ro:
            assert pm.reg_kind(addr) in ("ro", "bitmap"), hex(addr)
            for value in (0xFFFF_FFFF, 0):
                _, resp = await rules.raw_write(hyp, addr, value)
                assert resp == SLVERR, f"write to read-only 0x{addr:05x}: resp {resp}, expected SLVERR"
                assert pm.reg_write(addr, value) == SLVERR
        await rules.check_registers(self)
        assert pm.access_viol_cnt == 0
        # a VF at a misaligned address: refused by access control first (counted), clears nothing
        _, data, resp = await rules.raw_read(hyp, dt.BITMAP_BASE + 1, func=1)
        assert (data, resp) == (0, SLVERR)
        pm.reg_read(dt.BITMAP_BASE + 1, func=1)
        await rules.check_registers(self)
        # the marks survived every refused access; the last valid word answers OKAY
        for f, a in marks:
            w = (a - base) // 0x1000 // dt.WORD_BITS
            assert await hyp.report_word(f, w) == pm.report(f, w) != 0
        _, data, resp = await rules.raw_read(hyp, last_word)
        assert (data, resp) == (0, dt.OKAY)


class ResetAsync(BaseTest):
    """Asynchronous reset at any moment: a pulse with no rising edge inside it, and a reset over
    several edges, each in the middle of every kind of activity (idle, an AW stream of logged and
    out-of-range writes, a register write, a register read, a bitmap report read, the bitmap clear
    after reset). Afterwards (STATUS.init_done = 1) every register reads its reset value and every
    word of every function's bitmap reads 0; the RTL's SVA stay on throughout."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        hyp, dut = self.hyp, self.dut
        kinds = ["idle", "aw_stream", "reg_write", "reg_read", "bitmap_read", "init_sweep"]
        for pulse in ("between", "long"):
            for kind in kinds:
                for f in range(hyp.model.num_functions):  # whole bitmap tracked
                    await hyp.configure(f, self.rng.randrange(1, 1 << 20) << 20, hyp.model.pages_per_func, 0)
                    await hyp.set_logging(f, True)
                await self.dirty_everything()
                task = None
                if kind == "aw_stream":
                    task = cocotb.start_soon(self.aw_stream())
                elif kind == "reg_write":
                    task = cocotb.start_soon(rules.raw_write(hyp, func_reg(1, dt.OOR_CNT), 0x1234, publish=False))
                elif kind == "reg_read":
                    task = cocotb.start_soon(rules.raw_read(hyp, func_reg(1, dt.PAGES)))
                elif kind == "bitmap_read":
                    task = cocotb.start_soon(rules.raw_read(hyp, hyp.model.bitmap_addr(0, 0)))
                elif kind == "init_sweep":
                    await rules.reset_pulse(self.env, "between", self.rng)
                await ClockCycles(dut.clk_i, 1 + self.rng.randrange(4 if kind != "init_sweep" else 40))
                await rules.reset_pulse(self.env, pulse, self.rng)
                if task is not None and not task.done():
                    task.cancel()
                rules.idle_pins(dut)
                self.logger.info(f"reset ({pulse}) during {kind}")
                await hyp.start()
                await rules.check_registers(self)
                await rules.check_bitmap_clear(self)

    async def dirty_everything(self):
        """Marks in every word of every function (so a bitmap that is not cleared shows)."""
        hyp, dut = self.hyp, self.dut
        for f in range(hyp.model.num_functions):
            cfg = hyp.model.funcs[f]
            for w in range(-(-hyp.model.limit(f) // dt.WORD_BITS)):
                a = cfg.base + (w * dt.WORD_BITS << dt.page_shift(cfg.page_code))
                await rules.dma_write_at(dut, dt_now() + 1, f, a)
        await hyp.wait_quiesced()

    async def aw_stream(self):
        hyp, dut = self.hyp, self.dut
        r = rng("aw_stream")
        while True:
            f = r.randrange(hyp.model.num_functions)
            cfg = hyp.model.funcs[f]
            a = cfg.base + r.randrange(-2, hyp.model.limit(f) + 2) * (1 << dt.page_shift(cfg.page_code))
            await rules.dma_write_at(dut, dt_now() + 1, f, max(a, 0), length=r.randrange(4), size=3)


class ResetInFlight(BaseTest):
    """A reset (a pulse between two edges, and one over several edges) in every clock of one DMA
    write's trip through the block (address pipeline S0..S6, mark queue, RMW pipeline), for each
    kind of write: logged and marking one word, logged across a word boundary (two RMW slots),
    logged but entirely below the region (no mark), logging off, function >= NumFunctions. The
    write is forgotten ("Reset": everything in flight is forgotten), and nothing of it is left
    behind: once STATUS.init_done reads 1, STATUS.quiesced reads 1, writes flow again (a new logged
    write is accepted at once) and the bitmap holds exactly that write's mark (golden model)."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        hyp, dut = self.hyp, self.dut
        f, base, pages = 1, 0x3_0000_0000, 64
        kinds = {  # (function, address, AWLEN, AWSIZE)
            "mark": (f, base + 5 * 0x1000, 0, 0),
            "two_words": (f, base + 32 * 0x1000 - 8, 1, 3),  # pages 31 and 32: words 0 and 1
            "outside": (f, base - 2 * 0x1000, 0, 0),
            "logging_off": (0, base, 0, 0),  # function 0 is not logging
            "bad_function": (hyp.model.num_functions, base, 0, 0),
        }
        for pulse in ("between", "long"):
            for kind, (wf, addr, ln, sz) in kinds.items():
                for d in range(11):
                    await hyp.configure(f, base, pages, 0)
                    await hyp.set_logging(f, True)
                    a = await rules.dma_write_at(dut, dt_now() + 1, wf, addr, length=ln, size=sz)
                    await ClockCycles(dut.clk_i, d)
                    await rules.reset_pulse(self.env, pulse, self.rng)  # asserted after edge a + d + 1
                    rules.idle_pins(dut)
                    await hyp.start()
                    await self.check_after(f, base, pages, f"reset ({pulse}) {d + 1} clocks after the "
                                           f"handshake (edge {a}) of a '{kind}' write")

    async def check_after(self, f: int, base: int, pages: int, what: str) -> None:
        hyp, dut = self.hyp, self.dut
        st = await hyp.read_ok(dt.STATUS)
        assert st & dt.STATUS_QUIESCED, f"{what}: STATUS = 0x{st:x} after init_done, quiesced expected"
        await hyp.configure(f, base, pages, 0)
        await hyp.set_logging(f, True)
        pm = DirtyTrackModel(hyp.model.num_functions, hyp.model.pages_per_func)
        pm.funcs[f] = type(pm.funcs[f])(**vars(hyp.model.funcs[f]))
        addr = base + 7 * 0x1000
        task = cocotb.start_soon(rules.dma_write_at(dut, dt_now() + 1, f, addr))
        await ClockCycles(dut.clk_i, 8)
        if not task.done():
            task.cancel()
            rules.idle_pins(dut)
            raise AssertionError(f"{what}: a logged write was not accepted within 8 clocks (AWREADY low)")
        pm.dma_write(f, addr, 0, 0, dt.BURST_INCR)
        await hyp.wait_quiesced(limit=20)
        for w in range(hyp.words_in_use(f)):
            got, want = await hyp.report_word(f, w), pm.report(f, w)
            assert got == want, f"{what}: word {w} = 0x{got:08x}, model 0x{want:08x}"
        await hyp.set_logging(f, False)


class CounterLimits(BaseTest):
    """Every saturating counter preloaded by software just below all ones, then events: it reaches
    0xFFFFFFFF and stays there. Software writes with full and partial byte strobes racing an event
    (swept over a window of clocks): the event counts on top of the written value (byte-merged),
    saturating; an event before the write's clock is overwritten where bytes are written."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
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
            await rules.raw_write(hyp, cnt, 0xFFFF_FFFD)
            pm.reg_write(cnt, 0xFFFF_FFFD)
            for _ in range(6):
                if event == "bad":
                    await rules.dma_write_at(dut, dt_now() + 1, bad, 0x3000)
                    pm.dma_write(bad, 0x3000, 0, 0, dt.BURST_INCR)
                elif event == "oor":
                    await rules.dma_write_at(dut, dt_now() + 1, f, below)
                    pm.dma_write(f, below, 0, 0, dt.BURST_INCR)
                else:
                    await rules.raw_read(hyp, dt.ID, func=2)
                    pm.reg_read(dt.ID, func=2)
                await ClockCycles(dut.clk_i, 12)
                _, got, resp = await rules.raw_read(hyp, cnt)
                want, _ = pm.reg_read(cnt)
                assert (got, resp) == (want, dt.OKAY), f"0x{cnt:03x} = 0x{got:08x}, model 0x{want:08x}"
            assert got == dt.MASK32
        # software writes racing events, full and partial strobes, near and at saturation
        writes = [(0xFFFF_FFFF, 0xF), (0xFFFF_FFFE, 0xF), (0x0000_0000, 0x1), (0x1234_5678, 0x6),
                  (0x0000_0000, 0x8), (0xFFFF_FFFF, 0x0)]
        for preload in (0xFFFF_FFFD, 0x0000_00FF):
            same = await rules.race_sweep(
                self, oc, writes, f, below, rules.OOR_ACT, rules.CNT_ACT, range(-8, 0),
                preload=[(oc, preload)], check=[oc])
            assert same == len(writes)
            same = await rules.race_sweep(
                self, dt.BAD_FUNC_CNT, writes, bad, 0x3000, rules.BAD_FUNC_ACT, rules.CNT_ACT, range(-1, 4),
                preload=[(dt.BAD_FUNC_CNT, preload)], check=[dt.BAD_FUNC_CNT])
            assert same == len(writes)


class RegionBoundaries(BaseTest):
    """Every range check at its limit, limit - 1 and limit + 1: for page-size codes 0, 1, 8, 9 and
    10..15 (acting as 9), PAGES 0, 1, 31, 32, 33, PagesPerFunc - 1, PagesPerFunc, PagesPerFunc + 1
    and 0xFFFFFFFF (clamped): writes whose last byte is the region's last byte, one byte more,
    starting at the limit, at BASE, one byte below BASE, entirely below BASE; pages and words
    around the limit. Each phase quiesced, then every word of the function and OOR_CNT / ERR.oor
    compared with the model exactly."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
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
                    await rules.dma_write_at(dut, dt_now() + 1, f, a, length=ln, size=sz)
                    pm.dma_write(f, a, ln, sz, dt.BURST_INCR)
                await hyp.wait_quiesced()
                for w in range(hyp.model.words_per_func):
                    got = await hyp.report_word(f, w)
                    want = pm.report(f, w)
                    assert got == want, (f"code {code} pages {pages}: word {w} = 0x{got:08x}, "
                                         f"model 0x{want:08x}")
                for reg in (dt.OOR_CNT, dt.FERR):
                    _, got, _ = await rules.raw_read(hyp, func_reg(f, reg))
                    want, _ = pm.reg_read(func_reg(f, reg))
                    assert got == want, f"code {code} pages {pages}: FUNC+0x{reg:x} = {got}, model {want}"


# ============================================================================ benchmarks


def handshake_span(seq) -> int:
    ts = [it.t for it in seq.items]
    return max(ts) - min(ts) + 1


class BenchWriteThroughput(BaseTest):
    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        seq = await self.traffic(funcs, n=10000, mode="single", idle=False, reports=False)
        tput = len(seq.items) / handshake_span(seq)
        bench.record("write_throughput_per_clk", round(tput, 4), self.logger)
        assert tput >= 0.99, f"write throughput {tput:.4f} per clock < 0.99"
        await self.finish()


class BenchCrossingThroughput(BaseTest):
    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        seq = await self.traffic(funcs, n=2000, mode="cross", idle=False, reports=False)
        tput = len(seq.items) / handshake_span(seq)
        bench.record("crossing_write_throughput_per_clk", round(tput, 4), self.logger)
        await self.finish()


class BenchReportReads(BaseTest):
    """The driver's report of one function's whole bitmap (quiesce, every word, OOR_CNT, ERR) costs
    at most bitmap words + 8 register reads."""

    async def scenario(self):
        hyp = self.hyp
        await hyp.configure(0, 0x80_0000_0000, hyp.model.pages_per_func, 0)
        await hyp.set_logging(0, True)
        await self.traffic([0], n=1500, reports=False)
        await hyp.set_logging(0, False)
        before = hyp.reads
        await hyp.wait_quiesced()
        hyp.final = True
        await hyp.report_function(0)
        hyp.final = False
        await hyp.read_ok(func_reg(0, dt.OOR_CNT))
        await hyp.read_ok(func_reg(0, dt.FERR))
        reads = hyp.reads - before
        words = hyp.model.words_per_func
        bench.record("report_reads_per_function", reads, self.logger)
        assert reads <= words + 8, f"{reads} register reads for {words} bitmap words"
        await self.finish()
