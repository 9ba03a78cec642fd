#!/bin/sh
# run.sh — runs every test binary (build/tests/test_*) and script (tests/test_*.sh), sums their
# "N passed, N failed" lines and prints the total as the last line. A test that exits non-zero
# without such a line counts as one failure.
BUILD=${BUILD:-build}
RASD=${RASD:-$BUILD/rasd}
export RASD BUILD
P=0; F=0; S=0
LOG=$BUILD/test-logs; mkdir -p "$LOG"
run_one() {
  name=$1; shift
  out="$LOG/$name.out"
  t0=$(date +%s)
  "$@" >"$out" 2>"$LOG/$name.err"; rc=$?
  dt=$(( $(date +%s) - t0 ))
  line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$out" | tail -1)
  if [ -n "$line" ]; then
    p=$(echo "$line" | sed -E 's/^([A-Za-z]+: )?([0-9]+) passed.*/\2/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p'); s=${s:-0}
  else
    p=0; f=0; s=0
  fi
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  P=$((P + p)); F=$((F + f)); S=$((S + s))
  if [ "$f" != 0 ]; then
    echo "FAIL $name: $line (exit $rc, ${dt} s)"; sed -n '1,40p' "$LOG/$name.err" | sed 's/^/    /'
  else
    echo "ok   $name: $p passed${s:+, $s skipped} (${dt} s)"
    grep '^SKIP' "$LOG/$name.err" | sed 's/^/    /' | head -5
  fi
}
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  run_one "$(basename "$t")" ${VALGRIND} "$t"
done
if [ -z "$VALGRIND" ]; then
  for t in tests/test_*.sh; do
    [ -f "$t" ] || continue
    run_one "$(basename "$t")" sh "$t"
  done
fi
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
