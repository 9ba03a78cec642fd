/* cmd_summarize.c — `rasd summarize [--words N | --sentences N] FILE...`: extractive summary of the articles as one story. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

typedef struct sm_ctx { rasd_models *m; rasd_corpus *c; size_t n; } sm_ctx;

static int on_doc(rasd_doc *d, void *ud) {
  sm_ctx *x = ud;
  rasd_analysis *a = NULL;
  if (rasd_analyze(x->m, d, &a) != RASD_OK) a = NULL;
  int rc = rasd_corpus_add(x->c, d, a);
  if (rc == RASD_OK) x->n++;
  else fprintf(stderr, "rasd: summarize: %s\n", rasd_strerror(rc));
  return rc == RASD_ENOMEM;
}

int cmd_summarize(int argc, char **argv) {
  cli_inputs in = {0};
  rasd_view_opts vo = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int r = cli_input_opt(&in, argc, argv, &i);
    if (r < 0) { cli_inputs_free(&in); return CLI_USAGE; }
    if (r) continue;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      printf("usage: rasd summarize [--words N | --sentences N] [input options] FILE...\n"
             "Prints the extractive summary of one article, or of the given articles as one story, one sentence a line.\n");
      cli_inputs_free(&in);
      return CLI_OK;
    }
    if ((!strcmp(a, "--words") || !strcmp(a, "--sentences"))) {
      char *e = NULL;
      long v = i + 1 < argc ? strtol(argv[i + 1], &e, 10) : -1;
      if (v <= 0 || !e || *e) { fprintf(stderr, "rasd: %s wants a positive number\n", a); cli_inputs_free(&in); return CLI_USAGE; }
      i++;
      if (a[2] == 'w') vo.words = (int)v, vo.sentences = 0;
      else vo.sentences = (int)v, vo.words = 0;
    } else if (a[0] == '-' && a[1]) { fprintf(stderr, "rasd: summarize: unknown option '%s'\n", a); cli_inputs_free(&in); return CLI_USAGE; }
    else cli_input_path(&in, a);
  }
  if (!in.n_paths) { fprintf(stderr, "usage: rasd summarize [--words N | --sentences N] FILE...\n"); cli_inputs_free(&in); return CLI_USAGE; }
  rasd_corpus_opts co = {0};
  co.single_story = 1;
  co.no_storylines = 1;
  sm_ctx x = {0};
  x.m = cli_models(&in);
  if (!(x.c = rasd_corpus_new(x.m, &co))) { fprintf(stderr, "rasd: out of memory\n"); rasd_models_free(x.m); cli_inputs_free(&in); return CLI_INPUT_ERR; }
  int status = cli_each_doc(&in, on_doc, &x);
  if (rasd_corpus_finish(x.c) == RASD_OK && x.n) {
    char *s = rasd_corpus_summary_text(x.c, 1, &vo);
    if (s) fputs(s, stdout);
    else status = CLI_INPUT_ERR;
    rasd_free(s);
  } else if (!x.n) {
    fprintf(stderr, "rasd: summarize: no article to summarize\n");
    status = CLI_INPUT_ERR;
  }
  rasd_corpus_free(x.c);
  rasd_models_free(x.m);
  cli_inputs_free(&in);
  return status;
}
