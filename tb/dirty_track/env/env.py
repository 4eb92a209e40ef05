"""The dirty_track environment (BaseEnv: clock and reset from the manifest): AW traffic agent +
downstream sink, AW monitors on both sides, pass-through checker, hypervisor agent (the register
port, through the register scoreboard), dirty-page scoreboard, coverage.

`start()` (BaseEnv) holds reset with every input idle, releases it, and brings the hypervisor up
(`after_reset`: bitmap initialised, PARAMS read). Tests that reset mid-test use `reset()`."""

from __future__ import annotations

from cocotb.triggers import ClockCycles, RisingEdge
from pyuvm import ConfigDB, uvm_subscriber

from tb.common import soak
from tb.common.base import BaseEnv, cycle
from tb.common.seed import rng
from tb.dirty_track.env.aw_agent import AwAgent, AwMonitor, AwSink
from tb.dirty_track.env.coverage import DirtyCoverage
from tb.dirty_track.env.hypervisor_agent import Hypervisor
from tb.dirty_track.env.items import ResetEvent
from tb.dirty_track.env.passthru import PassThroughChecker
from tb.dirty_track.env.regs import HwEvents
from tb.dirty_track.env.scoreboard import DirtyScoreboard


class Callback(uvm_subscriber):
    """Analysis subscriber that hands each item to a function (synchronously, in monitor order)."""

    def __init__(self, name, parent, fn):
        super().__init__(name, parent)
        self.fn = fn

    def write(self, tt):
        self.fn(tt)


class DirtyEnv(BaseEnv):
    def build_phase(self):
        super().build_phase()
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
        soak.tick()  # one transaction: a DMA write out of the block, checked
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
    def idle_inputs(self) -> None:
        d = self.dut
        for sig in ("s_axi_awvalid", "s_axil_awvalid", "s_axil_wvalid", "s_axil_arvalid"):
            getattr(d, sig).value = 0
        d.s_axil_bready.value = 1
        d.s_axil_rready.value = 1

    async def after_reset(self) -> None:
        """Bring up the hypervisor (bitmap initialised, PARAMS read), then the register events of DMA
        writes and the register port's back-pressure."""
        await self.hyp.start()
        self.hw = HwEvents(self.dut, self.hyp.regs)
        if self.cfg.reg_backpressure:
            self.hyp.port.set_backpressure(rng("reg_backpressure"), self.cfg.reg_backpressure)

    async def reset(self, cycles: int | None = None):
        """Reset mid-test (`cycles` clocks, default the manifest's reset_cycles): everything the
        testbench knows of the DUT's state is forgotten with it."""
        d = self.dut
        self.rst.value = 0
        await ClockCycles(self.clk, cycles if cycles is not None else self.block.reset_cycles)
        self.passthru.flush()
        if self.hyp.host is not None:
            self.hyp.host.reset()
        ev = ResetEvent(cycle())
        self.sb.on_event(ev)
        self.reset_register_model()
        if self.hyp.model is not None:
            self.hyp.model.reset()
        self.cov.on_event(ev)
        self.rst.value = 1
        await RisingEdge(d.clk_i)
