#!/usr/bin/env python3
"""Generate a block's register artifacts from its one SystemRDL source, rtl/<block>/<block>_regs.rdl.

    RTL register block   rtl/<block>/gen/<block>_regs.sv, <block>_regs_pkg.sv   (peakrdl regblock, AXI4-Lite)
    testbench reg model  tb/<block>/gen/<block>_reg_model.py                   (peakrdl pyuvm)
    documentation        docs/gen/<block>_regs.md                              (peakrdl markdown)
    C header             sw/include/<block>_regs.h                             (peakrdl c-header)

Generated files are committed so that an integrator needs no PeakRDL; `--check` regenerates into a
scratch folder and fails if anything committed differs (run by `make lint`).

Per-block PeakRDL regblock options (timing retiming, say) live beside the map in
rtl/<block>/gen_regs.toml: `regblock_args = ["--rt-read-fanin", "--rt-read-response"]`.

Usage: gen_regs.py [--check] [BLOCK ...]   (no BLOCK: every rtl/*/*_regs.rdl)
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEAKRDL = [sys.executable, "-m", "peakrdl"]


def outputs(block: str, base: Path) -> dict[str, Path]:
    return {
        "regblock": base / "rtl" / block / "gen",
        "pyuvm": base / "tb" / block / "gen" / f"{block}_reg_model.py",
        "markdown": base / "docs" / "gen" / f"{block}_regs.md",
        "c-header": base / "sw" / "include" / f"{block}_regs.h",
    }


def generate(block: str, base: Path) -> list[Path]:
    rdl = Path("rtl") / block / f"{block}_regs.rdl"  # relative: generated headers quote it
    out = outputs(block, base)
    for p in out.values():
        (p if p.suffix == "" else p.parent).mkdir(parents=True, exist_ok=True)

    def run(*args: str) -> None:
        subprocess.run([*PEAKRDL, *args], check=True, cwd=ROOT)

    opts = ROOT / "rtl" / block / "gen_regs.toml"
    extra = tomllib.loads(opts.read_text()).get("regblock_args", []) if opts.exists() else []
    # The default CPU interface is a self-contained AXI4-Lite slave; a block whose own front end
    # already decodes AXI4-Lite (access control, say) may choose `--cpuif passthrough` instead.
    cpuif = [] if "--cpuif" in extra else ["--cpuif", "axi4-lite-flat"]
    run("regblock", str(rdl), "-o", str(out["regblock"]), *cpuif, *extra)
    run("pyuvm", str(rdl), "-o", str(out["pyuvm"]))
    # peakrdl-pyuvm emits UVM_NO_ENDIAN, which pyuvm's lock_model() rejects; the bus is little-endian.
    model = out["pyuvm"].read_text().replace("UVM_NO_ENDIAN", "UVM_LITTLE_ENDIAN")
    out["pyuvm"].write_text(model)
    (out["pyuvm"].parent / "__init__.py").touch()
    run("markdown", str(rdl), "-o", str(out["markdown"]))
    run("c-header", str(rdl), "-o", str(out["c-header"]))
    regblock_files = sorted(out["regblock"].glob(f"{block}_regs*.sv"))
    return [*regblock_files, out["pyuvm"], out["markdown"], out["c-header"]]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    blocks = [a for a in argv if not a.startswith("--")] or sorted(
        p.parent.name for p in ROOT.glob("rtl/*/*_regs.rdl")
    )
    stale = []
    for block in blocks:
        if not check:
            for f in generate(block, ROOT):
                print(f"gen_regs: wrote {f.relative_to(ROOT)}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            for f in generate(block, Path(tmp)):
                committed = ROOT / f.relative_to(tmp)
                if not committed.exists() or not filecmp.cmp(f, committed, shallow=False):
                    stale.append(str(committed.relative_to(ROOT)))
    if stale:
        print("gen_regs: generated files out of date (run `make regs`):\n  " + "\n  ".join(stale))
        return 1
    if check:
        print(f"gen_regs: register artifacts of {', '.join(blocks) or 'no block'} are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
