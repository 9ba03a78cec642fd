# store.mk — targets of the store/search/web stage: benchmarks of `rasd add` and `rasd serve`.
.PHONY: bench-add bench-serve

# bench-add: rasd add throughput against a bare FTS5 insert of the same cleaned text, in the same run.
bench-add: all $(BUILD)/bench/bench_fts
	@BENCH_FTS=$(BUILD)/bench/bench_fts sh bench/bench_add.sh $(RASD)

# bench-serve: wrk on /api/stories over loopback: requests/s, p99 latency, errors.
bench-serve: all
	@sh bench/bench_serve.sh $(RASD)

# bench_fts: the bare FTS5 insert (unicode61 or our tokenizer) that bench-add compares `rasd add` with.
$(BUILD)/bench/bench_fts: bench/bench_fts.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIBA) $(LDLIBS)
