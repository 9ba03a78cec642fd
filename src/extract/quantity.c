/* quantity.c — numbers with their units ("700 ميل", "26 مليون نسمة", "21%", "ثلاثة آلاف") in Arabic text. */
#include <stdlib.h>
#include <string.h>
#include "extract/lexicon.h"

/* Parses a digit word's matching form: "1,200", "3.5", "3٫5", "1٬200". Returns -1 for none. */
static double parse_num_(const char *s, size_t n) {
  double v = 0, frac = 0, scale = 1;
  int in_frac = 0, digits = 0;
  /* thousands separators: ',' or '٬' followed by exactly three digits */
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (c >= '0' && c <= '9') {
      if (in_frac) { scale /= 10; frac += (c - '0') * scale; }
      else v = v * 10 + (c - '0');
      digits++;
      i++;
      continue;
    }
    size_t sl = 1;
    int dec = 0, thou = 0;
    if (c == '.') dec = 1;
    else if (c == ',') thou = 1;
    else if (c == 0xD9 && i + 1 < n && (unsigned char)s[i + 1] == 0xAB) { dec = 1; sl = 2; }
    else if (c == 0xD9 && i + 1 < n && (unsigned char)s[i + 1] == 0xAC) { thou = 1; sl = 2; }
    else return -1;
    if (thou) {
      size_t k = i + sl, d = 0;
      while (k < n && s[k] >= '0' && s[k] <= '9') { k++; d++; }
      if (d == 3 && !in_frac) { i += sl; continue; }
      dec = 1;
    }
    if (dec) { if (in_frac) return -1; in_frac = 1; }
    i += sl;
  }
  return digits ? v + frac : -1;
}

/* "7ر1": ر as the decimal sign, as some outlets set decimals, their two sides in reverse order (7ر1 مليون برميل is
 * 1.7 million, 2ر52 دولار is 52.2): the value with the sides put back; -1 when 's' is not one such number. */
static double parse_ra_(const char *s, size_t n) {
  const char *r = NULL;
  for (size_t i = 0; i + 1 < n; i++)
    if ((unsigned char)s[i] == 0xD8 && (unsigned char)s[i + 1] == 0xB1) {
      if (r) return -1; /* 1ر625ر34: more than one, no reading is sure */
      r = s + i;
    }
  if (!r || r == s || r + 2 >= s + n) return -1;
  char buf[64];
  size_t a = (size_t)(r - s), b = n - a - 2;
  if (a + b + 2 > sizeof buf) return -1;
  memcpy(buf, r + 2, b);
  buf[b] = '.';
  memcpy(buf + b + 1, s, a);
  return parse_num_(buf, a + b + 1);
}

static char *strip_marks_(rasd__arena *ar, const char *s, size_t n) {
  char *o = rasd__arena_alloc(ar, n + 1);
  if (!o) return NULL;
  size_t i = 0, k = 0;
  while (i < n) {
    size_t st = i;
    int32_t c = rasd__utf8_next(s, n, &i);
    if (c < 0 || rasd__is_arabic_mark(c) || (c >= 0x200B && c <= 0x200F)) continue;
    memcpy(o + k, s + st, i - st);
    k += i - st;
  }
  o[k] = 0;
  return o;
}

typedef struct {
  rasd_quantity *q;
  size_t n, cap;
} qvec;

static int push_(rasd__arena *ar, qvec *v, rasd_quantity q) {
  if (v->n == v->cap) {
    size_t nc = v->cap ? v->cap * 2 : 16;
    rasd_quantity *t = rasd__arena_alloc(ar, nc * sizeof *t);
    if (!t) return -1;
    if (v->n) memcpy(t, v->q, v->n * sizeof *t);
    v->q = t;
    v->cap = nc;
  }
  v->q[v->n++] = q;
  return 0;
}

static int unit_ok_(const rasd__qw *w) {
  /* an indefinite counted noun: Arabic, not a function word or a definite noun */
  if (w->kind != QW_AR || w->nlen < 4) return 0;
  if (!memcmp(w->n, "ال", 4)) return 0;
  if ((w->cls & (LX_PREP | LX_COMP | LX_STOP | LX_MONTH | LX_NUMW | LX_SCALE | LX_VERB | LX_WDAY | LX_REL)))
    return 0;
  static const char *const no[] = {"او", "و", "الي", "من", "في", "عن", "مع", "ما", "لا", "لم", "لن", "قد", "ثم", "بل", "كما",
                                   "حيث", "عند", "بين", "نحو", "حوالي", "الف", "وفق", NULL};
  for (int i = 0; no[i]; i++) if (rasd__lx_is(w, no[i])) return 0;
  return 1;
}

/* A scale word at w[*j] (ألف، مليون، مليار) multiplies *val and is passed; returns whether there was one. */
static int scale_(const rasd__qw *w, size_t n, size_t *j, double *val) {
  const rasd__lxent *sc = *j < n && (w[*j].cls & LX_SCALE) ? rasd__lx_find(w[*j].n, w[*j].nlen, LX_SCALE) : NULL;
  if (!sc) return 0;
  for (int k = 0; k < sc->val; k++) *val *= 10;
  (*j)++;
  return 1;
}

/* The value of the units word w[i] when it is one (أحد and اثنا only before عشر), else 0. */
static int units_(const rasd__qw *w, size_t i, int teen) {
  rasd__qw b = w[i]; /* the word without one و (وإحدى عشرة) */
  if (b.nlen > 2 && !memcmp(b.n, "و", 2)) b.n += 2, b.nlen -= 2;
  if (teen && (rasd__lx_is(&b, "احد") || rasd__lx_is(&b, "احدي"))) return 1;
  if (teen && (rasd__lx_is(&b, "اثنا") || rasd__lx_is(&b, "اثنتا") || rasd__lx_is(&b, "اثني") ||
               rasd__lx_is(&b, "اثنتي")))
    return 2;
  if (!(w[i].cls & LX_NUMW)) return 0;
  const rasd__lxent *e = rasd__lx_find(w[i].n, w[i].nlen, LX_NUMW);
  return e && e->val >= 1 && e->val <= 9 ? e->val : 0;
}

/* A number written in two words from w[i]: a teen (أحد عشر، ثلاثة عشر = 13) or units and tens (خمسة وعشرون =
 * 25), also after hundreds (مئة وخمسون = 150). Returns the value and sets *j past it; 0 when there is none. */
static double compound_(const rasd__qw *w, size_t n, size_t i, size_t *j) {
  if (i + 1 >= n || w[i + 1].kind != QW_AR) return 0;
  /* the next word is عشر or a number word (with و) in every case below: most words are followed by neither */
  int teen = rasd__lx_is(&w[i + 1], "عشر") || rasd__lx_is(&w[i + 1], "عشره");
  if (!teen && !(w[i + 1].clsp & LX_NUMW)) return 0;
  int u = units_(w, i, 1);
  if (u && teen) {
    *j = i + 2;
    return 10 + u;
  }
  const rasd__lxent *t = (w[i + 1].clsp & LX_NUMW) ? rasd__lx_findp(w[i + 1].n, w[i + 1].nlen, LX_NUMW, "و", NULL, NULL) : NULL;
  if (!t || w[i + 1].nlen < 2 || memcmp(w[i + 1].n, "و", 2)) return 0;
  if (u && t->val >= 20 && t->val <= 90 && t->val % 10 == 0) {
    *j = i + 2;
    return u + t->val;
  }
  const rasd__lxent *h = (w[i].cls & LX_NUMW) ? rasd__lx_find(w[i].n, w[i].nlen, LX_NUMW) : NULL;
  if (h && h->val >= 100 && h->val % 100 == 0 && t->val >= 1 && t->val < 100) {
    double v = h->val + t->val;
    *j = i + 2;
    /* مئة وخمسة وعشرون = 125 */
    if (t->val <= 9 && i + 2 < n && w[i + 2].kind == QW_AR && w[i + 2].nlen > 2 && !memcmp(w[i + 2].n, "و", 2) &&
        (w[i + 2].clsp & LX_NUMW)) {
      const rasd__lxent *t2 = rasd__lx_findp(w[i + 2].n, w[i + 2].nlen, LX_NUMW, "و", NULL, NULL);
      if (t2 && t2->val >= 20 && t2->val <= 90 && t2->val % 10 == 0) { v += t2->val; *j = i + 3; }
    }
    return v;
  }
  return 0;
}

int rasd__quantities_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) {
  (void)m;
  const rasd__qscan *sc = rasd__qscan_get(d, a, ar);
  if (!sc) return RASD_ENOMEM;
  const rasd__qw *w = sc->w;
  size_t n = sc->n, tx = 0;
  qvec v = {0};
  for (size_t i = 0; i < n; i++) {
    /* skip numbers inside dates */
    while (tx < a->n_timex && a->timex[tx].end <= w[i].s) tx++;
    if (tx < a->n_timex && a->timex[tx].start <= w[i].s && w[i].s < a->timex[tx].end) continue;
    double val;
    size_t j = i + 1;
    if (w[i].kind == QW_NUM) {
      /* not part of a code like T-54 or A320, nor a fraction/date */
      if (i > 0 && !(w[i].flags & QWF_SPACE) && (w[i - 1].kind == QW_LAT || (w[i - 1].kind == QW_PUNCT && (w[i - 1].cp == '-' || w[i - 1].cp == '/') && i > 1 && w[i - 2].kind != QW_AR && !(w[i - 1].flags & QWF_SPACE))))
        continue;
      if (j < n && !(w[j].flags & QWF_SPACE) && w[j].kind == QW_LAT) continue;
      /* a time of day is no quantity: 18:02, and a number after الساعة (الساعة 14.08 بالتوقيت المحلي) */
      int clock = i > 0 && w[i - 1].kind == QW_AR &&
                  (rasd__lx_is(&w[i - 1], "الساعه") || rasd__lx_is(&w[i - 1], "بالساعه") || rasd__lx_is(&w[i - 1], "والساعه") ||
                   rasd__lx_is(&w[i - 1], "للساعه"));
      if (j + 1 < n && w[j].kind == QW_PUNCT && w[j].cp == ':' && !(w[j].flags & QWF_SPACE) && w[j + 1].kind == QW_NUM &&
          !(w[j + 1].flags & QWF_SPACE))
        clock = 1, j += 2;
      if (clock) {
        i = j - 1;
        continue;
      }
      val = memchr(w[i].n, 0xD8, w[i].nlen) ? parse_ra_(w[i].n, w[i].nlen) : parse_num_(w[i].n, w[i].nlen);
      if (val < 0) continue;
      scale_(w, n, &j, &val);
    } else if (w[i].kind == QW_AR && (val = compound_(w, n, i, &j)) > 0) {
      scale_(w, n, &j, &val);
    } else if (w[i].kind == QW_AR && ((w[i].cls | w[i].clsp) & (LX_NUMW | LX_SCALE))) {
      const rasd__lxent *e = rasd__lx_findp(w[i].n, w[i].nlen, LX_NUMW, "و", NULL, NULL);
      const rasd__lxent *s0 = e ? NULL : rasd__lx_find(w[i].n, w[i].nlen, LX_SCALE);
      if (e && e->val >= 2) {
        val = e->val;
        if (!scale_(w, n, &j, &val) && !(j < n && w[j].kind == QW_AR && (w[j].cls & (LX_UNIT)))) continue;
      } else if (s0 && (rasd__lx_is(&w[i], "الف") || rasd__lx_is(&w[i], "مليون") || rasd__lx_is(&w[i], "مليار"))) {
        val = 1;
        for (int k = 0; k < s0->val; k++) val *= 10;
        if (!(j < n && w[j].kind == QW_AR && (w[j].cls & (LX_UNIT)))) continue;
      } else continue;
    } else continue;
    const char *unit = NULL;
    if (j < n && w[j].kind == QW_PUNCT && (w[j].cp == '%' || w[j].cp == 0x066A)) { unit = "%"; j++; }
    else if (j + 1 < n && rasd__lx_is(&w[j], "في") && (rasd__lx_is(&w[j + 1], "المئه") || rasd__lx_is(&w[j + 1], "المائه"))) { unit = "%"; j += 2; }
    else if (j < n && w[j].kind == QW_AR) {
      const rasd__lxent *u = rasd__lx_findp(w[j].n, w[j].nlen, LX_UNIT, NULL, NULL, NULL);
      if (u) {
        unit = u->canon;
        j++;
        /* م2، كم2، م3 (the digit written straight after): square and cubic measures */
        if (j < n && w[j].kind == QW_NUM && !(w[j].flags & QWF_SPACE) && w[j].nlen == 1 && (w[j].n[0] == '2' || w[j].n[0] == '3') &&
            (!strcmp(unit, "متر") || !strcmp(unit, "كيلومتر"))) {
          int km = !strcmp(unit, "كيلومتر");
          unit = w[j].n[0] == '2' ? (km ? "كيلومتر مربع" : "متر مربع") : (km ? "كيلومتر مكعب" : "متر مكعب");
          j++;
        }
      } else if (unit_ok_(&w[j])) {
        unit = strip_marks_(ar, d->text + w[j].s, w[j].e - w[j].s);
        if (!unit) return RASD_ENOMEM;
        j++;
      }
    }
    rasd_quantity q = {0};
    q.start = w[i].s;
    q.end = w[j - 1].e;
    q.text = rasd__arena_strndup(ar, d->text + q.start, q.end - q.start);
    q.value = val;
    q.unit = (char *)unit;
    q.sentence = rasd__sentence_of(a, sc, i);
    if (!q.text || push_(ar, &v, q) < 0) return RASD_ENOMEM;
    i = j - 1;
  }
  a->quantities = v.q;
  a->n_quantities = v.n;
  return RASD_OK;
}
