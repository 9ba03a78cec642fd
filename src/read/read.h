/* read.h — internal interface of the reading stage shared with other stages. */
#ifndef RASD_READ_INTERNAL_H
#define RASD_READ_INTERNAL_H
#include <jansson.h>
#include "rasd.h"

/* Returns the `rasd read` fields of 'd' as a new jansson object (caller json_decref()s), or NULL on OOM. */
json_t *rasd__doc_json_obj(const rasd_doc *d);

#endif
