/* test_rt_buf.c - output buffers, JSON encoders (integers, shortest
 * round-trip doubles, strings, timestamps) and the arena. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_internal.h"

/* Returns the buffer's bytes as a NUL-terminated string (static storage). */
static const char *cstr(sl_buf *b)
{
    static char out[4096];
    cr_assert(b->n < sizeof out);
    memcpy(out, b->p, b->n);
    out[b->n] = 0;
    return out;
}

static const char *f64s(double v)
{
    static sl_buf b;
    b.n = 0;
    sl_buf_put_f64(&b, v);
    return cstr(&b);
}

Test(buf, grow_and_put)
{
    sl_buf b = {0};
    for (int i = 0; i < 100000; i++) sl_buf_putc(&b, (char)('a' + i % 26));
    cr_assert_eq(b.n, 100000);
    cr_assert(b.cap >= b.n);
    cr_assert_eq(b.p[99999], 'a' + 99999 % 26);
    SL_BUF_LIT(&b, "xyz");
    cr_assert_eq(memcmp(b.p + 100000, "xyz", 3), 0);
    sl_buf_free(&b);
    cr_assert_null(b.p);
    cr_assert_eq(b.n, 0);
}

Test(buf, put_i64)
{
    sl_buf b = {0};
    int64_t v[] = {0, 1, -1, 9, 10, 99, 100, -100, 123456789, INT64_MAX, INT64_MIN};
    const char *want[] = {"0",
                          "1",
                          "-1",
                          "9",
                          "10",
                          "99",
                          "100",
                          "-100",
                          "123456789",
                          "9223372036854775807",
                          "-9223372036854775808"};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        b.n = 0;
        sl_buf_put_i64(&b, v[i]);
        cr_assert_str_eq(cstr(&b), want[i]);
    }
    for (int64_t x = -100000; x <= 100000; x += 7) {
        char w[32];
        snprintf(w, sizeof w, "%lld", (long long)x);
        b.n = 0;
        sl_buf_put_i64(&b, x);
        cr_assert_str_eq(cstr(&b), w);
    }
    /* every digit count, both signs: powers of ten and their neighbours,
     * and random values of every bit length */
    uint64_t p = 1; /* 10^d; unsigned: the last step reaches 10^19 */
    uint64_t r = 0x9E3779B97F4A7C15ULL;
    for (int d = 0; d < 19; d++, p *= 10) {
        for (int64_t x = (int64_t)p - 2; x <= (int64_t)p + 2; x++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                char w[32];
                snprintf(w, sizeof w, "%lld", (long long)(sign * x));
                b.n = 0;
                sl_buf_put_i64(&b, sign * x);
                cr_assert_str_eq(cstr(&b), w);
            }
        }
    }
    for (int i = 0; i < 100000; i++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        int64_t x = (int64_t)(r >> (i % 64));
        if ((i & 1) && x != INT64_MIN) x = -x;
        char w[32];
        snprintf(w, sizeof w, "%lld", (long long)x);
        b.n = 0;
        sl_buf_put_i64(&b, x);
        cr_assert_str_eq(cstr(&b), w);
    }
    sl_buf_free(&b);
}

Test(buf, put_f64_forms)
{
    cr_assert_str_eq(f64s(0.0), "0");
    cr_assert_str_eq(f64s(-0.0), "-0");
    cr_assert_str_eq(f64s(2), "2");
    cr_assert_str_eq(f64s(-2), "-2");
    cr_assert_str_eq(f64s(2.5), "2.5");
    cr_assert_str_eq(f64s(-2.5), "-2.5");
    cr_assert_str_eq(f64s(0.1), "0.1");
    cr_assert_str_eq(f64s(0.001), "0.001");
    cr_assert_str_eq(f64s(0.0001), "0.0001");
    cr_assert_str_eq(f64s(0.00001), "1e-05");
    cr_assert_str_eq(f64s(123.456), "123.456");
    cr_assert_str_eq(f64s(0.1 + 0.2), "0.30000000000000004");
    cr_assert_str_eq(f64s(1.0 / 3), "0.3333333333333333");
    cr_assert_str_eq(f64s(2.0 / 3), "0.6666666666666666");
    cr_assert_str_eq(f64s(1e15 - 1), "999999999999999");
    cr_assert_str_eq(f64s(1e15), "1e+15");
    cr_assert_str_eq(f64s(1e20), "1e+20");
    cr_assert_str_eq(f64s(123456789012345678.0), "1.2345678901234568e+17");
    cr_assert_str_eq(f64s(9007199254740993.0), "9007199254740992");
    cr_assert_str_eq(f64s(DBL_MAX), "1.7976931348623157e+308");
    cr_assert_str_eq(f64s(DBL_MIN), "2.2250738585072014e-308");
    cr_assert_str_eq(f64s(5e-324), "4.94065645841247e-324");
    cr_assert_str_eq(f64s(NAN), "null");
    cr_assert_str_eq(f64s(-NAN), "null");
    cr_assert_str_eq(f64s(INFINITY), "null");
    cr_assert_str_eq(f64s(-INFINITY), "null");
    cr_assert_str_eq(f64s(12.34), "12.34");
    cr_assert_str_eq(f64s(1234567.891), "1234567.891");
    cr_assert_str_eq(f64s(100.5), "100.5");
}

/* Every printed value reads back as the same double and is no longer than
 * the shortest of %.15g/%.16g/%.17g that round-trips. */
static void check_round_trip(double v)
{
    const char *s = f64s(v);
    cr_assert_eq(strtod(s, NULL), v, "%s does not read back as %.17g", s, v);
    char ref[40];
    for (int p = 15; p <= 17; p++) {
        snprintf(ref, sizeof ref, "%.*g", p, v);
        if (strtod(ref, NULL) == v) break;
    }
    cr_assert_str_eq(s, ref, "%.17g", v);
}

Test(buf, put_f64_round_trips)
{
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 200000; i++) {
        /* xorshift over bit patterns: all exponents, all mantissas */
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        memcpy(&v, &x, sizeof v);
        if (!isfinite(v)) continue;
        check_round_trip(v);
    }
    for (int i = -100000; i < 100000; i += 3) {
        check_round_trip(i / 100.0);
        check_round_trip(i / 1000.0);
        check_round_trip(i * 1.1);
        check_round_trip(i / 7.0);
    }
    for (int e = -320; e < 309; e++) check_round_trip(pow(10, e));
}

Test(buf, put_f64_fixed_range_matches_printf)
{
    /* Log-uniform doubles in [1e-5, 1e16) (the range of the exact-integer
     * fast path and beyond its edges), neighbours of powers of ten and of
     * two, and values with 15-17 significant digits. */
    uint64_t x = 0x243F6A8885A308D3ULL;
    for (int i = 0; i < 300000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
        double v = pow(10, -5 + 21 * u);
        check_round_trip(v);
        check_round_trip(-v);
        check_round_trip(nextafter(v, 0));
    }
    for (int e = -5; e <= 16; e++) {
        double p10 = pow(10, e);
        double v = p10;
        for (int j = 0; j < 5; j++) v = nextafter(v, 0);
        for (int j = 0; j < 10; j++, v = nextafter(v, INFINITY)) check_round_trip(v);
    }
    for (int e = -17; e <= 50; e++) {
        double v = ldexp(1, e);
        check_round_trip(nextafter(v, 0));
        check_round_trip(v);
        check_round_trip(nextafter(v, INFINITY));
    }
    for (int i = 1; i < 100000; i++) {
        check_round_trip(i / 3.0);
        check_round_trip(i / 9999.0);
        check_round_trip(123456.0 + i / 1e9);
    }
    /* Running averages (what a changelog AVG writes), decimals with up to
     * 7 places around the 6-place fast path, and their neighbours. */
    for (int c = 1; c <= 1000; c += 3)
        for (int s = -3000; s < 3000; s += 7) check_round_trip((double)s / c);
    for (int i = 0; i < 200000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        double d = (double)(x >> 14) / 1e6 / (double)(1 + (x & 15) * (x & 1 ? 10 : 1));
        check_round_trip(d);
        check_round_trip(nextafter(d, 0));
        check_round_trip(nextafter(d, INFINITY));
    }
}

Test(buf, put_json_str)
{
    sl_buf b = {0};
    sl_buf_put_json_str(&b, "plain", 5);
    cr_assert_str_eq(cstr(&b), "\"plain\"");
    b.n = 0;
    sl_buf_put_json_str(&b, "", 0);
    cr_assert_str_eq(cstr(&b), "\"\"");
    b.n = 0;
    const char in[] = "a\"b\\c\nd\te\rf\bg\fh\x01i\x1fj\x7fk\xc3\xa9/";
    sl_buf_put_json_str(&b, in, sizeof in - 1);
    cr_assert_str_eq(cstr(&b), "\"a\\\"b\\\\c\\nd\\te\\rf\\bg\\fh\\u0001i\\u001fj\x7fk\xc3\xa9/\"");
    b.n = 0;
    char nul[3] = {'x', 0, 'y'};
    sl_buf_put_json_str(&b, nul, 3);
    cr_assert_str_eq(cstr(&b), "\"x\\u0000y\"");
    sl_buf_free(&b);
}

/* Strings of up to 8 bytes (encoded a word at a time) come out as the
 * general path writes them: each is compared with the encoding of itself
 * followed by 17 'z's (a length the word path does not take). */
Test(buf, put_json_str_short_as_long)
{
    static const unsigned char alphabet[] = {0x00, 0x01, 0x1f, 0x20, '!',  '"', '#',
                                             '/',  '@',  '[',  '\\', ']',  'a', 0x7f,
                                             0x80, 0xa2, 0xc3, 0xdc, 0xe2, 0xff};
    uint64_t x = 0x2545F4914F6CDD1DULL;
    sl_buf b = {0}, r = {0};
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t n = 1 + (size_t)(x % 8);
        char s[8 + 17];
        for (size_t k = 0; k < n; k++) s[k] = (char)alphabet[(x >> (8 + 5 * k)) % sizeof alphabet];
        memset(s + n, 'z', 17);
        b.n = r.n = 0;
        sl_buf_put_json_str(&b, s, n);
        sl_buf_put_json_str(&r, s, n + 17);
        /* r is b without its closing quote, then 17 'z's and the quote */
        cr_assert_eq(r.n, b.n + 17);
        cr_assert_arr_eq(r.p, b.p, b.n - 1);
        cr_assert_eq(b.p[b.n - 1], '"');
    }
    sl_buf_free(&b);
    sl_buf_free(&r);
}

Test(buf, put_json_str_decodes_back)
{
    /* Encoding then decoding gives the original bytes, for every ASCII byte
     * value and for multi-byte UTF-8 (the decoder accepts only UTF-8). */
    char in[256];
    for (int i = 0; i < 128; i++) in[i] = (char)i;
    for (int i = 128; i < 256; i += 4) memcpy(in + i, "\xe2\x82\xac\x41", 4); /* U+20AC, 'A' */
    sl_buf b = {0};
    sl_buf_put_json_str(&b, in, sizeof in);
    sl_arena a = {0};
    sl_str out;
    const char *e = sl_json_str(b.p, b.p + b.n, &out, &a);
    cr_assert_eq(e, b.p + b.n);
    cr_assert_eq(out.n, 256);
    cr_assert_arr_eq(out.p, in, 256);
    sl_buf_free(&b);
    sl_arena_free(&a);
}

Test(buf, put_ts)
{
    sl_buf b = {0};
    sl_buf_put_ts(&b, 978352496789);
    cr_assert_str_eq(cstr(&b), "\"2001-01-01 12:34:56.789\"");
    b.n = 0;
    sl_buf_put_ts(&b, -1);
    cr_assert_str_eq(cstr(&b), "\"1969-12-31 23:59:59.999\"");
    sl_buf_free(&b);
}

Test(arena, alloc_alignment_and_reset)
{
    sl_arena a = {0};
    char *prev = NULL;
    for (size_t n = 0; n < 1000; n++) {
        char *p = sl_arena_alloc(&a, n);
        cr_assert_not_null(p);
        cr_assert_eq((uintptr_t)p % 8, 0, "aligned");
        memset(p, 0xab, n);
        if (prev && n > 1) cr_assert_neq(p, prev);
        prev = p;
    }
    /* a large allocation beyond the default block size */
    char *big = sl_arena_alloc(&a, 1 << 20);
    memset(big, 1, 1 << 20);
    sl_arena_reset(&a);
    /* after reset: one block that holds everything allocated before */
    cr_assert_not_null(a.head);
    char *first = sl_arena_alloc(&a, 16);
    for (int i = 0; i < 100; i++) {
        sl_arena_reset(&a);
        cr_assert_eq(sl_arena_alloc(&a, 16), first, "reset reuses the block");
        sl_arena_alloc(&a, 1 << 20);
    }
    sl_str s = sl_arena_dup(&a, (sl_str){"hello", 5});
    cr_assert_eq(s.n, 5);
    cr_assert_arr_eq(s.p, "hello", 5);
    s = sl_arena_dup(&a, (sl_str){NULL, 0});
    cr_assert_eq(s.n, 0);
    sl_arena_free(&a);
    cr_assert_null(a.head);
    sl_arena_reset(&a); /* reset of an empty arena is a no-op */
    cr_assert_null(a.head);
}

/* rt_escape (every runtime message that quotes input, names or paths goes
 * through it): what a terminal would act on is shown as \xHH, valid UTF-8
 * text is kept, and the output is always terminated within its buffer. */
Test(buf, escape_for_the_terminal)
{
    char out[64];
    rt_escape("plain text, caf\xc3\xa9 \xe2\x82\xac", out, sizeof out);
    cr_expect_str_eq(out, "plain text, caf\xc3\xa9 \xe2\x82\xac");
    rt_escape("\x1b[2J\a\r\n\x7f", out, sizeof out);
    cr_expect_str_eq(out, "\\x1B[2J\\x07\\x0D\\x0A\\x7F");
    /* bytes that are not UTF-8, and the C1 control CSI (U+009B) */
    rt_escape("a\xff\xc3(\xc2\x9b[", out, sizeof out);
    cr_expect_str_eq(out, "a\\xFF\\xC3(\\xC2\\x9B[");
    /* truncation never splits an escape or overruns */
    char small[6];
    rt_escape("\x01\x02\x03", small, sizeof small);
    cr_expect_str_eq(small, "\\x01");
    rt_escape("abcdefgh", small, sizeof small);
    cr_expect_str_eq(small, "abcde");
}

/* ---- state serialisation ------------------------------------------------- */

/* The byte layout is part of the checkpoint format: little-endian, fixed
 * width, a u64 length before string bytes. */
Test(save, layout_is_little_endian)
{
    sl_buf b = {0};
    sl_save_u64(&b, 0x0102030405060708ULL);
    sl_save_i64(&b, -2);
    sl_save_f64(&b, 1.0); /* 0x3FF0000000000000 */
    sl_save_str(&b, (sl_str){"hi", 2});
    static const unsigned char want[] = {8,    7,    6,    5,    4, 3, 2, 1, 0xfe, 0xff, 0xff, 0xff,
                                         0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0,    0,    0xf0, 0x3f,
                                         2,    0,    0,    0,    0, 0, 0, 0, 'h',  'i'};
    cr_assert_eq(b.n, sizeof want);
    cr_assert_eq(memcmp(b.p, want, sizeof want), 0);
    sl_buf_free(&b);
}

/* A buffer holding one of each kind of value, with edge cases. */
static void save_sample(sl_buf *b)
{
    uint64_t u[] = {0, 1, 0x8000000000000000ULL, UINT64_MAX, 0x0123456789abcdefULL};
    int64_t i[] = {0, -1, INT64_MIN, INT64_MAX, 42};
    for (size_t k = 0; k < 5; k++) {
        sl_save_u64(b, u[k]);
        sl_save_i64(b, i[k]);
    }
    uint64_t nan_payload = 0x7ff8000000000123ULL;
    double nanp;
    memcpy(&nanp, &nan_payload, sizeof nanp);
    double f[] = {0.0, -0.0, 1.5, -DBL_MAX, DBL_MIN / 4, INFINITY, -INFINITY, nanp};
    for (size_t k = 0; k < sizeof f / sizeof *f; k++) sl_save_f64(b, f[k]);
    sl_save_str(b, (sl_str){"", 0});
    sl_save_bytes(b, NULL, 0);
    sl_save_str(b, (sl_str){"a\0b", 3});
    sl_save_str(b, (sl_str){"caf\xc3\xa9", 5});
}

/* Reads what save_sample wrote; returns whether every value matched (and
 * the cursor's error state is in r). */
static bool load_sample(sl_rbuf *r)
{
    bool ok = true;
    uint64_t u[] = {0, 1, 0x8000000000000000ULL, UINT64_MAX, 0x0123456789abcdefULL};
    int64_t i[] = {0, -1, INT64_MIN, INT64_MAX, 42};
    for (size_t k = 0; k < 5; k++) {
        ok &= sl_load_u64(r) == u[k];
        ok &= sl_load_i64(r) == i[k];
    }
    uint64_t want_bits[] = {0,
                            0x8000000000000000ULL,
                            0x3ff8000000000000ULL,
                            0xffefffffffffffffULL,
                            0x0004000000000000ULL,
                            0x7ff0000000000000ULL,
                            0xfff0000000000000ULL,
                            0x7ff8000000000123ULL};
    for (size_t k = 0; k < sizeof want_bits / sizeof *want_bits; k++) {
        double d = sl_load_f64(r);
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        ok &= bits == want_bits[k];
    }
    sl_str s = sl_load_str(r);
    ok &= s.n == 0 && s.p != NULL;
    s = sl_load_str(r);
    ok &= s.n == 0 && s.p != NULL;
    s = sl_load_str(r);
    ok &= s.n == 3 && memcmp(s.p, "a\0b", 3) == 0;
    s = sl_load_str(r);
    ok &= s.n == 5 && memcmp(s.p, "caf\xc3\xa9", 5) == 0;
    return ok;
}

Test(save, round_trip)
{
    sl_buf b = {0};
    save_sample(&b);
    sl_rbuf r = sl_rbuf_of(b.p, b.n);
    cr_assert(load_sample(&r));
    cr_assert_not(r.err);
    cr_assert_eq(sl_rbuf_left(&r), 0);
    /* one more read is past the end */
    cr_assert_eq(sl_load_u64(&r), 0);
    cr_assert(r.err);
    sl_buf_free(&b);
}

/* Every proper prefix of a snapshot is detected as truncated. Each prefix
 * is copied into an allocation of exactly its size, so a read past the end
 * is an ASan error in the sanitizer build rather than a silent pass. */
Test(save, truncation_at_every_byte)
{
    sl_buf b = {0};
    save_sample(&b);
    for (size_t k = 0; k < b.n; k++) {
        char *cut = malloc(k ? k : 1);
        cr_assert_not_null(cut);
        memcpy(cut, b.p, k);
        sl_rbuf r = sl_rbuf_of(cut, k);
        load_sample(&r);
        cr_assert(r.err, "prefix of %zu of %zu bytes read without error", k, b.n);
        cr_assert_eq(sl_rbuf_left(&r), 0);
        free(cut);
    }
    sl_buf_free(&b);
}

/* Lengths that do not fit what is left: every one is an error and leaves
 * the cursor failing, whatever the bytes after it. */
Test(save, huge_lengths)
{
    uint64_t lens[] = {UINT64_MAX, (uint64_t)SIZE_MAX, (uint64_t)PTRDIFF_MAX + 1, 1ULL << 32, 9, 5};
    for (size_t k = 0; k < sizeof lens / sizeof *lens; k++) {
        sl_buf b = {0};
        sl_save_u64(&b, lens[k]);
        sl_buf_put(&b, "abcd", 4); /* 4 bytes follow: less than every length above */
        sl_save_u64(&b, 7);
        /* the exact allocation again, for ASan */
        char *copy = malloc(b.n);
        memcpy(copy, b.p, b.n);
        sl_rbuf r = sl_rbuf_of(copy, b.n - 8);
        sl_str s = sl_load_str(&r);
        cr_assert(r.err, "length %llu accepted", (unsigned long long)lens[k]);
        cr_assert_eq(s.n, 0);
        cr_assert_not_null(s.p);
        /* sticky: the next read fails although 4 bytes are there */
        r.end = copy + b.n;
        cr_assert_eq(sl_load_u64(&r), 0);
        cr_assert(r.err);
        free(copy);
        sl_buf_free(&b);
    }
    /* a length exactly equal to what is left is fine */
    sl_buf b = {0};
    sl_save_u64(&b, 4);
    sl_buf_put(&b, "abcd", 4);
    sl_rbuf r = sl_rbuf_of(b.p, b.n);
    sl_str s = sl_load_str(&r);
    cr_assert_not(r.err);
    cr_assert(s.n == 4 && memcmp(s.p, "abcd", 4) == 0);
    sl_buf_free(&b);
}

/* An empty or NULL buffer: every read fails, none crashes. */
Test(save, empty_input)
{
    sl_rbuf r = sl_rbuf_of(NULL, 0);
    cr_assert_eq(sl_load_i64(&r), 0);
    cr_assert(r.err);
    sl_rbuf r2 = sl_rbuf_of("", 0);
    sl_str s = sl_load_str(&r2);
    cr_assert(r2.err);
    cr_assert_eq(s.n, 0);
    cr_assert_eq(sl_load_f64(&r2), 0.0);
}
