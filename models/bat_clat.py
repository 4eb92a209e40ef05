"""Golden model of the BAT/CLAT address-translation unit, written from docs/bat_clat.md.

Pure Python, no simulator. Three parts:

* `translate()` - what one request's response is (status, address) and which memory words it
  reads, given the register state and a memory to read the BAT/CLAT tables from.
* `BatClatModel` - register state per function and the global registers: access control by
  accessing function (AxUSER), SLVERR + `ACCESS_VIOLATIONS` on refused accesses, error counters,
  invalidation requests.
* `translate_candidates()` - the same translation over a memory whose words may each hold one of
  several values (see "Caching and stale data" below).

Caching and stale data
----------------------
The model has no cache: it predicts from the tables as they are in memory. The DUT caches BAT and
CLAT entries and may legitimately answer from a cached copy when a table changed in memory and the
change has not yet been invalidated (an invalidation whose `done` software has not yet seen).
The testbench therefore keeps, per memory word, every value the word held since the last
invalidation covering it completed ("candidates"), and accepts a response if it equals the
translation under *some* choice of candidate values. A BAT entry is read as one 2-beat burst, so
its two words are one unit (one candidate = one (word0, word1) pair). Once an invalidation covering
a word has completed, only the word's current value is a candidate, which is exactly the contract:
no response issued after `done` reads 1 uses data fetched before the invalidation was written.
Register reconfiguration (BAT_BASE, BAT_ENTRIES, CTRL) is not raced: the testbench changes a
function's registers only while none of that function's requests is outstanding.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum

from models.gen import bat_clat_regs as _G

MASK64 = (1 << 64) - 1


class Status(IntEnum):
    OK = 0
    FUNC_INVALID = 1
    SERVICE_RANGE = 2
    BAT_INVALID = 3
    BLOCK_RANGE = 4
    CLAT_INVALID = 5
    BUS_ERROR = 6
    MISS_LIMIT = 7


ERROR_STATUSES = [s for s in Status if s != Status.OK]

# AXI response codes (AXI4 / AXI4-Lite RRESP/BRESP)
OKAY = 0
SLVERR = 2
DECERR = 3

# ---------------------------------------------------------------- table formats
BAT_ENTRY_BYTES = 16
CLAT_ENTRY_BYTES = 8
LOG2_BLOCK_MIN = 12
LOG2_BLOCK_MAX = 32
BAT_VALID_BIT = 63
CLAT_VALID_BIT = 0
PAGE_MASK = 0xFFF  # CLAT block addresses are 4 KiB aligned


def bat_word0(clat_entries: int, log2_block_size: int, valid: bool = True) -> int:
    return (clat_entries & 0xFFFF_FFFF) | ((log2_block_size & 0x3F) << 32) | (int(valid) << BAT_VALID_BIT)


def encode_bat_entry(clat_base: int, clat_entries: int, log2_block_size: int, valid: bool = True) -> tuple[int, int]:
    """The two 64-bit words of a BAT entry: word 0 the size fields and valid bit, word 1 the CLAT
    base (a BAT entry is read as one 2-beat burst; the size fields come first)."""
    return bat_word0(clat_entries, log2_block_size, valid), clat_base & MASK64


def encode_clat_entry(block_addr: int, valid: bool = True) -> int:
    return (block_addr & MASK64 & ~PAGE_MASK) | int(valid)


@dataclass(frozen=True)
class BatEntry:
    clat_base: int  # bits 2:0 ignored
    clat_entries: int
    log2_block_size: int
    valid: bool

    @classmethod
    def decode(cls, word0: int, word1: int) -> BatEntry:
        return cls(
            clat_base=word1 & MASK64 & ~0x7,
            clat_entries=word0 & 0xFFFF_FFFF,
            log2_block_size=(word0 >> 32) & 0x3F,
            valid=bool((word0 >> BAT_VALID_BIT) & 1),
        )

    @property
    def usable(self) -> bool:
        return self.valid and LOG2_BLOCK_MIN <= self.log2_block_size <= LOG2_BLOCK_MAX


# ---------------------------------------------------------------- memory
class BusError(Exception):
    """A memory read that the interconnect answers with SLVERR/DECERR."""


ReadWord = Callable[[int], int]  # 8-byte aligned address -> 64-bit word, or raise BusError

BAT_READ_BEATS = 2  # a BAT entry: one 2-beat burst
CLAT_READ_BEATS = 1  # a CLAT entry: one beat


def read_outcome(expected_beats: int, beats: list[tuple[int, bool]]) -> tuple[bool, int]:
    """What the unit makes of one read burst's R beats, each (RRESP, RLAST), up to and including the
    first beat with RLAST (the read ends there; a burst whose RLAST never comes never ends).

    Returns (failed, protocol_errors): the read failed (the request is answered BUS_ERROR and nothing
    from it is cached) if any beat is SLVERR/DECERR or RLAST came on the wrong beat; `AXI_PROTO_ERR`
    counts one per beat the burst is too long, and one for a burst that ends early (docs/bat_clat.md,
    "Malformed AXI read responses")."""
    n = len(beats)
    assert n >= 1 and beats[-1][1] and not any(last for _, last in beats[:-1]), "beats up to the first RLAST"
    bad_resp = any(resp in (SLVERR, DECERR) for resp, _ in beats)
    proto = abs(n - expected_beats)
    return bad_resp or proto != 0, proto


def dict_memory(words: Mapping[int, int], error: Callable[[int], bool] | None = None) -> ReadWord:
    """A ReadWord over a dict of 8-byte aligned words (missing words read 0)."""

    def read(addr: int) -> int:
        if error is not None and error(addr):
            raise BusError(hex(addr))
        return words.get(addr, 0)

    return read


# ---------------------------------------------------------------- registers
@dataclass
class FunctionRegs:
    bat_base: int = 0  # 64-bit, low 4 bits ignored by the table walk
    bat_entries: int = 0
    enable: bool = False


@dataclass(frozen=True)
class Params:
    num_functions: int = 8
    bat_entries: int = 16
    tag_width: int = 8
    offset_width: int = 40
    bat_cache_entries: int = 16
    clat_cache_entries: int = 32
    max_misses: int = 4
    max_misses_per_func: int = 3  # MaxMissesPerFunc: default MaxMisses - 1 (1 if MaxMisses is 1)


# ---------------------------------------------------------------- translation
@dataclass(frozen=True)
class Reads:
    """Memory reads a request's translation needs (in order)."""

    bat_addr: int | None = None  # 16-byte BAT entry, one 2-beat burst
    clat_addr: int | None = None  # one 8-byte CLAT word


@dataclass(frozen=True)
class Result:
    status: Status
    addr: int = 0
    reads: Reads = field(default_factory=Reads)

    @property
    def key(self) -> tuple[int, int]:
        return int(self.status), self.addr


def precheck(params: Params, regs: list[FunctionRegs], func: int, service: int) -> Status | None:
    """The register-only checks: an error status, or None if the BAT entry must be read."""
    if func >= params.num_functions or not regs[func].enable:
        return Status.FUNC_INVALID
    if service >= min(regs[func].bat_entries, params.bat_entries):
        return Status.SERVICE_RANGE
    return None


def bat_entry_addr(regs: FunctionRegs, service: int) -> int:
    return ((regs.bat_base & MASK64 & ~0xF) + BAT_ENTRY_BYTES * service) & MASK64


def walk(bat: BatEntry, offset: int, clat_word: Callable[[int], int]) -> tuple[Status, int, int | None]:
    """Second half of the walk, from a decoded BAT entry: (status, address, CLAT word address)."""
    if not bat.usable:
        return Status.BAT_INVALID, 0, None
    block = offset >> bat.log2_block_size
    if block >= bat.clat_entries:
        return Status.BLOCK_RANGE, 0, None
    caddr = (bat.clat_base + CLAT_ENTRY_BYTES * block) & MASK64
    try:
        word = clat_word(caddr)
    except BusError:
        return Status.BUS_ERROR, 0, caddr
    if not (word >> CLAT_VALID_BIT) & 1:
        return Status.CLAT_INVALID, 0, caddr
    mask = (1 << bat.log2_block_size) - 1
    return Status.OK, ((word & ~PAGE_MASK) + (offset & mask)) & MASK64, caddr


def translate(params: Params, regs: list[FunctionRegs], func: int, service: int, offset: int, read: ReadWord) -> Result:
    """The response to one request, with the tables as they are in `read`'s memory."""
    offset &= (1 << params.offset_width) - 1
    pre = precheck(params, regs, func, service)
    if pre is not None:
        return Result(pre)
    baddr = bat_entry_addr(regs[func], service)
    try:
        w0 = read(baddr)
        w1 = read((baddr + 8) & MASK64)
    except BusError:
        return Result(Status.BUS_ERROR, reads=Reads(bat_addr=baddr))
    status, addr, caddr = walk(BatEntry.decode(w0, w1), offset, read)
    return Result(status, addr, Reads(bat_addr=baddr, clat_addr=caddr))


# A candidate for a memory word is its value or BusError (the word's region answers with an error).
Candidate = int | type[BusError]
ReadCandidates = Callable[[int], Iterable[Candidate]]


def translate_candidates(
    params: Params, regs: list[FunctionRegs], func: int, service: int, offset: int, candidates: ReadCandidates
) -> set[tuple[int, int]]:
    """Every (status, address) the DUT may answer when each word may still hold any of its candidates.

    `candidates(addr)` lists the values a word may legitimately be read as (the current one and the
    ones not yet invalidated); `BusError` as a candidate means the read fails. The two words of a BAT
    entry are combined pairwise (a cached BAT entry was read as one burst, but the testbench never
    rewrites one word of an entry without the other, so the cross product is not looser in practice).
    """
    offset &= (1 << params.offset_width) - 1
    pre = precheck(params, regs, func, service)
    if pre is not None:
        return {(int(pre), 0)}
    baddr = bat_entry_addr(regs[func], service)
    out: set[tuple[int, int]] = set()
    for w0, w1 in itertools.product(candidates(baddr), candidates((baddr + 8) & MASK64)):
        if w0 is BusError or w1 is BusError:
            out.add((int(Status.BUS_ERROR), 0))
            continue
        bat = BatEntry.decode(w0, w1)
        if not bat.usable or (offset >> bat.log2_block_size) >= bat.clat_entries:
            status, addr, _ = walk(bat, offset, lambda a: 0)
            out.add((int(status), addr))
            continue
        caddr = (bat.clat_base + CLAT_ENTRY_BYTES * (offset >> bat.log2_block_size)) & MASK64
        for cw in candidates(caddr):
            status, addr, _ = walk(bat, offset, lambda a, cw=cw: _raise_or(cw))
            out.add((int(status), addr))
    return out


def miss_limit_allowed(params: Params, regs: list[FunctionRegs], func: int, service: int, others_held: int) -> bool:
    """May the unit answer MISS_LIMIT (docs/bat_clat.md, "Miss limit per function")? Only for a request
    that passes the register checks, and only if at some point between its acceptance and its response
    at least MaxMissesPerFunc other requests of its function were outstanding (accepted, not answered):
    `others_held` is the largest such count. Whether it needed memory (which also decides it) depends
    on the caches, so it is not predicted."""
    return precheck(params, regs, func, service) is None and others_held >= params.max_misses_per_func


def _raise_or(value: Candidate) -> int:
    if value is BusError:
        raise BusError()
    return value  # type: ignore[return-value]


# ---------------------------------------------------------------- invalidation completion
class DoneModel:
    """When `INVAL_STATUS.done` must read 0 (docs/bat_clat.md, "Invalidation semantics"): from the
    invalidation's write until every AXI read the unit had issued by then (any function) has
    received its RLAST beat. (done may also be 0 for a few clocks after that: queued results; the
    model only says when it must be 0.)

    Reads are any hashable keys (the testbench uses its AXI monitor's records); `written` takes the
    reads outstanding when the invalidation is written, `update` the reads outstanding now."""

    def __init__(self) -> None:
        self.blocking: set = set()

    def written(self, outstanding: Iterable) -> None:
        self.blocking |= set(outstanding)

    def update(self, outstanding: Iterable) -> None:
        self.blocking &= set(outstanding)

    @property
    def must_be_busy(self) -> bool:
        return bool(self.blocking)


# ---------------------------------------------------------------- register map
# Offsets and field positions from the generated map (models/gen/bat_clat_regs.py, made by
# `make regs` from rtl/bat_clat/bat_clat_regs.rdl): one source, checked current by lint.
REG_ID = _G.ID
REG_PARAMS = _G.PARAMS
REG_INVAL_CTRL = _G.INVAL_CTRL
REG_INVAL_STATUS = _G.INVAL_STATUS
REG_ERR_CNT = _G.ERR_CNT.base  # + 4*(status-1), status 1..7
REG_HIT_CNT = _G.HIT_CNT
REG_MISS_CNT = _G.MISS_CNT
REG_ACCESS_VIOLATIONS = _G.ACCESS_VIOLATIONS
REG_AXI_PROTO_ERR = _G.AXI_PROTO_ERR
FUNC_BASE = _G.FUNC.base
FUNC_STRIDE = _G.FUNC.stride
F_BAT_BASE_LO = _G.FUNC_BAT_BASE_LO
F_BAT_BASE_HI = _G.FUNC_BAT_BASE_HI
F_BAT_ENTRIES = _G.FUNC_BAT_ENTRIES
F_CTRL = _G.FUNC_CTRL
F_INVAL = _G.FUNC_INVAL
F_INVAL_STATUS = _G.FUNC_INVAL_STATUS
REG_SPACE = 0x1000  # the register port's 12-bit address space (the map itself ends at 0x900)

SCOPE_ALL = 0
SCOPE_FUNC = 1
SCOPE_SERVICE = 2


def _lsb(path: str) -> int:
    return _G.REGMAP.field(path).lsb


@dataclass(frozen=True)
class InvalLayout:
    """Bit positions of the invalidation control fields (go, scope, func, service); FUNC[f].INVAL
    has the same positions without func."""

    go: int = _lsb("INVAL_CTRL.go")
    scope: int = _lsb("INVAL_CTRL.scope")  # 2 bits
    func: int = _lsb("INVAL_CTRL.func")  # 8 bits (INVAL_CTRL only)
    service: int = _lsb("INVAL_CTRL.service")  # 8 bits

    def encode(self, scope: int, func: int = 0, service: int = 0, go: bool = True) -> int:
        return (int(go) << self.go) | ((scope & 3) << self.scope) | ((func & 0xFF) << self.func) | (
            (service & 0xFF) << self.service
        )

    def decode(self, value: int) -> tuple[bool, int, int, int]:
        """(go, scope, func, service)"""
        return (
            bool((value >> self.go) & 1),
            (value >> self.scope) & 3,
            (value >> self.func) & 0xFF,
            (value >> self.service) & 0xFF,
        )


INVAL = InvalLayout()
BLOCK_ID = sum(f.reset << f.lsb for f in _G.REGMAP.reg("ID").fields)  # 0xBA7C_0100: block id, version 1.0


def _kept_mask(reg: str) -> int:
    """Bits a write keeps: every field except the single-pulse `go` (reads 0)."""
    return sum(f.mask for f in _G.REGMAP.reg(reg).fields if not f.singlepulse)


# INVAL_CTRL / INVAL fields keep what was written except `go`; INVAL has no func
INVAL_CTRL_MASK = _kept_mask("INVAL_CTRL")
FUNC_INVAL_MASK = _kept_mask("FUNC[0].INVAL")
ERR_CNT_MAX = 0xFFFF_FFFF


def func_reg(f: int, off: int) -> int:
    return FUNC_BASE + FUNC_STRIDE * f + off


def err_cnt_reg(status: Status | int) -> int:
    return REG_ERR_CNT + 4 * (int(status) - 1)


@dataclass(frozen=True)
class Invalidation:
    """An invalidation request as the model sees it: scope, and function/service where scoped."""

    scope: int
    func: int = 0
    service: int = 0

    def covers(self, func: int, service: int | None) -> bool:
        """Whether this invalidation drops cached data of (func, service); service None = any."""
        if self.scope == SCOPE_ALL:
            return True
        if func != self.func:
            return False
        if self.scope == SCOPE_FUNC or service is None:
            return True
        return service == self.service


class BatClatModel:
    """Register state, access control, counters; translation against a memory."""

    def __init__(self, params: Params | None = None, bat_entries_width: int = 8):
        self.p = params or Params()
        self.bat_entries_mask = (1 << bat_entries_width) - 1
        self.reset()

    # ---- state
    def reset(self) -> None:
        self.regs = [FunctionRegs() for _ in range(self.p.num_functions)]
        self.err_cnt = {s: 0 for s in ERROR_STATUSES}
        self.access_violations = 0
        self.axi_proto_err = 0
        self.inval_ctrl = 0
        self.func_inval = [0] * self.p.num_functions
        # invalidations requested by register writes, for the testbench to take (see take_invalidations)
        self.pending_invals: list[Invalidation] = []

    # ---- access control
    def target_function(self, addr: int) -> int | None:
        """The function whose register block `addr` is in; None for the global block."""
        if addr < FUNC_BASE:
            return None
        return (addr - FUNC_BASE) // FUNC_STRIDE

    def access_allowed(self, func: int, addr: int) -> bool:
        target = self.target_function(addr & (REG_SPACE - 1))
        if target is None:
            return func == 0
        if target >= self.p.num_functions:
            return False
        return func in (0, target)

    # ---- register access rules 2-4 (docs/dev-guide.md "Register access"), after access control
    GLOBAL_READ_ONLY = frozenset(
        [REG_ID, REG_PARAMS, REG_INVAL_STATUS, REG_HIT_CNT, REG_MISS_CNT, REG_ACCESS_VIOLATIONS, REG_AXI_PROTO_ERR]
        + [REG_ERR_CNT + 4 * k for k in range(len(ERROR_STATUSES))]
    )
    GLOBAL_WRITABLE = frozenset([REG_INVAL_CTRL])
    FUNC_READ_ONLY = frozenset([F_INVAL_STATUS])
    FUNC_WRITABLE = frozenset([F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL])

    def address_error(self, addr: int, write: bool) -> bool:
        """SLVERR for an allowed access: misaligned, unmapped (a global hole, function-block offsets
        0x18/0x1C), or a write to a read-only register. Not an access violation."""
        if addr % 4:
            return True
        if self.target_function(addr) is None:
            mapped, writable = self.GLOBAL_READ_ONLY | self.GLOBAL_WRITABLE, self.GLOBAL_WRITABLE
            off = addr
        else:
            mapped, writable = self.FUNC_READ_ONLY | self.FUNC_WRITABLE, self.FUNC_WRITABLE
            off = (addr - FUNC_BASE) % FUNC_STRIDE
        return off not in mapped or (write and off not in writable)

    # ---- register accesses (as the AXI4-Lite slave answers them)
    def reg_write(self, func: int, addr: int, value: int) -> int:
        addr &= REG_SPACE - 1
        value &= 0xFFFF_FFFF
        if not self.access_allowed(func, addr):
            self._violation()
            return SLVERR
        if self.address_error(addr, write=True):
            return SLVERR
        target = self.target_function(addr)
        if target is None:
            if addr == REG_INVAL_CTRL:
                self.inval_ctrl = value & INVAL_CTRL_MASK
                go, scope, f, s = INVAL.decode(value)
                if go:
                    self.pending_invals.append(Invalidation(scope if scope <= 2 else SCOPE_ALL, f, s))
            return OKAY
        r = self.regs[target]
        off = (addr - FUNC_BASE) % FUNC_STRIDE
        if off == F_BAT_BASE_LO:
            r.bat_base = (r.bat_base & ~0xFFFF_FFFF) | value
        elif off == F_BAT_BASE_HI:
            r.bat_base = (r.bat_base & 0xFFFF_FFFF) | (value << 32)
        elif off == F_BAT_ENTRIES:
            r.bat_entries = value & self.bat_entries_mask
        elif off == F_CTRL:
            r.enable = bool(value & 1)
        elif off == F_INVAL:
            self.func_inval[target] = value & FUNC_INVAL_MASK
            go, scope, _, s = INVAL.decode(value)
            if go:
                # a VF only invalidates its own tables: scope 0 (all) is narrowed to this function
                scope = SCOPE_SERVICE if scope == SCOPE_SERVICE else SCOPE_FUNC
                self.pending_invals.append(Invalidation(scope, target, s))
            return OKAY
        else:
            return OKAY
        self.pending_invals.append(Invalidation(SCOPE_FUNC, target))  # reconfiguration invalidates
        return OKAY

    def reg_read(self, func: int, addr: int) -> tuple[int | None, int]:
        """(value, resp). Value None = not predicted here: the hit/miss counters (they depend on the
        cache) and INVAL_STATUS (timing of the invalidation engine)."""
        addr &= REG_SPACE - 1
        if not self.access_allowed(func, addr):
            self._violation()
            return 0, SLVERR
        if self.address_error(addr, write=False):
            return 0, SLVERR
        target = self.target_function(addr)
        if target is None:
            if addr == REG_ID:
                return BLOCK_ID, OKAY
            if addr == REG_PARAMS:
                return self.params_value(), OKAY
            if addr == REG_INVAL_CTRL:
                return self.inval_ctrl, OKAY
            if addr in (REG_HIT_CNT, REG_MISS_CNT, REG_INVAL_STATUS):
                return None, OKAY
            if REG_ERR_CNT <= addr < REG_ERR_CNT + 4 * len(ERROR_STATUSES):
                return self.err_cnt[Status((addr - REG_ERR_CNT) // 4 + 1)], OKAY
            if addr == REG_ACCESS_VIOLATIONS:
                return self.access_violations, OKAY
            if addr == REG_AXI_PROTO_ERR:
                return self.axi_proto_err, OKAY
            return 0, OKAY
        r = self.regs[target]
        off = (addr - FUNC_BASE) % FUNC_STRIDE
        value = {
            F_BAT_BASE_LO: r.bat_base & 0xFFFF_FFFF,
            F_BAT_BASE_HI: r.bat_base >> 32,
            F_BAT_ENTRIES: r.bat_entries,
            F_CTRL: int(r.enable),
            F_INVAL: self.func_inval[target],
            F_INVAL_STATUS: None,
        }.get(off, 0)
        return value, OKAY

    def params_value(self) -> int:
        p = self.p
        return (
            (p.num_functions & 0xFF)
            | (p.bat_entries & 0xFF) << 8
            | (p.bat_cache_entries.bit_length() - 1) << 16
            | (p.clat_cache_entries.bit_length() - 1) << 20
            | (p.max_misses & 0xFF) << 24
        )

    def _violation(self) -> None:
        self.access_violations = min(self.access_violations + 1, ERR_CNT_MAX)

    def take_invalidations(self) -> list[Invalidation]:
        out, self.pending_invals = self.pending_invals, []
        return out

    # ---- responses
    def translate(self, func: int, service: int, offset: int, read: ReadWord) -> Result:
        return translate(self.p, self.regs, func, service, offset, read)

    def translate_candidates(
        self, func: int, service: int, offset: int, candidates: ReadCandidates, regs: list[FunctionRegs] | None = None
    ) -> set[tuple[int, int]]:
        return translate_candidates(self.p, self.regs if regs is None else regs, func, service, offset, candidates)

    def snapshot(self) -> tuple[tuple[int, int, bool], ...]:
        """The function registers as an immutable value (for requests racing a reconfiguration)."""
        return tuple((r.bat_base, r.bat_entries, r.enable) for r in self.regs)

    @staticmethod
    def regs_of(snapshot: tuple[tuple[int, int, bool], ...]) -> list[FunctionRegs]:
        return [FunctionRegs(*t) for t in snapshot]

    def count_axi_proto_errors(self, n: int) -> None:
        """Malformed R beats/bursts the unit saw (read_outcome; one per stray beat)."""
        self.axi_proto_err = min(self.axi_proto_err + n, ERR_CNT_MAX)

    def count_response(self, status: Status | int) -> None:
        status = Status(status)
        if status != Status.OK:
            self.err_cnt[status] = min(self.err_cnt[status] + 1, ERR_CNT_MAX)

    # ---- memory-access isolation
    def allowed_read_ranges(
        self, func: int, service: int, candidates: ReadCandidates, regs: list[FunctionRegs] | None = None
    ) -> list[tuple[int, int]]:
        """Byte ranges [lo, hi) that a request of (func, service) may read: its function's BAT, and the
        CLATs that (any candidate of) its BAT entry points to. Empty if the request needs no read."""
        regs = self.regs if regs is None else regs
        if precheck(self.p, regs, func, service) is not None:
            return []
        r = regs[func]
        base = r.bat_base & MASK64 & ~0xF
        n = min(r.bat_entries, self.p.bat_entries)
        ranges = [(base, base + BAT_ENTRY_BYTES * n)]
        baddr = bat_entry_addr(r, service)
        for w0, w1 in itertools.product(candidates(baddr), candidates(baddr + 8)):
            if w0 is BusError or w1 is BusError:
                continue
            bat = BatEntry.decode(w0, w1)
            if bat.usable:
                ranges.append((bat.clat_base, bat.clat_base + CLAT_ENTRY_BYTES * bat.clat_entries))
        return ranges
