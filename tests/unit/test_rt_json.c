/* test_rt_json.c - JSON reading primitives: valid, invalid and edge inputs.
 * Inputs are copied into heap buffers of exactly their size, so under
 * AddressSanitizer any read past `end` fails the test. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <unistr.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sluice_rt.h"

/* Heap copy of exactly n bytes (no terminator). */
static char *exact(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    cr_assert(p);
    memcpy(p, s, n);
    return p;
}

/* Runs sl_json_skip on s; returns consumed length or -1. */
static long skip_len(const char *s)
{
    size_t n = strlen(s);
    char *p = exact(s, n);
    const char *e = sl_json_skip(p, p + n);
    long r = e ? (long)(e - p) : -1;
    free(p);
    return r;
}

/* Decodes the string literal s; returns true and the bytes in out. */
static bool str_dec(const char *s, char *out, size_t *outn)
{
    size_t n = strlen(s);
    char *p = exact(s, n);
    sl_arena a = {0};
    sl_str v;
    const char *e = sl_json_str(p, p + n, &v, &a);
    if (e) {
        cr_assert_eq(e, p + n, "string %s not consumed fully", s);
        memcpy(out, v.p, v.n);
        *outn = v.n;
    }
    free(p);
    sl_arena_free(&a);
    return e != NULL;
}

Test(json_str, plain_points_into_input)
{
    const char *s = "\"hello\",1";
    char *p = exact(s, strlen(s));
    sl_arena a = {0};
    sl_str v;
    const char *e = sl_json_str(p, p + strlen(s), &v, &a);
    cr_assert_eq(e, p + 7);
    cr_assert_eq(v.p, p + 1, "no escapes: view into input");
    cr_assert_eq(v.n, 5);
    cr_assert(a.head == NULL, "no scratch used");
    free(p);
}

Test(json_str, long_plain_strings_every_length)
{
    /* Exercise the 8-byte scan at every alignment and tail length. */
    for (size_t len = 0; len < 40; len++) {
        char buf[64];
        buf[0] = '"';
        for (size_t i = 0; i < len; i++) buf[1 + i] = (char)('a' + i % 26);
        buf[1 + len] = '"';
        char *p = exact(buf, len + 2);
        sl_str v;
        sl_arena a = {0};
        const char *e = sl_json_str(p, p + len + 2, &v, &a);
        cr_assert_eq(e, p + len + 2, "len %zu", len);
        cr_assert_eq(v.n, len);
        /* unterminated: drop the closing quote */
        cr_assert_null(sl_json_str(p, p + len + 1, &v, &a), "unterminated len %zu", len);
        free(p);
    }
}

Test(json_str, escapes)
{
    char out[64];
    size_t n;
    cr_assert(str_dec("\"a\\nb\\t\\\"\\\\\\/\\b\\f\\r\"", out, &n));
    cr_assert_eq(n, 10);
    cr_assert_arr_eq(out, "a\nb\t\"\\/\b\f\r", 10);
    cr_assert(str_dec("\"\\u0041\\u00e9\\u20AC\"", out, &n));
    cr_assert_eq(n, 1 + 2 + 3);
    cr_assert_arr_eq(out, "A\xc3\xa9\xe2\x82\xac", 6);
    cr_assert(str_dec("\"\\u0000x\"", out, &n), "NUL is allowed");
    cr_assert_eq(n, 2);
    cr_assert_eq(out[0], 0);
}

Test(json_str, surrogates)
{
    char out[64];
    size_t n;
    /* U+1F600 GRINNING FACE = D83D DE00 */
    cr_assert(str_dec("\"\\uD83D\\uDE00\"", out, &n));
    cr_assert_eq(n, 4);
    cr_assert_arr_eq(out, "\xf0\x9f\x98\x80", 4);
    /* U+10FFFF = DBFF DFFF */
    cr_assert(str_dec("\"\\udbff\\udfff\"", out, &n));
    cr_assert_arr_eq(out, "\xf4\x8f\xbf\xbf", 4);
    /* lone high, lone low, high followed by non-surrogate: U+FFFD */
    cr_assert(str_dec("\"\\uD83Dx\"", out, &n));
    cr_assert_eq(n, 4);
    cr_assert_arr_eq(out, "\xef\xbf\xbdx", 4);
    cr_assert(str_dec("\"\\uDE00\"", out, &n));
    cr_assert_arr_eq(out, "\xef\xbf\xbd", 3);
    cr_assert(str_dec("\"\\uD83D\\u0041\"", out, &n));
    cr_assert_eq(n, 4);
    cr_assert_arr_eq(out,
                     "\xef\xbf\xbd"
                     "A",
                     4);
    cr_assert(str_dec("\"\\uD83D\"", out, &n), "high surrogate at the end");
    cr_assert_eq(n, 3);
}

Test(json_str, invalid)
{
    char out[64];
    size_t n;
    const char *bad[] = {
        "",     "x",     "\"abc",    "\"a\\\"", "\"\\x\"", "\"\\u12\"",      "\"\\u12g4\"",
        "\"\\", "\"\\u", "\"a\nb\"", "\"\t\"",  "'a'",     "\"\\uD83D\\u\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_not(str_dec(bad[i], out, &n), "accepted %s", bad[i]);
    cr_assert(str_dec("\"\x7f\xc3\xa9\"", out, &n), "UTF-8 passes through");
    cr_assert_eq(n, 3);
    /* not UTF-8: Jackson rejects these, and copied through they would make
     * the output invalid JSON */
    const char *not_utf8[] = {
        "\"\xff\"",
        "\"a\x80\"",
        "\"\xc3\"",
        "\"\xc0\x80\"" /* overlong NUL */,
        "\"\xed\xa0\x80\"" /* surrogate */,
        "\"\xf4\x90\x80\x80\"" /* > U+10FFFF */,
        "\"\xe2\x82\"",
        "\"abcdefgh\xfe\"",
        "\"\xf0\x9f\x98\"",
    };
    for (size_t i = 0; i < sizeof not_utf8 / sizeof *not_utf8; i++)
        cr_assert_not(str_dec(not_utf8[i], out, &n), "accepted invalid UTF-8 #%zu", i);
}

/* The scanner's UTF-8 check agrees with libunistring's u8_check on random
 * strings biased towards the edges of the encoding (an independent
 * implementation as the oracle). */
Test(json_str, utf8_validation_matches_libunistring)
{
    static const unsigned char edge[] = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
                                         0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef,
                                         0xf0, 0xf4, 0xf5, 0xff, 0x22, 0x5c};
    unsigned seed = 7;
    char body[24], js[32];
    sl_arena a = {0};
    for (int iter = 0; iter < 200000; iter++) {
        size_t n = (size_t)(rand_r(&seed) % 12);
        for (size_t i = 0; i < n; i++) {
            unsigned char c = edge[rand_r(&seed) % sizeof edge];
            if (c == 0x22 || c == 0x5c || c == 0x00) c = 0x41; /* keep it one plain string */
            body[i] = (char)c;
        }
        js[0] = '"';
        memcpy(js + 1, body, n);
        js[n + 1] = '"';
        sl_str s;
        bool ok = sl_json_str(js, js + n + 2, &s, &a) != NULL;
        bool want = u8_check((const uint8_t *)body, n) == NULL;
        cr_assert_eq(ok, want, "iteration %d: %zu bytes, decoder %d, u8_check %d", iter, n, ok,
                     want);
        sl_arena_reset(&a);
    }
    sl_arena_free(&a);
}

Test(json_str, truncated_never_reads_past_end)
{
    const char *s = "\"ab\\u00e9\\uD83D\\uDE00cd\\n\"";
    size_t n = strlen(s);
    for (size_t k = 0; k < n; k++) {
        char *p = exact(s, k);
        sl_arena a = {0};
        sl_str v;
        cr_assert_null(sl_json_str(p, p + k, &v, &a), "prefix %zu accepted", k);
        cr_assert_null(sl_json_skip(p, p + k), "skip prefix %zu accepted", k);
        free(p);
        sl_arena_free(&a);
    }
}

static const char *i64(const char *s, int64_t *v, bool *ovf, char **buf)
{
    size_t n = strlen(s);
    *buf = exact(s, n);
    const char *e = sl_json_i64(*buf, *buf + n, v, ovf);
    return e ? s + (e - *buf) : NULL;
}

Test(json_i64, values)
{
    struct {
        const char *s;
        int64_t v;
        size_t used;
    } ok[] = {
        {"0", 0, 1},
        {"-0", 0, 2},
        {"7", 7, 1},
        {"42,", 42, 2},
        {"-17}", -17, 3},
        {"9223372036854775807", INT64_MAX, 19},
        {"-9223372036854775808", INT64_MIN, 20},
        {"1234567890123", 1234567890123, 13},
        {"12 ", 12, 2},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        int64_t v = 99;
        bool ovf = true;
        char *buf;
        const char *e = i64(ok[i].s, &v, &ovf, &buf);
        cr_assert_not_null(e, "%s", ok[i].s);
        cr_assert_eq(v, ok[i].v, "%s", ok[i].s);
        cr_assert_eq((size_t)(e - ok[i].s), ok[i].used, "%s", ok[i].s);
        cr_assert_not(ovf);
        free(buf);
    }
}

Test(json_i64, overflow_and_errors)
{
    const char *ovf_cases[] = {"9223372036854775808", "-9223372036854775809",
                               "99999999999999999999", "18446744073709551616",
                               "-100000000000000000000"};
    for (size_t i = 0; i < sizeof ovf_cases / sizeof *ovf_cases; i++) {
        int64_t v;
        bool ovf = false;
        char *buf;
        cr_assert_null(i64(ovf_cases[i], &v, &ovf, &buf), "%s", ovf_cases[i]);
        cr_assert(ovf, "%s sets overflow", ovf_cases[i]);
        free(buf);
    }
    const char *bad[] = {"", "-", "+1", "01", "-01", "1.5", "1e3", "1E3", "abc", " 1", "-a", "00"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t v;
        bool ovf = true;
        char *buf;
        cr_assert_null(i64(bad[i], &v, &ovf, &buf), "%s", bad[i]);
        cr_assert_not(ovf, "%s is not an overflow", bad[i]);
        free(buf);
    }
    int64_t v;
    char *buf = exact("12", 2);
    cr_assert_not_null(sl_json_i64(buf, buf + 2, &v, NULL), "NULL overflow pointer allowed");
    free(buf);
}

static double f64(const char *s, bool *ok, size_t *used)
{
    size_t n = strlen(s);
    char *p = exact(s, n);
    double v = -12345;
    const char *e = sl_json_f64(p, p + n, &v);
    *ok = e != NULL;
    *used = e ? (size_t)(e - p) : 0;
    free(p);
    return v;
}

Test(json_f64, values)
{
    const char *cases[] = {"0",
                           "-0",
                           "1",
                           "-1",
                           "0.1",
                           "3.14159",
                           "1e10",
                           "1E-10",
                           "2.5e+3",
                           "123456789012345678",
                           "1234567890123456789012345",
                           "0.30000000000000004",
                           "1.7976931348623157e308",
                           "4.9e-324",
                           "2.2250738585072014e-308",
                           "9007199254740993",
                           "0.000001234",
                           "1e23",
                           "8.98846567431158e307",
                           "123.456e-5",
                           "100000000000000000000000000000000000000000000000000000001e-50",
                           "0.1000000000000000055511151231257827021181583404541015625",
                           "-2.5"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool ok;
        size_t used;
        double v = f64(cases[i], &ok, &used);
        cr_assert(ok, "%s", cases[i]);
        cr_assert_eq(used, strlen(cases[i]));
        double want = strtod(cases[i], NULL);
        cr_assert(v == want && signbit(v) == signbit(want), "%s: got %.17g want %.17g", cases[i], v,
                  want);
    }
    bool ok;
    size_t used;
    f64("1.5,", &ok, &used);
    cr_assert(ok && used == 3);
    double big = f64("1e400", &ok, &used);
    cr_assert(ok && isinf(big), "overflowing exponent reads as infinity");
    double tiny = f64("1e-400", &ok, &used);
    cr_assert(ok && tiny == 0);
    double huge_exp = f64("1e99999999999999999999", &ok, &used);
    cr_assert(ok && isinf(huge_exp));
}

Test(json_f64, invalid)
{
    const char *bad[] = {"",      "-",  ".5",  "1.",       "1e", "1e+",  "01",
                         "-01.5", "+1", "NaN", "Infinity", "-x", "1.e5", "e5"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bool ok;
        size_t used;
        f64(bad[i], &ok, &used);
        cr_assert_not(ok, "%s accepted", bad[i]);
    }
}

Test(json_f64, long_number_fallback_heap)
{
    /* A number longer than the stack copy buffer. */
    char s[600];
    s[0] = '0';
    s[1] = '.';
    for (int i = 2; i < 599; i++) s[i] = (char)('0' + i % 10);
    s[599] = 0;
    bool ok;
    size_t used;
    double v = f64(s, &ok, &used);
    cr_assert(ok && used == 599);
    cr_assert_eq(v, strtod(s, NULL));
}

Test(json_bool_null, literals)
{
    bool b;
    char *p = exact("true", 4);
    cr_assert_eq(sl_json_bool(p, p + 4, &b), p + 4);
    cr_assert(b);
    cr_assert_null(sl_json_bool(p, p + 3, &b), "tru");
    cr_assert_null(sl_json_null(p, p + 4));
    free(p);
    p = exact("false", 5);
    cr_assert_eq(sl_json_bool(p, p + 5, &b), p + 5);
    cr_assert_not(b);
    cr_assert_null(sl_json_bool(p, p + 4, &b));
    free(p);
    p = exact("null", 4);
    cr_assert_eq(sl_json_null(p, p + 4), p + 4);
    cr_assert_null(sl_json_null(p, p + 3));
    cr_assert_null(sl_json_bool(p, p + 4, &b));
    free(p);
}

Test(json_ws, skips_json_whitespace_only)
{
    const char *s = " \t\r\n\fx";
    cr_assert_eq(sl_json_ws(s, s + strlen(s)), s + 4);
    cr_assert_eq(sl_json_ws(s, s + 2), s + 2, "stops at end");
}

Test(json_skip, values)
{
    struct {
        const char *s;
        long used;
    } ok[] = {
        {"1", 1},
        {"-1.5e3,", 6},
        {"\"a\\\"b\"}", 6},
        {"true", 4},
        {"false]", 5},
        {"null", 4},
        {"[]", 2},
        {"{}", 2},
        {"[ ]", 3},
        {"{ }", 3},
        {"[1,2,3]", 7},
        {"[1, [2, [3, {\"a\": [true, null]}]], \"x\"] ,", 39},
        {"{\"a\":1,\"b\":{\"c\":[1,{\"d\":\"\\u00e9\"}]},\"e\":null}x", 45},
        {"  {\"k\" : \"v\" }  ", 14},
        {"[[[[[]]]]]", 10},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        cr_assert_eq(skip_len(ok[i].s), ok[i].used, "%s -> %ld", ok[i].s, skip_len(ok[i].s));
}

Test(json_skip, invalid)
{
    const char *bad[] = {
        "",      "[",       "]",         "{",          "}",         "[1,]",
        "[,1]",  "{\"a\"}", "{\"a\":}",  "{\"a\":1,}", "{a:1}",     "{\"a\" 1}",
        "[1 2]", "tru",     "nul",       "fals",       "01",        "-",
        "\"abc", "[1}",     "{\"a\":1]", "{1:2}",      "[\"\\q\"]", "{\"a\":[1,{\"b\":2]}",
        "@",     "[1,2",    "{\"a\":1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_eq(skip_len(bad[i]), -1, "%s accepted", bad[i]);
}

Test(json_skip, deep_nesting_is_bounded)
{
    /* 1000 levels are fine; 100000 unclosed levels fail without recursion. */
    size_t depth = 1000;
    char *s = malloc(2 * depth + 1);
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    s[2 * depth] = 0;
    cr_assert_eq(skip_len(s), (long)(2 * depth));
    free(s);
    depth = 100000;
    s = malloc(2 * depth + 1);
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    s[2 * depth] = 0;
    cr_assert_eq(skip_len(s), -1, "too deep");
    free(s);
    s = malloc(depth + 1);
    for (size_t i = 0; i < depth; i++) s[i] = i % 2 ? '[' : '{';
    s[depth] = 0;
    cr_assert_eq(skip_len(s), -1);
    free(s);
}

Test(json_skip, every_prefix_of_a_document_fails)
{
    const char *doc = "{\"a\":[1,-2.5e3,true,false,null,\"x\\u0041\\n\"],\"b\":{\"c\":{}}}";
    size_t n = strlen(doc);
    for (size_t k = 0; k < n; k++) {
        char *p = exact(doc, k);
        cr_assert_null(sl_json_skip(p, p + k), "prefix %zu", k);
        free(p);
    }
    char *p = exact(doc, n);
    cr_assert_eq(sl_json_skip(p, p + n), p + n);
    free(p);
}

Test(json_skip, number_prefixes)
{
    /* Number prefixes that are themselves numbers are accepted with a
     * shorter length; the others are rejected. */
    const char *num = "-12.5e+7";
    size_t n = strlen(num);
    for (size_t k = 1; k <= n; k++) {
        char *p = exact(num, k);
        const char *e = sl_json_skip(p, p + k);
        bool valid = k == 3 || k == 2 || k == 5 || k == n;
        cr_assert_eq(e != NULL, valid, "prefix %zu", k);
        if (e) cr_assert_eq(e, p + k);
        free(p);
    }
}
