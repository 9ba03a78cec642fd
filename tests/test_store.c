/* test_store.c — the store: schema, idempotent batches, incremental stories equal to a batch run, Arabic search
 * (stems, name variants, phrases, filters), JSON views, hostile input, and a real kill -9 in the middle of a batch. */
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <jansson.h>
#include "rasd.h"
#include "harness.h"
#include "store/store.h" /* rasd__fts_register */

static char dir[256];

typedef struct fx {
  const char *id, *outlet, *url, *date, *title, *text;
} fx;

static const fx A1 = {"kim-1", "الجزيرة", "https://example.net/kim-1", "2023-09-11",
                      "كيم جونغ أون يتوجه إلى روسيا للقاء بوتين",
                      "أعلن الكرملين أن زعيم كوريا الشمالية كيم جونغ أون سيزور روسيا في الأيام المقبلة للقاء الرئيس "
                      "فلاديمير بوتين.\nوقالت وسائل إعلام في بيونغ يانغ إن القطار الخاص غادر العاصمة مساء الأحد.\n"
                      "ويتوقع محللون أن تبحث القمة تزويد موسكو بالقذائف المدفعية."};
static const fx A2 = {"kim-2", "العربية", "https://example.org/kim-2", "2023-09-12",
                      "زعيم كوريا الشمالية يصل إلى روسيا",
                      "وصل زعيم كوريا الشمالية كيم جونغ أون إلى روسيا على متن قطاره المصفح للقاء الرئيس فلاديمير "
                      "بوتين.\nوذكرت وكالة الأنباء المركزية في بيونج يانج أن الزعيم يرافقه مسؤولون عسكريون.\n"
                      "وتخشى واشنطن أن تحصل موسكو على الذخائر لحربها في أوكرانيا."};
static const fx A3 = {"kim-3", "بي بي سي عربي", NULL, "2023-09-13", "بوتين يستقبل كيم في قاعدة فوستوتشني",
                      "التقى الرئيس الروسي فلاديمير بوتين زعيم كوريا الشمالية كيم جونغ أون في قاعدة فوستوتشني "
                      "الفضائية.\nوقال بوتين إن روسيا ستساعد كوريا الشمالية في بناء الأقمار الصناعية.\n"
                      "وبحث الجانبان التعاون العسكري والذخائر بحسب مسؤولين أمريكيين في بيونغيانغ."};
static const fx B1 = {"libya-1", "الجزيرة", "https://example.net/libya-1", "2023-09-12", "آلاف الضحايا في فيضانات درنة",
                      "ارتفع عدد ضحايا الفيضانات في مدينة درنة شرقي ليبيا إلى أكثر من خمسة آلاف قتيل بعد انهيار سدين.\n"
                      "وقال مسؤولون في الهلال الأحمر الليبي إن آلاف الأشخاص ما زالوا في عداد المفقودين.\n"
                      "وأرسلت دول عربية فرق إنقاذ ومساعدات إلى شرق ليبيا."};
static const fx B2 = {"libya-2", "العربية", NULL, "2023-09-13", "حصيلة فيضانات درنة تتجاوز ستة آلاف قتيل",
                      "أعلن الهلال الأحمر الليبي أن حصيلة ضحايا الفيضانات في مدينة درنة تجاوزت ستة آلاف قتيل بعد انهيار سدين.\n"
                      "وتواصل فرق الإنقاذ البحث عن المفقودين تحت الأنقاض في مدينة درنة شرقي ليبيا.\n"
                      "وقالت الأمم المتحدة إن العاصفة دانيال تسببت في انهيار سدين."};
static const fx H = {"hostile", "<b>outlet</b>", NULL, "2023-09-14", "<script>alert(1)</script>",
                     "ارتفعت سوق الأسهم السعودية اليوم بنسبة اثنين في المئة وسط تداولات نشطة <img src=x onerror=alert(2)>."};

static rasd_doc mk(const fx *f) {
  rasd_doc d;
  memset(&d, 0, sizeof d);
  d.id = (char *)f->id;
  d.outlet = (char *)f->outlet;
  d.url = (char *)f->url;
  d.date = (char *)f->date;
  d.title = (char *)f->title;
  d.text = (char *)f->text;
  d.text_len = strlen(f->text);
  return d;
}

/* A hand-built analysis for the Kim articles: two entities, one quote, one date, and a number for Libya. */
static rasd_doc_entity ents[2] = {{RASD_ENT_PER, "كيم جونغ أون", NULL, "Kim Jong Un", 0, NULL, 2},
                                  {RASD_ENT_PER, "فلاديمير بوتين", NULL, "Vladimir Putin", 0, "الرئيس الروسي", 2}};
static rasd_quote quote = {"بوتين", 1, NULL, "قال", 0, "روسيا ستساعد كوريا الشمالية في بناء الأقمار الصناعية", 0, 0};
static rasd_timex tx = {"الأربعاء", "2023-09-13", "gregorian", NULL, 1, 0, 0, 0};
static rasd_event ev = {"2023-09-13", 0, 0};

static rasd_analysis kim_analysis(int with_quote) {
  rasd_analysis a;
  memset(&a, 0, sizeof a);
  a.entities = ents;
  a.n_entities = 2;
  if (with_quote) {
    a.quotes = &quote;
    a.n_quotes = 1;
    a.timex = &tx;
    a.n_timex = 1;
    a.events = &ev;
    a.n_events = 1;
  }
  return a;
}

static rasd_store *open_new(const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  unlink(path);
  rasd_store *s = NULL;
  char *err = NULL;
  int rc = rasd_store_open(path, 0, &s, &err);
  if (rc != RASD_OK) fprintf(stderr, "open %s: %s\n", path, err);
  rasd_free(err);
  return s;
}

static int put(rasd_store *s, const fx *f, const rasd_analysis *a) {
  rasd_doc d = mk(f);
  int added = -1;
  int rc = rasd_store_put(s, &d, a, &added);
  if (rc != RASD_OK) fprintf(stderr, "put %s: %s\n", f->id, rasd_store_errmsg(s));
  return rc == RASD_OK ? added : -1;
}

static json_t *jq(int rc, char *js) {
  json_error_t e;
  json_t *j = rc == RASD_OK && js ? json_loads(js, 0, &e) : NULL;
  if (!j) fprintf(stderr, "jq: rc %d: %s\n", rc, rc == RASD_OK && js ? e.text : "");
  rasd_free(js);
  return j;
}

/* Arguments are evaluated in any order: take the result through a pointer. */
static json_t *jq2(int rc, char **js) {
  json_t *j = jq(rc, *js);
  *js = NULL;
  return j;
}

static json_t *search(rasd_store *s, const char *q) {
  char *js = NULL;
  int rc = rasd_store_search(s, q, 20, 0, &js);
  return jq2(rc, &js);
}

/* 1 when article 'id' is among the search results of 'j'. */
static int has_result(json_t *j, const char *id) {
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(j, "results"), i, x) if (!strcmp(json_string_value(json_object_get(x, "article")), id)) return 1;
  return 0;
}

/* The story id of article 'id'. */
static long long story_of(rasd_store *s, const char *id) {
  char *js = NULL;
  json_t *j = jq2(rasd_store_article(s, id, &js), &js);
  long long r = j ? json_integer_value(json_object_get(j, "story")) : -1;
  json_decref(j);
  return r;
}

/* `rasd add` asks whether an article is stored before it analyses it, and puts it later, after other articles: what
 * was put in between (the same text, the same url, the same id) still makes it a duplicate. */
static void test_has_then_put(void) {
  rasd_store *s = open_new("hp.db");
  CHECK(s != NULL);
  if (!s) return;
  fx same_text = A2, same_url = A2;
  same_text.id = "copy-text";
  same_text.url = "https://example.com/copy";
  same_url.id = "copy-url";
  rasd_doc d[5] = {mk(&A2), mk(&same_text), mk(&same_url), mk(&A2), mk(&B1)};
  same_url.text = B2.text; /* another text: only its url says it is A2 */
  d[2] = mk(&same_url);
  ASSERT_EQ_INT(rasd_store_begin(s), RASD_OK);
  for (int i = 0; i < 5; i++) ASSERT_EQ_INT(rasd_store_has(s, &d[i]), 0);
  int added[5];
  for (int i = 0; i < 5; i++) ASSERT_EQ_INT(rasd_store_put(s, &d[i], NULL, &added[i]), RASD_OK);
  CHECK(added[0] == 1 && added[1] == 0 && added[2] == 0 && added[3] == 0 && added[4] == 1);
  /* A rolled-back batch forgets its articles: the next one adds them. */
  rasd_doc b2 = mk(&B2);
  ASSERT_EQ_INT(rasd_store_has(s, &b2), 0);
  ASSERT_EQ_INT(rasd_store_put(s, &b2, NULL, &added[0]), RASD_OK);
  rasd_store_rollback(s);
  ASSERT_EQ_INT(rasd_store_begin(s), RASD_OK);
  ASSERT_EQ_INT(rasd_store_has(s, &d[0]), 0);
  ASSERT_EQ_INT(rasd_store_put(s, &d[0], NULL, &added[0]), RASD_OK);
  ASSERT_EQ_INT(rasd_store_put(s, &b2, NULL, &added[1]), RASD_OK);
  CHECK(added[0] == 1 && added[1] == 1);
  rasd_store_stats st = {0};
  ASSERT_EQ_INT(rasd_store_commit(s, &st), RASD_OK);
  rasd_store_close(s);
}

static void test_schema_and_idempotence(void) {
  rasd_store *s = open_new("a.db");
  CHECK(s != NULL);
  if (!s) return;
  rasd_store_stats st = {0};
  rasd_analysis ka = kim_analysis(0), kq = kim_analysis(1);
  ASSERT_EQ_INT(rasd_store_begin(s), RASD_OK);
  ASSERT_EQ_INT(put(s, &A1, &ka), 1);
  ASSERT_EQ_INT(put(s, &A2, &ka), 1);
  ASSERT_EQ_INT(put(s, &B1, NULL), 1);
  ASSERT_EQ_INT(put(s, &A1, &ka), 0); /* same id in the same batch */
  ASSERT_EQ_INT(rasd_store_commit(s, &st), RASD_OK);
  ASSERT_EQ_INT(st.stories_new, 2);
  ASSERT_EQ_INT(st.stories_grown, 0);
  /* Re-adding: same id; same url under another id; same text under another id and url. */
  fx same_url = A1, same_text = A2;
  same_url.id = "other-id";
  same_text.id = "other-id-2";
  same_text.url = "https://example.com/elsewhere";
  memset(&st, 0, sizeof st);
  ASSERT_EQ_INT(rasd_store_begin(s), RASD_OK);
  ASSERT_EQ_INT(put(s, &A2, &ka), 0);
  ASSERT_EQ_INT(put(s, &same_url, &ka), 0);
  ASSERT_EQ_INT(put(s, &same_text, &ka), 0);
  ASSERT_EQ_INT(put(s, &A3, &kq), 1);
  ASSERT_EQ_INT(put(s, &B2, NULL), 1);
  ASSERT_EQ_INT(put(s, &H, NULL), 1);
  ASSERT_EQ_INT(rasd_store_commit(s, &st), RASD_OK);
  ASSERT_EQ_INT(st.stories_new, 1);   /* the hostile article is alone */
  ASSERT_EQ_INT(st.stories_grown, 2); /* Kim and Libya grew */
  CHECK(story_of(s, "kim-1") == story_of(s, "kim-3"));
  CHECK(story_of(s, "kim-2") == story_of(s, "kim-3"));
  CHECK(story_of(s, "libya-1") == story_of(s, "libya-2"));
  CHECK(story_of(s, "libya-1") != story_of(s, "kim-1"));
  CHECK(story_of(s, "hostile") != story_of(s, "kim-1") && story_of(s, "hostile") != story_of(s, "libya-1"));
  rasd_store_close(s);
  /* The schema version is recorded; a read-only reopen works and refuses writes. */
  char path[512];
  snprintf(path, sizeof path, "%s/a.db", dir);
  sqlite3 *db;
  sqlite3_open(path, &db);
  sqlite3_stmt *q;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL);
  CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) >= 1);
  sqlite3_finalize(q);
  sqlite3_prepare_v2(db, "SELECT count(*) FROM articles", -1, &q, NULL);
  CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 6);
  sqlite3_finalize(q);
  /* the search index merges sixteen segments at a time (schema 10) */
  sqlite3_prepare_v2(db, "SELECT v FROM fts_config WHERE k = 'automerge'", -1, &q, NULL);
  CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 16);
  sqlite3_finalize(q);
  /* and writes leaves of 32000 bytes (schema 15) */
  sqlite3_prepare_v2(db, "SELECT v FROM fts_config WHERE k = 'pgsz'", -1, &q, NULL);
  CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 32000);
  sqlite3_finalize(q);
  /* the search index keeps no function word (في is in every article), and keeps the other words */
  rasd__fts_register(db);
  sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, fts, 'row')", NULL, NULL, NULL);
  static const char *const words[] = {"في", "من", "إن", "درنة"};
  for (int i = 0; i < 4; i++) {
    rasd_tokens *t = rasd_tokenize(words[i], strlen(words[i])); /* the token the index would keep: its stem */
    const char *st = t && t->n_tok ? (t->tok[0].stem && *t->tok[0].stem ? t->tok[0].stem : t->tok[0].form) : "";
    sqlite3_prepare_v2(db, "SELECT count(*) FROM temp.vocab WHERE term = ?1", -1, &q, NULL);
    sqlite3_bind_text(q, 1, st, -1, SQLITE_TRANSIENT);
    CHECK(q && sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == (i == 3));
    sqlite3_finalize(q);
    rasd_tokens_free(t);
  }
  sqlite3_close(db);
  char *err = NULL;
  ASSERT_EQ_INT(rasd_store_open(path, RASD_STORE_READONLY, &s, &err), RASD_OK);
  rasd_free(err);
  if (s) {
    CHECK(rasd_store_begin(s) != RASD_OK);
    rasd_store_close(s);
  }
  snprintf(path, sizeof path, "%s/missing.db", dir);
  CHECK(rasd_store_open(path, RASD_STORE_READONLY, &s, &err) != RASD_OK && err && *err);
  rasd_free(err);
}

/* Partition of the articles into stories, as "id id|id|…" strings in a canonical order. */
static void partition(rasd_store *s, const fx *const *all, size_t n, char *out, size_t cap) {
  out[0] = 0;
  int done[16] = {0};
  for (size_t i = 0; i < n; i++) {
    if (done[i]) continue;
    long long si = story_of(s, all[i]->id);
    for (size_t j = i; j < n; j++)
      if (!done[j] && story_of(s, all[j]->id) == si) {
        done[j] = 1;
        strncat(out, all[j]->id, cap - strlen(out) - 2);
        strncat(out, " ", cap - strlen(out) - 2);
      }
    strncat(out, "|", cap - strlen(out) - 2);
  }
}

static void test_incremental_equals_batch(void) {
  const fx *all[] = {&A1, &A2, &A3, &B1, &B2, &H};
  rasd_analysis ka = kim_analysis(0);
  rasd_store *b = open_new("batch.db"), *inc = open_new("inc.db");
  CHECK(b && inc);
  if (!b || !inc) { rasd_store_close(b); rasd_store_close(inc); return; }
  rasd_store_begin(b);
  for (size_t i = 0; i < 6; i++) put(b, all[i], i < 3 ? &ka : NULL);
  ASSERT_EQ_INT(rasd_store_commit(b, NULL), RASD_OK);
  /* Three batches, out of publication order: the later batches hold earlier articles. */
  const fx *order[] = {&A3, &H, &B2, &A1, &B1, &A2};
  long long hostile_story = 0;
  for (size_t k = 0; k < 3; k++) {
    rasd_store_stats st = {0};
    rasd_store_begin(inc);
    for (size_t i = 2 * k; i < 2 * k + 2; i++) put(inc, order[i], order[i]->id[0] == 'k' ? &ka : NULL);
    ASSERT_EQ_INT(rasd_store_commit(inc, &st), RASD_OK);
    /* The latest article is linked again after each older batch, and keeps its story id. */
    if (!k) hostile_story = story_of(inc, "hostile");
    else ASSERT_EQ_INT(story_of(inc, "hostile"), hostile_story);
    if (k == 2) ASSERT_EQ_INT(st.stories_new, 0); /* libya-1 and kim-2 joined stories that were there */
  }
  char pb[1024], pi[1024];
  partition(b, all, 6, pb, sizeof pb);
  partition(inc, all, 6, pi, sizeof pi);
  ASSERT_EQ_STR(pi, pb);
  ASSERT_EQ_STR(pb, "kim-1 kim-2 kim-3 |libya-1 libya-2 |hostile |");
  /* The story list has three stories, none empty, sizes adding up. */
  char *js = NULL;
  json_t *j = jq2(rasd_store_stories(inc, NULL, &js), &js);
  ASSERT_EQ_INT(json_array_size(json_object_get(j, "stories")), 3);
  size_t i, total = 0;
  json_t *x;
  json_array_foreach(json_object_get(j, "stories"), i, x) total += (size_t)json_integer_value(json_object_get(x, "size"));
  ASSERT_EQ_INT(total, 6);
  json_decref(j);
  rasd_store_close(b);
  rasd_store_close(inc);
}

static void test_search(void) {
  char path[512];
  snprintf(path, sizeof path, "%s/a.db", dir);
  rasd_store *s = NULL;
  char *err = NULL;
  ASSERT_EQ_INT(rasd_store_open(path, RASD_STORE_READONLY, &s, &err), RASD_OK);
  rasd_free(err);
  if (!s) return;
  json_t *j = search(s, "درنة");
  CHECK(j && has_result(j, "libya-1") && has_result(j, "libya-2") && !has_result(j, "kim-1"));
  json_t *r0 = json_array_get(json_object_get(j, "results"), 0);
  ASSERT_STR_CONTAINS(json_string_value(json_object_get(r0, "snippet")), "<mark>");
  CHECK(json_is_integer(json_object_get(r0, "story")) && json_is_string(json_object_get(r0, "title")) &&
        json_is_string(json_object_get(r0, "outlet")) && json_is_string(json_object_get(r0, "date")) &&
        json_is_number(json_object_get(r0, "score")));
  json_decref(j);
  /* A name written as one word finds it written as two (the query looks for the keys of two words side by side). */
  j = search(s, "بيونغيانغ");
  CHECK(j && has_result(j, "kim-1") && has_result(j, "kim-3"));
  char *k1 = rasd_name_key("بيونغ", strlen("بيونغ")), *k2 = rasd_name_key("بيونج", strlen("بيونج"));
  if (strcmp(k1, k2)) SKIP("name keys do not reconcile غ/ج yet (names stage not landed)");
  else CHECK(j && has_result(j, "kim-2"));
  rasd_free(k1);
  rasd_free(k2);
  json_decref(j);
  /* A word with a proclitic finds the word without it. */
  j = search(s, "والذخائر");
  CHECK(j && has_result(j, "kim-3"));
  char *s1 = rasd_stem("والذخائر", strlen("والذخائر"), NULL), *s2 = rasd_stem("الذخائر", strlen("الذخائر"), NULL);
  if (strcmp(s1, s2)) SKIP("the stemmer does not strip و+ال yet (text stage not landed)");
  else CHECK(j && has_result(j, "kim-2"));
  rasd_free(s1);
  rasd_free(s2);
  json_decref(j);
  /* Phrases keep word order; filters narrow. */
  j = search(s, "\"الهلال الأحمر\"");
  CHECK(j && has_result(j, "libya-1") && has_result(j, "libya-2"));
  json_decref(j);
  /* Several plain words: every one must be there, in any order (each word is a group of its spellings). */
  j = search(s, "الهلال الأحمر");
  CHECK(j && has_result(j, "libya-1") && has_result(j, "libya-2") && !has_result(j, "kim-1"));
  json_decref(j);
  j = search(s, "الأحمر درنة");
  CHECK(j && has_result(j, "libya-1") && !has_result(j, "kim-1"));
  json_decref(j);
  j = search(s, "درنة بيونغيانغ");
  CHECK(j && json_array_size(json_object_get(j, "results")) == 0);
  json_decref(j);
  j = search(s, "\"الأحمر الهلال\"");
  CHECK(j && json_array_size(json_object_get(j, "results")) == 0);
  json_decref(j);
  /* Function words are not indexed: a query leaves them out, a phrase with one matches its other words in order. */
  j = search(s, "\"مسؤولون في الهلال\"");
  CHECK(j && has_result(j, "libya-1") && !has_result(j, "libya-2"));
  json_decref(j);
  j = search(s, "في درنة");
  CHECK(j && has_result(j, "libya-1") && has_result(j, "libya-2") && !has_result(j, "kim-1"));
  json_decref(j);
  char *ferr = NULL;
  ASSERT_EQ_INT(rasd_store_search(s, "في \"من\" وفي", 10, 0, &ferr), RASD_EUSAGE);
  ASSERT_STR_CONTAINS(rasd_store_errmsg(s), "function words");
  rasd_free(ferr);
  j = search(s, "درنة outlet:العربية");
  CHECK(j && has_result(j, "libya-2") && !has_result(j, "libya-1"));
  json_decref(j);
  j = search(s, "درنة from:2023-09-13");
  CHECK(j && has_result(j, "libya-2") && !has_result(j, "libya-1"));
  json_decref(j);
  j = search(s, "درنة to:2023-09-12");
  CHECK(j && !has_result(j, "libya-2") && has_result(j, "libya-1"));
  json_decref(j);
  j = search(s, "entity:\"فلاديمير بوتين\"");
  CHECK(j && has_result(j, "kim-1") && !has_result(j, "libya-1"));
  json_decref(j);
  j = search(s, "entity:\"Kim Jong Un\" روسيا");
  CHECK(j && has_result(j, "kim-2"));
  json_decref(j);
  /* Malformed queries are usage errors; FTS5 syntax in user words is just text. */
  char *js = NULL;
  ASSERT_EQ_INT(rasd_store_search(s, "from:2023-13-45", 10, 0, &js), RASD_EUSAGE);
  ASSERT_EQ_INT(rasd_store_search(s, "", 10, 0, &js), RASD_EUSAGE);
  ASSERT_EQ_INT(rasd_store_search(s, "\xff\xfe", 10, 0, &js), RASD_EUSAGE);
  ASSERT_EQ_INT(rasd_store_search(s, "AND OR ( NEAR * ^ \" درنة", 10, 0, &js), RASD_OK);
  rasd_free(js);
  rasd_store_close(s);
}

/* Entity counts are written once per batch: a rolled-back batch leaves nothing behind (not even an entity id the
 * next batch would reuse), and counts add up over batches as they would article by article. */
static void test_entity_counts(void) {
  rasd_store *s = open_new("ent.db");
  CHECK(s != NULL);
  if (!s) return;
  rasd_analysis ka = kim_analysis(0);
  ASSERT_EQ_INT(rasd_store_begin(s), RASD_OK);
  ASSERT_EQ_INT(put(s, &A1, &ka), 1);
  rasd_store_rollback(s);
  for (size_t k = 0; k < 2; k++) {
    ASSERT_EQ_INT(rasd_store_begin(s), RASD_OK);
    ASSERT_EQ_INT(put(s, k ? &A2 : &A1, &ka), 1);
    if (k) ASSERT_EQ_INT(put(s, &A3, &ka), 1);
    ASSERT_EQ_INT(rasd_store_commit(s, NULL), RASD_OK);
  }
  char *js = NULL;
  json_t *j = jq2(rasd_store_entities(s, "بوتين", 10, 0, &js), &js);
  json_t *e0 = json_array_get(json_object_get(j, "entities"), 0);
  ASSERT_EQ_INT(json_array_size(json_object_get(j, "entities")), 1);
  ASSERT_EQ_INT(json_integer_value(json_object_get(e0, "articles")), 3);
  ASSERT_EQ_INT(json_integer_value(json_object_get(e0, "mentions")), 6);
  long long eid = json_integer_value(json_object_get(e0, "id"));
  json_decref(j);
  j = jq2(rasd_store_article(s, "kim-1", &js), &js);
  json_t *ae = json_object_get(j, "entities");
  int found = 0;
  for (size_t i = 0; i < json_array_size(ae); i++) found |= json_integer_value(json_object_get(json_array_get(ae, i), "id")) == eid;
  CHECK(found);
  json_decref(j);
  rasd_store_close(s);
}

/* Articles analysed for real, as `rasd add` stores them: name keys are indexed for the words of the names the
 * analysis found, not for every word, and the name variants are still found. */
static void test_search_analysed(void) {
  rasd_models *m = NULL;
  char *err = NULL;
  if (rasd_models_load(NULL, &m, &err) != RASD_OK) {
    SKIP("no models");
    rasd_free(err);
    return;
  }
  rasd_store *s = open_new("an.db");
  CHECK(s != NULL);
  if (!s) { rasd_models_free(m); return; }
  const fx *all[] = {&A1, &A2, &A3, &B1, &B2};
  ASSERT_EQ_INT(rasd_store_begin(s), RASD_OK);
  for (size_t i = 0; i < 5; i++) {
    rasd_doc d = mk(all[i]);
    rasd_analysis *a = NULL;
    ASSERT_EQ_INT(rasd_analyze(m, &d, &a), RASD_OK);
    CHECK(put(s, all[i], a) == 1);
    rasd_analysis_free(a);
  }
  rasd_store_stats st = {0};
  ASSERT_EQ_INT(rasd_store_commit(s, &st), RASD_OK);
  json_t *j = search(s, "بيونغيانغ");
  CHECK(j && has_result(j, "kim-1") && has_result(j, "kim-2") && has_result(j, "kim-3") && !has_result(j, "libya-1"));
  json_decref(j);
  j = search(s, "والذخائر");
  CHECK(j && has_result(j, "kim-2") && has_result(j, "kim-3") && !has_result(j, "kim-1"));
  json_decref(j);
  j = search(s, "بوتين");
  CHECK(j && has_result(j, "kim-1") && has_result(j, "kim-2") && has_result(j, "kim-3"));
  json_decref(j);
  rasd_store_close(s);
  rasd_models_free(m);
  /* Keys (the "~" token space) are far fewer than words: only names have them (a key for every word and one for
   * every pair of words made them twice as many as the words). */
  char path[512];
  snprintf(path, sizeof path, "%s/an.db", dir);
  sqlite3 *db;
  sqlite3_stmt *q = NULL;
  sqlite3_open(path, &db);
  rasd__fts_register(db); /* the table's tokenizer */
  int words = 0, keys = 0;
  if (sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, fts, instance)", NULL, NULL, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "SELECT sum(substr(term, 1, 1) <> '~'), sum(substr(term, 1, 1) = '~') FROM temp.v", -1, &q,
                         NULL) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW) {
    words = sqlite3_column_int(q, 0);
    keys = sqlite3_column_int(q, 1);
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  if (!(words > 100 && keys > 5 && keys * 2 < words)) fprintf(stderr, "words %d keys %d\n", words, keys);
  CHECK(words > 100 && keys > 5 && keys * 2 < words);
}

static void test_views(void) {
  char path[512];
  snprintf(path, sizeof path, "%s/a.db", dir);
  rasd_store *s = NULL;
  ASSERT_EQ_INT(rasd_store_open(path, RASD_STORE_READONLY, &s, NULL), RASD_OK);
  if (!s) return;
  char *js = NULL;
  long long kim = story_of(s, "kim-1");
  json_t *j = jq2(rasd_store_story(s, kim, &js), &js);
  CHECK(j != NULL);
  ASSERT_EQ_INT(json_array_size(json_object_get(j, "articles")), 3);
  ASSERT_EQ_INT(json_array_size(json_object_get(j, "outlets")), 3);
  CHECK(json_array_size(json_object_get(j, "summary")) >= 2);
  json_t *s0 = json_array_get(json_object_get(j, "summary"), 0);
  CHECK(json_array_size(json_object_get(s0, "outlets")) >= 1);
  json_t *t0 = json_array_get(json_object_get(j, "timeline"), 0);
  ASSERT_EQ_STR(json_string_value(json_object_get(t0, "date")), "2023-09-13");
  json_t *q0 = json_array_get(json_object_get(j, "quotes"), 0);
  ASSERT_EQ_STR(json_string_value(json_object_get(q0, "speaker")), "فلاديمير بوتين");
  ASSERT_EQ_STR(json_string_value(json_object_get(q0, "en")), "Vladimir Putin");
  json_t *e0 = json_array_get(json_object_get(j, "entities"), 0);
  CHECK(json_string_value(json_object_get(e0, "en")) != NULL);
  long long eid = json_integer_value(json_object_get(e0, "id"));
  json_decref(j);
  j = jq2(rasd_store_entity(s, eid, &js), &js);
  CHECK(j && json_array_size(json_object_get(j, "stories")) == 1);
  json_decref(j);
  j = jq2(rasd_store_entities(s, "بوتين", 10, 0, &js), &js);
  CHECK(j && json_array_size(json_object_get(j, "entities")) == 1);
  json_decref(j);
  /* The Libya story flags nothing without numbers from the analysis; the hostile article reads back verbatim. */
  j = jq2(rasd_store_article(s, "hostile", &js), &js);
  ASSERT_EQ_STR(json_string_value(json_object_get(j, "title")), "<script>alert(1)</script>");
  json_decref(j);
  ASSERT_EQ_INT(rasd_store_story(s, 999999, &js), RASD_ENOENT);
  ASSERT_EQ_INT(rasd_store_article(s, "nope", &js), RASD_ENOENT);
  char *dg = rasd_store_digest(s, 0);
  ASSERT_STR_CONTAINS(dg, "كيم");
  rasd_free(dg);
  rasd_store_close(s);
}

/* Builds article i of a synthetic batch (valid, distinct, Arabic). */
static fx synth(int i, char *buf, size_t cap, char *id, size_t idcap) {
  snprintf(id, idcap, "syn-%03d", i);
  snprintf(buf, cap, "أعلنت وزارة الصحة في المدينة رقم %d عن افتتاح مستشفى جديد يضم %d سريرا.\nوقال المسؤول إن العمل "
                     "بدأ قبل عامين بتكلفة %d مليون.", i, 100 + i, 7 * i + 3);
  fx f = {id, "وكالة", NULL, "2024-01-05", "افتتاح مستشفى", buf};
  return f;
}

static int count_articles(const char *path) {
  sqlite3 *db;
  sqlite3_stmt *q;
  int n = -1;
  if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, "SELECT count(*), count(DISTINCT id) FROM articles",
                                                                  -1, &q, NULL) == SQLITE_OK) {
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == sqlite3_column_int(q, 1)) n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
  }
  sqlite3_close(db);
  return n;
}

static void test_kill9(void) {
  char path[512];
  snprintf(path, sizeof path, "%s/kill.db", dir);
  unlink(path);
  int p[2];
  if (pipe(p)) { SKIP("no pipe"); return; }
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    rasd_store *s = NULL;
    if (rasd_store_open(path, 0, &s, NULL) != RASD_OK) _exit(3);
    char buf[512], id[32];
    rasd_store_begin(s);
    for (int i = 0; i < 40; i++) { fx f = synth(i, buf, sizeof buf, id, sizeof id); put(s, &f, NULL); }
    rasd_store_commit(s, NULL);
    rasd_store_begin(s);
    for (int i = 40; i < 100; i++) {
      fx f = synth(i, buf, sizeof buf, id, sizeof id);
      put(s, &f, NULL);
      if (i == 70 && write(p[1], "x", 1) != 1) _exit(4);
    }
    for (;;) pause(); /* killed here, mid-batch */
  }
  close(p[1]);
  char c;
  CHECK(read(p[0], &c, 1) == 1);
  close(p[0]);
  kill(pid, SIGKILL);
  int status;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  ASSERT_EQ_INT(count_articles(path), 40);
  sqlite3 *db;
  sqlite3_stmt *q;
  sqlite3_open(path, &db);
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL);
  CHECK(sqlite3_step(q) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(q, 0), "ok"));
  sqlite3_finalize(q);
  sqlite3_close(db);
  /* The re-run finishes the job without duplicates, and the full-text index agrees with the table. */
  rasd_store *s = NULL;
  ASSERT_EQ_INT(rasd_store_open(path, 0, &s, NULL), RASD_OK);
  if (!s) return;
  char buf[512], id[32];
  int added = 0, dup = 0;
  rasd_store_begin(s);
  for (int i = 0; i < 100; i++) {
    fx f = synth(i, buf, sizeof buf, id, sizeof id);
    int a = put(s, &f, NULL);
    added += a == 1;
    dup += a == 0;
  }
  ASSERT_EQ_INT(rasd_store_commit(s, NULL), RASD_OK);
  ASSERT_EQ_INT(added, 60);
  ASSERT_EQ_INT(dup, 40);
  json_t *j = search(s, "مستشفى");
  CHECK(j && json_array_size(json_object_get(j, "results")) == 20); /* limit 20 of 100 */
  json_decref(j);
  rasd_store_close(s);
  ASSERT_EQ_INT(count_articles(path), 100);
  sqlite3_open(path, &db);
  CHECK(sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
}

/* Writes the fixture store (all articles above, with analyses) to 'path' for the shell and browser tests. */
static int make_fixture(const char *path) {
  unlink(path);
  rasd_store *s = NULL;
  char *err = NULL;
  if (rasd_store_open(path, 0, &s, &err) != RASD_OK) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  rasd_analysis ka = kim_analysis(0), kq = kim_analysis(1);
  rasd_store_begin(s);
  put(s, &A1, &ka);
  put(s, &A2, &ka);
  put(s, &A3, &kq);
  put(s, &B1, NULL);
  put(s, &B2, NULL);
  put(s, &H, NULL);
  int rc = rasd_store_commit(s, NULL);
  rasd_store_close(s);
  return rc != RASD_OK;
}

/* The store codes the engine's records against their article's title and text: round trips, and input that does not
 * decode (cut, another dictionary, garbage) is refused without reading or writing out of bounds (ASan checks). */
static void test_dcode(void) {
  const char *text = A1.text;
  size_t nt = strlen(text);
  /* A record-like string: binary bytes, then pieces of the text (sentences, a quote) among other bytes. */
  rasd__buf rec;
  rasd__buf_init(&rec);
  rasd__buf_add(&rec, "\x05kim-1\x00\x81\x02", 10);
  rasd__buf_add(&rec, text + 20, 90);
  rasd__buf_add(&rec, "\x01\x02\x03", 3);
  rasd__buf_add(&rec, text, 40);
  rasd__buf_adds(&rec, "قال بوتين");
  rasd__buf_add(&rec, text + nt - 30, 30);
  rasd__buf out;
  rasd__buf_init(&out);
  CHECK(rasd__dcode_encode(rec.s, rec.len, text, nt, &out) == 0);
  CHECK(out.len < rec.len / 2); /* the text's pieces are copies */
  char *dec = malloc(rec.len + 1);
  CHECK(dec && rasd__dcode_decode(out.s, out.len, text, nt, dec, rec.len) == 0 && !memcmp(dec, rec.s, rec.len));
  CHECK(rasd__dcode_check(dec, rec.len) == rasd__dcode_check(rec.s, rec.len));
  /* cut short, one byte too many, a wrong length, another (shorter) dictionary */
  for (size_t k = 0; k < out.len; k++) CHECK(rasd__dcode_decode(out.s, k, text, nt, dec, rec.len) != 0);
  CHECK(rasd__dcode_decode(out.s, out.len, text, nt, dec, rec.len - 1) != 0);
  CHECK(rasd__dcode_decode(out.s, out.len, text, 50, dec, rec.len) != 0);
  /* the same length of another text decodes to other bytes: the check value tells */
  const char *other = A2.text;
  if (strlen(other) >= nt && rasd__dcode_decode(out.s, out.len, other, nt, dec, rec.len) == 0)
    CHECK(rasd__dcode_check(dec, rec.len) != rasd__dcode_check(rec.s, rec.len));
  /* garbage never decodes out of bounds */
  unsigned char junk[64];
  unsigned x = 12345;
  for (int t = 0; t < 200; t++) {
    for (size_t k = 0; k < sizeof junk; k++) x = x * 1103515245u + 12345u, junk[k] = (unsigned char)(x >> 16);
    (void)rasd__dcode_decode(junk, sizeof junk, text, nt, dec, rec.len);
  }
  /* no dictionary, an empty record */
  out.len = 0;
  CHECK(rasd__dcode_encode(rec.s, rec.len, NULL, 0, &out) == 0 && rasd__dcode_decode(out.s, out.len, NULL, 0, dec, rec.len) == 0 &&
        !memcmp(dec, rec.s, rec.len));
  out.len = 0;
  CHECK(rasd__dcode_encode("", 0, text, nt, &out) == 0 && rasd__dcode_decode(out.s, out.len, text, nt, dec, 0) == 0);
  free(dec);
  rasd__buf_free(&rec);
  rasd__buf_free(&out);
}

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "--fixture")) return make_fixture(argv[2]);
  snprintf(dir, sizeof dir, "%s/test-store-%d", getenv("BUILD") ? getenv("BUILD") : "build", (int)getpid());
  char cmd[600];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
  if (system(cmd)) return 1;
  RUN(test_dcode);
  RUN(test_schema_and_idempotence);
  RUN(test_has_then_put);
  RUN(test_incremental_equals_batch);
  RUN(test_search);
  RUN(test_search_analysed);
  RUN(test_entity_counts);
  RUN(test_views);
  RUN(test_kill9);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (!getenv("KEEP") && system(cmd)) return 1;
  TH_DONE();
}
