/* cmd_tag.c — `rasd tag --conll [FILE]`: NER on pre-tokenised text (first column = token, blank line = sentence break). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

#define TAG_MAX_LINE (64 * 1024) /* longer lines are cut (the token is kept, truncated) */
#define TAG_MAX_SENT 4096        /* a "sentence" with more tokens is tagged in pieces */

typedef struct tagger {
  const rasd_models *m;
  const char *name;
  char **words;
  const char **tags;
  size_t n;
  int status;
} tagger;

static int flush(tagger *t, FILE *out) {
  if (!t->n) return 0;
  if (rasd_ner_tag_words(t->m, (const char *const *)t->words, t->n, t->tags) != RASD_OK) {
    fprintf(stderr, "rasd: %s: out of memory\n", t->name);
    return -1;
  }
  for (size_t i = 0; i < t->n; i++) {
    fputs(t->words[i], out);
    fputc('\t', out);
    fputs(t->tags[i], out);
    fputc('\n', out);
    free(t->words[i]);
  }
  t->n = 0;
  return 0;
}

/* Length of the valid UTF-8 sequence at s[0..len) (1–4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t len) {
  unsigned c = s[0];
  size_t n;
  uint32_t cp, min;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; min = 0x10000; }
  else return 0;
  if (n > len) return 0;
  for (size_t k = 1; k < n; k++) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

/* Copies the token, replacing invalid UTF-8 and NUL bytes by U+FFFD; returns NULL when out of memory. */
static char *clean_token(const char *s, size_t len, int *bad) {
  char *o = malloc(len * 3 + 1);
  size_t n = 0, i = 0;
  if (!o) return NULL;
  *bad = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c && c < 0x80) { o[n++] = (char)c; i++; continue; }
    size_t k = c ? utf8_len((const unsigned char *)s + i, len - i) : 0;
    if (!k) {
      *bad = 1;
      memcpy(o + n, "\xEF\xBF\xBD", 3);
      n += 3;
      i++;
    } else {
      memcpy(o + n, s + i, k);
      n += k;
      i += k;
    }
  }
  o[n] = 0;
  return o;
}

static int tag_stream(tagger *t, FILE *in, FILE *out) {
  char *line = malloc(TAG_MAX_LINE + 1);
  if (!line) return -1;
  long lineno = 0, nonblank = 0;
  int c = 0;
  for (;;) {
    size_t n = 0;
    int truncated = 0;
    while ((c = getc(in)) != EOF && c != '\n') {
      if (n < TAG_MAX_LINE) line[n++] = (char)c;
      else truncated = 1;
    }
    if (c == EOF && n == 0 && !truncated) break;
    lineno++;
    if (n && line[n - 1] == '\r') n--;
    if (truncated) {
      fprintf(stderr, "rasd: %s:%ld: line longer than %d bytes; cut\n", t->name, lineno, TAG_MAX_LINE);
      t->status = CLI_INPUT_ERR;
    }
    size_t b = 0;
    while (b < n && (line[b] == ' ' || line[b] == '\t')) b++;
    if (b == n) { /* blank line: sentence break, kept as is */
      if (flush(t, out)) break;
      fputc('\n', out);
      if (c == EOF) break;
      continue;
    }
    size_t e = b;
    while (e < n && line[e] != ' ' && line[e] != '\t') e++;
    if (truncated) /* do not cut inside a UTF-8 sequence */
      while (e > b && ((unsigned char)line[e - 1] & 0xC0) == 0x80) e--;
    int bad = 0;
    char *w = clean_token(line + b, e - b, &bad);
    if (!w) { free(line); return -1; }
    if (bad) {
      fprintf(stderr, "rasd: %s:%ld: invalid UTF-8 or NUL byte in token; replaced by U+FFFD\n", t->name, lineno);
      t->status = CLI_INPUT_ERR;
    }
    t->words[t->n++] = w;
    nonblank++;
    if (t->n == TAG_MAX_SENT && flush(t, out)) break;
    if (c == EOF) break;
  }
  free(line);
  if (flush(t, out)) return -1;
  if (ferror(in)) {
    fprintf(stderr, "rasd: %s: read error\n", t->name);
    t->status = CLI_INPUT_ERR;
  } else if (lineno == 0) {
    fprintf(stderr, "rasd: %s: empty input\n", t->name);
    t->status = CLI_INPUT_ERR;
  } else if (nonblank == 0) {
    fprintf(stderr, "rasd: %s: no tokens in input\n", t->name);
    t->status = CLI_INPUT_ERR;
  }
  return 0;
}

static void tag_usage(FILE *f) {
  fprintf(f,
          "usage: rasd tag [--conll] [--data DIR] [FILE...]\n"
          "Named entities in pre-tokenised text: the first column of each line is a token, a blank line ends a\n"
          "sentence. Writes token<TAB>TAG lines (B-/I- PERS, LOC, ORG, MISC, or O) with the same blank lines.\n"
          "Reads standard input when no FILE is given (or FILE is -).\n");
}

int cmd_tag(int argc, char **argv) {
  const char *data = NULL;
  const char **files = NULL;
  size_t nfiles = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--conll")) continue;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      tag_usage(stdout);
      free(files);
      return CLI_OK;
    }
    if (!strcmp(a, "--data")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "rasd: --data needs a value\n");
        free(files);
        return CLI_USAGE;
      }
      data = argv[++i];
      continue;
    }
    if (a[0] == '-' && a[1]) {
      fprintf(stderr, "rasd: tag: unknown option '%s'\n", a);
      tag_usage(stderr);
      free(files);
      return CLI_USAGE;
    }
    const char **nf = realloc(files, (nfiles + 1) * sizeof *nf);
    if (!nf) {
      free(files);
      return CLI_USAGE;
    }
    files = nf;
    files[nfiles++] = a;
  }
  cli_inputs in;
  memset(&in, 0, sizeof in);
  in.models_dir = data;
  rasd_models *m = cli_models(&in);
  tagger t;
  memset(&t, 0, sizeof t);
  t.m = m;
  t.words = malloc(TAG_MAX_SENT * sizeof *t.words);
  t.tags = malloc(TAG_MAX_SENT * sizeof *t.tags);
  if (!t.words || !t.tags) {
    fprintf(stderr, "rasd: out of memory\n");
    t.status = CLI_INPUT_ERR;
    goto done;
  }
  for (size_t k = 0; k < (nfiles ? nfiles : 1); k++) {
    const char *path = nfiles ? files[k] : "-";
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    t.name = strcmp(path, "-") ? path : "<stdin>";
    if (!f) {
      fprintf(stderr, "rasd: %s: cannot open\n", path);
      t.status = CLI_INPUT_ERR;
      continue;
    }
    if (tag_stream(&t, f, stdout)) {
      fprintf(stderr, "rasd: %s: out of memory\n", t.name);
      t.status = CLI_INPUT_ERR;
    }
    if (f != stdin) fclose(f);
  }
done:
  if (fflush(stdout)) t.status = CLI_INPUT_ERR;
  free(t.words);
  free(t.tags);
  free(files);
  rasd_models_free(m);
  return t.status;
}
