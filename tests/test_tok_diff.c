/* test_tok_diff.c — differential test: the fast text kernel (tokens, offsets, forms, bare forms, stems, flags,
 * sentences, clitic splits) must equal the reference implementation (test_tok_ref.inc) byte for byte, on the
 * bundled examples, on mutated text full of edge cases, at every level of vector code, and on SaudiNewsNet days
 * when ../shared is present (one day by default, to stay quick under the sanitizers; RASD_DIFF_DAYS=all for all). */
#include <jansson.h>
#include <dirent.h>
#include <unistd.h>
#include "harness.h"
#include "test_tok_ref.inc"

static size_t n_texts, n_tokens, n_bad;
static int quick; /* compare only the best vector level (with and without stems) and SSE2 */

/* Compares one field; reports the first few differences with context. */
static void report(const char *what, const char *s, size_t len, size_t k, const rasd_token *a, const rasd_token *b) {
  if (n_bad++ >= 8) return;
  size_t at = a ? a->start : (b ? b->start : 0);
  size_t lo = at > 40 ? at - 40 : 0, hi = at + 40 < len ? at + 40 : len;
  fprintf(stderr, "DIFF %s at token %zu (byte %zu): fast '%.80s' ref '%.80s' in «%.*s»\n", what, k, at,
          a && a->form ? a->form : "-", b && b->form ? b->form : "-", (int)(hi - lo), s + lo);
}

static int same_str(const char *a, size_t al, const char *b, size_t bl) {
  return al == bl && !memcmp(a, b, al) && a[al] == 0 && b[bl] == 0;
}

/* Tokenizes s both ways (with and without stems; the fast way with each level of vector code: scalar, SSE2,
 * AVX2, AVX-512BW, AVX-512 VBMI2 as the CPU has them) and compares everything; returns 1 when equal. */
static int diff_text(const char *s, size_t len) {
  int ok = 1;
  n_texts++;
  rasd_tokens *R[2] = {ref__tokenize_ex(s, len, 0), ref__tokenize_ex(s, len, RASD__TOK_NO_STEM)};
  for (int pass = 0; pass < 6; pass++) {
    if (quick && (pass == 1 || pass == 3 || pass == 4)) continue;
    unsigned fl = pass ? RASD__TOK_NO_STEM : 0;
    int old = rasd__tok_simd(pass ? pass - 1 : 4); /* pass 0: stems, best level; passes 1-5: levels 0-4 */
    rasd_tokens *A = rasd__tokenize_ex(s, len, fl), *B = R[pass != 0];
    rasd__tok_simd(old);
    if (!A || !B) { ok = 0; report("NULL", s, len, 0, NULL, NULL); rasd_tokens_free(A); continue; }
    if (A->n_tok != B->n_tok) { ok = 0; report("token count", s, len, 0, NULL, NULL); }
    size_t n = A->n_tok < B->n_tok ? A->n_tok : B->n_tok;
    if (!pass) n_tokens += n;
    for (size_t k = 0; k < n; k++) {
      const rasd_token *a = &A->tok[k], *b = &B->tok[k];
      const char *bad = NULL;
      if (a->start != b->start || a->len != b->len) bad = "offsets";
      else if (a->kind != b->kind) bad = "kind";
      else if (a->flags != b->flags) bad = "flags";
      else if (a->sentence != b->sentence) bad = "sentence";
      else if (!same_str(a->form, a->form_len, b->form, b->form_len)) bad = "form";
      else if (!same_str(a->bare, a->bare_len, b->bare, b->bare_len)) bad = "bare";
      else if (!same_str(a->stem, a->stem_len, b->stem, b->stem_len)) bad = "stem";
      else if (a->kind == RASD_TOK_WORD && !pass) {
        size_t oa[8], ob[8];
        int na = rasd__clitic_splits(a->form, a->form_len, oa, 8), nb = ref__clitic_splits(b->form, b->form_len, ob, 8);
        if (na != nb || memcmp(oa, ob, (size_t)na * sizeof oa[0])) bad = "clitic splits";
        else if (rasd__bare_offset(a->form, a->form_len) != ref__bare_offset(b->form, b->form_len)) bad = "bare offset";
        else if (rasd__is_stopword(a->form, a->form_len) != ref__is_stopword(b->form, b->form_len)) bad = "stopword";
      }
      if (bad) { ok = 0; report(bad, s, len, k, a, b); break; }
    }
    if (A->n_sent != B->n_sent) { ok = 0; report("sentence count", s, len, 0, NULL, NULL); }
    else if (A->n_sent && memcmp(A->sent, B->sent, A->n_sent * sizeof *A->sent)) { ok = 0; report("sentences", s, len, 0, NULL, NULL); }
    rasd_tokens_free(A);
  }
  ref_tokens_free(R[0]);
  ref_tokens_free(R[1]);
  return ok;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0, r;
  char *b = malloc(cap);
  while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) { char *nb = realloc(b, cap *= 2); if (!nb) { free(b); b = NULL; } else b = nb; }
  }
  fclose(f);
  *len = n;
  return b;
}

/* Tricky pieces spliced into real text: marks, joiners, unified letters, digits, quotes, abbreviations,
 * URLs, dates, ligatures, invalid bytes, NUL, emoji, clitics and sentence marks. */
static const char *const pieces[] = {
  "\xd9\x8e", "\xd9\x91", "\xd9\x80", "\xe2\x80\x8c", "\xe2\x80\x8f", "أ", "إ", "آ", "ى", "ة", "٣", "٫", "٬", ".", "؟",
  "!", "…", "“", "”", "\"", "'", "’", "«", "»", "\n", " د. ", " ك. ", "http://x.com/أ?b=1.", "www.spa.gov.sa",
  "a@b.com", "2015/08/11", "11-8-2015", "1.2.34", "10:30", "3.5", "1,200", "١٬٢٠٠", "ﻻ", "ﷺ", "\xff", "\xc3",
  "\xe2\x80", "", "😀", "وال", "لل", "بال", "فل", "كال", "Mr.", " U.S. ", "O’Brien", "don't", "(", ")", "]",
  "\r\n", "\t", "\xc2\xa0", "\xef\xbb\xbf", "۱۲", "ـــ", "سي", "،", "؛", ":", "-", "--", "...", "؟!", " 1. ",
  "\xe2\x80\xa8", "Ａ", "ﺍﻟ", "ک", "ی", "١٤٣٦هـ.", "2015م.", " إف. ", "x", "ABC", "٠", "e\xcc\x81",
  /* for the block path: runs of one mark, quotes and spaces of every kind, words longer than a block */
  "،،", "؛", "؟؟", "««", "»", "\"\"", "''", "\n\n", " \n ", "\xc2\xa0\xc2\xa0", "\t\r\n",
  "استراتيجياتهمالاقتصاديةوالسياسيةوالعسكريةفيالمنطقة", "ةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةةة", "؟\"", ".«", "-(", "ـ"};

static void mutate_and_diff(const char *s, size_t len, unsigned *seed) {
  char *m = malloc(len + 64 * 24 + 1);
  if (!m) return;
  size_t o = 0, i = 0;
  while (i < len) {
    *seed = *seed * 1103515245u + 12345u;
    size_t step = 1 + (*seed >> 16) % 97;
    if (step > len - i) step = len - i;
    memcpy(m + o, s + i, step);
    o += step;
    i += step;
    if (o - i + 24 > 64 * 24) break; /* at most 64*24 bytes inserted */
    *seed = *seed * 1103515245u + 12345u;
    const char *p = pieces[(*seed >> 16) % (sizeof pieces / sizeof pieces[0])];
    size_t pl = *p ? strlen(p) : 1; /* "" stands for a NUL byte */
    memcpy(m + o, p, pl);
    o += pl;
  }
  CHECK(diff_text(m, o));
  free(m);
}

static void test_examples(void) {
  const char *dirs[] = {"examples/news", "examples/hostile", "tests/data"};
  unsigned seed = 7;
  size_t files = 0;
  for (int d = 0; d < 3; d++) {
    DIR *D = opendir(dirs[d]);
    if (!D) continue;
    struct dirent *e;
    while ((e = readdir(D))) {
      if (e->d_name[0] == '.') continue;
      char path[1024];
      snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
      size_t len;
      char *s = slurp(path, &len);
      if (!s) continue;
      files++;
      CHECK(diff_text(s, len));
      for (int r = 0; r < 10; r++) mutate_and_diff(s, len, &seed);
      /* every prefix cut of a short piece: token ends at the end of input */
      for (size_t cut = 0; cut < len && cut < 300; cut += 7) CHECK(diff_text(s, cut));
      free(s);
    }
    closedir(D);
  }
  CHECK(files >= 10);
  /* a 1 MB line with no space, long digit runs, a long mark run */
  size_t L = 1 << 20;
  char *big = malloc(L);
  if (big) {
    for (size_t i = 0; i + 1 < L; i += 2) { big[i] = (char)0xd8; big[i + 1] = (char)0xb3; }
    CHECK(diff_text(big, L));
    memset(big, '7', L);
    CHECK(diff_text(big, L));
    for (size_t i = 0; i + 1 < L; i += 2) { big[i] = (char)0xd9; big[i + 1] = (char)0x8e; }
    CHECK(diff_text(big, L));
    memset(big, '.', L);
    CHECK(diff_text(big, L));
    free(big);
  }
  CHECK(diff_text("", 0));
  CHECK(diff_text(NULL, 0));
}

/* Numbers on the block path: a digit run after every kind of byte and before every ASCII byte and the
 * non-ASCII characters that may or may not end a number (letters, ، ؛ ؟ « », NBSP, ٫ ٬ ٣, tatweel, marks, ”),
 * placed around the 64-byte block edges and the end of the text. */
static void test_block_numbers(void) {
  static const char *const before[] = {" ", "و", ".", "\n", "a", "\xc2\xa0"};
  static const char *const after[] = {"ب", "ي", "ة", "أ", "،", "؛", "؟", "«", "»", "\xc2\xa0", "٫", "٬", "٣", "ـ",
                                      "\xd9\x8e", "”", "\xe2\x80\x8c", "ﻻ", "ک"};
  static const char *const digits[] = {"7", "2015"};
  char buf[256];
  size_t texts = 0, bad = 0;
  for (int f = 0; f < 128 + (int)(sizeof after / sizeof after[0]); f++) {
    char fol[8];
    if (f < 128) fol[0] = (char)f, fol[1] = 0;
    else snprintf(fol, sizeof fol, "%s", after[f - 128]);
    size_t fl = f == 0 ? 1 : strlen(fol);
    for (size_t bi = 0; bi < sizeof before / sizeof before[0]; bi++)
      for (size_t d = 0; d < sizeof digits / sizeof digits[0]; d++)
        for (int at = 0; at < 70; at += (at > 1 && at < 56) ? 9 : 1) {
          size_t o = 0;
          while (o < (size_t)at) { /* Arabic words and spaces up to the run */
            const char *w = (o % 7 == 3) ? " " : "س";
            size_t wl = strlen(w);
            if (o + wl > (size_t)at) { buf[o++] = ' '; continue; }
            memcpy(buf + o, w, wl);
            o += wl;
          }
          size_t bl = strlen(before[bi]), dl = strlen(digits[d]);
          memcpy(buf + o, before[bi], bl);
          o += bl;
          memcpy(buf + o, digits[d], dl);
          o += dl;
          memcpy(buf + o, fol, fl);
          o += fl;
          texts++;
          if (!diff_text(buf, o)) bad++; /* the run and its follower at the end of the text */
          memcpy(buf + o, " كلمة 9", 12);
          texts++;
          if (!diff_text(buf, o + 12)) bad++;
        }
  }
  ASSERT_EQ_INT(bad, 0);
  CHECK(texts > 1000);
}

/* SaudiNewsNet days from ../shared (unzipped through a pipe): title + content of every article, and one in
 * twenty mutated. */
static void test_saudinewsnet(void) {
  const char *shared = th_shared();
  if (!shared) { SKIP("../shared not found"); return; }
  char dir[4200];
  snprintf(dir, sizeof dir, "%.4000s/data/news/saudinewsnet", shared);
  if (system("command -v unzip >/dev/null 2>&1") != 0) { SKIP("unzip missing"); return; }
  const char *days = getenv("RASD_DIFF_DAYS");
  int all = days && !strcmp(days, "all");
  DIR *D = opendir(dir);
  if (!D) { SKIP("no SaudiNewsNet directory"); return; }
  struct dirent *e;
  size_t ndays = 0, arts = 0;
  unsigned seed = 11;
  while ((e = readdir(D))) {
    size_t l = strlen(e->d_name);
    if (l < 5 || strcmp(e->d_name + l - 4, ".zip")) continue;
    if (!all && strcmp(e->d_name, "2015-08-10.zip")) continue;
    char cmd[8600];
    snprintf(cmd, sizeof cmd, "unzip -p '%s/%s'", dir, e->d_name);
    FILE *p = popen(cmd, "r");
    if (!p) continue;
    json_error_t je;
    json_t *arr = json_loadf(p, 0, &je);
    pclose(p);
    if (!json_is_array(arr)) { json_decref(arr); continue; }
    ndays++;
    size_t i, bad = 0;
    json_t *a;
    json_array_foreach(arr, i, a) {
      const char *keys[] = {"title", "content"};
      for (int k = 0; k < 2; k++) {
        json_t *v = json_object_get(a, keys[k]);
        if (!json_is_string(v)) continue;
        const char *s = json_string_value(v);
        size_t len = json_string_length(v);
        quick = 1; /* the whole day at two levels; one article in twenty mutated, at every level */
        if (!diff_text(s, len)) bad++;
        quick = 0;
        if (k == 1 && i % 20 == 0) mutate_and_diff(s, len, &seed);
      }
      arts++;
    }
    ASSERT_EQ_INT(bad, 0);
    json_decref(arr);
  }
  closedir(D);
  CHECK(ndays >= 1);
  fprintf(stderr, "diff: %zu SaudiNewsNet days, %zu articles\n", ndays, arts);
}

int main(void) {
  rasd__text_init();
  RUN(test_examples);
  RUN(test_block_numbers);
  RUN(test_saudinewsnet);
  fprintf(stderr, "diff: %zu texts, %zu tokens compared, %zu differences\n", n_texts, n_tokens, n_bad);
  TH_DONE();
}
