# names.mk — the gazetteer compiler and `make gazetteer` (rebuilds data/gazetteer.bin from ../shared/data/names).
SHARED     ?= ../shared
NAMES_DATA ?= $(SHARED)/data/names
GAZC       := $(BUILD)/tools/gazc

.PHONY: gazetteer eval-names

$(GAZC): tools/gazc.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

gazetteer: $(GAZC)
	@test -d $(NAMES_DATA) || { echo "make gazetteer: $(NAMES_DATA) not found (set SHARED=)"; exit 1; }
	$(GAZC) --extra tools/gazetteer-extra.tsv \
	  --countries $(NAMES_DATA)/countries-gazetteer-mledoze/countries.json \
	  --cities $(NAMES_DATA)/world-cities-ar-en/world-cities.jsonl \
	  --anetac "$(NAMES_DATA)/anetac-en-ar-ne-transliteration/EN-AR_Named-entities.txt" \
	  -o data/gazetteer.bin
	@ls -l data/gazetteer.bin

# eval-names: the name-pair matcher's precision/recall/F1 on pairs built from ../shared/data/names.
eval-names: all
	python3 eval/name_pairs.py --rasd $(RASD) --names $(NAMES_DATA)

# names-model: trains the name-spelling model on the dev part of the name pairs (never the test part) and
# writes src/extract/names_model.inc; deterministic. Then rebuilds rasd and prints dev and test F1.
NAMES_TRAIN := $(BUILD)/tools/names_train
NAMES_TMP   ?= /tmp/rasd-names-model

$(NAMES_TRAIN): tools/names_train.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

.PHONY: names-model
names-model: $(NAMES_TRAIN)
	@test -d $(NAMES_DATA) || { echo "make names-model: $(NAMES_DATA) not found (set SHARED=)"; exit 1; }
	@mkdir -p $(NAMES_TMP)
	python3 eval/name_pairs.py --names $(NAMES_DATA) --part dev --dump $(NAMES_TMP)/dev.tsv
	$(NAMES_TRAIN) $(NAMES_TMP)/dev.tsv -o src/extract/names_model.inc
	@$(MAKE) --no-print-directory all
	python3 eval/name_pairs.py --rasd $(RASD) --names $(NAMES_DATA) --part dev
	python3 eval/name_pairs.py --rasd $(RASD) --names $(NAMES_DATA) --part test

# names-ceiling: what a flexible learner reaches on the dev name pairs with sensible (monotone) features and
# unconstrained (learning the pair set's construction); needs python3-sklearn (Debian), not part of make test.
PYSYS ?= /usr/bin/python3
.PHONY: names-ceiling
names-ceiling: $(NAMES_TRAIN)
	@$(PYSYS) -c 'import sklearn' 2>/dev/null || apt-get install -y python3-sklearn >/dev/null 2>&1 || true
	$(PYSYS) eval/name_pairs_ceiling.py $(NAMES_DATA) $(NAMES_TRAIN)
