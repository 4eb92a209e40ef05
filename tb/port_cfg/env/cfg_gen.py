"""Configuration generators (pure Python): random valid configurations, invalid ones of each kind,
incremental reconfiguration of some quads. Used by the sequence library and by the model's tests.

Every generator takes a `random.Random` so runs replay from the seed.
"""

from __future__ import annotations

import random

from models.port_cfg import (
    LANES_PER_QUAD,
    LIMIT_MAX,
    VSSB_FIELD_MAX,
    Err,
    Lane,
    Limit,
    Mode,
    port_width,
    validate,
)

Config = tuple[list[Lane], list[Limit]]
VALID_MODES = (Mode.NARROW, Mode.DUAL, Mode.WIDE)


def random_quad(rng: random.Random, num_vssbs: int, p_en: float = 0.7, mode: int | None = None) -> list[Lane]:
    """One quad: a breakout mode and, per port, an enable and a VSSB repeated on all its lanes."""
    mode = rng.choice(VALID_MODES) if mode is None else mode
    width = port_width(mode)
    quad: list[Lane] = []
    for _ in range(LANES_PER_QUAD // width):
        vssb = rng.randrange(num_vssbs)
        en = rng.random() < p_en
        quad.append(Lane(en, mode, vssb))
        quad.extend(Lane(False, mode, vssb) for _ in range(width - 1))
    return quad


def fitting_limits(rng: random.Random, lanes: list[Lane], num_vssbs: int, tight: float = 0.3) -> list[Limit]:
    """Limits the configuration fits in: unlimited, or (with probability `tight`) exactly its usage
    plus a small slack, so that budgets are exercised near their edge."""
    res = validate(lanes, [Limit()] * num_vssbs, num_vssbs)
    assert res.code == Err.OK, res
    limits = []
    for v in range(num_vssbs):
        if rng.random() < tight:
            limits.append(
                Limit(
                    min(LIMIT_MAX, res.ports[v] + rng.randrange(2)),
                    min(LIMIT_MAX, res.bw[v] + rng.randrange(3)),
                )
            )
        else:
            limits.append(Limit())
    return limits


def random_valid(rng: random.Random, num_lanes: int, num_vssbs: int, p_en: float | None = None) -> Config:
    p_en = rng.choice((0.0, 0.5, 0.8, 1.0)) if p_en is None else p_en
    lanes: list[Lane] = []
    for _ in range(num_lanes // LANES_PER_QUAD):
        lanes.extend(random_quad(rng, num_vssbs, p_en))
    return lanes, fitting_limits(rng, lanes, num_vssbs)


def reconfigure_quads(rng: random.Random, lanes: list[Lane], num_vssbs: int, quads: list[int]) -> list[Lane]:
    """A copy of `lanes` with the listed quads replaced by new random (valid) quads."""
    new = list(lanes)
    for q in quads:
        new[q * LANES_PER_QUAD : (q + 1) * LANES_PER_QUAD] = random_quad(rng, num_vssbs)
    return new


def incremental(rng: random.Random, lanes: list[Lane], num_vssbs: int, how: str = "some") -> Config:
    """Reconfigure none / some / all quads of an accepted configuration (limits unlimited)."""
    nq = len(lanes) // LANES_PER_QUAD
    if how == "none":
        quads: list[int] = []
    elif how == "all":
        quads = list(range(nq))
    else:
        quads = rng.sample(range(nq), rng.randint(1, max(1, nq - 1)))
    new = reconfigure_quads(rng, lanes, num_vssbs, quads)
    return new, [Limit()] * num_vssbs


def _corrupt(rng: random.Random, kind: Err, lanes: list[Lane], limits: list[Limit], num_vssbs: int) -> bool:
    """Plant one error of `kind` in place; False if this configuration cannot take it."""
    nq = len(lanes) // LANES_PER_QUAD
    q = rng.randrange(nq)
    base = q * LANES_PER_QUAD
    if kind == Err.MODE_INVALID:
        lane_no = rng.randrange(len(lanes))
        lanes[lane_no] = Lane(lanes[lane_no].en, Mode.RSVD, lanes[lane_no].vssb)
    elif kind == Err.MODE_MISMATCH:
        off = rng.randrange(1, LANES_PER_QUAD)
        old = lanes[base + off]
        lanes[base + off] = Lane(
            old.en, rng.choice([m for m in VALID_MODES if m != lanes[base].mode]), old.vssb
        )
    elif kind == Err.NOT_PORT_START:
        mode = rng.choice((Mode.DUAL, Mode.WIDE))
        lanes[base : base + LANES_PER_QUAD] = random_quad(rng, num_vssbs, mode=mode)
        off = rng.choice([o for o in range(1, LANES_PER_QUAD) if o % port_width(mode)])
        old = lanes[base + off]
        lanes[base + off] = Lane(True, old.mode, old.vssb)
    elif kind == Err.VSSB_RANGE:
        if num_vssbs > VSSB_FIELD_MAX:
            return False
        mode = lanes[base].mode
        width = port_width(mode)
        start = rng.randrange(0, LANES_PER_QUAD, width)
        bad = rng.randint(num_vssbs, VSSB_FIELD_MAX)
        for k in range(width):  # the whole port moves out of range: no split
            old = lanes[base + start + k]
            lanes[base + start + k] = Lane(old.en, old.mode, bad)
    elif kind == Err.VSSB_SPLIT:
        if num_vssbs < 2:
            return False
        mode = rng.choice((Mode.DUAL, Mode.WIDE))
        lanes[base : base + LANES_PER_QUAD] = random_quad(rng, num_vssbs, mode=mode)
        off = rng.choice([o for o in range(1, LANES_PER_QUAD) if o % port_width(mode)])
        old = lanes[base + off]
        lanes[base + off] = Lane(old.en, old.mode, rng.choice([v for v in range(num_vssbs) if v != old.vssb]))
    elif kind in (Err.PORT_LIMIT, Err.BW_LIMIT):
        res = validate(lanes, [Limit()] * num_vssbs, num_vssbs)
        if res.code != Err.OK:
            return False
        used = [v for v in range(num_vssbs) if res.ports[v]]
        if not used:
            return False
        v = rng.choice(used)
        if kind == Err.PORT_LIMIT:
            limits[v] = Limit(rng.randrange(res.ports[v]), LIMIT_MAX)
        else:
            limits[v] = Limit(LIMIT_MAX, rng.randrange(res.bw[v]))
    return True


def random_invalid(rng: random.Random, kind: Err, num_lanes: int, num_vssbs: int) -> Config:
    """A configuration that a commit rejects with exactly `kind` (generate, plant, check)."""
    for _ in range(200):
        lanes, _ = random_valid(rng, num_lanes, num_vssbs, p_en=rng.choice((0.5, 1.0)))
        limits = [Limit()] * num_vssbs
        if not _corrupt(rng, kind, lanes, limits, num_vssbs):
            continue
        if validate(lanes, limits, num_vssbs).code == kind:
            return lanes, limits
    raise ValueError(f"cannot generate a {kind.name} configuration for {num_lanes} lanes / {num_vssbs} VSSBs")


def possible_kinds(num_vssbs: int) -> list[Err]:
    """Rejection kinds a configuration with this many VSSBs can express."""
    return [k for k in Err if k != Err.OK and not (k == Err.VSSB_SPLIT and num_vssbs < 2)]
