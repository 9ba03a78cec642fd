/* store.c — the public store API: dispatches to the backend (SQLite) and serialises query results as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "store/store.h"

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int rasd_store_open(const char *path, int flags, rasd_store **out, char **errmsg) {
  *out = NULL;
  if (errmsg) *errmsg = NULL;
  rasd_store *s = calloc(1, sizeof *s);
  if (!s) {
    if (errmsg) *errmsg = rasd__strdup0("out of memory");
    return RASD_ENOMEM;
  }
  s->ops = &rasd__sqlite_ops;
  s->flags = flags;
  if (!path || !*path) {
    rasd__store_fail(s, RASD_EUSAGE, "no store path given");
  } else if (s->ops->open(s, path, flags) == RASD_OK) {
    *out = s;
    return RASD_OK;
  }
  if (errmsg) *errmsg = rasd__strdup0(s->err[0] ? s->err : "cannot open the store");
  rasd_store_close(s);
  return RASD_EDB;
}

void rasd_store_close(rasd_store *s) {
  if (!s) return;
  rasd_corpus_free(s->corpus);
  if (s->impl) s->ops->close(s);
  free(s);
}

const char *rasd_store_errmsg(const rasd_store *s) { return s ? s->err : "no store"; }

int rasd_store_begin(rasd_store *s) {
  if (s->flags & RASD_STORE_READONLY) return rasd__store_fail(s, RASD_EUSAGE, "the store is open read-only");
  if (s->in_batch) return rasd__store_fail(s, RASD_EUSAGE, "a batch is already open");
  s->notice[0] = 0;
  int rc = s->ops->begin(s);
  if (rc == RASD_OK) s->in_batch = 1;
  return rc;
}

int rasd_store_has(rasd_store *s, const rasd_doc *d) {
  int found = 0;
  return s->ops->has(s, d, &found) == RASD_OK ? found : -1;
}

int rasd_store_has_key(rasd_store *s, const char *id, const char *url) {
  int found = 0;
  if ((!id || !*id) && (!url || !*url)) return 0;
  return s->ops->has_key(s, id, url, &found) == RASD_OK ? found : -1;
}

int rasd_store_use_cleaner(rasd_store *s, rasd_cleaner *c) {
  void *p = NULL;
  size_t n = 0;
  s->cleaner = NULL;
  int rc = s->ops->get_reader(s, &p, &n);
  if (rc == RASD_OK && p && (rc = rasd_cleaner_load(c, p, n)) != RASD_OK)
    rasd__store_fail(s, rc, "the reader state in the store cannot be used (%s)", rasd_strerror(rc));
  free(p);
  if (rc == RASD_OK || rc == RASD_EFORMAT) s->cleaner = c;
  return rc;
}

int rasd_store_put(rasd_store *s, const rasd_doc *d, const rasd_analysis *a, int *added) {
  int dummy;
  if (!added) added = &dummy;
  *added = 0;
  if (!s->in_batch) return rasd__store_fail(s, RASD_EUSAGE, "rasd_store_put outside a batch");
  return s->ops->put(s, d, a, added);
}

typedef struct rebuild_ctx {
  rasd_store *s;
  const rasd_models *m;
} rebuild_ctx;

/* Analyses a stored article again and hands it to the engine being rebuilt. */
static int rebuild_one(void *ud, rasd_doc *d) {
  rebuild_ctx *r = ud;
  rasd_analysis *a = NULL;
  int rc = rasd_analyze(r->m, d, &a);
  if (rc == RASD_ENOMEM) {
    rasd_analysis_free(a);
    rasd_doc_free(d);
    return rasd__store_fail(r->s, rc, "rebuilding the story state: out of memory");
  }
  if (rc != RASD_OK) { /* analysed when it was added: the engine tokenizes it itself rather than losing it */
    rasd_analysis_free(a);
    a = NULL;
  }
  rc = rasd_corpus_add(r->s->corpus, d, a);
  return rc == RASD_OK || rc == RASD_EINPUT ? RASD_OK
                                            : rasd__store_fail(r->s, rc, "rebuilding the story state: %s", rasd_strerror(rc));
}

/* Loads the story engine with the state saved in the store, or a new one; when the saved state cannot be used, the
 * new engine takes the stored articles again (read back from their rows, analysed with 'm', in order of addition),
 * so that the batch ends as one batch run over every article would, and every story row is written anew. */
static int corpus_open(rasd_store *s, const rasd_models *m) {
  char why[200] = "";
  s->rebuild = 0;
  int rc = s->ops->load_corpus(s, m, &s->corpus, why, sizeof why);
  if (rc != RASD_OK || s->corpus) return rc;
  s->corpus = rasd_corpus_new(m, NULL);
  if (!s->corpus) return rasd__store_fail(s, RASD_ENOMEM, "out of memory");
  if (!why[0]) return RASD_OK;
  rebuild_ctx r = {s, m};
  size_t n = 0;
  if ((rc = s->ops->stored_docs(s, rebuild_one, &r, &n)) != RASD_OK) {
    rasd_corpus_free(s->corpus);
    s->corpus = NULL;
    return rc;
  }
  s->rebuild = 1;
  snprintf(s->notice, sizeof s->notice, "%s: rebuilt from the %zu stored article%s", why, n, n == 1 ? "" : "s");
  return RASD_OK;
}

const char *rasd_store_notice(const rasd_store *s) { return s && s->notice[0] ? s->notice : NULL; }

int rasd_store_link(rasd_store *s, const rasd_models *m, rasd_doc *d, rasd_analysis *a) {
  int rc = RASD_OK;
  if (!s->in_batch) rc = rasd__store_fail(s, RASD_EUSAGE, "rasd_store_link outside a batch");
  else if (!s->corpus && (rc = corpus_open(s, m)) == RASD_OK) s->corpus_first_new = rasd_corpus_n_articles(s->corpus);
  if (rc != RASD_OK) {
    rasd_doc_free(d);
    rasd_analysis_free(a);
    return rc;
  }
  s->models = m;
  rc = rasd_corpus_add(s->corpus, d, a);
  return rc == RASD_OK || rc == RASD_EINPUT ? RASD_OK : rasd__store_fail(s, rc, "story engine: %s", rasd_strerror(rc));
}

int rasd_store_commit(rasd_store *s, rasd_store_stats *st) {
  if (!s->in_batch) return rasd__store_fail(s, RASD_EUSAGE, "no batch is open");
  int rc;
  if (s->corpus) {
    double t = cpu_now();
    rc = rasd_corpus_finish(s->corpus);
    if (st) st->cpu_engine += cpu_now() - t;
    if (rc != RASD_OK) rasd__store_fail(s, rc, "story engine: %s", rasd_strerror(rc));
    else rc = s->ops->apply_corpus(s, s->corpus, s->corpus_first_new, st);
  } else {
    rc = s->ops->link(s, st);
  }
  if (rc == RASD_OK && s->cleaner) { /* the cleaner has seen the batch's articles: its statistics go with them */
    size_t n = 0;
    void *p = rasd_cleaner_save(s->cleaner, &n);
    rc = p ? s->ops->put_reader(s, p, n) : rasd__store_fail(s, RASD_ENOMEM, "out of memory");
    free(p);
  }
  if (rc == RASD_OK) rc = s->ops->commit(s);
  if (rc != RASD_OK) {
    char m[sizeof s->err];
    snprintf(m, sizeof m, "%s", s->err);
    s->ops->rollback(s);
    snprintf(s->err, sizeof s->err, "%s", m);
    /* The engine holds the failed batch: drop it, the next batch reloads the committed state. */
    rasd_corpus_free(s->corpus);
    s->corpus = NULL;
  } else if (s->corpus) {
    s->corpus_first_new = rasd_corpus_n_articles(s->corpus);
  }
  s->rebuild = 0;
  s->in_batch = 0;
  return rc;
}

void rasd_store_rollback(rasd_store *s) {
  if (!s || !s->in_batch) return;
  s->ops->rollback(s);
  rasd_corpus_free(s->corpus);
  s->corpus = NULL;
  s->rebuild = 0;
  s->in_batch = 0;
}

int rasd__store_stories_j(rasd_store *s, const rasd_story_filter *f, json_t **out) {
  rasd_story_filter z = {0};
  *out = NULL;
  return s->ops->stories(s, f ? f : &z, out);
}
int rasd__store_story_j(rasd_store *s, int64_t id, json_t **out) { *out = NULL; return s->ops->story(s, id, out); }
int rasd__store_article_j(rasd_store *s, const char *id, json_t **out) {
  *out = NULL;
  if (!id || !rasd__utf8_valid(id, strlen(id))) return rasd__store_fail(s, RASD_EUSAGE, "bad article id");
  return s->ops->article(s, id, out);
}
int rasd__store_entities_j(rasd_store *s, const char *q, size_t limit, size_t offset, json_t **out) {
  *out = NULL;
  return s->ops->entities(s, q, limit, offset, out);
}
int rasd__store_entity_j(rasd_store *s, int64_t id, json_t **out) { *out = NULL; return s->ops->entity(s, id, out); }
int rasd__store_search_j(rasd_store *s, const char *q, size_t limit, size_t offset, json_t **out) {
  rasd__query pq;
  char err[256];
  *out = NULL;
  int rc = rasd__query_parse(q, &pq, err, sizeof err);
  if (rc != RASD_OK) return rasd__store_fail(s, rc, "%s", err);
  rc = s->ops->search(s, &pq, limit, offset, out);
  if (rc == RASD_OK) json_object_set_new(*out, "query", json_string(q));
  rasd__query_free(&pq);
  return rc;
}

static int dump(int rc, json_t *j, char **json) {
  *json = NULL;
  if (rc == RASD_OK) {
    *json = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(6));
    if (!*json) rc = RASD_ENOMEM;
  }
  json_decref(j);
  return rc;
}

int rasd_store_stories(rasd_store *s, const rasd_story_filter *f, char **json) {
  json_t *j;
  int rc = rasd__store_stories_j(s, f, &j);
  return dump(rc, j, json);
}
int rasd_store_story(rasd_store *s, int64_t id, char **json) {
  json_t *j;
  int rc = rasd__store_story_j(s, id, &j);
  return dump(rc, j, json);
}
int rasd_store_article(rasd_store *s, const char *id, char **json) {
  json_t *j;
  int rc = rasd__store_article_j(s, id, &j);
  return dump(rc, j, json);
}
int rasd_store_entities(rasd_store *s, const char *q, size_t limit, size_t offset, char **json) {
  json_t *j;
  int rc = rasd__store_entities_j(s, q, limit, offset, &j);
  return dump(rc, j, json);
}
int rasd_store_entity(rasd_store *s, int64_t id, char **json) {
  json_t *j;
  int rc = rasd__store_entity_j(s, id, &j);
  return dump(rc, j, json);
}
int rasd_store_search(rasd_store *s, const char *q, size_t limit, size_t offset, char **json) {
  json_t *j;
  int rc = rasd__store_search_j(s, q, limit, offset, &j);
  return dump(rc, j, json);
}

static void outlets_line(rasd__buf *b, json_t *outlets) {
  size_t i;
  json_t *x;
  json_array_foreach(outlets, i, x) rasd__buf_printf(b, "%s%s", i ? "، " : "", json_string_value(x));
}

/* " [outlet، outlet]" after a line, nothing when no outlet is known */
static void outlet_tags(rasd__buf *b, json_t *outlets) {
  if (!json_array_size(outlets)) return;
  rasd__buf_adds(b, " [");
  outlets_line(b, outlets);
  rasd__buf_adds(b, "]");
}

/* 't' cut at 'max' bytes on a character boundary, with "…" when cut */
static void clipped(rasd__buf *b, const char *t, size_t max) {
  if (!t) return;
  int n = rasd__utf8_clip(t, max);
  rasd__buf_printf(b, "%.*s%s", n, t, t[n] ? "…" : "");
}

char *rasd_store_digest(rasd_store *s, size_t n) {
  rasd__buf b;
  rasd__buf_init(&b);
  rasd_story_filter f = {0};
  f.limit = 100000;
  json_t *list;
  if (rasd__store_stories_j(s, &f, &list) != RASD_OK) return NULL;
  json_t *arr = json_object_get(list, "stories");
  /* Largest first, as the terminal digest of `rasd stories` does. */
  size_t cnt = json_array_size(arr);
  json_t **v = calloc(cnt + 1, sizeof *v);
  for (size_t i = 0; v && i < cnt; i++) v[i] = json_array_get(arr, i);
  for (size_t i = 1; v && i < cnt; i++)
    for (size_t j = i; j > 0 && json_integer_value(json_object_get(v[j], "size")) >
                                    json_integer_value(json_object_get(v[j - 1], "size")); j--) {
      json_t *t = v[j]; v[j] = v[j - 1]; v[j - 1] = t;
    }
  for (size_t i = 0; v && i < cnt && (!n || i < n); i++) {
    json_t *st;
    if (rasd__store_story_j(s, json_integer_value(json_object_get(v[i], "id")), &st) != RASD_OK) continue;
    const char *fd = json_string_value(json_object_get(st, "first_date"));
    const char *ld = json_string_value(json_object_get(st, "last_date"));
    long long size = (long long)json_integer_value(json_object_get(st, "size"));
    const char *title = json_string_value(json_object_get(st, "title"));
    /* the layout of `rasd stories` text: title, then id, size, outlets and dates on one line */
    rasd__buf_printf(&b, "━━ %s\n   #%lld · %lld %s", title ? title : "", (long long)json_integer_value(json_object_get(st, "id")),
                     size, size == 1 ? "article" : "articles");
    if (json_array_size(json_object_get(st, "outlets"))) {
      rasd__buf_adds(&b, " · ");
      outlets_line(&b, json_object_get(st, "outlets"));
    }
    if (fd) rasd__buf_printf(&b, " · %.10s", fd);
    if (fd && ld && strncmp(fd, ld, 10)) rasd__buf_printf(&b, " → %.10s", ld);
    rasd__buf_adds(&b, "\n");
    size_t k;
    json_t *x;
    json_array_foreach(json_object_get(st, "summary"), k, x) {
      rasd__buf_printf(&b, "   • %s", json_string_value(json_object_get(x, "text")));
      outlet_tags(&b, json_object_get(x, "outlets"));
      rasd__buf_adds(&b, "\n");
    }
    json_t *tl = json_object_get(st, "timeline");
    size_t ntl = json_array_size(tl);
    if (ntl) {
      /* ten entries, as `rasd stories` shows them: the story's own days first */
      rasd__buf_adds(&b, "   timeline:\n");
      const char **d = malloc(ntl * sizeof *d);
      size_t *w = malloc(ntl * sizeof *w), pick[10], np = ntl < 10 ? ntl : 10;
      if (d && w) {
        json_array_foreach(tl, k, x) {
          d[k] = json_string_value(json_object_get(x, "date"));
          w[k] = json_array_size(json_object_get(x, "outlets"));
        }
        np = rasd__pick_near(d, w, ntl, json_string_value(json_object_get(st, "first_date")),
                             json_string_value(json_object_get(st, "last_date")), 10, pick);
      } else
        for (size_t q = 0; q < np; q++) pick[q] = q;
      free(d);
      free(w);
      for (size_t q = 0; q < np; q++) {
        x = json_array_get(tl, pick[q]);
        rasd__buf_printf(&b, "     %-10s ", json_string_value(json_object_get(x, "date")));
        clipped(&b, json_string_value(json_object_get(x, "text")), 200);
        outlet_tags(&b, json_object_get(x, "outlets"));
        rasd__buf_adds(&b, "\n");
      }
      if (ntl > np) rasd__buf_printf(&b, "     (%zu more dated sentences: rasd serve, or rasd stories --format json)\n", ntl - np);
    }
    json_array_foreach(json_object_get(st, "entities"), k, x) {
      if (k >= 8) break;
      const char *nm = json_string_value(json_object_get(x, "name")), *en = json_string_value(json_object_get(x, "en"));
      rasd__buf_printf(&b, "%s%s%s%s%s", k ? "، " : "   entities: ", nm ? nm : "", en ? " (" : "", en ? en : "", en ? ")" : "");
    }
    if (json_array_size(json_object_get(st, "entities"))) rasd__buf_adds(&b, "\n");
    json_array_foreach(json_object_get(st, "quotes"), k, x) {
      if (k >= 3) break;
      json_t *q0 = json_array_get(json_object_get(x, "quotes"), 0);
      const char *sp = json_string_value(json_object_get(x, "speaker"));
      rasd__buf_printf(&b, "   %s: «", sp ? sp : "؟");
      clipped(&b, json_string_value(json_object_get(q0, "text")), 240);
      rasd__buf_adds(&b, "»");
      outlet_tags(&b, json_object_get(q0, "outlets"));
      rasd__buf_adds(&b, "\n");
    }
    json_array_foreach(json_object_get(st, "disagreements"), k, x) {
      const char *kind = json_string_value(json_object_get(x, "kind"));
      rasd__buf_printf(&b, "   ! %s: ", kind ? kind : "");
      size_t j;
      json_t *val;
      json_array_foreach(json_object_get(x, "values"), j, val) {
        const char *vv = json_string_value(json_object_get(val, "value")), *vo = json_string_value(json_object_get(val, "outlet"));
        rasd__buf_printf(&b, "%s%s", j ? " / " : "", vv ? vv : "");
        if (vo && *vo) rasd__buf_printf(&b, " (%s)", vo);
      }
      rasd__buf_adds(&b, "\n");
    }
    rasd__buf_adds(&b, "\n");
    json_decref(st);
  }
  free(v);
  json_decref(list);
  return rasd__buf_detach(&b);
}
