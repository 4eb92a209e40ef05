"""The common_rtl environment: the wrapper's inputs idle, and the lockstep scoreboard that
compares each clock's outputs with the references' (tb/common_rtl/lockstep.py drives both)."""

from __future__ import annotations

from tb.common import fcov
from tb.common.base import BaseEnv, BaseScoreboard

IDLE_INPUTS = {
    "fifo_push_i": 0, "fifo_wdata_i": 0, "fifo_pop_i": 0,
    "ram_we_i": 0, "ram_waddr_i": 0, "ram_wdata_i": 0, "ram_raddr_i": 0,
    "cnt_inc_i": 0, "cnt_load_i": 0, "cnt_load_data_i": 0, "cnt_load_mask_i": 0,
    "s_axil_awaddr": 0, "s_axil_awprot": 0, "s_axil_awvalid": 0, "s_axil_awuser": 0,
    "s_axil_wdata": 0, "s_axil_wstrb": 0, "s_axil_wvalid": 0, "s_axil_bready": 0,
    "s_axil_araddr": 0, "s_axil_arprot": 0, "s_axil_arvalid": 0, "s_axil_aruser": 0,
    "s_axil_rready": 0, "req_stall_i": 0, "ack_i": 0, "ack_err_i": 0, "ack_rdata_i": 0,
}


class LockstepScoreboard(BaseScoreboard):
    """Compares one clock's DUT outputs with a reference's; outputs the reference leaves open
    (None: undefined by the contract) are not compared. Fails at the first difference."""

    def build_phase(self):
        self.dut = None  # set by the env
        self.checked = 0

    def compare(self, what: str, expected: dict, signals: dict, inputs) -> None:
        for key, exp in expected.items():
            if exp is None:
                continue
            got = int(getattr(self.dut, signals[key]).value)
            if got != exp:
                self.fail(f"{what}: {signals[key]} = 0x{got:x}, reference 0x{exp:x}; "
                          f"reference outputs {expected}", inputs)
        self.checked += 1


class CommonRtlEnv(BaseEnv):
    def build_phase(self):
        super().build_phase()
        self.sb = LockstepScoreboard("sb", self)

    def connect_phase(self):
        self.sb.dut = self.dut

    def idle_inputs(self) -> None:
        for name, v in IDLE_INPUTS.items():
            getattr(self.dut, name).value = v

    def report_phase(self):
        self.logger.info("lockstep: %d clocks compared", self.sb.checked)
        fcov.save()
