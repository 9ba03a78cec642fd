#!/bin/sh
# test_story_merge.sh — two stories of one happening are merged: in examples/news the report of six dead in the Jeddah
# floods starts a story of its own (it comes first and scores under the threshold with the later reports), and a later
# report that joins the seven-dead story would have joined it too, so the two become one story. Checked in one run,
# against a run without merging (RASD_STORY_TUNE=mg=0), for `rasd stories` output (no story left empty, every
# article's story listed), and for a store filled in batches (rasd add --batch 1 and 2, and one run per file), which must
# give the stories of one batch and keep no row for the story that was merged away; and a report nearer one of two
# stories still merges them (W.mr), and one twice as near one story as the other; but two fires in two places, which
# share no place and no person, stay two stories however alike their reports read.
TEST=test_story_merge
. tests/store_env.sh
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM

# `rasd stories`: the three flood reports in one story; without merging the six-dead report stays apart.
"$RASD" stories -q --format json examples/news > "$T/on.json" 2>/dev/null
RASD_STORY_TUNE=mg=0 "$RASD" stories -q --format json examples/news > "$T/off.json" 2>/dev/null
$PY - "$T/on.json" "$T/off.json" > "$T/py" 2>&1 <<'PY'
import json, sys
on, off = (json.load(open(p)) for p in sys.argv[1:3])
st = lambda o: {a['id']: a['story'] for a in o['articles']}
a, b = st(on), st(off)
print('merged', int(a['flood-rasif'] == a['flood-khaleej'] == a['madar-flood']))
print('apart_without', int(b['flood-rasif'] != b['flood-khaleej'] and b['flood-khaleej'] == b['madar-flood']))
print('compensation_apart', int(a['flood-comp-khaleej'] != a['flood-khaleej']))
ids = {s['id'] for s in on['stories']}
print('no_empty', int(all(s['articles'] for s in on['stories'])))
print('listed', int(all(x in ids for x in a.values())))
print('ids_unique', int(len(ids) == len(on['stories'])))
PY
val() { sed -n "s/^$1 //p" "$T/py"; }
check "the flood reports are one story (python: $(head -c 200 "$T/py"))" [ "$(val merged)" = 1 ]
check "without merging the six-dead report is a story of its own" [ "$(val apart_without)" = 1 ]
check "the compensation story (a month later) stays apart" [ "$(val compensation_apart)" = 1 ]
check "no story is listed without articles" [ "$(val no_empty)" = 1 ]
check "every article's story is listed" [ "$(val listed)" = 1 ]
check "story ids are distinct" [ "$(val ids_unique)" = 1 ]
"$RASD" stories -q --format json examples/news > "$T/on2.json" 2>/dev/null
check "the same input gives the same stories" cmp -s "$T/on.json" "$T/on2.json"

# A later report that stands nearer one story than the other still brings them together (W.mr: its score for the
# lone story at least half its score for the story it joins, not 0.7 of it): Manama's recall of its ambassador to
# Tehran comes first, the report of the explosives smuggled from Iran starts a story of its own, and a report of both
# (the seizure, then the recall) joins the smuggling story with a score for the recall story 0.64 of that.
cat > "$T/recall.jsonl" <<'EOF'
{"id": "recall-1", "date": "2015-07-26", "source": "alriyadh", "title": "المنامة تستدعي سفيرها لدى طهران للتشاور", "content": "أعلنت وزارة الخارجية البحرينية اليوم استدعاء سفير مملكة البحرين لدى الجمهورية الإسلامية الإيرانية للتشاور، وطلبت من القائم بأعمال السفارة الإيرانية في المنامة مغادرة البلاد خلال اثنتين وسبعين ساعة. وقالت الوزارة إن القرار جاء ردا على التدخلات الإيرانية المستمرة في الشؤون الداخلية للبحرين، وبعد إحباط الأجهزة الأمنية محاولة لتهريب متفجرات وأسلحة عبر البحر من إيران."}
{"id": "smuggle-1", "date": "2015-07-26", "source": "okaz", "title": "البحرين تحبط تهريب متفجرات وأسلحة من إيران", "content": "أحبطت الأجهزة الأمنية في مملكة البحرين محاولة لتهريب كمية من المتفجرات شديدة الخطورة والأسلحة الآلية عبر البحر قادمة من إيران. وأوضحت وزارة الداخلية البحرينية أن خفر السواحل ضبط قاربا يحمل ثلاثة وأربعين كيلوجراما من مادة سي فور وثمانية رشاشات كلاشنكوف، وأن التحقيقات كشفت أن أحد المهربين تدرب في معسكرات الحرس الثوري الإيراني، وتم القبض على شخصين."}
{"id": "smuggle-2", "date": "2015-07-26", "source": "alyaum", "title": "البحرين تضبط متفجرات مهربة من إيران وتستدعي سفيرها", "content": "ضبطت السلطات البحرينية قاربا محملا بثلاثة وأربعين كيلوجراما من المتفجرات شديدة الخطورة من مادة سي فور وثمانية رشاشات كلاشنكوف قادما من إيران عبر البحر، وقبض خفر السواحل على شخصين تدرب أحدهما في معسكرات الحرس الثوري الإيراني، بحسب وزارة الداخلية البحرينية. وعلى إثر ذلك استدعت المنامة سفيرها لدى طهران للتشاور وطلبت من القائم بأعمال السفارة الإيرانية مغادرة البلاد ردا على التدخلات الإيرانية."}
EOF
"$RASD" stories -q --format json "$T/recall.jsonl" > "$T/recall.json" 2>/dev/null
check "the recall of the ambassador and the smuggling reports are one story" [ "$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["stories"]))' "$T/recall.json")" = 1 ]

# And one that stands twice as near one story as the other (W.mr 0.3, not half): a warehouse fire's first report and
# a report of the loss committee (score 0.23 for the fire's story: a story of its own), then a report of both, which
# joins the fire's story at 0.90 and would have joined the committee's at 0.44 (0.49 of that).
cat > "$T/fire.jsonl" <<'EOF'
{"id": "fire-1", "date": "2015-08-01", "title": "حريق ضخم في مستودع بالمنطقة الصناعية بجدة", "source": "3alyoum", "content": "أوضح المتحدث الرسمي للدفاع المدني بمحافظة جدة العقيد سعيد السرحاني أن الحريق لم يسفر عن إصابات. بدأت اللجنة عملها صباح اليوم بمشاركة مندوبين من الغرفة التجارية وشركات التأمين."}
{"id": "fire-2", "date": "2015-08-01", "title": "التأمين يقدر خسائر التجار في جدة", "source": "alweeam", "content": "شكلت لجنة مختصة لحصر الخسائر والأضرار التي لحقت بالبضائع والمعدات في المستودع. تحقق الجهات المختصة في أسباب الحريق وسط ترجيحات بحدوث تماس كهربائي."}
{"id": "fire-3", "date": "2015-08-01", "title": "لجنة لحصر أضرار المستودع المحترق بجدة", "source": "sabq", "content": "اندلع حريق ضخم فجر اليوم في مستودع للمواد البلاستيكية بالمنطقة الصناعية جنوب جدة. أوضح المتحدث الرسمي للدفاع المدني بمحافظة جدة العقيد سعيد السرحاني أن الحريق لم يسفر عن إصابات. شكلت لجنة مختصة لحصر الخسائر والأضرار التي لحقت بالبضائع والمعدات في المستودع. تقدر التعويضات المستحقة للتجار بملايين الريالات بحسب تقديرات أولية. أغلقت الشرطة الطرق المؤدية إلى الموقع لتسهيل حركة فرق الإطفاء."}
EOF
"$RASD" stories -q --format json "$T/fire.jsonl" > "$T/fire.json" 2>/dev/null
check "the warehouse fire and its loss committee are one story" [ "$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["stories"]))' "$T/fire.json")" = 1 ]

# Two fires, one in a Jouf palm grove and one in a Mecca block of flats, told in one civil-defence template: a report
# of the Mecca fire that joins its story (1.05) scores 0.82 for the palm grove's too, and the palm grove's report scores
# 0.54 against the Mecca story, but the two sides name places and share none of them (and no person): two happenings;
# one story on the old binary.
cat > "$T/fires.jsonl" <<'EOF'
{"id": "fires-1", "date": "2015-08-06", "title": "حريق يلتهم 300 نخلة في مزرعة فجر اليوم", "source": "alwatan", "content": "اندلع حريق فجر اليوم في مزرعة نخيل بمحافظة دومة الجندل في منطقة الجوف، وباشرت فرق الدفاع المدني إخماد الحريق الذي التهم 300 نخلة. وأوضح المتحدث الرسمي للدفاع المدني بمنطقة الجوف أن الحريق لم يسفر عن إصابات، وأن التحقيق جار لمعرفة أسبابه."}
{"id": "fires-2", "date": "2015-08-06", "title": "إخلاء 35 شخصاً إثر حريق عمارة سكنية", "source": "alriyadh", "content": "أخلت فرق الدفاع المدني 35 شخصاً من سكان عمارة سكنية بحي العزيزية في مكة المكرمة إثر حريق اندلع في شقة بالدور الثالث. وأوضح المتحدث الرسمي للدفاع المدني بمنطقة مكة المكرمة أن الحريق لم يسفر عن إصابات."}
{"id": "fires-3", "date": "2015-08-06", "title": "إخلاء 35 شخصاً من عمارة سكنية اشتعلت فيها النيران", "source": "alweeam", "content": "أخلت فرق الدفاع المدني 35 شخصاً من سكان عمارة سكنية بحي العزيزية في مكة المكرمة بعد حريق في شقة بالدور الثالث. وباشرت الفرق إخماد الحريق. وأوضح المتحدث الرسمي للدفاع المدني بمنطقة مكة المكرمة أن الحريق لم يسفر عن إصابات، وأن التحقيق جار لمعرفة أسبابه."}
{"id": "fires-4", "date": "2015-08-06", "title": "حريق فجر اليوم في عمارة سكنية", "source": "sabq", "content": "اندلع حريق فجر اليوم في عمارة سكنية بحي العزيزية في مكة المكرمة، وباشرت فرق الدفاع المدني إخماد الحريق وأخلت 35 شخصاً. وأوضح المتحدث الرسمي للدفاع المدني أن الحريق لم يسفر عن إصابات، وأن التحقيق جار لمعرفة أسبابه."}
EOF
"$RASD" stories -q --format json "$T/fires.jsonl" > "$T/fires.json" 2>/dev/null
check "two fires in two places are two stories" [ "$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["stories"]))' "$T/fires.json")" = 2 ]

# A store: one batch, batches of 1 and 2 in one run, and one run per file.
part() { q "$1" "select group_concat(id, ' ') from (select id, story from articles order by story, id) group by story order by min(id)"; }
"$RASD" add -q --batch 100000 --db "$T/one.db" examples/news > /dev/null 2>&1
check "one batch: the flood reports share a story" [ "$(q "$T/one.db" "select count(distinct story) from articles where id in ('flood-rasif', 'flood-khaleej', 'madar-flood')")" = 1 ]
for b in 1 2; do
  "$RASD" add -q --batch $b --db "$T/b$b.db" examples/news > /dev/null 2>&1
  check "batches of $b: the stories of one batch" [ "$(part "$T/b$b.db")" = "$(part "$T/one.db")" ]
  check "batches of $b: no story row without articles" [ "$(q "$T/b$b.db" 'select count(*) from stories s where not exists (select 1 from articles a where a.story = s.id)')" = 0 ]
done
for f in examples/news/*; do "$RASD" add -q --db "$T/runs.db" "$f" > /dev/null 2>&1; done
check "one run per file: the stories of one batch" [ "$(part "$T/runs.db")" = "$(part "$T/one.db")" ]
check "one run per file: no story row without articles" [ "$(q "$T/runs.db" 'select count(*) from stories s where not exists (select 1 from articles a where a.story = s.id)')" = 0 ]
check "one run per file: every story row counts its articles" [ "$(q "$T/runs.db" 'select count(*) from stories s where size <> (select count(*) from articles a where a.story = s.id)')" = 0 ]

echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
