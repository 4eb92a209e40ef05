"""What the regression runner builds and runs for dirty_track (see tb/common/manifest.py)."""

from tb.common.manifest import Block, Test

_RTL = "rtl/dirty_track"

BLOCK = Block(
    name="dirty_track",
    toplevel="dirty_track",
    sources=[
        f"{_RTL}/gen/dirty_track_regs_pkg.sv",
        f"{_RTL}/dirty_track_pkg.sv",
        f"{_RTL}/gen/dirty_track_regs.sv",
        f"{_RTL}/dirty_track_ram.sv",
        f"{_RTL}/dirty_track_fifo.sv",
        f"{_RTL}/dirty_track_addr.sv",
        f"{_RTL}/dirty_track_rmw.sv",
        f"{_RTL}/dirty_track_csr.sv",
        f"{_RTL}/dirty_track_cnt.sv",
        f"{_RTL}/dirty_track.sv",
    ],
    # small: 4 functions (register slots 4..7 exist but are not functions) x 256 pages (8 words each),
    # so tests can sweep the whole bitmap.
    configs={"default": {}, "small": {"NumFunctions": 4, "PagesPerFunc": 256}},
    waivers=[f"{_RTL}/dirty_track.vlt"],
    tests=[
        Test("test_random_traffic", "RandomTraffic"),
        Test("test_random_traffic_full_rate", "RandomTrafficFullRate"),
        Test("test_random_small", "RandomSmall", config="small"),
        Test("test_negative_dropped_mark", "NegativeDroppedMark", config="small", negative=True),
        Test("test_negative_register_read", "NegativeRegisterRead", config="small", negative=True),
        Test("test_vf_access", "VfAccess", config="small"),
        Test("test_reset_mid_traffic", "ResetMidTraffic"),
        Test("test_quiesce", "Quiesce", config="small"),
        Test("test_clear_collision", "ClearCollision", config="small"),
        Test("test_pipelined_reports", "PipelinedReports", config="small"),
        Test("test_flag_toggle", "FlagToggle"),
        Test("test_page_sizes", "PageSizes", config="small"),
        Test("test_bad_function", "BadFunction", config="small"),
        Test("test_w1c_race", "W1cRace", config="small"),
        Test("test_access_rules", "AccessRules", config="small"),
        Test("test_access_rules", "AccessRules"),
        Test("test_reset_async", "ResetAsync", config="small"),
        Test("test_reset_in_flight", "ResetInFlight", config="small"),
        Test("test_counter_limits", "CounterLimits", config="small"),
        Test("test_region_boundaries", "RegionBoundaries", config="small"),
        Test("test_bench_write_throughput", "BenchWriteThroughput", bench=True, seeded=False),
        Test("test_bench_crossing_throughput", "BenchCrossingThroughput", bench=True, seeded=False),
        Test("test_bench_report_reads", "BenchReportReads", bench=True, seeded=False),
    ],
)
