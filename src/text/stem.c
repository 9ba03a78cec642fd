/* stem.c — clitic-aware light stemmer: bare form (proclitics off), stem (suffixes off), stopwords, clitic splits. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "text/text.h"

/* Letters in the matching form are two-byte UTF-8 (U+0600–U+06FF); AR(x) compares one letter. */
#define L_WAW "\xd9\x88"
#define L_FEH "\xd9\x81"
#define L_BEH "\xd8\xa8"
#define L_LAM "\xd9\x84"
#define L_KAF "\xd9\x83"
#define L_ALEF "\xd8\xa7"
#define L_SEEN "\xd8\xb3"
#define L_TEH "\xd8\xaa"
#define L_YEH "\xd9\x8a"
#define L_HEH "\xd9\x87"
#define L_NOON "\xd9\x86"

static int is_letter2(const unsigned char *p) { return (p[0] == 0xD8 || p[0] == 0xD9 || p[0] == 0xDA || p[0] == 0xDB) && (p[1] & 0xC0) == 0x80; }

/* Number of letters when w is pure two-byte Arabic, else -1. */
static int ar_letters(const char *w, size_t len) {
  if (len & 1) return -1;
  for (size_t i = 0; i < len; i += 2)
    if (!is_letter2((const unsigned char *)w + i)) return -1;
  return (int)(len / 2);
}

static int at(const char *w, size_t len, size_t i, const char *l) { return i + 2 <= len && w[i] == l[0] && w[i + 1] == l[1]; }

/* ---- Protected words: look like clitic + word but are one word (matching form, prefixes). ---- */

/* Protected entries are whole words; an entry ending in '*' also protects every word it begins. */

/* Words that start with ال (or a look-alike from أل/آل/إل) where ال is not the article. */
static const char *const protect_al[] = {
  "الله", "اللهم", "التي", "الذي", "الذين", "اللذين", "اللذان", "اللتان", "اللتين", "اللاتي", "اللواتي", "اللائي",
  "اليه", "اليها", "اليهم", "اليهما", "اليكم", "الينا", "اليك", "الان", "الماني*", "البانيا", "الباني",
  "الكسندر*", "الكسي", "اليكس", "اليزابيث", "الغاء", "الغي", "الغت", "القاء", "القي", "القت", "القاها", "الزام",
  "الحاق", "الهام", "الكترون*", "التزام*", "التزم*", "التقاء", "التقي", "التقت", "التقاط", "التقطت", "التحاق",
  "التحق", "التحقت", "التفاف", "التهاب*", "الفا", "الفين", "الاف", "الوان", "الفاظ", "الياف", "الغام", "البوم",
  "اليات", "الحان", "البرت", "الفريد", "الياس", "البرتو", "الهه", "الاسكا", "البرازيل", "الجزائر", NULL};

/* Words whose first letter (و ف ب ل ك) is a root letter, not a clitic. */
static const char *const protect_one[] = {
  /* و */
  "وكال*", "وكيل*", "وكلاء", "ولاي*", "وراء*", "وقع", "وقعت", "وقعوا", "وقوع", "وحد", "وحده", "وحدها", "وحدات",
  "وحدة", "وحيد*", "ودي", "وديا", "وديه", "وديع*", "وليد*", "ورش*", "وتير*", "وقت", "وقتا", "وقتها", "وقته",
  "وقتنا", "ولاه", "ويندوز", "وقف", "وقفت", "وقفه", "وقوف", "وقود", "ولاد*", "ولد", "ولدت", "وهمي*", "ووتش", "وقائع",
  "وقاي*", "وصل", "وصلت", "وصلوا", "وصول*", "وصف", "وصفت", "وصفها", "وضع", "وضعت", "وضعها", "وضعه", "وضوح*", "وجد",
  "وجدت", "وجدوا", "وجود*", "وجه", "وجهت", "وجهها", "وجوه*", "وجب", "وجبه", "وجبات", "وزن", "وزنها", "وعد", "وعود",
  "وعي", "وفاء", "وفق", "وفقا", "وفر", "وفره", "وفاه", "وفاته", "وفد", "وفود", "وثيق*", "وثائق*", "ودائع", "ودود",
  "ورق", "ورقه", "ورد", "وردت", "ورود", "ورث", "وريث*", "ورم", "وحش", "وهب", "وهاب", "وهران", "ولي", "وليام",
  "ويليام", "ويلز", "وارد", "واردات", "وائل", "واحد*", "واضح*", "واسع*", "واشنطن", "واقع*", "واجب*", "واجه*",
  "وافق*", "واصل*", "وافد*", "واعد*", "واسط", "واحه", "والد", "والده", "والدي", "والدته", "والدها", "والدين",
  "والديه", "والي", "ولاء", "وكر", "وباء", "وتر", "وحل", "ومض", "وميض", "وهج", "وسام", "وزير*", "وزار*", "وزراء",
  "وطن*", "ويب", "ويكي*", "وول", "وودي", "ويست*", "وينر", "وود", "وادي", "واثق", "واحات", "واحتنا",
  /* ف */
  "فما", "فمن", "فهد", "فهم", "فهمي", "فهيد", "فدي", "فدا", "فدرال*", "فهرس*", "فمبر",
  /* ب */
  "بقي", "بقيه", "بقيت", "بقاء", "بقايا", "بسيط*", "بساط*", "بحث", "بحثا", "بحثيه", "بحاح", "بخاري", "بصمه",
  "بصمات", "بهجه", "بحت", "بحته", "بقيق", "بحر", "بحري*", "بحار", "بحيره", "بحيرات", "بحور", "بقر", "بقره", "بقعه",
  "بقال", "بقاله", "بتر", "بتول", "بثينه", "بث", "بخل", "بخار", "بخور", "بزوغ", "بزنس", "بسم", "بسمه", "بسام",
  "بستان*", "بسكويت", "بصر", "بصري", "بصير*", "بصل", "بصره", "بمب", "بهاء", "بهو", "بهائم", "بهرام", "بهي", "بجاد",
  "بحرين", "بسط", "بخيت", "بخش", "بالغ*", "بالون*", "باله",
  /* ل */
  "لقاء*", "لقائ*", "لعب", "لعبه", "لعبت", "لعبوا", "لعبها", "لخويا", "لمس", "لمسه", "لمسات", "لقط", "لقطات",
  "لقطه", "لقب", "لقبه", "لقاح*", "لقمه", "لطيف*", "لطف", "لطفي", "لعن", "لعنه", "لعاب", "لعل", "لفت", "لفتت",
  "لفظ", "لفيف", "لمح", "لمحه", "لمحات", "لمع", "لهب", "لهجه", "لهجات", "لهو", "لهيب", "لذيذ*", "لذه", "لذا",
  "لزوم", "لزم", "لسان*", "لص", "لصوص", "لصق", "لطالما", "لقي", "لقيت", "لقيط", "لثام", "لذلك", "لهذا", "لهم",
  "لها", "لهما", "لهن", "لمن", "لما", "لماذا", "لسنا", "لست", "لستر", "لعمر", "لقمان", "لمياء", "لمه",
  /* ك */
  "كذب", "كذاب", "كذا", NULL};

/* A tiny open-addressing hash set of byte strings of at most 16 bytes (every list entry is), keyed by the
 * string as two zero-padded 64-bit words: one multiply-mix per look-up instead of a byte-serial hash. */
#define HKEY 16
typedef struct { uint64_t k0, k1; uint32_t len, used; } hent;
typedef struct { hent *e; size_t mask; uint32_t lens; /* bit n: an entry of n bytes exists */ } hset;

/* The first n ≤ 16 bytes of s as two zero-padded little-endian words, reading only s[0..n). */
static inline void key16(const char *s, size_t n, uint64_t *k0, uint64_t *k1) {
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    memcpy(&a, s, 8);
    if (n == 16) memcpy(&b, s + 8, 8);
    else if (n > 8) { memcpy(&b, s + n - 8, 8); b >>= 8 * (16 - n); }
  } else if (n >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, s, 4);
    memcpy(&hi, s + n - 4, 4);
    a = (uint64_t)lo | (uint64_t)hi << (8 * (n - 4));
  } else {
    for (size_t i = 0; i < n; i++) a |= (uint64_t)(unsigned char)s[i] << (8 * i);
  }
  *k0 = a;
  *k1 = b;
}

/* The first n bytes of the key (k0, k1), the rest zeroed. */
static inline void key_cut(uint64_t k0, uint64_t k1, size_t n, uint64_t *c0, uint64_t *c1) {
  *c0 = n >= 8 ? k0 : k0 & ((1ull << (8 * n)) - 1);
  *c1 = n >= 16 ? k1 : n <= 8 ? 0 : k1 & ((1ull << (8 * (n - 8))) - 1);
}

static inline size_t hkey_hash(uint64_t k0, uint64_t k1, size_t n) {
  uint64_t h = (k0 * 0x9E3779B97F4A7C15ull) ^ (k1 * 0xC2B2AE3D27D4EB4Full) ^ (n * 0x165667B19E3779F9ull);
  h ^= h >> 31;
  return (size_t)(h * 0x94D049BB133111EBull >> 32);
}

static int hset_probe(const hset *h, uint64_t k0, uint64_t k1, size_t len) {
  size_t k = hkey_hash(k0, k1, len) & h->mask;
  while (h->e[k].used) {
    if (h->e[k].len == len && h->e[k].k0 == k0 && h->e[k].k1 == k1) return 1;
    k = (k + 1) & h->mask;
  }
  return 0;
}

/* Builds 'h' from 'words'; with 'star' = 1 only the entries ending in '*' (without it), with 0 the others
 * (star = -1: all entries as they are). */
static void hset_build_sel(hset *h, const char *const *words, int star) {
  size_t n = 0;
  while (words[n]) n++;
  size_t cap = 16;
  while (cap < n * 3) cap *= 2;
  h->e = calloc(cap, sizeof(hent));
  h->mask = cap - 1;
  if (!h->e) return;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(words[i]);
    int is_star = star >= 0 && len && words[i][len - 1] == '*';
    if (star >= 0 && is_star != star) continue;
    len -= (size_t)is_star;
    if (len > HKEY) abort(); /* a list entry longer than the key: lengthen HKEY */
    h->lens |= 1u << len;
    uint64_t k0, k1;
    key16(words[i], len, &k0, &k1);
    size_t k = hkey_hash(k0, k1, len) & h->mask;
    while (h->e[k].used && !(h->e[k].len == len && h->e[k].k0 == k0 && h->e[k].k1 == k1)) k = (k + 1) & h->mask;
    h->e[k] = (hent){k0, k1, (uint32_t)len, 1};
  }
}

static void hset_build(hset *h, const char *const *words) { hset_build_sel(h, words, -1); }

/* 1 when a prefix of s of a byte length in [lo, hi] is in h (the string is read once). */
static int hset_has_prefix(const hset *h, const char *s, size_t len, size_t lo, size_t hi) {
  if (!h->e) return 0;
  if (hi > len) hi = len;
  if (hi > HKEY) hi = HKEY;
  if (lo < 1) lo = 1;
  uint32_t cand = hi >= lo ? (h->lens >> lo) & ((2u << (hi - lo)) - 1) : 0; /* bit j: length lo + j */
  if (!cand) return 0;
  uint64_t k0, k1;
  key16(s, hi, &k0, &k1);
  while (cand) {
    size_t n = lo + (size_t)__builtin_ctz(cand);
    cand &= cand - 1;
    uint64_t c0, c1;
    key_cut(k0, k1, n, &c0, &c1);
    if (hset_probe(h, c0, c1, n)) return 1;
  }
  return 0;
}

static int hset_has(const hset *h, const char *s, size_t len) {
  if (!h->e || len > HKEY || !(h->lens >> len & 1)) return 0;
  uint64_t k0, k1;
  key16(s, len, &k0, &k1);
  return hset_probe(h, k0, k1, len);
}

/* Our own list of Arabic function words (matching form: ا for أإآ, ي for ى, ه for ة) and a few English ones. */
static const char *const stopwords[] = {
  "في", "من", "علي", "الي", "عن", "مع", "ان", "انه", "انها", "انهم", "اننا", "انني", "كان", "كانت", "كانوا", "يكون",
  "تكون", "يكن", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللاتي", "اللواتي", "ما", "لا", "لم", "لن", "قد",
  "هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان", "هؤلاء", "اولئك", "هو", "هي", "هم", "هن", "هما", "انا", "نحن", "انت",
  "انتم", "كل", "بعض", "غير", "بين", "حتي", "ثم", "او", "ام", "بل", "لكن", "لكنه", "لكنها", "ولكن", "اذا", "اذ",
  "لو", "كما", "حيث", "عند", "عندما", "منذ", "خلال", "بعد", "قبل", "امام", "فوق", "تحت", "اي", "ايضا", "فقط",
  "اما", "الا", "مثل", "نحو", "لدي", "عليه", "عليها", "عليهم", "فيه", "فيها", "فيهم", "منه", "منها", "منهم", "اليه",
  "اليها", "عنه", "عنها", "عنهم", "له", "لها", "لهم", "به", "بها", "بهم", "ذاك", "هناك", "هنا", "الان", "لقد",
  "سوف", "ليس", "ليست", "دون", "ضد", "حول", "عبر", "لدي", "لديه", "لديها", "لديهم", "كي", "لكي", "لان", "مما",
  "ممن", "عما", "فيما", "بينما", "كذلك", "لذلك", "ذات", "ذو", "ذي", "كلا", "كلتا", "سوي", "جدا", "تم", "يتم",
  "حين", "حينما", "وفق", "لدى", "عدم", "مدي", "اذن", "انما", "بان", "بانه", "بانها", "اثناء", "ازاء", "لدن",
  "هل", "كيف", "متي", "اين", "لماذا", "ماذا", "مازال", "لازال", "مايزال", "لايزال", "زال", "يزال", "ظل",
  "the", "a", "an", "of", "to", "in", "and", "or", "for", "on", "at", "by", "with", "from", "is", "are", "was",
  "were", "be", "this", "that", "it", "as", NULL};

static hset stop_set, al_set, al_pre, one_set, one_pre;

/* A quick "no entry can match": which pairs of letters (at letter index 'at' and at+1, letters U+0620–U+065F)
 * begin the entries of a protected list (whole words and prefixes alike). */
typedef struct { uint64_t m[64]; int at, ok; } lfilt;
static lfilt al_f, one_f;

static int letter_ix(const unsigned char *p) {
  if (p[0] != 0xD8 && p[0] != 0xD9) return -1;
  if ((p[1] & 0xC0) != 0x80) return -1;
  int cp = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
  return cp >= 0x620 && cp < 0x660 ? cp - 0x620 : -1;
}

static void lfilt_build(lfilt *f, const char *const *words, int at) {
  f->at = at;
  f->ok = 1;
  for (const char *const *p = words; *p; p++) {
    size_t n = strlen(*p);
    if (n && (*p)[n - 1] == '*') n--;
    const unsigned char *u = (const unsigned char *)*p;
    int a = n >= (size_t)(2 * at + 4) ? letter_ix(u + 2 * at) : -1, b = a >= 0 ? letter_ix(u + 2 * at + 2) : -1;
    if (a < 0 || b < 0) { f->ok = 0; return; } /* an entry the filter cannot describe: no filtering */
    f->m[a] |= 1ull << b;
  }
}

/* 0 when no entry of the filtered list can equal w or begin it. */
static inline int lfilt_may(const lfilt *f, const char *w, size_t len) {
  if (!f->ok) return 1;
  size_t o = 2 * (size_t)f->at;
  if (len < o + 4) return 0; /* every entry has at least at+2 letters */
  int a = letter_ix((const unsigned char *)w + o), b = letter_ix((const unsigned char *)w + o + 2);
  if (a < 0 || b < 0) return 0;
  return (int)(f->m[a] >> b & 1);
}

/* Second letters a one-letter proclitic may come off before (pair_ok): bit (letter - U+0620) per clitic. */
static uint64_t pair_waw, pair_feh, pair_beh, pair_lam, pair_kaf;

static uint64_t letters_mask(const char *allowed) {
  uint64_t m = 0;
  for (const unsigned char *a = (const unsigned char *)allowed; *a; a += 2) {
    int ix = letter_ix(a);
    if (ix >= 0) m |= 1ull << ix;
  }
  return m;
}
/* Bit (first byte's low 6 bits of the 2nd byte) per byte length ≤ 16: a quick "cannot be a stopword". */
static uint64_t stop_filter[17];

static void filter_add(const char *w) {
  size_t n = strlen(w);
  if (n <= 16) stop_filter[n] |= 1ull << ((unsigned char)w[n > 1 ? 1 : 0] & 63);
}
static pthread_once_t once = PTHREAD_ONCE_INIT;
static void build(void) {
  hset_build(&stop_set, stopwords);
  for (const char *const *p = stopwords; *p; p++) filter_add(*p);
  hset_build_sel(&al_set, protect_al, 0);
  hset_build_sel(&al_pre, protect_al, 1);
  hset_build_sel(&one_set, protect_one, 0);
  hset_build_sel(&one_pre, protect_one, 1);
  lfilt_build(&al_f, protect_al, 2);
  lfilt_build(&one_f, protect_one, 0);
  pair_waw = letters_mask("بتحخدذرشعغقكلمنهويا");
  pair_feh = letters_mask("دمه");
  pair_beh = letters_mask("بتثجحخزسصفقمه");
  pair_lam = letters_mask("تثخذرزسشصضطعفقمه");
  pair_kaf = letters_mask("ذ");
}
static void init(void) { pthread_once(&once, build); }

int rasd__is_stopword(const char *w, size_t len) {
  init();
  if (len > 16 || len == 0) return 0;
  if ((stop_filter[len] >> ((unsigned char)w[len > 1 ? 1 : 0] & 63) & 1) && hset_has(&stop_set, w, len)) return 1;
  /* و / ف + function word (وفي, فإن, ولكن, وهو). */
  if (len > 2 && (at(w, len, 0, L_WAW) || at(w, len, 0, L_FEH)) &&
      (stop_filter[len - 2] >> ((unsigned char)w[len - 2 > 1 ? 3 : 2] & 63) & 1) && hset_has(&stop_set, w + 2, len - 2))
    return 1;
  return 0;
}


/* 1 when some prefix of w (2 to 8 letters) is a protected word. */
static int protected_one(const char *w, size_t len) {
  init();
  if (!lfilt_may(&one_f, w, len)) return 0;
  return hset_has(&one_set, w, len) || hset_has_prefix(&one_pre, w, len, 6, 16);
}

static int protected_al(const char *w, size_t len) {
  init();
  if (!lfilt_may(&al_f, w, len)) return 0;
  return hset_has(&al_set, w, len) || hset_has_prefix(&al_pre, w, len, 8, 20);
}

/* Single-letter proclitic 'c' may come off before the letter at w (pairs measured on news text to be
 * clitics ≥ 85% of the time). */
static int pair_ok(const char *c, const unsigned char *n) {
  /* Second letter as its code point low byte set; all letters are U+0621..U+064A here. */
  if (!is_letter2(n)) return 0;
  init();
  unsigned cp = ((n[0] & 0x1Fu) << 6) | (n[1] & 0x3Fu);
  uint64_t allowed;
  if (c[1] == L_WAW[1] && c[0] == L_WAW[0]) allowed = pair_waw;
  else if (c[0] == L_FEH[0] && c[1] == L_FEH[1]) allowed = pair_feh;
  else if (c[0] == L_BEH[0] && c[1] == L_BEH[1]) allowed = pair_beh;
  else if (c[0] == L_LAM[0] && c[1] == L_LAM[1]) allowed = pair_lam;
  else if (c[0] == L_KAF[0] && c[1] == L_KAF[1]) allowed = pair_kaf;
  else return 0;
  return cp >= 0x620 && cp < 0x660 && (allowed >> (cp - 0x620) & 1);
}

static int protected_one(const char *w, size_t len);

/* Offset after an article at w+p (ال, لل, بال, كال), keeping ≥ 2 letters; 0 when none. */
static size_t article_at(const char *w, size_t len, size_t p) {
  const char *r = w + p;
  size_t rl = len - p;
  if (rl >= 8 && at(r, rl, 0, L_ALEF) && at(r, rl, 2, L_LAM)) {
    if (protected_al(r, rl)) return 0;
    return p + 4;
  }
  if (rl >= 8 && at(r, rl, 0, L_LAM) && at(r, rl, 2, L_LAM)) {
    /* لل + noun (للرئيس); لله is too short to get here. */
    return p + 4;
  }
  if (rl >= 12 && (at(r, rl, 0, L_BEH) || at(r, rl, 0, L_KAF)) && at(r, rl, 2, L_ALEF) && at(r, rl, 4, L_LAM)) {
    if (protected_al(r + 2, rl - 2) || protected_one(r, rl)) return 0; /* بالغة is not ب+ال+غة */
    return p + 6;
  }
  return 0;
}

size_t rasd__bare_offset(const char *w, size_t len) {
  const unsigned char *u = (const unsigned char *)w;
  /* Quick reject: every proclitic starts with و ف ب ل ك or ا (ال). */
  if (len < 6 || len > 120 || u[0] < 0xD8 || u[0] > 0xD9) return 0;
  if (!(at(w, len, 0, L_WAW) || at(w, len, 0, L_FEH) || at(w, len, 0, L_BEH) || at(w, len, 0, L_LAM) ||
        at(w, len, 0, L_KAF) || at(w, len, 0, L_ALEF)))
    return 0;
  if (ar_letters(w, len) < 3) return 0;
  size_t conj = (at(w, len, 0, L_WAW) || at(w, len, 0, L_FEH)) ? 2 : 0;
  size_t a;
  if (conj && (a = article_at(w, len, conj))) return protected_one(w, len) ? 0 : a; /* والد, والي */
  if ((a = article_at(w, len, 0))) return a;
  size_t off = 0;
  if (conj && len - 2 >= 6 && pair_ok(w, u + 2) && !protected_one(w, len) && !protected_one(w + 2, len - 2)) off = 2;
  if ((at(w, len, off, L_BEH) || at(w, len, off, L_LAM) || at(w, len, off, L_KAF)) && len - off - 2 >= 6 &&
      pair_ok(w + off, u + off + 2) && !protected_one(w + off, len - off))
    off += 2;
  return off;
}

int rasd__clitic_splits(const char *w, size_t len, size_t *off, int max) {
  int k = 0;
  if (max <= 0) return 0;
  size_t cand[8];
  int nc = 0;
  if (ar_letters(w, len) >= 3) {
    size_t conj = (at(w, len, 0, L_WAW) || at(w, len, 0, L_FEH)) ? 2 : 0;
    size_t ps[2] = {conj, 0};
    for (int pi = 0; pi < (conj ? 2 : 1); pi++) {
      size_t p = ps[pi];
      const char *r = w + p;
      size_t rl = len - p;
      if (rl >= 8 && at(r, rl, 0, L_ALEF) && at(r, rl, 2, L_LAM)) cand[nc++] = p + 4;
      else if (rl >= 8 && at(r, rl, 0, L_LAM) && at(r, rl, 2, L_LAM)) cand[nc++] = p + 4;
      else if (rl >= 10 && (at(r, rl, 0, L_BEH) || at(r, rl, 0, L_KAF)) && at(r, rl, 2, L_ALEF) && at(r, rl, 4, L_LAM))
        cand[nc++] = p + 6;
      if ((at(r, rl, 0, L_BEH) || at(r, rl, 0, L_LAM) || at(r, rl, 0, L_KAF)) && rl >= 8) cand[nc++] = p + 2;
      if (p) cand[nc++] = p;
    }
    for (int i = 0; i < nc; i++) /* longest proclitic first */
      for (int j = i + 1; j < nc; j++)
        if (cand[j] > cand[i]) { size_t t = cand[i]; cand[i] = cand[j]; cand[j] = t; }
  }
  for (int i = 0; i < nc && k < max - 1; i++) {
    if (len - cand[i] < 4 || (k && off[k - 1] == cand[i])) continue; /* keep ≥ 2 letters, no repeats */
    off[k++] = cand[i];
  }
  off[k++] = 0;
  return k;
}

/* ---- Stem: suffixes off the bare form. ---- */

/* Whether w[0..len) ends with the 'n' bytes of 'suf'; byte by byte: the suffixes are a few bytes long, shorter
 * than calls to strlen and memcmp. */
static inline int ends_n(const char *w, size_t len, const char *suf, size_t n) {
  if (len < n) return 0;
  for (size_t i = 0; i < n; i++)
    if (w[len - n + i] != suf[i]) return 0;
  return 1;
}
#define ends(w, len, lit) ends_n((w), (len), (lit), sizeof(lit) - 1)

size_t rasd__stem_bare(const char *w, size_t len, char *out) {
  int n = ar_letters(w, len);
  if (n < 0) { /* not pure Arabic: the form is its own stem */
    memcpy(out, w, len);
    out[len] = 0;
    return len;
  }
  const char *s = w;
  size_t l = len;
  /* Future سـ on an imperfect verb (سيزور → يزور), when the rest is long enough and not a noun like سياسة. */
  if (l >= 10 && at(s, l, 0, L_SEEN) && (at(s, l, 2, L_YEH) || at(s, l, 2, L_TEH) || at(s, l, 2, L_NOON))) {
    static const char *const sn[] = {"سيا", "سيط", "سيد", "سير", "سين", "سيف", "سيول", "ستو", "ستر", "ستا", "ستي",
                                     "سنو", "سنه", "سنا", "سنغ", "سنت", "سند", "سنن", "سيج", "سيك", "سيم", NULL};
    int prot = 0;
    for (const char *const *p = sn; *p; p++)
      if (!memcmp(s, *p, strlen(*p))) { prot = 1; break; }
    if (!prot) { s += 2; l -= 2; }
  }
  /* Country names in -يا share the nisba stem: كوريا → كوري (الكورية → كوري too). */
  if (l >= 10 && ends(s, l, "يا")) l -= 2;
  /* One pronoun suffix (remainder ≥ 3 letters; نا ≥ 4). */
  int had_suffix = 0;
#define SUF(lit, min) {lit, sizeof(lit) - 1, min}
  static const struct { const char *s; size_t n; int min; } pron[] = {
    SUF("هما", 3), SUF("كما", 3), SUF("هم", 3), SUF("هن", 3), SUF("ها", 3), SUF("كم", 3), SUF("كن", 3), SUF("نا", 4), {NULL, 0, 0}};
  for (int i = 0; pron[i].s; i++) {
    size_t sl = pron[i].n;
    if (ends_n(s, l, pron[i].s, sl) && (l - sl) / 2 >= (size_t)pron[i].min) {
      l -= sl;
      had_suffix = 1;
      break;
    }
  }
  /* One plural / dual suffix; ين ون ان keep ≥ 4 letters so names ending in them (بوتين, إيران) stay whole. */
  static const struct { const char *s; size_t n; int min; } plur[] = {
    SUF("ات", 3), SUF("ون", 4), SUF("ين", 4), SUF("ان", 4), SUF("ه", 3), {NULL, 0, 0}};
#undef SUF
  int plural = 0;
  for (int i = 0; plur[i].s; i++) {
    size_t sl = plur[i].n;
    if (ends_n(s, l, plur[i].s, sl) && (l - sl) / 2 >= (size_t)plur[i].min) {
      l -= sl;
      plural = 1;
      break;
    }
  }
  /* A ة that became ت before a suffix (حكومتها, حكومتان) goes too, like the ة of حكومة. */
  if ((had_suffix || plural) && l >= 8 && ends(s, l, "ت") && !(plural && ends(w, len, "ات"))) l -= 2;
  /* A nisba ي before a plural ending stays (الكوريين → كوري): it was not removed above. */
  memcpy(out, s, l);
  out[l] = 0;
  return l;
}

char *rasd_stem(const char *w, size_t len, size_t *out_len) {
  if (!w) len = 0;
  char *out = malloc(len + 1);
  if (!out) return NULL;
  size_t b = w ? rasd__bare_offset(w, len) : 0;
  size_t n = rasd__stem_bare(w ? w + b : "", len - b, out);
  if (out_len) *out_len = n;
  return out;
}
