/* tokenize.c — one-pass tokenizer with byte offsets, matching forms, bare forms and stems in one buffer, and the news sentence splitter. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "text/text.h"

/* Speed: Arabic letters go through a 256-entry table of the two-byte block (no decoding), every token gets
 * its final strings as it is pushed (word analyses come from a per-thread cache keyed by the form), stems
 * live in the forms buffer after their form, and the sentence splitter visits only the tokens that can
 * matter to it (quotes, sentence marks, paragraph starts). */

#define MAX_FORM 60000 /* a longer run is cut into several tokens so that form_len (uint16_t) stays exact */
#define SLACK 32       /* bytes kept free after the forms: the word cache reads 24 bytes past a form's start */
#define EV_LOCAL 512   /* events kept on the stack before the heap */

typedef struct priv {
  char *forms; /* all form, bare and stem strings, NUL-terminated */
} priv;

/* rasd_tokens and its private part in one allocation. */
typedef struct tokens_block {
  rasd_tokens T;
  priv P;
} tokens_block;

typedef struct ctx {
  const unsigned char *s;
  size_t len;
  rasd_token *tok;
  size_t n, cap;
  char *f; /* forms buffer: tokens point into it */
  size_t fl, fcap;
  int oom;
  int want_stem;
  uint32_t *ev; /* indices of the tokens the sentence splitter looks at */
  size_t nev, evcap;
  uint32_t ev_local[EV_LOCAL];
  /* words waiting for their cache look-up (at most 2): key, cache slot, token index */
  int np;
  uint64_t pk[2][3];
  unsigned ph[2];
  size_t pi[2];
} ctx;

/* Makes room for 'need' more bytes (plus SLACK) in the forms buffer; tokens already pushed follow it. */
static int fgrow(ctx *c, size_t need) {
  if (c->fl + need + SLACK <= c->fcap) return 0;
  size_t cap = c->fcap ? c->fcap : 256;
  while (cap < c->fl + need + SLACK) cap *= 2;
  char *old = c->f;
  for (size_t k = 0; k < c->n; k++) { /* pointers to offsets while the buffer moves */
    rasd_token *t = &c->tok[k];
    t->form = (const char *)(uintptr_t)(t->form - old);
    t->bare = (const char *)(uintptr_t)(t->bare - old);
    t->stem = (const char *)(uintptr_t)(t->stem - old);
  }
  char *nf = realloc(old, cap);
  char *base = nf ? nf : old;
  for (size_t k = 0; k < c->n; k++) {
    rasd_token *t = &c->tok[k];
    t->form = base + (uintptr_t)t->form;
    t->bare = base + (uintptr_t)t->bare;
    t->stem = base + (uintptr_t)t->stem;
  }
  if (!nf) { c->oom = 1; return -1; }
  c->f = nf;
  c->fcap = cap;
  return 0;
}

/* Class, byte length and form of the code point at s[i]. */
typedef struct cpv {
  int cls;
  unsigned n;       /* source bytes */
  const char *form; /* form bytes (for SAME: the source) */
  unsigned flen;
} cpv;

static inline void look(const ctx *c, size_t i, cpv *v, char *tmp) {
  const unsigned char *s = c->s;
  unsigned b = s[i];
  if (b < 0x80) {
    const rasd__cpinfo *e = &rasd__cp_tab[b];
    v->cls = e->cls;
    v->n = 1;
    v->flen = e->len;
    v->form = e->off == RASD__CP_SAME ? (const char *)s + i : rasd__cp_pool + e->off;
    return;
  }
  if (b >= 0xC2 && b <= 0xDF && i + 1 < c->len && (s[i + 1] & 0xC0) == 0x80) {
    const rasd__cpinfo *e = &rasd__cp_tab[((b & 0x1F) << 6) | (s[i + 1] & 0x3F)];
    v->cls = e->cls;
    v->n = 2;
    v->flen = e->len;
    v->form = e->off == RASD__CP_SAME ? (const char *)s + i : rasd__cp_pool + e->off;
    return;
  }
  size_t j = i;
  int32_t cp = rasd__text_decode(s, c->len, &j);
  v->n = (unsigned)(j - i);
  if (cp >= 0 && cp < 0x10000) {
    const rasd__cpinfo *e = &rasd__cp_tab[cp];
    v->cls = e->cls;
    v->flen = e->len;
    v->form = e->off == RASD__CP_SAME ? (const char *)s + i : rasd__cp_pool + e->off;
    return;
  }
  const char *f;
  size_t fl;
  v->cls = rasd__cp_info(cp, tmp, &f, &fl);
  v->form = f;
  v->flen = (unsigned)fl;
}

static int is_digit_at(const ctx *c, size_t i, unsigned *n) {
  cpv v;
  char tmp[64];
  if (i >= c->len) return 0;
  look(c, i, &v, tmp);
  *n = v.n;
  return v.cls == RASD__C_DIGIT;
}

/* Counts a run of decimal digits at i; returns digits, sets *end. */
static int digit_run(const ctx *c, size_t i, size_t *end) {
  int k = 0;
  unsigned n;
  while (is_digit_at(c, i, &n)) { i += n; k++; }
  *end = i;
  return k;
}

/* Appends the forms of s[a..b) (all code points, dropping marks/invisibles) to the forms buffer. */
static void add_forms(ctx *c, size_t a, size_t b) {
  char tmp[64];
  while (a < b) {
    cpv v;
    look(c, a, &v, tmp);
    if (v.cls == RASD__C_INVALID) {
      v.form = "\xEF\xBF\xBD";
      v.flen = 3;
    }
    if (v.flen) {
      if (fgrow(c, v.flen + 1)) return;
      memcpy(c->f + c->fl, v.form, v.flen);
      c->fl += v.flen;
    }
    a += v.n;
  }
}

static int isalnum_ascii(unsigned b) { return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'); }

static int url_char(unsigned b) {
  return b > 0x20 && b < 0x7F && b != '"' && b != '<' && b != '>' && b != '\'' && b != '`' && b != '{' &&
         b != '}' && b != '|' && b != '\\' && b != '^';
}

/* Length of a URL or e-mail starting at i (0 when none); *kind gets RASD_TOK_URL or RASD_TOK_EMAIL. */
static size_t url_at(const ctx *c, size_t i, int *kind) {
  const unsigned char *s = c->s + i;
  size_t rem = c->len - i, n = 0;
  const char *cs = (const char *)s;
  if ((rem > 8 && !strncasecmp(cs, "https://", 8)) || (rem > 7 && !strncasecmp(cs, "http://", 7)) ||
      (rem > 6 && !strncasecmp(cs, "ftp://", 6)) || (rem > 4 && !strncasecmp(cs, "www.", 4))) {
    char tmp[64];
    while (n < rem) {
      if (s[n] < 0x80) {
        if (!url_char(s[n])) break;
        n++;
        continue;
      }
      cpv v; /* Arabic slugs and %-less IRIs go on; spaces, quotes and Arabic punctuation end the URL */
      look(c, i + n, &v, tmp);
      if (v.cls != RASD__C_AR && v.cls != RASD__C_LAT && v.cls != RASD__C_DIGIT && v.cls != RASD__C_MARK) break;
      n += v.n;
    }
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == ':' || s[n - 1] == '!' ||
                     s[n - 1] == '?' || s[n - 1] == ')' || s[n - 1] == ']'))
      n--;
    if (n <= 8 && (n == 0 || s[n - 1] == '/' || s[n - 1] == '.')) return 0;
    *kind = RASD_TOK_URL;
    return n;
  }
  /* e-mail: local@domain.tld, ASCII only */
  while (n < rem && n < 256 && (isalnum_ascii(s[n]) || s[n] == '.' || s[n] == '_' || s[n] == '-' || s[n] == '+')) n++;
  if (n == 0 || n >= rem || s[n] != '@') return 0;
  size_t at = n++, dot = 0;
  while (n < rem && (isalnum_ascii(s[n]) || s[n] == '.' || s[n] == '-')) {
    if (s[n] == '.') dot = n;
    n++;
  }
  while (n > at + 1 && (s[n - 1] == '.' || s[n - 1] == '-')) n--;
  dot = 0;
  for (size_t k = at + 1; k < n; k++)
    if (s[k] == '.') dot = k;
  if (dot <= at + 1 || dot + 2 > n) return 0;
  *kind = RASD_TOK_EMAIL;
  return n;
}

/* Date at i: d{1,4} SEP d{1,2} SEP d{2,4} with one separator out of / - . ; returns its end or 0. */
static size_t date_at(const ctx *c, size_t i) {
  size_t e1, e2, e3;
  int a = digit_run(c, i, &e1);
  if (a < 1 || a > 4 || e1 >= c->len) return 0;
  unsigned sep = c->s[e1];
  if (sep != '/' && sep != '-' && sep != '.') return 0;
  int b = digit_run(c, e1 + 1, &e2);
  if (b < 1 || b > 2 || e2 >= c->len || c->s[e2] != sep) return 0;
  int d = digit_run(c, e2 + 1, &e3);
  if (!((a == 4 && d >= 1 && d <= 2) || (a <= 2 && (d == 4 || d == 2)))) return 0;
  if (sep == '.' && a != 4 && d != 4) return 0; /* 1.2.34 is more likely a section number */
  return e3;
}

/* Number at i: digits with inner . , ٫ ٬ (1,200 3.5 ٣٫٥) or a clock time 10:30; returns its end. */
static size_t number_at(const ctx *c, size_t i) {
  size_t e;
  int k = digit_run(c, i, &e);
  if (e + 3 <= c->len && c->s[e] == ':' && k <= 2) {
    size_t e2;
    if (digit_run(c, e + 1, &e2) == 2) return e2;
  }
  for (;;) {
    size_t e2;
    if (e + 1 < c->len && (c->s[e] == '.' || c->s[e] == ',')) {
      int m = digit_run(c, e + 1, &e2);
      if (m == 0) break;
      if (c->s[e] == ',' && m != 3) break; /* thousands groups have three digits */
      e = e2;
      continue;
    }
    if (e + 2 < c->len && c->s[e] == 0xD9 && (c->s[e + 1] == 0xAB || c->s[e + 1] == 0xAC)) { /* ٫ ٬ */
      int m = digit_run(c, e + 2, &e2);
      if (m == 0) break;
      e = e2;
      continue;
    }
    break;
  }
  return e;
}

static inline int is_terminator_form(const rasd_token *t) {
  const char *f = t->form;
  size_t n = t->form_len;
  if (t->kind != RASD_TOK_PUNCT || n == 0) return 0;
  unsigned char l = (unsigned char)f[n - 1];
  if (l == '.' || l == '!' || l == '?') return 1;
  if (n >= 2 && (unsigned char)f[n - 2] == 0xD8 && l == 0x9F) return 1; /* ؟ */
  return 0;
}

/* Opening / closing role of a quote token (1 open, 2 close, 3 either) from spacing, then glyph. */
static int quote_role(const ctx *c, size_t k) {
  const rasd_token *t = &c->tok[k];
  int sp_before = (t->flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)) != 0;
  int sp_after = k + 1 >= c->n || (c->tok[k + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START));
  int next_punct = k + 1 < c->n && (c->tok[k + 1].kind == RASD_TOK_PUNCT);
  if (sp_before && !sp_after) return 1;
  if (!sp_before && (sp_after || next_punct)) return 2;
  if (k > 0 && !sp_before && c->tok[k - 1].kind == RASD_TOK_PUNCT && !is_terminator_form(&c->tok[k - 1])) return 1;
  const unsigned char *q = c->s + t->start;
  if (q[0] == 0xC2 && q[1] == 0xAB) return 1;                                          /* « */
  if (q[0] == 0xC2 && q[1] == 0xBB) return 2;                                          /* » */
  if (q[0] == 0xE2 && q[1] == 0x80 && (q[2] == 0x9C || q[2] == 0x9E || q[2] == 0x98)) return 1; /* “ „ ‘ */
  if (q[0] == 0xE2 && q[1] == 0x80 && (q[2] == 0x9D || q[2] == 0x99)) return 2;      /* ” ’ */
  return 3;
}

/* Transliterated Latin initials written in Arabic (إف. كينيدي): matching forms. */
static int arabic_initial(const char *f, size_t n) {
  static const char *const ini[] = {"اف", "جي", "بي", "سي", "دي", "اي", "اتش", "جيه", "كيه", "ال", "ام", "ان",
                                    "او", "كيو", "ار", "اس", "تي", "يو", "في", "اكس", "واي", "زد", "ايه", NULL};
  for (const char *const *p = ini; *p; p++)
    if (strlen(*p) == n && !memcmp(*p, f, n)) return 1;
  return 0;
}

static int latin_abbrev(const char *f, size_t n) {
  static const char *const ab[] = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "vs", "etc", "prof", "gen", "col",
                                   "lt", "sgt", "capt", "rev", "inc", "ltd", "co", "corp", "u.s", "e.g", "i.e", NULL};
  for (const char *const *p = ab; *p; p++)
    if (strlen(*p) == n && !memcmp(*p, f, n)) return 1;
  return 0;
}

/* Arabic abbreviations ending in a dot: single letters (د. م. أ. ك.) and a few words. */
static int dot_is_abbrev(const ctx *c, size_t k) {
  if (k == 0) return 0;
  const rasd_token *d = &c->tok[k], *p = &c->tok[k - 1];
  if (d->form_len != 1 || d->form[0] != '.' || (d->flags & RASD_TOKF_SPACE_BEFORE)) return 0;
  int next_word = k + 1 < c->n && !(c->tok[k + 1].flags & RASD_TOKF_PARA_START) &&
                  (c->tok[k + 1].kind == RASD_TOK_WORD || c->tok[k + 1].kind == RASD_TOK_LATIN ||
                   c->tok[k + 1].kind == RASD_TOK_NUMBER);
  if (!next_word) return 0;
  if (p->kind == RASD_TOK_WORD && p->form_len == 2) /* one Arabic letter: د. / ك. — but 2015م. and 1436هـ. end */
    return !(k >= 2 && c->tok[k - 2].kind == RASD_TOK_NUMBER);
  if (p->kind == RASD_TOK_LATIN && p->form_len == 1) return 1;
  if (p->kind == RASD_TOK_LATIN && latin_abbrev(p->form, p->form_len)) return 1;
  if (p->kind == RASD_TOK_WORD && arabic_initial(p->form, p->form_len) && k >= 2 &&
      c->tok[k - 2].kind == RASD_TOK_WORD && c->tok[k + 1].kind == RASD_TOK_WORD)
    return 1;
  return 0;
}

#ifdef __SSE2__
/* x in [lo, hi] (unsigned bytes). */
static inline __m128i in_range(__m128i x, unsigned char lo, unsigned char hi) {
  return _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)lo)), x),
                       _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8((char)hi)), x));
}

/* Number of bytes (even) at p (16 readable) that are plain Arabic letters: ء–غ other than آ أ إ ة, and ف–ي
 * other than ى — the letters whose matching form is themselves (checked against the table by plain_ok()). */
static inline unsigned plain16(const unsigned char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)p), prev = _mm_slli_si128(x, 1);
  __m128i d8 = _mm_set1_epi8((char)0xD8), d9 = _mm_set1_epi8((char)0xD9);
  __m128i lead = _mm_or_si128(_mm_cmpeq_epi8(x, d8), _mm_cmpeq_epi8(x, d9));
  __m128i no8 = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA2)), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA3))),
                             _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA5)), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA9))));
  __m128i ok8 = _mm_andnot_si128(no8, _mm_and_si128(_mm_cmpeq_epi8(prev, d8), in_range(x, 0xA1, 0xBA)));
  __m128i ok9 = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x89)),
                                 _mm_and_si128(_mm_cmpeq_epi8(prev, d9), in_range(x, 0x81, 0x8A)));
  unsigned m = ((unsigned)_mm_movemask_epi8(lead) & 0x5555u) | ((unsigned)_mm_movemask_epi8(_mm_or_si128(ok8, ok9)) & 0xAAAAu);
  return (unsigned)__builtin_ctz(~m | 0x10000u) & ~1u;
}

/* 1 when every letter plain16() accepts is a table letter whose form is its own two bytes. */
static int plain_ok(void) {
  static int ok = -1;
  if (ok >= 0) return ok;
  int r = 1;
  for (unsigned cp = 0x621; cp <= 0x64A; cp++) {
    if ((cp > 0x63A && cp < 0x641) || cp == 0x622 || cp == 0x623 || cp == 0x625 || cp == 0x629 || cp == 0x649) continue;
    uint32_t e = rasd__ar2_tab[cp - 0x600];
    unsigned b0 = 0xC0 | (cp >> 6), b1 = 0x80 | (cp & 0x3F);
    if ((e & 0xFF) != RASD__AR2_LETTER || ((e >> 16) & 0xFF) != b0 || (e >> 24) != b1) r = 0;
  }
  ok = r; /* every thread computes the same value */
  return r;
}
#endif

/* ---- Word analyses: bare offset, stopword flag and stem span per matching form, cached per thread. ---- */

/* Per-thread direct-mapped cache keyed by the form (up to 24 bytes, zero-padded): news text repeats its
 * words, and the lexicon look-ups behind bare and stem cost more than tokenising. */
typedef struct wc_ent {
  uint64_t key[3];
  uint8_t len, bare, stop, stem_ok, stem_off, stem_len, pad[2];
} wc_ent;
#define WC_KEY 24
#define WC_BITS 14
static _Thread_local wc_ent wcache[1u << WC_BITS];

/* The form w (len ≤ 24 bytes, readable up to 24 bytes) as three zero-padded words, built in registers. */
static inline uint64_t wc_word(const char *w, size_t len, size_t j) {
  uint64_t x;
  memcpy(&x, w + 8 * j, 8);
  size_t r = len > 8 * j ? len - 8 * j : 0;
  uint64_t m = r >= 8 ? ~0ull : (1ull << (8 * r)) - 1;
  return x & m;
}

static inline void wc_key(const char *w, size_t len, uint64_t k[3]) {
  k[0] = wc_word(w, len, 0);
  k[1] = wc_word(w, len, 1);
  k[2] = wc_word(w, len, 2);
}

static inline unsigned wc_hash(const uint64_t k[3], size_t len) {
  uint64_t h = (k[0] * 0x9E3779B97F4A7C15ull) ^ (k[1] * 0xC2B2AE3D27D4EB4Full) ^ (k[2] * 0x27D4EB2F165667C5ull) ^
               (len * 0x165667B19E3779F9ull);
  h ^= h >> 29;
  return (unsigned)(h * 0x94D049BB133111EBull >> (64 - WC_BITS));
}

/* Fills e for the word w: bare offset, stop flag and, when 'stem', the stem span. */
static void wc_fill(wc_ent *e, const char *w, size_t len, int stem) {
  e->bare = (uint8_t)rasd__bare_offset(w, len);
  e->stop = (uint8_t)rasd__is_stopword(w, len);
  e->stem_ok = 0;
  if (stem) {
    char tmp[WC_KEY + 8];
    const char *bw = w + e->bare;
    size_t bl = len - e->bare;
    size_t l = rasd__stem_bare(bw, bl, tmp);
    e->stem_off = (uint8_t)(l <= bl && !memcmp(tmp, bw, l) ? 0 : 2);
    e->stem_len = (uint8_t)l;
    e->stem_ok = 1;
  }
}

/* Sets bare, stem and the stopword flag of the pending word number j from the cache (filling it on a miss). */
static void word_done(ctx *c, int j) {
  rasd_token *t = &c->tok[c->pi[j]];
  size_t flen = t->form_len;
  if (c->want_stem && c->fl + flen + 1 + SLACK > c->fcap && fgrow(c, flen + 1)) return;
  const char *w = t->form;
  const uint64_t *k = c->pk[j];
  wc_ent *e = &wcache[c->ph[j]];
  if (e->len != flen || e->key[0] != k[0] || e->key[1] != k[1] || e->key[2] != k[2] || (c->want_stem && !e->stem_ok)) {
    e->len = (uint8_t)flen;
    e->key[0] = k[0];
    e->key[1] = k[1];
    e->key[2] = k[2];
    wc_fill(e, w, flen, c->want_stem);
  }
  t->bare = w + e->bare;
  t->bare_len = (uint16_t)(flen - e->bare);
  if (e->stop) t->flags |= RASD_TOKF_STOP;
  if (c->want_stem) {
    const char *sp = t->bare + e->stem_off;
    if (e->stem_off + e->stem_len == t->bare_len) {
      t->stem = sp; /* ends where bare ends: share its NUL */
    } else {
      char *o = c->f + c->fl;
      memcpy(o, sp, e->stem_len);
      o[e->stem_len] = 0;
      c->fl += e->stem_len + 1u;
      t->stem = o;
    }
    t->stem_len = e->stem_len;
  } else {
    t->stem = t->bare;
    t->stem_len = t->bare_len;
  }
}

/* Appends token [st, end) whose form is c->f[fo .. c->fl): NUL-terminates it, sets bare, stem and the
 * stopword flag, and records it as an event for the sentence splitter when it can matter there. */
static inline void push(ctx *c, size_t st, size_t end, size_t fo, int kind, unsigned *flags) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    rasd_token *nt = realloc(c->tok, cap * sizeof *nt);
    if (!nt) { c->oom = 1; return; }
    c->tok = nt;
    c->cap = cap;
  }
  size_t flen = c->fl - fo;
  if (c->fl + flen + 2 + SLACK > c->fcap && fgrow(c, flen + 2)) return; /* NUL, and a stem copy */
  char *f = c->f;
  f[c->fl++] = 0;
  rasd_token *t = &c->tok[c->n];
  const char *w = f + fo;
  unsigned fla = *flags;
  t->start = (uint32_t)st;
  t->len = (uint32_t)(end - st);
  t->form = w;
  t->form_len = (uint16_t)flen;
  t->bare = w;
  t->bare_len = (uint16_t)flen;
  t->stem = w;
  t->stem_len = (uint16_t)flen;
  t->kind = (uint8_t)kind;
  t->sentence = 0;
  *flags = 0;
  if (kind == RASD_TOK_WORD) {
    if (flen <= WC_KEY) {
      /* cached analysis: looked up one word later, so that the cache line has arrived by then */
      wc_key(w, flen, c->pk[c->np & 1]);
      unsigned h = wc_hash(c->pk[c->np & 1], flen);
      __builtin_prefetch(&wcache[h]);
      c->ph[c->np & 1] = h;
      c->pi[c->np & 1] = c->n;
      c->np++;
    } else {
      size_t b = rasd__bare_offset(w, flen);
      t->bare = w + b;
      t->bare_len = (uint16_t)(flen - b);
      if (rasd__is_stopword(w, flen)) fla |= RASD_TOKF_STOP;
      t->stem = t->bare;
      t->stem_len = t->bare_len;
      if (c->want_stem) {
        char *o = f + c->fl;
        size_t l = rasd__stem_bare(t->bare, t->bare_len, o);
        if (l != t->bare_len) { /* something came off: keep the copy */
          t->stem = o;
          t->stem_len = (uint16_t)l;
          c->fl += l + 1;
        }
      }
    }
  } else if (kind == RASD_TOK_LATIN) {
    if (rasd__is_stopword(w, flen)) fla |= RASD_TOKF_STOP;
  }
  t->flags = (uint8_t)fla;
  if ((fla & RASD_TOKF_PARA_START) || kind == RASD_TOK_QUOTE || (kind == RASD_TOK_PUNCT && is_terminator_form(t))) {
    if (c->nev == c->evcap) {
      size_t cap = c->evcap * 2;
      uint32_t *ne = c->ev == c->ev_local ? malloc(cap * sizeof *ne) : realloc(c->ev, cap * sizeof *ne);
      if (!ne) { c->oom = 1; return; }
      if (c->ev == c->ev_local) memcpy(ne, c->ev_local, sizeof c->ev_local);
      c->ev = ne;
      c->evcap = cap;
    }
    c->ev[c->nev++] = (uint32_t)c->n;
  }
  c->n++;
  if (c->np == 2) { /* the word before this one */
    word_done(c, 0);
    c->pk[0][0] = c->pk[1][0];
    c->pk[0][1] = c->pk[1][1];
    c->pk[0][2] = c->pk[1][2];
    c->ph[0] = c->ph[1];
    c->pi[0] = c->pi[1];
    c->np = 1;
  }
}

/* Splits tokens into sentences and paragraphs; sets flags for quotes; returns 0 or -1 on OOM. Only the
 * events (quotes, sentence marks, paragraph starts) change the state; other tokens are passed over. */
static int split_sentences(ctx *c, rasd_tokens *T) {
  size_t n = c->n, ne = c->nev;
  const uint32_t *ev = c->ev;
  T->sent = NULL;
  T->n_sent = 0;
  if (!n) return 0;
  uint32_t local[2 * EV_LOCAL], *match = local; /* per event: for an opening quote, its closing quote */
  if (ne > EV_LOCAL && !(match = malloc(2 * ne * sizeof *match))) return -1;
  uint32_t *stack = match + ne;
  const uint32_t NONE = UINT32_MAX;
  /* Pass 1: pair quotes within each paragraph (the stack holds event numbers of open quotes). */
  size_t sp = 0;
  for (size_t j = 0; j < ne; j++) {
    size_t k = ev[j];
    match[j] = NONE;
    if (c->tok[k].flags & RASD_TOKF_PARA_START) sp = 0;
    if (c->tok[k].kind != RASD_TOK_QUOTE) continue;
    int r = quote_role(c, k);
    const unsigned char *q = c->s + c->tok[k].start;
    if (r == 3) {
      /* straight or ambiguous: close the innermost open quote of the same glyph, else open */
      r = 1;
      if (sp && !memcmp(c->s + c->tok[ev[stack[sp - 1]]].start, q, c->tok[k].len)) r = 2;
    }
    if (r == 1) {
      stack[sp++] = (uint32_t)j;
    } else if (sp) {
      if (q[0] == '\'' || (q[0] == 0xE2 && q[2] == 0x99)) { /* ’ and ' close only their own kind (apostrophes) */
        size_t i = sp;
        while (i > 0 && c->tok[ev[stack[i - 1]]].len != c->tok[k].len) i--;
        if (!i) continue;
        sp = i;
      }
      uint32_t o = stack[--sp];
      match[o] = (uint32_t)k;
      c->tok[ev[o]].flags |= RASD_TOKF_QUOTE_OPEN;
      c->tok[k].flags |= RASD_TOKF_QUOTE_CLOSE;
    }
  }
  /* Pass 2: sentence ends; the stack holds the closing quotes of the quotations we are inside. */
  size_t scap = n / 8 + 8, ns = 0;
  rasd_sentence *S = malloc(scap * sizeof *S);
  if (!S) { if (match != local) free(match); return -1; }
  sp = 0;
  size_t begin = 0, pos = 0;
  uint32_t para = 0;
  for (size_t j = 0; j <= ne; j++) {
    size_t k = j < ne ? ev[j] : n, cut;
    if (k < pos) continue; /* passed over by a sentence mark's look-ahead */
    if (k == n) {
      if (begin >= n) break;
      cut = n;
    } else if (k > begin && (c->tok[k].flags & RASD_TOKF_PARA_START)) {
      cut = k; /* a line break ends the sentence; k starts the next one */
      j--;
    } else {
      if (match[j] != NONE) stack[sp++] = match[j];
      while (sp && stack[sp - 1] == k) sp--;
      pos = k + 1;
      if (!(is_terminator_form(&c->tok[k]) && !dot_is_abbrev(c, k))) continue;
      size_t last = k;
      /* more terminators right after (؟! …) */
      while (last + 1 < n && is_terminator_form(&c->tok[last + 1]) && !(c->tok[last + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)))
        last++;
      if (sp) {
        uint32_t cl = stack[sp - 1];
        if (cl != last + 1) { pos = last + 1; continue; } /* the quote goes on after the mark */
        last = cl;                                       /* “… .” : the closing quote belongs here */
        sp--;
        while (sp && stack[sp - 1] == cl) sp--;
        /* ”. : a mark after the quote too */
        while (last + 1 < n && (is_terminator_form(&c->tok[last + 1]) || (c->tok[last + 1].kind == RASD_TOK_QUOTE && (c->tok[last + 1].flags & RASD_TOKF_QUOTE_CLOSE))) &&
               !(c->tok[last + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)))
          last++;
      } else {
        /* closing quotes or brackets glued after the mark, and a mark after them (.” and ”.) */
        while (last + 1 < n && !(c->tok[last + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)) &&
               ((c->tok[last + 1].kind == RASD_TOK_QUOTE && quote_role(c, last + 1) != 1) ||
                is_terminator_form(&c->tok[last + 1]) ||
                (c->tok[last + 1].kind == RASD_TOK_PUNCT && c->tok[last + 1].form_len == 1 &&
                 (c->tok[last + 1].form[0] == ')' || c->tok[last + 1].form[0] == ']'))))
          last++;
      }
      pos = last + 1;
      /* "1." at the start of a list line is a number, not a sentence */
      if (k == begin + 1 && c->tok[begin].kind == RASD_TOK_NUMBER && last + 1 < n &&
          !(c->tok[last + 1].flags & RASD_TOKF_PARA_START))
        continue;
      cut = last + 1;
    }
    if (ns == scap) {
      scap *= 2;
      rasd_sentence *NS = realloc(S, scap * sizeof *S);
      if (!NS) { free(S); if (match != local) free(match); return -1; }
      S = NS;
    }
    S[ns].tok_begin = (uint32_t)begin;
    S[ns].tok_end = (uint32_t)cut;
    S[ns].start = c->tok[begin].start;
    S[ns].end = c->tok[cut - 1].start + c->tok[cut - 1].len;
    S[ns].paragraph = para;
    for (size_t i = begin; i < cut; i++) c->tok[i].sentence = (uint32_t)ns;
    ns++;
    begin = cut;
    sp = 0;
    if (cut < n && (c->tok[cut].flags & RASD_TOKF_PARA_START)) para++;
    if (cut == n) break;
  }
  if (match != local) free(match);
  T->sent = S;
  T->n_sent = ns;
  return 0;
}

rasd_tokens *rasd__tokenize_ex(const char *str, size_t len, unsigned flags) {
  rasd__text_init();
  tokens_block *B = calloc(1, sizeof *B);
  if (!B) return NULL;
  rasd_tokens *T = &B->T;
  priv *P = &B->P;
  T->priv_ = P;
  if (!str) len = 0;
  if (len > UINT32_MAX - 1) len = UINT32_MAX - 1; /* offsets are 32-bit; callers cut larger inputs */
  ctx C, *c = &C;
  c->s = (const unsigned char *)(str ? str : "");
  c->len = len;
  c->n = 0;
  c->fl = 0;
  c->oom = 0;
  c->want_stem = !(flags & RASD__TOK_NO_STEM);
  c->ev = c->ev_local;
  c->nev = 0;
  c->evcap = EV_LOCAL;
  c->np = 0;
  /* Forms (with their NULs and stems) are rarely longer than twice the source, so one allocation almost
   * always suffices (untouched pages cost nothing). */
  c->fcap = len * 2 + 64 + SLACK;
  c->f = malloc(c->fcap);
  c->cap = len / 6 + 16;
  c->tok = malloc(c->cap * sizeof *c->tok);
  if (!c->f || !c->tok) goto fail;
  const unsigned char *s = c->s;
  unsigned fl = RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START;
  int first = 1;
  size_t i = 0;
  char tmp[64];
#ifdef __SSE2__
  int plain = plain_ok();
#endif
  while (i < len && !c->oom) {
    cpv v;
    unsigned b = s[i];
    if (b == ' ') { /* the commonest byte */
      fl |= RASD_TOKF_SPACE_BEFORE;
      i++;
      continue;
    }
    size_t st = i, fo = c->fl;
    if (b - 0xD8u <= 3u && i + 1 < len && (s[i + 1] & 0xC0) == 0x80 &&
        (rasd__ar2_tab[((b - 0xD8u) << 6) | (s[i + 1] & 0x3Fu)] & 0xFF) == RASD__AR2_LETTER) {
      v.cls = RASD__C_AR; /* an Arabic word starts here: straight to the letter loop */
      goto arabic;
    }
    look(c, i, &v, tmp);
    switch (v.cls) {
    case RASD__C_SPACE:
      fl |= RASD_TOKF_SPACE_BEFORE;
      i += v.n;
      continue;
    case RASD__C_NL:
      fl |= RASD_TOKF_SPACE_BEFORE | (first ? 0 : RASD_TOKF_PARA_START);
      i += v.n;
      continue;
    case RASD__C_INVIS:
    case RASD__C_MARK: /* stray mark or tatweel with no letter before it */
      i += v.n;
      continue;
    case RASD__C_AR:
    arabic: {
      /* Arabic word: letters, marks, tatweel and invisible joiners inside it. Two-byte letters and marks go
       * through rasd__ar2_tab; anything else through look(). */
      size_t end = i;
      int slow = v.cls == RASD__C_AR && !(b - 0xD8u <= 3u); /* v holds a code point outside the two-byte block */
      for (;;) {
        if (!slow) {
          char *f = c->f;
          size_t o = c->fl, lim = fo + MAX_FORM;
          while (i + 1 < len) {
#ifdef __SSE2__
            /* sixteen bytes of plain letters at a time: their form is their own bytes */
            if (plain && i + 16 <= len && o + 16 <= lim && o + 16 + SLACK <= c->fcap) {
              unsigned np = plain16(s + i);
              if (np) {
                _mm_storeu_si128((__m128i *)(void *)(f + o), _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
                o += np;
                i += np;
                end = i;
                if (o >= lim) break;
                if (np == 16) continue;
                if (i + 1 >= len) break;
              }
            }
#endif
            unsigned b0 = s[i] - 0xD8u, b1 = s[i + 1];
            if (b0 > 3u || (b1 & 0xC0) != 0x80) break;
            uint32_t e = rasd__ar2_tab[(b0 << 6) | (b1 & 0x3Fu)];
            unsigned k = e & 0xFF;
            if (k == RASD__AR2_LETTER) {
              if (o + 2 + SLACK > c->fcap) {
                c->fl = o;
                if (fgrow(c, 2)) break;
                f = c->f;
              }
              f[o] = (char)(e >> 16);
              f[o + 1] = (char)(e >> 24);
              o += 2;
              i += 2;
              end = i;
              if (o >= lim) break;
            } else if (k == RASD__AR2_MARK) {
              i += 2;
              end = i;
            } else if (k == RASD__AR2_INVIS) {
              i += 2;
            } else {
              break;
            }
          }
          c->fl = o;
          if (i >= len || c->fl - fo >= MAX_FORM || c->oom) break;
          look(c, i, &v, tmp);
        }
        slow = 0;
        /* one code point outside the fast table */
        if (v.cls == RASD__C_AR) {
          if (fgrow(c, v.flen + 1)) break;
          memcpy(c->f + c->fl, v.form, v.flen);
          c->fl += v.flen;
          i += v.n;
          end = i;
        } else if (v.cls == RASD__C_MARK) {
          i += v.n;
          end = i;
        } else if (v.cls == RASD__C_INVIS) {
          i += v.n;
        } else {
          break;
        }
        if (i >= len || c->fl - fo >= MAX_FORM) break;
      }
      i = end;
      push(c, st, end, fo, RASD_TOK_WORD, &fl);
      break;
    }
    case RASD__C_LAT:
    case RASD__C_DIGIT: {
      int kind = 0;
      size_t ul = (s[i] < 0x80) ? url_at(c, i, &kind) : 0;
      if (ul) {
        i += ul;
        add_forms(c, st, i);
        push(c, st, i, fo, kind, &fl);
        break;
      }
      if (v.cls == RASD__C_DIGIT) {
        size_t e = date_at(c, i);
        kind = e ? RASD_TOK_DATE : RASD_TOK_NUMBER;
        if (!e) e = number_at(c, i);
        if (e - st > MAX_FORM / 4) e = st + MAX_FORM / 4; /* cut absurd digit runs (still on a code point) */
        while (e > st && e < len && (s[e] & 0xC0) == 0x80) e--;
        if (e == st) e = st + v.n;
        i = e;
        add_forms(c, st, i);
        push(c, st, i, fo, kind, &fl);
        break;
      }
      /* Latin (or other non-Arabic) word: letters and digits, marks, inner apostrophes (don't, O’Brien). */
      size_t end = i;
      for (;;) {
        if (v.cls == RASD__C_LAT || v.cls == RASD__C_DIGIT || v.cls == RASD__C_MARK) {
          i += v.n;
          end = i;
        } else if (v.cls == RASD__C_INVIS) {
          i += v.n;
        } else if (v.cls == RASD__C_QUOTE && (s[i] == '\'' || (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x99))) {
          cpv w;
          if (i + v.n >= len) break;
          look(c, i + v.n, &w, tmp);
          if (w.cls != RASD__C_LAT) break;
          i += v.n;
        } else {
          break;
        }
        if (i >= len || end - st >= MAX_FORM / 4) break;
        look(c, i, &v, tmp);
      }
      i = end;
      add_forms(c, st, end);
      push(c, st, end, fo, RASD_TOK_LATIN, &fl);
      break;
    }
    case RASD__C_PUNCT: {
      i += v.n;
      /* a run of the same mark is one token: ... !! ؟؟ -- */
      while (i + v.n <= len && i - st < 256 && !memcmp(s + i, s + st, v.n)) i += v.n;
      add_forms(c, st, i);
      push(c, st, i, fo, RASD_TOK_PUNCT, &fl);
      break;
    }
    case RASD__C_QUOTE:
      i += v.n;
      add_forms(c, st, i);
      push(c, st, i, fo, RASD_TOK_QUOTE, &fl);
      break;
    case RASD__C_INVALID:
    case RASD__C_CTRL: {
      int cls = v.cls;
      i += v.n;
      while (i < len && i - st < 4096) {
        look(c, i, &v, tmp);
        if (v.cls != cls) break;
        i += v.n;
      }
      if (fgrow(c, 4)) break;
      memcpy(c->f + c->fl, "\xEF\xBF\xBD", 3);
      c->fl += 3;
      push(c, st, i, fo, RASD_TOK_OTHER, &fl);
      break;
    }
    default: /* symbols, emoji */
      i += v.n;
      add_forms(c, st, i);
      if (c->fl == fo && !fgrow(c, 4)) {
        memcpy(c->f + c->fl, s + st, v.n);
        c->fl += v.n;
      }
      push(c, st, i, fo, RASD_TOK_OTHER, &fl);
      break;
    }
    first = 0;
  }
  if (c->np && !c->oom) word_done(c, 0);
  if (c->oom) goto fail;
  if (split_sentences(c, T)) goto fail;
  if (c->ev != c->ev_local) free(c->ev);
  P->forms = c->f;
  T->tok = c->tok;
  T->n_tok = c->n;
  return T;
fail:
  if (c->ev != c->ev_local) free(c->ev);
  free(c->f);
  free(c->tok);
  free(B);
  return NULL;
}

rasd_tokens *rasd_tokenize(const char *s, size_t len) { return rasd__tokenize_ex(s, len, 0); }

void rasd_tokens_free(rasd_tokens *t) {
  if (!t) return;
  priv *P = t->priv_;
  if (P) free(P->forms);
  free(t->tok);
  free(t->sent);
  free(t); /* the block holding t and its priv */
}
