"""Request sequences: what translations are asked for, built from the VM driver's tables."""

from __future__ import annotations

import random

from pyuvm import uvm_sequence

from tb.common import soak


class ReqSeq(uvm_sequence):
    """Base: sends requests with tags from the shared pool. A subclass says what its next request is
    (`next_request`, asked when the previous one was accepted); the request sequencer
    (env/req_agent.py) takes the tag (drawn from `rng`) and hands it to the driver."""

    def __init__(self, name: str, env, rng: random.Random):
        super().__init__(name)
        self.env = env
        self.rng = rng
        self.sent = 0  # requests accepted

    def next_request(self) -> tuple[int, int, int] | None:
        """(func, service, offset) of the next request, or None when the sequence is done."""
        raise NotImplementedError

    async def body(self):
        await self.sequencer.run(self)


class TrafficSeq(ReqSeq):
    """`n` requests: mostly translations that exist in the tables (with a working set, so that both
    hits and misses happen), plus a mix of requests that must fail in the request itself
    (function/service/block out of range). Tables of every kind the VM driver built are used, so
    every status shows up."""

    def __init__(self, name, env, rng, n: int = 1000, locality: float = 0.6, working_set: int = 24,
                 bad_func: float = 0.02, bad_service: float = 0.02, bad_block: float = 0.03,
                 funcs: list[int] | None = None):
        super().__init__(name, env, rng)
        self.n = n
        self.locality = locality
        self.working_set = working_set
        self.mix = (bad_func, bad_service, bad_block)
        self.funcs = funcs
        self.recent: list[tuple[int, int, int]] = []
        self.stop = False

    def pick(self) -> tuple[int, int, int]:
        rng = self.rng
        nf = self.env.cfg.params.num_functions
        fns = self.env.vm.functions
        funcs = list(fns) if self.funcs is None else [f for f in self.funcs if f in fns]
        r = rng.random()
        bad_func, bad_service, bad_block = self.mix
        if not funcs or r < bad_func:
            choices = [nf, rng.randrange(nf, 256)] + [f for f, fn in fns.items() if not fn.enable]
            if not funcs:
                choices.append(rng.randrange(nf))  # nothing programmed (after a reset): not enabled
            return rng.choice(choices), rng.randrange(4), rng.getrandbits(20)
        r -= bad_func
        if self.recent and rng.random() < self.locality:
            f, s, b = rng.choice(self.recent)
            sv = fns[f].services.get(s) if f in fns else None
            if sv is not None and b < sv.clat_entries:
                return f, s, self.offset(sv, b)
        f = rng.choice(funcs)
        fn = fns[f]
        if r < bad_service:
            return f, rng.choice([fn.bat_entries, fn.bat_entries + rng.randrange(4), 255]), 0
        r -= bad_service
        n_svc = max(1, min(fn.bat_entries, len(fn.services)))
        good = [s for s in range(n_svc) if s in fn.services and fn.services[s].kind == "ok"]
        s = rng.choice(good) if good and rng.random() < 0.8 else rng.randrange(n_svc)
        sv = fn.services.get(s)
        if sv is None:
            return f, s, 0
        log2 = sv.log2 if 12 <= sv.log2 <= 32 else 12
        max_blocks = 1 << (self.env.cfg.params.offset_width - log2)
        if r < bad_block and sv.clat_entries < max_blocks:
            b = rng.randrange(sv.clat_entries, min(max_blocks, sv.clat_entries + 4))
        else:
            b = rng.randrange(max(1, sv.clat_entries))
            self.recent.append((f, s, b))
            if len(self.recent) > self.working_set:
                self.recent.pop(rng.randrange(len(self.recent)))
        return f, s, self.offset(sv, b)

    def offset(self, sv, block: int) -> int:
        """A random byte offset inside `block` (for an unusable block size: as if 4 KiB)."""
        log2 = sv.log2 if 12 <= sv.log2 <= 32 else 12
        return ((block << log2) | self.rng.randrange(1 << log2)) & ((1 << self.env.cfg.params.offset_width) - 1)

    def next_request(self) -> tuple[int, int, int] | None:
        if soak.more(self.sent, self.n) and not self.stop:  # a speed bench may end a soak early
            return self.pick()
        return None


class FixedSeq(ReqSeq):
    """The given requests, in order."""

    def __init__(self, name, env, rng, reqs: list[tuple[int, int, int]]):
        super().__init__(name, env, rng)
        self.reqs = reqs

    def next_request(self) -> tuple[int, int, int] | None:
        return self.reqs[self.sent] if self.sent < len(self.reqs) else None
