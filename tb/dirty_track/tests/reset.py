"""Reset: mid-traffic, asynchronous at any moment (no edge inside, over several edges), in every
clock of a DMA write's trip through the block."""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles

from models import dirty_track as dt
from models.dirty_track import DirtyTrackModel, func_reg
from tb.common.base import cycle
from tb.common.seed import rng
from tb.dirty_track.env import reg_rules
from tb.dirty_track.env.sequences import TrafficSeq

from .base import DirtyTrackTest


class ResetMidTraffic(DirtyTrackTest):
    """Reset while writes stream in: everything clears (registers, bitmap), writes held until the
    bitmap is initialised, then logging works again."""

    async def body(self):
        hyp, funcs = self.hyp, self.all_funcs()
        await self.start_logging(funcs)
        seq = TrafficSeq(n=self.cfg.n_writes, funcs=funcs)
        task = cocotb.start_soon(seq.start(self.env.agent.seqr))
        await ClockCycles(self.dut.clk_i, 300 + self.rng.randrange(200))
        await self.env.reset()
        await hyp.start()
        for f in funcs:
            for off in (dt.CTRL, dt.PAGES, dt.BASE_LO, dt.OOR_CNT, dt.FERR):
                assert await hyp.read_ok(func_reg(f, off)) == 0, f"FUNC[{f}]+0x{off:x} not reset"
        # (BAD_FUNC_CNT restarts from 0 too: the final counter check compares it with the bad-function
        # writes seen since this reset, exactly; traffic has already resumed, so not read here)
        # the bitmap is clear: any mark left would be a false dirty page for the scoreboard
        for f in funcs:
            await hyp.report_word(f, self.rng.randrange(hyp.model.words_per_func))
        await self.start_logging(funcs)
        await task
        await self.traffic(funcs, n=300)
        await self.finish()


class ResetAsync(DirtyTrackTest):
    """Asynchronous reset at any moment: a pulse with no rising edge inside it, and a reset over
    several edges, each in the middle of every kind of activity (idle, an AW stream of logged and
    out-of-range writes, a register write, a register read, a bitmap report read, the bitmap clear
    after reset). Afterwards (STATUS.init_done = 1) every register reads its reset value and every
    word of every function's bitmap reads 0; the RTL's SVA stay on throughout."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
        hyp, dut = self.hyp, self.dut
        kinds = ["idle", "aw_stream", "reg_write", "reg_read", "bitmap_read", "init_sweep"]
        for pulse in ("between", "long"):
            for kind in kinds:
                for f in range(hyp.model.num_functions):  # whole bitmap tracked
                    await hyp.configure(f, self.rng.randrange(1, 1 << 20) << 20, hyp.model.pages_per_func, 0)
                    await hyp.set_logging(f, True)
                await self.dirty_everything()
                task = None
                if kind == "aw_stream":
                    task = cocotb.start_soon(self.aw_stream())
                elif kind == "reg_write":
                    task = cocotb.start_soon(reg_rules.raw_write(hyp, func_reg(1, dt.OOR_CNT), 0x1234, publish=False))
                elif kind == "reg_read":
                    task = cocotb.start_soon(reg_rules.raw_read(hyp, func_reg(1, dt.PAGES)))
                elif kind == "bitmap_read":
                    task = cocotb.start_soon(reg_rules.raw_read(hyp, hyp.model.bitmap_addr(0, 0)))
                elif kind == "init_sweep":
                    await reg_rules.reset_pulse(self.env, "between", self.rng)
                await ClockCycles(dut.clk_i, 1 + self.rng.randrange(4 if kind != "init_sweep" else 40))
                await reg_rules.reset_pulse(self.env, pulse, self.rng)
                if task is not None and not task.done():
                    task.cancel()
                reg_rules.idle_pins(dut)
                self.logger.info(f"reset ({pulse}) during {kind}")
                await hyp.start()
                await reg_rules.check_registers(self)
                await reg_rules.check_bitmap_clear(self)

    async def dirty_everything(self):
        """Marks in every word of every function (so a bitmap that is not cleared shows)."""
        hyp, dut = self.hyp, self.dut
        for f in range(hyp.model.num_functions):
            cfg = hyp.model.funcs[f]
            for w in range(-(-hyp.model.limit(f) // dt.WORD_BITS)):
                a = cfg.base + (w * dt.WORD_BITS << dt.page_shift(cfg.page_code))
                await reg_rules.dma_write_at(dut, cycle() + 1, f, a)
        await hyp.wait_quiesced()

    async def aw_stream(self):
        hyp, dut = self.hyp, self.dut
        r = rng("aw_stream")
        while True:
            f = r.randrange(hyp.model.num_functions)
            cfg = hyp.model.funcs[f]
            a = cfg.base + r.randrange(-2, hyp.model.limit(f) + 2) * (1 << dt.page_shift(cfg.page_code))
            await reg_rules.dma_write_at(dut, cycle() + 1, f, max(a, 0), length=r.randrange(4), size=3)


class ResetInFlight(DirtyTrackTest):
    """A reset (a pulse between two edges, and one over several edges) in every clock of one DMA
    write's trip through the block (address pipeline S0..S6, mark queue, RMW pipeline), for each
    kind of write: logged and marking one word, logged across a word boundary (two RMW slots),
    logged but entirely below the region (no mark), logging off, function >= NumFunctions. The
    write is forgotten ("Reset": everything in flight is forgotten), and nothing of it is left
    behind: once STATUS.init_done reads 1, STATUS.quiesced reads 1, writes flow again (a new logged
    write is accepted at once) and the bitmap holds exactly that write's mark (golden model)."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def body(self):
        hyp, dut = self.hyp, self.dut
        f, base, pages = 1, 0x3_0000_0000, 64
        kinds = {  # (function, address, AWLEN, AWSIZE)
            "mark": (f, base + 5 * 0x1000, 0, 0),
            "two_words": (f, base + 32 * 0x1000 - 8, 1, 3),  # pages 31 and 32: words 0 and 1
            "outside": (f, base - 2 * 0x1000, 0, 0),
            "logging_off": (0, base, 0, 0),  # function 0 is not logging
            "bad_function": (hyp.model.num_functions, base, 0, 0),
        }
        for pulse in ("between", "long"):
            for kind, (wf, addr, ln, sz) in kinds.items():
                for d in range(11):
                    await hyp.configure(f, base, pages, 0)
                    await hyp.set_logging(f, True)
                    a = await reg_rules.dma_write_at(dut, cycle() + 1, wf, addr, length=ln, size=sz)
                    await ClockCycles(dut.clk_i, d)
                    await reg_rules.reset_pulse(self.env, pulse, self.rng)  # asserted after edge a + d + 1
                    reg_rules.idle_pins(dut)
                    await hyp.start()
                    await self.check_after(f, base, pages, f"reset ({pulse}) {d + 1} clocks after the "
                                           f"handshake (edge {a}) of a '{kind}' write")

    async def check_after(self, f: int, base: int, pages: int, what: str) -> None:
        hyp, dut = self.hyp, self.dut
        st = await hyp.read_ok(dt.STATUS)
        assert st & dt.STATUS_QUIESCED, f"{what}: STATUS = 0x{st:x} after init_done, quiesced expected"
        await hyp.configure(f, base, pages, 0)
        await hyp.set_logging(f, True)
        pm = DirtyTrackModel(hyp.model.num_functions, hyp.model.pages_per_func)
        pm.funcs[f] = type(pm.funcs[f])(**vars(hyp.model.funcs[f]))
        addr = base + 7 * 0x1000
        task = cocotb.start_soon(reg_rules.dma_write_at(dut, cycle() + 1, f, addr))
        await ClockCycles(dut.clk_i, 8)
        if not task.done():
            task.cancel()
            reg_rules.idle_pins(dut)
            raise AssertionError(f"{what}: a logged write was not accepted within 8 clocks (AWREADY low)")
        pm.dma_write(f, addr, 0, 0, dt.BURST_INCR)
        await hyp.wait_quiesced(limit=20)
        for w in range(hyp.words_in_use(f)):
            got, want = await hyp.report_word(f, w), pm.report(f, w)
            assert got == want, f"{what}: word {w} = 0x{got:08x}, model 0x{want:08x}"
        await hyp.set_logging(f, False)
