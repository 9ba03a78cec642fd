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

int main(void) {
  RUN(test_arena);
  RUN(test_buf);
  RUN(test_utf8);
  RUN(test_errors);
  TH_DONE();
}
