"""The "VM driver": what a function's software does. Allocates host memory, builds BAT and CLAT tables
in it, programs the function's registers, changes tables and invalidates.

Memory map (each function's tables in its own region, so the isolation checker's verdict means
something): function f allocates from TABLES + f * REGION. Tables meant to fail with BUS_ERROR live
in SLVERR_BASE / DECERR_BASE regions, also split per function.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from models.bat_clat import (
    DECERR,
    F_BAT_BASE_HI,
    F_BAT_BASE_LO,
    F_BAT_ENTRIES,
    F_CTRL,
    F_INVAL,
    F_INVAL_STATUS,
    INVAL,
    REG_INVAL_CTRL,
    REG_INVAL_STATUS,
    SCOPE_ALL,
    SCOPE_FUNC,
    SCOPE_SERVICE,
    SLVERR,
    Invalidation,
    encode_bat_entry,
    encode_clat_entry,
    func_reg,
)
from tb.common.base import cycle

TABLES = 0x0000_0010_0000_0000
REGION = 0x1_0000_0000
SLVERR_BASE = 0x0000_E000_0000_0000
DECERR_BASE = 0x0000_D000_0000_0000
ERR_SPAN = 0x100_0000_0000  # 64 functions x REGION


@dataclass
class Service:
    clat_base: int
    clat_entries: int
    log2: int
    valid: bool = True
    blocks: list[int | None] = field(default_factory=list)  # block address, None = CLAT entry invalid
    kind: str = "ok"  # ok / bat_invalid / bad_log2 / clat_slverr / clat_decerr

    @property
    def block_size(self) -> int:
        return 1 << self.log2


@dataclass
class Function:
    func: int
    bat_base: int
    bat_entries: int
    enable: bool = True
    services: dict[int, Service] = field(default_factory=dict)
    kind: str = "ok"  # ok / bat_slverr (BAT itself in an error region)


class Allocator:
    def __init__(self):
        self.next: dict[int, int] = {}

    def alloc(self, base: int, nbytes: int, align: int = 64) -> int:
        """From a region starting at `base`: never reused, so stale cached data can't alias new tables."""
        p = self.next.get(base, base)
        p = (p + align - 1) // align * align
        if (p % 0x1000) + nbytes > 0x1000 and nbytes <= 0x1000:
            p = (p + 0xFFF) & ~0xFFF  # keep a small table inside one 4 KiB page
        self.next[base] = p + nbytes
        return p


class VmDriver:
    def __init__(self, env, rng: random.Random):
        self.env = env
        self.mem = env.mem
        self.regs = env.reg_agent
        self.sb = env.scoreboard
        self.rng = rng
        self.alloc = Allocator()
        self.functions: dict[int, Function] = {}
        self.mem.add_error_region(SLVERR_BASE, SLVERR_BASE + ERR_SPAN, SLVERR)
        self.mem.add_error_region(DECERR_BASE, DECERR_BASE + ERR_SPAN, DECERR)

    # ---------------------------------------------------------------- building tables
    def region(self, f: int, where: str = "ok") -> int:
        base = {"ok": TABLES, "slverr": SLVERR_BASE, "decerr": DECERR_BASE}[where]
        return base + f * REGION

    def write_bat_entry(self, fn: Function, s: int) -> None:
        sv = fn.services[s]
        w0, w1 = encode_bat_entry(sv.clat_base, sv.clat_entries, sv.log2, sv.valid)
        a = fn.bat_base + 16 * s
        self.mem.write_word(a, w0, owner=(fn.func, s))
        self.mem.write_word(a + 8, w1, owner=(fn.func, s))

    def write_clat_entry(self, fn: Function, s: int, b: int) -> None:
        sv = fn.services[s]
        addr = sv.blocks[b]
        word = encode_clat_entry(addr if addr is not None else self.rng.getrandbits(64), valid=addr is not None)
        self.mem.write_word(sv.clat_base + 8 * b, word, owner=(fn.func, s))

    def random_block_addr(self) -> int:
        return self.rng.getrandbits(64) & ~0xFFF

    def new_service(self, f: int, kind: str = "ok", entries: int | None = None, log2: int | None = None,
                    invalid_frac: float = 0.1) -> Service:
        rng = self.rng
        if log2 is None:
            log2 = rng.choice([12, 12, 13, 16, 20, 21, 30, 32])
        if entries is None:
            entries = rng.randint(1, min(64, 1 << (40 - log2)))
        where = {"clat_slverr": "slverr", "clat_decerr": "decerr"}.get(kind, "ok")
        clat_base = self.alloc.alloc(self.region(f, where), 8 * entries)
        blocks: list[int | None] = [
            None if rng.random() < invalid_frac else self.random_block_addr() for _ in range(entries)
        ]
        sv = Service(clat_base, entries, log2, valid=kind != "bat_invalid", blocks=blocks, kind=kind)
        if kind == "bad_log2":
            sv.log2 = rng.choice([0, 11, 33, 40, 63])
        return sv

    def build_function(self, f: int, kinds: list[str], bat_entries: int | None = None, bat_where: str = "ok",
                       **svc_kw) -> Function:
        """Tables for function f in memory (registers untouched): service s gets kinds[s]."""
        n = len(kinds) if bat_entries is None else bat_entries
        bat_base = self.alloc.alloc(self.region(f, bat_where), 16 * max(1, len(kinds)), align=256)
        fn = Function(f, bat_base, n, kind="ok" if bat_where == "ok" else "bat_" + bat_where)
        for s, kind in enumerate(kinds):
            fn.services[s] = self.new_service(f, kind, **svc_kw)
            self.write_bat_entry(fn, s)
            sv = fn.services[s]
            if kind not in ("clat_slverr", "clat_decerr"):
                for b in range(sv.clat_entries):
                    self.write_clat_entry(fn, s, b)
        self.functions[f] = fn
        return fn

    def standard_kinds(self, n: int) -> list[str]:
        """A BAT with mostly good services and one of each failing kind (when n allows)."""
        special = ["bat_invalid", "bad_log2", "clat_slverr", "clat_decerr"]
        kinds = ["ok"] * n
        for i, k in enumerate(special[: max(0, n - 2)]):
            kinds[n - 1 - i] = k
        return kinds

    # ---------------------------------------------------------------- registers
    async def program(self, fn: Function, as_func: int = 0) -> None:
        """Point function fn's registers at its BAT (this also invalidates its cached entries)."""
        await self.regs.write(func_reg(fn.func, F_BAT_BASE_LO), fn.bat_base & 0xFFFF_FFFF, as_func)
        await self.regs.write(func_reg(fn.func, F_BAT_BASE_HI), fn.bat_base >> 32, as_func)
        await self.regs.write(func_reg(fn.func, F_BAT_ENTRIES), fn.bat_entries, as_func)
        await self.regs.write(func_reg(fn.func, F_CTRL), int(fn.enable), as_func)
        self.env.model.take_invalidations()
        # the writes invalidated this function; its memory is fresh, so nothing stale remains
        self.mem.invalidated(Invalidation(SCOPE_FUNC, fn.func), self.mem.mark())

    async def setup(self, f: int, kinds: list[str], **kw) -> Function:
        fn = self.build_function(f, kinds, **kw)
        await self.program(fn)
        return fn

    async def setup_world(self, n_funcs: int | None = None, services: int = 8, disabled: tuple[int, ...] = ()) -> None:
        """Every function (up to n_funcs) gets tables; `disabled` ones are programmed but not enabled.
        The last enabled function keeps its BAT in an SLVERR region (BUS_ERROR on the BAT read)."""
        nf = self.env.cfg.params.num_functions if n_funcs is None else n_funcs
        for f in range(nf):
            bat_where = "slverr" if f == nf - 1 and nf > 2 else "ok"
            fn = self.build_function(f, self.standard_kinds(services), bat_where=bat_where)
            fn.enable = f not in disabled
            await self.program(fn)

    # ---------------------------------------------------------------- invalidation
    async def invalidate(self, scope: int = SCOPE_ALL, func: int = 0, service: int = 0, as_func: int = 0,
                         poll_limit: int = 10_000) -> int:
        """Write an invalidation and poll its done bit; returns the cycles until done read 1.

        as_func == 0: through the PF's global INVAL_CTRL; otherwise through function as_func's own
        INVAL register (scope FUNC/SERVICE of that function)."""
        if as_func:
            inv = Invalidation(SCOPE_SERVICE if scope == SCOPE_SERVICE else SCOPE_FUNC, as_func, service)
            ctrl, status = func_reg(as_func, F_INVAL), func_reg(as_func, F_INVAL_STATUS)
            value = INVAL.encode(scope, 0, service)
        else:
            inv = Invalidation(scope, func, service)
            ctrl, status, value = REG_INVAL_CTRL, REG_INVAL_STATUS, INVAL.encode(scope, func, service)
        mark = self.mem.mark()
        self.sb.inval_written(inv)
        t0 = cycle()
        await self.regs.write(ctrl, value, as_func)
        self.env.model.take_invalidations()
        for _ in range(poll_limit):
            if (await self.regs.read(status, as_func)) & 1:
                break
        else:
            self.sb.fail(f"invalidation {inv} not done after {poll_limit} polls")
        self.mem.invalidated(inv, mark)
        self.sb.inval_done(inv)
        self.env.coverage.sample_inval(inv, as_func, len(self.sb.outstanding))
        return cycle() - t0

    # ---------------------------------------------------------------- table changes (no invalidation)
    def ok_services(self, f: int) -> list[int]:
        fn = self.functions[f]
        return [s for s, sv in fn.services.items() if sv.kind == "ok" and s < fn.bat_entries]

    def remap_block(self, f: int, s: int, b: int) -> None:
        fn = self.functions[f]
        sv = fn.services[s]
        sv.blocks[b] = None if self.rng.random() < 0.2 else self.random_block_addr()
        self.write_clat_entry(fn, s, b)

    def replace_clat(self, f: int, s: int) -> None:
        """A new CLAT in fresh memory (maybe a new block size) and the BAT entry rewritten to point at it."""
        fn = self.functions[f]
        fn.services[s] = self.new_service(f, "ok")
        sv = fn.services[s]
        for b in range(sv.clat_entries):
            self.write_clat_entry(fn, s, b)
        self.write_bat_entry(fn, s)

    def set_bat_valid(self, f: int, s: int, valid: bool) -> None:
        fn = self.functions[f]
        fn.services[s].valid = valid
        self.write_bat_entry(fn, s)

    def random_change(self, f: int) -> tuple[int, int]:
        s = self.rng.choice(self.ok_services(f) or [0])
        sv = self.functions[f].services[s]
        what = self.rng.random()
        if what < 0.5:
            self.remap_block(f, s, self.rng.randrange(sv.clat_entries))
        elif what < 0.85:
            self.replace_clat(f, s)
        else:
            self.set_bat_valid(f, s, not sv.valid)
        return f, s

