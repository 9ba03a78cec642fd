#!/bin/sh
# test_story_first.sh — the first article of a story is split off when the reports that joined it after are closer to
# each other than to it and its headline shares no word with theirs (a piece on one player's injury that mentions
# another's, then two reports of the other's injury), and kept when its headline names what they report. Articles
# written for this test. Prints "N passed, N failed, N skipped" last.
RASD=${RASD:-build/rasd}
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-first.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0; S=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
# a-1 comes first (ids in natural order); head-1 is a-1 under a headline that names the injured player
cat >"$T/all.jsonl" <<'J'
{"id": "a-1", "date": "2015-08-01", "source": "aawsat", "title": "صحف الأرجنتين تبدد آمال النصر في مشاركة مورا", "content": "أكدت صحف أرجنتينية أن اللاعب الأوروغوياني رودريغو مورا يحتاج إلى أسبوعين على الأقل حتى يتعافى من الإصابة التي تعرض لها في نهائي كأس ليبرتادوريس، الأمر الذي يضائل فرصة مشاركته مع النصر في مباراة السوبر أمام الهلال. وتواصلت إدارة النصر مع اللاعب ووكيله للاطمئنان على حالته. وأدى النصر تدريباته أمس في معسكره بالنمسا على فترتين، ولم يشارك المهاجم نايف هزازي الذي تعرض لإصابة في التدريب وأظهرت الفحوصات الطبية تمزقاً في أربطة مفصل القدم يستدعي راحته أسبوعاً. وكشفت الفحوصات أن هزازي يحتاج إلى العلاج الطبيعي مدة أسبوع إلى عشرة أيام، ما يهدد بغيابه عن مباراة السوبر أمام الهلال بعد إصابته خلال المناورة. وكان المركز الإعلامي بنادي النصر قد أعلن إصابة هزازي بكدمة في مفصل القدم."}
{"id": "a-2", "date": "2015-08-01", "source": "alweeam", "title": "هزازي خارج حسابات السوبر مؤقتاً", "content": "كشفت الفحوصات الطبية التي أجريت لمهاجم النصر نايف هزازي في معسكر الفريق بالنمسا وجود تمزق في أربطة مفصل القدم، وأثبتت حاجة اللاعب إلى العلاج الطبيعي مدة تتراوح بين أسبوع وعشرة أيام، ما يعني غيابه عن مباراة السوبر بين الهلال والنصر. وكان المركز الإعلامي بنادي النصر قد أعلن إصابة هزازي بكدمة في مفصل القدم خلال المناورة في التدريب."}
{"id": "a-3", "date": "2015-08-01", "source": "sabq", "title": "تمزق الأربطة يهدد هزازي بالغياب", "content": "يهدد تمزق في أربطة مفصل القدم مهاجم النصر نايف هزازي بالغياب عن مباراة السوبر أمام الهلال، بعد أن أظهرت الفحوصات الطبية في معسكر الفريق بالنمسا حاجته إلى العلاج الطبيعي مدة أسبوع إلى عشرة أيام، وكان هزازي قد تعرض للإصابة خلال المناورة في التدريب."}
J
python3 - "$T" <<'PY' || bad "could not write the cases"
import json, sys
t = sys.argv[1]
L = [json.loads(l) for l in open(f'{t}/all.jsonl', encoding='utf-8')]
with open(f'{t}/first.jsonl', 'w', encoding='utf-8') as f:
    for r in L: f.write(json.dumps(r, ensure_ascii=False) + '\n')
L[0]['title'] = 'غياب مورا وهزازي عن السوبر يقلق النصر'
with open(f'{t}/head.jsonl', 'w', encoding='utf-8') as f:
    for r in L: f.write(json.dumps(r, ensure_ascii=False) + '\n')
PY
for f in first head; do
  "$RASD" stories --format json -q "$T/$f.jsonl" >"$T/$f.json" 2>"$T/err" || bad "rasd stories $f failed: $(head -c 300 "$T/err")"
done
python3 - "$T" >"$T/py" 2>&1 <<'PY'
import json, sys
st = lambda f: {a: s['id'] for s in json.load(open(f'{sys.argv[1]}/{f}.json'))['stories'] for a in s['articles']}
first, head = st('first'), st('head')
print('apart', first['a-2'] == first['a-3'] != first['a-1'])
print('kept', head['a-1'] == head['a-2'] == head['a-3'])
PY
for k in apart kept; do
  if grep -q "^$k True$" "$T/py"; then ok; else bad "$k: $(cat "$T/py")"; fi
done
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
