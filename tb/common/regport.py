"""AXI4-Lite register port that says which PCIe function is accessing (AWUSER/ARUSER).

cocotbext-axi's AxiLiteMaster has no user signals, so this wraps it: each access takes a lock,
drives `<prefix>_awuser` / `<prefix>_aruser` with the function number, and returns the response
code, so tests can check SLVERR on refused accesses instead of only logging them.
"""

from __future__ import annotations

from cocotb.triggers import Lock
from cocotbext.axi import AxiLiteBus, AxiLiteMaster
from cocotbext.axi.constants import AxiResp

OKAY = int(AxiResp.OKAY)
SLVERR = int(AxiResp.SLVERR)


class RegisterPort:
    def __init__(self, dut, prefix: str = "s_axil", clock=None, reset=None, reset_active_level=False):
        self._awuser = getattr(dut, f"{prefix}_awuser")
        self._aruser = getattr(dut, f"{prefix}_aruser")
        self._awuser.value = 0
        self._aruser.value = 0
        self.master = AxiLiteMaster(
            AxiLiteBus.from_prefix(dut, prefix),
            clock if clock is not None else dut.clk_i,
            reset if reset is not None else dut.rst_ni,
            reset_active_level=reset_active_level,
        )
        self._lock = Lock()

    async def write(self, addr: int, value: int, func: int = 0) -> int:
        """Write a 32-bit register as function `func`; returns the AXI response code."""
        async with self._lock:
            self._awuser.value = func
            rsp = await self.master.write(addr, int(value).to_bytes(4, "little"))
            return int(rsp.resp)

    async def read(self, addr: int, func: int = 0) -> tuple[int, int]:
        """Read a 32-bit register as function `func`; returns (value, AXI response code)."""
        async with self._lock:
            self._aruser.value = func
            rsp = await self.master.read(addr, 4)
            return int.from_bytes(rsp.data, "little"), int(rsp.resp)

    async def write_ok(self, addr: int, value: int, func: int = 0) -> None:
        resp = await self.write(addr, value, func)
        assert resp == OKAY, f"register write 0x{addr:03x} as function {func}: resp {resp}, expected OKAY"

    async def read_ok(self, addr: int, func: int = 0) -> int:
        value, resp = await self.read(addr, func)
        assert resp == OKAY, f"register read 0x{addr:03x} as function {func}: resp {resp}, expected OKAY"
        return value
