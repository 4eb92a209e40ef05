"""Benchmarks in clock cycles (tb.common.bench.record): write throughput, page-crossing write
throughput, register reads of one function's report."""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, RisingEdge

from models import dirty_track as dt
from models.dirty_track import func_reg
from tb.common import bench
from tb.dirty_track.env.items import ReportEvent
from tb.dirty_track.env.sequences import TrafficSeq

from .base import DirtyTrackTest
from .report import watch_done


def handshake_span(seq) -> int:
    ts = [it.t for it in seq.items]
    return max(ts) - min(ts) + 1


class BenchWriteThroughput(DirtyTrackTest):
    """write_throughput_per_clk: 10000 one-page writes, no idle, no back-pressure, every function
    logging: AW handshakes per clock over their span (target >= 0.99)."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        seq = await self.traffic(funcs, n=10000, mode="single", idle=False, reports=False)
        tput = len(seq.items) / handshake_span(seq)
        bench.record("write_throughput_per_clk", round(tput, 4), self.logger)
        assert tput >= 0.99, f"write throughput {tput:.4f} per clock < 0.99"
        await self.finish()


class BenchCrossingThroughput(DirtyTrackTest):
    """crossing_write_throughput_per_clk: 2000 writes that each cross a page boundary (two marks,
    sometimes in two words), no idle, no back-pressure: AW handshakes per clock over their span."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        seq = await self.traffic(funcs, n=2000, mode="cross", idle=False, reports=False)
        tput = len(seq.items) / handshake_span(seq)
        bench.record("crossing_write_throughput_per_clk", round(tput, 4), self.logger)
        await self.finish()


class BenchReportReads(DirtyTrackTest):
    """The driver's report of one function's whole bitmap (quiesce, every word, OOR_CNT, ERR) costs
    at most bitmap words + 8 register reads."""

    async def body(self):
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


class BenchReportDma(DirtyTrackTest):
    """report_pages_per_clk: one function's whole bitmap reported by DMA (memory always ready, no
    concurrent DMA writes): bitmap pages over the clocks from the edge at which the START write acts
    to the edge at which report_done_o rises (target >= 56; 64 is the limit of a 64-bit port).
    report_pages_per_clk_with_marks: the same while single-page DMA writes of the other functions
    stream at full rate (marks and the report take turns in the RMW pipeline)."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0, mem_stall=0.0)

    async def measure(self, f: int, addr: int) -> float:
        hyp, dut = self.hyp, self.dut
        wpf = hyp.model.words_per_func
        await hyp.dma_args(f, 0, wpf, addr)
        await hyp.wait_quiesced() if not self.concurrent else None
        out: dict = {}
        watcher = cocotb.start_soon(watch_done(dut, out))
        edge, resp = await hyp.regs.pin_write(dt.REPORT_CTRL, 1)
        assert resp == dt.OKAY
        hyp.model.reg_write(dt.REPORT_CTRL, 1)
        while "rise" not in out:
            await RisingEdge(dut.clk_i)
        watcher.cancel()
        clocks = out["rise"] - (edge + 1)  # the write acts at the edge after its handshake
        pages = wpf * dt.WORD_BITS
        self.logger.info(f"report by DMA: {pages} pages in {clocks} clocks")
        # the words themselves: checked like any report (status, bursts, bytes, scoreboard)
        return pages / clocks

    async def body(self):
        hyp = self.hyp
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        await hyp.configure(0, 0x80_0000_0000, hyp.model.pages_per_func, 0)
        self.concurrent = False
        await self.traffic([0], n=1000, reports=False)
        hyp.host.clear()
        ppc = await self.measure(0, 0x4000_0000)
        bench.record("report_pages_per_clk", round(ppc, 2), self.logger)
        await self.check_last(0, 0x4000_0000)
        # with concurrent marks of the other functions
        self.concurrent = True
        others = funcs[1:]
        seq = TrafficSeq(n=3000, mode="single", funcs=others, idle=False, stream="bench_marks")
        task = cocotb.start_soon(seq.start(self.env.agent.seqr))
        await ClockCycles(self.dut.clk_i, 50)
        hyp.host.clear()
        ppc2 = await self.measure(0, 0x5000_0000)
        bench.record("report_pages_per_clk_with_marks", round(ppc2, 2), self.logger)
        await self.check_last(0, 0x5000_0000)
        await task
        assert ppc >= 56, f"report by DMA: {ppc:.2f} pages per clock < 56"
        await self.finish()

    async def check_last(self, f: int, addr: int) -> None:
        """The measured report, checked as Hypervisor.dma_report checks every report."""
        hyp, host = self.hyp, self.hyp.host
        wpf = hyp.model.words_per_func
        st = await hyp.read_ok(dt.REPORT_STATUS)
        assert st == dt.RS_DONE, f"REPORT_STATUS 0x{st:x}"
        assert [(b.addr, b.beats) for b in host.bursts] == dt.report_bursts(addr, wpf)
        assert set(host.mem) == set(range(addr, addr + 4 * wpf))
        for i in range(wpf):
            a = addr + 4 * i
            hyp.ap.write(ReportEvent(0, host.byte_time[a], f, i, host.word(a), False, dma=True))
