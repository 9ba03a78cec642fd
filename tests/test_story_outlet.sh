#!/bin/sh
# test_story_outlet.sh — a story that is so far one report of an outlet does not take the outlet's next report when
# the two headlines share no word (the king's call with the French president, then the Cairo declaration with Egypt,
# both from one outlet, told in the same diplomatic phrases), nor does a story of two reports take the next report of
# one of their outlets when its headline shares no word with that outlet's (a piece on the Anad base, then the battles
# in Taiz); another outlet's report of the call and the outlet's own follow-up whose headline names the call still
# join. Articles written for this test. Prints "N passed, N failed, N skipped" last.
RASD=${RASD:-build/rasd}
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-outlet.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0; S=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
# every article once; each case is a set of them, in this order
cat >"$T/all.jsonl" <<'J'
{"id": "call-1", "date": "2015-08-01", "source": "3alyoum", "title": "خادم الحرمين والرئيس الفرنسي يستعرضان هاتفياً الأوضاع الدولية", "content": "تلقى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود اتصالاً هاتفياً اليوم من الرئيس الفرنسي فرانسوا هولاند، جرى خلاله استعراض العلاقات الثنائية بين المملكة العربية السعودية والجمهورية الفرنسية وسبل تعزيزها في المجالات السياسية والاقتصادية والعسكرية، إضافة إلى بحث مستجدات الأوضاع في المنطقة والعالم. وأكد الجانبان أهمية التنسيق بين البلدين في مواجهة الإرهاب."}
{"id": "cairo-1", "date": "2015-08-01", "source": "3alyoum", "title": "إعلان القاهرة ينقل العلاقات مع مصر لآفاق جديدة", "content": "أكد خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود أهمية إعلان القاهرة الذي وقعه ولي ولي العهد مع الرئيس المصري عبدالفتاح السيسي في تعزيز العلاقات الثنائية بين المملكة العربية السعودية وجمهورية مصر العربية، ويشمل الإعلان التعاون العسكري وإنشاء قوة عربية مشتركة والاستثمار والطاقة والربط الكهربائي وتعيين الحدود البحرية بين البلدين، إضافة إلى بحث مستجدات الأوضاع في المنطقة والعالم. وأشاد السيسي بمواقف المملكة."}
{"id": "call-2", "date": "2015-08-01", "source": "sabq", "title": "خادم الحرمين يبحث هاتفياً مع الرئيس الفرنسي مستجدات الأوضاع", "content": "بحث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في اتصال هاتفي تلقاه من الرئيس الفرنسي فرانسوا هولاند مستجدات الأوضاع في المنطقة والعالم، كما جرى استعراض العلاقات الثنائية بين البلدين الصديقين وسبل تعزيزها."}
{"id": "call-3", "date": "2015-08-01", "source": "3alyoum", "title": "هولاند يشيد في اتصاله بخادم الحرمين بدور المملكة", "content": "أشاد الرئيس الفرنسي فرانسوا هولاند خلال اتصاله الهاتفي بخادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود بدور المملكة العربية السعودية في استقرار المنطقة ومواجهة الإرهاب، مؤكداً حرص فرنسا على تعزيز العلاقات الثنائية بين البلدين في المجالات السياسية والاقتصادية والعسكرية."}
{"id": "anad-1", "date": "2015-08-01", "source": "aawsat", "title": "قاعدة العند.. مرتكز الانتصار في حروب اليمن", "content": "تعد قاعدة العند الجوية في محافظة لحج أكبر القواعد العسكرية في اليمن، وتقترب المقاومة الشعبية والجيش الموالي للرئيس عبد ربه منصور هادي من استعادتها من ميليشيات الحوثي وقوات المخلوع صالح بعد معارك عنيفة في محيطها، وسط غارات لطيران التحالف على مواقع المتمردين في لحج وأبين."}
{"id": "anad-2", "date": "2015-08-01", "source": "alweeam", "title": "تقارير: خبراء من الحرس الثوري الإيراني موجودون في قاعدة العند", "content": "كشفت تقارير يمنية عن وجود خبراء من الحرس الثوري الإيراني في قاعدة العند الجوية بمحافظة لحج، يساندون ميليشيات الحوثي وقوات المخلوع صالح في المعارك مع المقاومة الشعبية والجيش الموالي للرئيس عبد ربه منصور هادي، فيما تواصل طائرات التحالف غاراتها على مواقع المتمردين في لحج وأبين."}
{"id": "taiz-1", "date": "2015-08-01", "source": "alweeam", "title": "اليمن: معارك في تعز والمقاومة تتقدم بأبين", "content": "دارت معارك عنيفة في أحياء مدينة تعز بين المقاومة الشعبية وميليشيات الحوثي وقوات المخلوع صالح، وقصفت الميليشيات الأحياء السكنية في المدينة بالدبابات ما أدى إلى سقوط قتلى وجرحى من المدنيين، فيما تقدمت المقاومة الشعبية في محافظتي أبين ولحج، وسط غارات لطيران التحالف على مواقع المتمردين."}
J
pick() { out=$1; shift; : >"$T/$out.jsonl"; for id in "$@"; do grep -F "{\"id\": \"$id\"," "$T/all.jsonl" >>"$T/$out.jsonl"; done; }
pick two call-1 cairo-1
pick three call-1 cairo-1 call-2
pick follow call-1 call-3
pick anad anad-1 anad-2 taiz-1
for f in two three follow anad; do
  "$RASD" stories --format json -q "$T/$f.jsonl" >"$T/$f.json" 2>"$T/err" || bad "rasd stories $f failed: $(head -c 300 "$T/err")"
done
python3 - "$T" >"$T/py" 2>&1 <<'PY'
import json, sys
st = lambda f: {a: s['id'] for s in json.load(open(f'{sys.argv[1]}/{f}.json'))['stories'] for a in s['articles']}
two, three, follow, anad = st('two'), st('three'), st('follow'), st('anad')
print('apart', two['call-1'] != two['cairo-1'])
print('other_outlet', three['call-1'] == three['call-2'] != three['cairo-1'])
print('follow_up', follow['call-1'] == follow['call-3'])
print('second', anad['anad-1'] == anad['anad-2'] != anad['taiz-1'])
PY
for k in apart other_outlet follow_up second; do
  if grep -q "^$k True$" "$T/py"; then ok; else bad "$k: $(cat "$T/py")"; fi
done
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
