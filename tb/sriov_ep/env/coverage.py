"""Functional coverage of sriov_ep (tb.common.fcov), sampled from what the scoreboard checked and the
write port showed: completion status (every error kind) x pieces per descriptor, stop timing x
scope (from each descriptor's acceptance clock against the STOP writes' windows), and the
migration's report collisions (a report by DMA while bursts of the migrated VF's DMA, or of other
functions' DMA, were on the host write port)."""

from __future__ import annotations

from pyuvm import uvm_component

from models import sriov_ep as sep
from tb.common import fcov

# every status a completion can carry (docs/sriov_ep.md); MISS_LIMIT never reaches a completion
STATUSES = ["OK", "FUNC_INVALID", "SERVICE_RANGE", "BAT_INVALID", "BLOCK_RANGE", "CLAT_INVALID",
            "BUS_ERROR", "WRITE_ERROR", "LEN_INVALID", "STOPPED"]


def pieces_bin(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3+"


class SepCoverage(uvm_component):
    def build_phase(self):
        fcov.reset()
        self.cg_cpl = fcov.Covergroup("sep_completion", [
            fcov.Coverpoint("status", values=STATUSES),
            fcov.Coverpoint("pieces", values=["0", "1", "2", "3+"]),
            fcov.Coverpoint("head", values=["aligned", "unaligned"]),
        ], crosses=[("status", "pieces")],
            # a descriptor with no piece is LEN_INVALID or STOPPED, and those have no pieces written
            ignore=lambda b: (b["pieces"] == "0") != (b["status"] in ("LEN_INVALID", "STOPPED")))
        # stop timing of a descriptor of a function a STOP write stops (or resumes): accepted before the
        # write and still in flight at it (it must run), inside the write's window (either way: the
        # DUT decides), after it (STOPPED)
        self.cg_stop = fcov.Covergroup("sep_stop", [
            fcov.Coverpoint("stop_timing", values=["in_flight", "in_window", "after_window"]),
            fcov.Coverpoint("stop_scope", values=["func", "all"]),
        ], crosses=[("stop_timing", "stop_scope")])
        # pre-copy rounds: no "4+" bin: with the tests' hypervisor (threshold 4 pages, 256-page VM,
        # 32 clocks per copied page) and VF rates up to 6 B/clock, pre-copy converges within 3
        # rounds (docs/sriov_ep.md, migration convergence); the rounds are the hypervisor's, not
        # the DUT's
        self.cg_mig = fcov.Covergroup("sep_migration", [
            fcov.Coverpoint("report", values=["during_vf_dma", "during_other_dma", "after_stop"]),
            fcov.Coverpoint("rounds", values=["0", "1", "2-3"]),
            fcov.Coverpoint("reset_phase", values=["logging", "full_copy", "round", "stop"]),
        ])

    def on_completion(self, desc, status: int) -> None:
        n = len(sep.pieces(desc.offset, desc.length)) if status not in (sep.Status.LEN_INVALID, sep.Status.STOPPED) else 0
        self.cg_cpl.sample(status=sep.Status(status).name, pieces=pieces_bin(n),
                           head="aligned" if desc.offset % 8 == 0 else "unaligned")

    def on_stop(self, timing: str, scope: str) -> None:
        self.cg_stop.sample(stop_timing=timing, stop_scope=scope)

    def on_report(self, when: str) -> None:
        self.cg_mig.sample(report=when)

    def on_migration(self, rounds: int) -> None:
        self.cg_mig.sample(rounds=str(rounds) if rounds <= 1 else "2-3" if rounds <= 3 else str(rounds))

    def on_reset_phase(self, phase: str) -> None:
        self.cg_mig.sample(reset_phase=phase)

    def report_phase(self):
        for cg in (self.cg_cpl, self.cg_stop, self.cg_mig):
            self.logger.info(f"coverage {cg.name}: {cg.coverage():.1f}%")
        fcov.save()
