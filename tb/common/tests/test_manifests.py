"""Every block's manifest is well formed and every entry names a pyuvm test class that exists: a
typo is caught here, in a second, not as a whole block's simulations failing at discovery."""

from __future__ import annotations

import pytest
from pyuvm import uvm_test

from tb.common.registry import test_class as resolve_class
from tools.project import blocks, load_block


@pytest.mark.parametrize("name", blocks())
def test_manifest_classes(name):
    block = load_block(name)
    names: dict[str, object] = {}
    for t in block.tests:
        cls = resolve_class(block, t)
        assert issubclass(cls, uvm_test), f"{t.name}: {t.cls} is not a uvm_test"
        assert (cls.__doc__ or "").strip(), f"{t.name}: {t.cls} has no docstring (it is the test's description)"
        assert t.config in block.configs, f"{t.name}: unknown config {t.config}"
        first = names.setdefault(t.name, (t.cls, t.negative, t.knobs))
        assert first == (t.cls, t.negative, t.knobs), f"{t.name} listed twice with different class/knobs"
