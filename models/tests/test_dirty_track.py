"""Unit tests of the dirty-write tracking golden model (models/dirty_track.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from models import dirty_track as dt
from models.dirty_track import DirtyTrackModel, func_reg


def beat_bytes(addr: int, length: int, size: int, burst: int) -> list[tuple[int, int]]:
    """Reference from the AXI4 spec (A3.4): the inclusive byte range of every beat of a burst."""
    n = 1 << size
    aligned = addr & ~(n - 1)
    beats = []
    if burst == dt.BURST_FIXED:
        return [(addr, aligned + n - 1)] * (length + 1)
    if burst == dt.BURST_WRAP:
        window = n * (length + 1)
        lower = addr & ~(window - 1)
        a = addr
        for _ in range(length + 1):
            beats.append((a, a + n - 1))
            a += n
            if a >= lower + window:
                a = lower
        return beats
    for i in range(length + 1):
        start = addr if i == 0 else aligned + i * n
        beats.append((start, aligned + (i + 1) * n - 1))
    return beats


def configured(base=0x1_0000_0000, pages=4096, code=0, num_functions=8, ppf=16384, funcs=(0,)):
    m = DirtyTrackModel(num_functions=num_functions, pages_per_func=ppf)
    for f in funcs:
        assert m.reg_write(func_reg(f, dt.BASE_LO), base & dt.MASK32) == dt.OKAY
        m.reg_write(func_reg(f, dt.BASE_HI), base >> 32)
        m.reg_write(func_reg(f, dt.PAGES), pages)
        m.reg_write(func_reg(f, dt.PAGE_SIZE), code)
        m.reg_write(func_reg(f, dt.CTRL), 1)
    return m


bursts = st.tuples(
    st.integers(0, 2**40),  # addr
    st.integers(0, 255),  # len
    st.integers(0, 7),  # size
    st.sampled_from([dt.BURST_FIXED, dt.BURST_INCR, dt.BURST_WRAP]),
)


def legal(addr, length, size, burst):
    """WRAP needs len 1/3/7/15 and an aligned address; FIXED at most 16 beats (AXI4 rules)."""
    if burst == dt.BURST_WRAP:
        return length in (1, 3, 7, 15) and addr % (1 << size) == 0
    if burst == dt.BURST_FIXED:
        return length <= 15
    return True


@settings(max_examples=400, deadline=None)
@given(bursts, st.integers(0, 9))
def test_burst_pages_match_axi_beats(b, code):
    """Every page any beat writes is inside [first, last]; INCR's range is exactly the beats' bytes."""
    addr, length, size, burst = b
    if not legal(*b):
        return
    first, last = dt.burst_bytes(*b)
    shift = dt.page_shift(code)
    beat_pages = {p for lo, hi in beat_bytes(*b) for p in range(lo >> shift, (hi >> shift) + 1)}
    assert beat_pages == set(range(first >> shift, (last >> shift) + 1))
    if burst == dt.BURST_INCR:
        assert first == min(lo for lo, _ in beat_bytes(*b)) and last == max(hi for _, hi in beat_bytes(*b))


@settings(max_examples=300, deadline=None)
@given(bursts, st.integers(0, 9), st.integers(0, 2**20), st.integers(0, 20000))
def test_marks_are_touched_pages_clipped_to_region(b, code, base_page, pages):
    if not legal(*b):
        return
    base = base_page << 12
    m = configured(base=base, pages=pages, code=code)
    marks = m.marks_for(0, *b)
    shift = dt.page_shift(code)
    first, last = dt.burst_bytes(*b)
    touched = range((first - base) >> shift, ((last - base) >> shift) + 1)
    limit = min(pages, m.pages_per_func)
    assert marks.pages == [p for p in touched if 0 <= p < limit]
    assert marks.oor == any(not 0 <= p < limit for p in touched)
    # a burst is at most 32 KiB: at most 9 pages, in at most two adjacent words
    assert len(marks.pages) <= 9
    assert len(marks.words) <= 2
    if len(marks.words) == 2:
        w0, w1 = sorted(marks.words)
        assert w1 == w0 + 1


def test_page_crossing_write_marks_both_pages():
    m = configured(base=0x10000, pages=100)
    m.dma_write(0, 0x10000 + 0x1FF0, 1, 5, dt.BURST_INCR)  # 64 bytes across 0x2000
    assert m.dirty_pages(0) == [1, 2]


def test_word_crossing_write_marks_two_words():
    m = configured(base=0, pages=100)
    m.dma_write(0, 31 * 4096 + 0xC00, 15, 7, dt.BURST_INCR)  # 2 KiB from page 31 into page 32
    assert m.bitmap[0][0] == 1 << 31 and m.bitmap[0][1] == 1


def test_unaligned_incr_does_not_over_mark():
    """[addr, addr + bytes) would reach the next page; the beats, aligned to AWSIZE, do not."""
    m = configured(base=0, pages=100)
    m.dma_write(0, 0xFFC, 0, 3, dt.BURST_INCR)  # one 8-byte beat at 0xFF8..0xFFF, first byte 0xFFC
    assert m.dirty_pages(0) == [0]
    m.dma_write(0, 0x1FFC, 1, 3, dt.BURST_INCR)  # second beat 0x2000..0x2007
    assert m.dirty_pages(0) == [0, 1, 2]


def test_fixed_and_wrap_mark_page_of_addr():
    m = configured(base=0, pages=100)
    m.dma_write(0, 0x3FF0, 15, 4, dt.BURST_FIXED)
    m.dma_write(0, 0x5000 + 0x7C0, 15, 6, dt.BURST_WRAP)
    assert m.dirty_pages(0) == [3, 5]


def test_out_of_range_below_above_partial():
    m = configured(base=0x100000, pages=4)
    assert m.dma_write(0, 0x0FF000, 0, 2, dt.BURST_INCR).oor  # below
    assert m.dma_write(0, 0x104000, 0, 2, dt.BURST_INCR).oor  # just past the end
    assert m.dirty_pages(0) == []
    assert m.funcs[0].oor_cnt == 2 and m.funcs[0].oor == 1
    partial = m.dma_write(0, 0x103F00, 63, 4, dt.BURST_INCR)  # page 3 and beyond
    assert partial.oor and m.dirty_pages(0) == [3]
    below = m.dma_write(0, 0x0FFF00, 31, 4, dt.BURST_INCR)  # below into page 0
    assert below.oor and m.dirty_pages(0) == [0, 3]
    assert m.funcs[0].oor_cnt == 4
    inside = m.dma_write(0, 0x101000, 0, 2, dt.BURST_INCR)
    assert not inside.oor and m.funcs[0].oor_cnt == 4
    # sticky flag is write-1-to-clear
    assert m.reg_read(func_reg(0, dt.FERR)) == (1, dt.OKAY)
    m.reg_write(func_reg(0, dt.FERR), 1)
    assert m.reg_read(func_reg(0, dt.FERR)) == (0, dt.OKAY)


def test_region_larger_than_bitmap_is_clipped():
    m = configured(base=0, pages=10**6, ppf=256, num_functions=2)
    assert m.limit(0) == 256
    assert m.dma_write(0, 255 * 4096, 0, 0, dt.BURST_INCR).oor is False
    assert m.dma_write(0, 256 * 4096, 0, 0, dt.BURST_INCR).oor is True


def test_page_size_codes():
    for code in range(16):
        m = configured(base=0, pages=64, code=code)
        size = 1 << dt.page_shift(code)
        m.dma_write(0, 5 * size, 0, 0, dt.BURST_INCR)
        assert m.dirty_pages(0) == [5]
    assert dt.page_shift(9) == 21 and dt.page_shift(15) == 21


def test_function_isolation():
    m = configured(base=0, pages=1000, funcs=(0, 1, 2))
    m.dma_write(1, 7 * 4096, 0, 2, dt.BURST_INCR)
    assert m.dirty_pages(1) == [7]
    assert m.dirty_pages(0) == [] and m.dirty_pages(2) == []
    m.reg_write(func_reg(1, dt.CTRL), 0)  # stop function 1 only
    m.dma_write(1, 8 * 4096, 0, 2, dt.BURST_INCR)
    m.dma_write(2, 8 * 4096, 0, 2, dt.BURST_INCR)
    assert m.dirty_pages(1) == [7] and m.dirty_pages(2) == [8]


def test_logging_off_marks_nothing():
    m = DirtyTrackModel()
    m.reg_write(func_reg(0, dt.PAGES), 100)
    assert m.dma_write(0, 4096, 0, 2, dt.BURST_INCR) is None
    assert m.dirty_pages(0) == []


def test_bad_function_counted_not_logged():
    m = configured(num_functions=4, funcs=(0,))
    assert m.dma_write(4, 0x1_0000_0000, 0, 2, dt.BURST_INCR) is None
    assert m.dma_write(255, 0x1_0000_0000, 0, 2, dt.BURST_INCR) is None
    assert m.reg_read(dt.BAD_FUNC_CNT) == (2, dt.OKAY)
    assert m.reg_read(dt.ERR) == (dt.ERR_BAD_FUNC, dt.OKAY)


def test_report_and_clear():
    m = configured(base=0, pages=1000)
    m.dma_write(0, 3 * 4096, 0, 2, dt.BURST_INCR)
    m.dma_write(0, 40 * 4096, 0, 2, dt.BURST_INCR)
    assert m.reg_read(m.bitmap_addr(0, 0)) == (1 << 3, dt.OKAY)
    assert m.reg_read(m.bitmap_addr(0, 0)) == (0, dt.OKAY)  # cleared by the read
    m.dma_write(0, 3 * 4096, 0, 2, dt.BURST_INCR)  # written again after the report
    assert m.reg_read(m.bitmap_addr(0, 0)) == (1 << 3, dt.OKAY)
    assert m.reg_read(m.bitmap_addr(0, 1)) == (1 << 8, dt.OKAY)
    assert m.dirty_pages(0) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 64 * 4096), st.integers(0, 15)), max_size=40))
def test_report_returns_union_of_writes(writes):
    m = configured(base=0, pages=64, num_functions=4, ppf=64, funcs=(0, 1, 2, 3))
    expect = {f: set() for f in range(4)}
    for f, a, ln in writes:
        marks = m.dma_write(f, a, ln, 6, dt.BURST_INCR)
        expect[f] |= set(marks.pages)
    for f in range(4):
        got = set()
        for w in range(m.words_per_func):
            v, resp = m.reg_read(m.bitmap_addr(f, w))
            assert resp == dt.OKAY
            got |= {w * 32 + b for b in range(32) if v >> b & 1}
        assert got == expect[f]
        assert m.dirty_pages(f) == []


def test_vf_access_refused_and_counted():
    m = configured(base=0, pages=100)
    m.dma_write(0, 0, 0, 2, dt.BURST_INCR)
    assert m.reg_write(func_reg(0, dt.CTRL), 0, func=3) == dt.SLVERR
    assert m.funcs[0].log_en == 1
    assert m.reg_read(m.bitmap_addr(0, 0), func=1) == (0, dt.SLVERR)
    assert m.bitmap[0][0] == 1  # not cleared by the refused read
    assert m.reg_read(dt.ACCESS_VIOL_CNT) == (2, dt.OKAY)
    assert m.reg_read(dt.ERR) == (dt.ERR_ACCESS_VIOL, dt.OKAY)
    m.reg_write(dt.ERR, dt.ERR_ACCESS_VIOL)
    assert m.reg_read(dt.ERR) == (0, dt.OKAY)


def test_bitmap_window_read_only_and_bounded():
    m = configured(base=0, pages=100, num_functions=2, ppf=64)
    assert m.reg_write(m.bitmap_addr(0, 0), 5) == dt.SLVERR
    assert m.reg_read(m.bitmap_addr(2, 0)) == (0, dt.SLVERR)  # past the last function
    assert m.reg_read(0x1000) == (0, dt.SLVERR)  # neither registers nor bitmap


def test_registers_reset_values_and_params():
    m = DirtyTrackModel(num_functions=8, pages_per_func=16384)
    assert m.reg_read(dt.ID) == (dt.ID_VALUE, dt.OKAY)
    assert m.reg_read(dt.PARAMS) == (8 | 14 << 8 | 32 << 16, dt.OKAY)
    for f in range(8):
        for off in (dt.CTRL, dt.PAGE_SIZE, dt.BASE_LO, dt.BASE_HI, dt.PAGES, dt.FERR, dt.OOR_CNT):
            assert m.reg_read(func_reg(f, off)) == (0, dt.OKAY)
    m.reg_write(func_reg(5, dt.BASE_HI), 0x1234)
    m.reg_write(func_reg(5, dt.BASE_LO), 0x5678_9000)
    assert m.funcs[5].base == 0x1234_5678_9000
    m.reset()
    assert m.funcs[5].base == 0


# ----------------------------------------------------------------------------- register rules
def test_access_order_misaligned_unmapped_read_only():
    m = configured(num_functions=4, ppf=256, funcs=(0,))
    m.dma_write(0, 0x1_0000_0000, 0, 0, dt.BURST_INCR)  # marks bitmap word 0 of function 0
    last = dt.BITMAP_BASE + 4 * (4 * 8 - 1)
    for addr in (dt.BITMAP_BASE + 1, dt.BITMAP_BASE + 2, dt.ID + 3, func_reg(0, dt.CTRL) + 1):
        assert m.reg_kind(addr) == "misaligned"
        assert m.reg_read(addr) == (0, dt.SLVERR)
        assert m.reg_write(addr, dt.MASK32) == dt.SLVERR
    assert m.bitmap[0][0] == 1, "a sub-word bitmap read cleared word 0"
    assert m.funcs[0].log_en == 1
    for addr in (0x018, 0x0FC, func_reg(0, 0x1C), func_reg(4, dt.CTRL), func_reg(7, dt.OOR_CNT),
                 0x200, 0x7FFFC, last + 4, 0xFFFFC, 0x100000):
        assert m.reg_kind(addr) == "unmapped", hex(addr)
        assert m.reg_read(addr) == (0, dt.SLVERR)
        assert m.reg_write(addr, 1) == dt.SLVERR
    assert m.reg_kind(last) == "bitmap" and m.reg_read(last) == (0, dt.OKAY)
    for addr in (dt.ID, dt.PARAMS, dt.STATUS, dt.BITMAP_BASE, last):
        assert m.reg_write(addr, dt.MASK32) == dt.SLVERR
    assert m.reg_read(dt.ID) == (dt.ID_VALUE, dt.OKAY)
    assert m.access_viol_cnt == 0 and m.access_viol == 0, "decode errors are not violations"
    # access control comes first: a VF at a misaligned address is a violation
    assert m.reg_read(dt.BITMAP_BASE + 1, func=3) == (0, dt.SLVERR)
    assert m.access_viol_cnt == 1 and m.bitmap[0][0] == 1


def test_byte_strobes_and_w1c():
    m = configured()
    assert m.reg_write(func_reg(0, dt.PAGES), 0xAABBCCDD, strb=0x5) == dt.OKAY
    assert m.funcs[0].pages == (4096 & 0xFF00FF00) | 0x00BB00DD
    assert m.reg_write(func_reg(0, dt.PAGES), 0, strb=0) == dt.OKAY  # WSTRB = 0: OKAY, no change
    assert m.funcs[0].pages == (4096 & 0xFF00FF00) | 0x00BB00DD
    m.dma_write(0, 0, 0, 0, dt.BURST_INCR)  # below BASE: oor
    assert m.funcs[0].oor == 1
    m.reg_write(func_reg(0, dt.FERR), 0)  # write 0: no clear
    m.reg_write(func_reg(0, dt.FERR), 1, strb=0xE)  # 1 without its strobe: no clear
    m.reg_write(func_reg(0, dt.FERR), 0xFFFF_FFFE)
    assert m.funcs[0].oor == 1
    m.reg_write(func_reg(0, dt.FERR), 1)
    assert m.funcs[0].oor == 0
    m.bad_func = m.access_viol = 1
    m.reg_write(dt.ERR, 0x2)  # clears access_viol only
    assert (m.bad_func, m.access_viol) == (1, 0)


def test_counter_write_merge_and_event_on_top_saturates():
    m = configured()
    m.reg_write(func_reg(0, dt.OOR_CNT), 0xFFFF_FFFD)
    for want in (0xFFFF_FFFE, dt.MASK32, dt.MASK32):
        m.dma_write(0, 0, 0, 0, dt.BURST_INCR)
        assert m.funcs[0].oor_cnt == want
    m.reg_write(func_reg(0, dt.OOR_CNT), 0x00, strb=0x1)  # byte 0 replaced
    assert m.funcs[0].oor_cnt == 0xFFFF_FF00
    m.dma_write(0, 0, 0, 0, dt.BURST_INCR)  # same clock: on top of the merged value
    assert m.funcs[0].oor_cnt == 0xFFFF_FF01
    m.reg_write(dt.BAD_FUNC_CNT, dt.MASK32)
    m.dma_write(8, 0, 0, 0, dt.BURST_INCR)
    assert m.bad_func_cnt == dt.MASK32


def test_reset_values_cover_every_mapped_register():
    m = DirtyTrackModel(num_functions=4, pages_per_func=256)
    regs = m.reset_values()
    assert len(regs) == 6 + 7 + 4 * 7  # global, report by DMA, per function
    for addr, v in regs.items():
        assert m.reg_kind(addr) in ("ro", "rw")
        assert m.reg_read(addr) == (v, dt.OKAY)


def test_model_agrees_with_generated_register_map():
    """The golden model's register names, reset values and access rules match the generated map
    (models/gen/dirty_track_regs.py) as the testbench's register model (RegFile) reads it: every
    mapped register of a configuration, FUNC slots >= NumFunctions unmapped."""
    from models.gen import dirty_track_regs as G
    from models.regmap import RegFile

    nf = 4
    m = DirtyTrackModel(num_functions=nf, pages_per_func=256)
    rf = RegFile(G.REGMAP, exists=lambda r: not r.path.startswith("FUNC[") or int(r.path[5]) < nf,
                 volatile=("STATUS.*",))
    resets = m.reset_values()
    for reg in G.REGMAP.regs:
        resp, exp = rf.read_expect(reg.offset)
        if reg.offset not in resets:
            assert resp == dt.SLVERR and m.reg_kind(reg.offset) == "unmapped", reg.path
            continue
        assert resp == dt.OKAY, reg.path
        assert m.reg_kind(reg.offset) == ("rw" if reg.sw_writable else "ro"), reg.path
        for f in reg.fields:
            ok = exp[f"{reg.path}.{f.name}"]
            if ok is not None:  # not volatile / hardware-only
                assert ok == {(resets[reg.offset] & f.mask) >> f.lsb}, f"{reg.path}.{f.name}"
    assert set(resets) <= {r.offset for r in G.REGMAP.regs}


# ----------------------------------------------------------------------------- report by DMA
def marked(ppf=1024, num_functions=2):
    m = configured(pages=ppf, ppf=ppf, num_functions=num_functions, funcs=range(num_functions))
    for f in range(num_functions):
        for w in range(m.words_per_func):
            m.bitmap[f][w] = (w * 0x01010101 + f) & dt.MASK32 or 1
    return m


def test_report_dma_words_cleared_and_bytes():
    m = marked()
    before = list(m.bitmap[1])
    rep = m.report_dma(0x1000, 1, 2, 5)
    assert not rep.err_args and rep.values == before[2:7]
    assert m.bitmap[1][2:7] == [0] * 5 and m.bitmap[1][7] == before[7] and m.bitmap[1][1] == before[1]
    assert m.bitmap[0][2] != 0  # another function untouched
    b = rep.bytes
    assert sorted(b) == list(range(0x1000, 0x1000 + 20))  # odd count: the last beat's upper half unwritten
    assert int.from_bytes(bytes(b[0x1000 + 4 + i] for i in range(4)), "little") == before[3]
    assert rep.strobes == [0xFF, 0xFF, 0x0F]
    assert rep.bursts == [(0x1000, 3)]


def test_report_bursts_limits():
    assert dt.report_bursts(0, 64) == [(0, 16), (128, 16)]
    # a 4 KiB boundary 3 beats in: the first burst stops there
    assert dt.report_bursts(0x2FE8, 10) == [(0x2FE8, 3), (0x3000, 2)]
    assert dt.report_bursts(0xFF8, 1) == [(0xFF8, 1)]
    for addr in (0, 8, 0xF80, 0xFF8, 0x1234_5678_9A8):
        for words in (1, 2, 3, 31, 32, 33, 511, 512):
            bursts = dt.report_bursts(addr, words)
            assert sum(n for _, n in bursts) == (words + 1) // 2
            a = addr
            for ba, n in bursts:
                assert ba == a and 1 <= n <= dt.REPORT_MAX_BEATS
                assert ba // 4096 == (ba + 8 * n - 1) // 4096  # no 4 KiB crossing
                a += 8 * n


def test_report_dma_bad_args_change_nothing():
    m = marked(ppf=1024, num_functions=2)
    snap = [list(b) for b in m.bitmap]
    wpf = m.words_per_func
    bad = [(0, 2, 0, 4),  # function >= NumFunctions
           (0, 0, 1, 4),  # FIRST odd
           (0, 0, 0, 0),  # no words
           (0, 0, wpf - 2, 3),  # past the end of the function's bitmap
           (4, 0, 0, 4),  # buffer not 8-byte aligned
           ((1 << 64) - 8, 0, 0, 4)]  # buffer past the end of the address space
    for addr, f, first, words in bad:
        assert m.report_dma(addr, f, first, words).err_args, (addr, f, first, words)
        assert m.bitmap == snap
    assert not m.report_dma((1 << 64) - 16, 0, wpf - 4, 4).err_args  # ends exactly at 2^64
    assert not m.report_dma(0, 1, 0, wpf).err_args  # a whole bitmap


def test_report_dma_registers():
    m = marked(ppf=1024, num_functions=2)
    want = m.bitmap[0][4:8]
    for reg, v in ((dt.REPORT_ADDR_LO, 0x2000), (dt.REPORT_ADDR_HI, 1), (dt.REPORT_FUNC, 0),
                   (dt.REPORT_FIRST, 4), (dt.REPORT_WORDS, 4)):
        assert m.reg_write(reg, v) == dt.OKAY
        assert m.reg_read(reg) == (v, dt.OKAY)
    assert m.reg_read(dt.REPORT_STATUS) == (0, dt.OKAY)
    assert m.reg_write(dt.REPORT_CTRL, 0) == dt.OKAY and m.last_report is None  # start written 0
    assert m.reg_write(dt.REPORT_CTRL, 1, strb=0xE) == dt.OKAY and m.last_report is None  # strobe off
    assert m.reg_write(dt.REPORT_CTRL, 1) == dt.OKAY
    assert m.last_report.values == want and m.last_report.addr == 0x1_0000_2000
    assert m.reg_read(dt.REPORT_STATUS) == (dt.RS_DONE, dt.OKAY)
    assert m.reg_read(dt.REPORT_CTRL) == (0, dt.OKAY)  # a pulse: reads 0
    assert m.reg_write(dt.REPORT_STATUS, 0) == dt.SLVERR  # read-only
    m.reg_write(dt.REPORT_FIRST, 3)  # bad: odd
    m.reg_write(dt.REPORT_CTRL, 1)
    assert m.reg_read(dt.REPORT_STATUS) == (dt.RS_DONE | dt.RS_ERR_ARGS, dt.OKAY)
    m.reg_write(dt.REPORT_FIRST, 0)
    m.start_report(bus_error=True)
    assert m.reg_read(dt.REPORT_STATUS) == (dt.RS_DONE | dt.RS_ERR_BUS, dt.OKAY)  # err_args cleared
    assert m.reg_read(dt.REPORT_ADDR_LO, func=1) == (0, dt.SLVERR)  # VF refused
    assert m.reg_write(dt.REPORT_FUNC, 0x1FF) == dt.OKAY and m.reg_read(dt.REPORT_FUNC)[0] == 0xFF


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 1), st.integers(0, 15), st.integers(1, 32), st.integers(0, 1 << 20))
def test_report_dma_equals_register_reports(f, first2, words, addr8):
    """A report by DMA returns (and clears) exactly what register report-and-clear reads would."""
    first = 2 * first2
    a, b = marked(), marked()
    rep = a.report_dma(8 * addr8, f, first, words)
    if first + words > a.words_per_func:
        assert rep.err_args
        return
    assert rep.values == [b.report(f, first + i) for i in range(words)]
    assert a.bitmap == b.bitmap
