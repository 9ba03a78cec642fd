/* names.c — STUB until names land: spelling-variant keys, name matcher, English forms. */
#include <string.h>
#include "extract/extract.h"
char *rasd_name_key(const char *s, size_t len) { return rasd__strndup(s, len); }
int rasd_names_match(const rasd_models *m, const char *a, size_t al, const char *b, size_t bl) { (void)m; return al == bl && !memcmp(a, b, al); }
char *rasd_name_english(const rasd_models *m, const char *s, size_t len, int type, int *tr) { (void)m; (void)s; (void)len; (void)type; *tr = 1; return rasd__strdup0(""); }
