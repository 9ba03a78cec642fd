/* views.c — what a story shows, computed from its members when asked: title, summary, timeline, quotes, entities, disagreements. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "story/story_int.h"

#define MAX_DECODE 80     /* members read for the content views of a large story */
#define MAX_SENT_PER_ART 30
#define MAX_CAND 1600
#define VIEW_CAND 120     /* best candidates kept for grouping and MMR (both compare pairs) */
#define MAX_EVENTS 600    /* dated sentences considered for the timeline */
#define MAX_PAIRS 20000   /* sentence comparisons for date disagreements */


/* Summary weights; RASD_SUM_TUNE="wf=1.1,pos=0.2,..." overrides them for tuning. */
static struct sumw { double wf, pos, decay, lam, cs, len, para; } SW = {1.3, 0.6, 1, 0.75, 0.7, 0, 0.1};
static void sum_tune(void) {
  static int done;
  if (done) return;
  done = 1;
  const char *e = getenv("RASD_SUM_TUNE");
  while (e && *e) {
    char k[16];
    double v;
    int n = 0;
    if (sscanf(e, "%15[a-z]=%lf%n", k, &v, &n) != 2) break;
    if (!strcmp(k, "wf")) SW.wf = v;
    else if (!strcmp(k, "pos")) SW.pos = v;
    else if (!strcmp(k, "decay")) SW.decay = v;
    else if (!strcmp(k, "lam")) SW.lam = v;
    else if (!strcmp(k, "cs")) SW.cs = v;
    else if (!strcmp(k, "len")) SW.len = v;
    else if (!strcmp(k, "para")) SW.para = v;
    e += n;
    if (*e == ',') e++;
  }
}

int64_t rasd__reg_id(const rasd_corpus *c, const char *key) {
  if (!c->reg || !key || key[0] != 'r' || key[1] < '0' || key[1] > '9') return -1;
  char *e;
  long long v = strtoll(key + 1, &e, 10);
  return *e || v < 0 || (size_t)v >= rasd_registry_count(c->reg) ? -1 : (int64_t)v;
}



/* Cosine of two sorted distinct term-id sets weighted by IDF ('wa', 'wb': the IDF of each term). */
static double set_cos(const uint32_t *a, const float *wa, uint32_t na, const uint32_t *b, const float *wb, uint32_t nb) {
  double dot = 0, x = 0, y = 0;
  uint32_t i = 0, j = 0;
  while (i < na || j < nb) {
    if (j >= nb || (i < na && a[i] < b[j])) { double w = wa[i++]; x += w * w; }
    else if (i >= na || b[j] < a[i]) { double w = wb[j++]; y += w * w; }
    else { double w = wa[i]; x += w * w; y += w * w; dot += w * w; i++; j++; }
  }
  return x > 0 && y > 0 ? dot / sqrt(x * y) : 0;
}

/* The same with the IDF of every term given ('wa', 'wb') and the sums of their squares ('xa', 'xb'). The merge
 * advances without branches on the order of the ids (they mispredict half the time). */
static double wset_cos(const uint32_t *a, const float *wa, uint32_t na, double xa, const uint32_t *b, const float *wb, uint32_t nb,
                       double xb) {
  double dot = 0;
  uint32_t i = 0, j = 0;
  while (i < na && j < nb) {
    uint32_t x = a[i], y = b[j];
    if (x == y) dot += (double)wa[i] * wb[j];
    i += x <= y;
    j += y <= x;
  }
  return xa > 0 && xb > 0 ? dot / sqrt(xa * xb) : 0;
}

/* Scatters the weights 'w' of the 'n' (distinct) terms 't' of a sentence by term id into 'd' ('cap' entries, zero
 * between uses): 1 when done, 0 when a term lies past 'cap' (the caller then merges with wset_cos()). */
static int wset_scatter(double *d, size_t cap, const uint32_t *t, const float *w, uint32_t n) {
  if (!d) return 0;
  for (uint32_t k = 0; k < n; k++)
    if (t[k] >= cap) return 0;
  for (uint32_t k = 0; k < n; k++) d[t[k]] = w[k];
  return 1;
}

static void wset_unscatter(double *d, const uint32_t *t, uint32_t n) {
  for (uint32_t k = 0; k < n; k++) d[t[k]] = 0;
}

/* wset_cos() of the sentence scattered into 'd' by wset_scatter() (sum of squares 'xa') and 'b'/'wb'/'nb' ('xb'): one
 * pass over 'b'. The products are wset_cos()'s, added in the same order (increasing id); a term of 'b' alone adds +0,
 * which leaves the sum as it is. */
static double wset_cos_d(const double *d, size_t cap, double xa, const uint32_t *b, const float *wb, uint32_t nb, double xb) {
  double dot = 0;
  for (uint32_t j = 0; j < nb; j++)
    if (b[j] < cap) dot += d[b[j]] * wb[j];
  return xa > 0 && xb > 0 ? dot / sqrt(xa * xb) : 0;
}

/* The sum of the squares of the n weights 'w', in their order (as set_cos() sums them). */
static double sq_sum(const float *w, uint32_t n) {
  double x = 0;
  for (uint32_t i = 0; i < n; i++) x += (double)w[i] * w[i];
  return x;
}

/* The square of an upper bound of wset_cos() for two sentences whose IDF sums of squares are 'xa' and 'xb': a term
 * weighs its IDF in both, so the dot product is the shared terms' sum of squares, at most the smaller sum, and the
 * cosine is at most sqrt(min / max). Callers keep a margin far above the rounding of the sums. */
static double cos_bound2(double xa, double xb) {
  if (!(xa > 0 && xb > 0)) return 0;
  return xa < xb ? xa / xb : xb / xa;
}

/* A list of distinct strings (outlets, article ids), kept in the view arena. The corpus interns the outlets and
 * ids of its articles (one pointer per distinct string), so pointers are compared; the array doubles when its
 * count reaches a power of two. */
/* The day number of a full date "YYYY-MM-DD" at the start of 's' (days since 1970-01-01 + 1), or 0 when it is none. */
static long day_no(const char *s) {
  if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-') return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
  if (s[10] && s[10] != 'T' && s[10] != ' ') return 0;
  int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468 + 1;
}

/* Whether article 'a' copies article 'b': at least 60 % of a's sentences of three terms or more are (nearly) in b. */
static int late_copy(const rasd__rec *a, float *const *wa, const rasd__rec *b, float *const *wb) {
  uint32_t n = 0, hit = 0;
  for (uint32_t i = 0; i < a->n_sent; i++) {
    if (a->sent[i].n_terms < 3) continue;
    n++;
    for (uint32_t j = 0; j < b->n_sent; j++)
      if (set_cos(a->sent[i].terms, wa[i], a->sent[i].n_terms, b->sent[j].terms, wb[j], b->sent[j].n_terms) >= 0.8) { hit++; break; }
  }
  return n && hit * 10 >= n * 6;
}

static int add_name(rasd__arena *ar, char ***v, size_t *n, const char *s) {
  if (!s) return 0;
  for (size_t i = 0; i < *n; i++)
    if ((*v)[i] == s) return 0;
  if (!(*n & (*n - 1))) { /* 0, 1, 2, 4, …: full */
    char **nv = rasd__arena_alloc(ar, (*n ? 2 * *n : 1) * sizeof *nv);
    if (!nv) return -1;
    if (*n) memcpy(nv, *v, *n * sizeof *nv);
    *v = nv;
  }
  (*v)[(*n)++] = (char *)s;
  return 0;
}

/* 0x80 in each byte of 'x' equal to the byte 'c' (exact: no false positives). */
static uint64_t bytes_eq(uint64_t x, unsigned char c) {
  uint64_t t = x ^ (0x0101010101010101ULL * c);
  return ~(((t & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | t | 0x7F7F7F7F7F7F7F7FULL);
}

/* Words: runs of bytes other than space, tab and line feed (every sentence of every candidate passes here: eight
 * bytes at a time, a word counted where a byte that is no space follows one that is). */
static size_t count_words(const char *s, size_t n) {
  size_t w = 0, i = 0;
  unsigned prev_sp = 1;
#ifdef __SSE2__
  /* sixteen bytes a step where SSE2 is: the same starts counted */
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
    __m128i sp = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                              _mm_cmpeq_epi8(x, _mm_set1_epi8('\t')));
    unsigned m = (unsigned)_mm_movemask_epi8(sp);         /* bit k: byte k is a space */
    unsigned st = ~m & ((m << 1) | prev_sp) & 0xFFFFu;     /* word starts */
    st = st - ((st >> 1) & 0x5555u);
    st = (st & 0x3333u) + ((st >> 2) & 0x3333u);
    st = (st + (st >> 4)) & 0x0F0Fu;
    w += (st + (st >> 8)) & 0x1Fu;
    prev_sp = (m >> 15) & 1;
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    uint64_t sp = bytes_eq(x, ' ') | bytes_eq(x, '\n') | bytes_eq(x, '\t');
    unsigned m = (unsigned)(((sp >> 7) * 0x0102040810204080ULL) >> 56); /* bit k: byte k is a space */
    unsigned before = ((m << 1) | prev_sp) & 0xFF;                     /* bit k: byte k − 1 is a space */
    unsigned st = ~m & before & 0xFF; /* word starts: their count (no popcount instruction assumed) */
    st = st - ((st >> 1) & 0x55);
    st = (st & 0x33) + ((st >> 2) & 0x33);
    w += (st + (st >> 4)) & 0x0F;
    prev_sp = (m >> 7) & 1;
  }
  for (; i < n; i++) {
    unsigned char b = (unsigned char)s[i];
    unsigned sp = (b == ' ') | (b == '\n') | (b == '\t');
    w += prev_sp & !sp;
    prev_sp = sp;
  }
  return w;
}

typedef struct cand {
  const rasd__rsent *s;
  uint32_t art;        /* index into the decoded members */
  double score;
  int group;           /* representative candidate index */
  char **outlets; size_t n_outlets;
  char **arts; size_t n_arts;
  int picked;
  float *w; double x;  /* IDF of each term, sum of their squares */
  size_t nw;           /* count_words() of the sentence */
} cand;

/* Whether quantity 'x' of record 'rx' and 'y' of 'ry' (same unit, different values) are one figure told two ways:
 * their sentences give as many figures in that unit, in the same order, equal but at the place of x and y. */
static int parallel(const rasd__rec *rx, const rasd__rquant *x, const rasd__rec *ry, const rasd__rquant *y) {
  uint32_t i = 0, j = 0;
  for (;;) {
    while (i < rx->n_qt && (rx->qt[i].sent != x->sent || !rx->qt[i].unit || strcmp(rx->qt[i].unit, x->unit))) i++;
    while (j < ry->n_qt && (ry->qt[j].sent != y->sent || !ry->qt[j].unit || strcmp(ry->qt[j].unit, y->unit))) j++;
    if (i == rx->n_qt || j == ry->n_qt) return i == rx->n_qt && j == ry->n_qt;
    if ((&rx->qt[i] == x) != (&ry->qt[j] == y)) return 0;
    if (&rx->qt[i] != x && rx->qt[i].value != ry->qt[j].value) return 0;
    i++, j++;
  }
}

/* The same for dated events 'x' of 'rx' and 'y' of 'ry' (different full dates): their sentences give as many dates,
 * in the same order, equal but at the place of x and y. */
static int parallel_ev(const rasd__rec *rx, const rasd__revent *x, const rasd__rec *ry, const rasd__revent *y) {
  uint32_t i = 0, j = 0;
  for (;;) {
    while (i < rx->n_ev && (rx->ev[i].sent != x->sent || !rx->ev[i].date)) i++;
    while (j < ry->n_ev && (ry->ev[j].sent != y->sent || !ry->ev[j].date)) j++;
    if (i == rx->n_ev || j == ry->n_ev) return i == rx->n_ev && j == ry->n_ev;
    if ((&rx->ev[i] == x) != (&ry->ev[j] == y)) return 0;
    if (&rx->ev[i] != x && strcmp(rx->ev[i].date, ry->ev[j].date)) return 0;
    i++, j++;
  }
}

/* The largest power of ten (10^-4 .. 10^12) that 'x' is a multiple of. */
static double step_of(double x) {
  double s = 1e12;
  while (s > 1e-4 && (fabs(x / s) < 0.5 || fabs(x / s - floor(x / s + 0.5)) > 1e-6)) s /= 10;
  return s;
}

/* The digits of the first decimal number in 's' (ASCII or Arabic-Indic digits, '.' or '٫' between): its whole and
 * fractional parts into 'w' and 'f' (each under 24 digits); 0 when 's' has no such number. */
static int split_decimal(const char *s, char *w, char *f) {
  char *out = w;
  size_t k = 0;
  int part = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    int d = -1;
    if (*p >= '0' && *p <= '9') d = *p - '0';
    else if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) d = p[1] - 0xA0, p++;
    if (d >= 0) {
      if (k >= 23) return 0;
      out[k++] = (char)('0' + d);
      continue;
    }
    int sep = *p == '.' || (p[0] == 0xD9 && p[1] == 0xAB);
    if (k && sep && !part) {
      if (*p == 0xD9) p++;
      out[k] = 0;
      out = f, k = 0, part = 1;
      continue;
    }
    if (k) break;
  }
  out[k] = 0;
  return part && k && *w;
}

/* 1 when 'a' and 'b' write one decimal with its two sides swapped (6.25 / 25.6, 3.0 / 0.3): what a right-to-left
 * layout does to a decimal in some outlets' text; no disagreement between them. */
static int swapped_decimal(const char *a, const char *b) {
  char aw[24], af[24], bw[24], bf[24];
  if (!split_decimal(a, aw, af) || !split_decimal(b, bw, bf)) return 0;
  return !strcmp(aw, bf) && !strcmp(af, bw);
}

/* Whether two figures differ only by rounding: the finer one rounded, or cut, to the coarser one's last digit is the
 * coarser one (43.12 and 43 per cent, 22.2 and 22 billion, 46.8 and 46 million; cutting only when the coarser has two
 * digits or more, so 350 and 300 thousand differ). 57.8 and 58.7 differ. */
static int rounded(double a, double b) {
  double sa = step_of(a), sb = step_of(b);
  double fine = sa < sb ? a : b, coarse = sa < sb ? b : a, s = sa < sb ? sb : sa;
  double c = floor(coarse / s + 0.5);
  if (floor(fine / s + 0.5) == c) return 1;
  return fabs(c) >= 10 && floor(fine / s) == c;
}

/* Whether the vaguer date 'coarse' (a year "2025", a month "2025-04" or an ISO week "2025-W17") contains the day
 * 'day' ("2025-04-25"). */
static int covers(const char *coarse, const char *day) {
  if (!coarse || !day || strlen(day) != 10 || rasd__day(day) == RASD__NO_DAY) return 0;
  size_t n = strlen(coarse);
  if (n == 4 || n == 7) return !strncmp(coarse, day, n);
  if (n == 8 && coarse[4] == '-' && coarse[5] == 'W') {
    char jan4[11];
    memcpy(jan4, coarse, 4);
    memcpy(jan4 + 4, "-01-04", 7);
    int32_t j4 = rasd__day(jan4), d = rasd__day(day);
    if (j4 == RASD__NO_DAY) return 0;
    int32_t mon = j4 - ((j4 % 7 + 7 + 3) % 7) + 7 * (atoi(coarse + 6) - 1); /* day 0, 1970-01-01, was a Thursday */
    return d >= mon && d < mon + 7;
  }
  return 0;
}

/* Flags 'what' (a sentence) as told with value 'va' by outlet 'oa' and 'vb' by 'ob' (outlets may be NULL); v->dis
 * has room. Returns -1 when out of memory. */
static int dis_add(rasd__view *v, rasd__arena *ar, const char *kind, const char *what, const char *va, const char *oa,
                   const char *vb, const char *ob) {
  rasd__ditem *d = &v->dis[v->n_dis];
  d->vals = rasd__arena_alloc(ar, 2 * sizeof *d->vals);
  d->val_outlets = rasd__arena_alloc(ar, 2 * sizeof *d->val_outlets);
  if (!d->vals || !d->val_outlets) return -1;
  d->kind = kind;
  d->what = what;
  d->vals[0] = (char *)va; d->vals[1] = (char *)vb;
  d->val_outlets[0] = (char *)(oa ? oa : ""); d->val_outlets[1] = (char *)(ob ? ob : "");
  d->n_vals = 2;
  v->n_dis++;
  return 0;
}

/* Whether two value texts are the same but for Arabic short-vowel marks (قتيلا / قتيلاً). */
static int same_text(const char *a, const char *b) {
  for (;;) {
    while ((unsigned char)a[0] == 0xD9 && (unsigned char)a[1] >= 0x8B && (unsigned char)a[1] <= 0x92) a += 2;
    while ((unsigned char)b[0] == 0xD9 && (unsigned char)b[1] >= 0x8B && (unsigned char)b[1] <= 0x92) b += 2;
    if (*a != *b) return 0;
    if (!*a) return 1;
    a++, b++;
  }
}

/* Whether the story already flags the two values 'a' and 'b', in either order. */
static int dis_seen(const rasd__view *v, const char *a, const char *b) {
  for (size_t k = 0; k < v->n_dis; k++) {
    const rasd__ditem *d = &v->dis[k];
    if (d->n_vals == 2 && ((same_text(d->vals[0], a) && same_text(d->vals[1], b)) ||
                           (same_text(d->vals[0], b) && same_text(d->vals[1], a))))
      return 1;
  }
  return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Best score first; ties in article, then sentence order. */
static int cmp_cand(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->score != y->score) return x->score < y->score ? 1 : -1;
  if (x->art != y->art) return x->art < y->art ? -1 : 1;
  return x->s->pos < y->s->pos ? -1 : x->s->pos > y->s->pos;
}

void rasd__view_free(rasd__view *v) {
  if (!v) return;
  rasd__arena_free(v->ar);
  memset(v, 0, sizeof *v);
}

int rasd__view_build(rasd_corpus *c, size_t si, const rasd_view_opts *vo, rasd__view *v) {
  memset(v, 0, sizeof *v);
  rasd_view_opts o = {0};
  if (vo) o = *vo;
  if (o.max_timeline <= 0) o.max_timeline = 40;
  if (o.max_quotes <= 0) o.max_quotes = 12;
  if (o.words <= 0 && o.sentences <= 0) o.sentences = 5;
  sum_tune();
  rasd__story *S = &c->st[si];
  if (!(v->ar = rasd__arena_new(1 << 16))) return RASD_ENOMEM;
  rasd__arena *ar = v->ar;
  v->id = (int64_t)si + 1;
  v->mem = S->mem; v->n_mem = S->n_mem;
  /* outlets and dates from the metadata of every member */
  for (uint32_t k = 0; k < S->n_mem; k++) {
    const rasd__art *a = &c->art[S->mem[k]];
    if (add_name(ar, &v->outlets, &v->n_outlets, a->outlet)) return RASD_ENOMEM;
    if (a->date) {
      if (!v->first_date || strncmp(a->date, v->first_date, 10) < 0) v->first_date = a->date;
      if (!v->last_date || strncmp(a->date, v->last_date, 10) > 0) v->last_date = a->date;
    }
  }
  /* decode members: originals first, then copies (they add outlets to what they repeat) */
  uint32_t nd = 0;
  size_t max_nd = S->n_mem < MAX_DECODE ? S->n_mem : MAX_DECODE;
  rasd__rec *R = rasd__arena_alloc(ar, (max_nd + 1) * sizeof *R);
  uint32_t *Ridx = rasd__arena_alloc(ar, (max_nd + 1) * sizeof *Ridx);
  if (!R || !Ridx) return RASD_ENOMEM;
  for (int pass = 0; pass < 2; pass++)
    for (uint32_t k = 0; k < S->n_mem && nd < MAX_DECODE; k++) {
      uint32_t ai = S->mem[k];
      if ((c->art[ai].dup_of >= 0) != pass) continue;
      int rc = rasd__corpus_rec(c, ai, ar, &R[nd]);
      if (rc) return rc;
      Ridx[nd++] = ai;
    }
  /* the IDF of every sentence's terms, once (floats: what rasd__idf() gives is a float) */
  float ***SWt = rasd__arena_alloc(ar, (nd + 1) * sizeof *SWt);
  if (!SWt) return RASD_ENOMEM;
  for (uint32_t k = 0; k < nd; k++) {
    if (!(SWt[k] = rasd__arena_alloc(ar, (R[k].n_sent + 1) * sizeof **SWt))) return RASD_ENOMEM;
    for (uint32_t j = 0; j < R[k].n_sent; j++) {
      const rasd__rsent *x = &R[k].sent[j];
      float *w = SWt[k][j] = rasd__arena_alloc(ar, (x->n_terms + 1) * sizeof *w);
      if (!w) return RASD_ENOMEM;
      for (uint32_t t = 0; t < x->n_terms; t++) w[t] = (float)rasd__idf(c, x->terms[t]);
    }
  }
  /* the centroid of the decoded originals: every sentence's words, earlier sentences weighing more (news
   * says what happened first); summed by term id in the corpus's scratch array (zero outside, reset below), in
   * the order the words come, and listed by id */
  if (c->cap_dense < c->terms.n) {
    size_t nd2 = c->terms.cap > c->terms.n ? c->terms.cap : c->terms.n;
    double *d = realloc(c->dense, nd2 * sizeof *d);
    if (!d) return RASD_ENOMEM;
    memset(d + c->cap_dense, 0, (nd2 - c->cap_dense) * sizeof *d);
    c->dense = d; c->cap_dense = nd2;
  }
  double *cw = c->dense;
  size_t nall = 0;
  for (uint32_t k = 0; k < nd; k++)
    for (uint32_t j = 0; j < R[k].n_sent; j++) nall += R[k].sent[j].n_terms;
  uint32_t *cent = malloc((nall + 1) * sizeof *cent);
  if (!cent) return RASD_ENOMEM;
  size_t nc = 0;
  for (uint32_t k = 0; k < nd; k++) {
    if (c->art[Ridx[k]].dup_of >= 0) continue;
    for (uint32_t j = 0; j < R[k].n_sent; j++) {
      const rasd__rsent *x = &R[k].sent[j];
      double pw = (x->flags & RASD__S_TITLE) ? 1.0 : 1.0 / (1.0 + 0.5 * x->pos);
      for (uint32_t t = 0; t < x->n_terms; t++) {
        uint32_t id = x->terms[t];
        double wt = pw * (double)SWt[k][j][t];
        if (cw[id] == 0 && wt != 0) cent[nc++] = id; /* first sight (a zero weight adds nothing either way) */
        cw[id] += wt;
      }
    }
  }
  rasd__sort_u32(cent, nc);
  double cn = 0;
  for (size_t k = 0; k < nc; k++) cn += cw[cent[k]] * cw[cent[k]];
  cn = sqrt(cn);
  /* sentence candidates */
  cand *cd = malloc((MAX_CAND + 1) * sizeof *cd);
  size_t ncd = 0;
  const char *best_title = NULL;
  double best_tsc = -1;
  if (!cd) { free(cent); return RASD_ENOMEM; }
  for (uint32_t k = 0; k < nd; k++) {
    uint32_t body = 0;
    for (uint32_t j = 0; j < R[k].n_sent; j++) {
      const rasd__rsent *s = &R[k].sent[j];
      double dot = 0, sn = 0;
      float *sw = SWt[k][j];
      for (uint32_t t = 0; t < s->n_terms; t++) {
        double idf = sw[t];
        dot += idf * (s->terms[t] < c->cap_dense ? cw[s->terms[t]] : 0);
        sn += (double)sw[t] * sw[t];
      }
      double cs = sn > 0 && cn > 0 ? dot / (sqrt(sn) * cn) : 0;
      if (s->flags & RASD__S_TITLE) {
        if (cs > best_tsc) best_tsc = cs, best_title = s->text;
        continue;
      }
      if (++body > MAX_SENT_PER_ART || ncd >= MAX_CAND) continue;
      if (s->n_terms < 3 || s->len < 20) continue;
      double sc = SW.cs * cs;
      /* position: news puts what happened first */
      sc += SW.pos / pow(1.0 + s->pos, SW.decay);
      sc -= 0.004 * (s->pos > 10 ? 10 : s->pos);
      if (s->flags & RASD__S_PARA) sc += SW.para;
      if (s->flags & RASD__S_DATE) sc += 0.04;
      if (s->flags & RASD__S_ATTR) sc += 0.03;
      if (s->flags & RASD__S_NUM) sc += 0.02;
      size_t nw = count_words(s->text, s->len);
      if (nw > 60) sc -= 0.002 * (double)(nw - 60);
      if (nw < 8) sc -= 0.05;
      sc += SW.len * log(1.0 + (double)nw) / 4;
      cd[ncd] = (cand){s, k, sc, (int)ncd, NULL, 0, NULL, 0, 0, sw, sn, nw};
      ncd++;
    }
  }
  for (size_t k = 0; k < nc; k++) cw[cent[k]] = 0;
  /* a large story: only its best candidates (grouping and MMR compare pairs) */
  if (ncd > VIEW_CAND) {
    qsort(cd, ncd, sizeof *cd, cmp_cand);
    ncd = VIEW_CAND;
    for (size_t i = 0; i < ncd; i++) cd[i].group = (int)i;
  }
  /* the same sentence in several outlets: one group, with every outlet. The candidate's weights are scattered by
   * term id into the corpus's scratch array (zero again since the centroid) once it is compared with any other. */
  double *dz = c->dense;
  size_t dzc = c->cap_dense;
  for (size_t i = 0; i < ncd; i++) {
    int sci = -1; /* its weights scattered (1), not yet (-1), or cannot be (0) */
    for (size_t j = 0; j < i; j++) {
      if (cd[j].group != (int)j || cd[j].art == cd[i].art) continue;
      if (cos_bound2(cd[i].x, cd[j].x) < 0.4899) continue; /* the cosine cannot reach 0.7 */
      if (sci < 0) sci = wset_scatter(dz, dzc, cd[i].s->terms, cd[i].w, cd[i].s->n_terms);
      double x = sci ? wset_cos_d(dz, dzc, cd[i].x, cd[j].s->terms, cd[j].w, cd[j].s->n_terms, cd[j].x)
                     : wset_cos(cd[i].s->terms, cd[i].w, cd[i].s->n_terms, cd[i].x, cd[j].s->terms, cd[j].w, cd[j].s->n_terms, cd[j].x);
      if (x >= 0.7) {
        cd[i].group = (int)j;
        break;
      }
    }
    if (sci > 0) wset_unscatter(dz, cd[i].s->terms, cd[i].s->n_terms);
    cand *g = &cd[cd[i].group];
    const rasd__rec *r = &R[cd[i].art];
    if (add_name(ar, &g->outlets, &g->n_outlets, c->art[Ridx[cd[i].art]].outlet) ||
        add_name(ar, &g->arts, &g->n_arts, c->art[Ridx[cd[i].art]].id))
      { free(cd); free(cent); return RASD_ENOMEM; }
    (void)r;
  }
  for (size_t i = 0; i < ncd; i++)
    if (cd[i].group == (int)i && cd[i].n_arts > 1) cd[i].score *= 1 + 0.1 * (double)(cd[i].n_arts < 6 ? cd[i].n_arts - 1 : 5);
  /* MMR selection */
  /* a word budget is filled with whole sentences up to about 30% over it, as long as a lead of whole sentences
   * runs on average (EASC: lead 182 words for a mean reference of 131; rasd 188) */
  const double wf = SW.wf;
  size_t want_s = o.sentences > 0 ? (size_t)o.sentences : SIZE_MAX, want_w = o.words > 0 ? (size_t)(o.words * wf) : SIZE_MAX;
  size_t nsel = 0, words = 0;
  size_t *sel = malloc((ncd + 1) * sizeof *sel);
  double *redv = calloc(ncd + 1, sizeof *redv); /* each candidate's redundancy: its best cosine with the selection */
  if (!sel || !redv) { free(sel); free(redv); free(cd); free(cent); return RASD_ENOMEM; }
  while (nsel < want_s && words < want_w) {
    double best = -1e9;
    size_t bi = SIZE_MAX;
    for (size_t i = 0; i < ncd; i++) {
      if (cd[i].group != (int)i || cd[i].picked) continue;
      double red = redv[i];
      double mmr = SW.lam * cd[i].score - (1 - SW.lam) * red;
      if (red > 0.6) mmr -= 1;
      if (mmr > best) best = mmr, bi = i;
    }
    if (bi == SIZE_MAX) break;
    cd[bi].picked = 1;
    size_t nw = cd[bi].nw;
    if (nsel && want_w != SIZE_MAX && words + nw > want_w + want_w / 2 && words >= want_w * 4 / 5) {
      continue; /* far too long for what is left: try the next best */
    }
    sel[nsel++] = bi;
    words += nw;
    const cand *y = &cd[bi];
    int scy = -1; /* the selected sentence's weights scattered (as above) */
    for (size_t i = 0; i < ncd; i++) {
      if (cd[i].group != (int)i || cd[i].picked) continue;
      if (cos_bound2(cd[i].x, y->x) < redv[i] * redv[i] * (1 - 1e-6)) continue; /* cannot raise it */
      if (scy < 0) scy = wset_scatter(dz, dzc, y->s->terms, y->w, y->s->n_terms);
      double x = scy ? wset_cos_d(dz, dzc, cd[i].x, cd[i].s->terms, cd[i].w, cd[i].s->n_terms, y->x)
                     : wset_cos(cd[i].s->terms, cd[i].w, cd[i].s->n_terms, cd[i].x, y->s->terms, y->w, y->s->n_terms, y->x);
      if (x > redv[i]) redv[i] = x;
    }
    if (scy > 0) wset_unscatter(dz, y->s->terms, y->s->n_terms);
  }
  free(redv);
  /* reading order: by article (publication order), then position */
  for (size_t i = 1; i < nsel; i++)
    for (size_t j = i; j > 0; j--) {
      cand *x = &cd[sel[j - 1]], *y = &cd[sel[j]];
      if (x->art < y->art || (x->art == y->art && x->s->pos <= y->s->pos)) break;
      size_t t = sel[j]; sel[j] = sel[j - 1]; sel[j - 1] = t;
    }
  v->sum = rasd__arena_alloc(ar, (nsel + 1) * sizeof *v->sum);
  if (!v->sum) { free(sel); free(cd); free(cent); return RASD_ENOMEM; }
  for (size_t i = 0; i < nsel; i++) {
    cand *x = &cd[sel[i]];
    v->sum[i] = (rasd__sitem){x->s->text, x->outlets, x->n_outlets, (const char **)x->arts, x->n_arts};
  }
  v->n_sum = nsel;
  v->title = best_title ? best_title : nsel ? v->sum[0].text : (nd && R[0].n_sent ? R[0].sent[0].text : "");
  /* timeline: dated sentences merged by date and wording */
  size_t nev = 0;
  for (uint32_t k = 0; k < nd; k++) nev += R[k].n_ev;
  typedef struct tle { const char *date; const rasd__rsent *s; const float *w; char **outlets; size_t n_outlets; int rep; uint32_t art; uint64_t dh; double x; int full; } tle;
  tle *T = malloc((nev + 1) * sizeof *T);
  size_t nt = 0;
  if (!T) { free(sel); free(cd); free(cent); return RASD_ENOMEM; }
  for (uint32_t k = 0; k < nd; k++)
    for (uint32_t e = 0; e < R[k].n_ev && nt < MAX_EVENTS; e++) {
      const rasd__revent *ev = &R[k].ev[e];
      if (!ev->date || ev->sent >= R[k].n_sent) continue;
      /* a vaguer date of a sentence that also gives a day in it ("مساء أمس الجمعة ... مطلع الأسبوع") adds nothing */
      int covered = 0;
      for (uint32_t e2 = 0; e2 < R[k].n_ev && !covered; e2++)
        covered = e2 != e && R[k].ev[e2].sent == ev->sent && covers(ev->date, R[k].ev[e2].date);
      if (covered) continue;
      const rasd__rsent *s = &R[k].sent[ev->sent];
      const float *sw = SWt[k][ev->sent];
      double sx = sq_sum(sw, s->n_terms);
      /* its cosines with the entries so far: its weights scattered into the scratch array once one is asked for */
      int scs = -1;
#define TL_COS(j)                                                                                                \
  ((scs < 0 ? (scs = wset_scatter(dz, dzc, s->terms, sw, s->n_terms)) : 0),                                    \
   scs ? wset_cos_d(dz, dzc, sx, T[j].s->terms, T[j].w, T[j].s->n_terms, T[j].x)                             \
       : wset_cos(T[j].s->terms, T[j].w, T[j].s->n_terms, T[j].x, s->terms, sw, s->n_terms, sx))
      /* a copy of an article published on an earlier day reads "today" and "yesterday" from its own later day: when
       * this sentence is in an earlier day's article that this one copies, and its date is that article's moved by
       * exactly the days between the two publications, the day the text was written for wins and this outlet joins
       * that reading (a sentence shared by two different articles, or moved by other days, stays apart) */
      if (R[k].date) {
        int moved = -1, same = 0;
        for (size_t j = 0; j < nt && !same; j++) {
          const char *dj = R[T[j].art].date;
          if (T[j].art == k || !dj || strncmp(dj, R[k].date, 10) >= 0) continue;
          if (cos_bound2(T[j].x, sx) < 0.6399 || /* the cosine cannot reach 0.8 */
              TL_COS(j) < 0.8)
            continue;
          if (!strcmp(T[j].date, ev->date)) same = 1;
          else if (moved < 0 && day_no(ev->date) - day_no(T[j].date) == day_no(R[k].date) - day_no(dj) &&
                   day_no(ev->date) > 0 && day_no(T[j].date) > 0 && day_no(dj) > 0 && late_copy(&R[k], SWt[k], &R[T[j].art], SWt[T[j].art]))
            moved = (int)j;
        }
        if (moved >= 0 && !same) {
          if (scs > 0) wset_unscatter(dz, s->terms, s->n_terms);
          int r = T[moved].rep;
          if (add_name(ar, &T[r].outlets, &T[r].n_outlets, c->art[Ridx[k]].outlet)) { free(T); free(sel); free(cd); free(cent); return RASD_ENOMEM; }
          continue;
        }
      }
      int rep = -1;
      uint64_t dh = 1469598103934665603ULL; /* the date's hash: most entries differ in it */
      for (const char *p = ev->date; *p; p++) dh = (dh ^ (unsigned char)*p) * 1099511628211ULL;
      for (size_t j = 0; j < nt && rep < 0; j++)
        if (T[j].rep == (int)j && T[j].dh == dh && !strcmp(T[j].date, ev->date) &&
            (T[j].s == s || (cos_bound2(T[j].x, sx) >= 0.1224 && /* else the cosine cannot reach 0.35 */
                             TL_COS(j) >= 0.35)))
          rep = (int)j;
#undef TL_COS
      if (scs > 0) wset_unscatter(dz, s->terms, s->n_terms);
      if (rep < 0) { T[nt] = (tle){ev->date, s, sw, NULL, 0, (int)nt, k, dh, sx, strlen(ev->date) == 10}; rep = (int)nt++; }
      if (add_name(ar, &T[rep].outlets, &T[rep].n_outlets, c->art[Ridx[k]].outlet)) { free(T); free(sel); free(cd); free(cent); return RASD_ENOMEM; }
    }
  /* keep the best supported entries, then order by date */
  /* when there are too many: the widely reported first, then full dates before vaguer ones (years, weeks) */
  for (size_t i = 1; i < nt; i++)
    for (size_t j = i; j > 0; j--) {
      if (T[j - 1].n_outlets > T[j].n_outlets || (T[j - 1].n_outlets == T[j].n_outlets && T[j - 1].full >= T[j].full)) break;
      tle t = T[j]; T[j] = T[j - 1]; T[j - 1] = t;
    }
  if (nt > (size_t)o.max_timeline) nt = (size_t)o.max_timeline;
  for (size_t i = 1; i < nt; i++)
    for (size_t j = i; j > 0 && strcmp(T[j - 1].date, T[j].date) > 0; j--) { tle t = T[j]; T[j] = T[j - 1]; T[j - 1] = t; }
  v->tl = rasd__arena_alloc(ar, (nt + 1) * sizeof *v->tl);
  if (!v->tl) { free(T); free(sel); free(cd); free(cent); return RASD_ENOMEM; }
  for (size_t i = 0; i < nt; i++) v->tl[i] = (rasd__tlitem){T[i].date, T[i].s->text, T[i].outlets, T[i].n_outlets};
  v->n_tl = nt;
  free(T);
  /* quotes grouped by speaker; the same words from several outlets once */
  size_t nq = 0;
  for (uint32_t k = 0; k < nd; k++) nq += R[k].n_q;
  v->q = rasd__arena_alloc(ar, (nq + 1) * sizeof *v->q);
  /* speakers as small integers (qkid, by distinct key 'dkey'): the grouping and its sort compare them often */
  uint32_t *qkid = rasd__arena_alloc(ar, (nq + 1) * sizeof *qkid);
  size_t *qlen = rasd__arena_alloc(ar, (nq + 1) * sizeof *qlen);
  const char **dkey = rasd__arena_alloc(ar, (nq + 1) * sizeof *dkey);
  size_t ndk = 0;
  if (!v->q || !qkid || !qlen || !dkey) { free(sel); free(cd); free(cent); return RASD_ENOMEM; }
  for (uint32_t k = 0; k < nd; k++)
    for (uint32_t e = 0; e < R[k].n_q; e++) {
      const rasd__rquote *q = &R[k].q[e];
      if (!q->text || !q->speaker) continue;
      const char *key = q->key ? q->key : q->speaker;
      uint32_t kid = 0;
      while (kid < ndk && strcmp(dkey[kid], key)) kid++;
      if (kid == ndk) dkey[ndk++] = key;
      size_t j = 0, lb = strlen(q->text);
      for (; j < v->n_q; j++) {
        if (qkid[j] != kid) continue;
        size_t la = qlen[j], l = la < lb ? la : lb;
        if (l > 40) l = 40;
        if (!strncmp(v->q[j].text, q->text, l)) break;
      }
      if (j == v->n_q) {
        qkid[j] = kid;
        qlen[j] = lb;
        v->q[j] = (rasd__qitem){q->speaker, q->text, (int)q->direct, NULL, 0};
        v->n_q++;
      }
      if (add_name(ar, &v->q[j].outlets, &v->q[j].n_outlets, c->art[Ridx[k]].outlet)) { free(sel); free(cd); free(cent); return RASD_ENOMEM; }
    }
  /* stable grouping by speaker: speakers by first appearance, direct quotes and wider support first */
  for (size_t i = 1; i < v->n_q; i++)
    for (size_t j = i; j > 0; j--) {
      size_t fa = 0, fb = 0;
      while (qkid[fa] != qkid[j - 1]) fa++;
      while (qkid[fb] != qkid[j]) fb++;
      int before = fb < fa || (fb == fa && v->q[j].n_outlets > v->q[j - 1].n_outlets);
      if (!before) break;
      rasd__qitem t = v->q[j]; v->q[j] = v->q[j - 1]; v->q[j - 1] = t;
      uint32_t tk = qkid[j]; qkid[j] = qkid[j - 1]; qkid[j - 1] = tk;
    }
  if (v->n_q > (size_t)o.max_quotes) v->n_q = (size_t)o.max_quotes;
  /* entities by articles, then mentions */
  size_t ne = 0;
  for (uint32_t k = 0; k < nd; k++) ne += R[k].n_ent;
  v->ent = rasd__arena_alloc(ar, (ne + 1) * sizeof *v->ent);
  uint32_t *ekey = rasd__arena_alloc(ar, (ne + 1) * sizeof *ekey);
  if (!v->ent || !ekey) { free(sel); free(cd); free(cent); return RASD_ENOMEM; }
  for (uint32_t k = 0; k < nd; k++)
    for (uint32_t e = 0; e < R[k].n_ent; e++) {
      const rasd__rent *x = &R[k].ent[e];
      if (x->vkey == RASD__VKEY_FAMILY) continue; /* a family name, for linking only */
      size_t j = 0;
      while (j < v->n_ent && ekey[j] != x->vkey) j++;
      if (j == v->n_ent) {
        ekey[j] = x->vkey;
        v->ent[j] = (rasd__eitem){c->terms.str[x->vkey] + 1, x->canonical, x->en, (int)x->type, 0};
        rasd_corpus_entity ce;
        int64_t rid = rasd__reg_id(c, v->ent[j].key);
        if (rid >= 0 && rasd_registry_get(c->reg, (size_t)rid, &ce) == RASD_OK) {
          v->ent[j].canonical = rasd__arena_strdup(ar, ce.canonical);
          if (ce.en) v->ent[j].en = rasd__arena_strdup(ar, ce.en);
          v->ent[j].type = ce.type;
        }
        v->n_ent++;
      }
      v->ent[j].n += x->n ? x->n : 1;
      if (!v->ent[j].en && x->en) v->ent[j].en = x->en;
    }
  for (size_t i = 1; i < v->n_ent; i++)
    for (size_t j = i; j > 0 && v->ent[j - 1].n < v->ent[j].n; j--) { rasd__eitem t = v->ent[j]; v->ent[j] = v->ent[j - 1]; v->ent[j - 1] = t; }
  /* disagreements: numbers with one unit in similar sentences from different outlets, and dates */
  {
    typedef struct qv { const rasd__rquant *q; const rasd__rsent *s; const float *w; uint32_t art; } qv;
    size_t nqv = 0;
    for (uint32_t k = 0; k < nd; k++) nqv += R[k].n_qt;
    if (nqv > 300) nqv = 300;
    qv *Q = malloc((nqv + 1) * sizeof *Q);
    size_t n = 0;
    if (!Q) { free(sel); free(cd); free(cent); return RASD_ENOMEM; }
    for (uint32_t k = 0; k < nd && n < nqv; k++)
      for (uint32_t e = 0; e < R[k].n_qt && n < nqv; e++)
        if (R[k].qt[e].sent < R[k].n_sent && R[k].qt[e].unit) Q[n++] = (qv){&R[k].qt[e], &R[k].sent[R[k].qt[e].sent], SWt[k][R[k].qt[e].sent], k};
    v->dis = rasd__arena_alloc(ar, 16 * sizeof *v->dis);
    for (size_t i = 0; v->dis && i < n && v->n_dis < 16; i++)
      for (size_t j = i + 1; j < n && v->n_dis < 16; j++) {
        if (Q[i].art == Q[j].art || strcmp(Q[i].q->unit, Q[j].q->unit) || Q[i].q->value == Q[j].q->value) continue;
        const char *oa = c->art[Ridx[Q[i].art]].outlet, *ob = c->art[Ridx[Q[j].art]].outlet;
        if (oa && ob && !strcmp(oa, ob)) continue;
        /* a later report of a count that grows (a death toll) is an update, not a disagreement */
        const char *da = R[Q[i].art].date, *db = R[Q[j].art].date;
        if (da && db && strncmp(da, db, 10)) continue;
        double lo = fabs(Q[i].q->value) < fabs(Q[j].q->value) ? fabs(Q[i].q->value) : fabs(Q[j].q->value);
        double hi = fabs(Q[i].q->value) < fabs(Q[j].q->value) ? fabs(Q[j].q->value) : fabs(Q[i].q->value);
        if (hi > lo * 10) continue; /* different magnitudes are different facts */
        if (rounded(Q[i].q->value, Q[j].q->value) || swapped_decimal(Q[i].q->text, Q[j].q->text)) continue;
        /* the two sentences must give the same figures in the same order but for this one: a sentence that gives
         * revenue and spending does not disagree with one that gives the deficit */
        if (!parallel(&R[Q[i].art], Q[i].q, &R[Q[j].art], Q[j].q)) continue;
        if (set_cos(Q[i].s->terms, Q[i].w, Q[i].s->n_terms, Q[j].s->terms, Q[j].w, Q[j].s->n_terms) < 0.5) continue;
        if (dis_seen(v, Q[i].q->text, Q[j].q->text)) continue;
        if (dis_add(v, ar, "number", Q[i].s->text, Q[i].q->text, oa, Q[j].q->text, ob)) break;
      }
    free(Q);
    /* the same dated sentence with another date in another outlet */
    size_t pairs = 0;
    for (uint32_t a1 = 0; v->dis && a1 < nd && v->n_dis < 16 && pairs < MAX_PAIRS; a1++)
      for (uint32_t e1 = 0; e1 < R[a1].n_ev; e1++)
        for (uint32_t a2 = a1 + 1; a2 < nd && v->n_dis < 16; a2++) {
          const char *oa = c->art[Ridx[a1]].outlet, *ob = c->art[Ridx[a2]].outlet;
          if (oa && ob && !strcmp(oa, ob)) continue;
          /* a copy published another day reads "today" and "yesterday" from its own day: only reports of one day
           * can disagree on a date */
          if (R[a1].date && R[a2].date && strncmp(R[a1].date, R[a2].date, 10)) continue;
          for (uint32_t e2 = 0; e2 < R[a2].n_ev && v->n_dis < 16; e2++) {
            const rasd__revent *x = &R[a1].ev[e1], *y = &R[a2].ev[e2];
            if (!x->date || !y->date || strlen(x->date) != 10 || strlen(y->date) != 10 || !strcmp(x->date, y->date)) continue;
            if (x->sent >= R[a1].n_sent || y->sent >= R[a2].n_sent || ++pairs > MAX_PAIRS) continue;
            const rasd__rsent *sx = &R[a1].sent[x->sent], *sy = &R[a2].sent[y->sent];
            if (set_cos(sx->terms, SWt[a1][x->sent], sx->n_terms, sy->terms, SWt[a2][y->sent], sy->n_terms) < 0.6) continue;
            if (!parallel_ev(&R[a1], x, &R[a2], y) || dis_seen(v, x->date, y->date)) continue;
            if (dis_add(v, ar, "date", sx->text, x->date, oa, y->date, ob)) break;
          }
        }
  }
  if (v->n_outlets > 1) qsort(v->outlets, v->n_outlets, sizeof *v->outlets, cmp_str);
  free(sel);
  free(cd);
  free(cent);
  return RASD_OK;
}
