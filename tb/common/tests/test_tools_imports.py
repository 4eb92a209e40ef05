"""Unit tests of `make lint`'s import-cycle check of tools/ (tools/lint.py), on synthetic packages."""

from __future__ import annotations

from pathlib import Path

from tools.lint import check_import_cycles, import_cycles, tool_imports
from tools.project import ROOT


def package(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "tools"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    for name, text in files.items():
        (folder / f"{name}.py").write_text(text)
    return folder


def test_every_import_form_is_an_edge(tmp_path):
    folder = package(tmp_path, {
        "a": "import tools.b\n",
        "b": "from tools import c, project\n",
        "c": "from tools.d import x\n",
        "d": "from . import e\nx = 1\n",
        "e": "from .f import y\n",
        "f": "def g():\n    from tools.project import ROOT  # a function-level import counts too\ny = 1\n",
        "project": "import json\nimport tools\nfrom tools import __doc__\n",  # no sibling module
    })
    assert tool_imports(folder) == {
        "__init__": set(), "a": {"b"}, "b": {"c", "project"}, "c": {"d"}, "d": {"e"}, "e": {"f"},
        "f": {"project"}, "project": set(),
    }
    assert import_cycles(tool_imports(folder)) == []


def test_two_module_cycle_through_a_lazy_import_fails(tmp_path, capsys):
    # The shape tools/ had: regress imported testplan inside a function, testplan imported regress.
    folder = package(tmp_path, {
        "regress": "def main():\n    from tools.testplan import report\n",
        "testplan": "from tools.regress import SIM_BUILD\n",
        "lint": "from tools.regress import load_block\n",  # depends on the cycle, is not in it
    })
    assert import_cycles(tool_imports(folder)) == [["regress", "testplan"]]
    assert not check_import_cycles(folder)
    assert "regress <-> testplan" in capsys.readouterr().out


def test_longer_cycle_and_self_import(tmp_path):
    folder = package(tmp_path, {
        "a": "from tools import b\n",
        "b": "import tools.c\n",
        "c": "from .a import x\n",
        "d": "from tools import d\n",
        "e": "from tools import a\n",
    })
    assert import_cycles(tool_imports(folder)) == [["a", "b", "c"], ["d"]]


def test_other_packages_are_not_siblings(tmp_path):
    # `import coverage` is the PyPI package, `from ..x` is above tools/, `tb.tools` is another package.
    folder = package(tmp_path, {
        "coverage": "import coverage\nfrom tb.tools import coverage as c\nfrom .. import coverage as d\n",
    })
    assert import_cycles(tool_imports(folder)) == []


def test_tools_has_no_import_cycle():
    assert check_import_cycles(ROOT / "tools")
