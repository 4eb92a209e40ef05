"""Golden model of the switch-board port configurator (docs/port_cfg.md is the contract).

Pure Python, no simulator: the shadow configuration (per lane: enable, breakout mode, VSSB id; per
VSSB: port and bandwidth limits), the commit that validates the whole shadow and applies it
atomically or rejects it (error code + first offending lane), the active per-lane outputs, the
per-VSSB status and the isolation filter.

Validation walks the lanes in order; the first lane at which any rule fails is the offending lane,
and at that lane the lowest error code among the failing rules is reported. Port-limit and
bandwidth-limit rules count enabled ports in lane order, so the offending port is the first one
that takes its VSSB past a limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

LANES_PER_QUAD = 4
MAX_LANES = 64  # LANE[64] in the register map
MAX_VSSBS = 16  # VSSB_LIMIT[16] / VSSB_STATUS[16]
VSSB_FIELD_MAX = 31  # LANE.vssb is 5 bits: out-of-range ids are expressible
LIMIT_MAX = 255  # VSSB_LIMIT fields are 8 bits; reset value (no limit)


class Mode(IntEnum):
    NARROW = 0  # four 1-lane ports (lanes 0, 1, 2, 3)
    DUAL = 1  # two 2-lane ports (lanes 0 and 2)
    WIDE = 2  # one 4-lane port (lane 0)
    RSVD = 3  # reserved: rejected


class Err(IntEnum):
    OK = 0
    MODE_INVALID = 1
    MODE_MISMATCH = 2
    NOT_PORT_START = 3
    VSSB_RANGE = 4
    VSSB_SPLIT = 5
    PORT_LIMIT = 6
    BW_LIMIT = 7


REJECT_CODES = [e for e in Err if e != Err.OK]


def port_width(mode: int) -> int:
    return {Mode.NARROW: 1, Mode.DUAL: 2, Mode.WIDE: 4}.get(Mode(mode), 0)


def is_port_start(mode: int, off: int) -> bool:
    width = port_width(mode)
    return width > 0 and off % width == 0


def port_start_off(mode: int, off: int) -> int:
    width = port_width(mode)
    return off - off % width if width else off


@dataclass(frozen=True)
class Lane:
    en: bool = False
    mode: int = Mode.NARROW
    vssb: int = 0

    def to_reg(self) -> int:
        """LANE register value: en [0], mode [5:4], vssb [12:8]."""
        return int(self.en) | (int(self.mode) << 4) | (int(self.vssb) << 8)

    @staticmethod
    def from_reg(value: int) -> Lane:
        return Lane(bool(value & 1), (value >> 4) & 3, (value >> 8) & 0x1F)


@dataclass(frozen=True)
class Limit:
    max_ports: int = LIMIT_MAX
    max_bw: int = LIMIT_MAX

    def to_reg(self) -> int:
        """VSSB_LIMIT register value: max_ports [7:0], max_bw [23:16]."""
        return self.max_ports | (self.max_bw << 16)


@dataclass(frozen=True)
class Result:
    code: Err
    lane: int  # first offending lane; 0 when OK
    ports: tuple[int, ...]  # per-VSSB enabled ports (the accepted configuration's)
    bw: tuple[int, ...]  # per-VSSB bandwidth in lanes


def validate(lanes: list[Lane], limits: list[Limit], num_vssbs: int) -> Result:
    """Check a whole candidate configuration; the result of a commit of it."""
    n = len(lanes)
    assert n % LANES_PER_QUAD == 0
    ports = [0] * num_vssbs
    bw = [0] * num_vssbs
    for lane_no, lane in enumerate(lanes):
        base = lane_no - lane_no % LANES_PER_QUAD
        off = lane_no - base
        qmode = lanes[base].mode
        width = port_width(qmode)
        start = is_port_start(qmode, off)
        errs: list[Err] = []
        if lane.mode == Mode.RSVD:
            errs.append(Err.MODE_INVALID)
        if off != 0 and lane.mode != qmode:
            errs.append(Err.MODE_MISMATCH)
        if lane.en and not start:
            errs.append(Err.NOT_PORT_START)
        if start and lane.vssb >= num_vssbs:
            errs.append(Err.VSSB_RANGE)
        if start and any(lanes[lane_no + k].vssb != lane.vssb for k in range(1, width)):
            errs.append(Err.VSSB_SPLIT)
        if start and lane.en and lane.vssb < num_vssbs:
            v = lane.vssb
            if ports[v] + 1 > limits[v].max_ports:
                errs.append(Err.PORT_LIMIT)
            if bw[v] + width > limits[v].max_bw:
                errs.append(Err.BW_LIMIT)
            ports[v] += 1
            bw[v] += width
        if errs:
            return Result(min(errs), lane_no, (), ())
    return Result(Err.OK, 0, tuple(ports), tuple(bw))


@dataclass(frozen=True)
class Active:
    """The applied configuration as the DUT outputs it, lane by lane."""

    mode: tuple[int, ...]  # lane_mode_o: the quad's mode
    en: tuple[bool, ...]  # lane_en_o: the port the lane belongs to is enabled
    vssb: tuple[int, ...]  # port_vssb_o: the VSSB of the port the lane belongs to

    @staticmethod
    def from_lanes(lanes: list[Lane]) -> Active:
        mode, en, vssb = [], [], []
        for lane_no, lane in enumerate(lanes):
            base = lane_no - lane_no % LANES_PER_QUAD
            qmode = lanes[base].mode
            mode.append(int(qmode))
            en.append(bool(lanes[base + port_start_off(qmode, lane_no - base)].en))
            vssb.append(lane.vssb & 0xF)
        return Active(tuple(mode), tuple(en), tuple(vssb))

    @property
    def num_lanes(self) -> int:
        return len(self.mode)

    def is_port(self, p: int) -> bool:
        """Lane p is the first lane of an enabled port."""
        return self.en[p] and is_port_start(self.mode[p], p % LANES_PER_QUAD)

    def member_mask(self, p: int) -> int:
        """Enabled ports of port p's VSSB (0 when p is not an enabled port)."""
        if not (0 <= p < self.num_lanes) or not self.is_port(p):
            return 0
        return sum(1 << e for e in range(self.num_lanes) if self.is_port(e) and self.vssb[e] == self.vssb[p])

    def lane_outputs(self, lane_no: int) -> tuple[int, bool, int]:
        return self.mode[lane_no], self.en[lane_no], self.vssb[lane_no]


@dataclass
class PortCfgModel:
    """Registers + commit + active state + filter of one configurator instance."""

    num_lanes: int = 32
    num_vssbs: int = 4
    shadow: list[Lane] = field(default_factory=list)
    limits: list[Limit] = field(default_factory=list)
    accept_cnt: int = 0
    reject_cnt: int = 0
    last: Result | None = None

    def __post_init__(self) -> None:
        assert self.num_lanes % LANES_PER_QUAD == 0 and 0 < self.num_lanes <= MAX_LANES
        assert 1 <= self.num_vssbs <= MAX_VSSBS
        if not self.shadow:
            self.shadow = [Lane() for _ in range(self.num_lanes)]
        if not self.limits:
            self.limits = [Limit() for _ in range(self.num_vssbs)]
        self.active_lanes: list[Lane] = [Lane() for _ in range(self.num_lanes)]
        self.active = Active.from_lanes(self.active_lanes)
        self.vssb_ports = tuple([0] * self.num_vssbs)
        self.vssb_bw = tuple([0] * self.num_vssbs)
        self._members = [0] * self.num_lanes

    def commit(self) -> Result:
        res = validate(self.shadow, self.limits, self.num_vssbs)
        self.last = res
        if res.code == Err.OK:
            self.accept_cnt += 1
            self.active_lanes = list(self.shadow)
            self.active = Active.from_lanes(self.active_lanes)
            self.vssb_ports, self.vssb_bw = res.ports, res.bw
            self._members = [self.active.member_mask(p) for p in range(self.num_lanes)]
        else:
            self.reject_cnt += 1
        return res

    def filter(self, ingress: int, egress: int) -> int:
        """Allowed egress mask for a request from `ingress` (a lane number)."""
        if not 0 <= ingress < self.num_lanes:
            return 0
        return egress & self._members[ingress]

    def commit_latency_clk(self) -> int:
        """Clocks from the CTRL.commit pulse to the outputs changing (accepted commit)."""
        return self.num_lanes // LANES_PER_QUAD + 2

    def changed_lanes(self, new: list[Lane]) -> set[int]:
        """Lanes whose outputs a commit of `new` would move (empty if it would be rejected)."""
        after = Active.from_lanes(new)
        return {
            lane_no
            for lane_no in range(self.num_lanes)
            if after.lane_outputs(lane_no) != self.active.lane_outputs(lane_no)
        }
