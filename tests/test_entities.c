/* test_entities.c — unit tests of within-article entity linking and the corpus entity registry. */
#include <jansson.h>
#include "harness.h"
#include "extract/extract.h"
#include "extract/names.h"
#include "extract/ner.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"

static rasd_models *M;

/* A hand-built analysis: mentions given as texts (no tokens), as a tagger would produce them. */
typedef struct hand {
  rasd_analysis a;
  rasd_mention ms[32];
  rasd__arena *ar;
  rasd_doc d;
} hand;

static void hand_init(hand *h, const char *text, const char *const *names, const int *types, int n) {
  memset(h, 0, sizeof *h);
  h->ar = rasd__arena_new(4096);
  h->d.text = (char *)text;
  h->d.text_len = strlen(text);
  for (int i = 0; i < n; i++) {
    const char *p = strstr(text, names[i]);
    h->ms[i].start = p ? (uint32_t)(p - text) : 0;
    h->ms[i].end = h->ms[i].start + (uint32_t)strlen(names[i]);
    h->ms[i].type = (uint8_t)types[i];
    h->ms[i].text = (char *)names[i];
    h->ms[i].entity = -1;
  }
  h->a.mentions = h->ms;
  h->a.n_mentions = (size_t)n;
}

static int entity_of(const hand *h, const char *mention_text) {
  for (size_t i = 0; i < h->a.n_mentions; i++)
    if (h->a.mentions[i].text && !strcmp(h->a.mentions[i].text, mention_text)) return h->a.mentions[i].entity;
  return -2;
}

static void test_link_text_only(void) {
  const char *names[] = {"السيد كيم", "كيم جونغ أون", "كيم", "بوتين", "الرئيس فلاديمير بوتين", "مجلس الأمن الدولي",
                         "مجلس الأمن الروسي", "بيونغ يانغ", "بيونج بانج"};
  const int types[] = {RASD_ENT_PER, RASD_ENT_PER, RASD_ENT_PER, RASD_ENT_PER, RASD_ENT_PER, RASD_ENT_ORG,
                       RASD_ENT_ORG, RASD_ENT_LOC, RASD_ENT_LOC};
  hand h;
  hand_init(&h, "نص", names, types, 9);
  ASSERT_EQ_INT(rasd__entities_link(M, &h.d, &h.a, h.ar), RASD_OK);
  int kim = entity_of(&h, "كيم جونغ أون"), putin = entity_of(&h, "بوتين");
  CHECK(kim >= 0 && putin >= 0 && kim != putin);
  ASSERT_EQ_INT(entity_of(&h, "السيد كيم"), kim);
  ASSERT_EQ_INT(entity_of(&h, "كيم"), kim);
  ASSERT_EQ_INT(entity_of(&h, "الرئيس فلاديمير بوتين"), putin);
  CHECK(entity_of(&h, "مجلس الأمن الدولي") != entity_of(&h, "مجلس الأمن الروسي"));
  ASSERT_EQ_INT(entity_of(&h, "بيونج بانج"), entity_of(&h, "بيونغ يانغ")); /* a typo, same article */
  if (kim >= 0) {
    ASSERT_EQ_STR(h.a.entities[kim].canonical, "كيم جونغ أون");
    ASSERT_EQ_INT(h.a.entities[kim].n_mentions, 3);
    CHECK(h.a.entities[kim].key && *h.a.entities[kim].key);
    if (M) ASSERT_EQ_STR(h.a.entities[kim].en, "Kim Jong Un");
  }
  if (putin >= 0) ASSERT_EQ_STR(h.a.entities[putin].canonical, "فلاديمير بوتين"); /* title stripped */
  rasd__arena_free(h.ar);
}

static void test_link_ambiguous_surname(void) {
  /* two people share a surname: the bare surname goes to the nearest one before it, never to a stranger */
  const char *names[] = {"جو بايدن", "هانتر بايدن", "دونالد ترامب"};
  const int types[] = {RASD_ENT_PER, RASD_ENT_PER, RASD_ENT_PER};
  hand h;
  hand_init(&h, "نص", names, types, 3);
  ASSERT_EQ_INT(rasd__entities_link(M, &h.d, &h.a, h.ar), RASD_OK);
  ASSERT_EQ_INT(h.a.n_entities, 3);
  rasd__arena_free(h.ar);
}

static void test_link_tokens(void) {
  /* the tagger found the full name once; the surname alone later, and a role, are caught from the text */
  const char *text = "وصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا. وقال وزير الدفاع سيرغي شويغو إن الزعيم الكوري الشمالي "
                     "سيزور المصانع، وأضاف شويغو أن الزيارة مهمة.";
  rasd_tokens *tk = rasd_tokenize(text, strlen(text));
  if (!tk || !tk->n_tok) {
    SKIP("tokenizer not available in this build");
    rasd_tokens_free(tk);
    return;
  }
  const char *names[] = {"كيم جونغ أون", "سيرغي شويغو"};
  const int types[] = {RASD_ENT_PER, RASD_ENT_PER};
  hand h;
  hand_init(&h, text, names, types, 2);
  h.a.tokens = tk;
  for (int i = 0; i < 2; i++) /* token spans of the two mentions */
    for (size_t t = 0; t < tk->n_tok; t++) {
      if (tk->tok[t].start == h.ms[i].start) h.ms[i].tok_begin = (uint32_t)t;
      if (tk->tok[t].start + tk->tok[t].len == h.ms[i].end) h.ms[i].tok_end = (uint32_t)t + 1;
    }
  ASSERT_EQ_INT(rasd__entities_link(M, &h.d, &h.a, h.ar), RASD_OK);
  int shoigu = entity_of(&h, "سيرغي شويغو");
  ASSERT_EQ_INT(entity_of(&h, "شويغو"), shoigu);
  int kim = entity_of(&h, "كيم جونغ أون");
  CHECK(kim >= 0);
  if (kim >= 0) ASSERT_STR_CONTAINS(h.a.entities[kim].role, "الزعيم الكوري الشمالي");
  ASSERT_EQ_INT(entity_of(&h, "الزعيم الكوري الشمالي"), kim);
  /* mentions stay sorted and inside the text */
  for (size_t i = 0; i < h.a.n_mentions; i++) {
    CHECK(h.a.mentions[i].end <= h.d.text_len && h.a.mentions[i].start < h.a.mentions[i].end);
    if (i) CHECK(h.a.mentions[i - 1].start <= h.a.mentions[i].start);
  }
  rasd_tokens_free(tk);
  rasd__arena_free(h.ar);
}

/* What the tagger leaves for linking (per token, read from its word cache) equals computing it word by word,
 * the first time a word is seen and when it comes back; it belongs to one analysis only. */
static void test_ner_side(void) {
  if (!M || !M->ner || !M->gaz) {
    SKIP("no models");
    return;
  }
  const char *texts[2] = {"قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن الرئيس فلاديمير بوتين سيزور بيونغ يانغ.",
                          "وأكد لافروف أن بوتين التقى كيم جونغ أون في فلاديفوستوك، وقال الوزير إن موسكو ترحب بالزيارة."};
  for (int round = 0; round < 2; round++)
    for (int k = 0; k < 2; k++) {
      rasd_doc d;
      memset(&d, 0, sizeof d);
      d.text = (char *)texts[k];
      d.text_len = strlen(texts[k]);
      rasd_analysis a;
      memset(&a, 0, sizeof a);
      rasd__arena *ar = rasd__arena_new(4096);
      a.tokens = rasd_tokenize(d.text, d.text_len);
      CHECK(a.tokens && a.tokens->n_tok > 10);
      if (!a.tokens) { rasd__arena_free(ar); continue; }
      ASSERT_EQ_INT(rasd__ner_run(M, &d, &a, ar), RASD_OK);
      const uint8_t *tails = rasd__ner_gaz_tails(&d, &a);
      const int16_t *kb = rasd__ner_keybits(&d, &a);
      CHECK(tails != NULL && kb != NULL);
      size_t words = 0, bad = 0;
      for (size_t i = 0; tails && kb && i < a.tokens->n_tok; i++) {
        const rasd_token *t = &a.tokens->tok[i];
        if (t->kind != RASD_TOK_WORD) continue;
        words++;
        if (tails[i] != (0x80 | rasd__gaz_tail(M->gaz, d.text + t->start, t->len, 7))) bad++;
        if (!(t->flags & RASD_TOKF_STOP) && t->bare_len >= 4 && kb[i] != rasd__ent_keybit(t->bare, t->bare_len) + 2) bad++;
      }
      CHECK(words > 10);
      ASSERT_EQ_INT((int)bad, 0);
      /* another analysis, or the same one after it was forgotten, gets nothing */
      rasd_analysis other = a;
      CHECK(rasd__ner_gaz_tails(&d, &other) == NULL && rasd__ner_keybits(&d, &other) == NULL);
      rasd__qscan_forget();
      CHECK(rasd__ner_gaz_tails(&d, &a) == NULL && rasd__ner_keybits(&d, &a) == NULL);
      rasd_tokens_free(a.tokens);
      rasd__arena_free(ar);
    }
}

/* Registry: two articles with doc entities built by hand. */
static void doc_ent(rasd_doc_entity *e, int type, const char *canon, const char *en) {
  memset(e, 0, sizeof *e);
  e->type = (uint8_t)type;
  e->canonical = (char *)canon;
  e->key = rasd_name_key(canon, strlen(canon));
  e->en = (char *)en;
  e->n_mentions = 1;
}

static void test_registry(void) {
  rasd_registry *r = rasd_registry_new(M);
  CHECK(r != NULL);
  rasd_doc_entity e1[3], e2[4];
  rasd_mention m1[1];
  memset(m1, 0, sizeof m1);
  m1[0].text = "السيد كيم";
  m1[0].entity = 0;
  doc_ent(&e1[0], RASD_ENT_PER, "كيم جونغ أون", "Kim Jong Un");
  doc_ent(&e1[1], RASD_ENT_ORG, "مجلس الأمن الروسي", "Security Council of Russia");
  doc_ent(&e1[2], RASD_ENT_LOC, "كوريا الشمالية", "North Korea");
  doc_ent(&e2[0], RASD_ENT_PER, "كيم جونغ-أون", NULL);
  doc_ent(&e2[1], RASD_ENT_ORG, "مجلس الأمن الدولي", "UN Security Council");
  doc_ent(&e2[2], RASD_ENT_LOC, "كوريا الجنوبية", "South Korea");
  doc_ent(&e2[3], RASD_ENT_PER, "كيم", NULL);
  rasd_analysis a1, a2;
  memset(&a1, 0, sizeof a1);
  memset(&a2, 0, sizeof a2);
  a1.entities = e1;
  a1.n_entities = 3;
  a1.mentions = m1;
  a1.n_mentions = 1;
  a2.entities = e2;
  a2.n_entities = 4;
  int32_t ids1[3], ids2[4];
  ASSERT_EQ_INT(rasd_registry_add(r, NULL, &a1, ids1), RASD_OK);
  ASSERT_EQ_INT(rasd_registry_add(r, NULL, &a2, ids2), RASD_OK);
  ASSERT_EQ_INT(ids2[0], ids1[0]);             /* كيم جونغ-أون = كيم جونغ أون */
  ASSERT_EQ_INT(ids2[3], ids1[0]);             /* the surname alone, next article */
  CHECK(ids2[1] != ids1[1]);                   /* the two councils */
  CHECK(ids2[2] != ids1[2]);                   /* the two Koreas */
  ASSERT_EQ_INT(rasd_registry_count(r), 5);
  rasd_corpus_entity ce;
  ASSERT_EQ_INT(rasd_registry_get(r, (size_t)ids1[0], &ce), RASD_OK);
  ASSERT_EQ_INT(ce.articles, 2);
  ASSERT_EQ_INT(ce.mentions, 3);
  ASSERT_EQ_STR(ce.en, "Kim Jong Un");
  int has_title_form = 0;
  for (size_t f = 0; f < ce.n_forms; f++) has_title_form |= !strcmp(ce.forms[f], "السيد كيم");
  CHECK(has_title_form);
  ASSERT_EQ_INT(rasd_registry_lookup(r, "كيم جونج أون", strlen("كيم جونج أون"), RASD_ENT_PER), ids1[0]);
  ASSERT_EQ_INT(rasd_registry_lookup(r, "كوريا الجنوبية", strlen("كوريا الجنوبية"), RASD_ENT_NONE), ids2[2]);
  ASSERT_EQ_INT(rasd_registry_lookup(r, "فرنسا", strlen("فرنسا"), RASD_ENT_NONE), -1);
  ASSERT_EQ_INT(rasd_registry_get(r, 99, &ce), RASD_ENOENT);
  char *js = rasd_registry_json(r);
  json_error_t je;
  json_t *o = json_loads(js ? js : "", 0, &je);
  CHECK(o && json_is_array(json_object_get(o, "entities")));
  json_t *e0 = json_array_get(json_object_get(o, "entities"), (size_t)ids1[0]);
  ASSERT_EQ_STR(json_string_value(json_object_get(e0, "type")), "PER");
  ASSERT_EQ_STR(json_string_value(json_object_get(e0, "canonical")), "كيم جونغ أون");
  CHECK(json_is_array(json_object_get(e0, "forms")));
  ASSERT_EQ_INT(json_integer_value(json_object_get(e0, "articles")), 2);
  json_decref(o);
  free(js);
  char *tsv = rasd_registry_tsv(r);
  CHECK(tsv && !strncmp(tsv, "id\ttype\tcanonical\ten\t", 20));
  free(tsv);
  for (int i = 0; i < 3; i++) free(e1[i].key);
  for (int i = 0; i < 4; i++) free(e2[i].key);
  rasd_registry_free(r);
  rasd_registry_free(NULL);
}

static void test_registry_deterministic(void) {
  /* the same articles in the same order give the same table */
  char *out[2];
  for (int run = 0; run < 2; run++) {
    rasd_registry *r = rasd_registry_new(M);
    rasd_doc_entity e[3];
    doc_ent(&e[0], RASD_ENT_PER, "فلاديمير بوتين", "Vladimir Putin");
    doc_ent(&e[1], RASD_ENT_PER, "بوتين", NULL);
    doc_ent(&e[2], RASD_ENT_LOC, "بيونغيانغ", "Pyongyang");
    rasd_analysis a;
    memset(&a, 0, sizeof a);
    a.entities = e;
    a.n_entities = 3;
    rasd_registry_add(r, NULL, &a, NULL);
    rasd_registry_add(r, NULL, &a, NULL);
    out[run] = rasd_registry_json(r);
    for (int i = 0; i < 3; i++) free(e[i].key);
    rasd_registry_free(r);
  }
  CHECK(out[0] && out[1] && !strcmp(out[0], out[1]));
  free(out[0]);
  free(out[1]);
}

int main(void) {
  char *err = NULL;
  if (rasd_models_load("data", &M, &err) != RASD_OK) {
    fprintf(stderr, "SKIP: no models in ./data (%s): testing without the gazetteer\n", err ? err : "?");
    free(err);
    M = NULL;
  }
  RUN(test_link_text_only);
  RUN(test_link_ambiguous_surname);
  RUN(test_link_tokens);
  RUN(test_ner_side);
  RUN(test_registry);
  RUN(test_registry_deterministic);
  rasd_models_free(M);
  TH_DONE();
}
