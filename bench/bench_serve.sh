#!/bin/sh
# bench_serve.sh — wrk on /api/stories of `rasd serve` over loopback: requests/s, p99 latency, errors.
# Store: the bundled examples plus, when ../shared is present, one SaudiNewsNet day.
RASD=${1:-build/rasd}
DUR=${DUR:-10s}; CONNS=${CONNS:-32}; THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "bench-serve: wrk is needed: apt-get install wrk"; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/rasd-bench-serve-XXXXXX")
SPID=""
trap '[ -n "$SPID" ] && kill $SPID 2>/dev/null; rm -rf "$W"' EXIT
SHARED=$(cd "${RASD_SHARED:-../shared}" 2>/dev/null && pwd)
ZIP=$(ls "$SHARED"/data/news/saudinewsnet/*.zip 2>/dev/null | head -1)
IN=examples/news
if [ -n "$ZIP" ]; then (cd "$W" && unzip -q -o "$ZIP"); IN="$IN $(ls "$W"/*.json | head -1)"; fi
"$RASD" add -q --db "$W/s.db" $IN 2>/dev/null
echo "bench-serve: store $(sqlite3 "$W/s.db" 'select count(*) from articles') articles, $(sqlite3 "$W/s.db" 'select count(*) from stories') stories"
"$RASD" serve --db "$W/s.db" --port 0 --threads ${SERVE_THREADS:-4} > "$W/serve.out" 2>&1 &
SPID=$!
i=0; while [ $i -lt 50 ] && ! grep -q http "$W/serve.out"; do sleep 0.1; i=$((i + 1)); done
URL=$(sed -n 's|.*\(http://[^ ]*/\).*|\1|p' "$W/serve.out")api/stories
curl -s -o /dev/null -w "bench-serve: GET $URL → %{http_code}, %{size_download} bytes\n" "$URL"
wrk -t"$THREADS" -c"$CONNS" -d"$DUR" --latency "$URL" > "$W/wrk.out" 2>&1
cat "$W/wrk.out"
RPS=$(awk '/^Requests\/sec/ {print $2}' "$W/wrk.out")
P99=$(awk '$1 == "99%" {print $2}' "$W/wrk.out")
ERR=$(awk '/Non-2xx|Socket errors/ {e = e $0 "; "} END {print e ? e : "none"}' "$W/wrk.out")
echo "bench-serve: /api/stories $RPS req/s, p99 $P99, errors: $ERR (goal >= 5000 req/s, p99 < 20ms, 0 errors)"
