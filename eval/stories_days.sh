#!/bin/sh
# stories_days.sh — runs two rasd binaries (or one binary under two RASD_STORY_TUNE settings) on every SaudiNewsNet day
# and prints, day by day, how many groupings they disagree on; with DIFF=1 the groupings themselves (eval/stories_daydiff.py),
# for reading a clustering change on days outside the dev set and counting its joins and splits that look right or wrong.
# usage: sh eval/stories_days.sh OLD_RASD NEW_RASD [DAY ...]   (days as 2015-08-03; all the zips' days by default)
#        OLD_TUNE=... NEW_TUNE=... set RASD_STORY_TUNE for each side (one binary twice: OLD_TUNE= NEW_TUNE=mr=0.5);
#        OUT=dir keeps the JSON (default: a temporary directory); SHARED defaults to ../shared. Skips without it.
set -u
OLD=${1:?usage: stories_days.sh OLD_RASD NEW_RASD [DAY ...]}
NEW=${2:?usage: stories_days.sh OLD_RASD NEW_RASD [DAY ...]}
shift 2
SHARED=${SHARED:-../shared}
HERE=$(cd "$(dirname "$0")" && pwd)
Z="$SHARED/data/news/saudinewsnet"
if [ ! -d "$Z" ]; then echo "SKIP: $Z not found"; exit 0; fi
if [ -n "${OUT:-}" ]; then T=$OUT; mkdir -p "$T"; else T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; fi
if [ $# = 0 ]; then set -- $(ls "$Z" | sed -n 's/\.zip$//p'); fi
for d in "$@"; do
  [ -f "$Z/$d.zip" ] || { echo "## $d: no $Z/$d.zip"; continue; }
  unzip -p "$Z/$d.zip" "*.json" >"$T/$d.json" 2>/dev/null || { echo "## $d: unzip failed"; continue; }
  RASD_STORY_TUNE=${OLD_TUNE:-} "$OLD" stories --format json -q "$T/$d.json" >"$T/$d.old.json" 2>/dev/null
  RASD_STORY_TUNE=${NEW_TUNE:-} "$NEW" stories --format json -q "$T/$d.json" >"$T/$d.new.json" 2>/dev/null
  python3 "$HERE/stories_daydiff.py" "$T/$d.old.json" "$T/$d.new.json" "$T/$d.json" >"$T/$d.diff"
  echo "## $d $(head -1 "$T/$d.diff")"
  [ "${DIFF:-0}" = 1 ] && sed 1d "$T/$d.diff"
done
exit 0
