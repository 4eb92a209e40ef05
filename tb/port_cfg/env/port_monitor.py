"""Monitor of the per-lane outputs across commits: every clock it samples lane_mode_o, lane_en_o
and port_vssb_o; for each commit result (commit_done_o) it publishes every sample since the
previous result, so the scoreboard can check clock by clock that unchanged lanes never moved and
changed lanes moved together, once. Any output change outside a commit is published too."""

from __future__ import annotations

import cocotb
from cocotb.triggers import FallingEdge
from pyuvm import uvm_analysis_port, uvm_component

from tb.common.base import cycle, env_started
from tb.common.sig import bit_reader, int_reader
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
        # once, not per clock: the trigger and the readers; an OutputSample is only built when one
        # is published (a commit in progress, or an output change outside a commit)
        edge = FallingEdge(d.clk_i)
        mode, en, vssb = int_reader(d.lane_mode_o), int_reader(d.lane_en_o), int_reader(d.port_vssb_o)
        busy_r, done_r, code_r = bit_reader(d.commit_busy_o), bit_reader(d.commit_done_o), int_reader(d.commit_code_o)
        await edge
        last = self.sample(cycle())
        last_key, last_cycle = last.key(), last.cycle
        obs: CommitObs | None = None
        while True:
            await edge
            now, key = cycle(), (mode(), en(), vssb())
            busy, done = busy_r(), done_r()
            if obs is None and (busy or done):
                obs = CommitObs(before=OutputSample(last_cycle, *last_key))
            if obs is not None:
                obs.samples.append(OutputSample(now, *key))
                if done:
                    obs.code = code_r()
                    self.commits_seen += 1
                    self.commit_ap.write(obs)
                    obs = None
            elif key != last_key:
                self.spurious_ap.write((OutputSample(last_cycle, *last_key), OutputSample(now, *key)))
            last_key, last_cycle = key, now
