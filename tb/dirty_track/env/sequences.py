"""DMA write traffic sequences: random writes aimed at the functions' tracked regions (as the
hypervisor agent programmed them), with page-crossing, word-crossing, same-word back-to-back,
out-of-range and bad-function writes mixed in (TbCfg knobs)."""

from __future__ import annotations

from pyuvm import ConfigDB, uvm_sequence

from models import dirty_track as dt
from tb.common import soak
from tb.common.seed import rng
from tb.dirty_track.env.items import AwItem


class TrafficSeq(uvm_sequence):
    """`mode`: "random" (the mix), "single" (one-page INCR writes, no idle: the throughput bench),
    "cross" (every write crosses a page boundary), "same_word" (all writes into one bitmap word)."""

    def __init__(self, name="traffic", n=None, mode="random", funcs=None, idle=True, stream="traffic",
                 keep_items=True):
        super().__init__(name)
        self.n, self.mode, self.funcs, self.idle, self.stream = n, mode, funcs, idle, stream
        self.items: list[AwItem] = []  # every item sent (the benches time them); not in a soak
        self.keep_items = keep_items

    async def body(self):
        cfg = ConfigDB().get(None, "", "cfg")
        hv = ConfigDB().get(None, "", "hypervisor")
        self.cfg, self.model, self.r = cfg, hv.model, rng(self.stream)
        funcs = list(self.funcs if self.funcs is not None else range(self.model.num_functions))
        n = self.n if self.n is not None else cfg.n_writes
        prev = None
        sent = 0
        while soak.more(sent, n):  # a speed bench may end a soak early (tb/common/soak.py)
            item = self.make(funcs, prev)
            if self.keep_items:
                self.items.append(item)
            await self.start_item(item)
            await self.finish_item(item)
            prev = item
            sent += 1

    # ------------------------------------------------------------------ one write
    def make(self, funcs, prev) -> AwItem:
        r, cfg = self.r, self.cfg
        idle = 0
        if self.idle and r.random() < cfg.idle_prob:
            idle = r.randint(1, cfg.max_idle)
        if self.mode == "random" and r.random() < cfg.bad_func_prob:
            f = r.randint(self.model.num_functions, 255)
            return AwItem(awid=r.randrange(16), addr=r.randrange(1 << 40), length=0, size=2, burst=1, func=f,
                          idle=idle)
        if self.mode == "random" and prev is not None and prev.func in funcs and r.random() < cfg.same_word_prob:
            f = prev.func
        else:
            f = r.choice(funcs)
        fc = self.model.funcs[f]
        shift = dt.page_shift(fc.page_code)
        psize = 1 << shift
        limit = max(1, self.model.limit(f))
        length, size, burst = 0, 2, dt.BURST_INCR
        mode = self.mode
        if mode == "random":
            x = r.random()
            if prev is not None and prev.func == f and x < cfg.same_word_prob:
                mode = "same_word"
            elif x < cfg.same_word_prob + cfg.cross_prob:
                mode = "cross"
            elif x < cfg.same_word_prob + cfg.cross_prob + cfg.oor_prob:
                mode = "oor"
        if mode == "single":
            page = r.randrange(limit)
            addr = fc.base + page * psize + 4 * r.randrange(min(psize, 4096) // 4 - 32)
            length = r.randrange(8)
        elif mode == "same_word":
            anchor = ((prev.addr - fc.base) >> shift) if prev is not None and prev.func == f else 0
            anchor = min(max(anchor, 0), limit - 1)
            lo = anchor & ~(dt.WORD_BITS - 1)
            page = min(lo + r.randrange(dt.WORD_BITS), limit - 1)
            addr = fc.base + page * psize + 8 * r.randrange(64)
            size, length = 3, r.randrange(4)
        elif mode == "cross":
            # end a burst of up to 32 KiB beyond a page boundary (sometimes a 32-page word boundary)
            size = r.randint(2, 7)
            length = r.choice([1, 3, 7, 15, 31, 63, 127, 255])
            nbytes = (length + 1) << size
            if r.random() < 0.3:
                boundary = r.randrange(1, max(2, limit // dt.WORD_BITS + 1)) * dt.WORD_BITS
            else:
                boundary = r.randrange(1, limit + 1)
            start = fc.base + boundary * psize - r.randrange(1, min(nbytes, psize))
            addr = start & ~((1 << size) - 1)
            if addr + nbytes <= fc.base + boundary * psize:
                addr += 1 << size
        elif mode == "oor":
            length = r.randrange(16)
            size = r.randint(0, 7)
            where = r.random()
            if where < 0.4:
                addr = max(0, fc.base - r.randint(1, 4) * psize + r.randrange(psize))
            elif where < 0.8:
                addr = fc.base + (limit + r.randrange(4)) * psize + r.randrange(psize)
            else:  # straddle the end of the region
                addr = fc.base + limit * psize - r.randint(1, 64)
        else:
            page = r.randrange(limit)
            burst = r.choice([dt.BURST_INCR] * 6 + [dt.BURST_FIXED, dt.BURST_WRAP])
            size = r.randint(0, 7)
            if burst == dt.BURST_WRAP:
                length = r.choice([1, 3, 7, 15])
                addr = fc.base + page * psize + (r.randrange(min(psize, 4096)) & ~((1 << size) - 1))
            elif burst == dt.BURST_FIXED:
                length = r.randrange(16)
                addr = fc.base + page * psize + r.randrange(min(psize, 4096))
            else:
                length = r.choice([0, 0, 1, 3, 7, 15, 31])
                addr = fc.base + page * psize + r.randrange(min(psize, 4096) - ((length + 1) << size) // 2)
        addr &= (1 << 64) - 1
        return AwItem(awid=r.randrange(16), addr=addr, length=length, size=size, burst=burst, func=f, idle=idle)
