"""Functional coverage of the port configurator (tb.common.fcov), sampled from the agents' and
monitors' transactions; saved in report_phase."""

from __future__ import annotations

from pyuvm import ConfigDB, uvm_component

from models.port_cfg import LANES_PER_QUAD, Active, Err, Lane, Mode, is_port_start
from tb.common import fcov
from tb.port_cfg.env.items import CommitRequest, CommitStatus, FilterTxn
from tb.port_cfg.env.scoreboard import ports_of, unpack


class Coverage(uvm_component):
    def build_phase(self):
        info = ConfigDB().get(self, "", "dut_info")
        self.n, self.nv = info.num_lanes, info.num_vssbs
        self.requests: dict[int, CommitRequest] = {}
        self.accepted = [Lane() for _ in range(self.n)]
        self.cg_port = fcov.Covergroup(
            "port_mode_x_vssb",
            [
                fcov.Coverpoint("mode", values=[m.name for m in (Mode.NARROW, Mode.DUAL, Mode.WIDE)]),
                fcov.Coverpoint("vssb", values=list(range(self.nv))),
            ],
            crosses=[("mode", "vssb")],
        )
        self.cg_result = fcov.Covergroup(
            "commit_result", [fcov.Coverpoint("code", values=[e.name for e in Err])]
        )
        self.cg_change = fcov.Covergroup(
            "commit_change",
            [fcov.Coverpoint("quads_changed", values=["none", "some", "all"])],
        )
        self.cg_filter = fcov.Covergroup(
            "filter_request",
            [
                fcov.Coverpoint("ingress", values=["port", "no_port"]),
                fcov.Coverpoint("within", bins={"yes": lambda v: v, "no": lambda v: not v}),
                fcov.Coverpoint("across", bins={"yes": lambda v: v, "no": lambda v: not v}),
            ],
        )

    def write_request(self, req: CommitRequest) -> None:
        self.requests[req.uid] = req

    def write_status(self, st: CommitStatus) -> None:
        # Back-to-back commits: the status reports the last one; earlier ones had the same shadow.
        req = self.requests.pop(st.uid)
        self.requests = {u: r for u, r in self.requests.items() if u > st.uid}
        self.cg_result.sample(code=Err(st.code).name)
        if st.code != Err.OK:
            return
        nq = self.n // LANES_PER_QUAD
        changed = sum(
            1 for q in range(nq) if req.lanes[4 * q : 4 * q + 4] != self.accepted[4 * q : 4 * q + 4]
        )
        self.cg_change.sample(quads_changed="none" if changed == 0 else "all" if changed == nq else "some")
        self.accepted = list(req.lanes)
        for p, lane in enumerate(req.lanes):
            qmode = req.lanes[p - p % LANES_PER_QUAD].mode
            if lane.en and is_port_start(qmode, p % LANES_PER_QUAD):
                self.cg_port.sample(mode=Mode(qmode).name, vssb=lane.vssb)

    def write_filter(self, txn: FilterTxn) -> None:
        if txn.ingress < 0:
            return
        act: Active = unpack(txn.cfg, self.n)
        port_lanes = ports_of(txn.cfg, self.n)
        if txn.ingress >= self.n or txn.ingress not in port_lanes:
            self.cg_filter.sample(ingress="no_port", within=False, across=False)
            return
        v = act.vssb[txn.ingress]
        ports = [e for e in port_lanes if txn.egress >> e & 1]
        self.cg_filter.sample(
            ingress="port",
            within=any(act.vssb[e] == v for e in ports),
            across=any(act.vssb[e] != v for e in ports),
        )

    def report_phase(self):
        for cg in (self.cg_port, self.cg_result, self.cg_change, self.cg_filter):
            self.logger.info("coverage %s: %.1f%%", cg.name, cg.coverage())
        fcov.save()
