/* entities.c — within one article: mentions (full names, surnames, title + surname, roles) → entities. */
#include <stdlib.h>
#include <string.h>
#include "extract/extract.h"
#include "extract/names.h"
#include "extract/gazetteer.h"

#define MAX_ROLE_TOK 10

/* Working state of one entity while linking. */
typedef struct went {
  uint8_t type;
  const char *canon;   /* fullest core form (titles and clitics off), arena */
  int canon_ntok;      /* parsed tokens of canon */
  rasd__name nm;       /* parsed canon */
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
} ctx;

static const rasd_token *tok(const ctx *c, size_t i) { return &c->a->tokens->tok[i]; }

static int tok_is_title(const ctx *c, size_t i) {
  const rasd_token *t = tok(c, i);
  return t->kind == RASD_TOK_WORD && rasd__is_title_word(c->d->text + t->start, t->len);
}

/* Letters of clitic prefix to drop from token 'i' as written (و ف ب ل ك; ال is kept). */
static size_t clitic_letters(const rasd_token *t) {
  if (!t->form || !t->bare || t->bare_len >= t->form_len) return 0;
  size_t pre = (size_t)(t->form_len - t->bare_len);
  if (memcmp(t->form + pre, t->bare, t->bare_len)) return 0;
  /* count letters of the prefix; keep a trailing ال */
  size_t letters = 0, i = 0;
  int32_t last2[2] = {0, 0};
  while (i < pre) {
    int32_t c = rasd__utf8_next(t->form, pre, &i);
    letters++;
    last2[0] = last2[1];
    last2[1] = c;
  }
  if (letters >= 2 && last2[0] == 0x0627 && last2[1] == 0x0644) letters -= 2;
  else if (letters >= 2 && last2[0] == 0x0644 && last2[1] == 0x0644) letters = 0; /* لل: leave as written */
  return letters > 3 ? 0 : letters;
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

/* The core text of tokens [b, e): titles off the front, a clitic off the first word. */
static const char *core_text(ctx *c, size_t b, size_t e) {
  while (b < e && tok_is_title(c, b)) b++;
  while (b < e && tok(c, b)->kind != RASD_TOK_WORD && tok(c, b)->kind != RASD_TOK_LATIN) b++;
  while (e > b && tok(c, e - 1)->kind != RASD_TOK_WORD && tok(c, e - 1)->kind != RASD_TOK_LATIN &&
         tok(c, e - 1)->kind != RASD_TOK_NUMBER)
    e--;
  if (b >= e) return NULL;
  const rasd_token *t0 = tok(c, b), *t1 = tok(c, e - 1);
  uint32_t s = t0->start, end = t1->start + t1->len;
  if (end > c->d->text_len || s >= end) return NULL;
  s = skip_letters(c->d->text, s, t0->start + t0->len, clitic_letters(t0));
  if (s >= end) return NULL;
  return rasd__arena_strndup(c->ar, c->d->text + s, end - s);
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

/* 1 when every token of 'x' matches a distinct token of 'y', in order (a part of a longer name). */
static int is_part(const rasd__name *x, const rasd__name *y) {
  if (!x->n || x->n >= y->n) return 0;
  int j = 0;
  for (int i = 0; i < x->n; i++) {
    while (j < y->n && !rasd__ntok_match(&x->tok[i], &y->tok[j])) j++;
    if (j == y->n) return 0;
    j++;
  }
  return 1;
}

/* Finds the entity for core text 'core' of type 'type' at 'pos'; -1 when none. 'partial_ok' allows a
 * surname or first name to link to a fuller name. */
static int find_entity(ctx *c, const char *core, int type, uint32_t pos, int partial_ok) {
  rasd__name nm;
  rasd__name_parse(core, strlen(core), &nm);
  if (!nm.n) return -1;
  int full = -1, part = -1, nparts = 0;
  for (size_t k = 0; k < c->n; k++) {
    went *e = &c->e[k];
    if (!types_ok(e->type, type)) continue;
    int typo = e->type == type ? RASD__NM_TYPO : 0;
    if (nm.n == e->nm.n || (nm.n > 1 && e->nm.n > 1) || (nm.n == 1 && e->nm.n == 1)) {
      if (rasd__names_match_ex(c->m, core, strlen(core), e->canon, strlen(e->canon), typo)) {
        if (full < 0 || c->e[k].n_mentions > c->e[full].n_mentions) full = (int)k;
        continue;
      }
    }
    if (partial_ok && (type == RASD_ENT_PER || e->type == RASD_ENT_PER) && is_part(&nm, &e->nm)) {
      nparts++;
      if (part < 0 || e->last_pos > c->e[part].last_pos || (e->last_pos <= pos && c->e[part].last_pos > pos)) part = (int)k;
    }
  }
  if (full >= 0) return full;
  if (nparts == 1) return part;
  if (nparts > 1) {
    /* ambiguous surname: the nearest antecedent wins only when it precedes this mention */
    if (c->e[part].last_pos <= pos) return part;
  }
  return -1;
}

static int new_entity(ctx *c, const char *core, int type) {
  went e;
  memset(&e, 0, sizeof e);
  e.type = (uint8_t)type;
  e.canon = core;
  rasd__name_parse(core, strlen(core), &e.nm);
  e.canon_ntok = e.nm.n;
  if (RASD__VEC_PUSH(c->e, c->n, c->cap, e) < 0) return -1;
  return (int)(c->n - 1);
}

static void attach(ctx *c, int k, const char *core, uint32_t pos) {
  went *e = &c->e[k];
  e->n_mentions++;
  if (pos >= e->last_pos) e->last_pos = pos;
  rasd__name nm;
  rasd__name_parse(core, strlen(core), &nm);
  /* the fullest form is the canonical one */
  if (nm.n > e->canon_ntok || (nm.n == e->canon_ntok && strlen(core) > strlen(e->canon) && e->n_mentions == 1)) {
    e->canon = core;
    e->canon_ntok = nm.n;
    e->nm = nm;
  }
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
static int catch_missed(ctx *c) {
  const rasd_tokens *tk = c->a->tokens;
  rasd_mention *extra = NULL;
  size_t nx = 0, capx = 0;
  int rc = RASD_OK;
  size_t ne = c->n;
  for (size_t i = 0; i < tk->n_tok; i++) {
    if (!tok_word_ok(c, i)) continue;
    rasd__ntok w;
    if (!tok_ntok(c, i, &w)) continue;
    int hit = -1, hits = 0;
    size_t hit_end = i + 1;
    for (size_t k = 0; k < ne; k++) {
      went *e = &c->e[k];
      if (!e->nm.n) continue;
      /* the full name, word by word */
      if (e->nm.n >= 2 && rasd__ntok_match(&w, &e->nm.tok[0])) {
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
      int last = rasd__ntok_match(&w, &e->nm.tok[e->nm.n - 1]);
      int first = e->nm.n >= 3 && rasd__ntok_match(&w, &e->nm.tok[0]);
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
    if (t->kind != RASD_TOK_WORD || !t->form) continue;
    if (strcmp(t->form, "السيد") && strcmp(t->form, "السيده") && strcmp(t->form, "السيدة")) continue;
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

int rasd__entities_link(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) {
  if (!a || !d || !d->text) return RASD_OK;
  ctx c;
  memset(&c, 0, sizeof c);
  c.m = m;
  c.d = d;
  c.a = a;
  c.ar = ar;
  int rc = RASD_ENOMEM;
  size_t ntok = a->tokens ? a->tokens->n_tok : 0;
  order *ord = NULL;
  c.covered = calloc(ntok + 1, 1);
  c.core = calloc(a->n_mentions + 1, sizeof *c.core);
  ord = calloc(a->n_mentions + 1, sizeof *ord);
  if (!c.covered || !c.core || !ord) goto done;
  /* 1. the core (titles and clitics off) of each mention */
  for (size_t i = 0; i < a->n_mentions; i++) {
    rasd_mention *mn = &a->mentions[i];
    mn->entity = -1;
    int span_ok = ntok && mn->tok_begin < mn->tok_end && mn->tok_end <= ntok;
    c.core[i] = span_ok ? core_text(&c, mn->tok_begin, mn->tok_end) : core_from_text(&c, mn->text);
    if (span_ok)
      for (size_t t = mn->tok_begin; t < mn->tok_end; t++) c.covered[t] = 1;
    rasd__name nm;
    ord[i].i = (uint32_t)i;
    ord[i].ntok = c.core[i] ? (uint32_t)rasd__name_parse(c.core[i], strlen(c.core[i]), &nm) : 0;
    ord[i].start = mn->start;
  }
  /* 2. fullest mentions first, so a surname finds the full name it belongs to */
  qsort(ord, a->n_mentions, sizeof *ord, cmp_order);
  for (size_t o = 0; o < a->n_mentions; o++) {
    size_t i = ord[o].i;
    rasd_mention *mn = &a->mentions[i];
    if (!c.core[i] || !ord[o].ntok) continue;
    int k = find_entity(&c, c.core[i], mn->type, mn->start, 1);
    if (k < 0 && (k = new_entity(&c, c.core[i], mn->type)) < 0) goto done;
    attach(&c, k, c.core[i], mn->start);
    mn->entity = k;
  }
  /* 3. what the tagger missed, then roles */
  if (ntok) {
    if ((rc = catch_missed(&c)) != RASD_OK) goto done;
    if ((rc = link_roles(&c)) != RASD_OK) goto done;
    rc = RASD_ENOMEM;
  }
  /* 4. the entities */
  if (c.n) {
    a->entities = rasd__arena_alloc(ar, c.n * sizeof *a->entities);
    if (!a->entities) goto done;
    a->n_entities = c.n;
    for (size_t k = 0; k < c.n; k++) {
      rasd_doc_entity *de = &a->entities[k];
      went *e = &c.e[k];
      de->type = e->type;
      de->canonical = (char *)e->canon;
      char *key = rasd_name_key(e->canon, strlen(e->canon));
      char *en = rasd_name_english(m, e->canon, strlen(e->canon), e->type, &de->en_translit);
      de->key = key ? rasd__arena_strdup(ar, key) : NULL;
      de->en = en && *en ? rasd__arena_strdup(ar, en) : NULL;
      free(key);
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
  return rc;
}
