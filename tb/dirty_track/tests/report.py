"""Report by DMA (docs/dirty_track.md "Report by DMA"): exactness while DMA writes keep marking,
collisions with marks and with register report-and-clear, bad arguments, bus errors, a start while
busy, reset in the middle of a report, and the negative test of the report scoreboard.

Every report goes through Hypervisor.dma_report: status, bursts, strobes and bytes against the
golden model, every word judged by the dirty-page scoreboard like a register report."""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, Event, ReadOnly, RisingEdge
from pyuvm import uvm_sequence

from models import dirty_track as dt
from tb.common.base import cycle
from tb.common.scoreboard import ScoreboardError
from tb.dirty_track.env import reg_rules
from tb.dirty_track.env.items import AwItem, ReportEvent

from .base import DirtyTrackTest


class ListSeq(uvm_sequence):
    """The given DMA writes, in order, back to back."""

    def __init__(self, items):
        super().__init__("list")
        self.items = items

    async def body(self):
        for item in self.items:
            await self.start_item(item)
            await self.finish_item(item)


class ReportTest(DirtyTrackTest):
    async def mark_all(self, f: int, base: int, words: int):
        """Every page of words 0..words-1 of f (4 KiB pages at base): 32 KiB INCR writes, 8 pages each."""
        items = [AwItem(addr=base + 0x8000 * i, length=255, size=7, burst=dt.BURST_INCR, func=f)
                 for i in range(4 * words)]
        await ListSeq(items).start(self.env.agent.seqr)

    async def final_dma_sweep(self, funcs):
        """Quiesce, then every function's whole bitmap by DMA (exact: the final sweep), then the
        usual finish (register reads of whatever may still be pending, which must be clear)."""
        hyp = self.hyp
        await hyp.wait_quiesced()
        hyp.final = True
        for f in funcs:
            await hyp.dma_report_function(f)
        hyp.final = False
        await self.finish()


class DmaReportTraffic(ReportTest):
    """All functions logging, random traffic with idle cycles and AW back-pressure; the hypervisor
    reports by DMA (random function, even first word, 1..whole-bitmap words, buffers across 4 KiB
    boundaries) and by register reads in the same run, with random register traffic, and the host
    memory stalls AWREADY / WREADY / BVALID at random. Final sweep by DMA after quiesce (exact)."""

    knobs = dict(dma_report_prob=0.5, mem_stall=0.3, report_gap=(0, 10), toggle_prob=0.0)

    async def body(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs, max_pages=10**6)
        await self.traffic(funcs)
        await self.final_dma_sweep(funcs)


class DmaReportCollision(ReportTest):
    """Writes at full rate into a few bitmap words of one function while the hypervisor reports
    exactly those words by DMA back to back (memory always ready): report pairs meet marks of their
    words in the same clock and in adjacent RMW stages (forwarding into the report, a mark right
    behind it); another run with the memory stalling."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0, same_word_prob=1.0, toggle_prob=0.0)

    async def body(self):
        hyp = self.hyp
        await hyp.configure(0, 0x4000_0000, 256, 0)
        await hyp.set_logging(0, True)
        for stall in (0.0, 0.4):
            hyp.host.stall = stall
            done = Event()

            async def hammer(done=done):
                i = 0
                while not done.is_set():
                    await hyp.dma_report(0, 0, [1, 2, 3, 8][i % 4], 0x1000 * (i % 3) + 0x0FF8 * (i % 2))
                    i += 1

            task = cocotb.start_soon(hammer())
            await self.traffic([0], n=600, mode="same_word", idle=False, reports=False)
            done.set()
            await task
        await self.final_dma_sweep([0])


class DmaReportRegisterRace(ReportTest):
    """A report by DMA and register report-and-clear reads of the same words at the same time (no
    DMA traffic, every bit of the words set): each word's bits go to exactly one of them (the DMA
    report's copy and the register read's are disjoint and together give the whole word); then the
    words read 0 both ways."""

    async def body(self):
        hyp, m = self.hyp, self.hyp.model
        wpf = m.words_per_func
        await hyp.configure(1, 0x2_0000_0000, m.pages_per_func, 0)
        await hyp.set_logging(1, True)
        await self.mark_all(1, 0x2_0000_0000, wpf)
        await hyp.wait_quiesced()
        await hyp.set_logging(1, False)
        full = dt.MASK32
        for trial in range(4):
            words = list(range(wpf)) if trial else [2, 3]
            reg_got: dict[int, int] = {}

            async def reader(words=words, reg_got=reg_got):
                for w in self.rng.sample(words, min(len(words), 6)):
                    await ClockCycles(self.dut.clk_i, self.rng.randint(0, 3))
                    v, resp = await hyp.regs.read(m.bitmap_addr(1, w))
                    assert resp == dt.OKAY
                    reg_got[w] = (v, cycle())

            host = hyp.host
            host.clear()
            await hyp.dma_args(1, words[0], len(words), 0x10_0000)
            t0 = cycle()
            task = cocotb.start_soon(reader())
            await hyp.write_ok(dt.REPORT_CTRL, 1)
            st = await hyp.wait_report_done()
            await task
            assert st == dt.RS_DONE, f"REPORT_STATUS 0x{st:x}"
            for i, w in enumerate(words):
                dv = host.word(0x10_0000 + 4 * i)
                rv, rt = reg_got.get(w, (0, None))
                want = full
                if dv & rv or (dv | rv) != want:
                    raise ScoreboardError(f"word {w}: DMA report 0x{dv:08x} and register read 0x{rv:08x} are not "
                                          f"a split of 0x{want:08x}")
                # publish in the DUT's order: whichever got the bits came first
                evs = [ReportEvent(t0, host.byte_time[0x10_0000 + 4 * i], 1, w, dv, False, dma=True)]
                if rt is not None:
                    evs.append(ReportEvent(t0, rt, 1, w, rv, False))
                    if rv:
                        evs.reverse()
                for ev in evs:
                    hyp.ap.write(ev)
            self.cov_split(reg_got)
            # mark everything again for the next trial
            await hyp.set_logging(1, True)
            await self.mark_all(1, 0x2_0000_0000, wpf)
            await hyp.wait_quiesced()
            await hyp.set_logging(1, False)
        await self.final_dma_sweep([1])

    def cov_split(self, reg_got):
        self.env.cov.on_split(any(v for v, _ in reg_got.values()), any(v == 0 for v, _ in reg_got.values()))


class DmaReportBadArgs(ReportTest):
    """Every way the arguments can be bad (function >= NumFunctions, odd FIRST, WORDS = 0, past the
    function's bitmap, misaligned buffer, a buffer past the end of the address space): STATUS =
    done | err_args, nothing written to memory, nothing cleared (the marks are found by the final
    sweep); REPORT_CTRL written 0 or with its byte strobe off starts nothing; a good start afterwards
    clears err_args."""

    async def body(self):
        hyp, m = self.hyp, self.hyp.model
        wpf, nf = m.words_per_func, m.num_functions
        await hyp.configure(0, 0x1000_0000, m.pages_per_func, 0)
        await hyp.set_logging(0, True)
        await self.traffic([0], n=300, reports=False)
        await hyp.wait_quiesced()
        bad = [(0, nf, 0, 4), (0, 0xFF, 0, 4), (0, 0, 1, 4), (0, 0, 0, 0), (0, 0, wpf - 2, 3),
               (0, 0, 0, wpf + 1), (0, 0, 2, 0xFFFF_FFFF), (4, 0, 0, 4), (0x1001, 0, 0, 2),
               ((1 << 64) - 8, 0, 0, 4)]
        for addr, f, first, words in bad:
            st = await hyp.dma_report(f, first, words, addr)
            assert st == dt.RS_DONE | dt.RS_ERR_ARGS
            await ClockCycles(self.dut.clk_i, 20)
            assert not hyp.host.bursts, "a refused report started a burst"
        # start written 0, or 1 with its byte strobe off: no report (status unchanged)
        for value, strb in ((0, 0xF), (1, 0xE), (0xFFFF_FFFE, 0xF)):
            hyp.host.clear()
            await hyp.regs.write(dt.REPORT_CTRL, value, strb=strb)
            await ClockCycles(self.dut.clk_i, 20)
            st = await hyp.read_ok(dt.REPORT_STATUS)
            assert st == dt.RS_DONE | dt.RS_ERR_ARGS and not hyp.host.bursts, f"status 0x{st:x}"
        # a good start clears err_args; a buffer ending exactly at the end of the address space is good
        await hyp.dma_report(0, wpf - 2, 2, (1 << 64) - 8)
        await self.finish(full_sweep=False)


class DmaReportBusError(ReportTest):
    """The host memory answers SLVERR (and, in another run, DECERR) to one burst of a report: STATUS =
    done | err_bus only after every B response; the report still read and cleared every word of the
    range (the documented contract: the hypervisor treats the whole range as dirty), so register
    reads of the range find them clear; the next good report clears err_bus."""

    knobs = dict(mem_stall=0.2)

    async def body(self):
        hyp, m = self.hyp, self.hyp.model
        wpf = m.words_per_func
        await hyp.configure(0, 0x1000_0000, m.pages_per_func, 0)
        for bresp, which in ((2, 0), (3, -1), (2, 1)):
            await hyp.set_logging(0, True)
            await self.traffic([0], n=300, reports=False)
            await hyp.set_logging(0, False)
            await hyp.wait_quiesced()
            n = len(dt.report_bursts(0x7000, wpf))
            idx = which % n
            hyp.host.bresp_fn = lambda i, idx=idx, bresp=bresp: bresp if i == idx else 0
            await hyp.dma_report(0, 0, wpf, 0x7000, bus_error=True)
            hyp.host.bresp_fn = lambda i: 0
            for w in range(wpf):
                assert await hyp.report_word(0, w) == 0, f"word {w} not cleared by the failed report"
        await hyp.dma_report(0, 0, 2, 0x9000)  # clears err_bus
        await self.finish()


class DmaReportStartBusy(ReportTest):
    """A start written while a report runs (the host memory holds AWREADY / WREADY / BVALID low
    meanwhile, so it cannot finish) is ignored: the running report is unchanged (exactly its own
    bursts and words), its status ends done without errors, and the words the second start named
    are not touched (the final sweep still finds their marks)."""

    knobs = dict(mem_stall=0.3)

    async def body(self):
        hyp, m = self.hyp, self.hyp.model
        wpf = m.words_per_func
        funcs = self.all_funcs()[:2]
        for f in funcs:
            await hyp.configure(f, 0x1000_0000 * (f + 1), m.pages_per_func, 0)
            await hyp.set_logging(f, True)
        await self.traffic(funcs, n=400, reports=False)
        await hyp.wait_quiesced()
        for first_stall in (1.0, 0.0):  # held from the start, or after some beats went through
            async def during():
                await ClockCycles(self.dut.clk_i, 4)
                hyp.host.stall = 1.0
                st = await hyp.read_ok(dt.REPORT_STATUS)
                assert st == dt.RS_BUSY, f"REPORT_STATUS 0x{st:x} while running, expected busy only"
                # other arguments, then start: ignored (the engine took its arguments at its start)
                await hyp.regs.write(dt.REPORT_FUNC, 1)
                await hyp.regs.write(dt.REPORT_FIRST, 2)
                await hyp.regs.write(dt.REPORT_WORDS, 2)
                await hyp.regs.write(dt.REPORT_CTRL, 1)
                await ClockCycles(self.dut.clk_i, 10)
                st = await hyp.read_ok(dt.REPORT_STATUS)
                assert st == dt.RS_BUSY, f"REPORT_STATUS 0x{st:x} after a start while busy, expected busy only"
                await hyp.dma_args(0, 0, wpf, 0x3000)  # the hypervisor's copy and the DUT agree again
                hyp.host.stall = 0.3
                return True

            hyp.host.stall = first_stall
            await hyp.dma_report(0, 0, wpf, 0x3000, during=during)
        await self.final_dma_sweep(funcs)


class DmaReportReset(ReportTest):
    """Reset in the middle of a report (memory stalling; after a random number of clocks, AW, W or B
    in flight; a pulse between two clock edges, one over several edges, one of 1 or 3 clocks):
    everything is forgotten: REPORT_* registers read their reset values (0), the master
    offers nothing, words not yet reported may have been cleared (as any report in flight at a reset,
    the bitmap is cleared by the reset anyway); afterwards a report works exactly."""

    knobs = dict(mem_stall=0.5)

    async def body(self):
        hyp, m, env = self.hyp, self.hyp.model, self.env
        wpf = m.words_per_func
        for trial in range(6):
            await hyp.configure(0, 0x1000_0000, m.pages_per_func, 0)
            await hyp.set_logging(0, True)
            await self.traffic([0], n=200, reports=False)
            await hyp.wait_quiesced()
            await hyp.dma_args(0, 0, wpf, 0x5000 + 0x0FF0 * (trial % 2))
            hyp.host.clear()
            await hyp.write_ok(dt.REPORT_CTRL, 1)
            await ClockCycles(self.dut.clk_i, self.rng.randint(1, 12 * wpf // 8))
            kind = ["between", "long", "clocks"][trial % 3]
            self.logger.info(f"reset {trial} ({kind}): {len(hyp.host.bursts)} bursts taken so far")
            if kind == "clocks":
                await env.reset(self.rng.choice([1, 3]))
            else:
                await reg_rules.reset_pulse(env, kind, self.rng)
            await hyp.start()
            for sig in ("m_axi_rep_awvalid", "m_axi_rep_wvalid"):
                assert not int(getattr(self.dut, sig).value), f"{sig} high after reset"
            for reg in dt.REPORT_ARGS + (dt.REPORT_STATUS, dt.REPORT_CTRL):
                await hyp.read(reg)  # checked by the register scoreboard: reset values
        await hyp.configure(0, 0x1000_0000, m.pages_per_func, 0)
        await hyp.set_logging(0, True)
        await self.traffic([0], n=200, reports=False)
        await self.final_dma_sweep([0])


class NegativeDmaReportWord(ReportTest):
    """The hypervisor hands the scoreboard one DMA-reported word of the final sweep with a page
    missing (VIRTIP_INJECT): the dirty-page scoreboard must report a lost page."""

    knobs = dict(n_writes=400, inject_dma_wrong=True, dma_report_prob=0.3)

    async def body(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs, max_pages=10**6)
        await self.traffic(funcs)
        await self.final_dma_sweep(funcs)


async def watch_done(dut, out: dict):
    """Edges at which report_done_o rises (after the START write acted)."""
    prev = int(dut.report_done_o.value)
    while True:
        await RisingEdge(dut.clk_i)
        await ReadOnly()
        v = int(dut.report_done_o.value)
        if v and not prev:
            out.setdefault("rise", cycle())
        prev = v
