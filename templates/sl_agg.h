/* sl_agg.h - aggregate accumulators used by generated programs: variance
 * (Welford), value multisets with counts (DISTINCT, MIN/MAX and exact
 * percentiles over changelogs), HyperLogLog, DDSketch, LISTAGG's list,
 * one reusable string (MIN/MAX of strings) and FIRST_VALUE/LAST_VALUE's
 * value list.
 *
 * A template in the DESIGN.md sense, like sl_sql.h: plain C, every function
 * `static inline` (a program that includes this file and uses none of it
 * compiles cleanly under -Wall -Wextra -Werror), embedded into bin/sluice
 * and included by generated programs; tests/unit/test_sl_agg.c tests it on
 * its own.
 *
 * Conventions shared by every accumulator T:
 * - The caller owns the struct (typically inside a group entry); a zeroed
 *   struct is an empty accumulator unless stated (sl_vcount and sl_vlist
 *   take a value kind from _init; zero is SL_VK_I64).
 * - T owns its heap memory. sl_T_free releases it and leaves an empty
 *   accumulator (of the same kind) that may be used again.
 * - sl_T_bytes is the heap memory held, in bytes, capacity included (what
 *   the state accounting of architecture.md "Time and state" adds up); the
 *   struct itself is not counted.
 * - Strings passed in are views: what is kept is copied. Strings handed out
 *   are views into T, valid until T is next modified or freed.
 * - A getter returning bool (false: SQL NULL, or nothing there) writes its
 *   outputs either way (0, 0.0 or the empty string when false), so callers
 *   never read an uninitialised variable and -Wmaybe-uninitialized stays
 *   quiet in generated code.
 * - sl_T_save appends T to a buffer (runtime "state serialisation" format:
 *   little-endian, fixed width). sl_T_load replaces *T (which must be a
 *   valid accumulator: zeroed, initialised or in use; what it held is
 *   freed) by what the cursor holds. It returns false when the input is
 *   truncated or not something _save could have written; then the cursor's
 *   err is set and *T is empty and owns nothing. A load never reads outside
 *   the cursor and never allocates more than the input can describe.
 * - Out of memory ends the process (sl_xrealloc/sl_xcalloc): a streaming
 *   job cannot continue without its state, and one OOM path is simpler to
 *   get right than error returns through every update.
 * - Hot paths (adds) do not allocate in steady state: arrays grow by
 *   doubling and are kept when they empty. */
#ifndef SLUICE_SL_AGG_H
#define SLUICE_SL_AGG_H

#include <assert.h>
#include <float.h>
#include <math.h>

#include "sl_sql.h"

/* ---- shared helpers -------------------------------------------------------- */

/* What a generated opN_out copies into scratch, so that the output row it
 * fills outlives changes to the group's entry (docs/architecture.md,
 * "Aggregate state"): nothing (the row is used before the entry changes), the
 * strings of aggregate results (an update changes them), or those and the
 * key strings (a retraction may remove the entry first). */
enum { SL_OUT_VIEW, SL_OUT_COPY_RESULTS, SL_OUT_COPY_ALL };

/* Seed of the hashes used inside accumulators (any fixed value: hashes are
 * never saved, tables are rebuilt on load). */
#define SL_AGG_SEED 0x243f6a8885a308d3ULL

/* Ends the process: out of memory, or a size that cannot be allocated (an
 * impossible request is out of memory too). As sl_xrealloc does. */
static inline _Noreturn void sl_agg_oom(void)
{
    fputs("sluice: out of memory\n", stderr);
    exit(1);
}

/* The capacity an array of capacity cap grows to so that it holds need
 * elements: doubling from min, so n appends cost O(n) in all. */
static inline size_t sl_agg_grow_cap(size_t cap, size_t need, size_t min)
{
    size_t c = cap ? cap : min;
    while (c < need) {
        if (c > SIZE_MAX / 2) sl_agg_oom();
        c *= 2;
    }
    return c;
}

/* n * size for an allocation; out of memory when it overflows. */
static inline size_t sl_agg_mul(size_t n, size_t size)
{
    size_t r;
    if (__builtin_mul_overflow(n, size, &r)) sl_agg_oom();
    return r;
}

/* The order of doubles used for MIN/MAX and sorting: numeric, -0.0 equal
 * to 0.0, NaN greater than everything and equal to itself (Java's
 * Double.compare, which Flink's MIN/MAX and sorts use, also puts NaN last;
 * so does DuckDB). */
static inline int sl_agg_f64_cmp(double a, double b)
{
    if (a < b) return -1;
    if (a > b) return 1;
    if (a == b) return 0;
    return (a != a) - (b != b); /* at least one NaN */
}

/* Bit pattern of a double with every NaN made one NaN: equality of these
 * is Java's Double.equals (what Flink's retracting FIRST_VALUE/LAST_VALUE
 * compare values with: -0.0 differs from 0.0, NaN equals NaN). */
static inline uint64_t sl_agg_f64_bits(double d)
{
    uint64_t u;
    if (d != d) return 0x7ff8000000000000ULL;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* ==== sl_welford: COUNT/mean/variance of doubles ==============================
 * VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP (SQL standard definitions:
 * population variance = sum((x - mean)^2) / n, sample variance divides by
 * n - 1; NULL for no rows, and the sample forms NULL for one row, as Flink
 * and DuckDB return). NULL inputs are the caller's to skip.
 *
 * Welford's update (Welford 1962, as in Knuth TAOCP vol. 2, 4.2.2) keeps the
 * running mean and the sum of squared deviations m2, which stays accurate
 * where the textbook sum(x^2) - sum(x)^2/n (Flink's reduction of VAR_* to
 * SUMs) cancels catastrophically (values near 1e9 with small spread). It
 * runs on shifted data, x - shift with shift the first value added (Chan,
 * Golub and LeVeque, "Algorithms for computing the sample variance", 1983):
 * a large common offset then costs no precision at all (x - shift is exact
 * for nearby values), where plain Welford loses about u * |mean| / stddev
 * (4e-6 relative for 3e12 + U(0, 10)). Merge is Chan et al.'s pairwise
 * formula (1979). Removal, for retractions in changelogs, is the exact
 * algebraic inverse of the update.
 *
 * NaN and infinities are counted apart (`nonfinite`) instead of entering
 * mean and m2: a set holding one has a NaN variance (as sum-based formulas
 * give), and retracting it restores the finite state, where folding inf
 * into the mean would poison the group forever. */
typedef struct sl_welford {
    int64_t n;         /* values in the set, finite or not */
    int64_t nonfinite; /* NaN and infinite values among the n */
    double shift;      /* the first finite value (0 when there are none) */
    double mean;       /* mean of (x - shift) over the finite values */
    double m2;         /* sum of squared deviations from the mean, finite values */
} sl_welford;

/* Adds x to the set. O(1). */
static inline void sl_welford_add(sl_welford *w, double x)
{
    w->n++;
    if (!isfinite(x)) {
        w->nonfinite++;
        return;
    }
    int64_t nf = w->n - w->nonfinite;
    if (nf == 1) w->shift = x;
    double y = x - w->shift, d = y - w->mean;
    w->mean += d / (double)nf;
    w->m2 += d * (y - w->mean);
}

/* Removes one x (a retraction: x was added before). The inverse of
 * sl_welford_add up to rounding: with y = x - shift,
 * mean_old = mean - (y - mean) / (n - 1), m2_old = m2 - (y - mean_old)(y - mean).
 * Removing the last finite value resets the state to exactly 0, so rounding
 * does not accumulate across a group's emptying. Removing from an empty set
 * (or a finite x when only non-finite values are present, or the reverse)
 * is ignored: a consistent changelog never does it. O(1). */
static inline void sl_welford_remove(sl_welford *w, double x)
{
    int64_t nf = w->n - w->nonfinite;
    if (!isfinite(x)) {
        if (w->nonfinite > 0) {
            w->nonfinite--;
            w->n--;
        }
        return;
    }
    if (nf <= 0) return;
    w->n--;
    if (nf == 1) {
        w->shift = w->mean = w->m2 = 0;
        return;
    }
    double y = x - w->shift, old = w->mean - (y - w->mean) / (double)(nf - 1);
    w->m2 -= (y - old) * (y - w->mean);
    /* rounding may leave a tiny negative; a sum of squares is not */
    if (w->m2 < 0) w->m2 = 0;
    w->mean = old;
}

/* Adds every value of o to w (w and o may be the same). Chan et al.:
 * with delta = mean_o - mean_w (o's mean moved to w's shift),
 * mean = mean_w + delta * n_o / n, m2 = m2_w + m2_o + delta^2 n_w n_o / n.
 * O(1). */
static inline void sl_welford_merge(sl_welford *w, const sl_welford *o)
{
    double na = (double)(w->n - w->nonfinite), nb = (double)(o->n - o->nonfinite);
    double sb = o->shift, mb = o->mean, m2b = o->m2;
    w->n += o->n;
    w->nonfinite += o->nonfinite;
    if (nb == 0) return;
    if (na == 0) {
        w->shift = sb;
        w->mean = mb;
        w->m2 = m2b;
        return;
    }
    double n = na + nb, delta = ((sb - w->shift) + mb) - w->mean;
    w->mean += delta * (nb / n);
    w->m2 += m2b + delta * delta * (na * nb / n);
}

/* AVG of the finite values as Welford tracks it (false when there are
 * none). For VAR/STDDEV users that also want the mean; SQL AVG itself is
 * SUM / COUNT in Flink. */
static inline bool sl_welford_mean(const sl_welford *w, double *out)
{
    *out = 0;
    if (w->n - w->nonfinite <= 0) return false;
    *out = w->shift + w->mean;
    return true;
}

/* VAR_POP: false (NULL) for an empty set; NaN when a NaN or infinity is in
 * the set. */
static inline bool sl_welford_var_pop(const sl_welford *w, double *out)
{
    *out = 0;
    if (w->n <= 0) return false;
    *out = w->nonfinite ? NAN : w->m2 / (double)w->n;
    return true;
}

/* VAR_SAMP: false (NULL) for fewer than two values; NaN as VAR_POP. */
static inline bool sl_welford_var_samp(const sl_welford *w, double *out)
{
    *out = 0;
    if (w->n <= 1) return false;
    *out = w->nonfinite ? NAN : w->m2 / (double)(w->n - 1);
    return true;
}

/* STDDEV_POP: the square root of VAR_POP; NULL as VAR_POP. */
static inline bool sl_welford_stddev_pop(const sl_welford *w, double *out)
{
    if (!sl_welford_var_pop(w, out)) return false;
    *out = sqrt(*out);
    return true;
}

/* STDDEV_SAMP: the square root of VAR_SAMP; NULL as VAR_SAMP. */
static inline bool sl_welford_stddev_samp(const sl_welford *w, double *out)
{
    if (!sl_welford_var_samp(w, out)) return false;
    *out = sqrt(*out);
    return true;
}

/* Nothing on the heap: provided so every accumulator has the same calls.
 * Empties w. */
static inline void sl_welford_free(sl_welford *w)
{
    *w = (sl_welford){0};
}

/* Heap bytes held: always 0. */
static inline size_t sl_welford_bytes(const sl_welford *w)
{
    (void)w;
    return 0;
}

/* Appends w (40 bytes: n, nonfinite, shift, mean, m2). */
static inline void sl_welford_save(const sl_welford *w, sl_buf *b)
{
    sl_save_i64(b, w->n);
    sl_save_i64(b, w->nonfinite);
    sl_save_f64(b, w->shift);
    sl_save_f64(b, w->mean);
    sl_save_f64(b, w->m2);
}

/* Reads what sl_welford_save wrote. Rejects states that cannot occur:
 * negative counts, more non-finite values than values, a non-finite shift,
 * a negative m2, and anything but zeros without finite values. */
static inline bool sl_welford_load(sl_welford *w, sl_rbuf *r)
{
    sl_welford t;
    t.n = sl_load_i64(r);
    t.nonfinite = sl_load_i64(r);
    t.shift = sl_load_f64(r);
    t.mean = sl_load_f64(r);
    t.m2 = sl_load_f64(r);
    *w = (sl_welford){0};
    if (r->err || t.n < 0 || t.nonfinite < 0 || t.nonfinite > t.n || !isfinite(t.shift) ||
        t.m2 < 0 || (t.n == t.nonfinite && (t.shift != 0 || t.mean != 0 || t.m2 != 0))) {
        r->err = true;
        return false;
    }
    *w = t;
    return true;
}

/* ==== sl_vcount: a multiset of values with counts ============================
 * The state of DISTINCT aggregates, and of MIN/MAX and exact percentiles
 * over changelogs (a retraction must be able to take the extreme away).
 * One instance holds values of one kind (sl_vcount_init): BIGINT-like
 * integers, doubles, or strings (copied and owned).
 *
 * Values are grouped as SQL GROUP BY / DISTINCT groups them: doubles by
 * value with -0.0 == 0.0 and every NaN one value; strings by their bytes.
 * The table is open addressing with linear probing over the value's hash
 * (sl_hash_u64 / sl_hash_bytes, i.e. xxHash for strings), at most 3/4 full,
 * deleting by backward shift (no tombstones, so a changelog that adds and
 * removes values forever keeps probes short); it halves when under 1/8
 * full. Each slot stores the full hash, so most mismatches cost no value
 * comparison and growing rehashes without touching strings.
 *
 * Order of values (MIN/MAX, percentiles): integers numerically; doubles by
 * sl_agg_f64_cmp (NaN last); strings bytewise like memcmp, a prefix first
 * (UTF-8 byte order is code point order, Flink's and DuckDB's order). */
enum sl_vkind {
    SL_VK_I64 = 0, /* int64_t (every integer type, timestamps as epoch ms) */
    SL_VK_F64 = 1, /* double */
    SL_VK_STR = 2, /* strings */
};

/* One value (of the instance's kind). A string of up to 8 bytes is held in
 * b, zero-padded (no allocation, and equality is one comparison); a longer
 * one in s: a view while looked up, an owned copy once stored. */
typedef struct sl_vval {
    union {
        int64_t i;
        double d;
        char *s;
        char b[8];
    } v;
    size_t n; /* string length */
} sl_vval;

/* Strings up to this length live inside their sl_vval. */
enum { SL_VC_INLINE = 8 };

/* The bytes of string value x (inside x when short: valid while x is). */
static inline const char *sl_vc_ptr(const sl_vval *x)
{
    return x->n <= SL_VC_INLINE ? x->v.b : x->v.s;
}

/* Whether a stored value of kind `kind` owns a heap copy (a string longer
 * than SL_VC_INLINE): freed with it, counted in str_bytes. */
static inline bool sl_vc_on_heap(int kind, const sl_vval *x)
{
    return kind == SL_VK_STR && x->n > SL_VC_INLINE;
}

/* A string value for lookups and insertion: short strings copied in, long
 * ones a view of s (copied by sl_vc_insert when stored). */
static inline sl_vval sl_vc_of_str(sl_str s)
{
    sl_vval t = {.v.i = 0, .n = s.n};
    if (s.n >= 4 && s.n <= SL_VC_INLINE) {
        /* two overlapping fixed-size copies (single moves), not a call of
         * memcpy with a variable length, which cost more than the probe */
        memcpy(t.v.b, s.p, 4);
        memcpy(t.v.b + s.n - 4, s.p + s.n - 4, 4);
    } else if (s.n > 0 && s.n < 4) {
        t.v.b[0] = s.p[0];
        t.v.b[s.n >> 1] = s.p[s.n >> 1];
        t.v.b[s.n - 1] = s.p[s.n - 1];
    } else if (s.n > SL_VC_INLINE) {
        t.v.s = (char *)s.p;
    }
    return t;
}

typedef struct sl_vcount_slot {
    uint64_t hash;
    int64_t count; /* > 0 in a used slot; 0 marks an empty one */
    sl_vval val;
} sl_vcount_slot;

typedef struct sl_vcount {
    sl_vcount_slot *slot; /* cap slots; NULL before the first value */
    size_t cap;           /* 0 or a power of two >= 8 */
    size_t size;          /* distinct values present */
    size_t str_bytes;     /* bytes of the owned string copies */
    int kind;             /* enum sl_vkind */
    /* MIN/MAX cache: the extreme value, valid while *_ok. The first query
     * scans for it; adds keep it up to date from then on; removing the
     * extreme itself invalidates it and the next query rescans (so the
     * cost is O(1) amortised unless the extreme is removed repeatedly,
     * then O(distinct values) per such query). */
    bool min_ok, max_ok;
    sl_vval min, max;
    /* Sums of the distinct values present: integers wrap (two's complement,
     * like Java's long); doubles are a compensated (Neumaier) sum of the
     * finite values with the non-finite ones counted apart, so retracting
     * an infinity or NaN gives the finite sum back. */
    uint64_t sum_i;
    double sum_f, sum_c;
    int n_nan, n_pinf, n_ninf; /* 0 or 1 each: the values are distinct */
} sl_vcount;

/* Makes v an empty multiset of values of `kind` (enum sl_vkind); v must not
 * own memory (zeroed, or after sl_vcount_free). A zeroed sl_vcount is an
 * empty SL_VK_I64 multiset without this call. */
static inline void sl_vcount_init(sl_vcount *v, int kind)
{
    *v = (sl_vcount){0};
    v->kind = kind;
}

static inline uint64_t sl_vc_hash(int kind, const sl_vval *x)
{
    switch (kind) {
    case SL_VK_I64:
        return sl_hash_u64((uint64_t)x->v.i, SL_AGG_SEED);
    case SL_VK_F64: /* one value for -0.0 and 0.0, and for every NaN */
        return sl_hash_f64(x->v.d, SL_AGG_SEED);
    default:
        return sl_hash_bytes(sl_vc_ptr(x), x->n, SL_AGG_SEED);
    }
}

static inline bool sl_vc_eq(int kind, const sl_vval *a, const sl_vval *b)
{
    switch (kind) {
    case SL_VK_I64:
        return a->v.i == b->v.i;
    case SL_VK_F64:
        return sl_f64_key_eq(a->v.d, b->v.d);
    default:
        if (a->n != b->n) return false;
        return a->n <= SL_VC_INLINE ? a->v.i == b->v.i : sl_bytes_eq(a->v.s, b->v.s, a->n);
    }
}

static inline int sl_vc_cmp(int kind, const sl_vval *a, const sl_vval *b)
{
    switch (kind) {
    case SL_VK_I64:
        return (a->v.i > b->v.i) - (a->v.i < b->v.i);
    case SL_VK_F64:
        return sl_agg_f64_cmp(a->v.d, b->v.d);
    default:
        return sl_str_cmp((sl_str){sl_vc_ptr(a), a->n}, (sl_str){sl_vc_ptr(b), b->n});
    }
}

/* The slot holding x (*found) or the empty slot where it would go. */
static inline size_t sl_vc_find(const sl_vcount *v, uint64_t h, const sl_vval *x, bool *found)
{
    size_t mask = v->cap - 1, k = (size_t)h & mask;
    for (;;) {
        const sl_vcount_slot *e = &v->slot[k];
        if (e->count == 0) {
            *found = false;
            return k;
        }
        if (e->hash == h && sl_vc_eq(v->kind, &e->val, x)) {
            *found = true;
            return k;
        }
        k = (k + 1) & mask;
    }
}

/* Rebuilds the table with cap slots (a power of two above size * 4/3). */
static inline void sl_vc_resize(sl_vcount *v, size_t cap)
{
    sl_vcount_slot *old = v->slot;
    size_t old_cap = v->cap;
    v->slot = (sl_vcount_slot *)sl_xcalloc(cap, sizeof *v->slot);
    v->cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].count == 0) continue;
        size_t k = (size_t)old[i].hash & (cap - 1);
        while (v->slot[k].count) k = (k + 1) & (cap - 1);
        v->slot[k] = old[i];
    }
    free(old);
}

/* Bookkeeping of a value entering the set: sums and the MIN/MAX cache. */
static inline void sl_vc_entered(sl_vcount *v, const sl_vval *x)
{
    if (v->kind == SL_VK_I64) {
        v->sum_i += (uint64_t)x->v.i;
    } else if (v->kind == SL_VK_F64) {
        double d = x->v.d;
        if (d != d) {
            v->n_nan++;
        } else if (isinf(d)) {
            if (d > 0)
                v->n_pinf++;
            else
                v->n_ninf++;
        } else {
            /* Neumaier's variant of Kahan summation: the rounding error of
             * each addition goes to sum_c, whichever operand is larger. */
            double t = v->sum_f + d;
            if (fabs(v->sum_f) >= fabs(d))
                v->sum_c += (v->sum_f - t) + d;
            else
                v->sum_c += (d - t) + v->sum_f;
            v->sum_f = t;
        }
    }
    /* Only a cached extreme (one a MIN/MAX query found) is kept up to
     * date: a set nobody asks for its extremes, a DISTINCT count's,
     * compares nothing here. */
    if (v->min_ok && sl_vc_cmp(v->kind, x, &v->min) < 0) v->min = *x;
    if (v->max_ok && sl_vc_cmp(v->kind, x, &v->max) > 0) v->max = *x;
}

/* Bookkeeping of a value leaving the set (size already decremented). */
static inline void sl_vc_left(sl_vcount *v, const sl_vval *x)
{
    if (v->kind == SL_VK_I64) {
        v->sum_i -= (uint64_t)x->v.i;
    } else if (v->kind == SL_VK_F64) {
        double d = -x->v.d;
        if (d != d) {
            v->n_nan--;
        } else if (isinf(d)) {
            if (d < 0)
                v->n_pinf--;
            else
                v->n_ninf--;
        } else {
            double t = v->sum_f + d;
            if (fabs(v->sum_f) >= fabs(d))
                v->sum_c += (v->sum_f - t) + d;
            else
                v->sum_c += (d - t) + v->sum_f;
            v->sum_f = t;
        }
    }
    if (v->size == 0) {
        /* an empty set sums to exactly 0: no rounding carried over */
        v->sum_f = v->sum_c = 0;
        v->min_ok = v->max_ok = false;
        return;
    }
    /* A cached long string extreme points at its owned copy, so pointer
     * equality identifies it; short strings and numbers compare by value. */
    if (sl_vc_on_heap(v->kind, x)) {
        if (v->min_ok && v->min.n == x->n && v->min.v.s == x->v.s) v->min_ok = false;
        if (v->max_ok && v->max.n == x->n && v->max.v.s == x->v.s) v->max_ok = false;
    } else {
        if (v->min_ok && sl_vc_eq(v->kind, &v->min, x)) v->min_ok = false;
        if (v->max_ok && sl_vc_eq(v->kind, &v->max, x)) v->max_ok = false;
    }
}

/* Stores x (a copy of a long string) with count c in the empty slot k. */
static inline void sl_vc_insert(sl_vcount *v, size_t k, uint64_t h, const sl_vval *x, int64_t c)
{
    sl_vcount_slot *e = &v->slot[k];
    e->hash = h;
    e->count = c;
    e->val = *x;
    if (sl_vc_on_heap(v->kind, x)) {
        e->val.v.s = (char *)sl_xrealloc(NULL, x->n);
        memcpy(e->val.v.s, x->v.s, x->n);
        v->str_bytes += x->n;
    }
    v->size++;
    sl_vc_entered(v, &e->val);
}

/* Empties slot k: backward-shift deletion keeps every later value of the
 * probe run reachable from its home slot. */
static inline void sl_vc_erase(sl_vcount *v, size_t k)
{
    sl_vcount_slot *e = &v->slot[k];
    sl_vval x = e->val;
    v->size--;
    sl_vc_left(v, &x);
    if (sl_vc_on_heap(v->kind, &x)) {
        v->str_bytes -= x.n;
        free(x.v.s);
    }
    size_t mask = v->cap - 1, hole = k, j = k;
    for (;;) {
        j = (j + 1) & mask;
        if (v->slot[j].count == 0) break;
        size_t home = (size_t)v->slot[j].hash & mask;
        /* the value at j may move to the hole unless its home lies
         * cyclically in (hole, j] */
        bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (stays) continue;
        v->slot[hole] = v->slot[j];
        hole = j;
    }
    v->slot[hole] = (sl_vcount_slot){0};
    if (v->cap > 8 && v->size < v->cap / 8) sl_vc_resize(v, v->cap / 2);
}

/* Adds delta to the count of x; the value's new count is returned. */
static inline int64_t sl_vc_add(sl_vcount *v, int kind, const sl_vval *x, int64_t delta)
{
    if (v->kind != kind || (delta <= 0 && v->size == 0)) return 0;
    uint64_t h = sl_vc_hash(kind, x);
    if (v->cap == 0) sl_vc_resize(v, 8);
    bool found;
    size_t k = sl_vc_find(v, h, x, &found);
    if (found) {
        sl_vcount_slot *e = &v->slot[k];
        int64_t c;
        if (__builtin_add_overflow(e->count, delta, &c)) c = INT64_MAX; /* saturate */
        if (c > 0) return e->count = c;
        sl_vc_erase(v, k);
        return 0;
    }
    if (delta <= 0) return 0;
    if ((v->size + 1) * 4 > v->cap * 3) {
        sl_vc_resize(v, sl_agg_mul(v->cap, 2));
        k = sl_vc_find(v, h, x, &found);
    }
    sl_vc_insert(v, k, h, x, delta);
    return delta;
}

/* Adds delta (> 0: insertions, < 0: retractions) to the count of x and
 * returns x's new count. A count reaching 0 or below removes x (a
 * retraction of a value not present is ignored and returns 0: a
 * consistent changelog never does it); counts saturate at INT64_MAX.
 * Does nothing and returns 0 on a multiset of another kind. O(1) expected;
 * allocates only for a new distinct value (its string copy) and when the
 * table grows or halves. */
static inline int64_t sl_vcount_add_i64(sl_vcount *v, int64_t x, int64_t delta)
{
    sl_vval t = {.v.i = x};
    return sl_vc_add(v, SL_VK_I64, &t, delta);
}

/* sl_vcount_add_i64 for doubles: -0.0 and 0.0 are one value (the one
 * first added is kept), and every NaN is one value. */
static inline int64_t sl_vcount_add_f64(sl_vcount *v, double x, int64_t delta)
{
    sl_vval t = {.v.d = x};
    return sl_vc_add(v, SL_VK_F64, &t, delta);
}

/* sl_vcount_add_i64 for strings: x is a view; a new value is copied. */
static inline int64_t sl_vcount_add_str(sl_vcount *v, sl_str x, int64_t delta)
{
    sl_vval t = sl_vc_of_str(x);
    return sl_vc_add(v, SL_VK_STR, &t, delta);
}

/* Number of distinct values present (COUNT(DISTINCT x)). */
static inline size_t sl_vcount_size(const sl_vcount *v)
{
    return v->size;
}

/* A stored string value as a view into *x (never a NULL pointer). */
static inline sl_str sl_vc_str(const sl_vval *x)
{
    return (sl_str){sl_vc_ptr(x), x->n};
}

/* The cached extreme (*out points into v: a short string's bytes are in
 * it), rescanning the table when it was invalidated. */
static inline bool sl_vc_extreme(sl_vcount *v, int kind, bool want_max, const sl_vval **out)
{
    static const sl_vval none = {.n = 0};
    *out = &none;
    if (v->kind != kind || v->size == 0) return false;
    bool *ok = want_max ? &v->max_ok : &v->min_ok;
    sl_vval *c = want_max ? &v->max : &v->min;
    if (!*ok) {
        const sl_vval *best = NULL;
        for (size_t k = 0; k < v->cap; k++) {
            const sl_vval *x = &v->slot[k].val;
            if (v->slot[k].count == 0) continue;
            if (!best) {
                best = x;
                continue;
            }
            int d = sl_vc_cmp(kind, x, best);
            if (want_max ? d > 0 : d < 0) best = x;
        }
        *c = *best;
        *ok = true;
    }
    *out = c;
    return true;
}

/* MIN of the values present: false when empty (SQL NULL) or of another
 * kind. Not const: a query after the minimum was removed rescans and
 * caches the new one. */
static inline bool sl_vcount_min_i64(sl_vcount *v, int64_t *out)
{
    const sl_vval *x;
    bool ok = sl_vc_extreme(v, SL_VK_I64, false, &x);
    *out = x->v.i;
    return ok;
}

/* MAX of the values present, as sl_vcount_min_i64. */
static inline bool sl_vcount_max_i64(sl_vcount *v, int64_t *out)
{
    const sl_vval *x;
    bool ok = sl_vc_extreme(v, SL_VK_I64, true, &x);
    *out = x->v.i;
    return ok;
}

/* MIN of doubles (NaN is the largest value), as sl_vcount_min_i64. */
static inline bool sl_vcount_min_f64(sl_vcount *v, double *out)
{
    const sl_vval *x;
    bool ok = sl_vc_extreme(v, SL_VK_F64, false, &x);
    *out = x->v.d;
    return ok;
}

/* MAX of doubles (NaN when a NaN is present), as sl_vcount_min_i64. */
static inline bool sl_vcount_max_f64(sl_vcount *v, double *out)
{
    const sl_vval *x;
    bool ok = sl_vc_extreme(v, SL_VK_F64, true, &x);
    *out = x->v.d;
    return ok;
}

/* MIN of strings (bytewise), as sl_vcount_min_i64; *out is a view into v. */
static inline bool sl_vcount_min_str(sl_vcount *v, sl_str *out)
{
    const sl_vval *x;
    bool ok = sl_vc_extreme(v, SL_VK_STR, false, &x);
    *out = sl_vc_str(x);
    return ok;
}

/* MAX of strings (bytewise), as sl_vcount_min_str. */
static inline bool sl_vcount_max_str(sl_vcount *v, sl_str *out)
{
    const sl_vval *x;
    bool ok = sl_vc_extreme(v, SL_VK_STR, true, &x);
    *out = sl_vc_str(x);
    return ok;
}

/* SUM(DISTINCT x) of an SL_VK_I64 multiset: the sum of the distinct values
 * present, wrapping like Java's long (Flink's BIGINT SUM). 0 when empty
 * (the caller makes that NULL) or of another kind. O(1). */
static inline int64_t sl_vcount_sum_i64(const sl_vcount *v)
{
    return v->kind == SL_VK_I64 ? (int64_t)v->sum_i : 0;
}

/* SUM(DISTINCT x) of an SL_VK_F64 multiset: NaN when a NaN, or both
 * infinities, are present; an infinity when one is; else the compensated
 * sum of the finite values (error about one rounding of the result, plus
 * O(n eps^2) of the magnitudes added and removed). 0 when empty or of
 * another kind. O(1). */
static inline double sl_vcount_sum_f64(const sl_vcount *v)
{
    if (v->kind != SL_VK_F64) return 0;
    if (v->n_nan || (v->n_pinf && v->n_ninf)) return NAN;
    if (v->n_pinf) return INFINITY;
    if (v->n_ninf) return -INFINITY;
    return v->sum_f + v->sum_c;
}

/* Iteration over the distinct values, in no particular order: start with
 * *pos = 0; each call that returns true stores the next value in *i, *d or
 * *s (the one of v's kind; a string is a view into v; the others get 0
 * or "") and its count in *count; any out pointer may be NULL. v must not
 * change during the iteration. */
static inline bool sl_vcount_next(const sl_vcount *v, size_t *pos, int64_t *i, double *d, sl_str *s,
                                  int64_t *count)
{
    for (size_t k = *pos; k < v->cap; k++) {
        const sl_vcount_slot *e = &v->slot[k];
        if (e->count == 0) continue;
        /* the outputs of other kinds get 0 / "" (never left unset) */
        if (i) *i = v->kind == SL_VK_I64 ? e->val.v.i : 0;
        if (d) *d = v->kind == SL_VK_F64 ? e->val.v.d : 0;
        if (s) *s = v->kind == SL_VK_STR ? sl_vc_str(&e->val) : (sl_str){"", 0};
        if (count) *count = e->count;
        *pos = k + 1;
        return true;
    }
    *pos = v->cap;
    return false;
}

/* Comparators for qsort over slot pointers, one per kind. */
static inline int sl_vc_qcmp_i64(const void *a, const void *b)
{
    const sl_vcount_slot *x = *(const sl_vcount_slot *const *)a;
    const sl_vcount_slot *y = *(const sl_vcount_slot *const *)b;
    return sl_vc_cmp(SL_VK_I64, &x->val, &y->val);
}
static inline int sl_vc_qcmp_f64(const void *a, const void *b)
{
    const sl_vcount_slot *x = *(const sl_vcount_slot *const *)a;
    const sl_vcount_slot *y = *(const sl_vcount_slot *const *)b;
    return sl_vc_cmp(SL_VK_F64, &x->val, &y->val);
}
static inline int sl_vc_qcmp_str(const void *a, const void *b)
{
    const sl_vcount_slot *x = *(const sl_vcount_slot *const *)a;
    const sl_vcount_slot *y = *(const sl_vcount_slot *const *)b;
    return sl_vc_cmp(SL_VK_STR, &x->val, &y->val);
}

/* The distinct values sorted ascending (malloc'd array of v->size slot
 * pointers; the caller frees it) and, in *total, the number of values
 * counting multiplicity. */
static inline const sl_vcount_slot **sl_vc_sorted(const sl_vcount *v, uint64_t *total)
{
    const sl_vcount_slot **a =
        (const sl_vcount_slot **)sl_xrealloc(NULL, sl_agg_mul(v->size, sizeof *a));
    size_t m = 0;
    uint64_t t = 0;
    for (size_t k = 0; k < v->cap; k++) {
        if (v->slot[k].count == 0) continue;
        a[m++] = &v->slot[k];
        t += (uint64_t)v->slot[k].count;
    }
    qsort(a, m, sizeof *a,
          v->kind == SL_VK_I64   ? sl_vc_qcmp_i64
          : v->kind == SL_VK_F64 ? sl_vc_qcmp_f64
                                 : sl_vc_qcmp_str);
    *total = t;
    return a;
}

/* The value at 0-based rank r (< total) of the sorted multiset, ascending;
 * *from is a cursor into a (ranks asked in increasing order resume from
 * it). */
static inline const sl_vval *sl_vc_rank(const sl_vcount_slot **a, size_t m, uint64_t r,
                                        size_t *from, uint64_t *cum)
{
    size_t j = *from;
    uint64_t c = *cum; /* values before a[j] */
    while (j + 1 < m && c + (uint64_t)a[j]->count <= r) c += (uint64_t)a[j++]->count;
    *from = j;
    *cum = c;
    return &a[j]->val;
}

/* The value at ascending rank r, searching from the start. */
static inline const sl_vval *sl_vc_rank0(const sl_vcount_slot **a, size_t m, uint64_t r)
{
    size_t from = 0;
    uint64_t cum = 0;
    return sl_vc_rank(a, m, r, &from, &cum);
}

static inline double sl_vc_as_f64(int kind, const sl_vval *x)
{
    return kind == SL_VK_I64 ? (double)x->v.i : x->v.d;
}

/* PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x [DESC]) over the multiset
 * (SQL:2008; DuckDB's quantile_cont): with the N values (counting
 * multiplicity) sorted ascending, or descending when desc, RN = p * (N - 1)
 * and d = RN - floor(RN), the result is lo * (1 - d) + hi * d for lo, hi
 * the values at 0-based positions floor(RN) and ceil(RN) (just lo when they
 * coincide), in double: DuckDB's formula for doubles (its
 * CastInterpolation), so results match it to the bit; integers are
 * converted to double first, as DuckDB does. False when empty,
 * when p is not in [0, 1], or for an SL_VK_STR multiset (no interpolation
 * of strings; the binder rejects it). O(D log D) for D distinct values,
 * with one temporary allocation. */
static inline bool sl_vcount_percentile_cont(const sl_vcount *v, double p, bool desc, double *out)
{
    *out = 0;
    if (v->size == 0 || !(p >= 0 && p <= 1) || v->kind == SL_VK_STR) return false;
    uint64_t n;
    const sl_vcount_slot **a = sl_vc_sorted(v, &n);
    double rn = p * (double)(n - 1), frn = floor(rn), crn = ceil(rn);
    uint64_t f = (uint64_t)frn, c = (uint64_t)crn;
    /* descending position i is ascending rank n - 1 - i */
    if (desc) {
        f = n - 1 - f;
        c = n - 1 - c;
    }
    double lo = sl_vc_as_f64(v->kind, sl_vc_rank0(a, v->size, f));
    double r = lo;
    if (crn != frn) {
        double hi = sl_vc_as_f64(v->kind, sl_vc_rank0(a, v->size, c));
        double d = rn - frn;
        r = lo * (1.0 - d) + hi * d;
    }
    free(a);
    *out = r;
    return true;
}

/* The 0-based position of PERCENTILE_DISC(p) among n sorted values: the
 * first whose cumulative fraction (i + 1) / n reaches p, computed as DuckDB
 * does (its Interpolator for discrete quantiles): max(1, n - floor(n - n *
 * p)) - 1 in double arithmetic. The rounding of n * p then treats p as the
 * decimal the user wrote: PERCENTILE_DISC(0.1) of 10 values is the first,
 * although the double 0.1 lies just above 0.1. */
static inline uint64_t sl_vc_disc_pos(uint64_t n, double p)
{
    double dn = (double)n, c = dn - floor(dn - dn * p);
    if (c < 1) return 0;
    if (c > dn) return n - 1;
    return (uint64_t)c - 1;
}

/* The PERCENTILE_DISC value: *out points at its slot's value in v (the
 * sorted array is freed). */
static inline bool sl_vc_disc(const sl_vcount *v, int kind, double p, bool desc,
                              const sl_vval **out)
{
    static const sl_vval none = {.n = 0};
    *out = &none;
    if (v->kind != kind || v->size == 0 || !(p >= 0 && p <= 1)) return false;
    uint64_t n;
    const sl_vcount_slot **a = sl_vc_sorted(v, &n);
    uint64_t i = sl_vc_disc_pos(n, p);
    *out = sl_vc_rank0(a, v->size, desc ? n - 1 - i : i);
    free(a);
    return true;
}

/* PERCENTILE_DISC(p) WITHIN GROUP (ORDER BY x [DESC]) (SQL:2008; DuckDB's
 * quantile_disc): the first value, in ascending (or, when desc, descending)
 * order counting multiplicity, whose cumulative fraction is at least p
 * (sl_vc_disc_pos). False when empty, when p is not in [0, 1], or for a
 * multiset of another kind. O(D log D), one temporary allocation. */
static inline bool sl_vcount_percentile_disc_i64(const sl_vcount *v, double p, bool desc,
                                                 int64_t *out)
{
    const sl_vval *x;
    bool ok = sl_vc_disc(v, SL_VK_I64, p, desc, &x);
    *out = x->v.i;
    return ok;
}

/* sl_vcount_percentile_disc_i64 for doubles (NaN sorts last). */
static inline bool sl_vcount_percentile_disc_f64(const sl_vcount *v, double p, bool desc,
                                                 double *out)
{
    const sl_vval *x;
    bool ok = sl_vc_disc(v, SL_VK_F64, p, desc, &x);
    *out = x->v.d;
    return ok;
}

/* sl_vcount_percentile_disc_i64 for strings (bytewise order); *out is a
 * view into v. */
static inline bool sl_vcount_percentile_disc_str(const sl_vcount *v, double p, bool desc,
                                                 sl_str *out)
{
    const sl_vval *x;
    bool ok = sl_vc_disc(v, SL_VK_STR, p, desc, &x);
    *out = sl_vc_str(x);
    return ok;
}

/* Frees what v holds; v stays an empty multiset of the same kind. */
static inline void sl_vcount_free(sl_vcount *v)
{
    if (v->kind == SL_VK_STR)
        for (size_t k = 0; k < v->cap; k++)
            if (v->slot[k].count && sl_vc_on_heap(v->kind, &v->slot[k].val))
                free(v->slot[k].val.v.s);
    free(v->slot);
    sl_vcount_init(v, v->kind);
}

/* Heap bytes held: the slot table and the string copies. */
static inline size_t sl_vcount_bytes(const sl_vcount *v)
{
    return v->cap * sizeof *v->slot + v->str_bytes;
}

/* Appends v: its kind and number of distinct values (u64 each), then per
 * value the value (i64, f64 bit pattern, or length-prefixed string) and its
 * count (i64). The table is rebuilt on load, so the format does not depend
 * on hashing. */
static inline void sl_vcount_save(const sl_vcount *v, sl_buf *b)
{
    sl_save_u64(b, (uint64_t)v->kind);
    sl_save_u64(b, v->size);
    for (size_t k = 0; k < v->cap; k++) {
        const sl_vcount_slot *e = &v->slot[k];
        if (e->count == 0) continue;
        if (v->kind == SL_VK_I64)
            sl_save_i64(b, e->val.v.i);
        else if (v->kind == SL_VK_F64)
            sl_save_f64(b, e->val.v.d);
        else
            sl_save_bytes(b, sl_vc_ptr(&e->val), e->val.n);
        sl_save_i64(b, e->count);
    }
}

/* Reads what sl_vcount_save wrote into v, which keeps its kind: a snapshot
 * of another kind, a count that is not positive, or a value twice (not a
 * set) is corrupt. */
static inline bool sl_vcount_load(sl_vcount *v, sl_rbuf *r)
{
    int kind = v->kind;
    sl_vcount_free(v);
    uint64_t k = sl_load_u64(r), n = sl_load_u64(r);
    /* every value takes at least 16 bytes: a count cannot promise more
     * values than the input holds (bounding the table allocated here) */
    if (r->err || k != (uint64_t)kind || n > sl_rbuf_left(r) / 16) goto bad;
    if (n) {
        size_t cap = 8;
        while (n * 4 > cap * 3) cap *= 2;
        sl_vc_resize(v, cap);
    }
    for (uint64_t i = 0; i < n; i++) {
        sl_vval x = {.n = 0};
        if (kind == SL_VK_I64) {
            x.v.i = sl_load_i64(r);
        } else if (kind == SL_VK_F64) {
            x.v.d = sl_load_f64(r);
        } else {
            x = sl_vc_of_str(sl_load_str(r));
        }
        int64_t c = sl_load_i64(r);
        if (r->err || c <= 0) goto bad;
        uint64_t h = sl_vc_hash(kind, &x);
        bool found;
        size_t slot = sl_vc_find(v, h, &x, &found);
        if (found) goto bad;
        sl_vc_insert(v, slot, h, &x, c);
    }
    return true;
bad:
    r->err = true;
    sl_vcount_free(v);
    return false;
}

/* ==== sl_hll: HyperLogLog distinct count =====================================
 * APPROX_COUNT_DISTINCT. Flajolet, Fusy, Gandouet and Meunier, "HyperLogLog:
 * the analysis of a near-optimal cardinality estimation algorithm" (AofA
 * 2007), with 2^12 registers: the top 12 bits of a 64-bit hash choose the
 * register, which keeps the largest rank (leading zeros + 1) of the other
 * 52 bits. The estimate is the paper's harmonic mean, with its small-range
 * correction (linear counting over the empty registers when the raw
 * estimate is at most 2.5 m); 64-bit hashes need no large-range one.
 * Standard error 1.04 / sqrt(4096) = 1.6%. No removal: under retractions
 * an exact sl_vcount is the state to use.
 *
 * Small sets are kept sparse, as in HyperLogLog++ (Heule, Nunkesser and
 * Hall, "HyperLogLog in Practice", EDBT 2013): up to SL_HLL_SPARSE_MAX
 * distinct hashes are held as 32-bit entries (register index, the next 14
 * hash bits, rank) in an open-addressing set whose size is their count, so
 * the estimate there is that count: exact but for two values whose entries
 * coincide (probability about n^2 / 2^27: 0.4% of sets of 768 lose one).
 * Linear counting alone would be 1.1% off (one standard error) at 500
 * values, and a group with few values holds a few bytes instead of 4 KiB.
 * The entry carries the rank, so moving to the registers (on the 769th
 * value, or a merge with a dense sketch) gives the registers that adding
 * the same hashes densely would. Dense registers (4 KiB plus a histogram of
 * their values, so that estimating costs 54 steps instead of 4096) replace
 * the set; a zeroed sl_hll is empty. */
#define SL_HLL_P            12
#define SL_HLL_M            (1 << SL_HLL_P)
#define SL_HLL_MAXRANK      (64 - SL_HLL_P + 1) /* 53: all 52 remaining bits zero */
#define SL_HLL_SPARSE_SLOTS 1024                /* 4 KiB of entries, as the registers */
#define SL_HLL_SPARSE_MAX   (SL_HLL_SPARSE_SLOTS / 4 * 3)

typedef struct sl_hll_regs {
    uint16_t hist[SL_HLL_MAXRANK + 1]; /* registers holding each value */
    uint8_t reg[SL_HLL_M];
} sl_hll_regs;

typedef struct sl_hll {
    sl_hll_regs *r;  /* dense registers; NULL while sparse */
    uint32_t *slot;  /* while sparse: entries (sl_hll_entry), 0 = free slot */
    uint32_t n, cap; /* sparse entries held, slots (a power of 2, or 0) */
} sl_hll;

/* The sparse entry of a hash: register index (12 bits), the 14 hash bits
 * after it, rank (6 bits, 1..53). Never 0, since the rank is not. */
static inline uint32_t sl_hll_entry(uint64_t hash)
{
    uint64_t w = hash << SL_HLL_P;
    unsigned rank = w ? (unsigned)__builtin_clzll(w) + 1 : SL_HLL_MAXRANK;
    return (uint32_t)(hash >> 38) << 6 | rank;
}

/* Raises register j to rank (the registers exist). */
static inline void sl_hll_raise(sl_hll_regs *r, unsigned j, unsigned rank)
{
    uint8_t old = r->reg[j];
    if (rank > old) {
        r->hist[old]--;
        r->hist[rank]++;
        r->reg[j] = (uint8_t)rank;
    }
}

/* Makes h dense: allocates the registers and moves the sparse entries in. */
static inline void sl_hll_densify(sl_hll *h)
{
    assert(!h->r);
    h->r = (sl_hll_regs *)sl_xcalloc(1, sizeof *h->r);
    h->r->hist[0] = SL_HLL_M;
    for (uint32_t i = 0; i < h->cap; i++)
        if (h->slot[i]) sl_hll_raise(h->r, h->slot[i] >> 20, h->slot[i] & 63);
    free(h->slot);
    h->slot = NULL;
    h->n = h->cap = 0;
}

/* Inserts entry e into h's sparse set, growing it (doubling from 16 slots,
 * at most 3/4 full), or making h dense past SL_HLL_SPARSE_MAX entries. */
static inline void sl_hll_add_entry(sl_hll *h, uint32_t e)
{
    if (h->cap) {
        uint32_t mask = h->cap - 1, i = (e * UINT32_C(0x9e3779b1)) >> 16 & mask;
        for (; h->slot[i]; i = (i + 1) & mask)
            if (h->slot[i] == e) return;
        if (h->n < h->cap / 4 * 3) {
            h->slot[i] = e;
            h->n++;
            return;
        }
    }
    if (h->cap == SL_HLL_SPARSE_SLOTS) {
        sl_hll_densify(h);
        sl_hll_raise(h->r, e >> 20, e & 63);
        return;
    }
    /* grow, then insert */
    uint32_t *old = h->slot, ocap = h->cap;
    h->cap = ocap ? ocap * 2 : 16;
    h->slot = (uint32_t *)sl_xcalloc(h->cap, sizeof *h->slot);
    h->n = 0;
    for (uint32_t k = 0; k < ocap; k++)
        if (old[k]) sl_hll_add_entry(h, old[k]);
    free(old);
    sl_hll_add_entry(h, e);
}

/* Adds a value given by its 64-bit hash (the caller hashes: sl_hash_u64 of
 * an integer, sl_hash_f64 of a double, sl_hash_bytes_strong of
 * a string; equal values must hash equally). O(1) amortised. */
static inline void sl_hll_add(sl_hll *h, uint64_t hash)
{
    if (h->r) {
        uint64_t w = hash << SL_HLL_P;
        sl_hll_raise(h->r, (unsigned)(hash >> (64 - SL_HLL_P)),
                     w ? (unsigned)__builtin_clzll(w) + 1 : SL_HLL_MAXRANK);
    } else {
        sl_hll_add_entry(h, sl_hll_entry(hash));
    }
}

/* Adds every value of o to h (the union: entry by entry into a sparse h,
 * register-wise maximum into a dense one). */
static inline void sl_hll_merge(sl_hll *h, const sl_hll *o)
{
    if (h == o) return;
    if (o->r) {
        if (!h->r) sl_hll_densify(h);
        for (unsigned j = 0; j < SL_HLL_M; j++) sl_hll_raise(h->r, j, o->r->reg[j]);
        return;
    }
    for (uint32_t i = 0; i < o->cap; i++) {
        uint32_t e = o->slot[i];
        if (!e) continue;
        if (h->r)
            sl_hll_raise(h->r, e >> 20, e & 63);
        else
            sl_hll_add_entry(h, e);
    }
}

/* The estimated number of distinct values added: 0 when empty, the number
 * of entries while sparse. */
static inline int64_t sl_hll_estimate(const sl_hll *h)
{
    if (!h->r) return h->n;
    const double m = SL_HLL_M, alpha = 0.7213 / (1 + 1.079 / m);
    double z = 0; /* sum of 2^-reg, from the histogram; exact terms */
    for (int k = SL_HLL_MAXRANK; k >= 0; k--) z += ldexp(h->r->hist[k], -k);
    double e = alpha * m * m / z;
    if (e <= 2.5 * m && h->r->hist[0]) e = m * log(m / h->r->hist[0]);
    return e >= 0x1p63 ? INT64_MAX : (int64_t)llround(e);
}

/* Frees the registers or entries; h is empty again. */
static inline void sl_hll_free(sl_hll *h)
{
    free(h->r);
    free(h->slot);
    *h = (sl_hll){0};
}

/* Heap bytes held: 0 when empty, the slots while sparse, else the
 * registers and their histogram. */
static inline size_t sl_hll_bytes(const sl_hll *h)
{
    return h->r ? sizeof *h->r : (size_t)h->cap * sizeof *h->slot;
}

/* Appends h as a length-prefixed byte string: empty when h is, the 4096
 * registers when dense, else the sparse entries as 4-byte little-endian
 * words (at most SL_HLL_SPARSE_MAX of them, so never 4096 bytes). */
static inline void sl_hll_save(const sl_hll *h, sl_buf *b)
{
    if (h->r) {
        sl_save_bytes(b, h->r->reg, SL_HLL_M);
        return;
    }
    unsigned char le[SL_HLL_SPARSE_MAX * 4];
    size_t n = 0;
    for (uint32_t i = 0; i < h->cap; i++) {
        uint32_t e = h->slot[i];
        if (!e) continue;
        for (int k = 0; k < 4; k++) le[n++] = (unsigned char)(e >> 8 * k);
    }
    assert(n == (size_t)h->n * 4);
    sl_save_bytes(b, le, n);
}

/* Reads what sl_hll_save wrote. Corrupt: a length that is neither 4096
 * nor a multiple of 4 up to SL_HLL_SPARSE_MAX entries, a register above
 * 53, an entry whose rank is not 1..53. */
static inline bool sl_hll_load(sl_hll *h, sl_rbuf *r)
{
    sl_hll_free(h);
    sl_str s = sl_load_str(r);
    if (r->err) goto bad;
    if (s.n == SL_HLL_M) {
        for (size_t j = 0; j < SL_HLL_M; j++)
            if ((unsigned char)s.p[j] > SL_HLL_MAXRANK) goto bad;
        sl_hll_densify(h);
        memcpy(h->r->reg, s.p, SL_HLL_M);
        h->r->hist[0] = 0;
        for (size_t j = 0; j < SL_HLL_M; j++) h->r->hist[h->r->reg[j]]++;
        return true;
    }
    if (s.n % 4 || s.n / 4 > SL_HLL_SPARSE_MAX) goto bad;
    for (size_t i = 0; i < s.n; i += 4) {
        const unsigned char *p = (const unsigned char *)s.p + i;
        uint32_t e = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        if ((e & 63) == 0 || (e & 63) > SL_HLL_MAXRANK) goto bad;
        sl_hll_add_entry(h, e);
    }
    return true;
bad:
    sl_hll_free(h);
    r->err = true;
    return false;
}

/* ==== sl_ddsketch: quantiles with relative accuracy ===========================
 * APPROX_PERCENTILE / approx_quantile. Masson, Rim and Lee, "DDSketch: a
 * fast and fully-mergeable quantile sketch with relative-error guarantees"
 * (VLDB 2019). A positive x is counted in bucket i = ceil(log_gamma(x)),
 * gamma = (1 + alpha) / (1 - alpha), which holds (gamma^(i-1), gamma^i];
 * the bucket's value (1 - alpha) gamma^i (= 2 gamma^i / (gamma + 1), the
 * paper's estimate) is within alpha of every x in it. Negative values are
 * counted by |x| in a second store; zero (and |x| below DBL_MIN, i.e.
 * subnormals, which come back as 0) in a zero bucket. Infinities and NaN,
 * which no bucket holds, are counted apart and returned exactly (NaN sorts
 * last, as in sl_agg_f64_cmp).
 *
 * alpha is 1%: the constants below use alpha = 0.01 * (1 - 1e-7) so that
 * the rounding of log and exp (relative 1e-13 at worst over the double
 * range) cannot push an error past 1%.
 *
 * Each store is the paper's "collapsing lowest dense store": counts of a
 * window of at most SL_DDS_MAX_BINS consecutive buckets (2048 span a factor
 * of gamma^2048 = 6e17); a bucket beyond the window's top moves the window
 * up and the buckets that fall below it are added into its lowest bucket,
 * and a bucket below the window is counted in the lowest. Only values in
 * collapsed buckets (the smallest magnitudes of each sign: for negatives
 * the ones nearest zero) lose the guarantee.
 *
 * Counts are exact, so removal (retractions) is exact: it decrements the
 * bucket x went to. A zeroed sl_ddsketch is empty; each store allocates
 * its window on first use, growing by doubling. */
#define SL_DDS_MAX_BINS 2048
/* 1 - alpha and ln(gamma) = log1p(2 alpha / (1 - alpha)), alpha as above
 * (tests/unit/test_sl_agg.c checks them against the formulas). */
#define SL_DDS_ONE_MINUS_ALPHA 0.990000001
#define SL_DDS_LN_GAMMA        0.020000664706469506

typedef struct sl_ddstore {
    int64_t *bins; /* counts of buckets base .. base + cap - 1 */
    int32_t base, cap;
    int32_t lo, hi; /* buckets outside lo..hi are 0 (meaningful when count > 0) */
    int64_t count;  /* values in this store */
    bool collapsed; /* some bucket below lo was counted in lo */
} sl_ddstore;

typedef struct sl_ddsketch {
    sl_ddstore pos, neg;           /* x > 0 by x; x < 0 by -x */
    int64_t zero, pinf, ninf, nan; /* zeros, +inf, -inf, NaN */
    int64_t n;                     /* values in all */
} sl_ddsketch;

/* Bucket of a positive normal x: ceil(ln x / ln gamma). */
static inline int32_t sl_dds_index(double x)
{
    return (int32_t)ceil(log(x) / SL_DDS_LN_GAMMA);
}

/* Value of bucket i: (1 - alpha) gamma^i, at most DBL_MAX (the top buckets'
 * values may round past it; every x in them is at most DBL_MAX). */
static inline double sl_dds_value(int32_t i)
{
    double v = SL_DDS_ONE_MINUS_ALPHA * exp((double)i * SL_DDS_LN_GAMMA);
    return v > DBL_MAX ? DBL_MAX : v;
}

/* Makes the window hold buckets lo..hi, keeping the counts of
 * old_lo..old_hi (the only non-zero ones; none when !had). Grows by
 * doubling and leaves the room in the direction of growth (up when `up`),
 * so a run of values that keeps extending the range costs O(1) amortised;
 * at the largest size the window slides in place. */
static inline void sl_dds_fit(sl_ddstore *st, int32_t old_lo, int32_t old_hi, bool had, int32_t lo,
                              int32_t hi, bool up)
{
    if (st->bins && lo >= st->base && hi < st->base + st->cap) return;
    int32_t need = hi - lo + 1, cap = st->cap ? st->cap : 64;
    while (cap < need + need / 2 && cap < SL_DDS_MAX_BINS) cap *= 2;
    int32_t base = up ? lo : hi - cap + 1;
    size_t len = had ? (size_t)(old_hi - old_lo + 1) : 0;
    if (cap == st->cap) {
        /* same size: slide the counts within the array, zero the rest */
        int64_t *b = st->bins;
        if (len) memmove(b + (old_lo - base), b + (old_lo - st->base), len * sizeof *b);
        size_t at = len ? (size_t)(old_lo - base) : (size_t)cap;
        memset(b, 0, at * sizeof *b);
        if (len) memset(b + at + len, 0, ((size_t)cap - at - len) * sizeof *b);
    } else {
        int64_t *b = (int64_t *)sl_xcalloc((size_t)cap, sizeof *b);
        if (len) memcpy(b + (old_lo - base), st->bins + (old_lo - st->base), len * sizeof *b);
        free(st->bins);
        st->bins = b;
        st->cap = cap;
    }
    st->base = base;
}

/* Adds c > 0 values to bucket i of a store, collapsing as described. */
static inline void sl_dds_store_add(sl_ddstore *st, int32_t i, int64_t c)
{
    if (st->count == 0) {
        /* empty: every bin is 0, so the window may move anywhere */
        st->collapsed = false;
        if (st->bins)
            st->base = i - st->cap / 2;
        else
            sl_dds_fit(st, 0, -1, false, i, i, true);
        st->lo = st->hi = i;
    } else if (i < st->lo || i > st->hi) {
        int32_t lo = i < st->lo ? i : st->lo, hi = i > st->hi ? i : st->hi;
        int32_t olo = st->lo, ohi = st->hi;
        if (hi - lo + 1 > SL_DDS_MAX_BINS) {
            st->collapsed = true;
            lo = hi - SL_DDS_MAX_BINS + 1;
            if (i > st->hi) {
                /* the buckets below the new bottom go into it */
                int64_t moved = 0;
                for (int32_t k = olo; k < lo && k <= ohi; k++) {
                    moved += st->bins[k - st->base];
                    st->bins[k - st->base] = 0;
                }
                int32_t keep_lo = olo > lo ? olo : lo;
                sl_dds_fit(st, keep_lo, ohi, keep_lo <= ohi, lo, hi, true);
                st->bins[lo - st->base] += moved;
            } else {
                /* i falls below the widest window: counted in its bottom */
                i = lo;
                sl_dds_fit(st, olo, ohi, true, lo, hi, false);
            }
        } else {
            sl_dds_fit(st, olo, ohi, true, lo, hi, i > ohi);
        }
        st->lo = lo;
        st->hi = hi;
    }
    st->bins[i - st->base] += c;
    st->count += c;
}

/* Removes one value of bucket i; false when there is none to remove. */
static inline bool sl_dds_store_remove(sl_ddstore *st, int32_t i)
{
    if (st->count == 0 || i > st->hi) return false;
    if (i < st->lo) {
        if (!st->collapsed) return false;
        i = st->lo;
    }
    int64_t *b = &st->bins[i - st->base];
    if (*b == 0) return false;
    (*b)--;
    st->count--;
    return true;
}

/* The counter a value goes to, and for finite non-zero values its store
 * and bucket. */
static inline int64_t *sl_dds_route(sl_ddsketch *s, double x, sl_ddstore **st, int32_t *i)
{
    *st = NULL;
    *i = 0;
    if (x != x) return &s->nan;
    if (isinf(x)) return x > 0 ? &s->pinf : &s->ninf;
    double a = fabs(x);
    if (a < DBL_MIN) return &s->zero;
    *st = x > 0 ? &s->pos : &s->neg;
    *i = sl_dds_index(a);
    return NULL;
}

/* Adds x. O(1) amortised (a log and a few stores). */
static inline void sl_ddsketch_add(sl_ddsketch *s, double x)
{
    sl_ddstore *st;
    int32_t i;
    int64_t *c = sl_dds_route(s, x, &st, &i);
    if (c)
        (*c)++;
    else
        sl_dds_store_add(st, i, 1);
    s->n++;
}

/* Removes one x (a retraction of an earlier add): the count of x's bucket
 * goes down by one. Returns false, changing nothing, when that bucket is
 * empty (x was not added; a consistent changelog never does it). O(1). */
static inline bool sl_ddsketch_remove(sl_ddsketch *s, double x)
{
    sl_ddstore *st;
    int32_t i;
    int64_t *c = sl_dds_route(s, x, &st, &i);
    if (c) {
        if (*c == 0) return false;
        (*c)--;
    } else if (!sl_dds_store_remove(st, i)) {
        return false;
    }
    s->n--;
    return true;
}

/* Adds every value of o to s (s and o may be the same). The result is the
 * sketch of the union (the paper's full mergeability), collapsing if the
 * union spans more than SL_DDS_MAX_BINS buckets. O(buckets of o). */
static inline void sl_ddsketch_merge(sl_ddsketch *s, const sl_ddsketch *o)
{
    if (s == o) {
        sl_ddsketch copy = *o;
        /* doubling every count: no bucket moves */
        for (int k = 0; k < 2; k++) {
            sl_ddstore *st = k ? &s->neg : &s->pos;
            if (st->count)
                for (int32_t b = st->lo; b <= st->hi; b++) st->bins[b - st->base] *= 2;
            st->count *= 2;
        }
        s->zero += copy.zero;
        s->pinf += copy.pinf;
        s->ninf += copy.ninf;
        s->nan += copy.nan;
        s->n += copy.n;
        return;
    }
    for (int k = 0; k < 2; k++) {
        const sl_ddstore *from = k ? &o->neg : &o->pos;
        sl_ddstore *to = k ? &s->neg : &s->pos;
        if (from->count == 0) continue;
        /* top bucket first: a collapse happens once, at the start */
        for (int32_t b = from->hi; b >= from->lo; b--) {
            int64_t c = from->bins[b - from->base];
            if (c) sl_dds_store_add(to, b, c);
        }
        if (from->collapsed) to->collapsed = true;
    }
    s->zero += o->zero;
    s->pinf += o->pinf;
    s->ninf += o->ninf;
    s->nan += o->nan;
    s->n += o->n;
}

/* Number of values in the sketch (COUNT of what was added minus removed). */
static inline int64_t sl_ddsketch_count(const sl_ddsketch *s)
{
    return s->n;
}

/* The q-quantile (q in [0, 1]): the estimate of the value at 0-based rank
 * floor(q * (n - 1)) of the n values sorted ascending (-inf, negatives,
 * zeros, positives, +inf, NaN), within 1% relative error of it unless its
 * bucket was collapsed. False when empty or q is not in [0, 1]. O(buckets
 * held) (at most 2 * 2048). */
static inline bool sl_ddsketch_quantile(const sl_ddsketch *s, double q, double *out)
{
    *out = 0;
    if (s->n <= 0 || !(q >= 0 && q <= 1)) return false;
    int64_t r = (int64_t)floor(q * (double)(s->n - 1)), c = s->ninf;
    if (r < c) {
        *out = -INFINITY;
        return true;
    }
    const sl_ddstore *st = &s->neg;
    if (st->count)
        for (int32_t b = st->hi; b >= st->lo; b--) {
            c += st->bins[b - st->base];
            if (r < c) {
                *out = -sl_dds_value(b);
                return true;
            }
        }
    c += s->zero;
    if (r < c) {
        *out = 0;
        return true;
    }
    st = &s->pos;
    if (st->count)
        for (int32_t b = st->lo; b <= st->hi; b++) {
            c += st->bins[b - st->base];
            if (r < c) {
                *out = sl_dds_value(b);
                return true;
            }
        }
    c += s->pinf;
    *out = r < c ? INFINITY : NAN;
    return true;
}

/* Frees the stores; s is empty again. */
static inline void sl_ddsketch_free(sl_ddsketch *s)
{
    free(s->pos.bins);
    free(s->neg.bins);
    *s = (sl_ddsketch){.n = 0};
}

/* Heap bytes held: the two stores' windows (8 bytes per bucket). */
static inline size_t sl_ddsketch_bytes(const sl_ddsketch *s)
{
    return ((size_t)s->pos.cap + (size_t)s->neg.cap) * sizeof(int64_t);
}

static inline void sl_dds_store_save(const sl_ddstore *st, sl_buf *b)
{
    uint64_t used = 0;
    if (st->count)
        for (int32_t k = st->lo; k <= st->hi; k++) used += st->bins[k - st->base] != 0;
    sl_save_u64(b, st->count && st->collapsed); /* an emptied store is not collapsed */
    sl_save_u64(b, used);
    if (st->count)
        for (int32_t k = st->lo; k <= st->hi; k++) {
            int64_t c = st->bins[k - st->base];
            if (!c) continue;
            sl_save_i64(b, k);
            sl_save_i64(b, c);
        }
}

/* Appends s: the zero, +inf, -inf and NaN counts, then per store (positive,
 * negative) its collapsed flag, the number of non-empty buckets and each
 * one's (index, count), by increasing index. */
static inline void sl_ddsketch_save(const sl_ddsketch *s, sl_buf *b)
{
    sl_save_i64(b, s->zero);
    sl_save_i64(b, s->pinf);
    sl_save_i64(b, s->ninf);
    sl_save_i64(b, s->nan);
    sl_dds_store_save(&s->pos, b);
    sl_dds_store_save(&s->neg, b);
}

/* Reads one store; the total count is added to *n. */
static inline bool sl_dds_store_load(sl_ddstore *st, sl_rbuf *r, int64_t *n)
{
    /* a bucket index outside these cannot come from a double */
    const int64_t min_i = sl_dds_index(DBL_MIN) - 1, max_i = sl_dds_index(DBL_MAX);
    uint64_t collapsed = sl_load_u64(r), used = sl_load_u64(r);
    if (r->err || collapsed > 1 || used > SL_DDS_MAX_BINS || used > sl_rbuf_left(r) / 16)
        return false;
    int64_t first = 0, prev = 0;
    for (uint64_t j = 0; j < used; j++) {
        int64_t k = sl_load_i64(r), c = sl_load_i64(r);
        if (r->err || c <= 0 || k < min_i || k > max_i || (j && k <= prev) ||
            (j && k - first >= SL_DDS_MAX_BINS) || __builtin_add_overflow(*n, c, n))
            return false;
        if (j == 0) first = k;
        prev = k;
        sl_dds_store_add(st, (int32_t)k, c);
    }
    st->collapsed = collapsed && used;
    return true;
}

/* Reads what sl_ddsketch_save wrote. Corrupt: negative counts, buckets out
 * of order or outside what a double can map to, a store spanning more than
 * SL_DDS_MAX_BINS buckets, a total count above INT64_MAX. */
static inline bool sl_ddsketch_load(sl_ddsketch *s, sl_rbuf *r)
{
    sl_ddsketch_free(s);
    int64_t c[4];
    for (int k = 0; k < 4; k++) c[k] = sl_load_i64(r);
    int64_t n = 0;
    for (int k = 0; k < 4; k++)
        if (c[k] < 0 || __builtin_add_overflow(n, c[k], &n)) r->err = true;
    if (r->err || !sl_dds_store_load(&s->pos, r, &n) || !sl_dds_store_load(&s->neg, r, &n)) {
        r->err = true;
        sl_ddsketch_free(s);
        return false;
    }
    s->zero = c[0];
    s->pinf = c[1];
    s->ninf = c[2];
    s->nan = c[3];
    s->n = n;
    return true;
}

/* ==== sl_strseq: a sequence of owned strings in one buffer ====================
 * Internal to sl_strlist: the items' bytes back to back in one growable
 * buffer, each after its length (a size_t, unaligned), so appending costs
 * no allocation in steady state and joining is one pass. */
typedef struct sl_strseq {
    char *buf; /* items: length then bytes */
    size_t len, cap;
    size_t n; /* items */
} sl_strseq;

/* Appends s; s may be a view into q itself. */
static inline void sl_ss_push(sl_strseq *q, sl_str s)
{
    size_t need = sizeof(size_t) + s.n;
    if (need < s.n || q->len > SIZE_MAX - need) sl_agg_oom();
    if (q->cap - q->len < need) {
        /* s may point into the buffer that realloc moves */
        bool inside = s.n && q->buf && s.p >= q->buf && s.p < q->buf + q->len;
        size_t off = inside ? (size_t)(s.p - q->buf) : 0;
        q->cap = sl_agg_grow_cap(q->cap, q->len + need, 64);
        q->buf = (char *)sl_xrealloc(q->buf, q->cap);
        if (inside) s.p = q->buf + off;
    }
    memcpy(q->buf + q->len, &s.n, sizeof s.n);
    if (s.n) memcpy(q->buf + q->len + sizeof s.n, s.p, s.n);
    q->len += need;
    q->n++;
}

/* The item at byte offset *off, advancing *off past it. */
static inline sl_str sl_ss_item(const sl_strseq *q, size_t *off)
{
    size_t n;
    memcpy(&n, q->buf + *off, sizeof n);
    sl_str s = {q->buf + *off + sizeof n, n};
    *off += sizeof n + n;
    return s;
}

/* Removes the first item equal to s; false when there is none. O(bytes). */
static inline bool sl_ss_remove_first(sl_strseq *q, sl_str s)
{
    for (size_t off = 0; off < q->len;) {
        size_t at = off;
        sl_str t = sl_ss_item(q, &off);
        if (!sl_str_eq(t, s)) continue;
        memmove(q->buf + at, q->buf + off, q->len - off);
        q->len -= off - at;
        q->n--;
        return true;
    }
    return false;
}

static inline void sl_ss_free(sl_strseq *q)
{
    free(q->buf);
    *q = (sl_strseq){0};
}

static inline void sl_ss_save(const sl_strseq *q, sl_buf *b)
{
    sl_save_u64(b, q->n);
    for (size_t off = 0; off < q->len;) sl_save_str(b, sl_ss_item(q, &off));
}

static inline bool sl_ss_load(sl_strseq *q, sl_rbuf *r)
{
    uint64_t n = sl_load_u64(r);
    /* every item takes at least its 8-byte length */
    if (r->err || n > sl_rbuf_left(r) / 8) return false;
    for (uint64_t i = 0; i < n; i++) {
        sl_str s = sl_load_str(r);
        if (r->err) return false;
        sl_ss_push(q, s);
    }
    return true;
}

/* ==== sl_strlist: LISTAGG ======================================================
 * LISTAGG(x [, sep]) over a changelog, as Flink's
 * ListAggWithRetractAggFunction (flink-table-runtime, read for this
 * implementation): the accumulator is a list of the values in arrival order
 * plus a list of retractions that found nothing to remove. A retraction
 * removes the FIRST equal value of the list (java.util.List.remove(Object),
 * which its ListView calls, both on the heap and in state backends), else
 * is remembered in the retraction list, which only merge consults: merging
 * concatenates both lists, then each remembered retraction removes the
 * first equal value of the concatenation or stays remembered. The result
 * joins the values (NULL when there are none). NULL inputs are the
 * caller's to skip (Flink ignores them). The retraction list is allocated
 * only when a retraction misses. A zeroed sl_strlist is empty. */
typedef struct sl_strlist {
    sl_strseq items;
    sl_strseq *retracted; /* NULL until a retraction misses */
} sl_strlist;

/* Appends a copy of s. O(|s|) amortised; no allocation in steady state. */
static inline void sl_strlist_add(sl_strlist *l, sl_str s)
{
    sl_ss_push(&l->items, s);
}

/* Retracts s: removes the first item equal to s and returns true, or, when
 * there is none, remembers the retraction for merge (as Flink does) and
 * returns false. O(bytes held). */
static inline bool sl_strlist_remove(sl_strlist *l, sl_str s)
{
    if (sl_ss_remove_first(&l->items, s)) return true;
    if (!l->retracted) l->retracted = (sl_strseq *)sl_xcalloc(1, sizeof *l->retracted);
    sl_ss_push(l->retracted, s);
    return false;
}

/* Merges o into l as Flink's merge: l's items then o's, and then each
 * remembered retraction of l and then of o removes the first equal item,
 * or stays remembered. l and o may be the same. */
static inline void sl_strlist_merge(sl_strlist *l, const sl_strlist *o)
{
    size_t n = o->items.n, len = o->items.len; /* o's items, before l grows */
    for (size_t off = 0, k = 0; k < n && off < len; k++) {
        /* sl_ss_item reads o's base pointer each time: when o == l,
         * pushing moves it (and sl_ss_push copes with s inside it) */
        sl_str s = sl_ss_item(&o->items, &off);
        sl_ss_push(&l->items, s);
    }
    sl_strseq pending = {0};
    if (l->retracted) {
        pending = *l->retracted;
        free(l->retracted);
        l->retracted = NULL;
    }
    /* then o's (when o == l, its retractions are the ones just taken:
     * Flink's merge of an accumulator with itself lists each one twice) */
    const sl_strseq *oq = o == l ? &pending : o->retracted;
    size_t oqlen = oq ? oq->len : 0;
    for (size_t off = 0; off < oqlen;) sl_ss_push(&pending, sl_ss_item(oq, &off));
    for (size_t off = 0; off < pending.len;) {
        sl_str s = sl_ss_item(&pending, &off);
        if (!sl_ss_remove_first(&l->items, s)) {
            if (!l->retracted) l->retracted = (sl_strseq *)sl_xcalloc(1, sizeof *l->retracted);
            sl_ss_push(l->retracted, s);
        }
    }
    sl_ss_free(&pending);
}

/* Number of values in the list. */
static inline size_t sl_strlist_size(const sl_strlist *l)
{
    return l->items.n;
}

/* LISTAGG's result: the values in order, sep between them, allocated in a
 * (the per-record scratch arena, or any arena the caller resets). False
 * (NULL) when the list is empty. O(bytes). */
static inline bool sl_strlist_join(const sl_strlist *l, sl_str sep, sl_arena *a, sl_str *out)
{
    const sl_strseq *q = &l->items;
    *out = (sl_str){"", 0};
    if (q->n == 0) return false;
    size_t total;
    if (__builtin_add_overflow(q->len - q->n * sizeof(size_t), sl_agg_mul(q->n - 1, sep.n), &total))
        sl_agg_oom();
    char *p = (char *)sl_arena_alloc(a, total), *w = p;
    for (size_t off = 0, k = 0; off < q->len; k++) {
        sl_str s = sl_ss_item(q, &off);
        if (k && sep.n) {
            memcpy(w, sep.p, sep.n);
            w += sep.n;
        }
        if (s.n) memcpy(w, s.p, s.n);
        w += s.n;
    }
    *out = (sl_str){p, total};
    return true;
}

/* Frees everything; l is an empty list again. */
static inline void sl_strlist_free(sl_strlist *l)
{
    sl_ss_free(&l->items);
    if (l->retracted) {
        sl_ss_free(l->retracted);
        free(l->retracted);
    }
    l->retracted = NULL;
}

/* Heap bytes held: both lists' buffers. */
static inline size_t sl_strlist_bytes(const sl_strlist *l)
{
    return l->items.cap + (l->retracted ? sizeof *l->retracted + l->retracted->cap : 0);
}

/* Appends l: the number of values then each (length-prefixed), then the
 * same for the remembered retractions. */
static inline void sl_strlist_save(const sl_strlist *l, sl_buf *b)
{
    sl_ss_save(&l->items, b);
    if (l->retracted)
        sl_ss_save(l->retracted, b);
    else
        sl_save_u64(b, 0);
}

/* Reads what sl_strlist_save wrote. */
static inline bool sl_strlist_load(sl_strlist *l, sl_rbuf *r)
{
    sl_strlist_free(l);
    sl_strseq rq = {0};
    if (!sl_ss_load(&l->items, r) || !sl_ss_load(&rq, r)) {
        sl_ss_free(&rq);
        sl_strlist_free(l);
        r->err = true;
        return false;
    }
    if (rq.n) {
        l->retracted = (sl_strseq *)sl_xcalloc(1, sizeof *l->retracted);
        *l->retracted = rq;
    } else {
        sl_ss_free(&rq);
    }
    return true;
}

/* ==== sl_strbuf: one owned string =============================================
 * The state of MIN/MAX of strings without retractions (and any other kept
 * string): one buffer per group, reused, so memory is bounded by the number
 * of groups and not by the number of updates. Whether a value is present
 * (NULL) is the caller's flag. A zeroed sl_strbuf holds the empty string. */
typedef struct sl_strbuf {
    char *p;
    size_t n, cap;
} sl_strbuf;

/* Makes b hold a copy of s (s may be a view into b itself). Allocates only
 * when s is longer than any value held before (to its length rounded up to
 * 16 bytes). O(|s|). */
static inline void sl_strbuf_set(sl_strbuf *b, sl_str s)
{
    if (s.n > b->cap) {
        /* s cannot lie inside the buffer: it is longer than the buffer */
        size_t cap = s.n + 15 < s.n ? s.n : (s.n + 15) & ~(size_t)15;
        free(b->p);
        b->p = (char *)sl_xrealloc(NULL, cap);
        b->cap = cap;
    }
    if (s.n) memmove(b->p, s.p, s.n);
    b->n = s.n;
}

/* The string held: a view into b. */
static inline sl_str sl_strbuf_get(const sl_strbuf *b)
{
    return (sl_str){b->p ? b->p : "", b->n};
}

/* Frees the buffer; b holds the empty string again. */
static inline void sl_strbuf_free(sl_strbuf *b)
{
    free(b->p);
    *b = (sl_strbuf){0};
}

/* Heap bytes held: the buffer's capacity. */
static inline size_t sl_strbuf_bytes(const sl_strbuf *b)
{
    return b->cap;
}

/* Appends the string held (length-prefixed). */
static inline void sl_strbuf_save(const sl_strbuf *b, sl_buf *out)
{
    sl_save_str(out, sl_strbuf_get(b));
}

/* Reads what sl_strbuf_save wrote. */
static inline bool sl_strbuf_load(sl_strbuf *b, sl_rbuf *r)
{
    sl_strbuf_free(b);
    sl_str s = sl_load_str(r);
    if (r->err) return false;
    sl_strbuf_set(b, s);
    return true;
}

/* ==== sl_vlist: FIRST_VALUE / LAST_VALUE over changelogs =====================
 * The values in arrival order, each possibly NULL (for RESPECT NULLS; with
 * Flink's default of ignoring NULLs the caller adds none), as Flink's
 * FirstValueWithRetractAggFunction and LastValueWithRetractAggFunction
 * keep them (read for this implementation: values by arrival order). A
 * retraction removes the EARLIEST equal value, as those functions do (the
 * first order of the value's order list, then the first equal value of
 * that order's list); FIRST_VALUE is then the first value left, LAST_VALUE
 * the last. Equality is Java's equals: doubles by bit pattern with all NaNs
 * equal (so -0.0 is not 0.0), strings by bytes; NULL equals NULL.
 *
 * One instance holds one kind (enum sl_vkind, from sl_vlist_init; a zeroed
 * sl_vlist is an empty SL_VK_I64 list). A growable array; strings' bytes
 * back to back in a second one, so adds allocate nothing in steady state.
 * Removal is O(n). */
typedef struct sl_vlist_ent {
    union {
        int64_t i;
        double d;
        size_t n; /* string length */
    } v;
    bool null;
} sl_vlist_ent;

typedef struct sl_vlist {
    sl_vlist_ent *e;
    size_t n, cap;
    char *bytes; /* strings' bytes, in entry order */
    size_t len, bcap;
    int kind; /* enum sl_vkind */
} sl_vlist;

/* Makes l an empty list of values of `kind`; l must not own memory. */
static inline void sl_vlist_init(sl_vlist *l, int kind)
{
    *l = (sl_vlist){0};
    l->kind = kind;
}

static inline void sl_vl_push(sl_vlist *l, sl_vlist_ent x)
{
    if (l->n == l->cap) {
        l->cap = sl_agg_grow_cap(l->cap, l->n + 1, 8);
        l->e = (sl_vlist_ent *)sl_xrealloc(l->e, sl_agg_mul(l->cap, sizeof *l->e));
    }
    l->e[l->n++] = x;
}

/* Appends x, or NULL when is_null (x then ignored). No-op on a list of
 * another kind. O(1) amortised. */
static inline void sl_vlist_add_i64(sl_vlist *l, int64_t x, bool is_null)
{
    if (l->kind != SL_VK_I64) return;
    sl_vl_push(l, (sl_vlist_ent){.v.i = is_null ? 0 : x, .null = is_null});
}

/* sl_vlist_add_i64 for doubles. */
static inline void sl_vlist_add_f64(sl_vlist *l, double x, bool is_null)
{
    if (l->kind != SL_VK_F64) return;
    sl_vl_push(l, (sl_vlist_ent){.v.d = is_null ? 0 : x, .null = is_null});
}

/* sl_vlist_add_i64 for strings: a copy of x is kept. O(|x|) amortised. */
static inline void sl_vlist_add_str(sl_vlist *l, sl_str x, bool is_null)
{
    if (l->kind != SL_VK_STR) return;
    size_t n = is_null ? 0 : x.n;
    if (l->bcap - l->len < n) {
        if (l->len > SIZE_MAX - n) sl_agg_oom();
        bool inside = l->bytes && x.p >= l->bytes && x.p < l->bytes + l->len;
        size_t off = inside ? (size_t)(x.p - l->bytes) : 0;
        l->bcap = sl_agg_grow_cap(l->bcap, l->len + n, 64);
        l->bytes = (char *)sl_xrealloc(l->bytes, l->bcap);
        if (inside) x.p = l->bytes + off;
    }
    if (n) memcpy(l->bytes + l->len, x.p, n);
    l->len += n;
    sl_vl_push(l, (sl_vlist_ent){.v.n = n, .null = is_null});
}

/* Removes entry k (its string bytes at byte offset off). */
static inline void sl_vl_erase(sl_vlist *l, size_t k, size_t off)
{
    if (l->kind == SL_VK_STR && !l->e[k].null && l->e[k].v.n) {
        size_t n = l->e[k].v.n;
        memmove(l->bytes + off, l->bytes + off + n, l->len - off - n);
        l->len -= n;
    }
    memmove(l->e + k, l->e + k + 1, (l->n - k - 1) * sizeof *l->e);
    l->n--;
}

/* Removes the earliest entry equal to x (or the earliest NULL when
 * is_null); false when there is none or l is of another kind. O(n). */
static inline bool sl_vlist_remove_i64(sl_vlist *l, int64_t x, bool is_null)
{
    if (l->kind != SL_VK_I64) return false;
    for (size_t k = 0; k < l->n; k++)
        if (is_null ? l->e[k].null : !l->e[k].null && l->e[k].v.i == x) {
            sl_vl_erase(l, k, 0);
            return true;
        }
    return false;
}

/* sl_vlist_remove_i64 for doubles (equal bit patterns, any NaN equal). */
static inline bool sl_vlist_remove_f64(sl_vlist *l, double x, bool is_null)
{
    if (l->kind != SL_VK_F64) return false;
    uint64_t bx = sl_agg_f64_bits(x);
    for (size_t k = 0; k < l->n; k++)
        if (is_null ? l->e[k].null : !l->e[k].null && sl_agg_f64_bits(l->e[k].v.d) == bx) {
            sl_vl_erase(l, k, 0);
            return true;
        }
    return false;
}

/* sl_vlist_remove_i64 for strings (equal bytes). O(bytes). */
static inline bool sl_vlist_remove_str(sl_vlist *l, sl_str x, bool is_null)
{
    if (l->kind != SL_VK_STR) return false;
    for (size_t k = 0, off = 0; k < l->n; off += l->e[k++].v.n) {
        const sl_vlist_ent *e = &l->e[k];
        if (is_null ? e->null
                    : !e->null && sl_str_eq((sl_str){l->bytes ? l->bytes + off : "", e->v.n}, x)) {
            sl_vl_erase(l, k, off);
            return true;
        }
    }
    return false;
}

/* Number of entries (NULLs included). */
static inline size_t sl_vlist_size(const sl_vlist *l)
{
    return l->n;
}

/* The entry FIRST_VALUE (or LAST_VALUE when last) returns; NULL when l is
 * empty or of another kind. */
static inline const sl_vlist_ent *sl_vl_end(const sl_vlist *l, int kind, bool last)
{
    if (l->kind != kind || l->n == 0) return NULL;
    return &l->e[last ? l->n - 1 : 0];
}

/* FIRST_VALUE: the first entry; *is_null tells whether it is NULL (*out is
 * then 0). False when the list is empty (SQL NULL too: *is_null is set) or
 * of another kind. O(1). */
static inline bool sl_vlist_first_i64(const sl_vlist *l, int64_t *out, bool *is_null)
{
    const sl_vlist_ent *e = sl_vl_end(l, SL_VK_I64, false);
    *is_null = !e || e->null;
    *out = *is_null ? 0 : e->v.i;
    return e != NULL;
}

/* LAST_VALUE: the last entry, as sl_vlist_first_i64. */
static inline bool sl_vlist_last_i64(const sl_vlist *l, int64_t *out, bool *is_null)
{
    const sl_vlist_ent *e = sl_vl_end(l, SL_VK_I64, true);
    *is_null = !e || e->null;
    *out = *is_null ? 0 : e->v.i;
    return e != NULL;
}

/* sl_vlist_first_i64 for doubles. */
static inline bool sl_vlist_first_f64(const sl_vlist *l, double *out, bool *is_null)
{
    const sl_vlist_ent *e = sl_vl_end(l, SL_VK_F64, false);
    *is_null = !e || e->null;
    *out = *is_null ? 0 : e->v.d;
    return e != NULL;
}

/* sl_vlist_last_i64 for doubles. */
static inline bool sl_vlist_last_f64(const sl_vlist *l, double *out, bool *is_null)
{
    const sl_vlist_ent *e = sl_vl_end(l, SL_VK_F64, true);
    *is_null = !e || e->null;
    *out = *is_null ? 0 : e->v.d;
    return e != NULL;
}

/* sl_vlist_first_i64 for strings; *out is a view into l ("" when NULL). */
static inline bool sl_vlist_first_str(const sl_vlist *l, sl_str *out, bool *is_null)
{
    const sl_vlist_ent *e = sl_vl_end(l, SL_VK_STR, false);
    *is_null = !e || e->null;
    *out = *is_null ? (sl_str){"", 0} : (sl_str){l->bytes ? l->bytes : "", e->v.n};
    return e != NULL;
}

/* sl_vlist_last_i64 for strings; *out is a view into l ("" when NULL). */
static inline bool sl_vlist_last_str(const sl_vlist *l, sl_str *out, bool *is_null)
{
    const sl_vlist_ent *e = sl_vl_end(l, SL_VK_STR, true);
    *is_null = !e || e->null;
    *out =
        *is_null ? (sl_str){"", 0} : (sl_str){l->bytes ? l->bytes + (l->len - e->v.n) : "", e->v.n};
    return e != NULL;
}

/* Frees what l holds; l stays an empty list of the same kind. */
static inline void sl_vlist_free(sl_vlist *l)
{
    free(l->e);
    free(l->bytes);
    sl_vlist_init(l, l->kind);
}

/* Heap bytes held: the entry array and the string bytes. */
static inline size_t sl_vlist_bytes(const sl_vlist *l)
{
    return l->cap * sizeof *l->e + l->bcap;
}

/* Appends l: kind and number of entries (u64), then per entry a NULL flag
 * (u64 0 or 1) and, when not NULL, the value (i64, f64 bit pattern, or
 * length-prefixed string). */
static inline void sl_vlist_save(const sl_vlist *l, sl_buf *b)
{
    sl_save_u64(b, (uint64_t)l->kind);
    sl_save_u64(b, l->n);
    for (size_t k = 0, off = 0; k < l->n; k++) {
        const sl_vlist_ent *e = &l->e[k];
        sl_save_u64(b, e->null);
        if (e->null) continue;
        if (l->kind == SL_VK_I64) {
            sl_save_i64(b, e->v.i);
        } else if (l->kind == SL_VK_F64) {
            sl_save_f64(b, e->v.d);
        } else {
            sl_save_bytes(b, l->bytes + off, e->v.n);
            off += e->v.n;
        }
    }
}

/* Reads what sl_vlist_save wrote into l, which keeps its kind (a snapshot
 * of another kind is corrupt, as is a NULL flag other than 0 or 1). */
static inline bool sl_vlist_load(sl_vlist *l, sl_rbuf *r)
{
    int kind = l->kind;
    sl_vlist_free(l);
    uint64_t k = sl_load_u64(r), n = sl_load_u64(r);
    if (r->err || k != (uint64_t)kind || n > sl_rbuf_left(r) / 8) goto bad;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t null = sl_load_u64(r);
        if (r->err || null > 1) goto bad;
        if (kind == SL_VK_I64) {
            int64_t x = null ? 0 : sl_load_i64(r);
            if (r->err) goto bad;
            sl_vlist_add_i64(l, x, null);
        } else if (kind == SL_VK_F64) {
            double x = null ? 0 : sl_load_f64(r);
            if (r->err) goto bad;
            sl_vlist_add_f64(l, x, null);
        } else {
            sl_str x = null ? (sl_str){"", 0} : sl_load_str(r);
            if (r->err) goto bad;
            sl_vlist_add_str(l, x, null);
        }
    }
    return true;
bad:
    r->err = true;
    sl_vlist_free(l);
    return false;
}

#endif
