"""The transactions of the dirty_track environment.

AwItem: one AW transfer (the DMA traffic agent's sequence item, and what the AW monitors publish).
The rest is what the hypervisor agent publishes on its analysis port: register accesses with the
cycles they spanned (tb.common.base.cycle()), so that the scoreboard can tell exactly which DMA
writes happened before, during or after."""

from __future__ import annotations

from dataclasses import dataclass

from pyuvm import uvm_sequence_item


class AwItem(uvm_sequence_item):
    """One AW transfer. `idle` clocks precede it at the source; `t` is its handshake cycle."""

    def __init__(self, name="aw", awid=0, addr=0, length=0, size=0, burst=1, func=0, idle=0):
        super().__init__(name)
        self.awid, self.addr, self.length, self.size, self.burst, self.func = awid, addr, length, size, burst, func
        self.idle = idle
        self.t = -1
        self.dropped = False  # reset came before its handshake

    def payload(self) -> tuple[int, int, int, int, int, int]:
        return (self.awid, self.addr, self.length, self.size, self.burst, self.func)

    def __str__(self):
        return (f"AW(f={self.func} id={self.awid} addr=0x{self.addr:x} len={self.length} size={self.size} "
                f"burst={self.burst} t={self.t})")

    __repr__ = __str__


class AwObs:
    """One AW handshake as a monitor saw it: AwItem's fields without a sequence item's machinery
    (two are made every clock the block takes a write; a uvm_sequence_item costs several times more)."""

    __slots__ = ("awid", "addr", "length", "size", "burst", "func", "t")

    def __init__(self, awid: int, addr: int, length: int, size: int, burst: int, func: int, t: int):
        self.awid, self.addr, self.length, self.size, self.burst, self.func, self.t = awid, addr, length, size, burst, func, t

    payload = AwItem.payload
    __str__ = __repr__ = AwItem.__str__


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
    dma: bool = False  # a word of a report by DMA (t1: the handshake of the W beat that carried it)


@dataclass
class DmaReportEvent:
    """A report by DMA started by the PF (START write issued at t0) and finished (done seen at t1):
    its arguments, the REPORT_STATUS read at the end, and whether a start was written while busy."""

    t0: int
    t1: int
    func: int
    first: int
    words: int
    addr: int
    status: int
    start_while_busy: bool = False
    bus_error: bool = False


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
