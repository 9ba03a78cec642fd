/* serve.h — internal interface of the server: HTML pages rendered from the store's JSON views, embedded assets. */
#ifndef RASD_SERVE_INTERNAL_H
#define RASD_SERVE_INTERNAL_H
#include <jansson.h>
#include "rasd.h"
#include "store/store.h"

/* Each returns a complete HTML page (caller frees with free()), every store string escaped; NULL on OOM. */
char *rasd__html_stories(json_t *list, const rasd_story_filter *f);
char *rasd__html_story(json_t *story);
char *rasd__html_article(json_t *article);
char *rasd__html_entity(json_t *entity);
char *rasd__html_entities(json_t *list, const char *q);
char *rasd__html_search(json_t *results, const char *q, const char *error, size_t limit, size_t offset);
char *rasd__html_error(unsigned status, const char *reason, const char *msg);

extern const char rasd__asset_css[]; /* /static/style.css */

#endif
