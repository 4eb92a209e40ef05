"""Every block's manifest is well formed and every entry names a pyuvm test class that exists: a
typo is caught here, in a second, not as a whole block's simulations failing at discovery. The
registry's own generator does the resolving (and rejects one name listed with different classes)."""

from __future__ import annotations

import pytest
from pyuvm import uvm_test

from tb.common.registry import manifest_tests
from tb.common.registry import test_class as resolve_class
from tools.project import blocks, load_block


@pytest.mark.parametrize("name", blocks())
def test_manifest_classes(name):
    block = load_block(name)
    generated = {t.name for t in manifest_tests(block, f"tb.{name}.test_{name}").generate_tests()}
    assert generated == {t.name for t in block.tests}
    for t in block.tests:
        cls = resolve_class(block, t)
        assert issubclass(cls, uvm_test), f"{t.name}: {t.cls} is not a uvm_test"
        assert (cls.__doc__ or "").strip(), f"{t.name}: {t.cls} has no docstring (it is the test's description)"
        assert t.config in block.configs, f"{t.name}: unknown config {t.config}"


def test_one_name_two_classes_is_rejected():
    block = load_block("port_cfg")
    first = block.tests[0]
    clash = type(first)(first.name, "negative.LeakTest", config=first.config)
    bad = type(block)(**{**block.__dict__, "tests": [first, clash]})
    with pytest.raises(ValueError, match="listed twice"):
        list(manifest_tests(bad, "x").generate_tests())
