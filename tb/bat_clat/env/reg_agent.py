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

    async def sub_word(self, addr: int, func: int = 0, write: bool = False, value: int = 0) -> int:
        """One single-beat access at a byte address (addr[1:0] != 0 allowed): the bytes addr..end of
        its word, WSTRB set for those bytes only. Checked against the model like any access; a
        read's value must be 0 whenever the model answers SLVERR. No other register access may run
        at the same time (it drives the cocotbext-axi master directly)."""
        nbytes = 4 - addr % 4
        master = self.port.master
        if write:
            expected = self.model.reg_write(func, addr, value)
            self.dut.s_axil_awuser.value = func
            rsp = await master.write(addr, (value & ((1 << 8 * nbytes) - 1)).to_bytes(nbytes, "little"))
            data = None
        else:
            exp_value, expected = self.model.reg_read(func, addr)
            self.dut.s_axil_aruser.value = func
            rsp = await master.read(addr, nbytes)
            data = int.from_bytes(rsp.data, "little")
        resp = int(rsp.resp)
        self._notify("write" if write else "read", func, addr, resp)
        if resp != expected or (data is not None and expected != 0 and data != 0):
            raise ScoreboardError(
                f"sub-word {'write' if write else 'read'} at 0x{addr:03x} as function {func}: resp "
                f"{RESP_NAMES.get(resp, resp)}{'' if data is None else f', data 0x{data:x}'}, model expects "
                f"{RESP_NAMES[expected]}"
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
