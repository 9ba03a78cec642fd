/* query.c — the search query language: words, "phrases", entity:X, outlet:X, from:DATE, to:DATE → an FTS5
 * MATCH expression (every word quoted, so FTS5 syntax in user input is never interpreted) plus filters. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "store/store.h"

void rasd__query_free(rasd__query *q) {
  if (!q) return;
  free(q->match);
  free(q->outlet);
  free(q->from);
  free(q->to);
  for (size_t i = 0; i < q->n_entities; i++) free(q->entities[i]);
  free(q->entities);
  memset(q, 0, sizeof *q);
}

static int is_space(const char *s, size_t len, size_t i, size_t *adv) {
  unsigned char c = (unsigned char)s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { *adv = 1; return 1; }
  if (i + 1 < len && c == 0xC2 && (unsigned char)s[i + 1] == 0xA0) { *adv = 2; return 1; }
  return 0;
}

/* Reads one value at s[*i]: "quoted" (« » and “ ” too) or up to white space. Returns a new string. */
static char *read_value(const char *s, size_t len, size_t *i, int *quoted) {
  size_t a = *i, adv;
  static const char *opens[] = {"\"", "\xC2\xAB", "\xE2\x80\x9C"}, *closes[] = {"\"", "\xC2\xBB", "\xE2\x80\x9D"};
  *quoted = 0;
  for (int k = 0; k < 3; k++) {
    size_t ol = strlen(opens[k]);
    if (len - a >= ol && !memcmp(s + a, opens[k], ol)) {
      const char *end = NULL;
      size_t cl = strlen(closes[k]);
      for (size_t j = a + ol; j + cl <= len; j++)
        if (!memcmp(s + j, closes[k], cl)) { end = s + j; break; }
      size_t b = end ? (size_t)(end - s) : len;
      *i = end ? b + cl : len;
      *quoted = 1;
      return rasd__strndup(s + a + ol, b - a - ol);
    }
  }
  size_t b = a;
  while (b < len && !is_space(s, len, b, &adv)) b++;
  *i = b;
  return rasd__strndup(s + a, b - a);
}

/* Appends 'v' to the MATCH expression as one FTS5 string (a word, or a phrase when it has several words). */
static void add_term(rasd__buf *m, const char *v) {
  if (!*v) return;
  if (m->len) rasd__buf_adds(m, " AND ");
  rasd__buf_addc(m, '"');
  for (const char *p = v; *p; p++) {
    if (*p == '"') rasd__buf_addc(m, '"');
    rasd__buf_addc(m, *p);
  }
  rasd__buf_addc(m, '"');
}

/* 1 when 'v' has a word the search index keeps (src/store/fts.c leaves out function words: في, من, وفي), 0 when it has
 * only function words, -1 when it has no word at all. */
static int has_word(const char *v) {
  rasd__words w;
  int rc = rasd__words_of(v, strlen(v), &w), r = -1;
  for (size_t i = 0; rc == RASD_OK && i < w.n && r < 1; i++) r = !w.w[i].stop;
  rasd__words_free(&w);
  return r;
}

int rasd__query_parse(const char *q, rasd__query *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  if (!q) q = "";
  size_t len = strlen(q), i = 0, adv;
  if (!rasd__utf8_valid(q, len)) {
    snprintf(err, errlen, "query is not valid UTF-8");
    return RASD_EUSAGE;
  }
  if (len > 4096) {
    snprintf(err, errlen, "query is too long (%zu bytes, at most 4096)", len);
    return RASD_EUSAGE;
  }
  rasd__buf m;
  rasd__buf_init(&m);
  int rc = RASD_OK;
  while (i < len) {
    if (is_space(q, len, i, &adv)) { i += adv; continue; }
    static const char *ops[] = {"entity:", "outlet:", "from:", "to:"};
    int op = -1;
    for (int k = 0; k < 4; k++)
      if (!strncmp(q + i, ops[k], strlen(ops[k]))) { op = k; i += strlen(ops[k]); break; }
    int quoted;
    char *v = read_value(q, len, &i, &quoted);
    if (!v) { rc = RASD_ENOMEM; break; }
    if (op < 0) {
      int h = has_word(v);
      if (h <= 0) out->n_common += h == 0; /* a function word alone matches nothing in the index: left out */
      else if (quoted) add_term(&m, v);
      else rasd__fts_query_word(&m, v); /* a word, or a name that may be written in two words */
      free(v);
      continue;
    }
    if (!*v) {
      snprintf(err, errlen, "'%s' needs a value", ops[op]);
      free(v);
      rc = RASD_EUSAGE;
      break;
    }
    if (op == 2 || op == 3) {
      if (strlen(v) != 10 || !rasd__date_valid(v)) {
        snprintf(err, errlen, "'%s' wants a date YYYY-MM-DD, got '%.40s'", ops[op], v);
        free(v);
        rc = RASD_EUSAGE;
        break;
      }
      char **dst = op == 2 ? &out->from : &out->to;
      free(*dst);
      *dst = v;
    } else if (op == 1) {
      free(out->outlet);
      out->outlet = v;
    } else {
      char **ne = realloc(out->entities, (out->n_entities + 1) * sizeof *ne);
      if (!ne) { free(v); rc = RASD_ENOMEM; break; }
      out->entities = ne;
      out->entities[out->n_entities++] = v;
    }
  }
  if (rc == RASD_OK && m.oom) rc = RASD_ENOMEM;
  if (rc != RASD_OK) {
    rasd__buf_free(&m);
    rasd__query_free(out);
    if (rc == RASD_ENOMEM) snprintf(err, errlen, "out of memory");
    return rc;
  }
  out->match = m.len ? rasd__buf_detach(&m) : NULL;
  rasd__buf_free(&m);
  return RASD_OK;
}
