/* names.h — internal interface of the name layer: parsing names into letter classes, keys, matching, transliteration. */
#ifndef RASD_NAMES_INTERNAL_H
#define RASD_NAMES_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include "rasd.h"

/* Bumped whenever rasd_name_key() changes: the compiled gazetteer stores keys and is refused when stale. */
#define RASD__NAME_KEY_VERSION 3

#define RASD__NAME_MAXTOK 16  /* tokens kept per name; the rest is ignored */
#define RASD__NAME_MAXSYM 64  /* letter symbols kept per token */

/* One token of a parsed name: its letters as symbols (see names.c). */
typedef struct rasd__ntok {
  uint8_t sym[RASD__NAME_MAXSYM];
  uint8_t n;
  uint8_t had_al;   /* the token started with ال (stripped from sym) */
  uint8_t nconso;   /* consonant symbols in sym */
  uint8_t final_h;  /* the last symbol is a final ه or ة (S_A, as ا): the learned model tells them apart */
  uint8_t var[RASD__NAME_MAXSYM / 4]; /* 2 bits per symbol: which letter of its class (ج غ ق ك for g…) */
  uint8_t nat;      /* an adjective of nationality (الروسي، التونسية): which one (1..), 0 for any other word */
} rasd__ntok;

/* A parsed name: titles, initials and descriptor words dropped. */
typedef struct rasd__name {
  rasd__ntok tok[RASD__NAME_MAXTOK];
  int n;
  int n_titles;     /* leading title words removed (السيد، الرئيس…) */
} rasd__name;

/* Parses 's' ('len' bytes) into 'out'. Returns the number of tokens kept. Never fails. */
int rasd__name_parse(const char *s, size_t len, rasd__name *out);

/* Room for a name key written by rasd__name_key_parsed() (4 bytes per symbol at most, NUL). */
#define RASD__NAME_KEYMAX (4 * RASD__NAME_MAXSYM * RASD__NAME_MAXTOK + 8)

/** Writes the key of the parsed name 'nm' (as rasd_name_key() makes it) to 'out' (RASD__NAME_KEYMAX
 * bytes); returns its length. */
size_t rasd__name_key_parsed(const rasd__name *nm, char *out);

/* Flags for rasd__names_match_ex(). */
#define RASD__NM_TYPO 1     /* allow one extra letter edit (caller has context: same article, shared neighbours) */
#define RASD__NM_NOGAZ 2    /* ignore gazetteer English forms */
#define RASD__NM_NOSHORT 4  /* names under RASD__NM_MIN_CONSO consonants by the rules alone (gazetteer scans: every
                               entry of a consonant key is a same-consonant look-alike, where the model is loosest) */
#define RASD__NM_TEXT 8     /* both names come from running text (corpus entities): a short word with the article is
                               a native word, not a spelling of a short name without it that has other letters */

/** Returns 1 when names 'a' and 'b' are spellings of one name under 'flags' (RASD__NM_*). */
int rasd__names_match_ex(const rasd_models *m, const char *a, size_t alen, const char *b, size_t blen, int flags);

/** Returns 1 when the parsed names 'x' and 'y' are spellings of one name by their letters alone
 * (no gazetteer) under 'flags' (RASD__NM_TYPO, RASD__NM_NOSHORT); 0 when either is empty. */
int rasd__names_spelling(const rasd__name *x, const rasd__name *y, int flags);

/** rasd__names_match_ex() on names parsed already: 'gx' and 'gy' are their rasd__name_gaz_exact() entries. */
int rasd__names_match_parsed(const rasd_models *m, const rasd__name *x, int64_t gx, const rasd__name *y, int64_t gy,
                             int flags);

/** The curated gazetteer entry whose Arabic is exactly 's' ('len' bytes), as the matcher consults it; -1 when
 * none or no gazetteer. */
int64_t rasd__name_gaz_exact(const rasd_models *m, const char *s, size_t len);

/* ---- the learned spelling model (names_model.inc, made by tools/names_train.c from the dev name pairs) ---- */

#define RASD__NM_K 46     /* model letter classes: vowel letters by place in the word, final ه/ة, other, consonant letters */
#define RASD__NM_MAXSEQ 96 /* letters of a name the model reads; longer names are decided by the rules alone */
#define RASD__NM_NF 15    /* features of the pair decision */
#define RASD__NM_MIN_CONSO 4 /* the model is fitted on names of this many consonants or more (shorter: names.c) */

/* A stochastic edit model (Ristad & Yianilos): costs are -log probabilities of substituting, deleting
 * (a letter of the first name only) and inserting (of the second only). */
typedef struct rasd__nm_edit {
  float sub[RASD__NM_K][RASD__NM_K];
  float del[RASD__NM_K], ins[RASD__NM_K];
} rasd__nm_edit;

/* The whole model: edit costs learned from same-name pairs and from look-alike different-name pairs, the
 * letter costs of one name alone (-log unigram), and the logistic decision over the pair features. */
typedef struct rasd__nmodel {
  rasd__nm_edit same, diff;
  float uni[RASD__NM_K];
  float w[RASD__NM_NF], bias;
} rasd__nmodel;

/* The compiled-in model (src/extract/names_model.inc). */
extern const rasd__nmodel rasd__nm_model;

/** Writes the model letter classes of parsed name 'nm' to 'out' (RASD__NM_MAXSEQ); returns their number,
 * or -1 when the name is longer than RASD__NM_MAXSEQ. */
int rasd__nm_seq(const rasd__name *nm, uint8_t *out);

/** The cost (-log probability) of the cheapest alignment of class strings 'a' and 'b' under edit model 'e'. */
double rasd__nm_viterbi(const rasd__nm_edit *e, const uint8_t *a, int na, const uint8_t *b, int nb);

/** Fills 'f' (RASD__NM_NF) with the features of the pair 'x', 'y' under model 'md' ('flags' as in
 * rasd__names_spelling()) and '*rule' (when not NULL) with the hand-set rules' verdict; returns 0, or -1
 * when the pair is rejected before the model (too far apart by the rules, or too long): then 'f' is not
 * filled and the rules decide (also for names of as many words, two or more: see rasd__nm_decide()). */
int rasd__nm_features(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y, int flags, double *f, int *rule);

/** The decision of model 'md' on the parsed names 'x' and 'y' (no typo allowance): 1 when spellings of one
 * name. Names of as many words (two or more) are compared word by word. */
int rasd__nm_decide(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y);

/** rasd__names_spelling() with model 'md' in place of the compiled-in one: the trainer judges a candidate model
 * by the whole matcher, the rules around the model included. */
int rasd__names_spelling_md(const rasd__nmodel *md, const rasd__name *x, const rasd__name *y, int flags);

/** Returns 1 when parsed tokens 'x' and 'y' are spellings of one word (no typo tolerance). */
int rasd__ntok_match(const rasd__ntok *x, const rasd__ntok *y);

/** Returns 1 when tokens 'x' and 'y' have the same letters: consonants (each the same letter of its class),
 * and vowel letters between them (hamza seats, ة/ه, a doubled letter aside). */
int rasd__ntok_same_letters(const rasd__ntok *x, const rasd__ntok *y);

/** Returns the weighted letter distance between symbol strings (see names.c for the costs). */
double rasd__sym_dist(const uint8_t *a, int na, const uint8_t *b, int nb);

/** Writes the key of token 't' (Arabic representative letters, UTF-8, no vowels) to 'out' (room for
 * 2*RASD__NAME_MAXSYM+1 bytes); returns its length. */
size_t rasd__ntok_key(const rasd__ntok *t, char *out);

/** Returns the number of bytes of a leading title word (السيد، الرئيس، الدكتور…) in word 'w' ('len'
 * bytes, as written) when the whole word is a title, else 0. */
int rasd__is_title_word(const char *w, size_t len);

/** Returns 1 when the word 'w' is a descriptor that may precede an organisation or place name
 * (صحيفة، وكالة، مدينة…). */
int rasd__is_descriptor_word(const char *w, size_t len);
/* The kind of word 'w' (len bytes, any spelling) in organisation names' English tables: 0 a noun (الصحة), 1 an adjective
 * (الوطني), 2 an adjective of nationality (التونسية, الأمريكية); -1 when the tables do not know it. */
int rasd__org_word_class(const char *w, size_t len);
/* 1 when word 'w' (wl bytes) is a body's head (وكالة، هيئة، مكتب، جهاز، سلطة) that stays in the name before word 'next'
 * (nl bytes): one with ال or أنباء (وكالة الأنباء الألمانية, هيئة الضرائب الأمريكية; not وكالة رويترز). */
int rasd__head_in_name(const char *w, size_t wl, const char *next, size_t nl);

/** The Latin letter that the Arabic word 'w' ('n' bytes, matching form: ا for أ إ آ, ي for ى) spells out (بي B,
 * سي C, آي I, إيه A…; بي stands for P as well), or 0 when it is none. */
char rasd__initial_letter(const char *w, size_t n);

/** Returns a readable Latin transliteration of the Arabic 's' ('len' bytes), words capitalised, as
 * a new string (caller frees with free()); NULL when out of memory. */
char *rasd__translit(const char *s, size_t len);

/** Returns the English the press uses for the common Arabic given name 'w' ('wl' bytes: فيصل Faisal, عمر Omar), or
 * for عبد and the word 'next' after it ('nl' bytes; may be NULL) read as one (عبد العزيز Abdulaziz); static, not to be
 * freed; NULL when not one. Sets '*words' to the words it read (1 or 2). */
const char *rasd__given_name_en(const char *w, size_t wl, const char *next, size_t nl, int *words);
/* The press's English of Arab family name 'w' ('wl' bytes, with its article: القحطاني Al-Qahtani, الجبير
 * Al-Jubeir), or NULL. Static storage: nobody frees. */
const char *rasd__family_name_en(const char *w, size_t wl);
/* The usual English of foreign given name 'w' ('wl' bytes: بيتر Peter, جيريمي Jeremy), or NULL. Static: nobody frees. */
const char *rasd__foreign_given_en(const char *w, size_t wl);

/** Maps a code point of a name to its normal form: 0 to drop it, -1 for a separator, else the letter. */
int32_t rasd__name_cp(int32_t cp);

#endif
