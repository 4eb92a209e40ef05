"""One clock-edge coroutine for every passive monitor of a testbench (docs/dev-guide.md, "Soak").

A monitor that runs its own `while True: await RisingEdge(clk)` loop costs a coroutine resume per
clock (cocotb's scheduler: trigger, callbacks, task switch), and most of the monitors of a block
do that. Here the monitors register a `sample(live)` function instead, and one coroutine calls them
all at each rising edge, in the order given (`order`, then registration), with `live` = the reset
input is inactive (read once for all of them). Monitors keep one job each; only the loop is shared.

A monitor that must publish after every other handler of the same edge has run (pyuvm drivers and
sequences that update the scoreboard at that edge) returns True from `sample` and registers a
`late` function: the sampler then awaits ReadOnly in that clock only and calls the late functions
(again in order). Sampling starts when the environment has started (tb.common.base.env_started).
"""

from __future__ import annotations

from collections.abc import Callable

import cocotb
from cocotb.triggers import ReadOnly, RisingEdge

from tb.common.sig import bit_reader


class ClockSampler:
    def __init__(self, clk, rst):
        self.clk, self.rst = clk, rst
        self._early: list[tuple[int, int, Callable[[bool], bool | None]]] = []
        self._late: list[tuple[int, int, Callable[[], None]]] = []
        self._fns: tuple = ()
        self._late_fns: tuple = ()
        self._task = None

    def add(self, sample: Callable[[bool], bool | None], late: Callable[[], None] | None = None,
            order: int = 0) -> None:
        """Call `sample(live)` at every rising edge; if it returns True, `late()` at ReadOnly of that clock."""
        n = len(self._early)
        self._early.append((order, n, sample))
        self._fns = tuple(fn for _, _, fn in sorted(self._early, key=lambda e: e[:2]))
        if late is not None:
            self._late.append((order, n, late))
            self._late_fns = tuple(fn for _, _, fn in sorted(self._late, key=lambda e: e[:2]))
        if self._task is None:
            self._task = cocotb.start_soon(self._run())

    async def _run(self) -> None:
        from tb.common.base import env_started  # (base imports this module's users)

        await env_started()
        edge, ro, live_now = RisingEdge(self.clk), ReadOnly(), bit_reader(self.rst)
        while True:
            await edge
            live = live_now()
            late = False
            for sample in self._fns:
                if sample(live):
                    late = True
            if late:
                await ro
                for publish in self._late_fns:
                    publish()
