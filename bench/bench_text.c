/* bench_text.c — throughput of the text kernel (normalise+tokenise, then with stems) over SaudiNewsNet or generated
 * text, and of the reading path: read+clean+normalise+tokenise through the library, and `rasd read` end to end. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include "rasd.h"
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
    rasd__tokscan ts;
    memset(&ts, 0, sizeof ts);
    for (size_t i = 0; i < n; i++) {
      if (mode == 3) { /* the kernel: one scanner reused over all texts, as a streaming caller does */
        if (!rasd__tokscan_run(&ts, b->s + prev, ends[i] - prev)) toks += ts.n_tok;
      } else if (mode == 0) {
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
    rasd__tokscan_free(&ts);
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
         mode == 0 || mode == 3 ? "tokens" : "bytes out");
}

/* The word analyses the kernel leaves out, alone: bare offset (proclitics), stopword test and light stem of every
 * Arabic word form the kernel produced over the same texts, with no cache (rasd_tokenize() caches them per
 * thread). Rate in MB of the texts per CPU second, so that it adds up with the kernel's. */
static void run_stem(const rasd__buf *b, const size_t *ends, size_t n) {
  rasd__buf w;
  rasd__buf_init(&w);
  size_t *wl = NULL, nw = 0, cap = 0, prev = 0;
  rasd__tokscan ts;
  memset(&ts, 0, sizeof ts);
  for (size_t i = 0; i < n; i++) {
    if (!rasd__tokscan_run(&ts, b->s + prev, ends[i] - prev))
      for (size_t k = 0; k < ts.n_tok; k++) {
        if (ts.tok[k].kind != RASD_TOK_WORD) continue;
        if (nw == cap) { cap = cap ? cap * 2 : 1 << 16; wl = realloc(wl, cap * sizeof *wl); }
        wl[nw++] = ts.tok[k].form_len;
        rasd__buf_add(&w, ts.forms + ts.tok[k].form, ts.tok[k].form_len);
      }
    prev = ends[i];
  }
  rasd__tokscan_free(&ts);
  rasd__buf_grow(&w, 64);
  char out[70000];
  double t[5];
  size_t acc = 0;
  for (int r = 0; r < 5; r++) {
    double t0 = now();
    size_t o = 0;
    for (size_t i = 0; i < nw; i++) {
      const char *f = w.s + o;
      size_t bo = rasd__bare_offset(f, wl[i]);
      acc += bo + (size_t)rasd__is_stopword(f, wl[i]) + rasd__stem_bare(f + bo, wl[i] - bo, out);
      o += wl[i];
    }
    t[r] = now() - t0;
  }
  qsort(t, 5, sizeof t[0], cmp_d);
  printf("%-30s %7.1f MB/s cpu  (%.1f M words/s; bare+stopword+stem of the kernel's %zu words, no cache)\n",
         "stemmer alone (no cache)", (double)b->len / 1e6 / t[2], (double)nw / 1e6 / t[2], nw + (acc == 1 ? 1 : 0));
  free(wl);
  rasd__buf_free(&w);
}

static double median5(double t[5]) {
  qsort(t, 5, sizeof t[0], cmp_d);
  return t[2];
}

/* Bytes of the files named *.json / *.jsonl in 'dir' (or of the file 'dir'). */
static double input_mb(const char *dir) {
  struct stat st;
  if (stat(dir, &st)) return 0;
  if (!S_ISDIR(st.st_mode)) return (double)st.st_size / 1e6;
  DIR *d = opendir(dir);
  double mb = 0;
  struct dirent *e;
  while (d && (e = readdir(d))) {
    char path[4200];
    snprintf(path, sizeof path, "%.2000s/%.2000s", dir, e->d_name);
    size_t l = strlen(e->d_name);
    if (l > 5 && (!strcmp(e->d_name + l - 5, ".json") || !strcmp(e->d_name + l - 6, ".jsonl")) && !stat(path, &st))
      mb += (double)st.st_size / 1e6;
  }
  if (d) closedir(d);
  return mb;
}

/* read + clean + normalise + tokenise through the library (what every analysis command runs before its own
 * stage): every article of 'path', the cleaned text tokenised without stems (the kernel's definition). */
static void run_read_tok(const char *path) {
  double t[5], mb = input_mb(path);
  size_t arts = 0, toks = 0;
  for (int r = 0; r < 5; r++) {
    double t0 = now();
    rasd_reader *rd = rasd_reader_new(NULL);
    rasd_cleaner *cl = rasd_cleaner_new();
    rasd_reader_add_path(rd, path);
    arts = toks = 0;
    for (;;) {
      rasd_article *a = NULL;
      int rc = rasd_reader_next(rd, &a);
      if (rc == RASD_EEOF) break;
      if (rc != RASD_OK) continue;
      rasd_doc *d = NULL;
      if (rasd_clean(cl, a, &d) == RASD_OK) {
        rasd_tokens *tk = rasd__tokenize_ex(d->text, d->text_len, RASD__TOK_NO_STEM);
        if (tk) toks += tk->n_tok;
        rasd_tokens_free(tk);
        rasd_doc_free(d);
        arts++;
      }
      rasd_article_free(a);
    }
    rasd_cleaner_free(cl);
    rasd_reader_free(rd);
    t[r] = now() - t0;
  }
  double m = median5(t);
  printf("%-30s %7.1f MB/s cpu  (%.1f MB of JSON, %zu articles, %zu tokens; goal >= 100)\n", "read+clean+tokenise (library)",
         mb / m, mb, arts, toks);
}

/* `rasd read PATH > /dev/null` in a child process: its user+sys CPU time (median of 5). */
static void run_cli_read(const char *rasd, const char *path, const char *label) {
  double t[5], mb = input_mb(path);
  for (int r = 0; r < 5; r++) {
    pid_t pid = fork();
    if (pid == 0) {
      int fd = open("/dev/null", O_WRONLY);
      if (fd >= 0) { dup2(fd, 1); dup2(fd, 2); }
      execl(rasd, rasd, "read", path, (char *)NULL);
      _exit(127);
    }
    int st;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) > 1) {
      printf("%-30s failed (%s read %s)\n", label, rasd, path);
      return;
    }
    t[r] = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
  }
  double m = median5(t);
  printf("%-30s %7.1f MB/s cpu  (%.1f MB; %s read, JSON to /dev/null; goal >= 100)\n", label, mb / m, mb, rasd);
}

int main(int argc, char **argv) {
  rasd__buf b;
  rasd__buf_init(&b);
  size_t *ends = NULL, n = 0;
  const char *dir = argc > 1 ? argv[1] : getenv("RASD_BENCH_DIR");
  const char *src = "generated text";
  int real = 0;
  if (dir && load_dir(dir, &b, &ends, &n)) src = dir, real = 1;
  else gen(&b, &ends, &n);
  printf("bench-text: %.1f MB in %zu texts from %s, one core, median of 5 runs (CPU time)\n", (double)b.len / 1e6, n,
         src);
  rasd__text_init();
  const char *only = getenv("RASD_BENCH_ONLY"); /* "kernel" for profiling */
  if (only && !strcmp(only, "kernel")) {
    run("normalise+tokenise kernel", &b, ends, n, 0, 3);
    free(ends);
    rasd__buf_free(&b);
    return 0;
  }
  run("byte loop (baseline)", &b, ends, n, 0, 2);
  run("normalise (rasd_normalize)", &b, ends, n, 0, 1);
  run("normalise+tokenise kernel", &b, ends, n, 0, 3);
  printf("%-30s goal >= 1000 MB/s cpu. Timed: rasd__tokscan_run() on every text, one scanner reused: matching\n"
         "%-30s forms, tokens (offsets, kind, space/paragraph/quote flags), sentences; no bare forms, stopword\n"
         "%-30s flags or stems (vector level %d: 0 scalar, 1 SSE2, 2 AVX2, 3 AVX-512BW, 4 AVX-512 VBMI2)\n", "", "", "", rasd__tok_simd_active());
  int old = rasd__tok_simd(3);
  if (rasd__tok_simd_active() == 3) run("  the same, AVX-512BW only", &b, ends, n, 0, 3);
  rasd__tok_simd(1);
  run("  the same, SSE2 only", &b, ends, n, 0, 3);
  rasd__tok_simd(0);
  run("  the same, scalar only", &b, ends, n, 0, 3);
  rasd__tok_simd(old);
  run_stem(&b, ends, n);
  run("kernel + bare/stop (tokenize)", &b, ends, n, RASD__TOK_NO_STEM, 0);
  run("kernel + bare/stop/stem (API)", &b, ends, n, 0, 0);
  printf("%-30s (rasd_tokenize(): the kernel, then 48-byte tokens with NUL-terminated forms, bare forms,\n"
         "%-30s stopword flags and stems from a per-thread cache, allocated per text)\n", "", "");
  if (real && !(only && !strcmp(only, "text"))) {
    /* the reading path over the same days (RASD_BENCH_ONLY=text skips it) */
    run_read_tok(dir);
    const char *rasd = argc > 2 ? argv[2] : getenv("RASD");
    if (rasd && access(rasd, X_OK) == 0) {
      char day[4200];
      snprintf(day, sizeof day, "%.4000s/2015-07-21.json", dir);
      if (access(day, R_OK) == 0) run_cli_read(rasd, day, "rasd read (2015-07-21, 12.6 MB)");
      run_cli_read(rasd, dir, "rasd read (all days)");
    }
  }
  free(ends);
  rasd__buf_free(&b);
  return 0;
}
