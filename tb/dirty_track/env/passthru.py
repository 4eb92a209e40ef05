"""Pass-through checker: AW out carries exactly the AW in transfers, same payload, same order, none
dropped or duplicated (the block is a monitor on the write channel, never a filter)."""

from __future__ import annotations

from collections import deque

from pyuvm import uvm_component

from tb.common.scoreboard import ScoreboardError


class PassThroughChecker(uvm_component):
    def build_phase(self):
        self.pending = deque()
        self.errors: list[str] = []
        self.matched = 0

    def on_in(self, item) -> None:
        self.pending.append(item)

    def on_out(self, item) -> None:
        if not self.pending:
            self.errors.append(f"AW out without a matching AW in: {item}")
            return
        exp = self.pending.popleft()
        if exp.payload() != item.payload():
            self.errors.append(f"AW out {item} differs from AW in {exp}")
        self.matched += 1

    def flush(self) -> None:
        """Reset: transfers in flight on both sides are forgotten (there are none: the channel is
        combinational, a handshake happens on both sides in the same clock)."""
        self.pending.clear()

    def check_phase(self):
        self.logger.info(f"pass-through: {self.matched} transfers matched")
        if self.pending:
            self.errors.append(f"{len(self.pending)} AW in transfers never came out, first {self.pending[0]}")
        if self.errors:
            raise ScoreboardError(f"pass-through: {self.errors[0]}")
