/* arena.c — region allocator: one per document or analysis, freed in one call. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "util/util.h"

typedef struct block {
  struct block *next;
  size_t size, used;
  _Alignas(16) unsigned char data[];
} block;

struct rasd__arena {
  block *head;
  size_t first, total;
};

rasd__arena *rasd__arena_new(size_t first_block) {
  rasd__arena *a = calloc(1, sizeof *a);
  if (!a) return NULL;
  a->first = first_block ? first_block : 4096;
  return a;
}

/* 'n' bytes (16-byte aligned) left as they are: for callers that write every byte. */
static void *arena_raw(rasd__arena *a, size_t n) {
  if (!a) return NULL;
  if (n == 0) n = 1;
  size_t need = (n + 15) & ~(size_t)15;
  if (need < n) return NULL;
  block *b = a->head;
  if (!b || b->size - b->used < need) {
    size_t sz = b ? b->size * 2 : a->first;
    if (sz > (size_t)1 << 24) sz = (size_t)1 << 24;
    if (sz < need) sz = need;
    block *nb = malloc(sizeof(block) + sz);
    if (!nb) return NULL;
    nb->size = sz;
    nb->used = 0;
    /* A big one-off block goes behind the head so the head's free room is kept. */
    if (b && sz == need && b->size - b->used > 256) {
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      a->head = nb;
    }
    a->total += sz;
    b = nb;
  }
  void *p = b->data + b->used;
  b->used += need;
  return p;
}

void *rasd__arena_raw(rasd__arena *a, size_t n) { return arena_raw(a, n); }

void *rasd__arena_alloc(rasd__arena *a, size_t n) {
  void *p = arena_raw(a, n);
  if (p) memset(p, 0, n ? n : 1);
  return p;
}

char *rasd__arena_strndup(rasd__arena *a, const char *s, size_t n) {
  char *p = n + 1 ? arena_raw(a, n + 1) : NULL;
  if (!p) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *rasd__arena_strdup(rasd__arena *a, const char *s) {
  return s ? rasd__arena_strndup(a, s, strlen(s)) : NULL;
}

void *rasd__arena_memdup(rasd__arena *a, const void *p, size_t n) {
  void *q = n ? arena_raw(a, n) : rasd__arena_alloc(a, 0);
  if (q && n) memcpy(q, p, n);
  return q;
}

char *rasd__arena_printf(rasd__arena *a, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *p = n >= 0 ? arena_raw(a, (size_t)n + 1) : NULL;
  if (p) vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}

size_t rasd__arena_used(const rasd__arena *a) { return a ? a->total : 0; }

void rasd__arena_free(rasd__arena *a) {
  if (!a) return;
  block *b = a->head;
  while (b) {
    block *n = b->next;
    free(b);
    b = n;
  }
  free(a);
}
