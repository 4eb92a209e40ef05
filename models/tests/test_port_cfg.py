"""Unit tests of the port configurator's golden model (models/port_cfg.py)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.port_cfg import (
    Active,
    Err,
    Lane,
    Limit,
    Mode,
    PortCfgModel,
    is_port_start,
    port_start_off,
    validate,
)
from tb.port_cfg.env.cfg_gen import (
    incremental,
    possible_kinds,
    random_invalid,
    random_valid,
)

N, W, D = Mode.NARROW, Mode.WIDE, Mode.DUAL
UNLIM = [Limit()] * 4


def quad(mode, en=(False,) * 4, vssb=(0, 0, 0, 0)):
    return [Lane(en[i], mode, vssb[i]) for i in range(4)]


def test_reset_config_is_valid_and_empty():
    m = PortCfgModel()
    res = m.commit()
    assert res.code == Err.OK and res.ports == (0, 0, 0, 0) and res.bw == (0, 0, 0, 0)
    assert m.filter(0, 0xFFFFFFFF) == 0


def test_port_starts():
    assert [is_port_start(N, o) for o in range(4)] == [True] * 4
    assert [is_port_start(D, o) for o in range(4)] == [True, False, True, False]
    assert [is_port_start(W, o) for o in range(4)] == [True, False, False, False]
    assert not any(is_port_start(Mode.RSVD, o) for o in range(4))
    assert [port_start_off(D, o) for o in range(4)] == [0, 0, 2, 2]
    assert [port_start_off(W, o) for o in range(4)] == [0, 0, 0, 0]


def test_bandwidth_and_ports_counted_per_vssb():
    lanes = quad(W, (True, False, False, False), (1, 1, 1, 1)) + quad(
        D, (True, False, True, False), (1, 1, 2, 2)
    )
    lanes += quad(N, (True, True, False, True), (0, 3, 3, 2))
    res = validate(lanes, UNLIM, 4)
    assert res.code == Err.OK
    assert res.ports == (1, 2, 2, 1)
    assert res.bw == (1, 6, 3, 1)


@pytest.mark.parametrize(
    "lanes, code, lane",
    [
        (quad(N) + [Lane(False, 3, 0)] + quad(N)[1:], Err.MODE_INVALID, 4),
        (quad(W)[:2] + [Lane(False, N, 0)] + quad(W)[3:], Err.MODE_MISMATCH, 2),
        (quad(D, (False, True, False, False)), Err.NOT_PORT_START, 1),
        (quad(W, (False, False, False, True)), Err.NOT_PORT_START, 3),
        (quad(N, vssb=(0, 0, 4, 0)), Err.VSSB_RANGE, 2),
        (quad(W, vssb=(0, 0, 0, 1)), Err.VSSB_SPLIT, 0),
        (quad(D, vssb=(0, 0, 2, 3)), Err.VSSB_SPLIT, 2),
    ],
)
def test_each_structural_rule(lanes, code, lane):
    res = validate(lanes, UNLIM, 4)
    assert (res.code, res.lane) == (code, lane)


def test_disabled_ports_are_checked_for_range_and_split_but_not_budgets():
    lanes = quad(W, vssb=(5, 5, 5, 5))
    assert validate(lanes, UNLIM, 4).code == Err.VSSB_RANGE
    lanes = quad(W, vssb=(1, 1, 1, 1))
    assert validate(lanes, [Limit(0, 0)] * 4, 4).code == Err.OK


def test_limits_name_the_first_port_over_budget():
    lanes = quad(N, (True,) * 4, (1, 0, 1, 1))
    limits = [Limit(), Limit(2, 255), Limit(), Limit()]
    assert (validate(lanes, limits, 4).code, validate(lanes, limits, 4).lane) == (Err.PORT_LIMIT, 3)
    lanes = quad(D, (True, False, True, False), (2, 2, 2, 2)) + quad(W, (True, False, False, False), (2,) * 4)
    limits = [Limit(), Limit(), Limit(255, 5), Limit()]
    res = validate(lanes, limits, 4)
    assert (res.code, res.lane) == (Err.BW_LIMIT, 4)
    # Both limits exceeded at the same port: PORT_LIMIT has priority.
    res = validate(lanes, [Limit(), Limit(), Limit(1, 2), Limit()], 4)
    assert (res.code, res.lane) == (Err.PORT_LIMIT, 2)
    # A zero limit on a VSSB with an enabled port: its first port offends.
    res = validate(lanes, [Limit(), Limit(), Limit(255, 0), Limit()], 4)
    assert (res.code, res.lane) == (Err.BW_LIMIT, 0)


def test_priority_within_a_lane():
    # Lane 1: reserved mode (1), mismatching (2), enabled non-start (3) -> MODE_INVALID
    lanes = [Lane(False, W, 0), Lane(True, 3, 0), Lane(False, W, 0), Lane(False, W, 0)]
    assert validate(lanes, UNLIM, 4) == validate(lanes, UNLIM, 4)
    assert (validate(lanes, UNLIM, 4).code, validate(lanes, UNLIM, 4).lane) == (Err.MODE_INVALID, 1)
    # Lane 0: out of range (4) and split (5) -> VSSB_RANGE
    lanes = quad(W, (True, False, False, False), (9, 1, 1, 1))
    assert validate(lanes, UNLIM, 4).code == Err.VSSB_RANGE
    # Lane order beats code priority: a budget error on lane 0 beats a mode error on lane 5.
    lanes = quad(N, (True, False, False, False)) + [Lane(), Lane(False, 3, 0), Lane(), Lane()]
    res = validate(lanes, [Limit(0, 255)] + [Limit()] * 3, 4)
    assert (res.code, res.lane) == (Err.PORT_LIMIT, 0)


def test_reject_leaves_active_untouched():
    m = PortCfgModel(num_lanes=8, num_vssbs=2)
    m.shadow = quad(W, (True, False, False, False), (1,) * 4) + quad(
        N, (True, True, False, False), (0, 1, 0, 0)
    )
    assert m.commit().code == Err.OK
    before = (m.active, m.vssb_ports, m.vssb_bw, [m.filter(p, 0xFF) for p in range(8)])
    m.shadow = quad(W, (True, False, False, False), (1,) * 4) + quad(
        N, (True, True, False, False), (0, 2, 0, 0)
    )
    res = m.commit()
    assert (res.code, res.lane) == (Err.VSSB_RANGE, 5)
    assert before == (m.active, m.vssb_ports, m.vssb_bw, [m.filter(p, 0xFF) for p in range(8)])
    assert (m.accept_cnt, m.reject_cnt) == (1, 1)


def test_filter_isolation_and_empty_masks():
    m = PortCfgModel(num_lanes=8, num_vssbs=2)
    m.shadow = quad(W, (True, False, False, False), (1,) * 4) + quad(
        N, (True, True, False, True), (0, 1, 1, 0)
    )
    assert m.commit().code == Err.OK
    assert m.filter(0, 0xFF) == 0b0010_0001  # port 0 (VSSB 1) + port 5
    assert m.filter(4, 0xFF) == 0b1001_0000  # port 4 (VSSB 0) + port 7
    assert m.filter(4, 0x0F) == 0
    assert m.filter(1, 0xFF) == 0  # lane 1 of a wide port: no port
    assert m.filter(6, 0xFF) == 0  # disabled port
    assert m.filter(9, 0xFF) == 0  # out of range
    assert m.active.en == (True, True, True, True, True, True, False, True)


def test_changed_lanes():
    m = PortCfgModel(num_lanes=8, num_vssbs=2)
    base = quad(W, (True, False, False, False), (1,) * 4) + quad(N, (True, True, False, True), (0, 1, 1, 0))
    m.shadow = base
    m.commit()
    assert m.changed_lanes(base) == set()
    new = base[:6] + [Lane(True, N, 1)] + base[7:]
    assert m.changed_lanes(new) == {6}
    new = quad(D, (True, False, True, False), (1, 1, 1, 1)) + base[4:]
    assert m.changed_lanes(new) == {0, 1, 2, 3}


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), lanes=st.sampled_from([4, 8, 32, 64]), vssbs=st.integers(1, 16))
def test_random_valid_configs_are_accepted_and_isolated(seed, lanes, vssbs):
    rng = random.Random(seed)
    m = PortCfgModel(num_lanes=lanes, num_vssbs=vssbs)
    m.shadow, m.limits = random_valid(rng, lanes, vssbs)
    res = m.commit()
    assert res.code == Err.OK
    act = m.active
    assert sum(res.bw) == sum(1 for lane_no in range(lanes) if act.en[lane_no])
    assert sum(res.ports) == sum(1 for p in range(lanes) if act.is_port(p))
    full = (1 << lanes) - 1
    for p in range(lanes):
        allowed = m.filter(p, full)
        for e in range(lanes):
            if allowed >> e & 1:
                assert act.is_port(e) and act.vssb[e] == act.vssb[p] and act.is_port(p)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), lanes=st.sampled_from([4, 8, 32, 64]), vssbs=st.integers(1, 16))
def test_every_invalid_kind_is_generated_and_rejected(seed, lanes, vssbs):
    rng = random.Random(seed)
    for kind in possible_kinds(vssbs):
        if kind == Err.VSSB_RANGE and vssbs > 31:
            continue
        lanes_cfg, limits = random_invalid(rng, kind, lanes, vssbs)
        res = validate(lanes_cfg, limits, vssbs)
        assert res.code == kind
        assert 0 <= res.lane < lanes
        # Everything below the offending lane is clean: the same config cut there has no error.
        q = res.lane // 4
        if q:
            assert validate(lanes_cfg[: 4 * q], limits, vssbs).code == Err.OK


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_incremental_reconfiguration_changes_only_touched_quads(seed):
    rng = random.Random(seed)
    m = PortCfgModel()
    m.shadow, m.limits = random_valid(rng, 32, 4)
    assert m.commit().code == Err.OK
    old = list(m.active_lanes)
    new, limits = incremental(rng, old, 4, "some")
    touched = {i // 4 for i in range(32) if new[i] != old[i]}
    assert {lane_no // 4 for lane_no in m.changed_lanes(new)} <= touched
    m.shadow, m.limits = new, limits
    assert m.commit().code == Err.OK
    assert m.active == Active.from_lanes(new)


def test_register_encoding_roundtrip():
    for lane in (Lane(True, W, 31), Lane(False, 3, 0), Lane(True, D, 7)):
        assert Lane.from_reg(lane.to_reg()) == lane
    assert Limit(3, 9).to_reg() == 0x0009_0003


# ---- register access rules (docs/dev-guide.md "Register access", docs/port_cfg.md) ----------

from models.port_cfg import (  # noqa: E402
    ADDR_SPACE,
    CNT_MAX,
    OKAY,
    REG_ACCEPT_CNT,
    REG_ACCESS_VIOL_CNT,
    REG_CTRL,
    REG_ERR,
    REG_LANE,
    REG_REJECT_CNT,
    REG_VSSB_LIMIT,
    REG_VSSB_STATUS,
    SLVERR,
)


def test_refused_function_changes_nothing_and_is_counted():
    m = PortCfgModel(8, 2, mgmt_function=3)
    before = m.reg_reset_values()
    assert m.reg_write(REG_LANE, 0x1F31, func=0) == SLVERR
    assert m.reg_read(REG_LANE, func=7) == (0, SLVERR)
    assert m.reg_write(REG_CTRL, 1, func=0) == SLVERR and m.accept_cnt == 0
    assert m.access_viol_cnt == 3 and m.err_access_viol
    assert m.reg_read(REG_ACCESS_VIOL_CNT, func=3) == (3, OKAY)
    after = m.reg_reset_values()  # a fresh model: the shadow etc. must still equal it
    assert [m.reg_read(a, 3)[0] for a in before if a not in (REG_ACCESS_VIOL_CNT, REG_ERR)] == [
        v for a, v in after.items() if a not in (REG_ACCESS_VIOL_CNT, REG_ERR)
    ]
    assert m.reg_write(REG_ERR, 0, func=3) == OKAY and m.err_access_viol  # writing 0 clears nothing
    assert m.reg_write(REG_ERR, 1, func=3, strb=0xE) == OKAY and m.err_access_viol  # strobe off
    assert m.reg_write(REG_ERR, 1, func=3) == OKAY and not m.err_access_viol


def test_unmapped_misaligned_and_read_only():
    m = PortCfgModel(8, 2)
    for addr in range(ADDR_SPACE):
        mapped = m.reg_kind(addr) is not None
        if addr % 4:
            assert not mapped
    assert m.reg_kind(REG_LANE + 4 * 7) == ("LANE", 7) and m.reg_kind(REG_LANE + 4 * 8) is None
    assert m.reg_kind(REG_VSSB_LIMIT + 4) and m.reg_kind(REG_VSSB_LIMIT + 8) is None
    assert m.reg_kind(REG_VSSB_STATUS + 4) and m.reg_kind(REG_VSSB_STATUS + 8) is None
    assert m.reg_kind(0x020) is None and m.reg_kind(0x0C0) is None
    assert m.reg_read(REG_LANE + 4 * 8) == (0, SLVERR)
    assert m.reg_write(REG_LANE + 1, 0x1) == SLVERR and m.shadow[0] == Lane()
    assert m.reg_write(REG_ACCEPT_CNT, 5) == SLVERR and m.accept_cnt == 0
    assert m.reg_write(REG_VSSB_STATUS, 5) == SLVERR
    assert m.access_viol_cnt == 0  # rules 2-4 are not access violations
    assert m.reg_write(REG_LANE, 0xFFFF_FFFF, strb=0x1) == OKAY and m.shadow[0] == Lane(True, Mode.RSVD, 0)
    assert m.reg_write(REG_LANE, 0, strb=0) == OKAY and m.shadow[0] == Lane(True, Mode.RSVD, 0)


def test_counters_saturate():
    m = PortCfgModel(8, 2, accept_cnt=CNT_MAX - 1, reject_cnt=CNT_MAX, access_viol_cnt=CNT_MAX)
    m.commit()
    m.commit()
    assert m.accept_cnt == CNT_MAX
    m.shadow[0] = Lane(False, Mode.RSVD, 0)
    m.commit()
    assert m.reject_cnt == CNT_MAX
    m.reg_read(REG_REJECT_CNT, func=1)
    assert m.access_viol_cnt == CNT_MAX


# ---- the golden model's register side agrees with the generated map (models.regmap.RegFile)
def test_register_constants_from_generated_map():
    from models.gen import port_cfg_regs as G
    from models.port_cfg import LANE_MASK, LIMIT_MASK, REG_LANE, REG_VSSB_LIMIT

    assert (REG_LANE, REG_VSSB_LIMIT) == (G.LANE(0), G.VSSB_LIMIT(0))
    assert LANE_MASK == 0x1F31 and LIMIT_MASK == 0x00FF_00FF  # docs/port_cfg.md field positions


@pytest.mark.parametrize("seed", range(5))
def test_shadow_writes_agree_with_regfile(seed):
    """Random strobed writes to LANE / VSSB_LIMIT / ERR: PortCfgModel and RegFile read back alike."""
    from models.gen import port_cfg_regs as G
    from models.port_cfg import PortCfgModel
    from models.regmap import RegFile

    rng = random.Random(seed)
    m = PortCfgModel(8, 2)
    rf = RegFile(G.REGMAP, exists=lambda r: not r.path.startswith(("LANE[", "VSSB_")) or
                 int(r.path.split("[")[1].split("]")[0]) < (8 if r.path.startswith("LANE[") else 2))
    addrs = [G.LANE(i) for i in range(10)] + [G.VSSB_LIMIT(v) for v in range(3)] + [G.ERR]
    for _ in range(200):
        a, d, s = rng.choice(addrs), rng.getrandbits(32), rng.randrange(16)
        assert m.reg_write(a, d, strb=s) == rf.write(a, d, s)
        got, resp = m.reg_read(a)
        exp_resp, exp = rf.read_expect(a)
        assert resp == exp_resp
        if resp == 0:
            reg = G.REGMAP.by_addr[a]
            for f in reg.fields:
                assert (got & f.mask) >> f.lsb in exp[f"{reg.path}.{f.name}"], (hex(a), f.name)
