#!/bin/sh
# test_story_near.sh — an article close to none of the reports of a story of three (an aid plane landing at Aden, next
# to three reports of the vice-president's visit there) does not join it on the story's centroid and shared names
# alone; a fourth report of the visit does. Articles written for this test. Prints "N passed, N failed, N skipped" last.
RASD=${RASD:-build/rasd}
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-near.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0; S=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
cat >"$T/all.jsonl" <<'J'
{"id": "v-1", "date": "2015-08-01", "source": "alweeam", "title": "نائب الرئيس اليمني يصل إلى عدن", "content": "وصل نائب الرئيس اليمني رئيس الوزراء خالد بحاح اليوم إلى مدينة عدن برفقة عدد من الوزراء، في أول زيارة له منذ تحرير المدينة، للاطلاع على الأوضاع فيها. واستقبله في المطار محافظ عدن وقادة عسكريون."}
{"id": "v-2", "date": "2015-08-01", "source": "sabq", "title": "بحاح: الحكومة ستعيد الخدمات إلى عدن", "content": "أكد رئيس الوزراء اليمني خالد بحاح خلال زيارته عدن اليوم أن حكومته ستعمل على إعادة الكهرباء والمياه وصرف رواتب الموظفين، داعيا السكان إلى التعاون مع السلطات المحلية في حفظ الأمن."}
{"id": "v-3", "date": "2015-08-01", "source": "okaz", "title": "بحاح يتفقد أحياء عدن ويلتقي قادة المقاومة", "content": "تفقد نائب الرئيس خالد بحاح أحياء كريتر والمعلا في عدن والتقى قادة المقاومة الشعبية، واطلع على حجم الدمار الذي خلفته ميليشيات الحوثي وقوات المخلوع صالح في المباني والطرق."}
{"id": "x-1", "date": "2015-08-01", "source": "aawsat", "title": "وصول رابع طائرة مساعدات سعودية إلى عدن", "content": "هبطت في مطار عدن رابع طائرة مساعدات سعودية تحمل أطنانا من المواد الغذائية والأدوية، ضمن الجسر الجوي الإغاثي. وتسلم المساعدات مسؤولون في حكومة خالد بحاح لتوزيعها على أحياء كريتر والمعلا."}
{"id": "y-1", "date": "2015-08-01", "source": "aawsat", "title": "بحاح في عدن: عودة مؤسسات الدولة أولوية", "content": "قال نائب الرئيس اليمني رئيس الوزراء خالد بحاح خلال زيارته عدن اليوم برفقة عدد من الوزراء إن عودة مؤسسات الدولة والخدمات إلى المدينة أولوية حكومته، بعد أن تفقد أحياء كريتر والمعلا والتقى قادة المقاومة الشعبية."}
J
grep -v '"id": "y-1"' "$T/all.jsonl" >"$T/plane.jsonl"
grep -v '"id": "x-1"' "$T/all.jsonl" >"$T/visit.jsonl"
for f in plane visit; do
  "$RASD" stories --format json -q "$T/$f.jsonl" >"$T/$f.json" 2>"$T/err" || bad "rasd stories $f failed: $(head -c 300 "$T/err")"
done
python3 - "$T" >"$T/py" 2>&1 <<'PY'
import json, sys
st = lambda f: {a: s['id'] for s in json.load(open(f'{sys.argv[1]}/{f}.json'))['stories'] for a in s['articles']}
plane, visit = st('plane'), st('visit')
print('apart', plane['v-1'] == plane['v-2'] == plane['v-3'] != plane['x-1'])
print('joins', visit['v-1'] == visit['v-2'] == visit['v-3'] == visit['y-1'])
PY
for k in apart joins; do
  if grep -q "^$k True$" "$T/py"; then ok; else bad "$k: $(cat "$T/py")"; fi
done
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
