"""Unit tests of the mutant generator in tools/mutate.py (no simulator: text in, mutants out)."""

from __future__ import annotations

import re
import tomllib

import pytest

from tools import mutate
from tools.mutate import lex, mutants_of, sample
from tools.project import ROOT

SRC = """\
// a & b in a comment: never mutated; nor "a + b" in a string
module m #(
  parameter int unsigned W = 4 + 1,
  localparam int unsigned V = W - 1
) (
  input  logic         clk_i,
  input  logic         rst_ni,
  input  logic [W-1:0] a_i, b_i,
  output logic [W-1:0] y_o
);
  typedef enum logic [1:0] {StA = 2'd0, StB = 2'd1} st_e;
  st_e st_q, st_d;
  logic [W-1:0] x_q, x_d;
  logic c;
  assign c = (a_i == b_i) ? a_i[0] : b_i[0];
  always_comb begin
    x_d = x_q;
    if (c && !a_i[1]) x_d = a_i + b_i;
    st_d = st_q;
  end
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      x_q  <= '0;
      st_q <= StA;
    end else begin
      x_q  <= x_d;
      st_q <= st_d;
    end
  end
  assign y_o = x_q & ~b_i;
`ifndef SYNTHESIS
  a_sva: assert property (@(posedge clk_i) disable iff (!rst_ni) (a_i | b_i) != 4'd3);
  always_comb if (a_i < b_i) $display("a & b %0d", a_i + b_i);
`endif
  always_ff @(posedge clk_i) begin
    assert (a_i >= 0) else $error("x %0d", a_i - 1);
    $display("%0d", a_i ^ b_i);
  end
endmodule
"""


def _by(ms, op):
    return [m for m in ms if m.op == op]


def _lines_of(ms, src=SRC):
    return {src[: m.start].count("\n") + 1 for m in ms}


def test_every_operator_present_and_one_change_each():
    ms = mutants_of("rtl/m/m.sv", SRC)
    ops = {m.op for m in ms}
    assert ops == {"binop", "const", "if-true", "if-false", "if-invert", "mux-a", "mux-b", "mux-swap", "drop", "hold"}
    for m in ms:
        out = m.apply(SRC)
        assert out != SRC
        # exactly the span changes: everything before and after is byte-identical
        assert out[: m.start] == SRC[: m.start]
        assert out[m.start + len(m.repl):] == SRC[m.end:]
        if m.op in ("binop", "const"):  # one token replaced by one token
            a, b = [t.text for t in lex(SRC)], [t.text for t in lex(out)]
            assert len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1, m


def test_expected_mutants():
    ms = mutants_of("rtl/m/m.sv", SRC)
    got = {(m.op, m.orig, m.repl) for m in ms}
    assert ("binop", "==", "!=") in got
    assert ("binop", "&&", "||") in got
    assert ("binop", "+", "-") in got  # x_d = a_i + b_i
    assert ("binop", "&", "|") in got and ("binop", "&", "^") not in got  # y_o = x_q & ~b_i
    assert ("const", "'0", "'1") in got
    assert ("if-true", "c && !a_i[1]", "1'b1") in got
    assert ("if-false", "c && !a_i[1]", "1'b0") in got
    assert ("if-invert", "c && !a_i[1]", "!(c && !a_i[1])") in got
    assert ("mux-a", "(a_i == b_i) ? a_i[0] : b_i[0]", "(a_i[0])") in got
    assert ("mux-b", "(a_i == b_i) ? a_i[0] : b_i[0]", "(b_i[0])") in got
    assert ("mux-swap", "a_i[0] : b_i[0]", "b_i[0] : a_i[0]") in got
    assert ("drop", "x_q  <= x_d;", ";") in got
    assert ("hold", "a_i + b_i", "x_q") in got  # x_d = a_i + b_i -> x_d = x_q
    assert ("drop", "x_d = x_q;", ";") in got
    assert not [m for m in ms if m.op == "hold" and m.orig == "x_q"]  # x_d = x_q already holds


def test_skips_comments_strings_sva_declarations_and_system_tasks():
    ms = mutants_of("rtl/m/m.sv", SRC)
    lines = _lines_of(ms)
    src_lines = SRC.splitlines()
    for ln in lines:
        text = src_lines[ln - 1]
        assert not text.lstrip().startswith("//")
        assert "assert" not in text and "$display" not in text and "$error" not in text
        assert not re.match(r"\s*(parameter|localparam|typedef|input|output|logic|st_e)\b", text), text
    sva_first = SRC.index("`ifndef SYNTHESIS")
    sva_last = SRC.index("`endif")
    assert all(not (sva_first <= m.start <= sva_last) for m in ms)
    # the non-blocking assignment `<=` is not a comparison to mutate; a comparison `<` would be
    assert not [m for m in _by(ms, "binop") if m.orig == "<="]
    # unary operators are never swapped as binary: !a_i[1], ~b_i, !rst_ni
    assert not [m for m in _by(ms, "binop") if m.orig in ("!", "~")]
    # ranges [W-1:0] are not mutated
    assert not [m for m in _by(ms, "binop") if m.orig == "-"]


def test_comparison_in_condition_is_mutated():
    src = "module m; always_comb begin if (a <= b) y = 1'b1; else y = c >> 2; end endmodule\n"
    got = {(m.op, m.orig, m.repl) for m in mutants_of("x.sv", src)}
    assert ("binop", "<=", "<") in got and ("binop", ">>", "<<") in got
    assert ("const", "1'b1", "1'b0") in got


def test_constants():
    src = "module m; assign y = 4'd0 + 4'hf + 2'b10 + 8'd7; endmodule\n"
    got = sorted(m.repl for m in _by(mutants_of("x.sv", src), "const"))
    assert got == ["2'b01", "2'b11", "4'd1", "4'he", "8'd6", "8'd8"]


def test_ids_stable_under_line_moves_and_reindent():
    a = mutants_of("rtl/m/m.sv", SRC)
    moved = "// new header line\n\n" + SRC.replace("  assign c", "    assign c")
    b = mutants_of("rtl/m/m.sv", moved)
    assert [m.id for m in a] == [m.id for m in b]
    assert [m.line + 2 for m in a] == [m.line for m in b]
    # an edit elsewhere keeps the other IDs
    c = mutants_of("rtl/m/m.sv", SRC.replace("x_q & ~b_i", "x_q | ~b_i"))
    assert len({m.id for m in a} & {m.id for m in c}) >= len(a) - 4
    # the path is part of the ID
    assert not {m.id for m in a} & {m.id for m in mutants_of("rtl/m/n.sv", SRC)}


def test_ids_unique_even_on_identical_lines():
    src = "module m; always_ff @(posedge c) begin\n  if (a) d <= 1'b1;\n  if (a) d <= 1'b1;\nend endmodule\n"
    ms = mutants_of("x.sv", src)
    assert len({m.id for m in ms}) == len(ms)


def test_sampling_is_deterministic():
    ms = mutants_of("rtl/m/m.sv", SRC)
    s1 = [m.id for m in sample(ms, 5, 7)]
    assert s1 == [m.id for m in sample(ms, 5, 7)]
    assert len(s1) == 5 and len(set(s1)) == 5
    assert s1 != [m.id for m in sample(ms, 5, 8)]
    assert sample(ms, 0, 1) == ms and sample(ms, 10_000, 1) == ms


@pytest.mark.parametrize("block", ["port_cfg", "dirty_track", "bat_clat"])
def test_real_rtl(block):
    """Every block's RTL: candidates exist, IDs are unique, nothing in `ifndef SYNTHESIS regions
    or comments, every mutant applies."""
    blk = mutate.regress.load_block(block)
    texts = mutate.snapshot(blk)
    ms = mutate.enumerate_mutants(blk, texts)
    assert len(ms) > 100
    assert len({m.id for m in ms}) == len(ms)
    assert not [m for m in ms if "/gen/" in m.file]
    for f in mutate.rtl_files(blk):
        text = texts[f]
        regions = [(x.start(), x.end()) for x in re.finditer(r"`ifn?def\b.*?`endif", text, re.S)]
        for m in (m for m in ms if m.file == f):
            assert not any(a <= m.start < b for a, b in regions), m
            line = text.splitlines()[m.line - 1]
            assert "//" not in line[: m.col - 1] or '"' in line, m
            m.apply(text)


@pytest.mark.parametrize("f", sorted((ROOT / "tb").glob("*/mutants_equivalent.toml")), ids=lambda p: p.parent.name)
def test_equivalence_files(f):
    data = tomllib.loads(f.read_text())
    for k, v in data.get("equivalent", {}).items():
        assert re.fullmatch(r"[0-9a-f]{10}", k), k
        assert isinstance(v, str) and len(v) > 10, f"{k}: give a reason"


def test_runs_exclude_negative_and_bench_and_follow_ci_seeds():
    blk = mutate.regress.load_block("port_cfg")
    runs = mutate.candidate_runs(blk)
    assert runs and not [t for t, _ in runs if t.negative or t.bench]
    assert {s for _, s in runs} == set(mutate.regress.CI_SEEDS)
    assert {s for _, s in mutate.candidate_runs(blk, 1)} == {mutate.regress.CI_SEEDS[0]}
    order = mutate.order_runs(blk, None)
    assert sorted(order, key=repr) == sorted(runs, key=repr)
    assert [s for _, s in order] == sorted(s for _, s in order)  # every seed-1 run before any seed-2 run


def test_work_folders_are_exclusive(tmp_path):
    a = mutate.acquire_slot(tmp_path)
    b = mutate.acquire_slot(tmp_path)
    assert a.path.name == "work0" and b.path.name == "work1"
    a.release()
    c = mutate.acquire_slot(tmp_path)
    assert c.path.name == "work0"
    b.release()
    c.release()


def test_kill_times_from_progress_output(tmp_path, monkeypatch):
    # the killing run's simulated time (cocotb's summary line) over the baseline run's
    from tb.common.manifest import Block

    monkeypatch.setattr(mutate, "OUT", tmp_path)
    out = tmp_path / "blk"
    (out / "logs").mkdir(parents=True)
    (out / "baseline.json").write_text('{"times": {"test_rand@default/s1": {"sim_time_ns": 1000.0, "wall_s": 1}}}')
    for mid, t in (("aaaaaaaaaa", 250.0), ("bbbbbbbbbb", 500.0), ("cccccccccc", 900.0)):
        (out / "logs" / f"{mid}.log").write_text(f"** TESTS=1 PASS=0 FAIL=1 SKIP=0    {t:.2f}    1.0   2.0  **\n")
    progress = tmp_path / "mutate.out"
    progress.write_text(
        "  [ 1/4] killed          aaaaaaaaaa  rtl/x.sv:1 drop: 'a' -> ';'  by test_rand s1  (1 s)\n"
        "  [ 2/4] killed          bbbbbbbbbb  rtl/x.sv:2 drop: 'b' -> ';'  by test_rand s1  (1 s)\n"
        "  [ 3/4] timeout         dddddddddd  rtl/x.sv:3 drop: 'd' -> ';'  by test_rand s1  (1 s)\n"
        "  [ 4/4] killed          cccccccccc  rtl/x.sv:4 drop: 'c' -> ';'  by test_rand s1  (1 s)\n"
    )
    md = mutate.kill_times(Block("blk", "top", [], "m", []), progress)
    assert "| test_rand@default/s1 | 3 | 0.50 | 0.90 |" in md
