#!/usr/bin/env python3
"""Merge the last coverage regression (sim_build/last_runs.json) into reports, and gate on thresholds.

Code coverage: every passing run's coverage.dat (Verilator line, branch, toggle and SVA cover
points), merged with verilator_coverage into sim_build/coverage/merged.dat, an lcov file
(coverage.info), an HTML report (index.html, genhtml) and Cobertura XML (coverage.xml).
Functional coverage: every passing run's fcov.json (tb.common.fcov), bins summed; a covergroup's
figure is the share of its declared bins that were hit at least once (functional.html).
Both go to summary.json per block and are checked against tb/coverage_thresholds.toml.
Only passing runs count: coverage from a failing run measures a design that did not work.
`--root DIR` reads DIR/last_runs.json and writes DIR/coverage/ (a regression run with --out, or
the tree tools/merge.py assembles from shards; the default is sim_build/).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/coverage.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools.project import ROOT, SIM_BUILD, TB, rel  # noqa: E402

OUT = SIM_BUILD / "coverage"  # report() points it at <root>/coverage
THRESHOLDS = TB / "coverage_thresholds.toml"
KINDS = ("line", "branch", "toggle", "functional")


def parse_dat(path: Path) -> dict[str, tuple[dict[str, str], int]]:
    """coverage.dat: `C '<\\x01 key \\x02 value ...>' count` lines (SystemC::Coverage-3)."""
    points = {}
    for line in path.read_text(errors="replace").splitlines():
        if not line.startswith("C '"):
            continue
        key, _, count = line[3:].rpartition("' ")
        fields = {}
        for item in key.split("\x01"):
            if "\x02" in item:
                k, v = item.split("\x02", 1)
                fields[k.strip()] = v
        points[key] = (fields, int(count))
    return points


def kind_of(fields: dict[str, str]) -> str | None:
    page = fields.get("page", "")
    for prefix, kind in (("v_line", "line"), ("v_branch", "branch"), ("v_toggle", "toggle"), ("v_user", "user")):
        if page.startswith(prefix):
            return kind
    return None


def in_rtl(fields: dict[str, str]) -> bool:
    return "rtl" in Path(fields.get("f", "")).parts


def code_coverage(dats: list[tuple[str, Path]]) -> dict[str, dict[str, list[int]]]:
    """Per block and kind: [points covered, points total] over the union of the block's runs, of
    the RTL its runs compile (rtl/<block>/ and the shared rtl/common/; not a tb/ wrapper)."""
    merged: dict[tuple[str, str], tuple[dict[str, str], int]] = {}
    for block, dat in dats:
        for key, (fields, count) in parse_dat(dat).items():
            old = merged.get((block, key), (fields, 0))[1]
            merged[(block, key)] = (fields, old + count)
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (block, _key), (fields, count) in merged.items():
        kind = kind_of(fields)
        if kind and in_rtl(fields):
            out[block][kind][1] += 1
            out[block][kind][0] += count > 0
    return out


def functional_coverage(files_by_block: dict[str, list[Path]]) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, dict[str, int]]] = {}
    for block, files in files_by_block.items():
        groups: dict[str, dict[str, int]] = defaultdict(dict)
        for f in files:
            for cg, bins in json.loads(f.read_text()).items():
                for b, n in bins.items():
                    groups[cg][b] = groups[cg].get(b, 0) + n
        out[block] = dict(groups)
    return out


def pct(covered: int, total: int) -> float | None:
    return round(100.0 * covered / total, 1) if total else None


def write_reports(dats: list[Path]) -> None:
    """HTML, lcov and Cobertura via Debian's verilator_coverage (it reads 5.038's files) and genhtml."""
    vcov = shutil.which("verilator_coverage", path="/usr/bin") or shutil.which("verilator_coverage")
    if not vcov:
        print("coverage: verilator_coverage not found (apt-get install verilator): no HTML/lcov/Cobertura")
        return
    env = {k: v for k, v in os.environ.items() if k != "VERILATOR_ROOT"}
    merged = OUT / "merged.dat"
    subprocess.run([vcov, "--write", str(merged), *map(str, dats)], check=True, env=env)
    # lcov folds toggle points into line entries; the HTML/lcov/Cobertura views are line + branch.
    filtered = OUT / "line_branch.dat"
    with open(merged) as src, open(filtered, "w") as dst:
        for line in src:
            if not line.startswith("C '") or "v_toggle" not in line:
                dst.write(line)
    info = OUT / "coverage.info"
    subprocess.run([vcov, "--write-info", str(info), str(filtered)], check=True, env=env)
    if shutil.which("genhtml"):
        cmd = ["genhtml", "-q", "--branch-coverage", "-o", str(OUT), "--title", "virt-ip", str(info)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:  # lcov 2 (Ubuntu 24.04, CI) stops on what lcov 1.16 only warns about
            proc = subprocess.run([*cmd, "--ignore-errors", "inconsistent,unsupported,format,source"],
                                  capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"coverage: genhtml failed, no HTML: {(proc.stdout + proc.stderr).strip()[-500:]}")
    else:
        print("coverage: genhtml not found (apt-get install lcov): no HTML")
    subprocess.run(
        [sys.executable, "-m", "lcov_cobertura", str(info), "--output", str(OUT / "coverage.xml"),
         "--base-dir", str(ROOT)],
        check=True,
    )


def write_functional_html(fcov: dict[str, dict[str, dict[str, int]]]) -> None:
    rows = []
    for block, groups in sorted(fcov.items()):
        for cg, bins in sorted(groups.items()):
            hit = sum(1 for n in bins.values() if n)
            rows.append(f"<h2>{html.escape(block)} / {html.escape(cg)}: {hit}/{len(bins)} bins</h2><table>")
            for b, n in sorted(bins.items()):
                style = "" if n else ' style="background:#fbb"'
                rows.append(f"<tr{style}><td>{html.escape(b)}</td><td>{n}</td></tr>")
            rows.append("</table>")
    (OUT / "functional.html").write_text(
        "<html><head><title>virt-ip functional coverage</title></head><body>"
        "<h1>Functional coverage (unhit bins in red)</h1>" + "\n".join(rows) + "</body></html>"
    )


def run_dir(root: Path, r: dict) -> Path:
    """A run's folder: inside the tree when last_runs.json says where (`rel`), else its `dir`."""
    return root / r["rel"] if r.get("rel") else ROOT / r["dir"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--block", action="append")
    ap.add_argument("--root", type=Path, default=SIM_BUILD, help="the tree holding last_runs.json (default sim_build)")
    args = ap.parse_args()
    return report(args.root.resolve(), args.block)


def report(root: Path, blocks_wanted: list[str] | None = None) -> int:
    """Coverage of the regression in `root` (root/last_runs.json) into root/coverage/; 1 below a threshold."""
    global OUT
    OUT = root / "coverage"
    runs_file = root / "last_runs.json"
    if not runs_file.exists():
        print("coverage: no regression found; run `make coverage`")
        return 1
    runs = [r for r in json.loads(runs_file.read_text()) if r["status"] == "PASS"]
    if blocks_wanted:
        runs = [r for r in runs if r["block"] in blocks_wanted]
    OUT.mkdir(parents=True, exist_ok=True)
    block_dats = [(r["block"], run_dir(root, r) / "coverage.dat") for r in runs
                  if (run_dir(root, r) / "coverage.dat").exists()]
    dats = [d for _, d in block_dats]
    if not dats:
        print("coverage: the last regression has no coverage.dat files; run `make coverage`")
        return 1
    fcov_files: dict[str, list[Path]] = defaultdict(list)
    for r in runs:
        f = run_dir(root, r) / "fcov.json"
        if f.exists():
            fcov_files[r["block"]].append(f)

    code = code_coverage(block_dats)
    fcov = functional_coverage(fcov_files)
    write_reports(dats)
    write_functional_html(fcov)

    thresholds = tomllib.loads(THRESHOLDS.read_text()) if THRESHOLDS.exists() else {}
    summary, failures = {}, []
    blocks = sorted({r["block"] for r in runs})
    print(f"\n{'block':<12} {'line':>7} {'branch':>7} {'toggle':>7} {'functional':>11} {'covergroups'}")
    for block in blocks:
        entry: dict[str, object] = {}
        for kind in ("line", "branch", "toggle", "user"):
            c, t = code.get(block, {}).get(kind, [0, 0])
            entry[kind] = pct(c, t)
            entry[f"{kind}_points"] = [c, t]
        groups = fcov.get(block, {})
        hit = sum(1 for bins in groups.values() for n in bins.values() if n)
        total = sum(len(bins) for bins in groups.values())
        entry["functional"] = pct(hit, total)
        entry["functional_bins"] = [hit, total]
        entry["covergroups"] = {
            cg: pct(sum(1 for n in bins.values() if n), len(bins)) for cg, bins in sorted(groups.items())
        }
        entry["runs"] = sum(1 for r in runs if r["block"] == block)
        summary[block] = entry
        for kind in KINDS:
            want = thresholds.get(block, {}).get(kind)
            got = entry[kind]
            if want is not None and (got is None or got < want):
                failures.append(f"{block} {kind} coverage {got}% < threshold {want}%")

        def fmt(v):
            return "   n/a" if v is None else f"{v:6.1f}%"

        cgs = ", ".join(f"{k} {v}%" for k, v in entry["covergroups"].items())
        print(f"{block:<12} {fmt(entry['line'])} {fmt(entry['branch'])} {fmt(entry['toggle'])} "
              f"{fmt(entry['functional']):>11}  {cgs}")
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nreports: {rel(OUT)}/index.html (line/branch), functional.html, coverage.info, "
          f"coverage.xml (Cobertura), summary.json; thresholds: {rel(THRESHOLDS)}")
    for f in failures:
        print(f"BELOW THRESHOLD: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
