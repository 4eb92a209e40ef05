"""Dirty-page scoreboard: no lost page, no false dirty. (Registers, counters and flags included, are
checked by the register scoreboard, env/regs.py, on every read.)

Invariant checked: every page written while logging was on shows up in a report or is still set at
the end, and no report shows a page that was never written (while logging was on or possibly on).

Timing model (docs/dirty_track.md, "When a write is logged"):
  - A write is logged iff its function's flag is 1 in the clock of its AW handshake. A flag write
    takes effect somewhere between issuing it (t0) and its B response (t1): writes with a handshake in
    [t0, t1+1] are "maybe" logged (their pages may appear, need not); outside that window, exact.
  - Marks of one function are applied in handshake order, reports cut that order atomically: a report
    of word w returns exactly the marks of a contiguous run of the writes to w - from where the
    previous report of w cut to a new cut point - for some cut the scoreboard does not know, because
    writes still in the pipeline may land after the read. The cut is bounded above by the read's
    response (a write accepted later cannot be in it) and below by the last quiesce barrier (a write
    accepted before a STATUS read that returned quiesced is in every later report).
  - The scoreboard keeps, per word, the writes not yet certainly reported and how many leading ones
    may already have been (the previous cut's uncertainty); each report must be explained by some
    (previous cut, new cut) pair, else it is a lost page or a false dirty page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyuvm import ConfigDB

from models import dirty_track as dt
from models.dirty_track import DirtyTrackModel
from tb.common.base import BaseScoreboard
from tb.common.scoreboard import inject_enabled
from tb.dirty_track.env.items import (
    ParamsEvent,
    QuiesceEvent,
    RegWriteBegin,
    RegWriteEvent,
    ReportEvent,
    ResetEvent,
)


@dataclass
class Mark:
    t: int  # handshake cycle of the write
    mask: int  # pages of this word it marks
    certain: bool  # logging certainly on (else: in a flag-change window)
    desc: object  # the write (printed only in a failure message: not formatted per write)


@dataclass
class WordTrack:
    marks: list[Mark] = field(default_factory=list)  # in handshake order
    amb: int = 0  # marks[:amb] may or may not have been taken by the previous report


@dataclass
class FlagWindow:
    t0: int
    t1: int | None
    old: int
    new: int


class DirtyScoreboard(BaseScoreboard):
    """Fails at the first report the writes cannot explain (BaseScoreboard.fail), and at the end
    (check_final) on a certain mark never reported."""

    def build_phase(self):
        self.model: DirtyTrackModel | None = None
        cfg = ConfigDB().get(self, "", "cfg")
        self.inject_drop = cfg.inject_drop  # negative tests only: any final report / a DMA-reported one
        self.inject_dma = cfg.inject_dma_wrong
        self.injected = False
        self.stats = defaultdict(int)
        self._clear()

    def _clear(self):
        self.words: dict[tuple[int, int], WordTrack] = defaultdict(WordTrack)
        self.windows: dict[int, FlagWindow] = {}
        self.barrier: QuiesceEvent | None = None

    # ------------------------------------------------------------------ inputs
    def on_event(self, ev) -> None:
        if isinstance(ev, ParamsEvent):
            if self.model is None or (self.model.num_functions, self.model.pages_per_func) != (
                    ev.num_functions, ev.pages_per_func):
                self.model = DirtyTrackModel(ev.num_functions, ev.pages_per_func)
        elif isinstance(ev, ResetEvent):
            if self.model is not None:
                self.model.reset()
            self._clear()
        elif isinstance(ev, RegWriteBegin):
            f, off = self._ctrl_of(ev.addr)
            if f is not None and ev.func == 0:
                en = self.model.funcs[f].log_en
                self.windows[f] = FlagWindow(ev.t0, None, en, ev.value & 1)
        elif isinstance(ev, RegWriteEvent):
            if ev.resp == dt.OKAY and ev.func == 0 and ev.addr < dt.REG_SPACE:
                self.model.reg_write(ev.addr, ev.value, strb=ev.strb)
            f, _ = self._ctrl_of(ev.addr)
            if f is not None and f in self.windows and self.windows[f].t1 is None:
                w = self.windows[f]
                w.t1 = ev.t1
                if ev.resp != dt.OKAY or ev.func != 0:
                    w.new = w.old  # refused: no change
        elif isinstance(ev, QuiesceEvent):
            self.barrier = ev
        elif isinstance(ev, ReportEvent):
            self.on_report(ev)

    def _ctrl_of(self, addr: int) -> tuple[int | None, int]:
        if dt.FUNC_BASE <= addr < dt.REG_SPACE:
            f, off = divmod(addr - dt.FUNC_BASE, dt.FUNC_STRIDE)
            if off == dt.CTRL and f < self.model.num_functions:
                return f, off
        return None, 0

    def log_state(self, f: int, t: int) -> str:
        """'on', 'off' or 'maybe' for a write of function f with its handshake in cycle t."""
        w = self.windows.get(f)
        if w is not None and w.old != w.new and t >= w.t0 and (w.t1 is None or t <= w.t1 + 1):
            return "maybe"
        return "on" if self.model.funcs[f].log_en else "off"

    def on_write(self, item) -> None:
        """An AW handshake on the output (the write reached memory's side)."""
        self.stats["writes"] += 1
        if self.model is None:
            self.fail("DMA write before the hypervisor read PARAMS", item)
        f = item.func
        if f >= self.model.num_functions:
            return  # counted by the register model (DirtyEnv._on_out -> HwEvents)
        state = self.log_state(f, item.t)
        self.stats[f"log_{state}"] += 1
        if state == "off":
            return
        m = self.model.marks_for(f, item.addr, item.length, item.size, item.burst)
        for w, mask in m.words.items():
            self.words[(f, w)].marks.append(Mark(item.t, mask, state == "on", item))

    # ------------------------------------------------------------------ checks
    def on_report(self, ev: ReportEvent) -> None:
        self.stats["reports"] += 1
        v = ev.value
        tr = self.words[(ev.bfunc, ev.word)]
        marks = tr.marks
        n_el = sum(1 for m in marks if m.t < ev.t1)  # accepted before the response: may be in it
        n_forced = 0
        if self.barrier is not None and ev.t0 >= self.barrier.t1:
            n_forced = sum(1 for m in marks if m.t < self.barrier.t0)
        if (ev.final and (self.inject_drop or (self.inject_dma and ev.dma)) and inject_enabled()
                and not self.injected):
            # negative test: the scoreboard sees one page fewer than the DUT reported, a page this
            # report must hold whatever the cut (a certain mark after every possible previous cut and
            # before the quiesce barrier), so the drop is always detectable
            required = 0
            for m in marks[tr.amb:n_forced]:
                required |= m.mask if m.certain else 0
            bits = v & required
            if bits:
                v &= ~(bits & -bits)
                self.injected = True
                self.logger.warning(f"INJECT: dropped page bit {(bits & -bits).bit_length() - 1} from "
                                    f"{'DMA-reported ' if ev.dma else ''}word f={ev.bfunc} w={ev.word}")
        cuts = []
        for c_prev in range(tr.amb + 1):
            must = may = 0
            for c in range(c_prev, n_el + 1):
                if c > c_prev:
                    may |= marks[c - 1].mask
                    if marks[c - 1].certain:
                        must |= marks[c - 1].mask
                if c >= n_forced and must & ~v == 0 and v & ~may == 0:
                    cuts.append(c)
        if not cuts:
            may_all = 0
            for m in marks[:n_el]:
                may_all |= m.mask
            false_dirty = v & ~may_all
            if false_dirty:
                self.fail(f"FALSE DIRTY: report f={ev.bfunc} word={ev.word} (cycles {ev.t0}..{ev.t1}) = "
                          f"0x{v:08x}: pages {self._pages(ev.word, false_dirty)} were never written while "
                          "logging", ev)
            need = 0
            for m in marks[tr.amb:max(n_forced, tr.amb)]:
                need |= m.mask if m.certain else 0
            self.fail(f"LOST PAGE: report f={ev.bfunc} word={ev.word} (cycles {ev.t0}..{ev.t1}) = 0x{v:08x} "
                      f"cannot be explained by the writes to it (forced {n_forced}, eligible {n_el}, "
                      f"ambiguous {tr.amb}, missing at least 0x{need & ~v:08x}); writes: "
                      + "; ".join(f"{m.desc} mask=0x{m.mask:08x}{'' if m.certain else ' (maybe)'}"
                                  for m in marks[:n_el + 1]), ev)
        lo, hi = min(cuts), max(cuts)
        tr.marks, tr.amb = marks[lo:], hi - lo
        self.stats["report_bits"] += bin(v).count("1")

    @staticmethod
    def _pages(word: int, mask: int) -> list[int]:
        return [word * dt.WORD_BITS + b for b in range(dt.WORD_BITS) if mask >> b & 1]

    def pending_words(self) -> list[tuple[int, int]]:
        """Words that may still hold marks (the final sweep must read them)."""
        return sorted(k for k, tr in self.words.items() if tr.marks)

    def check_final(self) -> None:
        """After the final sweep: no certain mark may be left unreported."""
        for (f, w), tr in sorted(self.words.items()):
            left = [m for m in tr.marks[tr.amb:] if m.certain]
            if left:
                self.fail(f"LOST PAGE: f={f} word={w}: pages {self._pages(w, left[0].mask)} of {left[0].desc} "
                          f"never reported (and not set at the end)", left[0])

    def check_phase(self):
        self.logger.info("scoreboard: " + ", ".join(f"{k}={v}" for k, v in sorted(self.stats.items())))
