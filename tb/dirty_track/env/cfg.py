"""Knobs of one dirty_track test (BaseTest.knobs, overridden by the manifest entry's), turned into
the configuration object every component reads from ConfigDB "cfg"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TbCfg:
    n_writes: int = 1500  # DMA writes per traffic phase
    idle_prob: float = 0.2  # chance of idle cycles before a write (source)
    max_idle: int = 3
    ready_prob: float = 0.75  # downstream AWREADY probability per clock (1.0: no back-pressure)
    report_gap: tuple[int, int] = (0, 20)  # clocks between the hypervisor's report reads
    toggle_prob: float = 0.02  # chance per report read of toggling a function's flag
    bad_func_prob: float = 0.02  # writes with a function number >= NumFunctions
    oor_prob: float = 0.05  # writes aimed outside the function's region
    cross_prob: float = 0.15  # writes aimed across a page boundary
    same_word_prob: float = 0.25  # writes aimed at the previous write's bitmap word
    final_sample_words: int = 16  # extra words read (expected clear) in the final sweep
    reg_traffic_prob: float = 0.25  # chance per report-loop step of a random register access instead
    reg_backpressure: float = 0.0  # register port: chance per clock of pausing AW/W/B/AR/R
    inject_drop: bool = False  # negative test: the scoreboard drops one mark of a final report
    dma_report_prob: float = 0.0  # chance per report-loop step of a report by DMA instead of a read
    mem_stall: float = 0.0  # host memory (report master): chance per clock of pausing AWREADY/WREADY/BVALID
    inject_dma_wrong: bool = False  # negative test: the scoreboard drops one page of a DMA-reported final word
