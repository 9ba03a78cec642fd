#!/bin/sh
# test_store_migrate.sh — a store whose saved story state cannot be used (an older format, a damaged piece, missing,
# scrambled story rows) keeps working: `rasd add` rebuilds the engine from the stored articles, says so on stderr, and
# the store's stories then equal those of one batch run over every article; a newer format is refused untouched, and a
# rebuild that fails loses nothing.
TEST=test_store_migrate
. tests/store_env.sh
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM

# New articles of the day after the examples: one more on the Jeddah floods, one on something else.
cat > "$T/new.jsonl" <<'EOF'
{"id": "mig-flood", "outlet": "الرصيف", "date": "2025-04-24", "url": "https://example.org/mig-flood", "title": "جدة تحصي خسائر السيول وعودة الدراسة الأحد", "text": "قال الدفاع المدني في جدة إن حصيلة ضحايا السيول التي اجتاحت أحياء المدينة استقرت عند سبعة قتلى، فيما تواصل الفرق البحث عن شخصين في عداد المفقودين.\nوأعلنت إدارة التعليم في محافظة جدة عودة الدراسة يوم الأحد المقبل في جميع المدارس بعد تعليقها ثلاثة أيام بسبب الأمطار الغزيرة."}
{"id": "mig-dates", "outlet": "صدى الرياض", "date": "2025-04-24", "title": "مزارعو القصيم يتوقعون موسما وفيرا للتمور", "text": "توقع مزارعو منطقة القصيم موسما وفيرا للتمور هذا العام بعد أمطار الشتاء، وقال رئيس جمعية المزارعين عبدالله السالم إن الإنتاج قد يتجاوز 400 ألف طن.\nوتستعد بريدة لاستضافة مهرجان التمور السنوي في آب/أغسطس المقبل بمشاركة أكثر من ألفي مزارع."}
EOF
cat > "$T/later.jsonl" <<'EOF'
{"id": "mig-later", "outlet": "المدار", "date": "2025-05-30", "title": "استمرار صرف تعويضات متضرري سيول جدة", "text": "واصلت لجنة حصر الأضرار في منطقة مكة المكرمة صرف التعويضات لمتضرري السيول التي شهدتها جدة في نيسان/أبريل الماضي، وقال المتحدث باسم اللجنة إن الدفعة الثانية تشمل 1200 أسرة."}
EOF

# What one batch over every article gives.
"$RASD" add -q --db "$T/fresh.db" examples/news "$T/new.jsonl" > /dev/null 2>&1
N=$(q "$T/fresh.db" 'select count(*) from articles')
NOLD=$(( $(q "$T/fresh.db" 'select count(*) from articles') - 2 ))
check "the reference store has every article" [ "$N" -ge 12 ]
STATE_V=$(q "$T/fresh.db" 'select substr(data, 8, 1) from link_state_chunks order by seq limit 1')
check "the reference store's state has a format version" [ -n "$STATE_V" ] && [ "$STATE_V" -ge 3 ]

stories() { q "$1" 'select id, title, size, outlets, first_date, last_date, storyline, view from stories order by id'; }
members() { q "$1" 'select a.id, a.story, o.id from articles a left join articles o on o.n = a.duplicate_of order by a.id'; }
dups() { q "$1" 'select a.id, o.id from duplicates d join articles a on a.n = d.article join articles o on o.n = d.original order by 1'; }
part() { q "$1" "select group_concat(id, ' ') from (select id, story from articles order by story, id) group by story order by min(id)"; }
same_as_fresh() { # $1 = name, $2 = store
  check "$1: the stories equal one batch run (rows and views)" [ "$(stories "$2")" = "$(stories "$T/fresh.db")" ]
  check "$1: every article is in the story of one batch run" [ "$(members "$2")" = "$(members "$T/fresh.db")" ]
  check "$1: the same duplicates" [ "$(dups "$2")" = "$(dups "$T/fresh.db")" ]
  check "$1: no leftover story terms or storylines" [ "$(q "$2" 'select (select count(*) from story_terms) + (select count(*) from storylines)')" = 0 ]
  check "$1: the state is saved again in the current format" [ "$(q "$2" 'select substr(data, 1, 8) from link_state_chunks order by seq limit 1')" = "RASDSTH$STATE_V" ]
  check "$1: the records are saved apart, once each" [ "$(q "$2" 'select count(*) > 0 from link_records')" = 1 ]
  check "$1: the state counts every article" [ "$(q "$2" 'select articles from link_state')" = "$N" ]
}

# A store of the examples whose state is then spoilt in one way, and a rasd add of the new articles.
spoil() { # $1 = name, $2 = SQL
  "$RASD" add -q --db "$T/$1.db" examples/news > /dev/null 2>&1
  q "$T/$1.db" "$2"
  "$RASD" add --db "$T/$1.db" "$T/new.jsonl" > "$T/$1.out" 2> "$T/$1.err"
  echo $? > "$T/$1.rc"
}

# 1. A state of format 2 (what rasd wrote before it saved the entity registry).
spoil old "UPDATE link_state_chunks SET data = CAST('RASDSTO2' AS BLOB) || substr(data, 9) WHERE seq = (SELECT min(seq) FROM link_state_chunks)"
check "format 2: rasd add succeeds" [ "$(cat "$T/old.rc")" = 0 ]
check "format 2: the articles are added" grep -q "^rasd add: 2 added, 0 duplicate, 0 failed" "$T/old.out"
check "format 2: one line says the state was rebuilt and why" \
  [ "$(cat "$T/old.err")" = "rasd: the story state was saved by an older rasd (format 2): rebuilt from the $NOLD stored articles" ]
same_as_fresh "format 2" "$T/old.db"
# The next batch goes on from the rebuilt state without rebuilding again.
"$RASD" add --db "$T/old.db" "$T/later.jsonl" > "$T/old2.out" 2> "$T/old2.err"
check "after a rebuild the next batch just adds" grep -q "^rasd add: 1 added, 0 duplicate, 0 failed" "$T/old2.out"
check "after a rebuild the next batch is quiet" [ ! -s "$T/old2.err" ]
"$RASD" add -q --db "$T/fresh2.db" examples/news "$T/new.jsonl" "$T/later.jsonl" > /dev/null 2>&1
check "after a rebuild the next batch gives the stories of one batch" [ "$(part "$T/old.db")" = "$(part "$T/fresh2.db")" ]

# 2. A damaged state: its last piece cut in half.
spoil cut "UPDATE link_state_chunks SET data = substr(data, 1, length(data) / 2) WHERE seq = (SELECT max(seq) FROM link_state_chunks)"
check "damaged state: rasd add succeeds" [ "$(cat "$T/cut.rc")" = 0 ]
check "damaged state: rebuilt, and said so" grep -q "^rasd: the story state in the store is damaged (.*): rebuilt from the $NOLD stored articles$" "$T/cut.err"
same_as_fresh "damaged state" "$T/cut.db"

# 3. No state while articles are stored, and story rows of another numbering (as a linker of old left them).
spoil none "DELETE FROM link_state; DELETE FROM link_state_chunks; UPDATE articles SET story = story + 100;
  UPDATE stories SET id = id + 100, storyline = 105; INSERT INTO story_terms VALUES(101, 'سيول', 1.5);
  INSERT INTO storylines VALUES(101, 'x'); INSERT INTO duplicates SELECT max(n), min(n), 0.9 FROM articles"
check "no state: rasd add succeeds" [ "$(cat "$T/none.rc")" = 0 ]
check "no state: rebuilt, and said so" grep -q "^rasd: the store has no story state for its articles: rebuilt from the $NOLD stored articles$" "$T/none.err"
same_as_fresh "no state" "$T/none.db"

# 4. Rows written before the store kept credits: the rebuild still gives every article its story of one batch run.
spoil nocred "UPDATE link_state_chunks SET data = CAST('RASDSTO2' AS BLOB) || substr(data, 9) WHERE seq = (SELECT min(seq) FROM link_state_chunks);
  UPDATE articles SET credits = NULL"
check "rows without credits: rasd add succeeds" [ "$(cat "$T/nocred.rc")" = 0 ]
check "rows without credits: same stories" [ "$(part "$T/nocred.db")" = "$(part "$T/fresh.db")" ]

# 5. A rebuild that fails inside its transaction loses nothing, and the next run rebuilds.
"$RASD" add -q --db "$T/fail.db" examples/news > /dev/null 2>&1
q "$T/fail.db" "UPDATE link_state_chunks SET data = CAST('RASDSTO2' AS BLOB) || substr(data, 9) WHERE seq = (SELECT min(seq) FROM link_state_chunks);
  CREATE TRIGGER no_rewrite BEFORE UPDATE ON stories BEGIN SELECT RAISE(ABORT, 'story rows are locked'); END;"
before=$(stories "$T/fail.db"; members "$T/fail.db"; q "$T/fail.db" 'select seq, hex(data) from link_state_chunks')
"$RASD" add --db "$T/fail.db" "$T/new.jsonl" > /dev/null 2> "$T/fail.err"
check "a failed rebuild is an error" [ $? != 0 ]
check "a failed rebuild names the cause" grep -q "story rows are locked" "$T/fail.err"
check "a failed rebuild changes nothing" [ "$(stories "$T/fail.db"; members "$T/fail.db"; q "$T/fail.db" 'select seq, hex(data) from link_state_chunks')" = "$before" ]
q "$T/fail.db" 'DROP TRIGGER no_rewrite'
"$RASD" add -q --db "$T/fail.db" "$T/new.jsonl" > /dev/null 2>&1
same_as_fresh "after a failed rebuild" "$T/fail.db"

# 6. A state of a newer format than this rasd reads is refused, and left as it is.
"$RASD" add -q --db "$T/new9.db" examples/news > /dev/null 2>&1
q "$T/new9.db" "UPDATE link_state_chunks SET data = CAST('RASDSTO9' AS BLOB) || substr(data, 9) WHERE seq = (SELECT min(seq) FROM link_state_chunks)"
"$RASD" add --db "$T/new9.db" "$T/new.jsonl" > /dev/null 2> "$T/new9.err"
check "a newer state is refused" [ $? != 0 ]
check "a newer state is refused with a clear message" grep -q "saved by a newer rasd (format 9; this rasd reads format $STATE_V" "$T/new9.err"
check "a newer state is not rebuilt" sh -c "! grep -q rebuilt '$T/new9.err'"
check "a newer state is left as it is" [ "$(q "$T/new9.db" 'select substr(data, 1, 8) from link_state_chunks order by seq limit 1')" = RASDSTO9 ]
check "a newer state: nothing added" [ "$(q "$T/new9.db" 'select count(*) from articles')" = "$NOLD" ]

# 7. A store of schema 8 (the engine's records as they are, not coded against their articles' texts) migrates: its
# records are read as they are, the next batches' are coded, and the stories are those of one batch run. Its records
# are made here by decoding the coded ones (a second reading of the format: row number, length, check value, coded
# length, then literal runs and copies of at least 8 bytes from the article's title, a newline and its text).
"$RASD" add -q --db "$T/s8.db" examples/news > /dev/null 2>&1
$PY - "$T/s8.db" <<'PYEOF'
import sqlite3, struct, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
def v(b, i):
    x = sh = 0
    while True:
        x |= (b[i] & 0x7f) << sh; sh += 7; i += 1
        if not b[i - 1] & 0x80: return x, i
raw = b''
for (data,) in c.execute('SELECT data FROM link_records WHERE coded = 1 ORDER BY seq').fetchall():
    i = 0
    while i < len(data):
        row, i = v(data, i); n, i = v(data, i); chk, i = v(data, i)
        if not row:
            rec = data[i:i + n]; i += n
        else:
            cl, i = v(data, i); end = i + cl
            t, x = c.execute('SELECT title, text FROM articles WHERE n = ?', (row,)).fetchone()
            d = (t or '').encode() + b'\n' + x.encode()
            rec = b''
            while True:
                l, i = v(data, i); rec += data[i:i + l]; i += l
                if len(rec) == n: break
                off, i = v(data, i); m, i = v(data, i); rec += d[off:off + m + 8]
                if len(rec) == n: break
            assert i == end
        assert len(rec) == n
        raw += struct.pack('=I', n) + rec
c.execute('BEGIN'); c.execute('DELETE FROM link_records')
c.execute('ALTER TABLE link_records DROP COLUMN coded')
for k in range(0, len(raw), 5000): c.execute('INSERT INTO link_records(seq, data) VALUES(?, ?)', (k // 5000, raw[k:k + 5000]))
c.execute("DELETE FROM fts_config WHERE k IN ('automerge', 'crisismerge')")
# quotes, dates and quantities as schema 8 had them: rowid tables with an index by article (quantities without idx)
for t, cols, idx in (('quotes', 'article INTEGER NOT NULL, idx INTEGER, speaker TEXT, entity INTEGER, role TEXT, cue TEXT,'
                      ' direct INTEGER, text TEXT, start INTEGER, end INTEGER', ('article', 'entity')),
                     ('dates', 'article INTEGER NOT NULL, idx INTEGER, text TEXT, value TEXT, calendar TEXT, hijri TEXT,'
                      ' relative INTEGER, start INTEGER, end INTEGER, sentence INTEGER, event INTEGER NOT NULL DEFAULT 0',
                      ('article',)),
                     ('quantities', 'article INTEGER NOT NULL, text TEXT, value REAL, unit TEXT, start INTEGER,'
                      ' end INTEGER, sentence INTEGER', ('article',))):
    names = ', '.join(x.split()[0] for x in cols.split(', '))
    c.execute('CREATE TABLE old_%s(%s)' % (t, cols))
    c.execute('INSERT INTO old_%s SELECT %s FROM %s ORDER BY article DESC' % (t, names, t))
    c.execute('DROP VIEW %s' % t); c.execute('ALTER TABLE old_%s RENAME TO %s' % (t, t))
    for k in idx: c.execute('CREATE INDEX %s_%s ON %s(%s)' % (t, k, t, k))
for col in ('quote_rows', 'date_rows', 'quantity_rows'): c.execute('ALTER TABLE articles DROP COLUMN %s' % col)
sys.path.insert(0, 'tests'); from store_old import entities_before_13
entities_before_13(c)
c.execute('PRAGMA user_version=8'); c.execute('COMMIT')
PYEOF
check "schema 8: the records are decoded as they were (raw rows)" [ "$(q "$T/s8.db" 'select count(*) > 1 from link_records')" = 1 ]
"$RASD" add --db "$T/s8.db" "$T/new.jsonl" > "$T/s8.out" 2> "$T/s8.err"
check "schema 8: rasd add succeeds without a rebuild" [ $? = 0 ] && [ ! -s "$T/s8.err" ]
check "schema 8: migrated" [ "$(q "$T/s8.db" 'pragma user_version')" -ge 13 ]
check "schema 8: the search index merges sixteen segments at a time" [ "$(q "$T/s8.db" "select v from fts_config where k = 'automerge'")" = 16 ]
check "schema 8: the search index writes leaves of 32000 bytes" [ "$(q "$T/s8.db" "select v from fts_config where k = 'pgsz'")" = 32000 ]
check "schema 8: search still finds its articles" sh -c "'$RASD' search --db '$T/s8.db' --format json 'جدة' | grep -q '\"results\": *\[{'"
check "schema 8: the old records stay as they are, the new ones are coded" \
  [ "$(q "$T/s8.db" 'select count(*) filter (where coded = 0) > 1, count(*) filter (where coded = 1) from link_records')" = "1|1" ]
same_as_fresh "schema 8" "$T/s8.db"
rows() { q "$1" "select a.id, x.* from $2 x join articles a on a.n = x.article order by a.id, x.idx"; }
for t in quotes dates quantities; do
  check "schema 8: the $t are kept, in their order, in their articles' rows" [ "$(rows "$T/s8.db" $t)" = "$(rows "$T/fresh.db" $t)" ] &&
    [ -n "$(rows "$T/fresh.db" $t)" ] && [ "$(q "$T/s8.db" "select type from sqlite_master where name = '$t'")" = view ]
done
"$RASD" add --db "$T/s8.db" "$T/later.jsonl" > /dev/null 2> "$T/s8b.err"
check "schema 8: the next batch reads both kinds of rows" [ ! -s "$T/s8b.err" ] && [ "$(part "$T/s8.db")" = "$(part "$T/fresh2.db")" ]

# 9. A store of schema 11 (quotes, dates and quantities as tables keyed (article, idx) without a rowid) migrates: the
# items move into their articles' rows, each as it was (one whose text is not its slice of the article keeps it), and
# read back through the views they are what a fresh store of schema 12 holds.
"$RASD" add -q --db "$T/s11.db" examples/news > /dev/null 2>&1
$PY - "$T/s11.db" <<'PYEOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN')
for t, cols in (('quotes', 'article INTEGER NOT NULL, idx INTEGER NOT NULL, speaker TEXT, entity INTEGER, role TEXT, cue TEXT,'
                 ' direct INTEGER, text TEXT, start INTEGER, end INTEGER'),
                ('dates', 'article INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT, value TEXT, calendar TEXT, hijri TEXT,'
                 ' relative INTEGER, start INTEGER, end INTEGER, sentence INTEGER, event INTEGER NOT NULL DEFAULT 0'),
                ('quantities', 'article INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT, value REAL, unit TEXT,'
                 ' start INTEGER, end INTEGER, sentence INTEGER')):
    names = ', '.join(x.split()[0] for x in cols.split(', '))
    c.execute('CREATE TABLE old_%s(%s, PRIMARY KEY(article, idx)) WITHOUT ROWID' % (t, cols))
    c.execute('INSERT INTO old_%s SELECT %s FROM %s' % (t, names, t))
    c.execute('DROP VIEW %s' % t); c.execute('ALTER TABLE old_%s RENAME TO %s' % (t, t))
c.execute('CREATE INDEX quotes_entity ON quotes(entity)')
c.execute("UPDATE quotes SET text = 'نص آخر: ' || text WHERE (article, idx) = (SELECT article, idx FROM quotes LIMIT 1)")
for col in ('quote_rows', 'date_rows', 'quantity_rows'): c.execute('ALTER TABLE articles DROP COLUMN %s' % col)
sys.path.insert(0, 'tests'); from store_old import entities_before_13
entities_before_13(c)
c.execute('PRAGMA user_version=11'); c.execute('COMMIT')
PYEOF
items() { for t in quotes dates quantities; do q "$1" "select x.* from $t x where x.article <= $2 order by x.article, x.idx"; done; }
OLDMAX=$(q "$T/s11.db" 'select max(n) from articles')
before=$(items "$T/s11.db" "$OLDMAX")
check "schema 11: the store has its items as tables" [ -n "$before" ] && [ "$(q "$T/s11.db" "select count(*) from sqlite_master where type = 'table' and name in ('quotes', 'dates', 'quantities')")" = 3 ]
"$RASD" add --db "$T/s11.db" "$T/new.jsonl" > /dev/null 2> "$T/s11.err"
check "schema 11: rasd add succeeds without a rebuild" [ $? = 0 ] && [ ! -s "$T/s11.err" ]
check "schema 11: migrated" [ "$(q "$T/s11.db" 'pragma user_version')" -ge 13 ]
check "schema 11: the old tables are views now" [ "$(q "$T/s11.db" "select group_concat(type) from sqlite_master where name in ('quotes', 'dates', 'quantities')")" = view,view,view ]
check "schema 11: the stored items read back as they were" [ "$(items "$T/s11.db" "$OLDMAX")" = "$before" ]
check "schema 11: a quote whose text is not its slice keeps its text" [ "$(q "$T/s11.db" "select count(*) from quotes where text like 'نص آخر: %'")" = 1 ]
q "$T/s11.db" "UPDATE articles SET quote_rows = json_remove(quote_rows, '\$[0][7]') WHERE n = (SELECT article FROM quotes WHERE text LIKE 'نص آخر: %')"
for t in quotes dates quantities; do
  check "schema 11: the $t equal a fresh store's" [ "$(rows "$T/s11.db" $t)" = "$(rows "$T/fresh.db" $t)" ]
done
same_as_fresh "schema 11" "$T/s11.db"
check "schema 11: an entity's quotes are found" [ "$(q "$T/s11.db" "select count(*) from quotes where entity is not null")" -gt 0 ]
ents() { q "$1" "select a.id, x.entity, x.n_mentions, x.role from article_entities x join articles a on a.n = x.article order by a.id, x.entity"; }
check "schema 11: the articles' entities equal a fresh store's" [ -n "$(ents "$T/fresh.db")" ] && [ "$(ents "$T/s11.db")" = "$(ents "$T/fresh.db")" ]
check "schema 11: an entity's articles are indexed as a fresh store's" \
  [ "$(q "$T/s11.db" 'select entity, article from entity_articles order by 1, 2')" = "$(q "$T/fresh.db" 'select entity, article from entity_articles order by 1, 2')" ]
check "schema 11: the articles' entities are a view" [ "$(q "$T/s11.db" "select type from sqlite_master where name = 'article_entities'")" = view ]

# 8. A coded record that no longer matches its article's text is a damaged state: rebuilt, and the stories are right.
"$RASD" add -q --db "$T/dict.db" examples/news > /dev/null 2>&1
q "$T/dict.db" "UPDATE articles SET text = 'و' || text WHERE n = (SELECT min(n) FROM articles)"
"$RASD" add --db "$T/dict.db" "$T/new.jsonl" > /dev/null 2> "$T/dict.err"
check "a record that does not decode: the state is rebuilt, and said so" grep -q "^rasd: the story state in the store is damaged" "$T/dict.err"
check "a record that does not decode: the stories of one batch run" [ "$(part "$T/dict.db")" = "$(part "$T/fresh.db")" ]
# A coded row cut short, or with a length far beyond what it holds: damaged, rebuilt.
for how in "substr(data, 1, length(data) - 7)" "X'01' || X'ffffffff0f' || substr(data, 2)"; do
  rm -f "$T/cut2.db"*
  "$RASD" add -q --db "$T/cut2.db" examples/news > /dev/null 2>&1
  q "$T/cut2.db" "UPDATE link_records SET data = $how WHERE seq = (SELECT max(seq) FROM link_records)"
  "$RASD" add --db "$T/cut2.db" "$T/new.jsonl" > /dev/null 2> "$T/cut2.err"
  check "a damaged coded row ($how): rebuilt, and said so" grep -q "^rasd: the story state in the store is damaged" "$T/cut2.err"
  check "a damaged coded row ($how): the stories of one batch run" [ "$(part "$T/cut2.db")" = "$(part "$T/fresh.db")" ]
done

echo "$P passed, $F failed"
[ "$F" = 0 ]
