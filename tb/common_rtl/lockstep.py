"""Lockstep runs of the shared primitives (rtl/common/) through tb/common_rtl/common_rtl_top.sv.

Every run drives the primitive in lockstep with its reference (tb/common_rtl/ref.py): inputs are
driven after a falling edge, the outputs are compared in that clock's read-only phase (by the
env's LockstepScoreboard), and the reference steps to the next rising edge. Random stimulus comes
from tb.common.seed streams; each run also counts the corner cases it must reach (a covergroup per
run) and fails if one was never reached.
"""

from __future__ import annotations

from collections import Counter

from cocotb.triggers import FallingEdge, ReadOnly, Timer

from tb.common import fcov, seed
from tb.common.scoreboard import inject_enabled
from tb.common_rtl.ref import FWD, IDLE, OKAY, CounterRef, FifoRef, FrontIn, FrontRef, RamRef


def drive(dut, values: dict) -> None:
    for name, v in values.items():
        getattr(dut, name).value = v


def require(group: str, hits: Counter, needed: list[str], log) -> None:
    """The corner cases a test must reach: saved as covergroup `group` (tb.common.fcov, one bin
    per case, listed in testplan.toml), and the test fails if one was never reached."""
    log.info("corner cases reached: %s", dict(hits))
    cg = fcov.Covergroup(group, [fcov.Coverpoint("case", values=needed)])
    for k in needed:
        for _ in range(min(hits[k], 1000)):
            cg.sample(case=k)
    fcov.save()
    missing = [k for k in needed if hits[k] == 0]
    assert not missing, f"corner cases never reached: {missing}"


# ------------------------------------------------------------------------------ sync_fifo

FIFO_SIGNALS = {"valid": "fifo_valid_o", "rdata": "fifo_rdata_o", "full": "fifo_full_o", "count": "fifo_count_o"}
# the OutReg = 1 instance on the same inputs: the same reference, clock for clock
FIFO_REG_SIGNALS = {k: v.replace("fifo_", "fifor_") for k, v in FIFO_SIGNALS.items()}


async def fifo_run(env, cycles: int) -> None:
    """Random push/pop in fill, drain and balanced phases: every output of every clock equals
    FifoRef's; push while full (dropped), pop while empty (ignored), push+pop at full and at
    empty all happen."""
    dut, sb = env.dut, env.sb
    await FallingEdge(dut.clk_i)
    rng = seed.rng("fifo")
    ref = FifoRef(int(dut.FifoDepth.value))
    hits: Counter = Counter()
    for cyc in range(cycles):
        p_push, p_pop = ((0.8, 0.2), (0.2, 0.8), (0.5, 0.5), (0.9, 0.9))[(cyc // 150) % 4]
        push, pop, wdata = int(rng.random() < p_push), int(rng.random() < p_pop), rng.getrandbits(8)
        drive(dut, {"fifo_push_i": push, "fifo_wdata_i": wdata, "fifo_pop_i": pop})
        await ReadOnly()
        out = ref.outputs()
        sb.compare("sync_fifo", out, FIFO_SIGNALS, {"push": push, "pop": pop, "wdata": wdata})
        sb.compare("sync_fifo_outreg", out, FIFO_REG_SIGNALS, {"push": push, "pop": pop, "wdata": wdata})
        if out["full"]:
            hits["push_full_dropped" if push and not pop else "push_pop_full" if push else "full_idle"] += 1
        if not out["valid"]:
            hits["pop_empty_ignored" if pop and not push else "push_pop_empty" if pop else "empty_idle"] += 1
        ref.step(push, wdata, pop)
        await FallingEdge(dut.clk_i)
    require("fifo_corners", hits, ["push_full_dropped", "push_pop_full", "pop_empty_ignored", "push_pop_empty"], dut._log)


# ------------------------------------------------------------------------------ ram_1r1w


async def ram_run(env, cycles: int) -> None:
    """Random writes and reads (every word written first, then random traffic with reads of the
    word being written in a fifth of the clocks): every defined read equals RamRef's (latency 1);
    a read of the word written at the same edge is undefined and not checked, the next read of it
    returns the new word."""
    dut, sb = env.dut, env.sb
    await FallingEdge(dut.clk_i)
    rng = seed.rng("ram")
    depth = 1 << len(dut.ram_raddr_i)
    ref = RamRef(depth)
    hits: Counter = Counter()
    for cyc in range(cycles):
        if cyc < depth:
            we, waddr = 1, cyc
        else:
            we, waddr = int(rng.random() < 0.5), rng.randrange(depth)
        wdata = rng.getrandbits(8)
        raddr = waddr if rng.random() < 0.2 else rng.randrange(depth)
        drive(dut, {"ram_we_i": we, "ram_waddr_i": waddr, "ram_wdata_i": wdata, "ram_raddr_i": raddr})
        await ReadOnly()
        out = ref.outputs()
        sb.compare("ram_1r1w", out, {"rdata": "ram_rdata_o"},
                {"we": we, "waddr": waddr, "wdata": wdata, "raddr": raddr})
        hits["read_checked"] += out["rdata"] is not None
        if we and raddr == waddr:
            hits["read_during_write"] += 1
        ref.step(we, waddr, wdata, raddr)
        await FallingEdge(dut.clk_i)
    require("ram_corners", hits, ["read_checked", "read_during_write"], dut._log)


# ------------------------------------------------------------------------------ sat_counter


async def counter_run(env, cycles: int) -> None:
    """Random events (0..3 per clock) and masked loads, with phases loaded near all ones: every
    clock's count equals CounterRef's; the count saturates and stays, a load in the clock of an
    event counts the event on top, a load takes a saturated count down."""
    dut, sb = env.dut, env.sb
    await FallingEdge(dut.clk_i)
    rng = seed.rng("counter")
    width = len(dut.cnt_count_o)
    top = (1 << width) - 1
    ref = CounterRef(width)
    hits: Counter = Counter()
    for cyc in range(cycles):
        near = (cyc // 200) % 2 == 1
        load = int(rng.random() < (0.05 if near else 0.1))
        data = rng.randrange(top - 6, top + 1) if near else rng.getrandbits(width)
        mask = top if rng.random() < 0.5 else rng.getrandbits(width)
        inc = rng.randrange(4) if rng.random() < 0.7 else 0
        drive(dut, {"cnt_inc_i": inc, "cnt_load_i": load, "cnt_load_data_i": data, "cnt_load_mask_i": mask})
        await ReadOnly()
        out = ref.outputs()
        sb.compare("sat_counter", out, {"count": "cnt_count_o"},
                {"inc": inc, "load": load, "data": data, "mask": mask})
        if out["count"] == top and inc and not load:
            hits["saturated_event"] += 1
        if not load and inc and out["count"] + inc > top and out["count"] < top:
            hits["reaches_limit"] += 1
        if load and inc:
            hits["load_with_event"] += 1
        if load and out["count"] == top:
            hits["load_at_limit"] += 1
        ref.step(inc, load, data, mask)
        await FallingEdge(dut.clk_i)
    require("counter_corners", hits, ["saturated_event", "reaches_limit", "load_with_event", "load_at_limit"], dut._log)


# ------------------------------------------------------------------------------ axil_reg_front

FRONT_SIGNALS = {
    "awready": "s_axil_awready", "wready": "s_axil_wready", "arready": "s_axil_arready",
    "bvalid": "s_axil_bvalid", "bresp": "s_axil_bresp", "rvalid": "s_axil_rvalid",
    "rresp": "s_axil_rresp", "rdata": "s_axil_rdata", "req": "req_o", "req_wr": "req_wr_o",
    "req_addr": "req_addr_o", "req_wdata": "req_wdata_o", "req_wstrb": "req_wstrb_o",
    "chk_addr": "chk_addr_o", "chk_user": "chk_user_o", "chk_wr": "chk_wr_o", "viol": "viol_o",
}


class FrontBench:
    """A random AXI4-Lite master (AW and W skewed either way, random BREADY/RREADY) and a random
    target (stall, ack in the take clock or up to 3 clocks later, SLVERR for addr[9]) around
    the front end, in lockstep with FrontRef."""

    def __init__(self, dut, sb, rng, p_bp: float):
        self.dut, self.sb, self.rng, self.p_bp = dut, sb, rng, p_bp
        self.ref = FrontRef(check_stage=bool(int(dut.FrontCheckStage.value)),
                            alternate=bool(int(dut.FrontAlternateRdWr.value)))
        self.hits: Counter = Counter()
        self.inject_at: int | None = None  # negative test: corrupt the reference once here
        self.clear()

    def clear(self) -> None:
        self.aw = self.w = self.ar = None  # (value, clock it becomes valid)
        self.ack_at: int | None = None
        self.ack_err = 0
        self.prev: tuple[FrontIn, dict] | None = None

    def new_addr(self, user: int) -> int:
        rng = self.rng
        a = rng.getrandbits(12)
        if rng.random() < 0.7:
            a = (a & ~0xF0) | (user << 4)  # the function's own bytes
        if rng.random() < 0.8:
            a &= ~0x3
        for bit, p in ((11, 0.8), (10, 0.7), (9, 0.7)):
            if rng.random() < p:
                a &= ~(1 << bit)
        return a

    def new_user(self) -> int:
        return 0 if self.rng.random() < 0.4 else self.rng.randrange(16)

    def inputs(self, cyc: int) -> FrontIn:
        rng, ref = self.rng, self.ref
        if self.prev is not None:  # handshakes of the previous clock
            pi, po = self.prev
            if pi.awvalid and po["awready"]:
                self.aw = self.w = None
            if pi.arvalid and po["arready"]:
                self.ar = None
            if pi.bready and po["bvalid"]:
                self.hits["b"] += 1
            if pi.rready and po["rvalid"]:
                self.hits["r"] += 1
        if self.aw is None and self.w is None and rng.random() < 0.3:
            user = self.new_user()
            self.aw = ((self.new_addr(user), user), cyc + rng.choice([0, 0, 1, 2]))
            self.w = ((rng.getrandbits(32), rng.getrandbits(4)), cyc + rng.choice([0, 0, 1, 2]))
        if self.ar is None and rng.random() < 0.3:
            user = self.new_user()
            self.ar = ((self.new_addr(user), user), cyc + rng.choice([0, 0, 1]))
        i = FrontIn()
        if self.aw is not None and self.aw[1] <= cyc:
            i.awvalid, (i.awaddr, i.awuser) = 1, self.aw[0]
        if self.w is not None and self.w[1] <= cyc:
            i.wvalid, (i.wdata, i.wstrb) = 1, self.w[0]
        if self.ar is not None and self.ar[1] <= cyc:
            i.arvalid, (i.araddr, i.aruser) = 1, self.ar[0]
        i.bready = int(rng.random() >= self.p_bp)
        i.rready = int(rng.random() >= self.p_bp)
        # The target: req_o comes from flops, so the reference's value is this clock's.
        i.stall = int(rng.random() < 0.4)
        req = ref.state == FWD and ref.pend
        if self.ack_at is not None:
            if self.ack_at == cyc:
                i.ack, i.ack_err, self.ack_at = 1, self.ack_err, None
        elif req and not i.stall:
            self.ack_err = (ref.addr >> 9) & 1
            lat = rng.choice([0, 0, 1, 2, 3])
            if lat == 0:
                i.ack, i.ack_err = 1, self.ack_err
                self.hits["ack_in_take_clock"] += 1
            else:
                self.ack_at = cyc + lat
        i.ack_rdata = rng.getrandbits(32)
        return i

    def note(self, i: FrontIn, out: dict) -> None:
        ref, hits = self.ref, self.hits
        if i.awvalid != i.wvalid:
            hits["aw_before_w" if i.awvalid else "w_before_aw"] += 1
        if ref.state == IDLE and i.arvalid and i.awvalid and i.wvalid:
            hits["read_and_write_wait"] += 1
        if out["bvalid"] and not i.bready:
            hits["b_backpressure"] += 1
        if out["rvalid"] and not i.rready:
            hits["r_backpressure"] += 1
        if out["req"] and i.stall:
            hits["req_stalled"] += 1
        if ref.state == FWD and i.ack and i.ack_err:
            hits["target_slverr"] += 1

    async def clock(self, cyc: int, i: FrontIn) -> None:
        """Drive `i`, compare this clock's outputs, step the reference."""
        drive(self.dut, {
            "s_axil_awvalid": i.awvalid, "s_axil_awaddr": i.awaddr, "s_axil_awuser": i.awuser,
            "s_axil_wvalid": i.wvalid, "s_axil_wdata": i.wdata, "s_axil_wstrb": i.wstrb,
            "s_axil_bready": i.bready, "s_axil_arvalid": i.arvalid, "s_axil_araddr": i.araddr,
            "s_axil_aruser": i.aruser, "s_axil_rready": i.rready, "req_stall_i": i.stall,
            "ack_i": i.ack, "ack_err_i": i.ack_err, "ack_rdata_i": i.ack_rdata,
        })
        await ReadOnly()
        out = self.ref.outputs(i)
        if self.inject_at is not None and cyc >= self.inject_at and out["rvalid"] and out["rresp"] == OKAY:
            if inject_enabled():
                out["rdata"] ^= 1  # the injected mismatch: one bit of one OKAY read
            self.inject_at = None
        self.sb.compare("axil_reg_front", out, FRONT_SIGNALS, i)
        self.note(i, out)
        n = len(self.ref.log)
        self.ref.step(i)
        for kind, _addr, _user, wr in self.ref.log[n:]:
            self.hits[f"{kind}_{'wr' if wr else 'rd'}"] += 1
        self.prev = (i, out)

    async def reset(self, cyc: int, across: int) -> None:
        """rst_ni low in this clock's low half: no edge inside (across = 0) or across `across`
        rising edges, every clock of it compared (inputs idle: the master drops its valids)."""
        self.hits[f"reset_in_{('idle', 'check', 'fwd', 'resp')[self.ref.state]}"] += 1
        await Timer(1, unit="ns")
        self.dut.rst_ni.value = 0
        self.ref.reset()
        self.clear()
        for k in range(across):
            await self.clock(cyc + k, FrontIn())
            await FallingEdge(self.dut.clk_i)
        await Timer(1, unit="ns")
        self.dut.rst_ni.value = 1


FRONT_CORNERS = [
    "refused_rd", "refused_wr", "misaligned_rd", "misaligned_wr", "bad_rd", "bad_wr",
    "forwarded_rd", "forwarded_wr", "target_slverr", "ack_in_take_clock", "req_stalled",
    "aw_before_w", "w_before_aw", "read_and_write_wait", "b_backpressure", "r_backpressure",
]


async def front_run(env, cycles: int, p_reset: float = 0.0, inject_at: int | None = None) -> FrontBench:
    dut = env.dut
    await FallingEdge(dut.clk_i)
    rng = seed.rng("front")
    bench = FrontBench(dut, env.sb, rng, p_bp=0.0)
    cyc = 0
    while cyc < cycles:
        bench.p_bp = (0.0, 0.3, 0.7)[(cyc // 300) % 3]  # back-pressure on B and R by phase
        if inject_at is not None and bench.inject_at is None and cyc == inject_at:
            bench.inject_at = cyc
        if p_reset and rng.random() < p_reset:
            across = rng.choice([0, 0, 1, 3])
            await bench.reset(cyc, across)
            cyc += across
        await bench.clock(cyc, bench.inputs(cyc))
        await FallingEdge(dut.clk_i)
        cyc += 1
    return bench
