"""The subsystem's register port: the window decode, the engine's register rules, and the
sub-blocks' own rules reached through it (docs/sriov_ep.md "Registers")."""

from __future__ import annotations

from models import bat_clat as bc
from models import dirty_track as dt
from models import sriov_ep as sep
from models.gen import sriov_ep_regs as G
from models.regmap import OKAY, SLVERR
from tb.sriov_ep.env.hypervisor_agent import bat, dirty

from .base import SepTest


class RegisterWindows(SepTest):
    """Every window edge and hole: the first and last word of each window reach their block (ID
    registers read the blocks' IDs; the last words answer as those blocks define), everything
    outside answers SLVERR / 0; engine registers under the register scoreboard (PF only: VF accesses
    refused and counted, misaligned, unmapped, read-only, strobes, W1C); a VF access to a
    sub-block's window follows that block's own rule (dirty_track refuses it and counts it there)."""

    knobs = dict(n_desc=0)

    async def body(self):
        regs, rng = self.env.regs, self.rng
        # the blocks answer in their windows
        if (v := await regs.read_ok(sep.ENGINE_ID)) != sep.ID_VALUE:
            self.env.sb.fail(f"engine ID {v:#x}, expected {sep.ID_VALUE:#x}")
        if (v := await regs.read_ok(bat(bc.REG_ID))) != bc.BLOCK_ID:
            self.env.sb.fail(f"bat_clat ID through its window {v:#x}, expected {bc.BLOCK_ID:#x}")
        if (v := await regs.read_ok(dirty(dt.ID))) != dt.ID_VALUE:
            self.env.sb.fail(f"dirty_track ID through its window {v:#x}, expected {dt.ID_VALUE:#x}")
        # outside every window (checked by SepRegs: SLVERR and 0)
        lo_hi = [(lo, hi) for lo, hi, _t in sep.RANGES]
        holes = [hi for _lo, hi in lo_hi if sep.decode(hi % (1 << sep.AXIL_ADDR_BITS))[0] is None]
        holes += [lo - 4 for lo, _hi in lo_hi if lo and sep.decode(lo - 4)[0] is None]
        holes += [(1 << sep.AXIL_ADDR_BITS) - 4]
        for a in holes:
            await regs.read(a)
            await regs.write(a, rng.getrandbits(32))
            await regs.read(a, func=rng.randint(1, 7))
        # engine registers: every mapped register read and written by PF and a VF, random strobes
        for reg in G.REGMAP.regs:
            for func in (0, rng.randint(1, 7)):
                await regs.read(reg.offset, func)
                await regs.write(reg.offset, rng.getrandbits(32), func, strb=rng.getrandbits(4))
                await regs.engine.read_bytes(reg.offset | rng.randint(1, 3), func)  # misaligned
                await regs.engine.write_bytes(reg.offset | rng.randint(1, 3), rng.getrandbits(32), func)
        # holes of the engine's window (between registers, past the map)
        mapped = {r.offset for r in G.REGMAP.regs}
        for a in rng.sample([a for a in range(0, sep.ENGINE_SPACE, 4) if a not in mapped], 24):
            await regs.read(a, 0)
            await regs.write(a, rng.getrandbits(32), 0)
        # leave the engine running, its counters at 0 (drain compares them with the model's)
        await regs.write_ok(sep.ENGINE_STOP, 0)
        for reg in G.REGMAP.regs:
            if reg.path.startswith(("STATUS_CNT", "FUNC")):
                await regs.write_ok(reg.offset, 0)
        # a VF access to dirty_track is refused by dirty_track and counted there
        before = await regs.read_ok(dirty(dt.ACCESS_VIOL_CNT))
        value, resp = await regs.read(dirty(dt.ID), func=3)
        after = await regs.read_ok(dirty(dt.ACCESS_VIOL_CNT))
        if (value, resp) != (0, SLVERR) or after != before + 1:
            self.env.sb.fail(f"VF read of dirty_track's ID: {resp}/{value:#x}, ACCESS_VIOL_CNT {before} -> {after}")
        # bat_clat lets a VF read its own FUNC slot
        v, resp = await regs.read(bat(bc.func_reg(2, bc.F_BAT_ENTRIES)), func=2)
        if resp != OKAY or v != self.env.world.funcs[2].bat_entries:
            self.env.sb.fail(f"VF 2 reading its own bat_clat BAT_ENTRIES: {resp}/{v}")
