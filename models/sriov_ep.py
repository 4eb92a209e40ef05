"""Golden model of the SR-IOV endpoint subsystem's DMA write engine (rtl/sriov_ep/, contract in
docs/sriov_ep.md), reusing the `bat_clat` and `dirty_track` models.

Pure Python, no simulator, no time. It says, for a descriptor and its payload beats:

* which beats of the payload stream it owns (`beats`), which bytes of them are written
  (`payload_bytes`);
* how it is cut into 4 KiB pieces (`pieces`), how a translated piece becomes AXI4 INCR bursts
  (`bursts`) and with which WSTRB (`strobes`);
* its completion status, the bursts the engine issues (address, AWLEN, WSTRB, WDATA, AWUSER), the
  host bytes they write, what the counters count, and the pages `dirty_track` marks for them
  (`EngineModel.execute` -> `Outcome`);
* the engine's registers (`EngineRegs`) and the subsystem's register decode (`decode`,
  `SubsystemModel`).

Call order (the model has no clock; the caller supplies the order the contract defines):

* Stop is sampled at the descriptor's handshake. Apply `EngineModel.stop()` (or a STOP register
  write) *before* `execute()` of every descriptor accepted in or after the clock the stop acted in,
  and after `execute()` of the ones accepted before. `execute(..., stopped=...)` overrides the
  sampled value when the caller recorded it itself.
* Counters count at the completion handshake: `execute()` counts at once by default
  (`count=True`); a scoreboard that reads counters while completions wait passes `count=False` and
  calls `complete(outcome)` at the handshake.
* Translation is whatever the caller's `translate(func, service, offset)` answers when called, in
  piece order; `table_translator()` builds one from `models.bat_clat` over a memory. The model
  reads tables as they are when `execute()` runs: a descriptor must not DMA-write the tables that
  pieces in flight are translated from (the engine translates up to `MaxPieces` ahead and
  `bat_clat` caches).

Choices the contract leaves open, made here (to be written into docs/sriov_ep.md):

* `LEN_INVALID` takes precedence over `STOPPED`: a stopped function's descriptor with an invalid
  length completes `LEN_INVALID` and consumes no beat (its beat count is not defined for a
  length the engine refuses).
* `STOP.func` keeps all 8 bits; bit f stops descriptors of function f for every f < 8, also
  f >= NumFunctions (those complete `STOPPED` instead of `FUNC_INVALID`). A function >= 8 is
  stopped by `STOP.all` only. "Function f is stopped" means `STOP.func[f] | STOP.all`.
* `BYTE_CNT` counts the range bytes of every burst answered OKAY (a piece with one failing burst
  still counts its OKAY bursts).
* A burst answered SLVERR/DECERR may or may not have written memory (that is the memory's
  business): its bytes are in `Outcome.error_writes`, not in `Outcome.writes`.
* MISS_LIMIT is never a piece's status: the engine asks again; a `translate` callable returning it
  is a caller error (ValueError).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum

from models import bat_clat as bc
from models import dirty_track as dt
from models.gen import sriov_ep_regs as _G

# ----------------------------------------------------------------------------- constants
PAGE = 4096  # pieces: the smallest BAT block
BEAT_BYTES = 8  # 64-bit data
AWSIZE = 3
MASK32 = 0xFFFF_FFFF
MASK64 = (1 << 64) - 1
OKAY, SLVERR, DECERR = bc.OKAY, bc.SLVERR, bc.DECERR
AXIL_ADDR_BITS = 22
PF = 0  # the physical function: the only one that may access the engine's registers
ARB_ID_DMA, ARB_ID_REPORT = 0, 1  # AWID of engine bursts / dirty_track report bursts


class Status(IntEnum):
    """Completion status (`cpl_status_o`)."""

    OK = 0
    FUNC_INVALID = int(bc.Status.FUNC_INVALID)
    SERVICE_RANGE = int(bc.Status.SERVICE_RANGE)
    BAT_INVALID = int(bc.Status.BAT_INVALID)
    BLOCK_RANGE = int(bc.Status.BLOCK_RANGE)
    CLAT_INVALID = int(bc.Status.CLAT_INVALID)
    BUS_ERROR = int(bc.Status.BUS_ERROR)
    WRITE_ERROR = 8
    LEN_INVALID = 9
    STOPPED = 10


TRANSLATION_ERRORS = tuple(Status(int(s)) for s in bc.ERROR_STATUSES if s != bc.Status.MISS_LIMIT)
NUM_STATUS_CODES = 16


@dataclass(frozen=True)
class Params:
    num_functions: int = 8
    offset_width: int = 40
    len_width: int = 17
    max_pieces: int = 8
    max_burst_beats: int = 32
    tag_width: int = 8

    @property
    def max_len(self) -> int:
        return 1 << (self.len_width - 1)

    def __post_init__(self) -> None:
        assert 1 <= self.num_functions <= 8
        b = self.max_burst_beats
        assert 2 <= b <= 256 and b & (b - 1) == 0, "MaxBurstBeats: a power of two, 2..256"


@dataclass(frozen=True)
class Descriptor:
    tag: int
    func: int
    service: int
    offset: int
    length: int


Beat = tuple[int, int]  # (data_i, data_strb_i) of one payload beat: lane i = data bits 8i+7..8i


# ----------------------------------------------------------------------------- pure functions
def length_valid(params: Params, desc: Descriptor) -> bool:
    """1 <= len <= 2^(LenWidth-1) and offset + len <= 2^OffsetWidth (else LEN_INVALID)."""
    return 1 <= desc.length <= params.max_len and desc.offset + desc.length <= 1 << params.offset_width


def beats(offset: int, length: int) -> int:
    """Payload beats a (valid) descriptor owns: ceil(((offset mod 8) + len) / 8)."""
    return -(-((offset % BEAT_BYTES) + length) // BEAT_BYTES)


def check_ports(params: Params, desc: Descriptor) -> None:
    """The descriptor's fields are port values: each must fit its port (ValueError otherwise)."""
    widths = {"tag": params.tag_width, "func": 8, "service": 8, "offset": params.offset_width,
              "length": params.len_width}
    for name, w in widths.items():
        v = getattr(desc, name)
        if not 0 <= v < 1 << w:
            raise ValueError(f"descriptor {name} {v:#x} does not fit the {w}-bit port")


@dataclass(frozen=True)
class Piece:
    offset: int  # first byte (offset space)
    length: int
    index: int  # k: piece order inside the descriptor


def pieces(offset: int, length: int) -> list[Piece]:
    """The range cut at every 4 KiB boundary of the offset."""
    out: list[Piece] = []
    o, end = offset, offset + length
    while o < end:
        nxt = min((o // PAGE + 1) * PAGE, end)
        out.append(Piece(o, nxt - o, len(out)))
        o = nxt
    return out


@dataclass(frozen=True)
class Burst:
    addr: int  # AWADDR: the first byte of the piece in this window (unaligned head kept)
    awlen: int  # beats - 1
    first_byte: int  # that byte's index inside the piece (0 for the piece's first burst)
    nbytes: int  # range bytes of the piece in this window

    @property
    def num_beats(self) -> int:
        return self.awlen + 1


def bursts(host_addr: int, length: int, max_burst_beats: int) -> list[Burst]:
    """One INCR burst per aligned `max_burst_beats * 8`-byte window that [host_addr, +length)
    touches, covering the 8-byte words of the range in that window."""
    window = max_burst_beats * BEAT_BYTES
    out: list[Burst] = []
    a, end = host_addr, host_addr + length
    while a < end:
        w_end = min((a // window + 1) * window, end)
        n_beats = (w_end + BEAT_BYTES - 1) // BEAT_BYTES - a // BEAT_BYTES
        out.append(Burst(a, n_beats - 1, a - host_addr, w_end - a))
        a = w_end
    return out


def range_mask(word_addr: int, first: int, end: int) -> int:
    """Byte lanes of the 8-byte word at `word_addr` that lie in [first, end)."""
    return sum(1 << i for i in range(BEAT_BYTES) if first <= word_addr + i < end)


def strobes(addr: int, nbytes: int, payload_strb: Sequence[int] | None = None) -> list[int]:
    """WSTRB of each beat of a burst covering bytes [addr, addr + nbytes): the range mask AND the
    payload strobe of the stream beat that feeds it (default: all ones)."""
    w0 = addr & ~(BEAT_BYTES - 1)
    n = (addr + nbytes + BEAT_BYTES - 1) // BEAT_BYTES - addr // BEAT_BYTES
    out = []
    for j in range(n):
        s = 0xFF if payload_strb is None else payload_strb[j]
        out.append(range_mask(w0 + BEAT_BYTES * j, addr, addr + nbytes) & s)
    return out


def beat_index(desc: Descriptor, offset: int) -> int:
    """Index, among the descriptor's own beats, of the beat carrying `offset`."""
    return (offset // BEAT_BYTES) - (desc.offset // BEAT_BYTES)


def payload_bytes(desc: Descriptor, payload: Sequence[Beat]) -> dict[int, int]:
    """offset -> byte for every byte the descriptor's beats would write (in the range and strobed),
    before translation (a piece that fails translation writes none of its bytes)."""
    out: dict[int, int] = {}
    for o in range(desc.offset, desc.offset + desc.length):
        data, strb = payload[beat_index(desc, o)]
        lane = o % BEAT_BYTES
        if strb >> lane & 1:
            out[o] = (data >> (8 * lane)) & 0xFF
    return out


def payload_beats(offset: int, data: bytes, strb: Sequence[bool] | None = None, fill: int = 0) -> list[Beat]:
    """The stream beats for `data` written at `offset` (lanes follow the offset): strobes on exactly
    the range's bytes (or where `strb[i]` is true for data byte i); lanes outside the range carry
    `fill` and strobe 0."""
    n = beats(offset, len(data))
    base = offset & ~(BEAT_BYTES - 1)
    out = []
    for j in range(n):
        d, s = 0, 0
        for i in range(BEAT_BYTES):
            k = base + BEAT_BYTES * j + i - offset  # index into data
            if 0 <= k < len(data):
                d |= data[k] << (8 * i)
                if strb is None or strb[k]:
                    s |= 1 << i
            else:
                d |= (fill & 0xFF) << (8 * i)
        out.append((d, s))
    return out


# ----------------------------------------------------------------------------- translation
Translate = Callable[[int, int, int], tuple[bc.Status | int, int]]  # (func, service, offset) -> (status, addr)


def table_translator(bat: bc.BatClatModel | Sequence[bc.FunctionRegs], read_word: bc.ReadWord,
                     bat_params: bc.Params | None = None) -> Translate:
    """A `translate` callable that walks the BAT/CLAT tables in `read_word`'s memory with the
    `bat_clat` model (a BatClatModel, or its function registers plus bat_clat Params)."""
    if isinstance(bat, bc.BatClatModel):
        p, regs = bat.p, bat.regs
    else:
        p, regs = bat_params or bc.Params(), list(bat)

    def translate(func: int, service: int, offset: int) -> tuple[bc.Status, int]:
        r = bc.translate(p, regs, func, service, offset, read_word)
        return r.status, r.addr

    return translate


def memory_reader(mem: Mapping[int, int] | bytearray | bytes, base: int = 0,
                  error: Callable[[int], bool] | None = None) -> bc.ReadWord:
    """A bat_clat ReadWord over a byte image (dict addr -> byte, missing bytes 0, or a bytearray
    whose index 0 is host address `base`); little endian, as the AXI data bus."""

    def read(addr: int) -> int:
        if error is not None and error(addr):
            raise bc.BusError(hex(addr))
        if isinstance(mem, (bytes, bytearray)):
            i = addr - base
            chunk = mem[i:i + 8] if 0 <= i else b""
            return int.from_bytes(bytes(chunk).ljust(8, b"\0"), "little")
        return sum(mem.get(addr + i, 0) << (8 * i) for i in range(8))

    return read


# ----------------------------------------------------------------------------- outcome
@dataclass(frozen=True)
class BurstWrite:
    """One write burst the engine issues (AW/W) and its response."""

    func: int  # AWUSER
    addr: int  # AWADDR
    awlen: int
    wstrb: tuple[int, ...]
    wdata: tuple[int, ...]  # lanes with WSTRB 0 are undefined on the bus: zeroed here
    ok: bool  # answered OKAY
    piece: int  # piece index inside the descriptor
    nbytes: int  # range bytes (BYTE_CNT when OKAY)

    @property
    def awid(self) -> int:
        return ARB_ID_DMA

    def bytes_written(self) -> dict[int, int]:
        base = self.addr & ~(BEAT_BYTES - 1)
        out = {}
        for j, (d, s) in enumerate(zip(self.wdata, self.wstrb, strict=True)):
            for i in range(BEAT_BYTES):
                if s >> i & 1:
                    out[base + BEAT_BYTES * j + i] = (d >> (8 * i)) & 0xFF
        return out


def wdata_matches(expected: BurstWrite, beat: int, wdata: int, wstrb: int) -> bool:
    """A W beat seen on the bus equals the predicted one (strobe, and data under the strobe)."""
    s = expected.wstrb[beat]
    lanes = sum(0xFF << (8 * i) for i in range(BEAT_BYTES) if s >> i & 1)
    return wstrb == s and (wdata & lanes) == (expected.wdata[beat] & lanes)


@dataclass(frozen=True)
class PieceResult:
    piece: Piece
    status: Status  # OK, a translation error, or WRITE_ERROR
    host_addr: int  # the translation (0 unless translated OK)
    bursts: tuple[BurstWrite, ...]


@dataclass
class Outcome:
    desc: Descriptor
    status: Status
    beats_consumed: int
    pieces: list[PieceResult] = field(default_factory=list)
    bursts: list[BurstWrite] = field(default_factory=list)  # in issue order
    writes: dict[int, int] = field(default_factory=dict)  # host addr -> byte (bursts answered OKAY)
    error_writes: dict[int, int] = field(default_factory=dict)  # bursts answered with an error: may land
    byte_cnt: int = 0  # what FUNC[func].BYTE_CNT counts

    @property
    def completion(self) -> tuple[int, int]:
        """(cpl_tag_o, cpl_status_o)."""
        return self.desc.tag, int(self.status)

    def marks(self, dirty: dt.DirtyTrackModel) -> list[dt.Marks | None]:
        """Per burst, the pages `dirty_track` marks for it under its current configuration (None:
        the function does not log, or it is not a function dirty_track has). Every issued burst
        marks, answered OKAY or not (marking is at AW). Does not change `dirty`."""
        out: list[dt.Marks | None] = []
        for b in self.bursts:
            if b.func >= dirty.num_functions or not dirty.funcs[b.func].log_en:
                out.append(None)
            else:
                out.append(dirty.marks_for(b.func, b.addr, b.awlen, AWSIZE, dt.BURST_INCR))
        return out

    def apply_marks(self, dirty: dt.DirtyTrackModel) -> list[dt.Marks | None]:
        """Apply every burst to `dirty` (bitmap, out-of-range and bad-function counters)."""
        return [dirty.dma_write(b.func, b.addr, b.awlen, AWSIZE, dt.BURST_INCR) for b in self.bursts]


# ----------------------------------------------------------------------------- the engine
class EngineModel:
    """Stop bits, counters and the execution of one descriptor at a time (see the module
    docstring for the call order)."""

    def __init__(self, params: Params | None = None):
        self.p = params or Params()
        self.reset()

    def reset(self) -> None:
        self.stop_func = 0  # STOP.func[7:0]
        self.stop_all = False  # STOP.all
        self.status_cnt = [0] * NUM_STATUS_CODES
        self.desc_cnt = [0] * self.p.num_functions
        self.byte_cnt = [0] * self.p.num_functions
        self.err_cnt = [0] * self.p.num_functions
        self.access_viol = False  # ERR.access_viol
        self.access_viol_cnt = 0

    # ---- stop
    def stop(self, func_mask: int, all: bool = False) -> None:  # noqa: A002 - the field's name
        """Set the STOP register (func[7:0] = func_mask, all): the value, not an OR."""
        self.stop_func = func_mask & 0xFF
        self.stop_all = bool(all)

    def is_stopped(self, func: int) -> bool:
        """Whether a descriptor of `func` accepted now completes STOPPED."""
        return self.stop_all or (func < 8 and bool(self.stop_func >> func & 1))

    def stopped(self, func: int, outstanding_funcs: Iterable[int]) -> bool:
        """STOPPED.func[func]: stopped, and no descriptor of `func` accepted before has a write
        outstanding (`outstanding_funcs`: the functions of the descriptors that have)."""
        return self.is_stopped(func) and func not in set(outstanding_funcs)

    def stopped_all(self, outstanding_funcs: Iterable[int]) -> bool:
        """STOPPED.all: STOP.all and no descriptor at all has a write outstanding."""
        return self.stop_all and not any(True for _ in outstanding_funcs)

    def stopped_reg(self, outstanding_funcs: Iterable[int]) -> int:
        """The STOPPED register's value."""
        out = set(outstanding_funcs)
        return sum(1 << f for f in range(8) if self.stopped(f, out)) | int(self.stopped_all(out)) << STOP_ALL_BIT

    # ---- descriptors
    def execute(self, desc: Descriptor, payload: Sequence[Beat], translate: Translate,
                write_ok: Callable[[BurstWrite], bool] | None = None, *, stopped: bool | None = None,
                count: bool = True) -> Outcome:
        """What the engine does with one accepted descriptor. `payload`: the stream from this
        descriptor's first beat on (at least `beats_consumed` beats; later ones are ignored).
        `translate(func, service, piece_offset)` -> (bat_clat status, host address), called once per
        piece in piece order. `write_ok(burst)`: the burst's response is OKAY (default: always).
        `stopped`: the stop state at the handshake (default: `is_stopped(desc.func)` now)."""
        p = self.p
        check_ports(p, desc)
        if not length_valid(p, desc):
            out = Outcome(desc, Status.LEN_INVALID, 0)
            return self._done(out, count)
        n = beats(desc.offset, desc.length)
        if len(payload) < n:
            raise ValueError(f"descriptor needs {n} payload beats, got {len(payload)}")
        if self.is_stopped(desc.func) if stopped is None else stopped:
            return self._done(Outcome(desc, Status.STOPPED, n), count)
        out = Outcome(desc, Status.OK, n)
        for pc in pieces(desc.offset, desc.length):
            st, host = translate(desc.func, desc.service, pc.offset)
            st = bc.Status(int(st))
            if st == bc.Status.MISS_LIMIT:
                raise ValueError("MISS_LIMIT is retried by the engine: the translator must not answer it")
            if st != bc.Status.OK:
                out.pieces.append(PieceResult(pc, Status(int(st)), 0, ()))
                continue
            if (host ^ pc.offset) & (PAGE - 1):
                raise ValueError(f"translation {host:#x} of offset {pc.offset:#x} is not 4 KiB page aligned")
            piece_status = Status.OK
            written = []
            for b in bursts(host, pc.length, p.max_burst_beats):
                first_off = pc.offset + b.first_byte  # offset of the burst's first byte
                j0 = beat_index(desc, first_off)
                feed = payload[j0:j0 + b.num_beats]
                wstrb = strobes(b.addr, b.nbytes, [s for _, s in feed])
                wdata = tuple(d & sum(0xFF << (8 * i) for i in range(8) if s >> i & 1)
                              for (d, _), s in zip(feed, wstrb, strict=True))
                bw = BurstWrite(desc.func, b.addr, b.awlen, tuple(wstrb), wdata, True, pc.index, b.nbytes)
                if write_ok is not None and not write_ok(bw):
                    bw = replace(bw, ok=False)
                    piece_status = Status.WRITE_ERROR
                    out.error_writes.update(bw.bytes_written())
                else:
                    out.byte_cnt += b.nbytes
                    out.writes.update(bw.bytes_written())
                written.append(bw)
            out.bursts.extend(written)
            out.pieces.append(PieceResult(pc, piece_status, host, tuple(written)))
        out.status = next((r.status for r in out.pieces if r.status != Status.OK), Status.OK)
        return self._done(out, count)

    def _done(self, out: Outcome, count: bool) -> Outcome:
        if count:
            self.complete(out)
        return out

    def complete(self, out: Outcome) -> None:
        """Count a completion (at its handshake)."""
        self.status_cnt[out.status] = _sat(self.status_cnt[out.status] + 1)
        f = out.desc.func
        if f < self.p.num_functions:
            self.desc_cnt[f] = _sat(self.desc_cnt[f] + 1)
            self.byte_cnt[f] = _sat(self.byte_cnt[f] + out.byte_cnt)
            if out.status != Status.OK:
                self.err_cnt[f] = _sat(self.err_cnt[f] + 1)


def _sat(v: int) -> int:
    return min(v, MASK32)


# ----------------------------------------------------------------------------- memory image
Image = MutableMapping[int, int] | bytearray


def apply(outcome: Outcome, memory: Image, base: int = 0, error_writes_land: bool = False) -> None:
    """Write an outcome's host bytes into a byte image (dict addr -> byte, or a bytearray whose
    index 0 is host address `base`). `error_writes_land`: also the bytes of bursts answered with
    an error (whether they land is the memory's choice)."""
    items = list(outcome.writes.items())
    if error_writes_land:
        items += list(outcome.error_writes.items())
    for a, v in items:
        if isinstance(memory, bytearray):
            memory[a - base] = v
        else:
            memory[a] = v


@dataclass(frozen=True)
class StopWrite:
    """A STOP register write between two descriptors of a `predict_image` sequence."""

    func_mask: int
    all: bool = False


def predict_image(engine: EngineModel, items: Sequence[Descriptor | StopWrite], stream: Sequence[Beat],
                  image: Image, translate: Translate | None = None, *,
                  translator_for: Callable[[Image], Translate] | None = None,
                  write_ok: Callable[[BurstWrite], bool] | None = None, base: int = 0,
                  error_writes_land: bool = False) -> tuple[Image, list[Outcome]]:
    """The final host image after the descriptors (in acceptance order, with STOP writes between
    them) run on `stream` (the whole payload stream), starting from a copy of `image` (a dict
    addr -> byte or a bytearray at host address `base`; the argument is not changed). Translation:
    `translate`, or `translator_for(live_image)` to read the tables from the image being written.
    Returns (final image, outcomes); the engine's counters count every completion."""
    mem: Image = bytearray(image) if isinstance(image, (bytes, bytearray)) else dict(image)
    if (translate is None) == (translator_for is None):
        raise ValueError("give exactly one of translate and translator_for")
    tr = translate if translate is not None else translator_for(mem)  # type: ignore[misc]
    outcomes: list[Outcome] = []
    pos = 0
    for it in items:
        if isinstance(it, StopWrite):
            engine.stop(it.func_mask, it.all)
            continue
        o = engine.execute(it, _Tail(stream, pos), tr, write_ok)
        pos += o.beats_consumed
        apply(o, mem, base, error_writes_land)
        outcomes.append(o)
    return mem, outcomes


class _Tail(Sequence):
    """stream[pos:] without the copy."""

    def __init__(self, seq: Sequence[Beat], pos: int):
        self.seq, self.pos = seq, pos

    def __len__(self) -> int:
        return max(len(self.seq) - self.pos, 0)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            return [self.seq[self.pos + k] for k in range(start, stop, step)]
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.seq[self.pos + i]


# ----------------------------------------------------------------------------- registers
# Offsets and field positions from the generated map (models/gen/sriov_ep_regs.py, made by
# `make regs BLOCK=sriov_ep` from rtl/sriov_ep/sriov_ep_regs.rdl): one source, checked current by lint.
ENGINE_ID, ENGINE_PARAMS, ENGINE_STOP, ENGINE_STOPPED = _G.ID, _G.PARAMS, _G.STOP, _G.STOPPED
ENGINE_ERR, ENGINE_ACCESS_VIOL_CNT = _G.ERR, _G.ACCESS_VIOL_CNT
STATUS_CNT_BASE, STATUS_CNT_STRIDE = _G.STATUS_CNT.base, _G.STATUS_CNT.stride
FUNC_CNT_BASE, FUNC_CNT_STRIDE = _G.FUNC.base, _G.FUNC.stride
DESC_CNT_OFF, BYTE_CNT_OFF, ERR_CNT_OFF = _G.FUNC_DESC_CNT, _G.FUNC_BYTE_CNT, _G.FUNC_ERR_CNT
ID_VALUE = sum(f.reset << f.lsb for f in _G.REGMAP.reg("ID").fields)  # 0x5345_0100
STOP_ALL_BIT = _G.REGMAP.field("STOP.all").lsb  # STOP/STOPPED: func[7:0], all[8]
assert _G.REGMAP.field("STOPPED.all").lsb == STOP_ALL_BIT and _G.REGMAP.field("STOP.func").lsb == 0
ERR_ACCESS_VIOL = _G.REGMAP.field("ERR.access_viol").mask
ENGINE_SPACE = _G.BAT_CLAT_BASE  # the engine's range of the subsystem map (its own map ends at 0x180)

# Subsystem address ranges (docs/sriov_ep.md "Registers"; sriov_ep_space in the map file):
# (first, end exclusive, target)
RANGES = (
    (0, _G.BAT_CLAT_BASE, "engine"),
    (_G.BAT_CLAT_BASE, _G.BAT_CLAT_BASE + _G.BAT_CLAT_SIZE, "bat_clat"),
    (_G.DIRTY_TRACK_BASE, _G.DIRTY_TRACK_BASE + _G.DIRTY_TRACK_SIZE, "dirty_track"),
)


def status_cnt_reg(status: int) -> int:
    return STATUS_CNT_BASE + STATUS_CNT_STRIDE * int(status)


def func_cnt_reg(func: int, off: int) -> int:
    return FUNC_CNT_BASE + FUNC_CNT_STRIDE * func + off


def decode(addr: int) -> tuple[str | None, int]:
    """(target, address inside the target) of a subsystem register address (22 bits); target None
    = unmapped (SLVERR, no effect, reads 0, not an access violation)."""
    if not 0 <= addr < 1 << AXIL_ADDR_BITS:
        raise ValueError(f"address {addr:#x} is wider than the 22-bit register port")
    for lo, hi, target in RANGES:
        if lo <= addr < hi:
            return target, addr - lo
    return None, addr


class EngineRegs:
    """The engine's registers over an EngineModel's state (docs/dev-guide.md "Register access":
    access control first: only the PF (AxUSER 0); then misaligned, unmapped, write to read-only)."""

    def __init__(self, engine: EngineModel):
        self.e = engine

    def kind(self, addr: int) -> tuple[str, int] | None:
        """(register name, index) of an aligned mapped engine address, else None."""
        if addr % 4 or not 0 <= addr < ENGINE_SPACE:
            return None
        scalars = {ENGINE_ID: "ID", ENGINE_PARAMS: "PARAMS", ENGINE_STOP: "STOP", ENGINE_STOPPED: "STOPPED",
                   ENGINE_ERR: "ERR", ENGINE_ACCESS_VIOL_CNT: "ACCESS_VIOL_CNT"}
        if addr in scalars:
            return scalars[addr], 0
        if STATUS_CNT_BASE <= addr < STATUS_CNT_BASE + STATUS_CNT_STRIDE * NUM_STATUS_CODES:
            return "STATUS_CNT", (addr - STATUS_CNT_BASE) // STATUS_CNT_STRIDE
        if FUNC_CNT_BASE <= addr < FUNC_CNT_BASE + FUNC_CNT_STRIDE * self.e.p.num_functions:
            f, off = divmod(addr - FUNC_CNT_BASE, FUNC_CNT_STRIDE)
            names = {DESC_CNT_OFF: "DESC_CNT", BYTE_CNT_OFF: "BYTE_CNT", ERR_CNT_OFF: "ERR_CNT"}
            if off in names:
                return names[off], f
        return None

    READ_ONLY = frozenset({"ID", "PARAMS", "STOPPED"})

    def params_value(self) -> int:
        p = self.e.p
        return (p.num_functions | p.max_pieces << 8 | (p.len_width - 1) << 16
                | (p.max_burst_beats & 0xFF) << 24)

    def _refused(self, func: int) -> bool:
        if func == PF:
            return False
        self.e.access_viol = True
        self.e.access_viol_cnt = _sat(self.e.access_viol_cnt + 1)
        return True

    def read(self, func: int, addr: int, outstanding_funcs: Iterable[int] = ()) -> tuple[int, int]:
        """(value, response) of a read by function `func`; STOPPED needs the functions with a write
        outstanding."""
        if self._refused(func):
            return 0, SLVERR
        k = self.kind(addr)
        if k is None:
            return 0, SLVERR
        name, i = k
        e = self.e
        value = {
            "ID": lambda: ID_VALUE,
            "PARAMS": self.params_value,
            "STOP": lambda: e.stop_func | int(e.stop_all) << STOP_ALL_BIT,
            "STOPPED": lambda: e.stopped_reg(outstanding_funcs),
            "ERR": lambda: int(e.access_viol),
            "ACCESS_VIOL_CNT": lambda: e.access_viol_cnt,
            "STATUS_CNT": lambda: e.status_cnt[i],
            "DESC_CNT": lambda: e.desc_cnt[i],
            "BYTE_CNT": lambda: e.byte_cnt[i],
            "ERR_CNT": lambda: e.err_cnt[i],
        }[name]()
        return value, OKAY

    def write(self, func: int, addr: int, data: int, strb: int = 0xF) -> tuple[int, int]:
        """(0, response) of a write by function `func` with byte strobes `strb`."""
        if self._refused(func):
            return 0, SLVERR
        k = self.kind(addr)
        if k is None:
            return 0, SLVERR
        name, i = k
        if name in self.READ_ONLY:
            return 0, SLVERR
        bits = sum(0xFF << (8 * b) for b in range(4) if strb >> b & 1)
        data &= MASK32

        def merged(old: int) -> int:
            return (old & ~bits) | (data & bits)

        e = self.e
        if name == "STOP":
            v = merged(e.stop_func | int(e.stop_all) << STOP_ALL_BIT)
            e.stop(v & 0xFF, bool(v >> STOP_ALL_BIT & 1))
        elif name == "ERR":
            if data & bits & ERR_ACCESS_VIOL:
                e.access_viol = False
        elif name == "ACCESS_VIOL_CNT":
            e.access_viol_cnt = merged(e.access_viol_cnt)
        elif name == "STATUS_CNT":
            e.status_cnt[i] = merged(e.status_cnt[i])
        else:
            arr = {"DESC_CNT": e.desc_cnt, "BYTE_CNT": e.byte_cnt, "ERR_CNT": e.err_cnt}[name]
            arr[i] = merged(arr[i])
        return 0, OKAY

    def reset_values(self) -> dict[int, int]:
        """Every mapped engine register's value right after reset (nothing outstanding)."""
        fresh = EngineRegs(EngineModel(self.e.p))
        return {a: fresh.read(PF, a)[0] for a in range(0, ENGINE_SPACE, 4) if fresh.kind(a) is not None}


class SubsystemModel:
    """The register slave of the whole subsystem: decode, then the target's own rules."""

    def __init__(self, params: Params | None = None, pages_per_func: int = 16384):
        self.p = params or Params()
        self.engine = EngineModel(self.p)
        self.regs = EngineRegs(self.engine)
        self.bat = bc.BatClatModel(bc.Params(num_functions=self.p.num_functions, offset_width=self.p.offset_width))
        self.dirty = dt.DirtyTrackModel(num_functions=self.p.num_functions, pages_per_func=pages_per_func)

    def reset(self) -> None:
        self.engine.reset()
        self.bat.reset()
        self.dirty.reset()

    def reg_read(self, func: int, addr: int, outstanding_funcs: Iterable[int] = (),
                 quiesced: bool = True) -> tuple[int | None, int]:
        """(value, response); value None where the bat_clat model does not predict it."""
        target, sub = decode(addr)
        if target == "engine":
            return self.regs.read(func, sub, outstanding_funcs)
        if target == "bat_clat":
            return self.bat.reg_read(func, sub)
        if target == "dirty_track":
            return self.dirty.reg_read(sub, func, quiesced)
        return 0, SLVERR

    def reg_write(self, func: int, addr: int, data: int, strb: int = 0xF) -> int:
        """Response of a write. bat_clat's model has no byte strobes: a partial write to it is not
        modelled (ValueError)."""
        target, sub = decode(addr)
        if target == "engine":
            return self.regs.write(func, sub, data, strb)[1]
        if target == "bat_clat":
            if strb != 0xF:
                raise ValueError("the bat_clat model takes full-word writes only")
            return self.bat.reg_write(func, sub, data)
        if target == "dirty_track":
            return self.dirty.reg_write(sub, data, func, strb)
        return SLVERR

    def translator(self, read_word: bc.ReadWord) -> Translate:
        return table_translator(self.bat, read_word)
