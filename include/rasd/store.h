/* rasd/store.h — public store API: a persistent article store with incremental stories and Arabic full-text search. */
#ifndef RASD_STORE_H
#define RASD_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "read.h"
#include "extract.h"
#include "story.h"

typedef struct rasd_store rasd_store;

#define RASD_STORE_READONLY 0x01 /* open an existing store for reading only (the server's connections) */

/** Opens (and creates or migrates, unless RASD_STORE_READONLY is in 'flags') the store at 'path' into '*out'
 * (free with rasd_store_close()). Returns RASD_OK, or RASD_EDB with a message in '*errmsg' (caller frees with
 * rasd_free(); 'errmsg' may be NULL). */
int rasd_store_open(const char *path, int flags, rasd_store **out, char **errmsg);

/** Closes 's', rolling back an unfinished batch; NULL is fine. */
void rasd_store_close(rasd_store *s);

/** Returns the message of the last error on 's'; valid until the next call on 's'. */
const char *rasd_store_errmsg(const rasd_store *s);

/* What one batch did. */
typedef struct rasd_store_stats {
  size_t added, duplicate, failed;
  size_t stories_new, stories_grown;
  double cpu_engine; /* CPU seconds the story engine took to finish the batches (added up by rasd_store_commit) */
} rasd_store_stats;

/** Starts a batch on 's': everything until rasd_store_commit() is one transaction. Returns RASD_OK or RASD_EDB. */
int rasd_store_begin(rasd_store *s);

/** Returns 1 when an article with the id, url or content hash of 'd' is stored (so it need not be analysed), 0 when
 * not, -1 on a database error. */
int rasd_store_has(rasd_store *s, const rasd_doc *d);

/** Returns 1 when an article with id 'id' or url 'url' (either may be NULL or "") is stored, 0 when not, -1 on a database
 * error: asked before an article is cleaned, so that one stored already is not cleaned (nor counted) again. */
int rasd_store_has_key(rasd_store *s, const char *id, const char *url);

/** Gives cleaner 'c' (borrowed; it must outlive the store or the next call) the boilerplate statistics saved in the
 * store, and from then on saves its statistics with every batch committed: articles added in later batches are then
 * cleaned as one run over all of them would clean them. Returns RASD_OK, RASD_EDB or RASD_EFORMAT (a damaged saved
 * state: 'c' then starts afresh). */
int rasd_store_use_cleaner(rasd_store *s, rasd_cleaner *c);

/** Adds document 'd' with its analysis 'a' (may be NULL) to the open batch; sets '*added' to 1, or to 0 when an
 * article with the same id, url or content hash is already stored. Nothing is kept from 'd' or 'a'. Returns
 * RASD_OK or RASD_EDB. */
int rasd_store_put(rasd_store *s, const rasd_doc *d, const rasd_analysis *a, int *added);

/** Hands document 'd' and its analysis 'a' (of an article rasd_store_put() has just added) to the story engine
 * (rasd_corpus) for this batch; takes ownership of both and frees them, even on failure. The engine's state is kept
 * in the store, so tomorrow's batch continues today's stories. 'm' (borrowed) must outlive the store. Returns RASD_OK
 * or an error code. */
int rasd_store_link(rasd_store *s, const rasd_models *m, rasd_doc *d, rasd_analysis *a);

/** Links the batch's articles into stories (in publication order, as a batch run would) and commits; adds the
 * story counts to '*st' (may be NULL). Returns RASD_OK or RASD_EDB (the batch is rolled back then). */
int rasd_store_commit(rasd_store *s, rasd_store_stats *st);

/** Returns a line for the user about something the open or last batch of 's' had to do (the story state rebuilt
 * from the stored articles, and why), or NULL; owned by 's', valid until the next rasd_store_begin(). */
const char *rasd_store_notice(const rasd_store *s);

/** Abandons the open batch of 's'. */
void rasd_store_rollback(rasd_store *s);

/* Filter of the story list. Zero-initialise; strings may be NULL. */
typedef struct rasd_story_filter {
  const char *from, *to; /* YYYY-MM-DD: stories overlapping [from, to] */
  const char *q;         /* search query: stories with a matching article */
  size_t limit, offset;  /* limit 0 means 50 */
} rasd_story_filter;

/* Query results are JSON documents, returned as new strings (caller frees with rasd_free()). Each query returns
 * RASD_OK, RASD_ENOENT (no such id), RASD_EUSAGE (malformed query; message in rasd_store_errmsg()) or RASD_EDB. */

/** Stories matching 'f': {"stories": [{id, title, size, outlets, first_date, last_date, storyline}], "total"}. */
int rasd_store_stories(rasd_store *s, const rasd_story_filter *f, char **json);

/** Story 'id' with articles, summary, timeline, entities, quotes and disagreements. */
int rasd_store_story(rasd_store *s, int64_t id, char **json);

/** Article 'id' (its id as read) with text, entities, quotes and dates. */
int rasd_store_article(rasd_store *s, const char *id, char **json);

/** Entities whose forms match 'q' (NULL or "": the most mentioned): {"entities": [...]}. */
int rasd_store_entities(rasd_store *s, const char *q, size_t limit, size_t offset, char **json);

/** Entity 'id' with its forms, stories and quotes. */
int rasd_store_entity(rasd_store *s, int64_t id, char **json);

/** Searches articles with query 'q' (words, "phrases", entity:, outlet:, from:, to:), best first:
 * {"results": [{article, story, title, outlet, date, snippet, score}], "query"}. In 'snippet' the text is
 * HTML-escaped and each hit is wrapped in <mark>…</mark>. */
int rasd_store_search(rasd_store *s, const char *q, size_t limit, size_t offset, char **json);

/** Returns a plain-text digest of the 'n' largest stories (0: all) as a new string (caller frees with rasd_free()),
 * or NULL on error. */
char *rasd_store_digest(rasd_store *s, size_t n);

#endif
