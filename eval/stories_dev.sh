#!/bin/sh
# stories_dev.sh — B-cubed and pairwise F1 of `rasd stories` on the hand-grouped dev set eval/stories-dev.tsv,
# next to a plain TF-IDF cosine single-link baseline on the same articles. Skips without ../shared.
# usage: sh eval/stories_dev.sh [RASD]   (RASD defaults to build/rasd; SHARED to ../shared; ERRORS=1 lists the errors;
#        HALF=A or HALF=B keeps the stories of one half only: split by crc32 of the story label, A even, B odd;
#        tune on A, report B; ORDERS=N also runs N-1 fixed pseudo-random renamings of the ids within each day (seeds
#        1..N-1; order 0 keeps the ids) and reports the mean, min and max over the N orders: ids are arbitrary within
#        a day, so no change is judged on one lucky order; with ERRORS=1 the false and missed pairs summed over the
#        orders by gold story, then the errors of the worst order, or ERR_ORDER=k's)
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
# ORDERS=N: order k renames the ids of each day by a permutation of that day's indices (random.Random(k)) and
# shuffles the lines; the gold labels follow the articles.
import random
for k in range(1, int(os.environ.get('ORDERS', '1') or 1)):
    rng = random.Random(k)
    perm = {}
    for day in days:
        idx = [r[1] for r in rows if r[0] == day]
        new = idx[:]; rng.shuffle(new)
        perm.update({(day, a): b for a, b in zip(idx, new)})
    lines = open(os.path.join(out, 'dev.jsonl'), encoding='utf-8').read().splitlines()
    gold = open(os.path.join(out, 'gold.tsv'), encoding='utf-8').read().splitlines()
    ren = {}
    for day, idx, story in rows: ren[f'{day}-{idx}'] = f'{day}-{perm[(day, idx)]}'
    recs = [json.loads(l) for l in lines]
    for r in recs: r['id'] = ren[r['id']]
    rng.shuffle(recs)
    with open(os.path.join(out, f'dev{k}.jsonl'), 'w', encoding='utf-8') as f:
        for r in recs: f.write(json.dumps(r, ensure_ascii=False) + '\n')
    with open(os.path.join(out, f'gold{k}.tsv'), 'w', encoding='utf-8') as g:
        for l in gold: a, st = l.split('\t'); g.write(f'{ren[a]}\t{st}\n')
print(f'dev set: {len(rows)} articles, {len(set(r[2] for r in rows))} stories', file=sys.stderr)
PY
start=$(date +%s.%N)
"$RASD" stories --format json -q "$T/dev.jsonl" >"$T/out.json" 2>"$T/err" || { echo "rasd stories failed: $(head -c 300 "$T/err")"; exit 1; }
end=$(date +%s.%N)
ORDERS=${ORDERS:-1}
if [ "$ORDERS" -gt 1 ]; then
  k=0
  while [ "$k" -lt "$ORDERS" ]; do
    if [ "$k" = 0 ]; then cp "$T/out.json" "$T/out0.json"; cp "$T/gold.tsv" "$T/gold0.tsv"; cp "$T/dev.jsonl" "$T/dev0.jsonl"
    else "$RASD" stories --format json -q "$T/dev$k.jsonl" >"$T/out$k.json" 2>"$T/err" || { echo "rasd stories failed: $(head -c 300 "$T/err")"; exit 1; }; fi
    r=$(python3 "$SHARED/tools/bcubed.py" "$T/gold$k.tsv" "$T/out$k.json")
    echo "order $k:                   B3 F1 $r"
    echo "$r" >>"$T/orders"
    k=$((k + 1))
  done
  awk '{b[NR]=$1; p[NR]=$7} END {bs=0; ps=0; bmin=bmax=b[1]; pmin=pmax=p[1]
    for (i=1;i<=NR;i++) {bs+=b[i]; ps+=p[i]; if (b[i]<bmin) bmin=b[i]; if (b[i]>bmax) bmax=b[i]; if (p[i]<pmin) pmin=p[i]; if (p[i]>pmax) pmax=p[i]}
    printf "over %d orders:            B3 F1 mean %.4f min %.4f max %.4f   pairF1 mean %.4f min %.4f max %.4f\n", NR, bs/NR, bmin, bmax, ps/NR, pmin, pmax}' "$T/orders"
fi
echo "rasd stories:              B3 F1 $(python3 "$SHARED/tools/bcubed.py" "$T/gold.tsv" "$T/out.json")"
for th in 0.2 0.25 0.3; do
  python3 "$HERE/tfidf_baseline.py" "$T/dev.jsonl" $th >"$T/base.json"
  echo "tf-idf single-link th=$th: B3 F1 $(python3 "$SHARED/tools/bcubed.py" "$T/gold.tsv" "$T/base.json")"
done
# ERRORS=1: the false merges (by false pairs) and the missed pairs, with titles (for studying the errors; never special-case them).
if [ "${ERRORS:-0}" = 1 ]; then
# with ORDERS=N, the errors of the worst order by pairwise F1 (ERR_ORDER=k picks order k)
E=""
if [ "$ORDERS" -gt 1 ]; then
  E=${ERR_ORDER:-$(awk '{print NR - 1, $7}' "$T/orders" | sort -k2,2g -k1,1n | head -1 | cut -d' ' -f1)}
  # first the false and missed pairs summed over all the orders, by gold story: the errors that cost the mean, which
  # one order's listing shows only when that order has them
  python3 - "$T" "$ORDERS" <<'PY'
import collections, json, sys
t, n = sys.argv[1], int(sys.argv[2])
fp, fn = collections.Counter(), collections.Counter()
for k in range(n):
    gold = dict(l.split('\t')[:2] for l in open(f'{t}/gold{k}.tsv', encoding='utf-8').read().splitlines() if l.strip())
    pred = {a: s['id'] for s in json.load(open(f'{t}/out{k}.json'))['stories'] for a in s['articles']}
    ids = sorted(gold)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if pred.get(a) == pred.get(b) and gold[a] != gold[b]: fp[' + '.join(sorted((gold[a], gold[b])))] += 1
            if gold[a] == gold[b] and pred.get(a) != pred.get(b): fn[gold[a]] += 1
print(f'== false pairs over {n} orders, by the gold stories they join')
for k, v in fp.most_common(15): print(f'  {v:4d} {k}')
print(f'== missed pairs over {n} orders, by gold story')
for k, v in fn.most_common(10): print(f'  {v:4d} {k}')
PY
  echo "errors of order $E"
fi
python3 - "$T/gold$E.tsv" "$T/dev$E.jsonl" "$T/out$E.json" <<'PY'
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
# false pairs of a story grow with the square of its size: the stories are listed by them, most first
fp = lambda m: sum(1 for i, a in enumerate(m) for b in m[i + 1:] if gold[a] != gold[b])
print('== false merges (one predicted story, several gold stories), by false pairs')
for p, m in sorted(P.items(), key=lambda x: -fp(x[1])):
    if len(set(gold[a] for a in m)) > 1:
        print(f'-- story {p}: {fp(m)} false pairs'); [print(f'   [{gold[a][:20]:20}] {t(a)}') for a in sorted(m, key=lambda a: gold[a])]
print('== missed pairs (one gold story, several predicted stories)')
for g, m in G.items():
    if len(set(pred.get(a) for a in m)) > 1:
        print(f'-- gold {g}'); [print(f'   [story {pred.get(a)}] {t(a)}') for a in sorted(m, key=lambda a: str(pred.get(a)))]
PY
fi
awk -v s="$start" -v e="$end" 'BEGIN{printf "rasd stories wall time: %.2f s\n", e - s}'
