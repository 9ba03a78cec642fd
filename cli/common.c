/* common.c — the input loop shared by subcommands: options, read → clean, errors with file:line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

int cli_input_opt(cli_inputs *in, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  const char **dst = NULL;
  if (!strcmp(a, "--date")) dst = &in->ro.date;
  else if (!strcmp(a, "--outlet")) dst = &in->ro.outlet;
  else if (!strcmp(a, "--data")) dst = &in->models_dir;
  else if (!strcmp(a, "--strict")) { in->ro.strict = 1; return 1; }
  else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) { in->quiet = 1; return 1; }
  else return 0;
  if (*i + 1 >= argc) {
    fprintf(stderr, "rasd: %s needs a value\n", a);
    return -1;
  }
  *dst = argv[++*i];
  if (dst == &in->ro.date) {
    const char *d = *dst;
    int ok = strlen(d) == 10;
    for (int k = 0; ok && k < 10; k++) ok = (k == 4 || k == 7) ? d[k] == '-' : (d[k] >= '0' && d[k] <= '9');
    if (ok) { /* a real calendar day */
      int y = atoi(d), m = atoi(d + 5), dd = atoi(d + 8);
      static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      ok = m >= 1 && m <= 12 && dd >= 1 && dd <= mdays[m - 1] &&
           !(m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    }
    if (!ok) {
      fprintf(stderr, "rasd: --date wants YYYY-MM-DD, got '%s'\n", d);
      return -1;
    }
  }
  return 1;
}

void cli_input_path(cli_inputs *in, const char *path) {
  const char **p = realloc(in->paths, (in->n_paths + 1) * sizeof *p);
  if (!p) {
    fprintf(stderr, "rasd: out of memory\n");
    exit(CLI_USAGE);
  }
  in->paths = p;
  in->paths[in->n_paths++] = path;
}

int cli_each_doc(cli_inputs *in, cli_doc_fn fn, void *ud) {
  rasd_reader *r = rasd_reader_new(&in->ro);
  rasd_cleaner *c = in->cleaner ? in->cleaner : rasd_cleaner_new();
  int status = CLI_OK;
  if (!r || !c) {
    fprintf(stderr, "rasd: out of memory\n");
    rasd_reader_free(r);
    if (c != in->cleaner) rasd_cleaner_free(c);
    return CLI_INPUT_ERR;
  }
  for (size_t i = 0; i < in->n_paths; i++) rasd_reader_add_path(r, in->paths[i]);
  for (;;) {
    rasd_article *a = NULL;
    int rc = rasd_reader_next(r, &a);
    if (rc == RASD_EEOF) break;
    if (rc != RASD_OK) {
      fprintf(stderr, "rasd: %s\n", rasd_reader_errmsg(r));
      status = CLI_INPUT_ERR;
      in->n_skipped++;
      if (in->ro.strict || rc == RASD_ENOMEM) break;
      continue;
    }
    char loc[32] = "";
    if (a->line) snprintf(loc, sizeof loc, ":%ld", a->line);
    for (size_t k = 0; k < a->n_warnings && !in->quiet; k++)
      fprintf(stderr, "rasd: %s%s: warning: %s\n", a->path ? a->path : "-", loc, a->warnings[k]);
    if (in->skip && in->skip(a, ud)) {
      rasd_article_free(a);
      continue;
    }
    rasd_doc *d = NULL;
    rc = rasd_clean(c, a, &d);
    if (rc != RASD_OK) {
      fprintf(stderr, "rasd: %s%s: %s: article '%s' has no text left after cleaning\n", a->path ? a->path : "-", loc,
              rasd_strerror(rc), a->id ? a->id : "?");
      status = CLI_INPUT_ERR;
      in->n_skipped++;
      rasd_article_free(a);
      if (in->ro.strict) break;
      continue;
    }
    rasd_article_free(a);
    if (fn(d, ud)) break;
  }
  rasd_reader_free(r);
  if (c != in->cleaner) rasd_cleaner_free(c);
  return status;
}

rasd_models *cli_models(const cli_inputs *in) {
  rasd_models *m = NULL;
  char *err = NULL;
  if (rasd_models_load(in ? in->models_dir : NULL, &m, &err) != RASD_OK) {
    fprintf(stderr, "rasd: %s\n", err ? err : "cannot load models");
    rasd_free(err);
    exit(CLI_USAGE);
  }
  return m;
}

void cli_inputs_free(cli_inputs *in) {
  free(in->paths);
  in->paths = NULL;
  in->n_paths = 0;
}

int cli_parse_plain(cli_inputs *in, int argc, char **argv, const char *cmd, void (*usage)(FILE *)) {
  memset(in, 0, sizeof *in);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      cli_inputs_free(in);
      return CLI_OK;
    }
    int k = cli_input_opt(in, argc, argv, &i);
    if (k < 0) {
      cli_inputs_free(in);
      return CLI_USAGE;
    }
    if (k > 0) continue;
    if (a[0] == '-' && a[1]) {
      fprintf(stderr, "rasd %s: unknown option '%s'\n", cmd, a);
      usage(stderr);
      cli_inputs_free(in);
      return CLI_USAGE;
    }
    cli_input_path(in, a);
  }
  if (in->n_paths == 0) {
    fprintf(stderr, "rasd %s: no input (give files, directories, or - for stdin)\n", cmd);
    usage(stderr);
    return CLI_USAGE;
  }
  return -1;
}
