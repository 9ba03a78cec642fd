/* serve.c — the HTTP server: libmicrohttpd with a thread pool, one read-only store connection per worker thread,
 * the JSON API under /api/, the web view, strict parameter checks (400, never 500), and limits. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include "serve/serve.h"

struct rasd_server {
  struct MHD_Daemon *d;
  char *db;
  pthread_key_t key;
  int log;
  unsigned port;
};

static void rcache_clear(void);
static void close_store(void *p) {
  rasd_store_close(p);
  rcache_clear();
}

/* Per worker thread: the last story-list responses, ready to queue again (MHD counts their references), valid
 * while the store's data_version stays the same (a commit by `rasd add` on another connection changes it). */
#define RCACHE 16
typedef struct rentry {
  char *key;
  struct MHD_Response *r;
  int64_t version;
} rentry;
static __thread rentry rcache[RCACHE];
static __thread unsigned rnext;

static struct MHD_Response *rcache_get(const char *key, int64_t version) {
  for (int i = 0; i < RCACHE; i++)
    if (rcache[i].key && rcache[i].version == version && !strcmp(rcache[i].key, key)) return rcache[i].r;
  return NULL;
}

static void rcache_clear(void) {
  for (int i = 0; i < RCACHE; i++) {
    free(rcache[i].key);
    if (rcache[i].r) MHD_destroy_response(rcache[i].r);
    rcache[i].key = NULL;
    rcache[i].r = NULL;
  }
}

/* Takes over the caller's reference to 'r' under 'key' (1), or leaves it to the caller when out of memory (0). */
static int rcache_put(const char *key, struct MHD_Response *r, int64_t version) {
  rentry *e = &rcache[rnext++ % RCACHE];
  free(e->key);
  if (e->r) MHD_destroy_response(e->r);
  e->r = NULL;
  if (!(e->key = rasd__strdup0(key))) return 0;
  e->r = r; /* MHD_queue_response takes a reference of its own for each connection it sends 'r' on */
  e->version = version;
  return 1;
}

/* The calling worker thread's read-only connection, opened on first use. */
static rasd_store *thread_store(struct rasd_server *sv) {
  rasd_store *s = pthread_getspecific(sv->key);
  if (s) return s;
  if (rasd_store_open(sv->db, RASD_STORE_READONLY, &s, NULL) != RASD_OK) return NULL;
  pthread_setspecific(sv->key, s);
  return s;
}

static const char *status_text(unsigned st) {
  switch (st) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 503: return "Service Unavailable";
  }
  return "Internal Server Error";
}

/* A response with our headers; takes 'body' (freed with the response when must_free). NULL when out of memory. */
static struct MHD_Response *make_response(unsigned status, const char *ctype, char *body, size_t len, int must_free) {
  struct MHD_Response *r =
      MHD_create_response_from_buffer(len, body, must_free ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
  if (!r) {
    if (must_free) free(body);
    return NULL;
  }
  MHD_add_response_header(r, "Content-Type", ctype);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Cache-Control", "no-cache");
  if (!strncmp(ctype, "text/html", 9)) {
    /* No script runs on our pages and nothing loads from elsewhere. */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                            "base-uri 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
  }
  if (status == 405) MHD_add_response_header(r, "Allow", "GET, HEAD");
  return r;
}

/* Queues 'r' (MHD takes its own reference; ours is dropped only when 'drop'). */
static enum MHD_Result send_response(struct rasd_server *sv, struct MHD_Connection *c, const char *method,
                                     const char *url, unsigned status, struct MHD_Response *r, int drop) {
  enum MHD_Result ret = MHD_queue_response(c, status, r);
  if (drop) MHD_destroy_response(r);
  if (sv->log) fprintf(stderr, "rasd serve: %s %.200s %u\n", method, url, status);
  return ret;
}

static enum MHD_Result reply(struct rasd_server *sv, struct MHD_Connection *c, const char *method, const char *url,
                             unsigned status, const char *ctype, char *body, size_t len, int must_free) {
  struct MHD_Response *r = make_response(status, ctype, body, len, must_free);
  if (!r) return MHD_NO;
  return send_response(sv, c, method, url, status, r, 1);
}

static enum MHD_Result reply_json(struct rasd_server *sv, struct MHD_Connection *c, const char *method,
                                  const char *url, unsigned status, json_t *j) {
  char *s = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(6));
  json_decref(j);
  if (!s) return MHD_NO;
  return reply(sv, c, method, url, status, "application/json; charset=utf-8", s, strlen(s), 1);
}

static enum MHD_Result reply_error(struct rasd_server *sv, struct MHD_Connection *c, const char *method,
                                   const char *url, int api, unsigned status, const char *msg) {
  if (api)
    return reply_json(sv, c, method, url, status,
                      json_pack("{s:{s:i, s:s, s:s}}", "error", "status", (int)status, "reason", status_text(status),
                                "message", msg));
  char *h = rasd__html_error(status, status_text(status), msg);
  return reply(sv, c, method, url, status, "text/html; charset=utf-8", h, strlen(h), 1);
}

/* Query parameters, checked. 'err' gets the message for a 400. */
typedef struct params {
  const char *q, *from, *to;
  size_t limit, offset;
  char err[200];
} params;

static int param_num(struct MHD_Connection *c, const char *name, size_t lo, size_t hi, size_t *out, char *err) {
  const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
  if (!v || !*v) return 0;
  size_t x = 0;
  int n = 0;
  for (const char *p = v; *p; p++, n++) {
    if (*p < '0' || *p > '9' || n > 9) {
      snprintf(err, 200, "'%s' must be a whole number from %zu to %zu", name, lo, hi);
      return -1;
    }
    x = x * 10 + (size_t)(*p - '0');
  }
  if (x < lo || x > hi) {
    snprintf(err, 200, "'%s' must be a whole number from %zu to %zu", name, lo, hi);
    return -1;
  }
  *out = x;
  return 0;
}

static int get_params(struct MHD_Connection *c, params *p, size_t def_limit) {
  memset(p, 0, sizeof *p);
  p->limit = def_limit;
  if (param_num(c, "limit", 1, 500, &p->limit, p->err) || param_num(c, "offset", 0, 1000000, &p->offset, p->err))
    return -1;
  const char *d[2] = {"from", "to"};
  for (int i = 0; i < 2; i++) {
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, d[i]);
    if (v && !*v) v = NULL;
    if (v && (strlen(v) != 10 || !rasd__date_valid(v))) {
      snprintf(p->err, sizeof p->err, "'%s' must be a date YYYY-MM-DD", d[i]);
      return -1;
    }
    if (i) p->to = v;
    else p->from = v;
  }
  p->q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
  if (p->q && (strlen(p->q) > 4096 || !rasd__utf8_valid(p->q, strlen(p->q)))) {
    snprintf(p->err, sizeof p->err, "'q' must be valid UTF-8 of at most 4096 bytes");
    return -1;
  }
  if (p->q) {
    const char *t = p->q;
    while (*t == ' ') t++;
    if (!*t) p->q = NULL;
  }
  return 0;
}

/* Parses a numeric id path segment; -1 when malformed. */
static int64_t path_id(const char *s) {
  if (!*s || strlen(s) > 15) return -1;
  int64_t x = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9') return -1;
    x = x * 10 + (*s - '0');
  }
  return x;
}

static unsigned http_status(int rc) { return rc == RASD_ENOENT ? 404 : rc == RASD_EUSAGE ? 400 : 500; }

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls) {
  (void)version;
  (void)upload;
  struct rasd_server *sv = cls;
  int api = !strncmp(url, "/api/", 5) || !strcmp(url, "/api");
  /* MHD calls once with the headers, then for any body, then once more when the request is complete. Only a
   * response queued on that last call lets the connection be kept alive; refusals go out at once (and close). */
  static char pending, answered;
  if (*con_cls == NULL) {
    *con_cls = &pending;
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
      *con_cls = &answered;
      return reply_error(sv, c, method, url, api, 405, "only GET and HEAD are served");
    }
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strcmp(cl, "0")) {
      *con_cls = &answered;
      return reply_error(sv, c, method, url, api, 413, "requests carry no body here");
    }
    return MHD_YES;
  }
  if (*upload_size) { /* a body after all: ignore it */
    *upload_size = 0;
    return MHD_YES;
  }
  if (*con_cls == &answered) return MHD_YES;
  *con_cls = &answered;
  if (!strcmp(url, "/static/style.css"))
    return reply(sv, c, method, url, 200, "text/css; charset=utf-8", (char *)rasd__asset_css, strlen(rasd__asset_css), 0);
  if (strlen(url) > 1024 || !rasd__utf8_valid(url, strlen(url)))
    return reply_error(sv, c, method, url, api, 404, "no such page");
  rasd_store *s = thread_store(sv);
  if (!s) return reply_error(sv, c, method, url, api, 503, "the store cannot be opened");
  params p;
  json_t *j = NULL;
  int rc;
  int64_t id;
#define BAD_PARAMS() return reply_error(sv, c, method, url, api, 400, p.err)
#define STORE_FAIL(rc) return reply_error(sv, c, method, url, api, http_status(rc), rasd_store_errmsg(s))
  if (api) {
    if (!strcmp(url, "/api/stories")) {
      if (get_params(c, &p, 50)) BAD_PARAMS();
      rasd_story_filter f = {p.from, p.to, p.q, p.limit, p.offset};
      char key[4300];
      snprintf(key, sizeof key, "%s|%s|%zu|%zu|%s", p.from ? p.from : "", p.to ? p.to : "", p.limit, p.offset, p.q ? p.q : "");
      int64_t ver = rasd__store_data_version(s);
      int cacheable = ver >= 0 && strlen(key) < sizeof key - 1;
      struct MHD_Response *hit = cacheable ? rcache_get(key, ver) : NULL;
      if (hit) return send_response(sv, c, method, url, 200, hit, 0);
      if ((rc = rasd__store_stories_j(s, &f, &j))) STORE_FAIL(rc);
      char *body = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(6));
      json_decref(j);
      if (!body) return MHD_NO;
      struct MHD_Response *r = make_response(200, "application/json; charset=utf-8", body, strlen(body), 1);
      if (!r) return MHD_NO;
      return send_response(sv, c, method, url, 200, r, !(cacheable && rcache_put(key, r, ver)));
    }
    if (!strncmp(url, "/api/stories/", 13)) {
      if ((id = path_id(url + 13)) < 0) return reply_error(sv, c, method, url, 1, 400, "a story id is a number");
      if ((rc = rasd__store_story_j(s, id, &j))) STORE_FAIL(rc);
      return reply_json(sv, c, method, url, 200, j);
    }
    if (!strncmp(url, "/api/articles/", 14) && url[14]) {
      if ((rc = rasd__store_article_j(s, url + 14, &j))) STORE_FAIL(rc);
      return reply_json(sv, c, method, url, 200, j);
    }
    if (!strcmp(url, "/api/entities")) {
      if (get_params(c, &p, 50)) BAD_PARAMS();
      if ((rc = rasd__store_entities_j(s, p.q, p.limit, p.offset, &j))) STORE_FAIL(rc);
      return reply_json(sv, c, method, url, 200, j);
    }
    if (!strncmp(url, "/api/entities/", 14)) {
      if ((id = path_id(url + 14)) < 0) return reply_error(sv, c, method, url, 1, 400, "an entity id is a number");
      if ((rc = rasd__store_entity_j(s, id, &j))) STORE_FAIL(rc);
      return reply_json(sv, c, method, url, 200, j);
    }
    if (!strcmp(url, "/api/search")) {
      if (get_params(c, &p, 20)) BAD_PARAMS();
      if (!p.q) return reply_error(sv, c, method, url, 1, 400, "'q' is required");
      if ((rc = rasd__store_search_j(s, p.q, p.limit, p.offset, &j))) STORE_FAIL(rc);
      return reply_json(sv, c, method, url, 200, j);
    }
    return reply_error(sv, c, method, url, 1, 404, "no such API endpoint");
  }
  char *h = NULL;
  if (!strcmp(url, "/")) {
    if (get_params(c, &p, 30)) BAD_PARAMS();
    rasd_story_filter f = {p.from, p.to, p.q, p.limit, p.offset};
    if ((rc = rasd__store_stories_j(s, &f, &j))) STORE_FAIL(rc);
    h = rasd__html_stories(j, &f);
  } else if (!strncmp(url, "/story/", 7)) {
    if ((id = path_id(url + 7)) < 0) return reply_error(sv, c, method, url, 0, 400, "رقم القصة غير صالح");
    if ((rc = rasd__store_story_j(s, id, &j))) STORE_FAIL(rc);
    h = rasd__html_story(j);
  } else if (!strncmp(url, "/article/", 9) && url[9]) {
    if ((rc = rasd__store_article_j(s, url + 9, &j))) STORE_FAIL(rc);
    h = rasd__html_article(j);
  } else if (!strncmp(url, "/entity/", 8)) {
    if ((id = path_id(url + 8)) < 0) return reply_error(sv, c, method, url, 0, 400, "رقم الكيان غير صالح");
    if ((rc = rasd__store_entity_j(s, id, &j))) STORE_FAIL(rc);
    h = rasd__html_entity(j);
  } else if (!strcmp(url, "/entities")) {
    if (get_params(c, &p, 100)) BAD_PARAMS();
    if ((rc = rasd__store_entities_j(s, p.q, p.limit, p.offset, &j))) STORE_FAIL(rc);
    h = rasd__html_entities(j, p.q);
  } else if (!strcmp(url, "/search")) {
    if (get_params(c, &p, 20)) BAD_PARAMS();
    if (p.q && (rc = rasd__store_search_j(s, p.q, p.limit, p.offset, &j)) != RASD_OK) {
      if (rc != RASD_EUSAGE) STORE_FAIL(rc);
      h = rasd__html_search(NULL, p.q, rasd_store_errmsg(s), p.limit, p.offset);
      rc = 400;
    } else {
      h = rasd__html_search(j, p.q, NULL, p.limit, p.offset);
      rc = 200;
    }
    json_decref(j);
    if (!h) return MHD_NO;
    return reply(sv, c, method, url, (unsigned)rc, "text/html; charset=utf-8", h, strlen(h), 1);
  } else {
    return reply_error(sv, c, method, url, 0, 404, "لا توجد صفحة بهذا العنوان");
  }
  json_decref(j);
  if (!h) return MHD_NO;
  return reply(sv, c, method, url, 200, "text/html; charset=utf-8", h, strlen(h), 1);
}

int rasd_server_start(const rasd_serve_opts *o, rasd_server **out, char **errmsg) {
  *out = NULL;
  if (errmsg) *errmsg = NULL;
  rasd_store *probe = NULL;
  char *err = NULL;
  if (rasd_store_open(o->db, RASD_STORE_READONLY, &probe, &err) != RASD_OK) {
    if (errmsg) *errmsg = err;
    else free(err);
    return RASD_EDB;
  }
  rasd_store_close(probe);
  struct rasd_server *sv = calloc(1, sizeof *sv);
  if (!sv || !(sv->db = rasd__strdup0(o->db)) || pthread_key_create(&sv->key, close_store)) {
    if (sv) free(sv->db);
    free(sv);
    return RASD_ENOMEM;
  }
  sv->log = o->log;
  const char *bind = o->bind ? o->bind : "127.0.0.1";
  struct sockaddr_in a4;
  struct sockaddr_in6 a6;
  struct sockaddr *sa;
  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD;
  memset(&a4, 0, sizeof a4);
  memset(&a6, 0, sizeof a6);
  if (inet_pton(AF_INET, bind, &a4.sin_addr) == 1) {
    a4.sin_family = AF_INET;
    a4.sin_port = htons((uint16_t)o->port);
    sa = (struct sockaddr *)&a4;
  } else if (inet_pton(AF_INET6, bind, &a6.sin6_addr) == 1) {
    a6.sin6_family = AF_INET6;
    a6.sin6_port = htons((uint16_t)o->port);
    sa = (struct sockaddr *)&a6;
    flags |= MHD_USE_IPv6;
  } else {
    if (errmsg) *errmsg = rasd__strdup0("--bind wants a numeric IPv4 or IPv6 address");
    pthread_key_delete(sv->key);
    free(sv->db);
    free(sv);
    return RASD_EUSAGE;
  }
  sv->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, sv, MHD_OPTION_SOCK_ADDR, sa,
                           MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads ? o->threads : 4),
                           MHD_OPTION_CONNECTION_LIMIT, (unsigned)(o->max_conns ? o->max_conns : 256),
                           MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(o->timeout_s ? o->timeout_s : 15),
                           MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, MHD_OPTION_LISTEN_BACKLOG_SIZE,
                           (unsigned)1024, MHD_OPTION_END);
  if (!sv->d) {
    if (errmsg) {
      char m[200];
      snprintf(m, sizeof m, "cannot listen on %s port %u (in use, or not an address of this machine)", bind, o->port);
      *errmsg = rasd__strdup0(m);
    }
    pthread_key_delete(sv->key);
    free(sv->db);
    free(sv);
    return RASD_ENET;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(sv->d, MHD_DAEMON_INFO_BIND_PORT);
  sv->port = info ? info->port : o->port;
  *out = sv;
  return RASD_OK;
}

unsigned rasd_server_port(const rasd_server *s) { return s ? s->port : 0; }

void rasd_server_stop(rasd_server *s) {
  if (!s) return;
  MHD_stop_daemon(s->d); /* joins the workers; each closes its store through the key's destructor */
  pthread_key_delete(s->key);
  free(s->db);
  free(s);
}
