"""Shared testbench infrastructure: seeds, functional coverage, benchmarks, scoreboard errors."""
