/* corpus.c — the link stage: near-duplicates by MinHash LSH, online story clustering via an inverted index, storylines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "story/story_int.h"

/* Defaults (tuned on eval/stories-dev.tsv and the seeds; see eval/stories_dev.sh). */
#define DEF_THRESHOLD 0.297
#define DEF_WINDOW 7
#define DEF_DUP 0.6
#define DEF_SL 0.22
#define QTERMS 14    /* query terms per article for candidate stories */
#define MAX_CAND 96
#define MAX_SCORED 8  /* candidates scored: those that share the most query terms */
#define CLOSED_TERMS 60
#define OPEN_TERMS 400  /* an open story's centroid is pruned to this many terms when it reaches twice that */
#define POST_SCAN 96    /* postings inspected per query term, newest first: the cost per article stays bounded */
#define COMMON_DF 0.08  /* query terms in more than this share of the articles (once there are 500) find nothing specific */

#define VK 40   /* strongest terms of an article's link vector */
#define TK 16   /* headline terms of an article's link vector */

/* The weights of the join score (see story_score); RASD_STORY_TUNE="cs=0.5,mx=0.3,..." overrides them for tuning.
 * rg, rk (the average-link guard), oh (same outlet, other headline numbers) and ot, otk (same outlet, headlines
 * apart): see story_score; mg (0: no merging), mr and ms: see story_merge;
 * at, atk, atn (any outlet, headlines apart, from atn recent members on): see story_score; set on eval/stories-dev.tsv with eval/stories_tune.py (half A, then checked on B).
 * sp (0: no splitting), so, sn, sg, sw, sx: see story_split; sm (0: off): the same test before story_merge; set on the
 * whole dev set over 6 orders, checked on both halves. hl, hp: headlines that name other places (people), see
 * head_apart(); hl is flat from 0.1 to 1.2 on the dev set (6 orders, both halves) and from 0.4 up on two unseen SaudiNewsNet
 * days (2015-08-02, -03: rain over Taif apart from rain over Baha): where it fires it vetoes the join; hp above 0.1
 * parts reactions of several people to one happening; hf: the share of a story's originals that must name the
 * article's headline place for the story to name it (one member that chained on does not). sh (0: off), shr: the
 * split test's same-outlet headline counts, see link_sim(); set by reading unseen SaudiNewsNet days (shr: the toll
 * updates and disagreements seen there differ by less than 1.5 times, the different happenings by more). oa, oak, oan:
 * a story of up to oan reports, one of them from the article's outlet with a headline that shares (next to) nothing
 * with the article's, see story_score; set on the dev set over 6 orders (oa 0.3, flat from 0.2 to 0.4 in natural
 * order; oak flat from 0.02 to 0.05; oan 2 to 4 the same there, 2 read right on unseen SaudiNewsNet days, more parted
 * one outlet's side pieces of big stories). sz, szh: the first member of a story alone, see story_split; sz flat from
 * 0.52 to 0.54 on the dev set over 6 orders (0.5 and 0.55 lose on some orders), szh the same on the dev set from 0.2 to
 * 0.25 and set by reading unseen SaudiNewsNet days (2015-08-02 to -04). fm, fp: an article close to none of a story's
 * recent members, see story_score; the same on the dev set from fm 0.12 to 0.15 and fp 0.05 to 0.15 (natural order and
 * both halves unchanged, the mean over 6 orders up), read right on unseen SaudiNewsNet days (2015-07-25, 08-02 to 04).
 * hz, hzk: a story of one report whose headline shares (next to) nothing with the article's, see story_score; hz the
 * same on the dev set from 0.01 to 0.03 (natural order, both halves and the mean over 6 orders; 0.04 lowers the min),
 * read on unseen SaudiNewsNet days (2015-07-22, 07-31, 08-02, 08-06, 08-09). fam: the weight of a shared family name
 * (RASD__VKEY_FAMILY entries) against a shared entity's, weaker as two members of a family may be in two stories; the
 * dev set over 6 orders is flat from 0 to 1.2 (the entries act through the event test's core entities), 1.5 and up joins
 * the ambassador's statement to the Bin Laden plane crash in one more order. ow, owd: one outlet's two headlines of one
 * template with another rare name (no more than owd articles so far), see story_score; ow flat from 0.1 to 1 on the dev
 * set over 6 orders; owd 1 loses one order there, and from 5 up the unseen SaudiNewsNet days part one outlet's two
 * reports of one happening (the arrival and the burial of a body, a wire's "third addition" and "second addition").
 * pa: 1 keeps two stories apart at a merge when they name places, share none of them and no person (places_apart());
 * 0 turns it off. */
static struct weights { double cs, mx, ts, ent, entx, date, time, th, loc, ek, avg, rg, rk, oh, ot, otk, ord, mg, mr, ms, at, atk, atn, sp, sn, sg, sw, so, sm, sx, hl, hp, hf, sh, shr, oa, oak, oan, sz, szh, fm, fp, hz, hzk, fam, ow, owd, pa; } W = {
    0.590, 0.600, 0.324, 0.299, 0.400, 0, 0.005, 0, 0.5, 5, 0.6, 3, 0.5, 0.6, 0.1, 0.1, 0, 1, 0.3, RASD__RECENT, 0.15, 0.1, 2, 0.5, 3, 1, 0.5, 0.4, 1, 0.3, 1, 0.05, 0.3, 1, 1.5, 0.3, 0.05, 2, 0.53, 0.2, 0.15, 0.1, 0.02, 0.01, 0.5, 0.5, 3, 1};
static void tune_load(void) {
  static int done;
  if (done) return;
  done = 1;
  static const char *const keys[] = {"cs", "mx", "ts", "ent", "entx", "date", "time", "th", "loc", "ek", "avg", "rg", "rk", "oh", "ot", "otk", "ord", "mg", "mr", "ms", "at", "atk", "atn", "sp", "sn", "sg", "sw", "so", "sm", "sx", "hl", "hp", "hf", "sh", "shr", "oa", "oak", "oan", "sz", "szh", "fm", "fp", "hz", "hzk", "fam", "ow", "owd", "pa"};
  double *const dst[] = {&W.cs, &W.mx, &W.ts, &W.ent, &W.entx, &W.date, &W.time, &W.th, &W.loc, &W.ek, &W.avg, &W.rg, &W.rk, &W.oh, &W.ot, &W.otk, &W.ord, &W.mg, &W.mr, &W.ms, &W.at, &W.atk, &W.atn, &W.sp, &W.sn, &W.sg, &W.sw, &W.so, &W.sm, &W.sx, &W.hl, &W.hp, &W.hf, &W.sh, &W.shr, &W.oa, &W.oak, &W.oan, &W.sz, &W.szh, &W.fm, &W.fp, &W.hz, &W.hzk, &W.fam, &W.ow, &W.owd, &W.pa};
  rasd__story_tune(keys, dst, sizeof keys / sizeof *keys);
}

/* RASD_STORY_DEBUG=1 prints link scores on stderr (for tuning). */
static int story_debug(void) {
  static int d = -1;
  if (d < 0) d = getenv("RASD_STORY_DEBUG") != NULL;
  return d;
}

static const rasd_corpus_opts *opts_or_default(const rasd_corpus_opts *o, rasd_corpus_opts *tmp) {
  memset(tmp, 0, sizeof *tmp);
  if (o) *tmp = *o;
  tune_load();
  if (tmp->threshold <= 0) tmp->threshold = W.th > 0 ? W.th : DEF_THRESHOLD;
  if (tmp->window_days <= 0) tmp->window_days = DEF_WINDOW;
  if (tmp->dup_jaccard <= 0) tmp->dup_jaccard = DEF_DUP;
  if (tmp->storyline_threshold <= 0) tmp->storyline_threshold = DEF_SL;
  return tmp;
}

rasd_corpus *rasd_corpus_new(const rasd_models *m, const rasd_corpus_opts *o) {
  rasd_corpus *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  rasd_corpus_opts tmp;
  c->o = *opts_or_default(o, &tmp);
  c->m = m;
  c->cur_day = RASD__NO_DAY;
  c->lsh_cap = 1024;
  c->lsh_key = calloc(c->lsh_cap, sizeof *c->lsh_key);
  c->lsh_art = calloc(c->lsh_cap, sizeof *c->lsh_art);
  c->idfv = calloc((size_t)1 << RASD__IDFV_BITS, sizeof *c->idfv); /* (none: log() every time) */
  c->strs = rasd__arena_new(1 << 16);
  c->spill = tmpfile();
  c->reg = rasd_registry_new(m);
  if (!c->reg || rasd__strtab_init(&c->terms) || rasd__strtab_init(&c->names) || !c->lsh_key || !c->lsh_art || !c->strs || !c->spill) {
    rasd_corpus_free(c);
    return NULL;
  }
  return c;
}

static void story_free(rasd__story *s) {
  free(s->cent); free(s->ents); free(s->days); free(s->mem);
}

void rasd_corpus_free(rasd_corpus *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n_st; i++) story_free(&c->st[i]);
  free(c->st); free(c->slast);
  for (size_t i = 0; i < c->n_postv; i++) free(c->post[i]);
  free(c->post); free(c->n_post); free(c->cap_post);
  free(c->mark); free(c->hits);
  free(c->art); free(c->pending); free(c->lord);
  free(c->lsh_key); free(c->lsh_art);
  for (size_t i = 0; i < c->n_sl; i++) free(c->sl[i]);
  free(c->sl); free(c->sl_n);
  if (c->spill) fclose(c->spill);
  free(c->wbuf); free(c->rbuf);
  rasd_registry_free(c->reg);
  free(c->idf); free(c->open); free(c->vpool);
  rasd__strtab_free(&c->terms);
  rasd__strtab_free(&c->names);
  free(c->dense);
  free(c->dvt);
  free(c->idfv);
  rasd__arena_free(c->strs);
  free(c);
}

/* Reads or writes exactly 'n' bytes at 'off' of the spill file (one system call, no stdio buffer). */
static int spill_io(FILE *f, int wr, void *p, size_t n, uint64_t off) {
  int fd = fileno(f);
  while (n) {
    ssize_t k = wr ? pwrite(fd, p, n, (off_t)off) : pread(fd, p, n, (off_t)off);
    if (k <= 0) return -1;
    p = (char *)p + k, n -= (size_t)k, off += (uint64_t)k;
  }
  return 0;
}

#define SPILL_BUF (1u << 20)  /* records are written to the spill file in chunks of this size */

/* Writes out the buffered tail of the spill file. */
static int spill_flush(rasd_corpus *c) {
  if (!c->wlen) return 0;
  if (spill_io(c->spill, 1, c->wbuf, c->wlen, c->wbase)) return -1;
  c->wbase += c->wlen;
  c->wlen = 0;
  return 0;
}

/* Appends 'n' bytes to the spill file (through the write buffer). */
static int spill_append(rasd_corpus *c, const char *p, size_t n) {
  if (!c->wbuf && !(c->wbuf = malloc(SPILL_BUF))) return -1;
  if (c->wlen + n > SPILL_BUF && spill_flush(c)) return -1;
  if (n > SPILL_BUF) {
    if (spill_io(c->spill, 1, (void *)p, n, c->wbase)) return -1;
    c->wbase += n;
  } else {
    memcpy(c->wbuf + c->wlen, p, n);
    c->wlen += n;
  }
  c->spill_end += n;
  return 0;
}

/* Returns the 'n' bytes at 'off' of the spill file: in the write buffer when they are still there, else read
 * into 'tmp' (room for n bytes). NULL on a read error. */
static const unsigned char *spill_get(rasd_corpus *c, uint64_t off, size_t n, unsigned char *tmp) {
  if (off >= c->wbase && off + n <= c->wbase + c->wlen) return (const unsigned char *)c->wbuf + (off - c->wbase);
  return spill_io(c->spill, 0, tmp, n, off) ? NULL : tmp;
}

/* The one copy of article id or outlet 's' (NULL when out of memory). */
static char *intern_name(rasd_corpus *c, const char *s) {
  size_t n = strlen(s);
  int64_t id = n <= 0xffff ? rasd__strtab_id(&c->names, s, n, 1) : -1;
  return id >= 0 ? c->names.str[id] : rasd__arena_strdup(c->strs, s);
}

/* Appends record bytes to the spill file and registers the article as pending. */
static int add_record(rasd_corpus *c, const char *rec, size_t len) {
  rasd__arena *ar = rasd__arena_new(1024);
  rasd__rec r;
  if (!ar) return RASD_ENOMEM;
  int rc = rasd__rec_head((const unsigned char *)rec, len, ar, &r);
  if (rc) { rasd__arena_free(ar); return rc; }
  if (c->n_art == c->cap_art) {
    size_t nc = c->cap_art ? c->cap_art * 2 : 256;
    rasd__art *na = realloc(c->art, nc * sizeof *na);
    if (!na) { rasd__arena_free(ar); return RASD_ENOMEM; }
    c->art = na; c->cap_art = nc;
  }
  rasd__art *a = &c->art[c->n_art];
  memset(a, 0, sizeof *a);
  a->id = intern_name(c, r.id ? r.id : "");
  a->outlet = r.outlet ? intern_name(c, r.outlet) : NULL;
  if (!a->id || (r.outlet && !a->outlet)) { rasd__arena_free(ar); return RASD_ENOMEM; }
  a->date = rasd__arena_strdup(c->strs, r.date);
  a->title = rasd__arena_strdup(c->strs, r.title);
  a->day = rasd__day(r.date);
  a->story = -1; a->dup_of = -1;
  a->has_sig = (uint8_t)r.has_sig;
  memcpy(a->sig, r.sig, sizeof a->sig);
  rasd__arena_free(ar);
  a->off = c->spill_end; a->len = (uint32_t)len;
  if (spill_append(c, rec, len)) return RASD_EIO;
  uint32_t idx = (uint32_t)c->n_art;
  if (RASD__VEC_PUSH(c->pending, c->n_pending, c->cap_pending, idx)) return RASD_ENOMEM;
  c->n_art++;
  return RASD_OK;
}

int rasd_corpus_add(rasd_corpus *c, rasd_doc *d, rasd_analysis *a) {
  int rc = RASD_EINPUT;
  rasd__buf b;
  rasd__buf_init(&b);
  if (c && d && d->id && d->text) {
    int32_t *ids = a && a->n_entities ? malloc(a->n_entities * sizeof *ids) : NULL;
    if (ids && (!c->reg || rasd_registry_add(c->reg, d, a, ids) != RASD_OK)) free(ids), ids = NULL;
    char *outlet = rasd__derive_outlet(c->m, d);
    (void)rasd__buf_grow(&b, d->text_len + d->text_len / 4 + 512); /* about a record's size: not doubled up from 64 */
    rc = rasd__rec_build(&c->terms, d, outlet, a, ids, &b);
    free(outlet);
    free(ids);
    if (rc == RASD_OK) rc = b.len > 0xffffffffu ? RASD_ETOOBIG : add_record(c, b.s, b.len);
  }
  rasd__buf_free(&b);
  rasd_analysis_free(a);
  rasd_doc_free(d);
  return rc;
}

static int corpus_rec(rasd_corpus *c, size_t i, rasd__arena *ar, rasd__rec *r, int full);

int rasd__corpus_rec(rasd_corpus *c, size_t i, rasd__arena *ar, rasd__rec *r) { return corpus_rec(c, i, ar, r, 1); }

/* Reads article 'i''s record: all of it ('full'), or what linking reads. */
static int corpus_rec(rasd_corpus *c, size_t i, rasd__arena *ar, rasd__rec *r, int full) {
  const rasd__art *a = &c->art[i];
  if (a->len > c->rcap) {
    free(c->rbuf);
    c->rcap = a->len + a->len / 2;
    if (!(c->rbuf = malloc(c->rcap))) { c->rcap = 0; return RASD_ENOMEM; }
  }
  const unsigned char *p = spill_get(c, a->off, a->len, c->rbuf);
  if (!p) return RASD_EIO;
  return rasd__rec_decode_ex(p, a->len, ar, r, full);
}

/* A pure function of the term's df and the epoch's N (so batch and incremental runs agree), cached. */
/* log(1 + n / (df + 0.5)) as a float by (n, df): a term's cached IDF goes stale whenever its df moves, but the pair
 * (N of the epoch, df) is the same for many terms (most have a small df), so the value is kept per pair too
 * (c->idfv, direct-mapped): the same value log() gives. */
static float idf_value(const rasd_corpus *c, uint32_t n, uint32_t df) {
  struct rasd__idfv *x = c->idfv ? &c->idfv[(df * 0x9E3779B1u ^ n * 0x85EBCA77u) >> (32 - RASD__IDFV_BITS)] : NULL;
  if (x && x->n == n && x->df == df) return x->v; /* n is never 0 here: a zero slot is empty */
  float v = (float)log(1 + n / (df + 0.5));
  if (x) x->n = n, x->df = df, x->v = v;
  return v;
}

double rasd__idf_(const rasd_corpus *c, uint32_t t) {
  uint32_t n = c->idf_n ? c->idf_n : 1, df = t < c->terms.n ? c->terms.df[t] : 0;
  rasd__idfc *e = t < c->idf_cap ? &c->idf[t] : NULL;
  if (e && e->n == n && e->df == df) return e->v;
  float v = idf_value(c, n, df);
  if (e) e->v = v, e->n = n, e->df = df;
  return v;
}

/* ---- near-duplicates: banded LSH over the MinHash ---- */

static uint64_t band_key(const uint16_t *sig, int b) {
  const int rows = RASD__SIG_N / RASD__BANDS;
  uint64_t h = 0x9E3779B97F4A7C15ULL * (uint64_t)(b + 1);
  for (int r = 0; r < rows; r++) h = (h ^ sig[b * rows + r]) * 0xff51afd7ed558ccdULL, h ^= h >> 31;
  return h | 1; /* 0 marks an empty slot */
}

static int lsh_grow(rasd_corpus *c) {
  size_t nc = c->lsh_cap * 2;
  uint64_t *k = calloc(nc, sizeof *k);
  uint32_t *v = calloc(nc, sizeof *v);
  if (!k || !v) { free(k); free(v); return -1; }
  for (size_t i = 0; i < c->lsh_cap; i++) {
    if (!c->lsh_key[i]) continue;
    size_t h = c->lsh_key[i] & (nc - 1);
    while (k[h]) h = (h + 1) & (nc - 1);
    k[h] = c->lsh_key[i]; v[h] = c->lsh_art[i];
  }
  free(c->lsh_key); free(c->lsh_art);
  c->lsh_key = k; c->lsh_art = v; c->lsh_cap = nc;
  return 0;
}

/* Returns the earliest original that article 'i' copies, or −1. Registers 'i' in the LSH tables. */
static int64_t find_dup(rasd_corpus *c, uint32_t i) {
  rasd__art *a = &c->art[i];
  if (!a->has_sig) return -1;
  int64_t best = -1;
  int best_eq = -1;
  int need = (int)ceil(c->o.dup_jaccard * RASD__SIG_N);
  uint64_t keys[RASD__BANDS];
  for (int b = 0; b < RASD__BANDS; b++) { /* the bands' slots are fetched together: their misses overlap */
    keys[b] = band_key(a->sig, b);
    __builtin_prefetch(&c->lsh_key[keys[b] & (c->lsh_cap - 1)]);
  }
  for (int b = 0; b < RASD__BANDS; b++) {
    uint64_t k = keys[b];
    for (size_t h = k & (c->lsh_cap - 1); c->lsh_key[h]; h = (h + 1) & (c->lsh_cap - 1)) {
      if (c->lsh_key[h] != k) continue;
      uint32_t j = c->lsh_art[h];
      int eq = 0;
      for (int r = 0; r < RASD__SIG_N; r++) eq += c->art[j].sig[r] == a->sig[r];
      if (story_debug()) fprintf(stderr, "dup? %s ~ %s: %d/64\n", a->id, c->art[j].id, eq);
      int64_t root = c->art[j].dup_of >= 0 ? (int64_t)c->art[j].dup_of : (int64_t)j;
      if (eq >= need && (eq > best_eq || (eq == best_eq && root < best))) best = root, best_eq = eq;
    }
  }
  for (int b = 0; b < RASD__BANDS; b++) {
    if ((c->lsh_n + 1) * 2 > c->lsh_cap && lsh_grow(c)) break;
    uint64_t k = keys[b];
    size_t h = k & (c->lsh_cap - 1);
    while (c->lsh_key[h]) h = (h + 1) & (c->lsh_cap - 1);
    c->lsh_key[h] = k; c->lsh_art[h] = i;
    c->lsh_n++;
  }
  return best;
}

/* ---- stories ---- */

static int post_add(rasd_corpus *c, uint32_t term, uint32_t s) {
  if (term >= c->n_postv) {
    size_t nn = c->terms.cap > term ? c->terms.cap : term + 1;
    uint32_t **p = realloc(c->post, nn * sizeof *p);
    if (!p) return -1;
    c->post = p;
    uint32_t *n1 = realloc(c->n_post, nn * sizeof *n1);
    if (!n1) return -1;
    c->n_post = n1;
    uint32_t *n2 = realloc(c->cap_post, nn * sizeof *n2);
    if (!n2) return -1;
    c->cap_post = n2;
    for (size_t k = c->n_postv; k < nn; k++) c->post[k] = NULL, c->n_post[k] = c->cap_post[k] = 0;
    c->n_postv = nn;
  }
  uint32_t n = c->n_post[term];
  if (n && c->post[term][n - 1] == s) return 0;
  if (n >= 2 * POST_SCAN) { /* only the newest postings are ever inspected: drop the oldest half */
    memmove(c->post[term], c->post[term] + (n - POST_SCAN), POST_SCAN * sizeof **c->post);
    c->n_post[term] = n = POST_SCAN;
  }
  if (n == c->cap_post[term]) {
    uint32_t nc = n ? n * 2 : 4;
    uint32_t *np = realloc(c->post[term], nc * sizeof *np);
    if (!np) return -1;
    c->post[term] = np; c->cap_post[term] = nc;
  }
  c->post[term][c->n_post[term]++] = s;
  return 0;
}

/* Merges sorted (id, count) list 'add' into story list '*v'. */
static int merge_tf(rasd__tf **v, uint32_t *n, uint32_t *cap, const rasd__tf *add, uint32_t na) {
  uint32_t need = *n + na;
  rasd__tf *o = malloc((need + 1) * sizeof *o);
  if (!o) return -1;
  uint32_t i = 0, j = 0, k = 0;
  while (i < *n || j < na) {
    if (j >= na || (i < *n && (*v)[i].id < add[j].id)) o[k++] = (*v)[i++];
    else if (i >= *n || add[j].id < (*v)[i].id) o[k++] = add[j++];
    else { o[k] = (*v)[i++]; o[k++].tf += add[j++].tf; }
  }
  free(*v);
  *v = o; *n = k; *cap = need + 1;
  return 0;
}

/* Adds an article's weighted terms (ids 'tf' sorted, weights 'w') to the story centroid, keeping its squared norm. */
static int merge_cent(rasd__story *s, const rasd__tf *tf, const double *w, uint32_t na) {
  uint32_t need = s->n_cent + na;
  rasd__vw *o = malloc((need + 1) * sizeof *o), *v = s->cent;
  if (!o) return -1;
  uint32_t i = 0, j = 0, k = 0, n = s->n_cent;
  while (i < n || j < na) {
    if (j >= na || (i < n && v[i].id < tf[j].id)) o[k++] = v[i++];
    else if (i >= n || tf[j].id < v[i].id) {
      o[k] = (rasd__vw){tf[j].id, (float)w[j]};
      s->norm2 += (double)o[k].w * o[k].w;
      k++, j++;
    } else {
      double old = v[i].w;
      o[k] = (rasd__vw){v[i].id, (float)(old + w[j])};
      s->norm2 += (double)o[k].w * o[k].w - old * old;
      k++, i++, j++;
    }
  }
  free(s->cent);
  s->cent = o; s->n_cent = k; s->cap_cent = need + 1;
  return 0;
}

static int cmp_w_desc(const void *a, const void *b) {
  const double *x = a, *y = b;
  return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

/* cmp_w_desc(x, y) < 0, inline. */
static inline int w_before(const double *x, const double *y) { return x[0] > y[0] || (!(x[0] < y[0]) && x[1] < y[1]); }

/* Sorts the 'n' (weight, index) pairs of 'ord' in cmp_w_desc order (the order qsort gives: it is total, the indices
 * being distinct): insertion sorts of runs of 16, then merges, the comparison inline (qsort's calls through a
 * pointer were 1 % of a run). */
static void sort_w_desc(double *ord, uint32_t n) {
  enum { RUN = 16 };
  for (uint32_t b = 0; b < n; b += RUN) {
    uint32_t e = b + RUN < n ? b + RUN : n;
    for (uint32_t i = b + 1; i < e; i++) {
      double x0 = ord[2 * i], x1 = ord[2 * i + 1], x[2] = {x0, x1};
      uint32_t j = i;
      while (j > b && w_before(x, &ord[2 * (j - 1)])) ord[2 * j] = ord[2 * j - 2], ord[2 * j + 1] = ord[2 * j - 1], j--;
      ord[2 * j] = x0, ord[2 * j + 1] = x1;
    }
  }
  if (n <= RUN) return;
  double stk[2 * 512], *tmp = n <= 512 ? stk : malloc(2 * (size_t)n * sizeof *tmp);
  if (!tmp) { qsort(ord, n, 2 * sizeof *ord, cmp_w_desc); return; }
  double *src = ord, *dst = tmp;
  for (uint32_t w = RUN; w < n; w *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * w) {
      uint32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n, a = lo, b = mid, o = lo;
      while (a < mid && b < hi) { /* the left run first on ties (none: the order is total) */
        const double *p = w_before(&src[2 * b], &src[2 * a]) ? &src[2 * b++] : &src[2 * a++];
        dst[2 * o] = p[0], dst[2 * o + 1] = p[1], o++;
      }
      while (a < mid) dst[2 * o] = src[2 * a], dst[2 * o + 1] = src[2 * a + 1], o++, a++;
      while (b < hi) dst[2 * o] = src[2 * b], dst[2 * o + 1] = src[2 * b + 1], o++, b++;
    }
    double *t = src; src = dst; dst = t;
  }
  if (src != ord) memcpy(ord, src, 2 * (size_t)n * sizeof *ord);
  if (tmp != stk) free(tmp);
}

/* Moves the 'k' greatest (weight, index) pairs of 'ord' to its front in cmp_w_desc order (quickselect, then
 * a sort of those k only). */
static void top_k(double *ord, uint32_t n, uint32_t k) {
  if (k > n) k = n;
  uint32_t lo = 0, hi = n;
  while (hi - lo > 1 && k < hi && k > lo) {
    double pv[2] = {ord[2 * (lo + (hi - lo) / 2)], ord[2 * (lo + (hi - lo) / 2) + 1]};
    uint32_t i = lo, j = hi;
    for (uint32_t x = lo; x < j;) { /* three-way: before pivot | equal | after */
      int r = cmp_w_desc(&ord[2 * x], pv);
      if (r < 0) {
        double t0 = ord[2 * x], t1 = ord[2 * x + 1];
        ord[2 * x] = ord[2 * i], ord[2 * x + 1] = ord[2 * i + 1], ord[2 * i] = t0, ord[2 * i + 1] = t1;
        i++, x++;
      } else if (r > 0) {
        j--;
        double t0 = ord[2 * x], t1 = ord[2 * x + 1];
        ord[2 * x] = ord[2 * j], ord[2 * x + 1] = ord[2 * j + 1], ord[2 * j] = t0, ord[2 * j + 1] = t1;
      } else x++;
    }
    if (k <= i) hi = i;
    else if (k >= j) lo = j;
    else break;
  }
  sort_w_desc(ord, k);
}

/* The article's weighted vector: w = (1 + ln tf) · idf; returns the norm. */
static double art_vec(const rasd_corpus *c, const rasd__rec *r, double *w) {
  static double lt[256]; /* 1 + ln k for the common counts, the values log() gives */
  static int lt_ok;
  if (!lt_ok) {
    for (int k = 1; k < 256; k++) lt[k] = 1 + log((double)k);
    lt_ok = 1;
  }
  double nn = 0;
  for (uint32_t i = 0; i < r->n_terms; i++) {
    uint32_t tf = r->terms[i].tf;
    w[i] = (tf && tf < 256 ? lt[tf] : 1 + log((double)tf)) * rasd__idf(c, r->terms[i].id);
    nn += w[i] * w[i];
  }
  return sqrt(nn);
}

/* Cosine of the article's vector (terms 'tf' sorted by id, weights 'w', norm 'an') and the story centroid. With
 * 'dn' (the article's weights scattered by term id, zero elsewhere) one pass over the centroid with a load each;
 * else a merge of the two sorted lists without branches on the order of the ids. Either way the shared terms are
 * summed in increasing id order (the centroid's), so both give the same value. */
static double story_cos(const rasd__story *s, const rasd__tf *tf, const double *w, uint32_t n, double an, const double *dn) {
  double dot = 0, sn = sqrt(s->norm2);
  uint32_t i = 0, j = 0, nc = s->n_cent;
  const rasd__vw *cv = s->cent;
  if (dn) {
    /* the loads from 'dn' go anywhere in an array of all the terms (cache misses): asked for a few terms ahead */
    enum { AHEAD = 16 };
    for (i = 0; i + AHEAD < nc; i++) {
      __builtin_prefetch(&dn[cv[i + AHEAD].id]);
      dot += (double)cv[i].w * dn[cv[i].id]; /* + 0 where the article lacks the term: the sum is unchanged */
    }
    for (; i < nc; i++) dot += (double)cv[i].w * dn[cv[i].id];
  } else
    while (i < nc && j < n) {
      uint32_t x = cv[i].id, y = tf[j].id;
      if (x == y) dot += (double)cv[i].w * w[j];
      i += x <= y;
      j += y <= x;
    }
  return sn > 0 && an > 0 ? dot / (sn * an) : 0;
}

/* Dot product of two id-sorted sparse vectors. */
static double vdot(const rasd__vw *a, uint32_t na, const rasd__vw *b, uint32_t nb) {
  double d = 0;
  uint32_t i = 0, j = 0;
  while (i < na && j < nb) { /* no branch on the order of the ids: it mispredicts half the time */
    uint32_t x = a[i].id, y = b[j].id;
    if (x == y) d += (double)a[i].w * b[j].w;
    i += x <= y;
    j += y <= x;
  }
  return d;
}


/* vdot() of the article's link vector or headline vector ('t' 0 or 1), scattered by term id in 'dvt' (zero
 * elsewhere; its ids are distinct), and 'b': one pass over 'b'. The products are vdot()'s, added in the same order
 * (increasing id), and a term the article lacks adds +0, which leaves the sum as it is. */
static double vdot_dvt(const struct rasd__vt *dvt, int t, const rasd__vw *b, uint32_t nb) {
  double d = 0;
  if (t)
    for (uint32_t j = 0; j < nb; j++) d += (double)dvt[b[j].id].t * b[j].w;
  else
    for (uint32_t j = 0; j < nb; j++) d += (double)dvt[b[j].id].v * b[j].w;
  return d;
}

/* Keeps the 'k' first of 'n' weighted terms (already in descending order), scaled to unit length, sorted by id. */
static uint32_t unit_vec(rasd__vw *v, uint32_t n, uint32_t k) {
  if (n > k) n = k;
  double nn = 0;
  for (uint32_t i = 0; i < n; i++) nn += (double)v[i].w * v[i].w;
  nn = sqrt(nn);
  for (uint32_t i = 0; i < n; i++) v[i].w = nn > 0 ? (float)(v[i].w / nn) : 0;
  for (uint32_t i = 1; i < n; i++) { /* by id (distinct; at most VK or TK of them) */
    rasd__vw x = v[i];
    uint32_t j = i;
    for (; j > 0 && v[j - 1].id > x.id; j--) v[j] = v[j - 1];
    v[j] = x;
  }
  return n;
}

/* Features of the join decision (story_score fills them; RASD_STORY_DEBUG=1 prints them, for studying the errors). */
enum { F_CS, F_MX, F_MEAN, F_MIN, F_TS, F_TMEAN, F_TMIN, F_SHARE, F_SHAREX, F_DATE, F_MISS, F_GEN, F_LONG, F_SIZE,
       F_OUTLET, F_HNUM, F_DD, F_HLOC, F_HPER, F_HAND, NF };
static const char *const FNAME[NF] = {"cs", "mx", "mean", "min", "ts", "tmean", "tmin", "share", "sharex", "date",
                                      "miss", "gen", "long", "size", "outlet", "hnum", "dd", "hloc", "hper", "hand"};
/* Returns 1 when interned stem 't' is a number. */
static int term_num(const rasd_corpus *c, uint32_t t) {
  return t < c->terms.n && c->terms.num[t];
}

/* The index of 'key' in the id-sorted list 'ents'/'n', or −1. */
static int64_t tf_find(const rasd__tf *ents, uint32_t n, uint32_t key) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t m = (lo + hi) / 2;
    if (ents[m].id < key) lo = m + 1;
    else hi = m;
  }
  return lo < n && ents[lo].id == key ? (int64_t)lo : -1;
}

/* Returns 1 when the article's headline (record 'r', entity keys in 'J') and the headlines of the story's recent
 * members name entities of 'type' and none of either side's is named in the other (anywhere in the article; by at
 * least a share W.hf of the story's originals). */
static int head_apart(const rasd_corpus *c, const rasd__story *s, const rasd__rec *r, const rasd__jart *J, uint32_t type) {
  int na = 0;
  for (uint32_t i = 0; i < r->n_ent; i++) {
    if (!r->ent[i].head || r->ent[i].type != type) continue;
    int64_t at = tf_find(s->ents, s->n_ents, r->ent[i].key);
    if (at >= 0 && s->ents[at].tf >= W.hf * s->n_orig) return 0;
    na++;
  }
  if (!na) return 0;
  uint32_t nr = s->n_orig < RASD__RECENT ? s->n_orig : RASD__RECENT;
  int ns = 0;
  for (uint32_t k = 0; k < nr; k++) {
    const rasd__art *m = &c->art[s->recent[k]];
    const uint32_t *h = type == RASD_ENT_LOC ? m->hloc : m->hper;
    uint32_t nh = type == RASD_ENT_LOC ? m->nhloc : m->nhper;
    for (uint32_t x = 0; x < nh; x++) {
      ns++;
      for (uint32_t y = 0; y < J->nk; y++)
        if (J->keys[y] == h[x]) return 0;
    }
  }
  return ns > 0;
}

/* The join score of the article (record 'r', outlet 'outlet', link vector 'v'/'nv' then headline 't'/'nt') and
 * story 's': centroid cosine, the cosines with the story's recent articles (best, mean, worst; body and headline),
 * shared entities weighted by rarity, a shared full date, the days between them, the story's core entities the
 * article does not name, how generic its words are, and numbers in the headlines that differ. 'f' receives the NF
 * features. */
static double story_score(const rasd_corpus *c, rasd__story *s, const rasd__rec *r, const char *outlet, const double *w,
                          const double *dn, const struct rasd__vt *dvt, double an, const rasd__vw *v, uint32_t nv,
                          const rasd__vw *t, uint32_t nt, int32_t day, const rasd__jart *J, double *f) {
  double cs = story_cos(s, r->terms, w, r->n_terms, an, dn), mx = 0, ts = 0, smx = 0, sts = 0, mn = 1, tmn = 1;
  uint32_t nr = s->n_orig < RASD__RECENT ? s->n_orig : RASD__RECENT;
  int same_outlet = 0, anum = 0, snum = 0, shared_num = 0, one_off = 0;
  double ots = -1; /* the best headline cosine with the recent members from the article's outlet that have a headline */
  for (uint32_t k = 0; k < nt; k++) anum += term_num(c, t[k].id);
  for (uint32_t k = 0; k < nr; k++) {
    const rasd__art *m = &c->art[s->recent[k]];
    const rasd__vw *mv = c->vpool + m->voff;
    double x = dvt ? vdot_dvt(dvt, 0, mv, m->vn) : vdot(v, nv, mv, m->vn);
    /* without a headline on either side, the bodies stand in for the headlines */
    double y = nt && m->tn ? (dvt ? vdot_dvt(dvt, 1, mv + m->vn, m->tn) : vdot(t, nt, mv + m->vn, m->tn)) : x;
    smx += x, sts += y;
    if (x > mx) mx = x;
    if (y > ts) ts = y;
    if (x < mn) mn = x;
    if (y < tmn) tmn = y;
    same_outlet |= outlet && m->outlet == outlet;
    if (outlet && m->outlet == outlet && nt && m->tn && y > ots) ots = y;
    /* one outlet, two headlines of one template with another name: every word but one the same on both sides, those
     * two words rare (no more than W.owd articles so far: names, not "arrival" and "burial" of one funeral), no numbers
     * (a wire's parts), and neither in the other article's words for linking (a copy reworded: "visitors", "visits") */
    if (outlet && m->outlet == outlet && nt >= 2 && m->tn == nt) {
      uint32_t miss = 0, ua = 0, um = 0;
      for (uint32_t q = 0; q < nt && miss < 2; q++) {
        int found = 0;
        for (uint32_t j = 0; j < m->tn && !found; j++) found = mv[m->vn + j].id == t[q].id;
        if (!found) miss++, ua = t[q].id;
      }
      if (miss == 1)
        for (uint32_t j = 0; j < m->tn; j++) {
          int found = 0;
          for (uint32_t q = 0; q < nt && !found; q++) found = mv[m->vn + j].id == t[q].id;
          if (!found) um = mv[m->vn + j].id;
        }
      if (miss == 1 && ua != um && !term_num(c, ua) && !term_num(c, um) && ua < c->terms.n && um < c->terms.n &&
          c->terms.df[ua] <= W.owd && c->terms.df[um] <= W.owd) {
        int in = 0;
        for (uint32_t j = 0; j < m->vn && !in; j++) in = mv[j].id == ua;
        for (uint32_t j = 0; j < nv && !in; j++) in = v[j].id == um;
        one_off |= !in;
      }
    }
    /* numbers in both headlines: "13 cars" and "5 killed" are two accidents */
    if (anum)
      for (uint32_t j = 0; j < m->tn; j++) {
        uint32_t id = mv[m->vn + j].id;
        if (!term_num(c, id)) continue;
        snum = 1;
        for (uint32_t q = 0; q < nt; q++) shared_num |= t[q].id == id;
      }
  }
  if (!nr) mn = tmn = 0;
  /* shared entities weighted by rarity (IDF), as a share of the article's own entity weight; it scales
   * the text similarity rather than adding to it, so that naming the same country is no story */
  double ent = 0, etot = 0;
  for (uint32_t i = 0; i < r->n_ent; i++) {
    int dup = 0;
    for (uint32_t k = 0; k < i && !dup; k++) dup = r->ent[k].key == r->ent[i].key;
    if (dup) continue;
    /* places are where many stories happen: they weigh less than people and organisations */
    if (r->ent[i].inst) continue; /* a public body (rasd__public_body_name(); features.c) */
    double idf = rasd__idf(c, r->ent[i].key) * (r->ent[i].vkey == RASD__VKEY_FAMILY ? W.fam : r->ent[i].type == RASD_ENT_LOC ? W.loc : 1);
    etot += idf;
    uint32_t lo = 0, hi = s->n_ents;
    while (lo < hi) {
      uint32_t m = (lo + hi) / 2;
      if (s->ents[m].id < r->ent[i].key) lo = m + 1;
      else hi = m;
    }
    if (lo < s->n_ents && s->ents[lo].id == r->ent[i].key) ent += idf;
  }
  double share = etot > 0 ? ent / (etot + W.ek) : 0;
  int shared_day = 0;
  /* a shared date other than the day of publication or the day before ("today", "yesterday") */
  for (uint32_t i = 0; i < r->n_days && !shared_day; i++)
    if (day == RASD__NO_DAY || r->days[i] > day || r->days[i] < day - 1)
    for (uint32_t k = 0; k < s->n_days; k++)
      if (s->days[k] == r->days[i]) { shared_day = 1; break; }
  int dd = day != RASD__NO_DAY && s->last_day != RASD__NO_DAY ? abs(day - s->last_day) : 0;
  f[F_CS] = cs, f[F_MX] = mx, f[F_MEAN] = nr ? smx / nr : 0, f[F_MIN] = mn, f[F_TS] = ts, f[F_TMEAN] = nr ? sts / nr : 0;
  f[F_TMIN] = tmn, f[F_SHARE] = share, f[F_SHAREX] = share * (cs > mx ? cs : mx), f[F_DATE] = shared_day;
  f[F_SIZE] = log(1 + (double)s->n_orig), f[F_OUTLET] = same_outlet, f[F_HNUM] = anum && snum && !shared_num, f[F_DD] = dd;
  double ev = rasd__join_event(c, s, J, f + F_MISS);
  /* the best match, or part of the way to the mean match (single link chains topics together) */
  double bmx = nr ? (1 - W.avg) * mx + W.avg * f[F_MEAN] : mx, bts = nr ? (1 - W.avg) * ts + W.avg * f[F_TMEAN] : ts;
  double sc = W.cs * cs + W.mx * bmx + W.ts * bts + W.ent * share + W.entx * share * (cs > bmx ? cs : bmx) + W.date * shared_day -
              W.time * dd + ev;
  /* average-link guard: an article close to one member of a story of three or more but far from the others
   * (a fourth aid plane landing in Aden and the vice-president's arrival there) is chaining, not the happening */
  if (nr >= 3 && mx > 0 && f[F_MEAN] < W.rk * mx) sc -= W.rg * (W.rk - f[F_MEAN] / mx);
  /* nor is an article that is close to none of them (its best link under W.fm): it meets the story only in its
   * centroid and headline words, a topic (a fourth aid plane landing at Aden and the vice-president's arrival there) */
  if (nr >= 3 && mx < W.fm) sc -= W.fp * (W.fm - mx) / W.fm;
  /* an outlet that already reported the story reports another happening when its headline counts differ
   * ("8 injured" on a highway, "5 dead or injured" elsewhere) or when its headline shares next to nothing */
  sc -= W.oh * f[F_OUTLET] * f[F_HNUM];
  /* and when a recent member from the article's outlet has the article's headline but for one rare name: one outlet's
   * notices of one kind ("البدراني" يحتفل بزواجه, "الشمراني" يحتفل بزواجه; أفراح الحمالي, أفراح المشاري), each its own
   * happening, whose bodies are one template too */
  if (one_off) sc -= W.ow;
  if (f[F_OUTLET] > 0 && ts < W.otk) sc -= W.ot * (W.otk - ts) / W.otk;
  /* a story of one or two reports so far, one of them from this outlet: a report of the outlet whose headline shares
   * no word with that one's is the outlet's next story (the king's call with the French president, then the Cairo
   * declaration with Egypt, both from one outlet; one outlet's piece on the Anad base, then its report of the battles
   * in Taiz), not a second report of one happening, which another outlet's report must bring in; the outlet's one
   * report weighs less in a story of two */
  if (nr <= W.oan && ots >= 0 && ots < W.oak) sc -= W.oa / nr;
  /* any outlet, once the story has two or more recent members: a headline that shares next to nothing with their
   * headlines is the body alone chaining on a topic (Quran classes onto the assignment of school counsellors, an analysis of Barzani
   * and Ocalan onto the Turkish raids on the PKK); bounded by the recent ring, so the cost per candidate stays the same */
  if (nt && nr && nr >= W.atn && ts < W.atk) sc -= W.at * (W.atk - ts) / W.atk;
  /* and a story of one report, whose headline shares no word with the article's: the join rests on the bodies alone, a
   * topic more often than a happening (a UN envoy's Cairo talks on Yemen, then reports of the battles in Taiz that his
   * statement names); a small cost, as two reports of one happening in other words do join */
  if (nt && nr == 1 && ts < W.hzk) sc -= W.hz;
  /* the headlines name other places (people): neither side's headline place is named anywhere in the other (a dust
   * storm over Tabuk and one over Jazan; the king's call with one president and his talks with another) */
  f[F_HLOC] = head_apart(c, s, r, J, RASD_ENT_LOC), f[F_HPER] = head_apart(c, s, r, J, RASD_ENT_PER);
  sc -= W.hl * f[F_HLOC] + W.hp * f[F_HPER];
  f[F_HAND] = sc;
  return sc;
}

#define SL_CLOSED (INT32_MIN + 1)  /* c->slast of a closed story */

static int story_new(rasd_corpus *c) {
  if (c->n_st == c->cap_st) {
    size_t nc = c->cap_st ? c->cap_st * 2 : 256;
    rasd__story *ns = realloc(c->st, nc * sizeof *ns);
    if (!ns) return -1;
    c->st = ns;
    int32_t *nl = realloc(c->slast, nc * sizeof *nl);
    if (!nl) return -1;
    c->slast = nl; c->cap_st = nc;
  }
  c->slast[c->n_st] = RASD__NO_DAY;
  memset(&c->st[c->n_st], 0, sizeof c->st[0]);
  c->st[c->n_st].first_day = c->st[c->n_st].last_day = RASD__NO_DAY;
  uint32_t id = (uint32_t)c->n_st;
  if (RASD__VEC_PUSH(c->open, c->n_open, c->cap_open, id)) return -1;
  return (int)c->n_st++;
}

static int story_add_member(rasd_corpus *c, rasd__story *s, uint32_t i, int32_t day) {
  if (RASD__VEC_PUSH(s->mem, s->n_mem, s->cap_mem, i)) return -1;
  if (day != RASD__NO_DAY) {
    if (s->first_day == RASD__NO_DAY || day < s->first_day) s->first_day = day;
    if (s->last_day == RASD__NO_DAY || day > s->last_day) s->last_day = day;
    if (!s->closed) c->slast[s - c->st] = s->last_day;
  }
  return 0;
}

/* Keeps a story's centroid to its 'keep' strongest terms. */
static void story_prune(rasd__story *s, uint32_t keep) {
  if (s->n_cent <= keep) return;
  double *tmp = malloc(s->n_cent * 2 * sizeof *tmp);
  if (!tmp) return;
  for (uint32_t i = 0; i < s->n_cent; i++) tmp[2 * i] = s->cent[i].w, tmp[2 * i + 1] = i;
  top_k(tmp, s->n_cent, keep);
  double cut = tmp[2 * (keep - 1)];
  uint32_t k = 0;
  s->norm2 = 0;
  for (uint32_t i = 0; i < s->n_cent; i++)
    if (s->cent[i].w >= cut && k < keep) s->norm2 += (double)s->cent[i].w * s->cent[i].w, s->cent[k++] = s->cent[i];
  s->n_cent = k;
  free(tmp);
}

/* Keeps a closed story small: its strongest terms only. */
static void story_close(rasd_corpus *c, rasd__story *s) {
  s->closed = 1;
  c->slast[s - c->st] = SL_CLOSED;
  story_prune(s, CLOSED_TERMS);
}

/* Grows the IDF cache to the vocabulary (entries at N = 0 are stale by construction). */
static int idf_grow(rasd_corpus *c) {
  if (c->idf_cap >= c->terms.n) return 0;
  size_t nc = c->terms.cap;
  rasd__idfc *v = realloc(c->idf, nc * sizeof *v);
  if (!v) return -1;
  c->idf = v;
  memset(v + c->idf_cap, 0, (nc - c->idf_cap) * sizeof *v); /* n = 0: never valid */
  c->idf_cap = nc;
  return 0;
}

/* What linking reads of an article: its record, term weights and norm, query and index terms, link vector. */
typedef struct lfeat {
  rasd__rec r;
  double *w, an;
  uint32_t *q, nq, *ix, nx;
  rasd__vw *lv, *tv;
  uint32_t nv, nt;
} lfeat;

/* Reads article 'i' and computes its link features at the current IDF (allocating from 'ar'). */
static int link_feat(rasd_corpus *c, uint32_t i, rasd__arena *ar, lfeat *L) {
  rasd__rec *r = &L->r;
  int rc = corpus_rec(c, i, ar, r, 0);
  if (rc) return rc;
  double *w = L->w = rasd__arena_raw(ar, (r->n_terms + 1) * sizeof *w); /* art_vec() writes the n_terms read */
  if (!w) return RASD_ENOMEM;
  L->an = art_vec(c, r, w);
  /* query terms: the article's strongest terms, plus its entities */
  uint32_t nq = 0;
  uint32_t *q = L->q = rasd__arena_alloc(ar, (QTERMS + r->n_ent + 1) * sizeof *q);
  double *ord = rasd__arena_raw(ar, (r->n_terms + 1) * 2 * sizeof *ord); /* the loop below writes the 2 n_terms read */
  if (!q || !ord) return RASD_ENOMEM;
  for (uint32_t k = 0; k < r->n_terms; k++) ord[2 * k] = w[k], ord[2 * k + 1] = k;
  uint32_t ntop = r->n_terms < 3 * QTERMS + VK ? r->n_terms : 3 * QTERMS + VK;
  top_k(ord, r->n_terms, ntop);
  /* query with the strongest terms already seen (a new term has no story yet); index under the strongest of all */
  uint32_t nx = 0;
  uint32_t *ix = L->ix = rasd__arena_alloc(ar, (QTERMS + r->n_ent + 1) * sizeof *ix);
  if (!ix) return RASD_ENOMEM;
  for (uint32_t k = 0; k < ntop && (nq < QTERMS || nx < QTERMS); k++) {
    uint32_t t = r->terms[(uint32_t)ord[2 * k + 1]].id;
    if (nx < QTERMS) ix[nx++] = t;
    if (nq < QTERMS && c->terms.df[t]) q[nq++] = t;
  }
  for (uint32_t k = 0; k < r->n_ent; k++)
    if (!r->ent[k].inst) q[nq++] = r->ent[k].key, ix[nx++] = r->ent[k].key;
  L->nq = nq, L->nx = nx;
  /* the link vector: the strongest terms, then the headline's terms by IDF, each of unit length */
  rasd__vw *lv = L->lv = rasd__arena_alloc(ar, (VK + TK + 1) * sizeof *lv);
  if (!lv) return RASD_ENOMEM;
  for (uint32_t k = 0; k < r->n_terms && k < VK; k++) lv[k] = (rasd__vw){r->terms[(uint32_t)ord[2 * k + 1]].id, (float)ord[2 * k]};
  L->nv = unit_vec(lv, r->n_terms, VK);
  L->tv = lv + L->nv;
  L->nt = 0;
  if (r->n_sent && (r->sent[0].flags & RASD__S_TITLE)) {
    const rasd__rsent *ts = &r->sent[0];
    uint32_t n = ts->n_terms < TK ? ts->n_terms : TK;
    for (uint32_t k = 0; k < n; k++) L->tv[k] = (rasd__vw){ts->terms[k], (float)rasd__idf(c, ts->terms[k])};
    L->nt = unit_vec(L->tv, n, TK);
  }
  return RASD_OK;
}

/* Adds original article 'i' (features 'L') to story 's': recent ring, centroid, entities, dates, postings. */
static int story_take(rasd_corpus *c, uint32_t s_idx, uint32_t i, const lfeat *L, rasd__arena *ar) {
  rasd__story *s = &c->st[s_idx];
  const rasd__rec *r = &L->r;
  s->recent[s->n_orig % RASD__RECENT] = i;
  s->n_orig++;
  rasd__tf *add = rasd__arena_alloc(ar, (r->n_terms + r->n_ent + 1) * sizeof *add);
  if (!add) return RASD_ENOMEM;
  if (merge_cent(s, r->terms, L->w, r->n_terms)) return RASD_ENOMEM;
  if (s->n_cent >= 3 * OPEN_TERMS) story_prune(s, OPEN_TERMS);
  uint32_t na = 0;
  for (uint32_t k = 0; k < r->n_ent; k++)
    if (!r->ent[k].inst) add[na].id = r->ent[k].key, add[na++].tf = 1;
  /* entity ids may repeat within an article: sort and fold before merging */
  for (uint32_t x = 1; x < na; x++)
    for (uint32_t y = x; y > 0 && add[y - 1].id > add[y].id; y--) { rasd__tf t = add[y]; add[y] = add[y - 1]; add[y - 1] = t; }
  uint32_t ne = 0;
  for (uint32_t k = 0; k < na; k++)
    if (!ne || add[ne - 1].id != add[k].id) add[ne++] = add[k];
  if (merge_tf(&s->ents, &s->n_ents, &s->cap_ents, add, ne)) return RASD_ENOMEM;
  for (uint32_t k = 0; k < r->n_days && s->n_days < 64; k++) {
    int seen = 0;
    for (uint32_t y = 0; y < s->n_days; y++) seen |= s->days[y] == r->days[k];
    if (!seen && RASD__VEC_PUSH(s->days, s->n_days, s->cap_days, r->days[k])) return RASD_ENOMEM;
  }
  for (uint32_t k = 0; k < L->nx; k++)
    if (post_add(c, L->ix[k], s_idx)) return RASD_ENOMEM;
  return RASD_OK;
}

/* The value of interned number stem 't' (0 when it does not read as one). */
static double term_val(const rasd_corpus *c, uint32_t t) {
  char buf[32];
  size_t n = c->terms.len[t] < sizeof buf - 1 ? c->terms.len[t] : sizeof buf - 1;
  memcpy(buf, c->terms.str[t], n);
  buf[n] = 0;
  return strtod(buf, NULL);
}

/* Returns 1 when the headline of linked article 'a' holds numbers and none of them is in the link vector (body or
 * headline terms) of 'b' nor near one of b's headline numbers (within a factor W.shr: 28 or 30 dead, 10 or 14
 * soldiers, 40 or 50 injured are one count reported or updated differently; 5 dead or injured and 13 cars are two). */
static int head_nums_apart(const rasd_corpus *c, const rasd__art *a, const rasd__art *b) {
  const rasd__vw *av = c->vpool + a->voff + a->vn, *bv = c->vpool + b->voff;
  int na = 0;
  for (uint32_t j = 0; j < a->tn; j++) {
    if (!term_num(c, av[j].id)) continue;
    na++;
    for (uint32_t k = 0; k < (uint32_t)b->vn + b->tn; k++)
      if (bv[k].id == av[j].id) return 0;
    double x = term_val(c, av[j].id);
    for (uint32_t k = b->vn; k < (uint32_t)b->vn + b->tn; k++) {
      if (!term_num(c, bv[k].id)) continue;
      double y = term_val(c, bv[k].id);
      if (x > 0 && y > 0 && (x > y ? x / y : y / x) < W.shr) return 0;
    }
  }
  return na > 0;
}

/* How close linked articles 'p' and 'q' are for splitting: their link vectors' body and headline cosines, mixed
 * by W.sw (the body stands in for a missing headline). */
static double link_sim(const rasd_corpus *c, uint32_t p, uint32_t q) {
  const rasd__art *a = &c->art[p], *b = &c->art[q];
  const rasd__vw *av = c->vpool + a->voff, *bv = c->vpool + b->voff;
  double x = vdot(av, a->vn, bv, b->vn);
  double y = a->tn && b->tn ? vdot(av + a->vn, a->tn, bv + b->vn, b->tn) : x;
  double sim = (1 - W.sw) * x + W.sw * y;
  /* one outlet, two headlines with counts, neither's found in the other article ("5 dead or injured in a collision
   * in Riyadh", "13 cars collide in Riyadh"): two happenings that one template (the Red Crescent spokesman's
   * statement) makes look alike; the join score says the same (W.oh), the split test had only the words. One
   * report headlined twice by its counts ("50 festivals", "5,500 jobs at the festivals") names both in each body. */
  if (W.sh > 0 && a->outlet && a->outlet == b->outlet && a->tn && b->tn && head_nums_apart(c, a, b) && head_nums_apart(c, b, a)) {
    if (story_debug()) fprintf(stderr, "head numbers apart %s %s: body %.3f head %.3f\n", a->id, b->id, x, y);
    sim *= 1 - W.sh;
  }
  return sim;
}

/* The split test on two groups of 'na' and 'nb' members from the sums of their links across ('cr') and within
 * ('ia', 'ib'): the ratio of the mean link across to the mean within (the weaker group's, W.sx of the way to the
 * stronger's) when it is under W.sp (W.so when one group is a single article, whose missing links within the other
 * group's stand for: is it an outlier of that group?), else -1. */
static double apart_ratio(double cr, double ia, double ib, uint32_t na, uint32_t nb) {
  cr /= (double)na * nb;
  ia = na > 1 ? ia / (na * (na - 1) / 2.0) : -1;
  ib = nb > 1 ? ib / (nb * (nb - 1) / 2.0) : -1;
  if (ia < 0) ia = ib;
  if (ib < 0) ib = ia;
  double lo = (1 - W.sx) * (ia < ib ? ia : ib) + W.sx * (ia < ib ? ib : ia), lim = na > 1 && nb > 1 ? W.sp : W.so;
  return lo > 0 && cr < lim * lo ? cr / lo : -1;
}

/* Returns 1 when groups 'A' (na members) and 'B' (nb) of linked articles are two happenings by story_split's test:
 * their links across average under W.sp times the links within (the weaker group's, W.sx of the way to the
 * stronger's: a loose group of follow-ups next to a tight one of copies of one report is still two), or W.so times
 * the other group's when one of them is a single article. */
static int groups_apart(const rasd_corpus *c, const uint32_t *A, uint32_t na, const uint32_t *B, uint32_t nb) {
  if (W.sp <= 0 || !na || !nb || (na < 2 && nb < 2)) return 0;
  double cr = 0, ia = 0, ib = 0;
  for (uint32_t x = 0; x < na; x++)
    for (uint32_t y = 0; y < nb; y++) cr += link_sim(c, A[x], B[y]);
  for (uint32_t x = 0; x < na; x++)
    for (uint32_t y = x + 1; y < na; y++) ia += link_sim(c, A[x], A[y]);
  for (uint32_t x = 0; x < nb; x++)
    for (uint32_t y = x + 1; y < nb; y++) ib += link_sim(c, B[x], B[y]);
  return apart_ratio(cr, ia, ib, na, nb) >= 0;
}

/* Adds the keys of the places and of the people that record 'r' names to 'loc' and 'per' ('*nl', '*np' so far, room
 * for 64 each), each once. */
static void place_keys(const rasd__rec *r, uint32_t *loc, uint32_t *nl, uint32_t *per, uint32_t *np) {
  for (uint32_t i = 0; i < r->n_ent; i++) {
    uint32_t *k = r->ent[i].type == RASD_ENT_LOC ? loc : r->ent[i].type == RASD_ENT_PER ? per : NULL;
    uint32_t *n = k == loc ? nl : np;
    if (!k || r->ent[i].vkey == RASD__VKEY_FAMILY || *n >= 64) continue;
    uint32_t j = 0;
    while (j < *n && k[j] != r->ent[i].key) j++;
    if (j == *n) k[(*n)++] = r->ent[i].key;
  }
}

/* Returns 1 when 'n' keys 'a' and 'm' keys 'b' share one. */
static int keys_meet(const uint32_t *a, uint32_t n, const uint32_t *b, uint32_t m) {
  for (uint32_t x = 0; x < n; x++)
    for (uint32_t y = 0; y < m; y++)
      if (a[x] == b[y]) return 1;
  return 0;
}

/* Returns 1 when groups 'A' (na linked articles) and 'B' (nb, their link features 'LB') are two happenings of one kind
 * in two places: both name places, they share none of them and no person either. */
static int places_apart(rasd_corpus *c, const uint32_t *A, uint32_t na, const lfeat *LB, uint32_t nb, rasd__arena *ar) {
  uint32_t la[64], lb[64], pa[64], pb[64], nla = 0, nlb = 0, npa = 0, npb = 0;
  for (uint32_t x = 0; x < nb; x++) place_keys(&LB[x].r, lb, &nlb, pb, &npb);
  if (!nlb) return 0;
  for (uint32_t x = 0; x < na; x++) {
    rasd__rec r;
    if (corpus_rec(c, A[x], ar, &r, 0)) return 0;
    place_keys(&r, la, &nla, pa, &npa);
  }
  return nla && !keys_meet(la, nla, lb, nlb) && !keys_meet(pa, npa, pb, npb);
}

/* The join score of linked article 'm' (not a member of story 's') with 's', from its features at the current IDF. */
static double member_score(rasd_corpus *c, uint32_t s, uint32_t m, const lfeat *L) {
  const rasd__art *a = &c->art[m];
  int32_t day = a->day != RASD__NO_DAY ? a->day : c->cur_day;
  double f[NF];
  rasd__jart J;
  rasd__join_prep(c, &L->r, L->lv, L->nv, &J);
  return story_score(c, &c->st[s], &L->r, a->outlet, L->w, NULL, NULL, L->an, L->lv, L->nv, L->tv, L->nt, day, &J, f);
}

/* RASD_STORY_DEBUG: a merge of story 't' (originals 'orig'/'no', mean score 'mean') into story 's' ('what': done or
 * refused), with the ids of both sides. */
static void merge_debug(const rasd_corpus *c, uint32_t s, uint32_t t, const uint32_t *orig, uint32_t no, const char *what, double mean) {
  const rasd__story *S = &c->st[s];
  uint32_t ns = S->n_orig < RASD__RECENT ? S->n_orig : RASD__RECENT;
  fprintf(stderr, "%s story %u into %u (mean %.4f):", what, t + 1, s + 1, mean);
  for (uint32_t k = 0; k < ns; k++) fprintf(stderr, " %s", c->art[S->recent[k]].id);
  fprintf(stderr, " <-");
  for (uint32_t k = 0; k < no; k++) fprintf(stderr, " %s", c->art[orig[k]].id);
  fprintf(stderr, "\n");
}

/* Two stories of one happening: an article that just joined story 's' would have joined story 't' too (its score
 * for 't' above the threshold and at least W.mr of its score for 's': it stands between them, not just near 't'; W.mr
 * 0.3: on the dev set over 6 orders every value from 0 to 0.4 gives the same, 0.45 and up keep two parts of a story
 * apart in some orders (a dust storm over Riyadh, an arson attack and a background piece; 0.7 kept Manama's recall of
 * its ambassador apart from the smuggled explosives that brought it about); the average-link test below and
 * groups_apart() decide, and on unseen SaudiNewsNet days 0.3 merged more parts of one happening than of two).
 * Single-pass linking starts a second story when the first report of a happening
 * came in just under the threshold (a condemnation before the report of the crime): 't' joins 's' when its original
 * members, scored now against 's', reach the threshold on average (average link: one close member is not enough).
 * Bounded: only stories of up to RASD__RECENT (W.ms) originals, each member scored once. Returns 1 when merged; '*err'
 * receives an error code. */
static int story_merge(rasd_corpus *c, uint32_t s, uint32_t t, rasd__arena *ar, int *err) {
  rasd__story *T = &c->st[t];
  if (T->closed || !T->n_orig || T->n_orig > RASD__RECENT || T->n_orig > T->n_mem) return 0;
  /* both stories small enough that their recent members stand for them: a story past that is a topic that chains
   * on (the join score's size penalty says the same), and a merge would only feed it */
  if (W.ms > 0 && c->st[s].n_orig > W.ms) return 0;
  uint32_t no = 0, *orig = rasd__arena_alloc(ar, (T->n_mem + 1) * sizeof *orig);
  lfeat *L = rasd__arena_alloc(ar, (T->n_orig + 1) * sizeof *L);
  if (!orig || !L) return *err = RASD_ENOMEM, 0;
  double sum = 0;
  for (size_t k = 0; k < T->n_mem; k++) {
    uint32_t m = T->mem[k];
    if (c->art[m].dup_of >= 0) continue;
    if (no == T->n_orig) break;
    int rc = link_feat(c, m, ar, &L[no]);
    if (rc) return *err = rc, 0;
    double sc = member_score(c, s, m, &L[no]);
    if (story_debug()) fprintf(stderr, "merge? %s of story %u -> story %u: %.4f\n", c->art[m].id, t + 1, s + 1, sc);
    sum += sc;
    orig[no++] = m;
  }
  if (!no || sum / no < c->o.threshold) return 0;
  /* not two happenings that story_split would take apart again: the originals of 't' against the recent members of
   * 's' (the article that brought them together included) */
  if (W.sm > 0) {
    const rasd__story *S = &c->st[s];
    uint32_t ns = S->n_orig < RASD__RECENT ? S->n_orig : RASD__RECENT;
    if (no <= RASD__RECENT && groups_apart(c, S->recent, ns, orig, no)) {
      if (story_debug()) fprintf(stderr, "merge story %u into %u: two happenings\n", t + 1, s + 1);
      return 0;
    }
    /* nor two happenings of one kind in two places: both name places and share none of them, and no person either
     * (two fires, one in a Mecca block of flats and one in Dumat al-Jandal's palm groves; two crashes on two roads;
     * one outlet's job notices of two universities); a shared person is the happening told from two places */
    if (W.pa > 0 && places_apart(c, S->recent, ns, L, no, ar)) {
      if (story_debug()) merge_debug(c, s, t, orig, no, "apart", sum / no);
      return 0;
    }
  }
  if (story_debug()) merge_debug(c, s, t, orig, no, "merge", sum / no);
  for (uint32_t k = 0; k < no; k++) {
    int rc = story_take(c, s, orig[k], &L[k], ar);
    if (rc) return *err = rc, 0;
  }
  rasd__story *S = &c->st[s];
  T = &c->st[t];
  for (size_t k = 0; k < T->n_mem; k++) {
    uint32_t m = T->mem[k];
    c->art[m].story = (int32_t)s;
    if (story_add_member(c, S, m, c->art[m].day)) return *err = RASD_ENOMEM, 0;
  }
  /* the emptied story: closed, nothing left to score or show */
  free(T->cent); free(T->ents); free(T->days);
  T->cent = NULL; T->ents = NULL; T->days = NULL;
  T->n_cent = T->cap_cent = T->n_ents = T->cap_ents = 0;
  T->n_days = T->cap_days = 0;
  T->n_mem = 0; T->n_orig = 0; T->norm2 = 0;
  T->closed = 1;
  c->slast[t] = SL_CLOSED;
  return 1;
}

/* The mean headline cosine of linked article m[0] with m[1..n-1] (those with a headline), or -1 when there is none. */
static double seed_head_sim(const rasd_corpus *c, const uint32_t *m, uint32_t n) {
  const rasd__art *a = &c->art[m[0]];
  double h = 0;
  uint32_t nh = 0;
  for (uint32_t k = 1; a->tn && k < n; k++) {
    const rasd__art *b = &c->art[m[k]];
    if (!b->tn) continue;
    h += vdot(c->vpool + a->voff + a->vn, a->tn, c->vpool + b->voff + b->vn, b->tn);
    nh++;
  }
  return nh ? h / nh : -1;
}

/* Two happenings in one story: a story of W.sn or more original members, small enough that its recent ring holds
 * them all, is split in two when they form two groups (each of at least W.sg members) that groups_apart() tells
 * apart (link_sim: the cosines of their link vectors): a first join on a shared topic (a
 * plan to besiege Sanaa and the vice-president's arrival in Aden, two collisions in Riyadh) that later reports of
 * each happening make plain. Single-pass linking cannot take a join back otherwise, and which article came first
 * decides it. The best split (lowest ratio) wins; the group of the first member keeps the story, the other gets
 * a new one, and both are rebuilt from their members' records (at the current IDF). The first member alone is held to
 * a looser W.sz (its links to the others under W.sz times theirs among themselves) when its headline shares next to
 * nothing with theirs (a mean headline cosine under W.szh): it was never scored against the story, every later
 * member was, so a side piece or another story's report that came first and that the reports of one happening
 * chained onto (an opinion column on Assad and Erdogan, then two reports of the Turkish raids on the PKK; a piece on
 * one player's injury, then two on another's) otherwise keeps them; a short report of the same happening from another
 * angle shares headline words with them (a video from Yanbu airport, then the inquiry into it). Bounded: at most RASD__RECENT
 * members, 2^(RASD__RECENT-1) groupings of their pairwise links. Returns 1 when split; '*err' receives an error code. */
static int story_split(rasd_corpus *c, uint32_t s, rasd__arena *ar, int *err) {
  rasd__story *S = &c->st[s];
  uint32_t n = S->n_orig;
  if (W.sp <= 0 || c->o.single_story || S->closed || n < W.sn || n < 2 * W.sg || n > RASD__RECENT || n > S->n_mem) return 0;
  uint32_t m[RASD__RECENT];
  double sim[RASD__RECENT][RASD__RECENT];
  for (uint32_t k = 0; k < n; k++) m[k] = S->recent[k];
  for (uint32_t x = 0; x < n; x++)
    for (uint32_t y = x + 1; y < n; y++) sim[x][y] = sim[y][x] = link_sim(c, m[x], m[y]);
  double best = 1e9, seed_head = W.sz > W.so ? seed_head_sim(c, m, n) : -1;
  uint32_t bmask = 0;
  for (uint32_t mask = 1; mask < (1u << (n - 1)); mask++) { /* member 0 in group 0; bit k-1 puts member k in group 1 */
    uint32_t g1 = (uint32_t)__builtin_popcount(mask), g0 = n - g1;
    if (g0 < W.sg || g1 < W.sg) continue;
    double cr = 0, in0 = 0, in1 = 0;
    for (uint32_t x = 0; x < n; x++)
      for (uint32_t y = x + 1; y < n; y++) {
        int gx = x && (mask >> (x - 1) & 1), gy = y && (mask >> (y - 1) & 1);
        if (gx != gy) cr += sim[x][y];
        else if (gx) in1 += sim[x][y];
        else in0 += sim[x][y];
      }
    double r = apart_ratio(cr, in0, in1, g0, g1);
    /* the first member alone, under the looser W.sz when its headline shares next to nothing with theirs */
    if (r < 0 && g0 == 1 && seed_head >= 0 && seed_head < W.szh) {
      double lo = in1 / (g1 * (g1 - 1) / 2.0), x = cr / g1;
      if (lo > 0 && x < W.sz * lo) r = x / lo;
      if (story_debug() && r >= 0) fprintf(stderr, "split? first member %s alone: %.3f (headline %.3f)\n", c->art[m[0]].id, r, seed_head);
    }
    if (r >= 0 && r < best) best = r, bmask = mask;
  }
  if (story_debug() && !bmask) {
    fprintf(stderr, "split? story %u:", s + 1);
    for (uint32_t k = 0; k < n; k++) fprintf(stderr, " %s", c->art[m[k]].id);
    for (uint32_t x = 0; x < n; x++)
      for (uint32_t y = x + 1; y < n; y++) fprintf(stderr, " %u-%u:%.2f", x, y, sim[x][y]);
    fprintf(stderr, "\n");
  }
  if (!bmask) return 0;
  int t = story_new(c);
  if (t < 0) return *err = RASD_ENOMEM, 0;
  S = &c->st[s];
  if (story_debug()) {
    fprintf(stderr, "split story %u (ratio %.3f):", s + 1, best);
    for (uint32_t k = 0; k < n; k++) fprintf(stderr, " %s%s", k && (bmask >> (k - 1) & 1) ? "->" : "", c->art[m[k]].id);
    fprintf(stderr, " (-> story %d)\n", t + 1);
  }
  size_t nm = S->n_mem;
  uint32_t *all = rasd__arena_alloc(ar, (nm + 1) * sizeof *all);
  if (!all) return *err = RASD_ENOMEM, 0;
  memcpy(all, S->mem, nm * sizeof *all);
  free(S->cent); free(S->ents); free(S->days);
  S->cent = NULL; S->ents = NULL; S->days = NULL;
  S->n_cent = S->cap_cent = S->n_ents = S->cap_ents = 0;
  S->n_days = S->cap_days = 0;
  S->n_mem = 0; S->n_orig = 0; S->norm2 = 0;
  S->first_day = S->last_day = RASD__NO_DAY;
  c->slast[s] = RASD__NO_DAY;
  for (uint32_t k = 0; k < n; k++) {
    lfeat L;
    int rc = link_feat(c, m[k], ar, &L);
    if (!rc) rc = story_take(c, k && (bmask >> (k - 1) & 1) ? (uint32_t)t : s, m[k], &L, ar);
    if (rc) return *err = rc, 0;
  }
  for (size_t k = 0; k < nm; k++) {
    uint32_t a = all[k], root = c->art[a].dup_of >= 0 ? (uint32_t)c->art[a].dup_of : a;
    uint32_t to = s;
    for (uint32_t x = 1; x < n; x++)
      if (m[x] == root && (bmask >> (x - 1) & 1)) to = (uint32_t)t;
    c->art[a].story = (int32_t)to;
    if (story_add_member(c, &c->st[to], a, c->art[a].day)) return *err = RASD_ENOMEM, 0;
  }
  return 1;
}

/* Grows the scratch weights by term id (c->dense, all zero between uses) to the vocabulary. */
static int dense_grow(rasd_corpus *c) {
  if (c->cap_dense >= c->terms.n) return 0;
  size_t nd = c->terms.cap > c->terms.n ? c->terms.cap : c->terms.n;
  double *d = realloc(c->dense, nd * sizeof *d);
  if (!d) return -1;
  memset(d + c->cap_dense, 0, (nd - c->cap_dense) * sizeof *d);
  c->dense = d; c->cap_dense = nd;
  return 0;
}

/* Grows c->dvt (all zero between uses) to the vocabulary. */
static int dvt_grow(rasd_corpus *c) {
  if (c->cap_dvt >= c->terms.n) return 0;
  size_t nd = c->terms.cap > c->terms.n ? c->terms.cap : c->terms.n;
  struct rasd__vt *d = realloc(c->dvt, nd * sizeof *d);
  if (!d) return -1;
  memset(d + c->cap_dvt, 0, (nd - c->cap_dvt) * sizeof *d);
  c->dvt = d; c->cap_dvt = nd;
  return 0;
}

static int link_one(rasd_corpus *c, uint32_t i, rasd__arena *ar) {
  rasd__art *a = &c->art[i];
  if (idf_grow(c)) return RASD_ENOMEM;
  if (c->n_linked + 1 > c->idf_n + c->idf_n / 64) c->idf_n = c->n_linked + 1, c->idf_ep++;
  int32_t day = a->day;
  if (day != RASD__NO_DAY && (c->cur_day == RASD__NO_DAY || day > c->cur_day)) c->cur_day = day;
  if (day == RASD__NO_DAY) day = c->cur_day;
  lfeat L;
  int rc = link_feat(c, i, ar, &L);
  if (rc) return rc;
  const rasd__rec *rp = &L.r;
  int64_t dup = c->o.single_story ? -1 : find_dup(c, i);
  int target = -1;
  uint32_t *cand = NULL, nc = 0;
  double *csc = NULL;
  if (c->o.single_story) target = c->n_st ? 0 : -1;
  else if (dup >= 0) {
    a->dup_of = (int32_t)dup;
    target = c->art[dup].story;
  } else {
    /* candidate stories through the inverted index, stale postings dropped on the way */
    if (c->cap_mark < c->n_st + 1) {
      size_t ncap = (c->n_st + 1) * 2;
      uint32_t *nm = realloc(c->mark, ncap * sizeof *nm);
      if (!nm) return RASD_ENOMEM;
      memset(nm + c->cap_mark, 0, (ncap - c->cap_mark) * sizeof *nm);
      c->mark = nm;
      uint32_t *nh = realloc(c->hits, ncap * sizeof *nh);
      if (!nh) return RASD_ENOMEM;
      c->hits = nh; c->cap_mark = ncap;
    }
    c->stamp++;
    cand = rasd__arena_alloc(ar, MAX_CAND * sizeof *cand);
    csc = rasd__arena_alloc(ar, MAX_CAND * sizeof *csc);
    if (!cand || !csc) return RASD_ENOMEM;
    double common = c->n_linked >= 500 ? COMMON_DF * c->n_linked : 1e18;
    for (uint32_t k = 0; k < L.nq; k++) {
      uint32_t t = L.q[k];
      if (t >= c->n_postv || c->terms.df[t] > common) continue;
      uint32_t *p = c->post[t], n = c->n_post[t];
      for (uint32_t j = n, seen = 0; j-- > 0 && seen < POST_SCAN; seen++) {
        /* closed or out of the window: from the compact array, not the story records (a cache miss each) */
        int32_t last = c->slast[p[j]];
        if (last == SL_CLOSED || (day != RASD__NO_DAY && last != RASD__NO_DAY && last < day - c->o.window_days))
          continue;
        if (c->mark[p[j]] != c->stamp) {
          if (nc == MAX_CAND) continue;
          c->mark[p[j]] = c->stamp, c->hits[p[j]] = 0, cand[nc++] = p[j];
        }
        c->hits[p[j]]++;
      }
    }
    /* score the candidates sharing the most query terms (newer stories first on ties) */
    if (nc > MAX_SCORED) {
      /* the first MAX_SCORED in that order (more hits, then the higher index: a key of both), kept sorted as the
       * candidates go by */
      uint64_t top[MAX_SCORED];
      uint32_t ntop = 0;
      for (uint32_t x = 0; x < nc; x++) {
        uint64_t k = (uint64_t)c->hits[cand[x]] << 32 | cand[x];
        if (ntop == MAX_SCORED && k <= top[ntop - 1]) continue;
        uint32_t y = ntop < MAX_SCORED ? ntop++ : ntop - 1;
        for (; y > 0 && top[y - 1] < k; y--) top[y] = top[y - 1];
        top[y] = k;
      }
      for (uint32_t x = 0; x < MAX_SCORED; x++) cand[x] = (uint32_t)top[x];
      nc = MAX_SCORED;
    }
    double best = c->o.threshold;
    /* the article's weights by term id for the centroid cosines (cleared again below; views use the same zeros) */
    const double *dn = NULL;
    if (nc && dense_grow(c) == 0) {
      for (uint32_t k = 0; k < rp->n_terms; k++) c->dense[rp->terms[k].id] = L.w[k];
      dn = c->dense;
    }
    /* and its link vectors, for the cosines with the stories' recent members */
    const struct rasd__vt *dvt = NULL;
    if (nc && dvt_grow(c) == 0) {
      for (uint32_t k = 0; k < L.nv; k++) c->dvt[L.lv[k].id].v = L.lv[k].w;
      for (uint32_t k = 0; k < L.nt; k++) c->dvt[L.tv[k].id].t = L.tv[k].w;
      dvt = c->dvt;
    }
    rasd__jart J; /* the article's part of the event test, once for all candidates */
    if (nc) rasd__join_prep(c, rp, L.lv, L.nv, &J);
    for (uint32_t k = 0; k < nc; k++) {
      double f[NF];
      double sc = story_score(c, &c->st[cand[k]], rp, a->outlet, L.w, dn, dvt, L.an, L.lv, L.nv, L.tv, L.nt, day, &J, f);
      csc[k] = sc;
      if (story_debug()) {
        const rasd__story *S = &c->st[cand[k]];
        fprintf(stderr, "score %s -> story %u: %.4f", a->id, cand[k] + 1, sc);
        for (int x = 0; x < NF; x++) fprintf(stderr, " %s %.4f", FNAME[x], f[x]);
        fprintf(stderr, " members");
        for (size_t x = 0; x < S->n_mem; x++) fprintf(stderr, " %s", c->art[S->mem[x]].id);
        fprintf(stderr, "\n");
      }
      if (sc > best || (sc == best && target >= 0 && cand[k] < (uint32_t)target)) best = sc, target = (int)cand[k];
    }
    if (dn)
      for (uint32_t k = 0; k < rp->n_terms; k++) c->dense[rp->terms[k].id] = 0;
    if (dvt) {
      for (uint32_t k = 0; k < L.nv; k++) c->dvt[L.lv[k].id].v = 0;
      for (uint32_t k = 0; k < L.nt; k++) c->dvt[L.tv[k].id].t = 0;
    }
  }
  if (target < 0 && (target = story_new(c)) < 0) return RASD_ENOMEM;
  rasd__story *s = &c->st[target];
  a->story = target;
  if (story_add_member(c, s, i, day)) return RASD_ENOMEM;
  a->voff = (uint32_t)c->n_vpool; a->vn = (uint8_t)L.nv; a->tn = (uint8_t)L.nt;
  a->nhloc = a->nhper = 0;
  for (uint32_t k = 0; k < rp->n_ent; k++) {
    const rasd__rent *e = &rp->ent[k];
    if (!e->head) continue;
    if (e->type == RASD_ENT_LOC && a->nhloc < 3) a->hloc[a->nhloc++] = e->key;
    if (e->type == RASD_ENT_PER && a->nhper < 3) a->hper[a->nhper++] = e->key;
  }
  if (story_debug() && (a->nhloc || a->nhper)) {
    fprintf(stderr, "headline of %s names", a->id);
    for (uint32_t k = 0; k < a->nhloc; k++) fprintf(stderr, " place %s", c->terms.str[a->hloc[k]] + 1);
    for (uint32_t k = 0; k < a->nhper; k++) fprintf(stderr, " person %s", c->terms.str[a->hper[k]] + 1);
    fprintf(stderr, "\n");
  }
  for (uint32_t k = 0; k < L.nv + L.nt; k++)
    if (RASD__VEC_PUSH(c->vpool, c->n_vpool, c->cap_vpool, L.lv[k])) return RASD_ENOMEM;
  if (a->dup_of < 0 && (rc = story_take(c, (uint32_t)target, i, &L, ar)) != RASD_OK) return rc;
  /* the other stories this article would have joined: the same happening started twice? (in candidate order) */
  double s_best = 0;
  for (uint32_t k = 0; k < nc; k++)
    if ((int)cand[k] == target) s_best = csc[k];
  if (a->dup_of < 0 && W.mg > 0)
    for (uint32_t k = 0; k < nc; k++) {
      if ((int)cand[k] == target || csc[k] < c->o.threshold || csc[k] < W.mr * s_best) continue;
      int err = 0;
      story_merge(c, (uint32_t)target, cand[k], ar, &err);
      if (err) return err;
    }
  if (a->dup_of < 0 && W.sp > 0) {
    int err = 0;
    story_split(c, (uint32_t)a->story, ar, &err);
    if (err) return err;
  }
  /* document frequencies, after scoring: the IDF an article sees is that of the articles before it */
  for (uint32_t k = 0; k < rp->n_terms; k++) c->terms.df[rp->terms[k].id]++;
  for (uint32_t k = 0; k < rp->n_ent; k++) {
    int seen = rp->ent[k].inst;
    for (uint32_t y = 0; y < k; y++) seen |= rp->ent[y].key == rp->ent[k].key;
    if (!seen) c->terms.df[rp->ent[k].key]++;
  }
  c->n_linked++;
  return RASD_OK;
}

/* Compares article ids in natural order: runs of digits by their value ("day:2" before "day:10", as the records of a
 * file come), the rest byte by byte; ids equal so (leading zeros) by their bytes. A file or feed read in batches thus
 * comes in publication order, and a later batch follows the articles already linked instead of going between them. */
static int cmp_id(const char *a, const char *b) {
  const char *a0 = a, *b0 = b;
  while (*a && *b) {
    if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
      while (*a == '0') a++;
      while (*b == '0') b++;
      const char *as = a, *bs = b;
      while (*a >= '0' && *a <= '9') a++;
      while (*b >= '0' && *b <= '9') b++;
      if (a - as != b - bs) return a - as < b - bs ? -1 : 1;
      int r = memcmp(as, bs, (size_t)(a - as));
      if (r) return r;
      continue;
    }
    if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
    a++, b++;
  }
  if (*a || *b) return *a ? 1 : -1;
  return strcmp(a0, b0);
}

/* Publication order: date, then id (natural order), then order of addition. */
static int cmp_art(const rasd_corpus *c, uint32_t x, uint32_t y) {
  const rasd__art *a = &c->art[x], *b = &c->art[y];
  int r = strcmp(a->date ? a->date : "", b->date ? b->date : "");
  if (!r && W.ord != 0) {
    uint64_t ka, kb;
    if (W.ord == 3) ka = (uint64_t)a->sig[0] << 16 | a->sig[1], kb = (uint64_t)b->sig[0] << 16 | b->sig[1];
    else {
      ka = a->len - strlen(a->id), kb = b->len - strlen(b->id);
      if (W.ord == 1) ka = ~ka, kb = ~kb;
    }
    r = ka == kb ? 0 : ka < kb ? -1 : 1;
  }
  if (!r) r = a->id == b->id ? 0 : cmp_id(a->id, b->id);
  if (!r && x != y) r = x < y ? -1 : 1;
  return r;
}

static rasd_corpus *sort_ctx;
static int cmp_pending(const void *x, const void *y) { return cmp_art(sort_ctx, *(const uint32_t *)x, *(const uint32_t *)y); }

/* Drops every link (stories, near-duplicate tables, document frequencies, link vectors) and makes every article
 * pending again, so that they are linked anew in publication order: what finishing does when an article to link
 * comes before one linked already, for the result of one batch over all of them. */
static int links_reset(rasd_corpus *c) {
  for (size_t i = 0; i < c->n_st; i++) story_free(&c->st[i]);
  c->n_st = 0;
  c->n_open = 0;
  for (size_t t = 0; t < c->n_postv; t++) c->n_post[t] = 0;
  memset(c->lsh_key, 0, c->lsh_cap * sizeof *c->lsh_key);
  c->lsh_n = 0;
  if (c->terms.df) memset(c->terms.df, 0, c->terms.n * sizeof *c->terms.df);
  c->n_linked = 0;
  c->idf_n = c->idf_ep = 0; /* the IDF cache is a pure function of (N, df): its entries stay right */
  c->n_vpool = 0;
  c->cur_day = RASD__NO_DAY;
  c->n_lord = 0;
  c->n_pending = 0;
  for (size_t i = 0; i < c->n_art; i++) {
    c->art[i].story = -1;
    c->art[i].dup_of = -1;
    c->art[i].voff = 0;
    c->art[i].vn = c->art[i].tn = 0;
    if (RASD__VEC_PUSH(c->pending, c->n_pending, c->cap_pending, (uint32_t)i)) return RASD_ENOMEM;
  }
  return RASD_OK;
}

/* Closes the open stories that fell out of the window (only the open list is walked). */
static void close_stale(rasd_corpus *c) {
  if (c->cur_day == RASD__NO_DAY) return;
  size_t m = 0;
  for (size_t k = 0; k < c->n_open; k++) {
    rasd__story *s = &c->st[c->open[k]];
    if (!s->closed && s->last_day != RASD__NO_DAY && s->last_day < c->cur_day - c->o.window_days) story_close(c, s);
    if (!s->closed) c->open[m++] = c->open[k];
  }
  c->n_open = m;
}

/* ---- storylines: union of stories that continue one another ---- */

static uint32_t uf_find(uint32_t *p, uint32_t x) {
  while (p[x] != x) p[x] = p[p[x]], x = p[x];
  return x;
}

static int storylines(rasd_corpus *c) {
  for (size_t i = 0; i < c->n_sl; i++) free(c->sl[i]);
  free(c->sl); free(c->sl_n);
  c->sl = NULL; c->sl_n = NULL; c->n_sl = 0;
  size_t ns = c->n_st;
  if (ns < 2 || c->o.no_storylines) return RASD_OK;
  int rc = RASD_ENOMEM;
  enum { K = 24 };
  uint32_t *items = malloc(ns * K * sizeof *items), *nit = calloc(ns, sizeof *nit);
  uint32_t *parent = malloc(ns * sizeof *parent), *hits = calloc(ns, sizeof *hits), *touched = malloc(ns * sizeof *touched);
  uint32_t **post = NULL, *npost = NULL, *cpost = NULL;
  size_t nv = c->terms.n;
  double *tmp = NULL;
  if (!items || !nit || !parent || !hits || !touched) goto done;
  post = calloc(nv + 1, sizeof *post); npost = calloc(nv + 1, sizeof *npost); cpost = calloc(nv + 1, sizeof *cpost);
  if (!post || !npost || !cpost) goto done;
  size_t maxc = 0;
  for (size_t s = 0; s < ns; s++) {
    maxc = c->st[s].n_cent > maxc ? c->st[s].n_cent : maxc;
    maxc = c->st[s].n_ents > maxc ? c->st[s].n_ents : maxc;
  }
  tmp = malloc((maxc + 1) * 2 * sizeof *tmp);
  if (!tmp) goto done;
  /* terms in more than 2% of the articles (and at least 50) say nothing about a storyline */
  double common = 0.02 * (double)c->n_linked > 50 ? 0.02 * (double)c->n_linked : 50;
  for (size_t s = 0; s < ns; s++) {
    parent[s] = (uint32_t)s;
    rasd__story *S = &c->st[s];
    uint32_t n = 0;
    /* a story's terms by their weight and their rarity now (the weights hold the IDF of when members joined) */
    for (uint32_t i = 0; i < S->n_cent; i++) tmp[2 * i] = S->cent[i].w * rasd__idf(c, S->cent[i].id), tmp[2 * i + 1] = i;
    uint32_t top = S->n_cent < 4 * K ? S->n_cent : 4 * K;
    top_k(tmp, S->n_cent, top);
    for (uint32_t i = 0; i < top && n < K - 8; i++) {
      uint32_t t = S->cent[(uint32_t)tmp[2 * i + 1]].id;
      if (c->terms.df[t] <= common) items[s * K + n++] = t;
    }
    /* the entities most of its articles name */
    for (uint32_t i = 0; i < S->n_ents; i++) tmp[2 * i] = S->ents[i].tf, tmp[2 * i + 1] = i;
    uint32_t etop = S->n_ents < 4 * K ? S->n_ents : 4 * K;
    top_k(tmp, S->n_ents, etop);
    for (uint32_t i = 0; i < etop && n < K; i++) {
      uint32_t t = S->ents[(uint32_t)tmp[2 * i + 1]].id;
      if (c->terms.df[t] <= common) items[s * K + n++] = t;
    }
    nit[s] = n;
  }
  for (size_t s = 0; s < ns; s++) {
    uint32_t nt = 0;
    for (uint32_t k = 0; k < nit[s]; k++) {
      uint32_t t = items[s * K + k];
      for (uint32_t j = 0; j < npost[t] && npost[t] <= 400; j++) {
        uint32_t o = post[t][j];
        if (!hits[o]++) touched[nt++] = o;
      }
    }
    for (uint32_t k = 0; k < nt; k++) {
      uint32_t o = touched[k];
      if (story_debug()) fprintf(stderr, "storyline? %zu~%u: %u shared terms\n", s + 1, o + 1, hits[o]);
      if (hits[o] >= 4 && uf_find(parent, o) != uf_find(parent, (uint32_t)s)) {
        /* cosine of the two centroids plus shared rare entities */
        rasd__story *A = &c->st[s], *B = &c->st[o];
        double dot = 0, na = 0, nb = 0;
        uint32_t i = 0, j = 0;
        while (i < A->n_cent || j < B->n_cent) {
          if (j >= B->n_cent || (i < A->n_cent && A->cent[i].id < B->cent[j].id)) {
            double x = A->cent[i].w; na += x * x; i++;
          } else if (i >= A->n_cent || B->cent[j].id < A->cent[i].id) {
            double y = B->cent[j].w; nb += y * y; j++;
          } else {
            double x = A->cent[i].w, y = B->cent[j].w;
            na += x * x; nb += y * y; dot += x * y; i++; j++;
          }
        }
        double cs = na > 0 && nb > 0 ? dot / sqrt(na * nb) : 0;
        uint32_t shared = 0, tot = A->n_ents < B->n_ents ? A->n_ents : B->n_ents;
        for (i = 0, j = 0; i < A->n_ents && j < B->n_ents;) {
          if (A->ents[i].id < B->ents[j].id) i++;
          else if (B->ents[j].id < A->ents[i].id) j++;
          else shared++, i++, j++;
        }
        double sc = cs + (tot ? 0.2 * shared / tot : 0);
        if (story_debug()) fprintf(stderr, "storyline %zu~%u: %.3f (cos %.3f, %u/%u entities)\n", s + 1, o + 1, sc, cs, shared, tot);
        if (sc >= c->o.storyline_threshold) parent[uf_find(parent, (uint32_t)s)] = uf_find(parent, o);
      }
      hits[o] = 0;
    }
    for (uint32_t k = 0; k < nit[s]; k++) {
      uint32_t t = items[s * K + k];
      if (npost[t] == cpost[t]) {
        uint32_t nc = cpost[t] ? cpost[t] * 2 : 4;
        uint32_t *np = realloc(post[t], nc * sizeof *np);
        if (!np) goto done;
        post[t] = np; cpost[t] = nc;
      }
      post[t][npost[t]++] = (uint32_t)s;
    }
  }
  /* groups of two or more, in order of their first story */
  for (size_t s = 0; s < ns; s++) hits[s] = 0;
  for (size_t s = 0; s < ns; s++) hits[uf_find(parent, (uint32_t)s)]++;
  for (size_t s = 0; s < ns; s++) touched[s] = UINT32_MAX;
  for (size_t s = 0; s < ns; s++) {
    uint32_t r = uf_find(parent, (uint32_t)s);
    if (hits[r] < 2) continue;
    if (touched[r] == UINT32_MAX) {
      int64_t **nsl = realloc(c->sl, (c->n_sl + 1) * sizeof *nsl);
      if (!nsl) goto done;
      c->sl = nsl;
      size_t *nn = realloc(c->sl_n, (c->n_sl + 1) * sizeof *nn);
      if (!nn) goto done;
      c->sl_n = nn;
      if (!(c->sl[c->n_sl] = malloc(hits[r] * sizeof **c->sl))) goto done;
      c->sl_n[c->n_sl] = 0;
      touched[r] = (uint32_t)c->n_sl++;
    }
    c->sl[touched[r]][c->sl_n[touched[r]]++] = (int64_t)s + 1;
  }
  rc = RASD_OK;
done:
  if (post)
    for (size_t t = 0; t <= nv; t++) free(post[t]);
  free(post); free(npost); free(cpost);
  free(items); free(nit); free(parent); free(hits); free(touched); free(tmp);
  return rc;
}

/* Links the pending articles: in publication order when 'sort', else in the order given (a loaded state replays
 * the saved order of linking). */
static int link_pending(rasd_corpus *c, int sort) {
  tune_load();
  sort_ctx = c;
  if (sort && c->n_pending) qsort(c->pending, c->n_pending, sizeof *c->pending, cmp_pending);
  rasd__arena *ar = NULL;
  int rc = RASD_OK;
  for (size_t k = 0; k < c->n_pending; k++) {
    /* a fresh arena per article: its first block is the one the last article freed, still in the cache */
    rasd__arena_free(ar);
    if (!(ar = rasd__arena_new(1 << 16))) return RASD_ENOMEM;
    if ((rc = link_one(c, c->pending[k], ar)) != RASD_OK) break;
    if (RASD__VEC_PUSH(c->lord, c->n_lord, c->cap_lord, c->pending[k])) { rc = RASD_ENOMEM; break; }
    if ((k & 1023) == 1023) {
      close_stale(c);
      if (c->o.progress) c->o.progress(c->o.progress_ud, k + 1, c->n_pending);
    }
  }
  rasd__arena_free(ar);
  if (rc) return rc;
  if (c->o.progress && c->n_pending) c->o.progress(c->o.progress_ud, c->n_pending, c->n_pending);
  c->n_pending = 0;
  close_stale(c);
  return RASD_OK;
}

int rasd_corpus_finish(rasd_corpus *c) {
  if (!c) return RASD_EINPUT;
  /* Articles that all come after the last one linked continue the links; one that comes before it (an older or
   * lower-numbered article in a later batch) has every article linked anew in publication order. */
  int rc = RASD_OK;
  if (c->n_pending && c->n_lord) {
    uint32_t first = c->pending[0];
    for (size_t k = 1; k < c->n_pending; k++)
      if (cmp_art(c, c->pending[k], first) < 0) first = c->pending[k];
    if (cmp_art(c, first, c->lord[c->n_lord - 1]) < 0) rc = links_reset(c);
  }
  if (rc == RASD_OK) rc = link_pending(c, 1);
  return rc ? rc : storylines(c);
}

size_t rasd_corpus_n_articles(const rasd_corpus *c) { return c ? c->n_art : 0; }
size_t rasd_corpus_n_stories(const rasd_corpus *c) { return c ? c->n_st : 0; }

int rasd_corpus_article(const rasd_corpus *c, size_t i, rasd_article_info *out) {
  if (!c || i >= c->n_art) return RASD_ENOENT;
  const rasd__art *a = &c->art[i];
  out->id = a->id; out->outlet = a->outlet; out->date = a->date; out->title = a->title;
  out->story = a->story >= 0 ? a->story + 1 : -1;
  out->duplicate_of = a->dup_of;
  return RASD_OK;
}

const uint32_t *rasd_corpus_story_articles(const rasd_corpus *c, int64_t id, size_t *n) {
  if (!c || id < 1 || (size_t)id > c->n_st) return NULL;
  *n = c->st[id - 1].n_mem;
  return c->st[id - 1].mem;
}

size_t rasd_corpus_storyline(const rasd_corpus *c, size_t k, const int64_t **ids, size_t *n) {
  if (!c) return 0;
  if (ids && k < c->n_sl) { *ids = c->sl[k]; *n = c->sl_n[k]; }
  return c->n_sl;
}

/* ---- state: the vocabulary, every record in link order, then the entity registry; loading replays the links ---- */

#define STATE_MAGIC "RASDSTO"  /* + the format version as one digit */
#define STATE_VERSION RASD_CORPUS_STATE_VERSION

#define SPLIT_MAGIC "RASDSTH"  /* the same without the records (a store keeps those apart: rasd__corpus_save_split) */

int rasd_corpus_state_version(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char m[8];
  int v = fread(m, 1, 8, f) == 8 && (!memcmp(m, STATE_MAGIC, 7) || !memcmp(m, SPLIT_MAGIC, 7)) && m[7] >= '1' && m[7] <= '9'
              ? m[7] - '0' : 0;
  fclose(f);
  return v;
}

int rasd_corpus_save(const rasd_corpus *c, const char *path) {
  FILE *f = fopen(path, "wb");
  if (!f) return RASD_EIO;
  int rc = rasd_corpus_save_file(c, f);
  if (fclose(f) && rc == RASD_OK) rc = RASD_EIO;
  return rc;
}

/* Writes the records of articles [from, to) of 'c' to 'f', each as its length (4 bytes) and its bytes. */
static int save_records(const rasd_corpus *c, size_t from, size_t to, FILE *f) {
  rasd_corpus *cc = (rasd_corpus *)c;
  unsigned char *buf = NULL;
  size_t bcap = 0;
  int ok = 1;
  for (size_t k = from; ok && k < to; k++) {
    const rasd__art *a = &c->art[k];
    if (a->len + 1 > bcap) {
      free(buf);
      if (!(buf = malloc(bcap = a->len + 1))) { ok = 0; break; }
    }
    const unsigned char *p = spill_get(cc, a->off, a->len, buf);
    ok = p && fwrite(&a->len, 4, 1, f) == 1 && fwrite(p, 1, a->len, f) == a->len;
  }
  free(buf);
  return ok;
}

/* The state, with the records inline ('inline_recs') or without them (a split state's head). */
static int save_state(const rasd_corpus *c, FILE *f, int inline_recs) {
  char magic[9];
  snprintf(magic, sizeof magic, "%s%d", inline_recs ? STATE_MAGIC : SPLIT_MAGIC, STATE_VERSION);
  int ok = fwrite(magic, 1, 8, f) == 8;
  uint64_t nv = c->terms.n, na = c->n_art;
  ok = ok && fwrite(&nv, 8, 1, f) == 1;
  for (size_t i = 0; ok && i < c->terms.n; i++) {
    uint32_t l = c->terms.len[i];
    ok = fwrite(&l, 4, 1, f) == 1 && fwrite(c->terms.str[i], 1, l, f) == l;
  }
  ok = ok && fwrite(&na, 8, 1, f) == 1;
  /* the records in order of addition (the order of the "articles" list), then the order they were linked in */
  if (inline_recs) ok = ok && save_records(c, 0, c->n_art, f);
  uint64_t nl = c->n_lord;
  ok = ok && fwrite(&nl, 8, 1, f) == 1 && (!nl || fwrite(c->lord, 4, nl, f) == nl);
  /* the registry, as one length-prefixed block */
  rasd__buf rb;
  rasd__buf_init(&rb);
  int rrc = ok && c->reg ? rasd__registry_save(c->reg, &rb) : RASD_OK;
  uint64_t rl = rb.len;
  if (rrc) ok = 0;
  ok = ok && fwrite(&rl, 8, 1, f) == 1 && (!rl || fwrite(rb.s, 1, rl, f) == rl);
  rasd__buf_free(&rb);
  if (fflush(f)) ok = 0;
  return ok ? RASD_OK : rrc ? rrc : RASD_EIO;
}

int rasd_corpus_save_file(const rasd_corpus *c, FILE *f) { return save_state(c, f, 1); }

int rasd__corpus_save_split(const rasd_corpus *c, FILE *head, size_t rec_from, FILE *recs) {
  int rc = save_state(c, head, 0);
  if (rc == RASD_OK && rec_from < c->n_art && (!save_records(c, rec_from, c->n_art, recs) || fflush(recs))) rc = RASD_EIO;
  return rc;
}

int rasd_corpus_load(const char *path, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out) {
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) return RASD_EIO;
  int rc = rasd_corpus_load_file(f, m, o, out);
  fclose(f);
  return rc;
}

static int load_state(FILE *f, FILE *recs, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out);

int rasd_corpus_load_file(FILE *f, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out) {
  return load_state(f, NULL, m, o, out);
}

int rasd__corpus_load_split(FILE *head, FILE *recs, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out) {
  return load_state(head, recs, m, o, out);
}

/* Reads a state from 'f': with the records inline when 'recs' is NULL, else a split state's head, its records read
 * from 'recs' (which must hold exactly those). */
static int load_state(FILE *f, FILE *recs, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out) {
  *out = NULL;
  rasd_corpus *c = rasd_corpus_new(m, o);
  char magic[8];
  uint64_t nv = 0, na = 0;
  int rc = RASD_EFORMAT;
  char *buf = NULL;
  uint8_t *seen = NULL;
  if (!c) return RASD_ENOMEM;
  char want[9];
  snprintf(want, sizeof want, "%s%d", recs ? SPLIT_MAGIC : STATE_MAGIC, STATE_VERSION);
  FILE *rf = recs ? recs : f;
  if (fread(magic, 1, 8, f) != 8 || memcmp(magic, want, 8) || fread(&nv, 8, 1, f) != 1) goto fail;
  for (uint64_t i = 0; i < nv; i++) {
    uint32_t l;
    if (fread(&l, 4, 1, f) != 1 || l > 0xffff) goto fail;
    char tmp[0x10000];
    if (fread(tmp, 1, l, f) != l || rasd__strtab_id(&c->terms, tmp, l, 1) != (int64_t)i) goto fail;
  }
  if (fread(&na, 8, 1, f) != 1) goto fail;
  for (uint64_t k = 0; k < na; k++) {
    uint32_t l;
    if (fread(&l, 4, 1, rf) != 1 || l > (1u << 30)) goto fail;
    char *nb = realloc(buf, l + 1);
    if (!nb) { rc = RASD_ENOMEM; goto fail; }
    buf = nb;
    if (fread(buf, 1, l, rf) != l) goto fail;
    if ((rc = add_record(c, buf, l)) != RASD_OK) goto fail;
    rc = RASD_EFORMAT;
  }
  /* the saved order of linking: a permutation of some of the articles (those linked when it was saved); checked, but
   * the articles are linked again in publication order (the saved order, when they were linked as one batch) */
  uint64_t nl;
  if (fread(&nl, 8, 1, f) != 1 || nl > na) goto fail;
  if (!(seen = calloc(na + 1, 1))) { rc = RASD_ENOMEM; goto fail; }
  for (uint64_t k = 0; k < nl; k++) {
    uint32_t x;
    if (fread(&x, 4, 1, f) != 1 || x >= na || seen[x]) goto fail;
    seen[x] = 1;
  }
  uint64_t rl;
  if (fread(&rl, 8, 1, f) != 1 || rl > (1ull << 34)) goto fail;
  if (rl) {
    char *nb = realloc(buf, rl);
    if (!nb) { rc = RASD_ENOMEM; goto fail; }
    buf = nb;
    if (fread(buf, 1, rl, f) != rl) goto fail;
    if ((rc = rasd__registry_load(c->reg, (const unsigned char *)buf, rl)) != RASD_OK) goto fail;
  }
  if (fgetc(f) != EOF || (recs && fgetc(recs) != EOF)) { rc = RASD_EFORMAT; goto fail; }
  free(buf);
  free(seen);
  /* every article is pending (in order of addition): the next finish links them with the articles added meanwhile,
   * in publication order, as one batch over all of them would; linking them now would be done twice whenever a new
   * article comes before a saved one */
  *out = c;
  return RASD_OK;
fail:
  free(buf);
  free(seen);
  rasd_corpus_free(c);
  return rc;
}
