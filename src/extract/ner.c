/* ner.c — STUB until the NER model lands: sequence labeller for people, places, organisations. */
#include "extract/extract.h"
int rasd__ner_load(const char *dir, rasd__ner **out, char **err) { (void)dir; (void)err; *out = NULL; return RASD_OK; }
void rasd__ner_free(rasd__ner *n) { (void)n; }
int rasd__ner_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) { (void)m; (void)d; (void)a; (void)ar; return RASD_OK; }
int rasd_ner_tag_words(const rasd_models *m, const char *const *w, size_t n, const char **tags) { (void)m; (void)w; for (size_t i = 0; i < n; i++) tags[i] = "O"; return RASD_OK; }
