"""AXI4-Lite register port that says which PCIe function is accessing (AWUSER/ARUSER).

cocotbext-axi's AxiLiteMaster has no user signals, so this wraps it: each access takes a lock,
drives `<prefix>_awuser` / `<prefix>_aruser` with the function number, and returns the response
code, so tests can check SLVERR on refused accesses instead of only logging them.
"""

from __future__ import annotations

import logging

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
        # cocotbext-axi logs every access at INFO: that is per-transaction logging (slow, and it
        # buries the run log); warnings and errors still show
        for log in (self.master.write_if.log, self.master.read_if.log):
            log.setLevel(logging.WARNING)
        self._lock = Lock()

    def exclusive(self) -> Lock:
        """`async with port.exclusive():` no other access of this port runs meanwhile, so the caller
        may drive the pins itself or queue accesses on `master` directly."""
        return self._lock

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        """Write a 32-bit register as function `func`; returns the AXI response code.

        `strb` is the WSTRB of the one beat, sent with the address as given (cocotbext-axi would
        otherwise derive the strobes from an unaligned address: a partial write here keeps AWADDR
        aligned, as the register rules of docs/dev-guide.md want)."""
        async with self._lock:
            self._awuser.value = func
            w_channel = self.master.write_if.w_channel
            if strb != 0xF:
                send = w_channel.send

                async def send_with_strb(w):
                    w.wstrb = strb
                    await send(w)

                w_channel.send = send_with_strb
            try:
                rsp = await self.master.write(addr, int(value).to_bytes(4, "little"))
            finally:
                if strb != 0xF:
                    del w_channel.send  # back to the class's method
            return int(rsp.resp)

    def set_backpressure(self, rng, prob: float) -> None:
        """Random pauses on AW, W (so AW and W arrive skewed either way), and on BREADY/RREADY,
        each cycle paused with probability `prob` (0: none). Draws from the caller's seeded rng."""

        def gen():
            while True:
                yield rng.random() < prob

        wif, rif = self.master.write_if, self.master.read_if
        for ch in (wif.aw_channel, wif.w_channel, wif.b_channel, rif.ar_channel, rif.r_channel):
            if prob > 0:
                ch.set_pause_generator(gen())
            else:  # no pauses: no generator either (it would wake a coroutine every clock)
                ch.clear_pause_generator()
                ch.pause = False

    async def read(self, addr: int, func: int = 0) -> tuple[int, int]:
        """Read a 32-bit register as function `func`; returns (value, AXI response code)."""
        async with self._lock:
            self._aruser.value = func
            rsp = await self.master.read(addr, 4)
            return int.from_bytes(rsp.data, "little"), int(rsp.resp)

    async def write_bytes(self, addr: int, value: int, func: int = 0) -> int:
        """One single-beat write at a byte address (addr[1:0] != 0 allowed) as function `func`: the
        bytes addr..end of its word, WSTRB set for those bytes only (the misaligned accesses of the
        register rules, docs/dev-guide.md). Returns the AXI response code."""
        nbytes = 4 - addr % 4
        async with self._lock:
            self._awuser.value = func
            rsp = await self.master.write(addr, (value & ((1 << 8 * nbytes) - 1)).to_bytes(nbytes, "little"))
            return int(rsp.resp)

    async def read_bytes(self, addr: int, func: int = 0) -> tuple[int, int]:
        """One single-beat read of the bytes addr..end of its word as function `func`: (value of
        those bytes, AXI response code)."""
        nbytes = 4 - addr % 4
        async with self._lock:
            self._aruser.value = func
            rsp = await self.master.read(addr, nbytes)
            return int.from_bytes(rsp.data, "little"), int(rsp.resp)

    async def write_ok(self, addr: int, value: int, func: int = 0) -> None:
        resp = await self.write(addr, value, func)
        assert resp == OKAY, f"register write 0x{addr:03x} as function {func}: resp {resp}, expected OKAY"

    async def read_ok(self, addr: int, func: int = 0) -> int:
        value, resp = await self.read(addr, func)
        assert resp == OKAY, f"register read 0x{addr:03x} as function {func}: resp {resp}, expected OKAY"
        return value
