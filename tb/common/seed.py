"""One seed per simulation run, taken from the environment and printed, so any run replays exactly.

The regression runner passes the seed as COCOTB_RANDOM_SEED; cocotb seeds Python's global `random`
with it. Testbenches should draw from `rng(stream)`: an independent generator per named stream, so
adding a random call in one component does not shift every other component's sequence.
"""

from __future__ import annotations

import os
import random
import zlib

import cocotb


def regression_seed() -> int:
    """The seed the run was started with: the one to replay (`make sim TEST=.. SEED=..`)."""
    return int(os.environ.get("COCOTB_RANDOM_SEED", cocotb.RANDOM_SEED))


def test_seed() -> int:
    """cocotb 2.1 derives each test's seed from the regression seed and the test's name."""
    return int(cocotb.RANDOM_SEED)


def rng(stream: str = "") -> random.Random:
    """A generator for one named stream, derived from the run's seed."""
    return random.Random((test_seed() << 32) ^ zlib.crc32(stream.encode()))


def announce(log) -> int:
    seed = regression_seed()
    log.info("SEED=%d (replay: make sim TEST=<this test> SEED=%d; per-test seed %d)", seed, seed, test_seed())
    return seed
