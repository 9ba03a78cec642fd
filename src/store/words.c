/* words.c — words and sentences of a text for the store's index and linker, from the text core (with a plain
 * splitter standing in while the text core finds no tokens), plus stopwords, name keys, hashing and escaping. */
#include <stdlib.h>
#include <string.h>
#include "store/store.h"
#include "text/text.h" /* rasd__is_stopword */

char *rasd__key_of(const char *s, size_t len, size_t *out_len) {
  char *k = rasd_name_key(s, len);
  if (!k) return NULL;
  size_t j = 0;
  for (size_t i = 0; k[i]; i++)
    if (k[i] != ' ' && k[i] != '-' && k[i] != '_' && k[i] != '\'') k[j++] = k[i];
  k[j] = 0;
  if (out_len) *out_len = j;
  return k;
}

/* ---- the name-key cache ---- */

#define KC_FIRST 4096
#define KC_MAX ((size_t)1 << 16) /* strings kept; rasd__kcache_trim() starts over when there are more */

static uint32_t khash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

void rasd__kcache_free(rasd__kcache *c) {
  free(c->e);
  rasd__arena_free(c->ar);
  memset(c, 0, sizeof *c);
}

void rasd__kcache_trim(rasd__kcache *c) {
  if (c->n >= KC_MAX) rasd__kcache_free(c);
}

static int kc_grow(rasd__kcache *c) {
  size_t nc = c->cap ? c->cap * 2 : KC_FIRST;
  rasd__kentry *ne = calloc(nc, sizeof *ne);
  if (!ne) return -1;
  if (!c->ar && !(c->ar = rasd__arena_new(64 * 1024))) {
    free(ne);
    return -1;
  }
  for (size_t i = 0; i < c->cap; i++) {
    if (!c->e[i].w) continue;
    size_t j = c->e[i].h & (nc - 1);
    while (ne[j].w) j = (j + 1) & (nc - 1);
    ne[j] = c->e[i];
  }
  free(c->e);
  c->e = ne;
  c->cap = nc;
  return 0;
}

int rasd__kcache_get(rasd__kcache *c, const char *w, size_t wl, const char **k, size_t *kl) {
  if (c->n * 2 >= c->cap && kc_grow(c)) return -1;
  uint32_t h = khash(w, wl);
  size_t j = h & (c->cap - 1);
  for (rasd__kentry *e; (e = &c->e[j])->w; j = (j + 1) & (c->cap - 1))
    if (e->h == h && e->wl == wl && !memcmp(e->w, w, wl)) {
      *k = e->k;
      *kl = e->kl;
      return 0;
    }
  size_t l = 0;
  char *key = rasd__key_of(w, wl, &l);
  if (!key) return -1;
  rasd__kentry e = {h, (uint32_t)wl, (uint32_t)l, rasd__arena_strndup(c->ar, w, wl), rasd__arena_strndup(c->ar, key, l)};
  free(key);
  if (!e.w || !e.k) return -1;
  c->e[j] = e;
  c->n++;
  *k = e.k;
  *kl = e.kl;
  return 0;
}

static int is_sep(int32_t cp) {
  if (cp < 0) return 1;
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  switch (cp) {
    case 0x00A0: case 0x060C: case 0x061B: case 0x061F: case 0x00AB: case 0x00BB: case 0x066A: case 0x066B:
    case 0x066C: case 0x06D4: case 0x2026: case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x2013:
    case 0x2014: case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F: case 0x2028: case 0x2029:
    case 0x3000: case 0xFEFF:
      return 1;
  }
  return cp >= 0x2000 && cp <= 0x206F;
}

/* The plain splitter: words between separators, sentences ending at . ! ? ؟ or a newline. */
static int fallback(const char *s, size_t len, rasd__words *out) {
  size_t cap_w = 0, cap_s = 0;
  size_t i = 0, sent_start = 0;
  uint32_t sent = 0;
  int sent_has_word = 0;
  while (i < len) {
    size_t at = i;
    int32_t cp = rasd__utf8_next(s, len, &i);
    if (is_sep(cp)) {
      int end = cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == '\n' || cp == 0x06D4;
      if (end && sent_has_word) {
        rasd_sentence se = {(uint32_t)sent_start, (uint32_t)i, 0, 0, 0};
        if (RASD__VEC_PUSH(out->sent, out->n_sent, cap_s, se)) return RASD_ENOMEM;
        sent++;
        sent_has_word = 0;
        sent_start = i;
      } else if (!sent_has_word) {
        sent_start = i;
      }
      continue;
    }
    size_t ws = at, we = i;
    int arabic = rasd__is_arabic_letter(cp) || rasd__is_arabic_mark(cp), digit = cp >= '0' && cp <= '9';
    while (we < len) {
      size_t j = we;
      int32_t c2 = rasd__utf8_next(s, len, &j);
      if (is_sep(c2)) break;
      we = j;
    }
    i = we;
    size_t fl = 0;
    char *f = rasd_normalize(s + ws, we - ws, &fl);
    if (!f) return RASD_ENOMEM;
    char *form = rasd__arena_strndup(out->ar, f, fl);
    free(f);
    if (!form) return RASD_ENOMEM;
    for (size_t k = 0; k < fl; k++)
      if (form[k] >= 'A' && form[k] <= 'Z') form[k] = (char)(form[k] - 'A' + 'a');
    size_t sl = 0;
    char *st = rasd_stem(form, fl, &sl);
    if (!st) return RASD_ENOMEM;
    char *stem = rasd__arena_strndup(out->ar, st, sl);
    free(st);
    if (!stem) return RASD_ENOMEM;
    rasd__word w = {(uint32_t)ws, (uint32_t)(we - ws), form, stem, form, fl, sl, fl,
                    (uint8_t)(arabic ? RASD_TOK_WORD : digit ? RASD_TOK_NUMBER : RASD_TOK_LATIN),
                    (uint8_t)rasd__is_stopword(form, fl), sent};
    if (RASD__VEC_PUSH(out->w, out->n, cap_w, w)) return RASD_ENOMEM;
    sent_has_word = 1;
  }
  if (sent_has_word) {
    rasd_sentence se = {(uint32_t)sent_start, (uint32_t)len, 0, 0, 0};
    if (RASD__VEC_PUSH(out->sent, out->n_sent, cap_s, se)) return RASD_ENOMEM;
  }
  return RASD_OK;
}

static int from_tokens(const rasd_tokens *t, rasd__words *out) {
  out->sent = t->sent;
  out->n_sent = t->n_sent;
  out->w = rasd__arena_alloc(out->ar, (t->n_tok + 1) * sizeof *out->w);
  if (!out->w) return RASD_ENOMEM;
  for (size_t i = 0; i < t->n_tok; i++) {
    const rasd_token *k = &t->tok[i];
    if (k->kind != RASD_TOK_WORD && k->kind != RASD_TOK_LATIN && k->kind != RASD_TOK_NUMBER) continue;
    if (!k->form || !k->form_len) continue;
    rasd__word *w = &out->w[out->n++];
    w->start = k->start;
    w->len = k->len;
    w->form = k->form;
    w->form_len = k->form_len;
    w->stem = k->stem && k->stem_len ? k->stem : k->form;
    w->stem_len = k->stem && k->stem_len ? k->stem_len : k->form_len;
    w->bare = k->bare && k->bare_len ? k->bare : k->form;
    w->bare_len = k->bare && k->bare_len ? k->bare_len : k->form_len;
    w->kind = k->kind;
    w->stop = (k->flags & RASD_TOKF_STOP) || rasd__is_stopword(k->form, k->form_len);
    w->sentence = k->sentence;
  }
  return RASD_OK;
}

int rasd__words_of(const char *s, size_t len, rasd__words *out) {
  memset(out, 0, sizeof *out);
  out->ar = rasd__arena_new(len + 1024);
  if (!out->ar) return RASD_ENOMEM;
  if (len > UINT32_MAX) return RASD_ETOOBIG;
  rasd_tokens *t = rasd_tokenize(s, len);
  if (!t) return RASD_ENOMEM;
  if (t->n_tok == 0) {
    rasd_tokens_free(t);
    return len ? fallback(s, len, out) : RASD_OK;
  }
  out->tok = t;
  out->own_tok = 1;
  return from_tokens(t, out);
}

int rasd__words_from(const rasd_tokens *t, rasd__words *out) {
  memset(out, 0, sizeof *out);
  out->ar = rasd__arena_new(t->n_tok * sizeof(rasd__word) + 1024);
  if (!out->ar) return RASD_ENOMEM;
  out->tok = (rasd_tokens *)t;
  return from_tokens(t, out);
}

void rasd__words_free(rasd__words *w) {
  if (!w) return;
  if (w->tok) {
    if (w->own_tok) rasd_tokens_free(w->tok);
  } else {
    free(w->sent);
    free(w->w);
  }
  rasd__arena_free(w->ar);
  memset(w, 0, sizeof *w);
}

void rasd__html_escape(rasd__buf *b, const char *s, size_t len) {
  size_t run = 0;
  for (size_t i = 0; i < len; i++) {
    const char *r = NULL;
    switch (s[i]) {
      case '&': r = "&amp;"; break;
      case '<': r = "&lt;"; break;
      case '>': r = "&gt;"; break;
      case '"': r = "&quot;"; break;
      case '\'': r = "&#39;"; break;
      case 0: r = ""; break;
    }
    if (!r) continue;
    rasd__buf_add(b, s + run, i - run);
    rasd__buf_adds(b, r);
    run = i + 1;
  }
  rasd__buf_add(b, s + run, len - run);
}

void rasd__hash_hex(const char *s, size_t len, char out[33]) {
  uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL ^ len;
  for (size_t i = 0; i < len; i++) {
    h1 = (h1 ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    h2 = (h2 ^ (unsigned char)s[i]) * 0x9E3779B97F4A7C15ULL;
    h2 ^= h2 >> 29;
  }
  static const char hx[] = "0123456789abcdef";
  for (int i = 0; i < 16; i++) {
    out[i] = hx[(h1 >> (60 - 4 * i)) & 15];
    out[16 + i] = hx[(h2 >> (60 - 4 * i)) & 15];
  }
  out[32] = 0;
}
