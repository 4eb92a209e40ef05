"""What the regression runner builds and runs for the port configurator (tb/common/manifest.py)."""

from tb.common.manifest import BARE_LOOP, Block, Test

BLOCK = Block(
    name="port_cfg",
    toplevel="port_cfg",
    sources=[
        "rtl/port_cfg/gen/port_cfg_regs_pkg.sv",
        "rtl/port_cfg/gen/port_cfg_reg_addr_pkg.sv",
        "rtl/port_cfg/port_cfg_pkg.sv",
        "rtl/port_cfg/gen/port_cfg_regs.sv",
        "rtl/port_cfg/port_cfg_quad_use.sv",
        "rtl/port_cfg/port_cfg_quad_pre.sv",
        "rtl/port_cfg/port_cfg_quad_check.sv",
        "rtl/port_cfg/port_cfg_filter.sv",
        "rtl/common/sat_counter.sv",
        "rtl/port_cfg/port_cfg_commit.sv",
        "rtl/port_cfg/port_cfg_active.sv",
        "rtl/port_cfg/port_cfg.sv",
    ],
    configs={
        "default": {},  # 32 lanes, 4 VSSBs
        "l64v16": {"NumLanes": 64, "NumVssbs": 16},  # the largest map: every LANE and VSSB register
        "l8v2": {"NumLanes": 8, "NumVssbs": 2},  # small: exhaustive-ish corners, budgets hit often
        "l12v2m3": {"NumLanes": 12, "NumVssbs": 2, "MgmtFunction": 3},  # another management function; lane count no power of two (ingress indices 12..15 exist)
    },
    waivers=["rtl/port_cfg/port_cfg.vlt"],
    tests=[
        Test("test_registers", "registers.RegistersTest"),
        Test("test_registers", "registers.RegistersTest", config="l8v2"),
        Test("test_access_control", "registers.AccessControlTest"),
        Test("test_access_control", "registers.AccessControlTest", config="l12v2m3"),
        Test("test_address_rules", "registers.AddressRulesTest"),
        Test("test_address_rules", "registers.AddressRulesTest", config="l8v2"),
        Test("test_address_rules", "registers.AddressRulesTest", config="l64v16"),
        Test("test_write_strobes", "registers.WriteStrobesTest"),
        Test("test_reset_async", "registers.ResetAsyncTest"),
        Test("test_reset_async", "registers.ResetAsyncTest", config="l12v2m3"),
        Test("test_counter_limits", "registers.CounterLimitsTest"),
        Test("test_random_commits", "commits.RandomCommitsTest", soak=True),
        Test("test_random_commits", "commits.RandomCommitsTest", config="l64v16"),
        Test("test_random_commits", "commits.RandomCommitsTest", config="l8v2"),
        Test("test_invalid_each_kind", "commits.InvalidEachKindTest"),
        Test("test_invalid_each_kind", "commits.InvalidEachKindTest", config="l8v2"),
        Test("test_incremental_hitless", "commits.IncrementalHitlessTest"),
        Test("test_incremental_hitless", "commits.IncrementalHitlessTest", config="l64v16"),
        Test("test_filter_traffic", "commits.FilterTrafficTest"),
        Test("test_filter_traffic", "commits.FilterTrafficTest", config="l12v2m3"),
        Test("test_commit_during_traffic", "commits.CommitDuringTrafficTest"),
        Test("test_back_to_back_commits", "commits.BackToBackTest"),
        Test("test_back_to_back_commits", "commits.BackToBackTest", config="l12v2m3"),
        Test("test_leak_detected", "negative.LeakTest", negative=True),
        Test("test_register_read_corrupted", "negative.NegativeRegisterReadTest", negative=True),
        Test("test_bench", "bench.BenchTest", bench=True, seeded=False),
        BARE_LOOP,
        Test("test_bench_tb_speed", "speed.TbSpeed", bench=True, seeded=False, wallclock=True),
    ],
)
