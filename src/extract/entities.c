/* entities.c — within one article: mentions (full names, surnames, title + surname, roles) → entities. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "extract/extract.h"
#include "extract/names.h"
#include "extract/gazetteer.h"
#include "extract/ner.h"
#include "extract/lexicon.h"

#define MAX_ROLE_TOK 10

/* ---- per-thread memo of per-word answers (gazetteer look-ups, clitic stripping, word keys) ----
 * The same words come back in article after article; every memoised function is a pure function of the
 * gazetteer (its generation is part of the key) and of the bytes in the key, so the answers are the same
 * as computing them. Direct-mapped: a collision just recomputes. */
#define WM_BITS 16
#define WM_STR 55
typedef struct wm_ent {
  uint64_t gen, h;
  int64_t val;
  uint8_t len;
  char s[WM_STR];
} wm_ent;
static _Thread_local wm_ent *wm_tab;
static pthread_key_t wm_key;
static pthread_once_t wm_once = PTHREAD_ONCE_INIT;
static void wm_key_init(void) { (void)pthread_key_create(&wm_key, free); }
static wm_ent *wm_table(void) {
  if (!wm_tab) {
    pthread_once(&wm_once, wm_key_init);
    wm_tab = calloc((size_t)1 << WM_BITS, sizeof *wm_tab);
    rasd__advise_huge(wm_tab, ((size_t)1 << WM_BITS) * sizeof *wm_tab);
    if (wm_tab) (void)pthread_setspecific(wm_key, wm_tab);
  }
  return wm_tab;
}

/* A memo key under construction: a kind byte, then pieces of bytes (each piece's length goes in first, so
 * two different piece lists never make one key); 'ok' falls to 0 when it does not fit. */
typedef struct wkey {
  char s[WM_STR];
  size_t n;
  int ok;
} wkey;
static void wk_init(wkey *k, char kind) {
  k->s[0] = kind;
  k->n = 1;
  k->ok = 1;
}
static void wk_add(wkey *k, const char *p, size_t len) {
  if (!k->ok || len > 255 || k->n + 1 + len > WM_STR) { k->ok = 0; return; }
  k->s[k->n++] = (char)len;
  if (len) memcpy(k->s + k->n, p, len);
  k->n += len;
}
static void wk_byte(wkey *k, int b) {
  char c = (char)b;
  wk_add(k, &c, 1);
}

/* The memo slot of key 'k' under gazetteer generation 'gen'; *hit tells whether it holds the answer.
 * NULL when the key does not fit or there is no memo (then compute without it). */
static wm_ent *wm_find(uint64_t gen, const wkey *k, int *hit) {
  *hit = 0;
  if (!gen || !k->ok) return NULL;
  wm_ent *tab = wm_table();
  if (!tab) return NULL;
  uint64_t h = rasd__hash8(k->s, k->n, 0xcbf29ce484222325ull ^ k->n); /* bytes past k->n are not read */
  wm_ent *e = &tab[(h ^ (h >> 32)) & (((size_t)1 << WM_BITS) - 1)];
  *hit = e->gen == gen && e->h == h && e->len == k->n && !memcmp(e->s, k->s, k->n);
  if (!*hit) {
    e->gen = 0; /* filled by wm_put */
    e->h = h;
    e->len = (uint8_t)k->n;
    memcpy(e->s, k->s, k->n);
  }
  return e;
}
static int64_t wm_put(wm_ent *e, uint64_t gen, int64_t v) {
  if (e) {
    e->val = v;
    e->gen = gen;
  }
  return v;
}

static uint64_t gaz_gen_of(const rasd_models *m) { return m && m->gaz ? rasd__gaz_gen(m->gaz) : 0; }

/* rasd__name_gaz_exact(), without this file's memo: the gazetteer's filter of curated forms answers most names
 * from the cache, and its own memo the rest, for less than a memo slot here costs (mostly a cache miss). */
static int64_t name_gaz_exact_m(const rasd_models *m, const char *s, size_t len) { return rasd__name_gaz_exact(m, s, len); }


/* Working state of one entity while linking. */
typedef struct went {
  uint8_t type;
  const char *canon;   /* fullest core form (titles and clitics off), arena */
  int canon_ntok;      /* parsed tokens of canon */
  rasd__name nm;       /* parsed canon */
  int64_t gaz;         /* curated gazetteer entry of canon (rasd__name_gaz_exact) */
  uint64_t canon_h;    /* pm_hash(canon): the pair memo's half of the key */
  size_t canon_len;    /* strlen(canon) */
  uint32_t n_mentions;
  uint32_t last_pos;   /* start of its latest mention seen (for nearest-antecedent choice) */
  const char *role;
} went;

typedef struct ctx {
  const rasd_models *m;
  const rasd_doc *d;
  rasd_analysis *a;
  rasd__arena *ar;
  went *e;
  size_t n, cap;
  const char **core;   /* per mention: core text (arena), NULL for a title-only mention */
  uint8_t *covered;    /* per token: inside a mention */
  struct pm_slot *pm;  /* the pair memo (see pm_get), per thread */
  uint64_t pm_gen;     /* the gazetteer's generation: the memo's answers hold for it */
  int strict_type;     /* find_entity_p(): the mention's type is sure (a newspaper, a region), no other type joins */
} ctx;

/* ---- memo of name comparisons ----
 * find_entity_p() compares each mention's core with every entity's canonical form, and articles name the same
 * people again and again: rasd__names_match_parsed() and is_part() of (core, canon) are pure functions of the two
 * strings (the parses and gazetteer entries come from them, the gazetteer is the key's generation), so their answers
 * are kept per pair of strings, across articles. Direct-mapped, per thread, strings of up to PM_STR - 1 bytes. */
#define PM_BITS 15
#define PM_STR 63
typedef struct pm_slot {
  uint64_t gen, h;          /* the gazetteer's generation (0: empty slot), the pair's hash */
  uint8_t lc, lk;           /* lengths of core and canon */
  int8_t match, part;       /* -1: not computed yet */
  char core[PM_STR], canon[PM_STR];
} pm_slot;
static _Thread_local pm_slot *pm_tab;
static pthread_key_t pm_key;
static pthread_once_t pm_once = PTHREAD_ONCE_INIT;
static void pm_key_init(void) { (void)pthread_key_create(&pm_key, free); }

static uint64_t pm_hash(const char *s) { return rasd__hash8(s, strlen(s), 0x9E3779B97F4A7C15ull); }

/* The memo slot of (core, canon) ('ch' = pm_hash(core), 'kh' = pm_hash(canon), 'cl' and 'kl' their lengths); NULL
 * when there is no memo or a string is too long for it. */
static pm_slot *pm_get(ctx *c, const char *core, size_t cl, uint64_t ch, const char *canon, size_t kl, uint64_t kh) {
  if (!c->pm || cl >= PM_STR || kl >= PM_STR) return NULL;
  uint64_t h = ch ^ (kh * 0xC2B2AE3D27D4EB4Full);
  pm_slot *p = &c->pm[(h ^ (h >> 31)) & (((size_t)1 << PM_BITS) - 1)];
  if (p->gen == c->pm_gen && p->h == h && p->lc == cl && p->lk == kl && !memcmp(p->core, core, cl) &&
      !memcmp(p->canon, canon, kl))
    return p;
  p->gen = c->pm_gen, p->h = h, p->lc = (uint8_t)cl, p->lk = (uint8_t)kl, p->match = p->part = -1;
  memcpy(p->core, core, cl);
  memcpy(p->canon, canon, kl);
  return p;
}

static void pm_begin(ctx *c) {
  c->pm = NULL;
  c->pm_gen = gaz_gen_of(c->m);
  if (!c->pm_gen) return; /* no gazetteer: no memo */
  if (!pm_tab) {
    pthread_once(&pm_once, pm_key_init);
    pm_tab = calloc((size_t)1 << PM_BITS, sizeof *pm_tab);
    if (pm_tab) (void)pthread_setspecific(pm_key, pm_tab);
  }
  c->pm = pm_tab;
}

static const rasd_token *tok(const ctx *c, size_t i) { return &c->a->tokens->tok[i]; }

static int tok_is_title(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  return t->kind == RASD_TOK_WORD && rasd__is_title_word(c->d->text + t->start, t->len);
}

/* Byte offset in the text after dropping 'n' letters from position 'start' (marks skipped). */
static uint32_t skip_letters(const char *s, uint32_t start, uint32_t end, size_t n) {
  size_t i = start;
  while (n && i < end) {
    int32_t c = rasd__utf8_next(s, end, &i);
    if (!rasd__is_arabic_mark(c)) n--;
  }
  while (i < end) { /* marks after the dropped letter */
    size_t j = i;
    int32_t c = rasd__utf8_next(s, end, &j);
    if (!rasd__is_arabic_mark(c)) break;
    i = j;
  }
  return (uint32_t)i;
}

/* Given names that begin with و themselves (وليد is not و + ليد). */
static const char *const GIVEN_W[] = {"وليد", "وليام", "ويليام", "وائل", "وايل", "وسام", "وسيم", "وجدي", "وجيه",
                                      "وحيد", "وديع", "وصفي", "وفاء", "وفا", "وداد", "وعد", "ولاء", "ولا", "وهيب",
                                      "وهبه", "وضاح", "وفيق", "ويل", "وارن", "والتر", "وانغ", "ولي", "وزير", NULL};

/* Whether the first word 't' of a name of two words or more is the conjunction و and a given name: a common one
 * (rasd__given_name_en's table: وصالح العمري) or a name's first particle (وعبد المحسن، وأبو بكر), or a person's name
 * in the gazetteer whose first letter is no vowel letter or ل, the letters after و in W names (وجيريمي رينر; not
 * وليام, ويلسون, وارنر); never a name of its own beginning with و (GIVEN_W). The tokenizer cannot tell these from a
 * word's first letter: و + ص، س، ف… begin many words (وصل، وسط، وفد). */
static int conj_given_name(const rasd__gaz *g, const rasd_token *t) {
  static const char *const PARTICLE[] = {"عبد", "ابو", "بن", NULL};
  if (!t->form || t->form_len < 8 || memcmp(t->form, "و", 2)) return 0; /* و and three letters or more */
  for (size_t i = 0; GIVEN_W[i]; i++)
    if (strlen(GIVEN_W[i]) == t->form_len && !memcmp(t->form, GIVEN_W[i], t->form_len)) return 0;
  const char *x = t->form + 2;
  size_t xl = t->form_len - 2u;
  int words;
  for (size_t i = 0; PARTICLE[i]; i++)
    if (strlen(PARTICLE[i]) == xl && !memcmp(x, PARTICLE[i], xl)) return 1;
  if (rasd__given_name_en(x, xl, NULL, 0, &words)) return 1;
  if (!g || xl < 8 || !memcmp(x, "ا", 2) || !memcmp(x, "ي", 2) || !memcmp(x, "و", 2) || !memcmp(x, "ل", 2))
    return 0;
  return rasd__gaz_exact(g, x, xl, 0, RASD_ENT_PER) >= 0 && rasd__gaz_exact(g, t->form, t->form_len, 0, RASD_ENT_NONE) < 0;
}

/* Whether matching form 'w' ('n' bytes, clitics and article off) is the head noun of an institution's or a place's
 * name (مطار، مركز، جامعة… and the descriptor words: قناة، نادي، مدينة…). */
static int head_noun(const char *w, size_t n) {
  static const char *const HEADS[] = {"مركز", "مؤسسه", "جامعه", "مستشفي", "مكتبه", "مجمع", "كليه", "معهد", "مدرسه",
                                      "اكاديميه", "مطار", "ملعب", "استاد", "ميناء", "جسر", "قاعده", "مسجد", "جامع",
                                      "قصر", "محطه", "ميدان", "شركه", "هيئه", "وزاره", "مجلس", "لجنه", "مديريه", "اداره",
                                      "صندوق", "برنامج", NULL};
  for (size_t i = 0; HEADS[i]; i++)
    if (strlen(HEADS[i]) == n && !memcmp(w, HEADS[i], n)) return 1;
  return rasd__is_descriptor_word(w, n);
}

/* Letters of a clitic prefix (و ف ب ل ك, ال kept) to drop from token 't' as written. The gazetteer
 * decides doubtful cases: واشنطن stays whole, لأوكرانيا loses its ل. '*add_al' is set for لل (للأمم →
 * الأمم). */
static size_t clitic_letters_(const ctx *c, const rasd_token *t, uint32_t span_end, int *add_al);

static size_t clitic_letters(const ctx *c, const rasd_token *t, uint32_t span_end, int *add_al) {
  *add_al = 0;
  if (!t->form || t->kind != RASD_TOK_WORD) return 0;
  /* memoised on everything it reads: the token's forms and length, and the text up to span_end */
  uint64_t gen = gaz_gen_of(c->m);
  wkey k;
  wk_init(&k, 'C');
  if (span_end < t->start + t->len || span_end > c->d->text_len || t->len > 0xffff) k.ok = 0;
  wk_byte(&k, (int)(t->len & 0xff));
  wk_byte(&k, (int)(t->len >> 8));
  wk_add(&k, t->form, t->form_len);
  wk_byte(&k, t->bare != NULL);
  if (t->bare) wk_add(&k, t->bare, t->bare_len);
  if (k.ok) wk_add(&k, c->d->text + t->start, span_end - t->start);
  int hit;
  wm_ent *e = wm_find(gen, &k, &hit);
  if (hit) {
    *add_al = (int)(e->val & 1);
    return (size_t)(e->val >> 1);
  }
  size_t r = clitic_letters_(c, t, span_end, add_al);
  wm_put(e, gen, (int64_t)(r << 1) | (*add_al ? 1 : 0));
  return r;
}

static size_t clitic_letters_(const ctx *c, const rasd_token *t, uint32_t span_end, int *add_al) {
  *add_al = 0;
  const rasd__gaz *g = c->m ? c->m->gaz : NULL;
  const char *w = c->d->text + t->start;
  size_t wlen = span_end > t->start ? span_end - t->start : t->len;
  size_t pre = 0;
  if (t->bare && t->bare_len < t->form_len && !memcmp(t->form + (t->form_len - t->bare_len), t->bare, t->bare_len))
    pre = (size_t)(t->form_len - t->bare_len);
  /* the prefix's letters */
  int32_t p[8];
  size_t np = 0, i = 0;
  while (i < pre && np < 8) p[np++] = rasd__utf8_next(t->form, pre, &i);
  if (np >= 2 && p[np - 2] == 0x0627 && p[np - 1] == 0x0644) { /* وال → ال */
    /* but كاليفورنيا, بالتيمور are names of their own, not ك/ب + ال… */
    if (np == 3 && (p[0] == 0x0643 || p[0] == 0x0628) && g &&
        (rasd__gaz_exact(g, w, wlen, 2, RASD_ENT_NONE) >= 0 || rasd__gaz_exact(g, w, t->len, 2, RASD_ENT_NONE) >= 0))
      return 0;
    return np - 2 <= 2 ? np - 2 : 0;
  }
  if (np == 2 && p[0] == 0x0644 && p[1] == 0x0644) { /* لل */
    *add_al = 1;
    /* للجنة is ل + اللجنة (three lams written two): the name keeps its own ل */
    char hb[64];
    if (t->bare && (size_t)t->bare_len + 2 < sizeof hb) {
      memcpy(hb, "ل", 2);
      memcpy(hb + 2, t->bare, t->bare_len);
      if (head_noun(hb, t->bare_len + 2)) return 1;
    }
    return 2;
  }
  int whole_known = g && (rasd__gaz_exact(g, w, wlen, 2, RASD_ENT_NONE) >= 0 ||
                          rasd__gaz_exact(g, w, t->len, 2, RASD_ENT_NONE) >= 0);
  if (whole_known) return 0;
  if (np && np <= 2 && g) {
    /* the shortest strip that leaves a name we know: وواشنطن → واشنطن, not اشنطن */
    for (size_t k = 1; k <= np; k++) {
      uint32_t rest = skip_letters(c->d->text, t->start, t->start + t->len, k);
      if (rasd__gaz_exact(g, c->d->text + rest, span_end - rest, 2, RASD_ENT_NONE) >= 0) return k;
    }
  }
  if (np && np <= 2) {
    /* و/ف (and) come off; ب/ل/ك (prepositions) only when the rest is a name we know: بيونغ keeps its ب */
    if (p[0] == 0x0648 || p[0] == 0x0641) return np;
    /* or when the word is the head noun of a longer name (بمطار الملك خالد الدولي, لمركز الملك سلمان للإغاثة) */
    if (np == 1 && span_end > t->start + t->len && t->bare && head_noun(t->bare, t->bare_len)) return 1;
    if (!g) return 0;
    uint32_t rest = skip_letters(c->d->text, t->start, t->start + t->len, np);
    return rasd__gaz_any(g, c->d->text + rest, span_end - rest) ? np : 0;
  }
  /* the tokenizer kept the word whole: a conjunction on a person's first name first (وصالح العمري), then one
   * clitic letter the gazetteer recognises */
  if (span_end > t->start + t->len && conj_given_name(g, t)) return 1;
  if (t->form_len < 6) return 0;
  size_t j = 0;
  int32_t c0 = rasd__utf8_next(t->form, t->form_len, &j);
  if (c0 != 0x0648 && c0 != 0x0641 && c0 != 0x0628 && c0 != 0x0644 && c0 != 0x0643) return 0;
  /* ... or a proclitic on the head noun of a longer name that the tokenizer left whole (بوزارة الصحة: ب + و…) */
  if (c0 != 0x0643 && span_end > t->start + t->len && head_noun(t->form + j, t->form_len - j)) return 1;
  if (!g) return 0;
  uint32_t rest = skip_letters(c->d->text, t->start, t->start + t->len, 1);
  if (rasd__gaz_exact(g, c->d->text + rest, span_end - rest, 2, RASD_ENT_NONE) >= 0) return 1;
  if (span_end > t->start + t->len && rasd__gaz_any(g, c->d->text + rest, span_end - rest)) return 1;
  /* و on a one-word country or city written another way than in the lists (وسورية: سوريا) */
  if (c0 == 0x0648 && t->form_len >= 10 && span_end == t->start + t->len &&
      rasd__gaz_best_curated(g, c->d->text + rest, span_end - rest) >= 0)
    return 1;
  return 0;
}

/* Removes quote marks (" « » “ ”) from 's' in place, collapsing the spaces they leave; returns 's'. */
static char *unquote(char *s) {
  char *w = s;
  for (char *r = s; *r;) {
    size_t q = 0;
    unsigned char b = (unsigned char)*r; /* (a byte is read after another only when that one is no NUL) */
    if (b == '"') q = 1;
    else if (b == 0xC2 && ((unsigned char)r[1] == 0xAB || (unsigned char)r[1] == 0xBB)) q = 2; /* « » */
    else if (b == 0xE2 && (unsigned char)r[1] == 0x80 && ((unsigned char)r[2] == 0x9C || (unsigned char)r[2] == 0x9D))
      q = 3; /* “ ” */
    if (q) { r += q; continue; }
    if (*r == ' ' && (w == s || w[-1] == ' ')) { r++; continue; }
    *w++ = *r++;
  }
  while (w > s && w[-1] == ' ') w--;
  *w = 0;
  return s;
}

/* Head nouns and adjectives of public bodies' names (public_bodies()): الهيئة العامة، المركز الوطني، المجلس الأعلى. */
static const char *const BODY_HEAD[] = {"هيئه", "مركز", "مديريه", "مؤسسه", "موسسه", "اداره", "مجلس", "لجنه",
                                        "صندوق", "برنامج", NULL};
static const char *const BODY_ADJ[] = {"العامه", "العام", "الوطني", "الوطنيه", "الاعلي", "السعوديه", "السعودي",
                                       "الملكيه", NULL};
static int in_list(const char *const *list, const char *f, size_t n);
static int form_is(const rasd_token *t, const char *const *list);

/* 1 when word 't' is a public body's head noun (BODY_HEAD): up to two proclitic letters (و ف, then ب ل), then ال
 * (لل: ل + ال), then the noun. '*skip' gets the letters that come off its name and '*al' whether ال goes in front then
 * (للهيئة → الهيئة; للجنة, ل + اللجنة with three lams written two → اللجنة). */
static int body_head(const rasd_token *t, size_t *skip, int *al) {
  const char *w = t->form;
  size_t wl = t->form_len;
  *skip = 0;
  *al = 0;
  if (!w) return 0;
  if (wl > 2 && (!memcmp(w, "و", 2) || !memcmp(w, "ف", 2)) && !in_list(BODY_HEAD, w, wl)) { w += 2; wl -= 2; (*skip)++; }
  if (wl > 4 && !memcmp(w, "لل", 4) && in_list(BODY_HEAD, w + 4, wl - 4)) { w += 4; wl -= 4; *skip += 2; *al = 1; }
  else if (wl > 4 && !memcmp(w, "لل", 4) && in_list(BODY_HEAD, w + 2, wl - 2) && !memcmp(w + 2, "ل", 2)) {
    w += 2;
    wl -= 2;
    (*skip)++;
    *al = 1;
  } else {
    if (wl > 2 && (!memcmp(w, "ب", 2) || !memcmp(w, "ل", 2)) && !in_list(BODY_HEAD, w, wl)) { w += 2; wl -= 2; (*skip)++; }
    if (wl > 4 && !memcmp(w, "ال", 4)) { w += 4; wl -= 4; }
  }
  return in_list(BODY_HEAD, w, wl);
}

int rasd__public_body_name(const char *canon) {
  if (!canon) return 0;
  const char *sp = strchr(canon, ' ');
  if (!sp || !strchr(sp + 1, ' ')) return 0;
  size_t l0 = (size_t)(sp - canon), l1 = strcspn(sp + 1, " ");
  char h[96], a[96];
  if (l0 >= sizeof h / 2 || l1 >= sizeof a / 2) return 0;
  size_t hl = rasd__lx_norm(canon, l0, h), al = rasd__lx_norm(sp + 1, l1, a);
  const char *hw = h;
  if (hl > 4 && !memcmp(h, "ال", 4)) hw += 4, hl -= 4;
  return in_list(BODY_HEAD, hw, hl) && in_list(BODY_ADJ, a, al);
}

/* The known organisation a public body's name of tokens [b, e) stands for (المديرية العامة للدفاع المدني: الدفاع
 * المدني, the Civil Defence of the lists): "ال" + its field when that is a curated organisation, else NULL. */
static const char *body_field_org(ctx *c, size_t b, size_t e) {
  if (e < b + 3 || !c->m || !c->m->gaz) return NULL;
  const rasd_token *h = tok(c, b), *f = tok(c, b + 2);
  size_t skip;
  int al;
  if (!f->form || f->form_len < 8 || memcmp(f->form, "لل", 4) || !form_is(tok(c, b + 1), BODY_ADJ) || !body_head(h, &skip, &al))
    return NULL;
  uint32_t fs = skip_letters(c->d->text, f->start, f->start + f->len, 2);
  const rasd_token *l = tok(c, e - 1);
  char *ft = rasd__arena_printf(c->ar, "ال%.*s", (int)(l->start + l->len - fs), c->d->text + fs);
  return ft && rasd__gaz_exact(c->m->gaz, ft, strlen(ft), 1, RASD_ENT_ORG) >= 0 ? ft : NULL;
}

/* The core text of tokens [b, e): titles off the front, a clitic off the first word. */
static const char *core_text(ctx *c, size_t b, size_t e) {
  const char *org = body_field_org(c, b, e);
  if (org) return org;
  /* titles off, but not a body's head before a word with ال or أنباء: وكالة الأنباء الألمانية, هيئة الضرائب الأمريكية are
   * the names (الأنباء الألمانية is "the German news"); وكالة رويترز is رويترز */
  while (b < e && tok_is_title(c, b) &&
         !(b + 1 < e && rasd__head_in_name(c->d->text + tok(c, b)->start, tok(c, b)->len, c->d->text + tok(c, b + 1)->start,
                                           tok(c, b + 1)->len)))
    b++;
  while (b < e && tok(c, b)->kind != RASD_TOK_WORD && tok(c, b)->kind != RASD_TOK_LATIN) b++;
  while (e > b && tok(c, e - 1)->kind != RASD_TOK_WORD && tok(c, e - 1)->kind != RASD_TOK_LATIN &&
         tok(c, e - 1)->kind != RASD_TOK_NUMBER)
    e--;
  if (b >= e) return NULL;
  const rasd_token *t0 = tok(c, b), *t1 = tok(c, e - 1);
  uint32_t s = t0->start, end = t1->start + t1->len;
  if (end > c->d->text_len || s >= end) return NULL;
  int add_al;
  s = skip_letters(c->d->text, s, t0->start + t0->len, clitic_letters(c, t0, end, &add_al));
  if (s >= end) return NULL;
  char *out = add_al ? rasd__arena_printf(c->ar, "ال%.*s", (int)(end - s), c->d->text + s)
                     : rasd__arena_strndup(c->ar, c->d->text + s, end - s);
  return out ? unquote(out) : NULL;
}

/* Core text of a mention whose token span is unknown or odd: titles off the front of its text. */
static const char *core_from_text(ctx *c, const char *t) {
  if (!t) return NULL;
  size_t len = strlen(t), i = 0;
  for (;;) {
    while (i < len && (t[i] == ' ' || t[i] == '\t')) i++;
    size_t j = i;
    while (j < len && t[j] != ' ' && t[j] != '\t') j++;
    if (j > i && j < len && rasd__is_title_word(t + i, j - i)) { i = j; continue; }
    break;
  }
  return i < len ? rasd__arena_strndup(c->ar, t + i, len - i) : NULL;
}

static int types_ok(int a, int b) { return a == b || a == RASD_ENT_MISC || b == RASD_ENT_MISC || !a || !b; }

/* The tokens of بن، ابن، بنت (son/daughter of), parsed once. */
static rasd__ntok bin_tok_[3];
static pthread_once_t bin_once_ = PTHREAD_ONCE_INIT;
static void bin_init(void) {
  static const char *const w[3] = {"بن", "ابن", "بنت"};
  for (int k = 0; k < 3; k++) {
    rasd__name nm;
    if (rasd__name_parse(w[k], strlen(w[k]), &nm) == 1) bin_tok_[k] = nm.tok[0];
  }
}
static int is_bin_tok(const rasd__ntok *t) {
  pthread_once(&bin_once_, bin_init);
  for (int k = 0; k < 3; k++)
    if (bin_tok_[k].n && rasd__ntok_same_letters(t, &bin_tok_[k])) return 1;
  return 0;
}

/* 1 when every token of 'x' matches a distinct token of 'y', in order (a part of a longer name). A part that begins
 * right after بن/ابن/بنت names the father, not the person: سلمان بن عبدالعزيز is not a part of خالد بن سلمان بن
 * عبدالعزيز, nor سلمان alone (بن لادن, which begins with بن, is a part of محمد بن لادن). */
static int is_part(const rasd__name *x, const rasd__name *y) {
  if (!x->n || x->n >= y->n) return 0;
  int j = 0;
  for (int i = 0; i < x->n; i++) {
    /* a word of the name as written there: with ال where the name has it, without where it has none (الإسلام is no
     * part of تمام سلام, كبير none of عادل الجبير) */
    while (j < y->n && (x->tok[i].had_al != y->tok[j].had_al || !rasd__ntok_match(&x->tok[i], &y->tok[j]))) j++;
    if (j == y->n) return 0;
    if (i == 0 && j > 0 && is_bin_tok(&y->tok[j - 1]) && !is_bin_tok(&x->tok[0])) return 0;
    j++;
  }
  return 1;
}

/* Finds the entity for core text 'core' of type 'type' at 'pos'; -1 when none. 'partial_ok' allows a
 * surname or first name to link to a fuller name. */
static int find_entity_p(ctx *c, const char *core, const rasd__name *pnm, int type, uint32_t pos, int partial_ok);

static int find_entity(ctx *c, const char *core, int type, uint32_t pos, int partial_ok) {
  return find_entity_p(c, core, NULL, type, pos, partial_ok);
}

static const char *media_kind(const char *w, size_t n);

/* The kind of thing the first word of 'core' says it is (a medium's, Club, or Municipality for بلدية and أمانة), or
 * NULL. */
static const char *desc_kind(const char *core) {
  size_t w0 = strcspn(core, " ");
  if (!core[w0]) return NULL;
  if ((w0 == 10 && !memcmp(core, "بلدية", 10)) || (w0 == 10 && !memcmp(core, "أمانة", 10))) return "Municipality";
  return media_kind(core, w0);
}


/* find_entity() with 'core' parsed already into 'pnm' (NULL: parse it here). */
static int find_entity_p(ctx *c, const char *core, const rasd__name *pnm, int type, uint32_t pos, int partial_ok) {
  rasd__name nm_;
  size_t core_len = strlen(core);
  if (!pnm) {
    rasd__name_parse(core, core_len, &nm_);
    pnm = &nm_;
  }
  const rasd__name *nm = pnm;
  if (!nm->n) return -1;
  int64_t gz = name_gaz_exact_m(c->m, core, core_len);
  int full = -1, part = -1, nparts = 0;
  uint64_t ch = c->pm ? rasd__hash8(core, core_len, 0x9E3779B97F4A7C15ull) : 0; /* = pm_hash(core) */
  /* rasd__names_match_parsed(core, entity) and is_part(core, entity) through the memo */
#define PM_MATCH(e)                                                                                          \
  (p = pm_get(c, core, core_len, ch, (e)->canon, (e)->canon_len, (e)->canon_h),                                                        \
   p ? (p->match >= 0 ? p->match : (p->match = (int8_t)(rasd__names_match_parsed(c->m, nm, gz, &(e)->nm, (e)->gaz, \
                                                                                   RASD__NM_TYPO | RASD__NM_TEXT) != 0)))     \
     : rasd__names_match_parsed(c->m, nm, gz, &(e)->nm, (e)->gaz, RASD__NM_TYPO | RASD__NM_TEXT))
#define PM_PART(e)                                                                                           \
  (p = pm_get(c, core, core_len, ch, (e)->canon, (e)->canon_len, (e)->canon_h),                                                        \
   p ? (p->part >= 0 ? p->part : (p->part = (int8_t)(is_part(nm, &(e)->nm) != 0))) : is_part(nm, &(e)->nm))
  pm_slot *p;
  /* a kind word first (نادي، بلدية، صحيفة): an entity with another one is another thing, نادي الجزيرة and بلدية الجزيرة in
   * one article too (صحيفة الوطن and جريدة الوطن are one) */
  const char *kind = desc_kind(core);
  for (size_t k = 0; k < c->n; k++) {
    went *e = &c->e[k];
    if (kind) {
      const char *ke = desc_kind(e->canon);
      if (ke && strcmp(ke, kind)) continue;
    }
    if (!types_ok(e->type, type)) {
      /* the tagger's type may be wrong (بيونج بانج as a person): a close spelling of a multi-word name
       * in the same article is still the same entity (unless the type is known: c->strict_type) */
      if (!c->strict_type && nm->n >= 2 && e->nm.n >= 2 && PM_MATCH(e)) {
        if (full < 0 || c->e[k].n_mentions > c->e[full].n_mentions) full = (int)k;
      }
      continue;
    }
    if (nm->n == e->nm.n || (nm->n > 1 && e->nm.n > 1) || (nm->n == 1 && e->nm.n == 1)) {
      if (PM_MATCH(e)) {
        if (full < 0 || c->e[k].n_mentions > c->e[full].n_mentions) full = (int)k;
        continue;
      }
    }
    if (partial_ok && (type == RASD_ENT_PER || e->type == RASD_ENT_PER) && PM_PART(e)) {
      nparts++;
      if (part < 0 || e->last_pos > c->e[part].last_pos || (e->last_pos <= pos && c->e[part].last_pos > pos)) part = (int)k;
    }
  }
#undef PM_MATCH
#undef PM_PART
  if (full >= 0) return full;
  if (nparts == 1) return part;
  if (nparts > 1) {
    /* ambiguous surname: the nearest antecedent wins only when it precedes this mention */
    if (c->e[part].last_pos <= pos) return part;
  }
  return -1;
}

/* A new entity for 'core' (parsed already into 'pnm' unless NULL). */
static int new_entity_p(ctx *c, const char *core, const rasd__name *pnm, int type) {
  went e;
  memset(&e, 0, sizeof e);
  e.type = (uint8_t)type;
  e.canon = core;
  if (pnm) e.nm = *pnm;
  else rasd__name_parse(core, strlen(core), &e.nm);
  e.canon_ntok = e.nm.n;
  e.gaz = name_gaz_exact_m(c->m, core, strlen(core));
  e.canon_h = pm_hash(core);
  e.canon_len = strlen(core);
  if (RASD__VEC_PUSH(c->e, c->n, c->cap, e) < 0) return -1;
  return (int)(c->n - 1);
}

static int new_entity(ctx *c, const char *core, int type) { return new_entity_p(c, core, NULL, type); }

static void attach_p(ctx *c, int k, const char *core, const rasd__name *pnm, uint32_t pos);
static void attach(ctx *c, int k, const char *core, uint32_t pos) { attach_p(c, k, core, NULL, pos); }

/* attach() with 'core' parsed already into 'pnm' (NULL: parse it here). */
static void attach_p(ctx *c, int k, const char *core, const rasd__name *pnm, uint32_t pos) {
  went *e = &c->e[k];
  e->n_mentions++;
  if (pos >= e->last_pos) e->last_pos = pos;
  rasd__name nm_;
  if (!pnm) {
    rasd__name_parse(core, strlen(core), &nm_);
    pnm = &nm_;
  }
  /* the fullest form is the canonical one */
  if (pnm->n > e->canon_ntok || (pnm->n == e->canon_ntok && strlen(core) > strlen(e->canon) && e->n_mentions == 1)) {
    e->canon = core;
    e->canon_ntok = pnm->n;
    e->nm = *pnm;
    e->gaz = name_gaz_exact_m(c->m, core, strlen(core));
    e->canon_h = pm_hash(core);
    e->canon_len = strlen(core);
  }
}


static void set_span(ctx *c, rasd_mention *mn, size_t b, size_t e);
static rasd_mention new_mention(ctx *c, int type, size_t b, size_t e);

/* Particles of Arabic personal names, which never end a name nor make one alone: عبد الباسط، أبو مازن، بن علي. */
static const char *const PARTICLE_W[] = {"عبد", "ابو", "بن", "ابن", "بنت", "ام", NULL};
/* The words for "son / daughter of", which begin no name. */
static const char *const SON_W[] = {"بن", "ابن", "بنت", NULL};

static int form_is(const rasd_token *t, const char *const *list);

/* 1 when matching form 'f' ('n' bytes) ends in 'suf'. */
static int ends_in(const char *f, size_t n, const char *suf) {
  size_t l = strlen(suf);
  return n >= l && !memcmp(f + n - l, suf, l);
}

/* 1 when tokens [b, e) are two words or more, each a dual or plural noun or adjective of five letters or more
 * (ending in تان، تين، يون، يين: ميداليتين برونزيتين، طائرتان عسكريتان) and one of them a nisba's (يتان، يتين، يون،
 * يين). One word alone may be a name (كريستين، نابليون); so may -son names (لارون دافيدسون). */
static int plural_words(const ctx *c, size_t b, size_t e) {
  static const char *const NISBA[] = {"يون", "يين", "يتان", "يتين", NULL}, *const DUAL[] = {"تان", "تين", NULL};
  size_t nw = 0, nisba = 0;
  for (size_t i = b; i < e; i++) {
    const rasd_token *t = tok(c, i);
    if (t->kind != RASD_TOK_WORD) continue;
    if (!t->form || t->form_len < 10) return 0;
    int ni = 0, ok = 0;
    for (int k = 0; NISBA[k] && !ni; k++) ni = ends_in(t->form, t->form_len, NISBA[k]);
    for (int k = 0; DUAL[k] && !ok; k++) ok = ends_in(t->form, t->form_len, DUAL[k]);
    if (!ni && !ok) return 0;
    nw++, nisba += ni != 0;
  }
  return nw >= 2 && nisba >= 1;
}

/* A person mention of several words that is a known person's name plus a stray word at either end
 * (a verb, an adverb): narrows the mention to the name part and links it. Returns 1 when done. */
static int trim_to_part(ctx *c, rasd_mention *mn, const char **core, int *k) {
  size_t b = mn->tok_begin, e = mn->tok_end;
  for (int side = 0; side < 2; side++) {
    size_t nb = side ? b + 1 : b, ne = side ? e : e - 1;
    while (ne > nb && tok(c, ne - 1)->kind != RASD_TOK_WORD) ne--;
    while (nb < ne && tok(c, nb)->kind != RASD_TOK_WORD) nb++;
    if (nb >= ne) continue;
    /* عبد | الباسط, محمد | بن نايف: a name neither ends in its particle nor begins with بن */
    if (form_is(tok(c, ne - 1), PARTICLE_W) || form_is(tok(c, nb), PARTICLE_W)) continue;
    const char *part = core_text(c, nb, ne);
    if (!part) continue;
    int kk = find_entity(c, part, RASD_ENT_PER, mn->start, 1);
    if (kk < 0 || c->e[kk].nm.n < 2) continue;
    set_span(c, mn, nb, ne);
    *core = part;
    *k = kk;
    return 1;
  }
  return 0;
}

typedef struct order { uint32_t i, ntok, start; } order;
static int cmp_order(const void *x, const void *y) {
  const order *a = x, *b = y;
  if (a->ntok != b->ntok) return a->ntok > b->ntok ? -1 : 1;
  return a->start < b->start ? -1 : a->start > b->start;
}

static int cmp_mention(const void *x, const void *y) {
  const rasd_mention *a = x, *b = y;
  return a->start < b->start ? -1 : a->start > b->start;
}

/* Adds a mention of tokens [b, e) linked to entity 'k' (type of the entity). */
static int add_mention(ctx *c, rasd_mention **extra, size_t *n, size_t *cap, size_t b, size_t e, int k) {
  rasd_mention mn;
  memset(&mn, 0, sizeof mn);
  mn.tok_begin = (uint32_t)b;
  mn.tok_end = (uint32_t)e;
  mn.start = tok(c, b)->start;
  mn.end = tok(c, e - 1)->start + tok(c, e - 1)->len;
  mn.type = c->e[k].type;
  mn.entity = k;
  if (!(mn.text = rasd__arena_strndup(c->ar, c->d->text + mn.start, mn.end - mn.start))) return -1;
  if (RASD__VEC_PUSH(*extra, *n, *cap, mn) < 0) return -1;
  for (size_t i = b; i < e; i++) c->covered[i] = 1;
  return 0;
}

static int tok_word_ok(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  if (t->kind != RASD_TOK_WORD || (t->flags & RASD_TOKF_STOP) || c->covered[i]) return 0;
  return t->bare && t->bare_len >= 4; /* at least two letters */
}

/* Parses the bare form of token 'i' as one name token. */
static int tok_ntok(const ctx *c, size_t i, rasd__ntok *out) {
  const rasd_token *t = tok(c, i);
  rasd__name nm;
  if (!t->bare || !rasd__name_parse(t->bare, t->bare_len, &nm) || nm.n != 1) return 0;
  *out = nm.tok[0];
  return 1;
}

/* Mentions the tagger missed: full names seen elsewhere in the article, the surname (and the family
 * name of three-word names, e.g. كيم) of people, and a name after السيد / السيدة. */
#define KEYMAX (2 * RASD__NAME_MAXSYM + 1)

/* A 10-bit hash of a word key (the filter in catch_missed). */
static unsigned key_bit(const char *k) {
  uint32_t h = 2166136261u;
  for (; *k; k++) h = (h ^ (unsigned char)*k) * 16777619u;
  return (h ^ (h >> 10) ^ (h >> 20)) & 1023;
}

int rasd__ent_keybit(const char *s, size_t len) {
  rasd__name nm;
  if (!s || !rasd__name_parse(s, len, &nm) || nm.n != 1) return -1;
  char wk[KEYMAX];
  rasd__ntok_key(&nm.tok[0], wk);
  return (int)key_bit(wk);
}

/* ---- newspapers, channels and regions named like one another ---- */

/* Words that make the name after them a medium (صحيفة الرياض), in the matching form, and what the medium is in
 * English; media_word() takes a proclitic و، ف، ل، ب off first. */
#define MW(s, e) {s, sizeof s - 1, e}
static const struct { const char *s; size_t n; const char *en; } MEDIA_W[] = {
  MW("صحيفه", "newspaper"), MW("جريده", "newspaper"), MW("مجله", "magazine"), MW("قناه", "channel"),
  MW("وكاله", "agency"),    MW("اذاعه", "radio"),     MW("شبكه", "network"),  MW("تلفزيون", "TV"), MW("نادي", "Club"),
  {NULL, 0, NULL}};
#undef MW

/* 1 when token 't' is one of MEDIA_W, with up to two proclitics (ولصحيفة). */
static int media_word(const rasd_token *t) {
  if (t->kind != RASD_TOK_WORD || !t->form || t->form_len < 6 || t->form_len > 18) return 0;
  const unsigned char *f = (const unsigned char *)t->form;
  size_t n = t->form_len;
  /* they all end in ه or ن, but نادي in ي: most words are out at once */
  if (f[n - 2] != 0xD9 || (f[n - 1] != 0x87 && f[n - 1] != 0x86 && f[n - 1] != 0x8A)) return 0;
  int conj = 1; /* و or ف may come first, then ل or ب (للوكالة is ل + الوكالة) */
  for (;;) {
    for (int k = 0; MEDIA_W[k].s; k++)
      if (MEDIA_W[k].n == n && !memcmp(f, MEDIA_W[k].s, n)) return 1;
    if (n < 8) return 0;
    /* و ف: D9 88, D9 81; ل ب: D9 84, D8 A8 */
    if (conj && f[0] == 0xD9 && (f[1] == 0x88 || f[1] == 0x81)) conj = 0;
    else if ((f[0] == 0xD9 && f[1] == 0x84) || (f[0] == 0xD8 && f[1] == 0xA8)) conj = -1;
    else return 0;
    f += 2, n -= 2;
    if (conj < 0) {
      for (int k = 0; MEDIA_W[k].s; k++)
        if (MEDIA_W[k].n == n && !memcmp(f, MEDIA_W[k].s, n)) return 1;
      return 0;
    }
  }
}
/* Words after which a name is a place: منطقة الشرق الأوسط، دول الخليج، في الشرق الأوسط. */
static const char *const PLACE_W[] = {"منطقه", "بمنطقه", "لمنطقه", "دول", "بدول", "لدول", "في", "فى", "الي", "الى",
                                      "مدينه", "بمدينه", "لمدينه", "قريه", "بقريه", "لقريه", "بلده", "ببلده", "لبلده",
                                      "امن", "شؤون", "بشؤون", NULL};

static int form_is(const rasd_token *t, const char *const *list);
static int form_is_cl(const rasd_token *t, const char *const *list);

/* 1 when mention 'mn' is a newspaper, channel or agency by its first word or the word before it (a quote mark
 * between allowed): صحيفة الرياض، لصحيفة «الشرق الأوسط». */
static int span_media(const ctx *c, const rasd_mention *mn) {
  size_t ntok = c->a->tokens ? c->a->tokens->n_tok : 0, b = mn->tok_begin, d;
  if (b >= mn->tok_end || mn->tok_end > ntok) return 0;
  if (mn->tok_end - b >= 2 && media_word(tok(c, b))) d = b++;
  else {
    size_t q = b > 0 && tok(c, b - 1)->kind == RASD_TOK_QUOTE ? b - 1 : b;
    if (q == 0 || !media_word(tok(c, q - 1))) return 0;
    d = q - 1;
  }
  /* قناة السويس, قناة بنما: a canal, when the name after it is a place */
  const rasd_token *t = tok(c, d);
  if (c->m && c->m->gaz && t->form_len >= 8 && !memcmp(t->form + t->form_len - 8, "قناه", 8)) {
    const rasd_token *t0 = tok(c, b), *t1 = tok(c, mn->tok_end - 1);
    if (t1->start + t1->len > t0->start &&
        rasd__gaz_exact(c->m->gaz, c->d->text + t0->start, t1->start + t1->len - t0->start, 2, RASD_ENT_LOC) >= 0)
      return 0;
  }
  return 1;
}

/* The type the words around mention 'mn' give an ambiguous name: RASD_ENT_ORG when it is quoted (newspapers are:
 * وعلمت «الشرق الأوسط»), RASD_ENT_LOC after a word of places (منطقة، دول، في), else RASD_ENT_NONE. */
static int known_place(const rasd__gaz *g, const char *w, size_t len);

static int context_type(const ctx *c, const rasd_mention *mn) {
  size_t ntok = c->a->tokens ? c->a->tokens->n_tok : 0, b = mn->tok_begin;
  if (b >= mn->tok_end || mn->tok_end > ntok || b == 0) return RASD_ENT_NONE;
  if (tok(c, b - 1)->kind == RASD_TOK_QUOTE) return RASD_ENT_ORG;
  if (form_is_cl(tok(c, b - 1), PLACE_W) || (mn->tok_end - b >= 2 && form_is_cl(tok(c, b), PLACE_W)))
    return RASD_ENT_LOC;
  /* joined by و to a place right before it (أوروبا والشرق الأوسط، الصين والشرق الأوسط): a place too */
  const rasd_token *f = tok(c, b), *p = tok(c, b - 1);
  if (f->form && f->form_len > 6 && !memcmp(f->form, "و", 2) && p->kind == RASD_TOK_WORD && p->sentence == f->sentence &&
      c->m && c->m->gaz &&
      (known_place(c->m->gaz, c->d->text + p->start, p->len) || (p->bare && known_place(c->m->gaz, p->bare, p->bare_len))))
    return RASD_ENT_LOC;
  return RASD_ENT_NONE;
}

/* 'core' with a descriptor word in front of it aside (منطقة الشرق الأوسط → الشرق الأوسط); its length in *n. */
static const char *bare_of(const char *core, size_t *n) {
  size_t w0 = strcspn(core, " ");
  *n = strlen(core);
  if (core[w0] && rasd__is_descriptor_word(core, w0)) core += w0 + 1, *n -= w0 + 1;
  return core;
}

/* 1 when the two cores are one name, their descriptor words aside. */
static int same_bare(const char *a, const char *b) {
  size_t na, nb;
  a = bare_of(a, &na), b = bare_of(b, &nb);
  return na == nb && !memcmp(a, b, na);
}

/* Per-thread memo of curated_types(): the same well-known names (السعودية، الرياض) come back in article after
 * article. Direct-mapped, 4096 names (~300 KB per thread), allocated on first use. */
#define CT_BITS 12
#define CT_STR 62
typedef struct ct_ent { uint64_t gen, h; uint8_t len, mask; char s[CT_STR]; } ct_ent;
static _Thread_local ct_ent *ct_tab;
static pthread_key_t ct_key;
static pthread_once_t ct_once = PTHREAD_ONCE_INIT;
static void ct_key_init(void) { (void)pthread_key_create(&ct_key, free); }

/* The types (bit 1 << type) of the hand-written, country and capital-city entries spelt exactly 'core', a
 * descriptor word in front of it aside (منطقة الشرق الأوسط). */
static unsigned curated_types(const rasd__gaz *g, const char *core) {
  static const int T[] = {RASD_ENT_PER, RASD_ENT_LOC, RASD_ENT_ORG, RASD_ENT_MISC};
  size_t n;
  core = bare_of(core, &n);
  if (!ct_tab && n < CT_STR) {
    pthread_once(&ct_once, ct_key_init);
    if ((ct_tab = calloc(1u << CT_BITS, sizeof *ct_tab))) (void)pthread_setspecific(ct_key, ct_tab);
  }
  uint64_t gen = rasd__gaz_gen(g), h = n < CT_STR ? rasd__hash8(core, n, 0x5bd1e995u) : 0;
  ct_ent *e = ct_tab && n < CT_STR ? &ct_tab[h & ((1u << CT_BITS) - 1)] : NULL;
  if (e && e->gen == gen && e->h == h && e->len == n && !memcmp(e->s, core, n)) return e->mask;
  unsigned m = 0;
  for (int k = 0; k < 4; k++)
    if (rasd__gaz_exact(g, core, n, 1, T[k]) >= 0) m |= 1u << T[k];
  if (e) e->gen = gen, e->h = h, e->len = (uint8_t)n, e->mask = (uint8_t)m, memcpy(e->s, core, n);
  return m;
}

/* What a medium's descriptor word ('w', 'n' bytes) says it is in English; NULL when 'w' is none. */
static const char *media_kind(const char *w, size_t n) {
  /* as written (صحيفة، إذاعة) against the matching forms: a final ة is ه, a first إ is ا */
  char f[32];
  if (n < 4 || n > sizeof f) return NULL;
  memcpy(f, w, n);
  if (!memcmp(f + n - 2, "ة", 2)) memcpy(f + n - 2, "ه", 2);
  if (!memcmp(f, "إ", 2)) memcpy(f, "ا", 2);
  for (int k = 0; MEDIA_W[k].s; k++)
    if (MEDIA_W[k].n == n && !memcmp(f, MEDIA_W[k].s, n)) return MEDIA_W[k].en;
  return NULL;
}

static int medium_name(const rasd__gaz *g, const char *name);

char *rasd__place_org_english(const rasd_models *m, const char *canon, char *en) {
  if (!en || !m || !m->gaz || !canon) return en;
  size_t n, w0 = strcspn(canon, " ");
  const char *rest = bare_of(canon, &n), *kind = rest != canon ? media_kind(canon, w0) : NULL;
  if (rest != canon && !kind) return en; /* بلدية الرياض, منطقة الرياض: other descriptors say nothing here */
  unsigned tm = curated_types(m->gaz, rest);
  if (kind && !strcmp(kind, "Club") && (tm >> RASD_ENT_ORG & 1)) {
    /* a club named as a channel or a paper is (نادي الجزيرة is not Al Jazeera): its name transliterated, and Club */
    if (!medium_name(m->gaz, rest)) return en;
    char *t = rasd__translit(rest, n);
    if (!t) return en;
    rasd__buf b = {0};
    if (t[0] >= 'a' && t[0] <= 'z') t[0] = (char)(t[0] - 'a' + 'A');
    rasd__buf_printf(&b, "%s Club", t);
    free(t);
    char *r = rasd__buf_detach(&b);
    if (!r) return en;
    free(en);
    return r;
  }
  if (!(tm >> RASD_ENT_LOC & 1) || (tm >> RASD_ENT_ORG & 1)) return en;
  /* an English that names the kind already (Maghreb Agency, composed with the head; or this function's own, asked
   * again when the canonical form changes) */
  if (kind && strcasestr(en, kind)) return en;
  /* the article of a one-word name of a paper (الرياض: Al Riyadh); a longer one, or a channel's, reads as it is (Kuwait
   * TV) */
  int al = !strncmp(rest, "ال", 4) && !strchr(rest, ' ') && strncmp(en, "Al ", 3) && strncmp(en, "Al-", 3) &&
           (!kind || !strcmp(kind, "newspaper") || !strcmp(kind, "magazine"));
  rasd__buf b = {0};
  rasd__buf_printf(&b, "%s%s%s%s", al ? "Al " : "", en, kind ? " " : "", kind ? kind : "");
  char *r = rasd__buf_detach(&b);
  if (!r) return en;
  free(en);
  return r;
}

/* 1 when 'name' is also the name of a channel or a paper in the curated lists (الجزيرة: قناة الجزيرة, الرياض: صحيفة
 * الرياض). */
static int medium_name(const rasd__gaz *g, const char *name) {
  static const char *const MEDIUM[] = {"قناة", "صحيفة", "جريدة", NULL};
  int medium = 0;
  for (int k = 0; MEDIUM[k] && !medium; k++) {
    rasd__buf qb = {0};
    rasd__buf_printf(&qb, "%s %s", MEDIUM[k], name);
    char *q = rasd__buf_detach(&qb);
    medium = q && rasd__gaz_exact(g, q, strlen(q), 1, RASD_ENT_ORG) >= 0;
    free(q);
  }
  return medium;
}

char *rasd__descriptor_english(const rasd_models *m, const char *canon, int type, char *en, int *translit) {
  if (!m || !m->gaz || !canon) return en;
  size_t w0 = strcspn(canon, " ");
  if (!canon[w0] || !rasd__is_descriptor_word(canon, w0)) return en;
  int64_t i = rasd__gaz_exact(m->gaz, canon, strlen(canon), 1, type);
  rasd__gaz_entry ge;
  if (i < 0 || rasd__gaz_get(m->gaz, (uint32_t)i, &ge) || ge.src != RASD__GSRC_HAND || !*ge.en) {
    /* بلدية الزلفي: the municipality of a place the lists know (its English that of the place, the descriptor word
     * left out), as أمانة جدة is Jeddah Municipality */
    static const char MUNI[] = " Municipality";
    size_t el = en ? strlen(en) : 0;
    if (type != RASD_ENT_ORG || !en || (translit && *translit) || w0 != 10 || memcmp(canon, "بلدية", 10) ||
        (el >= sizeof MUNI - 1 && !strcmp(en + el - (sizeof MUNI - 1), MUNI)))
      return en;
    /* named as a channel or a paper is: its name transliterated (بلدية الجزيرة is Al-Jazira Municipality) */
    char *t = medium_name(m->gaz, canon + w0 + 1) ? rasd__translit(canon + w0 + 1, strlen(canon + w0 + 1)) : NULL;
    if (t) {
      if (t[0] >= 'a' && t[0] <= 'z') t[0] = (char)(t[0] - 'a' + 'A');
      free(en);
      en = t;
      el = strlen(en);
    }
    char *r = malloc(el + sizeof MUNI);
    if (!r) return en;
    memcpy(r, en, el);
    memcpy(r + el, MUNI, sizeof MUNI);
    free(en);
    return r;
  }
  if (translit) *translit = 0;
  if (en && !strcmp(en, ge.en)) return en;
  char *r = rasd__strdup0(ge.en);
  if (!r) return en;
  free(en);
  return r;
}

/* Head nouns of organisations' names, matching forms without the article (منظمة «أوبك»). */
static const char *const ORG_HEAD_W[] = {"منظمه", "شركه", "جمعيه", "هيئه", "مؤسسه", "موسسه", "حركه", "جماعه", "مجموعه",
                                         "حزب", "جبهه", "اتحاد", "تحالف", "مجلس", "لجنه", "رابطه", "مركز", "معهد", NULL};

static size_t definite_prefix(const char *f, size_t n);

static int country_nisba(const ctx *c, size_t i, int type);

/* 1 when the person of tokens [b, e) is two adjectives and no name: an indefinite nisba of five letters or more
 * (تأسيسي "founding") and a country's (سوري): مؤتمر تأسيسي سوري, which the tagger took for a person; or حجاج بيت of حجاج بيت الله "the pilgrims
 * of God's House". A given name first (تركي, علي) stays a name. */
static int adjective_pair(const ctx *c, size_t b, size_t e) {
  if (e != b + 2) return 0;
  const rasd_token *f = tok(c, b), *s = tok(c, b + 1);
  if (f->kind != RASD_TOK_WORD || s->kind != RASD_TOK_WORD || !f->form || !s->form) return 0;
  static const char *const HOUSE[] = {"بيت", NULL}, *const GOD[] = {"الله", NULL};
  if (form_is(s, HOUSE) && e < c->a->tokens->n_tok && form_is(tok(c, e), GOD)) return 1;
  int words;
  /* (five letters or more: شادي، فوزي، مجدي are names; not عبد…) */
  if (f->form_len < 10 || !ends_in(f->form, f->form_len, "ي") || !memcmp(f->form, "ال", 4) || !memcmp(f->form, "عبد", 6) ||
      rasd__given_name_en(f->form, f->form_len, NULL, 0, &words))
    return 0;
  return country_nisba(c, b + 1, RASD_ENT_PER);
}

/* 1 when tokens [b, e) are a currency and no name: the currency's word alone (ريال، ريالين، دولارا) or with a country's
 * adjective (ريال سعودي، جنيه إسترليني، يورو سويدي), which the tagger took for a person; ريال مدريد (Real) stays. */
static int currency_phrase(const ctx *c, size_t b, size_t e) {
  static const char *const CUR[] = {"ريال", "ريالا", "ريالات", "ريالين", "ريالان", "دولار", "دولارا", "دولارات", "يورو",
                                    "درهم", "دراهم", "دينار", "دينارا", "دنانير", "جنيه", "جنيها", "جنيهات", "ين",
                                    "روبيه", "ليره", "ليرات", NULL};
  if (e > b + 2 || !form_is(tok(c, b), CUR)) return 0;
  if (e == b + 1) return 1;
  const rasd_token *a = tok(c, b + 1);
  if (a->kind != RASD_TOK_WORD || !a->form || a->form_len < 6 || !memcmp(a->form, "ال", 4)) return 0;
  return ends_in(a->form, a->form_len, "ي") || ends_in(a->form, a->form_len, "يه") ||
         rasd__org_word_class(a->form, a->form_len) == 2;
}

/* 1 when tokens 'b' and b + 1 are an indefinite head noun of a body and a nisba adjective agreeing with it, neither
 * with the article: منظمة إرهابية "a terrorist organisation", تنظيم إرهابي، جامعة سعودية، معهد ألماني; a kind of body,
 * no name (names are definite or proper: منظمة العفو الدولية، حزب الله، جامعة إيموري). */
static int generic_body(const ctx *c, size_t b) {
  static const char *const FEM[] = {"منظمه", "شركه", "جمعيه", "هيئه", "مؤسسه", "موسسه", "حركه", "جماعه", "مجموعه", "جبهه",
                                    "لجنه", "رابطه", "جامعه", "وكاله", "قناه", "صحيفه", "جريده", "مجله", "شبكه", NULL};
  static const char *const MASC[] = {"تنظيم", "حزب", "اتحاد", "تحالف", "مجلس", "مركز", "معهد", "بنك", "مصرف", "موقع",
                                     "فصيل", NULL};
  const rasd_token *h = tok(c, b), *a = tok(c, b + 1);
  if (a->kind != RASD_TOK_WORD || !a->form || a->form_len < 8 || definite_prefix(a->form, a->form_len)) return 0;
  /* a place is no adjective (بنك أبوظبي); nor is a word in ى (بنك نزوى) */
  const char *raw = c->d->text + a->start;
  if (a->len >= 2 && (unsigned char)raw[a->len - 2] == 0xD9 && (unsigned char)raw[a->len - 1] == 0x89) return 0;
  if (c->m && c->m->gaz && rasd__gaz_exact(c->m->gaz, raw, a->len, 0, RASD_ENT_NONE) >= 0) return 0;
  if (form_is(h, FEM)) {
    /* a verbal noun in ية is no adjective: حماية، رعاية (ا before it), تنمية، توعية (ت and two letters) */
    size_t st = a->form_len - 4;
    if (memcmp(a->form + st, "يه", 4) || !memcmp(a->form + st - 2, "ا", 2)) return 0;
    return !(st == 6 && !memcmp(a->form, "ت", 2));
  }
  if (form_is(h, MASC)) return !memcmp(a->form + a->form_len - 2, "ي", 2) && memcmp(a->form + a->form_len - 4, "يي", 4);
  return 0;
}

/* ---- word lists ----
 * form_is() is asked of most tokens (8 M times over the 29k articles, 6 M of them by royal_names()), and most words of
 * a list share their first letter with many tokens (ال…): the words of each list asked about are put in a hash table,
 * per thread, on the list's first use, keyed by the list and the word. */
#define WLX_LISTS 64 /* lists (at most 3/4 of them used: else the lists are read through) */
#define WLX_BITS 11  /* words (the same) */
typedef struct wlx_word {
  const char *const *list; /* NULL: an empty slot */
  const char *w;
  size_t len;
} wlx_word;
typedef struct wlx {
  const char *const *lists[WLX_LISTS];
  struct wlx_list {
    size_t lo, hi; /* the lengths of its words, least and most */
    uint64_t b1;   /* bit (second byte & 63) of each word of two bytes or more (an Arabic word's first letter) */
  } info[WLX_LISTS];
  size_t n_lists, n_words;
  wlx_word word[1u << WLX_BITS];
} wlx;
static _Thread_local wlx *wlx_tab;
static pthread_key_t wlx_key;
static pthread_once_t wlx_once = PTHREAD_ONCE_INIT;
static void wlx_key_init(void) { (void)pthread_key_create(&wlx_key, free); }

/* The first slot of word 'f' ('n' bytes) of 'list': its first and last eight bytes (overlapping loads, of four bytes
 * or one under eight) hashed with its length and the list. */
static inline size_t wlx_slot(const char *const *list, const char *f, size_t n) {
  uint64_t a = 0, b = 0;
  if (n >= 8) memcpy(&a, f, 8), memcpy(&b, f + n - 8, 8);
  else if (n >= 4) {
    uint32_t a4, b4;
    memcpy(&a4, f, 4), memcpy(&b4, f + n - 4, 4);
    a = a4, b = b4;
  } else
    for (size_t i = 0; i < n; i++) a = a << 8 | (unsigned char)f[i];
  uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ ((uint64_t)(uintptr_t)list + n) * 0x165667B19E3779F9ull;
  return (size_t)(h ^ (h >> 29) ^ (h >> 47)) & ((1u << WLX_BITS) - 1);
}

/* The index with 'list' in it (added now if it is not yet; *li its lengths and letters), or NULL when there is no
 * room or memory. */
static const wlx *wlx_with(const char *const *list, const struct wlx_list **li) {
  if (!wlx_tab) {
    pthread_once(&wlx_once, wlx_key_init);
    if (!(wlx_tab = calloc(1, sizeof *wlx_tab))) return NULL;
    (void)pthread_setspecific(wlx_key, wlx_tab);
  }
  wlx *x = wlx_tab;
  size_t p = (size_t)(((uintptr_t)list >> 3) * 0x9E3779B1u) & (WLX_LISTS - 1);
  while (x->lists[p]) {
    if (x->lists[p] == list) {
      *li = &x->info[p];
      return x;
    }
    p = (p + 1) & (WLX_LISTS - 1);
  }
  size_t nw = 0;
  while (list[nw]) nw++;
  if (4 * (x->n_lists + 1) > 3 * WLX_LISTS || 4 * (x->n_words + nw) > 3 * (1u << WLX_BITS)) return NULL;
  struct wlx_list in = {SIZE_MAX, 0, 0};
  for (size_t i = 0; i < nw; i++) {
    size_t len = strlen(list[i]), q = wlx_slot(list, list[i], len);
    while (x->word[q].list) q = (q + 1) & ((1u << WLX_BITS) - 1);
    x->word[q] = (wlx_word){list, list[i], len};
    if (len < in.lo) in.lo = len;
    if (len > in.hi) in.hi = len;
    in.b1 |= len >= 2 ? 1ull << ((unsigned char)list[i][1] & 63) : ~0ull;
  }
  x->n_words += nw;
  x->n_lists++;
  x->lists[p] = list;
  x->info[p] = in;
  *li = &x->info[p];
  return x;
}

/* 1 when the 'n' bytes at 'f' are a word of 'list' (NULL-terminated). */
static int in_list(const char *const *list, const char *f, size_t n) {
  const struct wlx_list *li;
  const wlx *x = wlx_with(list, &li);
  if (x && (n < li->lo || n > li->hi || (n >= 2 && !(li->b1 >> ((unsigned char)f[1] & 63) & 1)))) return 0;
  if (!x) {
    for (size_t i = 0; list[i]; i++)
      if (strlen(list[i]) == n && !memcmp(list[i], f, n)) return 1;
    return 0;
  }
  for (size_t q = wlx_slot(list, f, n); x->word[q].list; q = (q + 1) & ((1u << WLX_BITS) - 1))
    if (x->word[q].list == list && x->word[q].len == n && !memcmp(x->word[q].w, f, n)) return 1;
  return 0;
}

static int form_is(const rasd_token *t, const char *const *list) {
  if (t->kind != RASD_TOK_WORD || !t->form) return 0;
  return in_list(list, t->form, t->form_len);
}

/* form_is, also after a leading و or ف (وبارك، فرحمه) */
static int form_is_cl(const rasd_token *t, const char *const *list) {
  if (form_is(t, list)) return 1;
  if (t->kind != RASD_TOK_WORD || !t->form || t->form_len <= 4) return 0;
  if (memcmp(t->form, "و", 2) && memcmp(t->form, "ف", 2)) return 0;
  return in_list(list, t->form + 2, t->form_len - 2u);
}

/* 1 when the matching form of word 't' begins with a one-letter proclitic (و ف ب ل ك, two bytes each) and has three
 * letters or more after it. */
static int proclitic_letter(const rasd_token *t) {
  if (t->kind != RASD_TOK_WORD || !t->form || t->form_len < 8) return 0;
  return !memcmp(t->form, "و", 2) || !memcmp(t->form, "ف", 2) || !memcmp(t->form, "ب", 2) || !memcmp(t->form, "ل", 2) ||
         !memcmp(t->form, "ك", 2);
}

/* ---- God in a formula is not a name ---- */

/* الله in the matching form, alone or with a proclitic */
static const char *const GOD[] = {"الله", "لله", "بالله", "والله", "فالله", "تالله", "اللهم", "ولله", NULL};
/* Words of the formulas that put الله after them: رحمه الله، صلى الله عليه وسلم، بارك الله، الحمد لله، جزاه الله،
 * رسول الله، إن شاء الله، بإذن الله، توفيق الله، في سبيل الله … (matching forms: ة is ه, no hamza seats; a leading
 * و or ف is tried off, see form_is_cl). */
static const char *const FORMULA[] = {
    "رحمه", "رحمها", "رحمهما", "رحمهم", "يرحمه", "يرحمها", "يرحمهم", "صلي", "بارك", "يبارك", "الحمد", "جزي",
    "جزاه", "جزاها", "جزاهم", "جزاك", "جزاكم", "حفظه", "حفظها", "حفظهم", "يحفظه", "يحفظها", "رعاه", "يرعاه",
    "ايده", "يؤيده", "وفقه", "وفقها", "وفقهم", "يوفقه", "سبحان", "رسول", "برسول", "توفيق", "بتوفيق",
    "شاء", "باذن", "بسم", "بفضل", "فضل", "نصر", "برحمه", "سبيل", "عند", "علي", "الي", "امام", "يا", "لوجه", "دين", "كتاب",
    "بيت", "عباد", "ان", "لعنه", "قاتله", "قاتلهم", "هداه", "هداهم", "يهدي", "تقبل", "تقبله", "غفر",
    "يغفر", "اسال", "نسال", "ادعو", "ندعو", "انعم", "اكرم", "ذكر", "يعلم", "اعلم", "عافاه", "شفاه", "يشفيه",
    "حمي", "حماه", "يحمي", "امر", "لولا", "رضي", "رضوان", "الا", "حسبنا", "حسبي", "استغفر", "اتقوا", "اتق",
    "خلق", "وجه", "طيب", "اسكنه", "يسكنه", "تغمده", "يتغمده", "بحمد", "حفظهما", "حفظكم", "يحفظهما", "يحفظكم",
    "ميزه", "ميز", NULL};
/* Words that make one name or title with الله after them (عبد الله، نصر الله، رام الله، حزب الله، آية الله): never cut. */
static const char *const GOD_NAME[] = {
    "عبد", "العبد", "عبيد", "جار", "الجار", "فضل", "نصر", "عطا", "عطاء", "خير", "سعد", "حمد", "ضيف", "فتح", "جاب",
    "جاد", "رزق", "هبه", "كرم", "نعمه", "حسب", "امه", "خلف", "عوض", "رام", "حزب", "انصار", "جند", "شكر", "ولي",
    "سيف", "حبيب", "روح", "ذبيح", "كليم", "خليل", "نور", "عين", "كرامه", "ايه", NULL};
/* Those of them that are also a phrase (نعمة الله، فضل الله، كرم الله وجهه): with الله alone, not a name. */
static const char *const GOD_PHRASE[] = {"فضل", "نعمه", "نور", "عين", "ولي", "كرم", "امه", "شكر", "حمد", "حسب",
                                         "خلق", "كرامه", NULL};

static const char *const YEAR_WORDS[] = {"عام", "عاما", "سنه", "سنوات", "اعوام", NULL};

/* A unit, currency, number, duration or weekday word (دولارا، سنة، مليار، الخميس) is never a name, alone or with
 * others of its kind (ترليون ريال). Months are not in the list: نيسان is also Nissan, مارس a verb. */
static int is_measure_word(const rasd_token *t) {
  const uint32_t mask = LX_UNIT | LX_NUMW | LX_SCALE | LX_DUR | LX_WDAY;
  if (t->kind != RASD_TOK_WORD || !t->form) return 0;
  uint32_t cl = rasd__lx_classes(t->form, t->form_len);
  if (!(cl & mask) && t->bare) cl = rasd__lx_classes(t->bare, t->bare_len);
  return (cl & mask) && !(cl & LX_AMBIG);
}

static int all_measure_words(const ctx *c, size_t b, size_t e) {
  int words = 0;
  for (size_t i = b; i < e; i++) {
    if (tok(c, i)->kind != RASD_TOK_WORD) continue;
    if (!is_measure_word(tok(c, i))) return 0;
    words++;
  }
  return words > 0;
}

/* Whether the matching form 'w' ('len' bytes) is a place in any of the lists. */
static int known_place(const rasd__gaz *g, const char *w, size_t len) {
  return len && rasd__gaz_exact(g, w, len, 0, RASD_ENT_LOC) >= 0;
}

/* Whether the one-word mention at token 'i' (tagged 'type') is a nisba adjective of a known place and not a
 * name: المستثمرين الكوريين, الجيش | اللبناني, الصادرات القطرية. The word itself is no curated entry nor a place in
 * the lists (السعودية, ألماتي are); the adjective's base with ا, يا or ال put back is a place in the lists (كوري → كوريا,
 * لبناني → لبنان, يمني → اليمن). A singular nisba tagged as a person may be a surname (السوداني) and stays. */
static int is_place_nisba(const ctx *c, size_t i, int type) {
  const rasd__gaz *g = c->m ? c->m->gaz : NULL;
  const rasd_token *t = tok(c, i);
  if (!g || t->kind != RASD_TOK_WORD || !t->bare || t->form_len < 4 || memcmp(t->form, "ال", 4)) return 0;
  static const char *const SUF[] = {"يين", "يون", "يه", "ي", NULL};
  const char *w = t->bare;
  size_t wl = t->bare_len, sl = 0;
  int plural = 0;
  for (int k = 0; SUF[k]; k++) {
    size_t l = strlen(SUF[k]);
    if (wl > l + 4 && !memcmp(w + wl - l, SUF[k], l)) { sl = l; plural = k < 2; break; }
  }
  if (!sl || (type == RASD_ENT_PER && !plural)) return 0;
  if (rasd__gaz_exact(g, t->form, t->form_len, 2, RASD_ENT_NONE) >= 0 || rasd__gaz_exact(g, t->form, t->form_len, 0, RASD_ENT_LOC) >= 0 ||
      rasd__gaz_exact(g, w, wl, 2, RASD_ENT_NONE) >= 0)
    return 0; /* السعودية, ألماتي */
  char b[128];
  size_t bl = wl - sl;
  if (bl < 2 || bl > sizeof b - 8) return 0;
  memcpy(b, w, bl);
  if (known_place(g, b, bl)) return 1;
  memcpy(b + bl, "ا", 2);
  if (known_place(g, b, bl + 2)) return 1;
  memcpy(b + bl, "يا", 4);
  if (known_place(g, b, bl + 4)) return 1;
  memcpy(b, "ال", 4);
  memcpy(b + 4, w, bl);
  return known_place(g, b, bl + 4);
}

/* Whether 's' ('n' bytes) is a country or a capital in the lists (not a region: عسير of عسيري, a surname). */
static int country_or_capital(const rasd__gaz *g, const char *s, size_t n) {
  int64_t i = rasd__gaz_exact(g, s, n, 1, RASD_ENT_LOC);
  rasd__gaz_entry e;
  return i >= 0 && !rasd__gaz_get(g, (uint32_t)i, &e) && (e.src == RASD__GSRC_COUNTRY || (e.flags & (RASD__GF_COUNTRY | RASD__GF_CAPITAL)));
}

/* Whether the one-word mention at token 'i' is an indefinite nisba adjective of a country or a capital (سوري، روسي،
 * باكستاني: سوري الجنسية، طبيب روسي، مؤتمر وطني سوري), no name: no ال, the masculine ي (سورية is Syria itself), the
 * word itself in no list as a place (مالي), and its base with ا, يا or ال put back a country or a capital. Such a word
 * alone is a person only as a surname (وقال مغربي) or a given name (تركي), so a person needs a describing context: الجنسية or الأصل after
 * it, or a word before it that has no article and is neither a given name, a title nor a reporting verb. */
static int country_nisba(const ctx *c, size_t i, int type) {
  const rasd__gaz *g = c->m ? c->m->gaz : NULL;
  const rasd_token *t = tok(c, i);
  if (!g || t->kind != RASD_TOK_WORD || !t->form || t->form_len < 8 || t->form_len > 60 || !memcmp(t->form, "ال", 4))
    return 0;
  const char *f = t->form;
  size_t n = t->form_len;
  if (memcmp(f + n - 2, "ي", 2) || !memcmp(f + n - 4, "يي", 4)) return 0;
  if (known_place(g, f, n) || known_place(g, c->d->text + t->start, t->len)) return 0;
  char b[72];
  size_t bl = n - 2;
  memcpy(b, f, bl);
  int country = 0;
  static const char *const END[] = {"", "ا", "يا", NULL};
  for (int k = 0; END[k] && !country; k++) {
    size_t el = strlen(END[k]);
    memcpy(b + bl, END[k], el);
    country = country_or_capital(g, b, bl + el);
  }
  if (!country) {
    memcpy(b, "ال", 4);
    memcpy(b + 4, f, bl);
    country = country_or_capital(g, b, bl + 4);
  }
  if (!country) return 0;
  if (type != RASD_ENT_PER) return 1;
  int words;
  if (rasd__given_name_en(f, n, NULL, 0, &words)) return 0; /* تركي is Turki too */
  static const char *const AFTER[] = {"الجنسيه", "الاصل", NULL};
  if (i + 1 < c->a->tokens->n_tok && form_is(tok(c, i + 1), AFTER)) return 1;
  if (i == 0) return 0;
  const rasd_token *p = tok(c, i - 1);
  if (p->kind != RASD_TOK_WORD || !p->form || p->sentence != t->sentence || p->form_len < 4 || !memcmp(p->form, "ال", 4) ||
      tok_is_title(c, i - 1) || rasd__given_name_en(p->form, p->form_len, NULL, 0, &words) ||
      (rasd__lx_classes(p->form, p->form_len) & (LX_VERB | LX_CONT | LX_ROLE | LX_TITLE | LX_PREP)))
    return 0;
  return 1;
}

/* Whether the place عمان (canonical form 'canon') of this article is Amman, the capital of Jordan, not the sultanate:
 * the article speaks of Jordan and nowhere of Oman (سلطنة، العماني، مسقط). */
static int is_amman(const ctx *c, const char *canon) {
  char f[16];
  size_t n = strlen(canon);
  if (n >= sizeof f || rasd__lx_norm(canon, n, f) != 8 || strcmp(f, "عمان")) return 0;
  static const char *const JORDAN[] = {"الاردن", "للاردن", "بالاردن", "والاردن", "الاردني", "الاردنيه", "الاردنيين",
                                       "الاردنيون", "الهاشميه", NULL};
  static const char *const OMAN[] = {"سلطنه", "بسلطنه", "لسلطنه", "وسلطنه", "العماني", "العمانيه", "العمانيين",
                                     "مسقط", "قابوس", NULL};
  int jordan = 0;
  for (size_t i = 0; i < c->a->tokens->n_tok; i++) {
    const rasd_token *t = tok(c, i);
    if (form_is(t, OMAN)) return 0;
    jordan |= form_is(t, JORDAN);
  }
  return jordan;
}

/* Length of the definite article (ال, or ال behind a proclitic: وال بال لل كال فال) at the front of matching form 'f'
 * ('n' bytes); 0 when none. */
static size_t definite_prefix(const char *f, size_t n) {
  if (n > 4 && !memcmp(f, "ال", 4)) return 4;
  if (n > 4 && !memcmp(f, "لل", 4)) return 4;
  if (n > 6 && !memcmp(f + 2, "ال", 4) && (!memcmp(f, "و", 2) || !memcmp(f, "ب", 2) || !memcmp(f, "ك", 2) || !memcmp(f, "ف", 2)))
    return 6;
  return 0;
}

/* Whether the one-word organisation or other name at token 'i' is a nisba adjective agreeing with the definite noun
 * or the place before it: الدول العربية، باللغة العربية، لغتهم العربية، التعليم الأهلي، البنك الأهلي، الإسلامية
 * والعربية، مصر العربية
 * (not Al Arabiya, not the Al-Ahli club). A descriptor noun before it makes it a name (النادي الأهلي، القناة العربية). */
static int is_attr_nisba(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  if (i == 0 || t->kind != RASD_TOK_WORD || !t->form) return 0;
  size_t a = definite_prefix(t->form, t->form_len), n = t->form_len;
  if (!a || n - a < 6) return 0; /* ال and three letters or more */
  int nisba = (n >= 4 && !memcmp(t->form + n - 4, "يه", 4)) || !memcmp(t->form + n - 2, "ي", 2);
  if (!nisba) return 0;
  const rasd_token *p = tok(c, i - 1);
  if (p->kind != RASD_TOK_WORD || !p->form || p->sentence != t->sentence) return 0;
  size_t pa = definite_prefix(p->form, p->form_len);
  if (pa) return !rasd__is_descriptor_word(p->form + pa, p->form_len - pa);
  /* a noun made definite by a possessive pronoun: لغتهم العربية، بلداننا العربية، منطقتنا العربية */
  static const char *const POSS[] = {"هم", "نا", "كم", NULL};
  for (int k = 0; POSS[k]; k++) {
    size_t pl = strlen(POSS[k]);
    if (p->form_len >= pl + 6 && !memcmp(p->form + p->form_len - pl, POSS[k], pl)) return 1;
  }
  const rasd__gaz *g = c->m ? c->m->gaz : NULL;
  return g && p->len >= 6 && known_place(g, c->d->text + p->start, p->len); /* مصر العربية */
}

/* Whether token 'i' is a month name inside a date: next to another month name, a number or الماضي/المقبل, brackets
 * and slashes aside (أبريل (نيسان) الماضي, في تموز/يوليو 2015). نيسان alone may be the car maker. */
static int is_date_month(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  if (t->kind != RASD_TOK_WORD || !(rasd__lx_classes(t->form, t->form_len) & LX_MONTH)) return 0;
  size_t ntok = c->a->tokens->n_tok;
  for (int dir = -1; dir <= 1; dir += 2) {
    size_t j = i;
    for (int steps = 0; steps < 3; steps++) {
      if (dir < 0 ? j == 0 : j + 1 >= ntok) break;
      j = dir < 0 ? j - 1 : j + 1;
      const rasd_token *u = tok(c, j);
      if (u->sentence != t->sentence) break;
      if (u->kind == RASD_TOK_PUNCT && u->len == 1 && strchr("()/-", c->d->text[u->start])) continue;
      if (u->kind == RASD_TOK_NUMBER || u->kind == RASD_TOK_DATE) return 1;
      if (u->kind == RASD_TOK_WORD && (rasd__lx_classes(u->form, u->form_len) & (LX_MONTH | LX_REL))) return 1;
      break;
    }
  }
  return 0;
}

/* Common nouns that a list of world cities also has (matching forms): alone, never a place. البلد "the country" is not
 * Valletta, المشهد "the scene" not Mashhad, البحر "the sea" not Bahar, جوف الأرض "the earth's core" not Cobh; after a
 * place head noun they are (مدينة مشهد). Found by ranking the one-word city names of the lists by how often SaudiNewsNet
 * writes them outside names. */
static const char *const COMMON_PLACE[] = {
    "البلد", "بلد", "المشهد", "مشهد", "البحر", "بحر", "الكيل", "جوف", "الجديده", "ثانيه", "الثانيه", "قلب", "القلب", "جبل",
    "العيون", "الليل", "السلامه", "سلامه", "الانسان", "انسان", "الاعلام", "اعلام", "المعرفه", "معرفه", "الشاطئ", "شاطئ",
    "زوار", "الزوار", "جزيره", "عاليه", "العاليه", "الحي", "الغرب", "الكتاب", "كتاب", "الشعراء", "الابيض", "الشريعه",
    "الحاره", "الحرمه", "ميدان", "الميدان", "التهاب", "اللاتينيه", "الخمس", "الفحص", "مقاله", "البنين", "البنات", "مكيالين", "بمكيالين",
    /* read on 2015-07-22 and 07-31: المدينة "the city" (على المدينة، خارج المدينة; Medina is المدينة المنورة), قصر
     * "palace" (قصر الحكم), ريف "countryside" (ريف حلب), كورنيش, كرم "generosity" (كرم الضيافة), نسيج "tissue",
     * داخله "inside him", بلادنا "our country", دار "house" (دار سعد), درب "path" or "trained", الجنين "the fetus"
     * (Jenin is جنين), سان alone (the tagger's cut of سان بطرسبرج، سان أندريه) */
    "المدينه", "قصر", "ريف", "الريف", "كورنيش", "الكورنيش", "كرم", "نسيج", "النسيج", "داخله", "بلادنا", "دار", "درب",
    "الجنين", "سان", NULL};

/* Whether token 'i' is one of COMMON_PLACE, proclitics off (والبلد، للبلد، بالبلد), and no place head noun before it
 * makes it the city (في مدينة "مشهد"). */
static int common_place(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  if (!t->form || t->form_len < 4 || t->form_len > 60) return 0;
  char w[64];
  const char *f = t->form;
  size_t n = t->form_len;
  if (!memcmp(f, "و", 2) || !memcmp(f, "ف", 2)) f += 2, n -= 2;
  if (n > 6 && !memcmp(f, "لل", 4)) {
    memcpy(w, "ال", 4);
    memcpy(w + 4, f + 4, n - 4);
  } else {
    if (n > 6 && (!memcmp(f, "ب", 2) || !memcmp(f, "ك", 2) || !memcmp(f, "ل", 2)) && !memcmp(f + 2, "ال", 4)) f += 2, n -= 2;
    memcpy(w, f, n);
  }
  w[n] = 0;
  int hit = 0;
  for (size_t k = 0; COMMON_PLACE[k] && !hit; k++)
    hit = COMMON_PLACE[k][0] == w[0] && COMMON_PLACE[k][1] == w[1] && !strcmp(w, COMMON_PLACE[k]);
  if (!hit) return 0;
  size_t j = i;
  while (j > 0 && tok(c, j - 1)->kind == RASD_TOK_QUOTE) j--;
  if (j == 0) return 1;
  static const char *const HEAD[] = {"مدينه", "بمدينه", "لمدينه", "ومدينه", "محافظه", "بمحافظه", "لمحافظه", "ومحافظه",
                                      "منطقه", "بمنطقه", "لمنطقه", "ومنطقه", "بلده", "ببلده", "قريه", "بقريه", "ولايه",
                                      "بولايه", "مقاطعه", "بمقاطعه", "اقليم", "باقليم", NULL};
  return !form_is(tok(c, j - 1), HEAD);
}

/* Whether the one-word span at token 'i' is no name at all: a month in a date, a place's nisba adjective, a
 * descriptor word alone without ال (منظمة، صحيفة), or a common noun that only a list of cities calls a place. */
/* السوبر (the Super Cup, مباراة السوبر) is no person and no place; شهري (monthly; خلال شهري سبتمبر وأكتوبر: the
 * two months of) and its kin are no person, nor a mention of one named الشهري (the family name has the article); nor
 * is قال (said) one of فان غال */
static const char *const NO_PERSON[] = {"السوبر", "سوبر", "شهري", "سنوي", "يومي", "اسبوعي", "فصلي", "قال", "فقال",
                                        "قالت", "يقول", "تقول", NULL};

/* 1 when token 'i' is written as one of the particles إن، أن with their hamza and a clitic (فإن، وإن، بأن، لأن):
 * never a name, though their matching forms are those of فان (Van) and بان (Ban Ki-moon). */
static int hamza_particle(const ctx *c, size_t i) {
  static const char *const P[] = {"فإن", "وإن", "إن", "أن", "بأن", "لأن", "كأن", "وأن", "فأن", "فإنه", "وإنه", NULL};
  const rasd_token *t = tok(c, i);
  if (t->kind != RASD_TOK_WORD || t->len > 10) return 0;
  for (size_t k = 0; P[k]; k++)
    if (strlen(P[k]) == t->len && !memcmp(c->d->text + t->start, P[k], t->len)) return 1;
  return 0;
}

/* 1 when token 'i' is written with a tanween (ً ٌ ٍ): an indefinite noun or an adverb (دوماً "always", غداً), never a
 * name. */
static int has_tanween(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  const unsigned char *w = (const unsigned char *)c->d->text + t->start;
  for (size_t k = 0; k + 1 < t->len; k++)
    if (w[k] == 0xD9 && w[k + 1] >= 0x8B && w[k + 1] <= 0x8D) return 1; /* U+064B..U+064D */
  return 0;
}

/* Names that are also common words: دوما "always" (its tanween often left out), مالي "financial" (مبلغ مالي، دعم
 * مالي، إنقاذ مالي), و or ف on them or not: a place only in an article that writes one of them after a place head noun
 * (قرية دوما، جمهورية مالي), a preposition (في دوما، إلى مالي) or the comma of a list (ومصر، ومالي) somewhere; then all
 * its mentions are (أهالي دوما، رئيس مالي). */
static int adverb_place(const ctx *c, size_t i) {
  static const char *const ADV[] = {"دوما", "مالي", NULL};
  static const char *const PREP[] = {"في", "فى", "الي", "الى", "من", "عن", "مع", "قريه", "بقريه", "لقريه", "بلده",
                                     "ببلده", "لبلده", "مدينه", "بمدينه", "لمدينه", "منطقه", "بمنطقه", "دوله", "بدوله",
                                     "لدوله", "جمهوريه", "بجمهوريه", "لجمهوريه", "مملكه", "شمال", "جنوب", "وسط", "شرق",
                                     "غرب", "شمالي", "جنوبي", "عاصمه", NULL};
  if (!form_is_cl(tok(c, i), ADV)) return 0;
  const rasd_tokens *tk = c->a->tokens;
  for (size_t k = 1; k < tk->n_tok; k++) {
    if (!form_is_cl(tok(c, k), ADV) || has_tanween(c, k)) continue;
    size_t j = k; /* quote marks and brackets between: في قرية (دوما) */
    while (j > 0 && (tok(c, j - 1)->kind == RASD_TOK_QUOTE ||
                     (tok(c, j - 1)->kind == RASD_TOK_PUNCT && c->d->text[tok(c, j - 1)->start] == '(')))
      j--;
    if (j == 0) continue;
    const rasd_token *p = tok(c, j - 1);
    if (form_is(p, PREP)) return 0;
    if (p->kind == RASD_TOK_PUNCT && p->sentence == tok(c, k)->sentence &&
        ((p->len == 2 && !memcmp(c->d->text + p->start, "،", 2)) || (p->len == 1 && c->d->text[p->start] == ',')))
      return 0;
  }
  return 1;
}

/* Words that are never a name of any type (matching forms): an honorific with its pronoun, which stands for the person
 * named before (وقال سموه، أكد معاليه), ولا، فلا "nor" (not ولاء, a company), الوزارة "the ministry" (named before), and
 * لي، بي "to me, in me" (قال لي، يطيب لي، ضاقت بي: a one-word person Li or an organisation B on 2015-07-22 and 07-31; Li
 * Keqiang and the like are named in full first), التوفيق "success" (أتمنى له التوفيق، بالتوفيق), الأيمن، الأيسر "the
 * right, the left" (of a back or a winger), ابني، ابنتي "my son, my daughter" and أشاد "praised", which the tagger took
 * for people or parts of their names. */
static const char *const NO_NAME[] = {"سموه", "سموها", "سموهم", "معاليه", "معاليها", "فضيلته", "سماحته", "جلالته",
                                      "فخامته", "سعادته", "سيادته", "حضرته", "دولته", "ولا", "فلا", "الوزاره", "لي", "ولي",
                                      "بي", "التوفيق", "والتوفيق", "بالتوفيق", "للتوفيق", "الايمن", "الايسر", "ابني",
                                      "ابنتي", "اشاد", "واشاد", NULL};

/* 1 when token 't' is a descriptor word (منظمة، صحيفة) behind one proclitic letter (لمنظمة، بصحيفة): the noun of a
 * genitive whose name follows (لمنظمة «ب.ك.ك»), no name itself. */
static int clitic_descriptor(const rasd_token *t) {
  if (!proclitic_letter(t) || (t->form_len >= 6 && !memcmp(t->form + 2, "ال", 4))) return 0;
  return rasd__is_descriptor_word(t->form + 2, t->form_len - 2) || in_list(ORG_HEAD_W, t->form + 2, t->form_len - 2);
}

static int not_a_name_word(const ctx *c, size_t i, int type) {
  const rasd_token *t = tok(c, i);
  if (t->kind != RASD_TOK_WORD) return 0;
  if (has_tanween(c, i) || adverb_place(c, i) || form_is(t, NO_NAME) || clitic_descriptor(t)) return 1;
  if (type == RASD_ENT_LOC && common_place(c, i)) return 1;
  if ((type == RASD_ENT_PER || type == RASD_ENT_LOC) && form_is_cl(t, NO_PERSON)) return 1;
  if (hamza_particle(c, i)) return 1;
  if ((type == RASD_ENT_ORG || type == RASD_ENT_MISC) && is_attr_nisba(c, i)) return 1;
  /* أودى بحياة "took the lives of" (أودي is Audi), أدى بحياة: a verb */
  static const char *const LIVES[] = {"بحياه", "بحياتهم", "بحياتها", "بحياته", "بارواح", "بحيات", NULL};
  if (i + 1 < c->a->tokens->n_tok && form_is(tok(c, i + 1), LIVES)) return 1;
  int has_al = t->form_len >= 4 && !memcmp(t->form, "ال", 4); /* المدينة may be Medina, or a newspaper */
  if (!has_al && (rasd__is_descriptor_word(t->form, t->form_len) || (t->bare && rasd__is_descriptor_word(t->bare, t->bare_len))))
    return 1;
  return is_date_month(c, i) || is_place_nisba(c, i, type) || country_nisba(c, i, type);
}

/* 1 when tokens 'b' and b + 1 are حسن "goodness of" and a noun it qualifies (حسن الجوار "good neighbourliness", حسن
 * الخاتمة، حسن الظن، حسن النية، حسن السيرة، حسن المظهر): a set phrase, no person Hassan with a family name. */
static int husn_phrase(const ctx *c, size_t b) {
  static const char *const HUSN[] = {"حسن", "وحسن", "بحسن", "لحسن", NULL};
  static const char *const NOUN[] = {"الجوار", "الخاتمه", "خاتمه", "الظن", "النيه", "السيره", "المظهر", "الخلق",
                                     "الاستقبال", "الضيافه", "التعامل", "المعامله", "الاداء", "التنظيم", "التدبير",
                                     "الاداره", "الحظ", "السير", "الاختيار", "التصرف", "الاستماع", "الادب", NULL};
  return form_is(tok(c, b), HUSN) && form_is(tok(c, b + 1), NOUN);
}

static int country_or_capital(const rasd__gaz *g, const char *s, size_t n);

/* What the first word 'i' of a person's mention of tokens [i, e) (two words or more) is when it is no part of the
 * name, the tagger having taken a word before the name in: 1 a word to leave out (a country's adjective with the
 * article, الكولومبي رادامل فالكاو "the Colombian"; الأيمن، الأيسر of الظهير الأيمن "the right back"; أول of الملازم
 * أول "first lieutenant"; البروفسور; ابني "my son"; أشاد "praised"), 2 a place the lists know as a country, city or
 * region and as no person before two words or more (عسير صالح القاضي of أمير منطقة عسير): a mention of its own; 0 a
 * word of the name. */
static int lead_word(const ctx *c, size_t i, size_t e) {
  const rasd_token *t = tok(c, i);
  if (e < i + 2 || t->kind != RASD_TOK_WORD || !t->form || tok(c, i + 1)->kind != RASD_TOK_WORD ||
      tok(c, i + 1)->sentence != t->sentence)
    return 0;
  /* (not NO_NAME as a whole: لي and بي begin Korean and Chinese names, لي كوان يو) */
  static const char *const LEAD[] = {"الايمن", "الايسر", "اول", "البروفسور", "البروفيسور", "بروفسور", "بروفيسور",
                                     "ابني", "ابنتي", "اشاد", "واشاد", NULL};
  if (form_is(t, LEAD)) return 1;
  const rasd__gaz *g = c->m ? c->m->gaz : NULL;
  if (!g) return 0;
  int words;
  const char *f = t->form;
  size_t n = t->form_len;
  if (rasd__given_name_en(f, n, NULL, 0, &words)) return 0;
  /* ال + nisba of a country or a capital: البرازيلي، الكولومبي، المصري، الأمريكية */
  if (n >= 10 && !memcmp(f, "ال", 4)) {
    size_t sl = n > 6 && !memcmp(f + n - 4, "يه", 4) ? 4 : !memcmp(f + n - 2, "ي", 2) ? 2 : 0;
    if (sl && memcmp(f + n - sl - 2, "ي", 2)) {
      char b[72];
      size_t bl = n - 4 - sl;
      if (bl >= 4 && bl + 8 <= sizeof b) {
        memcpy(b, f + 4, bl);
        static const char *const END[] = {"", "ا", "يا", NULL};
        for (int k = 0; END[k]; k++) {
          size_t el = strlen(END[k]);
          memcpy(b + bl, END[k], el);
          if (country_or_capital(g, b, bl + el)) return 1;
        }
        memmove(b + 4, b, bl);
        memcpy(b, "ال", 4);
        if (country_or_capital(g, b, bl + 4)) return 1;
      }
    }
  }
  /* a place of the curated lists (a country, a capital, a city or a region of ours), no person's name, before a name
   * of two words or more (صوفيا لورين, نيبال زغيب are given names and surnames) */
  if (e < i + 3) return 0;
  const char *w = c->d->text + t->start;
  int64_t ge = rasd__gaz_exact(g, w, t->len, 1, RASD_ENT_LOC);
  if (ge >= 0 && rasd__gaz_exact(g, w, t->len, 0, RASD_ENT_PER) < 0 && rasd__gaz_exact(g, w, t->len, 0, RASD_ENT_ORG) < 0)
    return 2;
  return 0;
}

/* Cuts a mention of a person, organisation or other name at a religious formula with الله (السيد محمد صلى الله
 * عليه وسلم → محمد; سعود رحمه الله → سعود; بارك الله, الحمد لله, الله الهادي → no mention); the compound names
 * (عبد الله، نصر الله، حزب الله، رام الله) stay. Returns the new end of the span, tok_begin when nothing is left. */
static size_t cut_formula(const ctx *c, const rasd_mention *mn) {
  for (size_t i = mn->tok_begin; i < mn->tok_end; i++) {
    if (!form_is(tok(c, i), GOD)) continue;
    if (i > mn->tok_begin && form_is(tok(c, i - 1), GOD_NAME)) continue;
    if (i > mn->tok_begin && form_is_cl(tok(c, i - 1), FORMULA)) return i - 1;
    if (i == mn->tok_begin) return mn->tok_begin;
    /* the last of three words or more, after a word no list knows (سعود الفيصل | الله): not the name's */
    if (i + 1 == mn->tok_end && i >= mn->tok_begin + 2) return i;
    /* else (إحسان الله، a name no list knows): keep */
  }
  return mn->tok_end;
}

static int catch_missed(ctx *c) {
  const rasd_tokens *tk = c->a->tokens;
  rasd_mention *extra = NULL;
  size_t nx = 0, capx = 0;
  int rc = RASD_OK;
  size_t ne = c->n;
  /* keys of every entity word, computed once: a word of the text is compared only with entity words
   * of the same key (same consonants), which keeps the scan linear in practice */
  /* only the first and last words' keys are compared; a 1024-bit filter of their hashes lets most words
   * of the text skip the scan of the entities */
  char (*ek)[KEYMAX] = malloc((2 * ne + 1) * KEYMAX);
  unsigned *ekb = malloc((2 * ne + 1) * sizeof *ekb); /* key_bit() of each: most keys differ there already */
  uint64_t seen[16] = {0};
  if (!ek || !ekb) { free(ek); free(ekb); return RASD_ENOMEM; }
  const int16_t *kbits = rasd__ner_keybits(c->d, c->a);
  for (size_t k = 0; k < ne; k++) {
    const rasd__name *nm = &c->e[k].nm;
    ek[2 * k][0] = ek[2 * k + 1][0] = 0;
    ekb[2 * k] = ekb[2 * k + 1] = key_bit("");
    if (!nm->n) continue;
    rasd__ntok_key(&nm->tok[0], ek[2 * k]);
    rasd__ntok_key(&nm->tok[nm->n - 1], ek[2 * k + 1]);
    for (int f = 0; f < 2; f++) {
      unsigned h = key_bit(ek[2 * k + (size_t)f]);
      ekb[2 * k + (size_t)f] = h;
      seen[h >> 6] |= 1ull << (h & 63);
    }
  }
  for (size_t i = 0; ne && i < tk->n_tok; i++) { /* no entity yet: nothing to catch */
    if (!tok_word_ok(c, i)) continue;
    if (kbits && kbits[i]) { /* the key's bit, from the tagger's word cache: most words stop here (before the
                              * word-list tests below, which cost more and decide nothing the bit has not) */
      int kb = kbits[i] - 2;
      if (kb < 0 || !((seen[(unsigned)kb >> 6] >> ((unsigned)kb & 63)) & 1)) continue;
    }
    if (form_is(tok(c, i), GOD) || is_measure_word(tok(c, i))) continue; /* not the surname of عبد الله, not سنة */
    if (tok_is_title(c, i)) continue; /* الشيخ alone is a title, not the end of آل الشيخ */
    if (form_is(tok(c, i), PARTICLE_W)) continue; /* عبد of عبد الباسط is no mention of علي عبد الله صالح */
    if (form_is_cl(tok(c, i), NO_PERSON)) continue;
    rasd__ntok w;
    if (!tok_ntok(c, i, &w)) continue;
    char wk[KEYMAX];
    rasd__ntok_key(&w, wk);
    unsigned wh = key_bit(wk);
    if (!((seen[wh >> 6] >> (wh & 63)) & 1)) continue;
    int hit = -1, hits = 0;
    size_t hit_end = i + 1;
    for (size_t k = 0; k < ne; k++) {
      went *e = &c->e[k];
      if (!e->nm.n) continue;
      if (ekb[2 * k] != wh && ekb[2 * k + 1] != wh) continue;
      const char *k0 = ek[2 * k], *kl = ek[2 * k + 1];
      int f0 = ekb[2 * k] == wh && !strcmp(wk, k0), fl = ekb[2 * k + 1] == wh && !strcmp(wk, kl);
      if (!f0 && !fl) continue;
      /* the full name, word by word */
      if (f0 && e->nm.n >= 2 && rasd__ntok_match(&w, &e->nm.tok[0])) {
        size_t j = i + 1;
        int t = 1;
        while (t < e->nm.n && j < tk->n_tok) {
          if (tok(c, j)->kind != RASD_TOK_WORD) { j++; continue; } /* a hyphen inside */
          rasd__ntok v;
          if (c->covered[j] || !tok_ntok(c, j, &v) || !rasd__ntok_match(&v, &e->nm.tok[t])) break;
          t++;
          j++;
        }
        if (t == e->nm.n) { hit = (int)k; hits = 1; hit_end = j; break; }
      }
      if (e->type != RASD_ENT_PER || e->nm.n < 2) continue;
      /* a word alone is compared strictly: كيم is not قيام */
      const rasd__ntok *lt = &e->nm.tok[e->nm.n - 1], *ft = &e->nm.tok[0];
      int last = fl && rasd__sym_dist(w.sym, w.n, lt->sym, lt->n) <= 0.2;
      int first = f0 && e->nm.n >= 3 && rasd__sym_dist(w.sym, w.n, ft->sym, ft->n) <= 0.2;
      if ((last || first) && w.nconso >= 2) {
        if (hit != (int)k) hits++;
        hit = (int)k;
      }
    }
    if (hit >= 0 && hits == 1) {
      if (add_mention(c, &extra, &nx, &capx, i, hit_end, hit) < 0) { rc = RASD_ENOMEM; goto done; }
      c->e[hit].n_mentions++;
      i = hit_end - 1;
    }
  }
  /* السيد / السيدة + a word nobody tagged: a person */
  for (size_t i = 0; i + 1 < tk->n_tok; i++) {
    const rasd_token *t = tok(c, i);
    if (t->kind != RASD_TOK_WORD || !t->form || (t->form_len != 10 && t->form_len != 12)) continue; /* the lengths below */
    if (t->form_len == 10 ? memcmp(t->form, "السيد", 10) : memcmp(t->form, "السيده", 12) && memcmp(t->form, "السيدة", 12))
      continue;
    if (!tok_word_ok(c, i + 1)) continue;
    const char *core = core_text(c, i + 1, i + 2);
    if (!core) continue;
    int k = find_entity(c, core, RASD_ENT_PER, tok(c, i + 1)->start, 1);
    if (k < 0 && (k = new_entity(c, core, RASD_ENT_PER)) < 0) { rc = RASD_ENOMEM; goto done; }
    if (add_mention(c, &extra, &nx, &capx, i, i + 2, k) < 0) { rc = RASD_ENOMEM; goto done; }
    attach(c, k, core, tok(c, i + 1)->start);
  }
  if (nx) {
    rasd_mention *all = rasd__arena_alloc(c->ar, (c->a->n_mentions + nx) * sizeof *all);
    if (!all) { rc = RASD_ENOMEM; goto done; }
    if (c->a->n_mentions) memcpy(all, c->a->mentions, c->a->n_mentions * sizeof *all);
    memcpy(all + c->a->n_mentions, extra, nx * sizeof *all);
    c->a->mentions = all;
    c->a->n_mentions += nx;
    qsort(c->a->mentions, c->a->n_mentions, sizeof *all, cmp_mention);
  }
done:
  free(extra);
  free(ek);
  free(ekb);
  return rc;
}

/* Role words before a person's name ("الزعيم الكوري الشمالي كيم جونغ أون") become the entity's role;
 * later uses of the same role phrase alone become mentions of that person when no other person has
 * it. */
static int link_roles(ctx *c) {
  const rasd_tokens *tk = c->a->tokens;
  const rasd__gaz *g = c->m ? c->m->gaz : NULL;
  typedef struct { size_t b, e; int k; int ambiguous; } role;
  role *roles = NULL;
  size_t nr = 0, capr = 0;
  int rc = RASD_OK;
  for (size_t mi = 0; mi < c->a->n_mentions; mi++) {
    rasd_mention *mn = &c->a->mentions[mi];
    if (mn->entity < 0 || c->e[mn->entity].type != RASD_ENT_PER || mn->tok_begin == 0) continue;
    /* walk back over adjectives (ال…) to a role word */
    size_t e = mn->tok_begin, b = e;
    while (b > 0 && e - b < MAX_ROLE_TOK) {
      const rasd_token *t = tok(c, b - 1);
      if (t->kind != RASD_TOK_WORD || c->covered[b - 1]) break;
      b--;
      if (rasd__is_title_word(c->d->text + t->start, t->len) || (g && rasd__gaz_trigger(g, t->form, t->form_len))) {
        /* the role starts here; a bare السيد is a title, not a role */
        if (e - b >= 2 || !rasd__is_title_word(c->d->text + t->start, t->len)) goto found;
        break;
      }
      if (!(t->form_len > 4 && !memcmp(t->form, "ال", 4))) break;
    }
    continue;
  found:
    if (e - b < 2) continue;
    {
      role r = {b, e, mn->entity, 0};
      const char *text = rasd__arena_strndup(c->ar, c->d->text + tok(c, b)->start,
                                             tok(c, e - 1)->start + tok(c, e - 1)->len - tok(c, b)->start);
      if (!text) return RASD_ENOMEM;
      if (!c->e[mn->entity].role) c->e[mn->entity].role = text;
      for (size_t q = 0; q < nr; q++) {
        if (roles[q].e - roles[q].b != e - b) continue;
        size_t z = 0;
        while (z < e - b && !strcmp(tok(c, roles[q].b + z)->form, tok(c, b + z)->form)) z++;
        if (z == e - b && roles[q].k != mn->entity) roles[q].ambiguous = r.ambiguous = 1;
      }
      if (RASD__VEC_PUSH(roles, nr, capr, r) < 0) { rc = RASD_ENOMEM; goto done; }
    }
  }
  /* the role phrase alone elsewhere */
  rasd_mention *extra = NULL;
  size_t nx = 0, capx = 0;
  for (size_t q = 0; q < nr; q++) {
    if (roles[q].ambiguous) continue;
    size_t len = roles[q].e - roles[q].b;
    for (size_t i = 0; i + len <= tk->n_tok; i++) {
      if (i == roles[q].b) continue;
      size_t z = 0;
      while (z < len && !c->covered[i + z] && tok(c, i + z)->form &&
             !strcmp(tok(c, i + z)->bare, tok(c, roles[q].b + z)->bare))
        z++;
      if (z != len) continue;
      if (i + len < tk->n_tok && c->covered[i + len]) continue; /* followed by a name: apposition */
      int dup = 0;
      for (size_t r2 = 0; r2 < nr; r2++)
        if (r2 != q && roles[r2].b == i) dup = 1;
      if (dup) continue;
      if (add_mention(c, &extra, &nx, &capx, i, i + len, roles[q].k) < 0) { free(extra); rc = RASD_ENOMEM; goto done; }
      c->e[roles[q].k].n_mentions++;
    }
  }
  if (nx) {
    rasd_mention *all = rasd__arena_alloc(c->ar, (c->a->n_mentions + nx) * sizeof *all);
    if (!all) { free(extra); rc = RASD_ENOMEM; goto done; }
    if (c->a->n_mentions) memcpy(all, c->a->mentions, c->a->n_mentions * sizeof *all);
    memcpy(all + c->a->n_mentions, extra, nx * sizeof *all);
    c->a->mentions = all;
    c->a->n_mentions += nx;
    qsort(c->a->mentions, c->a->n_mentions, sizeof *all, cmp_mention);
  }
  free(extra);
done:
  free(roles);
  return rc;
}


/* ---- repairs of the tagger's mentions before linking ---- */

static int ends_with_tanween(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  const char *w = c->d->text + t->start;
  /* ً (U+064B) at the end, or before a final ا/ى: an adverb or accusative, never a name */
  for (size_t k = t->len; k >= 2 && k + 4 >= t->len; k--)
    if ((unsigned char)w[k - 2] == 0xD9 && (unsigned char)w[k - 1] == 0x8B) return 1;
  return 0;
}

static int is_initial(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  if (t->kind != RASD_TOK_WORD || t->len > 2) return 0;
  size_t k = 0;
  rasd__utf8_next(c->d->text + t->start, t->len, &k);
  return k == t->len; /* one letter */
}

static void set_span(ctx *c, rasd_mention *mn, size_t b, size_t e) {
  mn->tok_begin = (uint32_t)b;
  mn->tok_end = (uint32_t)e;
  mn->start = tok(c, b)->start;
  mn->end = tok(c, e - 1)->start + tok(c, e - 1)->len;
  char *t = rasd__arena_strndup(c->ar, c->d->text + mn->start, mn->end - mn->start);
  if (t) mn->text = t;
}

/* A new mention of tokens [b, e) of type 'type', linked to no entity yet. */
static rasd_mention new_mention(ctx *c, int type, size_t b, size_t e) {
  rasd_mention mn;
  memset(&mn, 0, sizeof mn);
  mn.type = type;
  mn.entity = -1;
  set_span(c, &mn, b, e);
  return mn;
}

/* 0 when no way clitic_letters() may strip the span from token 't' to 'e0' (0, 1 or 2 letters off its front, ال put
 * back for لل) leaves a name rasd__gaz_exact(curated) knows, so that gaz_spans() need not ask it (its gazetteer
 * look-ups cost more than these, which the gazetteer's filter mostly answers); 1 when one of them may. */
static int strip_may_be_known(const ctx *c, const rasd__gaz *g, const rasd_token *t, uint32_t e0, int curated) {
  const char *text = c->d->text;
  /* the three ends at once (one flat form); skip_letters(k + 1) goes on from skip_letters(k), which stops on a letter */
  uint32_t off[3], s0 = skip_letters(text, t->start, t->start + t->len, 0);
  int n = 0;
  for (size_t k = 0; k <= 2; k++) {
    if (k) s0 = skip_letters(text, s0, t->start + t->len, 1);
    if (s0 >= e0) break;
    off[n++] = s0 - t->start;
  }
  if (n && rasd__gaz_exact_suffix(g, text + t->start, e0 - t->start, off, n, curated, RASD_ENT_NONE) >= 0) return 1;
  for (size_t k = 2; k < (size_t)n; k++) {
    s0 = t->start + off[k];
    if (t->form && t->form_len >= 4 && !memcmp(t->form, "لل", 4)) { /* لل → ال */
      char buf[520];
      size_t rl = strnlen(text + s0, e0 - s0); /* as gaz_spans() prints it: up to a NUL */
      if (rl + 4 > sizeof buf) return 1;
      memcpy(buf, "ال", 4);
      memcpy(buf + 4, text + s0, rl);
      if (rasd__gaz_exact(g, buf, rl + 4, curated, RASD_ENT_NONE) >= 0) return 1;
    }
  }
  return 0;
}

/* Known names the tagger missed or cut short: spans of up to six words that are, exactly, a name in the
 * hand-written list, a country, or a capital (multi-word spans: any city). A tagged mention inside such
 * a span grows to it. */
static int gaz_spans(ctx *c, rasd_mention **ms, size_t *n, size_t *cap) {
  const rasd__gaz *g = c->m ? c->m->gaz : NULL;
  const rasd_tokens *tk = c->a->tokens;
  if (!g) return 0;
  /* the tokens through a local pointer: the stores into the byte arrays below may alias anything, and
   * tok(c, i) would load c->a->tokens->tok again after each */
  const rasd_token *T = tk->tok;
  const size_t ntok = tk->n_tok;
  const char *text = c->d->text;
  uint8_t *drop = calloc(*n + 1, 1);
  int32_t *owner = malloc((tk->n_tok + 1) * sizeof *owner);
  if (!drop || !owner) { free(drop); free(owner); return -1; }
  for (size_t i = 0; i < tk->n_tok; i++) owner[i] = -1;
  for (size_t k = 0; k < *n; k++)
    for (size_t i = (*ms)[k].tok_begin; i < (*ms)[k].tok_end && i < tk->n_tok; i++) owner[i] = (int32_t)k;
  size_t n0 = *n;
  /* per token, the three bits of rasd__gaz_tail() (independent of one another), computed in one call when
   * first needed (0x80: known) */
  uint8_t *tail = calloc(tk->n_tok + 1, 1);
  if (!tail) { free(drop); free(owner); return -1; }
  const uint8_t *pre = rasd__ner_gaz_tails(c->d, c->a); /* the tagger's word cache has them */
  if (pre) memcpy(tail, pre, tk->n_tok);
#define TAIL(j, bit)                                                                                   \
  ((tail[j] & 0x80) ? (tail[j] & (bit))                                                                \
                    : (tail[j] = (uint8_t)(0x80 | rasd__gaz_tail(g, c->d->text + T[j].start,    \
                                                                 T[j].len, 7))) & (bit))
  for (size_t i = 0; i < ntok; i++) {
    const rasd_token *t = &T[i];
    if (t->kind != RASD_TOK_WORD || (t->flags & RASD_TOKF_STOP) || t->len < 4) continue;
    /* cheap filter first: a curated name must begin with the first word and end with the last (a word that begins
     * none of two words or more leaves the one-word span alone to try) */
    int begins = TAIL(i, 4) != 0;
    for (size_t len = begins ? 6 : 1; len >= 1; len--) {
      if (i + len > ntok) continue;
      const rasd_token *te = &T[i + len - 1];
      if (te->kind != RASD_TOK_WORD) continue;
      /* a name ends in no word of one letter: ألفا و750 "thousand and 750" is not الفاو (Al Faw), the lists' forms
       * being matched without their spaces */
      if (len >= 2 && te->len <= 2) continue;
      if (len >= 2) {
        if (!TAIL(i + len - 1, 1)) continue;
      } else if (!TAIL(i, 2)) continue;
      /* no sentence break or punctuation other than a hyphen inside */
      int ok = 1;
      for (size_t j = i; j < i + len && ok; j++) {
        const rasd_token *tj = &T[j];
        if (tj->sentence != t->sentence) ok = 0;
        if (tj->kind != RASD_TOK_WORD && !(tj->kind == RASD_TOK_PUNCT && tj->len == 1 && text[tj->start] == '-'))
          ok = 0;
      }
      /* tagged mentions must lie inside the span */
      for (size_t j = i; j < i + len && ok; j++) {
        int32_t o = owner[j];
        if (o < 0) continue;
        if (len == 1) ok = 0; /* single words: only where nothing was tagged */
      }
      if (!ok) continue;
      int add_al;
      uint32_t e0 = te->start + te->len;
      if (!strip_may_be_known(c, g, t, e0, len >= 2 ? 2 : 1)) continue;
      if (len == 1 && rasd__ner_role_noun(text + t->start, t->len)) continue; /* وكيل is not و + Kiel */
      uint32_t s0 = skip_letters(c->d->text, t->start, t->start + t->len, clitic_letters(c, t, e0, &add_al));
      if (s0 >= e0) continue;
      const char *txt = add_al ? rasd__arena_printf(c->ar, "ال%.*s", (int)(e0 - s0), c->d->text + s0)
                               : c->d->text + s0;
      size_t tl = add_al ? strlen(txt) : e0 - s0;
      int64_t ge = txt ? rasd__gaz_exact(g, txt, tl, len >= 2 ? 2 : 1, RASD_ENT_NONE) : -1;
      if (ge < 0) continue;
      rasd__gaz_entry en;
      rasd__gaz_get(g, (uint32_t)ge, &en);
      if (!en.type) continue;
      /* a place name the tagger left alone, followed straight away by a year word or a known place, heads a
       * construct and is a common noun: سيول جدة, منذ سيول عام 2009 are floods, not Seoul */
      if (len == 1 && en.type == RASD_ENT_LOC && i + 1 < ntok && T[i + 1].kind == RASD_TOK_WORD &&
          T[i + 1].sentence == t->sentence && !(t->form_len >= 4 && !memcmp(t->form, "ال", 4)) && /* no ال on a head */
          (form_is(&T[i + 1], YEAR_WORDS) ||
           rasd__gaz_exact(g, text + T[i + 1].start, T[i + 1].len, 1, RASD_ENT_LOC) >= 0))
        continue;
      rasd_mention mn = new_mention(c, en.type, i, i + len);
      for (size_t j = i; j < i + len; j++)
        if (owner[j] >= 0) drop[owner[j]] = 1;
      if (RASD__VEC_PUSH(*ms, *n, *cap, mn) < 0) { free(drop); free(owner); free(tail); return -1; }
      for (size_t j = i; j < i + len; j++) owner[j] = (int32_t)(*n - 1);
      i += len - 1;
      break;
    }
  }
  /* compact */
  size_t w = 0;
  for (size_t k = 0; k < *n; k++)
    if (k >= n0 || !drop[k]) (*ms)[w++] = (*ms)[k];
  *n = w;
  free(drop);
  free(owner);
  free(tail);
#undef TAIL
  return 0;
}

/* People the tagger missed: a known given name (ANETAC person) followed by a word that is a known name
 * or closes an apposition ("، يوري ليامين،", "أدريان واتسون:"). */
static int given_names(ctx *c, rasd_mention **ms, size_t *n, size_t *cap) {
  const rasd__gaz *g = c->m ? c->m->gaz : NULL;
  const rasd_tokens *tk = c->a->tokens;
  if (!g || tk->n_tok < 2) return 0;
  uint8_t *cov = calloc(tk->n_tok + 1, 1);
  if (!cov) return -1;
  for (size_t k = 0; k < *n; k++)
    for (size_t i = (*ms)[k].tok_begin; i < (*ms)[k].tok_end && i < tk->n_tok; i++) cov[i] = 1;
  for (size_t i = 0; i + 1 < tk->n_tok; i++) {
    const rasd_token *a = tok(c, i), *b = tok(c, i + 1);
    if (cov[i] || cov[i + 1] || a->kind != RASD_TOK_WORD || b->kind != RASD_TOK_WORD) continue;
    if ((a->flags | b->flags) & RASD_TOKF_STOP) continue;
    if (!a->form || !b->form || a->form_len < 6 || b->form_len < 6) continue;
    /* (forms of 6 bytes or more: memcmp reads inside them) */
    if (!memcmp(a->form, "ال", 4) || !memcmp(b->form, "ال", 4)) continue;
    if (!memcmp(b->form, "و", 2) && rasd__gaz_exact(g, c->d->text + b->start, b->len, 0, RASD_ENT_NONE) < 0) continue;
    if (ends_with_tanween(c, i) || ends_with_tanween(c, i + 1) || a->sentence != b->sentence) continue;
    const char *wa = c->d->text + a->start, *wb = c->d->text + b->start;
    /* the cheap tests first: the second word known, or the pair an apposition */
    int closes = i + 2 >= tk->n_tok || (tok(c, i + 2)->kind == RASD_TOK_PUNCT && !(tok(c, i + 2)->len == 1 && c->d->text[tok(c, i + 2)->start] == '-'));
    /* 'opens' counts only together with 'closes' (below): the trigger look-up, a cache miss, only then */
    int opens = closes && (i == 0 || tok(c, i - 1)->kind == RASD_TOK_PUNCT ||
                           (tok(c, i - 1)->form && rasd__gaz_trigger(g, tok(c, i - 1)->form, tok(c, i - 1)->form_len)));
    int known = rasd__gaz_exact(g, wb, b->len, 0, RASD_ENT_NONE) >= 0;
    if (!known && !(closes && opens)) continue;
    int exact = rasd__gaz_exact(g, wa, a->len, 0, RASD_ENT_PER) >= 0;
    if (exact ? !(known || (closes && opens)) : !(known && closes && opens)) continue;
    if (!exact) {
      int64_t gb = rasd__gaz_best(g, wa, a->len, RASD_ENT_PER);
      rasd__gaz_entry ge;
      if (!(gb >= 0 && !rasd__gaz_get(g, (uint32_t)gb, &ge) && ge.type == RASD_ENT_PER)) continue;
    }
    if (rasd__gaz_exact(g, wa, a->len, 2, RASD_ENT_LOC) >= 0 || rasd__gaz_exact(g, wa, a->len, 2, RASD_ENT_ORG) >= 0) continue;
    rasd_mention mn = new_mention(c, RASD_ENT_PER, i, i + 2);
    if (RASD__VEC_PUSH(*ms, *n, *cap, mn) < 0) { free(cov); return -1; }
    cov[i] = cov[i + 1] = 1;
    i++;
  }
  free(cov);
  return 0;
}

/* A place after the noun of a local public body (شرطة الرياض، أمانة جدة، تعليم الخرج، مرور الرياض، صحة جازان) is that
 * body's name: the mention takes the noun in and is an organisation (Riyadh Police), a proclitic off the noun (لشرطة
 * الرياض). 'ms' (n, sorted) is changed in place. */
static const char *const BODY[] = {"شرطه", "امانه", "بلديه", "مرور", "تعليم", "صحه", "جوازات", "اماره", "غرفه", NULL};

/* 1 when organisation mention 'mn' begins with the noun of a local public body (بلدية الزلفي, as local_bodies() made
 * it): the curated type of the place after the noun is not its type. */
static int local_body(const ctx *c, const rasd_mention *mn) {
  return mn->type == RASD_ENT_ORG && mn->tok_end >= mn->tok_begin + 2 && form_is(tok(c, mn->tok_begin), BODY);
}

static void local_bodies(ctx *c, rasd_mention *ms, size_t n) {
  for (size_t k = 0; k < n; k++) {
    size_t b = ms[k].tok_begin;
    if (ms[k].type != RASD_ENT_LOC || b == 0 || (k > 0 && ms[k - 1].tok_end >= b)) continue;
    const rasd_token *h = tok(c, b - 1);
    if (h->kind != RASD_TOK_WORD || !h->form || h->sentence != tok(c, b)->sentence) continue;
    size_t cl = 0;
    if (!form_is(h, BODY)) {
      if (!proclitic_letter(h) || !in_list(BODY, h->form + 2, h->form_len - 2)) continue;
      cl = 1;
    }
    uint32_t hs = skip_letters(c->d->text, h->start, h->start + h->len, cl);
    const char *place = ms[k].text ? ms[k].text : c->d->text + ms[k].start;
    size_t pl = ms[k].text ? strlen(ms[k].text) : ms[k].end - ms[k].start;
    char *t = rasd__arena_printf(c->ar, "%.*s %.*s", (int)(h->start + h->len - hs), c->d->text + hs, (int)pl, place);
    if (!t) continue;
    set_span(c, &ms[k], b - 1, ms[k].tok_end);
    ms[k].text = t;
    ms[k].type = RASD_ENT_ORG;
  }
}

/* A Korean name has a family name and two syllables (بارك جونغ هو، مون جاي إن); the tagger often stops after the first
 * syllable when the second is also a common word (هو "he", إن "that"). A person of two words, the first a Korean family
 * name, the second a syllable of given names, takes in the next word when it is such a syllable too. 'ms' (n, sorted)
 * is changed in place. */
static void korean_names(ctx *c, rasd_mention *ms, size_t n) {
  static const char *const FAMILY[] = {"كيم", "بارك", "لي", "مون", "يون", "تشوي", "هان", "كانغ", "كانج", "جانغ", "جانج",
                                       "شين", "سونغ", "سونج", "هوانغ", "هوانج", "تشو", "جونغ", "جونج", "اوه", "بان", NULL};
  static const char *const SYL[] = {"جونغ", "جونج", "يونغ", "يونج", "سونغ", "سونج", "جاي", "جين", "هو", "هي", "سو", "اون",
                                    "ان", "مين", "وو", "هيون", "سوك", "تشول", "ايل", "يو", "جي", "هوان", "كيو", "ري", "ها",
                                    "تاي", "كي", "هيي", "سيوب", "ايون", "هاي", "يانغ", "يانج", "سيونغ", "سيونج", "وون", NULL};
  size_t ntk = c->a->tokens->n_tok;
  for (size_t k = 0; k < n; k++) {
    size_t b = ms[k].tok_begin, e = ms[k].tok_end;
    if (ms[k].type != RASD_ENT_PER || e != b + 2 || e >= ntk || (k + 1 < n && ms[k + 1].tok_begin <= e)) continue;
    const rasd_token *f = tok(c, b), *g = tok(c, b + 1), *x = tok(c, e);
    if (!form_is(f, FAMILY) || !form_is(g, SYL) || x->kind != RASD_TOK_WORD || x->sentence != g->sentence) continue;
    /* a hyphen (جونغ-هو) or a space between the syllables, nothing else */
    if (x->start > g->start + g->len + 1 || !form_is(x, SYL)) continue;
    set_span(c, &ms[k], b, e + 1);
  }
}

/* Drops the mentions of 'ms' (*n of them, sorted) that overlap tokens [b, e); returns where a mention of [b, e) goes
 * to keep them sorted. */
static size_t clear_span(rasd_mention *ms, size_t *n, size_t b, size_t e) {
  size_t w = 0, at = *n;
  for (size_t k = 0; k < *n; k++) {
    if (ms[k].tok_end > b && ms[k].tok_begin < e) {
      if (at == *n) at = w;
      continue;
    }
    if (at == *n && ms[k].tok_begin >= e) at = w;
    ms[w++] = ms[k];
  }
  *n = w;
  return at > w ? w : at;
}

/* Puts 'mn' at index 'at' of the vector 'ms' (*n, *cap), the later ones moved up; -1 when out of memory. */
static int insert_at(rasd_mention **ms, size_t *n, size_t *cap, size_t at, const rasd_mention *mn) {
  if (RASD__VEC_PUSH(*ms, *n, *cap, *mn) < 0) return -1;
  memmove(&(*ms)[at + 1], &(*ms)[at], (*n - 1 - at) * sizeof **ms);
  (*ms)[at] = *mn;
  return 0;
}

/* ---- Bodies found by their head noun (ministries, public and national bodies) ---- */

/* Puts an organisation mention of tokens [i, e) into 'ms' (*n, *cap; sorted) unless a mention begins before token i
 * or at it ('*k': where the last search stopped, moved on). Mentions inside the span give way. The name drops 'skip'
 * letters of the head word (its proclitics: بوزارة → وزارة) and, with 'al', takes ال in front (للهيئة → الهيئة).
 * Returns 1 when put in, 0 when a mention was there, -1 when out of memory. */
static int put_body(ctx *c, rasd_mention **ms, size_t *n, size_t *cap, size_t *k, size_t i, size_t e, size_t skip, int al) {
  while (*k < *n && (*ms)[*k].tok_end <= i) (*k)++;
  if (*k < *n && (*ms)[*k].tok_begin <= i) return 0;
  size_t at = clear_span(*ms, n, i, e);
  rasd_mention mn = new_mention(c, RASD_ENT_ORG, i, e);
  const rasd_token *h = tok(c, i);
  if (skip || al) {
    uint32_t hs = skip_letters(c->d->text, h->start, h->start + h->len, skip);
    char *t = rasd__arena_printf(c->ar, "%s%.*s", al ? "ال" : "", (int)(mn.end - hs), c->d->text + hs);
    if (t) mn.text = t;
  }
  if (insert_at(ms, n, cap, at, &mn) < 0) return -1;
  *k = at + 1;
  return 1;
}

/* ---- Ministries ---- */

/* Portfolios of a ministry's name (matching forms, article on): the nouns and the adjectives that go with them (الشؤون
 * الإسلامية، الخدمة المدنية، التعليم العالي). The tagger learnt from texts that leave most ministries untagged, so a
 * ministry is found by its head and these words. */
static const char *const PORTFOLIO[] = {
    "الداخليه", "الخارجيه", "الدفاع", "الماليه", "الصحه", "العمل", "الاسكان", "التعليم", "التربيه", "العدل", "الحج",
    "العمره", "الشؤون", "الشئون", "الدعوه", "الارشاد", "الثقافه", "الاعلام", "التجاره", "الصناعه", "الاستثمار",
    "الاقتصاد", "التخطيط", "الزراعه", "المياه", "الكهرباء", "البيئه", "النقل", "الطاقه", "البترول", "النفط", "الثروه",
    "الاتصالات", "تقنيه", "المعلومات", "الخدمه", "الرياضه", "الشباب", "السياحه", "الاوقاف", "الموارد", "التنميه",
    "الحرس", "الري", "التموين", "الاثار", "الهجره", "المواصلات", "الطيران", "البحث", "الاسره", "التضامن", "المراه",
    "الامن", "التعاون", "الاقتصاديه", "الاسلاميه", "البلديه", "القرويه", "الاجتماعيه", "المدنيه", "البشريه",
    "المعدنيه", "العالي", "الوطني", "العلمي", "الدولي", "الدينيه", "العامه", NULL};
/* the words that only go on after a portfolio noun, never begin one */
static const char *const PORTFOLIO_ADJ[] = {"الاقتصاديه", "الاسلاميه", "البلديه", "القرويه", "الاجتماعيه", "المدنيه",
                                            "البشريه", "المعدنيه", "العالي", "الوطني", "العلمي", "الدولي", "الدينيه",
                                            "العامه", "المعلومات", NULL};

/* وزارة المالية، بوزارة الشؤون الإسلامية والدعوة والإرشاد، وزارة الداخلية التونسية: a ministry, one organisation from its
 * head noun (construct state, a proclitic allowed) over its portfolios (words of PORTFOLIO, more joined by و) and a
 * country's adjective after them. Found where the tagger left it out or tagged part of it (الداخلية as a place);
 * mentions inside the span give way, a mention that begins before it or at its head stays. 'ms' stays sorted.
 * Returns -1 when out of memory. */
static int ministries(ctx *c, rasd_mention **ms, size_t *n, size_t *cap) {
  const rasd_tokens *tk = c->a->tokens;
  size_t ntk = tk->n_tok, k = 0;
  for (size_t i = 0; i + 1 < ntk; i++) {
    const rasd_token *h = tok(c, i);
    static const char HEAD[] = "وزاره";
    const size_t hl = sizeof HEAD - 1;
    /* the head with up to two proclitic letters (بوزارة، ولوزارة; not الوزارة, the ministry named before) */
    if (h->kind != RASD_TOK_WORD || !h->form || h->form_len < hl || h->form_len > hl + 4 ||
        memcmp(h->form + h->form_len - hl, HEAD, hl))
      continue;
    size_t pre = (h->form_len - hl) / 2;
    int clitics_ok = 1;
    for (size_t q = 0; q < pre; q++) {
      static const char *const PRO[] = {"و", "ف", "ب", "ل", NULL};
      clitics_ok &= in_list(PRO, h->form + 2 * q, 2);
    }
    if (!clitics_ok) continue;
    const rasd_token *p = tok(c, i + 1);
    if (p->kind != RASD_TOK_WORD || p->sentence != h->sentence || !form_is(p, PORTFOLIO) || form_is(p, PORTFOLIO_ADJ)) continue;
    /* nouns that need their word after them (الشؤون الإسلامية، الخدمة المدنية): alone or before و the name is cut off */
    static const char *const NEEDS_NEXT[] = {"الشؤون", "الشئون", "الخدمه", "الثروه", "الموارد", "تقنيه", "الحرس", "البحث", NULL};
    static const char *const PREP[] = {"علي", "في", "من", "الي", "عن", "مع", NULL};
    size_t e = i + 2;
    while (e < ntk) {
      const rasd_token *t = tok(c, e);
      if (t->kind != RASD_TOK_WORD || t->sentence != h->sentence || !t->form) break;
      if (form_is(t, PORTFOLIO)) { e++; continue; }
      /* و and the next portfolio (والدعوة، والقروية); not a verbal noun of the sentence with its preposition
       * (وزارة الإسكان والعمل على توفير: "and working on") */
      if (t->form_len > 2 && !memcmp(t->form, "و", 2) && in_list(PORTFOLIO, t->form + 2, t->form_len - 2)) {
        if (e + 1 < ntk && tok(c, e + 1)->kind == RASD_TOK_WORD && form_is(tok(c, e + 1), PREP)) break;
        e++;
        continue;
      }
      break;
    }
    if (form_is(p, NEEDS_NEXT) && (e == i + 2 || !form_is(tok(c, i + 2), PORTFOLIO))) { i = e - 1; continue; }
    /* the country's adjective (التونسية، الأمريكية) */
    if (e < ntk && tok(c, e)->kind == RASD_TOK_WORD && tok(c, e)->sentence == h->sentence && tok(c, e)->form &&
        rasd__org_word_class(tok(c, e)->form, tok(c, e)->form_len) == 2)
      e++;
    /* the mentions around it: one that begins before the head or at it stays (the tagger's or the gazetteer's); the
     * proclitic letters off (بوزارة، ولوزارة) */
    if (put_body(c, ms, n, cap, &k, i, e, pre, 0) < 0) return -1;
    i = e - 1;
  }
  return 0;
}

/* ---- Public bodies ---- */

/* الهيئة العامة للسياحة، المديرية العامة للجوازات، المركز الوطني للقياس، المؤسسة العامة لتحلية المياه: a public body,
 * one organisation: a head noun of BODY_HEAD (with ال or in the construct state, proclitics off), an adjective of
 * BODY_ADJ, then ل with the body's field and up to three words after it (ال words: للتدريب التقني, للعلوم والتقنية),
 * not over a title, a day or a word of time (… للسياحة الأمير سلطان، … للإحصاء اليوم). The tagger leaves most of
 * them out. Mentions inside the span give way, one that begins before it or at its head stays; 'ms' stays sorted.
 * Returns -1 when out of memory. */
static int public_bodies(ctx *c, rasd_mention **ms, size_t *n, size_t *cap) {
  static const char *const TIME_W[] = {"اليوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
                                       "الماضي", "الماضيه", "الجاري", "الحالي", "المقبل", "المقبله", "الان", NULL};
  const rasd_tokens *tk = c->a->tokens;
  size_t ntk = tk->n_tok, k = 0;
  for (size_t i = 0; i + 2 < ntk; i++) {
    const rasd_token *h = tok(c, i), *a = tok(c, i + 1), *f = tok(c, i + 2);
    /* the cheap tests first: the field's ل, the adjective's ال */
    if (f->kind != RASD_TOK_WORD || !f->form || f->form_len < 8 || memcmp(f->form, "ل", 2)) continue;
    if (a->kind != RASD_TOK_WORD || !a->form || a->form_len < 10 || memcmp(a->form, "ال", 4)) continue;
    if (h->kind != RASD_TOK_WORD || !h->form) continue;
    if (a->sentence != h->sentence || f->sentence != h->sentence || !form_is(a, BODY_ADJ)) continue;
    size_t skip;
    int al;
    if (!body_head(h, &skip, &al)) continue;
    /* the field: ل on a word (للسياحة، لتحلية، لشؤون), three letters or more after it */
    if (f->form_len < 8 || memcmp(f->form, "ل", 2) || in_list(TIME_W, f->form, f->form_len)) continue;
    int field_def = !memcmp(f->form, "لل", 4), construct = !field_def; /* لتحلية المياه: a noun, its genitive after it */
    size_t e = i + 3;
    for (int more = 0; more < 3 && e < ntk; more++) {
      const rasd_token *t = tok(c, e);
      if (t->kind != RASD_TOK_WORD || t->sentence != h->sentence || !t->form || (t->flags & RASD_TOKF_STOP)) break;
      const char *x = t->form;
      size_t xl = t->form_len;
      int conj = xl > 6 && !memcmp(x, "وال", 6);
      if (conj) { x += 2; xl -= 2; }
      if (xl < 8 || memcmp(x, "ال", 4) || in_list(TIME_W, x, xl) || rasd__is_title_word(x, xl) ||
          rasd__is_title_word(t->form, t->form_len))
        break;
      /* after the field, its genitive (لتحلية المياه), adjectives (nisbas: للتدريب التقني، للحياة الفطرية) and nouns
       * joined by و (للغذاء والدواء), not another body joined so (والبرنامج الوطني) nor a word of the next clause
       * (… للغذاء والدواء الرقابة) */
      int nisba = ends_in(x, xl, "ي") || ends_in(x, xl, "يه") || rasd__org_word_class(x, xl) == 1;
      static const char *const OTHER_BODY[] = {"مكتب", "وزاره", "جامعه", "شركه", "جمعيه", "امانه", "بلديه", NULL};
      if (conj ? in_list(BODY_HEAD, x + 4, xl - 4) || in_list(OTHER_BODY, x + 4, xl - 4) : !(construct || nisba)) break;
      construct = 0;
      e++;
    }
    /* a field in the construct state without its genitive (المديرية العامة لكلية | الملك فهد): a name cut off */
    if (construct) continue;
    /* the mentions around it: one that begins before the head or at it stays */
    if (put_body(c, ms, n, cap, &k, i, e, skip, al) < 0) return -1;
    i = e - 1;
  }
  return 0;
}

/* هيئة المسح الجيولوجي الأمريكية، مكتب التحقيقات البريطاني، جهاز المخابرات الروسي، سلطة الطيران المدني المصرية: a
 * country's body, one organisation: a head noun in the construct state (هيئة، وكالة، مكتب، جهاز، سلطة; a proclitic
 * allowed), one to three words with ال (no title among them) and a country's adjective last. Not مصلحة, which is also
 * "interest" (لمصلحة الشعب العراقي). Mentions inside the span give way, one that begins before it or at its head stays;
 * 'ms' stays sorted. Returns -1 when out of memory. */
static int national_bodies(ctx *c, rasd_mention **ms, size_t *n, size_t *cap) {
  static const char *const HEAD[] = {"هيئه", "وكاله", "مكتب", "جهاز", "سلطه", NULL};
  static const char *const PRO[] = {"و", "ف", "ب", "ل", NULL};
  const rasd_tokens *tk = c->a->tokens;
  size_t ntk = tk->n_tok, k = 0;
  for (size_t i = 0; i + 2 < ntk; i++) {
    const rasd_token *h = tok(c, i), *a = tok(c, i + 1);
    if (a->kind != RASD_TOK_WORD || !a->form || a->form_len < 8 || memcmp(a->form, "ال", 4)) continue;
    if (h->kind != RASD_TOK_WORD || !h->form || h->form_len < 6 || h->form_len > 12 || h->sentence != a->sentence) continue;
    /* the heads end in ه، ب or ز: the lists only then */
    const char *hz = h->form + h->form_len - 2;
    if (memcmp(hz, "ه", 2) && memcmp(hz, "ب", 2) && memcmp(hz, "ز", 2)) continue;
    size_t pre = 0;
    if (!in_list(HEAD, h->form, h->form_len)) {
      if (!in_list(PRO, h->form, 2) || !in_list(HEAD, h->form + 2, h->form_len - 2)) continue;
      pre = 1;
    }
    /* the ال words, then the country's adjective */
    size_t e = i + 1, nat = 0;
    while (e < ntk && e < i + 5) {
      const rasd_token *t = tok(c, e);
      if (t->kind != RASD_TOK_WORD || t->sentence != h->sentence || !t->form || t->form_len < 8 || memcmp(t->form, "ال", 4) ||
          (t->flags & RASD_TOKF_STOP) || rasd__is_title_word(c->d->text + t->start, t->len))
        break;
      e++;
      if (e > i + 2 && rasd__org_word_class(t->form, t->form_len) == 2) { nat = e; break; }
    }
    if (!nat) continue;
    e = nat;
    if (put_body(c, ms, n, cap, &k, i, e, pre, 0) < 0) return -1;
    i = e - 1;
  }
  return 0;
}

/* ---- Institutions and places named after a king or prince ---- */

/* Head nouns of such names (matching forms, no article), and whether the name is a place (LOC: roads, districts) or an
 * institution or facility that acts and is run (ORG: أعلن مطار الملك خالد تأجيل الرحلات). */
static const struct royal_head { const char *w; int type; } ROYAL_HEAD[] = {
    {"جامعه", RASD_ENT_ORG}, {"مدينه", RASD_ENT_ORG}, {"مستشفي", RASD_ENT_ORG}, {"مركز", RASD_ENT_ORG},
    {"مجمع", RASD_ENT_ORG}, {"جائزه", RASD_ENT_ORG}, {"مكتبه", RASD_ENT_ORG}, {"كليه", RASD_ENT_ORG},
    {"معهد", RASD_ENT_ORG}, {"مؤسسه", RASD_ENT_ORG}, {"موسسه", RASD_ENT_ORG}, {"صندوق", RASD_ENT_ORG},
    {"برنامج", RASD_ENT_ORG}, {"داره", RASD_ENT_ORG}, {"مدرسه", RASD_ENT_ORG}, {"اكاديميه", RASD_ENT_ORG},
    {"كرسي", RASD_ENT_ORG}, {"مشروع", RASD_ENT_ORG}, {"قاعده", RASD_ENT_ORG}, {"مطار", RASD_ENT_ORG},
    {"ميناء", RASD_ENT_ORG}, {"مينا", RASD_ENT_ORG}, {"ملعب", RASD_ENT_ORG}, {"استاد", RASD_ENT_ORG},
    {"مسجد", RASD_ENT_ORG}, {"جامع", RASD_ENT_ORG}, {"قصر", RASD_ENT_ORG}, {"جسر", RASD_ENT_LOC},
    {"طريق", RASD_ENT_LOC}, {"شارع", RASD_ENT_LOC}, {"حي", RASD_ENT_LOC}, {"ميدان", RASD_ENT_LOC},
    {NULL, 0}};
static const char *const INTL[] = {"الدولي", "الدوليه", NULL};
static const char *const HUMANE[] = {"الانسانيه", "الانساني", NULL};
static const char *const ROYAL_W[] = {"الملك", "الامير", "الاميره", "السلطان", "الامام", "الشيخ", NULL};
/* Words that go on such a name after the person's: adjectives (التخصصي، الطبية), and لل/وال nouns (للعلوم والتقنية). Not
 * الدولي, which writers add or leave out (مطار الملك خالد [الدولي]): the name is one entity either way. */
static const char *const ROYAL_ADJ[] = {"التخصصي", "التخصصيه", "الجامعي", "الجامعيه", "الطبي", "الطبيه",
                                        "العسكري", "العسكريه", "الخيري", "الخيريه", "الثقافي", "الاسلامي", "الاسلاميه",
                                        "العالمي", "العالميه", "الوطني", "الوطنيه", "البحري", "الجوي", "الجويه",
                                        "الصناعيه", "الرياضيه", "الرياضي", "الدائري", "الاقتصاديه", "الحضاري",
                                        "المركزي", "التعليمي", "التاريخي", "الاغاثي", "المالي", NULL};

/* مدينة الملك عبدالعزيز للعلوم والتقنية، مطار الملك خالد، جامعة الملك سعود: one organisation or place from
 * its head noun to the end of the name, not a person (the tagger reads عبدالعزيز للعلوم as a man) and a cut-off
 * جامعة الملك. The head noun is in the construct state (no article; a clitic such as ب، ل، و allowed). Mentions
 * inside the span give way; 'ms' stays sorted. Returns -1 when out of memory. */
static int royal_names(ctx *c, rasd_mention **ms, size_t *n, size_t *cap) {
  const rasd_tokens *tk = c->a->tokens;
  size_t ntk = tk->n_tok;
  for (size_t i = 0; i + 2 < ntk; i++) {
    const rasd_token *h = tok(c, i), *r = tok(c, i + 1), *x = tok(c, i + 2);
    if (h->kind != RASD_TOK_WORD || r->kind != RASD_TOK_WORD || x->kind != RASD_TOK_WORD || !h->bare) continue;
    if (r->sentence != h->sentence || x->sentence != h->sentence || !form_is(r, ROYAL_W)) continue;
    /* the head: its bare form in the table and not definite (بجامعة، وجامعة; not الجامعة) */
    int type = 0;
    for (size_t k = 0; ROYAL_HEAD[k].w && !type; k++)
      if (strlen(ROYAL_HEAD[k].w) == h->bare_len && !memcmp(h->bare, ROYAL_HEAD[k].w, h->bare_len)) type = ROYAL_HEAD[k].type;
    if (!type || (h->form_len >= h->bare_len + 4 && (!memcmp(h->form + h->form_len - h->bare_len - 4, "ال", 4) ||
                                                    !memcmp(h->form + h->form_len - h->bare_len - 4, "لل", 4))))
      continue;
    if ((x->flags & RASD_TOKF_STOP) || !x->form || !memcmp(x->form, "ال", 4)) continue;
    /* the person's name: as far as a person mention beginning at it goes, else one word and its بن X links */
    size_t e = i + 3, place = 0;
    for (size_t k = 0; k < *n; k++)
      if ((*ms)[k].tok_begin == i + 2 && (*ms)[k].type == RASD_ENT_PER && (*ms)[k].tok_end > e) e = (*ms)[k].tok_end;
    /* ... nor over الدولي, which writers add or leave out (one airport) */
    while (e > i + 3 && (form_is(tok(c, e - 1), INTL) || !tok(c, e - 1)->form)) e--;
    /* ... but not over a place with ب or ل on it (مستشفى الملك فهد | بتبوك): that is where the institution is */
    for (size_t k = i + 3; k < e && c->m && c->m->gaz; k++) {
      const rasd_token *t = tok(c, k);
      if (t->kind != RASD_TOK_WORD || !t->form || t->form_len < 8 || (memcmp(t->form, "ب", 2) && memcmp(t->form, "ل", 2))) continue;
      uint32_t ls = skip_letters(c->d->text, t->start, t->start + t->len, 1);
      if (rasd__gaz_exact(c->m->gaz, c->d->text + ls, t->start + t->len - ls, 0, RASD_ENT_NONE) < 0) continue;
      e = k;
      place = k + 1;
      break;
    }
    while (e + 1 < ntk && form_is(tok(c, e), SON_W) && tok(c, e + 1)->kind == RASD_TOK_WORD &&
           tok(c, e + 1)->sentence == h->sentence)
      e += 2;
    /* then its adjectives and a لل noun with its وال nouns (للعلوم والتقنية، للبترول والمعادن) */
    int lil = 0;
    for (size_t k = i + 3; k < e; k++) lil |= tok(c, k)->form && tok(c, k)->form_len > 8 && !memcmp(tok(c, k)->form, "لل", 4);
    for (size_t more = 0; e < ntk && more < 4; more++) {
      const rasd_token *t = tok(c, e);
      if (t->kind != RASD_TOK_WORD || t->sentence != h->sentence || !t->form) break;
      if (!lil && form_is(t, ROYAL_ADJ)) { e++; continue; }
      if (!lil && t->form_len > 8 && !memcmp(t->form, "لل", 4)) { lil = 1; e++; continue; }
      if (lil == 1 && t->form_len > 8 && !memcmp(t->form, "وال", 6)) { lil = 2; e++; continue; }
      if (lil && form_is(t, HUMANE)) { e++; break; }
      break;
    }
    /* the span as one mention; the mentions inside it or overlapping it go */
    size_t at = clear_span(*ms, n, i, e);
    rasd_mention mn = new_mention(c, type, i, e);
    int add_al;
    size_t cl = clitic_letters(c, h, h->start + h->len, &add_al);
    if (!cl && h->form_len > h->bare_len) cl = 1; /* بجامعة: the head as a name begins with its own letter */
    uint32_t hs = skip_letters(c->d->text, h->start, h->start + h->len, cl);
    if (hs > h->start) {
      char *t = rasd__arena_printf(c->ar, "%.*s", (int)(mn.end - hs), c->d->text + hs);
      if (t) mn.text = t;
    }
    if (insert_at(ms, n, cap, at, &mn) < 0) return -1;
    if (place) {
      rasd_mention pl = mn;
      pl.type = RASD_ENT_LOC;
      set_span(c, &pl, place - 1, place);
      const rasd_token *t = tok(c, place - 1);
      uint32_t ls = skip_letters(c->d->text, t->start, t->start + t->len, 1);
      char *tx = rasd__arena_printf(c->ar, "%.*s", (int)(t->start + t->len - ls), c->d->text + ls);
      if (tx) pl.text = tx;
      if (insert_at(ms, n, cap, at + 1, &pl) < 0) return -1;
      e = place;
    }
    i = e - 1;
  }
  return 0;
}

/* 1 when token 'i' spells out a Latin letter (بي، سي، آي…: rasd__initial_letter()). */
static int tok_initial(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  return t->kind == RASD_TOK_WORD && t->form && t->form_len <= 6 && rasd__initial_letter(t->form, t->form_len);
}

/* أف. بي. آي، سي. آي. إيه، إي.إس.بي.إن: two or more spelt-out letters joined by dots are one organisation's acronym
 * (the tagger took بي or سي alone for one). Mentions inside the run give way; 'ms' stays sorted. */
static int acronyms(ctx *c, rasd_mention **ms, size_t *n, size_t *cap) {
  const rasd_tokens *tk = c->a->tokens;
  size_t ntk = tk->n_tok;
  for (size_t i = 0; i + 2 < ntk; i++) {
    if (!tok_initial(c, i)) continue;
    size_t e = i + 1, letters = 1;
    while (e + 1 < ntk && tok(c, e)->kind == RASD_TOK_PUNCT && tok(c, e)->len == 1 && c->d->text[tok(c, e)->start] == '.' &&
           tok_initial(c, e + 1) && tok(c, e + 1)->sentence == tok(c, i)->sentence)
      e += 2, letters++;
    if (letters < 2) continue;
    size_t at = clear_span(*ms, n, i, e);
    rasd_mention mn = new_mention(c, RASD_ENT_ORG, i, e);
    if (insert_at(ms, n, cap, at, &mn) < 0) return -1;
    i = e - 1;
  }
  return 0;
}

static int cmp_mention(const void *x, const void *y);

/* Repairs a->mentions in place (arena copy): drops adverbs, joins a person's name split by the
 * tagger (فيودور | ترتيتسكي, سيرجي | ك. | شويجو), adds known names it missed. */
static int repair(ctx *c) {
  const rasd_tokens *tk = c->a->tokens;
  rasd_mention *ms = NULL;
  size_t n = 0, cap = 0;
  for (size_t k = 0; k < c->a->n_mentions; k++) {
    rasd_mention mn = c->a->mentions[k];
    mn.entity = -1;
    if (mn.tok_begin >= mn.tok_end || mn.tok_end > tk->n_tok) continue;
    /* adverbs (قريباً، دبلوماسياً) at either end */
    while (mn.tok_end > mn.tok_begin && ends_with_tanween(c, mn.tok_end - 1)) mn.tok_end--;
    while (mn.tok_begin < mn.tok_end && ends_with_tanween(c, mn.tok_begin)) mn.tok_begin++;
    /* a particle with its hamza in front of a person (فإن | لويز أكد) is not the name's */
    while (mn.type == RASD_ENT_PER && mn.tok_begin + 1 < mn.tok_end && hamza_particle(c, mn.tok_begin)) mn.tok_begin++;
    if (mn.tok_begin >= mn.tok_end) continue;
    /* a person running into a known place (غادر بوتين بيونغيانغ): the place is its own mention */
    while (mn.type == RASD_ENT_PER && mn.tok_end - mn.tok_begin >= 2 && c->m && c->m->gaz) {
      const rasd_token *lt = tok(c, mn.tok_end - 1);
      int add_al;
      uint32_t ls = skip_letters(c->d->text, lt->start, lt->start + lt->len, clitic_letters(c, lt, lt->start + lt->len, &add_al));
      int64_t ge = rasd__gaz_exact(c->m->gaz, c->d->text + ls, lt->start + lt->len - ls, 1, RASD_ENT_LOC);
      if (ge < 0 || lt->kind != RASD_TOK_WORD) break;
      rasd_mention place = mn;
      set_span(c, &place, mn.tok_end - 1, mn.tok_end);
      place.type = RASD_ENT_LOC;
      if (RASD__VEC_PUSH(ms, n, cap, place) < 0) { free(ms); return -1; }
      mn.tok_end--;
      while (mn.tok_end > mn.tok_begin && tok(c, mn.tok_end - 1)->kind != RASD_TOK_WORD) mn.tok_end--;
    }
    if (mn.tok_begin >= mn.tok_end) continue;
    /* ولي ولي العهد (the deputy crown prince), ولي الأمر (the ruler, a guardian) are titles, not a person ولي ولي */
    static const char *const WALI[] = {"ولي", "وولي", NULL},
                             *const AHD[] = {"العهد", "الامر", "امر", "امرها", "امره", "امرهم", "امرنا", "الامور", "عهده", "عهدها", NULL};
    if (mn.type == RASD_ENT_PER) {
      size_t i = mn.tok_begin;
      while (i < tk->n_tok && i < mn.tok_end + 2 && form_is(tok(c, i), WALI)) i++;
      if (i >= mn.tok_end && i < tk->n_tok && form_is(tok(c, i), AHD)) continue;
    }
    /* سعيد وليلى وخديجة: three people, not one (a word of the span is و before a given name, the word before it no
     * particle of a name: عبد، أبو، بن) */
    static const char *const FAMILY[] = {"ال", "آل", NULL};
    for (size_t i = mn.tok_begin + 1; mn.type == RASD_ENT_PER && i < mn.tok_end && c->m; i++) {
      if (tok(c, i)->kind != RASD_TOK_WORD || tok(c, i - 1)->kind != RASD_TOK_WORD || form_is(tok(c, i - 1), PARTICLE_W) || form_is(tok(c, i - 1), FAMILY) ||
          !conj_given_name(c->m->gaz, tok(c, i)))
        continue;
      rasd_mention first = mn;
      set_span(c, &first, mn.tok_begin, i);
      if (RASD__VEC_PUSH(ms, n, cap, first) < 0) { free(ms); return -1; }
      mn.tok_begin = i;
    }
    /* a person's name goes on over a hyphen written without spaces to a short syllable the tagger left out as a
     * function word or a stray letter (بارك جونغ-هو, كيم جونغ-إن): no other mention begins there */
    if (mn.type == RASD_ENT_PER && mn.tok_end + 1 < tk->n_tok) {
      const rasd_token *l = tok(c, mn.tok_end - 1), *h = tok(c, mn.tok_end), *x = tok(c, mn.tok_end + 1);
      int taken = k + 1 < c->a->n_mentions && c->a->mentions[k + 1].tok_begin <= mn.tok_end + 1;
      if (!taken && l->kind == RASD_TOK_WORD && h->kind == RASD_TOK_PUNCT && h->len == 1 &&
          c->d->text[h->start] == '-' && l->start + l->len == h->start && h->start + 1 == x->start &&
          x->kind == RASD_TOK_WORD && x->sentence == l->sentence && x->len <= 6)
        mn.tok_end += 2;
    }
    /* آل always has its family name after it: the tagger stops before a title word there (عبدالعزيز آل | الشيخ);
     * so do عبد، أبو، بن (عبد | الباسط الفقيه: the person is عبد الباسط, not a عبد that a longer name in the article
     * such as علي عبد الله صالح would take as its part) */
    if (mn.type == RASD_ENT_PER && mn.tok_end < tk->n_tok) {
      const rasd_token *l = tok(c, mn.tok_end - 1), *x = tok(c, mn.tok_end);
      int taken = k + 1 < c->a->n_mentions && c->a->mentions[k + 1].tok_begin <= mn.tok_end;
      int al = l->len == 4 && !memcmp(c->d->text + l->start, "آل", 4);
      if (!taken && l->kind == RASD_TOK_WORD && x->kind == RASD_TOK_WORD && x->sentence == l->sentence &&
          (al || (form_is(l, PARTICLE_W) && !(x->flags & RASD_TOKF_STOP) && !tok_is_title(c, mn.tok_end))))
        mn.tok_end++;
    }
    /* بن begins no name: the given name before it is the person's (محمد | بن نايف) when the tagger left it out */
    if (mn.type == RASD_ENT_PER && mn.tok_begin > 0 && form_is(tok(c, mn.tok_begin), SON_W) &&
        (k == 0 || c->a->mentions[k - 1].tok_end < mn.tok_begin)) {
      const rasd_token *p = tok(c, mn.tok_begin - 1);
      int words;
      if (p->kind == RASD_TOK_WORD && p->sentence == tok(c, mn.tok_begin)->sentence && p->form &&
          rasd__given_name_en(p->form, p->form_len, NULL, 0, &words))
        mn.tok_begin--;
    }
    /* words before the name the tagger took in (الكولومبي رادامل فالكاو, الظهير الأيمن ناثانييل كلاين, عسير صالح القاضي) */
    while (mn.type == RASD_ENT_PER && mn.tok_end - mn.tok_begin >= 2) {
      int lw = lead_word(c, mn.tok_begin, mn.tok_end);
      if (!lw) break;
      if (lw == 2) {
        rasd_mention place = mn;
        set_span(c, &place, mn.tok_begin, mn.tok_begin + 1);
        place.type = RASD_ENT_LOC;
        if (RASD__VEC_PUSH(ms, n, cap, place) < 0) { free(ms); return -1; }
      }
      mn.tok_begin++;
      while (mn.tok_begin < mn.tok_end && tok(c, mn.tok_begin)->kind != RASD_TOK_WORD) mn.tok_begin++;
    }
    if (mn.tok_begin >= mn.tok_end) continue;
    /* and a function word or a time word after it (سعد ليس، علي فيما، عبدالله السويد أمس; not هو، هي: a syllable of a
     * Korean or Chinese name, بارك جونغ هو) */
    static const char *const TRAIL[] = {"ليس", "ليست", "فيما", "كما", "حيث", "عندما", "بينما", "منذ",
                                        "خلال", "امس", "اليوم", "رايت", "حين", "حينما", "الان", "لقد", "قد", "لم", "لن",
                                        "انه", "انها", "الذي", "التي", NULL};
    while (mn.type == RASD_ENT_PER && mn.tok_end - mn.tok_begin >= 2 && form_is(tok(c, mn.tok_end - 1), TRAIL)) {
      mn.tok_end--;
      while (mn.tok_end > mn.tok_begin && tok(c, mn.tok_end - 1)->kind != RASD_TOK_WORD) mn.tok_end--;
    }
    /* plural and dual nouns and adjectives are no person (ميداليتين برونزيتين، طائرتان عسكريتان، باحثون سويديون) */
    if (mn.type == RASD_ENT_PER && plural_words(c, mn.tok_begin, mn.tok_end)) continue;
    /* a particle alone (عبد at the end of a sentence) is no person */
    if (mn.type == RASD_ENT_PER && mn.tok_end == mn.tok_begin + 1 && form_is(tok(c, mn.tok_begin), PARTICLE_W)) continue;
    set_span(c, &mn, mn.tok_begin, mn.tok_end);
    if (RASD__VEC_PUSH(ms, n, cap, mn) < 0) { free(ms); return -1; }
  }
  if (n > 1) qsort(ms, n, sizeof *ms, cmp_mention);
  /* join adjacent people */
  size_t w = 0;
  for (size_t k = 0; k < n; k++) {
    if (w && ms[w - 1].type == RASD_ENT_PER && ms[k].type == RASD_ENT_PER) {
      size_t gap = ms[w - 1].tok_end, b = ms[k].tok_begin;
      /* two single words (فيودور | ترتيتسكي), the second not starting with و (and) */
      int join = gap == b && ms[w - 1].tok_end - ms[w - 1].tok_begin == 1 && ms[k].tok_end - ms[k].tok_begin == 1 &&
                 tok(c, b)->form && strncmp(tok(c, b)->form, "و", 2) != 0;
      /* محمد | بن نايف: a person does not begin with بن */
      if (gap == b && form_is(tok(c, b), SON_W) && !form_is(tok(c, gap - 1), PARTICLE_W)) join = 1;
      if (gap + 2 == b && is_initial(c, gap) && tok(c, gap + 1)->kind == RASD_TOK_PUNCT) join = 1;
      if (gap + 1 == b && is_initial(c, gap)) join = 1;
      if (join && ms[k].tok_end - ms[w - 1].tok_begin <= 6) {
        set_span(c, &ms[w - 1], ms[w - 1].tok_begin, ms[k].tok_end);
        continue;
      }
    }
    ms[w++] = ms[k];
  }
  n = w;
  if (gaz_spans(c, &ms, &n, &cap) || given_names(c, &ms, &n, &cap)) { free(ms); return -1; }
  if (n > 1) qsort(ms, n, sizeof *ms, cmp_mention);
  /* a formula with الله (رحمه الله، صلى الله عليه وسلم) is not part of a name, nor one; a name the tagger
   * began at its الله (ذبيح | الله مجاهد) gets its first word back */
  w = 0;
  for (size_t k = 0; k < n; k++) {
    size_t b = ms[k].tok_begin;
    if (form_is(tok(c, b), GOD) && b > 0 && form_is(tok(c, b - 1), GOD_NAME) && (!w || ms[w - 1].tok_end < b) &&
        (ms[k].tok_end - b > 1 || !form_is(tok(c, b - 1), GOD_PHRASE)))
      set_span(c, &ms[k], b - 1, ms[k].tok_end);
    size_t e = cut_formula(c, &ms[k]);
    while (e > ms[k].tok_begin && tok(c, e - 1)->kind != RASD_TOK_WORD) e--;
    if (e == ms[k].tok_begin) continue;
    if (all_measure_words(c, ms[k].tok_begin, e)) continue;
    /* منظمة «يش دين»: the tagger took the head noun and left the quoted name; the name is the mention, with its
     * head noun in front (منظمة يش دين). A head noun alone is no name. */
    if (e == ms[k].tok_begin + 1 && ms[k].type == RASD_ENT_ORG && form_is(tok(c, ms[k].tok_begin), ORG_HEAD_W)) {
      size_t hb = ms[k].tok_begin, q = hb + 1, j = q + 1, ntk = c->a->tokens->n_tok;
      if (q < ntk && tok(c, q)->kind == RASD_TOK_QUOTE)
        while (j < ntk && j < q + 8 && tok(c, j)->kind != RASD_TOK_QUOTE && tok(c, j)->sentence == tok(c, q)->sentence) j++;
      if (q >= ntk || tok(c, q)->kind != RASD_TOK_QUOTE || j >= ntk || tok(c, j)->kind != RASD_TOK_QUOTE || j == q + 1 ||
          (k + 1 < n && ms[k + 1].tok_begin < j))
        continue;
      const rasd_token *h = tok(c, hb), *f = tok(c, q + 1), *l = tok(c, j - 1);
      char *t = rasd__arena_printf(c->ar, "%.*s %.*s", (int)h->len, c->d->text + h->start,
                                   (int)(l->start + l->len - f->start), c->d->text + f->start);
      set_span(c, &ms[k], hb, j);
      if (t) ms[k].text = t;
      ms[w++] = ms[k];
      continue;
    }
    if (e == ms[k].tok_begin + 1 && not_a_name_word(c, ms[k].tok_begin, ms[k].type)) continue;
    if (e == ms[k].tok_begin + 2 && ms[k].type == RASD_ENT_ORG && generic_body(c, ms[k].tok_begin)) continue;
    if (currency_phrase(c, ms[k].tok_begin, e)) continue;
    if (ms[k].type == RASD_ENT_PER && adjective_pair(c, ms[k].tok_begin, e)) continue;
    if (e == ms[k].tok_begin + 2 && ms[k].type == RASD_ENT_PER && husn_phrase(c, ms[k].tok_begin)) continue;
    if (e < ms[k].tok_end) set_span(c, &ms[k], ms[k].tok_begin, e);
    ms[w++] = ms[k];
  }
  n = w;
  if (royal_names(c, &ms, &n, &cap) || acronyms(c, &ms, &n, &cap) || ministries(c, &ms, &n, &cap) ||
      public_bodies(c, &ms, &n, &cap) || national_bodies(c, &ms, &n, &cap)) {
    free(ms);
    return -1;
  }
  local_bodies(c, ms, n);
  korean_names(c, ms, n);
  /* an organisation's descriptor word belongs to its surface form: صحيفة نيويورك تايمز; so does a medium's, whatever
   * the tagger called the name after it (جريدة «الرياض», تلفزيون الكويت: organisations) */
  for (size_t k = 0; k < n; k++) {
    size_t b = ms[k].tok_begin, q = b;
    int media = b > 0 && ms[k].type != RASD_ENT_ORG && span_media(c, &ms[k]);
    if ((ms[k].type != RASD_ENT_ORG && !media) || b == 0) continue;
    if (tok(c, q - 1)->kind == RASD_TOK_QUOTE && q >= 2) q--; /* صحيفة "نيويورك تايمز" */
    if (k && ms[k - 1].tok_end > q - 1) continue;
    const rasd_token *p = tok(c, q - 1);
    if (p->kind != RASD_TOK_WORD || !p->form) continue;
    /* not before a name with a proclitic on its head noun (في إمارة المنطقة ووزارة الشؤون البلدية، المدينة لوزارة…):
     * the noun before is a phrase of its own */
    if (q == b && proclitic_letter(tok(c, b)) && tok(c, b)->form_len >= 12 &&
        head_noun(tok(c, b)->form + 2, tok(c, b)->form_len - 2))
      continue;
    size_t one = 0;
    int32_t c0 = rasd__utf8_next(p->form, p->form_len, &one);
    int desc = (p->bare && rasd__is_descriptor_word(p->bare, p->bare_len)) || rasd__is_descriptor_word(p->form, p->form_len) ||
               ((c0 == 0x0644 || c0 == 0x0628 || c0 == 0x0648 || c0 == 0x0641 || c0 == 0x0643) &&
                rasd__is_descriptor_word(p->form + one, p->form_len - one));
    if (!desc) continue;
    /* the descriptor as written, its clitic (لصحيفة) off, then the name without the quote mark */
    int add_al;
    size_t cl = clitic_letters(c, p, p->start + p->len, &add_al);
    if (!cl && !rasd__is_descriptor_word(p->form, p->form_len)) cl = 1;
    uint32_t ds = skip_letters(c->d->text, p->start, p->start + p->len, cl);
    uint32_t ns = tok(c, b)->start, ne = ms[k].end;
    char *t = rasd__arena_printf(c->ar, "%.*s %.*s", (int)(p->start + p->len - ds), c->d->text + ds, (int)(ne - ns),
                                 c->d->text + ns);
    set_span(c, &ms[k], q - 1, ms[k].tok_end);
    if (t) ms[k].text = t;
    if (media) ms[k].type = RASD_ENT_ORG;
  }

  rasd_mention *all = rasd__arena_alloc(c->ar, (n + 1) * sizeof *all);
  if (!all) { free(ms); return -1; }
  if (n) memcpy(all, ms, n * sizeof *all);
  c->a->mentions = all;
  c->a->n_mentions = n;
  free(ms);
  return 0;
}

int rasd__entities_link(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) {
  if (!a || !d || !d->text) return RASD_OK;
  ctx c;
  memset(&c, 0, sizeof c);
  c.m = m;
  c.d = d;
  c.a = a;
  c.ar = ar;
  pm_begin(&c);
  int rc = RASD_ENOMEM;
  size_t ntok = a->tokens ? a->tokens->n_tok : 0;
  order *ord = NULL;
  rasd__name *pn = NULL; /* per mention: its core parsed */
  int8_t *amb = NULL, *cur = NULL; /* per mention: its sure type (amb), the curated lists' type (cur); 0: none */
  uint8_t *tmask = NULL;           /* per mention: the types the lists give its name when several, else 0 */
  size_t namb = 0;
  if (ntok && repair(&c)) goto done;
  c.covered = calloc(ntok + 1, 1);
  c.core = calloc(a->n_mentions + 1, sizeof *c.core);
  /* room for an entity per mention (and a few the steps after the tagger's add): an entity is large (its parsed
   * name), and growing the array by doubling copied them again and again */
  c.cap = a->n_mentions + 8;
  c.e = malloc(c.cap * sizeof *c.e);
  if (!c.e) c.cap = 0;
  ord = calloc(a->n_mentions + 1, sizeof *ord);
  pn = malloc((a->n_mentions + 1) * sizeof *pn);
  amb = calloc(3 * (a->n_mentions + 1), 1);
  if (!c.covered || !c.core || !ord || !pn || !amb) goto done;
  cur = amb + a->n_mentions + 1;
  tmask = (uint8_t *)cur + a->n_mentions + 1;
  /* 1. the core (titles and clitics off) of each mention */
  for (size_t i = 0; i < a->n_mentions; i++) {
    rasd_mention *mn = &a->mentions[i];
    mn->entity = -1;
    int span_ok = ntok && mn->tok_begin < mn->tok_end && mn->tok_end <= ntok;
    c.core[i] = span_ok ? core_text(&c, mn->tok_begin, mn->tok_end) : core_from_text(&c, mn->text);
    if (span_ok)
      for (size_t t = mn->tok_begin; t < mn->tok_end; t++) c.covered[t] = 1;
    ord[i].i = (uint32_t)i;
    ord[i].ntok = c.core[i] ? (uint32_t)rasd__name_parse(c.core[i], strlen(c.core[i]), &pn[i]) : 0;
    ord[i].start = mn->start;
  }
  /* 2. the type of each mention of a name the curated lists know: theirs (the tagger may call بيونغ يانغ a person);
   * a name they know under several types (الشرق الأوسط: the region and the newspaper) takes the one its context
   * says (context_type()), else the one the article's other mentions of it say, else the tagger's when it is one
   * of them; then its mentions of one type and of the other stay apart */
  if (m && m->gaz && ntok)
    for (size_t i = 0; i < a->n_mentions; i++) {
      rasd_mention *mn = &a->mentions[i];
      if (!c.core[i] || !ord[i].ntok || local_body(&c, mn)) continue;
      int64_t ge = rasd__gaz_best_curated(m->gaz, c.core[i], strlen(c.core[i]));
      rasd__gaz_entry ent;
      if (ge < 0 || rasd__gaz_get(m->gaz, (uint32_t)ge, &ent) || !ent.type || ent.src > RASD__GSRC_CITY ||
          (ent.src == RASD__GSRC_CITY && !(ent.flags & RASD__GF_CAPITAL) && ord[i].ntok < 2))
        continue;
      unsigned tm = curated_types(m->gaz, c.core[i]);
      cur[i] = (int8_t)ent.type;
      if (!(tm & (tm - 1))) continue;
      int ct = span_media(&c, mn) ? RASD_ENT_ORG : context_type(&c, mn);
      amb[i] = ct && (tm >> ct & 1) ? (int8_t)ct : 0;
      cur[i] = (int8_t)((tm >> mn->type & 1) ? mn->type : ent.type);
      tmask[i] = (uint8_t)tm;
      namb++;
    }
  for (size_t i = 0; namb && i < a->n_mentions; i++) {
    if (!tmask[i] || amb[i]) continue;
    int votes[RASD_ENT_MISC + 1] = {0}, best = 0;
    for (size_t j = 0; j < a->n_mentions; j++)
      if (amb[j] > 0 && same_bare(c.core[i], c.core[j])) votes[amb[j]]++;
    for (int t = 1; t <= RASD_ENT_MISC; t++)
      if (votes[t] > votes[best]) best = t;
    amb[i] = (int8_t)(best ? best : cur[i]);
  }
  /* 3. fullest mentions first, so a surname finds the full name it belongs to */
  if (a->n_mentions > 1) qsort(ord, a->n_mentions, sizeof *ord, cmp_order);
  for (size_t o = 0; o < a->n_mentions; o++) {
    size_t i = ord[o].i;
    rasd_mention *mn = &a->mentions[i];
    if (!c.core[i] || !ord[o].ntok) continue;
    int type = mn->type;
    c.strict_type = 0;
    if (amb[i] > 0) type = mn->type = amb[i], c.strict_type = 1;
    else if (cur[i] > 0) type = mn->type = cur[i];
    /* صحيفة الرياض, قناة الجزيرة: a newspaper or a channel, whatever place or word its name is */
    if (span_media(&c, mn) && type != RASD_ENT_ORG) type = mn->type = RASD_ENT_ORG, c.strict_type = 1;
    const char *core0 = c.core[i];
    int k = find_entity_p(&c, c.core[i], &pn[i], type, mn->start, 1);
    if (k < 0 && type == RASD_ENT_PER && ord[o].ntok >= 2 && ntok && mn->tok_begin < mn->tok_end &&
        mn->tok_end <= ntok && trim_to_part(&c, mn, &c.core[i], &k)) {
      /* "كيم سيلتقي", "آنذاك دونالد": the tagger took a word too many */
    }
    const rasd__name *pnm = c.core[i] == core0 ? &pn[i] : NULL; /* trim_to_part may take a part */
    if (k < 0 && (k = new_entity_p(&c, c.core[i], pnm, type)) < 0) goto done;
    if (c.e[k].type != mn->type && c.e[k].type != RASD_ENT_MISC) mn->type = c.e[k].type;
    attach_p(&c, k, c.core[i], pnm, mn->start);
    mn->entity = k;
  }
  /* 4. what the tagger missed, then roles */
  if (ntok) {
    if ((rc = catch_missed(&c)) != RASD_OK) goto done;
    if ((rc = link_roles(&c)) != RASD_OK) goto done;
    rc = RASD_ENOMEM;
  }
  /* 5. the entities */
  if (c.n) {
    a->entities = rasd__arena_alloc(ar, c.n * sizeof *a->entities);
    if (!a->entities) goto done;
    a->n_entities = c.n;
    for (size_t k = 0; k < c.n; k++) {
      rasd_doc_entity *de = &a->entities[k];
      went *e = &c.e[k];
      de->type = e->type;
      de->canonical = (char *)e->canon;
      /* rasd_name_key(e->canon) without parsing it again: e->nm is its parse */
      char key[RASD__NAME_KEYMAX];
      size_t kl = rasd__name_key_parsed(&e->nm, key);
      char *en = rasd_name_english(m, e->canon, strlen(e->canon), e->type, &de->en_translit);
      if (en && e->type == RASD_ENT_LOC && !de->en_translit && !strcmp(en, "Oman") && is_amman(&c, e->canon)) {
        free(en);
        en = rasd__strdup0("Amman");
      }
      en = rasd__descriptor_english(m, e->canon, e->type, en, &de->en_translit);
      if (e->type == RASD_ENT_ORG) en = rasd__place_org_english(m, e->canon, en);
      de->key = rasd__arena_strndup(ar, key, kl);
      de->en = en && *en ? rasd__arena_strdup(ar, en) : NULL;
      free(en);
      de->role = (char *)e->role;
      de->n_mentions = e->n_mentions;
    }
  }
  rc = RASD_OK;
done:
  free(c.e);
  free(c.core);
  free(c.covered);
  free(ord);
  free(pn);
  free(amb);
  return rc;
}
