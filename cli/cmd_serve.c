/* cmd_serve.c — `rasd serve --db FILE [--bind ADDR] [--port N]`: the JSON API and web view until SIGINT/SIGTERM. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include "cli.h"

static int num(const char *opt, const char *v, unsigned lo, unsigned hi, unsigned *out) {
  char *end;
  long x = strtol(v, &end, 10);
  if (*end || !*v || x < (long)lo || x > (long)hi) {
    fprintf(stderr, "rasd: %s wants a number from %u to %u, got '%s'\n", opt, lo, hi, v);
    return -1;
  }
  *out = (unsigned)x;
  return 0;
}

int cmd_serve(int argc, char **argv) {
  rasd_serve_opts o = {0};
  o.port = 8080;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has = i + 1 < argc;
    if (!strcmp(a, "--db") && has) o.db = argv[++i];
    else if (!strcmp(a, "--bind") && has) o.bind = argv[++i];
    else if (!strcmp(a, "--port") && has) { if (num(a, argv[++i], 0, 65535, &o.port)) return CLI_USAGE; }
    else if (!strcmp(a, "--threads") && has) { if (num(a, argv[++i], 1, 64, &o.threads)) return CLI_USAGE; }
    else if (!strcmp(a, "--max-conns") && has) { if (num(a, argv[++i], 1, 10000, &o.max_conns)) return CLI_USAGE; }
    else if (!strcmp(a, "--timeout") && has) { if (num(a, argv[++i], 1, 3600, &o.timeout_s)) return CLI_USAGE; }
    else if (!strcmp(a, "--log")) o.log = 1;
    else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      printf("usage: rasd serve --db FILE [--bind 127.0.0.1] [--port 8080] [--threads 4] [--max-conns 256]\n"
             "                  [--timeout 15] [--log]\n"
             "Serves the store FILE read-only: the web view at / (Arabic, right to left) and the JSON API:\n"
             "  /api/stories?from=&to=&q=&limit=&offset=   /api/stories/ID   /api/articles/ID\n"
             "  /api/entities?q=   /api/entities/ID   /api/search?q=&limit=&offset=\n"
             "Listens on 127.0.0.1 unless --bind says otherwise; --port 0 picks a free port.\n");
      return CLI_OK;
    } else {
      fprintf(stderr, "rasd: serve: unknown argument '%s' (see rasd serve --help)\n", a);
      return CLI_USAGE;
    }
  }
  if (!o.db) {
    fprintf(stderr, "usage: rasd serve --db FILE [--bind 127.0.0.1] [--port 8080]\n");
    return CLI_USAGE;
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL); /* worker threads inherit the mask; this thread waits for them */
  signal(SIGPIPE, SIG_IGN);
  rasd_server *s = NULL;
  char *err = NULL;
  if (rasd_server_start(&o, &s, &err) != RASD_OK) {
    fprintf(stderr, "rasd: serve: %s\n", err ? err : "cannot start");
    rasd_free(err);
    return CLI_INPUT_ERR;
  }
  const char *host = o.bind ? o.bind : "127.0.0.1";
  printf("rasd serve: http://%s%s%s:%u/ (store %s; Ctrl-C stops)\n", strchr(host, ':') ? "[" : "", host,
         strchr(host, ':') ? "]" : "", rasd_server_port(s), o.db);
  fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  rasd_server_stop(s);
  fprintf(stderr, "rasd serve: stopped\n");
  return CLI_OK;
}
