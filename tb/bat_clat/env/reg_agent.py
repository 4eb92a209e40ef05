"""Register agent: the one AXI4-Lite port (tb.common.regport.RegisterPort, AWUSER/ARUSER = the
accessing function), every access checked by tb.common.regcheck.CheckedRegisterPort against the
register model. What is bat_clat's own lives in env/regs.py (`BatClatRegs`: the register model's
binding, the cross-check with BatClatModel); this component only places it in the environment: it
feeds it the scoreboard's checked responses (ERR_CNT events), tells it about every reset pulse (no
minimum width, docs/dev-guide.md), and tells coverage about every access.
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import FallingEdge
from pyuvm import uvm_component, uvm_subscriber

from tb.common.regport import RegisterPort

from .regs import BatClatRegs


class RegAgent(uvm_component):
    def build_phase(self):
        self.listeners = []  # fn(kind, func, addr, resp) per access: coverage
        # responses the scoreboard checked (at their handshake): ERR_CNT events for the register model
        self.rsp_imp = uvm_subscriber.uvm_AnalysisImp("rsp_imp", self, lambda c: self.regs.on_response(c.rsp.status))

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        cfg = self.cdb_get("cfg")
        self.raw = RegisterPort(self.dut)  # used only through the checked ports (and raw by the reset test)
        self.regs = BatClatRegs(self.raw, self.cdb_get("model"), self.cdb_get("scoreboard"), cfg.params,
                                log=self.logger)
        self.checked = self.regs.checked  # negative tests set its corrupt_next_read

    async def run_phase(self):
        cocotb.start_soon(self._watch_reset())

    async def _watch_reset(self) -> None:
        """Any low pulse of rst_ni resets the registers."""
        while True:
            await FallingEdge(self.dut.rst_ni)
            self.regs.reset()

    def _notify(self, kind: str, func: int, addr: int, resp: int) -> None:
        for fn in self.listeners:
            fn(kind, func, addr, resp)

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        """One register write as function `func` (byte strobes `strb`); returns the response code."""
        resp = await self.regs.write(addr, value, func, strb)
        self._notify("write", func, addr, resp)
        return resp

    async def read(self, addr: int, func: int = 0) -> int:
        """One register read as function `func`; returns the value (0 on SLVERR)."""
        value, resp = await self.regs.read(addr, func)
        self._notify("read", func, addr, resp)
        return value

    async def sub_word(self, addr: int, func: int = 0, write: bool = False, value: int = 0) -> int:
        """One single-beat access at a byte address (addr[1:0] != 0 allowed): the bytes addr..end of
        its word, WSTRB set for those bytes only; checked like any access (a misaligned one answers
        SLVERR, reads 0 and changes nothing). Returns the response code."""
        if write:
            resp = await self.regs.write(addr, value, func, sub_word=True)
        else:
            _, resp = await self.regs.read(addr, func, sub_word=True)
        self._notify("write" if write else "read", func, addr, resp)
        return resp

    def report_phase(self):
        c = self.regs.checked
        self.logger.info("register scoreboard: %d reads and %d writes checked (sub-word ones included)",
                         c.reads_checked, c.writes_checked)
        self.logger.info("register scoreboard: bounded counter and done reads %s", dict(self.regs.stats))
