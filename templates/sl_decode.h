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
static inline const char *sl_dec_int(sl_ctx *ctx, const char *p, const char *end,
                                     const char *field, const char *tname, int64_t lo, int64_t hi,
                                     int64_t *v, bool *isnull)
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

static inline const char *sl_dec_f64(sl_ctx *ctx, const char *p, const char *end,
                                     const char *field, double *v, bool *isnull)
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

static inline const char *sl_dec_str(sl_ctx *ctx, const char *p, const char *end,
                                     const char *field, sl_str *v, bool *isnull)
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

static inline const char *sl_dec_ts(sl_ctx *ctx, const char *p, const char *end,
                                    const char *field, int64_t *v, bool *isnull)
{
    const char *q;
    if (p < end && *p == '"') {
        sl_str s;
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
    bool ovf = false;
    q = sl_json_i64(p, end, v, &ovf);
    if (q) {
        *isnull = false;
        return q;
    }
    return sl_dec_fail(ctx, field, "a TIMESTAMP (string or epoch milliseconds)", p, end);
}

#endif
