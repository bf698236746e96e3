/* hmap.h - a hash index for the compiler: 64-bit hash -> int, in an arena.
 *
 * The compiler's lookups (columns by name, aggregate slots by argument,
 * output names) must stay linear in the program's size: a 10,000-column
 * table is looked up 10,000 times. The index stores the caller's small
 * integers (positions in the caller's own array) under their hash; the
 * caller confirms a candidate with its own equality, so collisions are
 * harmless. Open addressing, linear probing, load <= 1/2, grown by
 * doubling (the old slots are abandoned in the arena). */
#ifndef SLUICE_HMAP_H
#define SLUICE_HMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"

typedef struct HMap {
    uint64_t *hash;
    int *val; /* -1: empty slot */
    uint32_t mask;
    uint32_t count;
} HMap;

/* An empty map (zero-initialised is also empty). */
void hmap_init(HMap *m);

/* Adds (h, v); duplicates are kept (each is found by hmap_next). */
void hmap_put(Arena *a, HMap *m, uint64_t h, int v);

/* Iterates the values stored under h: start with *pos = 0, call until it
 * returns false; each true gives one candidate in *v.
 *
 *   uint32_t pos = 0; int v;
 *   while (hmap_next(m, h, &pos, &v)) if (equal(arr[v], key)) return v;  */
bool hmap_next(const HMap *m, uint64_t h, uint32_t *pos, int *v);

/* Hash of n bytes (XXH3), and of a NUL-terminated name folded to ASCII
 * lower case (names compare case-insensitively, catalog.c). */
uint64_t hmap_hash_bytes(const void *p, size_t n, uint64_t seed);
uint64_t hmap_hash_name(const char *name);

#endif
