# store.sh — sourced by the serve tests: make_store DIR builds DIR/s.db from the example corpus plus a hostile
# article through `rasd add` when the reader can read them, else the fixture store of test_store; sets FIXTURE.
make_store() {
  cat > "$1/hostile.jsonl" <<'JSONL'
{"id": "hostile", "outlet": "<b>outlet</b>", "date": "2023-09-14", "title": "<script>alert(1)</script>", "text": "ارتفعت سوق الأسهم السعودية اليوم بنسبة اثنين في المئة وسط تداولات نشطة <img src=x onerror=alert(2)>."}
JSONL
  FIXTURE=0
  [ -d examples/news ] && "$RASD" add -q --db "$1/s.db" examples/news "$1/hostile.jsonl" > "$1/add.out" 2>"$1/add.err"
  if grep -qE '^rasd add: [1-9][0-9]* added' "$1/add.out" 2>/dev/null &&
     "$RASD" search --db "$1/s.db" --format json 'outlet:<b>outlet</b>' 2>/dev/null | grep -q hostile; then
    echo "store: example corpus + hostile article via rasd add: $(cat "$1/add.out")" >&2
  else
    FIXTURE=1
    rm -f "$1/s.db"*
    "$BUILD/tests/test_store" --fixture "$1/s.db" || return 1
    echo "store: fixture store of test_store (the reader cannot read examples/ yet)" >&2
  fi
}

# start_server DB LOG: starts rasd serve on a free loopback port; sets SPID and U (base URL).
start_server() {
  "$RASD" serve --db "$1" --port 0 > "$2" 2> "$2.err" &
  SPID=$!
  i=0
  while [ $i -lt 100 ] && ! grep -q 'http://' "$2" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
  PORT=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$2")
  [ -n "$PORT" ] || return 1
  U="http://127.0.0.1:$PORT"
}
