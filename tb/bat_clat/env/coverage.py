"""Functional coverage of the BAT/CLAT unit (tb.common.fcov): responses, register accesses,
invalidations, AXI reads. Impossible combinations are excluded where the crosses are declared."""

from __future__ import annotations

from pyuvm import uvm_component, uvm_subscriber

from models.bat_clat import (
    FUNC_BASE,
    FUNC_STRIDE,
    OKAY,
    SCOPE_ALL,
    SCOPE_FUNC,
    SCOPE_SERVICE,
    SLVERR,
    Invalidation,
    Status,
)
from tb.common import fcov

from .items import AxiRead
from .scoreboard import Checked

STATUS_NAMES = [s.name for s in Status]
_STATUS_NAME = {int(s): s.name for s in Status}  # (Status(v).name costs an enum call per response)
NO_READ = {"FUNC_INVALID", "SERVICE_RANGE", "MISS_LIMIT"}  # answered without a read for the request


def _response_ignore(b: dict[str, str]) -> bool:
    st, lk = b.get("status"), b.get("lookup")
    if st is not None and lk is not None:
        if (st in NO_READ) != (lk == "none"):
            return True  # no-read statuses never look anything up, all others always do
        if st == "BUS_ERROR" and lk == "hit":
            return True  # nothing from a failing read is cached
    if b.get("func") == "out_of_range" and st is not None and st != "FUNC_INVALID":
        return True
    if b.get("inval") == "after" and lk == "hit":
        return True  # the first use after a completed invalidation cannot hit
    return False


class Coverage(uvm_component):
    def build_phase(self):
        self.rsp_imp = uvm_subscriber.uvm_AnalysisImp("rsp_imp", self, self.sample_response)
        self.axi_imp = uvm_subscriber.uvm_AnalysisImp("axi_imp", self, self.sample_axi)
        fcov.reset()
        self.response_cg = fcov.Covergroup(
            "response_cg",
            [
                fcov.Coverpoint("status", values=STATUS_NAMES),
                fcov.Coverpoint("lookup", values=["hit", "miss", "none"]),
                fcov.Coverpoint("func", values=["pf", "vf", "out_of_range"]),
                fcov.Coverpoint("backpressure", values=["stalled", "not_stalled"]),
                fcov.Coverpoint("inval", values=["none", "racing", "after"]),
            ],
            crosses=[("status", "lookup"), ("status", "func"), ("status", "backpressure"), ("lookup", "inval")],
            ignore=_response_ignore,
        )
        self.reg_cg = fcov.Covergroup(
            "reg_access_cg",
            [
                fcov.Coverpoint("kind", values=["read", "write"]),
                fcov.Coverpoint(
                    "relation",
                    values=["pf_global", "pf_function", "vf_own", "vf_other", "vf_global", "no_such_function"],
                ),
                fcov.Coverpoint("resp", values=["OKAY", "SLVERR"]),
            ],
            crosses=[("kind", "relation", "resp")],
            # the access rule decides the response: allowed relations answer OKAY, the others SLVERR
            ignore=lambda b: "resp" in b
            and "relation" in b
            and (b["relation"] in ("pf_global", "pf_function", "vf_own")) != (b["resp"] == "OKAY"),
        )
        self.inval_cg = fcov.Covergroup(
            "inval_cg",
            [
                fcov.Coverpoint("scope", values=["all", "function", "service"]),
                fcov.Coverpoint("source", values=["pf_global", "vf_own"]),
                fcov.Coverpoint("in_flight", values=["idle", "busy"]),
            ],
            crosses=[("scope", "source"), ("scope", "in_flight")],
            ignore=lambda b: b.get("scope") == "all" and b.get("source") == "vf_own",  # a VF only reaches its own
        )
        self.axi_cg = fcov.Covergroup(
            "axi_read_cg",
            [
                fcov.Coverpoint("table", values=["bat", "clat"]),
                fcov.Coverpoint("resp", values=["OKAY", "SLVERR", "DECERR"]),
            ],
            crosses=[("table", "resp")],
        )

    def end_of_elaboration_phase(self):
        self.cfg = self.cdb_get("cfg")

    def sample_response(self, c: Checked) -> None:
        nf = self.cfg.params.num_functions
        func = "out_of_range" if c.req.func >= nf else ("pf" if c.req.func == 0 else "vf")
        self.response_cg.sample(
            status=_STATUS_NAME[c.rsp.status],
            lookup=c.lookup,
            func=func,
            backpressure="stalled" if c.rsp.stall_cycles else "not_stalled",
            inval=c.inval,
        )

    def sample_reg(self, kind: str, func: int, addr: int, resp: int) -> None:
        nf = self.cfg.params.num_functions
        if addr < FUNC_BASE:
            relation = "pf_global" if func == 0 else "vf_global"
        else:
            target = (addr - FUNC_BASE) // FUNC_STRIDE
            if target >= nf:
                relation = "no_such_function"
            elif func == 0:
                relation = "pf_function"
            else:
                relation = "vf_own" if func == target else "vf_other"
        self.reg_cg.sample(kind=kind, relation=relation, resp={OKAY: "OKAY", SLVERR: "SLVERR"}.get(resp, str(resp)))

    def sample_inval(self, inv: Invalidation, as_func: int, in_flight: int) -> None:
        scope = {SCOPE_ALL: "all", SCOPE_FUNC: "function", SCOPE_SERVICE: "service"}[inv.scope]
        self.inval_cg.sample(scope=scope, source="vf_own" if as_func else "pf_global",
                             in_flight="busy" if in_flight else "idle")

    def sample_axi(self, ar: AxiRead) -> None:
        self.axi_cg.sample(table="bat" if ar.nbeats == 2 else "clat", resp={0: "OKAY", 2: "SLVERR", 3: "DECERR"}.get(ar.resp))

    def report_phase(self):
        for cg in (self.response_cg, self.reg_cg, self.inval_cg, self.axi_cg):
            self.logger.info("coverage %s: %.1f%%", cg.name, cg.coverage())
        fcov.save()
