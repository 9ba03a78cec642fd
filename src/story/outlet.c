/* outlet.c — the outlet of an article that has no outlet field: from its byline, its credits, or its directory. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "story/story_int.h"

/* Wire agencies (as bylines and credits write them): a source, not the outlet that published the article. */
static const char *const AGENCIES[] = {"واس", "فرانس برس", "أ ف ب", "أ.ف.ب", "رويترز", "د ب أ", "د.ب.أ", "الأناضول",
                                       "كونا", "وام", "بنا", "قنا", "العمانية", "أ ب", "أسوشيتد برس", "يو بي آي", "شينخوا",
                                       "سبأ", "وفا", "معا", "ا ف ب", "AFP", "Reuters", "AP", "SPA", "WAM", "KUNA", "dpa"};

/* Directory names that say nothing about an outlet. */
static const char *const GENERIC_DIRS[] = {"news", "articles", "article", "data", "input", "inputs", "docs", "doc", "tmp",
                                           "temp", "examples", "example", "corpus", "text", "texts", "files", "downloads",
                                           "raw", "html", "txt", "out", "in", "src", "test", "tests", "samples", "."};

static int is_agency(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof AGENCIES / sizeof AGENCIES[0]; i++)
    if (strlen(AGENCIES[i]) == n && !memcmp(AGENCIES[i], s, n)) return 1;
  return 0;
}

/* Splits 's' at dashes (a hyphen with spaces around it, or an en or em dash) into trimmed parts (at most 'max'). */
static size_t split_dash(const char *s, const char **pb, size_t *pl, size_t max) {
  size_t n = 0, len = strlen(s), start = 0;
  for (size_t i = 0; i <= len && n < max; i++) {
    size_t skip = 0;
    if (i == len) skip = 1;
    else if (!strncmp(s + i, "\xe2\x80\x93", 3) || !strncmp(s + i, "\xe2\x80\x94", 3)) skip = 3;
    else if (s[i] == '-' && i > 0 && s[i - 1] == ' ' && s[i + 1] == ' ') skip = 1;
    if (!skip) continue;
    size_t b = start, e = i;
    while (b < e && (unsigned char)s[b] <= ' ') b++;
    while (e > b && (unsigned char)s[e - 1] <= ' ') e--;
    if (e > b) pb[n] = s + b, pl[n++] = e - b;
    start = i + skip;
    i += skip - 1;
  }
  return n;
}

/* Tags the space-separated words of 's' (1 to 15 words) with the NER into 'tags' (static strings); returns the word
 * count, 0 when there is no model, the phrase is empty, too long or the tagger fails. Reentrant. */
static size_t tag_phrase(const rasd_models *m, const char *s, size_t n, const char **tags) {
  char buf[256];
  if (!m || n >= sizeof buf) return 0;
  memcpy(buf, s, n);
  buf[n] = 0;
  const char *w[16];
  size_t nw = 0;
  char *save = NULL;
  for (char *p = strtok_r(buf, " ", &save); p && nw < 16; p = strtok_r(NULL, " ", &save)) w[nw++] = p;
  if (!nw || nw == 16 || rasd_ner_tag_words(m, w, nw, tags) != RASD_OK) return 0;
  return nw;
}

/* 1 when every word of 's' is tagged a place (or it is the dateline's first word). */
static int is_place(const rasd_models *m, const rasd_doc *d, const char *s, size_t n) {
  if (d->dateline) {
    size_t k = 0;
    while (d->dateline[k] && d->dateline[k] != ' ' && d->dateline[k] != '-' && d->dateline[k] != ',') k++;
    if (k == n && !memcmp(d->dateline, s, n)) return 1;
  }
  const char *tags[16];
  size_t nw = tag_phrase(m, s, n, tags);
  if (!nw) return 0;
  for (size_t i = 0; i < nw; i++)
    if (!strstr(tags[i], "LOC") && !strstr(tags[i], "GPE")) return 0;
  return 1;
}

static int is_person(const rasd_models *m, const char *s, size_t n) {
  const char *tags[16];
  return tag_phrase(m, s, n, tags) && strstr(tags[0], "PER") != NULL;
}

static size_t words(const char *s, size_t n) {
  size_t w = 1;
  for (size_t i = 0; i < n; i++) w += s[i] == ' ';
  return w;
}

static char *dup_n(const char *s, size_t n) {
  char *o = malloc(n + 1);
  if (o) memcpy(o, s, n), o[n] = 0;
  return o;
}

char *rasd__derive_outlet(const rasd_models *m, const rasd_doc *d) {
  if (d->outlet && *d->outlet) return dup_n(d->outlet, strlen(d->outlet));
  const char *pb[8];
  size_t pl[8];
  /* the byline: "PERSON – OUTLET", "CITY - OUTLET", "OUTLET - CITY", or the outlet alone */
  if (d->byline && *d->byline) {
    size_t n = split_dash(d->byline, pb, pl, 8);
    if (n == 1 && words(pb[0], pl[0]) <= 5 && !is_agency(pb[0], pl[0]) && !is_person(m, pb[0], pl[0]) &&
        !(words(pb[0], pl[0]) == 1 && is_place(m, d, pb[0], pl[0])))
      return dup_n(pb[0], pl[0]);
    /* the outlet comes last, unless the last part is one place name (then it is the first part) */
    for (int k = 0; n > 1 && k < 2; k++) {
      size_t i = k ? 0 : n - 1;
      if (is_agency(pb[i], pl[i])) break;
      if (words(pb[i], pl[i]) == 1 && is_place(m, d, pb[i], pl[i])) continue;
      if (words(pb[i], pl[i]) <= 5) return dup_n(pb[i], pl[i]);
      break;
    }
  }
  /* credits: "(فرانس برس، الرصيف)": the part that is not an agency */
  for (size_t c = 0; c < d->n_credits; c++) {
    const char *s = d->credits[c];
    const char *best = NULL;
    size_t bl = 0, len = strlen(s), start = 0;
    for (size_t i = 0; i <= len; i++) {
      int sep = i == len || s[i] == ',' || s[i] == '(' || s[i] == ')' || !strncmp(s + i, "\xd8\x8c", 2) /* ، */;
      if (!sep) continue;
      size_t b = start, e = i;
      while (b < e && (unsigned char)s[b] <= ' ') b++;
      while (e > b && (unsigned char)s[e - 1] <= ' ') e--;
      if (e > b && e - b < 80 && !is_agency(s + b, e - b)) best = s + b, bl = e - b;
      start = i + (i < len && (unsigned char)s[i] == 0xd8 ? 2 : 1);
      if (i < len && (unsigned char)s[i] == 0xd8) i++;
    }
    if (best) return dup_n(best, bl);
  }
  /* a single-article file in a directory named after its outlet */
  if (d->path) {
    const char *slash = strrchr(d->path, '/'), *dot = strrchr(d->path, '.');
    int single = dot && (!strcmp(dot, ".txt") || !strcmp(dot, ".html") || !strcmp(dot, ".htm"));
    if (single && slash && slash > d->path) {
      const char *b = slash;
      while (b > d->path && b[-1] != '/') b--;
      size_t n = (size_t)(slash - b);
      int generic = n == 0 || b[0] == '.';
      for (size_t i = 0; i < sizeof GENERIC_DIRS / sizeof GENERIC_DIRS[0] && !generic; i++)
        generic = strlen(GENERIC_DIRS[i]) == n && !strncasecmp(GENERIC_DIRS[i], b, n);
      for (size_t i = 0; i < n && !generic; i++) generic = b[i] >= '0' && b[i] <= '9' && i == 0;
      if (!generic) return dup_n(b, n);
    }
  }
  return NULL;
}
