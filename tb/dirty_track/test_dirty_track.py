"""cocotb tests of dirty_track: each a thin pyuvm test (a scenario over the shared environment).

Every test runs the same environment and checks: pass-through (AW out == AW in), the scoreboard's
no-lost-page / no-false-dirty invariant with its documented timing tolerance, and the RTL's SVA.
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, Event
from pyuvm import ConfigDB, uvm_root, uvm_test

from models import dirty_track as dt
from models.dirty_track import func_reg
from tb.common import bench
from tb.common.regport import SLVERR
from tb.common.scoreboard import ScoreboardError
from tb.common.seed import announce, rng
from tb.dirty_track.env.common import TbCfg
from tb.dirty_track.env.env import DirtyEnv
from tb.dirty_track.env.sequences import TrafficSeq


class BaseTest(uvm_test):
    """Bring-up, then `scenario()`; the components check in check_phase."""

    knobs: dict = {}

    def build_phase(self):
        ConfigDB().set(None, "*", "dut", cocotb.top)
        self.cfg = TbCfg(**self.knobs)
        ConfigDB().set(None, "*", "cfg", self.cfg)
        self.env = DirtyEnv("env", self)
        self.rng = rng("test")

    async def run_phase(self):
        self.raise_objection()
        announce(self.logger)
        self.dut = cocotb.top
        await self.env.start()
        self.hyp, self.sb = self.env.hyp, self.env.sb
        await self.scenario()
        self.drop_objection()

    # ------------------------------------------------------------------ building blocks
    def all_funcs(self):
        return list(range(self.hyp.model.num_functions))

    async def start_logging(self, funcs, max_pages=2048):
        for f in funcs:
            await self.hyp.random_config(f, max_pages)
            await self.hyp.set_logging(f, True)

    async def traffic(self, funcs, n=None, mode="random", idle=True, reports=True, stream="traffic"):
        """Run a traffic sequence to completion, with concurrent report-and-clear reads."""
        seq = TrafficSeq(n=n, mode=mode, funcs=funcs, idle=idle, stream=stream)
        stop = Event()
        loop = cocotb.start_soon(self.hyp.report_loop(stop, funcs)) if reports else None
        await seq.start(self.env.agent.seqr)
        stop.set()
        if loop is not None:
            await loop
        return seq

    async def finish(self, full_sweep=False):
        """Quiesce, final report of every word that may hold marks (plus a sample of the others, or
        everything), check the counters, stop logging."""
        hyp, sb = self.hyp, self.sb
        await hyp.wait_quiesced()
        hyp.final = True
        words = set(sb.pending_words())
        nf, wpf = hyp.model.num_functions, hyp.model.words_per_func
        if full_sweep:
            words |= {(f, w) for f in range(nf) for w in range(wpf)}
        else:
            words |= {(self.rng.randrange(nf), self.rng.randrange(wpf)) for _ in range(self.cfg.final_sample_words)}
        for f, w in sorted(words):
            await hyp.report_word(f, w)
        hyp.final = False
        sb.check_final()
        await hyp.read_counters()
        for f in range(nf):
            if hyp.model.funcs[f].log_en:
                await hyp.set_logging(f, False)

    async def scenario(self):
        raise NotImplementedError


# ============================================================================ random traffic


class RandomTraffic(BaseTest):
    """All functions logging, random mixed traffic with idle cycles and back-pressure, report-and-
    clear and flag toggles running concurrently; final quiesced sweep."""

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        await self.traffic(funcs)
        await self.finish()


class RandomTrafficFullRate(RandomTraffic):
    knobs = dict(idle_prob=0.0, ready_prob=1.0)


class RandomSmall(BaseTest):
    """Small bitmap (config small): regions cover the whole bitmap, more toggles, full sweeps."""

    knobs = dict(toggle_prob=0.06, oor_prob=0.1)

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs, max_pages=10**6)
        await self.traffic(funcs)
        await self.finish(full_sweep=True)


class NegativeDroppedMark(RandomSmall):
    """The scoreboard sees one mark fewer in the final sweep: it must report a lost page."""

    knobs = dict(n_writes=600, inject_drop=True)


@cocotb.test()
async def test_random_traffic(dut):
    await uvm_root().run_test(RandomTraffic)


@cocotb.test()
async def test_random_traffic_full_rate(dut):
    await uvm_root().run_test(RandomTrafficFullRate)


@cocotb.test()
async def test_random_small(dut):
    await uvm_root().run_test(RandomSmall)


@cocotb.test(expect_error=ScoreboardError)
async def test_negative_dropped_mark(dut):
    await uvm_root().run_test(NegativeDroppedMark)


# ============================================================================ directed tests


class VfAccess(BaseTest):
    """VF register and bitmap accesses: SLVERR, no effect (a VF bitmap read clears nothing), counted;
    PF writes to the bitmap window and unmapped addresses: SLVERR."""

    async def scenario(self):
        hyp = self.hyp
        await self.start_logging([0], max_pages=256)
        await self.traffic([0], n=200, reports=False)
        nviol = 0
        for vf in (1, 2, 3, 7, 255):
            assert await hyp.write(func_reg(0, dt.CTRL), 0, func=vf) == SLVERR
            assert await hyp.write(func_reg(0, dt.BASE_LO), 0x1000, func=vf) == SLVERR
            assert await hyp.read(func_reg(0, dt.CTRL), func=vf) == (0, SLVERR)
            assert await hyp.read(dt.ID, func=vf) == (0, SLVERR)
            for w in range(hyp.words_in_use(0)):
                assert await hyp.read(hyp.model.bitmap_addr(0, w), func=vf) == (0, SLVERR)
            nviol += 4 + hyp.words_in_use(0)
        assert await hyp.read_ok(func_reg(0, dt.CTRL)) == 1, "a VF write changed the PF's CTRL"
        assert await hyp.read_ok(func_reg(0, dt.BASE_LO)) == hyp.model.funcs[0].base & dt.MASK32
        assert await hyp.read_ok(dt.ACCESS_VIOL_CNT) == nviol
        assert await hyp.read_ok(dt.ERR) & dt.ERR_ACCESS_VIOL
        await hyp.write_ok(dt.ERR, dt.ERR_ACCESS_VIOL)  # write 1 to clear
        assert not await hyp.read_ok(dt.ERR) & dt.ERR_ACCESS_VIOL
        await hyp.write_ok(dt.ACCESS_VIOL_CNT, 0)
        assert await hyp.read_ok(dt.ACCESS_VIOL_CNT) == 0
        # PF: the bitmap window is read-only, and decode holes answer SLVERR
        assert await hyp.write(hyp.model.bitmap_addr(0, 0), 0) == SLVERR
        assert await hyp.read(0x1000) == (0, SLVERR)
        nf, wpf = hyp.model.num_functions, hyp.model.words_per_func
        assert await hyp.read(dt.BITMAP_BASE + 4 * nf * wpf) == (0, SLVERR)
        assert await hyp.read_ok(dt.ACCESS_VIOL_CNT) == 0, "PF decode errors are not VF violations"
        await self.finish(full_sweep=True)  # the marks are all still there


class ResetMidTraffic(BaseTest):
    """Reset while writes stream in: everything clears (registers, bitmap), writes held until the
    bitmap is initialised, then logging works again."""

    async def scenario(self):
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


class Quiesce(BaseTest):
    """STATUS.quiesced is 0 while accepted writes are in flight and 1 once all are logged; after it
    reads 1, a report contains every write accepted before (exact final check)."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        hyp = self.hyp
        await self.start_logging([0, 1], max_pages=256)
        done = Event()
        seen = []

        async def poll():
            while not done.is_set():
                seen.append(await hyp.read_ok(dt.STATUS) & dt.STATUS_QUIESCED)

        task = cocotb.start_soon(poll())
        await self.traffic([0, 1], n=400, mode="cross", idle=False, reports=False)
        done.set()
        await task
        assert 0 in seen, "STATUS.quiesced never read 0 while writes were in flight"
        await self.finish(full_sweep=True)
        assert await hyp.read_ok(dt.STATUS) & dt.STATUS_QUIESCED


class ClearCollision(BaseTest):
    """Back-to-back writes into one bitmap word while the hypervisor reads (and clears) that same
    word back to back: reports collide with marks in the same clock and in adjacent RMW stages."""

    knobs = dict(idle_prob=0.0, ready_prob=1.0, same_word_prob=1.0)

    async def scenario(self):
        hyp = self.hyp
        await hyp.configure(0, 0x4000_0000, 256, 0)
        await hyp.set_logging(0, True)
        done = Event()

        async def hammer():
            while not done.is_set():
                await hyp.report_word(0, 0)

        task = cocotb.start_soon(hammer())
        await self.traffic([0], n=800, mode="same_word", idle=False, reports=False)
        done.set()
        await task
        await self.finish(full_sweep=True)


class FlagToggle(BaseTest):
    """One function's flag toggled repeatedly mid-traffic; the others log undisturbed."""

    knobs = dict(toggle_prob=0.0)

    async def scenario(self):
        hyp, funcs = self.hyp, self.all_funcs()
        await self.start_logging(funcs)
        victim = self.rng.choice(funcs)
        done = Event()

        async def toggler():
            while not done.is_set():
                await ClockCycles(self.dut.clk_i, self.rng.randint(20, 120))
                await hyp.set_logging(victim, not hyp.model.funcs[victim].log_en)

        task = cocotb.start_soon(toggler())
        await self.traffic(funcs)
        done.set()
        await task
        await self.finish()


class PageSizes(BaseTest):
    """Every page size 4 KiB .. 2 MiB: reconfigure (logging off, drained), traffic with crossing
    writes, quiesce, full sweep."""

    knobs = dict(cross_prob=0.3)

    async def scenario(self):
        hyp, funcs = self.hyp, self.all_funcs()
        for code in range(dt.NUM_PAGE_SIZES):
            shift = dt.page_shift(code)
            for f in funcs:
                base = self.rng.randrange(1 << (33 - shift), 1 << (44 - shift)) << shift
                await hyp.configure(f, base, self.rng.randint(64, hyp.model.pages_per_func), code)
                await hyp.set_logging(f, True)
            await self.traffic(funcs, n=120, stream=f"traffic{code}")
            await self.finish(full_sweep=True)


class BadFunction(BaseTest):
    """Writes with function numbers >= NumFunctions: passed through, counted exactly, sticky flag;
    then the counters preset near all ones saturate."""

    knobs = dict(bad_func_prob=0.3, oor_prob=0.2)

    async def scenario(self):
        hyp, funcs = self.hyp, self.all_funcs()
        await self.start_logging(funcs)
        await self.traffic(funcs, n=400)
        assert await hyp.read_ok(dt.ERR) & dt.ERR_BAD_FUNC
        await self.finish()  # BAD_FUNC_CNT checked exactly by the scoreboard
        await hyp.write_ok(dt.ERR, dt.ERR_BAD_FUNC)
        assert not await hyp.read_ok(dt.ERR) & dt.ERR_BAD_FUNC
        # Saturation: counters preset just below all ones count up to it and stay there (the
        # scoreboard's expected counts saturate the same way).
        await hyp.write_ok(dt.BAD_FUNC_CNT, dt.MASK32 - 5)
        for f in funcs:
            await hyp.write_ok(func_reg(f, dt.OOR_CNT), dt.MASK32 - 2)
            await hyp.set_logging(f, True)
        await self.traffic(funcs, n=200)
        await self.finish()
        assert await hyp.read_ok(dt.BAD_FUNC_CNT) == dt.MASK32


# ============================================================================ benchmarks


def handshake_span(seq) -> int:
    ts = [it.t for it in seq.items]
    return max(ts) - min(ts) + 1


class BenchWriteThroughput(BaseTest):
    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        seq = await self.traffic(funcs, n=10000, mode="single", idle=False, reports=False)
        tput = len(seq.items) / handshake_span(seq)
        bench.record("write_throughput_per_clk", round(tput, 4), self.logger)
        assert tput >= 0.99, f"write throughput {tput:.4f} per clock < 0.99"
        await self.finish()


class BenchCrossingThroughput(BaseTest):
    knobs = dict(idle_prob=0.0, ready_prob=1.0)

    async def scenario(self):
        funcs = self.all_funcs()
        await self.start_logging(funcs)
        seq = await self.traffic(funcs, n=2000, mode="cross", idle=False, reports=False)
        tput = len(seq.items) / handshake_span(seq)
        bench.record("crossing_write_throughput_per_clk", round(tput, 4), self.logger)
        await self.finish()


class BenchReportReads(BaseTest):
    """The driver's report of one function's whole bitmap (quiesce, every word, OOR_CNT, ERR) costs
    at most bitmap words + 8 register reads."""

    async def scenario(self):
        hyp = self.hyp
        await hyp.configure(0, 0x80_0000_0000, hyp.model.pages_per_func, 0)
        await hyp.set_logging(0, True)
        await self.traffic([0], n=1500, reports=False)
        await hyp.set_logging(0, False)
        before = hyp.reads
        await hyp.wait_quiesced()
        hyp.final = True
        await hyp.report_function(0)
        hyp.final = False
        await hyp.read_ok(func_reg(0, dt.OOR_CNT))
        await hyp.read_ok(func_reg(0, dt.FERR))
        reads = hyp.reads - before
        words = hyp.model.words_per_func
        bench.record("report_reads_per_function", reads, self.logger)
        assert reads <= words + 8, f"{reads} register reads for {words} bitmap words"
        await self.finish()


for _name, _cls in [
    ("test_vf_access", VfAccess),
    ("test_reset_mid_traffic", ResetMidTraffic),
    ("test_quiesce", Quiesce),
    ("test_clear_collision", ClearCollision),
    ("test_flag_toggle", FlagToggle),
    ("test_page_sizes", PageSizes),
    ("test_bad_function", BadFunction),
    ("test_bench_write_throughput", BenchWriteThroughput),
    ("test_bench_crossing_throughput", BenchCrossingThroughput),
    ("test_bench_report_reads", BenchReportReads),
]:

    async def _run(dut, _cls=_cls):
        await uvm_root().run_test(_cls)

    _run.__name__ = _run.__qualname__ = _name
    globals()[_name] = cocotb.test(name=_name)(_run)
