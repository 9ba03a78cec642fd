#!/usr/bin/env bash
# bench/run.sh — rasd's benchmarks: every stage on one core against its peers in the same run, growth curve.
# usage: bench/run.sh full|smoke|big   (normally through `make bench`, `make bench-smoke`, `make bench-big`)
#   full   examples + SaudiNewsNet (from ../shared, unzipped to $BENCH_TMP), median of $RUNS runs per stage,
#          peers, growth of `rasd stories` at 1k/4k/16k/29k → bench/RESULTS.md, bench/growth.tsv, bench/growth.png
#   smoke  each stage once on examples/news, < 60 s, ends with "N passed, N failed" (a pass per stage that ran
#          and produced output; stages not built yet are skipped)
#   big    the 1M-article synthetic point of the growth curve (long), added to bench/growth.tsv and the plot
# Environment: RASD (binary), BUILD, RUNS (default 5), PEER_RUNS (slow Python/Java peers, default 3),
# BENCH_TMP (scratch, default /tmp/rasd-bench), RASD_SHARED (default ../shared), BIG_N (default 1000000).
set -u
MODE=${1:-full}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
BUILD=${BUILD:-build}
RASD=${RASD:-$BUILD/rasd}
case $RASD in /*) ;; *) RASD=$ROOT/$RASD ;; esac
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-3}
TMP=${BENCH_TMP:-/tmp/rasd-bench}
SHARED=${RASD_SHARED:-$ROOT/../shared}
BIG_N=${BIG_N:-1000000}
SNN_DAY=${SNN_DAY:-2015-08-01}   # the SaudiNewsNet day for the whole-pipeline stages (also the stories dev day)
HEAVY_N=${HEAVY_N:-400}          # its first records used there (analysis costs milliseconds per article)
GROWTH=${GROWTH:-1000 4000 16000 all}
SNN_DAYS=${SNN_DAYS:-}           # SaudiNewsNet days for the fast stages (default: all 17)
STEM_MB=${STEM_MB:-10}           # MB of text for the stemmer comparison
NER_N=${NER_N:-2000}             # articles in the CoNLL file for `rasd tag`
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's python: nltk, sklearn, networkx
CORE=""; command -v taskset >/dev/null && CORE="taskset -c 0"
TIME=/usr/bin/time
mkdir -p "$TMP"
RES=$TMP/results.tsv       # stage tool input bytes articles runs median min max kernel_s peak_kb status note
SELF=$TMP/self-reports.txt # other engineers' own benchmark targets, verbatim
KERNELS=$TMP/kernels.txt   # the kernel benchmarks' own output (bench_text, bench_extract), verbatim
: >"$RES"; : >"$SELF"; : >"$KERNELS"
[ "$MODE" = smoke ] && { RUNS=1; PEER_RUNS=1; }
P=0; F=0; S=0

log() { echo "bench: $*" >&2; }

deps() { # installs the peers' Debian packages when root (quietly); a peer whose package is missing is skipped
  [ "$(id -u)" = 0 ] || return 0
  sh tools/deps.sh time libstemmer-dev python3-nltk liblucene4.10-java default-jdk-headless python3-sklearn \
    python3-networkx gnuplot-nox >/dev/null 2>&1 || log "some peer packages could not be installed; those peers are skipped"
}

# measure STAGE TOOL INPUT BYTES ARTICLES RUNS -- CMD...: runs CMD RUNS times on one core (stdout to
# $TMP/out.STAGE.TOOL), records wall median/min/max, CPU (user+sys, children included) median, peak RSS,
# and the median of a self-reported "secs=" (the CPU time of a driver's work loop, without start-up). A command that says "not available" is
# recorded once as such; exit codes other than 0 and 1 (1 = some inputs had errors) are failures.
measure() {
  local stage=$1 tool=$2 input=$3 bytes=$4 arts=$5 runs=$6; shift 7
  local out="$TMP/out.$stage.$tool" err="$TMP/err.$stage.$tool" walls=() cpus=() kern=() peak=0 rc=0 r
  local cmd="$*"; cmd=${cmd//$TMP/\$BENCH_TMP}; cmd=${cmd//$ROOT\//}; cmd=$(echo "$cmd" | tr '\t\n' '  ' | cut -c1-220)
  for ((r = 0; r < runs; r++)); do
    [ -n "${PRE:-}" ] && eval "$PRE"
    local t0 t1
    t0=$(date +%s%N)
    $CORE $TIME -f '%M %U %S' -o "$TMP/time.$$" "$@" >"$out" 2>"$err"; rc=$?
    t1=$(date +%s%N)
    if [ $rc -ge 2 ] || { [ $rc = 1 ] && [ "$tool" != rasd ]; }; then
      local why="exit $rc"
      if grep -q "not available" "$err"; then why="not available"; fi
      printf '%s\t%s\t%s\t%s\t%s\t0\t\t\t\t\t\t%s\t%s\t%s\t\n' "$stage" "$tool" "$input" "$bytes" "$arts" \
        "$([ "$why" = "not available" ] && echo na || echo fail)" "$why: $(grep -v '^\s*Command' "$err" | head -c 160 | tr '\t\n' '  ')" "$cmd" >>"$RES"
      log "$stage/$tool: $why"
      return 1
    fi
    walls+=("$(( (t1 - t0) / 1000 ))")  # microseconds
    local m u sy; read -r m u sy < <(tail -1 "$TMP/time.$$"); [ "${m:-0}" -gt "$peak" ] 2>/dev/null && peak=$m
    cpus+=("$(awk -v u="${u:-0}" -v s="${sy:-0}" 'BEGIN{printf "%d", (u + s) * 1e6}')")
    local k; k=$(grep -o 'secs=[0-9.]*' "$out" | tail -1 | cut -d= -f2); [ -n "$k" ] && kern+=("$k")
  done
  local sorted med min max kmed="" cmed
  cmed=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  sorted=$(printf '%s\n' "${walls[@]}" | sort -n)
  min=$(echo "$sorted" | head -1); max=$(echo "$sorted" | tail -1)
  med=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  [ ${#kern[@]} -gt 0 ] && kmed=$(printf '%s\n' "${kern[@]}" | sort -g | sed -n "$(( (${#kern[@]} + 1) / 2 ))p")
  local status=ok note=""
  if [ ! -s "$out" ] && [ -z "${NOOUT_OK:-}" ]; then status=empty; note="no output"; fi
  [ $rc = 1 ] && note="exit 1 (some inputs reported errors)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stage" "$tool" "$input" "$bytes" "$arts" "$runs" \
    "$med" "$min" "$max" "$kmed" "$peak" "$status" "$note" "$cmd" "$cmed" >>"$RES"
  log "$stage/$tool on $input: median $(awk "BEGIN{printf \"%.3f\", $med/1e6}") s wall, $(awk "BEGIN{printf \"%.3f\", $cmed/1e6}") s CPU${kmed:+ (kernel $kmed s CPU)}, peak $((peak / 1024)) MB, $status"
  [ $status = ok ]
}

skip_row() { printf '%s\t%s\t%s\t\t\t0\t\t\t\t\t\tna\t%s\t\t\n' "$1" "$2" "$3" "$4" >>"$RES"; log "$1/$2: $4"; }

fsize() { du -cbL "$@" 2>/dev/null | tail -1 | cut -f1; }

# ---------- inputs ----------
EXDIR=$ROOT/examples/news
EX_BYTES=$(fsize "$EXDIR"/*)
EX_ARTS=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["articles"]))' examples/truth.json)
prep_examples() {
  # examples as one text line per article (for the text/stem kernels) and a small CoNLL token file
  $PY - "$EXDIR" "$TMP/ex.txt" <<'PY'
import glob, json, os, re, sys
d, out = sys.argv[1], sys.argv[2]
texts = [open(p, encoding='utf-8').read() for p in sorted(glob.glob(d + '/*.txt'))]
for p in sorted(glob.glob(d + '/*.jsonl')):
    texts += [json.loads(l)['title'] + ' ' + json.loads(l)['content'] for l in open(p, encoding='utf-8') if l.strip()]
for p in sorted(glob.glob(d + '/*.xml')) + sorted(glob.glob(d + '/*.html')):
    texts.append(re.sub(r'<[^>]*>', ' ', open(p, encoding='utf-8').read()))
open(out, 'w', encoding='utf-8').write(''.join(' '.join(t.split()) + '\n' for t in texts))
PY
}

SNN_OK=0
prep_snn() { # unzip the SaudiNewsNet days (JSON arrays) to $TMP/snn; text lines, JSONL, CoNLL and growth subsets
  local zips=("$SHARED"/data/news/saudinewsnet/*.zip) z
  if [ -n "$SNN_DAYS" ]; then zips=(); for z in $SNN_DAYS $SNN_DAY; do zips+=("$SHARED/data/news/saudinewsnet/$z.zip"); done; fi
  if [ ! -f "${zips[0]}" ]; then log "SaudiNewsNet not found under $SHARED/data/news/saudinewsnet: SaudiNewsNet rows skipped"; return 1; fi
  mkdir -p "$TMP/snn"
  rm -rf "$TMP/snn"; mkdir -p "$TMP/snn"
  for z in "${zips[@]}"; do unzip -qo "$z" -d "$TMP/snn" || return 1; done
  $PY - "$TMP" "$STEM_MB" "$NER_N" "$SNN_DAYS" <<'PY'
import glob, json, os, re, sys
tmp, stem_mb, ner_n, days = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
arts = []
for p in sorted(glob.glob(tmp + '/snn/*.json')):
    if days and os.path.basename(p)[:-5] not in days:
        continue   # (the whole-pipeline day only)
    arts += json.load(open(p, encoding='utf-8'))
arts.sort(key=lambda a: a.get('date_extracted') or '')
with open(tmp + '/snn.txt', 'w', encoding='utf-8') as f:
    for a in arts:
        f.write(' '.join(((a.get('title') or '') + ' ' + (a.get('content') or '')).split()) + '\n')
# the stemmer comparison uses the first STEM_MB MB (the Python stemmers need minutes for the whole corpus)
with open(tmp + '/snn.txt', 'rb') as f:
    head = f.read(int(stem_mb * 1e6))
open(tmp + '/snn10.txt', 'wb').write(head[:head.rfind(b'\n') + 1])
# JSON Lines in date order, ids = url (the growth subsets are prefixes of it)
with open(tmp + '/snn.jsonl', 'w', encoding='utf-8') as f:
    for k, a in enumerate(arts):
        a = dict(a); a.setdefault('id', a.get('url') or f'snn{k}')
        f.write(json.dumps(a, ensure_ascii=False) + '\n')
# CoNLL-style token file for `rasd tag --conll` (first NER_N articles; one token per line, blank line per sentence)
tok = re.compile(r'[\w\u0600-\u06FF]+|[^\w\s]')
with open(tmp + '/snn.conll', 'w', encoding='utf-8') as f:
    for a in arts[:ner_n]:
        for sent in re.split(r'(?<=[.!؟?])\s+', a.get('content') or ''):
            ts = tok.findall(sent)
            if ts:
                f.write('\n'.join(ts) + '\n\n')
print(len(arts))
PY
}

# A kernel benchmark binary of another engineer (bench/NAME.c, built by their $(BUILD)/bench/NAME rule).
find_helper() { # find_helper NAME → prints the path of the built binary, or nothing
  local name=$1
  if [ -f "bench/$name.c" ]; then   # (their mk/*.mk has the $(BUILD)/bench/NAME rule)
    make -s --no-print-directory "$BUILD/bench/$name" >/dev/null 2>"$TMP/helper.err" || log "$name did not build: $(head -c 200 "$TMP/helper.err")"
  fi
  [ -x "$BUILD/bench/$name" ] && echo "$BUILD/bench/$name"
}

build_peers() {
  PEERS=$TMP/peers; mkdir -p "$PEERS"
  local cf; cf="-std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc $(pkg-config --cflags utf8proc libutf8proc 2>/dev/null)"
  local libs; libs=$(pkg-config --libs sqlite3 libmicrohttpd libutf8proc jansson libxml-2.0 icu-i18n icu-uc 2>/dev/null)
  cc $cf -o "$PEERS/peers_rasd" bench/peers_rasd.c "$BUILD/librasd.a" $libs -lm -lpthread 2>"$PEERS/cc.err" ||
    log "peers_rasd did not build: $(head -c 200 "$PEERS/cc.err")"
  if [ -f /usr/include/libstemmer.h ]; then
    cc -O2 -o "$PEERS/peer_libstemmer" bench/peer_libstemmer.c -lstemmer 2>>"$PEERS/cc.err" || log "peer_libstemmer did not build"
  fi
  LUCENE_CP=/usr/share/java/lucene-core-4.10.4.jar:/usr/share/java/lucene-analyzers-common-4.10.4.jar
  if [ "$MODE" != smoke ] && command -v javac >/dev/null && [ -f /usr/share/java/lucene-analyzers-common-4.10.4.jar ]; then
    javac -nowarn -d "$PEERS" -cp "$LUCENE_CP" bench/PeerLucene.java 2>>"$PEERS/cc.err" || log "PeerLucene did not build"
  fi
}

# ---------- stages ----------
# stages INPUT_NAME DIR_OR_FILE TEXTFILE STEMFILE CONLL BYTES ARTS: the fast stages and the text peers
stages() {
  local in=$1 src=$2 txt=$3 stemtxt=$4 conll=$5 bytes=$6 arts=$7
  local tb; tb=$(fsize "$txt"); local sb; sb=$(fsize "$stemtxt"); local cb; cb=$(fsize "$conll")
  measure read rasd "$in" "$bytes" "$arts" "$RUNS" -- "$RASD" read -q "$src"
  # normalise+tokenise: the text engineer's kernel benchmark when it exists, and rasd_tokenize per article
  # (bench_text and bench_extract read SaudiNewsNet day files and time themselves: median of 5 inside, so
  #  one process run each; their own figures go to the kernels table)
  local bt; bt=$(find_helper bench_text)
  if [ "$in" != snn ]; then :
  elif [ -n "$bt" ]; then  # (reads every day file of the directory)
    measure text bench_text "$in" "$(fsize "$src"/*.json)" "$arts" 1 -- "$bt" "$src" &&
      { echo "### bench_text $src (one core)"; cat "$TMP/out.text.bench_text"; echo; } >>"$KERNELS"
  else skip_row text bench_text "$in" "not available (no bench/bench_text yet)"; fi
  [ -x "$PEERS/peers_rasd" ] && measure analyzer rasd "$in" "$tb" "$arts" "$RUNS" -- "$PEERS/peers_rasd" analyzer "$txt"
  if [ "$MODE" = smoke ]; then :
  elif [ -f "$PEERS/PeerLucene.class" ]; then
    measure analyzer lucene "$in" "$tb" "$arts" "$PEER_RUNS" -- java -cp "$PEERS:$LUCENE_CP" PeerLucene "$txt"
  else skip_row analyzer lucene "$in" "not available (liblucene4.10-java or javac missing)"; fi
  # stemming: the same words for every stemmer
  [ -x "$PEERS/peers_rasd" ] && measure stem rasd "$in" "$sb" "" "$RUNS" -- "$PEERS/peers_rasd" stem "$stemtxt"
  if [ -x "$PEERS/peer_libstemmer" ]; then measure stem libstemmer "$in" "$sb" "" "$RUNS" -- "$PEERS/peer_libstemmer" "$stemtxt"
  else skip_row stem libstemmer "$in" "not available (libstemmer-dev missing)"; fi
  if [ "$MODE" = smoke ]; then :   # the smoke run checks rasd's stages, not the (slow to start) Python peers
  elif $PY -c 'import nltk' 2>/dev/null; then
    measure stem nltk-isri "$in" "$sb" "" "$PEER_RUNS" -- $PY bench/peer_nltk.py isri "$stemtxt"
    measure stem nltk-snowball "$in" "$sb" "" "$PEER_RUNS" -- $PY bench/peer_nltk.py snowball "$stemtxt"
  else skip_row stem nltk "$in" "not available (python3-nltk missing)"; fi
  # NER on pre-tokenised text
  measure ner rasd "$in" "$cb" "" "$RUNS" -- "$RASD" tag --conll "$conll"
}

# heavy_stages INPUT_NAME SRC BYTES ARTS: the whole-pipeline stages (on one SaudiNewsNet day in the full run:
# analysis costs milliseconds per article and the machine is shared)
heavy_stages() {
  local in=$1 src=$2 bytes=$3 arts=$4
  # quotes + dates kernel (the quotes engineer's bench-extract)
  local be; be=$(find_helper bench_extract)
  if [ "$in" = examples ]; then :
  elif [ -n "$be" ]; then
    measure extract bench_extract "$in" "$bytes" "$arts" 1 -- "$be" "$src" &&
      { echo "### bench_extract (one core)"; cat "$TMP/out.extract.bench_extract"; echo; } >>"$KERNELS"
  else skip_row extract bench_extract "$in" "not available (no bench/bench_extract yet)"; fi
  measure analyze rasd "$in" "$bytes" "$arts" "$RUNS" -- "$RASD" analyze -q "$src"
  measure entities rasd "$in" "$bytes" "$arts" "$RUNS" -- "$RASD" entities -q --format json "$src"
  measure stories rasd "$in" "$bytes" "$arts" "$RUNS" -- "$RASD" stories -q --format json "$src"
  PRE="rm -f '$TMP/bench.db'*" NOOUT_OK=1 measure add rasd "$in" "$bytes" "$arts" "$RUNS" -- "$RASD" add -q --db "$TMP/bench.db" "$src"
  if [ -s "$TMP/bench.db" ]; then
    NOOUT_OK=1 measure search rasd "$in" "" 20 "$RUNS" -- bash -c '
      for q in "السعودية" "وزير الخارجية" "أمطار" "الهلال" "النفط" "مجلس الوزراء" "اليمن" "الرياض" "داعش" "كأس" \
               "الأمير محمد بن سلمان" "أسعار" "التعليم" "وزارة الصحة" "إيران" "الاتحاد" "سيول" "جدة" "مكة" "الدفاع المدني"; do
        "$0" search --db "$1" "$q" >/dev/null || exit $?; done; echo done' "$RASD" "$TMP/bench.db"
  else skip_row search rasd "$in" "not available (no store built by rasd add)"; fi
  # the clustering peer on the same articles as `rasd stories`
  if [ "$MODE" = smoke ] || [ -d "$src" ]; then :   # (not on the 17 examples)
  elif $PY -c 'import sklearn' 2>/dev/null; then
    $PY bench/to_jsonl.py "$src" >"$TMP/cluster-in.jsonl"
    measure cluster sklearn-tfidf "$in" "$bytes" "$arts" "$PEER_RUNS" -- \
      $PY bench/peer_sklearn.py "$TMP/cluster-in.jsonl" "$TMP/sklearn-stories.json"
  else skip_row cluster sklearn-tfidf "$in" "not available (python3-sklearn missing)"; fi
}

# sklearn TF-IDF clustering and TextRank summaries (speed and quality, same inputs as rasd)
peer_quality() {
  local dev=eval/stories-dev.tsv
  if $PY -c 'import sklearn' 2>/dev/null; then
    if [ -f "$dev" ]; then
      $PY bench/peer_sklearn.py --dev "$dev" "$TMP/snn" "$TMP/sklearn-dev.json" >"$TMP/sklearn-dev.out" 2>&1 &&
        echo "sklearn TF-IDF + agglomerative on eval/stories-dev.tsv: $(tail -1 "$TMP/sklearn-dev.out")" >>"$TMP/quality-peers.txt"
    fi
  fi
  local easc=$SHARED/data/summaries/easc-dev
  if [ -d "$easc" ] && $PY -c 'import networkx' 2>/dev/null; then
    measure summary textrank easc "$(fsize "$easc"/Articles/*/*)" 50 "$PEER_RUNS" -- $PY bench/peer_textrank.py "$easc"
    echo "TextRank (networkx) on EASC dev: $(tail -1 "$TMP/out.summary.textrank")" >>"$TMP/quality-peers.txt"
    measure summary rasd easc "$(fsize "$easc"/Articles/*/*)" 50 "$RUNS" -- bash -c '
      for f in "$1"/Articles/Topic*/*; do "$0" summarize -q "$f" >/dev/null || exit $?; done; echo done' "$RASD" "$easc"
  else skip_row summary textrank easc "not available (EASC or python3-networkx missing)"; fi
}

growth() { # time and peak memory of `rasd stories` at 1k, 4k, 16k, all articles
  local g=$TMP/growth.tsv n
  : >"$g"
  for n in $GROWTH; do
    [ "$n" = all ] && n=$SNN_N
    [ "$n" -gt "$SNN_N" ] && continue
    head -n "$n" "$TMP/snn.jsonl" >"$TMP/grow.jsonl"
    if measure growth-$n rasd "snn[$n]" "$(fsize "$TMP/grow.jsonl")" "$n" 1 -- "$RASD" stories -q --timing --format json "$TMP/grow.jsonl"; then
      awk -F'\t' -v n="$n" '$1=="growth-"n {printf "%d\t%.3f\t%.3f\t%.1f\n", n, $15/1e6, $7/1e6, $11/1024}' "$RES" >>"$g"
    fi
  done
  rm -f "$TMP/grow.jsonl"
  # the per-stage split of each growth run (rasd stories --timing prints it on stderr)
  { echo "### rasd stories --timing (per-stage CPU of the growth runs above)"
    for n in $GROWTH; do [ "$n" = all ] && n=$SNN_N
      grep -h "timing" "$TMP/err.growth-$n.rasd" 2>/dev/null | sed "s/^/$n articles: /"; done; echo; } >>"$SELF"
  [ -s "$g" ] || return 1
  # keep an earlier 1M point (make bench-big) in bench/growth.tsv
  { echo "# articles	cpu_s	wall_s	peak_MB	(rasd stories --format json, one core; $(git rev-parse --short HEAD))"
    cat "$g"; grep -E "^$BIG_N	" bench/growth.tsv 2>/dev/null; } >"$TMP/growth.new"
  mv "$TMP/growth.new" bench/growth.tsv
  plot
}

plot() {
  command -v gnuplot >/dev/null || { log "gnuplot missing: no plot"; return 1; }
  gnuplot <<EOF 2>"$TMP/gnuplot.err" || log "gnuplot failed: $(head -c 200 "$TMP/gnuplot.err")"
set terminal png size 640,400 font ",10"
set output "bench/growth.png"
set title "rasd stories: CPU time and peak memory vs articles (one core)"
set logscale x 10
set logscale y 10
set xlabel "articles"
set ylabel "CPU seconds"
set y2label "peak MB"
set y2tics
set logscale y2 10
set ytics nomirror
set key top left
set grid
plot "bench/growth.tsv" using 1:2 with linespoints pt 7 title "CPU time (s)", \
     "bench/growth.tsv" using 1:4 axes x1y2 with linespoints pt 5 title "peak memory (MB)"
EOF
}

self_reports() { # other engineers' own benchmark targets and scripts, run once, output kept verbatim
  local t s
  for t in bench-ner bench-add; do
    if grep -qs "^$t:" Makefile mk/*.mk; then
      { echo "### make $t"; RUNS=3 timeout 900 $CORE make -s --no-print-directory "$t" 2>&1 | tail -25; echo; } >>"$SELF"
    fi
  done
  for s in bench/bench_stories.sh bench/bench_serve.sh; do
    if [ -f "$s" ]; then
      { echo "### $s"; RASD=$RASD BENCH_TMP=$TMP timeout 600 bash "$s" 2>&1 | tail -25; echo; } >>"$SELF"
    fi
  done
}

report() {
  $PY bench/report.py "$RES" "$MODE" "$SELF" "$TMP/quality-peers.txt" "$KERNELS" >"$TMP/RESULTS.md" || return 1
  if [ "$MODE" = full ]; then cp "$TMP/RESULTS.md" bench/RESULTS.md; log "wrote bench/RESULTS.md"; fi
  cat "$TMP/RESULTS.md"
}

# ---------- main ----------
: >"$TMP/quality-peers.txt"
case $MODE in
smoke)
  build_peers
  prep_examples
  # smoke: a CoNLL file from the examples (first 300 tokens)
  tr -s ' ' '\n' <"$TMP/ex.txt" | head -300 >"$TMP/ex.conll"
  PEER_RUNS=1
  stages examples "$EXDIR" "$TMP/ex.txt" "$TMP/ex.txt" "$TMP/ex.conll" "$EX_BYTES" "$EX_ARTS"
  heavy_stages examples "$EXDIR" "$EX_BYTES" "$EX_ARTS"
  # one line per stage row: ok → pass, not available → skip, ran but failed or empty → fail
  while IFS='|' read -r name status note; do
    case $status in
      ok) P=$((P + 1)); echo "ok   $name" ;;
      na) S=$((S + 1)); echo "SKIP $name: $note" ;;
      *) F=$((F + 1)); echo "FAIL $name: $status $note" ;;
    esac
  done < <(awk -F'\t' '{gsub(/\|/, "/", $13); print $1 "/" $2 "|" $12 "|" $13}' "$RES")
  echo "$P passed, $F failed, $S skipped"
  [ $F = 0 ]; exit $?
  ;;
full)
  deps
  build_peers
  prep_examples
  tr -s ' ' '\n' <"$TMP/ex.txt" >"$TMP/ex.conll"
  stages examples "$EXDIR" "$TMP/ex.txt" "$TMP/ex.txt" "$TMP/ex.conll" "$EX_BYTES" "$EX_ARTS"
  heavy_stages examples "$EXDIR" "$EX_BYTES" "$EX_ARTS"
  if SNN_N=$(prep_snn); then
    SNN_OK=1
    local_src=$TMP/snn
    if [ -n "$SNN_DAYS" ]; then local_src=$TMP/snn-light; mkdir -p "$local_src"
      for z in $SNN_DAYS; do ln -sf "$TMP/snn/$z.json" "$local_src/$z.json"; done; fi
    stages snn "$local_src" "$TMP/snn.txt" "$TMP/snn10.txt" "$TMP/snn.conll" "$(fsize "$local_src"/*.json)" "$SNN_N"
    # whole-pipeline stages on the first $HEAVY_N records of one day (same file name: the same article ids)
    mkdir -p "$TMP/day"; day=$TMP/day/$SNN_DAY.json
    $PY -c 'import json,sys; json.dump(json.load(open(sys.argv[1]))[:int(sys.argv[3])], open(sys.argv[2], "w"), ensure_ascii=False)' \
      "$TMP/snn/$SNN_DAY.json" "$day" "$HEAVY_N"
    heavy_stages "snn-$SNN_DAY[:$HEAVY_N]" "$day" "$(fsize "$day")" "$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$day")"
    peer_quality
    growth
  else
    skip_row snn all snn "SaudiNewsNet not available (../shared absent)"
  fi
  self_reports
  report
  ;;
big)
  deps
  if ! SNN_N=$(prep_snn); then log "bench-big needs SaudiNewsNet (../shared)"; exit 0; fi
  log "generating $BIG_N synthetic articles to $TMP/big.jsonl"
  $PY bench/synth.py "$TMP/snn.jsonl" "$BIG_N" >"$TMP/big.jsonl" || exit 1
  measure growth-$BIG_N rasd "synthetic[$BIG_N]" "$(fsize "$TMP/big.jsonl")" "$BIG_N" 1 -- \
    "$RASD" stories -q --format json "$TMP/big.jsonl"
  if awk -F'\t' -v n="$BIG_N" '$1=="growth-"n && $12=="ok"' "$RES" | grep -q .; then
    grep -vE "^$BIG_N	" bench/growth.tsv 2>/dev/null >"$TMP/growth.new"
    awk -F'\t' -v n="$BIG_N" '$1=="growth-"n {printf "%d\t%.3f\t%.3f\t%.1f\n", n, $15/1e6, $7/1e6, $11/1024}' "$RES" >>"$TMP/growth.new"
    mv "$TMP/growth.new" bench/growth.tsv
    plot
  fi
  rm -f "$TMP/big.jsonl" "$TMP/out.growth-$BIG_N.rasd"
  $PY bench/report.py "$RES" big "$SELF" /dev/null
  ;;
*) echo "usage: bench/run.sh full|smoke|big" >&2; exit 2 ;;
esac
