/* test_templates.c - the C templates generated programs include
 * (templates/sl_sql.h, templates/sl_decode.h), tested on their own: LIKE
 * (also against a reference matcher on random inputs), SUBSTRING, TRIM,
 * CHAR_LENGTH, casts, arithmetic helpers, ROUND, DOUBLE to string, and the
 * decoder fast paths against the runtime's complete JSON and timestamp
 * parsers on random inputs (seeded; the seed is in the failure message). */
#include <criterion/criterion.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../templates/sl_decode.h"
#include "../../templates/sl_sql.h"

static sl_str S(const char *s)
{
    return (sl_str){s, strlen(s)};
}

static bool str_is(sl_str got, const char *want)
{
    return got.n == strlen(want) && memcmp(got.p, want, got.n) == 0;
}

/* xorshift64*: deterministic random numbers for the property tests. */
static uint64_t rng_state;
static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1DULL;
}
static uint64_t seed_rng(void)
{
    const char *e = getenv("SEED");
    uint64_t seed = e ? strtoull(e, NULL, 10) : 20240101;
    rng_state = seed ? seed : 1;
    return seed;
}

/* ---- LIKE ------------------------------------------------------------------------- */

typedef struct LikeCase {
    const char *s, *p;
    int esc;
    bool want;
} LikeCase;

Test(like, table)
{
    static const LikeCase cases[] = {
        {"", "", -1, true},
        {"", "%", -1, true},
        {"", "_", -1, false},
        {"a", "", -1, false},
        {"abc", "abc", -1, true},
        {"abc", "ab", -1, false},
        {"abc", "a%", -1, true},
        {"abc", "%c", -1, true},
        {"abc", "%b%", -1, true},
        {"abc", "a%c", -1, true},
        {"ac", "a%c", -1, true},
        {"abc", "%%%", -1, true},
        {"abc", "a_c", -1, true},
        {"ac", "a_c", -1, false},
        {"abc", "___", -1, true},
        {"abc", "____", -1, false},
        {"aXbXc", "a%b%c", -1, true},
        {"abcb", "%b", -1, true},
        {"abcd", "%b", -1, false},
        {"aaa", "a%a", -1, true},
        {"a", "a%a", -1, false},
        {"ab", "%a%b%", -1, true},
        {"ba", "%a%b%", -1, false},
        {"abc", "%d%", -1, false},
        {"mississippi", "%iss%ip%", -1, true},
        {"mississippi", "m%s_s%i", -1, true},
        {"mississippi", "%ss%ss%ss%", -1, false},
        /* case-sensitive, bytes */
        {"ABC", "abc", -1, false},
        {"a.c", "a.c", -1, true},
        {"abc", "a.c", -1, false},
        /* escapes */
        {"a%", "a!%", '!', true},
        {"ab", "a!%", '!', false},
        {"a!", "a!!", '!', true},
        {"_", "!_", '!', true},
        {"x", "!_", '!', false},
        {"a_c", "a!_c", '!', true},
        {"abc", "a!_c", '!', false},
        {"%x%", "!%%!%", '!', true},
        {"%xy", "!%%!%", '!', false},
        {"50%", "%!%", '!', true},
        {"a\\b", "a\\b", -1, true},
        {"a\\b", "a\\\\b", '\\', true},
        /* '_' is one code point */
        {"é", "_", -1, true},
        {"éé", "__", -1, true},
        {"é", "__", -1, false},
        {"aéb", "a_b", -1, true},
        {"日本語", "%本%", -1, true},
        {"日本語", "___", -1, true},
        {"日本語", "__", -1, false},
        {"日本語", "_本_", -1, true},
        {"😀x", "_x", -1, true},
        {"é", "!é", '!', true},
        {"éa", "%a", -1, true},
        {"aé", "a%", -1, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const LikeCase *c = &cases[i];
        cr_expect_eq(sl_like(S(c->s), S(c->p), c->esc), c->want,
                     "'%s' LIKE '%s' ESCAPE %d: want %d", c->s, c->p, c->esc, c->want);
    }
}

/* Reference: the obvious recursive matcher over bytes (inputs are ASCII). */
static bool like_ref(const char *s, size_t sn, const char *p, size_t pn, int esc)
{
    if (pn == 0) return sn == 0;
    if ((unsigned char)p[0] == esc && pn >= 2)
        return sn > 0 && s[0] == p[1] && like_ref(s + 1, sn - 1, p + 2, pn - 2, esc);
    if (p[0] == '%') {
        for (size_t k = 0; k <= sn; k++)
            if (like_ref(s + k, sn - k, p + 1, pn - 1, esc)) return true;
        return false;
    }
    if (p[0] == '_') return sn > 0 && like_ref(s + 1, sn - 1, p + 1, pn - 1, esc);
    return sn > 0 && s[0] == p[0] && like_ref(s + 1, sn - 1, p + 1, pn - 1, esc);
}

Test(like, random_vs_reference)
{
    uint64_t seed = seed_rng();
    static const char salpha[] = "ab%_!";
    static const char palpha[] = "ab%_!";
    char s[12], p[10];
    for (int iter = 0; iter < 200000; iter++) {
        size_t sn = rnd() % sizeof s, pn = rnd() % sizeof p;
        for (size_t i = 0; i < sn; i++) s[i] = salpha[rnd() % 5];
        for (size_t i = 0; i < pn; i++) p[i] = palpha[rnd() % 5];
        int esc = rnd() % 2 ? '!' : -1;
        bool want = like_ref(s, sn, p, pn, esc);
        bool got = sl_like((sl_str){s, sn}, (sl_str){p, pn}, esc);
        if (got != want)
            cr_assert_fail("seed %llu: '%.*s' LIKE '%.*s' ESCAPE %d: got %d, want %d",
                           (unsigned long long)seed, (int)sn, s, (int)pn, p, esc, got, want);
    }
}

Test(like, long_input_is_fast)
{
    /* a pattern that never matches a long run: must not backtrack
     * exponentially (the test would time out) */
    size_t n = 200000;
    char *s = malloc(n);
    memset(s, 'a', n);
    cr_expect(!sl_like((sl_str){s, n}, S("%a%a%a%a%b"), -1));
    cr_expect(sl_like((sl_str){s, n}, S("%a%a%a%a%"), -1));
    free(s);
}

Test(like, fast_forms)
{
    cr_expect(sl_starts_with(S("abc"), "ab", 2));
    cr_expect(!sl_starts_with(S("a"), "ab", 2));
    cr_expect(sl_ends_with(S("abc"), "bc", 2));
    cr_expect(!sl_ends_with(S("c"), "bc", 2));
    cr_expect(sl_contains(S("abc"), "", 0));
    cr_expect(sl_contains(S("xabcx"), "abc", 3));
    cr_expect(!sl_contains(S("ab"), "abc", 3));
}

/* ---- SUBSTRING (Flink's substringSQL) ------------------------------------------------ */

typedef struct SubCase {
    const char *s;
    int64_t pos, len;
    bool has_len;
    const char *want;
} SubCase;

Test(substring, flink_positions)
{
    static const SubCase cases[] = {
        {"hello", 1, 0, false, "hello"},
        {"hello", 2, 0, false, "ello"},
        {"hello", 5, 0, false, "o"},
        {"hello", 6, 0, false, ""},
        {"hello", 100, 0, false, ""},
        {"hello", 0, 0, false, "hello"},
        {"hello", -1, 0, false, "o"},
        {"hello", -3, 0, false, "llo"},
        {"hello", -5, 0, false, "hello"},
        {"hello", -6, 0, false, ""},
        {"hello", INT64_MIN, 0, false, ""},
        {"hello", INT64_MAX, 0, false, ""},
        {"hello", 2, 3, true, "ell"},
        {"hello", 2, 0, true, ""},
        {"hello", 2, 100, true, "ello"},
        {"hello", 0, 2, true, "he"},
        {"hello", -3, 2, true, "ll"},
        {"hello", -10, 2, true, ""},
        {"hello", 1, INT64_MAX, true, "hello"},
        {"hello", 4, INT64_MAX, true, "lo"},
        {"hello", 2, -1, true, ""}, /* NULL in SQL: the generated code checks len < 0 */
        {"", 1, 0, false, ""},
        {"", 0, 3, true, ""},
        {"", -1, 0, false, ""},
        /* code points, not bytes */
        {"héllo", 2, 2, true, "él"},
        {"héllo", -4, 1, true, "é"},
        {"日本語", 2, 0, false, "本語"},
        {"日本語", 3, 5, true, "語"},
        {"a😀b", 2, 1, true, "😀"},
        {"a😀b", -1, 0, false, "b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const SubCase *c = &cases[i];
        sl_str got = sl_substring(S(c->s), c->pos, c->len, c->has_len);
        cr_expect(str_is(got, c->want), "SUBSTRING('%s', %lld%s%lld): got '%.*s', want '%s'", c->s,
                  (long long)c->pos, c->has_len ? ", " : " no len ", (long long)c->len, (int)got.n,
                  got.p, c->want);
    }
}

/* ---- TRIM, CHAR_LENGTH, CONCAT ----------------------------------------------------------- */

typedef struct TrimCase {
    const char *s, *chars;
    int which;
    const char *want;
} TrimCase;

Test(trim, forms)
{
    static const TrimCase cases[] = {
        {"  a b  ", " ", 3, "a b"},
        {"  a b  ", " ", 1, "a b  "},
        {"  a b  ", " ", 2, "  a b"},
        {"", " ", 3, ""},
        {"   ", " ", 3, ""},
        {"   ", " ", 1, ""},
        {"xxabcxx", "x", 3, "abc"},
        {"xxabcxx", "xa", 3, "bc"},
        {"xxabcxx", "xcab", 3, ""},
        {"abc", "", 3, "abc"},
        {"\tabc\t", " ", 3, "\tabc\t"},
        /* trim characters are code points */
        {"éaé", "é", 3, "a"},
        {"日本日", "日", 3, "本"},
        {"éa", "è", 3, "éa"}, /* é = C3 A9, è = C3 A8: share a lead byte */
        {"aé", "è", 3, "aé"},
        {"éa", "èé", 1, "a"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const TrimCase *c = &cases[i];
        sl_str got = sl_trim(S(c->s), S(c->chars), c->which);
        cr_expect(str_is(got, c->want), "TRIM(%d '%s' FROM '%s'): got '%.*s', want '%s'", c->which,
                  c->chars, c->s, (int)got.n, got.p, c->want);
    }
}

Test(char_length, utf8)
{
    cr_expect_eq(sl_char_length(S("")), 0);
    cr_expect_eq(sl_char_length(S("abc")), 3);
    cr_expect_eq(sl_char_length(S("héllo")), 5);
    cr_expect_eq(sl_char_length(S("日本語")), 3);
    cr_expect_eq(sl_char_length(S("a😀b")), 3);
}

Test(concat, parts)
{
    sl_arena a = {0};
    sl_str parts[3] = {S("ab"), S(""), S("cé")};
    cr_expect(str_is(sl_concat(&a, parts, 3), "abcé"));
    cr_expect(str_is(sl_concat(&a, parts, 0), ""));
    cr_expect(str_is(sl_concat2(&a, S(""), S("")), ""));
    cr_expect(str_is(sl_concat2(&a, S("x"), S("y")), "xy"));
    sl_arena_free(&a);
}

Test(case_map, upper_lower)
{
    sl_arena a = {0};
    cr_expect(str_is(sl_upper(&a, S("abc-XYZ 09")), "ABC-XYZ 09"));
    cr_expect(str_is(sl_lower(&a, S("abc-XYZ 09")), "abc-xyz 09"));
    cr_expect(str_is(sl_upper(&a, S("héllo wörld")), "HÉLLO WÖRLD"));
    cr_expect(str_is(sl_lower(&a, S("ÀÉÎÕÜ")), "àéîõü"));
    cr_expect(str_is(sl_upper(&a, S("")), ""));
    sl_arena_free(&a);
}

/* ---- casts -------------------------------------------------------------------------------- */

typedef struct IntCast {
    const char *s;
    int64_t lo, hi;
    bool ok;
    int64_t want;
} IntCast;

Test(cast, str_to_i64)
{
    static const IntCast cases[] = {
        {"0", INT64_MIN, INT64_MAX, true, 0},
        {"42", INT64_MIN, INT64_MAX, true, 42},
        {" 42 ", INT64_MIN, INT64_MAX, true, 42},
        {"\t-7\n", INT64_MIN, INT64_MAX, true, -7},
        {"+5", INT64_MIN, INT64_MAX, true, 5},
        {"00012", INT64_MIN, INT64_MAX, true, 12},
        {"9223372036854775807", INT64_MIN, INT64_MAX, true, INT64_MAX},
        {"9223372036854775808", INT64_MIN, INT64_MAX, false, 0},
        {"-9223372036854775808", INT64_MIN, INT64_MAX, true, INT64_MIN},
        {"-9223372036854775809", INT64_MIN, INT64_MAX, false, 0},
        {"18446744073709551616", INT64_MIN, INT64_MAX, false, 0},
        {"99999999999999999999999", INT64_MIN, INT64_MAX, false, 0},
        {"2147483647", INT32_MIN, INT32_MAX, true, INT32_MAX},
        {"2147483648", INT32_MIN, INT32_MAX, false, 0},
        {"-2147483648", INT32_MIN, INT32_MAX, true, INT32_MIN},
        {"-2147483649", INT32_MIN, INT32_MAX, false, 0},
        {"127", -128, 127, true, 127},
        {"128", -128, 127, false, 0},
        {"", INT64_MIN, INT64_MAX, false, 0},
        {"   ", INT64_MIN, INT64_MAX, false, 0},
        {"-", INT64_MIN, INT64_MAX, false, 0},
        {"+", INT64_MIN, INT64_MAX, false, 0},
        {"1 2", INT64_MIN, INT64_MAX, false, 0},
        {"1.0", INT64_MIN, INT64_MAX, false, 0},
        {"1e3", INT64_MIN, INT64_MAX, false, 0},
        {"0x10", INT64_MIN, INT64_MAX, false, 0},
        {"--1", INT64_MIN, INT64_MAX, false, 0},
        {"12a", INT64_MIN, INT64_MAX, false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const IntCast *c = &cases[i];
        int64_t v = -12345;
        bool ok = sl_str_to_i64(S(c->s), c->lo, c->hi, &v);
        cr_expect_eq(ok, c->ok, "CAST('%s'): ok %d, want %d", c->s, ok, c->ok);
        if (ok && c->ok) cr_expect_eq(v, c->want, "CAST('%s') = %lld", c->s, (long long)v);
    }
}

Test(cast, str_to_f64)
{
    double v;
    cr_expect(sl_str_to_f64(S("1.5"), &v) && v == 1.5);
    cr_expect(sl_str_to_f64(S(" -2e3 "), &v) && v == -2000);
    cr_expect(sl_str_to_f64(S("42"), &v) && v == 42);
    cr_expect(sl_str_to_f64(S(".5"), &v) && v == 0.5);
    cr_expect(sl_str_to_f64(S("NaN"), &v) && isnan(v));
    cr_expect(sl_str_to_f64(S("Infinity"), &v) && isinf(v) && v > 0);
    cr_expect(sl_str_to_f64(S("-Infinity"), &v) && isinf(v) && v < 0);
    cr_expect(!sl_str_to_f64(S(""), &v));
    cr_expect(!sl_str_to_f64(S("abc"), &v));
    cr_expect(!sl_str_to_f64(S("1.5x"), &v));
    cr_expect(!sl_str_to_f64(S("1,5"), &v));
    /* longer than the internal buffer: NULL, never an overflow */
    char big[1000];
    memset(big, '1', sizeof big);
    cr_expect(!sl_str_to_f64((sl_str){big, sizeof big}, &v));
}

Test(cast, str_to_bool)
{
    static const char *const yes[] = {"true", "TRUE", "True", "t", "T",
                                      "yes",  "YES",  "y",    "1", " true "};
    static const char *const no[] = {"false", "FALSE", "f", "F", "no", "No", "n", "0", "\tfalse"};
    static const char *const bad[] = {"", "2", "tru", "truex", "yess", "on", "off", "-1", "nope"};
    bool v;
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        cr_expect(sl_str_to_bool(S(yes[i]), &v) && v, "'%s' is TRUE", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        cr_expect(sl_str_to_bool(S(no[i]), &v) && !v, "'%s' is FALSE", no[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect(!sl_str_to_bool(S(bad[i]), &v), "'%s' is NULL", bad[i]);
}

Test(cast, f64_to_int)
{
    /* Java's (long), (int), (short) and (byte) of a double (Flink's CAST) */
    cr_expect_eq(sl_f64_to_int(2.9, 64), 2);
    cr_expect_eq(sl_f64_to_int(-2.9, 64), -2);
    cr_expect_eq(sl_f64_to_int(-0.5, 64), 0);
    cr_expect_eq(sl_f64_to_int(NAN, 64), 0);
    cr_expect_eq(sl_f64_to_int(NAN, 8), 0);
    cr_expect_eq(sl_f64_to_int(INFINITY, 64), INT64_MAX);
    cr_expect_eq(sl_f64_to_int(-INFINITY, 64), INT64_MIN);
    cr_expect_eq(sl_f64_to_int(9223372036854775808.0, 64), INT64_MAX); /* 2^63 */
    cr_expect_eq(sl_f64_to_int(-9223372036854775808.0, 64), INT64_MIN);
    cr_expect_eq(sl_f64_to_int(9223372036854774784.0, 64),
                 INT64_C(9223372036854774784)); /* largest double below 2^63 */
    cr_expect_eq(sl_f64_to_int(2147483647.9, 32), INT32_MAX);
    cr_expect_eq(sl_f64_to_int(2147483648.0, 32), INT32_MAX);
    cr_expect_eq(sl_f64_to_int(1e10, 32), INT32_MAX);
    cr_expect_eq(sl_f64_to_int(-1e10, 32), INT32_MIN);
    cr_expect_eq(sl_f64_to_int(-2147483648.9, 32), INT32_MIN);
    /* narrower: the int's low bits */
    cr_expect_eq(sl_f64_to_int(200.7, 8), -56);
    cr_expect_eq(sl_f64_to_int(1e10, 8), -1);  /* (byte) 0x7fffffff */
    cr_expect_eq(sl_f64_to_int(1e10, 16), -1); /* (short) 0x7fffffff */
    cr_expect_eq(sl_f64_to_int(-1e10, 16), 0); /* (short) 0x80000000 */
    cr_expect_eq(sl_f64_to_int(40000.0, 16), -25536);
}

Test(cast, to_string)
{
    sl_arena a = {0};
    cr_expect(str_is(sl_i64_to_str(&a, 0), "0"));
    cr_expect(str_is(sl_i64_to_str(&a, INT64_MIN), "-9223372036854775808"));
    cr_expect(str_is(sl_bool_to_str(true), "TRUE"));
    cr_expect(str_is(sl_bool_to_str(false), "FALSE"));
    cr_expect(str_is(sl_ts_to_str(&a, 0), "1970-01-01 00:00:00.000"));
    cr_expect(str_is(sl_ts_to_str(&a, 1704067201500), "2024-01-01 00:00:01.500"));
    /* Java's Double.toString, as Flink's CAST(DOUBLE AS STRING) */
    static const struct {
        double v;
        const char *want;
    } d[] = {
        {2.0, "2.0"},
        {2.5, "2.5"},
        {-2.7, "-2.7"},
        {0.0, "0.0"},
        {-0.0, "-0.0"},
        {0.1, "0.1"},
        {0.001, "0.001"},
        {0.0001, "1.0E-4"},
        {1234567.5, "1234567.5"},
        {9999999.0, "9999999.0"},
        {1e7, "1.0E7"},
        {12345678.9, "1.23456789E7"},
        {1e10, "1.0E10"},
        {1e21, "1.0E21"},
        {-1.5e-7, "-1.5E-7"},
        {0.30000000000000004, "0.30000000000000004"},
        {100.0, "100.0"},
        {1.7976931348623157e308, "1.7976931348623157E308"},
        {5e-324, "4.9E-324"},
        {NAN, "NaN"},
        {INFINITY, "Infinity"},
        {-INFINITY, "-Infinity"},
    };
    for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
        sl_str got = sl_f64_to_str(&a, d[i].v);
        cr_expect(str_is(got, d[i].want), "CAST(%.17g AS STRING): got '%.*s', want '%s'", d[i].v,
                  (int)got.n, got.p, d[i].want);
    }
    sl_arena_free(&a);
}

/* ---- arithmetic --------------------------------------------------------------------------- */

Test(arith, wrapping)
{
    cr_expect_eq(sl_add64(INT64_MAX, 1), INT64_MIN);
    cr_expect_eq(sl_sub64(INT64_MIN, 1), INT64_MAX);
    cr_expect_eq(sl_mul64(INT64_MIN, -1), INT64_MIN);
    cr_expect_eq(sl_mul64(INT64_C(3037000500), INT64_C(3037000500)), INT64_C(-9223372036709301616));
    cr_expect_eq(sl_add32(INT32_MAX, 1), INT32_MIN);
    cr_expect_eq(sl_sub32(INT32_MIN, 1), INT32_MAX);
    cr_expect_eq(sl_mul32(65536, 65536), 0);
    cr_expect_eq(sl_mul32(INT32_MIN, -1), INT32_MIN);
}

Test(arith, division)
{
    int64_t q;
    int32_t q32;
    cr_expect(sl_div64(7, 2, &q) && q == 3);
    cr_expect(sl_div64(-7, 2, &q) && q == -3);
    cr_expect(sl_div64(7, -2, &q) && q == -3);
    cr_expect(sl_div64(-7, -2, &q) && q == 3);
    cr_expect(sl_mod64(-7, 2, &q) && q == -1);
    cr_expect(sl_mod64(7, -2, &q) && q == 1);
    cr_expect(sl_mod64(-7, -2, &q) && q == -1);
    cr_expect(!sl_div64(1, 0, &q));
    cr_expect(!sl_mod64(1, 0, &q));
    cr_expect(sl_div64(INT64_MIN, -1, &q) && q == INT64_MIN);
    cr_expect(sl_mod64(INT64_MIN, -1, &q) && q == 0);
    cr_expect(sl_div32(INT32_MIN, -1, &q32) && q32 == INT32_MIN);
    cr_expect(sl_mod32(INT32_MIN, -1, &q32) && q32 == 0);
    cr_expect(sl_div32(-9, 4, &q32) && q32 == -2);
    cr_expect(sl_mod32(-9, 4, &q32) && q32 == -1);
    cr_expect(!sl_div32(5, 0, &q32));
    double d;
    cr_expect(sl_divf(7, 2, &d) && d == 3.5);
    cr_expect(!sl_divf(1, 0, &d));
    cr_expect(!sl_divf(1, -0.0, &d));
}

Test(arith, round_f64)
{
    static const struct {
        double x;
        int32_t d;
        double want;
    } c[] = {
        {2.5, 0, 3},
        {-2.5, 0, -3},
        {0.5, 0, 1},
        {-0.5, 0, -1},
        {1.4999999999999998, 0, 1},
        {2.4, 0, 2},
        {1.005, 2, 1.01},
        {0.285, 2, 0.29},
        {2.675, 2, 2.68},
        {-2.675, 2, -2.68},
        {1.234, 2, 1.23},
        {1.235, 2, 1.24},
        {1234.5, -2, 1200},
        {1250, -2, 1300},
        {-1250, -2, -1300},
        {1249.9, -2, 1200},
        {0.30000000000000004, 1, 0.3},
        {1.23456789e-5, 7, 1.23e-5},
        {9.995, 2, 10},
        {99.5, 0, 100},
        {123.456, 10, 123.456},
        {123.456, -5, 0},
        {5e-324, 0, 0},
        {1e300, 2, 1e300},
        {1e300, -300, 1e300},
        {4e300, -301, 0},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        double got = sl_round_f64(c[i].x, c[i].d);
        cr_expect(got == c[i].want, "ROUND(%.17g, %d) = %.17g, want %.17g", c[i].x, c[i].d, got,
                  c[i].want);
    }
    /* zero results are +0.0 (Java BigDecimal has no -0) */
    cr_expect(!signbit(sl_round_f64(-0.4, 0)));
    cr_expect(!signbit(sl_round_f64(-0.0, 2)));
    cr_expect(isnan(sl_round_f64(NAN, 1)));
    cr_expect(isinf(sl_round_f64(INFINITY, 1)));
}

Test(arith, round_i64)
{
    cr_expect_eq(sl_round_i64(15, -1), 20);
    cr_expect_eq(sl_round_i64(14, -1), 10);
    cr_expect_eq(sl_round_i64(-15, -1), -20);
    cr_expect_eq(sl_round_i64(-14, -1), -10);
    cr_expect_eq(sl_round_i64(149, -2), 100);
    cr_expect_eq(sl_round_i64(150, -2), 200);
    cr_expect_eq(sl_round_i64(5, 0), 5);
    cr_expect_eq(sl_round_i64(5, 3), 5);
    cr_expect_eq(sl_round_i64(123, -19), 0);
    /* Java BigDecimal.longValue() wraps: 9223372036854775810 -> ... */
    cr_expect_eq(sl_round_i64(INT64_MAX, -1), INT64_C(-9223372036854775806));
}

/* ---- decoder fast paths vs the runtime's parsers --------------------------------------------- */

/* Formats a random valid timestamp; 19 or 23 bytes, ' ' or 'T'. */
static size_t random_ts(char *out, int64_t *ms_out)
{
    int y = (int)(rnd() % 10000), mo = (int)(rnd() % 12) + 1;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int dmax = mdays[mo - 1] + (mo == 2 && leap);
    int d = (int)(rnd() % (uint64_t)dmax) + 1, h = (int)(rnd() % 24), mi = (int)(rnd() % 60),
        s = (int)(rnd() % 60), f = (int)(rnd() % 1000);
    char sep = rnd() % 2 ? ' ' : 'T';
    size_t n;
    if (rnd() % 2)
        n = (size_t)sprintf(out, "%04d-%02d-%02d%c%02d:%02d:%02d.%03d", y, mo, d, sep, h, mi, s, f);
    else {
        n = (size_t)sprintf(out, "%04d-%02d-%02d%c%02d:%02d:%02d", y, mo, d, sep, h, mi, s);
        f = 0;
    }
    int64_t days = sl_days_from_civil(y, (unsigned)mo, (unsigned)d);
    *ms_out = ((days * 24 + h) * 60 + mi) * 60000 + (int64_t)s * 1000 + f;
    return n;
}

Test(decode, fast_ts_vs_ts_parse)
{
    uint64_t seed = seed_rng();
    char buf[64];
    for (int iter = 0; iter < 100000; iter++) {
        int64_t want, fast = 0, slow = 0;
        size_t n = random_ts(buf, &want);
        bool f = sl_fast_ts(buf, n, &fast), s = sl_ts_parse(buf, n, &slow);
        if (!f || !s || fast != want || slow != want)
            cr_assert_fail("seed %llu: '%.*s': fast %d %lld, parse %d %lld, want %lld",
                           (unsigned long long)seed, (int)n, buf, f, (long long)fast, s,
                           (long long)slow, (long long)want);
        /* mutate one byte: whenever the fast path accepts, it must agree */
        size_t at = rnd() % n;
        static const char alpha[] = "0123456789-: T.Z+x\0\xff";
        buf[at] = alpha[rnd() % (sizeof alpha - 1)];
        if (rnd() % 4 == 0) n = rnd() % (n + 1); /* truncate */
        f = sl_fast_ts(buf, n, &fast);
        s = sl_ts_parse(buf, n, &slow);
        if (f && (!s || fast != slow))
            cr_assert_fail("seed %llu: '%.*s': fast path accepts (%lld), sl_ts_parse %s (%lld)",
                           (unsigned long long)seed, (int)n, buf, (long long)fast,
                           s ? "differs" : "rejects", (long long)slow);
    }
}

Test(decode, fast_ts_calendar)
{
    int64_t ms;
    cr_expect(sl_fast_ts("2024-02-29 00:00:00", 19, &ms));
    cr_expect(!sl_fast_ts("2023-02-29 00:00:00", 19, &ms));
    cr_expect(!sl_fast_ts("1900-02-29 00:00:00", 19, &ms));
    cr_expect(sl_fast_ts("2000-02-29 00:00:00", 19, &ms));
    cr_expect(!sl_fast_ts("2024-04-31 00:00:00", 19, &ms));
    cr_expect(!sl_fast_ts("2024-01-01 24:00:00", 19, &ms));
    cr_expect(!sl_fast_ts("2024-01-01 00:60:00", 19, &ms));
    cr_expect(!sl_fast_ts("2024-00-01 00:00:00", 19, &ms));
    cr_expect(!sl_fast_ts("2024-01-00 00:00:00", 19, &ms));
    cr_expect(sl_fast_ts("1969-12-31 23:59:59.999", 23, &ms) && ms == -1);
    cr_expect(sl_fast_ts("2024-01-01T00:00:00.123", 23, &ms) && ms == 1704067200123);
    cr_expect(!sl_fast_ts("2024-01-01 00:00:00.12", 22, &ms));
    cr_expect(!sl_fast_ts("2024-01-01 00:00:00,123", 23, &ms));
}

/* A random byte string biased towards JSON number/string syntax. */
static size_t random_json_bytes(char *out, size_t cap)
{
    static const char alpha[] = "0123456789-+.eE\"\\/ubnrt,}] afl\x01\x1f\x7f\xc3\xa9\xff";
    size_t n = rnd() % cap;
    for (size_t i = 0; i < n; i++) out[i] = alpha[rnd() % (sizeof alpha - 1)];
    if (n && rnd() % 2) out[0] = rnd() % 2 ? '"' : '-';
    return n;
}

Test(decode, fast_paths_vs_runtime_json)
{
    uint64_t seed = seed_rng();
    char buf[48];
    sl_arena scratch = {0};
    for (int iter = 0; iter < 300000; iter++) {
        size_t n = random_json_bytes(buf, sizeof buf);
        /* every buffer gets its own malloc'd copy so ASan sees reads past end */
        char *p = malloc(n ? n : 1);
        memcpy(p, buf, n);
        const char *end = p + n;
        /* integers */
        int64_t fv = 0, sv = 0;
        bool ovf;
        const char *fq = sl_fast_i64(p, end, &fv);
        if (fq) {
            const char *sq = sl_json_i64(p, end, &sv, &ovf);
            if (sq != fq || sv != fv)
                cr_assert_fail(
                    "seed %llu: sl_fast_i64('%.*s') = %lld (len %td), sl_json_i64 = %lld "
                    "(len %td)",
                    (unsigned long long)seed, (int)n, p, (long long)fv, fq - p, (long long)sv,
                    sq ? sq - p : -1);
        }
        /* strings */
        if (n && p[0] == '"') {
            sl_str fs, ss;
            fq = sl_fast_str(p, end, &fs);
            if (fq) {
                const char *sq = sl_json_str(p, end, &ss, &scratch);
                if (sq != fq || ss.n != fs.n || memcmp(ss.p, fs.p, fs.n) != 0)
                    cr_assert_fail("seed %llu: sl_fast_str('%.*s') disagrees with sl_json_str",
                                   (unsigned long long)seed, (int)n, p);
            }
        }
        /* skipping */
        fq = sl_fast_skip(p, end);
        const char *sq = sl_json_skip(p, end);
        if (fq != sq)
            cr_assert_fail("seed %llu: sl_fast_skip('%.*s') = %td, sl_json_skip = %td",
                           (unsigned long long)seed, (int)n, p, fq ? fq - p : -1, sq ? sq - p : -1);
        free(p);
        sl_arena_reset(&scratch);
    }
    sl_arena_free(&scratch);
}

Test(decode, fast_paths_edges)
{
    int64_t v;
    const char *s = "123456789012345678,";
    cr_expect(sl_fast_i64(s, s + strlen(s), &v) == s + 18 && v == INT64_C(123456789012345678));
    s = "1234567890123456789"; /* 19 digits: the slow path decides */
    cr_expect_null(sl_fast_i64(s, s + strlen(s), &v));
    s = "-0";
    cr_expect(sl_fast_i64(s, s + 2, &v) == s + 2 && v == 0);
    s = "01";
    cr_expect_null(sl_fast_i64(s, s + 2, &v));
    s = "-";
    cr_expect_null(sl_fast_i64(s, s + 1, &v));
    s = "1.5";
    cr_expect_null(sl_fast_i64(s, s + 3, &v));
    sl_str str;
    s = "\"abc\"";
    cr_expect(sl_fast_str(s, s + 5, &str) == s + 5 && str_is(str, "abc"));
    s = "\"a\\\"b\"";
    cr_expect_null(sl_fast_str(s, s + strlen(s), &str));
    s = "\"abc"; /* unterminated */
    cr_expect_null(sl_fast_str(s, s + 4, &str));
    s = "12 ,";
    cr_expect(sl_fast_skip(s, s + 4) == s + 2);
}
