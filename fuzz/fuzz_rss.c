/* fuzz_rss.c — libFuzzer target: the rss reader and the cleaner on arbitrary bytes. */
#include "read_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return rasd_fuzz_read("fuzz.rss", data, size); }
