/* hijri.h — Umm al-Qura Hijri ⇄ Gregorian conversion (ICU's islamic-umalqura calendar). */
#ifndef RASD_HIJRI_H
#define RASD_HIJRI_H

/** Converts Hijri 'hy'-'hm'-'hd' (month 1..12) to Gregorian '*gy'-'*gm'-'*gd'; returns 0, or -1 for an invalid date. */
int rasd__hijri_to_greg(int hy, int hm, int hd, int *gy, int *gm, int *gd);

/** Converts Gregorian 'gy'-'gm'-'gd' to Hijri '*hy'-'*hm'-'*hd'; returns 0, or -1 for an invalid date. */
int rasd__greg_to_hijri(int gy, int gm, int gd, int *hy, int *hm, int *hd);

/** Returns the number of days of Hijri month 'hm' of year 'hy' (29 or 30), or 0 when unknown. */
int rasd__hijri_month_days(int hy, int hm);

#endif
