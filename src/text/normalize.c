/* normalize.c — the matching form of Arabic text: code-point class table, NFKC of presentation forms, orthographic unification. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "text/text.h"

rasd__cpinfo rasd__cp_tab[0x10000];
uint32_t rasd__ar2_tab[256];
#define POOL_MAX 65536
char rasd__cp_pool[POOL_MAX];
static size_t pool_used;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int is_space_cp(int32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

static int is_invisible_cp(int32_t cp) {
  return cp == 0xAD || cp == 0x34F || cp == 0x61C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x0600 && cp <= 0x0605) || cp == 0x06DD || cp == 0x08E2 ||
         (cp >= 0xE0000 && cp <= 0xE0FFF);
}

static int is_quote_cp(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || (cp >= 0x2018 && cp <= 0x201F) || cp == 0x2039 ||
         cp == 0x203A || cp == 0x300C || cp == 0x300D || cp == 0xFF02 || cp == 0x2033;
}

static int is_arabic_block(int32_t cp) {
  return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x0870 && cp <= 0x08FF) ||
         (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

/* Arabic orthographic unification of one (already NFKC) code point; returns the replacement. */
static int32_t unify_arabic(int32_t cp) {
  switch (cp) {
  case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673: case 0x0675:
    return 0x0627; /* آ أ إ ٱ ٲ ٳ ٵ → ا */
  case 0x0649: case 0x06CC: case 0x06D0: case 0x06D2: case 0x06CD:
    return 0x064A; /* ى ی ې ے ۍ → ي */
  case 0x0629: case 0x06C0: case 0x06C1: case 0x06C2: case 0x06C3: case 0x06BE: case 0x06D5:
    return 0x0647; /* ة ۀ ہ ۂ ۃ ھ ە → ه */
  case 0x06A9: case 0x06AA:
    return 0x0643; /* ک ڪ → ك */
  case 0x066A: return '%';
  case 0x066B: return '.'; /* Arabic decimal separator */
  case 0x066C: return ','; /* Arabic thousands separator */
  case 0x06D4: return '.'; /* Urdu full stop */
  }
  if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
  return cp;
}

/* Class of one code point after NFKC mapping (no recursion into mappings). */
static int base_class(int32_t cp) {
  if (cp < 0x80) {
    if (cp == '\n') return RASD__C_NL;
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v') return RASD__C_SPACE;
    if (cp < 0x20 || cp == 0x7F) return RASD__C_CTRL;
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return RASD__C_LAT;
    if (cp >= '0' && cp <= '9') return RASD__C_DIGIT;
    if (cp == '"' || cp == '\'') return RASD__C_QUOTE;
    return RASD__C_PUNCT;
  }
  if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) return RASD__C_NL;
  if (is_space_cp(cp)) return RASD__C_SPACE;
  if (is_invisible_cp(cp)) return RASD__C_INVIS;
  if (cp == 0x0640) return RASD__C_MARK; /* tatweel */
  if (is_quote_cp(cp)) return RASD__C_QUOTE;
  if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)) return RASD__C_DIGIT;
  if (cp == 0x066B || cp == 0x066C || cp == 0x066A || cp == 0x06D4) return RASD__C_PUNCT;
  if (cp == 0x06E5 || cp == 0x06E6) return RASD__C_MARK; /* small waw / yeh (Quranic) */
  const utf8proc_property_t *p = utf8proc_get_property(cp);
  switch (p->category) {
  case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
    return is_arabic_block(cp) ? RASD__C_AR : RASD__C_LAT;
  case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    return RASD__C_MARK;
  case UTF8PROC_CATEGORY_ND:
    return RASD__C_DIGIT;
  case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
  case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SC:
  case UTF8PROC_CATEGORY_SM:
    return RASD__C_PUNCT;
  case UTF8PROC_CATEGORY_ZS: return RASD__C_SPACE;
  case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return RASD__C_NL;
  case UTF8PROC_CATEGORY_CC: return RASD__C_CTRL;
  case UTF8PROC_CATEGORY_CF: return RASD__C_INVIS;
  default: return RASD__C_OTHER;
  }
}

/* Matching form of one code point: class into *cls, UTF-8 into out (64 bytes room); returns length. */
static size_t map_cp(int32_t cp, int *cls, char *out) {
  int c = base_class(cp);
  if (c == RASD__C_SPACE || c == RASD__C_NL || c == RASD__C_INVIS || c == RASD__C_MARK || c == RASD__C_CTRL) {
    *cls = c;
    return 0;
  }
  if (cp < 0x80) {
    *cls = c;
    out[0] = (char)(c == RASD__C_LAT ? (cp | 0x20) : cp);
    return 1;
  }
  const utf8proc_property_t *p = utf8proc_get_property(cp);
  int32_t seq[32];
  utf8proc_ssize_t n = 1;
  seq[0] = cp;
  if (p->decomp_seqindex != UINT16_MAX || p->casefold_seqindex != UINT16_MAX) {
    /* NFKC + case fold of this one code point (presentation forms, ligatures, full-width, capitals). */
    uint8_t in[4], *res = NULL;
    int k = rasd__utf8_put((char *)in, cp);
    utf8proc_ssize_t r = utf8proc_map(in, k, &res,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
    if (r > 0) {
      n = 0;
      for (utf8proc_ssize_t i = 0; i < r && n < 32;) {
        int32_t d;
        utf8proc_ssize_t m = utf8proc_iterate(res + i, r - i, &d);
        if (m <= 0) break;
        seq[n++] = d;
        i += m;
      }
    }
    free(res);
  }
  size_t len = 0;
  int first = -1;
  for (utf8proc_ssize_t i = 0; i < n; i++) {
    int32_t d = seq[i];
    int dc = base_class(d);
    if (dc == RASD__C_INVIS || dc == RASD__C_MARK || dc == RASD__C_CTRL) continue;
    if (dc == RASD__C_SPACE || dc == RASD__C_NL) {
      if (first >= 0 && len + 1 < 60) out[len++] = ' '; /* ﷺ → "صلي الله عليه وسلم" */
      continue;
    }
    if (first < 0) first = dc;
    d = unify_arabic(d);
    if (d < 0x80 && ((d | 0x20) >= 'a' && (d | 0x20) <= 'z')) d |= 0x20;
    if (len + 4 < 60) len += (size_t)rasd__utf8_put(out + len, d);
  }
  while (len && out[len - 1] == ' ') len--;
  if (first < 0) first = (c == RASD__C_AR || c == RASD__C_LAT) ? RASD__C_MARK : c;
  if (cp == 0x066B || cp == 0x066C) first = RASD__C_PUNCT; /* keep the separators' own class */
  *cls = (c == RASD__C_QUOTE) ? RASD__C_QUOTE : first;
  if (len == 0 && *cls != RASD__C_MARK) *cls = RASD__C_INVIS;
  return len;
}

uint8_t rasd__bcast[256][64] __attribute__((aligned(64)));

static void build_tables(void) {
  char out[64];
  for (int b = 0; b < 256; b++) memset(rasd__bcast[b], b, 64);
  for (int32_t cp = 0; cp < 0x10000; cp++) {
    rasd__cpinfo *e = &rasd__cp_tab[cp];
    if (cp >= 0xD800 && cp <= 0xDFFF) { e->cls = RASD__C_INVALID; continue; }
    int cls;
    size_t n;
    if (cp >= 0x3400 && cp <= 0x9FFF) { /* CJK ideographs: identity, no table work */
      cls = RASD__C_LAT;
      n = (size_t)rasd__utf8_put(out, cp);
    } else {
      n = map_cp(cp, &cls, out);
    }
    e->cls = (uint8_t)cls;
    e->len = (uint8_t)n;
    if (n == 0) continue;
    char own[4];
    int k = rasd__utf8_put(own, cp);
    if ((size_t)k == n && !memcmp(own, out, n)) { e->off = RASD__CP_SAME; continue; } /* identity: copy the source */
    if (pool_used + n > POOL_MAX) { e->off = RASD__CP_SAME; e->len = (uint8_t)k; continue; }
    memcpy(rasd__cp_pool + pool_used, out, n);
    e->off = (uint16_t)pool_used;
    pool_used += n;
  }
  for (int32_t cp = 0x600; cp < 0x700; cp++) {
    const rasd__cpinfo *e = &rasd__cp_tab[cp];
    uint32_t v = RASD__AR2_SLOW;
    if (e->cls == RASD__C_AR && e->len == 2) {
      const unsigned char *f = e->off == RASD__CP_SAME ? (const unsigned char *)out : (const unsigned char *)rasd__cp_pool + e->off;
      if (e->off == RASD__CP_SAME) rasd__utf8_put(out, cp);
      v = RASD__AR2_LETTER | (uint32_t)f[0] << 16 | (uint32_t)f[1] << 24;
    } else if (e->cls == RASD__C_MARK && e->len == 0) {
      v = RASD__AR2_MARK;
    } else if (e->cls == RASD__C_INVIS && e->len == 0) {
      v = RASD__AR2_INVIS;
    }
    rasd__ar2_tab[cp - 0x600] = v;
  }
}

void rasd__text_init(void) { pthread_once(&once, build_tables); }

int32_t rasd__text_decode(const unsigned char *s, size_t len, size_t *i) {
  size_t p = *i;
  unsigned c = s[p];
  if (c < 0x80) { *i = p + 1; return (int32_t)c; }
  if (c >= 0xC2 && c <= 0xDF) {
    if (p + 1 < len && (s[p + 1] & 0xC0) == 0x80) {
      *i = p + 2;
      return (int32_t)(((c & 0x1F) << 6) | (s[p + 1] & 0x3F));
    }
  } else if (c >= 0xE0 && c <= 0xEF) {
    if (p + 2 < len && (s[p + 1] & 0xC0) == 0x80 && (s[p + 2] & 0xC0) == 0x80) {
      int32_t cp = (int32_t)(((c & 0x0F) << 12) | ((s[p + 1] & 0x3F) << 6) | (s[p + 2] & 0x3F));
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) { *i = p + 3; return cp; }
    }
  } else if (c >= 0xF0 && c <= 0xF4) {
    if (p + 3 < len && (s[p + 1] & 0xC0) == 0x80 && (s[p + 2] & 0xC0) == 0x80 && (s[p + 3] & 0xC0) == 0x80) {
      int32_t cp = (int32_t)(((c & 0x07) << 18) | ((s[p + 1] & 0x3F) << 12) | ((s[p + 2] & 0x3F) << 6) |
                             (s[p + 3] & 0x3F));
      if (cp >= 0x10000 && cp <= 0x10FFFF) { *i = p + 4; return cp; }
    }
  }
  *i = p + 1;
  return -1;
}

int rasd__cp_info(int32_t cp, char buf[64], const char **form, size_t *form_len) {
  rasd__text_init();
  if (cp < 0) {
    *form = "\xEF\xBF\xBD";
    *form_len = 3;
    return RASD__C_INVALID;
  }
  if (cp < 0x10000) {
    const rasd__cpinfo *e = &rasd__cp_tab[cp];
    if (e->off == RASD__CP_SAME) {
      *form_len = e->len ? (size_t)rasd__utf8_put(buf, cp) : 0;
      *form = buf;
    } else {
      *form = rasd__cp_pool + e->off;
      *form_len = e->len;
    }
    return e->cls;
  }
  int cls;
  *form_len = map_cp(cp, &cls, buf);
  *form = buf;
  return cls;
}

void rasd__normalize_append(rasd__buf *b, const char *str, size_t len) {
  rasd__text_init();
  const unsigned char *s = (const unsigned char *)str;
  /* Output never exceeds input except for expanding ligatures (checked below), plus one space. */
  if (rasd__buf_grow(b, len + 8)) return;
  char *o = b->s + b->len, *lim = b->s + b->cap - 1;
  int pending = 0, any = b->len > 0 && b->s[b->len - 1] != ' ';
  size_t i = 0;
  char tmp[64];
  while (i < len) {
    unsigned c = s[i];
    const rasd__cpinfo *e;
    const char *f;
    size_t n, fl;
    if (c < 0x80) {
      e = &rasd__cp_tab[c];
      n = 1;
    } else if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
      e = &rasd__cp_tab[((c & 0x1F) << 6) | (s[i + 1] & 0x3F)];
      n = 2;
    } else {
      size_t j = i;
      int32_t cp = rasd__text_decode(s, len, &j);
      int cls = rasd__cp_info(cp, tmp, &f, &fl);
      n = j - i;
      if (fl) goto emit;
      if (cls == RASD__C_SPACE || cls == RASD__C_NL || cls == RASD__C_CTRL) pending = any;
      i += n;
      continue;
    }
    if (!e->len) {
      if (e->cls == RASD__C_SPACE || e->cls == RASD__C_NL || e->cls == RASD__C_CTRL) pending = any;
      i += n;
      continue;
    }
    if (e->off == RASD__CP_SAME && !pending) { /* the common case: copy the character */
      if (o + 2 > lim) { f = (const char *)s + i; fl = n; goto emit; }
      o[0] = (char)c;
      if (n == 2) o[1] = (char)s[i + 1];
      o += n;
      i += n;
      any = 1;
      continue;
    }
    f = e->off == RASD__CP_SAME ? (const char *)s + i : rasd__cp_pool + e->off;
    fl = e->len;
  emit:
    if ((size_t)(lim - o) < fl + 1) {
      b->len = (size_t)(o - b->s);
      if (rasd__buf_grow(b, fl + 1 + (len - i))) return;
      o = b->s + b->len;
      lim = b->s + b->cap - 1;
    }
    if (pending) { *o++ = ' '; pending = 0; }
    memcpy(o, f, fl);
    o += fl;
    any = 1;
    i += n;
  }
  b->len = (size_t)(o - b->s);
  b->s[b->len] = 0;
}

size_t rasd__normalize_inplace(char *str, size_t len) {
  rasd__text_init();
  unsigned char *s = (unsigned char *)str;
  /* First pass: refuse when any character's form is longer than its bytes. */
  size_t i = 0;
  while (i < len) {
    if (s[i] < 0x80) { i++; continue; }
    size_t st = i;
    int32_t cp = rasd__text_decode(s, len, &i);
    char tmp[64];
    const char *f;
    size_t fl;
    rasd__cp_info(cp, tmp, &f, &fl);
    if (fl > i - st) return (size_t)-1;
  }
  size_t o = 0;
  int pending = 0, any = 0;
  i = 0;
  while (i < len) {
    size_t st = i;
    int32_t cp = rasd__text_decode(s, len, &i);
    char tmp[64];
    const char *f;
    size_t fl;
    int cls = rasd__cp_info(cp, tmp, &f, &fl);
    (void)st;
    if (fl) {
      if (pending) { s[o++] = ' '; pending = 0; }
      memmove(s + o, f, fl); /* o + fl <= i, never overtakes the reader */
      o += fl;
      any = 1;
    } else if (cls == RASD__C_SPACE || cls == RASD__C_NL || cls == RASD__C_CTRL) {
      pending = any;
    }
  }
  if (o < len) s[o] = 0;
  return o;
}

char *rasd_normalize(const char *s, size_t len, size_t *out_len) {
  rasd__buf b;
  rasd__buf_init(&b);
  rasd__normalize_append(&b, s ? s : "", s ? len : 0);
  if (rasd__buf_grow(&b, 1)) {
    rasd__buf_free(&b);
    return NULL;
  }
  b.s[b.len] = 0;
  if (out_len) *out_len = b.len;
  return rasd__buf_detach(&b);
}
