"""The host's memory layout and every function's BAT/CLAT tables (what the VMs' drivers and the
hypervisor set up before DMA starts).

Layout (host memory is `host_memory.SIZE` = 16 MiB):
- `TABLES + f * TABLE_SPAN`: function f's BAT and CLATs;
- `REPORT_BUF`: the hypervisor's bitmap-report buffer;
- `REGION_BASE + (f - 1) * REGION_SIZE`: function f's VM memory (f >= 1; 1 MiB = 256 pages). Its
  services split it: service s owns an equal share, cut into blocks of its block size (4, 8 or
  16 KiB), and its CLAT maps its offsets to those blocks in a shuffled order, so consecutive pieces
  of one descriptor land in unrelated host pages. Every byte of a region belongs to exactly one block
  of one service, so the region is the VM's whole memory.

Bad services for the error tests: service index `services` is a BAT entry with its valid bit clear
(`BAT_INVALID`), service index `services + 1` a valid BAT entry whose CLAT lies in a page of
broken table memory (reads answered SLVERR: `BUS_ERROR`; the page `bus_error_clat` is made a
read-error page by the env), and the last CLAT entry of service 0 has its valid bit clear (`CLAT_INVALID`; its
block is then never written by anyone). Offsets past a service's CLAT are `BLOCK_RANGE`, services
past `BAT_ENTRIES` are `SERVICE_RANGE`, function 0 (the PF) is not enabled and functions past
NumFunctions do not exist (`FUNC_INVALID`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from models.bat_clat import FunctionRegs, Params, encode_bat_entry, encode_clat_entry
from tb.sriov_ep.env.host_memory import PAGE, HostMemory

TABLES = 0x0001_0000
TABLE_SPAN = 0x0001_0000
REPORT_BUF = 0x0010_0000
REGION_BASE = 0x0020_0000
REGION_SIZE = 0x0010_0000  # 256 pages of 4 KiB
REPORT_BYTES = 0x1_0000  # the report buffer: room for a whole function's bitmap (16 Ki pages = 2 KiB)


@dataclass
class Service:
    log2: int
    clat_base: int
    blocks: list[int | None]  # host address of block b (None: CLAT entry invalid)

    @property
    def size(self) -> int:  # bytes of working memory the CLAT maps
        return len(self.blocks) << self.log2


@dataclass
class Function:
    func: int
    bat_base: int
    services: list[Service] = field(default_factory=list)
    bat_entries: int = 0  # programmed BAT_ENTRIES (services + the invalid entry + the bus-error one)
    bat_invalid: int = 0  # the BAT entry with its valid bit clear
    bus_error: int = 0  # the BAT entry whose CLAT cannot be read
    bus_error_clat: int = 0  # that CLAT's host address (its own 4 KiB page)
    bus_error_size: int = 0  # bytes of offset space it maps

    @property
    def region(self) -> tuple[int, int]:
        return region_of(self.func)


def region_of(func: int) -> tuple[int, int]:
    """[lo, hi) host bytes of function func's VM memory."""
    lo = REGION_BASE + (func - 1) * REGION_SIZE
    return lo, lo + REGION_SIZE


class World:
    def __init__(self, mem: HostMemory, rng: random.Random, funcs: tuple[int, ...], services: int,
                 num_functions: int = 8):
        self.mem, self.rng = mem, rng
        self.params = Params(num_functions=num_functions)
        self.regs = [FunctionRegs() for _ in range(num_functions)]
        self.funcs: dict[int, Function] = {}
        for f in funcs:
            self.funcs[f] = self._build(f, services)

    def _build(self, f: int, n_services: int) -> Function:
        rng, mem = self.rng, self.mem
        fn = Function(f, TABLES + f * TABLE_SPAN)
        lo, _ = region_of(f)
        share = REGION_SIZE // n_services
        clat_next = fn.bat_base + 0x100
        for s in range(n_services):
            log2 = 12 + s % 3
            n_blocks = share >> log2
            blocks: list[int | None] = [lo + s * share + (b << log2) for b in range(n_blocks)]
            rng.shuffle(blocks)
            if s == 0:
                blocks[-1] = None
            sv = Service(log2, clat_next, blocks)
            clat_next += 8 * n_blocks
            fn.services.append(sv)
            w0, w1 = encode_bat_entry(sv.clat_base, n_blocks, log2, valid=True)
            mem.write_word(fn.bat_base + 16 * s, w0)
            mem.write_word(fn.bat_base + 16 * s + 8, w1)
            for b, addr in enumerate(blocks):
                word = encode_clat_entry(addr if addr is not None else rng.getrandbits(64) & ~0xFFF,
                                         valid=addr is not None)
                mem.write_word(sv.clat_base + 8 * b, word)
        # one more BAT entry, present but invalid
        w0, w1 = encode_bat_entry(clat_next, 1, 12, valid=False)
        mem.write_word(fn.bat_base + 16 * n_services, w0)
        mem.write_word(fn.bat_base + 16 * n_services + 8, w1)
        fn.bat_invalid = n_services
        # and a valid one whose CLAT (4 blocks of 16 KiB, so a 9000 B descriptor fits in it) sits in
        # the last 4 KiB page of the function's table span, which answers reads with an error
        fn.bus_error, fn.bus_error_clat, fn.bus_error_size = n_services + 1, fn.bat_base + TABLE_SPAN - PAGE, 4 << 14
        assert clat_next <= fn.bus_error_clat, "the function's CLATs run into the bus-error page"
        w0, w1 = encode_bat_entry(fn.bus_error_clat, 4, 14, valid=True)
        mem.write_word(fn.bat_base + 16 * fn.bus_error, w0)
        mem.write_word(fn.bat_base + 16 * fn.bus_error + 8, w1)
        fn.bat_entries = n_services + 2
        self.regs[f] = FunctionRegs(fn.bat_base, fn.bat_entries, True)
        return fn

    # ---- picking descriptors
    def good_target(self, f: int, length: int) -> tuple[int, int]:
        """A service and an offset at which `length` bytes fit inside the service's valid blocks.
        One in ten starts on a 4 KiB page boundary and one in ten ends exactly on one (the last
        piece then fills its page): the splitter's boundary cases, which random offsets rarely hit."""
        fn, rng = self.funcs[f], self.rng
        while True:
            s = rng.randrange(len(fn.services))
            sv = fn.services[s]
            limit = sv.size if s else sv.size - (1 << sv.log2)  # service 0's last block is invalid
            if length > limit:
                continue
            pick = rng.random()
            if pick < 0.1:
                ends = range(-(-length // PAGE) * PAGE, limit + 1, PAGE)  # page boundaries it can end on
                if ends:
                    return s, rng.choice(ends) - length
            elif pick < 0.2:
                starts = range(0, limit - length + 1, PAGE)
                if starts:
                    return s, rng.choice(starts)
            return s, rng.randrange(0, limit - length + 1)

    def error_pages(self, f: int, n: int) -> list[int]:
        """n random host pages of f's region to refuse writes to."""
        lo, hi = region_of(f)
        return [self.rng.randrange(lo, hi, PAGE) for _ in range(n)]
