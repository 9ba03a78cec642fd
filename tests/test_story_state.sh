#!/bin/sh
# test_story_state.sh — `rasd stories --save/--load`: a batch run and a save/load split of the same articles print the
# same stories, entities included (the entity registry travels with the state); old and damaged states are refused.
# Prints "N passed, N failed" last.
RASD=${RASD:-build/rasd}
EX=examples/news
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-story-state.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
# The example articles in two days-ordered parts: up to 2025-04-23, then later (a later part must not be older).
grep '"id": "madar-flood"' "$EX/madar.jsonl" >"$T/madar-1.jsonl"
grep -v '"id": "madar-flood"' "$EX/madar.jsonl" >"$T/madar-2.jsonl"
P1="$EX/flood-khaleej.txt $EX/flood-rasif.txt $EX/measles-sada.txt $EX/bawaba-visit.html $EX/quake-rasif.txt $EX/visit-sada.txt $T/madar-1.jsonl"
P2A="$EX/econ-khaleej.txt $EX/econ-sada.txt $EX/korea-rates-khaleej.txt $EX/nour.xml"
P2B="$EX/cup-rasif.txt $EX/flood-comp-khaleej.txt $T/madar-2.jsonl"
for fmt in json text; do
  # shellcheck disable=SC2086
  "$RASD" stories -q --format $fmt $P1 $P2A $P2B >"$T/batch.$fmt" 2>"$T/err"
  check '[ $? = 0 ]' "batch --format $fmt exit status: $(cat "$T/err")"
  "$RASD" stories -q --format $fmt --save "$T/s1" $P1 >"$T/part1.$fmt" 2>"$T/err"
  check '[ $? = 0 ] && [ -s "$T/s1" ]' "save after part 1 ($fmt): $(cat "$T/err")"
  "$RASD" stories -q --format $fmt --load "$T/s1" $P2A $P2B >"$T/split.$fmt" 2>"$T/err"
  check '[ $? = 0 ]' "load + part 2 ($fmt): $(cat "$T/err")"
  check 'cmp -s "$T/batch.$fmt" "$T/split.$fmt"' "batch and save/load split differ ($fmt): $(diff "$T/batch.$fmt" "$T/split.$fmt" | head -5)"
  # three steps: save, load + add + save again, load + add
  "$RASD" stories -q --format $fmt --load "$T/s1" --save "$T/s2" $P2A >/dev/null 2>"$T/err"
  check '[ $? = 0 ]' "load, add, save again ($fmt): $(cat "$T/err")"
  "$RASD" stories -q --format $fmt --load "$T/s2" $P2B >"$T/split3.$fmt" 2>"$T/err"
  check 'cmp -s "$T/batch.$fmt" "$T/split3.$fmt"' "batch and three-step split differ ($fmt): $(diff "$T/batch.$fmt" "$T/split3.$fmt" | head -5)"
  # a load without new articles prints what the saving run printed
  "$RASD" stories -q --format $fmt --load "$T/s1" >"$T/reload.$fmt" 2>"$T/err"
  check 'cmp -s "$T/part1.$fmt" "$T/reload.$fmt"' "a bare load differs from the run that saved ($fmt)"
done
# the comparison means something: stories that span both parts, and named entities with English forms
python3 - "$T/batch.json" "$T/part1.json" >"$T/py" 2>&1 <<'PY'
import json, sys
b, p1 = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ids1 = {a['id'] for a in p1['articles']}
assert len(b['entities']) > len(p1['entities']) > 10, (len(b['entities']), len(p1['entities']))
assert any(e['en'] for e in b['entities'])
story = {a['id']: a['story'] for a in b['articles']}
span = [s for s in b['stories'] if {a in ids1 for a in s['articles']} == {True, False}]
assert span, 'no story spans both parts'
# part 1's entities keep their ids; a spanning story lists entities of the table
names = {e['id']: e for e in b['entities']}
assert all(e['id'] in names and names[e['id']]['articles'] >= e['articles'] for e in p1['entities'])
assert all(e in names for s in span for e in s['entities'])
PY
check '[ $? = 0 ]' "the split covers stories and entities across parts: $(cat "$T/py")"
# an old state format (2 had no registry) is refused with a message that says so
printf 'RASDSTO2\001\000\000\000\000\000\000\000' >"$T/old"
"$RASD" stories -q --format json --load "$T/old" $P2A >"$T/out" 2>"$T/err"
check '[ $? != 0 ] && grep -q "format 2" "$T/err" && grep -q -- "--save" "$T/err"' "old state: $(cat "$T/err")"
# not a state at all
printf 'hello world, not a state\n' >"$T/junk"
"$RASD" stories -q --load "$T/junk" >"$T/out" 2>"$T/err"
check '[ $? != 0 ] && grep -q "not a rasd story state" "$T/err"' "junk state: $(cat "$T/err")"
# a damaged registry block (cut short, or a byte flipped inside it) is refused, no crash
n=$(wc -c <"$T/s1")
head -c $((n - 7)) "$T/s1" >"$T/cut"
"$RASD" stories -q --load "$T/cut" >"$T/out" 2>"$T/err"
rc=$?
check '[ $rc != 0 ] && [ $rc -lt 128 ]' "truncated state: exit $rc $(cat "$T/err")"
cp "$T/s1" "$T/flip"
printf '\377\377\377\377\377' | dd of="$T/flip" bs=1 seek=$((n - 40)) conv=notrunc 2>/dev/null
"$RASD" stories -q --load "$T/flip" >"$T/out" 2>"$T/err"
rc=$?
check '[ $rc != 0 ] && [ $rc -lt 128 ]' "damaged registry: exit $rc $(cat "$T/err")"
head -c $((n + 3)) /dev/zero | cat "$T/s1" - >"$T/long"
"$RASD" stories -q --load "$T/long" >"$T/out" 2>"$T/err"
rc=$?
check '[ $rc != 0 ] && [ $rc -lt 128 ]' "trailing bytes after the state: exit $rc"
echo "$P passed, $F failed"
[ $F = 0 ]
