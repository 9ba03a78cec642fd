/* cmd_add.c — `rasd add --db FILE PATH...`: read → clean → analyse → store, one transaction per batch, stories
 * linked incrementally; prints a summary line and, on a terminal, a progress line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "cli.h"

/* Analysed articles wait in a short queue and go into the store together: the store's caches (pages, index,
 * name keys) stay warm across them instead of being evicted by the analysis of every article in between. */
#define QUEUE 32

typedef struct queued {
  rasd_doc *d;
  rasd_analysis *a;
} queued;

typedef struct add_ctx {
  rasd_store *s;
  queued q[QUEUE];
  size_t nq;
  rasd_models *m;
  size_t batch, in_batch, seen;
  rasd_store_stats st;
  int tty, failed_db;
  int noticed;                   /* the batch's notice (rasd_store_notice) was printed */
  double t0, last;
  double cpu_analyse, cpu_store; /* CPU seconds spent in analysis and in the store (put, index, link, commit) */
  double cpu_put, cpu_link;      /* of cpu_store: rows + search index, and the story engine taking each article */
} add_ctx;

static double cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(add_ctx *c, int final) {
  if (!c->tty) return;
  double t = now();
  if (!final && t - c->last < 0.1) return;
  c->last = t;
  double rate = c->seen / (t - c->t0 + 1e-9);
  /* The input size is not known ahead of a stream: the bar shows the current batch filling up. */
  int w = 24, fill = c->batch ? (int)(w * c->in_batch / c->batch) : 0;
  char bar[64];
  for (int i = 0; i < w; i++) bar[i] = i < fill ? '#' : '.';
  bar[w] = 0;
  fprintf(stderr, "\r\033[Krasd add: [%s] %zu articles, %zu added, %zu duplicate, %zu failed, %.0f/s", bar, c->seen,
          c->st.added, c->st.duplicate, c->st.failed, rate);
  if (final) fputc('\n', stderr);
}

/* Puts the queued articles into the open batch and hands them to the story engine. Returns -1 on a store error. */
static int flush_queue(add_ctx *c) {
  for (size_t i = 0; i < c->nq; i++) {
    rasd_doc *d = c->q[i].d;
    rasd_analysis *a = c->q[i].a;
    c->q[i].d = NULL;
    c->q[i].a = NULL;
    if (c->failed_db) {
      rasd_analysis_free(a);
      rasd_doc_free(d);
      continue;
    }
    int added = 0;
    double t = cpu();
    int rc = rasd_store_put(c->s, d, a, &added);
    c->cpu_put += cpu() - t;
    c->cpu_store += cpu() - t;
    if (rc != RASD_OK) {
      fprintf(stderr, "rasd: %s: %s\n", d->id ? d->id : "?", rasd_store_errmsg(c->s));
      c->st.failed++;
      c->failed_db = 1;
    } else if (added) {
      c->st.added++;
      /* The story engine takes the document and its analysis. */
      t = cpu();
      rc = rasd_store_link(c->s, c->m, d, a);
      c->cpu_link += cpu() - t;
      c->cpu_store += cpu() - t;
      d = NULL;
      a = NULL;
      if (rc != RASD_OK) {
        fprintf(stderr, "%srasd: %s\n", c->tty ? "\r\033[K" : "", rasd_store_errmsg(c->s));
        c->failed_db = 1;
      } else if (!c->noticed && rasd_store_notice(c->s)) { /* e.g. the story state rebuilt from the stored articles */
        fprintf(stderr, "%srasd: %s\n", c->tty ? "\r\033[K" : "", rasd_store_notice(c->s));
        c->noticed = 1;
      }
    } else {
      c->st.duplicate++; /* the same article twice in the input, close together */
    }
    rasd_analysis_free(a);
    rasd_doc_free(d);
  }
  c->nq = 0;
  return c->failed_db ? -1 : 0;
}

static int commit_batch(add_ctx *c) {
  if (flush_queue(c)) return -1;
  double t = cpu();
  int rc = rasd_store_commit(c->s, &c->st);
  c->cpu_store += cpu() - t;
  if (rc != RASD_OK) {
    fprintf(stderr, "\nrasd: %s\n", rasd_store_errmsg(c->s));
    c->failed_db = 1;
    return -1;
  }
  c->in_batch = 0;
  return 0;
}

/* An article stored already (same id or url) is dropped before it is cleaned: its lines were counted in the cleaner's
 * statistics when it was added, and must not count twice. */
static int skip_stored(const rasd_article *a, void *ud) {
  add_ctx *c = ud;
  if (c->failed_db || rasd_store_has_key(c->s, a->id, a->url) != 1) return 0;
  c->seen++;
  c->st.duplicate++;
  progress(c, 0);
  return 1;
}

static int on_doc(rasd_doc *d, void *ud) {
  add_ctx *c = ud;
  if (!c->in_batch) c->noticed = 0;
  if (!c->in_batch && rasd_store_begin(c->s) != RASD_OK) {
    fprintf(stderr, "rasd: %s\n", rasd_store_errmsg(c->s));
    rasd_doc_free(d);
    c->failed_db = 1;
    return 1;
  }
  c->seen++;
  c->in_batch++;
  if (rasd_store_has(c->s, d) == 1) { /* stored already: no need to analyse it again */
    c->st.duplicate++;
    rasd_doc_free(d);
    if (c->in_batch >= c->batch && commit_batch(c)) return 1;
    progress(c, 0);
    return 0;
  }
  rasd_analysis *a = NULL;
  double t = cpu();
  int rc = rasd_analyze(c->m, d, &a);
  c->cpu_analyse += cpu() - t;
  if (rc != RASD_OK) {
    fprintf(stderr, "rasd: %s: %s: cannot analyse article '%s'\n", d->path ? d->path : "-", rasd_strerror(rc),
            d->id ? d->id : "?");
    c->st.failed++;
    rasd_analysis_free(a);
    rasd_doc_free(d);
  } else {
    c->q[c->nq].d = d;
    c->q[c->nq].a = a;
    if (++c->nq == QUEUE && flush_queue(c)) return 1;
  }
  if (c->in_batch >= c->batch && commit_batch(c)) return 1;
  progress(c, 0);
  return 0;
}

int cmd_add(int argc, char **argv) {
#ifdef __GLIBC__
  /* Memory freed while articles are read, analysed and stored stays with the process for the next ones instead of
   * going back to the kernel (blocks under 32 MiB come from the heap, which is not trimmed): each page the kernel
   * hands out again costs a page fault, and an ingest frees and takes again the same amounts all the time. */
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  cli_inputs in = {0};
  const char *db = NULL;
  long batch = 5000; /* a day of a large source is one transaction: its story state is saved once, each story written once */
  int digest = 0, timing = 0;
  for (int i = 1; i < argc; i++) {
    int r = cli_input_opt(&in, argc, argv, &i);
    if (r < 0) { cli_inputs_free(&in); return CLI_USAGE; }
    if (r) continue;
    if (!strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
    else if (!strcmp(argv[i], "--digest")) digest = 1;
    else if (!strcmp(argv[i], "--timing")) timing = 1;
    else if (!strcmp(argv[i], "--batch") && i + 1 < argc) {
      char *end;
      batch = strtol(argv[++i], &end, 10);
      if (*end || batch < 1) {
        fprintf(stderr, "rasd: --batch wants a positive number, got '%s'\n", argv[i]);
        cli_inputs_free(&in);
        return CLI_USAGE;
      }
    } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      printf("usage: rasd add --db FILE [--batch N] [--digest] [--timing] [input options] PATH...\n"
             "Adds articles to the store FILE (created when missing): each is read, cleaned, analysed, indexed for\n"
             "search and linked into the stories already there. Re-adding an article (same id, url or text) adds\n"
             "nothing. Every N articles (default 5000) are one transaction: an interrupted run loses at most the\n"
             "open batch, and running it again finishes the job. When the story state saved in the store is of an\n"
             "older format, damaged or missing, it is rebuilt from the stored articles (said on stderr; the stories are\n"
             "then those of one run over all of them); a newer format is refused. Articles added in later runs end as\n"
             "one run over all of them would: the cleaner's statistics (an outlet's boilerplate lines) are kept in the\n"
             "store, and when new articles come before ones linked already, all are linked again in publication order\n"
             "(date, then id in natural order), which may renumber stories. --digest then prints the stories;\n"
             "--timing prints the CPU seconds of reading, analysis and the store on stderr.\n");
      cli_inputs_free(&in);
      return CLI_OK;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "rasd: add: unknown option '%s' (see rasd add --help)\n", argv[i]);
      cli_inputs_free(&in);
      return CLI_USAGE;
    } else {
      cli_input_path(&in, argv[i]);
    }
  }
  if (!db || !in.n_paths) {
    fprintf(stderr, "usage: rasd add --db FILE [--batch N] [input options] PATH...\n");
    cli_inputs_free(&in);
    return CLI_USAGE;
  }
  add_ctx c = {0};
  c.batch = (size_t)batch;
  c.tty = isatty(2) && !in.quiet;
  c.t0 = now();
  char *err = NULL;
  if (rasd_store_open(db, 0, &c.s, &err) != RASD_OK) {
    fprintf(stderr, "rasd: %s\n", err ? err : "cannot open the store");
    rasd_free(err);
    cli_inputs_free(&in);
    return CLI_INPUT_ERR;
  }
  /* The cleaner continues from the statistics of the batches before (saved in the store with each batch). */
  rasd_cleaner *cl = rasd_cleaner_new();
  if (!cl) {
    fprintf(stderr, "rasd: out of memory\n");
    rasd_store_close(c.s);
    cli_inputs_free(&in);
    return CLI_INPUT_ERR;
  }
  int urc = rasd_store_use_cleaner(c.s, cl);
  if (urc != RASD_OK) { /* a damaged reader state is said and started afresh; a database error ends the run */
    fprintf(stderr, "rasd: %s%s\n", rasd_store_errmsg(c.s), urc == RASD_EFORMAT ? ": starting afresh" : "");
    if (urc != RASD_EFORMAT) {
      rasd_store_close(c.s);
      rasd_cleaner_free(cl);
      cli_inputs_free(&in);
      return CLI_INPUT_ERR;
    }
  }
  in.cleaner = cl;
  in.skip = skip_stored;
  c.m = cli_models(&in);
  int status = cli_each_doc(&in, on_doc, &c);
  if (c.in_batch && !c.failed_db) commit_batch(&c);
  flush_queue(&c); /* frees what is left after a store error */
  if (c.in_batch && c.failed_db) rasd_store_rollback(c.s);
  progress(&c, 1);
  printf("rasd add: %zu added, %zu duplicate, %zu failed; stories: %zu new, %zu grown", c.st.added, c.st.duplicate,
         c.st.failed, c.st.stories_new, c.st.stories_grown);
  if (in.n_skipped) printf("; %zu input%s skipped for errors (see above)", in.n_skipped, in.n_skipped == 1 ? "" : "s");
  putchar('\n');
  if (timing) {
    double all = cpu();
    fprintf(stderr, "rasd add: cpu %.3f s: read+clean+models %.3f s, analyse %.3f s, store (index, link, commit) %.3f s\n",
            all, all - c.cpu_analyse - c.cpu_store, c.cpu_analyse, c.cpu_store);
    fprintf(stderr, "rasd add: store %.3f s: rows + search index %.3f s, story engine %.3f s, story rows + commit %.3f s\n",
            c.cpu_store, c.cpu_put, c.cpu_link + c.st.cpu_engine, c.cpu_store - c.cpu_put - c.cpu_link - c.st.cpu_engine);
  }
  if (digest && !c.failed_db) {
    char *dg = rasd_store_digest(c.s, 0);
    if (dg) fputs(dg, stdout);
    rasd_free(dg);
  }
  rasd_models_free(c.m);
  rasd_store_close(c.s);
  rasd_cleaner_free(cl);
  cli_inputs_free(&in);
  if (c.failed_db) return CLI_INPUT_ERR;
  return status != CLI_OK || c.st.failed ? CLI_INPUT_ERR : CLI_OK;
}
