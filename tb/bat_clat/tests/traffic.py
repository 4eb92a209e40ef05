"""Random translation traffic over every function and table kind, with random register traffic;
idle cycles, back-pressure and memory stalls."""

from __future__ import annotations

from collections import Counter

import cocotb

from models.bat_clat import (
    F_BAT_BASE_HI,
    F_BAT_BASE_LO,
    F_BAT_ENTRIES,
    F_CTRL,
    F_INVAL,
    F_INVAL_STATUS,
    FUNC_BASE,
    INVAL,
    REG_INVAL_CTRL,
    SCOPE_ALL,
    SCOPE_FUNC,
    SCOPE_SERVICE,
    func_reg,
)
from tb.common import seed, soak

from .base import FUNC_HOLES, GLOBAL_WORDS, BatClatTest


class RandomTrafficTest(BatClatTest):
    """Every function with tables of every kind; random requests, hits and misses, every status."""

    lookup_bounds = True

    async def body(self):
        nf = self.cfg.params.num_functions
        await self.vm.setup_world(disabled=(nf - 2,) if nf > 3 else ())
        self.regs.raw.set_backpressure(seed.rng("reg_bp"), self.cfg.reg_backpressure)
        stop = [False]
        regs = cocotb.start_soon(self.random_registers(stop))
        n = soak.txns(self.cfg.n_requests)  # TXNS: the soak's count (tb/common/soak.py)
        soak.begin(n, self.logger)
        await self.traffic(n)
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
        mapped = [a for a in GLOBAL_WORDS if not model.address_error(a, False)]
        holes = [a for a in GLOBAL_WORDS if model.address_error(a, False)]
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
                a, acc = rng.choice([(rng.choice(holes), 0), (func_reg(f, rng.choice(FUNC_HOLES)), own)])
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

    knobs = {"idle_prob": 0.3, "bp_prob": 0.4, "ar_stall_prob": 0.3, "r_stall_prob": 0.3, "reg_backpressure": 0.3}


class AxiBackpressureTest(RandomTrafficTest):
    """Heavy AR/R stalls, response back-pressure, little locality: misses pile up to MaxMisses."""

    knobs = {"bp_prob": 0.5, "ar_stall_prob": 0.7, "r_stall_prob": 0.7, "n_requests": 1500}

    async def body(self):
        nf = self.cfg.params.num_functions
        await self.vm.setup_world(disabled=(nf - 2,) if nf > 3 else ())
        await self.traffic(self.cfg.n_requests, locality=0.2)
        # and bursts: stalls switched off and on while traffic runs
        for ar, r in ((0.0, 0.0), (0.9, 0.0), (0.0, 0.9)):
            self.env.set_mem_stalls(ar, r)
            await self.traffic(300, locality=0.3)
