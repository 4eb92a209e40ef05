"""Random DMA traffic: every byte lands where the model says, and nowhere else."""

from __future__ import annotations

from .base import SepTest


class RandomDma(SepTest):
    """Three VFs send random descriptors (1 B .. 9000 B, any alignment, strobe holes, random strobes
    outside the range) with idle clocks, completion back-pressure and host-memory stalls on every
    channel; completions in order with the model's status, and the whole 16 MiB host memory equal to
    the model's image at the end."""

    knobs = dict(n_desc=400, strb_holes=0.05)

    async def body(self):
        await self.send(self.descriptors(self.cfg.n_desc))
        await self.wait_completed()
