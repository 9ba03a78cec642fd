/* cmd_summarize.c — STUB: `rasd summarize` is not built yet. */
#include "cli.h"
int cmd_summarize(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'summarize' is not available in this build\n"); return CLI_USAGE; }
