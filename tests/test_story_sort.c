/* test_story_sort.c — rasd__sort_u32 (the story stage's key sort) against qsort on sizes and orders that reach each of its paths. */
#include <stdint.h>
#include "harness.h"
#include "story/story_int.h"

static int cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static uint64_t rng = 88172645463325252ull;
static uint32_t next(void) {
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return (uint32_t)rng;
}

/* Fills v[0..n) in pattern 'p': random, few distinct keys, ascending, descending, all equal, organ pipe, sawtooth. */
static void fill(uint32_t *v, size_t n, int p) {
  for (size_t i = 0; i < n; i++) {
    switch (p) {
    case 0: v[i] = next(); break;
    case 1: v[i] = next() % 5; break;
    case 2: v[i] = (uint32_t)i * 3; break;
    case 3: v[i] = (uint32_t)(n - i); break;
    case 4: v[i] = 7; break;
    case 5: v[i] = (uint32_t)(i < n / 2 ? i : n - i); break;
    default: v[i] = (uint32_t)(i % 17) | (i & 1 ? 0x80000000u : 0); break;
    }
  }
}

static void test_against_qsort(void) {
  static const size_t sizes[] = {0, 1, 2, 3, 24, 25, 48, 49, 100, 257, 1000, 1023, 1024, 1025, 5000};
  for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++)
    for (int p = 0; p < 7; p++) {
      size_t n = sizes[si];
      uint32_t *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
      if (!a || !b) { CHECK(0); free(a); free(b); return; }
      fill(a, n, p);
      memcpy(b, a, n * sizeof *a);
      rasd__sort_u32(a, n);
      qsort(b, n, sizeof *b, cmp);
      int same = !n || !memcmp(a, b, n * sizeof *a);
      if (!same) fprintf(stderr, "size %zu pattern %d differs\n", n, p);
      CHECK(same);
      free(a);
      free(b);
    }
}

int main(void) {
  RUN(test_against_qsort);
  TH_DONE();
}
