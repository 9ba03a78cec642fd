/* rasd/extract.h — public analysis API: models, entities and mentions, names, quotes, dates, quantities, events. */
#ifndef RASD_EXTRACT_H
#define RASD_EXTRACT_H
#include <stddef.h>
#include <stdint.h>
#include "text.h"
#include "read.h"

/* Models and resources (NER weights, gazetteers, lexicons): loaded once, read-only, shareable by threads. */
typedef struct rasd_models rasd_models;

/** Loads the models from directory 'dir' (NULL: $RASD_DATA, else the built-in data directory) into
 * '*out' (free with rasd_models_free()). Returns RASD_OK, or RASD_EMODEL with a message in '*errmsg'
 * (caller frees with rasd_free(); may be NULL). */
int rasd_models_load(const char *dir, rasd_models **out, char **errmsg);

/** Frees 'm'; NULL is fine. */
void rasd_models_free(rasd_models *m);

/* Entity types. */
typedef enum { RASD_ENT_NONE = 0, RASD_ENT_PER, RASD_ENT_LOC, RASD_ENT_ORG, RASD_ENT_MISC } rasd_ent_type;

/** Returns "PER", "LOC", "ORG", "MISC" or "O" for 't'; static. */
const char *rasd_ent_type_name(int t);

/* One mention of an entity in the text: bytes [start, end) of doc->text, tokens [tok_begin, tok_end). */
typedef struct rasd_mention {
  uint32_t start, end;
  uint32_t tok_begin, tok_end;
  uint8_t type;     /* rasd_ent_type */
  char *text;       /* surface text */
  int32_t entity;   /* index into rasd_analysis.entities, or -1 */
} rasd_mention;

/* One real entity within an article (its mentions reconciled: full name, surname, title + surname). */
typedef struct rasd_doc_entity {
  uint8_t type;
  char *canonical;   /* fullest Arabic form in the article */
  char *key;         /* spelling-variant key of the canonical form (rasd_name_key) */
  char *en;          /* English form, or NULL */
  int en_translit;   /* 1 when 'en' is a machine transliteration, not a known form */
  char *role;        /* a role seen in apposition (e.g. "الباحث البارز في جامعة كوكمين"), or NULL */
  uint32_t n_mentions;
} rasd_doc_entity;

/* A quotation: direct (in quote marks) or indirect (reporting verb + أن/إن clause or colon). */
typedef struct rasd_quote {
  char *speaker;        /* as written, e.g. "فيودور ترتيتسكي", or NULL when unknown */
  int32_t speaker_entity; /* index into rasd_analysis.entities, or -1 */
  char *speaker_role;   /* apposition stripped from the speaker, or NULL */
  char *cue;            /* the reporting verb or phrase, e.g. "قال" */
  int direct;
  char *text;           /* the quoted words, without quote marks */
  uint32_t start, end;  /* bytes of 'text' in doc->text */
} rasd_quote;

/* A date or time expression, normalised TIMEX3-style. */
typedef struct rasd_timex {
  char *text;          /* as written */
  char *value;         /* 2023-09-13, 2023-09, 2023, 2023-W36, a/b intervals; NULL when unresolved */
  char *calendar;      /* "gregorian" or "hijri" */
  char *hijri;         /* the Hijri form (e.g. "1436-10-26") for Hijri dates, or NULL */
  int relative;        /* 1 when resolved against the publication date */
  uint32_t start, end;
  uint32_t sentence;
} rasd_timex;

/* A quantity with its unit: "700 ميل", "26 مليون نسمة", "21%". */
typedef struct rasd_quantity {
  char *text;
  double value;
  char *unit;          /* as a normalised word ("ميل", "نسمة", "%"), or NULL for a bare count */
  uint32_t start, end;
  uint32_t sentence;
} rasd_quantity;

/* A dated event: a sentence of the article with a resolved date. */
typedef struct rasd_event {
  char *date;          /* the timex value */
  uint32_t sentence;   /* index into the sentences */
  uint32_t timex;      /* index into timex */
} rasd_event;

/* Everything analysis finds in one document. Offsets are into doc->text. Owned as one block. */
typedef struct rasd_analysis {
  rasd_tokens *tokens;        /* tokens and sentences of doc->text */
  rasd_mention *mentions;     size_t n_mentions;
  rasd_doc_entity *entities;  size_t n_entities;
  rasd_quote *quotes;         size_t n_quotes;
  rasd_timex *timex;          size_t n_timex;
  rasd_quantity *quantities;  size_t n_quantities;
  rasd_event *events;         size_t n_events;
  void *priv_;                /* internal storage (arena) */
} rasd_analysis;

/** Analyses document 'd' with models 'm' (a pure function of both; 'd->date' is the publication date)
 * into '*out' (caller frees with rasd_analysis_free(); it does not point into 'd' except by offsets).
 * Returns RASD_OK or RASD_ENOMEM. */
int rasd_analyze(const rasd_models *m, const rasd_doc *d, rasd_analysis **out);

/** Frees 'a'; NULL is fine. */
void rasd_analysis_free(rasd_analysis *a);

/** Returns the `rasd analyze` JSON line for 'd' and 'a' (no newline); caller frees with rasd_free(). */
char *rasd_analysis_json(const rasd_doc *d, const rasd_analysis *a);

/* ---- NER on pre-tokenised text (rasd tag) ---- */

/** Tags 'n' tokens 'words' (UTF-8 strings as written) of one sentence with BIO tags written to
 * 'tags' ("B-PERS", "I-LOC", "O", …: static strings). Returns RASD_OK or RASD_ENOMEM. */
int rasd_ner_tag_words(const rasd_models *m, const char *const *words, size_t n, const char **tags);

/* ---- Names across spellings ---- */

/** Returns the spelling-variant key of name 's' ('len' bytes) as a new string (caller frees with
 * rasd_free()): two spellings of one foreign name get the same key (كيم جونغ أون, كيم جونج أون,
 * كيم جونغ-أون). */
char *rasd_name_key(const char *s, size_t len);

/** Returns 1 when names 'a' and 'b' are spellings of the same name, 0 otherwise. 'm' may be NULL
 * (no gazetteer knowledge). */
int rasd_names_match(const rasd_models *m, const char *a, size_t alen, const char *b, size_t blen);

/** Returns the English form of the Arabic name 's' as a new string (caller frees with rasd_free()), with
 * '*translit' set to 1 when it is a transliteration rather than a known form; NULL when out of memory. */
char *rasd_name_english(const rasd_models *m, const char *s, size_t len, int type, int *translit);

#endif
