/* rt_hash.c - byte hashing for group and join keys (XXH3 from libxxhash:
 * fast on short keys, which most group keys are, and well distributed in
 * the low bits that sl_index uses for its slot). */
#include "rt_internal.h"

/* Header-only build: XXH3 is compiled into this object (no call through
 * the shared library's PLT for every key). */
#define XXH_INLINE_ALL
#include <xxhash.h>

uint64_t sl_hash_bytes(const void *p, size_t n, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, n, seed);
}
