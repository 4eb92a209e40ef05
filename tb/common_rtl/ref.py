"""Pure-Python references of the shared primitives (rtl/common/), written from docs/common_rtl.md.

Each is clock-level: `outputs(...)` is what the primitive shows in a clock (given that clock's
inputs where an output is combinational), `step(...)` is the rising edge that ends the clock.
Values the contract leaves undefined are `None` (not checked).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

OKAY = 0
SLVERR = 2


class FifoRef:
    """sync_fifo: show-ahead; a pop while empty and a push while full (without a pop) do nothing."""

    def __init__(self, depth: int):
        self.depth = depth
        self.q: deque[int] = deque()

    def reset(self) -> None:
        self.q.clear()

    def outputs(self) -> dict:
        n = len(self.q)
        return {"valid": int(n > 0), "rdata": self.q[0] if n else None, "full": int(n == self.depth), "count": n}

    def step(self, push: int, wdata: int, pop: int) -> None:
        do_pop = bool(pop) and len(self.q) > 0
        do_push = bool(push) and (len(self.q) < self.depth or do_pop)
        if do_pop:
            self.q.popleft()
        if do_push:
            self.q.append(wdata)


class RamRef:
    """ram_1r1w: read latency 1; a read of the word written at the same edge is undefined;
    contents are undefined until written (no reset)."""

    def __init__(self, depth: int):
        self.mem: list[int | None] = [None] * depth
        self.rdata: int | None = None

    def outputs(self) -> dict:
        return {"rdata": self.rdata}

    def step(self, we: int, waddr: int, wdata: int, raddr: int) -> None:
        self.rdata = None if (we and waddr == raddr) else self.mem[raddr]
        if we:
            self.mem[waddr] = wdata


class CounterRef:
    """sat_counter: base = load ? (count & ~mask) | (data & mask) : count; count = min(base + inc, max)."""

    def __init__(self, width: int):
        self.max = (1 << width) - 1
        self.count = 0

    def reset(self) -> None:
        self.count = 0

    def outputs(self) -> dict:
        return {"count": self.count}

    def step(self, inc: int, load: int, data: int, mask: int) -> None:
        base = ((self.count & ~mask) | (data & mask)) & self.max if load else self.count
        self.count = min(base + inc, self.max)


# ------------------------------------------------------------------------------ axil_reg_front

IDLE, CHECK, FWD, RESP = range(4)


def wrapper_rule(addr: int, user: int, wr: bool) -> tuple[bool, bool]:
    """The access rule of tb/common_rtl/common_rtl_top.sv: (refused, bad)."""
    refused = user != 0 and ((addr >> 4) & 0xF) != user
    bad = bool((addr >> 11) & 1) or (wr and bool((addr >> 10) & 1))
    return refused, bad


@dataclass
class FrontIn:
    """The front end's inputs in one clock."""

    awvalid: int = 0
    awaddr: int = 0
    awuser: int = 0
    wvalid: int = 0
    wdata: int = 0
    wstrb: int = 0
    bready: int = 0
    arvalid: int = 0
    araddr: int = 0
    aruser: int = 0
    rready: int = 0
    stall: int = 0
    ack: int = 0
    ack_err: int = 0
    ack_rdata: int = 0


@dataclass
class FrontRef:
    """axil_reg_front, clock by clock (docs/common_rtl.md "axil_reg_front")."""

    check_stage: bool
    alternate: bool
    rule: object = wrapper_rule
    state: int = IDLE
    addr: int = 0
    user: int = 0
    wr: bool = False
    wdata: int = 0
    wstrb: int = 0
    rdata: int = 0
    resp: int = OKAY
    pend: bool = False
    prefer_rd: bool = False
    viol: bool = False
    log: list = field(default_factory=list)  # (kind, addr, user, resp) per decided access

    def reset(self) -> None:
        self.state, self.addr, self.user, self.wr = IDLE, 0, 0, False
        self.wdata = self.wstrb = self.rdata = 0
        self.resp, self.pend, self.prefer_rd, self.viol = OKAY, False, False, False

    def _takes(self, i: FrontIn) -> tuple[bool, bool]:
        idle = self.state == IDLE
        both = bool(i.awvalid and i.wvalid)
        take_rd = idle and bool(i.arvalid) and (self.prefer_rd or not both)
        take_wr = idle and both and not take_rd
        return take_rd, take_wr

    def _decided(self, i: FrontIn) -> tuple[int, int, bool] | None:
        """The access decided in this clock (addr, user, write), if any."""
        take_rd, take_wr = self._takes(i)
        if self.check_stage:
            return (self.addr, self.user, self.wr) if self.state == CHECK else None
        if take_wr:
            return i.awaddr, i.awuser, True
        if take_rd:
            return i.araddr, i.aruser, False
        return None

    def outputs(self, i: FrontIn) -> dict:
        """Outputs in this clock; None where the contract leaves the value open."""
        take_rd, take_wr = self._takes(i)
        resp_valid = self.state == RESP
        req = self.state == FWD and self.pend
        d = self._decided(i)
        return {
            "awready": int(take_wr), "wready": int(take_wr), "arready": int(take_rd),
            "bvalid": int(resp_valid and self.wr), "bresp": self.resp if resp_valid and self.wr else None,
            "rvalid": int(resp_valid and not self.wr),
            "rresp": self.resp if resp_valid and not self.wr else None,
            "rdata": self.rdata if resp_valid and not self.wr else None,
            "req": int(req),
            "req_wr": int(self.wr) if req else None,
            "req_addr": self.addr if req else None,
            "req_wdata": self.wdata if req and self.wr else None,
            "req_wstrb": self.wstrb if req and self.wr else None,
            "chk_addr": d[0] if d else None,
            "chk_user": d[1] if d else None,
            "chk_wr": int(d[2]) if d else None,
            "viol": int(self.viol),
        }

    def step(self, i: FrontIn) -> None:
        take_rd, take_wr = self._takes(i)
        d = self._decided(i)
        state = self.state
        viol = False
        if take_rd:
            self.addr, self.user, self.wr, self.prefer_rd = i.araddr, i.aruser, False, False
        if take_wr:
            self.addr, self.user, self.wr = i.awaddr, i.awuser, True
            self.wdata, self.wstrb, self.prefer_rd = i.wdata, i.wstrb, self.alternate
        if take_rd or take_wr:
            state = CHECK
        if d is not None:
            addr, user, wr = d
            refused, bad = self.rule(addr, user, wr)
            self.rdata, self.resp = 0, SLVERR
            if refused:
                viol, state = True, RESP
                self.log.append(("refused", addr, user, wr))
            elif addr & 3 or bad:
                state = RESP
                self.log.append(("misaligned" if addr & 3 else "bad", addr, user, wr))
            else:
                self.pend, state = True, FWD
                self.log.append(("forwarded", addr, user, wr))
        if self.state == FWD:
            if not i.stall or i.ack:  # taken (or answered): no longer requested
                self.pend = False
            if i.ack:
                self.resp = SLVERR if i.ack_err else OKAY
                self.rdata = 0 if (i.ack_err or self.wr) else i.ack_rdata
                state = RESP
        if self.state == RESP and (i.bready if self.wr else i.rready):
            state = IDLE
        self.state, self.viol = state, viol
