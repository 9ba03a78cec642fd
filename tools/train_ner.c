/* train_ner.c — trains the NER model (averaged structured perceptron, Viterbi) from ANERcorp + ANERgazet into data/ner.model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
static void read_gaz(rasd__ner_lex *lx, const char *dir, uint64_t **keys_out, uint16_t **bits_out, size_t *n_out) {
  static const struct { const char *file; uint16_t bits; } lists[] = {
      {"AlignedLocGazetteer.txt", RASD__LX_GAZ_LOC},
      {"AlignedOrgGazetteer.txt", RASD__LX_GAZ_ORG},
      {"AlignedPersGazetteer.txt", RASD__LX_GAZ_PERS},
  };
  rasd__ner_lex g;
  if (rasd__ner_lex_init(&g, 16384)) die("out of memory", NULL);
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
  for (size_t i = 1; i < n; i++) /* insertion sort: a few thousand keys */
    for (size_t j = i; j > 0 && k[j - 1] > k[j]; j--) {
      uint64_t t = k[j]; k[j] = k[j - 1]; k[j - 1] = t;
    }
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
    int y = (tg + 1) / 2;
    if (cur && (tg == 0 || (tg & 1) || y != cur)) { st[*k] = s; en[*k] = i; ty[*k] = cur; (*k)++; cur = 0; }
    if (tg && ((tg & 1) || !cur)) { s = i; cur = y; }
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

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* --bench MODEL CONLL: model load time (median of 9), tagging tokens/s on one core (median of 5 passes). */
static int bench(const char *model, const char *conll) {
  double lt[9], tp[5];
  rasd__ner *m = NULL;
  size_t fsz = 0;
  for (int r = 0; r < 9; r++) {
    char *err = NULL;
    double t0 = now_ms();
    if (rasd__ner_load_file(model, &m, &err) != RASD_OK) die("cannot load", err);
    lt[r] = now_ms() - t0;
    fsz = m->file_size;
    if (r < 8) rasd__ner_free(m);
  }
  read_conll(conll);
  rasd__ner_state *st = rasd__ner_state_new();
  uint8_t *tags = malloc(n_words + 1);
  for (int r = 0; r < 5; r++) {
    double t0 = now_ms();
    for (size_t s = 0; s < n_sents; s++)
      if (rasd__ner_tag(m, st, words + sents[s].first, sents[s].n, tags + sents[s].first)) die("out of memory", NULL);
    tp[r] = (double)n_words / ((now_ms() - t0) / 1e3);
  }
  qsort(lt, 9, sizeof lt[0], cmp_d);
  qsort(tp, 5, sizeof tp[0], cmp_d);
  printf("ner model %s: %zu bytes (%.2f MB)\n", model, fsz, (double)fsz / 1e6);
  printf("ner load: median %.1f ms (min %.1f, max %.1f; 9 runs)\n", lt[4], lt[0], lt[8]);
  printf("ner tagging: median %.2f M tokens/s (min %.2f, max %.2f; 5 passes over %zu tokens, one core, features + Viterbi)\n",
         tp[2] / 1e6, tp[0] / 1e6, tp[4] / 1e6, n_words);
  free(tags);
  rasd__ner_state_free(st);
  rasd__ner_free(m);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && !strcmp(argv[1], "--bench")) return bench(argv[2], argv[3]);
  const char *train = NULL, *gazdir = NULL, *out = NULL, *dev_gold = NULL, *dev_pred = NULL;
  int epochs = 12;
  unsigned bits = 20;
  uint64_t seed = 20231;
  int prune = 0, holdout = 1, drop = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--train") && v) train = argv[++i];
    else if (!strcmp(a, "--gaz") && v) gazdir = argv[++i];
    else if (!strcmp(a, "--out") && v) out = argv[++i];
    else if (!strcmp(a, "--epochs") && v) epochs = atoi(argv[++i]);
    else if (!strcmp(a, "--bits") && v) bits = (unsigned)atoi(argv[++i]);
    else if (!strcmp(a, "--seed") && v) seed = strtoull(argv[++i], NULL, 10);
    else if (!strcmp(a, "--prune") && v) prune = atoi(argv[++i]);
    else if (!strcmp(a, "--drop") && v) drop = atoi(argv[++i]);
    else if (!strcmp(a, "--dev-gold") && v) dev_gold = argv[++i];
    else if (!strcmp(a, "--dev-pred") && v) dev_pred = argv[++i];
    else if (!strcmp(a, "--no-holdout")) holdout = 0;
    else {
      fprintf(stderr,
              "usage: train_ner --train CONLL --gaz ANERGAZET_DIR --out MODEL [--epochs N] [--bits B] [--seed S]\n"
              "                 [--prune Q] [--dev-gold FILE] [--dev-pred FILE] [--no-holdout]\n");
      return 2;
    }
  }
  if (!train || !gazdir || !out || bits < 16 || bits > 24 || epochs < 1) die("missing or bad arguments", NULL);
  clock_t t0 = clock();
  read_conll(train);
  rasd__ner_lex lx;
  if (rasd__ner_lex_init(&lx, 20000)) die("out of memory", NULL);
  uint64_t *gk;
  uint16_t *gv;
  size_t ng;
  read_gaz(&lx, gazdir, &gk, &gv, &ng);
  if (rasd__ner_lex_add_builtin(&lx)) die("lexicon full", NULL);
  if (lx.max_words < 3) lx.max_words = 3;
  size_t maxn = 1;
  for (size_t s = 0; s < n_sents; s++) maxn = sents[s].n > maxn ? sents[s].n : maxn;
  uint32_t *feats = malloc(n_words * NF * sizeof *feats);
  rasd__ner_scratch *scr = rasd__ner_scratch_new(maxn);
  if (!feats || !scr) die("out of memory", NULL);
  for (size_t s = 0; s < n_sents; s++)
    rasd__ner_features(&lx, words + sents[s].first, sents[s].n, bits, scr, feats + sents[s].first * NF);
  /* every 10th sentence is the dev part */
  size_t *tr_idx = malloc(n_sents * sizeof *tr_idx), ntr = 0, ndev = 0, ntok_dev = 0;
  for (size_t s = 0; s < n_sents; s++) {
    if (holdout && s % 10 == 9) { ndev++; ntok_dev += sents[s].n; }
    else tr_idx[ntr++] = s;
  }
  fprintf(stderr, "train_ner: %zu sentences (%zu tokens); train %zu, dev %zu (%zu tokens); %zu gazetteer phrases\n",
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
  int32_t *Wt = W + nw + T;
  int64_t *Ut = U + nw + T;
  int64_t c = 1;
  rng_state = seed;
  for (int ep = 0; ep < epochs; ep++) {
    for (size_t i = ntr; i > 1; i--) { /* Fisher–Yates with the fixed seed */
      size_t j = (size_t)(rng() % i);
      size_t t = tr_idx[i - 1]; tr_idx[i - 1] = tr_idx[j]; tr_idx[j] = t;
    }
    long err = 0;
    for (size_t q = 0; q < ntr; q++, c++) {
      const sent *s = &sents[tr_idx[q]];
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
    fprintf(stderr, "train_ner: epoch %2d: %6ld token errors; dev F1 %.4f (%.1f s)\n", ep + 1, err,
            f1(r.tp, r.np, r.ng), (double)(clock() - t0) / CLOCKS_PER_SEC);
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
  free(feats); free(tmpf); free(tr_idx); free(W); free(U); free(A); free(sc64); free(scd); free(bk); free(pred);
  free(gk); free(gv); free(words); free(gold); free(sents);
  return 0;
}
