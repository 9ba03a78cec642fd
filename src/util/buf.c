/* buf.c — growable NUL-terminated byte buffer and vector growth used across the library. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "util/util.h"

void rasd__buf_init(rasd__buf *b) { memset(b, 0, sizeof *b); }

int rasd__buf_grow(rasd__buf *b, size_t extra) {
  if (b->oom) return -1;
  if (b->len + extra + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) {
    if (cap > SIZE_MAX / 2) { b->oom = 1; return -1; }
    cap *= 2;
  }
  char *s = realloc(b->s, cap);
  if (!s) { b->oom = 1; return -1; }
  b->s = s;
  b->cap = cap;
  return 0;
}

void rasd__buf_add(rasd__buf *b, const char *s, size_t n) {
  if (rasd__buf_grow(b, n)) return;
  if (n) memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = 0;
}

void rasd__buf_adds(rasd__buf *b, const char *s) { rasd__buf_add(b, s, strlen(s)); }

void rasd__buf_addc(rasd__buf *b, char c) { rasd__buf_add(b, &c, 1); }

void rasd__buf_printf(rasd__buf *b, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n > 0 && rasd__buf_grow(b, (size_t)n) == 0) {
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
    b->len += (size_t)n;
  }
  va_end(ap2);
}

void rasd__buf_clear(rasd__buf *b) {
  b->len = 0;
  if (b->s) b->s[0] = 0;
}

char *rasd__buf_detach(rasd__buf *b) {
  char *s = b->s;
  if (!s && !b->oom) s = calloc(1, 1);
  if (b->oom) { free(s); s = NULL; }
  rasd__buf_init(b);
  return s;
}

void rasd__buf_free(rasd__buf *b) {
  free(b->s);
  rasd__buf_init(b);
}

int rasd__grow(void **arr, size_t *cap, size_t elem, size_t need) {
  if (need <= *cap) return 0;
  size_t c = *cap ? *cap : 8;
  while (c < need) {
    if (c > SIZE_MAX / 2 / elem) return -1;
    c *= 2;
  }
  void *p = realloc(*arr, c * elem);
  if (!p) return -1;
  *arr = p;
  *cap = c;
  return 0;
}
