"""Invalidation: racing table changes and misses in flight, done held by an outstanding read, and
what each scope drops."""

from __future__ import annotations

import cocotb

from models.bat_clat import (
    F_INVAL,
    F_INVAL_STATUS,
    INVAL,
    REG_INVAL_CTRL,
    REG_INVAL_STATUS,
    SCOPE_ALL,
    SCOPE_FUNC,
    SCOPE_SERVICE,
    DoneModel,
    Invalidation,
    func_reg,
)
from tb.bat_clat.env.host_mem import AxiFault
from tb.bat_clat.env.sequences import FixedSeq, TrafficSeq
from tb.common import seed

from .base import BatClatTest


class InvalidationRaceTest(BatClatTest):
    """Tables change in memory while misses are in flight, then an invalidation (every scope, from the
    PF and from the VF itself). Once done reads 1, no response may use the old tables (the scoreboard
    drops the old values from the candidates at that moment)."""

    knobs = {"r_stall_prob": 0.5, "ar_stall_prob": 0.3, "bp_prob": 0.2}
    rounds = 40

    async def body(self):
        nf = self.cfg.params.num_functions
        funcs = list(range(min(nf, 4)))
        for f in funcs:
            fn = self.vm.build_function(f, ["ok"] * 6)
            await self.vm.program(fn)
        seq = TrafficSeq("traffic", self.env, seed.rng("race_traffic"), n=10**9, locality=0.7, working_set=16,
                         funcs=funcs)
        task = cocotb.start_soon(seq.start(self.env.req_agent.seqr))
        await self.env.clocks(50)
        for _ in range(self.rounds):
            f = self.rng.choice(funcs)
            changed = [self.vm.random_change(f) for _ in range(self.rng.randint(1, 3))]
            await self.env.clocks(self.rng.randrange(0, 20))  # old values may still be fetched now
            scope = self.rng.choice([SCOPE_ALL, SCOPE_FUNC, SCOPE_SERVICE])
            if scope == SCOPE_SERVICE and len({s for _, s in changed}) > 1:
                scope = SCOPE_FUNC
            as_vf = f != 0 and scope != SCOPE_ALL and self.rng.random() < 0.5
            inval = cocotb.start_soon(self.vm.invalidate(scope, func=f, service=changed[0][1], as_func=f if as_vf else 0))
            if self.rng.random() < 0.3:
                # a change while the invalidation is pending: not covered by it, old value stays acceptable
                await self.env.clocks(self.rng.randrange(1, 8))
                self.vm.random_change(self.rng.choice(funcs))
            await inval
            await self.env.clocks(self.rng.randrange(0, 30))
        seq.stop = True
        await task


class InvalDoneHeldReadTest(BatClatTest):
    """INVAL_STATUS.done stays 0 while an AXI read issued before the invalidation is outstanding (the
    memory holds its data), whatever the invalidation covers, and reads 1 again once the read's last
    beat has returned; predicted by the model's DoneModel from the reads the AXI monitor sees."""

    def outstanding(self) -> set:
        return {(ar.arid, ar.ar_cycle) for q in self.env.axi_monitor.pending.values() for ar in q}

    async def body(self):
        vm, slave = self.vm, self.env.mem_slave
        await vm.setup(1, ["ok", "ok"], entries=8, log2=12, invalid_frac=0.0)
        await vm.setup(2, ["ok"], entries=8, log2=12, invalid_frac=0.0)
        for match, scope, func, service, as_func in (
            ("bat", SCOPE_ALL, 0, 0, 0),
            ("clat", SCOPE_SERVICE, 1, 0, 0),
            ("bat", SCOPE_FUNC, 2, 0, 0),  # covers another function: the read is still waited for
            ("clat", SCOPE_FUNC, 1, 0, 1),  # the VF's own INVAL register
        ):
            await vm.invalidate(SCOPE_ALL)  # cold caches
            fault = slave.inject(AxiFault(match, hold=True))
            self.sb.keep_latencies = True
            seq = cocotb.start_soon(FixedSeq("held", self.env, self.rng, [(1, 0, 0x3008)]).start(self.env.req_agent.seqr))
            await fault.started.wait()
            await self.env.clocks(2)  # the AXI monitor has recorded the read
            if as_func:
                inv = Invalidation(scope, as_func, service)
                ctrl, status, value = func_reg(as_func, F_INVAL), func_reg(as_func, F_INVAL_STATUS), INVAL.encode(scope, 0, service)
            else:
                inv = Invalidation(scope, func, service)
                ctrl, status, value = REG_INVAL_CTRL, REG_INVAL_STATUS, INVAL.encode(scope, func, service)
            done_model = DoneModel()
            done_model.written(self.outstanding())
            mark = self.env.mem.mark()
            self.sb.inval_written(inv)
            await self.regs.write(ctrl, value, as_func)
            self.env.model.take_invalidations()
            what = f"invalidation {inv} with a {match} read held"
            for _ in range(6):  # the held read is outstanding: done must read 0
                v = await self.regs.read(status, as_func)
                done_model.update(self.outstanding())
                if not done_model.must_be_busy:
                    self.fail(f"{what}: the held read is no longer outstanding (test ineffective)")
                if v & 1:
                    self.fail(f"{what}: done read 1 while a read issued before it was outstanding")
            fault.release()
            for _ in range(200):
                v = await self.regs.read(status, as_func)
                done_model.update(self.outstanding())
                if v & 1:
                    if done_model.must_be_busy:
                        self.fail(f"{what}: done read 1 before the held read's last beat")
                    break
            else:
                self.fail(f"{what}: done never read 1 after the read returned")
            self.env.mem.invalidated(inv, mark)
            self.sb.inval_done(inv)
            await seq
            await self.sb.drain(2000)


class InvalidationScopeTest(BatClatTest):
    """Each scope drops what it names and nothing else: after the invalidation a request to a covered
    entry must read memory again, and entries outside the scope still hit. The cache organisation is
    the RTL's choice, so the probe entries are first chosen to fit in the caches together (all of them
    hit after a warm-up); a probe set that never fits is reported as cache aliasing."""

    async def pick_probes(self) -> list[tuple[int, int, int]]:
        for attempt in range(20):
            warm = [(1, 0, 0), (1, 1, 0), (2, 0, 0)] if attempt == 0 else [
                (1, 0, self.rng.randrange(16) << 12), (1, 1, self.rng.randrange(16) << 12),
                (2, 0, self.rng.randrange(16) << 12)]
            for r in warm:
                await self.one(*r)
            looks = [(await self.one(*r)).lookup for r in warm]
            if all(lk == "hit" for lk in looks):
                return warm
            self.logger.warning("probe set %s does not fit in the caches together (%s): aliasing", warm, looks)
        self.fail("no set of 3 entries of functions 1, 2 fits in the caches together (cache aliasing)")

    async def body(self):
        await self.vm.setup(1, ["ok", "ok"], entries=16, log2=12, invalid_frac=0.0)
        await self.vm.setup(2, ["ok"], entries=16, log2=12, invalid_frac=0.0)
        warm = await self.pick_probes()
        (f1s0, f1s1, f2s0) = warm
        for scope, func, service, as_func, expect_miss in [
            (SCOPE_SERVICE, 1, 0, 0, {f1s0}),
            (SCOPE_FUNC, 1, 0, 0, {f1s0, f1s1}),
            (SCOPE_ALL, 0, 0, 0, set(warm)),
            (SCOPE_SERVICE, 1, 1, 1, {f1s1}),
            (SCOPE_FUNC, 2, 0, 2, {f2s0}),
        ]:
            for r in warm:
                await self.one(*r)
            await self.vm.invalidate(scope, func=func, service=service, as_func=as_func)
            for r in warm:
                c = await self.one(*r)
                if r in expect_miss and c.lookup != "miss":
                    self.fail(
                        f"after invalidation scope={scope} f={func} s={service} (as function {as_func}): "
                        f"request {r} was answered from the cache; it must read memory again"
                    )
                if r not in expect_miss and c.lookup != "hit":
                    self.fail(
                        f"after invalidation scope={scope} f={func} s={service} (as function {as_func}): "
                        f"request {r}, outside the scope, was no longer cached"
                    )
