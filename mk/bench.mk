# mk/bench.mk — benchmarks (`make bench`, `bench-smoke`, `bench-big`), quality report (`make eval`) and goldens.
# bench/run.sh and eval/run.sh do the work; results go to bench/RESULTS.md and bench/QUALITY.md,
# scratch files to $(BENCH_TMP) (never committed).
BENCH_TMP ?= /tmp/rasd-bench
BENCH_RUNS ?= 5
.PHONY: bench bench-smoke bench-big eval golden-update

# bench: every stage on one core, peers in the same run, growth curve → bench/RESULTS.md, bench/growth.png
bench: all
	@RASD=$(RASD) BUILD=$(BUILD) BENCH_TMP=$(BENCH_TMP) RUNS=$(BENCH_RUNS) bash bench/run.sh full

# bench-smoke: a < 60 s version for CI: each stage once on the examples; "N passed, N failed" last.
bench-smoke: all
	@RASD=$(RASD) BUILD=$(BUILD) BENCH_TMP=$(BENCH_TMP)-smoke RUNS=1 bash bench/run.sh smoke

# bench-big: the 1M-article synthetic growth point (long; generated to $(BENCH_TMP), deleted after)
bench-big: all
	@RASD=$(RASD) BUILD=$(BUILD) BENCH_TMP=$(BENCH_TMP) RUNS=1 bash bench/run.sh big

# eval: every quality figure with the command that made it → bench/QUALITY.md
eval: all
	@RASD=$(RASD) BUILD=$(BUILD) sh eval/run.sh

# golden-update: regenerate tests/golden/ from the current build (review `git diff tests/golden` by eye)
golden-update: all
	@RASD=$(RASD) sh tests/test_golden.sh --update
