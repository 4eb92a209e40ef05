"""Live migration of one VM (one VF) while its VF keeps writing by DMA: QEMU/VFIO-style pre-copy
(docs/sriov_ep.md "Hypervisor protocol"), and the destination must equal the source byte for byte.

The VM's memory is its VF's region (env/world.py). While the hypervisor copies, a traffic process
keeps the VF writing random services at `rate` bytes per clock on average, and the other functions
writing their own regions at `other_rate`. Copies read host memory through the backdoor, as a CPU
would, at `copy_clocks_per_page` clocks per 4 KiB page, so the VF dirties pages while a round is
being copied (that is what makes pre-copy iterate).

1. PRE_COPY: start logging (region, discard stale bits, dirty write flag on); copy every page.
2. Rounds: report-and-clear by DMA, copy the reported pages; stop when a report has at most
   `threshold` pages (kept for the final copy: a report has cleared them) or after `max_rounds`.
3. STOP_COPY: STOP.func[vf], wait for STOPPED.func[vf] and quiesced, final report, copy the final
   report's pages and the last round's.
4. Destination == source region, byte for byte. Every page a report returned was written by a burst
   of the VF (other functions' writes never appear in its bitmap).
"""

from __future__ import annotations

import cocotb
from cocotb.triggers import ClockCycles

from tb.common import bench
from tb.common.base import cycle
from tb.sriov_ep.env.world import PAGE, REGION_SIZE, region_of

from .base import SepTest


class MigrationAborted(Exception):
    """The subsystem was reset in the middle of a migration (ResetMidMigration)."""


class Migration:
    """One migration's figures."""

    def __init__(self):
        self.rounds: list[int] = []  # pages copied per pre-copy round (round 0 = the full copy)
        self.downtime_pages = 0
        self.mismatched_bytes = 0
        self.copied_pages = 0
        self.clocks = 0


class LiveMigrationBase(SepTest):
    knobs = dict(n_desc=0, funcs=(1, 2, 3), rate=2.0, other_rate=1.0, threshold=4, max_rounds=8,
                 copy_clocks_per_page=32, cpl_backpressure=0.05, mem_stall=0.05, len_max=4096,
                 desc_idle=0.0)
    dirty_flag = True  # the counter-proof leaves it off

    async def traffic(self, vf: int, others: tuple[int, ...], stop_flag: list[bool]) -> None:
        """Descriptors of the VF at about `rate` bytes/clock and of the others at `other_rate`, by
        scheduling each stream's next descriptor at (its last + length / rate)."""
        x = self.cfg.extra
        rate, other_rate = float(x.get("rate", 2.0)), float(x.get("other_rate", 1.0))
        fac, rng = self.env.factory, self.rng
        due = {vf: cycle()}
        if others and other_rate > 0:
            due[-1] = cycle()
        while not stop_flag[0]:
            who = min(due, key=due.get)
            idle = max(0, due[who] - cycle())
            f = vf if who == vf else rng.choice(others)
            item = fac.make(f, "ok", idle=min(idle, 1000))
            await self.send([item])
            due[who] = cycle() + max(1, int(item.length / (rate if who == vf else other_rate)))

    async def copy_pages(self, dest: bytearray, lo: int, pages) -> None:
        per_page = int(self.cfg.extra.get("copy_clocks_per_page", 32))
        for p in sorted(pages):
            dest[p * PAGE:(p + 1) * PAGE] = self.env.mem.read(lo + p * PAGE, PAGE)
            if per_page:
                await ClockCycles(self.env.clk, per_page)

    async def migrate(self, vf: int, others: tuple[int, ...]) -> Migration:
        x, hyp, env = self.cfg.extra, self.env.hyp, self.env
        threshold, max_rounds = int(x.get("threshold", 4)), int(x.get("max_rounds", 8))
        lo, hi = region_of(vf)
        n_pages = (hi - lo) // PAGE
        m = Migration()
        t0 = cycle()
        stop_flag = [False]
        # RUNNING: the VM's DMA is going before the migration starts
        traffic = cocotb.start_soon(self.traffic(vf, others, stop_flag))
        self.running = (traffic, stop_flag)
        await ClockCycles(env.clk, 500)
        # PRE_COPY
        await hyp.start_logging(vf, flag=self.dirty_flag)
        await self.checkpoint("logging")
        dest = bytearray(REGION_SIZE)
        await self.copy_pages(dest, lo, range(n_pages))
        m.rounds.append(n_pages)
        await self.checkpoint("full_copy")
        keep: set[int] = set()
        for _ in range(max_rounds):
            pages = await hyp.report(vf)
            self.cover_collisions(vf)
            await self.checkpoint("round")
            self.check_foreign(vf, pages, lo)
            if len(pages) <= threshold:
                keep = set(pages)
                break
            await self.copy_pages(dest, lo, pages)
            m.rounds.append(len(pages))
        # STOP_COPY
        await hyp.stop(funcs=hyp.stop_mask | 1 << vf)
        await self.checkpoint("stop")
        await hyp.wait_stopped(vf)
        while not await hyp.quiesced():
            await ClockCycles(env.clk, 8)
        final = await hyp.report(vf)
        env.cov.on_report("after_stop")  # STOPPED.func[vf] and quiesced: no burst of the VF can collide
        self.check_foreign(vf, final, lo)
        last = keep | set(final)
        await self.copy_pages(dest, lo, last)
        m.downtime_pages = len(last)
        m.copied_pages = sum(m.rounds) + m.downtime_pages
        m.clocks = cycle() - t0
        env.cov.on_migration(len(m.rounds) - 1)
        # the VF stays stopped (its later descriptors complete STOPPED); the others keep writing a while
        await ClockCycles(env.clk, 300)
        stop_flag[0] = True
        await traffic
        await self.wait_completed()
        src = env.mem.read(lo, REGION_SIZE)
        m.mismatched_bytes = sum(1 for a, b in zip(src, dest, strict=True) if a != b)
        return m

    async def checkpoint(self, phase: str) -> None:
        """A point of the protocol where ResetMidMigration may reset the subsystem."""

    async def stop_traffic(self) -> None:
        traffic, stop_flag = self.running
        stop_flag[0] = True
        await traffic

    def cover_collisions(self, vf: int) -> None:
        """Coverage: DMA bursts (AWID 0) on the host write port between the report's start and its
        done, of the VF being reported and of other functions."""
        t0, t1 = self.env.hyp.last_report
        funcs = {aw[2] for aw in self.env.wmon.aws if aw[1] == 0 and t0 <= aw[0] <= t1}
        if vf in funcs:
            self.env.cov.on_report("during_vf_dma")
        if funcs - {vf}:
            self.env.cov.on_report("during_other_dma")

    def check_foreign(self, vf: int, pages: list[int], lo: int) -> None:
        """Every reported page was written by a burst of the VF (AWUSER = vf on the host port)."""
        touched = self.env.vf_pages(vf)
        foreign = [p for p in pages if (lo >> 12) + p not in touched]
        if foreign:
            self.env.sb.fail(f"function {vf}'s report has pages no burst of it wrote: {foreign[:8]}")

    def judge(self, m: Migration, vf: int) -> None:
        self.logger.info("migration of function %d: rounds %s, downtime pages %d, copied %d pages = %.2f x the "
                         "region, %d clocks, mismatched bytes %d", vf, m.rounds, m.downtime_pages, m.copied_pages,
                         m.copied_pages / (REGION_SIZE // PAGE), m.clocks, m.mismatched_bytes)
        if m.mismatched_bytes:
            self.env.sb.fail(f"migrated image differs from the source in {m.mismatched_bytes} bytes "
                             f"(dirty write flag {'on' if self.dirty_flag else 'off'})")


class LiveMigration(LiveMigrationBase):
    """Pre-copy migration of VF 1 while VF 1 writes by DMA at 2 B/clock and VFs 2 and 3 keep
    writing their own regions; the destination equals the source byte for byte, no foreign page is
    ever reported, and the whole host memory matches the model at the end."""

    async def body(self):
        vf, others = self.cfg.funcs[0], tuple(self.cfg.funcs[1:])
        m = await self.migrate(vf, others)
        self.judge(m, vf)
        bench.record("mismatched_bytes", m.mismatched_bytes, self.logger)
        bench.record("migration_rounds", len(m.rounds) - 1, self.logger)
        bench.record("migration_downtime_pages", m.downtime_pages, self.logger)


class ResetMidMigration(LiveMigrationBase):
    """Resets in the middle of a migration (after logging started, after the full copy, after a
    round, right after STOP, with DMA in flight; every one of the four, in a random order): each
    aborts the migration, as QEMU aborts it when the device is reset; the hypervisor starts over
    (tables and logging programmed again), and the migration after the last reset must be exact.
    Every descriptor before and after is checked as usual."""

    async def checkpoint(self, phase: str) -> None:
        if self.reset_phases and phase == self.reset_phases[0]:
            self.reset_phases.pop(0)
            self.env.cov.on_reset_phase(phase)
            await ClockCycles(self.env.clk, self.rng.randint(0, 200))
            await self.env.reset(self.rng.randint(1, 5))
            self.env.hyp.stop_mask = 0
            raise MigrationAborted(phase)

    async def body(self):
        vf, others = self.cfg.funcs[0], tuple(self.cfg.funcs[1:])
        # every attempt passes the four phases in order, so it is aborted at reset_phases[0]: four
        # aborted attempts, then a complete one
        self.reset_phases = self.rng.sample(["logging", "full_copy", "round", "stop"], 4)
        self.logger.info("resets at phases %s", self.reset_phases)
        while True:
            try:
                m = await self.migrate(vf, others)
                break
            except MigrationAborted:
                await self.stop_traffic()
                await self.wait_completed()
        self.env.sb.expect(not self.reset_phases, f"the resets at phases {self.reset_phases} never happened")
        self.judge(m, vf)
