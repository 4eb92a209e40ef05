"""What the regression runner builds and runs for dirty_track (see tb/common/manifest.py)."""

import dataclasses

from tb.common.manifest import BARE_LOOP, Block, Test

_RTL = "rtl/dirty_track"
# The functional-coverage interface, bound into the DUT (`bind dirty_track ...`): simulation only.
_COV_IF = "tb/dirty_track/dirty_track_cov_if.sv"

BLOCK = Block(
    name="dirty_track",
    toplevel="dirty_track",
    sources=[
        f"{_RTL}/gen/dirty_track_regs_pkg.sv",
        f"{_RTL}/gen/dirty_track_reg_addr_pkg.sv",
        f"{_RTL}/dirty_track_pkg.sv",
        f"{_RTL}/gen/dirty_track_regs.sv",
        "rtl/common/ram_1r1w.sv",
        "rtl/common/sync_fifo.sv",
        "rtl/common/axil_reg_front.sv",
        "rtl/common/sat_counter.sv",
        f"{_RTL}/dirty_track_addr.sv",
        f"{_RTL}/dirty_track_rmw.sv",
        f"{_RTL}/dirty_track_report.sv",
        f"{_RTL}/dirty_track_counters.sv",
        f"{_RTL}/dirty_track.sv",
        _COV_IF,
    ],
    # small: 4 functions (register slots 4..7 exist but are not functions) x 256 pages (8 words each),
    # so tests can sweep the whole bitmap.
    configs={"default": {}, "small": {"NumFunctions": 4, "PagesPerFunc": 256}},
    waivers=[f"{_RTL}/dirty_track.vlt"],
    tests=[
        Test("test_random_traffic", "traffic.RandomTraffic", soak=True),
        Test("test_random_traffic_full_rate", "traffic.RandomTrafficFullRate"),
        Test("test_random_small", "traffic.RandomSmall", config="small"),
        Test("test_negative_dropped_mark", "negative.NegativeDroppedMark", config="small", negative=True),
        Test("test_negative_register_read", "negative.NegativeRegisterRead", config="small", negative=True),
        Test("test_vf_access", "registers.VfAccess", config="small"),
        Test("test_reset_mid_traffic", "reset.ResetMidTraffic"),
        Test("test_quiesce", "traffic.Quiesce", config="small"),
        Test("test_clear_collision", "traffic.ClearCollision", config="small"),
        Test("test_pipelined_reports", "traffic.PipelinedReports", config="small"),
        Test("test_flag_toggle", "traffic.FlagToggle"),
        Test("test_page_sizes", "traffic.PageSizes", config="small"),
        Test("test_bad_function", "registers.BadFunction", config="small"),
        Test("test_w1c_race", "registers.W1cRace", config="small"),
        Test("test_access_rules", "registers.AccessRules", config="small"),
        Test("test_access_rules", "registers.AccessRules"),
        Test("test_reset_async", "reset.ResetAsync", config="small"),
        Test("test_reset_in_flight", "reset.ResetInFlight", config="small"),
        Test("test_counter_limits", "registers.CounterLimits", config="small"),
        Test("test_region_boundaries", "registers.RegionBoundaries", config="small"),
        Test("test_dma_report_traffic", "report.DmaReportTraffic", config="small"),
        Test("test_dma_report_traffic", "report.DmaReportTraffic"),
        Test("test_dma_report_collision", "report.DmaReportCollision", config="small"),
        Test("test_dma_report_register_race", "report.DmaReportRegisterRace", config="small"),
        Test("test_dma_report_bad_args", "report.DmaReportBadArgs", config="small"),
        Test("test_dma_report_bus_error", "report.DmaReportBusError", config="small"),
        Test("test_dma_report_start_busy", "report.DmaReportStartBusy", config="small"),
        Test("test_dma_report_reset", "report.DmaReportReset", config="small"),
        Test("test_negative_dma_report_word", "report.NegativeDmaReportWord", config="small", negative=True),
        Test("test_bench_write_throughput", "bench.BenchWriteThroughput", bench=True, seeded=False),
        Test("test_bench_crossing_throughput", "bench.BenchCrossingThroughput", bench=True, seeded=False),
        Test("test_bench_report_reads", "bench.BenchReportReads", bench=True, seeded=False),
        Test("test_bench_report_dma", "bench.BenchReportDma", bench=True, seeded=False),
        BARE_LOOP,
        Test("test_bench_tb_speed", "speed.TbSpeed", bench=True, seeded=False, wallclock=True),
    ],
)

# Synthesis and lint see the RTL alone: every source but the bound coverage interface.
BLOCK = dataclasses.replace(BLOCK, synth_sources=[s for s in BLOCK.sources if s != _COV_IF])
