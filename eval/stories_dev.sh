#!/bin/sh
# stories_dev.sh — B-cubed and pairwise F1 of `rasd stories` on the hand-grouped dev set eval/stories-dev.tsv,
# next to a plain TF-IDF cosine single-link baseline on the same articles. Skips without ../shared.
# usage: sh eval/stories_dev.sh [RASD]   (RASD defaults to build/rasd; SHARED to ../shared; ERRORS=1 lists the errors;
#        HALF=A or HALF=B keeps the stories of one half only: split by crc32 of the story label, A even, B odd;
#        tune on A, report B)
set -u
RASD=${1:-${RASD:-build/rasd}}
SHARED=${SHARED:-../shared}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$SHARED/data/news/saudinewsnet" ]; then echo "SKIP: $SHARED/data/news/saudinewsnet not found"; exit 0; fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
# The dev set stores references only (day, record index, story): rebuild the articles from the zips.
python3 - "$HERE/stories-dev.tsv" "$SHARED/data/news/saudinewsnet" "$T" <<'PY'
import json, sys, zipfile, os, zlib
tsv, zdir, out = sys.argv[1:4]
rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8') if l.strip() and not l.startswith('#')]
half = os.environ.get('HALF', '')
if half in ('A', 'B'):
    rows = [r for r in rows if zlib.crc32(r[2].encode('utf-8')) % 2 == (half == 'B')]
days = {}
with open(os.path.join(out, 'dev.jsonl'), 'w', encoding='utf-8') as f, open(os.path.join(out, 'gold.tsv'), 'w', encoding='utf-8') as g:
    for day, idx, story in rows:
        if day not in days:
            z = zipfile.ZipFile(os.path.join(zdir, day + '.zip'))
            days[day] = json.loads(z.read([n for n in z.namelist() if n.endswith('.json')][0]))
        r = days[day][int(idx)]
        aid = f'{day}-{idx}'
        f.write(json.dumps({'id': aid, 'date': r['date_extracted'][:10], 'title': r['title'], 'source': r['source'],
                            'content': r['content']}, ensure_ascii=False) + '\n')
        g.write(f'{aid}\t{story}\n')
print(f'dev set: {len(rows)} articles, {len(set(r[2] for r in rows))} stories', file=sys.stderr)
PY
start=$(date +%s.%N)
"$RASD" stories --format json -q "$T/dev.jsonl" >"$T/out.json" 2>"$T/err" || { echo "rasd stories failed: $(head -c 300 "$T/err")"; exit 1; }
end=$(date +%s.%N)
echo "rasd stories:              B3 F1 $(python3 "$SHARED/tools/bcubed.py" "$T/gold.tsv" "$T/out.json")"
for th in 0.2 0.25 0.3; do
  python3 "$HERE/tfidf_baseline.py" "$T/dev.jsonl" $th >"$T/base.json"
  echo "tf-idf single-link th=$th: B3 F1 $(python3 "$SHARED/tools/bcubed.py" "$T/gold.tsv" "$T/base.json")"
done
# ERRORS=1: the false merges and the missed pairs, with titles (for studying the errors; never special-case them).
if [ "${ERRORS:-0}" = 1 ]; then
python3 - "$T/gold.tsv" "$T/dev.jsonl" "$T/out.json" <<'PY'
import json, sys
from collections import defaultdict
gold = dict(l.split('\t')[:2] for l in open(sys.argv[1], encoding='utf-8').read().splitlines() if l.strip())
arts = {}
for l in open(sys.argv[2], encoding='utf-8'):
    r = json.loads(l); arts[r['id']] = r
pred = {a: s['id'] for s in json.load(open(sys.argv[3]))['stories'] for a in s['articles']}
P, G = defaultdict(list), defaultdict(list)
for a in gold: P[pred.get(a)].append(a); G[gold[a]].append(a)
t = lambda a: f"{a:>16} {arts[a]['source'][:8]:8} {arts[a]['title'][:90]}"
print('== false merges (one predicted story, several gold stories)')
for p, m in P.items():
    if len(set(gold[a] for a in m)) > 1:
        print(f'-- story {p}'); [print(f'   [{gold[a][:20]:20}] {t(a)}') for a in sorted(m, key=lambda a: gold[a])]
print('== missed pairs (one gold story, several predicted stories)')
for g, m in G.items():
    if len(set(pred.get(a) for a in m)) > 1:
        print(f'-- gold {g}'); [print(f'   [story {pred.get(a)}] {t(a)}') for a in sorted(m, key=lambda a: str(pred.get(a)))]
PY
fi
awk -v s="$start" -v e="$end" 'BEGIN{printf "rasd stories wall time: %.2f s\n", e - s}'
