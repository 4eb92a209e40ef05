"""Negative tests: a wrong result injected on purpose must fail the scoreboard (and, rerun with
VIRTIP_INJECT=0, the same test must fail for want of it: the runner's can-fail check)."""

from __future__ import annotations

from models.bat_clat import (
    F_BAT_ENTRIES,
    func_reg,
)

from .base import BatClatTest
from .traffic import RandomTrafficTest


class NegativeWrongAddressTest(RandomTrafficTest):
    """The scoreboard must catch a wrong response: the prediction of response #50 is corrupted."""

    knobs = {"inject_at_response": 50, "n_requests": 400}


class NegativeRegisterReadTest(BatClatTest):
    """The register scoreboard sees one read value with a bit flipped (CheckedRegisterPort's
    corrupt_next_read, active only with VIRTIP_INJECT): it must raise ScoreboardError."""

    async def body(self):
        await self.vm.setup(1, ["ok", "ok"])
        await self.traffic(100, funcs=[1])
        self.regs.checked.corrupt_next_read = True
        await self.regs.read(func_reg(1, F_BAT_ENTRIES))  # the value the VM driver wrote (2), bit 0 flipped
