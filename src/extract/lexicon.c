/* lexicon.c — the word scanner (matching forms, sentences, quote marks) and the word lists of quotes, dates and numbers. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract/lexicon.h"
#include "extract/ner.h"

/* ---------------------------------------------------------------- normalisation */

static int is_space_cp(int32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}
static int is_invisible(int32_t c) { return (c >= 0x200B && c <= 0x200F) || c == 0x061C || (c >= 0x202A && c <= 0x202E) || c == 0x2066 || c == 0x2067 || c == 0x2068 || c == 0x2069; }
static int digit_of(int32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660;
  if (c >= 0x06F0 && c <= 0x06F9) return c - 0x06F0;
  return -1;
}
static int32_t fold_letter(int32_t c) {
  switch (c) {
  case 0x0623: case 0x0625: case 0x0622: case 0x0671: case 0x0672: case 0x0673: return 0x0627;
  case 0x0649: case 0x06CC: case 0x06D2: return 0x064A;
  case 0x0629: return 0x0647;
  case 0x06A9: return 0x0643;
  default: return c;
  }
}

/* Decodes the code point at s[*i]: ASCII and two-byte sequences inline, the rest through rasd__utf8_next. */
static inline int32_t next_cp_(const char *s, size_t len, size_t *i) {
  unsigned char b = (unsigned char)s[*i];
  if (b < 0x80) { (*i)++; return b; }
  if ((b & 0xE0) == 0xC0 && b >= 0xC2 && *i + 1 < len && ((unsigned char)s[*i + 1] & 0xC0) == 0x80) {
    int32_t c = ((b & 0x1F) << 6) | ((unsigned char)s[*i + 1] & 0x3F);
    *i += 2;
    return c;
  }
  return rasd__utf8_next(s, len, i);
}

size_t rasd__lx_norm(const char *s, size_t len, char *out) {
  size_t i = 0, o = 0;
  while (i < len) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) { out[o++] = (char)b; i++; continue; }
    int32_t c = next_cp_(s, len, &i);
    if (c < 0) continue;
    if (rasd__is_arabic_mark(c) || is_invisible(c)) continue;
    int dg = digit_of(c);
    if (dg >= 0) { out[o++] = (char)('0' + dg); continue; }
    o += (size_t)rasd__utf8_put(out + o, fold_letter(c));
  }
  out[o] = 0;
  return o;
}

/* ---------------------------------------------------------------- scanner */

static int is_quote_cp(int32_t c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB || c == 0xFF02 || c == 0x201F ||
         c == 0x2033; /* ″: what word processors make of " after a digit or letter, closing a “ */
}
static int is_latin_cp(int32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x370 && c <= 0x52F);
}
static int is_word_cp(int32_t c) {
  if (c >= 0x0621 && c <= 0x0652) return c != 0x063B && c != 0x063C && c != 0x063D && c != 0x063E && c != 0x063F;
  if (c < 0x0600) return 0;
  return rasd__is_arabic_letter(c) || rasd__is_arabic_mark(c) || is_invisible(c);
}
static int is_sent_end(int32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x2026 || c == 0x06D4; }

typedef struct {
  rasd__qw *w;
  size_t n, cap;
} wvec;

/* The two-byte code points U+0600..U+06FF (lead bytes D8..DB) as the word scan sees them: bit 1 a word
 * character (is_word_cp), bit 2 dropped from the matching form (a mark or invisible); 'out' their folded
 * letter (fold_letter, two bytes in UTF-8). Filled once from those functions. */
static uint8_t ar2_flag_[256];
static char ar2_out_[256][2];
/* The same in one word per code point: the two output bytes in the low half (as they lie in memory), bit 16 a
 * word character to copy (flag 1 without 2), bit 17 a word character to drop (flags 1 and 2). */
static uint32_t ar2_tab_[256];
static pthread_once_t ar2_once_ = PTHREAD_ONCE_INIT;
static void ar2_init_(void) {
  for (int k = 0; k < 256; k++) {
    int32_t cp = 0x0600 + k;
    ar2_flag_[k] = (uint8_t)((is_word_cp(cp) ? 1 : 0) | (rasd__is_arabic_mark(cp) || is_invisible(cp) ? 2 : 0));
    char o[4];
    if (rasd__utf8_put(o, fold_letter(cp)) == 2) memcpy(ar2_out_[k], o, 2);
    else ar2_flag_[k] = 0; /* (never: every fold stays in the block) the general path decides */
    uint16_t two;
    memcpy(&two, ar2_out_[k], 2);
    ar2_tab_[k] = two | (ar2_flag_[k] == 1 ? 1u << 16 : ar2_flag_[k] == 3 ? 1u << 17 : 0);
  }
}

static uint32_t lx_classes_(const char *w, size_t len);

rasd__qscan *rasd__qscan_new(const char *s, size_t len, rasd__arena *ar) {
  pthread_once(&ar2_once_, ar2_init_);
  (void)rasd__lx_classes("", 0); /* builds the lexicon once: lx_classes_ below */
  rasd__qscan *sc = rasd__arena_alloc(ar, sizeof *sc);
  char *nb = rasd__arena_raw(ar, len * 2 + 16); /* every form is written before it is read */
  if (!sc || !nb) return NULL;
  sc->text = s ? s : "";
  sc->len = s ? len : 0;
  s = sc->text;
  len = sc->len;
  wvec v = {0};
  v.cap = len / 5 + 16; /* in the arena, where the scan stays: grown there (rarely) */
  v.w = rasd__arena_raw(ar, v.cap * sizeof *v.w);
  if (!v.w) return NULL;
  size_t no = 0, i = 0;
  uint32_t para = 0, sent = 0;
  int space = 1, pstart = 1, sstart = 1, pend_end = 0;
  const unsigned char *u = (const unsigned char *)s;
  while (i < len) {
    size_t st = i;
    unsigned b0 = u[i];
    int32_t c;
    /* the common cases first: a space, and an Arabic letter that begins a word and is copied to its form (ar2_tab_
     * bit 16: a word character, no mark nor invisible), which the word loop below takes from the start */
    if (b0 == ' ') { i++; space = 1; continue; }
    unsigned k0 = ((b0 - 0xD8u) << 6) | (i + 1 < len ? u[i + 1] & 0x3Fu : 0);
    int arw = b0 - 0xD8u <= 3u && i + 1 < len && (u[i + 1] & 0xC0) == 0x80 && (ar2_tab_[k0] & (1u << 16));
    if (arw) c = 0x0600 + (int32_t)k0;
    else {
      c = next_cp_(s, len, &i);
      if (c == '\n') {
        if (!pstart) { para++; sent++; }
        pstart = 1; sstart = 1; space = 1; pend_end = 0;
        continue;
      }
      if (c == 0 || is_space_cp(c)) { space = 1; continue; }
      if (is_invisible(c)) continue;
    }
    rasd__qw w = {0};
    w.s = (uint32_t)st;
    w.cp = c;
    size_t nl = (size_t)-1;
    if (arw || is_word_cp(c)) {
      /* normalise while scanning: one decode per character */
      char *o = nb + no;
      size_t ol = 0;
      int32_t d = c;
      size_t j = arw ? st : i; /* arw: the first letter is the loop's too */
      if (!arw && !(rasd__is_arabic_mark(d) || is_invisible(d))) ol += (size_t)rasd__utf8_put(o + ol, fold_letter(d));
      while (j < len) {
        /* the Arabic block (most of the text) in a tight loop: a letter copied or a mark dropped by one table
         * look-up (ar2_tab_ bits 16 and 17); anything else goes on below */
        while (j + 1 < len) {
          unsigned a0 = u[j], a1 = u[j + 1];
          if (a0 - 0xD8u > 3u || (a1 & 0xC0) != 0x80) break;
          uint32_t x = ar2_tab_[((a0 - 0xD8u) << 6) | (a1 & 0x3Fu)];
          if (x & (1u << 16)) {
            uint16_t two = (uint16_t)x;
            memcpy(o + ol, &two, 2);
            ol += 2;
          } else if (!(x & (1u << 17)))
            break;
          j += 2;
        }
        if (j >= len) break;
        unsigned b0 = u[j];
        if (b0 - 0xD8u <= 3u && j + 1 < len && (u[j + 1] & 0xC0) == 0x80) {
          /* the Arabic block (most of the text): one table look-up, the same as the general path below */
          unsigned k2 = ((b0 - 0xD8u) << 6) | (u[j + 1] & 0x3Fu);
          uint32_t x = ar2_tab_[k2];
          if (x & (1u << 16)) {
            uint16_t two = (uint16_t)x;
            memcpy(o + ol, &two, 2);
            ol += 2;
            j += 2;
            continue;
          }
          if (x & (1u << 17)) {
            j += 2;
            continue;
          }
          if (ar2_flag_[k2] == 0 && !is_word_cp(0x0600 + (int32_t)k2)) break;
        }
        size_t k = j;
        d = next_cp_(s, len, &k);
        if (!is_word_cp(d)) break;
        j = k;
        if (!(rasd__is_arabic_mark(d) || is_invisible(d))) ol += (size_t)rasd__utf8_put(o + ol, fold_letter(d));
      }
      o[ol] = 0;
      nl = ol;
      i = j;
      w.kind = QW_AR;
    } else if (digit_of(c) >= 0) {
      size_t j = i;
      while (j < len) {
        size_t k = j;
        int32_t d = next_cp_(s, len, &k);
        if (digit_of(d) >= 0) { j = k; continue; }
        /* ر between digits is the decimal sign of some outlets' typesetting (7ر1: see parse_num_ in quantity.c) */
        if (d == '.' || d == ',' || d == 0x066B || d == 0x066C || d == 0x0631) {
          size_t k2 = k;
          int32_t e = k2 < len ? ((unsigned char)s[k2] < 0x80 ? (int32_t)(unsigned char)s[k2++] : rasd__utf8_next(s, len, &k2)) : -1;
          if (digit_of(e) >= 0) { j = k2; continue; }
        }
        break;
      }
      i = j;
      w.kind = QW_NUM;
    } else if (is_latin_cp(c)) {
      size_t j = i;
      while (j < len) {
        size_t k = j;
        int32_t d = next_cp_(s, len, &k);
        if (!is_latin_cp(d) && !(d >= '0' && d <= '9')) break;
        j = k;
      }
      i = j;
      w.kind = QW_LAT;
    } else if (is_quote_cp(c)) {
      w.kind = c == 0x201C || c == 0x201E || c == 0xAB || c == 0x201F ? QW_QOPEN : (c == 0x201D || c == 0xBB || c == 0x2033) ? QW_QCLOSE : QW_QBOTH;
    } else if (c < 0) {
      w.kind = QW_OTHER;
    } else {
      w.kind = QW_PUNCT;
    }
    w.e = (uint32_t)i;
    /* sentence bookkeeping: a terminator ends the sentence; closing marks right after it stay in it */
    if (pend_end) {
      int closing = (w.kind == QW_QCLOSE || w.kind == QW_QBOTH || c == ')' || c == ']') && !space;
      if (!closing && !(w.kind == QW_PUNCT && is_sent_end(c))) { sent++; sstart = 1; pend_end = 0; }
    }
    w.flags = (uint8_t)((space ? QWF_SPACE : 0) | (pstart ? QWF_PARA : 0) | (sstart ? QWF_SENT : 0));
    w.para = para;
    w.sent = sent;
    if (nl == (size_t)-1) nl = rasd__lx_norm(s + w.s, w.e - w.s, nb + no);
    w.n = nb + no;
    w.nlen = (uint16_t)(nl > 65535 ? 65535 : nl);
    no += nl + 1;
    if (w.kind == QW_AR && nl <= 40) {
      w.cls = lx_classes_(w.n, nl);
      /* "علي" (the name Ali) and "على" (on) share a matching form: the surface decides */
      if (nl == 6 && !memcmp(w.n, "علي", 6) && w.e - w.s >= 2 && (unsigned char)s[w.e - 1] == 0x8A && (unsigned char)s[w.e - 2] == 0xD9)
        w.cls &= ~(uint32_t)(LX_PREP | LX_TSTART);
      if (nl > 4 && (unsigned char)w.n[0] == 0xD9 && ((unsigned char)w.n[1] == 0x88 || (unsigned char)w.n[1] == 0x81))
        w.clsp = lx_classes_(w.n + 2, nl - 2); /* و ف */
      else if (nl > 4 && (unsigned char)w.n[0] == 0xD8 && (unsigned char)w.n[1] == 0xA8)
        w.clsp = lx_classes_(w.n + 2, nl - 2); /* ب */
      else if (nl > 4 && (unsigned char)w.n[0] == 0xD9 && (unsigned char)w.n[1] == 0x84)
        w.clsp = lx_classes_(w.n + 2, nl - 2); /* ل */
    }
    if (w.kind == QW_PUNCT && is_sent_end(c)) {
      /* "ك." (an initial) and "3." inside numbers do not end a sentence */
      int initial = v.n && v.w[v.n - 1].kind == QW_AR && v.w[v.n - 1].e == w.s && v.w[v.n - 1].nlen <= 2 && c == '.';
      if (!initial) pend_end = 1;
    }
    if (v.n == v.cap) {
      rasd__qw *nw = rasd__arena_raw(ar, 2 * v.cap * sizeof *nw);
      if (!nw) return NULL;
      memcpy(nw, v.w, v.n * sizeof *nw);
      v.w = nw;
      v.cap *= 2;
    }
    v.w[v.n++] = w;
    space = 0; pstart = 0; sstart = 0;
  }
  memset(nb + no, 0, 16); /* (within its 2 len + 16 bytes) a read past the last form meets zeros, as before */
  sc->w = v.n ? v.w : NULL;
  sc->n = v.n;
  sc->n_sent = v.n ? sc->w[v.n - 1].sent + 1 : 0;
  return sc;
}

/* One scan per analysis: timex runs first and scans; quantities and quotes reuse it. */
static _Thread_local struct {
  const rasd_analysis *a;
  const rasd__arena *ar;
  const char *text;
  size_t len;
  const rasd__qscan *sc;
} cache_;

const rasd__qscan *rasd__qscan_get(const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) {
  const char *t = d->text ? d->text : "";
  size_t len = d->text ? d->text_len : 0;
  if (cache_.sc && cache_.a == a && cache_.ar == ar && cache_.text == t && cache_.len == len) return cache_.sc;
  const rasd__qscan *sc = rasd__qscan_new(t, len, ar);
  cache_.a = a; cache_.ar = ar; cache_.text = t; cache_.len = len; cache_.sc = sc;
  return sc;
}

void rasd__qscan_forget(void) {
  memset(&cache_, 0, sizeof cache_);
  rasd__ner_forget();
}

uint32_t rasd__sentence_of(const rasd_analysis *a, const rasd__qscan *sc, size_t wi) {
  if (wi >= sc->n) return 0;
  const rasd_tokens *t = a ? a->tokens : NULL;
  if (t && t->n_sent) {
    uint32_t off = sc->w[wi].s;
    size_t lo = 0, hi = t->n_sent;
    while (hi - lo > 1) {
      size_t mid = (lo + hi) / 2;
      if (t->sent[mid].start <= off) lo = mid; else hi = mid;
    }
    return (uint32_t)lo;
  }
  return sc->w[wi].sent;
}

int rasd__lx_is(const rasd__qw *w, const char *s) {
  size_t l = strlen(s);
  return w->kind == QW_AR && w->nlen == l && !memcmp(w->n, s, l);
}

/* ---------------------------------------------------------------- lexicon */

#define LX_SIZE 16384
static rasd__lxent *lx_tab_;
/* A 64-kbit filter in front of the table: most words of a text are in no list, and one L1 bit says so. */
static uint64_t lx_bloom_[1024];
/* The filter's bit comes from a cheap signature (length, first and last bytes), not the full hash. */
static inline uint32_t sig_(const char *w, size_t n) {
  uint32_t a = 0, b = 0;
  if (n >= 4) { memcpy(&a, w, 4); memcpy(&b, w + n - 4, 4); }
  else { for (size_t i = 0; i < n; i++) a = a << 8 | (unsigned char)w[i]; }
  uint32_t h = (a * 0x9E3779B1u) ^ (b * 0x85EBCA77u) ^ ((uint32_t)n * 0xC2B2AE3Du);
  return h ^ (h >> 15);
}
#define BLOOM_BIT_(h) (((h) >> 7) & 0xFFFF)
static char *lx_pool_;
static size_t lx_pool_n_, lx_pool_cap_;
static pthread_once_t lx_once_ = PTHREAD_ONCE_INIT;

static uint32_t hash_(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) { /* FNV-1a, four bytes a turn of the loop */
    h = (h ^ u[i]) * 16777619u;
    h = (h ^ u[i + 1]) * 16777619u;
    h = (h ^ u[i + 2]) * 16777619u;
    h = (h ^ u[i + 3]) * 16777619u;
  }
  for (; i < n; i++) h = (h ^ u[i]) * 16777619u;
  return h;
}

static const char *pool_norm_(const char *s, size_t n, size_t *out_n) {
  if (lx_pool_n_ + n + 1 > lx_pool_cap_) return NULL;
  char *o = lx_pool_ + lx_pool_n_;
  size_t k = rasd__lx_norm(s, n, o);
  lx_pool_n_ += k + 1;
  *out_n = k;
  return o;
}

static void add_(const char *word, uint32_t cls, int32_t val, int32_t val2, const char *canon) {
  size_t n;
  const char *k = pool_norm_(word, strlen(word), &n);
  if (!k || !n) return;
  uint32_t hf = hash_(k, n), h = hf & (LX_SIZE - 1), sg = sig_(k, n);
  lx_bloom_[BLOOM_BIT_(sg) >> 6] |= 1ull << (BLOOM_BIT_(sg) & 63);
  for (;;) {
    rasd__lxent *e = &lx_tab_[h];
    if (!e->key) {
      e->key = k; e->klen = (uint32_t)n; e->cls = cls; e->val = val; e->val2 = val2; e->canon = canon;
      return;
    }
    if (e->klen == n && !memcmp(e->key, k, n) && e->val == val && e->val2 == val2 && e->canon == canon) {
      e->cls |= cls;
      return;
    }
    h = (h + 1) & (LX_SIZE - 1);
  }
}

static void add_list_(const char *words, uint32_t cls, int32_t val, int32_t val2, const char *canon) {
  const char *p = words;
  while (*p) {
    while (*p == ' ') p++;
    const char *q = p;
    while (*q && *q != ' ') q++;
    if (q > p) {
      char buf[128];
      size_t n = (size_t)(q - p) < sizeof buf - 1 ? (size_t)(q - p) : sizeof buf - 1;
      memcpy(buf, p, n);
      buf[n] = 0;
      for (char *u = buf; *u; u++) if (*u == '_') *u = ' ';
      add_(buf, cls, val, val2, canon);
    }
    p = q;
  }
}

static void cat3_(char *out, size_t cap, const char *a, const char *b, const char *c) {
  snprintf(out, cap, "%s%s%s", a, b, c);
}

/* Reporting verbs as "past|present-stem|extra forms". Generated: past (قال قالت قالوا قالا قالتا),
 * present (يقول تقول يقولون …) and future (سيقول …). */
static const char *const verbs_[] = {
    "قال|قول|قلت قلنا قلن", "أكد|ؤكد", "أوضح|وضح", "أضاف|ضيف", "أشار|شير", "صرح|صرح", "ذكر|ذكر", "أفاد|فيد",
    "كشف|كشف", "لفت|لفت", "شدد|شدد", "نفى|نفي|نفت نفوا ينفي تنفي ينفون سينفي", "رأى|رى|رأت رأوا يرى ترى يرون",
    "اعتبر|عتبر", "تابع|تابع", "كتب|كتب", "حذر|حذر", "أعلن|علن", "أردف|ردف", "استطرد|ستطرد", "زعم|زعم",
    "رجح|رجح", "استبعد|ستبعد", "توقع|توقع", "أعرب|عرب", "اقترح|قترح", "دعا|دعو|دعت دعوا", "أبلغ|بلغ",
    "أخبر|خبر", "اتهم|تهم", "تساءل|تساءل", "أجاب|جيب", "غرد|غرد", "أقر|قر", "نقل|نقل", "أورد|ورد",
    "نوه|نوه", "بين|بين", "اعترف|عترف", "أكدت|ؤكد", "قالت|قول", "طالب|طالب", "هدد|هدد",
    "أعلنت|علن", "أشارت|شير", "ختم|ختم", "استدرك|ستدرك", "علق|علق", "قدر|قدر", "أبدى|بدي", "لاحظ|لاحظ",
    "شرح|شرح", "اكد|ؤكد", "أفصح|فصح", "أوضحت|وضح", "حسم|حسم", "جزم|جزم", "أوصى|وصي|أوصت",
    NULL};
/* Forms of the list above that are usually not reporting cues on their own. */
static const char *const notq_ = "يبلغ تبلغ ويبلغ وتبلغ يرد ترد يبدي تبدي "
                                 "يذكر ويذكر ويشار يشار يقال ويقال تجدر بين وبين تقدر يقدر قدر وقدر علق عد وعد "
                                 "يرد ترد ورد نقل ينقل تنقل ختم يختم تختم وختم تتابع يتابع نوه";
static const char *const cont_ = "أضاف تابع أردف استطرد";
static const char *const adv_[] = {"قائل", "مضيف", "مشير", "مردف", "موضح", "مؤكد", "لافت", "معتبر", "مشدد",
                                   "منوه", "محذر", "متابع", "مستطرد", "معرب", "مبين", "مستدرك", "مشيد", "معلن",
                                   "متسائل", "مطالب", "ملمح", "مبرز", "مختتم", "ناف", "داعي", "مطمئن", "محذر", NULL};

static void gen_verb_(const char *spec) {
  char past[64], pres[64], extra[512];
  const char *a = strchr(spec, '|');
  const char *b = a ? strchr(a + 1, '|') : NULL;
  if (!a) return;
  snprintf(past, sizeof past, "%.*s", (int)(a - spec), spec);
  if (b) {
    snprintf(pres, sizeof pres, "%.*s", (int)(b - a - 1), a + 1);
    snprintf(extra, sizeof extra, "%s", b + 1);
  } else {
    snprintf(pres, sizeof pres, "%s", a + 1);
    extra[0] = 0;
  }
  int cont = 0;
  for (const char *p = cont_; *p;) {
    const char *q = strchr(p, ' ');
    size_t n = q ? (size_t)(q - p) : strlen(p);
    if (n == strlen(past) && !memcmp(p, past, n)) cont = 1;
    if (!q) break;
    p = q + 1;
  }
  uint32_t cls = LX_VERB | (cont ? LX_CONT : 0);
  char w[160];
  static const char *const psuf[] = {"", "ت", "وا", "ا", "تا", "نا", "ن", NULL};
  for (int i = 0; psuf[i]; i++) { cat3_(w, sizeof w, past, psuf[i], ""); add_(w, cls, 0, 0, NULL); }
  static const char *const pre[] = {"ي", "ت", "ن", "أ", NULL};
  static const char *const suf[] = {"", "ون", "ان", "ن", NULL};
  for (int i = 0; pre[i]; i++)
    for (int j = 0; suf[j]; j++) {
      cat3_(w, sizeof w, pre[i], pres, suf[j]);
      add_(w, cls, 0, 0, NULL);
      char f[170];
      snprintf(f, sizeof f, "س%s", w);
      add_(f, cls | LX_FUT, 0, 0, NULL);
    }
  if (extra[0]) add_list_(extra, cls, 0, 0, NULL);
}

static void gen_adv_(const char *stem) {
  char w[96];
  static const char *const suf[] = {"ا", "اً", "", "ة", "ين", "ات", "ان", "تين", "تان", NULL};
  for (int i = 0; suf[i]; i++) { cat3_(w, sizeof w, stem, suf[i], ""); add_(w, LX_ADV, 0, 0, NULL); }
}

static const char *const greg_[13] = {NULL, "يناير", "فبراير", "مارس", "أبريل ابريل إبريل", "مايو", "يونيو يونيه",
                                       "يوليو يوليه", "أغسطس اغسطس آب_أغسطس", "سبتمبر", "أكتوبر اكتوبر", "نوفمبر",
                                       "ديسمبر"};
static const char *const lev_[13] = {NULL, "كانون_الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                                      "أيلول", "تشرين_الأول", "تشرين_الثاني", "كانون_الأول"};
static const char *const mag_[13] = {NULL, "جانفي", "فيفري", NULL, "أفريل", "ماي", "جوان", "جويلية", "أوت", "شتنبر",
                                      NULL, "نونبر", "دجنبر"};
static const char *const hij_[13] = {NULL, "محرم", "صفر", "ربيع_الأول ربيع_أول", "ربيع_الثاني ربيع_الآخر ربيع_ثاني",
                                      "جمادى_الأولى جمادى_الأول جمادي_الأولى جمادي_الاول", "جمادى_الآخرة جمادى_الثانية جمادي_الآخرة جمادى_الثاني جمادي_الثانية",
                                      "رجب", "شعبان", "رمضان", "شوال", "ذو_القعدة ذي_القعدة",
                                      "ذو_الحجة ذي_الحجة"};

static void lx_init_(void) {
  lx_tab_ = calloc(LX_SIZE, sizeof *lx_tab_);
  lx_pool_cap_ = 1 << 17;
  lx_pool_ = malloc(lx_pool_cap_);
  if (!lx_tab_ || !lx_pool_) {
    free(lx_tab_); free(lx_pool_);
    lx_tab_ = NULL; lx_pool_ = NULL;
    return;
  }
  for (int i = 0; verbs_[i]; i++) gen_verb_(verbs_[i]);
  add_list_(notq_, LX_NOTQ, 0, 0, NULL);
  for (int i = 0; adv_[i]; i++) gen_adv_(adv_[i]);
  add_list_("نافيا نافية", LX_ADV, 0, 0, NULL);
  add_list_("بحسب حسب وفقا وفقاً وفق طبقا طبقاً نقلا نقلاً حسبما وحسب وبحسب ووفقا ووفق", LX_ACC, 0, 0, NULL);
  add_list_("قوله قولها قولهم قولهما تأكيده تأكيدها تصريحه تصريحها إشارته", LX_QAWL, 0, 0, NULL);
  add_list_("أن إن بأن أنه إنه بأنه أنها إنها بأنها أنهم إنهم بأنهم أنهما إنهما بأنهما أننا إننا بأننا أنني إنني "
            "فإن فإنه لأن",
            LX_COMP, 0, 0, NULL);
  add_list_("في على عن إلى من خلال عبر أمام ضمن لدى حول أثناء خلال بعد قبل منذ عقب إثر وفي وعلى وخلال لـ ل ب "
            "للصحفيين لوسائل لصحيفة لوكالة لقناة لمحطة لموقع لتلفزيون لإذاعة لراديو لشبكة لمجلة لجريدة للصحافيين "
            "للصحافة خلاله خلالها عبره بعدما قبيل",
            LX_PREP, 0, 0, NULL);
  add_list_("الناطق الناطقة ناطق ناطقة المتحدث المتحدثة متحدث متحدثة الباحث الباحثة باحث باحثة الأمين أمين "
            "وزير الوزير وزيرة الوزيرة رئيس الرئيس رئيسة مستشار المستشار مستشارة كبير كبيرة أستاذ الأستاذ أستاذة "
            "خبير الخبير خبيرة الخبيرة المحلل محلل محللة مدير المدير مديرة المديرة مسؤول المسؤول مسؤولة "
            "مسؤولون المسؤولون مسؤولين السفير سفير السفيرة قائد القائد المندوب مندوب مندوبة عضو العضو نائب "
            "النائب نائبة زعيم الزعيم ولي المفتي الكاتب كاتب الكاتبة الصحفي المراسل مراسل المبعوث مبعوث "
            "المدعي العميد اللواء العقيد الجنرال المشير أمير الأمير الملك ملك الشيخ المحامي محامي المحامية "
            "الأستاذة المدرب مدرب رئيسة الممثل ممثل المفوض مفوض المستشارة السكرتير الأمينة قائدة "
            "الدبلوماسي دبلوماسي مصدر المصدر مصادر المصادر أستاذة الخبراء خبراء محللون المحللون",
            LX_ROLE, 0, 0, NULL);
  add_list_("السيد السيدة الدكتور الدكتورة د. المهندس الشيخ سمو معالي فخامة سعادة البروفسور البروفيسور بروفسور بروفيسور", LX_TITLE, 0, 0, NULL);
  add_list_("فقط أيضا أيضاً كذلك مرارا مرارًا مجددا مجدداً بدوره بدورها اليوم أمس غدا هذا هذه الأسبوع الشهر "
            "العام أمس صباح مساء ليلة يوم الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد "
            "بالفعل فعلا فعلاً رسميا رسمياً علنا علناً صراحة لاحقا لاحقاً سابقا سابقاً أمس، الخميس، مؤخرا مؤخراً حينها آنذاك حينذاك وقتها",
            LX_STOP, 0, 0, NULL);
  add_list_("كتاب كتابه كتابها فيلم فيلمه رواية روايته مسلسل برنامج أغنية قصيدة مجلة صحيفة جريدة وكالة قناة "
            "موقع حزب حركة منظمة جمعية مؤسسة شركة مجموعة تنظيم مبادرة مشروع قانون اتفاقية مؤتمر منتدى حلف "
            "جبهة مركز معهد بعنوان عنوان شعار وسم هاشتاغ هاشتاق عملية حملة مهرجان جائزة ائتلاف تحالف تيار "
            "كتائب لواء فرقة مسرحية معرض ألبوم مقال مقالة دراسة تقرير اسم باسم تسمية مصطلح كلمة عبارة وصف "
            "إطار تحت مسمى يسمى تسمى سمي سميت المسمى المسماة ما_يسمى صفحة حساب نادي فريق "
            "طراز نوع ماركة موديل نظام بطولة فعاليات مؤشر تطبيق منصة سلسلة مسابقة",
            LX_WORK, 0, 0, NULL);
  for (int m = 1; m <= 12; m++) {
    if (greg_[m]) add_list_(greg_[m], LX_MONTH, m, 1, NULL);
    if (lev_[m]) add_list_(lev_[m], LX_MONTH, m, 2, NULL);
    if (mag_[m]) add_list_(mag_[m], LX_MONTH, m, 3, NULL);
    add_list_(hij_[m], LX_MONTH, m, 4, NULL);
  }
  add_list_("ماي آب صفر رجب شعبان رمضان مارس محرم", LX_AMBIG, 0, 0, NULL);
  add_list_("كانون تشرين ربيع جمادى جمادي ذو ذي", LX_MPFX, 0, 0, NULL);
  static const char *const wd[7] = {"الأحد", "الاثنين الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"};
  for (int k = 0; k < 7; k++) add_list_(wd[k], LX_WDAY, k, 0, NULL);
  add_list_("يوم صباح مساء ليلة فجر ظهر عصر نهار ظهيرة صبيحة مساء_يوم صباح_يوم", LX_DAYW, 0, 0, NULL);
  static const char *const nw[] = {
      "صفر", "واحد واحدة", "اثنين اثنان اثنتين اثنتان", "ثلاث ثلاثة", "أربع أربعة", "خمس خمسة", "ست ستة",
      "سبع سبعة", "ثماني ثمانية ثمان", "تسع تسعة", "عشر عشرة", NULL};
  for (int k = 0; nw[k]; k++) add_list_(nw[k], LX_NUMW, k, 0, NULL);
  add_list_("عشرين عشرون", LX_NUMW, 20, 0, NULL);
  add_list_("ثلاثين ثلاثون", LX_NUMW, 30, 0, NULL);
  add_list_("أربعين أربعون", LX_NUMW, 40, 0, NULL);
  add_list_("خمسين خمسون", LX_NUMW, 50, 0, NULL);
  add_list_("ستين ستون", LX_NUMW, 60, 0, NULL);
  add_list_("سبعين سبعون", LX_NUMW, 70, 0, NULL);
  add_list_("ثمانين ثمانون", LX_NUMW, 80, 0, NULL);
  add_list_("تسعين تسعون", LX_NUMW, 90, 0, NULL);
  add_list_("مئة مائة", LX_NUMW, 100, 0, NULL);
  add_list_("مئتي مئتان مائتي مائتان مئتين مائتين", LX_NUMW, 200, 0, NULL);
  add_list_("ثلاثمئة ثلاثمائة", LX_NUMW, 300, 0, NULL);
  add_list_("أربعمئة أربعمائة", LX_NUMW, 400, 0, NULL);
  add_list_("خمسمئة خمسمائة", LX_NUMW, 500, 0, NULL);
  add_list_("ألف آلاف ألفا ألفين ألفان", LX_SCALE, 3, 0, NULL);
  add_list_("مليون ملايين مليونا مليونين", LX_SCALE, 6, 0, NULL);
  add_list_("مليار مليارات مليارا مليارين بليون بلايين", LX_SCALE, 9, 0, NULL);
  add_list_("تريليون ترليون", LX_SCALE, 12, 0, NULL);
  static const char *const ord[] = {NULL, "الأول الأولى أول", "الثاني الثانية", "الثالث الثالثة", "الرابع الرابعة",
                                    "الخامس الخامسة", "السادس السادسة", "السابع السابعة", "الثامن الثامنة",
                                    "التاسع التاسعة", "العاشر العاشرة", NULL};
  for (int k = 1; ord[k]; k++) add_list_(ord[k], LX_ORD, k, 0, NULL);
  add_list_("الحادي_عشر", LX_ORD, 11, 0, NULL);
  add_list_("الثاني_عشر", LX_ORD, 12, 0, NULL);
  add_list_("الثالث_عشر", LX_ORD, 13, 0, NULL);
  add_list_("الرابع_عشر", LX_ORD, 14, 0, NULL);
  add_list_("الخامس_عشر", LX_ORD, 15, 0, NULL);
  add_list_("السادس_عشر", LX_ORD, 16, 0, NULL);
  add_list_("السابع_عشر", LX_ORD, 17, 0, NULL);
  add_list_("الثامن_عشر", LX_ORD, 18, 0, NULL);
  add_list_("التاسع_عشر", LX_ORD, 19, 0, NULL);
  add_list_("العشرين", LX_ORD, 20, 0, NULL);
  add_list_("الثلاثين", LX_ORD, 30, 0, NULL);
  add_list_("غرة غرّة الحادي", LX_ORD, 1, 0, NULL);
  add_list_("مطلع أوائل بداية بدايات مستهل أول", LX_PERIOD, 1, 0, NULL);
  add_list_("منتصف أواسط", LX_PERIOD, 2, 0, NULL);
  add_list_("أواخر نهاية أخر آخر ختام", LX_PERIOD, 3, 0, NULL);
  add_list_("الماضي الماضية المنصرم المنصرمة الفائت الفائتة السابق السابقة", LX_REL, -1, 0, NULL);
  add_list_("المقبل المقبلة القادم القادمة التالي", LX_REL, 1, 0, NULL);
  add_list_("الجاري الجارية الحالي الحالية", LX_REL, 0, 0, NULL);
  add_list_("يوم يوما يوماً أيام يومين يومان", LX_DUR, 1, 0, NULL);
  add_list_("يومين يومان", LX_DUR, 1, 2, NULL);
  add_list_("أسبوع أسبوعا أسابيع", LX_DUR, 2, 0, NULL);
  add_list_("أسبوعين أسبوعان", LX_DUR, 2, 2, NULL);
  add_list_("شهر شهرا أشهر شهور", LX_DUR, 3, 0, NULL);
  add_list_("شهرين شهران", LX_DUR, 3, 2, NULL);
  add_list_("عام عاما عاماً أعوام سنة سنوات سنين", LX_DUR, 4, 0, NULL);
  add_list_("عامين عامان سنتين سنتان", LX_DUR, 4, 2, NULL);
  add_list_("سوف المقرر المتوقع يعتزم تعتزم ينوي تنوي يرتقب المرتقب المزمع غدا غداً المقبل المقبلة القادم "
            "القادمة يستعد تستعد سيكون ستكون",
            LX_FUT, 0, 0, NULL);
  add_list_("من بين منذ ومنذ قبل عام العام عامي سنه سنة السنة لعام وعام بعام فعام أمس البارحة اليوم غدا غداً غد "
            "الأسبوع الشهر هذا هذه شهر بشهر وشهر العامين سنتي "
            "العشرينيات الثلاثينيات الأربعينيات الخمسينيات الستينيات السبعينيات الثمانينيات التسعينيات "
            "العشرينات الثلاثينات الأربعينات الخمسينات الستينات السبعينات الثمانينات التسعينات",
            LX_TWORD, 0, 0, NULL);
  /* units: canonical forms */
  static const struct { const char *forms, *canon; } units[] = {
      {"ميل أميال ميلا ميلاً", "ميل"},
      {"كيلومتر كيلومترات كيلومترا كيلومتراً كلم كم", "كيلومتر"},
      {"متر أمتار مترا متراً م", "متر"},
      {"سنتيمتر سنتيمترات سم", "سنتيمتر"},
      {"ملم مليمتر مليمترات ملليمتر مم", "ملم"},
      {"كيلوغرام كيلوغرامات كيلوجرام كيلوجرامات كغ كلغ كيلو", "كيلوغرام"},
      {"غرام غرامات جرام جرامات", "غرام"},
      {"طن أطنان طنا طناً", "طن"},
      {"لتر لترات", "لتر"},
      {"برميل براميل", "برميل"},
      {"هكتار هكتارات", "هكتار"},
      {"دولار دولارات دولارا دولاراً", "دولار"},
      {"يورو", "يورو"},
      {"ريال ريالات ريالا ريالاً", "ريال"},
      {"جنيه جنيهات جنيها جنيهاً", "جنيه"},
      {"درهم دراهم درهما", "درهم"},
      {"دينار دنانير دينارا", "دينار"},
      {"ليرة ليرات", "ليرة"},
      {"نسمة", "نسمة"},
      {"شخص أشخاص شخصا شخصاً", "شخص"},
      {"قتيل قتلى قتيلا قتيلاً", "قتيل"},
      {"جريح جرحى جريحا", "جريح"},
      {"مواطن مواطنين مواطنا", "مواطن"},
      {"دولة دول", "دولة"},
      {"درجة درجات", "درجة"},
      {"ميغاواط ميجاوات ميغاوات", "ميغاواط"},
      {"بالمئة بالمائة", "%"},
      {"نقطة نقاط", "نقطة"},
      {"ساعة ساعات", "ساعة"},
      {"دقيقة دقائق", "دقيقة"},
      {"يوم يوما يوماً أيام", "يوم"},
      {"أسبوع أسابيع", "أسبوع"},
      {"شهر أشهر شهور", "شهر"},
      {"عام أعوام عاما عاماً سنة سنوات", "عام"},
      {NULL, NULL}};
  for (int k = 0; units[k].forms; k++) add_list_(units[k].forms, LX_UNIT, 0, 0, units[k].canon);
}

const rasd__lxent *rasd__lx_find(const char *w, size_t len, uint32_t mask) {
  pthread_once(&lx_once_, lx_init_);
  if (!lx_tab_ || !len) return NULL;
  uint32_t sg = sig_(w, len);
  if (!(lx_bloom_[BLOOM_BIT_(sg) >> 6] >> (BLOOM_BIT_(sg) & 63) & 1)) return NULL;
  uint32_t h = hash_(w, len) & (LX_SIZE - 1);
  for (;;) {
    const rasd__lxent *e = &lx_tab_[h];
    if (!e->key) return NULL;
    if (e->klen == len && (e->cls & mask) && !memcmp(e->key, w, len)) return e;
    h = (h + 1) & (LX_SIZE - 1);
  }
}

uint32_t rasd__lx_classes(const char *w, size_t len) {
  pthread_once(&lx_once_, lx_init_);
  return lx_classes_(w, len);
}

/* rasd__lx_classes() once the lexicon is built (the scanner asks for every word: pthread_once each time was 1 %
 * of its cost). */
static uint32_t lx_classes_(const char *w, size_t len) {
  if (!lx_tab_ || !len) return 0;
  uint32_t sg = sig_(w, len), cls = 0;
  if (!(lx_bloom_[BLOOM_BIT_(sg) >> 6] >> (BLOOM_BIT_(sg) & 63) & 1)) return 0;
  uint32_t h = hash_(w, len) & (LX_SIZE - 1);
  for (;;) {
    const rasd__lxent *e = &lx_tab_[h];
    if (!e->key) return cls;
    if (e->klen == len && !memcmp(e->key, w, len)) cls |= e->cls;
    h = (h + 1) & (LX_SIZE - 1);
  }
}

static size_t pfx_len_(const char *w, size_t len, const char *pfx) {
  /* Arabic letters of 'pfx' are two bytes each */
  if (len < 2) return 0;
  for (const char *p = pfx; p[0] && p[1]; p += 2)
    if (w[0] == p[0] && w[1] == p[1]) return 2;
  return 0;
}

const rasd__lxent *rasd__lx_findp(const char *w, size_t len, uint32_t mask, const char *pfx, const char *pfx2,
                                  size_t *skip) {
  const rasd__lxent *e = rasd__lx_find(w, len, mask);
  size_t k = 0;
  if (!e && pfx && len > 6 && (k = pfx_len_(w, len, pfx))) {
    e = rasd__lx_find(w + k, len - k, mask);
    if (!e && pfx2 && len - k > 6) {
      size_t k2 = pfx_len_(w + k, len - k, pfx2);
      if (k2) {
        e = rasd__lx_find(w + k + k2, len - k - k2, mask);
        if (e) k += k2;
      }
    }
  }
  if (skip) *skip = e ? k : 0;
  return e;
}
