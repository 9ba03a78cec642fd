/* cmd_search.c — STUB: `rasd search` is not built yet. */
#include "cli.h"
int cmd_search(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'search' is not available in this build\n"); return CLI_USAGE; }
