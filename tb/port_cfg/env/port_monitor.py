"""Monitor of the per-lane outputs across commits: every clock it samples lane_mode_o, lane_en_o
and port_vssb_o; for each commit result (commit_done_o) it publishes every sample since the
previous result, so the scoreboard can check clock by clock that unchanged lanes never moved and
changed lanes moved together, once. Any output change outside a commit is published too."""

from __future__ import annotations

import cocotb
from cocotb.triggers import FallingEdge
from pyuvm import uvm_analysis_port, uvm_component

from tb.common.base import cycle, env_started
from tb.port_cfg.env.items import CommitObs, OutputSample


class PortMonitor(uvm_component):
    def build_phase(self):
        self.dut = cocotb.top
        self.commit_ap = uvm_analysis_port("commit_ap", self)
        self.spurious_ap = uvm_analysis_port("spurious_ap", self)
        self.commits_seen = 0

    def sample(self, clk: int) -> OutputSample:
        d = self.dut
        return OutputSample(clk, int(d.lane_mode_o.value), int(d.lane_en_o.value), int(d.port_vssb_o.value))

    async def run_phase(self):
        d = self.dut
        await env_started()
        await FallingEdge(d.clk_i)
        last = self.sample(cycle())
        obs: CommitObs | None = None
        while True:
            await FallingEdge(d.clk_i)
            s = self.sample(cycle())
            busy, done = int(d.commit_busy_o.value), int(d.commit_done_o.value)
            if obs is None and (busy or done):
                obs = CommitObs(before=last)
            if obs is not None:
                obs.samples.append(s)
                if done:
                    obs.code = int(d.commit_code_o.value)
                    self.commits_seen += 1
                    self.commit_ap.write(obs)
                    obs = None
            elif s.key() != last.key():
                self.spurious_ap.write((last, s))
            last = s
