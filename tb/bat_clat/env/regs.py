"""bat_clat's register scoreboard: every AXI4-Lite access of every test checked against the register
model (models.regmap.RegFile on the generated map models/gen/bat_clat_regs.py, behind
tb.common.regcheck.CheckedRegisterPort). BatClatModel (models/bat_clat.py) stays the translation
model; every access goes through `BatClatRegs.write`/`read`, which feed both and cross-check that
they agree on every response code (the register agent, env/reg_agent.py, is the uvm component
around it).

What this file adds to the generic check (docs/bat_clat.md, "Registers", "Invalidation semantics";
the per-register summary is in the doc's testbench section):
- configuration: FUNC[f] exists only for f < NumFunctions (an access to such a block is refused by
  access control first, so the model never sees it); PARAMS is checked field by field against the
  build's parameters; ID by its reset value.
- access rule (rule 1): refused = not BatClatModel.access_allowed(func, addr); a refused access
  counts ACCESS_VIOLATIONS (reported at its response, before any later access: exact).
- counters ERR_CNT[0..6], HIT_CNT, MISS_CNT: the RTL counts a response one clock after the
  response is written into its output queue, which is at or before the response handshake the
  monitor sees, possibly several clocks before it (rsp_ready back-pressure, the hit queue). The
  model counts ERR_CNT[k] at the handshake (hw_incr from the scoreboard's checked responses), so a
  read sampled at some clock of its window [issue, response] must lie in
  [the model's value at the read's issue (and the last value read since reset: monotonic),
   the model's value at the read's response + requests outstanding then (each may be counted)];
  exact when nothing is outstanding. HIT_CNT / MISS_CNT: which class a response counts in is the
  cache's business, so each is only bounded: monotonic, and <= lookups answered + requests
  outstanding (HIT + MISS == lookups at quiescence stays in tests/base.py check_counters).
- AXI_PROTO_ERR: the tests report malformed beats to BatClatModel (count_axi_proto_errors) after
  their settle clocks; the register model takes that count before every access: exact.
- INVAL_STATUS.done (global and every FUNC[f]; all report the same unit-wide state): must read 0
  while an AXI read that was outstanding when an invalidating write was issued is still outstanding
  (models.bat_clat.DoneModel, as test_inval_done_held_read); must read 1 when no invalidating write
  was made since reset, and when the last one was issued with nothing in flight (no request, no AXI
  read), no request was accepted since and its response is DONE_SETTLE clocks old; and once a read
  issued after the last invalidating write's response has returned 1, every read must return 1
  until the next invalidating write (nothing but an invalidation makes done 0).
"""

from __future__ import annotations

import re
from collections import Counter

from cocotb.triggers import Lock

from models.bat_clat import ERR_CNT_MAX, INVAL, BatClatModel, DoneModel, Params, Status
from models.gen import bat_clat_regs as G
from models.regmap import OKAY, SLVERR, Reg, RegFile
from tb.common.regcheck import CheckedRegisterPort
from tb.common.regport import RegisterPort
from tb.common.scoreboard import ScoreboardError

N_ERR = G.ERR_CNT.count
ERR_PATHS = tuple(f"ERR_CNT[{k}].count" for k in range(N_ERR))
LOOKUP_PATHS = ("HIT_CNT.count", "MISS_CNT.count")
BOUNDED = ERR_PATHS + LOOKUP_PATHS  # checked against bounds (see the module docstring)
EXACT_COUNTERS = ("ACCESS_VIOLATIONS.count", "AXI_PROTO_ERR.count")
EXACT_REGS = tuple(path.rpartition(".")[0] for path in EXACT_COUNTERS)  # BatClatModel counts them too
DONE_SETTLE = 16  # clocks after an invalidating write's response, with nothing in flight, until done is 1
READ_LATENCY = 0  # every event is reported no later than the RTL applies it (see the docstring)

_FUNC = re.compile(r"^FUNC\[(\d+)\]\.(\w+)")
# function-block registers whose write (any strobes) invalidates the function's cached entries
RECONFIG = ("BAT_BASE_LO", "BAT_BASE_HI", "BAT_ENTRIES", "CTRL")


def err_path(status: Status | int) -> str:
    return f"ERR_CNT[{int(status) - 1}].count"


def params_fields(p: Params) -> dict[str, int]:
    """PARAMS as the build's parameters give it (docs/bat_clat.md, "Registers")."""
    return {
        "num_functions": p.num_functions,
        "bat_entries": p.bat_entries,
        "log2_bat_cache": p.bat_cache_entries.bit_length() - 1,
        "log2_clat_cache": p.clat_cache_entries.bit_length() - 1,
        "max_misses": p.max_misses,
    }


class DoneCheck:
    """When INVAL_STATUS.done must read 0 and when it must read 1 (see the module docstring)."""

    def __init__(self, regs: BatClatRegs):
        self.regs = regs
        self.reset()

    def reset(self) -> None:
        self.model = DoneModel()
        self.last: list | None = None  # the last (maybe) invalidating write: [issue, quiet, accepted, response]
        # done read 1 in a read issued after the last invalidating write's response: that invalidation
        # has completed, and done must read 1 until the next invalidating write (nothing else makes it 0)
        self.completed = True

    def reads(self) -> set:
        mon = self.regs.axi_monitor
        return {(ar.arid, ar.ar_cycle) for q in mon.pending.values() for ar in q} if mon else set()

    def accepted(self) -> int:
        sb = self.regs.sb
        return sb.responses + len(sb.outstanding)

    def write_issued(self, definite: bool, now: float) -> None:
        reads = self.reads()
        if definite:
            self.model.written(reads)
        self.last = [now, not self.regs.sb.outstanding and not reads, self.accepted(), None]
        self.completed = False

    def write_done(self, now: float) -> None:
        if self.last is not None and self.last[3] is None:
            self.last[3] = now

    def check(self, value: int) -> str | None:
        self.model.update(self.reads())
        if self.model.must_be_busy:
            self.regs.stats["done_must_be_0"] += 1
        if value and self.model.must_be_busy:
            return (f"done read 1 while AXI read(s) {sorted(self.model.blocking)[:4]} (arid, AR cycle) issued "
                    "before an invalidation were still outstanding")
        if self.last is None:
            self.regs.stats["done_must_be_1"] += 1
            return "done read 0 with no invalidation written since reset" if not value else None
        issue, quiet, accepted, resp = self.last
        t0 = self.regs.read_issue
        if self.completed:
            self.regs.stats["done_must_be_1"] += 1
            if not value:
                return ("done read 0 after it had read 1 for the last invalidation, with no invalidation "
                        "written since (only an invalidation makes done 0)")
            return None
        if value and resp is not None and t0 >= resp:
            self.completed = True
        if quiet and resp is not None and t0 >= resp + DONE_SETTLE and accepted == self.accepted() and not self.reads():
            self.regs.stats["done_must_be_1"] += 1
            if value:
                return None
            return (f"done read 0 {t0 - resp:.0f} clocks after an invalidation written with nothing in flight "
                    "(no request accepted since, no AXI read outstanding)")
        return None


RESP_NAMES = {0: "OKAY", 1: "EXOKAY", 2: "SLVERR", 3: "DECERR"}


class BatClatRegs:
    """The register model of one environment and its checked port over the one RegisterPort
    (`checked`: whole-word accesses with strobes, and single-beat sub-word accesses at byte addresses
    through its write_bytes/read_bytes, same model). `write`/`read` are the accesses every test makes."""

    def __init__(self, port: RegisterPort, model: BatClatModel, sb, params: Params, log=None):
        self.bc = model
        self.sb = sb
        self.p = params
        self.lock = Lock()  # one access at a time: the models' prediction and the access are one step
        self.axi_monitor = None  # set by the environment (reads outstanding, for done)
        self.rf = RegFile(G.REGMAP, exists=self._exists, volatile=BOUNDED,
                          resets=dict.fromkeys(BOUNDED + EXACT_COUNTERS, 0))
        for name, want in params_fields(params).items():
            self.rf.checkers[f"PARAMS.{name}"] = (
                lambda v, want=want, name=name: None if v == want else f"expected {want} (the build's {name})")
        self.done = DoneCheck(self)
        for path in ["INVAL_STATUS.done"] + [f"FUNC[{f}].INVAL_STATUS.done" for f in range(params.num_functions)]:
            self.rf.checkers[path] = self.done.check
        for path in ERR_PATHS:
            self.rf.checkers[path] = self._err_checker(path)
        for path in LOOKUP_PATHS:
            self.rf.checkers[path] = self._lookup_checker(path)
        kw = dict(refused=self._refused, on_refused=self._on_refused, latency=READ_LATENCY, log=log)
        self.checked = CheckedRegisterPort(port, self.rf, **kw)
        self.read_issue = 0.0
        self.window_lo: dict[str, int] = {}  # bounded counters' model values at the current read's issue
        self.lookup_base = dict.fromkeys(LOOKUP_PATHS, 0)  # HIT/MISS preloaded by a test (backdoor)
        self.last_read: dict[str, int] = {}
        self.stats: Counter[str] = Counter()  # bounded counter and done reads, for the log

    def now(self) -> float:
        """The register model's timebase: the checked port's (clocks since time zero)."""
        return self.checked.now()

    # ---------------------------------------------------------------- configuration and access rule
    def _exists(self, reg: Reg) -> bool:
        m = _FUNC.match(reg.path)
        return m is None or int(m.group(1)) < self.p.num_functions

    def _refused(self, addr: int, func: int, write: bool) -> bool:
        return not self.bc.access_allowed(func, addr)

    def _on_refused(self, addr: int, func: int, write: bool) -> None:
        self.rf.hw_incr("ACCESS_VIOLATIONS.count", now=self.now())

    # ---------------------------------------------------------------- hardware events
    def on_response(self, status: int) -> None:
        """A response handshake (the scoreboard checked it): ERR_CNT[status - 1] counts it by now."""
        if status != Status.OK:
            self.rf.hw_incr(err_path(status), now=self.now())

    def sync_reported(self) -> None:
        """Malformed AXI beats the tests reported to BatClatModel since the last access."""
        d = self.bc.axi_proto_err - self.rf.value("AXI_PROTO_ERR.count")
        if d > 0:
            self.rf.hw_incr("AXI_PROTO_ERR.count", d, now=self.now())

    def preload(self, value: int) -> None:
        """A test deposited `value` into every counter flop (ERR_CNT, HIT, MISS, ACCESS_VIOLATIONS)."""
        for path in ERR_PATHS + ("ACCESS_VIOLATIONS.count",):
            self.rf.hw_write(path, value, now=self.now())
        for path in LOOKUP_PATHS:
            self.lookup_base[path] = value
            self.last_read[path] = value

    def reset(self) -> None:
        """rst_ni fell: every register back to its reset value, nothing counted, nothing pending."""
        self.checked.reset()
        self.done.reset()
        self.window_lo.clear()
        self.last_read.clear()
        self.lookup_base = dict.fromkeys(LOOKUP_PATHS, 0)

    # ---------------------------------------------------------------- counter bounds
    def _bounds_msg(self, path: str, v: int, lo: int, hi: int, cur: int) -> str | None:
        self.stats["bounded_reads"] += 1
        self.stats["exact" if lo == hi else "range"] += 1
        if v > cur:
            self.stats["counted_before_handshake"] += 1  # the read saw counts the monitor had not yet
        if lo <= v <= hi:
            self.last_read[path] = v
            return None
        return (f"expected {lo}..{hi} (lower: the model's count at the read's issue / the last value read; upper: "
                f"the count at its response + {len(self.sb.outstanding)} request(s) outstanding)")

    def _err_checker(self, path: str):
        status = Status(int(path[len("ERR_CNT["):].split("]")[0]) + 1)

        def check(v: int) -> str | None:
            cur = self.rf.value(path)
            if cur != self.bc.err_cnt[status]:
                return f"register model ({cur}) and BatClatModel ({self.bc.err_cnt[status]}) disagree on the count"
            lo = max(self.window_lo.get(path, cur), self.last_read.get(path, 0))
            hi = min(cur + len(self.sb.outstanding), ERR_CNT_MAX)
            return self._bounds_msg(path, v, lo, hi, cur)

        return check

    def _lookup_checker(self, path: str):
        def check(v: int) -> str | None:
            base = self.lookup_base[path]
            lo = max(base, self.last_read.get(path, 0))
            hi = min(base + self.sb.lookups + len(self.sb.outstanding), ERR_CNT_MAX)
            return self._bounds_msg(path, v, lo, hi, min(base + self.sb.lookups, ERR_CNT_MAX))

        return check

    # ---------------------------------------------------------------- accesses
    def reg_path(self, addr: int) -> str | None:
        reg = self.rf.map.by_addr.get(addr)
        return reg.path if reg is not None else None

    def expected_resp(self, addr: int, func: int, write: bool) -> int:
        """What the register model answers (for the cross-check with BatClatModel)."""
        if self._refused(addr, func, write):
            return SLVERR
        return OKAY if self.rf.decode(addr, write) is not None else SLVERR

    def current(self, addr: int) -> int:
        """The register's value as the model knows it exactly (RW registers); singlepulse bits read 0."""
        reg = self.rf.map.by_addr[addr]
        value = 0
        for f in reg.fields:
            if not f.singlepulse:
                value |= self.rf.value(f"{reg.path}.{f.name}") << f.lsb
        return value

    def invalidating(self, addr: int, value: int, strb: int) -> tuple[bool, bool]:
        """(definite, maybe): does this allowed write start an invalidation?"""
        path = self.reg_path(addr)
        if path is None or addr & 3:
            return False, False
        if path == "INVAL_CTRL" or path.endswith(".INVAL"):
            go = bool(strb & 1) and INVAL.decode(value)[0]
            return go, go
        m = _FUNC.match(path + ".x")
        if m and m.group(2) in RECONFIG:
            return True, True  # whatever the strobes (docs/bat_clat.md, "Registers")
        return False, False

    def before_read(self, addr: int) -> None:
        self.sync_reported()
        self.read_issue = self.now()
        path = self.reg_path(addr)
        self.window_lo.clear()
        if path is not None:
            for f in self.rf.map.by_addr[addr].fields:
                full = f"{path}.{f.name}"
                if full in BOUNDED:
                    self.window_lo[full] = self.rf.value(full)

    # ---------------------------------------------------------------- the accesses
    def _cross_check(self, what: str, bc_resp: int, rf_resp: int) -> None:
        if bc_resp != rf_resp:
            raise ScoreboardError(
                f"{what}: the register models disagree: BatClatModel answers {RESP_NAMES[bc_resp]}, "
                f"the register map model {RESP_NAMES[rf_resp]}")

    async def write(self, addr: int, value: int, func: int = 0, strb: int = 0xF, sub_word: bool = False) -> int:
        """One register write as function `func` (byte strobes `strb`; `sub_word`: one beat at a byte
        address, the bytes to the end of its word), checked; returns the response code. BatClatModel
        sees it too (translation state, invalidations); the scoreboard brackets it (a request in
        flight may be served under the registers before or after it); an invalidating write is
        reported to the done check at its issue and its response."""
        what = (f"{'sub-word ' if sub_word else ''}register write 0x{addr:03x}=0x{value:x} strb 0x{strb:x} "
                f"as function {func}")
        async with self.lock:
            self.sync_reported()
            rf_resp = self.expected_resp(addr, func, True)
            merged = value
            if rf_resp == OKAY and strb != 0xF:  # BatClatModel writes whole words: merge the strobes here
                mask = sum(0xFF << 8 * b for b in range(4) if strb >> b & 1)
                merged = (self.current(addr) & ~mask) | (value & mask)
            definite, maybe = self.invalidating(addr, value, strb) if rf_resp == OKAY else (False, False)
            self.sb.reg_write_begin()
            bc_resp = self.bc.reg_write(func, addr, merged)
            self._cross_check(what, bc_resp, rf_resp)
            if maybe:
                self.done.write_issued(definite, self.now())
            try:
                resp = await (self.checked.write_bytes(addr, value, func) if sub_word
                              else self.checked.write(addr, value, func, strb))
            finally:
                self.sb.reg_write_end()
            if maybe:
                self.done.write_done(self.now())
        return resp

    async def read(self, addr: int, func: int = 0, sub_word: bool = False) -> tuple[int, int]:
        """One register read as function `func`, checked; returns (value, response code)."""
        what = f"{'sub-word ' if sub_word else ''}register read 0x{addr:03x} as function {func}"
        async with self.lock:
            self.before_read(addr)
            rf_resp = self.expected_resp(addr, func, False)
            exp_value, bc_resp = self.bc.reg_read(func, addr)
            self._cross_check(what, bc_resp, rf_resp)
            value, resp = await (self.checked.read_bytes(addr, func) if sub_word else self.checked.read(addr, func))
            if resp == OKAY and self.reg_path(addr) in EXACT_REGS and value != exp_value:
                raise ScoreboardError(f"{what}: 0x{value:x}, BatClatModel expects 0x{exp_value:x} (the models disagree)")
        return value, resp
