"""The dirty_track environment: AW traffic agent + downstream sink, AW monitors on both sides,
pass-through checker, hypervisor agent, scoreboard, coverage; plus clock and reset."""

from __future__ import annotations

from cocotb.triggers import ClockCycles, RisingEdge
from pyuvm import ConfigDB, uvm_env

from tb.common.clock import start_clock
from tb.common.seed import rng
from tb.dirty_track.env.aw_agent import AwAgent, AwMonitor, AwSink
from tb.dirty_track.env.common import CLOCK_NS, Callback, now
from tb.dirty_track.env.coverage import DirtyCoverage
from tb.dirty_track.env.events import ResetEvent
from tb.dirty_track.env.hypervisor import Hypervisor
from tb.dirty_track.env.passthru import PassThroughChecker
from tb.dirty_track.env.regs import HwEvents
from tb.dirty_track.env.scoreboard import DirtyScoreboard


class DirtyEnv(uvm_env):
    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.cfg = ConfigDB().get(self, "", "cfg")
        self.agent = AwAgent("aw_agent", self)
        self.sink = AwSink("aw_sink", self)
        self.out_monitor = AwMonitor("aw_out_monitor", self, "m_axi")
        self.passthru = PassThroughChecker("passthru", self)
        self.hyp = Hypervisor("hypervisor", self)
        self.sb = DirtyScoreboard("scoreboard", self)
        self.cov = DirtyCoverage("coverage", self)
        ConfigDB().set(None, "*", "hypervisor", self.hyp)
        self.hw: HwEvents | None = None  # the register events of DMA writes (after bring-up)
        self.subs = [
            Callback("in_to_passthru", self, lambda it: self.passthru.on_in(it)),
            Callback("out_to_passthru", self, lambda it: self.passthru.on_out(it)),
            Callback("out_to_sb", self, self._on_out),
            Callback("hyp_to_sb", self, self._on_hyp),
        ]

    def connect_phase(self):
        self.agent.monitor.ap.connect(self.subs[0].analysis_export)
        self.out_monitor.ap.connect(self.subs[1].analysis_export)
        self.out_monitor.ap.connect(self.subs[2].analysis_export)
        self.hyp.ap.connect(self.subs[3].analysis_export)

    def _on_out(self, item):
        sb = self.sb
        sb.on_write(item)
        if sb.model is None:
            return
        if item.func >= sb.model.num_functions:
            if self.hw is not None:
                self.hw.bad_func(item.t)
            self.cov.on_write(item, "bad", None)
            return
        state = sb.log_state(item.func, item.t)
        marks = sb.model.marks_for(item.func, item.addr, item.length, item.size, item.burst)
        if marks.oor and state != "off" and self.hw is not None:
            # logged (or maybe logged, in a flag-change window) and partly out of range
            self.hw.oor(item.t, item.func, maybe=state == "maybe")
        self.cov.on_write(item, state, marks)

    def reset_register_model(self):
        """The DUT was reset: the register model back to reset values, pending events dropped."""
        if self.hw is not None:
            self.hw.reset()
        if self.hyp.regs is not None:
            self.hyp.regs.reset()

    def _on_hyp(self, ev):
        self.sb.on_event(ev)
        self.cov.on_event(ev)

    # ------------------------------------------------------------------ clock and reset
    async def start(self):
        """Start the clock, reset the DUT, bring up the hypervisor (init done, PARAMS)."""
        await start_clock(self.dut, CLOCK_NS)
        await self.reset(first=True)
        await self.hyp.start()
        self.hw = HwEvents(self.dut, self.hyp.regs)
        if self.cfg.reg_backpressure:
            self.hyp.port.set_backpressure(rng("reg_backpressure"), self.cfg.reg_backpressure)

    async def reset(self, first: bool = False, cycles: int = 5):
        d = self.dut
        d.rst_ni.value = 0
        if first:
            for sig in ("s_axi_awvalid", "s_axil_awvalid", "s_axil_wvalid", "s_axil_arvalid"):
                getattr(d, sig).value = 0
            d.s_axil_bready.value = 1
            d.s_axil_rready.value = 1
        await ClockCycles(d.clk_i, cycles)
        self.passthru.flush()
        ev = ResetEvent(now())
        self.sb.on_event(ev)
        self.reset_register_model()
        if self.hyp.model is not None:
            self.hyp.model.reset()
        if not first:
            self.cov.on_event(ev)
        d.rst_ni.value = 1
        await RisingEdge(d.clk_i)
