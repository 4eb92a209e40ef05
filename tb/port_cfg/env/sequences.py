"""Configuration sequence library: random valid configurations, invalid ones of each kind,
incremental reconfiguration of some quads, back-to-back commits and shadow writes during a commit."""

from __future__ import annotations

from pyuvm import ConfigDB, uvm_sequence

from models.port_cfg import Err, Lane, Limit
from tb.common import seed
from tb.port_cfg.env import cfg_gen
from tb.port_cfg.env.items import CfgItem


class BaseCfgSeq(uvm_sequence):
    def __init__(self, name: str = "cfg_seq", count: int = 8):
        super().__init__(name)
        self.count = count
        info = ConfigDB().get(None, "", "dut_info")
        self.n, self.nv = info.num_lanes, info.num_vssbs
        self.rng = seed.rng(f"seq.{type(self).__name__}")
        self.last_ok: list[Lane] = [Lane() for _ in range(self.n)]

    async def send(self, lanes: list[Lane], limits: list[Limit], kind: str, expect: Err | None = None, **kw):
        item = CfgItem("cfg", lanes, limits, expect, kind)
        for k, v in kw.items():
            setattr(item, k, v)
        await self.start_item(item)
        await self.finish_item(item)
        if item.status.code == Err.OK:
            self.last_ok = list(lanes)
        return item.status


class RandomValidSeq(BaseCfgSeq):
    async def body(self):
        for _ in range(self.count):
            lanes, limits = cfg_gen.random_valid(self.rng, self.n, self.nv)
            await self.send(lanes, limits, "random", Err.OK)


class InvalidEachKindSeq(BaseCfgSeq):
    """Every rejection kind the configuration can express, `count` times each, with a valid commit
    in between so that a rejection always has a non-trivial active configuration to leave alone."""

    async def body(self):
        for _ in range(self.count):
            for kind in cfg_gen.possible_kinds(self.nv):
                lanes, limits = cfg_gen.random_valid(self.rng, self.n, self.nv)
                await self.send(lanes, limits, "random", Err.OK)
                lanes, limits = cfg_gen.random_invalid(self.rng, kind, self.n, self.nv)
                await self.send(lanes, limits, f"invalid-{kind.name}", kind)


class IncrementalSeq(BaseCfgSeq):
    """Reconfigure none / some / all quads of the active configuration (the hitless case)."""

    async def body(self):
        lanes, limits = cfg_gen.random_valid(self.rng, self.n, self.nv, p_en=0.8)
        await self.send(lanes, limits, "random", Err.OK)
        for i in range(self.count):
            how = ("none", "some", "some", "all")[i % 4]
            lanes, limits = cfg_gen.incremental(self.rng, self.last_ok, self.nv, how)
            await self.send(lanes, limits, f"incremental-{how}", Err.OK)


class BackToBackSeq(BaseCfgSeq):
    """A commit written while one runs (held, then run), and shadow writes right after a commit
    (the running commit must apply the snapshot taken at its start, not the new writes)."""

    async def body(self):
        for _ in range(self.count):
            lanes, limits = cfg_gen.random_valid(self.rng, self.n, self.nv)
            await self.send(lanes, limits, "back-to-back", Err.OK, repeat=2)
            lanes, limits = cfg_gen.random_valid(self.rng, self.n, self.nv)
            scribble, _ = cfg_gen.random_valid(self.rng, self.n, self.nv)
            await self.send(lanes, limits, "scribble", Err.OK, scribble=scribble)


class DirectedSeq(BaseCfgSeq):
    """Given configurations, committed in order; the statuses are kept for the test."""

    def __init__(self, name: str, cfgs: list[tuple[list[Lane], list[Limit]]]):
        super().__init__(name, len(cfgs))
        self.cfgs = cfgs
        self.statuses = []

    async def body(self):
        for lanes, limits in self.cfgs:
            self.statuses.append(await self.send(lanes, limits, "directed"))
