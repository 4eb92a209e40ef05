"""The miss limit per function (docs/bat_clat.md, "Miss limit per function"): a function whose
memory does not answer holds at most MaxMissesPerFunc misses, and the others keep going."""

from __future__ import annotations

import cocotb
from cocotb.triggers import RisingEdge

from models.bat_clat import Status
from tb.bat_clat.env.sequences import FixedSeq
from tb.bat_clat.env.vm_driver import REGION

from .base import BatClatTest


class StuckNeighbour:
    """Function `func`'s tables sit in memory that never answers (host_mem stick): its first
    MaxMissesPerFunc misses wait until unstick(); shared by the miss-limit tests and the bench."""

    def __init__(self, test: BatClatTest, func: int = 1):
        self.t = test
        self.func = func
        self.cap = test.cfg.params.max_misses_per_func
        self.slave = test.env.mem_slave
        self.sending = None

    def stick(self) -> None:
        lo = self.t.vm.region(self.func)
        self.slave.stick(lo, lo + REGION)

    async def setup(self) -> None:
        """Functions 1-3 with warm entries (function 1's service 0 pages 0..3), then function 1 stuck."""
        t = self.t
        self.f1 = await t.vm.setup(1, ["ok", "ok", "ok"], entries=64, log2=12, invalid_frac=0.0)
        self.f2 = await t.vm.setup(2, ["ok", "ok"], entries=64, log2=12, invalid_frac=0.0)
        self.f3 = await t.vm.setup(3, ["ok"], entries=16, log2=12, invalid_frac=0.0)
        self.warm1 = [(1, 0, b << 12) for b in range(4)]
        # (pages chosen so that no two warm lines share a CLAT cache index: clat_hash puts function 2's
        # pages 0..7 and function 3's pages 8..15 on different lines, function 1's 0..3 on others)
        self.hot = [(2, 0, b << 12) for b in range(8)] + [(3, 0, b << 12) for b in range(8, 16)]
        for r in self.warm1 + self.hot:
            await t.one(*r)
        self.stick()

    async def send(self, reqs: list[tuple[int, int, int]]) -> None:
        """Start sending requests (wait_answered waits until they are all accepted and answered)."""
        self.sending = cocotb.start_soon(FixedSeq("stuck", self.t.env, self.t.rng, reqs).start(self.t.env.req_agent.seqr))
        await RisingEdge(self.t.env.dut.clk_i)

    async def wait_answered(self, keep: int, limit: int = 5000) -> None:
        """Until every request sent is accepted and only `keep` are left without a response (the
        stuck ones); a stall (requests not accepted or not answered) fails after `limit` clocks."""
        for _ in range(limit):
            if self.sending.done() and len(self.t.sb.outstanding) <= keep:
                return
            await RisingEdge(self.t.env.dut.clk_i)
        self.sending.cancel()
        self.t.fail(
            f"{len(self.t.sb.outstanding)} requests outstanding after {limit} clocks, expected only the "
            f"{keep} waiting on stuck memory: the other functions are stalled ({list(self.t.sb.outstanding.values())[:6]})"
        )

    async def fill(self) -> None:
        """The function's first `cap` misses (services 1 and 0 in turn: a BAT read, or a CLAT read
        behind a cached BAT line where service 0 was warmed): each reads the stuck memory and waits.
        Before each, fewer than `cap` are held, so none may be answered MISS_LIMIT (the scoreboard
        allows MISS_LIMIT only with `cap` others outstanding)."""
        f = self.func
        for i in range(self.cap):
            reads0 = self.slave.stuck_reads
            await self.send([(f, 1 if i % 2 == 0 else 0, (16 + i) << 12)])
            for _ in range(50):
                if self.slave.stuck_reads > reads0:
                    break
                await RisingEdge(self.t.env.dut.clk_i)
            else:
                self.t.fail(
                    f"function {f}'s miss #{i + 1} (below the limit of {self.cap}) read nothing from memory: "
                    f"responses {self.t.sb.status_count}"
                )
        if len(self.t.sb.outstanding) != self.cap:
            self.t.fail(f"{len(self.t.sb.outstanding)} requests waiting, expected function {f}'s {self.cap}")

    async def one(self, f: int, s: int, off: int):
        """One request while the stuck misses wait: its Checked record once it is answered."""
        sb = self.t.sb
        sb.keep_latencies = True
        n0 = len(sb.latencies)
        await self.send([(f, s, off)])
        await self.wait_answered(self.cap, limit=500)
        return sb.latencies[n0]

    async def expect_miss_limit(self, f: int, s: int, off: int) -> None:
        """A miss of the stuck function: MISS_LIMIT at hit latency (<= 2 clocks), no memory read."""
        reads0 = self.slave.stuck_reads
        c = await self.one(f, s, off)
        if c.rsp.status != Status.MISS_LIMIT or c.latency > 2 or self.slave.stuck_reads != reads0:
            self.t.fail(
                f"({f}, {s}, 0x{off:x}) with {self.cap} misses of function {f} held: {Status(c.rsp.status).name} "
                f"after {c.latency} clocks, {self.slave.stuck_reads - reads0} read(s); expected MISS_LIMIT "
                "at hit latency (<= 2) and no read"
            )


class MissLimitTest(BatClatTest):
    """Miss limit per function (docs/bat_clat.md): function 1's tables stop answering. Its first
    MaxMissesPerFunc misses wait; each further miss of function 1 (BAT read or CLAT read needed) is
    answered MISS_LIMIT at once with no read; its cached entries still hit and a register-level error
    keeps its own status; functions 2 and 3 keep hitting at full rate and their misses complete. When
    the memory answers, the waiting misses complete and function 1 misses normally again."""

    async def body(self):
        sn = StuckNeighbour(self)
        await sn.setup()
        await sn.fill()
        # over the limit: a miss needing the BAT read, one needing only the CLAT read
        for f, s, off in ((1, 1, 40 << 12), (1, 0, 41 << 12), (1, 2, 0x18)):
            await sn.expect_miss_limit(f, s, off)
        # at the limit, what needs no read is answered as usual
        for f, s, off, want in ((1, 0, 0x2008, Status.OK), (1, 7, 0, Status.SERVICE_RANGE)):
            c = await sn.one(f, s, off)
            if c.rsp.status != want:
                self.fail(f"({f}, {s}, 0x{off:x}) at function 1's limit: {Status(c.rsp.status).name}, expected {want.name}")
        # the neighbours: a stream of hits answered back to back, and misses that complete
        reqs = [self.rng.choice(sn.hot) for _ in range(256)]
        reqs = [(f, s, off | self.rng.randrange(4096)) for f, s, off in reqs]
        self.sb.keep_latencies = True
        n0 = len(self.sb.latencies)
        await sn.send(reqs)
        await sn.wait_answered(sn.cap)
        done = self.sb.latencies[n0:]
        span = max(c.rsp.cycle for c in done) - min(c.req.cycle for c in done) + 1
        if len(done) / span < 0.95:
            self.fail(f"neighbours' hits: {len(done)} in {span} clocks while function 1 is stuck")
        for b in range(4):
            c = await sn.one(2, 1, b << 12)
            if c.rsp.status != Status.OK or c.lookup != "miss":
                self.fail(f"function 2's miss while function 1 is stuck: {Status(c.rsp.status).name} ({c.lookup})")
        # the memory answers: the held misses complete, and the limit is lifted
        sn.slave.unstick()
        await self.sb.drain(2000)
        c = await self.one(1, 1, 50 << 12)
        if c.rsp.status != Status.OK or c.lookup != "miss":
            self.fail(f"function 1's miss after its memory answered: {Status(c.rsp.status).name} ({c.lookup})")
