#!/bin/sh
# test_serve.sh — `rasd serve` over real HTTP on loopback (random free port): JSON API, status codes, errors,
# RTL pages, escaping of a hostile title, path traversal, limits. Store: the example corpus plus a hostile
# article through `rasd add` when the reader can read them, else the fixture store of test_store.
RASD=${RASD:-build/rasd}
BUILD=${BUILD:-build}
P=0; F=0; S=0
pass() { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*" >&2; }
check() { d=$1; shift; if "$@"; then pass; else fail "$d"; fi; }
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3 # a version manager's shim can take seconds to start
if ! command -v curl >/dev/null 2>&1 || ! command -v $PY >/dev/null 2>&1; then
  echo "SKIP test_serve: curl or python3 missing" >&2
  echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-serve-XXXXXX")
SPID=""
cleanup() { [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM

# --- the store ---
. tests/web/store.sh
make_store "$T" || { echo "cannot build the store" >&2; echo "0 passed, 1 failed"; exit 1; }
cp "$T/s.db" "$T/before.db"
# A word the store's articles contain: درنة in the fixture, جدة in the examples.
if [ $FIXTURE = 1 ]; then WORD='%D8%AF%D8%B1%D9%86%D8%A9'; else WORD='%D8%AC%D8%AF%D8%A9'; fi

# --- the server ---
check "serve refuses a missing store" sh -c "! '$RASD' serve --db '$T/missing.db' --port 0 >/dev/null 2>&1"
check "serve refuses a bad --bind" sh -c "! '$RASD' serve --db '$T/s.db' --bind nowhere --port 0 >/dev/null 2>&1"
if ! start_server "$T/s.db" "$T/serve.out"; then
  cat "$T/serve.out" "$T/serve.out.err" >&2
  echo "0 passed, 1 failed"; exit 1
fi
pass # binds 127.0.0.1 by default, on a free port
get() { # get PATH [curl args…] → status code; body in $T/body, headers in $T/head
  p=$1; shift
  curl -s --path-as-is --max-time 10 -o "$T/body" -D "$T/head" -w '%{http_code}' "$@" "$U$p"
}
js() { $PY -c "import json,sys; d=json.load(open('$T/body')); sys.exit(0 if ($1) else 1)" 2>/dev/null; }
jv() { $PY -c "import json,sys; d=json.load(open('$T/body')); print($1)" 2>/dev/null; }

# Story list
check "/api/stories is 200" [ "$(get /api/stories)" = 200 ]
check "/api/stories is JSON" grep -qi '^content-type: application/json' "$T/head"
check "/api/stories lists stories with their fields" js "len(d['stories']) >= 2 and all(set(['id','title','size','outlets','first_date','last_date']) <= set(s) for s in d['stories'])"
SID=$(jv "max(d['stories'], key=lambda s: (s['size'], -s['id']))['id']")
NST=$(jv "len(d['stories'])")
check "limit/offset page through the list" [ "$(get '/api/stories?limit=1&offset=1')" = 200 ]
check "limit=1 gives one story" js "len(d['stories']) == 1 and d['offset'] == 1"
check "from= filters by date" [ "$(get '/api/stories?from=2023-09-14')" = 200 ]
check "from= keeps only later stories" js "all(s['last_date'] >= '2023-09-14' for s in d['stories'])"
check "q= filters the list" [ "$(get '/api/stories?q=%D8%A7%D9%84%D8%B3%D8%B9%D9%88%D8%AF%D9%8A%D8%A9')" = 200 ]
check "q= gives fewer stories" js "0 < len(d['stories']) < $NST"
# Story page
check "/api/stories/ID is 200" [ "$(get /api/stories/$SID)" = 200 ]
check "story has articles, summary, timeline, entities, quotes, disagreements" js "all(k in d for k in ['articles','summary','timeline','entities','quotes','disagreements']) and len(d['articles']) >= 2 and len(d['summary']) >= 1"
check "summary sentences carry their outlets" js "all(isinstance(x['outlets'], list) and x['text'] for x in d['summary'])"
AID=$(jv "d['articles'][0]['id']")
check "unknown story is 404" [ "$(get /api/stories/99999999)" = 404 ]
check "404 is a JSON error" js "d['error']['status'] == 404 and d['error']['message']"
check "non-numeric story id is 400" [ "$(get /api/stories/abc)" = 400 ]
check "overlong story id is 400" [ "$(get /api/stories/123456789012345678901234567890)" = 400 ]
# Articles and entities
check "/api/articles/ID is 200" [ "$(get "/api/articles/$AID")" = 200 ]
check "article has text and story" js "d['text'] and d['story'] == $SID"
check "unknown article is 404" [ "$(get /api/articles/no-such-article)" = 404 ]
check "/api/entities is 200" [ "$(get /api/entities)" = 200 ]
check "entities list is JSON" js "isinstance(d['entities'], list)"
NE=$(jv "len(d['entities'])")
if [ "${NE:-0}" -gt 0 ]; then
  EID=$(jv "d['entities'][0]['id']")
  check "/api/entities/ID is 200" [ "$(get /api/entities/$EID)" = 200 ]
  check "entity has forms and stories" js "len(d['forms']) >= 1 and len(d['stories']) >= 1"
  check "entity page is 200" [ "$(get /entity/$EID)" = 200 ]
else
  S=$((S + 1)); echo "SKIP entity checks: no entities in this store (NER not landed)" >&2
fi
check "non-numeric entity id is 400" [ "$(get /api/entities/x1)" = 400 ]
check "unknown entity is 404" [ "$(get /api/entities/987654321)" = 404 ]
# Search
check "/api/search is 200" [ "$(get "/api/search?q=$WORD")" = 200 ]
check "search results have their fields" js "len(d['results']) >= 1 and all(set(['article','story','title','outlet','date','snippet','score']) <= set(r) for r in d['results'])"
check "snippets highlight hits" js "any('<mark>' in r['snippet'] for r in d['results'])"
if [ $FIXTURE = 1 ]; then
  check "بيونغيانغ finds بيونغ يانغ" [ "$(get '/api/search?q=%D8%A8%D9%8A%D9%88%D9%86%D8%BA%D9%8A%D8%A7%D9%86%D8%BA')" = 200 ]
  check "... the article written in two words" js "'kim-1' in [r['article'] for r in d['results']]"
fi
check "search without q is 400" [ "$(get /api/search)" = 400 ]
check "bad from: in q is 400" [ "$(get '/api/search?q=from:2023-02-31')" = 400 ]
check "invalid UTF-8 in q is 400" [ "$(get '/api/search?q=%FF%FE')" = 400 ]
check "FTS5 syntax in q is harmless" [ "$(get '/api/search?q=%22%20AND%20OR%20(%20*%20NEAR')" = 200 ]
# Malformed parameters are 400, never 500
for q in 'limit=abc' 'limit=0' 'limit=100000' 'offset=-1' 'offset=1e3' 'from=2023-13-01' 'to=yesterday' 'from=2023-02-30' 'q=%FF'; do
  check "/api/stories?$q is 400" [ "$(get "/api/stories?$q")" = 400 ]
done
check "unknown API path is 404" [ "$(get /api/nothing)" = 404 ]
check "POST is 405" [ "$(get /api/stories -X POST -d x=1)" = 405 ]
# No file access outside the embedded assets
for p in '/../../etc/passwd' '/static/../../../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/static/..%2f..%2fetc%2fpasswd' '/etc/passwd'; do
  check "$p is 404" [ "$(get "$p")" = 404 ]
  check "$p leaks nothing" sh -c "! grep -q 'root:' '$T/body'"
done
check "stylesheet is served" [ "$(get /static/style.css)" = 200 ]
check "stylesheet is text/css" grep -qi '^content-type: text/css' "$T/head"
# Web view: RTL Arabic, escaped, self-contained
check "story list page is 200" [ "$(get /)" = 200 ]
check "page is RTL Arabic" grep -q '<html dir="rtl" lang="ar">' "$T/body"
check "page has a CSP forbidding scripts" grep -qi "^content-security-policy: default-src 'none'" "$T/head"
check "hostile title is escaped on the list" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/body"
check "hostile outlet is escaped on the list" grep -qF '&lt;b&gt;outlet&lt;/b&gt;' "$T/body"
check "no raw script tag on the list" sh -c "! grep -qi '<script' '$T/body'"
check "no external resources" sh -c "! grep -qiE '(src|href)=\"(https?:)?//' '$T/body'"
HID=$(curl -s "$U/api/articles/hostile" | $PY -c "import json,sys; print(json.load(sys.stdin)['story'])" 2>/dev/null)
check "hostile story page is 200" [ "$(get "/story/$HID")" = 200 ]
check "hostile story page escapes the title" sh -c "grep -qF '&lt;script&gt;alert(1)' '$T/body' && ! grep -qi '<script' '$T/body'"
check "hostile article page is 200" [ "$(get /article/hostile)" = 200 ]
check "hostile article text is escaped" sh -c "grep -qF '&lt;img src=x onerror=alert(2)&gt;' '$T/body' && ! grep -qi '<img' '$T/body'"
check "story page is 200" [ "$(get /story/$SID)" = 200 ]
check "story page shows summary, timeline, quotes, articles" sh -c "grep -q 'id=\"summary\"' '$T/body' && grep -q 'id=\"timeline\"' '$T/body' && grep -q 'id=\"quotes\"' '$T/body' && grep -q 'id=\"articles\"' '$T/body'"
check "search page is 200" [ "$(get "/search?q=$WORD")" = 200 ]
check "search page highlights" grep -q '<mark>' "$T/body"
check "search page escapes the query" sh -c "[ \"\$(curl -s -o '$T/b2' -w '%{http_code}' '$U/search?q=%3Cscript%3Ealert(3)%3C%2Fscript%3E')\" = 200 ] && ! grep -qi '<script' '$T/b2' && grep -qF '&lt;script&gt;alert(3)' '$T/b2'"
check "bad story id page is 400" [ "$(get /story/1x)" = 400 ]
check "unknown page is 404" [ "$(get /nothing/here)" = 404 ]
check "entities page is 200" [ "$(get '/entities?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86')" = 200 ]
# Limits: a huge request line is refused, many parallel clients are served, the server lives on
code=$($PY -c "
import socket
s = socket.create_connection(('127.0.0.1', $PORT), timeout=10)
try:
    s.sendall(b'GET /api/search?q=' + b'a' * 200000 + b' HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n')
except OSError:
    pass
r = s.recv(100).split(b' ')
print(r[1].decode() if len(r) > 1 else 'closed')
" 2>/dev/null)
check "a 200 KB URL is refused, not a 500 ($code)" sh -c "[ -n '$code' ] && [ '$code' != 500 ] && [ '$code' != 200 ]"
n=0
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  curl -s --max-time 10 -o /dev/null -w '%{http_code}\n' "$U/api/stories" >> "$T/par" &
done
wait_n=0
while [ "$(wc -l < "$T/par" 2>/dev/null || echo 0)" -lt 20 ] && [ $wait_n -lt 100 ]; do sleep 0.1; wait_n=$((wait_n + 1)); done
check "20 parallel clients all get 200" [ "$(grep -c '^200$' "$T/par")" = 20 ]
check "server still answers" [ "$(get /api/stories)" = 200 ]
check "server is alive" kill -0 "$SPID"
kill "$SPID"; wait "$SPID" 2>/dev/null; SPID=""
check "serving did not change the store" cmp -s "$T/s.db" "$T/before.db"
# Keep-alive, and the story-list cache follows the store: a batch committed while serving shows at once.
if start_server "$T/s.db" "$T/serve2.out"; then
  check "a second request reuses the connection" [ "$(curl -s -o /dev/null -o /dev/null -w '%{num_connects}\n' "$U/api/stories" "$U/api/stories" | tail -1)" = 0 ]
  for k in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null "$U/api/stories?limit=500"; done
  cat > "$T/late.jsonl" <<'JSONL'
{"id": "late-news", "outlet": "وكالة الاختبار", "date": "2024-01-02", "title": "افتتاح معرض الرياض الدولي للكتاب بمشاركة واسعة", "text": "افتتح أمير منطقة الرياض مساء اليوم معرض الرياض الدولي للكتاب بمشاركة أكثر من ألف دار نشر من ثلاثين دولة، وقال مدير المعرض إن الزوار سيجدون برنامجا ثقافيا حافلا."}
JSONL
  "$RASD" add -q --db "$T/s.db" "$T/late.jsonl" > /dev/null 2>&1
  n=0
  for k in 1 2 3 4 5 6 7 8; do curl -s "$U/api/stories?limit=500" | grep -q 'معرض الرياض' && n=$((n + 1)); done
  check "stories added while serving are listed by every worker ($n/8)" [ $n = 8 ]
  kill "$SPID"; wait "$SPID" 2>/dev/null; SPID=""
else
  fail "second server start"
fi
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
