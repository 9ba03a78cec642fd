#!/bin/sh
# test_story_timeline_copy.sh — a copy published a day later reads "أمس" from its own day: its sentence joins the
# original's timeline entry (its date, both outlets) instead of adding a date one day late, while a follow-up that only
# shares one sentence keeps its own reading. Articles written for this test. Prints "N passed, N failed, N skipped" last.
RASD=${RASD:-build/rasd}
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-tlcopy.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0; S=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
cat >"$T/in.jsonl" <<'J'
{"id": "copy-1", "date": "2026-03-10", "source": "alriyadh", "title": "الهلال الأحمر ينقل 40 مصابا من موقع انهيار مبنى في جدة", "content": "نقلت فرق هيئة الهلال الأحمر السعودي أمس 40 مصابا من موقع انهيار مبنى سكني قديم في حي البلد بجدة إلى مستشفيات المدينة. وأوضح المتحدث باسم الهيئة أن حالة ثلاثة من المصابين حرجة، وأن بقية الحالات تراوحت بين الرضوض والكسور. وأشار إلى أن فرق الدفاع المدني واصلت البحث تحت الأنقاض حتى ساعة متأخرة من الليل. وطوقت الشرطة المنطقة المحيطة بالمبنى ومنعت الاقتراب منها حفاظا على سلامة السكان."}
{"id": "copy-2", "date": "2026-03-11", "source": "okaz", "title": "نقل 40 مصابا من موقع انهيار مبنى في جدة", "content": "نقلت فرق هيئة الهلال الأحمر السعودي أمس 40 مصابا من موقع انهيار مبنى سكني قديم في حي البلد بجدة إلى مستشفيات المدينة. وأوضح المتحدث باسم الهيئة أن حالة ثلاثة من المصابين حرجة وأن بقية الحالات تراوحت بين الرضوض والكسور. وأشار إلى أن فرق الدفاع المدني واصلت البحث تحت الأنقاض حتى ساعة متأخرة من الليل. وطوقت الشرطة المنطقة المحيطة بالمبنى ومنعت الاقتراب منها حفاظا على سلامة السكان."}
{"id": "follow-1", "date": "2026-03-11", "source": "sabq", "title": "الدفاع المدني ينهي البحث تحت أنقاض مبنى جدة المنهار", "content": "أنهت فرق الدفاع المدني اليوم أعمال البحث تحت أنقاض المبنى السكني الذي انهار في حي البلد بجدة، بعد التأكد من عدم وجود محتجزين. وكانت فرق هيئة الهلال الأحمر السعودي قد نقلت أمس 40 مصابا من موقع انهيار المبنى إلى مستشفيات المدينة. وقال مدير الدفاع المدني بجدة إن لجنة فنية بدأت فحص المباني المجاورة للتأكد من سلامتها، وإن السكان سيعودون إلى منازلهم بعد انتهاء الفحص."}
J
"$RASD" stories --format json -q "$T/in.jsonl" >"$T/out.json" 2>"$T/err" || bad "rasd stories failed: $(head -c 300 "$T/err")"
python3 - "$T/out.json" >"$T/py" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
st = {a: s for s in d['stories'] for a in s['articles']}
s = st['copy-1']
print('one', st['copy-2'] is s and st['follow-1'] is s)
tl = s['timeline']
orig = [t for t in tl if t['text'].startswith('نقلت فرق هيئة الهلال')]
print('orig', len(orig) == 1 and orig[0]['date'] == '2026-03-09' and sorted(orig[0]['outlets']) == ['alriyadh', 'okaz'])
print('nolate', not any(t['date'] == '2026-03-10' and 'okaz' in t['outlets'] for t in tl))
fol = [t for t in tl if t['text'].startswith('وكانت فرق هيئة الهلال')]
print('follow', len(fol) == 1 and fol[0]['date'] == '2026-03-10' and fol[0]['outlets'] == ['sabq'])
PY
for k in one orig nolate follow; do
  if grep -q "^$k True$" "$T/py"; then ok; else bad "$k: $(cat "$T/py")"; fi
done
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
