"""Benchmarks in clock cycles (tb.common.bench.record): write throughput, page-crossing write
throughput, register reads of one function's report."""

from __future__ import annotations

from models import dirty_track as dt
from models.dirty_track import func_reg
from tb.common import bench

from .base import DirtyTrackTest


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
