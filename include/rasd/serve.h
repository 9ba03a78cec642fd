/* rasd/serve.h — public serve API: the HTTP JSON API and the Arabic right-to-left web view over a store. */
#ifndef RASD_SERVE_H
#define RASD_SERVE_H
#include <stddef.h>

/* Server options; zero-initialise and set what you need. */
typedef struct rasd_serve_opts {
  const char *db;          /* the store (opened read-only, one connection per worker thread) */
  const char *bind;        /* address to listen on; NULL: 127.0.0.1 */
  unsigned port;           /* 0: any free port (see rasd_server_port()) */
  unsigned threads;        /* worker threads; 0: 4 */
  unsigned max_conns;      /* simultaneous connections; 0: 256 */
  unsigned timeout_s;      /* idle connection timeout in seconds; 0: 15 */
  int log;                 /* 1: one line per request on stderr */
} rasd_serve_opts;

typedef struct rasd_server rasd_server;

/** Starts serving 'o->db' in background threads into '*out' (stop with rasd_server_stop()). Returns RASD_OK, or
 * RASD_EDB / RASD_ENET with a message in '*errmsg' (caller frees with rasd_free(); may be NULL). */
int rasd_server_start(const rasd_serve_opts *o, rasd_server **out, char **errmsg);

/** Returns the port 's' listens on. */
unsigned rasd_server_port(const rasd_server *s);

/** Stops 's', closes its connections and frees it; NULL is fine. */
void rasd_server_stop(rasd_server *s);

#endif
