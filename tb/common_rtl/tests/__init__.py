"""pyuvm tests of the shared primitives; manifest.py names, for each cocotb test, the class it runs.
Each runs one primitive in lockstep with its reference (tb/common_rtl/lockstep.py)."""

from __future__ import annotations

from tb.common.base import BaseTest
from tb.common_rtl import lockstep
from tb.common_rtl.env import CommonRtlEnv


class CommonRtlTest(BaseTest):
    env_cls = CommonRtlEnv
    knobs = {"cycles": 4000}


class FifoRandomTest(CommonRtlTest):
    """Random push/pop in fill, drain, balanced and busy phases: every output of every clock equals
    FifoRef's; push while full (dropped), pop while empty (ignored), push+pop at full and at
    empty all happen."""

    async def body(self):
        await lockstep.fifo_run(self.env, self.cfg["cycles"])


class RamRandomTest(CommonRtlTest):
    """Random writes and reads (every word written first, then reads of the word being written in a
    fifth of the clocks): every defined read equals RamRef's (latency 1); a read of the word
    written at the same edge is undefined and not checked, the next read of it returns the new word."""

    knobs = {"cycles": 3000}

    async def body(self):
        await lockstep.ram_run(self.env, self.cfg["cycles"])


class CounterRandomTest(CommonRtlTest):
    """Random events (0..3 per clock) and masked loads, with phases loaded near all ones: every
    clock's count equals CounterRef's; the count saturates and stays, a load in the clock of an
    event counts the event on top, a load takes a saturated count down."""

    async def body(self):
        await lockstep.counter_run(self.env, self.cfg["cycles"])


class FrontRandomTest(CommonRtlTest):
    """Random reads and writes (own/foreign function, misaligned, unmapped, read-only, target
    SLVERR) with AW/W skew, B/R back-pressure and a randomly stalling, randomly late target: every
    output of every clock equals FrontRef's, and every refusal path and back-pressure case is
    reached."""

    knobs = {"cycles": 6000}

    async def body(self):
        bench = await lockstep.front_run(self.env, self.cfg["cycles"])
        lockstep.require("front_paths", bench.hits, lockstep.FRONT_CORNERS, self.logger)


class FrontResetTest(CommonRtlTest):
    """The random traffic of FrontRandomTest with asynchronous resets in 2 % of the clocks (no edge
    inside, or across 1 or 3 edges): the front end forgets the access in flight and the outputs
    keep equal to FrontRef's; resets land in every state."""

    knobs = {"cycles": 6000, "p_reset": 0.02}

    async def body(self):
        bench = await lockstep.front_run(self.env, self.cfg["cycles"], p_reset=self.cfg["p_reset"])
        states = ["reset_in_idle", "reset_in_fwd", "reset_in_resp"]
        if bench.ref.check_stage:
            lockstep.require("front_reset_chk", bench.hits, [*states, "reset_in_check"], self.logger)
        else:
            lockstep.require("front_reset_dec", bench.hits, states, self.logger)


class NegativeFrontMismatchTest(CommonRtlTest):
    """Negative: the reference's read data is corrupted (one bit) for one OKAY read response after
    clock 200; the lockstep scoreboard must fail on it (with VIRTIP_INJECT=0 nothing is corrupted,
    the test ends without the expected error, and the runner's can-fail rerun sees it fail)."""

    knobs = {"cycles": 1500}

    async def body(self):
        bench = await lockstep.front_run(self.env, self.cfg["cycles"], inject_at=200)
        assert bench.hits["forwarded_rd"], "no OKAY read: nothing was corrupted"
