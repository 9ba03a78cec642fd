/* fts.c — the FTS5 tokenizer "rasd": per word the matching form, its clitic-aware stem and bare form, and the
 * name-variant key (of the word and of the word with the next one) as colocated tokens; queries use the stem
 * and the key, so والذخائر finds الذخائر and بيونغيانغ finds بيونغ يانغ. */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store/store.h"

typedef struct { int dummy; } rasd_fts_tok;

static int tok_create(void *ud, const char **azArg, int nArg, Fts5Tokenizer **pp) {
  (void)ud; (void)azArg; (void)nArg;
  rasd_fts_tok *t = calloc(1, sizeof *t);
  if (!t) return SQLITE_NOMEM;
  *pp = (Fts5Tokenizer *)t;
  return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p) { free(p); }

#define KEYMARK "~" /* name keys live in their own token space: no word token starts with '~' */

static int emit_key(void *ctx, int (*xToken)(void *, int, const char *, int, int, int), int flags, const char *s,
                    size_t len, int start, int end) {
  size_t kl = 0;
  char *k = rasd__key_of(s, len, &kl);
  if (!k) return SQLITE_NOMEM;
  int rc = SQLITE_OK;
  if (kl > 0 && kl < 200) {
    char buf[256];
    buf[0] = KEYMARK[0];
    memcpy(buf + 1, k, kl);
    rc = xToken(ctx, flags, buf, (int)kl + 1, start, end);
  }
  free(k);
  return rc;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                        int (*xToken)(void *, int, const char *, int, int, int)) {
  (void)p;
  if (n <= 0) return SQLITE_OK;
  rasd__words w;
  int rc = rasd__words_of(text, (size_t)n, &w);
  if (rc != RASD_OK) {
    rasd__words_free(&w);
    return SQLITE_NOMEM;
  }
  int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  rc = SQLITE_OK;
  for (size_t i = 0; i < w.n && rc == SQLITE_OK; i++) {
    const rasd__word *x = &w.w[i];
    int s = (int)x->start, e = (int)(x->start + x->len);
    if (query) {
      /* A query word matches any word with its stem, or any name spelled with its key. */
      rc = xToken(ctx, 0, x->stem, (int)x->stem_len, s, e);
      if (rc == SQLITE_OK && x->kind == RASD_TOK_WORD && !x->stop)
        rc = emit_key(ctx, xToken, FTS5_TOKEN_COLOCATED, x->bare, x->bare_len, s, e);
      continue;
    }
    rc = xToken(ctx, 0, x->form, (int)x->form_len, s, e);
    if (rc == SQLITE_OK && (x->stem_len != x->form_len || memcmp(x->stem, x->form, x->form_len)))
      rc = xToken(ctx, FTS5_TOKEN_COLOCATED, x->stem, (int)x->stem_len, s, e);
    if (rc == SQLITE_OK && (x->bare_len != x->form_len || memcmp(x->bare, x->form, x->form_len)) &&
        (x->bare_len != x->stem_len || memcmp(x->bare, x->stem, x->stem_len)))
      rc = xToken(ctx, FTS5_TOKEN_COLOCATED, x->bare, (int)x->bare_len, s, e);
    if (x->kind != RASD_TOK_WORD || x->stop) continue;
    if (rc == SQLITE_OK) rc = emit_key(ctx, xToken, FTS5_TOKEN_COLOCATED, x->bare, x->bare_len, s, e);
    /* A name written in two words (بيونغ يانغ) also gets the key of both words together. */
    if (rc == SQLITE_OK && i + 1 < w.n) {
      const rasd__word *y = &w.w[i + 1];
      if (y->kind == RASD_TOK_WORD && !y->stop && y->sentence == x->sentence &&
          y->start - (x->start + x->len) <= 2 && x->bare_len + y->bare_len < 120) {
        char both[256];
        memcpy(both, x->bare, x->bare_len);
        memcpy(both + x->bare_len, y->bare, y->bare_len);
        rc = emit_key(ctx, xToken, FTS5_TOKEN_COLOCATED, both, x->bare_len + y->bare_len, s,
                      (int)(y->start + y->len));
      }
    }
  }
  rasd__words_free(&w);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static fts5_api *fts5_of(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return api;
}

int rasd__fts_register(void *dbv) {
  sqlite3 *db = dbv;
  fts5_api *api = fts5_of(db);
  if (!api) return RASD_EDB;
  static fts5_tokenizer t = {tok_create, tok_delete, tok_tokenize};
  return api->xCreateTokenizer(api, "rasd", NULL, &t, NULL) == SQLITE_OK ? RASD_OK : RASD_EDB;
}
