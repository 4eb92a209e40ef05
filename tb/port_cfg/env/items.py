"""Transactions passed between the port configurator's components."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyuvm import uvm_sequence_item

from models.port_cfg import Err, Lane, Limit


class CfgItem(uvm_sequence_item):
    """One shadow configuration to write and commit; `expect` is the sequence's intent (checked by
    the scoreboard only through the model: the model decides the result)."""

    def __init__(
        self,
        name: str = "cfg",
        lanes: list[Lane] | None = None,
        limits: list[Limit] | None = None,
        expect: Err | None = None,
        kind: str = "random",
    ):
        super().__init__(name)
        self.lanes = lanes or []
        self.limits = limits or []
        self.expect = expect
        self.kind = kind  # random / invalid / incremental-none / -some / -all / back-to-back
        self.uid = -1  # assigned by the driver
        self.write_only = False  # write the shadow, no commit
        self.repeat = 1  # CTRL.commit writes back to back (the later ones are held while busy)
        self.scribble: list[Lane] = []  # shadow written right after CTRL.commit, while busy
        self.status = None  # CommitStatus, filled in by the driver

    def __str__(self) -> str:
        return f"CfgItem#{self.uid} {self.kind} expect={self.expect}"


@dataclass
class CommitRequest:
    """The driver is about to write CTRL.commit with this shadow (published before the write)."""

    uid: int
    lanes: list[Lane]
    limits: list[Limit]
    kind: str


@dataclass
class CommitStatus:
    """What software reads back once the commit is no longer busy."""

    uid: int
    code: int
    err_lane: int
    accept_cnt: int
    reject_cnt: int
    vssb_ports: tuple[int, ...]
    vssb_bw: tuple[int, ...]
    latency_clk: int  # CTRL.commit pulse to commit_done_o, in clocks


@dataclass
class OutputSample:
    """The active per-lane outputs in one clock (raw packed vectors)."""

    cycle: int
    mode: int
    en: int
    vssb: int

    def key(self) -> tuple[int, int, int]:
        return (self.mode, self.en, self.vssb)


@dataclass
class CommitObs:
    """The outputs, clock by clock, from the clock after the previous result (or the commit's
    start) up to and including the clock that shows this commit's result."""

    before: OutputSample
    samples: list[OutputSample] = field(default_factory=list)
    code: int = 0


@dataclass
class FilterTxn:
    cycle: int  # clock in which the request was presented
    ingress: int
    egress: int
    allowed: int
    latency: int
    cfg: tuple[int, int, int]  # active outputs (mode, en, vssb) in the request's clock
