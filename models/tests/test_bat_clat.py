"""Unit tests of the BAT/CLAT golden model, written from docs/bat_clat.md (independent of the RTL)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.bat_clat import (
    BAT_READ_BEATS,
    CLAT_READ_BEATS,
    DECERR,
    ERR_CNT_MAX,
    F_BAT_BASE_HI,
    F_BAT_BASE_LO,
    F_BAT_ENTRIES,
    F_CTRL,
    F_INVAL,
    INVAL,
    MASK64,
    OKAY,
    REG_ACCESS_VIOLATIONS,
    REG_AXI_PROTO_ERR,
    REG_INVAL_CTRL,
    SCOPE_ALL,
    SCOPE_FUNC,
    SCOPE_SERVICE,
    SLVERR,
    BatClatModel,
    BatEntry,
    BusError,
    DoneModel,
    Invalidation,
    Params,
    Status,
    dict_memory,
    encode_bat_entry,
    encode_clat_entry,
    err_cnt_reg,
    func_reg,
    miss_limit_allowed,
    read_outcome,
    translate_candidates,
)

BAT_BASE = 0x1_0000
CLAT_BASE = 0x2_0000


def configured(num_functions: int = 8, bat_entries: int = 4, func: int = 1) -> BatClatModel:
    m = BatClatModel(Params(num_functions=num_functions))
    assert m.reg_write(0, func_reg(func, F_BAT_BASE_LO), BAT_BASE & 0xFFFF_FFFF) == OKAY
    assert m.reg_write(0, func_reg(func, F_BAT_BASE_HI), BAT_BASE >> 32) == OKAY
    assert m.reg_write(0, func_reg(func, F_BAT_ENTRIES), bat_entries) == OKAY
    assert m.reg_write(0, func_reg(func, F_CTRL), 1) == OKAY
    m.take_invalidations()
    return m


def put_bat(mem: dict, service: int, clat_base: int, entries: int, log2: int, valid: bool = True) -> None:
    w0, w1 = encode_bat_entry(clat_base, entries, log2, valid)
    mem[BAT_BASE + 16 * service] = w0
    mem[BAT_BASE + 16 * service + 8] = w1


# ---------------------------------------------------------------- translation
def test_ok_translation_example():
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 2, CLAT_BASE, 4, 12)
    mem[CLAT_BASE + 8 * 3] = encode_clat_entry(0xABCD_E000)
    r = m.translate(1, 2, 3 * 4096 + 0x123, dict_memory(mem))
    assert r.status == Status.OK
    assert r.addr == 0xABCD_E123
    assert r.reads.bat_addr == BAT_BASE + 32
    assert r.reads.clat_addr == CLAT_BASE + 24


@settings(max_examples=300, deadline=None)
@given(
    log2=st.integers(12, 32),
    entries=st.integers(1, 64),
    data=st.data(),
)
def test_ok_translation_formula(log2, entries, data):
    """address = CLAT[offset >> log2].addr + (offset mod block_size), for any block size 4 KiB..4 GiB."""
    m = configured()
    block = data.draw(st.integers(0, entries - 1))
    within = data.draw(st.integers(0, (1 << log2) - 1))
    offset = (block << log2) | within
    if offset >= 1 << 40:
        return
    block_addr = data.draw(st.integers(0, MASK64)) & ~0xFFF
    mem: dict[int, int] = {}
    put_bat(mem, 0, CLAT_BASE, entries, log2)
    mem[CLAT_BASE + 8 * block] = encode_clat_entry(block_addr)
    r = m.translate(1, 0, offset, dict_memory(mem))
    assert r.status == Status.OK
    assert r.addr == (block_addr + within) & MASK64


def test_clat_base_low_bits_ignored():
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 0, CLAT_BASE | 0x7, 2, 12)
    mem[CLAT_BASE + 8] = encode_clat_entry(0x5000)
    assert m.translate(1, 0, 0x1010, dict_memory(mem)).key == (Status.OK, 0x5010)


def test_func_invalid_out_of_range_and_disabled():
    m = configured(num_functions=8)
    mem: dict[int, int] = {}
    assert m.translate(8, 0, 0, dict_memory(mem)).status == Status.FUNC_INVALID
    assert m.translate(255, 0, 0, dict_memory(mem)).status == Status.FUNC_INVALID
    r = m.translate(2, 0, 0, dict_memory(mem))  # in range, never enabled
    assert r.status == Status.FUNC_INVALID and r.reads.bat_addr is None
    m.reg_write(0, func_reg(1, F_CTRL), 0)
    assert m.translate(1, 0, 0, dict_memory(mem)).status == Status.FUNC_INVALID


def test_service_range_reads_nothing():
    m = configured(bat_entries=4)
    r = m.translate(1, 4, 0, dict_memory({}))
    assert r.status == Status.SERVICE_RANGE and r.reads.bat_addr is None and r.addr == 0
    assert m.translate(1, 255, 0, dict_memory({})).status == Status.SERVICE_RANGE


def test_service_range_capped_by_parameter():
    m = configured(bat_entries=200)  # BAT_ENTRIES above the BatEntries parameter (16)
    assert m.translate(1, 16, 0, dict_memory({})).status == Status.SERVICE_RANGE


@pytest.mark.parametrize("valid,log2", [(False, 12), (True, 11), (True, 33), (True, 0), (True, 63)])
def test_bat_invalid(valid, log2):
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 1, CLAT_BASE, 4, log2, valid)
    r = m.translate(1, 1, 0, dict_memory(mem))
    assert r.key == (Status.BAT_INVALID, 0)
    assert r.reads.bat_addr == BAT_BASE + 16 and r.reads.clat_addr is None


def test_block_range():
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 0, CLAT_BASE, 4, 16)
    assert m.translate(1, 0, 4 << 16, dict_memory(mem)).status == Status.BLOCK_RANGE
    assert m.translate(1, 0, (4 << 16) - 1, dict_memory(mem)).status == Status.CLAT_INVALID
    put_bat(mem, 0, CLAT_BASE, 0, 16)  # an empty CLAT
    r = m.translate(1, 0, 0, dict_memory(mem))
    assert r.status == Status.BLOCK_RANGE and r.reads.clat_addr is None


def test_clat_invalid_reads_both():
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 0, CLAT_BASE, 4, 12)
    mem[CLAT_BASE + 8] = encode_clat_entry(0x7000, valid=False)
    r = m.translate(1, 0, 0x1000, dict_memory(mem))
    assert r.key == (Status.CLAT_INVALID, 0)
    assert r.reads.clat_addr == CLAT_BASE + 8


def test_bus_error_on_bat_and_on_clat():
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 0, CLAT_BASE, 4, 12)
    mem[CLAT_BASE] = encode_clat_entry(0x7000)
    bat_err = dict_memory(mem, error=lambda a: a == BAT_BASE + 8)  # second beat of the burst
    r = m.translate(1, 0, 0, bat_err)
    assert r.key == (Status.BUS_ERROR, 0) and r.reads.clat_addr is None
    clat_err = dict_memory(mem, error=lambda a: a >= CLAT_BASE)
    assert m.translate(1, 0, 0, clat_err).key == (Status.BUS_ERROR, 0)


def test_offset_truncated_to_port_width():
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 0, CLAT_BASE, 1, 12)
    mem[CLAT_BASE] = encode_clat_entry(0x9000)
    assert m.translate(1, 0, (1 << 40) | 5, dict_memory(mem)).key == (Status.OK, 0x9005)


def test_bat_entry_decode_roundtrip():
    e = BatEntry.decode(*encode_bat_entry(0x1234_5678_9ABC_DEF8, 0xFFFF_FFFF, 32, True))
    assert e == BatEntry(0x1234_5678_9ABC_DEF8, 0xFFFF_FFFF, 32, True)
    assert e.usable


# ---------------------------------------------------------------- candidates (stale cached data)
def cand_of(versions: dict[int, list]):
    return lambda a: versions.get(a, [0])


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_candidates_contain_every_single_memory_choice(data):
    """The candidate set is exactly the union over every choice of word values (per BAT entry burst)."""
    m = configured()
    log2s = st.sampled_from([11, 12, 13])
    versions: dict[int, list] = {}
    bat_versions = []
    for _ in range(data.draw(st.integers(1, 3))):
        bat_versions.append(
            encode_bat_entry(data.draw(st.sampled_from([CLAT_BASE, CLAT_BASE + 0x100])),
                             data.draw(st.integers(0, 3)), data.draw(log2s), data.draw(st.booleans()))
        )
    clat_vals = [data.draw(st.sampled_from([0, encode_clat_entry(0x4000), encode_clat_entry(0x8000), BusError]))
                 for _ in range(3)]
    versions[BAT_BASE] = [w0 for w0, _ in bat_versions]
    versions[BAT_BASE + 8] = [w1 for _, w1 in bat_versions]
    for b in range(4):
        versions[CLAT_BASE + 8 * b] = clat_vals
        versions[CLAT_BASE + 0x100 + 8 * b] = clat_vals[:1]
    offset = data.draw(st.integers(0, 0x3FFF))
    got = translate_candidates(m.p, m.regs, 1, 0, offset, cand_of(versions))
    expected = set()
    for w0, w1 in bat_versions:
        for cw in clat_vals:
            mem = {BAT_BASE: w0, BAT_BASE + 8: w1}
            for b in range(4):
                mem[CLAT_BASE + 8 * b] = 0 if cw is BusError else cw
                mem[CLAT_BASE + 0x100 + 8 * b] = clat_vals[0] if clat_vals[0] is not BusError else 0
            err = {CLAT_BASE + 8 * b for b in range(4)} if cw is BusError else set()
            if clat_vals[0] is BusError:
                err |= {CLAT_BASE + 0x100 + 8 * b for b in range(4)}
            expected.add(m.translate(1, 0, offset, dict_memory(mem, error=err.__contains__)).key)
    # pairwise BAT words: each version is taken whole, plus cross pairs (documented looseness)
    assert expected <= got


def test_candidates_single_version_equals_translate():
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 0, CLAT_BASE, 4, 12)
    mem[CLAT_BASE + 16] = encode_clat_entry(0x3000)
    got = translate_candidates(m.p, m.regs, 1, 0, 0x2042, lambda a: [mem.get(a, 0)])
    assert got == {m.translate(1, 0, 0x2042, dict_memory(mem)).key} == {(0, 0x3042)}


def test_candidates_old_and_new_clat_value():
    m = configured()
    mem: dict[int, int] = {}
    put_bat(mem, 0, CLAT_BASE, 4, 12)
    old, new = encode_clat_entry(0x3000), encode_clat_entry(0x9000)
    versions = {a: [v] for a, v in mem.items()}
    versions[CLAT_BASE] = [old, new]
    assert translate_candidates(m.p, m.regs, 1, 0, 0x10, cand_of(versions)) == {(0, 0x3010), (0, 0x9010)}


# ---------------------------------------------------------------- registers and access control
ALL_FUNC_OFFSETS = [F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL, F_INVAL]


@pytest.mark.parametrize("num_functions", [1, 8, 64])
def test_access_matrix(num_functions):
    m = BatClatModel(Params(num_functions=num_functions))
    for accessor in range(min(num_functions + 2, 66)):
        assert m.access_allowed(accessor, REG_ACCESS_VIOLATIONS) == (accessor == 0)
        for target in range(64):
            expected = target < num_functions and accessor in (0, target)
            assert m.access_allowed(accessor, func_reg(target, F_CTRL)) == expected, (accessor, target)
    assert not m.access_allowed(0, 0xFFC)  # beyond function 63's block


def test_vf_own_block_ok_other_block_slverr_changes_nothing():
    m = configured(func=3)
    assert m.reg_write(3, func_reg(3, F_BAT_ENTRIES), 7) == OKAY
    assert m.reg_read(3, func_reg(3, F_BAT_ENTRIES)) == (7, OKAY)
    before = [vars(r).copy() for r in m.regs]
    assert m.reg_write(3, func_reg(4, F_CTRL), 1) == SLVERR
    assert m.reg_read(3, func_reg(0, F_BAT_BASE_LO)) == (0, SLVERR)
    assert m.reg_write(3, REG_INVAL_CTRL, INVAL.encode(SCOPE_ALL)) == SLVERR
    assert m.reg_read(3, err_cnt_reg(Status.OK + 1)) == (0, SLVERR)
    assert [vars(r) for r in m.regs] == before
    assert m.take_invalidations() == [Invalidation(SCOPE_FUNC, 3)]  # only the allowed reconfiguration
    assert m.reg_read(0, REG_ACCESS_VIOLATIONS) == (4, OKAY)


def test_pf_accesses_every_function():
    m = BatClatModel()
    for f in range(8):
        assert m.reg_write(0, func_reg(f, F_BAT_BASE_LO), 0x100 * f) == OKAY
        assert m.reg_read(0, func_reg(f, F_BAT_BASE_LO)) == (0x100 * f, OKAY)
    assert m.reg_write(0, func_reg(8, F_BAT_BASE_LO), 1) == SLVERR
    assert m.access_violations == 1


def test_bat_base_64bit():
    m = BatClatModel()
    m.reg_write(0, func_reg(2, F_BAT_BASE_HI), 0xDEAD_BEEF)
    m.reg_write(0, func_reg(2, F_BAT_BASE_LO), 0x1234_5670)
    assert m.regs[2].bat_base == 0xDEAD_BEEF_1234_5670


def test_reconfiguration_invalidates_function():
    m = BatClatModel()
    for off in (F_BAT_BASE_LO, F_BAT_BASE_HI, F_BAT_ENTRIES, F_CTRL):
        m.reg_write(0, func_reg(5, off), 1)
        assert m.take_invalidations() == [Invalidation(SCOPE_FUNC, 5)]


def test_invalidation_requests():
    m = BatClatModel()
    m.reg_write(0, REG_INVAL_CTRL, INVAL.encode(SCOPE_SERVICE, func=2, service=7))
    m.reg_write(0, REG_INVAL_CTRL, INVAL.encode(SCOPE_ALL, go=False))  # no go: nothing starts
    m.reg_write(4, func_reg(4, F_INVAL), INVAL.encode(SCOPE_FUNC))
    m.reg_write(4, func_reg(4, F_INVAL), INVAL.encode(SCOPE_ALL))  # VF cannot invalidate others
    m.reg_write(4, func_reg(4, F_INVAL), INVAL.encode(SCOPE_SERVICE, service=3))
    assert m.take_invalidations() == [
        Invalidation(SCOPE_SERVICE, 2, 7),
        Invalidation(SCOPE_FUNC, 4),
        Invalidation(SCOPE_FUNC, 4),
        Invalidation(SCOPE_SERVICE, 4, 3),
    ]


def test_invalidation_covers():
    assert Invalidation(SCOPE_ALL).covers(5, 3)
    assert Invalidation(SCOPE_FUNC, 5).covers(5, 3) and not Invalidation(SCOPE_FUNC, 5).covers(4, 3)
    s = Invalidation(SCOPE_SERVICE, 5, 3)
    assert s.covers(5, 3) and not s.covers(5, 2) and s.covers(5, None) and not s.covers(6, 3)


def test_id_params_and_inval_readback():
    m = BatClatModel(Params(num_functions=64, bat_entries=16, bat_cache_entries=16, clat_cache_entries=32, max_misses=4))
    assert m.reg_read(0, 0x000) == (0xBA7C_0100, OKAY)
    assert m.reg_read(0, 0x004) == (64 | 16 << 8 | 4 << 16 | 5 << 20 | 4 << 24, OKAY)
    m.reg_write(0, REG_INVAL_CTRL, INVAL.encode(SCOPE_SERVICE, func=3, service=9))
    assert m.reg_read(0, REG_INVAL_CTRL) == (INVAL.encode(SCOPE_SERVICE, func=3, service=9, go=False), OKAY)
    m.reg_write(5, func_reg(5, F_INVAL), INVAL.encode(SCOPE_SERVICE, func=3, service=9))
    assert m.reg_read(5, func_reg(5, F_INVAL)) == (INVAL.encode(SCOPE_SERVICE, service=9, go=False), OKAY)
    assert m.reg_read(0, 0x040)[0] is None  # HIT_CNT depends on the cache: not predicted


def test_error_counters_count_and_saturate():
    m = BatClatModel()
    for s in Status:
        m.count_response(s)
        m.count_response(s)
    for s in Status:
        if s != Status.OK:
            assert m.reg_read(0, err_cnt_reg(s)) == (2, OKAY)
    m.err_cnt[Status.BUS_ERROR] = ERR_CNT_MAX
    m.count_response(Status.BUS_ERROR)
    assert m.err_cnt[Status.BUS_ERROR] == ERR_CNT_MAX


def test_miss_limit_counter_is_the_seventh():
    # ERR_CNT[6] at 0x038 counts MISS_LIMIT (status 7); 0x03C stays a hole
    m = BatClatModel()
    assert err_cnt_reg(Status.MISS_LIMIT) == 0x038
    m.count_response(Status.MISS_LIMIT)
    assert m.reg_read(0, 0x038) == (1, OKAY)
    assert m.reg_write(0, 0x038, 0) == SLVERR  # read-only
    assert m.reg_read(0, 0x03C) == (0, SLVERR)


@pytest.mark.parametrize("cap", [1, 2, 3, 4])
def test_miss_limit_allowed_only_at_the_limit(cap):
    m = configured(bat_entries=4)
    p = Params(max_misses_per_func=cap)
    # a request that passes the register checks: allowed exactly from `cap` others outstanding on
    assert not miss_limit_allowed(p, m.regs, 1, 0, cap - 1)
    assert miss_limit_allowed(p, m.regs, 1, 0, cap)
    assert miss_limit_allowed(p, m.regs, 1, 0, cap + 5)
    # register-level errors come first, whatever is outstanding
    assert not miss_limit_allowed(p, m.regs, 1, 4, cap)  # SERVICE_RANGE
    assert not miss_limit_allowed(p, m.regs, 2, 0, cap)  # FUNC_INVALID (not enabled)
    assert not miss_limit_allowed(p, m.regs, 8, 0, cap)  # FUNC_INVALID (out of range)


def test_reset_clears_everything():
    m = configured()
    m.count_response(Status.BLOCK_RANGE)
    m.reg_write(2, func_reg(1, F_CTRL), 0)
    m.reset()
    assert m.access_violations == 0 and all(v == 0 for v in m.err_cnt.values())
    assert not m.regs[1].enable and m.regs[1].bat_base == 0


def test_allowed_read_ranges():
    m = configured(bat_entries=4)
    mem: dict[int, int] = {}
    put_bat(mem, 1, CLAT_BASE, 10, 12)
    ranges = m.allowed_read_ranges(1, 1, lambda a: [mem.get(a, 0)])
    assert ranges == [(BAT_BASE, BAT_BASE + 64), (CLAT_BASE, CLAT_BASE + 80)]
    assert m.allowed_read_ranges(1, 9, lambda a: [0]) == []  # SERVICE_RANGE reads nothing
    assert m.allowed_read_ranges(2, 0, lambda a: [0]) == []  # disabled function


# ---------------------------------------------------------------- malformed AXI read responses
def test_read_outcome_well_formed():
    assert read_outcome(BAT_READ_BEATS, [(OKAY, False), (OKAY, True)]) == (False, 0)
    assert read_outcome(CLAT_READ_BEATS, [(OKAY, True)]) == (False, 0)
    assert read_outcome(CLAT_READ_BEATS, [(1, True)]) == (False, 0)  # EXOKAY counts as OKAY


@pytest.mark.parametrize("resp", [SLVERR, DECERR])
def test_read_outcome_error_response_on_either_beat(resp):
    assert read_outcome(BAT_READ_BEATS, [(resp, False), (OKAY, True)]) == (True, 0)
    assert read_outcome(BAT_READ_BEATS, [(OKAY, False), (resp, True)]) == (True, 0)
    assert read_outcome(CLAT_READ_BEATS, [(resp, True)]) == (True, 0)


def test_read_outcome_wrong_rlast():
    # early RLAST: a BAT burst ending after one beat
    assert read_outcome(BAT_READ_BEATS, [(OKAY, True)]) == (True, 1)
    # late RLAST: one protocol error per beat the burst is too long
    assert read_outcome(BAT_READ_BEATS, [(OKAY, False)] * 2 + [(OKAY, True)]) == (True, 1)
    assert read_outcome(BAT_READ_BEATS, [(OKAY, False)] * 3 + [(OKAY, True)]) == (True, 2)
    # a CLAT read whose one beat lacks RLAST: the read lasts until the beat that has it
    assert read_outcome(CLAT_READ_BEATS, [(OKAY, False), (OKAY, True)]) == (True, 1)
    with pytest.raises(AssertionError):
        read_outcome(BAT_READ_BEATS, [(OKAY, True), (OKAY, True)])  # the read ends at the first RLAST


def test_axi_proto_err_counter():
    m = BatClatModel()
    assert m.reg_read(0, REG_AXI_PROTO_ERR) == (0, OKAY)
    m.count_axi_proto_errors(2)
    m.count_axi_proto_errors(1)
    assert m.reg_read(0, REG_AXI_PROTO_ERR) == (3, OKAY)
    assert m.reg_read(1, REG_AXI_PROTO_ERR) == (0, SLVERR)  # a global register: the PF's only
    m.axi_proto_err = ERR_CNT_MAX
    m.count_axi_proto_errors(1)
    assert m.axi_proto_err == ERR_CNT_MAX
    m.reset()
    assert m.axi_proto_err == 0


def test_done_model_waits_for_reads_issued_before():
    d = DoneModel()
    assert not d.must_be_busy
    d.written({"r1", "r2"})  # two reads outstanding when the invalidation is written
    assert d.must_be_busy
    d.update({"r1", "r3"})  # r2 done; r3 issued after the invalidation does not count
    assert d.must_be_busy
    d.update({"r3"})
    assert not d.must_be_busy
    d.written(set())  # nothing outstanding: only the unit's own latency
    assert not d.must_be_busy
