/* story_doc.h — for the story tests: a written article read and cleaned into a rasd_doc, and an article's story. */
#ifndef RASD_TESTS_STORY_DOC_H
#define RASD_TESTS_STORY_DOC_H
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "rasd.h"

/* The article as one JSON Lines record through the reader and a fresh cleaner; NULL on failure. The caller frees the
 * document (rasd_doc_free, or rasd_corpus_add takes it). */
static rasd_doc *story_doc(const char *id, const char *date, const char *outlet, const char *title, const char *text) {
  json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "date", date, "source", outlet, "title", title, "content",
                        text);
  char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;
  json_decref(o);
  if (!line) return NULL;
  rasd_reader *r = rasd_reader_new(NULL);
  rasd_cleaner *c = rasd_cleaner_new();
  rasd_article *ra = NULL;
  rasd_doc *d = NULL;
  rasd_reader_add_buffer(r, "t.jsonl", line, strlen(line));
  if (rasd_reader_next(r, &ra) == RASD_OK && rasd_clean(c, ra, &d) != RASD_OK) d = NULL;
  rasd_article_free(ra);
  rasd_reader_free(r);
  rasd_cleaner_free(c);
  free(line);
  return d;
}

/* Story id of article 'id' in 'c', or -1. */
static int64_t story_of(const rasd_corpus *c, const char *id) {
  rasd_article_info ai;
  for (size_t i = 0; rasd_corpus_article(c, i, &ai) == RASD_OK; i++)
    if (!strcmp(ai.id, id)) return ai.story;
  return -1;
}

#endif
