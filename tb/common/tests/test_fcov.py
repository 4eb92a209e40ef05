"""The functional-coverage library counts what it claims: declared bins are the denominator."""

import json

import pytest

from tb.common import fcov


@pytest.fixture(autouse=True)
def _clean_registry():
    fcov.reset()
    yield
    fcov.reset()


def test_unhit_bins_count_against_coverage():
    cg = fcov.Covergroup("g", [fcov.Coverpoint("x", values=[0, 1, 2, 3])])
    cg.sample(x=1)
    assert cg.coverage() == 25.0


def test_cross_counts_only_joint_hits_and_honours_ignore():
    cg = fcov.Covergroup(
        "g",
        [fcov.Coverpoint("a", values=["p", "q"]), fcov.Coverpoint("b", bins={"lo": lambda v: v < 5, "hi": lambda v: v >= 5})],
        crosses=[("a", "b")],
        ignore=lambda m: m == {"a": "q", "b": "hi"},
    )
    assert "a=q x b=hi" not in cg.hits
    cg.sample(a="p", b=7)
    assert cg.hits["a=p x b=hi"] == 1
    assert cg.hits["a=p x b=lo"] == 0
    cg.sample(a="q")  # a cross needs all its coverpoints in one sample
    assert cg.hits["a=q x b=lo"] == 0
    assert cg.hits["a=q"] == 1


def test_save_writes_every_bin(tmp_path):
    cg = fcov.Covergroup("g", [fcov.Coverpoint("x", values=[0, 1])])
    cg.sample(x=0)
    fcov.save(tmp_path / "f.json")
    assert json.loads((tmp_path / "f.json").read_text()) == {"g": {"x=0": 1, "x=1": 0}}


def test_coverpoint_needs_exactly_one_bin_spec():
    with pytest.raises(ValueError):
        fcov.Coverpoint("x")


def test_value_lookup_matches_the_predicates():
    """The values= lookup table (a speed-up) picks exactly the bins the predicates pick."""
    cp = fcov.Coverpoint("v", values=[0, 1, True, 2.0, "a", None])
    for sample in (0, 1, True, False, 2, 2.0, "a", "b", None, 3, [1]):
        want = [b for b, pred in cp.bins.items() if pred(sample)]
        assert sorted(cp.bins_of(sample)) == sorted(want), sample
