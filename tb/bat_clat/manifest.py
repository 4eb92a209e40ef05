"""What the regression runner builds and runs for the BAT/CLAT unit (see tb/common/manifest.py)."""

from __future__ import annotations

from tb.common.manifest import Block, Test

BLOCK = Block(
    name="bat_clat",
    toplevel="bat_clat",
    sources=[
        "rtl/bat_clat/bat_clat_pkg.sv",
        "rtl/bat_clat/gen/bat_clat_regs_pkg.sv",
        "rtl/bat_clat/gen/bat_clat_regs.sv",
        "rtl/bat_clat/bat_clat_reg_shim.sv",
        "rtl/bat_clat/bat_clat_func_regs.sv",
        "rtl/bat_clat/bat_clat_xlate.sv",
        "rtl/bat_clat/bat_clat.sv",
    ],
    tests=[
        Test("test_random_traffic", "traffic.RandomTrafficTest"),
        Test("test_random_traffic_idle_bp", "traffic.RandomTrafficIdleBpTest"),
        Test("test_axi_backpressure", "traffic.AxiBackpressureTest"),
        Test("test_error_statuses", "errors.ErrorStatusTest"),
        Test("test_hit_miss_counters", "counters.HitMissCounterTest", seeded=False),
        Test("test_counters_reconfig_race", "counters.CounterReconfigRaceTest", seeded=False),
        Test("test_axi_malformed_responses", "errors.AxiMalformedTest"),
        Test("test_register_access_control", "registers.RegAccessTest"),
        Test("test_register_reset_values", "registers.RegResetValuesTest", seeded=False),
        Test("test_invalidation_race", "invalidation.InvalidationRaceTest"),
        Test("test_invalidation_scopes", "invalidation.InvalidationScopeTest", seeded=False),
        Test("test_inval_done_held_read", "invalidation.InvalDoneHeldReadTest", seeded=False),
        Test("test_reset_mid_traffic", "reset.ResetMidTrafficTest"),
        Test("test_negative_wrong_address", "negative.NegativeWrongAddressTest", negative=True),
        Test("test_negative_register_read", "negative.NegativeRegisterReadTest", negative=True),
        Test("test_bench_hits", "bench.BenchHitsTest", seeded=False, bench=True),
        Test("test_bench_misses", "bench.BenchMissesTest", seeded=False, bench=True),
        Test("test_bench_stuck_neighbour", "bench.BenchStuckNeighbourTest", seeded=False, bench=True),
        Test("test_miss_limit", "miss_limit.MissLimitTest"),
        Test("test_random_traffic_f64", "traffic.RandomTrafficTest", config="f64"),
        Test("test_register_access_control_f64", "registers.RegAccessTest", config="f64"),
        Test("test_register_address_rules", "registers.RegAddressRulesTest"),
        Test("test_register_address_rules_f64", "registers.RegAddressRulesTest", config="f64"),
        Test("test_reset_async", "reset.RegResetAsyncTest"),
        Test("test_counter_limits", "counters.CounterLimitsTest"),
    ],
    configs={"default": {}, "f64": {"NumFunctions": 64}},
    waivers=["rtl/bat_clat/bat_clat.vlt"],
)
