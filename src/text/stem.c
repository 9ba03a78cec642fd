/* stem.c — STUB until the text core lands: clitic-aware light stemmer. */
#include "util/util.h"
char *rasd_stem(const char *w, size_t len, size_t *out_len) { if (out_len) *out_len = len; return rasd__strndup(w, len); }
