/* fts.c — the FTS5 tokenizer "rasd": per word its clitic-aware stem (function words such as في, من, وفي left out),
 * and for a word that can be a name its name-variant key as a colocated token in a token space of its own ("~key"). A query word becomes its stem, its key,
 * and (src/store/query.c) the phrases of two keys that join into its key, so that والذخائر finds الذخائر and
 * بيونغيانغ finds بيونغ يانغ and بيونج يانج. Which words can be names: the words of the mentions the analysis
 * found when the text comes with its analysis (rasd__fts_pretok), else the words no suffix was stripped from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store/store.h"
#include "text/text.h" /* rasd__is_stopword */

static __thread const char *pre_text;
static __thread size_t pre_len;
static __thread const rasd_tokens *pre_tok;
static __thread const rasd_mention *pre_men;
static __thread size_t pre_n_men;

void rasd__fts_pretok(const char *s, size_t len, const rasd_tokens *t, const rasd_mention *m, size_t n_m) {
  pre_text = s;
  pre_len = len;
  pre_tok = t && t->n_tok ? t : NULL;
  pre_men = m;
  pre_n_men = n_m;
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

/* Emits name key 'k' ('l' bytes) in its own token space, colocated with the word's stem. */
static int emit_key(void *ctx, int (*xToken)(void *, int, const char *, int, int, int), const char *k, size_t l,
                    int start, int end) {
  if (!l || l >= 250) return SQLITE_OK;
  char buf[256];
  buf[0] = KEYMARK[0];
  memcpy(buf + 1, k, l);
  return xToken(ctx, FTS5_TOKEN_COLOCATED, buf, (int)(l + 1), start, end);
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
  x->stop = (k->flags & RASD_TOKF_STOP) != 0; /* the rest of the test only for a word that could be a name */
  x->sentence = k->sentence;
  return 1;
}

/* Emits the tokens of a query string that starts with KEYMARK verbatim, split at spaces: the phrases of keys that
 * src/store/query.c builds ("~k1 ~k2"). */
static int query_keys(void *ctx, const char *text, int n, int (*xToken)(void *, int, const char *, int, int, int)) {
  int rc = SQLITE_OK;
  for (int i = 0; i < n && rc == SQLITE_OK;) {
    while (i < n && text[i] == ' ') i++;
    int a = i;
    while (i < n && text[i] != ' ') i++;
    if (i - a > 1 && text[a] == KEYMARK[0]) rc = xToken(ctx, 0, text + a, i - a, a, i);
  }
  return rc;
}

/* Per word other than a function word one token at its position: the stem, which is what a query word becomes (so "والذخائر" and "الذخائر"
 * meet at "ذخائر"); colocated with it, for a word that can be a name, its name key. A name written in two words
 * (بيونغ يانغ) is found by a query for the one-word spelling through the phrase of the two keys. */
static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                        int (*xToken)(void *, int, const char *, int, int, int)) {
  rasd_fts_tok *c = (rasd_fts_tok *)p;
  if (n <= 0) return SQLITE_OK;
  int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  if (query && text[0] == KEYMARK[0]) return query_keys(ctx, text, n, xToken);
  const rasd_tokens *t = NULL;
  rasd_tokens *own = NULL;
  rasd__words w = {0};
  unsigned char *named = NULL; /* per token: inside a mention of the analysis */
  size_t nw;
  if (pre_tok && (size_t)n == pre_len && (text == pre_text || !memcmp(text, pre_text, pre_len))) {
    t = pre_tok; /* the analysis split this text already, and found its names */
    if (!(named = calloc(t->n_tok + 1, 1))) return SQLITE_NOMEM;
    for (size_t k = 0; k < pre_n_men; k++)
      for (uint32_t j = pre_men[k].tok_begin; j < pre_men[k].tok_end && j < t->n_tok; j++) named[j] = 1;
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
  int rc = SQLITE_OK;
  rasd__kcache_trim(&c->kc); /* never within a text: the keys in hand point into the cache */
  rasd__word x;
  for (size_t i = 0; i < nw && rc == SQLITE_OK; i++) {
    if (!word_at(t, &w, i, &x)) continue;
    /* A function word (في, من, إن, وفي) is not indexed, in a text or a query alike: it is about a fifth of the words
     * of news text, says nothing to bm25, and a phrase that has one still matches its other words side by side. */
    if (x.stop || (t && rasd__is_stopword(x.form, x.form_len))) continue;
    int s = (int)x.start, e = (int)(x.start + x.len);
    size_t kl = 0;
    const char *k = NULL;
    /* A query word looks for names spelled like it; in a text, a word can be a name when the analysis found it in
     * a name, or (without an analysis) when it is not an inflected common word (nothing stripped to stem it). */
    int name = x.kind == RASD_TOK_WORD &&
               (query || (named ? named[i] : x.stem_len == x.bare_len && x.bare_len >= 4 && !memcmp(x.stem, x.bare, x.bare_len)));
    if (name && rasd__kcache_get(&c->kc, x.bare, x.bare_len, &k, &kl)) {
      rc = SQLITE_NOMEM;
      break;
    }
    rc = xToken(ctx, 0, x.stem, (int)x.stem_len, s, e);
    if (rc == SQLITE_OK && kl) rc = emit_key(ctx, xToken, k, kl, s, e);
  }
  free(named);
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

/* Appends 's' to 'm' as one quoted FTS5 string. */
static void quoted(rasd__buf *m, const char *s, size_t n) {
  rasd__buf_addc(m, '"');
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') rasd__buf_addc(m, '"');
    rasd__buf_addc(m, s[i]);
  }
  rasd__buf_addc(m, '"');
}

void rasd__fts_query_word(rasd__buf *m, const char *v) {
  rasd__words w;
  size_t kl = 0;
  char *k = NULL;
  if (rasd__words_of(v, strlen(v), &w) == RASD_OK && w.n == 1 && w.w[0].kind == RASD_TOK_WORD && !w.w[0].stop)
    k = rasd__key_of(w.w[0].bare, w.w[0].bare_len, &kl);
  rasd__words_free(&w);
  if (m->len) rasd__buf_adds(m, " AND "); /* FTS5 takes no implicit AND before a "(" group */
  if (!k || kl < 2 || kl > 200) {
    quoted(m, v, strlen(v));
    free(k);
    return;
  }
  rasd__buf_addc(m, '(');
  quoted(m, v, strlen(v));
  /* Every split of the key into two keys: the name in two words, one key each (بيونغ يانغ for بيونغيانغ). */
  size_t at = 0, n = 0;
  rasd__utf8_next(k, kl, &at);
  for (; at < kl && n < 24; n++) {
    char buf[512];
    int l = snprintf(buf, sizeof buf, KEYMARK "%.*s " KEYMARK "%.*s", (int)at, k, (int)(kl - at), k + at);
    rasd__buf_adds(m, " OR ");
    quoted(m, buf, (size_t)l);
    rasd__utf8_next(k, kl, &at);
  }
  rasd__buf_addc(m, ')');
  free(k);
}
