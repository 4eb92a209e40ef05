"""The sriov_ep scoreboard: completions in order against the model, and the whole host-memory image.

For each accepted descriptor (in acceptance order) the model (`models/sriov_ep.py`, translating
through `models/bat_clat.py` with the tables as they are in host memory) predicts the completion
status and the bytes written; the scoreboard checks each completion's tag and status as it arrives
and applies the predicted bytes to its own copy of host memory. At the end (`check_image`) the DUT's
host memory must equal that copy **everywhere** (16 MiB, tables included), except the report buffer,
which the hypervisor checks itself: a byte written where nothing should be, or not written where it
should, fails with the address and the descriptors that touched it.

Stop timing: a descriptor of a function being stopped, accepted inside the STOP write's window
(`StopWindow`), may be either stopped or run (docs/sriov_ep.md: the stop acts in one clock of that
window); the DUT's answer decides which of the two predictions is applied. After the window it must
be `STOPPED`.
"""

from __future__ import annotations

from collections import deque

from models import sriov_ep as sep
from tb.common import soak
from tb.common.base import BaseScoreboard
from tb.common.scoreboard import inject_enabled
from tb.sriov_ep.env.items import Completion, DescItem, StopWindow

TOUCHED_KEEP = 16


class SepScoreboard(BaseScoreboard):
    def build_phase(self):
        self.pending: deque[DescItem] = deque()
        self.expected: bytearray | None = None  # host memory as the model says it must be
        self.world = None  # set by the env after the tables are written
        self.model: sep.EngineModel | None = None
        self.stop_windows: list[StopWindow] = []  # every STOP write, in order
        self.completed = 0
        self.by_status: dict[int, int] = {}
        # host page -> the last TOUCHED_KEEP descriptor seqs that wrote it (for failure messages;
        # bounded: a soak writes every page many times)
        self.touched: dict[int, deque[int]] = {}
        self.outcomes: deque = deque(maxlen=64)  # the last few, for failure messages
        self.inject = ""  # negative tests: "byte" flips one predicted byte
        self.exclude: list[tuple[int, int]] = []  # [lo, hi) not compared (the report buffer)
        self.stop_cov: tuple[str, str] | None = None  # the last completion's stop timing (_stop_state)
        # the engine's AWs (AWID 0) on the host write port not yet matched against the model's
        # bursts ((cycle, awid, awuser, awaddr, awlen), host_memory.WritePortMonitor.engine_aws; set
        # by the env): each burst's address and length is checked, not only the bytes, so a build
        # with other MaxBurstBeats is checked for its own burst shapes
        self.aws: deque | None = None

    def attach(self, world, image: bytes, params: sep.Params) -> None:
        self.world = world
        self.expected = bytearray(image)
        self.model = sep.EngineModel(params)  # the build's parameters (bursts, pieces in flight)
        # the tables as they are in host memory (DMA never writes them: the whole-image check says so),
        # read as the bus answers them (BusError on the broken table page)
        self.translate = sep.table_translator(world.regs, world.mem.table_word, world.params)

    # ---- inputs
    def on_desc(self, item: DescItem) -> None:
        self.pending.append(item)

    def stop_window(self, w: StopWindow) -> None:
        self.stop_windows.append(w)

    def reset(self) -> None:
        """The DUT was reset: descriptors in flight are forgotten (their writes may or may not have
        happened: the env re-reads the image)."""
        self.pending.clear()
        self.stop_windows.clear()  # STOP is 0 after reset
        if self.aws is not None:  # bursts before the reset belong to forgotten descriptors
            self.aws.clear()

    # ---- checking
    @staticmethod
    def _stops(state: tuple[int, bool], func: int) -> bool:
        funcs, all_ = state
        return all_ or (func < 8 and bool((funcs >> func) & 1))

    def _stop_state(self, d: DescItem, done: int) -> str:
        """'yes', 'no', or 'maybe' (accepted inside a STOP write's window that changes its function).
        Also sets `stop_cov` to what the descriptor shows of the stop's timing (coverage, sep_stop):
        ("in_window" | "after_window" | "in_flight", scope), or None: "in_window" for 'maybe',
        "after_window" for 'yes', "in_flight" for a descriptor accepted before a STOP write that
        stops its function and completed (`done`, a clock) after that write began. The scope is
        "all" when STOP.all is involved, else "func"."""
        old: tuple[int, bool] = (0, False)
        self.stop_cov = None
        for w in self.stop_windows:  # in the order written
            new = (w.funcs, w.all)
            if d.accepted < w.start:
                if done > w.start and not self._stops(old, d.func) and self._stops(new, d.func):
                    self.stop_cov = ("in_flight", "all" if w.all else "func")
                break
            scope = "all" if old[1] or w.all else "func"
            if d.accepted <= w.end:
                a, b = self._stops(old, d.func), self._stops(new, d.func)
                if a != b:
                    self.stop_cov = ("in_window", scope)
                    return "maybe"
                return "yes" if a else "no"
            old = new
        if self._stops(old, d.func):
            self.stop_cov = ("after_window", "all" if old[1] else "func")
            return "yes"
        return "no"

    def write_ok(self, burst) -> bool:
        return not self.world.mem.burst_refused(burst.addr)

    def on_cpl(self, c: Completion) -> None:
        if not self.pending:
            self.fail("a completion with no descriptor outstanding", c)
        d = self.pending.popleft()
        desc = sep.Descriptor(d.tag, d.func, d.service, d.offset, d.length)
        stop = self._stop_state(d, c.cycle)
        stopped = stop == "yes" or (stop == "maybe" and c.status == sep.Status.STOPPED)
        run = self.model.execute(desc, d.beats, self.translate, self.write_ok, stopped=stopped)
        want, writes = run.status, run.writes
        self.outcomes.append((d, int(want)))
        if c.tag != d.tag:
            self.fail(f"completion tag {c.tag} != descriptor's {d.tag} (completions must be in order)", d)
        if c.status != want:
            self.fail(f"completion status {sep.Status(c.status).name if c.status in sep.Status._value2member_map_ else c.status}"
                      f", model {sep.Status(want).name}", d)
        self._check_bursts(run.bursts, d)
        self.completed += 1
        self.by_status[int(want)] = self.by_status.get(int(want), 0) + 1
        img = self.expected
        for addr, byte in writes.items():
            img[addr] = byte
        for page in {addr >> 12 for addr in writes}:
            seqs = self.touched.get(page)
            if seqs is None:
                seqs = self.touched[page] = deque(maxlen=TOUCHED_KEEP)
            seqs.append(d.seq)
        soak.tick(len(d.beats))  # transactions: the descriptor's payload beats, checked at its completion
        if self.inject == "byte" and writes and inject_enabled():
            addr = next(iter(writes))
            img[addr] ^= 0x01  # the model is told one byte wrong: check_image must catch it
            self.inject = ""

    def _next_dma_aw(self):
        return self.aws.popleft() if self.aws else None

    def _check_bursts(self, bursts, d: DescItem) -> None:
        """The engine's AWs (in issue order: pieces and descriptors are written in order) are the
        model's bursts of this descriptor: AWUSER, address, AWLEN. A completion comes after every
        B of its bursts, so their AWs have all been seen."""
        if self.aws is None:
            return
        for i, b in enumerate(bursts):
            aw = self._next_dma_aw()
            if aw is None:
                self.fail(f"burst {i} of {len(bursts)} (addr {b.addr:#x}, awlen {b.awlen}) was never issued "
                          "before the descriptor completed", d)
            got, want = (aw[2], aw[3], aw[4]), (b.func, b.addr, b.awlen)
            if got != want:
                self.fail(f"burst {i} of {len(bursts)} at cycle {aw[0]}: (awuser, awaddr, awlen) = "
                          f"({got[0]}, {got[1]:#x}, {got[2]}), model ({want[0]}, {want[1]:#x}, {want[2]}) "
                          f"(MaxBurstBeats {self.model.p.max_burst_beats})", d)

    def check_no_stray_bursts(self) -> None:
        """Nothing is in flight: every engine burst on the port belonged to a completed descriptor."""
        if self.aws is None:
            return
        aw = self._next_dma_aw()
        if aw is not None:
            self.fail(f"an engine burst no completed descriptor accounts for: {aw}")

    def check_image(self, image: bytes) -> None:
        want = self.expected
        for lo, hi in self.exclude:
            image = image[:lo] + bytes(want[lo:hi]) + image[hi:]
        if image == want:
            self.logger.info("host memory image: all %d bytes as predicted (%d descriptors)", len(want), self.completed)
            return
        first = next(i for i in range(len(want)) if image[i] != want[i])
        n = sum(1 for i in range(first, min(len(want), first + (1 << 16))) if image[i] != want[i])
        self.fail(f"host memory differs from the model at {first:#x}: DUT {image[first]:#04x}, model "
                  f"{want[first]:#04x} ({n} bytes differ in the next 64 KiB); descriptors that wrote page "
                  f"{first >> 12:#x} (the last {TOUCHED_KEEP}): {list(self.touched.get(first >> 12, []))}")
