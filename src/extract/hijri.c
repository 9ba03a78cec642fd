/* hijri.c — Umm al-Qura Hijri ⇄ Gregorian conversion through ICU's islamic-umalqura calendar (one pair of calendars per thread). */
#include <unicode/ucal.h>
#include "extract/hijri.h"

static _Thread_local UCalendar *hij_, *greg_;

static int open_(void) {
  if (hij_ && greg_) return 0;
  static const UChar utc[] = {'U', 'T', 'C', 0};
  UErrorCode st = U_ZERO_ERROR;
  if (!hij_) hij_ = ucal_open(utc, -1, "en@calendar=islamic-umalqura", UCAL_TRADITIONAL, &st);
  if (U_FAILURE(st)) { hij_ = NULL; return -1; }
  st = U_ZERO_ERROR;
  if (!greg_) greg_ = ucal_open(utc, -1, "en@calendar=gregorian", UCAL_GREGORIAN, &st);
  if (U_FAILURE(st)) { greg_ = NULL; return -1; }
  ucal_setAttribute(hij_, UCAL_LENIENT, 0);
  ucal_setAttribute(greg_, UCAL_LENIENT, 0);
  /* pure proleptic Gregorian, so old dates do not switch to Julian */
  st = U_ZERO_ERROR;
  ucal_setGregorianChange(greg_, -8.64e15, &st);
  return 0;
}

static int conv_(UCalendar *from, UCalendar *to, int y, int m, int d, int *oy, int *om, int *od) {
  if (open_() < 0 || m < 1 || m > 12 || d < 1 || d > 31 || y < 1 || y > 9999) return -1;
  UErrorCode st = U_ZERO_ERROR;
  ucal_clear(from);
  ucal_set(from, UCAL_ERA, from == greg_ ? 1 : 0);
  ucal_setDate(from, y, m - 1, d, &st);
  UDate ms = ucal_getMillis(from, &st);
  if (U_FAILURE(st)) return -1;
  ucal_setMillis(to, ms, &st);
  int ry = ucal_get(to, UCAL_YEAR, &st), rm = ucal_get(to, UCAL_MONTH, &st), rd = ucal_get(to, UCAL_DATE, &st);
  if (U_FAILURE(st)) return -1;
  *oy = ry; *om = rm + 1; *od = rd;
  return 0;
}

int rasd__hijri_to_greg(int hy, int hm, int hd, int *gy, int *gm, int *gd) {
  if (open_() < 0) return -1;
  return conv_(hij_, greg_, hy, hm, hd, gy, gm, gd);
}

int rasd__greg_to_hijri(int gy, int gm, int gd, int *hy, int *hm, int *hd) {
  if (open_() < 0) return -1;
  return conv_(greg_, hij_, gy, gm, gd, hy, hm, hd);
}

int rasd__hijri_month_days(int hy, int hm) {
  int y, m, d;
  if (rasd__hijri_to_greg(hy, hm, 30, &y, &m, &d) == 0) return 30;
  if (rasd__hijri_to_greg(hy, hm, 29, &y, &m, &d) == 0) return 29;
  return 0;
}
