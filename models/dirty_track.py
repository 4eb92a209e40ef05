"""Golden model of the dirty-write tracking block (rtl/dirty_track/, contract in docs/dirty_track.md).

Pure Python, no simulator: the pages a DMA write burst touches, the tracked-region and out-of-range
rules, per-function bitmaps with report-and-clear, the registers and their access control. The model
has no pipeline: a write is logged the moment it is applied. The testbench's scoreboard adds the
timing tolerance (writes in flight while a word is reported, writes racing a flag change).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.gen import dirty_track_regs as _G

# ----------------------------------------------------------------------------- constants
WORD_BITS = 32
MIN_PAGE_SHIFT = 12  # 4 KiB
NUM_PAGE_SIZES = 10  # codes 0..9: 4 KiB .. 2 MiB; larger codes act as 9
MAX_BURST_BYTES = 256 * 128

BURST_FIXED, BURST_INCR, BURST_WRAP, BURST_RESERVED = 0, 1, 2, 3
OKAY, SLVERR = 0, 2

# Register map: offsets from the generated map (models/gen/dirty_track_regs.py, made by `make regs`
# from rtl/dirty_track/dirty_track_regs.rdl; docs/gen/dirty_track_regs.md), under the model's names.
ID, PARAMS, STATUS, ERR = _G.ID, _G.PARAMS, _G.STATUS, _G.ERR
BAD_FUNC_CNT, ACCESS_VIOL_CNT = _G.BAD_FUNC_CNT, _G.ACCESS_VIOL_CNT
FUNC_BASE, FUNC_STRIDE, MAX_REG_FUNCTIONS = _G.FUNC.base, _G.FUNC.stride, _G.FUNC.count
CTRL, PAGE_SIZE, BASE_LO, BASE_HI = _G.FUNC_CTRL, _G.FUNC_PAGE_SIZE, _G.FUNC_BASE_LO, _G.FUNC_BASE_HI
PAGES, FERR, OOR_CNT = _G.FUNC_PAGES, _G.FUNC_ERR, _G.FUNC_OOR_CNT
REG_SPACE = _G.REGMAP.size
BITMAP_BASE = _G.BITMAP_BASE  # read-and-clear window: word i (= f * words_per_func + w) at BITMAP_BASE + 4 i
AXIL_SPACE = _G.SPACE_SIZE  # the register block below BITMAP_BASE, the window up to here
ID_VALUE = _G.REGMAP.field("ID.id").reset
STATUS_QUIESCED, STATUS_INIT_DONE = _G.REGMAP.field("STATUS.quiesced").mask, _G.REGMAP.field("STATUS.init_done").mask
ERR_BAD_FUNC, ERR_ACCESS_VIOL = _G.REGMAP.field("ERR.bad_func").mask, _G.REGMAP.field("ERR.access_viol").mask
FERR_OOR = _G.REGMAP.field("FUNC[0].ERR.oor").mask
MASK32 = 0xFFFF_FFFF

# Report by DMA (docs/dirty_track.md "Report by DMA"): argument, control and status registers.
REPORT_ADDR_LO, REPORT_ADDR_HI, REPORT_FUNC = _G.REPORT_ADDR_LO, _G.REPORT_ADDR_HI, _G.REPORT_FUNC
REPORT_FIRST, REPORT_WORDS, REPORT_CTRL, REPORT_STATUS = (_G.REPORT_FIRST, _G.REPORT_WORDS, _G.REPORT_CTRL,
                                                         _G.REPORT_STATUS)
REPORT_ARGS = (REPORT_ADDR_LO, REPORT_ADDR_HI, REPORT_FUNC, REPORT_FIRST, REPORT_WORDS)
REPORT_START = _G.REGMAP.field("REPORT_CTRL.start").mask
RS_BUSY, RS_DONE = _G.REGMAP.field("REPORT_STATUS.busy").mask, _G.REGMAP.field("REPORT_STATUS.done").mask
RS_ERR_ARGS = _G.REGMAP.field("REPORT_STATUS.err_args").mask
RS_ERR_BUS = _G.REGMAP.field("REPORT_STATUS.err_bus").mask
REPORT_BEAT = 8  # bytes per data beat (awsize 3)
REPORT_MAX_BEATS = 16  # burst length limit (beats); bursts also end at every 4 KiB boundary


def report_bursts(addr: int, words: int) -> list[tuple[int, int]]:
    """The AXI4 INCR bursts (awaddr, beats) of a report of `words` words at byte address `addr`
    (8-byte aligned): ceil(words / 2) beats, cut into bursts of at most REPORT_MAX_BEATS beats that
    never cross a 4 KiB boundary, in address order."""
    beats, out = (words + 1) // 2, []
    while beats:
        to_page = (0x1000 - (addr & 0xFFF)) // REPORT_BEAT
        n = min(beats, REPORT_MAX_BEATS, to_page)
        out.append((addr, n))
        addr += n * REPORT_BEAT
        beats -= n
    return out


@dataclass
class DmaReport:
    """What one report by DMA does: refused (err_args: nothing read, cleared or written), or the
    words it read and cleared (word i of the report = bitmap word first + i), the bytes it writes
    (address -> byte; with an odd count the last beat's upper half is not written) and its bursts."""

    err_args: bool
    func: int = 0
    first: int = 0
    values: list[int] = field(default_factory=list)
    addr: int = 0
    bursts: list[tuple[int, int]] = field(default_factory=list)

    @property
    def bytes(self) -> dict[int, int]:
        out = {}
        for i, v in enumerate(self.values):
            for b in range(4):
                out[self.addr + 4 * i + b] = v >> (8 * b) & 0xFF
        return out

    @property
    def strobes(self) -> list[int]:
        """WSTRB of every beat, in order."""
        n = len(self.values)
        return [0xFF] * (n // 2) + ([0x0F] if n % 2 else [])


def func_reg(func: int, offset: int) -> int:
    """Address of a per-function register."""
    return FUNC_BASE + FUNC_STRIDE * func + offset


def page_shift(code: int) -> int:
    return MIN_PAGE_SHIFT + min(code, NUM_PAGE_SIZES - 1)


def burst_bytes(addr: int, length: int, size: int, burst: int) -> tuple[int, int]:
    """First and last byte (inclusive) a write burst touches, for page marking.

    INCR (and reserved 3, treated like INCR): from AWADDR to the end of the last beat, beats aligned
    to AWSIZE: last = (addr | (2^size - 1)) + len * 2^size. FIXED and WRAP: only the page of AWADDR
    counts (a FIXED beat and a legal WRAP window, <= 2 KiB and aligned, never leave it), so the range
    is [addr, addr].
    """
    if burst in (BURST_FIXED, BURST_WRAP):
        return addr, addr
    beat = 1 << size
    return addr, (addr | (beat - 1)) + length * beat


@dataclass
class Marks:
    """What one write does to its function's bitmap (given logging is on)."""

    words: dict[int, int] = field(default_factory=dict)  # word index -> page mask
    oor: bool = False  # some touched page lies outside the tracked region
    first_page: int = 0  # touched page range relative to the region base (may be negative)
    last_page: int = 0

    @property
    def pages(self) -> list[int]:
        return sorted(w * WORD_BITS + b for w, m in self.words.items() for b in range(WORD_BITS) if m >> b & 1)


@dataclass
class FuncState:
    log_en: int = 0
    page_code: int = 0
    base: int = 0
    pages: int = 0
    oor: int = 0  # sticky
    oor_cnt: int = 0


class DirtyTrackModel:
    def __init__(self, num_functions: int = 8, pages_per_func: int = 16384, addr_width: int = 64):
        assert 1 <= num_functions <= MAX_REG_FUNCTIONS
        assert pages_per_func >= WORD_BITS and pages_per_func & (pages_per_func - 1) == 0
        self.num_functions = num_functions
        self.pages_per_func = pages_per_func
        self.words_per_func = pages_per_func // WORD_BITS
        self.addr_width = addr_width
        self.reset()

    # ------------------------------------------------------------------ state
    def reset(self) -> None:
        self.funcs = [FuncState() for _ in range(MAX_REG_FUNCTIONS)]
        self.bitmap = [[0] * self.words_per_func for _ in range(self.num_functions)]
        self.bad_func = 0
        self.bad_func_cnt = 0
        self.access_viol = 0
        self.access_viol_cnt = 0
        self.report_regs = {a: 0 for a in REPORT_ARGS}
        self.report_status = 0
        self.last_report: DmaReport | None = None

    def limit(self, func: int) -> int:
        """Pages tracked for a function: PAGES, at most the bitmap size."""
        return min(self.funcs[func].pages, self.pages_per_func)

    def bitmap_addr(self, func: int, word: int) -> int:
        return BITMAP_BASE + 4 * (func * self.words_per_func + word)

    # ------------------------------------------------------------------ DMA writes
    def marks_for(self, func: int, addr: int, length: int, size: int, burst: int) -> Marks:
        """Pages the write would mark under the function's current region and page size."""
        cfg = self.funcs[func]
        shift = page_shift(cfg.page_code)
        first, last = burst_bytes(addr, length, size, burst)
        p0 = (first - cfg.base) >> shift  # floor: negative below the base
        p1 = (last - cfg.base) >> shift
        limit = self.limit(func)
        m = Marks(oor=p0 < 0 or p1 >= limit, first_page=p0, last_page=p1)
        for p in range(max(p0, 0), min(p1, limit - 1) + 1):
            m.words[p // WORD_BITS] = m.words.get(p // WORD_BITS, 0) | (1 << (p % WORD_BITS))
        return m

    def dma_write(self, func: int, addr: int, length: int, size: int, burst: int) -> Marks | None:
        """Apply one accepted write. Returns the marks made, or None when nothing was logged."""
        if func >= self.num_functions:
            self.bad_func = 1
            self.bad_func_cnt = min(self.bad_func_cnt + 1, MASK32)
            return None
        if not self.funcs[func].log_en:
            return None
        m = self.marks_for(func, addr, length, size, burst)
        for w, mask in m.words.items():
            self.bitmap[func][w] |= mask
        if m.oor:
            self.funcs[func].oor = 1
            self.funcs[func].oor_cnt = min(self.funcs[func].oor_cnt + 1, MASK32)
        return m

    def report(self, func: int, word: int) -> int:
        """Report-and-clear one bitmap word."""
        v = self.bitmap[func][word]
        self.bitmap[func][word] = 0
        return v

    def report_args_ok(self, addr: int, func: int, first: int, words: int) -> bool:
        """The argument rules of a report by DMA: function < NumFunctions, FIRST even, 1 <= WORDS,
        FIRST + WORDS <= words per function, ADDR 8-byte aligned and the buffer [ADDR, ADDR + 4 WORDS)
        inside the address space (2^addr_width bytes)."""
        return (func < self.num_functions and first % 2 == 0 and words >= 1
                and first + words <= self.words_per_func and addr % REPORT_BEAT == 0
                and addr + 4 * words <= 1 << self.addr_width)

    def report_dma(self, addr: int, func: int, first: int, words: int) -> DmaReport:
        """A report by DMA as one atomic operation (the model has no pipeline): read and clear bitmap
        words first .. first + words - 1 of `func`, in order; or nothing at all if the arguments are bad."""
        if not self.report_args_ok(addr, func, first, words):
            return DmaReport(err_args=True)
        values = [self.report(func, first + i) for i in range(words)]
        return DmaReport(False, func, first, values, addr, report_bursts(addr, words))

    def start_report(self, bus_error: bool = False) -> DmaReport:
        """REPORT_CTRL.start written 1 while not busy: done and both errors cleared, then the report
        with the argument registers (completed at once here); `bus_error`: some B response was not OKAY
        (the words were read and cleared all the same)."""
        r = self.report_regs
        rep = self.report_dma(r[REPORT_ADDR_LO] | r[REPORT_ADDR_HI] << 32, r[REPORT_FUNC], r[REPORT_FIRST],
                              r[REPORT_WORDS])
        self.report_status = RS_DONE | (RS_ERR_ARGS if rep.err_args else 0) | (
            RS_ERR_BUS if bus_error and not rep.err_args else 0)
        self.last_report = rep
        return rep

    def dirty_pages(self, func: int) -> list[int]:
        return [w * WORD_BITS + b for w, v in enumerate(self.bitmap[func]) for b in range(WORD_BITS) if v >> b & 1]

    # ------------------------------------------------------------------ registers (AXI4-Lite)
    def _violation(self) -> None:
        self.access_viol = 1
        self.access_viol_cnt = min(self.access_viol_cnt + 1, MASK32)

    def _bitmap_word(self, addr: int) -> tuple[int, int] | None:
        """(function, word) of an aligned address inside the bitmap window, else None."""
        if not addr & BITMAP_BASE or addr & 3 or addr >= AXIL_SPACE:
            return None
        i = (addr & (BITMAP_BASE - 1)) >> 2
        if i >= self.num_functions * self.words_per_func:
            return None
        return divmod(i, self.words_per_func)

    def reg_kind(self, addr: int) -> str:
        """What an address is, for the access order (docs/dev-guide.md, "Register access"):
        "misaligned", "unmapped", "ro" (ID, PARAMS, STATUS), "bitmap" (a word of the window), or
        "rw" (a writable register). FUNC slots >= num_functions, offsets 0x1C of each slot,
        0x018..0x0FC, 0x200..0x7FFFF and the window past its last word are unmapped."""
        if addr & 3:
            return "misaligned"
        if addr >= AXIL_SPACE:
            return "unmapped"
        if addr & BITMAP_BASE:
            return "bitmap" if self._bitmap_word(addr) is not None else "unmapped"
        if addr in (ID, PARAMS, STATUS, REPORT_STATUS):
            return "ro"
        if addr in (ERR, BAD_FUNC_CNT, ACCESS_VIOL_CNT, REPORT_CTRL) or addr in REPORT_ARGS:
            return "rw"
        if FUNC_BASE <= addr < REG_SPACE:
            f, off = divmod(addr - FUNC_BASE, FUNC_STRIDE)
            if f < self.num_functions and off <= OOR_CNT:
                return "rw"
        return "unmapped"

    def reg_write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        """A register write as function `func` with byte strobes `strb`; returns the AXI response.
        Order: access control, misaligned, unmapped, read-only (bitmap window included), then the
        write: every byte with its strobe set is written; a W1C bit clears where a 1 is written."""
        if func != 0:
            self._violation()
            return SLVERR
        if self.reg_kind(addr) != "rw":
            return SLVERR
        mask = sum(0xFF << (8 * b) for b in range(4) if strb >> b & 1)
        value &= MASK32

        def merge(old: int) -> int:
            return (old & ~mask) | (value & mask)

        clr = value & mask  # W1C: bits written 1 with their strobe set
        if addr == ERR:
            self.bad_func &= ~clr & 1
            self.access_viol &= ~(clr >> 1) & 1
        elif addr == BAD_FUNC_CNT:
            self.bad_func_cnt = merge(self.bad_func_cnt)
        elif addr == ACCESS_VIOL_CNT:
            self.access_viol_cnt = merge(self.access_viol_cnt)
        elif addr in REPORT_ARGS:
            width = 0xFF if addr == REPORT_FUNC else MASK32
            self.report_regs[addr] = merge(self.report_regs[addr]) & width
        elif addr == REPORT_CTRL:
            if clr & REPORT_START:
                self.start_report()
        else:
            f, off = divmod(addr - FUNC_BASE, FUNC_STRIDE)
            cfg = self.funcs[f]
            if off == CTRL:
                cfg.log_en = merge(cfg.log_en) & 1
            elif off == PAGE_SIZE:
                cfg.page_code = merge(cfg.page_code) & 0xF
            elif off == BASE_LO:
                cfg.base = (cfg.base & ~MASK32) | merge(cfg.base & MASK32)
            elif off == BASE_HI:
                cfg.base = (cfg.base & MASK32) | (merge(cfg.base >> 32) << 32)
            elif off == PAGES:
                cfg.pages = merge(cfg.pages)
            elif off == FERR:
                cfg.oor &= ~clr & 1
            elif off == OOR_CNT:
                cfg.oor_cnt = merge(cfg.oor_cnt)
        return OKAY

    def reg_read(self, addr: int, func: int = 0, quiesced: bool = True) -> tuple[int, int]:
        """A register (or bitmap) read as function `func`; returns (value, AXI response). A refused
        read returns 0 and has no effect (a bitmap word is not cleared)."""
        if func != 0:
            self._violation()
            return 0, SLVERR
        kind = self.reg_kind(addr)
        if kind in ("misaligned", "unmapped"):
            return 0, SLVERR
        if kind == "bitmap":
            return self.report(*self._bitmap_word(addr)), OKAY
        if addr == ID:
            return ID_VALUE, OKAY
        if addr == PARAMS:
            return self.num_functions | (self.pages_per_func.bit_length() - 1) << 8 | WORD_BITS << 16, OKAY
        if addr == STATUS:
            return (STATUS_QUIESCED if quiesced else 0) | STATUS_INIT_DONE, OKAY
        if addr == ERR:
            return self.bad_func | self.access_viol << 1, OKAY
        if addr == BAD_FUNC_CNT:
            return self.bad_func_cnt, OKAY
        if addr == ACCESS_VIOL_CNT:
            return self.access_viol_cnt, OKAY
        if addr in REPORT_ARGS:
            return self.report_regs[addr], OKAY
        if addr == REPORT_CTRL:
            return 0, OKAY  # start is a pulse: reads 0
        if addr == REPORT_STATUS:
            return self.report_status, OKAY
        f, off = divmod(addr - FUNC_BASE, FUNC_STRIDE)
        cfg = self.funcs[f]
        value = {
            CTRL: cfg.log_en,
            PAGE_SIZE: cfg.page_code,
            BASE_LO: cfg.base & MASK32,
            BASE_HI: cfg.base >> 32,
            PAGES: cfg.pages,
            FERR: cfg.oor,
            OOR_CNT: cfg.oor_cnt,
        }[off]
        return value, OKAY

    def reset_values(self) -> dict[int, int]:
        """Every mapped register's value after reset (STATUS: init_done and quiesced once the
        bitmap is cleared and nothing is in flight)."""
        regs = {ID: ID_VALUE, STATUS: STATUS_QUIESCED | STATUS_INIT_DONE, ERR: 0, BAD_FUNC_CNT: 0,
                ACCESS_VIOL_CNT: 0, REPORT_CTRL: 0, REPORT_STATUS: 0, **{a: 0 for a in REPORT_ARGS},
                PARAMS: self.num_functions | (self.pages_per_func.bit_length() - 1) << 8 | WORD_BITS << 16}
        for f in range(self.num_functions):
            for off in (CTRL, PAGE_SIZE, BASE_LO, BASE_HI, PAGES, FERR, OOR_CNT):
                regs[func_reg(f, off)] = 0
        return regs
