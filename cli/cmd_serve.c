/* cmd_serve.c — STUB: `rasd serve` is not built yet. */
#include "cli.h"
int cmd_serve(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'serve' is not available in this build\n"); return CLI_USAGE; }
