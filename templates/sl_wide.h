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

/* ---- save, load, output and compare of wide aggregations ---------------------- *
 * With the sl_aggdesc table of an aggregation whose every slot it
 * describes, these replace code per slot (docs/architecture.md, "Scaling
 * of the compiler"). */

/* Reads a double stored at v. */
static inline double sl_wide_f64(const char *v)
{
    double x;
    memcpy(&x, v, sizeof x);
    return x;
}

/* Stores an integer at v with the given storage (I32, I64 or BOOL). */
static inline void sl_wide_put_i64(char *v, uint8_t store, int64_t x)
{
    if (store == SL_ST_I32) {
        int32_t y = (int32_t)x;
        memcpy(v, &y, sizeof y);
    } else if (store == SL_ST_BOOL) {
        *(bool *)v = x != 0;
    } else {
        memcpy(v, &x, sizeof x);
    }
}

/* Appends the slots of accumulator acc (sl_save_* encoding): counts and
 * integer sums as i64, double sums as f64, MIN/MAX as their "set" flag and
 * value. */
__attribute__((noinline, unused)) static void sl_agg_save(const sl_aggdesc *a, size_t n,
                                                          const void *acc_, sl_buf *b)
{
    const char *acc = (const char *)acc_;
    for (size_t i = 0; i < n; i++, a++) {
        const char *slot = acc + a->slot_off;
        if (a->op == SL_AGG_MIN || a->op == SL_AGG_MAX)
            sl_save_u64(b, *(const bool *)(acc + a->set_off));
        bool f64 = a->store == SL_ST_F64 && a->op != SL_AGG_COUNT && a->op != SL_AGG_COUNT_STAR;
        if (f64)
            sl_save_f64(b, sl_wide_f64(slot));
        else if (a->op == SL_AGG_MIN || a->op == SL_AGG_MAX)
            sl_save_i64(b, sl_wide_i64(slot, a->store));
        else
            sl_save_i64(b, sl_wide_i64(slot, SL_ST_I64));
    }
}

/* Reads what sl_agg_save wrote into acc; false on a corrupt input. */
__attribute__((noinline, unused)) static bool sl_agg_load(const sl_aggdesc *a, size_t n, void *acc_,
                                                          sl_rbuf *r)
{
    char *acc = (char *)acc_;
    for (size_t i = 0; i < n; i++, a++) {
        char *slot = acc + a->slot_off;
        if (a->op == SL_AGG_MIN || a->op == SL_AGG_MAX)
            *(bool *)(acc + a->set_off) = sl_load_u64(r) != 0;
        bool f64 = a->store == SL_ST_F64 && a->op != SL_AGG_COUNT && a->op != SL_AGG_COUNT_STAR;
        if (f64) {
            double x = sl_load_f64(r);
            memcpy(slot, &x, sizeof x);
        } else if (a->op == SL_AGG_MIN || a->op == SL_AGG_MAX) {
            sl_wide_put_i64(slot, a->store, sl_load_i64(r));
        } else {
            sl_wide_put_i64(slot, SL_ST_I64, sl_load_i64(r));
        }
    }
    return !r->err;
}

/* How an output column of an aggregation is made from its slots. */
enum sl_out_op {
    SL_OUT_COUNT,   /* the int64_t count slot; never NULL */
    SL_OUT_SUM,     /* the sum slot (int64_t or double); NULL when the count slot is 0 */
    SL_OUT_AVG,     /* sum / count (Flink: integer AVG truncates); NULL when count is 0 */
    SL_OUT_EXTREME, /* MIN/MAX: the slot; NULL when its "set" flag is false */
};

typedef struct sl_outdesc {
    uint8_t op;         /* enum sl_out_op */
    uint8_t slot_store; /* storage of the value slot */
    uint8_t out_store;  /* storage of the output column */
    bool nullable;      /* the output column has a NULL flag at null_off */
    uint32_t slot_off;  /* the value slot in the accumulator */
    uint32_t aux_off;   /* SUM/AVG: the count slot; MIN/MAX: the "set" flag */
    uint32_t out_off;   /* the column in the output row */
    uint32_t null_off;  /* its NULL flag */
} sl_outdesc;

/* Sets the output columns described by d from accumulator acc (a NULL
 * column's value is 0). */
__attribute__((noinline, unused)) static void sl_agg_out(const sl_outdesc *d, size_t n,
                                                         const void *acc_, void *row_)
{
    const char *acc = (const char *)acc_;
    char *row = (char *)row_;
    for (size_t i = 0; i < n; i++, d++) {
        const char *slot = acc + d->slot_off;
        char *out = row + d->out_off;
        bool isnull = false;
        bool f64 = d->slot_store == SL_ST_F64;
        int64_t iv = 0;
        double dv = 0;
        switch (d->op) {
        case SL_OUT_COUNT:
            iv = sl_wide_i64(slot, SL_ST_I64);
            break;
        case SL_OUT_SUM:
            isnull = sl_wide_i64(acc + d->aux_off, SL_ST_I64) == 0;
            if (f64)
                dv = sl_wide_f64(slot);
            else
                iv = sl_wide_i64(slot, SL_ST_I64);
            break;
        case SL_OUT_AVG: {
            int64_t c = sl_wide_i64(acc + d->aux_off, SL_ST_I64);
            isnull = c == 0;
            if (isnull) break;
            if (d->out_store == SL_ST_F64)
                dv = (f64 ? sl_wide_f64(slot) : (double)sl_wide_i64(slot, SL_ST_I64)) / (double)c;
            else
                iv = sl_wide_i64(slot, SL_ST_I64) / c;
            break;
        }
        default: /* SL_OUT_EXTREME */
            isnull = !*(const bool *)(acc + d->aux_off);
            if (f64)
                dv = sl_wide_f64(slot);
            else
                iv = sl_wide_i64(slot, d->slot_store);
            break;
        }
        if (isnull) iv = 0, dv = 0;
        if (d->out_store == SL_ST_F64) {
            if (!f64 || d->op == SL_OUT_COUNT) dv = d->op == SL_OUT_AVG ? dv : (double)iv;
            memcpy(out, &dv, sizeof dv);
        } else {
            sl_wide_put_i64(out, d->out_store, iv);
        }
        if (d->nullable) *(bool *)(row + d->null_off) = isnull;
    }
}

/* A column of a row, for sl_row_eq. */
typedef struct sl_eqdesc {
    uint8_t store;     /* enum sl_store */
    bool nullable;     /* a NULL flag at null_off */
    uint32_t off;      /* the value */
    uint32_t null_off; /* its NULL flag */
} sl_eqdesc;

/* True when rows a and b are equal in every column described by d (NULLs
 * equal; doubles as group keys compare, sl_f64_key_eq; strings by bytes). */
__attribute__((noinline, unused)) static bool sl_row_eq(const sl_eqdesc *d, size_t n,
                                                        const void *a_, const void *b_)
{
    const char *a = (const char *)a_, *b = (const char *)b_;
    for (size_t i = 0; i < n; i++, d++) {
        if (d->nullable) {
            bool na = *(const bool *)(a + d->null_off), nb = *(const bool *)(b + d->null_off);
            if (na != nb) return false;
            if (na) continue;
        }
        const char *x = a + d->off, *y = b + d->off;
        switch (d->store) {
        case SL_ST_F64:
            if (!sl_f64_key_eq(sl_wide_f64(x), sl_wide_f64(y))) return false;
            break;
        case SL_ST_STR: {
            sl_str p, q;
            memcpy(&p, x, sizeof p);
            memcpy(&q, y, sizeof q);
            if (!sl_str_eq(p, q)) return false;
            break;
        }
        default:
            if (sl_wide_i64(x, d->store) != sl_wide_i64(y, d->store)) return false;
            break;
        }
    }
    return true;
}

/* One column a wide Calc copies unchanged from its input row. */
typedef struct sl_copydesc {
    uint32_t dst_off;     /* the value in the output row */
    uint32_t src_off;     /* the value in the input row */
    uint32_t size;        /* its bytes */
    int32_t dst_null_off; /* the output's NULL flag, or -1 (NOT NULL) */
    int32_t src_null_off; /* the input's NULL flag, or -1 (never NULL) */
} sl_copydesc;

/* Copies the columns described by d from row src to row dst. */
__attribute__((noinline, unused)) static void sl_row_copy(const sl_copydesc *d, size_t n,
                                                          const void *src_, void *dst_)
{
    const char *src = (const char *)src_;
    char *dst = (char *)dst_;
    for (size_t i = 0; i < n; i++, d++) {
        memcpy(dst + d->dst_off, src + d->src_off, d->size);
        if (d->dst_null_off >= 0)
            *(bool *)(dst + d->dst_null_off) =
                d->src_null_off >= 0 && *(const bool *)(src + d->src_null_off);
    }
}

#endif
