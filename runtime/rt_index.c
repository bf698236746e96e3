/* rt_index.c - open-addressing hash index (hash -> dense position).
 *
 * Linear probing over a power-of-two table kept at most half full, so
 * probe sequences stay short and a lookup touches one or two cache lines.
 * The table stores full hashes: growing rehashes without touching keys,
 * and most mismatches are rejected without a key comparison. */
#include "rt_internal.h"

#include <stdlib.h>

/* Largest table: 2^31 slots (positions are uint32 + 1). */
#define RT_INDEX_MAX_SLOTS (1u << 31)

static void rt_index_alloc(sl_index *ix, uint32_t slots)
{
    ix->pos = calloc(slots, sizeof *ix->pos);
    ix->hash = malloc((size_t)slots * sizeof *ix->hash);
    if (!ix->pos || !ix->hash) rt_oom();
    ix->mask = slots - 1;
}

void sl_index_init(sl_index *ix, uint32_t min_slots)
{
    uint32_t slots = 16;
    if (min_slots > RT_INDEX_MAX_SLOTS) min_slots = RT_INDEX_MAX_SLOTS;
    while (slots < min_slots) slots *= 2;
    rt_index_alloc(ix, slots);
    ix->count = 0;
}

void sl_index_free(sl_index *ix)
{
    free(ix->pos);
    free(ix->hash);
    ix->pos = NULL;
    ix->hash = NULL;
    ix->mask = 0;
    ix->count = 0;
}

void sl_index_grow(sl_index *ix)
{
    uint32_t old_slots = ix->mask + 1;
    if (old_slots >= RT_INDEX_MAX_SLOTS) rt_oom();
    uint32_t *old_pos = ix->pos;
    uint64_t *old_hash = ix->hash;
    rt_index_alloc(ix, old_slots * 2);
    for (uint32_t i = 0; i < old_slots; i++) {
        uint32_t pos = old_pos[i];
        if (!pos) continue;
        uint64_t h = old_hash[i];
        uint32_t s = (uint32_t)h & ix->mask;
        while (ix->pos[s]) s = (s + 1) & ix->mask;
        ix->pos[s] = pos;
        ix->hash[s] = h;
    }
    free(old_pos);
    free(old_hash);
}

uint32_t sl_index_slot_of(const sl_index *ix, uint64_t h, uint32_t position)
{
    uint32_t slot = (uint32_t)h & ix->mask;
    for (;;) {
        uint32_t p = ix->pos[slot];
        if (p == position + 1) return slot;
        if (p == 0) return UINT32_MAX;
        slot = (slot + 1) & ix->mask;
    }
}

void sl_index_remove(sl_index *ix, uint32_t slot)
{
    /* backward-shift deletion (Knuth 6.4, algorithm R): later members of
     * the probe run move into the hole when their home slot allows, so no
     * tombstones are needed and lookups stay as fast as after inserts */
    uint32_t hole = slot;
    for (;;) {
        ix->pos[hole] = 0;
        uint32_t j = hole;
        for (;;) {
            j = (j + 1) & ix->mask;
            if (ix->pos[j] == 0) {
                ix->count--;
                return;
            }
            uint32_t home = (uint32_t)ix->hash[j] & ix->mask;
            /* j's entry may fill the hole unless its home lies cyclically
             * in (hole, j] */
            bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) break;
        }
        ix->pos[hole] = ix->pos[j];
        ix->hash[hole] = ix->hash[j];
        hole = j;
    }
}
