/* quotes.c — who said what: direct quotations in “ ” « » " marks and indirect speech, with speaker, role and cue. */
#include <stdlib.h>
#include <string.h>
#include "extract/lexicon.h"

enum { CUE_NONE = 0, CUE_VERB, CUE_CONT, CUE_ADV, CUE_ACC, CUE_QAWL };
enum { T_END = 0, T_COMP, T_COLON, T_QUOTE };

typedef struct {
  int ok;
  uint32_t s, e;   /* speaker bytes */
  uint32_t rs, re; /* role bytes (re == 0: none) */
  uint32_t para;
} spk_t;

typedef struct {
  size_t ow, cw;   /* open and close mark words; cw = (size_t)-1 when unclosed */
  size_t wa, wb;   /* words inside */
  uint32_t ts, te; /* text bytes */
  int nwords;
  int owner;       /* index into cues, or -1 */
} cand_t;

typedef struct {
  spk_t spk;
  size_t w;        /* cue word */
  uint32_t cs, ce; /* cue text bytes */
  int kind;
} cue_t;

typedef struct {
  const rasd_doc *d;
  rasd_analysis *a;
  rasd__arena *ar;
  const rasd__qw *w;
  size_t n;
  cand_t *c;
  size_t nc;
  cue_t *cues;
  size_t ncues, capcues;
  rasd_quote *q;
  size_t nq, capq;
  spk_t prev;
  struct { uint64_t h; spk_t sp; } roles[32]; /* roles seen with a name */
  size_t nroles;
  int oom;
} qctx;

static int is_punct_(const rasd__qw *w, int32_t cp) { return w->kind == QW_PUNCT && w->cp == cp; }
static int is_comma_(const rasd__qw *w) { return w->kind == QW_PUNCT && (w->cp == 0x060C || w->cp == ','); }
static int is_clause_end_(const rasd__qw *w) {
  return w->kind == QW_PUNCT && (w->cp == '.' || w->cp == 0x061B || w->cp == ';' || w->cp == '!' || w->cp == '?' || w->cp == 0x061F);
}
static int is_qmark_(const rasd__qw *w) { return w->kind == QW_QOPEN || w->kind == QW_QCLOSE || w->kind == QW_QBOTH; }
static int is_content_(const rasd__qw *w) { return w->kind == QW_AR || w->kind == QW_LAT || w->kind == QW_NUM; }
static const char *pious_speaker(char *s);

/* 1 when the 'n' bytes at 'f' are one of the words of 'list' (NULL-terminated). */
static int form_in_(const char *f, size_t n, const char *const *list) {
  for (size_t j = 0; list[j]; j++) {
    size_t l = strlen(list[j]);
    if (n == l && !memcmp(f, list[j], l)) return 1;
  }
  return 0;
}

/* 1 when scanned word 'w' is an Arabic word whose matching form is one of 'list'. */
static int in_list_(const rasd__qw *w, const char *const *list) { return w->kind == QW_AR && form_in_(w->n, w->nlen, list); }
static int starts_al_(const rasd__qw *w) {
  if (w->kind != QW_AR || w->nlen < 6) return 0;
  const char *n = w->n;
  if (!memcmp(n, "ال", 4)) return 1;
  if (w->nlen >= 8 && (!memcmp(n, "لل", 4) || !memcmp(n, "بال", 6) || !memcmp(n, "وال", 6) || !memcmp(n, "كال", 6))) return 1;
  return 0;
}

static const rasd__lxent *lxw_(const rasd__qw *w, uint32_t mask, const char *pfx) {
  if (w->kind != QW_AR) return NULL;
  return rasd__lx_findp(w->n, w->nlen, mask, pfx, NULL, NULL);
}

/* ---------------------------------------------------------------- quote marks → candidate spans (linear) */

static int push_cand_(qctx *x, cand_t **arr, size_t *n, size_t *cap, cand_t c) {
  if (RASD__VEC_PUSH(*arr, *n, *cap, c) < 0) { x->oom = 1; return -1; }
  return 0;
}

static void finish_(qctx *x, cand_t *c, size_t last) {
  const rasd__qw *w = x->w;
  c->wa = c->ow + 1;
  c->wb = c->cw != (size_t)-1 ? c->cw : last + 1;
  if (c->wb < c->wa) c->wb = c->wa;
  c->ts = w[c->ow].e;
  c->te = c->wb > c->wa ? w[c->wb - 1].e : c->ts;
  if (c->cw != (size_t)-1) c->te = w[c->cw].s;
  c->nwords = 0;
  for (size_t k = c->wa; k < c->wb; k++) c->nwords += is_content_(&w[k]);
  c->owner = -1;
}

static cand_t *find_cands_(qctx *x, size_t *out_n) {
  const rasd__qw *w = x->w;
  size_t n = x->n, nc = 0, cap = 0;
  cand_t *arr = NULL;
  size_t open = (size_t)-1;
  int nest = 0; /* «…» opened inside the open quotation, written against the word before it (لـ«الجنايات») */
  for (size_t i = 0; i < n; i++) {
    if (open != (size_t)-1 && w[i].para != w[open].para) {
      cand_t c = {.ow = open, .cw = (size_t)-1};
      finish_(x, &c, i - 1);
      if (push_cand_(x, &arr, &nc, &cap, c) < 0) return NULL;
      open = (size_t)-1;
    }
    if (!is_qmark_(&w[i])) continue;
    int sp_before = (w[i].flags & QWF_SPACE) || i == 0 || w[i - 1].kind == QW_PUNCT;
    int sp_after = i + 1 >= n || (w[i + 1].flags & QWF_SPACE) || w[i + 1].para != w[i].para ||
                   (w[i + 1].kind == QW_PUNCT && w[i + 1].cp != '(');
    if (open == (size_t)-1) {
      if (w[i].kind == QW_QCLOSE && sp_after && w[i].cp != 0xBB) continue;
      if (sp_after && !(w[i].kind == QW_QOPEN)) continue;
      open = i;
      nest = 0;
      continue;
    }
    /* a name in «» inside the quotation (قال: «سنتوجه لـ«الجنايات الدولية» قريباً»): the inner marks are not the
     * quotation's; its own » closes it */
    if (w[i].cp == 0xAB && !sp_before && !sp_after && i > open + 1 && w[i].sent == w[open].sent) {
      nest++;
      continue;
    }
    if (nest && w[i].cp == 0xBB) {
      nest--;
      continue;
    }
    int opener = (w[i].cp == 0xAB) || (sp_before && !sp_after);
    if (opener && w[i].cp != 0xBB && !(w[i].kind == QW_QCLOSE && w[open].cp != 0x201D)) {
      /* a new opening mark while one is open: the earlier quote lacks its closing mark; it ends with the
         last sentence before the new one */
      size_t last = i - 1;
      size_t k = i;
      while (k > open + 1 && w[k - 1].sent == w[i].sent) k--;
      if (k > open + 1) last = k - 1;
      cand_t c = {.ow = open, .cw = (size_t)-1};
      finish_(x, &c, last);
      if (push_cand_(x, &arr, &nc, &cap, c) < 0) return NULL;
      open = i;
      continue;
    }
    cand_t c = {.ow = open, .cw = i};
    finish_(x, &c, i);
    if (push_cand_(x, &arr, &nc, &cap, c) < 0) return NULL;
    open = (size_t)-1;
  }
  if (open != (size_t)-1 && n) {
    cand_t c = {.ow = open, .cw = (size_t)-1};
    finish_(x, &c, n - 1);
    if (push_cand_(x, &arr, &nc, &cap, c) < 0) return NULL;
  }
  *out_n = nc;
  return arr;
}

/* ---------------------------------------------------------------- cues and speakers */

static int cue_kind_(const rasd__qw *w, size_t *skip) {
  *skip = 0;
  if (w->kind != QW_AR) return CUE_NONE;
  int cues = ((w->cls | w->clsp) & LX_CUES) != 0;
  if (!cues && w->nlen <= 10) return CUE_NONE;
  const rasd__lxent *e = cues ? rasd__lx_findp(w->n, w->nlen, LX_VERB | LX_NOTQ, "وف", NULL, skip) : NULL;
  if (e) {
    if ((e->cls & LX_NOTQ) || !(e->cls & LX_VERB)) return CUE_NONE;
    return (e->cls & LX_CONT) ? CUE_CONT : CUE_VERB;
  }
  /* a reporting verb run into the previous word: "موجزوقال" */
  if (w->nlen > 10) {
    static const char *const tails[] = {"وقال", "وقالت", NULL};
    for (int k = 0; tails[k]; k++) {
      size_t l = strlen(tails[k]);
      if (w->nlen > l + 4 && !memcmp(w->n + w->nlen - l, tails[k], l)) { *skip = w->nlen - l + 2; return CUE_VERB; }
    }
  }
  if (!cues) return CUE_NONE;
  if ((e = rasd__lx_findp(w->n, w->nlen, LX_ADV, "و", NULL, skip))) return CUE_ADV;
  if ((e = rasd__lx_findp(w->n, w->nlen, LX_ACC, "و", NULL, skip))) return CUE_ACC;
  if ((e = rasd__lx_findp(w->n, w->nlen, LX_QAWL, NULL, NULL, skip))) return CUE_QAWL;
  return CUE_NONE;
}

/* Present tense: يقول، تؤكد، ويشير (not past قال، أشارت). */
static int present_(const rasd__qw *w) {
  const char *n = w->n;
  size_t l = w->nlen;
  if (l > 4 && (!memcmp(n, "و", 2) || !memcmp(n, "ف", 2))) { n += 2; l -= 2; }
  if (l > 4 && !memcmp(n, "س", 2)) { n += 2; l -= 2; }
  if (l < 6) return 0;
  const rasd__lxent *e = rasd__lx_find(n, l, LX_VERB);
  if (!e) return 0;
  return !memcmp(n, "ي", 2) || !memcmp(n, "ت", 2) || !memcmp(n, "ن", 2);
}

typedef struct { size_t a, b; int kind; } seg_t;

/* Hash of the matching forms of words [a, b) (roles are remembered by it). */
static uint64_t role_hash_(const rasd__qw *w, size_t a, size_t b) {
  uint64_t h = 1469598103934665603ull;
  for (size_t k = a; k < b; k++) {
    if (w[k].kind != QW_AR) continue;
    for (size_t i = 0; i < w[k].nlen; i++) h = (h ^ (unsigned char)w[k].n[i]) * 1099511628211ull;
    h = (h ^ ' ') * 1099511628211ull;
  }
  return h;
}
enum { SG_ADVB = 1, SG_ROLE, SG_ROLEFIRST, SG_DEF, SG_NAME };

static int seg_kind_(const rasd__qw *w, size_t a, size_t b) {
  if (a >= b) return SG_ADVB;
  const rasd__qw *f = &w[a];
  if (is_qmark_(f)) return SG_NAME;
  if (f->kind != QW_AR) return f->kind == QW_LAT ? SG_NAME : SG_ADVB;
  if ((f->cls & (LX_PREP | LX_STOP | LX_DAYW | LX_WDAY))) return SG_ADVB;
  if (rasd__lx_is(f, "وذلك") || rasd__lx_is(f, "كما") || rasd__lx_is(f, "حيث") || rasd__lx_is(f, "ما") || rasd__lx_is(f, "لكن") ||
      rasd__lx_is(f, "بالاضافه") || rasd__lx_is(f, "خصوصا") || rasd__lx_is(f, "مثل"))
    return SG_ADVB;
  if (rasd__lx_is(f, "وهو") || rasd__lx_is(f, "وهي") || rasd__lx_is(f, "وهم") || rasd__lx_is(f, "وهما")) return SG_ROLE;
  if ((f->cls & (LX_ROLE))) return SG_ROLEFIRST;
  if (starts_al_(f)) return SG_DEF;
  return SG_NAME;
}

static int name_word_(const rasd__qw *w) {
  if (w->kind == QW_LAT) return 1;
  if (w->kind == QW_PUNCT && (w->cp == '.' || w->cp == '-')) return 1;
  if (w->kind != QW_AR || starts_al_(w)) return 0;
  if ((w->cls & (LX_ROLE | LX_PREP | LX_STOP | LX_COMP))) return 0;
  if (rasd__lx_is(w, "باسم")) return 0;
  size_t l = w->nlen;
  if (l >= 6 && (!memcmp(w->n + l - 6, "يون", 6) || !memcmp(w->n + l - 6, "يين", 6) || !memcmp(w->n + l - 4, "يه", 4))) return 0;
  return 1;
}

/* Cuts a subject segment at the first preposition or adverb after its first word. */
static size_t trim_seg_(const rasd__qw *w, size_t a, size_t b) {
  /* "كل من الولايات المتحدة وبريطانيا" keeps its من */
  size_t from = a + 1;
  if (a + 1 < b && (rasd__lx_is(&w[a], "كل") || rasd__lx_is(&w[a], "وكل")) && rasd__lx_is(&w[a + 1], "من")) from = a + 2;
  for (size_t k = from; k < b; k++) {
    if (w[k].kind == QW_AR && (w[k].cls & (LX_PREP | LX_STOP | LX_WDAY))) return k;
    if (w[k].kind == QW_PUNCT && w[k].cp == '(') return k;
  }
  return b;
}

static void set_span_(const rasd__qw *w, size_t a, size_t b, uint32_t *s, uint32_t *e) {
  while (a < b && (is_qmark_(&w[a]) || w[a].kind == QW_PUNCT)) a++;
  while (b > a && (is_qmark_(&w[b - 1]) || (w[b - 1].kind == QW_PUNCT && w[b - 1].cp != '.'))) b--;
  if (a >= b) { *s = *e = 0; return; }
  *s = w[a].s;
  *e = w[b - 1].e;
}

/* 1 when scanned word 'w' is a pronoun or a preposition with one (فيه، له، عنه، ذلك، بالقول), 2 when an honorific with
 * its pronoun (سموه، معاليه): it refers to someone named before and names no one itself; else 0. */
static size_t first_mention_(const rasd_analysis *a, uint32_t off);

static int pronoun_word_(const rasd__qw *w) {
  static const char *const PRON[] = {"فيه", "فيها", "فيهم", "له", "لها", "لهم", "لنا", "لي", "عنه", "عنها", "عنهم",
                                     "ذلك", "هذا", "هذه", "بالقول", "بقوله", "بقولها", "اسمه", "اسمها", "انه", "انها",
                                     "هو", "هي", "ايضا", "كذلك", "النظر", "الانتباه", NULL};
  static const char *const HON[] = {"سموه", "سموها", "معاليه", "معاليها", "فضيلته", "سماحته", "جلالته", "فخامته",
                                    "سعادته", "سيادته", "دولته", "حضرته", NULL};
  return in_list_(w, PRON) ? 1 : in_list_(w, HON) ? 2 : 0;
}

/* Parses the words after a cue (from k0): the subject (speaker and role) and what ends it. Returns the
 * terminator kind; '*term' gets its word. */
/* "وقال الوزير" (a role word with the article alone): the person the article named last after that role word without
 * the article or with it (وزير الخارجية عادل الجبير، الوزير عادل الجبير), looked for up to 1500 words back; 'sp' gets
 * the name's span and the role word as its role. Nothing when none is found. */
static void role_antecedent_(qctx *x, size_t sa, spk_t *sp) {
  const rasd__qw *w = x->w;
  const rasd_analysis *an = x->a;
  const char *r = w[sa].n + 4; /* the role word without ال */
  size_t rl = w[sa].nlen - 4;
  /* an anonymous source (المصدر، المسؤول) or a plural (المسؤولون، المراقبين) names no one in particular */
  static const char *const ANON[] = {"المصدر", "المصادر", "المسؤول", "المسئول", NULL};
  if (in_list_(&w[sa], ANON)) return;
  if (rl >= 6 && (!memcmp(r + rl - 4, "ون", 4) || !memcmp(r + rl - 4, "ين", 4))) return;
  for (size_t k = sa; k-- > 0 && sa - k < 1500;) {
    if (w[k].kind != QW_AR) continue;
    const char *f = w[k].n;
    size_t fl = w[k].nlen;
    if (fl > 2 && (!memcmp(f, "و", 2) || !memcmp(f, "ف", 2) || !memcmp(f, "ل", 2)) && fl - 2 >= rl) f += 2, fl -= 2;
    if (fl == rl + 4 && !memcmp(f, "ال", 4)) f += 4, fl -= 4;
    if (fl != rl || memcmp(f, r, rl)) continue;
    /* a person mention that begins within the six words after the role word */
    size_t i2 = first_mention_(an, w[k].e);
    for (; i2 < an->n_mentions && an->mentions[i2].start < w[sa].s; i2++) {
      const rasd_mention *m = &an->mentions[i2];
      size_t words = 0;
      for (size_t j = k + 1; j < sa && w[j].s < m->start; j++) words += is_content_(&w[j]);
      if (words > 6) break;
      if (m->type != RASD_ENT_PER) continue;
      sp->rs = w[sa].s;
      sp->re = w[sa].e;
      sp->s = m->start;
      sp->e = m->end;
      return;
    }
  }
}

/* 1 + the letters set aside when the words of 'raw' (rl bytes, as written) begin with the matching-form word 'norm'
 * (nl bytes), ال and a proclitic in front of it aside (وزارة، بوزارة، الهيئة، للهيئة for وزاره، هيئه; ة ى and the hamza
 * seats compared folded); 0 when they do not. */
static int begins_with_word_(const char *raw, size_t rl, const char *norm, size_t nl) {
  size_t i = 0, e = 0;
  while (e < rl && raw[e] != ' ') e++;
  for (int tries = 0; tries < 4; tries++) {
    size_t a = i, b = 0;
    int ok = 1;
    while (ok && a < e && b < nl) {
      int32_t c = rasd__utf8_next(raw, e, &a), d = rasd__utf8_next(norm, nl, &b);
      if (c == 0x0629) c = 0x0647;
      if (c == 0x0649) c = 0x064A;
      if (c == 0x0623 || c == 0x0625 || c == 0x0622) c = 0x0627;
      ok = c == d;
    }
    if (ok && a == e && b == nl) return tries + 1;
    /* one letter off the front (a proclitic, the ا of ال, then its ل) */
    if (i >= e) return 0;
    (void)rasd__utf8_next(raw, e, &i);
  }
  return 0;
}

/* The subject at scanned word 'sa' is a body's noun with the article (وأوضحت الوزارة، قالت الهيئة، وذكرت الشركة): the
 * body the article named last before it with that noun at its head (وزارة المالية, الهيئة العامة للسياحة) is the
 * speaker; 'sp' gets that mention's span, the word stays the role. Nothing when the article named none. */
static void body_antecedent_(qctx *x, size_t sa, spk_t *sp) {
  const rasd__qw *w = x->w;
  const rasd_analysis *an = x->a;
  const char *r = w[sa].n + 4;
  size_t rl = w[sa].nlen - 4;
  for (size_t i2 = first_mention_(an, w[sa].s); i2-- > 0;) {
    const rasd_mention *m = &an->mentions[i2];
    if (m->end > w[sa].s || m->type != RASD_ENT_ORG || !m->text) continue;
    if (!begins_with_word_(m->text, strlen(m->text), r, rl)) continue;
    sp->rs = w[sa].s;
    sp->re = w[sa].e;
    sp->s = m->start;
    sp->e = m->end;
    /* the name without the proclitic it has in its place (لصندوق النقد الدولي) */
    const char *mt = x->d->text + m->start;
    if (m->end - m->start > 2 + rl && (!memcmp(mt, "ل", 2) || !memcmp(mt, "ب", 2) || !memcmp(mt, "و", 2) || !memcmp(mt, "ف", 2)) &&
        memcmp(mt + 2, "ال", 4) && memcmp(mt + 2, "ل", 2) && begins_with_word_(mt + 2, m->end - m->start - 2, r, rl) == 1)
      sp->s = m->start + 2;
    return;
  }
}

/* 1 when scanned word 'w' begins a clause and never a speaker's name: a passive or modal verb (تم، يتم، يجب) or a
 * negation (لا، لم، لن). */
static int clause_start_(const rasd__qw *w) {
  static const char *const CS[] = {"تم", "تمت", "يتم", "سيتم", "جري", "يجري", "سيجري", "يجب", "ينبغي", "لا", "لم", "لن",
                                   "ليس", "ليست", "هناك", NULL};
  return in_list_(w, CS);
}

static int parse_subject_(qctx *x, size_t k0, uint32_t sent, spk_t *sp, size_t *term, int allow_end) {
  const rasd__qw *w = x->w;
  size_t n = x->n;
  seg_t segs[8];
  int ns = 0;
  size_t k = k0, segstart = k0;
  int tk = T_END;
  memset(sp, 0, sizeof *sp);
  if (k < n && w[k].kind == QW_AR && ((w[k].cls | w[k].clsp) & (LX_VERB | LX_ADV)) && !(w[k].cls & LX_NOTQ)) k0 = ++k, segstart = k;
  if (k > 0 && k < n && w[k].sent == sent && clause_start_(&w[k])) {
    /* "وأضاف تمت مناقشة آلية الحوافز": no subject, the said clause straight after the verb (as after أن) */
    *term = k - 1;
    return T_COMP;
  }
  for (int steps = 0; k < n && steps < 40; steps++) {
    const rasd__qw *c = &w[k];
    if (c->sent != sent && k > k0) break;
    if (c->sent != sent && k == k0 && c->para != w[k0 ? k0 - 1 : 0].para) break;
    if (is_qmark_(c)) {
      /* a quoted name ("بلومبرغ") or a name attached to a clitic (لـ"العربي الجديد") is part of the subject */
      int attached = !(c->flags & QWF_SPACE) && k > 0 && w[k - 1].kind == QW_AR;
      size_t j = k + 1, words = 0;
      while (j < n && j < k + 6 && !is_qmark_(&w[j]) && w[j].sent == c->sent) { words += is_content_(&w[j]); j++; }
      int closes = j < n && is_qmark_(&w[j]) && words >= 1 && words <= 3;
      int after_ok = closes && (j + 1 >= n || is_comma_(&w[j + 1]) || is_punct_(&w[j + 1], ':') ||
                                (w[j + 1].kind == QW_AR && (w[j + 1].cls & (LX_COMP))));
      int named = k > 0 && w[k - 1].kind == QW_AR && rasd__lx_findp(w[k - 1].n, w[k - 1].nlen, LX_WORK, "وبل", NULL, NULL);
      if (closes && (attached || after_ok || named || (ns > 0 && k > segstart))) { k = j + 1; continue; }
      tk = T_QUOTE;
      break;
    }
    if (is_punct_(c, ':')) { tk = T_COLON; break; }
    if (is_comma_(c)) {
      if (ns < 8) segs[ns++] = (seg_t){segstart, k, 0};
      segstart = k + 1;
      k++;
      continue;
    }
    if (c->kind == QW_PUNCT && c->cp == '.' && k > 0 && w[k - 1].kind == QW_AR && w[k - 1].nlen <= 2) { k++; continue; }
    if (is_clause_end_(c)) break;
    if (c->kind == QW_PUNCT && c->cp == '(') {
      size_t j = k + 1;
      while (j < n && j < k + 8 && !is_punct_(&w[j], ')')) j++;
      k = (j < n && is_punct_(&w[j], ')')) ? j + 1 : k + 1;
      continue;
    }
    if (c->kind == QW_AR && (c->cls & (LX_COMP))) { tk = T_COMP; break; }
    if (c->kind == QW_AR && k > k0 && rasd__lx_findp(c->n, c->nlen, LX_ADV | LX_VERB, "و", NULL, NULL) && !(c->cls & (LX_NOTQ))) break;
    k++;
  }
  *term = k;
  if (k > segstart && ns < 8) segs[ns++] = (seg_t){segstart, k, 0};
  if (tk == T_END && !allow_end) return T_END;
  /* classify segments */
  int first = -1;
  for (int i = 0; i < ns; i++) {
    segs[i].kind = seg_kind_(w, segs[i].a, segs[i].b);
    if (first < 0 && segs[i].kind != SG_ADVB) first = i;
  }
  if (first < 0) return tk;
  seg_t s0 = segs[first];
  int next = -1;
  for (int i = first + 1; i < ns; i++)
    if (segs[i].kind != SG_ADVB) { next = i; break; }
  size_t sa = s0.a, sb = s0.b, ra = 0, rb = 0;
  if (s0.kind == SG_ROLE) return tk;
  if (s0.kind == SG_ROLEFIRST) {
    /* "مستشار الأمن القومي الأمريكي جيك سوليفان": role words, then a name */
    size_t b = trim_seg_(w, s0.a, s0.b);
    size_t split = 0;
    /* a rank or title inside the phrase ("… العقيد سعيد الغامدي"): the name follows the last one */
    for (size_t q = b; q-- > s0.a + 1;) {
      if (w[q].kind == QW_AR && (w[q].cls & (LX_ROLE | LX_TITLE))) {
        if (q + 1 < b && b - (q + 1) <= 4) split = q + 1;
        break;
      }
    }
    /* else the longest run of name words that ends the phrase (not one governed by لـ: "موالٍ للرئيس هادي") */
    if (!split) {
      size_t q = b;
      while (q > s0.a + 1 && name_word_(&w[q - 1])) q--;
      int one_fem = q + 1 == b && w[q].nlen >= 4 && !memcmp(w[q].n + w[q].nlen - 2, "ه", 2);
      int gov = q > s0.a && w[q - 1].kind == QW_AR && w[q - 1].nlen >= 4 && !memcmp(w[q - 1].n, "ل", 2);
      if (q < b && w[q].kind != QW_PUNCT && !one_fem && !gov) split = q;
    }
    /* a person the NER found inside the phrase ("مشغل جهاز التحكم … توماس كراميرس") */
    if (!split && x->a->n_mentions) {
      for (size_t i2 = 0; i2 < x->a->n_mentions; i2++) {
        const rasd_mention *m = &x->a->mentions[i2];
        if (m->type != RASD_ENT_PER || m->start <= w[s0.a].s || m->end > w[s0.b - 1].e) continue;
        size_t q = s0.a;
        while (q < s0.b && w[q].s < m->start) q++;
        size_t r = q;
        while (r < s0.b && w[r].e <= m->end) r++;
        if (q < r && q > s0.a && !(w[q - 1].nlen >= 4 && !memcmp(w[q - 1].n, "ل", 2))) { split = q; b = r; }
      }
    }
    if (split) { sa = split; sb = b; ra = s0.a; rb = split; }
    else if (next == first + 1 && (segs[next].kind == SG_NAME || (w[segs[next].a].cls & LX_TITLE) ||
                                   (segs[next].kind == SG_ROLEFIRST && segs[next].b - segs[next].a <= 4))) {
      /* "رئيس القطاع الديني بوزارة الأوقاف، الشيخ محمد عبد الرازق،" */
      sa = segs[next].a; sb = trim_seg_(w, segs[next].a, segs[next].b);
      ra = s0.a; rb = s0.b;
    } else {
      sb = b;
      /* "قائد عسكري موالٍ للرئيس هادي": the phrase governed by لـ is not part of the speaker */
      for (size_t q = s0.a + 1; q < b; q++)
        if (w[q].kind == QW_AR && w[q].nlen >= 8 && !memcmp(w[q].n, "لل", 4)) { sb = q; break; }
      /* a role seen before with a name ("المتحدث باسم البيت الأبيض، جوش إرنست" … "وقال المتحدث باسم البيت الأبيض") */
      uint64_t h = role_hash_(w, s0.a, b);
      for (size_t r = 0; r < x->nroles; r++)
        if (x->roles[r].h == h) { *sp = x->roles[r].sp; return tk; }
    }
  } else {
    sb = trim_seg_(w, s0.a, s0.b);
    if (next >= 0 && next == first + 1 && (segs[next].kind == SG_ROLE || segs[next].kind == SG_ROLEFIRST || segs[next].kind == SG_DEF)) {
      ra = segs[next].a + (segs[next].kind == SG_ROLE ? 1 : 0);
      rb = segs[next].b;
    }
  }
  set_span_(w, sa, sb, &sp->s, &sp->e);
  if (sp->e <= sp->s) return tk;
  /* subjects are short: a long run is a clause, not a name */
  size_t nw = 0;
  for (size_t q = sa; q < sb; q++) nw += is_content_(&w[q]);
  if (nw > 9) return tk;
  /* a pronoun is no speaker (وقال فيه، قال له، أضاف بالقول): the one named before is, as with no subject; an honorific
   * with its pronoun (وقال سموه، أكد معاليه) is the person the article named last */
  int pw = nw == 1 && sb == sa + 1 && w[sa].kind == QW_AR ? pronoun_word_(&w[sa]) : 0;
  if (pw == 1) {
    sp->s = sp->e = 0;
    return tk;
  }
  if (!pw && nw == 1 && sb == sa + 1 && w[sa].kind == QW_AR && (w[sa].cls & (LX_ROLE | LX_TITLE)) && w[sa].nlen > 6 &&
      !memcmp(w[sa].n, "ال", 4))
    role_antecedent_(x, sa, sp);
  else if (!pw && nw == 1 && sb == sa + 1 && w[sa].kind == QW_AR && w[sa].nlen > 8 && !memcmp(w[sa].n, "ال", 4)) {
    static const char *const BODY[] = {"الوزاره", "الهيئه", "المديريه", "الاداره", "المؤسسه", "اللجنه", "الشركه",
                                       "الوكاله", "الجامعه", "المركز", "المجلس", "المنظمه", "الصندوق", "البلديه",
                                       "الامانه", "الجمعيه", "الغرفه", "المحكمه", "النيابه", "السفاره", "القنصليه", NULL};
    if (in_list_(&w[sa], BODY)) body_antecedent_(x, sa, sp);
  }
  if (pw == 2) {
    const rasd_analysis *an = x->a;
    for (size_t i2 = first_mention_(an, w[sa].s); i2-- > 0;)
      if (an->mentions[i2].type == RASD_ENT_PER && an->mentions[i2].end <= w[sa].s) {
        sp->s = an->mentions[i2].start;
        sp->e = an->mentions[i2].end;
        break;
      }
  }
  sp->ok = 1;
  sp->para = w[sa].para;
  if (rb > ra) {
    set_span_(w, ra, rb, &sp->rs, &sp->re);
    if (x->nroles < sizeof x->roles / sizeof x->roles[0]) {
      size_t rb2 = trim_seg_(w, ra, rb);
      x->roles[x->nroles].h = role_hash_(w, ra, rb2);
      x->roles[x->nroles++].sp = *sp;
    }
  }
  return tk;
}

/* Speaker after an "according to" cue: بحسب X، وفقاً لـ X، حسبما قال X، نقلاً عن X. */
static int speaker_mention_(const rasd_analysis *a, uint32_t s, uint32_t e);

/* 1 when words [a, b) name a source of news: a person or organisation the NER found, a role or medium noun (الناطق،
 * وكالة), or a word of SOURCE_W (مصادر، تقرير، بيان، شهود، استطلاع…). */
static int acc_source_(qctx *x, size_t a, size_t b) {
  static const char *const SOURCE_W[] = {"مصادر", "مصدر", "تقرير", "تقارير", "بيان", "بيانات", "احصاءات", "احصائيات",
                                         "استطلاع", "دراسه", "مسؤول", "مسؤولين", "مسؤولون", "مسئول", "مسئولين",
                                         "مسئولون", "شهود", "وسائل", "مواقع", "مرصد", "مراسل", "ناشطين", "ناشطون",
                                         "تقديرات", "ارقام", "تصريحات", "تصريح", "تلفزيون", "التلفزيون", "وكاله",
                                         "صحيفه", "شركه", "وزاره", "هيئه", "حكومه", "روايه", "وثائق", "سكان", "بعثه",
                                         "متحدث", "ناطق", "خبراء", "محللين", "محللون", "مجلس", "بنك", "سلطات", "شرطه", "جيش",
                                         "امن", "جهات", "وكالات", NULL};
  const rasd__qw *w = x->w;
  for (size_t k = a; k < b; k++) {
    if (w[k].kind != QW_AR) continue;
    /* a role or medium noun, or a reporting verb (وفقا لما ذكرته، لما أعلنه) */
    if ((w[k].cls | w[k].clsp) & (LX_ROLE | LX_WORK | LX_VERB | LX_CONT)) return 1;
    const char *f = w[k].n;
    size_t fl = w[k].nlen;
    if (fl > 6 && !memcmp(f, "لل", 4)) f += 4, fl -= 4;      /* للشركة */
    else if (fl > 6 && !memcmp(f, "ال", 4)) f += 4, fl -= 4; /* المرصد */
    else if (fl > 4 && !memcmp(f, "ل", 2)) f += 2, fl -= 2;  /* لمصدر */
    if (form_in_(f, fl, SOURCE_W)) return 1;
  }
  return speaker_mention_(x->a, w[a].s, w[b - 1].e) >= 0;
}

static void parse_acc_(qctx *x, size_t k, spk_t *sp) {
  const rasd__qw *w = x->w;
  const size_t k0 = k;
  memset(sp, 0, sizeof *sp);
  size_t n = x->n;
  uint32_t sent = k < n ? w[k].sent : 0;
  if (k < n && (rasd__lx_is(&w[k], "ما") || rasd__lx_is(&w[k], "عن") || rasd__lx_is(&w[k], "ل"))) {
    int ma = rasd__lx_is(&w[k], "ما");
    k++;
    if (ma && k < n && w[k].kind == QW_AR) k++;
  } else if (k > 0 && k < n && w[k - 1].kind == QW_AR && w[k - 1].nlen >= 8 &&
             !memcmp(w[k - 1].n + w[k - 1].nlen - 4, "ما", 4) && w[k].kind == QW_AR && !starts_al_(&w[k])) {
    k++; /* حسبما ذكرت X */
  }
  size_t a = k;
  while (k < n && k < a + 8 && w[k].sent == sent && (is_content_(&w[k]) || is_qmark_(&w[k]))) {
    if (k > a && w[k].kind == QW_AR && (w[k].cls & (LX_PREP | LX_COMP | LX_STOP))) break;
    k++;
  }
  if (k <= a) return;
  /* وفق "in accordance with" is attribution only when a source follows (وفقا لمصدر عسكري، وفق المرصد), not a rule or a
   * way (تتدرج وفقا لفئة المخيم، وفق أسلوب يجمع الأصالة والمعاصرة) */
  if (a > 0 && k0 > 0 && w[k0 - 1].kind == QW_AR && w[k0 - 1].nlen >= 6 && memmem(w[k0 - 1].n, w[k0 - 1].nlen, "وفق", 6) &&
      !acc_source_(x, a, k))
    return;
  set_span_(w, a, k, &sp->s, &sp->e);
  if (sp->e > sp->s) {
    /* "لوكالة رويترز" → "وكالة رويترز" */
    const char *t = x->d->text + sp->s;
    if (w[a].kind == QW_AR && w[a].nlen > 6 && !memcmp(w[a].n, "ل", 2) && !memcmp(t, "ل", 2) && !(w[a].cls & (LX_ROLE))) sp->s += 2;
    sp->ok = 1;
    sp->para = w[a].para;
  }
}

/* Speaker of "نقلت X عن مسؤول قوله": the words after the last عن before the cue. */
static void parse_qawl_(qctx *x, size_t i, spk_t *sp) {
  const rasd__qw *w = x->w;
  memset(sp, 0, sizeof *sp);
  size_t k = i;
  while (k > 0 && i - k < 15 && w[k - 1].sent == w[i].sent) {
    k--;
    if (rasd__lx_is(&w[k], "عن")) {
      size_t a = k + 1, b = trim_seg_(w, a, i);
      set_span_(w, a, b, &sp->s, &sp->e);
      if (sp->e > sp->s) { sp->ok = 1; sp->para = w[a].para; }
      return;
    }
  }
}

/* The first person the NER found earlier in the sentence of word i: the subject of a verb without one
 * ("كانت جان جونسون … عندما شاهدت الحية وقالت: …"). Looks back at most 60 words. */
/* The index of the first of a's mentions (sorted by start) that starts at or after byte 'off'. */
static size_t first_mention_(const rasd_analysis *a, uint32_t off) {
  size_t lo = 0, hi = a->n_mentions;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (a->mentions[mid].start < off) lo = mid + 1; else hi = mid;
  }
  return lo;
}

static void sentence_person_(qctx *x, size_t i, spk_t *sp) {
  const rasd__qw *w = x->w;
  const rasd_analysis *a = x->a;
  if (!a->n_mentions || i == 0) return;
  size_t k = i, steps = 0;
  while (k > 0 && w[k - 1].sent == w[i].sent && steps < 60) { k--; steps++; }
  if (k == i || i - k < 2) return;
  uint32_t from = w[k].s, to = w[i].s;
  for (size_t m = first_mention_(a, from); m < a->n_mentions && a->mentions[m].start < to; m++) {
    if (a->mentions[m].type != RASD_ENT_PER || a->mentions[m].end > to) continue;
    memset(sp, 0, sizeof *sp);
    sp->ok = 1;
    sp->s = a->mentions[m].start;
    sp->e = a->mentions[m].end;
    sp->para = w[i].para;
    return;
  }
}

/* A past-tense reporting verb at w[i] with no reported clause ("وأكد فاضل ابريه المشرف على المسابقة أهمية المتاحف"):
 * a person named right after it is the one a following "مشيرا إلى أن" continues, so x->prev becomes that person.
 * The parsed subject when it begins with a person within six words of the verb and no comma; else the first person
 * named within six words before any punctuation or preposition (a title or role may come first: "وأكد نائب رئيس
 * الجمهورية إياد علاوي أهمية…"). */
static int mention_in_(const rasd_analysis *a, uint32_t s, uint32_t e, int *type);

static void named_after_verb_(qctx *x, size_t i) {
  const rasd__qw *w = x->w;
  const rasd_analysis *a = x->a;
  size_t n = x->n, words = 0, term, nroles = x->nroles;
  spk_t s2;
  parse_subject_(x, i + 1, w[i].sent, &s2, &term, 1);
  int mt = 0, mi = s2.ok ? mention_in_(a, s2.s, s2.e, &mt) : -1;
  if (mi >= 0 && mt == RASD_ENT_PER && a->mentions[mi].start == s2.s)
    for (size_t k = i + 1; k < n && words <= 6 && !is_comma_(&w[k]) && w[k].sent == w[i].sent; k++) {
      if (w[k].s >= s2.s) {
        if (w[k].s == s2.s) { x->prev = s2; return; }
        break;
      }
      words += is_content_(&w[k]);
    }
  x->nroles = nroles; /* nor does a role read there name anyone */
  words = 0;
  size_t m = first_mention_(a, w[i].e);
  for (size_t k = i + 1; k < n && words <= 6 && w[k].sent == w[i].sent; k++) {
    if (w[k].kind != QW_AR && w[k].kind != QW_LAT) break;
    while (m < a->n_mentions && a->mentions[m].start < w[k].s) m++;
    if (m < a->n_mentions && a->mentions[m].start < w[k].e && a->mentions[m].type == RASD_ENT_PER) {
      x->prev = (spk_t){.ok = 1, .s = a->mentions[m].start, .e = a->mentions[m].end, .para = w[k].para};
      return;
    }
    if (w[k].kind == QW_AR && (w[k].cls & LX_PREP)) return;
    words++;
  }
}

/* ---------------------------------------------------------------- output */

static int mention_in_(const rasd_analysis *a, uint32_t s, uint32_t e, int *type) {
  int best = -1;
  for (size_t i = 0; i < a->n_mentions; i++) {
    const rasd_mention *m = &a->mentions[i];
    if (m->end <= s || m->start >= e) continue;
    if (m->start < s || m->end > e) continue;
    int rank = m->type == RASD_ENT_PER ? 3 : m->type == RASD_ENT_ORG ? 2 : 1;
    int brank = best < 0 ? 0 : a->mentions[best].type == RASD_ENT_PER ? 3 : a->mentions[best].type == RASD_ENT_ORG ? 2 : 1;
    if (rank > brank) best = (int)i;
  }
  if (best >= 0 && type) *type = a->mentions[best].type;
  return best;
}

/* Mentions sorted by start: binary search the first that may overlap. */
static int speaker_mention_(const rasd_analysis *a, uint32_t s, uint32_t e) {
  if (!a->n_mentions) return -1;
  size_t lo = first_mention_(a, s);
  size_t from = lo > 4 ? lo - 4 : 0;
  for (size_t i = from; i < a->n_mentions && a->mentions[i].start < e; i++) {
    rasd_analysis sub = *a;
    sub.mentions = (rasd_mention *)&a->mentions[i];
    sub.n_mentions = 1;
    int t;
    if (mention_in_(&sub, s, e, &t) == 0 && (t == RASD_ENT_PER || t == RASD_ENT_ORG)) return (int)i;
  }
  return -1;
}

static int emit_(qctx *x, const spk_t *sp, const cue_t *cue, int direct, uint32_t ts, uint32_t te) {
  const char *t = x->d->text;
  /* trim spaces and dangling punctuation */
  while (ts < te && (t[ts] == ' ' || t[ts] == '\t' || t[ts] == '\n')) ts++;
  while (te > ts && (t[te - 1] == ' ' || t[te - 1] == '\t' || t[te - 1] == '\n' || t[te - 1] == ':' || t[te - 1] == ',')) te--;
  if (te > ts + 1 && (unsigned char)t[te - 2] == 0xD8 && (unsigned char)t[te - 1] == 0x8C) te -= 2; /* "،" */
  if (te <= ts) return 0;
  if (x->nq == x->capq) {
    size_t nc = x->capq ? x->capq * 2 : 16;
    rasd_quote *q = rasd__arena_alloc(x->ar, nc * sizeof *q);
    if (!q) { x->oom = 1; return -1; }
    if (x->nq) memcpy(q, x->q, x->nq * sizeof *q);
    x->q = q;
    x->capq = nc;
  }
  rasd_quote *q = &x->q[x->nq++];
  memset(q, 0, sizeof *q);
  q->speaker_entity = -1;
  q->direct = direct;
  q->start = ts;
  q->end = te;
  q->text = rasd__arena_strndup(x->ar, t + ts, te - ts);
  if (cue) q->cue = rasd__arena_strndup(x->ar, t + cue->cs, cue->ce - cue->cs);
  if (sp && sp->ok) {
    uint32_t s = sp->s, e = sp->e, rs = sp->rs, re = sp->re;
    int mi = speaker_mention_(x->a, s, e);
    /* a role noun, a body inside its phrase, then a person (وكيل وزارة المالية للسياسات المالية عبدالعزيز الرشيد): the
     * person, as when the person comes first (not عائلة زعيم طالبان… محمد عمر: the family speaks) */
    if (mi >= 0 && x->a->mentions[mi].type != RASD_ENT_PER && !(x->a->mentions[mi].start <= s + 1 && x->a->mentions[mi].end + 1 >= e)) {
      uint32_t we = s;
      while (we < e && t[we] != ' ') we++;
      char buf[64];
      size_t bl = we - s < sizeof buf - 1 ? rasd__lx_norm(t + s, we - s, buf) : 0;
      /* a role word first, or any noun straight before the body (وكيل وزارة الصحة: the body's officer) */
      if ((bl && rasd__lx_find(buf, bl, LX_ROLE)) || x->a->mentions[mi].start == we + 1)
        for (size_t i = (size_t)mi + 1; i < x->a->n_mentions && x->a->mentions[i].start < e; i++)
          if (x->a->mentions[i].type == RASD_ENT_PER && x->a->mentions[i].end <= e) { mi = (int)i; break; }
    }
    if (mi >= 0 && x->a->mentions[mi].start > s) {
      /* a name governed by لـ ("موالٍ للرئيس هادي") is not the speaker */
      uint32_t p = x->a->mentions[mi].start;
      while (p > s && t[p - 1] == ' ') p--;
      uint32_t ws = p;
      while (ws > s && t[ws - 1] != ' ') ws--;
      if (p - ws >= 4 && (unsigned char)t[ws] == 0xD9 && (unsigned char)t[ws + 1] == 0x84) mi = -1;
    }
    if (mi >= 0) {
      const rasd_mention *m = &x->a->mentions[mi];
      int whole = m->start <= s + 1 && m->end + 1 >= e;
      /* only a person inside a longer phrase is its speaker ("متحدث باسم الكرملين" stays whole) */
      if (whole || m->type == RASD_ENT_PER) q->speaker_entity = m->entity;
      if (!whole && m->type == RASD_ENT_PER) {
        /* a long speaker phrase with a name inside: the name is the speaker, the rest its role;
           an honorific before the name (السيد، الدكتور) is kept as written */
        char buf[64];
        uint32_t pe = m->start;
        while (pe > s && t[pe - 1] == ' ') pe--;
        size_t bl = pe - s < sizeof buf - 1 ? rasd__lx_norm(t + s, pe - s, buf) : 0;
        int title = bl && rasd__lx_find(buf, bl, LX_TITLE);
        if (!title) {
          if (re <= rs && m->start > s + 1) { rs = s; re = pe; }
          s = m->start;
          e = m->end;
        }
      }
    }
    {
      /* the speaker as written, without quotation marks (ورجحت "بلومبرغ") */
      char *o = rasd__arena_alloc(x->ar, e - s + 1);
      size_t k = 0;
      for (uint32_t i = s; o && i < e;) {
        size_t j = i;
        int32_t cp = rasd__utf8_next(t, e, &j);
        if (!(cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB || cp == 0x2033)) { memcpy(o + k, t + i, j - i); k += j - i; }
        i = (uint32_t)j;
      }
      while (o && k && o[k - 1] == ' ') k--;
      if (o) o[k] = 0;
      const char *ps = o ? pious_speaker(o) : NULL;
      q->speaker = ps == o ? o : rasd__arena_strdup(x->ar, ps);
    }
    if (re > rs) q->speaker_role = rasd__arena_strndup(x->ar, t + rs, re - rs);
    if (!q->speaker) x->oom = 1;
  }
  if (!q->text || (cue && !q->cue)) x->oom = 1;
  return x->oom ? -1 : 0;
}

/* Speaker 's' (NUL-terminated, changed in place) named by a formula of praise, as the Quran and the hadith are quoted:
 * God for تعالى، عز وجل، سبحانه وتعالى، الله تعالى (قال تعالى: "…"); the Prophet's eulogy صلى الله عليه وسلم off the
 * end (رسول الله صلى الله عليه وسلم → رسول الله), النبي when it is all. Returns 's', or a static string. */
static const char *pious_speaker(char *s) {
  static const char *const GOD[] = {"تعالي", "عز وجل", "سبحانه وتعالي", "سبحانه", "جل جلاله", "جل وعلا", "الله تعالي",
                                    "الله عز وجل", "الله سبحانه وتعالي", "المولي عز وجل", "الحق تبارك وتعالي",
                                    "الله تبارك وتعالي", "تبارك وتعالي", NULL};
  static const char EULOGY[] = "صلى الله عليه وسلم";
  size_t n = strlen(s);
  char f[96];
  if (n < sizeof f / 2) {
    size_t fl = rasd__lx_norm(s, n, f);
    f[fl] = 0;
    for (int k = 0; GOD[k]; k++)
      if (!strcmp(f, GOD[k])) return "الله";
  }
  size_t el = sizeof EULOGY - 1;
  if (n >= el && !memcmp(s + n - el, EULOGY, el)) {
    n -= el;
    while (n && s[n - 1] == ' ') n--;
    if (!n) return "النبي";
    s[n] = 0;
  }
  return s;
}

/* The word after which a clause ends (sentence end, ؛, or ", مشيراً"), starting at k. */
static size_t clause_end_(qctx *x, size_t k, uint32_t sent, size_t limit) {
  const rasd__qw *w = x->w;
  size_t n = x->n, i = k;
  for (; i < n && i < k + limit; i++) {
    if (w[i].sent != sent) break;
    if (w[i].kind == QW_PUNCT && (w[i].cp == 0x061B || w[i].cp == ';')) break;
    if (is_comma_(&w[i]) && i + 1 < n) {
      size_t sk;
      int ck = cue_kind_(&w[i + 1], &sk);
      if (ck == CUE_ADV || ck == CUE_ACC) break;
    }
  }
  return i;
}

int rasd__quotes_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) {
  (void)m;
  const rasd__qscan *sc = rasd__qscan_get(d, a, ar);
  if (!sc) return RASD_ENOMEM;
  qctx x = {.d = d, .a = a, .ar = ar, .w = sc->w, .n = sc->n};
  const rasd__qw *w = sc->w;
  size_t n = sc->n;
  x.c = find_cands_(&x, &x.nc);
  if (x.oom) { free(x.c); return RASD_ENOMEM; }
  size_t qi = 0, inside_until = 0;
  for (size_t i = 0; i < n && !x.oom; i++) {
    /* ---- a quotation candidate opens here */
    while (qi < x.nc && x.c[qi].ow < i) qi++;
    if (qi < x.nc && x.c[qi].ow == i) {
      cand_t *c = &x.c[qi];
      size_t endw = c->cw != (size_t)-1 ? c->cw : (c->wb ? c->wb - 1 : c->ow);
      if (c->nwords >= 3 && endw > inside_until) inside_until = endw;
      int ok = 0;
      spk_t sp = {0};
      const cue_t *cue = NULL;
      int attached = !(w[i].flags & QWF_SPACE) && i > 0 && (w[i - 1].kind == QW_AR || w[i - 1].kind == QW_LAT);
      int work = i > 0 && lxw_(&w[i - 1], LX_WORK, "وبل") != NULL;
      int arabic = 0;
      for (size_t k = c->wa; k < c->wb && !arabic; k++) arabic = w[k].kind == QW_AR;
      if (!attached && !work && arabic && c->nwords >= 1) {
        if (c->owner >= 0) {
          cue = &x.cues[c->owner];
          sp = cue->spk;
          ok = c->nwords >= 2 || is_punct_(&w[i > 0 ? i - 1 : 0], ':');
        } else if (c->nwords >= 3) {
          int prep_before = i > 0 && w[i - 1].kind == QW_AR && (w[i - 1].cls & (LX_PREP));
          /* attribution after the quote: "…"، قال X */
          if (c->cw != (size_t)-1 && !prep_before) {
            size_t k = c->cw + 1;
            if (k < n && (is_comma_(&w[k]) || is_punct_(&w[k], '-'))) k++;
            size_t sk;
            int ck = k < n && w[k].sent == w[c->cw].sent ? cue_kind_(&w[k], &sk) : CUE_NONE;
            if (ck == CUE_VERB || ck == CUE_CONT) {
              size_t term;
              parse_subject_(&x, k + 1, w[k].sent, &sp, &term, 1);
              if (!sp.ok && x.prev.ok) sp = x.prev;
              ok = sp.ok;
            } else if (ck == CUE_ACC) {
              parse_acc_(&x, k + 1, &sp);
              ok = sp.ok;
            }
          }
          /* an unclosed quotation followed by "تقول X:" in the same paragraph */
          if (!ok && c->cw == (size_t)-1) {
            for (size_t k = c->wb; k < n && k < c->wb + 4 && w[k].para == w[i].para && !ok; k++) {
              size_t sk;
              int ck = cue_kind_(&w[k], &sk);
              if (ck != CUE_VERB && ck != CUE_CONT) continue;
              size_t term;
              spk_t s2;
              int t2 = parse_subject_(&x, k + 1, w[k].sent, &s2, &term, 0);
              if ((t2 == T_COLON || t2 == T_QUOTE) && s2.ok) { sp = s2; ok = 1; }
            }
          }
          /* a paragraph that is only a quotation continues the previous speaker */
          if (!ok && (w[i].flags & QWF_PARA) && x.prev.ok && w[i].para <= x.prev.para + 4) {
            sp = x.prev;
            ok = 1;
          }
        }
      }
      if (ok) {
        if (emit_(&x, sp.ok ? &sp : NULL, cue, 1, c->ts, c->te) < 0) break;
        if (sp.ok) { x.prev = sp; x.prev.para = w[c->wb > c->wa ? c->wb - 1 : i].para; }
      }
      continue;
    }
    if (i < inside_until) continue;
    /* ---- a reporting cue */
    size_t skip;
    int ck = cue_kind_(&w[i], &skip);
    if (ck == CUE_NONE) continue;
    cue_t cue = {.w = i, .kind = ck, .cs = w[i].s, .ce = w[i].e};
    if (skip) {
      /* the surface of a stripped proclitic is the same two bytes, plus any marks */
      size_t p = w[i].s + 2;
      if (ck == CUE_VERB && skip > 2 && w[i].nlen > 10) p = w[i].e - (w[i].nlen - skip);
      while (p < w[i].e) {
        size_t q = p;
        int32_t cp = rasd__utf8_next(d->text, w[i].e, &q);
        if (!rasd__is_arabic_mark(cp)) break;
        p = q;
      }
      cue.cs = (uint32_t)p;
    }
    size_t term = i + 1;
    int tk = T_END;
    spk_t sp = {0};
    if (ck == CUE_VERB || ck == CUE_CONT) {
      if (i > 0 && (rasd__lx_is(&w[i - 1], "التي") || rasd__lx_is(&w[i - 1], "الذي") || rasd__lx_is(&w[i - 1], "الذين") ||
                    rasd__lx_is(&w[i - 1], "اللذين") || rasd__lx_is(&w[i - 1], "اللتين") || rasd__lx_is(&w[i - 1], "مما") ||
                    rasd__lx_is(&w[i - 1], "ما")))
        continue;
      if (i > 0 && ((w[i - 1].cls & LX_COMP) || rasd__lx_is(&w[i - 1], "لن") || rasd__lx_is(&w[i - 1], "لم") ||
                    rasd__lx_is(&w[i - 1], "كي") || rasd__lx_is(&w[i - 1], "لكي")))
        continue;
      tk = parse_subject_(&x, i + 1, w[i].sent, &sp, &term, 0);
      if (tk == T_QUOTE && !sp.ok) {
        /* وقال «إي إس بي إن» إن…: a short quoted name between the verb and a complementizer is the speaker */
        size_t qo = qi;
        while (qo < x.nc && x.c[qo].ow < term) qo++;
        const cand_t *c = qo < x.nc && x.c[qo].ow == term ? &x.c[qo] : NULL;
        size_t k = c && c->cw != (size_t)-1 ? c->cw + 1 : n;
        if (c && c->nwords >= 1 && c->nwords <= 5 && k < n && w[k].sent == w[term].sent && w[k].kind == QW_AR &&
            (w[k].cls & LX_COMP)) {
          set_span_(w, c->wa, c->wb, &sp.s, &sp.e);
          if (sp.e > sp.s) {
            sp.ok = 1;
            sp.para = w[c->wa].para;
            tk = T_COMP;
            term = k;
          }
        }
      }
      if (tk == T_END) {
        /* "وأكد فاضل ابريه المشرف على المسابقة أهمية المتاحف" reports no clause, but a named person who spoke is the
           one a following "مشيرا إلى أن" continues */
        if (ck == CUE_VERB && !present_(&w[i])) named_after_verb_(&x, i);
        continue;
      }
      if (!sp.ok && ck == CUE_VERB) sentence_person_(&x, i, &sp);
      if (!sp.ok && i > 2 && (rasd__lx_is(&w[i - 1], "قد") || rasd__lx_is(&w[i - 1], "وقد"))) {
        /* "وكان المركز الوطني قد حذر": the subject sits between كان and قد */
        for (size_t k = i - 1; k-- > 0 && i - k < 10 && w[k].sent == w[i].sent;) {
          if (rasd__lx_is(&w[k], "كان") || rasd__lx_is(&w[k], "وكان") || rasd__lx_is(&w[k], "كانت") || rasd__lx_is(&w[k], "وكانت")) {
            if (k + 1 < i - 1) {
              set_span_(w, k + 1, trim_seg_(w, k + 1, i - 1), &sp.s, &sp.e);
              if (sp.e > sp.s) { sp.ok = 1; sp.para = w[k + 1].para; }
            }
            break;
          }
        }
      }
      if (!sp.ok) {
        /* a present-tense verb without a subject is rarely a report of the previous speaker */
        if (ck == CUE_VERB && present_(&w[i])) continue;
        sp = x.prev;
      }
    } else if (ck == CUE_ADV) {
      sp = x.prev;
      size_t k = i + 1;
      if (k < n && is_punct_(&w[k], ':')) { tk = T_COLON; term = k; }
      else if (k < n && w[k].kind == QW_AR && (w[k].cls & (LX_COMP))) { tk = T_COMP; term = k; }
      else if (k + 1 < n && (rasd__lx_is(&w[k], "الي") || rasd__lx_is(&w[k], "في")) && w[k + 1].kind == QW_AR && (w[k + 1].cls & (LX_COMP))) { tk = T_COMP; term = k + 1; }
      else if (k < n && is_qmark_(&w[k])) { tk = T_QUOTE; term = k; }
      else continue;
    } else if (ck == CUE_ACC) {
      parse_acc_(&x, i + 1, &sp);
      if (sp.ok) {
        x.prev = sp;
        /* "<statement>، حسبما قال مسؤول في الشركة": the clause before the comma, when it holds no quotation */
        if (i > 1 && is_comma_(&w[i - 1])) {
          size_t k = i - 1, words = 0;
          int marks = 0;
          while (k > 0 && w[k - 1].sent == w[i].sent && i - k < 80 && !(w[k - 1].kind == QW_PUNCT && (w[k - 1].cp == 0x061B || w[k - 1].cp == ';'))) {
            k--;
            marks |= is_qmark_(&w[k]);
            words += is_content_(&w[k]);
            if (w[k].kind == QW_AR && ((w[k].cls | w[k].clsp) & (LX_VERB | LX_ADV)) && !(w[k].cls & LX_NOTQ)) marks = 1;
          }
          if (!marks && words >= 5 && k >= inside_until) {
            cue_t acc = cue;
            acc.spk = sp;
            if (RASD__VEC_PUSH(x.cues, x.ncues, x.capcues, acc) < 0) { x.oom = 1; break; }
            if (emit_(&x, &sp, &x.cues[x.ncues - 1], 0, w[k].s, w[i - 2].e) < 0) break;
          }
        }
      }
      continue;
    } else if (ck == CUE_QAWL) {
      parse_qawl_(&x, i, &sp);
      size_t k = i + 1;
      if (k < n && is_punct_(&w[k], ':')) { tk = T_COLON; term = k; }
      else if (k < n && is_qmark_(&w[k])) { tk = T_QUOTE; term = k; }
      else continue;
    }
    cue.spk = sp;
    if (RASD__VEC_PUSH(x.cues, x.ncues, x.capcues, cue) < 0) { x.oom = 1; break; }
    int ci = (int)x.ncues - 1;
    if (sp.ok) x.prev = sp;
    size_t c0 = tk == T_QUOTE ? term : term + 1;
    if (c0 >= n) continue;
    uint32_t sent = w[term].sent;
    size_t cend = clause_end_(&x, c0, sent, 120);
    /* does a quotation open in this clause? */
    int owned = 0;
    size_t qo = qi;
    while (qo < x.nc && x.c[qo].ow < c0) qo++;
    if (qo < x.nc && x.c[qo].ow >= c0 && x.c[qo].ow < cend) {
      cand_t *c = &x.c[qo];
      size_t gap = 0;
      int blocked = 0;
      for (size_t k = c0; k < c->ow; k++) {
        gap += is_content_(&w[k]);
        size_t sk;
        int k2 = cue_kind_(&w[k], &sk);
        if (k2 == CUE_VERB || k2 == CUE_ADV || k2 == CUE_CONT) blocked = 1;
      }
      size_t after = c->cw != (size_t)-1 ? c->cw + 1 : c->wb;
      int ends = after >= n || w[after].sent != w[c->ow].sent || w[after].kind == QW_PUNCT || w[after].para != w[c->ow].para;
      if (tk == T_QUOTE && c->nwords < 3) blocked = 1; /* "أكدا أهمية «إعلان القاهرة»" */
      if (!blocked && (c->nwords >= 4 || (gap <= 4 && ends) || (gap == 0 && c->nwords >= 2))) {
        c->owner = ci;
        owned = gap == 0 ? 1 : 2; /* 2: the quotation is part of a reported clause, which is reported too */
      }
    }
    if (owned != 1 && (tk == T_COMP || tk == T_COLON) && sp.ok) {
      /* indirect speech: the clause after the complementizer */
      size_t words = 0;
      for (size_t k = c0; k < cend; k++) words += is_content_(&w[k]);
      if (words >= 3 && cend > c0) {
        size_t last = cend - 1;
        while (last > c0 && w[last].kind == QW_PUNCT) last--;
        if (emit_(&x, &sp, &x.cues[ci], 0, w[c0].s, w[last].e) < 0) break;
        x.q[x.nq - 1].direct = 0;
      }
    }
  }
  free(x.c);
  free(x.cues);
  if (x.oom) return RASD_ENOMEM;
  a->quotes = x.q;
  a->n_quotes = x.nq;
  return RASD_OK;
}
