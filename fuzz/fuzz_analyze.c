/* fuzz_analyze.c — libFuzzer target: the whole rasd_analyze (tokens, NER, dates, numbers, quotes) and its JSON over arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rasd.h"

static rasd_models *M;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  char *err = NULL;
  if (rasd_models_load(NULL, &M, &err) != RASD_OK) {
    rasd_free(err);
    M = NULL;
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!M || size > (1u << 20)) return 0;
  /* the first byte picks the publication date case: none, an ordinary one, or a malformed one */
  static const char *const dates[] = {NULL, "2015-08-11", "2023-09-13", "2015-02-30", "0000-00-00", "9999-12-31"};
  const char *date = size ? dates[data[0] % 6] : NULL;
  char *text = malloc(size + 1);
  if (!text) return 0;
  if (size) memcpy(text, data, size);
  text[size] = 0;
  rasd_doc d;
  memset(&d, 0, sizeof d);
  d.text = text;
  d.text_len = size;
  d.date = (char *)date;
  d.id = "fuzz";
  rasd_analysis *a = NULL;
  if (rasd_analyze(M, &d, &a) == RASD_OK) {
    /* every offset must lie inside the text */
    for (size_t i = 0; i < a->n_quotes; i++)
      if (a->quotes[i].start > a->quotes[i].end || a->quotes[i].end > size) abort();
    for (size_t i = 0; i < a->n_timex; i++)
      if (a->timex[i].start > a->timex[i].end || a->timex[i].end > size) abort();
    for (size_t i = 0; i < a->n_quantities; i++)
      if (a->quantities[i].start > a->quantities[i].end || a->quantities[i].end > size) abort();
    char *js = rasd_analysis_json(&d, a);
    rasd_free(js);
    rasd_analysis_free(a);
  }
  free(text);
  return 0;
}
