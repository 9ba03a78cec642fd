/* rasd/story.h — public story API: near-duplicates, online story clustering, storylines, and the story views. */
#ifndef RASD_STORY_H
#define RASD_STORY_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "read.h"
#include "extract.h"

/* The corpus: the one stateful, ordered stage. Articles are added (features are extracted at once and
 * the text is dropped); rasd_corpus_finish() links the pending ones in publication order (date, then
 * id in natural order: "x:2" before "x:10"), so the same input gives the same stories, and adding later
 * articles then finishing again gives the same result as one batch over everything (when a later article
 * comes before one linked already, every article is linked again). */
typedef struct rasd_corpus rasd_corpus;

/* Options; zero-initialise and set what you need (0 means the default). */
typedef struct rasd_corpus_opts {
  double threshold;       /* join score threshold (default tuned on the dev set) */
  int window_days;        /* an article joins only stories active within this many days (default 7) */
  double dup_jaccard;     /* estimated shingle Jaccard for a near-duplicate (default 0.6) */
  double storyline_threshold; /* link score for storylines (default tuned on the seeds) */
  int single_story;       /* 1: every article goes into one story (rasd summarize of several files) */
  int no_storylines;      /* 1: skip storyline linking */
  /* Progress during rasd_corpus_finish(): called now and then with articles done and total; may be NULL. */
  void (*progress)(void *ud, size_t done, size_t total);
  void *progress_ud;
} rasd_corpus_opts;

/** Returns a new empty corpus using models 'm' (may be NULL; borrowed, must outlive the corpus) and
 * options 'o' (may be NULL; copied), or NULL when out of memory; free with rasd_corpus_free(). */
rasd_corpus *rasd_corpus_new(const rasd_models *m, const rasd_corpus_opts *o);

/** Adds document 'd' with its analysis 'a' (may be NULL: the corpus then tokenizes 'd' itself) to 'c'
 * as a pending article; takes ownership of both and frees them before returning, even on failure.
 * Returns RASD_OK, RASD_EINPUT for a document without id or text, or RASD_ENOMEM / RASD_EIO. */
int rasd_corpus_add(rasd_corpus *c, rasd_doc *d, rasd_analysis *a);

/** Links every pending article of 'c' in publication order (near-duplicates, stories, storylines);
 * may be called again after more rasd_corpus_add() calls (when one of those comes before an article
 * linked already, all are linked anew, so story ids may change). Returns RASD_OK or a negative code. */
int rasd_corpus_finish(rasd_corpus *c);

/** Frees 'c' and everything it owns; NULL is fine. */
void rasd_corpus_free(rasd_corpus *c);

/* Read-only facts about one linked article; the strings belong to the corpus and stay valid until it
 * is freed. */
typedef struct rasd_article_info {
  const char *id, *outlet, *date, *title;
  int64_t story;          /* story id, or -1 while pending */
  int64_t duplicate_of;   /* index of the earliest original article, or -1 */
} rasd_article_info;

/** Returns the number of articles in 'c' (linked and pending). */
size_t rasd_corpus_n_articles(const rasd_corpus *c);

/** Fills '*out' with article 'i' (in order of addition) of 'c'; returns RASD_OK or RASD_ENOENT. */
int rasd_corpus_article(const rasd_corpus *c, size_t i, rasd_article_info *out);

/** Returns the number of stories in 'c'; story ids are 1 … n in order of creation. */
size_t rasd_corpus_n_stories(const rasd_corpus *c);

/** Returns the article indices of story 'id' in publication order, their count in '*n'; the array
 * belongs to 'c' and stays valid until the next rasd_corpus_add/finish. NULL for an unknown id. */
const uint32_t *rasd_corpus_story_articles(const rasd_corpus *c, int64_t id, size_t *n);

/** Returns the number of storylines (groups of two or more stories that continue one another) and,
 * for storyline 'k' < that number, its story ids in '*ids' (count '*n'; owned by 'c'). Call with
 * ids == NULL to only count. */
size_t rasd_corpus_storyline(const rasd_corpus *c, size_t k, const int64_t **ids, size_t *n);

/* What the views show; zero-initialise (0 means the default). */
typedef struct rasd_view_opts {
  int words;          /* summary length in words (default: 5 sentences when 'sentences' is 0 too) */
  int sentences;      /* summary length in sentences */
  int max_timeline;   /* timeline entries per story (default 40) */
  int max_quotes;     /* quotes per story (default 12) */
  int min_articles;   /* only stories with at least this many articles (default 1) */
  int max_stories;    /* at most this many stories, largest first (default all) */
} rasd_view_opts;

/* Output formats of rasd_corpus_write(). */
typedef enum { RASD_FMT_TEXT = 0, RASD_FMT_JSON, RASD_FMT_HTML } rasd_story_format;

/** Writes the stories of 'c' (finished) to 'f' in format 'fmt' with views options 'vo' (may be NULL):
 * JSON {"stories", "storylines", "entities", "articles"}, text for a terminal, or one RTL HTML page.
 * Returns RASD_OK, RASD_ENOMEM or RASD_EIO. */
int rasd_corpus_write(rasd_corpus *c, FILE *f, int fmt, const rasd_view_opts *vo);

/** Returns the JSON object of story 'id' of 'c' (the same as an element of "stories") as a string
 * (caller frees with rasd_free()), or NULL for an unknown id or when out of memory. */
char *rasd_corpus_story_json(rasd_corpus *c, int64_t id, const rasd_view_opts *vo);

/** Returns the extractive summary of story 'id' as plain text, one sentence a line (caller frees with
 * rasd_free()), or NULL for an unknown id or when out of memory. */
char *rasd_corpus_summary_text(rasd_corpus *c, int64_t id, const rasd_view_opts *vo);

/** Saves the link state of 'c' (finished) to 'path' so that rasd_corpus_load() continues it: adding
 * newer articles afterwards gives the same stories as one batch. Returns RASD_OK or RASD_EIO. */
int rasd_corpus_save(const rasd_corpus *c, const char *path);

/** Loads a corpus saved by rasd_corpus_save() from 'path' into '*out' (free with rasd_corpus_free()),
 * with models 'm' and options 'o' as for rasd_corpus_new(); its articles are pending, linked by the next
 * rasd_corpus_finish() together with those added meanwhile. Returns RASD_OK, RASD_EIO or RASD_EFORMAT
 * (also for a state saved in another format version: see rasd_corpus_state_version()). */
int rasd_corpus_load(const char *path, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out);

/* The format version rasd_corpus_save() writes and rasd_corpus_load() reads. 3 saves the entity registry
 * (2 did not: a loaded corpus named its entities differently from a batch run). */
#define RASD_CORPUS_STATE_VERSION 4

/** Returns the format version of the state file at 'path' (2, 3, …), 0 when it is no rasd state, or −1
 * when it cannot be read; compare with RASD_CORPUS_STATE_VERSION to explain a refused load. */
int rasd_corpus_state_version(const char *path);

/** rasd_corpus_save() to the open stream 'f' (written from its position and flushed, not closed): a store keeps the
 * state without a temporary file. Returns RASD_OK or RASD_EIO. */
int rasd_corpus_save_file(const rasd_corpus *c, FILE *f);

/** rasd_corpus_load() from the open stream 'f' (read from its position, not closed). */
int rasd_corpus_load_file(FILE *f, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out);

#endif
