"""Soak and testbench-speed tooling without a simulator: the TXNS knob, the progress line, the soak
record and soak.json, the soak selection and replay in tools/regress.py, and the port list the bare
loop reads from Verilator's model header."""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tb.common import soak, speed
from tools import project, regress
from tools.project import load_block


@pytest.fixture(autouse=True)
def _fresh_soak_state():
    soak.reset()
    yield
    soak.reset()


# ---------------------------------------------------------------- TXNS knob


@pytest.mark.parametrize(("raw", "want"), [("", 3000), ("1000000", 1_000_000), ("1_000_000", 1_000_000),
                                           ("1e6", 1_000_000), (" 25 ", 25)])
def test_txns_from_the_environment(monkeypatch, raw, want):
    monkeypatch.setenv("TXNS", raw)
    assert soak.txns(3000) == want
    assert soak.long_mode() == bool(raw.strip())


def test_txns_unset_is_the_tests_own_count(monkeypatch):
    monkeypatch.delenv("TXNS", raising=False)
    assert soak.txns(1234) == 1234
    assert not soak.long_mode()


@pytest.mark.parametrize("raw", ["abc", "0", "-5", "1.5", "1e-3"])
def test_txns_rejects_what_is_not_a_count(monkeypatch, raw):
    monkeypatch.setenv("TXNS", raw)
    with pytest.raises(ValueError, match="TXNS"):
        soak.txns(10)


def test_a_speed_bench_makes_the_count_unbounded_and_stops_the_loop(monkeypatch):
    monkeypatch.setenv("TXNS", "10")
    soak.state.unbounded = True
    n = soak.txns(10)
    assert n > 10**15
    assert soak.more(10**6, n)
    soak.request_stop()
    assert not soak.more(0, n)


def test_more_stops_at_the_count():
    assert soak.more(9, 10) and not soak.more(10, 10)


# ---------------------------------------------------------------- progress line and record


@pytest.mark.parametrize(("s", "text"), [(0, "0s"), (59.4, "59s"), (65, "1m05s"), (3725, "1h02m05s")])
def test_fmt_duration(s, text):
    assert soak.fmt_duration(s) == text


def test_progress_line_has_count_rate_and_eta():
    line = soak.progress_line(250_000, 1_000_000, 100.0, 500_000)
    assert line.startswith(soak.PROGRESS_TAG)
    assert "250000/1000000 txns (25.0 %)" in line
    assert "2500 txn/s" in line and "5000 clk/s" in line
    assert "elapsed 1m40s" in line and "ETA 5m00s" in line


def test_progress_line_before_any_transaction():
    line = soak.progress_line(0, 100, 0.0, 0)
    assert "ETA ?" in line and "0/100 txns" in line


def test_rss_mark_is_taken_once_at_ten_thousand(monkeypatch):
    calls = []
    monkeypatch.setattr(soak, "proc_status_kb", lambda field="VmHWM": calls.append(field) or 1000)
    s = soak.state
    s.tick(soak.RSS_MARK - 1)
    assert s.rss_mark_kb == 0 and not calls
    s.tick()
    assert s.rss_mark_kb == 1000 and s.rss_mark_now_kb == 1000
    s.tick(5 * soak.RSS_MARK)
    assert len(calls) == 2, "the memory is read once, not per transaction"


def test_proc_status_reads_this_process():
    assert soak.proc_status_kb("VmHWM") > 0
    assert soak.proc_status_kb("VmHWM") >= soak.proc_status_kb("VmRSS") > 0
    assert soak.proc_status_kb("NoSuchField") == 0


RECORD_KEYS = {"transactions", "txns_requested", "clocks", "wall_s", "clocks_per_s", "txns_per_s", "peak_rss_kb",
               "peak_rss_traffic_kb", "rss_at_1e4_kb", "rss_now_at_1e4_kb", "rss_ratio", "cpu_s", "txns_per_cpu_s"}


def _record(**kw) -> dict:
    rec = dict(transactions=100_000, txns_requested=100_000, clocks=150_000, wall_s=100.0, clocks_per_s=1500.0,
               txns_per_s=1000.0, peak_rss_kb=200_000, peak_rss_traffic_kb=190_000, rss_at_1e4_kb=180_000,
               rss_now_at_1e4_kb=170_000, rss_ratio=1.056, cpu_s=60.0, txns_per_cpu_s=1666.7)
    rec.update(kw)
    return rec


def test_soak_summary_schema():
    recs = [_record(), _record(peak_rss_kb=250_000, rss_ratio=1.389, wall_s=50.0)]
    s = regress.soak_summary(recs)
    assert s["transactions"] == 200_000 and s["clocks"] == 300_000 and s["wall_s"] == 150.0
    assert s["clocks_per_s"] == 2000.0 and s["txns_per_s"] == pytest.approx(1333.3)
    assert s["peak_rss_kb"] == 250_000 and s["rss_at_1e4_kb"] == 180_000 and s["rss_ratio_max"] == 1.389
    assert s["peak_rss_traffic_kb"] == 190_000
    assert s["cpu_s"] == 120.0 and s["cpu_min_per_1e6_txns"] == 10.0
    assert s["runs"] == recs
    assert set(recs[0]) == RECORD_KEYS


# ---------------------------------------------------------------- runner: selection, replay, JUnit, soak.json


def _args(**kw) -> argparse.Namespace:
    base = dict(block=None, test=None, config=None, seed=None, ci=False, bench=False, soak=True, seeds=1,
                seed_base=7)
    base.update(kw)
    return argparse.Namespace(**base)


def test_soak_selects_each_blocks_soak_tests_once():
    picked = regress.plan(_args())
    names = {(b.name, t.name, t.config) for b, t, _, _ in picked}
    assert names == {("bat_clat", "test_random_traffic", "default"), ("dirty_track", "test_random_traffic", "default"),
                     ("port_cfg", "test_random_commits", "default"), ("sriov_ep", "test_random_dma", "default")}
    assert all(inject for *_, inject in picked), "no can-fail reruns in a soak"
    assert len(regress.plan(_args(seeds=3))) == 3 * len(picked)


def test_every_block_with_a_random_test_has_a_soak_test():
    for name in project.blocks():
        blk = load_block(name)
        if blk.kind == "library":
            continue
        soaks = [t for t in blk.tests if t.soak]
        assert soaks, f"{name}: no Test(soak=True) in its manifest"
        assert all(t.seeded and not t.bench and not t.negative for t in soaks), name


def _run(txns: int | None) -> regress.Run:
    blk = load_block("bat_clat")
    test = next(t for t in blk.tests if t.name == "test_random_traffic")
    return regress.Run(blk, test, 4242, Path("."), txns=txns)


def test_a_soak_run_replays_with_its_block_seed_and_txns():
    r = _run(1_000_000)
    assert r.replay == "make sim BLOCK=bat_clat TEST=test_random_traffic SEED=4242 TXNS=1000000"
    assert r.timeout_s == r.test.timeout_s + 50_000
    plain = _run(None)
    assert plain.replay == "make sim TEST=test_random_traffic SEED=4242"
    assert plain.timeout_s == plain.test.timeout_s


def test_junit_records_txns_like_the_seed(tmp_path):
    runs = [_run(5000), _run(None)]
    for r in runs:
        r.status = "PASS"
    regress.write_junit(runs, tmp_path / "results.xml")
    cases = list(ET.parse(tmp_path / "results.xml").iter("testcase"))
    props = [{p.get("name"): p.get("value") for p in tc.iter("property")} for tc in cases]
    assert props[0]["txns"] == "5000" and props[0]["seed"] == "4242" and "TXNS=5000" in props[0]["replay"]
    assert "txns" not in props[1]


def test_collect_soak_writes_soak_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(regress, "SIM_BUILD", tmp_path)
    r = _run(100_000)
    r.status = "PASS"
    r.run_dir.mkdir(parents=True)
    (r.run_dir / "soak.json").write_text(json.dumps(_record()))
    (tmp_path / "bench").mkdir()
    kept = regress.soak_summary([_record(transactions=7)])
    (tmp_path / "bench" / "soak.json").write_text(json.dumps({"port_cfg": kept}))
    out = regress.collect_soak([r])
    data = json.loads(out.read_text())
    assert data["port_cfg"] == kept, "blocks not in this run keep their figures"
    b = data["bat_clat"]
    for key in ("transactions", "clocks", "wall_s", "clocks_per_s", "peak_rss_kb", "rss_at_1e4_kb", "rss_ratio_max"):
        assert key in b
    assert b["runs"][0]["seed"] == 4242 and b["runs"][0]["test"] == "test_random_traffic"
    assert "bat_clat" in capsys.readouterr().out


def test_collect_bench_adds_tb_overhead(tmp_path, monkeypatch):
    monkeypatch.setattr(regress, "SIM_BUILD", tmp_path)
    blk = load_block("port_cfg")
    runs = []
    for name, fig in (("test_bench_bare_loop", {"bare_clocks_per_s": 9000.0, "bare_clocks_per_cpu_s": 10000.0}),
                      ("test_bench_tb_speed", {"tb_clocks_per_s": 3000.0, "tb_clocks_per_cpu_s": 4000.0})):
        r = regress.Run(blk, next(t for t in blk.tests if t.name == name), 1, Path("."))
        r.status = "PASS"
        r.run_dir.mkdir(parents=True)
        (r.run_dir / "bench.json").write_text(json.dumps(fig))
        runs.append(r)
    regress.collect_bench(runs)
    figs = json.loads((tmp_path / "bench" / "port_cfg.json").read_text())
    assert figs["tb_overhead"] == 2.5  # per CPU second: what the machine's load does not move
    assert figs["tb_overhead_wall"] == 3.0


# ---------------------------------------------------------------- bare loop ports


VTOP = """
class alignas(VL_CACHE_LINE_BYTES) Vtop VL_NOT_FINAL : public VerilatedModel {
  public:
    VL_IN8(&clk_i,0,0);
    VL_IN8(&rst_ni,0,0);
    VL_IN8(&req_valid_i,0,0);
    VL_OUT8(&req_ready_o,0,0);
    VL_IN16(&req_func_i,11,0);
    VL_OUT64(&rsp_addr_o,63,0);
    VL_INW(&wide_i,95,0,3);
    VL_OUT(&m_axi_araddr,31,0);
"""


def test_parse_ports_of_a_verilator_header():
    assert speed.parse_ports(VTOP) == [
        ("in", "clk_i", 1), ("in", "rst_ni", 1), ("in", "req_valid_i", 1), ("out", "req_ready_o", 1),
        ("in", "req_func_i", 12), ("out", "rsp_addr_o", 64), ("in", "wide_i", 96), ("out", "m_axi_araddr", 32),
    ]


# ---------------------------------------------------------------- fast readers, speed-bench plumbing


def test_fast_readers_use_cocotb_internals_that_exist():
    """tb/common/sig.py reads handle._handle.get_signal_val_binstr(): both still exist in this cocotb."""
    import inspect

    import cocotb.handle
    import cocotb.simulator

    assert hasattr(cocotb.simulator.sim_obj, "get_signal_val_binstr")
    assert hasattr(cocotb.simulator.sim_obj, "get_signal_val_long")
    assert "self._handle" in inspect.getsource(cocotb.handle.SimHandleBase.__init__)
    # the writers: the same calls cocotb makes when it trusts inertial writes, DEPOSIT = 0
    for name in ("set_signal_val_int", "set_signal_val_binstr"):
        assert hasattr(cocotb.simulator.sim_obj, name)
    assert hasattr(cocotb.handle, "_trust_inertial")
    assert cocotb.handle._GPISetAction.DEPOSIT.value == 0


def test_fast_readers_convert_the_simulator_value():
    from tb.common import sig

    class Gpi:
        def __init__(self, s):
            self.s = s

        def get_signal_val_binstr(self):
            return self.s

        def get_signal_val_long(self):  # what the simulator's integer value looks like: signed 32 bits
            v = int(self.s, 2) & 0xFFFF_FFFF
            return v - (1 << 32) if v >> 31 else v

    class Handle:
        def __init__(self, s):
            self._handle = Gpi(s)

        def __len__(self):
            return len(self._handle.s)

    assert sig.int_reader(Handle("00101010"))() == 42
    assert sig.int_reader(Handle("1" * 32))() == 0xFFFF_FFFF  # top bit set: still unsigned
    assert sig.int_reader(Handle("1" + "0" * 39))() == 1 << 39  # past 32 bits: the bit string
    assert sig.bit_reader(Handle("1"))() is True
    assert sig.bit_reader(Handle("0"))() is False


def test_fast_writers_hand_the_simulator_an_int_or_a_bit_string(monkeypatch):
    import cocotb.handle

    from tb.common import sig

    class Gpi:
        def __init__(self):
            self.calls = []

        def set_signal_val_int(self, action, v):
            self.calls.append(("int", action, v))

        def set_signal_val_binstr(self, action, v):
            self.calls.append(("str", action, v))

    class Handle:
        def __init__(self, width):
            self._handle, self.width, self.value = Gpi(), width, None

        def __len__(self):
            return self.width

    monkeypatch.setattr(cocotb.handle, "_trust_inertial", True, raising=False)
    narrow, wide = Handle(8), Handle(40)
    sig.int_writer(narrow)(42)
    sig.int_writer(wide)(5)
    assert narrow._handle.calls == [("int", 0, 42)]
    assert wide._handle.calls == [("str", 0, "0" * 37 + "101")]
    monkeypatch.setattr(cocotb.handle, "_trust_inertial", False)
    sig.int_writer(narrow)(7)  # not trusted: through handle.value, cocotb schedules the write
    assert narrow.value == 7 and len(narrow._handle.calls) == 1


def test_speed_benches_run_full_length_only_under_make_bench(monkeypatch):
    monkeypatch.delenv("VIRTIP_BENCH", raising=False)
    assert speed.speed_clocks() == speed.SMOKE_CLOCKS
    monkeypatch.setenv("VIRTIP_BENCH", "1")
    assert speed.speed_clocks() == speed.SPEED_CLOCKS >= 50_000


def test_every_soak_block_has_the_speed_pair_run_alone():
    for name in project.blocks():
        blk = load_block(name)
        if blk.kind == "library":
            continue
        pair = {t.name: t for t in blk.tests if t.name in ("test_bench_bare_loop", "test_bench_tb_speed")}
        assert set(pair) == {"test_bench_bare_loop", "test_bench_tb_speed"}, name
        for t in pair.values():
            assert t.bench and t.wallclock and t.config == "default", (name, t.name)
        assert "+verilator+noassert" in pair["test_bench_bare_loop"].sim_args
        assert not pair["test_bench_tb_speed"].sim_args, "the full testbench runs with its assertions on"
