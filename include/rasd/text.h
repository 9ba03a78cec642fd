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

/* One token. Offsets are bytes into the text given to rasd_tokenize(). The strings live in the
 * owning rasd_tokens and stay valid until rasd_tokens_free(). */
typedef struct rasd_token {
  uint32_t start, len;   /* the token's bytes in the displayed text */
  const char *form;      /* matching form (see rasd_normalize), NUL-terminated */
  const char *bare;      /* matching form without proclitics و ف ب ل ك ال لل (names, entities) */
  const char *stem;      /* light stem: proclitics and plural/pronoun suffixes removed (search, clustering) */
  uint16_t form_len, bare_len, stem_len;
  uint8_t kind;          /* rasd_tok_kind */
  uint8_t flags;         /* RASD_TOKF_* */
  uint32_t sentence;     /* index of its sentence */
} rasd_token;

#define RASD_TOKF_SPACE_BEFORE 0x01 /* white space (or start of text) before the token */
#define RASD_TOKF_PARA_START 0x02   /* first token of a paragraph (after "\n") */
#define RASD_TOKF_STOP 0x04         /* a stopword (function word) */

/* One sentence: bytes [start, end) of the text and tokens [tok_begin, tok_end). */
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

/** Tokenizes and sentence-splits 's' ('len' bytes, UTF-8); returns NULL only when out of memory.
 * Caller frees with rasd_tokens_free(). Invalid UTF-8 bytes become RASD_TOK_OTHER tokens. */
rasd_tokens *rasd_tokenize(const char *s, size_t len);

/** Frees 't' and every string in it; NULL is fine. */
void rasd_tokens_free(rasd_tokens *t);

/** Returns the light stem of the matching-form word 'w' ('len' bytes) as a new string (caller frees
 * with rasd_free()); names keep their letters (only clitics come off). */
char *rasd_stem(const char *w, size_t len, size_t *out_len);

#endif
