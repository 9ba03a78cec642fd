/* fuzz_text.c — libFuzzer target: normalise, tokenise and stem arbitrary bytes, checking the offset invariants,
 * and that the fast tokenizer (at every level of vector code) gives exactly what the reference implementation
 * (tests/test_tok_ref.inc) gives. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "text/text.h"
#include "../tests/test_tok_ref.inc"

/* Aborts when the fast and the reference tokenizations of s differ in any field. */
static void same_as_reference(const char *s, size_t size, unsigned flags) {
  rasd_tokens *A = rasd__tokenize_ex(s, size, flags), *B = ref__tokenize_ex(s, size, flags);
  if (!A || !B) { rasd_tokens_free(A); ref_tokens_free(B); return; }
  if (A->n_tok != B->n_tok || A->n_sent != B->n_sent) abort();
  for (size_t k = 0; k < A->n_tok; k++) {
    const rasd_token *a = &A->tok[k], *b = &B->tok[k];
    if (a->start != b->start || a->len != b->len || a->kind != b->kind || a->flags != b->flags ||
        a->sentence != b->sentence || a->form_len != b->form_len || a->bare_len != b->bare_len ||
        a->stem_len != b->stem_len || memcmp(a->form, b->form, a->form_len + 1u) ||
        memcmp(a->bare, b->bare, a->bare_len + 1u) || memcmp(a->stem, b->stem, a->stem_len + 1u))
      abort();
  }
  if (A->n_sent && memcmp(A->sent, B->sent, A->n_sent * sizeof *A->sent)) abort();
  rasd_tokens_free(A);
  ref_tokens_free(B);
}

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
  same_as_reference(s, size, 0);
  for (int lvl = 0; lvl <= 4; lvl++) { /* every level of vector code gives the same tokens */
    int old = rasd__tok_simd(lvl);
    same_as_reference(s, size, RASD__TOK_NO_STEM);
    rasd__tok_simd(old);
  }
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
