"""Sharding without a simulator: how tools/regress.py deals runs onto shards and draws seeds, how
tb/durations.json is refreshed, and what tools/merge.py does with shard folders (fake runs)."""

from __future__ import annotations

import argparse
import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tools import merge, plan_status, regress
from tools.project import load_block


def _args(**kw) -> argparse.Namespace:
    base = dict(block=["common_rtl", "port_cfg"], test=None, config=None, seed=None, ci=False, bench=False,
                seeds=3, seed_base=None)
    base.update(kw)
    return argparse.Namespace(**base)


def _ids(items) -> list[tuple[str, int, bool]]:
    return [(regress.selected_key(it), it[2], it[3]) for it in items]


def test_seed_base_draws_the_same_distinct_seeds_everywhere():
    a, b = regress.plan(_args(seed_base=5)), regress.plan(_args(seed_base=5))
    assert _ids(a) == _ids(b)
    assert _ids(a) != _ids(regress.plan(_args(seed_base=6)))
    per_test: dict[str, list[int]] = {}
    for it in a:
        if it[3]:
            per_test.setdefault(regress.selected_key(it), []).append(it[2])
    seeded = [k for k, v in per_test.items() if len(v) > 1]
    assert seeded, "a seeded test draws --seeds seeds"
    for k in seeded:
        assert len(per_test[k]) == 3 and len(set(per_test[k])) == 3, k
    # a test's seeds depend on the test, not on which other tests were selected
    alone = regress.plan(_args(block=["common_rtl"], seed_base=5))
    assert set(_ids(alone)) <= set(_ids(a))


def test_without_seed_base_the_seeds_are_fresh():
    assert _ids(regress.plan(_args())) != _ids(regress.plan(_args()))


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 200])
def test_deal_covers_every_run_once_and_balances(n):
    selected = regress.plan(_args(seed_base=1))
    durations = {regress.selected_key(it): float(1 + i % 9) for i, it in enumerate(selected[::2])}
    shards, loads = regress.deal(selected, n, durations)
    assert len(shards) == n
    dealt = [x for s in shards for x in _ids(s)]
    assert sorted(dealt) == sorted(_ids(selected)), "every run in exactly one shard"
    est = regress.estimator(durations)
    for s, load in zip(shards, loads, strict=True):
        assert load == pytest.approx(sum(est(it) for it in s))
    # greedy longest-first: no shard exceeds the ideal share by more than the longest run
    assert max(loads) <= sum(loads) / n + max(est(it) for it in selected) + 1e-9
    # deterministic and independent of the order the runs were listed in
    shuffled = selected[:]
    random.Random(3).shuffle(shuffled)
    again, _ = regress.deal(shuffled, n, durations)
    assert [_ids(s) for s in again] == [_ids(s) for s in shards]


def test_missing_durations_count_as_the_median():
    selected = regress.plan(_args(block=["common_rtl"], seed_base=1))
    keys = list(dict.fromkeys(regress.selected_key(it) for it in selected))
    known = {keys[0]: 1.0, keys[1]: 3.0, keys[2]: 100.0}
    est = regress.estimator(known)
    missing = [it for it in selected if regress.selected_key(it) not in known]
    assert missing and all(est(it) == 3.0 for it in missing)
    assert regress.estimator({})(selected[0]) == regress.DEFAULT_DURATION_S


def test_a_shard_needs_only_its_configurations():
    """port_cfg has four configurations; dealt onto many shards, some shard must not need all."""
    selected = regress.plan(_args(block=["port_cfg"], seed_base=1, seeds=1))
    shards, _ = regress.deal(selected, 8, regress.load_durations())
    configs = [{it[1].config for it in s} for s in shards]
    assert set().union(*configs) == {it[1].config for it in selected}
    assert any(len(c) < 4 for c in configs)


def test_parse_shard():
    assert regress.parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "x", "1/0", ""):
        with pytest.raises(SystemExit):
            regress.parse_shard(bad)


def _fake_runs(tmp: Path, block: str = "common_rtl") -> list[regress.Run]:
    b = load_block(block)
    out = []
    for i, t in enumerate(b.tests):
        for seed in (11, 12):
            r = regress.Run(b, t, seed, tmp, inject=True)
            r.status, r.wall_s, r.sim_time_ns = "PASS", float(i + seed - 10), 1000.0
            out.append(r)
            if t.negative:
                r2 = regress.Run(b, t, seed, tmp, inject=False)
                r2.status, r2.wall_s = "PASS", 50.0
                out.append(r2)
    return out


def test_update_durations_reads_the_runners_junit(tmp_path, monkeypatch):
    monkeypatch.setattr(regress, "SIM_BUILD", tmp_path)
    runs = _fake_runs(tmp_path)
    regress.write_junit(runs, tmp_path / "results.xml")
    dur = tmp_path / "durations.json"
    dur.write_text(json.dumps({"other/test_kept": 7.0}))
    got = regress.update_durations([tmp_path / "results.xml"], dur)
    assert got["other/test_kept"] == 7.0
    assert got["common_rtl/test_fifo_random"] == 1.5  # seeds 11, 12: walls 1 and 2, median 1.5
    assert got["common_rtl/test_front_random@check"] == pytest.approx(5.5)
    assert got["common_rtl/test_negative_front_mismatch[no-inject]"] == 50.0
    assert json.loads(dur.read_text()) == got


def _fake_shard(root: Path, runs: list[regress.Run], i: int, n: int, all_runs: int, monkeypatch) -> Path:
    """A shard folder as `regress.py --shard i/n --out root` leaves it, with fcov.json per run."""
    monkeypatch.setattr(regress, "SIM_BUILD", root)
    root.mkdir(parents=True)
    for r in runs:
        r.run_dir.mkdir(parents=True)
        (r.run_dir / "fcov.json").write_text(json.dumps({"cg": {"a": r.seed % 2, "b": 1}}))
    regress.write_junit(runs, root / "results.xml")
    regress.write_last_runs(runs)
    (root / "shard.json").write_text(json.dumps({"shard": i, "of": n, "seed_base": 1, "runs": len(runs),
                                                 "all_runs": all_runs}))
    return root


def test_merge_reassembles_the_shards(tmp_path, monkeypatch):
    monkeypatch.setattr(plan_status, "SIM_BUILD", plan_status.SIM_BUILD)  # merge repoints it
    runs = _fake_runs(tmp_path)
    runs[3].status, runs[3].reason = "FAIL", "boom"
    parts = [runs[0::3], runs[1::3], runs[2::3]]
    dirs = [_fake_shard(tmp_path / f"s{i + 1}", p, i + 1, 3, len(runs), monkeypatch) for i, p in enumerate(parts)]
    out = tmp_path / "merged"
    rc = merge.merge(dirs, out)
    assert rc == 1, "a failed run fails the merge"
    suites = list(ET.parse(out / "results.xml").iter("testsuite"))
    assert sum(int(s.get("tests")) for s in suites) == len(runs)
    assert sum(int(s.get("failures")) for s in suites) == 1
    entries = json.loads((out / "last_runs.json").read_text())
    assert len(entries) == len(runs)
    for e in entries:  # every run folder is inside the merged tree
        assert (out / e["rel"] / "fcov.json").exists()
    runs[3].status = "PASS"
    dirs2 = [_fake_shard(tmp_path / f"t{i + 1}", p, i + 1, 3, len(runs), monkeypatch) for i, p in enumerate(parts)]
    assert merge.merge(dirs2, tmp_path / "merged2") == 0


def test_merge_rejects_a_missing_or_repeated_shard(tmp_path, monkeypatch):
    monkeypatch.setattr(plan_status, "SIM_BUILD", plan_status.SIM_BUILD)
    runs = _fake_runs(tmp_path)
    half = len(runs) // 2
    s1 = _fake_shard(tmp_path / "s1", runs[:half], 1, 2, len(runs), monkeypatch)
    s2 = _fake_shard(tmp_path / "s2", runs[half:], 2, 2, len(runs), monkeypatch)
    assert merge.merge([s1, s2], tmp_path / "ok") == 0
    assert merge.merge([s1], tmp_path / "missing") == 1
    assert merge.merge([s1, s1, s2], tmp_path / "twice") == 1
