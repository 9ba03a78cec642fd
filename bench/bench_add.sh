#!/bin/sh
# bench_add.sh — `rasd add` next to a bare FTS5 insert (sqlite3 CLI, unicode61 tokenizer, one transaction) of the
# same cleaned titles and texts, in the same run; median of RUNS runs of wall and CPU time (CPU time is what to
# compare on a loaded machine). `rasd add --timing` splits its CPU time into reading, analysis and the store.
# Input: one SaudiNewsNet day from ../shared when present (BENCH_DAY=N picks the Nth), else examples/news.
RASD=${1:-build/rasd}
RUNS=${RUNS:-3}
W=$(mktemp -d "${TMPDIR:-/tmp}/rasd-bench-add-XXXXXX")
trap 'rm -rf "$W"' EXIT
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
command -v sqlite3 >/dev/null || { echo "bench-add: the sqlite3 CLI is needed: apt-get install sqlite3"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-add: /usr/bin/time is needed: apt-get install time"; exit 1; }
SHARED=$(cd "${RASD_SHARED:-../shared}" 2>/dev/null && pwd)
ZIP=$(ls "$SHARED"/data/news/saudinewsnet/*.zip 2>/dev/null | sed -n "${BENCH_DAY:-1}p")
if [ -n "$ZIP" ]; then
  (cd "$W" && unzip -q -o "$ZIP")
  IN=$(ls "$W"/*.json | head -1)
  echo "bench-add: input SaudiNewsNet $(basename "$ZIP" .zip) ($(du -h "$IN" | cut -f1))"
else
  IN=examples/news
  echo "bench-add: ../shared absent: input examples/news (too small for stable numbers)"
fi
# The same cleaned text for both: what `rasd read` gives (paragraphs joined by newlines, as the store keeps it).
"$RASD" read "$IN" 2>/dev/null | $PY -c "
import json, sys
n = b = 0
o = open('$W/insert.sql', 'w')
o.write('PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nCREATE VIRTUAL TABLE fts USING fts5(title, text);\nBEGIN;\n')
for line in sys.stdin:
    d = json.loads(line)
    t = d.get('title') or ''; x = '\n'.join(d.get('paragraphs') or [])
    o.write(\"INSERT INTO fts(title, text) VALUES('%s', '%s');\n\" % (t.replace(\"'\", \"''\"), x.replace(\"'\", \"''\")))
    n += 1; b += len(x.encode())
o.write('COMMIT;\n')
print(n, b, file=open('$W/size', 'w'))
"
read N BYTES < "$W/size"
t() { /usr/bin/time -f '%e %U %S' -o "$W/t" "$@"; awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$W/t"; }
for r in $(seq "$RUNS"); do
  rm -f "$W/bare.db"*; t sh -c "sqlite3 '$W/bare.db' < '$W/insert.sql' > /dev/null" >> "$W/bare.t"
  rm -f "$W/rasd.db"*; t "$RASD" add -q --timing --db "$W/rasd.db" "$IN" 2>>"$W/timing" >> "$W/add.out" >> "$W/add.t"
done
med() { sort -n -k"$2" "$1" | awk -v k="$2" '{a[NR]=$k} END {print a[int((NR+1)/2)]}'; }
BW=$(med "$W/bare.t" 1); BC=$(med "$W/bare.t" 2); AW=$(sed -n '/^[0-9]/p' "$W/add.t" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
AC=$(sed -n '/^[0-9]/p' "$W/add.t" | sort -n -k2 | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}')
STORE=$(sed -n 's/.*store (index, link, commit) \([0-9.]*\) s.*/\1/p' "$W/timing" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "bench-add: $N articles, $BYTES bytes of cleaned text, median of $RUNS runs (wall / CPU seconds):"
printf "  bare FTS5 insert (sqlite3 CLI, unicode61): %7.3f / %7.3f s  %7.0f articles/CPU-s\n" "$BW" "$BC" "$(echo "$N $BC" | awk '{print $1/$2}')"
printf "  rasd add (read, clean, analyse, store):    %7.3f / %7.3f s  %7.0f articles/CPU-s\n" "$AW" "$AC" "$(echo "$N $AC" | awk '{print $1/$2}')"
printf "    of which the store (index, link, commit):          %7.3f s\n" "$STORE"
grep -m1 '^rasd add:' "$W/add.out" | sed 's/^/  /'
echo "$AC $BC $STORE" | awk '{printf "  ratio rasd add / bare FTS5 (CPU) = %.2fx; store part alone / bare FTS5 = %.2fx (goal <= 1.3x)\n", $1/$2, $3/$2}'
