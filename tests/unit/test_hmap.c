/* test_hmap.c - the compiler's hash index (compiler/hmap.c): every value
 * put is found under its hash, duplicates included, nothing else is, and
 * the index keeps working through growth and with hashes that differ only
 * in their high bits (the shape of bexpr_hash for column references). */
#include <criterion/criterion.h>
#include <string.h>

#include "hmap.h"

static int count_under(const HMap *m, uint64_t h, int want)
{
    uint32_t pos = 0;
    int v, n = 0;
    while (hmap_next(m, h, &pos, &v)) n += v == want;
    return n;
}

Test(hmap, put_and_find_through_growth)
{
    Arena a;
    arena_init(&a);
    HMap m;
    hmap_init(&m);
    enum { N = 50000 };
    for (int i = 0; i < N; i++) hmap_put(&a, &m, (uint64_t)i << 24, i); /* low bits all zero */
    hmap_put(&a, &m, (uint64_t)7 << 24, N);                             /* a second value under 7 */
    for (int i = 0; i < N; i++) cr_assert_eq(count_under(&m, (uint64_t)i << 24, i), 1, "%d", i);
    cr_expect_eq(count_under(&m, (uint64_t)7 << 24, N), 1);
    /* a hash never put finds nothing stored under another hash */
    uint32_t pos = 0;
    int v;
    cr_expect(!hmap_next(&m, 12345, &pos, &v));
    arena_free(&a);
}

Test(hmap, empty_and_names)
{
    HMap m = {0};
    uint32_t pos = 0;
    int v;
    cr_expect(!hmap_next(&m, 1, &pos, &v));
    cr_expect_eq(hmap_hash_name("Delay"), hmap_hash_name("dELAY"));
    cr_expect_neq(hmap_hash_name("delay"), hmap_hash_name("delays"));
    /* longer than the folding buffer */
    char a[200], b[200];
    memset(a, 'x', sizeof a - 1);
    memset(b, 'X', sizeof b - 1);
    a[199] = b[199] = 0;
    cr_expect_eq(hmap_hash_name(a), hmap_hash_name(b));
    a[150] = 'y';
    cr_expect_neq(hmap_hash_name(a), hmap_hash_name(b));
}
