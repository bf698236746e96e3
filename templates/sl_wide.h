/* sl_wide.h - table-driven row code for queries with many columns.
 *
 * Codegen writes straight-line C per output column and per aggregate: the
 * fastest code for a few columns, but C compilers take superlinear time
 * over it, so a query with thousands of columns would take minutes to
 * build. Past a column count (codegen's CG_WIDE_COLUMNS) the columns that
 * are plain data moves (an output that is a source column or an aggregate,
 * an aggregate over a source column) are instead described by one table
 * row each and run by the loops below; everything else keeps its
 * specialised code. The semantics are those of the specialised code: SQL
 * NULLs are skipped by aggregates, SUM of integers wraps like Java's long
 * arithmetic, MIN/MAX keep the first extreme. */
#ifndef SLUICE_SL_WIDE_H
#define SLUICE_SL_WIDE_H

#include "sl_sql.h"

/* Storage of a value in a row or a group entry. */
enum sl_store {
    SL_ST_I32,  /* int32_t (TINYINT..INT) */
    SL_ST_I64,  /* int64_t (BIGINT, TIMESTAMP as epoch ms, counts and integer sums) */
    SL_ST_F64,  /* double */
    SL_ST_BOOL, /* bool */
    SL_ST_STR,  /* sl_str */
};

/* How a field's NULL is known. */
enum sl_null_rule {
    SL_NULL_NEVER, /* NOT NULL */
    SL_NULL_FLAG,  /* a bool that is true for NULL (source columns) */
    SL_NULL_UNSET, /* a bool that is false for NULL (MIN/MAX "has a value") */
    SL_NULL_ZERO,  /* an int64_t count that is 0 for NULL (SUM: no non-NULL value) */
};

/* One "key":value member of an output row read from memory at base. */
typedef struct sl_fielddesc {
    const char *key;   /* the member's JSON text up to the value (`,"name":`) */
    uint32_t key_len;  /* bytes */
    uint8_t store;     /* enum sl_store of the value */
    uint8_t null_rule; /* enum sl_null_rule */
    bool ts;           /* the value (SL_ST_I64) is a TIMESTAMP */
    bool cast32;       /* the value (SL_ST_I64, a sum) is written as INT: truncated to
                        * int32_t, as SUM of an INT column is typed INT (Flink) */
    uint32_t val_off;  /* offset of the value from base */
    uint32_t null_off; /* offset of the NULL flag or count (not for SL_NULL_NEVER) */
} sl_fielddesc;

static inline bool sl_field_null(const sl_fielddesc *f, const char *base)
{
    switch (f->null_rule) {
    case SL_NULL_FLAG:
        return *(const bool *)(base + f->null_off);
    case SL_NULL_UNSET:
        return !*(const bool *)(base + f->null_off);
    case SL_NULL_ZERO: {
        int64_t c;
        memcpy(&c, base + f->null_off, sizeof c);
        return c == 0;
    }
    default:
        return false;
    }
}

/* Appends the n members described by f, reading base. */
__attribute__((noinline, unused)) static void sl_put_fields(sl_buf *b, const sl_fielddesc *f,
                                                            size_t n, const void *base_)
{
    const char *base = (const char *)base_;
    for (size_t i = 0; i < n; i++, f++) {
        const char *v = base + f->val_off;
        bool isnull = sl_field_null(f, base);
        switch (f->store) {
        case SL_ST_I32: {
            int32_t x;
            memcpy(&x, v, sizeof x);
            sl_buf_field_i64(b, f->key, f->key_len, x, isnull);
            break;
        }
        case SL_ST_I64: {
            int64_t x;
            memcpy(&x, v, sizeof x);
            if (f->ts)
                sl_buf_field_ts(b, f->key, f->key_len, x, isnull);
            else
                sl_buf_field_i64(b, f->key, f->key_len, f->cast32 ? (int32_t)x : x, isnull);
            break;
        }
        case SL_ST_F64: {
            double x;
            memcpy(&x, v, sizeof x);
            sl_buf_field_f64(b, f->key, f->key_len, x, isnull);
            break;
        }
        case SL_ST_BOOL:
            sl_buf_field_bool(b, f->key, f->key_len, *(const bool *)v, isnull);
            break;
        default: {
            sl_str x;
            memcpy(&x, v, sizeof x);
            sl_buf_field_str(b, f->key, f->key_len, x, isnull);
            break;
        }
        }
    }
}

/* Aggregates over a source column (or COUNT(*)), updated by
 * sl_agg_update. */
enum sl_agg_op {
    SL_AGG_COUNT_STAR, /* int64_t slot += 1 */
    SL_AGG_COUNT,      /* int64_t slot += 1 when the value is not NULL */
    SL_AGG_SUM,        /* slot (int64_t, or double for SL_ST_F64) += value */
    SL_AGG_MIN,        /* slot = min(slot, value), set flag */
    SL_AGG_MAX,
};

typedef struct sl_aggdesc {
    uint8_t op;        /* enum sl_agg_op */
    uint8_t store;     /* enum sl_store of the source value (not SL_ST_STR) */
    bool nullable;     /* the value has a NULL flag at null_off */
    uint32_t val_off;  /* in the source row */
    uint32_t null_off; /* in the source row */
    uint32_t slot_off; /* in the group entry */
    uint32_t set_off;  /* MIN/MAX: the entry's "has a value" flag */
} sl_aggdesc;

/* Reads a numeric value of the given storage as int64_t / double. */
static inline int64_t sl_wide_i64(const char *v, uint8_t store)
{
    if (store == SL_ST_I32) {
        int32_t x;
        memcpy(&x, v, sizeof x);
        return x;
    }
    if (store == SL_ST_BOOL) return *(const bool *)v;
    int64_t x;
    memcpy(&x, v, sizeof x);
    return x;
}

/* Updates the entry's slots for one source row. */
__attribute__((noinline, unused)) static void sl_agg_update(const sl_aggdesc *a, size_t n,
                                                            void *entry_, const void *row_)
{
    char *entry = (char *)entry_;
    const char *row = (const char *)row_;
    for (size_t i = 0; i < n; i++, a++) {
        char *slot = entry + a->slot_off;
        int64_t c;
        if (a->op == SL_AGG_COUNT_STAR) {
            memcpy(&c, slot, sizeof c);
            c++;
            memcpy(slot, &c, sizeof c);
            continue;
        }
        if (a->nullable && *(const bool *)(row + a->null_off)) continue;
        const char *v = row + a->val_off;
        bool *set = (bool *)(entry + a->set_off);
        if (a->op == SL_AGG_COUNT) {
            memcpy(&c, slot, sizeof c);
            c++;
            memcpy(slot, &c, sizeof c);
        } else if (a->store == SL_ST_F64) {
            double x, s;
            memcpy(&x, v, sizeof x);
            memcpy(&s, slot, sizeof s);
            if (a->op == SL_AGG_SUM)
                s += x;
            else if (!*set || (a->op == SL_AGG_MIN ? x < s : x > s))
                s = x, *set = true;
            memcpy(slot, &s, sizeof s);
        } else if (a->op == SL_AGG_SUM) {
            int64_t s;
            memcpy(&s, slot, sizeof s);
            s = sl_add64(s, sl_wide_i64(v, a->store));
            memcpy(slot, &s, sizeof s);
        } else {
            /* MIN/MAX keep the column's storage in the slot */
            int64_t x = sl_wide_i64(v, a->store), s = sl_wide_i64(slot, a->store);
            if (*set && !(a->op == SL_AGG_MIN ? x < s : x > s)) continue;
            *set = true;
            if (a->store == SL_ST_I32) {
                int32_t y = (int32_t)x;
                memcpy(slot, &y, sizeof y);
            } else if (a->store == SL_ST_BOOL) {
                *(bool *)slot = x != 0;
            } else {
                memcpy(slot, &x, sizeof x);
            }
        }
    }
}

#endif
