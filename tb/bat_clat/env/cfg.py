"""Knobs of one test run: traffic shape, idle cycles, back-pressure, memory stalls, DUT parameters."""

from __future__ import annotations

from dataclasses import dataclass, field

from cocotb.utils import get_sim_time

from models.bat_clat import Params


@dataclass
class EnvCfg:
    params: Params = field(default_factory=Params)
    clock_period_ns: float = 8.0
    # request source: probability of an idle cycle before each request
    idle_prob: float = 0.0
    # response sink: probability that rsp_ready is low in a cycle
    bp_prob: float = 0.0
    # host memory: probability that ARREADY / RVALID is held off in a cycle
    ar_stall_prob: float = 0.0
    r_stall_prob: float = 0.0
    # cycles to wait for every outstanding request to be answered at the end of a test
    drain_timeout_cycles: int = 20_000
    # the scoreboard corrupts the prediction of this response (1-based count) when injection is on
    inject_at_response: int | None = None

    def cycle(self) -> int:
        """The current clock cycle (simulated time / period): benches count cycles, never wall-clock."""
        return round(get_sim_time("ns") / self.clock_period_ns)

    @classmethod
    def from_dut(cls, dut, **kw) -> EnvCfg:
        """DUT parameters as built (read back from the simulation, so the f64 build is seen as such)."""

        def param(name: str, default: int) -> int:
            try:
                return int(getattr(dut, name).value)
            except (AttributeError, TypeError, ValueError):
                return default

        d = Params()
        p = Params(
            num_functions=param("NumFunctions", d.num_functions),
            bat_entries=param("BatEntries", d.bat_entries),
            tag_width=len(dut.req_tag_i),
            offset_width=len(dut.req_offset_i),
            bat_cache_entries=param("BatCacheEntries", d.bat_cache_entries),
            clat_cache_entries=param("ClatCacheEntries", d.clat_cache_entries),
            max_misses=param("MaxMisses", d.max_misses),
            max_misses_per_func=param("MaxMissesPerFunc", d.max_misses_per_func),
        )
        return cls(params=p, **kw)
