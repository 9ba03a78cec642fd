/* output.c — writes stories as JSON (the documented schema), terminal text, or one self-contained RTL HTML page. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "story/story_int.h"

/* Corpus entity table gathered while the story views are written. */
typedef struct etab {
  int32_t *dense;        /* entity-term id → table index, −1 */
  size_t nterms;
  struct erow { uint32_t key; const char *canonical, *en; int type; uint32_t mentions, articles; char **forms; size_t n_forms; } *row;
  size_t n, cap;
  rasd__arena *ar;
} etab;

static int32_t etab_add(etab *t, rasd_corpus *c, const rasd__eitem *e) {
  int64_t key = rasd__strtab_id(&c->terms, e->key - 1, strlen(e->key) + 1, 0);
  if (key < 0 || (size_t)key >= t->nterms) return -1;
  int32_t d = t->dense[key];
  if (d < 0) {
    if (RASD__VEC_PUSH(t->row, t->n, t->cap, ((struct erow){(uint32_t)key, NULL, NULL, e->type, 0, 0, NULL, 0}))) return -1;
    d = t->dense[key] = (int32_t)t->n - 1;
    t->row[d].canonical = rasd__arena_strdup(t->ar, e->canonical);
    t->row[d].en = rasd__arena_strdup(t->ar, e->en);
  }
  struct erow *r = &t->row[d];
  r->mentions += e->n;
  r->articles++;
  if (!r->en && e->en) r->en = rasd__arena_strdup(t->ar, e->en);
  int have = 0;
  for (size_t i = 0; i < r->n_forms && e->canonical; i++) have |= !strcmp(r->forms[i], e->canonical);
  if (!have && e->canonical && r->n_forms < 16) {
    char **nf = rasd__arena_alloc(t->ar, (r->n_forms + 1) * sizeof *nf);
    if (nf) {
      if (r->n_forms) memcpy(nf, r->forms, r->n_forms * sizeof *nf);
      nf[r->n_forms++] = rasd__arena_strdup(t->ar, e->canonical);
      r->forms = nf;
    }
  }
  return d;
}

/* ---- JSON written directly into a buffer: the bytes json_dumps(JSON_COMPACT) gives for the tree the schema
 * describes (jansson's rules: a string that is not valid UTF-8 is no value, so its key or array element is left out;
 * '"', '\\' and control characters escaped, nothing else), without building the tree ---- */

/* Takes 'b' back to its first 'mark' bytes. */
static void jundo(rasd__buf *b, size_t mark) {
  b->len = mark;
  if (b->s) b->s[mark] = 0;
}

/* Appends 's'/'n' quoted and escaped; 0 (and 'b' as it was) when it is not valid UTF-8 (rasd__utf8_valid checks
 * what jansson checks: no overlongs, surrogates or code points past U+10FFFF). One pass: runs of bytes that need
 * no escape are copied whole. */
#ifdef __SSE2__
/* How many of the sixteen bytes at 'u' (a character's start) jq() copies as they are, from the first: printable
 * ASCII but '"' and '\\', and two-byte sequences (C2..DF, then 80..BF) that end among them. */
static inline size_t jq_plain16(const unsigned char *u) {
  __m128i v = _mm_loadu_si128((const __m128i *)u); /* signed bytes: ASCII ≥ 0, 80..BF < −64, C2..DF in −62..−33 */
  __m128i safe = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                  _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)));
  __m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
  __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32)));
  unsigned ms = (unsigned)_mm_movemask_epi8(safe), mc = (unsigned)_mm_movemask_epi8(cont), ml = (unsigned)_mm_movemask_epi8(lead);
  /* a byte of none of the three kinds, a continuation byte after no lead byte, or a lead byte before none */
  unsigned bad = (~(ms | mc | ml) | (mc ^ (ml << 1))) & 0xFFFFu;
  unsigned k = bad ? (unsigned)__builtin_ctz(bad) : 16;
  if (k && (ml >> (k - 1) & 1)) k--; /* a lead byte whose continuation is not among them */
  return k;
}
#endif

static int jq(rasd__buf *b, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t mark = b->len;
  if (rasd__buf_grow(b, n + 2)) return 1;
  b->s[b->len++] = '"';
  size_t run = 0, i = 0;
  while (i < n) {
#ifdef __SSE2__
    if (n - i >= 16) { /* sixteen bytes at a time up to the next one that needs the steps below */
      size_t k = jq_plain16(u + i);
      i += k;
      if (k == 16) continue;
    }
#endif
    unsigned c = u[i];
    if (c >= 0x80) {
      /* two-byte sequences (Arabic) first */
      if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) { i += 2; continue; }
      size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (n - i < k || !rasd__utf8_valid((const char *)u + i, k)) { jundo(b, mark); return 0; }
      i += k;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') { i++; continue; }
    rasd__buf_add(b, s + run, i - run);
    char esc[8];
    const char *e = esc;
    switch (c) {
      case '"': e = "\\\""; break;
      case '\\': e = "\\\\"; break;
      case '\b': e = "\\b"; break;
      case '\f': e = "\\f"; break;
      case '\n': e = "\\n"; break;
      case '\r': e = "\\r"; break;
      case '\t': e = "\\t"; break;
      default: snprintf(esc, sizeof esc, "\\u%04X", c);
    }
    rasd__buf_adds(b, e);
    run = ++i;
  }
  rasd__buf_add(b, s + run, n - run);
  rasd__buf_addc(b, '"');
  return 1;
}

/* Writes the separator of the next member of a container that holds '*n' members so far (and counts it). */
static void jsep(rasd__buf *b, size_t *n) {
  if ((*n)++) rasd__buf_addc(b, ',');
}

/* Key "k" of an object (holding '*n' members) with string 's': left out when 's' is NULL ('null_ok' 0) or not valid
 * UTF-8; null when 's' is NULL and 'null_ok'. */
static void jkv_str(rasd__buf *b, size_t *n, const char *k, const char *s, size_t len, int null_ok) {
  if (!s && !null_ok) return;
  size_t mark = b->len, n0 = *n;
  jsep(b, n);
  rasd__buf_addc(b, '"');
  rasd__buf_adds(b, k);
  rasd__buf_add(b, "\":", 2);
  if (!s) rasd__buf_add(b, "null", 4);
  else if (!jq(b, s, len)) jundo(b, mark), *n = n0; /* no value: no key */
}
static void jkv_z(rasd__buf *b, size_t *n, const char *k, const char *s, int null_ok) {
  jkv_str(b, n, k, s, s ? strlen(s) : 0, null_ok);
}
/* Appends 'v' in decimal (what "%lld" prints; no printf: the output writes millions of these). */
static void jint(rasd__buf *b, long long v) {
  char t[24], *e = t + sizeof t, *p = e;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do *--p = (char)('0' + u % 10); while (u /= 10);
  if (v < 0) *--p = '-';
  rasd__buf_add(b, p, (size_t)(e - p));
}
/* Appends "k": (the key as it is: keys are our own plain names). */
static void jkey(rasd__buf *b, const char *k) {
  rasd__buf_addc(b, '"');
  rasd__buf_adds(b, k);
  rasd__buf_add(b, "\":", 2);
}
static void jkv_int(rasd__buf *b, size_t *n, const char *k, long long v) {
  jsep(b, n);
  jkey(b, k);
  jint(b, v);
}
static void jkv_raw(rasd__buf *b, size_t *n, const char *k, const char *raw) {
  jsep(b, n);
  jkey(b, k);
  rasd__buf_adds(b, raw);
}

/* Key "k" with an array of strings (NULL ones written as ""). */
static void jkv_strs(rasd__buf *b, size_t *n, const char *k, char *const *v, size_t nv) {
  jsep(b, n);
  jkey(b, k);
  rasd__buf_addc(b, '[');
  size_t m = 0;
  for (size_t i = 0; i < nv; i++) {
    const char *x = v[i] ? v[i] : "";
    size_t mark = b->len, m0 = m;
    jsep(b, &m);
    if (!jq(b, x, strlen(x))) jundo(b, mark), m = m0;
  }
  rasd__buf_addc(b, ']');
}

/* A story's object (see issue 5's schema) appended to 'b'; its entities without a corpus id go into 'et' (may be NULL). */
static void view_json(rasd_corpus *c, const rasd__view *v, etab *et, rasd__buf *b) {
  size_t n = 0, m;
  rasd__buf_addc(b, '{');
  jkv_int(b, &n, "id", (long long)v->id);
  jkv_z(b, &n, "title", v->title, 1);
  jsep(b, &n);
  rasd__buf_adds(b, "\"articles\":[");
  m = 0;
  for (size_t i = 0; i < v->n_mem; i++) {
    const char *id = c->art[v->mem[i]].id;
    size_t mark = b->len, m0 = m;
    jsep(b, &m);
    if (!jq(b, id, strlen(id))) jundo(b, mark), m = m0;
  }
  rasd__buf_addc(b, ']');
  jkv_strs(b, &n, "outlets", v->outlets, v->n_outlets);
  const char *d[2] = {v->first_date, v->last_date};
  for (int k = 0; k < 2; k++) {
    size_t l = d[k] ? strlen(d[k]) : 0;
    jkv_str(b, &n, k ? "last_date" : "first_date", d[k], l < 10 ? l : 10, 1);
  }
  jsep(b, &n);
  rasd__buf_adds(b, "\"summary\":[");
  m = 0;
  for (size_t i = 0; i < v->n_sum; i++) {
    size_t q = 0;
    jsep(b, &m);
    rasd__buf_addc(b, '{');
    jkv_z(b, &q, "text", v->sum[i].text, 0);
    jkv_strs(b, &q, "outlets", v->sum[i].outlets, v->sum[i].n_outlets);
    jkv_strs(b, &q, "articles", (char *const *)v->sum[i].arts, v->sum[i].n_arts);
    rasd__buf_addc(b, '}');
  }
  rasd__buf_adds(b, "]");
  jsep(b, &n);
  rasd__buf_adds(b, "\"timeline\":[");
  m = 0;
  for (size_t i = 0; i < v->n_tl; i++) {
    size_t q = 0;
    jsep(b, &m);
    rasd__buf_addc(b, '{');
    jkv_z(b, &q, "date", v->tl[i].date, 0);
    jkv_z(b, &q, "text", v->tl[i].text, 0);
    jkv_strs(b, &q, "outlets", v->tl[i].outlets, v->tl[i].n_outlets);
    rasd__buf_addc(b, '}');
  }
  rasd__buf_adds(b, "]");
  jsep(b, &n);
  rasd__buf_adds(b, "\"entities\":[");
  m = 0;
  for (size_t i = 0; i < v->n_ent; i++) {
    int64_t rid = rasd__reg_id(c, v->ent[i].key);
    if (rid < 0) {
      int32_t dd = et ? etab_add(et, c, &v->ent[i]) : -1; /* no registry (a loaded corpus): our own table */
      if (dd < 0) continue;
      rid = (int64_t)(c->reg ? rasd_registry_count(c->reg) : 0) + dd;
    }
    jsep(b, &m);
    jint(b, (long long)rid);
  }
  rasd__buf_adds(b, "]");
  jsep(b, &n);
  rasd__buf_adds(b, "\"quotes\":[");
  m = 0;
  for (size_t i = 0; i < v->n_q; i++) {
    size_t q = 0;
    jsep(b, &m);
    rasd__buf_addc(b, '{');
    jkv_z(b, &q, "speaker", v->q[i].speaker, 0);
    jkv_z(b, &q, "text", v->q[i].text, 0);
    jkv_raw(b, &q, "direct", v->q[i].direct ? "true" : "false");
    jkv_strs(b, &q, "outlets", v->q[i].outlets, v->q[i].n_outlets);
    rasd__buf_addc(b, '}');
  }
  rasd__buf_adds(b, "]");
  jsep(b, &n);
  rasd__buf_adds(b, "\"disagreements\":[");
  m = 0;
  for (size_t i = 0; i < v->n_dis; i++) {
    size_t q = 0, r = 0;
    jsep(b, &m);
    rasd__buf_addc(b, '{');
    jkv_z(b, &q, "kind", v->dis[i].kind, 0);
    jkv_z(b, &q, "text", v->dis[i].what, 0);
    jsep(b, &q);
    rasd__buf_adds(b, "\"values\":[");
    for (size_t k = 0; k < v->dis[i].n_vals; k++) {
      size_t t = 0;
      jsep(b, &r);
      rasd__buf_addc(b, '{');
      jkv_z(b, &t, "value", v->dis[i].vals[k], 0);
      jkv_z(b, &t, "outlet", v->dis[i].val_outlets[k], 0);
      rasd__buf_addc(b, '}');
    }
    rasd__buf_adds(b, "]}");
  }
  rasd__buf_adds(b, "]}");
}

char *rasd_corpus_story_json(rasd_corpus *c, int64_t id, const rasd_view_opts *vo) {
  if (!c || id < 1 || (size_t)id > c->n_st) return NULL;
  rasd__view v;
  if (rasd__view_build(c, (size_t)id - 1, vo, &v)) { rasd__view_free(&v); return NULL; }
  rasd__buf b;
  rasd__buf_init(&b);
  view_json(c, &v, NULL, &b);
  rasd__view_free(&v);
  if (b.oom) { rasd__buf_free(&b); return NULL; }
  return rasd__buf_detach(&b);
}

char *rasd_corpus_summary_text(rasd_corpus *c, int64_t id, const rasd_view_opts *vo) {
  if (!c || id < 1 || (size_t)id > c->n_st) return NULL;
  rasd__view v;
  if (rasd__view_build(c, (size_t)id - 1, vo, &v)) { rasd__view_free(&v); return NULL; }
  rasd__buf b;
  rasd__buf_init(&b);
  for (size_t i = 0; i < v.n_sum; i++) rasd__buf_printf(&b, "%s\n", v.sum[i].text);
  rasd__view_free(&v);
  if (b.oom) { rasd__buf_free(&b); return NULL; }
  return b.s ? rasd__buf_detach(&b) : rasd__strdup0("");
}

/* Stories ordered by size (articles), then id. */
static rasd_corpus *ord_ctx;
static int cmp_size(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  uint32_t na = ord_ctx->st[a].n_mem, nb = ord_ctx->st[b].n_mem;
  return na != nb ? (na < nb ? 1 : -1) : (a < b ? -1 : a > b);
}

static void html_esc(FILE *f, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '&': fputs("&amp;", f); break;
      case '"': fputs("&quot;", f); break;
      case '\'': fputs("&#39;", f); break;
      default: fputc(*s, f);
    }
  }
}

static void text_list(FILE *f, char **v, size_t n) {
  for (size_t i = 0; i < n; i++) fprintf(f, "%s%s", i ? "، " : "", v[i]);
}

/* " [outlet، outlet]" after a line, or nothing when no outlet is known. */
static void text_tags(FILE *f, char **v, size_t n) {
  if (!n) return;
  fputs(" [", f);
  text_list(f, v, n);
  fputc(']', f);
}

#define TL_SHOWN 10 /* timeline entries the text view shows */

/* The timeline entries of 'v' the text view shows (rasd__pick_near): their indices into 'out', in date order. */
static size_t text_timeline_pick(const rasd__view *v, size_t *out) {
  if (v->n_tl <= TL_SHOWN) return rasd__pick_near(NULL, NULL, v->n_tl, NULL, NULL, TL_SHOWN, out);
  const char **d = malloc(v->n_tl * sizeof *d);
  size_t *w = malloc(v->n_tl * sizeof *w);
  size_t n;
  if (!d || !w) { /* no memory for the choice: the first ones */
    for (n = 0; n < TL_SHOWN; n++) out[n] = n;
  } else {
    for (size_t i = 0; i < v->n_tl; i++) d[i] = v->tl[i].date, w[i] = v->tl[i].n_outlets;
    n = rasd__pick_near(d, w, v->n_tl, v->first_date, v->last_date, TL_SHOWN, out);
  }
  free(d);
  free(w);
  return n;
}

static void html_list(FILE *f, char **v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    fputs("<span class=o>", f);
    html_esc(f, v[i]);
    fputs("</span>", f);
  }
}

static const char *TYPES[] = {"O", "PER", "LOC", "ORG", "MISC"};

int rasd_corpus_write(rasd_corpus *c, FILE *f, int fmt, const rasd_view_opts *vo) {
  if (!c || !f) return RASD_EINPUT;
  rasd_view_opts o = {0};
  if (vo) o = *vo;
  uint32_t *ord = malloc((c->n_st + 1) * sizeof *ord);
  etab et = {0};
  int rc = RASD_ENOMEM;
  rasd__buf jb; /* one story or table row as JSON */
  rasd__buf_init(&jb);
  et.nterms = c->terms.n;
  et.dense = malloc((et.nterms + 1) * sizeof *et.dense);
  et.ar = rasd__arena_new(1 << 14);
  if (!ord || !et.dense || !et.ar) goto done;
  for (size_t i = 0; i < et.nterms; i++) et.dense[i] = -1;
  size_t n = 0;
  for (size_t i = 0; i < c->n_st; i++)
    if (c->st[i].n_mem >= (uint32_t)(o.min_articles > 0 ? o.min_articles : 1)) ord[n++] = (uint32_t)i;
  ord_ctx = c;
  qsort(ord, n, sizeof *ord, cmp_size);
  if (o.max_stories > 0 && n > (size_t)o.max_stories) n = (size_t)o.max_stories;
  if (fmt == RASD_FMT_JSON) fputs("{\"stories\": [\n", f);
  else if (fmt == RASD_FMT_HTML)
    fputs("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>رصد — القصص</title><style>"
          "body{font-family:'Noto Naskh Arabic','Amiri',Tahoma,sans-serif;max-width:60em;margin:auto;padding:1em;line-height:1.7;"
          "background:#fafafa;color:#222}article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1em;margin:1em 0}"
          "h2{margin:.2em 0;font-size:1.3em}.meta{color:#666;font-size:.9em}.o{display:inline-block;background:#e8eef7;"
          "border-radius:3px;padding:0 .4em;margin:0 .2em;font-size:.8em;color:#234}time{font-family:monospace;direction:ltr;"
          "unicode-bidi:isolate}ul{padding-right:1.2em}.en{direction:ltr;unicode-bidi:isolate;color:#555}"
          ".dis{color:#a40}</style></head><body>\n<h1>رصد — القصص</h1>\n",
          f);
  for (size_t k = 0; k < n; k++) {
    rasd__view v;
    if ((rc = rasd__view_build(c, ord[k], &o, &v)) != RASD_OK) { rasd__view_free(&v); goto done; }
    if (fmt == RASD_FMT_JSON) {
      rasd__buf_clear(&jb);
      if (k) rasd__buf_add(&jb, ",\n", 2);
      view_json(c, &v, &et, &jb);
      if (jb.oom) { rasd__view_free(&v); rc = RASD_ENOMEM; goto done; }
      fwrite(jb.s, 1, jb.len, f);
    } else if (fmt == RASD_FMT_TEXT) {
      fprintf(f, "━━ %s\n   #%lld · %zu %s", v.title ? v.title : "", (long long)v.id, v.n_mem,
              v.n_mem == 1 ? "article" : "articles");
      if (v.n_outlets) {
        fputs(" · ", f);
        text_list(f, v.outlets, v.n_outlets);
      }
      if (v.first_date) fprintf(f, " · %.10s", v.first_date);
      if (v.first_date && v.last_date && strncmp(v.first_date, v.last_date, 10)) fprintf(f, " → %.10s", v.last_date);
      fputc('\n', f);
      for (size_t i = 0; i < v.n_sum; i++) {
        fprintf(f, "   • %s", v.sum[i].text);
        text_tags(f, v.sum[i].outlets, v.sum[i].n_outlets);
        fputc('\n', f);
      }
      if (v.n_tl) {
        /* ten entries: the story's own days first, not the background history that sorts before them */
        fputs("   timeline:\n", f);
        size_t pick[TL_SHOWN], np = text_timeline_pick(&v, pick);
        for (size_t q = 0; q < np; q++) {
          size_t i = pick[q];
          fprintf(f, "     %-10s %.*s%s", v.tl[i].date, rasd__utf8_clip(v.tl[i].text, 200), v.tl[i].text, strlen(v.tl[i].text) > 200 ? "…" : "");
          text_tags(f, v.tl[i].outlets, v.tl[i].n_outlets);
          fputc('\n', f);
        }
        if (v.n_tl > np) fprintf(f, "     (%zu more dated sentences: --format json or html)\n", v.n_tl - np);
      }
      if (v.n_ent) {
        fputs("   entities: ", f);
        for (size_t i = 0; i < v.n_ent && i < 8; i++)
          fprintf(f, "%s%s%s%s%s", i ? "، " : "", v.ent[i].canonical ? v.ent[i].canonical : v.ent[i].key,
                  v.ent[i].en ? " (" : "", v.ent[i].en ? v.ent[i].en : "", v.ent[i].en ? ")" : "");
        fputc('\n', f);
      }
      for (size_t i = 0; i < v.n_q && i < 3; i++) {
        fprintf(f, "   %s: «%.*s%s»", v.q[i].speaker, rasd__utf8_clip(v.q[i].text, 240), v.q[i].text, strlen(v.q[i].text) > 240 ? "…" : "");
        text_tags(f, v.q[i].outlets, v.q[i].n_outlets);
        fputc('\n', f);
      }
      for (size_t i = 0; i < v.n_dis; i++) {
        fprintf(f, "   ! %s: ", v.dis[i].kind);
        for (size_t j = 0; j < v.dis[i].n_vals; j++) {
          const char *vo = v.dis[i].val_outlets[j];
          fprintf(f, "%s%s%s%s%s", j ? " / " : "", v.dis[i].vals[j], *vo ? " (" : "", vo, *vo ? ")" : "");
        }
        fputc('\n', f);
      }
      fputc('\n', f);
    } else {
      fputs("<article>\n<h2>", f);
      html_esc(f, v.title);
      fprintf(f, "</h2>\n<div class=meta>#%lld · %zu مقال", (long long)v.id, v.n_mem);
      if (v.n_outlets) {
        fputs(" · ", f);
        html_list(f, v.outlets, v.n_outlets);
      }
      if (v.first_date) { fputs(" · <time>", f); html_esc(f, v.first_date); fputs("</time>", f); }
      fputs("</div>\n<ul class=sum>", f);
      for (size_t i = 0; i < v.n_sum; i++) {
        fputs("<li>", f); html_esc(f, v.sum[i].text); fputc(' ', f);
        html_list(f, v.sum[i].outlets, v.sum[i].n_outlets); fputs("</li>\n", f);
      }
      fputs("</ul>\n", f);
      if (v.n_tl) {
        fputs("<h3>الخط الزمني</h3><ul class=tl>", f);
        for (size_t i = 0; i < v.n_tl; i++) {
          fputs("<li><time>", f); html_esc(f, v.tl[i].date); fputs("</time> ", f); html_esc(f, v.tl[i].text);
          fputc(' ', f); html_list(f, v.tl[i].outlets, v.tl[i].n_outlets); fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
      }
      if (v.n_ent) {
        fputs("<h3>الأطراف</h3><p>", f);
        for (size_t i = 0; i < v.n_ent && i < 15; i++) {
          if (i) fputs("، ", f);
          html_esc(f, v.ent[i].canonical ? v.ent[i].canonical : v.ent[i].key);
          if (v.ent[i].en) { fputs(" <span class=en>(", f); html_esc(f, v.ent[i].en); fputs(")</span>", f); }
        }
        fputs("</p>\n", f);
      }
      if (v.n_q) {
        fputs("<h3>تصريحات</h3><ul class=q>", f);
        for (size_t i = 0; i < v.n_q; i++) {
          fputs("<li><b>", f); html_esc(f, v.q[i].speaker); fputs("</b>: «", f); html_esc(f, v.q[i].text);
          fputs("» ", f); html_list(f, v.q[i].outlets, v.q[i].n_outlets); fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
      }
      if (v.n_dis) {
        fputs("<h3>روايات مختلفة</h3><ul class=dis>", f);
        for (size_t i = 0; i < v.n_dis; i++) {
          fputs("<li>", f);
          for (size_t j = 0; j < v.dis[i].n_vals; j++) {
            if (j) fputs(" / ", f);
            html_esc(f, v.dis[i].vals[j]);
            if (*v.dis[i].val_outlets[j]) { fputs(" <span class=o>", f); html_esc(f, v.dis[i].val_outlets[j]); fputs("</span>", f); }
          }
          fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
      }
      fputs("</article>\n", f);
    }
    rasd__view_free(&v);
  }
  if (fmt == RASD_FMT_JSON) {
    fputs("\n],\n\"storylines\": [", f);
    for (size_t k = 0; k < c->n_sl; k++) {
      fputs(k ? ", [" : "[", f);
      for (size_t j = 0; j < c->sl_n[k]; j++) fprintf(f, "%s%lld", j ? ", " : "", (long long)c->sl[k][j]);
      fputc(']', f);
    }
    fputs("],\n\"entities\": [", f);
    size_t nreg = c->reg ? rasd_registry_count(c->reg) : 0;
    for (size_t i = 0; i < nreg; i++) {
      rasd_corpus_entity ce;
      if (rasd_registry_get(c->reg, i, &ce) != RASD_OK) continue;
      size_t q = 0, m = 0;
      rasd__buf_clear(&jb);
      rasd__buf_adds(&jb, i ? ",\n{" : "\n{");
      jkv_int(&jb, &q, "id", (long long)ce.id);
      jkv_z(&jb, &q, "type", TYPES[ce.type <= 4 ? ce.type : 0], 0);
      jkv_z(&jb, &q, "canonical", ce.canonical, 1);
      jkv_z(&jb, &q, "en", ce.en, 1);
      jkv_raw(&jb, &q, "en_translit", ce.en_translit ? "true" : "false");
      jsep(&jb, &q);
      rasd__buf_adds(&jb, "\"forms\":[");
      for (size_t k = 0; k < ce.n_forms; k++) {
        if (!ce.forms[k]) continue;
        size_t mark = jb.len, m0 = m;
        jsep(&jb, &m);
        if (!jq(&jb, ce.forms[k], strlen(ce.forms[k]))) jundo(&jb, mark), m = m0;
      }
      rasd__buf_addc(&jb, ']');
      jkv_int(&jb, &q, "mentions", (long long)ce.mentions);
      jkv_int(&jb, &q, "articles", (long long)ce.articles);
      rasd__buf_addc(&jb, '}');
      if (jb.oom) goto done;
      fwrite(jb.s, 1, jb.len, f);
    }
    for (size_t i = 0; i < et.n; i++) {
      size_t q = 0;
      rasd__buf_clear(&jb);
      rasd__buf_adds(&jb, i + nreg ? ",\n{" : "\n{");
      jkv_int(&jb, &q, "id", (long long)(nreg + i));
      jkv_z(&jb, &q, "type", TYPES[et.row[i].type >= 0 && et.row[i].type <= 4 ? et.row[i].type : 0], 0);
      jkv_z(&jb, &q, "canonical", et.row[i].canonical, 1);
      jkv_z(&jb, &q, "en", et.row[i].en, 1);
      jkv_strs(&jb, &q, "forms", et.row[i].forms, et.row[i].n_forms);
      jkv_int(&jb, &q, "mentions", (long long)et.row[i].mentions);
      jkv_int(&jb, &q, "articles", (long long)et.row[i].articles);
      rasd__buf_addc(&jb, '}');
      if (jb.oom) goto done;
      fwrite(jb.s, 1, jb.len, f);
    }
    fputs("],\n\"articles\": [", f);
    for (size_t i = 0; i < c->n_art; i++) {
      size_t q = 0;
      rasd__buf_clear(&jb);
      rasd__buf_adds(&jb, i ? ",\n{" : "\n{");
      jkv_z(&jb, &q, "id", c->art[i].id, 0);
      if (c->art[i].story >= 0) jkv_int(&jb, &q, "story", (long long)c->art[i].story + 1);
      else jkv_raw(&jb, &q, "story", "null");
      if (c->art[i].dup_of >= 0) jkv_z(&jb, &q, "duplicate_of", c->art[c->art[i].dup_of].id, 0);
      else jkv_raw(&jb, &q, "duplicate_of", "null");
      rasd__buf_addc(&jb, '}');
      if (jb.oom) goto done;
      fwrite(jb.s, 1, jb.len, f);
    }
    fputs("]}\n", f);
  } else if (fmt == RASD_FMT_HTML) {
    if (c->n_sl) {
      fputs("<h2>سلاسل القصص</h2><ul>", f);
      for (size_t k = 0; k < c->n_sl; k++) {
        fputs("<li>", f);
        for (size_t j = 0; j < c->sl_n[k]; j++) fprintf(f, "%s#%lld", j ? " ← " : "", (long long)c->sl[k][j]);
        fputs("</li>", f);
      }
      fputs("</ul>\n", f);
    }
    fputs("</body></html>\n", f);
  } else if (c->n_sl) {
    fputs("storylines:\n", f);
    for (size_t k = 0; k < c->n_sl; k++) {
      fputs("  ", f);
      for (size_t j = 0; j < c->sl_n[k]; j++) fprintf(f, "%s#%lld", j ? " → " : "", (long long)c->sl[k][j]);
      fputc('\n', f);
    }
  }
  rc = ferror(f) ? RASD_EIO : RASD_OK;
done:
  rasd__buf_free(&jb);
  free(ord);
  free(et.dense);
  free(et.row);
  rasd__arena_free(et.ar);
  return rc;
}
