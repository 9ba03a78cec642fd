/* encoding.c — input bytes to valid UTF-8: U+FFFD repair, NUL removal, Windows-1256 and UTF-16 via iconv, binary sniffing. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "read/read.h"

void rasd__utf8_repair(const char *s, size_t len, rasd__buf *out, size_t *nbad, size_t *nnul) {
  size_t i = 0, run = 0, bad = 0, nul = 0;
  if (rasd__buf_grow(out, len + len / 2 + 4)) return;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) {
      size_t j = i;
      int32_t cp = rasd__utf8_next(s, len, &j);
      if (cp >= 0) { i = j; continue; }
      rasd__buf_add(out, s + run, i - run);
      rasd__buf_add(out, "\xEF\xBF\xBD", 3);
      bad++;
      i++;
      run = i;
    } else if (c == 0) {
      rasd__buf_add(out, s + run, i - run);
      nul++;
      i++;
      run = i;
    } else {
      i++;
    }
  }
  rasd__buf_add(out, s + run, len - run);
  if (nbad) *nbad += bad;
  if (nnul) *nnul += nul;
}

/* Windows-1256 bytes that are Arabic letters or Arabic punctuation. */
static int cp1256_arabic(unsigned char c) {
  if (c >= 0xC1 && c <= 0xDF && c != 0xD7) return 1;
  switch (c) {
  case 0xA1: case 0xBA: case 0xBF: case 0xE1: case 0xE3: case 0xE4: case 0xE5: case 0xE6:
  case 0xEC: case 0xED: case 0xF0: case 0xF1: case 0xF2: case 0xF3: case 0xF5: case 0xF6:
  case 0xF8: case 0xFA:
    return 1;
  }
  return 0;
}

int rasd__looks_cp1256(const char *s, size_t len) {
  size_t valid_mb = 0, invalid = 0, high = 0, arabic = 0, i = 0;
  if (len > 65536) len = 65536; /* a sample is enough */
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { i++; continue; }
    high++;
    if (cp1256_arabic(c)) arabic++;
    size_t j = i;
    if (rasd__utf8_next(s, len, &j) >= 0) {
      valid_mb++;
      /* count the continuation bytes as high bytes too, they are not Arabic in cp1256 terms */
      for (size_t k = i + 1; k < j; k++) { high++; if (cp1256_arabic((unsigned char)s[k])) arabic++; }
      i = j;
    } else {
      /* a sequence cut by the end of a sample is not evidence */
      if (len - i < 4 && (c & 0xC0) == 0xC0) break;
      invalid++;
      i++;
    }
  }
  if (invalid == 0) return 0;
  return invalid > valid_mb * 4 && arabic * 10 >= high * 6;
}

int rasd__iconv_utf8(const char *from, const char *s, size_t len, rasd__buf *out, size_t *nbad) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1) return RASD_EENCODING;
  char *in = (char *)s;
  size_t inleft = len;
  while (inleft > 0) {
    if (rasd__buf_grow(out, inleft * 2 + 16)) break;
    char *o = out->s + out->len;
    size_t oleft = out->cap - out->len - 1;
    size_t before = oleft;
    size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
    out->len += before - oleft;
    if (rc == (size_t)-1) {
      if (errno == E2BIG) continue;
      /* EILSEQ or EINVAL (truncated at the end): one bad unit becomes U+FFFD */
      rasd__buf_add(out, "\xEF\xBF\xBD", 3);
      if (nbad) (*nbad)++;
      size_t skip = (!strncmp(from, "UTF-16", 6) && inleft >= 2) ? 2 : 1;
      in += skip;
      inleft -= skip < inleft ? skip : inleft;
    }
  }
  if (out->s) out->s[out->len] = 0;
  iconv_close(cd);
  return out->oom ? RASD_ENOMEM : RASD_OK;
}

int rasd__looks_binary(const char *s, size_t len, const char **what) {
  static const struct { const char *magic; size_t n; const char *name; } mg[] = {
      {"PK\x03\x04", 4, "a zip archive (unzip it first)"},
      {"\x1f\x8b", 2, "a gzip file (gunzip it first)"},
      {"%PDF", 4, "a PDF file"},
      {"\x7f" "ELF", 4, "an executable"},
      {"\x89PNG", 4, "a PNG image"},
      {"\xff\xd8\xff", 3, "a JPEG image"},
      {"GIF8", 4, "a GIF image"},
      {"SQLite format 3", 15, "an SQLite database"},
      {"BZh", 3, "a bzip2 file"},
      {"\xfd" "7zXZ", 5, "an xz file"},
  };
  for (size_t k = 0; k < sizeof mg / sizeof mg[0]; k++)
    if (len >= mg[k].n && !memcmp(s, mg[k].magic, mg[k].n)) {
      if (what) *what = mg[k].name;
      return 1;
    }
  size_t n = len < 4096 ? len : 4096, ctrl = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b) ctrl++;
  }
  if (n && ctrl * 10 > n) {
    if (what) *what = "a binary file";
    return 1;
  }
  return 0;
}

size_t rasd__utf8_simple_prefix(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  for (;;) {
#ifdef __SSE2__
    /* 16 bytes at a time from a sequence boundary: every continuation byte follows a lead C2–DF and every
     * such lead is followed by one; no C0, C1 or E0–FF byte. */
    const __m128i m65 = _mm_set1_epi8(-65), m63 = _mm_set1_epi8(-63), m62 = _mm_set1_epi8(-62),
                  m33 = _mm_set1_epi8(-33), m32 = _mm_set1_epi8(-32), m64 = _mm_set1_epi8(-64),
                  zero = _mm_setzero_si128();
    while (i + 16 <= n) {
      __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
      __m128i p = _mm_slli_si128(x, 1); /* the byte before each; before the first: a boundary (0) */
      __m128i cont = _mm_cmplt_epi8(x, m64);                                   /* 80–BF */
      __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(p, m63), _mm_cmplt_epi8(p, m32)); /* C2–DF */
      __m128i bad = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(x, m65), _mm_cmplt_epi8(x, m62)),
                                 _mm_and_si128(_mm_cmpgt_epi8(x, m33), _mm_cmplt_epi8(x, zero)));
      if (_mm_movemask_epi8(_mm_or_si128(_mm_xor_si128(cont, lead), bad))) break;
      i += (s[i + 15] >= 0xC2 && s[i + 15] <= 0xDF) ? 15 : 16; /* a lead at the end: its pair is next */
    }
#endif
    /* one block's worth (or the tail) a sequence at a time */
    size_t lim = i + 16 < n ? i + 16 : n;
    while (i < lim) {
      unsigned c = s[i];
      if (c < 0x80) i++;
      else if (c - 0xC2u <= 0xDFu - 0xC2u && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) i += 2;
      else return i;
    }
    if (i >= n) return i;
  }
}

int rasd__utf8_ok(const char *str, size_t len) {
  size_t i = 0;
  while (i < len) {
    i += rasd__utf8_simple_prefix(str + i, len - i);
    if (i >= len) break;
    if (rasd__utf8_next(str, len, &i) < 0) return 0;
  }
  return 1;
}
