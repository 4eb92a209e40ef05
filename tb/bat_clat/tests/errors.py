"""Each status from each of its causes (directed), and what the unit makes of malformed AXI read
responses from memory (docs/bat_clat.md, "Malformed AXI read responses")."""

from __future__ import annotations

import itertools

import cocotb
from cocotb.triggers import RisingEdge

from models.bat_clat import (
    BAT_READ_BEATS,
    CLAT_READ_BEATS,
    DECERR,
    REG_AXI_PROTO_ERR,
    SCOPE_ALL,
    SLVERR,
    Status,
    read_outcome,
)
from tb.bat_clat.env.host_mem import AxiFault
from tb.bat_clat.env.sequences import FixedSeq

from .base import BatClatTest
from .miss_limit import StuckNeighbour


class ErrorStatusTest(BatClatTest):
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
                self.fail(f"{st.name} for f={f} s={s}: {mon.ar_count - n0} memory read(s), expected none")
            if st == Status.BUS_ERROR and mon.ar_count == n0:
                self.fail(f"BUS_ERROR for f={f} s={s} answered without a read: a failed read was cached")
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


class AxiMalformedTest(BatClatTest):
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
                self.fail(f"{name}: answered {Status(c.rsp.status).name}, expected BUS_ERROR")
            self.env.model.count_axi_proto_errors(proto)
            await self.regs.read(REG_AXI_PROTO_ERR)  # against the model
            mem.faulted -= words
            # nothing from the failed read was cached: the same request reads that word again
            c2 = await self.one(1, s, off)
            again = [ar for ar in self.sb.reads if ar.ar_cycle >= c2.req.cycle and any(ar.addr <= w < ar.addr + 8 * ar.nbeats for w in words)]
            if failed and not again:
                self.fail(f"{name}: the request after the failed read did not read it again (cached)")
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
            self.fail(f"ARID {fault.arid} reused while its burst still had beats to come ({arids})")
        if len(arids) < 2:
            self.fail(f"no other read issued while the junk beat was held ({arids}): test ineffective")
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
            self.fail("a stray beat during another read changed that read's answer")
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
                self.fail("no AR issued for the miss")
            mon.strays_expected += 1
            await slave.stray_beat(int(d.m_axi_arid.value), last=last)
            self.env.model.count_axi_proto_errors(1)
            await self.env.clocks(6)
            self.env.set_mem_stalls(self.cfg.ar_stall_prob, self.cfg.r_stall_prob)
            await seq
            await self.sb.drain(2000)
            if self.sb.latencies[n0].rsp.status != Status.OK:
                self.fail("a stray beat for a read not yet accepted changed the request's answer")
        if mon.strays_expected:
            self.fail(f"{mon.strays_expected} stray beat(s) never seen on the R channel")
        await self.regs.read(REG_AXI_PROTO_ERR)
