"""Unit tests of the SR-IOV endpoint engine model (models/sriov_ep.py), written from docs/sriov_ep.md.

The references here are deliberately naive (byte by byte, word by word) so that they do not share
the model's arithmetic."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import bat_clat as bc
from models import dirty_track as dt
from models import sriov_ep as se
from models.sriov_ep import (
    MASK32,
    OKAY,
    PAGE,
    SLVERR,
    Descriptor,
    EngineModel,
    EngineRegs,
    Params,
    Status,
    StopWrite,
    SubsystemModel,
)

OFFSET_SPACE = 1 << 40


# ----------------------------------------------------------------------------- helpers
def page_map_translator(pages: dict[tuple[int, int, int], int], errors: dict | None = None):
    """translate() over a map (func, service, offset page) -> host page address; a missing page is
    BLOCK_RANGE; `errors` maps (func, service, page) to a bat_clat error status."""
    calls = []

    def translate(func, service, offset):
        calls.append((func, service, offset))
        key = (func, service, offset // PAGE)
        if errors and key in errors:
            return errors[key], 0
        if key not in pages:
            return bc.Status.BLOCK_RANGE, 0
        return bc.Status.OK, pages[key] + offset % PAGE

    translate.calls = calls  # type: ignore[attr-defined]
    return translate


def ref_written(desc: Descriptor, stream_beats, host_of) -> dict[int, int]:
    """Byte by byte: host addr -> byte for every byte the contract says is written. `host_of(o)` is
    the host address of offset o, or None when its piece fails."""
    out = {}
    first_word = desc.offset // 8
    for o in range(desc.offset, desc.offset + desc.length):
        data, strb = stream_beats[o // 8 - first_word]
        lane = o % 8
        h = host_of(o)
        if h is not None and strb >> lane & 1:
            out[h] = (data >> (8 * lane)) & 0xFF
    return out


def random_beats(draw, n):
    """n random (data, strobe) beats from one drawn seed (fast to generate and to shrink)."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    return [(rng.getrandbits(64), rng.getrandbits(8)) for _ in range(n)]


descs = st.builds(
    lambda off, ln: (off, ln),
    st.integers(0, OFFSET_SPACE - 1),
    st.integers(1, 1 << 16),
)


# ----------------------------------------------------------------------------- lengths and beats
def test_length_valid_edges():
    p = Params()
    ok = lambda off, ln: se.length_valid(p, Descriptor(0, 0, 0, off, ln))  # noqa: E731
    assert not ok(0, 0)
    assert ok(0, 1) and ok(0, 1 << 16)
    assert not ok(0, (1 << 16) + 1) and not ok(0, (1 << 17) - 1)
    assert ok(OFFSET_SPACE - 1, 1) and ok(OFFSET_SPACE - 4096, 4096)
    assert not ok(OFFSET_SPACE - 1, 2) and not ok(OFFSET_SPACE - 4096, 4097)
    small = Params(offset_width=16, len_width=10)
    assert se.length_valid(small, Descriptor(0, 0, 0, 0xFF00, 0x100))
    assert not se.length_valid(small, Descriptor(0, 0, 0, 0xFF00, 0x101))
    assert not se.length_valid(small, Descriptor(0, 0, 0, 0, 0x201))


@settings(max_examples=300, deadline=None)
@given(descs)
def test_beats_is_the_words_the_range_touches(d):
    off, ln = d
    assert se.beats(off, ln) == len({o // 8 for o in (off, off + ln - 1)} | set(range(off // 8, (off + ln - 1) // 8 + 1)))
    assert se.beats(off, ln) == (off + ln - 1) // 8 - off // 8 + 1


def test_beats_examples():
    assert se.beats(0, 1) == 1 and se.beats(7, 1) == 1 and se.beats(7, 2) == 2
    assert se.beats(0, 8) == 1 and se.beats(1, 8) == 2 and se.beats(4, 4096) == 513


# ----------------------------------------------------------------------------- pieces
@settings(max_examples=400, deadline=None)
@given(descs)
def test_pieces_partition_the_range_and_never_cross_4k(d):
    off, ln = d
    ps = se.pieces(off, ln)
    assert [p.index for p in ps] == list(range(len(ps)))
    covered = []
    for p in ps:
        assert p.length >= 1
        assert p.offset // PAGE == (p.offset + p.length - 1) // PAGE  # inside one 4 KiB page
        covered.append((p.offset, p.offset + p.length))
    assert covered[0][0] == off and covered[-1][1] == off + ln
    for (_, e), (s, _) in zip(covered, covered[1:], strict=False):
        assert e == s and s % PAGE == 0  # contiguous, cut exactly at a 4 KiB boundary
    assert len(ps) == (off + ln - 1) // PAGE - off // PAGE + 1


def test_pieces_examples():
    assert se.pieces(0, 4096) == [se.Piece(0, 4096, 0)]
    assert se.pieces(4095, 2) == [se.Piece(4095, 1, 0), se.Piece(4096, 1, 1)]
    assert [p.length for p in se.pieces(100, 3 * 4096)] == [3996, 4096, 4096, 100]


# ----------------------------------------------------------------------------- bursts and strobes
piece_st = st.tuples(
    st.integers(0, (1 << 40) - 1).map(lambda a: a & ~(PAGE - 1)),  # host page
    st.integers(0, PAGE - 1),  # first byte inside the page
    st.integers(1, PAGE),  # length (clipped to the page)
    st.sampled_from([2, 4, 8, 16, 32, 64, 128, 256]),
)


@settings(max_examples=500, deadline=None)
@given(piece_st)
def test_bursts_never_cross_4k_or_window_and_cover_exactly_the_words(t):
    page, first, ln, mbb = t
    ln = min(ln, PAGE - first)
    host = page + first
    bs = se.bursts(host, ln, mbb)
    window = 8 * mbb
    words = []
    assert bs[0].addr == host and bs[0].first_byte == 0
    for b in bs:
        lo = b.addr & ~7
        hi = lo + 8 * (b.awlen + 1)  # exclusive: the beats' bytes
        assert 1 <= b.num_beats <= mbb
        assert lo // PAGE == (hi - 1) // PAGE  # AXI: never cross 4 KiB
        assert lo // window == (hi - 1) // window  # inside one aligned window
        assert b.addr == host + b.first_byte
        assert b.addr == host or b.addr % window == 0  # only the first burst has an unaligned head
        words += list(range(lo, hi, 8))
        assert lo <= b.addr and b.addr + b.nbytes <= hi and b.addr + b.nbytes > hi - 8
    # the words of the piece, each once, in order
    assert words == list(range(host & ~7, ((host + ln - 1) & ~7) + 1, 8))
    assert sum(b.nbytes for b in bs) == ln
    # one burst per window touched
    assert len(bs) == (host + ln - 1) // window - host // window + 1


def test_bursts_example_unaligned_head():
    bs = se.bursts(0x1_0000_00F3, 0x200, 32)
    assert [(b.addr, b.awlen, b.first_byte, b.nbytes) for b in bs] == [
        (0x1_0000_00F3, 1, 0, 13), (0x1_0000_0100, 31, 13, 256), (0x1_0000_0200, 30, 269, 243)]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 1 << 20), st.integers(1, 300), st.data())
def test_strobes_never_cover_a_byte_outside_the_range(addr, n, data):
    nb = (addr + n - 1) // 8 - addr // 8 + 1
    pay = [data.draw(st.integers(0, 255)) for _ in range(nb)]
    full = se.strobes(addr, n, None)
    masked = se.strobes(addr, n, pay)
    assert len(full) == len(masked) == nb
    base = addr & ~7
    for j in range(nb):
        for i in range(8):
            b = base + 8 * j + i
            inside = addr <= b < addr + n
            assert (full[j] >> i & 1) == int(inside)
            assert (masked[j] >> i & 1) == int(inside and pay[j] >> i & 1)


# ----------------------------------------------------------------------------- payload lanes
def test_payload_lanes_follow_the_offset():
    d = Descriptor(1, 1, 0, 0x1005, 5)
    beats = se.payload_beats(0x1005, bytes([0xA0, 0xA1, 0xA2, 0xA3, 0xA4]), fill=0xEE)
    assert beats == [(0xA2A1A0EEEEEEEEEE, 0xE0), (0xEEEEEEEEEEEEA4A3, 0x03)]
    assert se.payload_bytes(d, beats) == {0x1005: 0xA0, 0x1006: 0xA1, 0x1007: 0xA2, 0x1008: 0xA3, 0x1009: 0xA4}


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 1 << 30), st.binary(min_size=1, max_size=200), st.data())
def test_payload_bytes_are_the_range_under_the_strobes(off, blob, data):
    strb = [data.draw(st.booleans()) for _ in blob]
    d = Descriptor(0, 0, 0, off, len(blob))
    beats = se.payload_beats(off, blob, strb)
    assert len(beats) == se.beats(off, len(blob))
    assert se.payload_bytes(d, beats) == {off + i: b for i, b in enumerate(blob) if strb[i]}
    # strobes set outside the range write nothing
    loud = [(dd, 0xFF) for dd, _ in beats]
    assert set(se.payload_bytes(d, loud)) == set(range(off, off + len(blob)))


# ----------------------------------------------------------------------------- execute: writes
@settings(max_examples=200, deadline=None)
@given(st.integers(0, 1 << 24), st.integers(1, 3 * PAGE + 17), st.sampled_from([2, 32, 256]), st.data())
def test_execute_writes_exactly_what_the_bytewise_reference_says(off, ln, mbb, data):
    e = EngineModel(Params(max_burst_beats=mbb))
    first, last = off // PAGE, (off + ln - 1) // PAGE
    pages = {(2, 5, p): data.draw(st.integers(0, 1 << 30)) * PAGE for p in range(first, last + 1)}
    failing = data.draw(st.sets(st.integers(first, last), max_size=2))
    errors = {(2, 5, p): data.draw(st.sampled_from(se.TRANSLATION_ERRORS)) for p in failing}
    stream = random_beats(data.draw, se.beats(off, ln) + 3)
    d = Descriptor(7, 2, 5, off, ln)
    tr = page_map_translator(pages, {k: bc.Status(int(v)) for k, v in errors.items()})
    out = e.execute(d, stream, tr)

    def host_of(o):
        k = (2, 5, o // PAGE)
        return None if k in errors else pages[k] + o % PAGE

    assert out.writes == ref_written(d, stream, host_of)
    assert out.beats_consumed == se.beats(off, ln)
    assert out.completion == (7, int(errors[(2, 5, min(failing))]) if failing else 0)
    assert [c[2] for c in tr.calls] == [p.offset for p in se.pieces(off, ln)]  # once per piece, in order
    # bursts: AWUSER, AWID, WSTRB exactly the written bytes, never outside the translated pieces
    assert all(b.func == 2 and b.awid == 0 and b.ok for b in out.bursts)
    assert {a for b in out.bursts for a in b.bytes_written()} == set(out.writes)
    ok_bytes = sum(1 for o in range(off, off + ln) if host_of(o) is not None)
    assert out.byte_cnt == ok_bytes
    assert e.byte_cnt[2] == ok_bytes and e.desc_cnt[2] == 1 and e.err_cnt[2] == int(bool(failing))


def test_zero_strobe_inside_range_writes_nothing_but_still_bursts():
    e = EngineModel()
    d = Descriptor(0, 1, 0, 0x10, 16)
    stream = [(0x1111111111111111, 0x00), (0x2222222222222222, 0x0F)]
    out = e.execute(d, stream, page_map_translator({(1, 0, 0): 0x5000}))
    assert out.status == Status.OK and len(out.bursts) == 1
    assert out.bursts[0].wstrb == (0x00, 0x0F)
    assert out.writes == {0x5018 + i: 0x22 for i in range(4)}
    assert out.byte_cnt == 16  # range bytes, strobes not counted


def test_write_errors_first_failing_piece_and_other_pieces_still_written():
    e = EngineModel()
    d = Descriptor(3, 1, 0, PAGE - 8, 3 * PAGE)  # pieces 0..3
    pages = {(1, 0, p): 0x10_0000 + 0x1000 * p for p in range(4)}
    errors = {(1, 0, 3): bc.Status.CLAT_INVALID}
    stream = se.payload_beats(d.offset, bytes(range(256)) * 48)
    bad = {0x10_2000}  # the first burst of piece 2 (offset 0x2000 -> page 2)
    out = e.execute(d, stream, page_map_translator(pages, errors), write_ok=lambda b: b.addr not in bad)
    assert [r.status for r in out.pieces] == [Status.OK, Status.OK, Status.WRITE_ERROR, Status.CLAT_INVALID]
    assert out.status == Status.WRITE_ERROR  # piece 2 fails before piece 3
    assert out.pieces[3].bursts == ()
    assert any(not b.ok for b in out.bursts) and all(b.piece != 3 for b in out.bursts)
    failed = [b for b in out.bursts if not b.ok]
    assert [b.addr for b in failed] == [0x10_2000]
    assert set(out.error_writes) == set(range(0x10_2000, 0x10_2100))
    assert not set(out.error_writes) & set(out.writes)
    # BYTE_CNT: every OKAY burst's range bytes
    assert out.byte_cnt == sum(b.nbytes for b in out.bursts if b.ok) == 8 + PAGE + (PAGE - 256)
    assert e.status_cnt[Status.WRITE_ERROR] == 1 and e.err_cnt[1] == 1
    # a translation error before a write error wins
    e2 = EngineModel()
    errors0 = {(1, 0, 0): bc.Status.SERVICE_RANGE}
    out2 = e2.execute(d, stream, page_map_translator(pages, errors0), write_ok=lambda b: b.addr not in bad)
    assert out2.status == Status.SERVICE_RANGE


def test_every_translation_error_is_its_own_status():
    for s in se.TRANSLATION_ERRORS:
        e = EngineModel()
        out = e.execute(Descriptor(0, 1, 0, 0, 8), [(0, 0xFF)], lambda f, sv, o, s=s: (bc.Status(int(s)), 0))
        assert out.status == s and int(out.status) == int(bc.Status[s.name]) and out.writes == {} and out.bursts == []
        assert out.beats_consumed == 1 and e.status_cnt[int(s)] == 1 and e.byte_cnt[1] == 0


def test_translator_contract_violations_raise():
    e = EngineModel()
    with pytest.raises(ValueError, match="MISS_LIMIT"):
        e.execute(Descriptor(0, 1, 0, 0, 8), [(0, 0xFF)], lambda f, s, o: (bc.Status.MISS_LIMIT, 0))
    with pytest.raises(ValueError, match="page aligned"):
        e.execute(Descriptor(0, 1, 0, 0x10, 8), [(0, 0xFF)], lambda f, s, o: (bc.Status.OK, 0x5000))
    with pytest.raises(ValueError, match="payload beats"):
        e.execute(Descriptor(0, 1, 0, 4, 8), [(0, 0xFF)], lambda f, s, o: (bc.Status.OK, o))
    with pytest.raises(ValueError, match="port"):
        e.execute(Descriptor(0, 256, 0, 0, 8), [(0, 0xFF)], lambda f, s, o: (bc.Status.OK, o))
    with pytest.raises(ValueError, match="port"):
        e.execute(Descriptor(0, 1, 0, 0, 1 << 17), [], lambda f, s, o: (bc.Status.OK, o))


# ----------------------------------------------------------------------------- status precedence, stop
def test_len_invalid_consumes_nothing_and_beats_stopped():
    e = EngineModel()
    tr = page_map_translator({})
    for ln, off in ((0, 3), (0, 0), ((1 << 16) + 1, 0), (2, OFFSET_SPACE - 1)):
        d = Descriptor(1, 1, 0, off, ln)
        out = e.execute(d, [], tr)
        assert out.status == Status.LEN_INVALID and out.beats_consumed == 0 and out.bursts == []
        e.stop(0x02)
        assert e.execute(d, [], tr).status == Status.LEN_INVALID  # precedence: LEN_INVALID first
        e.stop(0, all=True)
        assert e.execute(d, [], tr).status == Status.LEN_INVALID
        e.stop(0)
    assert tr.calls == []
    assert e.status_cnt[Status.LEN_INVALID] == 12 and e.err_cnt[1] == 12 and e.desc_cnt[1] == 12


def test_stopped_consumes_beats_writes_nothing_translates_nothing():
    e = EngineModel()
    tr = page_map_translator({(2, 0, 0): 0x8000})
    e.stop(1 << 2)
    d = Descriptor(9, 2, 0, 4, 20)
    out = e.execute(d, [(0, 0xFF)] * 3, tr)
    assert out.status == Status.STOPPED and out.beats_consumed == 3 and out.writes == {} and out.bursts == []
    assert tr.calls == [] and out.byte_cnt == 0
    # other functions keep running; clearing the bit resumes
    assert e.execute(Descriptor(1, 3, 0, 0, 8), [(0, 0xFF)], page_map_translator({(3, 0, 0): 0})).status == Status.OK
    e.stop(0)
    assert e.execute(d, [(0, 0xFF)] * 3, tr).status == Status.OK
    # the caller may pass the state sampled at the handshake
    assert e.execute(d, [(0, 0xFF)] * 3, tr, stopped=True).status == Status.STOPPED
    e.stop(1 << 2)
    assert e.execute(d, [(0, 0xFF)] * 3, tr, stopped=False).status == Status.OK


def test_stop_precedes_translation_errors():
    e = EngineModel()
    e.stop(0, all=True)
    out = e.execute(Descriptor(0, 200, 0, 0, 8), [(0, 0xFF)], lambda f, s, o: (bc.Status.FUNC_INVALID, 0))
    assert out.status == Status.STOPPED
    assert e.status_cnt[Status.STOPPED] == 1 and sum(e.desc_cnt) == 0  # func >= NumFunctions: STATUS_CNT only


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 255), st.booleans(), st.integers(0, 255), st.sets(st.integers(0, 255), max_size=4))
def test_stop_rules(mask, all_, func, outstanding):
    e = EngineModel()
    e.stop(mask, all_)
    stopped = all_ or (func < 8 and mask >> func & 1 == 1)
    assert e.is_stopped(func) == stopped
    assert e.stopped(func, outstanding) == (stopped and func not in outstanding)
    assert e.stopped_all(outstanding) == (all_ and not outstanding)
    reg = e.stopped_reg(outstanding)
    for f in range(8):
        assert reg >> f & 1 == int((all_ or mask >> f & 1 == 1) and f not in outstanding)
    assert reg >> 8 & 1 == int(all_ and not outstanding)
    assert reg >> 9 == 0


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_beats_consumed_track_the_stream_and_image_matches_reference(data):
    """A random sequence (valid, LEN_INVALID, stopped, failing) over one stream: each descriptor
    takes its own beats, and the final image equals the byte-by-byte reference."""
    p = Params(num_functions=4, offset_width=20, len_width=14)
    e = EngineModel(p)
    pages = {(f, 0, pg): 0x40_0000 + 0x1000 * (16 * f + pg) for f in range(4) for pg in range(0, 256, 3)}
    items, descs = [], []
    for i in range(data.draw(st.integers(1, 8))):
        if data.draw(st.integers(0, 5)) == 0:
            items.append(StopWrite(data.draw(st.integers(0, 15)), data.draw(st.booleans())))
        off = data.draw(st.integers(0, (1 << 20) - 1))
        ln = data.draw(st.sampled_from([0, 1, 7, 8, 100, 4096, 5000, (1 << 13) + 1]))
        d = Descriptor(i, data.draw(st.integers(0, 5)), 0, off, ln)
        items.append(d)
        descs.append(d)
    total = sum(se.beats(d.offset, d.length) for d in descs if d.length)
    stream = random_beats(data.draw, total)
    image = {0x40_0000 + 8 * i: 0x5A for i in range(64)}
    final, outs = se.predict_image(e, items, stream, image, page_map_translator(pages))
    assert image == {0x40_0000 + 8 * i: 0x5A for i in range(64)}  # input not changed
    # reference
    ref = dict(image)
    pos, stop_mask, stop_all = 0, 0, False
    k = 0
    for it in items:
        if isinstance(it, StopWrite):
            stop_mask, stop_all = it.func_mask, it.all
            continue
        d, o = it, outs[k]
        k += 1
        valid = 1 <= d.length <= 1 << 13 and d.offset + d.length <= 1 << 20
        n = (d.offset + d.length - 1) // 8 - d.offset // 8 + 1 if valid else 0
        assert o.beats_consumed == n
        stopped = stop_all or (d.func < 8 and stop_mask >> d.func & 1)
        if not valid:
            assert o.status == Status.LEN_INVALID
        elif stopped:
            assert o.status == Status.STOPPED
        else:
            def host_of(off, d=d):
                key = (d.func, 0, off // PAGE)
                if d.func >= 4:
                    return None
                return pages[key] + off % PAGE if key in pages else None
            ref.update(ref_written(d, stream[pos:pos + n], host_of))
            fails = [pg for pg in range(d.offset // PAGE, (d.offset + d.length - 1) // PAGE + 1)
                     if host_of(pg * PAGE) is None]
            assert (o.status == Status.OK) == (not fails)
        pos += n
    assert sum(o.beats_consumed for o in outs) == pos <= total
    assert final == ref
    assert sum(e.status_cnt) == len(descs)
    assert sum(e.desc_cnt) == sum(1 for d in descs if d.func < 4)


# ----------------------------------------------------------------------------- counters
def test_counters_saturate():
    e = EngineModel()
    tr = page_map_translator({(1, 0, 0): 0x1000})
    e.status_cnt[0] = MASK32 - 1
    e.desc_cnt[1] = MASK32
    e.byte_cnt[1] = MASK32 - 10
    e.execute(Descriptor(0, 1, 0, 0, 64), [(0, 0xFF)] * 8, tr)
    assert e.status_cnt[0] == MASK32 and e.desc_cnt[1] == MASK32 and e.byte_cnt[1] == MASK32
    e.execute(Descriptor(0, 1, 0, 0, 64), [(0, 0xFF)] * 8, tr)
    assert e.status_cnt[0] == MASK32 and e.byte_cnt[1] == MASK32
    e.err_cnt[1] = MASK32
    e.execute(Descriptor(0, 1, 0, 0, 0), [], tr)
    assert e.err_cnt[1] == MASK32 and e.status_cnt[Status.LEN_INVALID] == 1


def test_count_false_defers_to_complete():
    e = EngineModel()
    out = e.execute(Descriptor(0, 1, 0, 0, 0), [], page_map_translator({}), count=False)
    assert sum(e.status_cnt) == 0 and e.desc_cnt[1] == 0
    e.complete(out)
    assert e.status_cnt[Status.LEN_INVALID] == 1 and e.desc_cnt[1] == 1 and e.err_cnt[1] == 1


# ----------------------------------------------------------------------------- dirty marks
def test_marks_follow_the_bursts_address_range_and_logging():
    dirty = dt.DirtyTrackModel(num_functions=8, pages_per_func=1024)
    for f in (1,):
        dirty.reg_write(dt.func_reg(f, dt.BASE_LO), 0x10_0000)
        dirty.reg_write(dt.func_reg(f, dt.PAGES), 64)
        dirty.reg_write(dt.func_reg(f, dt.CTRL), 1)
    e = EngineModel()
    pages = {(1, 0, p): 0x10_0000 + 0x3000 * p for p in range(3)}
    d = Descriptor(0, 1, 0, PAGE - 4, PAGE + 8)  # pieces: 4 bytes of page 0, all of page 1, 4 of page 2
    stream = [(0, 0)] * se.beats(d.offset, d.length)  # all strobes 0: nothing written, still marked
    out = e.execute(d, stream, page_map_translator(pages))
    assert out.writes == {}
    marks = out.marks(dirty)
    assert len(marks) == len(out.bursts) == 1 + PAGE // 256 + 1
    pages_marked = sorted({p for m in marks for p in m.pages})
    assert pages_marked == [0, 3, 6]  # host pages 0x10_0000, 0x10_3000, 0x10_6000 of the region
    assert dirty.dirty_pages(1) == []  # marks() does not change the model
    out.apply_marks(dirty)
    assert dirty.dirty_pages(1) == [0, 3, 6]
    # a function that does not log: nothing
    out2 = e.execute(Descriptor(0, 2, 0, 0, 8), [(0, 0xFF)], page_map_translator({(2, 0, 0): 0x10_0000}))
    assert out2.marks(dirty) == [None]


# ----------------------------------------------------------------------------- end to end through bat_clat
BAT = 0x2_0000
CLAT = 0x3_0000


def build_tables(mem: bytearray, base: int) -> bc.BatClatModel:
    """Function 1, services 0 (4 KiB blocks, 3 entries, entry 1 invalid) and 1 (8 KiB blocks, 2
    entries); the tables live in the same host image the DMA writes."""
    def put(addr, word):
        mem[addr - base:addr - base + 8] = word.to_bytes(8, "little")

    w0, w1 = bc.encode_bat_entry(CLAT, 3, 12)
    put(BAT, w0)
    put(BAT + 8, w1)
    w0, w1 = bc.encode_bat_entry(CLAT + 0x100, 2, 13)
    put(BAT + 16, w0)
    put(BAT + 24, w1)
    put(CLAT + 0, bc.encode_clat_entry(0x5_0000))
    put(CLAT + 8, bc.encode_clat_entry(0x5_1000, valid=False))
    put(CLAT + 16, bc.encode_clat_entry(0x5_8000))
    put(CLAT + 0x100, bc.encode_clat_entry(0x6_0000))
    put(CLAT + 0x108, bc.encode_clat_entry(0x7_2000))
    m = bc.BatClatModel(bc.Params(num_functions=8))
    for off, v in ((bc.F_BAT_BASE_LO, BAT), (bc.F_BAT_ENTRIES, 2), (bc.F_CTRL, 1)):
        assert m.reg_write(0, bc.func_reg(1, off), v) == bc.OKAY
    return m


def test_end_to_end_through_real_bat_clat_tables():
    base = 0
    mem = bytearray(0x8_0000)
    bat = build_tables(mem, base)
    initial = bytes(mem)
    e = EngineModel()
    blob = bytes((i * 7 + 3) & 0xFF for i in range(3 * PAGE))
    d_ok = Descriptor(1, 1, 1, 0x0FF0, 0x3000)  # service 1: 8 KiB blocks, offset 0x0FF0..0x3FF0
    d_bad = Descriptor(2, 1, 0, 0x0F00, 0x2100)  # service 0: pieces 0 OK, 1 CLAT_INVALID, 2 OK (0x2000..0x2FFF)
    d_range = Descriptor(3, 1, 0, 0x2F00, 0x200)  # crosses into block 3: the CLAT lacks it
    d_func = Descriptor(4, 2, 0, 0, 8)  # function 2 not enabled
    d_serv = Descriptor(5, 1, 7, 0, 8)  # service 7 >= BAT_ENTRIES
    items = [d_ok, d_bad, d_range, d_func, d_serv]
    stream = []
    for d in items:
        stream += se.payload_beats(d.offset, blob[:d.length])
    final, outs = se.predict_image(e, items, stream, mem,
                                   translator_for=lambda img: se.table_translator(bat, se.memory_reader(img)))
    assert [o.status for o in outs] == [Status.OK, Status.CLAT_INVALID, Status.BLOCK_RANGE,
                                        Status.FUNC_INVALID, Status.SERVICE_RANGE]
    expect = bytearray(initial)
    # d_ok: offset block 0 (0..0x1FFF) -> 0x6_0000, block 1 (0x2000..0x3FFF) -> 0x7_2000
    for i in range(0x3000):
        o = 0x0FF0 + i
        host = (0x6_0000 if o < 0x2000 else 0x7_2000) + (o & 0x1FFF)
        expect[host] = blob[i]
    # d_bad: offsets 0x0F00..0x0FFF -> 0x5_0F00; 0x1000..0x1FFF not written; 0x2000..0x2FFF -> 0x5_8000..
    for i in range(0x2100):
        o = 0x0F00 + i
        if o < 0x1000:
            expect[0x5_0000 + o] = blob[i]
        elif o >= 0x2000:
            expect[0x5_8000 + (o - 0x2000)] = blob[i]
    # d_range: 0x2F00..0x2FFF is block 2 (OK) -> 0x5_8F00; 0x3000.. block 3: BLOCK_RANGE
    for i in range(0x100):
        expect[0x5_8F00 + i] = blob[i]
    assert final == expect
    assert mem == initial
    assert [r.status for r in outs[2].pieces] == [Status.OK, Status.BLOCK_RANGE]
    assert [r.host_addr for r in outs[1].pieces] == [0x5_0F00, 0, 0x5_8000]
    # the tables survived (nothing wrote them)
    assert final[BAT:BAT + 32] == initial[BAT:BAT + 32]


def test_table_translator_with_regs_and_bus_error():
    mem = bytearray(0x8_0000)
    bat = build_tables(mem, 0)
    tr = se.table_translator(bat.regs, se.memory_reader(mem, error=lambda a: a == CLAT + 16), bat.p)
    assert tr(1, 0, 0x123) == (bc.Status.OK, 0x5_0123)
    assert tr(1, 0, 0x2000)[0] == bc.Status.BUS_ERROR
    out = EngineModel().execute(Descriptor(0, 1, 0, 0x1FF8, 16), [(0, 0xFF)] * 2, tr)
    assert out.status == Status.CLAT_INVALID  # piece 0 (block 1 invalid) before piece 1 (bus error)
    assert [r.status for r in out.pieces] == [Status.CLAT_INVALID, Status.BUS_ERROR]
    # dict images read the same as bytearrays
    d = {i: v for i, v in enumerate(mem) if v}
    assert se.memory_reader(d)(BAT) == se.memory_reader(mem)(BAT) != 0


# ----------------------------------------------------------------------------- registers
def test_decode_every_range_edge():
    edges = {
        0x000000: ("engine", 0), 0x000FFF: ("engine", 0xFFF),
        0x001000: ("bat_clat", 0), 0x001FFF: ("bat_clat", 0xFFF),
        0x002000: (None, 0x2000), 0x0FFFFF: (None, 0xFFFFF),
        0x100000: ("dirty_track", 0), 0x180000: ("dirty_track", 0x80000), 0x1FFFFF: ("dirty_track", 0xFFFFF),
        0x200000: (None, 0x200000), 0x3FFFFF: (None, 0x3FFFFF),
    }
    for a, want in edges.items():
        assert se.decode(a) == want, hex(a)
    with pytest.raises(ValueError):
        se.decode(1 << 22)


def test_engine_register_reset_values_and_params():
    regs = EngineRegs(EngineModel())
    rv = regs.reset_values()
    assert rv[se.ENGINE_ID] == 0x5345_0100
    assert rv[se.ENGINE_PARAMS] == 8 | 8 << 8 | 16 << 16 | 32 << 24
    assert all(v == 0 for a, v in rv.items() if a not in (se.ENGINE_ID, se.ENGINE_PARAMS))
    assert len(rv) == 6 + 16 + 3 * 8
    p = EngineRegs(EngineModel(Params(num_functions=3, max_burst_beats=256, len_width=13, max_pieces=4)))
    assert p.read(0, se.ENGINE_PARAMS) == (3 | 4 << 8 | 12 << 16 | 0 << 24, OKAY)


def mapped_engine_addrs(nf: int) -> set[int]:
    """From the doc's table (independent of the model's decode)."""
    a = {0x000, 0x004, 0x008, 0x00C, 0x010, 0x014} | {0x040 + 4 * s for s in range(16)}
    return a | {0x100 + 0x10 * f + k for f in range(nf) for k in (0, 4, 8)}


@pytest.mark.parametrize("nf", [1, 3, 8])
def test_engine_register_access_rules_every_address(nf):
    e = EngineModel(Params(num_functions=nf))
    regs = EngineRegs(e)
    mapped = mapped_engine_addrs(nf)
    ro = {0x000, 0x004, 0x00C}
    for a in range(0, 0x1000):
        if a % 0x40 == 0 or a in mapped or a % 4:  # VF: refused first, whatever the address
            for f in (1, 7, 255):
                before = e.access_viol_cnt
                assert regs.read(f, a) == (0, SLVERR) and regs.write(f, a, 0xFFFF_FFFF) == (0, SLVERR)
                assert e.access_viol and e.access_viol_cnt == before + 2
        assert e.stop_func == 0 and not e.stop_all  # no VF write landed
        value, resp = regs.read(0, a)
        assert resp == (OKAY if a in mapped else SLVERR), hex(a)
        if resp == SLVERR:
            assert value == 0
        _, wresp = regs.write(0, a, 0)
        assert wresp == (OKAY if a in mapped and a not in ro else SLVERR), hex(a)
    assert e.stop_func == 0 and not e.stop_all  # no VF write landed


def test_engine_register_writes_strobes_and_w1c():
    e = EngineModel()
    regs = EngineRegs(e)
    assert regs.write(0, se.ENGINE_STOP, 0xFFFF_FFFF, 0x1) == (0, OKAY)
    assert regs.read(0, se.ENGINE_STOP) == (0xFF, OKAY) and e.stop_func == 0xFF and not e.stop_all
    regs.write(0, se.ENGINE_STOP, 0x0000_0100, 0x2)
    assert regs.read(0, se.ENGINE_STOP) == (0x1FF, OKAY)
    regs.write(0, se.ENGINE_STOP, 0xFFFF_FE00, 0xF)  # reserved bits ignored
    assert regs.read(0, se.ENGINE_STOP) == (0x000, OKAY)
    regs.write(0, se.ENGINE_STOP, 0x104)
    assert e.is_stopped(2) and e.is_stopped(5) and e.stop_all
    # STOPPED: read-only, follows the outstanding writes
    assert regs.read(0, se.ENGINE_STOPPED, outstanding_funcs={3})[0] == 0xF7
    assert regs.read(0, se.ENGINE_STOPPED)[0] == 0x1FF
    assert regs.write(0, se.ENGINE_STOPPED, 0) == (0, SLVERR) and e.stop_all
    # counters: per-byte strobes
    c = se.func_cnt_reg(2, se.BYTE_CNT_OFF)
    regs.write(0, c, 0x1234_5678)
    regs.write(0, c, 0xAABB_CCDD, 0b0101)
    assert regs.read(0, c) == (0x12BB_56DD, OKAY) and e.byte_cnt[2] == 0x12BB_56DD
    regs.write(0, se.status_cnt_reg(15), 7)
    assert e.status_cnt[15] == 7
    regs.write(0, c, 0xFFFF_FFFF, 0)  # WSTRB 0: OKAY, no change
    assert e.byte_cnt[2] == 0x12BB_56DD
    # ERR.access_viol: W1C, only where a 1 is written with its strobe
    regs.read(1, se.ENGINE_ID)
    assert regs.read(0, se.ENGINE_ERR)[0] == 1 and regs.read(0, se.ENGINE_ACCESS_VIOL_CNT)[0] == 1
    regs.write(0, se.ENGINE_ERR, 0)
    regs.write(0, se.ENGINE_ERR, 1, 0b1110)
    assert e.access_viol
    regs.write(0, se.ENGINE_ERR, 1)
    assert not e.access_viol and e.access_viol_cnt == 1
    regs.write(0, se.ENGINE_ACCESS_VIOL_CNT, 0)
    assert e.access_viol_cnt == 0


def test_counter_registers_read_what_execute_counted():
    e = EngineModel()
    regs = EngineRegs(e)
    e.execute(Descriptor(0, 3, 0, 0, 20), [(0, 0xFF)] * 3, page_map_translator({(3, 0, 0): 0x1000}))
    e.execute(Descriptor(0, 3, 0, 0, 0), [], page_map_translator({}))
    assert regs.read(0, se.func_cnt_reg(3, se.DESC_CNT_OFF))[0] == 2
    assert regs.read(0, se.func_cnt_reg(3, se.BYTE_CNT_OFF))[0] == 20
    assert regs.read(0, se.func_cnt_reg(3, se.ERR_CNT_OFF))[0] == 1
    assert regs.read(0, se.status_cnt_reg(Status.OK))[0] == 1
    assert regs.read(0, se.status_cnt_reg(Status.LEN_INVALID))[0] == 1


def test_subsystem_routes_to_each_block_with_its_rules():
    m = SubsystemModel()
    # unmapped: SLVERR, read 0, no access violation anywhere
    for a in (0x2000, 0xFFFFC, 0x200000, 0x3FFFFC):
        assert m.reg_read(3, a) == (0, SLVERR) and m.reg_write(3, a, 1) == SLVERR
    assert m.engine.access_viol_cnt == 0 and m.bat.access_violations == 0 and m.dirty.access_viol_cnt == 0
    # engine: PF only
    assert m.reg_read(0, 0x000) == (se.ID_VALUE, OKAY)
    assert m.reg_read(1, 0x000) == (0, SLVERR) and m.engine.access_viol_cnt == 1
    # bat_clat at 0x1000: a VF may write its own function block, not another's
    assert m.reg_read(0, 0x1000) == (bc.BLOCK_ID, OKAY)
    assert m.reg_write(2, 0x1000 + bc.func_reg(2, bc.F_BAT_ENTRIES), 3) == OKAY
    assert m.bat.regs[2].bat_entries == 3
    assert m.reg_write(2, 0x1000 + bc.func_reg(3, bc.F_BAT_ENTRIES), 3) == SLVERR
    assert m.bat.access_violations == 1 and m.engine.access_viol_cnt == 1
    # dirty_track at 0x100000: PF only, the bitmap window included
    assert m.reg_read(0, 0x100000) == (dt.ID_VALUE, OKAY)
    assert m.reg_write(0, 0x100000 + dt.func_reg(1, dt.CTRL), 1) == OKAY and m.dirty.funcs[1].log_en == 1
    assert m.reg_read(4, 0x100000 + dt.BITMAP_BASE) == (0, SLVERR) and m.dirty.access_viol_cnt == 1
    m.dirty.dma_write(0, 0x5000, 0, 3, dt.BURST_INCR)  # function 0 logs nothing yet: enable and mark page 5
    m.reg_write(0, 0x100000 + dt.func_reg(0, dt.PAGES), 64)
    m.reg_write(0, 0x100000 + dt.func_reg(0, dt.CTRL), 1)
    m.dirty.dma_write(0, 0x5000, 0, 3, dt.BURST_INCR)
    assert m.reg_read(0, 0x100000 + dt.BITMAP_BASE) == (1 << 5, OKAY)  # the window at 0x180000: read and clear
    assert m.reg_read(0, 0x100000 + dt.BITMAP_BASE) == (0, OKAY)
    # the subsystem translator uses the bat_clat model's registers
    assert m.translator(se.memory_reader({}))(5, 0, 0)[0] == bc.Status.FUNC_INVALID
    m.reset()
    assert m.engine.access_viol_cnt == 0 and m.bat.regs[2].bat_entries == 0 and m.dirty.funcs[1].log_en == 0


def test_offsets_agree_with_the_doc_table():
    """The doc's offsets (docs/sriov_ep.md, "Engine registers"), whichever source the model uses."""
    assert (se.ENGINE_ID, se.ENGINE_PARAMS, se.ENGINE_STOP, se.ENGINE_STOPPED, se.ENGINE_ERR,
            se.ENGINE_ACCESS_VIOL_CNT) == (0, 4, 8, 0xC, 0x10, 0x14)
    assert se.status_cnt_reg(0) == 0x40 and se.status_cnt_reg(15) == 0x7C
    assert se.func_cnt_reg(0, se.DESC_CNT_OFF) == 0x100 and se.func_cnt_reg(7, se.ERR_CNT_OFF) == 0x178
    assert se.func_cnt_reg(1, se.BYTE_CNT_OFF) == 0x114


def test_wdata_matches_compares_only_strobed_lanes():
    out = EngineModel().execute(Descriptor(0, 1, 0, 0x13, 3), [(0x1122334455667788, 0xFF)],
                                page_map_translator({(1, 0, 0): 0x7000}))
    (b,) = out.bursts
    assert (b.addr, b.awlen, b.wstrb, b.wdata) == (0x7013, 0, (0x38,), (0x0000334455000000,))
    assert se.wdata_matches(b, 0, 0xFFFF3344550000EE, 0x38)  # unstrobed lanes: anything
    assert not se.wdata_matches(b, 0, 0x0000334456000000, 0x38)  # a strobed lane differs
    assert not se.wdata_matches(b, 0, 0x0000334455000000, 0x3C)  # WSTRB differs
    assert b.bytes_written() == {0x7013: 0x55, 0x7014: 0x44, 0x7015: 0x33} == out.writes


def test_space_windows_hold_the_sub_blocks():
    """sriov_ep_space's windows (sriov_ep_regs.rdl) hold each sub-block's whole space."""
    from models.gen import bat_clat_regs, dirty_track_regs, sriov_ep_regs

    assert sriov_ep_regs.DIRTY_TRACK_SIZE == dirty_track_regs.SPACE_SIZE
    assert bat_clat_regs.REGMAP.size <= sriov_ep_regs.BAT_CLAT_SIZE
    assert sriov_ep_regs.REGMAP.size <= sriov_ep_regs.BAT_CLAT_BASE
    assert dirty_track_regs.BITMAP_BASE + dirty_track_regs.BITMAP_SIZE == dirty_track_regs.SPACE_SIZE
