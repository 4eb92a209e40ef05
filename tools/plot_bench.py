"""Plots of benchmark figures that are curves, not single numbers (called by regress.collect_bench).

sriov_ep: the live-migration convergence benchmark (tb/sriov_ep/tests/bench.py) records, per run,
the VF's DMA write rate, the pre-copy rounds and the pages copied in stop-and-copy ("downtime
pages"). `draw()` turns them into sim_build/bench/sriov_ep_convergence.png: downtime pages and
rounds against the write rate, every run a point and the mean per rate a line.
"""

from __future__ import annotations

from pathlib import Path


def draw(block: str, figures: dict, out_dir: Path) -> Path | None:
    rows = figures.get("convergence")
    if block != "sriov_ep" or not rows:
        return None
    import matplotlib  # noqa: PLC0415  (only `make bench` of sriov_ep needs it)

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    rates = sorted({r["rate"] for r in rows})

    def mean(key: str, rate: float) -> float:
        vals = [r[key] for r in rows if r["rate"] == rate]
        return sum(vals) / len(vals)

    fig, ax1 = plt.subplots(figsize=(6.4, 4.0), dpi=120)
    ax1.scatter([r["rate"] for r in rows], [r["downtime_pages"] for r in rows], color="tab:red", s=14, alpha=0.6)
    ax1.plot(rates, [mean("downtime_pages", x) for x in rates], color="tab:red", marker="o",
             label="downtime pages (stop-and-copy)")
    ax1.set_xlabel("VF DMA write rate (bytes per clock)")
    ax1.set_ylabel("pages copied in stop-and-copy", color="tab:red")
    ax2 = ax1.twinx()
    ax2.scatter([r["rate"] for r in rows], [r["rounds"] for r in rows], color="tab:blue", s=14, alpha=0.6, marker="s")
    ax2.plot(rates, [mean("rounds", x) for x in rates], color="tab:blue", marker="s", label="pre-copy rounds")
    ax2.set_ylabel("pre-copy rounds", color="tab:blue")
    mism = figures.get("mismatched_bytes", "?")
    ax1.set_title(f"sriov_ep live migration: 256-page VM, {len(rows)} runs, mismatched bytes {mism}", fontsize=9)
    lines = ax1.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    labels = ax1.get_legend_handles_labels()[1] + ax2.get_legend_handles_labels()[1]
    ax1.legend(lines, labels, loc="upper left", fontsize=8)
    fig.tight_layout()
    path = out_dir / f"{block}_convergence.png"
    fig.savefig(path)
    plt.close(fig)
    return path
