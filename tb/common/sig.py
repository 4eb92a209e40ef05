"""Fast signal reads for monitors that sample every clock (docs/dev-guide.md, "Soak": Python's work
per clock is what makes a testbench slow).

`int(handle.value)` builds a LogicArray (and `handle.value` a Logic) on every read; these readers
take the simulator's bit string and convert it directly, about five times cheaper. Verilator is
two-state, so the string holds only 0 and 1. Make the reader once (before the loop), call it per
clock. They use cocotb's handle internals (`_handle`, the GPI object; cocotb is pinned in
pyproject.toml): tb/common/tests/test_soak.py checks the names exist.
"""

from __future__ import annotations

from collections.abc import Callable


def int_reader(handle) -> Callable[[], int]:
    """A function returning the signal's value as an unsigned int."""
    get = handle._handle.get_signal_val_binstr
    return lambda: int(get(), 2)


def bit_reader(handle) -> Callable[[], bool]:
    """A function returning whether a 1-bit signal is 1."""
    get = handle._handle.get_signal_val_binstr
    return lambda: get() == "1"
