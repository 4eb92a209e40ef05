"""The register scoreboard: every register access of a test checked against the register model.

`CheckedRegisterPort` wraps the AXI4-Lite `RegisterPort` and a `models.regmap.RegFile` built from
the block's generated map (`models/gen/<block>_regs.py`). Every write's response and every read's
response and value are compared with what the model predicts — software access rules (strobes,
write-1-to-clear, read-only, misaligned/unmapped SLVERR, docs/dev-guide.md), the block's access rule
(who may touch what), and the hardware's own updates, which the block's monitors report to the
model (`regs.model.hw_incr(...)`, `hw_set`, ...) at the clock the RTL applies them (the model orders
them against software writes by that time). A read
is accepted if each field holds a value the model allowed at some instant of the read's window
(issue time minus `latency` clocks, to the response). A mismatch raises `ScoreboardError` at once,
with the access printed.

A block supplies:
- `refused(addr, func, write) -> bool`: its access-control rule (rule 1 of the register rules);
- `on_refused(addr, func, write)`: what a refused access does to the model (its violation counter);
- `volatile` fields (status bits only the hardware knows) when it builds the `RegFile`, and
  optionally `model.checkers[path]` for them.
"""

from __future__ import annotations

from collections.abc import Callable

from models.regmap import OKAY, SLVERR, RegFile
from tb.common.base import clock_time
from tb.common.regport import RegisterPort
from tb.common.scoreboard import ScoreboardError, inject_enabled


class CheckedRegisterPort:
    def __init__(
        self,
        port: RegisterPort,
        model: RegFile,
        refused: Callable[[int, int, bool], bool] | None = None,
        on_refused: Callable[[int, int, bool], None] | None = None,
        latency: int = 4,
        log=None,
    ):
        self.port = port
        self.model = model
        self.refused = refused or (lambda addr, func, write: False)
        self.on_refused = on_refused or (lambda addr, func, write: None)
        self.latency = latency
        self.log = log
        self.reads_checked = 0
        self.writes_checked = 0
        self.corrupt_next_read = False  # negative tests: flip a bit of the next read (if injecting)

    def now(self) -> float:
        """The one timebase (tb.common.base.clock_time: cycle() with the fraction of a clock)."""
        return clock_time()

    def _fail(self, what: str, errors: list[str]) -> None:
        msg = f"register scoreboard: {what}: " + "; ".join(errors)
        if self.log:
            self.log.error(msg)
        raise ScoreboardError(msg)

    def reset(self) -> None:
        """The block was reset: every register back to its reset value."""
        self.model.reset(self.now())

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF, sub_word: bool = False) -> int:
        """One register write, checked; returns the response. `sub_word`: one single-beat write at
        the byte address as given (AWADDR[1:0] may be nonzero: the misaligned accesses of the
        register rules; RegisterPort.write_bytes) instead of an aligned 32-bit write."""
        refused = self.refused(addr, func, True)
        expect = SLVERR if refused else self.model.write_issue(addr, value, strb, self.now())
        if sub_word:
            resp = await self.port.write_bytes(addr, value, func)
        else:
            resp = await self.port.write(addr, value, func, strb)
        if refused:
            self.on_refused(addr, func, True)
        else:
            self.model.write_done(addr, self.now())
        self.writes_checked += 1
        if resp != expect:
            self._fail(f"write 0x{addr:05x} = 0x{value:08x} strb 0x{strb:x} as function {func}",
                       [f"response {resp}, expected {expect}"])
        return resp

    async def read(self, addr: int, func: int = 0, sub_word: bool = False) -> tuple[int, int]:
        """One register read, checked; returns (value, response). `sub_word`: one single-beat read
        at the byte address as given (ARADDR[1:0] may be nonzero; RegisterPort.read_bytes)."""
        t0 = self.now()
        if sub_word:
            value, resp = await self.port.read_bytes(addr, func)
        else:
            value, resp = await self.port.read(addr, func)
        if self.corrupt_next_read and inject_enabled():
            self.corrupt_next_read = False
            value ^= 1
        self.reads_checked += 1
        if self.refused(addr, func, False):
            self.on_refused(addr, func, False)
            errors = [] if (resp, value) == (SLVERR, 0) else [
                f"refused read answered resp {resp} value 0x{value:08x}, expected SLVERR and 0"]
        else:
            errors = self.model.read_check(addr, value, resp, since=t0 - self.latency, now=self.now())
        if errors:
            self._fail(f"read 0x{addr:05x} as function {func}", errors)
        return value, resp

    async def write_bytes(self, addr: int, value: int, func: int = 0) -> int:
        return await self.write(addr, value, func, sub_word=True)

    async def read_bytes(self, addr: int, func: int = 0) -> tuple[int, int]:
        return await self.read(addr, func, sub_word=True)

    async def write_ok(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> None:
        resp = await self.write(addr, value, func, strb)
        assert resp == OKAY, f"register write 0x{addr:03x} as function {func}: resp {resp}, expected OKAY"

    async def read_ok(self, addr: int, func: int = 0) -> int:
        value, resp = await self.read(addr, func)
        assert resp == OKAY, f"register read 0x{addr:03x} as function {func}: resp {resp}, expected OKAY"
        return value
