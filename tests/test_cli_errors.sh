#!/bin/sh
# test_cli_errors.sh — every command that reads articles meets bad input the same way: one message per bad record
# or file naming it (and the line), the good articles still go through, exit code 1; `rasd add` counts what it
# skipped in its summary and keeps what a store already holds.
RASD=${RASD:-build/rasd}
T=$(mktemp -d /tmp/rasd-test-errors.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
P=0; F=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
has() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: $2 lacks '$3'"; sed 's/^/    /' "$2" | head -5 >&2; fi; }

mkdir -p "$T/in"
# Two good articles in JSON Lines around a malformed record, one with invalid UTF-8 (repaired, with a warning).
{
  printf '{"id":"g1","date":"2024-03-02","source":"sabq","title":"وزير الطاقة يفتتح محطة جديدة في جازان","content":"افتتح وزير الطاقة اليوم محطة لتحلية المياه في جازان بطاقة 300 ألف متر مكعب يوميا.\\n\\nوقال الوزير إن المحطة تخدم نحو مليون نسمة."}\n'
  printf '{"id":"g2", "title": broken\n'
  printf '{"id":"g3","date":"2024-03-02","source":"okaz","title":"أمطار غزيرة على أبها","content":"شهدت مدينة أبها \377\376 أمطارا غزيرة مساء أمس، وحذر الدفاع المدني من السيول."}\n'
} >"$T/in/a.jsonl"
printf 'نص\0مع صفر' >"$T/in/nul.txt"                     # text with a NUL byte: removed, with a warning
head -c 4096 /dev/zero | tr '\0' '\1' | sed 's/^/\x89PNG\x00\x00/' >"$T/in/img.bin"   # not text at all
: >"$T/in/empty.txt"

for cmd in read analyze entities stories; do
  "$RASD" $cmd "$T/in/a.jsonl" "$T/in/nul.txt" "$T/in/img.bin" "$T/in/empty.txt" >"$T/$cmd.out" 2>"$T/$cmd.err"; rc=$?
  [ "$rc" = 1 ] && ok || bad "$cmd: exit $rc, want 1"
  has "$cmd names the bad record" "$T/$cmd.err" "a.jsonl:2: malformed JSON"
  has "$cmd names the repaired record" "$T/$cmd.err" "a.jsonl:3: warning: invalid UTF-8"
  has "$cmd names the NUL byte" "$T/$cmd.err" "nul.txt: warning: 1 NUL byte removed"
  has "$cmd names the binary file" "$T/$cmd.err" "img.bin: a PNG image, not text: skipped"
  has "$cmd names the empty file" "$T/$cmd.err" "empty.txt: empty file"
done
has "read keeps the first good article" "$T/read.out" '"id":"g1"'
has "read keeps the article after the bad one" "$T/read.out" "أمطار غزيرة على أبها"
has "stories still tells the stories" "$T/stories.out" "وزير الطاقة يفتتح محطة جديدة في جازان"

# A store with one article; a bad batch adds the good ones, counts the skipped inputs, loses nothing.
printf 'الهلال يفوز على النصر في الديربي\n\nفاز الهلال على النصر بهدفين مقابل هدف في مباراة الديربي مساء أمس.\n' >"$T/good.txt"
"$RASD" add --db "$T/s.db" "$T/good.txt" >"$T/add1.out" 2>"$T/add1.err" && ok || bad "add of a good file failed"
"$RASD" add --db "$T/s.db" "$T/in/a.jsonl" "$T/in/nul.txt" "$T/in/img.bin" "$T/in/empty.txt" >"$T/add2.out" 2>"$T/add2.err"; rc=$?
[ "$rc" = 1 ] && ok || bad "add: exit $rc, want 1"
has "add counts the good articles" "$T/add2.out" "rasd add: 3 added, 0 duplicate, 0 failed"
has "add counts the skipped inputs" "$T/add2.out" "; 3 inputs skipped for errors (see above)"
has "add names the bad record" "$T/add2.err" "a.jsonl:2: malformed JSON"
"$RASD" search --db "$T/s.db" "الديربي" >"$T/s1.out" 2>&1
has "the stored article is still found" "$T/s1.out" "الهلال يفوز على النصر"
"$RASD" search --db "$T/s.db" "جازان" >"$T/s2.out" 2>&1
has "the new good article is found" "$T/s2.out" "جازان"

echo "$P passed, $F failed"
[ "$F" = 0 ]
