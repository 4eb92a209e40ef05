"""The hypervisor (the PF's software): programs the sub-blocks through the subsystem's one register
port, and runs live migration the way QEMU/VFIO does it (docs/sriov_ep.md, "Hypervisor protocol").

Every register access goes as function 0 (the PF) through `regs` (tb/sriov_ep/env/regs.py), at the
subsystem address of the sub-block's window. Reports: `report(f, first, words)` asks dirty_track
for a report by DMA into `world.REPORT_BUF`, waits for done and reads the buffer as a CPU would
(backdoor), returning the dirty page numbers (relative to f's region).
"""

from __future__ import annotations

from cocotb.triggers import ClockCycles
from pyuvm import ConfigDB, uvm_component

from models import bat_clat as bc
from models import dirty_track as dt
from models import sriov_ep as sep
from tb.common.base import cycle
from tb.sriov_ep.env import world as W
from tb.sriov_ep.env.items import StopWindow

_WINDOW = {target: lo for lo, _hi, target in sep.RANGES}  # the sub-blocks' windows


def bat(addr: int) -> int:
    """Subsystem address of a bat_clat register."""
    return _WINDOW["bat_clat"] + addr


def dirty(addr: int) -> int:
    """Subsystem address of a dirty_track register."""
    return _WINDOW["dirty_track"] + addr


class Hypervisor(uvm_component):
    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.env = self.parent
        self.reports = 0
        self.stop_mask = 0  # STOP.func as last written

    @property
    def regs(self):
        return self.env.regs

    # ---- bring-up
    async def wait_init(self) -> None:
        """dirty_track clears its bitmap after reset: wait for STATUS.init_done."""
        while not (await self.regs.read_ok(dirty(dt.STATUS))) & dt.STATUS_INIT_DONE:
            await ClockCycles(self.dut.clk_i, 64)

    async def program_tables(self, world: W.World) -> None:
        """Point every function's bat_clat registers at its BAT and enable it."""
        for f, fn in world.funcs.items():
            await self.regs.write_ok(bat(bc.func_reg(f, bc.F_BAT_BASE_LO)), fn.bat_base & 0xFFFF_FFFF)
            await self.regs.write_ok(bat(bc.func_reg(f, bc.F_BAT_BASE_HI)), fn.bat_base >> 32)
            await self.regs.write_ok(bat(bc.func_reg(f, bc.F_BAT_ENTRIES)), fn.bat_entries)
            await self.regs.write_ok(bat(bc.func_reg(f, bc.F_CTRL)), 1)

    # ---- dirty logging
    async def start_logging(self, f: int, flag: bool = True) -> None:
        """Driver protocol step 1 (docs/dirty_track.md): region = f's VM memory, 4 KiB pages, stale
        bits discarded, then the dirty write flag (left off when `flag` is False: the counter-proof)."""
        lo, hi = W.region_of(f)
        await self.regs.write_ok(dirty(dt.func_reg(f, dt.BASE_LO)), lo & 0xFFFF_FFFF)
        await self.regs.write_ok(dirty(dt.func_reg(f, dt.BASE_HI)), lo >> 32)
        await self.regs.write_ok(dirty(dt.func_reg(f, dt.PAGES)), (hi - lo) // W.PAGE)
        await self.regs.write_ok(dirty(dt.func_reg(f, dt.PAGE_SIZE)), 0)
        await self.report(f)
        await self.regs.write_ok(dirty(dt.func_reg(f, dt.CTRL)), int(flag))

    async def stop_logging(self, f: int) -> None:
        await self.regs.write_ok(dirty(dt.func_reg(f, dt.CTRL)), 0)

    async def quiesced(self) -> bool:
        return bool((await self.regs.read_ok(dirty(dt.STATUS))) & dt.STATUS_QUIESCED)

    async def report(self, f: int, words: int | None = None) -> list[int]:
        """Report-and-clear `words` bitmap words of f (default: its region's) by DMA; the set pages
        (region-relative). `last_report` keeps (clock the start was answered, clock done was read)."""
        words = W.REGION_SIZE // W.PAGE // 32 if words is None else words
        mem = self.env.mem
        mem.write(W.REPORT_BUF, bytes(4 * words))  # a stale buffer must not look like a report
        await self.regs.write_ok(dirty(dt.REPORT_ADDR_LO), W.REPORT_BUF & 0xFFFF_FFFF)
        await self.regs.write_ok(dirty(dt.REPORT_ADDR_HI), W.REPORT_BUF >> 32)
        await self.regs.write_ok(dirty(dt.REPORT_FUNC), f)
        await self.regs.write_ok(dirty(dt.REPORT_FIRST), 0)
        await self.regs.write_ok(dirty(dt.REPORT_WORDS), words)
        await self.regs.write_ok(dirty(dt.REPORT_CTRL), dt.REPORT_START)
        t_start = cycle()
        while True:
            st = await self.regs.read_ok(dirty(dt.REPORT_STATUS))
            if st & dt.RS_DONE:
                break
            await ClockCycles(self.dut.clk_i, 8)
        self.last_report = (t_start, cycle())
        if st & (dt.RS_ERR_BUS | dt.RS_ERR_ARGS):
            raise AssertionError(f"report of function {f} failed: REPORT_STATUS {st:#x}")
        self.reports += 1
        raw = mem.read(W.REPORT_BUF, 4 * words)
        pages = []
        for w in range(words):
            bits = int.from_bytes(raw[4 * w: 4 * w + 4], "little")
            pages += [32 * w + i for i in range(32) if (bits >> i) & 1]
        return pages

    # ---- the engine's stop
    async def stop(self, funcs: int = 0, all_: bool = False) -> None:
        """Write STOP; the descriptors accepted meanwhile may go either way (scoreboard window)."""
        self.stop_mask = funcs
        window = StopWindow(cycle(), 1 << 62, funcs, all_)  # open until the write's response
        self.env.sb.stop_window(window)
        await self.regs.write_ok(sep.ENGINE_STOP, funcs | int(all_) << sep.STOP_ALL_BIT)
        window.end = cycle()

    async def wait_stopped(self, f: int | None) -> None:
        """Poll STOPPED until function f (None: all) reads stopped."""
        while True:
            v = await self.regs.read_ok(sep.ENGINE_STOPPED)
            if (v >> (sep.STOP_ALL_BIT if f is None else f)) & 1:
                return
            await ClockCycles(self.dut.clk_i, 8)
