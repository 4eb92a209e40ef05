"""Descriptor traffic: which descriptors a function's DMA sends, with their payload beats.

`make_desc` builds one descriptor of a kind ("ok", or a bad kind of docs/sriov_ep.md's status
table) and its payload (random bytes; strobes 1 inside the range except for `strb_holes`, random
outside it, which the engine must ignore). `DmaSeq` sends a list of them through the descriptor
driver.
"""

from __future__ import annotations

import random

from pyuvm import uvm_sequence

from models import sriov_ep as sep
from tb.sriov_ep.env.items import DescItem
from tb.sriov_ep.env.world import World

PAGE = 4096  # a piece is the part of the range in one 4 KiB page of the offset space
BAD_KINDS = ("len_zero", "len_long", "offset_wrap", "func_absent", "func_disabled", "service_range",
             "bat_invalid", "block_range", "clat_invalid", "tail_unmapped", "bus_error")


def payload(rng: random.Random, offset: int, length: int, strb_holes: float) -> list[tuple[int, int]]:
    beats = []
    lo, hi = offset, offset + length
    base = offset & ~7
    for j in range(sep.beats(offset, length)):
        strb = 0
        for i in range(8):
            a = base + 8 * j + i
            inside = lo <= a < hi
            if (inside and not (strb_holes and rng.random() < strb_holes)) or (not inside and rng.random() < 0.5):
                strb |= 1 << i
        beats.append((rng.getrandbits(64), strb))
    return beats


class DescFactory:
    def __init__(self, world: World, rng: random.Random, cfg, params: sep.Params):
        self.world, self.rng, self.cfg = world, rng, cfg
        self.p = params  # the build's parameters (lengths past max_len, the offset space)
        self.tag = 0

    def length(self) -> int:
        c, rng = self.cfg, self.rng
        # mostly short and page-sized writes, some long ones up to len_max
        pick = rng.random()
        if pick < 0.4:
            return rng.randint(c.len_min, min(c.len_max, 256))
        if pick < 0.8:
            return rng.randint(c.len_min, min(c.len_max, 4096))
        return rng.randint(c.len_min, c.len_max)

    def make(self, func: int, kind: str = "ok", idle: int = 0, length: int | None = None) -> DescItem:
        rng, w, P = self.rng, self.world, self.p
        n = length if length is not None else self.length()
        service, offset = 0, 0
        if kind in ("ok", "len_zero", "len_long") or kind.startswith("func"):
            service, offset = w.good_target(func, max(1, n if kind == "ok" else 1))
        if kind == "len_zero":
            n = 0
        elif kind == "len_long":
            n = rng.randint(P.max_len + 1, (1 << P.len_width) - 1)
        elif kind == "offset_wrap":
            offset = (1 << P.offset_width) - rng.randint(1, max(1, n - 1)) if n > 1 else (1 << P.offset_width) - 1
            n = max(n, 2)
        elif kind == "func_absent":
            func = rng.choice([8, 9, 100, 255])
        elif kind == "func_disabled":
            func = 0  # the PF has no tables and is not enabled in bat_clat
        if kind in ("service_range", "bat_invalid", "bus_error") and rng.random() < 0.3:
            n = rng.randint(2 * PAGE + 1, 3 * PAGE)  # 3 or 4 pieces: these kinds fail every piece
        if kind in ("service_range", "bat_invalid"):
            offset = rng.randrange(0, 1 << 20)  # the BAT check fails before the offset matters
        if kind == "service_range":
            service = rng.randint(w.funcs[func].bat_entries, 255)
        elif kind == "bat_invalid":
            service = w.funcs[func].bat_invalid
        elif kind == "bus_error":  # every piece's CLAT read is answered SLVERR
            fn = w.funcs[func]
            service, n = fn.bus_error, min(n, fn.bus_error_size)
            offset = rng.randrange(0, fn.bus_error_size - n + 1)
        elif kind == "block_range":
            sv = w.funcs[func].services[1]
            offset = sv.size + rng.randrange(0, 1 << 20)
        elif kind == "clat_invalid":  # ends in service 0's invalid last block; may start up to 2 blocks before it
            sv = w.funcs[func].services[0]
            inv = sv.size - (1 << sv.log2)
            end = rng.randint(inv + 1, sv.size)
            offset = rng.randint(max(0, inv - 2 * (1 << sv.log2)) if rng.random() < 0.5 else inv, end - 1)
            n = end - offset
        elif kind == "tail_unmapped":  # starts in the last valid block, runs past the CLAT's end
            s = rng.randrange(1, len(w.funcs[func].services))
            sv = w.funcs[func].services[s]
            service, offset = s, sv.size - rng.randint(1, 4096)
            n = rng.randint(sv.size - offset + 1, sv.size - offset + 8192)
        self.tag = (self.tag + 1) & 0xFF
        beats = payload(rng, offset, n, self.cfg.strb_holes) if sep.length_valid(P, sep.Descriptor(0, func, service, offset, n)) else []
        return DescItem(self.tag, func, service, offset, n, beats, idle)


    def make_at(self, func: int, service: int, offset: int, length: int, idle: int = 0) -> DescItem:
        """A good descriptor at a chosen place (benches)."""
        self.tag = (self.tag + 1) & 0xFF
        return DescItem(self.tag, func, service, offset, length, payload(self.rng, offset, length, 0.0), idle)


class DmaSeq(uvm_sequence):
    """Sends `items` (DescItems) in order."""

    def __init__(self, name, items):
        super().__init__(name)
        self.items = items

    async def body(self):
        for item in self.items:
            await self.start_item(item)
            await self.finish_item(item)
