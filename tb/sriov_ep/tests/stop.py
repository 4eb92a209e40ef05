"""Stop (VFIO STOP_COPY, device side): no new descriptor of a stopped function starts, those in
flight finish, then STOPPED reads 1; other functions are not disturbed; clearing resumes."""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles

from tb.common.base import cycle

from .base import SepTest


class StopWhileBusy(SepTest):
    """Random traffic of three VFs (a fifth of the descriptors bad: a stopped descriptor with a bad
    length is LEN_INVALID, with any other error STOPPED); meanwhile STOP.func[f] for one VF, then STOP.all, each while
    descriptors of it wait and are in flight; poll STOPPED until set, check no burst of a stopped
    function starts after STOPPED read 1, clear the stop and check the function runs again. Then
    STOP.func[f] and STOP.all each written while short descriptors of the VF are accepted back to
    back (some inside the write's window)."""

    knobs = dict(n_desc=500, len_max=9000, bad_share=0.2)

    async def body(self):
        env, hyp = self.env, self.env.hyp
        send = cocotb.start_soon(self.send(self.descriptors(self.cfg.n_desc)))
        vf = self.cfg.funcs[0]
        for scope in ("func", "all"):
            await ClockCycles(env.clk, self.rng.randint(200, 2000))
            if scope == "func":
                await hyp.stop(funcs=1 << vf)
            else:
                await hyp.stop(all_=True)
            await hyp.wait_stopped(None if scope == "all" else vf)
            t_stopped = cycle()
            await ClockCycles(env.clk, self.rng.randint(50, 500))
            late = [aw for aw in env.wmon.aws if aw[0] > t_stopped and aw[1] == 0
                    and (scope == "all" or aw[2] == vf)]
            if late:
                env.sb.fail(f"bursts of a stopped function after STOPPED read 1: {late[:4]}")
            await hyp.stop(0, False)
        await send
        await self.wait_completed()
        # STOP written while short descriptors of the VF are accepted back to back (one every clock
        # or two), so some are accepted inside the write's window: either outcome is right for those
        # (the scoreboard's "maybe"), the later ones complete STOPPED
        for scope in ("func", "all"):
            items = [env.factory.make(vf, "ok", length=self.rng.randint(1, 64)) for _ in range(64)]
            burst = cocotb.start_soon(self.send(items))
            await ClockCycles(env.clk, self.rng.randint(10, 40))
            await hyp.stop(funcs=1 << vf if scope == "func" else 0, all_=scope == "all")
            await burst
            await hyp.stop(0, False)
            await self.wait_completed()
