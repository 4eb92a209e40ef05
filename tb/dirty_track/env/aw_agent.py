"""DMA write-address traffic: the AW source driver, the downstream AW sink, and the AW monitors
(each handshake stamped with tb.common.base.cycle())."""

from __future__ import annotations

from dataclasses import dataclass

from cocotb.triggers import RisingEdge, Timer
from pyuvm import ConfigDB, uvm_analysis_port, uvm_component, uvm_driver, uvm_sequencer

from tb.common.base import clock_period_ns, clock_sampler, cycle
from tb.common.seed import rng
from tb.common.sig import bit_reader, int_reader, int_writer
from tb.dirty_track.env.items import AwObs

IDLE_CLOCKS = 64  # an always-ready sink looks at cfg.ready_prob this often


@dataclass
class AwPins:
    """The AW signals of one side of the DUT (prefix s_axi or m_axi), looked up once (a lookup per
    access, every clock, was a large part of the testbench's time)."""

    dut: object
    prefix: str

    def __post_init__(self):
        for sig in ("valid", "ready", "id", "addr", "len", "size", "burst", "user"):
            setattr(self, sig, getattr(self.dut, f"{self.prefix}_aw{sig}"))


class AwSourceDriver(uvm_driver):
    """Drives s_axi_aw* from the sequencer: optional idle clocks, then valid until ready. Items
    offered while reset is asserted are dropped (AXI: valid is low in reset)."""

    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.pins = AwPins(self.dut, "s_axi")

    async def run_phase(self):
        p = self.pins
        edge, rst, ready = RisingEdge(self.dut.clk_i), bit_reader(self.dut.rst_ni), bit_reader(p.ready)
        # writers made once (tb/common/sig.py): a value written per item, not a handle lookup and a
        # type dispatch per signal
        valid = int_writer(p.valid)
        awid, addr, length, size, burst, user = (int_writer(h) for h in (p.id, p.addr, p.len, p.size, p.burst, p.user))
        valid(0)
        while True:
            item = await self.seq_item_port.get_next_item()
            if item.idle:
                valid(0)
                for _ in range(item.idle):
                    await edge
            while not rst():
                valid(0)
                await edge
            awid(item.awid)
            addr(item.addr)
            length(item.length)
            size(item.size)
            burst(item.burst)
            user(item.func)
            valid(1)
            while True:
                await edge
                if not rst():
                    item.dropped = True
                    break
                if ready():
                    item.t = cycle()
                    break
            valid(0)
            self.seq_item_port.item_done()


class AwSink(uvm_component):
    """The downstream side of m_axi_aw*: AWREADY high with probability cfg.ready_prob each clock."""

    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.cfg = ConfigDB().get(self, "", "cfg")
        self.rng = rng("aw_sink")

    async def run_phase(self):
        ready, edge = self.dut.m_axi_awready, RisingEdge(self.dut.clk_i)
        idle = Timer(IDLE_CLOCKS * clock_period_ns(), unit="ns")
        last = None
        while True:
            if self.cfg.ready_prob >= 1.0:  # always ready: nothing to do per clock
                if last != 1:
                    ready.value = last = 1
                await idle
                await edge
                continue
            v = 1 if self.rng.random() < self.cfg.ready_prob else 0
            if v != last:  # write only on a change
                ready.value = last = v
            await edge


class AwMonitor(uvm_component):
    """Publishes every AW handshake on one side (prefix) as an AwObs stamped with its cycle."""

    def __init__(self, name, parent, prefix):
        super().__init__(name, parent)
        self.prefix = prefix

    def build_phase(self):
        self.dut = ConfigDB().get(self, "", "dut")
        self.pins = AwPins(self.dut, self.prefix)
        self.ap = uvm_analysis_port("ap", self)

    async def run_phase(self):
        p = self.pins
        # sampled by the run's one clock loop (tb/common/sampler.py), from the end of the first reset
        # and bring-up on (no DMA traffic before)
        valid, ready = bit_reader(p.valid), bit_reader(p.ready)
        awid, addr, length, size, burst, func = (int_reader(h) for h in (p.id, p.addr, p.len, p.size, p.burst, p.user))
        write = self.ap.write

        def sample(live: bool) -> None:
            if live and valid() and ready():
                write(AwObs(awid(), addr(), length(), size(), burst(), func(), cycle()))

        clock_sampler().add(sample, order=0 if self.prefix == "s_axi" else 1)  # the input side first


class AwAgent(uvm_component):
    """Active agent on the AW input: sequencer + source driver + input monitor."""

    def build_phase(self):
        self.seqr = uvm_sequencer("seqr", self)
        self.driver = AwSourceDriver("driver", self)
        self.monitor = AwMonitor("monitor", self, "s_axi")

    def connect_phase(self):
        self.driver.seq_item_port.connect(self.seqr.seq_item_export)
