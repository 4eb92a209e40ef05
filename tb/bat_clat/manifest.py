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
        Test("test_random_traffic", "RandomTrafficTest"),
        Test("test_random_traffic_idle_bp", "RandomTrafficIdleBpTest"),
        Test("test_axi_backpressure", "AxiBackpressureTest"),
        Test("test_error_statuses", "ErrorStatusTest"),
        Test("test_hit_miss_counters", "HitMissCounterTest", seeded=False),
        Test("test_counters_reconfig_race", "CounterReconfigRaceTest", seeded=False),
        Test("test_axi_malformed_responses", "AxiMalformedTest"),
        Test("test_register_access_control", "RegAccessTest"),
        Test("test_register_reset_values", "RegResetValuesTest", seeded=False),
        Test("test_invalidation_race", "InvalidationRaceTest"),
        Test("test_invalidation_scopes", "InvalidationScopeTest", seeded=False),
        Test("test_inval_done_held_read", "InvalDoneHeldReadTest", seeded=False),
        Test("test_reset_mid_traffic", "ResetMidTrafficTest"),
        Test("test_negative_wrong_address", "NegativeWrongAddressTest", negative=True),
        Test("test_negative_register_read", "NegativeRegisterReadTest", negative=True),
        Test("test_bench_hits", "BenchHitsTest", seeded=False, bench=True),
        Test("test_bench_misses", "BenchMissesTest", seeded=False, bench=True),
        Test("test_bench_stuck_neighbour", "BenchStuckNeighbourTest", seeded=False, bench=True),
        Test("test_miss_limit", "MissLimitTest"),
        Test("test_random_traffic_f64", "RandomTrafficTest", config="f64"),
        Test("test_register_access_control_f64", "RegAccessTest", config="f64"),
        Test("test_register_address_rules", "RegAddressRulesTest"),
        Test("test_register_address_rules_f64", "RegAddressRulesTest", config="f64"),
        Test("test_reset_async", "RegResetAsyncTest"),
        Test("test_counter_limits", "CounterLimitsTest"),
    ],
    configs={"default": {}, "f64": {"NumFunctions": 64}},
    waivers=["rtl/bat_clat/bat_clat.vlt"],
)
