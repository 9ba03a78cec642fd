/* fuzz_text.c — libFuzzer target: normalise, tokenise and stem arbitrary bytes, checking the offset invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t nl;
  char *n = rasd_normalize(s, size, &nl);
  if (n && strlen(n) != nl) abort();
  rasd_tokens *t = rasd_tokenize(s, size);
  if (t) {
    size_t prev = 0, next = 0;
    for (size_t k = 0; k < t->n_tok; k++) {
      const rasd_token *x = &t->tok[k];
      if (x->start < prev || (size_t)x->start + x->len > size || !x->len) abort();
      if (strlen(x->form) != x->form_len || strlen(x->bare) != x->bare_len || strlen(x->stem) != x->stem_len) abort();
      prev = x->start + x->len;
      char *st = rasd_stem(x->form, x->form_len, NULL);
      free(st);
    }
    for (size_t i = 0; i < t->n_sent; i++) {
      if (t->sent[i].tok_begin != next || t->sent[i].tok_end <= next) abort();
      next = t->sent[i].tok_end;
    }
    if (next != t->n_tok) abort();
  }
  rasd_tokens_free(t);
  if (n && nl < 4096) { /* the in-place form agrees with the copying one */
    char *c = malloc(size + 1);
    if (c) {
      memcpy(c, s, size);
      size_t l = rasd__normalize_inplace(c, size);
      if (l != (size_t)-1 && (l != nl || memcmp(c, n, l))) abort();
      free(c);
    }
  }
  free(n);
  return 0;
}
