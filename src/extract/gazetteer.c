/* gazetteer.c — STUB until the gazetteer lands: compiled names, places and English forms. */
#include "extract/extract.h"
int rasd__gaz_load(const char *dir, rasd__gaz **out, char **err) { (void)dir; (void)err; *out = NULL; return RASD_OK; }
void rasd__gaz_free(rasd__gaz *g) { (void)g; }
