"""Directed tests of the register rules (docs/dirty_track.md: "Register rules", "Reset", "Region,
pages, out of range"):
W1C and counter races against events in exactly the same clock, the access order (misaligned,
unmapped, read-only -> SLVERR), asynchronous reset at any moment, counter saturation, boundaries.

Timing (docs/dirty_track.md, "Register write and event timing"), in clock edges as the monitors
stamp them (a handshake's edge is the rising edge that samples valid and ready high):
  - a register write whose AW/W handshake is at edge h acts at edge h + REG_ACT (count registers:
    h + CNT_ACT);
  - a DMA write whose AW handshake is at edge a sets ERR.bad_func / counts BAD_FUNC_CNT at edge
    a + BAD_FUNC_ACT, and sets FUNC[f].ERR.oor / counts OOR_CNT at edge a + OOR_ACT.
The tests sweep the DMA handshake over a window of clocks around the register write, measure both
handshakes, and predict each outcome from the golden model applying the clock's operations in the
documented order (the register write first, the event on top).
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles, RisingEdge, Timer

from models import dirty_track as dt
from models.dirty_track import DirtyTrackModel
from models.gen import dirty_track_regs as G
from tb.common.base import cycle
from tb.common.regport import OKAY
from tb.dirty_track.env.items import RegWriteBegin, RegWriteEvent, ResetEvent
from tb.dirty_track.env.regs import BAD_FUNC_ACT, OOR_ACT  # noqa: F401  (the tests use them from here)

REG_ACT = 1  # register write acts at the handshake edge + 1
CNT_ACT = 2  # count register write acts at the handshake edge + 2
# BAD_FUNC_ACT (1), OOR_ACT (6): the events' edges, as the register scoreboard reports them (regs.py)


# ---------------------------------------------------------------------------- pin-level helpers
async def _until(dut, edge: int) -> None:
    """Return just after rising edge `edge - 1` (so pins driven now are sampled at `edge`)."""
    while cycle() < edge - 1:
        await RisingEdge(dut.clk_i)


async def raw_write(hyp, addr: int, data: int, strb: int = 0xF, func: int = 0, at: int | None = None,
                    publish: bool = True) -> tuple[int, int]:
    """AXI4-Lite write driven on the pins (any address, any byte strobes: cocotbext-axi splits a
    misaligned or partial write into other transfers), checked by the register scoreboard
    (env/regs.py). AW and W are offered together at edge `at` (default: the next edge). Returns
    (handshake edge, BRESP)."""
    t0 = cycle()
    if publish:
        hyp.publish(RegWriteBegin(t0, addr, data, func))
    h, resp = await hyp.regs.pin_write(addr, data, strb=strb, func=func, at=at)
    if publish:
        hyp.publish(RegWriteEvent(t0, cycle(), addr, data, func, resp, strb))
    return h, resp


async def raw_read(hyp, addr: int, func: int = 0, at: int | None = None) -> tuple[int, int, int]:
    """AXI4-Lite read driven on the pins (any address), checked by the register scoreboard (a
    bitmap word: only SLVERR/0 where the word does not exist). Returns (handshake edge, RDATA,
    RRESP). Not published to the dirty scoreboard: callers read only bitmap words they expect to be
    0 or know the value of."""
    h, data, resp = await hyp.regs.pin_read(addr, func=func, at=at)
    hyp.reads += 1
    return h, data, resp


async def dma_write_at(dut, edge: int, func: int, addr: int, length: int = 0, size: int = 0,
                       burst: int = dt.BURST_INCR) -> int:
    """Drive one AW so that it is offered at `edge` (held until ready); returns its handshake edge.
    The AW agent's driver is idle in these tests (no sequence runs), so the pins are free."""
    await _until(dut, edge)
    dut.s_axi_awid.value = 0
    dut.s_axi_awaddr.value = addr
    dut.s_axi_awlen.value = length
    dut.s_axi_awsize.value = size
    dut.s_axi_awburst.value = burst
    dut.s_axi_awuser.value = func
    dut.s_axi_awvalid.value = 1
    while True:
        await RisingEdge(dut.clk_i)
        if dut.s_axi_awready.value:
            break
    t = cycle()
    dut.s_axi_awvalid.value = 0
    return t


def predict(model: DirtyTrackModel, ops: list[tuple[int, str, tuple]]) -> None:
    """Apply (edge, kind, args) operations to the model in edge order; within one edge the register
    write acts first and the events count on top (the documented same-clock rule). `args` of a
    "reg" op: (addr, value, strb); of a "dma" op: (func, addr, len, size, burst)."""
    order = {"reg": 0, "dma": 1}
    for _, kind, args in sorted(ops, key=lambda o: (o[0], order[o[1]])):
        if kind == "reg":
            addr, value, strb = args
            model.reg_write(addr, value, strb=strb)
        else:
            model.dma_write(*args)


# ---------------------------------------------------------------------------- reset pulses
async def reset_pulse(env, kind: str, rng) -> None:
    """Assert rst_ni: 'between' = a pulse with no rising edge inside (1..6 ns after an edge, at most
    period - 2 ns long); 'long' = over several edges. Bookkeeping as DirtyEnv.reset."""
    dut = env.dut
    await RisingEdge(dut.clk_i)
    if kind == "between":
        start = 1 + rng.randrange(3)
        width = 1 + rng.randrange(int(env.block.clock_period_ns) - start - 1)
        await Timer(start, unit="ns")
        dut.rst_ni.value = 0
        await Timer(width, unit="ns")
    else:
        await Timer(1 + rng.randrange(6), unit="ns")
        dut.rst_ni.value = 0
        await ClockCycles(dut.clk_i, 2 + rng.randrange(6))
        await Timer(1, unit="ns")
    idle_pins(dut)
    env.passthru.flush()
    if env.hyp.host is not None:
        env.hyp.host.reset()  # the report master's half-sent burst is reset on the memory side too
    ev = ResetEvent(cycle())
    env.sb.on_event(ev)
    env.reset_register_model()
    if env.hyp.model is not None:
        env.hyp.model.reset()
    dut.rst_ni.value = 1


# ---------------------------------------------------------------------------- race sweeps
async def race_sweep(test, reg: int, writes, ev_func: int, ev_addr: int, ev_act: int, reg_act: int,
                     window: range, preload: list[tuple[int, int]], check: list[int]) -> int:
    """For each (value, strb) in `writes` and each delta in `window`: restore `preload` (register,
    value) writes, then write `reg` at edge E and offer a DMA write (function ev_func, address
    ev_addr) at edge E + delta. The DUT's registers in `check` must read what the model predicts
    (write acting at h + reg_act, event at a + ev_act, same clock: the write first, the event on
    top). Returns how many trials put the event in exactly the write's clock (must be > 0)."""
    dut, hyp = test.dut, test.hyp
    same = 0
    for value, strb in writes:
        for delta in window:
            for addr, v in preload:
                _, resp = await raw_write(hyp, addr, v)
                assert resp == OKAY
            pm = DirtyTrackModel(hyp.model.num_functions, hyp.model.pages_per_func)
            for f in range(hyp.model.num_functions):  # the configuration hyp programmed
                src = hyp.model.funcs[f]
                pm.funcs[f].log_en, pm.funcs[f].page_code = src.log_en, src.page_code
                pm.funcs[f].base, pm.funcs[f].pages = src.base, src.pages
            for addr, v in preload:
                pm.reg_write(addr, v)
            await ClockCycles(dut.clk_i, 2)
            e = cycle() + 16
            dma = cocotb.start_soon(dma_write_at(dut, e + delta, ev_func, ev_addr))
            h, resp = await raw_write(hyp, reg, value, strb=strb, at=e, publish=strb == 0xF)
            a = await dma
            assert resp == OKAY, f"racing write 0x{reg:x}: resp {resp}"
            assert h == e and a == e + delta, f"handshakes at {h}/{a}, wanted {e}/{e + delta}"
            predict(pm, [(h + reg_act, "reg", (reg, value, strb)),
                         (a + ev_act, "dma", (ev_func, ev_addr, 0, 0, dt.BURST_INCR))])
            same += (h + reg_act == a + ev_act)
            await ClockCycles(dut.clk_i, 12)
            for addr in check:
                _, got, resp = await raw_read(hyp, addr)
                want, _ = pm.reg_read(addr)
                assert resp == OKAY
                assert got == want, (
                    f"0x{addr:03x} reads 0x{got:08x}, model 0x{want:08x}: write 0x{value:08x} strb 0x{strb:x} "
                    f"to 0x{reg:03x} acting at edge {h + reg_act}, event (func {ev_func} addr 0x{ev_addr:x}) "
                    f"acting at edge {a + ev_act} (delta {a + ev_act - h - reg_act})")
    return same


# ---------------------------------------------------------------------------- checks
async def check_registers(test, skip=()) -> None:
    """Every register of the map read (pin-level reads, each checked by the register scoreboard:
    value and response, FUNC slots the configuration lacks answering SLVERR)."""
    for reg in G.REGMAP.regs:
        if reg.offset not in skip:
            await raw_read(test.hyp, reg.offset)


async def check_bitmap_clear(test) -> None:
    """Every word of every function (the last one too) reads 0 (through the scoreboard)."""
    hyp = test.hyp
    for f in range(hyp.model.num_functions):
        for w in range(hyp.model.words_per_func):
            v = await hyp.report_word(f, w)
            assert v == 0, f"bitmap f={f} w={w} reads 0x{v:08x} after reset, expected 0"


def idle_pins(dut) -> None:
    """AXI: every VALID low while and after reset (tasks cancelled mid-transfer leave them high)."""
    for sig in ("s_axi_awvalid", "s_axil_awvalid", "s_axil_wvalid", "s_axil_arvalid"):
        getattr(dut, sig).value = 0
    dut.s_axil_awuser.value = 0
    dut.s_axil_aruser.value = 0
