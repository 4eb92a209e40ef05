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
    test_module="tb.dirty_track.test_dirty_track",
    # small: 4 functions (register slots 4..7 exist but are not functions) x 256 pages (8 words each),
    # so tests can sweep the whole bitmap.
    configs={"default": {}, "small": {"NumFunctions": 4, "PagesPerFunc": 256}},
    waivers=[f"{_RTL}/dirty_track.vlt"],
    tests=[
        Test("test_random_traffic"),
        Test("test_random_traffic_full_rate"),
        Test("test_random_small", config="small"),
        Test("test_negative_dropped_mark", config="small", negative=True),
        Test("test_negative_register_read", config="small", negative=True),
        Test("test_vf_access", config="small"),
        Test("test_reset_mid_traffic"),
        Test("test_quiesce", config="small"),
        Test("test_clear_collision", config="small"),
        Test("test_pipelined_reports", config="small"),
        Test("test_flag_toggle"),
        Test("test_page_sizes", config="small"),
        Test("test_bad_function", config="small"),
        Test("test_w1c_race", config="small"),
        Test("test_access_rules", config="small"),
        Test("test_access_rules"),
        Test("test_reset_async", config="small"),
        Test("test_reset_in_flight", config="small"),
        Test("test_counter_limits", config="small"),
        Test("test_region_boundaries", config="small"),
        Test("test_bench_write_throughput", bench=True, seeded=False),
        Test("test_bench_crossing_throughput", bench=True, seeded=False),
        Test("test_bench_report_reads", bench=True, seeded=False),
    ],
)
