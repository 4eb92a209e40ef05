"""Scoreboard: every commit, every clock of every commit, and every filter answer against the golden
model (models/port_cfg.py). Fails (BaseScoreboard.fail: ScoreboardError) at the first mismatch."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import lru_cache

from pyuvm import ConfigDB

from models.port_cfg import Active, Err, PortCfgModel, Result
from tb.common import soak
from tb.common.base import BaseScoreboard
from tb.port_cfg.env.items import CommitObs, CommitRequest, CommitStatus, FilterTxn, OutputSample


def pack(active: Active) -> tuple[int, int, int]:
    """An Active as the DUT's packed output vectors (lane_mode_o, lane_en_o, port_vssb_o)."""
    mode = sum(m << (2 * i) for i, m in enumerate(active.mode))
    en = sum(int(e) << i for i, e in enumerate(active.en))
    vssb = sum(v << (4 * i) for i, v in enumerate(active.vssb))
    return mode, en, vssb


# Bounded caches: a soak applies thousands of configurations and only the recent ones are still
# asked about; unbounded, they keep every configuration's decoded lanes for the whole run.
@lru_cache(maxsize=128)
def unpack(key: tuple[int, int, int], n: int) -> Active:
    mode, en, vssb = key
    return Active(
        tuple((mode >> (2 * i)) & 3 for i in range(n)),
        tuple(bool((en >> i) & 1) for i in range(n)),
        tuple((vssb >> (4 * i)) & 15 for i in range(n)),
    )


@lru_cache(maxsize=128)
def ports_of(key: tuple[int, int, int], n: int) -> tuple[int, ...]:
    """The lanes that start an enabled port under configuration `key`."""
    act = unpack(key, n)
    return tuple(p for p in range(n) if act.is_port(p))


@lru_cache(maxsize=128)
def members(key: tuple[int, int, int], n: int) -> tuple[int, ...]:
    act = unpack(key, n)
    return tuple(act.member_mask(p) for p in range(n))


@dataclass
class Prediction:
    req: CommitRequest
    res: Result
    before: Active
    after: Active
    accept_cnt: int
    reject_cnt: int
    vssb_ports: tuple[int, ...]
    vssb_bw: tuple[int, ...]


class Scoreboard(BaseScoreboard):
    def build_phase(self):
        info = ConfigDB().get(self, "", "dut_info")
        self.n = info.num_lanes
        self.model = PortCfgModel(num_lanes=self.n, num_vssbs=info.num_vssbs)
        self.for_obs: deque[Prediction] = deque()
        self.for_status: dict[int, Prediction] = {}
        self.known = {pack(self.model.active)}  # every active configuration the model produced
        self.commits = self.filter_checked = self.obs_checked = 0
        self.filter_latencies: set[int] = set()

    # -- commit requested: predict ------------------------------------------------------------------
    def write_request(self, req: CommitRequest) -> None:
        before = self.model.active
        self.model.shadow = list(req.lanes)
        self.model.limits = list(req.limits) + self.model.limits[len(req.limits) :]
        res = self.model.commit()
        pred = Prediction(
            req,
            res,
            before,
            self.model.active,
            self.model.accept_cnt,
            self.model.reject_cnt,
            self.model.vssb_ports,
            self.model.vssb_bw,
        )
        self.known.add(pack(self.model.active))
        self.for_obs.append(pred)
        self.for_status[req.uid] = pred
        self.commits += 1
        self.logger.debug("commit #%d (%s): predicted %s lane %d", req.uid, req.kind, res.code.name, res.lane)

    # -- outputs clock by clock through the commit ---------------------------------------------------
    def write_obs(self, obs: CommitObs) -> None:
        if not self.for_obs:
            self.fail(f"commit result {obs.code} observed with no commit requested")
        pred = self.for_obs.popleft()
        uid = pred.req.uid
        if obs.code != pred.res.code:
            self.fail(f"commit #{uid}: commit_code_o {Err(obs.code).name}, model {pred.res.code.name}")
        old, new = pack(pred.before), pack(pred.after)
        if obs.before.key() != old:
            self.fail(f"commit #{uid}: outputs before the commit are not the model's active configuration")
        *during, last = obs.samples
        for s in during:
            if s.key() != old:
                self.fail(
                    f"commit #{uid}: outputs moved in clock {s.cycle}, before the commit's result "
                    f"(lanes {self.diff_lanes(old, s)})"
                )
        if last.key() != new:
            self.fail(
                f"commit #{uid} ({pred.res.code.name}): outputs after the result differ from the model "
                f"in lanes {self.diff_lanes(new, last)}"
            )
        # Hitless, lane by lane: a lane the model leaves unchanged is constant in every sample.
        unchanged = [i for i in range(self.n) if pred.before.lane_outputs(i) == pred.after.lane_outputs(i)]
        for s in [obs.before, *obs.samples]:
            act = unpack(s.key(), self.n)
            for i in unchanged:
                if act.lane_outputs(i) != pred.before.lane_outputs(i):
                    self.fail(f"commit #{uid}: unchanged lane {i} moved in clock {s.cycle}")
        self.obs_checked += 1

    def diff_lanes(self, key_a: tuple[int, int, int], s: OutputSample) -> list[int]:
        a, b = unpack(key_a, self.n), unpack(s.key(), self.n)
        return [i for i in range(self.n) if a.lane_outputs(i) != b.lane_outputs(i)]

    def write_spurious(self, pair: tuple[OutputSample, OutputSample]) -> None:
        last, s = pair
        self.fail(
            f"outputs changed in clock {s.cycle} outside any commit (lanes {self.diff_lanes(last.key(), s)})"
        )

    # -- software's view of the result ---------------------------------------------------------------
    def write_status(self, st: CommitStatus) -> None:
        pred = self.for_status.pop(st.uid, None)
        if pred is None:
            self.fail(f"status for unknown commit #{st.uid}")
        # The status fields the register model leaves to the commit engine (volatile there); the
        # counters were already checked by the register scoreboard when read (tb/port_cfg/env/regs.py:
        # counted per commit_done_o, whose code write_obs checks against this model).
        exp_lane = pred.res.lane if pred.res.code != Err.OK else 0
        got = (st.code, st.err_lane, st.vssb_ports, st.vssb_bw)
        exp = (int(pred.res.code), exp_lane, pred.vssb_ports, pred.vssb_bw)
        if got != exp:
            self.fail(f"commit #{st.uid} status (code, err_lane, ports, bw): DUT {got}, model {exp}")
        # Earlier commits of a back-to-back burst report only through their observation.
        for uid in [u for u in self.for_status if u < st.uid]:
            del self.for_status[uid]

    # -- isolation filter ----------------------------------------------------------------------------
    def write_filter(self, txn: FilterTxn) -> None:
        if txn.ingress < 0:
            self.fail(f"filter answer in clock {txn.cycle} without a request")
        self.filter_latencies.add(txn.latency)
        if txn.latency != 1:
            self.fail(f"filter request of clock {txn.cycle} answered after {txn.latency} clocks, expected 1")
        if txn.cfg not in self.known:
            self.fail(f"clock {txn.cycle}: active outputs are no configuration the model ever applied")
        exp = txn.egress & members(txn.cfg, self.n)[txn.ingress] if txn.ingress < self.n else 0
        if txn.allowed != exp:
            self.fail(
                f"filter clock {txn.cycle}: ingress {txn.ingress} egress {txn.egress:#x}: "
                f"DUT {txn.allowed:#x}, model {exp:#x} (extra {txn.allowed & ~exp:#x})"
            )
        self.filter_checked += 1
        soak.tick()  # one transaction: a filter answer checked

    def check_phase(self):
        if self.for_obs:
            self.fail(f"{len(self.for_obs)} commit(s) requested but no result observed")
        if self.for_status:
            self.fail(f"{len(self.for_status)} commit status(es) never read back")
        self.logger.info(
            "scoreboard: %d commits, %d commit observations, %d filter answers checked",
            self.commits,
            self.obs_checked,
            self.filter_checked,
        )
