"""What the regression runner builds and runs for the shared RTL primitives of rtl/common/
(see tb/common/manifest.py): a wrapper (common_rtl_top.sv) with one instance of each primitive."""

from tb.common.manifest import Block, Test

_RTL = "rtl/common"

BLOCK = Block(
    name="common_rtl",
    toplevel="common_rtl_top",
    sources=[
        f"{_RTL}/sync_fifo.sv",
        f"{_RTL}/ram_1r1w.sv",
        f"{_RTL}/sat_counter.sv",
        f"{_RTL}/axil_reg_front.sv",
        "tb/common_rtl/common_rtl_top.sv",
    ],
    rtl_dir=_RTL,
    kind="library",
    waivers=["tb/common_rtl/common_rtl.vlt"],
    # default: the front end as dirty_track uses it (decided at the handshake, a write first);
    # check: bat_clat's timing (decided a clock later from flops, reads and writes alternate).
    configs={"default": {}, "check": {"FrontCheckStage": 1, "FrontAlternateRdWr": 1}},
    tests=[
        Test("test_fifo_random", "FifoRandomTest"),
        Test("test_ram_random", "RamRandomTest"),
        Test("test_counter_random", "CounterRandomTest"),
        Test("test_front_random", "FrontRandomTest"),
        Test("test_front_random", "FrontRandomTest", config="check"),
        Test("test_front_reset", "FrontResetTest"),
        Test("test_front_reset", "FrontResetTest", config="check"),
        Test("test_negative_front_mismatch", "NegativeFrontMismatchTest", negative=True),
    ],
)
