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
