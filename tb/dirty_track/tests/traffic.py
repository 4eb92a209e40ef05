"""Random and directed DMA traffic with concurrent report-and-clear: the mix, full rate, the small
bitmap, quiesce, report/mark collisions, pipelined reports, flag toggles, every page size."""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, Event

from models import dirty_track as dt
from tb.common import soak
from tb.common.seed import rng

from .base import DirtyTrackTest


class RandomTraffic(DirtyTrackTest):
    """All functions logging, random mixed traffic with idle cycles and back-pressure (the register
    port's too), report-and-clear, flag toggles and random register traffic (reads of every
    register, counter writes with full and partial strobes, write-1-to-clear masks, VF accesses)
    running concurrently; final quiesced sweep."""

    knobs = dict(reg_backpressure=0.3)

    async def body(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        n = soak.txns(self.cfg.n_writes)  # TXNS: the soak's count (tb/common/soak.py)
        soak.begin(n, self.logger)
        await self.traffic(funcs, n=n, keep_items=False)
        await self.finish()


class RandomTrafficFullRate(RandomTraffic):
    """RandomTraffic with no idle cycles at the source and no back-pressure downstream or on the
    register port: a write every clock the block takes one."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0, reg_backpressure=0.0)


class RandomSmall(DirtyTrackTest):
    """Small bitmap (config small): regions cover the whole bitmap, more toggles, full sweeps."""

    knobs = dict(toggle_prob=0.06, oor_prob=0.1, reg_backpressure=0.2)

    async def body(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs, max_pages=10**6)
        await self.traffic(funcs)
        await self.finish(full_sweep=True)


class Quiesce(DirtyTrackTest):
    """STATUS.quiesced is 0 while accepted writes are in flight and 1 once all are logged; after it
    reads 1, a report contains every write accepted before (exact final check)."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
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


class ClearCollision(DirtyTrackTest):
    """Back-to-back writes into one bitmap word while the hypervisor reads (and clears) that same
    word back to back: reports collide with marks in the same clock and in adjacent RMW stages."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0, same_word_prob=1.0)

    async def body(self):
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


class PipelinedReports(DirtyTrackTest):
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

    async def body(self):
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


class FlagToggle(DirtyTrackTest):
    """One function's flag toggled repeatedly mid-traffic; the others log undisturbed."""

    knobs = dict(toggle_prob=0.0)

    async def body(self):
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


class PageSizes(DirtyTrackTest):
    """Every page size 4 KiB .. 2 MiB: reconfigure (logging off, drained), traffic with crossing
    writes, quiesce, full sweep."""

    knobs = dict(cross_prob=0.3)

    async def body(self):
        hyp, funcs = self.hyp, self.all_funcs()
        for code in range(dt.NUM_PAGE_SIZES):
            shift = dt.page_shift(code)
            for f in funcs:
                base = self.rng.randrange(1 << (33 - shift), 1 << (44 - shift)) << shift
                await hyp.configure(f, base, self.rng.randint(64, hyp.model.pages_per_func), code)
                await hyp.set_logging(f, True)
            await self.traffic(funcs, n=120, stream=f"traffic{code}")
            await self.finish(full_sweep=True)
