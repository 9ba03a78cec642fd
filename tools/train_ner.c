/* train_ner.c — trains the NER model (averaged structured perceptron, Viterbi) from ANERcorp + ANERgazet into data/ner.model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include "extract/extract.h"
#include "extract/ner.h"

enum { T = RASD__NER_T, NF = RASD__NER_NF };

typedef struct sent {
  size_t first, n; /* tokens [first, first+n) */
} sent;

static rasd__ner_word *words;
static uint8_t *gold;
static size_t n_words, cap_words;
static sent *sents;
static size_t n_sents, cap_sents;

static void die(const char *msg, const char *arg) {
  fprintf(stderr, "train_ner: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
  exit(1);
}

#define NLM_BITS 16
static double *cnt_name, *cnt_other; /* trigram counts: names, other words */

static void nlm_add(double *cnt, const char *s, size_t len) {
  uint32_t tb[64];
  size_t k = rasd__ner_trigrams(s, len, NLM_BITS, tb, 64);
  for (size_t q = 0; q < k; q++) cnt[tb[q]] += 1;
}

/* Adds every word of the phrase s[0..len) to the name counts. */
static void nlm_add_words(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    while (i < len && s[i] == ' ') i++;
    size_t st = i;
    while (i < len && s[i] != ' ') i++;
    if (i > st) nlm_add(cnt_name, s + st, i - st);
  }
}

static int cmp_pair(const void *a, const void *b) {
  const uint64_t *x = a, *y = b;
  return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] < y[1] ? -1 : x[1] > y[1];
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open", path);
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)sz + 1);
  if (!b || fread(b, 1, (size_t)sz, f) != (size_t)sz) die("cannot read", path);
  fclose(f);
  b[sz] = 0;
  *len = (size_t)sz;
  return b;
}

/* Reads "token ... TAG" lines; a blank line ends a sentence. The buffer is kept (words point into it). */
static void read_conll(const char *path) {
  size_t len;
  char *b = slurp(path, &len);
  size_t start = 0, sent_first = 0;
  long line = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && b[i] != '\n') continue;
    line++;
    size_t e = i;
    b[i < len ? i : len] = 0;
    if (e > start && b[e - 1] == '\r') b[--e] = 0;
    char *s = b + start;
    start = i + 1;
    char *tok = strtok(s, " \t");
    if (!tok) {
      if (n_words > sent_first) {
        sent st = {sent_first, n_words - sent_first};
        if (RASD__VEC_PUSH(sents, n_sents, cap_sents, st)) die("out of memory", NULL);
      }
      sent_first = n_words;
      continue;
    }
    char *tag = tok, *x;
    while ((x = strtok(NULL, " \t"))) tag = x;
    int t = rasd__ner_tag_parse(tag, strlen(tag));
    if (t < 0) {
      fprintf(stderr, "train_ner: %s:%ld: unknown tag '%s', taken as O\n", path, line, tag);
      t = 0;
    }
    /* I-X that does not continue an X starts one (as conlleval reads it) */
    int prev = n_words > sent_first ? gold[n_words - 1] : -1;
    if (rasd__ner_tag_pos(t) == 1 && !(prev > 0 && rasd__ner_tag_type(prev) == rasd__ner_tag_type(t))) t -= 1;
    rasd__ner_word w = {tok, (uint32_t)strlen(tok)};
    if (n_words + 1 > cap_words) {
      size_t c = cap_words ? cap_words * 2 : 4096;
      words = realloc(words, c * sizeof *words);
      gold = realloc(gold, c);
      if (!words || !gold) die("out of memory", NULL);
      cap_words = c;
    }
    words[n_words] = w;
    gold[n_words++] = (uint8_t)t;
  }
  if (n_words > sent_first) {
    sent st = {sent_first, n_words - sent_first};
    if (RASD__VEC_PUSH(sents, n_sents, cap_sents, st)) die("out of memory", NULL);
  }
}

/* Adds each ANERgazet list (one name per line) to the lexicon with its type bit. */
/* Adds the big name lists: ANETAC (TYPE English Arabic per line) and world-cities.csv (country and city). */
static void read_names(rasd__ner_lex *lx, rasd__ner_lex *g, const char *dir) {
  char path[4096];
  size_t len;
  snprintf(path, sizeof path, "%s/anetac-en-ar-ne-transliteration/EN-AR_Named-entities.txt", dir);
  char *b = slurp(path, &len);
  for (char *line = strtok(b, "\n"); line; line = strtok(NULL, "\n")) {
    char *sp1 = strchr(line, ' '), *sp2 = sp1 ? strrchr(line, ' ') : NULL;
    if (!sp1 || sp2 == sp1) continue;
    char *ar = sp2 + 1;
    size_t n = strcspn(ar, "\r");
    uint16_t bits = !strncmp(line, "PERSON", 6) ? RASD__LX_NAM_PERS
                  : !strncmp(line, "LOCATION", 8) ? RASD__LX_NAM_LOC
                  : !strncmp(line, "ORGANIZATION", 12) ? RASD__LX_NAM_ORG : 0;
    if (!bits || n < 4) continue;
    nlm_add_words(ar, n);
    rasd__ner_lex_add_phrase(lx, ar, n, bits);
    rasd__ner_lex_add_phrase(g, ar, n, bits);
  }
  free(b);
  snprintf(path, sizeof path, "%s/world-cities-ar-en/world-cities.csv", dir);
  b = slurp(path, &len);
  for (char *line = strtok(b, "\n"); line; line = strtok(NULL, "\n")) {
    /* "country_ar","country_en","city_ar","city_en",population */
    char *q[8];
    int nq = 0;
    for (char *p = line; *p && nq < 8; p++)
      if (*p == '"') q[nq++] = p;
    if (nq < 6) continue;
    rasd__ner_lex_add_phrase(lx, q[0] + 1, (size_t)(q[1] - q[0] - 1), RASD__LX_NAM_LOC);
    rasd__ner_lex_add_phrase(g, q[0] + 1, (size_t)(q[1] - q[0] - 1), RASD__LX_NAM_LOC);
    rasd__ner_lex_add_phrase(lx, q[4] + 1, (size_t)(q[5] - q[4] - 1), RASD__LX_NAM_LOC);
    rasd__ner_lex_add_phrase(g, q[4] + 1, (size_t)(q[5] - q[4] - 1), RASD__LX_NAM_LOC);
  }
  free(b);
}

static void read_gaz(rasd__ner_lex *lx, const char *dir, const char *names, uint64_t **keys_out, uint16_t **bits_out,
                     size_t *n_out) {
  static const struct { const char *file; uint16_t bits; } lists[] = {
      {"AlignedLocGazetteer.txt", RASD__LX_GAZ_LOC},
      {"AlignedOrgGazetteer.txt", RASD__LX_GAZ_ORG},
      {"AlignedPersGazetteer.txt", RASD__LX_GAZ_PERS},
  };
  rasd__ner_lex g;
  if (rasd__ner_lex_init(&g, 200000)) die("out of memory", NULL);
  if (names) read_names(lx, &g, names);
  for (size_t l = 0; l < 3; l++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, lists[l].file);
    size_t len;
    char *b = slurp(path, &len);
    size_t st = 0;
    for (size_t i = 0; i <= len; i++) {
      if (i < len && b[i] != '\n') continue;
      size_t e = i;
      while (e > st && (b[e - 1] == '\r' || b[e - 1] == ' ')) e--;
      int letters = 0;
      for (size_t k = st; k < e; k++) letters += (unsigned char)b[k] >= 0xD8 && (unsigned char)b[k] <= 0xDB;
      if (letters >= 2) {
        if (lists[l].bits != RASD__LX_GAZ_ORG) nlm_add_words(b + st, e - st);
        rasd__ner_lex_add_phrase(lx, b + st, e - st, lists[l].bits);
        rasd__ner_lex_add_phrase(&g, b + st, e - st, lists[l].bits);
      }
      st = i + 1;
    }
    free(b);
  }
  /* the compiled, hashed list that goes into the model: sorted keys for byte-identical output */
  size_t n = 0;
  uint64_t *k = malloc((g.n + 1) * sizeof *k);
  uint16_t *v = malloc((g.n + 1) * sizeof *v);
  for (uint32_t p = 0; p <= g.mask; p++)
    if (g.keys[p]) k[n++] = g.keys[p];
  qsort(k, n, sizeof *k, cmp_u64);
  for (size_t i = 0; i < n; i++) {
    uint32_t p = (uint32_t)(k[i] >> 17) & g.mask;
    while (g.keys[p] != k[i]) p = (p + 1) & g.mask;
    v[i] = g.vals[p];
  }
  lx->max_words = lx->max_words > g.max_words ? lx->max_words : g.max_words;
  *keys_out = k;
  *bits_out = v;
  *n_out = n;
  rasd__ner_lex_free(&g);
}


/* ---- word clusters from unlabelled news (SaudiNewsNet days, zip files of JSON) ----
 * Every frequent word (without conjunction and article; once as written but for diacritics, once in its
 * matching form) gets a vector of positive PMI with the most frequent
 * words seen just before and just after it; spherical k-means groups the vectors. Only hashed word keys and
 * cluster ids go into the model, never text. Deterministic: files in name order, fixed initial centroids. */
#define CL_V 20000 /* words that get a cluster */
#define CL_C 200   /* context words (most frequent), on each side */
#define CL_ITER 8
static int CL_K = 64;     /* clusters: --cluster-k */
static int cl_stop = 200; /* the most frequent words (prepositions, particles …) get no cluster: --cluster-stop */
#define CL_SLOTS (1u << 22)

static int news_delim(const unsigned char *b, size_t i, size_t n, size_t *skip) {
  unsigned char c = b[i];
  *skip = 1;
  if (c == '\\') { *skip = i + 1 < n ? 2 : 1; return 1; }
  if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  if (i + 1 < n && c == 0xD8 && (b[i + 1] == 0x8C || b[i + 1] == 0x9B || b[i + 1] == 0x9F)) { *skip = 2; return 1; }
  if (i + 1 < n && c == 0xC2 && (b[i + 1] == 0xAB || b[i + 1] == 0xBB)) { *skip = 2; return 1; }
  return 0;
}

static void news_clusters(rasd__ner_lex *lx, const char *dir, int folded, uint64_t **gk, uint16_t **gv, size_t *ng) {
  char cmd[4200];
  if (strchr(dir, '\'')) die("news folder name has a quote", dir);
  snprintf(cmd, sizeof cmd, "for f in '%s'/*.zip; do unzip -p \"$f\" || exit 1; done", dir);
  FILE *p = popen(cmd, "r");
  if (!p) die("cannot run unzip on", dir);
  uint64_t *hk = calloc(CL_SLOTS, sizeof *hk);
  uint32_t *hc = calloc(CL_SLOTS, sizeof *hc);
  size_t ns = 0, cs = 1 << 24;
  uint32_t *seq = malloc(cs * sizeof *seq); /* slot per token; UINT32_MAX = line break */
  if (!hk || !hc || !seq) die("out of memory", NULL);
  char *line = NULL;
  size_t lcap = 0;
  ssize_t ll;
  size_t types = 0;
  while ((ll = getline(&line, &lcap, p)) > 0) {
    const unsigned char *b = (const unsigned char *)line;
    size_t n = (size_t)ll, i = 0;
    while (i < n) {
      size_t sk;
      while (i < n && news_delim(b, i, n, &sk)) i += sk;
      size_t st = i;
      while (i < n && !news_delim(b, i, n, &sk)) i++;
      if (i == st) continue;
      uint64_t k = rasd__ner_cluster_key(line + st, i - st, folded);
      if (!k) continue;
      uint32_t q = (uint32_t)(k >> 20) & (CL_SLOTS - 1);
      while (hk[q] && hk[q] != k) q = (q + 1) & (CL_SLOTS - 1);
      if (!hk[q]) {
        if (++types > CL_SLOTS / 2) die("too many word types in the news", dir);
        hk[q] = k;
      }
      hc[q]++;
      if (ns + 2 > cs) {
        cs *= 2;
        if (!(seq = realloc(seq, cs * sizeof *seq))) die("out of memory", NULL);
      }
      seq[ns++] = q;
    }
    if (ns && seq[ns - 1] != UINT32_MAX) seq[ns++] = UINT32_MAX;
  }
  free(line);
  if (pclose(p) != 0) die("unzip failed on the news folder", dir);
  /* rank the types by count (ties by key) */
  uint64_t *ord = malloc(types * sizeof *ord * 2);
  size_t nt = 0;
  for (uint32_t q = 0; q < CL_SLOTS; q++)
    if (hk[q]) { ord[2 * nt] = ((uint64_t)(UINT32_MAX - hc[q]) << 32) | 0; ord[2 * nt + 1] = q; nt++; }
  /* pairs (count descending, key): sorted, deterministic */
  uint64_t *sk = malloc(nt * 2 * sizeof *sk);
  for (size_t i = 0; i < nt; i++) { sk[2 * i] = ord[2 * i]; sk[2 * i + 1] = hk[ord[2 * i + 1]]; }
  qsort(sk, nt, 2 * sizeof *sk, cmp_pair);
  size_t V = nt < CL_V ? nt : CL_V, C = CL_C < V ? CL_C : V;
  int32_t *rank = malloc(CL_SLOTS * sizeof *rank);
  for (uint32_t q = 0; q < CL_SLOTS; q++) rank[q] = -1;
  for (size_t r = 0; r < V; r++) {
    uint64_t k = sk[2 * r + 1];
    uint32_t q = (uint32_t)(k >> 20) & (CL_SLOTS - 1);
    while (hk[q] != k) q = (q + 1) & (CL_SLOTS - 1);
    rank[q] = (int32_t)r;
  }
  size_t D = 2 * C;
  float *M = calloc(V * D, sizeof *M);
  if (!M || !rank || !sk) die("out of memory", NULL);
  for (size_t i = 0; i < ns; i++) {
    if (seq[i] == UINT32_MAX) continue;
    int32_t w = rank[seq[i]];
    if (w < 0) continue;
    if (i > 0 && seq[i - 1] != UINT32_MAX) { int32_t c = rank[seq[i - 1]]; if (c >= 0 && (size_t)c < C) M[(size_t)w * D + (size_t)c] += 1; }
    if (i + 1 < ns && seq[i + 1] != UINT32_MAX) { int32_t c = rank[seq[i + 1]]; if (c >= 0 && (size_t)c < C) M[(size_t)w * D + C + (size_t)c] += 1; }
  }
  /* positive PMI, rows L2-normalised */
  double tot = 0, *colsum = calloc(D, sizeof *colsum);
  for (size_t w = 0; w < V; w++) for (size_t d = 0; d < D; d++) { colsum[d] += M[w * D + d]; tot += M[w * D + d]; }
  for (size_t w = 0; w < V; w++) {
    double rs = 0, nn = 0;
    for (size_t d = 0; d < D; d++) rs += M[w * D + d];
    for (size_t d = 0; d < D; d++) {
      double x = M[w * D + d];
      double v = x > 0 && rs > 0 ? log(x * tot / (rs * colsum[d])) : 0;
      M[w * D + d] = (float)(v > 0 ? v : 0);
      nn += (double)M[w * D + d] * M[w * D + d];
    }
    float inv = nn > 0 ? (float)(1.0 / sqrt(nn)) : 0;
    for (size_t d = 0; d < D; d++) M[w * D + d] *= inv;
  }
  size_t K = (size_t)CL_K < V ? (size_t)CL_K : V;
  float *cen = malloc(K * D * sizeof *cen);
  uint16_t *asg = calloc(V, sizeof *asg);
  for (size_t k = 0; k < K; k++) memcpy(cen + k * D, M + (k * V / K) * D, D * sizeof *cen);
  for (int it = 0; it < CL_ITER; it++) {
    for (size_t w = 0; w < V; w++) {
      const float *x = M + w * D;
      float best = -2;
      size_t bi = 0;
      for (size_t k = 0; k < K; k++) {
        const float *c = cen + k * D;
        float s = 0;
        for (size_t d = 0; d < D; d++) s += x[d] * c[d];
        if (s > best) { best = s; bi = k; }
      }
      asg[w] = (uint16_t)bi;
    }
    memset(cen, 0, K * D * sizeof *cen);
    for (size_t w = 0; w < V; w++) for (size_t d = 0; d < D; d++) cen[asg[w] * D + d] += M[w * D + d];
    for (size_t k = 0; k < K; k++) {
      double nn = 0;
      for (size_t d = 0; d < D; d++) nn += (double)cen[k * D + d] * cen[k * D + d];
      float inv = nn > 0 ? (float)(1.0 / sqrt(nn)) : 0;
      for (size_t d = 0; d < D; d++) cen[k * D + d] *= inv;
    }
  }
  *gk = realloc(*gk, (*ng + V) * sizeof **gk);
  *gv = realloc(*gv, (*ng + V) * sizeof **gv);
  if (!*gk || !*gv) die("out of memory", NULL);
  for (size_t w = (size_t)cl_stop < V ? (size_t)cl_stop : V; w < V; w++) {
    uint64_t key = sk[2 * w + 1];
    (*gk)[*ng] = key;
    (*gv)[*ng] = (uint16_t)(asg[w] + 1);
    (*ng)++;
    if (rasd__ner_lex_add_key(lx, key, (uint16_t)(asg[w] + 1))) die("lexicon full (clusters)", NULL);
  }
  fprintf(stderr, "train_ner: news: %zu tokens, %zu word types; %zu words in %zu clusters\n", ns, nt, V, K);
  free(M); free(cen); free(asg); free(colsum); free(rank); free(sk); free(ord); free(seq); free(hk); free(hc);
}

static uint64_t rng_state;
static uint64_t rng(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* Viterbi with weights 'w' (bucket-major, T per row) and transitions 'tr' ((T+1) × T), typed by macro. */
#define DEFINE_VITERBI(name, WT, ST)                                                                       \
  static void name(const WT *w, const WT *tr, const uint32_t *feats, size_t n, uint8_t *out, ST *sc,       \
                   uint8_t *bk) {                                                                          \
    for (size_t i = 0; i < n; i++) {                                                                       \
      ST e[T] = {0};                                                                                       \
      const uint32_t *f = feats + i * NF;                                                                  \
      for (int k = 0; k < NF; k++)                                                                         \
        for (int t = 0; t < T; t++) e[t] += (ST)w[(size_t)f[k] * T + (size_t)t];                           \
      ST *cur = sc + i * T;                                                                                \
      for (int t = 0; t < T; t++) {                                                                        \
        ST best = 0;                                                                                       \
        int bi = -1;                                                                                       \
        if (i == 0) {                                                                                      \
          if (rasd__ner_allowed(-1, t)) { best = tr[t]; bi = 0; }                                          \
        } else {                                                                                           \
          for (int a = 0; a < T; a++) {                                                                    \
            if (!rasd__ner_allowed(a, t)) continue;                                                        \
            ST v = cur[a - T] + tr[(size_t)(1 + a) * T + (size_t)t];                                      \
            if (bi < 0 || v > best) { best = v; bi = a; }                                                  \
          }                                                                                                \
        }                                                                                                  \
        cur[t] = bi < 0 ? (ST)-1e15 : best + e[t];                                                         \
        bk[i * T + (size_t)t] = (uint8_t)(bi < 0 ? 0 : bi);                                                \
      }                                                                                                    \
    }                                                                                                      \
    const ST *last = sc + (n - 1) * T;                                                                     \
    int bt = 0;                                                                                            \
    for (int t = 1; t < T; t++)                                                                            \
      if (last[t] > last[bt]) bt = t;                                                                      \
    for (size_t i = n; i-- > 0;) {                                                                         \
      out[i] = (uint8_t)bt;                                                                                \
      bt = bk[i * T + (size_t)bt];                                                                         \
    }                                                                                                      \
  }
DEFINE_VITERBI(viterbi_i, int32_t, int64_t)
DEFINE_VITERBI(viterbi_f, float, double)

/* Exact-span counts (conlleval style, as tools/conll_f1.py). */
typedef struct { long tp, np, ng; long ty_tp[5], ty_np[5], ty_ng[5]; } prf;
static void spans(const uint8_t *t, size_t n, size_t *st, size_t *en, int *ty, size_t *k) {
  *k = 0;
  size_t s = 0;
  int cur = 0;
  for (size_t i = 0; i <= n; i++) {
    int tg = i < n ? t[i] : 0;
    int y = rasd__ner_tag_type(tg), p = rasd__ner_tag_pos(tg);
    int pp = i > 0 ? rasd__ner_tag_pos(t[i - 1]) : -1;
    if (cur && (tg == 0 || p == 0 || pp == 2 || y != cur)) { st[*k] = s; en[*k] = i; ty[*k] = cur; (*k)++; cur = 0; }
    if (tg && (p == 0 || !cur)) { s = i; cur = y; }
  }
}
static void score(prf *r, const uint8_t *g, const uint8_t *p, size_t n) {
  size_t *gs = malloc(n * sizeof *gs * 4 + 8), *ge = gs + n + 1, *ps = ge + n + 1, *pe = ps + n;
  int *gt = malloc((n + 1) * sizeof *gt * 2), *pt = gt + n + 1;
  size_t kg, kp;
  spans(g, n, gs, ge, gt, &kg);
  spans(p, n, ps, pe, pt, &kp);
  r->ng += (long)kg;
  r->np += (long)kp;
  for (size_t a = 0; a < kg; a++) r->ty_ng[gt[a]]++;
  for (size_t b = 0; b < kp; b++) r->ty_np[pt[b]]++;
  for (size_t a = 0; a < kg; a++)
    for (size_t b = 0; b < kp; b++)
      if (gs[a] == ps[b] && ge[a] == pe[b] && gt[a] == pt[b]) { r->tp++; r->ty_tp[gt[a]]++; }
  free(gs);
  free(gt);
}
static double f1(long tp, long np, long ng) {
  double P = np ? (double)tp / (double)np : 0, R = ng ? (double)tp / (double)ng : 0;
  return P + R > 0 ? 2 * P * R / (P + R) : 0;
}

static void put_varint(FILE *f, uint64_t v) {
  while (v >= 0x80) {
    fputc((int)(v & 0x7f) | 0x80, f);
    v >>= 7;
  }
  fputc((int)v, f);
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* --bench MODEL CONLL: model load time (median of 9), tagging tokens/s on one core (median of 5 passes). */
static int bench(const char *model, const char *conll) {
  double lt[9], lc[9], tp[5];
  rasd__ner *m = NULL;
  size_t fsz = 0;
  for (int r = 0; r < 9; r++) {
    char *err = NULL;
    double t0 = now_ms(), c0 = cpu_ms();
    if (rasd__ner_load_file(model, &m, &err) != RASD_OK) die("cannot load", err);
    lt[r] = now_ms() - t0;
    lc[r] = cpu_ms() - c0;
    fsz = m->file_size;
    if (r < 8) rasd__ner_free(m);
  }
  read_conll(conll);
  rasd__ner_state *st = rasd__ner_state_new();
  uint8_t *tags = malloc(n_words + 1);
  double cp[5];
  for (int r = 0; r < 5; r++) {
    double t0 = now_ms(), c0 = cpu_ms();
    for (size_t s = 0; s < n_sents; s++)
      if (rasd__ner_tag(m, st, words + sents[s].first, sents[s].n, tags + sents[s].first)) die("out of memory", NULL);
    tp[r] = (double)n_words / ((now_ms() - t0) / 1e3);
    cp[r] = (double)n_words / ((cpu_ms() - c0) / 1e3);
  }
  qsort(cp, 5, sizeof cp[0], cmp_d);
  qsort(lt, 9, sizeof lt[0], cmp_d);
  qsort(lc, 9, sizeof lc[0], cmp_d);
  qsort(tp, 5, sizeof tp[0], cmp_d);
  printf("ner model %s: %zu bytes (%.2f MB)\n", model, fsz, (double)fsz / 1e6);
  printf("ner load: median %.1f ms CPU (min %.1f, max %.1f); wall clock median %.1f ms (min %.1f; 9 runs)\n", lc[4],
         lc[0], lc[8], lt[4], lt[0]);
  printf("ner tagging: median %.2f M tokens per CPU second (min %.2f, max %.2f); wall clock %.2f M tokens/s\n"
         "  (5 passes over %zu tokens, one thread, features + Viterbi; wall clock depends on machine load)\n",
         cp[2] / 1e6, cp[0] / 1e6, cp[4] / 1e6, tp[2] / 1e6, n_words);
  free(tags);
  rasd__ner_state_free(st);
  rasd__ner_free(m);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && !strcmp(argv[1], "--bench")) return bench(argv[2], argv[3]);
  const char *news = NULL;
  int cl_sets = 2; /* 1: forms as written, 2: matching forms, 3: both */
  const char *train = NULL, *gazdir = NULL, *names = NULL, *out = NULL, *dev_gold = NULL, *dev_pred = NULL;
  int epochs = 12;
  unsigned bits = 20;
  uint64_t seed = 20231;
  int prune = 0, holdout = 1, drop = 0, mincount = 1, runs = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--train") && v) train = argv[++i];
    else if (!strcmp(a, "--gaz") && v) gazdir = argv[++i];
    else if (!strcmp(a, "--names") && v) names = argv[++i];
    else if (!strcmp(a, "--news") && v) news = argv[++i];
    else if (!strcmp(a, "--cluster-k") && v) CL_K = atoi(argv[++i]);
    else if (!strcmp(a, "--cluster-stop") && v) cl_stop = atoi(argv[++i]);
    else if (!strcmp(a, "--cluster-sets") && v) cl_sets = atoi(argv[++i]);
    else if (!strcmp(a, "--out") && v) out = argv[++i];
    else if (!strcmp(a, "--epochs") && v) epochs = atoi(argv[++i]);
    else if (!strcmp(a, "--bits") && v) bits = (unsigned)atoi(argv[++i]);
    else if (!strcmp(a, "--seed") && v) seed = strtoull(argv[++i], NULL, 10);
    else if (!strcmp(a, "--prune") && v) prune = atoi(argv[++i]);
    else if (!strcmp(a, "--drop") && v) drop = atoi(argv[++i]);
    else if (!strcmp(a, "--min-count") && v) mincount = atoi(argv[++i]);
    else if (!strcmp(a, "--runs") && v) runs = atoi(argv[++i]);
    else if (!strcmp(a, "--dev-gold") && v) dev_gold = argv[++i];
    else if (!strcmp(a, "--dev-pred") && v) dev_pred = argv[++i];
    else if (!strcmp(a, "--no-holdout")) holdout = 0;
    else {
      fprintf(stderr,
              "usage: train_ner --train CONLL --gaz ANERGAZET_DIR [--names SHARED_NAMES_DIR] --out MODEL [--epochs N] [--bits B] [--seed S]\n"
              "                 [--prune Q] [--dev-gold FILE] [--dev-pred FILE] [--no-holdout]\n"
              "                 [--news SAUDINEWSNET_DIR [--cluster-k K] [--cluster-stop N] [--cluster-sets 1|2|3]]\n");
      return 2;
    }
  }
  if (!train || !gazdir || !out || bits < 16 || bits > 24 || epochs < 1) die("missing or bad arguments", NULL);
  clock_t t0 = clock();
  cnt_name = calloc((size_t)1 << NLM_BITS, sizeof *cnt_name);
  cnt_other = calloc((size_t)1 << NLM_BITS, sizeof *cnt_other);
  int8_t *nlm = calloc((size_t)1 << NLM_BITS, 1);
  if (!cnt_name || !cnt_other || !nlm) die("out of memory", NULL);
  read_conll(train);
  rasd__ner_lex lx;
  if (rasd__ner_lex_init(&lx, 200000)) die("out of memory", NULL);
  uint64_t *gk;
  uint16_t *gv;
  size_t ng;
  read_gaz(&lx, gazdir, names, &gk, &gv, &ng);
  if (news) { /* two clusterings: of the forms as written and of the matching forms */
    if (cl_sets & 1) news_clusters(&lx, news, 0, &gk, &gv, &ng);
    if (cl_sets & 2) news_clusters(&lx, news, 1, &gk, &gv, &ng);
  }
  if (rasd__ner_lex_add_builtin(&lx)) die("lexicon full", NULL);
  /* name-likeness: trigram log-ratio of names vs the O words (types) of the training part */
  {
    rasd__ner_lex seen;
    if (rasd__ner_lex_init(&seen, 100000)) die("out of memory", NULL);
    for (size_t s = 0; s < n_sents; s++) {
      if (holdout && s % 10 == 9) continue;
      for (size_t i = sents[s].first; i < sents[s].first + sents[s].n; i++) {
        if (gold[i] != RASD__NER_O) continue;
        uint64_t k = rasd__ner_phrase_key(words[i].s, words[i].len) ^ 0x5555;
        uint32_t before = seen.n;
        if (!k || rasd__ner_lex_add_key(&seen, k, 1)) continue;
        if (seen.n != before) nlm_add(cnt_other, words[i].s, words[i].len);
      }
    }
    rasd__ner_lex_free(&seen);
    size_t V = (size_t)1 << NLM_BITS;
    double Nn = 0, No = 0;
    for (size_t i = 0; i < V; i++) { Nn += cnt_name[i]; No += cnt_other[i]; }
    for (size_t i = 0; i < V; i++) {
      double r = log((cnt_name[i] + 0.5) / (Nn + 0.5 * (double)V)) - log((cnt_other[i] + 0.5) / (No + 0.5 * (double)V));
      double q = r * 16.0;
      nlm[i] = (int8_t)(q > 127 ? 127 : q < -127 ? -127 : (q < 0 ? q - 0.5 : q + 0.5));
    }
    lx.nlm = nlm;
    lx.nlm_bits = NLM_BITS;
  }
  if (lx.max_words < 3) lx.max_words = 3;
  size_t maxn = 1;
  for (size_t s = 0; s < n_sents; s++) maxn = sents[s].n > maxn ? sents[s].n : maxn;
  uint32_t *feats = malloc(n_words * NF * sizeof *feats);
  rasd__ner_scratch *scr = rasd__ner_scratch_new(maxn);
  if (!feats || !scr) die("out of memory", NULL);
  for (size_t s = 0; s < n_sents; s++)
    rasd__ner_features(&lx, words + sents[s].first, sents[s].n, bits, scr, feats + sents[s].first * NF);
  /* every 10th sentence is the dev part; training sentences longer than 60 tokens (ANERcorp has some of
   * 1,900) are cut into pieces between two O tokens, so that one sentence cannot swing the weights */
  size_t *tr_idx = malloc(n_words * sizeof *tr_idx), ntr = 0, ndev = 0, ntok_dev = 0;
  sent *units = malloc(n_words * sizeof *units);
  if (!tr_idx || !units) die("out of memory", NULL);
  for (size_t s = 0; s < n_sents; s++) {
    if (holdout && s % 10 == 9) { ndev++; ntok_dev += sents[s].n; continue; }
    size_t b = sents[s].first, e = b + sents[s].n;
    while (b < e) {
      size_t x = e;
      if (e - b > 60)
        for (x = b + 40; x < e && !(gold[x - 1] == RASD__NER_O && gold[x] == RASD__NER_O); x++) {}
      units[ntr].first = b;
      units[ntr].n = x - b;
      tr_idx[ntr] = ntr;
      ntr++;
      b = x;
    }
  }
  fprintf(stderr, "train_ner: %zu sentences (%zu tokens); train %zu pieces, dev %zu (%zu tokens); %zu gazetteer phrases\n",
          n_sents, n_words, ntr, ndev, ntok_dev, ng);
  size_t nb = (size_t)1 << bits, nw = nb * T, ntr_w = (size_t)(T + 1) * T;
  /* row nb is a dead row: dropped features point there and it is reset after every update */
  int32_t *W = calloc(nw + T + ntr_w, sizeof *W);
  int64_t *U = calloc(nw + T + ntr_w, sizeof *U);
  uint32_t *tmpf = malloc(maxn * NF * sizeof *tmpf);
  float *A = malloc((nw + ntr_w) * sizeof *A);
  int64_t *sc64 = malloc(maxn * T * sizeof *sc64);
  double *scd = malloc(maxn * T * sizeof *scd);
  uint8_t *bk = malloc(maxn * T), *pred = malloc(n_words);
  if (!W || !U || !A || !sc64 || !scd || !bk || !pred) die("out of memory", NULL);
  if (mincount > 1) { /* features seen fewer than 'mincount' times in the training part are not learnt */
    uint8_t *cnt = calloc(nb, 1);
    if (!cnt) die("out of memory", NULL);
    for (size_t q = 0; q < ntr; q++)
      for (size_t i = units[q].first * NF; i < (units[q].first + units[q].n) * NF; i++)
        if (cnt[feats[i]] < 255) cnt[feats[i]]++;
    for (size_t q = 0; q < ntr; q++)
      for (size_t i = units[q].first * NF; i < (units[q].first + units[q].n) * NF; i++)
        if (cnt[feats[i]] < mincount) feats[i] = (uint32_t)nb;
    free(cnt);
  }
  int32_t *Wt = W + nw + T;
  int64_t *Ut = U + nw + T;
  /* 'runs' perceptrons trained on different sentence orders, their averaged weights averaged again */
  float *S = runs > 1 ? calloc(nw + ntr_w, sizeof *S) : NULL;
  if (runs > 1 && !S) die("out of memory", NULL);
  for (int run = 0; run < runs; run++) {
  memset(W, 0, (nw + T + ntr_w) * sizeof *W);
  memset(U, 0, (nw + T + ntr_w) * sizeof *U);
  for (size_t i = 0; i < ntr; i++) tr_idx[i] = i;
  int64_t c = 1;
  rng_state = seed + (uint64_t)run * 7919;
  for (int ep = 0; ep < epochs; ep++) {
    for (size_t i = ntr; i > 1; i--) { /* Fisher–Yates with the fixed seed */
      size_t j = (size_t)(rng() % i);
      size_t t = tr_idx[i - 1]; tr_idx[i - 1] = tr_idx[j]; tr_idx[j] = t;
    }
    long err = 0;
    for (size_t q = 0; q < ntr; q++, c++) {
      const sent *s = &units[tr_idx[q]];
      const uint32_t *f = feats + s->first * NF;
      if (drop > 0) { /* word dropout: hide the word's own identity so context and affixes learn to carry names */
        memcpy(tmpf, f, s->n * NF * sizeof *tmpf);
        for (size_t i = 0; i < s->n; i++)
          if ((int)(rng() % 100) < drop) {
            static const int ident[] = {1, 2, 20, 21, 22, 23};
            for (size_t k = 0; k < sizeof ident / sizeof ident[0]; k++) tmpf[i * NF + (size_t)ident[k]] = (uint32_t)nb;
          }
        f = tmpf;
      }
      const uint8_t *g = gold + s->first;
      uint8_t *p = pred + s->first;
      viterbi_i(W, Wt, f, s->n, p, sc64, bk);
      if (!memcmp(g, p, s->n)) continue;
      for (size_t i = 0; i < s->n; i++) {
        if (g[i] != p[i]) {
          err++;
          for (int k = 0; k < NF; k++) {
            size_t b = (size_t)f[i * NF + (size_t)k] * T;
            W[b + g[i]]++; U[b + g[i]] += c;
            W[b + p[i]]--; U[b + p[i]] -= c;
          }
        }
        size_t gi = (size_t)(i ? 1 + g[i - 1] : 0) * T + g[i], pi = (size_t)(i ? 1 + p[i - 1] : 0) * T + p[i];
        if (gi != pi) {
          Wt[gi]++; Ut[gi] += c;
          Wt[pi]--; Ut[pi] -= c;
        }
      }
      memset(W + nw, 0, T * sizeof *W);
      memset(U + nw, 0, T * sizeof *U);
    }
    /* averaged weights, dev score */
    for (size_t i = 0; i < nw; i++) A[i] = (float)((double)W[i] - (double)U[i] / (double)c);
    for (size_t i = 0; i < ntr_w; i++) A[nw + i] = (float)((double)Wt[i] - (double)Ut[i] / (double)c);
    prf r;
    memset(&r, 0, sizeof r);
    for (size_t s = 0; s < n_sents && holdout; s++) {
      if (s % 10 != 9) continue;
      viterbi_f(A, A + nw, feats + sents[s].first * NF, sents[s].n, pred + sents[s].first, scd, bk);
      score(&r, gold + sents[s].first, pred + sents[s].first, sents[s].n);
    }
    fprintf(stderr, "train_ner: run %d epoch %2d: %6ld token errors; dev F1 %.4f (%.1f s)\n", run + 1, ep + 1, err,
            f1(r.tp, r.np, r.ng), (double)(clock() - t0) / CLOCKS_PER_SEC);
  }
  if (S)
    for (size_t i = 0; i < nw + ntr_w; i++) S[i] += A[i] / (float)runs;
  }
  if (S) {
    memcpy(A, S, (nw + ntr_w) * sizeof *A);
    free(S);
  }
  /* quantise to int16 with one scale; the transitions keep int32 */
  float mx = 0;
  for (size_t i = 0; i < nw; i++) mx = A[i] > mx ? A[i] : -A[i] > mx ? -A[i] : mx;
  float scale = mx > 0 ? 32000.0f / mx : 1.0f;
  FILE *f = tmpfile();
  if (!f) die("cannot create a temporary file", NULL);
  for (size_t i = 0; i < ntr_w; i++) {
    float v = A[nw + i] * scale;
    int32_t q = (int32_t)(v < 0 ? v - 0.5f : v + 0.5f);
    fwrite(&q, 4, 1, f);
  }
  fwrite(gk, 8, ng, f);
  fwrite(gv, 2, ng, f);
  fwrite(nlm, 1, (size_t)1 << NLM_BITS, f);
  uint32_t n_rows = 0;
  size_t prevb = 0;
  long nz = 0;
  for (size_t b = 0; b < nb; b++) {
    int16_t q[T];
    uint16_t mask = 0;
    for (int t = 0; t < T; t++) {
      float v = A[b * T + (size_t)t] * scale;
      int32_t x = (int32_t)(v < 0 ? v - 0.5f : v + 0.5f);
      if (x > 32767) x = 32767;
      if (x < -32767) x = -32767;
      q[t] = (int16_t)((x > prune || x < -prune) ? x : 0);
      if (q[t]) mask |= (uint16_t)(1u << t);
    }
    if (!mask) continue;
    put_varint(f, b - prevb);
    prevb = b;
    fwrite(&mask, 2, 1, f);
    for (int t = 0; t < T; t++)
      if (q[t]) { fwrite(&q[t], 2, 1, f); nz++; }
    n_rows++;
  }
  long psz = ftell(f);
  char *payload = malloc((size_t)psz);
  rewind(f);
  if (!payload || fread(payload, 1, (size_t)psz, f) != (size_t)psz) die("cannot reread the model", NULL);
  fclose(f);
  rasd__ner_header h;
  memset(&h, 0, sizeof h);
  memcpy(h.magic, RASD__NER_MAGIC, 8);
  h.file_version = RASD__NER_FILE_VERSION;
  h.feat_version = RASD__NER_FEAT_VERSION;
  h.bits = bits;
  h.ntags = T;
  h.nf = NF;
  h.n_rows = n_rows;
  h.n_lex = (uint32_t)ng;
  h.lex_max_words = (uint32_t)lx.max_words;
  h.scale = scale;
  h.payload_size = (uint32_t)psz;
  h.builtin_sum = rasd__ner_builtin_sum();
  h.nlm_bits = NLM_BITS;
  h.checksum = rasd__ner_checksum(payload, (size_t)psz);
  FILE *o = fopen(out, "wb");
  if (!o || fwrite(&h, sizeof h, 1, o) != 1 || fwrite(payload, 1, (size_t)psz, o) != (size_t)psz || fclose(o))
    die("cannot write", out);
  fprintf(stderr, "train_ner: wrote %s: %ld bytes, %u rows, %ld weights (2^%u buckets)\n", out,
          (long)(psz + (long)sizeof h), n_rows, nz, bits);
  /* reload through the runtime and score the dev part exactly as `rasd tag` will */
  rasd__ner *m;
  char *err = NULL;
  if (rasd__ner_load_file(out, &m, &err) != RASD_OK) die("cannot reload the model", err);
  rasd__ner_state *st = rasd__ner_state_new();
  FILE *fg = dev_gold ? fopen(dev_gold, "w") : NULL, *fp = dev_pred ? fopen(dev_pred, "w") : NULL;
  prf r;
  memset(&r, 0, sizeof r);
  for (size_t s = 0; s < n_sents && holdout; s++) {
    if (s % 10 != 9) continue;
    const sent *se = &sents[s];
    if (rasd__ner_tag(m, st, words + se->first, se->n, pred + se->first)) die("out of memory", NULL);
    score(&r, gold + se->first, pred + se->first, se->n);
    for (size_t i = 0; i < se->n; i++) {
      if (fg) fprintf(fg, "%s %s\n", words[se->first + i].s, rasd__ner_tag_names[gold[se->first + i]]);
      if (fp) fprintf(fp, "%s\t%s\n", words[se->first + i].s, rasd__ner_tag_names[pred[se->first + i]]);
    }
    if (fg) fputc('\n', fg);
    if (fp) fputc('\n', fp);
  }
  if (fg) fclose(fg);
  if (fp) fclose(fp);
  if (holdout) {
    double P = r.np ? (double)r.tp / (double)r.np : 0, R = r.ng ? (double)r.tp / (double)r.ng : 0;
    printf("dev F1 %.4f P %.4f R %.4f (PERS %.3f LOC %.3f ORG %.3f MISC %.3f) — %zu sentences, quantised model\n",
           f1(r.tp, r.np, r.ng), P, R, f1(r.ty_tp[1], r.ty_np[1], r.ty_ng[1]), f1(r.ty_tp[2], r.ty_np[2], r.ty_ng[2]),
           f1(r.ty_tp[3], r.ty_np[3], r.ty_ng[3]), f1(r.ty_tp[4], r.ty_np[4], r.ty_ng[4]), ndev);
  }
  printf("training time %.1f s (CPU)\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
  rasd__ner_state_free(st);
  rasd__ner_free(m);
  rasd__ner_scratch_free(scr);
  rasd__ner_lex_free(&lx);
  free(feats); free(tmpf); free(tr_idx); free(units); free(W); free(U); free(A); free(sc64); free(scd); free(bk); free(pred);
  free(gk); free(gv); free(nlm); free(cnt_name); free(cnt_other); free(words); free(gold); free(sents);
  return 0;
}
