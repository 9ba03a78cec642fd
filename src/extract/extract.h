/* extract.h — internal interface between the analysis stages (NER, entity linking, dates, numbers, quotes). */
#ifndef RASD_EXTRACT_INTERNAL_H
#define RASD_EXTRACT_INTERNAL_H
#include "rasd.h"
#include "util/util.h"

typedef struct rasd__ner rasd__ner; /* NER weights (src/extract/ner.c) */
typedef struct rasd__gaz rasd__gaz; /* gazetteer: names, places, English forms (src/extract/gazetteer.c) */

struct rasd_models {
  char *dir;
  rasd__ner *ner;
  rasd__gaz *gaz;
};

/* Loaders: 'dir' is the data directory. On failure return RASD_EMODEL with a malloc'd message in *err
 * that names the file and says how to rebuild it. */
int rasd__ner_load(const char *dir, rasd__ner **out, char **err);
void rasd__ner_free(rasd__ner *n);
int rasd__gaz_load(const char *dir, rasd__gaz **out, char **err);
void rasd__gaz_free(rasd__gaz *g);

/* Analysis stages, called in this order by rasd_analyze() (src/extract/analyze.c) once a->tokens is set.
 * Each appends to its arrays in 'a', allocating from 'ar' (the analysis arena), and returns RASD_OK or
 * RASD_ENOMEM. They must be linear in the text and never fail on odd input. */
int rasd__ner_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar);        /* mentions */
int rasd__entities_link(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar);  /* entities, mention.entity */
/* The English of an organisation named after a place the curated lists know only as a place ('canon': صحيفة الرياض or
 * الرياض; 'en': the name's English, Riyadh): the place's with the article and what the medium is (Al Riyadh newspaper,
 * Al Riyadh), so that it is not the place's. Takes 'en' (malloc'd): returns it, or a new string and frees it; caller
 * frees the result. */
char *rasd__place_org_english(const rasd_models *m, const char *canon, char *en);
/* 1 when organisation name 'canon' is a public body's as public_bodies() finds them: a head noun (الهيئة، المديرية،
 * المركز…) and an adjective (العامة، الوطني، الأعلى…) first (الهيئة العامة للسياحة). */
int rasd__public_body_name(const char *canon);
/* The English of the hand-written entry spelt exactly 'canon' ('type') with the descriptor word in front (وكالة سانا:
 * SANA, نادي الخليج: Al-Khaleej Club), which rasd_name_english() reads without that word (Sanaa, Gulf); sets
 * '*translit' (may be NULL) to 0 when there is one. Takes 'en' (malloc'd or NULL) like rasd__place_org_english(). */
char *rasd__descriptor_english(const rasd_models *m, const char *canon, int type, char *en, int *translit);
int rasd__timex_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar);      /* timex, events */
int rasd__quantities_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar); /* quantities */
int rasd__quotes_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar);     /* quotes */

#endif
