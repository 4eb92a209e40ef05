"""HIT_CNT / MISS_CNT / ERR_CNT / ACCESS_VIOLATIONS: step by step, racing a reconfiguration, and at
their saturation limit."""

from __future__ import annotations

import cocotb
from cocotb.triggers import FallingEdge, RisingEdge

from models.bat_clat import (
    ERR_CNT_MAX,
    ERROR_STATUSES,
    F_BAT_ENTRIES,
    F_CTRL,
    REG_ACCESS_VIOLATIONS,
    REG_HIT_CNT,
    REG_ID,
    REG_MISS_CNT,
    SCOPE_SERVICE,
    Status,
    err_cnt_reg,
    func_reg,
)
from tb.bat_clat.env.host_mem import AxiFault
from tb.bat_clat.env.sequences import FixedSeq

from .base import BatClatTest
from .errors import ErrorStatusTest


class HitMissCounterTest(BatClatTest):
    """Directed: the first use of an entry after an invalidation misses, the next use hits; register
    errors count as neither. Checks HIT_CNT/MISS_CNT step by step."""

    async def body(self):
        fn = await self.vm.setup(1, ["ok", "ok"], entries=4, log2=12, invalid_frac=0.0)
        hits = misses = 0

        async def expect(dh: int, dm: int, what: str):
            nonlocal hits, misses
            h, m = await self.regs.read(REG_HIT_CNT), await self.regs.read(REG_MISS_CNT)
            if (h - hits, m - misses) != (dh, dm):
                self.fail(f"{what}: HIT_CNT +{h - hits}, MISS_CNT +{m - misses}; expected +{dh}, +{dm}")
            hits, misses = h, m

        for s in (0, 1):
            for b in range(fn.services[s].clat_entries):
                await self.one(1, s, (b << 12) | 0x10)
                await expect(0, 1, f"first use of s{s} b{b}")
                await self.one(1, s, (b << 12) | 0x20)
                await expect(1, 0, f"second use of s{s} b{b}")
        await self.one(1, 9, 0)
        await self.one(7, 0, 0)
        await expect(0, 0, "register-level errors")
        await self.vm.invalidate(SCOPE_SERVICE, func=1, service=0)
        await self.one(1, 0, 0)
        await expect(0, 1, "after invalidating the service")
        await self.one(1, 1, 0)
        await expect(1, 0, "other service, not invalidated")


class CounterReconfigRaceTest(BatClatTest):
    """Directed: a request whose BAT read is held by memory while the PF lowers the function's
    BAT_ENTRIES (or disables it) is replayed and answered SERVICE_RANGE (FUNC_INVALID); it counts in
    ERR_CNT only, in neither HIT_CNT nor MISS_CNT (contract: register-level errors count in neither)."""

    async def body(self):
        vm, slave = self.vm, self.env.mem_slave
        fn = vm.build_function(1, ["ok"] * 6, entries=4, log2=12, invalid_frac=0.0)
        for reg, value, want in ((F_BAT_ENTRIES, 2, Status.SERVICE_RANGE), (F_CTRL, 0, Status.FUNC_INVALID),
                                 (F_BAT_ENTRIES, 3, Status.SERVICE_RANGE)):
            await vm.program(fn)  # cold caches, BAT_ENTRIES=6, enabled
            before = {a: await self.regs.read(a) for a in (REG_HIT_CNT, REG_MISS_CNT, err_cnt_reg(want))}
            fault = slave.inject(AxiFault(match="bat", hold=True))
            self.sb.keep_latencies = True
            n0 = len(self.sb.latencies)
            seq = cocotb.start_soon(FixedSeq("race", self.env, self.rng, [(1, 3, 0x10)]).start(self.env.req_agent.seqr))
            await fault.started.wait()  # the BAT read is outstanding, held by memory
            await self.regs.write(func_reg(1, reg), value)
            self.env.model.take_invalidations()
            fault.release()
            await seq
            await self.sb.drain(2000)
            c = self.sb.latencies[n0]
            if c.rsp.status != want:
                self.fail(f"request (f1, s3) racing {reg=:#x}<-{value}: {Status(c.rsp.status).name}, "
                                      f"expected {want.name} (replayed after the reconfiguration)")
            after = {a: await self.regs.read(a) for a in before}
            delta = {a: after[a] - before[a] for a in before}
            exp = {REG_HIT_CNT: 0, REG_MISS_CNT: 0, err_cnt_reg(want): 1}
            if delta != exp:
                self.fail(
                    f"{want.name} after a held BAT read: HIT_CNT +{delta[REG_HIT_CNT]}, MISS_CNT "
                    f"+{delta[REG_MISS_CNT]}, ERR_CNT[{want.name}] +{delta[err_cnt_reg(want)]}; expected +0, +0, +1"
                )


class CounterLimitsTest(ErrorStatusTest):
    """ERR_CNT[k], HIT_CNT, MISS_CNT and ACCESS_VIOLATIONS (read-only) preloaded one below all ones
    by a backdoor deposit into their sat_counter flops (bat_clat.sv g_err_cnt[k].u_cnt, u_hit_cnt,
    u_miss_cnt; u_shim.u_viol_cnt; each `cnt_q`), then every status, hits, misses and refused accesses twice or more: each
    counter stops at all ones and stays."""

    async def body(self):
        dut = self.env.dut
        model = self.env.model
        await FallingEdge(dut.clk_i)
        near = ERR_CNT_MAX - 1
        for k in range(len(ERROR_STATUSES)):
            dut.g_err_cnt[k].u_cnt.cnt_q.value = near
        dut.u_hit_cnt.cnt_q.value = near
        dut.u_miss_cnt.cnt_q.value = near
        dut.u_shim.u_viol_cnt.cnt_q.value = near
        for st in ERROR_STATUSES:
            model.err_cnt[st] = near
        model.access_violations = near
        self.regs.regs.preload(near)  # the register scoreboard's model too
        await RisingEdge(dut.clk_i)
        await super().body()  # every status at least twice, hits and misses
        for _ in range(3):
            await self.regs.read(REG_ID, 1)  # refused
            await self.regs.read(REG_ACCESS_VIOLATIONS)
        assert model.access_violations == ERR_CNT_MAX

    async def check_counters(self) -> None:
        for st in ERROR_STATUSES:
            assert self.env.model.err_cnt[st] == ERR_CNT_MAX, f"{st.name} produced fewer than twice"
            await self.regs.read(err_cnt_reg(st))  # the model predicts all ones
        for a, name in ((REG_HIT_CNT, "HIT_CNT"), (REG_MISS_CNT, "MISS_CNT")):
            value = await self.regs.read(a)
            if value != ERR_CNT_MAX:
                self.fail(f"{name} = 0x{value:x} after passing its limit, expected 0xffffffff")
        await self.regs.read(REG_ACCESS_VIOLATIONS)
