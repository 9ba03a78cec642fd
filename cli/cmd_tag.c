/* cmd_tag.c — STUB: `rasd tag` is not built yet. */
#include "cli.h"
int cmd_tag(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'tag' is not available in this build\n"); return CLI_USAGE; }
