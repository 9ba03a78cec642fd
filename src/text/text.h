/* text.h — internal text-core helpers other stages may call: code-point classes, matching form into a buffer, clitics, stopwords, stems. */
#ifndef RASD_TEXT_INTERNAL_H
#define RASD_TEXT_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include "util/util.h"

/* Code-point classes of the tokenizer (one table lookup per code point). */
enum {
  RASD__C_OTHER = 0, /* symbol, emoji, unassigned: one OTHER token */
  RASD__C_SPACE,     /* white space other than line breaks (also NBSP, thin spaces) */
  RASD__C_NL,        /* line break: \n, U+2028, U+2029, U+0085 (\r is SPACE) */
  RASD__C_INVIS,     /* invisible format mark (ZWJ, ZWNJ, LRM, RLM, BOM, soft hyphen…): dropped */
  RASD__C_MARK,      /* combining mark or tatweel: dropped, glued to the letter before it */
  RASD__C_AR,        /* Arabic letter */
  RASD__C_LAT,       /* other letter (Latin, Cyrillic, …) */
  RASD__C_DIGIT,     /* decimal digit (Arabic-Indic and Persian digits map to ASCII) */
  RASD__C_PUNCT,     /* punctuation, currency and maths signs */
  RASD__C_QUOTE,     /* a quotation mark: " ' “ ” « » ‘ ’ „ ‹ › */
  RASD__C_CTRL,      /* control character (NUL, …): one OTHER token */
  RASD__C_INVALID    /* an invalid UTF-8 byte */
};

/* Class and matching form of one BMP code point: the mapped UTF-8 bytes are rasd__cp_pool+off. */
typedef struct rasd__cpinfo {
  uint8_t cls;  /* RASD__C_* */
  uint8_t len;  /* bytes of the matching form (0: dropped) */
  uint16_t off; /* offset of the matching form in rasd__cp_pool, or RASD__CP_SAME: the code point itself */
} rasd__cpinfo;
#define RASD__CP_SAME 0xFFFF

extern rasd__cpinfo rasd__cp_tab[0x10000];
extern char rasd__cp_pool[];

/* The two-byte Arabic block U+0600–U+06FF (lead bytes D8–DB) for the tokenizer's fast path, indexed by
 * ((lead - 0xD8) << 6) | (second & 0x3F): low byte RASD__AR2_*, bytes 2–3 the two-byte matching form of a
 * letter. RASD__AR2_SLOW: anything else (punctuation, digits, expanding letters): use rasd__cp_tab. */
enum { RASD__AR2_SLOW = 0, RASD__AR2_LETTER, RASD__AR2_MARK, RASD__AR2_INVIS };
extern uint32_t rasd__ar2_tab[256];

/* 64 copies of every byte value (row b: 64 bytes b), for the AVX-512 scanner: a vector compare reads its constant
 * from here as a memory operand instead of rebuilding it in a register every block. Filled by rasd__text_init(). */
extern uint8_t rasd__bcast[256][64];

/* Builds the tables once (thread-safe, idempotent); every entry point calls it. */
void rasd__text_init(void);

/* Decodes the code point at s[*i] (valid UTF-8 only, no overlongs or surrogates); advances *i by its
 * length, or by 1 and returns -1 for an invalid byte. */
int32_t rasd__text_decode(const unsigned char *s, size_t len, size_t *i);

/* Class and matching form of any code point (also outside the BMP); 'buf' (64 bytes) may receive the
 * form; '*form' points at it. Returns the class. */
int rasd__cp_info(int32_t cp, char buf[64], const char **form, size_t *form_len);

/* Appends the matching form of s[0..len) to 'b' (see rasd_normalize): NFKC of presentation forms, no
 * tashkeel/tatweel/invisible marks, unified alef/yeh/teh marbuta, ASCII digits, lower-case Latin, white
 * space runs to one space (trimmed at both ends), invalid bytes → U+FFFD, control characters → space. */
void rasd__normalize_append(rasd__buf *b, const char *s, size_t len);

/* Rewrites s[0..len) in place into its matching form when no character in it expands (true for plain
 * Arabic, Latin and digits); returns the new length, or (size_t)-1 (buffer untouched) when an expanding
 * presentation-form ligature is present, in which case use rasd__normalize_append(). */
size_t rasd__normalize_inplace(char *s, size_t len);

/* Number of bytes at the start of the matching-form Arabic word 'w' (wlen bytes) that are proclitics
 * (و ف + ب ك ل + ال, or لل) removed to get its bare form; 0 when nothing comes off. Conservative:
 * protected words (ليبيا, لبنان, بكين, فلاديمير, وزير, …) and short remainders keep their letters. */
size_t rasd__bare_offset(const char *w, size_t wlen);

/* All plausible (proclitic, rest) splits of the matching-form word 'w', longest proclitic first, for
 * gazetteer look-ups: writes up to 'max' byte offsets of the rest into 'off' (0 = whole word is always
 * the last entry) and returns how many. Unlike rasd__bare_offset it does not consult the protected list,
 * so لروسيا gives {2, 0} and بوتين gives {2, 0}: the caller keeps the one its lexicon knows. */
int rasd__clitic_splits(const char *w, size_t wlen, size_t *off, int max);

/* Writes the light stem of the bare matching-form word 'w' (wlen bytes) into 'out' (at least wlen+1
 * bytes), NUL-terminated, and returns its length. See rasd_token.stem in rasd/text.h. */
size_t rasd__stem_bare(const char *w, size_t wlen, char *out);

/* Returns 1 when the matching-form word w[0..len) is an Arabic (or English) function word. */
int rasd__is_stopword(const char *w, size_t len);

/* ---- The normalise+tokenise kernel: compact tokens, matching forms and sentences, no word analysis. ---- */

/* One token of the kernel (16 bytes). */
typedef struct rasd__ktok {
  uint32_t start, len; /* the token's bytes in the text */
  uint32_t form;       /* offset of its NUL-terminated matching form in rasd__tokscan.forms */
  uint16_t form_len;   /* bytes of the form (as rasd_token.form_len) */
  uint8_t kind;        /* rasd_tok_kind */
  uint8_t flags;       /* RASD_TOKF_* but RASD_TOKF_STOP, which the word analysis of rasd_tokenize() sets */
} rasd__ktok;

/* Output and reusable buffers of rasd__tokscan_run(): zero-initialise, run on any number of texts (each run
 * replaces the previous result), free with rasd__tokscan_free(). */
typedef struct rasd__tokscan {
  rasd__ktok *tok;
  size_t n_tok, cap_tok;
  char *forms; /* the forms, each NUL-terminated, followed by at least 32 readable bytes */
  size_t forms_len, forms_cap;
  rasd_sentence *sent; /* sentences exactly as rasd_tokenize() gives them */
  size_t n_sent, cap_sent;
  uint32_t *ev, *scratch; /* the sentence splitter's work space */
  size_t cap_ev, cap_scratch;
} rasd__tokscan;

/* Normalises and tokenises s[0..len) into 'ts' (tokens with byte offsets, kinds, spacing/paragraph/quote
 * flags, matching forms, sentences: everything rasd_tokenize() gives but bare forms, stems and the stopword
 * flag). Returns 0, or -1 when out of memory (ts then holds no tokens). */
int rasd__tokscan_run(rasd__tokscan *ts, const char *s, size_t len);

/* Frees the buffers of 'ts' (not ts itself). */
void rasd__tokscan_free(rasd__tokscan *ts);

/* Caps the vector code of the kernel at 'level' (0 scalar tables only, 1 SSE2, 2 AVX2, 3 AVX-512BW, 4 AVX-512 VBMI
 * and VBMI2 when the CPU has them; the default is the best there is) and returns the previous cap; level < 0 only returns it. For tests and
 * benchmarks: every level gives the same tokens. Not thread-safe. */
int rasd__tok_simd(int level);

/* The level of vector code the kernel uses now (see rasd__tok_simd()). */
int rasd__tok_simd_active(void);

/* rasd__tokenize_ex() flags. */
#define RASD__TOK_NO_STEM 0x01 /* leave stem == bare (the kernel benchmark measures without stems) */

/* rasd_tokenize() with options RASD__TOK_*. */
rasd_tokens *rasd__tokenize_ex(const char *s, size_t len, unsigned flags);

#endif
