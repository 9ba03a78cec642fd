/* cmd_stories.c — STUB: `rasd stories` is not built yet. */
#include "cli.h"
int cmd_stories(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "rasd: 'stories' is not available in this build\n"); return CLI_USAGE; }
