"""Commits under filter traffic: random, every rejection kind, incremental (hitless), back to back."""

from __future__ import annotations

from cocotb.triggers import ClockCycles

from models.port_cfg import Err
from tb.common import soak
from tb.port_cfg.env import cfg_gen
from tb.port_cfg.env.sequences import BackToBackSeq, IncrementalSeq, InvalidEachKindSeq, RandomValidSeq

from .base import PortCfgTest


class SoakValidSeq(RandomValidSeq):
    """Random valid commits until the soak's transactions (filter answers checked) are done."""

    total = 0

    async def body(self):
        while soak.more(soak.state.done, self.total):
            lanes, limits = cfg_gen.random_valid(self.rng, self.n, self.nv)
            await self.send(lanes, limits, "random", Err.OK)


class RandomCommitsTest(PortCfgTest):
    """Random valid configurations (and one invalid of each kind) under filter traffic, random
    register traffic while each commit runs, and random back-pressure on every AXI4-Lite channel.
    With TXNS set (a soak): random valid commits until TXNS filter answers have been checked."""

    knobs = {"reg_noise": True, "reg_backpressure": 0.3}

    async def body(self):
        if soak.long_mode() or soak.state.unbounded:
            seq = self.seq(SoakValidSeq, 0)
            seq.total = soak.txns(0)
            soak.begin(seq.total, self.logger)
            await seq.start(self.env.cfg_seqr)
        else:
            await self.seq(RandomValidSeq, 12).start(self.env.cfg_seqr)
        await self.seq(InvalidEachKindSeq, 1).start(self.env.cfg_seqr)


class InvalidEachKindTest(PortCfgTest):
    """Every rejection kind, each after a valid commit: code, first lane, nothing changes."""

    async def body(self):
        await self.seq(InvalidEachKindSeq, 3).start(self.env.cfg_seqr)


class IncrementalHitlessTest(PortCfgTest):
    """Reconfigure none / some / all quads; unchanged lanes constant every clock."""

    knobs = {"density": 1.0}

    async def body(self):
        await self.seq(IncrementalSeq, 16).start(self.env.cfg_seqr)


class FilterTrafficTest(PortCfgTest):
    """Isolation filter at full rate and with idle cycles, over a few configurations."""

    async def body(self):
        for density in (1.0, 0.5, 0.1, 1.0):
            self.env.flt_drv.density = density
            await self.seq(RandomValidSeq, 1).start(self.env.cfg_seqr)
            await ClockCycles(self.env.clk, 200)


class CommitDuringTrafficTest(PortCfgTest):
    """Commits (accepted and rejected) while the filter runs at one request per clock, with random
    register traffic (no back-pressure)."""

    knobs = {"density": 1.0, "reg_noise": True}

    async def body(self):
        await self.seq(IncrementalSeq, 8).start(self.env.cfg_seqr)
        await self.seq(InvalidEachKindSeq, 1).start(self.env.cfg_seqr)


class BackToBackTest(PortCfgTest):
    """A commit written while busy is held and run; shadow writes during a commit do not leak in."""

    knobs = {"reg_noise": True, "reg_backpressure": 0.5}

    async def body(self):
        await self.seq(BackToBackSeq, 4).start(self.env.cfg_seqr)

