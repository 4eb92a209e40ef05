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
    test_module="tb.bat_clat.test_bat_clat",
    tests=[
        Test("test_random_traffic"),
        Test("test_random_traffic_idle_bp"),
        Test("test_axi_backpressure"),
        Test("test_error_statuses"),
        Test("test_hit_miss_counters", seeded=False),
        Test("test_counters_reconfig_race", seeded=False),
        Test("test_axi_malformed_responses"),
        Test("test_register_access_control"),
        Test("test_register_reset_values", seeded=False),
        Test("test_invalidation_race"),
        Test("test_invalidation_scopes", seeded=False),
        Test("test_inval_done_held_read", seeded=False),
        Test("test_reset_mid_traffic"),
        Test("test_negative_wrong_address", negative=True),
        Test("test_negative_register_read", negative=True),
        Test("test_bench_hits", seeded=False, bench=True),
        Test("test_bench_misses", seeded=False, bench=True),
        Test("test_bench_stuck_neighbour", seeded=False, bench=True),
        Test("test_miss_limit"),
        Test("test_random_traffic_f64", config="f64"),
        Test("test_register_access_control_f64", config="f64"),
        Test("test_register_address_rules"),
        Test("test_register_address_rules_f64", config="f64"),
        Test("test_reset_async"),
        Test("test_counter_limits"),
    ],
    configs={"default": {}, "f64": {"NumFunctions": 64}},
    waivers=["rtl/bat_clat/bat_clat.vlt"],
)
