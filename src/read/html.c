/* html.c — HTML pages → one article: main-text extraction with libxml2's HTML parser. */
#include <string.h>
#include "read/read.h"

int rasd__read_html(const char *path, const char *s, size_t len, rasd__artlist *out, char *err) {
  (void)path, (void)s, (void)len, (void)out;
  snprintf(err, 256, "HTML pages are not supported yet: skipped");
  return RASD_EFORMAT;
}
