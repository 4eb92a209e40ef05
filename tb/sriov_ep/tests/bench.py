"""Benchmarks in clock cycles (docs/sriov_ep.md "Measured figures"), recorded with tb.common.bench.

- `dma_beats_per_clk`: W beats on the host port per clock, descriptors of 64 B, 256 B, 1 KiB and
  4 KiB sent back to back, every translation hitting (the pages used are translated once first),
  memory always ready, no back-pressure: the smallest of the four (each is recorded too). With
  misses (descriptors spread over every page of three functions, so most pieces miss the CLAT
  cache): `dma_beats_per_clk_misses`.
- Migration convergence: pre-copy rounds and downtime pages against the VF's DMA write rate, a few
  runs per rate (the DUT is reset between runs), `mismatched_bytes` summed over every run (must be
  0), written under `convergence` and drawn as a PNG by tools/plot_bench.py.
"""

from __future__ import annotations

from models import bat_clat as bc
from tb.common import bench
from tb.common.base import cycle
from tb.sriov_ep.env.hypervisor_agent import bat
from tb.sriov_ep.env.world import PAGE

from .base import SepTest
from .migration import LiveMigrationBase

SIZES = (64, 256, 1024, 4096)


class BenchDmaThroughput(SepTest):
    """W beats per clock on the host port for back-to-back descriptors of 64 B .. 4 KiB with every
    translation hitting, and with misses; every descriptor also checked by the scoreboard."""

    knobs = dict(desc_idle=0.0, data_idle=0.0, cpl_backpressure=0.0, mem_stall=0.0, funcs=(1, 2, 3))

    async def run_batch(self, items) -> float:
        env = self.env
        await self.wait_completed()
        env.wmon.reset_counts()
        n_aw = len(env.wmon.aws)
        await self.send(items)
        await self.wait_completed()
        w = env.wmon
        # the beat count is the bursts' own (AWLEN + 1 each): the monitor counts what was written
        want = sum(aw[4] + 1 for aw in w.aws[n_aw:])
        env.sb.expect(w.beats == want, f"W beats counted {w.beats}, the batch's bursts have {want}")
        return w.beats / max(1, w.last_beat - w.first_beat + 1)

    def hot_pages(self, f: int, n: int) -> list[tuple[int, int]]:
        """n (service, page offset) pairs of function f: few enough to stay in the CLAT cache."""
        out = []
        for s in (1, 2):
            for p in range(n // 2):
                out.append((s, p * PAGE))
        return out

    async def body(self):
        fac, f = self.env.factory, self.cfg.funcs[0]
        hot = self.hot_pages(f, 16)
        # warm: one descriptor per hot page
        await self.run_batch([fac.make_at(f, s, off, 8) for s, off in hot])
        worst = None
        for size in SIZES:
            items = []
            for i in range(max(16, 32768 // size)):
                s, off = hot[i % len(hot)]
                items.append(fac.make_at(f, s, off + (i * size) % PAGE if size < PAGE else off, size))
            bpc = await self.run_batch(items)
            bench.record(f"dma_beats_per_clk_{size}B", round(bpc, 4), self.logger)
            worst = bpc if worst is None else min(worst, bpc)
        bench.record("dma_beats_per_clk", round(worst, 4), self.logger)
        items = [fac.make(self.rng.choice(self.cfg.funcs), "ok", length=self.rng.choice(SIZES)) for _ in range(120)]
        misses0 = await self.env.regs.read_ok(bat(bc.REG_MISS_CNT))
        bpc = await self.run_batch(items)
        misses = await self.env.regs.read_ok(bat(bc.REG_MISS_CNT)) - misses0
        bench.record("dma_beats_per_clk_misses", round(bpc, 4), self.logger)
        bench.record("dma_misses_in_miss_batch", misses, self.logger)
        # report by DMA of a whole function's bitmap through the subsystem (no DMA meanwhile): pages per
        # clock from the start register's response to the last report beat on the host port
        words = self.env.block_pages_per_func // 32
        await self.env.hyp.start_logging(f)
        self.env.wmon.reset_counts()
        await self.env.hyp.report(f, words)
        t_start = self.env.hyp.last_report[0]
        bench.record("report_pages_per_clk", round(32 * words / (self.env.wmon.last_beat - t_start + 1), 2), self.logger)
        self.logger.info("bench done at cycle %d", cycle())


class BenchConvergence(LiveMigrationBase):
    """Pre-copy rounds and downtime pages against the VF's DMA write rate (bytes per clock), two runs
    per rate, the subsystem reset between runs; zero mismatched bytes over all of them."""

    knobs = dict(funcs=(1, 2), rates=(0.5, 1.0, 2.0, 4.0, 6.0), runs=2)

    async def body(self):
        x = self.cfg.extra
        rows, mismatched = [], 0
        vf, others = self.cfg.funcs[0], tuple(self.cfg.funcs[1:])
        for rate in x.get("rates", (0.5, 1.0, 2.0, 4.0, 6.0)):
            for run in range(int(x.get("runs", 2))):
                if rows:
                    await self.env.reset(2)
                    self.env.hyp.stop_mask = 0
                x["rate"] = rate
                m = await self.migrate(vf, others)
                self.judge(m, vf)
                mismatched += m.mismatched_bytes
                rows.append(dict(rate=rate, run=run, rounds=len(m.rounds) - 1, downtime_pages=m.downtime_pages,
                                 copied_pages=m.copied_pages, clocks=m.clocks))
                self.logger.info("convergence: %s", rows[-1])
        bench.record("mismatched_bytes", mismatched, self.logger)
        bench.record("convergence", rows, self.logger)
