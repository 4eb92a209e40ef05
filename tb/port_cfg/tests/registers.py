"""Directed register tests on the register environment alone: reset values and read-back, access
control, address rules, byte strobes, asynchronous reset, counter saturation."""

from __future__ import annotations

from cocotb.triggers import RisingEdge

from tb.common import seed
from tb.port_cfg.env import reg_rules, regs

from .base import RegisterTest


class RegistersTest(RegisterTest):
    """Reset values of every mapped register, read-back of every shadow register (all bits random),
    PARAMS; every access checked against the model (models/port_cfg.py)."""

    async def body(self):
        chk = self.checker()
        n, nv = self.info.num_lanes, self.info.num_vssbs
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
        await RisingEdge(self.env.clk)


class AccessControlTest(RegisterTest):
    """Every word of the map written and read by functions other than MgmtFunction: SLVERR, no
    change, read 0, each counted in ACCESS_VIOL_CNT, ERR.access_viol set (W1C); then as the
    management function everything is unchanged and works."""

    async def body(self):
        await reg_rules.access_control(self.checker(), seed.rng("access"))


class AddressRulesTest(RegisterTest):
    """Every hole, the last valid and first invalid word of every window, byte offsets 1..3 of every
    register (write and read), a write to every read-only register: SLVERR, no effect, not counted
    as access violations."""

    async def body(self):
        await reg_rules.address_rules(self.checker(), seed.rng("addr"))


class WriteStrobesTest(RegisterTest):
    """Byte strobes: every writable register under each WSTRB pattern (0 = OKAY, no change);
    CTRL.commit and ERR's W1C act only through byte 0; WSTRB=0 to a read-only register is SLVERR."""

    async def body(self):
        await reg_rules.write_strobes(self.checker(), seed.rng("strobes"))


class ResetAsyncTest(RegisterTest):
    """Reset pulses with no clock edge inside, across edges, in the middle of a register write, a
    register read and a commit: every register reads its reset value, outputs are the reset
    configuration, no SVA fires."""

    async def body(self):
        await reg_rules.reset_cases(self.checker(), seed.rng("reset"), self.block.clock_period_ns)


class CounterLimitsTest(RegisterTest):
    """ACCEPT_CNT, REJECT_CNT, ACCESS_VIOL_CNT preloaded near all ones (backdoor deposit into their
    flops), driven past: they stop at all ones and stay."""

    async def body(self):
        await reg_rules.counter_limits(self.checker())
