#!/bin/sh
# test_story_headzero.sh — an article whose headline shares no word with the headline of a story's one report pays
# RASD_STORY_TUNE's hz (a report on battles in Taiz next to a UN envoy's warning that names them in its body): with a
# large hz the two stay apart, without it they join; a headline that shares words joins either way. Articles written for
# this test. Prints "N passed, N failed, N skipped" last.
RASD=${RASD:-build/rasd}
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-headzero.XXXXXX"); trap 'rm -rf "$T"' EXIT
P=0; F=0; S=0
ok() { P=$((P + 1)); }
bad() { F=$((F + 1)); echo "FAIL: $*" >&2; }
cat >"$T/a.jsonl" <<'J'
{"id": "t-1", "date": "2015-08-01", "source": "aawsat", "title": "معارك عنيفة في تعز بين المقاومة والحوثيين", "content": "دارت معارك عنيفة اليوم في مدينة تعز بين المقاومة الشعبية وميليشيات الحوثي وقوات المخلوع علي عبدالله صالح، وقتل عشرات المسلحين في أحياء المدينة، فيما قصفت طائرات التحالف مواقع الميليشيات في محيط تعز."}
{"id": "o-1", "date": "2015-08-01", "source": "okaz", "title": "المبعوث الأممي يحذر من تفاقم الأوضاع الإنسانية", "content": "بحث المبعوث الأممي إسماعيل ولد الشيخ أحمد في القاهرة سبل إنهاء الحرب في اليمن، وقال إن معارك تعز بين المقاومة الشعبية وميليشيات الحوثي وقوات المخلوع علي عبدالله صالح تزيد معاناة المدنيين في أحياء المدينة، وإن طائرات التحالف تقصف مواقع الميليشيات."}
J
sed 's/المبعوث الأممي يحذر من تفاقم الأوضاع الإنسانية/المبعوث الأممي يحذر من معارك تعز/' "$T/a.jsonl" >"$T/b.jsonl"
run() { # run NAME INPUT TUNE: 'together' or 'apart' in $T/NAME
  RASD_STORY_TUNE=$3 "$RASD" stories --format json -q "$T/$2.jsonl" >"$T/$1.json" 2>"$T/err" || bad "rasd stories $1 failed: $(head -c 300 "$T/err")"
  python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))["stories"]
print("together" if len(s) == 1 else "apart")' "$T/$1.json" >"$T/$1"
}
run off a hz=0; run on a hz=1; run shared b hz=1
for x in "off together" "on apart" "shared together"; do
  set -- $x
  if [ "$(cat "$T/$1")" = "$2" ]; then ok; else bad "$1: $(cat "$T/$1"), expected $2"; fi
done
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
