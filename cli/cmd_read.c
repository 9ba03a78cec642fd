/* cmd_read.c — STUB: `rasd read` is not built yet. */
#include "cli.h"
int cmd_read(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'read' is not available in this build\n"); return CLI_USAGE; }
