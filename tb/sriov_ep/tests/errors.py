"""Bad input: every translation error kind, bad lengths, write errors from memory: each gets its
completion status and counter, nothing is written where it must not be (whole-image check)."""

from __future__ import annotations

from .base import SepTest


class BadDescriptors(SepTest):
    """Half of the descriptors are bad (zero and too-long length, offset wrap, absent and disabled
    function, service past BAT_ENTRIES, invalid BAT entry, offset past the CLAT, invalid CLAT entry,
    a descriptor running past its CLAT's end), mixed with good ones of the same functions."""

    knobs = dict(n_desc=300, bad_share=0.5)

    async def body(self):
        await self.send(self.descriptors(self.cfg.n_desc))
        await self.wait_completed()


class WriteErrors(SepTest):
    """Host pages of one VF's region answer every write SLVERR: descriptors with a piece there
    complete WRITE_ERROR, their other pieces are still written, other functions are unaffected."""

    knobs = dict(n_desc=300, write_error_pages=24)

    async def body(self):
        await self.send(self.descriptors(self.cfg.n_desc))
        await self.wait_completed()
