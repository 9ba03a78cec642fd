/* test_text.c — unit tests of the text core: matching form, tokens and offsets, sentences, bare forms, stems, bad input. */
#include "harness.h"
#include "util/util.h"
#include "text/text.h"

static char *norm(const char *s) { return rasd_normalize(s, strlen(s), NULL); }

#define NORM_IS(in, want)          \
  do {                             \
    char *n_ = norm(in);           \
    ASSERT_EQ_STR(n_, want);       \
    free(n_);                      \
  } while (0)

static void test_normalize(void) {
  NORM_IS("إِنَّ الرَّئِيسَ", "ان الرئيس");               /* tashkeel */
  NORM_IS("الحـــــرب", "الحرب");                          /* tatweel run */
  NORM_IS("أحمد إبراهيم آل ٱلله", "احمد ابراهيم ال الله"); /* hamza alef forms */
  NORM_IS("مستشفى الجامعة", "مستشفي الجامعه");            /* ى ة */
  NORM_IS("عام ٢٠١٥ و۱۳۹۴", "عام 2015 و1394");             /* Hindi and Persian digits */
  NORM_IS("٣٫٥ ١٬٢٠٠", "3.5 1,200");
  NORM_IS("كيم\u200c جونغ\u200f أون\u00ad", "كيم جونغ اون"); /* ZWNJ, RLM, soft hyphen */
  NORM_IS("\xEF\xBB\xBFبوتين\u00a0\u00a0 و \t\n شويغو  ", "بوتين و شويغو"); /* BOM, NBSP, runs, trim */
  NORM_IS("\uFEFB\uFEF7", "لالا");                         /* lam-alef ligatures (NFKC) */
  NORM_IS("\uFE8D\uFEDF\uFEE4\uFEE0\uFEDC", "الملك");      /* presentation forms */
  NORM_IS("ﷲ", "الله");
  NORM_IS("Putin MEETS Kim", "putin meets kim");
  NORM_IS("ＡＢＣ１２", "abc12");                           /* full width */
  NORM_IS("ی ک", "ي ك");                                   /* Persian yeh, keheh */
  NORM_IS("", "");
  NORM_IS("  \n ", "");
  /* invalid UTF-8 becomes U+FFFD, never a crash */
  NORM_IS("a\xff\xfe" "b", "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  /* NUL in the middle: treated as a separator */
  char *n = rasd_normalize("كيم\0أون", strlen("كيم") + 1 + strlen("أون"), NULL);
  ASSERT_EQ_STR(n, "كيم اون");
  free(n);
  /* in place, and its refusal when a ligature expands */
  char buf[] = "الـرَّئيس  أحمد";
  size_t l = rasd__normalize_inplace(buf, strlen(buf));
  CHECK(l != (size_t)-1);
  buf[l] = 0;
  ASSERT_EQ_STR(buf, "الرئيس احمد");
  char lig[] = "ﷺ";
  CHECK(rasd__normalize_inplace(lig, strlen(lig)) == (size_t)-1);
}

/* Every token's bytes are exactly its text, tokens do not overlap and go forward. */
static int offsets_ok(const char *s, size_t len, const rasd_tokens *t) {
  size_t prev = 0;
  for (size_t k = 0; k < t->n_tok; k++) {
    const rasd_token *x = &t->tok[k];
    if (x->start < prev || (size_t)x->start + x->len > len || x->len == 0) return 0;
    if (!x->form || !x->bare || !x->stem) return 0;
    if (strlen(x->form) != x->form_len || strlen(x->bare) != x->bare_len || strlen(x->stem) != x->stem_len) return 0;
    prev = x->start + x->len;
  }
  /* sentences cover the tokens in order */
  size_t next = 0;
  for (size_t i = 0; i < t->n_sent; i++) {
    const rasd_sentence *S = &t->sent[i];
    if (S->tok_begin != next || S->tok_end <= S->tok_begin) return 0;
    if (S->start != t->tok[S->tok_begin].start) return 0;
    for (size_t k = S->tok_begin; k < S->tok_end; k++)
      if (t->tok[k].sentence != i) return 0;
    next = S->tok_end;
  }
  (void)s;
  return next == t->n_tok;
}

static const rasd_token *find_tok(const char *s, const rasd_tokens *t, const char *text) {
  size_t n = strlen(text);
  for (size_t k = 0; k < t->n_tok; k++)
    if (t->tok[k].len == n && !memcmp(s + t->tok[k].start, text, n)) return &t->tok[k];
  return NULL;
}

#define TOK_KIND(s, t, text, k)                         \
  do {                                                  \
    const rasd_token *x_ = find_tok(s, t, text);        \
    CHECK(x_ != NULL);                                  \
    if (x_) ASSERT_EQ_INT(x_->kind, k);                 \
  } while (0)

static void test_tokens(void) {
  const char *s = "قال الكرملينُ، في بيان: إن كيم جونغ-أون \"سيزور\" روسيا؛ هل يأتي؟ الثمن 1,200 دولار أو 3.5 مليون "
                  "يوم 2015/08/11 أو 11-8-2015 عبر https://www.example.com/news?id=3 و info@rasd.org «انتهى» Kim's";
  size_t len = strlen(s);
  rasd_tokens *t = rasd_tokenize(s, len);
  CHECK(t != NULL);
  CHECK(offsets_ok(s, len, t));
  TOK_KIND(s, t, "الكرملينُ", RASD_TOK_WORD);
  TOK_KIND(s, t, "،", RASD_TOK_PUNCT);
  TOK_KIND(s, t, "؛", RASD_TOK_PUNCT);
  TOK_KIND(s, t, "؟", RASD_TOK_PUNCT);
  TOK_KIND(s, t, ":", RASD_TOK_PUNCT);
  TOK_KIND(s, t, "-", RASD_TOK_PUNCT);
  TOK_KIND(s, t, "جونغ", RASD_TOK_WORD);
  TOK_KIND(s, t, "أون", RASD_TOK_WORD);
  TOK_KIND(s, t, "\"", RASD_TOK_QUOTE);
  TOK_KIND(s, t, "«", RASD_TOK_QUOTE);
  TOK_KIND(s, t, "»", RASD_TOK_QUOTE);
  TOK_KIND(s, t, "1,200", RASD_TOK_NUMBER);
  TOK_KIND(s, t, "3.5", RASD_TOK_NUMBER);
  TOK_KIND(s, t, "2015/08/11", RASD_TOK_DATE);
  TOK_KIND(s, t, "11-8-2015", RASD_TOK_DATE);
  TOK_KIND(s, t, "https://www.example.com/news?id=3", RASD_TOK_URL);
  TOK_KIND(s, t, "info@rasd.org", RASD_TOK_EMAIL);
  TOK_KIND(s, t, "Kim's", RASD_TOK_LATIN);
  const rasd_token *k = find_tok(s, t, "الكرملينُ");
  if (k) {
    ASSERT_EQ_STR(k->form, "الكرملين");
    ASSERT_EQ_STR(k->bare, "كرملين");
    CHECK(k->flags & RASD_TOKF_SPACE_BEFORE);
  }
  const rasd_token *q = find_tok(s, t, "«");
  CHECK(q && (q->flags & RASD_TOKF_QUOTE_OPEN));
  const rasd_token *a = find_tok(s, t, "أون");
  CHECK(a && !(a->flags & RASD_TOKF_SPACE_BEFORE));
  ASSERT_EQ_STR(t->tok[0].form, "قال");
  CHECK(t->tok[0].flags & RASD_TOKF_PARA_START);
  const rasd_token *inn = find_tok(s, t, "إن");
  CHECK(inn && (inn->flags & RASD_TOKF_STOP));
  const rasd_token *fi = find_tok(s, t, "في");
  CHECK(fi && (fi->flags & RASD_TOKF_STOP));
  const rasd_token *ru = find_tok(s, t, "روسيا");
  CHECK(ru && !(ru->flags & RASD_TOKF_STOP));
  rasd_tokens_free(t);

  /* Hindi digits as a number, mixed directions, a date with Arabic digits */
  s = "في عام ٢٠١٥ قُتل ١٢٣ شخصاً (AFP) بتاريخ ١١/٨/٢٠١٥";
  len = strlen(s);
  t = rasd_tokenize(s, len);
  CHECK(offsets_ok(s, len, t));
  const rasd_token *y = find_tok(s, t, "٢٠١٥");
  CHECK(y && y->kind == RASD_TOK_NUMBER);
  if (y) ASSERT_EQ_STR(y->form, "2015");
  TOK_KIND(s, t, "AFP", RASD_TOK_LATIN);
  TOK_KIND(s, t, "(", RASD_TOK_PUNCT);
  const rasd_token *d = find_tok(s, t, "١١/٨/٢٠١٥");
  CHECK(d && d->kind == RASD_TOK_DATE);
  if (d) ASSERT_EQ_STR(d->form, "11/8/2015");
  const rasd_token *sh = find_tok(s, t, "شخصاً");
  if (sh) ASSERT_EQ_STR(sh->form, "شخصا");
  rasd_tokens_free(t);

  /* tatweel and diacritics stay inside the token's bytes but not its form */
  s = "الحـــــرب  الرَّئِيسُ";
  len = strlen(s);
  t = rasd_tokenize(s, len);
  ASSERT_EQ_INT(t->n_tok, 2);
  ASSERT_EQ_STR(t->tok[0].form, "الحرب");
  ASSERT_EQ_INT(t->tok[0].len, strlen("الحـــــرب"));
  ASSERT_EQ_STR(t->tok[1].bare, "رئيس");
  ASSERT_EQ_INT(t->tok[1].len, strlen("الرَّئِيسُ"));
  rasd_tokens_free(t);
}

static int n_sent(const char *s) {
  rasd_tokens *t = rasd_tokenize(s, strlen(s));
  int n = t ? (int)t->n_sent : -1;
  if (t && !offsets_ok(s, strlen(s), t)) n = -2;
  rasd_tokens_free(t);
  return n;
}

/* Text of sentence i. */
static char *sent_text(const char *s, int i) {
  rasd_tokens *t = rasd_tokenize(s, strlen(s));
  char *r = NULL;
  if (t && (size_t)i < t->n_sent) r = rasd__strndup(s + t->sent[i].start, t->sent[i].end - t->sent[i].start);
  rasd_tokens_free(t);
  return r;
}

static void test_sentences(void) {
  ASSERT_EQ_INT(n_sent("زار كيم روسيا. والتقى بوتين! هل يعود؟ ربما… ثم انتهى"), 5);
  ASSERT_EQ_INT(n_sent("قال وزير الدفاع سيرجي ك. شويجو إن الزيارة مهمة."), 1);
  ASSERT_EQ_INT(n_sent("اغتيل جون إف. كينيدي عام 1963. وكان رئيساً."), 2);
  ASSERT_EQ_INT(n_sent("قال د. محمد إن النمو بلغ 3.5 في المئة. وأضاف أ. علي أنه راض."), 2);
  /* a quote that goes on after a full stop is one sentence; .” closes it */
  ASSERT_EQ_INT(n_sent("وقال بوتين: “سنعمل معاً. لدينا فرص كثيرة.” وأضاف أن الزيارة ناجحة."), 2);
  char *a = sent_text("وقال بوتين: “سنعمل معاً. لدينا فرص كثيرة.” وأضاف أن الزيارة ناجحة.", 0);
  ASSERT_EQ_STR(a, "وقال بوتين: “سنعمل معاً. لدينا فرص كثيرة.”");
  free(a);
  /* ”. : the mark after the quote belongs to the sentence */
  a = sent_text("قال الكرملين إن كيم “سيقوم بزيارة رسمية”. وأكدت الوكالة ذلك.", 0);
  ASSERT_EQ_STR(a, "قال الكرملين إن كيم “سيقوم بزيارة رسمية”.");
  free(a);
  /* «» and reversed curly quotes used as openers */
  ASSERT_EQ_INT(n_sent("قال «لن نتراجع. أبداً» ثم غادر."), 1);
  ASSERT_EQ_INT(n_sent("قال ”لن نتراجع. أبداً“ ثم غادر."), 1);
  /* unbalanced quote: splitting goes on */
  ASSERT_EQ_INT(n_sent("قال “لن نتراجع. ثم غادر. وانتهى الأمر."), 3);
  /* line breaks end sentences and start paragraphs */
  const char *p = "العنوان الرئيسي\nالفقرة الأولى. جملة ثانية\n\nالفقرة الثالثة";
  rasd_tokens *t = rasd_tokenize(p, strlen(p));
  ASSERT_EQ_INT(t->n_sent, 4);
  if (t->n_sent == 4) {
    ASSERT_EQ_INT(t->sent[0].paragraph, 0);
    ASSERT_EQ_INT(t->sent[1].paragraph, 1);
    ASSERT_EQ_INT(t->sent[2].paragraph, 1);
    ASSERT_EQ_INT(t->sent[3].paragraph, 2);
    CHECK(t->tok[t->sent[3].tok_begin].flags & RASD_TOKF_PARA_START);
    CHECK(!(t->tok[t->sent[2].tok_begin].flags & RASD_TOKF_PARA_START));
  }
  rasd_tokens_free(t);
  /* numbered list item is not a sentence on its own */
  ASSERT_EQ_INT(n_sent("1. وصول الوفد إلى موسكو"), 1);
  ASSERT_EQ_INT(n_sent("هل انتهت الحرب؟! لا أحد يعرف"), 2);
  /* an era letter after a year ends the sentence: 2015م. / 1436 هـ. */
  ASSERT_EQ_INT(n_sent("وقعت الحادثة عام 2015م. وتلتها أخرى في 1436 هـ. ثم هدأت"), 3);
}

static char *bare_of(const char *w) {
  char *f = norm(w);
  size_t b = rasd__bare_offset(f, strlen(f));
  char *r = rasd__strdup0(f + b);
  free(f);
  return r;
}

static char *stem_of(const char *w) {
  char *f = norm(w);
  char *r = rasd_stem(f, strlen(f), NULL);
  free(f);
  return r;
}

#define BARE_IS(w, want) do { char *b_ = bare_of(w); ASSERT_EQ_STR(b_, want); free(b_); } while (0)
#define STEM_IS(w, want) do { char *b_ = stem_of(w); ASSERT_EQ_STR(b_, want); free(b_); } while (0)

static void test_bare(void) {
  BARE_IS("والذخائر", "ذخائر");
  BARE_IS("الذخائر", "ذخائر");
  BARE_IS("للرئيس", "رئيس");
  BARE_IS("وللرئيس", "رئيس");
  BARE_IS("بالرئيس", "رئيس");
  BARE_IS("فالحكومة", "حكومه");
  BARE_IS("وبالتالي", "تالي");
  BARE_IS("وبوتين", "بوتين");
  BARE_IS("لروسيا", "روسيا");
  BARE_IS("ولروسيا", "روسيا");
  BARE_IS("بموسكو", "موسكو");
  BARE_IS("وقال", "قال");
  BARE_IS("كذلك", "ذلك");
  /* names and words that only start like clitics keep their letters */
  BARE_IS("ليبيا", "ليبيا");
  BARE_IS("لبنان", "لبنان");
  BARE_IS("بكين", "بكين");
  BARE_IS("بوتين", "بوتين");
  BARE_IS("فلاديمير", "فلاديمير");
  BARE_IS("كوريا", "كوريا");
  BARE_IS("بيونغ", "بيونغ");
  BARE_IS("وزير", "وزير");
  BARE_IS("وكالة", "وكاله");
  BARE_IS("والده", "والده");
  BARE_IS("واشنطن", "واشنطن");
  BARE_IS("التي", "التي");
  BARE_IS("الله", "الله");
  BARE_IS("ألمانيا", "المانيا");
  BARE_IS("لقاء", "لقاء");
  BARE_IS("برنامج", "برنامج");
  BARE_IS("كبير", "كبير");
  BARE_IS("فرنسا", "فرنسا");
  BARE_IS("الحرب", "حرب");
  BARE_IS("وفي", "وفي"); /* too short to split */
  BARE_IS("بالغة", "بالغه");
  BARE_IS("البالغين", "بالغين");
  BARE_IS("الانتخابات", "انتخابات"); /* الآن is protected as a word, not as a prefix */
  BARE_IS("والانتخابات", "انتخابات");
  BARE_IS("واليوم", "يوم");           /* والي is protected as a word only */
  BARE_IS("والدولار", "دولار");
  BARE_IS("والغامض", "غامض");
  /* gazetteer splits include what bare leaves alone */
  char *f = norm("لبوتين");
  size_t off[8];
  int n = rasd__clitic_splits(f, strlen(f), off, 8);
  CHECK(n >= 2);
  if (n >= 2) { ASSERT_EQ_STR(f + off[0], "بوتين"); ASSERT_EQ_INT(off[n - 1], 0); }
  free(f);
}

static void test_stem(void) {
  /* the same word with different clitics: one stem */
  STEM_IS("والذخائر", "ذخائر");
  STEM_IS("الذخائر", "ذخائر");
  STEM_IS("ذخائر", "ذخائر");
  STEM_IS("للرئيس", "رئيس");
  STEM_IS("الرئيس", "رئيس");
  STEM_IS("رئيس", "رئيس");
  STEM_IS("كوريا", "كوري");
  STEM_IS("الكورية", "كوري");
  STEM_IS("الكوريين", "كوري");
  STEM_IS("روسيا", "روسي");
  STEM_IS("الروسية", "روسي");
  STEM_IS("الحكومة", "حكوم");
  STEM_IS("حكومتها", "حكوم");
  STEM_IS("الحكومات", "حكوم");
  STEM_IS("الحكومتان", "حكوم");
  STEM_IS("المسلمين", "مسلم");
  STEM_IS("المسلمون", "مسلم");
  STEM_IS("سيزور", "يزور");
  STEM_IS("بلادنا", "بلاد");
  STEM_IS("قادتهم", "قاد");
  STEM_IS("قادة", "قاد");
  /* names keep their letters */
  STEM_IS("بوتين", "بوتين");
  STEM_IS("شويغو", "شويغو");
  STEM_IS("بيونغ", "بيونغ");
  STEM_IS("إيران", "ايران");
  STEM_IS("لبنان", "لبنان");
  STEM_IS("كيم", "كيم");
  STEM_IS("سيرجي", "سيرجي");
  STEM_IS("سياسة", "سياس");
  STEM_IS("Putin", "putin");
}

static void test_bad_input(void) {
  /* empty */
  rasd_tokens *t = rasd_tokenize("", 0);
  CHECK(t && t->n_tok == 0 && t->n_sent == 0);
  rasd_tokens_free(t);
  t = rasd_tokenize(NULL, 0);
  CHECK(t && t->n_tok == 0);
  rasd_tokens_free(t);
  rasd_tokens_free(NULL);
  /* invalid UTF-8 → OTHER tokens, offsets intact */
  const char bad[] = "كيم\xff\xfe أون \xd8 \xe2\x80 \xc0\xaf \xed\xa0\x80 بوتين\xd9";
  size_t len = sizeof bad - 1;
  t = rasd_tokenize(bad, len);
  CHECK(t && offsets_ok(bad, len, t));
  int other = 0, words = 0;
  for (size_t k = 0; t && k < t->n_tok; k++) {
    if (t->tok[k].kind == RASD_TOK_OTHER) {
      other++;
      ASSERT_EQ_STR(t->tok[k].form, "\xEF\xBF\xBD");
    }
    if (t->tok[k].kind == RASD_TOK_WORD) words++;
  }
  ASSERT_EQ_INT(words, 3);
  ASSERT_EQ_INT(other, 6);
  rasd_tokens_free(t);
  /* NUL bytes inside */
  const char nul[] = "كيم\0\0أون\0";
  t = rasd_tokenize(nul, sizeof nul - 1);
  CHECK(t && offsets_ok(nul, sizeof nul - 1, t));
  ASSERT_EQ_INT(t->n_tok, 4);
  if (t->n_tok == 4) {
    ASSERT_EQ_INT(t->tok[1].kind, RASD_TOK_OTHER);
    ASSERT_EQ_INT(t->tok[1].len, 2);
    ASSERT_EQ_STR(t->tok[2].form, "اون");
  }
  rasd_tokens_free(t);
  /* unbalanced quotes everywhere */
  const char *q = "“ ” « « » \" ' ‘ ’ “قال. ”";
  t = rasd_tokenize(q, strlen(q));
  CHECK(t && offsets_ok(q, strlen(q), t));
  rasd_tokens_free(t);
  /* a 100 KB word: cut into exact pieces, offsets contiguous */
  size_t big = 100 * 1024;
  char *w = malloc(big + 1);
  for (size_t i = 0; i < big; i += 2) memcpy(w + i, "ب", 2);
  w[big] = 0;
  t = rasd_tokenize(w, big);
  CHECK(t && offsets_ok(w, big, t));
  CHECK(t && t->n_tok >= 2 && t->n_tok <= 4);
  size_t covered = 0;
  for (size_t k = 0; t && k < t->n_tok; k++) covered += t->tok[k].len;
  ASSERT_EQ_INT(covered, big);
  rasd_tokens_free(t);
  /* 100 KB of digits and of Latin letters */
  memset(w, '7', big);
  t = rasd_tokenize(w, big);
  CHECK(t && offsets_ok(w, big, t));
  rasd_tokens_free(t);
  memset(w, 'x', big);
  t = rasd_tokenize(w, big);
  CHECK(t && offsets_ok(w, big, t));
  rasd_tokens_free(t);
  free(w);
  /* a ligature that expands a lot, many times */
  rasd__buf b;
  rasd__buf_init(&b);
  for (int i = 0; i < 5000; i++) rasd__buf_adds(&b, "ﷺ﷽");
  t = rasd_tokenize(b.s, b.len);
  CHECK(t && offsets_ok(b.s, b.len, t));
  rasd_tokens_free(t);
  rasd__buf_free(&b);
}

/* A 1 MB paragraph (one line, no full stop) is tokenized in linear time. */
static void test_big_paragraph(void) {
  rasd__buf b;
  rasd__buf_init(&b);
  while (b.len < (1u << 20)) rasd__buf_adds(&b, "وقال الرئيسُ “إن الذخائرَ، والصواريخ ٣٫٥ مليون” ");
  rasd_tokens *t = rasd_tokenize(b.s, b.len);
  CHECK(t && offsets_ok(b.s, b.len, t));
  CHECK(t && t->n_tok > 100000);
  CHECK(t && t->n_sent == 1);
  rasd_tokens_free(t);
  /* many quote opens with no close: still linear */
  rasd__buf_clear(&b);
  while (b.len < (1u << 20)) rasd__buf_adds(&b, "“قال. ");
  t = rasd_tokenize(b.s, b.len);
  CHECK(t && offsets_ok(b.s, b.len, t));
  rasd_tokens_free(t);
  rasd__buf_free(&b);
}

/* The seed articles: every sentence has tokens and sane offsets. */
static void test_seeds(void) {
  const char *sh = th_shared();
  if (!sh) { SKIP("../shared not present"); return; }
  for (int i = 0; i < 5; i++) {
    char path[4200];
    snprintf(path, sizeof path, "%.4000s/corpus/seeds/seed-%d.txt", sh, i);
    size_t len;
    char *s = th_slurp(path, &len);
    if (!s) { SKIP("seed missing"); continue; }
    rasd_tokens *t = rasd_tokenize(s, len);
    CHECK(t && offsets_ok(s, len, t));
    CHECK(t && t->n_sent > 3);
    rasd_tokens_free(t);
    free(s);
  }
}

int main(void) {
  RUN(test_normalize);
  RUN(test_tokens);
  RUN(test_sentences);
  RUN(test_bare);
  RUN(test_stem);
  RUN(test_bad_input);
  RUN(test_big_paragraph);
  RUN(test_seeds);
  TH_DONE();
}
