"""Register addresses and field positions of port_cfg, taken from the generated map
(models/gen/port_cfg_regs.py, from rtl/port_cfg/port_cfg_regs.rdl) so the testbench cannot drift from
it, and the environment's checked register port."""

from __future__ import annotations

from cocotb.triggers import FallingEdge

from models.gen import port_cfg_regs as G
from models.regmap import RegFile
from tb.common.regcheck import CheckedRegisterPort
from tb.common.sig import bit_reader, int_reader


def addr(name: str, idx: int | None = None) -> int:
    return G.REGMAP.addr(name if idx is None else f"{name}[{idx}]")


def field(value: int, reg: str, name: str) -> int:
    f = G.REGMAP.field(f"{reg}[0].{name}" if reg in ("LANE", "VSSB_LIMIT", "VSSB_STATUS") else f"{reg}.{name}")
    return (value & f.mask) >> f.lsb


# ---- the register scoreboard (models.regmap.RegFile behind tb.common.regcheck.CheckedRegisterPort)
# docs/port_cfg.md, "Registers" and "Access control": every access by a function other than
# MgmtFunction is refused (SLVERR, read data 0, no effect) whatever its address, and counts in
# ACCESS_VIOL_CNT and sets ERR.access_viol; LANE[i] / VSSB_LIMIT[v] / VSSB_STATUS[v] beyond
# NumLanes / NumVssbs are unmapped. The three counters reset to 0 and change only by the events the
# testbench reports (refused accesses; ACCEPT_CNT / REJECT_CNT from the commit-done watcher at the
# edge commit_done_o rises, the edge the RTL counts the result). STATUS and VSSB_STATUS are the
# commit engine's (volatile); PARAMS is checked against the build parameters.

COUNTERS = ("ACCEPT_CNT.count", "REJECT_CNT.count", "ACCESS_VIOL_CNT.count")


def _exists(num_lanes: int, num_vssbs: int):
    def exists(reg) -> bool:
        for name, n in (("LANE[", num_lanes), ("VSSB_LIMIT[", num_vssbs), ("VSSB_STATUS[", num_vssbs)):
            if reg.path.startswith(name):
                return int(reg.path[len(name):].split("]")[0]) < n
        return True

    return exists


def checked_port(dut, port, mgmt: int, num_lanes: int, num_vssbs: int) -> CheckedRegisterPort:
    """The environment's one register port: every access checked by the register model."""
    # The counters are hardware-written (no reset in the map): they reset to 0.
    model = RegFile(G.REGMAP, exists=_exists(num_lanes, num_vssbs),
                    volatile=("STATUS.*", "VSSB_STATUS*", "PARAMS.*"), resets=dict.fromkeys(COUNTERS, 0))
    model.checkers["PARAMS.num_lanes"] = lambda v: None if v == num_lanes else f"NumLanes is {num_lanes}"
    model.checkers["PARAMS.num_vssbs"] = lambda v: None if v == num_vssbs else f"NumVssbs is {num_vssbs}"

    def on_refused(addr: int, func: int, write: bool) -> None:
        model.hw_incr("ACCESS_VIOL_CNT.count", now=chk.now())
        model.hw_set("ERR.access_viol", now=chk.now())

    chk = CheckedRegisterPort(port, model, refused=lambda addr, func, write: func != mgmt,
                              on_refused=on_refused, log=dut._log)
    chk.master = port.master  # raw sub-word accesses (reg_rules) bypass the check on purpose
    return chk


async def watch_commits(dut, chk: CheckedRegisterPort) -> None:
    """Reports each commit result to the register model: ACCEPT_CNT (code 0) or REJECT_CNT counts
    at the rising edge where commit_done_o rises (seen at the falling edge after it; reported with
    that edge's time: a read response on that edge still carries the value from before it)."""
    edge, rst, done, code = FallingEdge(dut.clk_i), bit_reader(dut.rst_ni), bit_reader(dut.commit_done_o), int_reader(dut.commit_code_o)
    while True:
        await edge
        if done() and rst():
            path = "ACCEPT_CNT.count" if code() == 0 else "REJECT_CNT.count"
            chk.model.hw_incr(path, now=chk.now() - 0.5)
