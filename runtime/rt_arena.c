/* rt_arena.c - bump allocator behind sl_arena (per-record scratch space and
 * per-window key storage).
 *
 * Blocks are chained newest first. Reset keeps exactly one block so that a
 * steady-state record loop never calls malloc/free: when a record needed
 * more than one block, the blocks are replaced once by a single block of the
 * combined size, after which the same workload fits in it. */
#include "rt_internal.h"

#include <stdio.h>
#include <stdlib.h>

/* Header of a block; the usable bytes follow it (aligned to 16 by the
 * union). */
struct sl_arena_block {
    sl_arena_block *next;
    size_t size; /* usable bytes after the header */
    union {
        max_align_t align;
        char bytes[1];
    } data[];
};

enum { RT_ARENA_MIN_BLOCK = 64 * 1024 };

/* Allocates a block with at least `size` usable bytes. */
static sl_arena_block *rt_arena_block_new(size_t size)
{
    if (size > SIZE_MAX / 2) rt_oom();
    sl_arena_block *b = malloc(sizeof(sl_arena_block) + size);
    if (!b) rt_oom();
    b->next = NULL;
    b->size = size;
    return b;
}

void *sl_arena_alloc_slow(sl_arena *a, size_t n)
{
    if (n > SIZE_MAX / 4) rt_oom();
    size_t need = (n + 7) & ~(size_t)7;
    size_t avail = (size_t)((uintptr_t)a->end - (uintptr_t)a->cur);
    if (a->head && need <= avail) {
        /* Only n == 0 gets here with room left: hand out the current
         * position without consuming anything. */
        void *r = a->cur;
        a->cur += need;
        return r;
    }
    size_t size = RT_ARENA_MIN_BLOCK;
    if (a->head && a->head->size * 2 > size) size = a->head->size * 2;
    if (size < need) size = need;
    sl_arena_block *b = rt_arena_block_new(size);
    b->next = a->head;
    a->head = b;
    a->bytes += size;
    char *base = (char *)b->data;
    a->cur = base + need;
    a->end = base + size;
    return base;
}

sl_str sl_arena_dup(sl_arena *a, sl_str s)
{
    char *p = sl_arena_alloc(a, s.n);
    if (s.n) memcpy(p, s.p, s.n);
    return (sl_str){p, s.n};
}

void sl_arena_reset(sl_arena *a)
{
    sl_arena_block *b = a->head;
    if (!b) return;
    if (b->next) {
        /* Several blocks: replace them by one block as large as all of them
         * together, so the next record of the same shape fits in one. */
        size_t total = 0;
        while (b) {
            sl_arena_block *next = b->next;
            total += b->size;
            free(b);
            b = next;
        }
        b = rt_arena_block_new(total);
        a->head = b;
        a->bytes = total;
    }
    a->cur = (char *)b->data;
    a->end = a->cur + b->size;
}

void sl_arena_free(sl_arena *a)
{
    sl_arena_block *b = a->head;
    while (b) {
        sl_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->cur = a->end = NULL;
    a->bytes = 0;
}

void rt_oom(void)
{
    fputs("sluice: out of memory\n", stderr);
    fflush(stderr);
    exit(1);
}
