#!/bin/sh
# bench_stories.sh — time and peak memory of `rasd stories` at growing sizes of SaudiNewsNet (1k, 4k, 16k, all ~29k),
# articles per CPU-second on one core; with --million also a replicated, perturbed 1M-article run (long).
# usage: sh bench/bench_stories.sh [RASD] [--million]   (SHARED defaults to ../shared; work files in /tmp/rasd-bench-stories)
set -u
RASD=${1:-build/rasd}
MILLION=0; [ "${2:-}" = "--million" ] && MILLION=1
SHARED=${SHARED:-../shared}
Z=$SHARED/data/news/saudinewsnet
if [ ! -d "$Z" ]; then echo "SKIP: $Z not found"; exit 0; fi
W=${TMPDIR:-/tmp}/rasd-bench-stories; mkdir -p "$W"
python3 - "$Z" "$W" "$MILLION" <<'PY'
import glob, json, os, random, sys, zipfile
zdir, w, million = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
arts = []
for p in sorted(glob.glob(zdir + '/*.zip')):
    z = zipfile.ZipFile(p); day = os.path.basename(p)[:10]
    for i, r in enumerate(json.loads(z.read([n for n in z.namelist() if n.endswith('.json')][0]))):
        arts.append({'id': f'{day}-{i}', 'date': r['date_extracted'][:10], 'title': r['title'], 'source': r['source'], 'content': r['content']})
for n in (1000, 4000, 16000, len(arts)):
    with open(f'{w}/n{n}.jsonl', 'w', encoding='utf-8') as f:
        for a in arts[:n]: f.write(json.dumps(a, ensure_ascii=False) + '\n')
if million:  # replicas shifted by 20 days each, with words dropped so that copies are not exact
    rnd = random.Random(7)
    with open(f'{w}/n1000000.jsonl', 'w', encoding='utf-8') as f:
        k = 0
        while k < 1000000:
            rep = k // len(arts)
            for a in arts:
                if k >= 1000000: break
                y, m, d = map(int, a['date'].split('-'))
                import datetime
                dt = datetime.date(y, m, d) + datetime.timedelta(days=20 * rep)
                words = a['content'].split(' ')
                words = [x for x in words if rnd.random() > 0.03]
                f.write(json.dumps({'id': f"r{rep}-{a['id']}", 'date': dt.isoformat(), 'title': a['title'], 'source': a['source'],
                                    'content': ' '.join(words)}, ensure_ascii=False) + '\n'); k += 1
PY
# story_ms/art: CPU of the story stage alone (features, registry, linking, views, output) per article, from --timing
printf '%-9s %9s %9s %9s %12s %10s %14s\n' articles wall_s cpu_s rss_MB art/cpu_s stories story_ms/art
for f in "$W"/n1000.jsonl "$W"/n4000.jsonl "$W"/n16000.jsonl $(ls "$W"/n*.jsonl | grep -v -e n1000.jsonl -e n4000.jsonl -e n16000.jsonl -e n1000000.jsonl) $([ $MILLION = 1 ] && echo "$W"/n1000000.jsonl); do
  n=$(wc -l <"$f")
  /usr/bin/time -f '%e %U %S %M' -o "$W/time" taskset -c 0 "$RASD" stories --format json -q --timing "$f" >"$W/out.json" 2>"$W/err"
  sms=$(sed -nE 's/.*story stage [0-9.]+ \(([0-9.]+) ms\/article.*/\1/p' "$W/err" | tail -1)
  read -r wall u s rss <<EOT
$(tail -1 "$W/time")
EOT
  st=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['stories']))" "$W/out.json" 2>/dev/null || echo '?')
  awk -v n="$n" -v w="$wall" -v u="$u" -v s="$s" -v r="$rss" -v st="$st" -v sms="${sms:-?}" 'BEGIN{c=u+s; printf "%-9d %9.2f %9.2f %9.1f %12.0f %10s %14s\n", n, w, c, r/1024, (c>0?n/c:0), st, sms}'
done
