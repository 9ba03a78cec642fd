/* test_read_regress.c — regression tests for inputs the fuzzers found (reader and cleaning). */
#include "harness.h"
#include "rasd.h"

/* Reads buffer 'name' with content 's' and cleans every article; returns the number of documents. */
static int read_clean(const char *name, const char *s, size_t len, char **first_para) {
  rasd_reader *r = rasd_reader_new(NULL);
  rasd_cleaner *c = rasd_cleaner_new();
  int n = 0;
  rasd_reader_add_buffer(r, name, s, len);
  for (;;) {
    rasd_article *a = NULL;
    int rc = rasd_reader_next(r, &a);
    if (rc == RASD_EEOF) break;
    if (rc != RASD_OK) continue;
    rasd_doc *d = NULL;
    if (rasd_clean(c, a, &d) == RASD_OK) {
      if (!n && first_para && d->n_paragraphs) *first_para = strdup(d->paragraphs[0]);
      n++;
      rasd_doc_free(d);
    }
    rasd_article_free(a);
  }
  rasd_cleaner_free(c);
  rasd_reader_free(r);
  return n;
}

/* Invalid UTF-8 bytes each become U+FFFD (3 bytes), so cleaned text can be three times longer than the
 * input: fuzz_rss found the cleaner's buffer sized for the input length only (tests/data/fuzz-rss-expand.xml
 * is that input; under `make sanitize` an overflow aborts this test). */
static void test_invalid_bytes_expand(void) {
  size_t n = 0;
  char *feed = th_slurp("tests/data/fuzz-rss-expand.xml", &n);
  CHECK(feed != NULL);
  char *p = NULL;
  int docs = feed ? read_clean("fuzz-rss-expand.xml", feed, n, &p) : 0;
  ASSERT_EQ_INT(docs, 1);
  CHECK(p && strlen(p) > 0);
  free(p);
  free(feed);
  /* The same bytes in a plain-text article. */
  char txt[2048];
  char *p2 = NULL;
  n = (size_t)snprintf(txt, sizeof txt, "عنوان الخبر\n\nقال الوزير ");
  for (int i = 0; i < 1000; i++) txt[n++] = (char)0xE2;
  docs = read_clean("a.txt", txt, n, &p2);
  ASSERT_EQ_INT(docs, 1);
  CHECK(p2 && strlen(p2) >= 3000);
  CHECK(p2 && strstr(p2, "\xEF\xBF\xBD"));
  free(p2);
}

/* A file that is only a UTF-16 byte-order mark has no text at all (fuzz_rss: the reader's window was
 * still NULL when the format was sniffed). It must give no article and no crash. */
static void test_bom_only(void) {
  const char *names[] = {"feed.xml", "page.html", "a.txt", "d.jsonl"};
  for (int i = 0; i < 4; i++) {
    ASSERT_EQ_INT(read_clean(names[i], "\xff\xfe", 2, NULL), 0);
    ASSERT_EQ_INT(read_clean(names[i], "\xfe\xff", 2, NULL), 0);
    ASSERT_EQ_INT(read_clean(names[i], "\xef\xbb\xbf", 3, NULL), 0);
  }
}

int main(void) {
  RUN(test_bom_only);
  RUN(test_invalid_bytes_expand);
  TH_DONE();
}
