/* date.c — publication dates from metadata (ISO, RFC 822) and from datelines ("14 أكتوبر 2024"). */
#include <stdio.h>
#include <string.h>
#include "read/read.h"

typedef struct tok {
  const char *s;
  size_t n;
  int num;    /* value when all digits, else -1 */
  int digits; /* digit count */
  int val;    /* value of the digits in it ("2024م" → 2024) */
} tok;

/* Splits 's' into words on spaces, commas, slashes, dashes, dots and colons; Arabic-Indic digits are read
 * as numbers. Returns the count (at most 'cap'). */
static size_t words(const char *s, size_t len, tok *t, size_t cap) {
  size_t n = 0, i = 0;
  while (i < len && n < cap) {
    /* skip separators */
    for (;;) {
      if (i >= len) break;
      unsigned char c = (unsigned char)s[i];
      if (c == ' ' || c == ',' || c == '/' || c == '-' || c == '.' || c == ':' || c == '\t' || c == '(' ||
          c == ')' || c == '|' || c == '+' || c == '\n') {
        i++;
        continue;
      }
      if (c == 0xD8 && i + 1 < len && (unsigned char)s[i + 1] == 0x8C) { /* ، */
        i += 2;
        continue;
      }
      if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
          ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) { /* – — */
        i += 3;
        continue;
      }
      break;
    }
    if (i >= len) break;
    size_t b = i;
    int num = 0, digits = 0, alldig = 1;
    while (i < len) {
      unsigned char c = (unsigned char)s[i];
      if (c == ' ' || c == ',' || c == '/' || c == '-' || c == '.' || c == ':' || c == '\t' || c == '(' ||
          c == ')' || c == '|' || c == '+' || c == '\n')
        break;
      if (c == 0xD8 && i + 1 < len && (unsigned char)s[i + 1] == 0x8C) break;
      if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
          ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
        break;
      if (c >= '0' && c <= '9') {
        num = num * 10 + (c - '0');
        digits++;
        i++;
      } else if (c == 0xD9 && i + 1 < len && (unsigned char)s[i + 1] >= 0xA0 && (unsigned char)s[i + 1] <= 0xA9) {
        num = num * 10 + ((unsigned char)s[i + 1] - 0xA0);
        digits++;
        i += 2;
      } else {
        alldig = 0;
        i++;
      }
      if (digits > 6) num = 999999;
    }
    t[n].s = s + b;
    t[n].n = i - b;
    t[n].num = alldig && digits ? num : -1;
    t[n].digits = digits;
    t[n].val = num;
    n++;
  }
  return n;
}

static int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[m - 1];
}

static int emit(int y, int m, int d, char out[11]) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in(y, m)) return 0;
  out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10), out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10), out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
  out[7] = '-', out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10), out[10] = 0;
  return 1;
}

/* Month name at t[i] (also "كانون الثاني", "تشرين الأول"); sets '*used' to the words it took. */
static int month_at(const tok *t, size_t n, size_t i, size_t *used) {
  *used = 1;
  static const char kanun[] = "كانون", tishrin[] = "تشرين", first[] = "الأول", second[] = "الثاني";
  int is_k = t[i].n == sizeof kanun - 1 && !memcmp(t[i].s, kanun, t[i].n);
  int is_t = t[i].n == sizeof tishrin - 1 && !memcmp(t[i].s, tishrin, t[i].n);
  if ((is_k || is_t) && i + 1 < n) {
    int f = t[i + 1].n == sizeof first - 1 && !memcmp(t[i + 1].s, first, t[i + 1].n);
    int s = t[i + 1].n == sizeof second - 1 && !memcmp(t[i + 1].s, second, t[i + 1].n);
    if (f || s) {
      *used = 2;
      return is_k ? (f ? 12 : 1) : (f ? 10 : 11);
    }
  }
  return rasd__month_number(t[i].s, t[i].n);
}

/* Finds day-month-year (or month-day-year) with a month name in t[0..n); returns 1 and sets the span. */
static int find_named(const tok *t, size_t n, int *y, int *m, int *d, size_t *first, size_t *last) {
  for (size_t i = 0; i < n; i++) {
    size_t used;
    int mo = month_at(t, n, i, &used);
    if (!mo) continue;
    size_t j = i + used;
    /* a second month name ("أيلول/سبتمبر") */
    size_t used2;
    if (j < n && month_at(t, n, j, &used2) == mo) j += used2;
    /* day before, year after */
    if (i > 0 && t[i - 1].num >= 1 && t[i - 1].num <= 31 && t[i - 1].digits <= 2 && j < n && t[j].digits == 4 &&
        t[j].val > 0) {
      *y = t[j].val, *m = mo, *d = t[i - 1].num, *first = i - 1, *last = j;
      return 1;
    }
    /* "Jul 21, 2015" / "July 21 2015" */
    if (j + 1 < n && t[j].num >= 1 && t[j].num <= 31 && t[j].digits <= 2 && t[j + 1].digits == 4 && t[j + 1].val > 0) {
      *y = t[j + 1].val, *m = mo, *d = t[j].num, *first = i, *last = j + 1;
      return 1;
    }
  }
  return 0;
}

int rasd__parse_date(const char *s, size_t len, char out[11]) {
  while (len && (*s == ' ' || *s == '\t')) s++, len--;
  /* ISO 8601 and "YYYY-MM-DD hh:mm:ss", "YYYY/MM/DD" */
  if (len >= 10 && s[0] >= '0' && s[0] <= '9' && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
    int y, m, d;
    char sep[2] = {s[4], 0};
    char fmt[16];
    snprintf(fmt, sizeof fmt, "%%4d%s%%2d%s%%2d", sep, sep);
    if (sscanf(s, fmt, &y, &m, &d) == 3) return emit(y, m, d, out);
    return 0;
  }
  tok t[24];
  size_t n = words(s, len, t, 24);
  int y, m, d;
  size_t a, b;
  if (find_named(t, n, &y, &m, &d, &a, &b)) return emit(y, m, d, out);
  /* D/M/YYYY or YYYY/M/D in numbers */
  for (size_t i = 0; i + 2 < n; i++) {
    if (t[i].num < 0 || t[i + 1].num < 0 || t[i + 2].num < 0) continue;
    if (t[i + 2].digits == 4 && t[i].digits <= 2 && t[i + 1].digits <= 2)
      return emit(t[i + 2].num, t[i + 1].num, t[i].num, out);
    if (t[i].digits == 4 && t[i + 1].digits <= 2 && t[i + 2].digits <= 2)
      return emit(t[i].num, t[i + 1].num, t[i + 2].num, out);
  }
  return 0;
}

static int is_filler(const tok *w) {
  static const char *const f[] = {"الأحد", "الاحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء",
                                  "الخميس", "الجمعة", "السبت", "يوم", "في", "الساعة", "ص", "م", "مساء", "صباحا",
                                  "صباحاً", "مساءً", "GMT", "UTC", "بتوقيت", "غرينتش", "مكة", "المكرمة", "نشر",
                                  "تاريخ", "النشر", "آخر", "تحديث", "محدث", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                                  "Sun", "AM", "PM", "هـ", "ه", "الموافق", NULL};
  if (w->num >= 0) return 1;
  /* Hijri months and a dateline's place and agency ("تبوك 21 شوال 1436 هـ الموافق 06 أغسطس 2015 م واس") */
  static const char *const hijri[] = {"محرم", "صفر", "ربيع", "الأول", "الآخر", "الثاني", "جمادى", "الأولى",
                                      "الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو", "ذي", "القعدة", "الحجة",
                                      NULL};
  for (size_t i = 0; hijri[i]; i++)
    if (strlen(hijri[i]) == w->n && !memcmp(hijri[i], w->s, w->n)) return 1;
  if (rasd__is_place(w->s, w->n) || rasd__agency_canon(w->s, w->n)) return 1;
  for (size_t i = 0; f[i]; i++)
    if (strlen(f[i]) == w->n && !memcmp(f[i], w->s, w->n)) return 1;
  /* "2024م" */
  if (w->digits == 4 && w->n == 6 && !memcmp(w->s + 4, "م", 2)) return 1;
  return 0;
}

int rasd__line_is_date(const char *s, size_t len, char out[11]) {
  if (len == 0 || len > 120) return 0;
  tok t[24];
  size_t n = words(s, len, t, 24);
  if (n < 2 || n >= 24) return 0;
  int y, m, d;
  size_t a, b;
  if (!find_named(t, n, &y, &m, &d, &a, &b)) {
    /* a numeric date alone: "13/09/2024", "2024-09-13 10:30" */
    char tmp[11];
    if (!rasd__parse_date(s, len, tmp)) return 0;
    for (size_t i = 0; i < n; i++)
      if (!is_filler(&t[i])) return 0;
    memcpy(out, tmp, 11);
    return 1;
  }
  for (size_t i = 0; i < n; i++) {
    if (i >= a && i <= b) continue;
    if (!is_filler(&t[i])) return 0;
  }
  return emit(y, m, d, out);
}
