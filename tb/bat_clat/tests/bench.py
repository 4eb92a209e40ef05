"""Benchmarks in clock cycles: hit latency and throughput, miss latency, hits under misses, hits
with a stuck neighbour (tb.common.bench.record)."""

from __future__ import annotations

from models.bat_clat import (
    SCOPE_ALL,
    Status,
)
from tb.bat_clat.env.sequences import FixedSeq
from tb.common import bench

from .base import BatClatTest
from .miss_limit import StuckNeighbour


class BenchHitsTest(BatClatTest):
    """hit_latency_clk (request handshake to response handshake, worst of 32 single hits) and
    hit_throughput_per_clk (10,000 back-to-back hits, no back-pressure)."""

    hits = 10_000  # back-to-back hits of the throughput figure

    async def body(self):
        fn = await self.vm.setup(1, ["ok", "ok"], entries=8, log2=12, invalid_frac=0.0)
        blocks = [(1, s, b) for s in (0, 1) for b in range(fn.services[s].clat_entries)]
        for f, s, b in blocks:  # warm the caches
            await self.one(f, s, b << 12)
        lat = []
        for _ in range(32):
            f, s, b = self.rng.choice(blocks)
            c = await self.one(f, s, (b << 12) | self.rng.randrange(4096))
            if c.lookup != "hit":
                self.fail(f"warm entry {(f, s, b)} missed")
            lat.append(c.latency)
        bench.record("hit_latency_clk", max(lat), self.logger)
        reqs = [(f, s, (b << 12) | self.rng.randrange(4096)) for f, s, b in
                (self.rng.choice(blocks) for _ in range(self.hits))]
        start = len(self.sb.latencies)
        await FixedSeq("hits", self.env, self.rng, reqs).start(self.env.req_agent.seqr)
        await self.sb.drain()
        done = self.sb.latencies[start:]
        first = min(c.req.cycle for c in done)
        last = max(c.rsp.cycle for c in done)
        tput = len(done) / (last - first + 1)
        bench.record("hit_throughput_per_clk", round(tput, 4), self.logger)
        assert max(lat) <= 2, f"hit latency {max(lat)} clocks > 2"
        assert tput >= 0.95, f"hit throughput {tput:.3f} responses/clock < 0.95"


class BenchMissesTest(BatClatTest):
    """miss_latency_clk (a request after an invalidation: BAT + CLAT fetched; target <= two memory
    round trips + 4) and hit_under_miss_throughput_per_clk (hits streaming while misses are in
    flight: responses per clock over a mix of 1 miss per 16 requests)."""

    async def body(self):
        fn = await self.vm.setup(1, ["ok", "ok"], entries=256, log2=12, invalid_frac=0.0)
        lat, rts = [], []
        self.env.axi_monitor.keep_round_trips = True
        for i in range(16):
            await self.vm.invalidate(SCOPE_ALL)
            n0 = len(self.env.axi_monitor.round_trips)
            c = await self.one(1, i % 2, self.rng.randrange(256) << 12)
            if c.lookup != "miss":
                self.fail("request after an invalidation did not read memory")
            lat.append(c.latency)
            rts += self.env.axi_monitor.round_trips[n0:]
        rt = max(rts)
        self.logger.info("memory round trip (AR handshake to last R beat): %d..%d clocks", min(rts), rt)
        bench.record("memory_round_trip_clk", rt, self.logger)
        bench.record("miss_latency_clk", max(lat), self.logger)
        # hits under misses: 32 warm hot entries in s0; every 16th request a cold block of s1
        hot = [(1, 0, b) for b in range(16)]
        for r in hot:
            await self.one(r[0], r[1], r[2] << 12)
        cold = iter(range(fn.services[1].clat_entries))
        reqs = []
        for i in range(4096):
            if i % 16 == 0:
                reqs.append((1, 1, next(cold, 0) << 12))
            else:
                f, s, b = self.rng.choice(hot)
                reqs.append((f, s, b << 12 | 0x8))
        start = len(self.sb.latencies)
        await FixedSeq("hum", self.env, self.rng, reqs).start(self.env.req_agent.seqr)
        await self.sb.drain()
        done = self.sb.latencies[start:]
        tput = len(done) / (max(c.rsp.cycle for c in done) - min(c.req.cycle for c in done) + 1)
        bench.record("hit_under_miss_throughput_per_clk", round(tput, 4), self.logger)
        assert max(lat) <= 2 * rt + 4, f"miss latency {max(lat)} > 2 x {rt} + 4 clocks"


class BenchStuckNeighbourTest(BatClatTest):
    """hit_throughput_stuck_neighbour_per_clk: responses per clock of 4,096 back-to-back requests of
    functions 2 and 3 (hits on warm entries, every 64th a cold miss) with every 16th request a new miss
    of function 1 (answered MISS_LIMIT), while function 1's MaxMissesPerFunc misses never return."""

    async def body(self):
        sn = StuckNeighbour(self)
        await sn.setup()
        await sn.fill()
        cold = iter(range(64))
        reqs = []
        for i in range(4096):
            if i % 16 == 0:
                reqs.append((1, 1 + (i // 16) % 2, (32 + (i // 16) % 32) << 12))
            elif i % 64 == 8:
                reqs.append((2, 1, next(cold, 0) << 12))
            else:
                f, s, off = self.rng.choice(sn.hot)
                reqs.append((f, s, off | 0x8))
        self.sb.keep_latencies = True
        n0 = len(self.sb.latencies)
        await sn.send(reqs)
        await sn.wait_answered(sn.cap, limit=20_000)
        done = self.sb.latencies[n0:]
        tput = len(done) / (max(c.rsp.cycle for c in done) - min(c.req.cycle for c in done) + 1)
        limited = sum(c.rsp.status == Status.MISS_LIMIT for c in done)
        self.logger.info("%d responses, %d MISS_LIMIT, function 1 holding %d stuck misses", len(done), limited, sn.cap)
        bench.record("hit_throughput_stuck_neighbour_per_clk", round(tput, 4), self.logger)
        sn.slave.unstick()
        await self.sb.drain(2000)
        assert tput >= 0.95, f"throughput with a stuck neighbour {tput:.3f} responses/clock < 0.95"
