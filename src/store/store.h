/* store.h — internal interface of the store: one vtable per backend (SQLite now, PostgreSQL next), the word
 * iterator shared by indexing and linking, the FTS5 tokenizer and the search query parser. */
#ifndef RASD_STORE_INTERNAL_H
#define RASD_STORE_INTERNAL_H
#include <jansson.h>
#include "rasd.h"
#include "util/util.h"

/* A parsed search query (src/store/query.c). */
typedef struct rasd__query {
  char *match;          /* FTS5 MATCH expression built from words and "phrases", or NULL */
  char *outlet;         /* outlet: */
  char *from, *to;      /* from: / to: (YYYY-MM-DD) */
  char **entities;      /* entity: values as written (an id or a form) */
  size_t n_entities;
  size_t n_common;      /* words or phrases left out of 'match': function words only, which the index does not keep */
} rasd__query;

/** Parses 'q' into '*out' (free with rasd__query_free()); returns RASD_OK or RASD_EUSAGE with a message in 'err'. */
int rasd__query_parse(const char *q, rasd__query *out, char *err, size_t errlen);
void rasd__query_free(rasd__query *q);

/* The storage backend. A backend keeps its state behind 'impl'; every function sets s->err on failure. */
typedef struct rasd__store_ops {
  const char *name;
  int (*open)(rasd_store *s, const char *path, int flags);
  void (*close)(rasd_store *s);
  int (*begin)(rasd_store *s);
  int (*has)(rasd_store *s, const rasd_doc *d, int *found); /* same id, url or content hash stored */
  int (*has_key)(rasd_store *s, const char *id, const char *url, int *found); /* same id or url (NULL or "": none) */
  int (*put)(rasd_store *s, const rasd_doc *d, const rasd_analysis *a, int *added);
  int (*link)(rasd_store *s, rasd_store_stats *st); /* update stories for the batch (load link state, find candidates, join) */
  /* The story engine as saved into '*out', or NULL: with 'why' empty when the store has none to keep, or saying why
   * the saved state cannot be used (an older format, damaged, missing while articles are stored) so that the engine
   * is rebuilt from the stored articles. A state of a newer format is an error. */
  int (*load_corpus)(rasd_store *s, const rasd_models *m, rasd_corpus **out, char *why, size_t whylen);
  /* Hands every article stored before the open batch, in order of addition, to 'each' as a new document read back
   * from its row ('each' owns it; a non-zero return stops and is returned). '*n' counts the documents handed. */
  int (*stored_docs)(rasd_store *s, int (*each)(void *ud, rasd_doc *d), void *ud, size_t *n);
  /* Writes the engine's stories and state; with s->rebuild every story row and membership is written anew. */
  int (*apply_corpus)(rasd_store *s, rasd_corpus *c, size_t first_new, rasd_store_stats *st);
  /* The reader's saved state (the cleaner's statistics) into a new '*p' of '*n' bytes (NULL, 0: none); and saved. */
  int (*get_reader)(rasd_store *s, void **p, size_t *n);
  int (*put_reader)(rasd_store *s, const void *p, size_t n);
  int (*commit)(rasd_store *s);
  void (*rollback)(rasd_store *s);
  int (*stories)(rasd_store *s, const rasd_story_filter *f, json_t **out);
  int (*story)(rasd_store *s, int64_t id, json_t **out);
  int (*article)(rasd_store *s, const char *id, json_t **out);
  int (*entities)(rasd_store *s, const char *q, size_t limit, size_t offset, json_t **out);
  int (*entity)(rasd_store *s, int64_t id, json_t **out);
  int (*search)(rasd_store *s, const rasd__query *q, size_t limit, size_t offset, json_t **out);
} rasd__store_ops;

struct rasd_store {
  const rasd__store_ops *ops;
  void *impl;
  int flags;
  int in_batch;
  rasd_corpus *corpus;       /* the story engine, once rasd_store_link() was called */
  const rasd_models *models;
  size_t corpus_first_new;   /* index of the first article of the open batch in 'corpus' */
  int rebuild;               /* the engine was rebuilt from the stored articles in the open batch */
  rasd_cleaner *cleaner;     /* its statistics are saved with every batch (rasd_store_use_cleaner), borrowed */
  char notice[320];          /* what the open batch did that the user should know (rasd_store_notice) */
  char err[512];
};

extern const rasd__store_ops rasd__sqlite_ops;

/* Sets the error message of 's' (printf-style) and returns 'code'. */
int rasd__store_fail(rasd_store *s, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** Returns a number that changes whenever another connection commits to the store (PRAGMA data_version), or -1. */
int64_t rasd__store_data_version(rasd_store *s);

/* JSON-returning queries for the server (same as the public ones, without serialising). */
int rasd__store_stories_j(rasd_store *s, const rasd_story_filter *f, json_t **out);
int rasd__store_story_j(rasd_store *s, int64_t id, json_t **out);
int rasd__store_article_j(rasd_store *s, const char *id, json_t **out);
int rasd__store_entities_j(rasd_store *s, const char *q, size_t limit, size_t offset, json_t **out);
int rasd__store_entity_j(rasd_store *s, int64_t id, json_t **out);
int rasd__store_search_j(rasd_store *s, const char *q, size_t limit, size_t offset, json_t **out);

/* ---- words: tokens of a text for indexing and linking (src/store/words.c) ---- */

/* One word as the store sees it; strings are valid until rasd__words_free(). */
typedef struct rasd__word {
  uint32_t start, len;   /* bytes in the text */
  const char *form, *stem, *bare;
  size_t form_len, stem_len, bare_len;
  uint8_t kind;          /* rasd_tok_kind */
  uint8_t stop;          /* function word */
  uint32_t sentence;
} rasd__word;

typedef struct rasd__words {
  rasd__word *w;
  size_t n;
  rasd_sentence *sent;   /* sentences (byte ranges) */
  size_t n_sent;
  rasd_tokens *tok;      /* the text core's tokens, when it found any */
  int own_tok;           /* 1 when 'tok' is freed with the words */
  rasd__arena *ar;
} rasd__words;

/** Splits 's' ('len' bytes) into words and sentences with the text core (rasd_tokenize); when it finds
 * nothing in a non-empty text, a plain splitter stands in. Returns RASD_OK or RASD_ENOMEM. */
int rasd__words_of(const char *s, size_t len, rasd__words *out);
/** Words of tokens 't' made by the text core (borrowed: 't' must outlive 'out'). Returns RASD_OK or RASD_ENOMEM. */
int rasd__words_from(const rasd_tokens *t, rasd__words *out);
void rasd__words_free(rasd__words *w);
/* Returns 1 for a function word given in the matching form. */

/** Returns the name-variant key of 's' with separators (space, hyphen) removed, or NULL; caller frees. */
char *rasd__key_of(const char *s, size_t len, size_t *out_len);

/* A cache of name keys (rasd__key_of) by string, for indexing and entities: a corpus repeats its words and names. */
typedef struct rasd__kentry {
  uint32_t h, wl, kl;
  const char *w, *k; /* in the cache's arena */
} rasd__kentry;

typedef struct rasd__kcache {
  rasd__kentry *e;
  size_t cap, n;
  rasd__arena *ar;
} rasd__kcache;

/** Sets '*k' to the key of 'w' ('wl' bytes; separators removed, '*kl' bytes, "" when it has none), owned by the cache
 * and valid until rasd__kcache_trim() or rasd__kcache_free(); returns 0, or -1 when out of memory. */
int rasd__kcache_get(rasd__kcache *c, const char *w, size_t wl, const char **k, size_t *kl);
/** Empties the cache when it holds many strings (call it only when no key from it is in use). */
void rasd__kcache_trim(rasd__kcache *c);
void rasd__kcache_free(rasd__kcache *c);

/* ---- FTS5 tokenizer "rasd" (src/store/fts.c) ---- */

/** Registers the tokenizer "rasd" on connection 'db' (a sqlite3 *). Returns RASD_OK or RASD_EDB. */
int rasd__fts_register(void *db);

/** Tells the tokenizer on this thread that text 's' ('len' bytes) about to be indexed has tokens 't' and the name
 * mentions 'm' ('n_m', token ranges into 't') of its analysis (all borrowed until the next call; NULL clears), so it is
 * not split again and only the words of names get name keys. */
void rasd__fts_pretok(const char *s, size_t len, const rasd_tokens *t, const rasd_mention *m, size_t n_m);

/** Appends to 'm' the query for one word 'v' (quoted FTS5 strings): the word, or the word OR the phrases of two name
 * keys that join into its key (a name written in two words). */
void rasd__fts_query_word(rasd__buf *m, const char *v);

/* ---- delta coding against a dictionary (src/store/dcode.c) ---- */

/** Appends to 'out' the bytes 'src' ('len') coded against 'dict' ('nd' bytes): runs of literals and copies from 'dict'.
 * Returns 0, or -1 when out of memory. */
int rasd__dcode_encode(const void *src, size_t len, const void *dict, size_t nd, rasd__buf *out);
/** Decodes 'src' ('n' bytes, from rasd__dcode_encode with the same 'dict') into exactly 'len' bytes at 'dst'. Returns 0,
 * or -1 when 'src' does not decode to 'len' bytes against this dictionary (never reads or writes out of bounds). */
int rasd__dcode_decode(const void *src, size_t n, const void *dict, size_t nd, void *dst, size_t len);
/** Appends 'v' to 'b' as an unsigned LEB128 varint. */
void rasd__vput(rasd__buf *b, uint64_t v);
/** Reads a varint at '*p' (not past 'e') into '*v' and moves '*p' past it; returns 0, or -1 when it is cut or too long. */
int rasd__vget(const unsigned char **p, const unsigned char *e, uint64_t *v);
/** A 32-bit check value of 'p' ('n' bytes), to tell a decoded record from a wrong one. */
uint32_t rasd__dcode_check(const void *p, size_t n);

/* ---- helpers ---- */
/* Appends 's' HTML-escaped to 'b'. */
void rasd__html_escape(rasd__buf *b, const char *s, size_t len);
/* 128-bit content hash of 's' as 32 hex digits into 'out' (33 bytes). */
void rasd__hash_hex(const char *s, size_t len, char out[33]);

#endif
