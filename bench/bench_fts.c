/* bench_fts.c — a bare FTS5 insert for bench_add.sh: (title, text) lines of a JSONL file into a fresh FTS5 table
 * with the tokenizer named on the command line (unicode61, or rasd: ours), one transaction, prepared statement;
 * prints the CPU seconds of the inserts and the commit (the file is read and parsed before the clock starts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include <sqlite3.h>
#include "store/store.h"

static double cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int ok(sqlite3 *db, int rc, const char *what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return 1;
  fprintf(stderr, "bench_fts: %s: %s\n", what, sqlite3_errmsg(db));
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 4 || (strcmp(argv[1], "unicode61") && strcmp(argv[1], "rasd"))) {
    fprintf(stderr, "usage: bench_fts unicode61|rasd DB JSONL  (JSONL: {\"title\": ..., \"text\": ...} per line)\n");
    return 2;
  }
  FILE *f = fopen(argv[3], "r");
  if (!f) { perror(argv[3]); return 1; }
  json_t **docs = NULL;
  size_t n = 0, cap = 0;
  char *line = NULL;
  size_t lcap = 0;
  long lineno = 0;
  while (getline(&line, &lcap, f) > 0) {
    lineno++;
    json_error_t e;
    json_t *j = json_loads(line, 0, &e);
    if (!j) { fprintf(stderr, "bench_fts: %s:%ld: %s\n", argv[3], lineno, e.text); continue; }
    if (n == cap && !(docs = realloc(docs, (cap = cap ? 2 * cap : 1024) * sizeof *docs))) return 1;
    docs[n++] = j;
  }
  free(line);
  fclose(f);
  sqlite3 *db = NULL;
  remove(argv[2]);
  if (sqlite3_open(argv[2], &db) != SQLITE_OK) { fprintf(stderr, "bench_fts: cannot open %s\n", argv[2]); return 1; }
  if (rasd__fts_register(db) != RASD_OK) { fprintf(stderr, "bench_fts: no FTS5\n"); return 1; }
  char sql[200];
  snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize='%s')", argv[1]);
  if (!ok(db, sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", NULL, NULL, NULL), "pragma") ||
      !ok(db, sqlite3_exec(db, sql, NULL, NULL, NULL), "create"))
    return 1;
  double t0 = cpu();
  sqlite3_stmt *st = NULL;
  if (!ok(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin") ||
      !ok(db, sqlite3_prepare_v2(db, "INSERT INTO fts(title, text) VALUES(?1, ?2)", -1, &st, NULL), "prepare"))
    return 1;
  size_t bytes = 0;
  for (size_t i = 0; i < n; i++) {
    const char *t = json_string_value(json_object_get(docs[i], "title"));
    const char *x = json_string_value(json_object_get(docs[i], "text"));
    sqlite3_bind_text(st, 1, t ? t : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, x ? x : "", -1, SQLITE_STATIC);
    if (!ok(db, sqlite3_step(st), "insert")) return 1;
    sqlite3_reset(st);
    bytes += x ? strlen(x) : 0;
  }
  sqlite3_finalize(st);
  if (!ok(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit")) return 1;
  double t = cpu() - t0;
  printf("%.3f %zu %zu\n", t, n, bytes);
  sqlite3_close(db);
  for (size_t i = 0; i < n; i++) json_decref(docs[i]);
  free(docs);
  return 0;
}
