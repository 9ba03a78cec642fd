/* gazetteer.c — loads the compiled gazetteer (one mmap) and looks names up by spelling-variant key. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <pthread.h>
#include <stdatomic.h>
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
  /* indexes built at load time (one pass over the entries, a few ms) */
  uint64_t gen;        /* load generation: tells thread-local memo entries of different loads apart */
  uint32_t *fhead;     /* chains of entries by the hash of their flat Arabic form: head index + 1 */
  uint32_t *fnext;     /* next entry index + 1 in the chain */
  uint32_t *chead;     /* the same for the curated entries only (hand-written, countries, cities; no titles) */
  uint32_t *cnext;
  uint64_t *fhash;     /* per entry: hash of its flat Arabic form */
  uint32_t fmask;
  uint32_t cmask;      /* chead is smaller than fhead: it stays in cache */
  uint64_t *suf;       /* blocked Bloom filter: every suffix of the flat forms of curated entries */
  uint32_t smask;      /* its number of 512-bit blocks - 1 */
  uint64_t *cfull;     /* blocked Bloom filter: the flat forms of curated entries */
  uint64_t *cpre;      /* blocked Bloom filter: every prefix of them (forward hash) */
  uint32_t cfmask, cpmask;
  uint64_t pre2[1024];  /* bit [a*256+b]: a curated flat form begins with letters a b (b = 0: one letter) */
  uint64_t suf2[1024];  /* bit [a*256+b]: one ends with a b (a = 0 too for every form: its last letter) */
  uint64_t *fbloom;    /* blocked Bloom filter: the flat forms of all entries */
  uint32_t fbmask;
  struct key_slot *kslot; /* the key groups by the hash of their key (NULL: keys unsorted, binary search) */
  uint32_t kmask;
};

/* One key group in the key hash: entries [first, first + cnt) share the key; tag = the key's hash >> 32. */
typedef struct key_slot {
  uint32_t tag, first, cnt; /* cnt 0: empty */
} key_slot;

static uint8_t FLAT[256]; /* one-byte letter → its flat form (0: dropped) */
static pthread_once_t flat_once = PTHREAD_ONCE_INIT;
static _Atomic uint64_t gaz_gen;

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

/* Flat form: marks, separators and case gone, hamza forms as ا, ة as ه, ى as ي (see flat() below). In the
 * one-byte form it is a byte map. */
static uint8_t FLAT2[256]; /* the two-byte code points U+0600..U+06FF → what flat_query() writes for them (0: none) */
static void flat_init(void) {
  for (int k = 0; k < 256; k++) {
    int32_t c = rasd__name_cp(0x0600 + k);
    if (c <= 0) continue;
    if (c == 0x0629) c = 0x0647;
    if (c == 0x0649) c = 0x064A;
    int32_t e = enc_cp(c);
    FLAT2[k] = e > 0 ? (uint8_t)e : 0xFF;
  }
  for (int b = 1; b < 256; b++) {
    int32_t cp = dec_byte((unsigned char)b);
    if (cp < 0) continue;
    int32_t c = rasd__name_cp(cp);
    if (c <= 0) continue;
    if (c == 0x0629) c = 0x0647;
    if (c == 0x0649) c = 0x064A;
    int32_t e = enc_cp(c);
    if (e > 0) FLAT[b] = (uint8_t)e;
  }
}

/* Hash of a byte string folded from its end, so one backward pass yields the hash of every suffix. */
#define SH0 0x9ae16a3b2f90404full
#define PH0 0xc3a5c85c97cb3127ull /* the same step, forward: prefixes */
static inline uint64_t sh_step(uint64_t h, uint8_t b) { return (h ^ b) * 0x100000001b3ull; }
static uint64_t sh_bytes(const uint8_t *s, size_t n) {
  uint64_t h = SH0;
  while (n) h = sh_step(h, s[--n]);
  return h | 1; /* never 0 (the empty slot) */
}

/* Flat form of the entry string 'in' (one-byte form, NUL-terminated) into 'out'; returns its length. */
static size_t flat_entry(const char *in, uint8_t *out, size_t cap) {
  size_t o = 0;
  for (const unsigned char *p = (const unsigned char *)in; *p && o < cap; p++)
    if (FLAT[*p]) out[o++] = FLAT[*p];
  return o;
}

/* The flat letter of the code point at s[*i] ('len' bytes in all), *i moved past it: 0 when it has none (a mark, a
 * space), 0xFF for a letter the file cannot hold (no entry has it). flat_init must have run. */
static inline uint8_t flat_next(const char *s, size_t len, size_t *i) {
  unsigned char b0 = (unsigned char)s[*i];
  if (b0 >= 0xD8 && b0 <= 0xDB && *i + 1 < len && ((unsigned char)s[*i + 1] & 0xC0) == 0x80) {
    /* the Arabic block, most of the text: one table look-up, the same answer as the general path below */
    uint8_t f = FLAT2[((b0 - 0xD8) << 6) | ((unsigned char)s[*i + 1] & 0x3F)];
    *i += 2;
    return f;
  }
  int32_t c = rasd__name_cp(rasd__utf8_next(s, len, i));
  if (c <= 0) return 0;
  if (c == 0x0629) c = 0x0647;
  if (c == 0x0649) c = 0x064A;
  int32_t e = enc_cp(c);
  return e > 0 ? (uint8_t)e : 0xFF;
}

/* Flat form of UTF-8 's' in the one-byte form; a letter the file cannot hold becomes 0xFF (no entry has
 * it). Returns the length ('cap' bytes at most). */
static size_t flat_query(const char *s, size_t len, uint8_t *out, size_t cap) {
  size_t i = 0, o = 0;
  const unsigned char *u = (const unsigned char *)s;
  pthread_once(&flat_once, flat_init);
  while (i < len && o < cap) {
    /* the Arabic block (most letters) in a tight loop: FLAT2 as flat_next() reads it, a letter written (and kept
     * when it is not 0) without a branch */
    while (i + 1 < len && o < cap && u[i] - 0xD8u <= 3u && (u[i + 1] & 0xC0) == 0x80) {
      uint8_t f = FLAT2[((u[i] - 0xD8u) << 6) | (u[i + 1] & 0x3Fu)];
      out[o] = f;
      o += f != 0;
      i += 2;
    }
    if (i >= len || o >= cap) break;
    uint8_t f = flat_next(s, len, &i);
    if (f) out[o++] = f;
  }
  return o;
}

/* Blocked Bloom filters (two bits in one 64-byte block): a negative answer costs one cache line. */
static int bloom_has(const uint64_t *b, uint32_t mask, uint64_t h) {
  const uint64_t *blk = b + (size_t)((uint32_t)(h >> 40) & mask) * 8;
  unsigned x = (unsigned)h & 511, y = (unsigned)(h >> 9) & 511;
  return (blk[x >> 6] >> (x & 63) & 1) && (blk[y >> 6] >> (y & 63) & 1);
}

static void bloom_add(uint64_t *b, uint32_t mask, uint64_t h) {
  uint64_t *blk = b + (size_t)((uint32_t)(h >> 40) & mask) * 8;
  unsigned x = (unsigned)h & 511, y = (unsigned)(h >> 9) & 511;
  blk[x >> 6] |= 1ull << (x & 63);
  blk[y >> 6] |= 1ull << (y & 63);
}

/* Blocks for 'n' items at about 12 bits each. */
static uint32_t bloom_blocks(size_t n) {
  uint32_t m = 16;
  while ((size_t)m * 512 < n * 12) m <<= 1;
  return m;
}

static uint32_t pow2_above(size_t n) {
  uint32_t m = 1024;
  while (m < n * 2) m <<= 1;
  return m;
}

static int build_key_index(rasd__gaz *g);

/* Builds the key table, the flat-form chains and the suffix set; -1 when out of memory. */
static int build_index(rasd__gaz *g) {
  pthread_once(&flat_once, flat_init);
  g->gen = atomic_fetch_add(&gaz_gen, 1) + 1;
  uint32_t fcap = pow2_above(g->n / 4), ncur = 0; /* 256 KB: stays in cache while it is built */
  for (uint32_t i = 0; i < g->n; i++) {
    uint32_t meta = g->ent[(size_t)i * RASD__GAZ_ENT_WORDS + 4];
    if (((meta >> 8) & 0xff) <= RASD__GSRC_CITY && !(((meta >> 16) & 0xff) & RASD__GF_TITLE)) ncur++;
  }
  uint32_t ccap = pow2_above(ncur);
  g->fmask = fcap - 1;
  g->cmask = ccap - 1;
  g->fhead = calloc(fcap, sizeof *g->fhead);
  g->fnext = calloc(g->n + 1, sizeof *g->fnext);
  g->chead = calloc(ccap, sizeof *g->chead);
  g->fbmask = bloom_blocks(g->n) - 1;
  g->fbloom = calloc((size_t)(g->fbmask + 1) * 8, sizeof *g->fbloom);
  g->cnext = calloc(g->n + 1, sizeof *g->cnext);
  g->fhash = calloc(g->n + 1, sizeof *g->fhash);
  if (!g->fhead || !g->fnext || !g->chead || !g->cnext || !g->fhash || !g->fbloom) return -1;
  size_t nsuf = 0;
  uint8_t f[1024];
  for (uint32_t i = 0; i < g->n; i++) {
    const uint32_t *e = g->ent + (size_t)i * RASD__GAZ_ENT_WORDS;
    size_t fl = flat_entry(g->str + e[1], f, sizeof f);
    g->fhash[i] = sh_bytes(f, fl);
    uint8_t src = (uint8_t)((e[4] >> 8) & 0xff), flags = (uint8_t)((e[4] >> 16) & 0xff);
    if (src <= RASD__GSRC_CITY && !(flags & RASD__GF_TITLE)) nsuf += fl;
  }
  /* chains in index order: a lookup stops at the first entry that fits */
  for (uint32_t i = g->n; i-- > 0;) {
    uint32_t b = (uint32_t)(g->fhash[i] >> 32) & g->fmask;
    g->fnext[i] = g->fhead[b];
    g->fhead[b] = i + 1;
    bloom_add(g->fbloom, g->fbmask, g->fhash[i]);
    uint32_t meta = g->ent[(size_t)i * RASD__GAZ_ENT_WORDS + 4];
    if (((meta >> 8) & 0xff) <= RASD__GSRC_CITY && !(((meta >> 16) & 0xff) & RASD__GF_TITLE)) {
      uint32_t cb = (uint32_t)(g->fhash[i] >> 32) & g->cmask;
      g->cnext[i] = g->chead[cb];
      g->chead[cb] = i + 1;
    }
  }
  g->smask = bloom_blocks(nsuf) - 1;
  g->suf = calloc((size_t)(g->smask + 1) * 8, sizeof *g->suf);
  g->cpmask = g->smask;
  g->cpre = calloc((size_t)(g->cpmask + 1) * 8, sizeof *g->cpre);
  g->cfmask = bloom_blocks(ncur) - 1;
  g->cfull = calloc((size_t)(g->cfmask + 1) * 8, sizeof *g->cfull);
  if (!g->suf || !g->cpre || !g->cfull) return -1;
  for (uint32_t i = 0; i < g->n; i++) {
    const uint32_t *e = g->ent + (size_t)i * RASD__GAZ_ENT_WORDS;
    uint8_t src = (uint8_t)((e[4] >> 8) & 0xff), flags = (uint8_t)((e[4] >> 16) & 0xff);
    if (src > RASD__GSRC_CITY || (flags & RASD__GF_TITLE)) continue;
    size_t fl = flat_entry(g->str + e[1], f, sizeof f);
    if (fl) {
      unsigned a = f[0], b = fl > 1 ? f[1] : 0, y = fl > 1 ? f[fl - 2] : 0, z = f[fl - 1];
      g->pre2[(a << 2) | (b >> 6)] |= 1ull << (b & 63);
      g->pre2[(a << 2)] |= 1ull; /* (a, 0): some form begins with a */
      g->suf2[(y << 2) | (z >> 6)] |= 1ull << (z & 63);
      g->suf2[z >> 6] |= 1ull << (z & 63); /* (0, z) */
    }
    bloom_add(g->cfull, g->cfmask, g->fhash[i]);
    uint64_t p = PH0;
    for (size_t k = 0; k < fl; k++) {
      p = sh_step(p, f[k]);
      bloom_add(g->cpre, g->cpmask, p | 1);
    }
    uint64_t h = SH0;
    while (fl) {
      h = sh_step(h, f[--fl]);
      bloom_add(g->suf, g->smask, h | 1);
    }
  }
  return 0;
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
  if (build_index(g) || build_key_index(g)) { rc = RASD_ENOMEM; goto fail; }
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
  free(g->fhead);
  free(g->fnext);
  free(g->chead);
  free(g->cnext);
  free(g->fhash);
  free(g->suf);
  free(g->fbloom);
  free(g->cfull);
  free(g->cpre);
  free(g->kslot);
  free(g);
}

size_t rasd__gaz_size(const rasd__gaz *g) { return g ? g->n : 0; }

uint64_t rasd__gaz_gen(const rasd__gaz *g) { return g ? g->gen : 0; }

int rasd__gaz_get(const rasd__gaz *g, uint32_t i, rasd__gaz_entry *e) {
  if (!g || i >= g->n) { /* an empty entry, so that no caller reads unset fields */
    *e = (rasd__gaz_entry){RASD_ENT_NONE, 0, 0, "", RASD__GAZ_NOREL};
    return -1;
  }
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

/* Entries whose key is 'enc' (one-byte form, NUL-terminated): sets '*first', returns the count. */
/* Entries whose key is 'enc' (one-byte form, NUL-terminated; the entries are sorted by key): sets
 * '*first', returns the count. */
static uint64_t key_hash(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h ^ (h >> 31);
}

/* The key hash over the entries' key groups (the entries are sorted by key, so a group is one run): one
 * probe and one strcmp instead of a binary search of ~20 strcmps on scattered memory. When the keys are
 * not sorted the binary search stays (kslot NULL), with whatever it finds. -1 when out of memory. */
static int build_key_index(rasd__gaz *g) {
  size_t ngroups = 0;
  for (uint32_t i = 0; i < g->n; i++) {
    const char *k = g->str + g->ent[(size_t)i * RASD__GAZ_ENT_WORDS];
    if (i) {
      int c = strcmp(g->str + g->ent[(size_t)(i - 1) * RASD__GAZ_ENT_WORDS], k);
      if (c > 0) return 0; /* unsorted */
      if (c == 0) continue;
    }
    ngroups++;
  }
  uint32_t cap = pow2_above(ngroups);
  key_slot *ks = calloc(cap, sizeof *ks);
  if (!ks) return -1;
  for (uint32_t i = 0; i < g->n;) {
    const char *k = g->str + g->ent[(size_t)i * RASD__GAZ_ENT_WORDS];
    uint32_t j = i + 1;
    while (j < g->n && !strcmp(g->str + g->ent[(size_t)j * RASD__GAZ_ENT_WORDS], k)) j++;
    uint64_t h = key_hash(k);
    size_t p = (size_t)h & (cap - 1);
    while (ks[p].cnt) p = (p + 1) & (cap - 1);
    ks[p].tag = (uint32_t)(h >> 32);
    ks[p].first = i;
    ks[p].cnt = j - i;
    i = j;
  }
  g->kslot = ks;
  g->kmask = cap - 1;
  return 0;
}

static uint32_t find_enc_key(const rasd__gaz *g, const char *enc, uint32_t *first) {
  if (g->kslot) {
    uint64_t h = key_hash(enc);
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t p = (size_t)h & g->kmask; g->kslot[p].cnt; p = (p + 1) & g->kmask) {
      const key_slot *e = &g->kslot[p];
      if (e->tag == tag && !strcmp(g->str + g->ent[(size_t)e->first * RASD__GAZ_ENT_WORDS], enc)) {
        *first = e->first;
        return e->cnt;
      }
    }
    *first = 0;
    return 0;
  }
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

uint32_t rasd__gaz_find_key(const rasd__gaz *g, const char *key, size_t klen, uint32_t *first) {
  *first = 0;
  if (!g || !g->n || !klen || klen > 1024) return 0;
  char enc[1032];
  rasd__gaz_enc(key, klen, enc);
  return find_enc_key(g, enc, first);
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
/* Edit distance of the Latin letters of 'a' and 'b', case aside; with 'fold', also the letters a reader takes for
 * one another (e/i/y, o/u, p/b, v/f, c/k/q/g) aside. */
static int latin_dist_(const char *a, const char *b, int fold) {
  char x[64], y[64];
  int nx = 0, ny = 0;
  for (; *a && nx < 63; a++) if ((*a | 32) >= 'a' && (*a | 32) <= 'z') x[nx++] = fold ? fold_latin(*a) : (char)(*a | 32);
  for (; *b && ny < 63; b++) if ((*b | 32) >= 'a' && (*b | 32) <= 'z') y[ny++] = fold ? fold_latin(*b) : (char)(*b | 32);
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

static int latin_dist(const char *a, const char *b) { return latin_dist_(a, b, 1); }

/* Per-thread memo of rasd__gaz_best(): the same mention text comes back in article after article. Past its
 * 1 << MEMO_BITS entries, 1 << EXACT_BITS more keep answers of rasd__gaz_exact() (apart: they would push out
 * answers that cost far more). */
#define MEMO_BITS 16
#define EXACT_BITS 13
#define MEMO_STR 46
typedef struct memo_ent {
  uint64_t gen, h;
  int64_t val;
  uint8_t len;
  int8_t type;
  char s[MEMO_STR];
} memo_ent;
/* The table is allocated on a thread's first lookup (static TLS of this size would be cleared at every
 * program start) and freed when the thread ends. */
static _Thread_local memo_ent *memo_best;
static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static void memo_key_init(void) { (void)pthread_key_create(&memo_key, free); }
static memo_ent *memo_table(void) {
  if (!memo_best) {
    pthread_once(&memo_once, memo_key_init);
    size_t n = ((size_t)1 << MEMO_BITS) + ((size_t)1 << EXACT_BITS);
    memo_best = calloc(n, sizeof *memo_best);
    rasd__advise_huge(memo_best, n * sizeof *memo_best);
    if (memo_best) (void)pthread_setspecific(memo_key, memo_best);
  }
  return memo_best;
}

static uint64_t bytes_hash(const char *s, size_t len, int type) {
  return rasd__hash8(s, len, 0xcbf29ce484222325ull ^ (uint64_t)(type + 7) ^ ((uint64_t)len << 40));
}

/* 1 when entry 'k' has the flat form 'want' ('wl' bytes, hash 'wh'). */
static int flat_equal(const rasd__gaz *g, uint32_t k, const uint8_t *want, size_t wl, uint64_t wh) {
  if (g->fhash[k] != wh) return 0;
  uint8_t f[1024];
  size_t fl = flat_entry(g->str + g->ent[(size_t)k * RASD__GAZ_ENT_WORDS + 1], f, sizeof f);
  return fl == wl && !memcmp(f, want, wl);
}

/* 1 when entry 'k' decodes to at most 1 KB of UTF-8 (longer entries are never matched). */
static int entry_fits(const rasd__gaz *g, uint32_t k) {
  char ar[1024];
  return rasd__gaz_arabic(g, k, ar, sizeof ar) != 0;
}

/* Per-thread cache of entries' parsed Arabic forms for gaz_best_scan(): the entries of a key group come back in scan
 * after scan (names that share their consonants), and decoding and parsing each was 1.7 % of a run. Direct-mapped by
 * entry index, 16k slots (~22 MB per thread; over 29k articles 61 % of 1.3M look-ups hit, 25 % with 4096 slots),
 * allocated on first use. */
#define PC_BITS 14
typedef struct pc_ent {
  uint64_t gen;    /* the gazetteer's generation; 0: empty */
  uint32_t k;
  int8_t fits, np; /* rasd__gaz_arabic() gave a form; rasd__name_parse()'s count */
  rasd__name nm;
} pc_ent;
static _Thread_local pc_ent *pc_tab;
static pthread_key_t pc_key;
static pthread_once_t pc_once = PTHREAD_ONCE_INIT;
static void pc_key_init(void) { (void)pthread_key_create(&pc_key, free); }

/* Entry k's Arabic form parsed (*fits: the form fits 1 KB; *np: the parse's token count), in 'own' when there is no
 * cache. */
static const rasd__name *entry_parsed(const rasd__gaz *g, uint32_t k, int *fits, int *np, rasd__name *own) {
  if (!pc_tab) {
    pthread_once(&pc_once, pc_key_init);
    if ((pc_tab = calloc(1u << PC_BITS, sizeof *pc_tab))) (void)pthread_setspecific(pc_key, pc_tab);
  }
  pc_ent *e = pc_tab ? &pc_tab[k & ((1u << PC_BITS) - 1)] : NULL;
  if (e && e->gen == g->gen && e->k == k) {
    *fits = e->fits, *np = e->np;
    return &e->nm;
  }
  rasd__name *nm = e ? &e->nm : own;
  char ar[1024];
  size_t al = rasd__gaz_arabic(g, k, ar, sizeof ar);
  *fits = al != 0;
  *np = al ? rasd__name_parse(ar, al, nm) : 0;
  if (e) e->gen = g->gen, e->k = k, e->fits = (int8_t)*fits, e->np = (int8_t)*np;
  return nm;
}

/* Scan modes: the best entry; any entry (the first that matches); the best entry only when it is curated. */
enum { SCAN_BEST = 0, SCAN_ANY = 1, SCAN_CURATED = 2 };

/* Per-thread memo of a scan's verdicts, by question: one name is scanned in several modes and types (the curated
 * scan of a mention, then the best of its type for the English form), and each verdict (the question against an
 * entry's Arabic form) depends on the two strings alone. Over 29k articles 54 % of the scans were of a question
 * scanned before, over 58 % of the entries scanned. Direct-mapped, 4096 questions (~3.7 MB per thread). */
#define SV_BITS 12
#define SV_STR 62
#define SV_N 64 /* as many as a scan keeps (SEEN below) */
typedef struct sv_rec {
  uint64_t gen, h;
  uint8_t len, n;
  char s[SV_STR];
  uint64_t fh[SV_N];
  uint32_t k[SV_N];
  int8_t v[SV_N];
} sv_rec;
static _Thread_local sv_rec *sv_tab;
static pthread_key_t sv_key;
static pthread_once_t sv_once = PTHREAD_ONCE_INIT;
static void sv_key_init(void) { (void)pthread_key_create(&sv_key, free); }

/* The memo slot of question 's' ('len' bytes; *hit when it holds its verdicts), NULL when none. */
static sv_rec *sv_find(const rasd__gaz *g, const char *s, size_t len, uint64_t *h, int *hit) {
  *hit = 0;
  if (len >= SV_STR) return NULL;
  if (!sv_tab) {
    pthread_once(&sv_once, sv_key_init);
    if ((sv_tab = calloc(1u << SV_BITS, sizeof *sv_tab))) (void)pthread_setspecific(sv_key, sv_tab);
    if (!sv_tab) return NULL;
  }
  *h = bytes_hash(s, len, 0);
  sv_rec *r = &sv_tab[*h & ((1u << SV_BITS) - 1)];
  *hit = r->gen == g->gen && r->h == *h && r->len == len && !memcmp(r->s, s, len);
  return r;
}

static void sv_keep(sv_rec *r, const rasd__gaz *g, const char *s, size_t len, uint64_t h, const uint64_t *fh,
                    const uint32_t *k, const int8_t *v, int n) {
  if (!r) return;
  r->gen = g->gen, r->h = h, r->len = (uint8_t)len, r->n = (uint8_t)n;
  memcpy(r->s, s, len);
  memcpy(r->fh, fh, (size_t)n * sizeof *fh);
  memcpy(r->k, k, (size_t)n * sizeof *k);
  memcpy(r->v, v, (size_t)n * sizeof *v);
}

/* What an entry's type, title flag and source add to its spelling's score (100 exact, 50 close) in a scan for 'type'. */
static inline int scan_amends(const rasd__gaz_entry *e, int type) {
  int a = 0;
  if (type != RASD_ENT_NONE && e->type == type) a += 20;
  else if (type != RASD_ENT_NONE && e->type != RASD_ENT_NONE) a -= 20;
  if (e->flags & RASD__GF_TITLE) a -= 30;
  return a - e->src * 2;
}

static int64_t gaz_best_scan(const rasd__gaz *g, const char *s, size_t len, int type, int mode) {
  rasd__name qn, other;
  rasd__name_parse(s, len, &qn);
  char key[RASD__NAME_KEYMAX];
  size_t kl = rasd__name_key_parsed(&qn, key);
  uint32_t first, n = rasd__gaz_find_key(g, key, kl, &first);
  if (!n) return -1;
  uint8_t want[1024];
  size_t wl = flat_query(s, len, want, sizeof want);
  uint64_t wh = sh_bytes(want, wl);
  char *tl = NULL;
  int64_t best = -1;
  int best_score = -1000;
  if (n > GAZ_SCAN_MAX) n = GAZ_SCAN_MAX;
  /* one verdict per distinct Arabic form in the group (ANETAC lists a spelling once per English form) */
  enum { SEEN = SV_N };
  uint64_t seen_h[SEEN];
  uint32_t seen_k[SEEN];
  int8_t seen_v[SEEN];
  int nseen = 0, svhit;
  uint64_t svh = 0;
  sv_rec *sv = sv_find(g, s, len, &svh, &svhit);
  if (svhit) {
    nseen = sv->n;
    memcpy(seen_h, sv->fh, (size_t)nseen * sizeof *seen_h);
    memcpy(seen_k, sv->k, (size_t)nseen * sizeof *seen_k);
    memcpy(seen_v, sv->v, (size_t)nseen * sizeof *seen_v);
  }
  int nseen0 = nseen;
  /* A close spelling scores 50 where the exact one scores 100, before the same amends for type, title and source,
   * so an entry whose best possible score is under a score already reached cannot be the answer, nor change it
   * (ties alone decide between equals): its spelling, the costly part of a scan, need not be compared. The exact
   * spellings are found first (a hash compare each), so that their scores bound the close ones from the start. */
  int floor_score = -1000;
  if (mode != SCAN_ANY)
    for (uint32_t k = first; k < first + n; k++) {
      rasd__gaz_entry e;
      rasd__gaz_get(g, k, &e);
      if (mode == SCAN_CURATED && e.src > RASD__GSRC_CITY) break;
      int fits, np;
      if (!flat_equal(g, k, want, wl, wh) || (entry_parsed(g, k, &fits, &np, &other), !fits)) continue;
      int sc = 100 + scan_amends(&e, type);
      if (sc > floor_score) floor_score = sc;
    }
  for (uint32_t k = first; k < first + n; k++) {
    rasd__gaz_entry e;
    rasd__gaz_get(g, k, &e);
    if (mode == SCAN_CURATED && e.src > RASD__GSRC_CITY) {
      /* a key group lists curated entries first. Past them, only the exact spelling of another entry
       * (ANETAC 100-6, a title 100-30-8) can outscore a curated close spelling (50 at most); nothing
       * outscores a curated exact one (96 at least) */
      if (best < 0 || best_score > 94) break;
      for (uint32_t q = k; q < first + n; q++)
        if (flat_equal(g, q, want, wl, wh) && entry_fits(g, q)) { best = -1; break; }
      break;
    }
    const char *enc = g->str + g->ent[(size_t)k * RASD__GAZ_ENT_WORDS + 1];
    int v = -1;
    for (int q = 0; q < nseen && v < 0; q++)
      if (seen_h[q] == g->fhash[k] && !strcmp(g->str + g->ent[(size_t)seen_k[q] * RASD__GAZ_ENT_WORDS + 1], enc))
        v = seen_v[q];
    if (v < 0 && mode != SCAN_ANY && 50 + scan_amends(&e, type) < (best_score > floor_score ? best_score : floor_score) &&
        !flat_equal(g, k, want, wl, wh))
      continue;
    if (v < 0) {
      int fits, np;
      const rasd__name *on = entry_parsed(g, k, &fits, &np, &other);
      if (!fits) v = 0;
      else if (flat_equal(g, k, want, wl, wh)) v = 100;
      else if (qn.n && np == qn.n && rasd__names_spelling(&qn, on, RASD__NM_NOSHORT)) v = 50;
      else v = 0;
      if (nseen < SEEN) { seen_h[nseen] = g->fhash[k]; seen_k[nseen] = k; seen_v[nseen] = (int8_t)v; nseen++; }
    }
    if (!v) continue;
    if (mode == SCAN_ANY) {
      if (nseen > nseen0) sv_keep(sv, g, s, len, svh, seen_h, seen_k, seen_v, nseen);
      return k;
    }
    int score = v + scan_amends(&e, type);
    if (score > best_score) { best_score = score; best = k; }
    else if (score == best_score && best >= 0) {
      /* one spelling, several English forms (Vladimir, Valdimir): the one closest to how it reads; between two as
       * close, the one closer letter for letter (يوسف "Yosf": Yosef, not Iosef) */
      if (!tl) tl = rasd__translit(s, len);
      rasd__gaz_entry be;
      rasd__gaz_get(g, (uint32_t)best, &be);
      int dk = tl ? latin_dist(e.en, tl) : 0, db = tl ? latin_dist(be.en, tl) : 0;
      if (tl && (dk < db || (dk == db && latin_dist_(e.en, tl, 0) < latin_dist_(be.en, tl, 0)))) best = k;
    }
  }
  if (nseen > nseen0 || !svhit) sv_keep(sv, g, s, len, svh, seen_h, seen_k, seen_v, nseen);
  free(tl);
  return best;
}

/* The memo slot of (s, len, code) when it holds the answer (*hit), else the slot to fill with memo_put; NULL when
 * the string is too long to keep or there is no memo. */
static memo_ent *memo_find(const rasd__gaz *g, const char *s, size_t len, int code, int *hit) {
  *hit = 0;
  if (len > MEMO_STR) return NULL;
  memo_ent *tab = memo_table();
  if (!tab) return NULL;
  uint64_t h = bytes_hash(s, len, code);
  memo_ent *m = code >= 0 ? &tab[h & ((1u << MEMO_BITS) - 1)] : &tab[(1u << MEMO_BITS) + (h & ((1u << EXACT_BITS) - 1))];
  *hit = m->gen == g->gen && m->h == h && m->len == len && m->type == code && !memcmp(m->s, s, len);
  return m;
}

static int64_t memo_put(memo_ent *m, const rasd__gaz *g, const char *s, size_t len, int code, int64_t v) {
  if (!m) return v;
  m->gen = g->gen;
  m->h = bytes_hash(s, len, code);
  m->len = (uint8_t)len;
  m->type = (int8_t)code;
  memcpy(m->s, s, len);
  m->val = v;
  return v;
}

static int64_t gaz_memo(const rasd__gaz *g, const char *s, size_t len, int type, int mode) {
  if (!g || !s || !len || len > 512) return -1;
  int code = mode ? 100 + mode : type, hit;
  memo_ent *m = memo_find(g, s, len, code, &hit);
  if (hit) return m->val;
  return memo_put(m, g, s, len, code, gaz_best_scan(g, s, len, type, mode));
}

int64_t rasd__gaz_best(const rasd__gaz *g, const char *s, size_t len, int type) {
  return gaz_memo(g, s, len, type, SCAN_BEST);
}

int rasd__gaz_any(const rasd__gaz *g, const char *s, size_t len) { return gaz_memo(g, s, len, RASD_ENT_NONE, SCAN_ANY) >= 0; }

int64_t rasd__gaz_best_curated(const rasd__gaz *g, const char *s, size_t len) {
  return gaz_memo(g, s, len, RASD_ENT_NONE, SCAN_CURATED);
}

unsigned rasd__gaz_types(const rasd__gaz *g, const char *s, size_t len) {
  if (!g || !s || !len || len > 512) return 0;
  unsigned mask = rasd__gaz_trigger(g, s, len) ? 1u : 0u;
  rasd__name qn, other;
  rasd__name_parse(s, len, &qn);
  char key[RASD__NAME_KEYMAX];
  size_t kl = rasd__name_key_parsed(&qn, key);
  uint32_t first, n = rasd__gaz_find_key(g, key, kl, &first);
  if (n > GAZ_SCAN_MAX) n = GAZ_SCAN_MAX;
  for (uint32_t k = first; qn.n && k < first + n; k++) {
    rasd__gaz_entry e;
    rasd__gaz_get(g, k, &e);
    char ar[1024];
    size_t al = rasd__gaz_arabic(g, k, ar, sizeof ar);
    if (!al || !rasd__name_parse(ar, al, &other) || !rasd__names_spelling(&qn, &other, RASD__NM_NOSHORT)) continue;
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
  if (!key[1] || !g->n) return 0;
  uint32_t first;
  return find_enc_key(g, key, &first) > 0;
}

static int64_t gaz_exact(const rasd__gaz *g, const char *s, size_t len, int curated, int type, const uint8_t *want,
                         size_t wl, uint64_t wh);

/* rasd__gaz_exact() is a pure function of the gazetteer and its arguments, asked about the same words in article after
 * article: its answers go to their part of the memo of rasd__gaz_best() (codes below 0). Most words it is asked about
 * are no entry's flat form, which a Bloom filter tells before the memo is read (its slot is mostly a cache miss): for
 * the curated entries, whose filter is small enough to stay in cache, that of the curated flat forms alone. */
static int64_t exact_flat(const rasd__gaz *g, const char *s, size_t len, int curated, int type, const uint8_t *want,
                          size_t wl, uint64_t wh);

int64_t rasd__gaz_exact(const rasd__gaz *g, const char *s, size_t len, int curated, int type) {
  if (!g || !s || !len || len > 512) return -1;
  uint8_t want[1024];
  size_t wl = flat_query(s, len, want, sizeof want);
  return exact_flat(g, s, len, curated, type, want, wl, sh_bytes(want, wl));
}

int rasd__gaz_exact_en(const rasd__gaz *g, const char *s, size_t len, const char *en) {
  if (!g || !s || !len || len > 512 || !en || !*en) return 0;
  uint8_t want[1024];
  size_t wl = flat_query(s, len, want, sizeof want);
  uint64_t wh = sh_bytes(want, wl);
  if (!bloom_has(g->fbloom, g->fbmask, wh)) return 0;
  for (uint32_t i = g->fhead[(uint32_t)(wh >> 32) & g->fmask]; i; i = g->fnext[i - 1]) {
    uint32_t k = i - 1;
    rasd__gaz_entry e;
    rasd__gaz_get(g, k, &e);
    if ((e.flags & RASD__GF_TITLE) || !flat_equal(g, k, want, wl, wh) || !entry_fits(g, k)) continue;
    const char *a = e.en, *b = en;
    while (*a && *b && ((*a | 0x20) == (*b | 0x20) || *a == *b)) a++, b++;
    if (!*a && !*b) return 1;
  }
  return 0;
}

int rasd__gaz_exact_suffix(const rasd__gaz *g, const char *s, size_t len, const uint32_t *off, int n, int curated,
                           int type) {
  if (!g || !s || len > 512) {
    for (int k = 0; k < n; k++)
      if (rasd__gaz_exact(g, s ? s + off[k] : s, len - off[k], curated, type) >= 0) return k;
    return -1;
  }
  /* the flat form of the whole, and where each suffix's begins in it (flat_query maps code point by code
   * point: a suffix's flat form is the end of the whole's) */
  uint8_t want[1024];
  size_t fo[8], i = 0, o = 0;
  int q = 0;
  if (n > 8) n = 8;
  pthread_once(&flat_once, flat_init);
  const unsigned char *u = (const unsigned char *)s;
  while (i < len) {
    while (q < n && off[q] <= i) fo[q] = off[q] == i ? o : SIZE_MAX, q++; /* SIZE_MAX: inside a code point */
    /* up to the next suffix's start, the letters of the Arabic block as flat_query() takes them (len <= 512: 'want'
     * has room) */
    size_t stop = q < n ? off[q] : len;
    while (i < stop && i + 1 < len && u[i] - 0xD8u <= 3u && (u[i + 1] & 0xC0) == 0x80) {
      uint8_t f = FLAT2[((u[i] - 0xD8u) << 6) | (u[i + 1] & 0x3Fu)];
      want[o] = f;
      o += f != 0;
      i += 2;
    }
    if (i >= len || i >= stop) continue;
    uint8_t f = flat_next(s, len, &i);
    if (f) want[o++] = f;
  }
  while (q < n) fo[q] = off[q] == i ? o : SIZE_MAX, q++;
  /* the hash folds from the end: one backward pass gives every suffix's */
  uint64_t hs[8], h = SH0;
  size_t at = o;
  for (int k = n; k-- > 0;) {
    if (fo[k] == SIZE_MAX) continue;
    while (at > fo[k]) h = sh_step(h, want[--at]);
    hs[k] = h | 1;
  }
  for (int k = 0; k < n; k++) {
    if (off[k] >= len) continue;
    if (fo[k] == SIZE_MAX ? rasd__gaz_exact(g, s + off[k], len - off[k], curated, type) >= 0
                          : exact_flat(g, s + off[k], len - off[k], curated, type, want + fo[k], o - fo[k], hs[k]) >= 0)
      return k;
  }
  return -1;
}

/* rasd__gaz_exact() of 's' given its flat form 'want' ('wl' bytes, sh_bytes hash 'wh'). */
static int64_t exact_flat(const rasd__gaz *g, const char *s, size_t len, int curated, int type, const uint8_t *want,
                          size_t wl, uint64_t wh) {
  if (curated ? !bloom_has(g->cfull, g->cfmask, wh) : !bloom_has(g->fbloom, g->fbmask, wh)) return -1;
  if (curated < 0 || curated > 3 || type < 0 || type > 7) return gaz_exact(g, s, len, curated, type, want, wl, wh);
  int code = -1 - curated * 8 - type, hit;
  memo_ent *m = memo_find(g, s, len, code, &hit);
  if (hit) return m->val;
  return memo_put(m, g, s, len, code, gaz_exact(g, s, len, curated, type, want, wl, wh));
}

/* rasd__gaz_exact() without the memo, given the flat form 'want' ('wl' bytes, hash 'wh') of 's'. */
static int64_t gaz_exact(const rasd__gaz *g, const char *s, size_t len, int curated, int type, const uint8_t *want,
                         size_t wl, uint64_t wh) {
  /* entries with the same flat form, found through their hash chain; the one a scan of the name's
   * key group would meet first (the lowest index) wins, and it must share the name's key */
  if (!bloom_has(g->fbloom, g->fbmask, wh)) return -1;
  int64_t best = -1;
  const uint32_t *head = curated ? g->chead : g->fhead, *next = curated ? g->cnext : g->fnext;
  uint32_t bucket = (uint32_t)(wh >> 32) & (curated ? g->cmask : g->fmask);
  for (uint32_t i = head[bucket]; i; i = next[i - 1]) {
    uint32_t k = i - 1;
    if (best >= 0) break;
    rasd__gaz_entry e;
    rasd__gaz_get(g, k, &e);
    if (curated && e.src > RASD__GSRC_CITY) continue;
    if (e.flags & RASD__GF_TITLE) continue;
    if (type != RASD_ENT_NONE && e.type != type) continue;
    if (curated && !(e.src == RASD__GSRC_HAND || e.src == RASD__GSRC_COUNTRY ||
                     (e.src == RASD__GSRC_CITY && (curated == 2 || (e.flags & RASD__GF_CAPITAL)))))
      continue;
    if (!flat_equal(g, k, want, wl, wh) || !entry_fits(g, k)) continue;
    best = k;
  }
  if (best < 0) return -1;
  /* the key check (rarely fails: ة/ه, word breaks) */
  rasd__name qn;
  rasd__name_parse(s, len, &qn);
  char key[RASD__NAME_KEYMAX], enc[RASD__NAME_KEYMAX];
  size_t kl = rasd__name_key_parsed(&qn, key);
  if (!kl || kl > 1024) return -1;
  rasd__gaz_enc(key, kl, enc);
  if (!strcmp(g->str + g->ent[(size_t)best * RASD__GAZ_ENT_WORDS], enc)) return best;
  /* the lowest entry had another key: look for one with the name's key */
  int64_t best2 = -1;
  for (uint32_t i = head[bucket]; i; i = next[i - 1]) {
    uint32_t k = i - 1;
    if (best2 >= 0) break;
    if (strcmp(g->str + g->ent[(size_t)k * RASD__GAZ_ENT_WORDS], enc)) continue;
    rasd__gaz_entry e;
    rasd__gaz_get(g, k, &e);
    if (curated && e.src > RASD__GSRC_CITY) continue;
    if (e.flags & RASD__GF_TITLE) continue;
    if (type != RASD_ENT_NONE && e.type != type) continue;
    if (curated && !(e.src == RASD__GSRC_HAND || e.src == RASD__GSRC_COUNTRY ||
                     (e.src == RASD__GSRC_CITY && (curated == 2 || (e.flags & RASD__GF_CAPITAL)))))
      continue;
    if (!flat_equal(g, k, want, wl, wh) || !entry_fits(g, k)) continue;
    best2 = k;
  }
  return best2;
}

/* و ف ب ل ك in the one-byte form: the letters a clitic prefix strips (see clitic_letters() in entities.c). */
static int is_clitic_letter(uint8_t b) {
  return b == 0x80 + (0x0648 - 0x0600) || b == 0x80 + (0x0641 - 0x0600) || b == 0x80 + (0x0628 - 0x0600) ||
         b == 0x80 + (0x0644 - 0x0600) || b == 0x80 + (0x0643 - 0x0600);
}

unsigned rasd__gaz_tail(const rasd__gaz *g, const char *s, size_t len, unsigned want) {
  if (!g || !g->suf || !s || !len || len > 512) return 0;
  uint8_t f[1024];
  size_t fl = flat_query(s, len, f, sizeof f);
  if (!fl) return 0;
  /* one backward pass: the hash of every suffix; the word with 0–2 letters off its front are the
   * last three, and ال before each of them two more steps */
  uint64_t h = SH0, at[3] = {0, 0, 0};
  for (size_t i = fl; i-- > 0;) {
    h = sh_step(h, f[i]);
    if (i < 3) at[i] = h;
  }
  const uint8_t alif = 0x80 + (0x0627 - 0x0600), lam = 0x80 + (0x0644 - 0x0600);
  /* the last two letters end some curated form: a 8 KB bitmap before any Bloom probe */
  unsigned ly = fl > 1 ? f[fl - 2] : 0, lz = f[fl - 1];
  int end_ok = (g->suf2[(ly << 2) | (lz >> 6)] >> (lz & 63)) & 1;
  unsigned r = (want & 1) && end_ok && bloom_has(g->suf, g->smask, at[0] | 1) ? 1u : 0u;
  if (!(want & 6)) return r;
  /* only clitic letters come off (و ف ب ل ك), and ال is put only where لل came off */
  int clitics = 0, lams = 0;
  while (clitics < 2 && clitics < (int)fl && is_clitic_letter(f[clitics])) clitics++;
  while (lams < 2 && lams < (int)fl && f[lams] == lam) lams++;
  for (int k = 0; k <= clitics && k < (int)fl; k++) {
    int al = k >= 1 && k <= lams;
    unsigned a = f[k], b = (size_t)k + 1 < fl ? f[k + 1] : 0;
    int begins = (g->pre2[(a << 2) | (b >> 6)] >> (b & 63)) & 1, al_begins = al && ((g->pre2[(alif << 2) | (lam >> 6)] >> (lam & 63)) & 1);
    if (!begins && !al_begins) continue;
    /* a one-letter rest ends a form when any form ends with that letter; with ال before it, its last
     * two letters are ل and that letter, as in the word (ly is that ل) */
    int plain_end = fl - (size_t)k >= 2 ? end_ok : (int)((g->suf2[lz >> 6] >> (lz & 63)) & 1);
    if ((want & 2) && !(r & 2) && ((begins && plain_end && bloom_has(g->cfull, g->cfmask, at[k] | 1)) ||
                     (al_begins && end_ok && bloom_has(g->cfull, g->cfmask, sh_step(sh_step(at[k], lam), alif) | 1))))
      r |= 2;
    if ((want & 4) && !(r & 4)) {
      /* forward: the word is the start of a curated name */
      uint64_t p = PH0, q = sh_step(sh_step(PH0, alif), lam);
      for (size_t i = (size_t)k; i < fl; i++) {
        p = sh_step(p, f[i]);
        q = sh_step(q, f[i]);
      }
      if ((begins && bloom_has(g->cpre, g->cpmask, p | 1)) || (al_begins && bloom_has(g->cpre, g->cpmask, q | 1))) r |= 4;
    }
  }
  return r;
}
