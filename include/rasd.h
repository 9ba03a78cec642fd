/* rasd.h — the public API of librasd, the Arabic news monitoring engine (the only header the CLI and server include). */
#ifndef RASD_H
#define RASD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RASD_VERSION "0.1.0"

/* Error codes: RASD_OK is 0, failures are negative. One table feeds rasd_strerror(). */
#define RASD_ERRNO_MAP(X)                                   \
  X(OK, 0, "success")                                        \
  X(ENOMEM, -1, "out of memory")                             \
  X(EIO, -2, "input/output error")                           \
  X(EINPUT, -3, "invalid input")                             \
  X(EUSAGE, -4, "invalid usage")                             \
  X(EFORMAT, -5, "unrecognised or malformed format")         \
  X(ENOENT, -6, "not found")                                 \
  X(EDB, -7, "database error")                               \
  X(EMODEL, -8, "model or resource file missing or invalid") \
  X(EEOF, -9, "end of input")                                \
  X(ETOOBIG, -10, "input too large")                         \
  X(EENCODING, -11, "unsupported or invalid encoding")       \
  X(ENET, -12, "network or server error")

typedef enum {
#define RASD_X_(name, val, msg) RASD_##name = (val),
  RASD_ERRNO_MAP(RASD_X_)
#undef RASD_X_
} rasd_err;

/** Returns a static English message for the error code 'code'; never NULL, never freed. */
const char *rasd_strerror(int code);

/** Returns the library version string "MAJOR.MINOR.PATCH"; static, never freed. */
const char *rasd_version(void);

/** Frees memory that a rasd function returned with "caller frees with rasd_free()" (plain free()). NULL is fine. */
void rasd_free(void *p);

#include "rasd/text.h"
#include "rasd/read.h"
#include "rasd/extract.h"
#include "rasd/entities.h"
#include "rasd/story.h"
#include "rasd/store.h"
#include "rasd/serve.h"

#ifdef __cplusplus
}
#endif
#endif
