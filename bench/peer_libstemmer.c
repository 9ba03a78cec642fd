/* peer_libstemmer.c — benchmark peer: Snowball's Arabic stemmer (libstemmer) over every word of a text file. */
#include <libstemmer.h>
#include "peer_words.h"

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: peer_libstemmer FILE\n"); return 2; }
  size_t n;
  char *b = bw_slurp(argv[1], &n);
  struct sb_stemmer *st = sb_stemmer_new("arabic", "UTF_8");
  if (!b || !st) { fprintf(stderr, "peer_libstemmer: cannot read %s or no Arabic stemmer\n", argv[1]); return 1; }
  size_t pos = 0, wl, words = 0, sum = 0;
  const char *w;
  double t0 = bw_now();
  while ((w = bw_next(b, n, &pos, &wl))) {
    const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)w, (int)wl);
    if (s) sum += (size_t)sb_stemmer_length(st);
    words++;
  }
  double t = bw_now() - t0;
  printf("words=%zu bytes=%zu secs=%.6f stemchars=%zu\n", words, n, t, sum);
  sb_stemmer_delete(st);
  free(b);
  return 0;
}
