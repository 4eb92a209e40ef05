"""Random DMA traffic: every byte lands where the model says, and nowhere else."""

from __future__ import annotations

from tb.common import soak

from .base import SepTest


class RandomDma(SepTest):
    """Three VFs send random descriptors (1 B .. 9000 B, any alignment, strobe holes, random strobes
    outside the range) with idle clocks, completion back-pressure and host-memory stalls on every
    channel; completions in order with the model's status, and the whole 16 MiB host memory equal to
    the model's image at the end."""

    knobs = dict(n_desc=400, strb_holes=0.05)

    async def body(self):
        if soak.long_mode() or soak.state.unbounded:
            # a soak: descriptors made as they are sent until TXNS payload beats (8 B) have been sent
            n = soak.txns(0)
            self.env.wmon.history = False  # no record of every AW (the checks keep what they need)
            soak.begin(n, self.logger)
            await self.send(self.descriptor_stream(n))
        else:
            await self.send(self.descriptors(self.cfg.n_desc))
        await self.wait_completed()

    def descriptor_stream(self, beats: int):
        sent = 0
        while soak.more(sent, beats):
            item = self.descriptors(1)[0]
            sent += max(1, len(item.beats))  # a descriptor without payload still moves the loop on
            yield item
