#!/bin/sh
# test_store_add.sh — `rasd add` end to end: idempotent re-adds, two date-ordered batches give the stories of one
# batch, a real kill -9 in the middle of an ingest leaves a consistent store that a re-run completes without
# duplicates, the summary line, and no progress bar when stderr is not a terminal.
TEST=test_store_add
. tests/store_env.sh
APID=""
trap '[ -n "$APID" ] && kill -9 $APID 2>/dev/null; rm -rf "$T"' EXIT INT TERM

# The examples as JSON Lines (what rasd read gives), split by publication date.
"$RASD" read examples/news 2>/dev/null > "$T/all.jsonl"
$PY - "$T" <<'PYEOF'
import json, sys
t = sys.argv[1]
docs = [json.loads(l) for l in open(t + '/all.jsonl')]
for d in docs:
    d['text'] = '\n'.join(d.get('paragraphs') or [])
docs.sort(key=lambda d: (d.get('date') or '9999', d['id']))
keep = ['id', 'outlet', 'url', 'date', 'title', 'text']
def dump(name, ds):
    with open(t + '/' + name, 'w') as o:
        for d in ds:
            o.write(json.dumps({k: d.get(k) for k in keep}, ensure_ascii=False) + '\n')
dump('docs.jsonl', docs)
half = len(docs) // 2
while 0 < half < len(docs) and docs[half]['date'] == docs[half - 1]['date']:
    half += 1
dump('old.jsonl', docs[:half]); dump('new.jsonl', docs[half:])
# 400 distinct articles for the kill test (many batches): paragraphs mixed from the examples' sentences, each
# with its own numbers, so that neither the duplicate check nor the cleaner's boilerplate statistics drop them.
import random, re
rng = random.Random(7)
sents = [x.strip() for d in docs for x in re.split(r'(?<=[.!؟])\s+', d['text']) if len(x.strip()) > 40]
places = ['جدة', 'الرياض', 'الدمام', 'تبوك', 'أبها', 'حائل', 'جازان', 'نجران', 'القصيم', 'الطائف']
with open(t + '/many.jsonl', 'w') as o:
    for k in range(400):
        paras = []
        for p in range(4):
            paras.append(' '.join(rng.sample(sents, 2)) + ' وبلغ عدد المشاركين %d شخصا في %s خلال اليوم %d.' % (k * 7 + p, places[(k + p) % 10], p + 1))
        day = 1 + k // 40
        o.write(json.dumps({'id': 'syn-%04d' % k, 'outlet': 'وكالة %d' % (k % 5), 'date': '2025-06-%02d' % day,
                            'title': 'خبر رقم %d من %s' % (k, places[k % 10]), 'text': '\n'.join(paras)}, ensure_ascii=False) + '\n')
PYEOF
N=$(wc -l < "$T/docs.jsonl")
check "the examples give articles" [ "$N" -ge 10 ]

# Idempotent: the same articles again add nothing.
"$RASD" add --db "$T/a.db" "$T/docs.jsonl" > "$T/out1" 2> "$T/err1"
check "first add adds every article" grep -q "^rasd add: $N added, 0 duplicate, 0 failed; stories: [1-9][0-9]* new" "$T/out1"
check "no progress bar when stderr is not a terminal" sh -c "! grep -q \"\$(printf '\\r')\" '$T/err1'"
"$RASD" add --db "$T/a.db" "$T/docs.jsonl" examples/news > "$T/out2" 2>/dev/null
check "re-adding adds nothing" grep -q "^rasd add: 0 added, $((N * 2)) duplicate, 0 failed; stories: 0 new, 0 grown" "$T/out2"
check "still $N articles" [ "$(q "$T/a.db" 'select count(*) from articles')" = "$N" ]
# Within one input and one batch: every article again right after it (both read and analysed before either is put).
sed 'p' "$T/docs.jsonl" > "$T/twice.jsonl"
"$RASD" add --db "$T/t.db" "$T/twice.jsonl" > "$T/out_t" 2>/dev/null
check "an article twice in one batch is added once" grep -q "^rasd add: $N added, $N duplicate, 0 failed" "$T/out_t"
check "  and stored once" [ "$(q "$T/t.db" 'select count(*) from articles')" = "$N" ]
check "every article has a story" [ "$(q "$T/a.db" 'select count(*) from articles where story is null')" = 0 ]
check "the story engine's state is kept" [ "$(q "$T/a.db" 'select articles from link_state')" = "$N" ]

# Incremental = batch: older half, then newer half, gives the stories of one run over everything.
"$RASD" add -q --db "$T/b.db" "$T/old.jsonl" > /dev/null 2>&1
"$RASD" add -q --db "$T/b.db" "$T/new.jsonl" > "$T/out3" 2>/dev/null
check "the second batch grows or adds stories" grep -qE "stories: [0-9]+ new, [0-9]+ grown" "$T/out3"
part() { q "$1" "select group_concat(id, ' ') from (select id, story from articles order by story, id) group by story order by min(id)"; }
check "two batches = one batch (same stories)" [ "$(part "$T/a.db")" = "$(part "$T/b.db")" ]
check "two batches = one batch (same storylines)" [ "$(q "$T/a.db" 'select count(distinct storyline) from stories')" = "$(q "$T/b.db" 'select count(distinct storyline) from stories')" ]
check "the engine's state is kept in pieces" [ "$(q "$T/b.db" 'select count(*) > 0 and sum(length(data)) > 1000 from link_state_chunks')" = 1 ]

# A store of schema 3 (the engine's state one blob in link_state; a row per sentence and per mention) goes on where
# it was: the next rasd add loads the blob, keeps the state in pieces, packs the rows, and gives the same stories.
"$RASD" add -q --db "$T/l.db" "$T/old.jsonl" > /dev/null 2>&1
q "$T/l.db" 'select n, sentences, mentions from articles order by n' > "$T/packed5"
$PY - "$T/l.db" <<'PYEOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
blob = b''.join(r[0] for r in c.execute('SELECT data FROM link_state_chunks ORDER BY seq'))
c.execute('BEGIN'); c.execute('UPDATE link_state SET state = ?', (blob,)); c.execute('DROP TABLE link_state_chunks')
c.execute('CREATE TABLE sentences(article INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL,'
          ' end INTEGER NOT NULL, paragraph INTEGER, PRIMARY KEY(article, idx)) WITHOUT ROWID')
c.execute("INSERT INTO sentences SELECT a.n, j.key, j.value->>0, j.value->>1, j.value->>2 FROM articles a, json_each(a.sentences) j")
c.execute('CREATE TABLE mentions(article INTEGER NOT NULL, start INTEGER, end INTEGER, type TEXT, text TEXT, entity INTEGER)')
c.execute("INSERT INTO mentions SELECT a.n, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4"
          " FROM articles a, json_each(a.mentions) j ORDER BY a.n, j.key")
c.execute('ALTER TABLE articles DROP COLUMN sentences'); c.execute('ALTER TABLE articles DROP COLUMN mentions')
c.execute('ALTER TABLE articles DROP COLUMN credits'); c.execute('DROP TABLE IF EXISTS reader_state')
c.execute('DROP TABLE IF EXISTS link_records')
for t, col in (('quotes', 'quote_rows'), ('dates', 'date_rows'), ('quantities', 'quantity_rows')): # tables then
    c.execute('CREATE TABLE old_%s AS SELECT * FROM %s' % (t, t)); c.execute('DROP VIEW %s' % t)
    c.execute('ALTER TABLE old_%s RENAME TO %s' % (t, t)); c.execute('ALTER TABLE articles DROP COLUMN %s' % col)
sys.path.insert(0, 'tests'); from store_old import entities_before_13
entities_before_13(c)
c.execute('PRAGMA user_version=3'); c.execute('COMMIT')
PYEOF
check "a schema 3 store has its sentences in rows" [ "$(q "$T/l.db" 'select count(*) > 10 from sentences')" = 1 ]
check "a schema 3 store is refused read-only" sh -c "! '$RASD' search --db '$T/l.db' x >/dev/null 2>&1"
"$RASD" add -q --db "$T/l.db" "$T/old.jsonl" > /dev/null 2>&1
check "a schema 3 store packs its sentences and mentions" [ "$(q "$T/l.db" 'select n, sentences, mentions from articles order by n')" = "$(cat "$T/packed5")" ]
"$RASD" add -q --db "$T/l.db" "$T/new.jsonl" > /dev/null 2>&1
check "a schema 3 store migrates" [ "$(q "$T/l.db" 'pragma user_version')" -ge 4 ]
check "a schema 3 store gives the same stories" [ "$(part "$T/l.db")" = "$(part "$T/a.db")" ]
check "a schema 3 store keeps its state in pieces" [ "$(q "$T/l.db" 'select length(state) = 0 from link_state')" = 1 ]

# kill -9 in the middle of an ingest of many batches, then a re-run.
M=$(wc -l < "$T/many.jsonl")
"$RASD" add -q --batch 40 --db "$T/k.db" "$T/many.jsonl" > /dev/null 2>&1 &
APID=$!
i=0
while [ $i -lt 300 ]; do
  c=$(q "$T/k.db" 'select count(*) from articles'); c=${c:-0}
  [ "$c" -ge 80 ] && break
  sleep 0.1; i=$((i + 1))
done
if kill -0 $APID 2>/dev/null; then
  kill -9 $APID; wait $APID 2>/dev/null; APID=""
  C=$(q "$T/k.db" 'select count(*) from articles')
  check "killed mid-ingest ($C of $M articles committed)" [ "$C" -gt 0 ] && [ "$C" -lt "$M" ]
  check "only whole batches were committed" [ $((C % 40)) = 0 ]
  check "the store is consistent after kill -9" [ "$(q "$T/k.db" 'pragma integrity_check')" = ok ]
  check "every committed article has its story" [ "$(q "$T/k.db" 'select count(*) from articles where story is null')" = 0 ]
  "$RASD" add -q --batch 40 --db "$T/k.db" "$T/many.jsonl" > "$T/out4" 2>/dev/null
  check "the re-run adds the rest" grep -q "^rasd add: $((M - C)) added, $C duplicate, 0 failed" "$T/out4"
  check "no duplicates after the re-run" [ "$(q "$T/k.db" 'select count(*) = count(distinct id) and count(*) = '$M' from articles')" = 1 ]
  check "the engine's state counts every article" [ "$(q "$T/k.db" 'select articles from link_state')" = "$M" ]
else
  S=$((S + 1)); echo "SKIP kill -9: rasd add finished before it could be killed" >&2
fi
# Bad input: a store path that is not a store; a missing directory.
echo "not a database" > "$T/bad.db"
check "a file that is not a store is refused" sh -c "! '$RASD' add -q --db '$T/bad.db' '$T/docs.jsonl' >/dev/null 2>&1"
check "add without --db is a usage error" sh -c "'$RASD' add '$T/docs.jsonl' >/dev/null 2>&1; [ \$? = 2 ]"
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
