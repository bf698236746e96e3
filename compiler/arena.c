/* arena.c - bump allocator (see arena.h).
 *
 * Blocks are calloc'd, so every allocation is zero-filled without a memset
 * per object: memory in a block is handed out once and never reused until
 * arena_free. Requests larger than a quarter of the default block size get a
 * block of their own, linked *behind* the current head so that the free tail
 * of the head is not wasted. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN      16
#define ARENA_BLOCK_SIZE (64 * 1024)

/* Header of one block; the usable bytes follow it. The header size is a
 * multiple of ARENA_ALIGN (the union pads it), and calloc returns memory
 * aligned for max_align_t (16 on x86-64/aarch64 glibc), so data stays
 * 16-byte aligned. */
struct ArenaBlock {
    union {
        struct {
            ArenaBlock *next;
            size_t cap;
        } h;
        char pad[32];
    } u;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

static void arena_oom(size_t n)
{
    fprintf(stderr, "sluice: out of memory (allocating %zu bytes)\n", n);
    abort();
}

/* Allocates a zeroed block with cap usable bytes. */
static ArenaBlock *arena_new_block(size_t cap)
{
    if (cap > SIZE_MAX - sizeof(ArenaBlock)) arena_oom(cap);
    ArenaBlock *b = calloc(1, sizeof(ArenaBlock) + cap);
    if (!b) arena_oom(cap);
    b->u.h.cap = cap;
    return b;
}

void arena_init(Arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->cap = 0;
}

void *arena_alloc(Arena *a, size_t n)
{
    if (n == 0) n = 1; /* distinct non-NULL pointers even for empty objects */
    if (n > SIZE_MAX - ARENA_ALIGN) arena_oom(n);
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);

    if (a->head && a->cap - a->used >= need) {
        void *p = a->head->data + a->used;
        a->used += need;
        return p;
    }
    if (need > ARENA_BLOCK_SIZE / 4) {
        /* A big object: its own block, behind the head (or as the head when
         * there is none yet, filled completely). */
        ArenaBlock *b = arena_new_block(need);
        if (a->head) {
            b->u.h.next = a->head->u.h.next;
            a->head->u.h.next = b;
        } else {
            a->head = b;
            a->used = need;
            a->cap = need;
        }
        return b->data;
    }
    ArenaBlock *b = arena_new_block(ARENA_BLOCK_SIZE);
    b->u.h.next = a->head;
    a->head = b;
    a->cap = ARENA_BLOCK_SIZE;
    a->used = need;
    return b->data;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX) arena_oom(n);
    char *p = arena_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0; /* encoding error: return an empty string */
    char *p = arena_alloc(a, (size_t)n + 1);
    if (n > 0) vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->u.h.next;
        free(b);
        b = next;
    }
    arena_init(a);
}

void *arena_grow(Arena *a, void *arr, int n, size_t esz)
{
    /* capacity is implied by n: the array holds 4 elements, then every
     * power of two; it is full exactly when n is 4 or a power of two >= 4 */
    if (arr && (n < 4 || (n & (n - 1)) != 0)) return arr;
    size_t cap = n < 4 ? 4 : 2 * (size_t)n;
    void *nv = arena_alloc(a, cap * esz);
    if (n) memcpy(nv, arr, (size_t)n * esz);
    return nv;
}

void ptrvec_push(Arena *a, PtrVec *vec, void *p)
{
    vec->v = arena_grow(a, vec->v, vec->n, sizeof(void *));
    vec->v[vec->n++] = p;
}
