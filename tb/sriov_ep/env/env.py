"""The sriov_ep environment (BaseEnv: clock and reset from the manifest): descriptor and payload
drivers, completion monitor, host memory (AxiRam with stalls and error pages), the hypervisor (the
PF's register port), the scoreboard and coverage.

`after_reset()` waits for dirty_track's bitmap clear, builds the functions' tables in host memory,
programs bat_clat, and hands the scoreboard its starting image. Tests that reset mid-test use
`reset()`.
"""

from __future__ import annotations

from cocotb.triggers import ClockCycles, RisingEdge
from pyuvm import ConfigDB, uvm_sequencer, uvm_subscriber

from models import dirty_track as dt
from models import sriov_ep as sep
from tb.common.base import BaseEnv
from tb.common.seed import rng
from tb.sriov_ep.env.cfg import build_params
from tb.sriov_ep.env.coverage import SepCoverage
from tb.sriov_ep.env.dma_agent import CplMonitor, DescDriver, PayloadDriver
from tb.sriov_ep.env.host_memory import HostMemory, WritePortMonitor
from tb.sriov_ep.env.hypervisor_agent import Hypervisor, dirty
from tb.sriov_ep.env.regs import SepRegs
from tb.sriov_ep.env.scoreboard import SepScoreboard
from tb.sriov_ep.env.sequences import DescFactory
from tb.sriov_ep.env.world import REPORT_BUF, REPORT_BYTES, World


class Callback(uvm_subscriber):
    def __init__(self, name, parent, fn):
        super().__init__(name, parent)
        self.fn = fn

    def write(self, tt):
        self.fn(tt)


class SepEnv(BaseEnv):
    def build_phase(self):
        super().build_phase()
        self.cfg = ConfigDB().get(self, "", "cfg")
        # the build's parameters (the manifest configuration): the model, the sequences and the
        # register map use them; after_reset() checks the DUT's PARAMS register says the same
        self.params = build_params(self.dut)
        self.seqr = uvm_sequencer("desc_seqr", self)
        self.desc = DescDriver("desc_driver", self)
        self.payload = PayloadDriver("payload_driver", self)
        self.cpl = CplMonitor("cpl_monitor", self)
        self.hyp = Hypervisor("hypervisor", self)
        self.sb = SepScoreboard("scoreboard", self)
        self.cov = SepCoverage("coverage", self)
        self.subs = [Callback("desc_to_sb", self, self._on_desc), Callback("cpl_to_sb", self, self._on_cpl)]
        self.mem: HostMemory | None = None
        self.world: World | None = None

    def connect_phase(self):
        self.desc.seq_item_port.connect(self.seqr.seq_item_export)
        self.payload.src = self.desc
        self.desc.ap.connect(self.subs[0].analysis_export)
        self.cpl.ap.connect(self.subs[1].analysis_export)

    def _on_desc(self, item):
        self.sb.on_desc(item)

    def _on_cpl(self, c):
        self.sb.on_cpl(c)
        d, status = self.sb.outcomes[-1]
        self.cov.on_completion(d, status)
        if self.sb.stop_cov is not None:
            self.cov.on_stop(*self.sb.stop_cov)

    def idle_inputs(self) -> None:
        d = self.dut
        d.desc_valid_i.value = 0
        d.data_valid_i.value = 0
        d.cpl_ready_i.value = 1
        for sig in ("desc_tag_i", "desc_func_i", "desc_service_i", "desc_offset_i", "desc_len_i", "data_i",
                    "data_strb_i"):
            getattr(d, sig).value = 0

    async def start(self) -> None:
        # the host memory must be on the bus before the clock starts (it drives the slave side)
        self.mem = HostMemory(self.dut, self.clk, self.rst, rng("host_memory"), self.cfg.mem_stall)
        self.wmon = WritePortMonitor(self.dut, self.clk)
        self.regs = SepRegs(self.dut, self.params.num_functions)
        await super().start()

    async def after_reset(self) -> None:
        await self.hyp.wait_init()
        params = await self.regs.read_ok(dirty(dt.PARAMS))
        self.block_pages_per_func = 1 << ((params >> 8) & 0xFF)  # dirty_track PARAMS.log2_pages
        # PARAMS is the build's own word on its parameters: a build that is not the configuration
        # the testbench models would otherwise be checked against the wrong model
        got = await self.regs.read_ok(sep.ENGINE_PARAMS)
        want = sep.EngineRegs(sep.EngineModel(self.params)).params_value()
        self.sb.expect(got == want, f"PARAMS = {got:#010x}, the configuration ({self.params}) says {want:#010x}")
        self.world = World(self.mem, rng("world"), self.cfg.funcs, self.cfg.services, self.params.num_functions)
        for f in self.cfg.funcs[: 1 if self.cfg.write_error_pages else 0]:
            for page in self.world.error_pages(f, self.cfg.write_error_pages):
                self.mem.add_error_page(page)
        for fn in self.world.funcs.values():
            self.mem.add_read_error_page(fn.bus_error_clat)
        await self.hyp.program_tables(self.world)
        self.sb.attach(self.world, self.mem.image(), self.params)
        self.wmon.engine_aws.clear()  # bring-up writes nothing, but start from an empty queue
        self.sb.aws = self.wmon.engine_aws
        self.wmon.report_window = (REPORT_BUF, REPORT_BUF + REPORT_BYTES)
        self.sb.exclude = [(REPORT_BUF, REPORT_BUF + REPORT_BYTES)]
        self.factory = DescFactory(self.world, rng("descriptors"), self.cfg, self.params)

    async def check_counters(self) -> None:
        """The engine's counters equal the model's counts of the completions seen (nothing is in
        flight now; every test ends here). Counters were cleared by the last reset."""
        m = self.sb.model
        for s in range(16):
            got = await self.regs.read_ok(sep.status_cnt_reg(s))
            self.sb.expect(got == m.status_cnt[s], f"STATUS_CNT[{s}] = {got}, model {m.status_cnt[s]}")
        for f in range(m.p.num_functions):
            for off, want, name in ((sep.DESC_CNT_OFF, m.desc_cnt[f], "DESC_CNT"), (sep.BYTE_CNT_OFF, m.byte_cnt[f], "BYTE_CNT"),
                                    (sep.ERR_CNT_OFF, m.err_cnt[f], "ERR_CNT")):
                got = await self.regs.read_ok(sep.func_cnt_reg(f, off))
                self.sb.expect(got == want, f"FUNC[{f}].{name} = {got}, model {want}")

    def vf_pages(self, func: int) -> set[int]:
        """Host pages (address >> 12) written by the engine's bursts of `func` (AWID 0, AWUSER func)."""
        return set(self.wmon.pages.get(func, ()))

    async def reset(self, clocks: int = 3) -> None:
        """Reset the DUT mid-test: everything in flight is forgotten (docs/sriov_ep.md "Reset");
        the scoreboard restarts from the memory as it is (writes in flight may or may not have
        landed), the tables are programmed again."""
        self.desc.hold = True
        self.rst.value = 0
        self.idle_inputs()
        self.desc.reset()
        await ClockCycles(self.clk, clocks)
        self.rst.value = 1
        await RisingEdge(self.clk)
        self.sb.reset()
        self.regs.reset()
        await self.hyp.wait_init()
        await self.hyp.program_tables(self.world)
        self.sb.attach(self.world, self.mem.image(), self.params)
        self.desc.hold = False

    async def drain(self) -> None:
        """Every accepted descriptor completed (checked as it came), then the whole image."""
        for _ in range(200_000):
            if not self.sb.pending:
                break
            await ClockCycles(self.clk, 16)
        if self.sb.pending:
            self.sb.fail(f"{len(self.sb.pending)} descriptors never completed", self.sb.pending[0])
        await ClockCycles(self.clk, 4)
        self.sb.check_no_stray_bursts()
        self.sb.check_image(self.mem.image())
        if self.mem.out_of_range:
            self.sb.fail(f"writes outside host memory: {self.mem.out_of_range[:4]}")
        await self.check_counters()
        stray = self.wmon.report_strays
        if stray:
            self.sb.fail(f"report bursts (AWID 1) outside the report buffer: {stray[:4]}")
