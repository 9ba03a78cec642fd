/* bench_extract.c — throughput of the dates, numbers and quotes stages (one core) over SaudiNewsNet article text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "extract/extract.h"
#include "extract/lexicon.h"

typedef struct {
  char *text;
  size_t len;
  char date[11];
} art;

/* CPU time of this (single-threaded) process: one core's throughput, even on a loaded machine. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmpd(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Loads the "content" fields of one SaudiNewsNet JSON array file. */
static size_t load(const char *path, art **out, size_t *n, size_t *cap) {
  json_error_t err;
  json_t *arr = json_load_file(path, 0, &err);
  if (!arr || !json_is_array(arr)) {
    fprintf(stderr, "bench-extract: %s:%d: %s\n", path, err.line, err.text);
    json_decref(arr);
    return 0;
  }
  size_t bytes = 0, i;
  json_t *v;
  json_array_foreach(arr, i, v) {
    const char *c = json_string_value(json_object_get(v, "content"));
    const char *d = json_string_value(json_object_get(v, "date_extracted"));
    if (!c || !*c) continue;
    if (*n == *cap) {
      *cap = *cap ? *cap * 2 : 1024;
      *out = realloc(*out, *cap * sizeof **out);
      if (!*out) exit(2);
    }
    art *a = &(*out)[(*n)++];
    a->len = strlen(c);
    a->text = strdup(c);
    snprintf(a->date, sizeof a->date, "%.10s", d ? d : "2015-08-01");
    bytes += a->len;
  }
  json_decref(arr);
  return bytes;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_extract DAY.json... (SaudiNewsNet JSON arrays)\n");
    return 2;
  }
  art *arts = NULL;
  size_t n = 0, cap = 0, bytes = 0;
  for (int i = 1; i < argc; i++) bytes += load(argv[i], &arts, &n, &cap);
  if (!n) return 1;
  rasd_models *m = NULL;
  char *err = NULL;
  if (rasd_models_load(NULL, &m, &err) != RASD_OK) {
    fprintf(stderr, "bench-extract: %s\n", err ? err : "models");
    return 1;
  }
  if (getenv("BENCH_STAGES")) {
    /* BENCH_STAGES=1: CPU seconds of every stage of rasd_analyze, in its order, over one pass with freshly
     * loaded models (their word caches start cold, as in one `rasd stories` run), then exit */
    static const char *const names[] = {"tokens", "ner", "entities", "timex", "quantities", "quotes"};
    double st[6] = {0};
    size_t ntok = 0;
    for (size_t i = 0; i < n; i++) {
      rasd_doc d = {0};
      d.text = arts[i].text;
      d.text_len = arts[i].len;
      d.date = arts[i].date;
      rasd_analysis a = {0};
      rasd__arena *ar = rasd__arena_new(d.text_len * 2 + 4096);
      double c0 = now();
      a.tokens = rasd_tokenize(d.text, d.text_len);
      double c1 = now();
      st[0] += c1 - c0;
      if (!a.tokens) return 1;
      ntok += a.tokens->n_tok;
      int (*const run[5])(const rasd_models *, const rasd_doc *, rasd_analysis *, rasd__arena *) = {
          rasd__ner_run, rasd__entities_link, rasd__timex_run, rasd__quantities_run, rasd__quotes_run};
      for (int k = 0; k < 5; k++) {
        if (run[k](m, &d, &a, ar) != RASD_OK) return 1;
        double c2 = now();
        st[k + 1] += c2 - c1;
        c1 = c2;
      }
      rasd__qscan_forget(); /* the scan lives in the arena */
      rasd_tokens_free(a.tokens);
      rasd__arena_free(ar);
    }
    double tot = 0;
    for (int k = 0; k < 6; k++) tot += st[k];
    printf("bench-extract: stages over %zu articles, %zu tokens (CPU s):", n, ntok);
    for (int k = 0; k < 6; k++) printf(" %s %.3f", names[k], st[k]);
    printf("; total %.3f = %.0f articles/s\n", tot, n / tot);
    rasd_models_free(m);
    return 0;
  }
  /* tokens once (not timed: another stage) */
  rasd_tokens **toks = calloc(n, sizeof *toks);
  for (size_t i = 0; i < n; i++) toks[i] = rasd_tokenize(arts[i].text, arts[i].len);
  enum { RUNS = 5 };
  double t[RUNS];
  size_t nq = 0, nt = 0, nn = 0;
  for (int r = 0; r < RUNS; r++) {
    double t0 = now();
    nq = nt = nn = 0;
    for (size_t i = 0; i < n; i++) {
      rasd_doc d = {0};
      d.text = arts[i].text;
      d.text_len = arts[i].len;
      d.date = arts[i].date;
      rasd_analysis a = {0};
      a.tokens = toks[i];
      rasd__arena *ar = rasd__arena_new(d.text_len * 2 + 4096);
      if (rasd__timex_run(m, &d, &a, ar) || rasd__quantities_run(m, &d, &a, ar) || rasd__quotes_run(m, &d, &a, ar)) {
        fprintf(stderr, "bench-extract: stage failed\n");
        return 1;
      }
      nq += a.n_quotes; nt += a.n_timex; nn += a.n_quantities;
      rasd__arena_free(ar);
    }
    t[r] = now() - t0;
  }
  qsort(t, RUNS, sizeof t[0], cmpd);
  double mb = bytes / 1e6;
  printf("bench-extract: %zu articles, %.1f MB; quotes+dates+numbers: median %.3f CPU s = %.1f MB/s (min %.1f, max %.1f MB/s, %d runs)\n",
         n, mb, t[RUNS / 2], mb / t[RUNS / 2], mb / t[RUNS - 1], mb / t[0], RUNS);
  printf("bench-extract: found %zu quotes, %zu dates, %zu quantities (%.2f / %.2f / %.2f per article)\n", nq, nt, nn,
         (double)nq / n, (double)nt / n, (double)nn / n);
  /* for comparison: the whole rasd_analyze (tokens, NER, linking, our stages), one run */
  if (!getenv("BENCH_FULL")) return 0; /* BENCH_FULL=1: also time the whole rasd_analyze (slow) */
  double t0 = now();
  for (size_t i = 0; i < n; i++) {
    rasd_doc d = {0};
    d.text = arts[i].text;
    d.text_len = arts[i].len;
    d.date = arts[i].date;
    rasd_analysis *a = NULL;
    if (rasd_analyze(m, &d, &a) == RASD_OK) rasd_analysis_free(a);
  }
  double ta = now() - t0;
  printf("bench-extract: full rasd_analyze for comparison: %.3f s = %.1f MB/s\n", ta, mb / ta);
  for (size_t i = 0; i < n; i++) { rasd_tokens_free(toks[i]); free(arts[i].text); }
  free(toks);
  free(arts);
  rasd_models_free(m);
  return 0;
}
