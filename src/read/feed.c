/* feed.c — RSS 2.0 and Atom feeds → articles (libxml2). */
#include <string.h>
#include "read/read.h"

int rasd__read_feed(const char *path, const char *s, size_t len, rasd__artlist *out, char *err) {
  (void)path, (void)s, (void)len, (void)out;
  snprintf(err, 256, "RSS/Atom feeds are not supported yet: skipped");
  return RASD_EFORMAT;
}
