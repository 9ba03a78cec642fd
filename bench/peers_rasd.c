/* peers_rasd.c — rasd's side of the peer comparisons: `stem FILE` (normalise+stem each word, as the
 * stemmer peers do) and `analyzer FILE` (rasd_tokenize per line = per article, as Lucene's ArabicAnalyzer). */
#include "rasd.h"
#include "peer_words.h"

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: peers_rasd stem|analyzer FILE\n"); return 2; }
  size_t n;
  char *b = bw_slurp(argv[2], &n);
  if (!b) { fprintf(stderr, "peers_rasd: cannot read %s\n", argv[2]); return 1; }
  size_t words = 0, sum = 0;
  double t0 = bw_now();
  if (!strcmp(argv[1], "stem")) {
    size_t pos = 0, wl, fl, sl;
    const char *w;
    while ((w = bw_next(b, n, &pos, &wl))) {
      char *f = rasd_normalize(w, wl, &fl);
      char *s = f ? rasd_stem(f, fl, &sl) : NULL;
      if (s) sum += sl;
      rasd_free(s);
      rasd_free(f);
      words++;
    }
  } else {
    for (size_t i = 0; i < n;) {
      char *e = memchr(b + i, '\n', n - i);
      size_t len = (e ? (size_t)(e - b) : n) - i;
      rasd_tokens *t = rasd_tokenize(b + i, len);
      if (t) {
        words += t->n_tok;
        for (size_t k = 0; k < t->n_tok; k++) sum += t->tok[k].stem_len;
      }
      rasd_tokens_free(t);
      i += len + 1;
    }
  }
  double t = bw_now() - t0;
  printf("words=%zu bytes=%zu secs=%.6f stemchars=%zu\n", words, n, t, sum);
  free(b);
  return 0;
}
