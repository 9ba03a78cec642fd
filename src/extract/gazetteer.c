/* gazetteer.c — loads the compiled gazetteer (one mmap) and looks names up by spelling-variant key. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "extract/extract.h"
#include "extract/names.h"
#include "extract/gazetteer.h"

struct rasd__gaz {
  void *map;
  size_t map_len;
  const uint32_t *ent; /* n × RASD__GAZ_ENT_WORDS */
  uint32_t n;
  const char *str;
  uint32_t str_len;
};

static int32_t enc_cp(int32_t cp) {
  if (cp >= 0x0621 && cp <= 0x064A) return 0x80 + (cp - 0x0600);
  switch (cp) {
    case 0x067E: return 0xD0;
    case 0x0686: return 0xD1;
    case 0x06A4: return 0xD2;
    case 0x06AF: return 0xD3;
    case 0x0698: return 0xD4;
  }
  if (cp > 0 && cp < 0x80) return cp;
  return -1;
}

static int32_t dec_byte(unsigned char b) {
  if (b < 0x80) return b;
  if (b >= 0xA1 && b <= 0xCA) return 0x0600 + (b - 0x80);
  switch (b) {
    case 0xD0: return 0x067E;
    case 0xD1: return 0x0686;
    case 0xD2: return 0x06A4;
    case 0xD3: return 0x06AF;
    case 0xD4: return 0x0698;
  }
  return -1;
}

size_t rasd__gaz_enc(const char *in, size_t len, char *out) {
  size_t i = 0, o = 0;
  while (i < len) {
    int32_t c = rasd__utf8_next(in, len, &i);
    int32_t e = enc_cp(c);
    if (e > 0) out[o++] = (char)e;
  }
  out[o] = 0;
  return o;
}

size_t rasd__gaz_dec(const char *in, char *out, size_t cap) {
  size_t o = 0;
  for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
    int32_t c = dec_byte(*p);
    if (c < 0) continue;
    if (o + 5 > cap) return 0;
    o += (size_t)rasd__utf8_put(out + o, c);
  }
  if (o >= cap) return 0;
  out[o] = 0;
  return o;
}

static char *errf(const char *fmt, const char *path, const char *extra) {
  size_t n = strlen(fmt) + strlen(path) + (extra ? strlen(extra) : 0) + 16;
  char *s = malloc(n);
  if (s) snprintf(s, n, fmt, path, extra ? extra : "");
  return s;
}

int rasd__gaz_load(const char *dir, rasd__gaz **out, char **err) {
  *out = NULL;
  if (err) *err = NULL;
  size_t dl = strlen(dir ? dir : ".");
  char *path = malloc(dl + sizeof RASD__GAZ_FILE + 2);
  if (!path) return RASD_ENOMEM;
  snprintf(path, dl + sizeof RASD__GAZ_FILE + 2, "%s/%s", dir ? dir : ".", RASD__GAZ_FILE);
  rasd__gaz *g = calloc(1, sizeof *g);
  int fd = -1, rc = RASD_EMODEL;
  const char *why = NULL;
  if (!g) { rc = RASD_ENOMEM; goto fail; }
  fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    if (err) *err = errf("cannot open the gazetteer %s (%s): run `make gazetteer` to build it, or point --data / RASD_DATA at the data directory",
                         path, strerror(errno));
    goto fail;
  }
  if ((size_t)st.st_size < RASD__GAZ_HDR_WORDS * 4 + 8) { why = "too short"; goto bad; }
  g->map_len = (size_t)st.st_size;
  g->map = mmap(NULL, g->map_len, PROT_READ, MAP_PRIVATE, fd, 0);
  if (g->map == MAP_FAILED) { g->map = NULL; why = "cannot be mapped"; goto bad; }
  const unsigned char *p = g->map;
  if (memcmp(p, RASD__GAZ_MAGIC, 8)) { why = "is not a rasd gazetteer"; goto bad; }
  uint32_t h[RASD__GAZ_HDR_WORDS];
  memcpy(h, p + 8, sizeof h);
  if (h[0] != RASD__GAZ_VERSION || h[1] != RASD__NAME_KEY_VERSION) {
    if (err) *err = errf("the gazetteer %s is stale (built by another version of rasd): run `make gazetteer` to rebuild it%s", path, "");
    goto fail;
  }
  g->n = h[2];
  g->str_len = h[3];
  size_t hdr = 8 + sizeof h, ents = (size_t)g->n * RASD__GAZ_ENT_WORDS * 4;
  if (g->n > (1u << 26) || hdr + ents + g->str_len != g->map_len || g->str_len == 0) { why = "has a bad size"; goto bad; }
  g->ent = (const uint32_t *)(p + hdr);
  g->str = (const char *)(p + hdr + ents);
  if (g->str[g->str_len - 1] != 0) { why = "has an unterminated string table"; goto bad; }
  for (uint32_t i = 0; i < g->n; i++) {
    const uint32_t *e = g->ent + (size_t)i * RASD__GAZ_ENT_WORDS;
    if (e[0] >= g->str_len || e[1] >= g->str_len || e[2] >= g->str_len ||
        (e[3] != RASD__GAZ_NOREL && e[3] >= g->n)) { why = "has an entry out of bounds"; goto bad; }
    if (i && strcmp(g->str + e[-RASD__GAZ_ENT_WORDS], g->str + e[0]) > 0) { why = "is not sorted"; goto bad; }
  }
  close(fd);
  free(path);
  *out = g;
  return RASD_OK;
bad:
  if (err) *err = errf("the gazetteer %s %s: run `make gazetteer` to rebuild it", path, why);
fail:
  if (fd >= 0) close(fd);
  rasd__gaz_free(g);
  free(path);
  return rc;
}

void rasd__gaz_free(rasd__gaz *g) {
  if (!g) return;
  if (g->map) munmap(g->map, g->map_len);
  free(g);
}

size_t rasd__gaz_size(const rasd__gaz *g) { return g ? g->n : 0; }

int rasd__gaz_get(const rasd__gaz *g, uint32_t i, rasd__gaz_entry *e) {
  if (!g || i >= g->n) return -1;
  const uint32_t *w = g->ent + (size_t)i * RASD__GAZ_ENT_WORDS;
  e->type = (uint8_t)(w[4] & 0xff);
  e->src = (uint8_t)((w[4] >> 8) & 0xff);
  e->flags = (uint8_t)((w[4] >> 16) & 0xff);
  e->en = g->str + w[2];
  e->rel = w[3];
  return 0;
}

size_t rasd__gaz_arabic(const rasd__gaz *g, uint32_t i, char *out, size_t cap) {
  if (!g || i >= g->n) return 0;
  return rasd__gaz_dec(g->str + g->ent[(size_t)i * RASD__GAZ_ENT_WORDS + 1], out, cap);
}

uint32_t rasd__gaz_find_key(const rasd__gaz *g, const char *key, size_t klen, uint32_t *first) {
  *first = 0;
  if (!g || !g->n || !klen || klen > 1024) return 0;
  char enc[1032];
  rasd__gaz_enc(key, klen, enc);
  uint32_t lo = 0, hi = g->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (strcmp(g->str + g->ent[(size_t)mid * RASD__GAZ_ENT_WORDS], enc) < 0) lo = mid + 1;
    else hi = mid;
  }
  uint32_t end = lo;
  while (end < g->n && !strcmp(g->str + g->ent[(size_t)end * RASD__GAZ_ENT_WORDS], enc)) end++;
  *first = lo;
  return end - lo;
}

/* Normalised letters of 's' (no marks, hamza forms folded, no separators) for exact comparison. */
static size_t flat(const char *s, size_t len, char *out, size_t cap) {
  size_t i = 0, o = 0;
  while (i < len) {
    int32_t c = rasd__name_cp(rasd__utf8_next(s, len, &i));
    if (c <= 0) continue;
    if (c == 0x0629) c = 0x0647;
    if (c == 0x0649) c = 0x064A;
    if (o + 5 > cap) break;
    o += (size_t)rasd__utf8_put(out + o, c);
  }
  out[o] = 0;
  return o;
}

#define GAZ_SCAN_MAX 512

/* Folds a Latin letter for comparing an English form with our transliteration (Arabic has no p, v, e, o). */
static char fold_latin(char c) {
  if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
  switch (c) {
    case 'p': return 'b';
    case 'v': return 'f';
    case 'e': return 'i';
    case 'o': return 'u';
    case 'q': case 'c': case 'k': return 'g';
    case 'y': return 'i';
  }
  return c;
}

/* Edit distance between the folded Latin letters of 'a' and 'b' (other bytes skipped; capped inputs). */
static int latin_dist(const char *a, const char *b) {
  char x[64], y[64];
  int nx = 0, ny = 0;
  for (; *a && nx < 63; a++) if ((*a | 32) >= 'a' && (*a | 32) <= 'z') x[nx++] = fold_latin(*a);
  for (; *b && ny < 63; b++) if ((*b | 32) >= 'a' && (*b | 32) <= 'z') y[ny++] = fold_latin(*b);
  int row[64];
  for (int j = 0; j <= ny; j++) row[j] = j;
  for (int i = 1; i <= nx; i++) {
    int prev = row[0];
    row[0] = i;
    for (int j = 1; j <= ny; j++) {
      int cur = row[j];
      int d = prev + (x[i - 1] != y[j - 1]);
      if (row[j] + 1 < d) d = row[j] + 1;
      if (row[j - 1] + 1 < d) d = row[j - 1] + 1;
      row[j] = d;
      prev = cur;
    }
  }
  return row[ny];
}

int64_t rasd__gaz_best(const rasd__gaz *g, const char *s, size_t len, int type) {
  if (!g || !s || !len || len > 512) return -1;
  char *key = rasd_name_key(s, len);
  if (!key) return -1;
  uint32_t first, n = rasd__gaz_find_key(g, key, strlen(key), &first);
  free(key);
  if (!n) return -1;
  char want[2048], have[2048];
  flat(s, len, want, sizeof want);
  rasd__name qn, other;
  rasd__name_parse(s, len, &qn);
  char *tl = NULL;
  int64_t best = -1;
  int best_score = -1000;
  if (n > GAZ_SCAN_MAX) n = GAZ_SCAN_MAX;
  for (uint32_t k = first; k < first + n; k++) {
    rasd__gaz_entry e;
    rasd__gaz_get(g, k, &e);
    char ar[1024];
    size_t al = rasd__gaz_arabic(g, k, ar, sizeof ar);
    if (!al) continue;
    flat(ar, al, have, sizeof have);
    int score = 0;
    if (!strcmp(want, have)) score += 100;
    else if (rasd__name_parse(ar, al, &other) == qn.n && rasd__names_match_ex(NULL, s, len, ar, al, RASD__NM_NOGAZ))
      score += 50;
    else continue;
    if (type != RASD_ENT_NONE && e.type == type) score += 20;
    else if (type != RASD_ENT_NONE && e.type != RASD_ENT_NONE) score -= 20;
    if (e.flags & RASD__GF_TITLE) score -= 30;
    score -= e.src * 2;
    if (score > best_score) { best_score = score; best = k; }
    else if (score == best_score && best >= 0) {
      /* one spelling, several English forms (Vladimir, Valdimir): the one closest to how it reads */
      if (!tl) tl = rasd__translit(s, len);
      rasd__gaz_entry be;
      rasd__gaz_get(g, (uint32_t)best, &be);
      if (tl && latin_dist(e.en, tl) < latin_dist(be.en, tl)) best = k;
    }
  }
  free(tl);
  return best;
}

unsigned rasd__gaz_types(const rasd__gaz *g, const char *s, size_t len) {
  if (!g || !s || !len || len > 512) return 0;
  unsigned mask = rasd__gaz_trigger(g, s, len) ? 1u : 0u;
  char *key = rasd_name_key(s, len);
  if (!key) return mask;
  uint32_t first, n = rasd__gaz_find_key(g, key, strlen(key), &first);
  free(key);
  if (n > GAZ_SCAN_MAX) n = GAZ_SCAN_MAX;
  for (uint32_t k = first; k < first + n; k++) {
    rasd__gaz_entry e;
    rasd__gaz_get(g, k, &e);
    char ar[1024];
    size_t al = rasd__gaz_arabic(g, k, ar, sizeof ar);
    if (!al || !rasd__names_match_ex(NULL, s, len, ar, al, RASD__NM_NOGAZ)) continue;
    if (e.flags & RASD__GF_TITLE) mask |= 1u;
    else if (e.type) mask |= 1u << e.type;
  }
  return mask;
}

int rasd__gaz_trigger(const rasd__gaz *g, const char *s, size_t len) {
  if (!g || !s || !len || len > 256) return 0;
  char key[1024], *o = key;
  size_t i = 0;
  *o++ = 1;
  while (i < len) {
    int32_t c = rasd__name_cp(rasd__utf8_next(s, len, &i));
    if (c <= 0) {
      if (c < 0 && o > key + 1 && o[-1] != ' ') *o++ = ' ';
      continue;
    }
    if (c == 0x0629) c = 0x0647;
    if (c >= 0x0621 && c <= 0x064A) *o++ = (char)(0x80 + (c - 0x0600));
    else if (c < 0x80) *o++ = (char)c;
  }
  while (o > key + 1 && o[-1] == ' ') o--;
  *o = 0;
  if (!key[1]) return 0;
  uint32_t lo = 0, hi = g->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (strcmp(g->str + g->ent[(size_t)mid * RASD__GAZ_ENT_WORDS], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < g->n && !strcmp(g->str + g->ent[(size_t)lo * RASD__GAZ_ENT_WORDS], key);
}

int64_t rasd__gaz_exact(const rasd__gaz *g, const char *s, size_t len, int curated, int type) {
  if (!g || !s || !len || len > 512) return -1;
  char *key = rasd_name_key(s, len);
  if (!key || !*key) { free(key); return -1; }
  uint32_t first, n = rasd__gaz_find_key(g, key, strlen(key), &first);
  free(key);
  if (!n) return -1;
  char want[2048], have[2048];
  flat(s, len, want, sizeof want);
  if (n > GAZ_SCAN_MAX) n = GAZ_SCAN_MAX;
  for (uint32_t k = first; k < first + n; k++) {
    rasd__gaz_entry e;
    rasd__gaz_get(g, k, &e);
    if (curated && e.src > RASD__GSRC_CITY) break; /* a key's entries are sorted by source */
    if (e.flags & RASD__GF_TITLE) continue;
    if (type != RASD_ENT_NONE && e.type != type) continue;
    if (curated && !(e.src == RASD__GSRC_HAND || e.src == RASD__GSRC_COUNTRY ||
                     (e.src == RASD__GSRC_CITY && (curated == 2 || (e.flags & RASD__GF_CAPITAL)))))
      continue;
    char ar[1024];
    size_t al = rasd__gaz_arabic(g, k, ar, sizeof ar);
    if (!al) continue;
    flat(ar, al, have, sizeof have);
    if (!strcmp(want, have)) return k;
  }
  return -1;
}
