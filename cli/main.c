/* main.c — the rasd command: dispatches to one subcommand per file. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const struct {
  const char *name;
  int (*fn)(int, char **);
  const char *help;
} cmds[] = {
    {"read", cmd_read, "read and clean articles → JSON Lines"},
    {"analyze", cmd_analyze, "read, clean and analyse → JSON Lines (sentences, entities, quotes, dates, numbers)"},
    {"tag", cmd_tag, "NER on pre-tokenised text: --conll [FILE] → token<TAB>TAG"},
    {"names", cmd_names, "name matcher: --pairs reads name1<TAB>name2 lines, writes 1 or 0"},
    {"entities", cmd_entities, "the corpus entity table (--format json|tsv)"},
    {"stories", cmd_stories, "group articles into stories (--format text|json|html) — the main job"},
    {"summarize", cmd_summarize, "summary of one article, or of the given articles as one story"},
    {"add", cmd_add, "add articles to a store (--db FILE)"},
    {"search", cmd_search, "full-text search in a store (--db FILE QUERY)"},
    {"serve", cmd_serve, "HTTP JSON API and web view over a store (--db FILE)"},
};

static void usage(FILE *f) {
  fprintf(f,
          "usage: rasd COMMAND [OPTIONS] [PATH...]\n"
          "rasd %s — Arabic news monitoring: stories, entities, quotes, dates, summaries.\n\ncommands:\n",
          rasd_version());
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].help);
  fprintf(f,
          "\ninput options (read, analyze, entities, stories, summarize, add):\n"
          "  PATH...           files or directories (.txt, JSON Lines, JSON arrays, RSS/Atom, HTML); - for stdin\n"
          "  --date YYYY-MM-DD publication date for articles without one\n"
          "  --outlet NAME     outlet for articles without one\n"
          "  --strict          stop at the first input error\n"
          "  --data DIR        models and gazetteers (default: the installed data directory)\n"
          "\n`rasd COMMAND --help` for more. Exit: 0 ok, 1 some inputs had errors, 2 usage.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  const char *c = argv[1];
  if (!strcmp(c, "--help") || !strcmp(c, "-h") || !strcmp(c, "help")) {
    usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(c, "--version") || !strcmp(c, "version")) {
    printf("rasd %s\n", rasd_version());
    return CLI_OK;
  }
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
    if (!strcmp(c, cmds[i].name)) return cmds[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "rasd: unknown command '%s'\n", c);
  usage(stderr);
  return CLI_USAGE;
}
