/* rasd/entities.h — the corpus entity registry: one entity per real person, place or organisation across articles. */
#ifndef RASD_ENTITIES_H
#define RASD_ENTITIES_H
#include <stddef.h>
#include <stdint.h>
#include "extract.h"

/* The registry: articles are added one at a time (after rasd_analyze()); each article's entities are
 * linked to corpus entities by spelling-variant key and matcher, known English form, and (for a surname
 * alone) the entities it co-occurs with. Deterministic given the order of articles. Not thread-safe. */
typedef struct rasd_registry rasd_registry;

/* One corpus entity as rasd_registry_get() shows it; pointers stay valid until the next
 * rasd_registry_add() or rasd_registry_free(). */
typedef struct rasd_corpus_entity {
  uint32_t id;              /* 0, 1, 2… in order of first appearance */
  uint8_t type;             /* rasd_ent_type */
  const char *canonical;    /* the most frequent full form */
  const char *en;           /* English form, or NULL */
  int en_translit;          /* 1 when 'en' is a machine transliteration */
  const char *const *forms; /* every surface form seen (titles kept, clitics off), most frequent first */
  size_t n_forms;
  uint32_t mentions;        /* mentions over all articles */
  uint32_t articles;        /* articles that mention it */
} rasd_corpus_entity;

/** Returns a new empty registry that uses models 'm' (may be NULL; must outlive the registry) to match
 * names; free with rasd_registry_free(). NULL when out of memory. */
rasd_registry *rasd_registry_new(const rasd_models *m);

/** Adds the analysed article 'a' (of document 'd') to 'r'; when 'ids' is not NULL it receives, for
 * each a->entities[i], the corpus entity id (or -1 for an entity without a name). Returns RASD_OK or
 * RASD_ENOMEM. */
int rasd_registry_add(rasd_registry *r, const rasd_doc *d, const rasd_analysis *a, int32_t *ids);

/** Returns the number of corpus entities in 'r'. */
size_t rasd_registry_count(const rasd_registry *r);

/** Fills 'out' with corpus entity 'id' of 'r'; returns RASD_OK or RASD_ENOENT. */
int rasd_registry_get(const rasd_registry *r, size_t id, rasd_corpus_entity *out);

/** Returns the id of the corpus entity named 's' ('len' bytes, any spelling) of type 'type'
 * (RASD_ENT_NONE: any type), or -1 when there is none. */
int32_t rasd_registry_lookup(const rasd_registry *r, const char *s, size_t len, int type);

/** Returns the table as JSON {"entities": [{id, type, canonical, en, en_translit, forms, mentions,
 * articles}]} (caller frees with rasd_free()); NULL when out of memory. */
char *rasd_registry_json(const rasd_registry *r);

/** Returns the table as TSV with a header line: id, type, canonical, en, en_translit, mentions,
 * articles, forms (joined by " | ") (caller frees with rasd_free()); NULL when out of memory. */
char *rasd_registry_tsv(const rasd_registry *r);

/** Frees 'r'; NULL is fine. */
void rasd_registry_free(rasd_registry *r);

#endif
