/* cmd_add.c — STUB: `rasd add` is not built yet. */
#include "cli.h"
int cmd_add(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'add' is not available in this build\n"); return CLI_USAGE; }
