"""cocotb's entry for sriov_ep: one test per manifest.py entry, each running its pyuvm test class
(tb/common/registry.py). Replay any run with `make sim TEST=<name> SEED=<n>`."""

from tb.common.registry import manifest_tests

from .manifest import BLOCK

tests = manifest_tests(BLOCK, __name__)
