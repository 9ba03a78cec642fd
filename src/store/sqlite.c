/* sqlite.c — the SQLite backend of the store: WAL, versioned schema with migrations, idempotent batches,
 * incremental story linking over a persisted inverted index (story_terms), and the JSON views. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "store/store.h"
#include "story/story_int.h" /* the engine's split state (rasd__corpus_save_split / _load_split) */

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#define LINK_THRESHOLD 0.30   /* cosine of an article with a story centroid to join it */
#define LINE_THRESHOLD 0.40   /* cosine with an older story (outside the window) to continue its storyline */
#define LINK_WINDOW "-4 days" /* a story takes new articles until this long after its last one */
#define MAX_TERMS 40
#define COMMON_TERM "100"     /* terms of this many stories or more are not used to find or score candidates */

/* Bytes [start, end) of article text 't' as text (SQL). */
#define SLICE(t, start, end) "CAST(substr(CAST(" t " AS BLOB), (" start ") + 1, (" end ") - (" start ")) AS TEXT)"
/* An item's text: its last element when the array has it, else the slice of the article's text. */
#define ITEM_TEXT(i, start, end) \
  "IIF(json_type(j.value, '$[" #i "]') IS NULL, " SLICE("a.text", start, end) ", j.value ->> " #i ")"
/* The views that read an article's quotes, dates and quantities (schema 12) as the tables of schema 11 had them. */
#define VIEWS_12                                                                                                      \
  "CREATE VIEW quotes(article, idx, speaker, entity, role, cue, direct, text, start, end) AS SELECT a.n, j.key,"     \
  " j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, " ITEM_TEXT(7, "j.value ->> 5",     \
  "j.value ->> 6") ", j.value ->> 5, j.value ->> 6 FROM articles a, json_each(a.quote_rows) j;"                     \
  "CREATE VIEW dates(article, idx, text, value, calendar, hijri, relative, start, end, sentence, event) AS SELECT"    \
  " a.n, j.key, " ITEM_TEXT(8, "j.value ->> 4", "j.value ->> 5") ", j.value ->> 0, j.value ->> 1, j.value ->> 2,"   \
  " j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7 FROM articles a,"                      \
  " json_each(a.date_rows) j;"                                                                                       \
  "CREATE VIEW quantities(article, idx, text, value, unit, start, end, sentence) AS SELECT a.n, j.key,"              \
  " " ITEM_TEXT(5, "j.value ->> 2", "j.value ->> 3") ", CAST(j.value ->> 0 AS REAL), j.value ->> 1, j.value ->> 2,"  \
  " j.value ->> 3, j.value ->> 4 FROM articles a, json_each(a.quantity_rows) j;"

/* Each migration takes the schema from version i to i + 1. */
static const char *const migrations[] = {
    "CREATE TABLE articles(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT, hash TEXT NOT NULL UNIQUE,"
    " outlet TEXT, date TEXT, title TEXT, byline TEXT, dateline TEXT, path TEXT, text TEXT NOT NULL,"
    " agencies TEXT, ord TEXT NOT NULL, story INTEGER, duplicate_of INTEGER, norm2 REAL NOT NULL DEFAULT 0,"
    " added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL AND url <> '';"
    "CREATE INDEX articles_ord ON articles(ord);"
    "CREATE INDEX articles_story ON articles(story, ord);"
    "CREATE INDEX articles_outlet ON articles(outlet);"
    "CREATE TABLE sentences(article INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL,"
    " end INTEGER NOT NULL, paragraph INTEGER, PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "CREATE TABLE entities(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, type TEXT, canonical TEXT, en TEXT,"
    " en_translit INTEGER NOT NULL DEFAULT 0, n_articles INTEGER NOT NULL DEFAULT 0,"
    " n_mentions INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE entity_forms(entity INTEGER NOT NULL, form TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY(entity, form)) WITHOUT ROWID;"
    "CREATE INDEX entity_forms_form ON entity_forms(form);"
    "CREATE TABLE article_entities(article INTEGER NOT NULL, entity INTEGER NOT NULL, n_mentions INTEGER,"
    " role TEXT, PRIMARY KEY(article, entity)) WITHOUT ROWID;"
    "CREATE INDEX article_entities_entity ON article_entities(entity);"
    "CREATE TABLE mentions(article INTEGER NOT NULL, start INTEGER, end INTEGER, type TEXT, text TEXT,"
    " entity INTEGER);"
    "CREATE INDEX mentions_article ON mentions(article);"
    "CREATE TABLE quotes(article INTEGER NOT NULL, idx INTEGER, speaker TEXT, entity INTEGER, role TEXT,"
    " cue TEXT, direct INTEGER, text TEXT, start INTEGER, end INTEGER);"
    "CREATE INDEX quotes_article ON quotes(article);"
    "CREATE INDEX quotes_entity ON quotes(entity);"
    "CREATE TABLE dates(article INTEGER NOT NULL, idx INTEGER, text TEXT, value TEXT, calendar TEXT, hijri TEXT,"
    " relative INTEGER, start INTEGER, end INTEGER, sentence INTEGER, event INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX dates_article ON dates(article);"
    "CREATE TABLE quantities(article INTEGER NOT NULL, text TEXT, value REAL, unit TEXT, start INTEGER,"
    " end INTEGER, sentence INTEGER);"
    "CREATE INDEX quantities_article ON quantities(article);"
    "CREATE TABLE article_terms(article INTEGER NOT NULL, term TEXT NOT NULL, weight REAL NOT NULL,"
    " PRIMARY KEY(article, term)) WITHOUT ROWID;"
    "CREATE TABLE stories(id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT, size INTEGER NOT NULL DEFAULT 0,"
    " outlets TEXT NOT NULL DEFAULT '[]', first_date TEXT, last_date TEXT, storyline INTEGER,"
    " norm2 REAL NOT NULL DEFAULT 0, updated TEXT);"
    "CREATE INDEX stories_list ON stories(last_date DESC, size DESC, id);"
    "CREATE TABLE story_terms(story INTEGER NOT NULL, term TEXT NOT NULL, weight REAL NOT NULL,"
    " PRIMARY KEY(story, term)) WITHOUT ROWID;"
    "CREATE INDEX story_terms_term ON story_terms(term, story);"
    "CREATE TABLE storylines(id INTEGER PRIMARY KEY, title TEXT);"
    "CREATE TABLE duplicates(article INTEGER PRIMARY KEY, original INTEGER NOT NULL, similarity REAL);"
    "CREATE VIRTUAL TABLE fts USING fts5(title, text, content='articles', content_rowid='n', tokenize='rasd');",
    /* 2: the story engine's saved state, and each story's view (summary, timeline, disagreements) from it */
    "CREATE TABLE link_state(id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL, articles INTEGER);"
    "ALTER TABLE stories ADD COLUMN view TEXT;",
    /* 3: the search index keeps name keys only for the words of names, and no keys of word pairs (a query builds
     * the pairs): indexed again */
    "INSERT INTO fts(fts) VALUES('rebuild');",
    /* 4: the engine's state in pieces of a megabyte, streamed in and out (link_state.state is then empty) */
    "CREATE TABLE link_state_chunks(seq INTEGER PRIMARY KEY, data BLOB NOT NULL);",
    /* 5: an article's sentences ([start, end, paragraph] each) and mentions ([start, end, type, text, entity] each)
     * are JSON arrays in its row, not a row each */
    "ALTER TABLE articles ADD COLUMN sentences TEXT;"
    "ALTER TABLE articles ADD COLUMN mentions TEXT;"
    "UPDATE articles SET sentences = (SELECT json_group_array(json_array(start, end, paragraph)) FROM"
    " (SELECT start, end, paragraph FROM sentences s WHERE s.article = articles.n ORDER BY idx)),"
    " mentions = (SELECT json_group_array(json_array(start, end, type, text, entity)) FROM"
    " (SELECT start, end, type, text, entity FROM mentions m WHERE m.article = articles.n ORDER BY rowid));"
    "DROP TABLE sentences;"
    "DROP TABLE mentions;",
    /* 6: an article's credits ("(فرانس برس، الرصيف)"; a JSON array): the story engine reads them, so a rebuild of its
     * state from the stored articles needs them */
    "ALTER TABLE articles ADD COLUMN credits TEXT;",
    /* 7: the cleaner's boilerplate statistics (rasd_cleaner_save), so that a later batch is cleaned as one run over
     * everything would clean it */
    "CREATE TABLE IF NOT EXISTS reader_state(id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);",
    /* 8: the engine's state split: every article's record saved once, in pieces appended batch after batch, and the
     * rest (vocabulary, registry) in link_state_chunks as before; a state saved whole is split at its next save */
    "CREATE TABLE IF NOT EXISTS link_records(seq INTEGER PRIMARY KEY, data BLOB NOT NULL);",
    /* 9: the records are coded against their articles' titles and texts, which they mostly repeat (a third of the
     * bytes): a coded row holds whole records; the rows of schema 8 (coded = 0) are read as they are */
    "ALTER TABLE link_records ADD COLUMN coded INTEGER NOT NULL DEFAULT 0;",
    /* 10: the search index merges its segments sixteen at a time (FTS5's default is four: every posting rewritten
     * about twice as often while articles are added; a search reads a few more segments) */
    "INSERT INTO fts(fts, rank) VALUES('automerge', 16);"
    "INSERT INTO fts(fts, rank) VALUES('crisismerge', 64);",
    /* 11: an article's quotes, dates and quantities are kept in the order of (article, idx) without a rowid: one
     * B-tree each instead of a table and an index by article (quantities get their idx) */
    "CREATE TABLE quotes_(article INTEGER NOT NULL, idx INTEGER NOT NULL, speaker TEXT, entity INTEGER, role TEXT,"
    " cue TEXT, direct INTEGER, text TEXT, start INTEGER, end INTEGER, PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "INSERT INTO quotes_ SELECT article, row_number() OVER (PARTITION BY article ORDER BY idx, start) - 1, speaker,"
    " entity, role, cue, direct, text, start, end FROM quotes;"
    "DROP TABLE quotes; ALTER TABLE quotes_ RENAME TO quotes;"
    "CREATE INDEX quotes_entity ON quotes(entity);"
    "CREATE TABLE dates_(article INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT, value TEXT, calendar TEXT,"
    " hijri TEXT, relative INTEGER, start INTEGER, end INTEGER, sentence INTEGER, event INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "INSERT INTO dates_ SELECT article, row_number() OVER (PARTITION BY article ORDER BY idx, start) - 1, text, value,"
    " calendar, hijri, relative, start, end, sentence, event FROM dates;"
    "DROP TABLE dates; ALTER TABLE dates_ RENAME TO dates;"
    "CREATE TABLE quantities_(article INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT, value REAL, unit TEXT,"
    " start INTEGER, end INTEGER, sentence INTEGER, PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "INSERT INTO quantities_ SELECT article, row_number() OVER (PARTITION BY article ORDER BY start, end, text) - 1, text,"
    " value, unit, start, end, sentence FROM quantities;"
    "DROP TABLE quantities; ALTER TABLE quantities_ RENAME TO quantities;",
    /* 12: an article's quotes, dates and quantities are JSON arrays in its row (one array per item, its text left out
     * when it is the slice [start, end) of the article's text, which it nearly always is), read through views of the
     * old tables' names and columns: three columns of a row written anyway instead of ~30 rows an article. What is
     * queried across articles stays indexed (an entity's articles, and so its quotes). */
    "ALTER TABLE articles ADD COLUMN quote_rows TEXT;"
    "ALTER TABLE articles ADD COLUMN date_rows TEXT;"
    "ALTER TABLE articles ADD COLUMN quantity_rows TEXT;"
    "UPDATE articles SET quote_rows = (SELECT json_group_array(json(r)) FROM (SELECT CASE WHEN q.text ="
    " " SLICE("articles.text", "q.start", "q.end") " THEN json_array(speaker, entity, role, cue, direct, start, end) ELSE"
    " json_array(speaker, entity, role, cue, direct, start, end, q.text) END AS r FROM quotes q WHERE q.article = articles.n"
    " ORDER BY idx)) WHERE n IN (SELECT article FROM quotes);"
    "UPDATE articles SET date_rows = (SELECT json_group_array(json(r)) FROM (SELECT CASE WHEN d.text ="
    " " SLICE("articles.text", "d.start", "d.end") " THEN json_array(value, calendar, hijri, relative, start, end, sentence,"
    " event) ELSE json_array(value, calendar, hijri, relative, start, end, sentence, event, d.text) END AS r FROM dates d"
    " WHERE d.article = articles.n ORDER BY idx)) WHERE n IN (SELECT article FROM dates);"
    "UPDATE articles SET quantity_rows = (SELECT json_group_array(json(r)) FROM (SELECT CASE WHEN x.text ="
    " " SLICE("articles.text", "x.start", "x.end") " THEN json_array(value, unit, start, end, sentence) ELSE"
    " json_array(value, unit, start, end, sentence, x.text) END AS r FROM quantities x WHERE x.article = articles.n"
    " ORDER BY idx)) WHERE n IN (SELECT article FROM quantities);"
    "DROP TABLE quotes; DROP TABLE dates; DROP TABLE quantities;" VIEWS_12,
    /* 13: an article's entities ([entity, mentions, role] each, by entity) are a JSON array in its row, read through the
     * view article_entities; the articles of an entity are the table entity_articles, one B-tree keyed (entity,
     * article) written in that order with the batch (instead of a row keyed (article, entity) and an index by entity
     * written article after article) */
    "ALTER TABLE articles ADD COLUMN entity_rows TEXT;"
    "UPDATE articles SET entity_rows = (SELECT json_group_array(json_array(entity, n_mentions, role)) FROM (SELECT entity,"
    " n_mentions, role FROM article_entities ae WHERE ae.article = articles.n ORDER BY entity))"
    " WHERE n IN (SELECT article FROM article_entities);"
    "CREATE TABLE entity_articles(entity INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY(entity, article))"
    " WITHOUT ROWID;"
    "INSERT INTO entity_articles SELECT entity, article FROM article_entities ORDER BY entity, article;"
    "DROP TABLE article_entities;"
    "CREATE VIEW article_entities(article, entity, n_mentions, role) AS SELECT a.n, j.value ->> 0, j.value ->> 1,"
    " j.value ->> 2 FROM articles a, json_each(a.entity_rows) j;",
    /* 14: no index of articles by outlet: every query compares outlets without case (COLLATE NOCASE), which this
     * index cannot answer, so it was written article after article and never read */
    "DROP INDEX IF EXISTS articles_outlet;",
    /* 15: the search index writes leaves of 32000 bytes (FTS5's default is 4050): an eighth as many rows of fts_data
     * and leaf headers to write while articles are added (the store's pages are 64 KiB, so a leaf still fits in one);
     * the leaves written before stay as they are */
    "INSERT INTO fts(fts, rank) VALUES('pgsz', 32000);",
};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

typedef struct cached {
  const char *sql;
  sqlite3_stmt *st;
} cached;

typedef struct sq {
  sqlite3 *db;
  cached cache[96];
  size_t n_cache;
  int64_t *batch; /* rowids put in the open batch */
  size_t n_batch, cap_batch;
  int engine;     /* the story engine links this store (it has saved its state): no article vectors for sq_link */
  rasd__kcache kc; /* name keys of entities and terms */
  struct ecache *ec; /* entities by key, and the batch's entity and form counts not yet written */
  size_t recs_saved; /* records of the loaded engine's articles that link_records holds (0: write them all anew) */
  int64_t next_entity, first_new_entity; /* the id the next new entity gets, and the first of the open batch */
  struct eart *ea;   /* the batch's (entity, article) pairs, written in order at its end (entity_articles) */
  size_t n_ea, cap_ea;
  struct hmemo {     /* the content hashes sq_has made lately (see content_hash) */
    const void *d, *p;
    size_t len;
    uint64_t fp;
    char hex[33];
    uint64_t gen;    /* the batch sq_has looked in, and what it found (see put_is_new) */
    uint64_t keys;   /* a hash of the id and url it looked for */
    int absent;
  } memo[64];
  unsigned memo_next;
  uint64_t gen;      /* counts batches begun (and rolled back) on this connection */
  uint64_t *bkeys;   /* hashes of the ids, content hashes and urls the open batch has put (open addressing, 0: free) */
  size_t n_bkeys, cap_bkeys;
} sq;

static void bkeys_reset(sq *q);

typedef struct eart {
  int64_t entity, article;
} eart;

static int eart_cmp(const void *a, const void *b) {
  const eart *x = a, *y = b;
  if (x->entity != y->entity) return x->entity < y->entity ? -1 : 1;
  return x->article < y->article ? -1 : x->article > y->article;
}

#define DB(s) (((sq *)(s)->impl)->db)

int rasd__store_fail(rasd_store *s, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->err, sizeof s->err, fmt, ap);
  va_end(ap);
  return code;
}

static int dbfail(rasd_store *s, const char *what) {
  return rasd__store_fail(s, RASD_EDB, "%s: %s", what, sqlite3_errmsg(DB(s)));
}

/* Returns the cached prepared statement for the static string 'sql' (reset, bindings cleared), or NULL. */
static sqlite3_stmt *stmt(rasd_store *s, const char *sql) {
  sq *q = s->impl;
  for (size_t i = 0; i < q->n_cache; i++)
    if (q->cache[i].sql == sql) {
      sqlite3_reset(q->cache[i].st);
      sqlite3_clear_bindings(q->cache[i].st);
      return q->cache[i].st;
    }
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
    dbfail(s, "prepare");
    return NULL;
  }
  if (q->n_cache < sizeof q->cache / sizeof q->cache[0]) q->cache[q->n_cache++] = (cached){sql, st};
  return st;
}

static int exec(rasd_store *s, const char *sql) {
  char *e = NULL;
  if (sqlite3_exec(DB(s), sql, NULL, NULL, &e) != SQLITE_OK) {
    rasd__store_fail(s, RASD_EDB, "%s", e ? e : "sqlite error");
    sqlite3_free(e);
    return RASD_EDB;
  }
  return RASD_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
  if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

static void bind_textn(sqlite3_stmt *st, int i, const char *v, size_t n) {
  sqlite3_bind_text(st, i, v, (int)n, SQLITE_TRANSIENT);
}

static const char *col_text(sqlite3_stmt *st, int i) { return (const char *)sqlite3_column_text(st, i); }

/* Steps a statement that returns no rows. */
static int run(rasd_store *s, sqlite3_stmt *st, const char *what) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? RASD_OK : dbfail(s, what);
}

/* ---- entities of the batch ----
 * An entity (or one of its forms) named in many articles of a batch is written once at the end of the batch with
 * its counts added up, not once per article; entities are looked up by key in memory. The cache holds the stored
 * values (id, English form, canonical form) and lives across batches of this connection: it is dropped on a
 * rollback and when another connection has written to the store (PRAGMA data_version). */

typedef struct ent_c {
  const char *key;         /* in the arena */
  uint32_t h, kl;          /* its hash and length (a probe compares them before the bytes) */
  int64_t id;
  char *en, *canonical;    /* what the row holds (or will hold once written) */
  int en_translit;
  int64_t d_articles, d_mentions;
  int dirty;
  int is_new;              /* not stored yet: written with the batch (one INSERT, not an INSERT and an UPDATE) */
  const char *type;        /* of a new entity (a static string) */
} ent_c;

typedef struct form_c {
  int64_t entity;
  const char *form;        /* in the arena */
  uint32_t h;              /* hash of (form, entity) */
  int64_t n;
} form_c;

typedef struct ecache {
  ent_c *e;
  size_t n, cap;
  uint64_t *slot;          /* open addressing: the entry's hash << 32 | its index + 1 into e; 0 free */
  size_t nslot;
  form_c *f;               /* this batch's (entity, form) counts */
  size_t nf, capf;
  uint64_t *fslot;         /* the same for f */
  size_t nfslot;
  int64_t data_version;
  int complete;            /* every stored entity is in 'e' (the cache began on an empty table): a key not in it is new */
  rasd__arena *ar;
} ecache;

static uint32_t str_hash(const char *s, size_t n, uint64_t seed) {
  uint64_t h = rasd__hash8(s, n, 1469598103934665603ULL ^ seed);
  return (uint32_t)(h ^ (h >> 32));
}

static void ecache_free(ecache *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) {
    free(c->e[i].en);
    free(c->e[i].canonical);
  }
  free(c->e);
  free(c->slot);
  free(c->f);
  free(c->fslot);
  rasd__arena_free(c->ar);
  free(c);
}

/* A slot of entry 'i' (0-based) of hash 'h': a probe compares hashes without touching the entries. */
static uint64_t slot_of(uint32_t h, size_t i) { return (uint64_t)h << 32 | (uint64_t)(i + 1); }

static int rehash(uint64_t **slot, size_t *nslot, size_t n, uint32_t (*hash_of)(const ecache *, size_t), const ecache *c) {
  size_t ns = *nslot ? *nslot * 2 : 1024;
  while (ns < n * 2) ns *= 2;
  uint64_t *t = calloc(ns, sizeof *t);
  if (!t) return -1;
  for (size_t i = 0; i < n; i++) {
    uint32_t h = hash_of(c, i);
    size_t j = h & (ns - 1);
    while (t[j]) j = (j + 1) & (ns - 1);
    t[j] = slot_of(h, i);
  }
  free(*slot);
  *slot = t;
  *nslot = ns;
  return 0;
}

static uint32_t ent_hash_of(const ecache *c, size_t i) { return c->e[i].h; }
static uint32_t form_hash_of(const ecache *c, size_t i) { return c->f[i].h; }

/* Number of characters of UTF-8 's' (what SQLite's length() counts). */
static size_t nchars(const char *s) {
  size_t n = 0;
  for (; s && *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* Writes the batch's entities (new ones whole, stored ones' counts) and form counts. */
static int ecache_flush(rasd_store *s) {
  sq *q = s->impl;
  ecache *c = q->ec;
  if (!c) return RASD_OK;
  int rc = RASD_OK;
  for (size_t i = 0; i < c->n && rc == RASD_OK; i++) {
    ent_c *e = &c->e[i];
    if (!e->dirty) continue;
    sqlite3_stmt *st = stmt(s, e->is_new ? "INSERT INTO entities(id, n_articles, n_mentions, en, en_translit, canonical, key,"
                                           " type) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                                         : "UPDATE entities SET n_articles = n_articles + ?2, n_mentions = n_mentions + ?3,"
                                           " en = ?4, en_translit = ?5, canonical = ?6 WHERE id = ?1");
    if (!st) return RASD_EDB;
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_int64(st, 2, e->d_articles);
    sqlite3_bind_int64(st, 3, e->d_mentions);
    bind_text(st, 4, e->en);
    sqlite3_bind_int(st, 5, e->en_translit);
    bind_text(st, 6, e->canonical);
    if (e->is_new) {
      bind_text(st, 7, e->key);
      bind_text(st, 8, e->type);
    }
    rc = run(s, st, "entities");
    e->d_articles = e->d_mentions = 0;
    e->dirty = e->is_new = 0;
  }
  for (size_t i = 0; i < c->nf && rc == RASD_OK; i++) {
    /* A form of an entity new in the batch is new; another is updated, else inserted (see analysis_prep: no upsert) */
    for (int ins = c->f[i].entity >= q->first_new_entity; ins < 2 && rc == RASD_OK; ins++) {
      sqlite3_stmt *st = stmt(s, ins ? "INSERT INTO entity_forms(entity, form, n) VALUES(?1, ?2, ?3)"
                                     : "UPDATE entity_forms SET n = n + ?3 WHERE entity = ?1 AND form = ?2");
      if (!st) return RASD_EDB;
      sqlite3_bind_int64(st, 1, c->f[i].entity);
      bind_text(st, 2, c->f[i].form);
      sqlite3_bind_int64(st, 3, c->f[i].n);
      if ((rc = run(s, st, "entity_forms")) != RASD_OK || sqlite3_changes(DB(s)) > 0) break;
    }
  }
  c->nf = 0;
  if (c->fslot) memset(c->fslot, 0, c->nfslot * sizeof *c->fslot);
  return rc;
}

/* Drops the cache (after a rollback, or when another connection wrote). */
static void ecache_drop(sq *q) {
  ecache_free(q->ec);
  q->ec = NULL;
}

static ecache *ecache_get(rasd_store *s) {
  sq *q = s->impl;
  if (!q->ec && (q->ec = calloc(1, sizeof *q->ec)) && !(q->ec->ar = rasd__arena_new(1 << 16))) ecache_drop(q);
  return q->ec;
}

/* Counts entity 'e' of an article under 'key': its stored id into '*id' (a new row when the key is new). */
static int entity_put(rasd_store *s, const char *key, size_t kl, const rasd_doc_entity *e, int64_t *id) {
  ecache *c = ecache_get(s);
  if (!c) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  if ((c->n + 1) * 2 > c->nslot && rehash(&c->slot, &c->nslot, c->n, ent_hash_of, c))
    return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  uint32_t h = str_hash(key, kl, 0);
  size_t j = h & (c->nslot - 1);
  for (; c->slot[j]; j = (j + 1) & (c->nslot - 1)) {
    if (c->slot[j] >> 32 != h) continue;
    ent_c *x = &c->e[(uint32_t)c->slot[j] - 1];
    if (x->kl == kl && !memcmp(x->key, key, kl)) {
      /* As the row would be updated article after article. */
      if (!x->en || (x->en_translit && !e->en_translit)) {
        char *en = e->en ? rasd__strdup0(e->en) : NULL;
        if (e->en && !en) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
        free(x->en);
        x->en = en;
        x->en_translit = e->en_translit;
      }
      if (nchars(e->canonical) > nchars(x->canonical)) {
        char *cn = rasd__strdup0(e->canonical);
        if (!cn) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
        free(x->canonical);
        x->canonical = cn;
      }
      x->d_articles++;
      x->d_mentions += e->n_mentions;
      x->dirty = 1;
      *id = x->id;
      return RASD_OK;
    }
  }
  ent_c x = {0};
  x.key = rasd__arena_strndup(c->ar, key, kl);
  x.h = h;
  x.kl = (uint32_t)kl;
  if (!x.key) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  /* Not seen on this connection: the stored row, else a new one (no need to look when the cache has them all). */
  int r = SQLITE_DONE;
  if (!c->complete) {
    sqlite3_stmt *st = stmt(s, "SELECT id, en, en_translit, canonical FROM entities WHERE key = ?1");
    if (!st) return RASD_EDB;
    bind_textn(st, 1, key, kl);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
      x.id = sqlite3_column_int64(st, 0);
      x.en = rasd__strdup0(col_text(st, 1));
      x.en_translit = sqlite3_column_int(st, 2);
      x.canonical = rasd__strdup0(col_text(st, 3));
    }
    sqlite3_reset(st);
  }
  if (r != SQLITE_ROW && r != SQLITE_DONE) return dbfail(s, "entities");
  if (RASD__VEC_PUSH(c->e, c->n, c->cap, x)) {
    free(x.en);
    free(x.canonical);
    return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  }
  c->slot[j] = slot_of(h, c->n - 1);
  if (r == SQLITE_ROW) return entity_put(s, key, kl, e, id); /* counted as above */
  /* New: its id now (what SQLite would give it), its row with the batch's counts when the batch is written. */
  sq *q = s->impl;
  ent_c *y = &c->e[c->n - 1];
  y->id = *id = q->next_entity++;
  y->en = e->en ? rasd__strdup0(e->en) : NULL;
  y->en_translit = e->en_translit;
  y->canonical = rasd__strdup0(e->canonical);
  y->type = rasd_ent_type_name(e->type);
  y->d_articles = 1;
  y->d_mentions = e->n_mentions;
  y->dirty = y->is_new = 1;
  if ((e->en && !y->en) || (e->canonical && !y->canonical)) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  return RASD_OK;
}

/* Counts 'n' uses of form 'form' of entity 'entity' in the batch. */
static int form_put(rasd_store *s, int64_t entity, const char *form, int64_t n) {
  ecache *c = ecache_get(s);
  if (!c) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  if ((c->nf + 1) * 2 > c->nfslot && rehash(&c->fslot, &c->nfslot, c->nf, form_hash_of, c))
    return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  size_t fl = strlen(form);
  uint32_t h = str_hash(form, fl, (uint64_t)entity);
  size_t j = h & (c->nfslot - 1);
  for (; c->fslot[j]; j = (j + 1) & (c->nfslot - 1)) {
    if (c->fslot[j] >> 32 != h) continue;
    form_c *x = &c->f[(uint32_t)c->fslot[j] - 1];
    if (x->entity == entity && !strcmp(x->form, form)) {
      x->n += n;
      return RASD_OK;
    }
  }
  form_c x = {entity, rasd__arena_strndup(c->ar, form, fl), h, n};
  if (!x.form || RASD__VEC_PUSH(c->f, c->nf, c->capf, x)) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  c->fslot[j] = slot_of(h, c->nf - 1);
  return RASD_OK;
}

/* ---- open, migrate, close ---- */

static int migrate(rasd_store *s) {
  sqlite3_stmt *st = NULL;
  int v = 0;
  if (sqlite3_prepare_v2(DB(s), "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return dbfail(s, "user_version");
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if (v > (int)N_MIGRATIONS)
    return rasd__store_fail(s, RASD_EDB, "the store has schema version %d, newer than this rasd (%d): upgrade rasd", v,
                            (int)N_MIGRATIONS);
  if (s->flags & RASD_STORE_READONLY) {
    if (v != (int)N_MIGRATIONS)
      return rasd__store_fail(s, RASD_EDB, "the store has schema version %d, this rasd wants %d: run `rasd add` on it once",
                              v, (int)N_MIGRATIONS);
    return RASD_OK;
  }
  for (; v < (int)N_MIGRATIONS; v++) {
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
    if (exec(s, "BEGIN IMMEDIATE") || exec(s, migrations[v]) || exec(s, pragma)) {
      sqlite3_exec(DB(s), "ROLLBACK", NULL, NULL, NULL);
      return RASD_EDB;
    }
    if (exec(s, "COMMIT")) return RASD_EDB;
  }
  return RASD_OK;
}

static int sq_open(rasd_store *s, const char *path, int flags) {
  sq *q = calloc(1, sizeof *q);
  if (!q) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  s->impl = q;
  int of = (flags & RASD_STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path, &q->db, of | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    rasd__store_fail(s, RASD_EDB, "%s: %s", path, q->db ? sqlite3_errmsg(q->db) : "cannot open");
    return RASD_EDB;
  }
  sqlite3_busy_timeout(q->db, 10000);
  sqlite3_extended_result_codes(q->db, 1);
  if (rasd__fts_register(q->db) != RASD_OK) return rasd__store_fail(s, RASD_EDB, "%s: FTS5 is not available", path);
  if (flags & RASD_STORE_READONLY) {
    if (exec(s, "PRAGMA query_only=1")) return RASD_EDB;
  } else {
    /* A new store gets 64 KiB pages (before WAL fixes the page size): its rows are written in bulk and the story
     * engine's state is a blob of megabytes, which small pages turn into long overflow chains (commits 3x dearer).
     * A cache of 16 MiB, not more: a batch's dirty pages beyond it go to the WAL early (some twice), but every page
     * the cache holds is memory the kernel must fault in (a day of SaudiNewsNet: 64 MiB of cache, 10k more page
     * faults, which cost more than the pages written again). */
    if (exec(s, "PRAGMA page_size=65536; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384")) {
      return rasd__store_fail(s, RASD_EDB, "%s: not a rasd store or not writable (%s)", path, s->err);
    }
  }
  int rc = migrate(s);
  if (rc != RASD_OK) {
    char m[512];
    snprintf(m, sizeof m, "%s", s->err);
    return rasd__store_fail(s, rc, "%s: %s", path, m);
  }
  return RASD_OK;
}

static void sq_close(rasd_store *s) {
  sq *q = s->impl;
  if (!q) return;
  for (size_t i = 0; i < q->n_cache; i++) sqlite3_finalize(q->cache[i].st);
  if (q->db) {
    if (!sqlite3_get_autocommit(q->db)) sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(q->db);
  }
  free(q->batch);
  free(q->ea);
  free(q->bkeys);
  rasd__kcache_free(&q->kc);
  ecache_free(q->ec);
  free(q);
  s->impl = NULL;
}

static int sq_begin(rasd_store *s) {
  sq *q = s->impl;
  q->n_batch = q->n_ea = 0;
  bkeys_reset(q);
  rasd__kcache_trim(&q->kc);
  int rc = exec(s, "BEGIN IMMEDIATE");
  if (rc != RASD_OK) return rc;
  int64_t dv = rasd__store_data_version(s);
  if (q->ec && (q->ec->data_version != dv || q->ec->n > 200000)) ecache_drop(q);
  int fresh = !q->ec;
  if (ecache_get(s)) q->ec->data_version = dv;
  sqlite3_stmt *st = stmt(s, "SELECT COALESCE(max(id), 0) + 1 FROM entities");
  if (!st) return RASD_EDB;
  int r = sqlite3_step(st);
  q->next_entity = q->first_new_entity = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
  sqlite3_reset(st);
  if (r != SQLITE_ROW) return dbfail(s, "entities");
  /* A cache begun on a store without entities holds every one this connection stores: it stays complete until it
   * is dropped (a rollback, another connection's write). */
  if (fresh && q->ec) q->ec->complete = q->next_entity == 1;
  if (!(st = stmt(s, "SELECT 1 FROM link_state WHERE id = 1"))) return RASD_EDB;
  q->engine = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_reset(st);
  return RASD_OK;
}

/* Writes the batch's (entity, article) pairs in key order: the B-tree is walked once from left to right. */
static int eart_flush(rasd_store *s) {
  sq *q = s->impl;
  int rc = RASD_OK;
  if (q->n_ea) qsort(q->ea, q->n_ea, sizeof *q->ea, eart_cmp);
  for (size_t i = 0; i < q->n_ea && rc == RASD_OK; i++) {
    sqlite3_stmt *st = stmt(s, "INSERT INTO entity_articles(entity, article) VALUES(?1, ?2)");
    if (!st) return RASD_EDB;
    sqlite3_bind_int64(st, 1, q->ea[i].entity);
    sqlite3_bind_int64(st, 2, q->ea[i].article);
    rc = run(s, st, "entity_articles");
  }
  q->n_ea = 0;
  return rc;
}

static int sq_commit(rasd_store *s) {
  int rc = ecache_flush(s);
  if (rc == RASD_OK) rc = eart_flush(s);
  if (rc == RASD_OK) rc = exec(s, "COMMIT");
  return rc;
}

static void sq_rollback(rasd_store *s) {
  if (!sqlite3_get_autocommit(DB(s))) sqlite3_exec(DB(s), "ROLLBACK", NULL, NULL, NULL);
  ((sq *)s->impl)->n_batch = 0;
  ((sq *)s->impl)->n_ea = 0;
  bkeys_reset(s->impl);
  ecache_drop(s->impl);
}

/* ---- put ---- */

typedef struct term {
  char *t;
  double w;
} term;

static int term_cmp(const void *a, const void *b) {
  const term *x = a, *y = b;
  return strcmp(x->t, y->t);
}

static int term_wcmp(const void *a, const void *b) {
  const term *x = a, *y = b;
  if (x->w != y->w) return x->w > y->w ? -1 : 1;
  return strcmp(x->t, y->t);
}

/* The article's vector for linking: log-tf of content stems, plus its entities (weighted twice), top MAX_TERMS. */
static int article_terms(rasd_store *s, int64_t n, const rasd_doc *d, const rasd_analysis *a, double *norm2) {
  rasd__words w;
  int rc = a && a->tokens && a->tokens->n_tok ? rasd__words_from(a->tokens, &w)
                                              : rasd__words_of(d->text ? d->text : "", d->text ? d->text_len : 0, &w);
  term *t = NULL;
  size_t nt = 0, cap = 0;
  if (rc != RASD_OK) goto done;
  for (size_t i = 0; i < w.n; i++) {
    const rasd__word *x = &w.w[i];
    if (x->stop || x->kind == RASD_TOK_NUMBER || x->stem_len < 4) continue;
    char *c = rasd__strndup(x->stem, x->stem_len);
    if (!c || RASD__VEC_PUSH(t, nt, cap, ((term){c, 1.0}))) { free(c); rc = RASD_ENOMEM; goto done; }
  }
  for (size_t i = 0; a && i < a->n_entities; i++) {
    const rasd_doc_entity *e = &a->entities[i];
    const char *k = e->key && *e->key ? e->key : e->canonical;
    if (!k) continue;
    size_t kl = 0;
    const char *kk = NULL;
    if (rasd__kcache_get(&((sq *)s->impl)->kc, k, strlen(k), &kk, &kl)) { rc = RASD_ENOMEM; goto done; }
    char *c = malloc(kl + 3);
    if (c) { c[0] = 'e'; c[1] = ':'; memcpy(c + 2, kk, kl + 1); }
    double wt = 2.0 * (e->n_mentions ? e->n_mentions : 1);
    if (!c || RASD__VEC_PUSH(t, nt, cap, ((term){c, wt}))) { free(c); rc = RASD_ENOMEM; goto done; }
  }
  if (nt) qsort(t, nt, sizeof *t, term_cmp);
  size_t u = 0;
  for (size_t i = 0; i < nt; i++) {
    if (u && !strcmp(t[u - 1].t, t[i].t)) { t[u - 1].w += t[i].w; free(t[i].t); continue; }
    t[u++] = t[i];
  }
  nt = u;
  for (size_t i = 0; i < nt; i++) t[i].w = 1.0 + log(t[i].w);
  if (nt) qsort(t, nt, sizeof *t, term_wcmp);
  *norm2 = 0;
  sqlite3_stmt *st = stmt(s, "INSERT INTO article_terms(article, term, weight) VALUES(?1, ?2, ?3)");
  if (!st) { rc = RASD_EDB; goto done; }
  for (size_t i = 0; i < nt && i < MAX_TERMS; i++) {
    sqlite3_bind_int64(st, 1, n);
    bind_text(st, 2, t[i].t);
    sqlite3_bind_double(st, 3, t[i].w);
    if ((rc = run(s, st, "article_terms")) != RASD_OK) goto done;
    *norm2 += t[i].w * t[i].w;
  }
done:
  for (size_t i = 0; i < nt; i++) free(t[i].t);
  free(t);
  rasd__words_free(&w);
  return rc;
}

typedef struct eform {
  int64_t entity;
  const char *form;
} eform;

static int eform_cmp(const void *a, const void *b) {
  const eform *x = a, *y = b;
  if (x->entity != y->entity) return x->entity < y->entity ? -1 : 1;
  return strcmp(x->form, y->form);
}

typedef struct aent {
  int64_t entity;
  size_t idx; /* order found in the article */
  int64_t n_mentions;
  const char *role;
} aent;

static int aent_cmp(const void *a, const void *b) {
  const aent *x = a, *y = b;
  if (x->entity != y->entity) return x->entity < y->entity ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Appends unsigned 'v' in decimal. */
static void buf_u64(rasd__buf *b, uint64_t v) {
  char t[24];
  int n = 0;
  do t[n++] = (char)('0' + v % 10), v /= 10; while (v);
  if (rasd__buf_grow(b, (size_t)n)) return;
  while (n) b->s[b->len++] = t[--n];
}

static void buf_i64(rasd__buf *b, int64_t v) {
  if (v < 0) rasd__buf_addc(b, '-'), v = -v;
  buf_u64(b, (uint64_t)v);
}

/* Appends 's' (valid UTF-8) as a JSON string, or null for NULL. */
static void buf_jstr(rasd__buf *b, const char *s) {
  if (!s) { rasd__buf_add(b, "null", 4); return; }
  rasd__buf_addc(b, '"');
  const char *run = s;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    rasd__buf_add(b, run, (size_t)(s - run));
    char e[8];
    if (c == '"' || c == '\\') e[0] = '\\', e[1] = (char)c, e[2] = 0;
    else snprintf(e, sizeof e, "\\u%04x", c);
    rasd__buf_adds(b, e);
    run = s + 1;
  }
  rasd__buf_add(b, run, (size_t)(s - run));
  rasd__buf_addc(b, '"');
}

/* What an article's row and index need of its analysis, made before the row is written (so that the row is written
 * once): the stored entity id of each entity, and its sentences and mentions as JSON arrays. */
typedef struct aprep {
  int64_t *gid;    /* per a->entities[i]: stored entity id, 0 when none */
  aent *ents;      /* the stored entities of the article (one each once merged: entity_rows, entity_articles) */
  size_t n_ents;
  rasd__buf sj;    /* sentences: [[start, end, paragraph], ...] */
  rasd__buf ms;    /* mentions: [[start, end, type, text, entity], ...]; empty without an analysis */
  rasd__buf qj, dj, nj; /* quotes, dates, quantities (schema 12's records; see VIEWS_12); empty when none */
  rasd__buf ej;    /* the article's entities, one per stored entity: [[entity, mentions, role], ...]; empty when none */
} aprep;

static void aprep_free(aprep *p) {
  free(p->gid);
  free(p->ents);
  rasd__buf_free(&p->sj);
  rasd__buf_free(&p->ms);
  rasd__buf_free(&p->qj);
  rasd__buf_free(&p->dj);
  rasd__buf_free(&p->nj);
  rasd__buf_free(&p->ej);
}

/* Appends a JSON string of 's' when it is valid UTF-8, else null. */
static void buf_jstr_ok(rasd__buf *b, const char *s) { buf_jstr(b, s && rasd__utf8_valid(s, strlen(s)) ? s : NULL); }

/* Appends ',' and an item's text unless it is bytes [start, end) of the article's text 'd' (then the views take it from
 * there), then closes the item's array. */
static void item_text(rasd__buf *b, const rasd_doc *d, const char *t, uint32_t start, uint32_t end) {
  size_t tl = t ? strlen(t) : 0;
  if (!t || start > end || end > d->text_len || end - start != tl || memcmp(d->text + start, t, tl)) {
    rasd__buf_addc(b, ',');
    buf_jstr_ok(b, t);
  }
  rasd__buf_addc(b, ']');
}

/* Opens item 'i' of a JSON array in 'b' ("[[" or ",["). */
static void item_open(rasd__buf *b, size_t i) { rasd__buf_add(b, i ? ",[" : "[[", 2); }

/* The article's quotes, dates and quantities as the JSON arrays of its row (VIEWS_12), into p->qj, p->dj, p->nj. */
/* A comma, then a field of an item's JSON array: a string (or null), a signed or an unsigned number. */
static void next_jstr_ok(rasd__buf *b, const char *t) {
  rasd__buf_addc(b, ',');
  buf_jstr_ok(b, t);
}
static void next_i64(rasd__buf *b, int64_t v) {
  rasd__buf_addc(b, ',');
  buf_i64(b, v);
}
static void next_u64(rasd__buf *b, uint64_t v) {
  rasd__buf_addc(b, ',');
  buf_u64(b, v);
}

static int items_json(const rasd_doc *d, const rasd_analysis *a, aprep *p) {
  for (size_t i = 0; i < a->n_quotes; i++) {
    const rasd_quote *q = &a->quotes[i];
    int64_t e = q->speaker_entity >= 0 && (size_t)q->speaker_entity < a->n_entities ? p->gid[q->speaker_entity] : 0;
    item_open(&p->qj, i);
    buf_jstr_ok(&p->qj, q->speaker);
    rasd__buf_addc(&p->qj, ',');
    if (e) buf_i64(&p->qj, e);
    else rasd__buf_add(&p->qj, "null", 4);
    next_jstr_ok(&p->qj, q->speaker_role);
    next_jstr_ok(&p->qj, q->cue);
    next_i64(&p->qj, q->direct);
    next_u64(&p->qj, q->start);
    next_u64(&p->qj, q->end);
    item_text(&p->qj, d, q->text, q->start, q->end);
  }
  if (a->n_quotes) rasd__buf_addc(&p->qj, ']');
  /* Which dates carry an event: one pass over the events, not one per date. */
  unsigned char *is_event = a->n_timex ? calloc(a->n_timex, 1) : NULL;
  if (a->n_timex && !is_event) return RASD_ENOMEM;
  for (size_t k = 0; k < a->n_events; k++)
    if (a->events[k].timex < a->n_timex) is_event[a->events[k].timex] = 1;
  for (size_t i = 0; i < a->n_timex; i++) {
    const rasd_timex *t = &a->timex[i];
    item_open(&p->dj, i);
    buf_jstr_ok(&p->dj, t->value);
    next_jstr_ok(&p->dj, t->calendar);
    next_jstr_ok(&p->dj, t->hijri);
    next_i64(&p->dj, t->relative);
    next_u64(&p->dj, t->start);
    next_u64(&p->dj, t->end);
    next_u64(&p->dj, t->sentence);
    rasd__buf_add(&p->dj, is_event[i] ? ",1" : ",0", 2);
    item_text(&p->dj, d, t->text, t->start, t->end);
  }
  if (a->n_timex) rasd__buf_addc(&p->dj, ']');
  free(is_event);
  for (size_t i = 0; i < a->n_quantities; i++) {
    const rasd_quantity *q = &a->quantities[i];
    item_open(&p->nj, i);
    if (isfinite(q->value)) rasd__buf_printf(&p->nj, "%.17g", q->value);
    else rasd__buf_add(&p->nj, "null", 4);
    next_jstr_ok(&p->nj, q->unit);
    next_u64(&p->nj, q->start);
    next_u64(&p->nj, q->end);
    next_u64(&p->nj, q->sentence);
    item_text(&p->nj, d, q->text, q->start, q->end);
  }
  if (a->n_quantities) rasd__buf_addc(&p->nj, ']');
  return p->qj.oom || p->dj.oom || p->nj.oom ? RASD_ENOMEM : RASD_OK;
}

/* Counts the article's entities and forms in the batch (stored ids into p->gid) and writes its sentences and mentions
 * as JSON into 'p' (free with aprep_free()). */
static int analysis_prep(rasd_store *s, const rasd_doc *d, const rasd_analysis *a, aprep *p) {
  memset(p, 0, sizeof *p);
  rasd__buf_init(&p->sj);
  rasd__buf_init(&p->ms);
  rasd__buf_init(&p->qj);
  rasd__buf_init(&p->dj);
  rasd__buf_init(&p->nj);
  rasd__buf_init(&p->ej);
  int rc = RASD_OK;
  /* Sentences: the analysis's, or the store's own split when the analysis has none. */
  rasd__words w = {0};
  const rasd_sentence *sent = a && a->tokens ? a->tokens->sent : NULL;
  size_t n_sent = a && a->tokens ? a->tokens->n_sent : 0;
  if (!n_sent && d->text_len) {
    if ((rc = rasd__words_of(d->text, d->text_len, &w)) != RASD_OK) goto done;
    sent = w.sent;
    n_sent = w.n_sent;
  }
  rasd__buf_addc(&p->sj, '[');
  for (size_t i = 0; i < n_sent; i++) {
    rasd__buf_add(&p->sj, i ? ",[" : "[", i ? 2 : 1);
    buf_u64(&p->sj, sent[i].start);
    rasd__buf_addc(&p->sj, ',');
    buf_u64(&p->sj, sent[i].end);
    rasd__buf_addc(&p->sj, ',');
    buf_u64(&p->sj, sent[i].paragraph);
    rasd__buf_addc(&p->sj, ']');
  }
  rasd__buf_addc(&p->sj, ']');
  if (!a) goto done;
  eform *forms = NULL;
  size_t n_forms = 0, cap_forms = 0, cap_ents = 0;
  int64_t *gid = p->gid = calloc(a->n_entities + 1, sizeof *gid);
  if (!gid) { rc = RASD_ENOMEM; goto done; }
  for (size_t i = 0; i < a->n_entities; i++) {
    const rasd_doc_entity *e = &a->entities[i];
    if (!e->canonical || !*e->canonical) continue;
    const char *k0 = e->key && *e->key ? e->key : e->canonical;
    const char *key = NULL;
    size_t kl = 0;
    if (rasd__kcache_get(&((sq *)s->impl)->kc, k0, strlen(k0), &key, &kl)) { rc = RASD_ENOMEM; break; }
    if (!kl) continue;
    /* No upsert: an upsert would open a statement journal, and every statement journal makes FTS5 flush its
     * pending index to disk (one tiny segment per article, merged over and over). */
    if ((rc = entity_put(s, key, kl, e, &gid[i])) != RASD_OK) break;
    if (RASD__VEC_PUSH(p->ents, p->n_ents, cap_ents, ((aent){gid[i], i, e->n_mentions, e->role}))) { rc = RASD_ENOMEM; break; }
    if (RASD__VEC_PUSH(forms, n_forms, cap_forms, ((eform){gid[i], e->canonical}))) { rc = RASD_ENOMEM; break; }
  }
  rasd__buf_addc(&p->ms, '[');
  for (size_t i = 0; rc == RASD_OK && i < a->n_mentions; i++) {
    const rasd_mention *m = &a->mentions[i];
    int64_t e = m->entity >= 0 && (size_t)m->entity < a->n_entities ? gid[m->entity] : 0;
    rasd__buf_add(&p->ms, i ? ",[" : "[", i ? 2 : 1);
    buf_i64(&p->ms, (int64_t)m->start);
    rasd__buf_addc(&p->ms, ',');
    buf_i64(&p->ms, (int64_t)m->end);
    rasd__buf_addc(&p->ms, ',');
    buf_jstr(&p->ms, rasd_ent_type_name(m->type));
    rasd__buf_addc(&p->ms, ',');
    buf_jstr(&p->ms, m->text && rasd__utf8_valid(m->text, strlen(m->text)) ? m->text : NULL);
    rasd__buf_addc(&p->ms, ',');
    if (e) buf_i64(&p->ms, e);
    else rasd__buf_add(&p->ms, "null", 4);
    rasd__buf_addc(&p->ms, ']');
    if (e && m->text && *m->text && RASD__VEC_PUSH(forms, n_forms, cap_forms, ((eform){e, m->text}))) rc = RASD_ENOMEM;
  }
  rasd__buf_addc(&p->ms, ']');
  /* The forms an entity was written in, counted (written with the batch). */
  if (rc == RASD_OK && n_forms) qsort(forms, n_forms, sizeof *forms, eform_cmp);
  for (size_t i = 0; rc == RASD_OK && i < n_forms;) {
    size_t j = i + 1;
    while (j < n_forms && !eform_cmp(&forms[i], &forms[j])) j++;
    rc = form_put(s, forms[i].entity, forms[i].form, (int64_t)(j - i));
    i = j;
  }
  free(forms);
  /* The article's entities: one per stored entity (two found entities can share a key), mentions summed, the role of
   * the first; p->ents keeps one per stored entity, for entity_articles. */
  if (rc == RASD_OK && p->n_ents) qsort(p->ents, p->n_ents, sizeof *p->ents, aent_cmp);
  size_t u = 0;
  for (size_t i = 0; rc == RASD_OK && i < p->n_ents; u++) {
    size_t j = i + 1;
    int64_t nm = p->ents[i].n_mentions;
    for (; j < p->n_ents && p->ents[j].entity == p->ents[i].entity; j++) nm += p->ents[j].n_mentions;
    item_open(&p->ej, u);
    buf_i64(&p->ej, p->ents[i].entity);
    rasd__buf_addc(&p->ej, ',');
    buf_i64(&p->ej, nm);
    rasd__buf_addc(&p->ej, ',');
    buf_jstr_ok(&p->ej, p->ents[i].role);
    rasd__buf_addc(&p->ej, ']');
    p->ents[u] = p->ents[i];
    i = j;
  }
  if (rc == RASD_OK) {
    p->n_ents = u;
    if (u) rasd__buf_addc(&p->ej, ']');
  }
  if (rc == RASD_OK) rc = items_json(d, a, p);
done:
  if (rc == RASD_OK && (p->sj.oom || p->ms.oom || p->ej.oom)) rc = RASD_ENOMEM;
  rasd__words_free(&w);
  return rc;
}

/* A fingerprint of every byte of 's' ('n' bytes), eight at a time: many times cheaper than the content hash, which
 * goes byte by byte, and enough to tell whether a text changed at the same address. */
static uint64_t fingerprint(const char *s, size_t n) {
  uint64_t a = 0x9E3779B97F4A7C15ULL ^ n, b = 0xC2B2AE3D27D4EB4FULL;
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    uint64_t x, y;
    memcpy(&x, s + i, 8);
    memcpy(&y, s + i + 8, 8);
    a = (a ^ x) * 0xff51afd7ed558ccdULL;
    b = (b ^ y) * 0xc4ceb9fe1a85ec53ULL;
    a ^= a >> 32;
    b ^= b >> 29;
  }
  for (; i < n; i++) a = (a ^ (unsigned char)s[i]) * 0x100000001b3ULL;
  return a ^ (b * 0x9E3779B97F4A7C15ULL) ^ (b >> 31);
}

/* The content hash of document 'd' (its text, or its title when it has no text) as 32 hex digits into 'out'. `rasd
 * add` asks sq_has before it analyses a document and sq_put after: the hash sq_has made ('remember') is used again for
 * the same document, text address, length and fingerprint, so the text is hashed once. */
static struct hmemo *content_hash(sq *q, const rasd_doc *d, char out[33], int remember) {
  const char *p = d->text_len ? d->text : d->title ? d->title : "";
  size_t n = d->text_len ? d->text_len : strlen(p);
  uint64_t fp = fingerprint(p, n);
  size_t nm = sizeof q->memo / sizeof q->memo[0];
  for (size_t i = 0; i < nm; i++) {
    struct hmemo *m = &q->memo[i];
    if (m->d == d && m->p == p && m->len == n && m->fp == fp) {
      memcpy(out, m->hex, 33);
      return m;
    }
  }
  rasd__hash_hex(p, n, out);
  if (!remember) return NULL;
  struct hmemo *m = &q->memo[q->memo_next++ % nm];
  *m = (struct hmemo){d, p, n, fp, {0}, 0, 0, 0};
  memcpy(m->hex, out, 33);
  return m;
}

/* A hash of the id and url an article is looked up by. */
static uint64_t keys_hash(const char *id, const char *url) {
  uint64_t h = rasd__hash8(id ? id : "", id ? strlen(id) : 0, 0x51ED27);
  return rasd__hash8(url ? url : "", url ? strlen(url) : 0, h);
}

/* The batch's keys: an id, a content hash or a url put in the open batch (a filter: a hit may be another key). */
static uint64_t bkey(const char *s) {
  uint64_t h = rasd__hash8(s, strlen(s), 0xB7C4);
  return h ? h : 1;
}

static int bkeys_has(const sq *q, const char *s) {
  if (!s || !q->cap_bkeys) return 0;
  uint64_t h = bkey(s);
  for (size_t j = h & (q->cap_bkeys - 1); q->bkeys[j]; j = (j + 1) & (q->cap_bkeys - 1))
    if (q->bkeys[j] == h) return 1;
  return 0;
}

static int bkeys_add(sq *q, const char *s) {
  if (!s) return 0;
  if ((q->n_bkeys + 1) * 2 > q->cap_bkeys) {
    size_t nc = q->cap_bkeys ? q->cap_bkeys * 2 : 4096;
    uint64_t *t = calloc(nc, sizeof *t);
    if (!t) return -1;
    for (size_t i = 0; i < q->cap_bkeys; i++) {
      if (!q->bkeys[i]) continue;
      size_t j = q->bkeys[i] & (nc - 1);
      while (t[j]) j = (j + 1) & (nc - 1);
      t[j] = q->bkeys[i];
    }
    free(q->bkeys);
    q->bkeys = t;
    q->cap_bkeys = nc;
  }
  uint64_t h = bkey(s);
  size_t j = h & (q->cap_bkeys - 1);
  for (; q->bkeys[j]; j = (j + 1) & (q->cap_bkeys - 1))
    if (q->bkeys[j] == h) return 0;
  q->bkeys[j] = h;
  q->n_bkeys++;
  return 0;
}

/* Starts the batch's keys afresh (a batch begins or is rolled back): a lookup sq_has made before is not used again. */
static void bkeys_reset(sq *q) {
  q->gen++;
  if (q->bkeys) memset(q->bkeys, 0, q->cap_bkeys * sizeof *q->bkeys);
  q->n_bkeys = 0;
}

/* 1 when sq_has looked for this very document ('m', same id and url) in the open batch and found nothing, and the
 * batch has put no article with its id, content hash 'hash' or url since: then it is not stored, without a lookup. */
static int put_is_new(const sq *q, const struct hmemo *m, const char *id, const char *hash, const char *url) {
  return m && m->absent && m->gen == q->gen && m->keys == keys_hash(id, url) && !bkeys_has(q, id) &&
         !bkeys_has(q, hash) && !bkeys_has(q, url);
}

/* Same id, content hash or url stored. "url <> ''" lets the url lookup use the partial index articles_url (without
 * it SQLite cannot prove the bound url non-empty and scans the whole table for every article). */
static const char SQL_STORED[] = "SELECT 1 FROM articles WHERE id = ?1 UNION ALL SELECT 1 FROM articles WHERE hash = ?2"
                                 " UNION ALL SELECT 1 FROM articles WHERE url = ?3 AND url <> '' LIMIT 1";

static int sq_has(rasd_store *s, const rasd_doc *d, int *found) {
  sq *q = s->impl;
  char hash[33];
  struct hmemo *m = content_hash(q, d, hash, 1);
  const char *id = d->id && *d->id ? d->id : hash, *url = d->url && *d->url ? d->url : NULL;
  sqlite3_stmt *st = stmt(s, SQL_STORED);
  if (!st) return RASD_EDB;
  bind_text(st, 1, id);
  bind_text(st, 2, hash);
  bind_text(st, 3, url);
  int r = sqlite3_step(st);
  sqlite3_reset(st);
  *found = r == SQLITE_ROW;
  if (m) { /* what sq_put may take as it is (put_is_new) */
    m->gen = q->gen;
    m->keys = keys_hash(id, url);
    m->absent = r == SQLITE_DONE;
  }
  return r == SQLITE_ROW || r == SQLITE_DONE ? RASD_OK : dbfail(s, "lookup");
}

static int sq_has_key(rasd_store *s, const char *id, const char *url, int *found) {
  sqlite3_stmt *st = stmt(s, "SELECT 1 FROM articles WHERE id = ?1 UNION ALL SELECT 1 FROM articles WHERE url = ?2"
                             " AND url <> '' LIMIT 1");
  if (!st) return RASD_EDB;
  bind_text(st, 1, id && *id ? id : NULL);
  bind_text(st, 2, url && *url ? url : NULL);
  int r = sqlite3_step(st);
  sqlite3_reset(st);
  *found = r == SQLITE_ROW;
  return r == SQLITE_ROW || r == SQLITE_DONE ? RASD_OK : dbfail(s, "lookup");
}

static int sq_get_reader(rasd_store *s, void **p, size_t *n) {
  *p = NULL;
  *n = 0;
  sqlite3_stmt *st = stmt(s, "SELECT data FROM reader_state WHERE id = 1");
  if (!st) return RASD_EDB;
  int r = sqlite3_step(st), rc = RASD_OK;
  if (r == SQLITE_ROW) {
    *n = (size_t)sqlite3_column_bytes(st, 0);
    const void *b = sqlite3_column_blob(st, 0);
    if (*n && !(*p = malloc(*n))) rc = rasd__store_fail(s, RASD_ENOMEM, "out of memory");
    else if (*n) memcpy(*p, b, *n);
  } else if (r != SQLITE_DONE) {
    rc = dbfail(s, "reader state");
  }
  sqlite3_reset(st);
  return rc;
}

static int sq_put_reader(rasd_store *s, const void *p, size_t n) {
  sqlite3_stmt *st = stmt(s, "INSERT OR REPLACE INTO reader_state(id, data) VALUES(1, ?1)");
  if (!st) return RASD_EDB;
  sqlite3_bind_blob64(st, 1, p, n, SQLITE_STATIC);
  int rc = run(s, st, "reader state");
  sqlite3_clear_bindings(st);
  return rc;
}

/* 'v' ('n' strings) as a JSON array (caller frees), or NULL when there are none. */
static char *strings_json(char **v, size_t n) {
  if (!n) return NULL;
  json_t *a = json_array();
  for (size_t i = 0; a && i < n; i++) json_array_append_new(a, json_string(v[i] ? v[i] : ""));
  char *r = a ? json_dumps(a, JSON_COMPACT) : NULL;
  json_decref(a);
  return r;
}

static int sq_put(rasd_store *s, const rasd_doc *d, const rasd_analysis *a, int *added) {
  sq *q = s->impl;
  *added = 0;
  const char *text = d->text ? d->text : "";
  size_t tlen = d->text ? d->text_len : 0;
  char hash[33];
  const struct hmemo *m = content_hash(q, d, hash, 0);
  const char *id = d->id && *d->id ? d->id : hash;
  const char *url = d->url && *d->url ? d->url : NULL;
  sqlite3_stmt *st;
  if (!put_is_new(q, m, id, hash, url)) { /* else sq_has looked for it in this batch a moment ago */
    if (!(st = stmt(s, SQL_STORED))) return RASD_EDB;
    bind_text(st, 1, id);
    bind_text(st, 2, hash);
    bind_text(st, 3, url);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_ROW) return RASD_OK;
    if (r != SQLITE_DONE) return dbfail(s, "lookup");
  }
  aprep pr;
  int rc = analysis_prep(s, d, a, &pr);
  if (rc != RASD_OK) {
    aprep_free(&pr);
    return rc == RASD_ENOMEM ? rasd__store_fail(s, rc, "out of memory") : rc;
  }
  char *agencies = strings_json(d->agencies, d->n_agencies), *credits = strings_json(d->credits, d->n_credits);
  rasd__buf ord;
  rasd__buf_init(&ord);
  /* Publication order; an undated article counts as the newest, so it never forces older ones to be linked again. */
  rasd__buf_printf(&ord, "%.10s\x1f%s", d->date && rasd__date_valid(d->date) ? d->date : "9999-12-31", id);
  st = stmt(s, "INSERT INTO articles(id, url, hash, outlet, date, title, byline, dateline, path, text, agencies, ord,"
               " credits, sentences, mentions, quote_rows, date_rows, quantity_rows, entity_rows)"
               " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)");
  if (!st) { free(agencies); free(credits); rasd__buf_free(&ord); aprep_free(&pr); return RASD_EDB; }
  bind_text(st, 1, id);
  bind_text(st, 2, url);
  bind_text(st, 3, hash);
  bind_text(st, 4, d->outlet);
  bind_text(st, 5, d->date && rasd__date_valid(d->date) ? d->date : NULL);
  if (d->date && strlen(d->date) > 10 && rasd__date_valid(d->date)) bind_textn(st, 5, d->date, 10);
  bind_text(st, 6, d->title);
  bind_text(st, 7, d->byline);
  bind_text(st, 8, d->dateline);
  bind_text(st, 9, d->path);
  sqlite3_bind_text(st, 10, text, (int)tlen, SQLITE_STATIC); /* 10, 14 to 19: no copies, they outlive the statement's run */
  bind_text(st, 11, agencies);
  bind_text(st, 12, ord.s);
  bind_text(st, 13, credits);
  sqlite3_bind_text(st, 14, pr.sj.s, (int)pr.sj.len, SQLITE_STATIC);
  if (a) sqlite3_bind_text(st, 15, pr.ms.s, (int)pr.ms.len, SQLITE_STATIC);
  if (pr.qj.len) sqlite3_bind_text(st, 16, pr.qj.s, (int)pr.qj.len, SQLITE_STATIC);
  if (pr.dj.len) sqlite3_bind_text(st, 17, pr.dj.s, (int)pr.dj.len, SQLITE_STATIC);
  if (pr.nj.len) sqlite3_bind_text(st, 18, pr.nj.s, (int)pr.nj.len, SQLITE_STATIC);
  if (pr.ej.len) sqlite3_bind_text(st, 19, pr.ej.s, (int)pr.ej.len, SQLITE_STATIC);
  free(agencies);
  free(credits);
  rasd__buf_free(&ord);
  rc = run(s, st, "insert article");
  sqlite3_clear_bindings(st); /* 14 to 19 point into 'pr' */
  if (rc != RASD_OK) { aprep_free(&pr); return rc; }
  int64_t n = sqlite3_last_insert_rowid(q->db);
  if (bkeys_add(q, id) || bkeys_add(q, hash) || bkeys_add(q, url)) {
    aprep_free(&pr);
    return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < pr.n_ents; i++)
    if (RASD__VEC_PUSH(q->ea, q->n_ea, q->cap_ea, ((eart){pr.ents[i].entity, n}))) {
      aprep_free(&pr);
      return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
    }
  st = stmt(s, "INSERT INTO fts(rowid, title, text) VALUES(?1, ?2, ?3)");
  if (!st) { aprep_free(&pr); return RASD_EDB; }
  sqlite3_bind_int64(st, 1, n);
  bind_text(st, 2, d->title);
  sqlite3_bind_text(st, 3, text, (int)tlen, SQLITE_STATIC);
  rasd__fts_pretok(text, tlen, a ? a->tokens : NULL, a ? a->mentions : NULL, a ? a->n_mentions : 0);
  rc = run(s, st, "index article");
  rasd__fts_pretok(NULL, 0, NULL, NULL, 0);
  sqlite3_clear_bindings(st);
  aprep_free(&pr);
  if (rc != RASD_OK) return rc;
  /* The vector sq_link finds stories with; the story engine keeps its own. */
  if (!s->corpus && !q->engine) {
    double norm2 = 0;
    if ((rc = article_terms(s, n, d, a, &norm2)) != RASD_OK) return rc;
    st = stmt(s, "UPDATE articles SET norm2 = ?2 WHERE n = ?1");
    if (!st) return RASD_EDB;
    sqlite3_bind_int64(st, 1, n);
    sqlite3_bind_double(st, 2, norm2);
    if ((rc = run(s, st, "norm")) != RASD_OK) return rc;
  }
  if (RASD__VEC_PUSH(q->batch, q->n_batch, q->cap_batch, n)) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  *added = 1;
  return RASD_OK;
}

/* ---- link: incremental stories ---- */

/* Recomputes size, dates, outlets, title and centroid norm of story 'id'; deletes it when it has no members. */
static int story_refresh(rasd_store *s, int64_t id, int terms_too, int drop_empty) {
  sqlite3_stmt *st;
  int rc;
  if (terms_too) {
    if (!(st = stmt(s, "DELETE FROM story_terms WHERE story = ?1"))) return RASD_EDB;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = run(s, st, "story_terms")) != RASD_OK) return rc;
    if (!(st = stmt(s, "INSERT INTO story_terms(story, term, weight) SELECT ?1, t.term, sum(t.weight)"
                       " FROM articles a JOIN article_terms t ON t.article = a.n WHERE a.story = ?1 GROUP BY t.term")))
      return RASD_EDB;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = run(s, st, "story_terms")) != RASD_OK) return rc;
  }
  st = stmt(s, "UPDATE stories SET size = (SELECT count(*) FROM articles WHERE story = ?1),"
               " first_date = (SELECT min(date) FROM articles WHERE story = ?1),"
               " last_date = (SELECT max(date) FROM articles WHERE story = ?1),"
               " outlets = (SELECT json_group_array(outlet) FROM (SELECT DISTINCT outlet FROM articles"
               "  WHERE story = ?1 AND outlet IS NOT NULL ORDER BY outlet)),"
               " norm2 = COALESCE((SELECT sum(weight * weight) FROM story_terms WHERE story = ?1), 0),"
               " title = (SELECT COALESCE(NULLIF(a.title, ''), substr(a.text, 1, 90)) FROM articles a WHERE a.story = ?1"
               "  ORDER BY COALESCE((SELECT sum(t.weight * c.weight) FROM article_terms t JOIN story_terms c"
               "  ON c.term = t.term AND c.story = ?1 WHERE t.article = a.n), 0) / sqrt(max(a.norm2, 1e-9)) DESC,"
               "  a.title IS NULL, a.ord LIMIT 1),"
               " updated = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
  if (!st) return RASD_EDB;
  sqlite3_bind_int64(st, 1, id);
  if ((rc = run(s, st, "story")) != RASD_OK) return rc;
  if (!drop_empty) return RASD_OK;
  if (!(st = stmt(s, "DELETE FROM stories WHERE id = ?1 AND size = 0"))) return RASD_EDB;
  sqlite3_bind_int64(st, 1, id);
  return run(s, st, "story");
}

static int touch(rasd_store *s, int64_t story) {
  sqlite3_stmt *st = stmt(s, "INSERT OR IGNORE INTO temp.touched(story, size_before) SELECT id, size FROM stories"
                             " WHERE id = ?1");
  if (!st) return RASD_EDB;
  sqlite3_bind_int64(st, 1, story);
  return run(s, st, "touch");
}

/* Finds the best story for article 'n' among stories sharing a term with it; 'windowed' limits them to stories
 * active within LINK_WINDOW of 'date'. Sets '*best' (0 when none) and '*score'. */
static int best_story(rasd_store *s, int64_t n, const char *date, int windowed, double anorm2, int64_t *best,
                      double *score) {
  sqlite3_stmt *st = stmt(s, "SELECT c.story, sum(c.weight * t.weight), s.norm2 FROM article_terms t"
                             " JOIN story_terms c ON c.term = t.term JOIN stories s ON s.id = c.story"
                             " WHERE t.article = ?1 AND (?2 = 0 OR ?3 IS NULL OR s.last_date IS NULL"
                             "  OR s.last_date >= date(?3, '" LINK_WINDOW "'))"
                             /* A term in very many stories says little and would make the cost quadratic. */
                             " AND (SELECT count(*) FROM (SELECT 1 FROM story_terms x WHERE x.term = t.term"
                             "  LIMIT " COMMON_TERM ")) < " COMMON_TERM " GROUP BY c.story");
  if (!st) return RASD_EDB;
  sqlite3_bind_int64(st, 1, n);
  sqlite3_bind_int(st, 2, windowed);
  bind_text(st, 3, date);
  *best = 0;
  *score = 0;
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    double dot = sqlite3_column_double(st, 1), n2 = sqlite3_column_double(st, 2);
    double sc = n2 > 0 && anorm2 > 0 ? dot / sqrt(n2 * anorm2) : 0;
    if (sc > *score + 1e-12 || (fabs(sc - *score) <= 1e-12 && *best && id < *best)) {
      *score = sc;
      *best = id;
    }
  }
  sqlite3_reset(st);
  return r == SQLITE_DONE ? RASD_OK : dbfail(s, "candidates");
}

static int link_one(rasd_store *s, int64_t n, const char *date, double anorm2) {
  int64_t best;
  double score;
  int rc = best_story(s, n, date, 1, anorm2, &best, &score);
  if (rc != RASD_OK) return rc;
  sqlite3_stmt *st;
  if (best && score >= LINK_THRESHOLD) {
    if ((rc = touch(s, best)) != RASD_OK) return rc;
  } else {
    int64_t line = 0, older;
    double ls;
    if ((rc = best_story(s, n, date, 0, anorm2, &older, &ls)) != RASD_OK) return rc;
    if (older && ls >= LINE_THRESHOLD) line = older;
    /* An article that opened a story before a relink opens it again under the same id. */
    int64_t reuse = 0;
    if (!(st = stmt(s, "SELECT p.story FROM temp.prev p JOIN stories s ON s.id = p.story WHERE p.article = ?1"
                       " AND s.size = 0")))
      return RASD_EDB;
    sqlite3_bind_int64(st, 1, n);
    if (sqlite3_step(st) == SQLITE_ROW) reuse = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (reuse) {
      if (!(st = stmt(s, "UPDATE stories SET first_date = ?1, last_date = ?1, storyline ="
                         " (SELECT COALESCE(storyline, id) FROM stories WHERE id = ?2) WHERE id = ?3")))
        return RASD_EDB;
      sqlite3_bind_int64(st, 3, reuse);
    } else if (!(st = stmt(s, "INSERT INTO stories(size, first_date, last_date, storyline) VALUES(0, ?1, ?1,"
                              " (SELECT COALESCE(storyline, id) FROM stories WHERE id = ?2))"))) {
      return RASD_EDB;
    }
    bind_text(st, 1, date);
    sqlite3_bind_int64(st, 2, line);
    if ((rc = run(s, st, "new story")) != RASD_OK) return rc;
    best = reuse ? reuse : sqlite3_last_insert_rowid(DB(s));
    if (line) {
      if (!(st = stmt(s, "UPDATE stories SET storyline = id WHERE id = ?1 AND storyline IS NULL"))) return RASD_EDB;
      sqlite3_bind_int64(st, 1, line);
      if ((rc = run(s, st, "storyline")) != RASD_OK) return rc;
    }
    if ((rc = touch(s, best)) != RASD_OK) return rc;
  }
  if (!(st = stmt(s, "UPDATE articles SET story = ?1 WHERE n = ?2"))) return RASD_EDB;
  sqlite3_bind_int64(st, 1, best);
  sqlite3_bind_int64(st, 2, n);
  if ((rc = run(s, st, "join")) != RASD_OK) return rc;
  if (!(st = stmt(s, "INSERT INTO story_terms(story, term, weight) SELECT ?1, term, weight FROM article_terms"
                     " WHERE article = ?2 ON CONFLICT(story, term) DO UPDATE SET weight = weight + excluded.weight")))
    return RASD_EDB;
  sqlite3_bind_int64(st, 1, best);
  sqlite3_bind_int64(st, 2, n);
  if ((rc = run(s, st, "centroid")) != RASD_OK) return rc;
  if (!(st = stmt(s, "UPDATE stories SET size = size + 1, first_date = COALESCE(min(first_date, ?2), first_date, ?2),"
                     " last_date = COALESCE(max(last_date, ?2), last_date, ?2),"
                     " norm2 = (SELECT sum(weight * weight) FROM story_terms WHERE story = ?1) WHERE id = ?1")))
    return RASD_EDB;
  sqlite3_bind_int64(st, 1, best);
  bind_text(st, 2, date);
  return run(s, st, "story size");
}

static int keep_ids(rasd_store *s, int64_t max_before) {
  sqlite3_stmt *st = stmt(s, "SELECT DISTINCT p.story FROM temp.prev p JOIN stories s ON s.id = p.story WHERE s.size = 0"
                             " ORDER BY p.story");
  if (!st) return RASD_EDB;
  int64_t *ids = NULL;
  size_t ni = 0, ci = 0;
  int rc = RASD_OK;
  while (sqlite3_step(st) == SQLITE_ROW)
    if (RASD__VEC_PUSH(ids, ni, ci, sqlite3_column_int64(st, 0))) { rc = RASD_ENOMEM; break; }
  sqlite3_reset(st);
  for (size_t i = 0; i < ni && rc == RASD_OK; i++) {
    int64_t e = ids[i], n = 0;
    if (!(st = stmt(s, "SELECT a.story FROM temp.prev p JOIN articles a ON a.n = p.article WHERE p.story = ?1"
                       " AND a.story > ?2 ORDER BY a.ord LIMIT 1"))) { rc = RASD_EDB; break; }
    sqlite3_bind_int64(st, 1, e);
    sqlite3_bind_int64(st, 2, max_before);
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (!n) continue;
    static const char *const moves[] = {
        "UPDATE articles SET story = ?1 WHERE story = ?2",
        "UPDATE story_terms SET story = ?1 WHERE story = ?2",
        "UPDATE stories SET (size, first_date, last_date, norm2) = (SELECT size, first_date, last_date, norm2"
        " FROM stories WHERE id = ?2), storyline = (SELECT CASE WHEN storyline = ?2 THEN ?1 ELSE storyline END"
        " FROM stories WHERE id = ?2) WHERE id = ?1",
        "UPDATE stories SET storyline = ?1 WHERE storyline = ?2",
        "DELETE FROM stories WHERE id = ?2",
        "DELETE FROM temp.touched WHERE story = ?2"};
    for (size_t k = 0; k < sizeof moves / sizeof moves[0] && rc == RASD_OK; k++) {
      if (!(st = stmt(s, moves[k]))) { rc = RASD_EDB; break; }
      sqlite3_bind_int64(st, 1, e);
      sqlite3_bind_int64(st, 2, n);
      rc = run(s, st, "keep story id");
    }
  }
  free(ids);
  return rc;
}

/* Adds to 'stats' the stories created (ids above 'max_before') and grown (in temp.touched) by a batch. */
static int count_story_changes(rasd_store *s, int64_t max_before, rasd_store_stats *stats) {
  sqlite3_stmt *st = stmt(s, "SELECT (SELECT count(*) FROM stories WHERE id > ?1),"
                             " (SELECT count(*) FROM temp.touched t JOIN stories s ON s.id = t.story"
                             "  WHERE t.story <= ?1 AND s.size > t.size_before)");
  if (!st) return RASD_EDB;
  sqlite3_bind_int64(st, 1, max_before);
  if (sqlite3_step(st) == SQLITE_ROW) {
    stats->stories_new += (size_t)sqlite3_column_int64(st, 0);
    stats->stories_grown += (size_t)sqlite3_column_int64(st, 1);
  }
  sqlite3_reset(st);
  return RASD_OK;
}

static int sq_link(rasd_store *s, rasd_store_stats *stats) {
  sq *q = s->impl;
  if (!q->n_batch) return RASD_OK;
  int rc;
  if ((rc = exec(s, "CREATE TEMP TABLE IF NOT EXISTS touched(story INTEGER PRIMARY KEY, size_before INTEGER);"
                    "DELETE FROM temp.touched; CREATE TEMP TABLE IF NOT EXISTS prev(article INTEGER PRIMARY KEY,"
                    " story INTEGER); DELETE FROM temp.prev")))
    return rc;
  /* The earliest new article in publication order; later articles already linked are linked again after it, so
   * that the result is the one a batch run over everything gives. */
  sqlite3_stmt *st = stmt(s, "SELECT min(ord) FROM articles WHERE story IS NULL");
  if (!st || sqlite3_step(st) != SQLITE_ROW) return dbfail(s, "link");
  char *first = rasd__strdup0(col_text(st, 0));
  sqlite3_reset(st);
  if (!first) return RASD_OK;
  int64_t max_before = 0;
  if (!(st = stmt(s, "SELECT COALESCE(max(id), 0) FROM stories")) || sqlite3_step(st) != SQLITE_ROW) {
    free(first);
    return dbfail(s, "link");
  }
  max_before = sqlite3_column_int64(st, 0);
  sqlite3_reset(st);
  st = stmt(s, "INSERT OR IGNORE INTO temp.touched(story, size_before) SELECT s.id, s.size FROM stories s"
               " WHERE s.id IN (SELECT story FROM articles WHERE ord > ?1 AND story IS NOT NULL)");
  if (!st) { free(first); return RASD_EDB; }
  bind_text(st, 1, first);
  if ((rc = run(s, st, "relink")) != RASD_OK) { free(first); return rc; }
  st = stmt(s, "INSERT INTO temp.prev(article, story) SELECT n, story FROM articles WHERE ord > ?1 AND story IS NOT NULL");
  if (!st) { free(first); return RASD_EDB; }
  bind_text(st, 1, first);
  if ((rc = run(s, st, "relink")) != RASD_OK) { free(first); return rc; }
  st = stmt(s, "UPDATE articles SET story = NULL WHERE ord > ?1 AND story IS NOT NULL");
  if (!st) { free(first); return RASD_EDB; }
  bind_text(st, 1, first);
  rc = run(s, st, "relink");
  free(first);
  if (rc != RASD_OK) return rc;
  if (sqlite3_changes(q->db) > 0) {
    /* Stories that lost later members go back to what they were before them. */
    sqlite3_stmt *t = stmt(s, "SELECT story FROM temp.touched ORDER BY story");
    int64_t *ids = NULL;
    size_t ni = 0, ci = 0;
    while (t && sqlite3_step(t) == SQLITE_ROW)
      if (RASD__VEC_PUSH(ids, ni, ci, sqlite3_column_int64(t, 0))) break;
    if (t) sqlite3_reset(t);
    for (size_t i = 0; i < ni && rc == RASD_OK; i++) rc = story_refresh(s, ids[i], 1, 0);
    free(ids);
    if (rc != RASD_OK) return rc;
  }
  /* Link every unlinked article in publication order. */
  st = stmt(s, "SELECT n, date, norm2 FROM articles WHERE story IS NULL ORDER BY ord");
  if (!st) return RASD_EDB;
  typedef struct { int64_t n; char *date; double norm2; } todo;
  todo *td = NULL;
  size_t nt = 0, ct = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    todo x = {sqlite3_column_int64(st, 0), rasd__strdup0(col_text(st, 1)), sqlite3_column_double(st, 2)};
    if (RASD__VEC_PUSH(td, nt, ct, x)) { free(x.date); rc = RASD_ENOMEM; break; }
  }
  sqlite3_reset(st);
  for (size_t i = 0; i < nt; i++) {
    if (rc == RASD_OK) rc = link_one(s, td[i].n, td[i].date, td[i].norm2);
    free(td[i].date);
  }
  free(td);
  if (rc != RASD_OK) return rc;
  /* A story emptied by the relink and continued by a new one gets its id back, so links to it keep working. */
  if ((rc = keep_ids(s, max_before)) != RASD_OK) return rc;
  /* Titles, outlets and dates of every story that changed. */
  st = stmt(s, "SELECT story FROM temp.touched ORDER BY story");
  int64_t *ids = NULL;
  size_t ni = 0, ci = 0;
  while (st && sqlite3_step(st) == SQLITE_ROW)
    if (RASD__VEC_PUSH(ids, ni, ci, sqlite3_column_int64(st, 0))) break;
  if (st) sqlite3_reset(st);
  for (size_t i = 0; i < ni && rc == RASD_OK; i++) rc = story_refresh(s, ids[i], 0, 1);
  free(ids);
  if (rc != RASD_OK) return rc;
  if (stats && count_story_changes(s, max_before, stats) != RASD_OK) return RASD_EDB;
  q->n_batch = 0;
  return RASD_OK;
}

int64_t rasd__store_data_version(rasd_store *s) {
  sqlite3_stmt *st = stmt(s, "PRAGMA data_version");
  int64_t v = -1;
  if (st && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  if (st) sqlite3_reset(st);
  return v;
}

/* The engine's state travels through a stdio stream (rasd_corpus_save_file / _load_file) whose other end is the
 * link_state_chunks table: written a piece of STATE_CHUNK bytes at a time, read back a row at a time. */
#define STATE_CHUNK (1 << 20)

typedef struct state_io {
  rasd_store *s;
  const char *ins;         /* writing: the INSERT of one piece (?1 seq, ?2 data) */
  sqlite3_stmt *st;
  int64_t seq;
  int failed;              /* a database error (in s->err) */
  const unsigned char *p;  /* reading: the rest of the current row */
  size_t n;
  int done;
  /* The engine's records (link_records), each coded against its article's title and text (see recs_write): */
  rasd_corpus *c;          /* writing: the engine, and its article of the next whole record */
  size_t next;
  int coded;               /* reading: rows say in their second column whether they are coded */
  int bad;                 /* reading: a coded row does not decode (the state is damaged) */
  rasd__buf in;            /* writing: the start of a record not whole yet */
  rasd__buf out;           /* writing: the coded records of the next row; reading: the decoded records of a row */
  rasd__buf dict, tmp;
} state_io;

static void state_io_free(state_io *io) {
  rasd__buf_free(&io->in);
  rasd__buf_free(&io->out);
  rasd__buf_free(&io->dict);
  rasd__buf_free(&io->tmp);
}

/* The dictionary of a record: its article's title and text (row 'st', columns 'i' and 'i' + 1) as the engine saw them. */
static void dict_of(rasd__buf *d, sqlite3_stmt *st, int i) {
  d->len = 0;
  rasd__buf_add(d, (const char *)sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i));
  rasd__buf_addc(d, '\n');
  rasd__buf_add(d, (const char *)sqlite3_column_blob(st, i + 1), (size_t)sqlite3_column_bytes(st, i + 1));
}

/* Writes the coded records gathered in io->out as one row. */
static int recs_flush(state_io *io) {
  if (io->failed) return -1;
  if (!io->out.len) return 0;
  sqlite3_stmt *st = stmt(io->s, "INSERT INTO link_records(seq, data, coded) VALUES(?1, ?2, 1)");
  if (!st) { io->failed = 1; return -1; }
  sqlite3_bind_int64(st, 1, io->seq++);
  sqlite3_bind_blob64(st, 2, io->out.s, io->out.len, SQLITE_STATIC);
  int rc = run(io->s, st, "link records");
  sqlite3_clear_bindings(st);
  io->out.len = 0;
  if (rc != RASD_OK) { io->failed = 1; return -1; }
  return 0;
}

/* Codes record 'p' ('n' bytes) of the engine's article io->next: its row number (0: none found), length, check value,
 * and the coded bytes, length first. */
static int recs_code(state_io *io, const unsigned char *p, size_t n) {
  rasd_article_info ai;
  int64_t row = 0;
  io->dict.len = 0;
  if (rasd_corpus_article(io->c, io->next++, &ai) == RASD_OK && ai.id) {
    sqlite3_stmt *st = stmt(io->s, "SELECT n, title, text FROM articles WHERE id = ?1");
    if (!st) { io->failed = 1; return -1; }
    bind_text(st, 1, ai.id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
      row = sqlite3_column_int64(st, 0);
      dict_of(&io->dict, st, 1);
    }
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) { dbfail(io->s, "link records"); io->failed = 1; return -1; }
  }
  io->tmp.len = 0;
  if (row && rasd__dcode_encode(p, n, io->dict.s, io->dict.len, &io->tmp)) return -1;
  rasd__vput(&io->out, (uint64_t)row);
  rasd__vput(&io->out, n);
  rasd__vput(&io->out, rasd__dcode_check(p, n));
  if (row) {
    rasd__vput(&io->out, io->tmp.len);
    rasd__buf_add(&io->out, io->tmp.s, io->tmp.len);
  } else {
    rasd__buf_add(&io->out, (const char *)p, n);
  }
  if (io->out.oom || io->dict.oom) return -1;
  return io->out.len >= STATE_CHUNK ? recs_flush(io) : 0;
}

/* The records' stream (each record as its length in 4 bytes and its bytes, rasd__corpus_save_split) into rows of
 * coded records. */
static ssize_t recs_write(void *cookie, const char *buf, size_t size) {
  state_io *io = cookie;
  if (io->failed) return -1;
  const unsigned char *p = (const unsigned char *)buf;
  size_t used = 0;
  while (io->in.len) { /* a record begun in the last piece: completed from this one */
    int head = io->in.len >= 4; /* its length is known */
    size_t want = 4;
    if (head) {
      uint32_t l;
      memcpy(&l, io->in.s, 4);
      want = 4 + (size_t)l;
    }
    size_t take = want - io->in.len < size - used ? want - io->in.len : size - used;
    rasd__buf_add(&io->in, buf + used, take);
    used += take;
    if (io->in.oom) return -1;
    if (io->in.len < want) return (ssize_t)size; /* the piece ends inside it */
    if (head) {
      if (recs_code(io, (const unsigned char *)io->in.s + 4, want - 4)) return -1;
      io->in.len = 0;
    }
  }
  while (size - used >= 4) {
    uint32_t l;
    memcpy(&l, p + used, 4);
    if (size - used - 4 < l) break;
    if (recs_code(io, p + used + 4, l)) return -1;
    used += 4 + (size_t)l;
  }
  rasd__buf_add(&io->in, buf + used, size - used);
  return io->in.oom ? -1 : (ssize_t)size;
}

/* Decodes a coded row 'p' ('n' bytes) into io->out as the records' stream; -1 when it does not decode. */
static int recs_decode(state_io *io, const unsigned char *p, size_t n) {
  const unsigned char *e = p + n;
  io->out.len = 0;
  while (p < e) {
    uint64_t row, len, chk, cl = 0;
    if (rasd__vget(&p, e, &row) || rasd__vget(&p, e, &len) || rasd__vget(&p, e, &chk) || len > (1u << 30) || /* the engine's bound */
        (row && rasd__vget(&p, e, &cl)))
      return -1;
    if (!row) cl = len;
    if (cl > (uint64_t)(e - p)) return -1;
    io->dict.len = 0;
    if (row) {
      sqlite3_stmt *st = stmt(io->s, "SELECT title, text FROM articles WHERE n = ?1");
      if (!st) { io->failed = 1; return -1; }
      sqlite3_bind_int64(st, 1, (int64_t)row);
      int r = sqlite3_step(st);
      if (r == SQLITE_ROW) dict_of(&io->dict, st, 0);
      sqlite3_reset(st);
      if (r != SQLITE_ROW && r != SQLITE_DONE) { dbfail(io->s, "link records"); io->failed = 1; return -1; }
      if (r != SQLITE_ROW || io->dict.oom) return -1;
    }
    uint32_t l = (uint32_t)len;
    if (rasd__buf_grow(&io->out, 4 + (size_t)len)) return -1;
    unsigned char *dst = (unsigned char *)io->out.s + io->out.len + 4;
    if (row ? rasd__dcode_decode(p, cl, io->dict.s, io->dict.len, dst, len) : (memcpy(dst, p, len), 0)) return -1;
    if (rasd__dcode_check(dst, len) != chk) return -1;
    memcpy(io->out.s + io->out.len, &l, 4);
    io->out.len += 4 + (size_t)len;
    p += cl;
  }
  return 0;
}

static ssize_t state_write(void *cookie, const char *buf, size_t size) {
  state_io *io = cookie;
  if (io->failed || !size) return io->failed ? -1 : 0;
  sqlite3_stmt *st = stmt(io->s, io->ins);
  if (!st) { io->failed = 1; return -1; }
  sqlite3_bind_int64(st, 1, io->seq++);
  sqlite3_bind_blob64(st, 2, buf, size, SQLITE_STATIC);
  int rc = run(io->s, st, "link state");
  sqlite3_clear_bindings(st);
  if (rc != RASD_OK) { io->failed = 1; return -1; }
  return (ssize_t)size;
}

static ssize_t state_read(void *cookie, char *buf, size_t size) {
  state_io *io = cookie;
  size_t got = 0;
  while (got < size && !io->failed && !io->bad) {
    if (!io->n) {
      if (io->done) break;
      int r = sqlite3_step(io->st);
      if (r == SQLITE_DONE) { io->done = 1; break; }
      if (r != SQLITE_ROW) { dbfail(io->s, "link state"); io->failed = 1; break; }
      io->p = sqlite3_column_blob(io->st, 0);
      io->n = (size_t)sqlite3_column_bytes(io->st, 0);
      if (io->coded && sqlite3_column_int(io->st, 1)) { /* served from its decoded records */
        if (recs_decode(io, io->p, io->n)) {
          io->bad = 1;
          io->n = 0;
          break;
        }
        io->p = (const unsigned char *)io->out.s;
        io->n = io->out.len;
      }
      continue;
    }
    size_t k = io->n < size - got ? io->n : size - got;
    memcpy(buf + got, io->p, k);
    got += k;
    io->p += k;
    io->n -= k;
  }
  return io->failed && !got ? -1 : (ssize_t)got;
}

/* The first row put in the open batch: every article stored before the batch has a smaller rowid. */
static int64_t batch_floor(const sq *q) { return q->n_batch ? q->batch[0] : INT64_MAX; }

/* The format version of a saved state whose first bytes are 'p' ('n' of them), as rasd_corpus_state_version() tells
 * it: that reads a file, so the bytes go into a memory file (or a temporary one). Returns −1 when it cannot tell. */
static int state_version_of(const void *p, size_t n) {
  int v = -1;
  for (int k = 0; k < 2 && v < 0; k++) {
    char path[512];
    int fd;
    if (!k) {
      fd = memfd_create("rasd-state", MFD_CLOEXEC);
      snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    } else {
      const char *tmp = getenv("TMPDIR");
      snprintf(path, sizeof path, "%s/rasd-state-XXXXXX", tmp && *tmp ? tmp : "/tmp");
      fd = mkstemp(path);
    }
    if (fd < 0) continue;
    if (!n || write(fd, p, n) == (ssize_t)n) v = rasd_corpus_state_version(path);
    if (k) unlink(path);
    close(fd);
  }
  return v;
}

/* Loads the engine from the state saved in the store into '*out'; sets it NULL when there is none, and then says in
 * 'why' when the articles stored before the batch need the engine rebuilt (the state is missing, older or damaged). */
static int sq_load_corpus(rasd_store *s, const rasd_models *m, rasd_corpus **out, char *why, size_t whylen) {
  sq *q = s->impl;
  *out = NULL;
  q->recs_saved = 0;
  why[0] = 0;
  sqlite3_stmt *st = stmt(s, "SELECT length(state), articles FROM link_state WHERE id = 1");
  if (!st) return RASD_EDB;
  int r = sqlite3_step(st);
  int64_t legacy = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  int64_t saved_n = r == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL ? sqlite3_column_int64(st, 1) : -1;
  sqlite3_reset(st);
  if (r == SQLITE_DONE) {
    /* No state: a new store, or one whose stories an older rasd (or the plain linker) made. */
    if (!(st = stmt(s, "SELECT count(*) FROM articles WHERE n < ?1"))) return RASD_EDB;
    sqlite3_bind_int64(st, 1, batch_floor(q));
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (n < 0) return dbfail(s, "articles");
    if (n > 0) snprintf(why, whylen, "the store has no story state for its articles");
    return RASD_OK;
  }
  if (r != SQLITE_ROW) return dbfail(s, "link state");
  /* A split state (its head starts "RASDSTH") has its records in link_records. */
  int split = 0;
  if (legacy <= 0) {
    if (!(st = stmt(s, "SELECT substr(data, 1, 7) = CAST('RASDSTH' AS BLOB) FROM link_state_chunks ORDER BY seq LIMIT 1")))
      return RASD_EDB;
    split = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_reset(st);
  }
  state_io io = {.s = s}, rio = {.s = s, .coded = 1};
  /* Before schema 4 the state was one blob in link_state.state. */
  io.st = stmt(s, legacy > 0 ? "SELECT state FROM link_state WHERE id = 1" : "SELECT data FROM link_state_chunks ORDER BY seq");
  if (!io.st) return RASD_EDB;
  if (split && !(rio.st = stmt(s, "SELECT data, coded FROM link_records ORDER BY seq"))) return RASD_EDB;
  FILE *f = fopencookie(&io, "rb", (cookie_io_functions_t){state_read, NULL, NULL, NULL});
  FILE *rf = split ? fopencookie(&rio, "rb", (cookie_io_functions_t){state_read, NULL, NULL, NULL}) : NULL;
  if (!f || (split && !rf)) {
    if (f) fclose(f);
    if (rf) fclose(rf);
    return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  }
  setvbuf(f, NULL, _IOFBF, 1 << 16);
  if (rf) setvbuf(rf, NULL, _IOFBF, 1 << 16);
  int rc = split ? rasd__corpus_load_split(f, rf, m, NULL, out) : rasd_corpus_load_file(f, m, NULL, out);
  fclose(f);
  if (rf) fclose(rf);
  sqlite3_reset(io.st);
  if (rio.st) sqlite3_reset(rio.st);
  state_io_free(&rio);
  if (io.failed || rio.failed) {
    rasd_corpus_free(*out);
    *out = NULL;
    return RASD_EDB;
  }
  if (rc == RASD_OK && saved_n >= 0 && (int64_t)rasd_corpus_n_articles(*out) != saved_n) {
    snprintf(why, whylen, "the story state in the store is damaged (%zu articles, %lld expected)",
             rasd_corpus_n_articles(*out), (long long)saved_n);
    rasd_corpus_free(*out);
    *out = NULL;
    return RASD_OK;
  }
  if (rc == RASD_OK) {
    q->recs_saved = split ? rasd_corpus_n_articles(*out) : 0;
    return RASD_OK;
  }
  rasd_corpus_free(*out);
  *out = NULL;
  if (rc == RASD_ENOMEM) return rasd__store_fail(s, rc, "the story state in the store cannot be loaded: %s", rasd_strerror(rc));
  /* Which format the state has decides: a newer one is kept for the rasd that wrote it, an older or damaged one is
   * made again from the stored articles. */
  if (!(st = stmt(s, legacy > 0 ? "SELECT substr(state, 1, 16) FROM link_state WHERE id = 1"
                                : "SELECT substr(data, 1, 16) FROM link_state_chunks ORDER BY seq LIMIT 1")))
    return RASD_EDB;
  r = sqlite3_step(st);
  int v = -1;
  if (r == SQLITE_ROW) v = state_version_of(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
  else if (r == SQLITE_DONE) v = 0; /* no piece at all */
  sqlite3_reset(st);
  if (r != SQLITE_ROW && r != SQLITE_DONE) return dbfail(s, "link state");
  if (v > RASD_CORPUS_STATE_VERSION)
    return rasd__store_fail(s, RASD_EFORMAT, "the story state in the store was saved by a newer rasd (format %d; this rasd"
                            " reads format %d and rebuilds older ones): use that rasd or a newer one", v,
                            RASD_CORPUS_STATE_VERSION);
  if (v < 0)
    return rasd__store_fail(s, rc, "the story state in the store cannot be loaded (%s) and its format cannot be told",
                            rasd_strerror(rc));
  if (v > 0 && v < RASD_CORPUS_STATE_VERSION) snprintf(why, whylen, "the story state was saved by an older rasd (format %d)", v);
  else snprintf(why, whylen, "the story state in the store is damaged (%s)", rasd_strerror(rc));
  return RASD_OK;
}

/* A copy of column 'i' of 'st' in 'ar' (NULL for NULL), its length in '*n' when 'n' is given. */
static char *col_dup(rasd__arena *ar, sqlite3_stmt *st, int i, size_t *n) {
  const char *v = col_text(st, i);
  size_t len = (size_t)sqlite3_column_bytes(st, i);
  if (n) *n = len;
  return v ? rasd__arena_strndup(ar, v, len) : NULL;
}

/* The strings of JSON array column 'i' of 'st' into '*v' (count '*n'), copied into 'ar'. Returns -1 when out of
 * memory. */
static int col_strings(rasd__arena *ar, sqlite3_stmt *st, int i, char ***v, size_t *n) {
  *v = NULL;
  *n = 0;
  const char *js = col_text(st, i);
  json_t *a = js ? json_loads(js, 0, NULL) : NULL;
  size_t k, cnt = json_array_size(a);
  json_t *x;
  if (cnt && !(*v = rasd__arena_alloc(ar, cnt * sizeof **v))) { json_decref(a); return -1; }
  json_array_foreach(a, k, x) {
    if (!json_is_string(x)) continue;
    if (!((*v)[*n] = rasd__arena_strndup(ar, json_string_value(x), json_string_length(x)))) { json_decref(a); return -1; }
    (*n)++;
  }
  json_decref(a);
  return 0;
}

/* The document of the stored article at the row of 'st' (id, url, outlet, date, title, byline, dateline, path, text,
 * agencies, credits) as the cleaner gave it to the analysis and the engine: the text as cleaned, its lines the
 * paragraphs. Its strings live in one arena that rasd_doc_free() frees (as for the cleaner's documents). NULL when
 * out of memory. */
static rasd_doc *row_doc(sqlite3_stmt *st) {
  size_t tl = (size_t)sqlite3_column_bytes(st, 8);
  rasd__arena *ar = rasd__arena_new(2 * tl + 1024);
  rasd_doc *d = ar ? rasd__arena_alloc(ar, sizeof *d) : NULL;
  if (!d) {
    rasd__arena_free(ar);
    return NULL;
  }
  d->priv_ = ar;
  int oom = 0;
#define DUP(field, i) oom |= (d->field = col_dup(ar, st, i, NULL)) == NULL && sqlite3_column_type(st, i) != SQLITE_NULL
  DUP(id, 0); DUP(url, 1); DUP(outlet, 2); DUP(date, 3); DUP(title, 4); DUP(byline, 5); DUP(dateline, 6); DUP(path, 7);
#undef DUP
  d->text = col_dup(ar, st, 8, &d->text_len);
  if (!d->text) d->text = rasd__arena_strndup(ar, "", 0), d->text_len = 0;
  oom |= !d->text;
  oom |= col_strings(ar, st, 9, &d->agencies, &d->n_agencies) != 0;
  oom |= col_strings(ar, st, 10, &d->credits, &d->n_credits) != 0;
  size_t np = 0;
  for (size_t i = 0; !oom && i < d->text_len; i++) np += d->text[i] == '\n';
  if (!oom && d->text_len) {
    np++;
    if (!(d->paragraphs = rasd__arena_alloc(ar, np * sizeof *d->paragraphs))) oom = 1;
    for (size_t i = 0, b = 0; !oom && i <= d->text_len; i++) {
      if (i < d->text_len && d->text[i] != '\n') continue;
      if (!(d->paragraphs[d->n_paragraphs++] = rasd__arena_strndup(ar, d->text + b, i - b))) oom = 1;
      b = i + 1;
    }
  }
  if (oom) {
    rasd_doc_free(d);
    return NULL;
  }
  return d;
}

static int sq_stored_docs(rasd_store *s, int (*each)(void *ud, rasd_doc *d), void *ud, size_t *n) {
  sq *q = s->impl;
  *n = 0;
  sqlite3_stmt *st = NULL;
  /* Its own statement: 'each' may use the cached ones. */
  if (sqlite3_prepare_v2(q->db, "SELECT id, url, outlet, date, title, byline, dateline, path, text, agencies, credits"
                                " FROM articles WHERE n < ?1 ORDER BY n", -1, &st, NULL) != SQLITE_OK)
    return dbfail(s, "stored articles");
  sqlite3_bind_int64(st, 1, batch_floor(q));
  int rc = RASD_OK, r = SQLITE_DONE;
  while (rc == RASD_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
    rasd_doc *d = row_doc(st);
    if (!d) { rc = rasd__store_fail(s, RASD_ENOMEM, "out of memory"); break; }
    (*n)++;
    rc = each(ud, d);
  }
  if (rc == RASD_OK && r != SQLITE_DONE) rc = dbfail(s, "stored articles");
  sqlite3_finalize(st);
  return rc;
}

/* Saves the engine's state 'c' (of 'na' articles) in place of the one in the store, split: the records of the articles
 * not saved before are appended to link_records (all of them when the engine is new, rebuilt, or was loaded from a
 * state saved whole), the rest replaces link_state_chunks. */
static int save_state(rasd_store *s, rasd_corpus *c, size_t na) {
  sq *q = s->impl;
  size_t from = s->rebuild || q->recs_saved > na ? 0 : q->recs_saved;
  int rc = exec(s, from ? "DELETE FROM link_state_chunks" : "DELETE FROM link_state_chunks; DELETE FROM link_records");
  if (rc != RASD_OK) return rc;
  state_io io = {.s = s, .ins = "INSERT INTO link_state_chunks(seq, data) VALUES(?1, ?2)"};
  state_io rio = {.s = s, .c = c, .next = from}; /* the records go coded (recs_write) */
  sqlite3_stmt *st = stmt(s, "SELECT COALESCE(max(seq), -1) + 1 FROM link_records");
  if (!st) return RASD_EDB;
  if (sqlite3_step(st) == SQLITE_ROW) rio.seq = sqlite3_column_int64(st, 0);
  sqlite3_reset(st);
  char *vbuf = malloc(STATE_CHUNK), *rbuf = malloc(STATE_CHUNK);
  FILE *f = vbuf && rbuf ? fopencookie(&io, "wb", (cookie_io_functions_t){NULL, state_write, NULL, NULL}) : NULL;
  FILE *rf = f ? fopencookie(&rio, "wb", (cookie_io_functions_t){NULL, recs_write, NULL, NULL}) : NULL;
  if (!f || !rf) {
    if (f) fclose(f);
    free(vbuf);
    free(rbuf);
    return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  }
  setvbuf(f, vbuf, _IOFBF, STATE_CHUNK); /* the streams hand over whole pieces */
  setvbuf(rf, rbuf, _IOFBF, STATE_CHUNK);
  rc = rasd__corpus_save_split(c, f, from, rf);
  if (fclose(f) && rc == RASD_OK) rc = RASD_EIO;
  if (fclose(rf) && rc == RASD_OK) rc = RASD_EIO;
  if (rc == RASD_OK && (rio.in.len || recs_flush(&rio))) rc = RASD_EIO; /* a record cut short, or the last row */
  free(vbuf);
  free(rbuf);
  state_io_free(&rio);
  if (io.failed || rio.failed) return RASD_EDB;
  if (rc != RASD_OK) return rasd__store_fail(s, rc, "cannot save the story state: %s", rasd_strerror(rc));
  if (!(st = stmt(s, "INSERT OR REPLACE INTO link_state(id, state, articles) VALUES(1, X'', ?1)"))) return RASD_EDB;
  sqlite3_bind_int64(st, 1, (int64_t)na);
  if ((rc = run(s, st, "link state")) == RASD_OK) q->recs_saved = na;
  return rc;
}

/* A stored article's links as the store has them. */
typedef struct arow {
  int64_t n, story, dup; /* 0: none */
  const char *id;
  int matched;
  int has_outlet;        /* the row names its outlet */
} arow;

static int64_t col_int0(sqlite3_stmt *st, int i) { return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i); }

/* Index + 1 of the row of article 'id' in 'rows' (hash table 'slot' of 'ns' slots), or 0. */
static size_t arow_find(const arow *rows, const uint32_t *slot, size_t ns, const char *id) {
  for (size_t j = str_hash(id, strlen(id), 0) & (ns - 1); slot[j]; j = (j + 1) & (ns - 1))
    if (!strcmp(rows[slot[j] - 1].id, id)) return slot[j];
  return 0;
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* Parts of a story row, from its articles (story ?1) and the engine's view of it (?2, or NULL). */
#define STORY_OUTLETS                                                                                              \
  "(SELECT json_group_array(outlet) FROM (SELECT DISTINCT outlet FROM articles WHERE story = ?1 AND outlet IS NOT NULL" \
  " ORDER BY outlet))"
#define STORY_VIEW                                                                                                  \
  "CASE WHEN ?2 IS NOT NULL THEN json_object('summary', ?2 -> '$.summary', 'timeline', ?2 -> '$.timeline',"        \
  " 'disagreements', ?2 -> '$.disagreements') END"
#define STORY_TITLE                                                                                                 \
  "COALESCE(?2 ->> '$.title', (SELECT COALESCE(NULLIF(a.title, ''), substr(a.text, 1, 90)) FROM articles a"         \
  " WHERE a.story = ?1 ORDER BY a.title IS NULL, a.ord LIMIT 1))"
#define STORY_NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

/* Writes the engine's stories into the store, all inside the batch's transaction: the story and original of every
 * article whose links changed (the batch's articles, and older ones when the engine linked everything anew because a
 * new article came before them, or rebuilt itself), the row and view of every story that gained or lost an article,
 * storylines, and the engine's state. */
static int sq_apply_corpus(rasd_store *s, rasd_corpus *c, size_t first_new, rasd_store_stats *stats) {
  sq *q = s->impl;
  int rc = RASD_OK;
  size_t na = rasd_corpus_n_articles(c), ns = rasd_corpus_n_stories(c);
  sqlite3_stmt *st;
  /* A rebuilt engine writes every story row, original and storyline anew, as one batch run would (and nothing of the
   * plain linker's is left). */
  if (s->rebuild && (rc = exec(s, "DELETE FROM story_terms; DELETE FROM storylines; DELETE FROM duplicates")) != RASD_OK)
    return rc;
  int64_t max_story = 0; /* a story above it is new */
  if (!(st = stmt(s, "SELECT COALESCE(max(id), 0) FROM stories"))) return RASD_EDB;
  if (sqlite3_step(st) == SQLITE_ROW) max_story = sqlite3_column_int64(st, 0);
  sqlite3_reset(st);
  /* The links as stored. */
  arow *rows = NULL;
  size_t nr = 0, cr = 0, nslot = 1024;
  uint32_t *slot = NULL;
  int64_t *dirty = NULL;
  size_t nd = 0, cd = 0;
  rasd__arena *ar = rasd__arena_new(1 << 16);
  if (!ar) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  if (!(st = stmt(s, "SELECT n, id, story, duplicate_of, outlet IS NOT NULL AND outlet <> '' FROM articles"))) {
    rc = RASD_EDB;
    goto done;
  }
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    arow x = {sqlite3_column_int64(st, 0), col_int0(st, 2), col_int0(st, 3), col_dup(ar, st, 1, NULL), 0,
              sqlite3_column_int(st, 4)};
    if (!x.id || RASD__VEC_PUSH(rows, nr, cr, x)) { rc = rasd__store_fail(s, RASD_ENOMEM, "out of memory"); break; }
  }
  sqlite3_reset(st);
  if (rc == RASD_OK && r != SQLITE_DONE) rc = dbfail(s, "articles");
  while (nslot < 2 * nr + 2) nslot *= 2;
  if (rc == RASD_OK && !(slot = calloc(nslot, sizeof *slot))) rc = rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  for (size_t i = 0; rc == RASD_OK && i < nr; i++) {
    size_t j = str_hash(rows[i].id, strlen(rows[i].id), 0) & (nslot - 1);
    while (slot[j]) j = (j + 1) & (nslot - 1);
    slot[j] = (uint32_t)(i + 1);
  }
  /* Every article whose story or original changed. */
  for (size_t i = 0; i < na && rc == RASD_OK; i++) {
    rasd_article_info ai, orig;
    if (rasd_corpus_article(c, i, &ai) != RASD_OK || !ai.id) continue;
    size_t k = arow_find(rows, slot, nslot, ai.id);
    if (!k) continue;
    arow *x = &rows[k - 1];
    x->matched = 1;
    if (!x->has_outlet && ai.outlet && *ai.outlet) {
      /* An article read without an outlet (a text file): the one the engine found in its byline or credits. */
      if (!(st = stmt(s, "UPDATE articles SET outlet = ?2 WHERE n = ?1"))) { rc = RASD_EDB; break; }
      sqlite3_bind_int64(st, 1, x->n);
      bind_text(st, 2, ai.outlet);
      if ((rc = run(s, st, "article outlet")) != RASD_OK) break;
      x->has_outlet = 1;
      if (ai.story > 0 && ai.story == x->story && RASD__VEC_PUSH(dirty, nd, cd, x->story)) {
        rc = rasd__store_fail(s, RASD_ENOMEM, "out of memory");
        break;
      }
    }
    int64_t story = ai.story > 0 ? ai.story : 0, dup = 0;
    if (ai.duplicate_of >= 0 && rasd_corpus_article(c, (size_t)ai.duplicate_of, &orig) == RASD_OK && orig.id) {
      size_t o = arow_find(rows, slot, nslot, orig.id);
      dup = o ? rows[o - 1].n : 0;
    }
    if (x->story == story && x->dup == dup && !(s->rebuild && dup)) continue;
    if ((x->story && RASD__VEC_PUSH(dirty, nd, cd, x->story)) || (story && RASD__VEC_PUSH(dirty, nd, cd, story))) {
      rc = rasd__store_fail(s, RASD_ENOMEM, "out of memory");
      break;
    }
    if (!(st = stmt(s, "UPDATE articles SET story = ?2, duplicate_of = ?3 WHERE n = ?1"))) { rc = RASD_EDB; break; }
    sqlite3_bind_int64(st, 1, x->n);
    if (story) sqlite3_bind_int64(st, 2, story);
    if (dup) sqlite3_bind_int64(st, 3, dup);
    if ((rc = run(s, st, "article story")) != RASD_OK) break;
    if (x->dup != dup || s->rebuild) {
      /* a delete and an insert, not an INSERT OR REPLACE (a statement journal) */
      if (!(st = stmt(s, "DELETE FROM duplicates WHERE article = ?1"))) { rc = RASD_EDB; break; }
      sqlite3_bind_int64(st, 1, x->n);
      if ((rc = run(s, st, "duplicate")) != RASD_OK) break;
      if (dup && !(st = stmt(s, "INSERT INTO duplicates(article, original) VALUES(?1, ?2)"))) { rc = RASD_EDB; break; }
      if (dup) {
        sqlite3_bind_int64(st, 1, x->n);
        sqlite3_bind_int64(st, 2, dup);
        if ((rc = run(s, st, "duplicate")) != RASD_OK) break;
      }
    }
  }
  /* A rebuilt engine leaves no story to an article it does not take (one without text). */
  for (size_t i = 0; i < nr && rc == RASD_OK && s->rebuild; i++) {
    if (rows[i].matched || (!rows[i].story && !rows[i].dup)) continue;
    if (!(st = stmt(s, "UPDATE articles SET story = NULL, duplicate_of = NULL WHERE n = ?1"))) { rc = RASD_EDB; break; }
    sqlite3_bind_int64(st, 1, rows[i].n);
    if ((rc = run(s, st, "article story")) == RASD_OK && rows[i].story && RASD__VEC_PUSH(dirty, nd, cd, rows[i].story))
      rc = rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  }
  for (size_t id = 1; id <= ns && rc == RASD_OK && s->rebuild; id++)
    if (RASD__VEC_PUSH(dirty, nd, cd, (int64_t)id)) rc = rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  if (rc != RASD_OK) goto done;
  /* Stories that gained or lost an article: their row, dates and outlets from the articles, the engine's view and title;
   * a story the engine no longer has goes. */
  if (nd) qsort(dirty, nd, sizeof *dirty, cmp_i64);
  for (size_t i = 0; i < nd && rc == RASD_OK; i++) {
    if (i && dirty[i] == dirty[i - 1]) continue;
    int64_t id = dirty[i];
    size_t nmem = 0;
    if ((size_t)id > ns || !rasd_corpus_story_articles(c, id, &nmem) || !nmem) {
      /* gone, or emptied by a merge of two stories of one happening: one batch run never writes it */
      if (!(st = stmt(s, "DELETE FROM stories WHERE id = ?1"))) { rc = RASD_EDB; break; }
      sqlite3_bind_int64(st, 1, id);
      rc = run(s, st, "story");
      continue;
    }
    double t0 = cpu_now();
    char *view = rasd_corpus_story_json(c, id, NULL);
    if (stats) stats->cpu_engine += cpu_now() - t0;
    /* The row from its articles, in one statement: a story stored already is updated, a new one's row is written once,
     * whole (not an empty row then an update); neither is an upsert or an INSERT ... SELECT, which would copy every
     * page they touch into a statement journal first. Of the engine's view (valid JSON, or NULL) the row keeps what
     * the store reads (summary, timeline, disagreements) and its title; the first titled article gives the title when
     * the view has none. */
    int done = 0;
    if (id <= max_story) {
      if (!(st = stmt(s, "UPDATE stories SET (size, first_date, last_date) = (SELECT count(*), min(date), max(date) FROM"
                         " articles WHERE story = ?1), outlets = " STORY_OUTLETS ", norm2 = 0, view = " STORY_VIEW ","
                         " title = " STORY_TITLE ", updated = " STORY_NOW " WHERE id = ?1"))) {
        rc = RASD_EDB;
      } else {
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, view);
        rc = run(s, st, "story");
        sqlite3_clear_bindings(st);
        done = sqlite3_changes(q->db) > 0;
      }
    }
    if (rc == RASD_OK && !done) {
      if (!(st = stmt(s, "INSERT INTO stories(id, size, first_date, last_date, outlets, norm2, view, title, updated)"
                         " VALUES(?1, (SELECT count(*) FROM articles WHERE story = ?1), (SELECT min(date) FROM articles"
                         " WHERE story = ?1), (SELECT max(date) FROM articles WHERE story = ?1), " STORY_OUTLETS ", 0, "
                         STORY_VIEW ", " STORY_TITLE ", " STORY_NOW ")"))) {
        rc = RASD_EDB;
      } else {
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, view);
        rc = run(s, st, "story");
        sqlite3_clear_bindings(st);
      }
    }
    rasd_free(view);
  }
  if (rc == RASD_OK && (st = stmt(s, "DELETE FROM stories WHERE id > ?1"))) { /* none left behind by an older rasd */
    sqlite3_bind_int64(st, 1, (int64_t)ns);
    rc = run(s, st, "stories");
  } else if (rc == RASD_OK) rc = RASD_EDB;
  if (rc != RASD_OK) goto done;
  /* Storylines, as the engine sees them now (it revises them as stories grow): every story of a line points to the
   * line's first story. */
  if ((rc = exec(s, "UPDATE stories SET storyline = NULL WHERE storyline IS NOT NULL"))) goto done;
  size_t nl = rasd_corpus_storyline(c, 0, NULL, NULL);
  for (size_t k = 0; k < nl && rc == RASD_OK; k++) {
    const int64_t *line = NULL;
    size_t n = 0;
    rasd_corpus_storyline(c, k, &line, &n);
    int64_t head = 0;
    for (size_t j = 0; j < n; j++)
      if (!head || line[j] < head) head = line[j];
    for (size_t j = 0; j < n && rc == RASD_OK; j++) {
      if (!(st = stmt(s, "UPDATE stories SET storyline = ?2 WHERE id = ?1"))) { rc = RASD_EDB; break; }
      sqlite3_bind_int64(st, 1, line[j]);
      sqlite3_bind_int64(st, 2, head);
      rc = run(s, st, "storyline");
    }
  }
  if (rc != RASD_OK) goto done;
  /* The engine's state, so that the next batch continues from here. */
  if ((rc = save_state(s, c, na)) != RASD_OK) goto done;
  if (stats) {
    /* A story is new when all its articles are the batch's, grown when some are. */
    for (size_t id = 1; id <= ns; id++) {
      size_t n = 0;
      const uint32_t *arts = rasd_corpus_story_articles(c, (int64_t)id, &n);
      size_t nb = 0;
      for (size_t k = 0; k < n; k++) nb += arts[k] >= first_new;
      if (nb && nb == n) stats->stories_new++;
      else if (nb) stats->stories_grown++;
    }
  }
  q->n_batch = 0;
done:
  free(rows);
  free(slot);
  free(dirty);
  rasd__arena_free(ar);
  return rc;
}

#include "sqlite_views.inc"

const rasd__store_ops rasd__sqlite_ops = {
    "sqlite",   sq_open,       sq_close,    sq_begin,   sq_has,     sq_has_key, sq_put,     sq_link,     sq_load_corpus,
    sq_stored_docs, sq_apply_corpus, sq_get_reader, sq_put_reader,
    sq_commit, sq_rollback, sq_stories, sq_story, sq_article, sq_entities, sq_entity,     sq_search,
};
