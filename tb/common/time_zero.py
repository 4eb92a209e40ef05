"""Imported by the regression runner before a block's test module: reset is asserted at time zero.

Verilator starts every variable and input at a random value (`--x-initial unique`,
`+verilator+rand+reset+2`), and its first evaluation at time 0 runs before any ordinary cocotb write
lands. With `rst_ni` randomly 1 there, the RTL's assertions (`disable iff (!rst_ni)`) would judge
random flop contents and fail on some seeds. This module runs during test discovery, before that
first evaluation, and drives the reset low with an immediate (not inertial) write. It holds no tests.
"""

from __future__ import annotations

import os

import cocotb
from cocotb.handle import Immediate

_reset = os.environ.get("VIRTIP_RESET", "rst_ni")
getattr(cocotb.top, _reset).value = Immediate(0)
