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


def test_remembered_samples_count_like_fresh_ones(monkeypatch):
    """The memo of Covergroup.sample: a combination sampled again counts the same bins; past the
    memo's limit, and for unhashable values, the bins are worked out each time, with the same counts."""
    from tb.common import fcov

    def group(name):
        return fcov.Covergroup(name, [
            fcov.Coverpoint("status", values=["OK", "ERR"]),
            fcov.Coverpoint("lat", bins={"short": lambda v: v < 4, "long": lambda v: v >= 4, "any": lambda v: True}),
        ], crosses=[("status", "lat")])

    samples = [("OK", 1), ("ERR", 7), ("OK", 1), ("OK", 9), ("ERR", 7), ("OK", 1)]
    memo = group("memo_on")
    for st, lat in samples:
        memo.sample(status=st, lat=lat)
    monkeypatch.setattr(fcov, "MEMO_LIMIT", 0)
    fresh = group("memo_off")
    for st, lat in samples:
        fresh.sample(status=st, lat=lat)
    assert not fresh._memo and memo._memo
    assert memo.hits == fresh.hits
    assert memo.hits["status=OK x lat=short"] == 3 and memo.hits["lat=any"] == 6
    held = len(memo._memo)
    unhashable = fcov.Covergroup("memo_unhashable", [fcov.Coverpoint("beats", bins={"many": lambda v: len(v) > 1})])
    unhashable.sample(beats=[1, 2])  # not remembered, still counted
    unhashable.sample(beats=[1, 2])
    assert unhashable.hits["beats=many"] == 2 and not unhashable._memo and len(memo._memo) == held
