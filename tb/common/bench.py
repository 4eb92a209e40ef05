"""Benchmark figures in clock cycles, recorded by benchmark tests for `make bench`.

Each call merges one figure into bench.json in the simulation's working directory; the runner
collects those files into sim_build/bench/<block>.json and prints the table.
"""

from __future__ import annotations

import json
from pathlib import Path

BENCH_FILE = Path("bench.json")


def record(figure: str, value: float, log=None) -> None:
    data = json.loads(BENCH_FILE.read_text()) if BENCH_FILE.exists() else {}
    data[figure] = value
    BENCH_FILE.write_text(json.dumps(data, indent=2, sort_keys=True))
    if log is not None:
        log.info("BENCH %s = %s", figure, value)
