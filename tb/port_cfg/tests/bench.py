"""Benchmarks in clock cycles: commit latency, filter throughput and latency."""

from __future__ import annotations

from cocotb.triggers import ClockCycles

from tb.common import bench, seed
from tb.port_cfg.env import cfg_gen
from tb.port_cfg.env.sequences import DirectedSeq

from .base import PortCfgTest


class BenchTest(PortCfgTest):
    """commit_latency_clk, filter_throughput_per_clk, filter_latency_clk."""

    knobs = {"density": 1.0}

    async def body(self):
        clk = self.env.clk
        n = self.info.num_lanes
        rng = seed.rng("bench")
        cfgs = [cfg_gen.random_valid(rng, n, self.info.num_vssbs) for _ in range(4)]
        seq = DirectedSeq("seq", cfgs)
        await seq.start(self.env.cfg_seqr)
        commit_latency = max(st.latency_clk for st in seq.statuses)
        sb = self.env.scoreboard
        await ClockCycles(clk, 5)
        start_checked = sb.filter_checked
        clocks = 1000
        await ClockCycles(clk, clocks)
        throughput = (sb.filter_checked - start_checked) / clocks
        bench.record("commit_latency_clk", commit_latency, self.logger)
        bench.record("filter_throughput_per_clk", throughput, self.logger)
        bench.record("filter_latency_clk", max(sb.filter_latencies), self.logger)
        assert commit_latency <= n // 4 + 4, f"commit latency {commit_latency} > {n // 4 + 4}"
        assert throughput >= 0.99, f"filter throughput {throughput} < 0.99"
        assert sb.filter_latencies == {1}, f"filter latencies {sb.filter_latencies}"
