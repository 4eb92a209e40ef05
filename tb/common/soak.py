"""Long runs of a block's random test: the TXNS knob, the progress line and the soak record.

`make soak` (tools/regress.py --soak) runs each block's soak test(s) (manifest `Test(soak=True)`)
with the environment variable TXNS set; `make sim TEST=... SEED=... TXNS=...` replays one. A
block's random test honours it like this (docs/dev-guide.md, "Soak"):

    n = soak.txns(self.cfg.n_requests)     # TXNS if set, else the test's own count
    soak.begin(n, self.logger)             # after bring-up: the soak window starts here
    i = 0
    while soak.more(i, n):                 # stops at n, or early when a speed bench asks
        await send(...); i += 1

and its scoreboard calls `soak.tick()` once per checked transaction (what a transaction is, is the
block's choice, documented in its doc). Nothing else changes in the long mode: the scoreboards,
monitors and coverage run as always, so they must keep only what checking needs (memory bounded).

While the test runs, a heartbeat (a simulation Timer every HEARTBEAT_CLOCKS clocks: no per-clock
Python) prints a progress line at most every PROGRESS_S seconds of wall time:

    SOAK PROGRESS 123456/1000000 txns (12.3 %) 2345 txn/s 2345 clk/s elapsed 52s ETA 6m14s

The regression runner echoes these lines to the terminal. At the end of the test (BaseTest), the
run's figures go to soak.json in the run's folder: transactions, clocks and wall time of the soak
window, the process's peak RSS (/proc/self/status VmHWM: the simulator and Python are one process)
and its peak RSS when RSS_MARK transactions were done, for the bounded-memory check.
Wall time is only measured and printed here, never asserted.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

TXNS_ENV = "TXNS"
SOAK_FILE = Path("soak.json")
RSS_MARK = 10_000  # transactions: the reference point of the memory check (peak at 10^6 <= 2x this)
PROGRESS_S = 5.0  # wall seconds between progress lines (the contract: at least every 10 s)
HEARTBEAT_CLOCKS = 256  # clocks between two looks at the wall clock
PROGRESS_TAG = "SOAK PROGRESS"


def txns(default: int) -> int:
    """The number of transactions the random test runs: TXNS from the environment, else `default`.
    Accepts 1000000, 1_000_000 or 1e6; anything else (or < 1) is an error, not a silent default."""
    if state.unbounded:  # a speed bench stops the loop itself (request_stop)
        return 1 << 62
    raw = os.environ.get(TXNS_ENV, "").strip()
    if not raw:
        return default
    try:
        n = int(raw.replace("_", "")) if raw.replace("_", "").isdigit() else int(float(raw))
        if float(raw) != n:
            raise ValueError
    except ValueError:
        raise ValueError(f"{TXNS_ENV}={raw!r}: want a whole number of transactions (e.g. 1000000 or 1e6)") from None
    if n < 1:
        raise ValueError(f"{TXNS_ENV}={raw!r}: want at least 1 transaction")
    return n


def long_mode() -> bool:
    """TXNS is set: the run is a soak (or its replay)."""
    return bool(os.environ.get(TXNS_ENV, "").strip())


def proc_status_kb(field: str = "VmHWM", path: str = "/proc/self/status") -> int:
    """A memory figure of this process in KiB (VmHWM: peak resident set; VmRSS: now); 0 if unknown."""
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def fmt_duration(seconds: float) -> str:
    """12s, 4m05s, 1h02m03s."""
    s = max(0, int(round(seconds)))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    if h:
        return f"{h}h{m:02d}m{s:02d}s"
    if m:
        return f"{m}m{s:02d}s"
    return f"{s}s"


def progress_line(done: int, total: int, elapsed_s: float, clocks: int) -> str:
    """The progress line (tools/regress.py echoes lines that start with PROGRESS_TAG)."""
    rate = done / elapsed_s if elapsed_s > 0 else 0.0
    clk_rate = clocks / elapsed_s if elapsed_s > 0 else 0.0
    pct = 100.0 * done / total if total else 0.0
    eta = fmt_duration((total - done) / rate) if rate > 0 and total >= done else "?"
    return (f"{PROGRESS_TAG} {done}/{total} txns ({pct:.1f} %) {rate:.0f} txn/s {clk_rate:.0f} clk/s "
            f"elapsed {fmt_duration(elapsed_s)} ETA {eta}")


class Soak:
    """One run's transaction counter (module-level `state`; one test per simulator process)."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.begun = False
        self.stop = False  # set by request_stop(): the random test's loop ends early
        self.unbounded = False  # a speed bench: txns() is ignored, the bench stops the loop
        self.t0 = self.t_last = 0.0
        self.cpu0 = 0.0  # process CPU time at begin(): the rate on one core, whatever the machine's load
        self.c0 = 0
        self.rss_mark_kb = 0  # VmHWM when RSS_MARK transactions were done
        self.rss_mark_now_kb = 0  # VmRSS then
        self.rss_traffic_kb = 0  # VmHWM when the traffic ended (before drain and the end-of-test checks)
        self.log = None
        self._next = RSS_MARK
        self.begin_event = None

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.done >= self._next:  # once: the memory reference point
            self._next = 1 << 62
            self.rss_mark_kb = proc_status_kb("VmHWM")
            self.rss_mark_now_kb = proc_status_kb("VmRSS")

    def record(self) -> dict:
        from tb.common.base import cycle

        wall = time.perf_counter() - self.t0
        cpu = time.process_time() - self.cpu0
        clocks = cycle() - self.c0
        peak = proc_status_kb("VmHWM")
        traffic = self.rss_traffic_kb or peak
        return {
            "transactions": self.done,
            "txns_requested": self.total,
            "clocks": clocks,
            "wall_s": round(wall, 3),
            "clocks_per_s": round(clocks / wall, 1) if wall > 0 else 0.0,
            "txns_per_s": round(self.done / wall, 1) if wall > 0 else 0.0,
            "cpu_s": round(cpu, 3),
            "txns_per_cpu_s": round(self.done / cpu, 1) if cpu > 0 else 0.0,
            "peak_rss_kb": peak,
            "peak_rss_traffic_kb": traffic,
            "rss_at_1e4_kb": self.rss_mark_kb,
            "rss_now_at_1e4_kb": self.rss_mark_now_kb,
            # the memory check: peak while the transactions ran / peak at 10^4 (the end-of-test checks,
            # e.g. sriov_ep's copies of the 16 MiB host image, are a constant on top: peak_rss_kb)
            "rss_ratio": round(traffic / self.rss_mark_kb, 3) if self.rss_mark_kb else None,
        }


state = Soak()


def reset() -> None:
    global state
    state = Soak()


def begin(total: int, log=None) -> None:
    """The soak window starts (call after the test's bring-up, right before its traffic)."""
    import cocotb
    from cocotb.triggers import Timer

    from tb.common.base import clock_period_ns, cycle

    s = state
    s.total = total
    s.begun, s.log = True, log
    s.t0 = s.t_last = time.perf_counter()
    s.cpu0 = time.process_time()
    s.c0 = cycle()
    if s.begin_event is not None:
        s.begin_event.set()

    async def heartbeat() -> None:
        step = Timer(HEARTBEAT_CLOCKS * clock_period_ns(), unit="ns")
        while True:
            await step
            now = time.perf_counter()
            if now - s.t_last >= PROGRESS_S:
                s.t_last = now
                line = progress_line(s.done, s.total, now - s.t0, cycle() - s.c0)
                if s.log is not None:
                    s.log.info("%s", line)
                else:
                    print(line, flush=True)

    cocotb.start_soon(heartbeat())


def more(sent: int, total: int) -> bool:
    """The random test's loop condition: fewer than `total` sent and no stop requested."""
    return sent < total and not state.stop


def tick(n: int = 1) -> None:
    """One transaction checked (the block's scoreboard calls this)."""
    state.tick(n)


def request_stop() -> None:
    state.stop = True


def traffic_done() -> None:
    """The test's body is over (BaseTest, before drain): the memory figure of the soak itself."""
    if state.begun:
        state.rss_traffic_kb = proc_status_kb("VmHWM")


def finish(log=None) -> dict | None:
    """End of the test: write the run's soak record (soak.json in the run folder) if a soak window
    was begun; returns it."""
    if not state.begun:
        return None
    rec = state.record()
    SOAK_FILE.write_text(json.dumps(rec, indent=2, sort_keys=True) + "\n")
    if log is not None:
        log.info("SOAK DONE %s", json.dumps(rec, sort_keys=True))
    return rec
