#!/bin/sh
# test_story_headline.sh — headlines that say where something happened keep two local happenings apart (rain over Taif,
# rain over Baha, told by one outlet in the same words; an appeals committee "بانتخابات الأحساء" and one "في المدينة
# المنورة"), while another outlet's report from Taif still joins and two countries condemning one crime stay together. Articles
# written for this test. Prints "N passed, N failed, N skipped" last.
RASD=${RASD:-build/rasd}
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-headline.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0; S=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
cat >"$T/rain.jsonl" <<'J'
{"id": "rain-1", "date": "2015-08-02", "source": "okaz", "title": "أمطار غزيرة على الطائف والدفاع المدني يحذر", "content": "هطلت مساء اليوم أمطار غزيرة على محافظة الطائف والمراكز التابعة لها، وسالت على إثرها الأودية والشعاب. وحذرت إدارة الدفاع المدني بمحافظة الطائف المواطنين والمتنزهين من الاقتراب من مجاري السيول والأودية، داعية الجميع إلى اتباع إرشادات السلامة."}
{"id": "rain-2", "date": "2015-08-02", "source": "okaz", "title": "أمطار غزيرة على الباحة والدفاع المدني يحذر", "content": "هطلت مساء اليوم أمطار غزيرة على منطقة الباحة والمحافظات التابعة لها، وسالت على إثرها الأودية والشعاب. وحذرت مديرية الدفاع المدني بمنطقة الباحة المواطنين والمتنزهين من الاقتراب من مجاري السيول والأودية، داعية الجميع إلى اتباع إرشادات السلامة."}
{"id": "rain-3", "date": "2015-08-02", "source": "sabq", "title": "سيول في أودية الطائف بعد أمطار غزيرة", "content": "شهدت محافظة الطائف اليوم هطول أمطار غزيرة جرت معها السيول في عدد من الأودية. وأوضح المتحدث باسم الدفاع المدني بالطائف أن الفرق الميدانية انتشرت قرب مجاري السيول، محذرا المتنزهين من الاقتراب منها."}
{"id": "cond-1", "date": "2015-08-02", "source": "okaz", "title": "البحرين تدين حرق الرضيع الفلسطيني في قرية دوما", "content": "أدانت مملكة البحرين الجريمة الإرهابية التي ارتكبها مستوطنون إسرائيليون بحرق منزل عائلة دوابشة في قرية دوما جنوب نابلس، ما أدى إلى استشهاد الرضيع علي دوابشة. وطالبت البحرين المجتمع الدولي بمحاسبة مرتكبي الجريمة."}
{"id": "cond-2", "date": "2015-08-02", "source": "sabq", "title": "الأردن يدين جريمة حرق الرضيع دوابشة", "content": "أدان الأردن الجريمة الإرهابية التي ارتكبها مستوطنون إسرائيليون بحرق منزل عائلة دوابشة في قرية دوما جنوب نابلس، ما أدى إلى استشهاد الرضيع علي دوابشة، وطالب المجتمع الدولي بمحاسبة مرتكبي الجريمة."}
{"id": "appeal-1", "date": "2015-08-03", "source": "aljazirah", "title": "اعتماد لجنة الطعون والمخالفات بانتخابات الأحساء", "content": "اعتمد وزير الشؤون البلدية والقروية تشكيل لجنة الفصل في الطعون والمخالفات الانتخابية في محافظة الأحساء، برئاسة قاض من المحكمة العامة وعضوية ممثلين عن الأمانة والإمارة، وتختص اللجنة بالنظر في الطعون المقدمة على قيد الناخبين والمرشحين وفي المخالفات الانتخابية."}
{"id": "appeal-2", "date": "2015-08-03", "source": "alriyadh", "title": "تشكيل لجنة للطعون والمخالفات الانتخابية في المدينة المنورة", "content": "صدر قرار بتشكيل لجنة للطعون والمخالفات الانتخابية في منطقة المدينة المنورة يرأسها قاض ويشارك فيها مندوبون من الإمارة والأمانة. وأوضح رئيس اللجنة المحلية للانتخابات أن اللجنة ستتلقى اعتراضات الناخبين والمرشحين خلال المدة النظامية، وستبت في كل مخالفة لأنظمة الحملات الانتخابية."}
J
"$RASD" stories --format json -q "$T/rain.jsonl" >"$T/out.json" 2>"$T/err" || bad "rasd stories failed: $(head -c 300 "$T/err")"
python3 - "$T/out.json" >"$T/py" 2>&1 <<'PY'
import json, sys
st = {a: s['id'] for s in json.load(open(sys.argv[1]))['stories'] for a in s['articles']}
print('taif', st['rain-1'] == st['rain-3'])
print('baha', st['rain-2'] != st['rain-1'])
print('actors', st['cond-1'] == st['cond-2'])
print('construct', st['appeal-1'] != st['appeal-2'])
PY
for k in taif baha actors construct; do
  if grep -q "^$k True$" "$T/py"; then ok; else bad "$k: $(cat "$T/py")"; fi
done
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
