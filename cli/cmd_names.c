/* cmd_names.c — `rasd names`: name keys, spelling matches (--pairs) and English forms of Arabic names. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* Internal: the matcher without gazetteer knowledge (src/extract/names.h). */
int rasd__names_match_ex(const rasd_models *m, const char *a, size_t alen, const char *b, size_t blen, int flags);

static void usage(void) {
  fprintf(stderr,
          "usage: rasd names --pairs [--no-gazetteer] [--data DIR]   reads name1<TAB>name2 lines, writes 1 (same) or 0\n"
          "       rasd names --key                                   reads names, writes name<TAB>key\n"
          "       rasd names --english [--type PER|LOC|ORG]          reads names, writes name<TAB>English<TAB>known|translit\n");
}

int cmd_names(int argc, char **argv) {
  int mode = 0, nogaz = 0, type = RASD_ENT_NONE;
  const char *dir = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--pairs")) mode = 'p';
    else if (!strcmp(a, "--key")) mode = 'k';
    else if (!strcmp(a, "--english")) mode = 'e';
    else if (!strcmp(a, "--no-gazetteer")) nogaz = 1;
    else if (!strcmp(a, "--data") && i + 1 < argc) dir = argv[++i];
    else if (!strcmp(a, "--type") && i + 1 < argc) {
      const char *t = argv[++i];
      type = !strcmp(t, "PER") ? RASD_ENT_PER : !strcmp(t, "LOC") ? RASD_ENT_LOC : !strcmp(t, "ORG") ? RASD_ENT_ORG : -1;
      if (type < 0) { fprintf(stderr, "rasd names: unknown type '%s' (PER, LOC or ORG)\n", t); return CLI_USAGE; }
    } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(); return CLI_OK; }
    else { fprintf(stderr, "rasd names: unknown option '%s'\n", a); usage(); return CLI_USAGE; }
  }
  if (!mode) { usage(); return CLI_USAGE; }
  rasd_models *m = NULL;
  if (mode != 'k' && !(mode == 'p' && nogaz)) {
    cli_inputs in = {0};
    in.models_dir = dir;
    m = cli_models(&in);
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  long ln = 0;
  int status = CLI_OK;
  while ((n = getline(&line, &cap, stdin)) >= 0) {
    ln++;
    size_t len = (size_t)n;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    if (mode == 'p') {
      char *tab = memchr(line, '\t', len);
      if (!tab) {
        fprintf(stderr, "rasd: <stdin>:%ld: expected name1<TAB>name2\n", ln);
        status = CLI_INPUT_ERR;
        puts("0");
        continue;
      }
      size_t al = (size_t)(tab - line);
      int r = rasd__names_match_ex(m, line, al, tab + 1, len - al - 1, nogaz ? 2 : 0);
      puts(r ? "1" : "0");
    } else if (mode == 'k') {
      char *k = rasd_name_key(line, len);
      printf("%.*s\t%s\n", (int)len, line, k ? k : "");
      rasd_free(k);
    } else {
      int tr = 0;
      char *e = rasd_name_english(m, line, len, type, &tr);
      printf("%.*s\t%s\t%s\n", (int)len, line, e ? e : "", tr ? "translit" : "known");
      rasd_free(e);
    }
  }
  free(line);
  rasd_models_free(m);
  return status;
}
