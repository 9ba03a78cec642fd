# store_env.sh — sourced by the store's shell tests: the binary, the pass/fail counters and check(), python, the skip
# when sqlite3/python3/examples are missing (the test's name in $TEST), a scratch folder $T, and q DB SQL.
RASD=${RASD:-build/rasd}
BUILD=${BUILD:-build}
P=0; F=0; S=0
check() { d=$1; shift; if "$@"; then P=$((P + 1)); else F=$((F + 1)); echo "FAIL: $d" >&2; fi; }
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v $PY >/dev/null 2>&1 || [ ! -d examples/news ]; then
  echo "SKIP $TEST: needs sqlite3, python3 and examples/news" >&2
  echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/rasd-$TEST-XXXXXX")
q() { sqlite3 "$1" "$2" 2>/dev/null; }
