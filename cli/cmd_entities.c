/* cmd_entities.c — `rasd entities PATH... --format json|tsv`: the corpus entity table over all inputs. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

typedef struct ent_run {
  rasd_models *m;
  rasd_registry *reg;
  int oom;
} ent_run;

static int on_doc(rasd_doc *d, void *ud) {
  ent_run *r = ud;
  rasd_analysis *a = NULL;
  int rc = rasd_analyze(r->m, d, &a);
  if (rc == RASD_OK) rc = rasd_registry_add(r->reg, d, a, NULL);
  if (rc != RASD_OK) {
    fprintf(stderr, "rasd: %s: %s\n", d->id ? d->id : "-", rasd_strerror(rc));
    r->oom = 1;
  }
  rasd_analysis_free(a);
  rasd_doc_free(d);
  return r->oom;
}

int cmd_entities(int argc, char **argv) {
  cli_inputs in;
  memset(&in, 0, sizeof in);
  const char *format = "json";
  for (int i = 1; i < argc; i++) {
    int r = cli_input_opt(&in, argc, argv, &i);
    if (r < 0) { cli_inputs_free(&in); return CLI_USAGE; }
    if (r) continue;
    if (!strcmp(argv[i], "--format") && i + 1 < argc) {
      format = argv[++i];
      if (strcmp(format, "json") && strcmp(format, "tsv")) {
        fprintf(stderr, "rasd entities: --format wants json or tsv, got '%s'\n", format);
        cli_inputs_free(&in);
        return CLI_USAGE;
      }
    } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
      fprintf(stderr, "usage: rasd entities PATH... [--format json|tsv] [--date D] [--outlet O] [--data DIR] [-q]\n");
      cli_inputs_free(&in);
      return CLI_OK;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "rasd entities: unknown option '%s'\n", argv[i]);
      cli_inputs_free(&in);
      return CLI_USAGE;
    } else cli_input_path(&in, argv[i]);
  }
  if (!in.n_paths) cli_input_path(&in, "-");
  ent_run run = {cli_models(&in), NULL, 0};
  run.reg = rasd_registry_new(run.m);
  if (!run.reg) { fprintf(stderr, "rasd: out of memory\n"); rasd_models_free(run.m); cli_inputs_free(&in); return CLI_INPUT_ERR; }
  int status = cli_each_doc(&in, on_doc, &run);
  char *out = !strcmp(format, "tsv") ? rasd_registry_tsv(run.reg) : rasd_registry_json(run.reg);
  if (out) {
    fputs(out, stdout);
    if (strcmp(format, "tsv")) fputc('\n', stdout);
  } else {
    fprintf(stderr, "rasd: out of memory\n");
    status = CLI_INPUT_ERR;
  }
  rasd_free(out);
  rasd_registry_free(run.reg);
  rasd_models_free(run.m);
  cli_inputs_free(&in);
  return run.oom ? CLI_INPUT_ERR : status;
}
