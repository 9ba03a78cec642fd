/* fts.c — the FTS5 tokenizer "rasd": per word the matching form, its clitic-aware stem, and the name-variant key
 * (of the bare word, and of the word with the next one) as colocated tokens; queries use the stem and the key, so
 * والذخائر finds الذخائر and بيونغيانغ finds بيونغ يانغ and بيونج يانج. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store/store.h"
#include "text/text.h" /* rasd__is_stopword */

static __thread const char *pre_text;
static __thread size_t pre_len;
static __thread const rasd_tokens *pre_tok;

void rasd__fts_pretok(const char *s, size_t len, const rasd_tokens *t) {
  pre_text = s;
  pre_len = len;
  pre_tok = t && t->n_tok ? t : NULL;
}

/* The tokenizer instance (one per FTS5 table and connection, so one thread at a time) keeps the name key of every
 * bare form it has seen: computing a key parses the word as a name, and a corpus repeats its words all the time. */
typedef struct rasd_fts_tok {
  rasd__kcache kc;
} rasd_fts_tok;

static int tok_create(void *ud, const char **azArg, int nArg, Fts5Tokenizer **pp) {
  (void)ud; (void)azArg; (void)nArg;
  rasd_fts_tok *t = calloc(1, sizeof *t);
  if (!t) return SQLITE_NOMEM;
  *pp = (Fts5Tokenizer *)t;
  return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p) {
  if (!p) return;
  rasd__kcache_free(&((rasd_fts_tok *)p)->kc);
  free(p);
}

#define KEYMARK "~" /* name keys live in their own token space: no word token starts with '~' */

/* Emits name key 'k1' (followed by 'k2', for a name in two words) in its own token space. */
static int emit_key(void *ctx, int (*xToken)(void *, int, const char *, int, int, int), const char *k1, size_t l1,
                    const char *k2, size_t l2, int start, int end) {
  if (!l1 || l1 + l2 >= 250) return SQLITE_OK;
  char buf[256];
  buf[0] = KEYMARK[0];
  memcpy(buf + 1, k1, l1);
  if (l2) memcpy(buf + 1 + l1, k2, l2);
  return xToken(ctx, FTS5_TOKEN_COLOCATED, buf, (int)(l1 + l2 + 1), start, end);
}

/* Word i of the text: from the text core's tokens 't' when there are any, else from the plain split 'w'. Returns 0
 * for a token that is not a word (punctuation, symbols). */
static int word_at(const rasd_tokens *t, const rasd__words *w, size_t i, rasd__word *x) {
  if (!t) {
    *x = w->w[i];
    return 1;
  }
  const rasd_token *k = &t->tok[i];
  if ((k->kind != RASD_TOK_WORD && k->kind != RASD_TOK_LATIN && k->kind != RASD_TOK_NUMBER) || !k->form || !k->form_len)
    return 0;
  x->start = k->start;
  x->len = k->len;
  x->form = k->form;
  x->form_len = k->form_len;
  x->stem = k->stem && k->stem_len ? k->stem : k->form;
  x->stem_len = k->stem && k->stem_len ? k->stem_len : k->form_len;
  x->bare = k->bare && k->bare_len ? k->bare : k->form;
  x->bare_len = k->bare && k->bare_len ? k->bare_len : k->form_len;
  x->kind = k->kind;
  x->stop = (k->flags & RASD_TOKF_STOP) || rasd__is_stopword(k->form, k->form_len);
  x->sentence = k->sentence;
  return 1;
}

/* Per word one token at its position: the stem, which is what a query word becomes (so "والذخائر" and "الذخائر"
 * meet at "ذخائر"); colocated with it the word's name key, and the key of the word with the next one. */
static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                        int (*xToken)(void *, int, const char *, int, int, int)) {
  rasd_fts_tok *c = (rasd_fts_tok *)p;
  if (n <= 0) return SQLITE_OK;
  const rasd_tokens *t = NULL;
  rasd_tokens *own = NULL;
  rasd__words w = {0};
  size_t nw;
  if (pre_tok && (size_t)n == pre_len && (text == pre_text || !memcmp(text, pre_text, pre_len))) {
    t = pre_tok; /* the analysis split this text already */
  } else {
    if (!(own = rasd_tokenize(text, (size_t)n))) return SQLITE_NOMEM;
    if (own->n_tok) t = own;
    else if (rasd__words_of(text, (size_t)n, &w) != RASD_OK) { /* no tokens: the plain splitter */
      rasd_tokens_free(own);
      rasd__words_free(&w);
      return SQLITE_NOMEM;
    }
  }
  nw = t ? t->n_tok : w.n;
  int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  int rc = SQLITE_OK;
  rasd__kcache_trim(&c->kc); /* never within a text: the keys in hand point into the cache */
  rasd__word x, y;
  size_t memo_i = (size_t)-1, memo_kl = 0; /* the key of the next word, looked up for the pair key */
  const char *memo_k = NULL;
  for (size_t i = 0; i < nw && rc == SQLITE_OK; i++) {
    if (!word_at(t, &w, i, &x)) continue;
    int s = (int)x.start, e = (int)(x.start + x.len);
    size_t kl = 0;
    const char *k = NULL;
    if (x.kind == RASD_TOK_WORD && !x.stop) {
      if (memo_i == i) {
        k = memo_k;
        kl = memo_kl;
      } else if (rasd__kcache_get(&c->kc, x.bare, x.bare_len, &k, &kl)) {
        rc = SQLITE_NOMEM;
        break;
      }
    }
    /* A query word matches any word with its stem, or any name spelled with its key. */
    rc = xToken(ctx, 0, x.stem, (int)x.stem_len, s, e);
    if (rc == SQLITE_OK && kl) rc = emit_key(ctx, xToken, k, kl, NULL, 0, s, e);
    if (query || !kl || rc != SQLITE_OK) continue;
    /* A name written in two words (بيونغ يانغ) also gets the key of both words together: the keys of the two
     * words joined, which is what the key of the one-word spelling comes to. */
    size_t j = i + 1;
    while (j < nw && !word_at(t, &w, j, &y)) j++;
    if (j < nw && y.kind == RASD_TOK_WORD && !y.stop && y.sentence == x.sentence && y.start - (x.start + x.len) <= 2) {
      size_t kl2 = 0;
      const char *k2 = NULL;
      if (rasd__kcache_get(&c->kc, y.bare, y.bare_len, &k2, &kl2)) { rc = SQLITE_NOMEM; break; }
      memo_i = j;
      memo_k = k2;
      memo_kl = kl2;
      if (kl2) rc = emit_key(ctx, xToken, k, kl, k2, kl2, s, (int)(y.start + y.len));
    }
  }
  rasd_tokens_free(own);
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
