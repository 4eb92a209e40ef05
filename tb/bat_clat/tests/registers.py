"""Register tests: access control, reset values, the address rules.

docs/dev-guide.md "Rules every block follows": access control first (counted), then misaligned,
unmapped and read-only-write accesses get SLVERR with no effect (not counted). Every access goes
through the register agent, so the models predict each response, read value and ACCESS_VIOLATIONS.
"""

from __future__ import annotations

from models.bat_clat import (
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
    err_cnt_reg,
    func_reg,
)

from .base import FUNC_HOLES, FUNC_OFFSETS, GLOBAL_HOLES, GLOBAL_WORDS, BatClatTest


class RegAccessTest(BatClatTest):
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
                    REG_HIT_CNT, REG_MISS_CNT, REG_ACCESS_VIOLATIONS, REG_AXI_PROTO_ERR, GLOBAL_HOLES[-1]]
        targets = sorted({0, 1, nf - 1, min(nf, 63), 63, 64, 127})
        offs = [F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL, F_INVAL_STATUS, FUNC_HOLES[0]]
        addrs = globals_ + [FUNC_BASE + FUNC_STRIDE * t + o for t in targets for o in offs]
        addrs = [a for a in addrs if a < 1 << len(self.dut.s_axil_araddr)]  # the port's address space
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


class RegResetValuesTest(BatClatTest):
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
        if self.env.axi_monitor.ar_count:
            self.fail("memory read with no function enabled")


class RegAddressRulesTest(BatClatTest):
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
        for a in GLOBAL_WORDS:
            await p.read(a)
            if a != REG_INVAL_CTRL:  # INVAL_CTRL is writable; its write is tested elsewhere
                await p.write(a, self.rng.getrandbits(32))
        # function blocks: every word of the first and last block, and the first refused block
        for f in (0, nf - 1):
            for off in range(0, FUNC_STRIDE, 4):
                await p.read(func_reg(f, off), f)
                if off == F_INVAL_STATUS or off in FUNC_HOLES:
                    await p.write(func_reg(f, off), self.rng.getrandbits(32), f)
        assert model.access_violations == 0, "rules 2-4 counted as access violations"
        # byte offsets 1..3 of every mapped register, as the PF and as the owner
        regs = [a for a in GLOBAL_WORDS if not model.address_error(a, False)]
        regs += [func_reg(f, o) for f in {0, nf - 1} for o in FUNC_OFFSETS]
        for a in regs:
            owner = model.target_function(a) or 0
            for off in (1, 2, 3):
                for func in {0, owner}:
                    await p.sub_word(a + off, func, write=True, value=self.rng.getrandbits(32))
                    await p.sub_word(a + off, func)
        await p.read(REG_ACCESS_VIOLATIONS)
        assert model.access_violations == 0
        # access control keeps priority over the address rules, and counts
        await p.sub_word(func_reg(0, F_BAT_BASE_LO) + 1, nf - 1 if nf > 1 else 1, write=True, value=0xFF)
        await p.sub_word(GLOBAL_HOLES[-1] + 1, 1)
        await p.read(REG_ACCESS_VIOLATIONS)
        assert model.access_violations == 2
        # nothing changed
        for f in (0, nf - 1):
            for o in (F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL):
                await p.read(func_reg(f, o))
        await p.read(REG_INVAL_CTRL)
        await self.traffic(100, funcs=[1 % nf])
