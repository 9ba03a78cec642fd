/* entities.c — STUB until entity linking lands: mentions within an article → entities. */
#include "extract/extract.h"
int rasd__entities_link(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) { (void)m; (void)d; (void)a; (void)ar; return RASD_OK; }
