/* cmd_analyze.c — `rasd analyze PATH...`: read, clean and analyse articles, write one JSON object per line. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void analyze_usage(FILE *f) {
  fprintf(f,
          "usage: rasd analyze [--date YYYY-MM-DD] [--outlet NAME] [--data DIR] [--strict] [-q] PATH...\n"
          "Reads and cleans articles like `rasd read`, analyses them and writes one JSON object per article:\n"
          "the `rasd read` fields plus text, sentences, entities (mentions), doc_entities, quotes [{speaker,\n"
          "speaker_entity, speaker_role, cue, direct, text, start, end}], timex [{text, value, start, end,\n"
          "calendar, hijri, relative}], quantities [{text, value, unit, start, end}] and events [{date, text}].\n"
          "Offsets are bytes into 'text'. Relative dates resolve against the article's date (or --date);\n"
          "without one they stay unresolved (value null, relative true).\n"
          "Exit: 0 all inputs fine, 1 some inputs had errors (named on stderr as file:line), 2 usage.\n");
}

typedef struct {
  rasd_models *m;
  FILE *out;
  int failed;
} actx;

static int analyze_doc(rasd_doc *d, void *ud) {
  actx *c = ud;
  rasd_analysis *a = NULL;
  int rc = rasd_analyze(c->m, d, &a);
  if (rc != RASD_OK) {
    fprintf(stderr, "rasd: %s%s%ld: %s: cannot analyse article '%s'\n", d->path ? d->path : "-", d->line > 0 ? ":" : "",
            d->line > 0 ? d->line : 0L, rasd_strerror(rc), d->id ? d->id : "?");
    rasd_doc_free(d);
    c->failed = 1;
    return rc == RASD_ENOMEM;
  }
  char *s = rasd_analysis_json(d, a);
  rasd_analysis_free(a);
  rasd_doc_free(d);
  if (!s) {
    fprintf(stderr, "rasd: out of memory\n");
    c->failed = 1;
    return 1;
  }
  fputs(s, c->out);
  fputc('\n', c->out);
  rasd_free(s);
  return ferror(c->out) ? 1 : 0;
}

int cmd_analyze(int argc, char **argv) {
  cli_inputs in;
  int pr = cli_parse_plain(&in, argc, argv, "analyze", analyze_usage);
  if (pr >= 0) return pr;
  actx c = {cli_models(&in), stdout, 0};
  int rc = cli_each_doc(&in, analyze_doc, &c);
  if (c.failed) rc = CLI_INPUT_ERR;
  if (fflush(stdout) != 0) rc = CLI_INPUT_ERR;
  rasd_models_free(c.m);
  cli_inputs_free(&in);
  return rc;
}
