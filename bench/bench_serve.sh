#!/bin/sh
# bench_serve.sh — wrk on /api/stories of `rasd serve` over loopback: requests/s, p99 latency, errors; RUNS runs,
# each with the load average beside it, then the best and the median. On 2+ cores the server is pinned to core 0
# and wrk to core 1, so the client does not take the server's CPU. Store: the bundled examples plus, when
# ../shared is present, one SaudiNewsNet day (or SERVE_DB=FILE, an existing store, used read-only).
RASD=${1:-build/rasd}
DUR=${DUR:-5s}; CONNS=${CONNS:-8}; THREADS=${THREADS:-1}; RUNS=${RUNS:-5}; SERVE_THREADS=${SERVE_THREADS:-2}
command -v wrk >/dev/null || { echo "bench-serve: wrk is needed: apt-get install wrk"; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/rasd-bench-serve-XXXXXX")
SPID=""
trap '[ -n "$SPID" ] && kill $SPID 2>/dev/null; rm -rf "$W"' EXIT
DB=$SERVE_DB
if [ -z "$DB" ]; then
  SHARED=$(cd "${RASD_SHARED:-../shared}" 2>/dev/null && pwd)
  ZIP=$(ls "$SHARED"/data/news/saudinewsnet/*.zip 2>/dev/null | head -1)
  IN=examples/news
  if [ -n "$ZIP" ]; then (cd "$W" && unzip -q -o "$ZIP"); IN="$IN $(ls "$W"/*.json | head -1)"; fi
  DB=$W/s.db
  "$RASD" add -q --db "$DB" $IN 2>/dev/null
fi
echo "bench-serve: store $(sqlite3 "$DB" 'select count(*) from articles') articles, $(sqlite3 "$DB" 'select count(*) from stories') stories"
PIN_S=""; PIN_W=""
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then PIN_S="taskset -c 0"; PIN_W="taskset -c 1"; fi
$PIN_S "$RASD" serve --db "$DB" --port 0 --threads "$SERVE_THREADS" > "$W/serve.out" 2>&1 &
SPID=$!
i=0; while [ $i -lt 50 ] && ! grep -q http "$W/serve.out"; do sleep 0.1; i=$((i + 1)); done
URL=$(sed -n 's|.*\(http://[^ ]*/\).*|\1|p' "$W/serve.out")api/stories
curl -s -o /dev/null -w "bench-serve: GET $URL → %{http_code}, %{size_download} bytes\n" "$URL"
CSS=$(echo "$URL" | sed 's|/api/stories$|/static/style.css|')
echo "bench-serve: server: ${PIN_S:+$PIN_S }rasd serve --threads $SERVE_THREADS; client: ${PIN_W:+$PIN_W }wrk -t$THREADS -c$CONNS -d$DUR --latency URL"
# ms of a wrk latency figure (wrk prints us, ms or s)
ms() { echo "$1" | awk '/us$/ {printf "%.2f", $1 / 1000; next} /ms$/ {printf "%.2f", $1 + 0; next} /s$/ {printf "%.2f", $1 * 1000; next} {print "?"}'; }
for r in $(seq "$RUNS"); do
  LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  T0=$(awk '{print $14 + $15}' /proc/$SPID/stat)
  $PIN_W wrk -t"$THREADS" -c"$CONNS" -d"$DUR" --latency "$URL" > "$W/wrk.$r" 2>&1
  T1=$(awk '{print $14 + $15}' /proc/$SPID/stat)
  # server CPU time per request (user + sys, clock ticks): what the server costs whatever the machine's load
  CPUREQ=$(awk -v t="$((T1 - T0))" -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "%.0f", t / hz * 1e6 / $1}' "$W/wrk.$r")
  $PIN_W wrk -t"$THREADS" -c"$CONNS" -d"$DUR" --latency "$CSS" > "$W/css.$r" 2>&1
  RPS=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$W/wrk.$r")
  P99=$(ms "$(awk '$1 == "99%" {print $2}' "$W/wrk.$r")")
  ERR=$(awk '/Non-2xx|Socket errors/ {n++} END {print n + 0}' "$W/wrk.$r")
  CRPS=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$W/css.$r")
  echo "$RPS $P99 $ERR $CRPS $LOAD" >> "$W/runs"
  printf "  run %d: /api/stories %6s req/s  p99 %7s ms  errors %s  server CPU %s us/req | /static/style.css (no store) %6s req/s | load average %s\n" \
    "$r" "$RPS" "$P99" "$ERR" "$CPUREQ" "$CRPS" "$LOAD"
done
echo "bench-serve: last /api/stories run in full:"
sed 's/^/    /' "$W/wrk.$RUNS"
BEST=$(sort -n -k1 "$W/runs" | tail -1)
MED=$(sort -n -k1 "$W/runs" | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
ERRS=$(awk '{e += $3} END {print e}' "$W/runs")
echo "$BEST" | awk '{printf "bench-serve: best   /api/stories %s req/s, p99 %s ms (load average %s %s %s)\n", $1, $2, $5, $6, $7}'
echo "$MED" | awk '{printf "bench-serve: median /api/stories %s req/s, p99 %s ms (load average %s %s %s)\n", $1, $2, $5, $6, $7}'
echo "$MED $ERRS" | awk '{printf "bench-serve: goal >= 5000 req/s, p99 < 20 ms, 0 errors: median run %s; runs with error lines: %s\n", ($1 >= 5000 && $2 < 20 && $8 == 0) ? "MET" : "NOT MET", $8}'
