"""cocotb tests of the BAT/CLAT unit: each one starts the clock and runs one pyuvm test (tests.py).

Replay any run with `make sim TEST=<name> SEED=<n>`; the list the regression runs is manifest.py.
"""

from __future__ import annotations

import cocotb
from pyuvm import uvm_root

from tb.common.clock import start_clock
from tb.common.scoreboard import ScoreboardError

from . import tests as t
from .manifest import BLOCK


async def run(dut, test_cls) -> None:
    await start_clock(dut, BLOCK.clock_period_ns)
    dut.req_valid_i.value = 0
    dut.rsp_ready_i.value = 1
    await uvm_root().run_test(test_cls)


@cocotb.test()
async def test_random_traffic(dut):
    """Random translations over every function, hits and misses, every status; no idle, no back-pressure."""
    await run(dut, t.RandomTrafficTest)


@cocotb.test()
async def test_random_traffic_idle_bp(dut):
    """The same with idle cycles on requests, rsp_ready back-pressure and AXI ARREADY/RVALID stalls."""
    await run(dut, t.RandomTrafficIdleBpTest)


@cocotb.test()
async def test_axi_backpressure(dut):
    """Heavy memory stalls and response back-pressure with mostly misses (MaxMisses in flight)."""
    await run(dut, t.AxiBackpressureTest)


@cocotb.test()
async def test_error_statuses(dut):
    """Directed: every status from every cause; no memory read for register-level errors, failed reads not cached."""
    await run(dut, t.ErrorStatusTest)


@cocotb.test()
async def test_hit_miss_counters(dut):
    """Directed: HIT_CNT / MISS_CNT step by step (first use misses, second hits, register errors neither)."""
    await run(dut, t.HitMissCounterTest)


@cocotb.test()
async def test_counters_reconfig_race(dut):
    """Directed: a request replayed after BAT_ENTRIES/CTRL changed under its held BAT read counts in ERR_CNT only."""
    await run(dut, t.CounterReconfigRaceTest)


@cocotb.test()
async def test_axi_malformed_responses(dut):
    """Directed: early/late/missing RLAST, SLVERR/DECERR on either beat, stray RIDs: BUS_ERROR or dropped, counted, nothing cached."""
    await run(dut, t.AxiMalformedTest)


@cocotb.test()
async def test_register_access_control(dut):
    """Every accessor x register: SLVERR + no change + ACCESS_VIOLATIONS for refused accesses."""
    await run(dut, t.RegAccessTest)


@cocotb.test()
async def test_register_reset_values(dut):
    """Reset values of every register; nothing enabled after reset means no memory read."""
    await run(dut, t.RegResetValuesTest)


@cocotb.test()
async def test_invalidation_race(dut):
    """Tables changed in memory while misses are in flight, then invalidated: no stale response after done."""
    await run(dut, t.InvalidationRaceTest)


@cocotb.test()
async def test_inval_done_held_read(dut):
    """INVAL_STATUS.done stays 0 while a read issued before the invalidation is held by memory."""
    await run(dut, t.InvalDoneHeldReadTest)


@cocotb.test()
async def test_invalidation_scopes(dut):
    """Each scope (all / function / service; PF and VF) drops exactly what it names."""
    await run(dut, t.InvalidationScopeTest)


@cocotb.test()
async def test_reset_mid_traffic(dut):
    """Resets under traffic: no response for requests accepted before, exactly one for those after, no hang."""
    await run(dut, t.ResetMidTrafficTest)


@cocotb.test(expect_error=ScoreboardError)
async def test_negative_wrong_address(dut):
    """Negative: one response's prediction is corrupted (VIRTIP_INJECT); the scoreboard must raise."""
    await run(dut, t.NegativeWrongAddressTest)


@cocotb.test(expect_error=ScoreboardError)
async def test_negative_register_read(dut):
    """Negative: one register read's value gets a bit flipped (VIRTIP_INJECT); the register scoreboard must raise."""
    await run(dut, t.NegativeRegisterReadTest)


@cocotb.test()
async def test_bench_hits(dut):
    """Benchmark: hit_latency_clk (<= 2) and hit_throughput_per_clk (>= 0.95) over 10,000 hits."""
    await run(dut, t.BenchHitsTest)


@cocotb.test()
async def test_bench_misses(dut):
    """Benchmark: miss_latency_clk (<= 2 memory round trips + 4) and hit_under_miss_throughput_per_clk."""
    await run(dut, t.BenchMissesTest)


@cocotb.test()
async def test_miss_limit(dut):
    """Miss limit per function: a function whose memory never answers holds MaxMissesPerFunc misses;
    its next misses are answered MISS_LIMIT at once, and the other functions are not stalled."""
    await run(dut, t.MissLimitTest)


@cocotb.test()
async def test_bench_stuck_neighbour(dut):
    """Benchmark: hit_throughput_stuck_neighbour_per_clk (>= 0.95) while one function's misses never return."""
    await run(dut, t.BenchStuckNeighbourTest)


@cocotb.test()
async def test_random_traffic_f64(dut):
    """Random traffic on the NumFunctions=64 build."""
    await run(dut, t.RandomTrafficTest)


@cocotb.test()
async def test_register_access_control_f64(dut):
    """Register access control on the NumFunctions=64 build."""
    await run(dut, t.RegAccessTest)


@cocotb.test()
async def test_register_address_rules(dut):
    """Holes, window edges, byte offsets 1..3, writes to read-only registers: SLVERR, no effect, uncounted."""
    await run(dut, t.RegAddressRulesTest)


@cocotb.test()
async def test_register_address_rules_f64(dut):
    """The register address rules on the NumFunctions=64 build (the last function block ends the map)."""
    await run(dut, t.RegAddressRulesTest)


@cocotb.test()
async def test_reset_async(dut):
    """Reset with no clock edge inside, across edges, mid register access, with reads in flight: reset values."""
    await run(dut, t.RegResetAsyncTest)


@cocotb.test()
async def test_counter_limits(dut):
    """ERR_CNT[k], HIT_CNT, MISS_CNT, ACCESS_VIOLATIONS preloaded near all ones: they saturate and stay."""
    await run(dut, t.CounterLimitsTest)
