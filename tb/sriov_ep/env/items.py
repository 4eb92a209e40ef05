"""What the sriov_ep agents publish: accepted descriptors with their payload, completions."""

from __future__ import annotations

from dataclasses import dataclass

from pyuvm import uvm_sequence_item


class DescItem(uvm_sequence_item):
    """A descriptor as driven, with the payload beats it owns (data, strobe) per the contract.
    `idle` clocks precede it at the source; `seq` is its acceptance order, `accepted` the clock of
    its handshake (-1: dropped by a reset before its handshake)."""

    def __init__(self, tag=0, func=0, service=0, offset=0, length=0, beats=None, idle=0):
        super().__init__("desc")
        self.tag, self.func, self.service, self.offset, self.length = tag, func, service, offset, length
        self.beats: list[tuple[int, int]] = beats or []
        self.idle = idle
        self.seq = -1
        self.accepted = -1

    def __repr__(self) -> str:
        return (f"Desc(#{self.seq} tag={self.tag} f={self.func} s={self.service} off={self.offset:#x} "
                f"len={self.length} beats={len(self.beats)} @{self.accepted})")

    __str__ = __repr__


@dataclass
class Completion:
    tag: int
    status: int
    cycle: int


@dataclass
class StopWindow:
    """A STOP register write: descriptors of `funcs` (or all) accepted between `start` and `end`
    (the write's AW handshake and its B response) may or may not be stopped (docs/sriov_ep.md: the
    stop acts in one clock of that window); after `end` they are."""

    start: int
    end: int
    funcs: int  # bit f = function f
    all: bool
