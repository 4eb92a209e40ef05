"""The BAT/CLAT environment: wiring of the agents, host memory, checkers and coverage.

    request agent --Req--> scoreboard <--Rsp-- response agent (monitor + rsp_ready back-pressure)
                               ^  \\--Checked--> coverage
    AXI read monitor --AxiRead-+--> isolation checker
    host memory (AxiMemSlave over HostMemory) <-- VM driver --> register agent (checked RegisterPort)
    scoreboard --Checked--> register agent's register model (env/regs.py: ERR_CNT at each response)

Clock and the first reset are BaseEnv's (tb/common/base.py, from the manifest); `reset()` is the
reset a test places in the middle of a run.
"""

from __future__ import annotations

from cocotb.triggers import RisingEdge
from pyuvm import ConfigDB

from models.bat_clat import BatClatModel
from tb.common import seed
from tb.common.base import BaseEnv
from tb.common.reset import reset_pulse

from .axi_monitor import AxiReadMonitor, IsolationChecker
from .cfg import TbCfg
from .coverage import Coverage
from .host_mem import HostMemory, start_mem_slave
from .reg_agent import RegAgent
from .req_agent import ReqAgent, TagPool
from .rsp_agent import RspAgent
from .scoreboard import Scoreboard
from .vm_driver import VmDriver


class BatClatEnv(BaseEnv):
    def build_phase(self):
        super().build_phase()
        self.cfg: TbCfg = ConfigDB().get(self, "", "cfg")
        self.mem = HostMemory()
        self.model = BatClatModel(self.cfg.params)
        self.tags = TagPool(self.cfg.params.tag_width)
        for key, value in (("mem", self.mem), ("model", self.model), ("tags", self.tags)):
            ConfigDB().set(self, "*", key, value)
        self.req_agent = ReqAgent("req_agent", self)
        self.rsp_agent = RspAgent("rsp_agent", self)
        self.axi_monitor = AxiReadMonitor("axi_monitor", self)
        self.isolation = IsolationChecker("isolation", self)
        self.scoreboard = Scoreboard("scoreboard", self)
        self.reg_agent = RegAgent("reg_agent", self)
        self.coverage = Coverage("coverage", self)
        ConfigDB().set(self, "*", "scoreboard", self.scoreboard)

    def connect_phase(self):
        self.req_agent.monitor.ap.connect(self.scoreboard.req_imp)
        self.rsp_agent.monitor.ap.connect(self.scoreboard.rsp_imp)
        self.axi_monitor.ap.connect(self.scoreboard.ar_imp)
        self.axi_monitor.ap.connect(self.isolation.imp)
        self.axi_monitor.done_ap.connect(self.coverage.axi_imp)
        self.scoreboard.checked_ap.connect(self.coverage.rsp_imp)
        self.scoreboard.checked_ap.connect(self.reg_agent.rsp_imp)  # ERR_CNT events for the register model
        self.reg_agent.listeners.append(self.coverage.sample_reg)

    def end_of_elaboration_phase(self):
        c = self.cfg
        self.mem_slave = start_mem_slave(self.dut, self.mem, seed.rng("axi_stalls"), c.ar_stall_prob, c.r_stall_prob)
        self.vm = VmDriver(self, seed.rng("vm"))
        self.reg_agent.regs.axi_monitor = self.axi_monitor  # reads outstanding, for INVAL_STATUS.done

    def idle_inputs(self) -> None:
        self.dut.req_valid_i.value = 0
        self.dut.rsp_ready_i.value = 1

    def set_mem_stalls(self, ar_prob: float, r_prob: float) -> None:
        self.mem_slave.set_stalls(seed.rng(f"axi_stalls_{ar_prob}_{r_prob}"), ar_prob, r_prob)

    async def drain(self) -> None:
        """Every accepted request answered (the scoreboard fails on one left after the timeout)."""
        await self.scoreboard.drain()

    async def reset(self, cycles: int = 5) -> None:
        """A reset in the middle of a test: rst_ni low for `cycles` clocks. Everything in flight is
        forgotten, registers return to their reset values in the model too; the caller reprograms the
        functions afterwards."""
        self.rst.value = 0
        await RisingEdge(self.clk)
        self.scoreboard.on_reset()
        self.model.reset()
        self.vm.functions.clear()
        await self.clocks(cycles)
        self.rst.value = 1
        await RisingEdge(self.clk)

    async def reset_pulse(self, across_edges: int = 0) -> None:
        """An asynchronous reset pulse with no clock edge inside (or across `across_edges` edges):
        tb.common.reset.reset_pulse; the models, the scoreboard and the AXI monitor forget everything
        while rst_ni is low (components that look for reset at clock edges may not see this pulse;
        the register agent sees rst_ni fall)."""

        def forget() -> None:
            self.scoreboard.on_reset()
            self.axi_monitor.on_reset()
            self.model.reset()
            self.vm.functions.clear()

        await reset_pulse(self.dut, self.block.clock_period_ns, across_edges, while_low=forget)
