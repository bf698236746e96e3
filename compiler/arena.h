/* arena.h - bump allocator for everything the compiler allocates.
 *
 * The compiler never frees individual objects: tokens, AST nodes, bound
 * expressions, plans and generated-code strings all live in one arena per
 * compilation and die together (the SQLite/Lua way of keeping a compiler
 * leak-free without per-node bookkeeping). */
#ifndef SLUICE_ARENA_H
#define SLUICE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

/* An arena: a chain of malloc'd blocks. Zero-initialise it (Arena a = {0})
 * or call arena_init. Not thread-safe. */
typedef struct Arena {
    ArenaBlock *head; /* current block, newest first */
    size_t used;      /* bytes used in head */
    size_t cap;       /* usable bytes in head */
} Arena;

/* Prepares an empty arena; no memory is allocated until the first use. */
void arena_init(Arena *a);

/* Returns n bytes aligned to 16, zero-filled, owned by the arena. Never
 * returns NULL: out of memory aborts with a message (the compiler cannot
 * continue meaningfully). */
void *arena_alloc(Arena *a, size_t n);

/* Copies n bytes of s into the arena and NUL-terminates the copy. */
char *arena_strndup(Arena *a, const char *s, size_t n);

/* Same as arena_strndup(a, s, strlen(s)). */
char *arena_strdup(Arena *a, const char *s);

/* printf into a new arena string. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);

/* Frees every block; the arena is empty and reusable afterwards. */
void arena_free(Arena *a);

/* The compiler's one growable-array helper: makes room for element n of
 * arr (an array of esz-byte elements built only by this function, holding
 * n of them) and returns the array, moved into a new arena chunk when it
 * was full (the old one is abandoned). Capacity is implied by n (4, then
 * powers of two), so the caller keeps only the array and its length. */
void *arena_grow(Arena *a, void *arr, int n, size_t esz);
/* Appends x to the arena array arr of length n (an lvalue, incremented). */
#define ARENA_PUSH(a, arr, n, x)                                                                   \
    do {                                                                                           \
        (arr) = arena_grow((a), (arr), (n), sizeof *(arr));                                        \
        (arr)[(n)++] = (x);                                                                        \
    } while (0)

/* A growable array of pointers living in an arena (growth copies into a
 * new arena chunk; the old one is simply abandoned). */
typedef struct PtrVec {
    void **v;
    int n;
} PtrVec;

/* Appends p to vec, growing it inside arena a. */
void ptrvec_push(Arena *a, PtrVec *vec, void *p);

#endif
