/* tokenize.c — STUB until the text core lands: tokens with byte offsets and sentences. */
#include <stdlib.h>
#include "util/util.h"
rasd_tokens *rasd_tokenize(const char *s, size_t len) { (void)s; (void)len; return calloc(1, sizeof(rasd_tokens)); }
void rasd_tokens_free(rasd_tokens *t) { free(t); }
