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
        /* A fraction or exponent (3.0, 1e2, 3.5) for an INT or BIGINT:
         * truncated when within the range, as Flink's JSON format reads it
         * (Jackson's canConvertToInt/Long, then asInt/asLong); TINYINT and
         * SMALLINT take only integers there. */
        double d;
        if (lo < INT16_MIN && (q = sl_json_f64(p, end, &d)) && d >= (double)lo && d <= (double)hi) {
            *v = d >= 9223372036854775808.0 ? INT64_MAX : (int64_t)d;
            *isnull = false;
            return q;
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

/* ---- the JSON object loop of specialised decoders ------------------------------
 * (docs/architecture.md, "Templates"). One source's decoder is
 *
 *   SL_JSON_OBJECT_DECODER(fn, row_t, cache_t)
 *
 * which defines
 *
 *   static int fn_decode(sl_ctx *ctx, const char *p, const char *end,
 *                        row_t *r, cache_t *cache)
 *
 * decoding the JSON object at [p, end) into *r: SL_OK, or SL_MALFORMED
 * after sl_set_error. Codegen writes the parts that depend on the columns,
 * each small and inlined into the loop:
 *
 *   void fn_nulls(row_t *r)          every decoded column NULL (missing fields)
 *   const char *fn_in_order(sl_ctx *ctx, const char *p, const char *end,
 *                           row_t *r, cache_t *cache)
 *        the fast path: fields in declared order without whitespace, the
 *        layout most producers write, each `,"name":` token compared in
 *        place. Returns p itself when the first key differs, else the
 *        position just after the last value it decoded (the general loop
 *        goes on from there, so a later duplicate still wins), NULL after
 *        an error.
 *   int fn_key(const char *p, const char *end, const char **after)
 *        the column whose key is at p (its opening quote), compared in
 *        place; *after is past its closing quote. -1 when no column's raw
 *        bytes match (an escaped or undeclared key).
 *   int fn_key_text(sl_str k)        the column of a decoded key, -2 if none
 *   const char *fn_value(sl_ctx *ctx, int col, const char *p, const char *end,
 *                        row_t *r, cache_t *cache)
 *        decodes the value at p into column col, or validates and skips it
 *        (a column the program does not read, or col < 0); the position
 *        after it, NULL after an error.
 *   int fn_check(sl_ctx *ctx, const row_t *r)
 *        NOT NULL and event-time columns present: SL_OK or SL_MALFORMED.
 *
 * The last duplicate of a field wins; unknown fields are skipped. */
#define SL_JSON_OBJECT_DECODER(fn, row_t, cache_t)                                                 \
    static int fn##_decode(sl_ctx *ctx, const char *p, const char *end, row_t *r, cache_t *cache)  \
    {                                                                                              \
        fn##_nulls(r);                                                                             \
        const char *q = fn##_in_order(ctx, p, end, r, cache);                                      \
        if (!q) return SL_MALFORMED;                                                               \
        if (q != p) {                                                                              \
            p = q;                                                                                 \
            goto after_value;                                                                      \
        }                                                                                          \
        p = sl_json_ws(p, end);                                                                    \
        if (p == end || *p != '{') {                                                               \
            sl_set_error(ctx, "not a JSON object");                                                \
            return SL_MALFORMED;                                                                   \
        }                                                                                          \
        p = sl_json_ws(p + 1, end);                                                                \
        if (p < end && *p == '}') {                                                                \
            p++;                                                                                   \
            goto done;                                                                             \
        }                                                                                          \
        for (;;) {                                                                                 \
            if (p == end || *p != '"') {                                                           \
                sl_set_error(ctx, "expected a field name");                                        \
                return SL_MALFORMED;                                                               \
            }                                                                                      \
            const char *after;                                                                     \
            int col = fn##_key(p, end, &after);                                                    \
            if (col >= 0) {                                                                        \
                p = after;                                                                         \
            } else {                                                                               \
                sl_str k;                                                                          \
                if (!(p = sl_json_str(p, end, &k, sl_scratch(ctx)))) {                             \
                    sl_set_error(ctx, "invalid field name");                                       \
                    return SL_MALFORMED;                                                           \
                }                                                                                  \
                col = fn##_key_text(k);                                                            \
            }                                                                                      \
            p = sl_json_ws(p, end);                                                                \
            if (p == end || *p != ':') {                                                           \
                sl_set_error(ctx, "expected ':' after field name");                                \
                return SL_MALFORMED;                                                               \
            }                                                                                      \
            p = sl_json_ws(p + 1, end);                                                            \
            if (!(p = fn##_value(ctx, col, p, end, r, cache))) return SL_MALFORMED;                \
        after_value:                                                                               \
            p = sl_json_ws(p, end);                                                                \
            if (p < end && *p == ',') {                                                            \
                p = sl_json_ws(p + 1, end);                                                        \
                continue;                                                                          \
            }                                                                                      \
            if (p < end && *p == '}') {                                                            \
                p++;                                                                               \
                break;                                                                             \
            }                                                                                      \
            sl_set_error(ctx, "expected ',' or '}' in JSON object");                               \
            return SL_MALFORMED;                                                                   \
        }                                                                                          \
    done:                                                                                          \
        if (sl_json_ws(p, end) != end) {                                                           \
            sl_set_error(ctx, "unexpected data after the JSON object");                            \
            return SL_MALFORMED;                                                                   \
        }                                                                                          \
        return fn##_check(ctx, r);                                                                 \
    }

/* ---- the JSON object loop of wide tables --------------------------------------
 * Codegen specialises the object loop of a source to its columns (inline
 * key compares and value decoders per column). For a wide table that code
 * grows with the number of columns and C compilers take superlinear time
 * over it, so above a column count (codegen's CG_WIDE_COLUMNS) a source is
 * instead described by a table of sl_coldesc, one line per column, and
 * decoded by sl_decode_object: the same semantics (fields in declared order
 * matched in place, then a general loop; the last duplicate wins; missing
 * fields are NULL; NOT NULL and event-time columns checked at the end),
 * in code whose size does not depend on the table. */

enum sl_coltype {
    SL_COL_SKIP, /* not read by the program: validated and skipped */
    SL_COL_INT,  /* int32_t (TINYINT..INT) or int64_t (BIGINT) field */
    SL_COL_F64,
    SL_COL_BOOL,
    SL_COL_STR,
    SL_COL_TS,
};

enum {
    SL_COL_NOT_NULL = 1,   /* a NULL or missing value makes the record malformed */
    SL_COL_EVENT_TIME = 2, /* the same, reported as the event-time column */
    SL_COL_PLAIN_KEY = 4,  /* the key needs no JSON escaping: matchable in place */
};

/* One declared column of a wide source. */
typedef struct sl_coldesc {
    const char *key;   /* exact bytes of the column name (JSON key, unescaped) */
    uint32_t key_len;  /* bytes */
    uint8_t type;      /* enum sl_coltype */
    uint8_t width;     /* SL_COL_INT: 4 (int32_t field) or 8 (int64_t) */
    uint8_t flags;     /* SL_COL_* flags */
    const char *tname; /* SQL type name for messages */
    const char *name;  /* column name for messages (the compiler's text form) */
    int64_t lo, hi;    /* SL_COL_INT: the type's range */
    uint32_t val_off;  /* offsetof the value in the row struct */
    uint32_t null_off; /* offsetof its NULL flag */
    int32_t cache;     /* SL_COL_TS: its sl_ts_cache in the caller's array, else -1 */
} sl_coldesc;

/* The columns of a wide source. by_key lists column indices sorted by
 * (key length, key bytes), for the binary search of out-of-order keys. */
typedef struct sl_objdesc {
    const sl_coldesc *cols;
    uint32_t n_cols;
    const uint32_t *by_key;
} sl_objdesc;

/* Decodes the value at p into column c of row, advancing past it. */
__attribute__((unused)) static const char *sl_dec_col(sl_ctx *ctx, const sl_coldesc *c,
                                                      const char *p, const char *end, char *row,
                                                      sl_ts_cache *caches)
{
    bool *isnull = (bool *)(row + c->null_off);
    void *v = row + c->val_off;
    switch (c->type) {
    case SL_COL_INT: {
        int64_t x;
        const char *q = sl_dec_int(ctx, p, end, c->name, c->tname, c->lo, c->hi, &x, isnull);
        if (q && c->width == 4) {
            int32_t y = (int32_t)x;
            memcpy(v, &y, sizeof y);
        } else if (q) {
            memcpy(v, &x, sizeof x);
        }
        return q;
    }
    case SL_COL_F64:
        return sl_dec_f64(ctx, p, end, c->name, (double *)v, isnull);
    case SL_COL_BOOL:
        return sl_dec_bool(ctx, p, end, c->name, (bool *)v, isnull);
    case SL_COL_STR:
        return sl_dec_str(ctx, p, end, c->name, (sl_str *)v, isnull);
    case SL_COL_TS:
        return sl_dec_ts(ctx, p, end, c->name, (int64_t *)v, isnull,
                         c->cache >= 0 ? &caches[c->cache] : NULL);
    default: {
        const char *q = sl_fast_skip(p, end);
        if (!q) sl_set_error(ctx, "invalid JSON value");
        return q;
    }
    }
}

/* The column whose key is the n bytes at k, or -1 (binary search). */
__attribute__((unused)) static int sl_objdesc_find(const sl_objdesc *od, const char *k, size_t n)
{
    uint32_t lo = 0, hi = od->n_cols;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const sl_coldesc *c = &od->cols[od->by_key[mid]];
        int cmp = c->key_len != n ? (c->key_len < n ? -1 : 1) : memcmp(c->key, k, n);
        if (cmp < 0)
            lo = mid + 1;
        else if (cmp > 0)
            hi = mid;
        else
            return (int)od->by_key[mid];
    }
    return -1;
}

/* Decodes one JSON object [p, end) into row (a struct with the columns'
 * fields at the table's offsets, zeroed here). Returns SL_OK, or
 * SL_MALFORMED after sl_set_error. */
__attribute__((noinline, unused)) static int sl_decode_object(sl_ctx *ctx, const sl_objdesc *od,
                                                              const char *p, const char *end,
                                                              void *row_, size_t row_size,
                                                              sl_ts_cache *caches)
{
    char *row = (char *)row_;
    memset(row, 0, row_size);
    for (uint32_t i = 0; i < od->n_cols; i++)
        if (od->cols[i].type != SL_COL_SKIP) row[od->cols[i].null_off] = 1;
    uint32_t next = 0; /* fast path: the column expected next, in declared order */
    p = sl_json_ws(p, end);
    if (p == end || *p != '{') {
        sl_set_error(ctx, "not a JSON object");
        return SL_MALFORMED;
    }
    p = sl_json_ws(p + 1, end);
    if (p < end && *p == '}') {
        p++;
        goto done;
    }
    for (;;) {
        if (p == end || *p != '"') {
            sl_set_error(ctx, "expected a field name");
            return SL_MALFORMED;
        }
        int col = -1;
        const sl_coldesc *c = next < od->n_cols ? &od->cols[next] : NULL;
        if (c && (c->flags & SL_COL_PLAIN_KEY) && (size_t)(end - p) > c->key_len + 1 &&
            p[c->key_len + 1] == '"' && sl_bytes_eq(p + 1, c->key, c->key_len)) {
            col = (int)next;
            p += c->key_len + 2;
        } else {
            sl_str k;
            if (!(p = sl_json_str(p, end, &k, sl_scratch(ctx)))) {
                sl_set_error(ctx, "invalid field name");
                return SL_MALFORMED;
            }
            col = sl_objdesc_find(od, k.p, k.n);
        }
        p = sl_json_ws(p, end);
        if (p == end || *p != ':') {
            sl_set_error(ctx, "expected ':' after field name");
            return SL_MALFORMED;
        }
        p = sl_json_ws(p + 1, end);
        if (col >= 0) {
            if (!(p = sl_dec_col(ctx, &od->cols[col], p, end, row, caches))) return SL_MALFORMED;
            next = (uint32_t)col + 1;
        } else if (!(p = sl_fast_skip(p, end))) {
            sl_set_error(ctx, "invalid JSON value");
            return SL_MALFORMED;
        }
        p = sl_json_ws(p, end);
        if (p < end && *p == ',') {
            p = sl_json_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == '}') {
            p++;
            break;
        }
        sl_set_error(ctx, "expected ',' or '}' in JSON object");
        return SL_MALFORMED;
    }
done:
    if (sl_json_ws(p, end) != end) {
        sl_set_error(ctx, "unexpected data after the JSON object");
        return SL_MALFORMED;
    }
    for (uint32_t i = 0; i < od->n_cols; i++) {
        const sl_coldesc *c = &od->cols[i];
        if (!(c->flags & (SL_COL_NOT_NULL | SL_COL_EVENT_TIME)) || !row[c->null_off]) continue;
        sl_set_error(ctx, "%s column '%s' is NULL or missing",
                     c->flags & SL_COL_EVENT_TIME ? "event-time" : "NOT NULL", c->name);
        return SL_MALFORMED;
    }
    return SL_OK;
}

/* ---- changelog envelopes ------------------------------------------------------ */

/* Walks the members of a JSON object at [p, end): for each member whose
 * key is one of names[0..n), stores the span of its value in spans[i]
 * (p NULL when the value is JSON null); other members are skipped. When
 * seen is not NULL, bit i of *seen tells that names[i] was present (null
 * or not). Returns false (after sl_set_error) when the text is not one
 * JSON object. Keys may be escaped (they are decoded into scratch). */
__attribute__((noinline, unused)) static bool sl_json_members(sl_ctx *ctx, const char *p,
                                                              const char *end,
                                                              const char *const *names, int n,
                                                              sl_str *spans, unsigned *seen)
{
    for (int i = 0; i < n; i++) spans[i] = (sl_str){NULL, 0};
    if (seen) *seen = 0;
    p = sl_json_ws(p, end);
    if (p == end || *p != '{') {
        sl_set_error(ctx, "not a JSON object");
        return false;
    }
    p = sl_json_ws(p + 1, end);
    if (p < end && *p == '}') {
        if (sl_json_ws(p + 1, end) == end) return true;
        sl_set_error(ctx, "unexpected data after the JSON object");
        return false;
    }
    for (;;) {
        sl_str k;
        if (p == end || *p != '"' || !(p = sl_json_str(p, end, &k, sl_scratch(ctx)))) {
            sl_set_error(ctx, "invalid field name");
            return false;
        }
        p = sl_json_ws(p, end);
        if (p == end || *p != ':') {
            sl_set_error(ctx, "expected ':' after field name");
            return false;
        }
        p = sl_json_ws(p + 1, end);
        const char *v = p;
        if (!(p = sl_json_skip(p, end))) {
            sl_set_error(ctx, "invalid JSON value");
            return false;
        }
        for (int i = 0; i < n; i++)
            if (k.n == strlen(names[i]) && memcmp(k.p, names[i], k.n) == 0) {
                spans[i] =
                    sl_json_null(v, p) == p ? (sl_str){NULL, 0} : (sl_str){v, (size_t)(p - v)};
                if (seen) *seen |= 1u << i;
            }
        p = sl_json_ws(p, end);
        if (p < end && *p == ',') {
            p = sl_json_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == '}') break;
        sl_set_error(ctx, "expected ',' or '}' in JSON object");
        return false;
    }
    if (sl_json_ws(p + 1, end) != end) {
        sl_set_error(ctx, "unexpected data after the JSON object");
        return false;
    }
    return true;
}

/* A debezium-json change (Flink's debezium-json format): {"before": row
 * or null, "after": row or null, "op": "c" | "r" | "u" | "d", ...}; a
 * "payload" envelope (debezium-json.schema-include) is looked through.
 * Fills the spans of the rows (p NULL when null or absent) and the op
 * letter. False (after sl_set_error) when the record is not a change. */
__attribute__((unused)) static bool sl_debezium_split(sl_ctx *ctx, const char *p, const char *end,
                                                      sl_str *before, sl_str *after, char *op)
{
    static const char *const names[] = {"before", "after", "op", "payload"};
    sl_str sp[4];
    if (!sl_json_members(ctx, p, end, names, 4, sp, NULL)) return false;
    if (!sp[2].p && sp[3].p) {
        if (!sl_json_members(ctx, sp[3].p, sp[3].p + sp[3].n, names, 3, sp, NULL)) return false;
    }
    sl_str o;
    if (!sp[2].p || *sp[2].p != '"' ||
        !sl_json_str(sp[2].p, sp[2].p + sp[2].n, &o, sl_scratch(ctx)) || o.n != 1 ||
        (o.p[0] != 'c' && o.p[0] != 'r' && o.p[0] != 'u' && o.p[0] != 'd')) {
        sl_set_error(ctx, "debezium-json change without an \"op\" of \"c\", \"r\", \"u\" or \"d\"");
        return false;
    }
    *op = o.p[0];
    *before = sp[0];
    *after = sp[1];
    if ((*op == 'c' || *op == 'r' || *op == 'u') && !after->p) {
        sl_set_error(ctx, "debezium-json change \"%c\" without \"after\"", *op);
        return false;
    }
    if (*op == 'd' && !before->p) {
        sl_set_error(ctx, "debezium-json delete without \"before\"");
        return false;
    }
    return true;
}

/* An upsert record read from a file: {"key": K, "value": V or null}; a
 * record without a "value" member is malformed, not a tombstone (a
 * truncated line must not delete its key). */
__attribute__((unused)) static bool sl_kv_split(sl_ctx *ctx, const char *p, const char *end,
                                                sl_str *key, sl_str *value)
{
    static const char *const names[] = {"key", "value"};
    sl_str sp[2];
    unsigned seen;
    if (!sl_json_members(ctx, p, end, names, 2, sp, &seen)) return false;
    if (!sp[0].p) {
        sl_set_error(ctx, "upsert record without a \"key\" object");
        return false;
    }
    if (!(seen & 2u)) {
        sl_set_error(ctx, "upsert record without a \"value\" (a delete is \"value\": null)");
        return false;
    }
    *key = sp[0];
    *value = sp[1];
    return true;
}

#endif
