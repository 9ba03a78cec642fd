/* jsonrec.c — one JSON record → the article fields it holds, with yajl's event parser (no tree is built:
 * the body string is copied once, straight into the article). */
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "read/read.h"

/* Field aliases, best first. */
static const char *const K_ID[] = {"id", "guid", "_id", "uid", NULL};
static const char *const K_TITLE[] = {"title", "headline", NULL};
static const char *const K_TEXT[] = {"content", "body", "text", "article", "article_body", "articleBody", NULL};
static const char *const K_DATE[] = {"date", "published", "date_extracted", "pubDate", "published_at", "publishedAt",
                                     "datePublished", "datetime", "pub_date", NULL};
static const char *const K_OUTLET[] = {"source", "outlet", "publisher", "site", "newspaper", NULL};
static const char *const K_URL[] = {"url", "link", "href", NULL};
static const char *const K_BYLINE[] = {"author", "byline", "writer", NULL};
static const char *const *const KEYS[RASD__JF_N] = {K_ID, K_TITLE, K_TEXT, K_DATE, K_OUTLET, K_URL, K_BYLINE};

typedef struct ctx {
  rasd__jrec *rec;
  int depth;
  int field, rank;  /* field named by the current depth-1 key, or -1 */
  int obj_field;    /* depth-1 field whose value is an object being read ("source": {"name": …}) */
  int sub_name;     /* the current depth-2 key is "name" */
} ctx;

static void lookup(ctx *c, const unsigned char *k, size_t n) {
  c->field = -1;
  for (int f = 0; f < RASD__JF_N; f++)
    for (int i = 0; KEYS[f][i]; i++)
      if (strlen(KEYS[f][i]) == n && !memcmp(KEYS[f][i], k, n)) {
        c->field = f;
        c->rank = i;
        return;
      }
}

static int take(ctx *c, int f, int rank, const char *s, size_t n) {
  rasd__jrec *r = c->rec;
  if (r->val[f] && r->rank[f] <= rank) return 1;
  char *v = malloc(n + 1);
  if (!v) return 0;
  /* NULs (from \u0000) are dropped */
  size_t m = 0;
  if (memchr(s, 0, n)) {
    for (size_t i = 0; i < n; i++)
      if (s[i]) v[m++] = s[i];
  } else {
    memcpy(v, s, n);
    m = n;
  }
  v[m] = 0;
  free(r->val[f]);
  r->val[f] = v;
  r->len[f] = m;
  r->rank[f] = rank;
  return 1;
}

static void mark_present(ctx *c) {
  if (c->depth == 1 && c->field >= 0) c->rec->present[c->field] = 1;
}

static int on_null(void *u) {
  ctx *c = u;
  if (c->depth == 0) c->rec->top = 'z';
  mark_present(c);
  return 1;
}

static int on_bool(void *u, int b) {
  ctx *c = u;
  (void)b;
  if (c->depth == 0) c->rec->top = 'b';
  mark_present(c);
  return 1;
}

static int on_number(void *u, const char *s, size_t n) {
  ctx *c = u;
  if (c->depth == 0) c->rec->top = 'n';
  mark_present(c);
  if (c->depth == 1 && c->field == RASD__JF_ID) return take(c, c->field, c->rank, s, n);
  return 1;
}

static int on_string(void *u, const unsigned char *s, size_t n) {
  ctx *c = u;
  if (c->depth == 0) c->rec->top = 's';
  mark_present(c);
  if (c->depth == 1 && c->field >= 0) return take(c, c->field, c->rank, (const char *)s, n);
  if (c->depth == 2 && c->obj_field >= 0 && c->sub_name) return take(c, c->obj_field, c->rank, (const char *)s, n);
  return 1;
}

static int on_key(void *u, const unsigned char *k, size_t n) {
  ctx *c = u;
  if (c->depth == 1) {
    lookup(c, k, n);
    rasd__jrec *r = c->rec;
    if (r->nkeys < 6) {
      size_t have = strlen(r->keys);
      if (have + n + 3 < sizeof r->keys) {
        if (have) memcpy(r->keys + have, ", ", 2), have += 2;
        memcpy(r->keys + have, k, n);
        r->keys[have + n] = 0;
      }
    } else if (r->nkeys == 6 && strlen(r->keys) + 6 < sizeof r->keys) {
      strcat(r->keys, ", …");
    }
    r->nkeys++;
  } else if (c->depth == 2) {
    c->sub_name = n == 4 && !memcmp(k, "name", 4);
  }
  return 1;
}

static int on_start_map(void *u) {
  ctx *c = u;
  if (c->depth == 0) c->rec->top = 'o';
  mark_present(c);
  c->obj_field = c->depth == 1 ? c->field : -1;
  c->depth++;
  c->sub_name = 0;
  return 1;
}

static int on_end_map(void *u) {
  ctx *c = u;
  c->depth--;
  if (c->depth == 1) c->obj_field = -1;
  return 1;
}

static int on_start_array(void *u) {
  ctx *c = u;
  if (c->depth == 0) c->rec->top = 'a';
  mark_present(c);
  if (c->depth == 1) c->obj_field = -1;
  c->depth++;
  c->sub_name = 0;
  return 1;
}

static int on_end_array(void *u) {
  ctx *c = u;
  c->depth--;
  return 1;
}

static const yajl_callbacks CB = {on_null, on_bool, NULL, NULL, on_number, on_string, on_start_map, on_key,
                                  on_end_map, on_start_array, on_end_array};

void rasd__jrec_free(rasd__jrec *r) {
  for (int f = 0; f < RASD__JF_N; f++) free(r->val[f]);
  memset(r, 0, sizeof *r);
}

/* ---- the common shape without yajl: one flat object ----
 * A record that is one object of strings, integers, true, false and null, whose strings hold no \u escape,
 * is read here in one pass, giving the callbacks above the events yajl would give; anything else (nested
 * values, other numbers, \u escapes, any error) is left to yajl, which then reads the record from the start. */

static inline int ws_(unsigned char b) { return b == ' ' || b == '\t' || b == '\n' || b == '\r'; }
static inline int delim_(const unsigned char *p, const unsigned char *e) {
  return p == e || ws_(*p) || *p == ',' || *p == '}';
}

/* How many bytes from p (before e) are plain string bytes: no quote, backslash or control character. */
static inline size_t plain_run_(const unsigned char *p, const unsigned char *e) {
  const unsigned char *q = p;
#ifdef __SSE2__
  const __m128i dq = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), c1f = _mm_set1_epi8(0x1F);
  while (e - q >= 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)q);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, dq), _mm_cmpeq_epi8(x, bs)),
                             _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x));
    unsigned mm = (unsigned)_mm_movemask_epi8(m);
    if (mm) return (size_t)(q - p) + (size_t)__builtin_ctz(mm);
    q += 16;
  }
#endif
  while (q < e && *q != '"' && *q != '\\' && *q >= 0x20) q++;
  return (size_t)(q - p);
}

/* The string whose opening quote is at *pp: its bytes (decoded into *buf when it has escapes) in *out, *on;
 * *pp past the closing quote. 0 when yajl must decide (a \u escape, a bad escape, a control character, no end),
 * -1 when out of memory. */
static int fast_string(const unsigned char **pp, const unsigned char *e, char **buf, size_t *cap,
                       const unsigned char **out, size_t *on) {
  const unsigned char *st = *pp + 1, *p = st + plain_run_(st, e);
  if (p == e || *p < 0x20) return 0;
  if (*p == '"') {
    *out = st;
    *on = (size_t)(p - st);
    *pp = p + 1;
    return 1;
  }
  /* an escape: the string is decoded into buf (never longer than its text) */
  size_t need = (size_t)(e - st) + 1;
  if (need > *cap) {
    char *b = realloc(*buf, need);
    if (!b) return -1;
    *buf = b;
    *cap = need;
  }
  char *o = *buf;
  size_t k = (size_t)(p - st);
  memcpy(o, st, k);
  for (;;) { /* at a backslash */
    if (p + 1 == e) return 0;
    switch (p[1]) {
      case '"': o[k++] = '"'; break;
      case '\\': o[k++] = '\\'; break;
      case '/': o[k++] = '/'; break;
      case 'b': o[k++] = '\b'; break;
      case 'f': o[k++] = '\f'; break;
      case 'n': o[k++] = '\n'; break;
      case 'r': o[k++] = '\r'; break;
      case 't': o[k++] = '\t'; break;
      default: return 0; /* \u and invalid escapes */
    }
    p += 2;
    size_t run = plain_run_(p, e);
    memcpy(o + k, p, run);
    k += run;
    p += run;
    if (p == e || *p < 0x20) return 0;
    if (*p == '"') break;
  }
  *out = (const unsigned char *)o;
  *on = k;
  *pp = p + 1;
  return 1;
}

/* RASD_OK when read, RASD_ENOMEM, or 1 when yajl must read it ('r' is then as rasd__jrec_parse found it). */
static int fast_parse(const char *s, size_t n, rasd__jrec *r) {
  ctx c = {r, 0, -1, 0, -1, 0};
  const unsigned char *p = (const unsigned char *)s, *e = p + n, *str;
  char *buf = NULL;
  size_t cap = 0, sn;
  int rc = 1, k;
#define WS_() while (p < e && ws_(*p)) p++
  WS_();
  if (p == e || *p != '{') goto out;
  on_start_map(&c);
  p++;
  WS_();
  if (p < e && *p == '}') p++;
  else
    for (;;) {
      if (p == e || *p != '"') goto out;
      if ((k = fast_string(&p, e, &buf, &cap, &str, &sn)) <= 0) goto stop;
      on_key(&c, str, sn);
      WS_();
      if (p == e || *p != ':') goto out;
      p++;
      WS_();
      if (p == e) goto out;
      if (*p == '"') {
        if ((k = fast_string(&p, e, &buf, &cap, &str, &sn)) <= 0) goto stop;
        if (!on_string(&c, str, sn)) { k = -1; goto stop; }
      } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
        const unsigned char *b = p;
        if (*p == '-') p++;
        if (p == e || *p < '0' || *p > '9') goto out;
        if (*p == '0') p++;
        else
          while (p < e && *p >= '0' && *p <= '9') p++;
        if (!delim_(p, e)) goto out; /* fractions, exponents, leading zeros: yajl */
        if (!on_number(&c, (const char *)b, (size_t)(p - b))) { k = -1; goto stop; }
      } else if ((size_t)(e - p) >= 4 && !memcmp(p, "null", 4) && delim_(p + 4, e)) {
        on_null(&c);
        p += 4;
      } else if ((size_t)(e - p) >= 4 && !memcmp(p, "true", 4) && delim_(p + 4, e)) {
        on_bool(&c, 1);
        p += 4;
      } else if ((size_t)(e - p) >= 5 && !memcmp(p, "false", 5) && delim_(p + 5, e)) {
        on_bool(&c, 0);
        p += 5;
      } else goto out;
      WS_();
      if (p < e && *p == ',') {
        p++;
        WS_();
        continue;
      }
      if (p < e && *p == '}') {
        p++;
        break;
      }
      goto out;
    }
  on_end_map(&c);
  WS_();
  if (p == e) rc = RASD_OK;
  goto out;
stop:
  rc = k < 0 ? RASD_ENOMEM : 1;
out:
#undef WS_
  free(buf);
  if (rc != RASD_OK) {
    for (int f = 0; f < RASD__JF_N; f++) free(r->val[f]);
    memset(r, 0, sizeof *r);
  }
  return rc;
}

int rasd__jrec_parse(const char *s, size_t n, rasd__jrec *r) {
  memset(r, 0, sizeof *r);
  int fr = fast_parse(s, n, r);
  if (fr != 1) return fr;
  return rasd__jrec_parse_yajl(s, n, r);
}

int rasd__jrec_parse_yajl(const char *s, size_t n, rasd__jrec *r) {
  memset(r, 0, sizeof *r);
  ctx c = {r, 0, -1, 0, -1, 0};
  yajl_handle h = yajl_alloc(&CB, NULL, &c);
  if (!h) return RASD_ENOMEM;
  /* the caller validates UTF-8 itself (faster than yajl's byte-by-byte check) */
  yajl_config(h, yajl_dont_validate_strings, 1);
  yajl_status st = yajl_parse(h, (const unsigned char *)s, n);
  if (st == yajl_status_ok) st = yajl_complete_parse(h);
  if (st != yajl_status_ok) {
    r->err_off = yajl_get_bytes_consumed(h);
    unsigned char *m = yajl_get_error(h, 0, (const unsigned char *)s, n);
    const char *msg = m ? (const char *)m : "invalid JSON";
    /* "parse error: premature EOF\n" → one line without the kind */
    const char *p = strstr(msg, "error: ");
    p = p ? p + 7 : msg;
    size_t k = 0;
    while (p[k] && p[k] != '\n' && k + 1 < sizeof r->err) {
      r->err[k] = p[k];
      k++;
    }
    r->err[k] = 0;
    if (m) yajl_free_error(h, m);
    yajl_free(h);
    for (int f = 0; f < RASD__JF_N; f++) free(r->val[f]), r->val[f] = NULL;
    return st == yajl_status_client_canceled ? RASD_ENOMEM : RASD_EFORMAT;
  }
  yajl_free(h);
  return RASD_OK;
}
