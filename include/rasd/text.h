/* rasd/text.h — public text core: matching form, tokens with byte offsets, sentences, stems. */
#ifndef RASD_TEXT_H
#define RASD_TEXT_H
#include <stddef.h>
#include <stdint.h>

/* Token kinds. */
typedef enum {
  RASD_TOK_WORD = 1, /* Arabic word (may carry clitics) */
  RASD_TOK_LATIN,    /* word in Latin (or other non-Arabic) letters */
  RASD_TOK_NUMBER,   /* 3, 3.5, 1,200, ٢٠١٥ */
  RASD_TOK_DATE,     /* 2015/08/11, 11-8-2015 */
  RASD_TOK_URL,
  RASD_TOK_EMAIL,
  RASD_TOK_PUNCT,    /* ، ؛ ؟ . ! : ( ) - / and the like */
  RASD_TOK_QUOTE,    /* “ ” « » " ' ‘ ’ */
  RASD_TOK_OTHER
} rasd_tok_kind;

/* One token. Offsets are bytes into the text given to rasd_tokenize(): s[start .. start+len) is exactly
 * the token as displayed (with its tashkeel, tatweel and inner ZWNJ). The strings live in the owning
 * rasd_tokens and stay valid until rasd_tokens_free(); each is NUL-terminated and its length is exact
 * (a run longer than 60000 bytes is cut into several tokens, the later ones without SPACE_BEFORE).
 *
 *  form  The matching form (as rasd_normalize): no tashkeel/tatweel/invisible marks, ا for أ إ آ ٱ, ي for
 *        ى, ه for ة, ASCII digits, Latin lower-cased, NFKC. Every kind has one. Never show it to users.
 *        Examples: "وَالذَّخائرُ" → "والذخائر", "إيران" → "ايران", "٢٠١٥" → "2015", "Putin" → "putin".
 *  bare  For RASD_TOK_WORD: 'form' without its proclitics, i.e. conjunction و/ف, preposition ب/ل/ك and the
 *        article ال (also لل = ل+ال), and nothing else: "والذخائر" → "ذخائر", "للرئيس" → "رئيس",
 *        "وبوتين" → "بوتين", "لروسيا" → "روسيا". Conservative: a one-letter proclitic comes off only
 *        before letters where it is a clitic in most news words and never off protected words, so names and
 *        words that merely begin with those letters keep them ("ليبيا", "لبنان", "بكين", "بوتين", "فلاديمير",
 *        "وزير", "كوريا"); at least 2 letters remain after ال and 3 after a one-letter clitic. This is what
 *        names, NER and entity matching use (suffixes are kept: "الكورية" → "كوريه"). A suffix of 'form'.
 *        Other kinds: bare == form.
 *  stem  For RASD_TOK_WORD: 'bare' with the light suffix stemmer applied: future سـ on verbs (سيزور →
 *        يزور), country -يا → -ي (كوريا → كوري), one pronoun suffix (هما كما هم هن ها كم كن نا), one
 *        plural/dual/feminine ending (ات ون ين ان ه/ة) and a ة written ت before them (حكومتها → حكوم),
 *        each only when 3 letters stay (4 for ين ون ان نا, so بوتين, إيران, لبنان keep theirs). The nisba ي
 *        is kept, so كوريا, الكورية, الكوريين, كوري all give "كوري". What search and clustering use; the
 *        same word with different clitics gets the same stem (والذخائر/الذخائر/ذخائر → "ذخائر").
 *        Other kinds: stem == form. */
typedef struct rasd_token {
  uint32_t start, len;   /* the token's bytes in the displayed text */
  const char *form;      /* matching form (see above and rasd_normalize), NUL-terminated */
  const char *bare;      /* matching form without proclitics و ف ب ل ك ال لل (names, entities) */
  const char *stem;      /* light stem: proclitics and plural/pronoun suffixes removed (search, clustering) */
  uint16_t form_len, bare_len, stem_len;
  uint8_t kind;          /* rasd_tok_kind */
  uint8_t flags;         /* RASD_TOKF_* */
  uint32_t sentence;     /* index of its sentence */
} rasd_token;

#define RASD_TOKF_SPACE_BEFORE 0x01 /* white space (or start of text) before the token */
#define RASD_TOKF_PARA_START 0x02   /* first token of a paragraph (after "\n") */
#define RASD_TOKF_STOP 0x04         /* a stopword (function word, also with و/ف: وفي, فإن) */
#define RASD_TOKF_QUOTE_OPEN 0x08   /* a quote mark that opens a quotation closed in the same paragraph */
#define RASD_TOKF_QUOTE_CLOSE 0x10  /* the quote mark that closes such a quotation */

/* One sentence: bytes [start, end) of the text and tokens [tok_begin, tok_end). Sentences end after ؟ ! . …
 * (with closing quotes and brackets glued to the mark: `.”` and `”.` both stay in the sentence), and at
 * every line break ("\n" also starts a new paragraph); not after one-letter initials and abbreviations
 * (سيرجي ك. شويجو, جون إف. كينيدي, د. محمد), not inside numbers (3.5), and not inside a quotation that
 * goes on after the mark. Every token belongs to exactly one sentence; sentences cover tokens in order. */
typedef struct rasd_sentence {
  uint32_t start, end;
  uint32_t tok_begin, tok_end;
  uint32_t paragraph; /* index of the paragraph ("\n"-separated block) it lies in */
} rasd_sentence;

/* Tokens and sentences of one text. Owns all its strings. */
typedef struct rasd_tokens {
  rasd_token *tok;
  size_t n_tok;
  rasd_sentence *sent;
  size_t n_sent;
  void *priv_; /* internal storage */
} rasd_tokens;

/** Returns the matching form of 's' ('len' bytes) as a new NUL-terminated string (caller frees with
 * rasd_free()) and its length in '*out_len' (may be NULL); NULL when out of memory. The matching form
 * is never shown to users: NFKC of presentation forms, no tashkeel or tatweel, أ/إ/آ/ٱ→ا, ى→ي, ة→ه,
 * Arabic-Indic and Persian digits → ASCII, invisible marks removed, white space runs → one space. */
char *rasd_normalize(const char *s, size_t len, size_t *out_len);

/** Tokenizes and sentence-splits 's' ('len' bytes, UTF-8, may hold NULs); returns NULL only when out of
 * memory. Caller frees with rasd_tokens_free(). Runs of invalid UTF-8 bytes and of control characters
 * become RASD_TOK_OTHER tokens (form U+FFFD). Linear time; inputs beyond 4 GB are cut (32-bit offsets).
 * Numbers keep their separators in the form ("1,200", "3.5", "٣٫٥" → "3.5"; "10:30" is one NUMBER);
 * dates are d{1,4}/d{1,2}/d{2,4} with one of / - . ; URLs start with http(s)://, ftp:// or www. */
rasd_tokens *rasd_tokenize(const char *s, size_t len);

/** Frees 't' and every string in it; NULL is fine. */
void rasd_tokens_free(rasd_tokens *t);

/** Returns the light stem (see rasd_token.stem) of the matching-form word 'w' ('len' bytes; pass it
 * through rasd_normalize first) as a new NUL-terminated string (caller frees with rasd_free()), its
 * length in '*out_len' (may be NULL); NULL when out of memory. */
char *rasd_stem(const char *w, size_t len, size_t *out_len);

#endif
