/* clean.c — STUB until the reading stage lands: raw article → cleaned document. */
#include <stdlib.h>
#include "util/util.h"
#include "read/read.h"
struct rasd_cleaner { int dummy; };
rasd_cleaner *rasd_cleaner_new(void) { return calloc(1, sizeof(rasd_cleaner)); }
void rasd_cleaner_free(rasd_cleaner *c) { free(c); }
int rasd_clean(rasd_cleaner *c, const rasd_article *a, rasd_doc **out) { (void)c; (void)a; *out = NULL; return RASD_EINPUT; }
void rasd_doc_free(rasd_doc *d) { free(d); }
json_t *rasd__doc_json_obj(const rasd_doc *d) { (void)d; return json_object(); }
char *rasd_doc_json(const rasd_doc *d) { (void)d; return rasd__strdup0("{}"); }
