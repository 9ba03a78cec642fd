/* test_story.c — unit tests of the story stage: near-duplicates, clustering, incremental = batch, save/load, views, output. */
#include <jansson.h>
#include <unistd.h>
#include "harness.h"
#include "story_doc.h"
#include "rasd.h"
#include "util/util.h"
#include "story/story_int.h"

/* Articles written for these tests: three outlets on one factory fire in Jeddah, two on a Riyadh
 * football match, one on rain in Abha, and a wire copy of the first fire report. */
typedef struct art { const char *id, *date, *outlet, *title, *text; } art;
static const art ARTS[] = {
    {"fire-1", "2015-08-01", "okaz", "حريق ضخم في مصنع للبلاستيك بالمنطقة الصناعية في جدة",
     "اندلع حريق ضخم فجر اليوم في مصنع للبلاستيك بالمنطقة الصناعية الثالثة في جدة، وهرعت فرق الدفاع المدني إلى الموقع. "
     "وقال المتحدث باسم الدفاع المدني العقيد سعيد سرحان إن الحريق أدى إلى إصابة 12 عاملا بحالات اختناق نقلوا إلى مستشفى الملك فهد. "
     "وأضاف أن فرق الإطفاء سيطرت على النيران بعد أربع ساعات من العمل المتواصل، وأن لجنة فنية بدأت التحقيق في أسباب الحريق. "
     "وأشار إلى أن المصنع كان يضم مخزونا كبيرا من المواد الخام القابلة للاشتعال."},
    {"fire-2", "2015-08-01", "sabq", "إصابة 12 عاملا في حريق مصنع بلاستيك بجدة",
     "أصيب 12 عاملا بحالات اختناق إثر حريق اندلع في مصنع للبلاستيك في المنطقة الصناعية الثالثة بجدة فجر اليوم. "
     "وأوضح العقيد سعيد سرحان المتحدث باسم الدفاع المدني أن فرق الإطفاء تمكنت من السيطرة على الحريق ومنع امتداده إلى المصانع المجاورة. "
     "ونقل المصابون إلى مستشفى الملك فهد حيث وصفت حالاتهم بالمستقرة. وبدأت لجنة فنية التحقيق في أسباب الحريق في المصنع."},
    {"fire-3", "2015-08-02", "alriyadh", "لجنة تحقق في أسباب حريق مصنع البلاستيك بجدة",
     "بدأت لجنة فنية من الدفاع المدني التحقيق في أسباب الحريق الذي اندلع أمس في مصنع للبلاستيك بالمنطقة الصناعية في جدة. "
     "وكان الحريق قد أسفر عن إصابة 12 عاملا بحالات اختناق نقلوا إلى مستشفى الملك فهد. "
     "وقال العقيد سعيد سرحان إن المصنع كان يضم مواد خام قابلة للاشتعال وإن فرق الإطفاء سيطرت على النيران بعد أربع ساعات."},
    {"match-1", "2015-08-01", "okaz", "الهلال يفوز على النصر بثلاثة أهداف في الرياض",
     "حقق فريق الهلال فوزا كبيرا على ضيفه النصر بثلاثة أهداف مقابل هدف في المباراة التي جمعتهما مساء اليوم على ملعب الملك فهد الدولي بالرياض. "
     "وسجل أهداف الهلال المهاجم ناصر الشمراني هدفين واللاعب سالم الدوسري هدفا، فيما أحرز محمد السهلاوي هدف النصر الوحيد. "
     "ورفع الهلال رصيده إلى تسع نقاط في صدارة الدوري بعد ثلاث جولات."},
    {"match-2", "2015-08-01", "alyaum", "ثلاثية زرقاء في شباك النصر",
     "فاز الهلال على النصر بثلاثة أهداف مقابل هدف في ديربي الرياض على ملعب الملك فهد الدولي. "
     "وأحرز ناصر الشمراني هدفين للهلال وأضاف سالم الدوسري الهدف الثالث، بينما سجل محمد السهلاوي هدف النصر. "
     "وبهذا الفوز يتصدر الهلال الدوري برصيد تسع نقاط."},
    {"rain-1", "2015-08-02", "alwatan", "أمطار غزيرة على أبها ومرتفعات عسير",
     "شهدت مدينة أبها ومرتفعات منطقة عسير هطول أمطار غزيرة مصحوبة بزخات من البرد، وجرت السيول في عدد من الأودية. "
     "ودعت الرئاسة العامة للأرصاد وحماية البيئة المتنزهين إلى الابتعاد عن مجاري السيول وأخذ الحيطة والحذر."},
    {"fire-1-copy", "2015-08-01", "alweeam", "حريق في مصنع بلاستيك بجدة",
     "اندلع حريق ضخم فجر اليوم في مصنع للبلاستيك بالمنطقة الصناعية الثالثة في جدة، وهرعت فرق الدفاع المدني إلى الموقع. "
     "وقال المتحدث باسم الدفاع المدني العقيد سعيد سرحان إن الحريق أدى إلى إصابة 12 عاملا بحالات اختناق نقلوا إلى مستشفى الملك فهد. "
     "وأضاف أن فرق الإطفاء سيطرت على النيران بعد أربع ساعات من العمل المتواصل، وأن لجنة فنية بدأت التحقيق في أسباب الحريق. "
     "وأشار إلى أن المصنع كان يضم مخزونا كبيرا من المواد القابلة للاشتعال."},
};
#define NARTS (sizeof ARTS / sizeof ARTS[0])

/* Reads and cleans buffer 's' named 'name' through the public reader, as the CLI does. */
static rasd_doc *doc_of_buf(const char *name, const char *s, size_t len) {
  rasd_reader *r = rasd_reader_new(NULL);
  rasd_cleaner *c = rasd_cleaner_new();
  rasd_article *ra = NULL;
  rasd_doc *d = NULL;
  rasd_reader_add_buffer(r, name, s, len);
  if (rasd_reader_next(r, &ra) == RASD_OK && rasd_clean(c, ra, &d) != RASD_OK) d = NULL;
  rasd_article_free(ra);
  rasd_reader_free(r);
  rasd_cleaner_free(c);
  return d;
}

/* Reads and cleans article 'a' (as one JSON line) through the public reader. */
static rasd_doc *doc_of(const art *a) { return story_doc(a->id, a->date, a->outlet, a->title, a->text); }

static rasd_corpus *corpus_of(const size_t *order, size_t n, const rasd_corpus_opts *o) {
  rasd_corpus *c = rasd_corpus_new(NULL, o);
  for (size_t i = 0; i < n; i++) {
    rasd_doc *d = doc_of(&ARTS[order[i]]);
    CHECK(d != NULL);
    if (d) ASSERT_EQ_INT(rasd_corpus_add(c, d, NULL), RASD_OK);
  }
  return c;
}

static const char *dup_of(const rasd_corpus *c, const char *id) {
  rasd_article_info ai, o;
  for (size_t i = 0; rasd_corpus_article(c, i, &ai) == RASD_OK; i++)
    if (!strcmp(ai.id, id)) return ai.duplicate_of >= 0 && rasd_corpus_article(c, (size_t)ai.duplicate_of, &o) == RASD_OK ? o.id : NULL;
  return NULL;
}

static const size_t ALL[] = {0, 1, 2, 3, 4, 5, 6};

static void test_clusters(void) {
  rasd_corpus *c = corpus_of(ALL, NARTS, NULL);
  ASSERT_EQ_INT(rasd_corpus_finish(c), RASD_OK);
  int64_t f1 = story_of(c, "fire-1");
  CHECK(f1 > 0);
  ASSERT_EQ_INT(story_of(c, "fire-2"), f1);
  ASSERT_EQ_INT(story_of(c, "fire-3"), f1);
  ASSERT_EQ_INT(story_of(c, "fire-1-copy"), f1);
  int64_t m1 = story_of(c, "match-1");
  CHECK(m1 > 0 && m1 != f1);
  ASSERT_EQ_INT(story_of(c, "match-2"), m1);
  int64_t r1 = story_of(c, "rain-1");
  CHECK(r1 != f1 && r1 != m1);
  ASSERT_EQ_INT(rasd_corpus_n_stories(c), 3);
  /* the wire copy points to the earliest original (ids break the tie within a day) */
  ASSERT_EQ_STR(dup_of(c, "fire-1-copy"), "fire-1");
  CHECK(dup_of(c, "fire-2") == NULL);
  size_t n = 0;
  const uint32_t *mem = rasd_corpus_story_articles(c, f1, &n);
  ASSERT_EQ_INT(n, 4);
  CHECK(mem != NULL);
  CHECK(rasd_corpus_story_articles(c, 99, &n) == NULL);
  rasd_corpus_free(c);
}

static void test_order_and_incremental(void) {
  /* another input order: the same stories (articles are linked in publication order, then by id) */
  static const size_t REV[] = {6, 5, 4, 3, 2, 1, 0};
  rasd_corpus *a = corpus_of(ALL, NARTS, NULL), *b = corpus_of(REV, NARTS, NULL);
  rasd_corpus_finish(a);
  rasd_corpus_finish(b);
  for (size_t i = 0; i < NARTS; i++) {
    int64_t sa = story_of(a, ARTS[i].id), sb = story_of(b, ARTS[i].id);
    for (size_t j = 0; j < i; j++)
      ASSERT_EQ_INT(sa == story_of(a, ARTS[j].id), sb == story_of(b, ARTS[j].id));
  }
  /* incremental: the 2015-08-01 articles, finish, then the 2015-08-02 ones: the same as one batch */
  static const size_t DAY1[] = {0, 1, 3, 4, 6}, DAY2[] = {2, 5};
  rasd_corpus *inc = corpus_of(DAY1, 5, NULL);
  rasd_corpus_finish(inc);
  for (size_t i = 0; i < 2; i++) rasd_corpus_add(inc, doc_of(&ARTS[DAY2[i]]), NULL);
  rasd_corpus_finish(inc);
  for (size_t i = 0; i < NARTS; i++) ASSERT_EQ_INT(story_of(inc, ARTS[i].id), story_of(a, ARTS[i].id));
  /* save after day 1, load, add day 2: the same again */
  char path[] = "/tmp/rasd-test-story-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd >= 0) close(fd);
  rasd_corpus *d1 = corpus_of(DAY1, 5, NULL);
  rasd_corpus_finish(d1);
  ASSERT_EQ_INT(rasd_corpus_save(d1, path), RASD_OK);
  rasd_corpus_free(d1);
  rasd_corpus *ld = NULL;
  ASSERT_EQ_INT(rasd_corpus_load(path, NULL, NULL, &ld), RASD_OK);
  if (ld) {
    ASSERT_EQ_INT(rasd_corpus_n_articles(ld), 5);
    for (size_t i = 0; i < 2; i++) rasd_corpus_add(ld, doc_of(&ARTS[DAY2[i]]), NULL);
    rasd_corpus_finish(ld);
    for (size_t i = 0; i < NARTS; i++) ASSERT_EQ_INT(story_of(ld, ARTS[i].id), story_of(a, ARTS[i].id));
  }
  rasd_corpus_free(ld);
  /* a damaged state file is refused */
  FILE *f = fopen(path, "r+b");
  if (f) { fputs("XXXX", f); fclose(f); }
  rasd_corpus *bad = NULL;
  CHECK(rasd_corpus_load(path, NULL, NULL, &bad) != RASD_OK && bad == NULL);
  unlink(path);
  rasd_corpus_free(a);
  rasd_corpus_free(b);
  rasd_corpus_free(inc);
}

static void test_views(void) {
  rasd_corpus *c = corpus_of(ALL, NARTS, NULL);
  rasd_corpus_finish(c);
  int64_t f1 = story_of(c, "fire-1");
  rasd_view_opts vo = {0};
  vo.sentences = 2;
  char *s = rasd_corpus_summary_text(c, f1, &vo);
  CHECK(s != NULL);
  size_t lines = 0;
  for (const char *p = s; p && *p; p++) lines += *p == '\n';
  ASSERT_EQ_INT(lines, 2);
  ASSERT_STR_CONTAINS(s, "حريق");
  free(s);
  char *js = rasd_corpus_story_json(c, f1, NULL);
  json_t *o = json_loads(js ? js : "", 0, NULL);
  CHECK(o != NULL);
  if (o) {
    ASSERT_EQ_INT(json_array_size(json_object_get(o, "articles")), 4);
    ASSERT_EQ_INT(json_array_size(json_object_get(o, "outlets")), 4);
    ASSERT_EQ_STR(json_string_value(json_object_get(o, "first_date")), "2015-08-01");
    ASSERT_EQ_STR(json_string_value(json_object_get(o, "last_date")), "2015-08-02");
    json_t *sum = json_object_get(o, "summary");
    CHECK(json_array_size(sum) >= 1);
    /* a sentence repeated by the wire copy lists both outlets */
    size_t most = 0;
    for (size_t i = 0; i < json_array_size(sum); i++) {
      size_t k = json_array_size(json_object_get(json_array_get(sum, i), "outlets"));
      most = k > most ? k : most;
    }
    CHECK(most >= 2);
    ASSERT_STR_CONTAINS(json_string_value(json_object_get(o, "title")), "جدة");
  }
  json_decref(o);
  free(js);
  /* the whole output as JSON has the documented sections */
  char *buf = NULL;
  size_t blen = 0;
  FILE *mf = open_memstream(&buf, &blen);
  ASSERT_EQ_INT(rasd_corpus_write(c, mf, RASD_FMT_JSON, NULL), RASD_OK);
  fclose(mf);
  json_error_t err;
  json_t *all = json_loads(buf, 0, &err);
  CHECK(all != NULL);
  if (all) {
    ASSERT_EQ_INT(json_array_size(json_object_get(all, "stories")), 3);
    CHECK(json_is_array(json_object_get(all, "storylines")));
    CHECK(json_is_array(json_object_get(all, "entities")));
    ASSERT_EQ_INT(json_array_size(json_object_get(all, "articles")), NARTS);
    /* the largest story comes first */
    ASSERT_EQ_INT(json_array_size(json_object_get(json_array_get(json_object_get(all, "stories"), 0), "articles")), 4);
  }
  json_decref(all);
  free(buf);
  rasd_corpus_free(c);
}

static void test_html_escapes(void) {
  static const art EVIL = {"evil", "2015-08-03", "x<y>", "<script>alert('x')</script> عنوان خبر عن حريق كبير",
                           "نص الخبر عن حريق كبير في مستودع <b>للأخشاب</b> في الدمام وأصيب فيه ثلاثة عمال & نقلوا إلى المستشفى."};
  rasd_corpus *c = rasd_corpus_new(NULL, NULL);
  ASSERT_EQ_INT(rasd_corpus_add(c, doc_of(&EVIL), NULL), RASD_OK);
  rasd_corpus_finish(c);
  char *buf = NULL;
  size_t blen = 0;
  FILE *mf = open_memstream(&buf, &blen);
  ASSERT_EQ_INT(rasd_corpus_write(c, mf, RASD_FMT_HTML, NULL), RASD_OK);
  fclose(mf);
  ASSERT_STR_CONTAINS(buf, "dir=\"rtl\"");
  ASSERT_STR_CONTAINS(buf, "lang=\"ar\"");
  CHECK(strstr(buf, "<script>") == NULL);
  CHECK(strstr(buf, "<b>") == NULL);
  CHECK(strstr(buf, "http://") == NULL && strstr(buf, "https://") == NULL);
  ASSERT_STR_CONTAINS(buf, "&lt;");
  free(buf);
  rasd_corpus_free(c);
}

static void test_bad_input(void) {
  rasd_corpus *c = rasd_corpus_new(NULL, NULL);
  ASSERT_EQ_INT(rasd_corpus_add(c, NULL, NULL), RASD_EINPUT);
  /* text with NUL bytes and invalid UTF-8 inside its length: no crash, one article */
  static const char ODD[] = "عنوان الخبر\n\nنص \xff\xfe فيه بايتات غريبة\0 وكلمات عربية كثيرة عن الحريق والدفاع المدني.\n";
  rasd_doc *d = doc_of_buf("odd.txt", ODD, sizeof ODD - 1);
  CHECK(d != NULL);
  if (d) ASSERT_EQ_INT(rasd_corpus_add(c, d, NULL), RASD_OK);
  ASSERT_EQ_INT(rasd_corpus_finish(c), RASD_OK);
  ASSERT_EQ_INT(rasd_corpus_finish(c), RASD_OK); /* finishing twice is fine */
  ASSERT_EQ_INT(rasd_corpus_n_stories(c), 1);
  CHECK(rasd_corpus_summary_text(c, 5, NULL) == NULL);
  rasd_corpus_free(c);
  rasd_corpus_free(NULL);
  /* an empty corpus writes empty sections */
  c = rasd_corpus_new(NULL, NULL);
  rasd_corpus_finish(c);
  char *buf = NULL;
  size_t blen = 0;
  FILE *mf = open_memstream(&buf, &blen);
  ASSERT_EQ_INT(rasd_corpus_write(c, mf, RASD_FMT_JSON, NULL), RASD_OK);
  fclose(mf);
  json_t *o = json_loads(buf, 0, NULL);
  CHECK(o && json_array_size(json_object_get(o, "stories")) == 0);
  json_decref(o);
  free(buf);
  rasd_corpus_free(c);
}

static void test_single_story(void) {
  rasd_corpus_opts o = {0};
  o.single_story = 1;
  rasd_corpus *c = corpus_of(ALL, NARTS, &o);
  rasd_corpus_finish(c);
  ASSERT_EQ_INT(rasd_corpus_n_stories(c), 1);
  rasd_view_opts vo = {0};
  vo.words = 30;
  char *s = rasd_corpus_summary_text(c, 1, &vo);
  size_t words = 0;
  int in = 0;
  for (const char *p = s; p && *p; p++) {
    int sp = *p == ' ' || *p == '\n';
    if (!sp && !in) words++;
    in = !sp;
  }
  CHECK(words >= 15 && words <= 60);
  free(s);
  rasd_corpus_free(c);
}

/* The outlet of an article without an outlet field comes from its byline or credits (no models: places are
 * recognised from the dateline only). */
static void test_outlet(void) {
  struct { const char *byline, *dateline, *credit, *path, *want; } cases[] = {
      {"نايف عبدالله – عين اليوم", NULL, NULL, NULL, "عين اليوم"},
      {"جدة - الخليج اليومية", "جدة", NULL, NULL, "الخليج اليومية"},
      {"البوابة 24 - الرياض", "الرياض", NULL, NULL, "البوابة 24"},
      {"الرياض - واس", "الرياض", NULL, NULL, NULL},
      {"صدى الرياض", NULL, NULL, NULL, "صدى الرياض"},
      {NULL, NULL, "(فرانس برس، الرصيف)", NULL, "الرصيف"},
      {NULL, NULL, "(واس)", NULL, NULL},
      {NULL, NULL, NULL, "/data/okaz/a1.txt", "okaz"},
      {NULL, NULL, NULL, "examples/news/a1.txt", NULL},
      {NULL, NULL, NULL, "feeds/okaz/day.jsonl", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rasd_doc d;
    memset(&d, 0, sizeof d);
    char *credits[1] = {(char *)cases[i].credit};
    d.byline = (char *)cases[i].byline;
    d.dateline = (char *)cases[i].dateline;
    d.path = (char *)cases[i].path;
    if (cases[i].credit) d.credits = credits, d.n_credits = 1;
    char *o = rasd__derive_outlet(NULL, &d);
    if (cases[i].want) ASSERT_EQ_STR(o ? o : "(null)", cases[i].want);
    else CHECK(o == NULL);
    free(o);
  }
  rasd_doc d;
  memset(&d, 0, sizeof d);
  d.outlet = (char *)"سبق";
  d.byline = (char *)"نايف عبدالله – عين اليوم";
  char *o = rasd__derive_outlet(NULL, &d);
  ASSERT_EQ_STR(o ? o : "(null)", "سبق"); /* the outlet field wins */
  free(o);
}

/* Disagreements: the number of each story's "disagreements" of kind 'kind' whose two values are 'a' and 'b' (either
 * order), and (through *all) of every kind. */
static size_t count_dis(json_t *story, const char *kind, const char *a, const char *b, size_t *all) {
  size_t n = 0, i;
  json_t *d;
  *all = json_array_size(json_object_get(story, "disagreements"));
  json_array_foreach(json_object_get(story, "disagreements"), i, d) {
    json_t *vals = json_object_get(d, "values");
    const char *x = json_string_value(json_object_get(json_array_get(vals, 0), "value"));
    const char *y = json_string_value(json_object_get(json_array_get(vals, 1), "value"));
    if (!x || !y || strcmp(json_string_value(json_object_get(d, "kind")), kind)) continue;
    if ((strstr(x, a) && strstr(y, b)) || (strstr(x, b) && strstr(y, a))) n++;
  }
  return n;
}

/* The corpus of 'n' articles, each analysed with the models (loaded into *m; the caller frees both); NULL, with a
 * skip message naming 'test', when the models cannot be loaded (figures come from the analysis). */
static rasd_corpus *analysed_corpus(const art *arts, size_t n, rasd_models **m, const char *test) {
  char *err = NULL;
  if (rasd_models_load(NULL, m, &err) != RASD_OK) {
    printf("skip %s: no models (%s)\n", test, err ? err : "?");
    rasd_free(err);
    return NULL;
  }
  rasd_corpus *c = rasd_corpus_new(*m, NULL);
  for (size_t i = 0; c && i < n; i++) {
    rasd_doc *d = doc_of(&arts[i]);
    CHECK(d != NULL);
    if (!d) continue;
    rasd_analysis *a = NULL;
    if (rasd_analyze(*m, d, &a) != RASD_OK) a = NULL;
    ASSERT_EQ_INT(rasd_corpus_add(c, d, a), RASD_OK);
  }
  if (c) ASSERT_EQ_INT(rasd_corpus_finish(c), RASD_OK);
  else rasd_models_free(*m), *m = NULL;
  return c;
}

/* Three outlets on one budget announcement the same day: two copy both figures (no disagreement, though each
 * sentence has two different sums), one gives another deficit; a report the next day with a higher toll of the
 * floods is an update, not a disagreement. */
static void test_disagreements(void) {
  static const art B[] = {
      {"bud-1", "2015-08-03", "okaz", "عجز الميزانية في الربع الأول 58 مليار ريال",
       "أعلنت وزارة المالية اليوم أن الإيرادات في الربع الأول بلغت 263 مليار ريال فيما بلغت النفقات 322 مليار ريال. "
       "وبلغ عجز الميزانية في الربع الأول 58 مليار ريال بحسب بيان الوزارة."},
      {"bud-2", "2015-08-03", "sabq", "وزارة المالية: عجز الربع الأول 58 مليار ريال",
       "قالت وزارة المالية اليوم إن الإيرادات في الربع الأول بلغت 263 مليار ريال فيما بلغت النفقات 322 مليار ريال. "
       "وبلغ عجز الميزانية في الربع الأول 58 مليار ريال وفق بيان الوزارة."},
      {"bud-3", "2015-08-03", "alyaum", "المالية تعلن عجز الميزانية في الربع الأول",
       "أعلنت وزارة المالية اليوم أن عجز الميزانية في الربع الأول بلغ 65 مليار ريال بحسب بيان الوزارة. "
       "وأوضحت الوزارة أن الإيرادات في الربع الأول بلغت 263 مليار ريال."},
      {"flood-1", "2015-08-03", "okaz", "مقتل 4 أشخاص في سيول جدة",
       "لقي 4 أشخاص مصرعهم في السيول التي اجتاحت أحياء جدة اليوم بعد أمطار غزيرة، وقال الدفاع المدني إن فرق الإنقاذ أخلت عشرات الأسر."},
      {"flood-2", "2015-08-04", "sabq", "ارتفاع ضحايا سيول جدة إلى 7 أشخاص",
       "ارتفع عدد ضحايا السيول التي اجتاحت أحياء جدة إلى 7 أشخاص لقوا مصرعهم بعد أمطار غزيرة، وقال الدفاع المدني إن فرق الإنقاذ أخلت عشرات الأسر."},
  };
  rasd_models *m = NULL;
  rasd_corpus *c = analysed_corpus(B, sizeof B / sizeof B[0], &m, "test_disagreements");
  if (!c) return;
  int64_t b = story_of(c, "bud-1");
  ASSERT_EQ_INT(story_of(c, "bud-2"), b);
  ASSERT_EQ_INT(story_of(c, "bud-3"), b);
  char *js = rasd_corpus_story_json(c, b, NULL);
  json_t *o = json_loads(js ? js : "", 0, NULL);
  CHECK(o != NULL);
  size_t all = 0;
  if (o) {
    ASSERT_EQ_INT(count_dis(o, "number", "58", "65", &all), 1);  /* the deficit: 58 in two outlets, 65 in one */
    ASSERT_EQ_INT(count_dis(o, "number", "263", "322", &all), 0); /* revenue and spending are two facts */
    ASSERT_EQ_INT(all, 1);
  }
  json_decref(o);
  free(js);
  int64_t f = story_of(c, "flood-1");
  if (f >= 0 && story_of(c, "flood-2") == f) {
    js = rasd_corpus_story_json(c, f, NULL);
    o = json_loads(js ? js : "", 0, NULL);
    CHECK(o != NULL);
    if (o) ASSERT_EQ_INT(count_dis(o, "number", "4", "7", &all), 0);
    json_decref(o);
    free(js);
  }
  rasd_corpus_free(c);
  rasd_models_free(m);
}

/* A decimal with its two sides swapped by an outlet's right-to-left layout (6.25 for 25.6) is the same figure; a
 * figure that differs (27.5) still disagrees (fails without swapped_decimal(): 6.25 / 25.6 is listed). */
static void test_swapped_decimal(void) {
  static const art E[] = {
      {"un-1", "2015-08-03", "aawsat", "البطالة في اليونان عند أعلى معدل في أوروبا",
       "قال مكتب الإحصاءات الأوروبي اليوم إن اليونان سجلت أعلى معدل للبطالة في أوروبا إذ بلغت نسبتها 6.25 في المائة وفقا لبيانات أبريل."},
      {"un-2", "2015-08-03", "okaz", "اليونان تسجل أعلى معدل بطالة في أوروبا",
       "قال مكتب الإحصاءات الأوروبي اليوم إن اليونان سجلت أعلى معدل للبطالة في أوروبا إذ بلغت نسبتها 25.6 في المائة وفقا لبيانات أبريل."},
      {"un-3", "2015-08-03", "alyaum", "أعلى معدل بطالة في أوروبا لليونان",
       "قال مكتب الإحصاءات الأوروبي اليوم إن اليونان سجلت أعلى معدل للبطالة في أوروبا إذ بلغت نسبتها 27.5 في المائة وفقا لبيانات أبريل."},
  };
  rasd_models *m = NULL;
  rasd_corpus *c = analysed_corpus(E, sizeof E / sizeof E[0], &m, "test_swapped_decimal");
  if (!c) return;
  int64_t s = story_of(c, "un-1");
  ASSERT_EQ_INT(story_of(c, "un-2"), s);
  ASSERT_EQ_INT(story_of(c, "un-3"), s);
  char *js = rasd_corpus_story_json(c, s, NULL);
  json_t *o = json_loads(js ? js : "", 0, NULL);
  CHECK(o != NULL);
  size_t all = 0;
  if (o) {
    ASSERT_EQ_INT(count_dis(o, "number", "6.25", "25.6", &all), 0);
    CHECK(count_dis(o, "number", "25.6", "27.5", &all) + count_dis(o, "number", "6.25", "27.5", &all) >= 1);
  }
  json_decref(o);
  free(js);
  rasd_corpus_free(c);
  rasd_models_free(m);
}

/* The record of an article naming members of one family: after its entities, one family entry (RASD__VKEY_FAMILY) for
 * بن لادن, shared by سعد بن لادن and عائلة بن لادن; none for محمد بن نواف (نواف is a father's given name) nor for a
 * place (fails without the family entries: 4 entries, none of them one). */
static void test_family_entry(void) {
  rasd_doc *d = doc_of(&ARTS[0]);
  CHECK(d != NULL);
  if (!d) return;
  rasd_doc_entity ents[] = {{.type = RASD_ENT_PER, .canonical = "سعد بن لادن", .key = "saad-bin-ladin", .n_mentions = 2},
                            {.type = RASD_ENT_PER, .canonical = "محمد بن نواف", .key = "mohammed-bin-nawaf", .n_mentions = 1},
                            {.type = RASD_ENT_LOC, .canonical = "بلاكبوش", .key = "blackbushe", .n_mentions = 1},
                            {.type = RASD_ENT_PER, .canonical = "عائلة بن لادن", .key = "bin-ladin-family", .n_mentions = 1}};
  rasd_analysis a;
  memset(&a, 0, sizeof a);
  a.entities = ents, a.n_entities = 4;
  rasd__strtab t;
  ASSERT_EQ_INT(rasd__strtab_init(&t), RASD_OK);
  rasd__buf b;
  rasd__buf_init(&b);
  ASSERT_EQ_INT(rasd__rec_build(&t, d, "okaz", &a, NULL, &b), RASD_OK);
  rasd__arena *ar = rasd__arena_new(4096);
  rasd__rec r;
  ASSERT_EQ_INT(rasd__rec_decode((const unsigned char *)b.s, b.len, ar, &r), RASD_OK);
  ASSERT_EQ_INT((int)r.n_ent, 5);
  int fam = 0;
  for (uint32_t i = 0; i < r.n_ent; i++)
    if (r.ent[i].vkey == RASD__VKEY_FAMILY) {
      fam++;
      CHECK(i == 4);
      CHECK(!strcmp(t.str[r.ent[i].key], "\x01\x02لادن"));
    }
  ASSERT_EQ_INT(fam, 1);
  rasd__arena_free(ar);
  rasd__buf_free(&b);
  rasd__strtab_free(&t);
  rasd_doc_free(d);
}

/* One outlet's two wedding notices, headlines of one template with another family name: two happenings, though
 * their bodies are one template too (without the rule they join, score 0.69). */
static void test_template_headlines(void) {
  static const art W[] = {
      {"wed-1", "2015-08-01", "sabq", "\"البدراني\" يحتفل بزواجه",
       "احتفل الشاب فهد بن سعد البدراني بزواجه مساء أمس في قاعة الياسمين للاحتفالات بمحافظة الخرج بحضور جمع غفير من "
       "الأهل والأصدقاء والأقارب. وتلقى العريس ووالده التهاني والتبريكات من الحضور متمنين له حياة زوجية سعيدة."},
      {"wed-2", "2015-08-01", "sabq", "\"الشمراني\" يحتفل بزواجه",
       "احتفل الشاب عبدالله بن علي الشمراني بزواجه مساء الخميس في قاعة النخيل للاحتفالات بمحافظة بيشة وسط حضور كبير من "
       "الأهل والأصدقاء والزملاء. وتلقى العريس وأسرته التهاني والتبريكات من المدعوين متمنين له التوفيق في حياته الزوجية."},
  };
  rasd_corpus *c = rasd_corpus_new(NULL, NULL);
  for (size_t i = 0; i < 2; i++) {
    rasd_doc *d = doc_of(&W[i]);
    CHECK(d != NULL);
    if (d) ASSERT_EQ_INT(rasd_corpus_add(c, d, NULL), RASD_OK);
  }
  ASSERT_EQ_INT(rasd_corpus_finish(c), RASD_OK);
  int64_t s1 = story_of(c, "wed-1"), s2 = story_of(c, "wed-2");
  CHECK(s1 > 0 && s2 > 0 && s1 != s2);
  rasd_corpus_free(c);
}

int main(void) {
  RUN(test_template_headlines);
  RUN(test_family_entry);
  RUN(test_outlet);
  RUN(test_clusters);
  RUN(test_order_and_incremental);
  RUN(test_views);
  RUN(test_disagreements);
  RUN(test_swapped_decimal);
  RUN(test_html_escapes);
  RUN(test_bad_input);
  RUN(test_single_story);
  TH_DONE();
}
