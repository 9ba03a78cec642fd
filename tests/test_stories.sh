#!/bin/sh
# test_stories.sh — `rasd stories` and `rasd summarize` end to end: formats, schema, escaping, bad input, and the seeds
# (when ../shared is there). Prints "N passed, N failed, N skipped" last.
RASD=${RASD:-build/rasd}
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-stories.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0; S=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
# Articles written for this test: three outlets on one fire in Jeddah, two on a football match, one hostile title.
cat >"$T/news.jsonl" <<'J'
{"id": "fire-1", "date": "2015-08-01", "source": "okaz", "title": "حريق ضخم في مصنع للبلاستيك بالمنطقة الصناعية في جدة", "content": "اندلع حريق ضخم فجر اليوم في مصنع للبلاستيك بالمنطقة الصناعية الثالثة في جدة، وهرعت فرق الدفاع المدني إلى الموقع. وقال المتحدث باسم الدفاع المدني العقيد سعيد سرحان إن الحريق أدى إلى إصابة 12 عاملا بحالات اختناق نقلوا إلى مستشفى الملك فهد. وأضاف أن فرق الإطفاء سيطرت على النيران بعد أربع ساعات من العمل المتواصل."}
{"id": "fire-2", "date": "2015-08-01", "source": "sabq", "title": "إصابة 12 عاملا في حريق مصنع بلاستيك بجدة", "content": "أصيب 12 عاملا بحالات اختناق إثر حريق اندلع في مصنع للبلاستيك في المنطقة الصناعية الثالثة بجدة فجر اليوم. وأوضح العقيد سعيد سرحان المتحدث باسم الدفاع المدني أن فرق الإطفاء تمكنت من السيطرة على الحريق. ونقل المصابون إلى مستشفى الملك فهد."}
{"id": "fire-3", "date": "2015-08-02", "source": "alriyadh", "title": "لجنة تحقق في أسباب حريق مصنع البلاستيك بجدة", "content": "بدأت لجنة فنية من الدفاع المدني التحقيق في أسباب الحريق الذي اندلع أمس في مصنع للبلاستيك بالمنطقة الصناعية في جدة. وكان الحريق قد أسفر عن إصابة 12 عاملا بحالات اختناق نقلوا إلى مستشفى الملك فهد."}
{"id": "match-1", "date": "2015-08-01", "source": "okaz", "title": "الهلال يفوز على النصر بثلاثة أهداف في الرياض", "content": "حقق فريق الهلال فوزا كبيرا على ضيفه النصر بثلاثة أهداف مقابل هدف في المباراة التي جمعتهما مساء اليوم على ملعب الملك فهد الدولي بالرياض. وسجل أهداف الهلال المهاجم ناصر الشمراني هدفين واللاعب سالم الدوسري هدفا."}
{"id": "match-2", "date": "2015-08-01", "source": "alyaum", "title": "ثلاثية زرقاء في شباك النصر", "content": "فاز الهلال على النصر بثلاثة أهداف مقابل هدف في ديربي الرياض على ملعب الملك فهد الدولي. وأحرز ناصر الشمراني هدفين للهلال وأضاف سالم الدوسري الهدف الثالث."}
{"id": "evil", "date": "2015-08-03", "source": "x<y>", "title": "<script>alert(1)</script> عاصفة ترابية على الدمام", "content": "هبت عاصفة ترابية <b>كثيفة</b> على الدمام & الخبر وأدت إلى انعدام الرؤية وتعليق الدراسة في المدارس."}
J
"$RASD" stories --format json "$T/news.jsonl" >"$T/out.json" 2>"$T/err"
check '[ $? = 0 ]' "stories --format json exit status"
python3 - "$T/out.json" >"$T/py" 2>&1 <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
assert set(o) >= {'stories', 'storylines', 'entities', 'articles'}, o.keys()
byid = {a['id']: a['story'] for a in o['articles']}
assert byid['fire-1'] == byid['fire-2'] == byid['fire-3'], byid
assert byid['match-1'] == byid['match-2'] != byid['fire-1'], byid
assert byid['evil'] not in (byid['fire-1'], byid['match-1']), byid
s = o['stories'][0]
assert sorted(s['articles']) == ['fire-1', 'fire-2', 'fire-3'], s['articles']
for k in ('id', 'title', 'outlets', 'first_date', 'last_date', 'summary', 'timeline', 'entities', 'quotes', 'disagreements'):
    assert k in s, k
assert s['first_date'] == '2015-08-01' and s['last_date'] == '2015-08-02'
assert all(set(x) >= {'text', 'outlets', 'articles'} for x in s['summary'])
print('ok')
PY
check 'grep -q "^ok$" "$T/py"' "json schema and grouping: $(tail -3 "$T/py")"
"$RASD" stories "$T/news.jsonl" >"$T/out.txt" 2>/dev/null
check 'grep -q "حريق" "$T/out.txt" && grep -q "•" "$T/out.txt"' "text format shows titles and summaries"
check '! grep -q "rasd: linking" "$T/out.txt"' "no progress bar on stdout"
"$RASD" stories --format html "$T/news.jsonl" >"$T/out.html" 2>/dev/null
check 'grep -q "dir=\"rtl\"" "$T/out.html" && grep -q "lang=\"ar\"" "$T/out.html"' "html is RTL Arabic"
check '! grep -q "<script>" "$T/out.html" && ! grep -q "<b>كثيفة" "$T/out.html" && grep -q "&lt;script&gt;" "$T/out.html"' "html escapes article text"
check '! grep -Eq "(src|href)=\"https?:" "$T/out.html"' "html loads nothing from the network"
# bad input: a malformed line is reported with file:line, the rest goes on
{ head -2 "$T/news.jsonl"; echo '{"id": "broken", "content": '; tail -1 "$T/news.jsonl"; } >"$T/bad.jsonl"
"$RASD" stories --format json "$T/bad.jsonl" >"$T/bad.json" 2>"$T/bad.err"; rc=$?
check '[ $rc = 1 ]' "malformed input gives exit 1 (got $rc)"
check 'grep -q "bad.jsonl:3" "$T/bad.err"' "error names file and line: $(head -c 200 "$T/bad.err")"
check 'python3 -c "import json,sys; o=json.load(open(sys.argv[1])); assert len(o[\"articles\"]) == 3" "$T/bad.json"' "the good articles still make stories"
"$RASD" stories --format xml "$T/news.jsonl" >/dev/null 2>&1
check '[ $? = 2 ]' "unknown format is a usage error"
printf '' >"$T/empty.jsonl"
"$RASD" stories --format json "$T/empty.jsonl" >"$T/empty.json" 2>/dev/null
check 'python3 -c "import json,sys; assert json.load(open(sys.argv[1]))[\"stories\"] == []" "$T/empty.json"' "empty input gives no stories"
# summarize
printf 'حريق في جدة\n\nاندلع حريق ضخم فجر اليوم في مصنع للبلاستيك بالمنطقة الصناعية في جدة. وقال المتحدث باسم الدفاع المدني إن الحريق أدى إلى إصابة 12 عاملا. وأضاف أن فرق الإطفاء سيطرت على النيران بعد أربع ساعات. وبدأت لجنة فنية التحقيق في أسباب الحريق.\n' >"$T/one.txt"
n=$("$RASD" summarize --sentences 2 "$T/one.txt" 2>/dev/null | grep -c .)
check '[ "$n" = 2 ]' "summarize --sentences 2 gives 2 lines (got $n)"
w=$("$RASD" summarize --words 12 "$T/one.txt" 2>/dev/null | wc -w)
check '[ "$w" -ge 8 ] && [ "$w" -le 40 ]' "summarize --words 12 gives about 12 words (got $w)"
"$RASD" summarize --words 0 "$T/one.txt" >/dev/null 2>&1
check '[ $? = 2 ]' "summarize --words 0 is a usage error"
# the seeds (needs ../shared)
SEEDS=${RASD_SHARED:-../shared}/corpus/seeds
if [ -f "$SEEDS/gold.json" ]; then
  python3 - "$SEEDS" >"$T/seeds.jsonl" <<'PY'
import json, sys, os
d = sys.argv[1]; g = json.load(open(os.path.join(d, 'gold.json')))
for i in range(5):
    sid = f'seed-{i}'
    print(json.dumps({'id': sid, 'date': g['articles'][sid]['doc_date'], 'content': open(os.path.join(d, sid + '.txt'), encoding='utf-8').read()}, ensure_ascii=False))
PY
  "$RASD" stories --format json "$T/seeds.jsonl" >"$T/seeds.json" 2>/dev/null
  python3 - "$T/seeds.json" "$SEEDS/gold.json" >"$T/py" 2>&1 <<'PY'
import json, sys
o = json.load(open(sys.argv[1])); g = json.load(open(sys.argv[2]))
sets = sorted(sorted(s['articles']) for s in o['stories'])
assert sets == [['seed-0', 'seed-2', 'seed-3', 'seed-4'], ['seed-1']], sets
assert len(o['storylines']) == 1 and sorted(o['storylines'][0]) == sorted(s['id'] for s in o['stories']), o['storylines']
summit = [s for s in o['stories'] if len(s['articles']) == 4][0]
dates = {t['date'] for t in summit['timeline']}
miss = [d for d, _ in g['timeline_kim_putin_summit_2023'] if d not in dates]
assert not miss, miss
print('ok')
PY
  check 'grep -q "^ok$" "$T/py"' "seeds: two stories, one storyline, the summit timeline: $(tail -2 "$T/py")"
else
  echo "SKIP seeds: $SEEDS not found" >&2; S=$((S + 1))
fi
echo "$P passed, $F failed, $S skipped"
[ $F = 0 ]
