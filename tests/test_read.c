/* test_read.c — unit tests of the readers (txt, JSON Lines, JSON arrays, encodings) and the cleaning rules. */
#include <jansson.h>
#include "harness.h"
#include "rasd.h"
#include "read/read.h"

/* Reads every article of one in-memory input; returns the count, errors in '*nerr', the articles in 'out'. */
static size_t read_buf(const char *name, const char *s, size_t n, rasd_article **out, size_t cap, size_t *nerr,
                       const rasd_read_opts *o) {
  rasd_reader *r = rasd_reader_new(o);
  rasd_reader_add_buffer(r, name, s, n);
  size_t k = 0;
  *nerr = 0;
  for (;;) {
    rasd_article *a;
    int rc = rasd_reader_next(r, &a);
    if (rc == RASD_EEOF) break;
    if (rc != RASD_OK) {
      (*nerr)++;
      fprintf(stderr, "  (expected?) %s\n", rasd_reader_errmsg(r));
      continue;
    }
    if (k < cap) out[k++] = a;
    else rasd_article_free(a);
  }
  rasd_reader_free(r);
  return k;
}

static rasd_doc *clean_text(rasd_cleaner *c, const char *text, const char *title, const char *outlet) {
  rasd_article a;
  memset(&a, 0, sizeof a);
  a.id = (char *)"t";
  a.text = (char *)text;
  a.text_len = strlen(text);
  a.title = (char *)title;
  a.outlet = (char *)outlet;
  rasd_doc *d = NULL;
  rasd_clean(c, &a, &d);
  return d;
}

static int has_removed(const rasd_doc *d, const char *text, const char *reason) {
  for (size_t i = 0; i < d->n_removed; i++)
    if (!strcmp(d->removed[i].text, text) && !strcmp(d->removed[i].reason, reason)) return 1;
  return 0;
}

static void test_txt_title_and_id(void) {
  const char *s = "كيم يصل إلى روسيا في زيارة نادرة\n\nوصل الزعيم الكوري الشمالي إلى فلاديفوستوك صباح الثلاثاء.\n";
  rasd_article *a[4];
  size_t ne;
  size_t n = read_buf("dir/kim-visit.txt", s, strlen(s), a, 4, &ne, NULL);
  ASSERT_EQ_INT(n, 1);
  ASSERT_EQ_INT(ne, 0);
  if (n < 1) return;
  ASSERT_EQ_STR(a[0]->id, "kim-visit");
  ASSERT_EQ_STR(a[0]->title, "كيم يصل إلى روسيا في زيارة نادرة");
  ASSERT_STR_CONTAINS(a[0]->text, "وصل الزعيم");
  CHECK(strstr(a[0]->text, "زيارة نادرة") == NULL);
  rasd_article_free(a[0]);
  /* a first line ending with a full stop, or with a function word, is not a title */
  const char *s2 = "قال مسؤولون أمريكيون، إن\nروسيا تسعى لشراء ذخيرة.\n";
  n = read_buf("b.txt", s2, strlen(s2), a, 4, &ne, NULL);
  ASSERT_EQ_INT(n, 1);
  if (n) {
    CHECK(a[0]->title == NULL);
    rasd_article_free(a[0]);
  }
}

static void test_jsonl_aliases_and_errors(void) {
  const char *s =
      "{\"id\":\"a1\",\"headline\":\"عنوان\",\"body\":\"نص الخبر الأول.\",\"published\":\"2023-09-11T08:30:00Z\","
      "\"outlet\":\"الشرق\",\"link\":\"http://x/1\"}\n"
      "\n"
      "{\"title\":\"بلا نص\"}\n"
      "{not json\n"
      "[1,2]\n"
      "{\"text\":\"نص ثان.\",\"date\":\"Tue, 12 Sep 2023 10:00:00 +0300\",\"source\":\"sabq\"}\n"
      "{\"content\":\"   \"}\n";
  rasd_article *a[8];
  size_t ne;
  size_t n = read_buf("x.jsonl", s, strlen(s), a, 8, &ne, NULL);
  ASSERT_EQ_INT(n, 2);
  ASSERT_EQ_INT(ne, 4);
  if (n < 2) return;
  ASSERT_EQ_STR(a[0]->id, "a1");
  ASSERT_EQ_STR(a[0]->title, "عنوان");
  ASSERT_EQ_STR(a[0]->text, "نص الخبر الأول.");
  ASSERT_EQ_STR(a[0]->date, "2023-09-11T08:30:00");
  ASSERT_EQ_STR(a[0]->outlet, "الشرق");
  ASSERT_EQ_STR(a[0]->url, "http://x/1");
  ASSERT_EQ_INT(a[0]->line, 1);
  ASSERT_EQ_STR(a[1]->date, "2023-09-12");
  ASSERT_EQ_STR(a[1]->outlet, "sabq");
  ASSERT_EQ_INT(a[1]->line, 6);
  ASSERT_EQ_STR(a[1]->id, "x:6"); /* file stem and line number */
  rasd_article_free(a[0]);
  rasd_article_free(a[1]);
}

static void test_error_messages_name_line(void) {
  const char *s = "{\"content\":\"أ.\"}\n{\"content\": tru}\n";
  rasd_reader *r = rasd_reader_new(NULL);
  rasd_reader_add_buffer(r, "feed.jsonl", s, strlen(s));
  rasd_article *a;
  ASSERT_EQ_INT(rasd_reader_next(r, &a), RASD_OK);
  rasd_article_free(a);
  ASSERT_EQ_INT(rasd_reader_next(r, &a), RASD_EFORMAT);
  ASSERT_STR_CONTAINS(rasd_reader_errmsg(r), "feed.jsonl:2:");
  ASSERT_STR_CONTAINS(rasd_reader_errmsg(r), "malformed JSON");
  ASSERT_EQ_INT(rasd_reader_next(r, &a), RASD_EEOF);
  ASSERT_EQ_INT(rasd_reader_nerrors(r), 1);
  rasd_reader_free(r);
}

static void test_json_array_streamed(void) {
  /* strings with escaped quotes, backslashes and brackets must not confuse element boundaries */
  const char *s = "[\n {\"source\":\"was\",\"url\":\"u1\",\"date_extracted\":\"2015-07-21 02:51:32\",\"title\":\"t1\","
                  "\"author\":\"الرياض - واس\",\"content\":\"قال \\\"المتحدث\\\" [إن] {الأمر} \\\\ انتهى.\"},\n"
                  " {\"source\":\"okaz\",\"content\":\"\"},\n"
                  " 42,\n"
                  " {\"source\":\"okaz\",\"content\":\"نص ثالث.\"}\n]\n";
  rasd_article *a[8];
  size_t ne;
  size_t n = read_buf("2015-07-21.json", s, strlen(s), a, 8, &ne, NULL);
  ASSERT_EQ_INT(n, 2);
  ASSERT_EQ_INT(ne, 2);
  if (n < 2) return;
  ASSERT_EQ_STR(a[0]->text, "قال \"المتحدث\" [إن] {الأمر} \\ انتهى.");
  ASSERT_EQ_STR(a[0]->date, "2015-07-21T02:51:32");
  ASSERT_EQ_STR(a[0]->byline, "الرياض - واس");
  ASSERT_EQ_STR(a[0]->id, "2015-07-21:1");
  ASSERT_EQ_STR(a[1]->id, "2015-07-21:4");
  ASSERT_EQ_INT(a[1]->line, 5);
  rasd_article_free(a[0]);
  rasd_article_free(a[1]);
  /* a stray closing bracket is one malformed element, not an endless loop (found by fuzz_jsonl) */
  const char *stray = "[}, {\"content\":\"نص.\"}]";
  n = read_buf("s.json", stray, strlen(stray), a, 8, &ne, NULL);
  ASSERT_EQ_INT(n, 1);
  ASSERT_EQ_INT(ne, 1);
  if (n) rasd_article_free(a[0]);
  /* truncated array: an error, the complete elements still come */
  const char *t = "[{\"content\":\"أ.\"},{\"content\":\"ب";
  n = read_buf("t.json", t, strlen(t), a, 8, &ne, NULL);
  ASSERT_EQ_INT(n, 1);
  ASSERT_EQ_INT(ne, 1);
  if (n) rasd_article_free(a[0]);
}

static void test_encodings(void) {
  rasd_article *a[2];
  size_t ne;
  /* invalid UTF-8 → U+FFFD + warning; NUL dropped + warning */
  const char bad[] = "نص \xff\xfe خاطئ\0 هنا.";
  size_t n = read_buf("bad.txt", bad, sizeof bad - 1, a, 2, &ne, NULL);
  ASSERT_EQ_INT(n, 1);
  if (n) {
    ASSERT_STR_CONTAINS(a[0]->text, "\xEF\xBF\xBD");
    CHECK(rasd__utf8_valid(a[0]->text, a[0]->text_len));
    CHECK(memchr(a[0]->text, 0, a[0]->text_len) == NULL);
    ASSERT_EQ_INT(a[0]->n_warnings, 2);
    if (a[0]->n_warnings == 2) {
      ASSERT_STR_CONTAINS(a[0]->warnings[0], "invalid UTF-8: 2 bytes");
      ASSERT_STR_CONTAINS(a[0]->warnings[1], "NUL");
    }
    rasd_article_free(a[0]);
  }
  /* Windows-1256 ("قال الوزير إن الاجتماع انتهى.", one warning saying so), UTF-16LE with BOM, UTF-8 BOM stripped */
  static const struct { const char *name, *in; size_t len; const char *want; int warnings; } enc[] = {
    {"cp.txt", "\xde\xc7\xe1 \xc7\xe1\xe6\xd2\xed\xd1 \xc5\xe4 \xc7\xe1\xc7\xcc\xca\xe3\xc7\xda \xc7\xe4\xca\xe5\xec.", 29,
     "قال الوزير إن الاجتماع انتهى.", 1},
    {"u16.txt", "\xff\xfe\x42\x06\x27\x06\x44\x06\x2e\x00", 10, "قال.", -1},
    {"bom.txt", "\xef\xbb\xbfنص.", 3 + sizeof "نص." - 1, "نص.", -1},
  };
  for (size_t k = 0; k < sizeof enc / sizeof enc[0]; k++) {
    n = read_buf(enc[k].name, enc[k].in, enc[k].len, a, 2, &ne, NULL);
    ASSERT_EQ_INT(n, 1);
    if (!n) continue;
    ASSERT_EQ_STR(a[0]->text, enc[k].want);
    if (enc[k].warnings >= 0) ASSERT_EQ_INT(a[0]->n_warnings, enc[k].warnings);
    rasd_article_free(a[0]);
  }
  /* binary and empty: errors, no article */
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  n = read_buf("x.txt", png, sizeof png - 1, a, 2, &ne, NULL);
  ASSERT_EQ_INT(n, 0);
  ASSERT_EQ_INT(ne, 1);
  n = read_buf("e.txt", "", 0, a, 2, &ne, NULL);
  ASSERT_EQ_INT(n, 0);
  ASSERT_EQ_INT(ne, 1);
}

static void test_options(void) {
  rasd_read_opts o = {.date = "2023-09-13", .outlet = "asharq"};
  rasd_article *a[2];
  size_t ne;
  const char *s = "{\"content\":\"نص.\"}\n{\"content\":\"نص.\",\"date\":\"2023-09-11\",\"source\":\"sabq\"}\n";
  size_t n = read_buf("o.jsonl", s, strlen(s), a, 2, &ne, &o);
  ASSERT_EQ_INT(n, 2);
  if (n < 2) return;
  ASSERT_EQ_STR(a[0]->date, "2023-09-13");
  ASSERT_EQ_STR(a[0]->outlet, "asharq");
  ASSERT_EQ_STR(a[1]->date, "2023-09-11");
  ASSERT_EQ_STR(a[1]->outlet, "sabq");
  rasd_article_free(a[0]);
  rasd_article_free(a[1]);
}

static void test_dates(void) {
  char d[11];
  CHECK(rasd__parse_date("2015-07-21 02:51:32", 19, d) && !strcmp(d, "2015-07-21"));
  CHECK(rasd__parse_date("Tue, 21 Jul 2015 02:51:32 +0300", 31, d) && !strcmp(d, "2015-07-21"));
  const char *ar = "الجمعة 13 أيلول/سبتمبر 2024";
  CHECK(rasd__line_is_date(ar, strlen(ar), d) && !strcmp(d, "2024-09-13"));
  const char *ar2 = "١٣ سبتمبر ٢٠٢٤";
  CHECK(rasd__line_is_date(ar2, strlen(ar2), d) && !strcmp(d, "2024-09-13"));
  const char *kanun = "5 كانون الثاني 2020";
  CHECK(rasd__line_is_date(kanun, strlen(kanun), d) && !strcmp(d, "2020-01-05"));
  /* a sentence that contains a date is not a date line */
  const char *sent = "التقى الرئيسان في 14 أكتوبر 2024 في موسكو";
  CHECK(!rasd__line_is_date(sent, strlen(sent), d));
  CHECK(!rasd__parse_date("31 فبراير 2024", strlen("31 فبراير 2024"), d));
}

static void test_clean_ui_caption_credit_summary(void) {
  rasd_cleaner *c = rasd_cleaner_new();
  const char *t =
      "14 أكتوبر 2024\n"
      "صورة للقاء الوزيرين في الرياض، 12 سبتمبر 2024 (أرشيفية)\n"
      "+ الخط -\n"
      "استمع إلى الملخص\n"
      "اظهر الملخص\n"
      "- التقى وزير الخارجية نظيره الروسي في الرياض لبحث الملفات الإقليمية.\n"
      "- اتفق الطرفان على مواصلة التشاور.\n"
      "\n"
      "التقى وزير الخارجية السعودي اليوم نظيره الروسي في الرياض، وبحث الجانبان الملفات الإقليمية.\n"
      "\n"
      "وقال الوزير إن المحادثات كانت بناءة ومثمرة للغاية.\n"
      "شارك\n"
      "(رويترز، أ ف ب، الشرق)\n";
  rasd_doc *d = clean_text(c, t, NULL, NULL);
  CHECK(d != NULL);
  if (!d) {
    rasd_cleaner_free(c);
    return;
  }
  ASSERT_EQ_STR(d->date, "2024-10-14");
  ASSERT_EQ_STR(d->dateline, "14 أكتوبر 2024");
  ASSERT_EQ_INT(d->n_captions, 1);
  ASSERT_EQ_INT(d->n_paragraphs, 2);
  CHECK(has_removed(d, "+ الخط -", "ui"));
  CHECK(has_removed(d, "اظهر الملخص", "ui"));
  CHECK(has_removed(d, "شارك", "ui"));
  ASSERT_STR_CONTAINS(d->publisher_summary, "اتفق الطرفان");
  ASSERT_EQ_INT(d->n_credits, 1);
  ASSERT_EQ_INT(d->n_agencies, 2);
  if (d->n_agencies == 2) {
    ASSERT_EQ_STR(d->agencies[0], "Reuters");
    ASSERT_EQ_STR(d->agencies[1], "AFP");
  }
  /* text is the paragraphs joined by newlines */
  ASSERT_EQ_INT(d->text_len, strlen(d->paragraphs[0]) + 1 + strlen(d->paragraphs[1]));
  char *js = rasd_doc_json(d);
  ASSERT_STR_CONTAINS(js, "\"reason\":\"caption\"");
  ASSERT_STR_CONTAINS(js, "\"publisher_summary\":\"التقى وزير");
  rasd_free(js);
  rasd_doc_free(d);
  rasd_cleaner_free(c);
}

static void test_clean_byline_dateline(void) {
  rasd_cleaner *c = rasd_cleaner_new();
  rasd_doc *d = clean_text(c, "نايف عبدالله – عين اليوم\nتسببت مزحة غريبة لمبتعث سعودي في اعتقاله من قبل السلطات.\n",
                           NULL, NULL);
  if (d) {
    ASSERT_EQ_STR(d->byline, "نايف عبدالله – عين اليوم");
    ASSERT_EQ_INT(d->n_paragraphs, 1);
    rasd_doc_free(d);
  } else CHECK(0);
  d = clean_text(c, "الرياض - واس: أعلنت وزارة الصحة اليوم تسجيل حالات جديدة.\n", NULL, NULL);
  if (d) {
    ASSERT_EQ_STR(d->dateline, "الرياض - واس");
    ASSERT_EQ_STR(d->paragraphs[0], "أعلنت وزارة الصحة اليوم تسجيل حالات جديدة.");
    ASSERT_EQ_INT(d->n_agencies, 1);
    if (d->n_agencies) ASSERT_EQ_STR(d->agencies[0], "SPA");
    rasd_doc_free(d);
  } else CHECK(0);
  /* a sentence with a dash is not a dateline */
  d = clean_text(c, "قال الوزير - في تصريح صحفي مطول اليوم - إن الاتفاق قريب جدا من التوقيع.\n", NULL, NULL);
  if (d) {
    CHECK(d->dateline == NULL);
    ASSERT_STR_CONTAINS(d->paragraphs[0], "قال الوزير");
    rasd_doc_free(d);
  } else CHECK(0);
  rasd_cleaner_free(c);
}

static void test_clean_subheads_and_broken_lines(void) {
  rasd_cleaner *c = rasd_cleaner_new();
  const char *t = "قال مسؤولون أمريكيون، إن\n"
                  "روسيا تسعى لشراء ذخيرة من\n"
                  "كوريا الشمالية لإعادة ملء مخازنها.\n"
                  "وأضاف المسؤولون أن القمة قد تعقد قريبا.\n"
                  "هل سيتم اللقاء؟\n"
                  "سيكون اللقاء المرتقب أول قمة بين الزعيمين منذ سنوات.\n"
                  "توريد الأسلحة\n"
                  "ورجحت بلومبرغ أن تطيل الأسلحة أمد الحرب.\n";
  rasd_doc *d = clean_text(c, t, NULL, NULL);
  if (!d) {
    CHECK(0);
    rasd_cleaner_free(c);
    return;
  }
  ASSERT_EQ_INT(d->n_paragraphs, 6);
  ASSERT_EQ_STR(d->paragraphs[0], "قال مسؤولون أمريكيون، إن روسيا تسعى لشراء ذخيرة من كوريا الشمالية لإعادة ملء مخازنها.");
  ASSERT_EQ_INT(d->n_subheads, 2);
  if (d->n_subheads == 2) {
    ASSERT_EQ_STR(d->paragraphs[d->subheads[0]], "هل سيتم اللقاء؟");
    ASSERT_EQ_STR(d->paragraphs[d->subheads[1]], "توريد الأسلحة");
  }
  ASSERT_EQ_INT(d->n_repairs, 1);
  rasd_doc_free(d);
  rasd_cleaner_free(c);
}

static void test_clean_runon_and_invisibles(void) {
  rasd_cleaner *c = rasd_cleaner_new();
  /* ZWNJ, LRM, NBSP and a BOM inside the text; a run-together sentence boundary */
  const char *t = "في بيان موجزوقال الكرملين\xe2\x80\x8c إن\xc2\xa0السيد\xe2\x80\x8e كيم\xef\xbb\xbf سيزور روسيا.\n"
                  "وقال المتحدث إن الموعد لم يحدد. وتابع أن المحادثات مستمرة في الجنوبيين.\n";
  rasd_doc *d = clean_text(c, t, NULL, NULL);
  if (!d) {
    CHECK(0);
    rasd_cleaner_free(c);
    return;
  }
  ASSERT_EQ_STR(d->paragraphs[0], "في بيان موجز وقال الكرملين إن السيد كيم سيزور روسيا.");
  /* real words are not split: "الجنوبيين" contains "وبي" but no opener at its end */
  ASSERT_STR_CONTAINS(d->paragraphs[1], "الجنوبيين");
  ASSERT_EQ_INT(d->n_repairs, 1);
  rasd_doc_free(d);
  rasd_cleaner_free(c);
}

static void test_clean_boilerplate_per_outlet(void) {
  rasd_cleaner *c = rasd_cleaner_new();
  const char *tail = "للتواصل أرسل رسالة إلى 88548";
  char buf[512];
  int removed_at[5] = {0};
  for (int i = 0; i < 5; i++) {
    snprintf(buf, sizeof buf, "خبر رقم %d عن افتتاح مشروع جديد في المدينة اليوم.\n%s\n", i, tail);
    rasd_doc *d = clean_text(c, buf, NULL, "okaz");
    if (!d) continue;
    removed_at[i] = has_removed(d, tail, "boilerplate");
    rasd_doc_free(d);
  }
  /* the line is boilerplate from its third article on, and only for that outlet */
  CHECK(!removed_at[0] && !removed_at[1] && removed_at[2] && removed_at[3] && removed_at[4]);
  snprintf(buf, sizeof buf, "خبر آخر عن مشروع جديد في المدينة اليوم.\n%s\n", tail);
  rasd_doc *d = clean_text(c, buf, NULL, "sabq");
  if (d) {
    CHECK(!has_removed(d, tail, "boilerplate"));
    rasd_doc_free(d);
  }
  rasd_cleaner_free(c);
}

/* The outlet's tag list run onto the last paragraph (… بحسب المدرب. سمات الأهلي جنوى) is a paragraph of its own; a
 * word سمات inside a sentence is text. */
static void test_clean_tags(void) {
  rasd_cleaner *c = rasd_cleaner_new();
  rasd_doc *d = clean_text(c, "أعلن النادي تعاقده مع المدافع اليوناني لمدة ثلاث سنوات.\n"
                              "وتتميز سمات اللاعب بالسرعة والقوة في الالتحام، بحسب المدرب. سمات الأهلي جنوى الدوري السعودي\n",
                           NULL, "3alyoum");
  CHECK(d != NULL);
  CHECK(d && strstr(d->text, "بحسب المدرب.\nسمات الأهلي جنوى الدوري السعودي"));
  CHECK(d && strstr(d->text, "وتتميز سمات اللاعب بالسرعة"));
  CHECK(d && d->n_paragraphs == 3);
  rasd_doc_free(d);
  rasd_cleaner_free(c);
}

static void test_clean_empty(void) {
  rasd_cleaner *c = rasd_cleaner_new();
  rasd_article a;
  memset(&a, 0, sizeof a);
  a.text = (char *)"\xc2\xa0\xc2\xa0 \n+ الخط -\n";
  a.text_len = strlen(a.text);
  rasd_doc *d = (rasd_doc *)1;
  ASSERT_EQ_INT(rasd_clean(c, &a, &d), RASD_EINPUT);
  CHECK(d == NULL);
  rasd_cleaner_free(c);
}

static void test_agencies(void) {
  ASSERT_EQ_STR(rasd__agency_canon("فرانس برس", strlen("فرانس برس")), "AFP");
  ASSERT_EQ_STR(rasd__agency_canon("أ. ف. ب", strlen("أ. ف. ب")), "AFP");
  ASSERT_EQ_STR(rasd__agency_canon("واس", strlen("واس")), "SPA");
  ASSERT_EQ_STR(rasd__agency_canon("وكالة الأناضول", strlen("وكالة الأناضول")), "Anadolu");
  ASSERT_EQ_STR(rasd__agency_canon("د ب أ", strlen("د ب أ")), "DPA");
  ASSERT_EQ_STR(rasd__agency_canon("كونا", strlen("كونا")), "KUNA");
  CHECK(rasd__agency_canon("العربي الجديد", strlen("العربي الجديد")) == NULL);
}


static void test_rss_atom(void) {
  const char *rss =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>نور نيوز - آخر الأخبار</title>\n"
      "<item><title>عنوان أول</title><link>https://n.example/1</link><guid>g1</guid>"
      "<pubDate>Thu, 24 Apr 2025 16:20:00 +0300</pubDate>"
      "<description><![CDATA[<p>الفقرة الأولى من الخبر.</p><p>الفقرة الثانية.</p>]]></description></item>\n"
      "<item><title>بلا نص</title></item>\n"
      "<item><title>ثالث</title><description>نص عادي بلا وسوم.</description></item>\n"
      "</channel></rss>\n";
  rasd_article *a[4];
  size_t ne;
  size_t n = read_buf("nour.xml", rss, strlen(rss), a, 4, &ne, NULL);
  ASSERT_EQ_INT(n, 2);
  ASSERT_EQ_INT(ne, 0);
  if (n == 2) {
    ASSERT_EQ_STR(a[0]->id, "g1");
    ASSERT_EQ_STR(a[0]->outlet, "نور نيوز");
    ASSERT_EQ_STR(a[0]->date, "2025-04-24");
    ASSERT_EQ_STR(a[0]->url, "https://n.example/1");
    ASSERT_STR_CONTAINS(a[0]->text, "الفقرة الأولى من الخبر.\nالفقرة الثانية.");
    ASSERT_EQ_STR(a[1]->id, "nour:3");
    ASSERT_EQ_INT(a[0]->n_warnings, 1); /* the item without text is reported */
  }
  for (size_t i = 0; i < n; i++) rasd_article_free(a[i]);
  const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>صدى</title>"
                     "<entry><id>urn:1</id><title>خبر</title><link rel=\"alternate\" href=\"https://s.example/1\"/>"
                     "<published>2023-09-11T08:00:00Z</published><content type=\"html\">&lt;p&gt;نص الخبر.&lt;/p&gt;"
                     "</content><author><name>كاتب</name></author></entry></feed>";
  n = read_buf("s.atom", atom, strlen(atom), a, 4, &ne, NULL);
  ASSERT_EQ_INT(n, 1);
  if (n) {
    ASSERT_EQ_STR(a[0]->id, "urn:1");
    ASSERT_EQ_STR(a[0]->url, "https://s.example/1");
    ASSERT_EQ_STR(a[0]->date, "2023-09-11T08:00:00");
    ASSERT_EQ_STR(a[0]->byline, "كاتب");
    ASSERT_STR_CONTAINS(a[0]->text, "نص الخبر.");
    rasd_article_free(a[0]);
  }
  /* entity declarations are refused (no billion laughs) */
  const char *bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                     "<rss><channel><item><description>&b;</description></item></channel></rss>";
  n = read_buf("bomb.rss", bomb, strlen(bomb), a, 4, &ne, NULL);
  ASSERT_EQ_INT(n, 0);
  ASSERT_EQ_INT(ne, 1);
}

static void test_html_main_text(void) {
  const char *h =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>عنوان | الموقع</title>"
      "<meta property=\"og:title\" content=\"عنوان الخبر\"><meta property=\"og:site_name\" content=\"الموقع\">"
      "<meta property=\"article:published_time\" content=\"2025-04-23T19:05:00+03:00\">"
      "<script>var x = 'لا تظهر';</script><style>p{}</style></head><body>"
      "<nav><a href=\"/\">الرئيسية</a> <a href=\"/a\">محليات</a></nav>"
      "<div class=\"content\"><h1>عنوان الخبر</h1>"
      "<p>وقعت المملكة وكوريا الجنوبية اليوم مذكرات تفاهم في قطاعات الطاقة والصناعة والتقنية.</p>"
      "<figure><img src=\"x.jpg\"><figcaption>جانب من المنتدى في الرياض</figcaption></figure>"
      "<p>وقال الوزير إن العلاقات بين البلدين تدخل مرحلة جديدة من التعاون الصناعي.</p>"
      "<div class=\"share-bar\">شارك: <a href=\"#\">تويتر</a></div></div>"
      "<aside><h3>الأكثر قراءة</h3><ul><li><a href=\"/1\">خبر آخر تماما عن موضوع مختلف كليا</a></li></ul></aside>"
      "<footer><p>جميع الحقوق محفوظة © 2025</p></footer></body></html>";
  rasd_article *a[2];
  size_t ne;
  size_t n = read_buf("site/page.html", h, strlen(h), a, 2, &ne, NULL);
  ASSERT_EQ_INT(n, 1);
  if (!n) return;
  ASSERT_EQ_STR(a[0]->id, "page");
  ASSERT_EQ_STR(a[0]->title, "عنوان الخبر");
  ASSERT_EQ_STR(a[0]->outlet, "الموقع");
  ASSERT_EQ_STR(a[0]->date, "2025-04-23T19:05:00");
  ASSERT_STR_CONTAINS(a[0]->text, "وقعت المملكة");
  ASSERT_STR_CONTAINS(a[0]->text, "وقال الوزير");
  CHECK(strstr(a[0]->text, "لا تظهر") == NULL);
  CHECK(strstr(a[0]->text, "الأكثر قراءة") == NULL);
  CHECK(strstr(a[0]->text, "جميع الحقوق") == NULL);
  CHECK(strstr(a[0]->text, "شارك") == NULL);
  CHECK(strstr(a[0]->text, "الرئيسية") == NULL);
  CHECK(strstr(a[0]->text, "جانب من المنتدى") == NULL);
  ASSERT_EQ_INT(a[0]->n_captions, 1);
  rasd_cleaner *c = rasd_cleaner_new();
  rasd_doc *d = NULL;
  rasd_clean(c, a[0], &d);
  if (d) {
    ASSERT_EQ_INT(d->n_captions, 1);
    ASSERT_EQ_INT(d->n_paragraphs, 2);
    rasd_doc_free(d);
  } else CHECK(0);
  rasd_cleaner_free(c);
  rasd_article_free(a[0]);
}


static void test_clean_verse_and_headings(void) {
  rasd_cleaner *c = rasd_cleaner_new();
  /* verse: consecutive short lines are neither subheads nor broken sentences */
  const char *t = "قال الشاعر في قصيدته الجديدة التي ألقاها في الأمسية الثقافية مساء أمس.\n"
                  "ووادي الفقي زين البساتين ونخيل\n"
                  "والوالدة فضله على الكل ضافي\n"
                  "وختم الشاعر أمسيته بقصيدة وطنية لاقت استحسان الحضور الكبير.\n";
  rasd_doc *d = clean_text(c, t, NULL, NULL);
  if (d) {
    ASSERT_EQ_INT(d->n_paragraphs, 4);
    ASSERT_EQ_INT(d->n_subheads, 0);
    ASSERT_EQ_INT(d->n_repairs, 0);
    rasd_doc_free(d);
  } else CHECK(0);
  /* a caption-like heading at the top is not glued to the first paragraph */
  d = clean_text(c, "الرئيس الفلسطيني محمود عباس\nصرح الرئيس الفلسطيني محمود عباس بأن الوضع لا يحتمل.\n", NULL, NULL);
  if (d) {
    ASSERT_EQ_INT(d->n_paragraphs, 2);
    rasd_doc_free(d);
  } else CHECK(0);
  /* a dateline with a Hijri date, the Gregorian date and the agency */
  d = clean_text(c, "تبوك 21 شوال 1436 هـ الموافق 06 اغسطس 2015 م واس\nتبدأ جامعة تبوك الأحد القادم التسجيل.\n", NULL, NULL);
  if (d) {
    ASSERT_EQ_STR(d->date, "2015-08-06");
    ASSERT_EQ_INT(d->n_paragraphs, 1);
    rasd_doc_free(d);
  } else CHECK(0);
  /* an article written as a bullet list is not a publisher summary */
  d = clean_text(c, "- الأولى: لا يجرؤ أعداء الشجرة العظيمة على الاقتراب منها أبدا.\n"
                    "- الثانية: الناس أعداء ما جهلوا في كل زمان ومكان.\n"
                    "- الثالثة: أشد الناس عداوة لك هو من يروي عنك ما لم تقل.\n", NULL, NULL);
  if (d) {
    CHECK(d->publisher_summary == NULL);
    ASSERT_EQ_INT(d->n_paragraphs, 3);
    rasd_doc_free(d);
  } else CHECK(0);
  rasd_cleaner_free(c);
}

int main(void) {
  RUN(test_txt_title_and_id);
  RUN(test_jsonl_aliases_and_errors);
  RUN(test_error_messages_name_line);
  RUN(test_json_array_streamed);
  RUN(test_encodings);
  RUN(test_options);
  RUN(test_dates);
  RUN(test_clean_ui_caption_credit_summary);
  RUN(test_clean_byline_dateline);
  RUN(test_clean_subheads_and_broken_lines);
  RUN(test_clean_runon_and_invisibles);
  RUN(test_clean_boilerplate_per_outlet);
  RUN(test_clean_tags);
  RUN(test_clean_empty);
  RUN(test_agencies);
  RUN(test_clean_verse_and_headings);
  RUN(test_rss_atom);
  RUN(test_html_main_text);
  TH_DONE();
}
