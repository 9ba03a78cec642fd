/* cmd_names.c — STUB: `rasd names` is not built yet. */
#include "cli.h"
int cmd_names(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'names' is not available in this build\n"); return CLI_USAGE; }
