/* plan.h - the typed, resolved form of a program: the catalog, bound
 * expressions and the logical plan, a DAG of relational operators
 * (docs/architecture.md, "Logical plan").
 *
 * Every statement that produces rows (INSERT, CREATE ... AS, a bare
 * SELECT) becomes a Sink operator over a tree of operators; trees share
 * nodes where the program reads one thing twice (a view, a CTE, a source
 * table, a table another statement of the file produces), so the whole
 * program is one DAG. Each operator has inputs, an output schema (every
 * column knows whether it is an event-time attribute) and a change mode
 * for its output edge (append-only, retracting, upserting by a key).
 * Expressions refer to columns of the operator's input by position.
 *
 * The optimizer (optimize.c) rewrites the DAG in place; lower.c turns it
 * into the physical plan (phys.h) that codegen reads. Everything lives in
 * the compilation's Arena. */
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

typedef enum Connector {
    CONN_NONE,
    CONN_FILESYSTEM,
    CONN_KAFKA,
    CONN_UPSERT_KAFKA, /* 'connector' = 'upsert-kafka': key = PRIMARY KEY, tombstones delete */
    CONN_PRINT,
} Connector;

/* The encoding of a table's records. */
typedef enum Format {
    FMT_JSON,          /* one JSON object per record: append-only */
    FMT_DEBEZIUM_JSON, /* {"before":..,"after":..,"op":"c|u|d|r"}: a changelog */
} Format;

typedef enum Startup { STARTUP_GROUP_OFFSETS, STARTUP_EARLIEST, STARTUP_LATEST } Startup;

typedef struct Column {
    const char *name; /* as declared (also the JSON field name) */
    SrcPos pos;
    SqlType type;
} Column;

typedef struct BExpr BExpr;
typedef struct Op Op;

/* A table or stream the file declares (or a CREATE ... AS SELECT creates).
 * It becomes a runtime source when a query reads it from its connector and
 * a runtime sink when a statement writes it. */
typedef struct Table {
    const char *name;
    SrcPos pos;
    bool is_stream;
    Column *cols;
    int n_cols;
    int wm_col;     /* index of the WATERMARK FOR column (event time), -1 if none */
    BExpr *wm_expr; /* watermark expression over the row, TIMESTAMP */
    SrcPos wm_pos;
    int *pk; /* PRIMARY KEY columns (n_pk of them) */
    int n_pk;
    SrcPos pk_pos;
    /* connector options */
    Connector connector;
    SrcPos connector_pos;
    Format format;
    SrcPos format_pos;
    /* 'value.fields-include' = 'EXCEPT_KEY' (upsert-kafka): the message
     * value holds only the columns outside the PRIMARY KEY, which come from
     * the message key (Flink's upsert-kafka option) */
    bool value_except_key;
    SrcPos fields_include_pos;
    const char *path;
    const char *topic;
    const char *bootstrap;
    const char *group_id;
    /* sources: the dead-letter queue of malformed and late records
     * ('dead-letter.path': a JSON-lines file; 'dead-letter.topic': a Kafka
     * topic on the source's brokers); NULL when none */
    const char *dead_letter_path;
    const char *dead_letter_topic;
    /* Kafka sinks: 'sink.delivery-guarantee' = 'exactly-once' (one
     * transaction per checkpoint, with transactional ids from
     * 'sink.transactional-id-prefix'; Flink's KafkaSink options) */
    bool exactly_once;
    const char *txn_prefix;
    SrcPos delivery_pos;
    Startup startup;
    const char **prop_keys; /* other properties.* (prefix stripped) */
    const char **prop_vals;
    int n_props;
    /* usage, filled by the binder */
    int source_index;      /* index in Catalog.sources, -1 if not read from its connector */
    int sink_index;        /* index in Catalog.sinks, -1 if not written */
    bool *col_used;        /* per column: the program reads it (decoders skip the rest) */
    HMap col_index;        /* column positions by hmap_hash_name (cat_column) */
    bool produced;         /* written by a statement of this file (CREATE ... AS or INSERT) */
    bool produced_by_ctas; /* created by CREATE ... AS: readers see its time attributes */
    Op *scan;              /* the Scan of its connector, when read from it */
    Op *produce;           /* the Union of the rows the file writes into it (read in-process) */
    bool is_stdout;        /* a bare SELECT's result (print to stdout) */
    SrcPos read_pos;       /* first read from its connector */
    int read_stmt;         /* the statement of that read */
    SrcPos write_pos;      /* first written */
} Table;

/* A CREATE VIEW (or a WITH entry while its query is bound): a named query,
 * bound once on first use and shared by every reader (common subplan). */
struct CteScope;

typedef struct View {
    const char *name;
    SrcPos pos;
    const char **cols; /* column names given after the view name, or NULL */
    int n_cols;
    const QueryExpr *query;
    Op *op;               /* the bound plan, once bound */
    bool busy;            /* being bound: a reference now is a cycle */
    struct CteScope *env; /* the WITH entries its query sees (binder-private) */
} View;

typedef struct Catalog {
    Table **tables;
    int n_tables;
    View **views;
    int n_views;
    Table **sources; /* tables read from their connector, in order of first use */
    int n_sources;
    Table **sinks; /* tables written, in order of first use */
    int n_sinks;
} Catalog;

/* Case-insensitive lookups; NULL when absent. */
Table *cat_find(const Catalog *c, const char *name);
View *cat_find_view(const Catalog *c, const char *name);
/* Index of column `name` in t (case-insensitive), -1 when absent. */
int cat_column(const Table *t, const char *name);

/* ---- bound expressions ------------------------------------------------------ */

typedef enum BExprKind {
    BX_LIT,     /* constant: u.lit (a NULL literal has lit.is_null) */
    BX_COL,     /* column u.index of the operator's input row */
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
    FN_IS_DISTINCT, /* args[0] IS DISTINCT FROM args[1] (never NULL) */
    FN_NOT_NULL,    /* TRUE when args[0] is not NULL; else the run fails: args[1], args[2]
                     * are the sink table and column (Flink's sink NOT NULL enforcer) */
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

/* ---- operators ------------------------------------------------------------ */

/* The change mode of an operator's output (Flink's changelog model):
 * append-only (+I only), retracting (+I, -U, +U, -D), or upserting by a
 * unique key (+I/+U replace the row with that key, -D deletes it). */
typedef enum ChangeMode { CM_APPEND, CM_RETRACT, CM_UPSERT } ChangeMode;

/* One column of an operator's output. */
typedef struct Field {
    const char *name;
    SqlType type;
    bool time_attr; /* an event-time attribute: windows can be defined over it and
                     * its values never fall behind the operator's watermark */
} Field;

typedef enum OpKind {
    OP_SCAN,      /* a table read from its connector: its columns */
    OP_CALC,      /* WHERE + projection over one input; with n_sets > 0 an Expand */
    OP_WINDOW,    /* window TVF: the input's columns + window_start, window_end, window_time */
    OP_AGG,       /* GROUP BY keys with aggregate calls (a window aggregation when the keys
                   * hold window_start and window_end of a window TVF) */
    OP_UNION,     /* UNION ALL of n inputs with one schema */
    OP_WATERMARK, /* a table's declared WATERMARK over rows produced in the file */
    OP_SINK,      /* writes its input to a table (or stdout) */
} OpKind;

typedef enum WindowKind { WIN_TUMBLE, WIN_HOP, WIN_CUMULATE, WIN_SESSION } WindowKind;

/* A window TVF (Flink window TVF rules; docs/architecture.md "Time and
 * state"). Durations in milliseconds. */
typedef struct WindowSpec {
    WindowKind kind;
    int time_col;   /* input column: an event-time attribute */
    int64_t size;   /* TUMBLE, HOP, CUMULATE (the max size) */
    int64_t slide;  /* HOP */
    int64_t step;   /* CUMULATE */
    int64_t gap;    /* SESSION */
    int64_t offset; /* alignment offset, in [0, size) */
    int *partition; /* SESSION PARTITION BY: input columns */
    int n_partition;
} WindowSpec;

typedef enum AggKind {
    AGG_COUNT_STAR,
    AGG_COUNT,
    AGG_SUM,
    AGG_AVG,
    AGG_MIN,
    AGG_MAX,
    AGG_STDDEV_POP,
    AGG_STDDEV_SAMP,
    AGG_VAR_POP,
    AGG_VAR_SAMP,
    AGG_FIRST_VALUE,
    AGG_LAST_VALUE,
    AGG_LISTAGG,
    AGG_APPROX_COUNT_DISTINCT,
    AGG_PERCENTILE_CONT,
    AGG_PERCENTILE_DISC,
    AGG_APPROX_PERCENTILE,
} AggKind;

/* One aggregate call of an Aggregate: its argument is a column of the
 * aggregate's input (a Calc below computes argument expressions). */
typedef struct AggCall {
    AggKind kind;
    int arg;       /* input column; -1 for COUNT(*) */
    bool distinct; /* COUNT/SUM/AVG/... (DISTINCT x) */
    int filter;    /* FILTER (WHERE ...): an input BOOLEAN column, or -1 */
    double frac;   /* PERCENTILE_*, APPROX_PERCENTILE: the fraction in [0, 1] */
    Literal sep;   /* LISTAGG: the separator (',' by default) */
    bool desc;     /* PERCENTILE_* WITHIN GROUP (ORDER BY x DESC) */
    SqlType type;  /* result type (Flink rules) */
    SrcPos pos;
} AggCall;

/* A column of an Aggregate's output that comes from its grouping: an
 * input column (a group key) or, for window aggregations, a window bound. */
typedef struct Agg {
    int *keys; /* input columns, in output order */
    int n_keys;
    AggCall *calls;
    int n_calls;
    /* window aggregation: keys[] includes the input's window_start and
     * window_end (and maybe window_time) */
    bool windowed;
    EmitMode emit;
    int64_t lateness; /* allowed lateness, ms (table.exec.emit.allow-lateness, GRACE PERIOD) */
    SrcPos emit_pos;
    int64_t ttl; /* idle state retention, ms, processing time (table.exec.state.ttl); 0 = forever */
    bool grouping_sets; /* the last key is the $e grouping-set id of an Expand below */
} Agg;

struct Op {
    OpKind kind;
    int id; /* position in Plan.ops; inputs come first */
    SrcPos pos;
    const char *label; /* for explain: the view, CTE or statement it comes from, or NULL */
    Op **in;
    int n_in;
    Field *cols; /* the output schema */
    int n_cols;
    ChangeMode mode;
    int *ukey; /* a unique key of the output (columns), or NULL when none is known */
    int n_ukey;
    bool *used; /* per output column: read by some consumer (after opt_program) */
    Op **out;   /* consumers (plan_link) */
    int n_out;
    /* OP_SCAN, OP_WATERMARK, OP_SINK */
    Table *table;
    /* OP_CALC: filter (NULL: all rows) and one expression per output column;
     * as an Expand, n_sets lists of n_cols expressions, one output row each */
    BExpr *filter;
    BExpr **exprs;
    BExpr ***sets;
    int n_sets;
    /* OP_WINDOW */
    WindowSpec win;
    /* OP_AGG */
    Agg agg;
    /* OP_SINK: the statement (for messages) and its number */
    SrcPos sink_pos;
    int stmt;
};

/* Options a file sets with SET 'key' = 'value' (Flink configuration keys). */
typedef struct Options {
    int64_t allow_lateness;      /* table.exec.emit.allow-lateness, ms */
    int64_t state_ttl;           /* table.exec.state.ttl, ms (0: forever) */
    int64_t idle_timeout;        /* table.exec.source.idle-timeout, ms (0: off) */
    int64_t checkpoint_interval; /* execution.checkpointing.interval, ms */
    /* state.checkpoints.dir (a local path; 'file://' stripped): the
     * program's --state-dir when the command line gives none; NULL: none */
    const char *checkpoints_dir;
} Options;

/* The bound program. */
typedef struct Plan {
    Catalog cat;
    Op **ops; /* every operator, inputs before consumers */
    int n_ops;
    Op **sinks; /* the OP_SINK operators, in statement order */
    int n_sinks;
    Options opts;
} Plan;

/* ---- building and reading plans (plan.c) ---------------------------------- */

/* A new operator of `kind` with n_in inputs (filled by the caller) and
 * n_cols output columns (zeroed), registered in p->ops. */
Op *plan_op(Arena *a, Plan *p, OpKind kind, int n_in, int n_cols);
/* Recomputes every operator's consumers (out/n_out) from the inputs of
 * the operators reachable from the sinks, drops unreachable operators from
 * p->ops and renumbers them in topological order (inputs first). */
void plan_link(Arena *a, Plan *p);
/* Derives each operator's change mode and unique key from its inputs
 * (Flink's changelog inference: aggregations without a window produce
 * updates keyed by their group keys; a window aggregation with EMIT
 * CHANGES or allowed lateness produces updates keyed by group and window).
 * Call after plan_link. */
void plan_derive(Arena *a, Plan *p);
/* The operator's name for messages and explain ("Calc", "WindowAggregate"). */
const char *plan_op_name(const Op *op);
/* The change mode's name: "append-only", "retract", "upsert". */
const char *plan_mode_name(ChangeMode m);

/* ---- binding, optimizing ---------------------------------------------------- */

/* Binds and type-checks the parsed program against the tables it declares and
 * plans its statements. Errors go through d (file:line:col: error: ...); returns
 * NULL when any was reported. Semantics follow Flink SQL (window TVF rules,
 * type inference, NULL logic, changelog inference); deviations are documented
 * in README.md. */
Plan *bind_program(Arena *a, Diag *d, const Program *prog);

/* Rewrites the plan without changing results: constant folding, predicate
 * pushdown through Calc, Union and Aggregate keys, merging of adjacent
 * Calcs, and the columns each operator must produce (down to the decoders).
 * Calls plan_link/plan_derive again at the end. */
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
