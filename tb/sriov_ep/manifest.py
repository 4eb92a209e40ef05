"""What the regression runner builds and runs for the SR-IOV endpoint subsystem (see
tb/common/manifest.py). The subsystem contains bat_clat and dirty_track: their RTL comes from their
own manifests (RTL only, no testbench binds), so a file added to either block is picked up here."""

from __future__ import annotations

from pathlib import Path

from tb.bat_clat.manifest import BLOCK as _BAT_CLAT
from tb.common.manifest import BARE_LOOP, Block, Test
from tb.dirty_track.manifest import BLOCK as _DIRTY_TRACK

_ROOT = Path(__file__).resolve().parents[2]
_RTL = "rtl/sriov_ep"


def _own_sources() -> list[str]:
    """rtl/sriov_ep: packages first (generated address/register packages, then sriov_ep_pkg), the
    generated register block, the units, the top last."""
    here = _ROOT / _RTL
    units = sorted(p.name for p in here.glob("*.sv"))
    pkgs = [f"{_RTL}/gen/sriov_ep_reg_addr_pkg.sv", f"{_RTL}/gen/sriov_ep_regs_pkg.sv"]
    pkgs += [f"{_RTL}/{u}" for u in units if u.endswith("_pkg.sv")]
    body = [f"{_RTL}/gen/sriov_ep_regs.sv"]
    body += [f"{_RTL}/{u}" for u in units if not u.endswith("_pkg.sv") and u != "sriov_ep.sv"]
    return pkgs + body + [f"{_RTL}/sriov_ep.sv"]


def _sources() -> list[str]:
    subs = [*(_BAT_CLAT.synth_sources or _BAT_CLAT.sources), *(_DIRTY_TRACK.synth_sources or _DIRTY_TRACK.sources)]
    seen: list[str] = []
    for s in subs:  # rtl/common files appear in both when both use them: compile once
        if s not in seen:
            seen.append(s)
    pkgs = [s for s in seen if s.endswith("_pkg.sv")]
    return pkgs + [s for s in seen if not s.endswith("_pkg.sv")] + _own_sources()


BLOCK = Block(
    name="sriov_ep",
    toplevel="sriov_ep",
    sources=_sources(),
    waivers=[*_BAT_CLAT.waivers, *_DIRTY_TRACK.waivers, f"{_RTL}/sriov_ep.vlt"],
    configs={
        "default": {},  # MaxBurstBeats 32, MaxPieces 8
        # The smallest legal build (both are powers of two, 2..256): a 4 KiB piece is 256 bursts of
        # 2 beats (16 B windows), and two pieces in flight keep the xlate_q ring full nearly always,
        # so the splitter, the writer's window arithmetic and the slot hand-off run at their corners.
        "b2p2": {"MaxBurstBeats": 2, "MaxPieces": 2},
    },
    # dirty_track clears its bitmap after reset (NumFunctions * PagesPerFunc / 32 clocks): the env
    # waits for STATUS.init_done in after_reset()
    tests=[
        Test("test_random_dma", "traffic.RandomDma", soak=True),
        Test("test_random_dma", "traffic.RandomDma", config="b2p2"),
        Test("test_bad_descriptors", "errors.BadDescriptors"),
        Test("test_bad_descriptors", "errors.BadDescriptors", config="b2p2"),
        Test("test_write_errors", "errors.WriteErrors"),
        Test("test_stop", "stop.StopWhileBusy"),
        Test("test_stop", "stop.StopWhileBusy", config="b2p2"),
        Test("test_reset_mid_traffic", "reset.ResetMidTraffic"),
        Test("test_register_windows", "registers.RegisterWindows"),
        Test("test_live_migration", "migration.LiveMigration"),
        Test("test_reset_mid_migration", "migration.ResetMidMigration"),
        Test("test_negative_no_dirty_flag", "negative.NoDirtyFlag", negative=True),
        Test("test_negative_wrong_byte", "negative.WrongByte", negative=True),
        Test("test_bench_dma_throughput", "bench.BenchDmaThroughput", bench=True, seeded=False),
        Test("test_bench_migration_convergence", "bench.BenchConvergence", bench=True, seeded=False),
        BARE_LOOP,
        Test("test_bench_tb_speed", "speed.TbSpeed", bench=True, seeded=False, wallclock=True),
    ],
)
