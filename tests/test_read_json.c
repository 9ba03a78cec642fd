/* test_read_json.c — the fast paths of `rasd read` give the same bytes as the slow ones: rasd_doc_json() equals
 * jansson's json_dumps() of rasd__doc_json_obj() (escapes, nulls, strings that are not UTF-8 left out) on the
 * examples and on documents full of awkward strings, and the 16-byte UTF-8 check equals a byte-wise one. */
#include <jansson.h>
#include <dirent.h>
#include "harness.h"
#include "rasd.h"
#include "read/read.h"

static char *jansson_json(const rasd_doc *d) {
  json_t *o = rasd__doc_json_obj(d);
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  return s;
}

static void same_json(const rasd_doc *d) {
  char *a = rasd_doc_json(d), *b = jansson_json(d);
  if (a && b && !strcmp(a, b)) th_pass_++;
  else TH_FAILED_("rasd_doc_json == json_dumps: got %.200s, want %.200s", a ? a : "(null)", b ? b : "(null)");
  free(a);
  free(b);
}

static void test_examples(void) {
  const char *dirs[] = {"examples/news", "examples/hostile"};
  size_t docs = 0;
  for (int k = 0; k < 2; k++) {
    rasd_reader *r = rasd_reader_new(NULL);
    rasd_cleaner *c = rasd_cleaner_new();
    rasd_reader_add_path(r, dirs[k]);
    for (;;) {
      rasd_article *a = NULL;
      int rc = rasd_reader_next(r, &a);
      if (rc == RASD_EEOF) break;
      if (rc != RASD_OK) continue;
      rasd_doc *d = NULL;
      if (rasd_clean(c, a, &d) == RASD_OK) {
        same_json(d);
        docs++;
        rasd_doc_free(d);
      }
      rasd_article_free(a);
    }
    rasd_cleaner_free(c);
    rasd_reader_free(r);
  }
  CHECK(docs >= 10);
}

/* Strings with every escape, controls, DEL, 3- and 4-byte characters, and invalid UTF-8 (overlong,
 * surrogate, truncated, > U+10FFFF) in every field. */
static void test_awkward(void) {
  static const char *const vals[] = {
    "قال \"الوزير\" إن\\", "سطر\nسطر\tثم\r\b\f", "\x01\x1f\x7f", "“اقتباس” ‎ ﷺ 😀", "/ مسار/", "",
    "\xc0\xaf", "\xed\xa0\x80", "نص \xd8", "\xf4\x90\x80\x80", "\xe2\x80", "ok", "\xef\xbf\xbd"};
  size_t nv = sizeof vals / sizeof vals[0];
  for (size_t t = 0; t < nv * 3; t++) {
    rasd_doc d;
    memset(&d, 0, sizeof d);
    char *arr[4];
    size_t subs[3] = {0, 2, 11};
    rasd_removed rem[3];
    for (int i = 0; i < 4; i++) arr[i] = (char *)vals[(t + (size_t)i * 5) % nv];
    for (int i = 0; i < 3; i++) {
      rem[i].text = (char *)vals[(t + (size_t)i) % nv];
      rem[i].reason = (char *)(i == 1 ? vals[(t * 7) % nv] : "ui");
    }
    d.id = (char *)vals[t % nv];
    d.path = t % 3 ? (char *)vals[(t + 1) % nv] : NULL;
    d.outlet = (char *)vals[(t + 2) % nv];
    d.url = t % 2 ? NULL : (char *)vals[(t + 3) % nv];
    d.date = (char *)"2015-07-21";
    d.title = (char *)vals[(t + 4) % nv];
    d.byline = (char *)vals[(t + 6) % nv];
    d.dateline = NULL;
    d.publisher_summary = (char *)vals[(t + 8) % nv];
    d.paragraphs = arr;
    d.n_paragraphs = t % 5;
    d.subheads = subs;
    d.n_subheads = t % 4;
    d.captions = arr + 1;
    d.n_captions = t % 4;
    d.credits = arr + 2;
    d.n_credits = t % 3;
    d.agencies = arr;
    d.n_agencies = t % 2;
    d.removed = rem;
    d.n_removed = t % 4;
    d.warnings = arr + 3;
    d.n_warnings = t % 2;
    d.repairs = arr;
    d.n_repairs = (t / 2) % 3;
    same_json(&d);
  }
  same_json(NULL);
}

/* Byte-wise strict UTF-8 check (the reference). */
static int slow_ok(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t k;
    uint32_t v;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xC2 && c <= 0xDF) k = 2, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) k = 3, v = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) k = 4, v = c & 0x07;
    else return 0;
    if (i + k > n) return 0;
    for (size_t j = 1; j < k; j++) {
      if ((s[i + j] & 0xC0) != 0x80) return 0;
      v = (v << 6) | (s[i + j] & 0x3F);
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (k == 3 && v < 0x800) || (k == 4 && v < 0x10000)) return 0;
    i += k;
  }
  return 1;
}

/* Whether two parsed records are the same (result, fields, keys, error). */
static int same_jrec(int ra, const rasd__jrec *a, int rb, const rasd__jrec *b) {
  if (ra != rb || a->top != b->top || a->nkeys != b->nkeys || strcmp(a->keys, b->keys)) return 0;
  if (ra != RASD_OK) return !strcmp(a->err, b->err) && a->err_off == b->err_off;
  for (int f = 0; f < RASD__JF_N; f++) {
    if (a->present[f] != b->present[f] || !a->val[f] != !b->val[f]) return 0;
    if (a->val[f] && (a->len[f] != b->len[f] || a->rank[f] != b->rank[f] || memcmp(a->val[f], b->val[f], a->len[f])))
      return 0;
  }
  return 1;
}

static void test_jrec_fast(void) {
  /* rasd__jrec_parse reads flat objects itself: it gives what yajl gives, on records it takes and on those it
   * leaves to yajl (nested values, \u escapes, odd numbers, errors) */
  static const char *const recs[] = {
      "{\"id\": \"a-1\", \"title\": \"عنوان\", \"content\": \"نص\\n\\\"مقتبس\\\" \\\\ \\/ \\t\\r\\b\\f x\"}",
      "{\"id\": 42, \"date\": \"2015-07-21\", \"body\": \"b\", \"text\": \"t\", \"content\": \"c\", \"x\": null}",
      "  {\"guid\": -7 , \"ok\": true, \"no\": false, \"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5}  \n",
      "{}", " { } ", "{\"id\": 0}", "{\"id\": 01}", "{\"id\": 1.5}", "{\"id\": 1e3}", "{\"id\": -}",
      "{\"id\": \"x\\u0041\\u0000y\"}", "{\"k\\n\": \"v\"}", "{\"id\": \"bad \\q escape\"}",
      "{\"id\": \"raw\ttab\"}", "{\"id\": \"open", "{\"id\": \"x\",}", "{\"id\" \"x\"}", "{\"id\": \"x\"} x",
      "{\"id\": truex}", "{\"id\": nul}", "[1, 2]", "\"s\"", "12", "null", "",
      "{\"source\": {\"name\": \"واس\"}, \"content\": \"c\"}", "{\"content\": [\"a\", \"b\"], \"title\": \"t\"}",
      "{\"title\": \"0123456789abcdef0123456789abcdef\\\"0123456789abcdef\\\\\", \"content\": \"\\n\\n\\n\"}",
      "{\"id\": \"a\", \"id\": \"b\", \"_id\": \"c\"}", "{\"title\": \"\\\"\"}", "{\"title\": \"x\\\"}",
  };
  for (size_t k = 0; k < sizeof recs / sizeof *recs; k++) {
    rasd__jrec a, b;
    size_t n = strlen(recs[k]);
    int ra = rasd__jrec_parse(recs[k], n, &a), rb = rasd__jrec_parse_yajl(recs[k], n, &b);
    if (same_jrec(ra, &a, rb, &b)) th_pass_++;
    else TH_FAILED_("record %zu (%s): fast %d, yajl %d", k, recs[k], ra, rb);
    rasd__jrec_free(&a);
    rasd__jrec_free(&b);
  }
  /* every prefix of a long record with escapes (the 16-byte scan near the end of the text) */
  const char *big = "{\"id\": \"p\", \"content\": \"0123456789\\\"abcdefghij\\\\klmnopqrstuvwxyz0123456789\\nABCDEFGHIJKLMNOP\"}";
  for (size_t n = 0; n <= strlen(big); n++) {
    rasd__jrec a, b;
    int ra = rasd__jrec_parse(big, n, &a), rb = rasd__jrec_parse_yajl(big, n, &b);
    if (same_jrec(ra, &a, rb, &b)) th_pass_++;
    else TH_FAILED_("prefix %zu: fast %d, yajl %d", n, ra, rb);
    rasd__jrec_free(&a);
    rasd__jrec_free(&b);
  }
}

static void test_utf8_blocks(void) {
  const char *base = "وقال الرئيس الروسي فلاديمير بوتين إن “الذخائر” وصلت في 2015/08/11 إلى café ü — نعم.";
  size_t bl = strlen(base);
  unsigned seed = 5;
  unsigned char buf[512];
  size_t agree = 0;
  for (int r = 0; r < 20000; r++) {
    size_t n = 0;
    while (n + bl < sizeof buf - 8 && n < 300) { memcpy(buf + n, base, bl); n += bl; }
    seed = seed * 1103515245u + 12345u;
    size_t off = (seed >> 8) % 40, len = n - off - (seed >> 20) % 40;
    int muts = (int)((seed >> 4) % 3);
    for (int m = 0; m < muts; m++) {
      seed = seed * 1103515245u + 12345u;
      buf[off + (seed >> 8) % len] = (unsigned char)(seed >> 24);
    }
    int want = slow_ok(buf + off, len);
    if (rasd__utf8_ok((const char *)buf + off, len) == want) agree++;
    else TH_FAILED_("rasd__utf8_ok differs from the byte-wise check at round %d", r);
    size_t p = rasd__utf8_simple_prefix((const char *)buf + off, len);
    CHECK(p <= len && (!want || slow_ok(buf + off, p)));
  }
  CHECK(agree == 20000);
}

int main(void) {
  RUN(test_examples);
  RUN(test_awkward);
  RUN(test_utf8_blocks);
  RUN(test_jrec_fast);
  TH_DONE();
}
