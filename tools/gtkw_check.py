#!/usr/bin/env python3
"""Check that every signal a block's GTKWave save file lists exists in a recorded FST file.

Run by `make waves` when gtkwave's fst2vcd is installed, so a renamed RTL signal shows up as a
warning instead of a silently missing trace. Usage: gtkw_check.py WAVES.fst BLOCK.gtkw
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys


def fst_signals(fst: str) -> set[str]:
    names: set[str] = set()
    scope: list[str] = []
    with subprocess.Popen(["fst2vcd", fst], stdout=subprocess.PIPE, text=True) as proc:
        for line in proc.stdout:
            if line.startswith("$scope"):
                scope.append(line.split()[2])
            elif line.startswith("$upscope"):
                scope.pop()
            elif line.startswith("$var"):
                names.add(".".join([*scope, line.split()[4]]))
            elif line.startswith("$enddefinitions"):
                proc.kill()
                break
    return names


def missing(fst: str, gtkw: str) -> list[str]:
    names = fst_signals(fst)
    listed = [ln.strip() for ln in open(gtkw) if re.match(r"^[A-Za-z_]\w*\.", ln.strip())]
    return [s for s in listed if re.sub(r"\[\d+:\d+\]$", "", s) not in names]


def main() -> int:
    if not shutil.which("fst2vcd"):
        return 0
    gone = missing(sys.argv[1], sys.argv[2])
    for s in gone:
        print(f"gtkw: {sys.argv[2]} lists {s}, which the waves do not contain")
    return 1 if gone else 0


if __name__ == "__main__":
    sys.exit(main())
