/* read.h — internal interface of the reading stage shared with other stages and between its own files. */
#ifndef RASD_READ_INTERNAL_H
#define RASD_READ_INTERNAL_H
#include <jansson.h>
#include "rasd.h"
#include "util/util.h"

/* Returns the `rasd read` fields of 'd' as a new jansson object (caller json_decref()s), or NULL on OOM. */
json_t *rasd__doc_json_obj(const rasd_doc *d);

/* Largest record (one JSON line, one array element, one text/HTML/feed file) a reader accepts. */
#define RASD__RECORD_MAX ((size_t)16 << 20)

/* --- encoding.c --- */

/* Appends 's'[0..'len') to 'out' as valid UTF-8: invalid bytes become U+FFFD (counted in '*nbad'),
 * NUL bytes are dropped (counted in '*nnul'). Either counter pointer may be NULL. */
void rasd__utf8_repair(const char *s, size_t len, rasd__buf *out, size_t *nbad, size_t *nnul);

/* Returns 1 when 's'[0..'len') is valid UTF-8 (fast on Arabic text). */
int rasd__utf8_ok(const char *s, size_t len);

/* Length of the longest prefix of s[0..n) made only of ASCII and valid two-byte sequences (Arabic, Latin-1),
 * ending on a sequence boundary: the fast part of UTF-8 checks (SSE2, 16 bytes at a time). */
size_t rasd__utf8_simple_prefix(const char *s, size_t n);

/* Returns 1 when the bytes 's'[0..'len') look like Arabic text in Windows-1256 rather than UTF-8. */
int rasd__looks_cp1256(const char *s, size_t len);

/* Converts 's'[0..'len') from charset 'from' to UTF-8, appending to 'out'; returns RASD_OK or RASD_EENCODING
 * (bytes that do not convert become U+FFFD, counted in '*nbad'). */
int rasd__iconv_utf8(const char *from, const char *s, size_t len, rasd__buf *out, size_t *nbad);

/* Returns 1 when the first bytes of a file look binary (images, archives, executables, control bytes). */
int rasd__looks_binary(const char *s, size_t len, const char **what);

/* --- jsonrec.c: one JSON record's article fields (yajl events, no tree) --- */

enum { RASD__JF_ID, RASD__JF_TITLE, RASD__JF_TEXT, RASD__JF_DATE, RASD__JF_OUTLET, RASD__JF_URL, RASD__JF_BYLINE,
       RASD__JF_N };

typedef struct rasd__jrec {
  int top;                   /* type of the value: 'o' object, 'a' array, 's' string, 'n' number, 'b', 'z' null */
  char *val[RASD__JF_N];     /* string (or integer id) of each field, malloc'd, NUL-free; NULL when absent */
  size_t len[RASD__JF_N];
  int rank[RASD__JF_N];      /* which alias gave it (0 = the preferred name) */
  int present[RASD__JF_N];   /* the key was there, whatever its value */
  char keys[200];            /* the first keys of the object, for "another shape" messages */
  int nkeys;
  char err[160];             /* parse error message */
  size_t err_off;            /* byte offset of the error */
} rasd__jrec;

/* Parses JSON text 's' ('n' bytes, valid UTF-8) into 'r' (free with rasd__jrec_free()); returns RASD_OK,
 * RASD_EFORMAT (message in r->err) or RASD_ENOMEM. */
int rasd__jrec_parse(const char *s, size_t n, rasd__jrec *r);
/* The same through yajl alone (rasd__jrec_parse reads flat objects itself and leaves the rest to yajl); for tests. */
int rasd__jrec_parse_yajl(const char *s, size_t n, rasd__jrec *r);
void rasd__jrec_free(rasd__jrec *r);

/* --- dates (date.c) --- */

/* Parses a publication date in any common form (ISO 8601, "YYYY-MM-DD hh:mm:ss", RFC 822 pubDate,
 * "14 أكتوبر 2024", "13/09/2024") into 'out' as "YYYY-MM-DD" (11 bytes); returns 1 on success. */
int rasd__parse_date(const char *s, size_t len, char out[11]);

/* Finds a day-month-year date written in words ("14 أكتوبر 2024", "الجمعة 13 أيلول/سبتمبر 2024") filling
 * most of 's'; returns 1 and writes "YYYY-MM-DD" into 'out' when the whole line is such a date. */
int rasd__line_is_date(const char *s, size_t len, char out[11]);

/* --- feeds and pages (feed.c, html.c): one call per whole file --- */

/* A list of raw articles produced from one file. */
typedef struct rasd__artlist {
  rasd_article **a;
  size_t n, cap;
} rasd__artlist;

/* Parses an RSS 2.0 / Atom feed 's' into articles appended to 'out' (path 'path'); returns RASD_OK or
 * RASD_EFORMAT with a message in 'err' (256 bytes). */
int rasd__read_feed(const char *path, const char *s, size_t len, rasd__artlist *out, char *err);

/* Extracts the main article of an HTML page 's' into one article appended to 'out'; returns RASD_OK
 * or RASD_EFORMAT / RASD_EINPUT with a message in 'err' (256 bytes). */
int rasd__read_html(const char *path, const char *s, size_t len, rasd__artlist *out, char *err);

/* Returns a new zeroed article (caller frees with rasd_article_free()), or NULL. */
rasd_article *rasd__article_new(void);

/* Adds a malloc'd copy of warning 'msg' to 'a'; returns 0 or -1 on OOM. */
int rasd__article_warn(rasd_article *a, const char *msg);

/* --- lexicon.c: the built-in word lists of cleaning --- */

/* Maps an agency name or abbreviation in Arabic or English ('s', 'len' bytes, trimmed) to its canonical
 * short name ("AFP", "Reuters", "SPA", …); returns NULL when it is not an agency. Static result. */
const char *rasd__agency_canon(const char *s, size_t len);

/* Returns 1 when 's' is a user-interface string of news sites (share, print, font size, listen, …). */
int rasd__is_ui_string(const char *s, size_t len);

/* Returns 1 when the word 's' is a known city or country (for datelines such as "الرياض - واس"). */
int rasd__is_place(const char *s, size_t len);

/* Returns 1 when the word 's' is a function word that cannot end a sentence (إن، من، في، على، …). */
int rasd__is_dangling_word(const char *s, size_t len);

/* Returns the byte length of a reporting verb or sentence-opening word with conjunction ("وقال", "وأضاف",
 * "وأكد", …) that 's' ends with, or 0. */
size_t rasd__ends_with_opener(const char *s, size_t len);

/* Returns the month number 1..12 of an Arabic/Syriac/English month name 's', or 0. */
int rasd__month_number(const char *s, size_t len);

#endif
