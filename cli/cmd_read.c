/* cmd_read.c — `rasd read PATH...`: read and clean articles, write one JSON object per line. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void read_usage(FILE *f) {
  fprintf(f,
          "usage: rasd read [--date YYYY-MM-DD] [--outlet NAME] [--strict] [-q] PATH...\n"
          "Reads articles (.txt, JSON Lines, JSON arrays, RSS/Atom, HTML; directories recursively; - for JSON\n"
          "Lines on stdin), cleans them and writes one JSON object per article: id, path, outlet, url, date,\n"
          "title, byline, dateline, paragraphs, subheads, captions, credits, agencies, publisher_summary,\n"
          "removed [{text, reason}], warnings, repairs.\n"
          "Exit: 0 all inputs fine, 1 some inputs had errors (named on stderr as file:line), 2 usage.\n");
}

static int print_doc(rasd_doc *d, void *ud) {
  FILE *out = ud;
  char *s = rasd_doc_json(d);
  rasd_doc_free(d);
  if (!s) {
    fprintf(stderr, "rasd: out of memory\n");
    return 1;
  }
  fputs(s, out);
  fputc('\n', out);
  rasd_free(s);
  return ferror(out) ? 1 : 0;
}

int cmd_read(int argc, char **argv) {
  cli_inputs in;
  int pr = cli_parse_plain(&in, argc, argv, "read", read_usage);
  if (pr >= 0) return pr;
  int rc = cli_each_doc(&in, print_doc, stdout);
  if (fflush(stdout) != 0) rc = CLI_INPUT_ERR;
  cli_inputs_free(&in);
  return rc;
}
