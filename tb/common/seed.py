"""One seed per simulation run, taken from the environment and printed, so any run replays exactly.

The regression runner passes the seed as COCOTB_RANDOM_SEED; cocotb seeds Python's global `random`
with it. Testbenches should draw from `rng(stream)`: an independent generator per named stream, so
adding a random call in one component does not shift every other component's sequence.
"""

from __future__ import annotations

import random
import zlib

import cocotb


def test_seed() -> int:
    return int(cocotb.RANDOM_SEED)


def rng(stream: str = "") -> random.Random:
    """A generator for one named stream, derived from the run's seed."""
    return random.Random((test_seed() << 32) ^ zlib.crc32(stream.encode()))


def announce(log) -> int:
    seed = test_seed()
    log.info("SEED=%d (replay: make sim TEST=<this test> SEED=%d)", seed, seed)
    return seed
