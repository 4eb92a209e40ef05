"""Negative tests: a wrong result injected on purpose must fail the scoreboard (and, rerun with
VIRTIP_INJECT=0, the same test must fail for want of it: the runner's can-fail check)."""

from __future__ import annotations

from models import dirty_track as dt

from .traffic import RandomSmall


class NegativeDroppedMark(RandomSmall):
    """The scoreboard sees one mark fewer in the final sweep: it must report a lost page."""

    knobs = dict(n_writes=600, inject_drop=True)


class NegativeRegisterRead(RandomSmall):
    """The register scoreboard sees one read value with a bit flipped (CheckedRegisterPort's
    corrupt_next_read, active only with VIRTIP_INJECT): it must raise ScoreboardError."""

    knobs = dict(n_writes=300)

    async def body(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs, max_pages=10**6)
        await self.traffic(funcs)
        await self.finish()
        self.hyp.regs.corrupt_next_read = True
        await self.hyp.read(dt.ID)
