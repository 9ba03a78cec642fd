/* rasd/read.h — public reading and cleaning API: readers for txt, JSON Lines/arrays, RSS/Atom, HTML; cleaned documents. */
#ifndef RASD_READ_H
#define RASD_READ_H
#include <stddef.h>

/* A raw article as a reader found it. All strings NUL-terminated UTF-8 (or NULL when absent);
 * the article owns them. */
typedef struct rasd_article {
  char *id;        /* file name without extension, JSON id, feed guid, … */
  char *path;      /* input path it came from */
  char *outlet;    /* source/outlet or NULL */
  char *url;
  char *date;      /* publication date as YYYY-MM-DD (or with time YYYY-MM-DDTHH:MM:SS), or NULL */
  char *title;
  char *text;      /* raw body text, valid UTF-8 */
  size_t text_len;
  long line;       /* line (JSON Lines) or record number in 'path', 0 when whole file */
  char **warnings; /* reader warnings, e.g. invalid UTF-8 replaced */
  size_t n_warnings;
  char *byline;    /* author/byline metadata, or NULL */
  char **captions; /* photo captions the reader found apart from the text (HTML figcaption) */
  size_t n_captions;
} rasd_article;

/** Frees 'a' and its strings; NULL is fine. */
void rasd_article_free(rasd_article *a);

/* Options for readers; zero-initialise and set what you need. Strings are copied. */
typedef struct rasd_read_opts {
  const char *date;   /* publication date for articles without one (YYYY-MM-DD) */
  const char *outlet; /* outlet for articles without one */
  int strict;         /* stop at the first error */
} rasd_read_opts;

typedef struct rasd_reader rasd_reader;

/** Returns a new reader with options 'opts' (may be NULL), or NULL when out of memory; free with rasd_reader_free(). */
rasd_reader *rasd_reader_new(const rasd_read_opts *opts);

/** Queues input 'path': a file, a directory (read recursively, sorted), or "-" for JSON Lines on stdin.
 * Format is detected by content and extension when the path is opened. Returns RASD_OK. */
int rasd_reader_add_path(rasd_reader *r, const char *path);

/** Queues an in-memory buffer 's' ('len' bytes) named 'name' (used as path and for format detection).
 * The bytes are copied. Returns RASD_OK or RASD_ENOMEM. */
int rasd_reader_add_buffer(rasd_reader *r, const char *name, const char *s, size_t len);

/** Gives the next article in '*out' (caller frees with rasd_article_free()) and returns RASD_OK;
 * returns RASD_EEOF at the end; any other negative code is a per-record or per-file error whose
 * message (with file and line) is rasd_reader_errmsg(): the caller may call again to go on. */
int rasd_reader_next(rasd_reader *r, rasd_article **out);

/** Returns the message of the last error of 'r' ("file:line: what"); valid until the next call on 'r'. */
const char *rasd_reader_errmsg(const rasd_reader *r);

/** Returns how many errors 'r' has reported so far. */
size_t rasd_reader_nerrors(const rasd_reader *r);

/** Frees 'r'; NULL is fine. */
void rasd_reader_free(rasd_reader *r);

/* A removal made by cleaning: what and why ("ui", "boilerplate", "caption", "credit", "byline", …). */
typedef struct rasd_removed {
  char *text;
  char *reason;
} rasd_removed;

/* A cleaned article. Every string is NUL-terminated UTF-8 owned by the document. */
typedef struct rasd_doc {
  char *id, *path, *outlet, *url;
  char *date;              /* YYYY-MM-DD: metadata, else --date, else the dateline's date; or NULL */
  char *title, *byline, *dateline;
  char *publisher_summary; /* bullet summary the outlet put before the body, or NULL */
  char **paragraphs;       /* body paragraphs, cleaned, in order (subheads included) */
  size_t n_paragraphs;
  size_t *subheads;        /* indices into paragraphs that are subheads */
  size_t n_subheads;
  char **captions;
  size_t n_captions;
  char **credits;          /* e.g. "(فرانس برس، العربي الجديد)" */
  size_t n_credits;
  char **agencies;         /* e.g. "AFP", "Reuters", "SPA" */
  size_t n_agencies;
  rasd_removed *removed;
  size_t n_removed;
  char **warnings;
  size_t n_warnings;
  char *text;              /* paragraphs joined by "\n": every analysis offset is into this text */
  size_t text_len;
  long line;               /* record line in 'path' */
  void *priv_;             /* internal storage */
  char **repairs;          /* text repairs made: lines rejoined, run-together words split */
  size_t n_repairs;
} rasd_doc;

typedef struct rasd_cleaner rasd_cleaner;

/** Returns a new cleaner (it keeps per-outlet boilerplate statistics), or NULL; free with rasd_cleaner_free(). */
rasd_cleaner *rasd_cleaner_new(void);

/** Cleans article 'a' into a new document '*out' (caller frees with rasd_doc_free()); 'a' is not changed.
 * Returns RASD_OK, RASD_EINPUT when nothing of an article remains (message in '*out'->warnings is not set;
 * '*out' is NULL then), or RASD_ENOMEM. */
int rasd_clean(rasd_cleaner *c, const rasd_article *a, rasd_doc **out);

/** Returns the boilerplate statistics of 'c' (which lines of each outlet how many articles had) as a new byte string
 * of '*len' bytes (caller frees with rasd_free()) for rasd_cleaner_load(), or NULL when out of memory: a store keeps
 * it so that tomorrow's articles are cleaned as if they came in one run with today's. */
void *rasd_cleaner_save(const rasd_cleaner *c, size_t *len);

/** Adds the statistics 'p' ('len' bytes, from rasd_cleaner_save()) to those of 'c' (give them to a new cleaner, before
 * it cleans anything). Returns RASD_OK, RASD_EFORMAT (not such statistics: 'c' is not changed) or RASD_ENOMEM. */
int rasd_cleaner_load(rasd_cleaner *c, const void *p, size_t len);

/** Frees 'c'; NULL is fine. */
void rasd_cleaner_free(rasd_cleaner *c);

/** Frees 'd' and all its strings; NULL is fine. */
void rasd_doc_free(rasd_doc *d);

/** Returns 'd' as one line of JSON (no newline) with the fields of `rasd read`; caller frees with rasd_free(). */
char *rasd_doc_json(const rasd_doc *d);

#endif
