/* hmap.c - the compiler's hash index (see hmap.h). */
#include "hmap.h"

#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

void hmap_init(HMap *m)
{
    memset(m, 0, sizeof *m);
}

/* The probe sequence for h starts here; step counts the steps taken. The
 * hash is mixed first (splitmix64's finaliser), so that callers' hashes
 * whose low bits vary little still spread over the slots. */
static uint32_t hmap_slot(const HMap *m, uint64_t h, uint32_t step)
{
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return ((uint32_t)h + step) & m->mask;
}

static void hmap_grow(Arena *a, HMap *m)
{
    uint32_t cap = m->hash ? (m->mask + 1) * 2 : 16;
    HMap n = {arena_alloc(a, sizeof(uint64_t) * cap), arena_alloc(a, sizeof(int) * cap), cap - 1,
              0};
    for (uint32_t i = 0; i < cap; i++) n.val[i] = -1;
    for (uint32_t i = 0; m->hash && i <= m->mask; i++)
        if (m->val[i] >= 0) hmap_put(a, &n, m->hash[i], m->val[i]);
    *m = n;
}

void hmap_put(Arena *a, HMap *m, uint64_t h, int v)
{
    if (!m->hash || (m->count + 1) * 2 > m->mask + 1) hmap_grow(a, m);
    uint32_t step = 0, s;
    while (m->val[s = hmap_slot(m, h, step)] >= 0) step++;
    m->hash[s] = h;
    m->val[s] = v;
    m->count++;
}

bool hmap_next(const HMap *m, uint64_t h, uint32_t *pos, int *v)
{
    if (!m->hash) return false;
    for (;;) {
        uint32_t s = hmap_slot(m, h, (*pos)++);
        if (m->val[s] < 0) return false;
        if (m->hash[s] == h) {
            *v = m->val[s];
            return true;
        }
    }
}

uint64_t hmap_hash_bytes(const void *p, size_t n, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, n, seed);
}

uint64_t hmap_hash_name(const char *name)
{
    char buf[64];
    uint64_t h = 0;
    size_t n = strlen(name), i = 0;
    /* fold in chunks so that any length hashes without allocating */
    do {
        size_t k = 0;
        for (; k < sizeof buf && i < n; k++, i++) {
            char c = name[i];
            buf[k] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
        h = XXH3_64bits_withSeed(buf, k, h);
    } while (i < n);
    return h;
}
