"""The BAT/CLAT base test and what every test shares.

Every test: the environment brings the unit out of reset (BaseEnv.start), `body()` builds tables
and programs registers (VM driver) and sends its stimulus, then `drain()` waits until every
accepted request has its response (the scoreboard) and compares the counters with the model
(`check_counters`).
"""

from __future__ import annotations

from models.bat_clat import (
    ERROR_STATUSES,
    FUNC_BASE,
    FUNC_STRIDE,
    REG_ACCESS_VIOLATIONS,
    REG_AXI_PROTO_ERR,
    REG_HIT_CNT,
    REG_MISS_CNT,
    Status,
    err_cnt_reg,
)
from models.gen import bat_clat_regs as G
from tb.bat_clat.env.cfg import TbCfg, params_from_dut
from tb.bat_clat.env.env import BatClatEnv
from tb.bat_clat.env.sequences import FixedSeq, TrafficSeq
from tb.common import seed
from tb.common.base import BaseTest

# Words of the register map, from the generated map (models/gen/bat_clat_regs.py): the global block
# (every word below the first function block), its holes, and the offsets inside a function block
# that a register maps or that are unmapped.
GLOBAL_WORDS = list(range(0, FUNC_BASE, 4))
GLOBAL_HOLES = [a for a in GLOBAL_WORDS if a not in G.REGMAP.by_addr]
FUNC_OFFSETS = [o for o in range(0, FUNC_STRIDE, 4) if FUNC_BASE + o in G.REGMAP.by_addr]
FUNC_HOLES = [o for o in range(0, FUNC_STRIDE, 4) if FUNC_BASE + o not in G.REGMAP.by_addr]


class BatClatTest(BaseTest):
    """The full environment; `body()` is the test. Subclasses set `knobs` (env/cfg.py TbCfg)."""

    env_cls = BatClatEnv

    # True where no table word changes during the test: then a response the scoreboard saw no memory
    # read for is certainly a hit, so HIT_CNT >= those and MISS_CNT <= the rest (see check_counters)
    lookup_bounds = False

    def make_cfg(self, knobs) -> TbCfg:
        return TbCfg(params=params_from_dut(self.dut), **knobs)

    def end_of_elaboration_phase(self):
        self.vm = self.env.vm
        self.regs = self.env.reg_agent
        self.sb = self.env.scoreboard
        self.logger.info("DUT parameters: %s", self.cfg.params)

    async def drain(self) -> None:
        """Every accepted request answered, then the counters against the model."""
        await super().drain()
        await self.check_counters()

    def fail(self, what: str, txn: object = None) -> None:
        """A test's own check failed: through the scoreboard (ScoreboardError, the cycle printed)."""
        self.sb.fail(what, txn)

    # ---- helpers
    async def traffic(self, n: int, **kw) -> TrafficSeq:
        seq = TrafficSeq("traffic", self.env, seed.rng(f"traffic{self.rng.random()}"), n=n, **kw)
        await seq.start(self.env.req_agent.seqr)
        return seq

    async def one(self, func: int, service: int, offset: int):
        """Send one request and wait for its response; returns the scoreboard's Checked record."""
        self.sb.keep_latencies = True
        before = len(self.sb.latencies)
        await FixedSeq("one", self.env, self.rng, [(func, service, offset)]).start(self.env.req_agent.seqr)
        await self.sb.drain(2000)
        return self.sb.latencies[before]

    async def check_counters(self) -> None:
        """At quiescence: ERR_CNT[k] exact (reg agent compares with the model), HIT + MISS = lookups,
        HIT + MISS + ERR_CNT[FUNC_INVALID] + ERR_CNT[SERVICE_RANGE] + ERR_CNT[MISS_LIMIT] = responses
        since reset."""
        errs = {st: await self.regs.read(err_cnt_reg(st)) for st in ERROR_STATUSES}
        hits = await self.regs.read(REG_HIT_CNT)
        misses = await self.regs.read(REG_MISS_CNT)
        if hits + misses != self.sb.lookups:
            self.fail(f"HIT_CNT {hits} + MISS_CNT {misses} != {self.sb.lookups} responses that needed a table lookup")
        n_rsp = sum(self.sb.status_since_reset.values())
        reg_errs = errs[Status.FUNC_INVALID] + errs[Status.SERVICE_RANGE] + errs[Status.MISS_LIMIT]
        if hits + misses + reg_errs != n_rsp:
            self.fail(
                f"HIT_CNT {hits} + MISS_CNT {misses} + ERR_CNT[FUNC_INVALID,SERVICE_RANGE,MISS_LIMIT] {reg_errs} != "
                f"{n_rsp} responses since reset"
            )
        if self.lookup_bounds:
            seen_hit = self.sb.lookup_since_reset["hit"]
            if hits < seen_hit or misses > self.sb.lookups - seen_hit:
                self.fail(
                    f"HIT_CNT {hits} / MISS_CNT {misses}: {seen_hit} responses had no memory read for them, so "
                    f"HIT_CNT >= {seen_hit} and MISS_CNT <= {self.sb.lookups - seen_hit}"
                )
        await self.regs.read(REG_ACCESS_VIOLATIONS)
        await self.regs.read(REG_AXI_PROTO_ERR)  # against the model: 0 unless a test sent malformed beats
        self.logger.info("counters: hits=%d misses=%d, per status %s", hits, misses, dict(self.sb.status_count))
