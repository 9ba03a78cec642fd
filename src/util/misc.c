/* misc.c — error strings, version, UTF-8 and string helpers used across the library. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include "util/util.h"

const char *rasd_strerror(int code) {
  switch (code) {
#define RASD_X_(name, val, msg) \
  case (val):                   \
    return msg;
    RASD_ERRNO_MAP(RASD_X_)
#undef RASD_X_
  }
  return "unknown error";
}

const char *rasd_version(void) { return RASD_VERSION; }

void rasd_free(void *p) { free(p); }

void rasd__advise_huge(void *p, size_t n) {
#ifdef MADV_HUGEPAGE
  const uintptr_t H = (uintptr_t)2 << 20;
  uintptr_t a = ((uintptr_t)p + H - 1) & ~(H - 1), b = ((uintptr_t)p + n) & ~(H - 1);
  if (p && b > a) (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
  (void)p;
  (void)n;
#endif
}

int32_t rasd__utf8_next_(const char *str, size_t len, size_t *i) {
  const unsigned char *s = (const unsigned char *)str;
  size_t p = *i;
  unsigned c = s[p];
  if (c < 0x80) { *i = p + 1; return (int32_t)c; }
  int n;
  int32_t cp, min;
  if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
  else { *i = p + 1; return -1; }
  if (p + (size_t)n >= len) { *i = p + 1; return -1; }
  for (int k = 1; k <= n; k++) {
    unsigned d = s[p + (size_t)k];
    if ((d & 0xC0) != 0x80) { *i = p + 1; return -1; }
    cp = (cp << 6) | (int32_t)(d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *i = p + 1; return -1; }
  *i = p + (size_t)n + 1;
  return cp;
}

int rasd__utf8_put_(char *out, int32_t cp) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
  if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | (cp >> 6)); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

int rasd__utf8_clip(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max) return (int)n;
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  return (int)max;
}

int rasd__utf8_valid(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    if ((unsigned char)s[i] < 0x80) { i++; continue; }
    if (rasd__utf8_next(s, len, &i) < 0) return 0;
  }
  return 1;
}

char *rasd__strndup(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (!p) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *rasd__strdup0(const char *s) { return s ? rasd__strndup(s, strlen(s)) : NULL; }

int rasd__has_prefix(const char *s, size_t len, const char *prefix) {
  size_t n = strlen(prefix);
  return len >= n && memcmp(s, prefix, n) == 0;
}

int rasd__date_valid(const char *s) {
  if (!s || strlen(s) < 10) return 0;
  for (int i = 0; i < 10; i++) {
    if (i == 4 || i == 7) { if (s[i] != '-') return 0; }
    else if (s[i] < '0' || s[i] > '9') return 0;
  }
  int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return 0;
  int md = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
  return d <= md;
}

/* Day number of the date at the start of 's' (YYYY-MM-DD, or YYYY-MM as its first day, '*month_only' set), 0 when it
 * is neither. */
static long day_of(const char *s, int *month_only) {
  *month_only = 0;
  if (!s) return 0;
  size_t n = strlen(s);
  if (n < 7 || s[4] != '-') return 0;
  for (int i = 0; i < 7; i++)
    if (i != 4 && (s[i] < '0' || s[i] > '9')) return 0;
  int y = atoi(s), m = atoi(s + 5), d = 1;
  if (n >= 10 && s[7] == '-' && s[8] >= '0' && s[8] <= '9' && s[9] >= '0' && s[9] <= '9') d = atoi(s + 8);
  else if (n == 7 || s[7] == '/') *month_only = 1;
  else return 0;
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468 + 1;
}

size_t rasd__pick_near(const char *const *dates, const size_t *weight, size_t n, const char *first, const char *last,
                       size_t max, size_t *out) {
  if (n <= max) {
    for (size_t i = 0; i < n; i++) out[i] = i;
    return n;
  }
  int mo;
  long a = day_of(first, &mo), b = day_of(last, &mo);
  if (!b) b = a;
  /* score: near the story's days first (its week around them), then reported by more outlets; ties by order */
  size_t k = 0;
  for (size_t pass = 0; pass < 2 && k < max; pass++) {
    /* pass 0 takes the near entries, best weight first; pass 1 fills up with the rest the same way */
    for (;;) {
      size_t best = n;
      for (size_t i = 0; i < n; i++) {
        long d = day_of(dates[i], &mo);
        int near = a && d && d <= b + 7 && d + (mo ? 30 : 0) >= a - 7; /* a month: any of its days */
        if (pass == 0 && !near) continue;
        int taken = 0;
        for (size_t j = 0; j < k && !taken; j++) taken = out[j] == i;
        if (taken) continue;
        if (best == n || weight[i] > weight[best]) best = i;
      }
      if (best == n || k == max) break;
      out[k++] = best;
    }
  }
  /* back in the given (date) order */
  for (size_t i = 1; i < k; i++)
    for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
      size_t t = out[j];
      out[j] = out[j - 1];
      out[j - 1] = t;
    }
  return k;
}
