/* test_rt_time.c - timestamp parsing/formatting, calendar arithmetic and
 * window alignment helpers. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sluice_rt.h"

static bool parse(const char *s, int64_t *ms)
{
    size_t n = strlen(s);
    char *p = malloc(n ? n : 1); /* exact size: ASan catches overreads */
    memcpy(p, s, n);
    bool ok = sl_ts_parse(p, n, ms);
    free(p);
    return ok;
}

static const char *fmt(int64_t ms, char *out)
{
    size_t n = sl_ts_format(ms, out);
    out[n] = 0;
    return out;
}

Test(ts_format, known_values)
{
    char b[32];
    cr_assert_str_eq(fmt(0, b), "1970-01-01 00:00:00.000");
    cr_assert_str_eq(fmt(1, b), "1970-01-01 00:00:00.001");
    cr_assert_str_eq(fmt(-1, b), "1969-12-31 23:59:59.999");
    cr_assert_str_eq(fmt(-86400000, b), "1969-12-31 00:00:00.000");
    cr_assert_str_eq(fmt(978307200000, b), "2001-01-01 00:00:00.000");
    cr_assert_str_eq(fmt(951782400000, b), "2000-02-29 00:00:00.000");
    cr_assert_str_eq(fmt(951868799999, b), "2000-02-29 23:59:59.999");
    cr_assert_str_eq(fmt(-2208988800000, b), "1900-01-01 00:00:00.000");
    cr_assert_str_eq(fmt(-62135596800000, b), "0001-01-01 00:00:00.000");
    cr_assert_str_eq(fmt(-62167219200000, b), "0000-01-01 00:00:00.000");
    cr_assert_str_eq(fmt(253402300799999, b), "9999-12-31 23:59:59.999");
    cr_assert_str_eq(fmt(253402300800000, b), "+10000-01-01 00:00:00.000");
    cr_assert_str_eq(fmt(-62167219200001, b), "-0001-12-31 23:59:59.999");
    cr_assert_eq(sl_ts_format(0, b), 23);
    /* extremes do not crash and fit in 32 bytes */
    cr_assert(sl_ts_format(INT64_MIN, b) < 32);
    cr_assert(sl_ts_format(INT64_MAX, b) < 32);
    cr_assert_str_eq(fmt(INT64_MAX, b), "+292278994-08-17 07:12:55.807");
    cr_assert_str_eq(fmt(INT64_MIN, b), "-292275055-05-16 16:47:04.192");
}

/* Every output is readable back: format then parse is the identity over
 * the whole int64 range (window ends past 9999-12-31 were written as
 * "10000-01-01 ..." and rejected by the parser). */
Test(ts_format, parse_reads_every_output_back)
{
    char b[32];
    int64_t edge[] = {INT64_MIN,
                      INT64_MIN + 1,
                      INT64_MAX,
                      INT64_MAX - 1,
                      253402300800000,
                      253402300799999,
                      -62167219200001,
                      -62167219200000,
                      0,
                      -1};
    for (size_t i = 0; i < sizeof edge / sizeof *edge; i++) {
        int64_t back = 0;
        size_t n = sl_ts_format(edge[i], b);
        cr_assert(sl_ts_parse(b, n, &back), "'%.*s' does not parse", (int)n, b);
        cr_assert_eq(back, edge[i], "'%.*s'", (int)n, b);
    }
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        /* all magnitudes, not just huge ones */
        int64_t v = (int64_t)(x >> (x % 60));
        if (x & 1) v = -v;
        int64_t back = 0;
        size_t n = sl_ts_format(v, b);
        cr_assert(sl_ts_parse(b, n, &back), "'%.*s' (%lld) does not parse", (int)n, b,
                  (long long)v);
        cr_assert_eq(back, v, "'%.*s'", (int)n, b);
    }
    /* the expanded year needs its sign; the parse of an out-of-range
     * instant fails instead of wrapping */
    int64_t ms;
    cr_expect(!sl_ts_parse("10000-01-01 00:00:00", 19, &ms));
    cr_expect(sl_ts_parse("+10000-01-01 00:00:00", 21, &ms) && ms == 253402300800000);
    cr_expect(!sl_ts_parse("+292278994-08-17 07:12:55.808", 29, &ms));
    cr_expect(!sl_ts_parse("-292275055-05-16 16:47:04.191", 29, &ms));
    cr_expect(!sl_ts_parse("+999-01-01", 10, &ms));
}

Test(ts_format, matches_gmtime)
{
    /* Every ~7.3 days over 1600..2400, plus odd milliseconds. */
    for (int64_t ms = -11676096000000LL; ms < 13569465600000LL; ms += 631152000LL + 7) {
        char b[32], want[64];
        time_t t = (time_t)(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
        int64_t frac = ms - (int64_t)t * 1000;
        struct tm tm;
        gmtime_r(&t, &tm);
        snprintf(want, sizeof want, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)frac);
        cr_assert_str_eq(fmt(ms, b), want, "ms=%lld", (long long)ms);
    }
}

Test(ts_parse, round_trip)
{
    for (int64_t ms = -62167219200000LL; ms < 253402300800000LL; ms += 8640000000LL + 12345) {
        char b[32];
        int64_t back;
        fmt(ms, b);
        cr_assert(parse(b, &back), "%s", b);
        cr_assert_eq(back, ms, "%s", b);
    }
}

Test(ts_parse, accepted_forms)
{
    struct {
        const char *s;
        int64_t ms;
    } ok[] = {
        {"1970-01-01", 0},
        {"1970-01-01 00:00:00", 0},
        {"1970-01-01T00:00:00", 0},
        {"1970-01-01T00:00:00Z", 0},
        {"1970-01-01 00:00:00Z", 0},
        {"1970-01-01 00:00:01.5", 1500},
        {"1970-01-01 00:00:01.05", 1050},
        {"1970-01-01 00:00:01.123", 1123},
        {"1970-01-01 00:00:01.1239", 1123},
        {"1970-01-01 00:00:01.123999999", 1123},
        {"1970-01-01T01:00:00+01:00", 0},
        {"1970-01-01T00:00:00-01:30", 5400000},
        {"1970-01-01T00:00:00.250+00:00", 250},
        {"2001-01-01 12:34:56.789", 978352496789},
        {"2000-02-29", 951782400000},
        {"2400-02-29", 13574563200000},
        {"1969-12-31 23:59:59.999", -1},
        {"1900-03-01", -2203891200000},
        {"0000-01-01", -62167219200000},
        {"1601-01-01T00:00:00Z", -11644473600000},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        int64_t ms = 42;
        cr_assert(parse(ok[i].s, &ms), "rejected %s", ok[i].s);
        cr_assert_eq(ms, ok[i].ms, "%s -> %lld", ok[i].s, (long long)ms);
    }
}

Test(ts_parse, rejected_forms)
{
    const char *bad[] = {
        "",
        "1970",
        "1970-01",
        "1970-1-01",
        "1970-01-1",
        "70-01-01",
        "1970/01/01",
        "1970-00-01",
        "1970-13-01",
        "1970-01-00",
        "1970-01-32",
        "1970-02-29",
        "1900-02-29",
        "2001-02-29",
        "2000-02-30",
        "2000-04-31",
        "1970-01-01 ",
        "1970-01-01T",
        "1970-01-01 00:00",
        "1970-01-01 24:00:00",
        "1970-01-01 23:60:00",
        "1970-01-01 23:59:60",
        "1970-01-01 0:00:00",
        "1970-01-01 00:00:00.",
        "1970-01-01 00:00:00.1234567890",
        "1970-01-01 00:00:00,5",
        "1970-01-01 00:00:00 ",
        "1970-01-01 00:00:00ZZ",
        "1970-01-01 00:00:00+01",
        "1970-01-01 00:00:00+0100",
        "1970-01-01 00:00:00+24:00",
        "1970-01-01 00:00:00+01:60",
        "1970-01-01 00:00:00+01:00x",
        "1970-01-01x00:00:00",
        "1970-01-01  00:00:00",
        "1970-01-01 00:00:00.abc",
        "+1970-01-01",
        "-197-01-01", /* "-1970-01-01" is the year -1970 (Java's expanded form) */
        "+10000",
        "+1234567890-01-01",
        "1970-01-01 00:00:0a",
        "197a-01-01",
        "1970-01-01Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t ms;
        cr_assert_not(parse(bad[i], &ms), "accepted '%s'", bad[i]);
    }
}

Test(ts_parse, every_prefix_is_safe)
{
    const char *s = "2001-07-01T12:34:56.123456789+05:30";
    for (size_t k = 0; k <= strlen(s); k++) {
        char *p = malloc(k ? k : 1);
        memcpy(p, s, k);
        int64_t ms;
        bool ok = sl_ts_parse(p, k, &ms);
        /* valid prefixes: the date, and the time with/without a fraction */
        bool expect = k == 10 || k == 19 || (k >= 21 && k <= 29) || k == strlen(s);
        cr_assert_eq(ok, expect, "prefix %zu", k);
        free(p);
    }
}

Test(civil, days_from_civil)
{
    cr_assert_eq(sl_days_from_civil(1970, 1, 1), 0);
    cr_assert_eq(sl_days_from_civil(1969, 12, 31), -1);
    cr_assert_eq(sl_days_from_civil(2000, 3, 1), 11017);
    cr_assert_eq(sl_days_from_civil(2000, 2, 29), 11016);
    cr_assert_eq(sl_days_from_civil(1, 1, 1), -719162);
    cr_assert_eq(sl_days_from_civil(-1, 12, 31), -719529);
    /* consecutive days across a century of month ends */
    int64_t prev = sl_days_from_civil(1899, 12, 31);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int y = 1900; y < 2101; y++) {
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for (int m = 1; m <= 12; m++) {
            int nd = mdays[m - 1] + (m == 2 && leap);
            for (int d = 1; d <= nd; d++) {
                int64_t cur = sl_days_from_civil(y, (unsigned)m, (unsigned)d);
                cr_assert_eq(cur, prev + 1, "%d-%d-%d", y, m, d);
                prev = cur;
            }
        }
    }
}

Test(window_math, floor_div_and_tumble)
{
    cr_assert_eq(sl_floor_div(7, 2), 3);
    cr_assert_eq(sl_floor_div(-7, 2), -4);
    cr_assert_eq(sl_floor_div(-8, 2), -4);
    cr_assert_eq(sl_floor_div(0, 5), 0);
    cr_assert_eq(sl_tumble_start(12345, 1000, 0), 12000);
    cr_assert_eq(sl_tumble_start(-1, 1000, 0), -1000);
    cr_assert_eq(sl_tumble_start(-1000, 1000, 0), -1000);
    cr_assert_eq(sl_tumble_start(-1001, 1000, 0), -2000);
    cr_assert_eq(sl_tumble_start(1500, 1000, 200), 1200);
    cr_assert_eq(sl_tumble_start(1100, 1000, 200), 200);
    cr_assert_eq(sl_tumble_start(3600000 * 25 + 5, 86400000, 0), 86400000);
}
