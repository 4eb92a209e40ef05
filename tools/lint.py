#!/usr/bin/env python3
"""`make lint`: Verilator -Wall on every block (zero warnings; waivers only in the block's .vlt, each
with its reason), the block elaborates in Yosys-slang as `make synth` reads it (slang is stricter than
Verilator on some rules, e.g. use before declaration), generated register files up to date,
testplans agree with manifests, no import cycle among tools/*.py, ruff."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/lint.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools.project import ROOT, YOSYS, blocks, load_block, verilator_bin  # noqa: E402

TOOLS = ROOT / "tools"


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
    srcs = " ".join(str((ROOT / s).resolve()) for s in sources)
    script = f"read_slang --threads 1 -D SYNTHESIS --top {top} {srcs}; hierarchy -top {top}"
    proc = subprocess.run([str(YOSYS), "-q", "-p", script], cwd=ROOT, capture_output=True, text=True)
    ok = proc.returncode == 0
    print(f"lint {name:<12} yosys-slang elaboration: {'clean' if ok else 'FAILED'}")
    if not ok:
        print((proc.stdout + proc.stderr).strip()[-3000:])
    return ok


# ----------------------------------------------------------------------------- import cycles


def tool_imports(folder: Path, package: str = "tools") -> dict[str, set[str]]:
    """For each module <folder>/<m>.py, the sibling modules it imports, anywhere in the file
    (function-level imports included): `import tools.x`, `from tools import x`, `from tools.x
    import y`, `from . import x`, `from .x import y`. (A bare `import x` is not a sibling: the
    scripts' bootstrap takes tools/ off sys.path, so `import coverage` means the PyPI package.)"""
    mods = {p.stem for p in folder.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.py")):
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                for a in node.names:
                    parts = a.name.split(".")
                    if parts[0] == package and len(parts) > 1:
                        deps.add(parts[1])
            elif isinstance(node, ast.ImportFrom):
                parts = (node.module or "").split(".") if node.module else []
                if node.level == 0 and parts[:1] != [package]:
                    continue  # another package
                if node.level > 1:
                    continue  # above tools/: not a sibling
                inner = parts[1:] if node.level == 0 else parts
                if inner:  # from tools.x import y / from .x import y
                    deps.add(inner[0])
                else:  # from tools import x / from . import x
                    deps.update(a.name for a in node.names)
        graph[path.stem] = {d for d in deps if d in mods and d != "__init__"}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles of an import graph: each strongly connected component of more than one module,
    or a module importing itself (Tarjan's algorithm), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, ()):
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def check_import_cycles(folder: Path = TOOLS) -> bool:
    cycles = import_cycles(tool_imports(folder))
    for c in cycles:
        print(f"lint tools/ import cycle: {' <-> '.join(c)} (move what they share into tools/project.py)")
    print(f"lint tools/ imports: {'no cycle' if not cycles else 'FAILED'}")
    return not cycles


def main() -> int:
    ok = check_import_cycles()
    for name in blocks():
        ok &= lint_block(name)
    ok &= subprocess.run([sys.executable, str(ROOT / "tools" / "gen_regs.py"), "--check"], cwd=ROOT).returncode == 0
    ok &= subprocess.run([sys.executable, str(ROOT / "tools" / "testplan.py"), "--check"], cwd=ROOT).returncode == 0
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT)
    ok &= ruff.returncode == 0
    print(f"lint: {'clean' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
