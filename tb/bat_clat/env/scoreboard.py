"""Scoreboard: every response (matched by tag) against the golden model; nothing lost, nothing twice.
Fails one way (BaseScoreboard.fail: ScoreboardError) at the first mismatch, with the transaction.

The prediction is made when the response arrives, from the tables as they are in host memory then
plus the values not yet invalidated (HostMemory.candidates); see models/bat_clat.py. It also keeps
what coverage needs to classify a response: whether a memory read for it was seen (miss), how long
it waited on rsp_ready, and whether an invalidation raced it.
"""

from __future__ import annotations

from collections import Counter, deque
from typing import NamedTuple

from cocotb.triggers import RisingEdge
from pyuvm import uvm_analysis_port, uvm_subscriber

from models.bat_clat import BatClatModel, Invalidation, Status, bat_entry_addr, miss_limit_allowed, precheck
from tb.common import soak
from tb.common.base import BaseScoreboard
from tb.common.scoreboard import inject_enabled

from .items import AxiRead, Req, Rsp, fanout

# answered without a memory read for the request: counted in neither HIT_CNT nor MISS_CNT
NO_LOOKUP = (Status.FUNC_INVALID, Status.SERVICE_RANGE, Status.MISS_LIMIT)


class Checked(NamedTuple):
    """A response that matched its prediction, with what coverage samples."""

    req: Req
    rsp: Rsp
    lookup: str  # "none" (no memory needed), "hit", "miss"
    inval: str  # "none", "racing" (invalidation written while in flight), "after" (first use after one)
    latency: int


class Scoreboard(BaseScoreboard):
    def build_phase(self):
        self.req_imp = uvm_subscriber.uvm_AnalysisImp("req_imp", self, self.write_req)
        self.rsp_imp = uvm_subscriber.uvm_AnalysisImp("rsp_imp", self, self.write_rsp)
        self.ar_imp = uvm_subscriber.uvm_AnalysisImp("ar_imp", self, self.write_ar)
        self.checked_ap = uvm_analysis_port("checked_ap", self)

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.cfg = self.cdb_get("cfg")
        self.mem = self.cdb_get("mem")
        self.tags = self.cdb_get("tags")
        self.model: BatClatModel = self.cdb_get("model")
        self.status_count: Counter[int] = Counter()
        self.responses = 0
        self.latencies: list[Checked] = []
        self.keep_latencies = False
        self._write_checked = fanout(self.checked_ap)
        self.on_reset()

    # ---- state
    def on_reset(self) -> None:
        """Reset: requests in flight are forgotten (they get no response); caches are empty."""
        for tag in list(getattr(self, "outstanding", {})):
            self.tags.release(tag)
        self.outstanding: dict[int, Req] = {}
        # per outstanding tag: the most other requests of its function outstanding at once while it
        # was (when MISS_LIMIT may answer it; see models.bat_clat.miss_limit_allowed)
        self.others_held: dict[int, int] = {}
        self.lookups = 0  # responses past the register checks since reset (what HIT_CNT + MISS_CNT count)
        # since reset, for the counter invariants: responses per status, and per lookup class ("hit":
        # no read for it was seen, so the DUT cannot have read memory for it; "miss": a read of its
        # words was seen while it was in flight, possibly for another request)
        self.status_since_reset: Counter[int] = Counter()
        self.lookup_since_reset: Counter[str] = Counter()
        # register states a request may have been checked against: the one when it was accepted and
        # every one a register write produced while it was in flight (see reg_write_begin/_end)
        self.req_regs: dict[int, set] = {}
        self.writing_from = None  # register state before a write in progress
        self._regs_cache: dict = {}
        self.racing: set[int] = set()
        self.fresh: set[tuple[int, int]] = set()
        self.after: set[int] = set()
        self.reads: deque[AxiRead] = deque()
        self.mem.forget_stale()

    @property
    def quiescent(self) -> bool:
        return not self.outstanding

    # ---- inputs
    def write_req(self, req: Req) -> None:
        if req.tag in self.outstanding:
            self.fail(f"testbench reused tag {req.tag} while outstanding ({self.outstanding[req.tag]})", req)
        same = [t for t, r in self.outstanding.items() if r.func == req.func]
        self.outstanding[req.tag] = req
        self.others_held[req.tag] = len(same)
        for t in same:  # outstanding counts only grow on an acceptance: the maxima are kept here
            self.others_held[t] = max(self.others_held[t], len(same))
        states = {self.model.snapshot()}
        if self.writing_from is not None:
            states.add(self.writing_from)
        self.req_regs[req.tag] = states
        if (req.func, req.service) in self.fresh:
            self.fresh.discard((req.func, req.service))
            self.after.add(req.tag)

    def write_ar(self, ar: AxiRead) -> None:
        self.reads.append(ar)
        # the oldest request in flight: the first in `outstanding` (kept in acceptance order)
        oldest = next(iter(self.outstanding.values())).cycle if self.outstanding else ar.ar_cycle
        while self.reads and self.reads[0].ar_cycle < oldest:
            self.reads.popleft()

    def reg_write_begin(self) -> None:
        self.writing_from = self.model.snapshot()

    def reg_write_end(self) -> None:
        now = self.model.snapshot()
        if now != self.writing_from:
            for states in self.req_regs.values():
                states.add(now)
        self.writing_from = None

    def in_flight_states(self):
        """Requests in flight, each with the register snapshots it may be served under; the newest
        first (a memory read is most often for a request accepted a few clocks before it), made as
        iterated (a checker that finds its match early looks at no more)."""
        for tag, req in reversed(self.outstanding.items()):
            yield req, self.snaps_for(tag)

    def snaps_for(self, tag: int):
        snaps = self.req_regs.get(tag)
        if snaps is None:  # (not a .get default: that would snapshot the registers on every call)
            snaps = (self.model.snapshot(),)
        return snaps

    def regs_of(self, snap) -> list:
        """The register values of a snapshot (model.regs_of), kept for the last 64 snapshots."""
        regs = self._regs_cache.get(snap)
        if regs is None:
            if len(self._regs_cache) > 64:
                self._regs_cache.clear()
            regs = self._regs_cache[snap] = self.model.regs_of(snap)
        return regs

    def regs_for(self, tag: int) -> list:
        return [self.regs_of(snap) for snap in self.snaps_for(tag)]

    def inval_written(self, inv: Invalidation) -> None:
        self.racing.update(t for t, r in self.outstanding.items() if inv.covers(r.func, r.service))

    def inval_done(self, inv: Invalidation) -> None:
        nf = self.model.p.num_functions
        self.fresh.update(
            (f, s) for f in range(nf) for s in range(self.model.p.bat_entries) if inv.covers(f, s)
        )

    def write_rsp(self, rsp: Rsp) -> None:
        req = self.outstanding.pop(rsp.tag, None)
        if req is None:
            self.fail(f"response for tag {rsp.tag} with no request outstanding", rsp)
        self.responses += 1
        m = self.model
        allowed = set()
        states = self.regs_for(rsp.tag)
        for regs in states:
            allowed |= m.translate_candidates(req.func, req.service, req.offset, self.mem.candidates, regs)
        others_held = self.others_held.pop(rsp.tag, 0)
        if rsp.status == Status.MISS_LIMIT and any(
            miss_limit_allowed(m.p, regs, req.func, req.service, others_held) for regs in states
        ):
            allowed.add((int(Status.MISS_LIMIT), 0))
        self.req_regs.pop(rsp.tag, None)
        if self.cfg.inject_at_response == self.responses and inject_enabled():
            allowed = {(s, a ^ 0x1000) for s, a in allowed}
            self.logger.warning("INJECT: corrupting the prediction of response #%d (%s)", self.responses, rsp)
        got = (rsp.status, rsp.addr)
        if got not in allowed:
            exp = ", ".join(f"{_status_name(s)} 0x{a:x}" for s, a in sorted(allowed))
            self.fail(
                f"tag {rsp.tag} f={req.func} s={req.service} off=0x{req.offset:x} (accepted cycle {req.cycle}): "
                f"DUT answered {_status_name(rsp.status)} addr=0x{rsp.addr:x} at cycle {rsp.cycle}; model expects {exp}",
                rsp,
            )
        m.count_response(rsp.status)
        if rsp.status not in NO_LOOKUP:
            self.lookups += 1
        self.status_count[rsp.status] += 1
        self.tags.release(rsp.tag)
        checked = Checked(
            req,
            rsp,
            lookup=self._lookup(req, rsp),
            inval="racing" if rsp.tag in self.racing else ("after" if rsp.tag in self.after else "none"),
            latency=rsp.cycle - req.cycle,
        )
        self.status_since_reset[rsp.status] += 1
        self.lookup_since_reset[checked.lookup] += 1
        self.racing.discard(rsp.tag)
        self.after.discard(rsp.tag)
        if self.keep_latencies:
            self.latencies.append(checked)
        self._write_checked(checked)
        soak.tick()  # one transaction: a response checked

    def _lookup(self, req: Req, rsp: Rsp) -> str:
        if rsp.status in NO_LOOKUP:
            return "none"
        during = []  # reads issued while it was in flight (self.reads is in AR order: newest last)
        for ar in reversed(self.reads):
            if ar.ar_cycle < req.cycle:
                break
            if ar.ar_cycle <= rsp.cycle:
                during.append(ar)
        if not during:  # no read at all while it was in flight (no need to know which words it reads)
            return "hit"
        regs = self.model.regs
        if precheck(self.model.p, regs, req.func, req.service) is None:  # the address translate() would give
            baddr = bat_entry_addr(regs[req.func], req.service)  # its BAT entry read: a miss, no walk needed
            if any(ar.addr <= baddr < ar.addr + 8 * ar.nbeats for ar in during):
                return "miss"
        r = self.model.translate(req.func, req.service, req.offset, self.mem.read_word).reads
        addrs = [a for a in (r.bat_addr, r.clat_addr) if a is not None]
        for ar in during:
            if any(ar.addr <= a < ar.addr + 8 * ar.nbeats for a in addrs):
                return "miss"
        return "hit"

    # ---- end of test
    async def drain(self, timeout_cycles: int | None = None) -> None:
        """Wait until every accepted request has its response; a request left unanswered is an error."""
        limit = self.cfg.drain_timeout_cycles if timeout_cycles is None else timeout_cycles
        for _ in range(limit):
            if not self.outstanding:
                return
            await RisingEdge(self.dut.clk_i)
        lost = ", ".join(str(r) for r in list(self.outstanding.values())[:8])
        self.fail(f"{len(self.outstanding)} request(s) without a response after {limit} cycles: {lost}")

    def check_phase(self):
        if self.outstanding:
            self.fail(f"{len(self.outstanding)} request(s) never answered: {list(self.outstanding.values())[:8]}")

    def report_phase(self):
        names = {int(s): s.name for s in Status}
        summary = ", ".join(f"{names[s]}={n}" for s, n in sorted(self.status_count.items()))
        self.logger.info("scoreboard: %d responses checked (%s)", self.responses, summary)


def _status_name(s: int) -> str:
    try:
        return Status(s).name
    except ValueError:
        return f"status{s}"
