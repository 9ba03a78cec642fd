/* read_fuzz.h — shared body of the reader fuzz targets: read every article of one buffer, clean it, print it. */
#ifndef RASD_READ_FUZZ_H
#define RASD_READ_FUZZ_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rasd.h"

/* Reads 'data' as the file 'name' (the extension picks the reader), cleans and serialises every article. */
static inline int rasd_fuzz_read(const char *name, const uint8_t *data, size_t size) {
  rasd_reader *r = rasd_reader_new(NULL);
  rasd_cleaner *c = rasd_cleaner_new();
  if (!r || !c) abort();
  rasd_reader_add_buffer(r, name, (const char *)data, size);
  for (int guard = 0; guard < 100000; guard++) {
    rasd_article *a = NULL;
    int rc = rasd_reader_next(r, &a);
    if (rc == RASD_EEOF) break;
    if (rc != RASD_OK) {
      if (!rasd_reader_errmsg(r)[0]) abort(); /* every error has a message */
      continue;
    }
    rasd_doc *d = NULL;
    if (rasd_clean(c, a, &d) == RASD_OK) {
      /* the text is the paragraphs joined by newlines */
      size_t n = 0;
      for (size_t i = 0; i < d->n_paragraphs; i++) n += strlen(d->paragraphs[i]) + (i ? 1 : 0);
      if (n != d->text_len || strlen(d->text) != d->text_len) abort();
      for (size_t i = 0; i < d->n_subheads; i++)
        if (d->subheads[i] >= d->n_paragraphs) abort();
      char *js = rasd_doc_json(d);
      if (!js) abort();
      rasd_free(js);
      rasd_doc_free(d);
    }
    rasd_article_free(a);
  }
  rasd_reader_free(r);
  rasd_cleaner_free(c);
  return 0;
}
#endif
