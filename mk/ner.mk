# ner.mk — NER model targets: `make model` retrains data/ner.model, `make eval-ner` scores it, `make bench-ner` times it.
SHARED     ?= ../shared
NER_DATA   := $(SHARED)/data/ner
NER_TRAIN  := $(BUILD)/tools/train_ner
NER_OUT    := $(BUILD)/ner
NER_ARGS   ?= --names $(SHARED)/data/names --news $(SHARED)/data/news/saudinewsnet --cluster-sets 2 --cluster-k 64 --cluster-stop 200 --epochs 14 --runs 8 --drop 15 --bits 18 --seed 20231
PYTHON     ?= python3

.PHONY: model eval-ner bench-ner

$(NER_TRAIN): tools/train_ner.c src/extract/ner.h $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

# model: retrain deterministically on ANERcorp (every 10th sentence held out as dev) + ANERgazet, with word clusters
# learnt from the SaudiNewsNet days (unlabelled).
model: $(NER_TRAIN)
	@test -f $(NER_DATA)/anercorp-train.conll || { echo "model: $(NER_DATA)/anercorp-train.conll is missing (set SHARED=)"; exit 1; }
	@mkdir -p $(NER_OUT) data
	$(NER_TRAIN) --train $(NER_DATA)/anercorp-train.conll --gaz $(NER_DATA)/anergazet --out data/ner.model \
	  $(NER_ARGS) --dev-gold $(NER_OUT)/dev.gold --dev-pred $(NER_OUT)/dev.train-pred
	@$(PYTHON) $(SHARED)/tools/conll_f1.py $(NER_OUT)/dev.gold $(NER_OUT)/dev.train-pred

# eval-ner: dev F1 through `rasd tag --conll` with the committed model, and the Wojood warning figure.
eval-ner: $(RASD)
	@mkdir -p $(NER_OUT)
	@awk 'BEGIN{RS="";ORS="\n\n"} NR%10==0' $(NER_DATA)/anercorp-train.conll > $(NER_OUT)/dev.gold
	@$(RASD) tag --conll --data data $(NER_OUT)/dev.gold > $(NER_OUT)/dev.pred
	@printf 'ANERcorp dev (every 10th sentence): '; $(PYTHON) $(SHARED)/tools/conll_f1.py $(NER_OUT)/dev.gold $(NER_OUT)/dev.pred
	@$(PYTHON) eval/wojood_flat.py $(NER_DATA)/wojood-sample/train.txt $(NER_DATA)/wojood-sample/val.txt \
	  $(NER_DATA)/wojood-sample/test.txt > $(NER_OUT)/wojood.gold
	@$(RASD) tag --conll --data data $(NER_OUT)/wojood.gold | sed 's/\t[BI]-MISC$$/\tO/' > $(NER_OUT)/wojood.pred
	@printf 'Wojood sample, PERS/LOC(+GPE)/ORG (out of domain, warning only): '; \
	  $(PYTHON) $(SHARED)/tools/conll_f1.py $(NER_OUT)/wojood.gold $(NER_OUT)/wojood.pred

# bench-ner: model load time, tagging speed on one core, model size.
bench-ner: $(NER_TRAIN)
	@$(NER_TRAIN) --bench data/ner.model $(NER_DATA)/anercorp-train.conll
