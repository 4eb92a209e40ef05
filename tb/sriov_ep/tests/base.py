"""The base of every sriov_ep test: the environment, the knobs (env/cfg.py), and the building
blocks the tests share (send descriptors, wait for completions)."""

from __future__ import annotations

from cocotb.triggers import ClockCycles

from tb.common.base import BaseTest
from tb.sriov_ep.env.cfg import SepCfg
from tb.sriov_ep.env.env import SepEnv
from tb.sriov_ep.env.sequences import BAD_KINDS, DmaSeq


class SepTest(BaseTest):
    env_cls = SepEnv
    knobs = dict()

    def make_cfg(self, knobs):
        return SepCfg.from_knobs(knobs)

    def descriptors(self, n: int, funcs=None, bad_share: float | None = None, idle: float | None = None):
        """n random descriptors over `funcs` (default: every DMA function), a share of them bad."""
        cfg, rng, fac = self.cfg, self.rng, self.env.factory
        funcs = funcs or cfg.funcs
        bad = cfg.bad_share if bad_share is None else bad_share
        p_idle = cfg.desc_idle if idle is None else idle
        items = []
        for _ in range(n):
            kind = rng.choice(BAD_KINDS) if rng.random() < bad else "ok"
            gap = rng.randint(1, 6) if rng.random() < p_idle else 0
            items.append(fac.make(rng.choice(funcs), kind, idle=gap))
        return items

    async def send(self, items) -> None:
        """Send descriptors through the driver (returns when the last one is accepted)."""
        await DmaSeq("dma", items).start(self.env.seqr)

    async def wait_completed(self, max_clocks: int = 2_000_000) -> None:
        for _ in range(max_clocks // 16):
            if not self.env.sb.pending:
                return
            await ClockCycles(self.env.clk, 16)
        self.env.sb.fail(f"{len(self.env.sb.pending)} descriptors never completed", self.env.sb.pending[0])
