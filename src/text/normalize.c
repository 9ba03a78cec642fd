/* normalize.c — STUB until the text core lands: the matching form of Arabic text. */
#include "util/util.h"
char *rasd_normalize(const char *s, size_t len, size_t *out_len) { if (out_len) *out_len = len; return rasd__strndup(s, len); }
