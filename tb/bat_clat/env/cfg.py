"""Knobs of one bat_clat test (BaseTest.knobs, overridden by the manifest entry) and the DUT's build
parameters, read back from the simulated design (so the f64 build is seen as such)."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.bat_clat import Params


@dataclass
class TbCfg:
    params: Params = field(default_factory=Params)  # the build's parameters (params_from_dut)
    # request source: probability of an idle cycle before each request
    idle_prob: float = 0.0
    # response sink: probability that rsp_ready is low in a cycle
    bp_prob: float = 0.0
    # host memory: probability that ARREADY / RVALID is held off in a cycle
    ar_stall_prob: float = 0.0
    r_stall_prob: float = 0.0
    # register port: chance per clock of pausing AW/W/B/AR/R during random traffic
    reg_backpressure: float = 0.0
    # translation requests of the random-traffic tests
    n_requests: int = 3000
    # cycles to wait for every outstanding request to be answered at the end of a test
    drain_timeout_cycles: int = 20_000
    # the scoreboard corrupts the prediction of this response (1-based count) when injection is on
    inject_at_response: int | None = None


def params_from_dut(dut) -> Params:
    """DUT parameters as built (Verilator makes them public; the defaults where one is not visible)."""

    def param(name: str, default: int) -> int:
        try:
            return int(getattr(dut, name).value)
        except (AttributeError, TypeError, ValueError):
            return default

    d = Params()
    return Params(
        num_functions=param("NumFunctions", d.num_functions),
        bat_entries=param("BatEntries", d.bat_entries),
        tag_width=len(dut.req_tag_i),
        offset_width=len(dut.req_offset_i),
        bat_cache_entries=param("BatCacheEntries", d.bat_cache_entries),
        clat_cache_entries=param("ClatCacheEntries", d.clat_cache_entries),
        max_misses=param("MaxMisses", d.max_misses),
        max_misses_per_func=param("MaxMissesPerFunc", d.max_misses_per_func),
    )
