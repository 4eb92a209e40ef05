#!/usr/bin/env python3
"""`make lint`: Verilator -Wall on every block (zero warnings; waivers only in the block's .vlt, each
with its reason), the block elaborates in Yosys-slang as `make synth` reads it (slang is stricter than
Verilator on some rules, e.g. use before declaration), generated register files up to date,
testplans agree with manifests, ruff."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.regress import all_blocks, load_block, verilator_bin  # noqa: E402


def lint_block(name: str) -> bool:
    block = load_block(name)
    top = block.lint_top or block.synth_top or block.toplevel
    sources = block.synth_sources or block.sources
    cmd = [str(verilator_bin() / "verilator"), "--lint-only", "-Wall", "--top-module", top,
           *[str(ROOT / w) for w in block.waivers], *[str(ROOT / s) for s in sources]]
    env = {k: v for k, v in os.environ.items() if k != "VERILATOR_ROOT"}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    out = (proc.stdout + proc.stderr).strip()
    ok = proc.returncode == 0 and "%Warning" not in out
    print(f"lint {name:<12} verilator -Wall ({top}, {len(sources)} files): {'clean' if ok else 'FAILED'}")
    if not ok:
        print(out)
    return elaborate_block(name, top, sources) and ok


def elaborate_block(name: str, top: str, sources: list[str]) -> bool:
    """The synthesis front end (yosys read_slang) on the block, as tools/synth.py reads it."""
    from tools.synth import YOSYS  # noqa: PLC0415  (YoWASP path; only needed here)

    srcs = " ".join(str((ROOT / s).resolve()) for s in sources)
    script = f"read_slang --threads 1 -D SYNTHESIS --top {top} {srcs}; hierarchy -top {top}"
    proc = subprocess.run([str(YOSYS), "-q", "-p", script], cwd=ROOT, capture_output=True, text=True)
    ok = proc.returncode == 0
    print(f"lint {name:<12} yosys-slang elaboration: {'clean' if ok else 'FAILED'}")
    if not ok:
        print((proc.stdout + proc.stderr).strip()[-3000:])
    return ok


def main() -> int:
    ok = True
    for name in all_blocks():
        ok &= lint_block(name)
    ok &= subprocess.run([sys.executable, str(ROOT / "tools" / "gen_regs.py"), "--check"], cwd=ROOT).returncode == 0
    ok &= subprocess.run([sys.executable, str(ROOT / "tools" / "testplan.py"), "--check"], cwd=ROOT).returncode == 0
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT)
    ok &= ruff.returncode == 0
    print(f"lint: {'clean' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
