/* registry.c — the corpus entity registry: links each article's entities to one entity per real entity. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "extract/extract.h"
#include "extract/names.h"
#include "extract/lexicon.h"
#include "text/text.h"
#include "rasd/entities.h"
#include "story/story_int.h"

#define MAX_NBRS 48
#define MAX_VERIFY_FORMS 8

/* 'h': the low bits of hs(text), checked before the text; 'ntok': words of the parsed name (at most RASD__NAME_MAXTOK);
 * 'skip': it starts with a title or descriptor word (pick_canonical passes it). */
typedef struct cform { char *text; uint32_t count; uint16_t h; uint8_t ntok, skip; } cform;

typedef struct cent {
  uint8_t type;
  char *canonical, *en;
  int en_translit;
  cform *forms;
  size_t n_forms, cap_forms;
  const char **form_ptrs; /* view for rasd_registry_get(), most frequent first */
  int ptrs_ok;            /* form_ptrs is up to date (the forms themselves keep their order of first sight) */
  uint32_t mentions, articles, last_doc;
  uint32_t nbrs[MAX_NBRS];
  int n_nbrs;
} cent;

/* String → ids multimap (chained; keys owned). */
/* String → ids multimap: a table of distinct keys (open addressing); 'node' holds every (key, id) pair in the order
 * added (the saved state), each linked to the pair added before it under the same key, and 'set' holds the pairs
 * (key index, id) so that adding one already there costs one probe (a key many entities share, such as a common
 * surname, has many ids). */
typedef struct mkey { char *key; uint32_t h; int32_t last; } mkey;  /* last: its newest node, −1 */
typedef struct mnode { uint32_t key; int32_t id, prev; } mnode;      /* prev: the key's node before, −1 */
typedef struct mmap_ {
  mkey *k; size_t nk, capk;
  uint64_t *kslot; size_t nkslot;  /* key hash << 32 | key index + 1, by hash (0 = empty): a probe reads the key only when the hashes agree */
  mnode *node; size_t n, cap;
  uint64_t *set; size_t nset;      /* (key index + 1) << 32 | id, 0 = empty */
} mmap_;

struct rasd_registry {
  const rasd_models *m;
  cent *e;
  size_t n, cap;
  mmap_ by_key, by_en, by_part;
  uint32_t docs;
};

static uint32_t hs(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static size_t mix_slot(uint64_t x, size_t n) { return (size_t)((x * 0x9E3779B97F4A7C15ULL) >> 32) & (n - 1); }

/* The index of 'key' (hash 'h'), or −1. */
static int64_t mm_key(const mmap_ *m, const char *key, uint32_t h) {
  if (!m->nkslot) return -1;
  for (size_t s = mix_slot(h, m->nkslot); m->kslot[s]; s = (s + 1) & (m->nkslot - 1)) {
    if ((uint32_t)(m->kslot[s] >> 32) != h) continue;
    uint32_t ki = (uint32_t)m->kslot[s] - 1;
    if (!strcmp(m->k[ki].key, key)) return (int64_t)ki;
  }
  return -1;
}

static int mm_has(const mmap_ *m, uint32_t ki, int32_t id) {
  if (!m->nset) return 0;
  uint64_t x = (uint64_t)(ki + 1) << 32 | (uint32_t)id;
  for (size_t s = mix_slot(x, m->nset); m->set[s]; s = (s + 1) & (m->nset - 1))
    if (m->set[s] == x) return 1;
  return 0;
}

/* Doubles the key slots. */
static int kslot_grow(mmap_ *m) {
  size_t ns = m->nkslot ? 2 * m->nkslot : 1024;
  uint64_t *st = calloc(ns, sizeof *st);
  if (!st) return -1;
  for (size_t i = 0; i < m->nk; i++) {
    size_t s = mix_slot(m->k[i].h, ns);
    while (st[s]) s = (s + 1) & (ns - 1);
    st[s] = (uint64_t)m->k[i].h << 32 | ((uint32_t)i + 1);
  }
  free(m->kslot);
  m->kslot = st;
  m->nkslot = ns;
  return 0;
}

/* Doubles the pair slots. */
static int set_grow(mmap_ *m) {
  size_t ns = m->nset ? 2 * m->nset : 2048;
  uint64_t *st = calloc(ns, sizeof *st);
  if (!st) return -1;
  for (size_t i = 0; i < m->nset; i++) {
    if (!m->set[i]) continue;
    size_t s = mix_slot(m->set[i], ns);
    while (st[s]) s = (s + 1) & (ns - 1);
    st[s] = m->set[i];
  }
  free(m->set);
  m->set = st;
  m->nset = ns;
  return 0;
}

static int mm_add(mmap_ *m, const char *key, int32_t id) {
  if (!key || !*key) return 0;
  uint32_t h = hs(key);
  int64_t ki = mm_key(m, key, h);
  if (ki >= 0 && mm_has(m, (uint32_t)ki, id)) return 0;
  if (ki < 0) {
    if (2 * (m->nk + 1) > m->nkslot && kslot_grow(m)) return -1;
    mkey k = {rasd__strdup0(key), h, -1};
    if (!k.key || RASD__VEC_PUSH(m->k, m->nk, m->capk, k) < 0) { free(k.key); return -1; }
    ki = (int64_t)m->nk - 1;
    size_t s = mix_slot(h, m->nkslot);
    while (m->kslot[s]) s = (s + 1) & (m->nkslot - 1);
    m->kslot[s] = (uint64_t)h << 32 | ((uint32_t)ki + 1);
  }
  if (2 * (m->n + 1) > m->nset && set_grow(m)) return -1;
  mkey *k = &m->k[ki];
  mnode nd = {(uint32_t)ki, id, k->last};
  if (RASD__VEC_PUSH(m->node, m->n, m->cap, nd) < 0) return -1;
  k->last = (int32_t)m->n - 1;
  uint64_t x = (uint64_t)(ki + 1) << 32 | (uint32_t)id;
  size_t s = mix_slot(x, m->nset);
  while (m->set[s]) s = (s + 1) & (m->nset - 1);
  m->set[s] = x;
  return 0;
}

/* Copies up to 'max' ids under 'key' into 'out', the most recently added first; returns the count. */
static int mm_get(const mmap_ *m, const char *key, int32_t *out, int max) {
  if (!key) return 0;
  int64_t ki = mm_key(m, key, hs(key));
  if (ki < 0) return 0;
  int n = 0;
  for (int32_t i = m->k[ki].last; i >= 0 && n < max; i = m->node[i].prev) out[n++] = m->node[i].id;
  return n;
}

static void mm_free(mmap_ *m) {
  for (size_t i = 0; i < m->nk; i++) free(m->k[i].key);
  free(m->k);
  free(m->kslot);
  free(m->node);
  free(m->set);
}

rasd_registry *rasd_registry_new(const rasd_models *m) {
  rasd_registry *r = calloc(1, sizeof *r);
  if (r) r->m = m;
  return r;
}

void rasd_registry_free(rasd_registry *r) {
  if (!r) return;
  for (size_t i = 0; i < r->n; i++) {
    cent *e = &r->e[i];
    for (size_t f = 0; f < e->n_forms; f++) free(e->forms[f].text);
    free(e->forms);
    free(e->form_ptrs);
    free(e->canonical);
    free(e->en);
  }
  free(r->e);
  mm_free(&r->by_key);
  mm_free(&r->by_en);
  mm_free(&r->by_part);
  free(r);
}

size_t rasd_registry_count(const rasd_registry *r) { return r ? r->n : 0; }

static int types_ok(int a, int b) { return a == b || a == RASD_ENT_MISC || b == RASD_ENT_MISC || !a || !b; }

/* Known English forms are keyed without the type: the tagger may call بيونغ يانغ a person in one article
 * and a place in another; the curated English form says they are one entity. */
#define EN_KEY_BUF 256
static char *en_key(int type, const char *en, char *buf) {
  (void)type;
  size_t n = strlen(en);
  char *k = n + 4 <= EN_KEY_BUF ? buf : malloc(n + 4); /* 'buf' (EN_KEY_BUF bytes) when it fits */
  if (!k) return NULL;
  k[0] = 'E';
  k[1] = '|';
  for (size_t i = 0; i <= n; i++) k[i + 2] = (char)((en[i] >= 'A' && en[i] <= 'Z') ? en[i] + 32 : en[i]);
  return k;
}

/* Key of one token of a parsed name (surname index), written to 'buf'; NULL when the token has none. */
#define TOK_KEY_BUF (2 * RASD__NAME_MAXSYM + 4)
static const char *tok_key(const rasd__ntok *t, int type, char buf[TOK_KEY_BUF]) {
  buf[0] = (char)('0' + type);
  buf[1] = '|';
  size_t n = rasd__ntok_key(t, buf + 2);
  return n ? buf : NULL;
}

/* Form of a mention for the 'forms' list: the text as written, a clitic (و ف ب ل ك) off the first
 * word when the rest of the word is a word of the canonical name. */
static char *mention_form(const char *text, const rasd__name *canon) {
  size_t len = strlen(text);
  size_t i = 0;
  int32_t c0 = rasd__utf8_next(text, len, &i);
  if ((c0 == 0x0648 || c0 == 0x0641 || c0 == 0x0628 || c0 == 0x0644 || c0 == 0x0643) && i < len) {
    size_t we = i;
    while (we < len && text[we] != ' ' && text[we] != '-') we++;
    rasd__name w, whole;
    if (rasd__name_parse(text + i, we - i, &w) == 1 && rasd__name_parse(text, we, &whole) == 1) {
      /* off only when the rest is closer to a word of the name than the whole word is (وبوتين, not واشنطن) */
      /* a longer mention is a run of the name's words (وعبد المحسن in ثامر عبد المحسن أحمد) */
      rasd__name m;
      int nm = text[we] ? rasd__name_parse(text + i, len - i, &m) : 1;
      for (int t = 0; t + nm <= canon->n; t++) {
        const rasd__ntok *ct = &canon->tok[t];
        if (!rasd__ntok_match(&w.tok[0], ct) ||
            rasd__sym_dist(w.tok[0].sym, w.tok[0].n, ct->sym, ct->n) >= rasd__sym_dist(whole.tok[0].sym, whole.tok[0].n, ct->sym, ct->n))
          continue;
        int run = 1;
        for (int k = 1; k < nm && run; k++) run = rasd__ntok_match(&m.tok[k], &canon->tok[t + k]);
        if (run) return rasd__strdup0(text + i);
      }
    }
    /* والكرملين → الكرملين; وجمهورية العراق → جمهورية العراق; but فالح is a name, not ف + الح: two letters at least
     * after the ال */
    if (we - i >= 8 && !memcmp(text + i, "ال", 4)) return rasd__strdup0(text + i);
    /* للخطوط الجوية → الخطوط الجوية (ل + ال, the alif of the article dropped in writing) */
    if (c0 == 0x0644 && we - i >= 8 && !memcmp(text + i, "ل", 2)) {
      size_t tl = strlen(text + i + 2);
      char *o = malloc(tl + 5);
      if (!o) return NULL;
      memcpy(o, "ا", 2);
      memcpy(o + 2, text + i, tl + 3); /* ل and the rest with its NUL */
      return o;
    }
    /* وجامعة، بوزارة، لهيئة: a proclitic before a descriptor or title word, which the parsed canonical name leaves out */
    if (c0 != 0x0643 && (rasd__is_descriptor_word(text + i, we - i) || rasd__is_title_word(text + i, we - i)))
      return rasd__strdup0(text + i);
  }
  return rasd__strdup0(text);
}

/* 1 when the form 'f' names the entity (shares a word with the canonical name), not a role phrase. */
static int names_it(const char *f, const rasd__name *canon) {
  rasd__name x;
  if (!rasd__name_parse(f, strlen(f), &x)) return 0;
  for (int i = 0; i < x.n; i++)
    for (int j = 0; j < canon->n; j++)
      if (rasd__ntok_match(&x.tok[i], &canon->tok[j])) return 1;
  return 0;
}

/* Removes quote marks (" « » “ ”) from 'f' in place and trims spaces. */
static void strip_quotes(char *f) {
  char *w = f;
  for (char *r = f; *r;) {
    unsigned char b = (unsigned char)*r; /* (a byte is read after another only when that one is no NUL) */
    if (b == '"') { r++; continue; }
    if (b == 0xC2 && ((unsigned char)r[1] == 0xAB || (unsigned char)r[1] == 0xBB)) { r += 2; continue; } /* « » */
    if (b == 0xE2 && (unsigned char)r[1] == 0x80 && ((unsigned char)r[2] == 0x9C || (unsigned char)r[2] == 0x9D)) {
      r += 3; /* “ ” */
      continue;
    }
    *w++ = *r++;
  }
  *w = 0;
  while (w > f && w[-1] == ' ') *--w = 0;
  size_t lead = strspn(f, " ");
  if (lead) memmove(f, f + lead, strlen(f + lead) + 1);
}

/* The bytes of one-letter proclitics (و ف ب ل ك, up to two) at the start of word 'w' ('len' bytes) when what is left
 * is an indefinite word of at least three letters (بمنطقة → منطقة, ولوكالة → وكالة); 0 when none, or when an ال
 * follows (للمنطقة, بالمنطقة: المنطقة الشرقية is the region's own name, not a descriptor before one). */
static size_t indefinite_clitics(const char *w, size_t len) {
  size_t b = 0;
  for (int k = 0; k < 2 && b + 2 <= len; k++) {
    unsigned char c0 = (unsigned char)w[b], c1 = (unsigned char)w[b + 1];
    int cl = (c0 == 0xD9 && (c1 == 0x88 || c1 == 0x81 || c1 == 0x84 || c1 == 0x83)) || (c0 == 0xD8 && c1 == 0xA8);
    if (!cl) break;
    b += 2;
  }
  /* one clitic when the word after it is a descriptor already (لوكالة: ل + وكالة, not لو + كالة) */
  if (b == 4 && len - 2 >= 6 && rasd__is_descriptor_word(w + 2, len - 2)) b = 2;
  if (!b || len - b < 6) return 0;
  if (!memcmp(w + b, "ال", 4) || !memcmp(w + b - 2, "لل", 4)) return 0;
  return b;
}

/* Whether pick_canonical() passes form 'text' over: a title word, or a descriptor word before other words, also
 * behind a proclitic (بمنطقة مكة المكرمة, لوكالة فرانس برس: the form a preposition took). */
static uint8_t form_skip(const char *text) {
  size_t w0 = strcspn(text, " ");
  /* وكالة الأنباء الألمانية, هيئة الضرائب الأمريكية: a body's head before a word with ال (or أنباء) is part of the name
   * (الأنباء الألمانية is "the German news"), as entities.c keeps it */
  if (text[w0] && rasd__head_in_name(text, w0, text + w0 + 1, strcspn(text + w0 + 1, " "))) return 0;
  if (rasd__is_title_word(text, w0) || (text[w0] && rasd__is_descriptor_word(text, w0))) return 1;
  size_t b = indefinite_clitics(text, w0);
  return b && text[w0] && (rasd__is_title_word(text + b, w0 - b) || rasd__is_descriptor_word(text + b, w0 - b));
}

static int add_form(cent *e, const char *text, uint32_t count) {
  e->ptrs_ok = 0;
  uint16_t h = (uint16_t)hs(text);
  for (size_t f = 0; f < e->n_forms; f++)
    if (e->forms[f].h == h && !strcmp(e->forms[f].text, text)) { e->forms[f].count += count; return 0; }
  rasd__name nm;
  cform cf = {rasd__strdup0(text), count, h, (uint8_t)rasd__name_parse(text, strlen(text), &nm), form_skip(text)};
  if (!cf.text || RASD__VEC_PUSH(e->forms, e->n_forms, e->cap_forms, cf) < 0) { free(cf.text); return -1; }
  return 0;
}

/* Whether word 'w' of 'f' (0: first, -1: last) is one of the NUL-separated words of 'list'. */
static int word_is(const char *f, int w, const char *list) {
  const char *b = f, *e;
  if (w < 0) {
    const char *sp = strrchr(f, ' ');
    b = sp ? sp + 1 : f;
  }
  e = b + strcspn(b, " ");
  for (const char *l = list; *l; l += strlen(l) + 1)
    if (strlen(l) == (size_t)(e - b) && !memcmp(b, l, (size_t)(e - b))) return 1;
  return 0;
}

/* 1 when every token of 'x' (the text 'xs') matches a distinct token of 'y', in order, and 'y' has more: with the
 * first and the last word (تركي السديري in تركي بن عبدالله السديري), or as its start when 'x' ends with بن or is a
 * compound given name (محمد بن in محمد بن راشد, عبد الله in عبد الله الجبر), or as its end when 'x' starts with بن or
 * آل (بن سعود بن عبدالعزيز in منصور بن سعود بن عبدالعزيز). */
static int is_inner_part(const char *xs, const rasd__name *x, const rasd__name *y) {
  if (x->n < 1 || x->n >= y->n) return 0;
  int off = 0; /* y's token where x's first one stands */
  if (!rasd__ntok_match(&x->tok[0], &y->tok[0])) {
    if (!word_is(xs, 0, "بن\0ابن\0آل\0ال\0")) return 0;
    off = y->n - x->n; /* a suffix */
    for (int i = 0; i < x->n; i++)
      if (!rasd__ntok_match(&x->tok[i], &y->tok[off + i])) return 0;
    return 1;
  }
  if (x->n >= 2 && rasd__ntok_match(&x->tok[x->n - 1], &y->tok[y->n - 1])) {
    int j = 1;
    for (int i = 1; i + 1 < x->n; i++) {
      while (j < y->n - 1 && !rasd__ntok_match(&x->tok[i], &y->tok[j])) j++;
      if (j >= y->n - 1) return 0;
      j++;
    }
    return 1;
  }
  /* a prefix */
  if (!word_is(xs, -1, "بن\0ابن\0بنت\0") && !(x->n == 2 && word_is(xs, 0, "عبد\0"))) return 0;
  for (int i = 0; i < x->n; i++)
    if (!rasd__ntok_match(&x->tok[i], &y->tok[i])) return 0;
  return 1;
}

/* Whether form 'f' of a person is the start or a part of another of its forms that is not rare beside it (two
 * mentions or more, or a third of its own): عبد الله beside عبد الله الجبر, محمد بن beside محمد بن راشد. */
static int partial_form(const cent *e, size_t f) {
  const cform *c = &e->forms[f];
  rasd__name x, y;
  int parsed = 0;
  for (size_t g = 0; g < e->n_forms; g++) {
    const cform *d = &e->forms[g];
    if (g == f || d->skip || d->ntok <= c->ntok || (d->count < 2 && 3 * d->count < c->count)) continue;
    if (!parsed && !rasd__name_parse(c->text, strlen(c->text), &x)) return 0;
    parsed = 1;
    if (rasd__name_parse(d->text, strlen(d->text), &y) && is_inner_part(c->text, &x, &y)) return 1;
  }
  return 0;
}

#define CONJ (1ull << 63)

/* The form of 'e' that form 'f' is with the conjunction و in front (وسورية beside سورية), or -1. Not ف: the
 * tokenizer takes ف off words of its own (فالح → الح). */
static int conj_twin(const cent *e, size_t f) {
  const char *t = e->forms[f].text;
  if (strncmp(t, "و", 2) || strcspn(t + 2, " ") < 6) return -1; /* three letters or more after و */
  uint16_t h = (uint16_t)hs(t + 2);
  for (size_t g = 0; g < e->n_forms; g++)
    if (g != f && e->forms[g].h == h && !strcmp(e->forms[g].text, t + 2)) return (int)g;
  return -1;
}

/* The canonical form: the most frequent full form (for people: of two words or more, and no part of a longer form,
 * see partial_form), titles and descriptors aside; ties go to the longer form, then the earlier one. */
/* Returns 1 when the canonical form changed, 0 when not, -1 when out of memory. */
static int pick_canonical(cent *e) {
  int best = -1, want_full = 0, out[4], n_out = 0; /* 'out': forms found partial */
  /* a form written with the conjunction و in front counts as the form without it (وسورية as سورية): 'cnt' holds the
   * counts then, CONJ marking the forms with the conjunction */
  uint64_t cnt_buf[64], *cnt = NULL;
  for (size_t f = 0; f < e->n_forms && !cnt; f++)
    if (!strncmp(e->forms[f].text, "و", 2)) {
      cnt = e->n_forms <= 64 ? cnt_buf : malloc(e->n_forms * sizeof *cnt);
      if (!cnt) return -1;
    }
  if (cnt) {
    for (size_t f = 0; f < e->n_forms; f++) cnt[f] = e->forms[f].count;
    for (size_t f = 0; f < e->n_forms; f++) {
      int t = conj_twin(e, f);
      if (t >= 0) { cnt[t] += e->forms[f].count; cnt[f] |= CONJ; }
    }
  }
#define COUNT(f) (cnt ? cnt[f] : (uint64_t)e->forms[f].count)
  if (e->type == RASD_ENT_PER)
    for (size_t f = 0; f < e->n_forms; f++) want_full |= e->forms[f].ntok >= 2;
  for (;;) {
    best = -1;
    for (size_t f = 0; f < e->n_forms; f++) {
      const cform *c = &e->forms[f];
      if (c->skip) continue;
      if (want_full && c->ntok < 2) continue;
      int gone = 0;
      for (int k = 0; k < n_out; k++) gone |= out[k] == (int)f;
      if (gone || (cnt && (cnt[f] & CONJ))) continue; /* a form with a conjunction: its twin counts it */
      if (best < 0 || COUNT(f) > COUNT(best) || (COUNT(f) == COUNT(best) && c->ntok > e->forms[best].ntok))
        best = (int)f;
    }
    if (best < 0) { best = n_out ? out[0] : -1; break; } /* all partial: the most frequent */
    if (!want_full || n_out == 4 || !partial_form(e, (size_t)best)) break;
    out[n_out++] = best;
  }
#undef COUNT
  if (cnt != cnt_buf) free(cnt);
  if (best < 0) return 0;
  if (e->canonical && !strcmp(e->canonical, e->forms[best].text)) return 0;
  char *c = rasd__strdup0(e->forms[best].text);
  if (!c) return -1;
  free(e->canonical);
  e->canonical = c;
  return 1;
}

static int verify(const rasd_registry *r, const cent *e, const char *name) {
  if (rasd__names_match_ex(r->m, name, strlen(name), e->canonical, strlen(e->canonical), RASD__NM_TEXT)) return 1;
  size_t k = 0;
  for (size_t f = 0; f < e->n_forms && k < MAX_VERIFY_FORMS; f++) {
    if (e->forms[f].ntok < 2 && e->n_forms > 1) continue;
    k++;
    if (rasd__names_match_ex(r->m, name, strlen(name), e->forms[f].text, strlen(e->forms[f].text), RASD__NM_TEXT)) return 1;
  }
  return 0;
}

/* Consonants a one-word name needs to join a corpus entity by a close spelling (the name key and verify()); a
 * shorter one (مكة، صن) has too few letters to tell a spelling from another word: only the same letters do. */
#define SHORT_KEY_CONSO 3

/* 1 when the one-word name 'nm' has the same letters as the canonical form of 'e' or one of its one-word forms. */
static int same_letters_form(const cent *e, const rasd__name *nm) {
  rasd__name x;
  if (rasd__name_parse(e->canonical, strlen(e->canonical), &x) == 1 && rasd__ntok_same_letters(&nm->tok[0], &x.tok[0]))
    return 1;
  for (size_t f = 0; f < e->n_forms && f < MAX_VERIFY_FORMS; f++)
    if (e->forms[f].ntok == 1 && rasd__name_parse(e->forms[f].text, strlen(e->forms[f].text), &x) == 1 &&
        rasd__ntok_same_letters(&nm->tok[0], &x.tok[0]))
      return 1;
  return 0;
}

static int shared_nbrs(const cent *e, const int32_t *ids, size_t n) {
  int s = 0;
  for (size_t i = 0; i < n; i++)
    for (int j = 0; j < e->n_nbrs; j++)
      if (ids[i] >= 0 && e->nbrs[j] == (uint32_t)ids[i]) s++;
  return s;
}

/* Consonants a name alone needs to join a person's name by a close spelling, not its letters only. */
#define SHORT_PART_CONSO 4

/* Whether entity 'e' and doc entity 'de' both have a known English form and the two share no word (nor a word's
 * first four letters), or end in two kind words (newspaper, Club): close spellings, two things (هواوي Huawei / هاواي Hawaii, بيبسي Pepsi / بي بي سي BBC, عمان:
 * Amman in an article on Jordan, Oman elsewhere). */
/* The kind word an English form ends in (Al Riyadh newspaper, Riyadh Club, Kuwait TV, Jeddah Municipality), or NULL. */
static const char *en_kind(const char *en) {
  static const char *const KIND[] = {"newspaper", "magazine", "channel", "agency", "radio", "network", "TV", "Club",
                                     "Municipality", NULL};
  const char *sp = strrchr(en, ' ');
  if (!sp) return NULL;
  for (int k = 0; KIND[k]; k++)
    if (!strcmp(sp + 1, KIND[k])) return KIND[k];
  return NULL;
}

static int other_english(const cent *e, const rasd_doc_entity *de) {
  if (!e->en || e->en_translit || !de->en || de->en_translit) return 0;
  /* two kinds of thing under one name: Al Riyadh newspaper is not Riyadh Club */
  const char *ka = en_kind(e->en), *kb = en_kind(de->en);
  if (ka && kb && ka != kb) return 1;
  /* and a club or a municipality named after a place or a medium (their English ends in Club or Municipality only
   * then) is neither: نادي الجزيرة, بلدية الجزيرة are not Al Jazeera */
  int ca = ka && (!strcmp(ka, "Club") || !strcmp(ka, "Municipality")), cb = kb && (!strcmp(kb, "Club") || !strcmp(kb, "Municipality"));
  if (ca != cb) return 1;
  for (const char *a = e->en; *a;) {
    size_t al = strcspn(a, " -");
    /* an article or a short word (Al, The, of) is no word in common: Al Jazirah (the paper) is not Al Jazeera */
    int small = al <= 2 || (al == 3 && !strncasecmp(a, "the", 3)) || (al == 3 && !strncasecmp(a, "and", 3));
    for (const char *b = de->en; *b && !small;) {
      size_t bl = strcspn(b, " -");
      if ((al == bl && al && !strncasecmp(a, b, al)) || (al >= 4 && bl >= 4 && !strncasecmp(a, b, 4)))
        return 0; /* a word in common, or its first four letters: Larnaca and Larnaka are one place */
      b += bl;
      b += strspn(b, " -");
    }
    a += al;
    a += strspn(a, " -");
  }
  return 1;
}

/* The corpus entity of doc entity 'de' (parsed name 'nm') by its name key: the most mentioned of the key's entities
 * that verifies and has no other known English; -1 when none. */
static int32_t find_by_key(rasd_registry *r, const rasd_doc_entity *de, const rasd__name *nm) {
  int32_t cand[64], best = -1;
  int nc;
  if (!de->key || (nc = mm_get(&r->by_key, de->key, cand, 64)) <= 0) return -1;
  for (int i = 0; i < nc; i++) {
    cent *e = &r->e[cand[i]];
    if (other_english(e, de)) continue; /* عمان: Amman is not Oman */
    /* the most mentioned that verifies: one that could not beat the best so far is not verified */
    if (!types_ok(e->type, de->type) || (best >= 0 && e->mentions <= r->e[best].mentions)) continue;
    if (nm->n == 1 && nm->tok[0].nconso < SHORT_KEY_CONSO ? same_letters_form(e, nm) : verify(r, e, de->canonical))
      best = cand[i];
  }
  return best;
}

/* Finds the corpus entity for doc entity 'de'; -1 when new. 'ids' are this article's links so far. */
static int32_t find(rasd_registry *r, const rasd_doc_entity *de, const rasd__name *nm, const int32_t *ids, size_t nids) {
  int32_t cand[64];
  int nc;
  if (de->en && !de->en_translit) {
    char kb[EN_KEY_BUF], *k = en_key(de->type, de->en, kb);
    nc = k ? mm_get(&r->by_en, k, cand, 64) : 0;
    if (k != kb) free(k);
    if (nc > 0) return cand[0];
  }
  int32_t best = find_by_key(r, de, nm);
  if (best >= 0) return best;
  /* a surname (or first name) alone: the person whose name has it, when only one does or the
   * article's other entities say which */
  if (nm->n == 1 && (de->type == RASD_ENT_PER)) {
    char kb[TOK_KEY_BUF];
    const char *k = tok_key(&nm->tok[0], RASD_ENT_PER, kb);
    nc = k ? mm_get(&r->by_part, k, cand, 64) : 0;
    int bs = -1, tie = 0;
    for (int i = 0; i < nc; i++) {
      cent *e = &r->e[cand[i]];
      rasd__name cn;
      rasd__name_parse(e->canonical, strlen(e->canonical), &cn);
      int ok = 0;
      /* a short name alone (fewer than SHORT_PART_CONSO consonants) only in the same letters: جيري is not كيري,
       * صلاح not صالح */
      for (int t = 0; t < cn.n; t++)
        if (nm->tok[0].nconso < SHORT_PART_CONSO || cn.tok[t].nconso < SHORT_PART_CONSO
                ? rasd__ntok_same_letters(&nm->tok[0], &cn.tok[t])
                : rasd__ntok_match(&nm->tok[0], &cn.tok[t]))
          ok = 1;
      if (!ok) continue;
      int s = shared_nbrs(e, ids, nids);
      if (s > bs) { bs = s; best = cand[i]; tie = 0; }
      else if (s == bs) tie = 1;
    }
    if (best >= 0 && (!tie || nc == 1)) return best;
    if (best >= 0 && tie) return -1;
  }
  return -1;
}

/* The name after a leading indefinite descriptor word (a proclitic allowed) of an organisation or place: لموقع تشيلسي →
 * تشيلسي, قناة العربية → العربية, بمحافظة لحج → لحج; NULL when the canonical form has none. Points into 'f'. */
static const char *after_descriptor(const char *f, int type) {
  if (!f || (type != RASD_ENT_ORG && type != RASD_ENT_LOC && type != RASD_ENT_MISC)) return NULL;
  size_t w0 = strcspn(f, " ");
  if (!f[w0] || !f[w0 + 1] || (w0 >= 4 && !memcmp(f, "ال", 4))) return NULL; /* المنطقة العربية is not العربية */
  size_t b = rasd__is_descriptor_word(f, w0) ? 0 : indefinite_clitics(f, w0);
  return (b || rasd__is_descriptor_word(f, w0)) && rasd__is_descriptor_word(f + b, w0 - b) ? f + w0 + 1 : NULL;
}

/* find() for the name after the descriptor of 'de' ('bare', key 'bkey'): the entity known already under that name. */
static int32_t find_bare(rasd_registry *r, const rasd_doc_entity *de, const char *bare, char *bkey, const int32_t *ids,
                         size_t ne) {
  rasd__name bn;
  if (!bare || !bkey || !rasd__name_parse(bare, strlen(bare), &bn)) return -1;
  rasd_doc_entity d2 = *de;
  d2.canonical = (char *)bare;
  d2.key = bkey;
  /* the English of the whole stays: a known other one vetoes the bare name's entity (صحيفة الجزيرة, Al Jazirah, is not
   * the entity of الجزيرة when that is قناة الجزيرة, Al Jazeera), but it is no key to look up (by_en) */
  d2.en = NULL;
  d2.en_translit = 1;
  if (de->en && !de->en_translit) {
    d2.en = de->en;
    d2.en_translit = 0;
    d2.key = bkey;
    return find_by_key(r, &d2, &bn);
  }
  return find(r, &d2, &bn, ids, ne);
}

/* Whether a word عبد or العبد, apart from the next word, starts at byte 'i' of 'f' ('n' bytes); its length then. */
static size_t abd_at(const char *f, size_t n, size_t i) {
  static const char ABD[] = "عبد ", ALABD[] = "العبد ";
  if (i && f[i - 1] != ' ') return 0;
  if (i + sizeof ABD - 1 < n && !memcmp(f + i, ABD, sizeof ABD - 1)) return sizeof ABD - 1;
  if (i + sizeof ALABD - 1 < n && !memcmp(f + i, ALABD, sizeof ALABD - 1)) return sizeof ALABD - 1;
  return 0;
}

/* 'f' with each عبد (العبد) joined to the word after it: عبد الله الثاني → عبدالله الثاني, as other outlets write it;
 * malloc'd; NULL when 'f' has none apart, or out of memory ('*oom' set then). */
static char *join_abd(const char *f, int *oom) {
  *oom = 0;
  size_t n = strlen(f), k = 0;
  for (size_t i = 0; i < n && !k; i++) k = abd_at(f, n, i);
  if (!k) return NULL;
  char *j = malloc(n + 1), *o = j;
  if (!j) { *oom = 1; return NULL; }
  for (size_t i = 0; i < n;) {
    size_t l = abd_at(f, n, i);
    if (l) { memcpy(o, f + i, l - 1); o += l - 1; i += l; } /* the word without its space */
    else *o++ = f[i++];
  }
  *o = 0;
  return j;
}

/* The matching form of 'f' with each عبد joined (see join_abd), malloc'd; NULL when 'f' has none apart, or out of
 * memory ('*oom' set then). */
static char *joined_abd_form(const char *f, int *oom) {
  char *j = join_abd(f, oom);
  if (!j) return NULL;
  size_t n = strlen(j);
  char *m = malloc(n + 1);
  if (m) rasd__lx_norm(j, n, m);
  else *oom = 1;
  free(j);
  return m;
}

/* The entity under key 'jkey' one of whose forms is, with each عبد joined, the matching form 'jf' (the same name in
 * the other spacing: عبدالله الثاني for عبد الله الثاني, not عبدالله الثني): the most mentioned; -1 when none. */
static int32_t find_joined(rasd_registry *r, const rasd_doc_entity *de, const char *jkey, const char *jf, int *oom) {
  int32_t cand[64], best = -1;
  int nc = mm_get(&r->by_key, jkey, cand, 64);
  size_t jl = strlen(jf);
  char buf[512];
  for (int i = 0; i < nc && !*oom; i++) {
    const cent *e = &r->e[cand[i]];
    if (!types_ok(e->type, de->type) || (best >= 0 && e->mentions <= r->e[best].mentions)) continue;
    for (size_t f = 0; f < e->n_forms && f < 4 * MAX_VERIFY_FORMS; f++) {
      const char *t = e->forms[f].text;
      size_t n = strlen(t);
      if (n >= sizeof buf) continue;
      char *j = join_abd(t, oom), *x = j ? j : (char *)t;
      size_t xl = rasd__lx_norm(x, strlen(x), buf);
      free(j);
      if (xl == jl && !memcmp(buf, jf, xl)) { best = cand[i]; break; }
    }
  }
  return best;
}

/* Links doc entity 'de' (parsed 'nm'; its mentions in 'a' are a->mentions[mi[0..nmi)], in order; 'a' may be
 * NULL) to a corpus entity, creating it when new; sets '*out'. Returns 0, or -1 when out of memory. */
static int link_one(rasd_registry *r, const rasd_doc_entity *de, const rasd__name *nm, const int32_t *ids, size_t ne,
                    const rasd_analysis *a, const uint32_t *mi, size_t nmi, int32_t *out) {
      int32_t id = find(r, de, nm, ids, ne);
      /* an organisation or place written with its descriptor (لموقع تشيلسي) is the entity of its bare name, and the
       * bare name's key finds it later (تشيلسي after نادي تشيلسي) */
      const char *bare = after_descriptor(de->canonical, de->type);
      char *bkey = bare ? rasd_name_key(bare, strlen(bare)) : NULL;
      if (bare && !bkey) return -1;
      if (id < 0) id = find_bare(r, de, bare, bkey, ids, ne);
      if (bkey && id >= 0 && mm_add(&r->by_key, bkey, id)) { free(bkey); return -1; }
      /* عبد الله الثاني is the entity of عبدالله الثاني when one of its forms is that name joined (a name of two words
       * or more then: عبد العزيز alone is a first name), and the joined form's key finds it later */
      int oom = 0;
      char *jf = NULL, *jkey = NULL;
      if (nm->n >= 2 && strstr(de->canonical, "عبد")) {
        if (!(jf = joined_abd_form(de->canonical, &oom)) && !oom) { /* written joined: its matching form */
          size_t n = strlen(de->canonical);
          if ((jf = malloc(n + 1))) rasd__lx_norm(de->canonical, n, jf);
          else oom = 1;
        }
      }
      rasd__name jn;
      if (jf && rasd__name_parse(jf, strlen(jf), &jn) >= 2 && !(jkey = rasd_name_key(jf, strlen(jf)))) oom = 1;
      if (!oom && id < 0 && jkey) id = find_joined(r, de, jkey, jf, &oom);
      if (jkey && de->key && !strcmp(jkey, de->key)) { free(jkey); jkey = NULL; } /* no key of its own */
      free(jf);
      if (oom) { free(bkey); free(jkey); return -1; }
      if (id < 0) {
        cent e;
        memset(&e, 0, sizeof e);
        e.type = de->type;
        if (!(e.canonical = rasd__strdup0(de->canonical))) { free(bkey); free(jkey); return -1; }
        if (RASD__VEC_PUSH(r->e, r->n, r->cap, e) < 0) { free(e.canonical); free(bkey); free(jkey); return -1; }
        id = (int32_t)(r->n - 1);
        if (bkey && mm_add(&r->by_key, bkey, id)) { free(bkey); free(jkey); return -1; }
      }
      free(bkey);
      if (jkey && mm_add(&r->by_key, jkey, id)) { free(jkey); return -1; }
      free(jkey);
      cent *e = &r->e[id];
      e->mentions += de->n_mentions;
      if (e->last_doc != r->docs) { e->articles++; e->last_doc = r->docs; }
      if (e->type == RASD_ENT_MISC && de->type != RASD_ENT_MISC) e->type = de->type;
      /* forms: the canonical form and every mention's text */
      char *cf = rasd__strdup0(de->canonical);
      if (!cf) return -1;
      strip_quotes(cf);
      int bad = add_form(e, cf, a ? 0 : 1);
      free(cf);
      if (bad) return -1;
      for (size_t k = 0; a && k < nmi; k++) {
        const rasd_mention *mn = &a->mentions[mi[k]];
        if (!mn->text) continue;
        char *f = mention_form(mn->text, nm);
        if (!f) return -1;
        strip_quotes(f);
        size_t nf0 = e->n_forms;
        if (names_it(f, nm) && add_form(e, f, 1)) { free(f); return -1; }
        /* a person's new form of three words or more that begins the canonical name (عبدالله بن مساعد, of عبدالله بن
         * مساعد بن عبدالعزيز) is a key of the entity too: the same name written otherwise (عبد الله بن مساعد) finds it
         * by that key later */
        size_t fl = strlen(f);
        if (e->type == RASD_ENT_PER && e->n_forms > nf0 && e->forms[e->n_forms - 1].ntok >= 3 && e->canonical &&
            !strncmp(e->canonical, f, fl) && e->canonical[fl] == ' ') { /* the start of the canonical name only */
          char *fk = rasd_name_key(f, strlen(f));
          int bad = fk && mm_add(&r->by_key, fk, id);
          free(fk);
          if (bad) { free(f); return -1; }
        }
        /* صحيفة نيويورك تايمز is also نيويورك تايمز */
        size_t sp = strcspn(f, " ");
        if (f[sp] && rasd__is_descriptor_word(f, sp) && names_it(f + sp + 1, nm) && add_form(e, f + sp + 1, 0)) {
          free(f);
          return -1;
        }
        free(f);
      }
      int old_ntok = 0;
      if (e->type == RASD_ENT_PER && e->canonical) {
        rasd__name on;
        old_ntok = rasd__name_parse(e->canonical, strlen(e->canonical), &on);
      }
      /* the canonical form without its conjunction (وسورية → سورية) keeps no transliteration of the old one */
      int had_conj = e->canonical && !strncmp(e->canonical, "و", 2);
      char conj_rest[64];
      if (had_conj) snprintf(conj_rest, sizeof conj_rest, "%s", e->canonical + 2);
      int canon_changed = pick_canonical(e);
      if (canon_changed < 0) return -1;
      /* a person's canonical form grown to the full name (عبد الله → عبد الله الجبر): its transliteration too */
      int grown = 0;
      if (canon_changed && old_ntok) {
        rasd__name nn;
        grown = rasd__name_parse(e->canonical, strlen(e->canonical), &nn) > old_ntok;
      }
      if (canon_changed && had_conj && !strcmp(conj_rest, e->canonical)) grown = 1;
      /* English: the canonical form's own known English first (الكويت is Kuwait, though the first article wrote الكوت,
       * a person "Alcot" in the lists; محمد بن نايف is not the English of a longer form that merged into it); else a
       * known form beats a transliteration */
      int take_de = de->en && (!e->en || (e->en_translit && !de->en_translit));
      if (take_de && e->en && e->type == RASD_ENT_PER) { /* عبدالله's English is not that of عبدالله بن مساعد */
        rasd__name cn;
        if (rasd__name_parse(e->canonical, strlen(e->canonical), &cn) > nm->n) take_de = 0;
      }
      if (take_de && !de->en_translit && !strcmp(e->canonical, de->canonical)) {
        /* the article's own English of this very form knew its context (عمان in an article on Jordan: Amman) */
        char *d = rasd__strdup0(de->en);
        if (!d) return -1;
        free(e->en);
        e->en = d;
        e->en_translit = 0;
      } else if (canon_changed || take_de) {
        int tr = 1;
        char *en = rasd_name_english(r->m, e->canonical, strlen(e->canonical), e->type, &tr);
        en = rasd__descriptor_english(r->m, e->canonical, e->type, en, &tr);
        if (en && *en && !tr) {
          if (!e->en || e->en_translit || strcmp(e->en, en)) {
            free(e->en);
            e->en = en;
            e->en_translit = 0;
          } else {
            free(en);
          }
        } else if (en && *en && (grown || (canon_changed && (!e->en || e->en_translit)))) {
          /* a transliteration of the new canonical form, not of the old one (فيصل بن تركي, once فيصل بن تركي والهلال) */
          free(e->en);
          e->en = en;
          e->en_translit = 1;
        } else {
          free(en);
          if (take_de) {
            char *d = rasd__strdup0(de->en);
            if (!d) return -1;
            free(e->en);
            e->en = d;
            e->en_translit = de->en_translit;
          }
        }
      }
      /* an organisation named after a place (صحيفة الرياض, or الرياض for short): not the place's English; a bare
       * canonical form takes what the medium is from its most frequent form with a descriptor (صحيفة مكة) */
      if (e->type == RASD_ENT_ORG && e->en && (canon_changed || take_de)) {
        const char *via = e->canonical;
        size_t cl = strlen(e->canonical);
        uint32_t best = 0;
        for (size_t f = 0; f < e->n_forms; f++) {
          const char *t = e->forms[f].text;
          size_t tl = strlen(t);
          if (tl > cl + 1 && t[tl - cl - 1] == ' ' && !strcmp(t + tl - cl, e->canonical) && !strchr(t, ' ')[1 + cl] &&
              e->forms[f].count > best)
            best = e->forms[f].count, via = t;
        }
        char *x = rasd__strdup0(e->en);
        if (!x) return -1;
        /* a hand-written name with its descriptor gives its own English (نادي الخليج: Al-Khaleej Club, not Gulf) */
        int tr = e->en_translit;
        x = rasd__descriptor_english(r->m, via, e->type, x, &tr);
        if (!e->en_translit) x = rasd__place_org_english(r->m, via, x);
        e->en_translit = tr;
        free(e->en);
        e->en = x;
      }
      if (de->key && mm_add(&r->by_key, de->key, id)) return -1;
      /* the English of a form that joined by its spelling is no key of the entity when the entity has another known
       * one: جوف (Cobh, a town in Ireland) joined الجوف (Al Jawf) by its letters; كوف "Cobh" must not follow it */
      if (de->en && !de->en_translit && (!e->en || e->en_translit || !strcasecmp(e->en, de->en))) {
        char kb[EN_KEY_BUF], *k = en_key(de->type, de->en, kb);
        int bad = !k || mm_add(&r->by_en, k, id);
        if (k != kb) free(k);
        if (bad) return -1;
      }
      if (de->type == RASD_ENT_PER && nm->n >= 2) {
        for (int t = 0; t < nm->n; t++) {
          if (t != nm->n - 1 && !(t == 0 && nm->n >= 3)) continue; /* surname; family name of 3-word names */
          char kb[TOK_KEY_BUF];
          const char *k = tok_key(&nm->tok[t], RASD_ENT_PER, kb);
          if (k && mm_add(&r->by_part, k, id)) return -1;
        }
      }
  *out = id;
  return 0;
}

int rasd_registry_add(rasd_registry *r, const rasd_doc *d, const rasd_analysis *a, int32_t *ids_out) {
  if (!r || !a) return RASD_OK;
  size_t ne = a->n_entities;
  int32_t *ids = malloc((ne + 1) * sizeof *ids);
  int32_t *order = malloc((ne + 1) * sizeof *order);
  rasd__name *nms = malloc((ne + 1) * sizeof *nms);
  /* each entity's mentions, in order: mbeg[i] … mbeg[i + 1] in 'mlist' (one pass, not one per entity) */
  size_t nm_all = a->n_mentions;
  uint32_t *mbeg = calloc(ne + 2, sizeof *mbeg), *mlist = malloc((nm_all + 1) * sizeof *mlist);
  int rc = RASD_ENOMEM;
  if (!ids || !order || !nms || !mbeg || !mlist) goto done;
  for (size_t k = 0; k < nm_all; k++) {
    int32_t en = a->mentions[k].entity;
    if (en >= 0 && (size_t)en < ne) mbeg[en + 2]++;
  }
  for (size_t i = 2; i < ne + 2; i++) mbeg[i] += mbeg[i - 1];
  for (size_t k = 0; k < nm_all; k++) {
    int32_t en = a->mentions[k].entity;
    if (en >= 0 && (size_t)en < ne) mlist[mbeg[en + 1]++] = (uint32_t)k;
  }
  r->docs++;
  size_t no = 0;
  for (size_t i = 0; i < ne; i++) {
    ids[i] = -1;
    const rasd_doc_entity *de = &a->entities[i];
    if (!de->canonical || !rasd__name_parse(de->canonical, strlen(de->canonical), &nms[i])) continue;
    order[no++] = (int32_t)i;
  }
  /* full names first: a surname alone then sees the article's other entities */
  for (int pass = 0; pass < 2; pass++) {
    for (size_t o = 0; o < no; o++) {
      int32_t i = order[o];
      const rasd_doc_entity *de = &a->entities[i];
      if ((pass == 0) != (nms[i].n >= 2)) continue;
      if (link_one(r, de, &nms[i], ids, ne, a, mlist + mbeg[i], mbeg[i + 1] - mbeg[i], &ids[i])) goto done;
    }
  }
  /* credited agencies ("(فرانس برس، العربي الجديد)") are organisations of the article */
  for (size_t ci = 0; d && ci < d->n_credits; ci++) {
    const char *cr = d->credits[ci];
    size_t cl = cr ? strlen(cr) : 0, p0 = 0;
    while (p0 < cl) {
      size_t p1 = p0;
      while (p1 < cl && cr[p1] != ',' && cr[p1] != '(' && cr[p1] != ')' && cr[p1] != '/' &&
             !(p1 + 1 < cl && (unsigned char)cr[p1] == 0xD8 && (unsigned char)cr[p1 + 1] == 0x8C))
        p1++;
      size_t s0 = p0, s1 = p1;
      while (s0 < s1 && (cr[s0] == ' ' || cr[s0] == '\t')) s0++;
      while (s1 > s0 && (cr[s1 - 1] == ' ' || cr[s1 - 1] == '\t')) s1--;
      p0 = p1 < cl && (unsigned char)cr[p1] == 0xD8 ? p1 + 2 : p1 + 1;
      if (s1 - s0 < 4 || s1 - s0 > 120) continue;
      rasd_doc_entity de;
      memset(&de, 0, sizeof de);
      de.type = RASD_ENT_ORG;
      de.n_mentions = 1;
      char *canon = rasd__strndup(cr + s0, s1 - s0);
      char *key = canon ? rasd_name_key(canon, s1 - s0) : NULL;
      char *en = canon ? rasd_name_english(r->m, canon, s1 - s0, RASD_ENT_ORG, &de.en_translit) : NULL;
      de.canonical = canon;
      de.key = key;
      de.en = en;
      rasd__name cn;
      int32_t cid;
      int oom = !canon || !key || !en;
      if (!oom && rasd__name_parse(canon, s1 - s0, &cn) && link_one(r, &de, &cn, ids, ne, NULL, NULL, 0, &cid)) oom = 1;
      free(canon);
      free(key);
      free(en);
      if (oom) goto done;
    }
  }
  {
    {
    }
  }
  /* co-occurrence: every entity of the article sees the others */
  for (size_t i = 0; i < ne; i++) {
    if (ids[i] < 0) continue;
    cent *e = &r->e[ids[i]];
    for (size_t j = 0; j < ne && e->n_nbrs < MAX_NBRS; j++) {
      if (j == i || ids[j] < 0 || ids[j] == ids[i]) continue;
      int have = 0;
      for (int q = 0; q < e->n_nbrs; q++)
        if (e->nbrs[q] == (uint32_t)ids[j]) have = 1;
      if (!have) e->nbrs[e->n_nbrs++] = (uint32_t)ids[j];
    }
  }
  if (ids_out) memcpy(ids_out, ids, ne * sizeof *ids);
  rc = RASD_OK;
done:
  free(ids);
  free(order);
  free(nms);
  free(mbeg);
  free(mlist);
  return rc;
}

static int cmp_form(const void *x, const void *y) {
  const cform *a = *(const cform *const *)x, *b = *(const cform *const *)y;
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return strcmp(a->text, b->text);
}

/* The forms are sorted through pointers, never in place: their order of first sight breaks ties in
 * pick_canonical(), so showing the table between two batches must not change what the next batch picks. */
int rasd_registry_get(const rasd_registry *r, size_t id, rasd_corpus_entity *out) {
  if (!r || id >= r->n) return RASD_ENOENT;
  cent *e = &r->e[id];
  if (!e->ptrs_ok) {
    const cform **tmp = malloc((e->n_forms + 1) * sizeof *tmp);
    const char **fp = realloc(e->form_ptrs, (e->n_forms + 1) * sizeof *fp);
    if (!tmp || !fp) { free(tmp); if (fp) e->form_ptrs = fp; return RASD_ENOMEM; }
    e->form_ptrs = fp;
    for (size_t f = 0; f < e->n_forms; f++) tmp[f] = &e->forms[f];
    qsort(tmp, e->n_forms, sizeof *tmp, cmp_form);
    for (size_t f = 0; f < e->n_forms; f++) fp[f] = tmp[f]->text;
    free(tmp);
    e->ptrs_ok = 1;
  }
  out->id = (uint32_t)id;
  out->type = e->type;
  out->canonical = e->canonical;
  out->en = e->en;
  out->en_translit = e->en_translit;
  out->forms = e->form_ptrs;
  out->n_forms = e->n_forms;
  out->mentions = e->mentions;
  out->articles = e->articles;
  return RASD_OK;
}

/* ---- state: everything rasd_registry_add() reads, so that a loaded registry continues as the saved one would ---- */

static void put_z(rasd__buf *b, const char *s) {
  if (!s) { rasd__put_u(b, 0); return; }
  size_t n = strlen(s);
  rasd__put_u(b, n + 1);
  rasd__buf_add(b, s, n);
}

/* A malloc'd copy of the next string (NULL for a saved NULL or on error; '*bad' tells them apart). */
static char *get_z(rasd__cur *c) {
  uint64_t n = rasd__get_u(c);
  if (!n || c->bad) return NULL;
  n--;
  /* every string the registry saves is UTF-8 without NUL: anything else is a damaged state */
  if ((uint64_t)(c->e - c->p) < n || memchr(c->p, 0, n) || !rasd__utf8_valid((const char *)c->p, n)) { c->bad = 1; return NULL; }
  char *s = rasd__strndup((const char *)c->p, n);
  if (!s) c->bad = 2;
  c->p += n;
  return s;
}

static void mm_save(const mmap_ *m, rasd__buf *b) {
  rasd__put_u(b, m->n);
  for (size_t i = 0; i < m->n; i++) { put_z(b, m->k[m->node[i].key].key); rasd__put_u(b, (uint64_t)m->node[i].id); }
}

int rasd__registry_save(const rasd_registry *r, rasd__buf *b) {
  rasd__put_u(b, r->docs);
  rasd__put_u(b, r->n);
  for (size_t i = 0; i < r->n; i++) {
    const cent *e = &r->e[i];
    rasd__put_u(b, e->type); put_z(b, e->canonical); put_z(b, e->en); rasd__put_u(b, (uint64_t)e->en_translit);
    rasd__put_u(b, e->mentions); rasd__put_u(b, e->articles); rasd__put_u(b, e->last_doc);
    rasd__put_u(b, e->n_forms);
    for (size_t f = 0; f < e->n_forms; f++) { put_z(b, e->forms[f].text); rasd__put_u(b, e->forms[f].count); rasd__put_u(b, (uint64_t)e->forms[f].ntok); }
    rasd__put_u(b, (uint64_t)e->n_nbrs);
    for (int k = 0; k < e->n_nbrs; k++) rasd__put_u(b, e->nbrs[k]);
  }
  mm_save(&r->by_key, b); mm_save(&r->by_en, b); mm_save(&r->by_part, b);
  return b->oom ? RASD_ENOMEM : RASD_OK;
}

/* Reads one multimap; node order is kept, so every chain lists its ids newest first as before. */
static int mm_load(mmap_ *m, rasd__cur *c, size_t n_ent) {
  uint64_t n = rasd__get_u(c);
  if (c->bad || n > (uint64_t)(c->e - c->p)) return RASD_EFORMAT;
  for (uint64_t i = 0; i < n; i++) {
    char *k = get_z(c);
    uint64_t id = rasd__get_u(c);
    if (c->bad || !k || id >= n_ent) { free(k); return c->bad == 2 ? RASD_ENOMEM : RASD_EFORMAT; }
    int bad = mm_add(m, k, (int32_t)id);
    free(k);
    if (bad) return RASD_ENOMEM;
  }
  return RASD_OK;
}

int rasd__registry_load(rasd_registry *r, const unsigned char *p, size_t n) {
  rasd__cur c = {p, p + n, 0};
  if (r->n || r->docs) return RASD_EINPUT;
  r->docs = (uint32_t)rasd__get_u(&c);
  uint64_t ne = rasd__get_u(&c);
  if (c.bad || ne > n) return RASD_EFORMAT;
  for (uint64_t i = 0; i < ne; i++) {
    cent e;
    memset(&e, 0, sizeof e);
    e.type = (uint8_t)rasd__get_u(&c);
    e.canonical = get_z(&c);
    e.en = get_z(&c);
    e.en_translit = (int)rasd__get_u(&c);
    e.mentions = (uint32_t)rasd__get_u(&c); e.articles = (uint32_t)rasd__get_u(&c); e.last_doc = (uint32_t)rasd__get_u(&c);
    uint64_t nf = rasd__get_u(&c);
    int bad = c.bad || !e.canonical || e.type > RASD_ENT_MISC || nf > n;
    if (!bad && RASD__VEC_PUSH(r->e, r->n, r->cap, e) < 0) bad = c.bad = 2;
    if (bad) { free(e.canonical); free(e.en); return c.bad == 2 ? RASD_ENOMEM : RASD_EFORMAT; }
    cent *x = &r->e[r->n - 1];
    for (uint64_t f = 0; f < nf; f++) {
      cform cf = {get_z(&c), 0, 0, 0, 0};
      cf.count = (uint32_t)rasd__get_u(&c);
      uint64_t nt = rasd__get_u(&c);
      if (nt > RASD__NAME_MAXTOK) c.bad = 1;
      cf.ntok = (uint8_t)nt;
      if (cf.text) cf.h = (uint16_t)hs(cf.text), cf.skip = form_skip(cf.text);
      if (!c.bad && cf.text && RASD__VEC_PUSH(x->forms, x->n_forms, x->cap_forms, cf) == 0) continue;
      int oom = c.bad == 2 || (!c.bad && cf.text);
      free(cf.text);
      return oom ? RASD_ENOMEM : RASD_EFORMAT;
    }
    uint64_t nn = rasd__get_u(&c);
    if (c.bad || nn > MAX_NBRS) return RASD_EFORMAT;
    x->n_nbrs = (int)nn;
    for (uint64_t k = 0; k < nn; k++) x->nbrs[k] = (uint32_t)rasd__get_u(&c);
  }
  int rc;
  if ((rc = mm_load(&r->by_key, &c, r->n)) || (rc = mm_load(&r->by_en, &c, r->n)) || (rc = mm_load(&r->by_part, &c, r->n)))
    return rc;
  return c.bad || c.p != c.e ? RASD_EFORMAT : RASD_OK;
}

int32_t rasd_registry_lookup(const rasd_registry *r, const char *s, size_t len, int type) {
  if (!r || !s) return -1;
  char *key = rasd_name_key(s, len);
  if (!key) return -1;
  int32_t cand[64];
  int nc = mm_get(&r->by_key, key, cand, 64);
  free(key);
  char *name = rasd__strndup(s, len);
  int32_t best = -1;
  for (int i = 0; name && i < nc; i++) {
    const cent *e = &r->e[cand[i]];
    if (type != RASD_ENT_NONE && !types_ok(e->type, type)) continue;
    if (!verify(r, e, name)) continue;
    if (best < 0 || e->mentions > r->e[best].mentions) best = cand[i];
  }
  free(name);
  return best;
}

char *rasd_registry_json(const rasd_registry *r) {
  json_t *arr = json_array();
  for (size_t i = 0; r && i < r->n; i++) {
    rasd_corpus_entity ce;
    if (rasd_registry_get(r, i, &ce) != RASD_OK) continue;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(ce.id));
    json_object_set_new(o, "type", json_string(rasd_ent_type_name(ce.type)));
    json_object_set_new(o, "canonical", json_string(ce.canonical ? ce.canonical : ""));
    json_object_set_new(o, "en", ce.en ? json_string(ce.en) : json_null());
    json_object_set_new(o, "en_translit", json_boolean(ce.en_translit));
    json_t *fs = json_array();
    for (size_t f = 0; f < ce.n_forms; f++) json_array_append_new(fs, json_string(ce.forms[f]));
    json_object_set_new(o, "forms", fs);
    json_object_set_new(o, "mentions", json_integer(ce.mentions));
    json_object_set_new(o, "articles", json_integer(ce.articles));
    json_array_append_new(arr, o);
  }
  json_t *root = json_object();
  json_object_set_new(root, "entities", arr);
  char *s = json_dumps(root, JSON_COMPACT);
  json_decref(root);
  return s;
}

static void tsv_field(rasd__buf *b, const char *s) {
  for (; s && *s; s++) rasd__buf_addc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

char *rasd_registry_tsv(const rasd_registry *r) {
  rasd__buf b;
  rasd__buf_init(&b);
  rasd__buf_adds(&b, "id\ttype\tcanonical\ten\ten_translit\tmentions\tarticles\tforms\n");
  for (size_t i = 0; r && i < r->n; i++) {
    rasd_corpus_entity ce;
    if (rasd_registry_get(r, i, &ce) != RASD_OK) continue;
    rasd__buf_printf(&b, "%u\t%s\t", ce.id, rasd_ent_type_name(ce.type));
    tsv_field(&b, ce.canonical);
    rasd__buf_addc(&b, '\t');
    tsv_field(&b, ce.en);
    rasd__buf_printf(&b, "\t%d\t%u\t%u\t", ce.en_translit, ce.mentions, ce.articles);
    for (size_t f = 0; f < ce.n_forms; f++) {
      if (f) rasd__buf_adds(&b, " | ");
      tsv_field(&b, ce.forms[f]);
    }
    rasd__buf_addc(&b, '\n');
  }
  return rasd__buf_detach(&b);
}
