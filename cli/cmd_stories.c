/* cmd_stories.c — `rasd stories PATH... [--format text|json|html]`: read, analyse, link into stories, print the views. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

typedef struct st_ctx {
  rasd_models *m;
  rasd_corpus *c;
  size_t n, failed;
  int tty, timing;
  double t_analyze, t_add;  /* wall seconds in rasd_analyze and in rasd_corpus_add (with --timing) */
} st_ctx;

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The per-article stages are timed with the monotonic clock (a few ns, no system call: the process CPU clock costs
 * a system call, about 1.5 µs, three times per article) and given their share of the reading loop's CPU time. */
static double wall_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int on_doc(rasd_doc *d, void *ud) {
  st_ctx *x = ud;
  rasd_analysis *a = NULL;
  char *id = d->id ? strdup(d->id) : NULL;
  double t0 = x->timing ? wall_now() : 0;
  if (rasd_analyze(x->m, d, &a) != RASD_OK) a = NULL; /* the corpus tokenizes by itself then */
  double t1 = x->timing ? wall_now() : 0;
  int rc = rasd_corpus_add(x->c, d, a);
  if (x->timing) { double t2 = wall_now(); x->t_analyze += t1 - t0; x->t_add += t2 - t1; }
  if (rc != RASD_OK) {
    fprintf(stderr, "rasd: article '%s': %s\n", id ? id : "?", rasd_strerror(rc));
    x->failed++;
  }
  free(id);
  if (x->tty && (++x->n & 255) == 0) fprintf(stderr, "\rrasd: read %zu articles", x->n);
  return rc == RASD_ENOMEM;
}

static void progress(void *ud, size_t done, size_t total) {
  (void)ud;
  int w = 40, k = total ? (int)(w * done / total) : w;
  fprintf(stderr, "\rrasd: linking [%.*s%*s] %zu/%zu", k, "########################################", w - k, "", done, total);
  if (done == total) fputc('\n', stderr);
}

static void usage(FILE *f) {
  fprintf(f, "usage: rasd stories [--format text|json|html] [--words N | --sentences N] [--min-articles N]\n"
             "                    [--top N] [--threshold X] [--window DAYS] [--save FILE] [--load FILE] [--timing]\n"
             "                    [input options] PATH...\n"
             "Groups articles into stories (near-duplicates, clustering across outlets, storylines) and prints each\n"
             "story's title, outlets, dates, summary with outlet tags, timeline, entities and quotes (text: ten timeline\n"
             "entries, the story's own days first; json and html: all of them).\n"
             "--timing prints the CPU seconds of each stage on stderr (reading, analysis, story features, linking, output;\n"
             "the per-article stages get their share of the reading loop's CPU time by their wall time).\n");
}

static int num_opt(int argc, char **argv, int *i, long *out) {
  if (*i + 1 >= argc) { fprintf(stderr, "rasd: %s needs a value\n", argv[*i]); return -1; }
  char *e;
  long v = strtol(argv[*i + 1], &e, 10);
  if (*e || v < 0) { fprintf(stderr, "rasd: %s wants a number, got '%s'\n", argv[*i], argv[*i + 1]); return -1; }
  *out = v;
  ++*i;
  return 0;
}

int cmd_stories(int argc, char **argv) {
  cli_inputs in = {0};
  rasd_corpus_opts co = {0};
  rasd_view_opts vo = {0};
  int fmt = RASD_FMT_TEXT;
  const char *save = NULL, *load = NULL;
  int timing = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int r = cli_input_opt(&in, argc, argv, &i);
    if (r < 0) { cli_inputs_free(&in); return CLI_USAGE; }
    if (r) continue;
    long v;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(stdout); cli_inputs_free(&in); return CLI_OK; }
    else if (!strcmp(a, "--format")) {
      const char *f = i + 1 < argc ? argv[++i] : "";
      if (!strcmp(f, "text")) fmt = RASD_FMT_TEXT;
      else if (!strcmp(f, "json")) fmt = RASD_FMT_JSON;
      else if (!strcmp(f, "html")) fmt = RASD_FMT_HTML;
      else { fprintf(stderr, "rasd: --format wants text, json or html, got '%s'\n", f); cli_inputs_free(&in); return CLI_USAGE; }
    } else if (!strcmp(a, "--words") || !strcmp(a, "--sentences") || !strcmp(a, "--min-articles") || !strcmp(a, "--top") ||
               !strcmp(a, "--window")) {
      if (num_opt(argc, argv, &i, &v)) { cli_inputs_free(&in); return CLI_USAGE; }
      if (!strcmp(a, "--words")) vo.words = (int)v;
      else if (!strcmp(a, "--sentences")) vo.sentences = (int)v;
      else if (!strcmp(a, "--min-articles")) vo.min_articles = (int)v;
      else if (!strcmp(a, "--top")) vo.max_stories = (int)v;
      else co.window_days = (int)v;
    } else if (!strcmp(a, "--threshold") && i + 1 < argc) co.threshold = atof(argv[++i]);
    else if (!strcmp(a, "--save") && i + 1 < argc) save = argv[++i];
    else if (!strcmp(a, "--load") && i + 1 < argc) load = argv[++i];
    else if (!strcmp(a, "--timing")) timing = 1;
    else if (a[0] == '-' && a[1]) { fprintf(stderr, "rasd: stories: unknown option '%s'\n", a); usage(stderr); cli_inputs_free(&in); return CLI_USAGE; }
    else cli_input_path(&in, a);
  }
  if (!in.n_paths && !load) { usage(stderr); cli_inputs_free(&in); return CLI_USAGE; }
  /* A run allocates and frees large blocks all the time (analysis arenas, link batches, growing tables): keep
   * them in the heap for reuse instead of mapping and unmapping them, which costs a page fault per page again
   * and again (a third of the faults of a 4k-article run). */
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  st_ctx x = {0};
  x.timing = timing;
  double t_start = timing ? cpu_now() : 0;
  double w_loop = 0;
  x.tty = isatty(2) && !in.quiet;
  if (x.tty) co.progress = progress;
  x.m = cli_models(&in);
  if (load) {
    int rc = rasd_corpus_load(load, x.m, &co, &x.c);
    if (rc != RASD_OK) {
      int v = rasd_corpus_state_version(load);
      if (v > 0 && v != RASD_CORPUS_STATE_VERSION)
        fprintf(stderr, "rasd: %s: a story state of format %d, but this rasd reads format %d only: run the batch again with --save\n",
                load, v, RASD_CORPUS_STATE_VERSION);
      else fprintf(stderr, "rasd: %s: %s\n", load, v == 0 ? "not a rasd story state" : rasd_strerror(rc));
      rasd_models_free(x.m); cli_inputs_free(&in); return CLI_INPUT_ERR;
    }
  } else if (!(x.c = rasd_corpus_new(x.m, &co))) {
    fprintf(stderr, "rasd: out of memory\n");
    rasd_models_free(x.m); cli_inputs_free(&in); return CLI_INPUT_ERR;
  }
  double t_loop = timing ? cpu_now() : 0;
  if (timing) w_loop = wall_now();
  int status = in.n_paths ? cli_each_doc(&in, on_doc, &x) : CLI_OK;
  if (x.tty && x.n >= 256) fputc('\n', stderr);
  double t_read = timing ? cpu_now() : 0;
  if (timing) { /* wall seconds → the loop's CPU seconds */
    double w = wall_now() - w_loop, k = w > 0 ? (t_read - t_loop) / w : 0;
    x.t_analyze *= k;
    x.t_add *= k;
  }
  int rc = rasd_corpus_finish(x.c);
  double t_link = timing ? cpu_now() : 0;
  if (rc == RASD_OK) rc = rasd_corpus_write(x.c, stdout, fmt, &vo);
  if (timing) fflush(stdout);
  double t_write = timing ? cpu_now() : 0;
  if (rc == RASD_OK && save) rc = rasd_corpus_save(x.c, save);
  if (timing) {
    double rd = t_read - t_start - x.t_analyze - x.t_add, lk = t_link - t_read, wr = t_write - t_link, st = x.t_add + lk + wr;
    size_t na = rasd_corpus_n_articles(x.c);
    fprintf(stderr,
            "rasd: timing (CPU s): read+load %.3f, analysis %.3f, story features %.3f, linking %.3f, output %.3f; "
            "story stage %.3f (%.3f ms/article over %zu), total %.3f\n",
            rd, x.t_analyze, x.t_add, lk, wr, st, na ? 1000 * st / (double)na : 0, na, cpu_now());
  }
  if (rc != RASD_OK) { fprintf(stderr, "rasd: stories: %s\n", rasd_strerror(rc)); status = CLI_INPUT_ERR; }
  if (x.failed) status = CLI_INPUT_ERR;
  rasd_corpus_free(x.c);
  rasd_models_free(x.m);
  cli_inputs_free(&in);
  return status;
}
