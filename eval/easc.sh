#!/bin/sh
# easc.sh — ROUGE-1/2 of `rasd summarize --words N` (N = mean reference length) on EASC topics 1–50,
# next to the lead baseline, with ../shared/tools/rouge.py and easc_lead.py. Skips without ../shared.
# usage: sh eval/easc.sh [RASD]
set -u
RASD=${1:-${RASD:-build/rasd}}
SHARED=${SHARED:-../shared}
E=$SHARED/data/summaries/easc-dev
if [ ! -d "$E/Articles" ]; then echo "SKIP: $E not found"; exit 0; fi
python3 - "$RASD" "$E" "$SHARED/tools" <<'PY'
import glob, os, subprocess, sys
rasd, root, tools = sys.argv[1:4]
sys.path.insert(0, tools)
from rouge import score, norm
tot, n = {}, 0
for tdir in sorted(glob.glob(root + '/Articles/Topic*')):
    topic = os.path.basename(tdir)
    art = glob.glob(tdir + '/*')[0]
    refs = [open(f, encoding='utf-8-sig', errors='replace').read() for f in sorted(glob.glob(f'{root}/MTurk/{topic}/*'))]
    L = sum(len(norm(r)) for r in refs) // len(refs)
    p = subprocess.run([rasd, 'summarize', '-q', '--words', str(L), art], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        print(f'{topic}: rasd summarize failed: {p.stderr[:200]}', file=sys.stderr)
    for k, v in score(p.stdout, refs).items(): tot[k] = tot.get(k, 0) + v
    n += 1
print('rasd summarize:', n, {k: round(v / n, 4) for k, v in tot.items()})
PY
printf 'lead baseline:  '; python3 "$SHARED/tools/easc_lead.py" "$E"
