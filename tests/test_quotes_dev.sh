#!/bin/sh
# test_quotes_dev.sh — quotes and dates on our SaudiNewsNet dev annotations must not regress (skips without ../shared).
RASD=${RASD:-build/rasd}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
out=$(sh "$ROOT/eval/quotes_timex_dev.sh" "$RASD" 2>/dev/null); rc=$?
if [ $rc = 77 ]; then
  echo "SKIP test_quotes_dev: ../shared not found" >&2
  echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
echo "$out"
P=0; F=0
qf=$(echo "$out" | sed -n 's/^quotes F1 \([0-9.]*\).*/\1/p')
tf=$(echo "$out" | sed -n 's/.*timex F1 \([0-9.]*\).*/\1/p')
# thresholds a little under the measured figures (quotes 0.71, dates 0.89 when written)
if [ -n "$qf" ] && awk "BEGIN{exit !($qf >= 0.60)}"; then P=$((P+1)); else F=$((F+1)); echo "FAIL quotes F1 '$qf' < 0.60" >&2; fi
if [ -n "$tf" ] && awk "BEGIN{exit !($tf >= 0.80)}"; then P=$((P+1)); else F=$((F+1)); echo "FAIL dates F1 '$tf' < 0.80" >&2; fi
echo "$P passed, $F failed, 0 skipped"
[ $F = 0 ]
