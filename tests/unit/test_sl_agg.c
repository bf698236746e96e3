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
OPS(sl_hll, *(sl_hll *)a = (sl_hll){0})
OPS(sl_ddsketch, *(sl_ddsketch *)a = (sl_ddsketch){.n = 0})
OPS(sl_strlist, *(sl_strlist *)a = (sl_strlist){.retracted = NULL})
OPS(sl_strbuf, *(sl_strbuf *)a = (sl_strbuf){0})
/* vcount and vlist: the kind comes from a global set by the test */
static int ops_kind;
OPS(sl_vcount, sl_vcount_init((sl_vcount *)a, ops_kind))
OPS(sl_vlist, sl_vlist_init((sl_vlist *)a, ops_kind))

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

/* ==== sl_vcount ======================================================================= */

TEST(vcount, counts_and_removal)
{
    sl_vcount v;
    sl_vcount_init(&v, SL_VK_I64);
    cr_assert_eq(sl_vcount_size(&v), 0);
    cr_assert_eq(sl_vcount_bytes(&v), 0);
    cr_assert_eq(sl_vcount_add_i64(&v, 7, -1), 0); /* retracting nothing: ignored */
    cr_assert_eq(sl_vcount_size(&v), 0);
    cr_assert_eq(sl_vcount_add_i64(&v, 7, 1), 1);
    cr_assert_eq(sl_vcount_add_i64(&v, 7, 2), 3);
    cr_assert_eq(sl_vcount_add_i64(&v, 8, 1), 1);
    cr_assert_eq(sl_vcount_add_i64(&v, 7, 0), 3); /* delta 0 reads the count */
    cr_assert_eq(sl_vcount_add_i64(&v, 9, 0), 0); /* and inserts nothing */
    cr_assert_eq(sl_vcount_size(&v), 2);
    cr_assert_eq(sl_vcount_add_i64(&v, 7, -2), 1);
    cr_assert_eq(sl_vcount_add_i64(&v, 7, -5), 0); /* below zero: removed */
    cr_assert_eq(sl_vcount_size(&v), 1);
    cr_assert_eq(sl_vcount_add_i64(&v, 7, 0), 0);
    cr_assert_eq(sl_vcount_add_i64(&v, INT64_MAX, INT64_MAX), INT64_MAX);
    cr_assert_eq(sl_vcount_add_i64(&v, INT64_MAX, 5), INT64_MAX); /* saturates */
    cr_assert_gt(sl_vcount_bytes(&v), 0);
    /* calls of another kind do nothing */
    cr_assert_eq(sl_vcount_add_f64(&v, 1.0, 1), 0);
    cr_assert_eq(sl_vcount_add_str(&v, S("x"), 1), 0);
    double d;
    cr_assert_not(sl_vcount_min_f64(&v, &d));
    cr_assert_eq(sl_vcount_size(&v), 2);
    sl_vcount_free(&v);
    cr_assert_eq(sl_vcount_bytes(&v), 0);
    cr_assert_eq(v.kind, SL_VK_I64);
    cr_assert_eq(sl_vcount_add_i64(&v, 1, 1), 1); /* usable after free */
    sl_vcount_free(&v);
}

/* A zeroed sl_vcount is an empty integer multiset. */
TEST(vcount, zeroed_is_i64)
{
    sl_vcount v = {0};
    cr_assert_eq(sl_vcount_add_i64(&v, -4, 1), 1);
    int64_t m;
    cr_assert(sl_vcount_min_i64(&v, &m));
    cr_assert_eq(m, -4);
    sl_vcount_free(&v);
}

/* Doubles group as SQL groups them: -0.0 with 0.0, every NaN together. */
TEST(vcount, double_grouping)
{
    sl_vcount v;
    sl_vcount_init(&v, SL_VK_F64);
    double nan2 = from_bits(0xfff8000000000001ULL), nan3 = from_bits(0x7ff0000000000042ULL);
    cr_assert_eq(sl_vcount_add_f64(&v, -0.0, 1), 1);
    cr_assert_eq(sl_vcount_add_f64(&v, 0.0, 1), 2);
    cr_assert_eq(sl_vcount_add_f64(&v, NAN, 1), 1);
    cr_assert_eq(sl_vcount_add_f64(&v, nan2, 1), 2);
    cr_assert_eq(sl_vcount_add_f64(&v, nan3, 1), 3);
    cr_assert_eq(sl_vcount_add_f64(&v, -NAN, 1), 4);
    cr_assert_eq(sl_vcount_size(&v), 2);
    double d;
    cr_assert(sl_vcount_max_f64(&v, &d));
    cr_assert(isnan(d)); /* NaN is the largest value */
    cr_assert(sl_vcount_min_f64(&v, &d));
    cr_assert(d == 0 && signbit(d)); /* the first of the zeros added is kept */
    cr_assert_eq(sl_vcount_add_f64(&v, INFINITY, 1), 1);
    cr_assert(sl_vcount_max_f64(&v, &d) && isnan(d));
    cr_assert_eq(sl_vcount_add_f64(&v, nan2, -4), 0);
    cr_assert(sl_vcount_max_f64(&v, &d));
    cr_assert_eq(d, INFINITY);
    sl_vcount_free(&v);
}

/* Strings: owned copies, bytewise order (a prefix first), any bytes. */
TEST(vcount, strings)
{
    sl_vcount v;
    sl_vcount_init(&v, SL_VK_STR);
    char buf[8];
    memcpy(buf, "b\0c", 3);
    cr_assert_eq(sl_vcount_add_str(&v, (sl_str){buf, 3}, 1), 1);
    memcpy(buf, "zzz", 3); /* the stored copy must not change */
    cr_assert_eq(sl_vcount_add_str(&v, (sl_str){"b\0c", 3}, 1), 2);
    cr_assert_eq(sl_vcount_add_str(&v, (sl_str){"b", 1}, 1), 1);
    cr_assert_eq(sl_vcount_add_str(&v, (sl_str){NULL, 0}, 1), 1);
    cr_assert_eq(sl_vcount_add_str(&v, S(""), 1), 2); /* one empty string */
    cr_assert_eq(sl_vcount_add_str(&v, S("\xc3\xa9"), 1), 1);
    cr_assert_eq(sl_vcount_add_str(&v, S("ab"), 1), 1);
    cr_assert_eq(sl_vcount_size(&v), 5);
    sl_str s;
    cr_assert(sl_vcount_min_str(&v, &s));
    cr_assert(str_is(s, "", 0));
    cr_assert(sl_vcount_max_str(&v, &s));
    cr_assert(str_is(s, "\xc3\xa9", 2));
    sl_vcount_add_str(&v, S(""), -2);
    cr_assert(sl_vcount_min_str(&v, &s));
    cr_assert(str_is(s, "ab", 2));
    sl_vcount_add_str(&v, S("ab"), -1);
    cr_assert(sl_vcount_min_str(&v, &s));
    cr_assert(str_is(s, "b", 1));
    sl_vcount_add_str(&v, S("b"), -1);
    cr_assert(sl_vcount_min_str(&v, &s));
    cr_assert(str_is(s, "b\0c", 3));
    /* strings of up to 8 bytes live in the slots: no heap beyond them */
    cr_assert_eq(sl_vcount_bytes(&v), v.cap * sizeof(sl_vcount_slot));
    /* longer ones are copied (and counted) */
    char lng[32];
    memcpy(lng, "a-longer-value-1", 16);
    cr_assert_eq(sl_vcount_add_str(&v, (sl_str){lng, 16}, 1), 1);
    memcpy(lng, "zzzzzzzzzzzzzzzz", 16); /* the stored copy must not change */
    cr_assert_eq(sl_vcount_add_str(&v, S("a-longer-value-1"), 1), 2);
    cr_assert_eq(sl_vcount_add_str(&v, S("12345678"), 1), 1);  /* 8 bytes: inline */
    cr_assert_eq(sl_vcount_add_str(&v, S("123456789"), 1), 1); /* 9: copied */
    cr_assert_eq(sl_vcount_add_str(&v, S("12345678"), 1), 2);
    cr_assert_eq(sl_vcount_bytes(&v), v.cap * sizeof(sl_vcount_slot) + 16 + 9);
    cr_assert(sl_vcount_min_str(&v, &s));
    cr_assert(str_is(s, "12345678", 8));
    cr_assert(sl_vcount_max_str(&v, &s));
    cr_assert(str_is(s, "\xc3\xa9", 2));
    sl_vcount_add_str(&v, S("12345678"), -2);
    cr_assert(sl_vcount_min_str(&v, &s));
    cr_assert(str_is(s, "123456789", 9));
    sl_vcount_add_str(&v, S("123456789"), -1);
    cr_assert(sl_vcount_min_str(&v, &s));
    cr_assert(str_is(s, "a-longer-value-1", 16));
    cr_assert_eq(sl_vcount_bytes(&v), v.cap * sizeof(sl_vcount_slot) + 16);
    /* a save/load round trip keeps short and long values */
    sl_buf b = {0};
    sl_vcount_save(&v, &b);
    sl_vcount w;
    sl_vcount_init(&w, SL_VK_STR);
    sl_rbuf r = sl_rbuf_of(b.p, b.n);
    cr_assert(sl_vcount_load(&w, &r));
    cr_assert_eq(sl_vcount_size(&w), 3);
    cr_assert_eq(sl_vcount_add_str(&w, S("a-longer-value-1"), 1), 3);
    cr_assert_eq(sl_vcount_add_str(&w, (sl_str){"b\0c", 3}, 1), 3);
    cr_assert(sl_vcount_max_str(&w, &s));
    cr_assert(str_is(s, "\xc3\xa9", 2));
    sl_buf_free(&b);
    sl_vcount_free(&w);
    sl_vcount_free(&v);
}

TEST(vcount, distinct_sums)
{
    sl_vcount v;
    sl_vcount_init(&v, SL_VK_I64);
    sl_vcount_add_i64(&v, INT64_MAX, 3);
    sl_vcount_add_i64(&v, 1, 2); /* wraps like Java's long: MAX + 1 = MIN */
    cr_assert_eq(sl_vcount_sum_i64(&v), INT64_MIN);
    sl_vcount_add_i64(&v, 1, 5); /* already present: the distinct sum is unchanged */
    cr_assert_eq(sl_vcount_sum_i64(&v), INT64_MIN);
    sl_vcount_add_i64(&v, INT64_MAX, -3);
    cr_assert_eq(sl_vcount_sum_i64(&v), 1);
    sl_vcount_free(&v);

    sl_vcount_init(&v, SL_VK_F64);
    cr_assert_eq(sl_vcount_sum_f64(&v), 0);
    /* compensated: the naive sum of 1e16 + 1 - 1e16 is 0 */
    sl_vcount_add_f64(&v, 1e16, 1);
    sl_vcount_add_f64(&v, 1, 1);
    sl_vcount_add_f64(&v, -1e16, 1);
    cr_assert_eq(sl_vcount_sum_f64(&v), 1);
    sl_vcount_add_f64(&v, INFINITY, 1);
    cr_assert_eq(sl_vcount_sum_f64(&v), INFINITY);
    sl_vcount_add_f64(&v, -INFINITY, 1);
    cr_assert(isnan(sl_vcount_sum_f64(&v)));
    sl_vcount_add_f64(&v, INFINITY, -1);
    cr_assert_eq(sl_vcount_sum_f64(&v), -INFINITY);
    sl_vcount_add_f64(&v, NAN, 1);
    cr_assert(isnan(sl_vcount_sum_f64(&v)));
    sl_vcount_add_f64(&v, NAN, -1);
    sl_vcount_add_f64(&v, -INFINITY, -1);
    cr_assert_eq(sl_vcount_sum_f64(&v), 1); /* retractions restore the finite sum */
    sl_vcount_add_f64(&v, 1e16, -1);
    sl_vcount_add_f64(&v, -1e16, -1);
    cr_assert_eq(sl_vcount_sum_f64(&v), 1);
    sl_vcount_add_f64(&v, 1, -1);
    cr_assert(bits(sl_vcount_sum_f64(&v)) == 0); /* an empty set sums to +0 exactly */
    cr_assert_eq(sl_vcount_sum_i64(&v), 0);      /* another kind */
    sl_vcount_free(&v);
}

/* ---- brute-force model of a multiset ---- *
 * Values of each kind come from a small domain (so adds hit existing
 * values, tables grow, shrink and shift on deletion); the model keeps a
 * count per domain value, grouped like the multiset groups them. */
#define DOM 300
typedef struct model {
    int kind;
    int64_t count[DOM]; /* per group */
    double rep[DOM];    /* f64: the representative (first added) of the group */
    int64_t ival[DOM];  /* i64 domain */
    double fval[DOM];   /* f64 domain (before grouping) */
    int group[DOM];     /* f64: domain index -> group index */
    char sbuf[DOM][12]; /* string domain */
    size_t slen[DOM];
} model;

static void model_init(model *m, int kind)
{
    memset(m, 0, sizeof *m);
    m->kind = kind;
    for (int i = 0; i < DOM; i++) {
        m->group[i] = i;
        switch (i % 10) {
        case 0:
            m->ival[i] = INT64_MIN + i;
            break;
        case 1:
            m->ival[i] = INT64_MAX - i;
            break;
        default:
            m->ival[i] = (int64_t)(rnd() % 2001) - 1000;
        }
        /* doubles: ordinary values, duplicates by value, zeros of both
         * signs, NaNs of several payloads, infinities */
        double special[] = {
            0.0,       -0.0,    NAN,      -NAN,    INFINITY,
            -INFINITY, DBL_MAX, -DBL_MAX, DBL_MIN, from_bits(0x7ff0000000000007ULL)};
        m->fval[i] = i < 10 ? special[i] : (double)((int64_t)(rnd() % 400) - 200) / 8;
        /* strings: short, with NULs and common prefixes */
        size_t n = i == 0 ? 0 : 1 + below(4);
        for (size_t k = 0; k < n; k++) m->sbuf[i][k] = "ab\0\xff"[below(4)];
        m->slen[i] = n;
    }
    /* group equal values: first index of the class */
    for (int i = 0; i < DOM; i++)
        for (int j = 0; j < i; j++) {
            bool eq = kind == SL_VK_I64   ? m->ival[i] == m->ival[j]
                      : kind == SL_VK_F64 ? sl_f64_key_eq(m->fval[i], m->fval[j])
                                          : m->slen[i] == m->slen[j] &&
                                                memcmp(m->sbuf[i], m->sbuf[j], m->slen[i]) == 0;
            if (eq) {
                m->group[i] = m->group[j];
                break;
            }
        }
}

static int64_t vc_add(sl_vcount *v, const model *m, int i, int64_t d)
{
    switch (m->kind) {
    case SL_VK_I64:
        return sl_vcount_add_i64(v, m->ival[i], d);
    case SL_VK_F64:
        return sl_vcount_add_f64(v, m->fval[i], d);
    default:
        return sl_vcount_add_str(v, (sl_str){m->sbuf[i], m->slen[i]}, d);
    }
}

/* Applies delta to the model; returns the group's new count. */
static int64_t model_add(model *m, int i, int64_t d)
{
    int g = m->group[i];
    if (m->count[g] == 0) {
        if (d <= 0) return 0;
        m->rep[g] = m->fval[i];
    }
    m->count[g] += d;
    if (m->count[g] < 0) m->count[g] = 0;
    return m->count[g];
}

/* The value of domain group g as an sl_vval (numbers) for comparisons. */
static int model_cmp_groups(const model *m, int a, int b)
{
    switch (m->kind) {
    case SL_VK_I64:
        return (m->ival[a] > m->ival[b]) - (m->ival[a] < m->ival[b]);
    case SL_VK_F64:
        return sl_agg_f64_cmp(m->rep[a], m->rep[b]);
    default:
        return sl_str_cmp((sl_str){m->sbuf[a], m->slen[a]}, (sl_str){m->sbuf[b], m->slen[b]});
    }
}

static const model *sort_model;
static int cmp_group_idx(const void *a, const void *b)
{
    return model_cmp_groups(sort_model, *(const int *)a, *(const int *)b);
}

/* The model's values counting multiplicity, sorted ascending (group
 * indices); returns N. */
static size_t model_sorted(const model *m, int **out)
{
    size_t n = 0;
    for (int g = 0; g < DOM; g++) n += (size_t)m->count[g];
    int *a = malloc((n ? n : 1) * sizeof *a);
    size_t k = 0;
    for (int g = 0; g < DOM; g++)
        for (int64_t c = 0; c < m->count[g]; c++) a[k++] = g;
    sort_model = m;
    qsort(a, n, sizeof *a, cmp_group_idx);
    *out = a;
    return n;
}

static double model_num(const model *m, int g)
{
    return m->kind == SL_VK_I64 ? (double)m->ival[g] : m->rep[g];
}

/* Reference PERCENTILE_DISC position: DuckDB's discrete quantile index
 * n - floor(n - n * p) (1-based, in double arithmetic), found by a scan for
 * the first i whose 1-based rank reaches it. */
static size_t ref_disc_pos(size_t n, double p)
{
    double dn = (double)n, want = dn - floor(dn - dn * p);
    size_t i = 0;
    while (i + 1 < n && (double)(i + 1) < want) i++;
    return i;
}

/* Checks everything the multiset answers against the model. */
static void check_against_model(sl_vcount *v, const model *m, const char *when)
{
    size_t distinct = 0;
    uint64_t isum = 0;
    long double fsum = 0, fabs_sum = 0;
    int nan = 0, pinf = 0, ninf = 0;
    for (int g = 0; g < DOM; g++) {
        if (!m->count[g]) continue;
        distinct++;
        isum += (uint64_t)m->ival[g];
        double x = m->rep[g];
        if (x != x)
            nan = 1;
        else if (x == INFINITY)
            pinf = 1;
        else if (x == -INFINITY)
            ninf = 1;
        else {
            fsum += x;
            fabs_sum += fabsl((long double)x);
        }
    }
    cr_assert_eq(sl_vcount_size(v), distinct, "seed %llu %s: size %zu, model %zu",
                 (unsigned long long)seed, when, sl_vcount_size(v), distinct);
    /* every value's count, through the delta-0 lookup */
    for (int i = 0; i < DOM; i++)
        cr_assert_eq(vc_add(v, m, i, 0), m->count[m->group[i]], "seed %llu %s: count of %d",
                     (unsigned long long)seed, when, i);
    /* iteration: every present value once, with its count */
    size_t pos = 0, seen = 0;
    int64_t iv, c;
    double dv;
    sl_str sv;
    while (sl_vcount_next(v, &pos, &iv, &dv, &sv, &c)) {
        seen++;
        int found = -1;
        for (int g = 0; g < DOM && found < 0; g++) {
            if (!m->count[g] || m->group[g] != g) continue;
            bool eq = m->kind == SL_VK_I64   ? m->ival[g] == iv
                      : m->kind == SL_VK_F64 ? same_f64(m->rep[g], dv)
                                             : str_is(sv, m->sbuf[g], m->slen[g]);
            if (eq) found = g;
        }
        cr_assert_geq(found, 0, "seed %llu %s: iteration gave a value not in the model",
                      (unsigned long long)seed, when);
        cr_assert_eq(c, m->count[found]);
    }
    cr_assert_eq(seen, distinct);
    /* MIN/MAX */
    int gmin = -1, gmax = -1;
    for (int g = 0; g < DOM; g++) {
        if (!m->count[g]) continue;
        if (gmin < 0 || model_cmp_groups(m, g, gmin) < 0) gmin = g;
        if (gmax < 0 || model_cmp_groups(m, g, gmax) > 0) gmax = g;
    }
    if (m->kind == SL_VK_I64) {
        int64_t lo, hi;
        cr_assert_eq(sl_vcount_min_i64(v, &lo), distinct > 0);
        cr_assert_eq(sl_vcount_max_i64(v, &hi), distinct > 0);
        if (distinct) {
            cr_assert_eq(lo, m->ival[gmin], "seed %llu %s: min", (unsigned long long)seed, when);
            cr_assert_eq(hi, m->ival[gmax], "seed %llu %s: max", (unsigned long long)seed, when);
        }
        cr_assert_eq(sl_vcount_sum_i64(v), (int64_t)isum);
    } else if (m->kind == SL_VK_F64) {
        double lo, hi;
        cr_assert_eq(sl_vcount_min_f64(v, &lo), distinct > 0);
        cr_assert_eq(sl_vcount_max_f64(v, &hi), distinct > 0);
        if (distinct) {
            cr_assert(same_f64(lo, m->rep[gmin]), "seed %llu %s: min %g, model %g",
                      (unsigned long long)seed, when, lo, m->rep[gmin]);
            cr_assert(same_f64(hi, m->rep[gmax]), "seed %llu %s: max %g, model %g",
                      (unsigned long long)seed, when, hi, m->rep[gmax]);
        }
        double s = sl_vcount_sum_f64(v);
        if (nan || (pinf && ninf))
            cr_assert(isnan(s));
        else if (pinf || ninf)
            cr_assert_eq(s, pinf ? INFINITY : -INFINITY);
        else
            cr_assert(fabsl((long double)s - fsum) <= 1e-15L * fabs_sum + 1e-300L,
                      "seed %llu %s: sum %.17g, model %.17Lg", (unsigned long long)seed, when, s,
                      fsum);
    } else {
        sl_str lo, hi;
        cr_assert_eq(sl_vcount_min_str(v, &lo), distinct > 0);
        cr_assert_eq(sl_vcount_max_str(v, &hi), distinct > 0);
        if (distinct) {
            cr_assert(str_is(lo, m->sbuf[gmin], m->slen[gmin]));
            cr_assert(str_is(hi, m->sbuf[gmax], m->slen[gmax]));
        }
    }
    /* percentiles against the brute-force definitions, both orders */
    int *sorted;
    size_t n = model_sorted(m, &sorted);
    double ps[] = {0, 1, 0.5, 0.25, 0.3, 0.1, 0.9, 0.999, 1e-9, unif(), unif()};
    for (size_t k = 0; k < sizeof ps / sizeof *ps; k++)
        for (int desc = 0; desc < 2; desc++) {
            double p = ps[k];
            /* the sorted values in the requested order: position i */
#define AT(i) (sorted[desc ? n - 1 - (i) : (i)])
            size_t di = n ? ref_disc_pos(n, p) : 0;
            if (m->kind == SL_VK_I64) {
                int64_t got;
                cr_assert_eq(sl_vcount_percentile_disc_i64(v, p, desc, &got), n > 0);
                if (n)
                    cr_assert_eq(got, m->ival[AT(di)], "seed %llu %s: disc(%g, desc=%d)",
                                 (unsigned long long)seed, when, p, desc);
            } else if (m->kind == SL_VK_F64) {
                double got;
                cr_assert_eq(sl_vcount_percentile_disc_f64(v, p, desc, &got), n > 0);
                if (n)
                    cr_assert(same_f64(got, m->rep[AT(di)]), "seed %llu %s: disc(%g, desc=%d)",
                              (unsigned long long)seed, when, p, desc);
            } else {
                sl_str got;
                cr_assert_eq(sl_vcount_percentile_disc_str(v, p, desc, &got), n > 0);
                if (n) cr_assert(str_is(got, m->sbuf[AT(di)], m->slen[AT(di)]));
            }
            if (m->kind == SL_VK_STR) {
                double got;
                cr_assert_not(sl_vcount_percentile_cont(v, p, desc, &got));
                continue;
            }
            double got;
            cr_assert_eq(sl_vcount_percentile_cont(v, p, desc, &got), n > 0);
            if (!n) continue;
            double rn = p * (double)(n - 1), f = floor(rn), c2 = ceil(rn);
            double lo = model_num(m, AT((size_t)f)), want = lo;
            if (f != c2) want = lo * (1 - (rn - f)) + model_num(m, AT((size_t)c2)) * (rn - f);
#undef AT
            cr_assert(same_f64(got, want), "seed %llu %s: cont(%g, desc=%d) = %.17g, want %.17g",
                      (unsigned long long)seed, when, p, desc, got, want);
        }
    free(sorted);
}

static void random_ops(int kind)
{
    seed_rng();
    static model m;
    model_init(&m, kind);
    sl_vcount v;
    sl_vcount_init(&v, kind);
    /* phases: grow to most of the domain, churn, shrink to nothing, regrow */
    for (int phase = 0; phase < 4; phase++) {
        int ops = phase == 1 ? 6000 : 3000;
        for (int op = 0; op < ops; op++) {
            int i = (int)below(DOM);
            int64_t d;
            switch (phase) {
            case 0:
            case 3:
                d = (int64_t)below(4); /* mostly adds */
                if (below(5) == 0) d = -d;
                break;
            case 1:
                d = (int64_t)below(7) - 3;
                break;
            default:
                d = -(int64_t)below(3); /* mostly retractions */
            }
            int64_t want = model_add(&m, i, d), got = vc_add(&v, &m, i, d);
            cr_assert_eq(got, want, "seed %llu phase %d op %d: add(%d, %lld) = %lld, model %lld",
                         (unsigned long long)seed, phase, op, i, (long long)d, (long long)got,
                         (long long)want);
            if (op % 500 == 0) {
                char when[64];
                snprintf(when, sizeof when, "phase %d op %d", phase, op);
                check_against_model(&v, &m, when);
            }
        }
        if (phase == 2)
            for (int i = 0; i < DOM; i++) { /* empty it completely */
                model_add(&m, i, -1000000);
                vc_add(&v, &m, i, -1000000);
            }
        check_against_model(&v, &m, "end of phase");
        if (phase == 2) {
            cr_assert_eq(sl_vcount_size(&v), 0);
            cr_assert_leq(v.cap, 8, "the table halves as it empties (cap %zu)", v.cap);
        }
    }
    /* snapshots: contents survive, every truncation fails cleanly */
    ops_kind = kind;
    acc_ops ops = OPS_OF(sl_vcount);
    sl_vcount filler, copy;
    sl_vcount_init(&filler, kind);
    vc_add(&filler, &m, 3, 2);
    check_snapshot(&ops, &v, &filler, &copy);
    check_against_model(&copy, &m, "loaded");
    sl_vcount_free(&copy);
    sl_vcount_free(&filler);
    sl_vcount_free(&v);
}

TEST(vcount, random_ops_i64)
{
    random_ops(SL_VK_I64);
}
TEST(vcount, random_ops_f64)
{
    random_ops(SL_VK_F64);
}
TEST(vcount, random_ops_str)
{
    random_ops(SL_VK_STR);
}

/* Adding and retracting values already present allocates nothing: the
 * table stays where it is. */
TEST(vcount, steady_state_keeps_its_table)
{
    sl_vcount v;
    sl_vcount_init(&v, SL_VK_STR);
    char k[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(k, sizeof k, "key%d", i);
        sl_vcount_add_str(&v, S(k), 1);
    }
    const sl_vcount_slot *table = v.slot;
    size_t bytes = sl_vcount_bytes(&v);
    for (int r = 0; r < 100000; r++) {
        snprintf(k, sizeof k, "key%d", r % 1000);
        sl_vcount_add_str(&v, S(k), 1);
        sl_vcount_add_str(&v, S(k), -1);
    }
    cr_assert_eq(v.slot, table);
    cr_assert_eq(sl_vcount_bytes(&v), bytes);
    sl_vcount_free(&v);
}

/* MIN is O(1) while the minimum stays: removing other values does not
 * invalidate the cache; removing the minimum does, once. */
TEST(vcount, extreme_cache)
{
    sl_vcount v;
    sl_vcount_init(&v, SL_VK_I64);
    for (int i = 0; i < 100; i++) sl_vcount_add_i64(&v, i, 1);
    int64_t x;
    cr_assert(sl_vcount_min_i64(&v, &x) && x == 0);
    cr_assert(sl_vcount_max_i64(&v, &x) && x == 99);
    for (int i = 10; i < 90; i++) sl_vcount_add_i64(&v, i, -1);
    cr_assert(v.min_ok && v.max_ok);
    sl_vcount_add_i64(&v, -5, 1);
    cr_assert(v.min_ok && v.min.v.i == -5);
    sl_vcount_add_i64(&v, -5, -1);
    cr_assert_not(v.min_ok);
    cr_assert(sl_vcount_min_i64(&v, &x) && x == 0);
    cr_assert(v.min_ok);
    sl_vcount_free(&v);
}

/* DuckDB 1.5 results (bench's @duckdb/node-api) of quantile_disc,
 * quantile_cont and percentile_* ... WITHIN GROUP (ORDER BY x DESC) over
 * the same multisets: the implementation matches them exactly. */
TEST(vcount, percentiles_match_duckdb)
{
    const double ps[] = {0, 0.001, 0.1, 0.2, 0.25, 0.3, 0.333, 0.5, 0.7, 0.9, 0.999, 1};
    /* doubles: (-7.5),(3.25)x4,(0.0),(-0.0),(100.0),(1e10),(-7.5),(2.0),(42.0) */
    sl_vcount v;
    sl_vcount_init(&v, SL_VK_F64);
    double in[] = {-7.5, 3.25, 3.25, 3.25, 0.0, -0.0, 100.0, 1e10, -7.5, 2.0, 3.25, 42.0};
    for (size_t i = 0; i < 12; i++) sl_vcount_add_f64(&v, in[i], 1);
    const double disc[] = {-7.5, -7.5, -7.5, 0, 0, 0, 0, 3.25, 3.25, 100, 1e10, 1e10};
    const double cont[] = {-7.5, -7.499999999999999, -6.749999999999999, 0,
                           0,    0.5999999999999996, 1.3260000000000005, 3.25,
                           3.25, 94.20000000000002,  9890000001.100008,  10000000000};
    for (size_t k = 0; k < 12; k++) {
        double d, c;
        cr_assert(sl_vcount_percentile_disc_f64(&v, ps[k], false, &d));
        cr_assert(sl_vcount_percentile_cont(&v, ps[k], false, &c));
        cr_assert_eq(d, disc[k], "disc(%g) = %.17g, DuckDB %.17g", ps[k], d, disc[k]);
        cr_assert_eq(c, cont[k], "cont(%g) = %.17g, DuckDB %.17g", ps[k], c, cont[k]);
    }
    const double dps[] = {0.1, 0.3, 0.5, 0.7, 0.999};
    const double ddisc[] = {100, 3.25, 3.25, 0, -7.5};
    const double dcont[] = {94.19999999999999, 3.25, 3.25, 0.6000000000000014, -7.5};
    for (size_t k = 0; k < 5; k++) {
        double d, c;
        cr_assert(sl_vcount_percentile_disc_f64(&v, dps[k], true, &d));
        cr_assert(sl_vcount_percentile_cont(&v, dps[k], true, &c));
        cr_assert_eq(d, ddisc[k], "desc disc(%g) = %.17g", dps[k], d);
        cr_assert_eq(c, dcont[k], "desc cont(%g) = %.17g, DuckDB %.17g", dps[k], c, dcont[k]);
    }
    sl_vcount_free(&v);

    /* BIGINT: (5)x3,(1),(MAX),(MIN),(17)x2,(-3); cont is DOUBLE */
    sl_vcount_init(&v, SL_VK_I64);
    int64_t iin[] = {5, 5, 5, 1, INT64_MAX, INT64_MIN, 17, 17, -3};
    for (size_t i = 0; i < 9; i++) sl_vcount_add_i64(&v, iin[i], 1);
    const int64_t idisc[] = {INT64_MIN, INT64_MIN, INT64_MIN, -3,        1,         1,
                             1,         5,         17,        INT64_MAX, INT64_MAX, INT64_MAX};
    const double icont[] = {-9223372036854776000.0,
                            -9149585060559938000.0,
                            -1844674407370954800.0,
                            -0.5999999999999996,
                            1,
                            2.5999999999999996,
                            3.6560000000000006,
                            5,
                            12.199999999999996,
                            1844674407370956800.0,
                            9149585060559938000.0,
                            9223372036854776000.0};
    for (size_t k = 0; k < 12; k++) {
        int64_t d;
        double c;
        cr_assert(sl_vcount_percentile_disc_i64(&v, ps[k], false, &d));
        cr_assert(sl_vcount_percentile_cont(&v, ps[k], false, &c));
        cr_assert_eq(d, idisc[k], "disc(%g) = %lld", ps[k], (long long)d);
        cr_assert_eq(c, icont[k], "cont(%g) = %.17g, DuckDB %.17g", ps[k], c, icont[k]);
    }
    sl_vcount_free(&v);

    /* VARCHAR: ('b'),('a'),('ab'),(''),('b'),('ba'),('a') */
    sl_vcount_init(&v, SL_VK_STR);
    const char *sin[] = {"b", "a", "ab", "", "b", "ba", "a"};
    for (size_t i = 0; i < 7; i++) sl_vcount_add_str(&v, S(sin[i]), 1);
    const char *sdisc[] = {"", "", "", "a", "a", "a", "a", "ab", "b", "ba", "ba", "ba"};
    for (size_t k = 0; k < 12; k++) {
        sl_str d;
        cr_assert(sl_vcount_percentile_disc_str(&v, ps[k], false, &d));
        cr_assert(str_is(d, sdisc[k], strlen(sdisc[k])), "disc(%g) = '%.*s'", ps[k], (int)d.n, d.p);
    }
    sl_str d;
    cr_assert(sl_vcount_percentile_disc_str(&v, 0.3, true, &d));
    cr_assert(str_is(d, "b", 1));
    /* 1..10 at 0.3: 10 * 0.3 rounds to 3.0000000000000004 in double, but
     * the position is that of 3 (DuckDB: 3, and 8 descending) */
    sl_vcount_free(&v);
    sl_vcount_init(&v, SL_VK_I64);
    for (int i = 1; i <= 10; i++) sl_vcount_add_i64(&v, i, 1);
    int64_t x;
    cr_assert(sl_vcount_percentile_disc_i64(&v, 0.3, false, &x) && x == 3);
    cr_assert(sl_vcount_percentile_disc_i64(&v, 0.3, true, &x) && x == 8);
    /* the double 0.1 lies above 0.1, 0.9 below 0.9: still the 1st and 9th */
    cr_assert(sl_vcount_percentile_disc_i64(&v, 0.1, false, &x) && x == 1, "%ld", (long)x);
    cr_assert(sl_vcount_percentile_disc_i64(&v, 0.9, false, &x) && x == 9, "%ld", (long)x);
    /* out of range p, NaN p, empty: NULL */
    double c;
    cr_assert_not(sl_vcount_percentile_cont(&v, -0.1, false, &c));
    cr_assert_not(sl_vcount_percentile_cont(&v, 1.5, false, &c));
    cr_assert_not(sl_vcount_percentile_cont(&v, NAN, false, &c));
    cr_assert_not(sl_vcount_percentile_disc_i64(&v, NAN, false, &x));
    cr_assert_not(sl_vcount_percentile_disc_f64(&v, 0.5, false, &c)); /* another kind */
    sl_vcount_free(&v);
    cr_assert_not(sl_vcount_percentile_cont(&v, 0.5, false, &c));
    cr_assert_not(sl_vcount_percentile_disc_i64(&v, 0.5, false, &x));
}

/* Snapshots that cannot come from sl_vcount_save are rejected. */
TEST(vcount, corrupt_snapshots)
{
    ops_kind = SL_VK_I64;
    acc_ops ops = OPS_OF(sl_vcount);
    sl_buf b = {0};
    /* a value twice */
    sl_save_u64(&b, SL_VK_I64);
    sl_save_u64(&b, 2);
    sl_save_i64(&b, 5);
    sl_save_i64(&b, 1);
    sl_save_i64(&b, 5);
    sl_save_i64(&b, 1);
    check_rejects(&ops, &b, "a duplicate value");
    /* a count of 0, and a negative one */
    b.n = 0;
    sl_save_u64(&b, SL_VK_I64);
    sl_save_u64(&b, 1);
    sl_save_i64(&b, 5);
    sl_save_i64(&b, 0);
    check_rejects(&ops, &b, "a zero count");
    b.n -= 8;
    sl_save_i64(&b, -3);
    check_rejects(&ops, &b, "a negative count");
    /* another kind */
    b.n = 0;
    sl_save_u64(&b, SL_VK_F64);
    sl_save_u64(&b, 0);
    check_rejects(&ops, &b, "a snapshot of doubles");
    /* a huge number of values (must not allocate for it) */
    b.n = 0;
    sl_save_u64(&b, SL_VK_I64);
    sl_save_u64(&b, UINT64_MAX / 2);
    sl_save_i64(&b, 1);
    sl_save_i64(&b, 1);
    check_rejects(&ops, &b, "2^63 values");
    /* -0.0 and 0.0 are one value */
    ops_kind = SL_VK_F64;
    ops = OPS_OF(sl_vcount);
    b.n = 0;
    sl_save_u64(&b, SL_VK_F64);
    sl_save_u64(&b, 2);
    sl_save_f64(&b, 0.0);
    sl_save_i64(&b, 1);
    sl_save_f64(&b, -0.0);
    sl_save_i64(&b, 1);
    check_rejects(&ops, &b, "-0.0 and 0.0 as two values");
    sl_buf_free(&b);
}

/* ==== sl_hll ========================================================================== */

TEST(hll, small_sets)
{
    sl_hll h = {0};
    cr_assert_eq(sl_hll_estimate(&h), 0);
    cr_assert_eq(sl_hll_bytes(&h), 0);
    sl_hll_add(&h, sl_hash_u64(42, 0));
    cr_assert_eq(sl_hll_estimate(&h), 1);
    for (int r = 0; r < 100; r++) sl_hll_add(&h, sl_hash_u64(42, 0)); /* duplicates */
    cr_assert_eq(sl_hll_estimate(&h), 1);
    for (uint64_t i = 0; i < 10; i++) sl_hll_add(&h, sl_hash_u64(i, 0));
    cr_assert_eq(sl_hll_estimate(&h), 11);
    cr_assert_null(h.r); /* sparse: 16 entries of 4 bytes, not 4 KiB */
    cr_assert_eq(sl_hll_bytes(&h), 16 * sizeof(uint32_t));
    /* a hash whose 52 low bits are zero: the largest rank, kept through
     * the move to the registers (sl_hash_u64(0, 0) is 0: already in) */
    sl_hll_add(&h, 0);
    cr_assert_eq(sl_hll_estimate(&h), 11);
    for (uint64_t i = 100; i < 100 + SL_HLL_SPARSE_MAX; i++) sl_hll_add(&h, sl_hash_u64(i, 0));
    cr_assert_not_null(h.r);
    cr_assert_eq(h.r->reg[0], SL_HLL_MAXRANK);
    cr_assert_gt(sl_hll_bytes(&h), SL_HLL_M - 1);
    sl_hll_free(&h);
    cr_assert_eq(sl_hll_estimate(&h), 0);
    cr_assert_eq(sl_hll_bytes(&h), 0);
}

/* While sparse (up to SL_HLL_SPARSE_MAX distinct values) the count is
 * exact but for coinciding 26-bit entries, which sets of a few hundred
 * values almost never have: over 200 random sets of 1..768 values at most
 * one may be off, and by one. Past that the registers take over with the
 * registers' error; adding the same hashes sparse-then-dense or densely
 * from the start gives the same registers. */
TEST(hll, sparse_is_exact)
{
    seed_rng();
    int off = 0;
    for (int s = 0; s < 200; s++) {
        size_t n = 1 + (size_t)(unif() * SL_HLL_SPARSE_MAX);
        if (n > SL_HLL_SPARSE_MAX) n = SL_HLL_SPARSE_MAX;
        sl_hll h = {0};
        for (size_t i = 0; i < n; i++) {
            uint64_t x = rnd();
            sl_hll_add(&h, x);
            if (i % 4 == 0) sl_hll_add(&h, x);
        }
        cr_assert_null(h.r);
        int64_t e = sl_hll_estimate(&h);
        cr_assert(e == (int64_t)n || e == (int64_t)n - 1, "seed %llu: %zu values, estimate %lld",
                  (unsigned long long)seed, n, (long long)e);
        off += e != (int64_t)n;
        sl_hll_free(&h);
    }
    cr_assert_leq(off, 1, "seed %llu: %d sparse sets off", (unsigned long long)seed, off);

    sl_hll a = {0}, d = {0};
    sl_hll_add(&d, 1);
    sl_hll_densify(&d); /* dense from the first value */
    for (int i = 0; i < 5000; i++) {
        uint64_t x = rnd();
        sl_hll_add(&a, x);
        sl_hll_add(&d, x);
        if (i == SL_HLL_SPARSE_MAX - 2) cr_assert_null(a.r);
    }
    sl_hll_add(&a, 1);
    cr_assert_not_null(a.r);
    cr_assert(memcmp(a.r, d.r, sizeof *a.r) == 0);
    sl_hll_free(&a);
    sl_hll_free(&d);
}

/* Measured error over 100 random sets of 10 .. 10^6 distinct values (log-
 * uniform sizes): the mean absolute relative error must be below 2% (the
 * theory's standard error is 1.04 / sqrt(4096) = 1.6%) and each below 6%.
 * Sets of up to 768 values are sparse and exact; the rest are estimated
 * from the registers.
 *
 * A measurement on one fixed sample, so it ignores SEED: the per-set bound
 * is a statistical statement that some samples break without anything
 * being wrong (about 4 standard errors). */
TEST(hll, accuracy)
{
    rng_state = seed = 20240611;
    const int sets = 100;
    double sum = 0, worst = 0;
    size_t worst_n = 0;
    for (int s = 0; s < sets; s++) {
        size_t n = (size_t)llround(pow(10, 1 + 5 * unif()));
        uint64_t base = rnd(); /* distinct values: base + i */
        sl_hll h = {0};
        for (size_t i = 0; i < n; i++) {
            uint64_t x = base + i;
            sl_hll_add(&h, sl_hash_bytes_strong(&x, sizeof x, 7));
            if (i % 3 == 0) sl_hll_add(&h, sl_hash_bytes_strong(&x, sizeof x, 7)); /* repeats */
        }
        double e = fabs((double)sl_hll_estimate(&h) - (double)n) / (double)n;
        sum += e;
        if (e > worst) {
            worst = e;
            worst_n = n;
        }
        sl_hll_free(&h);
    }
    double mean = sum / sets;
    printf("hll: %d random sets of 10..1e6 distinct values: mean |relative error| %.2f%%, "
           "max %.2f%% (at n=%zu); theory 1.04/sqrt(4096) = %.2f%%\n",
           sets, 100 * mean, 100 * worst, worst_n, 100 * 1.04 / 64);
    cr_assert_lt(mean, 0.02, "seed %llu: mean error %g", (unsigned long long)seed, mean);
    cr_assert_lt(worst, 0.06, "seed %llu: worst error %g at n=%zu", (unsigned long long)seed, worst,
                 worst_n);
}

/* The union sketch is the sketch of the union (register for register). */
TEST(hll, merge_is_union)
{
    seed_rng();
    sl_hll a = {0}, b = {0}, u = {0}, empty = {0};
    for (int i = 0; i < 50000; i++) {
        uint64_t h = rnd();
        if (i % 3 != 0) {
            sl_hll_add(&a, h);
        } else {
            sl_hll_add(&b, h);
        }
        if (i % 7 == 0) sl_hll_add(&a, h), sl_hll_add(&b, h);
        sl_hll_add(&u, h);
    }
    sl_hll_merge(&a, &b);
    cr_assert(memcmp(a.r, u.r, sizeof *a.r) == 0); /* registers and histogram */
    sl_hll_merge(&a, &empty);
    sl_hll_merge(&a, &a);
    cr_assert(memcmp(a.r, u.r, sizeof *a.r) == 0);
    sl_hll_merge(&empty, &u);
    cr_assert_eq(sl_hll_estimate(&empty), sl_hll_estimate(&u));
    sl_hll_free(&a);
    sl_hll_free(&b);
    sl_hll_free(&u);
    sl_hll_free(&empty);

    /* sparse with sparse: the exact union, sparse while it fits, then
     * dense, with the registers of adding everything to one sketch */
    sl_hll s1 = {0}, s2 = {0}, su = {0}, big = {0};
    for (int i = 0; i < 600; i++) {
        uint64_t h = rnd();
        sl_hll_add(i % 2 ? &s1 : &s2, h);
        if (i % 5 == 0) sl_hll_add(i % 2 ? &s2 : &s1, h); /* in both */
        sl_hll_add(&su, h);
    }
    sl_hll_merge(&s1, &s1);
    cr_assert_eq(sl_hll_estimate(&s1), 360); /* odd i, and i = 0 mod 10 */
    sl_hll_merge(&big, &s1);                 /* into an empty one */
    cr_assert_eq(sl_hll_estimate(&big), 360);
    sl_hll_merge(&s1, &s2);
    cr_assert_null(s1.r);
    cr_assert_eq(sl_hll_estimate(&s1), sl_hll_estimate(&su));
    cr_assert_eq(sl_hll_estimate(&s1), 600);
    for (int i = 0; i < 400; i++) {
        uint64_t h = rnd();
        sl_hll_add(&s2, h);
        sl_hll_add(&su, h);
    }
    cr_assert_null(s2.r);
    sl_hll_merge(&s1, &s2); /* 1000 distinct: past the sparse set */
    cr_assert_not_null(s1.r);
    cr_assert_not_null(su.r);
    cr_assert(memcmp(s1.r, su.r, sizeof *su.r) == 0);
    /* sparse into dense, and dense into sparse */
    sl_hll_free(&big);
    for (int i = 0; i < 50; i++) sl_hll_add(&big, (uint64_t)i * 0x9e3779b97f4a7c15u);
    sl_hll d2 = {0};
    sl_hll_merge(&d2, &su);
    sl_hll_merge(&d2, &big);
    sl_hll_merge(&big, &su);
    cr_assert_not_null(big.r);
    cr_assert(memcmp(big.r, d2.r, sizeof *d2.r) == 0);
    sl_hll_free(&s1);
    sl_hll_free(&s2);
    sl_hll_free(&su);
    sl_hll_free(&big);
    sl_hll_free(&d2);
}

TEST(hll, snapshots)
{
    seed_rng();
    acc_ops ops = OPS_OF(sl_hll);
    sl_hll h = {0}, filler = {0}, copy, empty = {0};
    for (int i = 0; i < 3000; i++) sl_hll_add(&h, rnd());
    sl_hll_add(&filler, 1);
    check_snapshot(&ops, &h, &filler, &copy);
    cr_assert(memcmp(copy.r, h.r, sizeof *h.r) == 0); /* histogram rebuilt too */
    cr_assert_eq(sl_hll_estimate(&copy), sl_hll_estimate(&h));
    sl_hll_free(&copy);
    check_snapshot(&ops, &empty, &h, &copy);
    cr_assert_null(copy.r);
    /* a register above 53, a wrong length */
    sl_buf b = {0};
    char regs[SL_HLL_M] = {0};
    regs[100] = 54;
    sl_save_bytes(&b, regs, SL_HLL_M);
    check_rejects(&ops, &b, "a register of 54");
    b.n = 0;
    sl_save_bytes(&b, regs, 100);
    check_rejects(&ops, &b, "100 registers");
    /* sparse: the same entries back, so the same union with more values */
    sl_hll sp = {0}, more = {0};
    for (int i = 0; i < 500; i++) sl_hll_add(&sp, rnd());
    for (int i = 0; i < 2000; i++) sl_hll_add(&more, rnd());
    check_snapshot(&ops, &sp, &h, &copy);
    cr_assert_null(copy.r);
    cr_assert_eq(sl_hll_estimate(&copy), 500);
    sl_hll_merge(&copy, &more);
    sl_hll_merge(&sp, &more);
    cr_assert(memcmp(copy.r, sp.r, sizeof *sp.r) == 0);
    sl_hll_free(&copy);
    /* entries with rank 0 or 54; more entries than a sparse set holds */
    uint32_t ent[SL_HLL_SPARSE_MAX + 1];
    for (uint32_t i = 0; i <= SL_HLL_SPARSE_MAX; i++) ent[i] = i << 6 | 1;
    ent[3] = 7 << 6;
    b.n = 0;
    sl_save_bytes(&b, ent, 8 * sizeof *ent);
    check_rejects(&ops, &b, "an entry of rank 0");
    ent[3] = 7 << 6 | 54;
    b.n = 0;
    sl_save_bytes(&b, ent, 8 * sizeof *ent);
    check_rejects(&ops, &b, "an entry of rank 54");
    ent[3] = 7 << 6 | 53;
    b.n = 0;
    sl_save_bytes(&b, ent, sizeof ent);
    check_rejects(&ops, &b, "769 entries");
    sl_buf_free(&b);
    sl_hll_free(&h);
    sl_hll_free(&filler);
    sl_hll_free(&sp);
    sl_hll_free(&more);
}

/* ==== sl_ddsketch ===================================================================== */

static int cmp_f64(const void *a, const void *b)
{
    return sl_agg_f64_cmp(*(const double *)a, *(const double *)b);
}

/* Max relative error of the sketch's quantiles over a grid of q, against
 * the sorted data's value at rank floor(q (n - 1)). */
static double max_quantile_error(const sl_ddsketch *s, double *x, size_t n)
{
    qsort(x, n, sizeof *x, cmp_f64);
    double worst = 0;
    for (int k = 0; k <= 1000; k++) {
        double q = k / 1000.0, got;
        cr_assert(sl_ddsketch_quantile(s, q, &got));
        double want = x[(size_t)floor(q * (double)(n - 1))];
        double e = want == 0 ? fabs(got) : relerr(got, want);
        if (want == 0) cr_assert_eq(got, 0);
        if (e > worst) worst = e;
        cr_assert((got < 0) == (want < 0));
    }
    return worst;
}

TEST(ddsketch, constants)
{
    double alpha = 0.01 * (1 - 1e-7);
    cr_assert_eq(SL_DDS_ONE_MINUS_ALPHA, 1 - alpha);
    cr_assert_float_eq(SL_DDS_LN_GAMMA, log1p(2 * alpha / (1 - alpha)), 1e-17);
    cr_assert_float_eq(SL_DDS_LN_GAMMA, log((1 + alpha) / (1 - alpha)), 1e-15);
    sl_ddsketch s = {.n = 0};
    double q;
    cr_assert_not(sl_ddsketch_quantile(&s, 0.5, &q));
    cr_assert_eq(sl_ddsketch_count(&s), 0);
    cr_assert_eq(sl_ddsketch_bytes(&s), 0);
}

TEST(ddsketch, relative_accuracy)
{
    seed_rng();
    const size_t n = 200000;
    double *x = malloc(n * sizeof *x);
    const char *names[] = {"uniform(0,1000)",    "lognormal(0,2)", "-uniform(1e-3,1e6)",
                           "mixed signs, zeros", "normal(1e9,1)",  "log-uniform 1e-300..1e300/2"};
    double overall = 0;
    for (int dist = 0; dist < 6; dist++) {
        sl_ddsketch s = {.n = 0};
        for (size_t i = 0; i < n; i++) {
            switch (dist) {
            case 0:
                x[i] = unif() * 1000;
                break;
            case 1:
                x[i] = exp(2 * normal());
                break;
            case 2:
                x[i] = -(1e-3 + unif() * 1e6);
                break;
            case 3:
                x[i] = i % 10 == 0 ? 0.0 : normal() * exp(3 * normal());
                break;
            case 4:
                x[i] = 1e9 + normal();
                break;
            default: /* wide but within 2048 buckets per sign: no collapse */
                x[i] = (i % 2 ? 1 : -1) * pow(10, -15 + 16 * unif());
            }
            sl_ddsketch_add(&s, x[i]);
        }
        cr_assert_eq(sl_ddsketch_count(&s), (int64_t)n);
        cr_assert_not(s.pos.collapsed || s.neg.collapsed);
        double worst = max_quantile_error(&s, x, n);
        printf("ddsketch: %-28s max relative error over 1001 quantiles %.4f%%\n", names[dist],
               100 * worst);
        cr_assert_leq(worst, 0.01, "seed %llu %s: %g", (unsigned long long)seed, names[dist],
                      worst);
        if (worst > overall) overall = worst;
        sl_ddsketch_free(&s);
    }
    free(x);
    printf("ddsketch: max relative error overall %.7f%% (guarantee: 1%%)\n", 100 * overall);
}

/* Values at and around bucket boundaries, and at the ends of the double
 * range, come back within 1% (the constants keep a margin for rounding). */
TEST(ddsketch, bucket_boundaries_and_extremes)
{
    double worst = 0;
    for (int32_t i = -35000; i <= 35400; i += 7) {
        double edge = exp((double)i * SL_DDS_LN_GAMMA);
        for (int k = -2; k <= 2; k++) {
            double x = edge * (1 + k * 1e-15);
            if (!(x >= DBL_MIN && x <= DBL_MAX)) continue;
            sl_ddsketch s = {.n = 0};
            sl_ddsketch_add(&s, x);
            double got;
            cr_assert(sl_ddsketch_quantile(&s, 0.5, &got));
            double e = relerr(got, x);
            if (e > worst) worst = e;
            cr_assert_leq(e, 0.01, "x = %.17g: got %.17g", x, got);
            sl_ddsketch_free(&s);
        }
    }
    double ext[] = {DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN, 1e-300, 1e300, 1, -1};
    for (size_t k = 0; k < sizeof ext / sizeof *ext; k++) {
        sl_ddsketch s = {.n = 0};
        sl_ddsketch_add(&s, ext[k]);
        double got;
        cr_assert(sl_ddsketch_quantile(&s, 1, &got));
        cr_assert_leq(relerr(got, ext[k]), 0.01, "%g: got %.17g", ext[k], got);
        cr_assert(isfinite(got));
        sl_ddsketch_free(&s);
    }
    printf("ddsketch: max relative error at bucket boundaries %.7f%%\n", 100 * worst);
}

/* Infinities and NaN are kept exactly, in DuckDB's order (NaN last);
 * subnormals count as zero. */
TEST(ddsketch, special_values)
{
    sl_ddsketch s = {.n = 0};
    double in[] = {NAN, INFINITY, -INFINITY, 5, -5, 0.0, -0.0, 4.9e-324};
    for (size_t i = 0; i < 8; i++) sl_ddsketch_add(&s, in[i]);
    /* sorted: -inf, -5, 0, 0, 0(subnormal), 5, inf, nan */
    double got;
    cr_assert(sl_ddsketch_quantile(&s, 0, &got) && got == -INFINITY);
    /* rank floor(q * 7); q at the middle of each rank's range */
    cr_assert(sl_ddsketch_quantile(&s, 1.5 / 7, &got) && relerr(got, -5) <= 0.01);
    cr_assert(sl_ddsketch_quantile(&s, 2.5 / 7, &got) && got == 0);
    cr_assert(sl_ddsketch_quantile(&s, 4.5 / 7, &got) && got == 0);
    cr_assert(sl_ddsketch_quantile(&s, 5.5 / 7, &got) && relerr(got, 5) <= 0.01);
    cr_assert(sl_ddsketch_quantile(&s, 6.5 / 7, &got) && got == INFINITY);
    cr_assert(sl_ddsketch_quantile(&s, 1, &got) && isnan(got));
    cr_assert_not(sl_ddsketch_quantile(&s, 1.01, &got));
    cr_assert_not(sl_ddsketch_quantile(&s, NAN, &got));
    cr_assert(sl_ddsketch_remove(&s, NAN));
    cr_assert_not(sl_ddsketch_remove(&s, NAN));
    cr_assert(sl_ddsketch_quantile(&s, 1, &got) && got == INFINITY);
    cr_assert_not(sl_ddsketch_remove(&s, 123)); /* never added: nothing changes */
    cr_assert_eq(sl_ddsketch_count(&s), 7);
    sl_ddsketch_free(&s);
}

static void dds_snapshot(const sl_ddsketch *s, sl_buf *b)
{
    b->n = 0;
    sl_ddsketch_save(s, b);
}

/* Removal is exact (counts), and merging is the sketch of the union. */
TEST(ddsketch, remove_and_merge)
{
    seed_rng();
    sl_ddsketch a = {.n = 0}, b = {.n = 0}, u = {.n = 0};
    double *x = malloc(20000 * sizeof *x);
    for (int i = 0; i < 20000; i++) {
        x[i] = normal() * exp(2 * normal());
        sl_ddsketch_add(i < 12000 ? &a : &b, x[i]);
        sl_ddsketch_add(&u, x[i]);
    }
    sl_buf sa = {0}, su = {0};
    /* merge == union */
    sl_ddsketch m = {.n = 0};
    sl_ddsketch_merge(&m, &a);
    sl_ddsketch_merge(&m, &b);
    dds_snapshot(&m, &sa);
    dds_snapshot(&u, &su);
    cr_assert(sa.n == su.n && memcmp(sa.p, su.p, sa.n) == 0);
    /* removing b's values (in another order) from the union gives a */
    for (int i = 19999; i >= 12000; i--) cr_assert(sl_ddsketch_remove(&u, x[i]));
    dds_snapshot(&u, &su);
    dds_snapshot(&a, &sa);
    cr_assert(sa.n == su.n && memcmp(sa.p, su.p, sa.n) == 0);
    for (int i = 0; i < 12000; i++) cr_assert(sl_ddsketch_remove(&u, x[i]));
    cr_assert_eq(sl_ddsketch_count(&u), 0);
    double q;
    cr_assert_not(sl_ddsketch_quantile(&u, 0.5, &q));
    /* refilling an emptied sketch elsewhere reuses its windows */
    const int64_t *bins = u.pos.bins;
    sl_ddsketch_add(&u, 1e100);
    cr_assert_eq(u.pos.bins, bins);
    cr_assert(sl_ddsketch_quantile(&u, 0.5, &q) && relerr(q, 1e100) <= 0.01);
    /* self-merge doubles every count */
    sl_ddsketch_merge(&a, &a);
    cr_assert_eq(sl_ddsketch_count(&a), 24000);
    sl_ddsketch_merge(&m, &b); /* m = a + 2b */
    sl_ddsketch_merge(&m, &m);
    cr_assert_eq(sl_ddsketch_count(&m), 2 * (12000 + 2 * 8000));
    free(x);
    sl_buf_free(&sa);
    sl_buf_free(&su);
    sl_ddsketch_free(&a);
    sl_ddsketch_free(&b);
    sl_ddsketch_free(&u);
    sl_ddsketch_free(&m);
}

/* More than 2048 buckets per sign: the lowest collapse, memory stays
 * bounded, the high quantiles keep their accuracy, and every value is
 * still counted (and removable). */
TEST(ddsketch, collapsing_lowest)
{
    seed_rng();
    const size_t n = 100000;
    double *x = malloc(n * sizeof *x);
    sl_ddsketch s = {.n = 0};
    for (size_t i = 0; i < n; i++) {
        /* 1e-300 .. 1e300: about 69,000 buckets; ascending and descending
         * runs exercise both directions of collapse */
        double e = -300 + 600 * unif();
        x[i] = (i % 4 == 3 ? -1 : 1) * pow(10, e);
        sl_ddsketch_add(&s, x[i]);
    }
    cr_assert(s.pos.collapsed && s.neg.collapsed);
    cr_assert_leq(sl_ddsketch_bytes(&s), 2 * SL_DDS_MAX_BINS * sizeof(int64_t));
    cr_assert_leq(s.pos.hi - s.pos.lo + 1, SL_DDS_MAX_BINS);
    cr_assert_eq(sl_ddsketch_count(&s), (int64_t)n);
    qsort(x, n, sizeof *x, cmp_f64);
    /* buckets at or above the window's bottom are exact to 1% */
    double bottom = exp((double)s.pos.lo * SL_DDS_LN_GAMMA);
    size_t checked = 0;
    for (int k = 0; k <= 1000; k++) {
        double q = k / 1000.0, got;
        double want = x[(size_t)floor(q * (double)(n - 1))];
        cr_assert(sl_ddsketch_quantile(&s, q, &got));
        if (want > bottom * SL_DDS_ONE_MINUS_ALPHA * 1.03) {
            cr_assert_leq(relerr(got, want), 0.01, "q %g: %g vs %g", q, got, want);
            checked++;
        }
    }
    cr_assert_gt(checked, 10);
    for (size_t i = 0; i < n; i++) cr_assert(sl_ddsketch_remove(&s, x[i]));
    cr_assert_eq(sl_ddsketch_count(&s), 0);
    /* a window sliding up at its largest size (values ever larger) */
    for (int i = 0; i < 70000; i++) sl_ddsketch_add(&s, exp(i * SL_DDS_LN_GAMMA * 0.5 - 700));
    cr_assert_eq(s.pos.cap, SL_DDS_MAX_BINS);
    double top;
    cr_assert(sl_ddsketch_quantile(&s, 1, &top));
    cr_assert_leq(relerr(top, exp(69999 * SL_DDS_LN_GAMMA * 0.5 - 700)), 0.01);
    free(x);
    sl_ddsketch_free(&s);
}

TEST(ddsketch, snapshots)
{
    seed_rng();
    acc_ops ops = OPS_OF(sl_ddsketch);
    sl_ddsketch s = {.n = 0}, filler = {.n = 0}, copy;
    for (int i = 0; i < 300; i++) sl_ddsketch_add(&s, normal() * 100);
    sl_ddsketch_add(&s, 0);
    sl_ddsketch_add(&s, NAN);
    sl_ddsketch_add(&s, INFINITY);
    sl_ddsketch_add(&s, -INFINITY);
    sl_ddsketch_add(&filler, 3);
    check_snapshot(&ops, &s, &filler, &copy);
    for (int k = 0; k <= 100; k++) {
        double a, b;
        cr_assert(sl_ddsketch_quantile(&s, k / 100.0, &a));
        cr_assert(sl_ddsketch_quantile(&copy, k / 100.0, &b));
        cr_assert(same_f64(a, b));
    }
    sl_ddsketch_free(&copy);
    /* a collapsed sketch round-trips with its flag */
    sl_ddsketch c = {.n = 0};
    for (int i = 0; i < 3000; i++) sl_ddsketch_add(&c, pow(10, -200 + i * 0.13));
    cr_assert(c.pos.collapsed);
    check_snapshot(&ops, &c, NULL, &copy);
    cr_assert(copy.pos.collapsed && copy.pos.lo == c.pos.lo);
    sl_ddsketch_free(&copy);
    /* corrupt: buckets out of order, out of range, too wide, bad counts */
    int64_t cases[][6] = {
        {2, 10, 1, 9, 1, 0},        /* indexes decreasing */
        {2, 10, 1, 10, 1, 0},       /* an index twice */
        {1, 40000, 1, 0, 0, 0},     /* beyond DBL_MAX's bucket */
        {2, 0, 1, 2048, 1, 0},      /* 2049 buckets wide */
        {1, 0, 0, 0, 0, 0},         /* a zero count */
        {1, 0, -1, 0, 0, 0},        /* a negative count */
        {1, 0, INT64_MAX, 0, 0, 0}, /* with the zero count below: overflow */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sl_buf b = {0};
        sl_save_i64(&b, 5); /* zero */
        for (int j = 0; j < 3; j++) sl_save_i64(&b, 0);
        sl_save_u64(&b, 0); /* not collapsed */
        sl_save_u64(&b, (uint64_t)cases[k][0]);
        for (int j = 0; j < 2 * cases[k][0]; j++) sl_save_i64(&b, cases[k][1 + j]);
        sl_save_u64(&b, 0);
        sl_save_u64(&b, 0);
        check_rejects(&ops, &b, "a corrupt store");
        sl_buf_free(&b);
    }
    sl_buf b = {0};
    sl_save_i64(&b, -1); /* a negative zero count */
    for (int j = 0; j < 3; j++) sl_save_i64(&b, 0);
    for (int j = 0; j < 4; j++) sl_save_u64(&b, 0);
    check_rejects(&ops, &b, "a negative count");
    sl_buf_free(&b);
    sl_ddsketch_free(&c);
    sl_ddsketch_free(&s);
    sl_ddsketch_free(&filler);
}

/* ==== sl_strlist ====================================================================== */

static sl_arena arena;

static bool joined_is(const sl_strlist *l, const char *sep, const char *want)
{
    sl_str out;
    if (!sl_strlist_join(l, S(sep), &arena, &out)) return want == NULL;
    return want && str_is(out, want, strlen(want));
}

TEST(strlist, join_and_retract_like_flink)
{
    sl_strlist l = {0};
    cr_assert(joined_is(&l, ",", NULL)); /* LISTAGG of no rows is NULL */
    sl_strlist_add(&l, S("a"));
    cr_assert(joined_is(&l, ",", "a"));
    sl_strlist_add(&l, S("b"));
    sl_strlist_add(&l, S("a"));
    sl_strlist_add(&l, S(""));
    cr_assert(joined_is(&l, ",", "a,b,a,"));
    cr_assert(joined_is(&l, "", "aba"));
    cr_assert(joined_is(&l, " -- ", "a -- b -- a -- "));
    cr_assert_eq(sl_strlist_size(&l), 4);
    /* the FIRST equal value goes (java.util.List.remove(Object)) */
    cr_assert(sl_strlist_remove(&l, S("a")));
    cr_assert(joined_is(&l, ",", "b,a,"));
    cr_assert(sl_strlist_remove(&l, S("")));
    cr_assert(joined_is(&l, ",", "b,a"));
    /* a retraction that finds nothing is remembered for merge */
    cr_assert_not(sl_strlist_remove(&l, S("zz")));
    cr_assert(joined_is(&l, ",", "b,a"));
    cr_assert_not_null(l.retracted);
    sl_strlist o = {0};
    sl_strlist_add(&o, S("zz"));
    sl_strlist_add(&o, S("c"));
    sl_strlist_add(&o, S("zz"));
    cr_assert_not(sl_strlist_remove(&o, S("b")));
    sl_strlist_merge(&l, &o);
    /* [b,a] + [zz,c,zz]; retractions zz (of l) then b (of o) */
    cr_assert(joined_is(&l, ",", "a,c,zz"));
    cr_assert(l.retracted == NULL || l.retracted->n == 0);
    cr_assert(joined_is(&o, ",", "zz,c,zz")); /* o unchanged */
    cr_assert(sl_strlist_remove(&l, S("a")));
    cr_assert(sl_strlist_remove(&l, S("c")));
    cr_assert(sl_strlist_remove(&l, S("zz")));
    cr_assert(joined_is(&l, ",", NULL));
    sl_strlist_free(&l);
    sl_strlist_free(&o);
    sl_arena_free(&arena);
}

/* Reference model of Flink's ListAggWithRetractAggFunction: two lists of
 * C strings, with java.util.List semantics. */
typedef struct flink_list {
    char *v[4096];
    int n;
    char *r[4096];
    int nr;
} flink_list;

static bool jl_remove(char **v, int *n, const char *s)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(v[i], s) == 0) {
            memmove(v + i, v + i + 1, (size_t)(*n - i - 1) * sizeof *v);
            (*n)--;
            return true;
        }
    return false;
}

static void fl_merge(flink_list *acc, const flink_list *o)
{
    static char *buf[8192], *rb[8192], *nrb[8192];
    int nb = 0, nr = 0, nn = 0;
    for (int i = 0; i < acc->n; i++) buf[nb++] = acc->v[i];
    for (int i = 0; i < o->n; i++) buf[nb++] = o->v[i];
    for (int i = 0; i < acc->nr; i++) rb[nr++] = acc->r[i];
    for (int i = 0; i < o->nr; i++) rb[nr++] = o->r[i];
    for (int i = 0; i < nr; i++)
        if (!jl_remove(buf, &nb, rb[i])) nrb[nn++] = rb[i];
    memcpy(acc->v, buf, (size_t)nb * sizeof *buf);
    acc->n = nb;
    memcpy(acc->r, nrb, (size_t)nn * sizeof *nrb);
    acc->nr = nn;
}

static void check_list(const sl_strlist *l, const flink_list *f)
{
    char want[65536];
    size_t w = 0;
    for (int i = 0; i < f->n; i++) {
        if (i) want[w++] = ';';
        memcpy(want + w, f->v[i], strlen(f->v[i]));
        w += strlen(f->v[i]);
    }
    sl_str out;
    bool ok = sl_strlist_join(l, S(";"), &arena, &out);
    cr_assert_eq(ok, f->n > 0, "seed %llu", (unsigned long long)seed);
    if (ok)
        cr_assert(str_is(out, want, w), "seed %llu: '%.*s' vs '%.*s'", (unsigned long long)seed,
                  (int)out.n, out.p, (int)w, want);
    cr_assert_eq(sl_strlist_size(l), (size_t)f->n);
    size_t nr = l->retracted ? l->retracted->n : 0;
    cr_assert_eq(nr, (size_t)f->nr, "seed %llu: %zu remembered retractions, model %d",
                 (unsigned long long)seed, nr, f->nr);
    for (size_t off = 0, i = 0; l->retracted && off < l->retracted->len; i++) {
        sl_str s = sl_ss_item(l->retracted, &off);
        cr_assert(str_is(s, f->r[i], strlen(f->r[i])));
    }
}

TEST(strlist, random_against_flink_model)
{
    seed_rng();
    static const char *words[] = {"", "a", "b", "ab", "ba", "abc", "xyzzy", "a;b"};
    static flink_list fa, fb;
    for (int trial = 0; trial < 40; trial++) {
        sl_strlist a = {0}, b = {0};
        fa.n = fa.nr = fb.n = fb.nr = 0;
        for (int op = 0; op < 300; op++) {
            bool on_a = below(2);
            sl_strlist *l = on_a ? &a : &b;
            flink_list *f = on_a ? &fa : &fb;
            const char *w = words[below(8)];
            if (below(3)) {
                sl_strlist_add(l, S(w));
                f->v[f->n++] = (char *)w;
            } else {
                bool hit = jl_remove(f->v, &f->n, w);
                if (!hit) f->r[f->nr++] = (char *)w;
                cr_assert_eq(sl_strlist_remove(l, S(w)), hit);
            }
        }
        check_list(&a, &fa);
        check_list(&b, &fb);
        if (trial % 4 == 0) {
            sl_strlist_merge(&a, &a); /* self-merge, as Flink would */
            flink_list self = fa;
            fl_merge(&fa, &self);
        } else {
            sl_strlist_merge(&a, &b);
            fl_merge(&fa, &fb);
        }
        check_list(&a, &fa);
        /* snapshots of random contents, retractions included */
        acc_ops ops = OPS_OF(sl_strlist);
        sl_strlist copy;
        check_snapshot(&ops, &a, &b, &copy);
        check_list(&copy, &fa);
        sl_strlist_free(&copy);
        sl_strlist_free(&a);
        sl_strlist_free(&b);
        sl_arena_reset(&arena);
    }
    sl_arena_free(&arena);
}

/* An item may be added from a view into the list itself (the buffer moves
 * while growing), and adds allocate nothing once the buffer is large
 * enough. */
TEST(strlist, self_views_and_steady_state)
{
    sl_strlist l = {0};
    sl_strlist_add(&l, S("hello"));
    for (int i = 0; i < 20; i++) {
        size_t off = 0;
        sl_str first = sl_ss_item(&l.items, &off);
        sl_strlist_add(&l, first);
    }
    cr_assert_eq(sl_strlist_size(&l), 21);
    for (size_t off = 0; off < l.items.len;)
        cr_assert(str_is(sl_ss_item(&l.items, &off), "hello", 5));
    const char *buf = l.items.buf;
    size_t bytes = sl_strlist_bytes(&l);
    for (int i = 0; i < 1000; i++) {
        sl_strlist_add(&l, S("x"));
        cr_assert(sl_strlist_remove(&l, S("x")));
    }
    cr_assert_eq(l.items.buf, buf);
    cr_assert_eq(sl_strlist_bytes(&l), bytes);
    sl_strlist_free(&l);
    cr_assert_eq(sl_strlist_bytes(&l), 0);
}

TEST(strlist, corrupt_snapshots)
{
    acc_ops ops = OPS_OF(sl_strlist);
    sl_buf b = {0};
    sl_save_u64(&b, UINT64_MAX); /* a count the input cannot hold */
    sl_save_str(&b, S("a"));
    check_rejects(&ops, &b, "2^64 - 1 items");
    b.n = 0;
    sl_save_u64(&b, 1);
    sl_save_u64(&b, 1000); /* a length past the end */
    sl_save_u64(&b, 0);
    check_rejects(&ops, &b, "a string past the end");
    sl_buf_free(&b);
}

/* ==== sl_strbuf ======================================================================= */

TEST(strbuf, set_reuses_its_buffer)
{
    sl_strbuf b = {0};
    cr_assert(str_is(sl_strbuf_get(&b), "", 0));
    cr_assert_not_null(sl_strbuf_get(&b).p);
    sl_strbuf_set(&b, S("hello world"));
    cr_assert(str_is(sl_strbuf_get(&b), "hello world", 11));
    const char *p = b.p;
    size_t cap = sl_strbuf_bytes(&b);
    cr_assert_geq(cap, 11);
    sl_strbuf_set(&b, S("hi"));
    cr_assert(str_is(sl_strbuf_get(&b), "hi", 2));
    sl_strbuf_set(&b, S("0123456789abcde")); /* within the rounded capacity */
    cr_assert_eq(b.p, p);
    cr_assert_eq(sl_strbuf_bytes(&b), cap);
    /* a view into itself (a suffix) */
    sl_str self = sl_strbuf_get(&b);
    sl_strbuf_set(&b, (sl_str){self.p + 10, 5});
    cr_assert(str_is(sl_strbuf_get(&b), "abcde", 5));
    sl_strbuf_set(&b, (sl_str){NULL, 0});
    cr_assert(str_is(sl_strbuf_get(&b), "", 0));
    char big[1000];
    memset(big, 'z', sizeof big);
    sl_strbuf_set(&b, (sl_str){big, sizeof big});
    cr_assert(str_is(sl_strbuf_get(&b), big, sizeof big));
    cr_assert_geq(sl_strbuf_bytes(&b), 1000);
    acc_ops ops = OPS_OF(sl_strbuf);
    sl_strbuf filler = {0}, copy;
    sl_strbuf_set(&filler, S("old"));
    check_snapshot(&ops, &b, &filler, &copy);
    cr_assert(str_is(sl_strbuf_get(&copy), big, sizeof big));
    sl_strbuf_free(&copy);
    sl_strbuf_free(&filler);
    sl_strbuf_free(&b);
    cr_assert_eq(sl_strbuf_bytes(&b), 0);
}

/* ==== sl_vlist ======================================================================== */

TEST(vlist, first_last_and_earliest_removal)
{
    sl_vlist l;
    sl_vlist_init(&l, SL_VK_I64);
    int64_t x = 5;
    bool null = false;
    cr_assert_not(sl_vlist_first_i64(&l, &x, &null));
    cr_assert(null && x == 0); /* outputs are written on false too */
    cr_assert_not(sl_vlist_last_i64(&l, &x, &null));
    sl_vlist_add_i64(&l, 1, false);
    sl_vlist_add_i64(&l, 2, false);
    sl_vlist_add_i64(&l, 0, true);
    sl_vlist_add_i64(&l, 1, false);
    cr_assert(sl_vlist_first_i64(&l, &x, &null) && x == 1 && !null);
    cr_assert(sl_vlist_last_i64(&l, &x, &null) && x == 1 && !null);
    /* [1, 2, NULL, 1]: retracting 1 removes the earliest 1 (Flink) */
    cr_assert(sl_vlist_remove_i64(&l, 1, false));
    cr_assert(sl_vlist_first_i64(&l, &x, &null) && x == 2);
    cr_assert(sl_vlist_last_i64(&l, &x, &null) && x == 1);
    cr_assert_not(sl_vlist_remove_i64(&l, 7, false));
    cr_assert(sl_vlist_remove_i64(&l, 2, false));
    x = 99;
    cr_assert(sl_vlist_first_i64(&l, &x, &null) && null && x == 0); /* NULL: x is 0 */
    cr_assert(sl_vlist_remove_i64(&l, 12345, true));                /* a NULL, any value */
    cr_assert_not(sl_vlist_remove_i64(&l, 0, true));
    cr_assert_eq(sl_vlist_size(&l), 1);
    /* calls of another kind do nothing */
    sl_vlist_add_f64(&l, 1.0, false);
    sl_vlist_add_str(&l, S("x"), false);
    cr_assert_eq(sl_vlist_size(&l), 1);
    sl_vlist_free(&l);
    cr_assert_eq(sl_vlist_bytes(&l), 0);

    /* doubles compare like Java's Double.equals */
    sl_vlist_init(&l, SL_VK_F64);
    sl_vlist_add_f64(&l, 0.0, false);
    sl_vlist_add_f64(&l, -0.0, false);
    sl_vlist_add_f64(&l, from_bits(0x7ff8000000000001ULL), false);
    cr_assert(sl_vlist_remove_f64(&l, -0.0, false));
    double d;
    cr_assert(sl_vlist_first_f64(&l, &d, &null) && d == 0 && !signbit(d));
    cr_assert(sl_vlist_remove_f64(&l, -NAN, false)); /* any NaN */
    cr_assert(sl_vlist_last_f64(&l, &d, &null) && !signbit(d));
    cr_assert_not(sl_vlist_remove_f64(&l, -0.0, false));
    sl_vlist_free(&l);

    /* strings: copies, in order */
    sl_vlist_init(&l, SL_VK_STR);
    char buf[4] = "abc";
    sl_vlist_add_str(&l, (sl_str){buf, 3}, false);
    buf[0] = 'X';
    sl_vlist_add_str(&l, S(""), false);
    sl_vlist_add_str(&l, S("ignored"), true);
    sl_vlist_add_str(&l, S("abc"), false);
    sl_vlist_add_str(&l, S("de"), false);
    sl_str s;
    cr_assert(sl_vlist_first_str(&l, &s, &null) && str_is(s, "abc", 3));
    cr_assert(sl_vlist_last_str(&l, &s, &null) && str_is(s, "de", 2));
    cr_assert(sl_vlist_remove_str(&l, S("abc"), false));
    cr_assert(sl_vlist_first_str(&l, &s, &null) && !null && str_is(s, "", 0));
    cr_assert(sl_vlist_remove_str(&l, S(""), false));
    cr_assert(sl_vlist_first_str(&l, &s, &null) && null);
    cr_assert(sl_vlist_remove_str(&l, S(""), true));
    cr_assert(sl_vlist_first_str(&l, &s, &null) && str_is(s, "abc", 3));
    cr_assert(sl_vlist_remove_str(&l, S("de"), false));
    cr_assert(sl_vlist_last_str(&l, &s, &null) && str_is(s, "abc", 3));
    sl_vlist_free(&l);
}

/* Random adds and retractions against an array model; then snapshots. */
static void vlist_random(int kind)
{
    seed_rng();
    static const char *words[] = {"", "a", "bb", "a\0b", "ccc"};
    static const size_t wlen[] = {0, 1, 2, 3, 3};
    double dv[] = {0.0, -0.0, NAN, 1.5, -2.25};
    int model[2000], mn = 0; /* word index, -1 for NULL */
    sl_vlist l;
    sl_vlist_init(&l, kind);
    for (int op = 0; op < 5000; op++) {
        int w = (int)below(6) - 1;
        bool null = w < 0;
        if (null) w = 0;
        if (below(2) || mn == 0) {
            if (mn == 2000) continue;
            if (kind == SL_VK_I64)
                sl_vlist_add_i64(&l, w * 1000 - 1, null);
            else if (kind == SL_VK_F64)
                sl_vlist_add_f64(&l, dv[w], null);
            else
                sl_vlist_add_str(&l, (sl_str){words[w], wlen[w]}, null);
            model[mn++] = null ? -1 : w;
        } else {
            int at = -1;
            for (int i = 0; i < mn && at < 0; i++)
                if (model[i] == (null ? -1 : w)) at = i;
            bool got = kind == SL_VK_I64 ? sl_vlist_remove_i64(&l, w * 1000 - 1, null)
                       : kind == SL_VK_F64
                           ? sl_vlist_remove_f64(&l, dv[w], null)
                           : sl_vlist_remove_str(&l, (sl_str){words[w], wlen[w]}, null);
            cr_assert_eq(got, at >= 0, "seed %llu op %d", (unsigned long long)seed, op);
            if (at >= 0) {
                memmove(model + at, model + at + 1, (size_t)(mn - at - 1) * sizeof *model);
                mn--;
            }
        }
        cr_assert_eq(sl_vlist_size(&l), (size_t)mn);
        for (int end = 0; end < 2 && mn; end++) {
            int want = model[end ? mn - 1 : 0];
            bool null2;
            if (kind == SL_VK_I64) {
                int64_t x;
                cr_assert(end ? sl_vlist_last_i64(&l, &x, &null2)
                              : sl_vlist_first_i64(&l, &x, &null2));
                cr_assert(null2 == (want < 0) && (want < 0 || x == want * 1000 - 1));
            } else if (kind == SL_VK_F64) {
                double x;
                cr_assert(end ? sl_vlist_last_f64(&l, &x, &null2)
                              : sl_vlist_first_f64(&l, &x, &null2));
                cr_assert(null2 == (want < 0) && (want < 0 || same_f64(x, dv[want])));
            } else {
                sl_str x;
                cr_assert(end ? sl_vlist_last_str(&l, &x, &null2)
                              : sl_vlist_first_str(&l, &x, &null2));
                cr_assert(null2 == (want < 0) && (want < 0 || str_is(x, words[want], wlen[want])),
                          "seed %llu op %d", (unsigned long long)seed, op);
            }
        }
    }
    ops_kind = kind;
    acc_ops ops = OPS_OF(sl_vlist);
    sl_vlist copy, filler;
    sl_vlist_init(&filler, kind);
    sl_vlist_add_i64(&filler, 5, false);
    sl_vlist_add_f64(&filler, 5, false);
    sl_vlist_add_str(&filler, S("5"), false);
    /* a shorter list keeps the truncation loop quick */
    while (sl_vlist_size(&l) > 60) {
        bool null;
        int64_t i;
        double d;
        sl_str s;
        if (kind == SL_VK_I64 && sl_vlist_first_i64(&l, &i, &null))
            sl_vlist_remove_i64(&l, i, null);
        if (kind == SL_VK_F64 && sl_vlist_first_f64(&l, &d, &null))
            sl_vlist_remove_f64(&l, d, null);
        if (kind == SL_VK_STR && sl_vlist_first_str(&l, &s, &null)) {
            char tmp[8];
            memcpy(tmp, s.p, s.n);
            sl_vlist_remove_str(&l, (sl_str){tmp, s.n}, null);
        }
    }
    check_snapshot(&ops, &l, &filler, &copy);
    cr_assert_eq(copy.n, l.n);
    cr_assert_eq(copy.len, l.len);
    for (size_t i = 0; i < l.n; i++) {
        cr_assert_eq(copy.e[i].null, l.e[i].null);
        if (!l.e[i].null && kind == SL_VK_I64) cr_assert_eq(copy.e[i].v.i, l.e[i].v.i);
        if (!l.e[i].null && kind == SL_VK_F64) cr_assert(same_f64(copy.e[i].v.d, l.e[i].v.d));
        if (!l.e[i].null && kind == SL_VK_STR) cr_assert_eq(copy.e[i].v.n, l.e[i].v.n);
    }
    cr_assert(l.len == 0 || memcmp(copy.bytes, l.bytes, l.len) == 0);
    sl_vlist_free(&copy);
    sl_vlist_free(&filler);
    sl_vlist_free(&l);
}

TEST(vlist, random_i64)
{
    vlist_random(SL_VK_I64);
}
TEST(vlist, random_f64)
{
    vlist_random(SL_VK_F64);
}
TEST(vlist, random_str)
{
    vlist_random(SL_VK_STR);
}

TEST(vlist, corrupt_snapshots)
{
    ops_kind = SL_VK_STR;
    acc_ops ops = OPS_OF(sl_vlist);
    sl_buf b = {0};
    sl_save_u64(&b, SL_VK_I64); /* another kind */
    sl_save_u64(&b, 0);
    check_rejects(&ops, &b, "another kind");
    b.n = 0;
    sl_save_u64(&b, SL_VK_STR);
    sl_save_u64(&b, 1);
    sl_save_u64(&b, 2); /* a NULL flag of 2 */
    check_rejects(&ops, &b, "a NULL flag of 2");
    b.n = 0;
    sl_save_u64(&b, SL_VK_STR);
    sl_save_u64(&b, 1u << 30); /* more entries than bytes */
    sl_save_u64(&b, 1);
    check_rejects(&ops, &b, "2^30 entries");
    sl_buf_free(&b);
}
