"""Register agent: drives configuration items through tb.common.regport.RegisterPort (AXI4-Lite,
cocotbext-axi). Writes only the shadow registers that differ from what it last wrote, commits,
waits for the result and reads back the status."""

from __future__ import annotations

import cocotb
from cocotb.triggers import FallingEdge, RisingEdge
from pyuvm import ConfigDB, uvm_analysis_port, uvm_driver, uvm_sequencer

from models.gen import port_cfg_regs as G
from models.port_cfg import Lane, Limit
from tb.common.regcheck import CheckedRegisterPort
from tb.port_cfg.env import regs
from tb.port_cfg.env.items import CfgItem, CommitRequest, CommitStatus


class CfgSequencer(uvm_sequencer):
    pass


class CfgDriver(uvm_driver):
    def build_phase(self):
        self.dut = cocotb.top
        self.num_lanes = ConfigDB().get(self, "", "dut_info").num_lanes
        self.num_vssbs = ConfigDB().get(self, "", "dut_info").num_vssbs
        self.req_ap = uvm_analysis_port("req_ap", self)
        self.status_ap = uvm_analysis_port("status_ap", self)
        self.port: CheckedRegisterPort = ConfigDB().get(self, "", "dut_info").port
        self.mgmt = ConfigDB().get(self, "", "dut_info").mgmt  # the MgmtFunction parameter
        self.written_lanes = [Lane() for _ in range(self.num_lanes)]  # register reset values
        self.written_limits = [Limit() for _ in range(16)]
        self.uid = 0
        self.noise_rng = None  # set: random register traffic while each commit runs (noise())
        self.noise_ops = 0

    async def write_shadow(self, item: CfgItem) -> None:
        for i, lane in enumerate(item.lanes):
            if lane != self.written_lanes[i]:
                await self.port.write_ok(regs.addr("LANE", i), lane.to_reg(), self.mgmt)
                self.written_lanes[i] = lane
        for v, lim in enumerate(item.limits):
            if lim != self.written_limits[v]:
                await self.port.write_ok(regs.addr("VSSB_LIMIT", v), lim.to_reg(), self.mgmt)
                self.written_limits[v] = lim

    async def commit(self, item: CfgItem) -> CommitStatus:
        item.uid = self.uid
        self.uid += 1
        self.req_ap.write(CommitRequest(item.uid, list(item.lanes), list(item.limits), item.kind))
        start = cocotb.start_soon(self._latency())
        await self.port.write_ok(regs.addr("CTRL"), 1, self.mgmt)
        for _ in range(item.repeat - 1):  # held as STATUS.pending, run after this one, same shadow
            item.uid = self.uid
            self.uid += 1
            self.req_ap.write(CommitRequest(item.uid, list(item.lanes), list(item.limits), item.kind))
            await self.port.write_ok(regs.addr("CTRL"), 1, self.mgmt)
        if item.scribble:  # new shadow while the commit runs: must not leak into this commit
            for i, lane in enumerate(item.scribble):
                await self.port.write_ok(regs.addr("LANE", i), lane.to_reg(), self.mgmt)
                self.written_lanes[i] = lane
        while True:
            if self.noise_rng is not None:
                for _ in range(self.noise_rng.randrange(1, 4)):
                    await self.noise()
            if not regs.field(await self.port.read_ok(regs.addr("STATUS"), self.mgmt), "STATUS", "busy"):
                break
        latency = await start
        st = await self.port.read_ok(regs.addr("STATUS"), self.mgmt)
        ports, bw = [], []
        for v in range(self.num_vssbs):
            r = await self.port.read_ok(regs.addr("VSSB_STATUS", v), self.mgmt)
            ports.append(regs.field(r, "VSSB_STATUS", "ports"))
            bw.append(regs.field(r, "VSSB_STATUS", "bw"))
        status = CommitStatus(
            uid=item.uid,
            code=regs.field(st, "STATUS", "code"),
            err_lane=regs.field(st, "STATUS", "err_lane"),
            accept_cnt=await self.port.read_ok(regs.addr("ACCEPT_CNT"), self.mgmt),
            reject_cnt=await self.port.read_ok(regs.addr("REJECT_CNT"), self.mgmt),
            vssb_ports=tuple(ports),
            vssb_bw=tuple(bw),
            latency_clk=latency,
        )
        self.status_ap.write(status)
        return status

    async def noise(self) -> None:
        """One random register access, checked by the register scoreboard like every other: a read
        of any word of the map (mapped or not, counters and status included), a write-1-to-clear of
        ERR with a random mask and strobes, a partial-strobe write to a shadow register (LANE or
        VSSB_LIMIT, present or not), or an access by another function than MgmtFunction (refused:
        counted, ERR.access_viol set). Never CTRL.commit as the management function (the scoreboard
        knows each commit from the driver). A shadow register it touched is rewritten before the
        next commit (the driver forgets what it held)."""
        rng, port, mgmt = self.noise_rng, self.port, self.mgmt
        self.noise_ops += 1
        op = rng.randrange(4)
        if op == 0:
            await port.read(4 * rng.randrange(G.REGMAP.size // 4), mgmt)
        elif op == 1:
            await port.write(G.ERR, rng.getrandbits(32), mgmt, rng.randrange(16))
        elif op == 2:
            if rng.random() < 0.5:
                i = rng.randrange(G.LANE.count)
                addr = G.LANE(i)
                if i < self.num_lanes:
                    self.written_lanes[i] = None
            else:
                v = rng.randrange(G.VSSB_LIMIT.count)
                addr = G.VSSB_LIMIT(v)
                if v < len(self.written_limits):
                    self.written_limits[v] = None
            await port.write(addr, rng.getrandbits(32), mgmt, rng.randrange(1, 15))
        else:
            func = rng.choice([f for f in (mgmt ^ 1, (mgmt + 1) & 0xFF, rng.randrange(256)) if f != mgmt])
            addr = 4 * rng.randrange(G.REGMAP.size // 4)
            if rng.random() < 0.5:
                await port.read(addr, func)
            else:
                await port.write(addr, rng.getrandbits(32), func, rng.randrange(16))

    async def _latency(self) -> int:
        """Clocks from the CTRL.commit pulse (u_regs output) to commit_done_o."""
        while True:
            await FallingEdge(self.dut.clk_i)
            if int(self.dut.commit_req.value):
                break
        clocks = 0
        while True:
            await RisingEdge(self.dut.clk_i)
            clocks += 1
            await FallingEdge(self.dut.clk_i)
            if int(self.dut.commit_done_o.value):
                return clocks

    async def run_phase(self):
        while True:
            item = await self.seq_item_port.get_next_item()
            await self.write_shadow(item)
            if not item.write_only:
                item.status = await self.commit(item)
            self.seq_item_port.item_done()
