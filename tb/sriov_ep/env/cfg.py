"""The knobs of the sriov_ep tests, as one configuration object (ConfigDB "cfg")."""

from __future__ import annotations

from dataclasses import dataclass, field

from models import sriov_ep as sep

# HDL parameter (tb/sriov_ep/manifest.py configs) -> the model's Params field
_PARAM_NAMES = {"NumFunctions": "num_functions", "OffsetWidth": "offset_width", "LenWidth": "len_width",
                "MaxPieces": "max_pieces", "MaxBurstBeats": "max_burst_beats", "TagWidth": "tag_width"}


def build_params(dut) -> sep.Params:
    """The model's parameters of the build under test, read from the DUT's own HDL parameters (as
    the other blocks' environments do), so the model follows whatever configuration was built."""
    return sep.Params(**{field: int(getattr(dut, name).value) for name, field in _PARAM_NAMES.items()})


@dataclass
class SepCfg:
    n_desc: int = 300  # descriptors per traffic run
    funcs: tuple[int, ...] = (1, 2, 3)  # functions that send DMA (each with its own VM region)
    services: int = 4  # services (BAT entries) per function
    len_min: int = 1
    len_max: int = 9000  # bytes; a descriptor of 9000 B has 3..4 pieces
    # share of descriptors that are bad on purpose (len 0 / too long, bad service, unmapped block...)
    bad_share: float = 0.0
    desc_idle: float = 0.2  # probability of an idle clock before offering a descriptor
    data_idle: float = 0.1  # probability of an idle clock on the payload stream
    strb_holes: float = 0.0  # probability that a payload byte's strobe is 0 inside the range
    cpl_backpressure: float = 0.2  # probability of cpl_ready low per clock
    mem_stall: float = 0.2  # probability of a stall per clock on every host-memory channel
    write_error_pages: int = 0  # host pages (in the functions' regions) answering SLVERR
    inject: str = ""  # negative tests: the mismatch to inject into the scoreboard
    extra: dict = field(default_factory=dict)  # per-test knobs the base does not know

    @classmethod
    def from_knobs(cls, knobs: dict) -> SepCfg:
        names = {f.name for f in cls.__dataclass_fields__.values()}
        known = {k: v for k, v in knobs.items() if k in names}
        cfg = cls(**known)
        cfg.extra = {k: v for k, v in knobs.items() if k not in names}
        if isinstance(cfg.funcs, list):
            cfg.funcs = tuple(cfg.funcs)
        return cfg
