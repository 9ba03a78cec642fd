/* corpus.c — the link stage: near-duplicates by MinHash LSH, online story clustering via an inverted index, storylines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "story/story_int.h"

/* Defaults (tuned on eval/stories-dev.tsv and the seeds; see eval/stories_dev.sh). */
#define DEF_THRESHOLD 0.35
#define DEF_WINDOW 7
#define DEF_DUP 0.6
#define DEF_SL 0.22
#define W_ENT 0.5    /* text similarity × (1 + W_ENT × share of the article's entity weight in the story) */
#define W_ENT_ADD 0.15 /* … plus this much of that share: the same people and places within days */
#define W_DATE 0.08  /* a full date mentioned by both */
#define W_TIME 0.005 /* per day between the article and the story's last article */
#define QTERMS 14    /* query terms per article for candidate stories */
#define MAX_CAND 48
#define CLOSED_TERMS 60

/* RASD_STORY_DEBUG=1 prints link scores on stderr (for tuning). */
static int story_debug(void) {
  static int d = -1;
  if (d < 0) d = getenv("RASD_STORY_DEBUG") != NULL;
  return d;
}

static const rasd_corpus_opts *opts_or_default(const rasd_corpus_opts *o, rasd_corpus_opts *tmp) {
  memset(tmp, 0, sizeof *tmp);
  if (o) *tmp = *o;
  if (tmp->threshold <= 0) tmp->threshold = DEF_THRESHOLD;
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
  c->strs = rasd__arena_new(1 << 16);
  c->spill = tmpfile();
  c->reg = rasd_registry_new(m);
  if (!c->reg || rasd__strtab_init(&c->terms) || !c->lsh_key || !c->lsh_art || !c->strs || !c->spill) {
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
  free(c->st);
  for (size_t i = 0; i < c->n_postv; i++) free(c->post[i]);
  free(c->post); free(c->n_post); free(c->cap_post);
  free(c->mark);
  free(c->art); free(c->pending);
  free(c->lsh_key); free(c->lsh_art);
  for (size_t i = 0; i < c->n_sl; i++) free(c->sl[i]);
  free(c->sl); free(c->sl_n);
  if (c->spill) fclose(c->spill);
  rasd_registry_free(c->reg);
  free(c->idf_val); free(c->idf_at);
  rasd__strtab_free(&c->terms);
  rasd__arena_free(c->strs);
  free(c);
}

/* Appends record bytes to the spill file and registers the article as pending. */
static int add_record(rasd_corpus *c, const char *rec, size_t len) {
  rasd__arena *ar = rasd__arena_new(1024);
  rasd__rec r;
  if (!ar) return RASD_ENOMEM;
  int rc = rasd__rec_decode((const unsigned char *)rec, len, ar, &r);
  if (rc) { rasd__arena_free(ar); return rc; }
  if (c->n_art == c->cap_art) {
    size_t nc = c->cap_art ? c->cap_art * 2 : 256;
    rasd__art *na = realloc(c->art, nc * sizeof *na);
    if (!na) { rasd__arena_free(ar); return RASD_ENOMEM; }
    c->art = na; c->cap_art = nc;
  }
  rasd__art *a = &c->art[c->n_art];
  memset(a, 0, sizeof *a);
  a->id = rasd__arena_strdup(c->strs, r.id ? r.id : "");
  a->outlet = rasd__arena_strdup(c->strs, r.outlet);
  a->date = rasd__arena_strdup(c->strs, r.date);
  a->title = rasd__arena_strdup(c->strs, r.title);
  a->day = rasd__day(r.date);
  a->story = -1; a->dup_of = -1;
  a->has_sig = (uint8_t)r.has_sig;
  memcpy(a->sig, r.sig, sizeof a->sig);
  rasd__arena_free(ar);
  if (fseeko(c->spill, (off_t)c->spill_end, SEEK_SET) || fwrite(rec, 1, len, c->spill) != len) return RASD_EIO;
  a->off = c->spill_end; a->len = (uint32_t)len;
  c->spill_end += len;
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
    rc = rasd__rec_build(&c->terms, d, a, ids, &b);
    free(ids);
    if (rc == RASD_OK) rc = b.len > 0xffffffffu ? RASD_ETOOBIG : add_record(c, b.s, b.len);
  }
  rasd__buf_free(&b);
  rasd_analysis_free(a);
  rasd_doc_free(d);
  return rc;
}

int rasd__corpus_rec(rasd_corpus *c, size_t i, rasd__arena *ar, rasd__rec *r) {
  const rasd__art *a = &c->art[i];
  unsigned char *p = rasd__arena_alloc(ar, a->len + 1);
  if (!p) return RASD_ENOMEM;
  fflush(c->spill);
  if (fseeko(c->spill, (off_t)a->off, SEEK_SET) || fread(p, 1, a->len, c->spill) != a->len) return RASD_EIO;
  return rasd__rec_decode(p, a->len, ar, r);
}

double rasd__idf(const rasd_corpus *c, uint32_t t) {
  if (t < c->idf_cap && c->idf_at[t] == c->n_linked + 1) return c->idf_val[t];
  double df = t < c->terms.n ? c->terms.df[t] : 0;
  double v = log(1 + (c->n_linked + 1.0) / (df + 0.5));
  if (t < c->idf_cap) c->idf_val[t] = (float)v, c->idf_at[t] = c->n_linked + 1;
  return t < c->idf_cap ? c->idf_val[t] : v;
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
  for (int b = 0; b < RASD__BANDS; b++) {
    uint64_t k = band_key(a->sig, b);
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
    uint64_t k = band_key(a->sig, b);
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

static int cmp_w_desc(const void *a, const void *b) {
  const double *x = a, *y = b;
  return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

/* The article's weighted vector: w = (1 + ln tf) · idf; returns the norm. */
static double art_vec(const rasd_corpus *c, const rasd__rec *r, double *w) {
  double nn = 0;
  for (uint32_t i = 0; i < r->n_terms; i++) {
    w[i] = (1 + log((double)r->terms[i].tf)) * rasd__idf(c, r->terms[i].id);
    nn += w[i] * w[i];
  }
  return sqrt(nn);
}

static double story_cos(const rasd_corpus *c, const rasd__story *s, const rasd__rec *r, const double *w, double an) {
  double dot = 0, sn = 0;
  uint32_t i = 0, j = 0;
  while (i < s->n_cent) {
    double sw = s->cent[i].tf / 100.0 * rasd__idf(c, s->cent[i].id);
    sn += sw * sw;
    while (j < r->n_terms && r->terms[j].id < s->cent[i].id) j++;
    if (j < r->n_terms && r->terms[j].id == s->cent[i].id) dot += sw * w[j];
    i++;
  }
  return an > 0 && sn > 0 ? dot / (an * sqrt(sn)) : 0;
}

static double story_score(const rasd_corpus *c, const rasd__story *s, const rasd__rec *r, const double *w, double an,
                          int32_t day) {
  double cs = story_cos(c, s, r, w, an);
  /* shared entities weighted by rarity (IDF), as a share of the article's own entity weight; it scales
   * the text similarity rather than adding to it, so that naming the same country is no story */
  double ent = 0, etot = 0;
  for (uint32_t i = 0; i < r->n_ent; i++) {
    int dup = 0;
    for (uint32_t k = 0; k < i && !dup; k++) dup = r->ent[k].key == r->ent[i].key;
    if (dup) continue;
    double idf = rasd__idf(c, r->ent[i].key);
    etot += idf;
    for (uint32_t k = 0; k < s->n_ents; k++)
      if (s->ents[k].id == r->ent[i].key) { ent += idf; break; }
  }
  double share = etot > 0 ? ent / etot : 0;
  double sc = cs * (1 + W_ENT * share) + W_ENT_ADD * share;
  int shared_day = 0;
  for (uint32_t i = 0; i < r->n_days && !shared_day; i++)
    for (uint32_t k = 0; k < s->n_days; k++)
      if (s->days[k] == r->days[i]) { shared_day = 1; break; }
  sc += shared_day * W_DATE;
  if (day != RASD__NO_DAY && s->last_day != RASD__NO_DAY) sc -= W_TIME * abs(day - s->last_day);
  return sc;
}

static int story_new(rasd_corpus *c) {
  if (c->n_st == c->cap_st) {
    size_t nc = c->cap_st ? c->cap_st * 2 : 256;
    rasd__story *ns = realloc(c->st, nc * sizeof *ns);
    if (!ns) return -1;
    c->st = ns; c->cap_st = nc;
  }
  memset(&c->st[c->n_st], 0, sizeof c->st[0]);
  c->st[c->n_st].first_day = c->st[c->n_st].last_day = RASD__NO_DAY;
  return (int)c->n_st++;
}

static int story_add_member(rasd_corpus *c, rasd__story *s, uint32_t i, int32_t day) {
  if (RASD__VEC_PUSH(s->mem, s->n_mem, s->cap_mem, i)) return -1;
  if (day != RASD__NO_DAY) {
    if (s->first_day == RASD__NO_DAY || day < s->first_day) s->first_day = day;
    if (s->last_day == RASD__NO_DAY || day > s->last_day) s->last_day = day;
  }
  (void)c;
  return 0;
}

/* Keeps a closed story small: its strongest terms only. */
static void story_close(rasd_corpus *c, rasd__story *s) {
  s->closed = 1;
  if (s->n_cent <= CLOSED_TERMS) return;
  double *tmp = malloc(s->n_cent * 2 * sizeof *tmp);
  if (!tmp) return;
  for (uint32_t i = 0; i < s->n_cent; i++) tmp[2 * i] = s->cent[i].tf * rasd__idf(c, s->cent[i].id), tmp[2 * i + 1] = i;
  qsort(tmp, s->n_cent, 2 * sizeof *tmp, cmp_w_desc);
  double cut = tmp[2 * (CLOSED_TERMS - 1)];
  uint32_t k = 0;
  for (uint32_t i = 0; i < s->n_cent; i++) {
    double wv = s->cent[i].tf * rasd__idf(c, s->cent[i].id);
    if (wv >= cut && k < CLOSED_TERMS) s->cent[k++] = s->cent[i];
  }
  s->n_cent = k;
  free(tmp);
}

/* Grows the IDF cache to the vocabulary (entries at N = 0 are stale by construction). */
static int idf_grow(rasd_corpus *c) {
  if (c->idf_cap >= c->terms.n) return 0;
  size_t nc = c->terms.cap;
  float *v = realloc(c->idf_val, nc * sizeof *v);
  if (!v) return -1;
  c->idf_val = v;
  uint32_t *at = realloc(c->idf_at, nc * sizeof *at);
  if (!at) return -1;
  c->idf_at = at;
  memset(at + c->idf_cap, 0, (nc - c->idf_cap) * sizeof *at);
  c->idf_cap = nc;
  return 0;
}

static int link_one(rasd_corpus *c, uint32_t i, rasd__arena *ar) {
  rasd__art *a = &c->art[i];
  if (idf_grow(c)) return RASD_ENOMEM;
  rasd__rec r;
  int rc = rasd__corpus_rec(c, i, ar, &r);
  if (rc) return rc;
  int32_t day = a->day;
  if (day != RASD__NO_DAY && (c->cur_day == RASD__NO_DAY || day > c->cur_day)) c->cur_day = day;
  if (day == RASD__NO_DAY) day = c->cur_day;
  int64_t dup = c->o.single_story ? -1 : find_dup(c, i);
  int target = -1;
  double *w = rasd__arena_alloc(ar, (r.n_terms + 1) * sizeof *w);
  if (!w) return RASD_ENOMEM;
  double an = art_vec(c, &r, w);
  /* query terms: the article's strongest terms, plus its entities */
  uint32_t nq = 0;
  uint32_t *q = rasd__arena_alloc(ar, (QTERMS + r.n_ent + 1) * sizeof *q);
  double *ord = rasd__arena_alloc(ar, (r.n_terms + 1) * 2 * sizeof *ord);
  if (!q || !ord) return RASD_ENOMEM;
  for (uint32_t k = 0; k < r.n_terms; k++) ord[2 * k] = w[k], ord[2 * k + 1] = k;
  qsort(ord, r.n_terms, 2 * sizeof *ord, cmp_w_desc);
  /* query with the strongest terms already seen (a new term has no story yet); index under the strongest of all */
  uint32_t nx = 0;
  uint32_t *ix = rasd__arena_alloc(ar, (QTERMS + r.n_ent + 1) * sizeof *ix);
  if (!ix) return RASD_ENOMEM;
  for (uint32_t k = 0; k < r.n_terms && (nq < QTERMS || nx < QTERMS); k++) {
    uint32_t t = r.terms[(uint32_t)ord[2 * k + 1]].id;
    if (nx < QTERMS) ix[nx++] = t;
    if (nq < QTERMS && c->terms.df[t]) q[nq++] = t;
  }
  for (uint32_t k = 0; k < r.n_ent; k++) q[nq++] = r.ent[k].key, ix[nx++] = r.ent[k].key;
  if (c->o.single_story) target = c->n_st ? 0 : -1;
  else if (dup >= 0) {
    a->dup_of = (int32_t)dup;
    target = c->art[dup].story;
  } else {
    /* candidate stories through the inverted index, stale postings dropped on the way */
    if (c->cap_mark < c->n_st + 1) {
      size_t nc = (c->n_st + 1) * 2;
      uint32_t *nm = realloc(c->mark, nc * sizeof *nm);
      if (!nm) return RASD_ENOMEM;
      memset(nm + c->cap_mark, 0, (nc - c->cap_mark) * sizeof *nm);
      c->mark = nm; c->cap_mark = nc;
    }
    c->stamp++;
    uint32_t *cand = rasd__arena_alloc(ar, MAX_CAND * sizeof *cand);
    uint32_t nc = 0;
    if (!cand) return RASD_ENOMEM;
    for (uint32_t k = 0; k < nq; k++) {
      uint32_t t = q[k];
      if (t >= c->n_postv) continue;
      uint32_t *p = c->post[t], m = 0;
      for (uint32_t j = 0; j < c->n_post[t]; j++) {
        rasd__story *s = &c->st[p[j]];
        if (s->closed || (day != RASD__NO_DAY && s->last_day != RASD__NO_DAY && s->last_day < day - c->o.window_days))
          continue;
        p[m++] = p[j];
        if (c->mark[p[j]] != c->stamp && nc < MAX_CAND) c->mark[p[j]] = c->stamp, cand[nc++] = p[j];
      }
      c->n_post[t] = m;
    }
    double best = c->o.threshold;
    for (uint32_t k = 0; k < nc; k++) {
      double sc = story_score(c, &c->st[cand[k]], &r, w, an, day);
      if (story_debug())
        fprintf(stderr, "score %s -> story %u (%s): %.3f cos %.3f\n", a->id, cand[k] + 1, c->art[c->st[cand[k]].mem[0]].id, sc,
                story_cos(c, &c->st[cand[k]], &r, w, an));
      if (sc > best || (sc == best && target >= 0 && cand[k] < (uint32_t)target)) best = sc, target = (int)cand[k];
    }
  }
  if (target < 0 && (target = story_new(c)) < 0) return RASD_ENOMEM;
  rasd__story *s = &c->st[target];
  a->story = target;
  if (story_add_member(c, s, i, day)) return RASD_ENOMEM;
  if (a->dup_of < 0) {
    s->n_orig++;
    rasd__tf *add = rasd__arena_alloc(ar, (r.n_terms + 1) * sizeof *add);
    if (!add) return RASD_ENOMEM;
    for (uint32_t k = 0; k < r.n_terms; k++) add[k].id = r.terms[k].id, add[k].tf = (uint32_t)(100 * (1 + log((double)r.terms[k].tf)));
    if (merge_tf(&s->cent, &s->n_cent, &s->cap_cent, add, r.n_terms)) return RASD_ENOMEM;
    for (uint32_t k = 0; k < r.n_ent; k++) add[k].id = r.ent[k].key, add[k].tf = 1;
    /* entity ids may repeat within an article: sort and fold before merging */
    for (uint32_t x = 1; x < r.n_ent; x++)
      for (uint32_t y = x; y > 0 && add[y - 1].id > add[y].id; y--) { rasd__tf t = add[y]; add[y] = add[y - 1]; add[y - 1] = t; }
    uint32_t ne = 0;
    for (uint32_t k = 0; k < r.n_ent; k++)
      if (!ne || add[ne - 1].id != add[k].id) add[ne++] = add[k];
    if (merge_tf(&s->ents, &s->n_ents, &s->cap_ents, add, ne)) return RASD_ENOMEM;
    for (uint32_t k = 0; k < r.n_days && s->n_days < 64; k++) {
      int seen = 0;
      for (uint32_t y = 0; y < s->n_days; y++) seen |= s->days[y] == r.days[k];
      if (!seen && RASD__VEC_PUSH(s->days, s->n_days, s->cap_days, r.days[k])) return RASD_ENOMEM;
    }
    for (uint32_t k = 0; k < nx; k++)
      if (post_add(c, ix[k], (uint32_t)target)) return RASD_ENOMEM;
  }
  /* document frequencies, after scoring: the IDF an article sees is that of the articles before it */
  for (uint32_t k = 0; k < r.n_terms; k++) c->terms.df[r.terms[k].id]++;
  for (uint32_t k = 0; k < r.n_ent; k++) {
    int seen = 0;
    for (uint32_t y = 0; y < k; y++) seen |= r.ent[y].key == r.ent[k].key;
    if (!seen) c->terms.df[r.ent[k].key]++;
  }
  c->n_linked++;
  return RASD_OK;
}

static rasd_corpus *sort_ctx;
static int cmp_pending(const void *x, const void *y) {
  const rasd__art *a = &sort_ctx->art[*(const uint32_t *)x], *b = &sort_ctx->art[*(const uint32_t *)y];
  int r = strcmp(a->date ? a->date : "", b->date ? b->date : "");
  if (!r) r = strcmp(a->id, b->id);
  if (!r) r = *(const uint32_t *)x < *(const uint32_t *)y ? -1 : 1;
  return r;
}

static void close_stale(rasd_corpus *c) {
  if (c->cur_day == RASD__NO_DAY) return;
  for (size_t s = 0; s < c->n_st; s++)
    if (!c->st[s].closed && c->st[s].last_day != RASD__NO_DAY && c->st[s].last_day < c->cur_day - c->o.window_days)
      story_close(c, &c->st[s]);
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
  for (size_t s = 0; s < ns; s++) maxc = c->st[s].n_cent > maxc ? c->st[s].n_cent : maxc;
  tmp = malloc((maxc + 1) * 2 * sizeof *tmp);
  if (!tmp) goto done;
  /* terms in more than 2% of the articles (and at least 50) say nothing about a storyline */
  double common = 0.02 * (double)c->n_linked > 50 ? 0.02 * (double)c->n_linked : 50;
  for (size_t s = 0; s < ns; s++) {
    parent[s] = (uint32_t)s;
    rasd__story *S = &c->st[s];
    uint32_t n = 0;
    for (uint32_t i = 0; i < S->n_cent; i++) tmp[2 * i] = S->cent[i].tf * rasd__idf(c, S->cent[i].id), tmp[2 * i + 1] = i;
    qsort(tmp, S->n_cent, 2 * sizeof *tmp, cmp_w_desc);
    for (uint32_t i = 0; i < S->n_cent && n < K - 8; i++) {
      uint32_t t = S->cent[(uint32_t)tmp[2 * i + 1]].id;
      if (c->terms.df[t] <= common) items[s * K + n++] = t;
    }
    for (uint32_t i = 0; i < S->n_ents && n < K; i++)
      if (c->terms.df[S->ents[i].id] <= common) items[s * K + n++] = S->ents[i].id;
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
      if (hits[o] >= 4 && uf_find(parent, o) != uf_find(parent, (uint32_t)s)) {
        /* cosine of the two centroids plus shared rare entities */
        rasd__story *A = &c->st[s], *B = &c->st[o];
        double dot = 0, na = 0, nb = 0;
        uint32_t i = 0, j = 0;
        while (i < A->n_cent || j < B->n_cent) {
          if (j >= B->n_cent || (i < A->n_cent && A->cent[i].id < B->cent[j].id)) {
            double x = A->cent[i].tf * rasd__idf(c, A->cent[i].id); na += x * x; i++;
          } else if (i >= A->n_cent || B->cent[j].id < A->cent[i].id) {
            double y = B->cent[j].tf * rasd__idf(c, B->cent[j].id); nb += y * y; j++;
          } else {
            double idf = rasd__idf(c, A->cent[i].id), x = A->cent[i].tf * idf, y = B->cent[j].tf * idf;
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

int rasd_corpus_finish(rasd_corpus *c) {
  if (!c) return RASD_EINPUT;
  sort_ctx = c;
  if (c->n_pending) qsort(c->pending, c->n_pending, sizeof *c->pending, cmp_pending);
  rasd__arena *ar = NULL;
  int rc = RASD_OK;
  for (size_t k = 0; k < c->n_pending; k++) {
    if (!ar || rasd__arena_used(ar) > (1u << 22)) {
      rasd__arena_free(ar);
      if (!(ar = rasd__arena_new(1 << 16))) return RASD_ENOMEM;
    }
    if ((rc = link_one(c, c->pending[k], ar)) != RASD_OK) break;
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
  return storylines(c);
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

/* ---- state: the vocabulary and every record in link order; loading replays the links ---- */

int rasd_corpus_save(const rasd_corpus *c, const char *path) {
  FILE *f = fopen(path, "wb");
  if (!f) return RASD_EIO;
  rasd_corpus *cc = (rasd_corpus *)c;
  int ok = fwrite("RASDSTO1", 1, 8, f) == 8;
  uint64_t nv = c->terms.n, na = c->n_art;
  ok = ok && fwrite(&nv, 8, 1, f) == 1;
  for (size_t i = 0; ok && i < c->terms.n; i++) {
    uint32_t l = c->terms.len[i];
    ok = fwrite(&l, 4, 1, f) == 1 && fwrite(c->terms.str[i], 1, l, f) == l;
  }
  ok = ok && fwrite(&na, 8, 1, f) == 1;
  /* link order: stories' members interleave, so rebuild it from the per-article order of linking */
  uint32_t *ord = malloc((c->n_art + 1) * sizeof *ord);
  unsigned char *buf = NULL;
  size_t bcap = 0;
  if (!ord) ok = 0;
  for (size_t i = 0; ok && i < c->n_art; i++) ord[i] = (uint32_t)i;
  sort_ctx = cc;
  if (ok && c->n_art) qsort(ord, c->n_art, sizeof *ord, cmp_pending);
  fflush(cc->spill);
  for (size_t k = 0; ok && k < c->n_art; k++) {
    const rasd__art *a = &c->art[ord[k]];
    if (a->len + 1 > bcap) {
      free(buf);
      if (!(buf = malloc(bcap = a->len + 1))) { ok = 0; break; }
    }
    ok = fseeko(cc->spill, (off_t)a->off, SEEK_SET) == 0 && fread(buf, 1, a->len, cc->spill) == a->len &&
         fwrite(&a->len, 4, 1, f) == 1 && fwrite(buf, 1, a->len, f) == a->len;
  }
  free(buf);
  free(ord);
  if (fclose(f)) ok = 0;
  return ok ? RASD_OK : RASD_EIO;
}

int rasd_corpus_load(const char *path, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out) {
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) return RASD_EIO;
  rasd_corpus *c = rasd_corpus_new(m, o);
  char magic[8];
  uint64_t nv = 0, na = 0;
  int rc = RASD_EFORMAT;
  char *buf = NULL;
  if (!c) { fclose(f); return RASD_ENOMEM; }
  if (fread(magic, 1, 8, f) != 8 || memcmp(magic, "RASDSTO1", 8) || fread(&nv, 8, 1, f) != 1) goto fail;
  for (uint64_t i = 0; i < nv; i++) {
    uint32_t l;
    if (fread(&l, 4, 1, f) != 1 || l > 0xffff) goto fail;
    char tmp[0x10000];
    if (fread(tmp, 1, l, f) != l || rasd__strtab_id(&c->terms, tmp, l, 1) != (int64_t)i) goto fail;
  }
  if (fread(&na, 8, 1, f) != 1) goto fail;
  for (uint64_t k = 0; k < na; k++) {
    uint32_t l;
    if (fread(&l, 4, 1, f) != 1 || l > (1u << 30)) goto fail;
    char *nb = realloc(buf, l + 1);
    if (!nb) { rc = RASD_ENOMEM; goto fail; }
    buf = nb;
    if (fread(buf, 1, l, f) != l) goto fail;
    if ((rc = add_record(c, buf, l)) != RASD_OK) goto fail;
    rc = RASD_EFORMAT;
  }
  free(buf);
  fclose(f);
  if ((rc = rasd_corpus_finish(c)) != RASD_OK) { rasd_corpus_free(c); return rc; }
  *out = c;
  return RASD_OK;
fail:
  free(buf);
  fclose(f);
  rasd_corpus_free(c);
  return rc;
}
