"""Reset in the middle of traffic: nothing hangs, the subsystem comes back clean and runs again."""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles

from .base import SepTest


class ResetMidTraffic(SepTest):
    """Random traffic; at a random clock a reset (2..5 clocks) with descriptors, pieces, bursts and
    completions in flight; after it the tables are programmed again and new traffic must run exactly
    as the model predicts (the scoreboard restarts from host memory as the reset left it)."""

    knobs = dict(n_desc=150)

    async def body(self):
        env = self.env
        for _round in range(2):
            send = cocotb.start_soon(self.send(self.descriptors(self.cfg.n_desc)))
            await ClockCycles(env.clk, self.rng.randint(300, 3000))
            await env.reset(self.rng.randint(1, 5))  # the driver holds its descriptors meanwhile
            await send
            await self.wait_completed()
