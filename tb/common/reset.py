"""A reset pulse on rst_ni, for the reset rule of docs/dev-guide.md (asynchronous assert, no minimum
width): the one way the testbenches place a reset with no clock edge inside it, or across edges."""

from __future__ import annotations

from collections.abc import Callable

from cocotb.triggers import ClockCycles, FallingEdge, Timer


async def reset_pulse(dut, period_ns: float, across_edges: int = 0, rng=None,
                      while_low: Callable[[], None] | None = None) -> None:
    """Assert rst_ni in a clock's low half and release it before the next rising edge (`across_edges`
    = 0: no edge inside the pulse), or `across_edges` rising edges later, again in a low half. With
    `rng`, where the pulse starts and how long it lasts inside the low half are random. `while_low`
    runs while rst_ni is low (the testbench's own reset bookkeeping)."""
    quarter = period_ns / 4  # the low half is [period/2, period) after a rising edge
    start, width = quarter / 2, quarter
    if rng is not None:
        start = rng.uniform(0.1, 0.9) * quarter
        width = rng.uniform(0.1, 0.9) * (2 * quarter - start - 0.1 * quarter)
    await FallingEdge(dut.clk_i)
    await Timer(round(start, 3), unit="ns")
    dut.rst_ni.value = 0
    if across_edges:
        await ClockCycles(dut.clk_i, across_edges)
        await FallingEdge(dut.clk_i)
        await Timer(round(start, 3), unit="ns")
    else:
        await Timer(round(width, 3), unit="ns")  # still inside the low half: no edge inside
    if while_low is not None:
        while_low()
    dut.rst_ni.value = 1
