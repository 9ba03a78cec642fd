/* test_read_seeds.c — reading and cleaning the five seed articles against gold.json, and one SaudiNewsNet day
 * read completely (both need ../shared; skipped without it). */
#include <jansson.h>
#include <unistd.h>
#include "harness.h"
#include "rasd.h"

static rasd_doc *read_seed(rasd_cleaner *c, const char *shared, int i) {
  char path[4096];
  snprintf(path, sizeof path, "%s/corpus/seeds/seed-%d.txt", shared, i);
  rasd_reader *r = rasd_reader_new(NULL);
  rasd_reader_add_path(r, path);
  rasd_article *a = NULL;
  rasd_doc *d = NULL;
  if (rasd_reader_next(r, &a) == RASD_OK) rasd_clean(c, a, &d);
  rasd_article_free(a);
  rasd_reader_free(r);
  return d;
}

static int removed_as(const rasd_doc *d, const char *text, const char *reason) {
  for (size_t i = 0; i < d->n_removed; i++)
    if (!strcmp(d->removed[i].text, text) && !strcmp(d->removed[i].reason, reason)) return 1;
  return 0;
}

static int para_with(const rasd_doc *d, const char *needle) {
  for (size_t i = 0; i < d->n_paragraphs; i++)
    if (strstr(d->paragraphs[i], needle)) return (int)i;
  return -1;
}

static void check_subheads(const rasd_doc *d, json_t *want) {
  ASSERT_EQ_INT(d->n_subheads, json_array_size(want));
  for (size_t i = 0; i < d->n_subheads && i < json_array_size(want); i++)
    ASSERT_EQ_STR(d->paragraphs[d->subheads[i]], json_string_value(json_array_get(want, i)));
}

static void test_seeds(void) {
  const char *shared = th_shared();
  if (!shared) {
    SKIP("../shared not found (set RASD_SHARED)");
    return;
  }
  char gp[4096];
  snprintf(gp, sizeof gp, "%s/corpus/seeds/gold.json", shared);
  json_error_t je;
  json_t *gold = json_load_file(gp, 0, &je);
  CHECK(gold != NULL);
  if (!gold) return;
  json_t *arts = json_object_get(gold, "articles");
  rasd_cleaner *c = rasd_cleaner_new();

  /* seed-1: title, dateline date, caption, UI strings, bullet summary, credit and agency */
  json_t *g1 = json_object_get(arts, "seed-1");
  rasd_doc *d = read_seed(c, shared, 1);
  CHECK(d != NULL);
  if (d) {
    ASSERT_EQ_STR(d->title, json_string_value(json_object_get(g1, "title")));
    ASSERT_EQ_STR(d->dateline, json_string_value(json_object_get(g1, "dateline")));
    ASSERT_EQ_STR(d->date, json_string_value(json_object_get(g1, "doc_date")));
    ASSERT_EQ_INT(d->n_captions, 1);
    if (d->n_captions) ASSERT_EQ_STR(d->captions[0], json_string_value(json_object_get(g1, "caption")));
    json_t *bp = json_object_get(g1, "boilerplate");
    for (size_t i = 0; i < json_array_size(bp); i++)
      CHECK(removed_as(d, json_string_value(json_array_get(bp, i)), "ui"));
    CHECK(d->publisher_summary != NULL);
    int lines = d->publisher_summary ? 1 : 0;
    for (const char *p = d->publisher_summary; p && *p; p++) lines += *p == '\n';
    ASSERT_EQ_INT(lines, 3);
    for (size_t i = 0; i < d->n_paragraphs; i++) CHECK(strncmp(d->paragraphs[i], "- ", 2) != 0);
    ASSERT_EQ_INT(d->n_credits, 1);
    if (d->n_credits) ASSERT_EQ_STR(d->credits[0], json_string_value(json_object_get(g1, "credit")));
    json_t *ag = json_object_get(g1, "credited_agencies");
    ASSERT_EQ_INT(d->n_agencies, json_array_size(ag));
    if (d->n_agencies) ASSERT_EQ_STR(d->agencies[0], json_string_value(json_array_get(ag, 0)));
    CHECK(para_with(d, "(Getty)") < 0);
    rasd_doc_free(d);
  }

  /* seed-2: subheads */
  d = read_seed(c, shared, 2);
  CHECK(d != NULL);
  if (d) {
    check_subheads(d, json_object_get(json_object_get(arts, "seed-2"), "subheads"));
    rasd_doc_free(d);
  }

  /* seed-4: subheads and the four broken sentences rejoined */
  d = read_seed(c, shared, 4);
  CHECK(d != NULL);
  if (d) {
    check_subheads(d, json_object_get(json_object_get(arts, "seed-4"), "subheads"));
    CHECK(d->title == NULL);
    ASSERT_EQ_INT(para_with(d, "قال مسؤولون أمريكيون، إن روسيا تسعى لشراء ذخيرة من كوريا الشمالية"), 0);
    CHECK(para_with(d, "وفي المقابل، حذّر البيت الأبيض") >= 0);
    CHECK(para_with(d, "قال مستشار الأمن القومي") >= 0);
    CHECK(para_with(d, "تأكيد معلومات كشفتها واشنطن") >= 0);
    ASSERT_EQ_INT(d->n_repairs, 4);
    rasd_doc_free(d);
  }

  /* seed-0: the run-together words split, nothing else touched */
  d = read_seed(c, shared, 0);
  CHECK(d != NULL);
  if (d) {
    CHECK(para_with(d, "في بيان موجز وقال الكرملين") >= 0);
    CHECK(para_with(d, "موجزوقال") < 0);
    ASSERT_EQ_INT(d->n_repairs, 1);
    ASSERT_EQ_INT(d->n_removed, 0);
    CHECK(d->title == NULL);
    rasd_doc_free(d);
  }

  /* seed-3: plain article, paragraphs kept as they are */
  d = read_seed(c, shared, 3);
  CHECK(d != NULL);
  if (d) {
    ASSERT_EQ_INT(d->n_removed, 0);
    ASSERT_EQ_INT(d->n_subheads, 0);
    CHECK(d->n_paragraphs >= 17);
    rasd_doc_free(d);
  }
  rasd_cleaner_free(c);
  json_decref(gold);
}

/* One SaudiNewsNet day: every record is an article or an error naming its record; none is lost. */
static void test_saudinewsnet_day(void) {
  const char *shared = th_shared();
  if (!shared) {
    SKIP("../shared not found");
    return;
  }
  char zip[4096], dir[256], cmd[8192], json[512];
  snprintf(zip, sizeof zip, "%s/data/news/saudinewsnet/2015-07-23.zip", shared);
  if (access(zip, R_OK) != 0 || system("command -v unzip >/dev/null 2>&1") != 0) {
    SKIP("SaudiNewsNet zip or unzip missing");
    return;
  }
  snprintf(dir, sizeof dir, "/tmp/rasd-test-snn-%d", (int)getpid());
  snprintf(cmd, sizeof cmd, "mkdir -p %s && unzip -o -q '%s' -d %s", dir, zip, dir);
  if (system(cmd) != 0) {
    SKIP("unzip failed");
    return;
  }
  snprintf(json, sizeof json, "%s/2015-07-23.json", dir);
  json_error_t je;
  json_t *all = json_load_file(json, 0, &je);
  CHECK(all && json_is_array(all));
  size_t want = all ? json_array_size(all) : 0, empty = 0;
  for (size_t i = 0; i < want; i++) {
    const char *t = json_string_value(json_object_get(json_array_get(all, i), "content"));
    size_t k = 0;
    while (t && (t[k] == ' ' || t[k] == '\n' || t[k] == '\t' || t[k] == '\r')) k++;
    if (!t || !t[k]) empty++;
  }
  json_decref(all);
  rasd_reader *r = rasd_reader_new(NULL);
  rasd_reader_add_path(r, json);
  size_t got = 0, errs = 0, empty_errs = 0;
  for (;;) {
    rasd_article *a;
    int rc = rasd_reader_next(r, &a);
    if (rc == RASD_EEOF) break;
    if (rc != RASD_OK) {
      errs++;
      if (strstr(rasd_reader_errmsg(r), "empty content") && strstr(rasd_reader_errmsg(r), "record ")) empty_errs++;
      continue;
    }
    CHECK(a->outlet && a->date && a->text_len > 0);
    got++;
    rasd_article_free(a);
  }
  rasd_reader_free(r);
  ASSERT_EQ_INT(got + errs, want);
  ASSERT_EQ_INT(errs, empty);
  ASSERT_EQ_INT(empty_errs, empty);
  CHECK(want > 1000);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

int main(void) {
  RUN(test_seeds);
  RUN(test_saudinewsnet_day);
  TH_DONE();
}
