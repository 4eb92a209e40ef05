"""The BAT/CLAT environment: wiring of the agents, host memory, checkers and coverage.

    request agent --Req--> scoreboard <--Rsp-- response agent (monitor + rsp_ready back-pressure)
                               ^  \\--Checked--> coverage
    AXI read monitor --AxiRead-+--> isolation checker
    host memory (AxiMemSlave over HostMemory) <-- VM driver --> register agent (RegisterPort)
    scoreboard --Checked--> register agent's register model (env/regs.py: ERR_CNT at each response)
"""

from __future__ import annotations

import logging

from cocotb.triggers import RisingEdge
from pyuvm import ConfigDB, uvm_env

from models.bat_clat import BatClatModel
from tb.common import seed

from .axi_monitor import AxiReadMonitor, IsolationChecker
from .cfg import EnvCfg
from .coverage import Coverage
from .host_mem import HostMemory, start_mem_slave
from .reg_agent import RegAgent
from .req_agent import ReqAgent, TagPool
from .rsp_agent import RspAgent
from .scoreboard import Scoreboard
from .vm_driver import VmDriver


class BatClatEnv(uvm_env):
    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.cfg: EnvCfg = ConfigDB().get(self, "", "cfg")
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
        # cocotbext-axi logs every access at INFO: keep run logs readable
        port = self.reg_agent.port.master
        for log in (port.write_if.log, port.read_if.log, self.mem_slave.log):
            log.setLevel(logging.WARNING)

    def set_mem_stalls(self, ar_prob: float, r_prob: float) -> None:
        self.mem_slave.set_stalls(seed.rng(f"axi_stalls_{ar_prob}_{r_prob}"), ar_prob, r_prob)

    async def clocks(self, n: int) -> None:
        for _ in range(n):
            await RisingEdge(self.dut.clk_i)

    async def reset(self, cycles: int = 5) -> None:
        """Assert rst_ni for `cycles` clocks. Everything in flight is forgotten, registers return to
        their reset values in the model too; the caller reprograms the functions afterwards."""
        self.dut.rst_ni.value = 0
        await RisingEdge(self.dut.clk_i)
        self.scoreboard.on_reset()
        self.model.reset()
        self.vm.functions.clear()
        await self.clocks(cycles)
        self.dut.rst_ni.value = 1
        await RisingEdge(self.dut.clk_i)
