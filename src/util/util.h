/* util.h — internal helpers shared by every stage: arena, growable buffer, small string helpers. */
#ifndef RASD_UTIL_H
#define RASD_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <string.h>
#include "rasd.h"

/* Arena: many small allocations freed at once (one per document / analysis). */
typedef struct rasd__arena rasd__arena;
rasd__arena *rasd__arena_new(size_t first_block);
void *rasd__arena_alloc(rasd__arena *a, size_t n);           /* 16-byte aligned, zeroed; NULL on OOM */
void *rasd__arena_raw(rasd__arena *a, size_t n);             /* the same, not zeroed: for callers that write what they read */
char *rasd__arena_strndup(rasd__arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *rasd__arena_strdup(rasd__arena *a, const char *s);     /* NULL in → NULL out */
char *rasd__arena_printf(rasd__arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void *rasd__arena_memdup(rasd__arena *a, const void *p, size_t n);
size_t rasd__arena_used(const rasd__arena *a);
void rasd__arena_free(rasd__arena *a);                        /* NULL is fine */

/* Growable byte buffer, always NUL-terminated. */
typedef struct rasd__buf {
  char *s;
  size_t len, cap;
  int oom; /* set once an allocation failed; later appends do nothing */
} rasd__buf;
void rasd__buf_init(rasd__buf *b);
int rasd__buf_grow(rasd__buf *b, size_t extra);
void rasd__buf_add(rasd__buf *b, const char *s, size_t n);
void rasd__buf_adds(rasd__buf *b, const char *s);
void rasd__buf_addc(rasd__buf *b, char c);
void rasd__buf_printf(rasd__buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rasd__buf_clear(rasd__buf *b);
char *rasd__buf_detach(rasd__buf *b); /* caller frees; buffer reset */
void rasd__buf_free(rasd__buf *b);

/* Growable array of fixed-size elements (vector). */
#define RASD__VEC_PUSH(arr, n, cap, val)                                      \
  ((n) < (cap) || rasd__grow((void **)&(arr), &(cap), sizeof(*(arr)), (n) + 1) == 0 \
       ? ((arr)[(n)++] = (val), 0)                                               \
       : -1)
int rasd__grow(void **arr, size_t *cap, size_t elem, size_t need);

/* Asks the kernel to back the 2 MB-aligned part of [p, p + n) with huge pages (fewer TLB misses for tables read
 * at random); a hint only: no effect where unsupported or when the range holds no whole huge page. */
void rasd__advise_huge(void *p, size_t n);

/* UTF-8 helpers. */
/* Decodes one code point at s[*i] (len bytes total); advances *i; returns -1 for an invalid byte (advances 1).
 * ASCII and two-byte sequences (Arabic) are decoded inline; the rest goes through rasd__utf8_next_(). */
int32_t rasd__utf8_next_(const char *s, size_t len, size_t *i);
static inline int32_t rasd__utf8_next(const char *str, size_t len, size_t *i) {
  const unsigned char *s = (const unsigned char *)str;
  size_t p = *i;
  unsigned c = s[p];
  if (c < 0x80) { *i = p + 1; return (int32_t)c; }
  if (c >= 0xC2 && c < 0xE0 && p + 1 < len && (s[p + 1] & 0xC0) == 0x80) {
    *i = p + 2;
    return (int32_t)(((c & 0x1F) << 6) | (s[p + 1] & 0x3F));
  }
  return rasd__utf8_next_(str, len, i);
}
/* Encodes 'cp' into out (4 bytes room); returns bytes written. ASCII and two-byte code points (Arabic) are
 * encoded inline; the rest goes through rasd__utf8_put_(). */
int rasd__utf8_put_(char *out, int32_t cp);
static inline int rasd__utf8_put(char *out, int32_t cp) {
  unsigned char *o = (unsigned char *)out;
  if (cp >= 0 && cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
  if (cp >= 0x80 && cp < 0x800) { o[0] = (unsigned char)(0xC0 | (cp >> 6)); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
  return rasd__utf8_put_(out, cp);
}
/* Returns how many bytes of the NUL-terminated 's' to keep so that at most 'max' bytes are kept and no
 * UTF-8 sequence is cut. */
int rasd__utf8_clip(const char *s, size_t max);
/* Returns 1 when s[0..len) is valid UTF-8. */
int rasd__utf8_valid(const char *s, size_t len);
/* Returns 1 for Arabic letters (U+0621–U+064A, U+0671–U+06D3, U+06FA–U+06FF, presentation forms). */
static inline int rasd__is_arabic_letter(int32_t cp) {
  if (cp < 0x0621) return 0;
  return (cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x066F) ||
         (cp >= 0x0671 && cp <= 0x06D3) || cp == 0x06D5 || (cp >= 0x06FA && cp <= 0x06FC) || cp == 0x06FF ||
         (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
}
/* Returns 1 for Arabic diacritics (tashkeel U+064B–U+065F, U+0670, Quranic marks) and tatweel U+0640. */
static inline int rasd__is_arabic_mark(int32_t cp) {
  if (cp < 0x0610 || cp > 0x06ED) return 0;
  /* by ranges in order (the letters, most of what is asked, answered in two or three tests) */
  if (cp < 0x0640) return cp <= 0x061A;
  if (cp <= 0x064A) return cp == 0x0640;
  if (cp <= 0x065F) return 1;
  if (cp < 0x06D6) return cp == 0x0670;
  return cp <= 0x06DC || (cp >= 0x06DF && cp <= 0x06E8) || cp >= 0x06EA;
}

/* A 64-bit hash of s[0..n) read eight bytes per step, started from 'seed' (hash tables and memos; not stable across
 * machines of other byte order). */
static inline uint64_t rasd__hash8(const char *s, size_t n, uint64_t seed) {
  uint64_t h = seed, x;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    memcpy(&x, s + i, 8);
    h = (h ^ x) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  size_t r = n - i; /* 0..7 bytes left, as a little-endian word zero-padded */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (r >= 4) { /* the same word from two 4-byte loads, the second ending where the string ends (no call) */
    uint32_t a, b;
    memcpy(&a, s + i, 4), memcpy(&b, s + n - 4, 4);
    x = a | ((uint64_t)b >> (8 * (8 - r))) << 32;
  } else {
    x = 0;
    for (size_t k = r; k-- > 0;) x = x << 8 | (unsigned char)s[i + k];
  }
#else
  x = 0;
  memcpy(&x, s + i, r);
#endif
  h = (h ^ x) * 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 29);
}

/* String helpers. */
char *rasd__strndup(const char *s, size_t n); /* malloc'd NUL-terminated copy; NULL on OOM */
char *rasd__strdup0(const char *s);           /* NULL in → NULL out */
int rasd__has_prefix(const char *s, size_t len, const char *prefix);
int rasd__date_valid(const char *s);          /* 1 for YYYY-MM-DD with a real day */

/* Picks at most 'max' of 'n' dated entries (a story's timeline, in date order) for a view that shows only so
 * many: first those whose date (YYYY-MM-DD or YYYY-MM) lies within a week of the story's days 'first'..'last',
 * more 'weight' (outlets) first, then the others by weight. Writes their indices to 'out' (room for 'max') in
 * the given order and returns how many; all of them when n <= max. */
size_t rasd__pick_near(const char *const *dates, const size_t *weight, size_t n, const char *first, const char *last,
                       size_t max, size_t *out);

#endif
