"""One way to register a block's cocotb tests: from its manifest.

tb/<block>/test_<block>.py holds a single line, `tests = manifest_tests(BLOCK, __name__)`. cocotb's
test discovery accepts a TestGenerator attribute; this one yields one cocotb test per manifest
entry, each of which hands the DUT, the manifest and the entry's knobs to the base test (ConfigDB
"dut", "block"; BaseTest.knobs) and runs the
entry's pyuvm test class (`Test.cls`: "module.Class" under the package tb.<block>.tests, "Class"
exported by that package, or an absolute "tb.common.<module>.Class" for a test every block shares). A negative entry is
declared `expect_error=ScoreboardError`. Nothing else registers tests: no wrappers, no globals().
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from cocotb._decorators import Test as CocotbTest
from cocotb._decorators import TestGenerator
from pyuvm import uvm_root

from tb.common import base
from tb.common.manifest import Block, Test
from tb.common.scoreboard import ScoreboardError


def test_class(block: Block, test: Test) -> type:
    """The pyuvm test class a manifest entry names: "module.Class" under tb.<block>.tests, or an
    absolute "tb.<package>.<module>.Class" (a test every block shares, like manifest.BARE_LOOP)."""
    module, _, name = test.cls.rpartition(".")
    if module.startswith("tb."):
        mod = importlib.import_module(module)
    else:
        package = f"tb.{block.name}.tests"
        mod = importlib.import_module(f"{package}.{module}" if module else package)
    try:
        return getattr(mod, name)
    except AttributeError:
        raise LookupError(f"{block.name}: manifest test {test.name}: no class {name} in {mod.__name__}") from None


async def run_manifest_test(dut, block: Block, test: Test, cls: type) -> None:
    base.start_run(dut, block, test)
    await uvm_root().run_test(cls)


class manifest_tests(TestGenerator):  # noqa: N801  (used like cocotb's own @test decorator)
    """The block's cocotb tests, one per manifest entry (its name, docstring and negative flag)."""

    def __init__(self, block: Block, module: str) -> None:  # no super(): there is no one function
        self.block = block
        self.module = module
        self.name = f"{block.name} manifest"

    def generate_tests(self) -> Iterable[CocotbTest]:
        seen: dict[str, Test] = {}
        for test in self.block.tests:
            # One name may run on several configurations: one cocotb test, the runner picks the build.
            if test.name in seen:
                first = seen[test.name]
                if (first.cls, first.negative, first.knobs) != (test.cls, test.negative, test.knobs):
                    raise ValueError(f"{self.block.name}: manifest test {test.name} is listed twice with "
                                     "different cls/negative/knobs: give the second a name of its own")
                continue
            seen[test.name] = test
            cls = test_class(self.block, test)

            async def run(dut, _test=test, _cls=cls) -> None:
                await run_manifest_test(dut, self.block, _test, _cls)

            run.__name__ = run.__qualname__ = test.name
            yield CocotbTest(
                func=run, args=(), kwargs={}, name=test.name, module=self.module,
                doc=(cls.__doc__ or "").strip() or None, timeout=None, expect_fail=False,
                expect_error=(ScoreboardError,) if test.negative else (), skip=False, stage=0,
            )
