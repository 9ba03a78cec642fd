/* lexicon.h — word scanner and word lists shared by the quotes, dates and numbers stages. */
#ifndef RASD_LEXICON_H
#define RASD_LEXICON_H
#include "extract/extract.h"

/* Word kinds of the scanner. */
enum { QW_AR = 1, QW_NUM, QW_LAT, QW_PUNCT, QW_QOPEN, QW_QCLOSE, QW_QBOTH, QW_OTHER };
#define QWF_SPACE 0x01 /* white space (or start of text) before the word */
#define QWF_PARA 0x02  /* first word of a paragraph */
#define QWF_SENT 0x04  /* first word of a sentence */

/* One scanned word: bytes [s, e) of the text, its matching form 'n' (NUL-terminated). */
typedef struct rasd__qw {
  uint32_t s, e;
  const char *n;
  uint16_t nlen;
  uint8_t kind, flags;
  uint32_t para, sent;
  int32_t cp; /* the code point of a punctuation or quote word */
  uint32_t cls;  /* union of the lexicon classes of the word (Arabic words) */
  uint32_t clsp; /* union of the classes of the word without one proclitic و ف ب ل */
} rasd__qw;

/* A scanned text: words, and sentence starts in bytes. */
typedef struct rasd__qscan {
  const char *text;
  size_t len;
  rasd__qw *w;
  size_t n;
  uint32_t n_sent;
} rasd__qscan;

/** Returns the scan of 'd->text' for analysis 'a', scanning it once per analysis (cached for the next
 * stages of the same rasd_analyze call); memory lives in 'ar'. NULL only when out of memory. */
const rasd__qscan *rasd__qscan_get(const rasd_doc *d, rasd_analysis *a, rasd__arena *ar);

/** Forgets the scan cached by rasd__qscan_get (its arena is about to go: the next analysis may get the
 * same addresses for its analysis, arena and text). */
void rasd__qscan_forget(void);

/** Scans 's' ('len' bytes) into a new scan allocated in 'ar'; NULL when out of memory. */
rasd__qscan *rasd__qscan_new(const char *s, size_t len, rasd__arena *ar);

/** Returns the sentence index for byte 'off': from a->tokens when it has sentences, else the scan's. */
uint32_t rasd__sentence_of(const rasd_analysis *a, const rasd__qscan *sc, size_t wi);

/** Writes the matching form of 's' ('len' bytes) into 'out' (room for 'len' + 1 bytes) and returns its
 * length: no tashkeel/tatweel, أ/إ/آ/ٱ→ا, ى→ي, ة→ه, Arabic-Indic and Persian digits → ASCII. */
size_t rasd__lx_norm(const char *s, size_t len, char *out);

/* Word classes of the lexicon (bits). */
enum {
  LX_VERB = 1u << 0,   /* reporting verb (قال، أكد، يشير، سيقول …) */
  LX_CONT = 1u << 1,   /* continuation verb (أضاف، تابع، أردف) */
  LX_ADV = 1u << 2,    /* adverbial form (قائلاً، مضيفاً، مشيرة) */
  LX_ACC = 1u << 3,    /* "according to" (بحسب، وفقاً، حسبما، نقلاً) */
  LX_QAWL = 1u << 4,   /* verbal noun after عن X (قوله، قولها) */
  LX_COMP = 1u << 5,   /* complementizer (أن، إن، بأن، أنه …) */
  LX_PREP = 1u << 6,   /* preposition that ends a speaker phrase */
  LX_ROLE = 1u << 7,   /* role noun (الناطق، الباحث، وزير …) */
  LX_TITLE = 1u << 8,  /* honorific (السيد، الدكتور …) */
  LX_STOP = 1u << 9,   /* adverb or time word that ends a speaker phrase */
  LX_WORK = 1u << 10,  /* noun before a quoted title or name (كتاب، فيلم، وكالة …) */
  LX_MONTH = 1u << 11, /* month name: val = 1..12, val2 = system (1 greg, 2 levant, 3 maghreb, 4 hijri) */
  LX_MPFX = 1u << 12,  /* first word of a two-word month (كانون، تشرين، ربيع، جمادى، ذو) */
  LX_WDAY = 1u << 13,  /* weekday: val = 0 (Sunday) .. 6 */
  LX_NUMW = 1u << 14,  /* number word: val */
  LX_ORD = 1u << 15,   /* ordinal word: val */
  LX_SCALE = 1u << 16, /* ألف/مليون/مليار: val = power of ten */
  LX_UNIT = 1u << 17,  /* unit: canon */
  LX_PERIOD = 1u << 18,/* مطلع/منتصف/أواخر: val 1 early, 2 mid, 3 late */
  LX_REL = 1u << 19,   /* الماضي/المقبل/الجاري: val -1, +1, 0 */
  LX_DUR = 1u << 20,   /* duration noun: val 1 day 2 week 3 month 4 year; val2 = 2 for duals */
  LX_FUT = 1u << 21,   /* future marker (سوف، المقرر، يعتزم …) */
  LX_AMBIG = 1u << 22, /* month word that is also a common word (ماي، صفر، رجب …) */
  LX_DAYW = 1u << 23,  /* day part before a weekday (يوم، صباح، مساء، ليلة، فجر) */
  LX_NOTQ = 1u << 24,  /* reporting-verb look-alike that is not a cue here */
  LX_TWORD = 1u << 25  /* a word that may start a date expression (قبل، منذ، عام، أمس …) */
};
/* Classes that may start a date expression. */
#define LX_TSTART (LX_MONTH | LX_MPFX | LX_ORD | LX_PERIOD | LX_WDAY | LX_DAYW | LX_TWORD)
/* Classes of reporting cues. */
#define LX_CUES (LX_VERB | LX_ADV | LX_ACC | LX_QAWL)

/** Returns the union of the classes of matching form 'w' ('len' bytes); 0 when not in the lexicon. */
uint32_t rasd__lx_classes(const char *w, size_t len);

typedef struct rasd__lxent {
  const char *key;
  uint32_t klen;
  uint32_t cls;
  int32_t val, val2;
  const char *canon;
} rasd__lxent;

/** Returns the lexicon entry for matching form 'w' ('len' bytes) with a class in 'mask', or NULL. */
const rasd__lxent *rasd__lx_find(const char *w, size_t len, uint32_t mask);

/** Like rasd__lx_find, also trying 'w' without one leading proclitic of 'pfx' (e.g. "وف") and then a
 * second one from 'pfx2' (may be ""); '*skip' gets the bytes stripped (may be NULL). */
const rasd__lxent *rasd__lx_findp(const char *w, size_t len, uint32_t mask, const char *pfx, const char *pfx2,
                                  size_t *skip);

/** Returns 1 when scanned word 'w' is an Arabic word whose matching form is 's'. */
int rasd__lx_is(const rasd__qw *w, const char *s);

#endif
