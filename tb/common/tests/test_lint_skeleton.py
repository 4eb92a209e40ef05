"""The skeleton checks of `make lint` catch what they are meant to (each rule can fail)."""

from __future__ import annotations

from tools import lint


def test_sv_address_localparam_is_caught():
    bad = ["  localparam logic [8:0] RegFuncBase      = 9'h100;",
           "  localparam logic [FuncOffWidth-1:0] FOffCtrl = 5'h0C;",
           "  localparam logic [RegAddrWidth-1:0] FuncBlockBase = 12'h100;"]
    good = ["  localparam int unsigned RegAddrWidth = 12;",
            "  localparam logic [AddrW-1:0] RefusedAddr = AddrW'(AddrErr + 4);",
            "  localparam logic [1:0] AxiBurstIncr = 2'b01;"]
    assert all(lint.SV_ADDR_PARAM.search(line) for line in bad)
    assert not any(lint.SV_ADDR_PARAM.search(line) for line in good)


def test_skeleton_lists_the_uniform_env_files():
    for f in ("env.py", "cfg.py", "items.py", "scoreboard.py", "coverage.py", "sequences.py", "regs.py"):
        assert f"tb/{{b}}/env/{f}" in lint.SKELETON


def test_rtl_size_limit_is_checked(tmp_path, monkeypatch):
    (tmp_path / "rtl" / "x").mkdir(parents=True)
    (tmp_path / "rtl" / "x" / "big.sv").write_text("\n" * (lint.RTL_MAX_LINES + 1))
    (tmp_path / "rtl" / "x" / "gen").mkdir()
    (tmp_path / "rtl" / "x" / "gen" / "huge.sv").write_text("\n" * 5000)  # generated: exempt
    monkeypatch.setattr(lint, "ROOT", tmp_path)
    assert not lint.check_rtl_size()
    (tmp_path / "rtl" / "x" / "big.sv").write_text("\n" * lint.RTL_MAX_LINES)
    assert lint.check_rtl_size()
