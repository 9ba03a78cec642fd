#!/bin/sh
# test_store_incremental.sh — incremental = batch: articles added in batches (separate `rasd add` runs, or one run
# with small --batch) end with the cleaned texts and the stories of one `rasd add` over all of them: the cleaner's
# boilerplate statistics are kept in the store between runs, and a batch whose articles come before ones linked
# already (an older date, or ids in natural order "x:9" < "x:10") has everything linked again in publication order.
# On generated articles (outlets with boilerplate lines, topics from the examples, dates out of order), and on the
# first articles of a real SaudiNewsNet day when ../shared is there (400 in batches of 100; 120 in 40s under ASan).
TEST=test_store_incremental
. tests/store_env.sh
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
# the stories as sets of article ids, one line each; the cleaned texts
part() { q "$1" "select group_concat(id, ' ') from (select id, story from articles order by story, id) group by story order by min(id)"; }
texts() { q "$1" "select id, hash from articles order by id"; }
nstories() { q "$1" "select count(distinct story) from articles"; }

# Generated articles: topics from the examples' sentences, three outlets each with a footer line repeated in its
# articles (boilerplate from the third article on), dates over three days with some older articles late in the file.
"$RASD" read examples/news 2>/dev/null > "$T/ex.jsonl"
$PY - "$T" <<'PYEOF'
import json, random, re, sys
t = sys.argv[1]
rng = random.Random(11)
topics = []
for l in open(t + '/ex.jsonl'):
    d = json.loads(l)
    s = [x.strip() for p in d.get('paragraphs') or [] for x in re.split(r'(?<=[.!؟])\s+', p) if len(x.strip()) > 50]
    if len(s) >= 4: topics.append((d.get('title') or '', s))
outlets = [('صدى الرياض', 'تابعوا آخر الأخبار على حساب صدى الرياض في تويتر'),
           ('الرصيف', 'جميع الحقوق محفوظة لموقع الرصيف الإخباري'),
           ('المدار', 'اقرأ أيضا في المدار: ملفات الأسبوع')]
places = ['جدة', 'الرياض', 'الدمام', 'تبوك', 'أبها', 'حائل', 'جازان', 'نجران', 'القصيم', 'الطائف']
with open(t + '/gen.jsonl', 'w') as o:
    for k in range(1, 121):
        ti, sents = topics[k % len(topics)]
        outlet, footer = outlets[k % 3]
        day = 1 + (k - 1) // 40
        if k % 17 == 0: day = 1   # an older article late in the file: a later batch comes before linked ones
        paras = rng.sample(sents, min(3, len(sents)))
        paras.append('وقال مصدر في %s إن عدد الحالات بلغ %d حالة حتى مساء اليوم.' % (places[k % 10], 100 + 7 * k))
        paras.append(footer)
        o.write(json.dumps({'id': 'gen:%d' % k, 'outlet': outlet, 'date': '2025-06-%02d' % day,
                            'title': '%s (%d)' % (ti, k), 'text': '\n'.join(paras)}, ensure_ascii=False) + '\n')
PYEOF
split -l 25 -d "$T/gen.jsonl" "$T/gen-part-"
check "generated articles" [ "$(wc -l < "$T/gen.jsonl")" = 120 ]

"$RASD" add -q --batch 100000 --db "$T/one.db" "$T/gen.jsonl" > /dev/null 2>&1
for p in "$T"/gen-part-*; do "$RASD" add -q --db "$T/runs.db" "$p" > /dev/null 2>&1; done
"$RASD" add -q --batch 7 --db "$T/small.db" "$T/gen.jsonl" > /dev/null 2>&1
check "one run stores every article" [ "$(q "$T/one.db" 'select count(*) from articles')" = 120 ]
check "one run removes the footers as boilerplate" [ "$(q "$T/one.db" "select count(*) from articles where text like '%جميع الحقوق محفوظة%'")" -le 3 ]
check "batches in separate runs: every article" [ "$(q "$T/runs.db" 'select count(*) from articles')" = 120 ]
check "batches in separate runs: the cleaner's statistics are kept in the store" [ "$(q "$T/runs.db" 'select length(data) > 15 from reader_state')" = 1 ]
check "batches in separate runs: the same cleaned texts as one run" [ "$(texts "$T/runs.db")" = "$(texts "$T/one.db")" ]
check "batches in separate runs: the same stories as one run" [ "$(part "$T/runs.db")" = "$(part "$T/one.db")" ]
check "batches of 7 in one run: the same stories as one run" [ "$(part "$T/small.db")" = "$(part "$T/one.db")" ]
check "the topics make stories of several articles" [ "$(q "$T/one.db" 'select max(size) from stories')" -ge 3 ]
check "every story row counts its articles" [ "$(q "$T/runs.db" 'select count(*) from stories s where size <> (select count(*) from articles a where a.story = s.id)')" = 0 ]
check "no story row without articles" [ "$(q "$T/runs.db" 'select count(*) from stories')" = "$(nstories "$T/runs.db")" ]
# Re-adding a batch cleans nothing again: the statistics stay those of one run.
before=$(q "$T/runs.db" 'select hex(data) from reader_state')
"$RASD" add -q --db "$T/runs.db" "$T/gen-part-01" > "$T/re.out" 2>/dev/null
check "re-adding a batch adds nothing" grep -q "^rasd add: 0 added, 25 duplicate" "$T/re.out"
check "re-adding a batch leaves the cleaner's statistics as they were" [ "$(q "$T/runs.db" 'select hex(data) from reader_state')" = "$before" ]
# A damaged reader state is said and started afresh; the articles are still added.
q "$T/dmg.db" "" ; "$RASD" add -q --db "$T/dmg.db" "$T/gen-part-00" > /dev/null 2>&1
q "$T/dmg.db" "UPDATE reader_state SET data = X'00112233'"
"$RASD" add --db "$T/dmg.db" "$T/gen-part-01" > "$T/dmg.out" 2> "$T/dmg.err"
check "a damaged reader state is said" grep -q "reader state in the store cannot be used" "$T/dmg.err"
check "a damaged reader state: the articles are added" grep -q "^rasd add: 25 added" "$T/dmg.out"

# A real SaudiNewsNet day (its first articles): one run against batches in separate runs.
SHARED=$(cd "${RASD_SHARED:-../shared}" 2>/dev/null && pwd)
ZIP=$(ls "$SHARED"/data/news/saudinewsnet/*.zip 2>/dev/null | head -1)
if [ -z "$ZIP" ] || ! command -v unzip >/dev/null 2>&1; then
  echo "SKIP test_store_incremental: SaudiNewsNet day: ../shared (or unzip) is absent" >&2
  S=$((S + 1))
else
  N=400; B=100; case "$BUILD" in *san*) N=120; B=40 ;; esac  # quick under the sanitizers
  (cd "$T" && unzip -q -o "$ZIP")
  DAY=$(ls "$T"/*.json | head -1)
  $PY - "$DAY" "$T" "$N" <<'PYEOF'
import json, os, sys
day, t, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = os.path.basename(day)[:-5]
docs = json.load(open(day))[:n]
with open(t + '/snn.jsonl', 'w') as o:
    for i, d in enumerate(docs):
        d['id'] = '%s:%d' % (base, i + 1)   # the ids the reader gives the records of the day's file
        o.write(json.dumps(d, ensure_ascii=False) + '\n')
PYEOF
  split -l $B -d "$T/snn.jsonl" "$T/snn-part-"
  "$RASD" add -q --batch 100000 --db "$T/snn-one.db" "$T/snn.jsonl" > /dev/null 2>&1
  for p in "$T"/snn-part-*; do "$RASD" add -q --db "$T/snn-runs.db" "$p" > /dev/null 2>&1; done
  A=$(nstories "$T/snn-one.db")
  echo "test_store_incremental: SaudiNewsNet $(basename "$DAY" .json), first $N articles: one run $A stories, batches of $B in separate runs $(nstories "$T/snn-runs.db")" >&2
  check "SaudiNewsNet: articles stored" [ "$(q "$T/snn-one.db" 'select count(*) from articles')" -ge $((N * 8 / 10)) ]
  check "SaudiNewsNet: batches give the cleaned texts of one run" [ "$(texts "$T/snn-runs.db")" = "$(texts "$T/snn-one.db")" ]
  check "SaudiNewsNet: batches give the stories of one run" [ "$(part "$T/snn-runs.db")" = "$(part "$T/snn-one.db")" ]
fi

echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
