# text.mk — text-core targets: bench-text (normalise+tokenise kernel, median of 5, one core).
TEXT_BENCH_DIR ?= /tmp/rasd-bench-snn

$(BUILD)/bench/bench_text: bench/bench_text.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -O3 -o $@ $< $(LIBA) $(LDLIBS)

# Unzips the SaudiNewsNet days to $(TEXT_BENCH_DIR) when ../shared is present, else benchmarks generated text.
.PHONY: bench-text
bench-text: $(BUILD)/bench/bench_text
	@if [ -d ../shared/data/news/saudinewsnet ] && [ ! -f $(TEXT_BENCH_DIR)/.done ]; then \
	  mkdir -p $(TEXT_BENCH_DIR) && for z in ../shared/data/news/saudinewsnet/*.zip; do unzip -o -q $$z -d $(TEXT_BENCH_DIR); done && touch $(TEXT_BENCH_DIR)/.done; fi
	@if [ -f $(TEXT_BENCH_DIR)/.done ]; then $(BUILD)/bench/bench_text $(TEXT_BENCH_DIR); else $(BUILD)/bench/bench_text; fi

bench: bench-text
