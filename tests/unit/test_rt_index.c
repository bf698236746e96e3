/* test_rt_index.c - the open-addressing hash index and the hash functions,
 * driven exactly the way generated code drives them (see sluice_rt.h). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "sluice_rt.h"

typedef struct entry {
    uint64_t key;
} entry;

/* Finds key (hash h) or appends it; returns its position. */
static uint32_t upsert(sl_index *ix, entry *entries, uint32_t *n, uint64_t key, uint64_t h,
                       bool *found)
{
    uint32_t slot = sl_index_first(ix, h), pos;
    while ((pos = ix->pos[slot]) != 0) {
        if (ix->hash[slot] == h && entries[pos - 1].key == key) {
            *found = true;
            return pos - 1;
        }
        slot = (slot + 1) & ix->mask;
    }
    *found = false;
    entries[*n].key = key;
    sl_index_set(ix, slot, h, *n);
    return (*n)++;
}

static void check_keys(uint64_t (*hash_of)(uint64_t), uint32_t count)
{
    sl_index ix;
    sl_index_init(&ix, 4);
    entry *entries = malloc(count * sizeof *entries);
    uint32_t n = 0;
    bool found;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t k = (uint64_t)i * 2654435761u;
        uint32_t p = upsert(&ix, entries, &n, k, hash_of(k), &found);
        cr_assert_not(found);
        cr_assert_eq(p, i);
        /* load factor <= 0.5, power-of-two size */
        cr_assert((uint64_t)ix.count * 2 <= (uint64_t)ix.mask + 1);
        cr_assert_eq((ix.mask + 1) & ix.mask, 0);
    }
    cr_assert_eq(ix.count, count);
    for (uint32_t i = 0; i < count; i++) {
        uint64_t k = (uint64_t)i * 2654435761u;
        uint32_t p = upsert(&ix, entries, &n, k, hash_of(k), &found);
        cr_assert(found, "key %u lost", i);
        cr_assert_eq(p, i);
    }
    cr_assert_eq(n, count, "no duplicates appended");
    /* absent keys are not found */
    for (uint32_t i = 0; i < 1000; i++) {
        uint64_t k = (uint64_t)(count + i) * 2654435761u + 1;
        uint64_t h = hash_of(k);
        uint32_t slot = sl_index_first(&ix, h), pos;
        while ((pos = ix.pos[slot]) != 0) {
            cr_assert(!(ix.hash[slot] == h && entries[pos - 1].key == k));
            slot = (slot + 1) & ix.mask;
        }
    }
    free(entries);
    sl_index_free(&ix);
}

static uint64_t good_hash(uint64_t k)
{
    return sl_hash_u64(k, 42);
}

static uint64_t bad_hash(uint64_t k)
{
    return k % 1021; /* many full-hash collisions: key compare decides */
}

Test(index, million_keys_with_growth)
{
    check_keys(good_hash, 1000000);
}

Test(index, colliding_hashes)
{
    check_keys(bad_hash, 20000);
}

Test(index, init_sizes)
{
    sl_index ix;
    sl_index_init(&ix, 0);
    cr_assert((ix.mask + 1) >= 1 && ((ix.mask + 1) & ix.mask) == 0);
    sl_index_free(&ix);
    sl_index_init(&ix, 1000);
    cr_assert_eq(ix.mask + 1, 1024);
    cr_assert_eq(ix.count, 0);
    for (uint32_t i = 0; i <= ix.mask; i++) cr_assert_eq(ix.pos[i], 0);
    sl_index_free(&ix);
}

Test(hash, bytes_and_u64)
{
    const char *a = "hello world";
    uint64_t h1 = sl_hash_bytes(a, 11, 0);
    cr_assert_eq(h1, sl_hash_bytes(a, 11, 0), "deterministic");
    cr_assert_neq(h1, sl_hash_bytes(a, 11, 1), "seeded");
    cr_assert_neq(h1, sl_hash_bytes(a, 10, 0));
    cr_assert_eq(sl_hash_bytes(NULL, 0, 7), sl_hash_bytes("", 0, 7));
    cr_assert_neq(sl_hash_u64(1, 0), sl_hash_u64(2, 0));
    cr_assert_neq(sl_hash_u64(1, 0), sl_hash_u64(1, 1));
    /* low bits spread: consecutive keys fill most of a small table */
    bool seen[256] = {0};
    int distinct = 0;
    for (uint64_t k = 0; k < 256; k++) {
        unsigned s = (unsigned)(sl_hash_u64(k, 0) & 255);
        if (!seen[s]) distinct++;
        seen[s] = true;
    }
    cr_assert(distinct > 140, "%d distinct slots", distinct);
}

/* Keys of up to 8 bytes take the inline path of sl_hash_bytes: every
 * length and every byte position matters, and the hashes of the 17,576
 * three-letter codes spread over the low bits (hash table slots), and the
 * strong ones over the top bits (APPROX_COUNT_DISTINCT registers), as
 * random ones would. */
Test(hash, short_keys)
{
    const unsigned char k8[8] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
    for (size_t n = 0; n <= 8; n++) {
        uint64_t h = sl_hash_bytes(k8, n, 3);
        for (size_t m = 0; m < n; m++) cr_assert_neq(h, sl_hash_bytes(k8, m, 3), "%zu %zu", n, m);
        for (size_t i = 0; i < n; i++) {
            unsigned char t[8];
            memcpy(t, k8, 8);
            t[i] ^= 0x20;
            cr_assert_neq(h, sl_hash_bytes(t, n, 3), "length %zu, byte %zu", n, i);
        }
    }
    enum { SLOTS = 4096, KEYS = 26 * 26 * 26 };
    static unsigned lo[SLOTS], hi[SLOTS];
    memset(lo, 0, sizeof lo);
    memset(hi, 0, sizeof hi);
    for (int i = 0; i < KEYS; i++) {
        char c[3] = {(char)('A' + i % 26), (char)('A' + i / 26 % 26), (char)('A' + i / 676)};
        lo[sl_hash_bytes(c, 3, 0) & (SLOTS - 1)]++;
        hi[sl_hash_bytes_strong(c, 3, 0) >> 52]++;
    }
    /* 4.3 keys per slot on average: a Poisson maximum stays below 16, and
     * about e^-4.3 = 1.4% of the slots stay empty */
    unsigned lo_max = 0, hi_max = 0, lo_empty = 0, hi_empty = 0;
    for (int s = 0; s < SLOTS; s++) {
        lo_max = lo[s] > lo_max ? lo[s] : lo_max;
        hi_max = hi[s] > hi_max ? hi[s] : hi_max;
        lo_empty += lo[s] == 0;
        hi_empty += hi[s] == 0;
    }
    cr_assert(lo_max < 16 && hi_max < 16, "fullest slot %u (low bits), %u (top bits)", lo_max,
              hi_max);
    cr_assert(lo_empty < 120 && hi_empty < 120, "empty slots %u (low bits), %u (top bits)",
              lo_empty, hi_empty);
}
