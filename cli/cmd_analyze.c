/* cmd_analyze.c — STUB: `rasd analyze` is not built yet. */
#include "cli.h"
int cmd_analyze(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'analyze' is not available in this build\n"); return CLI_USAGE; }
