/* peer_words.h — the word splitter and file loader shared by the C benchmark drivers (same words for every stemmer). */
#ifndef RASD_BENCH_PEER_WORDS_H
#define RASD_BENCH_PEER_WORDS_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Reads a whole file; returns a malloc'd buffer (caller frees) and its length in *len, or NULL. */
static char *bw_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 20, n = 0, r;
  char *b = malloc(cap + 1);
  while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) {
      char *nb = realloc(b, (cap *= 2) + 1);
      if (!nb) { free(b); b = NULL; }
      b = nb;
    }
  }
  fclose(f);
  if (b) b[n] = 0;
  *len = n;
  return b;
}

/* Length of the UTF-8 character at s (1 for stray bytes) and its code point in *cp. */
static size_t bw_char(const unsigned char *s, size_t left, unsigned *cp) {
  if (s[0] < 0x80) { *cp = s[0]; return 1; }
  if ((s[0] & 0xE0) == 0xC0 && left >= 2) { *cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu); return 2; }
  if ((s[0] & 0xF0) == 0xE0 && left >= 3) { *cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu); return 3; }
  if ((s[0] & 0xF8) == 0xF0 && left >= 4) { *cp = 0x10000; return 4; }
  *cp = 0xFFFD;
  return 1;
}

/* A word character: ASCII letters and digits, and the Arabic block except its punctuation. */
static int bw_wordchar(unsigned cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z');
  if (cp >= 0x0600 && cp <= 0x06FF)
    return !(cp == 0x060C || cp == 0x061B || cp == 0x061F || (cp >= 0x066A && cp <= 0x066D) || cp == 0x06D4);
  return cp >= 0x00C0 && cp < 0x2000;
}

/* Finds the next word at or after *pos; returns its start and sets *wlen; NULL at the end. */
static const char *bw_next(const char *b, size_t n, size_t *pos, size_t *wlen) {
  size_t i = *pos;
  unsigned cp;
  while (i < n) {
    size_t k = bw_char((const unsigned char *)b + i, n - i, &cp);
    if (bw_wordchar(cp)) break;
    i += k;
  }
  if (i >= n) { *pos = n; return NULL; }
  size_t s = i;
  while (i < n) {
    size_t k = bw_char((const unsigned char *)b + i, n - i, &cp);
    if (!bw_wordchar(cp)) break;
    i += k;
  }
  *pos = i;
  *wlen = i - s;
  return b + s;
}

static double bw_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
  return ts.tv_sec + ts.tv_nsec / 1e9;
}
#endif
