"""Negative tests: each must end in a ScoreboardError (and, rerun with VIRTIP_INJECT=0, must pass
for want of the injected fault: the runner's can-fail check)."""

from __future__ import annotations

from tb.common.scoreboard import inject_enabled

from .migration import LiveMigrationBase
from .traffic import RandomDma


class NoDirtyFlag(LiveMigrationBase):
    """The counter-proof: the same migration with the dirty write flag left off. Reports come back
    empty, pre-copy 'converges' at once, and the pages the VF wrote after the full copy are never
    copied again: the byte-for-byte comparison must find the difference. It shows the migration test
    can fail, and why the flag matters. (With VIRTIP_INJECT=0 the flag is on and it passes.)"""

    @property
    def dirty_flag(self) -> bool:  # type: ignore[override]
        return not inject_enabled()

    async def body(self):
        vf, others = self.cfg.funcs[0], tuple(self.cfg.funcs[1:])
        m = await self.migrate(vf, others)
        self.judge(m, vf)


class WrongByte(RandomDma):
    """The scoreboard's own prediction is told one byte wrong (one byte of the first descriptor's
    writes flipped in the model's image): the whole-image comparison must catch it."""

    knobs = dict(n_desc=60, inject="byte")

    async def body(self):
        self.env.sb.inject = self.cfg.inject
        await super().body()
