#!/bin/sh
# demo.sh — the `make demo` job: adds the bundled example corpus to a store (demo.db), prints the text digest of
# its stories, and the `rasd serve` command to browse them.
RASD=${1:-build/rasd}
DB=${DEMO_DB:-demo.db}
echo "demo: rasd $($RASD --version | sed 's/^rasd //')"
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "demo: $RASD add --db $DB examples/news"
"$RASD" add -q --db "$DB" --digest examples/news || echo "demo: some example inputs had errors (see above)"
echo "demo: adding them again adds nothing:"
"$RASD" add -q --db "$DB" examples/news 2>/dev/null
echo "demo: search, e.g.:  $RASD search --db $DB 'سيول جدة'"
"$RASD" search --db "$DB" 'سيول جدة' --limit 3
echo
echo "demo: browse the stories:  $RASD serve --db $DB   then open http://127.0.0.1:8080/"
