/* clean.c — raw article → cleaned document: UI strings, boilerplate, captions, credits, bylines, datelines,
 * publisher summaries, subheads, broken lines, run-together words, invisible characters. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "read/read.h"

/* Boilerplate statistics: per (outlet, line) the number of distinct articles that had the line. */
#define BP_MAX_ENTRIES ((size_t)1 << 20)
#define BP_SHORT_WORDS 12   /* lines up to this many words are boilerplate from BP_SHORT_DOCS articles on */
#define BP_SHORT_DOCS 3
#define BP_LONG_WORDS 40    /* longer lines (up to this) need BP_LONG_DOCS articles */
#define BP_LONG_DOCS 6

typedef struct bp_slot {
  uint64_t key;
  uint32_t count, last;
} bp_slot;

typedef struct line {
  const char *s;
  size_t n;
  int blank_before;
  int words;
  uint64_t key; /* its key in the boilerplate table, 0 when it is too long or short to be counted */
} line;

struct rasd_cleaner {
  bp_slot *bp;
  size_t bp_cap, bp_n;
  uint32_t seq;
  rasd__buf norm;  /* the article's text after character normalisation */
  rasd__buf para;  /* paragraph being built */
  line *lines;
  size_t nl, capl;
  uint64_t *seen;  /* this article's boilerplate keys */
  size_t nseen, capseen;
};

rasd_cleaner *rasd_cleaner_new(void) {
  rasd_cleaner *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  rasd__buf_init(&c->norm);
  rasd__buf_init(&c->para);
  return c;
}

void rasd_cleaner_free(rasd_cleaner *c) {
  if (!c) return;
  free(c->bp);
  rasd__buf_free(&c->norm);
  rasd__buf_free(&c->para);
  free(c->lines);
  free(c->seen);
  free(c);
}

/* ---------- document building ---------- */

typedef struct strv {
  char **v;
  size_t n, cap;
} strv;

typedef struct dbuild {
  rasd_doc *d;
  rasd__arena *ar;
  strv paras, caps, creds, ags, warns, reps;
  rasd_removed *rem;
  size_t nrem, caprem;
  size_t *subs;
  size_t nsubs, capsubs;
  rasd__buf summary;
  char date_from_dateline[11];
  int oom;
} dbuild;

static char *adup(dbuild *b, const char *s, size_t n) {
  char *p = rasd__arena_strndup(b->ar, s, n);
  if (!p) b->oom = 1;
  return p;
}

static void sv_push(dbuild *b, strv *v, char *s) {
  if (!s || RASD__VEC_PUSH(v->v, v->n, v->cap, s)) b->oom = 1;
}

static void removed(dbuild *b, const char *s, size_t n, const char *reason) {
  rasd_removed r = {adup(b, s, n), (char *)reason};
  if (RASD__VEC_PUSH(b->rem, b->nrem, b->caprem, r)) b->oom = 1;
}

static void add_agency(dbuild *b, const char *canon) {
  if (!canon || !strcmp(canon, "agencies")) return;
  for (size_t i = 0; i < b->ags.n; i++)
    if (!strcmp(b->ags.v[i], canon)) return;
  sv_push(b, &b->ags, adup(b, canon, strlen(canon)));
}

/* ---------- character normalisation ---------- */

/* Advances j (a character boundary inside or at the start of a fast-path run of normalize_text) over whole
 * 16-byte blocks that the fast path would copy as they are: printable ASCII, two-byte letters C3–DF other
 * than U+061C, and single spaces followed by one of those. Returns where the byte-wise loop goes on. */
static size_t simple_run16(const char *str, size_t j, size_t len) {
#ifdef __SSE2__
  const unsigned char *s = (const unsigned char *)str;
  const __m128i m1 = _mm_set1_epi8(-1), m32 = _mm_set1_epi8(32), del = _mm_set1_epi8(127),
                m65 = _mm_set1_epi8(-65), m61 = _mm_set1_epi8(-61), m33 = _mm_set1_epi8(-33),
                zero = _mm_setzero_si128(), m64 = _mm_set1_epi8(-64), m62 = _mm_set1_epi8(-62),
                m32n = _mm_set1_epi8(-32), d8 = _mm_set1_epi8((char)0xD8), x9c = _mm_set1_epi8((char)0x9C),
                sp = _mm_set1_epi8(' ');
  while (j + 16 <= len) {
    __m128i x = _mm_loadu_si128((const __m128i *)(s + j));
    __m128i p = _mm_slli_si128(x, 1);
    __m128i bad = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(x, m1), _mm_cmplt_epi8(x, m32)), _mm_cmpeq_epi8(x, del));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpgt_epi8(x, m65), _mm_cmplt_epi8(x, m61)));  /* C0–C2 */
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpgt_epi8(x, m33), _mm_cmplt_epi8(x, zero))); /* E0–FF */
    __m128i cont = _mm_cmplt_epi8(x, m64);                                                  /* 80–BF */
    __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(p, m62), _mm_cmplt_epi8(p, m32n));          /* C3–DF before */
    bad = _mm_or_si128(bad, _mm_xor_si128(cont, lead));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(p, d8), _mm_cmpeq_epi8(x, x9c))); /* U+061C */
    __m128i isp = _mm_cmpeq_epi8(x, sp);
    bad = _mm_or_si128(bad, _mm_and_si128(isp, _mm_slli_si128(isp, 1))); /* two spaces */
    if (_mm_movemask_epi8(bad)) break;
    /* a lead or a space in the last byte needs the next block's first byte: look at it again */
    unsigned l = s[j + 15];
    size_t adv = 16;
    if (l == ' ' || (l >= 0xC3 && l <= 0xDF)) adv = s[j + 14] == ' ' ? 14 : 15;
    j += adv;
  }
#else
  (void)str, (void)len;
#endif
  return j;
}

/* Copies 's' to 'out' with invisible characters removed (LRM/RLM, embeddings, BOM, ZWSP, soft hyphen, misused
 * ZWJ/ZWNJ), exotic spaces and tabs made plain spaces, CR/LF and line separators made "\n", other controls
 * dropped, runs of spaces collapsed and lines trimmed; invalid UTF-8 becomes U+FFFD. */
static void normalize_text(const char *s, size_t len, rasd__buf *out, int keep_newlines) {
  rasd__buf_clear(out);
  /* Room for the worst case: every byte an invalid one that becomes U+FFFD (3 bytes). */
  if (len > (SIZE_MAX - 16) / 3 || rasd__buf_grow(out, 3 * len + 16)) return;
  char *o = out->s;
  size_t on = 0, i = 0;
  int pending_space = 0; /* a space to write before the next visible character */
  int at_line_start = 1;
  int32_t prev_cp = 0;
  while (i < len) {
    /* fast path: a run of printable ASCII, two-byte letters and single spaces between them is copied as is */
    size_t j = i;
    for (;;) {
      if (j > i || (j < len && s[j] != ' ')) j = simple_run16(s, j, len);
      size_t lim = j + 16; /* then a few characters one by one, and back to blocks */
      while (j < len && j < lim) {
        unsigned char c = (unsigned char)s[j];
        if (c >= 0x21 && c < 0x7F) {
          j++;
          continue;
        }
        if (c >= 0xC3 && c <= 0xDF && j + 1 < len && ((unsigned char)s[j + 1] & 0xC0) == 0x80 &&
            !(c == 0xD8 && (unsigned char)s[j + 1] == 0x9C)) {
          j += 2;
          continue;
        }
        if (c == ' ' && j > i && j + 1 < len) {
          unsigned char d = (unsigned char)s[j + 1];
          if ((d >= 0x21 && d < 0x7F) ||
              (d >= 0xC3 && d <= 0xDF && !(d == 0xD8 && j + 2 < len && (unsigned char)s[j + 2] == 0x9C))) {
            j++;
            continue;
          }
        }
        goto run_end;
      }
      if (j >= len) break;
    }
  run_end:
    if (j > i) {
      if (pending_space && !at_line_start) o[on++] = ' ';
      pending_space = 0;
      at_line_start = 0;
      memcpy(o + on, s + i, j - i);
      on += j - i;
      prev_cp = 0x100;
      i = j;
      continue;
    }
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x21 && c < 0x7F) {
      if (pending_space && !at_line_start) o[on++] = ' ';
      pending_space = 0;
      at_line_start = 0;
      o[on++] = (char)c;
      prev_cp = c;
      i++;
      continue;
    }
    /* two-byte letters (Arabic, Latin-1 letters): copied as they are */
    if (c >= 0xC3 && c <= 0xDF && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
        !(c == 0xD8 && (unsigned char)s[i + 1] == 0x9C)) {
      if (pending_space && !at_line_start) o[on++] = ' ';
      pending_space = 0;
      at_line_start = 0;
      o[on++] = (char)c;
      o[on++] = s[i + 1];
      prev_cp = 0x100;
      i += 2;
      continue;
    }
    int32_t cp;
    size_t start = i;
    if (c < 0x80) {
      cp = c;
      i++;
    } else {
      cp = rasd__utf8_next(s, len, &i);
      if (cp < 0) cp = 0xFFFD;
    }
    switch (cp) {
    case ' ': case '\t': case 0x0B: case 0x0C: case 0xA0: case 0x1680: case 0x2000: case 0x2001: case 0x2002:
    case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
      pending_space = 1;
      continue;
    case '\n': case '\r': case 0x85: case 0x2028: case 0x2029:
      if (cp == '\r' && i < len && s[i] == '\n') i++;
      if (keep_newlines) {
        /* trim trailing space (never written yet: pending) */
        o[on++] = '\n';
        at_line_start = 1;
      } else {
        pending_space = 1;
      }
      pending_space = keep_newlines ? 0 : 1;
      prev_cp = '\n';
      continue;
    case 0x200B: case 0x200E: case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
    case 0x2066: case 0x2067: case 0x2068: case 0x2069: case 0x061C: case 0xFEFF: case 0xAD: case 0x2060:
    case 0x200C:
      continue;
    case 0x200D:
      /* ZWJ joins emoji; between Arabic letters or spaces it is misuse */
      if (prev_cp >= 0x1F000) break;
      continue;
    default:
      if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;
    }
    if (pending_space && !at_line_start) o[on++] = ' ';
    pending_space = 0;
    at_line_start = 0;
    if (cp == 0xFFFD && (unsigned char)s[start] < 0x80) cp = 0xFFFD;
    if (i - start <= 4 && cp != 0xFFFD) {
      memcpy(o + on, s + start, i - start);
      on += i - start;
    } else {
      on += (size_t)rasd__utf8_put(o + on, cp);
    }
    prev_cp = cp;
    if (on + 8 > out->cap) {
      out->len = on;
      if (rasd__buf_grow(out, 64 + (len - i) * 2)) return;
      o = out->s;
    }
  }
  out->len = on;
  out->s[on] = 0;
}

/* Normalised copy of a metadata string (one line), or NULL when it has no visible text. */
static char *norm_field(dbuild *b, rasd__buf *tmp, const char *s) {
  if (!s) return NULL;
  normalize_text(s, strlen(s), tmp, 0);
  if (tmp->oom) {
    b->oom = 1;
    return NULL;
  }
  if (tmp->len == 0) return NULL;
  return adup(b, tmp->s, tmp->len);
}

/* ---------- line predicates ---------- */

/* Words in a line, counted up to 64 (every rule that looks at the count stops well below it): 1 + its spaces. */
static int count_words(const char *s, size_t n) {
  int w = n > 0;
  size_t i = 0;
#ifdef __SSE2__
  /* spaces per 16 bytes summed by psadbw (a popcount would be a library call without -mpopcnt) */
  const __m128i sp = _mm_set1_epi8(' '), one = _mm_set1_epi8(1), zero = _mm_setzero_si128();
  for (; i + 16 <= n && w < 64; i += 16) {
    __m128i eq = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), sp);
    __m128i sum = _mm_sad_epu8(_mm_and_si128(eq, one), zero);
    w += _mm_cvtsi128_si32(sum) + _mm_extract_epi16(sum, 4);
  }
#endif
  for (; i < n && w < 64; i++) w += s[i] == ' ';
  return w < 64 ? w : 64;
}

/* Position of the first space in s[i..n), or n. */
static inline size_t next_space(const char *s, size_t i, size_t n) {
#ifdef __SSE2__
  const __m128i sp = _mm_set1_epi8(' ');
  for (; i + 16 <= n; i += 16) {
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), sp));
    if (m) return i + (size_t)__builtin_ctz(m);
  }
#endif
  while (i < n && s[i] != ' ') i++;
  return i;
}

static int has_comma(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if (s[i] == ',' || ((unsigned char)s[i] == 0xD8 && (unsigned char)s[i + 1] == 0x8C)) return 1;
  return n && s[n - 1] == ',';
}

/* Last code point of s[0..n) and its start. */
static int32_t last_cp(const char *s, size_t n, size_t *start) {
  if (!n) return 0;
  size_t k = n - 1;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
  size_t j = k;
  int32_t cp = rasd__utf8_next(s, n, &j);
  if (start) *start = k;
  return cp;
}

static int is_final_punct(int32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == ':' || cp == ';' || cp == 0x061B ||
         cp == 0x2026 || cp == 0x06D4;
}

static int is_close_quote(int32_t cp) {
  return cp == '"' || cp == 0x201D || cp == 0x00BB || cp == 0x2019 || cp == '\'' || cp == 0x00AB || cp == 0x201C;
}

/* The parenthesised tail "(…)" of a line: returns 1 and its inner span. */
static int paren_tail(const char *s, size_t n, const char **in, size_t *inn, size_t *open) {
  if (n < 3 || s[n - 1] != ')') return 0;
  size_t k = n - 1;
  while (k > 0 && s[k - 1] != '(' && s[k - 1] != ')') k--;
  if (k == 0 || s[k - 1] != '(') return 0;
  *open = k - 1;
  *in = s + k;
  *inn = n - 1 - k;
  return 1;
}

/* 1 when a line ends a sentence: final punctuation, maybe followed by closing quotes; a closing quotation
 * ends a paragraph too; "(…)" at the end counts when it is an agency credit or follows final punctuation. */
static int ends_sentence(const char *s, size_t n) {
  const char *in;
  size_t inn, open;
  if (paren_tail(s, n, &in, &inn, &open)) {
    if (rasd__agency_canon(in, inn)) return 1;
    n = open;
    while (n && s[n - 1] == ' ') n--;
  }
  size_t st;
  int32_t cp = last_cp(s, n, &st);
  int quotes = 0;
  while (n && is_close_quote(cp) && quotes < 3) {
    n = st;
    cp = last_cp(s, n, &st);
    quotes++;
  }
  if (is_final_punct(cp)) return 1;
  return quotes > 0;
}

static int ends_question(const char *s, size_t n) {
  int32_t cp = last_cp(s, n, NULL);
  return cp == '?' || cp == 0x061F || cp == '!';
}

/* The last word of a line. */
static void last_word(const char *s, size_t n, const char **w, size_t *wn) {
  size_t e = n;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '-')) e--;
  size_t b = e;
  while (b > 0 && s[b - 1] != ' ') b--;
  *w = s + b;
  *wn = e - b;
}

static int ends_dangling(const char *s, size_t n) {
  const char *w;
  size_t wn;
  last_word(s, n, &w, &wn);
  return rasd__is_dangling_word(w, wn);
}

static int starts_with(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && !memcmp(s, p, k);
}

/* Length of a bullet marker at the start ("- ", "• ", "* ", "– ", "▪ "), or 0. */
static size_t bullet_len(const char *s, size_t n) {
  static const char *const m[] = {"- ", "• ", "* ", "– ", "— ", "▪ ", "● ", "◾ ", "■ ", NULL};
  /* every marker begins with '-', '*' or the lead byte E2 of its three-byte UTF-8: most lines begin otherwise */
  if (!n || (s[0] != '-' && s[0] != '*' && (unsigned char)s[0] != 0xE2)) return 0;
  for (size_t i = 0; m[i]; i++)
    if (starts_with(s, n, m[i])) return strlen(m[i]);
  return 0;
}

static int contains(const char *s, size_t n, const char *needle) {
  size_t k = strlen(needle);
  if (k > n) return 0;
  return memmem(s, n, needle, k) != NULL;
}

static int ieq_ascii(const char *s, size_t n, const char *w) {
  return strlen(w) == n && !strncasecmp(s, w, n);
}

static int photo_source(const char *s, size_t n) {
  static const char *const ascii[] = {"getty", "getty images", "gettyimages", "afp", "reuters", "ap", "epa",
                                      "shutterstock", "istock", "x", "twitter", "facebook", "instagram", NULL};
  for (size_t i = 0; ascii[i]; i++)
    if (ieq_ascii(s, n, ascii[i])) return 1;
  if (n >= 5 && !strncasecmp(s, "getty", 5)) return 1;
  static const char *const ar[] = {"أرشيفية", "أرشيف", "ارشيفية", "صورة أرشيفية", "صورة", "الصورة", "تصوير",
                                   "مواقع التواصل", "وسائل التواصل", "إكس", "تويتر", "فيسبوك", "انستغرام",
                                   "الإنترنت", "إنترنت", "متداولة", "صورة متداولة", "خاص", "أرشيفية - رويترز",
                                   NULL};
  for (size_t i = 0; ar[i]; i++)
    if (strlen(ar[i]) == n && !memcmp(ar[i], s, n)) return 1;
  if (starts_with(s, n, "تصوير") || starts_with(s, n, "صورة") || starts_with(s, n, "أرشيفية")) return 1;
  return 0;
}

/* Where the outlet's tag list begins in line 's' ('n' bytes): a marker (سمات، الوسوم:، كلمات دالة:…) after a
 * sentence's end, then at most 25 words with no sentence punctuation to the line's end; 'n' when none. */
static size_t tags_tail(const char *s, size_t n) {
  static const char *const MARK[] = {"سمات ", "الوسوم:", "الوسوم :", "وسوم:", "كلمات دالة:", "الكلمات الدالة:",
                                     "كلمات مفتاحية:", "الكلمات المفتاحية:", "الكلمات الدلالية:", NULL};
  for (size_t p = 0; p < n; p++) {
    if (p && !(p >= 2 && s[p - 1] == ' ' && (s[p - 2] == '.' || s[p - 2] == '!' || s[p - 2] == '?' ||
                                              (p >= 3 && (unsigned char)s[p - 3] == 0xD8 && (unsigned char)s[p - 2] == 0x9F))))
      continue;
    for (size_t k = 0; MARK[k]; k++) {
      size_t ml = strlen(MARK[k]);
      if (p + ml >= n || memcmp(s + p, MARK[k], ml)) continue;
      size_t words = 0;
      int punct = 0;
      for (size_t q = p + ml; q < n && !punct; q++) {
        punct = s[q] == '.' || s[q] == '!' || s[q] == '?' || s[q] == ':' || ((unsigned char)s[q] == 0xD8 && q + 1 < n && (unsigned char)s[q + 1] == 0x9F);
        if (s[q] != ' ' && (q == p + ml || s[q - 1] == ' ')) words++;
      }
      if (!punct && words >= 1 && words <= 25) return p;
    }
  }
  return n;
}

/* A photo caption: "… (Getty)", "صورة: …", "(أرشيفية)" tails. */
static int is_caption(const line *l) {
  if (l->words > 45) return 0;
  const char *s = l->s;
  size_t n = l->n;
  if ((starts_with(s, n, "صورة") || starts_with(s, n, "الصورة") || starts_with(s, n, "(صورة") ||
       starts_with(s, n, "تصوير:") || starts_with(s, n, "📷")) &&
      l->words <= 30 && (n > 10 && (contains(s, 12, ":") || contains(s, n, "(") || l->words <= 25)))
    return !ends_sentence(s, n) || contains(s, 14, ":");
  const char *in;
  size_t inn, open;
  if (!paren_tail(s, n, &in, &inn, &open) || open == 0) return 0;
  /* text before the credit must not be a finished sentence */
  size_t before = open;
  while (before > 0 && s[before - 1] == ' ') before--;
  if (before == 0) return 0;
  if (photo_source(in, inn)) return !ends_sentence(s, before) || l->words <= 12;
  /* "(رويترز)" after a short unfinished line: a caption credited to an agency */
  if (rasd__agency_canon(in, inn) && !ends_sentence(s, before) && l->words <= 25) return 1;
  return 0;
}

/* Splits a credit text on "،", ",", "/", " و" and "-"; calls back per item. Returns the item count, and how many
 * items are agencies in '*nag'. */
static int credit_items(dbuild *b, const char *s, size_t n, int record, int *nag, int *maxwords) {
  int items = 0;
  *nag = 0;
  *maxwords = 0;
  size_t i = 0;
  while (i <= n) {
    size_t e = i;
    size_t sep = 0;
    while (e < n) {
      if (s[e] == ',' || s[e] == '/' || s[e] == '-') { sep = 1; break; }
      if ((unsigned char)s[e] == 0xD8 && e + 1 < n && (unsigned char)s[e + 1] == 0x8C) { sep = 2; break; }
      e++;
    }
    size_t a = i, z = e;
    while (a < z && s[a] == ' ') a++;
    while (z > a && s[z - 1] == ' ') z--;
    if (z > a) {
      items++;
      int w = count_words(s + a, z - a);
      if (w > *maxwords) *maxwords = w;
      const char *canon = rasd__agency_canon(s + a, z - a);
      if (canon) {
        (*nag)++;
        if (record) add_agency(b, canon);
      }
    }
    if (e >= n) break;
    i = e + (sep ? sep : 1);
  }
  return items;
}

/* An agency credit line: "(فرانس برس، العربي الجديد)", "(واس)", "المصدر: وكالات". */
static int is_credit(dbuild *b, const line *l, int near_end, int record) {
  const char *s = l->s;
  size_t n = l->n;
  if (l->words > 10) return 0;
  int nag, mw;
  if (n >= 2 && s[0] == '(' && s[n - 1] == ')' && !memchr(s + 1, '(', n - 2)) {
    int items = credit_items(b, s + 1, n - 2, 0, &nag, &mw);
    if (items == 0 || mw > 4) return 0;
    if (nag > 0 || near_end) {
      if (record) credit_items(b, s + 1, n - 2, 1, &nag, &mw);
      return 1;
    }
    return 0;
  }
  static const char *const pfx[] = {"المصدر:", "المصدر :", "المصادر:", "المصدر -", "المصدر", NULL};
  for (size_t k = 0; pfx[k]; k++) {
    size_t pl = strlen(pfx[k]);
    if (starts_with(s, n, pfx[k]) && l->words <= 8 && (k < 4 || near_end)) {
      if (record) credit_items(b, s + pl, n - pl, 1, &nag, &mw);
      return 1;
    }
  }
  if (near_end && l->words <= 4) {
    int items = credit_items(b, s, n, 0, &nag, &mw);
    if (items && nag == items) {
      if (record) credit_items(b, s, n, 1, &nag, &mw);
      return 1;
    }
  }
  return 0;
}

/* Splits "X - Y" / "X – Y" / "X: Y" / "X (Y)" into parts; returns the number of parts (max 4). */
static int split_parts(const char *s, size_t n, const char **ps, size_t *pn) {
  int np = 0;
  size_t i = 0, b = 0;
  while (i <= n && np < 4) {
    int sep = 0;
    size_t skip = 0;
    if (i == n) sep = 1;
    else if (s[i] == '-' || s[i] == ':' || s[i] == '(' || s[i] == ')' || s[i] == '|' || s[i] == ',') sep = 1, skip = 1;
    else if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
      sep = 1, skip = 3;
    else if ((unsigned char)s[i] == 0xD8 && i + 1 < n && (unsigned char)s[i + 1] == 0x8C) sep = 1, skip = 2;
    if (!sep) {
      i++;
      continue;
    }
    size_t a = b, z = i;
    while (a < z && s[a] == ' ') a++;
    while (z > a && s[z - 1] == ' ') z--;
    if (z > a) {
      ps[np] = s + a;
      pn[np] = z - a;
      np++;
    }
    if (i == n) break;
    i += skip;
    b = i;
  }
  return np;
}

/* Classifies a short "who/where" line: returns 'd' for a dateline (place and/or agency only), 'b' for a byline
 * (a name with an outlet or place), 0 otherwise. Agencies are recorded when 'record'. */
static int who_where_x(dbuild *b, const char *s, size_t n, int record, int strict);
static int who_where(dbuild *b, const char *s, size_t n, int record) { return who_where_x(b, s, n, record, 0); }

/* 'strict' (lines of the body): a byline needs a dash or a colon, brackets alone do not make one. */
static int who_where_x(dbuild *b, const char *s, size_t n, int record, int strict) {
  if (n == 0 || n > 120) return 0;
  int w = count_words(s, n);
  if (w > 9) return 0;
  static const char *const by[] = {"بقلم", "كتب:", "كتب ", "كتبت", "إعداد", "اعداد", "متابعة", "تقرير:", "حوار:",
                                   "ترجمة", "تحرير", "مراسل", NULL};
  for (size_t i = 0; by[i]; i++)
    if (starts_with(s, n, by[i]) && w <= 7 && !ends_sentence(s, n)) return 'b';
  const char *ps[4];
  size_t pn[4];
  int np = split_parts(s, n, ps, pn);
  if (np < 1) return 0;
  int places = 0, ags = 0, other = 0, maxw = 0;
  for (int k = 0; k < np; k++) {
    int pw = count_words(ps[k], pn[k]);
    if (pw > maxw) maxw = pw;
    if (rasd__agency_canon(ps[k], pn[k])) ags++;
    else if (rasd__is_place(ps[k], pn[k])) places++;
    else other++;
  }
  if (maxw > 4) return 0;
  if (np == 1) {
    /* one part: only an agency or a place counts */
    if (ags || places) {
      if (record && ags) add_agency(b, rasd__agency_canon(ps[0], pn[0]));
      return 'd';
    }
    return 0;
  }
  if (record)
    for (int k = 0; k < np; k++) add_agency(b, rasd__agency_canon(ps[k], pn[k]));
  if (other == 0) return 'd';
  /* "نايف عبدالله – عين اليوم": a name and an outlet; "الرياض: تركي الصهيل" */
  if (np <= 3 && !has_comma(s, n) && !ends_sentence(s, n)) {
    /* the separator must be a dash, colon or bracket, not just commas */
    for (size_t i = 0; i < n; i++)
      if (s[i] == '-' || s[i] == ':' || (s[i] == '(' && !strict) ||
          ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
           ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)))
        return 'b';
  }
  return 0;
}

/* ---------- boilerplate statistics ---------- */

/* 64-bit hash of s[0..n) from seed h, eight bytes at a time (a key of the boilerplate table: only equality of
 * keys matters, never their order). */
static uint64_t fnv(const char *s, size_t n, uint64_t h) {
  const uint64_t K = 0x9E3779B97F4A7C15ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    h = (h ^ x) * K;
    h ^= h >> 29;
  }
  uint64_t x = 0;
  memcpy(&x, s + i, n - i);
  h = (h ^ x ^ (uint64_t)n << 56) * 0xC2B2AE3D27D4EB4Full;
  return h ^ (h >> 32);
}

static bp_slot *bp_find(rasd_cleaner *c, uint64_t key, int insert) {
  if (insert && (c->bp_n + 1) * 2 > c->bp_cap) {
    if (c->bp_cap >= BP_MAX_ENTRIES * 2) {
      insert = 0; /* full: keep what is known, learn no more (bounded memory) */
    } else {
      size_t ncap = c->bp_cap ? c->bp_cap * 2 : 4096;
      bp_slot *nb = calloc(ncap, sizeof *nb);
      if (!nb) return NULL;
      for (size_t i = 0; i < c->bp_cap; i++) {
        if (!c->bp[i].key) continue;
        size_t j = c->bp[i].key & (ncap - 1);
        while (nb[j].key) j = (j + 1) & (ncap - 1);
        nb[j] = c->bp[i];
      }
      free(c->bp);
      c->bp = nb;
      c->bp_cap = ncap;
    }
  }
  if (!c->bp_cap) return NULL;
  size_t j = key & (c->bp_cap - 1);
  while (c->bp[j].key) {
    if (c->bp[j].key == key) return &c->bp[j];
    j = (j + 1) & (c->bp_cap - 1);
  }
  if (!insert) return NULL;
  c->bp[j].key = key;
  c->bp_n++;
  return &c->bp[j];
}

/* Counts line 'l' for this article; returns 1 when it is boilerplate of the outlet. */
static int bp_line(rasd_cleaner *c, const line *l) {
  if (!l->key) return 0;
  bp_slot *sl = bp_find(c, l->key, 1);
  if (!sl) return 0;
  if (sl->last != c->seq) {
    sl->last = c->seq;
    sl->count++;
  }
  return sl->count >= (l->words <= BP_SHORT_WORDS ? BP_SHORT_DOCS : BP_LONG_DOCS);
}

/* The statistics travel as "RASDBP1", the number of lines (8 bytes, little-endian), then per line its key (8 bytes,
 * little-endian) and count (4 bytes, little-endian), in table order. */
#define BP_MAGIC "RASDBP1"

static void put_le(unsigned char *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
  return v;
}

void *rasd_cleaner_save(const rasd_cleaner *c, size_t *len) {
  size_t n = c ? c->bp_n : 0;
  unsigned char *b = malloc(15 + 12 * n + 1), *p = b;
  if (!b) return NULL;
  memcpy(p, BP_MAGIC, 7);
  put_le(p + 7, n, 8);
  p += 15;
  for (size_t i = 0; c && i < c->bp_cap; i++) {
    if (!c->bp[i].key) continue;
    put_le(p, c->bp[i].key, 8);
    put_le(p + 8, c->bp[i].count, 4);
    p += 12;
  }
  *len = (size_t)(p - b);
  return b;
}

int rasd_cleaner_load(rasd_cleaner *c, const void *data, size_t len) {
  const unsigned char *p = data;
  if (len < 15 || memcmp(p, BP_MAGIC, 7)) return RASD_EFORMAT;
  uint64_t n = get_le(p + 7, 8);
  if (n > (len - 15) / 12 || len != 15 + 12 * n) return RASD_EFORMAT;
  p += 15;
  for (uint64_t i = 0; i < n; i++) /* checked before anything is taken */
    if (!get_le(p + 12 * i, 8)) return RASD_EFORMAT;
  for (uint64_t i = 0; i < n; i++, p += 12) {
    uint64_t key = get_le(p, 8);
    bp_slot *sl = bp_find(c, key, 1);
    if (!sl) {
      if (c->bp_cap >= BP_MAX_ENTRIES * 2) continue; /* full: a line not known stays unknown, as when counted */
      return RASD_ENOMEM;
    }
    uint64_t cnt = sl->count + get_le(p + 8, 4);
    sl->count = cnt > UINT32_MAX ? UINT32_MAX : (uint32_t)cnt;
  }
  return RASD_OK;
}

/* ---------- paragraphs ---------- */

/* A subhead: short, no comma, no final period (a question is fine), not ending in a function word. */
static int subhead_like(const line *l) {
  if (l->words > 9 || l->n > 110 || has_comma(l->s, l->n) || ends_dangling(l->s, l->n)) return 0;
  if (memchr(l->s, '@', l->n) || bullet_len(l->s, l->n)) return 0;
  if (ends_sentence(l->s, l->n) && !ends_question(l->s, l->n)) return 0;
  size_t st;
  int32_t cp = last_cp(l->s, l->n, &st);
  if (cp == ':' || cp == ')') return 0;
  char d[11];
  if (rasd__line_is_date(l->s, l->n, d)) return 0;
  return 1;
}

/* Splits words run together at a sentence boundary ("موجزوقال" → "موجز وقال") in 'p' (in place in 'out'),
 * using the reporting-verb list and the rarity of the merged form in the article 'all'. */
static void split_runons(dbuild *b, rasd__buf *out, const char *all, size_t alln) {
  size_t i = 0;
  while (i < out->len) {
    while (i < out->len && out->s[i] == ' ') i++;
    size_t st = i;
    i = next_space(out->s, i, out->len);
    size_t n = i - st;
    if (n < 14) continue; /* three letters + a four-letter opener at least */
    const char *w = out->s + st;
    /* strip trailing punctuation for the check */
    size_t wn = n;
    while (wn && (w[wn - 1] == '.' || w[wn - 1] == ',' || w[wn - 1] == ':' || w[wn - 1] == '"')) wn--;
    size_t k = rasd__ends_with_opener(w, wn);
    if (!k || wn - k < 6) continue;
    /* the prefix must be Arabic letters only */
    size_t j = 0;
    int ok = 1, letters = 0;
    while (j < wn - k) {
      int32_t cp = rasd__utf8_next(w, wn - k, &j);
      if (!rasd__is_arabic_letter(cp)) { ok = 0; break; }
      letters++;
    }
    if (!ok || letters < 3) continue;
    /* the prefix must not itself end in و (then the word was "…و وقال" or a real word) */
    if (wn - k >= 2 && (unsigned char)w[wn - k - 2] == 0xD9 && (unsigned char)w[wn - k - 1] == 0x88) continue;
    /* the merged form must be rare in the article, the opener common as a word of its own */
    size_t merged = 0;
    const char *p = all, *e = all + alln;
    while ((p = memmem(p, (size_t)(e - p), w, wn))) {
      merged++;
      p += wn;
    }
    if (merged > 2) continue;
    char rep[256];
    snprintf(rep, sizeof rep, "split run-together words '%.*s' → '%.*s' + '%.*s'", (int)wn, w, (int)(wn - k), w,
             (int)k, w + wn - k);
    sv_push(b, &b->reps, adup(b, rep, strlen(rep)));
    size_t at = st + wn - k;
    if (rasd__buf_grow(out, 1)) return;
    memmove(out->s + at + 1, out->s + at, out->len - at + 1);
    out->s[at] = ' ';
    out->len++;
    i++;
  }
}

static void push_para(dbuild *b, rasd__buf *p, int subhead) {
  if (p->len == 0) return;
  if (subhead) {
    size_t idx = b->paras.n;
    if (RASD__VEC_PUSH(b->subs, b->nsubs, b->capsubs, idx)) b->oom = 1;
  }
  sv_push(b, &b->paras, adup(b, p->s, p->len));
  rasd__buf_clear(p);
}

/* Strips a dateline or byline prefix from the first paragraph: "الرياض - واس: …", "جدة (رويترز) - …",
 * "محمد عطيف- سبق: …". Returns the prefix length removed (including the separator). */
static size_t dateline_prefix(dbuild *b, const char *s, size_t n, const char *author) {
  if (author) {
    size_t an = strlen(author);
    while (an && (author[an - 1] == ':' || author[an - 1] == ' ')) an--;
    if (an >= 3 && n > an + 10 && !memcmp(s, author, an)) {
      size_t e = an;
      while (e < n && (s[e] == ' ' || s[e] == ':' || s[e] == '-')) e++;
      return e;
    }
  }
  size_t lim = n < 90 ? n : 90;
  /* "X - Y: body": the whole prefix up to the colon when it is a dateline or byline */
  const char *colon = memchr(s, ':', lim);
  if (colon && colon > s) {
    size_t pe = (size_t)(colon - s);
    while (pe > 0 && s[pe - 1] == ' ') pe--;
    int kind = pe ? who_where(b, s, pe, 0) : 0;
    if (kind) {
      who_where(b, s, pe, 1);
      size_t after = (size_t)(colon - s) + 1;
      while (after < n && s[after] == ' ') after++;
      return after;
    }
  }
  /* the prefix ends at a dash followed by the body */
  for (size_t i = 1; i < lim; i++) {
    int colon = s[i] == ':';
    int dash = (s[i] == '-' || ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                                ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)));
    if (!colon && !dash) continue;
    size_t sepn = dash && s[i] != '-' ? 3 : 1;
    /* a dash separates the dateline from the body only when followed by a space */
    size_t after = i + sepn;
    if (dash && (after >= n || s[after] != ' ')) continue;
    size_t pe = i;
    while (pe > 0 && s[pe - 1] == ' ') pe--;
    if (pe == 0) return 0;
    int kind = who_where(b, s, pe, 0);
    if (kind == 'd' || (kind == 'b' && colon)) {
      /* a dash after a dateline may be followed by the agency: "الرياض - واس:" — take up to the colon */
      who_where(b, s, pe, 1);
      while (after < n && s[after] == ' ') after++;
      return after;
    }
    if (colon) return 0;
  }
  return 0;
}

static void build_paragraphs(rasd_cleaner *c, dbuild *b, line *body, size_t nb, const char *author) {
  rasd__buf *p = &c->para;
  rasd__buf_clear(p);
  int prev_ended = 1; /* the previous paragraph ended a sentence (or there was none) */
  size_t joins = 0;
  for (size_t i = 0; i < nb; i++) {
    line *l = &body[i];
    const char *s = l->s;
    size_t n = l->n;
    if (b->paras.n == 0 && p->len == 0) {
      size_t k = dateline_prefix(b, s, n, author);
      if (k) {
        size_t e = k;
        while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == '-')) e--;
        removed(b, s, e, "dateline");
        if (!b->d->dateline) b->d->dateline = adup(b, s, e);
        s += k;
        n -= k;
        if (n == 0) continue;
      }
    }
    int has_next = i + 1 < nb && !body[i + 1].blank_before;
    if (p->len) {
      rasd__buf_addc(p, ' ');
      joins++;
    }
    rasd__buf_add(p, s, n);
    line cur = {s, n, 0, l->words, 0};
    /* a subhead stands between real paragraphs: the next line is not another short line (verse, lists) */
    int next_long = i + 1 < nb && (body[i + 1].words > 9 || ends_sentence(body[i + 1].s, body[i + 1].n));
    int sub = p->len == n && prev_ended && b->paras.n > 0 && next_long && subhead_like(&cur);
    if (sub) {
      push_para(b, p, 1);
      prev_ended = 1;
      continue;
    }
    int ended = ends_sentence(s, n);
    /* a short line without a comma is a heading, caption or verse, not half a sentence — unless it ends in a
     * word that cannot end one */
    int short_plain = l->words <= 9 && !has_comma(s, n);
    int broken = !ended && has_next && (ends_dangling(s, n) || (!short_plain && l->words < 30));
    if (broken) continue;
    if (joins) {
      char rep[160];
      snprintf(rep, sizeof rep, "rejoined %zu line%s broken mid-sentence in paragraph %zu", joins + 1,
               joins ? "s" : "", b->paras.n + 1);
      sv_push(b, &b->reps, adup(b, rep, strlen(rep)));
      joins = 0;
    }
    push_para(b, p, 0);
    prev_ended = ended;
  }
  if (p->len) {
    if (joins) {
      char rep[160];
      snprintf(rep, sizeof rep, "rejoined %zu lines broken mid-sentence in paragraph %zu", joins + 1, b->paras.n + 1);
      sv_push(b, &b->reps, adup(b, rep, strlen(rep)));
    }
    push_para(b, p, 0);
  }
}

/* ---------- the cleaner ---------- */

/* Bullet lines after the block of bullets that starts at line 'i'. */
static size_t bullets_after_block(const rasd_cleaner *c, size_t i) {
  size_t k = i;
  while (k < c->nl && bullet_len(c->lines[k].s, c->lines[k].n)) k++;
  size_t n = 0;
  for (; k < c->nl; k++) n += bullet_len(c->lines[k].s, c->lines[k].n) > 0;
  return n;
}

/* Plain lines of eight words or more after line 'i'. */
static size_t plain_after(const rasd_cleaner *c, size_t i) {
  size_t n = 0;
  for (size_t k = i + 1; k < c->nl; k++) n += !bullet_len(c->lines[k].s, c->lines[k].n) && c->lines[k].words >= 8;
  return n;
}

static int same_text(const char *a, size_t an, const char *b, size_t bn) { return an == bn && !memcmp(a, b, an); }

int rasd_clean(rasd_cleaner *c, const rasd_article *a, rasd_doc **out) {
  *out = NULL;
  if (!c || !a) return RASD_EUSAGE;
  dbuild B;
  memset(&B, 0, sizeof B);
  dbuild *b = &B;
  rasd__buf_init(&b->summary);
  b->ar = rasd__arena_new(16384);
  if (!b->ar) return RASD_ENOMEM;
  rasd_doc *d = rasd__arena_alloc(b->ar, sizeof *d);
  if (!d) {
    rasd__arena_free(b->ar);
    return RASD_ENOMEM;
  }
  b->d = d;
  d->priv_ = b->ar;
  d->line = a->line;
  rasd__buf tmp;
  rasd__buf_init(&tmp);
  d->id = a->id ? adup(b, a->id, strlen(a->id)) : NULL;
  d->path = a->path ? adup(b, a->path, strlen(a->path)) : NULL;
  d->outlet = norm_field(b, &tmp, a->outlet);
  d->url = a->url ? adup(b, a->url, strlen(a->url)) : NULL;
  d->title = norm_field(b, &tmp, a->title);
  const char *author = norm_field(b, &tmp, a->byline);
  if (author) {
    int kind = who_where(b, author, strlen(author), 1);
    if (kind == 'd') d->dateline = (char *)author;
    else d->byline = (char *)author;
  }
  for (size_t i = 0; i < a->n_warnings; i++) sv_push(b, &b->warns, adup(b, a->warnings[i], strlen(a->warnings[i])));
  for (size_t i = 0; i < a->n_captions; i++) {
    char *cap = norm_field(b, &tmp, a->captions[i]);
    if (cap) sv_push(b, &b->caps, cap);
  }

  /* 1. characters */
  normalize_text(a->text ? a->text : "", a->text ? a->text_len : 0, &c->norm, 1);
  if (c->norm.oom) goto oom;
  const char *T = c->norm.s ? c->norm.s : "";
  size_t TN = c->norm.len;

  /* 2. lines, with their boilerplate keys (their table slots fetched ahead of the look-ups in 3.) */
  uint64_t outlet_h = fnv(d->outlet ? d->outlet : "", d->outlet ? strlen(d->outlet) : 0, 1469598103934665603ULL);
  c->nl = 0;
  int blank = 0;
  for (size_t i = 0; i < TN;) {
    const char *e = memchr(T + i, '\n', TN - i);
    size_t n = e ? (size_t)(e - (T + i)) : TN - i;
    if (n == 0) blank = 1;
    else {
      line l = {T + i, n, blank, count_words(T + i, n), 0};
      if (l.words <= BP_LONG_WORDS && n >= 2) {
        l.key = fnv(l.s, n, outlet_h) | 1;
        if (c->bp_cap) __builtin_prefetch(&c->bp[l.key & (c->bp_cap - 1)]);
      }
      if (RASD__VEC_PUSH(c->lines, c->nl, c->capl, l)) goto oom;
      blank = 0;
    }
    i += n + 1;
  }

  /* 3. classify */
  c->seq++;
  size_t nbody = 0;
  int summary_mode = 0, seen_body = 0, dateline_is_date = 0, after_header = 0, header_lines = 0;
  size_t title_n = d->title ? strlen(d->title) : 0;
  /* bullets at the top are a publisher's summary only when a plain body paragraph follows them */
  size_t last_plain = 0;
  for (size_t i = 0; i < c->nl; i++)
    if (!bullet_len(c->lines[i].s, c->lines[i].n) && c->lines[i].words >= 8) last_plain = i;
  for (size_t i = 0; i < c->nl; i++) {
    line *l = &c->lines[i];
    int near_end = i + 2 >= c->nl;
    char dt[11];
    int bp = bp_line(c, l);
    if (!seen_body && i < 3 && title_n && same_text(l->s, l->n, d->title, title_n)) {
      removed(b, l->s, l->n, "title");
      continue;
    }
    if (l->n <= 120 && rasd__is_ui_string(l->s, l->n)) {
      int letters = 0;
      for (size_t k = 0; k < l->n && !letters; k++)
        letters = (unsigned char)l->s[k] >= 0x80 || (l->s[k] >= 'A' && l->s[k] <= 'z') || (l->s[k] >= '0' && l->s[k] <= '9');
      int marker = l->n >= 2 && letters; /* "+ الخط -" is UI; "***" and "." separate sections */
      removed(b, l->s, l->n, marker || contains(l->s, l->n, "+") ? "ui" : "separator");
      if (contains(l->s, l->n, "الملخص") || contains(l->s, l->n, "ملخص")) summary_mode = 1;
      continue;
    }
    size_t bl = bullet_len(l->s, l->n);
    /* without a "الملخص" marker, a summary is a block of two to six bullets among the first lines, followed by
     * at least two plain paragraphs and no other bullets (articles written as bullet lists are not summaries) */
    int run = i + 1 < c->nl && bullet_len(c->lines[i + 1].s, c->lines[i + 1].n);
    if (bl && (summary_mode || (!seen_body && i < 6 && run && i < last_plain && bullets_after_block(c, i) == 0 &&
                                plain_after(c, i) >= 2)) &&
        l->words > 3) {
      if (b->summary.len) rasd__buf_addc(&b->summary, '\n');
      rasd__buf_add(&b->summary, l->s + bl, l->n - bl);
      removed(b, l->s, l->n, "publisher_summary");
      summary_mode = 1;
      continue;
    }
    summary_mode = 0;
    if (!seen_body && i < 6 && rasd__line_is_date(l->s, l->n, dt)) {
      if (!d->dateline) {
        d->dateline = adup(b, l->s, l->n);
        dateline_is_date = 1;
      }
      if (!b->date_from_dateline[0]) memcpy(b->date_from_dateline, dt, 11);
      removed(b, l->s, l->n, "dateline");
      after_header = 1;
      continue;
    }
    if (is_caption(l)) {
      sv_push(b, &b->caps, adup(b, l->s, l->n));
      removed(b, l->s, l->n, "caption");
      if (!seen_body) after_header = 1;
      continue;
    }
    if (is_credit(b, l, near_end, 0)) {
      is_credit(b, l, near_end, 1);
      sv_push(b, &b->creds, adup(b, l->s, l->n));
      removed(b, l->s, l->n, "credit");
      continue;
    }
    if (!seen_body && header_lines < 3 && l->words <= 9 && !ends_sentence(l->s, l->n)) {
      int kind = who_where_x(b, l->s, l->n, 0, 1);
      /* a short name alone under the date line ("صدى الرياض") is the byline */
      if (!kind && after_header && l->words <= 4 && !has_comma(l->s, l->n) && !bullet_len(l->s, l->n)) kind = 'b';
      if (kind) {
        who_where(b, l->s, l->n, 1);
        /* a place-and-agency dateline ("الرياض - واس") is preferred to a bare date line */
        if (kind == 'd' && (!d->dateline || dateline_is_date)) {
          d->dateline = adup(b, l->s, l->n);
          dateline_is_date = 0;
        } else if (kind == 'b' && !d->byline) {
          d->byline = adup(b, l->s, l->n);
        }
        removed(b, l->s, l->n, kind == 'd' ? "dateline" : "byline");
        after_header = 1;
        header_lines++;
        continue;
      }
    }
    if (bp) {
      removed(b, l->s, l->n, "boilerplate");
      continue;
    }
    /* the outlet's tag list run onto the last line ("… دونيس. سمات الأهلي جنوى") is a paragraph of its own: the last
     * sentence (and a quotation in it) ends before it. Its words stay in the text: they name the story's subjects,
     * which clustering uses. */
    line tags = {0};
    if (near_end) {
      size_t ts = tags_tail(l->s, l->n), te = ts;
      while (te > 0 && (l->s[te - 1] == ' ' || l->s[te - 1] == '\t')) te--;
      if (ts < l->n && te > 0) {
        tags = (line){l->s + ts, l->n - ts, 1, count_words(l->s + ts, l->n - ts), 0};
        l->n = te;
        l->words = count_words(l->s, l->n);
      }
    }
    seen_body = 1;
    c->lines[nbody++] = *l;
    if (tags.n) {
      /* lines[nbody] may be the next line still to read: make room, and step over the inserted line */
      if (RASD__VEC_PUSH(c->lines, c->nl, c->capl, tags)) goto oom;
      memmove(&c->lines[nbody + 1], &c->lines[nbody], (c->nl - 1 - nbody) * sizeof *c->lines);
      c->lines[nbody++] = tags;
      i++;
    }
  }
  if (b->oom) goto oom;

  /* 4. paragraphs, subheads, broken lines */
  build_paragraphs(c, b, c->lines, nbody, author);
  if (b->oom) goto oom;
  if (b->paras.n == 0) {
    rasd__buf_free(&tmp);
    rasd__buf_free(&b->summary);
    goto empty;
  }

  /* 5. run-together words, and the text */
  rasd__buf txt;
  rasd__buf_init(&txt);
  size_t tlen = 0; /* the room the text takes (splitting run-together words adds a few spaces), at once */
  for (size_t i = 0; i < b->paras.n; i++) tlen += strlen(b->paras.v[i]) + 1;
  if (tlen) (void)rasd__buf_grow(&txt, tlen + tlen / 16);
  for (size_t i = 0; i < b->paras.n; i++) {
    char *p = b->paras.v[i];
    size_t pn = strlen(p);
    if (pn >= 14) {
      rasd__buf_clear(&tmp);
      rasd__buf_add(&tmp, p, pn);
      size_t before = b->reps.n;
      split_runons(b, &tmp, T, TN);
      if (b->reps.n != before) b->paras.v[i] = adup(b, tmp.s, tmp.len), p = b->paras.v[i], pn = tmp.len;
    }
    if (i) rasd__buf_addc(&txt, '\n');
    rasd__buf_add(&txt, p, pn);
  }
  if (txt.oom) goto oom;
  d->text = adup(b, txt.s, txt.len);
  d->text_len = txt.len;
  rasd__buf_free(&txt);
  rasd__buf_free(&tmp);

  /* 6. date: metadata (or --date), else the dateline's */
  if (a->date && strlen(a->date) >= 10) {
    char dd[11];
    memcpy(dd, a->date, 10);
    dd[10] = 0;
    if (rasd__date_valid(dd)) d->date = adup(b, dd, 10);
  }
  if (!d->date && b->date_from_dateline[0]) d->date = adup(b, b->date_from_dateline, 10);
  if (b->summary.len) d->publisher_summary = adup(b, b->summary.s, b->summary.len);
  rasd__buf_free(&b->summary);

  /* 7. arrays into the arena */
#define MOVE(field, nfield, vec)                                                      \
  do {                                                                                \
    d->nfield = (vec).n;                                                              \
    d->field = (vec).n ? rasd__arena_memdup(b->ar, (vec).v, (vec).n * sizeof(char *)) : NULL; \
    if ((vec).n && !d->field) b->oom = 1;                                             \
    free((vec).v);                                                                    \
    (vec).v = NULL;                                                                   \
  } while (0)
  MOVE(paragraphs, n_paragraphs, b->paras);
  MOVE(captions, n_captions, b->caps);
  MOVE(credits, n_credits, b->creds);
  MOVE(agencies, n_agencies, b->ags);
  MOVE(warnings, n_warnings, b->warns);
  MOVE(repairs, n_repairs, b->reps);
#undef MOVE
  d->n_removed = b->nrem;
  d->removed = b->nrem ? rasd__arena_memdup(b->ar, b->rem, b->nrem * sizeof *b->rem) : NULL;
  d->n_subheads = b->nsubs;
  d->subheads = b->nsubs ? rasd__arena_memdup(b->ar, b->subs, b->nsubs * sizeof *b->subs) : NULL;
  free(b->rem);
  free(b->subs);
  if (b->oom || !d->text) {
    rasd_doc_free(d);
    return RASD_ENOMEM;
  }
  *out = d;
  return RASD_OK;
oom:
  rasd__buf_free(&tmp);
  rasd__buf_free(&b->summary);
  free(b->paras.v), free(b->caps.v), free(b->creds.v), free(b->ags.v), free(b->warns.v), free(b->reps.v);
  free(b->rem), free(b->subs);
  rasd__arena_free(b->ar);
  return RASD_ENOMEM;
empty:
  free(b->paras.v), free(b->caps.v), free(b->creds.v), free(b->ags.v), free(b->warns.v), free(b->reps.v);
  free(b->rem), free(b->subs);
  rasd__arena_free(b->ar);
  return RASD_EINPUT;
}

void rasd_doc_free(rasd_doc *d) {
  if (!d) return;
  rasd__arena_free(d->priv_);
}

/* ---------- JSON ---------- */

static json_t *jstr(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *jarr(char **v, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < n; i++) json_array_append_new(a, json_string(v[i] ? v[i] : ""));
  return a;
}

json_t *rasd__doc_json_obj(const rasd_doc *d) {
  json_t *o = json_object();
  if (!o || !d) return o;
  json_object_set_new(o, "id", jstr(d->id));
  json_object_set_new(o, "path", jstr(d->path));
  json_object_set_new(o, "outlet", jstr(d->outlet));
  json_object_set_new(o, "url", jstr(d->url));
  json_object_set_new(o, "date", jstr(d->date));
  json_object_set_new(o, "title", jstr(d->title));
  json_object_set_new(o, "byline", jstr(d->byline));
  json_object_set_new(o, "dateline", jstr(d->dateline));
  json_object_set_new(o, "paragraphs", jarr(d->paragraphs, d->n_paragraphs));
  json_t *s = json_array();
  for (size_t i = 0; s && i < d->n_subheads; i++) json_array_append_new(s, json_integer((json_int_t)d->subheads[i]));
  json_object_set_new(o, "subheads", s);
  json_object_set_new(o, "captions", jarr(d->captions, d->n_captions));
  json_object_set_new(o, "credits", jarr(d->credits, d->n_credits));
  json_object_set_new(o, "agencies", jarr(d->agencies, d->n_agencies));
  json_object_set_new(o, "publisher_summary", jstr(d->publisher_summary));
  json_t *r = json_array();
  for (size_t i = 0; r && i < d->n_removed; i++)
    json_array_append_new(r, json_pack("{s:s, s:s}", "text", d->removed[i].text ? d->removed[i].text : "", "reason",
                                       d->removed[i].reason ? d->removed[i].reason : ""));
  json_object_set_new(o, "removed", r);
  json_object_set_new(o, "warnings", jarr(d->warnings, d->n_warnings));
  json_object_set_new(o, "repairs", jarr(d->repairs, d->n_repairs));
  return o;
}

/* ---------- JSON text written directly ----------
 * rasd_doc_json() used to build the rasd__doc_json_obj() tree and json_dumps() it (COMPACT | PRESERVE_ORDER);
 * that was most of `rasd read`'s time. The writer below gives the same bytes: jansson's escapes (\" \\ \b \f
 * \n \r \t, other controls as \u00XX, nothing else), and a string that is not valid UTF-8 is left out the way
 * jansson leaves it out (json_string() fails: the key, the array element or the removed entry is missing).
 * test_read_json compares the two on the examples and on mutated documents. */

/* Bytes that need an escape in a JSON string. */
static const unsigned char json_esc[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

/* Appends "s" quoted and escaped as jansson does (s is valid UTF-8). */
static void json_put_str(rasd__buf *b, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  if (rasd__buf_grow(b, n + 2)) return;
  rasd__buf_addc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
#ifdef __SSE2__
    /* sixteen bytes at a time up to the next byte that needs an escape (controls, " and \\) */
    const __m128i c1f = _mm_set1_epi8(0x1F), dq = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\');
    while (i + 16 <= n) {
      __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      __m128i e = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x),
                               _mm_or_si128(_mm_cmpeq_epi8(x, dq), _mm_cmpeq_epi8(x, bsl)));
      unsigned m = (unsigned)_mm_movemask_epi8(e);
      if (m) {
        i += (size_t)__builtin_ctz(m);
        break;
      }
      i += 16;
    }
    if (i >= n) break;
#endif
    unsigned c = s[i];
    if (!json_esc[c]) continue;
    rasd__buf_add(b, str + run, i - run);
    run = i + 1;
    char e[8];
    switch (c) {
    case '"': rasd__buf_add(b, "\\\"", 2); break;
    case '\\': rasd__buf_add(b, "\\\\", 2); break;
    case '\b': rasd__buf_add(b, "\\b", 2); break;
    case '\f': rasd__buf_add(b, "\\f", 2); break;
    case '\n': rasd__buf_add(b, "\\n", 2); break;
    case '\r': rasd__buf_add(b, "\\r", 2); break;
    case '\t': rasd__buf_add(b, "\\t", 2); break;
    default:
      snprintf(e, sizeof e, "\\u%04X", c);
      rasd__buf_add(b, e, 6);
    }
  }
  rasd__buf_add(b, str + run, n - run);
  rasd__buf_addc(b, '"');
}

/* ,"key":"value" (or null for NULL); nothing when value is not valid UTF-8. */
static void json_put_field(rasd__buf *b, int *first, const char *key, const char *v) {
  size_t n = v ? strlen(v) : 0;
  if (v && !rasd__utf8_ok(v, n)) return;
  if (!*first) rasd__buf_addc(b, ',');
  *first = 0;
  rasd__buf_addc(b, '"');
  rasd__buf_adds(b, key);
  rasd__buf_add(b, "\":", 2);
  if (v) json_put_str(b, v, n);
  else rasd__buf_add(b, "null", 4);
}

static void json_put_arr(rasd__buf *b, int *first, const char *key, char **v, size_t nv) {
  if (!*first) rasd__buf_addc(b, ',');
  *first = 0;
  rasd__buf_addc(b, '"');
  rasd__buf_adds(b, key);
  rasd__buf_add(b, "\":[", 3);
  int any = 0;
  for (size_t i = 0; i < nv; i++) {
    const char *x = v[i] ? v[i] : "";
    size_t n = strlen(x);
    if (!rasd__utf8_ok(x, n)) continue;
    if (any) rasd__buf_addc(b, ',');
    any = 1;
    json_put_str(b, x, n);
  }
  rasd__buf_addc(b, ']');
}

char *rasd_doc_json(const rasd_doc *d) {
  rasd__buf b;
  rasd__buf_init(&b);
  int first = 1;
  rasd__buf_addc(&b, '{');
  if (d) {
    json_put_field(&b, &first, "id", d->id);
    json_put_field(&b, &first, "path", d->path);
    json_put_field(&b, &first, "outlet", d->outlet);
    json_put_field(&b, &first, "url", d->url);
    json_put_field(&b, &first, "date", d->date);
    json_put_field(&b, &first, "title", d->title);
    json_put_field(&b, &first, "byline", d->byline);
    json_put_field(&b, &first, "dateline", d->dateline);
    json_put_arr(&b, &first, "paragraphs", d->paragraphs, d->n_paragraphs);
    rasd__buf_adds(&b, ",\"subheads\":[");
    for (size_t i = 0; i < d->n_subheads; i++) {
      char num[32];
      int k = snprintf(num, sizeof num, "%s%lld", i ? "," : "", (long long)d->subheads[i]);
      rasd__buf_add(&b, num, (size_t)k);
    }
    rasd__buf_addc(&b, ']');
    json_put_arr(&b, &first, "captions", d->captions, d->n_captions);
    json_put_arr(&b, &first, "credits", d->credits, d->n_credits);
    json_put_arr(&b, &first, "agencies", d->agencies, d->n_agencies);
    json_put_field(&b, &first, "publisher_summary", d->publisher_summary);
    rasd__buf_adds(&b, ",\"removed\":[");
    int any = 0;
    for (size_t i = 0; i < d->n_removed; i++) {
      const char *t = d->removed[i].text ? d->removed[i].text : "", *r = d->removed[i].reason ? d->removed[i].reason : "";
      size_t tl = strlen(t), rl = strlen(r);
      if (!rasd__utf8_ok(t, tl) || !rasd__utf8_ok(r, rl)) continue;
      rasd__buf_adds(&b, any ? ",{\"text\":" : "{\"text\":");
      any = 1;
      json_put_str(&b, t, tl);
      rasd__buf_adds(&b, ",\"reason\":");
      json_put_str(&b, r, rl);
      rasd__buf_addc(&b, '}');
    }
    rasd__buf_addc(&b, ']');
    json_put_arr(&b, &first, "warnings", d->warnings, d->n_warnings);
    json_put_arr(&b, &first, "repairs", d->repairs, d->n_repairs);
  }
  rasd__buf_addc(&b, '}');
  if (b.oom) {
    rasd__buf_free(&b);
    return NULL;
  }
  return rasd__buf_detach(&b);
}
