/* cli.h — shared pieces of the rasd command: subcommand entry points and the common input loop. */
#ifndef RASD_CLI_H
#define RASD_CLI_H
#include <stdio.h>
#include "rasd.h"

/* Exit codes: 0 all inputs fine, 1 some inputs had errors, 2 usage error. */
enum { CLI_OK = 0, CLI_INPUT_ERR = 1, CLI_USAGE = 2 };

/* Options common to commands that read articles. */
typedef struct cli_inputs {
  rasd_read_opts ro;
  const char **paths;
  size_t n_paths;
  const char *models_dir; /* --data DIR */
  int quiet;
  rasd_cleaner *cleaner; /* cli_each_doc cleans with this one (borrowed) when set, else with a new one */
  /* When set, called with each article before it is cleaned: 1 drops it uncleaned (a store has it already, so its
   * lines must not count twice in the cleaner's boilerplate statistics); gets cli_each_doc's 'ud'. */
  int (*skip)(const rasd_article *a, void *ud);
  size_t n_skipped; /* set by cli_each_doc: records, files and articles skipped for an error (each reported) */
} cli_inputs;

/* Parses a common input option at argv[*i] ("--date", "--outlet", "--strict", "--data", "-q");
 * returns 1 when consumed (advancing *i past its value), 0 when not an input option, -1 on a usage error
 * (message printed). */
int cli_input_opt(cli_inputs *in, int argc, char **argv, int *i);

/* Adds a positional path. */
void cli_input_path(cli_inputs *in, const char *path);

/* Called for each cleaned document; return nonzero to stop. Ownership of 'd' passes to the callback. */
typedef int (*cli_doc_fn)(rasd_doc *d, void *ud);

/* Reads and cleans every input, calling 'fn' per document; errors go to stderr as "rasd: file:line: msg".
 * Returns CLI_OK, or CLI_INPUT_ERR when any input had an error (or --strict stopped the run). */
int cli_each_doc(cli_inputs *in, cli_doc_fn fn, void *ud);

/* Loads models (exits with a message on failure). */
rasd_models *cli_models(const cli_inputs *in);

void cli_inputs_free(cli_inputs *in);

/* Parses the arguments of a command that takes only input options and paths into 'in'. Returns -1 when
 * the command should run, else the exit code to return at once (--help: 0; usage error: 2, message
 * printed with 'usage'). */
int cli_parse_plain(cli_inputs *in, int argc, char **argv, const char *cmd, void (*usage)(FILE *));

/* Subcommands: each returns the process exit code. */
int cmd_read(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_tag(int argc, char **argv);
int cmd_names(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_summarize(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
