#!/bin/sh
# test_entities_spans.sh — what a mention's span and a corpus entity's canonical form, type and English read like on
# texts written by us: no verb inside a person's name, a partial name never canonical, common words no places.
RASD=${RASD:-build/rasd}
P=0; F=0
ok() { P=$((P + 1)); }
no() { F=$((F + 1)); echo "FAIL: $*" >&2; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
# check WHAT NAME PYTHON: `rasd analyze` and `rasd entities` on $T/NAME.jsonl, then the Python check (argv[1]: the
# analyze JSON Lines, argv[2]: the entity table as JSON); it prints ok, or what is wrong
check() {
  if "$RASD" analyze "$T/$2.jsonl" >"$T/$2.an" 2>"$T/err" && "$RASD" entities --format json "$T/$2.jsonl" >"$T/$2.json" 2>>"$T/err"; then
    r=$(python3 -c "$3" "$T/$2.an" "$T/$2.json" 2>&1)
    [ "$r" = ok ] && ok || no "$1: $r"
  else
    no "rasd failed on the $1 text: $(head -c 300 "$T/err")"
  fi
}
PYHEAD='import json, sys
men = [m for l in open(sys.argv[1]) for m in json.loads(l)["entities"]]
ents = json.load(open(sys.argv[2]))["entities"]
def texts(ty): return [m["text"] for m in men if m["type"] == ty]
'

# a future verb after a name is not part of it
cat >"$T/v.jsonl" <<'J'
{"id": "v1", "date": "2015-08-02", "content": "أعلن مكتب رئيس الحكومة اليمنية أن خالد بحاح سيغادر الرياض إلى عدن الأسبوع المقبل."}
{"id": "v2", "date": "2015-08-03", "content": "قال مصدر إن الرئيس عمر البشير سيعقدان لقاء مع نظيره غدا، وإن سلمان العودة سيغادرون بعد الظهر، وذكر أن محمد أختر منصور سيصبح زعيما للحركة."}
J
check 'verb after a name' v "$PYHEAD"'
bad = [t for t in texts("PER") if t.split()[-1].startswith("سي")]
ok = not bad and "سلمان العودة" in texts("PER") and "محمد أختر منصور" in texts("PER")
print("ok" if ok else "people %s" % texts("PER"))'

# the canonical form of a person is the full name, not the given name most mentions use alone, and its English
# names the whole of it
cat >"$T/c.jsonl" <<'J'
{"id": "c1", "date": "2015-08-02", "content": "أعلن رئيس مجلس الإدارة عبد الله الجبر نتائج الشركة للربع الثاني. وقال عبد الله إن الأرباح ارتفعت. وأضاف عبد الله أن الشركة ستوزع أرباحا على المساهمين."}
{"id": "c2", "date": "2015-08-03", "content": "قال رئيس مجلس الإدارة عبد الله الجبر إن الشركة تدرس التوسع في الخليج. وأوضح عبد الله أن القرار يصدر قريبا. وختم عبد الله بالقول إن المستقبل واعد."}
J
check 'full name canonical' c "$PYHEAD"'
p = [e for e in ents if e["type"] == "PER" and "عبد الله الجبر" in e["forms"]]
ok = len(p) == 1 and p[0]["canonical"] == "عبد الله الجبر" and "Jabr" in (p[0]["en"] or "")
print("ok" if ok else "people %s" % [(e["canonical"], e["en"], e["forms"]) for e in ents if e["type"] == "PER"])'

# common nouns are no places: وكيل is not و + Kiel, البلد "the country" not Valletta, المشهد "the scene" not Mashhad,
# جوف الأرض "the earth's core" not Cobh (and so no كوف reaches الجوف through it); مدينة مشهد is the city
cat >"$T/p.jsonl" <<'J'
{"id": "p1", "date": "2015-08-02", "content": "استقبل وكيل محافظة بارق عائض بن عبده الشهري في مكتبه أمس وفدا من الأهالي. وتشهد منطقة الجوف أمطارا غزيرة، وقال مدير الدفاع المدني في الجوف إن الفرق جاهزة."}
{"id": "p2", "date": "2015-08-03", "content": "تحدث الوزير عن أزمة البطالة في البلد وقال إن الحكومة ستعالجها، وإن المشهد السياسي في البلد يتغير، وإن المعادن تتكون في جوف الأرض. وقال منتج فيلم ذي كوف إنه صور في اليابان."}
{"id": "p3", "date": "2015-08-04", "content": "وقع انفجار في مسجد بمدينة مشهد شمال شرق إيران، وقالت السلطات في طهران إن التحقيق بدأ. ويعاني البلد من أزمات متلاحقة."}
J
check 'common nouns no places' p "$PYHEAD"'
ens = {e["en"] for e in ents}
jawf = [e for e in ents if e["canonical"] == "الجوف"]
bad = ens & {"Kiel", "Valletta", "Cobh"} or not jawf or {"كوف", "جوف"} & set(jawf[0]["forms"])
mash = [m["text"] for m in men if m["text"] == "المشهد"]
print("ok" if not bad and not mash else "entities %s" % [(e["canonical"], e["en"]) for e in ents])'

# أودى بحياة "took the lives of" is a verb, not the car maker Audi
cat >"$T/a.jsonl" <<'J'
{"id": "a1", "date": "2015-08-02", "content": "قالت وزارة الصحة إن فيروس كورونا الذي أودى بحياة 36 شخصا انتشر في المستشفيات، وإن الهجوم الذي وقع في المدينة أودى بحياة ثلاثة جنود. وأعلنت شركة أودي الألمانية عن طراز جديد."}
J
check 'verb not Audi' a "$PYHEAD"'
bad = [m["text"] for m in men if m["text"] == "أودى"]
print("ok" if not bad else "mentions %s" % [(m["text"], m["type"]) for m in men])'

# a name after بن is the father's: الملك سلمان بن عبدالعزيز is not الأمير خالد بن سلمان بن عبدالعزيز; and the two
# spellings علي عبدالله صالح / علي عبد الله صالح are one person with the list's English
cat >"$T/b.jsonl" <<'J'
{"id": "b1", "date": "2015-08-02", "content": "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في قصره بجدة الأمير خالد بن سلمان بن عبدالعزيز. وأكد الملك سلمان بن عبدالعزيز خلال اللقاء أهمية العمل."}
{"id": "b2", "date": "2015-08-03", "content": "قال الرئيس اليمني السابق علي عبدالله صالح في بيان إن قواته لن تنسحب. وكان علي عبدالله صالح قد تحالف مع الحوثيين."}
{"id": "b3", "date": "2015-08-04", "content": "اتهمت الحكومة اليمنية علي عبد الله صالح بدعم الحوثيين في عدن."}
J
check 'father after bin' b "$PYHEAD"'
king = [e for e in ents if "سلمان بن عبدالعزيز" in e["forms"] or e["canonical"] == "سلمان بن عبدالعزيز"]
saleh = [e for e in ents if e["en"] == "Ali Abdullah Saleh"]
ok = len(king) == 1 and "خالد بن سلمان بن عبدالعزيز" not in king[0]["forms"] and len(saleh) == 1 and saleh[0]["articles"] == 2
print("ok" if ok else "people %s" % [(e["canonical"], e["en"], e["forms"], e["articles"]) for e in ents if e["type"] == "PER"])'

# an unknown foreign name reads with the vowels Arabic leaves out: no Hrmzkan, Rghdan
out=$(printf 'هرمزكان\nرغدان\nكريستيان\n' | "$RASD" names --english --type LOC | cut -f2 | tr '\n' ' ')
[ "$out" = "Harmazkan Raghdan Kristian " ] && ok || no "transliteration: '$out'"

# a canonical form is never the one a preposition took: لوكالة فرانس برس is ل + وكالة, the agency is فرانس برس
cat >"$T/f.jsonl" <<'J'
{"id": "f1", "date": "2015-08-02", "content": "قال مسؤول لوكالة فرانس برس إن المحادثات ستستأنف. وأضاف لوكالة فرانس برس أن الوفد وصل."}
{"id": "f2", "date": "2015-08-03", "content": "وقال المتحدث لوكالة فرانس برس إن القرار نهائي."}
J
check 'canonical after a preposition' f "$PYHEAD"'
afp = [e for e in ents if e["en"] == "AFP" or "فرانس برس" in e["canonical"]]
print("ok" if afp and not afp[0]["canonical"].startswith("ل") else "entities %s" % [(e["canonical"], e["en"]) for e in ents])'

# كاليفورنيا is not ك + اليفورنيا, بالتيمور not ب + التيمور; الحدود الشمالية is one region, not "the northern"
cat >"$T/w.jsonl" <<'J'
{"id": "w1", "date": "2015-08-02", "content": "اندلعت حرائق في ولاية كاليفورنيا الأمريكية، وقالت السلطات في كاليفورنيا إن النيران امتدت. وشهدت مدينة بالتيمور احتجاجات."}
{"id": "w2", "date": "2015-08-03", "content": "قال المتحدث باسم الدفاع المدني بمنطقة الحدود الشمالية إن الأمطار هطلت على الحدود الشمالية أمس."}
J
check 'names with clitic-like letters' w "$PYHEAD"'
cans = {e["canonical"] for e in ents}
ok = "كاليفورنيا" in cans and "اليفورنيا" not in cans and "التيمور" not in cans and "الشمالية" not in cans
print("ok" if ok else "entities %s" % [(e["canonical"], e["en"]) for e in ents])'

# a Korean name's last syllable after a hyphen (جونغ-هو) is part of it, though هو alone is the pronoun "he"
cat >"$T/k.jsonl" <<'J'
{"id": "k1", "date": "2025-04-23", "content": "بحث نائب وزير الاستثمار مع وزير التجارة الكوري بارك جونغ-هو، اليوم الأربعاء في الرياض، فرص التعاون. وقال بارك إن الزيارة مثمرة."}
J
check 'name over a hyphen' k "$PYHEAD"'
ok = "بارك جونغ-هو" in texts("PER") and not any(t.endswith("جونغ") for t in texts("PER"))
print("ok" if ok else "people %s" % texts("PER"))'

# آل has the family name after it, though the tagger stops before a title word there (آل الشيخ); الشيخ alone before
# the name stays a title, not a mention of the family
cat >"$T/a.jsonl" <<'J'
{"id": "a1", "date": "2015-08-06", "content": "وصف المفتي العام للمملكة الشيخ عبدالعزيز بن عبدالله آل الشيخ التفجير بأنه عمل إجرامي، وقال الشيخ عبدالعزيز آل الشيخ إن الإسلام بريء منه."}
J
check 'family name after آل' a "$PYHEAD"'
people = texts("PER")
ok = "عبدالعزيز بن عبدالله آل الشيخ" in people and "عبدالعزيز آل الشيخ" in people and "الشيخ" not in people
print("ok" if ok else "people %s" % people)'

# a preposition on the head noun of a longer name comes off (بجامعة القصيم, لمعهد أكسفورد): the canonical form is the
# name, one entity with the name written without it
cat >"$T/u.jsonl" <<'J'
{"id": "u1", "date": "2015-08-01", "content": "قال الدكتور عبدالله المسند أستاذ الجغرافيا بجامعة القصيم إن موجة الحر مستمرة، وبحسب دراسة لمعهد أكسفورد لدراسات الطاقة فإن الطلب يرتفع."}
{"id": "u2", "date": "2015-08-02", "content": "أعلنت جامعة القصيم بدء التسجيل، وأصدر معهد أكسفورد لدراسات الطاقة تقريرا جديدا."}
J
check 'preposition on a head noun' u "$PYHEAD"'
cans = [e["canonical"] for e in ents]
ok = not any(c.startswith(("بجامعة", "لمعهد")) for c in cans) and "جامعة القصيم" in cans
print("ok" if ok else "entities %s" % cans)'

echo "$P passed, $F failed"
[ "$F" = 0 ]
