"""Transactions exchanged between the BAT/CLAT testbench components.

What the monitors see are immutable records (NamedTuple: made for every transaction, several times
cheaper to make than a frozen dataclass)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


def fanout(ap) -> Callable[[Any], None]:
    """`ap.write` for a connected pyuvm analysis port, without pyuvm's two calls per subscriber per
    transaction: the subscribers' own functions (an AnalysisImp's `write_fn`), called in connection
    order. Made after connect_phase (from end_of_elaboration_phase on); the connections are fixed."""
    fns = tuple(getattr(sub, "write_fn", None) or sub.write for sub in ap.subscribers)
    if len(fns) == 1:
        return fns[0]

    def write(t: Any) -> None:
        for fn in fns:
            fn(t)

    return write


class ReqItem:
    """One translation request, as a sequence produces it and the request driver drives it. A plain
    object: the request sequencer (env/req_agent.py) hands it over without pyuvm's per-item events."""

    __slots__ = ("tag", "func", "service", "offset")

    def __init__(self, tag: int = 0, func: int = 0, service: int = 0, offset: int = 0):
        self.tag = tag
        self.func = func
        self.service = service
        self.offset = offset

    def __str__(self) -> str:
        return f"req(tag={self.tag} f={self.func} s={self.service} off=0x{self.offset:x})"


class Req(NamedTuple):
    """A request the DUT accepted (valid & ready at a rising edge), seen by the request monitor."""

    tag: int
    func: int
    service: int
    offset: int
    cycle: int


class Rsp(NamedTuple):
    """A response the DUT handed over (valid & ready), seen by the response monitor."""

    tag: int
    status: int
    addr: int
    cycle: int
    stall_cycles: int  # cycles the response waited on rsp_ready (back-pressure)


class AxiRead(NamedTuple):
    """One AXI read burst on the m_axi master: AR handshake, and (once complete) its R beats."""

    arid: int
    addr: int
    nbeats: int
    ar_cycle: int
    r_last_cycle: int = -1
    resp: int = 0  # worst RRESP of the burst
