/* reader.c — the article iterator: input queue, directories, format detection, streamed txt / JSON Lines / JSON arrays. */
#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "read/read.h"

#define CHUNK ((size_t)256 << 10)

typedef enum { F_NONE, F_TXT, F_JSONL, F_JSONARR, F_JSONDOC, F_FEED, F_HTML } fmt_t;

typedef struct input {
  char *path;    /* path as shown in messages and in the article */
  char *idbase;  /* id for a one-article file: name without extension, relative to a directory argument */
  char *data;    /* in-memory input (rasd_reader_add_buffer), or NULL */
  size_t len;
  int is_stdin;
  char *err;     /* error to report instead of reading (e.g. an unreadable directory) */
} input;

struct rasd_reader {
  char *date, *outlet;
  int strict;
  input *q;
  size_t nq, capq, qi;
  /* the open input */
  int open;
  input *cur;
  FILE *f;
  const char *mem;
  size_t memlen, mempos;
  int src_eof;      /* no more raw bytes */
  iconv_t cd;       /* conversion to UTF-8, or (iconv_t)-1 */
  const char *cdname;
  char *raw;        /* raw bytes read but not yet moved to the window */
  size_t rawlen, rawcap;
  char *win;        /* UTF-8 (or unchecked) bytes; [wbeg, wend) unread */
  size_t wbeg, wend, wcap;
  int eof;          /* window gets no more bytes */
  long line;        /* line number of win[wbeg] (1-based) */
  fmt_t fmt;
  long recno;
  int arr_state;    /* JSON arrays: 0 before '[', 1 inside, 2 after ']' */
  char *file_warn;  /* warning for the first article of the file */
  rasd__artlist pend;
  size_t pend_i;
  char errmsg[1024];
  size_t nerr;
  rasd__buf tmp;
};

/* ---------- articles ---------- */

rasd_article *rasd__article_new(void) { return calloc(1, sizeof(rasd_article)); }

int rasd__article_warn(rasd_article *a, const char *msg) {
  char **w = realloc(a->warnings, (a->n_warnings + 1) * sizeof *w);
  if (!w) return -1;
  a->warnings = w;
  if (!(w[a->n_warnings] = rasd__strdup0(msg))) return -1;
  a->n_warnings++;
  return 0;
}

void rasd_article_free(rasd_article *a) {
  if (!a) return;
  free(a->id);
  free(a->path);
  free(a->outlet);
  free(a->url);
  free(a->date);
  free(a->title);
  free(a->text);
  free(a->byline);
  for (size_t i = 0; i < a->n_captions; i++) free(a->captions[i]);
  free(a->captions);
  for (size_t i = 0; i < a->n_warnings; i++) free(a->warnings[i]);
  free(a->warnings);
  free(a);
}

/* ---------- reader set-up ---------- */

rasd_reader *rasd_reader_new(const rasd_read_opts *o) {
  rasd_reader *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->cd = (iconv_t)-1;
  if (o) {
    r->strict = o->strict;
    if ((o->date && !(r->date = rasd__strdup0(o->date))) || (o->outlet && !(r->outlet = rasd__strdup0(o->outlet))))
      goto fail;
  }
  rasd__buf_init(&r->tmp);
  return r;
fail:
  free(r->date);
  free(r->outlet);
  free(r);
  return NULL;
}

static int push_input(rasd_reader *r, input in) {
  if (rasd__grow((void **)&r->q, &r->capq, sizeof *r->q, r->nq + 1)) return RASD_ENOMEM;
  r->q[r->nq++] = in;
  return RASD_OK;
}

static char *strip_ext(const char *name) {
  const char *slash = strrchr(name, '/');
  const char *dot = strrchr(slash ? slash + 1 : name, '.');
  size_t n = dot && dot != (slash ? slash + 1 : name) ? (size_t)(dot - name) : strlen(name);
  return rasd__strndup(name, n);
}

static const char *ext_of(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(slash ? slash + 1 : path, '.');
  return dot ? dot + 1 : "";
}

static int known_ext(const char *name) {
  static const char *ok[] = {"txt", "text", "json", "jsonl", "ndjson", "xml", "rss", "atom", "html", "htm",
                             "xhtml", "zip", "gz"};
  const char *e = ext_of(name);
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
    if (!strcasecmp(e, ok[i])) return 1;
  return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Queues the files under directory 'dir' (shown as 'shown'), sorted, recursively; 'rel' is the id prefix. */
static int add_dir(rasd_reader *r, const char *dir, const char *rel, int depth) {
  DIR *d = opendir(dir);
  if (!d) {
    input in = {0};
    char msg[512];
    snprintf(msg, sizeof msg, "%s: cannot open directory: %s", dir, strerror(errno));
    in.path = rasd__strdup0(dir);
    in.err = rasd__strdup0(msg);
    return push_input(r, in);
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char *s = rasd__strdup0(e->d_name);
    if (!s || RASD__VEC_PUSH(names, n, cap, s)) {
      free(s);
      break;
    }
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_str);
  int rc = RASD_OK;
  for (size_t i = 0; i < n; i++) {
    size_t dl = strlen(dir);
    rasd__buf p, id;
    rasd__buf_init(&p);
    rasd__buf_init(&id);
    rasd__buf_add(&p, dir, dl);
    if (dl && dir[dl - 1] != '/') rasd__buf_addc(&p, '/');
    rasd__buf_adds(&p, names[i]);
    if (*rel) {
      rasd__buf_adds(&id, rel);
      rasd__buf_addc(&id, '/');
    }
    rasd__buf_adds(&id, names[i]);
    struct stat st;
    /* lstat: symbolic links to directories are not followed (no loops), devices and FIFOs are skipped */
    if (p.oom || id.oom) rc = RASD_ENOMEM;
    else if (lstat(p.s, &st) != 0) {
      input in = {0};
      char msg[600];
      snprintf(msg, sizeof msg, "%s: cannot read: %s", p.s, strerror(errno));
      in.path = rasd__strdup0(p.s);
      in.err = rasd__strdup0(msg);
      rc = push_input(r, in);
    } else if (S_ISDIR(st.st_mode)) {
      if (depth < 64) rc = add_dir(r, p.s, id.s, depth + 1);
    } else if ((S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && stat(p.s, &st) == 0 && S_ISREG(st.st_mode))) &&
               known_ext(names[i])) {
      input in = {0};
      in.path = rasd__buf_detach(&p);
      in.idbase = strip_ext(id.s);
      rc = push_input(r, in);
    }
    rasd__buf_free(&p);
    rasd__buf_free(&id);
    if (rc) break;
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  return rc;
}

int rasd_reader_add_path(rasd_reader *r, const char *path) {
  if (!r || !path) return RASD_EUSAGE;
  input in = {0};
  if (!strcmp(path, "-")) {
    in.path = rasd__strdup0("-");
    in.idbase = rasd__strdup0("stdin");
    in.is_stdin = 1;
    return push_input(r, in);
  }
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return add_dir(r, path, "", 0);
  in.path = rasd__strdup0(path);
  const char *base = strrchr(path, '/');
  in.idbase = strip_ext(base ? base + 1 : path);
  if (!in.path || !in.idbase) {
    free(in.path);
    free(in.idbase);
    return RASD_ENOMEM;
  }
  return push_input(r, in);
}

int rasd_reader_add_buffer(rasd_reader *r, const char *name, const char *s, size_t len) {
  input in = {0};
  in.path = rasd__strdup0(name ? name : "buffer");
  const char *base = in.path ? strrchr(in.path, '/') : NULL;
  in.idbase = in.path ? strip_ext(base ? base + 1 : in.path) : NULL;
  in.data = malloc(len ? len : 1);
  in.len = len;
  if (!in.path || !in.idbase || !in.data) {
    free(in.path);
    free(in.idbase);
    free(in.data);
    return RASD_ENOMEM;
  }
  if (len) memcpy(in.data, s, len);
  return push_input(r, in);
}

const char *rasd_reader_errmsg(const rasd_reader *r) { return r ? r->errmsg : ""; }
size_t rasd_reader_nerrors(const rasd_reader *r) { return r ? r->nerr : 0; }

static int err_at(rasd_reader *r, int code, long line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int err_at(rasd_reader *r, int code, long line, const char *fmt, ...) {
  int n = line > 0 ? snprintf(r->errmsg, sizeof r->errmsg, "%s:%ld: ", r->cur->path, line)
                   : snprintf(r->errmsg, sizeof r->errmsg, "%s: ", r->cur->path);
  if (n < 0 || (size_t)n >= sizeof r->errmsg) n = 0;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->errmsg + n, sizeof r->errmsg - (size_t)n, fmt, ap);
  va_end(ap);
  r->nerr++;
  return code;
}

/* ---------- the byte window ---------- */

static void close_input(rasd_reader *r) {
  if (r->f && r->f != stdin) fclose(r->f);
  r->f = NULL;
  if (r->cd != (iconv_t)-1) iconv_close(r->cd);
  r->cd = (iconv_t)-1;
  r->cdname = NULL;
  r->mem = NULL;
  r->open = 0;
  r->wbeg = r->wend = 0;
  r->rawlen = 0;
  free(r->file_warn);
  r->file_warn = NULL;
  for (size_t i = r->pend_i; i < r->pend.n; i++) rasd_article_free(r->pend.a[i]);
  r->pend.n = r->pend_i = 0;
}

/* Reads more raw bytes into r->raw; returns bytes added (0 at the end or on a read error). */
static size_t read_raw(rasd_reader *r) {
  if (r->src_eof) return 0;
  if (r->rawcap - r->rawlen < CHUNK) {
    if (rasd__grow((void **)&r->raw, &r->rawcap, 1, r->rawlen + CHUNK)) return 0;
  }
  size_t n;
  if (r->f) {
    n = fread(r->raw + r->rawlen, 1, CHUNK, r->f);
    if (n < CHUNK) r->src_eof = 1;
  } else {
    n = r->memlen - r->mempos < CHUNK ? r->memlen - r->mempos : CHUNK;
    memcpy(r->raw + r->rawlen, r->mem + r->mempos, n);
    r->mempos += n;
    if (r->mempos >= r->memlen) r->src_eof = 1;
  }
  r->rawlen += n;
  return n;
}

/* Moves more bytes into the window (converting when needed); returns 0, or -1 when nothing more comes. */
static int fill(rasd_reader *r) {
  /* The window always exists, so r->win + r->wbeg is valid even for an input with no text at all. */
  if (!r->win && rasd__grow((void **)&r->win, &r->wcap, 1, 4096)) r->eof = 1;
  if (r->eof) return -1;
  if (r->wbeg > 0) {
    memmove(r->win, r->win + r->wbeg, r->wend - r->wbeg);
    r->wend -= r->wbeg;
    r->wbeg = 0;
  }
  if (r->rawlen == 0) read_raw(r);
  if (r->rawlen == 0) {
    r->eof = 1;
    return -1;
  }
  size_t need = r->wend + r->rawlen * 3 + 16;
  if (need > r->wcap && rasd__grow((void **)&r->win, &r->wcap, 1, need)) {
    r->eof = 1;
    return -1;
  }
  if (r->cd == (iconv_t)-1) {
    memcpy(r->win + r->wend, r->raw, r->rawlen);
    r->wend += r->rawlen;
    r->rawlen = 0;
    return 0;
  }
  char *in = r->raw, *o = r->win + r->wend;
  size_t inleft = r->rawlen, oleft = r->wcap - r->wend - 1;
  while (inleft) {
    size_t rc = iconv(r->cd, &in, &inleft, &o, &oleft);
    if (rc != (size_t)-1) break;
    if (errno == EINVAL && !r->src_eof) break; /* incomplete unit: wait for more bytes */
    if (errno == E2BIG) break;
    if (oleft < 3) break;
    memcpy(o, "\xEF\xBF\xBD", 3);
    o += 3;
    oleft -= 3;
    size_t skip = !strncmp(r->cdname, "UTF-16", 6) && inleft >= 2 ? 2 : 1;
    in += skip;
    inleft -= skip;
  }
  r->wend = (size_t)(o - r->win);
  memmove(r->raw, in, inleft);
  r->rawlen = inleft;
  return 0;
}

/* Gives the next line [*s, *s + *n) (without the newline) and its number; returns 1, 0 at the end,
 * or -1 for a line longer than RASD__RECORD_MAX (skipped; its number in '*lineno'). */
static int next_line(rasd_reader *r, const char **s, size_t *n, long *lineno) {
  size_t scan = 0;
  int skipping = 0;
  long skipline = 0;
  for (;;) {
    char *base = r->win + r->wbeg;
    size_t avail = r->wend - r->wbeg;
    char *nl = scan < avail ? memchr(base + scan, '\n', avail - scan) : NULL;
    if (nl) {
      size_t len = (size_t)(nl - base);
      r->wbeg += len + 1;
      if (skipping) {
        *lineno = skipline;
        r->line++;
        return -1;
      }
      *s = base;
      *n = len;
      *lineno = r->line++;
      return 1;
    }
    if (avail >= RASD__RECORD_MAX) {
      if (!skipping) {
        skipping = 1;
        skipline = r->line;
      }
      r->wbeg = r->wend;
      scan = 0;
    } else {
      scan = avail;
    }
    if (fill(r) < 0) {
      base = r->win + r->wbeg;
      avail = r->wend - r->wbeg;
      if (skipping) {
        r->wbeg = r->wend;
        *lineno = skipline;
        r->line++;
        return -1;
      }
      if (!avail) return 0;
      r->wbeg = r->wend;
      *s = base;
      *n = avail;
      *lineno = r->line++;
      return 1;
    }
  }
}

/* Reads the whole rest of the input into the window; returns 0, or -1 when it is larger than the record cap. */
static int slurp(rasd_reader *r) {
  while (fill(r) == 0)
    if (r->wend - r->wbeg > RASD__RECORD_MAX) return -1;
  return 0;
}

/* ---------- opening: detection ---------- */

static int skip_ws(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
  return (int)i;
}

static fmt_t sniff(const char *path, const char *s, size_t n, int is_stdin) {
  const char *e = ext_of(path);
  size_t i = (size_t)skip_ws(s, n, 0);
  char c = i < n ? s[i] : 0;
  if (!strcasecmp(e, "jsonl") || !strcasecmp(e, "ndjson") || is_stdin) return c == '[' ? F_JSONARR : F_JSONL;
  if (!strcasecmp(e, "html") || !strcasecmp(e, "htm") || !strcasecmp(e, "xhtml")) return F_HTML;
  if (!strcasecmp(e, "rss") || !strcasecmp(e, "atom")) return F_FEED;
  if (c == '[') return F_JSONARR;
  if (c == '{') {
    /* one object per line, or one (pretty-printed) object */
    const char *nl = memchr(s + i, '\n', n - i);
    size_t ln = nl ? (size_t)(nl - (s + i)) : n - i;
    rasd__jrec jr;
    int ok = rasd__jrec_parse(s + i, ln, &jr) == RASD_OK;
    rasd__jrec_free(&jr);
    if (ok) return F_JSONL;
    return !strcasecmp(e, "json") ? F_JSONDOC : (nl ? F_JSONDOC : F_JSONL);
  }
  if (c == '<') {
    size_t m = n - i < 2048 ? n - i : 2048;
    for (size_t k = i; k + 5 < i + m; k++) {
      if (s[k] != '<') continue;
      if (!strncasecmp(s + k, "<rss", 4) || !strncasecmp(s + k, "<feed", 5) || !strncasecmp(s + k, "<rdf:RDF", 8))
        return F_FEED;
      if (!strncasecmp(s + k, "<html", 5) || !strncasecmp(s + k, "<!doctype html", 14) ||
          !strncasecmp(s + k, "<body", 5) || !strncasecmp(s + k, "<head", 5))
        return F_HTML;
    }
    if (!strcasecmp(e, "xml")) return F_FEED;
  }
  if (!strcasecmp(e, "json")) return F_JSONDOC;
  return F_TXT;
}

/* Opens the next queued input; returns RASD_OK, RASD_EEOF when the queue is done, or an error for this input. */
static int open_next(rasd_reader *r) {
  if (r->qi >= r->nq) return RASD_EEOF;
  input *in = &r->q[r->qi++];
  r->cur = in;
  if (in->err) {
    snprintf(r->errmsg, sizeof r->errmsg, "%s", in->err);
    r->nerr++;
    return RASD_EIO;
  }
  r->src_eof = 0;
  r->eof = 0;
  r->line = 1;
  r->recno = 0;
  r->arr_state = 0;
  r->rawlen = 0;
  r->wbeg = r->wend = 0;
  if (in->data) {
    r->mem = in->data;
    r->memlen = in->len;
    r->mempos = 0;
  } else if (in->is_stdin) {
    r->f = stdin;
  } else {
    struct stat st;
    if (stat(in->path, &st) != 0) return err_at(r, RASD_EIO, 0, "cannot read: %s", strerror(errno));
    if (S_ISDIR(st.st_mode)) return err_at(r, RASD_EIO, 0, "is a directory");
    r->f = fopen(in->path, "rb");
    if (!r->f) return err_at(r, RASD_EIO, 0, "cannot open: %s", strerror(errno));
  }
  r->open = 1;
  read_raw(r);
  if (r->f && ferror(r->f)) {
    int e = errno;
    close_input(r);
    return err_at(r, RASD_EIO, 0, "read error: %s", strerror(e));
  }
  const unsigned char *h = (const unsigned char *)r->raw;
  size_t hn = r->rawlen;
  if (hn == 0) {
    close_input(r);
    return err_at(r, RASD_EINPUT, 0, "empty file, no articles");
  }
  /* byte-order marks */
  size_t skip = 0;
  if (hn >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF) skip = 3;
  else if (hn >= 2 && h[0] == 0xFF && h[1] == 0xFE) { r->cdname = "UTF-16LE"; skip = 2; }
  else if (hn >= 2 && h[0] == 0xFE && h[1] == 0xFF) { r->cdname = "UTF-16BE"; skip = 2; }
  if (skip) {
    memmove(r->raw, r->raw + skip, hn - skip);
    r->rawlen -= skip;
  }
  const char *what = NULL;
  if (!r->cdname && rasd__looks_binary(r->raw, r->rawlen, &what)) {
    close_input(r);
    return err_at(r, RASD_EFORMAT, 0, "%s, not text: skipped", what);
  }
  if (!r->cdname && rasd__looks_cp1256(r->raw, r->rawlen)) {
    r->cdname = "WINDOWS-1256";
    r->file_warn = rasd__strdup0("not UTF-8: read as Windows-1256 (Arabic) and converted");
  }
  if (r->cdname) {
    r->cd = iconv_open("UTF-8", r->cdname);
    if (r->cd == (iconv_t)-1) {
      close_input(r);
      return err_at(r, RASD_EENCODING, 0, "cannot convert from %s", r->cdname);
    }
  }
  fill(r);
  r->fmt = sniff(in->path, r->win + r->wbeg, r->wend - r->wbeg, in->is_stdin);
  return RASD_OK;
}

/* ---------- JSON records → articles ---------- */

static char *trim_dup(char *s) {
  if (!s) return NULL;
  size_t n = strlen(s), b = 0;
  while (b < n && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) b++;
  while (n > b && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
  if (b == n) {
    free(s);
    return NULL;
  }
  if (b || n < strlen(s)) {
    memmove(s, s + b, n - b);
    s[n - b] = 0;
  }
  return s;
}

/* Normalises a date value into "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"; returns malloc'd or NULL. */
static char *norm_date(const char *s) {
  char d[11];
  if (!s || !rasd__parse_date(s, strlen(s), d)) return NULL;
  /* keep a time of day when the value is ISO-like "YYYY-MM-DD[T ]HH:MM(:SS)" */
  size_t n = strlen(s);
  if (n >= 16 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' ') && s[13] == ':') {
    char b[20];
    snprintf(b, sizeof b, "%sT%.2s:%.2s:%.2s", d, s + 11, s + 14, n >= 19 && s[16] == ':' ? s + 17 : "00");
    return rasd__strdup0(b);
  }
  return rasd__strdup0(d);
}

static int finish_article(rasd_reader *r, rasd_article *a) {
  if (!a->date && r->date) a->date = rasd__strdup0(r->date);
  if (!a->outlet && r->outlet) a->outlet = rasd__strdup0(r->outlet);
  if (r->file_warn) {
    rasd__article_warn(a, r->file_warn);
    free(r->file_warn);
    r->file_warn = NULL;
  }
  return RASD_OK;
}

/* Turns a parsed JSON record into an article (taking its strings); returns RASD_OK or an error (message set). */
static int jrec_to_article(rasd_reader *r, rasd__jrec *j, long line, const char *rec, rasd_article **out) {
  static const char *tname[128] = {['o'] = "object", ['a'] = "array", ['s'] = "string", ['n'] = "number",
                                   ['b'] = "boolean", ['z'] = "null"};
  if (j->top != 'o')
    return err_at(r, RASD_EFORMAT, line, "%sa JSON %s, not an article object: skipped", rec,
                  j->top > 0 && j->top < 128 && tname[j->top] ? tname[j->top] : "value");
  if (!j->present[RASD__JF_TEXT])
    return err_at(r, RASD_EFORMAT, line, "%sJSON object of another shape (keys: %s; no content/body/text): skipped",
                  rec, j->nkeys ? j->keys : "none");
  rasd_article *a = rasd__article_new();
  if (!a) return err_at(r, RASD_ENOMEM, line, "out of memory");
  a->text = j->val[RASD__JF_TEXT];
  a->text_len = a->text ? j->len[RASD__JF_TEXT] : 0;
  a->id = trim_dup(j->val[RASD__JF_ID]);
  a->title = trim_dup(j->val[RASD__JF_TITLE]);
  a->outlet = trim_dup(j->val[RASD__JF_OUTLET]);
  a->url = trim_dup(j->val[RASD__JF_URL]);
  a->byline = trim_dup(j->val[RASD__JF_BYLINE]);
  char *d = trim_dup(j->val[RASD__JF_DATE]);
  for (int f = 0; f < RASD__JF_N; f++) j->val[f] = NULL;
  a->path = rasd__strdup0(r->cur->path);
  a->line = line;
  if (!a->id) {
    char b[64];
    snprintf(b, sizeof b, ":%ld", r->fmt == F_JSONL ? line : r->recno);
    size_t bl = strlen(r->cur->idbase);
    a->id = malloc(bl + strlen(b) + 1);
    if (a->id) {
      memcpy(a->id, r->cur->idbase, bl);
      strcpy(a->id + bl, b);
    }
  }
  if (d) {
    a->date = norm_date(d);
    if (!a->date) {
      char w[160];
      snprintf(w, sizeof w, "unrecognised date '%.100s' ignored", d);
      rasd__article_warn(a, w);
    }
    free(d);
  }
  /* content must hold text */
  size_t i = 0;
  while (a->text && i < a->text_len && (a->text[i] == ' ' || a->text[i] == '\n' || a->text[i] == '\t' ||
                                        a->text[i] == '\r'))
    i++;
  if (!a->text || i == a->text_len) {
    int rc = err_at(r, RASD_EINPUT, line, "%sarticle '%s' has empty content: skipped", rec, a->id ? a->id : "?");
    rasd_article_free(a);
    return rc;
  }
  if (!a->path || !a->id) {
    rasd_article_free(a);
    return err_at(r, RASD_ENOMEM, line, "out of memory");
  }
  finish_article(r, a);
  *out = a;
  return RASD_OK;
}

/* Parses JSON text 's' into '*j', repairing invalid UTF-8 and raw NULs when the parser refuses them; returns
 * RASD_OK or an error with a message naming the line. */
static int parse_json(rasd_reader *r, const char *s, size_t n, long line, const char *rec, rasd__jrec *j,
                      size_t *nbad, size_t *nnul) {
  *nbad = *nnul = 0;
  /* yajl does not check UTF-8 (it is slow at it): invalid bytes and raw NULs are repaired first */
  int rc = RASD_EFORMAT;
  if (rasd__utf8_ok(s, n) && !memchr(s, 0, n)) rc = rasd__jrec_parse(s, n, j);
  else {
    rasd__buf_clear(&r->tmp);
    rasd__utf8_repair(s, n, &r->tmp, nbad, nnul);
    if (r->tmp.oom) return err_at(r, RASD_ENOMEM, line, "out of memory");
    s = r->tmp.s;
    n = r->tmp.len;
    rc = rasd__jrec_parse(s, n, j);
  }
  if (rc == RASD_ENOMEM) return err_at(r, RASD_ENOMEM, line, "out of memory");
  if (rc != RASD_OK) {
    size_t off = j->err_off < n ? j->err_off : n;
    long l = line;
    size_t col = 1;
    for (size_t k = 0; k < off; k++) {
      if (s[k] == '\n') l++, col = 1;
      else if (((unsigned char)s[k] & 0xC0) != 0x80) col++;
    }
    return err_at(r, RASD_EFORMAT, l, "%smalformed JSON (%s, column %zu): skipped", rec, j->err, col);
  }
  return RASD_OK;
}

static void warn_repairs(rasd_article *a, size_t nbad, size_t nnul) {
  char w[128];
  if (nbad) {
    snprintf(w, sizeof w, "invalid UTF-8: %zu byte%s replaced by U+FFFD", nbad, nbad == 1 ? "" : "s");
    rasd__article_warn(a, w);
  }
  if (nnul) {
    snprintf(w, sizeof w, "%zu NUL byte%s removed", nnul, nnul == 1 ? "" : "s");
    rasd__article_warn(a, w);
  }
}

static int next_jsonl(rasd_reader *r, rasd_article **out) {
  for (;;) {
    const char *s;
    size_t n;
    long ln;
    int k = next_line(r, &s, &n, &ln);
    if (k == 0) return RASD_EEOF;
    if (k < 0) {
      r->recno++;
      return err_at(r, RASD_ETOOBIG, ln, "line longer than %zu MB: skipped", RASD__RECORD_MAX >> 20);
    }
    size_t b = (size_t)skip_ws(s, n, 0);
    if (b == n) continue; /* blank line */
    r->recno++;
    rasd__jrec j;
    size_t nbad, nnul;
    int rc = parse_json(r, s, n, ln, "", &j, &nbad, &nnul);
    if (rc == RASD_OK) rc = jrec_to_article(r, &j, ln, "", out);
    rasd__jrec_free(&j);
    if (rc == RASD_OK) warn_repairs(*out, nbad, nnul);
    return rc;
  }
}

/* Finds the next element of a JSON array in the window; returns 1 with [*s, *s + *n) and its first line,
 * 0 at the end, -1 for an element over the cap (skipped), -2 for input that is not a JSON array / truncated. */
static int next_element(rasd_reader *r, const char **s, size_t *n, long *lineno) {
  for (;;) {
    if (r->wbeg == r->wend && fill(r) < 0) return r->arr_state == 2 ? 0 : -2;
    char c = r->win[r->wbeg];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (c == '\n') r->line++;
      r->wbeg++;
      continue;
    }
    if (r->arr_state == 2) return -3; /* data after the closing bracket */
    if (r->arr_state == 0) {
      if (c != '[') return -2;
      r->arr_state = 1;
      r->wbeg++;
      continue;
    }
    if (c == ',') {
      r->wbeg++;
      continue;
    }
    if (c == ']') {
      r->arr_state = 2;
      r->wbeg++;
      continue;
    }
    break;
  }
  size_t k = 0;
  int depth = 0, in_str = 0, esc = 0, skipping = 0;
  long nl = 0, start = r->line;
  for (;;) {
    const char *p = r->win + r->wbeg;
    size_t avail = r->wend - r->wbeg;
    while (k < avail) {
      char c = p[k];
      if (in_str) {
        if (esc) {
          esc = 0;
          k++;
          continue;
        }
        /* jump to the next quote; it ends the string unless an odd run of backslashes precedes it */
        const char *q = memchr(p + k, '"', avail - k);
        if (!q) {
          esc = p[avail - 1] == '\\';
          if (esc) {
            size_t bs = 0;
            while (bs < avail - k && p[avail - 1 - bs] == '\\') bs++;
            esc = (int)(bs & 1);
          }
          k = avail;
          break;
        }
        size_t qk = (size_t)(q - p), bs = 0;
        while (qk - bs > k && p[qk - 1 - bs] == '\\') bs++;
        k = qk + 1;
        if (!(bs & 1)) in_str = 0;
        continue;
      }
      if (c == '"') in_str = 1;
      else if (c == '{' || c == '[') depth++;
      else if (c == '}' || c == ']') {
        if (depth == 0) break; /* end of a scalar element at the array's ']' */
        depth--;
        if (depth == 0) {
          k++;
          goto done;
        }
      } else if (c == ',' && depth == 0) break;
      else if (c == '\n') nl++;
      k++;
    }
    if (k < avail) goto done;
    if (avail >= RASD__RECORD_MAX) {
      skipping = 1;
      r->wbeg += k;
      k = 0;
    }
    if (fill(r) < 0) {
      r->line += nl;
      r->wbeg = r->wend;
      return -2;
    }
  }
done:
  if (k == 0) k = 1; /* a stray '}' or ']' is a (malformed) element of its own: always move on */
  *s = r->win + r->wbeg;
  *n = k;
  *lineno = start;
  r->wbeg += k;
  r->line += nl;
  return skipping ? -1 : 1;
}

static int next_jsonarr(rasd_reader *r, rasd_article **out) {
  const char *s;
  size_t n;
  long ln;
  int k = next_element(r, &s, &n, &ln);
  if (k == 0) return RASD_EEOF;
  char rec[48];
  r->recno++;
  snprintf(rec, sizeof rec, "record %ld: ", r->recno);
  if (k == -1) return err_at(r, RASD_ETOOBIG, ln, "%slarger than %zu MB: skipped", rec, RASD__RECORD_MAX >> 20);
  if (k == -2) {
    r->eof = 1;
    r->wbeg = r->wend;
    r->arr_state = 2;
    return err_at(r, RASD_EFORMAT, r->line, r->recno == 1 ? "not a JSON array" : "JSON array is truncated");
  }
  if (k == -3) {
    r->eof = 1;
    r->wbeg = r->wend;
    return err_at(r, RASD_EFORMAT, r->line, "data after the end of the JSON array ignored");
  }
  rasd__jrec j;
  size_t nbad, nnul;
  int rc = parse_json(r, s, n, ln, rec, &j, &nbad, &nnul);
  if (rc == RASD_OK) rc = jrec_to_article(r, &j, ln, rec, out);
  rasd__jrec_free(&j);
  if (rc == RASD_OK) warn_repairs(*out, nbad, nnul);
  return rc;
}

/* A headline: short, not ending in sentence punctuation, not a date. */
static int looks_headline(const char *s, size_t n, int blank_after) {
  if (n == 0 || n > 300) return 0;
  size_t words = 1;
  for (size_t i = 0; i < n; i++)
    if (s[i] == ' ') words++;
  /* one word is a headline only when a blank line sets it apart */
  if (words > 25 || (words < 2 && !blank_after)) return 0;
  /* final punctuation: . ! ? ؟ … ، ; : */
  const unsigned char *e = (const unsigned char *)s + n;
  if (e[-1] == '.' || e[-1] == '!' || e[-1] == '?' || e[-1] == ':' || e[-1] == ';' || e[-1] == ',') return 0;
  if (n >= 2 && e[-2] == 0xD8 && (e[-1] == 0x9F || e[-1] == 0x8C || e[-1] == 0x9B)) return 0; /* ؟ ، ؛ */
  if (n >= 3 && e[-3] == 0xE2 && e[-2] == 0x80 && e[-1] == 0xA6) return 0;                 /* … */
  char d[11];
  if (rasd__line_is_date(s, n, d)) return 0;
  if (rasd__is_ui_string(s, n)) return 0;
  /* a line ending in a function word is a sentence broken across lines, not a headline */
  size_t b = n;
  while (b > 0 && s[b - 1] != ' ') b--;
  if (rasd__is_dangling_word(s + b, n - b)) return 0;
  return 1;
}

/* Reads a whole-file article (.txt); JSON content found in it is read as JSON or reported. */
static int next_txt(rasd_reader *r, rasd_article **out) {
  if (r->recno++) return RASD_EEOF;
  if (slurp(r) < 0) {
    r->wbeg = r->wend;
    return err_at(r, RASD_ETOOBIG, 0, "text file larger than %zu MB: skipped", RASD__RECORD_MAX >> 20);
  }
  const char *s = r->win + r->wbeg;
  size_t n = r->wend - r->wbeg;
  size_t b = (size_t)skip_ws(s, n, 0);
  if (b == n) {
    r->wbeg = r->wend;
    return err_at(r, RASD_EINPUT, 0, "no text: skipped");
  }
  if (s[b] == '{' || s[b] == '[') {
    rasd__jrec j;
    if (rasd__utf8_ok(s, n) && !memchr(s, 0, n) && rasd__jrec_parse(s, n, &j) == RASD_OK) {
      r->wbeg = r->wend;
      int rc;
      if (j.top == 'a') {
        rc = err_at(r, RASD_EFORMAT, 1, "a JSON array in a text file: give it a .json name to read its records; skipped");
      } else {
        rc = jrec_to_article(r, &j, 1, "", out);
        if (rc == RASD_OK) {
          free((*out)->id);
          (*out)->id = rasd__strdup0(r->cur->idbase);
        }
      }
      rasd__jrec_free(&j);
      return rc;
    }
    rasd__jrec_free(&j);
  }
  rasd_article *a = rasd__article_new();
  if (!a) return err_at(r, RASD_ENOMEM, 0, "out of memory");
  rasd__buf t;
  rasd__buf_init(&t);
  size_t nbad = 0, nnul = 0;
  if (rasd__utf8_valid(s, n) && !memchr(s, 0, n)) rasd__buf_add(&t, s, n);
  else rasd__utf8_repair(s, n, &t, &nbad, &nnul);
  r->wbeg = r->wend;
  /* title: the first non-empty line when it looks like a headline */
  size_t i = 0;
  while (i < t.len && (t.s[i] == '\n' || t.s[i] == '\r' || t.s[i] == ' ' || t.s[i] == '\t')) i++;
  const char *l = t.s ? t.s + i : "";
  const char *le = t.s ? memchr(l, '\n', t.len - i) : NULL;
  size_t ll = le ? (size_t)(le - l) : t.len - i;
  size_t lt = ll;
  while (lt && (l[lt - 1] == '\r' || l[lt - 1] == ' ' || l[lt - 1] == '\t')) lt--;
  size_t after = le ? (size_t)(le + 1 - t.s) : t.len;
  while (after < t.len && (t.s[after] == ' ' || t.s[after] == '\t' || t.s[after] == '\r')) after++;
  if (le && looks_headline(l, lt, after < t.len && t.s[after] == '\n')) {
    a->title = rasd__strndup(l, lt);
    size_t rest = (size_t)(le + 1 - t.s);
    memmove(t.s, t.s + rest, t.len - rest + 1);
    t.len -= rest;
  }
  a->text_len = t.len;
  a->text = rasd__buf_detach(&t);
  a->path = rasd__strdup0(r->cur->path);
  a->id = rasd__strdup0(r->cur->idbase);
  if (!a->text || !a->path || !a->id) {
    rasd_article_free(a);
    return err_at(r, RASD_ENOMEM, 0, "out of memory");
  }
  warn_repairs(a, nbad, nnul);
  finish_article(r, a);
  *out = a;
  return RASD_OK;
}

static int next_jsondoc(rasd_reader *r, rasd_article **out) {
  if (r->recno++) return RASD_EEOF;
  if (slurp(r) < 0) {
    r->wbeg = r->wend;
    return err_at(r, RASD_ETOOBIG, 0, "JSON document larger than %zu MB: skipped", RASD__RECORD_MAX >> 20);
  }
  rasd__jrec j;
  size_t nbad, nnul;
  int rc = parse_json(r, r->win + r->wbeg, r->wend - r->wbeg, 1, "", &j, &nbad, &nnul);
  if (rc == RASD_OK) rc = jrec_to_article(r, &j, 1, "", out);
  rasd__jrec_free(&j);
  r->wbeg = r->wend;
  if (rc == RASD_OK) warn_repairs(*out, nbad, nnul);
  return rc;
}

static int next_whole(rasd_reader *r, rasd_article **out) {
  if (r->recno == 0) {
    r->recno = 1;
    if (slurp(r) < 0) {
      r->wbeg = r->wend;
      return err_at(r, RASD_ETOOBIG, 0, "file larger than %zu MB: skipped", RASD__RECORD_MAX >> 20);
    }
    char err[256] = "";
    int rc = r->fmt == F_FEED ? rasd__read_feed(r->cur->path, r->win + r->wbeg, r->wend - r->wbeg, &r->pend, err)
                              : rasd__read_html(r->cur->path, r->win + r->wbeg, r->wend - r->wbeg, &r->pend, err);
    r->wbeg = r->wend;
    if (rc != RASD_OK) return err_at(r, rc, 0, "%s", err);
  }
  if (r->pend_i >= r->pend.n) return RASD_EEOF;
  rasd_article *a = r->pend.a[r->pend_i++];
  if (r->fmt == F_HTML) {
    /* a page is one article: its id is the file's, relative to a directory argument */
    char *id = rasd__strdup0(r->cur->idbase);
    if (id) {
      free(a->id);
      a->id = id;
    }
  }
  finish_article(r, a);
  *out = a;
  return RASD_OK;
}

int rasd_reader_next(rasd_reader *r, rasd_article **out) {
  *out = NULL;
  if (!r) return RASD_EUSAGE;
  for (;;) {
    if (!r->open) {
      int rc = open_next(r);
      if (rc == RASD_EEOF) return rc;
      if (rc != RASD_OK) return rc;
    }
    int rc;
    switch (r->fmt) {
    case F_JSONL: rc = next_jsonl(r, out); break;
    case F_JSONARR: rc = next_jsonarr(r, out); break;
    case F_JSONDOC: rc = next_jsondoc(r, out); break;
    case F_FEED:
    case F_HTML: rc = next_whole(r, out); break;
    default: rc = next_txt(r, out); break;
    }
    if (rc == RASD_EEOF) {
      if (r->f && ferror(r->f)) {
        int e = errno;
        close_input(r);
        return err_at(r, RASD_EIO, 0, "read error: %s", strerror(e));
      }
      close_input(r);
      continue;
    }
    return rc;
  }
}

void rasd_reader_free(rasd_reader *r) {
  if (!r) return;
  close_input(r);
  for (size_t i = 0; i < r->nq; i++) {
    free(r->q[i].path);
    free(r->q[i].idbase);
    free(r->q[i].data);
    free(r->q[i].err);
  }
  free(r->q);
  free(r->pend.a);
  free(r->raw);
  free(r->win);
  free(r->date);
  free(r->outlet);
  rasd__buf_free(&r->tmp);
  free(r);
}
