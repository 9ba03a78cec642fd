/* ner_feat.c — NER features: word normalisation, clitic stripping, shapes, trigger lexicon, gazetteer spans, feature hashing. */
#include <stdlib.h>
#include <string.h>
#include "extract/ner.h"
#include "util/util.h"

const char *const rasd__ner_tag_names[RASD__NER_T] = {"O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
                                                      "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};

int rasd__ner_tag_parse(const char *s, size_t len) {
  for (int t = 0; t < RASD__NER_T; t++)
    if (strlen(rasd__ner_tag_names[t]) == len && !memcmp(s, rasd__ner_tag_names[t], len)) return t;
  if (len == 5 && !memcmp(s, "B-PER", 5)) return RASD__NER_B_PERS;
  if (len == 5 && !memcmp(s, "I-PER", 5)) return RASD__NER_I_PERS;
  return -1;
}

int rasd__ner_allowed(int a, int b) {
  if (b == RASD__NER_O || (b & 1)) return 1; /* O and B-X may follow anything */
  return a == b || a == b - 1;               /* I-X after B-X or I-X */
}

/* ---- hashing ---- */

static inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

static inline uint64_t hash_cps(const uint32_t *c, size_t n, uint64_t seed) {
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (size_t i = 0; i < n; i++) {
    h ^= c[i];
    h *= 0x100000001b3ULL;
  }
  return mix64(h ^ n);
}

static inline uint64_t comb(uint64_t a, uint64_t b) { return mix64(a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL); }

/* ---- normalisation ---- */

#define MAXCP 40

typedef struct wordinfo {
  uint32_t cp[MAXCP];
  int n;          /* code points kept in the form */
  int bare_off;   /* bare form = cp[bare_off .. n) */
  uint64_t h_form, h_bare, h_shape, h_clit;
  uint64_t h_pre[4], h_suf[4], h_bpre[2], h_bsuf[2];
  uint16_t cls;
  uint16_t clu;   /* distributional cluster + 1 (0: none), of the form as written */
  uint16_t clf;   /* the same, of the matching form (ى = ي, ة = ه, hamza folded) */
  uint64_t h_raw; /* the bare form as written, marks dropped (ى ≠ ي: على is not علي): the cluster key */
  uint16_t gaz;   /* per gazetteer type 2 bits: 1 = B, 2 = I; ANERgazet in bits 0-5 (+ bit 6: multiword),
                     the big name lists in bits 8-13 (+ bit 14) */
  uint8_t lenb;
  int has_al;
  int nlm;        /* name-likeness bin, -8..8 (0 when not an Arabic word) */
} wordinfo;

/* The matching form of one code point, or 0 to drop it. */
static inline uint32_t norm_cp(int32_t c) {
  if (c < 0) return 0;
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? (uint32_t)(c + 32) : (uint32_t)c;
  if (rasd__is_arabic_mark(c)) return 0;
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
    case 0x0649: case 0x06CC: return 0x064A;
    case 0x0629: return 0x0647;
    case 0x06A9: return 0x0643;
    case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F: case 0xFEFF: return 0;
  }
  if (c >= 0x0660 && c <= 0x0669) return (uint32_t)('0' + c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return (uint32_t)('0' + c - 0x06F0);
  if (c >= 0xFF10 && c <= 0xFF19) return (uint32_t)('0' + c - 0xFF10);
  return (uint32_t)c;
}

#define ALEF 0x0627
#define LAM 0x0644
#define WAW 0x0648
#define FA 0x0641
#define BA 0x0628
#define KAF 0x0643

/* Offset where the clitic-stripped ("bare") form starts: و/ف, then ال, لل, or ب/ك/ل + ال. */
static int bare_offset(const uint32_t *c, int n) {
  int o = 0;
  if (n - o >= 4 && (c[o] == WAW || c[o] == FA)) o++;
  if (n - o >= 4 && c[o] == ALEF && c[o + 1] == LAM) return o + 2;
  if (n - o >= 4 && c[o] == LAM && c[o + 1] == LAM) return o + 2;
  if (n - o >= 5 && (c[o] == BA || c[o] == KAF || c[o] == LAM) && c[o + 1] == ALEF && c[o + 2] == LAM) return o + 3;
  if (o == 1 && n - o < 2) return 0;
  return o;
}

/* Character class for the word shape: A Arabic, a Latin, 0 digit, p punctuation, o other. */
static inline uint32_t shape_class(uint32_t c) {
  if (c >= '0' && c <= '9') return '0';
  if ((c >= 'a' && c <= 'z') || (c >= 0xC0 && c < 0x250)) return 'a';
  if (rasd__is_arabic_letter((int32_t)c)) return 'A';
  if (c < 0x80 || (c >= 0x2000 && c <= 0x206F) || c == 0x060C || c == 0x061B || c == 0x061F || c == 0x066A ||
      c == 0x066B || c == 0x066C || c == 0x06D4 || c == 0xAB || c == 0xBB)
    return 'p';
  return 'o';
}

static uint64_t lex_get(const rasd__ner_lex *lx, uint64_t key);

static inline uint32_t tri_bucket(uint32_t a, uint32_t b, uint32_t c, unsigned bits) {
  uint64_t h = ((uint64_t)a * 0x9E3779B1u) ^ ((uint64_t)b * 0x85EBCA77u << 1) ^ ((uint64_t)c * 0xC2B2AE3Du << 2);
  return (uint32_t)(mix64(h) >> (64 - bits));
}

/* Trigram buckets of the code points c[0..n) with boundaries; only for words of Arabic letters. */
static size_t trigrams_cp(const uint32_t *c, int n, unsigned bits, uint32_t *out, size_t max) {
  if (n < 2) return 0;
  for (int i = 0; i < n; i++)
    if (!rasd__is_arabic_letter((int32_t)c[i])) return 0;
  size_t k = 0;
  for (int i = -1; i + 1 < n && k < max; i++) {
    uint32_t a = i < 0 ? '^' : c[i], b = c[i + 1], d = i + 2 < n ? c[i + 2] : '$';
    out[k++] = tri_bucket(a, b, d, bits);
  }
  return k;
}

static void word_info_lx(const rasd__ner_lex *lx, const rasd__ner_word *w, wordinfo *wi);
static void word_info(const rasd__ner_word *w, wordinfo *wi) { word_info_lx(NULL, w, wi); }

size_t rasd__ner_trigrams(const char *s, size_t len, unsigned bits, uint32_t *out, size_t max) {
  rasd__ner_word w = {s, (uint32_t)len};
  wordinfo wi;
  word_info(&w, &wi);
  return trigrams_cp(wi.cp, wi.n, bits, out, max);
}

static void word_info_lx(const rasd__ner_lex *lx, const rasd__ner_word *w, wordinfo *wi) {
  int n = 0;
  size_t i = 0;
  uint32_t shape[6];
  int ns = 0, total = 0;
  uint32_t raw[MAXCP];
  while (i < w->len) {
    int32_t c = rasd__utf8_next(w->s, w->len, &i);
    uint32_t m = norm_cp(c);
    if (!m) continue;
    total++;
    uint32_t sc = shape_class(m);
    if (ns < 6 && (ns == 0 || shape[ns - 1] != sc)) shape[ns++] = sc;
    if (n < MAXCP) raw[n] = c < 0x80 ? m : (uint32_t)c, wi->cp[n++] = m;
  }
  wi->n = n;
  wi->bare_off = bare_offset(wi->cp, n);
  wi->h_raw = n > wi->bare_off ? hash_cps(raw + wi->bare_off, (size_t)(n - wi->bare_off), 0xC1C1A5A5F00DULL) | 1 : 0;
  const uint32_t *b = wi->cp + wi->bare_off;
  int nb = n - wi->bare_off;
  wi->has_al = wi->bare_off >= 2 && wi->cp[wi->bare_off - 1] == LAM;
  wi->h_form = hash_cps(wi->cp, (size_t)n, 1);
  wi->h_bare = hash_cps(b, (size_t)nb, 2);
  wi->h_clit = hash_cps(wi->cp, (size_t)wi->bare_off, 3);
  wi->lenb = (uint8_t)(total <= 2 ? total : total <= 3 ? 3 : total <= 5 ? 4 : total <= 8 ? 5 : 6);
  shape[ns < 6 ? ns : 5] = wi->lenb;
  wi->h_shape = hash_cps(shape, (size_t)(ns < 6 ? ns : 5) + 1, 4);
  /* affixes: running FNV states (the feature bucket function mixes them) */
  {
    uint64_t hp = 0xcbf29ce484222325ULL, hs = 0x84222325cbf29ce4ULL;
    for (int k = 0; k < 4; k++) {
      if (n > k + 1) {
        hp = (hp ^ wi->cp[k]) * 0x100000001b3ULL;
        hs = (hs ^ wi->cp[n - 1 - k]) * 0x100000001b3ULL;
        wi->h_pre[k] = hp;
        wi->h_suf[k] = hs;
      } else {
        wi->h_pre[k] = 7;
        wi->h_suf[k] = 8;
      }
    }
    hp = 0x1234567ULL;
    hs = 0x7654321ULL;
    for (int k = 0; k < 3; k++) {
      hp = (hp ^ (nb > k ? b[k] : 0)) * 0x100000001b3ULL;
      hs = (hs ^ (nb > k ? b[nb - 1 - k] : 0)) * 0x100000001b3ULL;
      if (k >= 1) {
        wi->h_bpre[k - 1] = nb > k + 1 ? hp : 9;
        wi->h_bsuf[k - 1] = nb > k + 1 ? hs : 10;
      }
    }
  }
  wi->cls = 0;
  wi->gaz = 0;
  wi->nlm = 0;
  wi->clu = 0;
  wi->clf = 0;
  if (lx && wi->h_raw) {
    wi->clu = (uint16_t)lex_get(lx, wi->h_raw);
    wi->clf = (uint16_t)lex_get(lx, mix64(wi->h_bare ^ 0xF01DC1A5ULL) | 1);
  }
  if (lx && lx->nlm) {
    uint32_t tb[MAXCP + 2];
    size_t k = trigrams_cp(wi->cp, n, lx->nlm_bits, tb, MAXCP + 2);
    if (k) {
      int sum = 0;
      for (size_t q = 0; q < k; q++) sum += lx->nlm[tb[q]];
      int v = sum / (int)k; /* mean log-ratio × 16 */
      v = v >= 0 ? (v + 4) / 8 : -((-v + 4) / 8);
      wi->nlm = v > 8 ? 8 : v < -8 ? -8 : v;
      if (wi->nlm == 0) wi->nlm = 9; /* distinguish "neutral" from "not scored" */
    }
  }
  /* nisba adjective: ال + stem + ي / ية, e.g. الروسي، السعودية */
  if (wi->has_al && nb >= 3 &&
      (b[nb - 1] == 0x064A || (nb >= 4 && b[nb - 1] == 0x0647 && b[nb - 2] == 0x064A)))
    wi->cls |= RASD__LX_NISBA;
}

uint64_t rasd__ner_cluster_key(const char *s, size_t len, int folded) {
  rasd__ner_word w = {s, (uint32_t)(len > UINT32_MAX ? UINT32_MAX : len)};
  wordinfo wi;
  word_info(&w, &wi);
  if (!wi.h_raw) return 0;
  return folded ? mix64(wi.h_bare ^ 0xF01DC1A5ULL) | 1 : wi.h_raw;
}

uint64_t rasd__ner_def_key(const char *s, size_t len, int *definite) {
  rasd__ner_word w = {s, (uint32_t)(len > UINT32_MAX ? UINT32_MAX : len)};
  wordinfo wi;
  word_info(&w, &wi);
  *definite = wi.has_al;
  return wi.n - wi.bare_off >= 2 ? wi.h_bare : 0;
}

int rasd__ner_word_cluster(const rasd__ner_lex *lx, const char *s, size_t len) {
  rasd__ner_word w = {s, (uint32_t)(len > UINT32_MAX ? UINT32_MAX : len)};
  wordinfo wi;
  word_info(&w, &wi);
  return wi.n > wi.bare_off && lx ? (int)lex_get(lx, mix64(wi.h_bare ^ 0xF01DC1A5ULL) | 1) : 0;
}

int rasd__ner_word_traits(const rasd__ner_lex *lx, const char *s, size_t len, uint16_t *cls, int *nlm) {
  rasd__ner_word w = {s, (uint32_t)(len > UINT32_MAX ? UINT32_MAX : len)};
  wordinfo wi;
  word_info_lx(lx, &w, &wi);
  *cls = wi.cls;
  if (wi.n) *cls |= (uint16_t)(lex_get(lx, comb(0x5bd1e995ULL, wi.h_bare) | 1) & ~RASD__LX_PREFIX);
  *nlm = wi.nlm == 9 ? 0 : wi.nlm;
  return wi.has_al;
}

/* ---- lexicon ---- */

uint64_t rasd__ner_phrase_key(const char *s, size_t len) {
  uint64_t h = 0x5bd1e995ULL;
  size_t i = 0;
  int words = 0;
  while (i < len) {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    size_t st = i;
    while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') i++;
    if (i == st) break;
    rasd__ner_word w = {s + st, (uint32_t)(i - st)};
    wordinfo wi;
    word_info(&w, &wi);
    if (wi.n == 0) continue;
    h = comb(h, wi.h_bare);
    words++;
  }
  return words ? (h | 1) : 0;
}

int rasd__ner_lex_init(rasd__ner_lex *lx, size_t cap) {
  size_t c = 64;
  while (c < cap * 2) c <<= 1;
  memset(lx, 0, sizeof *lx);
  lx->keys = calloc(c, sizeof *lx->keys);
  lx->vals = calloc(c, sizeof *lx->vals);
  if (!lx->keys || !lx->vals) {
    rasd__ner_lex_free(lx);
    return -1;
  }
  lx->mask = (uint32_t)(c - 1);
  return 0;
}

void rasd__ner_lex_free(rasd__ner_lex *lx) {
  if (!lx->external) {
    free(lx->keys);
    free(lx->vals);
  }
  memset(lx, 0, sizeof *lx);
}

int rasd__ner_lex_add_key(rasd__ner_lex *lx, uint64_t key, uint16_t bits) {
  if (!key || !lx->keys) return -1;
  uint32_t p = (uint32_t)(key >> 17) & lx->mask;
  while (lx->keys[p] && lx->keys[p] != key) p = (p + 1) & lx->mask;
  if (!lx->keys[p]) {
    if ((lx->n + 1) * 2 > lx->mask + 1) return -1; /* keep load ≤ 1/2 */
    lx->keys[p] = key;
    lx->n++;
  }
  lx->vals[p] |= bits;
  return 0;
}

int rasd__ner_lex_add_phrase(rasd__ner_lex *lx, const char *s, size_t len, uint16_t bits) {
  uint64_t k = rasd__ner_phrase_key(s, len);
  if (!k) return 0;
  int words = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < len) words++;
    while (i < len && s[i] != ' ' && s[i] != '\t') i++;
  }
  if (words > 6) return 0;
  if (words > lx->max_words) lx->max_words = words;
  /* every shorter start of the phrase (the same chain of keys as rasd__ner_phrase_key) is marked */
  uint64_t h = 0x5bd1e995ULL;
  size_t i = 0;
  while (i < len) {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    size_t st = i;
    while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') i++;
    if (i == st) break;
    rasd__ner_word w = {s + st, (uint32_t)(i - st)};
    wordinfo wi;
    word_info(&w, &wi);
    if (wi.n == 0) continue;
    h = comb(h, wi.h_bare);
    if ((h | 1) == k) break;
    if (rasd__ner_lex_add_key(lx, h | 1, RASD__LX_PREFIX)) return -1;
  }
  return rasd__ner_lex_add_key(lx, k, bits);
}

#define FILT_BIT(key) ((key) & ((1u << 20) - 1))
void rasd__ner_lex_filter(rasd__ner_lex *lx, uint64_t *filt) {
  for (uint32_t p = 0; lx->keys && p <= lx->mask; p++)
    if (lx->keys[p]) filt[FILT_BIT(lx->keys[p]) >> 6] |= 1ULL << (FILT_BIT(lx->keys[p]) & 63);
  lx->filt = filt;
}

static uint64_t lex_get(const rasd__ner_lex *lx, uint64_t key) {
  if (!lx || !lx->keys) return 0;
  if (lx->filt && !(lx->filt[FILT_BIT(key) >> 6] & (1ULL << (FILT_BIT(key) & 63)))) return 0;
  uint32_t p = (uint32_t)(key >> 17) & lx->mask;
  while (lx->keys[p]) {
    if (lx->keys[p] == key) return lx->vals[p];
    p = (p + 1) & lx->mask;
  }
  return 0;
}

/* Our own trigger lists (written for rasd; not from any gazetteer). */
static const char *const lx_title[] = {
    "الرئيس", "رئيس", "الزعيم", "زعيم", "وزير", "الوزير", "وزيرة", "السيد", "السيدة", "المتحدث باسم", "المتحدثة باسم",
    "الناطق باسم", "رئيس الوزراء", "رئيس الحكومة", "الملك", "الملكة", "الأمير", "الأميرة", "الشيخ", "الدكتور", "د.",
    "العقيد", "اللواء", "العميد", "الجنرال", "الفريق", "المشير", "النائب", "نائب", "المستشار", "المستشارة", "السفير",
    "سفير", "المبعوث", "مبعوث", "الأمين العام", "أمين عام", "المرشد", "آية الله", "البابا", "الإمام", "المدرب",
    "اللاعب", "الكاتب", "الشاعر", "الفنان", "الفنانة", "المخرج", "الممثل", "الممثلة", "الباحث", "الأستاذ", "البروفيسور",
    "المدير", "مدير", "المدير العام", "محافظ", "المحافظ", "حاكم", "الحاكم", "قائد", "القائد", "المفوض", "المندوب",
    "مندوب", "المراسل", "مراسل", "الصحفي", "الصحافي", "المحلل", "الخبير", "رئيسة", "الرئيسة", "نظيره", "نظيرها",
    "السلطان", "ولي العهد", "خادم الحرمين", "المتحدث", "الناطق", "الرئيس التنفيذي", "الحاخام", "القس", "المطران",
    "الأب", "النجم", "بطل", "البطل", "الدولي", "عضو", "العضو", "المرشح", "المرشحة", "الأسير", "الشهيد", "الضابط",
    "الجندي", "المواطن", "المواطنة", "الطفل", "الطفلة", "الشاب", "الفتاة"};
static const char *const lx_orghead[] = {
    "وكالة", "صحيفة", "جامعة", "مجلس", "شركة", "منظمة", "وزارة", "حزب", "حركة", "جبهة", "اتحاد", "بنك", "البنك",
    "مصرف", "هيئة", "لجنة", "جمعية", "مؤسسة", "قناة", "إذاعة", "محكمة", "المحكمة", "مجموعة", "المجلس", "الاتحاد",
    "الجيش", "جيش", "قوات", "القوات", "الشرطة", "شرطة", "نادي", "النادي", "فريق", "منتخب", "المنتخب", "مركز", "معهد",
    "مكتب", "إدارة", "الإدارة", "دائرة", "مديرية", "سلطة", "السلطة", "رابطة", "نقابة", "صندوق", "برنامج", "مجلة",
    "تلفزيون", "التلفزيون", "وكالة أنباء", "الأمم المتحدة", "الجامعة العربية", "جماعة", "تنظيم", "كتائب", "ألوية",
    "مجمع", "الحكومة", "حكومة", "البرلمان", "برلمان", "الكونغرس", "الكونجرس", "مجلس الأمن", "الحرس", "بورصة",
    "البورصة", "سوق", "مستشفى", "المستشفى", "كلية", "أكاديمية", "المفوضية", "مفوضية", "الأمانة", "ائتلاف",
    "تحالف", "التحالف", "الهيئة", "المنظمة", "الجمعية", "الحزب", "الحركة", "الجبهة", "الشركة", "الصحيفة", "الوكالة"};
static const char *const lx_lochead[] = {
    "مدينة", "المدينة", "بلدة", "قرية", "عاصمة", "العاصمة", "محافظة", "ولاية", "إقليم", "منطقة", "جزيرة", "جزر", "نهر",
    "بحر", "البحر", "جبل", "جبال", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "مخيم",
    "حي", "شارع", "ميدان", "ساحة", "قضاء", "ناحية", "مقاطعة", "دولة", "جمهورية", "مملكة", "إمارة", "بلاد", "أراضي",
    "سواحل", "خليج", "مضيق", "صحراء", "وادي", "بحيرة", "ضواحي", "قرب", "بالقرب", "مطار", "ميناء", "معبر", "حدود",
    "شبه جزيرة", "المحيط", "محيط"};
static const char *const lx_report[] = {
    "قال", "قالت", "أعلن", "أعلنت", "أكد", "أكدت", "صرح", "صرحت", "أضاف", "أضافت", "أوضح", "أوضحت", "ذكر", "ذكرت",
    "أشار", "أشارت", "نقل", "نقلت", "أفاد", "أفادت", "دعا", "دعت", "التقى", "استقبل", "زار", "بحث", "وصل", "غادر",
    "اتهم", "اتهمت", "يقول", "تقول", "نفى", "نفت", "حذر", "حذرت", "طالب", "طالبت", "وقع", "وقعت", "أعرب", "أعربت"};
static const char *const lx_prep[] = {"في", "من", "إلى", "الى", "على", "عن", "مع", "بين", "حتى", "منذ", "عند", "لدى",
                                      "نحو", "خلال", "عبر", "ضد", "بعد", "قبل", "أمام", "داخل", "خارج", "تجاه", "حول"};
static const char *const lx_func[] = {"و", "أن", "إن", "ان", "الذي", "التي", "الذين", "هذا", "هذه", "ذلك", "تلك", "كما",
                                      "لكن", "أو", "ثم", "قد", "لقد", "لم", "لن", "لا", "ما", "هو", "هي", "هم", "كان",
                                      "كانت", "وقد", "وكان", "أي", "كل", "بعض", "غير", "إلا", "إذا", "حيث", "عام",
                                      "العام", "يوم", "اليوم", "أمس", "امس", "غدا", "أيضا", "فقط", "جدا"};
static const char *const lx_first[] = {
    "محمد", "أحمد", "علي", "حسن", "حسين", "عمر", "خالد", "عبدالله", "عبد الله", "إبراهيم", "يوسف", "مصطفى", "محمود",
    "سعيد", "سعد", "فهد", "سلمان", "فيصل", "ناصر", "عبدالعزيز", "عبد العزيز", "عبدالرحمن", "طارق", "هشام", "ياسر",
    "وليد", "سامي", "نبيل", "جمال", "كمال", "عادل", "صالح", "سالم", "ماجد", "حمد", "زايد", "راشد", "منصور", "مروان",
    "فاطمة", "عائشة", "مريم", "زينب", "نور", "سارة", "ليلى", "هدى", "رانيا", "جورج", "جون", "ديفيد", "مايكل", "بيتر",
    "جيمس", "روبرت", "توماس", "فلاديمير", "سيرغي", "سيرجي", "ديمتري", "نيكولاي", "إيمانويل", "دونالد", "جو",
    "باراك", "هيلاري", "كيم", "شي", "رجب", "بشار", "حافظ", "معمر", "صدام", "نوري", "حيدر", "مقتدى", "عمار",
    "إسماعيل", "موسى", "عيسى", "داود", "سليمان", "يحيى", "زكريا", "أنور", "حسني", "جمال", "رفيق", "سعود", "نايف",
    "مقرن", "تركي", "بندر", "نواف", "عبدالملك", "هادي", "منصور", "شارل", "فرانسوا", "نيكولا", "أنجيلا", "تيريزا",
    "بوريس", "ماري", "آن", "بان", "أنطونيو", "خوسيه", "كارلوس", "لويس", "ميشيل", "ميشال", "إيلي", "نجيب", "سمير",
    "وائل", "أيمن", "أسامة", "معاذ", "بلال", "حمزة", "طلال", "غسان", "عماد", "رياض", "نزار", "هاني", "ابن", "بن", "بنت",
    "أبو", "أم", "عبد"};
static const char *const lx_month[] = {
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
    "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "الأحد", "الاثنين",
    "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "رمضان", "شوال", "محرم", "صفر", "رجب", "شعبان"};

#define NLIST(a) (sizeof(a) / sizeof((a)[0]))
static const struct {
  const char *const *w;
  size_t n;
  uint16_t bits;
} lx_lists[] = {
    {lx_title, NLIST(lx_title), RASD__LX_TITLE},       {lx_orghead, NLIST(lx_orghead), RASD__LX_ORGHEAD},
    {lx_lochead, NLIST(lx_lochead), RASD__LX_LOCHEAD}, {lx_report, NLIST(lx_report), RASD__LX_REPORT},
    {lx_prep, NLIST(lx_prep), RASD__LX_PREP},          {lx_func, NLIST(lx_func), RASD__LX_FUNC},
    {lx_first, NLIST(lx_first), RASD__LX_FIRST},       {lx_month, NLIST(lx_month), RASD__LX_MONTH},
};

int rasd__ner_lex_add_builtin(rasd__ner_lex *lx) {
  for (size_t l = 0; l < NLIST(lx_lists); l++)
    for (size_t i = 0; i < lx_lists[l].n; i++)
      if (rasd__ner_lex_add_phrase(lx, lx_lists[l].w[i], strlen(lx_lists[l].w[i]), lx_lists[l].bits)) return -1;
  return 0;
}

uint64_t rasd__ner_builtin_sum(void) {
  uint64_t h = mix64(RASD__NER_FEAT_VERSION);
  for (size_t l = 0; l < NLIST(lx_lists); l++)
    for (size_t i = 0; i < lx_lists[l].n; i++)
      h = comb(h, comb(rasd__ner_phrase_key(lx_lists[l].w[i], strlen(lx_lists[l].w[i])), lx_lists[l].bits));
  return h;
}

/* ---- per-word view, scratch and features ---- */

/* Feature bucket of value 'v' for feature number 'k'. */
static inline uint32_t fbucket(int k, uint64_t v, unsigned shift) {
  return (uint32_t)(mix64(((uint64_t)k << 56) ^ v ^ ((uint64_t)k * 0x9E3779B97F4A7C15ULL)) >> shift);
}

/* Feature numbers of the word-only features (they are the same wherever the word stands), of the
 * neighbour features (as the word before, two before, after, two after: form and bare form each) and of
 * the rest (context), which together are 0 .. RASD__NER_NF-1. */
static const uint8_t self_k[RASD__NER_NSELF] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 32, 33, 34, 35, 36, 47, 49, 55, 59, 60};
static const uint8_t nb_k[RASD__NER_NNB] = {12, 16, 14, 18, 13, 17, 15, 19};
static const uint8_t ctx_k[RASD__NER_NCTX] = {20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 37, 38, 39, 40, 41,
                                              42, 43, 44, 45, 46, 48, 50, 51, 52, 53, 54, 56, 57, 58, 61, 62};
_Static_assert(RASD__NER_NSELF + RASD__NER_NNB + RASD__NER_NCTX == RASD__NER_NF, "feature partition");

void rasd__ner_word_tok(const rasd__ner_lex *lx, const rasd__ner_word *w, unsigned bits, rasd__ner_tok *t,
                        uint32_t *self) {
  wordinfo wi;
  word_info_lx(lx, w, &wi);
  t->h_form = wi.h_form;
  t->h_bare = wi.h_bare;
  t->h_shape = wi.h_shape;
  t->h_suf0 = wi.h_suf[0];
  t->h_suf1 = wi.h_suf[1];
  t->cls = wi.cls;
  t->gaz = 0;
  t->clu = wi.clu;
  t->clf = wi.clf;
  t->nlm = (int8_t)wi.nlm;
  t->has_al = (uint8_t)wi.has_al;
  t->nonempty = wi.n > 0;
  t->bare2 = wi.n - wi.bare_off >= 2;
  t->lex1 = wi.n > 0 ? (uint16_t)lex_get(lx, comb(0x5bd1e995ULL, wi.h_bare) | 1) : 0;
  const unsigned sh = 64 - bits;
  t->b37z = fbucket(ctx_k[12], comb(0, wi.h_suf[1]), sh);
  const uint64_t nlm = (uint64_t)(wi.nlm + 64);
  const uint64_t v[RASD__NER_NSELF] = {0,
                                       wi.h_form,
                                       wi.h_bare,
                                       wi.h_pre[0],
                                       wi.h_pre[1],
                                       wi.h_pre[2],
                                       wi.h_pre[3],
                                       wi.h_suf[0],
                                       wi.h_suf[1],
                                       wi.h_suf[2],
                                       wi.h_suf[3],
                                       wi.h_shape,
                                       wi.h_bpre[0],
                                       wi.h_bpre[1],
                                       wi.h_bsuf[0],
                                       wi.h_bsuf[1],
                                       wi.h_clit,
                                       nlm,
                                       comb(nlm, (uint64_t)wi.has_al),
                                       wi.clu,
                                       comb(wi.clu, (uint64_t)wi.has_al),
                                       wi.clf};
  for (int q = 0; q < RASD__NER_NSELF; q++) self[q] = fbucket(self_k[q], v[q], sh);
}

static const uint64_t BOS = 0x1111, EOS = 0x2222;

void rasd__ner_nb_feats(const rasd__ner_tok *t, unsigned bits, uint32_t *out) {
  const unsigned sh = 64 - bits;
  /* a missing neighbour reads BOS before the sentence and EOS + 1 after it */
  uint64_t f0 = t ? t->h_form : BOS, b0 = t ? t->h_bare : BOS, f1 = t ? t->h_form : EOS + 1, b1 = t ? t->h_bare : EOS + 1;
  const uint64_t v[RASD__NER_NNB] = {f0, b0, f0, b0, f1, b1, f1, b1};
  for (int q = 0; q < RASD__NER_NNB; q++) out[q] = fbucket(nb_k[q], v[q], sh);
}

/* Marks gazetteer spans (longest match per type) and multiword trigger phrases. */
void rasd__ner_mark(const rasd__ner_lex *lx, rasd__ner_tok *wi, size_t n) {
  int maxw = lx->max_words > 0 ? lx->max_words : 1;
  size_t cover[6] = {0, 0, 0, 0, 0, 0}; /* per gazetteer type: tokens before this index are covered */
  static const int gbit[6] = {RASD__LX_GAZ_LOC, RASD__LX_GAZ_PERS, RASD__LX_GAZ_ORG,
                              RASD__LX_NAM_LOC, RASD__LX_NAM_PERS, RASD__LX_NAM_ORG};
  static const int gsh[6] = {0, 2, 4, 8, 10, 12};
  for (size_t i = 0; i < n; i++) {
    if (!wi[i].nonempty || !wi[i].lex1) continue; /* most words: no phrase, nor the start of one (as L = 1 below) */
    uint64_t h = 0x5bd1e995ULL;
    int best[6] = {0, 0, 0, 0, 0, 0}, any = 0;
    for (int L = 1; L <= maxw && i + (size_t)L <= n; L++) {
      const rasd__ner_tok *w = &wi[i + (size_t)L - 1];
      if (!w->nonempty) break;
      /* the chain of keys (rasd__ner_phrase_key()) from the second word on: the first word's is its lex1, and most
       * words begin no phrase */
      if (L == 2) h = comb(h, wi[i].h_bare);
      if (L >= 2) h = comb(h, w->h_bare);
      uint64_t v = L == 1 ? w->lex1 : lex_get(lx, h | 1);
      if (!v) break; /* not a phrase, nor the start of one */
      uint16_t trig = (uint16_t)(v & ~(RASD__LX_GAZ_ALL | RASD__LX_PREFIX));
      if (trig)
        for (int k = 0; k < L; k++) wi[i + (size_t)k].cls |= trig;
      if (v & RASD__LX_GAZ_ALL)
        for (int t = 0; t < 6; t++)
          if (v & gbit[t]) best[t] = L, any = 1;
      if (!(v & RASD__LX_PREFIX)) break;
    }
    if (!any) continue;
    for (int t = 0; t < 6; t++) {
      if (!best[t] || i + (size_t)best[t] <= cover[t]) continue;
      if (i >= cover[t]) wi[i].gaz |= (uint16_t)(1u << gsh[t]);
      for (int k = 1; k < best[t]; k++) wi[i + (size_t)k].gaz |= (uint16_t)(2u << gsh[t]);
      if (best[t] > 1)
        for (int k = 0; k < best[t]; k++) wi[i + (size_t)k].gaz |= (uint16_t)(t < 3 ? 0x40 : 0x4000);
      cover[t] = i + (size_t)best[t];
    }
  }
}

/* Bucket tables of the context features whose values come from small sets (gazetteer bytes, name-likeness
 * bins, trigger masks, cluster ids): the same buckets as hashing the values, looked up instead of hashed.
 * Index RASD__NER_CTAB_CL of a cluster dimension is the sentence's edge. */
#define CL RASD__NER_CTAB_CL
#define NL 18 /* name-likeness bins -8..9 */
struct rasd__ner_ctab {
  uint32_t pos[4];
  uint32_t g29[256], g30[257], g31[257], g44[256], g45[257], g46[257];
  uint32_t n50[NL][NL + 1], n51[NL][NL + 1];
  uint32_t w52[16], w53[16], w54[16][NL];
  uint32_t c56[CL + 1][CL], c57[CL][CL + 1], c58[CL + 1][CL + 1], c61[CL + 1][CL], c62[CL][CL + 1];
  uint32_t k24[0x10000], k25[0x10002], k26[0x10002]; /* a class mask (16 bits; the edges 0x10000, 0x10001) */
  uint32_t z27, z28, z41, n48[NL]; /* the pair features of two zero values (most tokens have no class or gazetteer
                                      mark): 27, 28 and 41 of comb(0, 0), 48 by name-likeness bin with a class 0 */
};

/* The value of a name-likeness bin index (0..NL-1) as the features see it (an int8 widened), and of a
 * cluster index (CL: the edge value 'edge'). */
static inline uint64_t nl_val(int b) { return (uint64_t)(int64_t)(b - 8); }
static inline uint64_t cl_val(int c, uint64_t edge) { return c == CL ? edge : (uint64_t)c; }

rasd__ner_ctab *rasd__ner_ctab_new(unsigned bits) {
  rasd__ner_ctab *t = malloc(sizeof *t);
  if (!t) return NULL;
  const unsigned sh = 64 - bits;
  /* feature numbers: the q-th context feature is ctx_k[q] (see rasd__ner_ctx_feats) */
  for (int v = 0; v < 4; v++) t->pos[v] = fbucket(ctx_k[15], (uint64_t)v, sh);
  for (int v = 0; v < 257; v++) {
    if (v < 256) {
      t->g29[v] = fbucket(ctx_k[9], (uint64_t)v, sh);
      t->g44[v] = fbucket(ctx_k[19], (uint64_t)v, sh);
    }
    t->g30[v] = fbucket(ctx_k[10], v == 256 ? 0x10000u : (uint64_t)v, sh);
    t->g31[v] = fbucket(ctx_k[11], v == 256 ? 0x10001u : (uint64_t)v, sh);
    t->g45[v] = fbucket(ctx_k[20], (uint64_t)v, sh); /* the edges read 0x10000 >> 8 = 0x10001 >> 8 = 256 */
    t->g46[v] = fbucket(ctx_k[21], (uint64_t)v, sh);
  }
  for (int a = 0; a < NL; a++) {
    uint64_t nlm = (uint64_t)(a - 8 + 64);
    for (int b = 0; b <= NL; b++) {
      t->n50[a][b] = fbucket(ctx_k[23], comb(nlm, b == NL ? 100 : nl_val(b)), sh);
      t->n51[a][b] = fbucket(ctx_k[24], comb(nlm, b == NL ? 101 : nl_val(b)), sh);
    }
    for (int w = 0; w < 16; w++) t->w54[w][a] = fbucket(ctx_k[27], comb((uint64_t)w << 3, nlm), sh);
  }
  for (int w = 0; w < 16; w++) {
    t->w52[w] = fbucket(ctx_k[25], (uint64_t)w << 3, sh);
    t->w53[w] = fbucket(ctx_k[26], ((uint64_t)w << 3) + 0x100000, sh);
  }
  t->z27 = fbucket(ctx_k[7], comb(0, 0), sh);
  t->z28 = fbucket(ctx_k[8], comb(0, 0), sh);
  t->z41 = fbucket(ctx_k[16], comb(0, 0), sh);
  for (int b = 0; b < NL; b++) t->n48[b] = fbucket(ctx_k[22], comb((uint64_t)(b - 8 + 64), 0), sh);
  for (uint32_t v = 0; v < 0x10002; v++) {
    if (v < 0x10000) t->k24[v] = fbucket(ctx_k[4], v, sh);
    t->k25[v] = fbucket(ctx_k[5], v, sh);
    t->k26[v] = fbucket(ctx_k[6], v, sh);
  }
  for (int a = 0; a <= CL; a++)
    for (int b = 0; b <= CL; b++) {
      if (b < CL) t->c56[a][b] = fbucket(ctx_k[28], comb(cl_val(a, 0x10000), (uint64_t)b), sh);
      if (a < CL) t->c57[a][b] = fbucket(ctx_k[29], comb((uint64_t)a, cl_val(b, 0x10001)), sh);
      t->c58[a][b] = fbucket(ctx_k[30], comb(cl_val(a, 0x10000), cl_val(b, 0x10001)), sh);
      if (b < CL) t->c61[a][b] = fbucket(ctx_k[31], comb(cl_val(a, 0x10000), (uint64_t)b), sh);
      if (a < CL) t->c62[a][b] = fbucket(ctx_k[32], comb((uint64_t)a, cl_val(b, 0x10001)), sh);
    }
  return t;
}

void rasd__ner_ctab_free(rasd__ner_ctab *t) { free(t); }

#define TRIG_MASK (RASD__LX_TITLE | RASD__LX_ORGHEAD | RASD__LX_LOCHEAD | RASD__LX_REPORT)

/* The context features of token i; with 'tb' the small-set features are looked up (same buckets). 'inner' (a
 * constant where it is inlined): 2 <= i < n - 2, so that no neighbour read is past an edge and no test is needed. */
static inline __attribute__((always_inline)) void ctx_feats(const rasd__ner_ctab *tb, const rasd__ner_tok *wi, size_t n,
                                                           size_t i, unsigned bits, const uint64_t *pp,
                                                           const int16_t *rows, const uint64_t *wlr, uint32_t *out,
                                                           int inner) {
  const unsigned shift = 64 - bits;
#define AT(j, field, edge) (inner ? wi[(j)].field : (j) < 0 ? (edge) : (size_t)(j) >= n ? (edge) + 1 : wi[(j)].field)
#define EDGE_B(x) (!inner && (x)) /* 'x' (the token before is missing) can hold only near an edge */
#define EDGE_A(x) (!inner && (x)) /* the same for the token after */
  const rasd__ner_tok *c = &wi[i];
  long ii = (long)i;
  int q = 0;
  /* each bucket's weight row is asked for as soon as the bucket is known ('rows' NULL: not) */
#define PUT(b)                                                                  \
  do {                                                                          \
    uint32_t b_ = (b);                                                          \
    out[q++] = b_;                                                              \
    if (rows) __builtin_prefetch(rows + (size_t)b_ * RASD__NER_RS);             \
  } while (0)
#define F(v) PUT(fbucket(ctx_k[q], (uint64_t)(v), shift))
#define FT(ok, tab, v) PUT(tb && (ok) ? (tab) : fbucket(ctx_k[q], (uint64_t)(v), shift))
  uint64_t fm1 = AT(ii - 1, h_form, BOS), fp1 = AT(ii + 1, h_form, EOS);
  uint64_t fp2 = AT(ii + 2, h_form, EOS);
  uint64_t bm1 = AT(ii - 1, h_bare, BOS), bp1 = AT(ii + 1, h_bare, EOS);
  uint64_t cm1 = AT(ii - 1, cls, 0x10000), cp1 = AT(ii + 1, cls, 0x10000);
  uint64_t cm2 = AT(ii - 2, cls, 0x10000), cp2 = AT(ii + 2, cls, 0x10000);
  uint64_t gm1 = AT(ii - 1, gaz, 0x10000), gp1 = AT(ii + 1, gaz, 0x10000);
  uint64_t sm1 = AT(ii - 1, h_shape, BOS), sp1 = AT(ii + 1, h_shape, EOS);
  uint64_t s1m1 = AT(ii - 1, h_suf0, BOS);
  uint64_t nlm = (uint64_t)(c->nlm + 64);
  /* the pairs of rasd__ner_ctx_pairs: form pair (j, j+1) at pf[j + 2], bare form pb, class pc */
  const uint64_t *pf = pp, *pb = pp ? pp + n + 3 : NULL, *pc = pp ? pp + 2 * (n + 3) : NULL;
  F(pp ? pf[i + 1] : comb(fm1, c->h_form)); /* 20 */
  F(pp ? pf[i + 2] : comb(c->h_form, fp1)); /* 21 */
  F(pp ? pb[i + 1] : comb(bm1, c->h_bare)); /* 22 */
  F(pp ? pb[i + 2] : comb(c->h_bare, bp1)); /* 23 */
  FT(1, tb->k24[c->cls], c->cls);      /* 24 */
  FT(cm1 < 0x10002, tb->k25[cm1], cm1); /* 25 */
  FT(cp1 < 0x10002, tb->k26[cp1], cp1); /* 26 */
  /* a pair's bucket is that of its value: comb(0, 0)'s is looked up */
  FT(pp && pc[i] == comb(0, 0), tb->z27, pp ? pc[i] : comb(cm2, cm1));         /* 27 */
  FT(pp && pc[i + 3] == comb(0, 0), tb->z28, pp ? pc[i + 3] : comb(cp1, cp2)); /* 28 */
  /* gazetteer bytes: an edge reads 0x10000 (before) or 0x10001 (after), table index 256 */
  FT(1, tb->g29[c->gaz & 0xff], c->gaz & 0xff); /* 29 */
  FT(1, tb->g30[EDGE_B(ii < 1) ? 256 : gm1 & 0xff], gm1 & 0x100ff); /* 30 */
  FT(1, tb->g31[EDGE_A(i + 1 >= n) ? 256 : gp1 & 0xff], gp1 & 0x100ff); /* 31 */
  FT(!cm1, c->b37z, comb(cm1, c->h_suf1)); /* 37 (the word's own bucket for a class 0 before it) */
  F(comb(comb(sm1, c->h_shape), sp1)); /* 38 */
  F(comb(bm1, bp1));                   /* 39 */
  FT(1, tb->pos[EDGE_B(i == 0) ? 1 : EDGE_A(i + 1 == n) ? 2 : 3], EDGE_B(i == 0) ? 1 : EDGE_A(i + 1 == n) ? 2 : 3); /* 40 */
  FT(!c->gaz && !cm1, tb->z41, comb(c->gaz, cm1)); /* 41 */
  F(comb(s1m1, c->h_suf0));            /* 42 */
  F(pp ? pf[i + 3] : comb(fp1, fp2)); /* 43 */
  FT(1, tb->g44[c->gaz >> 8], c->gaz >> 8); /* 44: big name lists */
  FT(1, tb->g45[gm1 >> 8], gm1 >> 8);       /* 45 */
  FT(1, tb->g46[gp1 >> 8], gp1 >> 8);       /* 46 */
  uint64_t nm1 = AT(ii - 1, nlm, 100), np1 = AT(ii + 1, nlm, 100);
  FT(!cm1 && (unsigned)(c->nlm + 8) < NL, tb->n48[c->nlm + 8], comb(nlm, cm1)); /* 48 */
  /* name-likeness bins: -8..9 (index + 8), an edge reads 100 or 101 (index NL) */
  int nb0 = c->nlm + 8, nbm = EDGE_B(ii < 1) ? NL : wi[ii - 1].nlm + 8, nbp = EDGE_A(i + 1 >= n) ? NL : wi[i + 1].nlm + 8;
  int nl_ok = (unsigned)nb0 < NL && (EDGE_B(ii < 1) || (unsigned)nbm < NL) && (EDGE_A(i + 1 >= n) || (unsigned)nbp < NL);
  FT(nl_ok, tb->n50[nb0][nbm], comb(nlm, nm1)); /* 50 */
  FT(nl_ok, tb->n51[nb0][nbp], comb(nlm, np1)); /* 51 */
  {
    /* trigger words anywhere in the three tokens before / after ('wlr': given by the caller) */
    uint64_t wl = 0, wr = 0;
    if (wlr) {
      wl = wlr[0];
      wr = wlr[1];
    } else {
      for (long j = ii - 3; j < ii; j++)
        if (j >= 0) wl |= wi[j].cls & TRIG_MASK;
      for (long j = ii + 1; j <= ii + 3; j++)
        if ((size_t)j < n) wr |= wi[j].cls & TRIG_MASK;
    }
    FT(1, tb->w52[wl >> 3], wl);                           /* 52 */
    FT(1, tb->w53[wr >> 3], wr + 0x100000);                /* 53 */
    FT((unsigned)nb0 < NL, tb->w54[wl >> 3][nb0], comb(wl, nlm)); /* 54 */
  }
  /* distributional clusters (unlabelled news) of the word and its neighbours */
  uint64_t um1 = AT(ii - 1, clu, 0x10000), up1 = AT(ii + 1, clu, 0x10000);
  uint64_t vm1 = AT(ii - 1, clf, 0x10000), vp1 = AT(ii + 1, clf, 0x10000);
  {
    /* cluster ids 0..CL-1, the edges index CL */
    unsigned u0 = c->clu, um = EDGE_B(ii < 1) ? CL : wi[ii - 1].clu, up = EDGE_A(i + 1 >= n) ? CL : wi[i + 1].clu;
    unsigned v0 = c->clf, vm = EDGE_B(ii < 1) ? CL : wi[ii - 1].clf, vp = EDGE_A(i + 1 >= n) ? CL : wi[i + 1].clf;
    int u_ok = u0 < CL && (EDGE_B(ii < 1) || um < CL) && (EDGE_A(i + 1 >= n) || up < CL);
    int v_ok = v0 < CL && (EDGE_B(ii < 1) || vm < CL) && (EDGE_A(i + 1 >= n) || vp < CL);
    FT(u_ok, tb->c56[um][u0], comb(um1, c->clu)); /* 56 */
    FT(u_ok, tb->c57[u0][up], comb(c->clu, up1)); /* 57 */
    FT(u_ok, tb->c58[um][up], comb(um1, up1));    /* 58 */
    FT(v_ok, tb->c61[vm][v0], comb(vm1, c->clf)); /* 61 */
    FT(v_ok, tb->c62[v0][vp], comb(c->clf, vp1)); /* 62 */
  }
#undef PUT
#undef F
#undef FT
#undef AT
#undef EDGE_B
#undef EDGE_A
}

void rasd__ner_ctx_feats(const rasd__ner_tok *wi, size_t n, size_t i, unsigned bits, uint32_t *out) {
  ctx_feats(NULL, wi, n, i, bits, NULL, NULL, NULL, out, 0);
}

void rasd__ner_ctx_feats_tab(const rasd__ner_ctab *tb, const rasd__ner_tok *wi, size_t n, unsigned bits,
                             const uint64_t *pairs, const int16_t *rows, uint32_t *out) {
  /* the trigger masks of the three tokens before and after token i, slid along (0 past the edges) */
#define TRIG_AT(j) ((j) < n ? (uint64_t)(wi[(j)].cls & TRIG_MASK) : 0)
  uint64_t m3 = 0, m2 = 0, m1 = 0, t0 = TRIG_AT(0), p1 = TRIG_AT(1), p2 = TRIG_AT(2), p3 = TRIG_AT(3);
  for (size_t i = 0; i < n; i++) {
    const uint64_t wlr[2] = {m3 | m2 | m1, p1 | p2 | p3};
    if (rows && i >= 2 && i + 2 < n) ctx_feats(tb, wi, n, i, bits, pairs, rows, wlr, out + i * RASD__NER_NCTX, 1);
    else if (rows) ctx_feats(tb, wi, n, i, bits, pairs, rows, wlr, out + i * RASD__NER_NCTX, 0);
    else ctx_feats(tb, wi, n, i, bits, pairs, NULL, wlr, out + i * RASD__NER_NCTX, 0);
    m3 = m2, m2 = m1, m1 = t0, t0 = p1, p1 = p2, p2 = p3, p3 = TRIG_AT(i + 4);
  }
#undef TRIG_AT
}

void rasd__ner_ctx_pairs(const rasd__ner_tok *wi, size_t n, uint64_t *pairs) {
  /* the values ctx_feats reads at j: the token's, or the edge's (before the sentence: BOS or 0x10000; after it:
   * EOS + 1 or 0x10001) */
#define AT(j, field, before, after) ((j) < 0 ? (uint64_t)(before) : (size_t)(j) >= n ? (uint64_t)(after) : wi[(j)].field)
  uint64_t *pf = pairs, *pb = pairs + n + 3, *pc = pairs + 2 * (n + 3);
  for (long j = -2; j <= (long)n; j++) {
    pf[j + 2] = comb(AT(j, h_form, BOS, EOS + 1), AT(j + 1, h_form, BOS, EOS + 1));
    pb[j + 2] = comb(AT(j, h_bare, BOS, EOS + 1), AT(j + 1, h_bare, BOS, EOS + 1));
    uint64_t ca = AT(j, cls, 0x10000, 0x10001), cb = AT(j + 1, cls, 0x10000, 0x10001);
    pc[j + 2] = ca | cb ? comb(ca, cb) : comb(0, 0); /* (a constant: most pairs have no class) */
  }
#undef AT
}
#undef CL
#undef NL

struct rasd__ner_scratch {
  size_t cap;
  rasd__ner_tok *t;
  uint32_t *self; /* cap × NSELF */
};

rasd__ner_scratch *rasd__ner_scratch_new(size_t cap) {
  rasd__ner_scratch *s = malloc(sizeof *s);
  if (!s) return NULL;
  s->cap = cap ? cap : 1;
  s->t = malloc(s->cap * sizeof *s->t);
  s->self = malloc(s->cap * RASD__NER_NSELF * sizeof *s->self);
  if (!s->t || !s->self) {
    rasd__ner_scratch_free(s);
    return NULL;
  }
  return s;
}

void rasd__ner_scratch_free(rasd__ner_scratch *s) {
  if (!s) return;
  free(s->t);
  free(s->self);
  free(s);
}

size_t rasd__ner_scratch_cap(const rasd__ner_scratch *s) { return s->cap; }

void rasd__ner_features(const rasd__ner_lex *lx, const rasd__ner_word *w, size_t n, unsigned bits,
                        rasd__ner_scratch *sc, uint32_t *feats) {
  rasd__ner_tok *t = sc->t;
  for (size_t i = 0; i < n; i++) rasd__ner_word_tok(lx, &w[i], bits, &t[i], sc->self + i * RASD__NER_NSELF);
  rasd__ner_mark(lx, t, n);
  uint32_t nb[RASD__NER_NNB], ctx[RASD__NER_NCTX];
  for (size_t i = 0; i < n; i++) {
    uint32_t *f = feats + i * RASD__NER_NF;
    for (int q = 0; q < RASD__NER_NSELF; q++) f[self_k[q]] = sc->self[i * RASD__NER_NSELF + (size_t)q];
    /* as seen from token i: the word before (nb 0-1), two before (2-3), after (4-5), two after (6-7) */
    static const int off[4] = {-1, -2, 1, 2};
    for (int r = 0; r < 4; r++) {
      long j = (long)i + off[r];
      rasd__ner_nb_feats(j >= 0 && (size_t)j < n ? &t[j] : NULL, bits, nb);
      f[nb_k[2 * r]] = nb[2 * r];
      f[nb_k[2 * r + 1]] = nb[2 * r + 1];
    }
    rasd__ner_ctx_feats(t, n, i, bits, ctx);
    for (int q = 0; q < RASD__NER_NCTX; q++) f[ctx_k[q]] = ctx[q];
  }
}
