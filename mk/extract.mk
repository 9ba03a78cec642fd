# extract.mk — quotes/dates/numbers targets: `make bench-extract` (CPU MB/s of the three stages on one core over
# SaudiNewsNet days; BENCH_FULL=1 also times the whole rasd_analyze) and `make eval-quotes` (dev-set P/R).
# fuzz/fuzz_analyze.c is built by mk/fuzz.mk (`make fuzz`, `make fuzz-smoke`).
SHARED        ?= ../shared
SNN_DIR       := $(SHARED)/data/news/saudinewsnet
BENCH_DAYS    ?= 2015-07-21 2015-07-22
BENCH_EXTRACT := $(BUILD)/bench/bench_extract
EXTRACT_TMP   ?= /tmp/rasd-bench-extract

.PHONY: bench-extract eval-quotes

$(BENCH_EXTRACT): bench/bench_extract.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

bench-extract: $(BENCH_EXTRACT)
	@test -d $(SNN_DIR) || { echo "bench-extract: $(SNN_DIR) not found (set SHARED=)"; exit 1; }
	@mkdir -p $(EXTRACT_TMP)
	@for d in $(BENCH_DAYS); do test -f $(EXTRACT_TMP)/$$d.json || unzip -o -q -d $(EXTRACT_TMP) $(SNN_DIR)/$$d.zip; done
	@$(BENCH_EXTRACT) $(addprefix $(EXTRACT_TMP)/,$(addsuffix .json,$(BENCH_DAYS)))

eval-quotes: all
	@sh eval/quotes_timex_dev.sh $(RASD)
