"""What the regression runner builds and runs for the port configurator (tb/common/manifest.py)."""

from tb.common.manifest import Block, Test

BLOCK = Block(
    name="port_cfg",
    toplevel="port_cfg",
    sources=[
        "rtl/port_cfg/gen/port_cfg_regs_pkg.sv",
        "rtl/port_cfg/port_cfg_pkg.sv",
        "rtl/port_cfg/gen/port_cfg_regs.sv",
        "rtl/port_cfg/port_cfg_quad_use.sv",
        "rtl/port_cfg/port_cfg_quad_pre.sv",
        "rtl/port_cfg/port_cfg_quad_check.sv",
        "rtl/port_cfg/port_cfg_filter.sv",
        "rtl/port_cfg/port_cfg.sv",
    ],
    test_module="tb.port_cfg.test_port_cfg",
    configs={
        "default": {},  # 32 lanes, 4 VSSBs
        "l64v16": {"NumLanes": 64, "NumVssbs": 16},  # the largest map: every LANE and VSSB register
        "l8v2": {"NumLanes": 8, "NumVssbs": 2},  # small: exhaustive-ish corners, budgets hit often
        "l12v2m3": {"NumLanes": 12, "NumVssbs": 2, "MgmtFunction": 3},  # another management function; lane count no power of two (ingress indices 12..15 exist)
    },
    waivers=["rtl/port_cfg/port_cfg.vlt"],
    tests=[
        Test("test_registers"),
        Test("test_registers", config="l8v2"),
        Test("test_access_control"),
        Test("test_access_control", config="l12v2m3"),
        Test("test_address_rules"),
        Test("test_address_rules", config="l8v2"),
        Test("test_address_rules", config="l64v16"),
        Test("test_write_strobes"),
        Test("test_reset_async"),
        Test("test_reset_async", config="l12v2m3"),
        Test("test_counter_limits"),
        Test("test_random_commits"),
        Test("test_random_commits", config="l64v16"),
        Test("test_random_commits", config="l8v2"),
        Test("test_invalid_each_kind"),
        Test("test_invalid_each_kind", config="l8v2"),
        Test("test_incremental_hitless"),
        Test("test_incremental_hitless", config="l64v16"),
        Test("test_filter_traffic"),
        Test("test_filter_traffic", config="l12v2m3"),
        Test("test_commit_during_traffic"),
        Test("test_back_to_back_commits"),
        Test("test_back_to_back_commits", config="l12v2m3"),
        Test("test_leak_detected", negative=True),
        Test("test_register_read_corrupted", negative=True),
        Test("test_bench", bench=True, seeded=False),
    ],
)
