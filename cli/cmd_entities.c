/* cmd_entities.c — STUB: `rasd entities` is not built yet. */
#include "cli.h"
int cmd_entities(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'entities' is not available in this build\n"); return CLI_USAGE; }
