#!/bin/sh
# test_tag.sh — `rasd tag --conll`: round trip with blank lines kept, stdin, and bad input (empty, invalid UTF-8, long lines, CRLF).
RASD=${RASD:-build/rasd}
T=$(mktemp -d /tmp/rasd-test-tag.XXXXXX)
trap 'rm -rf "$T"' EXIT
P=0; F=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# 1. round trip: same tokens, same blank lines (including a double blank line), one tab per line
printf 'قال B\nالرئيس O\nالروسي O\nفلاديمير x\nبوتين y\nفي\nموسكو\n.\n\n\nوأكد\nالمتحدث\nباسم\nالأمم\nالمتحدة\nستيفان\nدوجاريك\n.\n' > "$T/in.conll"
"$RASD" tag --conll "$T/in.conll" > "$T/out" 2> "$T/err"; rc=$?
check "exit 0 on good input (got $rc)" '[ $rc = 0 ]'
check "same line count" '[ $(wc -l < "$T/in.conll") = $(wc -l < "$T/out") ]'
awk '{print $1}' "$T/in.conll" > "$T/a"; cut -f1 "$T/out" > "$T/b"
check "tokens and blank lines kept in place" 'cmp -s "$T/a" "$T/b"'
check "every non-blank line is token<TAB>TAG" '[ -z "$(grep -v "^$" "$T/out" | grep -vE "^[^	]+	(O|[BI]-(PERS|LOC|ORG|MISC))$")" ]'
check "Putin is a person" 'grep -q "^بوتين	I-PERS$" "$T/out"'
check "Moscow is a place" 'grep -q "^موسكو	B-LOC$" "$T/out"'
check "the UN is an organisation" 'grep -q "^الأمم	B-ORG$" "$T/out"'
check "nothing on stderr" '[ ! -s "$T/err" ]'

# 2. stdin, and the same result as from the file
"$RASD" tag --conll < "$T/in.conll" > "$T/out2" 2>/dev/null
check "stdin gives the same output" 'cmp -s "$T/out" "$T/out2"'
"$RASD" tag - < "$T/in.conll" > "$T/out3" 2>/dev/null
check "- is stdin" 'cmp -s "$T/out" "$T/out3"'

# 3. empty input: message, exit 1, no output
: > "$T/empty"
"$RASD" tag --conll "$T/empty" > "$T/out" 2> "$T/err"; rc=$?
check "empty input exits 1 (got $rc)" '[ $rc = 1 ]'
check "empty input message names the file" 'grep -q "empty.*empty input" "$T/err"'
check "empty input writes nothing" '[ ! -s "$T/out" ]'

# 4. invalid UTF-8 and a NUL byte: file:line message, the run goes on, output stays valid UTF-8
printf 'قال\nبو\377تين\nفي\nمو\000سكو\n.\n' > "$T/bad"
"$RASD" tag --conll "$T/bad" > "$T/out" 2> "$T/err"; rc=$?
check "invalid UTF-8 exits 1 (got $rc)" '[ $rc = 1 ]'
check "invalid UTF-8 message with file:line" 'grep -q "bad:2: invalid UTF-8" "$T/err"'
check "NUL byte message with file:line" 'grep -q "bad:4: invalid UTF-8 or NUL" "$T/err"'
check "all five tokens tagged" '[ $(wc -l < "$T/out") = 5 ]'
check "output is valid UTF-8" 'iconv -f UTF-8 -t UTF-8 "$T/out" > /dev/null 2>&1'

# 5. a 200 KB line: cut with a message, the next tokens still tagged
{ printf 'قال\n'; head -c 200000 /dev/zero | tr '\0' 'x'; printf '\nموسكو\n'; } > "$T/long"
"$RASD" tag --conll "$T/long" > "$T/out" 2> "$T/err"; rc=$?
check "long line exits 1 (got $rc)" '[ $rc = 1 ]'
check "long line message with file:line" 'grep -q "long:2: line longer than" "$T/err"'
check "three lines out" '[ $(wc -l < "$T/out") = 3 ]'
check "token after the long line tagged" 'tail -1 "$T/out" | grep -qE "^موسكو	(O|[BI]-(PERS|LOC|ORG|MISC))$"'

# 6. CRLF line ends and a last line without newline
printf 'وصل\r\nبوتين\r\n\r\nإلى\r\nموسكو' > "$T/crlf"
"$RASD" tag --conll "$T/crlf" > "$T/out" 2> "$T/err"; rc=$?
check "CRLF exits 0 (got $rc)" '[ $rc = 0 ]'
check "CRLF: no carriage return in output" '! grep -q "$(printf "\r")" "$T/out"'
check "CRLF: blank line kept, last token tagged" '[ "$(sed -n 3p "$T/out")" = "" ] && [ "$(sed -n 5p "$T/out")" = "موسكو	B-LOC" ]'

# 7. missing file, unknown option, bad --data
"$RASD" tag --conll "$T/nope" > /dev/null 2> "$T/err"; rc=$?
check "missing file exits 1 with its name" '[ $rc = 1 ] && grep -q "nope" "$T/err"'
"$RASD" tag --bogus > /dev/null 2>&1; rc=$?
check "unknown option is a usage error" '[ $rc = 2 ]'
"$RASD" tag --conll --data "$T/nodata" "$T/in.conll" > /dev/null 2> "$T/err"; rc=$?
check "missing model: message names the file and make model" '[ $rc != 0 ] && grep -q "nodata/ner.model" "$T/err" && grep -q "make model" "$T/err"'

echo "$P passed, $F failed"
[ $F = 0 ]
