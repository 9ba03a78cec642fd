/* timex.c — dates in Arabic text (Gregorian in three month systems, Hijri via Umm al-Qura, numeric, relative) and dated events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract/lexicon.h"
#include "extract/hijri.h"

/* ---------------------------------------------------------------- calendar arithmetic */

static long days_from_civil_(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days_(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

static int weekday_(long days) { return (int)(((days % 7) + 11) % 7); } /* 0 = Sunday; 1970-01-01 was Thursday */

static int mdays_(int y, int m) {
  static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
  return md[(m - 1) % 12];
}

/* ISO 8601 week of day number 'z'. */
static void iso_week_(long z, int *wy, int *wk) {
  int wd = (weekday_(z) + 6) % 7; /* 0 = Monday */
  long thu = z - wd + 3;
  int y, m, d;
  civil_from_days_(thu, &y, &m, &d);
  long jan1 = days_from_civil_(y, 1, 1);
  *wy = y;
  *wk = (int)((thu - jan1) / 7 + 1);
}

/* ---------------------------------------------------------------- matching helpers */

typedef struct {
  const rasd__qscan *sc;
  const rasd__qw *w;
  size_t n;
  int have_pub;
  long pub;       /* day number of the publication date */
  int py, pm, pd; /* publication date */
} tctx;

static inline __attribute__((always_inline)) int is_(const tctx *c, size_t k, const char *s) { return k < c->n && rasd__lx_is(&c->w[k], s); }
static int adjacent_(const tctx *c, size_t k) { return k < c->n && !(c->w[k].flags & QWF_SPACE); }

/* Plain integer value of a digit word, or -1. '*nd' gets its digit count. */
static long num_(const tctx *c, size_t k, int *nd) {
  if (k >= c->n || c->w[k].kind != QW_NUM) return -1;
  const char *s = c->w[k].n;
  long v = 0;
  int n = 0;
  for (size_t i = 0; i < c->w[k].nlen; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    if (n < 12) v = v * 10 + (s[i] - '0');
    n++;
  }
  if (nd) *nd = n;
  return n ? v : -1;
}

static const rasd__lxent *lx_(const tctx *c, size_t k, uint32_t mask, const char *pfx, size_t *skip) {
  if (k >= c->n || c->w[k].kind != QW_AR) return NULL;
  return rasd__lx_findp(c->w[k].n, c->w[k].nlen, mask, pfx, NULL, skip);
}

/* A month name at word k (one or two words); returns the index after it, or 0. */
static size_t month_at_(const tctx *c, size_t k, int *mon, int *sys, int *ambig) {
  if (k >= c->n || c->w[k].kind != QW_AR) return 0;
  const rasd__qw *w = &c->w[k];
  if ((w->cls & (LX_MPFX)) && k + 1 < c->n && c->w[k + 1].kind == QW_AR) {
    char buf[128];
    size_t l1 = w->nlen, l2 = c->w[k + 1].nlen;
    if (l1 + l2 + 1 < sizeof buf) {
      memcpy(buf, w->n, l1);
      buf[l1] = ' ';
      memcpy(buf + l1 + 1, c->w[k + 1].n, l2);
      const rasd__lxent *e = rasd__lx_find(buf, l1 + 1 + l2, LX_MONTH);
      if (e) { *mon = e->val; *sys = e->val2; *ambig = 0; return k + 2; }
    }
  }
  const rasd__lxent *e = (w->cls & LX_MONTH) ? rasd__lx_find(w->n, w->nlen, LX_MONTH) : NULL;
  size_t skip = 0;
  if (!e) {
    e = rasd__lx_findp(w->n, w->nlen, LX_MONTH, "وبلف", NULL, &skip);
    if (e && rasd__lx_find(w->n + skip, w->nlen - skip, LX_AMBIG)) e = NULL;
  }
  if (!e) return 0;
  *mon = e->val;
  *sys = e->val2;
  *ambig = rasd__lx_find(w->n + skip, w->nlen - skip, LX_AMBIG) != NULL;
  return k + 1;
}

/* "يوليو/ تموز", "تموز (يوليو)": a second month name of the same month after k. */
static size_t month_pair_(const tctx *c, size_t k, int mon) {
  size_t j = k;
  int paren = 0;
  if (j < c->n && c->w[j].kind == QW_PUNCT && (c->w[j].cp == '/' || c->w[j].cp == '(' || c->w[j].cp == '-' || c->w[j].cp == 0x060C)) {
    paren = c->w[j].cp == '(';
    j++;
  } else return k;
  int m2, s2, a2;
  size_t e = month_at_(c, j, &m2, &s2, &a2);
  if (!e || m2 != mon) return k;
  if (paren && e < c->n && c->w[e].kind == QW_PUNCT && c->w[e].cp == ')') e++;
  return e;
}

/* A year at k: "2019", "عام 2019", "العام 2019", "سنة 2019"; returns index after, or 0. */
static size_t year_at_(const tctx *c, size_t k, long *y, int *hijri) {
  size_t j = k;
  if (is_(c, j, "عام") || is_(c, j, "العام") || is_(c, j, "سنه") || is_(c, j, "السنه") || is_(c, j, "لعام") || is_(c, j, "وعام")) j++;
  int nd;
  long v = num_(c, j, &nd);
  if (v < 0 || nd != 4) return 0;
  *hijri = 0;
  j++;
  if (j < c->n && (is_(c, j, "ه") || is_(c, j, "هـ") ) && c->w[j].nlen <= 2) { *hijri = 1; j++; if (j < c->n && c->w[j].cp == '.' && c->w[j].kind == QW_PUNCT && adjacent_(c, j)) j++; }
  else if (is_(c, j, "م") && adjacent_(c, j)) j++;
  if (!*hijri && (v < 1000 || v > 2200)) return 0;
  if (*hijri && (v < 1 || v > 1600)) return 0;
  *y = v;
  return j;
}

/* ---------------------------------------------------------------- output */

typedef struct {
  tctx *c;
  const rasd_doc *d;
  rasd_analysis *a;
  rasd__arena *ar;
  rasd_timex *tx;
  size_t n, cap;
  int oom;
} tout;

static int emit_(tout *o, size_t wb, size_t we, char *value, const char *cal, char *hijri, int relative) {
  if (o->n == o->cap) {
    size_t nc = o->cap ? o->cap * 2 : 16;
    rasd_timex *t = rasd__arena_alloc(o->ar, nc * sizeof *t);
    if (!t) { o->oom = 1; return -1; }
    if (o->n) memcpy(t, o->tx, o->n * sizeof *t);
    o->tx = t;
    o->cap = nc;
  }
  const rasd__qw *w = o->c->w;
  rasd_timex *x = &o->tx[o->n++];
  x->start = w[wb].s;
  x->end = w[we - 1].e;
  x->text = rasd__arena_strndup(o->ar, o->d->text + x->start, x->end - x->start);
  x->value = value;
  x->calendar = (char *)cal;
  x->hijri = hijri;
  x->relative = relative;
  x->sentence = rasd__sentence_of(o->a, o->c->sc, wb);
  if (!x->text) { o->oom = 1; return -1; }
  return 0;
}

static char *fmt_day_(tout *o, long z) {
  int y, m, d;
  civil_from_days_(z, &y, &m, &d);
  return rasd__arena_printf(o->ar, "%04d-%02d-%02d", y, m, d);
}

/* ---------------------------------------------------------------- matchers */

/* Weekday resolution: the most recent one (past) or the next one (future). */
static long weekday_resolve_(const tctx *c, int wd, int dir) {
  int pw = weekday_(c->pub);
  if (dir > 0) {
    int diff = (wd - pw + 7) % 7;
    return c->pub + (diff ? diff : 7);
  }
  int diff = (pw - wd + 7) % 7;
  return c->pub - diff;
}

/* Is the clause before word k (same sentence, up to 12 words back) in the future tense? */
static int future_before_(const tctx *c, size_t k) {
  uint32_t s = c->w[k].sent;
  for (size_t i = k, steps = 0; i-- > 0 && steps < 12; steps++) {
    const rasd__qw *w = &c->w[i];
    if (w->sent != s) break;
    if (w->kind != QW_AR) continue;
    if (rasd__lx_findp(w->n, w->nlen, LX_FUT, "وف", NULL, NULL)) return 1;
    /* س + imperfect prefix + a stem of at least three letters: سيزور، ستعقد، سنواصل */
    if (w->nlen >= 10 && (unsigned char)w->n[0] == 0xD8 && (unsigned char)w->n[1] == 0xB3) {
      const char *p = w->n + 2;
      int pre = !memcmp(p, "ي", 2) || !memcmp(p, "ت", 2) || !memcmp(p, "ن", 2);
      static const char *const no[] = {"سياسه", "سياسي", "سياسيه", "سيارات", "سياره", "سيطره", "سياده", "سياق", "سيناريو",
                                       "ستين", "سنوات", "سنويا", "سيول", "سيرغي", "سيرجي", "سيتم", NULL};
      int bad = 0;
      for (int q = 0; no[q]; q++) if (rasd__lx_is(w, no[q])) bad = 1;
      if (pre && !bad) return 1;
    }
  }
  return 0;
}

static int try_numeric_(tout *o, size_t i, size_t *next) {
  tctx *c = o->c;
  long a, b, y;
  int na, nb, ny;
  size_t j;
  if (c->w[i].kind != QW_NUM) return 0;
  /* "11.8.2015" is one number word */
  const rasd__qw *w = &c->w[i];
  int dots = 0;
  for (size_t q = 0; q < w->nlen; q++) dots += w->n[q] == '.';
  if (dots == 2) {
    if (sscanf(w->n, "%ld.%ld.%ld", &a, &b, &y) != 3) return 0;
    const char *p1 = strchr(w->n, '.');
    na = (int)(p1 - w->n);
    ny = (int)(w->nlen - (size_t)(strrchr(w->n, '.') - w->n) - 1);
    nb = 0;
    j = i + 1;
  } else {
    if ((a = num_(c, i, &na)) < 0) return 0;
    if (i + 4 >= c->n) return 0;
    int sep = c->w[i + 1].cp;
    if (c->w[i + 1].kind != QW_PUNCT || (sep != '/' && sep != '-')) return 0;
    if (!adjacent_(c, i + 1) || !adjacent_(c, i + 2) || !adjacent_(c, i + 3) || !adjacent_(c, i + 4)) return 0;
    if (c->w[i + 3].kind != QW_PUNCT || c->w[i + 3].cp != sep) return 0;
    if ((b = num_(c, i + 2, &nb)) < 0 || (y = num_(c, i + 4, &ny)) < 0) return 0;
    j = i + 5;
  }
  (void)nb;
  long yy, mm, dd;
  if (na == 4) { yy = a; mm = b; dd = y; if (ny > 2) return 0; }
  else if (ny == 4) { yy = y; mm = b; dd = a; if (na > 2) return 0; }
  else return 0;
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return 0;
  int hij = yy >= 1300 && yy < 1600;
  if (j < c->n && is_(c, j, "ه") && adjacent_(c, j)) { hij = 1; j++; }
  else if (j < c->n && is_(c, j, "م") && adjacent_(c, j)) j++;
  if (hij) {
    int gy, gm, gd;
    if (rasd__hijri_to_greg((int)yy, (int)mm, (int)dd, &gy, &gm, &gd) < 0) return 0;
    char *v = rasd__arena_printf(o->ar, "%04d-%02d-%02d", gy, gm, gd);
    char *h = rasd__arena_printf(o->ar, "%04ld-%02ld-%02ld", yy, mm, dd);
    emit_(o, i, j, v, "hijri", h, 0);
  } else {
    if (yy < 1000 || yy > 2200 || dd > mdays_((int)yy, (int)mm)) return 0;
    emit_(o, i, j, rasd__arena_printf(o->ar, "%04ld-%02ld-%02ld", yy, mm, dd), "gregorian", NULL, 0);
  }
  *next = j;
  return 1;
}

/* Resolves a Gregorian month without a year. 'rel' is -1 (الماضي), +1 (المقبل), 0 (no word). */
static int infer_year_(const tctx *c, int mon, int day, int rel) {
  if (rel < 0) {
    if (mon < c->pm || (mon == c->pm && day > 0 && day < c->pd)) return c->py;
    return c->py - 1;
  }
  if (rel > 0) {
    if (mon > c->pm || (mon == c->pm && day > c->pd)) return c->py;
    return c->py + 1;
  }
  return c->py;
}

/* The year of a Gregorian month named with no year and no relative word, in a text published in month c->pm of
 * year c->py: this year's, unless that lies more than six months after publication, which news reports as past
 * (أقر المجلس الميزانية في ديسمبر, written in April, is last December). A future tense does not decide it: the
 * clause test (future_before_) looks twelve words back and finds a future in another clause too often. */
static int month_year_(const tctx *c, int mon) { return mon - c->pm > 6 ? c->py - 1 : c->py; }

static int try_month_date_(tout *o, size_t i, size_t *next) {
  tctx *c = o->c;
  size_t k = i, start = i;
  long d1 = -1, d2 = -1;
  int period = 0, range = 0, nd;
  const rasd__lxent *e;
  /* range: من 10 إلى 13 / بين 10 و13 */
  if ((is_(c, k, "من") || is_(c, k, "بين")) && num_(c, k + 1, &nd) >= 1 && nd <= 2) {
    size_t j = k + 2;
    if (is_(c, j, "الي") || is_(c, j, "حتي") || is_(c, j, "و") || (j < c->n && c->w[j].kind == QW_PUNCT && c->w[j].cp == '-')) {
      long x = num_(c, k + 1, NULL), yv = num_(c, j + 1, &nd);
      if (yv >= 1 && nd <= 2 && x <= 31 && yv <= 31 && x < yv) {
        int mm, ss, am;
        if (month_at_(c, j + 2, &mm, &ss, &am)) { d1 = x; d2 = yv; range = 1; k = j + 2; }
      }
    }
  }
  if (!range) {
    long v = num_(c, k, &nd);
    if (v >= 1 && v <= 31 && nd <= 2) {
      /* "10-13 أيلول" */
      if (k + 2 < c->n && c->w[k + 1].kind == QW_PUNCT && c->w[k + 1].cp == '-' && num_(c, k + 2, &nd) > v && nd <= 2) {
        int mm, ss, am;
        if (month_at_(c, k + 3, &mm, &ss, &am)) { d1 = v; d2 = num_(c, k + 2, NULL); range = 1; k += 3; }
      }
      if (!range) {
        d1 = v;
        k++;
        if (is_(c, k, "من")) { int mm, ss, am; if (month_at_(c, k + 1, &mm, &ss, &am)) k++; } /* "19 من أغسطس" */
      }
    } else if ((e = lx_(c, k, LX_ORD, "وفب", NULL))) {
      /* السابع من مايو، غرة رمضان، الحادي عشر من */
      size_t j = k + 1;
      int val = e->val;
      if (val == 1 && (is_(c, k, "اول") || is_(c, k, "الاول") || is_(c, k, "الاولي"))) {
        if (!is_(c, j, "من")) val = 0;
      }
      if (j < c->n && is_(c, j, "عشر")) { val += 10; j++; }
      if (j < c->n && (is_(c, j, "والعشرين") || is_(c, j, "والعشرون"))) { val += 20; j++; }
      if (j < c->n && is_(c, j, "والثلاثين")) { val += 30; j++; }
      if (val >= 1 && val <= 31) {
        if (is_(c, j, "من")) j++;
        else if (!is_(c, k, "غره")) val = 0;
        if (val) { d1 = val; k = j; }
      }
    } else if ((e = lx_(c, k, LX_PERIOD, "وفب", NULL))) {
      period = e->val;
      k++;
      if (is_(c, k, "شهر")) k++;
    }
  }
  int mon, sys, ambig;
  int had_shahr = 0;
  if (is_(c, k, "شهر") || is_(c, k, "بشهر") || is_(c, k, "وشهر")) { had_shahr = 1; k++; }
  size_t mend = month_at_(c, k, &mon, &sys, &ambig);
  if (!mend) return 0;
  size_t j = month_pair_(c, mend, mon);
  int paired = j != mend;
  /* year / relative year after the month */
  long year = -1;
  int hij_marker = 0, rel = 2;
  size_t yj = year_at_(c, j, &year, &hij_marker);
  if (!yj && is_(c, j, "من")) {
    if (is_(c, j + 1, "العام") || is_(c, j + 1, "عام") || is_(c, j + 1, "السنه")) {
      const rasd__lxent *r = lx_(c, j + 2, LX_REL, NULL, NULL);
      if (r) { rel = r->val; yj = j + 3; }
      else if ((yj = year_at_(c, j + 1, &year, &hij_marker))) {}
    } else if (is_(c, j + 1, "هذا") && (is_(c, j + 2, "العام") || is_(c, j + 2, "السنه") || is_(c, j + 2, "الشهر"))) { rel = 0; yj = j + 3; }
  }
  int relword = 0;
  if (!yj) {
    const rasd__lxent *r = lx_(c, j, LX_REL, NULL, NULL);
    if (r && !is_(c, j, "السابق") && !is_(c, j, "السابقه") && !is_(c, j, "التالي")) { relword = r->val; yj = j + 1; rel = 3; }
  }
  size_t end = yj ? yj : j;
  /* context: a month name alone needs a number, a preposition, a pair or a relative word */
  int ctx = d1 > 0 || year > 0 || paired || rel != 2 || had_shahr || period;
  if (!ctx && i > 0 && c->w[k].kind == QW_AR && k == i) {
    const rasd__qw *p = &c->w[i - 1];
    static const char *const preps[] = {"في", "خلال", "منذ", "حتي", "مطلع", "اوائل", "منتصف", "اواخر", "نهايه", "بدايه",
                                        "وفي", "ومنذ", "قبل", "بعد", "من", "الي", "طوال", "اواسط", "مستهل", NULL};
    for (int q = 0; preps[q]; q++) if (rasd__lx_is(p, preps[q])) ctx = 1;
    if (ambig && !(d1 > 0 || year > 0 || paired || had_shahr)) ctx = 0;
  }
  /* month words with a proclitic ("وفي يوليو" is fine, "بمايو" needs a number) */
  if (!ctx) return 0;
  if (ambig && !(d1 > 0 || year > 0 || paired || had_shahr || period || rel != 2)) return 0;
  if (ambig && period && !(year > 0 || paired || had_shahr || sys == 4)) return 0;
  int rel_flag = 0;
  char *v = NULL, *h = NULL;
  const char *cal = "gregorian";
  if (sys == 4 || hij_marker) {
    cal = "hijri";
    int hy;
    if (year > 0) hy = (int)year;
    else if (c->have_pub) {
      int hm, hd;
      if (rasd__greg_to_hijri(c->py, c->pm, c->pd, &hy, &hm, &hd) < 0) return 0;
      rel_flag = 1;
      if (rel == 3 && relword < 0 && mon >= hm) hy--;
      if (rel == 3 && relword > 0 && mon <= hm) hy++;
    } else hy = -1;
    if (sys != 4) { /* a Gregorian month with a Hijri-marked year: keep it simple, treat as Gregorian */
      cal = "gregorian";
    } else if (hy > 0) {
      int gy, gm, gd, gy2, gm2, gd2;
      if (d1 > 0 && !range) {
        if (rasd__hijri_to_greg(hy, mon, (int)d1, &gy, &gm, &gd) < 0) return 0;
        v = rasd__arena_printf(o->ar, "%04d-%02d-%02d", gy, gm, gd);
        h = rasd__arena_printf(o->ar, "%04d-%02d-%02ld", hy, mon, d1);
      } else {
        int ndays = rasd__hijri_month_days(hy, mon);
        long a1 = range ? d1 : 1, a2 = range ? d2 : ndays;
        if (!ndays || a2 > ndays || rasd__hijri_to_greg(hy, mon, (int)a1, &gy, &gm, &gd) < 0 ||
            rasd__hijri_to_greg(hy, mon, (int)a2, &gy2, &gm2, &gd2) < 0)
          return 0;
        v = rasd__arena_printf(o->ar, "%04d-%02d-%02d/%04d-%02d-%02d", gy, gm, gd, gy2, gm2, gd2);
        h = range ? rasd__arena_printf(o->ar, "%04d-%02d-%02ld/%04d-%02d-%02ld", hy, mon, d1, hy, mon, d2)
                  : rasd__arena_printf(o->ar, "%04d-%02d", hy, mon);
      }
      emit_(o, start, end, v, cal, h, rel_flag);
      *next = end;
      return 1;
    } else {
      emit_(o, start, end, NULL, cal, NULL, 1);
      *next = end;
      return 1;
    }
  }
  int y;
  if (year > 0) y = (int)year;
  else if (c->have_pub) {
    rel_flag = 1;
    if (rel == 3) y = infer_year_(c, mon, (int)(d1 > 0 ? d1 : 0), relword);
    else if (rel == -1) y = c->py - 1;
    else if (rel == 1) y = c->py + 1;
    else if (rel == 2) y = month_year_(c, mon);
    else y = c->py;
  } else {
    emit_(o, start, end, NULL, cal, NULL, 1);
    *next = end;
    return 1;
  }
  if (d1 > 0) {
    if (d1 > mdays_(y, mon) || (range && d2 > mdays_(y, mon))) return 0;
    if (range) v = rasd__arena_printf(o->ar, "%04d-%02d-%02ld/%04d-%02d-%02ld", y, mon, d1, y, mon, d2);
    else v = rasd__arena_printf(o->ar, "%04d-%02d-%02ld", y, mon, d1);
  } else v = rasd__arena_printf(o->ar, "%04d-%02d", y, mon);
  emit_(o, start, end, v, cal, NULL, rel_flag);
  *next = end;
  return 1;
}

static int try_year_(tout *o, size_t i, size_t *next) {
  tctx *c = o->c;
  size_t k = i, start = i;
  int between = 0;
  if (is_(c, k, "بين") || is_(c, k, "من")) { between = 1; k++; }
  else if (is_(c, k, "منذ") || is_(c, k, "ومنذ")) k++;
  int plural = is_(c, k, "عامي") || is_(c, k, "العامين") || is_(c, k, "سنتي");
  int kw = plural || is_(c, k, "عام") || is_(c, k, "العام") || is_(c, k, "سنه") || is_(c, k, "السنه") || is_(c, k, "لعام") || is_(c, k, "وعام") || is_(c, k, "بعام") || is_(c, k, "فعام");
  long y1 = -1, y2 = -1;
  int h1 = 0, h2 = 0, nd;
  size_t j;
  if (kw) {
    j = k + 1;
    y1 = num_(c, j, &nd);
    if (y1 < 0 || nd != 4) return 0;
    j++;
  } else {
    /* a bare four-digit year after a preposition, or one marked هـ / م */
    y1 = num_(c, k, &nd);
    if (y1 < 0 || nd != 4) return 0;
    j = k + 1;
    /* م with a digit after it is square or cubic metres (بمساحة 1500م2), no year */
    int sqm = is_(c, j, "م") && j + 1 < c->n && adjacent_(c, j + 1) && c->w[j + 1].kind == QW_NUM;
    int marked = j < c->n && (is_(c, j, "ه") || (is_(c, j, "م") && !sqm)) && adjacent_(c, j);
    int prep = k > 0 && (is_(c, k - 1, "في") || is_(c, k - 1, "منذ") || is_(c, k - 1, "حتي") || is_(c, k - 1, "قبل") ||
                         is_(c, k - 1, "بعد") || is_(c, k - 1, "خلال") || is_(c, k - 1, "وفي") || is_(c, k - 1, "مطلع") ||
                         is_(c, k - 1, "نهايه") || is_(c, k - 1, "بدايه") || is_(c, k - 1, "اواخر") || is_(c, k - 1, "منتصف"));
    if (!marked && !prep && !between) return 0;
    if (between && !marked) return 0;
    start = k;
  }
  if (j < c->n && is_(c, j, "ه") && adjacent_(c, j)) { h1 = 1; j++; }
  else if (j < c->n && is_(c, j, "م") && adjacent_(c, j)) j++;
  else if (j < c->n && c->w[j].kind == QW_AR && c->w[j].nlen == 2 && !memcmp(c->w[j].n, "ه", 2)) { h1 = 1; j++; }
  /* second year: "و2019", "إلي 2019", "- 2019" */
  size_t j2 = j;
  if (is_(c, j2, "و") || is_(c, j2, "الي") || is_(c, j2, "حتي") || (j2 < c->n && c->w[j2].kind == QW_PUNCT && (c->w[j2].cp == '-' || c->w[j2].cp == '/'))) {
    size_t q = j2 + 1;
    if (is_(c, q, "عام") || is_(c, q, "العام")) q++;
    long v = num_(c, q, &nd);
    if (v > 0 && nd == 4 && v > y1) {
      y2 = v;
      j2 = q + 1;
      if (j2 < c->n && is_(c, j2, "ه") && adjacent_(c, j2)) { h2 = 1; j2++; }
      else if (j2 < c->n && is_(c, j2, "م") && adjacent_(c, j2)) j2++;
    }
  }
  if (y2 < 0 && (plural || between)) {
    if (!kw) return 0;
    if (between) start = k; /* "من عام 2011" alone: a year */
  }
  if (y2 > 0) j = j2;
  int hij = h1 || h2 || (y1 >= 1300 && y1 < 1600 && kw && 0);
  if (!hij && (y1 < 1000 || y1 > 2200)) return 0;
  if (hij) {
    int gy, gm, gd, gy2, gm2, gd2;
    long last = y2 > 0 ? y2 : y1;
    int nd2 = rasd__hijri_month_days((int)last, 12);
    if (!nd2 || rasd__hijri_to_greg((int)y1, 1, 1, &gy, &gm, &gd) < 0 || rasd__hijri_to_greg((int)last, 12, nd2, &gy2, &gm2, &gd2) < 0)
      return 0;
    char *v = rasd__arena_printf(o->ar, "%04d-%02d-%02d/%04d-%02d-%02d", gy, gm, gd, gy2, gm2, gd2);
    char *h = y2 > 0 ? rasd__arena_printf(o->ar, "%04ld/%04ld", y1, y2) : rasd__arena_printf(o->ar, "%04ld", y1);
    emit_(o, start, j, v, "hijri", h, 0);
  } else {
    char *v = y2 > 0 ? rasd__arena_printf(o->ar, "%04ld/%04ld", y1, y2) : rasd__arena_printf(o->ar, "%04ld", y1);
    emit_(o, start, j, v, "gregorian", NULL, 0);
  }
  *next = j;
  return 1;
}

/* Number (digits or a word) at k for "قبل أربع سنوات"; returns index after or 0. */
static size_t count_at_(const tctx *c, size_t k, long *v) {
  int nd;
  long x = num_(c, k, &nd);
  if (x >= 0 && nd <= 4) { *v = x; return k + 1; }
  const rasd__lxent *e = lx_(c, k, LX_NUMW, NULL, NULL);
  if (e && e->val > 0) {
    *v = e->val;
    size_t j = k + 1;
    /* "خمسة وعشرين" */
    if (j < c->n && c->w[j].kind == QW_AR && c->w[j].nlen > 2 && !memcmp(c->w[j].n, "و", 2)) {
      const rasd__lxent *e2 = rasd__lx_find(c->w[j].n + 2, c->w[j].nlen - 2, LX_NUMW);
      if (e2 && e2->val >= 20 && e2->val <= 90 && e->val < 10) { *v += e2->val; j++; }
    }
    return j;
  }
  return 0;
}

/* Decade words: returns 2..9 for العشرينيات..التسعينيات (with or without ي before ات), or 0. */
static int decade_(const char *m, size_t ml) {
  static const char *const d[] = {NULL, NULL, "العشرين", "الثلاثين", "الاربعين", "الخمسين", "الستين", "السبعين", "الثمانين", "التسعين"};
  for (int k = 2; k <= 9; k++) {
    size_t l = strlen(d[k]);
    if (ml <= l || memcmp(m, d[k], l)) continue;
    const char *r = m + l;
    size_t rl = ml - l;
    if ((rl == 6 && !memcmp(r, "يات", 6)) || (rl == 4 && !memcmp(r, "ات", 4))) return k;
  }
  return 0;
}

static int try_relative_(tout *o, size_t i, size_t *next) {
  tctx *c = o->c;
  const rasd__qw *w = &c->w[i];
  if (w->kind != QW_AR) return 0;
  size_t skip = 0;
  const char *n = w->n;
  size_t nl = w->nlen;
  if (nl > 2 && (!memcmp(n, "و", 2) || !memcmp(n, "ف", 2))) {
    /* strip one و/ف for the word tests below */
    static const char *const rel[] = {"امس", "اليوم", "غدا", "قبل", "منذ", "هذا", "هذه", "الاسبوع", "الشهر", "العام", "السنه", NULL};
    for (int q = 0; rel[q]; q++)
      if (nl - 2 == strlen(rel[q]) && !memcmp(n + 2, rel[q], nl - 2)) skip = 2;
  }
  const char *m = n + skip;
  size_t ml = nl - skip;
#define EQ(s) (ml == sizeof(s) - 1 && !memcmp(m, s, ml))
  long z = 0;
  char *v = NULL;
  size_t j = i + 1;
  int gran = 0; /* 1 day 2 week 3 month 4 year */
  const rasd__lxent *named = NULL; /* the weekday named after أمس / اليوم */
  if (EQ("امس") || EQ("البارحه")) {
    if (is_(c, i + 1, "الاول")) { z = -2; j++; }
    else if (i > 0 && is_(c, i - 1, "اول")) { z = -2; }
    else if (i > 1 && is_(c, i - 1, "من") && is_(c, i - 2, "اول")) { z = -2; }
    else z = -1;
    gran = 1;
    /* "أمس الأربعاء" */
    if ((named = lx_(c, j, LX_WDAY, NULL, NULL))) j++;
  } else if (EQ("اليوم")) {
    const rasd__lxent *wd = lx_(c, i + 1, LX_WDAY, NULL, NULL);
    if (wd) { j++; named = wd; }
    else if (i + 1 < c->n && c->w[i + 1].kind == QW_AR && c->w[i + 1].nlen > 4 && !memcmp(c->w[i + 1].n, "ال", 4)) return 0;
    else if (i > 0 && (is_(c, i - 1, "في") || is_(c, i - 1, "ذلك") || is_(c, i - 1, "نفس") || is_(c, i - 1, "هذا"))) return 0;
    z = 0;
    gran = 1;
  } else if (EQ("غدا") || EQ("غد")) {
    if (i > 0 && is_(c, i - 1, "بعد")) z = 2;
    else if (EQ("غد") && !(i > 0 && c->w[i - 1].kind == QW_AR && (c->w[i - 1].cls & LX_DAYW))) return 0;
    else z = 1;
    gran = 1;
  } else if ((EQ("الاسبوع") || EQ("الشهر") || EQ("العام") || EQ("السنه")) ) {
    const rasd__lxent *r = lx_(c, i + 1, LX_REL, NULL, NULL);
    if (!r || is_(c, i + 1, "السابق") || is_(c, i + 1, "السابقه") || is_(c, i + 1, "التالي")) return 0;
    z = r->val;
    gran = EQ("الاسبوع") ? 2 : EQ("الشهر") ? 3 : 4;
    j = i + 2;
  } else if (EQ("هذا") || EQ("هذه")) {
    if (is_(c, i + 1, "الاسبوع")) gran = 2;
    else if (is_(c, i + 1, "الشهر")) gran = 3;
    else if (is_(c, i + 1, "العام") || is_(c, i + 1, "السنه")) gran = 4;
    else if (is_(c, i + 1, "الصباح") || is_(c, i + 1, "المساء")) gran = 1;
    else return 0;
    z = 0;
    j = i + 2;
  } else if (lx_(c, i, LX_TWORD, NULL, NULL) && decade_(m, ml) > 0) {
    /* السبعينيات → 197 (the decade of the last century unless said otherwise) */
    int dec = decade_(m, ml);
    emit_(o, i, i + 1, rasd__arena_printf(o->ar, "%d", 190 + dec), "gregorian", NULL, 0);
    *next = i + 1;
    return 1;
  } else if (EQ("قبل") || EQ("منذ")) {
    long cnt = 1;
    size_t k = i + 1;
    size_t a = count_at_(c, k, &cnt);
    const rasd__lxent *du = lx_(c, a ? a : k, LX_DUR, NULL, NULL);
    if (!du) return 0;
    if (!a) { cnt = du->val2 == 2 ? 2 : 1; if (du->val2 != 2 && !(c->w[k].nlen <= 8)) return 0; }
    j = (a ? a : k) + 1;
    gran = du->val;
    z = -cnt;
    if (cnt > 5000) return 0;
  } else if (lx_(c, i, LX_PERIOD, NULL, NULL) && !is_(c, i, "اول") && !is_(c, i, "اخر") && !is_(c, i, "اخر")) {
    /* مطلع الشهر (الجاري)، منتصف العام الماضي */
    if (is_(c, i + 1, "الشهر") || is_(c, i + 1, "العام") || is_(c, i + 1, "السنه") || is_(c, i + 1, "الاسبوع")) {
      gran = is_(c, i + 1, "الشهر") ? 3 : is_(c, i + 1, "الاسبوع") ? 2 : 4;
      j = i + 2;
      const rasd__lxent *r = lx_(c, j, LX_REL, NULL, NULL);
      if (r && !is_(c, j, "السابق") && !is_(c, j, "التالي")) { z = r->val; j++; }
      else z = 0;
    } else return 0;
  } else {
    /* weekdays: [يوم|صباح|مساء] الأحد [المقبل|الماضي] */
    size_t k = i;
    if (lx_(c, k, LX_DAYW, "و", NULL)) k++;
    const rasd__lxent *wd = lx_(c, k, LX_WDAY, "وف", NULL);
    if (!wd) return 0;
    if (k == i && i > 0 && (is_(c, i - 1, "بين") || is_(c, i - 1, "كلا") || is_(c, i - 1, "هذين") || is_(c, i - 1, "صلاه") ||
                            is_(c, i - 1, "خطبه") || c->w[i - 1].kind == QW_NUM)) return 0;
    /* "الاثنين" = "the two" after a dual noun or before a noun phrase: require context for it */
    j = k + 1;
    int dir = -1, told = 0;
    const rasd__lxent *r = lx_(c, j, LX_REL, NULL, NULL);
    if (r && r->val != 0 && !is_(c, j, "السابق") && !is_(c, j, "التالي")) { dir = r->val; j++; told = 1; }
    else if (future_before_(c, i)) dir = 1;
    if (!c->have_pub) { emit_(o, i, j, NULL, "gregorian", NULL, 1); *next = j; return 1; }
    long day = weekday_resolve_(c, wd->val, dir);
    /* a future verb with the publication day's own weekday and no المقبل is today (يلتقي كيري نظراءه الاثنين, on a
     * Monday's page), not a week later */
    if (dir > 0 && !told && day == c->pub + 7) day = c->pub;
    /* the second of two weekdays joined by و (يومي الاثنين والثلاثاء, تعليق الدراسة الثلاثاء والأربعاء) is the day after
     * the first in the same week, not a week away from the publication day */
    size_t sk = 0;
    const rasd__lxent *pw = NULL;
    if (k == i && i > 0 && lx_(c, i, LX_WDAY, "و", &sk) && sk && c->w[i - 1].sent == c->w[i].sent &&
        (pw = lx_(c, i - 1, LX_WDAY, NULL, NULL)) && pw->val != wd->val)
      day = weekday_resolve_(c, pw->val, dir) + (wd->val - pw->val + 7) % 7;
    emit_(o, i, j, fmt_day_(o, day), "gregorian", NULL, 1);
    *next = j;
    return 1;
  }
#undef EQ
  if (gran == 1) {
    /* "اليوم 20 يوليو": the date the text gives is the value; leave the words to it (after a named weekday,
     * "اليوم الخميس 26 شوال", both agree and both stay) */
    int mon, sys, amb;
    if (!named && j + 1 < c->n && c->w[j].kind == QW_NUM && month_at_(c, j + 1, &mon, &sys, &amb)) return 0;
  }
  if (!c->have_pub) { emit_(o, i, j, NULL, "gregorian", NULL, 1); *next = j; return 1; }
  if (gran == 1 && named) {
    /* the weekday the text names outweighs a publication day that may be a day off (a paper dated the morning
     * after, a page crawled later): "أمس الثلاثاء" in a page of Tuesday is the Tuesday, the nearest one to the day
     * before publication */
    long d = c->pub + z;
    int diff = (named->val - weekday_(d) + 7) % 7;
    v = fmt_day_(o, diff <= 3 ? d + diff : d + diff - 7);
  } else if (gran == 1) v = fmt_day_(o, c->pub + z);
  else if (gran == 2) {
    int wy, wk;
    iso_week_(c->pub + 7 * z, &wy, &wk);
    v = rasd__arena_printf(o->ar, "%04d-W%02d", wy, wk);
  } else if (gran == 3) {
    long mi = (long)c->py * 12 + (c->pm - 1) + z;
    v = rasd__arena_printf(o->ar, "%04ld-%02ld", mi / 12, mi % 12 + 1);
  } else v = rasd__arena_printf(o->ar, "%04ld", (long)c->py + z);
  emit_(o, i, j, v, "gregorian", NULL, 1);
  *next = j;
  return 1;
}

/* ---------------------------------------------------------------- events */

static int gran_of_(const char *v) {
  if (!v) return 0;
  size_t l = strlen(v);
  if (strchr(v, '/')) return l >= 21 ? 3 : 1;
  if (strchr(v, 'W')) return 3;
  if (l == 10) return 4;
  if (l == 7) return 2;
  return 1;
}

static int ev_cmp_(const void *a, const void *b) {
  const rasd_event *x = a, *y = b;
  int c = strcmp(x->date, y->date);
  if (c) return c;
  return x->sentence < y->sentence ? -1 : x->sentence > y->sentence;
}

static int make_events_(tout *o) {
  if (!o->n) return 0;
  rasd_event *ev = rasd__arena_alloc(o->ar, o->n * sizeof *ev);
  if (!ev) return -1;
  size_t ne = 0;
  for (size_t i = 0; i < o->n;) {
    size_t j = i, best = (size_t)-1;
    int bg = 0;
    while (j < o->n && o->tx[j].sentence == o->tx[i].sentence) {
      int g = gran_of_(o->tx[j].value);
      if (g > bg) { bg = g; best = j; }
      j++;
    }
    if (best != (size_t)-1) ev[ne++] = (rasd_event){o->tx[best].value, o->tx[best].sentence, (uint32_t)best};
    i = j;
  }
  if (ne > 1) qsort(ev, ne, sizeof *ev, ev_cmp_);
  o->a->events = ev;
  o->a->n_events = ne;
  return 0;
}

int rasd__timex_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) {
  (void)m;
  const rasd__qscan *sc = rasd__qscan_get(d, a, ar);
  if (!sc) return RASD_ENOMEM;
  tctx c = {.sc = sc, .w = sc->w, .n = sc->n};
  if (d->date && strlen(d->date) >= 10 && sscanf(d->date, "%4d-%2d-%2d", &c.py, &c.pm, &c.pd) == 3 && c.pm >= 1 &&
      c.pm <= 12 && c.pd >= 1 && c.pd <= mdays_(c.py, c.pm)) {
    c.have_pub = 1;
    c.pub = days_from_civil_(c.py, c.pm, c.pd);
  }
  tout o = {.c = &c, .d = d, .a = a, .ar = ar};
  for (size_t i = 0; i < sc->n && !o.oom;) {
    size_t next = i + 1;
    const rasd__qw *w = &sc->w[i];
    if (w->kind == QW_NUM || (w->kind == QW_AR && ((w->cls | w->clsp) & LX_TSTART))) {
      if (try_numeric_(&o, i, &next) || try_month_date_(&o, i, &next) || try_year_(&o, i, &next) ||
          try_relative_(&o, i, &next)) {
        i = next > i ? next : i + 1;
        continue;
      }
    }
    i++;
  }
  if (o.oom) return RASD_ENOMEM;
  a->timex = o.tx;
  a->n_timex = o.n;
  if (make_events_(&o) < 0) return RASD_ENOMEM;
  return RASD_OK;
}
