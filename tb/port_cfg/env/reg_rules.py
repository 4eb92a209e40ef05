"""Directed register checks of the port configurator: the access rules of docs/dev-guide.md
("Register access": access control, misaligned, unmapped, read-only), the asynchronous reset rule,
and counter saturation. Every expected value comes from the golden model (models/port_cfg.py):
each access is applied to the model too, and the DUT's response and read data must equal it.

These run without the pyuvm environment (no other traffic on the register port), so they drive the
cocotbext-axi master directly where a sub-word access or a reset in mid-access is needed.
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, FallingEdge, RisingEdge

from models.port_cfg import (
    ADDR_SPACE,
    CNT_MAX,
    REG_ACCEPT_CNT,
    REG_ACCESS_VIOL_CNT,
    REG_CTRL,
    REG_ERR,
    REG_LANE,
    REG_REJECT_CNT,
    REG_STATUS,
    REG_VSSB_LIMIT,
    REG_VSSB_STATUS,
    SLVERR,
    Err,
    Lane,
    Limit,
    Mode,
    PortCfgModel,
    Result,
)
from tb.common.reset import reset_pulse as pulse_reset


class RegChecker:
    """The directed register tests' view: every access goes through the environment's checked
    register port (tb/port_cfg/env/regs.py: the register scoreboard checks each response and every
    field it can predict), and also drives the golden model (models/port_cfg.py), which commits
    at once and predicts the commit engine's status fields the register model leaves volatile:
    STATUS.code / err_lane and VSSB_STATUS, installed as its checkers while no commit runs."""

    def __init__(self, dut, port, model: PortCfgModel):
        self.dut = dut
        self.port = port
        self.m = model
        self.mgmt = model.mgmt_function
        self.settled = True  # no commit running: the status fields equal the golden model's
        rf = port.model
        rf.checkers["STATUS.code"] = self._status_checker(lambda: int(self._last().code))
        rf.checkers["STATUS.err_lane"] = self._status_checker(lambda: self._last().lane)
        rf.checkers["STATUS.busy"] = self._status_checker(lambda: 0)
        rf.checkers["STATUS.pending"] = self._status_checker(lambda: 0)
        for v in range(model.num_vssbs):
            rf.checkers[f"VSSB_STATUS[{v}].ports"] = self._status_checker(lambda v=v: self.m.vssb_ports[v])
            rf.checkers[f"VSSB_STATUS[{v}].bw"] = self._status_checker(lambda v=v: self.m.vssb_bw[v])

    def _last(self):
        return self.m.last or Result(Err.OK, 0, (), ())

    def _status_checker(self, expect):
        def check(value: int) -> str | None:
            if not self.settled:
                return None
            want = expect()
            return None if value == want else f"golden model (models/port_cfg.py) has 0x{want:x}"

        return check

    async def write(self, addr: int, value: int, func: int | None = None, strb: int = 0xF) -> int:
        func = self.mgmt if func is None else func
        if addr == REG_CTRL and func == self.mgmt and value & 1 and strb & 1:
            self.settled = False
        resp = await self.port.write(addr, value, func, strb)  # checked by the register scoreboard
        self.m.reg_write(addr, value, func, strb)
        return resp

    async def read(self, addr: int, func: int | None = None) -> int:
        func = self.mgmt if func is None else func
        value, _ = await self.port.read(addr, func)  # checked by the register scoreboard
        self.m.reg_read(addr, func)
        return value

    async def sub_word(self, addr: int, off: int, value: int, write: bool) -> None:
        """A one-beat access at byte offset `off` (addr[1:0] = off) of word `addr`: SLVERR, no effect."""
        raw = self.port.port  # the RegisterPort behind the checked port
        if write:
            resp = await raw.write_bytes(addr + off, value, self.mgmt)
            exp = self.m.reg_write(addr + off, value, self.mgmt)
            assert resp == exp == SLVERR, f"write at 0x{addr + off:03x}: resp {resp}, model {exp}"
        else:
            data, resp = await raw.read_bytes(addr + off, self.mgmt)
            exp = self.m.reg_read(addr + off, self.mgmt)
            assert (data, resp) == (0, SLVERR) and exp == (0, SLVERR), (
                f"read at 0x{addr + off:03x}: (0x{data:x}, {resp}), model {exp}"
            )

    async def check_all(self) -> None:
        """Read every mapped register as the management function; each must equal the model."""
        for addr in self.mapped():
            await self.read(addr)

    def mapped(self) -> list[int]:
        return [a for a in range(0, ADDR_SPACE, 4) if self.m.reg_kind(a) is not None]

    def writable_value(self, rng, addr: int) -> int:
        return rng.getrandbits(32) & ~1 if addr == REG_CTRL else rng.getrandbits(32)

    def check_outputs(self) -> None:
        """The active configuration outputs equal the model's."""
        act = self.m.active
        n = self.m.num_lanes
        mode = sum(act.mode[i] << (2 * i) for i in range(n))
        en = sum(int(act.en[i]) << i for i in range(n))
        vssb = sum(act.vssb[i] << (4 * i) for i in range(n))
        got = (int(self.dut.lane_mode_o.value), int(self.dut.lane_en_o.value), int(self.dut.port_vssb_o.value))
        assert got == (mode, en, vssb), f"outputs (mode, en, vssb) {tuple(map(hex, got))}, model {(hex(mode), hex(en), hex(vssb))}"

    async def commit(self) -> None:
        """CTRL.commit, then wait for the result (STATUS.busy 0); the model commits at once."""
        await self.write(REG_CTRL, 1)
        while (await self.port.read_ok(REG_STATUS, self.mgmt)) & 1:
            pass
        self.settled = True
        self.check_outputs()


def all_words(m: PortCfgModel) -> list[int]:
    return list(range(0, ADDR_SPACE, 4))


def window_edges(m: PortCfgModel) -> list[int]:
    """The last valid and first invalid word of every window, and the words around the scalars."""
    edges = [
        0x01C, 0x020,  # last scalar (ERR), first hole
        0x03C, 0x040,  # last hole, first VSSB_LIMIT
        REG_VSSB_LIMIT + 4 * (m.num_vssbs - 1), REG_VSSB_LIMIT + 4 * m.num_vssbs,
        REG_VSSB_STATUS - 4, REG_VSSB_STATUS,
        REG_VSSB_STATUS + 4 * (m.num_vssbs - 1), REG_VSSB_STATUS + 4 * m.num_vssbs,
        0x0FC, REG_LANE,
        REG_LANE + 4 * (m.num_lanes - 1), REG_LANE + 4 * m.num_lanes,
        ADDR_SPACE - 4,
    ]
    return [a for a in edges if a < ADDR_SPACE]  # LANE[64] ends the address space


def dirty_state(rng, m: PortCfgModel) -> list[tuple[int, int]]:
    """Register writes that move every writable register off its reset value: a valid
    configuration (every lane enabled as a narrow port, VSSBs round robin), limits."""
    writes = []
    for i in range(m.num_lanes):
        writes.append((REG_LANE + 4 * i, Lane(True, Mode.NARROW, i % m.num_vssbs).to_reg()))
    for v in range(m.num_vssbs):
        writes.append((REG_VSSB_LIMIT + 4 * v, Limit(m.num_lanes, m.num_lanes).to_reg()))
    rng.shuffle(writes)
    return writes


async def make_dirty(chk: RegChecker, rng) -> None:
    """Non-reset state everywhere: an accepted and a rejected commit, a refused access (counter,
    ERR flag), a fresh shadow, outputs driven."""
    for addr, value in dirty_state(rng, chk.m):
        await chk.write(addr, value)
    await chk.commit()  # accepted
    await chk.write(REG_VSSB_LIMIT, Limit(0, 0).to_reg())
    await chk.commit()  # rejected: PORT_LIMIT
    await chk.read(REG_ACCEPT_CNT, func=chk.mgmt ^ 1)  # refused
    await chk.write(REG_LANE, Lane(False, Mode.WIDE, 1).to_reg())
    assert chk.m.accept_cnt and chk.m.reject_cnt and chk.m.access_viol_cnt and chk.m.err_access_viol


async def expect_reset_state(chk: RegChecker) -> None:
    """After a reset: every register reads its reset value (the model is reset too), the active
    configuration outputs are the reset configuration, nothing is busy."""
    dut = chk.dut
    chk.m = PortCfgModel(chk.m.num_lanes, chk.m.num_vssbs, mgmt_function=chk.mgmt)
    chk.port.reset()  # the register scoreboard's model too
    chk.settled = True
    await RisingEdge(dut.clk_i)
    await FallingEdge(dut.clk_i)
    assert int(dut.commit_busy_o.value) == 0 and int(dut.flt_valid_o.value) == 0
    chk.check_outputs()
    await chk.check_all()


async def access_control(chk: RegChecker, rng) -> None:
    """Every word of the map as a non-management function (write, then read): SLVERR, no effect,
    read 0, counted, ERR.access_viol set; then the management function sees everything unchanged
    and may clear the flag."""
    await make_dirty(chk, rng)  # non-reset values, so "unchanged" is not "still at reset"
    funcs = [f for f in (chk.mgmt ^ 1, chk.mgmt + 1, 255 if chk.mgmt != 255 else 254, rng.randrange(256))
             if f != chk.mgmt]
    for addr in all_words(chk.m):
        f = rng.choice(funcs)
        await chk.write(addr, chk.writable_value(rng, addr) | (1 if addr == REG_CTRL else 0), func=f)
        await chk.read(addr, func=f)
    await chk.write(REG_CTRL, 1, func=funcs[0])  # a refused commit starts nothing
    await ClockCycles(chk.dut.clk_i, 2)
    assert int(chk.dut.commit_busy_o.value) == 0, "a refused CTRL.commit started a commit"
    assert chk.m.access_viol_cnt == 2 * len(all_words(chk.m)) + 2
    await chk.check_all()  # counter and ERR included
    chk.check_outputs()
    await chk.write(REG_ERR, 0)  # writing 0 clears nothing
    await chk.read(REG_ERR)
    await chk.write(REG_ERR, 1)
    await chk.read(REG_ERR)
    assert not chk.m.err_access_viol
    await chk.commit()  # the management function still works
    await chk.check_all()


async def address_rules(chk: RegChecker, rng) -> None:
    """Holes, window edges, sub-word offsets 1..3 of every mapped register, writes to every
    read-only register: SLVERR, no effect, never counted as access violations."""
    await make_dirty(chk, rng)
    m = chk.m
    holes = [a for a in all_words(m) if m.reg_kind(a) is None]
    for addr in holes + window_edges(m):
        await chk.write(addr, rng.getrandbits(32))
        await chk.read(addr)
    for addr in chk.mapped():
        for off in (1, 2, 3):
            await chk.sub_word(addr, off, rng.getrandbits(32), write=True)
            await chk.sub_word(addr, off, 0, write=False)
    for addr in chk.mapped():
        name, _ = m.reg_kind(addr)
        if name in m.READ_ONLY:
            await chk.write(addr, rng.getrandbits(32))
    viol = m.access_viol_cnt
    await chk.check_all()
    assert m.access_viol_cnt == viol == 1, "rules 2-4 must not count as access violations"
    chk.check_outputs()


async def write_strobes(chk: RegChecker, rng) -> None:
    """Byte strobes (docs/dev-guide.md, "Register access"): every writable register written with
    each of the 16 WSTRB patterns (0: OKAY, nothing changes) and read back; CTRL.commit starts a
    commit only when byte 0 is strobed; ERR.access_viol (W1C) clears only when byte 0 is strobed
    with a 1; a read-only register written with WSTRB=0 is still SLVERR (rule 4 before strobes)."""
    await make_dirty(chk, rng)
    m = chk.m
    writable = [a for a in chk.mapped() if m.reg_kind(a)[0] in ("LANE", "VSSB_LIMIT")]
    for addr in writable:
        for strb in range(16):
            await chk.write(addr, rng.getrandbits(32), strb=strb)
            await chk.read(addr)
    busy = chk.dut.commit_busy_o
    for strb in (0x0, 0x2, 0x4, 0x8, 0xE):
        assert await chk.write(REG_CTRL, 0xFFFF_FFFF, strb=strb) == 0
        await ClockCycles(chk.dut.clk_i, 2)
        assert int(busy.value) == 0, f"CTRL.commit written with WSTRB=0x{strb:x} (byte 0 off) started a commit"
    await chk.read(REG_STATUS)
    await chk.write(REG_LANE, Lane(True, Mode.WIDE, 0).to_reg())
    await chk.write(REG_CTRL, 1, strb=0x1)  # byte 0: commits
    while (await chk.port.read_ok(REG_STATUS, chk.mgmt)) & 1:
        pass
    chk.settled = True
    chk.check_outputs()
    await chk.read(REG_ACCEPT_CNT, func=chk.mgmt ^ 1)  # refused: ERR.access_viol set
    for strb in (0x0, 0x2, 0xE):
        await chk.write(REG_ERR, 0xFFFF_FFFF, strb=strb)
        await chk.read(REG_ERR)
    assert m.err_access_viol, "ERR.access_viol cleared by a write that did not strobe byte 0"
    await chk.write(REG_ERR, 0xFFFF_FFFE, strb=0x1)  # byte 0 strobed, bit 0 written 0
    await chk.read(REG_ERR)
    await chk.write(REG_ERR, 0x1, strb=0x1)
    await chk.read(REG_ERR)
    assert not m.err_access_viol
    for addr in chk.mapped():
        if m.reg_kind(addr)[0] in m.READ_ONLY:
            await chk.write(addr, rng.getrandbits(32), strb=0)
    await chk.check_all()


async def counter_limits(chk: RegChecker) -> None:
    """ACCEPT_CNT, REJECT_CNT and ACCESS_VIOL_CNT are read-only 32-bit counters: preloaded just
    below all ones through a backdoor deposit into the flops of their sat_counter instances
    (u_commit.u_accept_cnt, u_commit.u_reject_cnt, u_viol_cnt), then driven past the limit: they
    stop at all ones and stay.

    A deposit is no transition of the design, so it also clears each counter's `sva_armed_q`: its
    clock-to-clock SVA (a count without events holds) skips the one clock that spans the deposit,
    as it skips the clock after a reset."""
    dut = chk.dut
    await FallingEdge(dut.clk_i)
    for counter, value in ((dut.u_commit.u_accept_cnt, CNT_MAX - 1),
                           (dut.u_commit.u_reject_cnt, CNT_MAX - 1),
                           (dut.u_viol_cnt, CNT_MAX - 2)):
        counter.cnt_q.value = value
        counter.sva_armed_q.value = 0
    chk.m.accept_cnt, chk.m.reject_cnt, chk.m.access_viol_cnt = CNT_MAX - 1, CNT_MAX - 1, CNT_MAX - 2
    rf = chk.port.model  # the register scoreboard's model sees the deposit as a hardware write
    for path, v in (("ACCEPT_CNT.count", CNT_MAX - 1), ("REJECT_CNT.count", CNT_MAX - 1),
                    ("ACCESS_VIOL_CNT.count", CNT_MAX - 2)):
        rf.hw_write(path, v, now=chk.port.now())
    await RisingEdge(dut.clk_i)
    for _ in range(3):  # accepted commits: CNT_MAX - 1 -> CNT_MAX, then stays
        await chk.commit()
        await chk.read(REG_ACCEPT_CNT)
    await chk.write(REG_LANE, Lane(False, Mode.RSVD, 0).to_reg())
    for _ in range(3):  # rejected commits
        await chk.commit()
        await chk.read(REG_REJECT_CNT)
    for i in range(5):  # refused accesses, reads and writes
        if i % 2:
            await chk.write(REG_LANE, 0, func=chk.mgmt ^ 1)
        else:
            await chk.read(REG_ACCESS_VIOL_CNT, func=chk.mgmt ^ 1)
        await chk.read(REG_ACCESS_VIOL_CNT)
    assert (chk.m.accept_cnt, chk.m.reject_cnt, chk.m.access_viol_cnt) == (CNT_MAX,) * 3
    await chk.check_all()


async def reset_cases(chk: RegChecker, rng, period_ns: float) -> None:
    """Reset with no clock edge inside, across edges, in the middle of a register write, of a
    register read and of a commit; after each every register reads its reset value. The filter
    input is held valid through each pulse (a filter answer is pending at the reset)."""
    dut = chk.dut
    master = chk.port.master

    async def dirty_then(reset_coro) -> None:
        await make_dirty(chk, rng)
        dut.flt_valid_i.value = 1
        await reset_coro
        dut.flt_valid_i.value = 0
        await expect_reset_state(chk)

    await dirty_then(pulse_reset(dut, period_ns))  # between two edges
    await dirty_then(pulse_reset(dut, period_ns, across_edges=3))

    async def mid_access(write: bool, clocks: int) -> None:
        if write:
            dut.s_axil_awuser.value = chk.mgmt
            op = cocotb.start_soon(master.write(REG_LANE, Lane(True, Mode.NARROW, 0).to_reg().to_bytes(4, "little")))
        else:
            dut.s_axil_aruser.value = chk.mgmt
            op = cocotb.start_soon(master.read(REG_ACCEPT_CNT, 4))
        await ClockCycles(dut.clk_i, clocks)
        await pulse_reset(dut, period_ns)
        await op  # flushed by the master at the reset (no response is owed for it)

    for clocks in (1, 2, 3):  # handshake, in the generated block, response pending
        await dirty_then(mid_access(True, clocks))
        await dirty_then(mid_access(False, clocks))

    async def mid_commit(clocks: int) -> None:
        await chk.write(REG_VSSB_LIMIT, Limit().to_reg())  # valid again: the commit would apply
        await chk.port.write_ok(REG_CTRL, 1, chk.mgmt)
        await ClockCycles(dut.clk_i, clocks)
        await pulse_reset(dut, period_ns)

    for clocks in (0, 2, chk.m.num_lanes // 4 + 1):
        await dirty_then(mid_commit(clocks))
    # The block works normally afterwards.
    for addr, value in dirty_state(rng, chk.m):
        await chk.write(addr, value)
    await chk.commit()
    await chk.check_all()

