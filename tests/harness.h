/* harness.h — the tiny test harness: CHECK/ASSERT_EQ print both values; a test binary ends with "N passed, N failed". */
#ifndef RASD_HARNESS_H
#define RASD_HARNESS_H
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int th_pass_, th_fail_, th_skip_;
static const char *th_test_ = "";

#define TH_FAILED_(fmt, ...)                                                     \
  do {                                                                           \
    th_fail_++;                                                                  \
    fprintf(stderr, "FAIL %s (%s:%d): " fmt "\n", th_test_, __FILE__, __LINE__, __VA_ARGS__); \
  } while (0)

#define CHECK(cond)                                   \
  do {                                                \
    if (cond) th_pass_++;                             \
    else TH_FAILED_("%s", #cond);                     \
  } while (0)

#define ASSERT_EQ_INT(a, b)                                                          \
  do {                                                                               \
    long long a_ = (long long)(a), b_ = (long long)(b);                              \
    if (a_ == b_) th_pass_++;                                                        \
    else TH_FAILED_("%s == %s: got %lld, want %lld", #a, #b, a_, b_);                \
  } while (0)

#define ASSERT_EQ_STR(a, b)                                                          \
  do {                                                                               \
    const char *a_ = (a), *b_ = (b);                                                 \
    if (a_ && b_ && !strcmp(a_, b_)) th_pass_++;                                     \
    else TH_FAILED_("%s == %s: got \"%s\", want \"%s\"", #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
  } while (0)

#define ASSERT_STR_CONTAINS(hay, needle)                                             \
  do {                                                                               \
    const char *h_ = (hay), *n_ = (needle);                                          \
    if (h_ && n_ && strstr(h_, n_)) th_pass_++;                                      \
    else TH_FAILED_("%s contains %s: \"%.300s\" lacks \"%s\"", #hay, #needle, h_ ? h_ : "(null)", n_ ? n_ : "(null)"); \
  } while (0)

#define SKIP(why)                                             \
  do {                                                        \
    th_skip_++;                                               \
    fprintf(stderr, "SKIP %s: %s\n", th_test_, why);          \
  } while (0)

#define RUN(fn)          \
  do {                   \
    th_test_ = #fn;      \
    fn();                \
  } while (0)

#define TH_DONE()                                                                  \
  do {                                                                             \
    printf("%d passed, %d failed, %d skipped\n", th_pass_, th_fail_, th_skip_);    \
    return th_fail_ ? 1 : 0;                                                       \
  } while (0)

/* Reads a whole file into a malloc'd NUL-terminated buffer; NULL when missing. */
static inline char *th_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  char *b = malloc(cap);
  size_t r;
  while (b && (r = fread(b + n, 1, cap - n - 1, f)) > 0) {
    n += r;
    if (cap - n < 2) {
      char *nb = realloc(b, cap *= 2);
      if (!nb) { free(b); b = NULL; }
      else b = nb;
    }
  }
  fclose(f);
  if (b) b[n] = 0;
  if (len) *len = n;
  return b;
}

/* The shared data folder (../shared beside the repo, or $RASD_SHARED), or NULL when absent. */
static inline const char *th_shared(void) {
  const char *s = getenv("RASD_SHARED");
  static char buf[4096];
  if (s && *s) return s;
  FILE *f = fopen("../shared/README.md", "r");
  if (!f) return NULL;
  fclose(f);
  snprintf(buf, sizeof buf, "../shared");
  return buf;
}
#endif
