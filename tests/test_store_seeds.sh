#!/bin/sh
# test_store_seeds.sh — the store issue's acceptance on the five seed articles of ../shared: re-adding them keeps 5
# articles, بيونغيانغ and والذخائر find every seed that has one of their variants, the API lists the two stories, the
# page is RTL. Skips when ../shared is absent.
RASD=${RASD:-build/rasd}
P=0; F=0; S=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*" >&2; }
check() { d=$1; shift; if "$@"; then pass; else fail "$d"; fi; }
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
SH=$(cd "${RASD_SHARED:-../shared}" 2>/dev/null && pwd)
if [ -z "$SH" ] || [ ! -f "$SH/corpus/seeds/gold.json" ] || ! command -v curl >/dev/null 2>&1; then
  echo "SKIP test_store_seeds: ../shared/corpus/seeds (or curl) is absent" >&2
  echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-seeds-XXXXXX")
SPID=""
cleanup() { [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM

# the seeds as JSON Lines with gold.json's publication dates; which seeds hold a variant of each search
$PY - "$SH/corpus/seeds" "$T" <<'PY'
import json, os, re, sys
d, t = sys.argv[1], sys.argv[2]
g = json.load(open(os.path.join(d, 'gold.json')))
want = {'pyongyang': [], 'munitions': []}
with open(os.path.join(t, 'seeds.jsonl'), 'w') as o:
    for i in range(5):
        sid = 'seed-%d' % i
        text = open(os.path.join(d, sid + '.txt'), encoding='utf-8').read()
        o.write(json.dumps({'id': sid, 'date': g['articles'][sid]['doc_date'], 'content': text}, ensure_ascii=False) + '\n')
        flat = re.sub('[\u064B-\u0652]', '', text)
        if re.search('بيون[غج][ -]?يان[غج]', flat): want['pyongyang'].append(sid)
        if re.search('(^|[\\s"“«(])[وفبل]?(ال)?ذخائر', flat): want['munitions'].append(sid)
json.dump(want, open(os.path.join(t, 'want.json'), 'w'))
PY

"$RASD" add -q --db "$T/s.db" "$T/seeds.jsonl" > "$T/add1" 2>"$T/err1"
check "first add stores the 5 seeds" grep -q '^rasd add: 5 added, 0 duplicate, 0 failed' "$T/add1"
"$RASD" add -q --db "$T/s.db" "$T/seeds.jsonl" > "$T/add2" 2>"$T/err2"
check "re-adding adds nothing" grep -q '^rasd add: 0 added, 5 duplicate, 0 failed; stories: 0 new, 0 grown' "$T/add2"

search_ids() { # search_ids QUERY → the article ids found, sorted, one line
  "$RASD" search --db "$T/s.db" --format json --limit 50 "$1" 2>/dev/null |
    $PY -c 'import json, sys; print(" ".join(sorted({r["article"] for r in json.load(sys.stdin)["results"]})))'
}
want() { $PY -c 'import json, sys; print(" ".join(sorted(json.load(open(sys.argv[1]))[sys.argv[2]])))' "$T/want.json" "$1"; }
got=$(search_ids 'بيونغيانغ'); exp=$(want pyongyang)
check "بيونغيانغ finds every seed with بيونغ يانغ / بيونج يانج ($exp; got $got)" test -n "$exp" -a "$got" = "$exp"
got=$(search_ids 'والذخائر'); exp=$(want munitions)
check "والذخائر finds every seed with الذخائر ($exp; got $got)" test -n "$exp" -a "$got" = "$exp"

. tests/web/store.sh
if start_server "$T/s.db" "$T/serve.out"; then
  curl -s --max-time 10 "$U/api/stories" > "$T/stories.json"
  n=$($PY -c 'import json, sys; o = json.load(open(sys.argv[1])); print(sum(s["size"] for s in o["stories"]), len(o["stories"]))' "$T/stories.json" 2>/dev/null)
  check "the API lists the seeds' two stories with all 5 articles (got $n)" test "$n" = "5 2"
  curl -s --max-time 10 "$U/" > "$T/list.html"
  check "the story list is RTL Arabic" grep -q '<html dir="rtl" lang="ar">' "$T/list.html"
else
  fail "rasd serve did not start: $(cat "$T/serve.out.err")"
fi
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
