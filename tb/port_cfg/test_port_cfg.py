"""cocotb tests of the switch-board port configurator: each a thin selection of a pyuvm test."""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, RisingEdge
from pyuvm import ConfigDB, uvm_factory, uvm_root, uvm_test

from models.port_cfg import Lane, Limit, Mode, PortCfgModel
from tb.common import bench, seed
from tb.common.clock import start_clock
from tb.common.regport import RegisterPort
from tb.common.scoreboard import ScoreboardError, inject_enabled
from tb.port_cfg.env import cfg_gen, reg_rules, regs
from tb.port_cfg.env.env import PortCfgEnv
from tb.port_cfg.env.filter_agent import FilterMonitor
from tb.port_cfg.env.items import FilterTxn
from tb.port_cfg.env.scoreboard import unpack
from tb.port_cfg.env.seq_lib import (
    BackToBackSeq,
    DirectedSeq,
    IncrementalSeq,
    InvalidEachKindSeq,
    RandomValidSeq,
)
from tb.port_cfg.manifest import BLOCK

DUT_INFO: dict = {}


async def setup(dut) -> None:
    """Clock, reset, and the DUT's build parameters (from its PARAMS register)."""
    seed.announce(dut._log)
    await start_clock(dut, BLOCK.clock_period_ns)
    dut.flt_valid_i.value = 0
    dut.s_axil_awvalid.value = 0
    dut.s_axil_wvalid.value = 0
    dut.s_axil_arvalid.value = 0
    await ClockCycles(dut.clk_i, 3)
    dut.rst_ni.value = 1
    await ClockCycles(dut.clk_i, 2)
    raw = RegisterPort(dut)  # the one AXI4-Lite master, only ever used through the checked port
    mgmt = int(dut.MgmtFunction.value)  # the parameter (Verilator: public)
    num_lanes, num_vssbs = len(dut.lane_en_o), int(dut.NumVssbs.value)
    port = regs.checked_port(dut, raw, mgmt, num_lanes, num_vssbs, BLOCK.clock_period_ns)
    port.reset()
    cocotb.start_soon(regs.watch_commits(dut, port))
    params = await port.read_ok(regs.addr("PARAMS"), mgmt)  # checked: PARAMS = the build parameters
    DUT_INFO.clear()
    DUT_INFO.update(
        port=port,
        mgmt=mgmt,
        num_lanes=regs.field(params, "PARAMS", "num_lanes"),
        num_vssbs=regs.field(params, "PARAMS", "num_vssbs"),
    )


class BaseTest(uvm_test):
    """Environment, then `run()` with the filter traffic on (density `self.density`)."""

    density = 0.7

    def build_phase(self):
        ConfigDB().set(None, "*", "dut_info", DUT_INFO)
        self.env = PortCfgEnv("env", self)

    def end_of_elaboration_phase(self):
        self.env.flt_drv.density = self.density

    async def run_phase(self):
        self.raise_objection()
        self.env.flt_drv.enabled = True
        await self.run()
        port = DUT_INFO["port"]
        cocotb.top._log.info(f"register scoreboard: {port.reads_checked} reads, {port.writes_checked} writes"
                             f" checked ({self.env.cfg_drv.noise_ops} random accesses)")
        await self.env.flt_drv.drain()
        await ClockCycles(cocotb.top.clk_i, 2)
        self.drop_objection()

    async def run(self):
        raise NotImplementedError

    def seq(self, cls, count):
        return cls("seq", count)


class RandomCommitsTest(BaseTest):
    """Random register traffic while each commit runs, and a register port with random
    back-pressure on every AXI4-Lite channel."""

    async def run(self):
        self.env.cfg_drv.noise_rng = seed.rng("regnoise")
        DUT_INFO["port"].port.set_backpressure(seed.rng("backpressure"), 0.3)
        await self.seq(RandomValidSeq, 12).start(self.env.cfg_seqr)
        await self.seq(InvalidEachKindSeq, 1).start(self.env.cfg_seqr)


class InvalidEachKindTest(BaseTest):
    async def run(self):
        await self.seq(InvalidEachKindSeq, 3).start(self.env.cfg_seqr)


class IncrementalHitlessTest(BaseTest):
    density = 1.0

    async def run(self):
        await self.seq(IncrementalSeq, 16).start(self.env.cfg_seqr)


class FilterTrafficTest(BaseTest):
    """Filter traffic at full rate and with idle cycles over a few configurations."""

    async def run(self):
        clk = cocotb.top.clk_i
        for density in (1.0, 0.5, 0.1, 1.0):
            self.env.flt_drv.density = density
            await self.seq(RandomValidSeq, 1).start(self.env.cfg_seqr)
            await ClockCycles(clk, 200)


class CommitDuringTrafficTest(BaseTest):
    density = 1.0

    async def run(self):
        self.env.cfg_drv.noise_rng = seed.rng("regnoise")  # register traffic too, no back-pressure
        await self.seq(IncrementalSeq, 8).start(self.env.cfg_seqr)
        await self.seq(InvalidEachKindSeq, 1).start(self.env.cfg_seqr)


class BackToBackTest(BaseTest):
    async def run(self):
        self.env.cfg_drv.noise_rng = seed.rng("regnoise")
        DUT_INFO["port"].port.set_backpressure(seed.rng("backpressure"), 0.5)
        await self.seq(BackToBackSeq, 4).start(self.env.cfg_seqr)


class LeakyFilterMonitor(FilterMonitor):
    """Negative test: the observed DUT answer gets one extra port of another VSSB ORed in."""

    def observe_allowed(self, txn: FilterTxn) -> int:
        if not inject_enabled() or txn.ingress < 0 or txn.ingress >= self.n():
            return txn.allowed
        act = unpack(txn.cfg, self.n())
        if not act.is_port(txn.ingress):
            return txn.allowed
        others = [e for e in range(self.n()) if act.is_port(e) and act.vssb[e] != act.vssb[txn.ingress]]
        return txn.allowed | (1 << others[0]) if others else txn.allowed

    def n(self) -> int:
        return DUT_INFO["num_lanes"]


class LeakTest(BaseTest):
    density = 1.0

    def build_phase(self):
        uvm_factory().set_type_override_by_type(FilterMonitor, LeakyFilterMonitor)
        super().build_phase()

    async def run(self):
        # Two VSSBs with enabled ports each: any request from a port can leak into the other.
        n = DUT_INFO["num_lanes"]
        lanes = [Lane(True, Mode.NARROW, i % 2) for i in range(n)]
        await DirectedSeq("seq", [(lanes, [Limit()] * DUT_INFO["num_vssbs"])]).start(self.env.cfg_seqr)
        await ClockCycles(cocotb.top.clk_i, 50)


class NegativeRegisterReadTest(BaseTest):
    """The register scoreboard sees one read value with a bit flipped (CheckedRegisterPort's
    corrupt_next_read, active only with VIRTIP_INJECT): it must raise ScoreboardError."""

    async def run(self):
        await self.seq(RandomValidSeq, 1).start(self.env.cfg_seqr)
        port = DUT_INFO["port"]
        port.corrupt_next_read = True
        await port.read(regs.addr("ID"), DUT_INFO["mgmt"])


class BenchTest(BaseTest):
    """Benchmarks: commit latency, filter throughput and latency, in clocks."""

    density = 1.0

    async def run(self):
        clk = cocotb.top.clk_i
        n = DUT_INFO["num_lanes"]
        rng = seed.rng("bench")
        cfgs = [cfg_gen.random_valid(rng, n, DUT_INFO["num_vssbs"]) for _ in range(4)]
        seq = DirectedSeq("seq", cfgs)
        await seq.start(self.env.cfg_seqr)
        commit_latency = max(st.latency_clk for st in seq.statuses)
        sb = self.env.scoreboard
        await ClockCycles(clk, 5)
        start_checked = sb.filter_checked
        clocks = 1000
        await ClockCycles(clk, clocks)
        throughput = (sb.filter_checked - start_checked) / clocks
        log = cocotb.top._log
        bench.record("commit_latency_clk", commit_latency, log)
        bench.record("filter_throughput_per_clk", throughput, log)
        bench.record("filter_latency_clk", max(sb.filter_latencies), log)
        assert commit_latency <= n // 4 + 4, f"commit latency {commit_latency} > {n // 4 + 4}"
        assert throughput >= 0.99, f"filter throughput {throughput} < 0.99"
        assert sb.filter_latencies == {1}, f"filter latencies {sb.filter_latencies}"


async def run(dut, test_cls) -> None:
    await setup(dut)
    await uvm_root().run_test(test_cls)


@cocotb.test()
async def test_random_commits(dut):
    """Random valid configurations (and one invalid of each kind) under filter traffic."""
    await run(dut, RandomCommitsTest)


@cocotb.test()
async def test_invalid_each_kind(dut):
    """Every rejection kind, each after a valid commit: code, first lane, nothing changes."""
    await run(dut, InvalidEachKindTest)


@cocotb.test()
async def test_incremental_hitless(dut):
    """Reconfigure none / some / all quads; unchanged lanes constant every clock."""
    await run(dut, IncrementalHitlessTest)


@cocotb.test()
async def test_filter_traffic(dut):
    """Isolation filter at full rate and with idle cycles."""
    await run(dut, FilterTrafficTest)


@cocotb.test()
async def test_commit_during_traffic(dut):
    """Commits (accepted and rejected) while the filter runs at one request per clock."""
    await run(dut, CommitDuringTrafficTest)


@cocotb.test()
async def test_back_to_back_commits(dut):
    """A commit written while busy is held and run; shadow writes during a commit do not leak in."""
    await run(dut, BackToBackTest)


@cocotb.test(expect_error=ScoreboardError)
async def test_leak_detected(dut):
    """Negative: a leaked other-VSSB port in the observed filter answer must fail the scoreboard."""
    await run(dut, LeakTest)


@cocotb.test(expect_error=ScoreboardError)
async def test_register_read_corrupted(dut):
    """Negative: one read value with a bit flipped must fail the register scoreboard."""
    await run(dut, NegativeRegisterReadTest)


@cocotb.test()
async def test_bench(dut):
    """commit_latency_clk, filter_throughput_per_clk, filter_latency_clk."""
    await run(dut, BenchTest)


def reg_checker(dut) -> reg_rules.RegChecker:
    model = PortCfgModel(DUT_INFO["num_lanes"], DUT_INFO["num_vssbs"], mgmt_function=DUT_INFO["mgmt"])
    return reg_rules.RegChecker(dut, DUT_INFO["port"], model)


@cocotb.test()
async def test_registers(dut):
    """Reset values of every mapped register, read-back of every shadow register (all bits
    random), PARAMS; every access checked against the model (models/port_cfg.py)."""
    await setup(dut)
    chk = reg_checker(dut)
    n, nv = DUT_INFO["num_lanes"], DUT_INFO["num_vssbs"]
    ident = await chk.read(regs.addr("ID"))
    assert regs.field(ident, "ID", "id") == 0x5043, hex(ident)
    params = await chk.read(regs.addr("PARAMS"))
    assert regs.field(params, "PARAMS", "num_lanes") == n
    await chk.check_all()
    rng = seed.rng("registers")
    for i in range(n):
        await chk.write(regs.addr("LANE", i), rng.getrandbits(32))
    for v in range(nv):
        await chk.write(regs.addr("VSSB_LIMIT", v), rng.getrandbits(32))
    await chk.write(regs.addr("VSSB_LIMIT", 0), 0xFFFF_FFFF)
    await chk.check_all()
    await RisingEdge(dut.clk_i)


@cocotb.test()
async def test_access_control(dut):
    """Every word of the map written and read by functions other than MgmtFunction: SLVERR, no
    change, read 0, each counted in ACCESS_VIOL_CNT, ERR.access_viol set (W1C); then as the
    management function everything is unchanged and works."""
    await setup(dut)
    await reg_rules.access_control(reg_checker(dut), seed.rng("access"))


@cocotb.test()
async def test_address_rules(dut):
    """Every hole, the last valid and first invalid word of every window, byte offsets 1..3 of
    every register (write and read), a write to every read-only register: SLVERR, no effect, not
    counted as access violations."""
    await setup(dut)
    await reg_rules.address_rules(reg_checker(dut), seed.rng("addr"))


@cocotb.test()
async def test_write_strobes(dut):
    """Byte strobes: every writable register under each WSTRB pattern (0 = OKAY, no change);
    CTRL.commit and ERR's W1C act only through byte 0; WSTRB=0 to a read-only register is SLVERR."""
    await setup(dut)
    await reg_rules.write_strobes(reg_checker(dut), seed.rng("strobes"))


@cocotb.test()
async def test_reset_async(dut):
    """Reset pulses with no clock edge inside, across edges, in the middle of a register write, a
    register read and a commit: every register reads its reset value, outputs are the reset
    configuration, no SVA fires."""
    await setup(dut)
    await reg_rules.reset_cases(reg_checker(dut), seed.rng("reset"), BLOCK.clock_period_ns)


@cocotb.test()
async def test_counter_limits(dut):
    """ACCEPT_CNT, REJECT_CNT, ACCESS_VIOL_CNT preloaded near all ones (backdoor deposit into
    their flops), driven past: they stop at all ones and stay."""
    await setup(dut)
    await reg_rules.counter_limits(reg_checker(dut))
