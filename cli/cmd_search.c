/* cmd_search.c — `rasd search --db FILE QUERY`: full-text search of a store, as text or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "cli.h"

/* Prints an HTML snippet as text: entities decoded, <mark> as bold on a terminal, else as «…». */
static void print_snippet(const char *s, int tty) {
  static const struct { const char *from, *to_tty, *to_plain; } rep[] = {
      {"<mark>", "\033[1m", "«"}, {"</mark>", "\033[0m", "»"}, {"&amp;", "&", "&"}, {"&lt;", "<", "<"},
      {"&gt;", ">", ">"},         {"&quot;", "\"", "\""},      {"&#39;", "'", "'"}};
  while (s && *s) {
    size_t k;
    for (k = 0; k < sizeof rep / sizeof rep[0]; k++)
      if (!strncmp(s, rep[k].from, strlen(rep[k].from))) break;
    if (k < sizeof rep / sizeof rep[0]) {
      fputs(tty ? rep[k].to_tty : rep[k].to_plain, stdout);
      s += strlen(rep[k].from);
    } else {
      putchar(*s++);
    }
  }
}

static const char *jstr(json_t *o, const char *k) {
  const char *v = json_string_value(json_object_get(o, k));
  return v ? v : "";
}

int cmd_search(int argc, char **argv) {
  const char *db = NULL, *format = "text";
  long limit = 20, offset = 0;
  char query[4200] = "";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--db") && i + 1 < argc) db = argv[++i];
    else if (!strcmp(a, "--format") && i + 1 < argc) format = argv[++i];
    else if ((!strcmp(a, "--limit") || !strcmp(a, "--offset")) && i + 1 < argc) {
      char *end;
      long v = strtol(argv[++i], &end, 10);
      if (*end || v < 0 || v > 100000) {
        fprintf(stderr, "rasd: %s wants a number, got '%s'\n", a, argv[i]);
        return CLI_USAGE;
      }
      if (a[2] == 'l') limit = v;
      else offset = v;
    } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      printf("usage: rasd search --db FILE [--format text|json] [--limit N] [--offset N] QUERY...\n"
             "QUERY: words (any clitic or spelling: والذخائر finds الذخائر, بيونغيانغ finds بيونغ يانغ),\n"
             "\"a phrase\", entity:NAME_OR_ID, outlet:NAME, from:YYYY-MM-DD, to:YYYY-MM-DD. Best first (bm25).\n"
             "Function words (في, من, إن, وفي) are not indexed: a query leaves them out, and a phrase that has one\n"
             "matches its other words in order.\n"
             "json: {\"results\": [{article, story, title, outlet, date, snippet, score}]}; snippet is HTML with\n"
             "<mark> around hits.\n");
      return CLI_OK;
    } else if (a[0] == '-' && a[1] == '-') {
      fprintf(stderr, "rasd: search: unknown option '%s'\n", a);
      return CLI_USAGE;
    } else {
      if (strlen(query) + strlen(a) + 2 >= sizeof query) {
        fprintf(stderr, "rasd: search: the query is too long\n");
        return CLI_USAGE;
      }
      if (*query) strcat(query, " ");
      strcat(query, a);
    }
  }
  if (!db || !*query || (strcmp(format, "text") && strcmp(format, "json"))) {
    fprintf(stderr, "usage: rasd search --db FILE [--format text|json] QUERY...\n");
    return CLI_USAGE;
  }
  rasd_store *s = NULL;
  char *err = NULL, *js = NULL;
  if (rasd_store_open(db, RASD_STORE_READONLY, &s, &err) != RASD_OK) {
    fprintf(stderr, "rasd: %s\n", err ? err : "cannot open the store");
    rasd_free(err);
    return CLI_INPUT_ERR;
  }
  int rc = rasd_store_search(s, query, (size_t)limit, (size_t)offset, &js);
  if (rc != RASD_OK) {
    fprintf(stderr, "rasd: search: %s\n", rasd_store_errmsg(s));
    rasd_store_close(s);
    return rc == RASD_EUSAGE ? CLI_USAGE : CLI_INPUT_ERR;
  }
  if (!strcmp(format, "json")) {
    printf("%s\n", js);
  } else {
    json_t *j = json_loads(js, 0, NULL);
    int tty = isatty(1);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(j, "results"), i, r) {
      printf("%6.2f  %s  %s  story %lld  %s  [%s]\n        ", json_number_value(json_object_get(r, "score")),
             jstr(r, "date"), jstr(r, "outlet"), (long long)json_integer_value(json_object_get(r, "story")),
             jstr(r, "title"), jstr(r, "article"));
      print_snippet(jstr(r, "snippet"), tty);
      putchar('\n');
    }
    if (!json_array_size(json_object_get(j, "results"))) fprintf(stderr, "rasd: search: no results\n");
    json_decref(j);
  }
  rasd_free(js);
  rasd_store_close(s);
  return CLI_OK;
}
