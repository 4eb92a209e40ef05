"""tools/synth_paths.py: the estimate ranking and the routed ranking (--routed) on a small netlist."""

import json

from tools import synth_paths


def _ff(d, q, src):
    return {"type": "TRELLIS_FF", "connections": {"CLK": [2], "DI": [d], "Q": [q]},
            "port_directions": {"CLK": "input", "DI": "input", "Q": "output"},
            "attributes": {"src": src}}


def _lut(a, z):
    return {"type": "LUT4", "connections": {"A": [a], "Z": [z]},
            "port_directions": {"A": "input", "Z": "output"}, "attributes": {"src": "/x/rtl/b/b.sv:5.1-5.9"}}


def _files(tmp_path, slow_arrival, fast_arrival):
    # a_q -> LUT -> b_q (slow) and a_q -> c_q (fast)
    module = {
        "ports": {"clk_i": {"direction": "input", "bits": [2]}},
        "netnames": {"a_q": {"bits": [10]}, "b_q": {"bits": [11]}, "c_q": {"bits": [12]},
                     "n": {"bits": [13]}},
        "cells": {"a_reg": _ff(11, 10, "/x/rtl/b/b.sv:3.1-3.9"), "lut": _lut(10, 13),
                  "b_reg": _ff(13, 11, "/x/rtl/b/b.sv:7.1-7.9"), "c_reg": _ff(10, 12, "/x/rtl/b/b.sv:9.1-9.9")},
    }
    netlist = tmp_path / "netlist.json"
    netlist.write_text(json.dumps({"modules": {"b": module}}))
    report = tmp_path / "pnr_report.json"
    report.write_text(json.dumps({
        "fmax": {"clk": {"achieved": 100.0, "constraint": 125}},
        "detailed_net_timings": [
            {"net": "n", "endpoints": [{"cell": "u_dut.b_reg", "port": "DI", "delay": [1.0, slow_arrival]}]},
            {"net": "a_q", "endpoints": [{"cell": "u_dut.c_reg", "port": "DI", "delay": [0.5, fast_arrival]}]},
        ],
    }))
    return netlist, report


def test_routed_lists_only_endpoints_over_the_period(tmp_path, capsys):
    netlist, report = _files(tmp_path, slow_arrival=9.5, fast_arrival=1.2)
    assert synth_paths.main(["--netlist", str(netlist), "--module", "b", "--routed", str(report)]) == 0
    out = capsys.readouterr().out
    assert "1 endpoints over 8.00 ns" in out
    assert "b_q.DI x1" in out and "c_q.DI" not in out
    assert "9.60" in out  # routed arrival + setup, not the estimate


def test_routed_slack_widens_the_list(tmp_path, capsys):
    netlist, report = _files(tmp_path, slow_arrival=9.5, fast_arrival=7.5)
    synth_paths.main(["--netlist", str(netlist), "--module", "b", "--routed", str(report), "--slack", "1.0"])
    out = capsys.readouterr().out
    assert "b_q.DI x1" in out and "c_q.DI x1" in out


def test_estimate_ranks_the_deeper_path_first(tmp_path, capsys):
    netlist, _ = _files(tmp_path, 0, 0)
    synth_paths.main(["--netlist", str(netlist), "--module", "b"])
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ".DI" in ln]
    assert "b_q.DI" in lines[0]


def test_routed_needs_detailed_timings(tmp_path):
    netlist, report = _files(tmp_path, 9.5, 1.2)
    report.write_text(json.dumps({"fmax": {"clk": {"achieved": 1, "constraint": 125}}}))
    assert synth_paths.main(["--netlist", str(netlist), "--module", "b", "--routed", str(report)]) == 2


def test_routed_includes_block_ram_inputs(tmp_path, capsys):
    netlist, report = _files(tmp_path, slow_arrival=1.0, fast_arrival=1.0)
    net = json.loads(netlist.read_text())
    net["modules"]["b"]["cells"]["bram"] = {
        "type": "DP16KD", "connections": {"CLKA": [2], "ADA0": [13], "DOA0": [14]},
        "port_directions": {"CLKA": "input", "ADA0": "input", "DOA0": "output"},
        "attributes": {"src": "/x/rtl/b/b.sv:11.1-11.9"}}
    netlist.write_text(json.dumps(net))
    rep = json.loads(report.read_text())
    rep["detailed_net_timings"].append(
        {"net": "n", "endpoints": [{"cell": "u_dut.bram", "port": "ADA0", "delay": [1.0, 8.7]}]})
    report.write_text(json.dumps(rep))
    synth_paths.main(["--netlist", str(netlist), "--module", "b", "--routed", str(report)])
    out = capsys.readouterr().out
    assert "1 endpoints over 8.00 ns" in out and "bram" in out
