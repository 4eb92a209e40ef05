"""pyuvm tests of the BAT/CLAT unit. manifest.py names, for each cocotb test, the class here it runs.

Every test: reset, build tables + program registers (VM driver), stimulus, wait until every
accepted request has its response (scoreboard.drain), then compare the counters with the model.
"""

from __future__ import annotations

import itertools
from collections import Counter

import cocotb
from cocotb.triggers import ClockCycles, FallingEdge, RisingEdge
from pyuvm import ConfigDB, uvm_test

from models.bat_clat import (
    BAT_READ_BEATS,
    CLAT_READ_BEATS,
    DECERR,
    ERR_CNT_MAX,
    ERROR_STATUSES,
    F_BAT_BASE_HI,
    F_BAT_BASE_LO,
    F_BAT_ENTRIES,
    F_CTRL,
    F_INVAL,
    F_INVAL_STATUS,
    FUNC_BASE,
    FUNC_STRIDE,
    INVAL,
    REG_ACCESS_VIOLATIONS,
    REG_AXI_PROTO_ERR,
    REG_HIT_CNT,
    REG_ID,
    REG_INVAL_CTRL,
    REG_INVAL_STATUS,
    REG_MISS_CNT,
    REG_PARAMS,
    SCOPE_ALL,
    SCOPE_FUNC,
    SCOPE_SERVICE,
    SLVERR,
    DoneModel,
    Invalidation,
    Status,
    err_cnt_reg,
    func_reg,
    read_outcome,
)
from tb.common import bench, seed
from tb.common.clock import start_clock
from tb.common.reset import reset_pulse
from tb.common.scoreboard import ScoreboardError

from ..env.cfg import EnvCfg
from ..env.env import BatClatEnv
from ..env.host_mem import AxiFault
from ..env.seq_lib import FixedSeq, TrafficSeq
from ..env.vm_driver import REGION
from ..manifest import BLOCK


class BaseTest(uvm_test):
    """Reset, body(), drain, counter check. Subclasses set `cfg_kw` and override `body`."""

    cfg_kw: dict = {}

    def build_phase(self):
        dut = cocotb.top
        self.cfg = EnvCfg.from_dut(dut, clock_period_ns=BLOCK.clock_period_ns, **self.cfg_kw)
        ConfigDB().set(None, "*", "dut", dut)
        ConfigDB().set(None, "*", "cfg", self.cfg)
        self.env = BatClatEnv("env", self)

    def end_of_elaboration_phase(self):
        self.rng = seed.rng("test")
        self.vm = self.env.vm
        self.regs = self.env.reg_agent
        self.sb = self.env.scoreboard

    async def run_phase(self):
        self.raise_objection()
        seed.announce(self.logger)
        self.logger.info("DUT parameters: %s; knobs: %s", self.cfg.params, self.cfg_kw)
        await start_clock(self.env.dut, BLOCK.clock_period_ns)
        self.env.dut.req_valid_i.value = 0
        self.env.dut.rsp_ready_i.value = 1
        await self.env.reset()
        await self.body()
        await self.sb.drain()
        await self.check_counters()
        self.drop_objection()

    async def body(self) -> None:
        raise NotImplementedError

    # ---- helpers
    async def traffic(self, n: int, **kw) -> TrafficSeq:
        seq = TrafficSeq("traffic", self.env, seed.rng(f"traffic{self.rng.random()}"), n=n, **kw)
        await seq.start(self.env.req_agent.seqr)
        return seq

    async def one(self, func: int, service: int, offset: int):
        """Send one request and wait for its response; returns the scoreboard's Checked record."""
        self.sb.keep_latencies = True
        before = len(self.sb.latencies)
        await FixedSeq("one", self.env, self.rng, [(func, service, offset)]).start(self.env.req_agent.seqr)
        await self.sb.drain(2000)
        return self.sb.latencies[before]

    # True where no table word changes during the test: then a response the scoreboard saw no memory
    # read for is certainly a hit, so HIT_CNT >= those and MISS_CNT <= the rest (see check_counters)
    lookup_bounds = False

    async def check_counters(self) -> None:
        """At quiescence: ERR_CNT[k] exact (reg agent compares with the model), HIT + MISS = lookups,
        HIT + MISS + ERR_CNT[FUNC_INVALID] + ERR_CNT[SERVICE_RANGE] + ERR_CNT[MISS_LIMIT] = responses
        since reset."""
        errs = {st: await self.regs.read(err_cnt_reg(st)) for st in ERROR_STATUSES}
        hits = await self.regs.read(REG_HIT_CNT)
        misses = await self.regs.read(REG_MISS_CNT)
        if hits + misses != self.sb.lookups:
            raise ScoreboardError(
                f"HIT_CNT {hits} + MISS_CNT {misses} != {self.sb.lookups} responses that needed a table lookup"
            )
        n_rsp = sum(self.sb.status_since_reset.values())
        reg_errs = errs[Status.FUNC_INVALID] + errs[Status.SERVICE_RANGE] + errs[Status.MISS_LIMIT]
        if hits + misses + reg_errs != n_rsp:
            raise ScoreboardError(
                f"HIT_CNT {hits} + MISS_CNT {misses} + ERR_CNT[FUNC_INVALID,SERVICE_RANGE,MISS_LIMIT] {reg_errs} != "
                f"{n_rsp} responses since reset"
            )
        if self.lookup_bounds:
            seen_hit = self.sb.lookup_since_reset["hit"]
            if hits < seen_hit or misses > self.sb.lookups - seen_hit:
                raise ScoreboardError(
                    f"HIT_CNT {hits} / MISS_CNT {misses}: {seen_hit} responses had no memory read for them, so "
                    f"HIT_CNT >= {seen_hit} and MISS_CNT <= {self.sb.lookups - seen_hit}"
                )
        await self.regs.read(REG_ACCESS_VIOLATIONS)
        await self.regs.read(REG_AXI_PROTO_ERR)  # against the model: 0 unless a test sent malformed beats
        self.logger.info("counters: hits=%d misses=%d, per status %s", hits, misses, dict(self.sb.status_count))


# ------------------------------------------------------------------------------------ random traffic
class RandomTrafficTest(BaseTest):
    """Every function with tables of every kind; random requests, hits and misses, every status."""

    n_requests = 3000
    lookup_bounds = True
    reg_bp_prob = 0.0  # AXI4-Lite back-pressure on the register port during the traffic

    async def body(self):
        nf = self.cfg.params.num_functions
        await self.vm.setup_world(disabled=(nf - 2,) if nf > 3 else ())
        self.regs.port.set_backpressure(seed.rng("reg_bp"), self.reg_bp_prob)
        stop = [False]
        regs = cocotb.start_soon(self.random_registers(stop))
        await self.traffic(self.n_requests)
        stop[0] = True
        await regs

    async def random_registers(self, stop: list[bool]) -> None:
        """Random register accesses while the translation traffic runs, each checked by the register
        scoreboard (counters are read with requests in flight): reads of every global and function
        register as the PF or the owner; writes that keep the translation configuration (a function's
        current BAT_BASE_LO/HI, BAT_ENTRIES, CTRL value, with random strobes; INVAL_CTRL and
        FUNC[f].INVAL with go=0); now and then a real invalidation (the tables do not change, so it
        only costs misses); refused accesses (a VF to a global register or another function's block);
        misaligned, unmapped and read-only-register accesses (SLVERR)."""
        rng = seed.rng("reg_traffic")
        nf = self.cfg.params.num_functions
        p, model = self.regs, self.env.model
        mapped = [a for a in global_words() if not model.address_error(a, False)]
        holes = [a for a in global_words() if model.address_error(a, False)]
        read_only = [a for a in mapped if model.address_error(a, True)]
        func_offs = [F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL, F_INVAL_STATUS]
        kinds = Counter()
        while not stop[0]:
            await self.env.clocks(rng.randrange(0, 10))
            f = rng.randrange(nf)
            own = rng.choice([0, f])  # the PF or the function itself
            r = rng.random()
            if r < 0.30:
                kinds["global_read"] += 1
                await p.read(rng.choice(mapped))
            elif r < 0.45:
                kinds["func_read"] += 1
                await p.read(func_reg(f, rng.choice(func_offs)), own)
            elif r < 0.57:
                kinds["same_value_write"] += 1
                a = func_reg(f, rng.choice([F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL]))
                await p.write(a, p.regs.current(a), own, strb=rng.choice([0xF, 0xF, rng.randrange(16)]))
            elif r < 0.65:
                kinds["inval_go0_write"] += 1
                value = INVAL.encode(rng.randrange(4), rng.randrange(256), rng.randrange(256), go=False)
                if rng.random() < 0.5:
                    await p.write(REG_INVAL_CTRL, value, strb=rng.choice([0xF, rng.randrange(16)]))
                else:
                    await p.write(func_reg(f, F_INVAL), value, own)
            elif r < 0.67:
                kinds["invalidation"] += 1
                scope = rng.choice([SCOPE_ALL, SCOPE_FUNC, SCOPE_SERVICE])
                as_vf = f != 0 and scope != SCOPE_ALL and rng.random() < 0.5
                await self.vm.invalidate(scope, func=f, service=rng.randrange(4), as_func=f if as_vf else 0)
            elif r < 0.76:
                kinds["refused"] += 1
                vf = rng.randrange(1, 256)
                a = rng.choice([rng.choice(mapped), func_reg(rng.randrange(64), rng.choice(func_offs))])
                if model.access_allowed(vf, a):
                    a = rng.choice(mapped)  # a global register: never a VF's
                if rng.random() < 0.5:
                    await p.read(a, vf)
                else:
                    await p.write(a, rng.getrandbits(32), vf)
            elif r < 0.84:
                kinds["misaligned"] += 1
                a = rng.choice(mapped + [func_reg(f, o) for o in func_offs]) + rng.randrange(1, 4)
                await p.sub_word(a, own if a >= FUNC_BASE else 0, write=rng.random() < 0.5, value=rng.getrandbits(32))
            elif r < 0.92:
                kinds["unmapped"] += 1
                a, acc = rng.choice([(rng.choice(holes), 0), (func_reg(f, rng.choice([0x18, 0x1C])), own)])
                if rng.random() < 0.5:
                    await p.read(a, acc)
                else:
                    await p.write(a, rng.getrandbits(32), acc)
            else:
                kinds["read_only_write"] += 1
                a, acc = rng.choice([(rng.choice(read_only), 0), (func_reg(f, F_INVAL_STATUS), own)])
                await p.write(a, rng.getrandbits(32), acc, strb=rng.choice([0xF, rng.randrange(16)]))
        self.logger.info("random register traffic: %s", dict(kinds))


class RandomTrafficIdleBpTest(RandomTrafficTest):
    """The same with idle cycles on requests, rsp_ready back-pressure and AXI ARREADY/RVALID stalls."""

    cfg_kw = {"idle_prob": 0.3, "bp_prob": 0.4, "ar_stall_prob": 0.3, "r_stall_prob": 0.3}
    reg_bp_prob = 0.3


class AxiBackpressureTest(RandomTrafficTest):
    """Heavy AR/R stalls, response back-pressure, little locality: misses pile up to MaxMisses."""

    cfg_kw = {"bp_prob": 0.5, "ar_stall_prob": 0.7, "r_stall_prob": 0.7}
    n_requests = 1500

    async def body(self):
        nf = self.cfg.params.num_functions
        await self.vm.setup_world(disabled=(nf - 2,) if nf > 3 else ())
        await self.traffic(self.n_requests, locality=0.2)
        # and bursts: stalls switched off and on while traffic runs
        for ar, r in ((0.0, 0.0), (0.9, 0.0), (0.0, 0.9)):
            self.env.set_mem_stalls(ar, r)
            await self.traffic(300, locality=0.3)


class NegativeRegisterReadTest(BaseTest):
    """The register scoreboard sees one read value with a bit flipped (CheckedRegisterPort's
    corrupt_next_read, active only with VIRTIP_INJECT): it must raise ScoreboardError."""

    async def body(self):
        await self.vm.setup(1, ["ok", "ok"])
        await self.traffic(100, funcs=[1])
        self.regs.checked.corrupt_next_read = True
        await self.regs.read(func_reg(1, F_BAT_ENTRIES))  # the value the VM driver wrote (2), bit 0 flipped


class NegativeWrongAddressTest(RandomTrafficTest):
    """The scoreboard must catch a wrong response: the prediction of response #50 is corrupted."""

    cfg_kw = {"inject_at_response": 50}
    n_requests = 400


# ------------------------------------------------------------------------------------ error statuses
class ErrorStatusTest(BaseTest):
    """Directed: each status from each cause, one request at a time; memory reads per status checked."""

    async def body(self):
        nf = self.cfg.params.num_functions
        vm = self.vm
        kinds = ["ok", "bat_invalid", "bad_log2", "bad_log2", "clat_slverr", "clat_decerr", "ok"]
        f1 = vm.build_function(1, kinds, entries=8)
        sv0 = f1.services[0]
        for b in range(sv0.clat_entries):  # alternate valid / invalid CLAT entries
            sv0.blocks[b] = None if b % 2 else vm.random_block_addr()
            vm.write_clat_entry(f1, 0, b)
        await vm.program(f1)
        f2 = await vm.setup(2 % nf, ["ok", "ok"], bat_where="slverr")
        f3 = await vm.setup(3 % nf, ["ok"], bat_where="decerr")
        f4 = vm.build_function(4 % nf, ["ok"])
        f4.enable = False
        await vm.program(f4)
        f5 = await vm.setup(5 % nf, ["ok"], entries=0)  # an empty CLAT: every block out of range
        f0 = await vm.setup(0, ["ok", "ok"])
        reqs = [
            (nf, 0, 0), (255, 0, 0), (f4.func, 0, 0),  # FUNC_INVALID
            (1, len(kinds), 0), (1, 255, 0), (0, 2, 0),  # SERVICE_RANGE
            (1, 1, 0), (1, 2, 0x1000), (1, 3, 0),  # BAT_INVALID
            (1, 0, sv0.clat_entries << sv0.log2), (f5.func, 0, 0),  # BLOCK_RANGE
            (1, 4, 0), (1, 5, 0), (f2.func, 1, 0), (f3.func, 0, 0),  # BUS_ERROR
        ]
        for b in range(sv0.clat_entries):  # OK and CLAT_INVALID
            reqs.append((1, 0, (b << sv0.log2) | self.rng.randrange(sv0.block_size)))
        reqs += [(0, s, self.rng.randrange(f0.services[s].clat_entries << f0.services[s].log2)) for s in (0, 1)]
        reqs = reqs + reqs  # the second time round, tables may come from the cache
        mon = self.env.axi_monitor
        for f, s, off in reqs:
            n0 = mon.ar_count
            c = await self.one(f, s, off)
            st = Status(c.rsp.status)
            if st in (Status.FUNC_INVALID, Status.SERVICE_RANGE) and mon.ar_count != n0:
                raise ScoreboardError(f"{st.name} for f={f} s={s}: {mon.ar_count - n0} memory read(s), expected none")
            if st == Status.BUS_ERROR and mon.ar_count == n0:
                raise ScoreboardError(f"BUS_ERROR for f={f} s={s} answered without a read: a failed read was cached")
        await self.miss_limit_twice(6 % nf)
        missing = {s.name for s in Status} - {Status(s).name for s in self.sb.status_count}
        assert not missing, f"directed test did not produce statuses {missing}"

    async def miss_limit_twice(self, f: int) -> None:
        """MISS_LIMIT twice: function f's memory holds its first MaxMissesPerFunc misses (no read for
        the two over the limit), then answers."""
        await self.vm.setup(f, ["ok"] * 2, entries=8, log2=12, invalid_frac=0.0)
        sn = StuckNeighbour(self, f)
        sn.stick()
        await sn.fill()
        for b in (5, 6):
            await sn.expect_miss_limit(f, 0, b << 12)
        sn.slave.unstick()
        await self.sb.drain(2000)


class HitMissCounterTest(BaseTest):
    """Directed: the first use of an entry after an invalidation misses, the next use hits; register
    errors count as neither. Checks HIT_CNT/MISS_CNT step by step."""

    async def body(self):
        fn = await self.vm.setup(1, ["ok", "ok"], entries=4, log2=12, invalid_frac=0.0)
        hits = misses = 0

        async def expect(dh: int, dm: int, what: str):
            nonlocal hits, misses
            h, m = await self.regs.read(REG_HIT_CNT), await self.regs.read(REG_MISS_CNT)
            if (h - hits, m - misses) != (dh, dm):
                raise ScoreboardError(f"{what}: HIT_CNT +{h - hits}, MISS_CNT +{m - misses}; expected +{dh}, +{dm}")
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


class CounterReconfigRaceTest(BaseTest):
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
            self.regs.model.take_invalidations()
            fault.release()
            await seq
            await self.sb.drain(2000)
            c = self.sb.latencies[n0]
            if c.rsp.status != want:
                raise ScoreboardError(f"request (f1, s3) racing {reg=:#x}<-{value}: {Status(c.rsp.status).name}, "
                                      f"expected {want.name} (replayed after the reconfiguration)")
            after = {a: await self.regs.read(a) for a in before}
            delta = {a: after[a] - before[a] for a in before}
            exp = {REG_HIT_CNT: 0, REG_MISS_CNT: 0, err_cnt_reg(want): 1}
            if delta != exp:
                raise ScoreboardError(
                    f"{want.name} after a held BAT read: HIT_CNT +{delta[REG_HIT_CNT]}, MISS_CNT "
                    f"+{delta[REG_MISS_CNT]}, ERR_CNT[{want.name}] +{delta[err_cnt_reg(want)]}; expected +0, +0, +1"
                )


# ------------------------------------------------------------------------------------ malformed AXI
class AxiMalformedTest(BaseTest):
    """Directed: the memory (a broken or hostile interconnect) answers malformed bursts: RLAST on the
    wrong beat (early, late with extra beats, missing on a CLAT read), SLVERR/DECERR on either beat,
    R beats whose RID matches no outstanding read. The model (read_outcome) says whether the read
    failed (BUS_ERROR, nothing cached) and how much AXI_PROTO_ERR counts; stray beats are dropped."""

    async def body(self):
        vm, slave, mem = self.vm, self.env.mem_slave, self.env.mem
        fn = await vm.setup(1, ["ok"] * 4, entries=8, log2=12, invalid_frac=0.0)
        cases = [
            ("bat_early_rlast", AxiFault("bat", beats=1)),
            ("bat_late_rlast", AxiFault("bat", beats=3)),
            ("bat_two_extra_beats", AxiFault("bat", beats=4)),
            ("bat_late_rlast_junk_held", AxiFault("bat", beats=3, hold=True, hold_before=3)),
            ("bat_slverr_beat1", AxiFault("bat", resp_at={1: SLVERR})),
            ("bat_decerr_beat1", AxiFault("bat", resp_at={1: DECERR})),
            ("bat_slverr_beat2", AxiFault("bat", resp_at={2: SLVERR})),
            ("bat_decerr_beat2", AxiFault("bat", resp_at={2: DECERR})),
            ("bat_early_rlast_slverr", AxiFault("bat", beats=1, resp_at={1: SLVERR})),
            ("clat_no_rlast", AxiFault("clat", beats=2)),
            ("clat_no_rlast_two_extra", AxiFault("clat", beats=3)),
            ("clat_no_rlast_held", AxiFault("clat", beats=2, hold=True, hold_before=2)),
            ("clat_slverr", AxiFault("clat", resp_at={1: SLVERR})),
            ("clat_decerr", AxiFault("clat", resp_at={1: DECERR})),
        ]
        for i, (name, fault) in enumerate(cases):
            s = i % len(fn.services)
            sv = fn.services[s]
            b = self.rng.randrange(sv.clat_entries)
            off = (b << sv.log2) | self.rng.randrange(sv.block_size)
            await vm.invalidate(SCOPE_ALL)  # cold caches: the request reads the BAT and the CLAT
            bat_addr = (fn.bat_base & ~0xF) + 16 * s
            words = {bat_addr, bat_addr + 8} if fault.match == "bat" else {sv.clat_base + 8 * b}
            failed, proto = read_outcome(BAT_READ_BEATS if fault.match == "bat" else CLAT_READ_BEATS,
                                         fault.sent_beats(BAT_READ_BEATS if fault.match == "bat" else CLAT_READ_BEATS))
            if failed:
                mem.faulted |= words  # the model predicts what the contract says for a failed read
            slave.inject(fault)
            if fault.hold:
                c = await self._held_junk(fault, s, off)
            else:
                c = await self.one(1, s, off)
            if failed and c.rsp.status != Status.BUS_ERROR:
                raise ScoreboardError(f"{name}: answered {Status(c.rsp.status).name}, expected BUS_ERROR")
            self.env.model.count_axi_proto_errors(proto)
            await self.regs.read(REG_AXI_PROTO_ERR)  # against the model
            mem.faulted -= words
            # nothing from the failed read was cached: the same request reads that word again
            c2 = await self.one(1, s, off)
            again = [ar for ar in self.sb.reads if ar.ar_cycle >= c2.req.cycle and any(ar.addr <= w < ar.addr + 8 * ar.nbeats for w in words)]
            if failed and not again:
                raise ScoreboardError(f"{name}: the request after the failed read did not read it again (cached)")
            self.logger.info("%s: %s, AXI_PROTO_ERR +%d", name, Status(c.rsp.status).name, proto)
        await self._stray_beats(fn)

    async def _held_junk(self, fault: AxiFault, s: int, off: int):
        """A BAT burst with an extra beat, held before the junk beat: while held, other misses are
        issued; none may reuse the held read's ARID (its entry waits for RLAST)."""
        d = self.env.dut
        self.sb.keep_latencies = True
        n0 = len(self.sb.latencies)
        seq = cocotb.start_soon(FixedSeq("held", self.env, self.rng, [(1, s, off)]).start(self.env.req_agent.seqr))
        await fault.started.wait()
        await self.env.clocks(10)  # the beats before the hold have arrived
        others = [(1, o, 0x1000 * k) for k in (1, 2) for o in range(4) if o != s]
        seq2 = cocotb.start_soon(FixedSeq("others", self.env, self.rng, others).start(self.env.req_agent.seqr))
        arids = []
        for _ in range(80):
            await RisingEdge(d.clk_i)
            if d.m_axi_arvalid.value and d.m_axi_arready.value:
                arids.append(int(d.m_axi_arid.value))
        if fault.arid in arids:
            raise ScoreboardError(f"ARID {fault.arid} reused while its burst still had beats to come ({arids})")
        if len(arids) < 2:
            raise ScoreboardError(f"no other read issued while the junk beat was held ({arids}): test ineffective")
        fault.release()
        await seq
        await seq2
        await self.sb.drain(2000)
        return next(c for c in self.sb.latencies[n0:] if (c.req.service, c.req.offset) == (s, off))

    async def _stray_beats(self, fn) -> None:
        """R beats that belong to no outstanding read are dropped (and counted): RID beyond the miss
        table, RID of an idle entry, and RID of an entry whose AR has not been accepted yet."""
        d, slave, mon = self.env.dut, self.env.mem_slave, self.env.axi_monitor
        slots = self.cfg.params.max_misses + 2
        id_max = (1 << len(d.m_axi_arid)) - 1
        for rid, last in ((id_max, True), (id_max, False), (slots - 1, True), (slots - 1, False), (0, False)):
            await self.vm.invalidate(SCOPE_ALL)
            mon.strays_expected += 1
            await slave.stray_beat(rid, last=last)
            self.env.model.count_axi_proto_errors(1)
            await self.env.clocks(5)
            await self.one(1, 0, 0x10)  # a miss after it: answered from its own read
        # a stray beat while another read waits for its first beat: that read is answered correctly
        await self.vm.invalidate(SCOPE_ALL)
        fault = slave.inject(AxiFault("bat", hold=True))
        self.sb.keep_latencies = True
        n0 = len(self.sb.latencies)
        seq = cocotb.start_soon(FixedSeq("held", self.env, self.rng, [(1, 2, 0x18)]).start(self.env.req_agent.seqr))
        await fault.started.wait()
        mon.strays_expected += 2
        await slave.stray_beat(slots - 1, last=False, data=0x8000_0020_0000_000C)
        await slave.stray_beat(id_max, last=True)
        self.env.model.count_axi_proto_errors(2)
        await self.env.clocks(6)
        fault.release()
        await seq
        await self.sb.drain(2000)
        if self.sb.latencies[n0].rsp.status != Status.OK:
            raise ScoreboardError("a stray beat during another read changed that read's answer")
        for last in (True, False):
            # an entry whose AR waits for ARREADY: its RID is not outstanding yet
            await self.vm.invalidate(SCOPE_ALL)
            slave.ar_channel.set_pause_generator(itertools.repeat(True))
            self.sb.keep_latencies = True
            n0 = len(self.sb.latencies)
            seq = cocotb.start_soon(FixedSeq("stray", self.env, self.rng, [(1, 1, 0x20)]).start(self.env.req_agent.seqr))
            for _ in range(100):
                await RisingEdge(d.clk_i)
                if d.m_axi_arvalid.value:
                    break
            else:
                raise ScoreboardError("no AR issued for the miss")
            mon.strays_expected += 1
            await slave.stray_beat(int(d.m_axi_arid.value), last=last)
            self.env.model.count_axi_proto_errors(1)
            await self.env.clocks(6)
            self.env.set_mem_stalls(self.cfg.ar_stall_prob, self.cfg.r_stall_prob)
            await seq
            await self.sb.drain(2000)
            if self.sb.latencies[n0].rsp.status != Status.OK:
                raise ScoreboardError("a stray beat for a read not yet accepted changed the request's answer")
        if mon.strays_expected:
            raise ScoreboardError(f"{mon.strays_expected} stray beat(s) never seen on the R channel")
        await self.regs.read(REG_AXI_PROTO_ERR)


# ------------------------------------------------------------------------------------ registers
class RegAccessTest(BaseTest):
    """Every (accessor, register) pair: allowed ones work, refused ones answer SLVERR, change nothing,
    and count in ACCESS_VIOLATIONS; afterwards translation still works."""

    max_pairs = 2000

    async def body(self):
        nf = self.cfg.params.num_functions
        await self.vm.setup(1, ["ok", "ok"])
        await self.vm.setup(nf - 1, ["ok"])
        p = self.regs
        # constants of the build
        await p.read(REG_ID)
        await p.read(REG_PARAMS)
        globals_ = [REG_ID, REG_PARAMS, REG_INVAL_CTRL, REG_INVAL_STATUS, err_cnt_reg(1), err_cnt_reg(6),
                    REG_HIT_CNT, REG_MISS_CNT, REG_ACCESS_VIOLATIONS, REG_AXI_PROTO_ERR, 0x0FC]
        targets = sorted({0, 1, nf - 1, min(nf, 63), 63, 64, 0x7F})
        offs = [F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL, F_INVAL_STATUS, 0x18]
        addrs = globals_ + [FUNC_BASE + FUNC_STRIDE * t + o for t in targets for o in offs]
        addrs = [a for a in addrs if a < 0x1000]
        accessors = sorted({0, 1, 2 % nf, nf - 1, nf, 255})
        pairs = [(a, x) for a in accessors for x in addrs]
        self.rng.shuffle(pairs)
        for acc, addr in pairs[: self.max_pairs]:
            await p.read(addr, acc)
            if addr in (REG_INVAL_CTRL,) or (addr >= FUNC_BASE and (addr - FUNC_BASE) % FUNC_STRIDE == F_INVAL):
                value = INVAL.encode(self.rng.choice([SCOPE_ALL, SCOPE_FUNC, SCOPE_SERVICE]), 1, 0,
                                     go=self.rng.random() < 0.5)
            else:
                value = self.rng.getrandbits(32)
            await p.write(addr, value, acc)
        # nothing a refused access touched changed: the PF reads back every function's registers
        for f in range(nf):
            for o in (F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL):
                await p.read(func_reg(f, o))
        await p.read(REG_INVAL_CTRL)
        await p.read(REG_ACCESS_VIOLATIONS)
        self.logger.info("register accesses: %d pairs, %d refused", len(pairs[: self.max_pairs]) * 2,
                         self.env.model.access_violations)
        # wait for invalidations the writes started, then tables from scratch and traffic
        for _ in range(1000):
            if await p.read(REG_INVAL_STATUS) & 1:
                break
        await self.vm.setup(1, ["ok", "ok", "bat_invalid"])
        await self.vm.setup(nf - 1, ["ok"])
        await self.traffic(300, funcs=[1, nf - 1])


# ------------------------------------------------------------------------------------ invalidation
class InvalidationRaceTest(BaseTest):
    """Tables change in memory while misses are in flight, then an invalidation (every scope, from the
    PF and from the VF itself). Once done reads 1, no response may use the old tables (the scoreboard
    drops the old values from the candidates at that moment)."""

    cfg_kw = {"r_stall_prob": 0.5, "ar_stall_prob": 0.3, "bp_prob": 0.2}
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


class InvalDoneHeldReadTest(BaseTest):
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
            self.regs.model.take_invalidations()
            what = f"invalidation {inv} with a {match} read held"
            for _ in range(6):  # the held read is outstanding: done must read 0
                v = await self.regs.read(status, as_func)
                done_model.update(self.outstanding())
                if not done_model.must_be_busy:
                    raise ScoreboardError(f"{what}: the held read is no longer outstanding (test ineffective)")
                if v & 1:
                    raise ScoreboardError(f"{what}: done read 1 while a read issued before it was outstanding")
            fault.release()
            for _ in range(200):
                v = await self.regs.read(status, as_func)
                done_model.update(self.outstanding())
                if v & 1:
                    if done_model.must_be_busy:
                        raise ScoreboardError(f"{what}: done read 1 before the held read's last beat")
                    break
            else:
                raise ScoreboardError(f"{what}: done never read 1 after the read returned")
            self.env.mem.invalidated(inv, mark)
            self.sb.inval_done(inv)
            await seq
            await self.sb.drain(2000)


class InvalidationScopeTest(BaseTest):
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
        raise ScoreboardError("no set of 3 entries of functions 1, 2 fits in the caches together (cache aliasing)")

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
                    raise ScoreboardError(
                        f"after invalidation scope={scope} f={func} s={service} (as function {as_func}): "
                        f"request {r} was answered from the cache; it must read memory again"
                    )
                if r not in expect_miss and c.lookup != "hit":
                    raise ScoreboardError(
                        f"after invalidation scope={scope} f={func} s={service} (as function {as_func}): "
                        f"request {r}, outside the scope, was no longer cached"
                    )


# ------------------------------------------------------------------------------------ reset
class ResetMidTrafficTest(BaseTest):
    """Resets at random moments under traffic with misses in flight: requests accepted before a reset
    get no response; every request accepted after it gets exactly one; nothing hangs."""

    cfg_kw = {"r_stall_prob": 0.3, "bp_prob": 0.3, "idle_prob": 0.1}
    resets = 6

    async def body(self):
        seq = TrafficSeq("traffic", self.env, seed.rng("reset_traffic"), n=10**9, locality=0.5)
        await self.vm.setup_world(n_funcs=min(4, self.cfg.params.num_functions), services=4)
        task = cocotb.start_soon(seq.start(self.env.req_agent.seqr))
        for _ in range(self.resets):
            await self.env.clocks(self.rng.randrange(20, 400))
            self.logger.info("reset with %d request(s) in flight", len(self.sb.outstanding))
            await self.env.reset(self.rng.randrange(1, 4))
            await self.env.clocks(self.rng.randrange(0, 20))  # requests now: function not enabled
            await self.vm.setup_world(n_funcs=min(4, self.cfg.params.num_functions), services=4)
        await self.env.clocks(300)
        seq.stop = True
        await task


# ------------------------------------------------------------------------------------ benchmarks
class BenchHitsTest(BaseTest):
    """hit_latency_clk (request handshake to response handshake, worst of 32 single hits) and
    hit_throughput_per_clk (10,000 back-to-back hits, no back-pressure)."""

    n_requests = 10_000

    async def body(self):
        fn = await self.vm.setup(1, ["ok", "ok"], entries=8, log2=12, invalid_frac=0.0)
        blocks = [(1, s, b) for s in (0, 1) for b in range(fn.services[s].clat_entries)]
        for f, s, b in blocks:  # warm the caches
            await self.one(f, s, b << 12)
        lat = []
        for _ in range(32):
            f, s, b = self.rng.choice(blocks)
            c = await self.one(f, s, (b << 12) | self.rng.randrange(4096))
            if c.lookup != "hit":
                raise ScoreboardError(f"warm entry {(f, s, b)} missed")
            lat.append(c.latency)
        bench.record("hit_latency_clk", max(lat), self.logger)
        reqs = [(f, s, (b << 12) | self.rng.randrange(4096)) for f, s, b in
                (self.rng.choice(blocks) for _ in range(self.n_requests))]
        start = len(self.sb.latencies)
        await FixedSeq("hits", self.env, self.rng, reqs).start(self.env.req_agent.seqr)
        await self.sb.drain()
        done = self.sb.latencies[start:]
        first = min(c.req.cycle for c in done)
        last = max(c.rsp.cycle for c in done)
        tput = len(done) / (last - first + 1)
        bench.record("hit_throughput_per_clk", round(tput, 4), self.logger)
        assert max(lat) <= 2, f"hit latency {max(lat)} clocks > 2"
        assert tput >= 0.95, f"hit throughput {tput:.3f} responses/clock < 0.95"


class BenchMissesTest(BaseTest):
    """miss_latency_clk (a request after an invalidation: BAT + CLAT fetched; target <= two memory
    round trips + 4) and hit_under_miss_throughput_per_clk (hits streaming while misses are in
    flight: responses per clock over a mix of 1 miss per 16 requests)."""

    async def body(self):
        fn = await self.vm.setup(1, ["ok", "ok"], entries=256, log2=12, invalid_frac=0.0)
        lat, rts = [], []
        for i in range(16):
            await self.vm.invalidate(SCOPE_ALL)
            n0 = len(self.env.axi_monitor.round_trips)
            c = await self.one(1, i % 2, self.rng.randrange(256) << 12)
            if c.lookup != "miss":
                raise ScoreboardError("request after an invalidation did not read memory")
            lat.append(c.latency)
            rts += self.env.axi_monitor.round_trips[n0:]
        rt = max(rts)
        self.logger.info("memory round trip (AR handshake to last R beat): %d..%d clocks", min(rts), rt)
        bench.record("memory_round_trip_clk", rt, self.logger)
        bench.record("miss_latency_clk", max(lat), self.logger)
        # hits under misses: 32 warm hot entries in s0; every 16th request a cold block of s1
        hot = [(1, 0, b) for b in range(16)]
        for r in hot:
            await self.one(r[0], r[1], r[2] << 12)
        cold = iter(range(fn.services[1].clat_entries))
        reqs = []
        for i in range(4096):
            if i % 16 == 0:
                reqs.append((1, 1, next(cold, 0) << 12))
            else:
                f, s, b = self.rng.choice(hot)
                reqs.append((f, s, b << 12 | 0x8))
        start = len(self.sb.latencies)
        await FixedSeq("hum", self.env, self.rng, reqs).start(self.env.req_agent.seqr)
        await self.sb.drain()
        done = self.sb.latencies[start:]
        tput = len(done) / (max(c.rsp.cycle for c in done) - min(c.req.cycle for c in done) + 1)
        bench.record("hit_under_miss_throughput_per_clk", round(tput, 4), self.logger)
        assert max(lat) <= 2 * rt + 4, f"miss latency {max(lat)} > 2 x {rt} + 4 clocks"


# ------------------------------------------------------------------------------------ miss limit
class StuckNeighbour:
    """Function `func`'s tables sit in memory that never answers (host_mem stick): its first
    MaxMissesPerFunc misses wait until unstick(); shared by the miss-limit tests and the bench."""

    def __init__(self, test: BaseTest, func: int = 1):
        self.t = test
        self.func = func
        self.cap = test.cfg.params.max_misses_per_func
        self.slave = test.env.mem_slave
        self.sending = None

    def stick(self) -> None:
        lo = self.t.vm.region(self.func)
        self.slave.stick(lo, lo + REGION)

    async def setup(self) -> None:
        """Functions 1-3 with warm entries (function 1's service 0 pages 0..3), then function 1 stuck."""
        t = self.t
        self.f1 = await t.vm.setup(1, ["ok", "ok", "ok"], entries=64, log2=12, invalid_frac=0.0)
        self.f2 = await t.vm.setup(2, ["ok", "ok"], entries=64, log2=12, invalid_frac=0.0)
        self.f3 = await t.vm.setup(3, ["ok"], entries=16, log2=12, invalid_frac=0.0)
        self.warm1 = [(1, 0, b << 12) for b in range(4)]
        # (pages chosen so that no two warm lines share a CLAT cache index: clat_hash puts function 2's
        # pages 0..7 and function 3's pages 8..15 on different lines, function 1's 0..3 on others)
        self.hot = [(2, 0, b << 12) for b in range(8)] + [(3, 0, b << 12) for b in range(8, 16)]
        for r in self.warm1 + self.hot:
            await t.one(*r)
        self.stick()

    async def send(self, reqs: list[tuple[int, int, int]]) -> None:
        """Start sending requests (wait_answered waits until they are all accepted and answered)."""
        self.sending = cocotb.start_soon(FixedSeq("stuck", self.t.env, self.t.rng, reqs).start(self.t.env.req_agent.seqr))
        await RisingEdge(self.t.env.dut.clk_i)

    async def wait_answered(self, keep: int, limit: int = 5000) -> None:
        """Until every request sent is accepted and only `keep` are left without a response (the
        stuck ones); a stall (requests not accepted or not answered) fails after `limit` clocks."""
        for _ in range(limit):
            if self.sending.done() and len(self.t.sb.outstanding) <= keep:
                return
            await RisingEdge(self.t.env.dut.clk_i)
        self.sending.cancel()
        raise ScoreboardError(
            f"{len(self.t.sb.outstanding)} requests outstanding after {limit} clocks, expected only the "
            f"{keep} waiting on stuck memory: the other functions are stalled ({list(self.t.sb.outstanding.values())[:6]})"
        )

    async def fill(self) -> None:
        """The function's first `cap` misses (services 1 and 0 in turn: a BAT read, or a CLAT read
        behind a cached BAT line where service 0 was warmed): each reads the stuck memory and waits.
        Before each, fewer than `cap` are held, so none may be answered MISS_LIMIT (the scoreboard
        allows MISS_LIMIT only with `cap` others outstanding)."""
        f = self.func
        for i in range(self.cap):
            reads0 = self.slave.stuck_reads
            await self.send([(f, 1 if i % 2 == 0 else 0, (16 + i) << 12)])
            for _ in range(50):
                if self.slave.stuck_reads > reads0:
                    break
                await RisingEdge(self.t.env.dut.clk_i)
            else:
                raise ScoreboardError(
                    f"function {f}'s miss #{i + 1} (below the limit of {self.cap}) read nothing from memory: "
                    f"responses {self.t.sb.status_count}"
                )
        if len(self.t.sb.outstanding) != self.cap:
            raise ScoreboardError(f"{len(self.t.sb.outstanding)} requests waiting, expected function {f}'s {self.cap}")

    async def one(self, f: int, s: int, off: int):
        """One request while the stuck misses wait: its Checked record once it is answered."""
        sb = self.t.sb
        sb.keep_latencies = True
        n0 = len(sb.latencies)
        await self.send([(f, s, off)])
        await self.wait_answered(self.cap, limit=500)
        return sb.latencies[n0]

    async def expect_miss_limit(self, f: int, s: int, off: int) -> None:
        """A miss of the stuck function: MISS_LIMIT at hit latency (<= 2 clocks), no memory read."""
        reads0 = self.slave.stuck_reads
        c = await self.one(f, s, off)
        if c.rsp.status != Status.MISS_LIMIT or c.latency > 2 or self.slave.stuck_reads != reads0:
            raise ScoreboardError(
                f"({f}, {s}, 0x{off:x}) with {self.cap} misses of function {f} held: {Status(c.rsp.status).name} "
                f"after {c.latency} clocks, {self.slave.stuck_reads - reads0} read(s); expected MISS_LIMIT "
                "at hit latency (<= 2) and no read"
            )


class MissLimitTest(BaseTest):
    """Miss limit per function (docs/bat_clat.md): function 1's tables stop answering. Its first
    MaxMissesPerFunc misses wait; each further miss of function 1 (BAT read or CLAT read needed) is
    answered MISS_LIMIT at once with no read; its cached entries still hit and a register-level error
    keeps its own status; functions 2 and 3 keep hitting at full rate and their misses complete. When
    the memory answers, the waiting misses complete and function 1 misses normally again."""

    async def body(self):
        sn = StuckNeighbour(self)
        await sn.setup()
        await sn.fill()
        # over the limit: a miss needing the BAT read, one needing only the CLAT read
        for f, s, off in ((1, 1, 40 << 12), (1, 0, 41 << 12), (1, 2, 0x18)):
            await sn.expect_miss_limit(f, s, off)
        # at the limit, what needs no read is answered as usual
        for f, s, off, want in ((1, 0, 0x2008, Status.OK), (1, 7, 0, Status.SERVICE_RANGE)):
            c = await sn.one(f, s, off)
            if c.rsp.status != want:
                raise ScoreboardError(f"({f}, {s}, 0x{off:x}) at function 1's limit: {Status(c.rsp.status).name}, expected {want.name}")
        # the neighbours: a stream of hits answered back to back, and misses that complete
        reqs = [self.rng.choice(sn.hot) for _ in range(256)]
        reqs = [(f, s, off | self.rng.randrange(4096)) for f, s, off in reqs]
        self.sb.keep_latencies = True
        n0 = len(self.sb.latencies)
        await sn.send(reqs)
        await sn.wait_answered(sn.cap)
        done = self.sb.latencies[n0:]
        span = max(c.rsp.cycle for c in done) - min(c.req.cycle for c in done) + 1
        if len(done) / span < 0.95:
            raise ScoreboardError(f"neighbours' hits: {len(done)} in {span} clocks while function 1 is stuck")
        for b in range(4):
            c = await sn.one(2, 1, b << 12)
            if c.rsp.status != Status.OK or c.lookup != "miss":
                raise ScoreboardError(f"function 2's miss while function 1 is stuck: {Status(c.rsp.status).name} ({c.lookup})")
        # the memory answers: the held misses complete, and the limit is lifted
        sn.slave.unstick()
        await self.sb.drain(2000)
        c = await self.one(1, 1, 50 << 12)
        if c.rsp.status != Status.OK or c.lookup != "miss":
            raise ScoreboardError(f"function 1's miss after its memory answered: {Status(c.rsp.status).name} ({c.lookup})")


class BenchStuckNeighbourTest(BaseTest):
    """hit_throughput_stuck_neighbour_per_clk: responses per clock of 4,096 back-to-back requests of
    functions 2 and 3 (hits on warm entries, every 64th a cold miss) with every 16th request a new miss
    of function 1 (answered MISS_LIMIT), while function 1's MaxMissesPerFunc misses never return."""

    async def body(self):
        sn = StuckNeighbour(self)
        await sn.setup()
        await sn.fill()
        cold = iter(range(64))
        reqs = []
        for i in range(4096):
            if i % 16 == 0:
                reqs.append((1, 1 + (i // 16) % 2, (32 + (i // 16) % 32) << 12))
            elif i % 64 == 8:
                reqs.append((2, 1, next(cold, 0) << 12))
            else:
                f, s, off = self.rng.choice(sn.hot)
                reqs.append((f, s, off | 0x8))
        self.sb.keep_latencies = True
        n0 = len(self.sb.latencies)
        await sn.send(reqs)
        await sn.wait_answered(sn.cap, limit=20_000)
        done = self.sb.latencies[n0:]
        tput = len(done) / (max(c.rsp.cycle for c in done) - min(c.req.cycle for c in done) + 1)
        limited = sum(c.rsp.status == Status.MISS_LIMIT for c in done)
        self.logger.info("%d responses, %d MISS_LIMIT, function 1 holding %d stuck misses", len(done), limited, sn.cap)
        bench.record("hit_throughput_stuck_neighbour_per_clk", round(tput, 4), self.logger)
        sn.slave.unstick()
        await self.sb.drain(2000)
        assert tput >= 0.95, f"throughput with a stuck neighbour {tput:.3f} responses/clock < 0.95"


# ------------------------------------------------------------------------------------ reset values
class RegResetValuesTest(BaseTest):
    """After reset every register holds its documented reset value; done reads 1."""

    async def body(self):
        nf = self.cfg.params.num_functions
        p = self.regs
        for a in (REG_ID, REG_PARAMS, REG_INVAL_CTRL, REG_ACCESS_VIOLATIONS, REG_AXI_PROTO_ERR):
            await p.read(a)
        for st in ERROR_STATUSES:
            await p.read(err_cnt_reg(st))
        assert await p.read(REG_HIT_CNT) == 0 and await p.read(REG_MISS_CNT) == 0
        assert await p.read(REG_INVAL_STATUS) == 1, "INVAL_STATUS.done after reset"
        for f in range(nf):
            for o in (F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL):
                await p.read(func_reg(f, o), f)
            assert await p.read(func_reg(f, F_INVAL_STATUS), f) == 1
        await self.traffic(50)  # nothing enabled: FUNC_INVALID only, and no memory read at all
        if self.env.axi_monitor.round_trips:
            raise ScoreboardError("memory read with no function enabled")



# ------------------------------------------------------------------------------------ register rules
# docs/dev-guide.md "Rules every block follows": access control first (counted), then misaligned,
# unmapped and read-only-write accesses get SLVERR with no effect (not counted); asynchronous reset
# with no minimum width; saturating counters. Every access goes through the register agent, so the
# model (models/bat_clat.py) predicts each response, read value and ACCESS_VIOLATIONS.

def global_words() -> list[int]:
    return list(range(0, FUNC_BASE, 4))


class RegAddressRulesTest(BaseTest):
    """Every global hole, the last valid and first invalid word of every window, byte offsets 1..3
    of every register (read and write, as the PF and as the owning VF), a write to every read-only
    register: SLVERR, no effect, ACCESS_VIOLATIONS unchanged; then a refused sub-word access still
    counts (access control first), and every register reads back unchanged."""

    async def body(self):
        nf = self.cfg.params.num_functions
        p = self.regs
        await self.vm.setup(1 % nf, ["ok", "ok"])
        await p.write(REG_INVAL_CTRL, INVAL.encode(SCOPE_FUNC, 1, 3, go=False))
        model = self.env.model
        # every word of the global block (holes included), read and written
        for a in global_words():
            await p.read(a)
            if a != REG_INVAL_CTRL:  # INVAL_CTRL is writable; its write is tested elsewhere
                await p.write(a, self.rng.getrandbits(32))
        # function blocks: every word of the first and last block, and the first refused block
        for f in (0, nf - 1):
            for off in range(0, FUNC_STRIDE, 4):
                await p.read(func_reg(f, off), f)
                if off == F_INVAL_STATUS or off >= 0x18:
                    await p.write(func_reg(f, off), self.rng.getrandbits(32), f)
        assert model.access_violations == 0, "rules 2-4 counted as access violations"
        # byte offsets 1..3 of every mapped register, as the PF and as the owner
        regs = [a for a in global_words() if not model.address_error(a, False)]
        regs += [func_reg(f, o) for f in {0, nf - 1} for o in range(0, 0x18, 4)]
        for a in regs:
            owner = model.target_function(a) or 0
            for off in (1, 2, 3):
                for func in {0, owner}:
                    await p.sub_word(a + off, func, write=True, value=self.rng.getrandbits(32))
                    await p.sub_word(a + off, func)
        await p.read(REG_ACCESS_VIOLATIONS)
        assert model.access_violations == 0
        # access control keeps priority over the address rules, and counts
        await p.sub_word(func_reg(0, 0) + 1, nf - 1 if nf > 1 else 1, write=True, value=0xFF)
        await p.sub_word(0x0FD, 1)
        await p.read(REG_ACCESS_VIOLATIONS)
        assert model.access_violations == 2
        # nothing changed
        for f in (0, nf - 1):
            for o in (F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL):
                await p.read(func_reg(f, o))
        await p.read(REG_INVAL_CTRL)
        await self.traffic(100, funcs=[1 % nf])


class RegResetAsyncTest(BaseTest):
    """Reset pulses with no clock edge inside, across clock edges, in the middle of a register write
    and of a register read (also with the response waiting), and between two edges with table reads
    in flight: afterwards every register reads its reset value (INVAL_STATUS.done 1), no SVA fires,
    and the unit translates normally again."""

    cfg_kw = {"r_stall_prob": 0.5}

    async def dirty(self) -> None:
        """Non-reset values in every kind of register."""
        nf = self.cfg.params.num_functions
        await self.vm.setup(1 % nf, ["ok", "bat_invalid"])
        await self.regs.write(REG_INVAL_CTRL, INVAL.encode(SCOPE_SERVICE, 1, 2, go=False))
        await self.regs.read(REG_ID, 1 % nf if nf > 1 else 1)  # refused: ACCESS_VIOLATIONS 1
        await self.traffic(40, funcs=[1 % nf, nf])  # hits, misses, FUNC_INVALID
        await self.sb.drain()

    async def pulse(self, across_edges: int = 0) -> None:
        """tb.common.reset.reset_pulse; the model and scoreboard forget everything while it is low
        (what env.reset() does: components that look for reset at clock edges do not see this pulse)."""

        def forget() -> None:
            self.sb.on_reset()
            self.env.axi_monitor.on_reset()
            self.env.model.reset()
            self.vm.functions.clear()

        await reset_pulse(self.env.dut, BLOCK.clock_period_ns, across_edges, while_low=forget)

    async def check_reset_values(self) -> None:
        nf = self.cfg.params.num_functions
        p = self.regs
        await RisingEdge(self.env.dut.clk_i)
        for a in global_words():
            value = await p.read(a)
            if a in (REG_HIT_CNT, REG_MISS_CNT):
                assert value == 0, f"0x{a:03x} = {value} after reset"
            if a == REG_INVAL_STATUS:
                assert value == 1, "INVAL_STATUS.done after reset"
        for f in range(nf):
            for o in (F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL):
                await p.read(func_reg(f, o), f)
            assert await p.read(func_reg(f, F_INVAL_STATUS), f) == 1

    async def body(self):
        dut = self.env.dut
        master = self.regs.port.master
        nf = self.cfg.params.num_functions

        async def mid_access(write: bool, clocks: int, hold_response: bool = False) -> None:
            # hold_response: BREADY/RREADY low, so the response is shown and waiting at the reset
            rsp_channel = master.write_if.b_channel if write else master.read_if.r_channel
            hold = [hold_response]

            def ready_pauses():  # paused while hold[0]; never ended (ending it kills a task mid-run)
                while True:
                    yield hold[0]

            rsp_channel.set_pause_generator(ready_pauses())
            if write:
                dut.s_axil_awuser.value = 0
                op = cocotb.start_soon(master.write(func_reg(1 % nf, F_CTRL), (1).to_bytes(4, "little")))
            else:
                dut.s_axil_aruser.value = 0
                op = cocotb.start_soon(master.read(REG_ACCESS_VIOLATIONS, 4))
            await ClockCycles(dut.clk_i, clocks)
            if hold_response:
                valid = dut.s_axil_bvalid if write else dut.s_axil_rvalid
                assert int(valid.value), "the response was not waiting at the reset"
            await self.pulse()
            hold[0] = False
            await op  # flushed by the master at the reset: no response is owed

        cases = [lambda: self.pulse(), lambda: self.pulse(across_edges=3)]
        cases += [lambda w=w, c=c: mid_access(w, c) for w in (True, False) for c in (1, 2, 4)]
        cases += [lambda w=w: mid_access(w, 12, hold_response=True) for w in (True, False)]

        async def reads_in_flight() -> None:
            self.sb.keep_latencies = True
            # Cold caches, so the traffic must read memory (dirty() has cached its few entries).
            await self.vm.invalidate(SCOPE_ALL)
            seq = TrafficSeq("reset_traffic", self.env, seed.rng("reset_traffic"), n=10**9, locality=0.1)
            task = cocotb.start_soon(seq.start(self.env.req_agent.seqr))
            mon = self.env.axi_monitor
            for _ in range(2000):  # until memory reads are outstanding
                await RisingEdge(dut.clk_i)
                if any(mon.pending.values()):
                    break
            assert any(mon.pending.values()), "no memory read in flight"
            seq.stop = True
            await self.pulse()
            await task

        cases += [reads_in_flight]
        for case in cases:
            await self.dirty()
            await case()
            await self.check_reset_values()
        await self.dirty()


class CounterLimitsTest(ErrorStatusTest):
    """ERR_CNT[k], HIT_CNT, MISS_CNT and ACCESS_VIOLATIONS (read-only) preloaded one below all ones
    by a backdoor deposit into their flops (bat_clat.sv err_cnt_q, hit_cnt_q, miss_cnt_q;
    u_shim.violations_q), then every status, hits, misses and refused accesses twice or more: each
    counter stops at all ones and stays."""

    async def body(self):
        dut = self.env.dut
        model = self.env.model
        await FallingEdge(dut.clk_i)
        near = ERR_CNT_MAX - 1
        dut.err_cnt_q.value = sum(near << (32 * k) for k in range(len(ERROR_STATUSES)))
        dut.hit_cnt_q.value = near
        dut.miss_cnt_q.value = near
        dut.u_shim.violations_q.value = near
        for st in ERROR_STATUSES:
            model.err_cnt[st] = near
        model.access_violations = near
        self.regs.preload_counters(near)  # the register scoreboard's model too
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
                raise ScoreboardError(f"{name} = 0x{value:x} after passing its limit, expected 0xffffffff")
        await self.regs.read(REG_ACCESS_VIOLATIONS)
