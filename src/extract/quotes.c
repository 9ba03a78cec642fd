/* quotes.c — STUB until the quotes stage lands. */
#include "extract/extract.h"
int rasd__quotes_run(const rasd_models *m, const rasd_doc *d, rasd_analysis *a, rasd__arena *ar) { (void)m; (void)d; (void)a; (void)ar; return RASD_OK; }
