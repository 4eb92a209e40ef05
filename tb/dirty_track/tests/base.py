"""dirty_track's base test: the whole environment, the knobs (env/cfg.py TbCfg), and the building
blocks the tests are written from (start logging, traffic with concurrent reports, the final
quiesced sweep).

Every test runs the same environment and checks: pass-through (AW out == AW in), the scoreboard's
no-lost-page / no-false-dirty invariant with its documented timing tolerance, the register
scoreboard on every register access, and the RTL's SVA.
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import Event

from tb.common.base import BaseTest
from tb.dirty_track.env.cfg import TbCfg
from tb.dirty_track.env.env import DirtyEnv
from tb.dirty_track.env.sequences import TrafficSeq


class DirtyTrackTest(BaseTest):
    """Bring-up (the env's start: reset, bitmap initialised, PARAMS read), then `body()`; the
    components check as it runs and in check_phase."""

    env_cls = DirtyEnv

    def make_cfg(self, knobs) -> TbCfg:
        return TbCfg(**knobs)

    def end_of_elaboration_phase(self):
        self.hyp, self.sb = self.env.hyp, self.env.sb

    # ------------------------------------------------------------------ building blocks
    def all_funcs(self):
        return list(range(self.hyp.model.num_functions))

    async def start_logging(self, funcs, max_pages=2048):
        for f in funcs:
            await self.hyp.random_config(f, max_pages)
            await self.hyp.set_logging(f, True)

    async def traffic(self, funcs, n=None, mode="random", idle=True, reports=True, stream="traffic", keep_items=True):
        """Run a traffic sequence to completion, with concurrent report-and-clear reads."""
        seq = TrafficSeq(n=n, mode=mode, funcs=funcs, idle=idle, stream=stream, keep_items=keep_items)
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
