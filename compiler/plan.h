/* plan.h - the typed, resolved form of a program: catalog, bound
 * expressions and one linear plan per query.
 *
 * v0 queries are linear pipelines over one source:
 *
 *   Scan(source) -> Filter(WHERE) -> [WindowAssign(TUMBLE) -> Aggregate(keys, aggs)
 *                -> Filter(HAVING)] -> Project -> Sink
 *
 * so a Query holds those operators as fields rather than as a general tree.
 * Everything lives in the compilation's Arena. */
#ifndef SLUICE_PLAN_H
#define SLUICE_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "hmap.h"

/* A resolved SQL type. nullable is false only for NOT NULL columns and for
 * expressions that can never be NULL (literals, COUNT, ...). */
typedef struct SqlType {
    TypeKind kind;
    bool nullable;
} SqlType;

/* ---- catalog ------------------------------------------------------------- */

typedef enum Connector { CONN_NONE, CONN_FILESYSTEM, CONN_KAFKA, CONN_PRINT } Connector;

typedef enum Startup { STARTUP_GROUP_OFFSETS, STARTUP_EARLIEST, STARTUP_LATEST } Startup;

typedef struct Column {
    const char *name; /* as declared (also the JSON field name) */
    SrcPos pos;
    SqlType type;
} Column;

typedef struct BExpr BExpr;

/* A table or stream the file declares (or a CREATE ... AS SELECT creates).
 * It becomes a runtime source when a query reads it and a runtime sink when
 * a query writes it. */
typedef struct Table {
    const char *name;
    SrcPos pos;
    bool is_stream;
    Column *cols;
    int n_cols;
    int wm_col;     /* index of the WATERMARK FOR column (event time), -1 if none */
    BExpr *wm_expr; /* watermark expression over the row, TIMESTAMP */
    SrcPos wm_pos;
    /* connector options */
    Connector connector;
    SrcPos connector_pos;
    const char *path;
    const char *topic;
    const char *bootstrap;
    const char *group_id;
    Startup startup;
    const char **prop_keys; /* other properties.* (prefix stripped) */
    const char **prop_vals;
    int n_props;
    /* usage, filled by the binder */
    int source_index; /* index in Catalog.sources, -1 if not read */
    int sink_index;   /* index in Catalog.sinks, -1 if not written */
    bool *col_used;   /* per column: some query (or the watermark) reads it */
    HMap col_index;   /* column positions by hmap_hash_name (cat_column) */
    bool produced;    /* written by CREATE ... AS SELECT of this file */
} Table;

typedef struct Catalog {
    Table **tables;
    int n_tables;
    Table **sources; /* tables read by some query, in order of first use */
    int n_sources;
    Table **sinks; /* tables written by some query, in order of first use */
    int n_sinks;
} Catalog;

/* Case-insensitive lookup; NULL when absent. */
Table *cat_find(const Catalog *c, const char *name);
/* Index of column `name` in t (case-insensitive), -1 when absent. */
int cat_column(const Table *t, const char *name);

/* ---- bound expressions ------------------------------------------------------ */

typedef enum BExprKind {
    BX_LIT,     /* constant: u.lit (a NULL literal has lit.is_null) */
    BX_COL,     /* source column u.index (row context) */
    BX_WSTART,  /* window_start: row context = computed from the time column; agg context = the
                   window's */
    BX_WEND,    /* window_end */
    BX_WTIME,   /* window_time = window_end - 1 ms */
    BX_KEY,     /* group key u.index (aggregate context) */
    BX_AGG,     /* aggregate call u.index (aggregate context) */
    BX_UNARY,   /* u.op (UOP_NEG / UOP_NOT), args[0] */
    BX_BINARY,  /* u.op (BinaryOp), args[0], args[1] */
    BX_IS_NULL, /* args[0]; u.negated */
    BX_IN,      /* args[0] IN (args[1..n)); u.negated */
    BX_LIKE,    /* args[0] LIKE args[1] [ESCAPE args[2]]; u.negated */
    BX_CASE,    /* searched: args = when0, then0, when1, then1, ..., [else]; u.has_else */
    BX_CAST,    /* args[0] converted to type */
    BX_FUNC,    /* scalar function u.fn over args */
} BExprKind;

typedef enum ScalarFn {
    FN_UPPER,
    FN_LOWER,
    FN_TRIM,
    FN_LTRIM,
    FN_RTRIM,
    FN_SUBSTRING,
    FN_CHAR_LENGTH,
    FN_CONCAT,
    FN_ABS,
    FN_ROUND,
    FN_FLOOR,
    FN_CEIL,
    FN_MOD,
    FN_COALESCE,
} ScalarFn;

typedef struct Literal {
    bool is_null;
    bool b;
    int64_t i; /* integers, TIMESTAMP ms, INTERVAL ms */
    double d;
    const char *s; /* VARCHAR bytes (may contain NUL; length in slen) */
    int64_t slen;
} Literal;

struct BExpr {
    BExprKind kind;
    SqlType type;
    SrcPos pos;
    union {
        Literal lit;
        int index;
        int op;
        bool negated;
        bool has_else;
        ScalarFn fn;
    } u;
    BExpr **args;
    int n_args;
};

/* ---- aggregates ----------------------------------------------------------- */

typedef enum AggKind { AGG_COUNT_STAR, AGG_COUNT, AGG_SUM, AGG_AVG, AGG_MIN, AGG_MAX } AggKind;

/* State slots of one aggregation: aggregate calls share them (AVG(x) reads
 * the SUM(x) and COUNT(x) slots, which a SUM(x) in the same query reuses). */
typedef enum SlotKind {
    SLOT_COUNT_STAR, /* int64 rows */
    SLOT_COUNT,      /* int64 non-NULL values of arg */
    SLOT_SUM, /* running sum of arg (C type of the SUM result); NULL while its COUNT slot is 0 */
    SLOT_MIN, /* min of arg + "has value" flag */
    SLOT_MAX,
} SlotKind;

typedef struct AggSlot {
    SlotKind kind;
    BExpr *arg;     /* row-context argument (NULL for COUNT_STAR) */
    SqlType type;   /* value type stored */
    int count_slot; /* SLOT_SUM: the SLOT_COUNT slot of the same arg */
    int same_arg;   /* an earlier slot with an equal arg (its value is reused), or -1 */
} AggSlot;

typedef struct AggCall {
    AggKind kind;
    BExpr *arg; /* row context; NULL for COUNT(*) */
    SqlType
        type; /* result type (Flink rules: SUM/AVG/MIN/MAX of T is T; COUNT is BIGINT NOT NULL) */
    int slot; /* main slot (COUNT_STAR, COUNT, SUM, MIN, MAX) */
    int count_slot; /* AVG: the COUNT slot (slot is the SUM slot) */
    SrcPos pos;
} AggCall;

/* ---- queries ---------------------------------------------------------------- */

typedef enum WindowKind { WIN_NONE, WIN_TUMBLE } WindowKind;

typedef struct OutCol {
    const char *name;
    SqlType type;
    BExpr *expr; /* row context (no aggregation) or aggregate context; already cast to `type` */
} OutCol;

typedef struct Query {
    int index; /* q0, q1, ... in statement order */
    SrcPos pos;
    Table *source;
    Table *sink;
    SrcPos source_pos; /* where the query names its source (FROM) */
    SrcPos sink_pos;   /* and its sink (INSERT INTO / CREATE ... AS) */
    BExpr *filter;     /* WHERE, row context; NULL = all rows */
    WindowKind window;
    int time_col; /* window time column (the source's watermark column) */
    int64_t size_ms;
    int64_t offset_ms;
    bool has_agg;
    bool grouped_by_window; /* GROUP BY window_start, window_end */
    BExpr **keys;           /* group keys, row context (without window_start/end) */
    int n_keys;
    AggCall *aggs;
    int n_aggs;
    AggSlot *slots;
    int n_slots;
    HMap key_index, agg_index, slot_index; /* by bexpr_hash: keys, aggs, slots */
    BExpr *having;                         /* aggregate context; NULL = all groups */
    OutCol *out;
    int n_out;
} Query;

/* The bound program. */
typedef struct Plan {
    Catalog cat;
    Query **queries;
    int n_queries;
} Plan;

/* Binds and type-checks the parsed program against the tables it declares and
 * plans its queries. Errors go through d (file:line:col: error: ...); returns
 * NULL when any was reported. Semantics follow Flink SQL (window TVF rules,
 * type inference, NULL logic); deviations are documented in README.md. */
Plan *bind_program(Arena *a, Diag *d, const Program *prog);

/* Rewrites every query in place: constant folding, HAVING conjuncts on group
 * keys pushed into WHERE, WHERE FALSE/TRUE simplification, and the per-source
 * "columns read" sets that let decoders skip everything else. Never changes
 * results. */
void opt_program(Arena *a, Plan *p);

/* Constant-folds e (returns e or a new BX_LIT). */
BExpr *opt_fold(Arena *a, BExpr *e);

/* Structural equality of bound expressions (for GROUP BY matching and
 * aggregate sharing). */
bool bexpr_equal(const BExpr *x, const BExpr *y);
/* A hash consistent with bexpr_equal (equal expressions hash alike). */
uint64_t bexpr_hash(const BExpr *x);

/* SQL name of a type, e.g. "BIGINT", "TIMESTAMP(3)". */
const char *type_name(TypeKind k);

#endif
