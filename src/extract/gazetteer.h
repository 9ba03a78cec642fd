/* gazetteer.h — internal lookups in the compiled gazetteer (data/gazetteer.bin, built by tools/gazc). */
#ifndef RASD_GAZETTEER_H
#define RASD_GAZETTEER_H
#include <stddef.h>
#include <stdint.h>
#include "extract/extract.h"

#define RASD__GAZ_MAGIC "RASDGAZ\x01"
#define RASD__GAZ_VERSION 2 /* file layout; the name-key version is stored beside it */
#define RASD__GAZ_FILE "gazetteer.bin"

/* Sources, in order of trust (lower wins when two entries share a key). */
enum { RASD__GSRC_HAND = 0, RASD__GSRC_COUNTRY = 1, RASD__GSRC_CITY = 2, RASD__GSRC_ANETAC = 3, RASD__GSRC_TITLE = 4 };

/* Entry flags. */
#define RASD__GF_CAPITAL 1  /* a capital city; 'rel' is its country */
#define RASD__GF_COUNTRY 2  /* a country; 'rel' is its capital (or none) */
#define RASD__GF_ALIAS 4    /* an alternative name (e.g. الاتحاد الروسي for Russia) */
#define RASD__GF_TITLE 8    /* a title or role word (السيد، الرئيس، وزير…): trigger, no entity */

#define RASD__GAZ_NOREL 0xffffffffu

/* One entry as the lookups return it (pointers into the loaded file; valid until rasd__gaz_free()). */
typedef struct rasd__gaz_entry {
  uint8_t type;     /* rasd_ent_type (RASD_ENT_NONE for titles) */
  uint8_t src;      /* RASD__GSRC_* */
  uint8_t flags;    /* RASD__GF_* */
  const char *en;   /* English form, NUL-terminated, "" when none */
  uint32_t rel;     /* related entry index (capital ↔ country) or RASD__GAZ_NOREL */
} rasd__gaz_entry;

/** Returns the number of entries in 'g' (0 when 'g' is NULL). */
size_t rasd__gaz_size(const rasd__gaz *g);

/** Returns a number that tells this load of the gazetteer from every other one in the process (for
 * memo tables); 0 when 'g' is NULL. */
uint64_t rasd__gaz_gen(const rasd__gaz *g);

/** Fills 'e' with entry 'i' of 'g'; returns 0, or -1 when 'i' is out of range (then 'e' is an empty entry). */
int rasd__gaz_get(const rasd__gaz *g, uint32_t i, rasd__gaz_entry *e);

/** Writes the Arabic form of entry 'i' (normalised, UTF-8, NUL-terminated) to 'out' ('cap' bytes);
 * returns its length, or 0 when it does not fit. */
size_t rasd__gaz_arabic(const rasd__gaz *g, uint32_t i, char *out, size_t cap);

/** Finds the entries whose key equals 'key' ('klen' bytes, from rasd_name_key()): sets '*first' and
 * returns how many there are (0 when none). */
uint32_t rasd__gaz_find_key(const rasd__gaz *g, const char *key, size_t klen, uint32_t *first);

/** Returns the index of the best entry for the name 's' ('len' bytes, as written): same key, letters
 * matching, preferring type 'type' (RASD_ENT_NONE: any) and trusted sources; -1 when none. */
int64_t rasd__gaz_best(const rasd__gaz *g, const char *s, size_t len, int type);

/** Returns 1 when rasd__gaz_best(g, s, len, RASD_ENT_NONE) would find an entry (stops at the first). */
int rasd__gaz_any(const rasd__gaz *g, const char *s, size_t len);

/** Returns rasd__gaz_best(g, s, len, RASD_ENT_NONE) when that entry is hand-written, a country or a city,
 * else -1 (reads the curated head of the key group and the exact spellings after it only). */
int64_t rasd__gaz_best_curated(const rasd__gaz *g, const char *s, size_t len);

/** Returns the index of an entry whose Arabic form is exactly 's' ('len' bytes; marks, hamza forms and
 * ة/ه aside); with 'curated' 1 only hand-written, country and capital-city entries count, with 2 also
 * every city; 'type' (RASD_ENT_NONE: any) filters by type; -1 when none. */
int64_t rasd__gaz_exact(const rasd__gaz *g, const char *s, size_t len, int curated, int type);

/** 1 when any entry of any source whose Arabic form is exactly 's' (as rasd__gaz_exact() takes it, titles aside)
 * has the English form 'en' (ASCII case folded): داكا is Dacca, Dhaka and Daka in the transliteration lists. */
int rasd__gaz_exact_en(const rasd__gaz *g, const char *s, size_t len, const char *en);

/** rasd__gaz_exact() of the ends of 's': the first k in 0..n-1 (n at most 8, 'off' ascending, each at a code point
 * of 's') for which rasd__gaz_exact(g, s + off[k], len - off[k], curated, type) finds an entry, else -1; the flat
 * form of 's' is made once for all of them. */
int rasd__gaz_exact_suffix(const rasd__gaz *g, const char *s, size_t len, const uint32_t *off, int n, int curated,
                           int type);

/** Cheap test for spans of known names around the word 's' ('len' bytes): bit 1 when its flat letters
 * may end a hand-written, country or city entry; bit 2 when the word alone, with up to two clitic letters
 * (و ف ب ل ك) off its front, and ال put back where لل came off, may be such an entry; bit 4 when that
 * word may begin one. Only the bits in 'want' are computed. A missing
 * bit says rasd__gaz_exact() (curated) of such a span finds nothing. */
unsigned rasd__gaz_tail(const rasd__gaz *g, const char *s, size_t len, unsigned want);

/** Returns a bit mask of the entity types the name 's' ('len' bytes) has in the gazetteer
 * (bit 1<<RASD_ENT_PER, 1<<RASD_ENT_LOC, 1<<RASD_ENT_ORG; bit 1 when it is a title or role word):
 * the membership feature for NER. 0 when unknown or 'g' is NULL. */
unsigned rasd__gaz_types(const rasd__gaz *g, const char *s, size_t len);

/** Returns 1 when the words 's' ('len' bytes: one word or a phrase such as "المتحدث باسم") are a title,
 * role or trigger word in the gazetteer's hand-written list (السيد، الرئيس، وزير، وكالة، جامعة…), else 0. */
int rasd__gaz_trigger(const rasd__gaz *g, const char *s, size_t len);

/** Encodes UTF-8 'in' ('len' bytes) into the file's one-byte-per-letter form in 'out' (room for
 * 'len'+1 bytes; NUL-terminated); returns its length. Letters outside the name alphabet are dropped. */
size_t rasd__gaz_enc(const char *in, size_t len, char *out);

/** Decodes the one-byte form 'in' (NUL-terminated) into UTF-8 'out' ('cap' bytes); returns its length,
 * or 0 when it does not fit. */
size_t rasd__gaz_dec(const char *in, char *out, size_t cap);

/* File layout (all integers little-endian u32):
 *   header: magic[8], layout version, name-key version, entry count, string-blob size, 8 reserved words
 *   entries: count × {key offset, arabic offset, english offset, related entry, meta = type | src<<8 | flags<<16},
 *            sorted by key bytes then source
 *   strings: NUL-terminated; keys and Arabic forms in the one-byte form, English in UTF-8. */
#define RASD__GAZ_HDR_WORDS 14
#define RASD__GAZ_ENT_WORDS 5

#endif
