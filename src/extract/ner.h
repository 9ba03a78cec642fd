/* ner.h — internal interface of the NER sequence labeller: tags, features, lexicon, model layout (shared with tools/train_ner.c). */
#ifndef RASD_NER_INTERNAL_H
#define RASD_NER_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

/* Tags, in model order: ANERcorp's tag set, B-/I- PERS, LOC, ORG, MISC and O. */
enum {
  RASD__NER_O = 0,
  RASD__NER_B_PERS, RASD__NER_I_PERS,
  RASD__NER_B_LOC, RASD__NER_I_LOC,
  RASD__NER_B_ORG, RASD__NER_I_ORG,
  RASD__NER_B_MISC, RASD__NER_I_MISC,
  RASD__NER_NTAGS
};
#define RASD__NER_T RASD__NER_NTAGS
/* Entity type of a tag: 0 for O, 1 PERS, 2 LOC, 3 ORG, 4 MISC. */
static inline int rasd__ner_tag_type(int t) { return t > 0 ? (t + 1) / 2 : 0; }
/* Position of a tag in its span: 0 B, 1 I (-1 for O). */
static inline int rasd__ner_tag_pos(int t) { return t > 0 ? (t & 1) == 0 : -1; }

/* Bumped whenever feature extraction changes meaning: a model trained with another version is refused. */
#define RASD__NER_FEAT_VERSION 12u
/* Model file format version. */
#define RASD__NER_FILE_VERSION 2u
#define RASD__NER_MAGIC "RASDNER\0"

/* Lexicon / gazetteer classes (bits of a 16-bit mask). Gazetteer bits come from ANERgazet (compiled
 * into the model); the others from our own trigger lists (ner_feat.c). */
enum {
  RASD__LX_GAZ_PERS = 1u << 0,
  RASD__LX_GAZ_LOC = 1u << 1,
  RASD__LX_GAZ_ORG = 1u << 2,
  RASD__LX_TITLE = 1u << 3,   /* person titles and roles: الرئيس، السيد، وزير … */
  RASD__LX_ORGHEAD = 1u << 4, /* organisation heads: وكالة، صحيفة، جامعة، مجلس … */
  RASD__LX_LOCHEAD = 1u << 5, /* place heads: مدينة، العاصمة، شمال … */
  RASD__LX_REPORT = 1u << 6,  /* reporting verbs: قال، أعلن، أكد … */
  RASD__LX_PREP = 1u << 7,    /* prepositions and particles: في، من، إلى … */
  RASD__LX_FUNC = 1u << 8,    /* other function words */
  RASD__LX_NISBA = 1u << 9,   /* ال…ي / ال…ية adjective (computed, not listed) */
  RASD__LX_FIRST = 1u << 10,  /* common Arabic given names (our list) */
  RASD__LX_MONTH = 1u << 11,  /* month and day names */
  RASD__LX_NAM_PERS = 1u << 12, /* ANETAC persons (compiled into the model) */
  RASD__LX_NAM_LOC = 1u << 13,  /* ANETAC locations, world cities and their countries */
  RASD__LX_NAM_ORG = 1u << 14,  /* ANETAC organisations */
  RASD__LX_PREFIX = 1u << 15,   /* the key is also the start of a longer phrase (not a class) */
};
#define RASD__LX_GAZ_ALL                                                                                \
  (RASD__LX_GAZ_PERS | RASD__LX_GAZ_LOC | RASD__LX_GAZ_ORG | RASD__LX_NAM_PERS | RASD__LX_NAM_LOC | \
   RASD__LX_NAM_ORG)

/* One hashed lexicon: open addressing over 64-bit phrase keys, value = class mask. */
typedef struct rasd__ner_lex {
  uint64_t *keys; /* 0 = empty */
  uint16_t *vals;
  uint32_t mask;  /* capacity - 1 (power of two) */
  uint32_t n;
  int max_words;  /* longest gazetteer phrase, in words */
  int external;   /* keys/vals live in memory the lexicon does not own */
  uint64_t *filt; /* optional bit filter over the keys (1 << 20 bits): most look-ups miss, cheaply */
  const int8_t *nlm; /* name-likeness of character trigrams: log-ratio × 16, names vs other words (or NULL) */
  unsigned nlm_bits;
} rasd__ner_lex;

/* Character-trigram buckets of a word's matching form (with ^ and $ boundaries), for the name-likeness
 * table; returns the count written to 'out' (at most 'max'). */
size_t rasd__ner_trigrams(const char *s, size_t len, unsigned bits, uint32_t *out, size_t max);

/* A word as written: bytes [s, s+len). */
typedef struct rasd__ner_word {
  const char *s;
  uint32_t len;
} rasd__ner_word;

/* Number of hashed features per token. */
#define RASD__NER_NF 63

/* The features split in three: word-only features (the same wherever the word stands), neighbour features
 * (the form and bare form of the words one and two before and after) and context features; the tagger
 * caches the first two per distinct word form. */
#define RASD__NER_NSELF 22
#define RASD__NER_NNB 8
#define RASD__NER_NCTX 33

/* What the context features need of one token (cls and gaz are completed by rasd__ner_mark). */
typedef struct rasd__ner_tok {
  uint64_t h_form, h_bare, h_shape, h_suf0, h_suf1;
  uint16_t cls, gaz, clu, clf;
  uint16_t lex1; /* lexicon value of the word alone (its one-word phrase key) */
  int8_t nlm;
  uint8_t has_al, nonempty;
  uint8_t bare2; /* the bare form has two code points or more (rasd__ner_def_key is h_bare, else 0) */
  uint32_t b37z;  /* the bucket of context feature 37 (the class before, h_suf1) when the class before is 0 */
} rasd__ner_tok;

/* One word's view 't' (gaz cleared) and its RASD__NER_NSELF word-only feature buckets 'self'. */
void rasd__ner_word_tok(const rasd__ner_lex *lx, const rasd__ner_word *w, unsigned bits, rasd__ner_tok *t,
                        uint32_t *self);
/* The RASD__NER_NNB buckets a word gives the tokens around it: [0-1] to the token after it (it is their word
 * before), [2-3] two after, [4-5] the token before it, [6-7] two before; 't' NULL: the sentence's edges. */
void rasd__ner_nb_feats(const rasd__ner_tok *t, unsigned bits, uint32_t *out);
/* Marks gazetteer spans and multiword trigger phrases in the tokens' gaz and cls. */
void rasd__ner_mark(const rasd__ner_lex *lx, rasd__ner_tok *t, size_t n);
/* The RASD__NER_NCTX context feature buckets of token i of t[0..n) (after rasd__ner_mark). */
void rasd__ner_ctx_feats(const rasd__ner_tok *t, size_t n, size_t i, unsigned bits, uint32_t *out);
/* Bucket tables of the context features with values from small sets, for 'bits' (malloc'd; free with
 * rasd__ner_ctab_free), and rasd__ner_ctx_feats through them: the same buckets, fewer hashes. */
#define RASD__NER_CTAB_CL 65 /* cluster ids 0..64 (0: none) */
typedef struct rasd__ner_ctab rasd__ner_ctab;
rasd__ner_ctab *rasd__ner_ctab_new(unsigned bits);
void rasd__ner_ctab_free(rasd__ner_ctab *t);
/* ... for all the tokens of the sentence into out[i * RASD__NER_NCTX ..]; with 'rows' (the weights), each
 * bucket's row is asked for (prefetched) as soon as it is known. */
void rasd__ner_ctx_feats_tab(const rasd__ner_ctab *tb, const rasd__ner_tok *t, size_t n, unsigned bits,
                             const uint64_t *pairs, const int16_t *rows, uint32_t *out);
/* The hashes of neighbouring pairs (forms, bare forms, classes) the context features of tokens i-1, i and i+1 share,
 * once per sentence, for rasd__ner_ctx_feats_tab ('pairs' NULL: each token hashes its own): RASD__NER_PAIRS(n) words. */
#define RASD__NER_PAIRS(n) (3 * ((n) + 3))
void rasd__ner_ctx_pairs(const rasd__ner_tok *t, size_t n, uint64_t *pairs);

/* Scratch for feature extraction of one sentence of 'cap' tokens (malloc'd; free with rasd__ner_scratch_free). */
typedef struct rasd__ner_scratch rasd__ner_scratch;
rasd__ner_scratch *rasd__ner_scratch_new(size_t cap);
void rasd__ner_scratch_free(rasd__ner_scratch *s);
size_t rasd__ner_scratch_cap(const rasd__ner_scratch *s);

/* Computes RASD__NER_NF feature bucket indices (in [0, 2^bits)) per token into feats[i*NF ..]; 'n' must be
 * ≤ the scratch capacity. Pure function of the words, the lexicon and 'bits'. */
void rasd__ner_features(const rasd__ner_lex *lx, const rasd__ner_word *w, size_t n, unsigned bits,
                        rasd__ner_scratch *sc, uint32_t *feats);

/* Lexicon: init empty with room for 'cap' entries; add a phrase (words separated by spaces, as written)
 * with class bits (each shorter start of it gets RASD__LX_PREFIX, so a look-up can stop early); look up. */
int rasd__ner_lex_init(rasd__ner_lex *lx, size_t cap);
void rasd__ner_lex_free(rasd__ner_lex *lx);
int rasd__ner_lex_add_key(rasd__ner_lex *lx, uint64_t key, uint16_t bits);
int rasd__ner_lex_add_phrase(rasd__ner_lex *lx, const char *s, size_t len, uint16_t bits);
/* Adds our built-in trigger/function-word lists. */
int rasd__ner_lex_add_builtin(rasd__ner_lex *lx);
/* Fills the bit filter 'filt' (1 << 20 bits, zeroed, owned by the caller) from the keys and turns it on. */
void rasd__ner_lex_filter(rasd__ner_lex *lx, uint64_t *filt);
/* Checksum of the built-in lists and feature version: stored in the model so a change is detected. */
uint64_t rasd__ner_builtin_sum(void);
/* Key of a phrase (as written), the same key the features look up. */
uint64_t rasd__ner_phrase_key(const char *s, size_t len);

/* Lexicon key under which a word's distributional cluster (1 + id, learnt by the trainer from unlabelled
 * news) is stored: a hash of the word without its conjunction and article, as written but for diacritics
 * (so على and علي differ), or with 'folded' of its matching form; 0 for an empty word. */
uint64_t rasd__ner_cluster_key(const char *s, size_t len, int folded);

/* Key of a word without its conjunction and article, and whether it had the article (ال, بال, لل …). */
uint64_t rasd__ner_def_key(const char *s, size_t len, int *definite);

/* Lexicon classes (RASD__LX_*), name-likeness bin (-8..8) and article (return value) of one word. */
int rasd__ner_word_traits(const rasd__ner_lex *lx, const char *s, size_t len, uint16_t *cls, int *nlm);
/* The distributional cluster + 1 of a word (clitic-stripped matching form), 0 when it has none (not among the
 * trainer's frequent words). */
int rasd__ner_word_cluster(const rasd__ner_lex *lx, const char *s, size_t len);
/* 1 when the word w[0..n) (as written) is a noun of office or kinship (وكيل، زميله، لشقيقه): never a name. */
int rasd__ner_role_noun(const char *w, size_t n);

/* Label names. */
extern const char *const rasd__ner_tag_names[RASD__NER_T];
int rasd__ner_tag_parse(const char *s, size_t len); /* -1 when unknown */

/* Returns 1 when tag 'b' may follow tag 'a' (a = -1: sentence start): I-X only after B-X or I-X. */
int rasd__ner_allowed(int a, int b);

/* ---- the model (ner.c) ---- */

/* File layout (little-endian): a 64-byte header, then the payload:
 *   int32 trans[(T+1) * T]   transition weights, row 0 = sentence start, row 1+a = after tag a
 *   uint64 lex_keys[n_lex], uint16 lex_bits[n_lex]   gazetteer phrases, hashed (see rasd__ner_phrase_key)
 *   int8 nlm[1 << nlm_bits]  name-likeness of character trigrams
 *   rows: n_rows × { varint bucket delta, uint16 tag mask, int16 weight per set bit }
 * weight = stored / scale. A checksum of the payload refuses corrupt or truncated files. */
typedef struct rasd__ner_header {
  char magic[8];
  uint32_t file_version, feat_version;
  uint32_t bits, ntags, nf, n_rows;
  uint32_t n_lex, lex_max_words;
  float scale;
  uint32_t payload_size;
  uint64_t builtin_sum, checksum;
  uint32_t nlm_bits;
  int32_t o_bias; /* added to the O score of every token (recall/precision balance), in weight units */
} rasd__ner_header;

/* In memory a weight row holds the weights of tags 1..T-1 minus that of O (tag 0), as 8 int16: 16 bytes, four
 * rows to a cache line, one SIMD load. Viterbi's choice does not change when the same amount is added to every
 * tag's score of a token, so the scores are kept relative to O, whose own score is then 0 (+ the O bias). The
 * few rows whose differences do not fit in int16 ("wide" rows) hold RASD__NER_WIDE in those lanes and their
 * exact values in a side table, so that the sums stay exact. */
#define RASD__NER_RS 8
#define RASD__NER_WIDE INT16_MIN
#define RASD__NER_MAXWIDE 64

typedef struct rasd__ner_wide {
  uint32_t bucket;
  int32_t v[RASD__NER_RS]; /* the exact weights relative to O */
} rasd__ner_wide;

struct rasd__ner {
  unsigned bits;
  int16_t *w;                 /* (1 << bits) × RASD__NER_RS, in 'region': weights relative to O */
  rasd__ner_wide wide[RASD__NER_MAXWIDE]; /* the wide rows, exactly */
  rasd__ner_ctab *ctab;       /* context feature buckets of small value sets */
  int n_wide;
  uint64_t *wide_bits;        /* bit b: bucket b is one of the wide rows */
  void *region;               /* one anonymous mapping (huge pages when the kernel allows): weights, lexicon */
  size_t region_len;
  int32_t trans[RASD__NER_T + 1][RASD__NER_T];
  int32_t trans_ob[RASD__NER_T][8]; /* trans[1 + a][t] for t = O, B-PERS, B-LOC, B-ORG, B-MISC (lanes 0..4; 0 after):
                                     * the tags any tag may precede, scored together in one vector */
  int32_t trans_in[8];        /* per tag 1..T-1 (lane t - 1): the way into I-X from it, trans[t + 1][t + 1] after B-X
                               * and trans[t + 1][t] after I-X itself */
  rasd__ner_lex lex;
  int8_t *nlm;
  int32_t o_bias;
  float scale;
  size_t file_size;
  uint64_t verb_clu;          /* bit c: cluster c + 1 holds verbs (those of a few common verbs, found at load) */
  unsigned long gen;          /* distinct per loaded model: a decoding state's word cache belongs to one */
  int avx2;                   /* the processor has AVX2: the emission sums use it (same sums) */
  struct rasd__ner_state *shared; /* the decoding state rasd__ner_run keeps between documents (with 'lock') */
  pthread_mutex_t lock;
};

uint64_t rasd__ner_checksum(const void *p, size_t n);
/* Loads the model at 'path'; RASD_EMODEL with a message naming the file (caller frees) when missing,
 * stale or corrupt. */
int rasd__ner_load_file(const char *path, struct rasd__ner **out, char **err);

/* Per-thread decoding buffers (grow as needed). */
typedef struct rasd__ner_state rasd__ner_state;
rasd__ner_state *rasd__ner_state_new(void);
void rasd__ner_state_free(rasd__ner_state *st);
/* Emission scores (T per word, relative to O so the first is 0, O bias not added) through the word cache, and the same computed plainly
 * from all features (for tests); 'out' has n × T entries. RASD_OK or RASD_ENOMEM. */
int rasd__ner_emissions(const struct rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n, int32_t *out);
int rasd__ner_emissions_ref(const struct rasd__ner *m, const rasd__ner_word *w, size_t n, int32_t *out);
/* What rasd__ner_run asks of a word besides its tag: the results of rasd__ner_word_traits (cls, nlm, return
 * value as 'definite') and rasd__ner_def_key, read from the decoding state's word cache. */
typedef struct rasd__ner_wtraits {
  uint64_t def_key;
  uint16_t cls;
  int8_t nlm;
  uint8_t definite;
} rasd__ner_wtraits;
/* With 'idx' (may be NULL) it also writes each word's cache entry (RASD__NER_NOIDX for long words) and sets
 * *idx_ok when those stay valid for rasd__ner_tag_idx until the state is next used otherwise. */
#define RASD__NER_NOIDX 0xFFFFFFFFu
int rasd__ner_traits(const struct rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n,
                     rasd__ner_wtraits *out, uint32_t *idx, int *idx_ok);
/* Tags 'n' words into 'tags' (tag indices) with Viterbi; returns RASD_OK or RASD_ENOMEM. The state keeps a
 * cache of the words it has seen (for the model it was last used with). */
int rasd__ner_tag(const struct rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n, uint8_t *tags);
/* rasd__ner_tag with the words' cache entries from rasd__ner_traits (idx NULL: look them up). */
int rasd__ner_tag_idx(const struct rasd__ner *m, rasd__ner_state *st, const rasd__ner_word *w, size_t n, uint8_t *tags,
                      const uint32_t *idx);

/* ---- what rasd__ner_run leaves for the later stages of the same analysis ---- */
struct rasd_doc;
struct rasd_analysis;
/* Per token of a->tokens, 0x80 | rasd__gaz_tail(word, 7) of the models' gazetteer, computed once per distinct
 * word of the run (in the NER word cache), 0 where not computed; NULL unless rasd__ner_run was the last to run
 * on this thread, on this very analysis and text. The array lives in the analysis arena. */
const uint8_t *rasd__ner_gaz_tails(const struct rasd_doc *d, const struct rasd_analysis *a);
/* Per token, the same way: rasd__ent_keybit() of its bare form + 2 (1: none) for the words rasd__entities_link
 * may compare with its entities (not stopwords, two letters or more), 0 for the others. */
const int16_t *rasd__ner_keybits(const struct rasd_doc *d, const struct rasd_analysis *a);
/* The 10-bit hash of the name key of bare word form 's' (entities.c), -1 when it is not one name token. */
int rasd__ent_keybit(const char *s, size_t len);
/* Forgets it (rasd_analyze does, through rasd__qscan_forget, before and after every document). */
void rasd__ner_forget(void);

#endif
