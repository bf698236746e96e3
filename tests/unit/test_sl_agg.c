/* test_sl_agg.c - the aggregate accumulators of templates/sl_agg.h, each
 * against a reference: Welford against two-pass variance in long double,
 * sl_vcount against a brute-force model of the multiset (counts, MIN/MAX,
 * sums, iteration, exact percentiles) and against DuckDB's quantile_cont /
 * quantile_disc results, HyperLogLog's measured error over random sets,
 * DDSketch's relative error at every quantile of several distributions,
 * LISTAGG and FIRST/LAST_VALUE lists against models of Flink's retracting
 * functions; and for every type save/load round trips of random contents,
 * every truncation of a snapshot (load fails, nothing leaks: the ASan
 * build checks) and corrupt snapshots.
 *
 * Random tests use a fixed seed (SEED=n in the environment overrides it);
 * every failure message states it. Measured accuracies are printed. */
#include <criterion/criterion.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../templates/sl_agg.h"

/* ---- helpers ---------------------------------------------------------------------- */

/* Under ASan every test ends with a leak check that fails the test: a
 * LeakSanitizer report alone does not change a Criterion test's result. */
#if defined(__SANITIZE_ADDRESS__)
#define SL_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SL_TEST_ASAN 1
#endif
#endif
#ifdef SL_TEST_ASAN
#include <sanitizer/lsan_interface.h>
#define LEAK_CHECK()                                                                               \
    cr_assert_eq(__lsan_do_recoverable_leak_check(), 0,                                            \
                 "memory leaked (LeakSanitizer report above)")
#else
#define LEAK_CHECK() ((void)0)
#endif
#define TEST(suite, name)                                                                          \
    static void suite##_##name##_body(void);                                                       \
    Test(suite, name)                                                                              \
    {                                                                                              \
        suite##_##name##_body();                                                                   \
        LEAK_CHECK();                                                                              \
    }                                                                                              \
    static void suite##_##name##_body(void)

static inline sl_str S(const char *s)
{
    return (sl_str){s, strlen(s)};
}

static inline bool str_is(sl_str got, const char *want, size_t n)
{
    return got.n == n && (n == 0 || memcmp(got.p, want, n) == 0);
}

/* xorshift64*: deterministic random numbers. */
static uint64_t rng_state;
static uint64_t seed;
static inline uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1DULL;
}
static inline void seed_rng(void)
{
    const char *e = getenv("SEED");
    seed = e ? strtoull(e, NULL, 10) : 20240611;
    rng_state = seed ? seed : 1;
}
/* uniform in [0, 1) */
static inline double unif(void)
{
    return (double)(rnd() >> 11) * 0x1p-53;
}
static inline double normal(void)
{
    double u = unif(), v = unif();
    return sqrt(-2 * log(1 - u)) * cos(2 * M_PI * v);
}
static inline size_t below(size_t n)
{
    return (size_t)(rnd() % n);
}

static inline uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}
static inline double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}
/* same double, or both NaN */
static inline bool same_f64(double a, double b)
{
    return (a != a && b != b) || bits(a) == bits(b);
}
static inline double relerr(double got, double want)
{
    if (got == want) return 0;
    return fabs(got - want) / fabs(want);
}

/* ---- generic snapshot checks -------------------------------------------------------- *
 * Every accumulator has the same save/load/free/bytes calls; these wrappers
 * let one function check round trips and truncations of all of them. */
typedef struct acc_ops {
    const char *name;
    size_t size;
    void (*init)(void *a); /* a fresh empty accumulator of the same kind */
    void (*save)(const void *a, sl_buf *b);
    bool (*load)(void *a, sl_rbuf *r);
    void (*free)(void *a);
    size_t (*bytes)(const void *a);
} acc_ops;

/* Saves a, then: (1) loading the snapshot into an accumulator that already
 * holds data (so load must free it) succeeds, consumes every byte and
 * saves to a snapshot of the same length (orders may differ for hash
 * tables; callers compare contents); (2) every proper prefix fails to load,
 * sets err, and leaves an empty accumulator holding no memory; (3) the same
 * with the snapshot followed by garbage succeeds and stops at its end.
 * Returns the loaded copy in *copy (an allocation of ops->size). */
static void check_snapshot(const acc_ops *ops, const void *a, const void *filler, void *copy)
{
    sl_buf b = {0};
    ops->save(a, &b);
    /* (1) */
    ops->init(copy);
    sl_rbuf fr = sl_rbuf_of(NULL, 0);
    if (filler) {
        sl_buf fb = {0};
        ops->save(filler, &fb);
        fr = sl_rbuf_of(fb.p, fb.n);
        cr_assert(ops->load(copy, &fr), "%s: filler did not load", ops->name);
        sl_buf_free(&fb);
    }
    char *exact = malloc(b.n ? b.n : 1);
    memcpy(exact, b.p, b.n);
    sl_rbuf r = sl_rbuf_of(exact, b.n);
    cr_assert(ops->load(copy, &r), "%s: snapshot of %zu bytes did not load (seed %llu)", ops->name,
              b.n, (unsigned long long)seed);
    cr_assert_not(r.err);
    cr_assert_eq(sl_rbuf_left(&r), 0, "%s: load left %zu bytes", ops->name, sl_rbuf_left(&r));
    sl_buf b2 = {0};
    ops->save(copy, &b2);
    cr_assert_eq(b2.n, b.n, "%s: re-saved %zu bytes, not %zu", ops->name, b2.n, b.n);
    sl_buf_free(&b2);
    free(exact);
    /* (2): each prefix in an allocation of exactly its size (ASan) */
    void *t = calloc(1, ops->size);
    for (size_t k = 0; k < b.n; k++) {
        char *cut = malloc(k ? k : 1);
        memcpy(cut, b.p, k);
        ops->init(t);
        sl_rbuf rc = sl_rbuf_of(cut, k);
        cr_assert_not(ops->load(t, &rc), "%s: a prefix of %zu of %zu bytes loaded (seed %llu)",
                      ops->name, k, b.n, (unsigned long long)seed);
        cr_assert(rc.err, "%s: failed load without err", ops->name);
        cr_assert_eq(ops->bytes(t), 0, "%s: failed load holds %zu bytes", ops->name, ops->bytes(t));
        ops->free(t);
        free(cut);
    }
    /* (3) */
    sl_buf_put(&b, "garbage!", 8);
    ops->init(t);
    sl_rbuf rg = sl_rbuf_of(b.p, b.n);
    cr_assert(ops->load(t, &rg));
    cr_assert_eq(sl_rbuf_left(&rg), 8);
    ops->free(t);
    free(t);
    sl_buf_free(&b);
}

/* Loading bytes that must be rejected: false, err set, nothing held. */
static void check_rejects(const acc_ops *ops, const sl_buf *b, const char *what)
{
    void *t = calloc(1, ops->size);
    ops->init(t);
    char *exact = malloc(b->n ? b->n : 1);
    memcpy(exact, b->p, b->n);
    sl_rbuf r = sl_rbuf_of(exact, b->n);
    cr_assert_not(ops->load(t, &r), "%s: accepted %s", ops->name, what);
    cr_assert(r.err);
    cr_assert_eq(ops->bytes(t), 0);
    ops->free(t);
    free(t);
    free(exact);
}

#define OPS(T, initcall)                                                                           \
    static void T##_init_w(void *a)                                                                \
    {                                                                                              \
        initcall;                                                                                  \
    }                                                                                              \
    static void T##_save_w(const void *a, sl_buf *b)                                               \
    {                                                                                              \
        T##_save((const T *)a, b);                                                                 \
    }                                                                                              \
    static bool T##_load_w(void *a, sl_rbuf *r)                                                    \
    {                                                                                              \
        return T##_load((T *)a, r);                                                                \
    }                                                                                              \
    static void T##_free_w(void *a)                                                                \
    {                                                                                              \
        T##_free((T *)a);                                                                          \
    }                                                                                              \
    static size_t T##_bytes_w(const void *a)                                                       \
    {                                                                                              \
        return T##_bytes((const T *)a);                                                            \
    }

OPS(sl_welford, *(sl_welford *)a = (sl_welford){0})

#define OPS_OF(T)                                                                                  \
    (acc_ops)                                                                                      \
    {                                                                                              \
#T, sizeof(T), T##_init_w, T##_save_w, T##_load_w, T##_free_w, T##_bytes_w                 \
    }

/* ==== sl_welford ====================================================================== */

TEST(welford, textbook_values_and_nulls)
{
    sl_welford w = {0};
    double out;
    cr_assert_not(sl_welford_var_pop(&w, &out));
    cr_assert_not(sl_welford_var_samp(&w, &out));
    cr_assert_not(sl_welford_stddev_pop(&w, &out));
    cr_assert_not(sl_welford_stddev_samp(&w, &out));
    sl_welford_add(&w, 5);
    cr_assert(sl_welford_var_pop(&w, &out));
    cr_assert_eq(out, 0);
    cr_assert_not(sl_welford_var_samp(&w, &out)); /* one row: NULL */
    cr_assert_not(sl_welford_stddev_samp(&w, &out));
    w = (sl_welford){0};
    double v[] = {2, 4, 4, 4, 5, 5, 7, 9};
    for (int i = 0; i < 8; i++) sl_welford_add(&w, v[i]);
    cr_assert(sl_welford_var_pop(&w, &out));
    cr_assert_float_eq(out, 4.0, 1e-15);
    cr_assert(sl_welford_stddev_pop(&w, &out));
    cr_assert_float_eq(out, 2.0, 1e-15);
    cr_assert(sl_welford_var_samp(&w, &out));
    cr_assert_float_eq(out, 32.0 / 7, 1e-15);
    cr_assert(sl_welford_stddev_samp(&w, &out));
    cr_assert_float_eq(out, sqrt(32.0 / 7), 1e-15);
    cr_assert_eq(sl_welford_bytes(&w), 0);
}

/* Two-pass variance (population) in long double: the reference. The data
 * are shifted by x[0] first (exact in long double), so that the mean's
 * rounding does not limit the reference at large offsets. */
static long double two_pass_var(const double *x, size_t n)
{
    long double s = 0, m2 = 0;
    for (size_t i = 0; i < n; i++) s += (long double)x[i] - x[0];
    long double mean = s / n;
    for (size_t i = 0; i < n; i++) {
        long double d = ((long double)x[i] - x[0]) - mean;
        m2 += d * d;
    }
    return m2 / n;
}

/* Values 1e9 + U(0,1): the naive sum(x^2) - sum(x)^2/n formula loses every
 * digit here; Welford must match the two-pass reference closely. */
TEST(welford, stable_on_large_offsets)
{
    seed_rng();
    const size_t n = 200000;
    double *x = malloc(n * sizeof *x);
    double offsets[] = {1e9, -3e12, 1e15};
    for (size_t o = 0; o < 3; o++) {
        sl_welford w = {0};
        double s = 0, s2 = 0;
        for (size_t i = 0; i < n; i++) {
            x[i] = offsets[o] + unif() * 10;
            sl_welford_add(&w, x[i]);
            s += x[i];
            s2 += x[i] * x[i];
        }
        double var, naive = (s2 - s * s / n) / n;
        cr_assert(sl_welford_var_pop(&w, &var));
        long double ref = two_pass_var(x, n);
        double e = relerr(var, (double)ref), en = relerr(naive, (double)ref);
        printf("welford: offset %g: var_pop relative error %.2e (naive formula: %.2e)\n",
               offsets[o], e, en);
        cr_assert_lt(e, 1e-12, "seed %llu offset %g: error %g", (unsigned long long)seed,
                     offsets[o], e);
        cr_assert_gt(en, 1e-3); /* the test would notice a naive implementation */
    }
    free(x);
}

/* Same counts, and mean and m2 within tol (relative): the shifts of the two
 * states may differ, so the means compare as means. */
static bool welford_close(const sl_welford *a, const sl_welford *b, double tol)
{
    double ma, mb;
    sl_welford_mean(a, &ma);
    sl_welford_mean(b, &mb);
    return a->n == b->n && a->nonfinite == b->nonfinite &&
           fabs(ma - mb) <= tol * fmax(fabs(mb), 1e-300) &&
           fabs(a->m2 - b->m2) <= tol * fmax(fabs(b->m2), 1e-300);
}

TEST(welford, remove_inverts_add)
{
    seed_rng();
    for (int trial = 0; trial < 200; trial++) {
        sl_welford w = {0};
        double scale = pow(10, (double)below(12)), off = (double)below(1000) * scale;
        int n = 1 + (int)below(2000);
        for (int i = 0; i < n; i++) sl_welford_add(&w, off + normal() * scale);
        sl_welford before = w;
        double x = off + normal() * scale * 3;
        sl_welford_add(&w, x);
        sl_welford_remove(&w, x);
        cr_assert(welford_close(&w, &before, 1e-9),
                  "seed %llu trial %d: mean %.17g/%.17g m2 %.17g/%.17g", (unsigned long long)seed,
                  trial, w.mean, before.mean, w.m2, before.m2);
    }
    /* removing a whole batch, in another order, gives the state without it */
    sl_welford all = {0}, a = {0};
    double v[500];
    for (int i = 0; i < 500; i++) {
        v[i] = 1e6 + normal() * 100;
        sl_welford_add(&all, v[i]);
        if (i < 250) sl_welford_add(&a, v[i]);
    }
    for (int i = 499; i >= 250; i--) sl_welford_remove(&all, v[i]);
    cr_assert(welford_close(&all, &a, 1e-9), "m2 %.17g vs %.17g", all.m2, a.m2);
    /* removing everything is exactly empty; removing more is ignored */
    for (int i = 0; i < 250; i++) sl_welford_remove(&all, v[i]);
    cr_assert(all.n == 0 && all.shift == 0 && all.mean == 0 && all.m2 == 0);
    sl_welford_remove(&all, 1);
    cr_assert(all.n == 0 && all.shift == 0 && all.mean == 0 && all.m2 == 0);
    double out;
    cr_assert_not(sl_welford_var_pop(&all, &out));
}

TEST(welford, merge_equals_sequential_adds)
{
    seed_rng();
    for (int trial = 0; trial < 200; trial++) {
        sl_welford a = {0}, b = {0}, seq = {0};
        int na = (int)below(300), nb = (int)below(300);
        double off = (double)below(1000000);
        for (int i = 0; i < na; i++) {
            double x = off + normal();
            sl_welford_add(&a, x);
            sl_welford_add(&seq, x);
        }
        for (int i = 0; i < nb; i++) {
            double x = off + 5 + normal() * 2;
            sl_welford_add(&b, x);
            sl_welford_add(&seq, x);
        }
        sl_welford_merge(&a, &b);
        cr_assert(welford_close(&a, &seq, 1e-9), "seed %llu trial %d", (unsigned long long)seed,
                  trial);
    }
    /* self-merge doubles the set: same mean and variance, twice n and m2 */
    sl_welford w = {0};
    for (int i = 1; i <= 10; i++) sl_welford_add(&w, i);
    sl_welford twice = w;
    sl_welford_merge(&twice, &twice);
    cr_assert_eq(twice.n, 20);
    cr_assert_float_eq(twice.mean, w.mean, 1e-15);
    cr_assert_float_eq(twice.m2, 2 * w.m2, 1e-12);
}

/* NaN and infinities make the variance NaN while present, and retracting
 * them gives back exactly the finite state. */
TEST(welford, non_finite_values)
{
    sl_welford w = {0};
    for (int i = 1; i <= 4; i++) sl_welford_add(&w, i);
    sl_welford before = w;
    double out;
    sl_welford_add(&w, INFINITY);
    sl_welford_add(&w, NAN);
    cr_assert(sl_welford_var_pop(&w, &out));
    cr_assert(isnan(out));
    cr_assert(sl_welford_var_samp(&w, &out));
    cr_assert(isnan(out));
    cr_assert_eq(w.n, 6);
    sl_welford_remove(&w, NAN);
    sl_welford_remove(&w, INFINITY);
    cr_assert(memcmp(&w, &before, sizeof w) == 0);
    cr_assert(sl_welford_var_pop(&w, &out));
    cr_assert_float_eq(out, 1.25, 1e-15);
    /* only non-finite values: NaN, and merge keeps them */
    sl_welford inf = {0}, m = before;
    sl_welford_add(&inf, -INFINITY);
    sl_welford_merge(&m, &inf);
    cr_assert_eq(m.n, 5);
    cr_assert(sl_welford_var_pop(&m, &out) && isnan(out));
    sl_welford_merge(&inf, &before);
    cr_assert(inf.shift == before.shift && inf.mean == before.mean && inf.m2 == before.m2 &&
              inf.n == 5);
    double mean;
    cr_assert(sl_welford_mean(&inf, &mean));
    cr_assert_float_eq(mean, 2.5, 1e-15);
}

TEST(welford, snapshots)
{
    seed_rng();
    acc_ops ops = OPS_OF(sl_welford);
    sl_welford w = {0}, filler = {0}, copy;
    for (int i = 0; i < 100; i++) sl_welford_add(&w, normal() * 1e6);
    sl_welford_add(&w, NAN);
    sl_welford_add(&filler, 3);
    check_snapshot(&ops, &w, &filler, &copy);
    cr_assert(memcmp(&w, &copy, sizeof w) == 0);
    /* impossible states */
    sl_welford bad[] = {{.n = -1},
                        {.n = 1, .m2 = -1},
                        {.n = 1, .nonfinite = 2},
                        {.n = 2, .nonfinite = 2, .mean = 1},
                        {.n = 0, .m2 = 1},
                        {.n = 1, .shift = INFINITY},
                        {.n = 1, .nonfinite = 1, .shift = 3}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sl_buf b = {0};
        sl_welford_save(&bad[i], &b);
        check_rejects(&ops, &b, "an impossible state");
        sl_buf_free(&b);
    }
}
