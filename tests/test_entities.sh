#!/bin/sh
# test_entities.sh — `rasd names` and `rasd entities` end to end: pairs, bad input, the corpus table, the seeds.
RASD=${RASD:-build/rasd}
P=0; F=0; S=0
ok() { P=$((P + 1)); }
no() { F=$((F + 1)); echo "FAIL: $*" >&2; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
# table_check WHAT NAME PYTHON: `rasd entities` on $T/NAME.jsonl, then the Python check on its table (argv[1]: the JSON
# file; it prints ok, or what is wrong)
table_check() {
  if "$RASD" entities --format json "$T/$2.jsonl" >"$T/$2.json" 2>"$T/err"; then
    r=$(python3 -c "$3" "$T/$2.json")
    [ "$r" = ok ] && ok || no "$1: $r"
  else
    no "rasd entities failed on the $1 text: $(head -c 300 "$T/err")"
  fi
}
# analyze_check WHAT NAME PYTHON: `rasd analyze` on $T/NAME.jsonl, then the Python check on its first article (argv[1]:
# the JSON Lines file; it prints ok, or what is wrong)
analyze_check() {
  if "$RASD" analyze "$T/$2.jsonl" >"$T/$2.out" 2>"$T/err"; then
    r=$(python3 -c "$3" "$T/$2.out")
    [ "$r" = ok ] && ok || no "$1: $r"
  else
    no "rasd analyze failed on the $1 text: $(head -c 300 "$T/err")"
  fi
}

# names --pairs: same spelling variants 1, different names 0, one answer per line
printf 'كيم جونغ أون\tكيم جونج أون\nبيونغ يانغ\tبيونغيانغ\nكوريا الشمالية\tكوريا الجنوبية\nمجلس الأمن الدولي\tمجلس الأمن الروسي\n' >"$T/p"
out=$("$RASD" names --pairs <"$T/p" | tr '\n' ' ')
[ "$out" = "1 1 0 0 " ] && ok || no "names --pairs gave '$out'"
out=$("$RASD" names --pairs --no-gazetteer <"$T/p" | tr '\n' ' ')
[ "$out" = "1 1 0 0 " ] && ok || no "names --pairs --no-gazetteer gave '$out'"
# a short well-known name (the gazetteer's) is not a word writing a plain letter for its emphatic one: الصين / السين
out=$(printf 'الصين\tالسين\nالصين\tالصّين\n' | "$RASD" names --pairs | tr '\n' ' ')
[ "$out" = "0 1 " ] && ok || no "names --pairs الصين / السين gave '$out'"
# Arabic family names of other letters are other families, whatever the learned model says (القحطاني / الشهراني)
out=$(printf 'ياسر القحطاني\tياسر الشهراني\nعبدالله القرني\tعبدالله القريني\n' | "$RASD" names --pairs --no-gazetteer | tr '\n' ' ')
[ "$out" = "0 0 " ] && ok || no "names --pairs القحطاني / الشهراني gave '$out'"
# a country or capital in the curated lists and the same English in the transliteration lists: one name even when an
# emphatic letter differs (طوكيو / توكيو); a long country name with ال is that country (الباراغواي), a short word with
# ال another word (القطر, المالي)
# (also when the transliteration lists give the form several English names, one of them the same: كاتماندو is
# Kathmandu and Kathamandu; not when only one is written with ال: كاميرون is Cameron, الكاميرون Cameroon)
out=$(printf 'طوكيو\tتوكيو\nصوفيا\tسوفيا\nباراغواي\tالباراغواي\nقطر\tالقطر\nمالي\tالمالي\nكاتماندو\tكتمندو\nكاميرون\tالكاميرون\n' | "$RASD" names --pairs | tr '\n' ' ')
[ "$out" = "1 1 1 0 0 1 0 " ] && ok || no "names --pairs طوكيو / توكيو … gave '$out'"
# the lists' joined article of a family name (الحربي: Alharbi) is written Al-Harbi, as our transliteration writes
# Al-Qahtani; not the al- letters of a foreign name (الفارو: Alfaro) nor a name whose Al is its own (العلوي: Alawi)
out=$(printf 'ماجد الحربي\nالفارو\nعلي العلوي\n' | "$RASD" names --english --type PER | cut -f2 | tr '\n' '|')
[ "$out" = "Majed Al-Harbi|Alfaro|Ali Alawi|" ] && ok || no "names --english الحربي … gave '$out'"
# common family names in the press's English (not the letters' Al-Dosri, Al-Atibi, nor the city the lists know: البغدادي)
# and a ruler's ordinal after the given name (محمد السادس: Mohammed VI), not الثاني after بن X (a family's name)
out=$(printf 'فهد الدوسري\nفهد بن مناحي العتيبي\nالبغدادي\nعبدالعزيز آل الشيخ\nالملك محمد السادس\nتميم بن حمد الثاني\n' | "$RASD" names --english --type PER | cut -f2 | tr '\n' '|')
[ "$out" = "Fahd Al-Dosari|Fahd Bin Manahi Al-Otaibi|Al-Baghdadi|Abdulaziz Al Al-Sheikh|Mohammed VI|Tamim Bin Hamad Al-Thani|" ] && ok || no "names --english الدوسري … gave '$out'"
# Saudi and Arab places and names our list adds (the lists lack them or write them letter by letter)
out=$(printf 'سدير\nالجيزة\nدجلة\nأبي عريش\nالخفجي\nالخبر\n' | "$RASD" names --english --type LOC | cut -f2 | tr '\n' '|')
[ "$out" = "Sudair|Giza|Tigris|Abu Arish|Khafji|Khobar|" ] && ok || no "names --english سدير … gave '$out'"
# a foreign given name first in its usual English (بيتر Peter, not the letters' Bitr; جيريمي Jeremy, not the lists' Jeremi)
out=$(printf 'بيتر تشيك\nجيريمي كوربين\nويل سميث\n' | "$RASD" names --english --type PER | cut -f2 | cut -d' ' -f1 | tr '\n' '|')
[ "$out" = "Peter|Jeremy|Will|" ] && ok || no "names --english بيتر … gave '$out'"
# the United States' state bodies are US (not its universities), armies, forces and embassies composed like ministries
out=$(printf 'هيئة المسح الجيولوجي الأميركية\nالجامعة الأمريكية\nالجيش السوري\nالقوات المسلحة السعودية\nالسفارة الأمريكية\n' | "$RASD" names --english --type ORG | cut -f2 | tr '\n' '|')
[ "$out" = "US Geological Survey Authority|American University|Syrian Army|Saudi Armed Forces|US Embassy|" ] && ok || no "names --english state bodies gave '$out'"
# the cities list's Arabic country names are the countries' too (شيلي is Chile, not the painter Schiele); not one of
# three letters (بنن for Benin would make بان a country)
out=$(printf 'شيلي\nالمكسيك\nملاوي\nبان\n' | "$RASD" names --english --type LOC | cut -f2,3 | tr '\n' ' ')
[ "$out" = "Chile	known Mexico	known Malawi	known Ban	translit " ] && ok || no "names --english شيلي … gave '$out'"
# a kunya is no spelling of one word its letters run into (أم حمد / محمد), and a word with an alif in front is another
# word inside a longer name too (أم حمد / أم أحمد, حمد سعد / أحمد سعد); أبو ظبي / أبوظبي stay one
out=$(printf 'محمد\tام حمد\nام حمد\tأم أحمد\nحمد سعد\tأحمد سعد\nأبو ظبي\tأبوظبي\n' | "$RASD" names --pairs --no-gazetteer | tr '\n' ' ')
[ "$out" = "0 0 0 1 " ] && ok || no "names --pairs kunya gave '$out'"
# a line without a tab: 0, a message naming the line, exit 1, the run goes on
printf 'بوتين\nبوتين\tبوتين\n' | "$RASD" names --pairs >"$T/o" 2>"$T/e"; rc=$?
[ "$rc" = 1 ] && [ "$(tr '\n' ' ' <"$T/o")" = "0 1 " ] && grep -q '<stdin>:1' "$T/e" && ok || no "bad pair line: rc=$rc"
# empty input, invalid UTF-8 and NUL bytes: no crash
: | "$RASD" names --pairs >"$T/o" && [ ! -s "$T/o" ] && ok || no "empty pairs input"
printf '\377\376\tكيم\n\000x\tx\n' | "$RASD" names --pairs >"$T/o"; rc=$?
[ "$rc" -le 1 ] && [ "$(wc -l <"$T/o")" -eq 2 ] && ok || no "invalid UTF-8 pairs: rc=$rc"
"$RASD" names --bogus >/dev/null 2>&1; [ $? = 2 ] && ok || no "unknown option exit code"
# a transliteration writes لل "for the" and وال "and the" as lil- and wal- (منظمة الخليج للاستشارات)
out=$(printf 'شركة الخليج للاستشارات والتدريب\n' | "$RASD" names --english --type ORG)
echo "$out" | grep -q 'lil-.* wal-' && ok || no "names --english lil-/wal-: '$out'"
out=$(printf 'فلاديمير بوتين\n' | "$RASD" names --english --type PER)
echo "$out" | grep -q 'Vladimir Putin	known' && ok || no "names --english: '$out'"

# entities: a small corpus of two articles written by us
cat >"$T/a.jsonl" <<'J'
{"id": "a1", "date": "2024-06-19", "content": "وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ حيث استقبله الزعيم الكوري الشمالي كيم جونغ أون. وقال بوتين إن العلاقات مع كوريا الشمالية قوية، فيما قال السيد كيم إن مجلس الأمن الدولي لا يمثل العالم."}
{"id": "a2", "date": "2024-06-20", "content": "غادر بوتين بيونغيانغ بعد زيارة التقى فيها كيم جونج أون. وأعلن مجلس الأمن الروسي أن كوريا الجنوبية استدعت السفير الروسي في سيول."}
J
if "$RASD" entities --format json "$T/a.jsonl" >"$T/e.json" 2>"$T/err"; then
  python3 - "$T/e.json" >"$T/chk" 2>&1 <<'PY'
import json, sys
o = json.load(open(sys.argv[1])); ents = o['entities']
def ids(form):
    return {e['id'] for e in ents if form in e['forms'] or e['canonical'] == form}
res = []
res.append(len(ids('كيم جونغ أون') & ids('كيم جونج أون')) == 1)
res.append(ids('بوتين') == ids('فلاديمير بوتين') and len(ids('بوتين')) == 1)
res.append(not (ids('مجلس الأمن الدولي') & ids('مجلس الأمن الروسي')))
res.append(not (ids('كوريا الشمالية') & ids('كوريا الجنوبية')))
putin = [e for e in ents if e['canonical'] == 'فلاديمير بوتين']
res.append(bool(putin) and putin[0]['en'] == 'Vladimir Putin' and putin[0]['articles'] == 2)
res.append(all(set(e) >= {'id', 'type', 'canonical', 'en', 'forms', 'mentions', 'articles'} for e in ents))
print(' '.join('1' if r else '0' for r in res))
PY
  for r in $(cat "$T/chk"); do [ "$r" = 1 ] && ok || no "entities corpus check: $(cat "$T/chk")"; done
else
  no "rasd entities failed: $(head -c 300 "$T/err")"
fi
"$RASD" entities --format tsv "$T/a.jsonl" >"$T/e.tsv" 2>/dev/null && head -1 "$T/e.tsv" | grep -q '^id	type	canonical	en' && ok || no "entities --format tsv"
"$RASD" entities --format xml "$T/a.jsonl" >/dev/null 2>&1; [ $? = 2 ] && ok || no "entities --format xml should be a usage error"
printf '{"id": "bad", "content": "\377 كيم"}\nnot json\n' >"$T/bad.jsonl"
"$RASD" entities "$T/bad.jsonl" >"$T/o" 2>"$T/err"; rc=$?
[ "$rc" -le 1 ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/o" 2>/dev/null && ok || no "entities on bad input: rc=$rc"

# God in a religious formula is no one's name; names made with الله stay whole (text written by us)
cat >"$T/g.jsonl" <<'J'
{"id": "g1", "date": "2015-08-02", "content": "نعى الديوان الملكي الأمير سعود الفيصل رحمه الله، وقال ولي العهد إن الفقيد خدم وطنه بإخلاص، والحمد لله على قضائه. وقال الشيخ عبد الله المطلق إن المصاب جلل، بارك الله في أهله وجزاهم الله خيرا."}
{"id": "g2", "date": "2015-08-02", "content": "أعلن المتحدث باسم طالبان ذبيح الله مجاهد أن الحركة اختارت قائدا جديدا. وقال الأمين العام لحزب الله حسن نصر الله في كلمة إن المقاومة مستمرة، فيما تظاهر المئات في رام الله. وصلى الرئيس على النبي محمد صلى الله عليه وسلم."}
J
if "$RASD" entities --format json "$T/g.jsonl" >"$T/g.json" 2>"$T/err"; then
  python3 - "$T/g.json" >"$T/chk" 2>&1 <<'PY'
import json, sys
ents = json.load(open(sys.argv[1]))['entities']
forms = {f for e in ents for f in e['forms']} | {e['canonical'] for e in ents}
res = []
res.append(not any(f.split()[-1] == 'الله' and f.split()[0] not in ('عبد', 'ذبيح', 'حزب', 'نصر', 'رام', 'حسن') for f in forms if f.split()))
res.append('الله' not in forms and 'بارك الله' not in forms and 'الحمد لله' not in forms)
res.append(any('سعود الفيصل' == f for f in forms) and not any('رحمه' in f for f in forms))
res.append('عبد الله المطلق' in forms and 'رام الله' in forms and 'حسن نصر الله' in forms)
res.append(any('ذبيح الله مجاهد' in f for f in forms))
print(' '.join('1' if r else '0' for r in res))
print(' '.join(sorted(forms)), file=open(sys.argv[1] + '.forms', 'w'))
PY
  for r in $(cat "$T/chk"); do [ "$r" = 1 ] && ok || no "formulas with الله: $(cat "$T/chk"); forms: $(cat "$T/g.json.forms")"; done
else
  no "rasd entities failed on the formula text: $(head -c 300 "$T/err")"
fi

# a short name alone joins a person's name only in the same letters: the singer جيري is not the minister
# جون كيري (ج and ك are one letter class, for Egyptian g)
cat >"$T/k.jsonl" <<'J'
{"id": "k1", "date": "2015-08-01", "content": "قال وزير الخارجية الأمريكي جون كيري إن المحادثات مستمرة، وأضاف كيري أن الاتفاق قريب."}
{"id": "k2", "date": "2015-08-02", "content": "قال المغني الأمريكي جيري إنه سيغني في دبي، وأضاف جيري أن الحفل سيقام الشهر المقبل."}
J
table_check 'short name alone' k '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
k = [e for e in ents if "جون كيري" in e["forms"]]
print("ok" if len(k) == 1 and "كيري" in k[0]["forms"] and "جيري" not in k[0]["forms"] else "bad %s" % [e["forms"] for e in ents])
'

# words that are no names: a place's adjective (الكوريين, اللبناني), a month inside a date (نيسان next to أبريل),
# a descriptor alone; and the canonical form is never one a preposition took (بمنطقة مكة المكرمة) (text written by us)
cat >"$T/n.jsonl" <<'J'
{"id": "n1", "date": "2025-04-23", "content": "قال الوزير إن عدد المستثمرين الكوريين في المملكة تضاعف منذ أبريل (نيسان) الماضي، وإن الجيش اللبناني أعلن أمس أن الوفد وصل إلى بيروت. وشهدت محافظات بمنطقة مكة المكرمة أمطارا غزيرة."}
{"id": "n2", "date": "2025-04-24", "content": "حذر الدفاع المدني بمنطقة مكة المكرمة من السيول، وقال إن الأمطار في منطقة مكة المكرمة ستستمر حتى نهاية نيسان/أبريل. وأعلنت شركة نيسان اليابانية أن مبيعاتها ارتفعت."}
{"id": "n3", "date": "2025-04-24", "content": "وقال إن \"الشركات مستعدة لتذليل العقبات أمام المستثمرين الكوريين\"، لافتا إلى أن العدد ارتفع."}
J
table_check 'no-name words' n '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
forms = {f for e in ents for f in e["forms"]}
bad = [f for f in ("الكوريين", "اللبناني") if f in forms]
months = [e for e in ents if "نيسان" in e["forms"]]
mecca = [e for e in ents if "مكة المكرمة" in e["forms"] or "بمنطقة مكة المكرمة" in e["forms"]]
ok = not bad and all(e["mentions"] == 1 for e in months) and len(mecca) == 1 and not mecca[0]["canonical"].startswith("ب")
print("ok" if ok else "bad: adjectives %s, نيسان %s, mecca %s" % (bad, [e["mentions"] for e in months], [(e["canonical"], e["forms"]) for e in mecca]))
'

# a ministry is one organisation from its head over its portfolios, with a proclitic off (بوزارة) and a country's
# adjective on; the English from the parts; الوزارة alone is no name; two countries' ministries of one portfolio are two
# entities even in one article (a typo allowance took العراقية for الأميركية)
cat >"$T/m.jsonl" <<'J'
{"id": "m1", "date": "2015-07-25", "content": "أعلنت وزارة المالية اليوم نتائج الميزانية، وأوضحت الوزارة أن الإيرادات ارتفعت. وقال مسؤول بوزارة الشؤون الإسلامية والأوقاف والدعوة والإرشاد إن المساجد جاهزة."}
{"id": "m2", "date": "2015-07-26", "content": "قالت وزارة الشؤون البلدية والقروية إن المشروع اكتمل بدعم من إمارة المنطقة ووزارة الشؤون البلدية والقروية، وأكدت وزارة المالية صرف المستحقات بالتنسيق مع وزارة التربية والتعليم."}
{"id": "m3", "date": "2015-07-26", "content": "ذكرت وزارة الدفاع أن المتطوعين أنهوا التدريب، وأن وزارة الدفاع العراقية ستسلمهم السلاح، فيما قالت وزارة الدفاع الأميركية إن مستشاريها يشرفون على التدريب. وأعلنت وزارة الداخلية التونسية القبض على خلية، ووجهت وزارة العدل الأميركية اتهامات إلى اثنين."}
J
table_check 'ministries' m '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
can = {e["canonical"]: e for e in ents}
want = {"وزارة المالية": "Ministry of Finance", "وزارة الشؤون الإسلامية والأوقاف والدعوة والإرشاد": "Ministry of Islamic Affairs, Endowments, Dawah and Guidance",
        "وزارة الشؤون البلدية والقروية": "Ministry of Municipal and Rural Affairs", "وزارة التربية والتعليم": "Ministry of Education",
        "وزارة الدفاع العراقية": "Iraqi Ministry of Defence", "وزارة العدل الأميركية": "US Department of Justice",
        "وزارة الداخلية التونسية": "Tunisian Ministry of Interior"}
bad = ["%s: %s" % (c, can[c]["en"] if c in can else "missing") for c, en in want.items() if c not in can or can[c]["en"] != en]
if "وزارة المالية" in can and can["وزارة المالية"]["articles"] != 2: bad.append("finance in %d articles" % can["وزارة المالية"]["articles"])
bad += [e["canonical"] for e in ents if "الوزارة" in e["forms"] or any(f.startswith("زارة") or f.startswith("بوزارة") or "المنطقة و" in f for f in e["forms"])]
both = [e["canonical"] for e in ents if "وزارة الدفاع العراقية" in e["forms"] and "وزارة الدفاع الأميركية" in e["forms"]]
print("ok" if not bad and not both else "bad %s %s" % (bad, both))
'

# no typo allowance towards a country: التركستان (a region) is not طاجيكستان, nor طاجيكستان أوزبكستان
cat >"$T/ct.jsonl" <<'J'
{"id": "ct1", "date": "2015-07-22", "content": "يحتفل سكان جمهورية أوزبكستان بعيد الاستقلال، وأوزبكستان بلد في قلب آسيا الوسطى تحده من الشمال كازاخستان، ومن الجنوب طاجيكستان وأفغانستان وتركمانستان، ومن الشرق قرغيزيا وطاجيكستان. وفي العصر العباسي دخل الإسلام كثير من قبائل التركستان، ثم انتشر في بلاد التركستان كلها."}
J
table_check 'country and region' ct '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
n = {e["en"]: e["mentions"] for e in ents}
bad = [e["forms"] for e in ents if len({"أوزبكستان", "طاجيكستان", "التركستان"} & set(e["forms"])) > 1]
print("ok" if not bad and n.get("Uzbekistan") == 2 and n.get("Tajikistan") == 2 and n.get("Turkistan") == 2 else "bad %s %s" % (bad, n))
'

# a club named after a city or a medium is neither (نادي الرياض: Riyadh Club, not the city nor Al Riyadh newspaper;
# نادي الجزيرة not Al Jazeera), nor is a municipality (بلدية الجزيرة); a club's own name stays one row (نادي الهلال)
cat >"$T/cl.jsonl" <<'J'
{"id": "cl1", "date": "2015-08-02", "content": "وأعلن نادي الرياض تعاقده مع مدرب جديد، فيما تستضيف الرياض البطولة. وفاز نادي الهلال على ضيفه، وقال مدرب الهلال إن الفوز مستحق."}
{"id": "cl2", "date": "2015-08-02", "content": "ونشرت صحيفة الرياض تقريرا عن المشروع. وبثت قناة الجزيرة تقريرا عن الأحداث، وقالت الجزيرة إن مراسلها شاهد الدمار."}
{"id": "cl3", "date": "2015-08-03", "content": "ووقع نادي الجزيرة الإماراتي عقدا مع لاعب برازيلي، فيما أعلنت بلدية الجزيرة إغلاق السوق."}
J
table_check 'clubs' cl '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
rows = {f: e["en"] for e in ents for f in e["forms"] if f.split()[0] in ("نادي", "صحيفة", "قناة", "بلدية")}
bad = [(a, b) for a in rows for b in rows if a < b and rows[a] == rows[b] and a.split()[1] == b.split()[1]]
city = [e for e in ents if e["type"] == "LOC" and "الرياض" in e["forms"]]
hilal = [e for e in ents if "نادي الهلال" in e["forms"]]
ok = not bad and rows.get("نادي الرياض") == "Riyadh Club" and city and "نادي الرياض" not in city[0]["forms"] and hilal and "الهلال" in hilal[0]["forms"]
print("ok" if ok else "bad %s %s" % (rows, bad))
'

# a public body (head, adjective, ل + field) is one organisation, also behind ل/ب/و (للجنة is ل + اللجنة); not over a
# word of the next clause or time (اليوم، الرقابة); a body named by a field the lists know is that organisation
cat >"$T/pb.jsonl" <<'J'
{"id": "pb1", "date": "2015-08-02", "content": "أعلنت الهيئة العامة للسياحة والتراث الوطني اليوم موسما جديدا، وقال المنسق الإعلامي للجنة الوطنية لمكافحة المخدرات إن الحملة مستمرة."}
{"id": "pb2", "date": "2015-08-03", "content": "حذرت الهيئة العامة للغذاء والدواء الرقابة مستمرة على الأسواق، وأوضح متحدث بالمؤسسة العامة لتحلية المياه المالحة أن الإنتاج ارتفع، وقالت المديرية العامة للدفاع المدني إن فرقها جاهزة."}
{"id": "pb3", "date": "2015-08-03", "content": "وقال الدفاع المدني إن السيول انحسرت، فيما أكدت اللجنة الوطنية لمكافحة المخدرات ضبط كميات كبيرة."}
J
table_check 'public bodies' pb '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
can = {e["canonical"]: e for e in ents}
want = {"الهيئة العامة للسياحة والتراث الوطني": 1, "اللجنة الوطنية لمكافحة المخدرات": 2, "الهيئة العامة للغذاء والدواء": 1,
        "المؤسسة العامة لتحلية المياه المالحة": 1}
bad = ["%s: %s" % (c, can[c]["articles"] if c in can else "missing") for c, n in want.items() if c not in can or can[c]["articles"] != n]
cd = [e for e in ents if "الدفاع المدني" in e["forms"]]
if len(cd) != 1 or "المديرية العامة للدفاع المدني" not in cd[0]["forms"]: bad.append("civil defence %s" % [e["forms"] for e in cd])
bad += [f for e in ents for f in e["forms"] if f.startswith("جنة") or f.endswith("اليوم") or f.endswith("الرقابة")]
en = {"الهيئة العامة للسياحة والتراث الوطني": "General Authority for Tourism and National Heritage",
      "اللجنة الوطنية لمكافحة المخدرات": "National Committee for Combating Narcotics"}
bad += ["%s: %s" % (c, can[c]["en"]) for c, x in en.items() if c in can and can[c]["en"] != x]
print("ok" if not bad else "bad %s" % bad)
'

# a Korean name's third syllable after a two-word person (بارك جونغ هو: هو is also "he"): one person with the hyphened form
cat >"$T/ko.jsonl" <<'J'
{"id": "ko1", "date": "2025-04-23", "content": "بحث وزير التجارة الكوري بارك جونغ-هو مع نظيره السعودي فرص التعاون."}
{"id": "ko2", "date": "2025-04-24", "content": "اختتم الوزير الكوري بارك جونغ هو زيارته إلى الرياض، وقال إن العلاقات قوية."}
{"id": "ko3", "date": "2025-04-24", "content": "وقال رئيس مجلس إدارة الخطوط الكورية تشو يانج هو إن الشركة ستزيد رحلاتها."}
J
table_check 'Korean names' ko '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
park = [e for e in ents if any(f.startswith("بارك") for f in e["forms"])]
cho = [e for e in ents if "تشو يانج هو" in e["forms"]]
ok = len(park) == 1 and park[0]["articles"] == 2 and len(cho) == 1
print("ok" if ok else "bad %s %s" % ([(e["canonical"], e["forms"]) for e in park], [e["canonical"] for e in ents]))
'

# news agencies: وكالة الأنباء X is one name with its English (not "الأنباء الألمانية", the German news)
cat >"$T/ag.jsonl" <<'J'
{"id": "ag1", "date": "2015-08-01", "content": "وذكرت وكالة الأنباء الألمانية أن الاجتماع انتهى، فيما نقلت وكالة الأنباء القطرية عن الوزير أن الوفد غادر."}
{"id": "ag2", "date": "2015-08-02", "content": "وقالت وكالة الأنباء الألمانية إن المحادثات ستستأنف الأسبوع المقبل."}
{"id": "ag3", "date": "2015-08-02", "content": "ونقلت وكالة المغرب العربي عن مصدر رسمي أن الوفد وصل، وأضافت وكالة المغرب العربي أن المباحثات بدأت."}
{"id": "ag4", "date": "2015-08-03", "content": "وذكرت وكالة المغرب العربي أن الاتفاق وقع أمس في الرباط."}
J
table_check 'news agencies' ag '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
can = {e["canonical"]: e for e in ents}
want = {"وكالة الأنباء الألمانية": ("dpa", 2), "وكالة الأنباء القطرية": ("Qatar News Agency", 1)}
bad = ["%s: %s" % (c, (can[c]["en"], can[c]["articles"]) if c in can else "missing") for c, w in want.items()
       if c not in can or (can[c]["en"], can[c]["articles"]) != w]
bad += [e["en"] for e in ents if (e["en"] or "").lower().count("agency") > 1]
print("ok" if not bad else "bad %s %s" % (bad, list(can)))
'

# a country's body: head (هيئة، وكالة، مكتب، جهاز، سلطة) + words with ال + the country's adjective, head kept, English composed;
# not مصلحة "interest"
cat >"$T/nb.jsonl" <<'J'
{"id": "nb1", "date": "2015-08-01", "content": "وأفادت هيئة المسح الجيولوجي الأمريكية بأن الزلزال وقع على عمق عشرة كيلومترات، وقال جهاز المخابرات الروسي إنه يتابع."}
{"id": "nb2", "date": "2015-08-02", "content": "وأعلنت سلطة الطيران المدني المصرية فتح تحقيق، مؤكدة أن القرار يصب في مصلحة الشعب المصري."}
J
table_check 'national bodies' nb '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
can = {e["canonical"]: e for e in ents}
want = {"هيئة المسح الجيولوجي الأمريكية": "US Geological Survey Authority", "جهاز المخابرات الروسي": "Russian Intelligence Service",
        "سلطة الطيران المدني المصرية": "Egyptian Civil Aviation Authority"}
bad = ["%s: %s" % (c, can[c]["en"] if c in can else "missing") for c, en in want.items() if c not in can or can[c]["en"] != en]
bad += [c for c in can if "مصلحة" in c]
print("ok" if not bad else "bad %s %s" % (bad, list(can)))
'

# a family name with ال alone is no part of a name whose word has none: الفهد is Abdullah al-Fahd's, not King Fahd's
# (فهد بن عبدالعزيز); so الفيصل is Saud al-Faisal's and الإسلام no part of تمام سلام
cat >"$T/fa.jsonl" <<'J'
{"id": "fa1", "date": "2015-07-22", "content": "تحدث رئيس النادي عبدالله الفهد عن الموسم الجديد، وذكر أن الملك فهد بن عبدالعزيز رحمه الله دعم النادي منذ تأسيسه. وقال الفهد إن الفريق جاهز للموسم."}
J
table_check 'family name with ال' fa '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
fahd = [e for e in ents if "عبدالله الفهد" in e["forms"]]
king = [e for e in ents if any(f.startswith("فهد بن") for f in e["forms"])]
ok = len(fahd) == 1 and fahd[0]["mentions"] == 2 and len(king) == 1 and king[0]["mentions"] == 1
print("ok" if ok else "bad %s" % [(e["canonical"], e["forms"], e["mentions"]) for e in ents if e["type"] == "PER"])
'

# a medium written with its descriptor whose hand-written English differs (صحيفة الجزيرة Al Jazirah, the Saudi paper) is not
# the entity its bare name has elsewhere (قناة الجزيرة, Al Jazeera), in either order
cat >"$T/jz.jsonl" <<'J'
{"id": "jz1", "date": "2015-08-01", "content": "وقال مصدر لصحيفة الجزيرة إن القرار صدر، ونشرت صحيفة الجزيرة تقريرا مفصلا."}
{"id": "jz2", "date": "2015-08-01", "content": "وبثت قناة الجزيرة مقابلة مع الوزير، وقالت الجزيرة إن المقابلة ستعرض كاملة."}
J
table_check 'two media of one bare name' jz '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
paper = [e for e in ents if "صحيفة الجزيرة" in e["forms"]]
tv = [e for e in ents if "قناة الجزيرة" in e["forms"]]
ok = len(paper) == 1 and len(tv) == 1 and paper[0]["id"] != tv[0]["id"] and paper[0]["en"] == "Al Jazirah" and tv[0]["en"] == "Al Jazeera"
print("ok" if ok else "bad %s" % [(e["canonical"], e["en"], e["forms"]) for e in ents])
'

# a currency with a country's adjective (ريال سعودي، جنيه إسترليني) or alone (ريالين) is no name; ريال مدريد is
cat >"$T/cu.jsonl" <<'J'
{"id": "cu1", "date": "2015-08-01", "content": "ضبطت الجمارك مسافرين اثنين، حاول أحدهما تهريب كمية من الأدوية، والآخر حاول تهريب 250 ألف ريال سعودي إلى المملكة عبر المنفذ."}
{"id": "cu2", "date": "2015-08-02", "content": "وتبلغ رسوم الخدمة ريالين فقط، فيما تعاقد نادي ريال مدريد مع مهاجم جديد بمبلغ 40 مليون يورو."}
J
table_check 'currencies' cu '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
forms = {f for e in ents for f in e["forms"]}
bad = [f for f in forms if f.startswith("ريال ") and "مدريد" not in f or f == "ريالين"]
print("ok" if not bad and any("ريال مدريد" in f for f in forms) else "bad %s %s" % (bad, sorted(forms)))
'

# two adjectives are no person (مؤتمر وطني تأسيسي سوري "a founding Syrian conference"), nor حجاج of حجاج بيت الله
# "the pilgrims of God's House"
cat >"$T/aj.jsonl" <<'J'
{"id": "aj1", "date": "2015-07-22", "content": "وتدرس الأمم المتحدة بالتشاور مع الجامعة العربية مقترح عقد مؤتمر وطني تأسيسي سوري يجمع ممثلي الشعب السوري."}
{"id": "aj2", "date": "2015-07-22", "content": "وتستعد المنافذ الأسبوع القادم لاستقبال أول فوج من قوافل حجاج بيت الله الحرام لأداء مناسك الحج."}
J
table_check 'adjectives and pilgrims' aj '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
bad = [e["canonical"] for e in ents if e["type"] == "PER" and ("سوري" in e["canonical"] or "بيت" in e["canonical"])]
print("ok" if not bad else "bad %s" % bad)
'

# an organisation written with its descriptor is the entity of its bare name, whichever comes first; English forms:
# common given names in the press's English (يوسف Yousef, not the lists' Iosef), ع before ا read as a vowel (عاطف Atif)
cat >"$T/c.jsonl" <<'J'
{"id": "c1", "date": "2015-08-01", "content": "أعلن نادي تشيلسي الإنجليزي تعاقده مع المدافع البرازيلي، وقال المدرب إن اللاعب سينضم إلى التدريبات الأسبوع المقبل."}
{"id": "c2", "date": "2015-08-02", "content": "وقال المدرب في تصريحات لموقع تشيلسي الرسمي إن الفريق جاهز للموسم الجديد."}
{"id": "c3", "date": "2015-08-03", "content": "فاز تشيلسي على أرسنال بهدفين دون رد في المباراة التي أقيمت على ملعب ويمبلي."}
J
table_check 'descriptor forms' c '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
ch = [e for e in ents if any("تشيلسي" in f for f in e["forms"])]
print("ok" if len(ch) == 1 and ch[0]["canonical"] == "تشيلسي" and ch[0]["articles"] == 3 else "bad %s" % [(e["canonical"], e["forms"], e["articles"]) for e in ch])
'
# the conjunction و on a name: وصالح العمري is صالح العمري (the tokenizer keeps و + ص whole: وصل، وصف), وليد keeps
# its و; وسورية written more often than سورية is still سورية, in Arabic and English
cat >"$T/w.jsonl" <<'J'
{"id": "w1", "date": "2015-08-02", "content": "استقبل أمير المنطقة رئيس البلدية ووفد الغرفة التجارية وصالح العمري مدير فرع الوزارة، وأكد وليد الأحمد أن المشروع يكتمل هذا العام."}
{"id": "w2", "date": "2015-08-02", "content": "بحث الوزير مع نظيره التركي الأوضاع في العراق وسورية، وقال إن الحل في سورية سياسي."}
{"id": "w3", "date": "2015-08-03", "content": "تتواصل المعارك في اليمن وسورية، وتحدث التقرير عن اللاجئين في لبنان وسورية والأردن."}
J
table_check 'conjunction on a name' w '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
can = {e["canonical"]: e for e in ents}
bad = [c for c in ("صالح العمري", "وليد الأحمد", "سورية") if c not in can]
bad += [c for c in can if c.startswith("وص") or c.startswith("وس")]
if "سورية" in can and can["سورية"]["en"] != "Syria": bad.append(can["سورية"]["en"])
print("ok" if not bad else "bad %s" % bad)
'
# عبد apart or joined to the next word is one name (outlets write both), in either order; عبد العزيز alone (a first
# name) does not join عبدالعزيز الشيخ
cat >"$T/j.jsonl" <<'J'
{"id": "j1", "date": "2015-08-05", "content": "استقبل الأمير محمد بن عبد الرحمن بن عبد العزيز نائب أمير منطقة الرياض في مكتبه اليوم عددا من المواطنين، واستمع الأمير محمد بن عبد الرحمن إلى مطالبهم."}
{"id": "j2", "date": "2015-08-06", "content": "رعى الأمير محمد بن عبدالرحمن بن عبدالعزيز نائب أمير منطقة الرياض حفل تخريج الدفعة الجديدة من طلاب الكلية التقنية."}
{"id": "j3", "date": "2015-08-06", "content": "استقبل العاهل الأردني الملك عبدالله الثاني في قصر الحسينية وزير الخارجية الفرنسي وبحثا العلاقات الثنائية."}
{"id": "j4", "date": "2015-08-07", "content": "بعث ولي ولي العهد برقية شكر للملك عبد الله الثاني ملك الأردن بعد انتهاء زيارته الرسمية."}
{"id": "j5", "date": "2015-08-07", "content": "قال المفتي العام الشيخ عبدالعزيز آل الشيخ إن الاعتداء جريمة نكراء، وأضاف أن العلماء يدينون الإرهاب."}
{"id": "j6", "date": "2015-08-07", "content": "دعا المفتي في خطبته المصلين إلى الحذر من الفكر الضال، وقال عبدالعزيز إن الأمن نعمة."}
{"id": "j7", "date": "2015-08-08", "content": "سجل اللاعب عبد العزيز هدف الفوز للفريق في الدقيقة الأخيرة من المباراة، وقال عبد العزيز إنه سعيد بالهدف."}
J
table_check 'عبد apart or joined' j '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
def ids(f): return {e["id"] for e in ents if f in e["forms"] or e["canonical"] == f}
bad = []
for a, b in (("محمد بن عبد الرحمن بن عبد العزيز", "محمد بن عبدالرحمن بن عبدالعزيز"), ("عبدالله الثاني", "عبد الله الثاني")):
    if len(ids(a) | ids(b)) != 1: bad.append(a)
if not ids("عبد العزيز") or ids("عبد العزيز") & ids("عبدالعزيز آل الشيخ"): bad.append("عبد العزيز")
print("ok" if not bad else "bad %s" % bad)
'
# a nisba adjective after a definite noun or a place is no name (الدول العربية, التعليم الأهلي, مصر العربية); after a
# descriptor noun, or alone, it is (قناة العربية, النادي الأهلي)
cat >"$T/n.jsonl" <<'J'
{"id": "n1", "date": "2015-08-02", "content": "دعا وزراء خارجية الدول العربية إلى تعزيز التعاون، وقال الوزير إن الأمة العربية تمر بمرحلة دقيقة، وأكد ممثل جمهورية مصر العربية دعم بلاده."}
{"id": "n2", "date": "2015-08-02", "content": "أعلنت الوزارة أنظمة جديدة لمدارس التعليم الأهلي في المملكة، فيما رفع البنك الأهلي أرباحه الفصلية."}
{"id": "n3", "date": "2015-08-03", "content": "ذكرت قناة العربية أن النادي الأهلي تعاقد مع مدافع برازيلي لمدة ثلاث سنوات، وقال مدرب الأهلي إن الصفقة مهمة."}
J
table_check 'nisba adjectives' n '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
arts = {w: sum(e["articles"] for e in ents if w in e["forms"]) for w in ("العربية", "الأهلي")}
print("ok" if arts == {"العربية": 1, "الأهلي": 1} else "bad %s" % arts)
'
out=$(printf 'يوسف بن علي\nعادل\nعاطف\n' | "$RASD" names --english --type PER | cut -f2 | tr '\n' ' ')
[ "$out" = "Yousef Bin Ali Adel Atif " ] && ok || no "English forms: '$out'"

# عمان in an article on Jordan is Amman, elsewhere Oman: one spelling, two known English forms, two entities
cat >"$T/o.jsonl" <<'J'
{"id": "o1", "date": "2015-08-04", "content": "وصل وزير الخارجية إلى مسقط في زيارة رسمية لسلطنة عمان، وأكد أن العلاقات مع عمان متينة."}
{"id": "o2", "date": "2015-08-05", "content": "استقبل العاهل الأردني في عمان ولي ولي العهد، وبحث الجانبان العلاقات بين الأردن والمملكة."}
{"id": "o3", "date": "2015-08-06", "content": "فاز منتخب عمان على منافسه بهدفين في البطولة الخليجية."}
J
table_check 'Amman and Oman' o '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
om = sorted((e["en"], e["articles"]) for e in ents if "عمان" in e["forms"])
print("ok" if om == [("Amman", 1), ("Oman", 2)] else "bad %s" % om)
'

# a name the lists know as a region and as a newspaper (الشرق الأوسط): its context decides (منطقة، في: the region;
# صحيفة, quoted: the newspaper), else the article's other mentions; a medium named after a city (جريدة الرياض) is an
# organisation apart from the city, with its own English; قناة السويس is the Suez Canal, no channel
cat >"$T/m.jsonl" <<'J'
{"id": "m1", "date": "2015-08-01", "content": "قال وزير الخارجية في حديث لصحيفة الشرق الأوسط إن الوضع خطير. وأضاف أن دول منطقة الشرق الأوسط تواجه تحديات كبيرة في الشرق الأوسط هذا العام."}
{"id": "m2", "date": "2015-08-01", "content": "تشهد منطقة الشرق الأوسط موجة حر شديدة، وقال خبراء إن الشرق الأوسط سيشهد ارتفاعا في درجات الحرارة."}
{"id": "m3", "date": "2015-08-01", "content": "وعلمت «الشرق الأوسط» من مصادر مطلعة أن الاجتماع سيعقد في الرياض الأسبوع المقبل. وقال مسؤول لـ«الشرق الأوسط» إن الاتفاق قريب."}
{"id": "m4", "date": "2015-08-02", "content": "عين مجلس إدارة المؤسسة رئيسا جديدا لتحرير جريدة «الرياض» بعد أن قاد الصحيفة أربعين عاما، وأقيم الحفل في الرياض مساء أمس."}
{"id": "m5", "date": "2015-08-02", "content": "عبرت سفينة عملاقة قناة السويس أمس، وقالت هيئة قناة السويس إن حركة الملاحة في السويس طبيعية."}
J
table_check 'regions, media and canals' m '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
def rows(f): return sorted((e["type"], e["en"], e["articles"]) for e in ents if f in e["forms"])
got = [rows("الشرق الأوسط"), rows("جريدة الرياض"), sorted((e["type"], e["en"]) for e in ents if e["canonical"] == "الرياض"),
       sorted(e["type"] for e in ents if "قناة السويس" in e["forms"])]
want = [[("LOC", "Middle East", 2), ("ORG", "Asharq Al-Awsat", 2)], [("ORG", "Al Riyadh newspaper", 1)],
        [("LOC", "Riyadh"), ("ORG", "Al Riyadh newspaper")], ["LOC"]]
print("ok" if got == want else "bad %s" % got)
'

# people joined by و in one span of the tagger are several people (سعيد وليلى وخديجة); a name's own و-word is not
# (وليد المعلم); ولي ولي العهد is a title, no person ولي ولي
cat >"$T/k.jsonl" <<'J'
{"id": "k1", "date": "2015-08-01", "content": "كرمت المدرسة الطلاب سعيد وليلى وخديجة بعد تفوقهم في الاختبارات. والتقى الوزير وليد المعلم وحسن في دمشق."}
{"id": "k2", "date": "2015-08-01", "content": "وهنأ الأمير خادم الحرمين الشريفين وولي العهد وولي ولي العهد بنجاح موسم الحج."}
J
table_check 'people joined by و' k '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
per = sorted(e["canonical"] for e in ents if e["type"] == "PER")
want = ["حسن", "خديجة", "سعيد", "ليلى", "وليد المعلم"]
print("ok" if per == want else "bad %s" % per)
'

# an organisation's head noun before a quoted name the tagger left out is that name's (منظمة «أطباء عبر القارات»);
# a head noun alone is no entity
cat >"$T/h.jsonl" <<'J'
{"id": "h1", "date": "2015-08-01", "content": "وقالت منظمة «أطباء عبر القارات» إن فرقها وصلت إلى المدينة المنكوبة. وأضافت المنظمة أنها تحتاج إلى دعم عاجل، فيما دعت منظمة إلى وقف القتال."}
J
table_check 'head noun and quoted name' h '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
orgs = sorted(e["canonical"] for e in ents if e["type"] == "ORG")
print("ok" if "منظمة" not in orgs and any("أطباء عبر القارات" in o for o in orgs) else "bad %s" % orgs)
'

# organisations' English composed from their words: Olympic, Workers', Communist; العربية السعودية is Saudi Arabian
out=$(printf 'اللجنة الأولمبية العربية السعودية\nحزب العمال الكردستاني\nالحزب الشيوعي الصيني\n' | "$RASD" names --english --type ORG | cut -f2 | tr '\n' '|')
[ "$out" = "Saudi Arabian Olympic Committee|Kurdistan Workers' Party|Chinese Communist Party|" ] && ok ||
  no "organisations in English: '$out'"
# لكرة القدم is "for football" (كرة القدم one word in English); جازان and جيزان are one place
out=$(printf 'الاتحاد الكويتي لكرة القدم\n' | "$RASD" names --english --type ORG | cut -f2)
[ "$out" = "Kuwaiti Union for Football" ] && ok || no "football in English: '$out'"
out=$(printf 'جازان\tجيزان\n' | "$RASD" names --pairs)
[ "$out" = 1 ] && ok || no "جازان / جيزان: '$out'"

# a name neither ends in its particle nor begins with بن: عبد | الباسط is عبد الباسط, no part of علي عبد الله صالح
# (nor the speaker of his quote); محمد | بن نايف is محمد بن نايف, no part of فهد بن نايف بن عبدالعزيز
cat >"$T/p.jsonl" <<'J'
{"id": "p1", "date": "2015-08-02", "content": "وحمل المسؤول علي عبد الله صالح مسؤولية الدمار في عدن. أما مسؤول إدارة الاتصالات عبد الباسط الفقيه، فشدد على استعادة خدمة الإنترنت «في القريب العاجل». واستقبل الأمير فهد بن نايف بن عبدالعزيز الوفد، كما التقى الأمير محمد بن نايف رئيس الوزراء."}
J
analyze_check 'name particles' p '
import json, sys
d = json.loads(open(sys.argv[1]).readline())
per = sorted(set(e["canonical"] for e in d["entities"] if e["type"] == "PER"))
sp = [q.get("speaker_canonical") for q in d["quotes"]]
print("ok" if "محمد بن نايف" in per and "عبد الباسط" in per and sp == ["عبد الباسط"] else "bad %s %s" % (per, sp))
'

# words before a name that the tagger took in are left out: a country's adjective (الكولومبي), a position (الظهير
# الأيمن), a rank's أول (الملازم أول), a title (البروفسور), ابني "my son", and a region before a name (أمير منطقة عسير
# صالح بن عبدالله القاضي: the region is a place of its own); and a function word after it (اليوسف فيما)
cat >"$T/lw.jsonl" <<'J'
{"id": "lw1", "date": "2015-08-02", "content": "وسجل الكولومبي رادامل فالكاو هدف الفوز، فيما تعاقد النادي مع الظهير الأيمن ناثانييل كلاين لأربعة أعوام. وأوضح الملازم أول حسن ناصر بشيري أن الدوريات باشرت الحادث، وقال البروفسور ديفيد توماس إن النتائج مشجعة. وقالت أم حسين إن ابني حسين شاهد الحادث. واستقبل أمير منطقة عسير صالح بن عبدالله القاضي الوفد، وتحدث مدير الفرع عبدالعزيز اليوسف فيما عرض المهندسون خططهم."}
J
analyze_check 'words before a name' lw '
import json, sys
d = json.loads(open(sys.argv[1]).readline())
per = sorted(set(e["text"] for e in d["entities"] if e["type"] == "PER"))
loc = [e["text"] for e in d["entities"] if e["type"] == "LOC"]
want = {"رادامل فالكاو", "ناثانييل كلاين", "حسن ناصر بشيري", "ديفيد توماس", "صالح بن عبدالله القاضي", "عبدالعزيز اليوسف"}
bad = [p for p in per if p.split()[0] in ("الكولومبي", "الأيمن", "أول", "البروفسور", "ابني", "عسير")]
print("ok" if want <= set(per) and not bad and "عسير" in loc else "bad %s %s" % (per, loc))
'

# dual and plural nouns and adjectives are no person (ميداليتين برونزيتين، طائرتان عسكريتان عمانيتان)
cat >"$T/d.jsonl" <<'J'
{"id": "d1", "date": "2015-08-02", "content": "حصد المنتخب السعودي ميداليتين برونزيتين في بطولة آسيا للناشئين، وأهدى اللاعب محمد العمري الميدالية الأولى لوالده."}
{"id": "d3", "date": "2015-08-03", "content": "هبطت طائرتان عسكريتان عمانيتان في مطار عدن الدولي محملتين بالمساعدات، بحسب ما أعلن المتحدث باسم التحالف."}
J
table_check 'plural nouns' d '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
per = sorted(e["canonical"] for e in ents if e["type"] == "PER")
print("ok" if per == ["محمد العمري"] else "bad %s" % per)
'

# institutions and places named after a king or prince are one organisation or place, not a person and a cut-off
# name (مدينة الملك عبدالعزيز للعلوم والتقنية, not a man "عبدالعزيز للعلوم"); a place with ب after the name stays a place
cat >"$T/r.jsonl" <<'J'
{"id": "r1", "date": "2015-08-01", "content": "أعلنت مدينة الملك عبدالعزيز للعلوم والتقنية إطلاق قمر صناعي جديد، فيما وصل الوفد إلى مطار الملك خالد الدولي مساء أمس. ونقل المصابون إلى مستشفى الملك فهد بتبوك، وقال مدير جامعة الملك سعود إن الجامعة تشارك في البرنامج."}
J
table_check 'royal institutions' r '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
got = {(e["type"], e["canonical"]): e["en"] for e in ents}
want = {("ORG", "مدينة الملك عبدالعزيز للعلوم والتقنية"): "King Abdulaziz City for Science and Technology",
        ("ORG", "مطار الملك خالد"): "King Khalid Airport",
        ("ORG", "مستشفى الملك فهد"): "King Fahd Hospital", ("ORG", "جامعة الملك سعود"): "King Saud University",
        ("LOC", "تبوك"): "Tabuk"}
per = [e["canonical"] for e in ents if e["type"] == "PER"]
bad = [k for k in want if got.get(k) != want[k]]
print("ok" if not bad and not per else "bad %s %s %s" % (bad, per, got))
'

# شهري (monthly, خلال شهري سبتمبر وأكتوبر) is no person; الشهري with the article is a family name
cat >"$T/y.jsonl" <<'J'
{"id": "y1", "date": "2015-08-01", "content": "وبلغ حجم الاستثمارات 546 مليار دولار وهو أعلى مستوى شهري له على الإطلاق. وستجرى الانتخابات البرلمانية خلال شهري سبتمبر (أيلول) وأكتوبر (تشرين الأول) المقبلين. وقال الرائد سالم محمد الشهري إن الحادث وقع صباحا، وأضاف الشهري أن التحقيق مستمر."}
J
table_check 'monthly is no person' y '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
per = sorted((e["canonical"], e["forms"]) for e in ents if e["type"] == "PER")
print("ok" if not any(f == "شهري" for p in per for f in p[1]) and any("الشهري" in p[0] for p in per) else "bad %s" % per)
'

# فإن، بأن (with their hamza) and قال are no part of a person's name, though فان is Van (لويس فان غال)
cat >"$T/v.jsonl" <<'J'
{"id": "v1", "date": "2015-08-01", "content": "قال مدرب مانشستر يونايتد لويس فان غال إن الفريق جاهز. وأضاف فان غال أن المباراة صعبة، ورغم ذلك فإن سيباستيان ابيس أكد أنه جاهز للمشاركة."}
J
table_check 'particles are no name' v '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
forms = [f for e in ents if e["type"] == "PER" for f in e["forms"]]
bad = [f for f in forms if f.split()[0] in ("قال", "فإن", "بأن")]
print("ok" if not bad and any("فان غال" in f for f in forms) and "سيباستيان ابيس" in forms else "bad %s" % forms)
'

# Latin letters spelt out and dotted are one organisation's acronym, in one sentence (أف. بي. آي → FBI), not بي or
# سي alone; an acronym no list knows is read letter by letter (إي.إس.بي.إن → ESPN, marked as a transliteration)
cat >"$T/a.jsonl" <<'J'
{"id": "a1", "date": "2015-08-01", "content": "وقال مكتب التحقيقات الفيدرالي (أف. بي. آي) إنه فتح تحقيقا في الحادث. وذكرت شبكة «إم.تي.في» أن الفريق وصل."}
J
table_check 'dotted acronyms' a '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
got = {e["canonical"]: (e["type"], e["en"]) for e in ents}
ok = not any(c in ("بي", "آي", "تي", "أف") for c in got) and any(v == ("ORG", "MTV") for v in got.values())
print("ok" if ok else "bad %s" % got)
'
n=$("$RASD" analyze "$T/a.jsonl" 2>/dev/null | python3 -c "
import json, sys
a = json.loads(sys.stdin.readline())
print(len(a[\"sentences\"]), [m[\"en\"] for m in a[\"entities\"] if m[\"text\"] == \"أف. بي. آي\"])")
[ "$n" = "2 ['FBI']" ] && ok || no "a dotted acronym: sentences and English $n"

# دوما: the village in «قرية دوما» is a place (Duma); الدوما is Russia's State Duma
cat >"$T/u.jsonl" <<'J'
{"id": "u1", "date": "2015-08-01", "content": "أحرق مستوطنون منزلا في قرية دوما جنوب نابلس فجر الجمعة. وفي موسكو، صادق مجلس الدوما الروسي على القانون."}
J
table_check 'Duma village and State Duma' u '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
got = sorted((e["type"], e["en"]) for e in ents if "دوما" in e["canonical"])
print("ok" if ("LOC", "Duma") in got and ("ORG", "State Duma") in got else "bad %s" % got)
'

# a word with a tanween (دوماً "always") is no name; دوما without it is a place only in an article that writes it after
# a place noun or a preposition somewhere (قرية دوما), not the adverb of another article
cat >"$T/v.jsonl" <<'J'
{"id": "v1", "date": "2015-08-01", "content": "أكد الوزير أن المملكة تقف دوماً مع الأشقاء في اليمن، وأن الحكومة كانت دوما إلى جانب الشعب."}
{"id": "v2", "date": "2015-08-01", "content": "أحرق مستوطنون منزلا في قرية (دوما) جنوب نابلس. وقال أهالي دوما إن الحريق دمر المنزل."}
J
table_check 'adverb دوما and the village' v '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
d = [e for e in ents if "دوما" in e["canonical"]]
print("ok" if len(d) == 1 and d[0]["type"] == "LOC" and d[0]["articles"] == 1 and d[0]["mentions"] == 2 else "bad %s" % d)
'

# a family name with the article (البنيان) is a person after a reporting verb, not Benin by a close spelling; الخبر
# (Al Khobar) and خيبر (Khaybar) are two places, not one by a vowel letter
cat >"$T/w.jsonl" <<'J'
{"id": "w1", "date": "2015-07-27", "content": "أعلنت سابك نتائجها. وقال الرئيس التنفيذي يوسف البنيان إن الشركة حققت أرباحا. وأضاف البنيان أن السوق الصيني مهم. وفي بنين، افتتحت الحكومة مصنعا."}
{"id": "w2", "date": "2015-07-27", "content": "وقع المسؤولون عقد تأمين سقيا قرى محافظة خيبر في منطقة المدينة المنورة."}
{"id": "w3", "date": "2015-07-28", "content": "تبدأ بلدية محافظة الخبر تطوير دوار العزيزية، وقال رئيس بلدية الخبر إن العمل يكتمل قريبا."}
J
table_check 'البنيان, خيبر and الخبر' w '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
per = [e for e in ents if "البنيان" in e["forms"]]
kh = [e for e in ents if "خيبر" in e["forms"] or "الخبر" in e["forms"]]
ok = len(per) == 1 and per[0]["type"] == "PER" and per[0]["canonical"] == "يوسف البنيان" and len(kh) == 2
print("ok" if ok else "bad %s %s" % ([(e["type"], e["canonical"], e["forms"]) for e in per], [(e["canonical"], e["forms"]) for e in kh]))
'

# an honorific with its pronoun (سموه، معاليه), ولا "nor" and a head noun behind a proclitic (لمنظمة) are no names; المسجد
# الحرام is the Grand Mosque, not an organisation الحرام
cat >"$T/x.jsonl" <<'J'
{"id": "x1", "date": "2015-07-27", "content": "افتتح أمير منطقة الباحة الأمير مشاري بن سعود المهرجان. وقال سموه إن المنطقة لا تقبل التطرف ولا العنف. وأكد معاليه أن الأمن مسؤولية الجميع."}
{"id": "x2", "date": "2015-07-27", "content": "اعتقلت الشرطة التركية مسؤول التنظيم الشبابي لمنظمة «ب.ك.ك» في أنقرة. وعاد إمام وخطيب المسجد الحرام الشيخ سعود الشريم إلى التغريد."}
J
table_check 'honorifics, ولا, لمنظمة and المسجد الحرام' x '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
bad = [e["canonical"] for e in ents if e["canonical"] in ("سموه", "معاليه", "ولا", "لمنظمة", "الحرام")]
mosque = [e for e in ents if e["canonical"] == "المسجد الحرام" and e["type"] == "MISC"]
print("ok" if not bad and mosque else "bad %s %s" % (bad, [(e["type"], e["canonical"]) for e in ents]))
'

# فالح is a given name, not the conjunction ف before الح: the corpus form keeps it
cat >"$T/y.jsonl" <<'J'
{"id": "y1", "date": "2015-08-01", "content": "قال فالح العيساوي نائب رئيس مجلس محافظة الأنبار إن القوات تقدمت. وأضاف فالح العيساوي أن المعارك مستمرة. وكان العيساوي قد حذر من الهجوم."}
J
table_check 'فالح العيساوي' y '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
p = [e for e in ents if "العيساوي" in e["forms"]]
print("ok" if len(p) == 1 and p[0]["canonical"] == "فالح العيساوي" and p[0]["en"].startswith("Falih") else "bad %s" % p)
'

# عبد X written joined and not in the table of given names: Abdul and the name (Abdulkhaliq), not letter by letter
out=$(printf 'عبدالخالق الحوثي\n' | "$RASD" names --english --type PER | cut -f2)
[ "$out" = "Abdulkhaliq Al-Houthi" ] && ok || no "English of a joined عبد name: '$out'"

# an indefinite head noun and its nisba adjective is a kind of body, no name (منظمة إرهابية، تنظيم إرهابي); a place or a
# verbal noun after the head is part of a name (بنك أبوظبي، منظمة حماية الطفل)
cat >"$T/z.jsonl" <<'J'
{"id": "z1", "date": "2015-08-01", "content": "قال المتحدث إن بلاده تعتبر الحزب «منظمة إرهابية» وإن من حقها الدفاع عن نفسها. وأضاف أن تنظيم إرهابي يقف وراء التفجير. ووقع بنك أبوظبي الوطني اتفاقية مع منظمة حماية الطفل."}
J
table_check 'generic bodies' z '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
c = [e["canonical"] for e in ents]
bad = [x for x in c if x in ("منظمة إرهابية", "تنظيم إرهابي")]
print("ok" if not bad and any("أبوظبي" in x for x in c) else "bad %s" % c)
'

# a place after the noun of a local public body is the body's name (شرطة الرياض: Riyadh Police), with its English; a
# place of several words after an organisation's head noun gives the English of the whole (Medina Municipality)
cat >"$T/lb.jsonl" <<'J'
{"id": "lb1", "date": "2015-08-10", "content": "وقال المتحدث باسم شرطة الرياض إن الجاني قبض عليه. وأوضحت أمانة المدينة المنورة أن المشروع اكتمل. ووصل الوفد إلى الرياض أمس."}
J
table_check 'local public bodies' lb '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
got = {e["canonical"]: (e["type"], e["en"]) for e in ents}
ok = got.get("شرطة الرياض") == ("ORG", "Riyadh Police") and got.get("أمانة المدينة المنورة") == ("ORG", "Medina Municipality") and got.get("الرياض", ("",))[0] == "LOC"
print("ok" if ok else "bad %s" % got)
'

# a name written after ل with the article's alif dropped (للخطوط) is listed as written with the article; the Fed and
# Qassim have their English
cat >"$T/ll.jsonl" <<'J'
{"id": "ll1", "date": "2015-08-10", "content": "وقال المتحدث الرسمي للخطوط الجوية العربية السعودية إن الرحلات تبدأ غدا. وأكد مدير للخطوط الجوية العربية السعودية أن الأسعار ثابتة. وقرر الاحتياطي الفيدرالي تثبيت الفائدة. وهطلت أمطار على القصيم."}
J
table_check 'ل before the article, the Fed, Qassim' ll '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
forms = [f for e in ents for f in e["forms"]]
en = {e["canonical"]: e["en"] for e in ents}
ok = not any(f.startswith("للخطوط") for f in forms) and en.get("الاحتياطي الفيدرالي") == "Federal Reserve" and en.get("القصيم") == "Qassim"
print("ok" if ok else "bad %s %s" % (forms, en))
'

# Saudi newspapers named by their word alone (الوطن، الحياة) have the English of the paper
cat >"$T/np.jsonl" <<'J'
{"id": "np1", "date": "2015-08-10", "content": "وقال المتحدث لصحيفة الوطن إن المشروع اكتمل. وأكد مسؤول لـ«الوطن» أن العمل مستمر. ونشرت صحيفة الوطن تقريرا عن المشروع."}
J
table_check 'newspapers' np '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
w = [e for e in ents if e["canonical"] in ("الوطن", "صحيفة الوطن")]
print("ok" if w and all(e["type"] == "ORG" and e["en"] == "Al Watan" for e in w) else "bad %s" % [(e["type"], e["canonical"], e["en"]) for e in ents])
'

# Saudi towns that begin with a clitic letter keep it (بريدة is Buraydah, not ريدة Raydah); Boko Haram is an
# organisation; Mullah Omar and Taiz have the press's English (text written by us)
cat >"$T/bu.jsonl" <<'J'
{"id": "bu1", "date": "2015-07-31", "content": "انطلق مهرجان التمور في بريدة أمس. وأعلنت حركة طالبان وفاة الملا محمد عمر، وقالت إن الملا عمر توفي قبل عامين. وهاجمت جماعة بوكو حرام قرية في نيجيريا. وقصفت الميليشيات أحياء تعز."}
J
table_check 'Buraydah, Boko Haram, Mullah Omar, Taiz' bu '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
got = {e["canonical"]: (e["type"], e["en"]) for e in ents}
ok = got.get("بريدة") == ("LOC", "Buraydah") and "ريدة" not in got and got.get("الملا محمد عمر") == ("PER", "Mullah Omar")
ok = ok and ("ORG", "Boko Haram") in got.values() and got.get("تعز") == ("LOC", "Taiz")
print("ok" if ok else "bad %s" % got)
'

# a hand-written name with its descriptor word has its own English, not that of the name without it (وكالة سانا is
# SANA, not Sanaa; نادي الخليج is the club, not the Gulf)
cat >"$T/ds.jsonl" <<'J'
{"id": "ds1", "date": "2015-07-31", "content": "ونقلت وكالة سانا عن مصدر عسكري أن الاشتباكات مستمرة. وتعاقد نادي الخليج مع مدرب جديد، وقالت إدارة نادي الخليج إن العقد لعامين."}
J
table_check 'descriptor with its name' ds '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
en = {e["en"] for e in ents if e["type"] == "ORG"}
print("ok" if {"SANA", "Al-Khaleej Club"} <= en and "Sanaa" not in en and "Gulf" not in en else "bad %s" % [(e["type"], e["canonical"], e["en"]) for e in ents])
'

# a number written in words and digits (ألفا و750) is no place, though الفاو without its spaces is Al Faw
cat >"$T/af.jsonl" <<'J'
{"id": "af1", "date": "2015-07-31", "content": "وبلغ عدد الاستشارات 17 ألفا و750 استشارة. وزادت الرحلات إلى 84 ألفاً و938 رحلة. وسيطرت القوات على شبه جزيرة الفاو."}
J
table_check 'ألفا و + digits' af '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
bad = [f for e in ents for f in e["forms"] if f.startswith("ألف")]
print("ok" if not bad else "bad %s" % [(e["type"], e["canonical"], e["en"]) for e in ents])
'

# مالي is also "financial": the country only in an article that writes it after a preposition, a place noun or a
# list's comma (text written by us)
cat >"$T/ml.jsonl" <<'J'
{"id": "ml1", "date": "2015-07-22", "content": "وطالب الاتحاد بدعم مالي للأندية، وقال إن أي انهيار مالي سيضر بالاقتصاد ويتطلب مبلغ مالي كبير."}
{"id": "ml2", "date": "2015-07-22", "content": "قتل جنود في هجوم في مالي أمس، وقال رئيس مالي إن الجيش يلاحق المهاجمين."}
J
table_check 'مالي financial or Mali' ml '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
m = [e for e in ents if e["canonical"] == "مالي"]
print("ok" if len(m) == 1 and m[0]["articles"] == 1 and m[0]["mentions"] == 2 else "bad %s" % [(e["canonical"], e["mentions"], e["articles"]) for e in ents])
'

# common nouns a list of towns also has are no place alone: المدينة "the city", ريف "countryside", كرم "generosity"
cat >"$T/cn.jsonl" <<'J'
{"id": "cn1", "date": "2015-07-31", "content": "وسقطت قذائف على المدينة أمس. وقصفت الطائرات قرى في ريف حلب الشمالي. وشكر الوزير مضيفيه على كرم الضيافة. وزار الأمير المدينة المنورة."}
J
table_check 'common nouns as places' cn '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
forms = {f for e in ents for f in e["forms"]}
print("ok" if not forms & {"المدينة", "ريف", "كرم"} and "المدينة المنورة" in forms else "bad %s" % [(e["type"], e["canonical"]) for e in ents])
'

# the cities list marks ayn with a backtick (Bandar `Abbas, Ta`izz); the English has none
cat >"$T/bt.jsonl" <<'J'
{"id": "bt1", "date": "2015-07-22", "content": "ضرب زلزال مدينة بندر عباس في جنوب إيران، وشعر به سكان العقبة في الأردن."}
J
table_check 'no backtick in English' bt '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
en = [e["en"] for e in ents]
print("ok" if "Bandar Abbas" in en and not any("`" in x for x in en) else "bad %s" % en)
'

# السوبر alone is the Super Cup (one entity with كأس السوبر), not a place; الشام is the Levant (text written by us)
cat >"$T/sc.jsonl" <<'J'
{"id": "sc1", "date": "2015-07-31", "content": "يلتقي الهلال والنصر في مباراة السوبر في لندن، وقال المدرب إن كأس السوبر مهمة. وتحدث الكاتب عن تاريخ الشام."}
J
table_check 'Super Cup, Levant' sc '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
sc = [e for e in ents if "السوبر" in e["forms"] or e["canonical"] == "السوبر"]
got = {e["canonical"]: (e["type"], e["en"]) for e in ents}
ok = len(sc) == 1 and sc[0]["en"] == "Super Cup" and sc[0]["type"] == "MISC" and got.get("الشام") == ("LOC", "Levant")
print("ok" if ok else "bad %s" % got)
'

# لي، بي "to me, in me" and التوفيق "success" are no names (text written by us)
cat >"$T/li.jsonl" <<'J'
{"id": "li1", "date": "2015-07-31", "content": "وقال لي المدرب إن الفريق جاهز، ويطيب لي أن أشكر الجميع. وأتمنى له التوفيق في مهمته الجديدة مع نادي الهلال."}
J
table_check 'لي، التوفيق' li '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
forms = {f for e in ents for f in e["forms"]}
print("ok" if not forms & {"لي", "التوفيق"} and any(e["en"] == "Al Hilal" for e in ents) else "bad %s" % [(e["type"], e["canonical"]) for e in ents])
'

# واين روني keeps its و (Wayne Rooney, not اين روني); King Faisal; Dow Jones is no person; Khor Maksar a place
cat >"$T/wr.jsonl" <<'J'
{"id": "wr1", "date": "2015-07-31", "content": "وقال واين روني إن الفريق جاهز. وافتتح الملك فيصل بن عبدالعزيز المدرسة عام 1965. وارتفع مؤشر داو جونز أمس. ودارت اشتباكات في خور مكسر."}
J
table_check 'Rooney, King Faisal, Dow Jones, Khor Maksar' wr '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
got = {e["en"]: e["type"] for e in ents}
ok = got.get("Wayne Rooney") == "PER" and got.get("King Faisal") == "PER" and got.get("Dow Jones") == "MISC" and got.get("Khor Maksar") == "LOC"
print("ok" if ok else "bad %s" % [(e["type"], e["canonical"], e["en"]) for e in ents])
'

# an indefinite nisba of a country describes and names nothing (باكستاني الجنسية، طبيب روسي، والده كوبي)
cat >"$T/ns.jsonl" <<'J'
{"id": "ns1", "date": "2015-07-31", "content": "ونفذ الحكم في الجاني خان علي - باكستاني الجنسية - أمس بمنطقة الرياض."}
{"id": "ns2", "date": "2015-07-31", "content": "وتمكن فريق روسي من اكتشاف عظام متحجرة، وقال طبيب روسي إن النتائج مهمة."}
{"id": "ns3", "date": "2015-07-31", "content": "والده كوبي ويتوجه إلى الناخبين في تكساس."}
J
table_check 'country nisba' ns '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
forms = {f for e in ents for f in e["forms"]}
print("ok" if not forms & {"باكستاني", "روسي", "كوبي"} and "تكساس" in forms else "bad %s" % [(e["type"], e["canonical"]) for e in ents])
'

# بلدية + a place the curated lists know is the municipality, an organisation with its English, not the place
cat >"$T/bl.jsonl" <<'J'
{"id": "bl1", "date": "2015-07-31", "content": "وأعلنت بلدية الزلفي عن مشروع جديد. وقال رئيس بلدية الهفوف إن العمل بدأ في الهفوف أمس."}
J
table_check 'municipalities' bl '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
got = {e["en"]: e["type"] for e in ents}
ok = got.get("Zulfi Municipality") == "ORG" and got.get("Hofuf Municipality") == "ORG" and got.get("Hofuf") == "LOC"
print("ok" if ok else "bad %s" % [(e["type"], e["canonical"], e["en"], e["forms"]) for e in ents])
'

# العربية after a noun made definite by a possessive pronoun is the adjective "Arab", not Al Arabiya
cat >"$T/ar.jsonl" <<'J'
{"id": "ar1", "date": "2015-07-31", "content": "وتحدث الكاتب عن التدخل في بلداننا العربية. وقال إن لغتهم العربية ضعيفة. وبثت قناة العربية المقابلة أمس."}
J
table_check 'العربية after a possessive' ar '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
a = [e for e in ents if e["en"] == "Al Arabiya"]
print("ok" if len(a) == 1 and a[0]["mentions"] == 1 else "bad %s" % [(e["type"], e["canonical"], e["mentions"]) for e in ents])
'

# الشرق الأوسط after a place and و, or after أمن، شؤون, is the region even where the article quotes the paper
cat >"$T/me.jsonl" <<'J'
{"id": "me1", "date": "2015-07-31", "content": "وقال مسؤول في الشركة لـ«الشرق الأوسط» إن فروعها تعمل في أوروبا والشرق الأوسط وأفريقيا، وإن أمن الشرق الأوسط يهمها."}
J
table_check 'Middle East beside the paper' me '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
m = {e["type"]: e["mentions"] for e in ents if e["canonical"] == "الشرق الأوسط"}
print("ok" if m.get("ORG") == 1 and m.get("LOC") == 2 else "bad %s" % [(e["type"], e["canonical"], e["mentions"]) for e in ents])
'

# Incirlik is a place (not an organisation); Öcalan and Ibrahimović have their English (text written by us)
cat >"$T/in.jsonl" <<'J'
{"id": "in1", "date": "2015-07-31", "content": "وسمحت أنقرة باستخدام قاعدة إنجرليك. وطالب الأكراد بالإفراج عن عبد الله أوجلان. وسجل زلاتان إبراهيموفيتش هدفا."}
J
table_check 'Incirlik, Öcalan' in '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
got = {e["en"]: e["type"] for e in ents}
ok = got.get("Incirlik") == "LOC" and got.get("Abdullah Öcalan") == "PER" and got.get("Zlatan Ibrahimović") == "PER"
print("ok" if ok else "bad %s" % [(e["type"], e["canonical"], e["en"]) for e in ents])
'

# سان جرمان and سان جيرمان alone are Paris Saint-Germain, one entity with the full name
cat >"$T/pg.jsonl" <<'J'
{"id": "pg1", "date": "2015-07-31", "content": "انضم اللاعب إلى باريس سان جيرمان الفرنسي. ويبدأ سان جرمان حملة الدفاع عن لقبه، وقال مدرب سان جيرمان إن الفريق جاهز."}
J
table_check 'Paris Saint-Germain' pg '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
p = [e for e in ents if e["en"] == "Paris Saint-Germain"]
print("ok" if len(p) == 1 and p[0]["type"] == "ORG" and p[0]["mentions"] == 3 else "bad %s" % [(e["type"], e["canonical"], e["en"], e["mentions"]) for e in ents])
'

# حسن الجوار "good neighbourliness" is a set phrase, not a person Hassan Al-Jawar (text written by us)
cat >"$T/hj.jsonl" <<'J'
{"id": "hj1", "date": "2015-07-31", "content": "وطالبت دول الخليج إيران بسياسة حسن الجوار. وقال الرئيس الإيراني حسن روحاني إن بلاده تريد علاقات جيدة."}
J
table_check 'حسن الجوار' hj '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
forms = {f for e in ents for f in e["forms"]}
print("ok" if "حسن الجوار" not in forms and "حسن روحاني" in forms else "bad %s" % [(e["type"], e["canonical"], e["forms"]) for e in ents])
'

# the minister named in full (عزام بن محمد الدخيل) and short (عزام الدخيل) is one row; OPEC's secretary general
# without the لـ of لأوبك on his name
cat >"$T/dk.jsonl" <<'J'
{"id": "dk1", "date": "2015-07-31", "content": "وافتتح وزير التعليم الدكتور عزام بن محمد الدخيل المعرض أمس."}
{"id": "dk2", "date": "2015-07-31", "content": "وقال وزير التعليم عزام الدخيل إن العام الدراسي يبدأ قريبا. وقال الأمين العام لأوبك عبد الله البدري إن السوق متوازنة."}
J
table_check 'Azzam al-Dakhil, El-Badri' dk '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
d = [e for e in ents if e["en"] == "Azzam al-Dakhil"]
ok = len(d) == 1 and d[0]["articles"] == 2 and any(e["en"] == "Abdalla El-Badri" for e in ents) and not any(f.startswith("لأوبك") for e in ents for f in e["forms"])
print("ok" if ok else "bad %s" % [(e["type"], e["canonical"], e["en"], e["articles"]) for e in ents])
'

# الجنين "the fetus" is no place (Jenin is جنين)
cat >"$T/jn.jsonl" <<'J'
{"id": "jn1", "date": "2015-07-31", "content": "هل تضر حبوب الفيتامين بالجنين؟ وقال الطبيب إن خلايا الجنين تبقى في جسم الأم."}
J
table_check 'الجنين' jn '
import json, sys
ents = json.load(open(sys.argv[1]))["entities"]
print("ok" if not any(e["canonical"] == "الجنين" for e in ents) else "bad %s" % [(e["type"], e["canonical"]) for e in ents])
'

# a title word after آل is the family name: آل الشيخ is not cut to "Al"
out=$(printf 'عبدالعزيز آل الشيخ\n' | "$RASD" names --english --type PER | cut -f2)
case "$out" in *" Al Al-"*) ok ;; *) no "English of a family name with آل: '$out'" ;; esac

# common given names in the press's English, alone or in a name, عبد X joined or apart (the lists give مريم Miri,
# letters give فيصل Fisl); a first name alone is no known person
out=$(printf 'فيصل بن بندر بن عبد العزيز\nمريم\n' | "$RASD" names --english --type PER | tr '\t\n' '| ')
[ "$out" = "فيصل بن بندر بن عبد العزيز|Faisal Bin Bandar Bin Abdulaziz|translit مريم|Maryam|translit " ] && ok ||
  no "given names in English: '$out'"

# the seeds acceptance (needs ../shared)
SH=${SHARED:-../shared}
if [ -f "$SH/tools/seed_entities.py" ] && [ -f "$SH/corpus/seeds/gold.json" ]; then
  python3 - "$SH/corpus/seeds" >"$T/seeds.jsonl" <<'PY'
import json, sys, os
d = sys.argv[1]; g = json.load(open(os.path.join(d, 'gold.json')))
for i in range(5):
    sid = f'seed-{i}'
    print(json.dumps({'id': sid, 'date': g['articles'][sid]['doc_date'],
                      'content': open(os.path.join(d, sid + '.txt'), encoding='utf-8').read()}, ensure_ascii=False))
PY
  "$RASD" entities --format json "$T/seeds.jsonl" >"$T/s.json" 2>/dev/null
  line=$(python3 "$SH/tools/seed_entities.py" "$SH/corpus/seeds/gold.json" "$T/s.json" 2>&1)
  echo "seeds: $line" >&2
  case "$line" in ok*"wrong merges 0"*) ok ;; *) no "seeds: $line" ;; esac
else
  S=$((S + 1)); echo "SKIP seeds: $SH not found" >&2
fi
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
