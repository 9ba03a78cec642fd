/* ner.c — the NER model: loading data/ner.model, Viterbi decoding, mentions for rasd_analyze(), rasd_ner_tag_words(). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "extract/extract.h"
#include "extract/ner.h"
#include "extract/gazetteer.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_OB_AVX2 1 /* AVX2 emission sums and Viterbi, used when the processor has it */
#endif

_Static_assert(sizeof(rasd__ner_header) == 72, "model header layout");
_Static_assert(RASD__NER_RS == RASD__NER_T - 1, "a weight row holds the tags but O");

#define NEG_INF (-(1 << 29))

uint64_t rasd__ner_checksum(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 0xcbf29ce484222325ULL ^ n, w;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) { /* 8 bytes a step: loading must stay well under 50 ms */
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  for (; i < n; i++) h = (h ^ s[i]) * 0x100000001b3ULL;
  return h;
}

static char *errf(const char *path, const char *what) {
  rasd__buf b;
  rasd__buf_init(&b);
  rasd__buf_printf(&b, "%s: %s; `make model` rebuilds it", path, what);
  return rasd__buf_detach(&b);
}

/* A number no other model loaded by this process has. */
static unsigned long model_gen(void) {
  static _Atomic unsigned long g;
  return ++g;
}

void rasd__ner_free(rasd__ner *n) {
  if (!n) return;
  if (n->region) munmap(n->region, n->region_len);
  if (n->shared) rasd__ner_state_free(n->shared);
  pthread_mutex_destroy(&n->lock);
  free(n->nlm);
  free(n->wide_bits);
  rasd__ner_ctab_free(n->ctab);
  rasd__ner_lex_free(&n->lex);
  free(n);
}

/* Maps the file read-only; NULL with *missing set when it does not exist. */
static const char *map_file(const char *path, size_t *len, int *missing) {
  *missing = 0;
  *len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *missing = errno == ENOENT;
    return NULL;
  }
  struct stat st;
  const char *p = NULL;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    *len = (size_t)st.st_size;
    if (*len == 0) p = "";
    else {
      void *v = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
      p = v == MAP_FAILED ? NULL : v;
    }
  }
  close(fd);
  return p;
}

static void unmap_file(const char *p, size_t len) {
  if (p && len) munmap((void *)(uintptr_t)p, len);
}

/* Zeroed anonymous memory for 'n' bytes, 2 MB-aligned and marked for huge pages: a few page faults
 * instead of thousands keep loading fast. */
static void *huge_alloc(size_t n, void **base, size_t *blen) {
  const size_t H = (size_t)2 << 20;
  *blen = n + H;
  void *b = mmap(NULL, *blen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (b == MAP_FAILED) return NULL;
  *base = b;
  char *a = (char *)(((uintptr_t)b + H - 1) & ~(uintptr_t)(H - 1));
#ifdef MADV_HUGEPAGE
  madvise(a, (n + H - 1) & ~(H - 1), MADV_HUGEPAGE);
#endif
  return a;
}

int rasd__ner_load_file(const char *path, rasd__ner **out, char **err) {
  *out = NULL;
  size_t len = 0;
  int missing;
  const char *buf = map_file(path, &len, &missing);
  rasd__ner *m = NULL;
  const char *why = NULL;
  if (!buf) {
    *err = errf(path, missing ? "NER model file is missing" : "cannot read the NER model file");
    return RASD_EMODEL;
  }
  rasd__ner_header h;
  if (len < sizeof h) { why = "NER model file is truncated (no header)"; goto bad; }
  memcpy(&h, buf, sizeof h);
  if (memcmp(h.magic, RASD__NER_MAGIC, 8)) { why = "not a rasd NER model (bad magic)"; goto bad; }
  if (h.file_version != RASD__NER_FILE_VERSION) { why = "NER model file has an unsupported format version"; goto bad; }
  if (h.feat_version != RASD__NER_FEAT_VERSION || h.builtin_sum != rasd__ner_builtin_sum())
    { why = "NER model is stale (trained with other features or trigger lists)"; goto bad; }
  if (h.ntags != RASD__NER_T || h.nf != RASD__NER_NF || h.bits < 10 || h.bits > 24 || h.lex_max_words > 6 ||
      h.nlm_bits > 20)
    { why = "NER model header is invalid"; goto bad; }
  if ((size_t)h.payload_size != len - sizeof h) { why = "NER model file is truncated or has trailing bytes"; goto bad; }
  const unsigned char *p = (const unsigned char *)buf + sizeof h, *end = p + h.payload_size;
  if (rasd__ner_checksum(p, h.payload_size) != h.checksum) { why = "NER model file is corrupt (checksum mismatch)"; goto bad; }
  size_t nlm_size = h.nlm_bits ? (size_t)1 << h.nlm_bits : 0;
  size_t need = sizeof(int32_t) * (RASD__NER_T + 1) * RASD__NER_T + (size_t)h.n_lex * 10 + nlm_size;
  if ((size_t)(end - p) < need) { why = "NER model file is truncated"; goto bad; }
  if (!(m = calloc(1, sizeof *m))) goto oom;
  m->bits = h.bits;
  m->scale = h.scale;
  m->o_bias = h.o_bias;
  m->file_size = len;
  m->gen = model_gen();
#ifdef HAVE_OB_AVX2
  m->avx2 = __builtin_cpu_supports("avx2") != 0;
#endif
  pthread_mutex_init(&m->lock, NULL);
  if (!(m->ctab = rasd__ner_ctab_new(h.bits))) goto oom;
  if (!(m->wide_bits = calloc(((size_t)1 << h.bits) / 64 + 1, sizeof *m->wide_bits))) goto oom;
  memcpy(m->trans, p, sizeof m->trans);
  p += sizeof m->trans;
  size_t nb = (size_t)1 << h.bits, wbytes = nb * RASD__NER_RS * sizeof(int16_t), lcap = 64;
  while (lcap < ((size_t)h.n_lex + 600) * 2) lcap <<= 1;
  size_t fbytes = ((size_t)1 << 20) / 8;
  char *reg = huge_alloc(wbytes + fbytes + lcap * 10, &m->region, &m->region_len);
  if (!reg) goto oom;
  m->w = (int16_t *)reg;
  uint64_t *filt = (uint64_t *)(reg + wbytes);
  m->lex.keys = (uint64_t *)(reg + wbytes + fbytes);
  m->lex.vals = (uint16_t *)(reg + wbytes + fbytes + lcap * 8);
  m->lex.mask = (uint32_t)(lcap - 1);
  m->lex.external = 1;
  m->lex.max_words = (int)h.lex_max_words;
  const unsigned char *keys = p, *vals = p + (size_t)h.n_lex * 8;
  for (uint32_t i = 0; i < h.n_lex; i++) {
    uint64_t k;
    uint16_t v;
    memcpy(&k, keys + (size_t)i * 8, 8);
    memcpy(&v, vals + (size_t)i * 2, 2);
    if (rasd__ner_lex_add_key(&m->lex, k, v)) { why = "NER model gazetteer is invalid"; goto bad; }
  }
  if (rasd__ner_lex_add_builtin(&m->lex)) goto oom;
  rasd__ner_lex_filter(&m->lex, filt);
  if (m->lex.max_words < 3) m->lex.max_words = 3;
  p += (size_t)h.n_lex * 10;
  if (nlm_size) {
    if (!(m->nlm = malloc(nlm_size))) goto oom;
    memcpy(m->nlm, p, nlm_size);
    p += nlm_size;
    m->lex.nlm = m->nlm;
    m->lex.nlm_bits = h.nlm_bits;
  }
  size_t bucket = 0;
  for (uint32_t r = 0; r < h.n_rows; r++) {
    uint64_t d = 0;
    int sh = 0;
    for (;;) {
      if (p >= end || sh > 35) { why = "NER model weights are truncated"; goto bad; }
      unsigned c = *p++;
      d |= (uint64_t)(c & 0x7f) << sh;
      sh += 7;
      if (!(c & 0x80)) break;
    }
    bucket += d;
    if (bucket >= nb || end - p < 2) { why = "NER model weights are invalid"; goto bad; }
    uint16_t mask;
    memcpy(&mask, p, 2);
    p += 2;
    int16_t *row = m->w + bucket * RASD__NER_RS, full[RASD__NER_T] = {0};
    for (int t = 0; t < RASD__NER_T; t++) {
      if (!(mask & (1u << t))) continue;
      if (end - p < 2) { why = "NER model weights are truncated"; goto bad; }
      memcpy(&full[t], p, 2);
      p += 2;
    }
    int wide = 0;
    for (int t = 1; t < RASD__NER_T; t++) { /* relative to O */
      int32_t d = (int32_t)full[t] - full[0];
      wide |= d > INT16_MAX || d <= RASD__NER_WIDE;
      row[t - 1] = (int16_t)(d > INT16_MAX || d <= RASD__NER_WIDE ? RASD__NER_WIDE : d);
    }
    if (wide) { /* does not fit: the exact row goes to the side table */
      if (m->n_wide == RASD__NER_MAXWIDE) { why = "NER model has too many large weights"; goto bad; }
      rasd__ner_wide *x = &m->wide[m->n_wide++];
      x->bucket = (uint32_t)bucket;
      for (int t = 1; t < RASD__NER_T; t++) x->v[t - 1] = (int32_t)full[t] - full[0];
      m->wide_bits[bucket >> 6] |= 1ull << (bucket & 63);
    }
  }
  if (p != end) { why = "NER model weights have trailing bytes"; goto bad; }
  /* disallowed transitions (I-X not after B-X/I-X) become -inf once, here */
  for (int a = -1; a < RASD__NER_T; a++)
    for (int b = 0; b < RASD__NER_T; b++)
      if (!rasd__ner_allowed(a, b)) m->trans[a + 1][b] = NEG_INF;
  memset(m->trans_ob, 0, sizeof m->trans_ob);
  for (int a = 0; a < RASD__NER_T; a++)
    for (int l = 0; l < 5; l++) m->trans_ob[a][l] = m->trans[1 + a][l ? 2 * l - 1 : 0];
  for (int j = 0; j < 8; j++) /* lane j is tag j + 1: a B-X lane holds B-X → I-X, an I-X lane I-X → I-X */
    m->trans_in[j] = j % 2 == 0 ? m->trans[j + 2][j + 2] : m->trans[j + 2][j + 1];
  /* the clusters of the verbs: those of common verbs of each tense and person */
  static const char *const verbs[] = {"يقوم", "قام", "يشارك", "تقوم", "يتم", "يقول", "سيكون"};
  for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++) {
    int c = rasd__ner_word_cluster(&m->lex, verbs[k], strlen(verbs[k]));
    if (c > 0 && c <= 64) m->verb_clu |= 1ull << (c - 1);
  }
  unmap_file(buf, len);
  *out = m;
  return RASD_OK;
oom:
  unmap_file(buf, len);
  rasd__ner_free(m);
  *err = rasd__strdup0("out of memory loading the NER model");
  return RASD_ENOMEM;
bad:
  unmap_file(buf, len);
  rasd__ner_free(m);
  *err = errf(path, why);
  return RASD_EMODEL;
}

int rasd__ner_load(const char *dir, rasd__ner **out, char **err) {
  rasd__buf b;
  rasd__buf_init(&b);
  rasd__buf_printf(&b, "%s/ner.model", dir);
  if (b.oom) return RASD_ENOMEM;
  int rc = rasd__ner_load_file(b.s, out, err);
  rasd__buf_free(&b);
  return rc;
}

/* ---- decoding ----
 * Emission scores come from a cache of distinct word forms: per form, the summed weight rows of its
 * word-only features and the rows it gives the tokens one and two before and after it (its form and bare
 * form as their neighbour). Only the context features (pairs, trigger and gazetteer context, clusters of
 * neighbours) are hashed and looked up per token. The sums are integers, so the scores are exactly those
 * of the plain sum over all RASD__NER_NF features (rasd__ner_emissions_ref, used by the tests). */

#define WC_KEY 23             /* words of up to this many bytes are cached */
#define WC_MAX ((size_t)1 << 18) /* entries before the cache is thinned (cache_evict); ~250 bytes each */
#define WC_LONG 0x80000000u   /* index flag: an uncached (long) word, in the overflow array */
#define VL 8                  /* int32 lanes of an emission vector: tags 1..T-1, relative to O */

typedef struct wc_ent {
  int32_t v[5][VL]; /* own features; given to the token after it, two after, the token before it, two before */
  rasd__ner_tok tok;
  uint8_t len;
  char s[WC_KEY];
  uint8_t hit; /* times looked up again since it was added or last kept (at most 255) */
  uint8_t gtail; /* 0x80 | rasd__gaz_tail(word, 7) for the gazetteer of generation 'ggen' of the state; 0: not yet */
  int16_t kbit;  /* rasd__ent_keybit() of the word's bare form + 2 (1: none; 0: not yet) */
  uint8_t role;  /* role_noun() of the word + 1 (0: not yet) */
} wc_ent;

struct rasd__ner_state {
  size_t cap;            /* tokens the sentence buffers hold */
  uint32_t *idx;         /* per token: entry index (WC_LONG: overflow) */
  rasd__ner_tok *tok;    /* per token: the word's view, with its gazetteer and trigger marks */
  uint32_t *ctx;         /* per token: RASD__NER_NCTX buckets */
  uint64_t *pairs;       /* RASD__NER_PAIRS(cap): the pair hashes the context features share */
  int32_t *em;           /* per token: emission scores (VL) */
  int32_t *score;        /* n × T */
  uint8_t *back;         /* n × T */
  wc_ent *ovf;           /* long words of the current sentence */
  size_t n_ovf, cap_ovf;
  unsigned long gen;     /* the model the cache holds sums of (0: none) */
  wc_ent *ent;
  size_t n_ent, cap_ent;
  uint64_t *slot;        /* open addressing over the entries: high half the word's hash, low half index + 1
                            (0 = empty), so a probe reads an entry only when the hashes agree */
  size_t slot_mask;
  int32_t edge[4][VL];   /* the missing neighbours at the sentence's edges */
  wc_ent edge_ent;       /* the same as an entry: v[1], v[2] before the sentence, v[3], v[4] after it */
  const wc_ent **ep;     /* per token i: its entry at ep[i + 2]; edge_ent at ep[0], ep[1], ep[n + 2], ep[n + 3] */
  uint64_t *hbuf;        /* per word of rasd__ner_traits: its word_hash */
  uint64_t ggen;         /* the gazetteer the entries' gtail belong to */
  size_t cap_h;
};


rasd__ner_state *rasd__ner_state_new(void) { return calloc(1, sizeof(rasd__ner_state)); }

void rasd__ner_state_free(rasd__ner_state *st) {
  if (!st) return;
  free(st->idx);
  free(st->tok);
  free(st->ctx);
  free(st->pairs);
  free(st->em);
  free(st->score);
  free(st->back);
  free(st->ovf);
  free(st->ent);
  free(st->slot);
  free(st->hbuf);
  free(st->ep);
  free(st);
}

#define GROW(p, c, sz)                         \
  do {                                         \
    void *q_ = realloc((p), (c) * (sz));       \
    if (!q_) return -1;                        \
    (p) = q_;                                  \
  } while (0)

static int state_reserve(rasd__ner_state *st, size_t n) {
  if (n <= st->cap) return 0;
  size_t c = st->cap ? st->cap : 64;
  while (c < n) c *= 2;
  GROW(st->idx, c, sizeof *st->idx);
  GROW(st->tok, c, sizeof *st->tok);
  GROW(st->ctx, c, RASD__NER_NCTX * sizeof *st->ctx);
  GROW(st->pairs, RASD__NER_PAIRS(c), sizeof *st->pairs);
  GROW(st->em, c, VL * sizeof *st->em);
  GROW(st->score, c, RASD__NER_T * sizeof *st->score);
  GROW(st->back, c, RASD__NER_T);
  GROW(st->ep, c + 4, sizeof *st->ep);
  st->cap = c;
  return 0;
}

/* The exact weights (relative to O) of a row holding RASD__NER_WIDE lanes. */
static const int32_t *wide_row(const rasd__ner *m, uint32_t b) {
  for (int k = 0; k < m->n_wide; k++)
    if (m->wide[k].bucket == b) return m->wide[k].v;
  return NULL;
}

/* Replaces in acc the int16 lanes of the wide rows among buckets f[k0], f[k0 + step] .. (before f[nb]) by their
 * exact values. */
static void __attribute__((noinline)) fix_wide(const rasd__ner *m, const uint32_t *f, int k0, int step, int nb,
                                               int32_t *acc) {
  for (int k = k0; k < nb; k += step) {
    if (!((m->wide_bits[f[k] >> 6] >> (f[k] & 63)) & 1)) continue;
    const int16_t *row = m->w + (size_t)f[k] * RASD__NER_RS;
    const int32_t *x = wide_row(m, f[k]);
    if (!x) continue;
#if defined(__SSE2__) && RASD__NER_RS == 8
    /* the same int32 sums, four lanes a step: the row's int16 lanes widened (sign kept) */
    __m128i r = _mm_loadu_si128((const __m128i *)row);
    __m128i rlo = _mm_srai_epi32(_mm_unpacklo_epi16(r, r), 16), rhi = _mm_srai_epi32(_mm_unpackhi_epi16(r, r), 16);
    __m128i a0 = _mm_loadu_si128((const __m128i *)acc), a1 = _mm_loadu_si128((const __m128i *)(acc + 4));
    a0 = _mm_add_epi32(a0, _mm_sub_epi32(_mm_loadu_si128((const __m128i *)x), rlo));
    a1 = _mm_add_epi32(a1, _mm_sub_epi32(_mm_loadu_si128((const __m128i *)(x + 4)), rhi));
    _mm_storeu_si128((__m128i *)acc, a0);
    _mm_storeu_si128((__m128i *)(acc + 4), a1);
#else
    for (int t = 0; t < RASD__NER_RS; t++) acc[t] += x[t] - row[t];
#endif
  }
}

/* Adds the weight rows of 'nb' buckets to acc[0..VL) (exactly: wide rows are corrected after the sum). */
static inline void add_rows(const rasd__ner *m, const uint32_t *f, int nb, int32_t *acc) {
#ifdef __SSE2__
  __m128i a0 = _mm_loadu_si128((const __m128i *)acc), a1 = _mm_loadu_si128((const __m128i *)(acc + 4));
  __m128i lo = _mm_set1_epi16(INT16_MAX);
  for (int k = 0; k < nb; k++) {
    __m128i r = _mm_load_si128((const __m128i *)(m->w + (size_t)f[k] * RASD__NER_RS));
    lo = _mm_min_epi16(lo, r);
    a0 = _mm_add_epi32(a0, _mm_srai_epi32(_mm_unpacklo_epi16(r, r), 16));
    a1 = _mm_add_epi32(a1, _mm_srai_epi32(_mm_unpackhi_epi16(r, r), 16));
  }
  _mm_storeu_si128((__m128i *)acc, a0);
  _mm_storeu_si128((__m128i *)(acc + 4), a1);
  if (__builtin_expect(_mm_movemask_epi8(_mm_cmpeq_epi16(lo, _mm_set1_epi16(RASD__NER_WIDE))) != 0, 0))
    fix_wide(m, f, 0, 1, nb, acc);
#else
  int wide = 0;
  for (int k = 0; k < nb; k++) {
    const int16_t *row = m->w + (size_t)f[k] * RASD__NER_RS;
    for (int t = 0; t < VL; t++) {
      acc[t] += row[t];
      wide |= row[t] == RASD__NER_WIDE;
    }
  }
  if (wide) fix_wide(m, f, 0, 1, nb, acc);
#endif
}

static inline void add_vec(int32_t *acc, const int32_t *v) {
#ifdef __SSE2__
  for (int q = 0; q < VL; q += 4)
    _mm_storeu_si128((__m128i *)(acc + q), _mm_add_epi32(_mm_loadu_si128((const __m128i *)(acc + q)),
                                                         _mm_loadu_si128((const __m128i *)(v + q))));
#else
  for (int t = 0; t < VL; t++) acc[t] += v[t];
#endif
}

/* The neighbour vectors v[1..4] from the four pairs of buckets. */
static void nb_vectors(const rasd__ner *m, const uint32_t *nb, int32_t (*v)[VL]) {
  for (int r = 0; r < 4; r++) {
    memset(v[r], 0, sizeof v[r]);
    add_rows(m, nb + 2 * r, 2, v[r]);
  }
}

static void fill_ent(const rasd__ner *m, const rasd__ner_word *w, wc_ent *e) {
  uint32_t self[RASD__NER_NSELF], nb[RASD__NER_NNB];
  rasd__ner_word_tok(&m->lex, w, m->bits, &e->tok, self);
  /* the rows are cache misses: ask for them all before summing any (the neighbour buckets are hashed
   * meanwhile) */
  for (int k = 0; k < RASD__NER_NSELF; k++) __builtin_prefetch(m->w + (size_t)self[k] * RASD__NER_RS);
  rasd__ner_nb_feats(&e->tok, m->bits, nb);
  for (int k = 0; k < RASD__NER_NNB; k++) __builtin_prefetch(m->w + (size_t)nb[k] * RASD__NER_RS);
  memset(e->v[0], 0, sizeof e->v[0]);
  add_rows(m, self, RASD__NER_NSELF, e->v[0]);
  nb_vectors(m, nb, e->v + 1);
}

static void cache_clear(rasd__ner_state *st) {
  st->n_ent = 0;
  if (st->slot) memset(st->slot, 0, (st->slot_mask + 1) * sizeof *st->slot);
}

/* The hash of the n bytes at s for the word cache's slots (and the side data's check of a text): eight bytes a step,
 * the last eight (or four, or the bytes one by one under four) read where they end, overlapping the step before: no
 * byte past s + n, and no copy of a variable length. */
static inline uint64_t word_hash(const char *s, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, x;
  size_t i = 0;
  for (; i + 8 < n; i += 8) {
    memcpy(&x, s + i, 8);
    h = (h ^ x) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  if (n >= 8) memcpy(&x, s + n - 8, 8);
  else if (n >= 4) {
    uint32_t a, b;
    memcpy(&a, s, 4), memcpy(&b, s + n - 4, 4);
    x = a | (uint64_t)b << 32;
  } else {
    x = 0;
    for (size_t k = 0; k < n; k++) x = x << 8 | (unsigned char)s[k];
  }
  h = (h ^ x) * 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 29);
}

/* The cache is full: keeps the entries looked up most often since they were added or last kept (the words
 * that come back: those looked up at least t more times, t the least that keeps at most three quarters of
 * the cache), their counts halved, and drops the rest. */
static void cache_evict(rasd__ner_state *st) {
  size_t hist[256] = {0}, k = 0;
  for (size_t i = 0; i < st->n_ent; i++) hist[st->ent[i].hit]++;
  unsigned t = 256;
  while (t > 1 && k + hist[t - 1] <= WC_MAX / 4 * 3) k += hist[--t];
  if (t > 255 || !st->slot) { /* (all looked up 255 times or more: cannot happen on a full cache) */
    cache_clear(st);
    return;
  }
  k = 0;
  for (size_t i = 0; i < st->n_ent; i++)
    if (st->ent[i].hit >= t) {
      if (k != i) st->ent[k] = st->ent[i];
      st->ent[k].hit >>= 1;
      k++;
    }
  st->n_ent = k;
  memset(st->slot, 0, (st->slot_mask + 1) * sizeof *st->slot);
  for (size_t i = 0; i < st->n_ent; i++) {
    uint64_t h = word_hash(st->ent[i].s, st->ent[i].len);
    size_t p = (size_t)h & st->slot_mask;
    while (st->slot[p]) p = (p + 1) & st->slot_mask;
    st->slot[p] = (h & ~(uint64_t)0xffffffffu) | ((uint64_t)i + 1);
  }
}

/* Room for 'n' more entries without moving them during a sentence; binds the cache to model 'm'. */
static int cache_reserve(const rasd__ner *m, rasd__ner_state *st, size_t n) {
  if (st->gen != m->gen) {
    cache_clear(st);
    uint32_t nb[RASD__NER_NNB];
    rasd__ner_nb_feats(NULL, m->bits, nb);
    nb_vectors(m, nb, st->edge);
    memset(&st->edge_ent, 0, sizeof st->edge_ent);
    for (int r = 0; r < 4; r++) memcpy(st->edge_ent.v[1 + r], st->edge[r], sizeof st->edge[r]);
    st->gen = m->gen;
  }
  if (st->n_ent + n <= st->cap_ent) return 0;
  if (st->n_ent + n > WC_MAX && st->n_ent) cache_evict(st);
  if (st->n_ent + n <= st->cap_ent) return 0;
  size_t c = st->cap_ent ? st->cap_ent : 1024;
  while (c < st->n_ent + n) c *= 2;
  wc_ent *e = realloc(st->ent, c * sizeof *e);
  if (!e) return -1;
  rasd__advise_huge(e, c * sizeof *e); /* entries and slots are read at random */
  st->ent = e;
  st->cap_ent = c;
  uint64_t *sl = calloc(2 * c, sizeof *sl);
  if (!sl) return -1;
  rasd__advise_huge(sl, 2 * c * sizeof *sl);
  free(st->slot);
  st->slot = sl;
  st->slot_mask = 2 * c - 1;
  for (size_t i = 0; i < st->n_ent; i++) {
    uint64_t h = word_hash(st->ent[i].s, st->ent[i].len);
    size_t p = (size_t)h & st->slot_mask;
    while (sl[p]) p = (p + 1) & st->slot_mask;
    sl[p] = (h & ~(uint64_t)0xffffffffu) | ((uint64_t)i + 1);
  }
  return 0;
}

static uint32_t cache_get_h(const rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, uint64_t h);

/* Entry index of word w (added and filled on first sight). */
static uint32_t cache_get(const rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w) {
  if (w->len > WC_KEY) {
    wc_ent *e = &st->ovf[st->n_ovf];
    e->gtail = 0;
    e->kbit = 0;
    e->role = 0;
    fill_ent(m, w, e);
    return (uint32_t)st->n_ovf++ | WC_LONG;
  }
  return cache_get_h(m, st, w, word_hash(w->s, w->len));
}

/* Whether the n bytes (n <= WC_KEY) at a and b are equal, reading no byte past either: overlapping loads from
 * both ends instead of a memcmp call. */
static inline int same_short(const char *a, const char *b, size_t n) {
  uint64_t x, y, x2, y2;
  if (n >= 8) {
    memcpy(&x, a, 8), memcpy(&y, b, 8), memcpy(&x2, a + n - 8, 8), memcpy(&y2, b + n - 8, 8);
    if ((x ^ y) | (x2 ^ y2)) return 0;
    if (n <= 16) return 1;
    memcpy(&x, a + 8, 8), memcpy(&y, b + 8, 8);
    return x == y;
  }
  if (n >= 4) {
    uint32_t p, q, p2, q2;
    memcpy(&p, a, 4), memcpy(&q, b, 4), memcpy(&p2, a + n - 4, 4), memcpy(&q2, b + n - 4, 4);
    return !((p ^ q) | (p2 ^ q2));
  }
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i]) return 0;
  return 1;
}

/* cache_get of a short word whose word_hash is 'h'. */
static uint32_t cache_get_h(const rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, uint64_t h) {
  uint64_t tag = h & ~(uint64_t)0xffffffffu;
  size_t p = (size_t)h & st->slot_mask;
  for (;;) {
    uint64_t x = st->slot[p];
    if (!x) break;
    if ((x & ~(uint64_t)0xffffffffu) == tag) {
      wc_ent *e = &st->ent[(uint32_t)x - 1];
      if (e->len == w->len && same_short(e->s, w->s, w->len)) {
        e->hit += e->hit < 255;
        return (uint32_t)x - 1;
      }
    }
    p = (p + 1) & st->slot_mask;
  }
  wc_ent *e = &st->ent[st->n_ent];
  e->len = (uint8_t)w->len;
  memcpy(e->s, w->s, w->len);
  e->hit = 0;
  e->gtail = 0;
  e->kbit = 0;
  e->role = 0;
  fill_ent(m, w, e);
  st->slot[p] = tag | ((uint64_t)st->n_ent + 1);
  return (uint32_t)st->n_ent++;
}

static inline const wc_ent *ent_at(const rasd__ner_state *st, uint32_t x) {
  return x & WC_LONG ? &st->ovf[x & ~WC_LONG] : &st->ent[x];
}

int rasd__ner_traits(const rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n,
                     rasd__ner_wtraits *out, uint32_t *idx, int *idx_ok) {
  /* entries are reserved for all the words at once when they are not too many (the indices then stay valid
   * for rasd__ner_tag_idx), else a chunk at a time: the cache stays bounded on huge texts */
  enum { CHUNK = 4096, ONCE = 16384, AHEAD = 8 };
  int once = n <= ONCE;
  if (idx_ok) *idx_ok = once && idx;
  /* the words' hashes first, so that the slots and entries of the words a few places ahead can be asked
   * for early: the look-ups are cache misses, and independent of one another */
  if (n > st->cap_h) {
    uint64_t *hh = realloc(st->hbuf, n * sizeof *hh);
    if (!hh) return RASD_ENOMEM;
    st->hbuf = hh;
    st->cap_h = n;
  }
  uint64_t *hs = st->hbuf;
  for (size_t i = 0; i < n; i++) hs[i] = w[i].len > WC_KEY ? 0 : word_hash(w[i].s, w[i].len);
  for (size_t i = 0; i < n; i++) {
    if (once ? i == 0 : i % CHUNK == 0)
      if (cache_reserve(m, st, once ? n : n - i < CHUNK ? n - i : CHUNK)) return RASD_ENOMEM;
    if (i + 2 * AHEAD < n) __builtin_prefetch(&st->slot[hs[i + 2 * AHEAD] & st->slot_mask]);
    if (i + AHEAD < n && hs[i + AHEAD]) {
      uint64_t x = st->slot[hs[i + AHEAD] & st->slot_mask];
      if (x && (uint32_t)x - 1 < st->n_ent) {
        const char *e = (const char *)&st->ent[(uint32_t)x - 1];
        __builtin_prefetch(e + offsetof(wc_ent, tok));
        __builtin_prefetch(e + offsetof(wc_ent, len));
      }
    }
    rasd__ner_tok lt;
    const rasd__ner_tok *t = &lt;
    if (w[i].len > WC_KEY) {
      uint32_t self[RASD__NER_NSELF];
      rasd__ner_word_tok(&m->lex, &w[i], m->bits, &lt, self);
      if (idx) idx[i] = RASD__NER_NOIDX;
    } else {
      uint32_t x = cache_get_h(m, st, &w[i], hs[i]);
      if (idx) idx[i] = x;
      t = &st->ent[x].tok;
    }
    out[i].cls = (uint16_t)(t->cls | (t->lex1 & ~RASD__LX_PREFIX));
    out[i].nlm = (int8_t)(t->nlm == 9 ? 0 : t->nlm);
    out[i].definite = t->has_al;
    out[i].def_key = t->bare2 ? t->h_bare : 0;
  }
  return RASD_OK;
}

#ifdef HAVE_OB_AVX2
/* The last step of emissions() in AVX2: per token, its entry's own vector, the vectors its neighbours give it
 * and its RASD__NER_NCTX context rows (each 8 int16 widened to 8 int32 in one instruction); the same sums as
 * the SSE2 loop, exactly (wide rows corrected by fix_wide). */
__attribute__((target("avx2"))) static void em_sums_avx2(const rasd__ner *m, rasd__ner_state *st, size_t n) {
  const __m256i wide = _mm256_set1_epi32(RASD__NER_WIDE);
  for (size_t i = 0; i < n; i++) {
    const uint32_t *cx = st->ctx + i * RASD__NER_NCTX;
    const wc_ent *const *ep = st->ep + i + 2; /* the edges are entries too (edge_ent) */
    __m256i a = _mm256_loadu_si256((const __m256i *)ep[0]->v[0]);
    __m256i b = _mm256_loadu_si256((const __m256i *)ep[-1]->v[1]);
    a = _mm256_add_epi32(a, _mm256_loadu_si256((const __m256i *)ep[-2]->v[2]));
    b = _mm256_add_epi32(b, _mm256_loadu_si256((const __m256i *)ep[1]->v[3]));
    a = _mm256_add_epi32(a, _mm256_loadu_si256((const __m256i *)ep[2]->v[4]));
    /* the smallest lane of the rows k ≡ g (mod 3) in lo[g]: a wide row is looked for among those 11 only */
    __m256i lo0 = _mm256_set1_epi32(INT16_MAX), lo1 = lo0, lo2 = lo0, c = _mm256_setzero_si256();
    _Static_assert(RASD__NER_NCTX % 3 == 0, "three rows a step");
#define ROW_(k) _mm256_cvtepi16_epi32(_mm_load_si128((const __m128i *)(m->w + (size_t)cx[k] * RASD__NER_RS)))
#pragma GCC unroll 11
    for (int k = 0; k < RASD__NER_NCTX; k += 3) {
      __m256i r0 = ROW_(k), r1 = ROW_(k + 1), r2 = ROW_(k + 2);
      a = _mm256_add_epi32(a, r0);
      b = _mm256_add_epi32(b, r1);
      c = _mm256_add_epi32(c, r2);
      lo0 = _mm256_min_epi32(lo0, r0);
      lo1 = _mm256_min_epi32(lo1, r1);
      lo2 = _mm256_min_epi32(lo2, r2);
    }
#undef ROW_
    int32_t *e = st->em + i * VL;
    _mm256_storeu_si256((__m256i *)e, _mm256_add_epi32(_mm256_add_epi32(a, b), c));
    if (__builtin_expect(_mm256_movemask_epi8(_mm256_cmpeq_epi32(_mm256_min_epi32(_mm256_min_epi32(lo0, lo1), lo2), wide)) != 0, 0)) {
      if (_mm256_movemask_epi8(_mm256_cmpeq_epi32(lo0, wide))) fix_wide(m, cx, 0, 3, RASD__NER_NCTX, e);
      if (_mm256_movemask_epi8(_mm256_cmpeq_epi32(lo1, wide))) fix_wide(m, cx, 1, 3, RASD__NER_NCTX, e);
      if (_mm256_movemask_epi8(_mm256_cmpeq_epi32(lo2, wide))) fix_wide(m, cx, 2, 3, RASD__NER_NCTX, e);
    }
  }
}
#endif

/* Emission scores of the n words into st->em (VL per token), o_bias not added. */
static int emissions(const rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n, const uint32_t *pre) {
  if (state_reserve(st, n) || (!pre && cache_reserve(m, st, n))) return -1;
  size_t nlong = 0;
  for (size_t i = 0; i < n; i++) nlong += w[i].len > WC_KEY;
  if (nlong > st->cap_ovf) {
    wc_ent *o = realloc(st->ovf, nlong * sizeof *o);
    if (!o) return -1;
    st->ovf = o;
    st->cap_ovf = nlong;
  }
  st->n_ovf = 0;
  for (size_t i = 0; i < n; i++) {
    st->idx[i] = pre && pre[i] != RASD__NER_NOIDX ? pre[i] : cache_get(m, st, &w[i]); /* pre: only long words */
    const wc_ent *en = ent_at(st, st->idx[i]);
    st->ep[i + 2] = en;
    st->tok[i] = en->tok;
    for (size_t o = 0; o < sizeof en->v; o += 64) __builtin_prefetch((const char *)en->v + o);
  }
  st->ep[0] = st->ep[1] = st->ep[n + 2] = st->ep[n + 3] = &st->edge_ent;
  rasd__ner_mark(&m->lex, st->tok, n);
  /* the context rows (and the entries' vectors) are mostly cache misses: each token's rows are asked for as
   * soon as its buckets are known, so that the loads overlap the hashing of the next tokens, and the sums
   * below find them in the cache */
  rasd__ner_ctx_pairs(st->tok, n, st->pairs);
  rasd__ner_ctx_feats_tab(m->ctab, st->tok, n, m->bits, st->pairs, m->w, st->ctx);
#ifdef HAVE_OB_AVX2
  if (m->avx2) {
    em_sums_avx2(m, st, n);
    return 0;
  }
#endif
  for (size_t i = 0; i < n; i++) {
    int32_t *e = st->em + i * VL;
    memcpy(e, ent_at(st, st->idx[i])->v[0], VL * sizeof *e);
    add_vec(e, i >= 1 ? ent_at(st, st->idx[i - 1])->v[1] : st->edge[0]);
    add_vec(e, i >= 2 ? ent_at(st, st->idx[i - 2])->v[2] : st->edge[1]);
    add_vec(e, i + 1 < n ? ent_at(st, st->idx[i + 1])->v[3] : st->edge[2]);
    add_vec(e, i + 2 < n ? ent_at(st, st->idx[i + 2])->v[4] : st->edge[3]);
    add_rows(m, st->ctx + i * RASD__NER_NCTX, RASD__NER_NCTX, e);
  }
  return 0;
}

int rasd__ner_emissions(const rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n, int32_t *out) {
  if (n == 0) return RASD_OK;
  if (emissions(m, st, w, n, NULL)) return RASD_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    out[i * RASD__NER_T] = 0;
    memcpy(out + i * RASD__NER_T + 1, st->em + i * VL, VL * sizeof *out);
  }
  return RASD_OK;
}

int rasd__ner_emissions_ref(const rasd__ner *m, const rasd__ner_word *w, size_t n, int32_t *out) {
  if (n == 0) return RASD_OK;
  rasd__ner_scratch *sc = rasd__ner_scratch_new(n);
  uint32_t *f = malloc(n * RASD__NER_NF * sizeof *f);
  if (!sc || !f) {
    rasd__ner_scratch_free(sc);
    free(f);
    return RASD_ENOMEM;
  }
  rasd__ner_features(&m->lex, w, n, m->bits, sc, f);
  for (size_t i = 0; i < n; i++)
    for (int t = 0; t < RASD__NER_T; t++) {
      int32_t s = 0;
      for (int k = 0; k < RASD__NER_NF && t > 0; k++) {
        uint32_t b = f[i * RASD__NER_NF + (size_t)k];
        const int32_t *x = wide_row(m, b);
        s += x ? x[t - 1] : m->w[(size_t)b * RASD__NER_RS + (size_t)t - 1];
      }
      out[i * RASD__NER_T + (size_t)t] = s;
    }
  rasd__ner_scratch_free(sc);
  free(f);
  return RASD_OK;
}

int rasd__ner_tag(const rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n, uint8_t *tags) {
  return rasd__ner_tag_idx(m, st, w, n, tags, NULL);
}

#ifdef HAVE_OB_AVX2
/* Viterbi over the n tokens of st->em into st->back in AVX2, the same choices as the scalar loop of
 * rasd__ner_tag_idx. Per token: O and B-X (any tag may precede them) in one vector, lanes O, B-PERS .. B-MISC,
 * the best of prev[a] + trans[1 + a][t] over a = 0..T-1 (ties keep the lower a: a later a wins only when
 * greater); I-X (after B-X or I-X only) from the vector of tags 1..T-1 plus trans_in, whose odd lanes (I-X)
 * are compared with their even neighbours (B-X) swapped in (ties to B-X). The two are merged into tags 1..T-1
 * in order, the emissions added, and the back pointers packed to bytes. */
__attribute__((target("avx2"))) static void viterbi_avx2(const rasd__ner *m, rasd__ner_state *st, size_t n) {
  enum { T = RASD__NER_T };
  _Static_assert(T == 9 && VL == 8, "O and eight B-X/I-X tags");
  int32_t *sc = st->score;
  uint8_t *bk = st->back;
  sc[0] = m->o_bias + m->trans[0][0];
  bk[0] = 0;
  for (int t = 1; t < T; t++) {
    sc[t] = st->em[t - 1] + m->trans[0][t];
    bk[t] = 0;
  }
  const __m256i tin = _mm256_loadu_si256((const __m256i *)m->trans_in);
  const __m256i ob_to_tags = _mm256_setr_epi32(1, 0, 2, 0, 3, 0, 4, 0); /* B-X of lanes 1..4 to tags 1, 3, 5, 7 */
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  __m256i tob[T], av[T];
  for (int a = 0; a < T; a++) {
    tob[a] = _mm256_loadu_si256((const __m256i *)m->trans_ob[a]);
    av[a] = _mm256_set1_epi32(a);
  }
  for (size_t i = 1; i < n; i++) {
    const int32_t *prev = sc + (i - 1) * T;
    int32_t *cur = sc + i * T;
    uint8_t *b = bk + i * T;
    __m256i best = _mm256_add_epi32(_mm256_set1_epi32(prev[0]), tob[0]);
    __m256i arg = _mm256_setzero_si256();
    for (int a = 1; a < T; a++) {
      __m256i v = _mm256_add_epi32(_mm256_set1_epi32(prev[a]), tob[a]);
      __m256i gt = _mm256_cmpgt_epi32(v, best);
      best = _mm256_max_epi32(best, v);
      arg = _mm256_blendv_epi8(arg, av[a], gt);
    }
    __m256i s = _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(prev + 1)), tin);
    __m256i sw = _mm256_shuffle_epi32(s, 0xB1); /* each I-X lane gets its B-X neighbour's value */
    __m256i gi = _mm256_cmpgt_epi32(s, sw);
    __m256i bi = _mm256_max_epi32(s, sw);
    __m256i ai = _mm256_sub_epi32(lane, gi); /* lane j is tag j + 1: from I-X (j + 1) when greater, else B-X (j) */
    __m256i s8 = _mm256_blend_epi32(_mm256_permutevar8x32_epi32(best, ob_to_tags), bi, 0xAA);
    __m256i a8 = _mm256_blend_epi32(_mm256_permutevar8x32_epi32(arg, ob_to_tags), ai, 0xAA);
    s8 = _mm256_add_epi32(s8, _mm256_loadu_si256((const __m256i *)(st->em + i * VL)));
    _mm256_storeu_si256((__m256i *)(cur + 1), s8);
    cur[0] = _mm256_cvtsi256_si32(best) + m->o_bias;
    b[0] = (uint8_t)_mm256_cvtsi256_si32(arg);
    __m128i p16 = _mm_packs_epi32(_mm256_castsi256_si128(a8), _mm256_extracti128_si256(a8, 1));
    _mm_storel_epi64((__m128i *)(b + 1), _mm_packs_epi16(p16, p16));
    /* keep scores bounded on very long sentences: shift by the max */
    if ((i & 15) == 0) {
      int32_t mx = cur[0];
      for (int t = 1; t < T; t++)
        if (cur[t] > mx) mx = cur[t];
      for (int t = 0; t < T; t++) cur[t] = cur[t] - mx < NEG_INF ? NEG_INF : cur[t] - mx;
    }
  }
}
#endif

int rasd__ner_tag_idx(const rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n, uint8_t *tags,
                      const uint32_t *idx) {
  if (n == 0) return RASD_OK;
  if (emissions(m, st, w, n, idx)) return RASD_ENOMEM;
  enum { T = RASD__NER_T };
  int32_t *sc = st->score;
#ifdef HAVE_OB_AVX2
  if (m->avx2) viterbi_avx2(m, st, n);
  else
#endif
  for (size_t i = 0; i < n; i++) {
    const int32_t *ev = st->em + i * VL;
    int32_t e[T];
    e[0] = m->o_bias;
    memcpy(e + 1, ev, VL * sizeof *e);
    int32_t *cur = sc + i * T;
    uint8_t *bk = st->back + i * T;
    if (i == 0) {
      for (int t = 0; t < T; t++) {
        cur[t] = e[t] + m->trans[0][t];
        bk[t] = 0;
      }
      continue;
    }
    const int32_t *prev = cur - T;
    /* O and B-X may follow any tag */
    for (int t = 0; t < T; t += t ? 2 : 1) {
      int32_t best = prev[0] + m->trans[1][t];
      int bi = 0;
      for (int a = 1; a < T; a++) {
        int32_t v = prev[a] + m->trans[1 + a][t];
        bi = v > best ? a : bi;
        best = v > best ? v : best;
      }
      cur[t] = best + e[t];
      bk[t] = (uint8_t)bi;
    }
    /* I-X only B-X or I-X (the other ways in are -inf, and B-X always has a finite score, so skipping them
     * picks the same best, ties to the lower tag as above) */
    for (int t = 2; t < T; t += 2) {
      int32_t vb = prev[t - 1] + m->trans[t][t], vi = prev[t] + m->trans[1 + t][t];
      cur[t] = (vi > vb ? vi : vb) + e[t];
      bk[t] = (uint8_t)(vi > vb ? t : t - 1);
    }
    /* keep scores bounded on very long sentences: shift by the max */
    if ((i & 15) == 0) {
      int32_t mx = cur[0];
      for (int t = 1; t < T; t++)
        if (cur[t] > mx) mx = cur[t];
      for (int t = 0; t < T; t++) cur[t] = cur[t] - mx < NEG_INF ? NEG_INF : cur[t] - mx;
    }
  }
  const int32_t *last = sc + (n - 1) * T;
  int bt = 0;
  for (int t = 1; t < T; t++)
    if (last[t] > last[bt]) bt = t;
  for (size_t i = n; i-- > 0;) {
    tags[i] = (uint8_t)bt;
    bt = st->back[i * T + bt];
  }
  return RASD_OK;
}

/* ---- public entry points ---- */

/* The model's own decoding state (its word cache lives on between documents) when no other thread holds
 * it, else a fresh one; give it back with state_release. NULL when out of memory. */
static rasd__ner_state *state_acquire(rasd__ner *m, int *owned) {
  *owned = 1;
  if (pthread_mutex_trylock(&m->lock) == 0) {
    if (!m->shared) m->shared = rasd__ner_state_new();
    if (m->shared) {
      *owned = 0;
      return m->shared;
    }
    pthread_mutex_unlock(&m->lock);
  }
  return rasd__ner_state_new();
}

static void state_release(rasd__ner *m, rasd__ner_state *st, int owned) {
  if (owned) rasd__ner_state_free(st);
  else if (st) pthread_mutex_unlock(&m->lock);
}

int rasd_ner_tag_words(const rasd_models *m, const char *const *words, size_t n, const char **tags) {
  if (n == 0) return RASD_OK;
  if (!m || !m->ner) {
    for (size_t i = 0; i < n; i++) tags[i] = "O";
    return RASD_OK;
  }
  rasd__ner_word *w = malloc(n * sizeof *w);
  uint8_t *t = malloc(n);
  int owned;
  rasd__ner_state *st = state_acquire(m->ner, &owned);
  int rc = RASD_ENOMEM;
  if (w && t && st) {
    for (size_t i = 0; i < n; i++) {
      size_t L = words[i] ? strlen(words[i]) : 0;
      w[i].s = words[i] ? words[i] : "";
      w[i].len = L > UINT32_MAX ? UINT32_MAX : (uint32_t)L;
    }
    rc = rasd__ner_tag(m->ner, st, w, n, t);
    if (rc == RASD_OK)
      for (size_t i = 0; i < n; i++) tags[i] = rasd__ner_tag_names[t[i]];
  }
  free(w);
  free(t);
  state_release(m->ner, st, owned);
  return rc;
}

static int ent_type(int tag) {
  switch (rasd__ner_tag_type(tag)) {
    case 1: return RASD_ENT_PER;
    case 2: return RASD_ENT_LOC;
    case 3: return RASD_ENT_ORG;
    case 4: return RASD_ENT_MISC;
  }
  return RASD_ENT_NONE;
}

static int is_punct_tok(const rasd_token *t) {
  return t->kind == RASD_TOK_PUNCT || t->kind == RASD_TOK_QUOTE || t->kind == RASD_TOK_OTHER;
}

/* Currency names that the corpus tags inside club names (ريال مدريد) but that alone are units, and verbs
 * that introduce a speaker and read like names letter by letter: their rasd__ner_def_key keys, computed once. */
static const char *const currency_words[] = {"ريال", "دولار", "يورو", "دينار", "درهم", "جنيه", "ليرة", "روبل", "ين", "يوان"};
static const char *const speech_verbs[] = {"يشير", "تشير", "يضيف", "تضيف", "يؤكد", "تؤكد", "يرى", "ترى", "يوضح",
                                           "توضح", "يعتقد", "تعتقد", "يتابع", "تتابع", "كتب", "كتبت", "رأى", "رأت",
                                           "اعتبر", "اعتبرت", "لفت", "لفتت", "شدد", "شددت", "يقول", "تقول", "يكشف",
                                           "تكشف", "يلفت", "تلفت", "يعلق", "تعلق", "يحذر", "تحذر", "يتوقع", "تتوقع"};
#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))
static uint64_t currency_keys[NWORDS(currency_words)], verb_keys[NWORDS(speech_verbs)];
static pthread_once_t word_keys_once = PTHREAD_ONCE_INIT;

static void word_keys_init(void) {
  int def;
  for (size_t i = 0; i < NWORDS(currency_words); i++)
    currency_keys[i] = rasd__ner_def_key(currency_words[i], strlen(currency_words[i]), &def);
  for (size_t i = 0; i < NWORDS(speech_verbs); i++)
    verb_keys[i] = rasd__ner_def_key(speech_verbs[i], strlen(speech_verbs[i]), &def);
}

/* Per token of the document: its word traits, and whether the token lies inside the text. */
typedef struct tokinfo {
  const rasd__ner_wtraits *tr;
  const uint8_t *inb;
} tokinfo;

static int is_currency(const tokinfo *ti, size_t i) {
  if (!ti->inb[i]) return 0;
  for (size_t k = 0; k < NWORDS(currency_words); k++)
    if (ti->tr[i].def_key == currency_keys[k]) return 1;
  return 0;
}

/* Whether token i is one of the verbs of saying that read like names letter by letter (ترى، يرى …). */
static int is_speech_verb(const tokinfo *ti, size_t i) {
  if (!ti->inb[i]) return 0;
  for (size_t k = 0; k < NWORDS(speech_verbs); k++)
    if (ti->tr[i].def_key == verb_keys[k]) return 1;
  return 0;
}

/* Whether the word at token i is a verb and no name: a present or future form (يغادر، سيغادر، ستعقد) or a verb after و/ف
 * (وأشاد) of four letters or more whose distributional cluster is one of the verbs' (see rasd__ner.verb_clu), or a
 * future form no cluster knows whose present form is a clustered verb (سيعقدان: يعقد). Words of the name lists and
 * words with the article are never verbs here. */
static int is_verb_clu(const rasd__ner *m, int c) { return c > 0 && c <= 64 && ((m->verb_clu >> (c - 1)) & 1); }

static int verb_word(const rasd__ner *m, const rasd_token *t, const tokinfo *ti, size_t i) {
  if (t->kind != RASD_TOK_WORD || !ti->inb[i] || !t->form || t->form_len < 6) return 0;
  const rasd__ner_wtraits *tr = &ti->tr[i];
  if (tr->definite || (tr->cls & (RASD__LX_FIRST | RASD__LX_GAZ_ALL | RASD__LX_TITLE | RASD__LX_MONTH))) return 0;
  const char *f = t->form;
  size_t n = t->form_len, p = 0;
  if (!memcmp(f, "و", 2) || !memcmp(f, "ف", 2)) p = 2;
  if (n - p < 6) return 0;
#define AT_(q, l) (n >= (q) + 2 && !memcmp(f + (q), l, 2))
  int pres = AT_(p, "ي") || AT_(p, "ت") || AT_(p, "ن");
  int fut = AT_(p, "س") && (AT_(p + 2, "ي") || AT_(p + 2, "ت") || AT_(p + 2, "ن"));
  if (!(pres || fut || p) || n - p < 8) return 0; /* three letters (تود is also Todd): too short to tell */
  int c = rasd__ner_word_cluster(&m->lex, f, n);
  if (is_verb_clu(m, c)) return 1;
  /* a future form nobody clustered whose present form (س off, a dual or plural ending off) is a clustered verb:
   * سيغادر (يغادر), سيعقدان (يعقد); not ستريب, سيباستيان */
  if (!fut || c) return 0;
  static const char *const ends[] = {"", "ان", "ون", "ين", "وا"};
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    size_t el = strlen(ends[k]);
    if (n - p - 2 < el + 6 || memcmp(f + n - el, ends[k], el)) continue;
    if (is_verb_clu(m, rasd__ner_word_cluster(&m->lex, f + p + 2, n - p - 2 - el))) return 1;
  }
#undef AT_
  return 0;
}

/* A word that reads like part of a foreign name: its letters are name-like, it has no article and it is
 * not a listed function word, verb of saying, title or head noun. */
static int name_like(const rasd_doc *d, const rasd_token *t, const tokinfo *ti, size_t i, int min_nlm) {
  if (t->kind != RASD_TOK_WORD || !ti->inb[i]) return 0;
  const rasd__ner_wtraits *tr = &ti->tr[i];
  if (is_speech_verb(ti, i)) return 0;
  uint16_t cls = tr->cls;
  int nlm = tr->nlm;
  if (tr->definite) return 0;
  /* a pronoun suffix (لزميله، قادتها) marks an ordinary word */
  const char *w = d->text + t->start;
  size_t n = t->len;
  if ((n >= 2 && !memcmp(w + n - 2, "ه", 2)) || (n >= 4 && (!memcmp(w + n - 4, "ها", 4) || !memcmp(w + n - 4, "هم", 4))))
    return 0;
  if (cls & (RASD__LX_PREP | RASD__LX_FUNC | RASD__LX_REPORT | RASD__LX_TITLE | RASD__LX_ORGHEAD | RASD__LX_LOCHEAD |
             RASD__LX_MONTH | RASD__LX_GAZ_LOC | RASD__LX_GAZ_ORG | RASD__LX_NAM_LOC | RASD__LX_NAM_ORG))
    return 0;
  return nlm >= min_nlm || (cls & (RASD__LX_FIRST | RASD__LX_GAZ_PERS | RASD__LX_NAM_PERS));
}

static int role_noun(const char *w, size_t n);

/* Nouns of office and kinship that stand before a name and are never one ("وقال وكيل الوزارة عبدالعزيز الرشيد",
 * "لزميله عبدالرحمن الشهري"): the stem, matched under the clitics و ف ب ل, the article and a possessive suffix. */
int rasd__ner_role_noun(const char *w, size_t n) { return role_noun(w, n); }

static int role_noun(const char *w, size_t n) {
  static const char *const stems[] = {"وكيل", "زميل", "نظير", "شقيق", "نجل", "حليف", NULL}; /* not خليفة، مساعد، رفيق: names too */
  static const char *const pre[] = {"", "و", "ف", "ل", "ب", "ول", "وب", "فل", "وال", "ال", "بال", "لل", "ولل", NULL};
  static const char *const suf[] = {"", "ه", "ها", "هم", "ة", "ته", "تها", "ي", "نا", NULL};
  /* a word with no stem inside is none of them (most words: the loops below cost 1.7k instructions a word) */
  int any = 0;
  for (int k = 0; stems[k] && !any; k++) any = memmem(w, n, stems[k], strlen(stems[k])) != NULL;
  if (!any) return 0;
  for (int a = 0; pre[a]; a++) {
    size_t pl = strlen(pre[a]);
    if (pl > n || memcmp(w, pre[a], pl)) continue;
    for (int b = 0; suf[b]; b++) {
      size_t sl = strlen(suf[b]);
      if (pl + sl >= n || memcmp(w + n - sl, suf[b], sl)) continue;
      for (int k = 0; stems[k]; k++)
        if (strlen(stems[k]) == n - pl - sl && !memcmp(w + pl, stems[k], n - pl - sl)) return 1;
    }
  }
  return 0;
}

/* role_noun() of token i (inside the text: its word is w[i]), through its word cache entry when it has one. */
static int role_noun_c(rasd__ner_state *st, const uint32_t *didx, int idx_ok, const rasd__ner_word *w, size_t i) {
  wc_ent *e = idx_ok && didx[i] != RASD__NER_NOIDX ? &st->ent[didx[i]] : NULL;
  if (e && e->role) return e->role - 1;
  int r = role_noun(w[i].s, w[i].len);
  if (e) e->role = (uint8_t)(r + 1);
  return r;
}

/* Lexicon classes of a word token (0 for other tokens); *definite tells whether it has the article. */
static uint16_t word_cls(const rasd_tokens *tk, const tokinfo *ti, size_t i, int *definite) {
  *definite = 0;
  if (tk->tok[i].kind != RASD_TOK_WORD || !ti->inb[i]) return 0;
  *definite = ti->tr[i].definite;
  return ti->tr[i].cls;
}

/* Two corrections of the tags of one sentence [b, e) where the model misses a listed name in a clear frame:
 * a listed given name (علي، محمد، جون) just before a person's name starts that name (آية الله علي خامنئي),
 * and a listed place just after a place head noun (مدينة صور، محافظة الأنبار) is a place. */
static void fix_frames(const rasd_tokens *tk, const tokinfo *ti, size_t b, size_t e, uint8_t *tags) {
  for (size_t i = b; i < e; i++) {
    if (tags[i] != RASD__NER_O) continue;
    int def, pdef;
    if (i + 1 < e && tags[i + 1] == RASD__NER_B_PERS) {
      uint16_t c = word_cls(tk, ti, i, &def);
      if ((c & RASD__LX_FIRST) && !def && !(c & RASD__LX_FUNC)) { /* على is listed as a preposition: علي matches it */
        tags[i] = RASD__NER_B_PERS;
        tags[i + 1] = RASD__NER_I_PERS;
        continue;
      }
    }
    if (i > b && tags[i - 1] == RASD__NER_O && (word_cls(tk, ti, i - 1, &pdef) & RASD__LX_LOCHEAD)) {
      uint16_t c = word_cls(tk, ti, i, &def);
      if ((c & (RASD__LX_GAZ_LOC | RASD__LX_NAM_LOC)) &&
          !(c & (RASD__LX_PREP | RASD__LX_FUNC | RASD__LX_LOCHEAD | RASD__LX_TITLE | RASD__LX_REPORT | RASD__LX_MONTH)))
        tags[i] = RASD__NER_B_LOC;
    }
  }
}

/* Set of the words the document writes with the article: a one-word place that also appears as a
 * definite common noun in the same article (سيول "floods" beside السيول, صور beside الصور) is not a place. */
typedef struct defset {
  uint64_t *k;
  size_t mask;
} defset;

/* The key of token i when it goes in the set (a word with the article), else 0. */
static inline uint64_t defset_key(const rasd_tokens *tk, const tokinfo *ti, size_t i) {
  if (tk->tok[i].kind != RASD_TOK_WORD || !ti->inb[i] || !ti->tr[i].definite) return 0;
  return ti->tr[i].def_key;
}

/* Builds the set (only when first asked: most documents never ask), sized for the words that go in. */
static int defset_build(defset *ds, const rasd_tokens *tk, const tokinfo *ti) {
  size_t cap = 64, nk = 0;
  for (size_t i = 0; i < tk->n_tok; i++) nk += defset_key(tk, ti, i) != 0;
  while (cap < nk * 2) cap <<= 1;
  ds->k = calloc(cap, sizeof *ds->k);
  ds->mask = cap - 1;
  if (!ds->k) return -1;
  for (size_t i = 0; i < tk->n_tok; i++) {
    uint64_t k = defset_key(tk, ti, i);
    if (!k) continue;
    size_t p = (size_t)(k >> 20) & ds->mask;
    while (ds->k[p] && ds->k[p] != k) p = (p + 1) & ds->mask;
    ds->k[p] = k;
  }
  return 0;
}

/* Whether key k is in the set (-1: out of memory building it). */
static int defset_has(defset *ds, const rasd_tokens *tk, const tokinfo *ti, uint64_t k) {
  if (!k) return 0;
  if (!ds->k && defset_build(ds, tk, ti)) return -1;
  size_t p = (size_t)(k >> 20) & ds->mask;
  while (ds->k[p]) {
    if (ds->k[p] == k) return 1;
    p = (p + 1) & ds->mask;
  }
  return 0;
}

/* What rasd__ner_run leaves for the next stages of the same analysis (see rasd__ner_gaz_tails): per token,
 * read from the word cache, so each distinct word is asked once per run rather than once per occurrence. */
static _Thread_local struct {
  const rasd_analysis *a;
  const rasd_tokens *tk;
  const rasd_token *tok;
  const char *text;
  size_t text_len, n_tok;
  uint64_t text_h;
  const uint8_t *tail;
  const int16_t *kbit;
} side_;

void rasd__ner_forget(void) { memset(&side_, 0, sizeof side_); }

static int side_ok(const rasd_doc *d, const rasd_analysis *a) {
  const rasd_tokens *tk = a ? a->tokens : NULL;
  return side_.kbit && tk && side_.a == a && side_.tk == tk && side_.tok == tk->tok && side_.n_tok == tk->n_tok &&
         side_.text == d->text && side_.text_len == d->text_len && side_.text_h == word_hash(d->text, d->text_len);
}

const int16_t *rasd__ner_keybits(const rasd_doc *d, const rasd_analysis *a) { return side_ok(d, a) ? side_.kbit : NULL; }

const uint8_t *rasd__ner_gaz_tails(const rasd_doc *d, const rasd_analysis *a) {
  const rasd_tokens *tk = a ? a->tokens : NULL;
  if (!side_.tail || !tk || side_.a != a || side_.tk != tk || side_.tok != tk->tok || side_.n_tok != tk->n_tok ||
      side_.text != d->text || side_.text_len != d->text_len || side_.text_h != word_hash(d->text, d->text_len))
    return NULL;
  return side_.tail;
}

/* Per token of 'tk', rasd__ent_keybit() of its bare form + 2 for the words rasd__entities_link may ask (not
 * stopwords, bare form of two letters or more; 0 for the rest), through the word cache entries 'didx' when
 * 'idx_ok'; an arena array, or NULL when out of memory. */
static int16_t *keybits(rasd__ner_state *st, const rasd_tokens *tk, const uint8_t *inb, const uint32_t *didx, int idx_ok,
                        rasd__arena *ar) {
  int16_t *kb = rasd__arena_alloc(ar, (tk->n_tok + 1) * sizeof *kb);
  if (!kb) return NULL;
  for (size_t i = 0; i < tk->n_tok; i++) {
    const rasd_token *t = &tk->tok[i];
    kb[i] = 0;
    if (t->kind != RASD_TOK_WORD || (t->flags & RASD_TOKF_STOP) || !t->bare || t->bare_len < 4 || !inb[i]) continue;
    wc_ent *e = idx_ok && didx[i] != RASD__NER_NOIDX ? &st->ent[didx[i]] : NULL;
    if (e && e->kbit) {
      kb[i] = e->kbit;
      continue;
    }
    kb[i] = (int16_t)(rasd__ent_keybit(t->bare, t->bare_len) + 2);
    if (e) e->kbit = kb[i];
  }
  return kb;
}

/* Per token of 'tk', 0x80 | rasd__gaz_tail(word, 7) (0 for other tokens and words outside the text), through the
 * word cache entries 'didx' when 'idx_ok'; an arena array, or NULL when out of memory. */
static uint8_t *gaz_tails(const rasd_models *m, rasd__ner_state *st, const rasd_tokens *tk, const rasd__ner_word *w,
                          const uint8_t *inb, const uint32_t *didx, int idx_ok, rasd__arena *ar) {
  uint8_t *tails = rasd__arena_alloc(ar, tk->n_tok + 1);
  if (!tails) return NULL;
  uint64_t gg = rasd__gaz_gen(m->gaz);
  if (st->ggen != gg) { /* another gazetteer: what the entries hold is stale */
    for (size_t k = 0; k < st->n_ent; k++) st->ent[k].gtail = 0;
    st->ggen = gg;
  }
  for (size_t i = 0; i < tk->n_tok; i++) {
    tails[i] = 0;
    if (tk->tok[i].kind != RASD_TOK_WORD || !inb[i]) continue;
    wc_ent *e = idx_ok && didx[i] != RASD__NER_NOIDX ? &st->ent[didx[i]] : NULL;
    if (e && e->gtail) {
      tails[i] = e->gtail;
      continue;
    }
    tails[i] = (uint8_t)(0x80 | rasd__gaz_tail(m->gaz, w[i].s, w[i].len, 7));
    if (e) e->gtail = tails[i];
  }
  return tails;
}

int rasd__ner_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) {
  const rasd_tokens *tk = a->tokens;
  rasd__ner_forget();
  if (!m || !m->ner || !tk || !tk->n_tok || !d->text) return RASD_OK;
  pthread_once(&word_keys_once, word_keys_init);
  int owned;
  rasd__ner_state *st = state_acquire(m->ner, &owned);
  rasd__ner_word *w = malloc(tk->n_tok * sizeof *w);
  uint8_t *tags = malloc(tk->n_tok);
  rasd__ner_wtraits *tr = malloc(tk->n_tok * sizeof *tr);
  uint8_t *inb = malloc(tk->n_tok);
  uint32_t *didx = malloc(tk->n_tok * sizeof *didx); /* per token: its word cache entry */
  tokinfo ti = {tr, inb};
  rasd_mention *ms = NULL;
  size_t nm = 0, cap = 0;
  int rc = RASD_ENOMEM;
  defset ds = {NULL, 0};
  if (!st || !w || !tags || !tr || !inb || !didx) goto done;
  for (size_t i = 0; i < tk->n_tok; i++) {
    const rasd_token *t = &tk->tok[i];
    size_t st0 = t->start, len = t->len;
    inb[i] = st0 + len <= d->text_len;
    if (st0 > d->text_len) st0 = d->text_len;
    if (len > d->text_len - st0) len = d->text_len - st0;
    w[i].s = d->text + st0;
    w[i].len = (uint32_t)len;
  }
  int idx_ok = 0;
  if (rasd__ner_traits(m->ner, st, w, tk->n_tok, tr, didx, &idx_ok) != RASD_OK) goto done;
  const uint8_t *tails = NULL;
  if (m->gaz && !(tails = gaz_tails(m, st, tk, w, inb, didx, idx_ok, ar))) goto done;
  const int16_t *kbits = keybits(st, tk, inb, didx, idx_ok, ar);
  if (!kbits) goto done;
  for (size_t si = 0; si < tk->n_sent; si++) {
    const rasd_sentence *s = &tk->sent[si];
    size_t b = s->tok_begin, e = s->tok_end;
    if (e > tk->n_tok) e = tk->n_tok;
    if (b >= e) continue;
    if ((rc = rasd__ner_tag_idx(m->ner, st, w + b, e - b, tags + b, idx_ok ? didx + b : NULL)) != RASD_OK) goto done;
    fix_frames(tk, &ti, b, e, tags);
    rc = RASD_ENOMEM;
    for (size_t i = b; i < e;) {
      int tg = tags[i];
      if (tg == RASD__NER_O) { i++; continue; }
      int ty = rasd__ner_tag_type(tg);
      size_t j = i + 1;
      while (j < e && rasd__ner_tag_pos(tags[j - 1]) != 2 && rasd__ner_tag_pos(tags[j]) >= 1 &&
             rasd__ner_tag_type(tags[j]) == ty)
        j++;
      size_t x = i, y = j;
      if (ty == 1) { /* a person's name half tagged: take a name-like neighbour word (أدريان واتسون) */
        /* only where the word stands between the name and a boundary (punctuation or the sentence's edge) */
        if (x > b + 1 && tags[x - 1] == RASD__NER_O && is_punct_tok(&tk->tok[x - 2]) &&
            name_like(d, &tk->tok[x - 1], &ti, x - 1, 2))
          x--;
        if (y < e && tags[y] == RASD__NER_O && (y + 1 == e || is_punct_tok(&tk->tok[y + 1])) &&
            name_like(d, &tk->tok[y], &ti, y, y - x >= 2 ? 1 : 2)) /* كيم جونج + أون */
          y++;
      }
      while (x < y && is_punct_tok(&tk->tok[x])) x++;
      while (y > x && is_punct_tok(&tk->tok[y - 1])) y--;
      int mty = ent_type(tg);
      if (ty == 1 && x < y) {
        /* an office or kinship noun before the name is not part of it, and alone is no name */
        while (x < y && inb[x] && !(tr[x].cls & RASD__LX_FIRST) && role_noun_c(st, didx, idx_ok, w, x)) x++;
        /* a verb at either end is not part of the name: "خالد بحاح سيغادر", "ويرى عبد العزيز السبيعي" */
        while (y - x >= 2 && verb_word(m->ner, &tk->tok[y - 1], &ti, y - 1)) {
          y--;
          while (y > x && is_punct_tok(&tk->tok[y - 1])) y--;
        }
        while (y - x >= 2 && verb_word(m->ner, &tk->tok[x], &ti, x)) {
          x++;
          while (x < y && is_punct_tok(&tk->tok[x])) x++;
        }
        /* "كوريا ترى": a listed place and a verb of saying after it is the place (not "جون راي") */
        if (y - x == 2 && is_speech_verb(&ti, y - 1) && (tr[x].cls & (RASD__LX_GAZ_LOC | RASD__LX_NAM_LOC)) &&
            !(tr[x].cls & (RASD__LX_FIRST | RASD__LX_GAZ_PERS | RASD__LX_NAM_PERS))) {
          y--;
          mty = ent_type(RASD__NER_B_LOC);
        }
      }
      if (x + 1 == y && is_currency(&ti, x)) x = y; /* مليار ريال: a unit, not a name */
      /* an office or kinship noun alone is no place or organisation either (وكيل is not و + Kiel) */
      if (x + 1 == y && ty != 1 && inb[x] && role_noun_c(st, didx, idx_ok, w, x))
        x = y;
      if (x + 1 == y && ty == 2 && inb[x]) {
        int dh = tr[x].definite ? 0 : defset_has(&ds, tk, &ti, tr[x].def_key);
        if (dh < 0) goto done;
        if (dh) x = y; /* a common noun here, not a place */
      }
      if (x < y) {
        rasd_mention mn;
        memset(&mn, 0, sizeof mn);
        mn.tok_begin = (uint32_t)x;
        mn.tok_end = (uint32_t)y;
        mn.start = tk->tok[x].start;
        mn.end = tk->tok[y - 1].start + tk->tok[y - 1].len;
        if (mn.end > d->text_len) mn.end = (uint32_t)d->text_len;
        if (mn.start > mn.end) mn.start = mn.end;
        mn.type = (uint8_t)mty;
        mn.entity = -1;
        if (!(mn.text = rasd__arena_strndup(ar, d->text + mn.start, mn.end - mn.start))) goto done;
        if (RASD__VEC_PUSH(ms, nm, cap, mn)) goto done;
      }
      i = y > j ? y : j;
    }
  }
  if (nm) {
    rasd_mention *all = rasd__arena_alloc(ar, (a->n_mentions + nm) * sizeof *all);
    if (!all) goto done;
    if (a->n_mentions) memcpy(all, a->mentions, a->n_mentions * sizeof *all);
    memcpy(all + a->n_mentions, ms, nm * sizeof *all);
    a->mentions = all;
    a->n_mentions += nm;
  }
  {
    side_.a = a;
    side_.tk = tk;
    side_.tok = tk->tok;
    side_.text = d->text;
    side_.text_len = d->text_len;
    side_.text_h = word_hash(d->text, d->text_len);
    side_.n_tok = tk->n_tok;
    side_.tail = tails;
    side_.kbit = kbits;
  }
  rc = RASD_OK;
done:
  free(ds.k);
  free(ms);
  free(w);
  free(tags);
  free(tr);
  free(inb);
  free(didx);
  state_release(m->ner, st, owned);
  return rc;
}
