"""Reset: at random moments under traffic, and asynchronous pulses of any width (no minimum, no
clock edge needed) in the middle of register accesses and with table reads in flight."""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, RisingEdge

from models.bat_clat import (
    F_BAT_BASE_HI,
    F_BAT_BASE_LO,
    F_BAT_ENTRIES,
    F_CTRL,
    F_INVAL,
    F_INVAL_STATUS,
    INVAL,
    REG_ACCESS_VIOLATIONS,
    REG_HIT_CNT,
    REG_ID,
    REG_INVAL_CTRL,
    REG_INVAL_STATUS,
    REG_MISS_CNT,
    SCOPE_ALL,
    SCOPE_SERVICE,
    func_reg,
)
from tb.bat_clat.env.sequences import TrafficSeq
from tb.common import seed

from .base import GLOBAL_WORDS, BatClatTest


class ResetMidTrafficTest(BatClatTest):
    """Resets at random moments under traffic with misses in flight: requests accepted before a reset
    get no response; every request accepted after it gets exactly one; nothing hangs."""

    knobs = {"r_stall_prob": 0.3, "bp_prob": 0.3, "idle_prob": 0.1}
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


class RegResetAsyncTest(BatClatTest):
    """Reset pulses with no clock edge inside, across clock edges, in the middle of a register write
    and of a register read (also with the response waiting), and between two edges with table reads
    in flight: afterwards every register reads its reset value (INVAL_STATUS.done 1), no SVA fires,
    and the unit translates normally again."""

    knobs = {"r_stall_prob": 0.5}

    async def dirty(self) -> None:
        """Non-reset values in every kind of register."""
        nf = self.cfg.params.num_functions
        await self.vm.setup(1 % nf, ["ok", "bat_invalid"])
        await self.regs.write(REG_INVAL_CTRL, INVAL.encode(SCOPE_SERVICE, 1, 2, go=False))
        await self.regs.read(REG_ID, 1 % nf if nf > 1 else 1)  # refused: ACCESS_VIOLATIONS 1
        await self.traffic(40, funcs=[1 % nf, nf])  # hits, misses, FUNC_INVALID
        await self.sb.drain()

    async def check_reset_values(self) -> None:
        nf = self.cfg.params.num_functions
        p = self.regs
        await RisingEdge(self.env.dut.clk_i)
        for a in GLOBAL_WORDS:
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
        master = self.regs.raw.master
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
            await self.env.reset_pulse()
            hold[0] = False
            await op  # flushed by the master at the reset: no response is owed

        cases = [lambda: self.env.reset_pulse(), lambda: self.env.reset_pulse(across_edges=3)]
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
            await self.env.reset_pulse()
            await task

        cases += [reads_in_flight]
        for case in cases:
            await self.dirty()
            await case()
            await self.check_reset_values()
        await self.dirty()
