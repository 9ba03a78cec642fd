/* test_ner.c — NER: the committed model tags real-looking news sentences; bad model files are refused; mentions from tokens. */
#include <unistd.h>
#include "harness.h"
#include "extract/extract.h"
#include "extract/ner.h"

#ifndef RASD_DATADIR
#define RASD_DATADIR "data"
#endif

static rasd_models *models;

/* Tags the space-separated sentence 's'; returns the tags joined by spaces (static buffer). */
static const char *tag_line(const char *s) {
  static char out[4096];
  char buf[4096];
  const char *w[256];
  const char *t[256];
  size_t n = 0;
  snprintf(buf, sizeof buf, "%s", s);
  for (char *p = strtok(buf, " "); p && n < 256; p = strtok(NULL, " ")) w[n++] = p;
  out[0] = 0;
  if (rasd_ner_tag_words(models, w, n, t) != RASD_OK) return "ENOMEM";
  for (size_t i = 0; i < n; i++) {
    strcat(out, i ? " " : "");
    strcat(out, t[i]);
  }
  return out;
}

/* The tag of word 'k' (0-based) in 'tags'. */
static const char *nth(const char *tags, int k) {
  static char one[16];
  const char *p = tags;
  for (int i = 0; i < k && p; i++) {
    p = strchr(p, ' ');
    if (p) p++;
  }
  if (!p) return "";
  size_t n = strcspn(p, " ");
  snprintf(one, sizeof one, "%.*s", (int)n, p);
  return one;
}

static void test_people_places(void) {
  /* 0 قال 1 الرئيس 2 الروسي 3 فلاديمير 4 بوتين 5 إن 6 بلاده 7 ستشارك 8 في 9 الرياض 10 . */
  const char *t = tag_line("قال الرئيس الروسي فلاديمير بوتين إن بلاده ستشارك في الرياض .");
  ASSERT_EQ_STR(nth(t, 0), "O");
  ASSERT_EQ_STR(nth(t, 1), "O");
  ASSERT_EQ_STR(nth(t, 3), "B-PERS");
  ASSERT_EQ_STR(nth(t, 4), "I-PERS");
  ASSERT_EQ_STR(nth(t, 8), "O");
  ASSERT_EQ_STR(nth(t, 9), "B-LOC");
  ASSERT_EQ_STR(nth(t, 10), "O");
  /* a foreign name nobody listed, found from the context (title + nisba before it) */
  t = tag_line("وأكد المتحدث باسم الأمم المتحدة ستيفان دوجاريك أن مجلس الأمن الدولي سيجتمع في نيويورك .");
  ASSERT_EQ_STR(nth(t, 3), "B-ORG");
  ASSERT_EQ_STR(nth(t, 4), "I-ORG");
  ASSERT_EQ_STR(nth(t, 5), "B-PERS");
  ASSERT_EQ_STR(nth(t, 6), "I-PERS");
  ASSERT_EQ_STR(nth(t, 8), "B-ORG");
  ASSERT_EQ_STR(nth(t, 13), "B-LOC");
  t = tag_line("وصل الزعيم الكوري الشمالي كيم جونغ أون إلى موسكو");
  ASSERT_EQ_STR(nth(t, 4), "B-PERS");
  ASSERT_EQ_STR(nth(t, 5), "I-PERS");
  ASSERT_EQ_STR(nth(t, 8), "B-LOC");
  /* plain sentence without names: nothing tagged */
  t = tag_line("وقال إن الاجتماع سيعقد في وقت لاحق من هذا الأسبوع .");
  ASSERT_EQ_STR(t, "O O O O O O O O O O O");
}

static void test_odd_words(void) {
  const char *w[5] = {"", "\xff\xfe", "بوتين", "ـــــ", "1234567890123456789012345678901234567890123456789012345678901234"};
  const char *t[5] = {0};
  CHECK(rasd_ner_tag_words(models, w, 5, t) == RASD_OK);
  for (int i = 0; i < 5; i++) CHECK(t[i] != NULL && rasd__ner_tag_parse(t[i], strlen(t[i])) >= 0);
  CHECK(rasd_ner_tag_words(models, w, 0, t) == RASD_OK);
  CHECK(rasd_ner_tag_words(NULL, w, 2, t) == RASD_OK);
  ASSERT_EQ_STR(t[0], "O");
  /* a long sentence stays linear and bounded */
  size_t n = 20000;
  const char **lw = malloc(n * sizeof *lw), **lt = malloc(n * sizeof *lt);
  for (size_t i = 0; i < n; i++) lw[i] = (i % 7 == 3) ? "بوتين" : (i % 7 == 2) ? "الرئيس" : "قال";
  CHECK(rasd_ner_tag_words(models, lw, n, lt) == RASD_OK);
  ASSERT_EQ_STR(lt[3], "B-PERS");
  ASSERT_EQ_STR(lt[7 * 2000 + 3], "B-PERS");
  free(lw);
  free(lt);
}

static char *write_tmp(const char *name, const char *data, size_t len) {
  static char path[512];
  snprintf(path, sizeof path, "/tmp/rasd-test-ner-%d-%s", (int)getpid(), name);
  FILE *f = fopen(path, "wb");
  if (!f) return NULL;
  fwrite(data, 1, len, f);
  fclose(f);
  return path;
}

static void expect_refused(const char *path, const char *why) {
  rasd__ner *n = NULL;
  char *err = NULL;
  ASSERT_EQ_INT(rasd__ner_load_file(path, &n, &err), RASD_EMODEL);
  CHECK(n == NULL);
  ASSERT_STR_CONTAINS(err, path);
  ASSERT_STR_CONTAINS(err, "make model");
  ASSERT_STR_CONTAINS(err, why);
  free(err);
}

static void test_bad_model_files(void) {
  size_t len = 0;
  char *m = th_slurp(RASD_DATADIR "/ner.model", &len);
  CHECK(m != NULL && len > 1000);
  if (!m) return;
  char *p;
  p = write_tmp("trunc", m, len / 2);
  expect_refused(p, "truncated");
  unlink(p);
  p = write_tmp("head", m, 20);
  expect_refused(p, "truncated");
  unlink(p);
  m[len - 7] ^= 0x5a;
  p = write_tmp("flip", m, len);
  expect_refused(p, "corrupt");
  unlink(p);
  m[len - 7] ^= 0x5a;
  memcpy(m, "GARBAGE!", 8);
  p = write_tmp("magic", m, len);
  expect_refused(p, "not a rasd NER model");
  unlink(p);
  memcpy(m, RASD__NER_MAGIC, 8);
  uint32_t fv = 999;
  memcpy(m + 12, &fv, 4); /* feat_version */
  p = write_tmp("stale", m, len);
  expect_refused(p, "stale");
  unlink(p);
  p = write_tmp("empty", "", 0);
  expect_refused(p, "truncated");
  unlink(p);
  expect_refused("/nonexistent-dir/ner.model", "missing");
  /* through the public loader: the directory's file is named */
  rasd_models *mm = NULL;
  char *err = NULL;
  ASSERT_EQ_INT(rasd_models_load("/nonexistent-dir", &mm, &err), RASD_EMODEL);
  ASSERT_STR_CONTAINS(err, "/nonexistent-dir/ner.model");
  rasd_free(err);
  free(m);
}

/* Builds tokens by splitting 'text' on spaces; a "." token ends a sentence. */
static rasd_tokens *toks_of(const char *text, rasd_token *tk, rasd_sentence *se) {
  static rasd_tokens t;
  size_t n = 0, ns = 0, len = strlen(text), i = 0, sb = 0;
  while (i < len) {
    while (i < len && text[i] == ' ') i++;
    if (i >= len) break;
    size_t st = i;
    while (i < len && text[i] != ' ') i++;
    memset(&tk[n], 0, sizeof tk[n]);
    tk[n].start = (uint32_t)st;
    tk[n].len = (uint32_t)(i - st);
    int punct = (i - st == 1 && strchr(".,:()", text[st])) || (i - st == 2 && !memcmp(text + st, "،", 2));
    tk[n].kind = punct ? RASD_TOK_PUNCT : RASD_TOK_WORD;
    tk[n].sentence = (uint32_t)ns;
    n++;
    if (i - st == 1 && text[st] == '.') {
      se[ns].tok_begin = (uint32_t)sb;
      se[ns].tok_end = (uint32_t)n;
      se[ns].start = tk[sb].start;
      se[ns].end = (uint32_t)i;
      ns++;
      sb = n;
    }
  }
  if (sb < n) {
    se[ns].tok_begin = (uint32_t)sb;
    se[ns].tok_end = (uint32_t)n;
    se[ns].start = tk[sb].start;
    se[ns].end = (uint32_t)len;
    ns++;
  }
  t.tok = tk;
  t.n_tok = n;
  t.sent = se;
  t.n_sent = ns;
  return &t;
}

static void test_mentions(void) {
  const char *text = "قال الرئيس الروسي فلاديمير بوتين إن بلاده ستشارك في الرياض . ووصل كيم جونغ إلى موسكو .";
  rasd_token tk[64];
  rasd_sentence se[8];
  rasd_doc d;
  memset(&d, 0, sizeof d);
  d.text = (char *)text;
  d.text_len = strlen(text);
  rasd_analysis a;
  memset(&a, 0, sizeof a);
  a.tokens = toks_of(text, tk, se);
  rasd__arena *ar = rasd__arena_new(1024);
  ASSERT_EQ_INT(rasd__ner_run(models, &d, &a, ar), RASD_OK);
  CHECK(a.n_mentions >= 4);
  int per = 0, loc = 0;
  for (size_t i = 0; i < a.n_mentions; i++) {
    const rasd_mention *m = &a.mentions[i];
    CHECK(m->end > m->start && m->end <= d.text_len);
    ASSERT_EQ_INT(m->entity, -1);
    CHECK(m->text && strlen(m->text) == m->end - m->start && !memcmp(m->text, text + m->start, m->end - m->start));
    CHECK(tk[m->tok_begin].sentence == tk[m->tok_end - 1].sentence); /* never crosses a sentence */
    CHECK(tk[m->tok_begin].kind != RASD_TOK_PUNCT && tk[m->tok_end - 1].kind != RASD_TOK_PUNCT);
    if (m->type == RASD_ENT_PER && !strcmp(m->text, "فلاديمير بوتين")) per++;
    if (m->type == RASD_ENT_LOC && (!strcmp(m->text, "الرياض") || !strcmp(m->text, "موسكو"))) loc++;
  }
  ASSERT_EQ_INT(per, 1);
  ASSERT_EQ_INT(loc, 2);
  /* no tokens, no mentions, no crash */
  rasd_analysis b;
  memset(&b, 0, sizeof b);
  rasd_tokens none;
  memset(&none, 0, sizeof none);
  b.tokens = &none;
  ASSERT_EQ_INT(rasd__ner_run(models, &d, &b, ar), RASD_OK);
  ASSERT_EQ_INT(b.n_mentions, 0);
  rasd__arena_free(ar);
}

/* Returns 1 when NER over 'text' (split on spaces, "." ends a sentence) finds 'want' with type 'type'. */
static int has_mention(const char *text, const char *want, int type) {
  rasd_token tk[128];
  rasd_sentence se[16];
  rasd_doc d;
  memset(&d, 0, sizeof d);
  d.text = (char *)text;
  d.text_len = strlen(text);
  rasd_analysis a;
  memset(&a, 0, sizeof a);
  a.tokens = toks_of(text, tk, se);
  rasd__arena *ar = rasd__arena_new(1024);
  int found = 0;
  if (rasd__ner_run(models, &d, &a, ar) == RASD_OK)
    for (size_t i = 0; i < a.n_mentions; i++)
      if (a.mentions[i].type == type && !strcmp(a.mentions[i].text, want)) found = 1;
  rasd__arena_free(ar);
  return found;
}

static void test_name_edges(void) {
  /* the model leaves the last or first part of a foreign name out; the mention takes it back */
  CHECK(has_mention("غادر بوتين بعد زيارة التقى فيها كيم جونج أون .", "كيم جونج أون", RASD_ENT_PER));
  CHECK(has_mention("قالت الناطقة باسم مجلس الأمن القومي الأمريكي ، أدريان واتسون : إن", "أدريان واتسون", RASD_ENT_PER));
  /* a currency is a unit, not a name; a pronoun-suffixed word is not part of a name */
  CHECK(!has_mention("بلغ عجز الميزانية 58.7 مليار ريال في الربع الأول .", "ريال", RASD_ENT_ORG));
  CHECK(!has_mention("بلغ عجز الميزانية 58.7 مليار ريال في الربع الأول .", "ريال", RASD_ENT_MISC));
  /* but not a verb of saying before the name */
  CHECK(!has_mention("ويشير توم كولينا ، الخبير في قضايا الانتشار النووي .", "ويشير توم كولينا", RASD_ENT_PER));
}

static void test_role_nouns(void) {
  /* an office or kinship noun before a name is not part of it, and alone is no person */
  const char *t1 = "وقال وكيل وزارة المالية للسياسات المالية عبدالعزيز الرشيد إن النتائج جيدة .";
  CHECK(!has_mention(t1, "وكيل", RASD_ENT_PER));
  const char *t2 = "مسجلا الهدف الأول وصانعا الثاني لزميله عبدالرحمن الشهري .";
  CHECK(!has_mention(t2, "لزميله عبدالرحمن الشهري", RASD_ENT_PER));
  CHECK(has_mention(t2, "عبدالرحمن الشهري", RASD_ENT_PER));
  /* a verb of saying after a name ends it */
  CHECK(!has_mention("قال بارك إن كوريا ترى في رؤية المملكة شريكا طبيعيا .", "كوريا ترى", RASD_ENT_PER));
  /* names that begin like those nouns stay whole */
  CHECK(has_mention("وصل الوزير عبدالله الشهري إلى جدة أمس .", "عبدالله الشهري", RASD_ENT_PER));
}

static void test_definite_homographs(void) {
  /* صور is the city of Tyre, or "pictures"; an article that also writes الصور means the pictures */
  CHECK(has_mention("وصل الوزير إلى مدينة صور أمس .", "صور", RASD_ENT_LOC));
  CHECK(!has_mention("نشرت الوكالة الصور . وصل الوزير إلى مدينة صور أمس .", "صور", RASD_ENT_LOC));
  /* a place written with the article stays a place */
  CHECK(has_mention("وصل الوزير إلى الرياض . وفي الرياض قال الوزير .", "الرياض", RASD_ENT_LOC));
}

/* Splits 's' at spaces into w[] (pointing into buf); returns the count. */
static size_t split_words(char *buf, rasd__ner_word *w, size_t max) {
  size_t n = 0;
  for (char *p = strtok(buf, " "); p && n < max; p = strtok(NULL, " ")) {
    w[n].s = p;
    w[n].len = (uint32_t)strlen(p);
    n++;
  }
  return n;
}

static void test_word_cache_exact(void) {
  /* the cached emission sums are exactly the plain sums over all features, for repeated words, long words,
   * one-word and edge positions, and after the cache has been emptied for being full */
  static const char *const sents[] = {
      "قال الرئيس الروسي فلاديمير بوتين في موسكو إن العلاقات مع كوريا الشمالية جيدة .",
      "بوتين",
      "وأضاف بوتين : إن الرئيس سيزور بيونغيانغ ، وقال الرئيس إن الزيارة مهمة .",
      "استقبل وزير الخارجية السعودي الأمير فيصل بن فرحان نظيره الكوري في الرياض يوم الأربعاء",
      "الاستراتيجيةالاقتصاديةالطويلةالمدى كلمة طويلة جدا قبل مجلس الأمن الدولي و 2023 abc",
  };
  rasd__ner_state *st = rasd__ner_state_new();
  CHECK(st != NULL);
  int32_t a[64 * RASD__NER_T], b[64 * RASD__NER_T];
  rasd__ner_word w[64];
  char buf[1024];
  for (int round = 0; round < 2; round++) {
    for (size_t k = 0; k < sizeof sents / sizeof sents[0]; k++) {
      snprintf(buf, sizeof buf, "%s", sents[k]);
      size_t n = split_words(buf, w, 64);
      CHECK(rasd__ner_emissions(models->ner, st, w, n, a) == RASD_OK);
      CHECK(rasd__ner_emissions_ref(models->ner, w, n, b) == RASD_OK);
      CHECK(!memcmp(a, b, n * RASD__NER_T * sizeof *a));
    }
    /* fill the cache past its limit with distinct made-up words (it is emptied and refilled) */
    char words[48 * 16];
    for (int r = 0; r < 1100 && round == 0; r++) {
      size_t n = 0;
      for (int q = 0; q < 40; q++) {
        char *p = words + q * 16;
        snprintf(p, 16, "كل%05d", r * 40 + q);
        w[n].s = p;
        w[n].len = (uint32_t)strlen(p);
        n++;
      }
      if (rasd__ner_emissions(models->ner, st, w, n, a) != RASD_OK) {
        CHECK(0);
        break;
      }
    }
  }
  rasd__ner_state_free(st);
}

static void test_ctx_tables(void) {
  /* the table-driven context features give the buckets of the hashed ones, also for values outside the
   * tables' sets (an odd name-likeness bin, a cluster id past the tables) and at the sentence's edges */
  rasd__ner_ctab *tb = rasd__ner_ctab_new(18);
  CHECK(tb != NULL);
  if (!tb) return;
  int16_t *rows = calloc((size_t)1 << 18, RASD__NER_RS * sizeof *rows); /* weights to prefetch: the buckets must not change */
  CHECK(rows != NULL);
  if (!rows) {
    rasd__ner_ctab_free(tb);
    return;
  }
  rasd__ner_tok t[6];
  memset(t, 0, sizeof t);
  for (int round = 0; round < 200; round++) {
    for (int k = 0; k < 6; k++) {
      unsigned r = (unsigned)(round * 7919 + k * 104729);
      t[k].h_form = 0x9E3779B97F4A7C15ULL * (r + 1);
      t[k].h_bare = t[k].h_form >> 3;
      t[k].h_shape = r % 5;
      t[k].h_suf0 = r % 11;
      t[k].h_suf1 = r % 13;
      t[k].cls = (uint16_t)((r >> 3) & 0xffff);
      t[k].gaz = (uint16_t)(r * 31);
      t[k].clu = (uint16_t)(round % 50 == 7 ? 70u + (unsigned)k : r % 65);
      t[k].clf = (uint16_t)(round % 50 == 9 ? 65 : (r >> 2) % 65);
      t[k].nlm = (int8_t)(round % 40 == 3 ? 12 : (int)(r % 18) - 8);
    }
    size_t n = 1 + (size_t)round % 6;
    uint64_t pairs[RASD__NER_PAIRS(6)];
    rasd__ner_ctx_pairs(t, n, pairs);
    uint32_t b[6 * RASD__NER_NCTX], c[6 * RASD__NER_NCTX];
    rasd__ner_ctx_feats_tab(tb, t, n, 18, NULL, NULL, b);
    rasd__ner_ctx_feats_tab(tb, t, n, 18, pairs, rows, c); /* the shared pair hashes give the same buckets */
    for (size_t i = 0; i < n; i++) {
      uint32_t a[RASD__NER_NCTX];
      rasd__ner_ctx_feats(t, n, i, 18, a);
      CHECK(!memcmp(a, b + i * RASD__NER_NCTX, sizeof a));
      CHECK(!memcmp(a, c + i * RASD__NER_NCTX, sizeof a));
    }
  }
  rasd__ner_ctab_free(tb);
  free(rows);
}

static void test_viterbi_paths(void) {
  /* the AVX2 Viterbi (when the processor has it) chooses the tags of the scalar one: random sequences of
   * news words and names, short and long (the scores are shifted every 16 tokens) */
  static const char *const pool[] = {"قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "إن", "العلاقات",
                                     "مع", "كوريا", "الشمالية", "وزير", "الخارجية", "السعودي", "الأمير", "فيصل", "بن",
                                     "فرحان", "الرياض", "مجلس", "الأمن", "الدولي", "،", ".", "شركة", "أرامكو", "عبد",
                                     "العزيز", "جامعة", "الملك", "سعود", "2015", "يوم", "الأربعاء", "جون", "كيري"};
  const size_t np = sizeof pool / sizeof *pool;
  rasd__ner_state *st = rasd__ner_state_new();
  rasd__ner_word w[80];
  uint8_t a[80], b[80];
  int same = 1, had = models->ner->avx2;
  unsigned r = 12345;
  for (int round = 0; round < 300 && st; round++) {
    size_t n = 1 + (size_t)round % 80;
    for (size_t i = 0; i < n; i++) {
      r = r * 1103515245u + 12345u;
      const char *x = pool[(r >> 16) % np];
      w[i].s = x;
      w[i].len = (uint32_t)strlen(x);
    }
    models->ner->avx2 = had;
    int ra = rasd__ner_tag(models->ner, st, w, n, a);
    models->ner->avx2 = 0;
    int rb = rasd__ner_tag(models->ner, st, w, n, b);
    if (ra != RASD_OK || rb != RASD_OK || memcmp(a, b, n)) same = 0;
  }
  models->ner->avx2 = had;
  CHECK(st != NULL);
  CHECK(same);
  rasd__ner_state_free(st);
}

static void test_name_frames(void) {
  /* a listed given name just before a person's name is part of it */
  CHECK(has_mention("زار طهران العام الماضي للقاء آية الله علي خامنئي ، المرشد الأعلى لإيران .", "علي خامنئي", RASD_ENT_PER));
  /* a listed place after a place head noun is a place */
  CHECK(has_mention("وصل الوزير إلى مدينة صور أمس .", "صور", RASD_ENT_LOC));
  /* an ordinary word after a place head noun is not */
  CHECK(!has_mention("تجولت في المدينة القديمة أمس .", "القديمة", RASD_ENT_LOC));
}

int main(void) {
  char *err = NULL;
  if (rasd_models_load(RASD_DATADIR, &models, &err) != RASD_OK) {
    fprintf(stderr, "cannot load models: %s\n", err ? err : "?");
    rasd_free(err);
    printf("0 passed, 1 failed\n");
    return 1;
  }
  RUN(test_people_places);
  RUN(test_odd_words);
  RUN(test_bad_model_files);
  RUN(test_mentions);
  RUN(test_definite_homographs);
  RUN(test_name_edges);
  RUN(test_role_nouns);
  RUN(test_word_cache_exact);
  RUN(test_name_frames);
  RUN(test_ctx_tables);
  RUN(test_viterbi_paths);
  rasd_models_free(models);
  TH_DONE();
}
