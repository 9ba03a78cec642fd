#!/bin/sh
# stories_dev.sh — B-cubed and pairwise F1 of `rasd stories` on the hand-grouped dev set eval/stories-dev.tsv,
# next to a plain TF-IDF cosine single-link baseline on the same articles. Skips without ../shared.
# usage: sh eval/stories_dev.sh [RASD]   (RASD defaults to build/rasd; SHARED to ../shared)
set -u
RASD=${1:-${RASD:-build/rasd}}
SHARED=${SHARED:-../shared}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$SHARED/data/news/saudinewsnet" ]; then echo "SKIP: $SHARED/data/news/saudinewsnet not found"; exit 0; fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
# The dev set stores references only (day, record index, story): rebuild the articles from the zips.
python3 - "$HERE/stories-dev.tsv" "$SHARED/data/news/saudinewsnet" "$T" <<'PY'
import json, sys, zipfile, os
tsv, zdir, out = sys.argv[1:4]
rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8') if l.strip() and not l.startswith('#')]
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
awk -v s="$start" -v e="$end" 'BEGIN{printf "rasd stories wall time: %.2f s\n", e - s}'
