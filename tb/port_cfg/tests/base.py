"""The port configurator's base tests: the full environment with filter traffic on, or the register
environment alone (directed register tests)."""

from __future__ import annotations

from models.port_cfg import PortCfgModel
from tb.common.base import BaseTest
from tb.port_cfg.env.cfg import TbCfg
from tb.port_cfg.env.env import PortCfgEnv, RegisterEnv
from tb.port_cfg.env.reg_rules import RegChecker


class PortCfgTest(BaseTest):
    """Filter traffic at `density` requests per clock while body() runs commit sequences."""

    env_cls = PortCfgEnv

    def make_cfg(self, knobs):
        return TbCfg(**knobs)

    def end_of_elaboration_phase(self):
        self.info = self.env.info
        self.port = self.info.port

    def seq(self, cls, count):
        return cls("seq", count)


class RegisterTest(BaseTest):
    """Directed register checks on the register port alone (tb/port_cfg/env/reg_rules.py), every
    access checked against the register model and the golden model."""

    env_cls = RegisterEnv

    def make_cfg(self, knobs):
        return TbCfg(**knobs)

    def end_of_elaboration_phase(self):
        self.info = self.env.info

    def checker(self) -> RegChecker:
        model = PortCfgModel(self.info.num_lanes, self.info.num_vssbs, mgmt_function=self.info.mgmt)
        return RegChecker(self.dut, self.info.port, model)
