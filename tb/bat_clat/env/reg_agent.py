"""Register agent: AXI4-Lite accesses as a given PCIe function, every one checked by the register
scoreboard (env/regs.py: models.regmap.RegFile behind tb.common.regcheck.CheckedRegisterPort).

Every access goes through tb.common.regport.RegisterPort (AWUSER/ARUSER = accessing function), or,
for `sub_word`, through SubWordPort (one beat at a byte address). The register model checks each
response code and every field of every read (counters against bounds, done against DoneModel; see
env/regs.py). BatClatModel still sees every write (translation state, invalidations) and every
access (its access-violation count), and must predict the same response code as the register model
(a cheap cross-check of the two models). A mismatch raises ScoreboardError.
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import FallingEdge, Lock
from pyuvm import uvm_component, uvm_subscriber

from models.bat_clat import REG_ACCESS_VIOLATIONS, REG_AXI_PROTO_ERR, BatClatModel
from tb.common.regport import RegisterPort
from tb.common.scoreboard import ScoreboardError

from .regs import BatClatRegs

RESP_NAMES = {0: "OKAY", 1: "EXOKAY", 2: "SLVERR", 3: "DECERR"}


class SubWordPort:
    """RegisterPort's write/read interface over its single-beat accesses at a byte address
    (write_bytes/read_bytes), for the checked sub-word port."""

    def __init__(self, port: RegisterPort):
        self.port = port

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        return await self.port.write_bytes(addr, value, func)

    async def read(self, addr: int, func: int = 0) -> tuple[int, int]:
        return await self.port.read_bytes(addr, func)


class RegAgent(uvm_component):
    def build_phase(self):
        self.accesses: list[tuple[str, int, int, int]] = []  # (kind, func, addr, resp) for coverage
        self.listeners = []
        # responses the scoreboard checked (at their handshake): ERR_CNT events for the register model
        self.rsp_imp = uvm_subscriber.uvm_AnalysisImp("rsp_imp", self, lambda c: self.regs.on_response(c.rsp.status))

    def end_of_elaboration_phase(self):
        self.dut = self.cdb_get("dut")
        self.model: BatClatModel = self.cdb_get("model")
        self.sb = self.cdb_get("scoreboard")
        cfg = self.cdb_get("cfg")
        self.port = RegisterPort(self.dut, "s_axil", self.dut.clk_i, self.dut.rst_ni, reset_active_level=False)
        self.regs = BatClatRegs(self.dut, self.port, SubWordPort(self.port), self.model, self.sb, cfg.params,
                                cfg.clock_period_ns, log=self.logger)
        self.lock = Lock()

    async def run_phase(self):
        cocotb.start_soon(self._watch_reset())

    async def _watch_reset(self) -> None:
        """Any low pulse of rst_ni resets the registers (no minimum width, docs/dev-guide.md)."""
        while True:
            await FallingEdge(self.dut.rst_ni)
            self.regs.reset()

    @property
    def checked(self):
        """The checked RegisterPort (negative tests set its corrupt_next_read)."""
        return self.regs.checked

    def _notify(self, kind: str, func: int, addr: int, resp: int) -> None:
        for fn in self.listeners:
            fn(kind, func, addr, resp)

    def _cross_check(self, what: str, bc_resp: int, rf_resp: int) -> None:
        if bc_resp != rf_resp:
            raise ScoreboardError(
                f"{what}: the register models disagree: BatClatModel answers {RESP_NAMES[bc_resp]}, "
                f"the register map model {RESP_NAMES[rf_resp]}")

    async def _write(self, chk, addr: int, value: int, func: int, strb: int, what: str) -> int:
        r = self.regs
        async with self.lock:
            r.sync_reported()
            rf_resp = r.expected_resp(addr, func, True)
            merged = value
            if rf_resp == 0 and strb != 0xF:  # BatClatModel writes whole words: merge the strobes here
                mask = sum(0xFF << 8 * b for b in range(4) if strb >> b & 1)
                merged = (r.current(addr) & ~mask) | (value & mask)
            definite, maybe = r.invalidating(addr, value, strb) if rf_resp == 0 else (False, False)
            self.sb.reg_write_begin()
            bc_resp = self.model.reg_write(func, addr, merged)
            self._cross_check(what, bc_resp, rf_resp)
            if maybe:
                r.done.write_issued(definite, r.now())
            try:
                resp = await chk.write(addr, value, func, strb)
            finally:
                self.sb.reg_write_end()
            if maybe:
                r.done.write_done(r.now())
        self._notify("write", func, addr, resp)
        return resp

    async def _read(self, chk, addr: int, func: int, what: str) -> tuple[int, int]:
        r = self.regs
        async with self.lock:
            r.before_read(addr)
            rf_resp = r.expected_resp(addr, func, False)
            exp_value, bc_resp = self.model.reg_read(func, addr)
            self._cross_check(what, bc_resp, rf_resp)
            value, resp = await chk.read(addr, func)
            if resp == 0 and addr in (REG_ACCESS_VIOLATIONS, REG_AXI_PROTO_ERR) and value != exp_value:
                raise ScoreboardError(f"{what}: 0x{value:x}, BatClatModel expects 0x{exp_value:x} (the models disagree)")
        self._notify("read", func, addr, resp)
        return value, resp

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        """One register write as function `func` (byte strobes `strb`); returns the response code."""
        return await self._write(self.regs.checked, addr, value, func, strb,
                                 f"register write 0x{addr:03x}=0x{value:x} strb 0x{strb:x} as function {func}")

    async def read(self, addr: int, func: int = 0) -> int:
        """One register read as function `func`; returns the value (0 on SLVERR)."""
        value, _ = await self._read(self.regs.checked, addr, func, f"register read 0x{addr:03x} as function {func}")
        return value

    async def sub_word(self, addr: int, func: int = 0, write: bool = False, value: int = 0) -> int:
        """One single-beat access at a byte address (addr[1:0] != 0 allowed): the bytes addr..end of
        its word, WSTRB set for those bytes only; checked like any access (a misaligned one answers
        SLVERR, reads 0 and changes nothing). Returns the response code."""
        what = f"sub-word {'write' if write else 'read'} at 0x{addr:03x} as function {func}"
        if write:
            return await self._write(self.regs.sub_checked, addr, value, func, 0xF, what)
        _, resp = await self._read(self.regs.sub_checked, addr, func, what)
        return resp

    def preload_counters(self, value: int) -> None:
        """A test deposited `value` into the counter flops (backdoor): tell the register model."""
        self.regs.preload(value)

    def report_phase(self):
        c, s = self.regs.checked, self.regs.sub_checked
        self.logger.info("register scoreboard: %d reads and %d writes checked (%d / %d sub-word)",
                         c.reads_checked + s.reads_checked, c.writes_checked + s.writes_checked,
                         s.reads_checked, s.writes_checked)
        self.logger.info("register scoreboard: bounded counter and done reads %s", dict(self.regs.stats))
