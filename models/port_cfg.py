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

from models.gen import port_cfg_regs as _G

LANES_PER_QUAD = 4
MAX_LANES = _G.LANE.count  # LANE[64] in the register map
MAX_VSSBS = _G.VSSB_LIMIT.count  # VSSB_LIMIT[16] / VSSB_STATUS[16]
VSSB_FIELD_MAX = _G.REGMAP.field("LANE[0].vssb").max  # 5 bits: out-of-range ids are expressible
LIMIT_MAX = _G.REGMAP.field("VSSB_LIMIT[0].max_ports").reset  # 8-bit fields; reset value (no limit)
CNT_MAX = 0xFFFF_FFFF  # ACCEPT_CNT, REJECT_CNT, ACCESS_VIOL_CNT saturate here

OKAY, SLVERR = 0, 2  # AXI4-Lite responses

# Register map: offsets and fields from the generated map (models/gen/port_cfg_regs.py, from
# rtl/port_cfg/port_cfg_regs.rdl; docs/port_cfg.md).
_F = _G.REGMAP.field
ID_VALUE = (_F("ID.id").reset << _F("ID.id").lsb) | (_F("ID.version").reset << _F("ID.version").lsb)
REG_ID, REG_PARAMS, REG_CTRL, REG_STATUS = _G.ID, _G.PARAMS, _G.CTRL, _G.STATUS
REG_ACCEPT_CNT, REG_REJECT_CNT, REG_ACCESS_VIOL_CNT, REG_ERR = _G.ACCEPT_CNT, _G.REJECT_CNT, _G.ACCESS_VIOL_CNT, _G.ERR
REG_VSSB_LIMIT, REG_VSSB_STATUS, REG_LANE = _G.VSSB_LIMIT.base, _G.VSSB_STATUS.base, _G.LANE.base
ADDR_SPACE = _G.REGMAP.size  # 9-bit register address
_LANE = {n: _F(f"LANE[0].{n}") for n in ("en", "mode", "vssb")}
_LIMIT = {n: _F(f"VSSB_LIMIT[0].{n}") for n in ("max_ports", "max_bw")}
LANE_MASK = sum(f.mask for f in _LANE.values())  # en [0], mode [5:4], vssb [12:8]
LIMIT_MASK = sum(f.mask for f in _LIMIT.values())  # max_ports [7:0], max_bw [23:16]


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


_PORT_WIDTH = {Mode.NARROW: 1, Mode.DUAL: 2, Mode.WIDE: 4, Mode.RSVD: 0}  # lanes per port of each mode


def port_width(mode: int) -> int:
    width = _PORT_WIDTH.get(mode)  # (an int key finds its Mode: IntEnum hashes as its value)
    if width is None:
        raise ValueError(f"{mode!r} is not a valid Mode")
    return width


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
        f = _LANE
        return (int(self.en) << f["en"].lsb) | (int(self.mode) << f["mode"].lsb) | (int(self.vssb) << f["vssb"].lsb)

    @staticmethod
    def from_reg(value: int) -> Lane:
        f = _LANE
        return Lane(bool((value & f["en"].mask) >> f["en"].lsb), (value & f["mode"].mask) >> f["mode"].lsb,
                    (value & f["vssb"].mask) >> f["vssb"].lsb)


@dataclass(frozen=True)
class Limit:
    max_ports: int = LIMIT_MAX
    max_bw: int = LIMIT_MAX

    def to_reg(self) -> int:
        """VSSB_LIMIT register value: max_ports [7:0], max_bw [23:16]."""
        return (self.max_ports << _LIMIT["max_ports"].lsb) | (self.max_bw << _LIMIT["max_bw"].lsb)


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
    mgmt_function: int = 0  # the MgmtFunction parameter: the only AxUSER that may access registers
    accept_cnt: int = 0
    reject_cnt: int = 0
    access_viol_cnt: int = 0
    err_access_viol: bool = False  # ERR.access_viol (sticky, write 1 to clear)
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
            self.accept_cnt = min(self.accept_cnt + 1, CNT_MAX)
            self.active_lanes = list(self.shadow)
            self.active = Active.from_lanes(self.active_lanes)
            self.vssb_ports, self.vssb_bw = res.ports, res.bw
            self._members = [self.active.member_mask(p) for p in range(self.num_lanes)]
        else:
            self.reject_cnt = min(self.reject_cnt + 1, CNT_MAX)
        return res

    # ---- register access (docs/dev-guide.md "Register access", docs/port_cfg.md) --------------

    def reg_kind(self, addr: int) -> tuple[str, int] | None:
        """(register name, array index) for a mapped, word-aligned address; None if unmapped
        (a hole, a misaligned address, a LANE / VSSB entry this configuration does not have)."""
        if addr % 4 or not 0 <= addr < ADDR_SPACE:
            return None
        scalars = {
            REG_ID: "ID", REG_PARAMS: "PARAMS", REG_CTRL: "CTRL", REG_STATUS: "STATUS",
            REG_ACCEPT_CNT: "ACCEPT_CNT", REG_REJECT_CNT: "REJECT_CNT",
            REG_ACCESS_VIOL_CNT: "ACCESS_VIOL_CNT", REG_ERR: "ERR",
        }
        if addr in scalars:
            return scalars[addr], 0
        for base, name, count in (
            (REG_VSSB_LIMIT, "VSSB_LIMIT", self.num_vssbs),
            (REG_VSSB_STATUS, "VSSB_STATUS", self.num_vssbs),
            (REG_LANE, "LANE", self.num_lanes),
        ):
            if base <= addr < base + 4 * count:
                return name, (addr - base) // 4
        return None

    READ_ONLY = frozenset({"ID", "PARAMS", "STATUS", "ACCEPT_CNT", "REJECT_CNT", "ACCESS_VIOL_CNT", "VSSB_STATUS"})

    def _refused(self, func: int) -> bool:
        if func == self.mgmt_function:
            return False
        self.access_viol_cnt = min(self.access_viol_cnt + 1, CNT_MAX)
        self.err_access_viol = True
        return True

    def reg_read(self, addr: int, func: int = 0) -> tuple[int, int]:
        """(value, response) of a read by function `func`, with the commit engine idle."""
        if self._refused(func):
            return 0, SLVERR
        kind = self.reg_kind(addr)
        if kind is None:
            return 0, SLVERR
        name, i = kind
        last = self.last or Result(Err.OK, 0, (), ())
        value = {
            "ID": lambda: ID_VALUE,
            "PARAMS": lambda: self.num_lanes | (self.num_vssbs << 8),
            "CTRL": lambda: 0,
            "STATUS": lambda: (int(last.code) << 4) | (last.lane << 8),
            "ACCEPT_CNT": lambda: self.accept_cnt,
            "REJECT_CNT": lambda: self.reject_cnt,
            "ACCESS_VIOL_CNT": lambda: self.access_viol_cnt,
            "ERR": lambda: int(self.err_access_viol),
            "VSSB_LIMIT": lambda: self.limits[i].to_reg(),
            "VSSB_STATUS": lambda: self.vssb_ports[i] | (self.vssb_bw[i] << 16),
            "LANE": lambda: self.shadow[i].to_reg(),
        }[name]()
        return value, OKAY

    def reg_write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        """Response of a write by function `func` (byte strobes `strb`); a CTRL.commit runs the
        commit at once (the model has no time)."""
        if self._refused(func):
            return SLVERR
        kind = self.reg_kind(addr)
        if kind is None:
            return SLVERR
        name, i = kind
        if name in self.READ_ONLY:
            return SLVERR
        bits = sum(0xFF << (8 * b) for b in range(4) if strb >> b & 1)

        def merged(old: int, mask: int) -> int:
            return (old & ~(bits & mask)) | (value & bits & mask)

        if name == "CTRL":
            if value & bits & 1:
                self.commit()
        elif name == "ERR":
            if value & bits & 1:
                self.err_access_viol = False
        elif name == "VSSB_LIMIT":
            v = merged(self.limits[i].to_reg(), LIMIT_MASK)
            self.limits[i] = Limit(v & 0xFF, (v >> 16) & 0xFF)
        elif name == "LANE":
            self.shadow[i] = Lane.from_reg(merged(self.shadow[i].to_reg(), LANE_MASK))
        return OKAY

    def reg_reset_values(self) -> dict[int, int]:
        """Every mapped register's value right after reset (address -> value)."""
        fresh = PortCfgModel(self.num_lanes, self.num_vssbs, mgmt_function=self.mgmt_function)
        out = {}
        for addr in range(0, ADDR_SPACE, 4):
            if fresh.reg_kind(addr) is not None:
                out[addr] = fresh.reg_read(addr, self.mgmt_function)[0]
        return out

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
