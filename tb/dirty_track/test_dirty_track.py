"""cocotb tests of dirty_track: each a thin pyuvm test (a scenario over the shared environment).

Every test runs the same environment and checks: pass-through (AW out == AW in), the scoreboard's
no-lost-page / no-false-dirty invariant with its documented timing tolerance, and the RTL's SVA.
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import Event
from pyuvm import ConfigDB, uvm_root, uvm_test

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
