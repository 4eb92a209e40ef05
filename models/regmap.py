"""Register maps as data, and a software-visible model of a register file.

`models/gen/<block>_regs.py` is generated from the block's SystemRDL by `make regs`
(tools/gen_regs.py): it holds a `REGMAP` built from the classes below, so register offsets and field
positions have one source of truth. Golden models and testbenches ask it for addresses
(`REGMAP.addr("FUNC[1].ERR")`) and fields (`REGMAP.field("FUNC[1].ERR.oor")`) instead of typing hex.

`RegFile` predicts what software reads, following docs/dev-guide.md ("Rules every block follows"):
- software access: read, write with byte strobes, write-1-to-clear, read-to-clear, single-pulse
  fields (read 0); misaligned, unmapped and read-only-register writes answer SLVERR and change nothing;
- hardware: `hw_set`, `hw_clr`, `hw_incr` (saturating at all ones), `hw_write`, and fields the block
  declares volatile (their value is the hardware's, any value is accepted unless the block predicts it);
- the race of both. A software write lands at some clock between its issue and its response, and
  hardware events may land before or after it, so the model keeps, per field, the *set* of values the
  register can hold (usually one). While a write is in flight every event is applied both ways; once
  the response is back the set is what the write can have left. A read is accepted if each field's
  value is one the field could hold at some instant of the read's window; a read whose window saw no
  change of a field narrows that field's set to the value read.

Pure Python: no simulator here, so the rules are unit-tested in models/tests/test_regmap.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

OKAY = 0
SLVERR = 2


@dataclass(frozen=True)
class Field:
    name: str
    lsb: int
    width: int
    sw: str = "rw"  # "rw", "r", "w" (SystemRDL sw access)
    hw: str = "r"  # "r", "w", "rw", "na"
    reset: int | None = 0  # None: no reset value (driven by hardware, e.g. PARAMS)
    onwrite: str | None = None  # None (plain write), "woclr", "woset", "wzc", ...
    onread: str | None = None  # None or "rclr"
    hwset: bool = False
    hwclr: bool = False
    singlepulse: bool = False  # write 1 gives a one-clock pulse; reads 0
    precedence: str = "sw"  # who wins a same-clock conflict in the generated RTL (informational)

    @property
    def mask(self) -> int:
        return ((1 << self.width) - 1) << self.lsb

    @property
    def max(self) -> int:
        return (1 << self.width) - 1

    @property
    def sw_readable(self) -> bool:
        return "r" in self.sw

    @property
    def sw_writable(self) -> bool:
        return "w" in self.sw


@dataclass(frozen=True)
class Reg:
    path: str  # e.g. "FUNC[1].ERR" (the addrmap's own name left out)
    offset: int
    fields: tuple[Field, ...]

    @property
    def sw_writable(self) -> bool:
        return any(f.sw_writable for f in self.fields)

    @property
    def sw_readable(self) -> bool:
        return any(f.sw_readable for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.path} has no field {name!r}")


@dataclass(frozen=True)
class Array:
    """A register or regfile array of the map: element i is at base + i * stride."""

    base: int
    stride: int
    count: int

    def __call__(self, i: int) -> int:
        if not 0 <= i < self.count:
            raise IndexError(f"index {i} outside 0..{self.count - 1}")
        return self.base + i * self.stride


class RegMap:
    """Every register of a block's map, unrolled (array elements are separate registers)."""

    def __init__(self, name: str, regs: Iterable[Reg], size: int):
        self.name = name
        self.regs = tuple(regs)
        self.size = size  # bytes spanned by the map
        self.by_addr = {r.offset: r for r in self.regs}
        self.by_path = {r.path: r for r in self.regs}

    def addr(self, path: str) -> int:
        return self.by_path[path].offset

    def reg(self, path: str) -> Reg:
        return self.by_path[path]

    def field(self, path: str) -> Field:
        reg, _, name = path.rpartition(".")
        return self.by_path[reg].field(name)


# --------------------------------------------------------------------------- the predicting model

Op = Callable[[int], int]


@dataclass
class _FieldState:
    spec: Field
    values: set[int]  # what a read may see now (while a write is in flight: pre | post)
    history: list[tuple[float, frozenset[int]]] = field(default_factory=list)  # (from time, values)
    volatile: bool = False  # the hardware drives it: any value, unless the block checks it itself
    # While a software write to the register is in flight:
    pre: set[int] | None = None  # values if it has not landed yet
    post: set[int] | None = None  # values if it has landed (after any prefix of the events since)
    wdata: tuple[int, int] = (0, 0)  # its (data, strobes)


class RegFile:
    """Software-visible prediction of a register file (see the module docstring).

    `exists(reg)` says whether a register of the map exists in this configuration (an array element
    beyond a parameter is unmapped). `resets` gives reset values the map lacks. `volatile` names fields (paths "REG.field", `*` allowed at the
    end) whose value only the hardware knows; `checkers[path]` may check such a field's value
    (a function of the value read returning an error text or None). Time is whatever monotonic
    number the caller passes (clocks). Report a hardware event at the clock in which the RTL applies
    it: the model orders events against software writes by that time (an event reported before a
    write's issue counts as overwritten by it), and a read's window (`since`) covers only the
    read-back lag.
    """

    def __init__(
        self,
        regmap: RegMap,
        exists: Callable[[Reg], bool] | None = None,
        volatile: Iterable[str] = (),
        history_window: float = 256,
        resets: dict[str, int] | None = None,
    ):
        self.map = regmap
        self.exists = exists or (lambda reg: True)
        self._volatile = tuple(volatile)
        # Reset values of hardware-written fields the map leaves without one (a counter kept in
        # hand-written RTL, say): predicted from these, not volatile.
        self._resets = dict(resets or {})
        self.checkers: dict[str, Callable[[int], str | None]] = {}
        self.history_window = history_window
        self.now = 0.0
        self.state: dict[str, _FieldState] = {}
        self.reset()

    # ---- configuration and reset
    def _is_volatile(self, path: str) -> bool:
        for v in self._volatile:
            if v == path or (v.endswith("*") and path.startswith(v[:-1])):
                return True
        return False

    def _tick(self, now: float | None) -> None:
        if now is not None and now > self.now:
            self.now = now

    def reset(self, now: float | None = None) -> None:
        """Every field back to its reset value (a reset of the block)."""
        self._tick(now)
        self.state.clear()
        for reg in self.map.regs:
            for f in reg.fields:
                path = f"{reg.path}.{f.name}"
                reset = self._resets.get(path, f.reset)
                vol = self._is_volatile(path) or reset is None
                st = _FieldState(f, {reset or 0}, volatile=vol)
                st.history.append((self.now, frozenset(st.values)))
                self.state[path] = st

    def _update(self, st: _FieldState) -> None:
        values = st.values if st.pre is None else (st.pre | st.post)
        if st.history and st.history[-1][1] == values:
            st.values = values
            return
        st.values = values
        st.history.append((self.now, frozenset(values)))
        cut = self.now - self.history_window
        while len(st.history) > 2 and st.history[1][0] <= cut:
            st.history.pop(0)

    def values(self, path: str) -> set[int]:
        """The values field `path` may hold now."""
        return set(self.state[path].values)

    def value(self, path: str) -> int:
        """The field's value when the model knows it exactly."""
        vals = self.state[path].values
        if len(vals) != 1:
            raise ValueError(f"{path} is one of {sorted(vals)}")
        return next(iter(vals))

    # ---- hardware side
    def hw(self, path: str, op: Op, now: float | None = None, maybe: bool = False) -> None:
        """A hardware event on a field, applied to every value it may hold; while a software write
        is in flight, both ways (the write landed before it, or lands right after it). `maybe`: the
        testbench cannot tell whether the event happened (a flag changing in the same window, say),
        so the field may hold its values with or without it."""
        self._tick(now)
        st = self.state[path]
        m = st.spec.max

        def apply(vals: set[int]) -> set[int]:
            out = {op(v) & m for v in vals}
            return out | vals if maybe else out

        if st.pre is None:
            st.values = apply(st.values)
        else:
            st.pre = apply(st.pre)
            data, strb = st.wdata
            st.post = apply(st.post) | {_sw_field(st.spec, v, data, strb) for v in st.pre}
        self._update(st)

    def hw_set(self, path: str, now: float | None = None, maybe: bool = False) -> None:
        self.hw(path, lambda v: v | 1, now, maybe)

    def hw_clr(self, path: str, now: float | None = None, maybe: bool = False) -> None:
        self.hw(path, lambda v: 0, now, maybe)

    def hw_write(self, path: str, value: int, now: float | None = None) -> None:
        self.hw(path, lambda v: value, now)

    def hw_incr(self, path: str, n: int = 1, now: float | None = None, maybe: bool = False) -> None:
        m = self.state[path].spec.max
        self.hw(path, lambda v: min(v + n, m), now, maybe)

    # ---- software side
    def decode(self, addr: int, write: bool) -> Reg | None:
        """The register an access reaches, or None when the rules answer SLVERR (misaligned,
        unmapped, absent array element, write to a register with no writable field)."""
        if addr & 3:
            return None
        reg = self.map.by_addr.get(addr)
        if reg is None or not self.exists(reg):
            return None
        if write and not reg.sw_writable:
            return None
        if not write and not reg.sw_readable:
            return None
        return reg

    def write_issue(self, addr: int, data: int, strb: int = 0xF, now: float | None = None) -> int:
        """Software issues a write; returns the response the rules predict. The write may land at
        any clock until `write_done`; hardware events meanwhile are applied both ways."""
        self._tick(now)
        reg = self.decode(addr, write=True)
        if reg is None:
            return SLVERR
        for f in reg.fields:
            st = self.state[f"{reg.path}.{f.name}"]
            st.pre = set(st.values)
            st.post = {_sw_field(f, v, data, strb) for v in st.values}
            st.wdata = (data, strb)
            self._update(st)
        return OKAY

    def write_done(self, addr: int, now: float | None = None) -> None:
        """The write's response came back: it has landed."""
        self._tick(now)
        reg = self.decode(addr, write=True)
        if reg is None:
            return
        for f in reg.fields:
            st = self.state[f"{reg.path}.{f.name}"]
            if st.pre is None:
                continue
            st.values, st.pre, st.post = st.post, None, None
            self._update(st)

    def write(self, addr: int, data: int, strb: int = 0xF, now: float | None = None) -> int:
        """A write with no event racing it (issue and landing at once)."""
        resp = self.write_issue(addr, data, strb, now)
        self.write_done(addr, now)
        return resp

    def read_expect(self, addr: int, since: float | None = None) -> tuple[int, dict[str, set[int] | None]]:
        """(response, {field path: acceptable values, or None for any}) for a read whose window
        started at `since` (default: now) and ends now."""
        reg = self.decode(addr, write=False)
        if reg is None:
            return SLVERR, {}
        t0 = self.now if since is None else since
        out: dict[str, set[int] | None] = {}
        for f in reg.fields:
            path = f"{reg.path}.{f.name}"
            st = self.state[path]
            if not f.sw_readable or f.singlepulse:
                out[path] = {0}
            elif st.volatile:
                out[path] = None
            else:
                ok: set[int] = set()
                for i, (_, vals) in enumerate(st.history):
                    t_next = st.history[i + 1][0] if i + 1 < len(st.history) else float("inf")
                    if t_next > t0:  # held at some instant of [t0, now]
                        ok |= vals
                out[path] = ok
        return OKAY, out

    def read_check(self, addr: int, value: int, resp: int, since: float | None = None,
                   now: float | None = None) -> list[str]:
        """Check a read's response (`since` = its issue time, minus the block's event latency)
        against the prediction; returns the mismatches (empty: fine). Applies read side effects
        (read-to-clear) and narrows the fields the read pinned down."""
        self._tick(now)
        exp_resp, exp = self.read_expect(addr, since)
        errors = []
        name = self.map.by_addr[addr].path if addr in self.map.by_addr else "unmapped"
        if resp != exp_resp:
            errors.append(f"read 0x{addr:05x} ({name}): response {resp}, expected {exp_resp}")
        if exp_resp != OKAY or resp != OKAY:
            if value != 0:
                errors.append(f"read 0x{addr:05x} ({name}): refused read returned 0x{value:08x}, expected 0")
            return errors
        reg = self.map.by_addr[addr]
        t0 = self.now if since is None else since
        used = 0
        for f in reg.fields:
            path = f"{reg.path}.{f.name}"
            used |= f.mask
            got = (value & f.mask) >> f.lsb
            ok = exp[path]
            st = self.state[path]
            if ok is None:
                chk = self.checkers.get(path)
                msg = chk(got) if chk else None
                if msg:
                    errors.append(f"read {path} (0x{addr:05x}): got 0x{got:x}: {msg}")
                continue
            if got not in ok:
                want = ", ".join(f"0x{v:x}" for v in sorted(ok)[:8]) + (", ..." if len(ok) > 8 else "")
                errors.append(f"read {path} (0x{addr:05x}): got 0x{got:x}, expected one of {{{want}}}")
                continue
            # Narrow: nothing changed the field in the read's window and no write is in flight.
            if st.pre is None and len(st.values) > 1 and st.history[-1][0] <= t0:
                st.values = {got}
                self._update(st)
            if f.onread == "rclr":
                st.values = {0}
                self._update(st)
        if value & ~used & 0xFFFFFFFF:
            errors.append(f"read {reg.path} (0x{addr:05x}): bits outside every field set: 0x{value:08x}")
        return errors


def _sw_field(f: Field, old: int, data: int, strb: int) -> int:
    """A field's value after a software write of `data` with byte strobes `strb`."""
    if not f.sw_writable:
        return old
    bytes_mask = 0
    for b in range(4):
        if strb >> b & 1:
            bytes_mask |= 0xFF << (8 * b)
    wmask = (bytes_mask & f.mask) >> f.lsb  # the field's bits this write reaches
    w = (data & f.mask) >> f.lsb
    if f.onwrite == "woclr":
        return old & ~(w & wmask)
    if f.onwrite == "woset":
        return old | (w & wmask)
    if f.singlepulse:
        return old
    return (old & ~wmask) | (w & wmask)
