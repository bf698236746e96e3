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

#include <float.h>
#include <math.h>

#include "sl_sql.h"

/* ---- shared helpers -------------------------------------------------------- */

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

#endif
