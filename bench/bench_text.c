/* bench_text.c — throughput of the text kernel (normalise+tokenise, then with stems) over SaudiNewsNet or generated text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include <dirent.h>
#include "util/util.h"
#include "text/text.h"

/* CPU time of this process: on a shared machine wall time measures the neighbours, not us. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double wall(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double base_mbs; /* the trivial byte loop, for ratios */

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Appends title + content of every article in the JSON array files of 'dir' to 'b', one article per text. */
static size_t load_dir(const char *dir, rasd__buf *b, size_t **ends, size_t *n) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  struct dirent *e;
  size_t cap = 0;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l < 6 || strcmp(e->d_name + l - 5, ".json")) continue;
    char path[4200];
    snprintf(path, sizeof path, "%.2000s/%.2000s", dir, e->d_name);
    json_error_t err;
    json_t *arr = json_load_file(path, 0, &err);
    if (!json_is_array(arr)) { json_decref(arr); continue; }
    size_t i;
    json_t *a;
    json_array_foreach(arr, i, a) {
      const char *t = json_string_value(json_object_get(a, "title"));
      const char *c = json_string_value(json_object_get(a, "content"));
      if (t) { rasd__buf_adds(b, t); rasd__buf_addc(b, '\n'); }
      if (c) rasd__buf_adds(b, c);
      if (*n == cap) { cap = cap ? cap * 2 : 1024; *ends = realloc(*ends, cap * sizeof **ends); }
      (*ends)[(*n)++] = b->len;
    }
    json_decref(arr);
  }
  closedir(d);
  return b->len;
}

static void gen(rasd__buf *b, size_t **ends, size_t *n) {
  static const char *const w[] = {"وقال", "الرئيسُ", "الروسي", "فلاديمير", "بوتين", "إن", "الذخائر", "كوريا", "الشمالية",
                                  "٢٠١٥", "3.5", "،", "“سيقوم", "بزيارة”", "في", "بيونغ", "يانغ", "(AFP)", "اليوم.", "\n"};
  unsigned r = 12345;
  size_t cap = 0;
  while (b->len < (64u << 20)) {
    for (int i = 0; i < 300; i++) {
      r = r * 1103515245u + 12345u;
      rasd__buf_adds(b, w[(r >> 16) % 20]);
      rasd__buf_addc(b, ' ');
    }
    if (*n == cap) { cap = cap ? cap * 2 : 1024; *ends = realloc(*ends, cap * sizeof **ends); }
    (*ends)[(*n)++] = b->len;
  }
}

static void run(const char *name, const rasd__buf *b, const size_t *ends, size_t n, unsigned flags, int mode) {
  double t[5], w[5];
  size_t toks = 0;
  static unsigned char tab[256];
  char *copy = mode == 2 ? malloc(b->len + 1) : NULL;
  for (int i = 0; i < 256; i++) tab[i] = (unsigned char)(i != ' ' && i != '\n');
  for (int r = 0; r < 5; r++) {
    double t0 = now(), w0 = wall();
    if (mode == 2) { /* baseline: one table look-up and a conditional store per byte, nothing else */
      size_t o = 0;
      for (size_t i = 0; i < b->len; i++) {
        unsigned char x = (unsigned char)b->s[i];
        if (tab[x]) copy[o++] = (char)x;
      }
      toks = o;
      t[r] = now() - t0;
      w[r] = wall() - w0;
      continue;
    }
    size_t prev = 0;
    toks = 0;
    for (size_t i = 0; i < n; i++) {
      if (mode == 0) {
        rasd_tokens *tk = rasd__tokenize_ex(b->s + prev, ends[i] - prev, flags);
        if (tk) toks += tk->n_tok;
        rasd_tokens_free(tk);
      } else {
        size_t ol;
        char *o = rasd_normalize(b->s + prev, ends[i] - prev, &ol);
        toks += ol;
        free(o);
      }
      prev = ends[i];
    }
    t[r] = now() - t0;
    w[r] = wall() - w0;
  }
  free(copy);
  qsort(t, 5, sizeof t[0], cmp_d);
  qsort(w, 5, sizeof w[0], cmp_d);
  double mb = (double)b->len / 1e6;
  if (mode == 2) base_mbs = mb / t[2];
  printf("%-30s %7.1f MB/s cpu  (min %.1f, max %.1f; wall median %.1f)  %.2fx byte loop  %zu %s\n", name, mb / t[2],
         mb / t[4], mb / t[0], mb / w[2], base_mbs > 0 ? (mb / t[2]) / base_mbs : 0.0, toks,
         mode == 0 ? "tokens" : "bytes out");
}

int main(int argc, char **argv) {
  rasd__buf b;
  rasd__buf_init(&b);
  size_t *ends = NULL, n = 0;
  const char *dir = argc > 1 ? argv[1] : getenv("RASD_BENCH_DIR");
  const char *src = "generated text";
  if (dir && load_dir(dir, &b, &ends, &n)) src = dir;
  else gen(&b, &ends, &n);
  printf("bench-text: %.1f MB in %zu texts from %s, one core, median of 5 runs (CPU time)\n", (double)b.len / 1e6, n,
         src);
  rasd__text_init();
  const char *only = getenv("RASD_BENCH_ONLY"); /* "kernel" for profiling */
  if (only && !strcmp(only, "kernel")) {
    run("normalise+tokenise kernel", &b, ends, n, RASD__TOK_NO_STEM, 0);
    free(ends);
    rasd__buf_free(&b);
    return 0;
  }
  run("byte loop (baseline)", &b, ends, n, 0, 2);
  run("normalise (rasd_normalize)", &b, ends, n, 0, 1);
  run("normalise+tokenise kernel", &b, ends, n, RASD__TOK_NO_STEM, 0);
  run("normalise+tokenise+stem", &b, ends, n, 0, 0);
  free(ends);
  rasd__buf_free(&b);
  return 0;
}
