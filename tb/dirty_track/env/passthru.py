"""Pass-through checker: AW out carries exactly the AW in transfers, same payload, same order, none
dropped or duplicated (the block is a monitor on the write channel, never a filter). Fails at the
first mismatch (BaseScoreboard.fail)."""

from __future__ import annotations

from collections import deque

from tb.common.base import BaseScoreboard


class PassThroughChecker(BaseScoreboard):
    def build_phase(self):
        self.pending = deque()
        self.matched = 0

    def on_in(self, item) -> None:
        self.pending.append(item)

    def on_out(self, item) -> None:
        if not self.pending:
            self.fail("AW out without a matching AW in", item)
        exp = self.pending.popleft()
        if exp.payload() != item.payload():
            self.fail(f"AW out differs from AW in {exp}", item)
        self.matched += 1

    def flush(self) -> None:
        """Reset: transfers in flight on both sides are forgotten (there are none: the channel is
        combinational, a handshake happens on both sides in the same clock)."""
        self.pending.clear()

    def check_phase(self):
        self.logger.info(f"pass-through: {self.matched} transfers matched")
        if self.pending:
            self.fail(f"{len(self.pending)} AW in transfer(s) never came out", self.pending[0])
