/* tokenize.c — the normalise+tokenise kernel (compact tokens with byte offsets, matching forms, sentences) and
 * rasd_tokenize(), which adds bare forms, stopword flags and stems to the kernel's tokens. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "text/text.h"

/* Speed: the kernel writes 16-byte tokens and NUL-terminated forms into reusable buffers; runs of Arabic
 * letters are normalised sixteen bytes at a time (SSE2: the letters ء–ي map two bytes to two bytes, so
 * أ إ آ → ا, ة → ه, ى → ي is a masked blend), with a 256-entry table of the two-byte block behind it and
 * the code-point table for the rest. The sentence splitter visits only the tokens that can matter to it
 * (quotes, sentence marks, paragraph starts). Word analyses (bare form, stopword flag, stem) are not the
 * kernel's: rasd_tokenize() adds them afterwards from a per-thread cache keyed by the form. */

#define MAX_FORM 60000 /* a longer run is cut into several tokens so that form_len (uint16_t) stays exact */
#define SLACK 32       /* bytes kept free after the forms: the word cache reads 24 bytes past a form's start */
#define ROOM(rest) (2 * (rest) + 64) /* forms room kept free before each token: 2 bytes per source byte */

typedef struct ctx {
  const unsigned char *s;
  size_t len;
  rasd__ktok *tok;
  size_t n, cap;
  char *f; /* forms buffer */
  size_t fl, fcap;
  int oom;
  uint32_t *ev; /* indices of the tokens the sentence splitter looks at */
  size_t nev, evcap;
} ctx;

/* Makes room for 'need' more bytes (plus SLACK) in the forms buffer; tokens hold offsets, so it may move. */
static int fgrow(ctx *c, size_t need) {
  if (c->fl + need + SLACK <= c->fcap) return 0;
  size_t cap = c->fcap ? c->fcap : 256;
  while (cap < c->fl + need + SLACK) cap *= 2;
  char *nf = realloc(c->f, cap);
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
  unsigned c0 = s[0] | 0x20u;
  if ((c0 == 'h' || c0 == 'f' || c0 == 'w') && ((rem > 8 && !strncasecmp(cs, "https://", 8)) || (rem > 7 && !strncasecmp(cs, "http://", 7)) ||
      (rem > 6 && !strncasecmp(cs, "ftp://", 6)) || (rem > 4 && !strncasecmp(cs, "www.", 4)))) {
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

static inline int is_terminator(const ctx *c, const rasd__ktok *t) {
  size_t n = t->form_len;
  if (t->kind != RASD_TOK_PUNCT || n == 0) return 0;
  const char *f = c->f + t->form;
  unsigned char l = (unsigned char)f[n - 1];
  if (l == '.' || l == '!' || l == '?') return 1;
  if (n >= 2 && (unsigned char)f[n - 2] == 0xD8 && l == 0x9F) return 1; /* ؟ */
  return 0;
}

/* Opening / closing role of a quote token (1 open, 2 close, 3 either) from spacing, then glyph. */
static int quote_role(const ctx *c, size_t k) {
  const rasd__ktok *t = &c->tok[k];
  int sp_before = (t->flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)) != 0;
  int sp_after = k + 1 >= c->n || (c->tok[k + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START));
  int next_punct = k + 1 < c->n && (c->tok[k + 1].kind == RASD_TOK_PUNCT);
  if (sp_before && !sp_after) return 1;
  if (!sp_before && (sp_after || next_punct)) return 2;
  if (k > 0 && !sp_before && c->tok[k - 1].kind == RASD_TOK_PUNCT && !is_terminator(c, &c->tok[k - 1])) return 1;
  const unsigned char *q = c->s + t->start;
  if (q[0] == 0xC2 && q[1] == 0xAB) return 1;                                          /* « */
  if (q[0] == 0xC2 && q[1] == 0xBB) return 2;                                          /* » */
  if (q[0] == 0xE2 && q[1] == 0x80 && (q[2] == 0x9C || q[2] == 0x9E || q[2] == 0x98)) return 1; /* “ „ ‘ */
  if (q[0] == 0xE2 && q[1] == 0x80 && (q[2] == 0x9D || q[2] == 0x99)) return 2;      /* ” ’ */
  return 3;
}

/* Transliterated Latin initials written in Arabic (إف. كينيدي): matching forms. */
typedef struct lword {
  const char *s;
  size_t n;
} lword;
#define LW(x) {x, sizeof x - 1}

static int in_list(const lword *l, const char *f, size_t n) {
  for (; l->s; l++)
    if (l->n == n && !memcmp(l->s, f, n)) return 1;
  return 0;
}

static int arabic_initial(const char *f, size_t n) {
  static const lword ini[] = {LW("اف"), LW("جي"), LW("بي"), LW("سي"), LW("دي"), LW("اي"), LW("اتش"), LW("جيه"),
                              LW("كيه"), LW("ال"), LW("ام"), LW("ان"), LW("او"), LW("كيو"), LW("ار"), LW("اس"),
                              LW("تي"), LW("يو"), LW("في"), LW("اكس"), LW("واي"), LW("زد"), LW("ايه"), {NULL, 0}};
  return in_list(ini, f, n);
}

static int latin_abbrev(const char *f, size_t n) {
  static const lword ab[] = {LW("mr"), LW("mrs"), LW("ms"), LW("dr"), LW("st"), LW("jr"), LW("sr"), LW("no"),
                             LW("vs"), LW("etc"), LW("prof"), LW("gen"), LW("col"), LW("lt"), LW("sgt"), LW("capt"),
                             LW("rev"), LW("inc"), LW("ltd"), LW("co"), LW("corp"), LW("u.s"), LW("e.g"), LW("i.e"),
                             {NULL, 0}};
  return in_list(ab, f, n);
}

/* Arabic abbreviations ending in a dot: single letters (د. م. أ. ك.) and a few words. */
static int dot_is_abbrev(const ctx *c, size_t k) {
  if (k == 0) return 0;
  const rasd__ktok *d = &c->tok[k], *p = &c->tok[k - 1];
  const char *pf = c->f + p->form;
  if (d->form_len != 1 || c->f[d->form] != '.' || (d->flags & RASD_TOKF_SPACE_BEFORE)) return 0;
  int next_word = k + 1 < c->n && !(c->tok[k + 1].flags & RASD_TOKF_PARA_START) &&
                  (c->tok[k + 1].kind == RASD_TOK_WORD || c->tok[k + 1].kind == RASD_TOK_LATIN ||
                   c->tok[k + 1].kind == RASD_TOK_NUMBER);
  if (!next_word) return 0;
  if (p->kind == RASD_TOK_WORD && p->form_len == 2) /* one Arabic letter: د. / ك. — but 2015م. and 1436هـ. end */
    return !(k >= 2 && c->tok[k - 2].kind == RASD_TOK_NUMBER);
  if (p->kind == RASD_TOK_LATIN && p->form_len == 1) return 1;
  if (p->kind == RASD_TOK_LATIN && latin_abbrev(pf, p->form_len)) return 1;
  if (p->kind == RASD_TOK_WORD && arabic_initial(pf, p->form_len) && k >= 2 &&
      c->tok[k - 2].kind == RASD_TOK_WORD && c->tok[k + 1].kind == RASD_TOK_WORD)
    return 1;
  /* a run of initials (أف. بي. آي، سي. آي. إيه): the dot after one with another after it */
  if (p->kind == RASD_TOK_WORD && arabic_initial(pf, p->form_len) && c->tok[k + 1].kind == RASD_TOK_WORD &&
      arabic_initial(c->f + c->tok[k + 1].form, c->tok[k + 1].form_len))
    return 1;
  return 0;
}

#ifdef __SSE2__
/* x in [lo, hi] (unsigned bytes). */
static inline __m128i in_range(__m128i x, unsigned char lo, unsigned char hi) {
  return _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)lo)), x),
                       _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8((char)hi)), x));
}

static inline __m128i blend(__m128i a, __m128i b, __m128i m) { return _mm_or_si128(_mm_andnot_si128(m, a), _mm_and_si128(m, b)); }

/* Matching form of the Arabic letters at p (16 readable bytes, p at a lead byte): writes 16 bytes to out and
 * returns how many of them (even) are letters ء–غ ف–ي with their forms (أ إ آ → ا, ة → ه, ى → ي, the others
 * themselves; fast_ok() checks this against the table). */
static inline unsigned norm16(const unsigned char *p, char *out) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p), prev = _mm_slli_si128(x, 1);
  __m128i d8 = _mm_set1_epi8((char)0xD8), d9 = _mm_set1_epi8((char)0xD9);
  __m128i lead = _mm_or_si128(_mm_cmpeq_epi8(x, d8), _mm_cmpeq_epi8(x, d9));
  __m128i p8 = _mm_cmpeq_epi8(prev, d8), p9 = _mm_cmpeq_epi8(prev, d9);
  __m128i ok = _mm_or_si128(_mm_and_si128(p8, in_range(x, 0xA1, 0xBA)), _mm_and_si128(p9, in_range(x, 0x81, 0x8A)));
  unsigned m = ((unsigned)_mm_movemask_epi8(lead) & 0x5555u) | ((unsigned)_mm_movemask_epi8(ok) & 0xAAAAu);
  __m128i alef = _mm_and_si128(p8, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA2)),
                                                              _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA3))),
                                                 _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA5))));
  __m128i teh = _mm_and_si128(p8, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA9)));
  __m128i yeh = _mm_and_si128(p9, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x89)));
  __m128i y = blend(x, _mm_set1_epi8((char)0xA7), alef);
  y = blend(y, _mm_set1_epi8((char)0x87), teh);
  y = blend(y, d9, _mm_srli_si128(teh, 1)); /* ة's lead D8 → D9 (ه is U+0647) */
  y = blend(y, _mm_set1_epi8((char)0x8A), yeh);
  _mm_storeu_si128((__m128i *)(void *)out, y);
  return (unsigned)__builtin_ctz(~m | 0x10000u) & ~1u;
}

/* 1 when norm16() gives, for every letter it accepts, the letter's two-byte form in the table. */
static int fast_ok(void) {
  static int ok = -1;
  if (ok >= 0) return ok;
  int r = 1;
  for (unsigned cp = 0x621; cp <= 0x64A && r; cp++) {
    if (cp > 0x63A && cp < 0x641) continue;
    unsigned char in[16];
    char out[16];
    for (int k = 0; k < 16; k += 2) { in[k] = (unsigned char)(0xC0 | (cp >> 6)); in[k + 1] = (unsigned char)(0x80 | (cp & 0x3F)); }
    uint32_t e = rasd__ar2_tab[cp - 0x600];
    if (norm16(in, out) != 16 || (e & 0xFF) != RASD__AR2_LETTER) r = 0;
    for (int k = 0; k < 16 && r; k += 2)
      if ((unsigned char)out[k] != ((e >> 16) & 0xFF) || (unsigned char)out[k + 1] != (e >> 24)) r = 0;
  }
  ok = r; /* every thread computes the same value */
  return r;
}
#endif

/* Appends token [st, end) whose form is c->f[fo .. c->fl); records it as an event for the sentence splitter
 * when it can matter there. Clears *flags. */
static inline void push(ctx *c, size_t st, size_t end, size_t fo, int kind, unsigned *flags) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    rasd__ktok *nt = realloc(c->tok, cap * sizeof *nt);
    if (!nt) { c->oom = 1; return; }
    c->tok = nt;
    c->cap = cap;
  }
  rasd__ktok *t = &c->tok[c->n];
  unsigned fla = *flags;
  t->start = (uint32_t)st;
  t->len = (uint32_t)(end - st);
  t->form = (uint32_t)fo;
  t->form_len = (uint16_t)(c->fl - fo);
  t->kind = (uint8_t)kind;
  t->flags = (uint8_t)fla;
  *flags = 0;
  if ((fla & RASD_TOKF_PARA_START) || kind == RASD_TOK_QUOTE || (kind == RASD_TOK_PUNCT && is_terminator(c, t))) {
    if (c->nev == c->evcap) {
      size_t cap = c->evcap ? c->evcap * 2 : 256;
      uint32_t *ne = realloc(c->ev, cap * sizeof *ne);
      if (!ne) { c->oom = 1; return; }
      c->ev = ne;
      c->evcap = cap;
    }
    c->ev[c->nev++] = (uint32_t)c->n;
  }
  c->n++;
}

#ifdef __SSE2__
/* ---- The block path: many tokens of 64 bytes from bit masks. ---- */

/* Bit masks of 64 bytes of text (bit k: byte k). */
typedef struct masks64 {
  uint64_t letters; /* both bytes of each letter ء–غ ف–ي (the second byte of one whose lead is byte 63 is not here) */
  uint64_t lead;    /* the lead bytes of those letters */
  uint64_t space;   /* white space between tokens: ' ' \t \r \n and both bytes of NBSP */
  uint64_t nl;      /* '\n' */
  uint64_t ascii;   /* bytes < 0x80 */
  uint64_t punct;   /* printable ASCII but letters, digits and a byte equal to the next one (one-byte tokens) */
  uint64_t two;     /* lead byte of a two-byte one-character token: ، ؛ ؟ followed by ASCII, « » */
  uint64_t quote;   /* " ' and the lead byte C2 of « » (and of NBSP: never a token start) */
  uint64_t event;   /* first bytes of the tokens the sentence splitter looks at: . ! ? ؟ and the quotes */
  uint64_t mark;    /* lead bytes of tatweel and the tashkeel U+064B–U+0652 (dropped from forms) */
  uint64_t digit;   /* ASCII digits */
  uint64_t numsep;  /* + , - . / : @ _ : after digits, a number, date, time or e-mail may go on (general path) */
} masks64;

#define SCAN_FN static inline __attribute__((always_inline)) /* the scanners are inlined into block_run() */
/* Fills M from the per-byte masks every scanner computes (bit k: byte k): lead bytes of letters, white space,
 * line breaks, bytes >= 0x80, one-byte punctuation, « », lead bytes of ، ؛ ؟, quotes, events, marks. */
static inline __attribute__((always_inline)) void masks_set(masks64 *M, uint64_t lead, uint64_t ws, uint64_t nl,
                                                            uint64_t hi, uint64_t pu, uint64_t qt, uint64_t ap,
                                                            uint64_t qu, uint64_t evm, uint64_t mk, uint64_t dg,
                                                            uint64_t ns) {
  M->letters = lead | (lead << 1);
  M->lead = lead;
  M->space = ws;
  M->nl = nl;
  M->ascii = ~hi;
  M->punct = pu;
  M->two = qt | (ap & (~hi >> 2)); /* ، ؛ ؟ only before ASCII: a run of them is one token */
  M->quote = qu;
  M->event = evm;
  M->mark = mk;
  M->digit = dg;
  M->numsep = ns;
}

/* The masks of the 64 bytes at p (p[-1] .. p[65] readable) and their normalised bytes written to out (64 bytes):
 * letters ء–غ ف–ي get their forms (أ إ آ → ا, ة → ه, ى → ي), other bytes stay as they are. One body for the
 * SSE2 and AVX2 scanners, W bytes a vector (V: the level's operations below); AVX-512BW computes the same with
 * mask registers. Forms: A2 A3 A5 (after D8) | 07 = A7; D8 A9 ^ 01 2E = D9 87; D9 89 ^ 03 = D9 8A. */
#define SCAN64_BODY(V, VT, W)                                                                                      \
  uint64_t L_ = 0, S_ = 0, N_ = 0, A_ = 0, P_ = 0, T_ = 0, AT_ = 0, Q_ = 0, E_ = 0, MK_ = 0, D_ = 0, NS_ = 0;     \
  for (int k = 0; k < 64 / (W); k++) {                                                                             \
    const unsigned char *q = p + (W) * k;                                                                          \
    VT x = V##_ld(q), nx = V##_ld(q + 1), pv = V##_ld(q - 1);                                                      \
    VT l8 = V##_eq(x, 0xD8), l9 = V##_eq(x, 0xD9), lc2 = V##_eq(x, 0xC2);                                         \
    VT lead = V##_or(V##_and(l8, V##_in(nx, 0xA1, 0xBA)), V##_and(l9, V##_in(nx, 0x81, 0x8A)));                    \
    VT ap = V##_and(l8, V##_or(V##_eq(nx, 0x8C), V##_or(V##_eq(nx, 0x9B), V##_eq(nx, 0x9F))));                     \
    VT mk = V##_and(l9, V##_or(V##_eq(nx, 0x80), V##_in(nx, 0x8B, 0x92)));                                         \
    VT qt = V##_and(lc2, V##_eq(V##_or(nx, V##_set(0x10)), 0xBB));                                                 \
    VT nbsp = V##_or(V##_and(lc2, V##_eq(nx, 0xA0)), V##_and(V##_eq(pv, 0xC2), V##_eq(x, 0xA0)));                  \
    VT nl = V##_eq(x, '\n');                                                                                       \
    VT ws = V##_or(V##_or(V##_eq(x, ' '), nl), V##_or(V##_or(V##_eq(x, '\t'), V##_eq(x, '\r')), nbsp));           \
    VT dg = V##_in(x, '0', '9'), alnum = V##_or(dg, V##_in(V##_or(x, V##_set(0x20)), 'a', 'z'));                  \
    VT ns = V##_or(V##_or(V##_in(x, '+', '/'), V##_eq(x, ':')), V##_or(V##_eq(x, '@'), V##_eq(x, '_')));           \
    VT pu = V##_andnot(V##_or(alnum, V##_cmp(x, nx)), V##_in(x, 0x21, 0x7E));                                     \
    VT qu = V##_or(V##_or(V##_eq(x, '"'), V##_eq(x, '\'')), lc2);                                                  \
    VT evm = V##_or(V##_or(qu, V##_eq(x, '.')), V##_or(V##_or(V##_eq(x, '!'), V##_eq(x, '?')),                     \
                                                      V##_and(l8, V##_eq(nx, 0x9F))));                             \
    L_ |= V##_bits(lead) << ((W) * k);                                                                             \
    S_ |= V##_bits(ws) << ((W) * k);                                                                               \
    N_ |= V##_bits(nl) << ((W) * k);                                                                               \
    A_ |= V##_bits(x) << ((W) * k);                                                                                \
    P_ |= V##_bits(pu) << ((W) * k);                                                                               \
    T_ |= V##_bits(qt) << ((W) * k);                                                                               \
    AT_ |= V##_bits(ap) << ((W) * k);                                                                              \
    Q_ |= V##_bits(qu) << ((W) * k);                                                                               \
    E_ |= V##_bits(evm) << ((W) * k);                                                                              \
    MK_ |= V##_bits(mk) << ((W) * k);                                                                              \
    D_ |= V##_bits(dg) << ((W) * k);                                                                               \
    NS_ |= V##_bits(ns) << ((W) * k);                                                                              \
    VT p8 = V##_eq(pv, 0xD8);                                                                                      \
    VT alef = V##_and(p8, V##_or(V##_eq(V##_or(x, V##_set(1)), 0xA3), V##_eq(x, 0xA5)));                          \
    VT teh = V##_and(p8, V##_eq(x, 0xA9)), tehl = V##_and(l8, V##_eq(nx, 0xA9));                                   \
    VT yeh = V##_and(V##_eq(pv, 0xD9), V##_eq(x, 0x89));                                                           \
    VT fx = V##_or(V##_or(V##_and(teh, V##_set(0x2E)), V##_and(tehl, V##_set(1))), V##_and(yeh, V##_set(3)));      \
    V##_st(out + (W) * k, V##_xor(V##_or(x, V##_and(alef, V##_set(7))), fx));                                      \
  }                                                                                                                \
  masks_set(M, L_, S_, N_, A_, P_, T_, AT_, Q_, E_, MK_, D_, NS_)

/* The SSE2 operations of SCAN64_BODY. */
#define SSE_FN static inline __attribute__((always_inline))
SSE_FN __m128i s2_ld(const unsigned char *q) { return _mm_loadu_si128((const __m128i *)(const void *)q); }
SSE_FN void s2_st(char *o, __m128i v) { _mm_storeu_si128((__m128i *)(void *)o, v); }
SSE_FN __m128i s2_set(int b) { return _mm_set1_epi8((char)b); }
SSE_FN __m128i s2_cmp(__m128i a, __m128i b) { return _mm_cmpeq_epi8(a, b); }
SSE_FN __m128i s2_eq(__m128i a, int b) { return _mm_cmpeq_epi8(a, _mm_set1_epi8((char)b)); }
SSE_FN __m128i s2_and(__m128i a, __m128i b) { return _mm_and_si128(a, b); }
SSE_FN __m128i s2_or(__m128i a, __m128i b) { return _mm_or_si128(a, b); }
SSE_FN __m128i s2_xor(__m128i a, __m128i b) { return _mm_xor_si128(a, b); }
SSE_FN __m128i s2_andnot(__m128i a, __m128i b) { return _mm_andnot_si128(a, b); }
SSE_FN uint64_t s2_bits(__m128i a) { return (uint64_t)(unsigned)_mm_movemask_epi8(a); }
SSE_FN __m128i s2_in(__m128i v, int lo, int hi) { /* v in [lo, hi] (unsigned bytes) */
  __m128i u = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
  return _mm_cmpeq_epi8(_mm_min_epu8(u, _mm_set1_epi8((char)(hi - lo))), u);
}
#undef SSE_FN

SCAN_FN void scan64_sse2(const unsigned char *p, char *out, masks64 *M) { SCAN64_BODY(s2, __m128i, 16); }

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_PATH 1
#include <immintrin.h>
/* The AVX2 operations of SCAN64_BODY. */
#define AVX_FN __attribute__((target("avx2"))) static inline __attribute__((always_inline))
AVX_FN __m256i av_ld(const unsigned char *q) { return _mm256_loadu_si256((const __m256i *)(const void *)q); }
AVX_FN void av_st(char *o, __m256i v) { _mm256_storeu_si256((__m256i *)(void *)o, v); }
AVX_FN __m256i av_set(int b) { return _mm256_set1_epi8((char)b); }
AVX_FN __m256i av_cmp(__m256i a, __m256i b) { return _mm256_cmpeq_epi8(a, b); }
AVX_FN __m256i av_eq(__m256i a, int b) { return _mm256_cmpeq_epi8(a, _mm256_set1_epi8((char)b)); }
AVX_FN __m256i av_and(__m256i a, __m256i b) { return _mm256_and_si256(a, b); }
AVX_FN __m256i av_or(__m256i a, __m256i b) { return _mm256_or_si256(a, b); }
AVX_FN __m256i av_xor(__m256i a, __m256i b) { return _mm256_xor_si256(a, b); }
AVX_FN __m256i av_andnot(__m256i a, __m256i b) { return _mm256_andnot_si256(a, b); }
AVX_FN uint64_t av_bits(__m256i a) { return (uint64_t)(uint32_t)_mm256_movemask_epi8(a); }
AVX_FN __m256i av_in(__m256i v, int lo, int hi) {
  __m256i u = _mm256_sub_epi8(v, _mm256_set1_epi8((char)lo));
  return _mm256_cmpeq_epi8(_mm256_min_epu8(u, _mm256_set1_epi8((char)(hi - lo))), u);
}
#undef AVX_FN

__attribute__((target("avx2"))) SCAN_FN void scan64_avx2(const unsigned char *p, char *out, masks64 *M) {
  SCAN64_BODY(av, __m256i, 32);
}

/* Classes of the ASCII bytes of 64 (bit k: byte k). */
typedef struct ascii64 {
  __mmask64 ws, nl, pr, dg, ns, qu, ev; /* ' ' \t \r \n; \n; printable but letters and digits; digits; + , - . / : @ _;
                                         * " '; . ! ? */
} ascii64;
#define B(v) _mm512_load_si512((const void *)rasd__bcast[(uint8_t)(v)])
#define EQ(k, v, b) _mm512_mask_cmpeq_epi8_mask(k, v, B(b))
#define IN(k, v, lo, hi) _mm512_mask_cmple_epu8_mask(_mm512_mask_cmpge_epu8_mask(k, v, B(lo)), v, B(hi))

/* ascii64 by comparisons (AVX-512BW). */
__attribute__((target("avx512bw"))) SCAN_FN void ascii_cmp(__m512i x, __mmask64 hi, ascii64 *A) {
  const __mmask64 all = ~0ull;
  (void)hi;
  A->nl = EQ(all, x, '\n');
  A->ws = EQ(all, x, ' ') | EQ(all, x, '\t') | EQ(all, x, '\r') | A->nl;
  A->dg = IN(all, x, '0', '9');
  A->ns = IN(all, x, '+', '/') | EQ(all, x, ':') | EQ(all, x, '@') | EQ(all, x, '_');
  A->pr = IN(all, x, 0x21, 0x7E) & ~A->dg & ~IN(all, _mm512_or_si512(x, B(0x20)), 'a', 'z');
  A->qu = EQ(all, x, '"') | EQ(all, x, '\'');
  A->ev = EQ(all, x, '.') | EQ(all, x, '!') | EQ(all, x, '?');
}

/* Bits of ascii_tab[] for ascii_perm(). */
enum { AC_WS = 1, AC_NL = 2, AC_PR = 4, AC_DG = 8, AC_NS = 16, AC_QU = 32, AC_EV = 64 };
static const uint8_t ascii_tab[128] __attribute__((aligned(64))) = {
  ['\t'] = AC_WS, ['\n'] = AC_WS | AC_NL, ['\r'] = AC_WS, [' '] = AC_WS, ['!'] = AC_PR | AC_EV, ['"'] = AC_PR | AC_QU,
  ['#'] = AC_PR, ['$'] = AC_PR, ['%'] = AC_PR, ['&'] = AC_PR, ['\''] = AC_PR | AC_QU, ['('] = AC_PR, [')'] = AC_PR,
  ['*'] = AC_PR, ['+'] = AC_PR | AC_NS, [','] = AC_PR | AC_NS, ['-'] = AC_PR | AC_NS, ['.'] = AC_PR | AC_NS | AC_EV,
  ['/'] = AC_PR | AC_NS, ['0'] = AC_DG, ['1'] = AC_DG, ['2'] = AC_DG, ['3'] = AC_DG, ['4'] = AC_DG, ['5'] = AC_DG,
  ['6'] = AC_DG, ['7'] = AC_DG, ['8'] = AC_DG, ['9'] = AC_DG, [':'] = AC_PR | AC_NS, [';'] = AC_PR, ['<'] = AC_PR,
  ['='] = AC_PR, ['>'] = AC_PR, ['?'] = AC_PR | AC_EV, ['@'] = AC_PR | AC_NS, ['['] = AC_PR, ['\\'] = AC_PR,
  [']'] = AC_PR, ['^'] = AC_PR, ['_'] = AC_PR | AC_NS, ['`'] = AC_PR, ['{'] = AC_PR, ['|'] = AC_PR, ['}'] = AC_PR,
  ['~'] = AC_PR};

/* ascii64 by one look-up of every byte in ascii_tab[] (AVX-512 VBMI vpermi2b) and a bit test per class. */
__attribute__((target("avx512bw,avx512vbmi"))) SCAN_FN void ascii_perm(__m512i x, __mmask64 hi, ascii64 *A) {
  __m512i c = _mm512_permutex2var_epi8(_mm512_load_si512((const void *)ascii_tab), x,
                                       _mm512_load_si512((const void *)(ascii_tab + 64)));
  __mmask64 lo = ~hi; /* bytes >= 0x80 index the table by their low seven bits */
  A->ws = _mm512_mask_test_epi8_mask(lo, c, B(AC_WS));
  A->nl = _mm512_mask_test_epi8_mask(lo, c, B(AC_NL));
  A->pr = _mm512_mask_test_epi8_mask(lo, c, B(AC_PR));
  A->dg = _mm512_mask_test_epi8_mask(lo, c, B(AC_DG));
  A->ns = _mm512_mask_test_epi8_mask(lo, c, B(AC_NS));
  A->qu = _mm512_mask_test_epi8_mask(lo, c, B(AC_QU));
  A->ev = _mm512_mask_test_epi8_mask(lo, c, B(AC_EV));
}

/* The same as SCAN64_BODY with mask registers (AVX-512BW), all 64 bytes at once; 'asc' classifies the ASCII bytes. */
__attribute__((target("avx512bw"))) SCAN_FN void scan512(const unsigned char *p, char *out, masks64 *M,
                                                         void (*asc)(__m512i, __mmask64, ascii64 *)) {
  const __mmask64 all = ~0ull;
  __m512i x = _mm512_loadu_si512((const void *)p), nx = _mm512_loadu_si512((const void *)(p + 1));
  __m512i pv = _mm512_loadu_si512((const void *)(p - 1));
  __mmask64 hi = _mm512_movepi8_mask(x);
  ascii64 A;
  asc(x, hi, &A);
  __mmask64 l8 = EQ(all, x, 0xD8), l9 = EQ(all, x, 0xD9), c2 = EQ(all, x, 0xC2);
  __mmask64 lead = IN(l8, nx, 0xA1, 0xBA) | IN(l9, nx, 0x81, 0x8A);
  __mmask64 ap = EQ(l8, nx, 0x8C) | EQ(l8, nx, 0x9B) | EQ(l8, nx, 0x9F);
  __mmask64 qt = EQ(c2, nx, 0xAB) | EQ(c2, nx, 0xBB);
  __mmask64 nbsp = EQ(c2, nx, 0xA0) | EQ(EQ(all, pv, 0xC2), x, 0xA0);
  __mmask64 ws = A.ws | nbsp;
  __mmask64 pu = A.pr & ~_mm512_cmpeq_epi8_mask(x, nx);
  __mmask64 mk = EQ(l9, nx, 0x80) | IN(l9, nx, 0x8B, 0x92);
  __mmask64 qu = A.qu | c2;
  __mmask64 evm = qu | A.ev | EQ(l8, nx, 0x9F);
  __mmask64 p8 = EQ(all, pv, 0xD8);
  __m512i y = _mm512_mask_mov_epi8(x, EQ(p8, _mm512_or_si512(x, B(1)), 0xA3) | EQ(p8, x, 0xA5), B(0xA7));
  y = _mm512_mask_mov_epi8(y, EQ(p8, x, 0xA9), B(0x87));
  y = _mm512_mask_mov_epi8(y, EQ(l8, nx, 0xA9), B(0xD9));
  y = _mm512_mask_mov_epi8(y, EQ(EQ(all, pv, 0xD9), x, 0x89), B(0x8A));
  _mm512_storeu_si512((void *)out, y);
  masks_set(M, lead, ws, A.nl, hi, pu, qt, ap, qu, evm, mk, A.dg, A.ns);
}
#undef B
#undef EQ
#undef IN

__attribute__((target("avx512bw"))) SCAN_FN void scan64_avx512(const unsigned char *p, char *out, masks64 *M) {
  scan512(p, out, M, ascii_cmp);
}

__attribute__((target("avx512bw,avx512vbmi"))) SCAN_FN void scan64_vbmi(const unsigned char *p, char *out, masks64 *M) {
  scan512(p, out, M, ascii_perm);
}
#endif

/* Token kind of a token of the block path but a word by its first byte (one-character punctuation and quotes,
 * numbers; letters are told apart by their mask); 0 for bytes that never start a block. */
static const uint8_t blk_kind[256] = {
  ['!'] = RASD_TOK_PUNCT, ['"'] = RASD_TOK_QUOTE, ['#'] = RASD_TOK_PUNCT, ['$'] = RASD_TOK_PUNCT, ['%'] = RASD_TOK_PUNCT,
  ['&'] = RASD_TOK_PUNCT, ['\''] = RASD_TOK_QUOTE, ['('] = RASD_TOK_PUNCT, [')'] = RASD_TOK_PUNCT, ['*'] = RASD_TOK_PUNCT,
  ['+'] = RASD_TOK_PUNCT, [','] = RASD_TOK_PUNCT, ['-'] = RASD_TOK_PUNCT, ['.'] = RASD_TOK_PUNCT, ['/'] = RASD_TOK_PUNCT,
  [':'] = RASD_TOK_PUNCT, [';'] = RASD_TOK_PUNCT, ['<'] = RASD_TOK_PUNCT, ['='] = RASD_TOK_PUNCT, ['>'] = RASD_TOK_PUNCT,
  ['?'] = RASD_TOK_PUNCT, ['@'] = RASD_TOK_PUNCT, ['['] = RASD_TOK_PUNCT, ['\\'] = RASD_TOK_PUNCT, [']'] = RASD_TOK_PUNCT,
  ['^'] = RASD_TOK_PUNCT, ['_'] = RASD_TOK_PUNCT, ['`'] = RASD_TOK_PUNCT, ['{'] = RASD_TOK_PUNCT, ['|'] = RASD_TOK_PUNCT,
  ['}'] = RASD_TOK_PUNCT, ['~'] = RASD_TOK_PUNCT, ['0'] = RASD_TOK_NUMBER, ['1'] = RASD_TOK_NUMBER, ['2'] = RASD_TOK_NUMBER,
  ['3'] = RASD_TOK_NUMBER, ['4'] = RASD_TOK_NUMBER, ['5'] = RASD_TOK_NUMBER, ['6'] = RASD_TOK_NUMBER, ['7'] = RASD_TOK_NUMBER,
  ['8'] = RASD_TOK_NUMBER, ['9'] = RASD_TOK_NUMBER, [0xD8] = RASD_TOK_PUNCT, [0xD9] = RASD_TOK_WORD, [0xC2] = RASD_TOK_QUOTE};

/* Which one-character tokens of the block path matter to the sentence splitter, by first byte: 1 always
 * (. ! ? " ' « »), 2 when the second byte is 9F (؟). Never a letter: D8 letters have second bytes A1–BA. */
static const uint8_t blk_event[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1, ['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xD8] = 2};

/* Makes room for a block's tokens and events; 0 or -1 (out of memory). */
static inline int block_room(ctx *c) {
  if (c->n + 72 > c->cap) {
    size_t cap = c->cap * 2 + 128;
    rasd__ktok *nt = realloc(c->tok, cap * sizeof *nt);
    if (!nt) { c->oom = 1; return -1; }
    c->tok = nt;
    c->cap = cap;
  }
  if (c->nev + 72 > c->evcap) {
    size_t cap = c->evcap * 2 + 128;
    uint32_t *ne = realloc(c->ev, cap * sizeof *ne);
    if (!ne) { c->oom = 1; return -1; }
    c->ev = ne;
    c->evcap = cap;
  }
  return 0;
}

/* The fast loop of block_run() writes a token as two little-endian words: start | len << 32, form | form_len << 32
 * | kind << 48 | flags << 56. */
_Static_assert(sizeof(rasd__ktok) == 16 && offsetof(rasd__ktok, form) == 8 && offsetof(rasd__ktok, form_len) == 12 &&
                   offsetof(rasd__ktok, kind) == 14 && offsetof(rasd__ktok, flags) == 15,
               "rasd__ktok layout");
_Static_assert(RASD_TOK_QUOTE == RASD_TOK_PUNCT + 1, "QUOTE follows PUNCT");

/* Flags of a token after the white space bits 'gap' of a block (nl: its line breaks) and carried flags 'cf'. */
static inline unsigned gap_flags(uint64_t gap, uint64_t nl, unsigned cf) {
  return cf | (gap ? RASD_TOKF_SPACE_BEFORE : 0) | ((gap & nl) ? RASD_TOKF_PARA_START : 0);
}

/* Writes the tokens of a block that has no line break: the k-th bit of 'starts' and of 'ends' (not 0) are the first
 * and last bytes of the k-th token; L, Q, E, spb: letters, quotes, events, white space before each byte; pos: the
 * block's offset in the text, fb0 its offset in the forms; idx: the index of the first token. Advances *tp and *evp
 * and returns the bit of the last token end. May write up to 64 tokens and 64 events past *tp and *evp. */
typedef int (*emit_fn)(rasd__ktok **tp, uint32_t **evp, uint64_t starts, uint64_t ends, uint64_t L, uint64_t Q,
                       uint64_t D, uint64_t E, uint64_t spb, uint32_t pos, uint32_t fb0, uint32_t idx);

/* emit_fn with general-purpose registers: eight tokens a round, the ones past the last (v == 0) written where the
 * next one goes; the round count is the only branch (a block rarely holds more than eight tokens). Tokens are
 * written as two little-endian words: start | len << 32, form | form_len << 32 | kind << 48 | flags << 56. */
static inline __attribute__((always_inline)) int emit_scalar(rasd__ktok **tp, uint32_t **evp, uint64_t starts,
                                                             uint64_t ends, uint64_t L, uint64_t Q, uint64_t D, uint64_t E,
                                                             uint64_t spb, uint32_t pos, uint32_t fb0, uint32_t idx) {
  const uint64_t H = 1ull << 63; /* ctz(x | H) is defined for x == 0 and equal to ctz(x) otherwise */
  rasd__ktok *t = *tp;
  uint32_t *ev = *evp;
  int pe = 0;
  do {
#ifdef __GNUC__
#pragma GCC unroll 8
#endif
    for (int u = 0; u < 8; u++) {
      uint64_t v = ends != 0;
      unsigned b = (unsigned)__builtin_ctzll(starts | H), e = (unsigned)__builtin_ctzll(ends | H);
      uint64_t n = (e + 1 - b) & 0xFFFF, isw = (L >> b) & 1, q = (Q >> b) & 1, isd = (D >> b) & 1, fl = (spb >> b) & 1;
      uint64_t w0 = (pos + b) | n << 32;
      uint64_t w1 = (fb0 + b) | n << 32 | (RASD_TOK_PUNCT - (RASD_TOK_PUNCT - RASD_TOK_WORD) * isw - (RASD_TOK_PUNCT - RASD_TOK_NUMBER) * isd + q) << 48 | fl << 56;
      memcpy(t, &w0, 8);
      memcpy((char *)t + 8, &w1, 8);
      *ev = idx;
      ev += ((E >> b) & v);
      idx += (uint32_t)v;
      t += v;
      pe = v ? (int)e : pe;
      starts &= starts - 1;
      ends &= ends - 1;
    }
  } while (ends);
  *tp = t;
  *evp = ev;
  return pe;
}

#if defined(HAVE_AVX2_PATH) && (defined(__clang__) || __GNUC__ >= 8)
#define HAVE_VBMI2_PATH 1
#define VBMI2_TARGET __attribute__((target("avx512bw,avx512vl,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt")))
/* emit_fn with AVX-512 VBMI2: the first bytes, last bytes and kind|flags of all tokens compressed into byte lanes
 * (vpcompressb), sixteen tokens at a time widened to 32-bit lanes and transposed into 16-byte tokens. No branch
 * but the group count (a block rarely holds more than sixteen tokens). */
VBMI2_TARGET static inline __attribute__((always_inline)) int emit_vbmi2(rasd__ktok **tp, uint32_t **evp,
                                                                       uint64_t starts, uint64_t ends, uint64_t L,
                                                                       uint64_t Q, uint64_t D, uint64_t E, uint64_t spb,
                                                                       uint32_t pos, uint32_t fb0, uint32_t idx) {
  const __m512i iota = _mm512_set_epi8(63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45,
                                       44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25,
                                       24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
                                       3, 2, 1, 0);
  /* in each 16-byte lane, the byte of token 4j + k goes to 4k + j: after the 32-bit and 64-bit unpacks below,
   * output register j holds tokens 4j .. 4j + 3 in order */
  const __m512i tr = _mm512_broadcast_i32x4(_mm_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15));
  rasd__ktok *t = *tp;
  uint32_t *ev = *evp;
  unsigned n = (unsigned)_mm_popcnt_u64(ends);
  /* kind | space-before << 4 of a token by its first byte (letters, quotes and digits never share a byte) */
  __m512i kv = _mm512_mask_mov_epi8(_mm512_set1_epi8(RASD_TOK_PUNCT), L, _mm512_set1_epi8(RASD_TOK_WORD));
  kv = _mm512_mask_mov_epi8(kv, Q, _mm512_set1_epi8(RASD_TOK_QUOTE));
  kv = _mm512_mask_mov_epi8(kv, D, _mm512_set1_epi8(RASD_TOK_NUMBER));
  kv = _mm512_mask_add_epi8(kv, spb, kv, _mm512_set1_epi8(0x10));
  __m512i sb = _mm512_shuffle_epi8(_mm512_maskz_compress_epi8(starts, iota), tr);
  __m512i eb = _mm512_shuffle_epi8(_mm512_maskz_compress_epi8(ends, iota), tr);
  __m512i ab = _mm512_shuffle_epi8(_mm512_maskz_compress_epi8(starts, kv), tr);
  uint64_t evb = _bzhi_u64(_pext_u64(E, starts), n); /* bit k: token k matters to the sentence splitter */
  const __m512i one = _mm512_set1_epi32(1), low4 = _mm512_set1_epi32(15);
  const __m512i vpos = _mm512_set1_epi32((int)pos), vfb = _mm512_set1_epi32((int)fb0);
  const __m512i iota32 = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  unsigned g = 0;
  do {
    __m512i S = _mm512_cvtepu8_epi32(_mm512_castsi512_si128(sb)), Ee = _mm512_cvtepu8_epi32(_mm512_castsi512_si128(eb));
    __m512i A = _mm512_cvtepu8_epi32(_mm512_castsi512_si128(ab));
    __m512i len = _mm512_add_epi32(_mm512_sub_epi32(Ee, S), one);
    __m512i w0 = _mm512_add_epi32(S, vpos), w2 = _mm512_add_epi32(S, vfb);
    __m512i w3 = _mm512_or_si512(_mm512_or_si512(len, _mm512_slli_epi32(_mm512_and_si512(A, low4), 16)),
                                 _mm512_slli_epi32(_mm512_srli_epi32(A, 4), 24));
    __m512i a01 = _mm512_unpacklo_epi32(w0, len), a23 = _mm512_unpacklo_epi32(w2, w3);
    __m512i b01 = _mm512_unpackhi_epi32(w0, len), b23 = _mm512_unpackhi_epi32(w2, w3);
    _mm512_storeu_si512((void *)(t + g), _mm512_unpacklo_epi64(a01, a23));
    _mm512_storeu_si512((void *)(t + g + 4), _mm512_unpackhi_epi64(a01, a23));
    _mm512_storeu_si512((void *)(t + g + 8), _mm512_unpacklo_epi64(b01, b23));
    _mm512_storeu_si512((void *)(t + g + 12), _mm512_unpackhi_epi64(b01, b23));
    __mmask16 em = (__mmask16)(evb >> g);
    _mm512_storeu_si512((void *)ev, _mm512_maskz_compress_epi32(em, _mm512_add_epi32(iota32, _mm512_set1_epi32((int)(idx + g)))));
    ev += _mm_popcnt_u32(em);
    g += 16;
    sb = _mm512_alignr_epi32(sb, sb, 4); /* the next sixteen tokens to the bottom */
    eb = _mm512_alignr_epi32(eb, eb, 4);
    ab = _mm512_alignr_epi32(ab, ab, 4);
  } while (g < n);
  *tp = t + n;
  *evp = ev;
  return 63 - __builtin_clzll(ends);
}
#endif

/* The block path from s[i] (a token start): 64 bytes at a time, pushes words of letters ء–ي, one-character
 * punctuation and quotes (ASCII, ، ؛ ؟ « ») and plain numbers (ASCII digits, see 'dend' below) with white space
 * (' ' \t \r \n NBSP) between them, straight from bit masks; their forms are the normalised bytes, written block
 * after block at c->f + c->fl. A word may run on into the next block. Stops before anything else (other numbers,
 * Latin, other letters, marks, a run of one mark; with num 0, all numbers: SSE2 is faster without them) and
 * returns where the next token starts, setting *flags for it; returns i when it pushed nothing. */
static inline __attribute__((always_inline)) size_t block_run(ctx *c, size_t i, unsigned *flags,
                                                              void (*scan)(const unsigned char *, char *, masks64 *),
                                                              emit_fn emit, int num) {
  const unsigned char *s = c->s;
  const size_t i0 = i, fo0 = c->fl, len = c->len;
  size_t pos = i, pend = SIZE_MAX, resume = i, last_end = i; /* last_end: after the last pushed token */
  unsigned pend_fl = 0, gfl = *flags, resume_fl = *flags;
  uint64_t carry2 = 0; /* bit 0: the block starts with the second byte of a letter */
  int stopped = 0;
  unsigned char pad[136];
  while (pos < len) {
    if (block_room(c)) return i;
    const unsigned char *p = s + pos;
    if (pos == 0 || pos + 65 > len) { /* the first or the last block: a copy padded with NULs (ASCII, not clean) */
      size_t k = len - pos < 65 ? len - pos : 65;
      pad[0] = pos ? s[pos - 1] : 0;
      memcpy(pad + 1, s + pos, k);
      memset(pad + 1 + k, 0, sizeof pad - 1 - k);
      p = pad + 1;
    }
    masks64 M;
    scan(p, c->f + fo0 + (pos - i0), &M);
    uint64_t L = M.letters | carry2, two = M.two, pu = M.punct, ws = M.space, nl = M.nl;
    /* a word is letters and then, maybe, marks (tatweel, tashkeel) that its form leaves out; a mark before a
     * letter or after no letter is for the general path */
    uint64_t mk = M.mark | (M.mark << 1), X = L | mk;
    uint64_t pendbit = pend != SIZE_MAX;
    uint64_t clean = X | ws | pu | two | (two << 1);
    clean &= ~((M.mark << 2) & L) & ~(mk & ~(X << 1)); /* a letter right after a mark; a mark run's first byte */
    /* a run of ASCII digits is a number when white space, a letter or punctuation that cannot go on a number
     * follows it in this block; else its last digit is not clean and the general path takes the run */
    uint64_t D = num ? M.digit : 0, dend = D & ~(D >> 1);
    dend &= (ws | M.lead | two | (pu & ~M.numsep)) >> 1;
    clean |= D & ~((D & ~(D >> 1)) & ~dend);
    if (p[63] == 0xC2 || (two >> 63)) clean &= ~(1ull << 63); /* NBSP, « or » going on into the next block */
    unsigned cp = ~clean ? (unsigned)__builtin_ctzll(~clean) : 64;
    uint64_t pm = cp < 64 ? (1ull << cp) - 1 : ~0ull;
    uint64_t wend = X & ~(X >> 1) & ((pm >> 1) | (M.ascii >> 1)); /* ends before a clean byte or ASCII */
    uint64_t starts = ((X & ~((X << 1) | pendbit) & L) | pu | two | (D & ~(D << 1))) & pm;
    uint64_t ends = (wend | pu | (two << 1) | dend) & pm;
    rasd__ktok *t = c->tok + c->n;
    uint32_t *ev = c->ev + c->nev;
    int pe = -1; /* bit of the last token end in this block, -1: before it */
    if (pend != SIZE_MAX) {
      if (!(L & 1)) { /* the pending word ended with the last block: complete when a clean or ASCII byte follows */
        if (!((clean | M.ascii) & 1)) { resume = pend, resume_fl = pend_fl, stopped = 1; break; }
        t->start = (uint32_t)pend;
        t->len = t->form_len = (uint16_t)(pos - pend);
        t->form = (uint32_t)(fo0 + (pend - i0));
        t->kind = RASD_TOK_WORD;
        t->flags = (uint8_t)pend_fl;
        *ev = (uint32_t)(t - c->tok);
        ev += (pend_fl & RASD_TOKF_PARA_START) != 0;
        t++;
        last_end = pos;
        pend = SIZE_MAX;
        gfl = 0;
      } else if (ends) { /* it ends in this block */
        unsigned e = (unsigned)__builtin_ctzll(ends), le = 63u - (unsigned)__builtin_clzll(L & ((2ull << e) - 1));
        t->start = (uint32_t)pend;
        t->len = (uint32_t)(pos + e + 1 - pend);
        t->form_len = (uint16_t)(pos + le + 1 - pend);
        t->form = (uint32_t)(fo0 + (pend - i0));
        t->kind = RASD_TOK_WORD;
        t->flags = (uint8_t)pend_fl;
        *ev = (uint32_t)(t - c->tok);
        ev += (pend_fl & RASD_TOKF_PARA_START) != 0;
        t++;
        ends &= ends - 1;
        pe = (int)e;
        last_end = pos + e + 1;
        pend = SIZE_MAX;
        gfl = 0;
      } else if (cp == 64 && pos + 64 - pend < 4096) { /* it goes on through the whole block */
        carry2 = M.lead >> 63;
        pos += 64;
        continue;
      } else { /* it runs into something else (a mark, another letter): the general path takes it */
        resume = pend, resume_fl = pend_fl, stopped = 1;
        break;
      }
    }
    if (ends && !(nl & pm) && !(pe < 0 && (gfl & RASD_TOKF_PARA_START))) {
      /* no line break: a token's flags are the white space before it; tokens are written as two words */
      uint64_t spb = (ws << 1) | (pe < 0 ? (gfl & RASD_TOKF_SPACE_BEFORE) : 0); /* white space before each byte */
      uint32_t idx = (uint32_t)(t - c->tok), fb0 = (uint32_t)(fo0 + (pos - i0));
      uint64_t S0 = starts, mend = ends & mk; /* words that end with marks: their forms are fixed below */
      rasd__ktok *tb = t;
      pe = emit(&t, &ev, starts, ends, L, M.quote, D, M.event, spb, (uint32_t)pos, fb0, idx);
      for (; mend && tb < t; tb++) { /* the form of a word ends at its last letter, before its marks */
        unsigned b = tb->start - (uint32_t)pos, e = b + tb->len - 1;
        if ((mend >> e) & 1) tb->form_len = (uint16_t)(64u - (unsigned)__builtin_clzll(L & ((2ull << e) - 1)) - b);
      }
      starts = pe == 63 ? 0 : S0 & ~((2ull << pe) - 1); /* an unfinished word after the last token */
      last_end = pos + (unsigned)pe + 1;
      gfl = 0;
    } else if (ends) {
      uint64_t spb = (ws << 1) | (pe < 0 ? (gfl & RASD_TOKF_SPACE_BEFORE) : 0); /* white space before each byte */
      int slow = 1;
      do {
        unsigned b = (unsigned)__builtin_ctzll(starts), e = (unsigned)__builtin_ctzll(ends);
        unsigned fb = p[b], isw = (unsigned)(L >> b) & 1u, k = blk_event[fb], fl = (unsigned)(spb >> b) & 1u;
        if (slow) { /* line breaks: flags from the white space since the last token */
          uint64_t g = ((1ull << b) - 1) & ~(pe < 0 ? 0 : (2ull << pe) - 1);
          fl = gap_flags(g, nl, pe < 0 ? gfl : 0);
          *ev = (uint32_t)(t - c->tok);
          ev += (fl & RASD_TOKF_PARA_START) && !(!isw && ((k & 1) || (k == 2 && p[b + 1] == 0x9F)));
        }
        t->start = (uint32_t)(pos + b);
        t->len = e + 1 - b;
        t->form_len = (uint16_t)(isw ? 64u - (unsigned)__builtin_clzll(L & ((2ull << e) - 1)) - b : e + 1 - b);
        t->form = (uint32_t)(fo0 + (pos - i0) + b);
        t->kind = (uint8_t)(isw | (blk_kind[fb] & (isw - 1u)));
        t->flags = (uint8_t)fl;
        *ev = (uint32_t)(t - c->tok);
        ev += (k & 1) | ((k >> 1) & (p[b + 1] == 0x9F)); /* letters have k 0, or 2 with a second byte A1–BA */
        t++;
        starts &= starts - 1;
        ends &= ends - 1;
        pe = (int)e;
      } while (ends);
      last_end = pos + (unsigned)pe + 1;
      gfl = 0;
    }
    c->n = (size_t)(t - c->tok);
    c->nev = (size_t)(ev - c->ev);
    /* what follows the last token: a word going on, white space, or the end of the clean run */
    uint64_t after = pe < 0 ? ~0ull : pe == 63 ? 0 : ~((2ull << pe) - 1); /* bits after the last end */
    if (starts) { /* an unfinished word */
      unsigned b = (unsigned)__builtin_ctzll(starts);
      unsigned fl = gap_flags(((1ull << b) - 1) & after, nl, gfl);
      if (cp == 64 && (L >> 63)) { /* it runs to the end of the block: it may go on in the next one */
        pend = pos + b;
        pend_fl = fl;
        carry2 = M.lead >> 63;
        pos += 64;
        continue;
      }
      resume = pos + b, resume_fl = fl, stopped = 1;
      break;
    }
    gfl = gap_flags(pm & after, nl, gfl);
    if (cp < 64) { resume = pos + cp, resume_fl = gfl, stopped = 1; break; }
    carry2 = 0;
    pos += 64;
  }
  if (!stopped) { /* the end of the text: the general path takes a word running into it */
    if (pend != SIZE_MAX) resume = pend, resume_fl = pend_fl;
    else resume = pos, resume_fl = gfl;
  }
  if (resume == i) return i;
  c->fl = fo0 + (last_end - i0);
  *flags = resume_fl;
  return resume;
}

static size_t block64_sse2(ctx *c, size_t i, unsigned *flags) { return block_run(c, i, flags, scan64_sse2, emit_scalar, 0); }

#ifdef HAVE_AVX2_PATH
__attribute__((target("avx2"))) static size_t block64_avx2(ctx *c, size_t i, unsigned *flags) {
  return block_run(c, i, flags, scan64_avx2, emit_scalar, 1);
}

__attribute__((target("avx512bw"))) static size_t block64_avx512(ctx *c, size_t i, unsigned *flags) {
  return block_run(c, i, flags, scan64_avx512, emit_scalar, 1);
}
#endif

#ifdef HAVE_VBMI2_PATH
VBMI2_TARGET static size_t block64_vbmi2(ctx *c, size_t i, unsigned *flags) {
  return block_run(c, i, flags, scan64_vbmi, emit_vbmi2, 1);
}
#endif

/* Out-of-line scanners for block_ok(). */
static void scan_sse2_call(const unsigned char *p, char *out, masks64 *M) { scan64_sse2(p, out, M); }
#ifdef HAVE_AVX2_PATH
__attribute__((target("avx2"))) static void scan_avx2_call(const unsigned char *p, char *out, masks64 *M) { scan64_avx2(p, out, M); }
__attribute__((target("avx512bw"))) static void scan_avx512_call(const unsigned char *p, char *out, masks64 *M) {
  scan64_avx512(p, out, M);
}
__attribute__((target("avx512bw,avx512vbmi"))) static void scan_vbmi_call(const unsigned char *p, char *out, masks64 *M) {
  scan64_vbmi(p, out, M);
}
#endif

/* 1 when the scanner 'lvl' (1 SSE2, 2 AVX2, 3 AVX-512BW, 4 AVX-512 VBMI) gives every letter ء–ي its two-byte form in the table. */
static int block_ok(int lvl) {
  for (unsigned cp = 0x640; cp <= 0x652; cp++) /* the marks the block path drops from forms */
    if ((cp == 0x640 || cp >= 0x64B) && (rasd__ar2_tab[cp - 0x600] & 0xFF) != RASD__AR2_MARK) return 0;
  for (unsigned cp = 0x621; cp <= 0x64A; cp++) {
    if (cp > 0x63A && cp < 0x641) continue;
    unsigned char in[80];
    char out[64];
    masks64 M;
    memset(in, ' ', sizeof in);
    for (int k = 1; k <= 64; k += 2) { in[k] = (unsigned char)(0xC0 | (cp >> 6)); in[k + 1] = (unsigned char)(0x80 | (cp & 0x3F)); }
#ifdef HAVE_AVX2_PATH
    if (lvl == 4) scan_vbmi_call(in + 1, out, &M);
    else if (lvl == 3) scan_avx512_call(in + 1, out, &M);
    else if (lvl == 2) scan_avx2_call(in + 1, out, &M);
    else
#endif
      scan_sse2_call(in + 1, out, &M);
    (void)lvl;
    uint32_t e = rasd__ar2_tab[cp - 0x600];
    if ((e & 0xFF) != RASD__AR2_LETTER || M.letters != ~0ull) return 0;
    for (int k = 0; k < 64; k += 2)
      if ((unsigned char)out[k] != ((e >> 16) & 0xFF) || (unsigned char)out[k + 1] != (e >> 24)) return 0;
  }
  return 1;
}


static int simd_max;

/* The block scanner to use: 0 none, 1 SSE2, 2 AVX2, 3 AVX-512BW, 4 AVX-512 VBMI/VBMI2 (ASCII classes by table
 * look-up, tokens written with emit_vbmi2()), as the CPU has them; each checked against the table. */
static int block_level(void) {
  static int lvl = -1;
  if (lvl < 0) {
    int l = 0;
    if (fast_ok() && block_ok(1)) l = 1;
#ifdef HAVE_AVX2_PATH
    if (l && __builtin_cpu_supports("avx2") && block_ok(2)) l = 2;
    if (l == 2 && __builtin_cpu_supports("avx512bw") && block_ok(3)) l = 3;
#endif
#ifdef HAVE_VBMI2_PATH
    if (l == 3 && __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("avx512vbmi") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt") &&
        block_ok(4))
      l = 4;
#endif
    lvl = l; /* every thread computes the same value */
  }
  return lvl < simd_max ? lvl : simd_max;
}
#endif

static int simd_max = 4; /* rasd__tok_simd() */

int rasd__tok_simd_active(void) {
  rasd__text_init();
#ifdef __SSE2__
  return block_level();
#else
  return 0;
#endif
}

int rasd__tok_simd(int level) {
  int old = simd_max;
  if (level >= 0) simd_max = level;
  return old;
}

/* Splits the tokens into sentences and paragraphs (into ts->sent) and sets the quote flags; returns 0 or -1 on
 * OOM. Only the events (quotes, sentence marks, paragraph starts) change the state; other tokens are passed
 * over. */
static int split_sentences(ctx *c, rasd__tokscan *ts) {
  size_t n = c->n, ne = c->nev;
  const uint32_t *ev = c->ev;
  ts->n_sent = 0;
  if (!n) return 0;
  if (2 * ne + 2 > ts->cap_scratch) { /* per event: for an opening quote, its closing quote; then the stack */
    size_t cap = 2 * ne + 64;
    uint32_t *ns = realloc(ts->scratch, cap * sizeof *ns);
    if (!ns) return -1;
    ts->scratch = ns;
    ts->cap_scratch = cap;
  }
  uint32_t *match = ts->scratch, *stack = match + ne;
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
  rasd_sentence *S = ts->sent;
  size_t scap = ts->cap_sent, ns = 0;
  const rasd__ktok *T = c->tok;
  sp = 0;
  size_t begin = 0, pos = 0;
  uint32_t para = 0;
  for (size_t j = 0; j <= ne; j++) {
    size_t k = j < ne ? ev[j] : n, cut;
    if (k < pos) continue; /* passed over by a sentence mark's look-ahead */
    if (k == n) {
      if (begin >= n) break;
      cut = n;
    } else if (k > begin && (T[k].flags & RASD_TOKF_PARA_START)) {
      cut = k; /* a line break ends the sentence; k starts the next one */
      j--;
    } else {
      if (match[j] != NONE) stack[sp++] = match[j];
      while (sp && stack[sp - 1] == k) sp--;
      pos = k + 1;
      if (!(is_terminator(c, &T[k]) && !dot_is_abbrev(c, k))) continue;
      size_t last = k;
      /* more terminators right after (؟! …) */
      while (last + 1 < n && is_terminator(c, &T[last + 1]) && !(T[last + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)))
        last++;
      if (sp) {
        uint32_t cl = stack[sp - 1];
        if (cl != last + 1) { pos = last + 1; continue; } /* the quote goes on after the mark */
        last = cl;                                       /* “… .” : the closing quote belongs here */
        sp--;
        while (sp && stack[sp - 1] == cl) sp--;
        /* ”. : a mark after the quote too */
        while (last + 1 < n && (is_terminator(c, &T[last + 1]) || (T[last + 1].kind == RASD_TOK_QUOTE && (T[last + 1].flags & RASD_TOKF_QUOTE_CLOSE))) &&
               !(T[last + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)))
          last++;
      } else {
        /* closing quotes or brackets glued after the mark, and a mark after them (.” and ”.) */
        while (last + 1 < n && !(T[last + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)) &&
               ((T[last + 1].kind == RASD_TOK_QUOTE && quote_role(c, last + 1) != 1) ||
                is_terminator(c, &T[last + 1]) ||
                (T[last + 1].kind == RASD_TOK_PUNCT && T[last + 1].form_len == 1 &&
                 (c->f[T[last + 1].form] == ')' || c->f[T[last + 1].form] == ']'))))
          last++;
      }
      pos = last + 1;
      /* "1." at the start of a list line is a number, not a sentence */
      if (k == begin + 1 && T[begin].kind == RASD_TOK_NUMBER && last + 1 < n && !(T[last + 1].flags & RASD_TOKF_PARA_START))
        continue;
      cut = last + 1;
    }
    if (ns == scap) {
      scap = scap ? scap * 2 : 64;
      rasd_sentence *NS = realloc(S, scap * sizeof *S);
      if (!NS) { ts->sent = S; return -1; }
      S = NS;
      ts->sent = S;
      ts->cap_sent = scap;
    }
    S[ns].tok_begin = (uint32_t)begin;
    S[ns].tok_end = (uint32_t)cut;
    S[ns].start = T[begin].start;
    S[ns].end = T[cut - 1].start + T[cut - 1].len;
    S[ns].paragraph = para;
    ns++;
    begin = cut;
    sp = 0;
    if (cut < n && (T[cut].flags & RASD_TOKF_PARA_START)) para++;
    if (cut == n) break;
  }
  ts->n_sent = ns;
  return 0;
}

/* ---- Word analyses: bare offset, stopword flag and stem span per matching form, cached per thread. ---- */

/* Per-thread direct-mapped cache keyed by the form (up to 24 bytes, zero-padded): news text repeats its
 * words, and the lexicon look-ups behind bare and stem cost more than tokenising. */
typedef struct wc_ent {
  uint64_t key[3];
  uint8_t len, bare, stop, stem_ok, stem_off, stem_len, pad[2];
} wc_ent;
#define WC_KEY 24
#define WC_BITS 17 /* 4 MB, two ways: a month of news has some 10^5 distinct words, and a miss costs a stem analysis */
#define WC_LAG 4 /* words between a prefetch and its look-up */
static _Thread_local wc_ent *wcache; /* allocated on first use, freed when the thread ends */
static _Thread_local wc_ent wc_one;  /* when it cannot be: every word is analysed here */
static pthread_key_t wc_tls_key;
static pthread_once_t wc_once = PTHREAD_ONCE_INIT;
static void wc_key_init(void) { (void)pthread_key_create(&wc_tls_key, free); }
static void wc_table(void) {
  if (wcache) return;
  pthread_once(&wc_once, wc_key_init);
  size_t bytes = ((size_t)1 << WC_BITS) * sizeof *wcache;
  wcache = aligned_alloc(64, bytes); /* a set of two ways in one cache line */
  if (!wcache) return;
  memset(wcache, 0, bytes);
  rasd__advise_huge(wcache, ((size_t)1 << WC_BITS) * sizeof *wcache);
  (void)pthread_setspecific(wc_tls_key, wcache);
}

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

/* ---- rasd_tokenize(): the kernel's tokens with bare forms, stopword flags and stems. ---- */

typedef struct priv {
  char *forms; /* all form, bare and stem strings, NUL-terminated */
} priv;

/* rasd_tokens and its private part in one allocation. */
typedef struct tokens_block {
  rasd_tokens T;
  priv P;
} tokens_block;

/* Bare form, stopword flag and (when 'stem') stem of the word token t from its cache entry e; new stems are
 * appended to f at *fl. */
static inline void word_set(rasd_token *t, const wc_ent *e, int stem, char *f, size_t *fl) {
  t->bare = t->form + e->bare;
  t->bare_len = (uint16_t)(t->form_len - e->bare);
  if (e->stop) t->flags |= RASD_TOKF_STOP;
  if (stem) {
    const char *sp = t->bare + e->stem_off;
    if (e->stem_off + e->stem_len == t->bare_len) {
      t->stem = sp; /* ends where bare ends: share its NUL */
    } else {
      char *o = f + *fl;
      memcpy(o, sp, e->stem_len);
      o[e->stem_len] = 0;
      *fl += e->stem_len + 1u;
      t->stem = o;
    }
    t->stem_len = e->stem_len;
  } else {
    t->stem = t->bare;
    t->stem_len = t->bare_len;
  }
}

/* The cache entry of word w (len <= WC_KEY bytes, key k, slot h), filled on a miss. */
/* Two ways per set (the even slot and the next: one cache line); pad[0] of the even one tells which way was
 * used last, and a miss replaces the other. */
static inline const wc_ent *wc_get(unsigned h, const uint64_t k[3], const char *w, size_t len, int stem) {
  wc_ent *e;
  if (!wcache) {
    e = &wc_one;
  } else {
    wc_ent *set = &wcache[h & ~1u];
    for (unsigned j = 0; j < 2; j++) {
      e = &set[j];
      if (e->len == len && e->key[0] == k[0] && e->key[1] == k[1] && e->key[2] == k[2]) {
        set[0].pad[0] = (uint8_t)j;
        if (stem && !e->stem_ok) wc_fill(e, w, len, stem);
        return e;
      }
    }
    unsigned v = set[0].pad[0] ^ 1u;
    set[0].pad[0] = (uint8_t)v;
    e = &set[v];
  }
  e->len = (uint8_t)len;
  e->key[0] = k[0];
  e->key[1] = k[1];
  e->key[2] = k[2];
  wc_fill(e, w, len, stem);
  return e;
}

/* The scan's buffers, kept per thread from one rasd__tokenize_ex() to the next (grown once to the longest text,
 * not from empty at every call: five calls an article); the sentences go to each result. */
static _Thread_local rasd__tokscan *ts_keep;
static pthread_key_t ts_key;
static pthread_once_t ts_once = PTHREAD_ONCE_INIT;
static void ts_keep_free(void *p) {
  rasd__tokscan_free(p);
  free(p);
}
static void ts_key_init(void) { (void)pthread_key_create(&ts_key, ts_keep_free); }

rasd_tokens *rasd__tokenize_ex(const char *str, size_t len, unsigned flags) {
  rasd__tokscan own, *tsp = ts_keep;
  if (!tsp) {
    pthread_once(&ts_once, ts_key_init);
    if ((tsp = ts_keep = calloc(1, sizeof *tsp))) (void)pthread_setspecific(ts_key, tsp);
    else memset(tsp = &own, 0, sizeof own);
  }
  wc_table();
  tokens_block *B = calloc(1, sizeof *B);
  if (!B || rasd__tokscan_run(tsp, str, len)) goto fail;
  int want_stem = !(flags & RASD__TOK_NO_STEM);
  size_t n = tsp->n_tok;
  /* the forms again, each NUL-terminated; stems that are not a suffix of their bare form are copied after
   * them (at most form_len+1 bytes each) */
  size_t need = tsp->forms_len + n + 16, fcap = (want_stem ? 2 * need : need) + SLACK;
  char *f = malloc(fcap);
  rasd_token *T = malloc((n ? n : 1) * sizeof *T);
  if (!f || !T) { free(f); free(T); goto fail; }
  size_t fl = 0;
  const rasd__ktok *K = tsp->tok;
  /* word analyses are looked up WC_LAG words late, so that the cache line has arrived by then (the cache is
   * larger than the core's own caches) */
  struct { size_t k; uint64_t key[3]; unsigned h; } pend[WC_LAG];
  size_t npend = 0;
  for (size_t k = 0; k < n; k++) {
    rasd_token *t = &T[k];
    const rasd__ktok *q = &K[k];
    t->start = q->start;
    t->len = q->len;
    const char *src = tsp->forms + q->form;
    char *dst = f + fl;
    if (q->form_len <= 16) /* the kernel's buffer and this one have room past their ends */
      memcpy(dst, src, 16);
    else
      memcpy(dst, src, q->form_len);
    dst[q->form_len] = 0;
    fl += q->form_len + 1u;
    t->form = dst;
    t->form_len = q->form_len;
    t->bare = t->stem = t->form;
    t->bare_len = t->stem_len = q->form_len;
    t->kind = q->kind;
    t->flags = q->flags;
    t->sentence = 0;
    if (q->kind == RASD_TOK_WORD) {
      size_t wl = q->form_len;
      if (wl <= WC_KEY) {
        uint64_t key[3];
        wc_key(t->form, wl, key);
        unsigned h = wc_hash(key, wl);
        if (wcache) __builtin_prefetch(&wcache[h & ~1u]);
        size_t slot = npend % WC_LAG;
        if (npend >= WC_LAG) {
          rasd_token *pt = &T[pend[slot].k];
          word_set(pt, wc_get(pend[slot].h, pend[slot].key, pt->form, pt->form_len, want_stem), want_stem, f, &fl);
        }
        pend[slot].k = k;
        pend[slot].h = h;
        memcpy(pend[slot].key, key, sizeof key);
        npend++;
      } else {
        wc_ent e;
        wc_fill(&e, t->form, wl, 0);
        word_set(t, &e, 0, f, &fl);
        if (want_stem) {
          char *o = f + fl;
          size_t l = rasd__stem_bare(t->bare, t->bare_len, o);
          if (l != t->bare_len) { /* something came off: keep the copy */
            t->stem = o;
            t->stem_len = (uint16_t)l;
            fl += l + 1;
          }
        }
      }
    } else if (q->kind == RASD_TOK_LATIN && rasd__is_stopword(t->form, q->form_len)) {
      t->flags |= RASD_TOKF_STOP;
    }
  }
  for (size_t q = npend > WC_LAG ? npend - WC_LAG : 0; q < npend; q++) {
    size_t slot = q % WC_LAG;
    rasd_token *pt = &T[pend[slot].k];
    word_set(pt, wc_get(pend[slot].h, pend[slot].key, pt->form, pt->form_len, want_stem), want_stem, f, &fl);
  }
  for (size_t j = 0; j < tsp->n_sent; j++)
    for (size_t k = tsp->sent[j].tok_begin; k < tsp->sent[j].tok_end; k++) T[k].sentence = (uint32_t)j;
  rasd_tokens *R = &B->T;
  R->priv_ = &B->P;
  B->P.forms = f;
  R->tok = T;
  R->n_tok = n;
  R->sent = tsp->sent;
  R->n_sent = tsp->n_sent;
  tsp->sent = NULL;
  tsp->n_sent = tsp->cap_sent = 0;
  if (tsp == &own) rasd__tokscan_free(tsp);
  return R;
fail:
  rasd__tokscan_free(tsp);
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
int rasd__tokscan_run(rasd__tokscan *ts, const char *str, size_t len) {
  rasd__text_init();
  if (!str) len = 0;
  if (len > UINT32_MAX - 1) len = UINT32_MAX - 1; /* offsets are 32-bit; callers cut larger inputs */
  ctx C, *c = &C;
  c->s = (const unsigned char *)(str ? str : "");
  c->len = len;
  c->tok = ts->tok;
  c->cap = ts->cap_tok;
  c->n = 0;
  c->f = ts->forms;
  c->fcap = ts->forms_cap;
  c->fl = 0;
  c->oom = 0;
  c->ev = ts->ev;
  c->evcap = ts->cap_ev;
  c->nev = 0;
  ts->n_tok = ts->n_sent = ts->forms_len = 0;
  if (c->cap < len / 8 + 16) { /* news text has a token every ~10 bytes; push() grows past that */
    size_t cap = len / 8 + 64;
    rasd__ktok *nt = realloc(c->tok, cap * sizeof *nt);
    if (nt) c->tok = nt, c->cap = cap;
    else c->oom = 1;
  }
  const unsigned char *s = c->s;
  unsigned fl = RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START;
  size_t i = 0;
  char tmp[64];
#ifdef __SSE2__
  int fast = fast_ok(), blk = block_level();
#endif
  if (!c->oom) fgrow(c, ROOM(len));
  while (i < len && !c->oom) {
    cpv v;
    unsigned b = s[i];
    if (b == ' ') { /* the commonest byte */
      fl |= RASD_TOKF_SPACE_BEFORE;
      i++;
      continue;
    }
    /* room for this token's form, its NUL and the fast path's 16-byte stores (expanding characters below
     * grow the buffer themselves) */
    if (c->fl + ROOM(len - i) + SLACK > c->fcap && fgrow(c, ROOM(len - i))) break;
#ifdef __SSE2__
    if (blk && blk_kind[b] && (blk > 1 || blk_kind[b] != RASD_TOK_NUMBER)) { /* many tokens at a time */
      size_t ni;
#ifdef HAVE_VBMI2_PATH
      if (blk == 4) ni = block64_vbmi2(c, i, &fl);
      else
#endif
#ifdef HAVE_AVX2_PATH
      if (blk >= 2) ni = blk == 3 ? block64_avx512(c, i, &fl) : block64_avx2(c, i, &fl);
      else
#endif
        ni = block64_sse2(c, i, &fl);
      if (ni != i) { i = ni; continue; }
    }
#endif
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
      fl |= RASD_TOKF_SPACE_BEFORE | (c->n ? RASD_TOKF_PARA_START : 0);
      i += v.n;
      continue;
    case RASD__C_INVIS:
    case RASD__C_MARK: /* stray mark or tatweel with no letter before it */
      i += v.n;
      continue;
    case RASD__C_AR:
    arabic: {
      /* Arabic word: letters, marks, tatweel and invisible joiners inside it. Letters ء–ي sixteen bytes at a
       * time, other two-byte letters and marks through rasd__ar2_tab, anything else through look(). */
      size_t end = i, lim = fo + MAX_FORM;
      int slow = v.cls == RASD__C_AR && !(b - 0xD8u <= 3u); /* v holds a code point outside the two-byte block */
      for (;;) {
        if (!slow) {
          char *f = c->f;
          size_t o = c->fl;
          while (i + 1 < len) {
#ifdef __SSE2__
            if (fast && i + 16 <= len && o + 16 <= lim) {
              unsigned np = norm16(s + i, f + o);
              o += np;
              i += np;
              if (np) {
                end = i;
                if (o >= lim) break;
                if (np == 16) continue;
              }
              if (s[i] < 0x80) break; /* ASCII never continues an Arabic word */
            }
#endif
            unsigned b0 = s[i] - 0xD8u, b1 = s[i + 1];
            if (b0 > 3u || (b1 & 0xC0) != 0x80) break;
            uint32_t e = rasd__ar2_tab[(b0 << 6) | (b1 & 0x3Fu)];
            unsigned k = e & 0xFF;
            if (k == RASD__AR2_LETTER) {
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
          if (i >= len || o - fo >= MAX_FORM || s[i] < 0x80) break;
          look(c, i, &v, tmp);
        }
        slow = 0;
        /* one code point outside the fast table */
        if (v.cls == RASD__C_AR) {
          if (fgrow(c, v.flen + ROOM(len - i))) break; /* an expanding letter: keep the room for the rest */
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
  }
  if (!c->oom && split_sentences(c, ts)) c->oom = 1;
  ts->tok = c->tok;
  ts->cap_tok = c->cap;
  ts->forms = c->f;
  ts->forms_cap = c->fcap;
  ts->ev = c->ev;
  ts->cap_ev = c->evcap;
  if (c->oom) {
    ts->n_tok = ts->n_sent = ts->forms_len = 0;
    return -1;
  }
  ts->n_tok = c->n;
  ts->forms_len = c->fl;
  return 0;
}

void rasd__tokscan_free(rasd__tokscan *ts) {
  if (!ts) return;
  free(ts->tok);
  free(ts->forms);
  free(ts->sent);
  free(ts->ev);
  free(ts->scratch);
  memset(ts, 0, sizeof *ts);
}

