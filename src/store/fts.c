/* fts.c — the FTS5 tokenizer "rasd": per word the matching form, its clitic-aware stem, and the name-variant key
 * (of the bare word, and of the word with the next one) as colocated tokens; queries use the stem and the key, so
 * والذخائر finds الذخائر and بيونغيانغ finds بيونغ يانغ and بيونج يانج. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store/store.h"

typedef struct { int dummy; } rasd_fts_tok;

static __thread const char *pre_text;
static __thread size_t pre_len;
static __thread const rasd_tokens *pre_tok;

void rasd__fts_pretok(const char *s, size_t len, const rasd_tokens *t) {
  pre_text = s;
  pre_len = len;
  pre_tok = t && t->n_tok ? t : NULL;
}

/* Name keys of the words of one text, computed once per distinct bare form. */
typedef struct kentry {
  const char *w;
  size_t wl;
  char *k;
  size_t kl;
} kentry;

typedef struct kcache {
  kentry *e;
  size_t cap, n;
} kcache;

static uint32_t khash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* Returns the key of 'w' (its separators removed), or NULL on OOM; owned by the cache. */
static const char *kc_get(kcache *c, const char *w, size_t wl, size_t *kl) {
  if (c->n * 2 >= c->cap) {
    size_t nc = c->cap ? c->cap * 2 : 256;
    kentry *ne = calloc(nc, sizeof *ne);
    if (!ne) return NULL;
    kentry *old = c->e;
    size_t oc = c->cap;
    c->e = ne;
    c->cap = nc;
    c->n = 0;
    for (size_t i = 0; i < oc; i++) {
      kentry *o = &old[i];
      if (!o->w) continue;
      size_t j = khash(o->w, o->wl) & (nc - 1);
      while (c->e[j].w) j = (j + 1) & (nc - 1);
      c->e[j] = *o;
      c->n++;
    }
    free(old);
  }
  size_t j = khash(w, wl) & (c->cap - 1);
  while (c->e[j].w) {
    if (c->e[j].wl == wl && !memcmp(c->e[j].w, w, wl)) { *kl = c->e[j].kl; return c->e[j].k; }
    j = (j + 1) & (c->cap - 1);
  }
  char *k = rasd__key_of(w, wl, kl);
  if (!k) return NULL;
  c->e[j].w = w;
  c->e[j].wl = wl;
  c->e[j].k = k;
  c->e[j].kl = *kl;
  c->n++;
  return k;
}

static void kc_free(kcache *c) {
  for (size_t i = 0; i < c->cap; i++) free(c->e[i].k);
  free(c->e);
}

static int tok_create(void *ud, const char **azArg, int nArg, Fts5Tokenizer **pp) {
  (void)ud; (void)azArg; (void)nArg;
  rasd_fts_tok *t = calloc(1, sizeof *t);
  if (!t) return SQLITE_NOMEM;
  *pp = (Fts5Tokenizer *)t;
  return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p) { free(p); }

#define KEYMARK "~" /* name keys live in their own token space: no word token starts with '~' */

/* Emits name key 'k' ('kl' bytes) in its own token space. */
static int emit_key(void *ctx, int (*xToken)(void *, int, const char *, int, int, int), const char *k1, size_t l1,
                    const char *k2, size_t l2, int start, int end) {
  if (!l1 || l1 + l2 >= 250) return SQLITE_OK;
  char buf[256];
  buf[0] = KEYMARK[0];
  memcpy(buf + 1, k1, l1);
  if (l2) memcpy(buf + 1 + l1, k2, l2);
  return xToken(ctx, FTS5_TOKEN_COLOCATED, buf, (int)(l1 + l2 + 1), start, end);
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                        int (*xToken)(void *, int, const char *, int, int, int)) {
  (void)p;
  if (n <= 0) return SQLITE_OK;
  rasd__words w;
  int rc;
  if (pre_tok && (size_t)n == pre_len && (text == pre_text || !memcmp(text, pre_text, pre_len)))
    rc = rasd__words_from(pre_tok, &w); /* the analysis split this text already */
  else
    rc = rasd__words_of(text, (size_t)n, &w);
  if (rc != RASD_OK) {
    rasd__words_free(&w);
    return SQLITE_NOMEM;
  }
  int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  kcache kc = {0};
  rc = SQLITE_OK;
  for (size_t i = 0; i < w.n && rc == SQLITE_OK; i++) {
    const rasd__word *x = &w.w[i];
    int s = (int)x->start, e = (int)(x->start + x->len);
    size_t kl = 0;
    const char *k = NULL;
    if (x->kind == RASD_TOK_WORD && !x->stop && !(k = kc_get(&kc, x->bare, x->bare_len, &kl))) { rc = SQLITE_NOMEM; break; }
    if (query) {
      /* A query word matches any word with its stem, or any name spelled with its key. */
      rc = xToken(ctx, 0, x->stem, (int)x->stem_len, s, e);
      if (rc == SQLITE_OK && k) rc = emit_key(ctx, xToken, k, kl, NULL, 0, s, e);
      continue;
    }
    rc = xToken(ctx, 0, x->form, (int)x->form_len, s, e);
    if (rc == SQLITE_OK && (x->stem_len != x->form_len || memcmp(x->stem, x->form, x->form_len)))
      rc = xToken(ctx, FTS5_TOKEN_COLOCATED, x->stem, (int)x->stem_len, s, e);
    if (!k) continue;
    if (rc == SQLITE_OK) rc = emit_key(ctx, xToken, k, kl, NULL, 0, s, e);
    /* A name written in two words (بيونغ يانغ) also gets the key of both words together: the keys of the two
     * words joined, which is what the key of the one-word spelling comes to. */
    if (rc == SQLITE_OK && i + 1 < w.n) {
      const rasd__word *y = &w.w[i + 1];
      size_t kl2 = 0;
      const char *k2;
      if (y->kind == RASD_TOK_WORD && !y->stop && y->sentence == x->sentence && y->start - (x->start + x->len) <= 2) {
        if (!(k2 = kc_get(&kc, y->bare, y->bare_len, &kl2))) { rc = SQLITE_NOMEM; break; }
        rc = emit_key(ctx, xToken, k, kl, k2, kl2, s, (int)(y->start + y->len));
      }
    }
  }
  kc_free(&kc);
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
