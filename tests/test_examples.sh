#!/bin/sh
# test_examples.sh — scores the pipeline on examples/news against examples/truth.json (eval/score_examples.py).
# Fails only on clear regressions (thresholds documented in eval/score_examples.py); stages that are
# not built yet are skipped with a message. Prints the scorer's figures, then "N passed, N failed, N skipped".
RASD=${RASD:-build/rasd}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
EX=examples/news
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-examples.XXXXXX"); trap 'rm -rf "$T"' EXIT
if ! command -v python3 >/dev/null; then
  echo "SKIP test_examples: python3 not installed" >&2
  echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
# run NAME OUT ARGS...: runs rasd; an unavailable command leaves no output file (the scorer skips it).
run() {
  name=$1; out=$2; shift 2
  "$RASD" "$@" >"$T/$out" 2>"$T/$name.err"; rc=$?
  if [ $rc -ge 2 ] || [ ! -s "$T/$out" ]; then
    echo "SKIP rasd $name: not available or no output (exit $rc: $(head -c 120 "$T/$name.err"))" >&2
    rm -f "$T/$out"
  fi
}
run read read.jsonl read "$EX"
run analyze analyze.jsonl analyze "$EX"
run entities entities.json entities --format json "$EX"
run stories stories.json stories --format json "$EX"
# formats the reader says it does not support yet are skipped by the scorer, not failed
UNSUP=$(sed -n 's/.*examples\/news\/[^:]*\.\([a-z]*\): .*not supported yet.*/\1/p' "$T/read.err" |
  sed -e 's/^xml$/rss/' -e 's/^htm$/html/' | sort -u | tr '\n' ',')
python3 eval/score_examples.py examples/truth.json --read "$T/read.jsonl" --analyze "$T/analyze.jsonl" \
  --entities "$T/entities.json" --stories "$T/stories.json" --unsupported "$UNSUP"
