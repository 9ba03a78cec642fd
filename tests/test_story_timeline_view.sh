#!/bin/sh
# test_story_timeline_view.sh — the text view of `rasd stories` (and the digest of `rasd add`) shows ten timeline
# entries: a story whose articles recall a dozen older dates still shows its own day, and says how many more the
# JSON holds. Articles written for this test. Prints "N passed, N failed, N skipped" last.
RASD=${RASD:-build/rasd}
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-tlview.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0; S=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
cat >"$T/in.jsonl" <<'J'
{"id": "crash-1", "date": "2026-02-14", "source": "alriyadh", "title": "تحطم طائرة شحن في مطار الملك خالد الدولي", "content": "تحطمت طائرة شحن صباح اليوم السبت أثناء هبوطها في مطار الملك خالد الدولي بالرياض، ما أسفر عن مقتل طاقمها المكون من ثلاثة أشخاص. وقالت الهيئة العامة للطيران المدني إن فريقا للتحقيق باشر عمله في موقع الحادث. وشهد المطار حادثا مشابها في 12 مارس 1991 حين انحرفت طائرة عن المدرج. وفي 20 يونيو 1996 توقفت الرحلات ساعات بسبب عاصفة رملية. وافتتح المطار رسميا في 16 نوفمبر 1983. وفي عام 2001 وسعت صالات المطار."}
{"id": "crash-2", "date": "2026-02-14", "source": "okaz", "title": "مقتل ثلاثة في تحطم طائرة شحن بالرياض", "content": "لقي ثلاثة أشخاص مصرعهم اليوم السبت في تحطم طائرة شحن أثناء هبوطها في مطار الملك خالد الدولي بالرياض، وفق ما أعلنت الهيئة العامة للطيران المدني. وأوضحت الهيئة أن التحقيق في أسباب الحادث بدأ فورا. وكانت آخر حادثة جوية كبيرة في المملكة وقعت في 5 أغسطس 1980 في مطار الرياض القديم. وفي 8 يناير 1994 سقطت طائرة تدريب قرب المدينة. وسجل المطار في 3 مايو 2010 أعلى عدد من الرحلات في يوم واحد. وفي 9 سبتمبر 2015 افتتحت صالة جديدة. وفي 21 أبريل 2019 بدأ تشغيل المدرج الثالث. وفي 30 ديسمبر 2021 استقبل المطار مليون مسافر خلال شهر. وفي 7 يوليو 2023 أعلنت خطة لتوسعة جديدة."}
J
"$RASD" stories -q "$T/in.jsonl" >"$T/out.txt" 2>"$T/err" || bad "rasd stories failed: $(head -c 300 "$T/err")"
"$RASD" stories --format json -q "$T/in.jsonl" >"$T/out.json" 2>>"$T/err" || bad "rasd stories --format json failed"
n=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(max(len(s['timeline']) for s in d['stories']))" "$T/out.json")
if [ "${n:-0}" -gt 10 ]; then ok; else bad "the test needs more than ten timeline entries, the JSON has $n"; fi
if grep -q "^     2026-02-14 " "$T/out.txt"; then ok; else bad "the text timeline lacks the story's own day: $(grep -A12 timeline: "$T/out.txt")"; fi
if grep -q "^     ($((n - 10)) more dated sentences" "$T/out.txt"; then ok; else bad "no line says $((n - 10)) more: $(grep -A12 timeline: "$T/out.txt")"; fi
# the digest of rasd add: the same choice
"$RASD" add --db "$T/s.db" --digest "$T/in.jsonl" >"$T/dig.txt" 2>"$T/err" || bad "rasd add --digest failed: $(head -c 300 "$T/err")"
if grep -q "^     2026-02-14 " "$T/dig.txt"; then ok; else bad "the digest's timeline lacks the story's own day: $(grep -A12 timeline: "$T/dig.txt")"; fi
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
