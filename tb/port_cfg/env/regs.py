"""Register addresses and field positions, taken from the generated pyuvm register model
(tb/port_cfg/gen, from rtl/port_cfg/port_cfg_regs.rdl) so the testbench cannot drift from the map."""

from __future__ import annotations

from functools import cache

from tb.port_cfg.gen.port_cfg_reg_model import port_cfg_regs


@cache
def model() -> port_cfg_regs:
    block = port_cfg_regs()
    block.build()
    block.lock_model()
    return block


def addr(name: str, idx: int | None = None) -> int:
    reg = getattr(model(), name)
    return int((reg[idx] if idx is not None else reg).get_offset())


def field(value: int, reg: str, name: str) -> int:
    f = getattr(
        getattr(model(), reg)[0] if reg in ("LANE", "VSSB_LIMIT", "VSSB_STATUS") else getattr(model(), reg),
        name,
    )
    return (value >> f.get_lsb_pos()) & ((1 << f.get_n_bits()) - 1)
