"""Functional coverage of dirty_track (tb.common.fcov). Black-box samples from the AW output monitor
and the hypervisor's events, the AR handshakes of bitmap reads from the register port's pins, and
two probes of the RMW pipeline (a report meeting a mark of its word in adjacent stages) from the
bound coverage interface tb/dirty_track/dirty_track_cov_if.sv (`u_cov_if`): decoded booleans named
there, so no RTL-internal name or enum value is copied here. Every signal is looked up once in
build_phase: a missing one stops the test at start-up with its name."""

from __future__ import annotations

from pyuvm import ConfigDB, uvm_component

from models import dirty_track as dt
from tb.common import fcov
from tb.common.base import clock_sampler, cycle
from tb.common.sig import bit_reader, int_reader
from tb.dirty_track.env.items import (
    DmaReportEvent,
    ParamsEvent,
    RegReadEvent,
    RegWriteEvent,
    ReportEvent,
    ResetEvent,
)

# What run_phase samples: DUT ports, and the coverage interface bound into the DUT.
PORT_SIGNALS = ("clk_i", "rst_ni", "s_axil_arvalid", "s_axil_arready", "s_axil_araddr", "s_axil_aruser")
COV_IF = "u_cov_if"
COV_IF_SIGNALS = ("report_forwarded", "mark_behind_report", "dma_report_forwarded", "mark_behind_dma_report")


def lookup(dut, path: str):
    """The handle of `path` (dotted, from the DUT); LookupError naming it if the design lacks it."""
    obj = dut
    for part in path.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise LookupError(f"functional coverage: the DUT has no signal {path!r} (the coverage "
                              f"interface is tb/dirty_track/dirty_track_cov_if.sv, bound as {COV_IF})") from None
    return obj


class DirtyCoverage(uvm_component):
    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.sig = {name: lookup(self.dut, name) for name in PORT_SIGNALS}
        self.cov_if = {name: lookup(self.dut, f"{COV_IF}.{name}") for name in COV_IF_SIGNALS}
        self.model = None
        self.prev = None  # (t, func, first word) of the previous logged write
        self.ar_at: dict[int, tuple[int, int]] = {}  # cycle -> (func, word) of a bitmap AR handshake
        self.aw_at: dict[int, set] = {}  # cycle -> {(func, word)} of logged AW handshakes
        self.toggle_open: dict[int, int] = {}
        self.cg_write = fcov.Covergroup("dt_write", [
            fcov.Coverpoint("span", values=["one_page", "page_cross", "word_cross"]),
            fcov.Coverpoint("burst", values=["FIXED", "INCR", "WRAP"]),
            fcov.Coverpoint("region", values=["inside", "partial", "outside"]),
            fcov.Coverpoint("func", values=list(range(8))),
            fcov.Coverpoint("page_size", values=list(range(dt.NUM_PAGE_SIZES))),
        ], crosses=[("span", "page_size")])
        self.cg_traffic = fcov.Covergroup("dt_traffic", [
            fcov.Coverpoint("b2b_same_word", values=[True]),
            fcov.Coverpoint("logging", values=["on", "off", "maybe"]),
            fcov.Coverpoint("bad_func", values=[True]),
        ])
        self.cg_race = fcov.Covergroup("dt_race", [
            fcov.Coverpoint("clear_meets_write", values=["same_clock_port", "fwd_into_report", "mark_behind_report"]),
            fcov.Coverpoint("flag_toggled_mid_traffic", values=["on_to_off", "off_to_on"]),
            fcov.Coverpoint("reset_mid_traffic", values=[True]),
        ])
        self.cg_dma = fcov.Covergroup("dt_dma_report", [
            fcov.Coverpoint("words", values=["1", "2", "odd", "even", "whole_function"]),
            fcov.Coverpoint("buffer", values=["one_burst", "bursts", "crosses_4k"]),
            fcov.Coverpoint("outcome", values=["ok", "err_args", "err_bus"]),
            fcov.Coverpoint("collision", values=["fwd_into_dma_report", "mark_behind_dma_report",
                                                  "register_read_split"]),
            fcov.Coverpoint("start_while_busy", values=[True]),
        ])
        self.cg_regs = fcov.Covergroup("dt_regs", [
            fcov.Coverpoint("vf_access", values=["read", "write", "bitmap_read"]),
            fcov.Coverpoint("report", values=["zero", "nonzero"]),
        ])

    # ------------------------------------------------------------------ samples
    def on_write(self, item, state: str, marks) -> None:
        """Called by the env for every AW out handshake, with the scoreboard's view of it."""
        if marks is None:
            self.cg_traffic.sample(bad_func=True)
            return
        self.cg_traffic.sample(logging=state)
        if state == "off":
            return
        f = item.func
        cfg = self.model.funcs[f]
        if marks.first_page == marks.last_page:
            span = "one_page"
        elif marks.first_page // dt.WORD_BITS != marks.last_page // dt.WORD_BITS:
            span = "word_cross"
        else:
            span = "page_cross"
        inside = bool(marks.words)
        region = "partial" if inside and marks.oor else ("inside" if inside else "outside")
        self.cg_write.sample(span=span, burst=["FIXED", "INCR", "WRAP", "INCR"][item.burst], region=region,
                             func=f, page_size=min(cfg.page_code, dt.NUM_PAGE_SIZES - 1))
        if inside:
            w = min(marks.words)
            if self.prev is not None and self.prev == (item.t - 1, f, w):
                self.cg_traffic.sample(b2b_same_word=True)
            self.prev = (item.t, f, w)
            # the monitors of the two ports run in either order within a clock: check both ways
            self.aw_at.setdefault(item.t, set()).update((f, x) for x in marks.words)
            # only the last few clocks matter; drop every older one (a soak has gaps in item.t)
            for old in [t for t in self.aw_at if t < item.t - 8]:
                del self.aw_at[old]
            if self.ar_at.get(item.t) in self.aw_at[item.t]:
                self.cg_race.sample(clear_meets_write="same_clock_port")
        for g, t0 in list(self.toggle_open.items()):
            if g == f and item.t >= t0:
                self.cg_race.sample(flag_toggled_mid_traffic="on_to_off" if not cfg.log_en else "off_to_on")
                del self.toggle_open[g]

    def on_event(self, ev) -> None:
        if isinstance(ev, ParamsEvent):
            self.model = dt.DirtyTrackModel(ev.num_functions, ev.pages_per_func)
        elif isinstance(ev, RegWriteEvent):
            if ev.func != 0:
                self.cg_regs.sample(vf_access="write")
            elif ev.resp == dt.OKAY and ev.addr < dt.REG_SPACE:
                self.model.reg_write(ev.addr, ev.value)
                if dt.FUNC_BASE <= ev.addr and (ev.addr - dt.FUNC_BASE) % dt.FUNC_STRIDE == dt.CTRL:
                    self.toggle_open[(ev.addr - dt.FUNC_BASE) // dt.FUNC_STRIDE] = ev.t0
        elif isinstance(ev, RegReadEvent):
            if ev.func != 0:
                self.cg_regs.sample(vf_access="bitmap_read" if ev.addr >= dt.BITMAP_BASE else "read")
        elif isinstance(ev, ReportEvent):
            self.cg_regs.sample(report="nonzero" if ev.value else "zero")
        elif isinstance(ev, DmaReportEvent):
            self.on_dma_report(ev)
        elif isinstance(ev, ResetEvent):
            self.cg_race.sample(reset_mid_traffic=True)

    def on_dma_report(self, ev: DmaReportEvent) -> None:
        if ev.status & dt.RS_ERR_ARGS:
            self.cg_dma.sample(outcome="err_args")
            return
        self.cg_dma.sample(outcome="err_bus" if ev.status & dt.RS_ERR_BUS else "ok")
        n = ev.words
        words = "1" if n == 1 else "2" if n == 2 else "odd" if n % 2 else "even"
        self.cg_dma.sample(words=words)
        if self.model is not None and n == self.model.words_per_func:
            self.cg_dma.sample(words="whole_function")
        bursts = dt.report_bursts(ev.addr, n)
        crosses = ev.addr // 4096 != (ev.addr + 4 * n - 1) // 4096
        self.cg_dma.sample(buffer="crosses_4k" if crosses else "bursts" if len(bursts) > 1 else "one_burst")
        if ev.start_while_busy:
            self.cg_dma.sample(start_while_busy=True)

    def on_split(self, reg_first: bool, dma_first: bool) -> None:
        """A register read and a report by DMA met on words (DmaReportRegisterRace)."""
        if reg_first and dma_first:
            self.cg_dma.sample(collision="register_read_split")

    async def run_phase(self):
        """Each clock (sampled by the run's one clock loop, after the AW monitors): the AR handshake
        cycle of bitmap reads (for same-clock collisions with a mark, see on_write) and the coverage
        interface's RMW probes."""
        sig, cov_if = self.sig, self.cov_if
        arvalid, arready = (bit_reader(sig[n]) for n in ("s_axil_arvalid", "s_axil_arready"))
        araddr, aruser = int_reader(sig["s_axil_araddr"]), int_reader(sig["s_axil_aruser"])
        fwd, behind, dfwd, dbehind = (bit_reader(cov_if[n]) for n in COV_IF_SIGNALS)
        race, dma = self.cg_race, self.cg_dma

        def sample(live: bool) -> None:
            if not live:
                return
            if arvalid() and arready() and self.model is not None:
                addr = araddr()
                if addr & dt.BITMAP_BASE and not aruser():
                    t, fw = cycle(), divmod((addr & (dt.BITMAP_BASE - 1)) >> 2, self.model.words_per_func)
                    self.ar_at = {t: fw}
                    if fw in self.aw_at.get(t, ()):
                        race.sample(clear_meets_write="same_clock_port")
            if fwd():
                race.sample(clear_meets_write="fwd_into_report")
            if behind():
                race.sample(clear_meets_write="mark_behind_report")
            if dfwd():
                dma.sample(collision="fwd_into_dma_report")
            if dbehind():
                dma.sample(collision="mark_behind_dma_report")

        clock_sampler().add(sample, order=2)

    def report_phase(self):
        for cg in (self.cg_write, self.cg_traffic, self.cg_race, self.cg_regs, self.cg_dma):
            self.logger.info(f"coverage {cg.name}: {cg.coverage():.1f}%")
        fcov.save()
