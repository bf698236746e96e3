/* sl_decode.h - typed decoding of one JSON field value, used by the
 * schema-specialised decoders that codegen emits per source.
 *
 * Each sl_dec_* reads the value at p (after the field's ':' and whitespace)
 * and returns the position after it, or NULL after sl_set_error(...) with a
 * message naming the field and what was expected. *isnull is set for JSON
 * null. Leniency follows Flink's JSON format: numbers may come quoted
 * ("42"), and a VARCHAR column takes the JSON text of a non-string value.
 * Timestamps: 'YYYY-MM-DD HH:MM:SS[.fff]', ISO-8601 with T/Z/offset, or a
 * number of epoch milliseconds. */
#ifndef SLUICE_SL_DECODE_H
#define SLUICE_SL_DECODE_H

#include "sl_sql.h"

/* ---- inline fast paths -------------------------------------------------------
 * The common shapes (short strings without escapes, plain integers, the
 * canonical timestamp layout) are decoded here so the C compiler inlines
 * them into the generated decoder; everything else falls back to the
 * runtime's complete implementations. */

/* p at '"': an ASCII string without escapes or control characters as a
 * view into the input; NULL when the slow path (which also validates UTF-8)
 * is needed. */
static inline const char *sl_fast_str(const char *p, const char *end, sl_str *out)
{
    const char *q = p + 1;
    while (q < end) {
        unsigned char c = (unsigned char)*q;
        if (c == '"') {
            *out = (sl_str){p + 1, (size_t)(q - p - 1)};
            return q + 1;
        }
        /* one compare for c < 0x20 and c >= 0x80 */
        if (c == '\\' || (unsigned char)(c - 0x20) >= 0x60) return NULL;
        q++;
    }
    return NULL;
}

/* An integer of at most 18 digits (cannot overflow int64) followed by a
 * delimiter; NULL when the slow path is needed. */
static inline const char *sl_fast_i64(const char *p, const char *end, int64_t *out)
{
    const char *q = p;
    bool neg = false;
    if (q < end && *q == '-') {
        neg = true;
        q++;
    }
    const char *d = q;
    uint64_t v = 0;
    while (q < end && (unsigned)(*q - '0') <= 9 && q - d < 18) v = v * 10 + (unsigned)(*q++ - '0');
    if (q == d || (q - d > 1 && *d == '0')) return NULL;
    if (q < end && ((unsigned)(*q - '0') <= 9 || *q == '.' || *q == 'e' || *q == 'E')) return NULL;
    *out = neg ? -(int64_t)v : (int64_t)v;
    return q;
}

static inline int sl_d2(const char *p)
{
    unsigned a = (unsigned)(p[0] - '0'), b = (unsigned)(p[1] - '0');
    return (a > 9 || b > 9) ? -1 : (int)(a * 10 + b);
}

/* 'YYYY-MM-DD HH:MM:SS' or with '.fff' (exactly 19 or 23 bytes, space or
 * 'T'), validated, as epoch milliseconds UTC; false for anything else
 * (then sl_ts_parse decides). */
static inline bool sl_fast_ts(const char *s, size_t n, int64_t *ms)
{
    if ((n != 19 && n != 23) || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') ||
        s[13] != ':' || s[16] != ':')
        return false;
    int y1 = sl_d2(s), y2 = sl_d2(s + 2), mo = sl_d2(s + 5), d = sl_d2(s + 8);
    int h = sl_d2(s + 11), mi = sl_d2(s + 14), se = sl_d2(s + 17), f = 0;
    if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
        se < 0 || se > 59)
        return false;
    if (n == 23) {
        int f1 = sl_d2(s + 20);
        unsigned f3 = (unsigned)(s[22] - '0');
        if (s[19] != '.' || f1 < 0 || f3 > 9) return false;
        f = f1 * 10 + (int)f3;
    }
    int y = y1 * 100 + y2;
    /* days in month only matters past the 28th (keeps the leap-year
     * divisions off the common path) */
    if (d > 28) {
        static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (d > mdays[mo - 1] + (mo == 2 && leap)) return false;
    }
    /* days from civil (proleptic Gregorian), inline */
    int yy = y - (mo <= 2);
    int era = (yy >= 0 ? yy : yy - 399) / 400;
    unsigned yoe = (unsigned)(yy - era * 400);
    unsigned doy = (unsigned)((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = (int64_t)era * 146097 + (int64_t)doe - 719468;
    *ms = ((days * 24 + h) * 60 + mi) * 60000 + (int64_t)se * 1000 + f;
    return true;
}

/* Skips a value the query does not read: plain numbers and simple strings
 * inline, the rest via sl_json_skip. */
static inline const char *sl_fast_skip(const char *p, const char *end)
{
    if (p < end && *p == '"') {
        sl_str s;
        const char *q = sl_fast_str(p, end, &s);
        if (q) return q;
    } else if (p < end && ((unsigned)(*p - '0') <= 9 || *p == '-')) {
        /* a JSON integer: -?(0|[1-9][0-9]*) followed by a delimiter */
        const char *d = p + (*p == '-'), *q = d;
        while (q < end && (unsigned)(*q - '0') <= 9) q++;
        bool ok = q > d && !(q - d > 1 && *d == '0');
        if (ok && q < end && (*q == ',' || *q == '}' || *q == ' ')) return q;
    }
    return sl_json_skip(p, end);
}

/* Prints at most 40 bytes of the offending value for the error message. */
static inline int sl_dec_snippet_len(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && q - p < 40 && *q != ',' && *q != '}') q++;
    return (int)(q - p);
}

static inline const char *sl_dec_fail(sl_ctx *ctx, const char *field, const char *what,
                                      const char *p, const char *end)
{
    if (p >= end)
        sl_set_error(ctx, "field '%s': expected %s, got end of record", field, what);
    else
        sl_set_error(ctx, "field '%s': expected %s, got %.*s", field, what,
                     sl_dec_snippet_len(p, end), p);
    return NULL;
}

/* Integer types: [lo, hi] is the column type's range. */
__attribute__((noinline, unused)) static const char *
sl_dec_int_full(sl_ctx *ctx, const char *p, const char *end, const char *field, const char *tname,
                int64_t lo, int64_t hi, int64_t *v, bool *isnull)
{
    const char *q;
    if (p < end && *p != 'n' && *p != '"') {
        bool ovf = false;
        q = sl_json_i64(p, end, v, &ovf);
        if (q && *v >= lo && *v <= hi) {
            *isnull = false;
            return q;
        }
        if (q || ovf) {
            sl_set_error(ctx, "field '%s': value %.*s is out of range for %s", field,
                         sl_dec_snippet_len(p, end), p, tname);
            return NULL;
        }
        return sl_dec_fail(ctx, field, tname, p, end);
    }
    if ((q = sl_json_null(p, end))) {
        *isnull = true;
        return q;
    }
    if (p < end && *p == '"') {
        sl_str s;
        q = sl_json_str(p, end, &s, sl_scratch(ctx));
        if (q && sl_str_to_i64(s, lo, hi, v)) {
            *isnull = false;
            return q;
        }
    }
    return sl_dec_fail(ctx, field, tname, p, end);
}

static inline const char *sl_dec_f64(sl_ctx *ctx, const char *p, const char *end, const char *field,
                                     double *v, bool *isnull)
{
    const char *q;
    if (p < end && *p != 'n' && *p != '"') {
        q = sl_json_f64(p, end, v);
        if (q) {
            *isnull = false;
            return q;
        }
        return sl_dec_fail(ctx, field, "DOUBLE", p, end);
    }
    if ((q = sl_json_null(p, end))) {
        *isnull = true;
        return q;
    }
    if (p < end && *p == '"') {
        sl_str s;
        q = sl_json_str(p, end, &s, sl_scratch(ctx));
        if (q && sl_str_to_f64(s, v)) {
            *isnull = false;
            return q;
        }
    }
    return sl_dec_fail(ctx, field, "DOUBLE", p, end);
}

static inline const char *sl_dec_bool(sl_ctx *ctx, const char *p, const char *end,
                                      const char *field, bool *v, bool *isnull)
{
    const char *q;
    if ((q = sl_json_bool(p, end, v))) {
        *isnull = false;
        return q;
    }
    if ((q = sl_json_null(p, end))) {
        *isnull = true;
        return q;
    }
    if (p < end && *p == '"') {
        sl_str s;
        q = sl_json_str(p, end, &s, sl_scratch(ctx));
        if (q && sl_str_to_bool(s, v)) {
            *isnull = false;
            return q;
        }
    }
    return sl_dec_fail(ctx, field, "BOOLEAN", p, end);
}

__attribute__((noinline, unused)) static const char *sl_dec_str_full(sl_ctx *ctx, const char *p,
                                                                     const char *end,
                                                                     const char *field, sl_str *v,
                                                                     bool *isnull)
{
    const char *q;
    if (p < end && *p == '"') {
        q = sl_json_str(p, end, v, sl_scratch(ctx));
        if (q) {
            *isnull = false;
            return q;
        }
        return sl_dec_fail(ctx, field, "a valid JSON string", p, end);
    }
    if ((q = sl_json_null(p, end))) {
        *isnull = true;
        return q;
    }
    /* a number, boolean, object or array: keep its JSON text */
    q = sl_json_skip(p, end);
    if (!q) return sl_dec_fail(ctx, field, "a JSON value", p, end);
    *v = (sl_str){p, (size_t)(q - p)};
    *isnull = false;
    return q;
}

/* One-entry cache of the last canonical timestamp text of a column and its
 * value: consecutive events very often carry the same timestamp (same
 * second or minute), and comparing 23 bytes is much cheaper than parsing
 * them. Owned by the generated program's state; zero-initialised = empty. */
typedef struct sl_ts_cache {
    char text[24];
    size_t n; /* 0: empty */
    int64_t ms;
} sl_ts_cache;

__attribute__((noinline, unused)) static const char *sl_dec_ts_full(sl_ctx *ctx, const char *p,
                                                                    const char *end,
                                                                    const char *field, int64_t *v,
                                                                    bool *isnull, sl_ts_cache *tc)
{
    const char *q;
    if (p < end && *p == '"') {
        sl_str s;
        /* the canonical 'YYYY-MM-DD HH:MM:SS[.fff]' is parsed in place: its
         * closing quote sits at a fixed offset and every other byte is
         * checked by sl_fast_ts, so no scan is needed */
        for (size_t n = 23; n >= 19; n -= 4) {
            if (end - p > (ptrdiff_t)n + 1 && p[n + 1] == '"' && sl_fast_ts(p + 1, n, v)) {
                if (tc) {
                    memcpy(tc->text, p + 1, n);
                    tc->n = n;
                    tc->ms = *v;
                }
                *isnull = false;
                return p + n + 2;
            }
        }
        if ((q = sl_fast_str(p, end, &s)) && sl_fast_ts(s.p, s.n, v)) {
            *isnull = false;
            return q;
        }
        q = sl_json_str(p, end, &s, sl_scratch(ctx));
        if (q && sl_ts_parse(s.p, s.n, v)) {
            *isnull = false;
            return q;
        }
        return sl_dec_fail(ctx, field, "a TIMESTAMP ('YYYY-MM-DD HH:MM:SS[.fff]')", p, end);
    }
    if ((q = sl_json_null(p, end))) {
        *isnull = true;
        return q;
    }
    /* epoch milliseconds: any int64 (window arithmetic is defined for all
     * of them, see sl_tumble_start) */
    bool ovf = false;
    q = sl_json_i64(p, end, v, &ovf);
    if (q) {
        *isnull = false;
        return q;
    }
    return sl_dec_fail(ctx, field, "a TIMESTAMP (string or epoch milliseconds)", p, end);
}

/* Inline fronts of the decoders above: the common shapes (a plain integer,
 * a string without escapes, a cached timestamp) are decoded right in the
 * generated decoder; anything else calls the out-of-line version, which
 * handles every other form and reports errors. */
#define SL_HOT __attribute__((always_inline)) static inline

SL_HOT const char *sl_dec_int(sl_ctx *ctx, const char *p, const char *end, const char *field,
                              const char *tname, int64_t lo, int64_t hi, int64_t *v, bool *isnull)
{
    const char *q = sl_fast_i64(p, end, v);
    if (q && *v >= lo && *v <= hi) {
        *isnull = false;
        return q;
    }
    return sl_dec_int_full(ctx, p, end, field, tname, lo, hi, v, isnull);
}

SL_HOT const char *sl_dec_str(sl_ctx *ctx, const char *p, const char *end, const char *field,
                              sl_str *v, bool *isnull)
{
    if (p < end && *p == '"') {
        const char *q = sl_fast_str(p, end, v);
        if (q) {
            *isnull = false;
            return q;
        }
    }
    return sl_dec_str_full(ctx, p, end, field, v, isnull);
}

SL_HOT const char *sl_dec_ts(sl_ctx *ctx, const char *p, const char *end, const char *field,
                             int64_t *v, bool *isnull, sl_ts_cache *tc)
{
    if (tc && tc->n && end - p > (ptrdiff_t)tc->n + 1 && *p == '"' && p[tc->n + 1] == '"' &&
        sl_bytes_eq(p + 1, tc->text, tc->n)) {
        *v = tc->ms;
        *isnull = false;
        return p + tc->n + 2;
    }
    return sl_dec_ts_full(ctx, p, end, field, v, isnull, tc);
}

#endif
