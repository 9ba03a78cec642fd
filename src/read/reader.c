/* reader.c — STUB until the reading stage lands: readers for txt, JSON Lines/arrays, RSS/Atom, HTML. */
#include <stdlib.h>
#include "util/util.h"
struct rasd_reader { int dummy; };
rasd_reader *rasd_reader_new(const rasd_read_opts *o) { (void)o; return calloc(1, sizeof(rasd_reader)); }
int rasd_reader_add_path(rasd_reader *r, const char *p) { (void)r; (void)p; return RASD_OK; }
int rasd_reader_add_buffer(rasd_reader *r, const char *n, const char *s, size_t l) { (void)r; (void)n; (void)s; (void)l; return RASD_OK; }
int rasd_reader_next(rasd_reader *r, rasd_article **out) { (void)r; *out = NULL; return RASD_EEOF; }
const char *rasd_reader_errmsg(const rasd_reader *r) { (void)r; return ""; }
size_t rasd_reader_nerrors(const rasd_reader *r) { (void)r; return 0; }
void rasd_reader_free(rasd_reader *r) { free(r); }
void rasd_article_free(rasd_article *a) { free(a); }
