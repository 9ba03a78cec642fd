# text.mk — text-core targets: bench-text (normalise+tokenise kernel, read+clean+tokenise and `rasd read` end to
# end; median of 5 runs, CPU time, pinned to one core with taskset when it is there).
TEXT_BENCH_DIR ?= /tmp/rasd-bench-snn

$(BUILD)/bench/bench_text: bench/bench_text.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -O3 -o $@ $< $(LIBA) $(LDLIBS)

# Unzips the SaudiNewsNet days to $(TEXT_BENCH_DIR) when ../shared is present (not when the directory already holds
# JSON days: TEXT_BENCH_DIR=/tmp/snn uses those as they are), else benchmarks generated text.
.PHONY: bench-text
TEXT_PIN := $(shell [ "$$(nproc 2>/dev/null || echo 1)" -ge 2 ] && command -v taskset >/dev/null 2>&1 && echo taskset -c 1)
bench-text: $(BUILD)/bench/bench_text $(RASD)
	@if [ -d ../shared/data/news/saudinewsnet ] && [ ! -f $(TEXT_BENCH_DIR)/.done ] && ! ls $(TEXT_BENCH_DIR)/*.json >/dev/null 2>&1; then \
	  mkdir -p $(TEXT_BENCH_DIR) && for z in ../shared/data/news/saudinewsnet/*.zip; do unzip -o -q $$z -d $(TEXT_BENCH_DIR); done && touch $(TEXT_BENCH_DIR)/.done; fi
	@if [ -f $(TEXT_BENCH_DIR)/.done ] || ls $(TEXT_BENCH_DIR)/*.json >/dev/null 2>&1; then $(TEXT_PIN) $(BUILD)/bench/bench_text $(TEXT_BENCH_DIR) $(RASD); else $(TEXT_PIN) $(BUILD)/bench/bench_text; fi

bench: bench-text
