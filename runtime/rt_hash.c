/* rt_hash.c - byte hashing of keys longer than 8 bytes for sl_hash_bytes
 * (XXH3 from libxxhash: fast, and well distributed in the low bits that
 * sl_index uses for its slot). */
#include "rt_internal.h"

/* Header-only build: XXH3 is compiled into this object (no call through
 * the shared library's PLT for every key). */
#define XXH_INLINE_ALL
#include <xxhash.h>

uint64_t sl_hash_xxh3(const void *p, size_t n, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, n, seed);
}
