/* dcode.c — delta coding of bytes against a dictionary (the store codes each story-engine record against its article's
 * title and text, which the record mostly repeats): literal runs and copies from the dictionary, LEB128 varints. */
#include <stdlib.h>
#include <string.h>
#include "store/store.h"

#define MIN_MATCH 8 /* shortest copy: four Arabic letters */

void rasd__vput(rasd__buf *b, uint64_t v) {
  unsigned char t[10];
  size_t n = 0;
  do {
    t[n] = (unsigned char)(v & 0x7f);
    v >>= 7;
    if (v) t[n] |= 0x80;
    n++;
  } while (v);
  rasd__buf_add(b, (const char *)t, n);
}

int rasd__vget(const unsigned char **p, const unsigned char *e, uint64_t *v) {
  uint64_t x = 0;
  for (int sh = 0; sh < 64; sh += 7) {
    if (*p >= e) return -1;
    unsigned char c = *(*p)++;
    x |= (uint64_t)(c & 0x7f) << sh;
    if (!(c & 0x80)) { *v = x; return 0; }
  }
  return -1;
}

static uint64_t load8(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* Index of the first differing byte of two 8-byte loads whose XOR is 'x' (not 0). */
static size_t first_diff(uint64_t x) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return (size_t)__builtin_clzll(x) >> 3;
#else
  return (size_t)__builtin_ctzll(x) >> 3;
#endif
}

static uint32_t hash8(const unsigned char *p, unsigned bits) {
  return (uint32_t)((load8(p) * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

uint32_t rasd__dcode_check(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 0x243F6A8885A308D3ULL ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = (h ^ load8(s + i)) * 0xff51afd7ed558ccdULL, h ^= h >> 29;
  for (; i < n; i++) h = (h ^ s[i]) * 0x100000001b3ULL;
  h ^= h >> 32;
  return (uint32_t)h;
}

int rasd__dcode_encode(const void *src, size_t len, const void *dict, size_t nd, rasd__buf *out) {
  const unsigned char *r = src, *d = dict;
  /* Every fourth position of the dictionary is indexed (a copy of 11 bytes or more is always found: some record
   * position meets an indexed one); the table lives on the stack. */
  enum { STEP = 4, MAX_BITS = 13 };
  uint32_t tab[1u << MAX_BITS];
  unsigned bits = 9;
  while (bits < MAX_BITS && ((size_t)1 << bits) < nd / STEP) bits++;
  int use = nd >= MIN_MATCH && len >= MIN_MATCH;
  if (use) {
    memset(tab, 0, sizeof *tab << bits);
    for (size_t p = 0; p + MIN_MATCH <= nd; p += STEP) tab[hash8(d + p, bits)] = (uint32_t)(p + 1);
  }
  size_t i = 0, lit = 0, miss = 0;
  while (use && i + MIN_MATCH <= len) {
    uint32_t p = tab[hash8(r + i, bits)];
    if (!p || load8(d + p - 1) != load8(r + i)) {
      i += 1 + (miss++ >> 5); /* long runs without a copy (the record's numbers) are crossed faster */
      continue;
    }
    size_t off = p - 1, m = MIN_MATCH;
    while (i > lit && off > 0 && r[i - 1] == d[off - 1]) i--, off--, m++; /* the copy may begin earlier */
    /* forwards eight bytes at a time (a record repeats long runs of its text), then byte by byte */
    while (i + m + 8 <= len && off + m + 8 <= nd) {
      uint64_t x = load8(d + off + m) ^ load8(r + i + m);
      if (x) {
        m += first_diff(x);
        goto extended;
      }
      m += 8;
    }
    while (i + m < len && off + m < nd && d[off + m] == r[i + m]) m++;
  extended:
    rasd__vput(out, i - lit);
    rasd__buf_add(out, (const char *)r + lit, i - lit);
    rasd__vput(out, off);
    rasd__vput(out, m - MIN_MATCH);
    i += m;
    lit = i;
    miss = 0;
  }
  if (lit < len || !len) { /* the last literal run (an empty record: one empty run) */
    rasd__vput(out, len - lit);
    rasd__buf_add(out, (const char *)r + lit, len - lit);
  }
  return out->oom ? -1 : 0;
}

int rasd__dcode_decode(const void *src, size_t n, const void *dict, size_t nd, void *dst, size_t len) {
  const unsigned char *p = src, *e = p + n, *d = dict;
  unsigned char *o = dst;
  size_t got = 0;
  for (;;) {
    uint64_t l, off, m;
    if (rasd__vget(&p, e, &l) || l > len - got || l > (size_t)(e - p)) return -1;
    memcpy(o + got, p, l);
    p += l;
    got += l;
    if (got == len) break;
    if (rasd__vget(&p, e, &off) || rasd__vget(&p, e, &m)) return -1;
    m += MIN_MATCH;
    if (off > nd || m > nd - off || m > len - got) return -1;
    memcpy(o + got, d + off, m);
    got += m;
    if (got == len) break;
  }
  return p == e ? 0 : -1;
}
