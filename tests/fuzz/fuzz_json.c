/* fuzz_json.c - libFuzzer target for the runtime's input primitives.
 *
 * Feeds arbitrary bytes to sl_json_skip, sl_json_str, sl_json_i64,
 * sl_json_f64, sl_json_bool and sl_ts_parse. The input is copied into a
 * heap buffer of exactly its size so AddressSanitizer reports any read past
 * `end`. Besides "no crash", it checks properties that must hold for every
 * accepted input:
 *   - every returned cursor lies within [p, end];
 *   - a decoded string re-encoded with sl_buf_put_json_str decodes back to
 *     the same bytes;
 *   - an accepted integer prints back as the text it was read from;
 *   - an accepted number equals strtod of its text;
 *   - an accepted timestamp formats to a string that parses back to it.
 *
 * Build and run (from the repository root):
 *   clang -fsanitize=fuzzer,address,undefined -Iruntime/include \
 *     tests/fuzz/fuzz_json.c runtime/rt_*.c -lxxhash $(pkg-config --libs rdkafka) -lm \
 *     -o build/fuzz_json
 *   build/fuzz_json -max_total_time=60 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sluice_rt.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_json: check failed: %s (line %d)\n", #cond, __LINE__);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void check_str(const char *p, const char *end, sl_arena *a)
{
    sl_str s;
    const char *e = sl_json_str(p, end, &s, a);
    if (!e) return;
    CHECK(e > p && e <= end);
    /* Re-encode and decode: the bytes survive. */
    sl_buf b = {0};
    sl_buf_put_json_str(&b, s.p, s.n);
    sl_str back;
    const char *e2 = sl_json_str(b.p, b.p + b.n, &back, a);
    CHECK(e2 == b.p + b.n);
    CHECK(back.n == s.n && (s.n == 0 || memcmp(back.p, s.p, s.n) == 0));
    /* skip accepts exactly the same string */
    CHECK(sl_json_skip(p, end) == e);
    sl_buf_free(&b);
}

static void check_i64(const char *p, const char *end)
{
    int64_t v;
    bool ovf;
    const char *e = sl_json_i64(p, end, &v, &ovf);
    if (!e) return;
    CHECK(!ovf);
    CHECK(e > p && e <= end);
    sl_buf b = {0};
    sl_buf_put_i64(&b, v);
    size_t n = (size_t)(e - p);
    bool neg_zero = n == 2 && p[0] == '-' && p[1] == '0';
    CHECK(neg_zero || (b.n == n && memcmp(b.p, p, n) == 0));
    sl_buf_free(&b);
}

static void check_f64(const char *p, const char *end)
{
    double v;
    const char *e = sl_json_f64(p, end, &v);
    if (!e) return;
    CHECK(e > p && e <= end);
    size_t n = (size_t)(e - p);
    char *t = malloc(n + 1);
    memcpy(t, p, n);
    t[n] = 0;
    double want = strtod(t, NULL);
    CHECK(v == want || (v != v && want != want));
    free(t);
    /* An accepted number is also accepted by skip with the same length. */
    CHECK(sl_json_skip(p, end) == e);
    /* The encoder reads back exactly. */
    sl_buf b = {0};
    sl_buf_put_f64(&b, v);
    if (!(b.n == 4 && memcmp(b.p, "null", 4) == 0)) {
        double back;
        CHECK(sl_json_f64(b.p, b.p + b.n, &back) == b.p + b.n);
        CHECK(back == v);
    }
    sl_buf_free(&b);
}

static void check_ts(const char *p, size_t n)
{
    int64_t ms;
    if (!sl_ts_parse(p, n, &ms)) return;
    char out[32];
    size_t k = sl_ts_format(ms, out);
    CHECK(k < sizeof out);
    int64_t back;
    /* years 0..9999 format in a form sl_ts_parse accepts */
    if (k == 23) {
        CHECK(sl_ts_parse(out, k, &back));
        CHECK(back == ms);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *p = malloc(size ? size : 1);
    if (!p) return 0;
    if (size) memcpy(p, data, size);
    const char *end = p + size;
    sl_arena a = {0};

    const char *e = sl_json_skip(p, end);
    CHECK(!e || (e > p && e <= end));
    check_str(p, end, &a);
    check_i64(p, end);
    check_f64(p, end);
    bool b;
    e = sl_json_bool(p, end, &b);
    CHECK(!e || e <= end);
    check_ts(p, size);
    /* The same primitives from every offset of a short input, the way a
     * decoder walks a record. */
    if (size <= 64) {
        for (size_t i = 1; i < size; i++) {
            e = sl_json_skip(p + i, end);
            CHECK(!e || e <= end);
            check_str(p + i, end, &a);
            check_i64(p + i, end);
            check_f64(p + i, end);
            sl_arena_reset(&a);
        }
    }
    /* The first 8 bytes as a double: the encoder round-trips it. */
    if (size >= 8) {
        double v;
        memcpy(&v, data, 8);
        sl_buf out = {0};
        sl_buf_put_f64(&out, v);
        if (v == v && v - v == 0) {
            double back;
            CHECK(sl_json_f64(out.p, out.p + out.n, &back) == out.p + out.n);
            CHECK(back == v);
        } else {
            CHECK(out.n == 4 && memcmp(out.p, "null", 4) == 0);
        }
        sl_buf_free(&out);
    }
    sl_arena_free(&a);
    free(p);
    return 0;
}
