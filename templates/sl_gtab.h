/* sl_gtab.h - the group table of aggregations: a hash table of group
 * entries, instantiated per operator like klib's khash.h
 * (docs/architecture.md, "Templates").
 *
 *   SL_GTAB_DEFINE(name, entry_t, key_t, key_eq, key_store, entry_free)
 *
 * defines `name` (the table type) and static functions name_init,
 * name_reset, name_free, name_get, name_remove, name_bytes, name_save and
 * name_load. entry_t's first member must be `uint64_t h` (the key's hash);
 * the caller's functions are
 *
 *   bool key_eq(const entry_t *e, const key_t *k)       e's key equals k
 *   void key_store(entry_t *e, const key_t *k, sl_arena *keys)
 *        copies k into a zeroed entry (strings into `keys`, the table's
 *        arena, or into memory the entry owns)
 *   void entry_free(entry_t *e)  frees what the entry owns (not arena keys)
 *
 * Entries live in one dense array in insertion order (iteration order is
 * deterministic: groups are emitted in order of first appearance) with an
 * sl_index from hash to position. Removing an entry moves the last one
 * into its place. Entry pointers stay valid until the next name_get or
 * name_remove. The table tracks its own heap bytes (`bytes`) so state
 * accounting costs O(1). */
#ifndef SLUICE_SL_GTAB_H
#define SLUICE_SL_GTAB_H

#include "sl_sql.h"
#include "sluice_rt.h"

#define SL_GTAB_DEFINE(name, entry_t, key_t, key_eq, key_store, entry_free)                        \
    typedef struct name {                                                                          \
        sl_index ix;                                                                               \
        entry_t *e;                                                                                \
        uint32_t n, cap;                                                                           \
        sl_arena keys;  /* key bytes of entries that keep them in the table */                     \
        uint64_t bytes; /* heap bytes: index, entries, key arena */                                \
    } name;                                                                                        \
                                                                                                   \
    static inline void name##_init(name *t)                                                        \
    {                                                                                              \
        memset(t, 0, sizeof *t);                                                                   \
        sl_index_init(&t->ix, 64);                                                                 \
        t->bytes = sl_index_bytes(&t->ix);                                                         \
    }                                                                                              \
                                                                                                   \
    /* Forgets every entry (freeing what they own) but keeps the memory. */                        \
    static inline void name##_reset(name *t)                                                       \
    {                                                                                              \
        for (uint32_t i = 0; i < t->n; i++) entry_free(&t->e[i]);                                  \
        memset(t->ix.pos, 0, sizeof(uint32_t) * ((size_t)t->ix.mask + 1));                         \
        t->ix.count = 0;                                                                           \
        t->n = 0;                                                                                  \
        t->bytes -= t->keys.bytes;                                                                 \
        sl_arena_reset(&t->keys);                                                                  \
        t->bytes += t->keys.bytes;                                                                 \
    }                                                                                              \
                                                                                                   \
    static inline void name##_free(name *t)                                                        \
    {                                                                                              \
        for (uint32_t i = 0; i < t->n; i++) entry_free(&t->e[i]);                                  \
        sl_index_free(&t->ix);                                                                     \
        free(t->e);                                                                                \
        sl_arena_free(&t->keys);                                                                   \
        memset(t, 0, sizeof *t);                                                                   \
    }                                                                                              \
                                                                                                   \
    /* A zeroed entry of hash h past the last one, not yet counted in t->n                         \
     * nor indexed (the array grows by doubling). */                                               \
    static inline entry_t *name##_append_(name *t, uint64_t h)                                     \
    {                                                                                              \
        if (t->n == t->cap) {                                                                      \
            uint32_t cap = t->cap ? 2 * t->cap : 16;                                               \
            t->e = (entry_t *)sl_xrealloc(t->e, sizeof *t->e * cap);                               \
            t->bytes += sizeof *t->e * (uint64_t)(cap - t->cap);                                   \
            t->cap = cap;                                                                          \
        }                                                                                          \
        entry_t *e = &t->e[t->n];                                                                  \
        memset(e, 0, sizeof *e);                                                                   \
        e->h = h;                                                                                  \
        return e;                                                                                  \
    }                                                                                              \
                                                                                                   \
    /* The entry of key k (hash h), created zeroed with its key stored                             \
     * when absent (*created tells which). */                                                      \
    static inline entry_t *name##_get(name *t, uint64_t h, const key_t *k, bool *created)          \
    {                                                                                              \
        uint32_t slot = sl_index_first(&t->ix, h), pos;                                            \
        while ((pos = t->ix.pos[slot]) != 0) {                                                     \
            entry_t *c = &t->e[pos - 1];                                                           \
            if (t->ix.hash[slot] == h && key_eq(c, k)) {                                           \
                *created = false;                                                                  \
                return c;                                                                          \
            }                                                                                      \
            slot = (slot + 1) & t->ix.mask;                                                        \
        }                                                                                          \
        entry_t *e = name##_append_(t, h);                                                         \
        size_t held = t->keys.bytes + sl_index_bytes(&t->ix);                                      \
        key_store(e, k, &t->keys);                                                                 \
        sl_index_set(&t->ix, slot, h, t->n);                                                       \
        t->bytes += t->keys.bytes + sl_index_bytes(&t->ix) - held;                                 \
        t->n++;                                                                                    \
        *created = true;                                                                           \
        return e;                                                                                  \
    }                                                                                              \
                                                                                                   \
    /* Removes entry e (of this table), freeing what it owns. */                                   \
    static inline void name##_remove(name *t, entry_t *e)                                          \
    {                                                                                              \
        uint32_t i = (uint32_t)(e - t->e), last = t->n - 1;                                        \
        uint64_t h = e->h; /* entry_free may clear the entry */                                    \
        entry_free(e);                                                                             \
        sl_index_remove(&t->ix, sl_index_slot_of(&t->ix, h, i));                                   \
        if (i != last) {                                                                           \
            t->e[i] = t->e[last];                                                                  \
            sl_index_repoint(&t->ix, sl_index_slot_of(&t->ix, t->e[i].h, last), i);                \
        }                                                                                          \
        t->n--;                                                                                    \
    }                                                                                              \
                                                                                                   \
    static inline uint64_t name##_bytes(const name *t)                                             \
    {                                                                                              \
        return t->bytes;                                                                           \
    }                                                                                              \
                                                                                                   \
    /* Writes the entries in order: their count, then save_entry of each. */                       \
    static inline void name##_save(const name *t, sl_buf *b,                                       \
                                   void (*save_entry)(const entry_t *, sl_buf *))                  \
    {                                                                                              \
        sl_save_u64(b, t->n);                                                                      \
        for (uint32_t i = 0; i < t->n; i++) {                                                      \
            sl_save_u64(b, t->e[i].h);                                                             \
            save_entry(&t->e[i], b);                                                               \
        }                                                                                          \
    }                                                                                              \
                                                                                                   \
    /* Reads what name_save wrote into an empty (initialised) table;                               \
     * load_entry fills a zeroed entry (keys into the arena it is given).                          \
     * False on a corrupt input (the table then holds what was read). */                           \
    static inline bool name##_load(name *t, sl_rbuf *r,                                            \
                                   bool (*load_entry)(entry_t *, sl_rbuf *, sl_arena *))           \
    {                                                                                              \
        uint64_t n = sl_load_u64(r);                                                               \
        if (r->err || n > (uint64_t)(r->end - r->p)) return false;                                 \
        for (uint64_t i = 0; i < n; i++) {                                                         \
            uint64_t h = sl_load_u64(r);                                                           \
            entry_t *e = name##_append_(t, h);                                                     \
            size_t held = t->keys.bytes + sl_index_bytes(&t->ix);                                  \
            if (!load_entry(e, r, &t->keys) || r->err) return false;                               \
            uint32_t slot = sl_index_first(&t->ix, h);                                             \
            while (t->ix.pos[slot] != 0) slot = (slot + 1) & t->ix.mask;                           \
            sl_index_set(&t->ix, slot, h, t->n);                                                   \
            t->bytes += t->keys.bytes + sl_index_bytes(&t->ix) - held;                             \
            t->n++;                                                                                \
        }                                                                                          \
        return true;                                                                               \
    }

#endif
