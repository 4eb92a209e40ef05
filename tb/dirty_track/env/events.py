"""What the hypervisor agent publishes (its analysis port): register accesses with the cycles they
spanned, so that the scoreboard can tell exactly which DMA writes happened before, during or after."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ParamsEvent:
    num_functions: int
    pages_per_func: int


@dataclass
class RegWriteBegin:
    """Published before a register write is issued (t0): opens the window of a flag change."""

    t0: int
    addr: int
    value: int
    func: int


@dataclass
class RegWriteEvent:
    t0: int  # cycle before the write was issued
    t1: int  # cycle the B response was taken
    addr: int
    value: int
    func: int
    resp: int
    strb: int = 0xF


@dataclass
class RegReadEvent:
    t0: int
    t1: int
    addr: int
    func: int
    value: int
    resp: int


@dataclass
class ReportEvent:
    """A report-and-clear read of bitmap word `word` of function `bfunc`, by the PF."""

    t0: int
    t1: int
    bfunc: int
    word: int
    value: int
    final: bool  # part of the final sweep after quiesce (every pending mark must be in it)


@dataclass
class QuiesceEvent:
    """STATUS.quiesced read as 1 by a read issued at t0 (so every write before t0 is logged)."""

    t0: int
    t1: int


@dataclass
class ResetEvent:
    t: int


@dataclass
class CountersEvent:
    """End-of-test counter readback: OOR_CNT per function and BAD_FUNC_CNT."""

    oor_cnt: list[int]
    bad_func_cnt: int
