/* models.c — loads the read-only resources (NER weights, gazetteer) once for every thread to share. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "extract/extract.h"

#ifndef RASD_DATADIR
#define RASD_DATADIR "/usr/local/share/rasd"
#endif

int rasd_models_load(const char *dir, rasd_models **out, char **errmsg) {
  *out = NULL;
  if (errmsg) *errmsg = NULL;
  if (!dir || !*dir) dir = getenv("RASD_DATA");
  if (!dir || !*dir) dir = RASD_DATADIR;
  rasd_models *m = calloc(1, sizeof *m);
  char *err = NULL;
  int rc = RASD_ENOMEM;
  if (!m || !(m->dir = rasd__strdup0(dir))) goto fail;
  if ((rc = rasd__ner_load(dir, &m->ner, &err)) != RASD_OK) goto fail;
  if ((rc = rasd__gaz_load(dir, &m->gaz, &err)) != RASD_OK) goto fail;
  *out = m;
  return RASD_OK;
fail:
  rasd_models_free(m);
  if (errmsg) *errmsg = err ? err : rasd__strdup0(rasd_strerror(rc));
  else free(err);
  return rc;
}

void rasd_models_free(rasd_models *m) {
  if (!m) return;
  rasd__ner_free(m->ner);
  rasd__gaz_free(m->gaz);
  free(m->dir);
  free(m);
}

const char *rasd_ent_type_name(int t) {
  switch (t) {
    case RASD_ENT_PER: return "PER";
    case RASD_ENT_LOC: return "LOC";
    case RASD_ENT_ORG: return "ORG";
    case RASD_ENT_MISC: return "MISC";
  }
  return "O";
}
