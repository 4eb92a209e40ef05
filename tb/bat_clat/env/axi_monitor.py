"""Watches the DUT's AXI4 read master: publishes every read burst, checks isolation.

`AxiReadMonitor` samples AR and R handshakes and publishes one `AxiRead` per AR (at the AR
handshake) and once more when its last beat arrives (for the memory round trip). It also checks
the burst shape the contract fixes: BAT entry = 2 beats of 8 bytes, CLAT entry = 1 beat of 8 bytes,
INCR bursts.

`IsolationChecker` checks every read address against the requests in flight: a read must lie in
the BAT of a function with an outstanding request that needs memory, or in a CLAT that BAT entry
points to (checked independently of the RTL's own SVA).
"""

from __future__ import annotations

from collections import defaultdict, deque

from pyuvm import uvm_analysis_port, uvm_component, uvm_subscriber

from tb.common.base import BaseScoreboard, clock_sampler, cycle
from tb.common.sig import bit_reader, int_reader

from .items import AxiRead, fanout


class AxiReadMonitor(uvm_component):
    def build_phase(self):
        self.ap = uvm_analysis_port("ap", self)  # at the AR handshake
        self.done_ap = uvm_analysis_port("done_ap", self)  # at the last R beat
        # memory round trips (clocks), kept only when a test asks (keep_round_trips): a soak would
        # otherwise keep one per read
        self.round_trips: list[int] = []
        self.keep_round_trips = False
        self.ar_count = 0
        # R beats with no read outstanding that a test sent on purpose (AxiMemSlave.stray_beat): so
        # many are tolerated (and counted in strays_seen) instead of failing the run
        self.strays_expected = 0
        self.strays_seen = 0

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.sb = self.cdb_get("scoreboard")  # fails through it (one way to fail)

    def on_reset(self) -> None:
        self.pending: dict[int, deque[AxiRead]] = defaultdict(deque)

    async def run_phase(self):
        d = self.dut
        self.on_reset()
        # handles and readers looked up once; sampled by the run's one clock loop, published at
        # ReadOnly of a clock with a handshake (after every handler of that edge: the request monitor
        # and the register agent may record, in the same edge, what this read is checked against)
        arvalid, arready, rvalid, rready = (
            bit_reader(h) for h in (d.m_axi_arvalid, d.m_axi_arready, d.m_axi_rvalid, d.m_axi_rready))
        arid, araddr, arlen, arsize, arburst = (
            int_reader(h) for h in (d.m_axi_arid, d.m_axi_araddr, d.m_axi_arlen, d.m_axi_arsize, d.m_axi_arburst))
        rid_, rresp, rlast = int_reader(d.m_axi_rid), int_reader(d.m_axi_rresp), bit_reader(d.m_axi_rlast)
        seen = self._seen = [None, None, 0]  # AR, R beat (rid, rresp, rlast), cycle: what `publish` publishes
        self._write_ar, self._write_done = fanout(self.ap), fanout(self.done_ap)

        def sample(live: bool) -> bool:
            if not live:
                self.on_reset()
                return False
            ar_hs = arvalid() and arready()
            r_hs = rvalid() and rready()
            if not (ar_hs or r_hs):
                return False
            now = cycle()
            ar = None
            if ar_hs:
                ar = AxiRead(arid=arid(), addr=araddr(), nbeats=arlen() + 1, ar_cycle=now)
                size, burst = arsize(), arburst()
                if size != 3 or burst != 1 or ar.nbeats not in (1, 2) or ar.addr % (8 * ar.nbeats):
                    self.sb.fail(
                        f"AXI read 0x{ar.addr:x} arlen={ar.nbeats - 1} arsize={size} arburst={burst}: "
                        "expected a 2-beat BAT entry or 1-beat CLAT entry, 64-bit INCR, naturally aligned"
                    )
            seen[0], seen[1], seen[2] = ar, (rid_(), rresp(), rlast()) if r_hs else None, now
            return True

        clock_sampler().add(sample, late=self._publish, order=2)

    def _publish(self) -> None:
        ar, r, now = self._seen
        if ar is None and r is None:  # (another monitor asked for this clock's late call)
            return
        self._seen[0] = self._seen[1] = None
        if ar is not None:
            self.pending[ar.arid].append(ar)
            self.ar_count += 1
            self._write_ar(ar)
        if r is not None:
            rid, resp, last = r
            if not self.pending[rid] and self.strays_expected > 0:
                self.strays_expected -= 1
                self.strays_seen += 1
                return
            if not self.pending[rid]:
                self.sb.fail(f"AXI R beat with rid={rid} and no read outstanding")
            head = self.pending[rid][0]
            worst = max(head.resp, resp)
            if last:
                self.pending[rid].popleft()
                done = AxiRead(head.arid, head.addr, head.nbeats, head.ar_cycle, now, worst)
                if self.keep_round_trips:
                    self.round_trips.append(now - head.ar_cycle)
                self._write_done(done)
            else:
                self.pending[rid][0] = AxiRead(head.arid, head.addr, head.nbeats, head.ar_cycle, -1, worst)


class IsolationChecker(BaseScoreboard):
    """Every AR address inside the BAT / CLATs of a function that has a request in flight."""

    def build_phase(self):
        self.imp = uvm_subscriber.uvm_AnalysisImp("imp", self, self.write)
        self.checked = 0
        self._ranges_cache: dict[tuple, list[tuple[int, int]]] = {}
        self._ranges_version = -1

    def end_of_elaboration_phase(self):
        self.sb = self.cdb_get("scoreboard")
        self.mem = self.cdb_get("mem")
        self.model = self.cdb_get("model")

    def _ranges(self, key) -> list[tuple[int, int]]:
        """allowed_read_ranges of (func, service, register snapshot), kept while the memory's answers
        (its version) stay the same."""
        if self._ranges_version != self.mem.version or len(self._ranges_cache) > 1024:
            self._ranges_cache.clear()
            self._ranges_version = self.mem.version
        ranges = self._ranges_cache.get(key)
        if ranges is None:
            func, service, snap = key
            ranges = self.model.allowed_read_ranges(func, service, self.mem.candidates, self.sb.regs_of(snap))
            self._ranges_cache[key] = ranges
        return ranges

    def write(self, ar: AxiRead) -> None:
        lo, hi = ar.addr, ar.addr + 8 * ar.nbeats
        allowed = []
        seen = set()  # (func, service, register state) already tried: many requests in flight share one
        for req, snaps in self.sb.in_flight_states():
            for snap in snaps:
                key = (req.func, req.service, snap)
                if key in seen:
                    continue
                seen.add(key)
                for rlo, rhi in self._ranges(key):
                    if rlo <= lo and hi <= rhi:
                        self.checked += 1
                        return
                    allowed.append((req.func, req.service, rlo, rhi))
        shown = ", ".join(f"f{f}/s{s}:[0x{a:x},0x{b:x})" for f, s, a, b in allowed[:8])
        self.fail(
            f"isolation: AXI read [0x{lo:x},0x{hi:x}) at cycle {ar.ar_cycle} is outside the tables of every "
            f"request in flight ({len(allowed)} allowed ranges: {shown})",
            ar,
        )
