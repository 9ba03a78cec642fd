#!/bin/sh
# quotes_timex_dev.sh — scores `rasd analyze` quotes and dates on our SaudiNewsNet dev annotations
# (eval/quotes-dev.jsonl, eval/timex-dev.jsonl: day, record index, byte offsets, speakers, values; no article
# text) with ../shared/tools/quotes_timex.py in `hidden` mode. Skips when ../shared is absent.
# usage: eval/quotes_timex_dev.sh [BUILD/rasd]   (SHARED=DIR overrides ../shared)
RASD=${1:-${RASD:-build/rasd}}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
SNN=$SHARED/data/news/saudinewsnet
if [ ! -d "$SNN" ] || [ ! -f "$SHARED/tools/quotes_timex.py" ]; then
  echo "SKIP quotes/dates dev set: $SHARED (SaudiNewsNet and tools/quotes_timex.py) not found" >&2
  exit 77
fi
command -v python3 >/dev/null || { echo "SKIP quotes/dates dev set: python3 not installed" >&2; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-qtdev.XXXXXX"); trap 'rm -rf "$T"' EXIT
python3 - "$ROOT/eval" "$SNN" "$T" <<'PY' || exit 1
import json, os, sys, zipfile
ev, snn, t = sys.argv[1:4]
Q = [json.loads(l) for l in open(os.path.join(ev, 'quotes-dev.jsonl'), encoding='utf-8') if l.strip()]
X = [json.loads(l) for l in open(os.path.join(ev, 'timex-dev.jsonl'), encoding='utf-8') if l.strip()]
days = {}
for r in Q + X:
    if r['day'] not in days:
        with zipfile.ZipFile(os.path.join(snn, r['day'] + '.zip')) as z:
            days[r['day']] = json.loads(z.read(r['day'] + '.json').decode('utf-8'))
def span(r):
    b = days[r['day']][r['index']]['content'].encode('utf-8')
    return b[r['start']:r['end']].decode('utf-8')
docs = sorted({(r['day'], r['index']) for r in Q + X})
with open(os.path.join(t, 'in.jsonl'), 'w', encoding='utf-8') as f:
    for d, i in docs:
        a = days[d][i]
        f.write(json.dumps({'id': f'{d}#{i}', 'date': d, 'source': a.get('source'), 'content': a['content']}, ensure_ascii=False) + '\n')
with open(os.path.join(t, 'gq.jsonl'), 'w', encoding='utf-8') as f:
    for r in Q:
        f.write(json.dumps({'doc': f"{r['day']}#{r['index']}", 'quote': span(r), 'speaker': r['speaker'],
                            'speaker_canonical': r['speaker_canonical']}, ensure_ascii=False) + '\n')
with open(os.path.join(t, 'gt.jsonl'), 'w', encoding='utf-8') as f:
    for r in X:
        f.write(json.dumps({'doc': f"{r['day']}#{r['index']}", 'text': span(r), 'value': r['value']}, ensure_ascii=False) + '\n')
print(f'dev set: {len(docs)} articles, {len(Q)} quotes, {len(X)} dates', file=sys.stderr)
PY
"$RASD" analyze -q "$T/in.jsonl" >"$T/pred.jsonl" 2>"$T/err" || { echo "rasd analyze failed: $(head -c 300 "$T/err")"; exit 1; }
python3 "$SHARED/tools/quotes_timex.py" hidden "$T/pred.jsonl" "$T/gq.jsonl" "$T/gt.jsonl"
if [ -n "${KEEP:-}" ]; then cp "$T"/*.jsonl "$KEEP"/; fi
