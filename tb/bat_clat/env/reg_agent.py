"""Register agent: AXI4-Lite accesses as a given PCIe function, each checked against the model.

Every access goes through tb.common.regport.RegisterPort (AWUSER/ARUSER = accessing function). The
model predicts the response code (OKAY, or SLVERR for a refused access) and, where it defines one,
the read value. Counters that responses move (ERR_CNT) are compared only when no request is in
flight, because the DUT counts a response when it issues it, a few cycles before the monitor sees it.
"""

from __future__ import annotations

from pyuvm import uvm_component

from models.bat_clat import REG_ERR_CNT, BatClatModel, Status
from tb.common.regport import RegisterPort
from tb.common.scoreboard import ScoreboardError

RESP_NAMES = {0: "OKAY", 1: "EXOKAY", 2: "SLVERR", 3: "DECERR"}


class RegAgent(uvm_component):
    def build_phase(self):
        self.accesses: list[tuple[str, int, int, int]] = []  # (kind, func, addr, resp) for coverage
        self.listeners = []

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.model: BatClatModel = self.cdb_get("model")
        self.sb = self.cdb_get("scoreboard")
        self.port = RegisterPort(self.dut, "s_axil", self.dut.clk_i, self.dut.rst_ni, reset_active_level=False)

    def _notify(self, kind: str, func: int, addr: int, resp: int) -> None:
        for fn in self.listeners:
            fn(kind, func, addr, resp)

    async def write(self, addr: int, value: int, func: int = 0) -> int:
        self.sb.reg_write_begin()
        expected = self.model.reg_write(func, addr, value)
        resp = await self.port.write(addr, value, func)
        self.sb.reg_write_end()
        self._notify("write", func, addr, resp)
        if resp != expected:
            raise ScoreboardError(
                f"register write 0x{addr:03x}=0x{value:x} as function {func}: "
                f"resp {RESP_NAMES.get(resp, resp)}, model expects {RESP_NAMES[expected]}"
            )
        return resp

    async def read(self, addr: int, func: int = 0) -> int:
        exp_value, expected = self.model.reg_read(func, addr)
        value, resp = await self.port.read(addr, func)
        self._notify("read", func, addr, resp)
        if resp != expected:
            raise ScoreboardError(
                f"register read 0x{addr:03x} as function {func}: resp {RESP_NAMES.get(resp, resp)}, "
                f"model expects {RESP_NAMES[expected]}"
            )
        is_err_cnt = REG_ERR_CNT <= addr < REG_ERR_CNT + 4 * (len(Status) - 1)
        if exp_value is not None and value != exp_value and (not is_err_cnt or self.sb.quiescent):
            raise ScoreboardError(
                f"register read 0x{addr:03x} as function {func}: 0x{value:x}, model expects 0x{exp_value:x}"
            )
        return value
