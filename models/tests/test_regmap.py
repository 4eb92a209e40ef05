"""Unit tests of the register-file model (models/regmap.py) and the generated maps."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.regmap import OKAY, SLVERR, Field, Reg, RegFile, RegMap

MAP = RegMap(
    "t",
    size=0x20,
    regs=(
        Reg("ID", 0x0, (Field("id", 0, 32, sw="r", hw="na", reset=0x1234),)),
        Reg("STATUS", 0x4, (Field("busy", 0, 1, sw="r", hw="w", reset=None),)),
        Reg("ERR", 0x8, (Field("a", 0, 1, hw="na", onwrite="woclr", hwset=True),
                         Field("b", 1, 1, hw="na", onwrite="woclr", hwset=True))),
        Reg("CNT", 0xC, (Field("count", 0, 32, hw="w"),)),
        Reg("CTRL", 0x10, (Field("en", 0, 1), Field("mode", 8, 4, reset=0x5), Field("go", 16, 1, singlepulse=True))),
        Reg("SMALL", 0x14, (Field("count", 0, 4, sw="r", hw="w"),)),
    ),
)


def rf(**kw) -> RegFile:
    return RegFile(MAP, **kw)


def test_reset_values_and_unused_bits():
    m = rf()
    assert m.read_check(0x0, 0x1234, OKAY) == []
    assert m.read_check(0x10, 0x500, OKAY) == []
    assert m.read_check(0x10, 0x501, OKAY)  # en resets to 0
    assert m.read_check(0x10, 0x80000500, OKAY)  # a bit outside every field


def test_volatile_fields_accept_anything_unless_checked():
    m = rf()
    assert m.read_check(0x4, 1, OKAY) == [] and m.read_check(0x4, 0, OKAY) == []
    m.checkers["STATUS.busy"] = lambda v: None if v == 0 else "busy while idle"
    assert m.read_check(0x4, 1, OKAY)


@pytest.mark.parametrize("addr", [0x1, 0x2, 0x3, 0x11, 0x18, 0x1C, 0x100])
def test_misaligned_and_unmapped_are_slverr(addr):
    m = rf()
    assert m.write(addr, 0xFFFFFFFF) == SLVERR
    assert m.read_check(addr, 0, SLVERR) == []
    assert m.read_check(addr, 0, OKAY)  # OKAY is wrong
    assert m.read_check(0x10, 0x500, OKAY) == []  # nothing changed


def test_read_only_register_write_is_slverr_and_changes_nothing():
    m = rf()
    assert m.write(0x0, 0) == SLVERR
    assert m.read_check(0x0, 0x1234, OKAY) == []


def test_absent_array_element_is_unmapped():
    m = rf(exists=lambda reg: reg.path != "CNT")
    assert m.write(0xC, 5) == SLVERR
    assert m.read_check(0xC, 0, SLVERR) == []


@given(old=st.integers(0, 2**32 - 1), data=st.integers(0, 2**32 - 1), strb=st.integers(0, 15))
def test_byte_strobes(old, data, strb):
    m = rf()
    m.write(0xC, old)
    m.write(0xC, data, strb)
    want = 0
    for b in range(4):
        src = data if strb >> b & 1 else old
        want |= src & (0xFF << 8 * b)
    assert m.value("CNT.count") == want


def test_w1c_clears_only_written_ones():
    m = rf()
    m.hw_set("ERR.a")
    m.hw_set("ERR.b")
    m.write(0x8, 0x2)  # clears b only
    assert m.value("ERR.a") == 1 and m.value("ERR.b") == 0
    m.write(0x8, 0x1, strb=0x2)  # the 1 is in a byte whose strobe is off: nothing
    assert m.value("ERR.a") == 1
    m.write(0x8, 0x0)
    assert m.value("ERR.a") == 1


def test_w1c_race_event_keeps_flag_set():
    """A write of 0 racing a hardware set: the flag ends set whichever lands first."""
    m = rf()
    m.write_issue(0x8, 0x0, now=10)
    m.hw_set("ERR.a", now=11)
    m.write_done(0x8, now=12)
    assert m.values("ERR.a") == {1}
    # A write of 1 racing a set may end either way (set after clear, or cleared after set) ...
    m2 = rf()
    m2.write_issue(0x8, 0x1, now=10)
    m2.hw_set("ERR.a", now=11)
    m2.write_done(0x8, now=12)
    assert m2.values("ERR.a") == {0, 1}
    # ... and a later read pins it down.
    assert m2.read_check(0x8, 0x1, OKAY, since=20, now=21) == []
    assert m2.values("ERR.a") == {1}


def test_counter_write_racing_events():
    m = rf()
    m.write(0xC, 100)
    m.write_issue(0xC, 7, now=10)
    m.hw_incr("CNT.count", now=11)
    m.hw_incr("CNT.count", now=12)
    m.write_done(0xC, now=13)
    assert m.values("CNT.count") == {7, 8, 9}
    assert m.read_check(0xC, 10, OKAY, since=20, now=22)  # never possible
    assert m.read_check(0xC, 8, OKAY, since=20, now=22) == []
    assert m.values("CNT.count") == {8}


def test_saturation():
    m = rf()
    for _ in range(20):
        m.hw_incr("SMALL.count")
    assert m.value("SMALL.count") == 15
    m.write(0xC, 0xFFFFFFFE)
    m.hw_incr("CNT.count", 5)
    assert m.value("CNT.count") == 0xFFFFFFFF


def test_read_window_accepts_values_held_during_it():
    m = rf()
    m.write(0xC, 0, now=0)
    m.hw_incr("CNT.count", now=5)
    m.hw_incr("CNT.count", now=8)
    # a read from clock 4 to 9 may see 0, 1 or 2
    for v in (0, 1, 2):
        assert m.read_check(0xC, v, OKAY, since=4, now=9) == []
    # one from clock 8 on sees 1 (the DUT lags) or 2, never 0
    assert m.read_check(0xC, 0, OKAY, since=8, now=9)
    assert m.read_check(0xC, 2, OKAY, since=8, now=9) == []


def test_singlepulse_reads_zero():
    m = rf()
    m.write(0x10, 0x10501)
    assert m.read_check(0x10, 0x501, OKAY) == []
    assert m.read_check(0x10, 0x10501, OKAY)


@pytest.mark.parametrize("block", ["bat_clat", "dirty_track", "port_cfg"])
def test_generated_maps_load(block):
    gen = importlib.import_module(f"models.gen.{block}_regs")
    m = RegFile(gen.REGMAP)
    assert m.decode(gen.ID, write=False) is not None
    assert gen.REGMAP.addr("ID") == gen.ID == 0
    offsets = [r.offset for r in gen.REGMAP.regs]
    assert len(offsets) == len(set(offsets)) and all(o % 4 == 0 for o in offsets)


def test_maybe_event_keeps_both():
    m = rf()
    m.hw_incr("CNT.count", maybe=True)
    m.hw_incr("CNT.count", maybe=True)
    assert m.values("CNT.count") == {0, 1, 2}
    m.hw_set("ERR.a", maybe=True)
    assert m.values("ERR.a") == {0, 1}


def test_resets_for_hardware_written_fields():
    m = rf()
    assert m.read_check(0x4, 0x1, OKAY) == []  # STATUS.busy: no reset in the map -> any value
    m = rf(resets={"STATUS.busy": 0})
    assert m.read_check(0x4, 0x1, OKAY)
    m.hw_set("STATUS.busy")
    assert m.read_check(0x4, 0x1, OKAY) == []
