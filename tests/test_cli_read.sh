#!/bin/sh
# test_cli_read.sh — `rasd read` on good and bad input: formats, stdin, directories, invalid UTF-8, NUL bytes,
# empty and binary files, a 100 MB line, malformed JSON, unreadable paths, --strict, exit codes 0/1/2.
RASD=${RASD:-build/rasd}
T=$(mktemp -d /tmp/rasd-test-read.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
P=0; F=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
# expect NAME WANT_RC CMD...: runs CMD with stdout in $T/out, stderr in $T/err, checks the exit code
expect() {
  name=$1; want=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; rc=$?
  if [ "$rc" = "$want" ]; then ok; else bad "$name: exit $rc, want $want"; sed 's/^/    /' "$T/err" | head -5 >&2; fi
}
has() { # has NAME FILE TEXT: FILE contains TEXT
  if grep -qF -- "$3" "$2"; then ok; else bad "$1: $2 lacks '$3'"; fi
}
hasnt() {
  if grep -qF -- "$3" "$2"; then bad "$1: $2 has '$3'"; else ok; fi
}
lines() { # lines NAME FILE N
  n=$(wc -l <"$2" | tr -d ' ')
  if [ "$n" = "$3" ]; then ok; else bad "$1: $2 has $n lines, want $3"; fi
}

mkdir -p "$T/corpus/sub"
printf 'الرئيس يزور الرياض في جولة خليجية\n\nوصل الرئيس إلى الرياض اليوم في مستهل جولة خليجية تشمل ثلاث دول.\n' >"$T/corpus/b.txt"
printf 'قال المتحدث إن الاجتماع انتهى، وأضاف أن النتائج جيدة.\n' >"$T/corpus/sub/a.txt"
printf '{"id":"j1","title":"عنوان","content":"نص الخبر الأول.","date":"2023-09-11","source":"sabq"}\n' >"$T/corpus/c.jsonl"

# a good directory: recursive, sorted, ids relative to it, exit 0
expect dir 0 "$RASD" read "$T/corpus"
lines dir "$T/out" 3
has dir-id "$T/out" '"id":"sub/a"'
has dir-title "$T/out" '"title":"الرئيس يزور الرياض في جولة خليجية"'
has dir-jsonl "$T/out" '"outlet":"sabq"'
first=$(head -1 "$T/out" | sed 's/^{"id":"\([^"]*\)".*/\1/')
[ "$first" = "b" ] && ok || bad "dir order: first id '$first', want b"

# stdin JSON Lines, --date and --outlet fill what is missing
printf '{"content":"نص من المدخل القياسي."}\n' | { expect stdin 0 "$RASD" read --date 2024-01-02 --outlet wire -; }
has stdin "$T/out" '"date":"2024-01-02"'
has stdin "$T/out" '"outlet":"wire"'
has stdin "$T/out" '"path":"-"'

# JSON array streamed
printf '[{"content":"أ ب ت."},\n{"content":"ث ج ح."}]\n' >"$T/arr.json"
expect array 0 "$RASD" read "$T/arr.json"
lines array "$T/out" 2
has array "$T/out" '"id":"arr:2"'

# invalid UTF-8 → U+FFFD and a warning naming the file; the article is still output
printf 'نص \377\376 خاطئ في الترميز هنا.\n' >"$T/inv.txt"
expect invalid-utf8 0 "$RASD" read "$T/inv.txt"
has invalid-utf8 "$T/err" "inv.txt: warning: invalid UTF-8: 2 bytes replaced by U+FFFD"
has invalid-utf8 "$T/out" "$(printf '\357\277\275')"
# the same in a JSON line: warning names the line
printf '{"content":"نص جيد."}\n{"content":"نص \303\050 خاطئ."}\n' >"$T/inv.jsonl"
expect invalid-utf8-jsonl 0 "$RASD" read "$T/inv.jsonl"
has invalid-utf8-jsonl "$T/err" "inv.jsonl:2: warning: invalid UTF-8"
lines invalid-utf8-jsonl "$T/out" 2

# NUL bytes are removed with a warning
printf 'نص فيه\000 بايت فارغ في وسطه.\n' >"$T/nul.txt"
expect nul 0 "$RASD" read "$T/nul.txt"
has nul "$T/err" "nul.txt: warning: 1 NUL byte removed"
lines nul "$T/out" 1

# Windows-1256 and UTF-16 converted
if command -v iconv >/dev/null 2>&1; then
  printf 'قال الوزير إن الاجتماع انتهى.\n' | iconv -f UTF-8 -t WINDOWS-1256 >"$T/cp.txt"
  printf 'قال الوزير إن الاجتماع انتهى.\n' | iconv -f UTF-8 -t UTF-16 >"$T/u16.txt"
  expect cp1256 0 "$RASD" read "$T/cp.txt" "$T/u16.txt"
  has cp1256 "$T/err" "Windows-1256"
  lines cp1256 "$T/out" 2
  n=$(grep -cF 'قال الوزير إن الاجتماع انتهى.' "$T/out")
  [ "$n" = 2 ] && ok || bad "cp1256/utf16: $n articles decoded, want 2"
fi

# empty and binary files: errors naming the file, the other input still read, exit 1
: >"$T/empty.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$T/img.txt"
expect empty-binary 1 "$RASD" read "$T/empty.txt" "$T/img.txt" "$T/corpus/sub/a.txt"
has empty "$T/err" "empty.txt: empty file"
has binary "$T/err" "img.txt: a PNG image"
lines empty-binary "$T/out" 1

# malformed JSON lines and JSON of another shape: named by line, skipped, the rest read
printf '{"content":"أول."}\n{"content": tru\n{"name":"x","price":3}\n[1,2]\n{"content":"آخر."}\n' >"$T/m.jsonl"
expect malformed 1 "$RASD" read "$T/m.jsonl"
has malformed "$T/err" "m.jsonl:2: malformed JSON"
has other-shape "$T/err" "m.jsonl:3: JSON object of another shape"
has other-shape "$T/err" "m.jsonl:4: a JSON array"
lines malformed "$T/out" 2
printf '{"name":"x","price":3}\n' >"$T/notarticle.txt"
expect txt-json 1 "$RASD" read "$T/notarticle.txt"
has txt-json "$T/err" "notarticle.txt:1: JSON object of another shape"
lines txt-json "$T/out" 0

# unreadable path
expect missing 1 "$RASD" read "$T/nope.txt" "$T/corpus/sub/a.txt"
has missing "$T/err" "nope.txt: cannot read"
lines missing "$T/out" 1

# a 100 MB single line: skipped with file:line, the neighbours read, bounded time
{
  printf '{"content":"قبل."}\n{"content":"'
  head -c 100000000 /dev/zero | tr '\000' 'a'
  printf '"}\n{"content":"بعد."}\n'
} >"$T/big.jsonl"
expect big-line 1 "$RASD" read "$T/big.jsonl"
has big-line "$T/err" "big.jsonl:2: line longer than 16 MB"
lines big-line "$T/out" 2
head -c 20000000 /dev/zero | tr '\000' 'b' >"$T/big.txt"
expect big-txt 1 "$RASD" read "$T/big.txt"
has big-txt "$T/err" "big.txt: text file larger than 16 MB"
rm -f "$T/big.jsonl" "$T/big.txt"

# directories: a symbolic link back to a parent is not followed, a FIFO is not opened
mkdir -p "$T/loop/sub"
cp "$T/corpus/sub/a.txt" "$T/loop/sub/a.txt"
ln -s "$T/loop" "$T/loop/sub/back" 2>/dev/null
mkfifo "$T/loop/fifo.txt" 2>/dev/null
expect dir-loop 0 timeout 20 "$RASD" read "$T/loop"
lines dir-loop "$T/out" 1

# --strict stops at the first error
expect strict 1 "$RASD" read --strict "$T/empty.txt" "$T/corpus/sub/a.txt"
lines strict "$T/out" 0

# usage errors: exit 2
expect usage-none 2 "$RASD" read
expect usage-opt 2 "$RASD" read --bogus "$T/corpus"
expect usage-date 2 "$RASD" read --date 13/09/2024 "$T/corpus"
expect usage-date2 2 "$RASD" read --date 2023-02-29 "$T/corpus"
expect help 0 "$RASD" read --help
has help "$T/out" "usage: rasd read"

echo "$P passed, $F failed"
[ "$F" = 0 ]
