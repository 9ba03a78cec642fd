/* test_util.c — unit tests of the shared helpers: arena, buffer, UTF-8, error table. */
#include "harness.h"
#include "util/util.h"

static void test_arena(void) {
  rasd__arena *a = rasd__arena_new(64);
  char *s = rasd__arena_strndup(a, "كيم جونغ أون", strlen("كيم جونغ أون"));
  ASSERT_EQ_STR(s, "كيم جونغ أون");
  void *big = rasd__arena_alloc(a, 100000);
  CHECK(big != NULL);
  CHECK(((uintptr_t)big & 15) == 0);
  char *p = rasd__arena_printf(a, "%s-%d", "x", 42);
  ASSERT_EQ_STR(p, "x-42");
  CHECK(rasd__arena_strdup(a, NULL) == NULL);
  rasd__arena_free(a);
  rasd__arena_free(NULL);
}

static void test_buf(void) {
  rasd__buf b;
  rasd__buf_init(&b);
  for (int i = 0; i < 1000; i++) rasd__buf_printf(&b, "%d,", i);
  CHECK(b.len > 3000);
  ASSERT_EQ_INT(memcmp(b.s, "0,1,2,", 6), 0);
  char *s = rasd__buf_detach(&b);
  CHECK(s && b.s == NULL);
  free(s);
}

static void test_utf8(void) {
  const char *t = "ب\xff" "ة";
  size_t i = 0, n = strlen(t);
  ASSERT_EQ_INT(rasd__utf8_next(t, n, &i), 0x0628);
  ASSERT_EQ_INT(rasd__utf8_next(t, n, &i), -1);
  ASSERT_EQ_INT(rasd__utf8_next(t, n, &i), 0x0629);
  ASSERT_EQ_INT(i, n);
  CHECK(!rasd__utf8_valid("\xe0\x80\x80", 3)); /* overlong */
  CHECK(!rasd__utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
  CHECK(!rasd__utf8_valid("\xd8", 1));          /* truncated */
  CHECK(rasd__utf8_valid("سلام", strlen("سلام")));
  char out[4];
  ASSERT_EQ_INT(rasd__utf8_put(out, 0x1F600), 4);
  CHECK(rasd__is_arabic_letter(0x0643));
  CHECK(!rasd__is_arabic_letter(0x0660));
  CHECK(rasd__is_arabic_mark(0x0640));
}

static void test_errors(void) {
  ASSERT_EQ_STR(rasd_strerror(RASD_OK), "success");
  ASSERT_EQ_STR(rasd_strerror(RASD_ENOMEM), "out of memory");
  ASSERT_EQ_STR(rasd_strerror(12345), "unknown error");
  CHECK(rasd__date_valid("2024-02-29"));
  CHECK(!rasd__date_valid("2023-02-29"));
  CHECK(!rasd__date_valid("2023-13-01"));
}

/* a story's timeline shown ten entries at a time: its own days first, background history after */
static void test_pick_near(void) {
  const char *d[14] = {"1908", "193", "1946-01-04", "1967", "1967", "1988", "1988-05-29", "2015-07",
                       "2015-07-31", "2015-07-31", "2015-07-31", "2015-08-01", "2015-08-01", "2015-W31"};
  size_t w[14] = {1, 1, 1, 3, 1, 2, 1, 1, 4, 2, 1, 1, 2, 1}, out[10];
  size_t n = rasd__pick_near(d, w, 14, "2015-07-31", "2015-08-01", 10, out);
  ASSERT_EQ_INT((int)n, 10);
  /* the five entries of the story's days and the month are in; 1967 with three outlets before 1988 with two */
  int have[14] = {0};
  for (size_t i = 0; i < n; i++) have[out[i]] = 1;
  for (int i = 7; i <= 12; i++) CHECK(have[i]);
  CHECK(have[3] && have[5]);
  for (size_t i = 1; i < n; i++) CHECK(out[i - 1] < out[i]); /* date order kept */
  /* few entries: all of them, in order */
  n = rasd__pick_near(d, w, 4, "2015-07-31", NULL, 10, out);
  ASSERT_EQ_INT((int)n, 4);
  ASSERT_EQ_INT((int)out[3], 3);
}

int main(void) {
  RUN(test_arena);
  RUN(test_buf);
  RUN(test_utf8);
  RUN(test_errors);
  RUN(test_pick_near);
  TH_DONE();
}
