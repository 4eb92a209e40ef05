"""Fast signal reads and writes for monitors and drivers that act every clock (docs/dev-guide.md,
"Soak": Python's work per clock is what makes a testbench slow).

`int(handle.value)` builds a LogicArray (and `handle.value` a Logic) on every read; these readers
take the simulator's integer value (past 32 bits its bit string) directly, several times cheaper.
Verilator is two-state, so the string holds only 0 and 1. Make the reader once (before the loop),
call it per clock. They use cocotb's handle internals (`_handle`, the GPI object; cocotb is pinned in
pyproject.toml): tb/common/tests/test_soak.py checks the names exist.

The writers skip `handle.value = v`'s type dispatch and range check: they hand an int (up to 32
bits) or a bit string straight to the simulator. That is what cocotb itself does when it trusts the
simulator's inertial writes (COCOTB_TRUST_INERTIAL_WRITES=1, set by tools/regress.py for Verilator);
without that setting they fall back to `handle.value = v` (cocotb then defers the write).
"""

from __future__ import annotations

from collections.abc import Callable

import cocotb.handle

_DEPOSIT = 0  # cocotb.handle._GPISetAction.DEPOSIT: a plain write, what `handle.value = v` does


def int_reader(handle) -> Callable[[], int]:
    """A function returning the signal's value as an unsigned int (up to 32 bits as the simulator's
    integer value, which needs no string; wider ones from the bit string)."""
    if len(handle) <= 32:
        get_int, mask = handle._handle.get_signal_val_long, (1 << len(handle)) - 1
        return lambda: get_int() & mask  # (a 32-bit value with its top bit set comes back negative)
    get = handle._handle.get_signal_val_binstr
    return lambda: int(get(), 2)


def bit_reader(handle) -> Callable[[], bool]:
    """A function returning whether a 1-bit signal is 1."""
    get_int = handle._handle.get_signal_val_long
    return lambda: get_int() == 1


def int_writer(handle) -> Callable[[int], None]:
    """A function writing an unsigned int (in range: not checked) to the signal."""
    if not getattr(cocotb.handle, "_trust_inertial", False):

        def write(v: int) -> None:
            handle.value = v

        return write
    width = len(handle)
    if width <= 32:
        set_int = handle._handle.set_signal_val_int
        return lambda v: set_int(_DEPOSIT, v)
    set_str = handle._handle.set_signal_val_binstr
    fmt = f"0{width}b"
    return lambda v: set_str(_DEPOSIT, format(v, fmt))
