"""The subsystem's one register port, routed by window (docs/sriov_ep.md "Registers").

- The engine's registers (window at 0): every access checked by the register scoreboard
  (tb/common/regcheck.CheckedRegisterPort over the generated map `models/gen/sriov_ep_regs.py`):
  access rule (PF only: a VF access is refused and counts ACCESS_VIOL_CNT), misaligned, unmapped,
  read-only, strobes, W1C. The counters and STOPPED are the hardware's (volatile here); the
  scoreboard compares the counters with its own counts at the end of a test (`check_counters`).
- bat_clat's and dirty_track's windows: the access goes through unchanged (their own testbenches
  check their register rules); `read_ok` / `write_ok` insist on OKAY.
- Outside every window: SLVERR and read data 0, checked here.
"""

from __future__ import annotations

from models import sriov_ep as sep
from models.gen import sriov_ep_regs as G
from models.regmap import OKAY, SLVERR, RegFile
from tb.common.regcheck import CheckedRegisterPort
from tb.common.regport import RegisterPort
from tb.common.scoreboard import ScoreboardError

HW_FIELDS = ("STOPPED.*", "STATUS_CNT*", "FUNC*", "PARAMS.*")


def _exists(path: str, num_functions: int) -> bool:
    """FUNC slots past NumFunctions are unmapped (docs/sriov_ep.md)."""
    if path.startswith("FUNC["):
        return int(path[5:path.index("]")]) < num_functions
    return True


class SepRegs:
    def __init__(self, dut, num_functions: int):
        self.port = RegisterPort(dut)
        model = RegFile(G.REGMAP, exists=lambda reg: _exists(reg.path, num_functions), volatile=HW_FIELDS)

        def on_refused(addr: int, func: int, write: bool) -> None:
            model.hw_incr("ACCESS_VIOL_CNT.count", now=self.engine.now())
            model.hw_set("ERR.access_viol", now=self.engine.now())

        self.engine = CheckedRegisterPort(self.port, model, refused=lambda a, f, w: f != 0,
                                          on_refused=on_refused, log=dut._log)
        self.model = model

    def reset(self) -> None:
        self.engine.reset()

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> int:
        target = sep.decode(addr)[0]
        if target == "engine":
            return await self.engine.write(addr, value, func, strb)
        resp = await self.port.write(addr, value, func, strb)
        if target is None and resp != SLVERR:
            raise ScoreboardError(f"write {addr:#08x} outside every window answered {resp}, not SLVERR")
        return resp

    async def read(self, addr: int, func: int = 0) -> tuple[int, int]:
        target = sep.decode(addr)[0]
        if target == "engine":
            return await self.engine.read(addr, func)
        value, resp = await self.port.read(addr, func)
        if target is None and (value, resp) != (0, SLVERR):
            raise ScoreboardError(f"read {addr:#08x} outside every window answered {resp} / {value:#x}, "
                                  "not SLVERR / 0")
        return value, resp

    async def write_ok(self, addr: int, value: int, func: int = 0, strb: int = 0xF) -> None:
        resp = await self.write(addr, value, func, strb)
        assert resp == OKAY, f"register write {addr:#08x} as function {func}: resp {resp}, expected OKAY"

    async def read_ok(self, addr: int, func: int = 0) -> int:
        value, resp = await self.read(addr, func)
        assert resp == OKAY, f"register read {addr:#08x} as function {func}: resp {resp}, expected OKAY"
        return value
