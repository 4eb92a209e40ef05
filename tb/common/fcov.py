"""Functional coverage: covergroups with coverpoints and crosses, saved per run and merged by the runner.

    cg = Covergroup("response", [
        Coverpoint("status", values=["OK", "BAT_INVALID"]),
        Coverpoint("hit", bins={"hit": lambda v: v, "miss": lambda v: not v}),
    ], crosses=[("status", "hit")])
    cg.sample(status="OK", hit=True)
    ...
    fcov.save()          # at the end of the test (pyuvm: report_phase)

Every bin is written out, hit or not, so the merged report's denominator is the full bin list and
coverage cannot look better by never declaring a bin. `ignore` on a cross excludes combinations
that are impossible by design (say why in a comment where you pass it).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

FCOV_FILE = Path("fcov.json")
MEMO_LIMIT = 4096  # value combinations per covergroup whose bins are remembered (Covergroup.sample)
_registry: dict[str, Covergroup] = {}


class Coverpoint:
    def __init__(
        self,
        name: str,
        values: Iterable[Any] | None = None,
        bins: Mapping[str, Callable[[Any], bool]] | None = None,
    ):
        if (values is None) == (bins is None):
            raise ValueError(f"coverpoint {name}: give exactly one of values= or bins=")
        self.name = name
        # values= bins: also a lookup table value -> bin names (equal values share an entry), so a
        # sample costs one dict lookup instead of one predicate call per bin
        self._by_value: dict[Any, list[str]] | None = None
        if values is not None:
            values = list(values)
            self.bins: dict[str, Callable[[Any], bool]] = {
                str(v): (lambda x, v=v: x == v) for v in values
            }
            try:
                by_value: dict[Any, list[str]] = {}
                for v in values:
                    names = by_value.setdefault(v, [])
                    if str(v) not in names:
                        names.append(str(v))
                self._by_value = by_value
            except TypeError:  # an unhashable value: predicates only
                self._by_value = None
        else:
            self.bins = dict(bins)

    def bins_of(self, value: Any) -> list[str]:
        if self._by_value is not None:
            try:
                return self._by_value.get(value, [])
            except TypeError:  # an unhashable sample: compare with every bin
                pass
        return [b for b, pred in self.bins.items() if pred(value)]


class Covergroup:
    def __init__(
        self,
        name: str,
        coverpoints: list[Coverpoint],
        crosses: Iterable[tuple[str, ...]] = (),
        ignore: Callable[[dict[str, str]], bool] | None = None,
    ):
        self.name = name
        self.coverpoints = {cp.name: cp for cp in coverpoints}
        self.hits: dict[str, int] = {}
        for cp in coverpoints:
            for b in cp.bins:
                self.hits[f"{cp.name}={b}"] = 0
        self.crosses = [tuple(c) for c in crosses]
        # per cross: bin-name combination -> its hits key (the ignored ones absent), built once
        self._cross_keys: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {}
        for cross in self.crosses:
            keys = self._cross_keys[cross] = {}
            for combo in itertools.product(*(self.coverpoints[c].bins for c in cross)):
                binmap = dict(zip(cross, combo, strict=True))
                if ignore is not None and ignore(binmap):
                    continue
                keys[combo] = _cross_key(binmap)
                self.hits[keys[combo]] = 0
        self._memo: dict[tuple, tuple[str, ...]] = {}
        _registry[name] = self

    def sample(self, **values: Any) -> None:
        # A testbench samples the same few value combinations again and again: the hits keys of a
        # combination are worked out once (bins are pure functions of the value) and kept, up to
        # MEMO_LIMIT combinations (values like latencies can be many; past the limit: computed each time).
        try:
            memo_key = tuple(values.items())
            keys = self._memo.get(memo_key)
        except TypeError:  # an unhashable value
            memo_key, keys = None, None
        if keys is None:
            keys = self._keys_of(values)
            if memo_key is not None and len(self._memo) < MEMO_LIMIT:
                self._memo[memo_key] = keys
        hits = self.hits
        for key in keys:
            hits[key] += 1

    def _keys_of(self, values: dict[str, Any]) -> tuple[str, ...]:
        """The hits keys (coverpoint bins, cross bins) a sample of `values` counts."""
        out: list[str] = []
        matched: dict[str, list[str]] = {}
        for cp_name, value in values.items():
            cp = self.coverpoints[cp_name]
            matched[cp_name] = cp.bins_of(value)
            out.extend(f"{cp_name}={b}" for b in matched[cp_name])
        for cross in self.crosses:
            if not all(c in matched for c in cross):
                continue
            keys = self._cross_keys[cross]
            for combo in itertools.product(*(matched[c] for c in cross)):
                key = keys.get(combo)
                if key is not None:
                    out.append(key)
        return tuple(out)

    def coverage(self) -> float:
        return 100.0 * sum(1 for n in self.hits.values() if n) / max(1, len(self.hits))


def _cross_key(binmap: dict[str, str]) -> str:
    return " x ".join(f"{k}={v}" for k, v in binmap.items())


def save(path: Path = FCOV_FILE) -> None:
    """Write every covergroup's bins (hit or not) to fcov.json in the run's directory."""
    path.write_text(json.dumps({name: cg.hits for name, cg in _registry.items()}, indent=1))


def reset() -> None:
    _registry.clear()
