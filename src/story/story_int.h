/* story_int.h — internal interface of the story stage: interned terms, compact article records, corpus state, views. */
#ifndef RASD_STORY_INT_H
#define RASD_STORY_INT_H
#include <stdio.h>
#include "rasd.h"
#include "util/util.h"

#define RASD__SIG_N 64     /* MinHash values per article */
#define RASD__BANDS 16     /* LSH bands of RASD__SIG_N / RASD__BANDS rows */
#define RASD__NO_DAY INT32_MIN

/* String interner: id ↔ bytes, open addressing; ids are dense from 0. */
typedef struct rasd__strtab {
  char **str;
  uint32_t *len;
  uint32_t *df;        /* document frequency (articles linked so far) */
  uint32_t *hash;      /* hash of each string, to skip most comparisons */
  uint8_t *num;        /* 1 when the string begins with a digit 0-9 (a number term): read without the string */
  size_t n, cap;
  uint64_t *slot;      /* hash << 32 | (id + 1), 0 = empty */
  size_t nslot;
  rasd__arena *ar;
} rasd__strtab;
int rasd__strtab_init(rasd__strtab *t);
void rasd__strtab_free(rasd__strtab *t);
/* Returns the id of 's', adding it when 'add' (−1 when absent or out of memory). */
int64_t rasd__strtab_id(rasd__strtab *t, const char *s, size_t len, int add);

/* Sentence flags. */
#define RASD__S_DATE 0x01   /* holds a resolved date */
#define RASD__S_QUOTE 0x02  /* holds (part of) a quotation */
#define RASD__S_ATTR 0x04   /* attributed: a reporting verb or source */
#define RASD__S_NUM 0x08    /* holds a quantity */
#define RASD__S_TITLE 0x10  /* the headline */
#define RASD__S_PARA 0x20   /* the first sentence of a paragraph */

typedef struct { uint32_t id; uint32_t tf; } rasd__tf;

typedef struct rasd__rsent {
  const char *text; uint32_t len;
  uint32_t *terms; uint32_t n_terms;   /* distinct term ids */
  uint32_t pos, flags;
} rasd__rsent;

typedef struct rasd__revent { const char *date; uint32_t sent; } rasd__revent;
typedef struct rasd__rquote { const char *speaker, *key, *cue, *text; uint32_t direct, sent; } rasd__rquote;
typedef struct rasd__rquant { double value; const char *unit, *text; uint32_t sent; } rasd__rquant;
/* An entity of an article: 'key' links stories (the spelling-variant key: the same whatever else was read before,
 * so that incremental runs link as batch runs do); 'vkey' shows it (the corpus registry's "r<id>" when known). */
typedef struct rasd__rent { uint32_t key, vkey; uint32_t type, n, head, inst; const char *canonical, *en; } rasd__rent;
#define RASD__ENT_HEAD 0x100  /* on an entity's type in the record: the headline names it ('head' once decoded) */
#define RASD__ENT_INST 0x200  /* on an entity's type in the record: a public body ('inst' once decoded) */
/* The 'vkey' of a family entry: after an article's entities, one entry per family name its people share (بن لادن of
 * سعد بن لادن and محمد بن عوض بن لادن; see family_word() in features.c), whose 'key' links two articles that name
 * members of one family, weaker than one person (W.fam); no entity to show, so views skip it. */
#define RASD__VKEY_FAMILY UINT32_MAX

/* One article's record as decoded from the spill file (all pointers into 'ar'). */
typedef struct rasd__rec {
  const char *id, *outlet, *date, *title, *url;
  rasd__tf *terms; uint32_t n_terms;           /* content stems with counts (title counted double) */
  uint16_t sig[RASD__SIG_N]; uint32_t has_sig;  /* MinHash of word shingles */
  int32_t *days; uint32_t n_days;               /* full dates mentioned (days since 1970) */
  rasd__rsent *sent; uint32_t n_sent;
  rasd__revent *ev; uint32_t n_ev;
  rasd__rquote *q; uint32_t n_q;
  rasd__rquant *qt; uint32_t n_qt;
  rasd__rent *ent; uint32_t n_ent;
} rasd__rec;

/* Builds the record of 'd' + 'a' (a may be NULL) with outlet 'outlet' (may be NULL) into 'out' (bytes), interning terms into 'terms'; 'reg_ids' (may be
 * NULL) gives the corpus entity id of each a->entities[i] (−1: none), used as the entity key "r<id>". */
int rasd__rec_build(rasd__strtab *terms, const rasd_doc *d, const char *outlet, const rasd_analysis *a, const int32_t *reg_ids,
                    rasd__buf *out);
/* Returns the outlet of 'd' (malloc'd; NULL when unknown): its outlet field, else the outlet its byline or credits
 * name ("نايف عبدالله – عين اليوم"), else the directory of a single-article file when that names something. */
char *rasd__derive_outlet(const rasd_models *m, const rasd_doc *d);
/* Decodes record bytes 'p'/'n' into 'r', allocating from 'ar'. Returns RASD_OK or RASD_EFORMAT. */
int rasd__rec_decode(const unsigned char *p, size_t n, rasd__arena *ar, rasd__rec *r);
/* The same; with 'full' 0 only what linking reads (terms, MinHash, dates, the headline's terms, entity keys and
 * types): no strings, no events, quotes or quantities, and the sentences' terms only for the first sentence. */
int rasd__rec_decode_ex(const unsigned char *p, size_t n, rasd__arena *ar, rasd__rec *r, int full);
/* Decodes only the header of record bytes 'p'/'n' (id, outlet, date, title, url, MinHash) into 'r'. */
int rasd__rec_head(const unsigned char *p, size_t n, rasd__arena *ar, rasd__rec *r);
/* Sorts 'n' 32-bit values ascending. */
void rasd__sort_u32(uint32_t *v, size_t n);
/* Days since 1970-01-01 of "YYYY-MM-DD…", or RASD__NO_DAY. */
int32_t rasd__day(const char *s);
/* Returns 1 when the matching-form word 'w' is a function word for clustering. */
int rasd__story_stop(const char *w, size_t len);

typedef struct rasd__art {
  char *id, *outlet, *date, *title;
  int32_t day;
  int32_t story;      /* story index (id − 1), −1 pending */
  int32_t dup_of;     /* article index, −1 */
  uint64_t off; uint32_t len;   /* record in the spill file */
  uint16_t sig[RASD__SIG_N];
  uint8_t has_sig;
  uint8_t vn, tn;     /* link vector: vn strongest terms, then tn headline terms, at c->vpool[voff] (unit length each) */
  uint32_t voff;
  uint32_t hloc[3], hper[3];  /* entity keys of the places and of the people its headline names */
  uint8_t nhloc, nhper;
} rasd__art;

typedef struct rasd__vw { uint32_t id; float w; } rasd__vw;
typedef struct rasd__idfc { float v; uint32_t n, df; } rasd__idfc;
#define RASD__RECENT 8     /* recent original members a new article is compared with one by one */

typedef struct rasd__story {
  struct rasd__vw *cent; uint32_t n_cent, cap_cent;  /* term → summed (1 + log tf) · IDF at the time each member joined */
  rasd__tf *ents; uint32_t n_ents, cap_ents;   /* entity-term → article count */
  int32_t *days; size_t n_days, cap_days;    /* dates mentioned */
  uint32_t *mem; size_t n_mem, cap_mem;      /* article indices */
  uint32_t n_orig;                             /* members that are not duplicates */
  uint32_t recent[RASD__RECENT];               /* the last original members (ring by n_orig) */
  double norm2;                                /* squared norm of 'cent' */
  int32_t first_day, last_day;
  uint8_t closed;
} rasd__story;

struct rasd_corpus {
  const rasd_models *m;
  rasd_corpus_opts o;
  rasd__strtab terms;          /* stems ("t" namespace) and entity keys ("\x01" prefix) */
  rasd__art *art; size_t n_art, cap_art;
  uint32_t *pending; size_t n_pending, cap_pending;
  uint32_t *lord; size_t n_lord, cap_lord;  /* article indices in the order they were linked (saved with the state) */
  rasd__story *st; size_t n_st, cap_st;
  int32_t *slast;              /* per story: last_day, or SL_CLOSED (the candidate scan reads this, not the records) */
  uint32_t n_linked;           /* articles linked: the N of IDF */
  uint32_t *open; size_t n_open, cap_open;  /* indices of the stories not closed yet */
  rasd__vw *vpool; size_t n_vpool, cap_vpool;  /* the link vectors of the articles */
  int32_t cur_day;
  /* inverted index: term id → open story indices */
  uint32_t **post; uint32_t *n_post, *cap_post; size_t n_postv;
  uint32_t *mark, *hits; size_t cap_mark; uint32_t stamp;  /* candidate marks and query-term hits per story */
  /* LSH: band hash → article index chains */
  uint64_t *lsh_key; uint32_t *lsh_art; size_t lsh_n, lsh_cap;
  /* storylines */
  int64_t **sl; size_t *sl_n; size_t n_sl;
  FILE *spill; uint64_t spill_end;
  char *wbuf; size_t wlen; uint64_t wbase;     /* the spill file's tail not written yet, and where it starts */
  unsigned char *rbuf; size_t rcap;            /* a record read back */
  rasd_registry *reg;          /* corpus entities (names across spellings); saved with the state */
  double *dense; size_t cap_dense;  /* scratch weights by term id, all zero between uses (views) */
  struct rasd__idfv { uint32_t n, df; float v; } *idfv; /* IDF values by (N, df): see rasd__idf() */
#define RASD__IDFV_BITS 12
  struct rasd__vt { float v, t; } *dvt; size_t cap_dvt; /* scratch: an article's link vector (body, headline) by term
                                                          * id, all zero between uses */
  rasd__strtab names;          /* article ids and outlets, interned: views compare them by pointer */
    rasd__idfc *idf; size_t idf_cap;  /* IDF cache: value, and the N and df it was computed at */
  uint32_t idf_n, idf_ep;      /* the N of IDF moves in steps of ~1% (epochs) so that cached weights stay valid */
  rasd__arena *strs;
};

/* Reads the record of article 'i' into 'r' (allocating from 'ar'). */
int rasd__corpus_rec(rasd_corpus *c, size_t i, rasd__arena *ar, rasd__rec *r);
/* IDF of term 't' at the corpus's current size: the term's cached value inline when it is current (most calls),
 * else rasd__idf_(), which computes and caches it. */
double rasd__idf_(const rasd_corpus *c, uint32_t t);
static inline double rasd__idf(const rasd_corpus *c, uint32_t t) {
  uint32_t n = c->idf_n ? c->idf_n : 1, df = t < c->terms.n ? c->terms.df[t] : 0;
  const rasd__idfc *e = t < c->idf_cap ? &c->idf[t] : NULL;
  if (e && e->n == n && e->df == df) return e->v;
  return rasd__idf_(c, t);
}
/* What the event test reads of an article, the same for every story it is scored against: its entity keys
 * (sorted), how generic its words are, its day. */
typedef struct rasd__jart { uint32_t keys[64], nk; double gen; int32_t day; } rasd__jart;
/* Fills 'j' for article 'r' (link vector 'v'/'nv': its strongest terms, unit length) at the corpus's current IDF. */
void rasd__join_prep(const rasd_corpus *c, const rasd__rec *r, const rasd__vw *v, uint32_t nv, rasd__jart *j);
/* The event test of the join score (features.c): what to add to the join score of the article ('j', from
 * rasd__join_prep) and story 's': the story's core entities the article does not name, and how generic the
 * article's words are; 'feat' (may be NULL) receives those 2 features and the penalty of a story far larger or
 * older than one happening. */
double rasd__join_event(const rasd_corpus *c, const rasd__story *s, const rasd__jart *j, double *feat);

/* A split state (for a store, which keeps every article's record once instead of rewriting them all with every
 * batch): the head (the state without the records) into 'head', and the records of the articles from 'rec_from' on
 * (the ones not saved before) into 'recs'. Returns RASD_OK or RASD_EIO. */
int rasd__corpus_save_split(const rasd_corpus *c, FILE *head, size_t rec_from, FILE *recs);
/* Loads a split state: its head from 'head', every record (those of all the saves, in order) from 'recs'. As
 * rasd_corpus_load_file(). */
int rasd__corpus_load_split(FILE *head, FILE *recs, const rasd_models *m, const rasd_corpus_opts *o, rasd_corpus **out);

/* Appends the state of registry 'r' to 'b' (see rasd_corpus_save). Returns RASD_OK or RASD_ENOMEM. */
int rasd__registry_save(const rasd_registry *r, rasd__buf *b);
/* Restores a state written by rasd__registry_save() ('p'/'n' bytes) into the empty registry 'r'. Returns RASD_OK,
 * RASD_EFORMAT or RASD_ENOMEM. */
int rasd__registry_load(rasd_registry *r, const unsigned char *p, size_t n);

/* ---- views (views.c) ---- */
typedef struct rasd__sitem { const char *text; char **outlets; size_t n_outlets; const char **arts; size_t n_arts; } rasd__sitem;
typedef struct rasd__tlitem { const char *date; const char *text; char **outlets; size_t n_outlets; } rasd__tlitem;
typedef struct rasd__qitem { const char *speaker; const char *text; int direct; char **outlets; size_t n_outlets; } rasd__qitem;
typedef struct rasd__ditem { const char *kind; const char *what; char **vals; char **val_outlets; size_t n_vals; } rasd__ditem;
typedef struct rasd__eitem { const char *key; const char *canonical; const char *en; int type; uint32_t n; } rasd__eitem;

typedef struct rasd__view {
  int64_t id;
  const char *title;
  const uint32_t *mem; size_t n_mem;
  char **outlets; size_t n_outlets;
  const char *first_date, *last_date;
  rasd__sitem *sum; size_t n_sum;
  rasd__tlitem *tl; size_t n_tl;
  rasd__qitem *q; size_t n_q;
  rasd__ditem *dis; size_t n_dis;
  rasd__eitem *ent; size_t n_ent;
  rasd__arena *ar;
} rasd__view;

/* Returns the corpus entity id behind entity key 'key' ("r<id>" from the registry), or −1. */
int64_t rasd__reg_id(const rasd_corpus *c, const char *key);

/* Builds the view of story index 's'. Returns RASD_OK or RASD_ENOMEM; free with rasd__view_free(). */
int rasd__view_build(rasd_corpus *c, size_t s, const rasd_view_opts *vo, rasd__view *v);
void rasd__view_free(rasd__view *v);

/* Reads RASD_STORY_TUNE ("key=value,key=value", for tuning) and sets *dst[i] for each keys[i] named there. */
void rasd__story_tune(const char *const *keys, double *const *dst, size_t n);

/* Unsigned LEB128 varints of the saved records and registry state: rasd__put_u appends one to 'b'; rasd__get_u reads
 * the next from the cursor, or sets c->bad and returns 0 when it runs past c->e or is over 64 bits. */
typedef struct rasd__cur { const unsigned char *p, *e; int bad; } rasd__cur;
void rasd__put_u_(rasd__buf *b, uint64_t v); /* the general cases of the two below */
uint64_t rasd__get_u_(rasd__cur *c);
/* One byte, the common case (ids as deltas, counts), inline; the same bytes as rasd__put_u_() writes. */
static inline void rasd__put_u(rasd__buf *b, uint64_t v) {
  if (v < 0x80 && b->len + 2 <= b->cap && !b->oom) {
    b->s[b->len++] = (char)v;
    b->s[b->len] = 0;
    return;
  }
  rasd__put_u_(b, v);
}
static inline uint64_t rasd__get_u(rasd__cur *c) {
  if (c->p < c->e && !(*c->p & 0x80)) return *c->p++;
  return rasd__get_u_(c);
}

#endif
