/* tokenize.c — one-pass tokenizer with byte offsets, matching forms in one buffer, and the news sentence splitter. */
#include <stdlib.h>
#include <string.h>
#include "text/text.h"

#define MAX_FORM 60000 /* a longer run is cut into several tokens so that form_len (uint16_t) stays exact */

typedef struct priv {
  char *forms; /* all form strings, NUL-terminated */
  char *stems; /* stems that are not a piece of their form */
} priv;

typedef struct ctx {
  const unsigned char *s;
  size_t len;
  rasd_token *tok;
  size_t n, cap;
  char *f; /* forms buffer */
  size_t fl, fcap;
  int oom;
} ctx;

static int fgrow(ctx *c, size_t need) {
  if (c->fl + need <= c->fcap) return 0;
  size_t cap = c->fcap ? c->fcap : 256;
  while (cap < c->fl + need) cap *= 2;
  char *nf = realloc(c->f, cap);
  if (!nf) { c->oom = 1; return -1; }
  c->f = nf;
  c->fcap = cap;
  return 0;
}

static inline rasd_token *push(ctx *c, size_t st, size_t end, size_t fo, int kind, unsigned *flags) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    rasd_token *nt = realloc(c->tok, cap * sizeof *nt);
    if (!nt) { c->oom = 1; return NULL; }
    c->tok = nt;
    c->cap = cap;
  }
  if (fgrow(c, 1)) return NULL;
  c->f[c->fl++] = 0;
  rasd_token *t = &c->tok[c->n++];
  t->start = (uint32_t)st;
  t->len = (uint32_t)(end - st);
  t->form = (const char *)(uintptr_t)fo; /* an offset until the buffer stops moving */
  t->form_len = (uint16_t)(c->fl - 1 - fo);
  t->bare = NULL;
  t->stem = NULL;
  t->bare_len = t->stem_len = 0;
  t->kind = (uint8_t)kind;
  t->flags = (uint8_t)*flags;
  t->sentence = 0;
  *flags = 0;
  return t;
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

/* Splits tokens into sentences and paragraphs; sets flags for quotes; returns 0 or -1 on OOM. */
static int split_sentences(ctx *c, rasd_tokens *T) {
  size_t n = c->n;
  T->sent = NULL;
  T->n_sent = 0;
  if (!n) return 0;
  uint32_t *match = malloc(n * sizeof *match); /* for an opening quote: index of its closing quote */
  uint32_t *stack = malloc(n * sizeof *stack);
  if (!match || !stack) { free(match); free(stack); return -1; }
  const uint32_t NONE = UINT32_MAX;
  /* Pass 1: pair quotes within each paragraph. */
  size_t sp = 0;
  for (size_t k = 0; k < n; k++) {
    match[k] = NONE;
    if (c->tok[k].flags & RASD_TOKF_PARA_START) sp = 0;
    if (c->tok[k].kind != RASD_TOK_QUOTE) continue;
    int r = quote_role(c, k);
    const unsigned char *q = c->s + c->tok[k].start;
    if (r == 3) {
      /* straight or ambiguous: close the innermost open quote of the same glyph, else open */
      r = 1;
      if (sp && !memcmp(c->s + c->tok[stack[sp - 1]].start, q, c->tok[k].len)) r = 2;
    }
    if (r == 1) {
      stack[sp++] = (uint32_t)k;
    } else if (sp) {
      if (q[0] == '\'' || (q[0] == 0xE2 && q[2] == 0x99)) { /* ’ and ' close only their own kind (apostrophes) */
        size_t j = sp;
        while (j > 0 && c->tok[stack[j - 1]].len != c->tok[k].len) j--;
        if (!j) continue;
        sp = j;
      }
      match[stack[--sp]] = (uint32_t)k;
      c->tok[stack[sp]].flags |= RASD_TOKF_QUOTE_OPEN;
      c->tok[k].flags |= RASD_TOKF_QUOTE_CLOSE;
    }
  }
  /* Pass 2: sentence ends. 'encl' is the closing quote of the quote we are inside, if any. */
  size_t scap = n / 8 + 8, ns = 0;
  rasd_sentence *S = malloc(scap * sizeof *S);
  if (!S) { free(match); free(stack); return -1; }
  sp = 0;
  size_t begin = 0;
  uint32_t para = 0;
  size_t k = 0;
  while (k < n) {
    if (k > begin && (c->tok[k].flags & RASD_TOKF_PARA_START)) {
      /* a line break ends the sentence */
      goto emit_before_k;
    }
    if (k == begin && k > 0 && (c->tok[k].flags & RASD_TOKF_PARA_START)) para++;
    if (k == begin) sp = 0;
    if (match[k] != NONE) stack[sp++] = match[k];
    while (sp && stack[sp - 1] == k) sp--;
    if (is_terminator_form(&c->tok[k]) && !dot_is_abbrev(c, k)) {
      size_t last = k;
      /* more terminators right after (؟! …) */
      while (last + 1 < n && is_terminator_form(&c->tok[last + 1]) && !(c->tok[last + 1].flags & (RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START)))
        last++;
      if (sp) {
        uint32_t cl = stack[sp - 1];
        if (cl != last + 1) { k = last + 1; continue; } /* the quote goes on after the mark */
        last = cl;                                     /* “… .” : the closing quote belongs here */
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
      /* "1." at the start of a list line is a number, not a sentence */
      if (k == begin + 1 && c->tok[begin].kind == RASD_TOK_NUMBER && last + 1 < n &&
          !(c->tok[last + 1].flags & RASD_TOKF_PARA_START)) {
        k = last + 1;
        continue;
      }
      k = last + 1;
      goto emit_before_k;
    }
    k++;
    if (k < n) continue;
  emit_before_k:
    if (ns == scap) {
      scap *= 2;
      rasd_sentence *NS = realloc(S, scap * sizeof *S);
      if (!NS) { free(S); free(match); free(stack); return -1; }
      S = NS;
    }
    S[ns].tok_begin = (uint32_t)begin;
    S[ns].tok_end = (uint32_t)k;
    S[ns].start = c->tok[begin].start;
    S[ns].end = c->tok[k - 1].start + c->tok[k - 1].len;
    S[ns].paragraph = para;
    for (size_t j = begin; j < k; j++) c->tok[j].sentence = (uint32_t)ns;
    ns++;
    begin = k;
  }
  free(match);
  free(stack);
  T->sent = S;
  T->n_sent = ns;
  return 0;
}

/* Per-thread cache of word analyses (bare offset, stopword, stem span), keyed by the form: news text
 * repeats its words, and the lexicon look-ups behind bare and stem cost more than tokenising. */
typedef struct wc_ent {
  uint8_t len, bare, stop, stem_ok, stem_off, stem_len;
  char key[26];
} wc_ent;
#define WC_BITS 12
static _Thread_local wc_ent wcache[1u << WC_BITS];

static inline unsigned wc_hash(const char *w, size_t len) {
  uint64_t a = 0, b = 0;
  memcpy(&a, w, len < 8 ? len : 8);
  if (len > 8) memcpy(&b, w + len - 8, 8);
  uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ (len * 0x165667B19E3779F9ull);
  return (unsigned)(h >> (64 - WC_BITS));
}

/* Fills e (key already set) for the word w: bare offset, stop flag and, when 'stem', the stem span. */
static void wc_fill(wc_ent *e, const char *w, size_t len, int stem) {
  e->bare = (uint8_t)rasd__bare_offset(w, len);
  e->stop = (uint8_t)rasd__is_stopword(w, len);
  e->stem_ok = 0;
  if (stem) {
    char tmp[32];
    const char *bw = w + e->bare;
    size_t bl = len - e->bare;
    size_t l = rasd__stem_bare(bw, bl, tmp);
    e->stem_off = (uint8_t)(l <= bl && !memcmp(tmp, bw, l) ? 0 : 2);
    e->stem_len = (uint8_t)l;
    e->stem_ok = 1;
  }
}

/* Bare forms, stopword flags and (unless RASD__TOK_NO_STEM) stems of every token. */
static int finish_words(ctx *c, rasd_tokens *T, priv *P, unsigned flags) {
  int want_stem = !(flags & RASD__TOK_NO_STEM);
  size_t need = want_stem ? c->fl : 0; /* stems are never longer than their forms */
  char *sb = NULL;
  size_t so = 0;
  if (need && !(sb = malloc(need))) return -1;
  P->stems = sb;
  for (size_t k = 0; k < c->n; k++) {
    rasd_token *t = &c->tok[k];
    t->form = c->f + (uintptr_t)t->form; /* the forms buffer stops moving: offsets become pointers */
    t->bare = t->form;
    t->bare_len = t->form_len;
    t->stem = t->form;
    t->stem_len = t->form_len;
    if (t->kind == RASD_TOK_WORD) {
      const char *w = t->form;
      size_t len = t->form_len;
      if (len <= sizeof wcache[0].key) {
        wc_ent *e = &wcache[wc_hash(w, len)];
        if (e->len != len || memcmp(e->key, w, len) || (want_stem && !e->stem_ok)) {
          e->len = (uint8_t)len;
          memcpy(e->key, w, len);
          wc_fill(e, w, len, want_stem);
        }
        t->bare = w + e->bare;
        t->bare_len = (uint16_t)(len - e->bare);
        if (e->stop) t->flags |= RASD_TOKF_STOP;
        if (want_stem) {
          const char *st = t->bare + e->stem_off;
          if (e->stem_off + e->stem_len == t->bare_len) {
            t->stem = st; /* ends where bare ends: share its NUL */
          } else {
            memcpy(sb + so, st, e->stem_len);
            sb[so + e->stem_len] = 0;
            t->stem = sb + so;
            so += e->stem_len + 1u;
          }
          t->stem_len = e->stem_len;
        } else {
          t->stem = t->bare;
          t->stem_len = t->bare_len;
        }
        continue;
      }
      size_t b = rasd__bare_offset(w, len);
      t->bare = w + b;
      t->bare_len = (uint16_t)(len - b);
      if (rasd__is_stopword(w, len)) t->flags |= RASD_TOKF_STOP;
      if (sb) {
        size_t l = rasd__stem_bare(t->bare, t->bare_len, sb + so);
        if (l == t->bare_len) {
          t->stem = t->bare; /* nothing came off: share the bare string */
        } else {
          t->stem = sb + so;
          so += l + 1;
        }
        t->stem_len = (uint16_t)l;
      } else {
        t->stem = t->bare;
        t->stem_len = t->bare_len;
      }
    } else if (t->kind == RASD_TOK_LATIN) {
      if (rasd__is_stopword(t->form, t->form_len)) t->flags |= RASD_TOKF_STOP;
    }
  }
  (void)T;
  return 0;
}

rasd_tokens *rasd__tokenize_ex(const char *str, size_t len, unsigned flags) {
  rasd__text_init();
  rasd_tokens *T = calloc(1, sizeof *T);
  priv *P = calloc(1, sizeof *P);
  if (!T || !P) { free(T); free(P); return NULL; }
  T->priv_ = P;
  if (!str) len = 0;
  if (len > UINT32_MAX - 1) len = UINT32_MAX - 1; /* offsets are 32-bit; callers cut larger inputs */
  ctx C = {0}, *c = &C;
  c->s = (const unsigned char *)(str ? str : "");
  c->len = len;
  /* Forms are never longer than their source plus one NUL per token except for expanding ligatures, so one
   * allocation of 2×len almost always suffices (untouched pages cost nothing). */
  c->fcap = len * 2 + 64;
  c->f = malloc(c->fcap);
  c->cap = len / 6 + 16;
  c->tok = malloc(c->cap * sizeof *c->tok);
  if (!c->f || !c->tok) goto fail;
  const unsigned char *s = c->s;
  unsigned fl = RASD_TOKF_SPACE_BEFORE | RASD_TOKF_PARA_START;
  int first = 1;
  size_t i = 0;
  char tmp[64];
  while (i < len && !c->oom) {
    cpv v;
    if (s[i] == ' ') { /* the commonest byte */
      fl |= RASD_TOKF_SPACE_BEFORE;
      i++;
      continue;
    }
    look(c, i, &v, tmp);
    size_t st = i, fo = c->fl;
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
    case RASD__C_AR: {
      /* Arabic word: letters, marks, tatweel and invisible joiners inside it. */
      size_t end = i;
      char *f = c->f;
      for (;;) {
        if (v.cls == RASD__C_AR) {
          if (c->fl + v.flen + 1 > c->fcap) {
            if (fgrow(c, v.flen + 1)) break;
            f = c->f;
          }
          if (v.n == 2 && v.flen == 2) {
            f[c->fl] = v.form[0];
            f[c->fl + 1] = v.form[1];
          } else {
            memcpy(f + c->fl, v.form, v.flen);
          }
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
        /* inline fast path for the two-byte Arabic block */
        unsigned b = s[i];
        if (b >= 0xD8 && b <= 0xDB && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
          const rasd__cpinfo *e = &rasd__cp_tab[((b & 0x1F) << 6) | (s[i + 1] & 0x3F)];
          v.cls = e->cls;
          v.n = 2;
          v.flen = e->len;
          v.form = e->off == RASD__CP_SAME ? (const char *)s + i : rasd__cp_pool + e->off;
        } else {
          look(c, i, &v, tmp);
        }
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
  if (c->oom) goto fail;
  if (finish_words(c, T, P, flags)) goto fail;
  if (split_sentences(c, T)) goto fail;
  P->forms = c->f;
  T->tok = c->tok;
  T->n_tok = c->n;
  return T;
fail:
  free(c->f);
  free(c->tok);
  free(P->stems);
  free(P);
  free(T);
  return NULL;
}

rasd_tokens *rasd_tokenize(const char *s, size_t len) { return rasd__tokenize_ex(s, len, 0); }

void rasd_tokens_free(rasd_tokens *t) {
  if (!t) return;
  priv *P = t->priv_;
  if (P) {
    free(P->forms);
    free(P->stems);
    free(P);
  }
  free(t->tok);
  free(t->sent);
  free(t);
}
