/* gazc.c — the gazetteer compiler: countries, cities, ANETAC names and our own list → data/gazetteer.bin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "extract/extract.h"
#include "extract/names.h"
#include "extract/gazetteer.h"

typedef struct ent {
  char *key, *ar, *en; /* key and ar in the one-byte form */
  uint8_t type, src, flags;
  uint32_t rel;
  char *rel_en; /* capital of a country (English), resolved after sorting */
} ent;

static ent *E;
static size_t nE, capE;
static long lines_bad;

/* Drops a parenthesised part and anything after a comma: "جايا (الهند)" → "جايا". */
static char *clean_ar(const char *s) {
  size_t n = strlen(s);
  const char *p = strstr(s, "(");
  if (p && (size_t)(p - s) < n) n = (size_t)(p - s);
  p = strstr(s, "،");
  if (p && (size_t)(p - s) < n) n = (size_t)(p - s);
  p = strchr(s, ',');
  if (p && (size_t)(p - s) < n) n = (size_t)(p - s);
  while (n && (s[n - 1] == ' ')) n--;
  return rasd__strndup(s, n);
}

static void add(const char *ar_utf8, const char *en, int type, int src, int flags, const char *rel_en) {
  if (!ar_utf8 || !*ar_utf8) return;
  char *ar = clean_ar(ar_utf8);
  if (!ar) exit(3);
  char *key;
  size_t al = strlen(ar);
  if (flags & RASD__GF_TITLE) {
    /* triggers are keyed by their letters (a name key drops titles), behind a 0x01 byte */
    key = malloc(al + 3);
    key[0] = 1;
    size_t i = 0, o = 1;
    while (i < al) {
      int32_t c = rasd__name_cp(rasd__utf8_next(ar, al, &i));
      if (c <= 0) { if (c < 0 && o > 1 && key[o - 1] != ' ') key[o++] = ' '; continue; }
      if (c == 0x0629) c = 0x0647;
      char u[4];
      int k = rasd__utf8_put(u, c);
      char e[8];
      size_t el = rasd__gaz_enc(u, (size_t)k, e);
      memcpy(key + o, e, el);
      o += el;
    }
    while (o > 1 && key[o - 1] == ' ') o--;
    key[o] = 0;
  } else {
    char *k8 = rasd_name_key(ar, al);
    if (!k8) exit(3);
    key = malloc(strlen(k8) + 1);
    rasd__gaz_enc(k8, strlen(k8), key);
    free(k8);
  }
  if (!key[0] || (key[0] == 1 && !key[1])) { free(key); free(ar); return; }
  char *enc = malloc(al + 1);
  rasd__gaz_enc(ar, al, enc);
  free(ar);
  if (nE == capE) {
    capE = capE ? capE * 2 : 4096;
    E = realloc(E, capE * sizeof *E);
    if (!E) exit(3);
  }
  E[nE++] = (ent){key, enc, rasd__strdup0(en ? en : ""), (uint8_t)type, (uint8_t)src, (uint8_t)flags,
                  RASD__GAZ_NOREL, rel_en ? rasd__strdup0(rel_en) : NULL};
}

static int type_of(const char *t) {
  if (!strcmp(t, "PER") || !strcmp(t, "PERSON")) return RASD_ENT_PER;
  if (!strcmp(t, "LOC") || !strcmp(t, "LOCATION")) return RASD_ENT_LOC;
  if (!strcmp(t, "ORG") || !strcmp(t, "ORGANIZATION")) return RASD_ENT_ORG;
  if (!strcmp(t, "MISC")) return RASD_ENT_MISC;
  return -1;
}

static void load_countries(const char *path) {
  json_error_t je;
  json_t *a = json_load_file(path, 0, &je);
  if (!a || !json_is_array(a)) { fprintf(stderr, "gazc: %s:%d: %s\n", path, je.line, je.text); exit(1); }
  size_t i;
  json_t *c;
  json_array_foreach(a, i, c) {
    const char *en = json_string_value(json_object_get(json_object_get(c, "name"), "common"));
    json_t *ara = json_object_get(json_object_get(c, "translations"), "ara");
    const char *cap = json_string_value(json_array_get(json_object_get(c, "capital"), 0));
    if (!en || !ara) continue;
    add(json_string_value(json_object_get(ara, "common")), en, RASD_ENT_LOC, RASD__GSRC_COUNTRY, RASD__GF_COUNTRY, cap);
    const char *off = json_string_value(json_object_get(ara, "official"));
    if (off && strcmp(off, json_string_value(json_object_get(ara, "common")) ? json_string_value(json_object_get(ara, "common")) : ""))
      add(off, en, RASD_ENT_LOC, RASD__GSRC_COUNTRY, RASD__GF_COUNTRY | RASD__GF_ALIAS, cap);
  }
  json_decref(a);
}

/* The English of a city as the press writes it: the list marks ayn with a backtick (Ta`izz, `Unayzah, Ad Dali`);
 * an apostrophe inside the name (Ta'izz, Ad Dali'), none at its start (Unayzah). Writes at most 'cap' bytes to 'out'. */
static const char *city_english(const char *en, char *out, size_t cap) {
  size_t n = 0;
  for (const char *p = en; *p && n + 1 < cap; p++) {
    if (*p != '`') { out[n++] = *p; continue; }
    if (n && out[n - 1] != ' ' && out[n - 1] != '-') out[n++] = '\'';
  }
  out[n] = 0;
  return out;
}

/* The cities list names each row's country in Arabic too, at times as the press writes it where the countries
 * list has another spelling (شيلي and تشيلي for Chile, المكسيك where that list has المسكيك, صربيا, ملاوي). Each
 * (Arabic, English) pair is kept once; add_city_countries() makes the ones of a known country its aliases. */
typedef struct country_name { char *ar, *en; } country_name;
static country_name *CN;
static size_t nCN, capCN;

static void note_country(const char *ar, const char *en) {
  for (size_t i = nCN; i-- > 0;)
    if (!strcmp(CN[i].ar, ar) && !strcmp(CN[i].en, en)) return;
  if (nCN == capCN) {
    capCN = capCN ? capCN * 2 : 256;
    CN = realloc(CN, capCN * sizeof *CN);
    if (!CN) exit(3);
  }
  CN[nCN++] = (country_name){rasd__strdup0(ar), rasd__strdup0(en)};
}

/* Adds each Arabic country name of the cities list as an alias of the countries list's entry with the same
 * English name (and its capital); names of countries that list lacks ("Man (Isle of)", "Hong Kong S.A.R.") and
 * Arabic with Latin letters are left out. Call after all lists are loaded. */
static void add_city_countries(void) {
  size_t n0 = nE;
  for (size_t i = 0; i < nCN; i++) {
    const char *a = CN[i].ar;
    int latin = 0;
    for (const char *p = a; *p; p++) latin |= (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '(';
    /* and names of three letters or fewer (بنن for Benin): their key is that of other words (بان، بين) */
    size_t al = strlen(a), at = 0, letters = 0;
    while (at < al) letters += rasd__utf8_next(a, al, &at) > 0;
    if (latin || letters <= 3) continue;
    for (size_t j = 0; j < n0; j++) {
      if (E[j].src != RASD__GSRC_COUNTRY || (E[j].flags & RASD__GF_ALIAS) || strcmp(E[j].en, CN[i].en)) continue;
      add(a, CN[i].en, RASD_ENT_LOC, RASD__GSRC_COUNTRY, RASD__GF_COUNTRY | RASD__GF_ALIAS, E[j].rel_en);
      break;
    }
    free(CN[i].ar);
    free(CN[i].en);
  }
  free(CN);
}

static void load_cities(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(1); }
  char *line = NULL;
  size_t cap = 0;
  long ln = 0;
  while (getline(&line, &cap, f) > 0) {
    ln++;
    char *l = line;
    if (!strncmp(l, "\xEF\xBB\xBF", 3)) l += 3;
    json_error_t je;
    json_t *o = json_loads(l, 0, &je);
    if (!o) { fprintf(stderr, "gazc: %s:%ld: %s\n", path, ln, je.text); lines_bad++; continue; }
    const char *ar = json_string_value(json_object_get(o, "CityNameAr"));
    const char *en = json_string_value(json_object_get(o, "CityNameEn"));
    const char *country = json_string_value(json_object_get(o, "Country"));
    char eb[256];
    if (ar && en) add(ar, city_english(en, eb, sizeof eb), RASD_ENT_LOC, RASD__GSRC_CITY, 0, country);
    const char *country_ar = json_string_value(json_object_get(o, "CountryAr"));
    if (country && country_ar) note_country(country_ar, country);
    json_decref(o);
  }
  free(line);
  fclose(f);
}

static void load_anetac(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(1); }
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, f) > 0) {
    line[strcspn(line, "\r\n")] = 0;
    char *sp1 = strchr(line, ' ');
    if (!sp1) { lines_bad++; continue; }
    *sp1 = 0;
    char *en = sp1 + 1, *sp2 = strchr(en, ' ');
    if (!sp2) { lines_bad++; continue; }
    *sp2 = 0;
    int t = type_of(line);
    if (t < 0) { lines_bad++; continue; }
    add(sp2 + 1, en, t, RASD__GSRC_ANETAC, 0, NULL);
  }
  free(line);
  fclose(f);
}

static void load_extra(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(1); }
  char *line = NULL;
  size_t cap = 0;
  long ln = 0;
  while (getline(&line, &cap, f) > 0) {
    ln++;
    line[strcspn(line, "\r\n")] = 0;
    if (!line[0] || line[0] == '#') continue;
    char *f1 = line, *f2 = strchr(f1, '\t');
    if (!f2) { fprintf(stderr, "gazc: %s:%ld: expected TYPE<TAB>Arabic[<TAB>English]\n", path, ln); exit(1); }
    *f2++ = 0;
    char *f3 = strchr(f2, '\t');
    if (f3) *f3++ = 0;
    if (!strcmp(f1, "TITLE")) { add(f2, f3, RASD_ENT_NONE, RASD__GSRC_TITLE, RASD__GF_TITLE, NULL); continue; }
    int t = type_of(f1);
    if (t < 0) { fprintf(stderr, "gazc: %s:%ld: unknown type %s\n", path, ln, f1); exit(1); }
    add(f2, f3, t, RASD__GSRC_HAND, 0, NULL);
  }
  free(line);
  fclose(f);
}

static int cmp_ent(const void *a, const void *b) {
  const ent *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  if (x->src != y->src) return x->src - y->src;
  if ((c = strcmp(x->ar, y->ar))) return c;
  if ((c = strcmp(x->en, y->en))) return c;
  return x->type - y->type;
}

/* String blob with de-duplication (open addressing). */
static char *blob;
static size_t blob_len, blob_cap;
static uint32_t *htab;
static size_t hcap;

static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static uint32_t intern(const char *s) {
  uint32_t h = hash(s);
  size_t i = h & (hcap - 1);
  while (htab[i] != UINT32_MAX) {
    if (!strcmp(blob + htab[i], s)) return htab[i];
    i = (i + 1) & (hcap - 1);
  }
  size_t n = strlen(s) + 1;
  while (blob_len + n > blob_cap) {
    blob_cap = blob_cap ? blob_cap * 2 : 1 << 20;
    blob = realloc(blob, blob_cap);
    if (!blob) exit(3);
  }
  memcpy(blob + blob_len, s, n);
  htab[i] = (uint32_t)blob_len;
  blob_len += n;
  return htab[i];
}

int main(int argc, char **argv) {
  const char *out = "data/gazetteer.bin";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!v) { fprintf(stderr, "usage: gazc [--countries F] [--cities F] [--anetac F] [--extra F] -o OUT\n"); return 2; }
    if (!strcmp(a, "--countries")) load_countries(v);
    else if (!strcmp(a, "--cities")) load_cities(v);
    else if (!strcmp(a, "--anetac")) load_anetac(v);
    else if (!strcmp(a, "--extra")) load_extra(v);
    else if (!strcmp(a, "-o")) out = v;
    else { fprintf(stderr, "gazc: unknown option %s\n", a); return 2; }
    i++;
  }
  add_city_countries();
  qsort(E, nE, sizeof *E, cmp_ent);
  /* drop exact duplicates */
  size_t w = 0;
  for (size_t i = 0; i < nE; i++) {
    if (w && !strcmp(E[w - 1].key, E[i].key) && !strcmp(E[w - 1].ar, E[i].ar) && !strcmp(E[w - 1].en, E[i].en) &&
        E[w - 1].type == E[i].type) {
      continue;
    }
    E[w++] = E[i];
  }
  nE = w;
  /* relations: a country → its capital city entry; a capital city → its country */
  for (size_t i = 0; i < nE; i++) {
    if (!(E[i].flags & RASD__GF_COUNTRY) || !E[i].rel_en) continue;
    for (size_t j = 0; j < nE; j++) {
      if (E[j].src != RASD__GSRC_CITY || strcmp(E[j].en, E[i].rel_en) || !E[j].rel_en || strcmp(E[j].rel_en, E[i].en))
        continue;
      E[i].rel = (uint32_t)j;
      E[j].rel = (uint32_t)i;
      E[j].flags |= RASD__GF_CAPITAL;
      break;
    }
  }
  hcap = 1;
  while (hcap < nE * 8) hcap <<= 1;
  htab = malloc(hcap * sizeof *htab);
  memset(htab, 0xff, hcap * sizeof *htab);
  uint32_t *ents = malloc(nE * RASD__GAZ_ENT_WORDS * 4 + 4);
  for (size_t i = 0; i < nE; i++) {
    uint32_t *e = ents + i * RASD__GAZ_ENT_WORDS;
    e[0] = intern(E[i].key);
    e[1] = intern(E[i].ar);
    e[2] = intern(E[i].en);
    e[3] = E[i].rel;
    e[4] = (uint32_t)E[i].type | ((uint32_t)E[i].src << 8) | ((uint32_t)E[i].flags << 16);
  }
  FILE *f = fopen(out, "wb");
  if (!f) { perror(out); return 1; }
  uint32_t h[RASD__GAZ_HDR_WORDS] = {RASD__GAZ_VERSION, RASD__NAME_KEY_VERSION, (uint32_t)nE, (uint32_t)blob_len};
  fwrite(RASD__GAZ_MAGIC, 1, 8, f);
  fwrite(h, 4, RASD__GAZ_HDR_WORDS, f);
  fwrite(ents, 4, nE * RASD__GAZ_ENT_WORDS, f);
  fwrite(blob, 1, blob_len, f);
  if (fclose(f)) { perror(out); return 1; }
  fprintf(stderr, "gazc: %zu entries, %zu bytes of strings -> %s%s\n", nE, blob_len, out,
          lines_bad ? " (some input lines skipped)" : "");
  return 0;
}
