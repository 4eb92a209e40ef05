"""What a scoreboard raises when the DUT disagrees with the golden model.

Negative tests are declared `@cocotb.test(expect_error=ScoreboardError)`: they inject a wrong
result on purpose and pass only if the scoreboard raises exactly this error. The runner's
`can-fail` check reruns every negative test with VIRTIP_INJECT=0 and requires it to fail then,
which proves the pass came from the injected error and not from anything else.
"""

from __future__ import annotations

import os


class ScoreboardError(AssertionError):
    """The DUT's output differs from the model's prediction."""


def inject_enabled() -> bool:
    """Negative tests inject their error only when this is true (the default)."""
    return os.environ.get("VIRTIP_INJECT", "1") != "0"
