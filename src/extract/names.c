/* names.c — spelling-variant keys, the name matcher and English forms of Arabic names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <pthread.h>
#include "extract/extract.h"
#include "extract/names.h"
#include "extract/gazetteer.h"

/* Letter symbols. Vowel letters (and hamza) are below S_CONSO: foreign names in Arabic write them or
 * leave them out freely, so they cost little to insert or delete. Consonants are grouped into the
 * classes that spell one Latin sound: ج/غ/ق/ك/گ for g, ف/ڤ, ب/پ, ت/ط, س/ص, د/ض, ز/ذ/ظ/ژ, ه/ح. */
enum {
  S_A = 1, S_W, S_Y, S_E, /* ا (and ى/ة at the end), و, ي, hamza */
  S_CONSO = 16,
  S_B = 16, S_T, S_G, S_H, S_X, S_D, S_Z, S_R, S_S, S_SH, S_F, S_L, S_M, S_N, S_AIN, S_CH, S_TH,
  S_TS, S_DJ, /* تس (ts, German z, Slavic c) and دج (j) written as two letters */
  S_LATIN = 64,  /* + 'a'..'z' */
  S_DIGIT = 100  /* + '0'..'9' */
};

static int is_vowel(uint8_t s) { return s < S_CONSO; }

int32_t rasd__name_cp(int32_t cp) {
  /* fast paths: the Arabic letters and ASCII letters, digits and space that make up most names */
  if (cp >= 0x0621 && cp <= 0x064A && cp != 0x0640 && (cp <= 0x063A || cp >= 0x0641))
    return (cp == 0x0622 || cp == 0x0623 || cp == 0x0625) ? 0x0627 : cp;
  if (cp >= 'a' && cp <= 'z') return cp;
  if (cp == ' ') return -1;
  if (cp < 0) return 0;
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '-' || cp == '_' || cp == '/' || cp == '.' ||
      cp == ',' || cp == 0x060C || cp == 0x061B || cp == '(' || cp == ')' || cp == '"' || cp == '\'' ||
      cp == 0x00AB || cp == 0x00BB || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x2033 ||
      cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x00A0 || cp == ':' ||
      cp == 0x06D4 || cp == 0x2022)
    return -1;
  if (rasd__is_arabic_mark(cp) || cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0xFEFF)
    return 0;
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673: return 0x0627; /* آ أ إ ٱ → ا */
    case 0x06CC: case 0x06D2: return 0x064A;  /* ى, Persian ی → ي */
    case 0x06A9: return 0x0643;                             /* Persian ک → ك */
    case 0x06C1: case 0x06BE: return 0x0647;                /* ہ ھ → ه */
    case 0x06C0: return 0x0629;
  }
  if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
  if (rasd__is_arabic_letter(cp)) return cp;
  if (cp >= 0xC0 && cp < 0x250) return cp; /* accented Latin: kept, folded below */
  return -1;
}

static uint8_t latin_fold(int32_t cp) {
  static const char *from = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿšžčćđ";
  static const char *to = "aaaaaaceeeeiiiinoooooouuuuyyszccd";
  size_t i = 0, k = 0;
  while (from[i]) {
    int32_t c = rasd__utf8_next(from, strlen(from), &i);
    if (c == cp) return (uint8_t)(S_LATIN + (to[k] - 'a'));
    k++;
  }
  return 0;
}

/* Symbol of letter 'c' (normalised); 0 to drop. */
static uint8_t letter_sym(int32_t c) {
  switch (c) {
    case 0x0627: return S_A;
    case 0x0648: return S_W;
    case 0x064A: return S_Y;
    case 0x0621: case 0x0626: case 0x0624: return S_E;
    case 0x0628: case 0x067E: return S_B;
    case 0x062A: case 0x0637: return S_T;
    case 0x062B: return S_TH;
    case 0x062C: case 0x063A: case 0x0642: case 0x0643: case 0x06AF: case 0x06A8: case 0x06AD: return S_G;
    case 0x062D: case 0x0647: return S_H;
    case 0x062E: return S_X;
    case 0x062F: case 0x0636: return S_D;
    case 0x0630: case 0x0632: case 0x0638: case 0x0698: return S_Z;
    case 0x0631: return S_R;
    case 0x0633: case 0x0635: return S_S;
    case 0x0634: return S_SH;
    case 0x0641: case 0x06A4: case 0x06A5: return S_F;
    case 0x0644: return S_L;
    case 0x0645: return S_M;
    case 0x0646: return S_N;
    case 0x0639: return S_AIN;
    case 0x0686: return S_CH;
    case 0x0629: return S_A; /* ة sounds a */
  }
  if (c >= 'a' && c <= 'z') return (uint8_t)(S_LATIN + (c - 'a'));
  if (c >= '0' && c <= '9') return (uint8_t)(S_DIGIT + (c - '0'));
  if (c >= 0xC0) return latin_fold(c);
  return 0;
}

/* Which letter of its symbol's class 'c' is (0..3; see the model classes in rasd__nm_seq()). */
static unsigned letter_var(int32_t c) {
  switch (c) {
    case 0x063A: case 0x06AF: case 0x06AD: return 1; /* غ گ ڭ */
    case 0x0642: case 0x06A8: return 2;               /* ق ڨ */
    case 0x0643: return 3;                            /* ك */
    case 0x0637: case 0x062D: case 0x0636: case 0x0630: case 0x0635: case 0x067E: case 0x06A4: case 0x06A5:
      return 1;                                       /* ط ح ض ذ ص پ ڤ */
    case 0x0638: return 2;                            /* ظ */
    case 0x0698: return 3;                            /* ژ */
  }
  return 0;
}

/* Title words (normalised: أ/إ/آ→ا, ة→ه, ى→ي) that precede a name and are not part of it. */
struct wl { const char *s; size_t n; };
#define W(x) {x, sizeof(x) - 1}

/* Title words (normalised: أ/إ/آ→ا, ة→ه, ى→ي) that precede a name and are not part of it. */
static const struct wl TITLES[] = {
  W("السيد"),
  W("السيده"),
  W("الرئيس"),
  W("الرئيسه"),
  W("الزعيم"),
  W("الشيخ"),
  W("الشيخه"),
  W("الدكتور"),
  W("الدكتوره"),
  W("د"),
  W("الاستاذ"),
  W("الاستاذه"),
  W("الامير"),
  W("الاميره"),
  W("الملك"),
  W("الملكه"),
  W("الجنرال"),
  W("المشير"),
  W("العقيد"),
  W("اللواء"),
  W("العميد"),
  W("الفريق"),
  W("المستشار"),
  W("المستشاره"),
  W("الوزير"),
  W("الوزيره"),
  W("السفير"),
  W("السفيره"),
  W("الحاج"),
  W("البروفيسور"),
  W("القاضي"),
  W("المرشد"),
  W("الامام"),
  W("البابا"),
  W("الرفيق"),
  W("السيناتور"),
  W("السناتور"),
  W("الحاكم"),
  W("المهندس"),
  W("النائب"),
  W("النائبه"),
  W("الرقيب"),
  W("النقيب"),
  W("الرائد"),
  W("المقدم"),
  W("الاميرال"),
  W("العاهل"),
  W("السلطان"),
  W("الشاه"),
  W("المطران"),
  W("الكاردينال"),
  W("الاب"),
  W("السيدة"),
  W("مستر"),
  W("مسز"),
  W("ميس"),
  W("سيد"),
  W("السير"),
  W("اللورد"),
  W("الليدي"),
  W("البارون"),
  {NULL, 0}};

static const struct wl DESCRIPTORS[] = {
  W("صحيفه"),
  W("جريده"),
  W("وكاله"),
  W("مجله"),
  W("قناه"),
  W("شبكه"),
  W("اذاعه"),
  W("موقع"),
  W("تلفزيون"),
  W("مدينه"),
  W("ولايه"),
  W("مقاطعه"),
  W("اقليم"),
  W("محافظه"),
  W("بلديه"),
  W("منطقه"),
  W("اداره"),
  W("جمهوريه"),
  W("ناحيه"),
  W("نادي"),
  W("بلده"),
  W("ضاحيه"),
  W("قريه"),
  {NULL, 0}};
#undef W

/* Title and descriptor words are looked up in one small open-addressing table keyed by a hash of the
 * word's normalised letters (name_cp, ة→ه): no normalised copy, no scan of the lists. */
#define WSET_BITS 8
typedef struct wset_ent { uint64_t h; const int32_t *cp; uint8_t n, list; } wset_ent;
static wset_ent wset[1u << WSET_BITS];
static int32_t wset_cps[512];
static pthread_once_t wset_once = PTHREAD_ONCE_INIT;

static inline uint64_t cp_hash_step(uint64_t h, int32_t c) { return (h ^ (uint64_t)(uint32_t)c) * 0x100000001b3ull; }
#define CP_HASH0 0xcbf29ce484222325ull

static void wset_add(const struct wl *list, uint8_t id, size_t *used) {
  for (int k = 0; list[k].s; k++) {
    size_t i = 0, n0 = *used;
    uint64_t h = CP_HASH0;
    while (i < list[k].n) {
      int32_t c = rasd__name_cp(rasd__utf8_next(list[k].s, list[k].n, &i));
      if (c <= 0) continue;
      if (c == 0x0629) c = 0x0647;
      wset_cps[(*used)++] = c;
      h = cp_hash_step(h, c);
    }
    unsigned slot = (unsigned)(h >> 40) & ((1u << WSET_BITS) - 1);
    for (;; slot = (slot + 1) & ((1u << WSET_BITS) - 1)) {
      wset_ent *e = &wset[slot];
      if (!e->cp) { e->h = h; e->cp = wset_cps + n0; e->n = (uint8_t)(*used - n0); e->list = id; break; }
      if (e->h == h && e->n == *used - n0 && !memcmp(e->cp, wset_cps + n0, e->n * sizeof *e->cp)) {
        e->list |= id; /* in both lists */
        *used = n0;
        break;
      }
    }
  }
}

static void wset_init(void) {
  size_t used = 0;
  wset_add(TITLES, 1, &used);
  wset_add(DESCRIPTORS, 2, &used);
}

/* Which lists (1 titles, 2 descriptors) hold the word whose normalised letters are 'cp[0..n)' (ة→ه
 * already applied), given its hash 'h'. */
static unsigned wset_find(const int32_t *cp, int n, uint64_t h) {
  pthread_once(&wset_once, wset_init);
  unsigned slot = (unsigned)(h >> 40) & ((1u << WSET_BITS) - 1);
  for (;; slot = (slot + 1) & ((1u << WSET_BITS) - 1)) {
    const wset_ent *e = &wset[slot];
    if (!e->cp) return 0;
    if (e->h == h && e->n == n && !memcmp(e->cp, cp, (size_t)n * sizeof *cp)) return e->list;
  }
}

/* Fast UTF-8 step for ASCII and two-byte sequences; anything else goes through rasd__utf8_next. */
static inline int32_t next_cp(const char *str, size_t len, size_t *i) {
  const unsigned char *s = (const unsigned char *)str;
  size_t p = *i;
  unsigned c = s[p];
  if (c < 0x80) { *i = p + 1; return (int32_t)c; }
  if (c >= 0xC2 && c <= 0xDF && p + 1 < len && (s[p + 1] & 0xC0) == 0x80) {
    *i = p + 2;
    return (int32_t)(((c & 0x1F) << 6) | (s[p + 1] & 0x3F));
  }
  return rasd__utf8_next(str, len, i);
}

/* rasd__name_cp() with its fast path inline: the Arabic letters and the space that make up most names. */
static inline int32_t name_cp_fast(int32_t cp) {
  if (cp >= 0x0621 && cp <= 0x064A && cp != 0x0640 && (cp <= 0x063A || cp >= 0x0641))
    return (cp == 0x0622 || cp == 0x0623 || cp == 0x0625) ? 0x0627 : cp;
  if (cp == ' ') return -1;
  return rasd__name_cp(cp);
}

/* The lists (1 titles, 2 descriptors) that hold word 'w' ('len' bytes, as written), 0 when none. */
static unsigned word_lists(const char *w, size_t len) {
  if (len >= 60 || len < 2) return 0;
  int32_t cp[64];
  int n = 0;
  uint64_t h = CP_HASH0;
  size_t i = 0;
  while (i < len) {
    int32_t c = rasd__name_cp(next_cp(w, len, &i));
    if (c <= 0) continue;
    if (c == 0x0629) c = 0x0647;
    cp[n++] = c;
    h = cp_hash_step(h, c);
  }
  return n ? wset_find(cp, n, h) : 0;
}

int rasd__is_title_word(const char *w, size_t len) { return (word_lists(w, len) & 1) ? (int)len : 0; }
int rasd__is_descriptor_word(const char *w, size_t len) { return (word_lists(w, len) & 2) != 0; }

/* letter_sym() and letter_var() of the Arabic letters ء..ي (U+0621..U+064A) as tables, filled once. */
#define AR_FIRST 0x0621
#define AR_LAST 0x064A
static uint8_t ar_sym[AR_LAST - AR_FIRST + 1], ar_var[AR_LAST - AR_FIRST + 1];
static pthread_once_t ar_tab_once = PTHREAD_ONCE_INIT;
static void ar_tab_init(void) {
  for (int32_t c = AR_FIRST; c <= AR_LAST; c++) {
    ar_sym[c - AR_FIRST] = letter_sym(c);
    ar_var[c - AR_FIRST] = (uint8_t)letter_var(c);
  }
}

/* Turns the normalised letters 'cp[0..n)' of one word into symbols in 't'. Doubled letters are kept
 * (the distance makes a repeated letter cheap to drop) and collapsed only in keys. */
static uint8_t nat_of(const int32_t *cp, int n);

static void word_syms(const int32_t *cp, int n, rasd__ntok *t) {
  int b = 0;
  t->n = t->had_al = t->nconso = t->final_h = 0;
  t->nat = nat_of(cp, n);
  memset(t->var, 0, sizeof t->var);
  if (n >= 4 && cp[0] == 0x0627 && cp[1] == 0x0644) { b = 2; t->had_al = 1; } /* ال */
  for (int i = b; i < n && t->n < RASD__NAME_MAXSYM; i++) {
    int32_t c = cp[i];
    uint8_t s;
    if (c == 0x062A && i + 1 < n && cp[i + 1] == 0x0634) { s = S_CH; i++; } /* تش = چ */
    else if (c == 0x062A && i + 1 < n && cp[i + 1] == 0x0633) { s = S_TS; i++; } /* تس = ts */
    else if (c == 0x062F && i + 1 < n && cp[i + 1] == 0x062C) { s = S_DJ; i++; } /* دج = j */
    else if (c == 0x0647 && i == n - 1 && n - b >= 3 && cp[i - 1] == 0x064A) continue; /* ـيه is ـي (تايبيه) */
    else if (c == 0x0647 && i == n - 1 && n - b >= 3) s = S_A;               /* final ه (ة) sounds a */
    else if (c == 0x0649) s = S_Y;                                             /* ى and ي are written for each other */
    else s = c >= AR_FIRST && c <= AR_LAST ? ar_sym[c - AR_FIRST] : letter_sym(c);
    if (!s) continue;
    if (s >= S_CONSO && s <= S_DJ)
      t->var[t->n >> 2] |=
          (uint8_t)((c >= AR_FIRST && c <= AR_LAST ? ar_var[c - AR_FIRST] : letter_var(c)) << ((t->n & 3) * 2));
    t->sym[t->n++] = s;
    if (!is_vowel(s)) t->nconso++;
    t->final_h = i == n - 1 && (c == 0x0647 || c == 0x0629);
  }
}

static int name_parse(const char *s, size_t len, rasd__name *out);

/* Per-thread memo of rasd__name_parse(): the same strings are parsed again and again (the entries of a gazetteer key
 * group for every name that falls in it, an entity's forms for every mention). A slot keeps the string and the
 * parse packed (per word its letters, letter variants and flags); longer strings or parses are not kept. 64k slots
 * (~11 MB per thread): a run scans many key groups of hundreds of entries, and 16k slots kept 61 % of the parses. */
#define NP_MEMO_BITS 16
#define NP_STR_MAX 80
#define NP_PACK_MAX 94
typedef struct np_memo {
  uint64_t h;
  uint8_t len, plen;
  char s[NP_STR_MAX];
  uint8_t p[NP_PACK_MAX];
} np_memo;
static _Thread_local np_memo *np_memo_tab; /* allocated on first use, freed when the thread ends */
static pthread_key_t np_memo_key;
static pthread_once_t np_memo_once = PTHREAD_ONCE_INIT;
static void np_memo_key_init(void) { (void)pthread_key_create(&np_memo_key, free); }
static np_memo *np_memo_table(void) {
  if (!np_memo_tab) {
    pthread_once(&np_memo_once, np_memo_key_init);
    np_memo_tab = calloc(1u << NP_MEMO_BITS, sizeof *np_memo_tab);
    if (np_memo_tab) (void)pthread_setspecific(np_memo_key, np_memo_tab);
  }
  return np_memo_tab;
}

/* Packs parse 'nm' into 'out' (NP_PACK_MAX bytes); returns the length, 0 when it does not fit. */
static size_t np_pack(const rasd__name *nm, uint8_t *out) {
  size_t o = 0;
  if (nm->n_titles > 255) return 0;
  out[o++] = (uint8_t)nm->n;
  out[o++] = (uint8_t)nm->n_titles;
  for (int t = 0; t < nm->n; t++) {
    const rasd__ntok *k = &nm->tok[t];
    size_t nv = ((size_t)k->n + 3) / 4;
    if (o + 5 + k->n + nv > NP_PACK_MAX) return 0;
    out[o++] = k->n;
    out[o++] = k->had_al;
    out[o++] = k->nconso;
    out[o++] = k->final_h;
    out[o++] = k->nat;
    memcpy(out + o, k->sym, k->n);
    o += k->n;
    memcpy(out + o, k->var, nv); /* the rest of var is 0 (word_syms()) */
    o += nv;
  }
  return o;
}

static void np_unpack(const uint8_t *p, rasd__name *out) {
  out->n = p[0];
  out->n_titles = p[1];
  p += 2;
  for (int t = 0; t < out->n; t++) {
    rasd__ntok *k = &out->tok[t];
    k->n = p[0];
    k->had_al = p[1];
    k->nconso = p[2];
    k->final_h = p[3];
    k->nat = p[4];
    p += 5;
    memcpy(k->sym, p, k->n);
    p += k->n;
    size_t nv = ((size_t)k->n + 3) / 4;
    memset(k->var, 0, sizeof k->var);
    memcpy(k->var, p, nv);
    p += nv;
  }
}

int rasd__name_parse(const char *s, size_t len, rasd__name *out) {
  np_memo *tab = s && len && len <= NP_STR_MAX ? np_memo_table() : NULL;
  if (!tab) return name_parse(s, len, out);
  uint64_t h = rasd__hash8(s, len, 0x6a09e667f3bcc909ull ^ ((uint64_t)len << 40));
  np_memo *e = &tab[(h ^ (h >> 31)) & ((1u << NP_MEMO_BITS) - 1)];
  if (e->h == h && e->len == len && e->plen && !memcmp(e->s, s, len)) {
    np_unpack(e->p, out);
    return out->n;
  }
  int n = name_parse(s, len, out);
  size_t pl = np_pack(out, e->p);
  e->h = pl ? h : 0;
  e->len = (uint8_t)len;
  e->plen = (uint8_t)pl;
  memcpy(e->s, s, len);
  return n;
}

static int name_parse(const char *s, size_t len, rasd__name *out) {
  out->n = 0;
  out->n_titles = 0;
  if (!s) return 0;
  pthread_once(&ar_tab_once, ar_tab_init);
  int32_t cps[RASD__NAME_MAXSYM + 8];
  size_t i = 0, wstart = 0;
  int n = 0, leading = 1;
  uint64_t h = CP_HASH0; /* of the word's letters, ة→ه: the title and descriptor lookups */
  /* First pass collects words; titles are checked on the word as written. */
  while (i <= len) {
    size_t at = i;
    int32_t c = -1;
    if (i < len) c = name_cp_fast(next_cp(s, len, &i));
    else i++;
    if (c == 0) continue;
    if (c > 0) {
      if (n == 0) { wstart = at; h = CP_HASH0; }
      if (n < RASD__NAME_MAXSYM + 8) cps[n++] = c;
      h = cp_hash_step(h, c == 0x0629 ? 0x0647 : c);
      continue;
    }
    if (n == 0) continue;
    /* a word ends at s[wstart..at) */
    size_t wl = at - wstart;
    unsigned lists = 0;
    if (leading && wl >= 2 && wl < 60) {
      int32_t f[RASD__NAME_MAXSYM + 8];
      for (int k = 0; k < n; k++) f[k] = cps[k] == 0x0629 ? 0x0647 : cps[k];
      lists = wset_find(f, n, h);
    }
    if (lists & 1) { out->n_titles++; n = 0; continue; }
    if (leading && out->n == 0 && (lists & 2)) {
      /* kept only when nothing follows (a name that is just "الموقع" stays itself) */
      size_t j = i;
      int more = 0;
      while (j < len) {
        int32_t d = rasd__name_cp(next_cp(s, len, &j));
        if (d > 0) { more = 1; break; }
      }
      if (more) { n = 0; continue; }
    }
    leading = 0;
    if (n == 1 && !(cps[0] >= '0' && cps[0] <= '9')) { n = 0; continue; } /* an initial: "ك." */
    if (out->n < RASD__NAME_MAXTOK) {
      rasd__ntok *t = &out->tok[out->n];
      word_syms(cps, n, t);
      if (t->n) out->n++;
    }
    n = 0;
  }
  return out->n;
}

/* ---- distances ---- */

static double sub_cost(uint8_t a, uint8_t b);

/* sub_cost() of the Arabic symbols (below S_LATIN) as a table: the distance's inner loop reads it. */
static double sub_tab[S_LATIN][S_LATIN];
static double sub_cost_long(uint8_t a, uint8_t b, int edge);
/* sub_cost_long() of the Arabic symbols, inside a spelling [0] and at its edge [1] */
static double subl_tab[2][S_LATIN][S_LATIN];
static pthread_once_t sub_tab_once = PTHREAD_ONCE_INIT;
static void sub_tab_init(void) {
  for (int a = 0; a < S_LATIN; a++)
    for (int b = 0; b < S_LATIN; b++) sub_tab[a][b] = sub_cost((uint8_t)a, (uint8_t)b);
  for (int e = 0; e < 2; e++)
    for (int a = 0; a < S_LATIN; a++)
      for (int b = 0; b < S_LATIN; b++) subl_tab[e][a][b] = sub_cost_long((uint8_t)a, (uint8_t)b, e);
}
static inline double subc(uint8_t a, uint8_t b) { return a < S_LATIN && b < S_LATIN ? sub_tab[a][b] : sub_cost(a, b); }

/* Foreign-name equivalences that are too loose for short (mostly native) words: allowed only between
 * spellings of six letters or more (حسام / حكام, ناتشر / ناظر are different words; مانهيسا / مانهيكا and
 * هانغتشو / هانغزو are one name). 'edge': the letters begin or end the spelling. */
static double sub_cost_long(uint8_t a, uint8_t b, int edge) {
  double c = subc(a, b);
#define PAIR(x, y) ((a == (x) && b == (y)) || (a == (y) && b == (x)))
  if (c > 0.6 && !edge && PAIR(S_S, S_G)) return 0.6; /* Romance c and Portuguese ç: س or ك */
  if (c > 0.5 && PAIR(S_CH, S_Z)) return 0.5;          /* Chinese zh: تش or ز */
#undef PAIR
  return c;
}

static double sub_cost(uint8_t a, uint8_t b) {
  if (a == b) return 0;
  int va = is_vowel(a), vb = is_vowel(b);
  if (va && vb) return (a == S_E || b == S_E) ? 0.1 : 0.7;
  if (va || vb) {
    uint8_t c = va ? b : a, v = va ? a : b;
    if (((c == S_G || c == S_DJ) && v == S_Y) || (c == S_F && v == S_W)) return 0.6; /* ج/ي for j (يانكوفيتش), و/ف for w */
    if (c == S_AIN) return 0.3; /* ع written for a vowel (عليكره / اليغراه) */
    return c == S_H ? 0.5 : 1.0;
  }
#define PAIR(x, y) ((a == (x) && b == (y)) || (a == (y) && b == (x)))
  if (PAIR(S_DJ, S_G)) return 0.1;
  if (PAIR(S_TS, S_Z)) return 0.2;
  if (PAIR(S_TS, S_S) || PAIR(S_TS, S_CH)) return 0.3;
  if (PAIR(S_TS, S_SH)) return 0.4;
  if (PAIR(S_TS, S_G)) return 0.6; /* Slavic c written ك */
  if (PAIR(S_TS, S_T)) return 0.5;  /* تس / ت (كونستانتسا / كونستنتا) */
  if (PAIR(S_S, S_SH) || PAIR(S_CH, S_SH)) return 0.3;
  if (PAIR(S_CH, S_G)) return 0.3; /* Slavic ć/č written تش or ك (ديميتريفيتش / ديمتريفيك) */
  if (PAIR(S_S, S_Z)) return 0.3;
  if (PAIR(S_T, S_TH) || PAIR(S_S, S_TH) || PAIR(S_Z, S_TH)) return 0.3;
  if (PAIR(S_T, S_D) || PAIR(S_G, S_X) || PAIR(S_H, S_X) || PAIR(S_CH, S_G) || PAIR(S_CH, S_S))
    return 0.6;
  if (PAIR(S_Z, S_G) || PAIR(S_F, S_B) || PAIR(S_H, S_AIN)) return 0.7;
#undef PAIR
  return 1.0;
}

/* Records row i's least cost 'm' and returns the least of the last three rows' (every alignment passes through one
 * of them: a digraph skips two rows at most), a floor under the final cost. */
static inline double row_floor(double *rmin, int i, double m) {
  rmin[i & 3] = m;
  double lo = m;
  for (int k = 1; k < 3 && k <= i; k++)
    if (rmin[(i - k) & 3] < lo) lo = rmin[(i - k) & 3];
  return lo;
}

/* Cost of a symbol present in one spelling only: a vowel letter or hamza is often left out, a
 * repeated letter (the same symbol beside it) is a doubling, ه and ع are often silent. */
static inline double indel_cost(const uint8_t *s, int n, int i) {
  uint8_t a = s[i];
  if ((i > 0 && s[i - 1] == a) || (i + 1 < n && s[i + 1] == a)) return 0.2;
  if (a == S_E) return 0.1;
  if (is_vowel(a)) return i == n - 1 ? 0.5 : 0.3;
  if (a == S_F && i == n - 1 && i > 0 && s[i - 1] == S_W) return 0.3; /* Polish -ów, Russian -ov: كراكوف / كراكو */
  if (a == S_G && i > 0 && s[i - 1] == S_N) return 0.4; /* ng written نغ or ن */
  if (a == S_H || a == S_AIN) return 0.5;
  return 1.0;
}

static double sym_dist(const uint8_t *a, int na, const uint8_t *b, int nb, int loose, double bound);

double rasd__sym_dist(const uint8_t *a, int na, const uint8_t *b, int nb) { return sym_dist(a, na, b, nb, 0, 1e9); }

/* Spellings this long (letter symbols, both) may use sub_cost_long(). */
#define LONG_SPELLING 6

/* The two letters a digraph symbol stands for (تس, تش, دج), 0 when 's' is not one. */
static int digraph_parts(uint8_t s, uint8_t *p1, uint8_t *p2) {
  switch (s) {
    case S_TS: *p1 = S_T; *p2 = S_S; return 1;
    case S_CH: *p1 = S_T; *p2 = S_SH; return 1;
    case S_DJ: *p1 = S_D; *p2 = S_G; return 1;
  }
  return 0;
}

/* Cost of digraph 'dg' (تس، تش، دج, one symbol) spelt as the letters 'x[0..n)' (two, or two with a vowel
 * letter between: تس / تيس in براتسلافا / براتيسلافا, تس / تز in ماريتسبرغ / ماريتزبرغ); a large cost when
 * they are not its letters. */
static double digraph_split(uint8_t dg, const uint8_t *x, int n) {
  uint8_t p1, p2;
  if (!digraph_parts(dg, &p1, &p2)) return 9;
  if (n == 3 && !is_vowel(x[1])) return 9;
  if (is_vowel(x[0]) || is_vowel(x[n - 1])) return 9;
  double c = sub_cost(p1, x[0]) + sub_cost(p2, x[n - 1]);
  return c > 0.3 ? 9 : c + (n == 3 ? 0.3 : 0.1);
}

/* The weighted edit distance of 'a' and 'b'; once every alignment costs more than 'bound', some value above
 * 'bound' (callers that only compare with a tolerance stop early). */
static double sym_dist(const uint8_t *a, int na, const uint8_t *b, int nb, int loose, double bound) {
  /* four rolling rows: a digraph on one side may align with three letters on the other */
  double row[4][RASD__NAME_MAXSYM * RASD__NAME_MAXTOK + 1];
  if (na > RASD__NAME_MAXSYM * RASD__NAME_MAXTOK) na = RASD__NAME_MAXSYM * RASD__NAME_MAXTOK;
  if (nb > RASD__NAME_MAXSYM * RASD__NAME_MAXTOK) nb = RASD__NAME_MAXSYM * RASD__NAME_MAXTOK;
  int dga = 0, dgb = 0;
  pthread_once(&sub_tab_once, sub_tab_init);
  double ina[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], inb[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  for (int i = 0; i < na; i++) {
    dga |= a[i] == S_TS || a[i] == S_CH || a[i] == S_DJ;
    ina[i] = indel_cost(a, na, i);
  }
  for (int j = 0; j < nb; j++) {
    dgb |= b[j] == S_TS || b[j] == S_CH || b[j] == S_DJ;
    inb[j] = indel_cost(b, nb, j);
  }
#define ROW(i) row[(i) & 3]
  double rmin[4] = {0, 0, 0, 0};
  ROW(0)[0] = 0;
  for (int j = 1; j <= nb; j++) ROW(0)[j] = ROW(0)[j - 1] + inb[j - 1];
  if (!dga && !dgb) {
    /* no digraph on either side (most pairs): the same steps, without the digraph tests, the cell on the left and
     * the letter's substitution row kept at hand */
    for (int i = 1; i <= na; i++) {
      double *prev = ROW(i - 1), *cur = ROW(i);
      const uint8_t ai = a[i - 1];
      const double ia = ina[i - 1];
      const double *srow = ai < S_LATIN ? sub_tab[ai] : NULL;
      const int edge_i = i == 1 || i == na;
      double left = cur[0] = prev[0] + ia;
      double m = left;
      for (int j = 1; j <= nb; j++) {
        uint8_t bj = b[j - 1];
        double sc;
        if (!loose) sc = srow && bj < S_LATIN ? srow[bj] : sub_cost(ai, bj);
        else {
          int edge = edge_i || j == 1 || j == nb;
          sc = ai < S_LATIN && bj < S_LATIN ? subl_tab[edge][ai][bj] : sub_cost_long(ai, bj, edge);
        }
        if (i == na && j == nb && sc > 0 && is_vowel(ai) && is_vowel(bj) && ai != S_E && bj != S_E)
          sc = 1.0;
        double d = prev[j - 1] + sc;
        double x = prev[j] + ia;
        if (x < d) d = x;
        x = left + inb[j - 1];
        if (x < d) d = x;
        cur[j] = left = d;
        if (d < m) m = d;
      }
      double lo = row_floor(rmin, i, m);
      if (lo > bound) return lo;
    }
    return ROW(na)[nb];
  }
  for (int i = 1; i <= na; i++) {
    double *prev = ROW(i - 1), *cur = ROW(i);
    cur[0] = prev[0] + ina[i - 1];
    double m = cur[0]; /* the row's least cost */
    for (int j = 1; j <= nb; j++) {
      uint8_t ai = a[i - 1], bj = b[j - 1];
      double sc;
      if (!loose) sc = subc(ai, bj);
      else {
        int edge = i == 1 || j == 1 || i == na || j == nb;
        sc = ai < S_LATIN && bj < S_LATIN ? subl_tab[edge][ai][bj] : sub_cost_long(ai, bj, edge);
      }
      /* the last vowel tells names apart (Maria / Mario, ديميكا / ديميكو) */
      if (i == na && j == nb && sc > 0 && is_vowel(ai) && is_vowel(bj) && ai != S_E && bj != S_E)
        sc = 1.0;
      double d = prev[j - 1] + sc;
      double x = prev[j] + ina[i - 1];
      if (x < d) d = x;
      x = cur[j - 1] + inb[j - 1];
      if (x < d) d = x;
      if (dga) /* a[i-1] a digraph, b[j-2..j) or b[j-3..j) its letters */
        for (int k = 2; k <= 3 && k <= j; k++)
          if ((x = prev[j - k] + digraph_split(a[i - 1], b + j - k, k)) < d) d = x;
      if (dgb)
        for (int k = 2; k <= 3 && k <= i; k++)
          if ((x = ROW(i - k)[j - 1] + digraph_split(b[j - 1], a + i - k, k)) < d) d = x;
      cur[j] = d;
      if (d < m) m = d;
    }
    /* every alignment passes through one of the last three rows (a digraph skips two at most) */
    double lo = row_floor(rmin, i, m);
    if (lo > bound) return lo;
  }
  return ROW(na)[nb];
#undef ROW
}


/* Vowel groups between consonants: when two spellings have the same consonants (doubles collapsed),
 * compare the vowel letters gap by gap. A gap written in one spelling and empty in the other costs an
 * omission; two different vowels in one gap (باتار / باتور) cost a substitution, which the edit distance
 * would otherwise price as a cheap deletion plus insertion. Returns -1 when the consonants differ. */
static double gap_dist(const uint8_t *a, int na, const uint8_t *b, int nb) {
  uint8_t ca[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], cb[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  unsigned ga[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK + 1], gb[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK + 1];
  uint8_t na_[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK + 1], nb_[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK + 1];
  int la = 0, lb = 0;
  ga[0] = gb[0] = 0;
  na_[0] = nb_[0] = 0;
  for (int i = 0; i < na; i++) {
    if (is_vowel(a[i])) { if (a[i] != S_E) { ga[la] |= 1u << a[i]; na_[la]++; } continue; }
    if (la && ca[la - 1] == a[i] && a[i - 1] == a[i]) continue; /* a doubled letter, not one repeated after a vowel (كيكول) */
    ca[la++] = a[i];
    ga[la] = 0;
    na_[la] = 0;
  }
  for (int i = 0; i < nb; i++) {
    if (is_vowel(b[i])) { if (b[i] != S_E) { gb[lb] |= 1u << b[i]; nb_[lb]++; } continue; }
    if (lb && cb[lb - 1] == b[i] && b[i - 1] == b[i]) continue;
    cb[lb++] = b[i];
    gb[lb] = 0;
    nb_[lb] = 0;
  }
  if (la != lb || memcmp(ca, cb, (size_t)la)) return -1;
  double d = 0;
  for (int g = 0; g <= la; g++) {
    if (ga[g] == gb[g]) continue;
    if (!ga[g] || !gb[g]) {
      int k = na_[g] + nb_[g]; /* every omitted letter costs */
      d += g == la ? 0.5 + 0.5 * (k - 1) : 0.3 + 0.3 * (k - 1); /* two letters more at the end: a suffix (برازيل / برازيليا) */
    }
    else if (g == la && ((ga[g] & gb[g]) == ga[g] || (ga[g] & gb[g]) == gb[g]) && a[na - 1] != b[nb - 1])
      d += 0.5; /* a vowel added at the end (كولوني / كولونيا) */
    else if (g == la && a[na - 1] != b[nb - 1]) d += 1.0; /* the last vowel tells names apart: ماريا / ماريو */
    else if (ga[g] & gb[g]) d += 0.3;
    else d += g == la ? 1.0 : 0.7;
  }
  return d;
}

/* Names with fewer consonants than this are short (see alif_moved()). */
#define SHORT_NAME_CONSO 4

/* 1 when 'a' and 'b' have the same consonants and an ا written in one gap between them in one spelling is
 * written in another gap in the other (صلاح / صالح, كاسار / كسارا, تايوان / تيوانا): a long a in another
 * syllable, another name; a ي or و that moves is often one vowel spelt two ways (بليز / بيلز). */
static int vowels_moved(const uint8_t *a, int na, const uint8_t *b, int nb, unsigned vmask, int added);
static int alif_moved(const uint8_t *a, int na, const uint8_t *b, int nb) { return vowels_moved(a, na, b, nb, 1u << S_A, 0); }

/* alif_moved() for the vowel letters in 'vmask' (bits of their symbols); with 'added', 1 when the vowel letters of
 * any gap after the first consonant differ (one written where the other leaves the gap bare, or others). */
static int vowels_moved(const uint8_t *a, int na, const uint8_t *b, int nb, unsigned vmask, int added) {
  uint8_t ca[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], cb[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  uint8_t ga[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK + 1], gb[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK + 1];
  int la = 0, lb = 0;
  ga[0] = gb[0] = 0;
  for (int i = 0; i < na; i++) {
    if (is_vowel(a[i])) { ga[la] |= (uint8_t)(((vmask >> a[i]) & 1) << a[i]); continue; }
    if (la && ca[la - 1] == a[i] && a[i - 1] == a[i]) continue;
    ca[la++] = a[i];
    ga[la] = 0;
  }
  for (int i = 0; i < nb; i++) {
    if (is_vowel(b[i])) { gb[lb] |= (uint8_t)(((vmask >> b[i]) & 1) << b[i]); continue; }
    if (lb && cb[lb - 1] == b[i] && b[i - 1] == b[i]) continue;
    cb[lb++] = b[i];
    gb[lb] = 0;
  }
  if (la != lb || memcmp(ca, cb, (size_t)la)) return 0;
  int only_a = 0, only_b = 0;
  for (int g = added ? 1 : 0; g <= la; g++) { /* a letter before the first consonant is often a proclitic و or an alef */
    if (added && ga[g] != gb[g]) return 1;
    only_a |= ga[g] && !gb[g];
    only_b |= gb[g] && !ga[g];
  }
  return added ? only_a || only_b : only_a && only_b;
}

/* How much letter distance a name with 'l' consonants tolerates. */
static double tolerance(int l) {
  if (l <= 2) return 0.35;
  if (l <= 3) return 0.65;
  if (l <= 4) return 0.95;
  return 1.25;
}

/* The base the typo allowance (RASD__NM_TYPO) is added to: stricter, since a typo already costs a letter. */
static double tolerance_typo(int l) {
  if (l <= 4) return 0.65;
  if (l <= 6) return 1.05;
  return 1.25;
}

static int first_conso_ok(const uint8_t *a, int na, const uint8_t *b, int nb) {
  if (!na || !nb) return 0;
  if (is_vowel(a[0]) || is_vowel(b[0])) return 1;
  /* long spellings may also begin with the foreign-name equivalences (Chinese zh: تشوماديان / زوماديان) */
  if (na >= LONG_SPELLING && nb >= LONG_SPELLING) return sub_cost_long(a[0], b[0], 1) <= 0.6;
  return sub_cost(a[0], b[0]) <= 0.6;
}

/* 1 when token 't' shows a trait of a native Arabic word: the article ال, or a letter that foreign names seldom
 * need (ح ع خ ص ض ط ظ ق ث ذ). */
static int native_tok(const rasd__ntok *k) {
  if (k->had_al) return 1;
  for (int i = 0; i < k->n; i++) {
    uint8_t s = k->sym[i];
    unsigned v = (k->var[i >> 2] >> ((i & 3) * 2)) & 3;
    if (s == S_AIN || s == S_TH || s == S_X) return 1;
    if ((s == S_T || s == S_H || s == S_D || s == S_Z || s == S_S) && v == 1) return 1;
    if ((s == S_Z || s == S_G) && v == 2) return 1;
  }
  return 0;
}

/* 1 when token 't' shows a strong trait of a native Arabic word: ع or ح, which foreign names almost never need, or
 * the article ال on a word with an emphatic letter or ق (ص ض ط ظ ق: النصر, الشرق); ال alone is also the al- of
 * foreign names and loanwords (ألكسندر, اليورانيوم, السوفيتي), ص ط ق alone their emphatic or velar sounds (صربيا). */
static int native_strong(const rasd__ntok *k) {
  int emph = 0;
  for (int i = 0; i < k->n; i++) {
    uint8_t s = k->sym[i];
    unsigned v = (k->var[i >> 2] >> ((i & 3) * 2)) & 3;
    if (s == S_AIN || (s == S_H && v == 1)) return 1;
    emph |= ((s == S_S || s == S_T || s == S_D) && v == 1) || ((s == S_Z || s == S_G) && v == 2);
  }
  return k->had_al && emph;
}

/* 1 when parsed name 'nm' shows a trait of a native Arabic word (native_tok(), any word). */
static int native_trait(const rasd__name *nm) {
  for (int t = 0; t < nm->n; t++)
    if (native_tok(&nm->tok[t])) return 1;
  return 0;
}

/* The vowel letters ا و ي (not hamza) as a mask of their symbols. */
#define VOWEL_LETTERS ((1u << S_A) | (1u << S_W) | (1u << S_Y))

/* 1 when symbol strings 'a' and 'b', both with a native trait ('native'), have the same consonants and each
 * writes a vowel letter between two of them where the other writes none: an Arabic word's long vowel in another
 * syllable is another pattern, another word (المساعد / مسعود, فاعل / فعول); foreign names move their vowel letters
 * freely (بليز / بيلز), so only ا counts there, and only in short names (alif_moved()). */
static int native_vowel_moved(int native, const uint8_t *a, int na, const uint8_t *b, int nb) {
  return native && vowels_moved(a, na, b, nb, VOWEL_LETTERS, 0);
}

/* 1 when a word of parsed name 'nm' has a strong native trait (native_strong()). */
static int native_strong_name(const rasd__name *nm) {
  for (int t = 0; t < nm->n; t++)
    if (native_strong(&nm->tok[t])) return 1;
  return 0;
}

/* 1 when symbol strings 'a' and 'b', both with a strong native trait ('native': ال, ع or ح), have the same
 * consonants and write other vowel letters after the first one (one where the other writes none, or a final ة): in
 * an Arabic word the long vowels are the pattern, so it is another word (النصر / الناصر / النصرة, سعد / سعود, حسن /
 * حسين, محمد / محمود, المحيط / المحويت). */
static int native_vowel_added(int native, const uint8_t *a, int na, const uint8_t *b, int nb) {
  return native && vowels_moved(a, na, b, nb, VOWEL_LETTERS, 1);
}

int rasd__ntok_match(const rasd__ntok *x, const rasd__ntok *y) {
  int l = x->nconso < y->nconso ? x->nconso : y->nconso;
  if (!first_conso_ok(x->sym, x->n, y->sym, y->n)) return 0;
  int dl = x->nconso - y->nconso;
  if (dl > 2 || dl < -2) return 0;
  double g = gap_dist(x->sym, x->n, y->sym, y->n);
  if (g > 0 && l < SHORT_NAME_CONSO && alif_moved(x->sym, x->n, y->sym, y->n)) return 0;
  if (g > 0 && native_vowel_moved(native_tok(x) && native_tok(y), x->sym, x->n, y->sym, y->n)) return 0;
  if (g > 0 && native_vowel_added(native_strong(x) && native_strong(y), x->sym, x->n, y->sym, y->n)) return 0;
  int loose = x->n >= LONG_SPELLING && y->n >= LONG_SPELLING;
  double tol = tolerance(l) + 1e-9;
  return (g >= 0 ? g : sym_dist(x->sym, x->n, y->sym, y->n, loose, tol)) <= tol;
}

static int joined(const rasd__name *nm, uint8_t *out, int *nconso) {
  int n = 0, c = 0;
  for (int t = 0; t < nm->n; t++) {
    for (int k = 0; k < nm->tok[t].n; k++) {
      uint8_t s = nm->tok[t].sym[k];
      out[n++] = s;
      if (!is_vowel(s)) c++;
    }
  }
  *nconso = c;
  return n;
}

static size_t sym_key_letter(uint8_t s, char *out) {
  if (s == S_TS) return (size_t)rasd__utf8_put(out, 0x062A) + (size_t)rasd__utf8_put(out + 2, 0x0633);
  if (s == S_DJ) return (size_t)rasd__utf8_put(out, 0x062F) + (size_t)rasd__utf8_put(out + 2, 0x063A);
  static const int32_t rep[] = {0x0628, 0x062A, 0x063A, 0x0647, 0x062E, 0x062F, 0x0632, 0x0631, 0x0633, 0x0634,
                                0x0641, 0x0644, 0x0645, 0x0646, 0x0639, 0x0686, 0x062B};
  if (s >= S_DIGIT) { out[0] = (char)('0' + (s - S_DIGIT)); return 1; }
  if (s >= S_LATIN) { out[0] = (char)('a' + (s - S_LATIN)); return 1; }
  if (s >= S_CONSO && s <= S_TH) return (size_t)rasd__utf8_put(out, rep[s - S_CONSO]);
  static const int32_t vrep[] = {0, 0x0627, 0x0648, 0x064A, 0x0621};
  if (s <= S_E) return (size_t)rasd__utf8_put(out, vrep[s]);
  return 0;
}

size_t rasd__ntok_key(const rasd__ntok *t, char *out) {
  size_t o = 0;
  uint8_t prev = 0;
  for (int k = 0; k < t->n; k++) {
    uint8_t s = t->sym[k];
    if (is_vowel(s)) continue;
    if (s == S_TH) s = S_T;
    if (s == prev) continue;
    if (o + 4 > 2 * RASD__NAME_MAXSYM) break; /* تس/دج write two letters: stay within the caller's buffer */
    o += sym_key_letter(s, out + o);
    prev = s;
  }
  if (!o) /* all vowels (e.g. "أوي"): the vowels are the key */
    for (int k = 0; k < t->n; k++) o += sym_key_letter(t->sym[k], out + o);
  out[o] = 0;
  return o;
}

size_t rasd__name_key_parsed(const rasd__name *nm, char *out) {
  /* Words are joined without a separator, so بيونغ يانغ, بيونغ-يانغ and بيونغيانغ share a key; a
   * letter doubled across the join collapses like one inside a word. */
  int c;
  uint8_t j[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  int n = joined(nm, j, &c);
  size_t o = 0;
  uint8_t prev = 0;
  for (int k = 0; k < n; k++) {
    uint8_t y = j[k];
    if (is_vowel(y)) continue;
    if (y == S_TH) y = S_T;
    if (y == prev) continue;
    o += sym_key_letter(y, out + o);
    prev = y;
  }
  if (!o)
    for (int k = 0; k < n; k++) o += sym_key_letter(j[k], out + o);
  out[o] = 0;
  return o;
}

char *rasd_name_key(const char *s, size_t len) {
  rasd__name nm;
  rasd__name_parse(s, len, &nm);
  char buf[RASD__NAME_KEYMAX];
  size_t n = rasd__name_key_parsed(&nm, buf);
  return rasd__strndup(buf, n);
}

/* ---- matching ---- */

/* Past the rules' tolerance plus this much, a pair is too far apart for the model to be asked (and the rule
 * distance is not computed further): keeps the learned model off the many plainly different pairs. */
#define RULE_GATE 2.5

/* Names with fewer consonants than this are decided by the rules, and the model was fitted without them. */
#define MODEL_MIN_CONSO RASD__NM_MIN_CONSO

/* Names of this many consonants (below MODEL_MIN_CONSO) are asked of the model too, but only where the rules say
 * no, and only when both spellings look foreign (see short_model_barred()). */
#define MODEL_SHORT_CONSO 3

/* Copies the symbols of token 't' to 'out' without the letters ه inside the word from its third letter on (ح
 * stays, and so does a ه second, the place of a native root letter: فهد / فد, جهاد / جاد, سهيل / سيل are other
 * words); '*removed' gets their number. Returns the number of symbols written. */
static int strip_inner_heh(const rasd__ntok *t, uint8_t *out, int *removed) {
  int n = 0;
  *removed = 0;
  for (int i = 0; i < t->n; i++) {
    if (t->sym[i] == S_H && i > 1 && i < t->n - 1 && !((t->var[i >> 2] >> ((i & 3) * 2)) & 3)) { (*removed)++; continue; }
    out[n++] = t->sym[i];
  }
  return n;
}


/* The cost of a final ة (ه) against a final ي in final_ta_yeh(). */
#define FINAL_TA_YEH_COST 0.3

/* 1 when one-word names 'x' and 'y' of three consonants or more, neither with a native trait (native_trait(): ال,
 * ح ع ص ط ق…), end one in ة or ه and the other in ي after a consonant: a foreign final e or i spelt two ways (كبزة /
 * غيبزي), not an Arabic word and its adjective in -i (the same letters before the ending: بريدة / بريدي; تركية /
 * تركي keeps the ي). */
static int final_ta_yeh(const rasd__name *x, const rasd__name *y) {
  if (x->n != 1 || y->n != 1) return 0;
  const rasd__ntok *p = &x->tok[0], *q = &y->tok[0];
  if (p->n < 3 || q->n < 3 || p->nconso < 3 || q->nconso < 3) return 0;
  if (q->final_h) { const rasd__ntok *t = p; p = q; q = t; }
  if (!p->final_h || q->final_h || q->sym[q->n - 1] != S_Y) return 0;
  if (is_vowel(p->sym[p->n - 2]) || is_vowel(q->sym[q->n - 2])) return 0;
  /* the same letters before the ending: an Arabic word and its adjective in -i (بريدة / بريدي, بركة / بركي) */
  if (p->n == q->n && !memcmp(p->sym, q->sym, (size_t)p->n - 1)) return 0;
  return !native_trait(x) && !native_trait(y);
}

/* The rule verdict on 'x' and 'y' (hand-set costs above): 1 when spellings of one name. 'dist' gets the
 * letter distance of the joined names (some value above 'tol' * RULE_GATE once it is that far) and 'tol'
 * the tolerance it is compared with; 'fc' whether the first consonants agree. */
static int rules_spelling(const rasd__name *x, const rasd__name *y, int flags, double *dist, double *tol_out, int *fc) {
  *dist = 1e9;
  *tol_out = 1;
  *fc = 0;
  if (!x->n || !y->n) return 0;
  uint8_t ja[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], jb[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  int ca, cb;
  int na = joined(x, ja, &ca), nb = joined(y, jb, &cb);
  int l = ca < cb ? ca : cb;
  if (!(*fc = first_conso_ok(ja, na, jb, nb))) return 0;
  double typo = (flags & RASD__NM_TYPO) && l >= 5 ? 1.0 : 0.0;
  double tol = (typo > 0 ? tolerance_typo(l) + typo : tolerance(l)) + 1e-9;
  *tol_out = tol;
  if (x->n == y->n && x->n >= 2 && !typo) {
    /* word by word; the model is not asked about the whole (rasd__nm_decide() asks it word by word), so the
     * distance of the whole is not needed */
    for (int t = 0; t < x->n; t++)
      if (!rasd__ntok_match(&x->tok[t], &y->tok[t])) return 0;
    return 1;
  }
  /* Different word counts: only a split or joined word (بيونغ يانغ / بيونغيانغ), never a dropped word (nor
   * is the model asked then). */
  if (x->n != y->n && (ca - cb > 1 || cb - ca > 1)) return 0;
  double g = typo ? -1 : gap_dist(ja, na, jb, nb);
  if (g > 0 && l < SHORT_NAME_CONSO && alif_moved(ja, na, jb, nb)) return 0;
  if (g > 0 && native_vowel_moved(native_trait(x) && native_trait(y), ja, na, jb, nb)) return 0;
  if (g > 0 && x->n == y->n && native_vowel_added(native_strong_name(x) && native_strong_name(y), ja, na, jb, nb))
    return 0; /* (a word split or joined moves the ا of an ال inside: عبد الله / عبدالله) */
  int loose = x->n == 1 && y->n == 1 && na >= LONG_SPELLING && nb >= LONG_SPELLING;
  /* the model is asked only about pairs with close consonant counts, and names of MODEL_SHORT_CONSO consonants
   * or more: for the rest, the rules' bound is enough */
  int near = ca - cb <= 2 && cb - ca <= 2;
  double d = g >= 0 ? g : sym_dist(ja, na, jb, nb, loose, tol * (near && l >= MODEL_SHORT_CONSO ? RULE_GATE : 1));
  if (d > tol && l < MODEL_MIN_CONSO && !typo && x->n == 1 && y->n == 1) {
    /* a foreign h inside a short name is written ه or left out (ارنهيم / آرنم, ساهاغون / ساغون, لكهنؤ / لكناو):
     * compared without it, at a small cost */
    uint8_t sa[RASD__NAME_MAXSYM], sb[RASD__NAME_MAXSYM];
    int ha = 0, hb = 0, ma = strip_inner_heh(&x->tok[0], sa, &ha), mb = strip_inner_heh(&y->tok[0], sb, &hb);
    if (ha != hb) {
      double d2 = 0.2 * abs(ha - hb) + sym_dist(sa, ma, sb, mb, 0, tol);
      if (d2 < d) d = d2;
    }
  }
  if (d > tol && !typo && final_ta_yeh(x, y)) {
    /* a foreign final e / i written ة (ه) in one spelling and ي in the other (ترنة / تيرني, فلوره / فلوري): compared
     * without the two last letters, at a small cost */
    const rasd__ntok *p = &x->tok[0], *q = &y->tok[0];
    double d2 = FINAL_TA_YEH_COST + sym_dist(p->sym, p->n - 1, q->sym, q->n - 1, 0, tol);
    if (d2 < d) d = d2;
  }
  *dist = near ? d : 1e9;
  return d <= tol;
}

/* ---- the learned model ---- */

#include "extract/names_model.inc"

/* Model classes: 1..12 vowel letters (ا و ي ء, each first, inside, last in the word), a final ه/ة, other
 * (Latin, digits), then the consonant letters: each symbol's class split into its letters (ج غ ق ك…). */
#define NM_FINAL_H 13
#define NM_OTHER 14
#define NM_C0 15
/* letters per consonant symbol S_B..S_DJ, and where each symbol's classes start */
static const uint8_t NM_NVAR[] = {2, 2, 4, 2, 1, 2, 4, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1};
static const uint8_t NM_OFF[] = {0, 2, 4, 8, 10, 11, 13, 17, 18, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30};
_Static_assert(NM_C0 + 31 == RASD__NM_K, "model classes");

/* The consonant symbol of model class 'c' (its letters' class: ج and ك are both S_G), 0 for a vowel or other. */
static uint8_t nm_conso(uint8_t c) {
  if (c < NM_C0) return 0;
  int s = 0;
  while (s + 1 < (int)sizeof NM_OFF && NM_OFF[s + 1] <= c - NM_C0) s++;
  return (uint8_t)(S_CONSO + s);
}

int rasd__nm_seq(const rasd__name *nm, uint8_t *out) {
  int n = 0;
  for (int t = 0; t < nm->n; t++) {
    const rasd__ntok *k = &nm->tok[t];
    for (int i = 0; i < k->n; i++) {
      if (n == RASD__NM_MAXSEQ) return -1;
      uint8_t s = k->sym[i];
      int c;
      if (i == k->n - 1 && k->final_h) c = NM_FINAL_H;
      else if (is_vowel(s)) c = 1 + (s - 1) * 3 + (i == 0 ? 0 : i == k->n - 1 ? 2 : 1);
      else if (s >= S_CONSO && s <= S_DJ) {
        unsigned v = (k->var[i >> 2] >> ((i & 3) * 2)) & 3;
        if (v >= NM_NVAR[s - S_CONSO]) v = 0;
        c = NM_C0 + NM_OFF[s - S_CONSO] + (int)v;
      } else c = NM_OTHER;
      out[n++] = (uint8_t)c;
    }
  }
  return n;
}

double rasd__nm_viterbi(const rasd__nm_edit *e, const uint8_t *a, int na, const uint8_t *b, int nb) {
  float row[2][RASD__NM_MAXSEQ + 1];
  if (na > RASD__NM_MAXSEQ) na = RASD__NM_MAXSEQ;
  if (nb > RASD__NM_MAXSEQ) nb = RASD__NM_MAXSEQ;
  row[0][0] = 0;
  for (int j = 1; j <= nb; j++) row[0][j] = row[0][j - 1] + e->ins[b[j - 1]];
  for (int i = 1; i <= na; i++) {
    const float *prev = row[(i - 1) & 1], *sub = e->sub[a[i - 1]];
    float *cur = row[i & 1], dl = e->del[a[i - 1]];
    cur[0] = prev[0] + dl;
    for (int j = 1; j <= nb; j++) {
      float d = prev[j - 1] + sub[b[j - 1]], x = prev[j] + dl;
      if (x < d) d = x;
      x = cur[j - 1] + e->ins[b[j - 1]];
      cur[j] = x < d ? x : d;
    }
  }
  return row[na & 1][nb];
}

/* 1 when the consonants of 'x' and 'y' are the same (doubles collapsed, ث as ت): the name key's letters. */
static int same_skeleton(const rasd__name *x, const rasd__name *y) {
  char kx[RASD__NAME_KEYMAX], ky[RASD__NAME_KEYMAX];
  size_t lx = rasd__name_key_parsed(x, kx), ly = rasd__name_key_parsed(y, ky);
  return lx == ly && !memcmp(kx, ky, lx);
}

/* The number of places between consonants where 'x' and 'y' write different vowel letters (one written, the
 * other not, or two different), when their consonants are the same (doubles collapsed); 0 otherwise. */
static int vowel_gap_diffs(const rasd__name *x, const rasd__name *y) {
  uint8_t a[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], b[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  int ca, cb, na = joined(x, a, &ca), nb = joined(y, b, &cb);
  if (ca != cb) return 0;
  int i = 0, j = 0, diffs = 0;
  for (;;) {
    unsigned ga = 0, gb = 0;
    while (i < na && is_vowel(a[i])) { if (a[i] != S_E) ga |= 1u << a[i]; i++; }
    while (j < nb && is_vowel(b[j])) { if (b[j] != S_E) gb |= 1u << b[j]; j++; }
    diffs += ga != gb;
    if (i == na || j == nb) return i == na && j == nb ? diffs : 0;
    if (a[i] != b[j]) return 0;
    uint8_t c = a[i];
    while (i < na && a[i] == c) i++;
    while (j < nb && b[j] == c) j++;
  }
}

/* 1 when names 'x' and 'y' end in ن after two different written vowels (ـين / ـان / ـون): in Arabic the ending
 * of a dual or plural, the grammar of a word rather than a spelling (الكوريتين / قريتان), and in foreign names
 * a different last syllable as often as not (بوتين / بوتان). */
static int last_syllable_clash(const rasd__name *x, const rasd__name *y) {
  const rasd__ntok *p = &x->tok[x->n - 1], *q = &y->tok[y->n - 1];
  if (p->n < 3 || q->n < 3) return 0;
  uint8_t la = p->sym[p->n - 1], lb = q->sym[q->n - 1];
  if (la != S_N || lb != S_N) return 0;
  unsigned ga = 0, gb = 0;
  for (int i = p->n - 2; i >= 0 && is_vowel(p->sym[i]); i--) if (p->sym[i] != S_E) ga |= 1u << p->sym[i];
  for (int j = q->n - 2; j >= 0 && is_vowel(q->sym[j]); j--) if (q->sym[j] != S_E) gb |= 1u << q->sym[j];
  return ga && gb && !(ga & gb);
}

/* Plain edit distance of the consonant classes of class strings 'a' and 'b' (doubles collapsed). */
static int skeleton_dist(const uint8_t *a, int na, const uint8_t *b, int nb) {
  uint8_t x[RASD__NM_MAXSEQ], y[RASD__NM_MAXSEQ];
  int nx = 0, ny = 0;
  for (int i = 0; i < na; i++) {
    uint8_t c = nm_conso(a[i]);
    if (c && (!nx || x[nx - 1] != c)) x[nx++] = c;
  }
  for (int j = 0; j < nb; j++) {
    uint8_t c = nm_conso(b[j]);
    if (c && (!ny || y[ny - 1] != c)) y[ny++] = c;
  }
  int row[RASD__NM_MAXSEQ + 1];
  for (int j = 0; j <= ny; j++) row[j] = j;
  for (int i = 1; i <= nx; i++) {
    int diag = row[0];
    row[0] = i;
    for (int j = 1; j <= ny; j++) {
      int v = diag + (x[i - 1] != y[j - 1]);
      if (row[j] + 1 < v) v = row[j] + 1;
      if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
      diag = row[j];
      row[j] = v;
    }
  }
  return row[ny];
}

static int conso_at(const uint8_t *s, int n, int last) {
  for (int i = 0; i < n; i++) {
    uint8_t c = s[last ? n - 1 - i : i];
    if (nm_conso(c)) return nm_conso(c);
  }
  return 0;
}

/* rasd__nm_features() that also gives the rule verdict in '*rv' (set even when the pair is rejected). */
static int features_v(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y, int flags, double *f, int *rv) {
  double d, tol;
  int fc;
  int v = *rv = rules_spelling(x, y, flags, &d, &tol, &fc);
  if (!fc || d > tol * RULE_GATE) return -1;
  if (d <= 0) return -1; /* the same consonants and vowel letters (ج for غ, a hamza seat): the rules say one name */
  {
    /* shorter names are the rules' alone: the model learnt foreign names, and in short (often native) names a
     * vowel letter more or less is another word (مصر / المسيرة, الصين / السنة); names of MODEL_SHORT_CONSO
     * consonants are asked under the guards of short_model_barred() */
    int cx = 0, cy = 0;
    for (int t = 0; t < x->n; t++) cx += x->tok[t].nconso;
    for (int t = 0; t < y->n; t++) cy += y->tok[t].nconso;
    if ((cx < cy ? cx : cy) < MODEL_SHORT_CONSO) return -1;
  }
  if (x->n == y->n && x->n >= 2) return -1; /* word by word: rasd__nm_decide() */
  if (x->n != y->n) { /* a word split or joined, never one dropped or added (بادن / بادن بادن) */
    int cx = 0, cy = 0;
    for (int t = 0; t < x->n; t++) cx += x->tok[t].nconso;
    for (int t = 0; t < y->n; t++) cy += y->tok[t].nconso;
    if (abs(cx - cy) > 1) return -1;
  }
  uint8_t a[RASD__NM_MAXSEQ], b[RASD__NM_MAXSEQ];
  int na = rasd__nm_seq(x, a), nb = rasd__nm_seq(y, b);
  if (na <= 0 || nb <= 0) return -1;
  if (na == nb && !memcmp(a, b, (size_t)na)) { *rv = 1; return -1; } /* the same letters: one name */
  double vs = -rasd__nm_viterbi(&md->same, a, na, b, nb), vd = -rasd__nm_viterbi(&md->diff, a, na, b, nb);
  double l0 = 0;
  for (int i = 0; i < na; i++) l0 -= md->uni[a[i]];
  for (int j = 0; j < nb; j++) l0 -= md->uni[b[j]];
  int cx = 0, cy = 0;
  for (int i = 0; i < na; i++) cx += a[i] >= NM_C0;
  for (int j = 0; j < nb; j++) cy += b[j] >= NM_C0;
  double n = na + nb, cmin = cx < cy ? cx : cy;
  f[0] = (vs - l0) / n;
  f[1] = (vs - vd) / n;
  f[2] = (vs - l0) / 10;
  f[3] = (vs - vd) / 10;
  f[4] = v;
  f[5] = (d > tol * RULE_GATE ? tol * RULE_GATE : d) / tol;
  f[6] = same_skeleton(x, y);
  f[7] = conso_at(a, na, 0) == conso_at(b, nb, 0);
  f[8] = a[na - 1] == b[nb - 1];
  f[9] = abs(x->n - y->n);
  f[10] = abs(cx - cy);
  f[11] = 1.0 / (cmin < 1 ? 1 : cmin);
  f[12] = vowel_gap_diffs(x, y);
  /* the last vowel tells names apart (بلانكا / بلانكو): both end in a vowel letter (ا و ي, not ه/ة), not
   * the same one */
  uint8_t ea = a[na - 1], eb = b[nb - 1];
  f[13] = ea >= 1 && ea <= 9 && eb >= 1 && eb <= 9 && ea != eb && (ea - 1) % 3 == 2 && (eb - 1) % 3 == 2;
  if (f[13] > 0 && !v) return -1; /* the rules' guard stands: Blanca is not Blanco */
  f[14] = skeleton_dist(a, na, b, nb);
  return 0;
}

int rasd__nm_features(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y, int flags, double *f, int *rule) {
  int v;
  return features_v(md, x, y, flags, f, rule ? rule : &v);
}

static int min_conso(const rasd__name *x, const rasd__name *y);

/* Letter symbols of parsed name 'nm', all its words. */
static int name_letters(const rasd__name *nm) {
  int n = 0;
  for (int t = 0; t < nm->n; t++) n += nm->tok[t].n;
  return n;
}

/* Letters a spelling of MODEL_SHORT_CONSO consonants needs before the model may call it another spelling of a
 * name the rules tell apart: six, so three vowel letters or more, which native words of three root letters
 * seldom write (تبوك, صالح, فارغ, غربية have one or two) and foreign names do (ستافا, زاجيكار). Spellings of
 * SHORT_MODEL_MIN_LETTERS to five letters are asked too, but only when they also agree in what a short word is
 * told by: the vowel letter of the first syllable and k against g (short_few_letters_clash()). */
#define SHORT_MODEL_LETTERS 6
#define SHORT_MODEL_MIN_LETTERS 4

static int kaf_for_g(const rasd__name *x, const rasd__name *y);

/* 1 when the one-word names 'x' and 'y' (same first consonant) write different vowel letters right after their
 * first consonant (جيمز / غوميز: ji against go; ا و ي, a hamza aside), or one writes ك where the other writes ج, غ
 * or ق (غوكر / جاجوار): in a spelling of four or five letters that is much of what tells the word apart. */
static int short_few_letters_clash(const rasd__name *x, const rasd__name *y) {
  const rasd__ntok *p = &x->tok[0], *q = &y->tok[0];
  int i = 0, j = 0;
  while (i < p->n && is_vowel(p->sym[i])) i++;
  while (j < q->n && is_vowel(q->sym[j])) j++;
  if (i + 1 < p->n && j + 1 < q->n) {
    uint8_t u = p->sym[i + 1], v = q->sym[j + 1];
    if (is_vowel(u) && is_vowel(v) && u != S_E && v != S_E && u != v) return 1;
  }
  if (kaf_for_g(x, y)) return 1;
  /* a consonant repeated across one vowel letter (رجاجيل: ج ا ج) in one spelling only: a syllable the other lacks
   * (and in Arabic the pattern of a root with a doubled letter) */
  int ra = 0, rb = 0;
  for (int k = 0; k + 2 < p->n; k++) ra |= !is_vowel(p->sym[k]) && is_vowel(p->sym[k + 1]) && p->sym[k + 2] == p->sym[k];
  for (int k = 0; k + 2 < q->n; k++) rb |= !is_vowel(q->sym[k]) && is_vowel(q->sym[k + 1]) && q->sym[k + 2] == q->sym[k];
  if (ra != rb) return 1;
  /* every consonant of the spelling with fewer must be matched, in order, by one of its sound (sub_cost() 0.6 or
   * less) in the other: a consonant of another sound is another word (بشير / بكير), one left out may be a silent
   * letter or a cluster simplified (بهرز / بوريز, برتشكو / بركو) */
  uint8_t ca[RASD__NAME_MAXSYM], cb[RASD__NAME_MAXSYM];
  int na = 0, nb = 0;
  for (int k = 0; k < p->n; k++)
    if (!is_vowel(p->sym[k]) && (!na || ca[na - 1] != p->sym[k])) ca[na++] = p->sym[k];
  for (int k = 0; k < q->n; k++)
    if (!is_vowel(q->sym[k]) && (!nb || cb[nb - 1] != q->sym[k])) cb[nb++] = q->sym[k];
  uint8_t lcs[RASD__NAME_MAXSYM + 1][RASD__NAME_MAXSYM + 1];
  for (int a = 0; a <= na; a++)
    for (int b = 0; b <= nb; b++) {
      if (!a || !b) { lcs[a][b] = 0; continue; }
      int v = lcs[a - 1][b] > lcs[a][b - 1] ? lcs[a - 1][b] : lcs[a][b - 1];
      if (sub_cost(ca[a - 1], cb[b - 1]) <= 0.6 && lcs[a - 1][b - 1] + 1 > v) v = lcs[a - 1][b - 1] + 1;
      lcs[a][b] = (uint8_t)v;
    }
  return lcs[na][nb] < (na < nb ? na : nb);
}

/* 1 when the model may not overrule the rules' 'no' on the short names 'x' and 'y' (fewer than MODEL_MIN_CONSO
 * consonants). Only single words are asked (a word of a longer name is compared alone; a word split or joined,
 * أراكاني / أريك جيني, بيكاسو / بيغي سو, is another name as often as not). The model learnt foreign names, so it is
 * not asked about a name with a native trait (ال, ح ع ص ط ق…: صعدة / السعودي, صالح / صلاح), nor about spellings
 * under SHORT_MODEL_MIN_LETTERS letters (بدر / بودر), nor, under SHORT_MODEL_LETTERS, when short_few_letters_clash()
 * tells them apart, nor when one spelling ends or begins in a vowel letter where the other has a consonant (an ending
 * or a syllable added: بدر / بدري, أغنيس / جينيس, براغ / برجي), nor when one ends in ة or ه and the other does not
 * (the feminine or adjective ending: هوليوود / هوليوودية; ة against ي is final_ta_yeh()'s to judge). */
static int short_model_barred(const rasd__name *x, const rasd__name *y) {
  if (x->n != 1 || y->n != 1) return 1;
  if (native_trait(x) || native_trait(y)) return 1;
  int la = name_letters(x), lb = name_letters(y);
  if ((la < lb ? la : lb) < SHORT_MODEL_MIN_LETTERS) return 1;
  int few = (la < lb ? la : lb) < SHORT_MODEL_LETTERS;
  const rasd__ntok *p = &x->tok[x->n - 1], *q = &y->tok[y->n - 1];
  /* the last letter: a consonant (0), a vowel letter (1), a final ة or ه (2) */
  int ea = !is_vowel(p->sym[p->n - 1]) ? 0 : p->final_h ? 2 : 1, eb = !is_vowel(q->sym[q->n - 1]) ? 0 : q->final_h ? 2 : 1;
  if (ea != eb || is_vowel(x->tok[0].sym[0]) != is_vowel(y->tok[0].sym[0])) return 1;
  /* nor when the first consonants are other letters (ش / س: شيكاجو / سينكاكو; a digraph and its first letter are
   * one: دج / د): the rules allow them in longer names, but a short name has few letters besides to tell it by */
  int i = 0, j = 0;
  while (i < p->n && is_vowel(p->sym[i])) i++;
  while (j < q->n && is_vowel(q->sym[j])) j++;
  if (i == p->n || j == q->n) return 0;
  uint8_t u = p->sym[i], v = q->sym[j], u2, v2;
  if (digraph_parts(u, &u, &u2) + digraph_parts(v, &v, &v2) == 1) { /* دج / د (أديوماني / ادجوماني) */
    if (u != v) return 1;
  } else if (p->sym[i] != q->sym[j]) return 1;
  return few && short_few_letters_clash(x, y);
}

/* native_vowel_moved() and native_vowel_added() of the parsed names 'x' and 'y', joined. */
static int native_moved(const rasd__name *x, const rasd__name *y) {
  uint8_t a[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], b[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  int ca, cb, na = joined(x, a, &ca), nb = joined(y, b, &cb);
  return native_vowel_moved(native_trait(x) && native_trait(y), a, na, b, nb) ||
         (x->n == y->n && native_vowel_added(native_strong_name(x) && native_strong_name(y), a, na, b, nb));
}

/* 1 when 'x' and 'y' have the same consonants and the same vowel letters (ا و ي, as many of each), some in another
 * place: one vowel spelt two ways in a foreign name (بليز / بيلز, ليبون / ليوبن), which the rules judge. */
static int vowel_letters_moved(const rasd__name *x, const rasd__name *y) {
  uint8_t a[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], b[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  uint8_t ca[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], cb[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  int ka, kb, na = joined(x, a, &ka), nb = joined(y, b, &kb), la = 0, lb = 0, va[S_CONSO] = {0}, vb[S_CONSO] = {0};
  for (int i = 0; i < na; i++)
    if (is_vowel(a[i])) va[a[i]]++;
    else ca[la++] = a[i];
  for (int i = 0; i < nb; i++)
    if (is_vowel(b[i])) vb[b[i]]++;
    else cb[lb++] = b[i];
  return la == lb && !memcmp(ca, cb, (size_t)la) && va[S_A] == vb[S_A] && va[S_W] == vb[S_W] && va[S_Y] == vb[S_Y];
}

/* How sure the model must be (its score below minus this) to call short names the rules call one two names:
 * chosen on the five-fold check (0.5: 0.898, 1: 0.899, 1.5: 0.897, never: 0.895). */
#define SHORT_VETO_MARGIN 1.0

/* The score of model 'md' on pair features 'f': above 0 for one name. */
static double nm_score(const rasd__nmodel *md, const double *f) {
  double z = md->bias;
  for (int k = 0; k < RASD__NM_NF; k++) z += md->w[k] * f[k];
  return z;
}

/* The verdict of model 'md' on 'x' and 'y' taken whole ('whole' 0: a word of names compared word by word). */
static int decide_whole(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y, int short_ok, int whole) {
  double f[RASD__NM_NF];
  int v;
  if (features_v(md, x, y, 0, f, &v) < 0) return v; /* far apart or too long: the rules decide */
  if (!v && last_syllable_clash(x, y)) return 0; /* the rules' guard stands for the last syllable too */
  if (!v && native_moved(x, y)) return 0;        /* and for an Arabic word's long vowel in another syllable */
  /* and for two words with a native trait (ح ع ص ط ق, ال…): the model learnt foreign names, and Arabic family names
   * of other letters are other families (القحطاني / الشهراني, القرني / القريني, الشعبي / الشعيبي) */
  if (!v && native_trait(x) && native_trait(y)) return 0;
  if (min_conso(x, y) < MODEL_MIN_CONSO) {
    /* a short name: the model may turn the rules' 'no' into 'yes' (أديوماني / ادجوماني, زاجيكار / زاييتشار), and their
     * 'yes' into 'no' only when it is sure (it was not fitted on names this short: كراكو / كراكوف, كولوني / كولونيا
     * stay one) and the names are single words (not a word of a longer name: نيكولا ساركوزي / نيكولاي ساركوزي),
     * neither the other with a letter in front (a proclitic: وصالح / صالح) */
    if (v) {
      if (!whole || nm_score(md, f) > -SHORT_VETO_MARGIN || vowel_letters_moved(x, y)) return 1;
      const rasd__ntok *p = &x->tok[0], *q = &y->tok[0];
      if (x->n == 1 && y->n == 1 && abs(p->n - q->n) == 1) {
        const rasd__ntok *lo = p->n > q->n ? p : q, *sh = p->n > q->n ? q : p;
        if (!memcmp(lo->sym + 1, sh->sym, sh->n)) return 1;
      }
      return 0;
    }
    if (!short_ok || short_model_barred(x, y)) return 0;
  }
  return nm_score(md, f) > 0;
}

/* 1 when one of the one-word short names 'x' and 'y' (fewer than MODEL_MIN_CONSO consonants) begins with a vowel (ا or
 * a hamza) and the other with و or ي, which begin a word as the consonants w and y (اوساكو / يوساكو, أنكي / وانكي): the
 * first sound differs. */
static int initial_alef_added(const rasd__name *x, const rasd__name *y);

static int initial_vowel_clash(const rasd__name *x, const rasd__name *y) {
  if (x->n != 1 || y->n != 1 || min_conso(x, y) >= MODEL_MIN_CONSO) return 0;
  uint8_t a = x->tok[0].sym[0], b = y->tok[0].sym[0];
  int va = a == S_A || a == S_E, vb = b == S_A || b == S_E;
  return (va && (b == S_W || b == S_Y)) || (vb && (a == S_W || a == S_Y));
}

/* rasd__nm_decide(); 'short_ok' 0 keeps names under MODEL_MIN_CONSO consonants to the rules alone. */
static int nm_decide(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y, int short_ok) {
  if (!x->n || !y->n) return 0;
  if (initial_vowel_clash(x, y)) return 0;
  if (x->n == y->n && x->n >= 2) {
    /* names of several words: word by word (كوريا الشمالية / كوريا الجنوبية differ in one word) */
    /* the first consonants of the whole (the rules' first check) */
    if (!first_conso_ok(x->tok[0].sym, x->tok[0].n, y->tok[0].sym, y->tok[0].n)) return 0;
    rasd__name a, b;
    a.n = b.n = 1;
    a.n_titles = b.n_titles = 0;
    for (int t = 0; t < x->n; t++) {
      a.tok[0] = x->tok[t];
      b.tok[0] = y->tok[t];
      /* a word with an alif in front is another word there too (أم أحمد / أم حمد) */
      if (initial_alef_added(&a, &b) || !decide_whole(md, &a, &b, short_ok, 0)) return 0;
    }
    return 1;
  }
  return decide_whole(md, x, y, short_ok, 1);
}

int rasd__nm_decide(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y) { return nm_decide(md, x, y, 1); }

/* Consonants of the shorter of 'x' and 'y'. */
static int min_conso(const rasd__name *x, const rasd__name *y) {
  int cx = 0, cy = 0;
  for (int t = 0; t < x->n; t++) cx += x->tok[t].nconso;
  for (int t = 0; t < y->n; t++) cy += y->tok[t].nconso;
  return cx < cy ? cx : cy;
}

/* 1 when 'x' and 'y' differ in more than the letter variants: their consonants, or the vowel letters between
 * them (hamza seats and ة/ه aside). */
static int letters_differ(const rasd__name *x, const rasd__name *y) {
  uint8_t a[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK], b[RASD__NAME_MAXSYM * RASD__NAME_MAXTOK];
  int ca, cb, na = joined(x, a, &ca), nb = joined(y, b, &cb);
  int i = 0, j = 0;
  for (;;) { /* the walk of vowel_gap_diffs(), any difference ends it */
    unsigned ga = 0, gb = 0;
    while (i < na && is_vowel(a[i])) { if (a[i] != S_E) ga |= 1u << a[i]; i++; }
    while (j < nb && is_vowel(b[j])) { if (b[j] != S_E) gb |= 1u << b[j]; j++; }
    if (ga != gb) return 1;
    if (i == na || j == nb) return i != na || j != nb;
    if (a[i] != b[j]) return 1;
    uint8_t c = a[i];
    while (i < na && a[i] == c) i++;
    while (j < nb && b[j] == c) j++;
  }
}

int rasd__ntok_same_letters(const rasd__ntok *x, const rasd__ntok *y) {
  rasd__name a, b;
  a.n = b.n = 1;
  a.n_titles = b.n_titles = 0;
  a.tok[0] = *x;
  b.tok[0] = *y;
  if (letters_differ(&a, &b)) return 0;
  /* and the same letter of each consonant class (ج is not ك) */
  int i = 0, j = 0;
  for (;;) {
    while (i < x->n && is_vowel(x->sym[i])) i++;
    while (j < y->n && is_vowel(y->sym[j])) j++;
    if (i == x->n || j == y->n) return i == x->n && j == y->n;
    if (((x->var[i >> 2] >> ((i & 3) * 2)) & 3) != ((y->var[j >> 2] >> ((j & 3) * 2)) & 3)) return 0;
    i++;
    j++;
  }
}

/* 1 when one-word names 'x' and 'y' with the same consonant symbols write ك in one where the other writes ج, غ or
 * ق (كوف / الجوف: k is not g or j; the g spellings ج / غ / ق stay one letter). */
static int kaf_for_g(const rasd__name *x, const rasd__name *y) {
  if (x->n != 1 || y->n != 1) return 0;
  const rasd__ntok *p = &x->tok[0], *q = &y->tok[0];
  int i = 0, j = 0;
  for (;;) {
    while (i < p->n && is_vowel(p->sym[i])) i++;
    while (j < q->n && is_vowel(q->sym[j])) j++;
    if (i == p->n || j == q->n) return 0;
    if (p->sym[i] != q->sym[j]) return 0;
    if (p->sym[i] == S_G) {
      unsigned u = (p->var[i >> 2] >> ((i & 3) * 2)) & 3, v = (q->var[j >> 2] >> ((j & 3) * 2)) & 3;
      if ((u == 3) != (v == 3)) return 1; /* letter_var(): ك is 3 */
    }
    i++;
    j++;
  }
}

/* A well-known name (an exact curated entry: the hand list, a country, a capital) is written one way in the
 * press; a short word of other letters beside it is another word, not a spelling of it (السعودية / صعدة,
 * ألمانيا / المنيا, سوريا / سراي, الصين / صن). So is a short word with the article beside any city (a native
 * word: الجبيل / الجبل, الطائف / الطوائف); without the article, world cities have many spellings (بندر / بيندر).
 * 1 when 'y' (not such an entry) is a one-word name of fewer than this many consonants whose letters differ
 * from the entry 'x'. */
#define KNOWN_SHORT_CONSO 4

/* 1 when the one-word names 'x' and 'y' have the same consonant sounds but one writes an emphatic letter where the
 * other writes its plain one (ص / س, ط / ت, ض / د, ظ ذ / ز, ح / ه): in a short native word that is another word
 * (الصين "China" / السين "the letter s"); the alternations of foreign names (ج غ ق ك, ب پ, ف ڤ) are not counted. */
static int emphatic_differs(const rasd__name *x, const rasd__name *y) {
  if (x->n != 1 || y->n != 1) return 0;
  const rasd__ntok *p = &x->tok[0], *q = &y->tok[0];
  int i = 0, j = 0, diff = 0;
  for (;;) {
    while (i < p->n && is_vowel(p->sym[i])) i++;
    while (j < q->n && is_vowel(q->sym[j])) j++;
    if (i == p->n || j == q->n) return diff && i == p->n && j == q->n;
    uint8_t a = p->sym[i], b = q->sym[j];
    if (a != b) return 0;
    unsigned va = (p->var[i >> 2] >> ((i & 3) * 2)) & 3, vb = (q->var[j >> 2] >> ((j & 3) * 2)) & 3;
    if (va != vb && (a == S_T || a == S_H || a == S_D || a == S_Z || a == S_S)) diff = 1;
    i++, j++;
  }
}

static int short_other_word(const rasd__name *x, const rasd__name *y) {
  if (y->n != 1 || min_conso(x, y) >= KNOWN_SHORT_CONSO) return 0;
  return letters_differ(x, y) || kaf_for_g(x, y) || emphatic_differs(x, y);
}

/* 1 when token 't' begins with ا, a hamza or ع and then ل: the letters of a foreign name that starts with al/el
 * (Alanya, Aligarh), which the other spelling wrote as ال (و and ي are left out: وللبحرين is و + ل + البحرين). */
static int starts_al_sound(const rasd__ntok *t) {
  if (t->had_al || t->n < 2) return 0;
  return (t->sym[0] == S_A || t->sym[0] == S_E || t->sym[0] == S_AIN) && t->sym[1] == S_L;
}

/* Copies 'x' to 'out' with the ال its first token lost in parsing put back (S_A S_L in front). */
static void restore_al(const rasd__name *x, rasd__name *out) {
  *out = *x;
  rasd__ntok *t = &out->tok[0];
  const rasd__ntok *s = &x->tok[0];
  int n = s->n + 2 > RASD__NAME_MAXSYM ? RASD__NAME_MAXSYM : s->n + 2;
  t->sym[0] = S_A;
  t->sym[1] = S_L;
  memset(t->var, 0, sizeof t->var);
  for (int i = 2; i < n; i++) {
    t->sym[i] = s->sym[i - 2];
    unsigned v = (s->var[(i - 2) >> 2] >> (((i - 2) & 3) * 2)) & 3;
    t->var[i >> 2] |= (uint8_t)(v << ((i & 3) * 2));
  }
  t->n = (uint8_t)n;
  t->nconso = (uint8_t)(s->nconso + 1);
  t->had_al = 0;
  t->final_h = s->final_h && n == s->n + 2;
}

/* The typo allowance (one more letter edit) is the rules': only for names of five consonants or more. */
static int typo_spelling(const rasd__name *x, const rasd__name *y, int flags) {
  int ca = 0, cb = 0;
  for (int t = 0; t < x->n; t++) ca += x->tok[t].nconso;
  for (int t = 0; t < y->n; t++) cb += y->tok[t].nconso;
  if ((ca < cb ? ca : cb) < 5) return 0;
  double d, tol;
  int fc;
  return rules_spelling(x, y, flags, &d, &tol, &fc);
}

/* 1 when tokens 'a' and 'b' are written with the same letters (and the same ال). */
static int tok_identical(const rasd__ntok *a, const rasd__ntok *b) {
  return a->n == b->n && a->had_al == b->had_al && !memcmp(a->sym, b->sym, a->n) && !memcmp(a->var, b->var, sizeof a->var);
}

/* 1 when one of the one-word names 'x' and 'y', one with a native trait (native_trait()), is the other with an alef
 * or hamza in front: in an Arabic word that is a letter of its pattern, another word (أحمد / حمد, إسماعيلي /
 * سماعيلي), while a foreign name may put a vowel before a cluster (امبور / مبور). */
static int initial_alef_added(const rasd__name *x, const rasd__name *y) {
  if (x->n != 1 || y->n != 1 || (!native_trait(x) && !native_trait(y))) return 0; /* with or without ال: القصر is no أقصر */
  const rasd__ntok *a = &x->tok[0], *b = &y->tok[0];
  if (a->n == b->n + 1 && (a->sym[0] == S_A || a->sym[0] == S_E) && !is_vowel(b->sym[0]))
    return !memcmp(a->sym + 1, b->sym, b->n);
  if (b->n == a->n + 1 && (b->sym[0] == S_A || b->sym[0] == S_E) && !is_vowel(a->sym[0]))
    return !memcmp(b->sym + 1, a->sym, a->n);
  return 0;
}

/* 1 when the one-word names 'x' and 'y' of three consonants or fewer, one written with the article ال and the other
 * without, have other letters: in running text a short word with the article is mostly a native word or family name
 * (البنيان, الخبر), another one than a short name without it that differs in a vowel letter (بنين Benin, خيبر). Lists
 * of transliterations pair such forms (الترك / تورك): only names from text (RASD__NM_TEXT) and gazetteer scans ask. */
static int article_one_side(const rasd__name *x, const rasd__name *y) {
  if (x->n != 1 || y->n != 1 || x->tok[0].had_al == y->tok[0].had_al || min_conso(x, y) > 3) return 0;
  const rasd__ntok *a = &x->tok[0], *b = &y->tok[0];
  return a->n != b->n || memcmp(a->sym, b->sym, (size_t)a->n);
}

int rasd__names_spelling(const rasd__name *x, const rasd__name *y, int flags) {
  return rasd__names_spelling_md(&rasd__nm_model, x, y, flags);
}

/* Writes the letters of parsed name 'nm' to 'out' as written, words joined: an ال taken off a word put back, and a
 * word's last ه read as the final ة/ه it is at the end of a longer word (الله is ال + له, عبدالله ends in ا for
 * the parser); returns their number. */
static int written_joined(const rasd__name *nm, uint8_t *out) {
  int n = 0;
  for (int t = 0; t < nm->n; t++) {
    const rasd__ntok *k = &nm->tok[t];
    if (k->had_al) { out[n++] = S_A; out[n++] = S_L; }
    for (int i = 0; i < k->n; i++)
      out[n++] = i == k->n - 1 && k->sym[i] == S_H && !((k->var[i >> 2] >> ((i & 3) * 2)) & 3) ? S_A : k->sym[i];
  }
  return n;
}

/* 1 when names 'x' and 'y' of different word counts have the same letters once their words are joined: one name
 * written with a word split or joined (عبد الله / عبدالله, أبو بكر / أبوبكر). */
static int same_joined(const rasd__name *x, const rasd__name *y) {
  uint8_t a[(RASD__NAME_MAXSYM + 2) * RASD__NAME_MAXTOK], b[(RASD__NAME_MAXSYM + 2) * RASD__NAME_MAXTOK];
  if (x->n == y->n) return 0;
  int na = written_joined(x, a), nb = written_joined(y, b);
  return na == nb && !memcmp(a, b, (size_t)na);
}

static int nationality_clash(const rasd__name *x, const rasd__name *y);

/* 1 when one of 'x' and 'y' is a kunya (أم حمد، أبو محمد: أم or أبو, then a name) and the other one word that does not
 * begin with that particle: أم حمد "Hamad's mother" is no spelling of محمد, however alike the letters run together
 * (أبو ظبي / أبوظبي, which keeps it, stay one). */
static int kunya_joined(const rasd__name *x, const rasd__name *y) {
  if ((x->n == 1) == (y->n == 1)) return 0;
  const rasd__name *k = x->n == 1 ? y : x, *one = x->n == 1 ? x : y;
  const rasd__ntok *p = &k->tok[0], *w = &one->tok[0];
  int um = p->n == 2 && p->sym[0] == S_A && p->sym[1] == S_M;
  int abu = p->n == 3 && p->sym[0] == S_A && p->sym[1] == S_B && p->sym[2] == S_W;
  if (!um && !abu) return 0;
  return w->n < p->n || memcmp(w->sym, p->sym, p->n) != 0;
}

int rasd__names_spelling_md(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y, int flags) {
  if (!x->n || !y->n) return 0;
  if (same_joined(x, y)) return 1;
  if (nationality_clash(x, y)) return 0;
  if (kunya_joined(x, y)) return 0;
  if (initial_alef_added(x, y)) return 0;
  if ((flags & (RASD__NM_NOSHORT | RASD__NM_TEXT)) && article_one_side(x, y)) return 0;
  /* one word with the article against a name of several words without it: the words of a foreign name are written
   * joined at times (بيونغيانغ), never behind an ال (الكنكري is not جون كيري) */
  if ((x->n == 1) != (y->n == 1)) {
    const rasd__name *one = x->n == 1 ? x : y, *more = x->n == 1 ? y : x;
    if (one->tok[0].had_al && !more->tok[0].had_al) return 0;
  }
  /* Names of two words or more, of different lengths, that begin with the same word(s) written alike are the same
   * name when the rest is: the learned model takes them whole, and a long shared beginning (محمد ب…) carries a
   * different rest (محمد البقمي is not محمد بن نايف, عبد الخالق not عبد الاله المالكي). Names of the same length
   * are compared word by word already (rasd__nm_decide). */
  if (x->n >= 2 && y->n >= 2 && x->n != y->n && tok_identical(&x->tok[0], &y->tok[0])) {
    int k = 1;
    while (k < x->n - 1 && k < y->n - 1 && tok_identical(&x->tok[k], &y->tok[k])) k++;
    rasd__name a = *x, b = *y;
    a.n = x->n - k;
    b.n = y->n - k;
    memmove(a.tok, x->tok + k, (size_t)a.n * sizeof a.tok[0]);
    memmove(b.tok, y->tok + k, (size_t)b.n * sizeof b.tok[0]);
    /* a rest that begins the other rest (بارك جونج | بارك جونغ-هو: جونج is جونغ, then هو) is the shorter name of the
     * same person: the whole is taken as before */
    rasd__name *sh = a.n < b.n ? &a : &b, lo = a.n < b.n ? b : a;
    lo.n = sh->n;
    if (!rasd__names_spelling_md(md, sh, &lo, flags & ~RASD__NM_TYPO)) {
      if (rasd__names_spelling_md(md, &a, &b, flags & ~RASD__NM_TYPO)) return 1;
      return (flags & RASD__NM_TYPO) && typo_spelling(x, y, flags); /* the typo allowance of the whole */
    }
  }
  int short_ok = !(flags & RASD__NM_NOSHORT);
  if (nm_decide(md, x, y, short_ok)) return 1;
  /* a foreign name of one word beginning al/el written with ال in one spelling only (الانيا / علانية, اليغراه /
   * عليكره): the ال is the name's own letters there, not the article */
  if (x->n == 1 && y->n == 1 && x->tok[0].had_al != y->tok[0].had_al &&
      starts_al_sound(x->tok[0].had_al ? &y->tok[0] : &x->tok[0])) {
    rasd__name r;
    restore_al(x->tok[0].had_al ? x : y, &r);
    if (x->tok[0].had_al ? nm_decide(md, &r, y, short_ok) : nm_decide(md, x, &r, short_ok))
      return 1;
  }
  return (flags & RASD__NM_TYPO) && typo_spelling(x, y, flags);
}

static int ascii_ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return *a == *b;
}

/* English forms the gazetteer gives the whole names (entries 'ia' and 'ib' from rasd__gaz_exact(), curated
 * 2): compares them. Returns 1 (a shared form), -1 (both known, none shared), 0 (unknown). Only curated
 * sources decide (hand-written list, countries, cities): ANETAC lists transliterations, one English per
 * spelling, and would split variants. Exact lookups only: cheap and never a guess. */
static int gaz_verdict(const rasd__gaz *g, int64_t ia, int64_t ib) {
  if (!g || ia < 0 || ib < 0) return 0;
  rasd__gaz_entry ea, eb;
  rasd__gaz_get(g, (uint32_t)ia, &ea);
  rasd__gaz_get(g, (uint32_t)ib, &eb);
  if (!*ea.en || !*eb.en) return 0;
  return ascii_ieq(ea.en, eb.en) ? 1 : -1;
}

int64_t rasd__name_gaz_exact(const rasd_models *m, const char *s, size_t len) {
  return m && m->gaz ? rasd__gaz_exact(m->gaz, s, len, 2, RASD_ENT_NONE) : -1;
}

/* 1 when gazetteer entry 'e' is a well-known name: the hand-written list, a country or a capital city. */
static int well_known(const rasd__gaz_entry *e) {
  return *e->en && (e->src <= RASD__GSRC_COUNTRY || (e->flags & RASD__GF_CAPITAL));
}

/* 1 when gazetteer entry 'e' is a country or a capital city. */
static int country_or_capital(const rasd__gaz_entry *e) {
  return *e->en && (e->src == RASD__GSRC_COUNTRY || (e->flags & RASD__GF_CAPITAL));
}

/* 1 when 'y' is the one-word name 'x' (written without the article) with ال in front, 'x' of five letters at
 * most: a short word is another word with the article (قطر / القطر, مالي / المالي, هند / الهند), a long foreign
 * name the same name (باراغواي / الباراغواي, سنغال / السنغال). */
static int article_added(const rasd__name *x, const rasd__name *y) {
  return x->n == 1 && y->n == 1 && !x->tok[0].had_al && y->tok[0].had_al && x->tok[0].n == y->tok[0].n &&
         x->tok[0].n <= 5 &&
         !memcmp(x->tok[0].sym, y->tok[0].sym, x->tok[0].n);
}

int rasd__names_match_parsed(const rasd_models *m, const rasd__name *x, int64_t gx, const rasd__name *y, int64_t gy,
                             int flags) {
  if (!x->n || !y->n) return 0;
  /* the gazetteer's verdict, when it has one, decides: the spelling comparison is then not needed */
  if (m && m->gaz && !(flags & RASD__NM_NOGAZ)) {
    int v = gaz_verdict(m->gaz, gx, gy);
    if (v == 1) return 1;
    if (v == -1) return 0;
    rasd__gaz_entry e;
    if (gx >= 0 && gy < 0 && !rasd__gaz_get(m->gaz, (uint32_t)gx, &e) && (well_known(&e) || (*e.en && y->tok[0].had_al)) && short_other_word(x, y)) return 0;
    if (gy >= 0 && gx < 0 && !rasd__gaz_get(m->gaz, (uint32_t)gy, &e) && (well_known(&e) || (*e.en && x->tok[0].had_al)) && short_other_word(y, x)) return 0;
    /* a well-known name written without the article (قطر, مالي) is another word with it: القطر (the diameter,
     * the region), المالي (financial) */
    if (gx >= 0 && gy < 0 && !rasd__gaz_get(m->gaz, (uint32_t)gx, &e) && well_known(&e) && article_added(x, y)) return 0;
    if (gy >= 0 && gx < 0 && !rasd__gaz_get(m->gaz, (uint32_t)gy, &e) && well_known(&e) && article_added(y, x)) return 0;
    /* no typo allowance towards a country or a capital: another name like it (التركستان / طاجيكستان) is likelier than
     * a misspelt country */
    if ((flags & RASD__NM_TYPO) && ((gx >= 0 && !rasd__gaz_get(m->gaz, (uint32_t)gx, &e) && country_or_capital(&e)) ||
                                    (gy >= 0 && !rasd__gaz_get(m->gaz, (uint32_t)gy, &e) && country_or_capital(&e))))
      flags &= ~RASD__NM_TYPO;
  }
  return rasd__names_spelling(x, y, flags);
}

/* 1 unless one of 'a' and 'b' begins with ال and the other not: a form the lists give several English names is
 * the curated one's only when both are written alike there (كاميرون is Cameron and, once, Cameroon; الكاميرون is
 * Cameroon). */
static int same_article(const char *a, size_t alen, const char *b, size_t blen) {
  int xa = alen >= 4 && !memcmp(a, "\xD8\xA7\xD9\x84", 4), xb = blen >= 4 && !memcmp(b, "\xD8\xA7\xD9\x84", 4);
  return xa == xb;
}

/* What the English forms say of 'a' and 'b' when one is an exact curated entry ('ga', 'gb') and the other has exact
 * entries of its own (any source): 1 one of them has the curated one's English and both are written with ال or
 * without (طوكيو, a capital / توكيو, Tokyo in the transliteration lists; داكا, Dacca and Dhaka there / دكا; not كاميرون,
 * Cameron and once Cameroon / الكاميرون): a spelling, whatever letters tell a well-known name from another word (ط for
 * ت); -1 the curated one is well known and the other's first entry has another English (الكويت, Kuwait / الكوت, Kut;
 * الباحة / باهيا, Bahia); 0 otherwise. */
static int gaz_english_verdict(const rasd__gaz *g, const char *a, size_t alen, int64_t ga, const char *b, size_t blen,
                               int64_t gb) {
  if ((ga >= 0) == (gb >= 0)) return 0; /* both curated: gaz_verdict(); neither: no well-known name */
  if (ga < 0) return gaz_english_verdict(g, b, blen, gb, a, alen, ga);
  rasd__gaz_entry ea, eo;
  if (rasd__gaz_get(g, (uint32_t)ga, &ea) || !*ea.en) return 0;
  if (same_article(a, alen, b, blen) && rasd__gaz_exact_en(g, b, blen, ea.en)) return 1;
  int64_t o = rasd__gaz_exact(g, b, blen, 0, RASD_ENT_NONE);
  if (o < 0 || rasd__gaz_get(g, (uint32_t)o, &eo)) return 0;
  if ((eo.flags & RASD__GF_TITLE) || !well_known(&ea) || !*eo.en) return 0;
  return ascii_ieq(ea.en, eo.en) ? 0 : -1;
}

/* Per-thread memo of rasd__names_match_ex(): a pure function of the gazetteer (its generation is in the key), the
 * flags and the two strings, asked about the same pairs in article after article (the corpus registry verifies each
 * article's names against the entities it knows). Direct-mapped, 16k slots (~2.2 MB per thread), strings of up to
 * NMX_STR - 1 bytes. */
#define NMX_BITS 14
#define NMX_STR 63
typedef struct nmx_ent {
  uint64_t gen, h; /* gen 0: empty */
  uint8_t la, lb;
  int8_t flags, v;
  char a[NMX_STR], b[NMX_STR];
} nmx_ent;
static _Thread_local nmx_ent *nmx_tab;
static pthread_key_t nmx_key;
static pthread_once_t nmx_once = PTHREAD_ONCE_INIT;
static void nmx_key_init(void) { (void)pthread_key_create(&nmx_key, free); }

static int names_match_ex(const rasd_models *m, const char *a, size_t alen, const char *b, size_t blen, int flags);

int rasd__names_match_ex(const rasd_models *m, const char *a, size_t alen, const char *b, size_t blen, int flags) {
  uint64_t gen = m && m->gaz ? rasd__gaz_gen(m->gaz) : 0;
  if (!a || !b || !gen || alen >= NMX_STR || blen >= NMX_STR || flags < 0 || flags > 127)
    return names_match_ex(m, a, alen, b, blen, flags);
  if (!nmx_tab) {
    pthread_once(&nmx_once, nmx_key_init);
    if (!(nmx_tab = calloc((size_t)1 << NMX_BITS, sizeof *nmx_tab))) return names_match_ex(m, a, alen, b, blen, flags);
    (void)pthread_setspecific(nmx_key, nmx_tab);
  }
  uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)flags;
  for (size_t i = 0; i < alen; i++) h = (h ^ (unsigned char)a[i]) * 0x100000001b3ull;
  h = (h ^ 0xff) * 0x100000001b3ull; /* a separator: (ab, c) is not (a, bc) */
  for (size_t i = 0; i < blen; i++) h = (h ^ (unsigned char)b[i]) * 0x100000001b3ull;
  nmx_ent *e = &nmx_tab[(h ^ (h >> 29)) & (((size_t)1 << NMX_BITS) - 1)];
  if (e->gen == gen && e->h == h && e->flags == flags && e->la == alen && e->lb == blen && !memcmp(e->a, a, alen) &&
      !memcmp(e->b, b, blen))
    return e->v;
  int v = names_match_ex(m, a, alen, b, blen, flags);
  e->gen = gen, e->h = h, e->flags = (int8_t)flags, e->la = (uint8_t)alen, e->lb = (uint8_t)blen, e->v = (int8_t)v;
  memcpy(e->a, a, alen);
  memcpy(e->b, b, blen);
  return v;
}

static int names_match_ex(const rasd_models *m, const char *a, size_t alen, const char *b, size_t blen, int flags) {
  if (!a || !b) return 0;
  rasd__name x, y;
  rasd__name_parse(a, alen, &x);
  rasd__name_parse(b, blen, &y);
  if (!x.n || !y.n) return 0;
  int gz = m && m->gaz && !(flags & RASD__NM_NOGAZ);
  int64_t ga = gz ? rasd__name_gaz_exact(m, a, alen) : -1, gb = gz ? rasd__name_gaz_exact(m, b, blen) : -1;
  int ev = gz ? gaz_english_verdict(m->gaz, a, alen, ga, b, blen, gb) : 0;
  if (ev) return ev > 0;
  return rasd__names_match_parsed(m, &x, ga, &y, gb, flags);
}

int rasd_names_match(const rasd_models *m, const char *a, size_t alen, const char *b, size_t blen) {
  return rasd__names_match_ex(m, a, alen, b, blen, 0);
}

/* ---- English forms ---- */

/* Splits 's' into words as written (separators as in rasd__name_cp); returns the count. */
static int split_words(const char *s, size_t len, size_t *ws, size_t *we, int max) {
  int n = 0;
  size_t i = 0, start = 0;
  int in = 0;
  while (i < len) {
    size_t at = i;
    int32_t c = rasd__name_cp(rasd__utf8_next(s, len, &i));
    if (c < 0) {
      if (in && n < max) { ws[n] = start; we[n] = at; n++; }
      in = 0;
    } else if (c > 0 && !in) { in = 1; start = at; }
  }
  if (in && n < max) { ws[n] = start; we[n] = len; n++; }
  return n;
}

static void capitalise(char *s) {
  int start = 1;
  for (; *s; s++) {
    if (start && *s >= 'a' && *s <= 'z') *s = (char)(*s - 32);
    start = (*s == ' ' || *s == '-');
  }
}

/* 1 when gazetteer entry 'i' has exactly the letters of 's' once titles, descriptors and ال are set aside
 * (مكة المكرمة = منطقة مكة المكرمة). */
static int same_letters(const rasd__gaz *g, uint32_t i, const char *s, size_t len) {
  char ar[1024];
  size_t al = rasd__gaz_arabic(g, i, ar, sizeof ar);
  rasd__name x, y;
  if (!al || rasd__name_parse(s, len, &x) != rasd__name_parse(ar, al, &y) || !x.n) return 0;
  for (int t = 0; t < x.n; t++)
    if (x.tok[t].n != y.tok[t].n || memcmp(x.tok[t].sym, y.tok[t].sym, x.tok[t].n)) return 0;
  return 1;
}

/* 1 when 's' is a short word of other letters than the well-known entry 'i' (short_other_word()): صعدة is not a
 * spelling of السعودية, nor سراي of سوريا, so neither has its English form; nor is the entry with an article it
 * does not have (article_added(): القطر is not قطر, المالي not مالي). */
static int short_other_entry(const rasd__gaz *g, uint32_t i, const char *s, size_t len) {
  char ar[1024];
  size_t al = rasd__gaz_arabic(g, i, ar, sizeof ar);
  rasd__name x, y;
  if (!al || !rasd__name_parse(ar, al, &x) || !rasd__name_parse(s, len, &y)) return 0;
  return short_other_word(&x, &y) || article_added(&x, &y);
}

/* Per-thread memo of rasd_name_english(): one entity's canonical form comes back in article after article, and a
 * run's entities are many (64k slots, ~9.4 MB per thread; with 16k, 14k of the 77k misses over 29k articles were
 * names seen before). */
#define EN_MEMO_BITS 16
#define EN_MEMO_STR 62
typedef struct en_memo {
  uint64_t gen, h;
  uint8_t len, type, translit, en_len;
  char s[EN_MEMO_STR];
  char en[EN_MEMO_STR];
} en_memo;
static _Thread_local en_memo *en_memo_tab; /* allocated on first use, freed when the thread ends */
static pthread_key_t en_memo_key;
static pthread_once_t en_memo_once = PTHREAD_ONCE_INIT;
static void en_memo_key_init(void) { (void)pthread_key_create(&en_memo_key, free); }
static en_memo *en_memo_table(void) {
  if (!en_memo_tab) {
    pthread_once(&en_memo_once, en_memo_key_init);
    en_memo_tab = calloc(1u << EN_MEMO_BITS, sizeof *en_memo_tab);
    if (en_memo_tab) (void)pthread_setspecific(en_memo_key, en_memo_tab);
  }
  return en_memo_tab;
}

static char *name_english(const rasd_models *m, const char *s, size_t len, int type, int *translit);

char *rasd_name_english(const rasd_models *m, const char *s, size_t len, int type, int *translit) {
  uint64_t gen = m ? rasd__gaz_gen(m->gaz) : 0;
  en_memo *tab = gen ? en_memo_table() : NULL;
  if (!s || !tab || len >= EN_MEMO_STR || type < 0 || type > 255) return name_english(m, s, len, type, translit);
  uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)type;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
  en_memo *e = &tab[h & ((1u << EN_MEMO_BITS) - 1)];
  if (e->gen == gen && e->h == h && e->len == len && e->type == type && !memcmp(e->s, s, len)) {
    if (translit) *translit = e->translit;
    return rasd__strndup(e->en, e->en_len);
  }
  int tr = 0;
  char *en = name_english(m, s, len, type, &tr);
  if (translit) *translit = tr;
  size_t el = en ? strlen(en) : 0;
  if (en && el < EN_MEMO_STR) {
    e->gen = gen;
    e->h = h;
    e->len = (uint8_t)len;
    e->type = (uint8_t)type;
    e->translit = (uint8_t)tr;
    e->en_len = (uint8_t)el;
    memcpy(e->s, s, len);
    memcpy(e->en, en, el);
  }
  return en;
}

/* ---- English forms of organisations composed from their parts (وزارة الصحة → Ministry of Health) ---- */

/* Head nouns of organisation names: English, and whether the rest follows with "of" (Ministry of Health)
 * or precedes (Justice Party, King Abdulaziz University). Normalised spelling (أ/إ/آ→ا, ة→ه, ى→ي). */
static const struct org_head { const char *ar, *en; int of; } ORG_HEADS[] = {
  {"وزاره", "Ministry", 1}, {"بنك", "Bank", 1}, {"مصرف", "Bank", 1}, {"جامعه", "University", 0},
  {"منظمه", "Organisation", 0}, {"مجلس", "Council", 0}, {"حزب", "Party", 0}, {"معهد", "Institute", 0},
  {"مركز", "Center", 0}, {"هيئه", "Authority", 0}, {"اتحاد", "Union", 0}, {"لجنه", "Committee", 0},
  {"شركه", "Company", 0}, {"محكمه", "Court", 0}, {"مستشفي", "Hospital", 0}, {"صندوق", "Fund", 0},
  {"كليه", "College", 0}, {"اكاديميه", "Academy", 0}, {"مؤسسه", "Foundation", 0}, {"جمعيه", "Society", 0},
  {"نادي", "Club", 0}, {"وكاله", "Agency", 0}, {"برلمان", "Parliament", 0}, {"محافظه", "Governorate", 1},
  {"مطار", "Airport", 0}, {"مدينه", "City", 0}, {"مجمع", "Complex", 0}, {"جائزه", "Prize", 0}, {"مكتبه", "Library", 0},
  {"طريق", "Road", 0}, {"شارع", "Street", 0}, {"ميناء", "Port", 0}, {"ملعب", "Stadium", 0}, {"استاد", "Stadium", 0},
  {"قاعده", "Base", 0}, {"مسجد", "Mosque", 0}, {"جامع", "Mosque", 0}, {"مدرسه", "School", 0}, {"داره", "Foundation", 0},
  {"برنامج", "Program", 0}, {"كرسي", "Chair", 0}, {"جسر", "Bridge", 0}, {"قصر", "Palace", 0}, {"حي", "District", 0},
  {"ميدان", "Square", 0}, {"شرطه", "Police", 0}, {"امانه", "Municipality", 0}, {"بلديه", "Municipality", 0},
  {"مرور", "Traffic Department", 0}, {"تعليم", "Education Department", 0}, {"صحه", "Health Affairs", 0},
  {"جوازات", "Passports Department", 0}, {"اماره", "Emirate", 0}, {"غرفه", "Chamber of Commerce", 0},
  {"اداره", "Directorate", 0}, {"مديريه", "Directorate", 0}, {"مكتب", "Office", 0}, {"جهاز", "Service", 0},
  {"سلطه", "Authority", 0}, {"جيش", "Army", 0}, {"قوات", "Forces", 0}, {"سفاره", "Embassy", 0},
  {"قنصليه", "Consulate", 0},
  {NULL, NULL, 0}};

/* Words of organisation names: nouns (0); adjectives (1) come before the noun they follow; adjectives of
 * nationality (2) before the head (وزارة الخارجية السعودية: Saudi Ministry of Foreign Affairs). */
static const struct org_word { const char *ar, *en; int adj; } ORG_WORDS[] = {
  {"الصحه", "Health", 0}, {"الماليه", "Finance", 0}, {"الخارجيه", "Foreign Affairs", 0}, {"الداخليه", "Interior", 0},
  {"الدفاع", "Defence", 0}, {"التعليم", "Education", 0}, {"التربيه", "Education", 0}, {"العدل", "Justice", 0},
  {"العداله", "Justice", 0}, {"الاقتصاد", "Economy", 0}, {"الطاقه", "Energy", 0}, {"التجاره", "Commerce", 0},
  {"الاعلام", "Information", 0}, {"العمل", "Labour", 0}, {"الزراعه", "Agriculture", 0}, {"النقل", "Transport", 0},
  {"الثقافه", "Culture", 0}, {"السياحه", "Tourism", 0}, {"الاسكان", "Housing", 0}, {"البيئه", "Environment", 0},
  {"الاتصالات", "Communications", 0}, {"الصناعه", "Industry", 0}, {"الرياضه", "Sport", 0}, {"الشوري", "Shura", 0},
  {"الامن", "Security", 0}, {"التنميه", "Development", 0}, {"الاستثمار", "Investment", 0}, {"الارصاد", "Meteorology", 0},
  {"النفط", "Oil", 0}, {"التعاون", "Cooperation", 0}, {"الشباب", "Youth", 0}, {"الحج", "Hajj", 0},
  {"الاداره", "Administration", 0}, {"الكره", "Football", 0}, {"القدم", "Football", 0}, {"الشؤون", "Affairs", 0},
  {"الملك", "King", 0}, {"الامير", "Prince", 0}, {"الامام", "Imam", 0}, {"الدول", "States", 0}, {"حقوق", "Rights", 0},
  {"الانسان", "Human", 1}, {"الاحصاء", "Statistics", 0}, {"المياه", "Water", 0}, {"الكهرباء", "Electricity", 0},
  {"المسلحه", "Armed", 1}, {"الجويه", "Air", 1}, {"البحريه", "Naval", 1}, {"البريه", "Land", 1}, {"الحر", "Free", 1},
  {"الاوروبي", "European", 2}, {"الاوروبيه", "European", 2}, {"الامريكي", "American", 2}, {"الامريكيه", "American", 2},
  {"الاميركي", "American", 2}, {"الاميركيه", "American", 2}, {"الدولي", "International", 1}, {"الدوليه", "International", 1},
  {"الوطني", "National", 1}, {"الوطنيه", "National", 1}, {"العربي", "Arab", 2}, {"العربيه", "Arab", 2},
  {"السعودي", "Saudi", 2}, {"السعوديه", "Saudi", 2}, {"الاسلامي", "Islamic", 1}, {"الاسلاميه", "Islamic", 1},
  {"المركزي", "Central", 1}, {"المركزيه", "Central", 1}, {"الكوري", "Korean", 2}, {"الكوريه", "Korean", 2},
  {"الخليجي", "Gulf", 2}, {"الاتحادي", "Federal", 1}, {"الاتحاديه", "Federal", 1}, {"العالمي", "World", 1},
  {"العالميه", "World", 1}, {"الاعلي", "Supreme", 1}, {"العام", "General", 1}, {"العامه", "General", 1},
  {"المشترك", "Joint", 1}, {"المشتركه", "Joint", 1}, {"الروسي", "Russian", 2}, {"الروسيه", "Russian", 2},
  {"الصيني", "Chinese", 2}, {"الصينيه", "Chinese", 2}, {"الايراني", "Iranian", 2}, {"الايرانيه", "Iranian", 2},
  {"البريطاني", "British", 2}, {"البريطانيه", "British", 2}, {"الفرنسي", "French", 2}, {"الفرنسيه", "French", 2},
  {"الالماني", "German", 2}, {"الالمانيه", "German", 2}, {"التركي", "Turkish", 2}, {"التركيه", "Turkish", 2},
  {"المصري", "Egyptian", 2}, {"المصريه", "Egyptian", 2}, {"الاماراتي", "Emirati", 2}, {"الاماراتيه", "Emirati", 2},
  {"الياباني", "Japanese", 2}, {"اليابانيه", "Japanese", 2}, {"الهندي", "Indian", 2}, {"الهنديه", "Indian", 2},
  {"الاسرائيلي", "Israeli", 2}, {"الاسرائيليه", "Israeli", 2}, {"الفلسطيني", "Palestinian", 2},
  {"الفلسطينيه", "Palestinian", 2}, {"الاردني", "Jordanian", 2}, {"الاردنيه", "Jordanian", 2},
  {"الكويتي", "Kuwaiti", 2}, {"الكويتيه", "Kuwaiti", 2}, {"القطري", "Qatari", 2}, {"القطريه", "Qatari", 2},
  {"العراقي", "Iraqi", 2}, {"العراقيه", "Iraqi", 2}, {"السوري", "Syrian", 2}, {"السوريه", "Syrian", 2},
  {"اللبناني", "Lebanese", 2}, {"اللبنانيه", "Lebanese", 2}, {"اليمني", "Yemeni", 2}, {"اليمنيه", "Yemeni", 2},
  {"الباكستاني", "Pakistani", 2}, {"الافريقي", "African", 2}, {"الافريقيه", "African", 2}, {"الاسيوي", "Asian", 2},
  {"الجيولوجي", "Geological", 1}, {"المدني", "Civil", 1}, {"المدنيه", "Civil", 1}, {"الملكي", "Royal", 1},
  {"الملكيه", "Royal", 1}, {"التجاري", "Commercial", 1}, {"التجاريه", "Commercial", 1},
  {"الاولمبي", "Olympic", 1}, {"الاولمبيه", "Olympic", 1}, {"البارالمبيه", "Paralympic", 1}, {"العمال", "Workers'", 0},
  {"الشيوعي", "Communist", 1}, {"الديمقراطي", "Democratic", 1}, {"العلوم", "Science", 0}, {"التقنيه", "Technology", 0},
  {"البترول", "Petroleum", 0}, {"المعادن", "Minerals", 0}, {"الابحاث", "Research", 0}, {"البحوث", "Research", 0},
  {"الدراسات", "Studies", 0}, {"التخصصي", "Specialist", 1}, {"التخصصيه", "Specialist", 1}, {"الطبي", "Medical", 1},
  {"الطبيه", "Medical", 1}, {"العسكري", "Military", 1}, {"العسكريه", "Military", 1}, {"الخيري", "Charitable", 1},
  {"الخيريه", "Charitable", 1}, {"الجامعي", "University", 1}, {"الجامعيه", "University", 1}, {"الاغاثه", "Relief", 0},
  {"الاعمال", "Works", 0}, {"الانسانيه", "Humanitarian", 1}, {"الانساني", "Humanitarian", 1}, {"الحوار", "Dialogue", 0},
  {"الاسعافات", "First Aid", 0}, {"الثقافي", "Cultural", 1}, {"الثقافيه", "Cultural", 1}, {"الحضاري", "Cultural", 1},
  {"الرياضيه", "Sports", 1}, {"الرياضي", "Sports", 1}, {"الدائري", "Ring", 1}, {"الخدمات", "Services", 0},
  {"الموهبه", "Giftedness", 0}, {"الشيخ", "Sheikh", 0}, {"الفنون", "Arts", 0}, {"الاطفال", "Children", 0},
  {"التاريخي", "Historical", 1}, {"الاغاثي", "Relief", 1}, {"المالي", "Financial", 1}, {"الاقتصاديه", "Economic", 1}, {"الابداع", "Creativity", 0}, {"القران", "Quran", 0}, {"الكريم", "Holy", 1},
  {"الجمهوري", "Republican", 1}, {"الاشتراكي", "Socialist", 1}, {"الكردستاني", "Kurdistan", 1},
  {"الكردي", "Kurdish", 2}, {"الكرديه", "Kurdish", 2}, {"الاسباني", "Spanish", 2}, {"الاسبانيه", "Spanish", 2},
  {"الايطالي", "Italian", 2}, {"الايطاليه", "Italian", 2}, {"اليوناني", "Greek", 2},
  {"اليونانيه", "Greek", 2}, {"الليبي", "Libyan", 2}, {"الليبيه", "Libyan", 2}, {"التونسي", "Tunisian", 2},
  {"التونسيه", "Tunisian", 2}, {"المغربي", "Moroccan", 2}, {"المغربيه", "Moroccan", 2}, {"الجزائري", "Algerian", 2},
  {"الجزائريه", "Algerian", 2}, {"السوداني", "Sudanese", 2}, {"السودانيه", "Sudanese", 2}, {"البحريني", "Bahraini", 2},
  {"البحرينيه", "Bahraini", 2}, {"العماني", "Omani", 2}, {"العمانيه", "Omani", 2}, {"الافغاني", "Afghan", 2},
  {"الافغانيه", "Afghan", 2}, {"الباكستانيه", "Pakistani", 2},
  /* ministries' portfolios (entities.c ministries()) */
  {"الدعوه", "Dawah", 0}, {"الارشاد", "Guidance", 0}, {"البلديه", "Municipal", 1}, {"القرويه", "Rural", 1},
  {"الاجتماعيه", "Social", 1}, {"العمره", "Umrah", 0}, {"التخطيط", "Planning", 0}, {"الخدمه", "Service", 0},
  {"الثروه", "Resources", 0}, {"المعدنيه", "Mineral", 1}, {"الموارد", "Resources", 0}, {"البشريه", "Human", 1},
  {"الاوقاف", "Endowments", 0}, {"تقنيه", "Technology", 0}, {"المعلومات", "Information", 1}, {"الشئون", "Affairs", 0},
  {"الاسره", "Family", 0}, {"التضامن", "Solidarity", 0}, {"المراه", "Women", 0}, {"الهجره", "Migration", 0},
  {"المواصلات", "Transport", 0}, {"الطيران", "Aviation", 0}, {"البحث", "Research", 0}, {"العلمي", "Scientific", 1},
  {"العالي", "Higher", 1}, {"الدينيه", "Religious", 1}, {"الاثار", "Antiquities", 0}, {"التموين", "Supply", 0},
  {"الري", "Irrigation", 0}, {"الحرس", "Guard", 0}, {"التدريب", "Training", 0}, {"التقني", "Technical", 1},
  {"المهني", "Vocational", 1}, {"الجوازات", "Passports", 0}, {"السجون", "Prisons", 0}, {"الغذاء", "Food", 0},
  {"الدواء", "Drug", 0}, {"الانتخابات", "Elections", 0}, {"الصحيه", "Health", 1}, {"القياس", "Measurement", 0},
  {"التقويم", "Evaluation", 0}, {"المواصفات", "Standards", 0}, {"المقاييس", "Metrology", 0}, {"الجوده", "Quality", 0},
  {"الحياه", "Life", 0}, {"الفطريه", "Wild", 1}, {"المدن", "Cities", 0}, {"الصناعيه", "Industrial", 1},
  {"العلاقات", "Relations", 0}, {"الاعلاميه", "Media", 1}, {"التامينات", "Insurance", 0}, {"المحامين", "Lawyers", 0},
  {"المهندسين", "Engineers", 0}, {"المحاسبين", "Accountants", 0}, {"القانونيين", "Certified", 1}, {"الزكاه", "Zakat", 0},
  {"الدخل", "Income", 0}, {"الجمارك", "Customs", 0}, {"المساحه", "Survey", 0}, {"الجيولوجيه", "Geological", 1},
  {"الفساد", "Corruption", 0}, {"النزاهه", "Integrity", 0}, {"التحقيق", "Investigation", 0}, {"الادعاء", "Prosecution", 0},
  {"الهلال", "Crescent", 0}, {"الاحمر", "Red", 1}, {"القضاء", "Judiciary", 0}, {"الافتاء", "Fatwa", 0},
  {"المالحه", "Saline", 1}, {"التحليه", "Desalination", 0}, {"التراث", "Heritage", 0}, {"المعارض", "Exhibitions", 0},
  {"المؤتمرات", "Conferences", 0}, {"الحرف", "Crafts", 0}, {"الصناعات", "Industries", 0}, {"اليدويه", "Handicraft", 1},
  {"التخصصات", "Specialties", 0}, {"المجاهدين", "Mujahideen", 0}, {"الاشراف", "Supervision", 0}, {"النسوي", "Women's", 1},
  {"الفني", "Technical", 1}, {"التقاعد", "Retirement", 0}, {"المشاريع", "Projects", 0}, {"الحدائق", "Parks", 0},
  {"العمليات", "Operations", 0}, {"الخاصه", "Special", 1}, {"التوعيه", "Awareness", 0}, {"المساجد", "Mosques", 0},
  {"الحوادث", "Accidents", 0}, {"الكوارث", "Disasters", 0}, {"السينما", "Cinema", 0}, {"الاسواق", "Markets", 0},
  {"الطرق", "Roads", 0}, {"التراخيص", "Licences", 0}, {"المسؤوليه", "Responsibility", 0}, {"الرقابه", "Oversight", 0},
  {"الطب", "Medicine", 0}, {"البديل", "Alternative", 1}, {"التكميلي", "Complementary", 1}, {"المنشات", "Facilities", 0},
  {"الشحن", "Shipping", 0}, {"الاتصال", "Communication", 0}, {"السلام", "Peace", 0}, {"الاداب", "Letters", 0},
  {"المقاومه", "Resistance", 0}, {"الارهاب", "Terrorism", 0}, {"المخدرات", "Narcotics", 0}, {"المكافحه", "Combating", 0},
  {"الرعايه", "Care", 0}, {"السجناء", "Prisoners", 0}, {"الاعتماد", "Accreditation", 0}, {"الصحي", "Health", 1},
  {"الانباء", "News", 0}, {"التحقيقات", "Investigations", 0}, {"المخابرات", "Intelligence", 0},
  {"الاستخبارات", "Intelligence", 0}, {"الضرائب", "Tax", 0}, {"الغابات", "Forest", 0}, {"الضمان", "Security", 0},
  {"البث", "Broadcasting", 0}, {"الحكوميه", "Government", 1}, {"الاحتلال", "Occupation", 0}, {"الحمله", "Campaign", 0},
  {"الداخلي", "Internal", 1}, {"القومي", "National", 1}, {"الفيدرالي", "Federal", 1}, {"الفيدراليه", "Federal", 1},
  {"النوويه", "Nuclear", 1}, {"الاجتماعي", "Social", 1}, {"الجيولوجيه", "Geological", 1}, {"المسح", "Survey", 0},
  {NULL, NULL, 0}};

static size_t org_norm(const char *w, size_t len, char *out, size_t cap);

/* rasd__head_in_name(): a body's head (وكالة، هيئة، مكتب، جهاز، سلطة) stays in the name before a word with ال or أنباء. */
int rasd__head_in_name(const char *w, size_t wl, const char *next, size_t nl) {
  static const char *const HEADS[] = {"وكاله", "هيئه", "مكتب", "جهاز", "سلطه", NULL};
  char h[64], x[64];
  if (!org_norm(w, wl, h, sizeof h) || !next) return 0;
  int head = 0;
  for (int k = 0; HEADS[k] && !head; k++) head = !strcmp(h, HEADS[k]);
  if (!head) return 0;
  size_t xl = org_norm(next, nl, x, sizeof x);
  return (xl > 6 && !memcmp(x, "ال", 4)) || (xl && !strcmp(x, "انباء"));
}

/* rasd__org_word_class(): the kind of word 'w' of ORG_WORDS (0 noun, 1 adjective, 2 adjective of nationality). */
int rasd__org_word_class(const char *w, size_t len) {
  char x[256];
  if (!org_norm(w, len, x, sizeof x)) return -1;
  for (int k = 0; ORG_WORDS[k].ar; k++)
    if (!strcmp(x, ORG_WORDS[k].ar)) return ORG_WORDS[k].adj;
  return -1;
}

/* The adjectives of nationality of ORG_WORDS by their spelling (open addressing), each with its nat_of() id. */
#define NAT_SLOTS 512
static struct { const char *ar; uint8_t id; } nat_tab[NAT_SLOTS];
static pthread_once_t nat_once = PTHREAD_ONCE_INIT;
static void nat_init(void) {
  for (int k = 0; ORG_WORDS[k].ar; k++) {
    if (ORG_WORDS[k].adj != 2) continue;
    int id = k + 1;
    for (int j = 0; j < k; j++)
      if (ORG_WORDS[j].adj == 2 && !strcmp(ORG_WORDS[j].en, ORG_WORDS[k].en)) { id = j + 1; break; }
    uint64_t h = rasd__hash8(ORG_WORDS[k].ar, strlen(ORG_WORDS[k].ar), 0x4e4154);
    unsigned q = (unsigned)h & (NAT_SLOTS - 1);
    while (nat_tab[q].ar) q = (q + 1) & (NAT_SLOTS - 1);
    nat_tab[q].ar = ORG_WORDS[k].ar;
    nat_tab[q].id = (uint8_t)(id > 255 ? 255 : id);
  }
}

/* The nationality of the word of code points 'cp' (n, as name_parse() reads them): 1 + the index of the first
 * ORG_WORDS adjective of nationality with the word's English (الروسي and الروسية are one), 0 for other words. Only
 * words with ال ending in ي or يه/ية are looked up. */
static uint8_t nat_of(const int32_t *cp, int n) {
  if (n < 5 || n > 20 || cp[0] != 0x0627 || cp[1] != 0x0644) return 0;
  int32_t last = cp[n - 1];
  if (!(last == 0x064A || ((last == 0x0629 || last == 0x0647) && cp[n - 2] == 0x064A))) return 0;
  char raw[96], x[96];
  size_t r = 0;
  for (int i = 0; i < n; i++) {
    if (cp[i] < 0x80 || r + 4 >= sizeof raw) return 0;
    r += (size_t)rasd__utf8_put(raw + r, cp[i]);
  }
  size_t o = org_norm(raw, r, x, sizeof x); /* the tables' spelling */
  if (!o) return 0;
  pthread_once(&nat_once, nat_init);
  uint64_t h = rasd__hash8(x, o, 0x4e4154);
  for (unsigned k = (unsigned)h & (NAT_SLOTS - 1);; k = (k + 1) & (NAT_SLOTS - 1)) {
    if (!nat_tab[k].ar) return 0;
    if (!strcmp(nat_tab[k].ar, x)) return nat_tab[k].id;
  }
}

/* 1 when names 'x' and 'y' each have an adjective of nationality and share none: وزارة الدفاع العراقية is not وزارة
 * الدفاع الأميركية however close the letters (a typo allowance would take them for one), مجلس الأمن الروسي not مجلس
 * الأمن الأمريكي. */
static int nationality_clash(const rasd__name *x, const rasd__name *y) {
  int nx = 0, ny = 0;
  for (int t = 0; t < x->n; t++) nx += x->tok[t].nat != 0;
  for (int t = 0; t < y->n; t++) ny += y->tok[t].nat != 0;
  if (!nx || !ny) return 0;
  for (int t = 0; t < x->n; t++)
    for (int u = 0; x->tok[t].nat && u < y->n; u++)
      if (x->tok[t].nat == y->tok[u].nat) return 0;
  return 1;
}

/* Normalises word 'w' ('len' bytes) as the tables above are written; returns its length (0: too long). */
static size_t org_norm(const char *w, size_t len, char *out, size_t cap) {
  size_t i = 0, o = 0;
  while (i < len) {
    int32_t c = rasd__name_cp(next_cp(w, len, &i));
    if (c <= 0) continue;
    if (c == 0x0629) c = 0x0647;
    if (c == 0x0649) c = 0x064A;
    if (c == 0x0623 || c == 0x0625 || c == 0x0622) c = 0x0627;
    if (o + 4 >= cap) return 0;
    o += (size_t)rasd__utf8_put(out + o, c);
  }
  out[o] = 0;
  return o;
}

/* The English of a ministry's name from its portfolio words 'ws'/'we' [w0 + 1, nw) of 's' (the head وزارة at w0): the
 * portfolios (a noun and its adjectives: الشؤون الإسلامية, Islamic Affairs; adjectives joined by و go on the same noun:
 * الشؤون البلدية والقروية, Municipal and Rural Affairs), listed with commas and "and", the same English once (التربية
 * والتعليم: Education), a country's adjective in front (وزارة الداخلية التونسية: Tunisian Ministry of Interior; the
 * United States' ministries are departments: US Department of Justice). NULL when a word is not in the tables. Caller
 * frees. */
static char *ministry_english(const char *s, const size_t *ws, const size_t *we, int w0, int nw) {
  const char *nat = NULL;
  /* portfolios: a noun's English and up to four adjectives' */
  struct { const char *noun, *adj[4]; int nadj, adj_and; } pf[8];
  int np = 0;
  for (int w = w0 + 1; w < nw; w++) {
    char x[256];
    size_t xl = org_norm(s + ws[w], we[w] - ws[w], x, sizeof x);
    if (!xl) return NULL;
    int conj = xl > 4 && !strncmp(x, "و", 2) && w > w0 + 1;
    const char *xs = x;
    int k = -1;
    for (int j = 0; ORG_WORDS[j].ar; j++)
      if (!strcmp(xs, ORG_WORDS[j].ar)) { k = j; break; }
    if (k < 0 && conj)
      for (int j = 0; ORG_WORDS[j].ar; j++)
        if (!strcmp(x + 2, ORG_WORDS[j].ar)) { k = j; break; }
    if (k < 0) return NULL;
    if (ORG_WORDS[k].adj == 2) {
      if (w != nw - 1 || nat) return NULL;
      nat = ORG_WORDS[k].en;
      continue;
    }
    int was_conj = conj && strcmp(xs, ORG_WORDS[k].ar) != 0;
    if (ORG_WORDS[k].adj == 1) { /* an adjective of the portfolio before (و: another of them) */
      if (!np || pf[np - 1].nadj == 4) return NULL;
      pf[np - 1].adj[pf[np - 1].nadj++] = ORG_WORDS[k].en;
      if (was_conj) pf[np - 1].adj_and = 1;
      continue;
    }
    /* a noun: الشؤون الخارجية is Foreign Affairs, الشؤون الداخلية Internal Affairs */
    if (np && !was_conj && !pf[np - 1].nadj && !strcmp(pf[np - 1].noun, "Affairs")) {
      if (!strcmp(ORG_WORDS[k].en, "Foreign Affairs")) { pf[np - 1].noun = "Foreign Affairs"; continue; }
      if (!strcmp(ORG_WORDS[k].en, "Interior")) { pf[np - 1].noun = "Internal Affairs"; continue; }
    }
    if (np == 8) return NULL;
    pf[np].noun = ORG_WORDS[k].en;
    pf[np].nadj = pf[np].adj_and = 0;
    np++;
  }
  if (!np) return NULL;
  int us = nat && !strcmp(nat, "American");
  /* the United States' names of their own */
  if (us && np == 1 && !pf[0].nadj && !strcmp(pf[0].noun, "Foreign Affairs")) return rasd__strdup0("US State Department");
  if (us && np == 1 && !pf[0].nadj && !strcmp(pf[0].noun, "Defence")) return rasd__strdup0("US Department of Defense");
  if (us && np == 1 && !pf[0].nadj && !strcmp(pf[0].noun, "Finance")) return rasd__strdup0("US Treasury");
  rasd__buf b;
  rasd__buf_init(&b);
  if (nat) { rasd__buf_adds(&b, us ? "US" : nat); rasd__buf_addc(&b, ' '); }
  rasd__buf_adds(&b, us ? "Department of " : "Ministry of ");
  /* a portfolio whose English an earlier one has already (التربية والتعليم: Education) is left out */
  int keep[8], nkeep = 0, written = 0;
  for (int q = 0; q < np; q++) {
    keep[q] = 1;
    for (int r = 0; r < q && keep[q]; r++) keep[q] = pf[r].nadj || pf[q].nadj || strcmp(pf[r].noun, pf[q].noun);
    nkeep += keep[q];
  }
  for (int q = 0; q < np; q++) {
    if (!keep[q]) continue;
    if (written) rasd__buf_adds(&b, written + 1 == nkeep ? " and " : ", ");
    for (int a = 0; a < pf[q].nadj; a++) {
      rasd__buf_adds(&b, pf[q].adj[a]);
      rasd__buf_adds(&b, a + 1 < pf[q].nadj ? (pf[q].adj_and && a + 2 == pf[q].nadj ? " and " : ", ") : " ");
    }
    rasd__buf_adds(&b, pf[q].noun);
    written++;
  }
  if (b.oom) { rasd__buf_free(&b); return NULL; }
  return rasd__buf_detach(&b);
}

/* The English form of organisation name 's' composed from a head noun and words the tables or the gazetteer
 * know (وزارة الصحة → Ministry of Health, البنك المركزي الأوروبي → European Central Bank, المركز الوطني
 * للأرصاد → National Center for Meteorology); NULL when a word is unknown. Caller frees. */
static char *org_english(const rasd__gaz *g, const char *s, const size_t *ws, const size_t *we, int w0, int nw) {
  if (nw - w0 < 2 || nw - w0 > 8) return NULL;
  char n[256];
  size_t nl = org_norm(s + ws[w0], we[w0] - ws[w0], n, sizeof n);
  const char *hn = n;
  if (nl > 4 && !strncmp(n, "ال", 4)) hn = n + 4;
  const struct org_head *head = NULL;
  for (int k = 0; ORG_HEADS[k].ar; k++)
    if (!strcmp(hn, ORG_HEADS[k].ar)) { head = &ORG_HEADS[k]; break; }
  /* a clitic on the head (بجائزة، لمطار) */
  if (!head && hn == n && nl > 6 && (!strncmp(n, "ب", 2) || !strncmp(n, "ل", 2) || !strncmp(n, "و", 2) || !strncmp(n, "ف", 2)))
    for (int k = 0; ORG_HEADS[k].ar; k++)
      if (!strcmp(n + 2, ORG_HEADS[k].ar)) { head = &ORG_HEADS[k]; break; }
  if (!head) return NULL;
  if (head->of && !strcmp(head->ar, "وزاره")) {
    char *m = ministry_english(s, ws, we, w0, nw);
    if (m) return m;
  }
  /* the words after the head: head adjectives, then noun phrases (a noun and the adjectives after it),
   * then "for X" (لِـ) and "and X" (وَ) */
  rasd__buf pre, nouns, tail;
  rasd__buf_init(&pre);
  rasd__buf_init(&nouns);
  rasd__buf_init(&tail);
  const char *adj_stack[8], *head_adj[8], *nat_adj[8], *post_adj[8];
  int nadj = 0, nhead = 0, nnat = 0, npost = 0, in_noun = 0, np_name = 0, ok = 1, mode = 0; /* mode 0: nouns, 1: after "for", 2: after "and" */
  const char *np_noun = NULL;
  /* a noun phrase is written out when the next noun or the end comes: its adjectives (last first), then the noun */
#define FLUSH_NP()                                                                         \
  do {                                                                                     \
    if (np_noun) {                                                                         \
      rasd__buf *dst = mode ? &tail : &nouns;                                              \
      if (dst->len && dst->s[dst->len - 1] != ' ') rasd__buf_addc(dst, ' ');               \
      for (int q = nadj - 1; q >= 0; q--) { rasd__buf_adds(dst, adj_stack[q]); rasd__buf_addc(dst, ' '); } \
      rasd__buf_adds(dst, np_noun);                                                        \
      np_noun = NULL;                                                                      \
      nadj = 0;                                                                            \
    }                                                                                      \
  } while (0)
  const char *prev_en = NULL; /* the English of the word before */
  char binbuf[4][160];        /* names with بن composed (Prince Saud bin Jalawi) */
  int nbin = 0;
  for (int w = w0 + 1; w < nw && ok; w++) {
    const char *ww = s + ws[w];
    size_t wl = we[w] - ws[w];
    char x[256];
    size_t xl = org_norm(ww, wl, x, sizeof x);
    if (!xl) { ok = 0; break; }
    int newmode = -1;
    const char *xs = x;
    /* لل (for the), ل, و (and) written on the word */
    char buf[260];
    if (xl > 6 && !strncmp(x, "لل", 4)) { newmode = 1; snprintf(buf, sizeof buf, "ال%s", x + 4); xs = buf; }
    else if (xl > 6 && !strncmp(x, "وال", 6)) { newmode = 2; xs = x + 2; }
    const char *en = NULL;
    int adj = 0;
    /* a place of two to four words right after the head, the rest of the name (أمانة المدينة المنورة, جوازات المنطقة
     * الشرقية): the gazetteer's English of the whole */
    if (w == w0 + 1 && g && newmode < 0 && nw - w >= 2 && nw - w <= 4) {
      const char *ps = s + ws[w];
      size_t pl = we[nw - 1] - ws[w];
      rasd__gaz_entry pe;
      int64_t pk = rasd__gaz_exact(g, ps, pl, 2, RASD_ENT_LOC);
      if (pk >= 0 && !rasd__gaz_get(g, (uint32_t)pk, &pe) && *pe.en && !(pe.flags & RASD__GF_TITLE)) {
        en = pe.en;
        w = nw - 1;
      }
    }
    for (int k = 0; !en && ORG_WORDS[k].ar; k++)
      if (!strcmp(xs, ORG_WORDS[k].ar)) { en = ORG_WORDS[k].en; adj = ORG_WORDS[k].adj; break; }
    /* كرة القدم is one word in English (Football), written as two */
    if (en && w > w0 + 1 && !strcmp(en, "Football") && prev_en && !strcmp(prev_en, "Football")) continue;
    /* ل on an indefinite noun of the tables (لكرة القدم: for football) */
    if (!en && newmode < 0 && xl > 4 && !strncmp(x, "ل", 2) && strncmp(x, "لل", 4)) {
      snprintf(buf, sizeof buf, "ال%s", x + 2);
      for (int k = 0; ORG_WORDS[k].ar; k++)
        if (!ORG_WORDS[k].adj && !strcmp(buf, ORG_WORDS[k].ar)) { en = ORG_WORDS[k].en; newmode = 1; xs = buf; break; }
    }
    /* the name after الملك، الأمير (جامعة الملك خالد): the press's English of a given name */
    int gaz_word = 0;
    if (!en && newmode < 0 && prev_en && (!strcmp(prev_en, "King") || !strcmp(prev_en, "Prince") || !strcmp(prev_en, "Imam") ||
                                          !strcmp(prev_en, "Sheikh"))) {
      int gw;
      en = rasd__given_name_en(ww, wl, w + 1 < nw ? s + ws[w + 1] : NULL, w + 1 < nw ? we[w + 1] - ws[w + 1] : 0, &gw);
      if (en) { gaz_word = 1; w += gw - 1; }
      /* and its بن links (الأمير سعود بن جلوي: Prince Saud bin Jalawi), each name a given name of the table */
      while (en && w + 2 < nw && nbin < 4) {
        char bx[16];
        size_t bl = org_norm(s + ws[w + 1], we[w + 1] - ws[w + 1], bx, sizeof bx);
        if (!(bl == 4 && !memcmp(bx, "بن", 4)) && !(bl == 6 && !memcmp(bx, "ابن", 6))) break;
        const char *fn = rasd__given_name_en(s + ws[w + 2], we[w + 2] - ws[w + 2], w + 3 < nw ? s + ws[w + 3] : NULL,
                                             w + 3 < nw ? we[w + 3] - ws[w + 3] : 0, &gw);
        if (!fn) break;
        snprintf(binbuf[nbin], sizeof binbuf[nbin], "%s bin %s", en, fn);
        en = binbuf[nbin++];
        w += 1 + gw;
      }
    }
    prev_en = en;
    rasd__gaz_entry ge;
    if (!en && g && newmode < 0 && rasd__gaz_exact(g, ww, wl, 0, RASD_ENT_NONE) >= 0) {
      int64_t k = rasd__gaz_best(g, ww, wl, RASD_ENT_LOC);
      if (k >= 0 && !rasd__gaz_get(g, (uint32_t)k, &ge) && *ge.en && !(ge.flags & RASD__GF_TITLE)) { en = ge.en; gaz_word = 1; }
    }
    if (!en) { ok = 0; break; }
    if (newmode >= 0) {
      FLUSH_NP();
      if (!in_noun && nadj) { for (int q = nadj - 1; q >= 0; q--) { if (pre.len) rasd__buf_addc(&pre, ' '); rasd__buf_adds(&pre, adj_stack[q]); } nadj = 0; }
      mode = newmode;
      rasd__buf_adds(&tail, newmode == 1 ? " for " : " and ");
      if (adj) { ok = 0; break; }
      np_noun = en;
      in_noun = 1;
      continue;
    }
    if (adj == 2 && mode == 0) { /* nationalities qualify the head, in their order (Saudi-Korean) */
      if (nnat == 8) { ok = 0; break; }
      /* العربية السعودية is one nationality: Saudi Arabian */
      if (nnat && !strcmp(en, "Saudi") && !strcmp(nat_adj[nnat - 1], "Arab")) { nat_adj[nnat - 1] = "Saudi Arabian"; continue; }
      nat_adj[nnat++] = en;
      continue;
    }
    if (adj && np_noun && np_name && mode == 0 && !head->of) {
      /* مطار الملك خالد الدولي: King Khalid International Airport (the adjective between the name and the head) */
      if (npost == 8) { ok = 0; break; }
      post_adj[npost++] = en;
      continue;
    }
    if (adj && (!np_noun || np_name) && mode == 0) {
      /* after a proper name the adjective is the head's: بنك كوريا المركزي is the Central Bank of Korea */
      if (nhead == 8) { ok = 0; break; }
      head_adj[nhead++] = en;
      continue;
    }
    if (adj) {
      if (nadj == 8) { ok = 0; break; }
      adj_stack[nadj++] = en;
      continue;
    }
    np_name = en != NULL && gaz_word;
    /* a noun: the adjectives gathered so far belong to the noun before it, or to the head */
    if (np_noun) FLUSH_NP();
    else if (nadj) {
      for (int q = nadj - 1; q >= 0; q--) { if (pre.len) rasd__buf_addc(&pre, ' '); rasd__buf_adds(&pre, adj_stack[q]); }
      nadj = 0;
    }
    np_noun = en;
    in_noun = 1;
  }
  /* a title with no name after it is a cut-off name (جامعة الملك), not an organisation we can render */
  if (ok && np_noun && (!strcmp(np_noun, "King") || !strcmp(np_noun, "Prince") || !strcmp(np_noun, "Imam") || !strcmp(np_noun, "Sheikh"))) ok = 0;
  if (ok) {
    if (np_noun) FLUSH_NP();
    else if (nadj)
      for (int q = nadj - 1; q >= 0; q--) { if (pre.len) rasd__buf_addc(&pre, ' '); rasd__buf_adds(&pre, adj_stack[q]); }
    for (int q = nhead - 1; q >= 0; q--) { if (pre.len) rasd__buf_addc(&pre, ' '); rasd__buf_adds(&pre, head_adj[q]); }
    if (nnat) {
      rasd__buf nat;
      rasd__buf_init(&nat);
      /* one country's state body: the United States' is written US (US Geological Survey, not American Geological
       * Survey Authority); its schools, hospitals and firms stay American (American University) */
      static const char *const PRIVATE[] = {"University", "School", "College", "Hospital", "Club", "Company", NULL};
      int priv = 0;
      for (int k = 0; PRIVATE[k] && !priv; k++) priv = head->en && strstr(head->en, PRIVATE[k]) != NULL;
      int us = nnat == 1 && !strcmp(nat_adj[0], "American") && !priv;
      for (int q = 0; q < nnat; q++) { if (q) rasd__buf_addc(&nat, '-'); rasd__buf_adds(&nat, us ? "US" : nat_adj[q]); }
      if (pre.len) {
        rasd__buf_addc(&nat, ' ');
        rasd__buf_add(&nat, pre.s, pre.len);
      }
      rasd__buf_free(&pre);
      pre = nat;
    }
  }
#undef FLUSH_NP
  char *out = NULL;
  if (ok && (pre.len || nouns.len)) {
    rasd__buf b;
    rasd__buf_init(&b);
    if (pre.len) { rasd__buf_add(&b, pre.s, pre.len); rasd__buf_addc(&b, ' '); }
    if (head->of) {
      rasd__buf_adds(&b, head->en);
      if (nouns.len) { rasd__buf_adds(&b, " of "); rasd__buf_add(&b, nouns.s, nouns.len); }
    } else {
      if (nouns.len) { rasd__buf_add(&b, nouns.s, nouns.len); rasd__buf_addc(&b, ' '); }
      for (int q = 0; q < npost; q++) { rasd__buf_adds(&b, post_adj[q]); rasd__buf_addc(&b, ' '); }
      rasd__buf_adds(&b, head->en);
    }
    if (tail.len) rasd__buf_add(&b, tail.s, tail.len);
    out = b.oom ? NULL : rasd__buf_detach(&b);
    if (b.oom) rasd__buf_free(&b);
  }
  rasd__buf_free(&pre);
  rasd__buf_free(&nouns);
  rasd__buf_free(&tail);
  return out;
}


/* 1 when a person's name 'q' ('ql' bytes) would take the English form of the city entry 'i' only because
 * parsing dropped the entry's descriptor word: مدينة حمد is Madinat Hamad, and حمد (a man's name) parses alike. */
static int person_place(const rasd__gaz *g, int type, int64_t i, const rasd__gaz_entry *ge, const char *q, size_t ql) {
  if (type != RASD_ENT_PER || ge->src != RASD__GSRC_CITY) return 0;
  char ar[256];
  size_t al = rasd__gaz_arabic(g, (uint32_t)i, ar, sizeof ar);
  size_t ws[RASD__NAME_MAXTOK], we[RASD__NAME_MAXTOK];
  int ne = split_words(ar, al, ws, we, RASD__NAME_MAXTOK);
  if (ne < 2 || !rasd__is_descriptor_word(ar + ws[0], we[0] - ws[0])) return 0;
  return split_words(q, ql, ws, we, RASD__NAME_MAXTOK) < ne;
}

/* The key of a word of 4 or 6 bytes for rasd__initial_letter()'s table: its bytes and its length. */
static inline uint64_t il_key(const char *w, size_t n) {
  uint32_t a;
  uint16_t b = 0;
  memcpy(&a, w, 4);
  if (n == 6) memcpy(&b, w + 4, 2);
  return a | (uint64_t)b << 32 | (uint64_t)n << 56;
}
static inline unsigned il_slot(uint64_t k) { return (unsigned)((k * 0x9E3779B97F4A7C15ull) >> 58); }

/* The letters' table in 64 slots by key (built once: the function runs on every token of every article). */
static uint64_t il_keys[64];
static char il_letter[64];
static pthread_once_t il_once = PTHREAD_ONCE_INIT;
static void il_init(void) {
  static const struct { const char *ar; char l; } L[] = {
      {"اي", 'I'}, {"ايه", 'A'}, {"بي", 'B'}, {"سي", 'C'}, {"دي", 'D'}, {"اف", 'F'}, {"جي", 'G'}, {"اتش", 'H'},
      {"جيه", 'J'}, {"كيه", 'K'}, {"كي", 'K'}, {"ال", 'L'}, {"ام", 'M'}, {"ان", 'N'}, {"او", 'O'}, {"كيو", 'Q'},
      {"ار", 'R'}, {"اس", 'S'}, {"تي", 'T'}, {"يو", 'U'}, {"في", 'V'}, {"اكس", 'X'}, {"واي", 'Y'}, {"زد", 'Z'}};
  for (size_t k = 0; k < sizeof L / sizeof L[0]; k++) {
    uint64_t key = il_key(L[k].ar, strlen(L[k].ar)); /* all of 4 or 6 bytes (two or three letters) */
    unsigned p = il_slot(key);
    while (il_keys[p]) p = (p + 1) & 63;
    il_keys[p] = key;
    il_letter[p] = L[k].l;
  }
}

/* Latin letters spelt out in Arabic (أف بي آي، سي. آي. إيه), matching forms: see names.h. */
char rasd__initial_letter(const char *w, size_t n) {
  if (n != 4 && n != 6) return 0;
  pthread_once(&il_once, il_init);
  uint64_t key = il_key(w, n);
  for (unsigned p = il_slot(key); il_keys[p]; p = (p + 1) & 63)
    if (il_keys[p] == key) return il_letter[p];
  return 0;
}

/* The acronym of a name written as Latin letters spelt out in Arabic (أف. بي. آي → FBI, إي.إس.بي.إن → ESPN), two
 * letters or more separated by spaces, dots or hyphens; NULL when it is not one. Caller frees. */
static char *acronym_english(const char *s, size_t len) {
  char out[16];
  size_t n = 0, i = 0;
  while (i < len) {
    while (i < len && (s[i] == ' ' || s[i] == '.' || s[i] == '-')) i++;
    size_t j = i;
    while (j < len && s[j] != ' ' && s[j] != '.' && s[j] != '-') j++;
    if (j == i) break;
    char w[32];
    size_t wl;
    if (j - i >= sizeof w / 2 || !(wl = org_norm(s + i, j - i, w, sizeof w))) return NULL;
    char l = rasd__initial_letter(w, wl);
    if (l == 'I' && j - i >= 2 && !memcmp(s + i, "إ", 2)) l = 'E'; /* إي is E, آي is I */
    if (!l || n + 1 >= sizeof out) return NULL;
    out[n++] = l;
    i = j;
  }
  if (n < 2) return NULL;
  out[n] = 0;
  return rasd__strdup0(out);
}

/* The lists' English of an Arabic family name with the article written joined (الحربي: Alharbi, العتيبي: Alotaibi)
 * the way the press and our transliteration write it, Al-Harbi, Al-Otaibi: 'en' with "Al-" and a capital, in a new
 * string, when Arabic word 'w' ('wl' bytes) is a nisba (ال … ي; English ending in i or y: foreign names with al-
 * letters are not, الفارو Alfaro, الفريد Alfred) and the English after "Al" has a consonant for each of
 * the Arabic's after ال (ع, hamza, vowel letters and ه aside) and begins with a vowel just when the Arabic does (ع,
 * alif, hamza), so that the article is the "Al" (العلوي: Alawi and الكسندر: Aleksandr are left alone); NULL otherwise. The caller frees. */
static char *al_hyphen(const char *w, size_t wl, const char *en) {
  size_t n = strlen(en);
  if (wl < 8 || memcmp(w, "\xD8\xA7\xD9\x84", 4) || memcmp(w + wl - 2, "\xD9\x8A", 2) || strncmp(en, "Al", 2) ||
      !(en[2] >= 'a' && en[2] <= 'z') || strchr(en, ' ') || n < 5 || (en[n - 1] != 'i' && en[n - 1] != 'y'))
    return NULL;
  int car = 0, cen = 0;
  size_t i = 4;
  /* the first letter after ال is a vowel (ع, alif, hamza) exactly when the English's after Al is (الكسندر: Aleksandr) */
  size_t j = 4;
  int32_t c0 = rasd__utf8_next(w, wl, &j);
  int ar_vowel = c0 == 0x0639 || (c0 >= 0x0621 && c0 <= 0x0627), en_vowel = strchr("aeiou", en[2]) != NULL;
  if (ar_vowel != en_vowel) return NULL;
  while (i < wl) {
    int32_t c = rasd__utf8_next(w, wl, &i);
    if (c >= 0x0628 && c <= 0x064A && c != 0x0629 && c != 0x0639 && c != 0x0647 && c != 0x0648 && c != 0x0649 &&
        c != 0x064A)
      car++;
  }
  for (const char *p = en + 2; *p; p++)
    if (*p >= 'a' && *p <= 'z' && !strchr("aeiouwy", *p)) cen++;
  if (cen < car) return NULL;
  char *o = malloc(n + 2);
  if (!o) return NULL;
  memcpy(o, "Al-", 3);
  o[3] = (char)(en[2] - 'a' + 'A');
  memcpy(o + 4, en + 3, n - 2);
  return o;
}

static char *name_english(const rasd_models *m, const char *s, size_t len, int type, int *translit) {
  int tr = 0;
  if (translit) *translit = 0;
  const rasd__gaz *g = m ? m->gaz : NULL;
  if (!s) s = "";
  /* Titles never reach the English form: "الرئيس بوتين" is Putin. */
  size_t ws[RASD__NAME_MAXTOK], we[RASD__NAME_MAXTOK];
  int nw = split_words(s, len, ws, we, RASD__NAME_MAXTOK), w0 = 0;
  while (w0 < nw - 1 && (rasd__is_title_word(s + ws[w0], we[w0] - ws[w0]) ||
                         rasd__is_descriptor_word(s + ws[w0], we[w0] - ws[w0])))
    w0++;
  const char *core = nw ? s + ws[w0] : s;
  size_t core_len = nw ? we[nw - 1] - ws[w0] : 0;
  if ((type == RASD_ENT_PER || type == RASD_ENT_NONE) && nw - w0 >= 1 && nw - w0 <= 2) {
    /* a given name alone (مريم, عبد العزيز): the press's English, not the lists' (Miri); marked as a transliteration,
     * for a first name alone names no one in particular */
    int gw;
    const char *gn = rasd__given_name_en(s + ws[w0], we[w0] - ws[w0], w0 + 1 < nw ? s + ws[w0 + 1] : NULL,
                                         w0 + 1 < nw ? we[w0 + 1] - ws[w0 + 1] : 0, &gw);
    if (gn && gw == nw - w0) {
      if (translit) *translit = 1;
      return rasd__strdup0(gn);
    }
  }
  /* a head noun that is also a descriptor or comes before a title (مدينة الملك عبدالله، مطار الملك خالد) heads the
   * name: its English is composed before the name after the title is looked up alone */
  if ((type == RASD_ENT_ORG || type == RASD_ENT_LOC) && w0 >= 2 && rasd__is_title_word(s + ws[1], we[1] - ws[1])) {
    char *o = org_english(g, s, ws, we, 0, nw);
    if (o) return o;
  }
  /* a body's head before a word with ال (وكالة الأنباء الإيطالية، هيئة الضرائب الأمريكية) is part of the name, as
   * entities.c keeps it: the whole name's entry, else its English composed with the head */
  if (type == RASD_ENT_ORG && w0 == 1 && nw >= 3) {
    if (rasd__head_in_name(s + ws[0], we[0] - ws[0], s + ws[1], we[1] - ws[1])) {
      int64_t ex = rasd__gaz_exact(g, s, len, 0, RASD_ENT_ORG);
      rasd__gaz_entry ge;
      if (ex >= 0 && !rasd__gaz_get(g, (uint32_t)ex, &ge) && *ge.en) return rasd__strdup0(ge.en);
      char *o = org_english(g, s, ws, we, 0, nw);
      if (o) return o;
    }
  }
  /* Latin letters spelt out and dotted (بي.بي، دي.إيه.إن): the acronym, before any close spelling of a name */
  if ((type == RASD_ENT_ORG || type == RASD_ENT_NONE) && memchr(core, '.', core_len) &&
      rasd__gaz_exact(g, core, core_len, 0, RASD_ENT_ORG) < 0) {
    char *a = acronym_english(core, core_len);
    if (a) {
      if (translit) *translit = 1;
      return a;
    }
  }
  /* places whose name is also a common word, and so in no list the tagger or the entity rules read (الخبر "the news",
   * سرت "spread", دارنا's key): their English once the text has called them a place */
  if (type == RASD_ENT_LOC) {
    static const char *const AMBIG_PLACE[][2] = {{"الخبر", "Khobar"}, {"سرت", "Sirte"}, {"درنة", "Derna"},
                                                 {"الشيخ زويد", "Sheikh Zuweid"}, {NULL, NULL}};
    for (int k = 0; AMBIG_PLACE[k][0]; k++)
      if (strlen(AMBIG_PLACE[k][0]) == core_len && !memcmp(AMBIG_PLACE[k][0], core, core_len))
        return rasd__strdup0(AMBIG_PLACE[k][1]);
  }
  /* a family name alone (الجبير, البغدادي: the lists know a city by the letters) */
  if (type == RASD_ENT_PER && nw - w0 == 1 && rasd__gaz_exact(g, core, core_len, 1, RASD_ENT_PER) < 0) {
    const char *fn = rasd__family_name_en(core, core_len);
    if (fn) {
      if (translit) *translit = 1;
      return rasd__strdup0(fn);
    }
  }
  int64_t e = rasd__gaz_best(g, core, core_len, type);
  if (e >= 0) {
    rasd__gaz_entry ge;
    rasd__gaz_get(g, (uint32_t)e, &ge);
    /* whole names: an exact entry, or a close spelling of a hand-written or country entry (كيم جونج أون), is
     * known; a close spelling of a city is not (الهلال is not الحلة) */
    int exact = rasd__gaz_exact(g, core, core_len, 0, RASD_ENT_NONE) >= 0;
    if (*ge.en && !(ge.flags & RASD__GF_TITLE) && !person_place(g, type, e, &ge, core, core_len) &&
        ((ge.src <= RASD__GSRC_COUNTRY && (exact || !short_other_entry(g, (uint32_t)e, core, core_len))) || exact ||
         (ge.src == RASD__GSRC_CITY && same_letters(g, (uint32_t)e, core, core_len)))) {
      char *h = ge.type == RASD_ENT_PER && ge.src == RASD__GSRC_ANETAC ? al_hyphen(core, core_len, ge.en) : NULL;
      return h ? h : rasd__strdup0(ge.en);
    }
  }
  /* Organisations: composed from a head noun and known words (وزارة الصحة → Ministry of Health). */
  if (type == RASD_ENT_ORG || type == RASD_ENT_LOC) {
    char *o = !w0 && type == RASD_ENT_LOC ? org_english(g, s, ws, we, 0, nw) : NULL;
    if (!o && type == RASD_ENT_ORG) o = org_english(g, s, ws, we, w0, nw);
    if (o) return o;
  }
  /* Latin letters spelt out (أف. بي. آي): the acronym */
  if (type == RASD_ENT_ORG || type == RASD_ENT_NONE) {
    char *a = acronym_english(core, core_len);
    if (a) {
      if (translit) *translit = 1; /* read letter by letter: بي may be B or P */
      return a;
    }
  }
  /* Word by word: فلاديمير + بوتين → Vladimir Putin; unknown words are transliterated. */
  rasd__buf b;
  rasd__buf_init(&b);
  int known = 0, words = 0;
  for (int w = w0; w < nw; w++) {
    const char *ww = s + ws[w];
    size_t wl = we[w] - ws[w];
    rasd__name one;
    /* initials and stray marks drop out; a title word after آل is a family name (عبدالعزيز آل الشيخ) */
    int after_al = w > w0 && we[w - 1] - ws[w - 1] == 4 && !memcmp(s + ws[w - 1], "آل", 4);
    if (!rasd__name_parse(ww, wl, &one) && !(after_al && rasd__is_title_word(ww, wl))) continue;
    if (words) rasd__buf_addc(&b, ' ');
    words++;
    /* a ruler's ordinal right after the given name: عبدالله الثاني Abdullah II, محمد السادس Mohammed VI (Qatar's Al
     * Thani are آل ثاني, and الثاني after بن X a family's name) */
    if ((type == RASD_ENT_PER || type == RASD_ENT_NONE) && w == w0 + 1) {
      static const struct { const char *ar, *en; } ORD[] = {
          {"الأول", "I"}, {"الاول", "I"}, {"الثاني", "II"}, {"الثانية", "II"}, {"الثالث", "III"}, {"الثالثة", "III"},
          {"الرابع", "IV"}, {"الخامس", "V"}, {"السادس", "VI"}, {"السابع", "VII"}, {"الثامن", "VIII"},
          {"التاسع", "IX"}, {"العاشر", "X"}, {"الحادي عشر", "XI"}, {"الثاني عشر", "XII"}, {NULL, NULL}};
      int k = 0;
      while (ORD[k].ar && !(strlen(ORD[k].ar) == wl && !memcmp(ORD[k].ar, ww, wl))) k++;
      if (ORD[k].ar) {
        rasd__buf_adds(&b, ORD[k].en);
        continue;
      }
    }
    if (after_al && wl == 10 && !memcmp(ww, "الشيخ", 10)) { /* آل الشيخ: the family's English, Al al-Sheikh */
      rasd__buf_adds(&b, "al-Sheikh");
      tr = 1;
      continue;
    }
    /* a common given name in the press's English first: the lists write مريم Miri, letters give فيصل Fisl */
    int gw;
    const char *gn = type == RASD_ENT_PER || type == RASD_ENT_NONE
                         ? rasd__given_name_en(ww, wl, w + 1 < nw ? s + ws[w + 1] : NULL, w + 1 < nw ? we[w + 1] - ws[w + 1] : 0, &gw)
                         : NULL;
    if (gn) { /* a name made of such words is no known person: a transliteration */
      rasd__buf_adds(&b, gn);
      tr = 1;
      w += gw - 1;
      continue;
    }
    /* a foreign given name first, in its usual English (بيتر Peter, not the letters' Bitr) */
    const char *fg = (type == RASD_ENT_PER || type == RASD_ENT_NONE) && w == w0 && nw - w0 >= 2 ? rasd__foreign_given_en(ww, wl) : NULL;
    if (fg) {
      rasd__buf_adds(&b, fg);
      tr = 1;
      continue;
    }
    /* and a common family name after the first word (فهد الدوسري: Al-Dosari, not the letters' Al-Dosri) */
    const char *fn = (type == RASD_ENT_PER || type == RASD_ENT_NONE) && w > w0 ? rasd__family_name_en(ww, wl) : NULL;
    if (fn) {
      rasd__buf_adds(&b, fn);
      tr = 1;
      continue;
    }
    /* word by word only exact entries count: a close spelling's English form (علي → Alawi) reads worse
     * than our own transliteration */
    int64_t k = (type == RASD_ENT_PER || type == RASD_ENT_NONE) && rasd__gaz_exact(g, ww, wl, 0, RASD_ENT_NONE) >= 0
                    ? rasd__gaz_best(g, ww, wl, type)
                    : -1;
    rasd__gaz_entry ge;
    if (k >= 0 && !rasd__gaz_get(g, (uint32_t)k, &ge) && *ge.en && !(ge.flags & RASD__GF_TITLE) &&
        !person_place(g, type, k, &ge, ww, wl)) {
      char *h = ge.src == RASD__GSRC_ANETAC ? al_hyphen(ww, wl, ge.en) : NULL;
      rasd__buf_adds(&b, h ? h : ge.en);
      free(h);
      /* a close spelling's English form is a guess, not a known form */
      if (rasd__gaz_exact(g, ww, wl, 0, RASD_ENT_NONE) < 0) tr = 1;
      known++;
      continue;
    }
    char *t = rasd__translit(ww, wl);
    if (t) rasd__buf_adds(&b, t);
    free(t);
    tr = 1;
  }
  if (type != RASD_ENT_PER && type != RASD_ENT_NONE && words > 1) {
    /* Places and organisations: a word-by-word mix reads badly; transliterate the whole. */
    rasd__buf_free(&b);
    char *t = rasd__translit(core, core_len);
    if (translit) *translit = 1;
    return t;
  }
  (void)known;
  if (b.oom) { rasd__buf_free(&b); return NULL; }
  if (!b.len) {
    rasd__buf_free(&b);
    if (translit) *translit = 1;
    return rasd__translit(core, core_len);
  }
  if (translit) *translit = tr;
  char *out = rasd__buf_detach(&b);
  if (out) capitalise(out);
  return out;
}
