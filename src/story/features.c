/* features.c — compact article records for linking and views: stems, MinHash, dates, sentences, quotes, numbers. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "extract/extract.h"
#include "extract/lexicon.h"
#include "extract/names.h"
#include "story/story_int.h"

/* ---- string interner ---- */

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) { /* FNV-1a, four bytes a turn of the loop (every word token's form: the MinHash's) */
    h = (h ^ u[i]) * 1099511628211ULL;
    h = (h ^ u[i + 1]) * 1099511628211ULL;
    h = (h ^ u[i + 2]) * 1099511628211ULL;
    h = (h ^ u[i + 3]) * 1099511628211ULL;
  }
  for (; i < n; i++) h = (h ^ u[i]) * 1099511628211ULL;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 32);
}

/* The interner's hash: eight bytes a step (stems are interned a few hundred times per article). Its values
 * never leave the table (ids come in order of first sight), unlike hash_bytes() of forms, which the MinHash
 * and the word lists keep. */
static uint64_t intern_hash(const char *s, size_t n) { return rasd__hash8(s, n, 0x84222325cbf29ce4ULL ^ n); }

int rasd__strtab_init(rasd__strtab *t) {
  memset(t, 0, sizeof *t);
  t->nslot = 1024;
  t->slot = calloc(t->nslot, sizeof *t->slot);
  t->ar = rasd__arena_new(1 << 16);
  return t->slot && t->ar ? RASD_OK : RASD_ENOMEM;
}

void rasd__strtab_free(rasd__strtab *t) {
  free(t->str);
  free(t->len);
  free(t->df);
  free(t->hash);
  free(t->num);
  free(t->slot);
  rasd__arena_free(t->ar);
  memset(t, 0, sizeof *t);
}

/* A zeroed table of 'n' slots; from 2 MB up, aligned to and backed by huge pages where the system gives them (every
 * distinct stem of every article probes one random slot: with small pages most probes also miss the TLB). */
static uint64_t *slots_alloc(size_t n) {
  size_t bytes = n * sizeof(uint64_t), huge = (size_t)2 << 20;
  if (bytes < huge) return calloc(n, sizeof(uint64_t));
  void *p = NULL;
  if (posix_memalign(&p, huge, bytes)) return NULL;
#ifdef MADV_HUGEPAGE
  madvise(p, bytes, MADV_HUGEPAGE);
#endif
  memset(p, 0, bytes);
  return p;
}

static int strtab_rehash(rasd__strtab *t) {
  size_t ns = t->nslot * 2;
  uint64_t *sl = slots_alloc(ns);
  if (!sl) return -1;
  for (size_t i = 0; i < t->n; i++) {
    size_t h = t->hash[i] & (ns - 1);
    while (sl[h]) h = (h + 1) & (ns - 1);
    sl[h] = (uint64_t)t->hash[i] << 32 | ((uint32_t)i + 1);
  }
  free(t->slot);
  t->slot = sl;
  t->nslot = ns;
  return 0;
}

static int64_t strtab_id_h(rasd__strtab *t, const char *s, size_t len, uint32_t hv, int add);

int64_t rasd__strtab_id(rasd__strtab *t, const char *s, size_t len, int add) {
  return strtab_id_h(t, s, len, (uint32_t)intern_hash(s, len), add);
}

static int64_t strtab_id_h(rasd__strtab *t, const char *s, size_t len, uint32_t hv, int add) {
  size_t h = hv & (t->nslot - 1);
  /* a slot holds the hash beside the id: most mismatches cost no look at the string */
  for (uint64_t x; (x = t->slot[h]) != 0; h = (h + 1) & (t->nslot - 1)) {
    uint32_t id = (uint32_t)x - 1;
    if ((uint32_t)(x >> 32) == hv && t->len[id] == len && !memcmp(t->str[id], s, len)) return id;
  }
  if (!add || len > 0xffff) return -1;
  if (t->n == t->cap) {
    size_t nc = t->cap ? t->cap * 2 : 1024;
    char **ns = realloc(t->str, nc * sizeof *ns);
    if (ns) t->str = ns;
    uint32_t *nl = realloc(t->len, nc * sizeof *nl);
    if (nl) t->len = nl;
    uint32_t *nd = realloc(t->df, nc * sizeof *nd);
    if (nd) t->df = nd;
    uint32_t *nh = realloc(t->hash, nc * sizeof *nh);
    if (nh) t->hash = nh;
    uint8_t *nn = realloc(t->num, nc * sizeof *nn);
    if (nn) t->num = nn;
    if (!ns || !nl || !nd || !nh || !nn) return -1;
    t->cap = nc;
  }
  char *copy = rasd__arena_strndup(t->ar, s, len);
  if (!copy) return -1;
  uint32_t id = (uint32_t)t->n++;
  t->str[id] = copy;
  t->len[id] = (uint32_t)len;
  t->df[id] = 0;
  t->hash[id] = hv;
  t->num[id] = len && s[0] >= '0' && s[0] <= '9';
  t->slot[h] = (uint64_t)hv << 32 | (id + 1);
  if (t->n * 2 > t->nslot && strtab_rehash(t)) return -1;
  return id;
}

/* ---- dates ---- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

int32_t rasd__day(const char *s) {
  if (!s) return RASD__NO_DAY;
  for (int k = 0; k < 10; k++) {
    if (k == 4 || k == 7) { if (s[k] != '-') return RASD__NO_DAY; }
    else if (s[k] < '0' || s[k] > '9') return RASD__NO_DAY;
  }
  int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
  if (m < 1 || m > 12 || d < 1 || d > 31) return RASD__NO_DAY;
  return (int32_t)days_from_civil(y, (unsigned)m, (unsigned)d);
}

/* ---- words ---- */

/* Function words in the matching form (أ→ا, ى→ي, ة→ه): they carry no story. */
static const char *const STOP[] = {
    "في", "من", "الي", "علي", "عن", "مع", "ان", "او", "ثم", "قد", "لقد", "كان", "كانت", "يكون", "تكون", "هذا",
    "هذه", "ذلك", "تلك", "هو", "هي", "هم", "التي", "الذي", "الذين", "ما", "لا", "لم", "لن", "كل", "بعض",
    "غير", "بين", "حتي", "منذ", "عند", "بعد", "قبل", "خلال", "حيث", "اذا", "كما", "ايضا", "وقد", "وان", "وفي",
    "ومن", "وهو", "وهي", "الا", "اما", "انه", "انها", "عليه", "عليها", "له", "لها", "به", "بها", "منه", "منها",
    "فيه", "فيها", "اي", "وكان", "لدي", "نحو", "ضد", "حول", "دون", "ليس", "تم", "يتم", "وذلك", "الي", "وعلي",
    "علي", "هناك", "هنا", "كذلك", "لكن", "ولكن", "فقط", "جدا", "عبر", "اكثر", "اول", "الف", "يوم", "امس",
    "اليوم", "وقال", "قال", "واضاف", "اضاف", "واكد", "اكد", "اللذين", "اللتين", "ذات", "وفق", "لدى", "بان",
    "فان", "وانه", "لان", "كي", "لكي", "مثل", "سوف", "ب", "و", "ف", "ل", "ك", "the", "of", "and", "to", "in", "a"};

/* Reporting verbs and source phrases (matching form, as word prefixes after و/ف): attribution. */
static const char *const CUES[] = {"قال", "اكد", "اعلن", "اوضح", "ذكر", "اضاف", "صرح", "افاد", "وفقا", "بحسب", "حسب",
                                   "نقلت", "نقل", "كشف", "اشار", "قالت", "اكدت", "اعلنت", "اوضحت", "ذكرت", "افادت",
                                   "اشارت", "كشفت", "اضافت", "صرحت", "يقول", "تقول", "مصدر", "متحدث", "بيان"};

/* One read-only hash set for function words (1) and attribution cues (2), built once. */
#define LEX_SLOTS 1024
static struct lexent { const char *s; uint32_t len, flags; } lex[LEX_SLOTS];
static int lex_ready;
static size_t lex_maxlen; /* the longest entry: longer words are no entry, without hashing them */

static void lex_put(const char *s, uint32_t flag) {
  size_t l = strlen(s), h = hash_bytes(s, l) & (LEX_SLOTS - 1);
  if (l > lex_maxlen) lex_maxlen = l;
  while (lex[h].s && !(lex[h].len == l && !memcmp(lex[h].s, s, l))) h = (h + 1) & (LEX_SLOTS - 1);
  lex[h].s = s; lex[h].len = (uint32_t)l; lex[h].flags |= flag;
}

static void lex_init(void) {
  if (!lex_ready) { /* racing initialisers write identical values */
    for (size_t i = 0; i < sizeof STOP / sizeof STOP[0]; i++) lex_put(STOP[i], 1);
    for (size_t i = 0; i < sizeof CUES / sizeof CUES[0]; i++) lex_put(CUES[i], 2);
    lex_ready = 1;
  }
}

/* The flags of 'w' whose hash_bytes() is 'hv' (a token's hash serves the MinHash too). */
static uint32_t lex_get_h(const char *w, size_t len, uint64_t hv) {
  lex_init();
  if (len > lex_maxlen) return 0;
  size_t h = hv & (LEX_SLOTS - 1);
  while (lex[h].s) {
    if (lex[h].len == len && !memcmp(lex[h].s, w, len)) return lex[h].flags;
    h = (h + 1) & (LEX_SLOTS - 1);
  }
  return 0;
}

static uint32_t lex_get(const char *w, size_t len) {
  lex_init();
  if (len > lex_maxlen) return 0;
  size_t h = hash_bytes(w, len) & (LEX_SLOTS - 1);
  while (lex[h].s) {
    if (lex[h].len == len && !memcmp(lex[h].s, w, len)) return lex[h].flags;
    h = (h + 1) & (LEX_SLOTS - 1);
  }
  return 0;
}

int rasd__story_stop(const char *w, size_t len) { return (lex_get(w, len) & 1) != 0; }

static int is_cue(const char *w, size_t len, uint64_t hv) {
  if ((hv ? lex_get_h(w, len, hv) : lex_get(w, len)) & 2) return 1;
  if (len > 2 && (!memcmp(w, "و", 2) || !memcmp(w, "ف", 2))) return (lex_get(w + 2, len - 2) & 2) != 0;
  return 0;
}

/* ---- fallback tokens (when no analysis tokens are given): matching form, light stem, sentences ---- */

typedef struct ftok { uint32_t start, end, sent; char *form, *stem; uint16_t flen, slen; uint8_t word; } ftok;
typedef struct fsent { uint32_t start, end, tb, te; } fsent;

static int32_t fold(int32_t cp) {
  if (cp == 0x623 || cp == 0x625 || cp == 0x622 || cp == 0x671) return 0x627;
  if (cp == 0x649) return 0x64A;
  if (cp == 0x629) return 0x647;
  if (cp >= 0x660 && cp <= 0x669) return '0' + (cp - 0x660);
  if (cp >= 0x6F0 && cp <= 0x6F9) return '0' + (cp - 0x6F0);
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  return cp;
}

static int is_wordch(int32_t cp) {
  return rasd__is_arabic_letter(cp) || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9) || (cp >= 0xC0 && cp <= 0x24F);
}


/* Strips proclitics and a plural/pronoun suffix from 'w' (matching form) keeping ≥ 3 letters; writes the
 * stem into 'out' (room for n bytes) and returns its length. */
static size_t stem_word(const char *w, size_t n, char *out) {
  static const char *const PRE[] = {"وبال", "وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل"};
  static const char *const SUF[] = {"ات", "ون", "ين", "ان", "ها", "هم", "هما", "كم", "نا", "يه", "ه", "ي"};
  size_t b = 0, e = n;
  for (size_t i = 0; i < sizeof PRE / sizeof PRE[0]; i++) {
    size_t l = strlen(PRE[i]);
    if (n - b >= l + 6 && !memcmp(w + b, PRE[i], l)) { b += l; break; }
  }
  for (size_t i = 0; i < sizeof SUF / sizeof SUF[0]; i++) {
    size_t l = strlen(SUF[i]);
    if (e - b >= l + 6 && !memcmp(w + e - l, SUF[i], l)) { e -= l; break; }
  }
  memcpy(out, w + b, e - b);
  return e - b;
}

static int fallback_tokens(const char *s, size_t len, rasd__arena *ar, ftok **otok, size_t *ontok, fsent **osent,
                           size_t *onsent) {
  size_t cap = 64, n = 0, scap = 16, ns = 0;
  ftok *t = malloc(cap * sizeof *t);
  fsent *st = malloc(scap * sizeof *st);
  char *wb = malloc(len * 2 + 16);
  if (!t || !st || !wb) { free(t); free(st); free(wb); return RASD_ENOMEM; }
  size_t i = 0, sstart = 0, stb = 0;
  while (i < len) {
    size_t p = i;
    int32_t cp = rasd__utf8_next(s, len, &i);
    if (is_wordch(cp)) {
      size_t wl = 0, wend = i;
      size_t q = p;
      while (q < len) {
        size_t r = q;
        int32_t c2 = rasd__utf8_next(s, len, &r);
        if (is_wordch(c2)) wl += (size_t)rasd__utf8_put(wb + wl, fold(c2));
        else if (!rasd__is_arabic_mark(c2)) break;
        q = r;
        wend = r;
      }
      i = wend;
      if (wl > 0xfff0) wl = 0xfff0;
      if (n == cap) {
        ftok *nt = realloc(t, (cap *= 2) * sizeof *t);
        if (!nt) goto oom;
        t = nt;
      }
      ftok *k = &t[n++];
      k->start = (uint32_t)p; k->end = (uint32_t)wend; k->sent = (uint32_t)ns; k->word = 1;
      k->form = rasd__arena_strndup(ar, wb, wl);
      k->flen = (uint16_t)wl;
      char *sb = rasd__arena_alloc(ar, wl + 1);
      if (!k->form || !sb) goto oom;
      k->slen = (uint16_t)stem_word(wb, wl, sb);
      k->stem = sb;
      continue;
    }
    int brk = cp == '.' || cp == '!' || cp == '?' || cp == 0x61F || cp == '\n' || cp == 0x6D4;
    if (brk || i >= len) {
      size_t end = brk ? (cp == '\n' ? p : i) : i;
      if (n > stb) {
        if (ns == scap) {
          fsent *nst = realloc(st, (scap *= 2) * sizeof *st);
          if (!nst) goto oom;
          st = nst;
        }
        st[ns++] = (fsent){(uint32_t)sstart, (uint32_t)end, (uint32_t)stb, (uint32_t)n};
        stb = n;
      }
      sstart = i;
    }
  }
  if (n > stb) {
    if (ns == scap) {
      fsent *nst = realloc(st, (scap + 1) * sizeof *st);
      if (!nst) goto oom;
      st = nst;
    }
    st[ns++] = (fsent){(uint32_t)sstart, (uint32_t)len, (uint32_t)stb, (uint32_t)n};
  }
  free(wb);
  *otok = t; *ontok = n; *osent = st; *onsent = ns;
  return RASD_OK;
oom:
  free(t); free(st); free(wb);
  return RASD_ENOMEM;
}

/* ---- record encoding ---- */

void rasd__put_u_(rasd__buf *b, uint64_t v) {
  if ((b->len + 11 > b->cap || b->oom) && rasd__buf_grow(b, 10)) return; /* room for the longest, written in place */
  char *p = b->s + b->len;
  int n = 0;
  do {
    unsigned char c = v & 0x7f;
    v >>= 7;
    p[n++] = (char)(v ? c | 0x80 : c);
  } while (v);
  b->len += (size_t)n;
  b->s[b->len] = 0;
}
static void put_s(rasd__buf *b, const char *s, size_t n) {
  if (!s) { rasd__put_u(b, 0); return; }
  rasd__put_u(b, n + 1);
  rasd__buf_add(b, s, n);
}
static void put_z(rasd__buf *b, const char *s) { put_s(b, s, s ? strlen(s) : 0); }

/* Writes 'v' as "%.17g" does into 'out' ('cap' bytes) and returns its length: a whole number under 10^15 (most
 * quantities: 3, 2015, 450000) by hand, the rest through snprintf (1,500 instructions a call). */
static size_t num_17g(double v, char *out, size_t cap) {
  if (v > -1e15 && v < 1e15 && v == (double)(int64_t)v && (v != 0 || !signbit(v))) {
    char dg[20];
    int nd = 0;
    uint64_t u = (uint64_t)(v < 0 ? -v : v);
    do dg[nd++] = (char)('0' + u % 10); while (u /= 10);
    size_t n = 0;
    if (v < 0) out[n++] = '-';
    while (nd) out[n++] = dg[--nd];
    out[n] = 0;
    return n;
  }
  int n = snprintf(out, cap, "%.17g", v);
  return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

uint64_t rasd__get_u_(rasd__cur *c) {
  uint64_t v = 0;
  for (int sh = 0; sh < 64; sh += 7) {
    if (c->p >= c->e) { c->bad = 1; return 0; }
    unsigned char x = *c->p++;
    v |= (uint64_t)(x & 0x7f) << sh;
    if (!(x & 0x80)) return v;
  }
  c->bad = 1;
  return 0;
}
/* The next string, copied into 'ar'; with 'ar' NULL it is skipped (and "" returned for a present string). */
static const char *get_s(rasd__cur *c, rasd__arena *ar, uint32_t *len) {
  uint64_t n = rasd__get_u(c);
  if (len) *len = 0;
  if (!n || c->bad) return NULL;
  n--;
  if ((uint64_t)(c->e - c->p) < n) { c->bad = 1; return NULL; }
  const char *s = ar ? rasd__arena_strndup(ar, (const char *)c->p, n) : "";
  c->p += n;
  if (len) *len = (uint32_t)n;
  return s;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Quicksort (median of three, Hoare partition, insertion sort below 24 keys) of 'n' elements of type T by the
 * 32-bit key KEY(x), for the runs too short for a radix sort, whose three passes over 2048 buckets cost more than
 * the keys do; past a depth of 2·log2(n) (a bad pivot sequence) the rest goes to the radix sort RADIX. */
#define RASD__QSORT(name, T, KEY, RADIX)                                                          \
  static void name(T *v, size_t n, int depth) {                                                   \
    while (n > 24) {                                                                               \
      if (depth-- <= 0) { RADIX(v, n); return; }                                                   \
      uint32_t a = KEY(v[0]), b = KEY(v[n / 2]), c = KEY(v[n - 1]);                                \
      uint32_t p = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));          \
      size_t i = (size_t)-1, j = n;                                                                \
      for (;;) {                                                                                   \
        do i++; while (KEY(v[i]) < p);                                                             \
        do j--; while (KEY(v[j]) > p);                                                             \
        if (i >= j) break;                                                                         \
        T t = v[i]; v[i] = v[j]; v[j] = t;                                                         \
      }                                                                                            \
      size_t nl = j + 1; /* [0, j] ≤ p ≤ (j, n) */                                                 \
      if (nl >= n) { RADIX(v, n); return; } /* no progress (cannot happen with a median pivot) */  \
      if (nl < n - nl) { name(v, nl, depth); v += nl; n -= nl; }                                   \
      else { name(v + nl, n - nl, depth); n = nl; }                                                \
    }                                                                                              \
    for (size_t i = 1; i < n; i++) {                                                               \
      T x = v[i];                                                                                  \
      size_t j = i;                                                                                \
      for (; j > 0 && KEY(v[j - 1]) > KEY(x); j--) v[j] = v[j - 1];                                \
      v[j] = x;                                                                                    \
    }                                                                                              \
  }

static int qs_depth(size_t n) {
  int d = 0;
  while (n > 1) n >>= 1, d += 2;
  return d;
}

/* Radix sort of 'n' 32-bit keys by 11-bit digits (qsort when there is no memory for it). */
static void radix_u32(uint32_t *v, size_t n) {
  uint32_t *tmp = malloc(n * sizeof *tmp);
  if (!tmp) { qsort(v, n, sizeof *v, cmp_u32); return; }
  uint32_t *src = v, *dst = tmp;
  for (int sh = 0; sh < 33; sh += 11) {
    size_t cnt[2048] = {0};
    for (size_t i = 0; i < n; i++) cnt[(src[i] >> sh) & 2047]++;
    size_t sum = 0;
    for (size_t d = 0; d < 2048; d++) { size_t t = cnt[d]; cnt[d] = sum; sum += t; }
    for (size_t i = 0; i < n; i++) dst[cnt[(src[i] >> sh) & 2047]++] = src[i];
    uint32_t *t = src; src = dst; dst = t;
  }
  if (src != v) memcpy(v, src, n * sizeof *v);
  free(tmp);
}

#define KEY_U32(x) (x)
RASD__QSORT(qsort_u32, uint32_t, KEY_U32, radix_u32)

/* Sorts 'n' 32-bit keys ascending: quicksort with insertion for short runs, a radix sort for long ones. */
void rasd__sort_u32(uint32_t *v, size_t n) {
  if (n >= 1024) radix_u32(v, n);
  else qsort_u32(v, n, qs_depth(n));
}

/* A uniform view over analysis tokens or fallback tokens. */
typedef struct wtok { const char *form, *stem; size_t flen, slen; uint32_t start, end, sent; int word, stop; uint64_t fh; } wtok;
/* fh: hash_bytes() of the form of a word with a form (0 otherwise), computed once for the stop words, cues and MinHash */

static void form_hashes(wtok *w, size_t n) {
  for (size_t i = 0; i < n; i++) w[i].fh = w[i].word && w[i].flen ? hash_bytes(w[i].form, w[i].flen) : 0;
}

static int get_tokens(const char *s, size_t len, const rasd_tokens *tk, rasd__arena *ar, wtok **out, size_t *n,
                      fsent **sents, size_t *nsent) {
  *out = NULL; *n = 0; *sents = NULL; *nsent = 0;
  if (tk && tk->n_tok) {
    wtok *w = malloc(tk->n_tok * sizeof *w);
    fsent *st = malloc((tk->n_sent + 1) * sizeof *st);
    if (!w || !st) { free(w); free(st); return RASD_ENOMEM; }
    for (size_t i = 0; i < tk->n_tok; i++) {
      const rasd_token *t = &tk->tok[i];
      int word = t->kind == RASD_TOK_WORD || t->kind == RASD_TOK_LATIN || t->kind == RASD_TOK_NUMBER;
      w[i] = (wtok){t->form ? t->form : "", t->stem ? t->stem : "", t->form ? t->form_len : 0,
                    t->stem ? t->stem_len : 0, t->start, t->start + t->len, t->sentence, word,
                    (t->flags & RASD_TOKF_STOP) != 0, 0};
      if (t->kind == RASD_TOK_NUMBER) w[i].stop = 1; /* numbers: shingles only */
    }
    for (size_t i = 0; i < tk->n_sent; i++)
      st[i] = (fsent){tk->sent[i].start, tk->sent[i].end, tk->sent[i].tok_begin, tk->sent[i].tok_end};
    *out = w; *n = tk->n_tok; *sents = st; *nsent = tk->n_sent;
    return RASD_OK;
  }
  ftok *ft; size_t nf; fsent *fs; size_t nfs;
  if (fallback_tokens(s, len, ar, &ft, &nf, &fs, &nfs)) return RASD_ENOMEM;
  wtok *w = malloc((nf + 1) * sizeof *w);
  if (!w) { free(ft); free(fs); return RASD_ENOMEM; }
  for (size_t i = 0; i < nf; i++) {
    int digit = ft[i].flen && ft[i].form[0] >= '0' && ft[i].form[0] <= '9';
    w[i] = (wtok){ft[i].form, ft[i].stem, ft[i].flen, ft[i].slen, ft[i].start, ft[i].end, ft[i].sent, 1, digit, 0};
  }
  free(ft);
  *out = w; *n = nf; *sents = fs; *nsent = nfs;
  return RASD_OK;
}

static int content_word(const wtok *w) {
  if (w->word && w->flen >= 2 && w->form[0] >= '0' && w->form[0] <= '9') return 1; /* numbers tell events apart */
  if (!w->word || w->stop || w->slen < 2) return 0;
  if ((w->fh ? lex_get_h(w->form, w->flen, w->fh) : lex_get(w->form, w->flen)) & 1) return 0;
  /* one Arabic letter (2 bytes) is never a content word */
  return w->slen >= 3 || (unsigned char)w->stem[0] < 0x80;
}

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL; return x ^ (x >> 33);
}

/* Radix sort of 'n' 64-bit words by their low 32 bits (insertion sort when there is no memory for it). */
static void radix_u64_lo(uint64_t *v, size_t n) {
  uint64_t *tmp = malloc(n * sizeof *tmp), *src = v, *dst = tmp;
  if (!tmp) {
    for (size_t i = 1; i < n; i++) {
      uint64_t x = v[i];
      size_t j = i;
      for (; j > 0 && (uint32_t)v[j - 1] > (uint32_t)x; j--) v[j] = v[j - 1];
      v[j] = x;
    }
    return;
  }
  for (int sh = 0; sh < 33; sh += 11) {
    size_t cnt[2048] = {0};
    for (size_t i = 0; i < n; i++) cnt[((uint32_t)src[i] >> sh) & 2047]++;
    size_t sum = 0;
    for (size_t d = 0; d < 2048; d++) { size_t t = cnt[d]; cnt[d] = sum; sum += t; }
    for (size_t i = 0; i < n; i++) dst[cnt[((uint32_t)src[i] >> sh) & 2047]++] = src[i];
    uint64_t *t = src; src = dst; dst = t;
  }
  if (src != v) memcpy(v, src, n * sizeof *v);
  free(tmp);
}

#define KEY_LO(x) ((uint32_t)(x))
RASD__QSORT(qsort_u64_lo, uint64_t, KEY_LO, radix_u64_lo)

/* Sorts 'n' 64-bit words by their low 32 bits (distinct here, so any sort gives one order). */
static void sort_u64_lo(uint64_t *v, size_t n) {
  if (n >= 1024) radix_u64_lo(v, n);
  else qsort_u64_lo(v, n, qs_depth(n));
}

#define MAX_SENT 80
#define LEAD_SENT 1   /* body sentences that count for linking (tuned on eval/stories-dev.tsv) */
#define TITLE_W 6     /* weight of a headline word */
#define LEAD_W 3      /* weight of a lead word */
#define BODY_W 1      /* weight of a later word: background that many stories share */
#define LEAD_WORDS 30 /* ... and at least this many content words */

/* Returns 1 when matching-form word 't' introduces a place: في, على (علي), a place word (منطقة, محافظة, ...). */
/* Returns 1 when word 't' ends as an adjective of origin does (ي, ية: سعودية, يمني), which follows a noun without
 * making a construct. */
static int nisba(const rasd_token *t) {
  const char *f = t->form;
  size_t n = t->form_len;
  return (n >= 2 && !memcmp(f + n - 2, "\xd9\x8a", 2)) || (n >= 4 && !memcmp(f + n - 4, "\xd9\x8a\xd9\x87", 4));
}

static int place_cue(const rasd_token *t) {
  static const char *const CUE[] = {"في", "علي", "الي", "منطقه", "محافظه", "مدينه", "مركز", "شرق", "غرب", "جنوب", "شمال",
                                    "وسط", "شرقي", "غربي", "جنوبي", "شمالي", "بمنطقه", "بمحافظه", "بمدينه"};
  if (!t->form) return 0;
  for (size_t i = 0; i < sizeof CUE / sizeof *CUE; i++)
    if (t->form_len == strlen(CUE[i]) && !memcmp(t->form, CUE[i], t->form_len)) return 1;
  return 0;
}

/* Returns 1 when headline tokens 'tt' (may be NULL) name the entity of canonical form 'canon' and type 'type': the
 * last word of 3 or more letters of that form (a surname, the place of "منطقة عسير") is a headline word, both without
 * proclitics. A place counts only where the headline says something happened there (after في, على, منطقة, with
 * ب, after a word with ب: "بمطار عدن", as the rest of such a name: "في المدينة المنورة", or listed with و after such a
 * place: "على عسير والباحة", or after a noun whose place it is: "أمطار عسير", "جوازات حائل"), not as the one who
 * acts ("البحرين تدين"). 'cues' marks the headline words that are place cues (place_cue()). */
/* Per-thread memo of the last content word of an entity's canonical form (the same entities come back in article
 * after article, and tokenizing each was 1 % of a run): 'b' its bare form, blen 0 when it has none. */
#define LW_BITS 15
#define LW_STR 62
typedef struct lw_memo {
  uint64_t h;
  uint8_t len, blen;
  char s[LW_STR], b[LW_STR];
} lw_memo;
static _Thread_local lw_memo *lw_tab; /* allocated on first use (static TLS would be cleared at every start) */
static pthread_key_t lw_key;
static pthread_once_t lw_once = PTHREAD_ONCE_INIT;
static void lw_key_init(void) { (void)pthread_key_create(&lw_key, free); }

/* The bare form of the last word of 'canon' of 6 bytes or more that is no stop word (*b, *blen; 0 when none): from
 * the memo, else from *ct, a tokenization the caller frees. 0 when out of memory. */
static int last_word(const char *canon, const char **b, size_t *blen, rasd_tokens **ct) {
  size_t len = strlen(canon);
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)canon[i]) * 0x100000001b3ull;
  h |= 1; /* 0: an empty slot */
  if (!lw_tab) {
    pthread_once(&lw_once, lw_key_init);
    if ((lw_tab = calloc(1u << LW_BITS, sizeof *lw_tab))) (void)pthread_setspecific(lw_key, lw_tab);
  }
  lw_memo *m = lw_tab && len < LW_STR ? &lw_tab[h & ((1u << LW_BITS) - 1)] : NULL;
  if (m && m->h == h && m->len == len && !memcmp(m->s, canon, len)) {
    *b = m->b, *blen = m->blen;
    return 1;
  }
  if (!(*ct = rasd_tokenize(canon, len))) return 0;
  const rasd_token *last = NULL;
  for (size_t i = 0; i < (*ct)->n_tok; i++) {
    const rasd_token *t = &(*ct)->tok[i];
    if (t->kind == RASD_TOK_WORD && t->bare && t->bare_len >= 6 && !(t->flags & RASD_TOKF_STOP)) last = t;
  }
  *b = last ? last->bare : NULL, *blen = last ? last->bare_len : 0;
  if (m && *blen < LW_STR) {
    m->h = h, m->len = (uint8_t)len, m->blen = (uint8_t)*blen;
    memcpy(m->s, canon, len);
    if (*blen) memcpy(m->b, *b, *blen);
  }
  return 1;
}

static int in_headline(const rasd_tokens *tt, const uint8_t *cues, const char *canon, uint32_t type) {
  if (!tt || !tt->n_tok || !canon || !*canon || (type != RASD_ENT_LOC && type != RASD_ENT_PER)) return 0;
  rasd_tokens *ct = NULL;
  const char *lb;
  size_t lbl;
  if (!last_word(canon, &lb, &lbl, &ct)) return 0;
  const struct { const char *bare; size_t bare_len; } lw = {lb, lbl}, *last = lbl ? &lw : NULL;
  /* placed: the word before is a place where something happened (a list goes on with و); direct: it was so by a
   * cue or ب of its own (the next word may be the rest of its name: في المدينة المنورة) */
  int hit = 0, placed = 0, direct = 0;
  for (size_t i = 0; last && i < tt->n_tok && !hit; i++) {
    const rasd_token *t = &tt->tok[i];
    if (t->kind != RASD_TOK_WORD) continue;
    const rasd_token *p = i ? &tt->tok[i - 1] : NULL;
    int cue = p && cues[i - 1], ba = t->form && t->form_len > t->bare_len && !memcmp(t->form, "\xd8\xa8", 2);
    int same = t->bare && t->bare_len == last->bare_len && !memcmp(t->bare, last->bare, last->bare_len);
    /* the tokenizer leaves ب on some names it does not know: بنجران, بأبين, بلحج */
    if (!same && t->bare && t->bare_len == last->bare_len + 2 && !memcmp(t->bare, "\xd8\xa8", 2) &&
        !memcmp(t->bare + 2, last->bare, last->bare_len))
      same = ba = 1;
    int wa = t->form && t->form_len > t->bare_len && !memcmp(t->form, "\xd9\x88", 2);
    /* or in a construct after a word with ب: بمطار عدن, بانتخابات الأحساء */
    int prevba = p && p->kind == RASD_TOK_WORD && p->form && p->form_len > 2 && !memcmp(p->form, "\xd8\xa8", 2);
    /* or as the second term of a construct, the word before without ال: أمطار عسير, مدني جازان, جوازات حائل (not an
     * adjective of origin after a noun: طائرة سعودية) */
    int idafa = same && p && p->kind == RASD_TOK_WORD && p->form && p->form_len >= 6 && !(p->flags & RASD_TOKF_STOP) &&
                memcmp(p->form, "\xd8\xa7\xd9\x84", 4) != 0 && !cues[i - 1] && t->form && !nisba(t);
    int dir = cue || ba || prevba || idafa;
    int here = dir || (placed && wa) || direct;
    hit = same && (type != RASD_ENT_LOC || here);
    placed = here && !cues[i];
    direct = dir && !cues[i];
  }
  rasd_tokens_free(ct);
  return hit;
}

/* The family name of person 'canon' (its canonical form) into 'out' (room for 64 bytes), as "\x01\x02" and the
 * matching form of its last word; its length, 0 when none: the last word after بن or ابن that is no given name
 * (سعد بن لادن, عائلة بن لادن: لادن; not محمد بن نواف, a father's name). Two members of one family are two
 * entities, and a story of both (a plane crash that killed some of the Bin Laden family, the ambassador's statement
 * naming another) needs what they share. */
static size_t family_word(const char *canon, char *out) {
  if (!canon) return 0;
  const char *w[2] = {NULL, NULL};
  size_t wl[2] = {0, 0};
  for (const char *p = canon; *p;) {
    while (*p == ' ') p++;
    const char *b = p;
    while (*p && *p != ' ') p++;
    if (p > b) w[0] = w[1], wl[0] = wl[1], w[1] = b, wl[1] = (size_t)(p - b);
  }
  if (!w[0] || wl[1] < 6 || wl[1] > 30) return 0;
  int part = (wl[0] == 4 && !memcmp(w[0], "بن", 4)) || (wl[0] == 6 && !memcmp(w[0], "ابن", 6));
  int words;
  if (!part || rasd__given_name_en(w[1], wl[1], NULL, 0, &words)) return 0;
  out[0] = 1, out[1] = 2;
  return 2 + rasd__lx_norm(w[1], wl[1], out + 2);
}

int rasd__rec_build(rasd__strtab *terms, const rasd_doc *d, const char *outlet, const rasd_analysis *a, const int32_t *reg_ids,
                    rasd__buf *out) {
  int rc = RASD_ENOMEM;
  rasd__arena *ar = rasd__arena_new(4096);
  wtok *w = NULL, *tw = NULL; fsent *st = NULL, *tst = NULL;
  size_t nw = 0, ntw = 0, nst = 0, ntst = 0;
  rasd__tf *tf = NULL; size_t ntf = 0;
  uint32_t *stt = NULL; size_t nstt = 0, cstt = 0;
  uint32_t *sflags = NULL;
  int32_t *tid = NULL;
  rasd_tokens *own = NULL, *town = NULL;
  if (!ar) goto done;
  const char *text = d->text ? d->text : "";
  size_t tlen = d->text ? d->text_len : 0;
  /* the token arrays point into 'own' and 'town': they live until the end */
  const rasd_tokens *tk = a ? a->tokens : NULL;
  if (!tk || !tk->n_tok) own = rasd_tokenize(text, tlen), tk = own;
  rc = get_tokens(text, tlen, tk, ar, &w, &nw, &st, &nst);
  if (rc) goto done;
  form_hashes(w, nw);
  rc = RASD_ENOMEM;
  if (d->title && *d->title) {
    town = rasd_tokenize(d->title, strlen(d->title));
    if (get_tokens(d->title, strlen(d->title), town, ar, &tw, &ntw, &tst, &ntst)) goto done;
  }
  /* Term counts for linking: the headline (weight TITLE_W) and the lead (first LEAD_SENT sentences): what
   * happened is said there, while later paragraphs bring background that many stories share. The id of
   * every content token is kept for the sentence records below. */
  tid = malloc((nw + ntw + 1) * sizeof *tid);
  if (!tid) goto done;
  const uint32_t lead = LEAD_SENT, tw_w = TITLE_W;
  const size_t lead_words = LEAD_WORDS;
  size_t nlead = 0;
  /* Interning, for speed: the article's distinct stems first (a small local table), then all of them looked up in
   * the corpus table at once with prefetches, so that its cache misses overlap; new stems are added in order of
   * first occurrence, which gives the ids one lookup per token would give. Until then 'tid' and 'tf' hold indices
   * of the distinct stems. */
  size_t lcn = 64, nuq = 0;
  while (lcn < 2 * (nw + ntw)) lcn *= 2;
  uint32_t *lc = calloc(lcn, sizeof *lc);
  struct uq { const char *s; uint64_t h; uint32_t len; int32_t id; uint32_t tf; } *uq = malloc((nw + ntw + 1) * sizeof *uq);
  if (!lc || !uq) { free(lc); free(uq); goto done; }
  for (int pass = 0; pass < 2; pass++) {
    wtok *v = pass ? tw : w;
    size_t nv = pass ? ntw : nw;
    int32_t *ids = pass ? tid + nw : tid;
    for (size_t i = 0; i < nv; i++) {
      ids[i] = -1;
      /* a headline's numbers tell events apart, one digit included ("5 killed", "13 cars") */
      int hnum = pass && v[i].word && v[i].flen == 1 && v[i].form[0] >= '0' && v[i].form[0] <= '9';
      if (!hnum && !content_word(&v[i])) continue;
      uint64_t h = intern_hash(v[i].stem, v[i].slen);
      size_t k = (size_t)(h >> 40) & (lcn - 1);
      while (lc[k] && !(uq[lc[k] - 1].h == h && uq[lc[k] - 1].len == v[i].slen && !memcmp(uq[lc[k] - 1].s, v[i].stem, v[i].slen)))
        k = (k + 1) & (lcn - 1);
      if (!lc[k]) {
        uq[nuq] = (struct uq){v[i].stem, h, (uint32_t)v[i].slen, -1, 0};
        lc[k] = (uint32_t)++nuq;
        __builtin_prefetch(&terms->slot[(uint32_t)h & (terms->nslot - 1)]);
      }
      ids[i] = (int32_t)lc[k] - 1;
      uint32_t wt = pass ? tw_w : BODY_W;
      if (!pass && (v[i].sent < lead || nlead < lead_words)) nlead++, wt = LEAD_W;
      uq[lc[k] - 1].tf += wt;
    }
  }
  free(lc);
  /* the first slot of each stem (prefetched above): a likely id, whose string is fetched next */
  for (size_t u = 0; u < nuq; u++) {
    uint64_t x = terms->slot[(uint32_t)uq[u].h & (terms->nslot - 1)];
    uq[u].id = x && (uint32_t)(x >> 32) == (uint32_t)uq[u].h ? (int32_t)((uint32_t)x - 1) : -1;
    if (uq[u].id >= 0) __builtin_prefetch(&terms->str[uq[u].id]), __builtin_prefetch(&terms->len[uq[u].id]);
  }
  for (size_t u = 0; u < nuq; u++)
    if (uq[u].id >= 0) __builtin_prefetch(terms->str[uq[u].id]);
  for (size_t u = 0; u < nuq; u++) {
    int32_t g = uq[u].id;
    if (g >= 0 && terms->len[g] == uq[u].len && !memcmp(terms->str[g], uq[u].s, uq[u].len)) continue;
    int64_t id = strtab_id_h(terms, uq[u].s, uq[u].len, (uint32_t)uq[u].h, 1);
    if (id < 0) { free(uq); goto done; }
    uq[u].id = (int32_t)id;
  }
  for (size_t i = 0; i < nw + ntw; i++)
    if (tid[i] >= 0) tid[i] = uq[tid[i]].id;
  /* the term counts: one per distinct stem (distinct ids), sorted by id as 64-bit words whose low half is the id */
  tf = malloc((nuq + 1) * sizeof *tf);
  uint64_t *tk64 = malloc((nuq + 1) * sizeof *tk64);
  if (!tf || !tk64) { free(tk64); free(uq); goto done; }
  for (size_t u = 0; u < nuq; u++) tk64[u] = (uint64_t)uq[u].tf << 32 | (uint32_t)uq[u].id;
  free(uq);
  sort_u64_lo(tk64, nuq);
  for (size_t u = 0; u < nuq; u++) tf[u] = (rasd__tf){(uint32_t)tk64[u], (uint32_t)(tk64[u] >> 32)};
  free(tk64);
  ntf = nuq;
  /* entities: interned as "\x01" + key */
  size_t n_ent = a ? a->n_entities : 0;
  uint32_t *ent_ids = calloc(3 * n_ent + 1, sizeof *ent_ids), *link_ids = ent_ids + n_ent, *fam_ids = link_ids + n_ent;
  if (!ent_ids) goto done;
  for (size_t i = 0; i < n_ent; i++) {
    const rasd_doc_entity *e = &a->entities[i];
    char rk[24];
    for (int pass = 0; pass < 2; pass++) {
      const char *k = e->key && *e->key ? e->key : e->canonical;
      if (!pass && reg_ids && reg_ids[i] >= 0) { /* "r%d", without snprintf (700 instructions a call) */
        char dg[12];
        int nd = 0;
        for (uint32_t v = (uint32_t)reg_ids[i]; nd == 0 || v; v /= 10) dg[nd++] = (char)('0' + v % 10);
        rk[0] = 'r';
        for (int q = 0; q < nd; q++) rk[1 + q] = dg[nd - 1 - q];
        rk[1 + nd] = 0;
        k = rk;
      }
      if (!k) k = "";
      size_t kl = strlen(k);
      char *kk = rasd__arena_alloc(ar, kl + 2);
      if (!kk) { free(ent_ids); goto done; }
      kk[0] = 1;
      memcpy(kk + 1, k, kl);
      int64_t id = rasd__strtab_id(terms, kk, kl + 1, 1);
      if (id < 0) { free(ent_ids); goto done; }
      (pass ? link_ids : ent_ids)[i] = (uint32_t)id;
    }
  }
  /* family names of its people (family_word()), each once, after its entities */
  size_t n_fam = 0;
  for (size_t i = 0; i < n_ent; i++) {
    char fw[72];
    size_t fl = a->entities[i].type == RASD_ENT_PER ? family_word(a->entities[i].canonical, fw) : 0;
    if (!fl) continue;
    int64_t id = rasd__strtab_id(terms, fw, fl, 1);
    if (id < 0) { free(ent_ids); goto done; }
    size_t k = 0;
    while (k < n_fam && fam_ids[k] != (uint32_t)id) k++;
    if (k == n_fam) fam_ids[n_fam++] = (uint32_t)id;
  }
  /* header */
  put_z(out, d->id); put_z(out, outlet); put_z(out, d->date); put_z(out, d->title); put_z(out, d->url);
  rasd__put_u(out, ntf);
  uint32_t prev = 0;
  for (size_t i = 0; i < ntf; i++) { rasd__put_u(out, tf[i].id - prev); prev = tf[i].id; rasd__put_u(out, tf[i].tf); }
  /* MinHash by one-permutation hashing over 3-word shingles of the matching form (body only). */
  {
    uint64_t mins[RASD__SIG_N];
    for (int k = 0; k < RASD__SIG_N; k++) mins[k] = UINT64_MAX;
    uint64_t h1 = 0, h2 = 0;
    size_t nwords = 0, nsh = 0;
    for (size_t i = 0; i < nw; i++) {
      if (!w[i].word || !w[i].flen) continue;
      uint64_t h = w[i].fh;
      if (++nwords >= 3) {
        uint64_t x = mix64(h1 * 0x9E3779B97F4A7C15ULL ^ (h2 * 0xC2B2AE3D27D4EB4FULL) ^ h);
        int b = (int)(x >> 58);
        uint64_t v = x & 0x03ffffffffffffffULL;
        if (v < mins[b]) mins[b] = v;
        nsh++;
      }
      h1 = h2; h2 = h;
    }
    if (nsh >= 8) {
      rasd__put_u(out, 1);
      for (int k = 0; k < RASD__SIG_N; k++) {
        int j = k, hop = 0;
        while (mins[j] == UINT64_MAX) j = (j + 1) % RASD__SIG_N, hop++;
        uint16_t v = (uint16_t)(mix64(mins[j] + (uint64_t)hop * 0x9E3779B97F4A7C15ULL) >> 48);
        rasd__put_u(out, v);
      }
    } else rasd__put_u(out, 0);
  }
  /* mentioned full dates */
  size_t nt = a ? a->n_timex : 0, ndays = 0;
  for (size_t i = 0; i < nt; i++) ndays += rasd__day(a->timex[i].value) != RASD__NO_DAY;
  rasd__put_u(out, ndays);
  for (size_t i = 0; i < nt; i++) {
    int32_t dd = rasd__day(a->timex[i].value);
    if (dd != RASD__NO_DAY) rasd__put_u(out, (uint64_t)(int64_t)dd + (1ULL << 32));
  }
  /* sentences: title first (flag TITLE), then up to MAX_SENT body sentences */
  size_t nbody = nst < MAX_SENT ? nst : MAX_SENT;
  sflags = calloc(nbody + 1, sizeof *sflags);
  if (!sflags) { free(ent_ids); goto done; }
  for (size_t i = 0; i < nt; i++)
    if (a->timex[i].value && a->timex[i].sentence < nbody) sflags[a->timex[i].sentence] |= RASD__S_DATE;
  for (size_t i = 0; a && i < a->n_quantities; i++)
    if (a->quantities[i].sentence < nbody) sflags[a->quantities[i].sentence] |= RASD__S_NUM;
  /* quote → sentence by offset */
  uint32_t *qsent = calloc((a ? a->n_quotes : 0) + 1, sizeof *qsent);
  if (!qsent) { free(ent_ids); goto done; }
  for (size_t i = 0; a && i < a->n_quotes; i++) {
    uint32_t qs = a->quotes[i].start, k = 0;
    size_t lo = 0, hi = nst;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (st[mid].start <= qs) lo = mid + 1;
      else hi = mid;
    }
    k = lo ? (uint32_t)lo - 1 : 0;
    qsent[i] = k;
    if (k < nbody) sflags[k] |= RASD__S_QUOTE | RASD__S_ATTR;
  }
  rasd__put_u(out, nbody + (ntw ? 1 : 0));
  for (int pass = 0; pass < 2; pass++) {
    size_t ns = pass ? nbody : (ntw ? 1 : 0);
    for (size_t si = 0; si < ns; si++) {
      const char *s0; size_t sl; wtok *v; size_t tb, te;
      if (!pass) { s0 = d->title; sl = strlen(d->title); v = tw; tb = 0; te = ntw; }
      else {
        fsent *S = &st[si];
        size_t e = S->end <= tlen ? S->end : tlen, b = S->start <= e ? S->start : e;
        s0 = text + b; sl = e - b; v = w; tb = S->tb; te = S->te <= nw ? S->te : nw;
      }
      while (sl && (unsigned char)s0[0] <= ' ') s0++, sl--;
      while (sl && (unsigned char)s0[sl - 1] <= ' ') sl--;
      nstt = 0;
      uint32_t fl = pass ? sflags[si] : RASD__S_TITLE;
      if (pass) { /* a paragraph starts here: only blanks between the previous line break and the sentence */
        size_t b = st[si].start <= tlen ? st[si].start : tlen;
        while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r')) b--;
        if (b == 0 || text[b - 1] == '\n') fl |= RASD__S_PARA;
      }
      for (size_t k = tb; k < te; k++) {
        if (pass && is_cue(v[k].form, v[k].flen, v[k].fh)) fl |= RASD__S_ATTR;
        int32_t id = pass ? tid[k] : tid[nw + k];
        if (id < 0) continue;
        if (RASD__VEC_PUSH(stt, nstt, cstt, (uint32_t)id)) { free(ent_ids); free(qsent); goto done; }
      }
      rasd__sort_u32(stt, nstt);
      size_t u = 0;
      for (size_t k = 0; k < nstt; k++)
        if (!u || stt[u - 1] != stt[k]) stt[u++] = stt[k];
      put_s(out, s0, sl);
      rasd__put_u(out, fl);
      rasd__put_u(out, pass ? si : 0);
      rasd__put_u(out, u);
      prev = 0;
      for (size_t k = 0; k < u; k++) { rasd__put_u(out, stt[k] - prev); prev = stt[k]; }
    }
  }
  int off = ntw ? 1 : 0; /* sentence indices in the record are shifted by the title */
  /* timeline candidates: the analysis' events, and every other resolved date (one per sentence and value) */
  {
    size_t nev = 0, cap = (a ? a->n_events + a->n_timex : 0) + 1;
    const char **evd = malloc(cap * sizeof *evd);
    uint32_t *evs = malloc(cap * sizeof *evs);
    if (!evd || !evs) { free(evd); free(evs); free(ent_ids); free(qsent); goto done; }
    for (size_t i = 0; a && i < a->n_events + a->n_timex; i++) {
      const char *dv = i < a->n_events ? a->events[i].date : a->timex[i - a->n_events].value;
      uint32_t sn = i < a->n_events ? a->events[i].sentence : a->timex[i - a->n_events].sentence;
      if (!dv || !*dv || sn >= nbody) continue;
      int seen = 0;
      for (size_t k = 0; k < nev && !seen; k++) seen = evs[k] == sn && !strcmp(evd[k], dv);
      if (!seen) evd[nev] = dv, evs[nev++] = sn;
    }
    rasd__put_u(out, nev);
    for (size_t k = 0; k < nev; k++) { put_z(out, evd[k]); rasd__put_u(out, evs[k] + (uint32_t)off); }
    free(evd);
    free(evs);
  }
  /* quotes */
  size_t nq = a ? a->n_quotes : 0;
  rasd__put_u(out, nq);
  for (size_t i = 0; i < nq; i++) {
    const rasd_quote *q = &a->quotes[i];
    const char *key = NULL;
    if (q->speaker_entity >= 0 && (size_t)q->speaker_entity < n_ent) key = terms->str[ent_ids[q->speaker_entity]] + 1;
    put_z(out, q->speaker); put_z(out, key); put_z(out, q->cue); put_z(out, q->text);
    rasd__put_u(out, q->direct ? 1 : 0);
    rasd__put_u(out, qsent[i] < nbody ? qsent[i] + (uint32_t)off : UINT32_MAX);
  }
  free(qsent);
  /* quantities */
  size_t nqt = a ? a->n_quantities : 0, nqk = 0;
  for (size_t i = 0; i < nqt; i++) nqk += a->quantities[i].sentence < nbody;
  rasd__put_u(out, nqk);
  for (size_t i = 0; i < nqt; i++) {
    const rasd_quantity *q = &a->quantities[i];
    if (q->sentence >= nbody) continue;
    char num[64];
    put_s(out, num, num_17g(q->value, num, sizeof num)); put_z(out, q->unit); put_z(out, q->text);
    rasd__put_u(out, q->sentence + (uint32_t)off);
  }
  /* entities; RASD__ENT_HEAD on the type of those the headline names (its place cues found once, not per entity) */
  uint8_t *hcues = town && town->n_tok ? rasd__arena_alloc(ar, town->n_tok) : NULL;
  if (town && town->n_tok && !hcues) { free(ent_ids); goto done; }
  for (size_t i = 0; hcues && i < town->n_tok; i++) hcues[i] = (uint8_t)place_cue(&town->tok[i]);
  rasd__put_u(out, n_ent + n_fam);
  for (size_t i = 0; i < n_ent; i++) {
    const rasd_doc_entity *e = &a->entities[i];
    uint32_t ty = e->type | (in_headline(town, hcues, e->canonical, e->type) ? RASD__ENT_HEAD : 0) |
                  /* a public body speaks in many stories (the aviation authority on a sandstorm, on a crash): naming
                   * the same one is no story, as naming the same country is none */
                  (e->type == RASD_ENT_ORG && rasd__public_body_name(e->canonical) ? RASD__ENT_INST : 0);
    rasd__put_u(out, link_ids[i]); rasd__put_u(out, ent_ids[i]); rasd__put_u(out, ty); rasd__put_u(out, e->n_mentions);
    put_z(out, e->canonical); put_z(out, e->en);
  }
  for (size_t i = 0; i < n_fam; i++) {
    rasd__put_u(out, fam_ids[i]); rasd__put_u(out, RASD__VKEY_FAMILY); rasd__put_u(out, RASD_ENT_PER); rasd__put_u(out, 1);
    put_z(out, NULL); put_z(out, NULL);
  }
  free(ent_ids);
  rc = out->oom ? RASD_ENOMEM : RASD_OK;
done:
  free(w); free(tw); free(st); free(tst); free(tf); free(stt); free(sflags); free(tid);
  rasd_tokens_free(own); rasd_tokens_free(town);
  rasd__arena_free(ar);
  return rc;
}

int rasd__rec_head(const unsigned char *p, size_t n, rasd__arena *ar, rasd__rec *r) {
  rasd__cur c = {p, p + n, 0};
  memset(r, 0, sizeof *r);
  r->id = get_s(&c, ar, NULL); r->outlet = get_s(&c, ar, NULL); r->date = get_s(&c, ar, NULL);
  r->title = get_s(&c, ar, NULL); r->url = get_s(&c, ar, NULL);
  uint64_t nt = rasd__get_u(&c);
  if (c.bad || nt > n) return RASD_EFORMAT;
  for (uint64_t i = 0; i < 2 * nt && !c.bad; i++) rasd__get_u(&c); /* the terms, skipped */
  r->has_sig = (uint32_t)rasd__get_u(&c);
  if (r->has_sig)
    for (int k = 0; k < RASD__SIG_N; k++) r->sig[k] = (uint16_t)rasd__get_u(&c);
  return c.bad ? RASD_EFORMAT : RASD_OK;
}

int rasd__rec_decode(const unsigned char *p, size_t n, rasd__arena *ar, rasd__rec *r) {
  return rasd__rec_decode_ex(p, n, ar, r, 1);
}

int rasd__rec_decode_ex(const unsigned char *p, size_t n, rasd__arena *ar, rasd__rec *r, int full) {
  rasd__cur c = {p, p + n, 0};
  memset(r, 0, sizeof *r);
  rasd__arena *sa = full ? ar : NULL; /* where strings go: nowhere when linking */
  r->id = get_s(&c, sa, NULL); r->outlet = get_s(&c, sa, NULL); r->date = get_s(&c, sa, NULL);
  r->title = get_s(&c, sa, NULL); r->url = get_s(&c, sa, NULL);
#define GETN(field, nfield, lim)                                            \
  do {                                                                      \
    uint64_t n_ = rasd__get_u(&c);                                                \
    if (c.bad || n_ > (lim)) return RASD_EFORMAT;                           \
    nfield = (uint32_t)n_;                                                  \
    field = rasd__arena_alloc(ar, (n_ + 1) * sizeof *field);                \
    if (!field) return RASD_ENOMEM;                                         \
  } while (0)
  GETN(r->terms, r->n_terms, n);
  uint32_t prev = 0;
  for (uint32_t i = 0; i < r->n_terms; i++) { prev += (uint32_t)rasd__get_u(&c); r->terms[i].id = prev; r->terms[i].tf = (uint32_t)rasd__get_u(&c); }
  r->has_sig = (uint32_t)rasd__get_u(&c);
  if (r->has_sig)
    for (int k = 0; k < RASD__SIG_N; k++) r->sig[k] = (uint16_t)rasd__get_u(&c);
  GETN(r->days, r->n_days, n);
  for (uint32_t i = 0; i < r->n_days; i++) r->days[i] = (int32_t)((int64_t)rasd__get_u(&c) - (1LL << 32));
  GETN(r->sent, r->n_sent, n);
  for (uint32_t i = 0; i < r->n_sent; i++) {
    rasd__rsent *s = &r->sent[i];
    s->text = get_s(&c, sa, &s->len);
    if (!s->text) s->text = "";
    s->flags = (uint32_t)rasd__get_u(&c); s->pos = (uint32_t)rasd__get_u(&c);
    if (!full && i > 0) { /* linking reads the headline's terms only */
      uint64_t nt = rasd__get_u(&c);
      if (c.bad || nt > n) return RASD_EFORMAT;
      for (uint64_t k = 0; k < nt; k++) rasd__get_u(&c);
      continue;
    }
    GETN(s->terms, s->n_terms, n);
    prev = 0;
    for (uint32_t k = 0; k < s->n_terms; k++) { prev += (uint32_t)rasd__get_u(&c); s->terms[k] = prev; }
  }
  if (!full) { /* events, quotes and quantities: skipped */
    uint64_t k = rasd__get_u(&c);
    for (uint64_t i = 0; i < k && !c.bad; i++) get_s(&c, NULL, NULL), rasd__get_u(&c);
    k = rasd__get_u(&c);
    for (uint64_t i = 0; i < k && !c.bad; i++) get_s(&c, NULL, NULL), get_s(&c, NULL, NULL), get_s(&c, NULL, NULL), get_s(&c, NULL, NULL), rasd__get_u(&c), rasd__get_u(&c);
    k = rasd__get_u(&c);
    for (uint64_t i = 0; i < k && !c.bad; i++) get_s(&c, NULL, NULL), get_s(&c, NULL, NULL), get_s(&c, NULL, NULL), rasd__get_u(&c);
    if (c.bad) return RASD_EFORMAT;
  } else {
  GETN(r->ev, r->n_ev, n);
  for (uint32_t i = 0; i < r->n_ev; i++) { r->ev[i].date = get_s(&c, ar, NULL); r->ev[i].sent = (uint32_t)rasd__get_u(&c); }
  GETN(r->q, r->n_q, n);
  for (uint32_t i = 0; i < r->n_q; i++) {
    rasd__rquote *q = &r->q[i];
    q->speaker = get_s(&c, ar, NULL); q->key = get_s(&c, ar, NULL); q->cue = get_s(&c, ar, NULL);
    q->text = get_s(&c, ar, NULL); q->direct = (uint32_t)rasd__get_u(&c); q->sent = (uint32_t)rasd__get_u(&c);
  }
  GETN(r->qt, r->n_qt, n);
  for (uint32_t i = 0; i < r->n_qt; i++) {
    const char *num = get_s(&c, ar, NULL);
    r->qt[i].value = num ? strtod(num, NULL) : 0;
    r->qt[i].unit = get_s(&c, ar, NULL); r->qt[i].text = get_s(&c, ar, NULL); r->qt[i].sent = (uint32_t)rasd__get_u(&c);
  }
  }
  GETN(r->ent, r->n_ent, n);
  for (uint32_t i = 0; i < r->n_ent; i++) {
    rasd__rent *e = &r->ent[i];
    e->key = (uint32_t)rasd__get_u(&c); e->vkey = (uint32_t)rasd__get_u(&c); e->type = (uint32_t)rasd__get_u(&c);
    e->head = (e->type & RASD__ENT_HEAD) != 0, e->inst = (e->type & RASD__ENT_INST) != 0;
    e->type &= ~(uint32_t)(RASD__ENT_HEAD | RASD__ENT_INST); e->n = (uint32_t)rasd__get_u(&c);
    e->canonical = get_s(&c, sa, NULL); e->en = get_s(&c, sa, NULL);
  }
#undef GETN
  return c.bad ? RASD_EFORMAT : RASD_OK;
}

/* ---- the event test of the join score: does the article report the same happening as the story? ---- */

/* Weights of the event test: miss, gen, shift and core tuned on half A of eval/stories-dev.tsv (see
 * eval/stories_dev.sh); size (past a knee of 12 articles) and age (past a week) set on the 29k SaudiNewsNet articles,
 * where topics otherwise chain into stories of many hundred articles over weeks (one day of dev set never gets there).
 * RASD_STORY_TUNE="jmiss=…,jgen=…,jshift=…,jcore=…,jsize=…,jknee=…,jage=…,jgrace=…" (shared with corpus.c, which ignores
 * these keys) overrides them. */
static struct jweights { double miss, gen, shift, core, size, knee, age, grace; } JW = {0.154, 0.16, -0.079, 0.5, 0.1, 12, 0.4, 7};
void rasd__story_tune(const char *const *keys, double *const *dst, size_t n) {
  const char *e = getenv("RASD_STORY_TUNE");
  while (e && *e) {
    char k[16];
    double v;
    int used = 0;
    if (sscanf(e, "%15[a-z]=%lf%n", k, &v, &used) != 2) break;
    for (size_t i = 0; i < n; i++)
      if (!strcmp(k, keys[i])) *dst[i] = v;
    e += used;
    if (*e == ',') e++;
  }
}

static void jtune_load(void) {
  static int done;
  if (done) return;
  done = 1;
  static const char *const keys[] = {"jmiss", "jgen", "jshift", "jcore", "jsize", "jknee", "jage", "jgrace"};
  double *const dst[] = {&JW.miss, &JW.gen, &JW.shift, &JW.core, &JW.size, &JW.knee, &JW.age, &JW.grace};
  rasd__story_tune(keys, dst, sizeof keys / sizeof *keys);
}

static int cmp_u32k(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

void rasd__join_prep(const rasd_corpus *c, const rasd__rec *r, const rasd__vw *v, uint32_t nv, rasd__jart *j) {
  jtune_load();
  j->nk = 0;
  for (uint32_t i = 0; i < r->n_ent && j->nk < 64; i++)
    if (!r->ent[i].inst) j->keys[j->nk++] = r->ent[i].key;
  qsort(j->keys, j->nk, sizeof *j->keys, cmp_u32k);
  /* how generic the article's words are (1 − the mean IDF of its link vector over log N): a report in common
   * words (weather, weddings, accidents) matches others of its kind by those words alone, so it needs more */
  double lnN = log((double)c->n_linked + 2);
  double gi = 0, gw = 0;
  for (uint32_t k = 0; k < nv; k++) gi += v[k].w * rasd__idf(c, v[k].id), gw += v[k].w;
  double gen = gw > 0 && lnN > 0 ? 1 - (gi / gw) / lnN : 0;
  j->gen = gen < 0 ? 0 : gen;
  j->day = rasd__day(r->date);
  if (j->day == RASD__NO_DAY) j->day = c->cur_day;
}

double rasd__join_event(const rasd_corpus *c, const rasd__story *s, const rasd__jart *j, double *feat) {
  /* the participants the story is about (entities named by at least a share JW.core of its articles, weighted
   * by rarity and by that share) that the article does not name: the score's entity share only looks the other
   * way (the article's entities found in the story), so a story about one king's call with X took a report
   * of his call with Y */
  const uint32_t *keys = j->keys, nk = j->nk;
  double cw = 0, cmiss = 0;
  uint32_t no = s->n_orig ? s->n_orig : 1;
  for (uint32_t i = 0; i < s->n_ents; i++) {
    double f = (double)s->ents[i].tf / no;
    if (f < JW.core) continue;
    double w = rasd__idf(c, s->ents[i].id) * f;
    cw += w;
    uint32_t lo = 0, hi = nk;
    while (lo < hi) {
      uint32_t m = (lo + hi) / 2;
      if (keys[m] < s->ents[i].id) lo = m + 1;
      else hi = m;
    }
    if (!(lo < nk && keys[lo] == s->ents[i].id)) cmiss += w;
  }
  double smiss = cw > 0 ? cmiss / (cw + 5) : 0, gen = j->gen;
  /* a story far larger than one happening usually gets is a topic that chains on: it needs more */
  double big = s->n_orig > JW.knee && JW.knee > 0 ? log(s->n_orig / JW.knee) : 0;
  /* a happening is reported over a few days; what goes on for weeks is a storyline of several stories */
  int32_t day = j->day;
  double age = day != RASD__NO_DAY && s->first_day != RASD__NO_DAY && day - s->first_day > JW.grace ? (day - s->first_day - JW.grace) / 7.0 : 0;
  if (feat) feat[0] = smiss, feat[1] = gen, feat[2] = JW.size * big + JW.age * age;
  return -JW.miss * smiss - JW.gen * gen - JW.shift - JW.size * big - JW.age * age;
}
