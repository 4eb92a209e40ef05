"""dirty_track's register scoreboard: every AXI4-Lite access of every test checked against the
register model (models.regmap.RegFile on the generated map, tb.common.regcheck.CheckedRegisterPort).

What this file adds to the generic check (docs/dirty_track.md, "Registers", "Register rules",
"Register write and event timing"):
- the configuration: FUNC slots >= NumFunctions are unmapped; STATUS is the hardware's (volatile),
  PARAMS and STATUS.init_done get checkers;
- the access rule: any access with AxUSER != 0 is refused (SLVERR, read data 0) and sets
  ERR.access_viol / counts ACCESS_VIOL_CNT;
- the hardware's events (HwEvents): a DMA write with a function number >= NumFunctions sets
  ERR.bad_func and counts BAD_FUNC_CNT at edge a + 1 of its AW handshake edge a; a logged write that
  is (partly) out of range sets FUNC[f].ERR.oor and counts FUNC[f].OOR_CNT at edge a + 6. They are
  reported to the model AT the edge the RTL applies them, not at the handshake: the model orders an
  event against a software write by when it is reported (an event reported before a write is issued
  is overwritten by it), and the RTL counts an event applied after the write landed on top of the
  written value; reporting at the handshake would predict a counter write issued in the five clocks
  after an out-of-range write wrongly. Reporting at the application edge is "no later than the RTL
  applies it", as RegFile requires.
- read latency 0: with events reported at the edge they take effect, the only lag left is the
  read-back's, and the doc bounds it ("a read returns the count of a clock or two before the read's
  response", and a read takes 4 clocks from its AR handshake to RVALID, so that clock is after the
  read was issued): every value a read can return is one the model held inside [issue, response].
- the bitmap window (0x80000.., not in the generated map): a PF read of a valid word goes to the
  transport unchecked here (the dirty scoreboard checks report values, DirtyScoreboard.on_report);
  a PF read of a misaligned word or past the last word must answer SLVERR with data 0 (checked here).
  Writes to the window and VF accesses to it go through the checked port (SLVERR; refused ones
  count).

Two transports share one model: the hypervisor's cocotbext-axi RegisterPort (random back-pressure
possible) and PinPort, the pin-level driver the directed race tests use to place a handshake on an
exact clock edge. One lock serialises every access, so at most one software write is in flight.
DirtyTrackRegs is the CheckedRegisterPort of the cocotbext-axi transport (its read_ok / write_ok
are tb/common's) and publishes every access it makes (items.py: RegWriteBegin, RegWriteEvent,
RegReadEvent) to a listener, the hypervisor agent, which passes them to the scoreboard and coverage.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import cocotb
from cocotb.triggers import Lock, RisingEdge

from models import dirty_track as dt
from models.gen import dirty_track_regs as G
from models.regmap import SLVERR, Reg, RegFile
from tb.common.base import cycle
from tb.common.regcheck import CheckedRegisterPort
from tb.common.regport import RegisterPort
from tb.common.scoreboard import ScoreboardError
from tb.dirty_track.env.items import RegReadEvent, RegWriteBegin, RegWriteEvent

READ_LATENCY = 0  # clocks; derived in the module docstring
BAD_FUNC_ACT = 1  # edges from a DMA AW handshake to ERR.bad_func / BAD_FUNC_CNT
OOR_ACT = 6  # edges from a logged DMA AW handshake to FUNC[f].ERR.oor / OOR_CNT

_FUNC_SLOT = re.compile(r"^FUNC\[(\d+)\]\.")

# The registers software may read (every path of the map) and the counters and flags it may write
# in random traffic without disturbing the dirty-page scoreboard (not CTRL or the region).
COUNTERS_TOP = ("BAD_FUNC_CNT", "ACCESS_VIOL_CNT")


def func_path(f: int, reg: str) -> str:
    return f"FUNC[{f}].{reg}"


# Decode holes of the register space, from the generated map (the access-rule tests aim at them):
# the first word after the top-level registers, and the words of a FUNC slot no register uses.
TOP_END = max(r.offset for r in G.REGMAP.regs if not _FUNC_SLOT.match(r.path)) + 4
TOP_HOLES = tuple(a for a in range(0, TOP_END, 4)
                  if a not in {r.offset for r in G.REGMAP.regs if not _FUNC_SLOT.match(r.path)})
FUNC_SLOT_HOLES = tuple(
    off for off in range(0, G.FUNC.stride, 4)
    if G.FUNC.base + off not in {r.offset for r in G.REGMAP.regs if r.path.startswith("FUNC[0].")})


class PinPort:
    """AXI4-Lite transport driven on the pins (env/reg_rules.py uses it to put the AW/W
    handshake on an exact edge: set `at` before the access). Same interface as RegisterPort;
    `handshake` is the AW/W (or AR) handshake edge of the last access. Holds the RegisterPort's lock
    so cocotbext-axi stays idle, and drops the response it also collects."""

    def __init__(self, dut, port: RegisterPort):
        self.dut, self.port = dut, port
        self.at: int | None = None
        self.handshake = -1

    async def _until(self, edge: int | None) -> None:
        while edge is not None and cycle() < edge - 1:
            await RisingEdge(self.dut.clk_i)

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        dut = self.dut
        async with self.port.exclusive():
            await self._until(self.at)
            self.at = None
            dut.s_axil_awaddr.value = addr
            dut.s_axil_awprot.value = 0
            dut.s_axil_awuser.value = func
            dut.s_axil_wdata.value = value & dt.MASK32
            dut.s_axil_wstrb.value = strb
            dut.s_axil_awvalid.value = 1
            dut.s_axil_wvalid.value = 1
            while True:
                await RisingEdge(dut.clk_i)
                if dut.s_axil_awready.value:
                    break
            self.handshake = cycle()
            dut.s_axil_awvalid.value = 0
            dut.s_axil_wvalid.value = 0
            while True:
                await RisingEdge(dut.clk_i)
                if dut.s_axil_bvalid.value and dut.s_axil_bready.value:
                    break
            resp = int(dut.s_axil_bresp.value)
            await RisingEdge(dut.clk_i)
            self.port.master.write_if.b_channel.clear()
            dut.s_axil_awuser.value = 0
        return resp

    async def read(self, addr: int, func: int = 0) -> tuple[int, int]:
        dut = self.dut
        async with self.port.exclusive():
            await self._until(self.at)
            self.at = None
            dut.s_axil_araddr.value = addr
            dut.s_axil_arprot.value = 0
            dut.s_axil_aruser.value = func
            dut.s_axil_arvalid.value = 1
            while True:
                await RisingEdge(dut.clk_i)
                if dut.s_axil_arready.value:
                    break
            self.handshake = cycle()
            dut.s_axil_arvalid.value = 0
            while True:
                await RisingEdge(dut.clk_i)
                if dut.s_axil_rvalid.value and dut.s_axil_rready.value:
                    break
            data, resp = int(dut.s_axil_rdata.value), int(dut.s_axil_rresp.value)
            await RisingEdge(dut.clk_i)
            self.port.master.read_if.r_channel.clear()
            dut.s_axil_aruser.value = 0
        return data, resp


class DirtyTrackRegs(CheckedRegisterPort):
    """The checked register traffic of one environment: `write`/`read` (and tb/common's `write_ok` /
    `read_ok`) over the cocotbext-axi port, each access published to `listener`; `pin_write` /
    `pin_read` over PinPort (not published: env/reg_rules.py publishes what it needs); one RegFile
    behind both."""

    def __init__(self, dut, port: RegisterPort, listener: Callable[[object], None] | None = None,
                 log=None):
        self.dut = dut
        self.listener = listener or (lambda ev: None)
        self.num_functions: int | None = None  # from PARAMS (set by the hypervisor's bring-up)
        self.pages_per_func: int | None = None
        self.expect_params: int | None = None  # PARAMS as the build's parameters give it
        model = RegFile(G.REGMAP, exists=self._exists, volatile=("STATUS.*", "REPORT_STATUS.*"))
        kw = dict(refused=lambda addr, func, write: func != 0, on_refused=self._on_refused,
                  latency=READ_LATENCY, log=log)
        super().__init__(port, model, **kw)
        self.model.checkers["STATUS.init_done"] = self._check_init_done
        self.init_done_required = False
        for name in ("num_functions", "log2_pages", "word_bits"):
            self.model.checkers[f"PARAMS.{name}"] = self._param_checker(name)
        self.pins = PinPort(dut, port)
        self.pin_checked = CheckedRegisterPort(self.pins, self.model, **kw)
        self.lock = Lock()
        self.bitmap_reads_checked = 0
        self.events: Counter[str] = Counter()

    # ---------------------------------------------------------------- configuration
    def _exists(self, reg: Reg) -> bool:
        m = _FUNC_SLOT.match(reg.path)
        return m is None or self.num_functions is None or int(m.group(1)) < self.num_functions

    def _param_checker(self, name: str):
        f = G.REGMAP.field(f"PARAMS.{name}")

        def check(value: int) -> str | None:
            if name == "word_bits" and value != dt.WORD_BITS:
                return f"expected {dt.WORD_BITS}"
            if name == "num_functions" and not 1 <= value <= dt.MAX_REG_FUNCTIONS:
                return f"expected 1..{dt.MAX_REG_FUNCTIONS}"
            if name == "log2_pages" and value < 5:
                return "expected >= 5 (PagesPerFunc >= 32)"
            if self.expect_params is not None:
                want = (self.expect_params & f.mask) >> f.lsb
                if value != want:
                    return f"expected {want} (the build's parameters)"
            return None

        return check

    def _check_init_done(self, value: int) -> str | None:
        if self.init_done_required and value != 1:
            return "init_done fell back to 0 without a reset"
        return None

    def set_params(self, num_functions: int, pages_per_func: int) -> None:
        self.num_functions, self.pages_per_func = num_functions, pages_per_func
        self.expect_params = num_functions | (pages_per_func.bit_length() - 1) << 8 | dt.WORD_BITS << 16

    def _on_refused(self, addr: int, func: int, write: bool) -> None:
        self.model.hw_set("ERR.access_viol")
        self.model.hw_incr("ACCESS_VIOL_CNT.count")

    # ---------------------------------------------------------------- hardware events
    def hw_bad_func(self) -> None:
        self.events["bad_func"] += 1
        self.model.hw_set("ERR.bad_func", now=self.now())
        self.model.hw_incr("BAD_FUNC_CNT.count", now=self.now())

    def hw_oor(self, f: int, maybe: bool) -> None:
        self.events["oor_maybe" if maybe else "oor"] += 1
        self.model.hw_set(f"{func_path(f, 'ERR')}.oor", now=self.now(), maybe=maybe)
        self.model.hw_incr(f"{func_path(f, 'OOR_CNT')}.count", now=self.now(), maybe=maybe)

    def reset(self) -> None:
        self.init_done_required = False
        super().reset()

    # ---------------------------------------------------------------- accesses
    def _bitmap_word(self, addr: int, func: int) -> bool:
        return func == 0 and addr >= dt.BITMAP_BASE

    def valid_word(self, addr: int) -> bool:
        words = (self.num_functions or 0) * ((self.pages_per_func or 0) // dt.WORD_BITS)
        return addr & 3 == 0 and dt.BITMAP_BASE <= addr < dt.BITMAP_BASE + 4 * words

    def check_bitmap(self, addr: int, value: int, resp: int) -> None:
        self.bitmap_reads_checked += 1
        if not self.valid_word(addr) and (value, resp) != (0, SLVERR):
            msg = (f"register scoreboard: bitmap read 0x{addr:05x} (misaligned or past the last word) "
                   f"answered resp {resp} data 0x{value:08x}, expected SLVERR and 0")
            cocotb.log.error(msg)
            raise ScoreboardError(msg)

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        """One checked write, published: RegWriteBegin before it is issued (the flag-change window
        opens there), RegWriteEvent once its response is in."""
        t0 = cycle()
        self.listener(RegWriteBegin(t0, addr, value, func))
        async with self.lock:
            resp = await super().write(addr, value, func, strb)
        self.listener(RegWriteEvent(t0, cycle(), addr, value, func, resp, strb))
        return resp

    async def read(self, addr: int, func: int = 0) -> tuple[int, int]:
        """One read, published (RegReadEvent): checked here, except a PF read of a valid bitmap word,
        whose value the dirty scoreboard judges (the caller publishes it as a ReportEvent)."""
        t0 = cycle()
        async with self.lock:
            if self._bitmap_word(addr, func):
                value, resp = await self.port.read(addr, func)
                self.check_bitmap(addr, value, resp)
            else:
                value, resp = await super().read(addr, func)
        self.listener(RegReadEvent(t0, cycle(), addr, func, value, resp))
        return value, resp

    async def pin_write(self, addr: int, value: int, strb: int = 0xF, func: int = 0,
                        at: int | None = None) -> tuple[int, int]:
        """Returns (AW/W handshake edge, BRESP)."""
        async with self.lock:
            self.pins.at = at
            resp = await self.pin_checked.write(addr, value, func, strb)
            return self.pins.handshake, resp

    async def pin_read(self, addr: int, func: int = 0, at: int | None = None) -> tuple[int, int, int]:
        """Returns (AR handshake edge, RDATA, RRESP)."""
        async with self.lock:
            self.pins.at = at
            if self._bitmap_word(addr, func):
                value, resp = await self.pins.read(addr, func)
                self.check_bitmap(addr, value, resp)
            else:
                value, resp = await self.pin_checked.read(addr, func)
            return self.pins.handshake, value, resp

    @property
    def all_reads_checked(self) -> int:
        return self.reads_checked + self.pin_checked.reads_checked + self.bitmap_reads_checked

    @property
    def all_writes_checked(self) -> int:
        return self.writes_checked + self.pin_checked.writes_checked


class HwEvents:
    """Reports the hardware's register events to the model at the edge the RTL applies them
    (handshake edge + BAD_FUNC_ACT / OOR_ACT), one coroutine ticking every clock; a reset drops the
    pending ones (the RTL forgets writes in its pipeline)."""

    def __init__(self, dut, regs: DirtyTrackRegs):
        self.dut, self.regs = dut, regs
        self.pending: list[tuple[int, str, int, bool]] = []  # (edge, kind, func, maybe)
        self.task = cocotb.start_soon(self._run())

    def bad_func(self, a: int) -> None:
        self.pending.append((a + BAD_FUNC_ACT, "bad", 0, False))

    def oor(self, a: int, f: int, maybe: bool) -> None:
        self.pending.append((a + OOR_ACT, "oor", f, maybe))

    def reset(self) -> None:
        self.pending.clear()

    async def _run(self) -> None:
        edge = RisingEdge(self.dut.clk_i)
        while True:
            await edge
            if not self.pending:
                continue
            t = cycle()
            due = [p for p in self.pending if p[0] <= t]
            if not due:
                continue
            self.pending = [p for p in self.pending if p[0] > t]
            for _, kind, f, maybe in sorted(due):
                if kind == "bad":
                    self.regs.hw_bad_func()
                else:
                    self.regs.hw_oor(f, maybe)
